//! A table of contents printed after the report's title or before it, as a cover page (a Word
//! or WPS document's contents page, kept in its PDF and in its text): `目  录`, then each part's
//! heading, a leader of dots and its page number. The entries are no headings of the report and no text of a preamble, and the
//! report's title after them is still its title: every keyed report so prefixed keeps every
//! fact, in each way of printing the leaders.

use crate::common;

use common::every_variant_keeps_every_fact;

const PARTS: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、政府信息公开工作存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

const SUBSECTIONS: &[&str] = &[
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）平台建设",
    "（五）监督保障",
];

/// The contents page in one style of leader: `entry(heading, page)` prints an entry.
fn contents(entry: impl Fn(&str, usize) -> String, with_subsections: bool) -> String {
    let mut out = String::from("目  录\n");
    for (i, part) in PARTS.iter().enumerate() {
        out.push_str(&entry(part, i + 2));
        out.push('\n');
        if i == 0 && with_subsections {
            for s in SUBSECTIONS {
                out.push_str(&entry(&format!("  {s}"), 2));
                out.push('\n');
            }
        }
    }
    out.push('\n');
    out
}

#[test]
fn a_contents_page_before_the_report_is_no_part_of_it() {
    let styles: Vec<String> = vec![
        contents(|h, p| format!("{h}……………………{p}"), false),
        contents(|h, p| format!("{h}{}{p}", ".".repeat(24)), true),
        contents(
            |h, p| {
                format!(
                    "{h}{}{}",
                    "·".repeat(12),
                    char::from_u32(0xFF10 + p as u32).unwrap()
                )
            },
            false,
        ),
        contents(|h, p| format!("{h} ………………… {p}"), true),
    ];
    let made = every_variant_keeps_every_fact("contents page", |k, _| {
        if k.name.ends_with(".html") || k.name.contains(".raw.") {
            return Vec::new();
        }
        // After the line that ends the title (a crawler's header, with its 标题: line, stays
        // above), and before everything, as a cover's contents page.
        let Some(title_end) = k
            .source
            .find("报告")
            .and_then(|i| k.source[i..].find('\n').map(|n| i + n + 1))
        else {
            return Vec::new();
        };
        let mut out: Vec<String> = styles
            .iter()
            .map(|c| format!("{}{c}{}", &k.source[..title_end], &k.source[title_end..]))
            .collect();
        if !k.source[..title_end].contains(':') {
            out.push(format!("{}{}", styles[0], k.source));
        }
        out
    });
    assert!(made >= 40, "{made} variants");
}

/// A contents list of the first `entries` parts, under `heading`, each entry ending as `page`
/// prints it. Some list only the first parts (a contents page the next page continues), some
/// have no page numbers; before, a list of two ahead of the report's title was taken for a
/// first report, and the report itself for a second one and left out (every fact lost).
fn short_contents(entries: usize, heading: &str, page: impl Fn(usize) -> String) -> String {
    let mut s = String::from(heading);
    for (i, part) in PARTS.iter().take(entries).enumerate() {
        s.push_str(part);
        s.push_str(&page(i + 1));
        s.push('\n');
    }
    s
}

/// Where a contents page goes before the report's title: the start of the line that holds
/// the title, or the start of the text where the title is among its first three lines with no
/// page label above it (an agency printed on a line of its own above the title stays with it).
fn title_line_start(source: &str) -> Option<usize> {
    let mut at = 0;
    let mut printed = 0;
    let mut labelled = false;
    for line in source.split_inclusive('\n') {
        let t = line.trim();
        if (t.contains("年度报告") || t.contains("年报"))
            && t.contains("信息公开")
            && t.chars().count() <= 60
        {
            return Some(if printed < 3 && !labelled { 0 } else { at });
        }
        if !t.is_empty() {
            printed += 1;
            labelled |= t.contains([':', '：']);
        }
        at += line.len();
    }
    None
}

#[test]
fn a_short_or_bare_contents_list_before_the_title_is_no_part_of_it() {
    let made = every_variant_keeps_every_fact("contents page", |k, _| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        let Some(at) = title_line_start(&k.source) else {
            return Vec::new();
        };
        let tab = |n: usize| format!("\t{n}");
        let leaders = |n: usize| format!("……………………{n}");
        let spaced = |n: usize| format!(" {n}");
        let bare = |_: usize| String::new();
        [
            short_contents(2, "目录\n", tab),
            short_contents(2, "", tab),
            short_contents(2, "目  录\n", leaders),
            short_contents(2, "", spaced),
            short_contents(2, "目录\n", bare),
            short_contents(2, "", bare),
            short_contents(6, "目录\n", tab),
        ]
        .into_iter()
        .map(|c| format!("{}{c}{}", &k.source[..at], &k.source[at..]))
        .collect()
    });
    assert!(made >= 60, "{made} variants");
}

/// Headings at the very start of an untitled report, before a sentence that names the report,
/// are the report's headings, not a contents list before its title.
#[test]
fn headings_before_a_sentence_naming_the_report_stay_headings() {
    let text = "一、总体情况\n（一）主动公开\n本机关2023年政府信息公开工作年度报告如下，全年主动公开政府信息120条。\n\
                （二）依申请公开\n全年收到申请5件。\n二、主动公开政府信息情况\n略。\n";
    let r = gongkai::report_from_bytes("untitled.txt", text.as_bytes()).unwrap();
    let kinds: Vec<String> = r.sections.iter().map(|s| format!("{:?}", s.kind)).collect();
    assert_eq!(
        kinds,
        ["Overview", "Proactive", "OnRequest", "DisclosureTable"],
        "{kinds:?}"
    );
}

/// A cover whose title is printed over three lines (the agency, the year, the title's words)
/// after a contents list: the agency and the year are still the report's.
#[test]
fn a_contents_list_before_a_title_printed_over_three_lines() {
    let k = common::keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou-ybj-2022"))
        .unwrap();
    let body_at = k.source.find("一、总体情况").unwrap();
    let cover = "目录\n一、总体情况\t1\n二、主动公开政府信息情况\t2\n三、收到和处理政府信息公开申请情况\t3\n\n\
                 广州市医疗保障局\n2022年度\n政府信息公开工作年度报告\n\n";
    let text = format!("{cover}{}", &k.source[body_at..]);
    let r = gongkai::report_from_bytes(&k.name, text.as_bytes()).unwrap();
    assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(r.year, Some(2022));
}
