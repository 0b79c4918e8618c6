//! Metamorphic tests: every keyed report (the shipped corpus, and the pdftotext extractions of
//! `../shared/corpus-pdf` where present) is changed in ways a reader would not notice — line
//! endings, encodings, indents, page footers and form feeds, hard wraps, chrome around it, a
//! site page around a text report — and every fact that is right on the original must stay
//! right, with no fact becoming wrong.
//!
//! Each transformation is a function from the decoded source to new bytes (and a file name, whose
//! extension picks the format); one returning None does not apply to that report.

use crate::common;

use common::{keyed_reports, regressions, score, Keyed};
use std::path::Path;

fn ext(name: &str) -> &str {
    name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
}

fn is_html(name: &str) -> bool {
    matches!(ext(name), "html" | "htm")
}

/// A changed report: the file name to parse it as, and its bytes.
type Variant = (String, Vec<u8>);
type Transform = fn(&Keyed) -> Option<Variant>;

fn same_name(k: &Keyed, text: String) -> Option<Variant> {
    Some((k.name.clone(), text.into_bytes()))
}

// ---- line endings, encodings, white space ----------------------------------------------

fn crlf(k: &Keyed) -> Option<Variant> {
    same_name(k, k.source.replace('\n', "\r\n"))
}

fn cr_only(k: &Keyed) -> Option<Variant> {
    same_name(k, k.source.replace('\n', "\r"))
}

fn utf8_bom(k: &Keyed) -> Option<Variant> {
    let mut b = vec![0xef, 0xbb, 0xbf];
    b.extend_from_slice(k.source.as_bytes());
    Some((k.name.clone(), b))
}

fn utf16le_bom(k: &Keyed) -> Option<Variant> {
    let mut b = vec![0xff, 0xfe];
    for u in k.source.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    Some((k.name.clone(), b))
}

fn utf16be_no_bom(k: &Keyed) -> Option<Variant> {
    let mut b = Vec::new();
    for u in k.source.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Some((k.name.clone(), b))
}

fn gb18030(k: &Keyed) -> Option<Variant> {
    let (b, _, unmappable) = encoding_rs::GB18030.encode(&k.source);
    (!unmappable).then(|| (k.name.clone(), b.into_owned()))
}

/// Text reports only: every line indented with ideographic spaces, or NBSPs, and trailing
/// white space after it.
fn indents(k: &Keyed, indent: &str) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("{indent}{l} \u{3000}")
            }
        })
        .collect();
    same_name(k, out.join("\n"))
}

fn ideographic_indent(k: &Keyed) -> Option<Variant> {
    indents(k, "\u{3000}\u{3000}")
}

fn nbsp_indent(k: &Keyed) -> Option<Variant> {
    indents(k, "\u{a0}\u{a0}\u{a0}\u{a0}")
}

/// Digits and ASCII letters of prose and tables as full-width characters.
fn fullwidth_digits(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let out: String = k
        .source
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xfee0).unwrap()
            } else {
                c
            }
        })
        .collect();
    same_name(k, out)
}

/// Blank lines doubled (a crawler's <p> spacing).
fn blank_lines_doubled(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    same_name(k, k.source.replace("\n\n", "\n\n\n"))
}

/// Markdown headings in bold (`**一、总体情况**`), as converters write them: rendered, the same.
fn bold_headings(k: &Keyed) -> Option<Variant> {
    if ext(&k.name) != "md" {
        return None;
    }
    let heading = |l: &str| {
        let t = l.trim_start_matches('#').trim();
        let first = t.chars().next().unwrap_or(' ');
        (first == '（' || first == '(' || "一二三四五六七八九".contains(first))
            && t.chars().count() < 40
            && !t.contains(['|', '\t'])
    };
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            if heading(l) {
                let hashes: String = l.chars().take_while(|&c| c == '#').collect();
                let t = l.trim_start_matches('#').trim();
                format!(
                    "{hashes}{}**{t}**",
                    if hashes.is_empty() { "" } else { " " }
                )
            } else {
                l.to_string()
            }
        })
        .collect();
    same_name(k, out.join("\n"))
}

// ---- PDF extraction artefacts --------------------------------------------------------

/// Page breaks as pdftotext writes them (a form feed and a footer) after every `every`-th line.
fn page_breaks(k: &Keyed, every: usize, footer: fn(usize) -> String) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let mut out = String::new();
    let mut page = 1;
    for (i, line) in k.source.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if i % every == 0 {
                out.push_str(&footer(page));
                out.push('\n');
                out.push('\u{c}');
                page += 1;
            }
        }
        out.push_str(line);
    }
    same_name(k, out)
}

fn footer_dash_every_7(k: &Keyed) -> Option<Variant> {
    page_breaks(k, 7, |p| format!("- {p} -"))
}

fn footer_emdash_every_11(k: &Keyed) -> Option<Variant> {
    page_breaks(k, 11, |p| format!("— {p} —"))
}

fn footer_page_of_every_5(k: &Keyed) -> Option<Variant> {
    page_breaks(k, 5, |p| format!("第{p}页 共9页"))
}

fn footer_tight_every_3(k: &Keyed) -> Option<Variant> {
    page_breaks(k, 3, |p| format!("-{p}-"))
}

