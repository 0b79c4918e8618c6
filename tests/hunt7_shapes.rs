//! Shapes of reports found by the seventh generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - The six parts numbered otherwise than 一、…六、 (1、, Ⅰ、, 壹、, "四 ", 第四章) in a body
//!   crawled into one line. Before, only 一、 and （一） were found inline: pingtan-2019 and
//!   pingtan-2022 numbered 1、, Ⅰ、 or 壹、 lost their outline and tables (411–413 facts per
//!   numbering), and numbered "四 " or 第四章 lost table 四 (a title with a typo, 行政法复议,
//!   that only its number makes a heading: 28 facts). At a line's start, "4. 政府信息公开行政
//!   复议、行政诉讼情况" after "3. 收到和处理…" was read as a paragraph's second line
//!   (taishan-ybj-2021: one section kind).

mod common;

use common::{keyed_reports, regressions, score, Keyed};

/// The report with its six parts numbered by `number` (1…6 → the marker) instead of 一、…六、,
/// at the headings the original's parse found; None where fewer than four are so numbered.
fn parts_renumbered(
    k: &Keyed,
    original: &gongkai::model::Report,
    number: fn(usize) -> String,
) -> Option<String> {
    let mut at: Vec<(usize, usize)> = Vec::new();
    for s in &original.provenance.sections {
        let rest = &k.source[s.offset..];
        let mut it = rest.chars();
        let (Some(c), Some('、')) = (it.next(), it.next()) else {
            continue;
        };
        if let Some(n) = "一二三四五六".chars().position(|x| x == c) {
            at.push((s.offset, n + 1));
        }
    }
    if at.len() < 4 {
        return None;
    }
    at.sort();
    let mut out = String::new();
    let mut from = 0;
    for (off, n) in at {
        out.push_str(&k.source[from..off]);
        out.push_str(&number(n));
        from = off + "一、".len();
    }
    out.push_str(&k.source[from..]);
    Some(out)
}

/// A numbering's name and its marker for part 1…6.
type Numbering = (&'static str, fn(usize) -> String);

#[test]
fn parts_numbered_otherwise_in_a_one_line_body_keep_every_fact() {
    let numberings: [Numbering; 6] = [
        ("1、", |n| format!("{n}、")),
        ("1. ", |n| format!("{n}. ")),
        ("Ⅰ、", |n| {
            format!("{}、", "ⅠⅡⅢⅣⅤⅥ".chars().nth(n - 1).unwrap())
        }),
        ("壹、", |n| {
            format!("{}、", "壹贰叁肆伍陆".chars().nth(n - 1).unwrap())
        }),
        ("一 ", |n| {
            format!("{} ", "一二三四五六".chars().nth(n - 1).unwrap())
        }),
        ("第一章 ", |n| {
            format!("第{}章 ", "一二三四五六".chars().nth(n - 1).unwrap())
        }),
    ];
    let mut one_line = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        // The bodies crawled into one line (pingtan's) are the shape; the others must not
        // suffer from it either.
        let flattened = k.source.lines().any(|l| l.len() > 5000);
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        for (tag, number) in numberings {
            let Some(v) = parts_renumbered(&k, &original, number) else {
                continue;
            };
            one_line += usize::from(flattened);
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let lost = regressions(&k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(format!(
                    "{} numbered {tag}: {} facts\n  {}",
                    k.name,
                    lost.len(),
                    lost.iter()
                        .take(8)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n  ")
                ));
            }
        }
    }
    assert!(one_line >= 12, "only {one_line} one-line variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
