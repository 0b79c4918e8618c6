//! The report's title: where it is printed among the first lines of a page or a file, on one
//! line or wrapped over several, spaced out, under a page label ("标题：") or with its agency on
//! a line of its own. `meta` reads the agency and the year from what this finds.

use std::ops::Range;

use super::chrome;

/// The title: the first line mentioning 政府信息公开 and 报告 near the start; the title may wrap
/// onto a second line ("…政府信息公开工作" / "年度报告") or run into the preamble.
pub(crate) fn find_title(
    text: &str,
    lines: &[(usize, &str)],
    content_start: usize,
    chrome: &chrome::ChromeLines,
) -> Option<Range<usize>> {
    let mut seen = 0;
    // The last short line before the title that reads as an agency name: a title printed on two
    // lines (the agency alone, then "2024 年政府信息公开工作年度报告").
    let mut agency_line: Option<usize> = None;
    // A title without a year ("政府信息公开年报" in a site's menu, a running header "淮安市人民
    // 政府政府信息公开工作年度报告"): taken only if no title with a year follows.
    let mut yearless: Option<Range<usize>> = None;
    // The line after a contents list, where the title is: the list's lines are passed over.
    let mut contents_end = 0;
    for (idx, &(off, line)) in lines.iter().enumerate() {
        if idx < contents_end {
            continue;
        }
        let label = title_label_len(line.trim_start());
        if off < content_start || line.trim().is_empty() || (label == 0 && chrome.at(off, line)) {
            continue;
        }
        seen += 1;
        // The title is among the first lines; past them (a site's menu of tens of lines before
        // the article), only a line that reads as a title on its own is one: short, no sentence.
        let title_like =
            |c: &str| c.chars().count() <= 60 && !c.contains(['。', '，', ',', '；', ';', '：']);
        if seen > 80 || (seen > 6 && !title_like(line.trim())) {
            if seen > 80 || yearless.is_some() {
                break;
            }
            continue;
        }
        // Past a paragraph of the report's text, no line is its title (a link to another
        // report after the text, a one-line crawl whose title is only in its header).
        let t = line.trim();
        let opens_text = || super::text::opens_sentence(t);
        let titled_start = || {
            t.char_indices()
                .take(80)
                .any(|(i, _)| t[i..].starts_with("报告"))
        };
        if label == 0
            && t.len() > 300
            && t.contains(['。', '，'])
            && (opens_text() || !titled_start())
        {
            break;
        }
        // A page label before the title ("标题：…") is not part of it.
        let lead = line.len() - line.trim_start().len() + label;
        // A site's menu joined onto the title's line (`首页 政务公开 某局2024年…`, a page's
        // strings joined by spaces) is not part of it.
        let lead = lead + leading_chrome_words(&line[lead..]);
        let c = line[lead..].trim();
        if c.is_empty() {
            continue;
        }
        // A document number over the title (a red-head 公文's `淮安办发〔2025〕7号`) is no part
        // of it, nor of the agency: with a year in it, it was taken for the title's first line.
        if is_document_number(c) {
            agency_line = None;
            continue;
        }
        // A page's label in brackets ("（公开属性：主动公开）", "【打印本页】") is no heading.
        let bracketed = c.chars().count() <= 30
            && c.chars().count() >= 5
            && [('(', ')'), ('（', '）'), ('【', '】'), ('[', ']')]
                .iter()
                .any(|&(o, e)| c.starts_with(o) && c.ends_with(e));
        if c.starts_with("一、") || c.starts_with('(') && !bracketed {
            // A contents list before the title (a cover's 目录, its entries with or without
            // page numbers) is passed over; the report's first heading ends the search.
            if let Some(title_at) = title_after_contents(lines, idx) {
                contents_end = title_at;
                continue;
            }
            break;
        }
        // Tested without white space: a title spaced out ("汝 州 市 … 年 度 报 告") is one.
        let cc = compact_han(c);
        let has_subject = cc.contains("信息公开") || cc.contains("政务公开");
        let has_year = cc.chars().filter(|ch| ch.is_ascii_digit()).count() >= 4;
        let wrapped = has_subject
            && lines.get(idx + 1).is_some_and(|(_, n)| {
                let n = n.trim();
                n.starts_with("年度报告")
                    || n.starts_with("度报告")
                    || n.starts_with("报告")
                    || n.starts_with("工作年度报告")
            });
        if !reads_as_report_title(&cc) && !wrapped {
            if let Some(end) = wrapped_title_end(lines, idx, c) {
                if let Some(t) = take_title(off + lead..end, &mut yearless, text) {
                    return Some(t);
                }
            }
            // The agency alone ("淮安市人民政府"), or with the year ("淮安市人民政府2024年",
            // the title going on "政府信息公开工作年度报告"); a line of the year alone
            // ("2024年度") between the agency and the title keeps the agency.
            let (name, year) = strip_year_suffix(&cc);
            let short = c.chars().count() <= 40 && !c.contains(['。', '，', ',', '；', ':', '：']);
            // (A bracketed label there too keeps it.)
            agency_line = if short && super::meta::plausible_agency(name) {
                Some(idx)
            } else if (short && name.is_empty() && year) || bracketed {
                agency_line
            } else {
                None
            };
            continue;
        }
        // A report-opening sentence ("本报告根据…") is not a title.
        if super::text::opens_sentence(c) {
            agency_line = None;
            continue;
        }
        // Links to other reports (other years, other agencies) listed before the report's own
        // title: a title with its year followed by another is one of them (not by itself
        // printed again: a page's heading over the article's own, `某乡` / `2021年…年度报告` /
        // `2021年…年度报告`).
        let next_is_title = lines[idx + 1..]
            .iter()
            .take(20)
            .map(|(_, l)| l.trim())
            .find(|l| !l.is_empty())
            .is_some_and(|n| {
                compact_han(n) != cc
                    && n.chars().filter(|ch| ch.is_ascii_digit()).count() >= 4
                    && (n.contains("年度报告") || n.contains("年报"))
                    && (n.contains("信息公开") || n.contains("政务公开"))
                    && title_like(n)
            });
        // (Only a line that is a title alone: a body crawled into one line after its title is
        // the report, whatever report follows it.)
        if has_year && label == 0 && title_like(c) && next_is_title {
            agency_line = None;
            continue;
        }
        // The agency printed on the line(s) above a title that starts with its year or its
        // subject (nothing of an agency before 政府信息公开 / 政务公开).
        let subject_at = ["政府信息公开", "政务公开", "信息公开"]
            .iter()
            .filter_map(|w| cc.find(w))
            .min()
            .unwrap_or(0);
        let no_agency = strip_year_suffix(&cc[..subject_at]).0.is_empty();
        let start = match agency_line {
            Some(a) if label == 0 && no_agency => {
                let (aoff, aline) = lines[a];
                aoff + (aline.len() - aline.trim_start().len())
            }
            _ => off + lead,
        };
        if let Some(e) = title_end_in(&cc) {
            let c_at = line.len() - line[lead..].trim_start().len();
            let mut end = c_at + raw_end(c, e);
            // Closing marks and a notice's words after the title's last word belong to it
            // ("《…年度报告》", "关于…年度报告的公告"): else they stand as a preamble.
            end += title_tail_len(&line[end..]);
            // A parenthesised agency right after the title belongs to it, and so does the
            // agency printed after it on its line ("…年度报告 某局", a crawl's title and byline).
            let rest = &line[end..];
            if rest.starts_with('(') {
                if let Some(q) = rest.find(')') {
                    if rest[..q].chars().count() <= 40 {
                        end += q + 1;
                    }
                }
            } else if (rest.starts_with(char::is_whitespace)
                && super::meta::plausible_agency(rest.trim()))
                || bare_year_tail(rest)
            {
                // (Or the year printed bare after it: "…年度报告 2023", "…年度报告-2023".)
                end = line.trim_end().len();
            }
            let mut end = off + end;
            // …or on the line after it ("2022年度政府信息公开工作年度报告" / "(某局)", or
            // the agency alone under a title that names none).
            if rest.trim().is_empty() {
                if let Some(e) = agency_after(lines, idx, no_agency && agency_line.is_none()) {
                    end = e;
                } else if let Some(e) = year_apart_after(lines, idx, &cc) {
                    end = e;
                }
            }
            if let Some(t) = take_title(start..end, &mut yearless, text) {
                return Some(t);
            }
        }
        // "…政府信息公开工作" + next line "年度报告".
        if let Some(&(noff, next)) = lines.get(idx + 1) {
            let n = next.trim();
            if n.starts_with("年度报告")
                || n.starts_with("度报告")
                || n.starts_with("报告")
                || n.starts_with("工作年度报告")
            {
                let end = noff
                    + (next.len() - next.trim_start().len())
                    + n.find("报告").unwrap()
                    + "报告".len();
                if let Some(t) = take_title(start..end.min(text.len()), &mut yearless, text) {
                    return Some(t);
                }
            }
        }
    }
    yearless
}