/// A web page printed to PDF by a browser: its address and "p/n" at the foot of each page, the
/// date, time and page title at the head of the next.
fn browser_print_margins_every_6(k: &Keyed) -> Option<Variant> {
    page_breaks(k, 6, |p| {
        format!(
            "https://www.example.gov.cn/art/2024/1/20/art_123_456.html    {p}/9\n\
             2024/1/20 10:35    政府信息公开工作年度报告 - 某市人民政府"
        )
    })
}

fn page_of_every_4(k: &Keyed) -> Option<Variant> {
    page_breaks(k, 4, |p| format!("Page {p} of 30"))
}

/// Prose hard-wrapped as a PDF's text layer is: a line longer than `width` characters broken
/// between two Han characters (never inside a number), the rest carried to the next line.
fn hard_wrapped(k: &Keyed, width: usize) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut out = Vec::new();
    for line in k.source.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        // Prose only: not a table row (tabs, pipes, columns of spaces), not a crawler's
        // one-line body (no page is 1,500 characters wide).
        if chars.len() <= width
            || chars.len() > 1500
            || line.contains(['\t', '|'])
            || line.contains("  ")
        {
            out.push(line.to_string());
            continue;
        }
        let mut start = 0;
        while chars.len() - start > width {
            // The last break between two Han characters within the width.
            let cut = (start + width / 2..start + width)
                .rev()
                .find(|&i| han(chars[i - 1]) && han(chars[i]));
            let Some(cut) = cut else { break };
            out.push(chars[start..cut].iter().collect());
            start = cut;
        }
        out.push(chars[start..].iter().collect());
    }
    same_name(k, out.join("\n"))
}

fn hard_wrapped_at_38(k: &Keyed) -> Option<Variant> {
    hard_wrapped(k, 38)
}

fn hard_wrapped_at_60(k: &Keyed) -> Option<Variant> {
    hard_wrapped(k, 60)
}

/// Lines wrapped at their spaces to 72 columns, as pandoc's writers wrap paragraphs
/// (`--wrap=auto`; Han text without spaces is never broken): a crawl's one-line body comes
/// apart at the spaces between its parts, the figures of table 四 on the line that opens with
/// them and goes on into heading 五 (`0 1 1 … 0 五、存在的主要问题及改进情况`). Before, that line
/// was read as a short line headed by its subject, the figures opened heading 五's title, and
/// table 四 lost its 15 figures.
fn wrapped_at_spaces_72(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let mut out = Vec::new();
    for line in k.source.split('\n') {
        let mut current = String::new();
        let mut width = 0;
        for (i, word) in line.split(' ').enumerate() {
            let w = word.chars().count();
            if i > 0 && width > 0 && width + 1 + w > 72 {
                out.push(std::mem::take(&mut current));
                width = 0;
            } else if i > 0 {
                current.push(' ');
                width += 1;
            }
            current.push_str(word);
            width += w;
        }
        out.push(current);
    }
    same_name(k, out.join("\n"))
}

// ---- a text report served as a web page ----------------------------------------------

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const SITE_HEAD: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政府信息公开年报</title>\
<style>p{margin:0}</style><script>var a = 1 < 2;</script></head>\n<body>\n\
<div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li>\
<li><a href=\"/hdjl\">互动交流</a></li></ul></div>\n\
<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; 政府信息公开年报</div>\n\
<div class=\"article\">\n";
const SITE_FOOT: &str = "</div>\n<div class=\"share\">分享到：<a>微信</a> <a>微博</a></div>\n\
<div class=\"footer\"><p>主办单位：某某市人民政府办公室</p><p>网站标识码：1234000000 ICP备12345678号</p></div>\n\
</body></html>\n";

/// A text report inside a site page, one `<p>` per line. Lines with tabs or pipes are table
/// rows: a browser collapses tabs, so those reports are served as `<pre>` instead.
fn served_as_paragraphs(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) || k.source.contains('\t') || k.source.contains('|') {
        return None;
    }
    let mut page = String::from(SITE_HEAD);
    for line in k.source.lines() {
        if line.trim().is_empty() {
            continue;
        }
        page.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    page.push_str(SITE_FOOT);
    Some((format!("{}.html", k.name), page.into_bytes()))
}

fn served_as_pre(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let page = format!("{SITE_HEAD}<pre>{}</pre>\n{SITE_FOOT}", escape(&k.source));
    Some((format!("{}.html", k.name), page.into_bytes()))
}

// ---- table cells as copies print them ---------------------------------------------------

/// Text reports: a tab after every line (a copy out of a word processor's table), tabs that
/// separate no columns.
fn trailing_tab(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let out: Vec<String> = k.source.lines().map(|l| format!("{l}\t")).collect();
    same_name(k, out.join("\n"))
}

