//! Sections: find the headings of the six-part outline and the subsections of 一, classify each
//! by its subject (not its number), and cut the text between them.
//!
//! Headings come numbered (一、/（一）), unnumbered ("总体情况" alone on a line), run into their
//! text ("主动公开  拓宽公开渠道。…", "一、总体情况2019年，…" in one-line crawls), or behind
//! misleading markdown levels. A heading is accepted only where the outline allows it: the
//! subsections of 一 before the tables, the tables, 五 and 六 after them in order — or the tables
//! after 五/六, where some reports print them (`accept`); row labels of table 三
//! ("三、本年度办理结果") have no section subject and are never headings.

mod accept;
mod banner;
mod unheaded;
mod wrapped;

use super::chrome;
use super::text::{chinese_numeral, lines_with_offsets, Compact};
use crate::ingest::normalize::is_han;
use crate::model::SectionKind;
use accept::{
    accept, accept_pre2019, drop_review_subsection_of_one, is_pre2019,
    keep_arabic_subsections_alone, relabel_by_number,
};
use std::ops::Range;
pub(crate) use wrapped::fills;
use wrapped::{fill_width, heading_across_break, wrapped_heading};

/// Subjects that identify a heading, in the order they are tried. Each entry: the kind and a
/// list of alternatives, each alternative a list of substrings that must all be present.
const SUBJECTS: &[(SectionKind, &[&[&str]])] = &[
    (
        SectionKind::ReviewLitigationTable,
        // (The pre-2019 layout's part may name 复议 alone: "五、申请行政复议情况".)
        &[&["复议", "诉讼"], &["复议", "情况"]],
    ),
    (
        SectionKind::RequestsTable,
        &[
            &["收到和处理"],
            &["处理政府信息公开申请"],
            &["收到和处理政府信息公开申请"],
        ],
    ),
    (
        SectionKind::DisclosureTable,
        &[
            &["主动公开政府信息情况"],
            &["主动公开政府信息的情况"],
            &["政府信息主动公开情况"],
            &["主动公开", "统计"],
        ],
    ),
    (
        SectionKind::Problems,
        &[
            &["存在的主要问题"],
            &["主要问题"],
            &["存在问题"],
            &["问题及改进"],
            &["存在的问题"],
            &["存在的不足"],
            &["问题和不足"],
            &["不足", "改进"],
            // The pre-2019 layout's wordings: "六、问题与改进措施", "存在的困难和问题".
            &["问题与改进"],
            &["问题和改进"],
            &["困难和问题"],
        ],
    ),
    (
        SectionKind::Other,
        &[&["其他需要报告"], &["其他需报告"], &["其他事项"]],
    ),
    (
        SectionKind::Overview,
        &[&["总体情况"], &["总体概况"], &["基本概况"], &["概述"]],
    ),
    (
        SectionKind::OnRequest,
        &[
            &["依申请"],
            &["申请公开"],
            &["政府信息公开申请"],
            &["收到申请"],
            // The pre-2019 layout's 四、政府信息公开的收费及减免情况: fees were charged only
            // for information provided on request (检索、复制、邮寄), so it is on_request's
            // subject (see `accept_pre2019`).
            &["收费", "减免"],
            // Worded without 减免: "四、政府信息公开收费情况", "政府信息公开支出与收费情况".
            &["收费", "情况"],
        ],
    ),
    (
        SectionKind::Management,
        &[&["政府信息管理"], &["信息管理"], &["政务信息管理"]],
    ),
    (
        SectionKind::Platforms,
        &[&["平台"], &["网站建设"], &["公开载体"]],
    ),
    (
        SectionKind::Proactive,
        &[&["主动公开"], &["发布信息"], &["信息发布"]],
    ),
    (
        SectionKind::Oversight,
        &[&["监督"], &["保障"], &["考核"], &["机制建设"]],
    ),
];

/// Titles (总体情况 and the subsections of 一) that may open a line unnumbered and run into their
/// text after spaces.
const BARE_SUBSECTION_TITLES: &[&str] = &[
    "总体情况",
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "信息公开平台建设",
    "平台建设",
    "监督保障",
];

fn is_subsection(k: SectionKind) -> bool {
    (SectionKind::Proactive..=SectionKind::Oversight).contains(&k)
}

/// The subsections of 一 by the template's titles.
const SUBSECTION_TITLES: [(SectionKind, &str); 6] = [
    (SectionKind::Proactive, "主动公开"),
    (SectionKind::OnRequest, "依申请公开"),
    (SectionKind::Management, "政府信息管理"),
    (SectionKind::Platforms, "平台建设"),
    (SectionKind::Platforms, "政府信息公开平台建设"),
    (SectionKind::Oversight, "监督保障"),
];

/// A numbered subsection's title with one character of the template's misread (OCR's
/// `依申清公开`, `监督保瘅`): the title's start differs from one of the template's in exactly one
/// character. A title of four characters must end there (or go on with 方面, 情况, 工作, 信息 or
/// a stop): `平安建设领域…` is no `平台建设`. Read before the subject words: a title run into its
/// text would be named by the text's words (`（三）政府信息菅理 …主动公开基本目录…`).
fn misread_subsection(compact: &str) -> Option<SectionKind> {
    let found: Vec<SectionKind> = SUBSECTION_TITLES
        .iter()
        .filter(|(_, t)| {
            let mut title = compact.chars();
            let mut differ = 0;
            for want in t.chars() {
                match title.next() {
                    Some(c) if c == want => {}
                    Some(_) => differ += 1,
                    None => return false,
                }
            }
            let rest = title.as_str();
            let ends = rest.is_empty()
                || [
                    "方面",
                    "情况",
                    "工作",
                    "信息",
                    "政府信息",
                    "。",
                    "：",
                    ":",
                    "，",
                ]
                .iter()
                .any(|w| rest.starts_with(w));
            differ == 1 && (t.chars().count() > 4 || ends)
        })
        .map(|(k, _)| *k)
        .collect();
    match found[..] {
        [k] => Some(k),
        [k, j] if k == j => Some(k),
        _ => None,
    }
}

/// A located section: kind, printed title, where the heading starts and the body range.
#[derive(Debug, Clone)]
pub struct SectionSpan {
    pub kind: SectionKind,
    pub title: Option<String>,
    /// Start of the heading (or of the text, for the preamble).
    pub start: usize,
    pub body: Range<usize>,
}

/// The outline of a report.
#[derive(Debug, Clone)]
pub struct Outline {
    /// Where the report text starts (after a crawler header).
    pub content_start: usize,
    /// The title line(s), when found.
    pub title: Option<Range<usize>>,
    pub sections: Vec<SectionSpan>,
    /// The 2008–2018 layout (一、概述 … 四、收费及减免 … 七、其他需要报告的事项): statistics
    /// in prose, no standard tables.
    pub pre2019: bool,
    /// Which lines of the text are page chrome.
    pub chrome: chrome::ChromeLines,
    /// Where a second report printed after this one starts, when the file holds two: the
    /// sections end there and the rest is left out.
    pub left_out: Option<usize>,
    /// Tables printed again after 五/六 when 二/三/四 are printed in their place too (the
    /// tables as an attachment, the parts in the body saying what they hold in words): each
    /// kind's first, with the range of what it holds. Read where the part in place holds no
    /// figures.
    pub tables_again: Vec<(SectionKind, Range<usize>)>,
    /// Tables printed without their part's heading, found by their own labels: each kind's
    /// range, from its header to its last row's figures. Each is a section of its own too (no
    /// title), up to the next heading.
    pub tables_unheaded: Vec<(SectionKind, Range<usize>)>,
    /// The width (in half characters) the text's prose is hard-wrapped at, when it is.
    pub fill: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    /// 一、 / 1、 numbered heading, markdown heading or a short line on its own.
    Top,
    /// （一） numbered subsection.
    Sub,
}

#[derive(Debug, Clone)]
struct Candidate {
    kind: SectionKind,
    level: Level,
    /// The heading's number when it has a Chinese-numeral marker ("二、" → 2, "（三）" → 3).
    number: Option<u32>,
    /// Numbered in Arabic digits ("1、", "(1)"): a subsection of 一 in a report that numbers
    /// them so, never anything else.
    arabic: bool,
    /// For an Arabic-numbered one: the line also reads as a heading on its own (short, no
    /// sentence), which it stays when the report numbers its subsections otherwise.
    short_line: bool,
    /// A part numbered otherwise than 一、 whose title holds no subject words ("6. 其他",
    /// "8、需要说明的事项"): taken only as the next part or the one after (`accept`).
    weak: bool,
    start: usize,
    title_end: usize,
}

/// The line a heading on line `i` may wrap onto: the next one, or past a page break (a page's
/// footer or header, with the blank lines around it), the first line of text after it — a PDF
/// prints a heading's last words on the next page ("四、政府信息公开行政复议、" / "- 3 -" /
/// "行政诉讼情况"). Blank lines alone part paragraphs, so they are no page break.
fn next_across_chrome<'a>(
    lines: &'a [(usize, &'a str)],
    i: usize,
    chrome: &chrome::ChromeLines,
) -> Option<&'a (usize, &'a str)> {
    let mut j = i + 1;
    let mut page_break = false;
    while let Some(&(off, line)) = lines.get(j) {
        if line.trim().is_empty() {
            j += 1;
        } else if chrome.at(off, line) {
            page_break = true;
            j += 1;
        } else {
            break;
        }
    }
    if page_break {
        lines.get(j)
    } else {
        lines.get(i + 1)
    }
}