/// A 公文's document number alone on its line: an issuer's abbreviation, the year in brackets
/// and a serial number (`淮安办发〔2025〕7号`, `某政办〔2024〕12 号`, `X发[2023]3号`).
fn is_document_number(t: &str) -> bool {
    let Some(body) = t.trim().strip_suffix('号') else {
        return false;
    };
    let body = body.trim_end();
    let serial = body.trim_end_matches(|c: char| c.is_ascii_digit());
    if serial.len() == body.len() || t.chars().count() > 30 {
        return false;
    }
    let serial = serial.trim_end();
    let Some(close) = serial.chars().last().filter(|c| "〕]］)）".contains(*c)) else {
        return false;
    };
    let inner = &serial[..serial.len() - close.len_utf8()];
    let open = inner.rfind(['〔', '[', '［', '(', '（']);
    open.is_some_and(|o| {
        let year = inner[o..]
            .trim_start_matches(['〔', '[', '［', '(', '（'])
            .trim();
        year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && o > 0
    })
}

/// A line that is a year alone, in digits ("2024").
fn bare_year(t: &str) -> bool {
    t.len() == 4
        && (t.starts_with("19") || t.starts_with("20"))
        && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `rest` (what follows a title's last word on its line) is the year alone, printed
/// bare: " 2023", "-2023", "（2023）".
fn bare_year_tail(rest: &str) -> bool {
    let t = rest
        .trim()
        .trim_start_matches(['-', '—', '－', '_'])
        .trim_start()
        .trim_start_matches(['(', '（', '[', '【'])
        .trim_end_matches([')', '）', ']', '】'])
        .trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"))
}

/// The byte length of the menu words that open `s` (see [`chrome::leading_menu_words`]) when a
/// title follows them on the line, else 0.
fn leading_chrome_words(s: &str) -> usize {
    let end = chrome::leading_menu_words(s);
    if end > 0 && title_end_in(&compact_han(&s[end..])).is_some() {
        end
    } else {
        0
    }
}

/// Closing marks of a title's quotes or brackets, and the words of a notice publishing a report
/// (关于…年度报告的公告), that end a title's line after its last word.
const TITLE_CLOSERS: &[char] = &['》', '”', '"', '」', '』', '】', ']'];
const NOTICE_ENDINGS: &[&str] = &["的公告", "的通知", "的通告"];
/// A file's extension after a title written as the name of its file (an attachment's link:
/// `…年度报告.pdf`).
const FILE_EXTENSIONS: &[&str] = &[
    ".pdf", ".docx", ".doc", ".wps", ".ofd", ".html", ".htm", ".txt",
];

/// The byte length of what ends a title's line after its last word when that is only closing
/// marks, a notice's words and a file's extension (white space around them included); 0 when
/// anything else follows.
fn title_tail_len(rest: &str) -> usize {
    let t = rest.trim_start().trim_start_matches(TITLE_CLOSERS);
    let t = NOTICE_ENDINGS
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .unwrap_or(t)
        .trim_start_matches(TITLE_CLOSERS);
    let t = FILE_EXTENSIONS
        .iter()
        .find_map(|e| {
            t.get(..e.len())
                .filter(|x| x.eq_ignore_ascii_case(e))
                .map(|_| &t[e.len()..])
        })
        .unwrap_or(t);
    if t.trim().is_empty() && !rest.trim().is_empty() {
        rest.trim_end().len()
    } else {
        0
    }
}

/// The end of the next non-empty line after line `idx` when it is the year alone and the title
/// `cc` (its compact text) has none: printed in another font, a PDF extraction may set it on a
/// line of its own ("某局 年政府信息公开工作年度报告" / "2024"); `meta` puts it back in the gap.
fn year_apart_after(lines: &[(usize, &str)], idx: usize, cc: &str) -> Option<usize> {
    if cc.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let &(off, line) = lines[idx + 1..]
        .iter()
        .find(|(_, l)| !l.trim().is_empty())?;
    bare_year(line.trim()).then(|| off + line.trim_end().len())
}

/// Words a preface's sentence opens with, which no agency's name does.
const PROSE_OPENERS: &[&str] = &["本报告", "本年度报告", "根据", "依据", "按照", "依照", "由"];

/// The end of the next non-empty line after line `idx` when it is an agency in parentheses
/// and nothing else, or (`bare`) the agency alone: the agency a title names below itself.
fn agency_after(lines: &[(usize, &str)], idx: usize, bare: bool) -> Option<usize> {
    let &(off, line) = lines[idx + 1..]
        .iter()
        .find(|(_, l)| !l.trim().is_empty())?;
    let t = line.trim();
    let inner = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => inner.trim(),
        // (Not a sentence of the preface wrapped after the title's line: `本报告由某局根据《中华
        // 人民共和国政府` ends as an agency does.)
        None if bare
            && !t.contains(['。', '，', ',', '；', ':', '：', ' ', '《', '》'])
            && !PROSE_OPENERS.iter().any(|w| t.starts_with(w)) =>
        {
            t
        }
        None => return None,
    };
    let lead = line.len() - line.trim_start().len();
    (inner.chars().count() <= 40 && super::meta::plausible_agency(inner))
        .then_some(off + lead + t.len())
}

/// A title with its year is the title; the first without one is kept while a later line may
/// still be the title with its year.
fn take_title(
    r: Range<usize>,
    yearless: &mut Option<Range<usize>>,
    text: &str,
) -> Option<Range<usize>> {
    let t = &text[r.clone()];
    // A year in digits, or in Chinese numerals ("二〇二二年度"); "年度" alone is no year: the
    // column's name over a page ("政府信息公开工作年度报告") names no agency and no year.
    let han_year = t.match_indices('年').any(|(i, _)| {
        t[..i]
            .chars()
            .rev()
            .take_while(|c| "〇零○一二三四五六七八九".contains(*c))
            .count()
            >= 4
    });
    let has_year = t.chars().filter(|c| c.is_ascii_digit()).count() >= 4 || han_year;
    if has_year {
        return Some(r);
    }
    yearless.get_or_insert(r);
    None
}

/// Page labels a crawled page prints before the title ("标题：…", "文章标题:…"; a reader
/// service's markdown header "Title: …").
const TITLE_LABELS: &[&str] = &[
    "Title",
    "TITLE",
    "title",
    "文章标题",
    "信息标题",
    "信息名称",
    "报告名称",
    "文件名称",
    "标题",
    "名称",
    "题目",
    "主题",
];

/// Byte length of a title label and its colon (and the white space and opening quote after
/// it: a YAML front matter's `title: "…"`) at the start of `s`, or 0. The colon is required: a
/// title never opens with these words followed by one. A page's info box crawled as a table
/// row prints the label in a cell of its own instead (`| 标 题 | 某局2023年…报告 | ||`,
/// `标题⇥…`, `标      题 …`): there a cell's edge (white space, a tab, a pipe) stands for the
/// colon, but only before a report's title, so that no title's own first word is taken.
pub fn title_label_len(s: &str) -> usize {
    // (The row's opening border.)
    let row = s.strip_prefix('|').map_or(s, str::trim_start);
    for l in TITLE_LABELS {
        if let Some(rest) = super::text::strip_spaced_prefix(row, l) {
            let rest2 = rest.trim_start();
            if let Some(after) = rest2.strip_prefix(':').or_else(|| rest2.strip_prefix('：')) {
                let after = after.trim_start();
                let after = after
                    .strip_prefix(['"', '\'', '“'])
                    .map_or(after, str::trim_start);
                return s.len() - after.len();
            }
            if rest.starts_with(|c: char| c.is_whitespace() || c == '|') {
                let after = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '|');
                if reads_as_report_title(&compact_han(label_cell(after))) {
                    return s.len() - after.len();
                }
            }
        }
    }
    0
}