/// Text reports: every cell that is a whole line or a whole tab field of digits printed with
/// its unit ("25" → "25件"); only reports that have such cells.
fn units_on_counts(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let is_count = |f: &str| {
        let t = f.trim();
        !t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit())
    };
    let mut changed = 0;
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            l.split('\t')
                .map(|f| {
                    if is_count(f) {
                        changed += 1;
                        format!("{}件", f.trim_end())
                    } else {
                        f.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    (changed >= 20).then(|| (k.name.clone(), out.join("\n").into_bytes()))
}

/// The sign-off date written as official documents sign it: "2023年1月29日" on a line of its
/// own → "二〇二三年一月二十九日"; only reports that have such a line.
fn signoff_date_in_chinese_numerals(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let small = |n: u32| -> String {
        match n {
            0..=9 => DIGITS[n as usize].to_string(),
            10 => "十".into(),
            11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
            _ if n.is_multiple_of(10) => format!("{}十", DIGITS[(n / 10) as usize]),
            _ => format!(
                "{}十{}",
                DIGITS[(n / 10) as usize],
                DIGITS[(n % 10) as usize]
            ),
        }
    };
    let mut changed = false;
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let t = l.trim();
            let date = t.strip_suffix('日').and_then(|t| {
                let (y, md) = t.split_once('年')?;
                let (m, d) = md.split_once('月')?;
                let n = |s: &str| s.parse::<u32>().ok();
                (y.len() == 4).then_some((y, n(m)?, n(d)?))
            });
            match date {
                Some((y, m, d)) if y.bytes().all(|b| b.is_ascii_digit()) => {
                    changed = true;
                    let y: String = y.bytes().map(|b| DIGITS[(b - b'0') as usize]).collect();
                    l.replace(t, &format!("{y}年{}月{}日", small(m), small(d)))
                }
                _ => l.to_string(),
            }
        })
        .collect();
    changed.then(|| (k.name.clone(), out.join("\n").into_bytes()))
}

/// Text reports: the six top headings as some sites print them, unnumbered in brackets
/// ("二、主动公开政府信息情况" → "【主动公开政府信息情况】").
fn headings_bracketed_unnumbered(k: &Keyed) -> Option<Variant> {
    const TOP_SUBJECTS: &[&str] = &[
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ];
    if is_html(&k.name) {
        return None;
    }
    let mut changed = 0;
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let t = l.trim();
            let rest = ["一、", "二、", "三、", "四、", "五、", "六、"]
                .iter()
                .find_map(|n| t.strip_prefix(n));
            match rest {
                Some(r)
                    if TOP_SUBJECTS
                        .iter()
                        .any(|w| r.starts_with(w) || r.contains(w)) =>
                {
                    changed += 1;
                    format!("【{r}】")
                }
                _ => l.to_string(),
            }
        })
        .collect();
    (changed >= 4).then(|| (k.name.clone(), out.join("\n").into_bytes()))
}

/// Text reports: every numbered top heading in brackets, its number kept
/// ("二、工作机制保障" → "【二、工作机制保障】"). Before, the brackets hid the number, and a part
/// found only by its number (shanghai-stcsm's 工作机制保障, 政府信息管理, 平台建设) was lost.
fn headings_bracketed_numbered(k: &Keyed) -> Option<Variant> {
    top_headings(k, 4, |n, rest| {
        let plain = !rest.contains(['\t', '|']) && rest.chars().count() <= 30;
        plain.then(|| format!("【{n}{rest}】"))
    })
}

/// Rewrite the top headings of a text report line by line; `None` unless at least `min` change.
fn top_headings(
    k: &Keyed,
    min: usize,
    f: impl Fn(&str, &str) -> Option<String>,
) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let mut changed = 0;
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let t = l.trim();
            let numbered = ["一、", "二、", "三、", "四、", "五、", "六、"]
                .iter()
                .find_map(|n| t.strip_prefix(n).map(|rest| (*n, rest)));
            match numbered.and_then(|(n, rest)| f(n, rest)) {
                Some(new) => {
                    changed += 1;
                    new
                }
                None => l.to_string(),
            }
        })
        .collect();
    (changed >= min).then(|| (k.name.clone(), out.join("\n").into_bytes()))
}

/// The six top headings in other words reports use: 基本情况, 政府信息主动公开情况,
/// 依申请公开政府信息情况, 存在的不足及改进措施, 其他需要说明的事项.
fn headings_worded_otherwise(k: &Keyed) -> Option<Variant> {
    const WORDS: &[(&str, &str, &str)] = &[
        ("一、", "总体情况", "基本情况"),
        ("二、", "主动公开政府信息情况", "政府信息主动公开情况"),
        (
            "三、",
            "收到和处理政府信息公开申请情况",
            "依申请公开政府信息情况",
        ),
        ("五、", "存在的主要问题及改进情况", "存在的不足及改进措施"),
        ("六、", "其他需要报告的事项", "其他需要说明的事项"),
    ];
    top_headings(k, 3, |n, rest| {
        WORDS
            .iter()
            .find(|(m, from, _)| *m == n && rest.trim() == *from)
            .map(|(m, _, to)| format!("{m}{to}"))
    })
}

/// The top headings of the tables and after them wrapped onto a second line, as a PDF prints a
/// long heading ("四、政府信息公开行政复议、" / "行政诉讼情况").
fn headings_wrapped(k: &Keyed) -> Option<Variant> {
    top_headings(k, 3, |n, rest| {
        let rest = rest.trim();
        let chars: Vec<char> = rest.chars().collect();
        let heading = [
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
        ]
        .iter()
        .any(|w| rest.ends_with(w));
        (["二、", "三、", "四、", "五、"].contains(&n) && heading && chars.len() >= 10).then(|| {
            let cut = chars.len() - 6;
            let (a, b): (String, String) =
                (chars[..cut].iter().collect(), chars[cut..].iter().collect());
            format!("{n}{a}\n{b}")
        })
    })
}

