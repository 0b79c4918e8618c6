//! Shapes of reports found by the twelfth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - A PDF's bare page numbers as `pdftotext` prints them (no `-layout`): the number alone on
//!   the page's last or first line, next to the form feed, falling inside a table printed a
//!   cell per line. The number was read as a cell and shifted every cell after it (table 四
//!   lost whole, 294 facts on 12 variants); now a run of them, page by page, is dropped.
//! - A top heading wrapped onto the next page, a page footer or header between its two lines
//!   (found by a pairs run of `tests/metamorphic.rs`): the heading was cut, its table went to
//!   the part before (table 四 lost whole on guangzhou and suining).
//! - Table 三's item numbers in Word's list styles (`③其他`, `⑴`, `（1）`): the bare row 3.其他
//!   was no label, and stcsm's unlabelled rows were placed a row off (96 facts, 6 wrong).

use crate::common;

use common::{every_variant_keeps_every_fact, Keyed};
use gongkai::model::Report;

fn is_html(k: &Keyed) -> bool {
    k.name.ends_with(".html")
}

/// The start of a line in the middle of each table (a line of a cell's, on a line of at most
/// 300 bytes: a one-line crawl has no pages to break), in source order.
fn mid_table_lines(k: &Keyed, r: &Report) -> Vec<usize> {
    let mut out = Vec::new();
    for table in ["disclosure.", "requests.", "review_litigation."] {
        let mut offsets: Vec<usize> = r
            .provenance
            .cells
            .iter()
            .filter(|(key, _)| key.starts_with(table))
            .map(|(_, c)| c.offset)
            .collect();
        if offsets.len() < 4 {
            continue;
        }
        offsets.sort_unstable();
        let o = offsets[offsets.len() / 2];
        let start = k.source[..o].rfind('\n').map_or(0, |p| p + 1);
        let end = k.source[o..].find('\n').map_or(k.source.len(), |p| o + p);
        if end - start <= 300 {
            out.push(start);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `s` with `page_break(i)` inserted at each of `at` (ascending).
fn with_breaks(s: &str, at: &[usize], page_break: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(s.len() + 64);
    let mut from = 0;
    for (i, &a) in at.iter().enumerate() {
        out.push_str(&s[from..a]);
        out.push_str(&page_break(i));
        from = a;
    }
    out.push_str(&s[from..]);
    out
}

#[test]
fn bare_page_numbers_at_page_breaks_keep_every_fact() {
    let made = every_variant_keeps_every_fact("page numbers at page breaks", |k, r| {
        if is_html(k) {
            return vec![];
        }
        let at = mid_table_lines(k, r);
        if at.len() < 2 {
            return vec![];
        }
        vec![
            // The page's footer, then the form feed; numbering from 1 or after a cover.
            with_breaks(&k.source, &at, |i| format!("{}\n\u{c}", i + 1)),
            with_breaks(&k.source, &at, |i| format!("{}\n\u{c}", i + 3)),
            // Centred (spaces before it) and a blank line before the form feed.
            with_breaks(&k.source, &at, |i| format!("  {}\n\n\u{c}", i + 1)),
            // In the header: the form feed, then the next page's number.
            with_breaks(&k.source, &at, |i| format!("\u{c}{}\n", i + 2)),
            // Dashed and worded numbers, and a bare form feed, were read before.
            with_breaks(&k.source, &at, |i| format!("- {} -\n\u{c}", i + 1)),
            with_breaks(&k.source, &at, |i| {
                format!("第 {} 页 共 9 页\n\u{c}", i + 1)
            }),
            with_breaks(&k.source, &at, |_| "\u{c}".to_string()),
        ]
    });
    assert!(made >= 60, "{made} variants");
}

/// A lone figure at the end of a page is no page number unless the pages make a run.
#[test]
fn a_figure_ending_a_page_is_kept() {
    let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n\
                二、主动公开政府信息情况\n规章\n0\n0\n3\n\u{c}行政规范性文件\n5\n3\n21\n\u{c}";
    let r = gongkai::report_from_bytes("x.txt", text.as_bytes()).unwrap();
    let doc = gongkai::ingest::Document::from_bytes("x.txt", text.as_bytes()).unwrap();
    // 3 and 21 end pages 1 and 2: no page's index plus one constant, so both stay.
    assert!(doc.text.contains("0\n3\n"), "{}", doc.text);
    assert!(doc.text.contains("3\n21\n"), "{}", doc.text);
    assert!(r.sections.len() >= 2);
}

/// The lines of the top headings 二 to 五 printed alone on their line, each cut six characters
/// before its end by `page_break(i)` (the i-th cut): a PDF's heading wrapped onto the next page.
fn headings_cut_by_page_breaks(k: &Keyed, page_break: impl Fn(usize) -> String) -> Option<String> {
    let endings = [
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
    ];
    let mut cuts = 0;
    let lines: Vec<String> = k
        .source
        .split('\n')
        .map(|line| {
            let t = line.trim();
            let numbered = ["二、", "三、", "四、", "五、"]
                .iter()
                .any(|n| t.starts_with(n));
            let chars: Vec<char> = t.chars().collect();
            if numbered && chars.len() >= 10 && endings.iter().any(|w| t.ends_with(w)) {
                let cut = chars.len() - 6;
                let (a, b): (String, String) =
                    (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                cuts += 1;
                format!("{a}{}{b}", page_break(cuts - 1))
            } else {
                line.to_string()
            }
        })
        .collect();
    (cuts >= 2).then(|| lines.join("\n"))
}

#[test]
fn headings_wrapped_onto_the_next_page_keep_every_fact() {
    let made = every_variant_keeps_every_fact("headings wrapped onto the next page", |k, _| {
        if is_html(k) {
            return vec![];
        }
        [
            headings_cut_by_page_breaks(k, |i| format!("\n-{}-\n", i + 2)),
            headings_cut_by_page_breaks(k, |i| format!("\n\n— {} —\n\n", i + 2)),
            headings_cut_by_page_breaks(k, |i| format!("\n第 {} 页 共 9 页\n", i + 2)),
            headings_cut_by_page_breaks(k, |i| format!("\nPage {} of 9\n", i + 2)),
            // pdftotext's bare page number and form feed, where the text has no pages of its
            // own (numbers that skip pages are no run).
            headings_cut_by_page_breaks(k, |i| format!("\n{}\n\u{c}", i + 2))
                .filter(|_| !k.source.contains('\u{c}')),
        ]
        .into_iter()
        .flatten()
        .collect()
    });
    assert!(made >= 40, "{made} variants");
}

/// Table 三's item numbers as Word's list styles print them: `1、`, `（1）`, `①`, `⑴`, `1．`,
/// `(1)`. Under `③其他` the bare row (the template spells it by its number only) was no label and
/// its figures joined row ②'s (15 facts on 3 reports); under `（1）` and `①` stcsm's shattered
/// table placed its unlabelled rows a row off (17 facts and 2 wrong figures).
#[test]
fn table_three_item_numbers_in_list_styles_keep_every_fact() {
    let item = regex::Regex::new(r"([1-8])[.．]([\p{Han}“])").unwrap();
    let made = every_variant_keeps_every_fact("item numbers restyled", |k, r| {
        let Some((a, b)) = common::section_span(
            r,
            gongkai::model::SectionKind::RequestsTable,
            k.source.len(),
        ) else {
            return vec![];
        };
        let table = &k.source[a..b];
        let styles: [fn(usize) -> String; 6] = [
            |n| format!("{n}、"),
            |n| format!("（{n}）"),
            |n| char::from_u32(0x2460 + n as u32 - 1).unwrap().to_string(),
            |n| char::from_u32(0x2474 + n as u32 - 1).unwrap().to_string(),
            |n| format!("{n}．"),
            |n| format!("({n})"),
        ];
        styles
            .iter()
            .map(|style| {
                let t = item.replace_all(table, |c: &regex::Captures| {
                    format!("{}{}", style(c[1].parse().unwrap()), &c[2])
                });
                format!("{}{t}{}", &k.source[..a], &k.source[b..])
            })
            .collect()
    });
    assert!(made >= 70, "{made} variants");
}