pub fn outline(text: &str) -> Outline {
    let lines = lines_with_offsets(text);
    let chrome = chrome::ChromeLines::of(text);
    // A crawler's header ends at its 正文 mark; where the body follows the mark on its line
    // (the crawl joined into one line), that line is the body's.
    let content_start = lines
        .iter()
        .enumerate()
        .find_map(|(i, (o, l))| {
            let legacy = l.contains('=') && l.contains("====") && l.contains("正文");
            match chrome::body_mark(l) {
                Some(false) => Some(*o),
                _ if legacy => Some(lines.get(i + 1).map(|(o, _)| *o).unwrap_or(text.len())),
                _ => None,
            }
        })
        .unwrap_or(0);
    let title = super::title::find_title(text, &lines, content_start, &chrome);

    let mut cands: Vec<Candidate> = Vec::new();
    // Where the title of a heading cut by a line break ends, in the line after it.
    let mut covered = 0;
    // The last non-blank line of text before this one.
    let mut before: &str = "";
    // The width a hard-wrapped text fills: a line after a filled one is the same paragraph.
    let fill = fill_width(&lines);
    for (i, &(off, line)) in lines.iter().enumerate() {
        if off < content_start || chrome.at(off, line) {
            continue;
        }
        let n = cands.len();
        find_candidates(line, off, &mut cands);
        // The head of a line a heading was cut before is that heading's title, not a heading.
        if covered > off {
            let found = cands.split_off(n);
            cands.extend(found.into_iter().filter(|c| c.start >= covered));
        }
        // An unnumbered short line right after a line that stops mid-sentence (on 、 or a
        // comma) is that sentence wrapped, however much it reads like a title: a narrow page
        // prints "…提起行政诉讼情况、" / "政府信息公开工作存在的主要问题及改进情况及其他需要报告的".
        // So is a full line of a paragraph after another (a long line after a line at least as
        // long stopping on a Han character, not the report's title): "…被申请行政复议和提起行" /
        // "政诉讼情况、政府信息公开工作存在的主要问题及改进情况".
        // A table's row is no paragraph line ("政府集中采购\t6\t251000元", a figure and its unit
        // at the end): "第三部分 收到和处理政府信息公开申请情况" after table 二's last row heads 三.
        let chars = |t: &str| t.trim().chars().count();
        let mut from_end = before.chars().rev();
        let full_line = chars(line) >= 20
            && chars(before) + 2 >= chars(line)
            && from_end
                .next()
                .is_some_and(crate::ingest::normalize::is_han)
            && !from_end.next().is_some_and(|c| c.is_ascii_digit())
            && !before.contains('\t')
            && !reads_as_title(before.trim());
        // (Not after a heading's marker wrapped onto the line before: "…规定。六、".)
        let enumerating = before.ends_with('、')
            && before[..before.len() - '、'.len_utf8()]
                .chars()
                .next_back()
                .is_none_or(|c| chinese_numeral(c).is_none());
        if enumerating || before.ends_with(['，', ',']) || full_line || fills(before, fill) {
            let lead = off + (line.len() - line.trim_start().len());
            cands.truncate(
                n + cands[n..]
                    .iter()
                    .take_while(|c| !(c.number.is_none() && !c.arabic && c.start == lead))
                    .count(),
            );
        }
        // (A blank line ends the paragraph: a heading may follow it.)
        before = line.trim_end();
        if let Some(&(next_off, next)) = next_across_chrome(&lines, i, &chrome) {
            wrapped_heading(line, off, next, next_off, n, &mut cands);
            if let Some(end) = heading_across_break(line, off, next, next_off, n, &mut cands) {
                covered = end;
            }
        }
    }
    let title_end = title.as_ref().map(|r| r.end).unwrap_or(content_start);
    cands.retain(|c| c.start >= title_end);
    drop_parts_listed_across_lines(text, &mut cands);
    drop_table_of_contents(text, &mut cands);
    // A second report in the same file: the first one ends where the second one's title starts.
    let left_out = second_report(text, &cands);
    let text_end = left_out.unwrap_or(text.len());
    cands.retain(|c| c.start < text_end);
    let pre2019 = is_pre2019(text, &cands);
    let (mut accepted, again) = if pre2019 {
        (accept_pre2019(text, cands), Vec::new())
    } else {
        relabel_by_number(text, &mut cands);
        drop_review_subsection_of_one(&mut cands);
        keep_arabic_subsections_alone(&mut cands);
        accept(cands)
    };
    let mut tables_again: Vec<(SectionKind, Range<usize>)> = again
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let end = again.get(i + 1).map_or(text_end, |n| n.start);
            // A table printed before 一 ends where the next part starts, or after its last row
            // where its own labels tell it (the preamble may follow it).
            match accepted.iter().map(|a| a.start).find(|&s| s > c.start) {
                Some(next) if next < end => {
                    let end = unheaded::table_end_in(text, c.kind, c.start..next).unwrap_or(next);
                    (c.kind, c.title_end.min(end)..end)
                }
                _ => (c.kind, c.title_end.min(end)..end),
            }
        })
        .collect();
    // Tables printed without their part's heading, found by their own labels; a heading read
    // inside one of them is one of its row labels ("（六）其他处理").
    let mut tables_unheaded = Vec::new();
    if !pre2019 {
        accepted.retain(|c| {
            let line_end = text[c.start..]
                .find('\n')
                .map_or(text.len(), |e| c.start + e);
            c.kind != SectionKind::ReviewLitigationTable
                || !unheaded::review_header_line(&text[c.start..line_end])
        });
        let missing: Vec<SectionKind> = [
            SectionKind::DisclosureTable,
            SectionKind::RequestsTable,
            SectionKind::ReviewLitigationTable,
        ]
        .into_iter()
        .filter(|&k| !accepted.iter().chain(&again).any(|c| c.kind == k))
        .collect();
        if !missing.is_empty() {
            let from = title_end.max(content_start);
            tables_unheaded = unheaded::tables_without_headings(text, from, text_end, &missing);
            accepted.retain(|c| {
                c.kind.is_table() || !tables_unheaded.iter().any(|(_, r)| r.contains(&c.start))
            });
        }
        let from = title_end.max(content_start);
        unheaded::tables_printed_apart(text, from..text_end, &accepted, &mut tables_again);
    }

    // Where each part starts: at its heading, or at the banner printing its number above it.
    let starts = banner::part_starts(text, &accepted);
    let mut sections = Vec::new();
    let first = starts.first().copied().unwrap_or(text_end);
    let pre_start = title_end.max(content_start);
    // The title printed again where the article starts, under the page's header or info box
    // that printed it first (`标题：…`, `| 标 题 | …`), is no text of the preamble.
    let pre_start = title_printed_again_end(text, pre_start, first, &chrome);
    // A preamble that is only the title printed again (around page chrome) is no preamble.
    // (A crawl of the page's header table leaves its cells' borders around: `…年度报告 |`, a
    // line of `|||…`.)
    let title_again = first > pre_start
        && lines_with_offsets(&text[pre_start..first])
            .into_iter()
            .filter(|&(o, l)| !l.trim().is_empty() && !chrome.at(pre_start + o, l))
            .map(|(_, l)| l.trim_matches(|c: char| c == '|' || c.is_whitespace()))
            .all(|l| l.is_empty() || (l.chars().count() <= 60 && reads_as_title(l)));
    if first > pre_start && !title_again {
        sections.push(SectionSpan {
            kind: SectionKind::Preamble,
            title: None,
            start: pre_start,
            body: pre_start..first,
        });
    }
    for (i, c) in accepted.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text_end);
        let title = clean_title(&text[c.start..c.title_end]);
        // The stop or colon that closed a title run into its text ("主动公开方面。有序推进…")
        // is the title's, not the text's first character; so is the comma after a title cut at
        // its closing word ("(三)政府信息管理方面，全年…": the text is 全年…, never ，全年…).
        let body_start = c.title_end.min(end);
        let body_start = end
            - text[body_start..end]
                .trim_start_matches(['。', '：', ':', '，', ','])
                .len();
        // The problems part ends where what follows the report's text begins: a statistics
        // table, an attachment, the sign-off (older reports print them right after 五/六); so
        // does 六 when the tables are printed after it.
        let tables_follow = accepted.get(i + 1).is_some_and(|n| n.kind.is_table());
        // (A part the tables printed again follow ends before them.)
        let end = tables_again
            .iter()
            .map(|(_, r)| r.start)
            .find(|&s| body_start < s && s < end)
            .map_or(end, |s| {
                text[..s].rfind('\n').map_or(s, |p| p.max(body_start))
            });
        let again_follow = end < starts.get(i + 1).copied().unwrap_or(text_end);
        // (The report's last part ends before its sign-off and the statistics attached after it:
        // 六 of the template, 七/八/九 of the pre-2019 layout — or, in that layout, whatever part
        // a short report ends on: a township's 五、复议、诉讼和申诉情况 then 附表 and its name.)
        let last = i + 1 == accepted.len();
        let end = if c.kind == SectionKind::Problems
            || (c.kind == SectionKind::Other && (tables_follow || again_follow || last))
            || (pre2019 && last)
        {
            // (Not on a line of page chrome: a browser's print margin holds a date and a title.)
            let on_chrome = |rel: usize| {
                let at = body_start + rel;
                let from = text[..at].rfind('\n').map_or(0, |p| p + 1);
                let to = text[at..].find('\n').map_or(text.len(), |p| at + p);
                chrome.at(from, &text[from..to])
            };
            after_report_text(&text[body_start..end], &on_chrome).map_or(end, |e| body_start + e)
        } else {
            end
        };
        sections.push(SectionSpan {
            kind: c.kind,
            title: Some(title),
            start: c.start,
            body: body_start..end,
        });
    }
    for (kind, r) in &tables_unheaded {
        unheaded_section(&mut sections, *kind, r.start, text_end);
    }
    Outline {
        content_start,
        title,
        sections,
        pre2019,
        chrome,
        left_out,
        tables_again,
        tables_unheaded,
        fill,
    }
}

/// A table found without its heading as a section: it ends the section it is printed in and
/// runs to where that one ran (the next heading).
fn unheaded_section(sections: &mut Vec<SectionSpan>, kind: SectionKind, start: usize, end: usize) {
    let at = sections.iter().rposition(|s| s.start <= start);
    let i = at.map_or(0, |i| i + 1);
    let end = sections.get(i).map_or(end, |next| next.start);
    if let Some(body) = at.map(|j| &mut sections[j].body) {
        if body.end > start {
            body.end = start.max(body.start);
        }
    }
    sections.insert(
        i,
        SectionSpan {
            kind,
            title: None,
            start,
            body: start..end,
        },
    );
}

/// A second report printed after the first (a binder of several years, a listing page that
/// holds two articles): a top heading of 一's subject (一、总体情况) again, after the first
/// report has reached its tables or a later part, with a report's title printed before it. The
/// first report ends where that title starts (returned); the rest is no part of it.
fn second_report(text: &str, cands: &[Candidate]) -> Option<usize> {
    // The current report's overview heading, and whether a later part has followed it.
    let mut overview: Option<usize> = None;
    let mut later_seen = false;
    let mut prev_end = 0;
    for (i, c) in cands.iter().enumerate() {
        if c.level == Level::Top && c.kind == SectionKind::Overview {
            if let (Some(first), true) = (overview, later_seen) {
                // The new report's title between the last heading and this one: the last line
                // that reads as one, or, in a line crawled whole, the words that end with 年度报告.
                let base = prev_end.min(c.start);
                if let Some(t) = title_start_in(&text[base..c.start]) {
                    // A first "report" of headings alone is a list of the parts before the
                    // report's title (a contents page without page numbers), not a report.
                    if body_han(text, &cands[first..i], base + t) >= MIN_FIRST_REPORT_HAN {
                        return Some(base + t);
                    }
                }
            }
            overview = Some(i);
            later_seen = false;
        } else if overview.is_some()
            && c.level == Level::Top
            && c.kind >= SectionKind::DisclosureTable
        {
            later_seen = true;
        }
        prev_end = c.title_end;
    }
    None
}

/// The Han characters of the text under the headings `cands` (after each one's title, up to the
/// next one; the last up to `end`).
fn body_han(text: &str, cands: &[Candidate], end: usize) -> usize {
    cands
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let to = cands.get(k + 1).map_or(end, |n| n.start);
            text.get(c.title_end..to.max(c.title_end))
                .map_or(0, |s| s.chars().filter(|&ch| is_han(ch)).count())
        })
        .sum()
}

/// The Han characters of text a first report holds outside its headings before a second
/// report's title ends it (a real report's overview alone holds more; a contents list's
/// entries hold none between them: leaders and page numbers).
const MIN_FIRST_REPORT_HAN: usize = 20;