/// The top headings in markdown bold ("**一、总体情况**"), as a converted Word file prints them.
fn headings_bold_markdown(k: &Keyed) -> Option<Variant> {
    top_headings(k, 4, |n, rest| {
        let rest = rest.trim();
        (rest.chars().count() <= 30 && !rest.contains('。')).then(|| format!("**{n}{rest}**"))
    })
}

/// The subsections of 一 numbered in Arabic digits ("（一）主动公开" → "1、主动公开" or
/// "(1)主动公开"), as many reports number them; only between 一 and 二.
fn subsections_arabic(k: &Keyed, style: fn(usize) -> String) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let mut inside = false;
    let mut changed = 0;
    let out: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("一、") {
                inside = true;
            } else if t.starts_with("二、") {
                inside = false;
            }
            if inside {
                for (n, m) in ["一", "二", "三", "四", "五"].iter().enumerate() {
                    for marker in [format!("({m})"), format!("（{m}）")] {
                        if let Some(rest) = t.strip_prefix(&marker) {
                            changed += 1;
                            return format!("{}{}{rest}", &l[..l.len() - t.len()], style(n + 1));
                        }
                    }
                }
            }
            l.to_string()
        })
        .collect();
    (changed >= 3).then(|| (k.name.clone(), out.join("\n").into_bytes()))
}

fn subsections_numbered_1_dun(k: &Keyed) -> Option<Variant> {
    subsections_arabic(k, |n| format!("{n}、"))
}

fn subsections_numbered_paren_1(k: &Keyed) -> Option<Variant> {
    subsections_arabic(k, |n| format!("（{n}）"))
}

/// The three tables moved to the end as appendices ("附表1：主动公开政府信息情况"), each
/// section saying only "（详见附表N）", as some agencies publish them.
fn tables_as_appendix(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    const TABLES: [(&str, &str); 3] = [
        ("二、", "主动公开政府信息情况"),
        ("三、", "收到和处理政府信息公开申请情况"),
        ("四、", "政府信息公开行政复议、行政诉讼情况"),
    ];
    let lines: Vec<&str> = k.source.lines().collect();
    // A heading, not a row label of table 三 (四、结转下年度继续办理).
    let top = |l: &str, n: &str| {
        let t = l.trim_start();
        let word = match n {
            "二、" => "主动公开",
            "三、" => "申请情况",
            "四、" => "复议",
            _ => "问题",
        };
        t.starts_with(n) && t.contains(word)
    };
    let mut out: Vec<String> = Vec::new();
    let mut appendix: Vec<String> = vec!["附件：".into()];
    let mut i = 0;
    let mut moved = 0;
    while i < lines.len() {
        let l = lines[i];
        out.push(l.to_string());
        i += 1;
        let Some(t) = TABLES.iter().position(|(n, _)| top(l, n)) else {
            continue;
        };
        let next = ["三、", "四、", "五、"][t];
        let end = (i..lines.len()).find(|&j| top(lines[j], next))?;
        out.push(format!("（详见附表{}）", t + 1));
        appendix.push(format!("附表{}：{}", t + 1, TABLES[t].1));
        appendix.extend(lines[i..end].iter().map(|l| l.to_string()));
        moved += 1;
        i = end;
    }
    (moved == 3).then(|| {
        out.extend(appendix);
        (k.name.clone(), out.join("\n").into_bytes())
    })
}

/// A preface listing the report's parts with their numbers, in one paragraph before 一.
fn preface_listing_parts(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let lines: Vec<&str> = k.source.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("一、") && l.contains("情况"))?;
    let preface =
        "本年度报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括：一、总体情况；\
        二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、\
        行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。";
    let mut out: Vec<&str> = lines[..at].to_vec();
    out.push(preface);
    out.extend_from_slice(&lines[at..]);
    Some((k.name.clone(), out.join("\n").into_bytes()))
}

/// A web page converted to markdown that keeps its tables as HTML (pandoc's gfm writer does so
/// for tables with merged cells): the text outside the tables as lines, the tables verbatim.
fn markdown_with_html_tables(k: &Keyed) -> Option<Variant> {
    if !is_html(&k.name) {
        return None;
    }
    let src = &k.source;
    let lower = src.to_ascii_lowercase();
    let mut out = String::new();
    let mut at = 0;
    let mut tables = 0;
    while at < src.len() {
        let next = lower[at..].find("<table").map(|p| at + p);
        let text_end = next.unwrap_or(src.len());
        // Outside the tables: block tags end lines, other tags go.
        let mut rest = &src[at..text_end];
        while let Some(p) = rest.find('<') {
            out.push_str(&rest[..p].replace("&nbsp;", " "));
            let close = rest[p..].find('>').map_or(rest.len(), |e| p + e + 1);
            let tag = rest[p..close].to_ascii_lowercase();
            if ["<p", "</p", "<br", "<div", "</div", "<h", "</h", "<li"]
                .iter()
                .any(|t| tag.starts_with(t))
            {
                out.push('\n');
            }
            rest = &rest[close..];
        }
        out.push_str(&rest.replace("&nbsp;", " "));
        let Some(start) = next else { break };
        let end = lower[start..]
            .find("</table>")
            .map_or(src.len(), |e| start + e + 8);
        out.push('\n');
        out.push_str(&src[start..end]);
        out.push('\n');
        tables += 1;
        at = end;
    }
    let name = k
        .name
        .rsplit_once('.')
        .map_or(k.name.clone(), |(b, _)| format!("{b}.md"));
    (tables >= 2).then(|| (name, out.into_bytes()))
}