/// The first cell of a crawled row: `s` up to its next tab or pipe (a title holds neither).
pub(crate) fn label_cell(s: &str) -> &str {
    s.find(['\t', '|']).map_or(s, |i| &s[..i]).trim_end()
}

/// A trailing year ("…2024年", "…2024年度", "2024", "…二〇二四年") cut off: (the rest,
/// whether there was one).
fn strip_year_suffix(s: &str) -> (&str, bool) {
    let t = s.trim_end_matches(['年', '度']);
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 4 {
        return (&t[..t.len() - 4], true);
    }
    // A year in Chinese numerals: 一九…/二〇… and two more.
    let cn = |c: char| "〇○零一二三四五六七八九".contains(c);
    let tail: Vec<(usize, char)> = t.char_indices().rev().take(4).collect();
    if tail.len() == 4
        && tail.iter().all(|&(_, c)| cn(c))
        && matches!(
            (tail[3].1, tail[2].1),
            ('一', '九') | ('二', '〇' | '○' | '零')
        )
    {
        (&t[..tail[3].0], true)
    } else {
        (s, false)
    }
}

/// The Han text of a line without white space (a title wrapped or spaced out by a PDF).
fn compact_han(s: &str) -> String {
    super::text::without_whitespace(s)
}

/// The most entries a contents list before the title holds (each part and subsection).
const MAX_CONTENTS_ENTRIES: usize = 24;