/// Where a report's title starts in `s`: a line that reads as a title, or the run of text that
/// ends with 年度报告/年报 after the last sentence end or wide gap before it.
fn title_start_in(s: &str) -> Option<usize> {
    let mut found = None;
    for (o, l) in lines_with_offsets(s) {
        let t = l.trim();
        if !t.is_empty() && t.chars().count() <= 60 && reads_as_title(t) {
            found = Some(o + (l.len() - l.trim_start().len()));
        }
    }
    if found.is_some() {
        return found;
    }
    let mut ends: Vec<usize> = ["年度报告", "年报"]
        .iter()
        .flat_map(|w| s.match_indices(w).map(|(p, _)| p))
        .collect();
    ends.sort_unstable();
    ends.into_iter().rev().find_map(|end| {
        let head = &s[..end];
        let start = head.rfind(['。', '；', '！', '\n', '\t']).map_or(0, |q| {
            q + head[q..].chars().next().map_or(0, char::len_utf8)
        });
        let start = start + (head[start..].len() - head[start..].trim_start().len());
        let title = &s[start..end];
        ((title.contains("信息公开") || title.contains("政务公开"))
            && title.contains('年')
            && !title.contains(['，', ',', '《'])
            && title.chars().count() <= 60)
            .then_some(start)
    })
}

/// Where the report's own text ends inside the last part's body, when something that is no
/// part of it follows on: a statistics table's heading ("六、政府信息公开情况统计表指标名称…",
/// "…情况统计表 指标名称"), an attachment ("附件1：…"), or the sign-off (an agency and a date
/// alone, "平潭综合实验区管委会办公室 2014年12月10日", "二○一二年二月二十日"), as the pre-2019
/// reports print them after their last part with nothing but white space between. Only after
/// some text, and only at a sentence end, a line start or white space.
fn after_report_text(body: &str, on_chrome: &dyn Fn(usize) -> bool) -> Option<usize> {
    let boundary = |i: usize| {
        body[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '。' | '；' | '！'))
    };
    let first_text = body.find(|c: char| !c.is_whitespace())?;
    let has_text_before = |i: usize| first_text < i;
    for (i, c) in body.char_indices() {
        if !has_text_before(i) {
            continue;
        }
        let rest = &body[i..];
        // The sign-off's date, alone (white space or the end after it), and the agency before
        // it (the space between them may be gone: "…办公室2014年12月10日").
        if c.is_ascii_digit() || matches!(c, '二' | '〇' | '○' | '一') {
            // (A date to the month only, "2021年1月", signs off under the agency's line alone.)
            let dated = chrome::parse_date_prefix(rest)
                .map(|(_, after)| (after, true))
                .or_else(|| super::month_date::month_date_len(rest).map(|n| (&rest[n..], false)));
            if let Some((after, to_the_day)) = dated {
                // Signed as official documents date them (年月日), not a page's "2025/1/20".
                let signed = rest[..rest.len() - after.len()].contains('年');
                if signed && (after.is_empty() || after.starts_with(char::is_whitespace)) {
                    let head = body[..i].trim_end();
                    let name_start = head
                        .rfind(|c: char| c.is_whitespace() || matches!(c, '。' | '；'))
                        .map_or(0, |q| {
                            q + head[q..].chars().next().map_or(0, char::len_utf8)
                        });
                    let name = &head[name_start..];
                    let named =
                        !name.is_empty() && names_an_agency(name) && has_text_before(name_start);
                    // A date alone on its line reads as page chrome (a page's date line); under
                    // a line that is only the agency's name it is the sign-off all the same.
                    let name_alone = body[..name_start]
                        .trim_end_matches([' ', '\t', '\u{3000}'])
                        .ends_with('\n')
                        && body[name_start + name.len()..i].contains('\n');
                    if named && (!on_chrome(i) || name_alone) && (to_the_day || name_alone) {
                        return Some(name_start);
                    }
                    // (A month alone signs off only as the text's last line.)
                    let last_line = after.trim().is_empty()
                        && body[..i]
                            .trim_end_matches([' ', '\t', '\u{3000}'])
                            .ends_with('\n');
                    if (to_the_day || last_line) && !on_chrome(i) && boundary(i) {
                        return Some(i);
                    }
                }
            }
        }
        if !boundary(i) {
            continue;
        }
        // An attachment: 附件 or 附表 with its number or a colon, or as a part of its own
        // ("七、附表", the pre-2019 layout's statistics).
        if let Some((Level::Top, n, _)) = marker(rest).or_else(|| other_top_marker(rest)) {
            let title = rest[n..].trim_start();
            let title = title
                .strip_prefix("附表")
                .or_else(|| title.strip_prefix("附件"));
            // The title is the word alone: "七、附表说明" is no attachment.
            if title.is_some_and(|t| {
                t.is_empty()
                    || t.starts_with(|c: char| c.is_whitespace() || matches!(c, '：' | ':'))
            }) {
                return Some(i);
            }
        }
        if let Some(a) = rest
            .strip_prefix("附件")
            .or_else(|| rest.strip_prefix("附表"))
        {
            let a = a.trim_start();
            if a.starts_with(|c: char| {
                c.is_ascii_digit() || matches!(c, '：' | ':' | '一' | '二' | '三')
            }) {
                return Some(i);
            }
        }
        // A statistics table's heading: a title up to 统计表 with no sentence in it, numbered
        // or followed by white space or the table's first column header.
        if let Some(p) = rest
            .char_indices()
            .take(40)
            .take_while(|&(_, c)| !matches!(c, '。' | '，' | '；' | '\n' | ',' | '：'))
            .map(|(p, _)| p)
            .find(|&p| rest[p..].starts_with("统计表"))
        {
            let after = &rest[p + "统计表".len()..];
            let numbered = matches!(marker(rest), Some((Level::Top, _, _)));
            if numbered
                || after.is_empty()
                || after.starts_with(char::is_whitespace)
                || after.starts_with("指标")
            {
                return Some(i);
            }
        }
    }
    None
}

/// A table of contents, or a preface listing the parts one per line: three or more top headings
/// (two, with page numbers, under a `目录` heading, or before the report's title)
/// (and any subsections among them) before all others, in order with nothing between them but leaders and page numbers ("一、总体情况……1"), whose
/// first heading's subject is printed again as a heading later. Those are the report's headings;
/// the list's lines are not (before, every section went into the list's last part).
fn drop_table_of_contents(text: &str, cands: &mut Vec<Candidate>) {
    let leader = |c: char| matches!(c, '.' | '…' | '·' | '-' | '—' | '－');
    // Markdown's emphasis or heading marks around an entry ("**一、总体情况……1**") are no text.
    let markup = |c: char| matches!(c, '*' | '_' | '#');
    let leader_only = |s: &str| {
        s.chars()
            .all(|c| c.is_whitespace() || c.is_ascii_digit() || leader(c) || markup(c))
    };
    // Another entry of the list that is no heading of ours ("四、结转下年度继续办理……5"):
    // a short line that ends with leaders and a page number.
    let entry = |l: &str| {
        let l = l.trim_end().trim_end_matches(markup).trim_end();
        let t = l.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
        t.len() < l.len()
            && t.trim_end_matches(leader).len() + 3 <= t.len()
            && l.chars().count() <= 60
    };
    // A page's footer or header may fall inside the list ("第2页 共9页", "-1-"): the list goes on.
    let filler = |s: &str| {
        s.lines()
            .all(|l| leader_only(l) || entry(l) || chrome::is_chrome(l))
    };
    // Only a list before every heading of the report: table headings with no figures under
    // them, printed again in a second copy of the text, are headings still.
    let Some(first) = cands.first().filter(|c| c.level == Level::Top) else {
        return;
    };
    let (first_kind, first_start) = (first.kind, first.start);
    let mut j = 0;
    while j + 1 < cands.len()
        && cands[j + 1].kind > cands[j].kind
        && cands[j].title_end <= cands[j + 1].start
        && filler(&text[cands[j].title_end..cands[j + 1].start])
    {
        j += 1;
    }
    let again_at = cands[j + 1..]
        .iter()
        .find(|c| c.level == Level::Top && c.kind == first_kind)
        .map(|c| c.start);
    let again = again_at.is_some();
    let tops = cands[..=j].iter().filter(|c| c.level == Level::Top).count();
    // Two entries make a list only with a contents page's marks: each with its page number
    // ("一、总体情况⇥1"), or the list under its heading (`目录`).
    // (The number may be in the heading's title, a tab or a space after its words.)
    let paged = |c: &Candidate| {
        let line = text[c.start..].lines().next().unwrap_or("").trim_end();
        let words = line.trim_end_matches(|c: char| c.is_ascii_digit());
        (1..=3).contains(&(line.len() - words.len()))
            && words.ends_with(|c: char| c.is_whitespace() || leader(c))
    };
    let headed = text[..first_start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| crate::parse::text::without_whitespace(l.trim()) == "目录");
    // Or the report's title printed after the list, before its first part.
    let titled = again_at.is_some_and(|at| {
        text.get(cands[j].title_end..at)
            .is_some_and(|s| title_start_in(s).is_some())
    });
    let marked = headed || titled || cands[..=j].iter().all(paged);
    if (tops >= 3 || (tops == 2 && marked)) && again {
        cands.drain(..=j);
    }
}