/// Table 三's total row printed 合计 without its number, and table 二's headers without 本年
/// (制发件数, 废止件数, 处理决定数量, 收费金额).
fn table_labels_shortened(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let mut text = k.source.clone();
    for (from, to) in [
        ("本年制发件数", "制发件数"),
        ("本年废止件数", "废止件数"),
        ("本年处理决定数量", "处理决定数量"),
        ("本年收费金额", "收费金额"),
    ] {
        text = text.replace(from, to);
    }
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            for total in ["（七）总计", "(七)总计"] {
                if let Some(rest) = t.strip_prefix(total) {
                    return format!("{}合计{rest}", &l[..l.len() - t.len()]);
                }
            }
            l.to_string()
        })
        .collect();
    let text = lines.join("\n");
    (text != k.source).then(|| (k.name.clone(), text.into_bytes()))
}

/// Table 二 printed with a 序号 column: each row's serial number before its label, in the
/// row's own layout (a tab, a pipe cell, or spaces), and 序号 before the 信息内容 header.
fn table_two_serial_column(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    const ROWS: &[&str] = &[
        "规章",
        "规范性文件",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ];
    let mut serial = 0;
    let lines: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let body = l.trim_start_matches([' ', '|']);
            let lead = &l[..l.len() - body.len()];
            let has_values = body
                .trim_end_matches([' ', '|', '\t'])
                .ends_with(|c: char| c.is_ascii_digit());
            let header = body.starts_with("信息内容") && serial < ROWS.len();
            let row = ROWS.iter().any(|r| body.starts_with(r)) && has_values;
            if !(header || row) {
                return l.to_string();
            }
            let field = if header {
                "序号".to_string()
            } else {
                serial += 1;
                serial.to_string()
            };
            if l.contains('\t') {
                format!("{lead}{field}\t{body}")
            } else if l.contains('|') {
                format!("{lead}{field} | {body}")
            } else {
                format!("{lead}{field}   {body}")
            }
        })
        .collect();
    (serial >= 4).then(|| (k.name.clone(), lines.join("\n").into_bytes()))
}

/// Table 三 with a column of the organisations' subtotals (小计) after 其他, as some agencies
/// print it: each tab- or pipe-separated row of seven figures gets the sum of its five
/// organisation cells before 总计.
fn table_three_subtotal_column(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    let mut rows = 0;
    let lines: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let sep = if l.contains('\t') {
                "\t"
            } else if l.trim_start().starts_with('|') {
                "|"
            } else {
                return l.to_string();
            };
            let mut cells: Vec<String> = l.split(sep).map(str::to_string).collect();
            // The header names the new column beside 其他 (where all organisations are 0, only
            // the header tells a subtotal from any column of 0s).
            if let Some(o) = cells.iter().position(|c| c.trim() == "其他") {
                if cells.iter().any(|c| c.trim() == "商业企业") {
                    cells.insert(o + 1, "小计".to_string());
                    return cells.join(sep);
                }
            }
            let numeric: Vec<usize> = (0..cells.len())
                .filter(|&i| {
                    let c = cells[i].trim();
                    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
                })
                .collect();
            if numeric.len() != 7 || numeric[6] - numeric[0] != 6 {
                return l.to_string();
            }
            let orgs: u64 = numeric[1..6]
                .iter()
                .map(|&i| cells[i].trim().parse::<u64>().unwrap())
                .sum();
            let pad = if sep == "|" { " " } else { "" };
            cells.insert(numeric[5] + 1, format!("{pad}{orgs}{pad}"));
            rows += 1;
            cells.join(sep)
        })
        .collect();
    (rows >= 10).then(|| (k.name.clone(), lines.join("\n").into_bytes()))
}

/// A table of contents before the report: its own top headings, in order, each with leaders and
/// a page number (as a PDF prints one), one per line.
fn table_of_contents(k: &Keyed) -> Option<Variant> {
    let html = is_html(&k.name);
    let lines: Vec<&str> = k.source.lines().collect();
    let mut headings: Vec<(usize, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = if html {
            strip_tags(l)
        } else {
            l.trim().to_string()
        };
        let want = [
            ("一、", ""),
            ("二、", "主动公开"),
            ("三、", "申请"),
            ("四、", "复议"),
            ("五、", "问题"),
            ("六、", "其他"),
        ]
        .get(headings.len());
        if want.is_some_and(|(n, w)| t.starts_with(n) && t.contains(w)) && t.chars().count() <= 30 {
            headings.push((i, t));
        }
    }
    if headings.len() < 5 {
        return None;
    }
    let at = headings[0].0;
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    out.push(if html {
        "<p>目　录</p>".into()
    } else {
        "目　录".into()
    });
    for (page, (_, t)) in headings.iter().enumerate() {
        let entry = format!("{t}…………………………{}", page + 1);
        out.push(if html {
            format!("<p>{entry}</p>")
        } else {
            entry
        });
    }
    out.extend(lines[at..].iter().map(|l| l.to_string()));
    Some((k.name.clone(), out.join("\n").into_bytes()))
}