/// Where the report's title is after a contents list that starts at line `first`: a run of
/// short numbered headings (`一、总体情况`, `一、总体情况⇥1`, `（一）主动公开……2`) with nothing
/// else among them, followed by a line that reads as a report's title with its year (or by two
/// short lines at most above one: its agency, its year, the year then on them).
fn title_after_contents(lines: &[(usize, &str)], first: usize) -> Option<usize> {
    let mut entries = 0;
    for (idx, &(_, line)) in lines.iter().enumerate().skip(first) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let cc = compact_han(t);
        let entry = chrome::opens_with_heading_number(t)
            && t.chars().count() <= 40
            && !t.contains(['。', '，', ',', '；', ';', '：']);
        if entry && !reads_as_report_title(&cc) {
            entries += 1;
            if entries > MAX_CONTENTS_ENTRIES {
                return None;
            }
            continue;
        }
        if entries == 0 {
            return None;
        }
        // The title, or its agency and year on lines of their own above it.
        // (A title alone on its line: no sentence that names a report.)
        // (Its year may be on a line above it: `某局` / `2022年度` / `政府信息公开工作年度报告`.)
        let four_digits = |cc: &str| cc.chars().filter(|ch| ch.is_ascii_digit()).count() >= 4;
        let mut year_above = false;
        let title_line = |cc: &str, year_above: bool| {
            (year_above || four_digits(cc))
                && (reads_as_report_title(cc)
                    || (year_above && (cc.contains("年度报告") || cc.contains("年报"))))
                && cc.chars().count() <= 60
                && !cc.contains(['。', '，', ',', '；', ';'])
        };
        let mut above = 0;
        for &(_, next) in &lines[idx..] {
            let n = next.trim();
            if n.is_empty() {
                continue;
            }
            let cc = compact_han(n);
            if title_line(&cc, year_above) {
                return Some(idx);
            }
            year_above |= four_digits(&cc);
            above += 1;
            if above > 2 || n.chars().count() > 40 || n.contains(['。', '，', ',', '；', ';']) {
                return None;
            }
        }
        return None;
    }
    None
}