/// The report's parts listed in a preface that a narrow page wrapped ("全文包括：一、总\n体情况；
/// 二、主动公开政府信息情况；三、收到和处理政府信息公开申请情\n况；四、…"): three or more part
/// headings in order, each after text on its own line, with nothing between them but a separator
/// and the tail of a title cut by the wrap. [`find_candidates`] drops such a list within one
/// line; wrapped, each line held too few of them, and the parts' empty headings took the report.
fn drop_parts_listed_across_lines(text: &str, cands: &mut Vec<Candidate>) {
    // Read back from the heading to the first character that is not markup: a search for the
    // line's start would read a whole one-line body again for each heading in it.
    // (A line's markup before a heading is no text: "**三、…**", "### 四、…", "【五、…】".)
    let inline = |c: &Candidate| {
        text[..c.start]
            .chars()
            .rev()
            .take_while(|&ch| ch != '\n')
            .any(|ch| {
                !(ch.is_whitespace()
                    || matches!(ch, '#' | '*' | '|' | '>' | '【')
                    || is_decoration(ch))
            })
    };
    let gap_ok = |a: &Candidate, b: &Candidate| {
        let Some(gap) = text.get(a.title_end..b.start) else {
            return false;
        };
        let printed: Vec<char> = gap.chars().filter(|c| !c.is_whitespace()).collect();
        printed.len() <= 2
            || (gap.contains('\n')
                && printed.len() <= 6
                && printed
                    .last()
                    .is_some_and(|c| matches!(c, '；' | ';' | '、' | '，' | ',')))
    };
    let listed = |a: &Candidate, b: &Candidate| {
        a.level == Level::Top
            && b.level == Level::Top
            && b.kind > a.kind
            && a.title_end <= b.start
            && inline(b)
            && gap_ok(a, b)
    };
    let mut drop = vec![false; cands.len()];
    let mut i = 0;
    while i < cands.len() {
        let mut j = i;
        while j + 1 < cands.len() && listed(&cands[j], &cands[j + 1]) {
            j += 1;
        }
        let across_lines = text[cands[i].start..cands[j].start].contains('\n');
        if j >= i + 2 && across_lines {
            drop[i..=j].iter_mut().for_each(|d| *d = true);
        }
        i = j + 1;
    }
    let mut k = 0;
    cands.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Where the subject of `kind` ends in `title` (the earliest end of a matching alternative).
fn subject_end(title: &str, kind: SectionKind) -> Option<usize> {
    let (_, alts) = SUBJECTS.iter().find(|(k, _)| *k == kind)?;
    alts.iter()
        .filter_map(|need| {
            need.iter()
                .map(|n| title.find(n).map(|p| p + n.len()))
                .collect::<Option<Vec<usize>>>()
                .and_then(|ends| ends.into_iter().max())
        })
        .min()
}

/// Classify the start of a run-in text ("强化监督保障一是严格落实信息发布审核制度"): the subject
/// that ends first wins, unless a subject listed before it starts no later than that end (it
/// then holds it: 主动公开政府信息情况 is table 二, not 主动公开).
fn classify_run_in(s: &str) -> Option<SectionKind> {
    if s.is_ascii() {
        return None;
    }
    // A strong closing word ends the title: what comes before it is classified as a title
    // ("因政府信息公开申请提起行政复议、行政诉讼的情况全年…" is 复议/诉讼, not 申请).
    if let Some(e) = STRONG_END
        .iter()
        .filter_map(|w| s.find(w).map(|p| p + w.len()))
        .min()
    {
        if let Some(k) = classify(&s[..e]) {
            return Some(k);
        }
    }
    // Where each subject word first occurs (what `s.find(word)` gives), from one pass of the
    // automaton rather than a search per word and alternative: in an overlapping search a
    // word's matches come in order of their ends, so its first match is its leftmost.
    let words = subject_words();
    let mut first: [Option<(usize, usize)>; 64] = [None; 64];
    for m in words.finder.find_overlapping_iter(s) {
        first[m.pattern().as_usize()].get_or_insert((m.start(), m.end()));
    }
    let found: Vec<(usize, SectionKind, usize, usize)> = words
        .by_subject
        .iter()
        .enumerate()
        .filter_map(|(rank, (kind, alts))| {
            alts.iter()
                .filter_map(|need| {
                    // From the first start to the last end of the alternative's words.
                    let mut span: Option<(usize, usize)> = None;
                    for &id in need {
                        let (a, b) = first[id]?;
                        span = Some(span.map_or((a, b), |(start, end)| (start.min(a), end.max(b))));
                    }
                    span
                })
                .min_by_key(|x| x.1)
                .map(|(start, end)| (rank, *kind, start, end))
        })
        .collect();
    let first_end = found.iter().map(|f| f.3).min()?;
    found
        .iter()
        .filter(|f| f.2 < first_end)
        .min_by_key(|f| f.0)
        .map(|f| f.1)
}

/// Table 三's own rows numbered as parts (二、上年结转政府信息公开申请数量) are no heading,
/// whatever subject words they hold: in a body flattened into one line whose parts are numbered
/// otherwise (1、…), 申请 made one the 依申请公开 subsection. `title`: compact, after its number.
fn is_table_three_row(title: &str) -> bool {
    let t = title.trim_start_matches(|c: char| !crate::ingest::normalize::is_han(c));
    crate::model::template::REQUEST_ROWS
        .iter()
        .filter(|r| matches!(r.key, "new_received" | "carried_over" | "carried_forward"))
        .flat_map(|r| r.variants.iter())
        .any(|v| t.starts_with(v))
}

fn classify(title: &str) -> Option<SectionKind> {
    // Every subject word is Chinese: a number cell (most short lines of a table) has none.
    if title.is_ascii() {
        return None;
    }
    let words = subject_words();
    let mut present = 0u64;
    for m in words.finder.find_overlapping_iter(title) {
        present |= 1 << m.pattern().as_usize();
    }
    words
        .alternatives
        .iter()
        .find(|(_, need)| present & need == *need)
        .map(|(kind, _)| *kind)
}

/// [`SUBJECTS`] compiled: every word in one automaton (a line is read once, not once per word),
/// and each alternative as the set of its words' numbers, in the order of [`SUBJECTS`].
struct SubjectWords {
    finder: aho_corasick::AhoCorasick,
    alternatives: Vec<(SectionKind, u64)>,
    /// [`SUBJECTS`] with each alternative as the list of its words' numbers.
    by_subject: Vec<(SectionKind, Vec<Vec<usize>>)>,
}

fn subject_words() -> &'static SubjectWords {
    static W: std::sync::OnceLock<SubjectWords> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut alternatives = Vec::new();
        let mut by_subject = Vec::new();
        for (kind, alts) in SUBJECTS {
            let mut ids_of_alts = Vec::new();
            for need in alts.iter() {
                let mut set = 0u64;
                let mut ids = Vec::new();
                for w in need.iter() {
                    let id = words.iter().position(|x| x == w).unwrap_or_else(|| {
                        words.push(w);
                        words.len() - 1
                    });
                    set |= 1 << id;
                    ids.push(id);
                }
                alternatives.push((*kind, set));
                ids_of_alts.push(ids);
            }
            by_subject.push((*kind, ids_of_alts));
        }
        assert!(
            words.len() <= 64,
            "a subject word's number must fit a u64 set"
        );
        let finder = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .expect("subject words make an automaton");
        SubjectWords {
            finder,
            alternatives,
            by_subject,
        }
    })
}

/// Where the title printed again at `from` ends (on one line, or wrapped over up to three
/// short ones: `某局` / `2023年政府信息公开工作年度报告`), else `from`; chrome and blank lines
/// between are passed over. Only lines that end as a title ends, on 报告 or 年报, are taken:
/// never a sentence of the preface that names the report (`现公布…年度报告如下：`).
fn title_printed_again_end(
    text: &str,
    from: usize,
    to: usize,
    chrome: &chrome::ChromeLines,
) -> usize {
    if from >= to {
        return from;
    }
    let mut joined = String::new();
    let mut taken = 0;
    for (o, l) in lines_with_offsets(&text[from..to]) {
        let t = l.trim();
        if t.is_empty() || chrome.at(from + o, l) {
            continue;
        }
        if taken == 3 || t.chars().count() > 60 || t.contains(['。', '，', '；', '：', ':']) {
            break;
        }
        taken += 1;
        joined.extend(t.chars().filter(|c| !c.is_whitespace()));
        let bare = joined.trim_end_matches(['》', '”', '）', ')']);
        let ends_as_title = bare.ends_with("报告") || bare.ends_with("年报");
        if ends_as_title {
            return if reads_as_title(&joined) {
                from + o + l.len()
            } else {
                from
            };
        }
    }
    from
}

/// A line naming the report itself ("…政府信息公开工作年度报告"), not a sentence about it
/// ("根据《条例》编制本年度报告。").
fn reads_as_title(line: &str) -> bool {
    // '年' found first (one character, by memchr): most lines have no 年度报告.
    line.contains('年')
        && (line.contains("年度报告") || line.contains("年报"))
        && (line.contains("信息公开") || line.contains("政务公开"))
        && !line.contains(['。', '，', ',', '；', '《'])
        && !super::text::opens_sentence(line)
}

/// Endings of an agency's name, for lines that only name one.
const AGENCY_NAME_ENDINGS: &[&str] = &[
    "局",
    "委员会",
    "管委会",
    "人民政府",
    "办公室",
    "办公厅",
    // A sub-district's office (桦甸市人民政府新华街道办事处 signing its 2012 report).
    "办事处",
    "中心",
    "海关",
    "分行",
    "支行",
];

/// Does a short line say that something did not happen ("全年未出现因政府信息公开申请行政复议、
/// 提起行政诉讼的情况。", "本年度没有…的情况")? Such a line is a sentence of a part's text (an
/// older report's, or 六's list of what it has to report), never a heading, whatever subject
/// words it repeats.
fn states_a_fact(compact: &str) -> bool {
    const NEGATIONS: [&str; 10] = [
        "未出现",
        "未发生",
        "未收到",
        "未接到",
        "未受理",
        "未产生",
        "未有",
        "没有",
        "暂无",
        "均无",
    ];
    NEGATIONS.iter().any(|n| compact.contains(n))
}