/// The first paragraph of prose made long (as a laid-out page's paragraph often is) and made to
/// name the parts in a list with a space after each 、, and 其他需要报告的事项 in a sentence.
fn parts_named_in_a_long_paragraph(k: &Keyed) -> Option<Variant> {
    let mut lines: Vec<String> = k.source.lines().map(str::to_string).collect();
    let at = lines.iter().position(|l| {
        let t = if is_html(&k.name) {
            strip_tags(l)
        } else {
            l.trim().to_string()
        };
        t.chars().count() > 60 && t.contains('。') && !t.contains('|') && !t.contains('\t')
    })?;
    let mut words = String::from(
        "本报告包括总体情况、 主动公开政府信息情况、 收到和处理政府信息公开申请情况、 \
         政府信息公开行政复议、行政诉讼情况、 存在的主要问题及改进情况、 其他需要报告的事项六个部分。\
         其他需要报告的事项另行报告。",
    );
    while lines[at].len() + words.len() < 700 {
        words.push_str("本机关坚持以公开为常态、不公开为例外。");
    }
    let line = &mut lines[at];
    match line.rfind("</p>") {
        Some(p) if is_html(&k.name) => line.insert_str(p, &words),
        _ => line.push_str(&words),
    }
    Some((k.name.clone(), lines.join("\n").into_bytes()))
}

/// Table 二's one-figure rows as an export that undoes merged cells prints them: the figure
/// again in each of the table's three columns ("行政许可\t550" → "行政许可\t550\t550\t550").
fn table_two_merged_figures_repeated(k: &Keyed) -> Option<Variant> {
    const ROWS: &[&str] = &["行政许可", "行政处罚", "行政强制", "行政事业性收费"];
    let mut changed = 0;
    let lines: Vec<String> = k
        .source
        .lines()
        .map(|l| {
            let sep = if l.contains('\t') {
                "\t"
            } else if l.contains('|') {
                "|"
            } else {
                "   "
            };
            let mut fields: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split(sep)
                .map(str::trim)
                .filter(|f| !f.is_empty() || sep != "   ")
                .collect();
            while fields.len() > 2 && fields.last() == Some(&"") {
                fields.pop();
            }
            match fields.as_slice() {
                [label, figure] if ROWS.contains(label) && figure.parse::<f64>().is_ok() => {
                    changed += 1;
                    match sep {
                        "|" => format!("| {label} | {figure} | {figure} | {figure} |"),
                        _ => [*label, figure, figure, figure].join(sep),
                    }
                }
                _ => l.to_string(),
            }
        })
        .collect();
    (changed >= 3).then(|| (k.name.clone(), lines.join("\n").into_bytes()))
}

/// The report saved from a spreadsheet as CSV: a table row's cells (tab- or pipe-separated)
/// as fields, every other line as one field, quoted where it holds a comma or a quote, and
/// every record padded with empty fields to the sheet's width.
fn saved_as_csv(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name)
        || !k
            .source
            .lines()
            .any(|l| l.contains('\t') || l.starts_with('|'))
    {
        return None;
    }
    let quote = |f: &str| {
        if f.contains([',', '"']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let mut out = String::new();
    for l in k.source.lines() {
        if l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && l.contains("--") {
            continue; // a markdown table's rule
        }
        let fields: Vec<String> = if l.contains('\t') {
            l.split('\t').map(quote).collect()
        } else if l.starts_with('|') {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|f| quote(f.trim()))
                .collect()
        } else {
            vec![quote(l)]
        };
        let n = fields.len();
        out.push_str(&fields.join(","));
        out.push_str(&",".repeat(14usize.saturating_sub(n)));
        out.push_str("\r\n");
    }
    let stem = k.name.rsplit_once('.').map_or(k.name.as_str(), |(b, _)| b);
    Some((format!("{stem}.csv"), out.into_bytes()))
}

/// The report's text printed twice, as a page that shows its article and a print copy of it.
fn text_printed_twice(k: &Keyed) -> Option<Variant> {
    if is_html(&k.name) {
        return None;
    }
    same_name(k, format!("{}\n\n{}", k.source, k.source))
}