/// Whether a line's compact text is a report's title on its own: it names the report (年度报告,
/// 年报, or 报告 with a year) and its subject (信息公开, 政务公开) or its year.
pub(crate) fn reads_as_report_title(cc: &str) -> bool {
    let has_subject = cc.contains("信息公开") || cc.contains("政务公开");
    let has_year = cc.chars().filter(|ch| ch.is_ascii_digit()).count() >= 4;
    let titled =
        cc.contains("年度报告") || cc.contains("年报") || (has_year && cc.contains("报告"));
    titled && (has_subject || has_year)
}

/// The byte end, in a compact title, of the word that ends it: the first of 年度报告, 年报,
/// 工作报告, 报告 that it holds after its subject (信息公开, 政务公开) when it names one (a
/// column's label before the title, "【年度报告】某局2024年政府信息公开工作年度报告", is no end).
fn title_end_in(cc: &str) -> Option<usize> {
    let from = ["信息公开", "政务公开"]
        .iter()
        .filter_map(|w| cc.find(w))
        .min()
        .unwrap_or(0);
    ["年度报告", "年报", "工作报告", "报告"]
        .iter()
        .find_map(|w| cc[from..].find(w).map(|p| from + p + w.len()))
        .or_else(|| {
            ["年度报告", "年报", "工作报告", "报告"]
                .iter()
                .find_map(|w| cc.find(w).map(|p| p + w.len()))
        })
}