/// A short line that names an agency, as a byline or sign-off does ("广州市医疗保障局",
/// "（广州市医疗保障局　2023年1月29日）", "发布机构：广州市医疗保障局"): no heading, whatever
/// subject words the name holds (医疗保障局 is no 监督保障 heading). `compact`: without spaces.
fn names_an_agency(compact: &str) -> bool {
    let brackets = |c: char| matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】');
    let mut t = compact.trim_matches(brackets);
    // A label before the name ("发布机构：", "来源：").
    if let Some((label, rest)) = t.split_once(['：', ':']) {
        if label.chars().count() <= 6 {
            t = rest;
        }
    }
    // A date after the name.
    if let Some(p) = super::meta::date_start(t).filter(|&p| chrome::date_only(&t[p..]).is_some()) {
        t = &t[..p];
    }
    t.chars().count() >= 4 && AGENCY_NAME_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// A symbol a WeChat article or a web editor prints before a heading ("◆（二）依申请公开",
/// "📌一、总体情况", "▶ 一、…"): geometric shapes, stars, arrows, check marks and emoji (with
/// their joiners and variation selectors). Not ○, which official dates use as a zero.
fn is_decoration(c: char) -> bool {
    let u = c as u32;
    c != '○'
        && ((0x25A0..=0x25FF).contains(&u)
            || (0x2600..=0x27BF).contains(&u)
            || (0x2B00..=0x2BFF).contains(&u)
            || (0x1F300..=0x1FAFF).contains(&u)
            || matches!(
                u,
                0xFE0F | 0x200D | 0x20E3 | 0x2022 | 0x203B | 0x2192 | 0x21D2
            ))
}

/// Find heading candidates in one line (at its start, or inline after a sentence end).
fn find_candidates(line: &str, off: usize, out: &mut Vec<Candidate>) {
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '#' | '*' | '|' | '>' | '【') || is_decoration(c)
            })
            .len();
    let body = &line[lead..];
    let body_trim =
        body.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '*' | '】'));
    if body_trim.is_empty() {
        return;
    }
    // 1. A marker at the start of the line; or a part's number typed loosely there
    // ("二 、主动公开…", "三，收到和处理…"), only for a part of the report's own.
    let loose = || {
        let (m, comma) = loose_top_marker(body)?;
        marker_candidate_at(line, lead, off, false, m).filter(|c| !comma || !is_subsection(c.kind))
    };
    if let Some(c) = marker_candidate(line, lead, off, false).or_else(loose) {
        out.push(c);
        scan_inline(line, lead + 1, off, out);
        return;
    }
    // 1a'. A part's heading after the figures of the table before it on its line ("0 1 1 … 0
    // 五、存在的主要问题及改进情况", a body crawled into one line and wrapped at its spaces since):
    // the heading starts at its marker. Read as a short line, the figures opened its title.
    let figures = body
        .find(|c: char| !(c.is_ascii_digit() || c == ' ' || c == '\t'))
        .unwrap_or(0);
    if figures > 0 && body[..figures].contains([' ', '\t']) {
        let at = lead + figures;
        if let Some(c) = marker(&line[at..])
            .filter(|m| m.0 == Level::Top)
            .and_then(|m| marker_candidate_at(line, at, off, false, m))
            .filter(|c| c.kind >= SectionKind::DisclosureTable)
        {
            out.push(c);
            return;
        }
    }
    // 1a. A part numbered otherwise ("4. 政府信息公开行政复议、行政诉讼情况", "第四章 …"): its
    // number keeps it a heading where a full line after a full line would be read as a
    // paragraph's. Only a part of the report's own, by its subject words (not "3.其他", a row of
    // table 三): a "1." subsection is 1b's.
    if let Some(c) = body
        .starts_with(|c: char| c.is_ascii_digit() || c == '第' || chinese_numeral(c).is_some())
        .then(|| other_top_marker(body))
        .flatten()
        .and_then(|m| {
            let c = marker_candidate_at(line, lead, off, false, m)?;
            let title = line.get(lead + m.1..c.title_end - off)?;
            // (Or a last part worded without subject words: "8、需要说明的事项", "7、其他".)
            let compact = super::text::compact_str(title);
            if classify(&compact).is_some() {
                return Some(c);
            }
            top_title_equivalent_numbered(&compact, m.2).map(|_| Candidate { weak: true, ..c })
        })
        .filter(|c| c.kind == SectionKind::Overview || c.kind >= SectionKind::DisclosureTable)
    {
        out.push(c);
        return;
    }
    // 2. A short line on its own, or a bare subsection title run into its text after spaces.
    // The line without white space and quotes, up to the 31st character: enough to tell a
    // short line (a long line is not copied whole only to learn that it is long).
    // On the stack: this runs for every line of a report.
    let mut buf = [0u8; 31 * 4];
    let mut len = 0;
    // Brackets around a heading ("【存在的主要问题及改进情况】") are not its words.
    for c in body_trim
        .chars()
        .filter(|&c| !super::text::is_ignorable(c) && !matches!(c, '【' | '】'))
        .take(31)
    {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let compact = std::str::from_utf8(&buf[..len]).expect("whole characters were written");
    // A short line on its own is a heading only if it reads like one: no sentence punctuation
    // (hard-wrapped PDF text has short lines that are pieces of sentences).
    // (A title's colon is no part of it: "四、…行政复议、行政诉讼情况：".)
    let titled = compact.trim_end_matches(['：', ':']);
    let enumerating =
        compact.contains('、') && !(titled.ends_with("情况") || titled.ends_with("事项"));
    // The report's title printed again in the body (a web page's heading above the article's
    // own first line) is not a section, whatever subject words its agency name holds (医疗保障局).
    let repeats_title = reads_as_title(compact);
    // A title never stops on a connective (…需要报告的, …问题及): such a line is a wrapped
    // sentence's piece (a numbered heading wrapped so is joined by `wrapped_heading`).
    let short = compact.chars().count() <= 30
        && !compact.contains(['。', '，', ',', '；', ';'])
        && !compact.ends_with(['的', '及', '和', '与', '、'])
        && !enumerating
        && !repeats_title;
    // A top heading that is the whole line.
    let whole_line = |kind| Candidate {
        kind,
        level: Level::Top,
        number: None,
        arabic: false,
        short_line: false,
        weak: false,
        start: off + lead,
        title_end: off + lead + body_trim.len(),
    };
    // 1b. An Arabic-numbered subsection title ("1、主动公开情况", "(1)依申请公开情况。…").
    let arabic = arabic_marker(body);
    // A part numbered otherwise than 一、 (3． ③ 第三部分 三␣ Ⅲ.), its title misprinted on a
    // line of its own ("3．收到和处的政府信息公开申请情况", whose subject words name
    // on_request's): the number must be that part's own. Like any part so numbered, it is found
    // as a short line.
    let misprinted = other_top_marker(body)
        .or(arabic)
        .filter(|_| short)
        .and_then(|(_, len, number)| misprinted_part_title(&body[len..], number))
        .map(|(kind, _)| kind)
        .filter(|_| classify(compact).is_none_or(is_subsection));
    if let Some(kind) = misprinted {
        out.push(whole_line(kind));
        return;
    }
    if let Some(m) = arabic {
        // Most such lines are table rows ("1.属于国家秘密"): a subsection's subject must be in
        // the line's first 40 characters before the candidate is worth building.
        let window = body
            .char_indices()
            .nth(m.1 + 40)
            .map_or(body, |(i, _)| &body[..i]);
        let worth = classify(window).is_some_and(is_subsection);
        if let Some(c) = worth
            .then(|| marker_candidate_at(line, lead, off, false, m))
            .flatten()
        {
            if is_subsection(c.kind) {
                out.push(Candidate {
                    arabic: true,
                    short_line: short && classify(compact).is_some(),
                    weak: false,
                    ..c
                });
                return;
            }
        }
    }
    if short {
        // (The subject first: most short lines have none, and then no more is asked.)
        if let Some(kind) =
            classify(compact).filter(|_| !names_an_agency(compact) && !states_a_fact(compact))
        {
            // A short line with a table subject or other strong subject is a heading.
            out.push(whole_line(kind));
            return;
        }
    }
    // A table's heading closed by a full stop ("收到和处理政府信息公开申请情况。"): a sentence
    // of text so short would not end on 情况 with a table's subject words.
    let stopped_table_title = compact
        .strip_suffix('。')
        .filter(|t| t.ends_with("情况") && t.chars().count() <= 30)
        .filter(|t| !t.contains(['。', '，', ',', '；', ';']) && !names_an_agency(t))
        .and_then(|t| classify(t).filter(|_| !states_a_fact(t)))
        .filter(|k| {
            (SectionKind::DisclosureTable..=SectionKind::ReviewLitigationTable).contains(k)
        });
    if let Some(kind) = stopped_table_title.filter(|_| !repeats_title) {
        out.push(whole_line(kind));
        return;
    }
    for t in BARE_SUBSECTION_TITLES {
        if let Some(rest) = body.strip_prefix(t) {
            // Run in after white space: two spaces in text, one where a web page collapsed them;
            // before the year, the spaces are gone ("总体情况  2023年，" normalises to
            // "总体情况2023年，").
            let year_follows = *t == "总体情况" && rest.starts_with(|c: char| c.is_ascii_digit());
            if rest.starts_with([' ', '\t', '。']) || year_follows {
                out.push(Candidate {
                    title_end: off + lead + t.len(),
                    ..whole_line(classify(t).unwrap())
                });
                return;
            }
        }
    }
    // 3. Headings run inline into a one-line body.
    let before = out.len();
    scan_inline(line, 0, off, out);
    // Three or more with nothing between them but a separator: the report's parts listed in its
    // preface ("全文包括：一、总体情况；二、主动公开政府信息情况；…"), not its headings.
    let found = &out[before..];
    if found.len() >= 3
        && found.windows(2).all(|w| {
            let (a, b) = (w[0].title_end - off, w[1].start - off);
            line.get(a..b)
                .is_none_or(|gap| gap.trim().chars().count() <= 2)
        })
    {
        out.truncate(before);
    }
}