fn strip_tags(l: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in l.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

// ---- the suite ---------------------------------------------------------------------------

const TRANSFORMS: &[(&str, Transform)] = &[
    ("crlf", crlf),
    ("cr_only", cr_only),
    ("utf8_bom", utf8_bom),
    ("utf16le_bom", utf16le_bom),
    ("utf16be_no_bom", utf16be_no_bom),
    ("gb18030", gb18030),
    ("ideographic_indent", ideographic_indent),
    ("nbsp_indent", nbsp_indent),
    ("fullwidth_digits", fullwidth_digits),
    ("blank_lines_doubled", blank_lines_doubled),
    ("bold_headings", bold_headings),
    ("footer_dash_every_7", footer_dash_every_7),
    ("footer_emdash_every_11", footer_emdash_every_11),
    ("footer_page_of_every_5", footer_page_of_every_5),
    ("footer_tight_every_3", footer_tight_every_3),
    (
        "browser_print_margins_every_6",
        browser_print_margins_every_6,
    ),
    ("page_of_every_4", page_of_every_4),
    ("hard_wrapped_at_38", hard_wrapped_at_38),
    ("hard_wrapped_at_60", hard_wrapped_at_60),
    ("wrapped_at_spaces_72", wrapped_at_spaces_72),
    ("served_as_paragraphs", served_as_paragraphs),
    ("served_as_pre", served_as_pre),
    ("trailing_tab", trailing_tab),
    ("units_on_counts", units_on_counts),
    (
        "signoff_date_in_chinese_numerals",
        signoff_date_in_chinese_numerals,
    ),
    (
        "headings_bracketed_unnumbered",
        headings_bracketed_unnumbered,
    ),
    ("headings_bracketed_numbered", headings_bracketed_numbered),
    ("headings_worded_otherwise", headings_worded_otherwise),
    ("headings_wrapped", headings_wrapped),
    ("headings_bold_markdown", headings_bold_markdown),
    ("subsections_numbered_1_dun", subsections_numbered_1_dun),
    ("subsections_numbered_paren_1", subsections_numbered_paren_1),
    ("tables_as_appendix", tables_as_appendix),
    ("preface_listing_parts", preface_listing_parts),
    ("markdown_with_html_tables", markdown_with_html_tables),
    ("table_labels_shortened", table_labels_shortened),
    ("table_two_serial_column", table_two_serial_column),
    ("table_of_contents", table_of_contents),
    (
        "parts_named_in_a_long_paragraph",
        parts_named_in_a_long_paragraph,
    ),
    (
        "table_two_merged_figures_repeated",
        table_two_merged_figures_repeated,
    ),
    ("saved_as_csv", saved_as_csv),
    ("table_three_subtotal_column", table_three_subtotal_column),
    ("text_printed_twice", text_printed_twice),
];

fn run(names: &[&str]) {
    let chains: Vec<Vec<&str>> = names.iter().map(|n| vec![*n]).collect();
    run_chains(&chains);
}

/// Runs each pair of transformations, the second applied to the first's text: changes that
/// each keep every fact alone must keep them together (a table of contents across a page break,
/// a preface listing the parts wrapped by a narrow page).
fn run_pairs(pairs: &[(&str, &str)]) {
    let chains: Vec<Vec<&str>> = pairs.iter().map(|(a, b)| vec![*a, *b]).collect();
    run_chains(&chains);
}

/// Applies each chain of transformations in turn (each to the text the one before made) to
/// every keyed report, and asserts that every variant keeps every fact.
fn run_chains(chains: &[Vec<&str>]) {
    let find = |n: &str| TRANSFORMS.iter().find(|(m, _)| *m == n).unwrap().1;
    let reports = keyed_reports();
    let mut failures = Vec::new();
    let mut ran = 0;
    for chain in chains {
        let label = chain.join(" + ");
        'report: for k in &reports {
            let mut variant: Option<Variant> = None;
            for (i, name) in chain.iter().enumerate() {
                let input = variant.as_ref().map(|(name, bytes)| Keyed {
                    name: name.clone(),
                    source: String::from_utf8(bytes.clone()).unwrap(),
                    key: k.key.clone(),
                    baseline: Default::default(),
                });
                let Some(v) = find(name)(input.as_ref().unwrap_or(k)) else {
                    continue 'report;
                };
                assert!(i + 1 == chain.len() || std::str::from_utf8(&v.1).is_ok());
                variant = Some(v);
            }
            let Some((name, bytes)) = variant else {
                continue;
            };
            ran += 1;
            let report = match gongkai::report_from_bytes(&name, &bytes) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{label} × {}: not read: {e}", k.name));
                    continue;
                }
            };
            let r = regressions(k, &score(&report, &k.key));
            if !r.is_empty() {
                failures.push(format!(
                    "{label} × {}: {} facts\n    {}",
                    k.name,
                    r.len(),
                    r.iter().take(8).cloned().collect::<Vec<_>>().join("\n    ")
                ));
            }
        }
    }
    eprintln!("{ran} variants, {} with regressions", failures.len());
    assert!(ran > 0, "no transformation applied");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A page break inside the table of contents: before, its footer ("第3页 共9页", "Page 3 of 9")
/// ended the list and its last entry headed the whole report (about 210 facts a report lost).
#[test]
fn table_of_contents_across_page_breaks() {
    run_pairs(&[
        ("table_of_contents", "footer_page_of_every_5"),
        ("table_of_contents", "page_of_every_4"),
        ("table_of_contents", "browser_print_margins_every_6"),
        ("table_of_contents", "footer_dash_every_7"),
    ]);
}

/// A table of contents in markdown whose entries are bold like the headings
/// ("**一、总体情况……1**"): the emphasis after the page number ended the list, and its entries
/// took the report's parts (1,891 facts on 9 reports).
#[test]
fn table_of_contents_in_bold() {
    run_pairs(&[("table_of_contents", "headings_bold_markdown")]);
}

/// The preface's list of the parts wrapped at 38 characters: each line held one or two of its
/// part names, too few to be told a list, and parts 二–六 took the report (2,109 facts on 10
/// reports). Wrapped at 60 a part name split before the list's rest is left (66 facts).
#[test]
fn preface_listing_the_parts_wrapped_by_a_narrow_page() {
    run_pairs(&[("preface_listing_parts", "hard_wrapped_at_38")]);
}