/// The byte index in `raw` just after its first `compact_len` bytes of text that is not white
/// space: where a position found in the line's compact form falls in the line.
fn raw_end(raw: &str, compact_len: usize) -> usize {
    if compact_len == 0 {
        return 0;
    }
    let mut n = 0;
    for (i, ch) in raw.char_indices() {
        if ch.is_whitespace() {
            continue;
        }
        n += ch.len_utf8();
        if n >= compact_len {
            return i + ch.len_utf8();
        }
    }
    raw.len()
}

/// A title wrapped over two or three lines at any character, as a PDF or a narrow column breaks
/// it ("某局2024年政府信息" / "公开工作年度报告"), where no line after the first is a title with
/// its year on its own: the end of the title's last word. The first line holds the year or is the agency
/// alone, so that a menu's link above the title is never joined to it.
fn wrapped_title_end(lines: &[(usize, &str)], idx: usize, first: &str) -> Option<usize> {
    let has_year =
        |c: &str| c.chars().filter(|c| c.is_ascii_digit()).count() >= 4 || c.contains(['〇', '○']);
    let mut joined = compact_han(first);
    let mut next = lines[idx + 1..]
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .peekable();
    // The year printed apart, in another font, on a line of its own after the title's first
    // line, which leaves a gap for it ("某局 年政府信息公开工作年度报" / "2024" / "告": a PDF
    // extraction that breaks lines at a change of font).
    let year_apart = !has_year(&joined)
        && (joined.contains("信息公开") || joined.contains("政务公开"))
        && next.peek().is_some_and(|(_, l)| bare_year(l.trim()));
    let year_or_agency = has_year(&joined)
        || year_apart
        || super::meta::plausible_agency(strip_year_suffix(&joined).0);
    if !year_or_agency {
        return None;
    }
    if year_apart {
        next.next();
    }
    for &(off, line) in next.take(2) {
        let t = line.trim();
        let tc = compact_han(t);
        if tc.chars().count() > 40
            || t.contains(['。', '，', ',', '；', ';', '：'])
            || t.starts_with("一、")
            || (reads_as_report_title(&tc) && has_year(&tc))
        {
            return None;
        }
        let before = joined.len();
        joined.push_str(&tc);
        if reads_as_report_title(&joined) {
            let e = title_end_in(&joined).filter(|&e| e > before)?;
            let lead = line.len() - line.trim_start().len();
            return Some(off + lead + raw_end(t, e - before));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is left of `s` after its label.
    fn after_label(s: &str) -> &str {
        &s[title_label_len(s)..]
    }

    #[test]
    fn a_label_in_a_cell_of_its_own_is_taken_before_a_report_title() {
        let title = "西藏自治区民委2023年政府信息公开工作年度报告";
        assert_eq!(after_label(&format!("标题：{title}")), title);
        assert_eq!(
            label_cell(after_label(&format!("| 标 题 | {title} | ||"))),
            title
        );
        assert_eq!(after_label(&format!("标      题 {title}")), title);
        assert_eq!(
            label_cell(after_label(&format!("标题\t{title}\t索引号\t0001"))),
            title
        );
        // Without a colon, only before a report's title: a cell's label before anything
        // else, or a title that merely starts with the word, is left alone.
        assert_eq!(title_label_len("| 标 题 | 索引号 |"), 0);
        assert_eq!(title_label_len("名称 某某局"), 0);
        assert_eq!(title_label_len(&format!("主题教育{title}")), 0);
    }
}