/// Is `prev`, the character before byte `i` of `line`, the unit of a figure glued on the text
/// at `i` ("…政府集中采购13575394432.52元收到和处理政府信息公开申请情况", a table's last cell
/// before an unnumbered heading in a flattened body)?
fn unit_of_figure_before(line: &str, i: usize, prev: char) -> bool {
    matches!(prev, '元' | '件' | '条' | '项' | '个' | '次')
        && line[..i - prev.len_utf8()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
}

/// Words that end a title or heading, after which a glued heading marker may follow.
const GLUED_AFTER: &[&str] = &["年度报告", "年报", "情况", "概况", "概述"];

/// Unnumbered headings as the 2021 format prints them, found inside a flattened body (a page
/// crawled into one line) after a sentence end: a whole title, so that prose is not taken for one.
/// `true`: the title must be followed by a digit, white space or a bracket ("总体情况2023年，").
const CANONICAL_UNNUMBERED: &[(&str, bool)] = &[
    ("总体情况", true),
    ("主动公开政府信息情况", false),
    ("收到和处理政府信息公开申请情况", false),
    ("政府信息公开行政复议、行政诉讼情况", false),
    ("存在的主要问题及改进情况", false),
    ("其他需要报告的事项", false),
];

/// A body flattened into one line: long enough that it cannot be a paragraph's line of a
/// laid-out page alone.
const FLATTENED_LINE: usize = 600;

/// An unnumbered heading (a canonical title, or a bare subsection title followed by a wide gap)
/// at byte `i` of a flattened line.
fn unnumbered_inline(line: &str, i: usize, off: usize) -> Option<Candidate> {
    let rest = &line[i..];
    // A title in a list of the parts ("…主动公开政府信息情况、 收到和处理政府信息公开申请情况、…")
    // is no heading.
    let listed_before = line[..i].trim_end().ends_with('、');
    for (t, strict) in CANONICAL_UNNUMBERED {
        if let Some(after) = rest.strip_prefix(t) {
            let next = after.chars().next();
            let ok = if listed_before || after.trim_start().starts_with('、') {
                false
            } else if *strict {
                next.is_none_or(|c| c.is_ascii_digit() || c.is_whitespace() || c == '(')
            } else {
                !after.starts_with(['，', ',', '。']) && !after.starts_with("如下")
            };
            if ok {
                return Some(Candidate {
                    kind: classify(t)?,
                    level: Level::Top,
                    number: None,
                    arabic: false,
                    short_line: false,
                    weak: false,
                    start: off + i,
                    title_end: off + i + t.len(),
                });
            }
        }
    }
    for t in BARE_SUBSECTION_TITLES {
        if let Some(after) = rest.strip_prefix(t) {
            if after.starts_with("  ") || after.starts_with('\t') {
                return Some(Candidate {
                    kind: classify(t)?,
                    level: Level::Top,
                    number: None,
                    arabic: false,
                    short_line: false,
                    weak: false,
                    start: off + i,
                    title_end: off + i + t.len(),
                });
            }
        }
    }
    None
}

/// Inline headings: a marker after white space or a sentence end, with a subject right after it.
fn scan_inline(line: &str, from: usize, off: usize, out: &mut Vec<Candidate>) {
    let flattened = line.len() >= FLATTENED_LINE;
    let mut from = from.min(line.len());
    while !line.is_char_boundary(from) {
        from += 1;
    }
    // The character before each one is carried along rather than decoded again from the line.
    let mut before = line[..from].chars().next_back();
    // Unnumbered headings found: kept when there are two subjects or more, as in a whole report
    // crawled into one line; one alone is a long paragraph's words ("。其他需要报告的事项另行报告。").
    let mut unnumbered: Vec<Candidate> = Vec::new();
    for (j, c) in line[from..].char_indices() {
        let i = from + j;
        // A symbol decorating the heading ("。📌一、总体情况") stands as if it were not there.
        if is_decoration(c) {
            continue;
        }
        let Some(prev) = before.replace(c) else {
            continue;
        };
        if flattened
            && matches!(
                c,
                '总' | '主' | '收' | '政' | '存' | '其' | '依' | '信' | '平' | '监'
            )
            && (prev.is_whitespace()
                || "。；！？|".contains(prev)
                || prev.is_ascii_digit()
                || unit_of_figure_before(line, i, prev))
        {
            if let Some(cand) = unnumbered_inline(line, i, off) {
                unnumbered.push(cand);
                continue;
            }
        }
        // A part numbered otherwise in a flattened body ("。 1、总体情况", "。 壹、…", "。 Ⅳ、…",
        // "。 IV、…", "。 第四部分 …", "。 四 政府信息…"): after white space or a sentence end,
        // or glued on a table's last figure or unit ("…9116.36四 政府…", "…432.52元3、收到…")
        // when it heads a table or a later part; and only a part of the report's own (no
        // subsection: a "1、" in text is a list's item).
        if flattened
            && (c.is_ascii_digit()
                || c == '第'
                || other_numeral(c).is_some()
                || matches!(c, 'I' | 'V' | 'X')
                || chinese_numeral(c).is_some())
        {
            let spaced =
                prev.is_whitespace() || matches!(prev, '。' | '；' | ';' | '！' | '？' | '”');
            let glued = !spaced
                && (crate::ingest::normalize::is_han(prev)
                    || matches!(prev, ')' | '）')
                    || (prev.is_ascii_digit() && !c.is_ascii_digit()));
            if spaced || glued {
                if let Some(cand) = other_top_marker(&line[i..])
                    .and_then(|m| marker_candidate_at(line, i, off, true, m))
                    .filter(|c| {
                        c.kind >= SectionKind::DisclosureTable
                            || (spaced && c.kind == SectionKind::Overview)
                    })
                {
                    out.push(cand);
                    continue;
                }
            }
        }
        // A subsection of 一 numbered in Arabic digits in a flattened body ("。 1.主动公开方面。…",
        // "。 ②依申请公开…", "。 (3)政府信息管理…"): after white space or a sentence end only. A
        // list's item reads the same, so it stands only where nothing else numbers 一's
        // subsections and the numbers run 1, 2, 3… after 一's heading
        // (`keep_arabic_subsections_alone`).
        let opens_arabic = c.is_ascii_digit()
            || ('①'..='⑳').contains(&c)
            || ('⑴'..='⒇').contains(&c)
            || (c == '(' && line[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        if flattened
            && opens_arabic
            && (prev.is_whitespace() || matches!(prev, '。' | '；' | ';' | '！' | '？' | '”'))
        {
            if let Some(cand) = arabic_marker(&line[i..])
                .and_then(|m| marker_candidate_at(line, i, off, true, m))
                .filter(|c| is_subsection(c.kind))
            {
                out.push(Candidate {
                    arabic: true,
                    short_line: false,
                    weak: false,
                    ..cand
                });
                continue;
            }
        }
        let is_marker_start = chinese_numeral(c).is_some()
            || c == '('
            || other_numeral(c).is_some()
            || is_dash_for_one(c)
            || (c == '-' && line[i + 1..].starts_with('、'));
        if !is_marker_start {
            continue;
        }
        // Right after the report's title or a heading glued on before ("…年度报告一、总体情况
        // (一)主动公开…" in a flattened crawl): a heading may follow with nothing between.
        // Or right after an address the text gives ("电子邮箱：pzxxgkb@163.com一、概述…").
        let after_heading = || {
            let head = line[..i].trim_end_matches(is_decoration);
            GLUED_AFTER.iter().any(|w| head.ends_with(w))
                || [".com", ".cn", ".net", ".org"].iter().any(|d| {
                    i >= d.len()
                        && line.as_bytes()[i - d.len()..i].eq_ignore_ascii_case(d.as_bytes())
                })
        };
        if !(prev.is_whitespace()
            || prev == '|'
            || matches!(prev, '。' | '；' | ';' | '！' | '？' | '”')
            || prev.is_ascii_digit()
            || prev == ')'
            || prev == '）'
            || after_heading())
        {
            // Inline headings follow a sentence end; a digit or bracket before is a glued table
            // or crawl ("…pzxxgkb@163.com。一、总体情况", "…0 0 0 四、…").
            if !(c != '('
                && (prev.is_ascii_alphanumeric() || crate::ingest::normalize::is_han(prev)))
            {
                continue;
            }
            // Han character right before a top marker: allowed only for glued one-line crawls,
            // and only when the subject is a table/problems/other heading (checked below).
        }
        // A part's number typed loosely ("。二 、主动公开…"): only a part of the report's own,
        // after a sentence end or white space, or glued on a table's last figure when it heads
        // a table or a later part ("…432.52元三 、收到和处理…").
        let loose = || {
            let spaced =
                prev.is_whitespace() || matches!(prev, '。' | '；' | ';' | '！' | '？' | '”' | '|');
            let (m, _) = loose_top_marker(&line[i..])?;
            marker_candidate_at(line, i, off, true, m).filter(|c| {
                !is_subsection(c.kind) && (spaced || c.kind >= SectionKind::DisclosureTable)
            })
        };
        if let Some(cand) = marker_candidate(line, i, off, true).or_else(loose) {
            let glued = !(prev.is_whitespace()
                || matches!(prev, '。' | '；' | ';' | '！' | '？' | '”' | '|'));
            if glued
                && cand.kind < SectionKind::DisclosureTable
                && prev != ')'
                && !prev.is_ascii_digit()
                && !after_heading()
            {
                continue;
            }
            out.push(cand);
        }
    }
    if unnumbered.iter().any(|c| c.kind != unnumbered[0].kind) {
        let from = out.len();
        out.append(&mut unnumbered);
        // In order of the text with the numbered ones found on this line.
        let line_start = out[..from].partition_point(|c| c.start < off);
        out[line_start..].sort_by_key(|c| c.start);
    }
}

/// A heading that starts with a marker at byte `at` of `line`.
fn marker_candidate(line: &str, at: usize, off: usize, inline: bool) -> Option<Candidate> {
    let m = marker(&line[at..])?;
    marker_candidate_at(line, at, off, inline, m)
}

/// [`marker_candidate`] with the marker already read: (level, byte length, number).
fn marker_candidate_at(
    line: &str,
    at: usize,
    off: usize,
    inline: bool,
    (level, marker_len, number): (Level, usize, Option<u32>),
) -> Option<Candidate> {
    let rest = &line[at..];
    let after = &rest[marker_len..];
    // The heading of `kind` whose title is the first `e` bytes after the marker.
    let heading = |kind: SectionKind, e: usize| Candidate {
        kind,
        level,
        number,
        arabic: false,
        short_line: false,
        weak: false,
        start: off + at,
        title_end: off + at + marker_len + e,
    };
    // A title letter-spaced inside a one-line body ("四、政 府 信 息 公 开 行 政 复 议…"): the
    // spaced run is the title, whatever follows it unspaced.
    if let Some(e) = inline.then(|| letter_spaced_run(after)).flatten() {
        let compact = super::text::compact_str(&after[..e]);
        let kind = classify(&compact)?;
        if level == Level::Sub && !is_subsection(kind) && kind != SectionKind::Problems {
            return None;
        }
        return Some(heading(kind, e));
    }
    let window_end = title_window(after, level, inline);
    let title_text = &after[..window_end];
    let compact = super::text::compact_str(title_text);
    if is_table_three_row(&compact) {
        return None;
    }
    // A heading run into its text on its line ("（一）主动公开方面2019年，通过…门户网站…")
    // is classified as run-in text is: by the subject that ends first, not by any subject
    // word of the text after it (门户网站 is 平台建设's).
    // Read to the 41st character only: a line can be megabytes.
    let run_in = level == Level::Sub
        && !inline
        && after
            .trim_end()
            .chars()
            .take(41)
            .enumerate()
            .any(|(n, c)| n == 40 || c == '。' || c == '，');
    // A part's title misprinted inside a one-line body ("三、收到和处的政府信息公开申请情况"):
    // its subject words may name another kind (政府信息公开申请, on_request's).
    if inline && level == Level::Top {
        if let Some((kind, e)) = misprinted_part_title(after, number) {
            if classify_run_in(&compact) != Some(kind) {
                return Some(heading(kind, e));
            }
        }
    }
    let misread = (level == Level::Sub)
        .then(|| misread_subsection(&compact))
        .flatten();
    // A top title worded without subject words opening its text in a one-line body ("一、基本
    // 情况 2017年，我镇…主动公开…"): the words up to the gap (or the year) are the whole title;
    // else the text's subject words (主动公开) named it, and a wrong part took its text.
    // (So at a line's start, where the text goes on after the title on its line.)
    if level == Level::Top {
        let e = after
            .find(|c: char| {
                c.is_whitespace() || c.is_ascii_digit() || matches!(c, '。' | '：' | ':')
            })
            .unwrap_or(after.len());
        let text_follows = after[e..]
            .trim_start_matches([' ', '\t', '\u{3000}', '。', '：', ':'])
            .starts_with(|c: char| c != '\n' && c != '\r');
        if text_follows && (inline || after[..e].chars().count() <= 20) {
            if let Some(kind) =
                top_title_equivalent_numbered(&super::text::compact_str(&after[..e]), number)
            {
                return Some(heading(kind, e));
            }
        }
    }
    let kind = if let Some(kind) = misread {
        kind
    } else if inline || run_in {
        match classify_run_in(&compact) {
            Some(kind) => kind,
            // A top title worded without subject words, run into its text after a gap in a
            // one-line body ("…措施。 八、需要说明的事项 本报告中使用数据…").
            None if level == Level::Top => {
                let e = after
                    .find(|c: char| c.is_whitespace() || matches!(c, '。' | '：' | ':'))
                    .unwrap_or(after.len());
                let kind =
                    top_title_equivalent_numbered(&super::text::compact_str(&after[..e]), number)?;
                return Some(heading(kind, e));
            }
            None => return None,
        }
    } else if level == Level::Top {
        classify(&compact)
            .or_else(|| top_title_equivalent(&compact))
            .or_else(|| misprinted_part_title(after, number).map(|(kind, _)| kind))?
    } else {
        classify(&compact)?
    };
    if level == Level::Sub
        && !is_subsection(kind)
        && kind != SectionKind::Problems
        && kind != SectionKind::Overview
    {
        // （一）收到和处理… is allowed as well: tables numbered as subsections.
        if !matches!(
            kind,
            SectionKind::DisclosureTable
                | SectionKind::RequestsTable
                | SectionKind::ReviewLitigationTable
                | SectionKind::Other
        ) {
            return None;
        }
    }
    Some(heading(
        kind,
        title_extent(after, window_end, kind, level, inline),
    ))
}

/// The end of a letter-spaced title at the start of `after` (分散对齐: one space or ideographic
/// space after every character, "政 府 信 息 公 开 行 政 复 议、 行 政 诉 讼 情 况"): at least four
/// characters each followed by one space; the run ends after the last spaced one's successor.
fn letter_spaced_run(after: &str) -> Option<usize> {
    let s = after.trim_start_matches([' ', '\u{3000}']);
    let base = after.len() - s.len();
    let mut it = s.char_indices().peekable();
    let mut spaced = 0;
    let mut end = 0;
    while let Some((i, c)) = it.next() {
        let listing = matches!(c, '、' | '，');
        if !(crate::ingest::normalize::is_han(c) || listing) {
            break;
        }
        end = i + c.len_utf8();
        match it.peek() {
            Some(&(_, ' ' | '\u{3000}')) => {
                it.next();
                // One space, then a character of the title.
                if it.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
                    break;
                }
                spaced += usize::from(!listing);
            }
            // 、 may be printed without its space ("复　议、行　政").
            Some(&(_, n)) if listing || matches!(n, '、' | '，') => {}
            _ => break,
        }
    }
    (spaced >= 4).then_some(base + end)
}

/// Top headings some reports word without the template's subject words, recognised only whole
/// and only after a top-level number: a short line "其他" is also table 三's column.
const TOP_TITLE_EQUIVALENTS: &[(&str, SectionKind)] = &[
    ("基本情况", SectionKind::Overview),
    ("工作概况", SectionKind::Overview),
    ("总体工作情况", SectionKind::Overview),
    ("工作总体情况", SectionKind::Overview),
    ("工作开展情况", SectionKind::Overview),
    // The pre-2019 layout's overview as some provinces worded it (桂政办发〔2009〕180号's
    // "一、本年度政府信息公开工作的基本情况"), and a problems part worded as the plans alone.
    ("基本工作情况", SectionKind::Overview),
    ("工作基本情况", SectionKind::Overview),
    ("本年度政府信息公开工作的基本情况", SectionKind::Overview),
    ("本年度政府信息公开工作基本情况", SectionKind::Overview),
    ("下一步工作计划", SectionKind::Problems),
    ("下一步工作打算", SectionKind::Problems),
    ("下步工作打算", SectionKind::Problems),
    ("其他", SectionKind::Other),
    ("其他需要说明的事项", SectionKind::Other),
    ("其他需要说明的情况", SectionKind::Other),
    ("其他需要说明的问题", SectionKind::Other),
    ("其他情况", SectionKind::Other),
    // The pre-2019 layout's last part: "七、需要说明的事项", "八、说明".
    ("需要说明的事项", SectionKind::Other),
    ("需要说明的情况", SectionKind::Other),
    ("需说明的事项", SectionKind::Other),
    ("其他需说明的事项", SectionKind::Other),
    ("说明", SectionKind::Other),
];

/// What a last part's title may add after its subject: the statistics attached to it
/// ("七、需要说明的事项与附表").
const WITH_ATTACHMENT: &[&str] = &["与附表", "及附表", "和附表", "与附件", "及附件", "和附件"];

/// [`top_title_equivalent`] for a part numbered otherwise than 一、 (1、, 1., 第一部分) or
/// found inside a one-line body: a bare 其他 only from 4 on, table 三's rows "3.其他" being no
/// part.
/// The part numbered `number` whose title, as printed at the start of `after`, is one
/// character off the template's (one dropped, added or changed: `主公开政府信息情况`,
/// `收到和处理政府信息公开申情况`): a misprint, still that part's heading. The number must be
/// the part's own, and only the template's titles (nine characters or more) are so matched.
/// (The kind, and the byte end of the title's last character in `after`.)
fn misprinted_part_title(after: &str, number: Option<u32>) -> Option<(SectionKind, usize)> {
    let n = number?;
    let (_, kind, want) = crate::model::template::PART_TITLES
        .iter()
        .find(|(p, _, _)| *p == n)?;
    let want: Vec<char> = want.chars().collect();
    // The title's characters (white space and 、 skipped: a title letter-spaced, or printed
    // 行政复议、行政诉讼), each with its end; it ends at anything else.
    let mut got: Vec<(char, usize)> = Vec::new();
    for (i, c) in after.char_indices() {
        if got.len() > want.len() {
            break;
        }
        if crate::ingest::normalize::is_han(c) {
            got.push((c, i + c.len_utf8()));
        } else if !(c.is_whitespace() || c == '、') {
            break;
        }
    }
    let chars: Vec<char> = got.iter().map(|(c, _)| *c).collect();
    [want.len(), want.len() - 1, want.len() + 1]
        .into_iter()
        .find(|&l| l <= chars.len() && within_one_edit(&chars[..l], &want))
        .map(|l| (*kind, got[l - 1].1))
}

/// Is `a` at most one insertion, deletion or substitution away from `b`?
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[head..].iter().skip(1).eq(long[head..].iter().skip(1))
    } else {
        short[head..] == long[head + 1..]
    }
}