/// Table 二's one-figure rows repeated across the merged columns (`行政许可\t82\t82\t82`) with a
/// tab ending every line: the blank cell after the last figure made three figures and a blank
/// of a row that has one, and the row was left out (4 rows on ruzhou).
#[test]
fn merged_figures_repeated_before_a_trailing_tab() {
    run_pairs(&[("table_two_merged_figures_repeated", "trailing_tab")]);
}

/// A sign-off date in Chinese numerals made bold with the headings (`**二〇二六年一月二十三日**`):
/// the closing emphasis kept the line from reading as a date, and the report had none.
#[test]
fn a_bold_sign_off_date_in_chinese_numerals() {
    run_pairs(&[("signoff_date_in_chinese_numerals", "bold_headings")]);
}

/// Tables printed as appendices under parts worded otherwise ("三、依申请公开政府信息情况" /
/// "（详见附表2）"): before, 三 was no part and the appendix's table 三 came after 六 (a wrong
/// section order on 9 reports).
#[test]
fn appendix_tables_under_parts_worded_otherwise() {
    run_pairs(&[("tables_as_appendix", "headings_worded_otherwise")]);
}

/// Tables printed as appendices ("三、收到和处理政府信息公开申请情况" / "（详见附表2）") in a
/// paged text: a page footer falling after the reference ("Page 9 of 30") gave the part four
/// digits, read as the table's own figures, and the appendix was never read (2,418 facts lost
/// and 4 wrong, all on the 27 variants of three footer kinds, of the 296 pairs the appendix
/// makes with every other change).
#[test]
fn appendix_tables_in_a_paged_text() {
    run_pairs(&[
        ("tables_as_appendix", "page_of_every_4"),
        ("tables_as_appendix", "browser_print_margins_every_6"),
        ("tables_as_appendix", "footer_page_of_every_5"),
        ("tables_as_appendix", "footer_dash_every_7"),
    ]);
}

#[test]
fn line_endings() {
    run(&["crlf", "cr_only"]);
}

#[test]
fn encodings() {
    run(&["utf8_bom", "utf16le_bom", "utf16be_no_bom", "gb18030"]);
}

#[test]
fn white_space_and_digit_forms() {
    run(&[
        "ideographic_indent",
        "nbsp_indent",
        "fullwidth_digits",
        "blank_lines_doubled",
        "bold_headings",
    ]);
}

#[test]
fn pdf_page_breaks() {
    run(&[
        "footer_dash_every_7",
        "footer_emdash_every_11",
        "footer_page_of_every_5",
        "footer_tight_every_3",
        "browser_print_margins_every_6",
        "page_of_every_4",
    ]);
}

#[test]
fn lines_wrapped_at_their_spaces() {
    run(&["wrapped_at_spaces_72"]);
}

#[test]
fn prose_hard_wrapped() {
    run(&["hard_wrapped_at_38", "hard_wrapped_at_60"]);
}

#[test]
fn text_report_served_as_a_web_page() {
    run(&["served_as_paragraphs", "served_as_pre"]);
}

#[test]
fn table_cells_as_copies_print_them() {
    run(&["trailing_tab", "units_on_counts"]);
}

#[test]
fn headings_as_sites_print_them() {
    run(&[
        "headings_bracketed_unnumbered",
        "headings_bracketed_numbered",
        "headings_worded_otherwise",
        "headings_wrapped",
        "headings_bold_markdown",
        "preface_listing_parts",
    ]);
}

#[test]
fn subsections_numbered_in_arabic_digits() {
    run(&["subsections_numbered_1_dun", "subsections_numbered_paren_1"]);
}

#[test]
fn web_page_converted_to_markdown_with_html_tables() {
    run(&["markdown_with_html_tables"]);
}

#[test]
fn tables_printed_as_appendices() {
    run(&["tables_as_appendix"]);
}

#[test]
fn table_labels_as_agencies_shorten_them() {
    run(&["table_labels_shortened"]);
}

#[test]
fn table_two_with_a_serial_column() {
    run(&["table_two_serial_column"]);
}

#[test]
fn table_of_contents_before_the_report() {
    run(&["table_of_contents"]);
}

#[test]
fn parts_named_in_a_long_paragraph_are_no_headings() {
    run(&["parts_named_in_a_long_paragraph"]);
}

#[test]
fn table_two_figures_repeated_across_merged_columns() {
    run(&["table_two_merged_figures_repeated"]);
}

#[test]
fn table_three_with_a_subtotal_column() {
    run(&["table_three_subtotal_column"]);
}

#[test]
fn reports_saved_as_csv() {
    run(&["saved_as_csv"]);
}

#[test]
fn a_second_copy_of_the_text_changes_nothing() {
    run(&["text_printed_twice"]);
}

#[test]
fn dates_as_official_documents_sign_them() {
    run(&["signoff_date_in_chinese_numerals"]);
}

/// Every transformation is run by one of the tests above.
#[test]
fn every_transformation_is_tested() {
    let src = std::fs::read_to_string(Path::new(file!())).unwrap();
    for (name, _) in TRANSFORMS {
        assert!(
            src.matches(&format!("\"{name}\"")).count() >= 2,
            "{name} is in no test"
        );
    }
}