fn top_title_equivalent_numbered(title: &str, number: Option<u32>) -> Option<SectionKind> {
    (title != "其他" || number.is_some_and(|n| n >= 4))
        .then(|| top_title_equivalent(title))
        .flatten()
}

fn top_title_equivalent(title: &str) -> Option<SectionKind> {
    let t = title.trim_end_matches(['：', ':', '。', '.']);
    let t = ["政府信息公开", "政务公开", "信息公开"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    let t = WITH_ATTACHMENT
        .iter()
        .find_map(|a| t.strip_suffix(a))
        .unwrap_or(t);
    TOP_TITLE_EQUIVALENTS
        .iter()
        .find(|(w, _)| *w == t)
        .map(|(_, k)| *k)
}

/// "一、" / "一." / "（一）" at the start of `s`: (level, byte length, the number when it is
/// one numeral: 一…九 or 十).
fn marker(s: &str) -> Option<(Level, usize, Option<u32>)> {
    let mut it = s.char_indices();
    let (_, c0) = it.next()?;
    // A parenthesized numeral in one character (`㈠主动公开情况`, U+3220…U+3229: ㈠…㈩).
    if ('\u{3220}'..='\u{3229}').contains(&c0) {
        return Some((Level::Sub, c0.len_utf8(), Some(c0 as u32 - 0x321f)));
    }
    if c0 == '(' {
        let mut n = 0;
        let mut value = None;
        let mut dash = false;
        for (i, c) in it {
            // White space inside the brackets (`( 一 )`, an OCR's or a letter-spaced PDF's).
            if c == ' ' || c == '\u{3000}' {
                continue;
            }
            // A dash alone for 一 (`（—）`, as OCR and typists print it).
            if n == 0 && (is_dash_for_one(c) || c == '-') {
                dash = true;
                n = 1;
                value = Some(1);
                continue;
            }
            if dash && c != ')' {
                return None;
            }
            if let Some(v) = chinese_numeral(c).filter(|_| n < 3) {
                n += 1;
                value = (n == 1).then_some(v);
            } else if c == ')' && n > 0 {
                return Some((Level::Sub, i + 1, value));
            } else {
                return None;
            }
        }
        return None;
    }
    if let Some((v, len)) = other_numeral_at(s) {
        let sep = s[len..].chars().next()?;
        return matches!(sep, '、' | '.' | '．').then_some((
            Level::Top,
            len + sep.len_utf8(),
            Some(v),
        ));
    }
    // `—、` for `一、`, as OCR and typists print it (a hyphen too: no text opens `-、`).
    if (is_dash_for_one(c0) || c0 == '-') && s[c0.len_utf8()..].starts_with('、') {
        return Some((Level::Top, c0.len_utf8() + '、'.len_utf8(), Some(1)));
    }
    let mut value = Some(chinese_numeral(c0)?);
    for (i, c) in it {
        if chinese_numeral(c).is_some() && i < 6 {
            value = None;
            continue;
        }
        if c == '、' || c == '.' {
            return Some((Level::Top, i + c.len_utf8(), value));
        }
        return None;
    }
    None
}

/// A dash that stands for 一 in a heading's number: the characters OCR reads 一 as and typists
/// type for it (the ASCII hyphen only where nothing else can be meant: `-、`, `(-)`).
fn is_dash_for_one(c: char) -> bool {
    matches!(c, '—' | '―' | 'ー' | '－' | '‒' | '–' | '─' | '━')
}

/// A heading's number as read: its level, its length in bytes and the number it gives.
type Marker = (Level, usize, Option<u32>);

/// A part's number typed loosely at a line's start: a space before its 、 or full stop
/// (`二 、`, `三　.`), or a comma for the 、 (`四，`, `五,`); the title must follow. And whether
/// it is a comma: a line of text may open so ("一，加强…"), so it numbers only a part's own title
/// (never a subsection's words).
fn loose_top_marker(s: &str) -> Option<(Marker, bool)> {
    let c0 = s.chars().next()?;
    let v = chinese_numeral(c0).filter(|v| (1..=9).contains(v))?;
    let after = &s[c0.len_utf8()..];
    let spaced = after.trim_start_matches([' ', '\u{3000}']);
    let gap = after.len() - spaced.len();
    let sep = spaced.chars().next()?;
    let loose = match sep {
        '、' | '.' | '．' => gap > 0 && gap <= 6,
        '，' | ',' => gap <= 6,
        _ => false,
    };
    let len = c0.len_utf8() + gap + sep.len_utf8();
    let titled = s[len..]
        .trim_start_matches([' ', '\u{3000}'])
        .chars()
        .next()
        .is_some_and(crate::ingest::normalize::is_han);
    (loose && titled).then_some(((Level::Top, len, Some(v)), matches!(sep, '，' | ',')))
}

/// The numerals some reports number their six parts with instead of 一…六: 大写 (壹…拾) and
/// Roman (Ⅰ…Ⅻ, ⅰ…ⅻ), one character each.
fn other_numeral(c: char) -> Option<u32> {
    Some(match c {
        '壹' => 1,
        '贰' | '貳' => 2,
        '叁' | '參' => 3,
        '肆' => 4,
        '伍' => 5,
        '陆' | '陸' => 6,
        '柒' => 7,
        '捌' => 8,
        '玖' => 9,
        '拾' => 10,
        'Ⅰ'..='Ⅻ' => c as u32 - 'Ⅰ' as u32 + 1,
        'ⅰ'..='ⅻ' => c as u32 - 'ⅰ' as u32 + 1,
        _ => return None,
    })
}

/// [`other_numeral`] at the start of `s`, or a Roman numeral typed in ASCII capitals (`IV`, a
/// report typed without the input method's Ⅳ): its value and byte length.
fn other_numeral_at(s: &str) -> Option<(u32, usize)> {
    let c0 = s.chars().next()?;
    if let Some(v) = other_numeral(c0) {
        return Some((v, c0.len_utf8()));
    }
    // Longest first: "IV" before "I".
    const ROMAN: [(&str, u32); 12] = [
        ("XII", 12),
        ("XI", 11),
        ("X", 10),
        ("IX", 9),
        ("VIII", 8),
        ("VII", 7),
        ("VI", 6),
        ("V", 5),
        ("IV", 4),
        ("III", 3),
        ("II", 2),
        ("I", 1),
    ];
    ROMAN
        .iter()
        .find(|(r, _)| s.starts_with(r))
        .map(|(r, v)| (*v, r.len()))
}

/// A part's number written otherwise than "一、" at the start of `s`, as a flattened body
/// runs its parts in: "1、" / "1." / "1．" (Arabic, one or two digits), "第四部分" / "第4部分" /
/// "第四章" (with the space or the colon after it), "四 " (a numeral and a space before a Han
/// character), or the 大写/Roman forms `marker` reads. (Level Top, byte length, number.)
fn other_top_marker(s: &str) -> Option<(Level, usize, Option<u32>)> {
    let c0 = s.chars().next()?;
    let han_after = |len: usize| {
        s[len..]
            .trim_start_matches([' ', '\u{3000}'])
            .chars()
            .next()
            .is_some_and(crate::ingest::normalize::is_han)
    };
    if c0.is_ascii_digit() {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 2 {
            return None;
        }
        let n: u32 = s[..digits].parse().ok()?;
        let sep = s[digits..].chars().next()?;
        let len = digits + sep.len_utf8();
        return (matches!(sep, '、' | '.' | '．') && (1..=10).contains(&n) && han_after(len))
            .then_some((Level::Top, len, Some(n)));
    }
    if c0 == '第' {
        let rest = &s[c0.len_utf8()..];
        // 第四部分, 第Ⅳ部分, or 第4部分 (one or two digits).
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (n, numeral_len) = if (1..=2).contains(&digits) {
            (rest[..digits].parse().ok()?, digits)
        } else {
            let c1 = rest.chars().next()?;
            (
                chinese_numeral(c1).or_else(|| other_numeral(c1))?,
                c1.len_utf8(),
            )
        };
        let rest = &rest[numeral_len..];
        let word = ["部分", "章", "节"]
            .into_iter()
            .find(|w| rest.starts_with(w))?;
        let mut len = c0.len_utf8() + numeral_len + word.len();
        // Its colon is the marker's ("第四部分：政府信息公开行政复议、行政诉讼情况").
        if let Some(colon) = s[len..].chars().next().filter(|c| matches!(c, '：' | ':')) {
            len += colon.len_utf8();
        }
        return han_after(len).then_some((Level::Top, len, Some(n)));
    }
    if let Some(n) = chinese_numeral(c0).filter(|&n| n >= 1) {
        let sep = s[c0.len_utf8()..].chars().next()?;
        let len = c0.len_utf8() + sep.len_utf8();
        return (matches!(sep, ' ' | '\u{3000}') && han_after(len)).then_some((
            Level::Top,
            len,
            Some(n),
        ));
    }
    marker(s).filter(|_| other_numeral_at(s).is_some())
}

/// "1、" / "1." / "1．" / "(1)" at the start of `s`, followed by a Han character: a subsection
/// marker in Arabic digits (level Sub, byte length, number).
fn arabic_marker(s: &str) -> Option<(Level, usize, Option<u32>)> {
    // "①主动公开信息情况", "⑴依申请公开": a numeral in one character, circled or bracketed.
    if let Some(c) = s.chars().next() {
        let n = match c {
            '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
            '⑴'..='⒇' => Some(c as u32 - '⑴' as u32 + 1),
            _ => None,
        };
        if let Some(n) = n {
            let len = c.len_utf8();
            let next = s[len..].trim_start_matches(' ').chars().next()?;
            return crate::ingest::normalize::is_han(next).then_some((Level::Sub, len, Some(n)));
        }
    }
    let (open, digits_at) = match s.strip_prefix('(') {
        Some(_) => (true, 1),
        None => (false, 0),
    };
    let digits = s[digits_at..]
        .bytes()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let n: u32 = s[digits_at..digits_at + digits].parse().ok()?;
    let after = &s[digits_at + digits..];
    if !open {
        if let Some((m, len)) = decimal_subsection(after) {
            return Some((Level::Sub, digits + len, Some(m)));
        }
    }
    let sep = if open {
        after.strip_prefix(')').map(|_| 1)
    } else {
        ['、', '.', '．']
            .iter()
            .find(|c| after.starts_with(**c))
            .map(|c| c.len_utf8())
    }?;
    let len = digits_at + digits + sep;
    let next = s[len..].trim_start_matches(' ').chars().next()?;
    (n >= 1 && crate::ingest::normalize::is_han(next)).then_some((Level::Sub, len, Some(n)))
}

/// The rest of a Word multilevel list's number after its part's digits: `.1 主动公开…`,
/// `.2、依申请公开`, `.3\t…` (a subsection numbered by its part, `1.1`): the subsection's
/// number and the byte length of this rest. A Han character after it (white space or a stop
/// between; normalising joined the space to the digits) that is no unit: `1.5万人次` is a
/// figure.
fn decimal_subsection(after: &str) -> Option<(u32, usize)> {
    let rest = after.strip_prefix('.')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let m: u32 = rest[..digits].parse().ok()?;
    let tail = &rest[digits..];
    let stop = ['、', '.', '．']
        .iter()
        .find(|c| tail.starts_with(**c))
        .map_or(0, |c| c.len_utf8());
    let next = tail[stop..]
        .trim_start_matches([' ', '\t', '\u{3000}'])
        .chars()
        .next()?;
    let unit = "万亿千百十元件条个次人户家项倍年月日天份期场余多".contains(next);
    (m >= 1 && !unit && crate::ingest::normalize::is_han(next)).then_some((m, 1 + digits + stop))
}

/// How far after a marker to look for the heading's subject.
fn title_window(after: &str, level: Level, inline: bool) -> usize {
    let max_chars = if inline { 24 } else { 40 };
    let mut end = 0;
    // Characters of the title so far: white space between the number and the title (Word's
    // list numbering pads it, "二、&nbsp;&nbsp;&nbsp;&nbsp; 工作机制") is no gap after it.
    let mut n: usize = 0;
    for (i, c) in after.char_indices() {
        if n > 0 || !c.is_whitespace() {
            n += 1;
        }
        let n = n.saturating_sub(1);
        if n >= max_chars
            || c == '\n'
            || c == '。'
            || (inline && matches!(c, '，' | '；' | ',' | ';'))
        {
            return i;
        }
        if level == Level::Sub && c == '：' && n > 1 {
            return i;
        }
        // A heading run into its text ends where the text starts: after a wide gap, or at the
        // text's "一是" ("(五)强化监督保障  一是严格落实信息发布…": 信息发布 is the text's,
        // not the heading's).
        let rest = &after[i..];
        if n > 1 && (rest.starts_with("  ") || rest.starts_with('\t') || rest.starts_with("一是"))
        {
            return i;
        }
        end = i + c.len_utf8();
    }
    end
}

/// The printed title's length after the marker: up to a sentence end, a wide gap, or the end of
/// the subject words for headings run into their text.
fn title_extent(
    after: &str,
    window_end: usize,
    kind: SectionKind,
    level: Level,
    inline: bool,
) -> usize {
    // Only a heading at the start of its line can be the whole line: an inline one (there may
    // be many in one line) must not look at the rest of the line, which would be quadratic.
    if !inline {
        let line_rest = after.trim_end();
        let whole_line_ok = !line_rest.contains('。') && line_rest.chars().count() <= 40;
        if whole_line_ok && !line_rest.contains("  ") {
            // Titles that are the whole line (the common case).
            if level == Level::Top || !line_rest.trim_start().contains(' ') {
                return closed_before_comma(line_rest).unwrap_or(line_rest.len());
            }
        }
    }
    // Cut at "。", a colon, a double space, a single space or a subsection marker after the
    // title words began.
    let mut seen = 0usize;
    let mut cut = None;
    for (i, c) in after.char_indices() {
        if i >= window_end {
            break;
        }
        if c == '。' || c == '：' || c == ':' {
            cut = Some(i);
            break;
        }
        if c.is_whitespace() || (c == '(' && marker(&after[i..]).is_some()) {
            if seen >= 2 {
                cut = Some(i);
                break;
            }
            continue;
        }
        seen += 1;
    }
    // A heading sentence at the start of its line, closed by its 。 or colon where the window
    // ends (`(一)主动公开政府信息。2022年，…`): the whole of it is the title, where it reads as
    // one (short, no comma, no figure, no closing word that ends a title before its text:
    // `平台建设方面及时更新网站。`); else the subject words would cut it at 主动公开 and give
    // 政府信息。 to the text.
    if cut.is_none() && !inline && after[window_end..].starts_with(['。', '：', ':']) {
        let head = &after[..window_end];
        if head.chars().count() <= 16
            && !STRONG_END.iter().any(|w| head.contains(w))
            && !head.contains(['，', '；', ',', ';', '、'])
            && !head.chars().any(|c| c.is_ascii_digit())
        {
            return window_end;
        }
    }
    if let Some(cut) = cut {
        // A heading at the start of its line ends at the cut; one run into a flattened body may
        // also have its text glued on before the cut ("平台建设我局通过微信公众号…").
        return if inline {
            run_in_end(after, cut, kind).unwrap_or(cut)
        } else {
            cut
        };
    }
    run_in_end(after, window_end, kind).unwrap_or(window_end.min(after.len()))
}

/// A heading line whose title closes on a strong word before the line's first comma, the text
/// going on after it (`(一)主动公开方面，主要通过…` wrapped before its 。): the title's end.
fn closed_before_comma(line: &str) -> Option<usize> {
    let comma = line.find(['，', ','])?;
    let head = &line[..comma];
    let rest = line[comma..].chars().skip(1).filter(|c| !c.is_whitespace());
    (STRONG_END.iter().any(|w| head.ends_with(w)) && rest.count() >= 2).then_some(comma)
}

/// Words that close a heading: strong ones close it wherever they fall, weak ones (also words
/// of longer titles: 主动公开政府信息情况) only when no strong one follows.
const STRONG_END: &[&str] = &["情况", "事项", "方面", "做法", "概况", "概述", "措施"];
const WEAK_END: &[&str] = &["公开", "管理", "建设", "保障", "问题", "工作"];

/// What may follow a heading's closing word and still be its title, longest first.
const RUN_IN_TAILS: &[&str] = &[
    "及下一步工作计划",
    "及下一步工作打算",
    "和下一步工作计划",
    "和下一步工作打算",
    "及下一步计划",
    "及下一步打算",
    "及改进情况",
    "及改进措施",
    "及整改情况",
    "及整改措施",
    "和改进情况",
    "和改进措施",
    "及改进",
    "的情况",
    "情况",
    "措施",
];

/// The end of a heading run into its text with no separator: the first strong closing word
/// after the subject (before any digit: "总体情况2021年，…"), else the first weak one, then
/// "及改进情况" and similar tails.
fn run_in_end(after: &str, limit: usize, kind: SectionKind) -> Option<usize> {
    let s = &after[..limit.min(after.len())];
    let subj = subject_end(&Compact::new(s).s, kind).and_then(|e| {
        // The subject's end in `s` itself (white space and quotes are few here).
        let c = Compact::new(s);
        (e > 0).then(|| c.orig(e - 1, e).1)
    })?;
    let digit = s[subj..]
        .find(|c: char| c.is_ascii_digit())
        .map_or(s.len(), |d| subj + d);
    let first_end = |words: &[&str], upto: usize| -> Option<usize> {
        words
            .iter()
            .filter_map(|w| {
                // The closing word may end the subject itself (…政府信息情况): start looking
                // a word's length before the subject's end.
                let from = s[..subj]
                    .char_indices()
                    .rev()
                    .nth(w.chars().count() - 1)
                    .map_or(0, |(i, _)| i);
                s[from..upto].find(w).map(|p| from + p + w.len())
            })
            .filter(|&e| e >= subj)
            .min()
    };
    let mut end = first_end(STRONG_END, digit)
        .or_else(|| first_end(WEAK_END, digit))
        .unwrap_or(subj);
    // Whole tails only: a character of one ("进" of 进一步, "及" of 及时) begins the text.
    if let Some(tail) = RUN_IN_TAILS.iter().find(|t| after[end..].starts_with(*t)) {
        end += tail.len();
    }
    Some(end.min(after.len()))
}

fn clean_title(s: &str) -> String {
    let t = s
        .trim()
        .trim_start_matches(['#', '*', '|', '>', ' ', '【'])
        .trim_end_matches(['。', ':', '：', '*', '|', ' ', '\t', '】']);
    // A heading wrapped onto a second line reads as one line.
    if t.contains('\n') {
        return super::text::squash_ws(&super::text::join_han_wraps(t));
    }
    super::text::squash_ws(t)
}

/// The text of a section body: chrome lines dropped, markdown marks and white space tidied.
pub fn body_text(text: &str, body: Range<usize>, chrome: &chrome::ChromeLines) -> String {
    let slice = &text[body.clone()];
    let mut out = String::with_capacity(slice.len());
    for (at, line) in super::text::split_lines(slice) {
        if chrome.at(body.start + at, line) {
            continue;
        }
        let t = line.trim().trim_start_matches(['#', '>']).trim();
        if t.is_empty()
            || t.chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '*' | '_'))
        {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(t);
    }
    out
}

#[cfg(test)]
mod tests;
