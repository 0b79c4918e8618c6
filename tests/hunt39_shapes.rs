//! Outlines and tables of real 2020–2025 reports (the thirty-ninth hunt: 57 crawled pages of a
//! State Council body, provincial and city offices, county bureaus, townships, sub-districts and
//! development zones) that read wrong, each re-created on every keyed report's template document
//! (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - 一's first subsection worded as table 二 was titled before 2019 (`（一）政府信息主动公开
//!   情况`, `（一）主动公开政府信息情况`, on its own line, then `（二）政府信息依申请公开情况` …)
//!   where no table heading of table 二's own words comes after it (the tables printed without
//!   their part's heading, or not at all: pictures on the page): the subsection was read as
//!   table 二's part and took （二）…（五） into it (5 of the 57 pages);
//! - table 四 printed with no table 二 or 三 to read before it (a flip-book's page of its own,
//!   `Page 8` of a report's PDF served as HTML; 二 and 三 printed as pictures): nothing told
//!   the template, and table 四, the same in both, was left out with it (2 pages, 30 figures);
//! - a page cut inside table 二 after its first rows (规章, 规范性文件), under the 2019 format's
//!   header (本年新制作数量 …): its rows did not tell the format, and the tie went to 2021, the
//!   figures read under 2021's columns (本年制发件数 …): wrong (1 page, 6 figures).

use crate::common;

use common::template_doc::{as_text, html, template_document, Block};
use common::{assert_variants_keep_facts, assert_variants_keep_facts_but, Variant};
use gongkai::model::SectionKind;

/// 一's subsections as real reports title them, worded as the pre-2019 table parts were.
const WORDINGS: [[(&str, &str); 5]; 2] = [
    [
        ("（一）主动公开", "（一）政府信息主动公开情况"),
        ("（二）依申请公开", "（二）政府信息依申请公开情况"),
        ("（三）政府信息管理", "（三）政府信息管理情况"),
        ("（四）平台建设", "（四）政府信息公开平台建设情况"),
        ("（五）监督保障", "（五）监督保障情况"),
    ],
    [
        ("（一）主动公开", "（一）主动公开政府信息情况"),
        ("（二）依申请公开", "（二）依申请公开政府信息情况"),
        ("（三）政府信息管理", "（三）政府信息管理情况"),
        ("（四）平台建设", "（四）平台建设情况"),
        ("（五）监督保障", "（五）监督保障情况"),
    ],
];

/// The template document with 一's subsections so worded, and the part headings of the tables
/// whose titles `dropped` starts with left out (the tables printed without them).
fn reworded(doc: Vec<Block>, wording: &[(&str, &str); 5], dropped: &[&str]) -> Vec<Block> {
    doc.into_iter()
        .filter(|b| !matches!(b, Block::Heading(1, h) if dropped.iter().any(|d| h.starts_with(d))))
        .map(|b| match b {
            Block::Heading(2, h) => {
                let h = wording
                    .iter()
                    .find(|(from, _)| h == *from)
                    .map_or(h.clone(), |(_, to)| to.to_string());
                Block::Heading(2, h)
            }
            b => b,
        })
        .collect()
}

/// Whether the report prints the table whose part's heading starts with `number` (二、三、四、).
fn printed(k: &common::Keyed, number: &str) -> bool {
    let table = match number {
        "二、" => "disclosure",
        "三、" => "requests",
        _ => "review_litigation",
    };
    k.key["tables_present"][table] == true
}

#[test]
fn subsections_worded_as_table_two_with_no_table_heading_after_them() {
    assert_variants_keep_facts(
        40,
        |k| {
            let doc = || template_document(k);
            if !doc()
                .iter()
                .any(|b| matches!(b, Block::Heading(2, h) if h == "（一）主动公开"))
            {
                return Vec::new();
            }
            let mut out = Vec::new();
            for (w, wording) in WORDINGS.iter().enumerate() {
                for (what, dropped) in [
                    ("table 二 unheaded", &["二、"][..]),
                    ("tables unheaded", &["二、", "三、", "四、"][..]),
                ] {
                    // (Only a table the report prints is found without its heading.)
                    let dropped: Vec<&str> =
                        dropped.iter().copied().filter(|d| printed(k, d)).collect();
                    if dropped.is_empty() {
                        continue;
                    }
                    let d = reworded(doc(), wording, &dropped);
                    out.push(Variant::new(
                        "p.txt",
                        format!("wording {w}, {what}, as text"),
                        as_text(&d),
                    ));
                    out.push(Variant::new(
                        "p.html",
                        format!("wording {w}, {what}, as a page"),
                        html(&d),
                    ));
                }
            }
            out
        },
        |k, v, r| {
            // Every subsection a part of its own, under its printed title.
            let titled = |kind: SectionKind| {
                r.sections
                    .iter()
                    .find(|s| s.kind == kind)
                    .and_then(|s| s.title.clone())
            };
            let t = titled(SectionKind::Proactive);
            assert!(
                t.as_deref().is_some_and(|t| t.contains("主动公开")),
                "{} {}: proactive {t:?}",
                k.name,
                v.label
            );
        },
    );
}

/// The template document without the figures of tables 二 and 三 (their headings kept: the
/// tables printed as pictures under them), or cut to table 四's part and what follows it (a
/// flip-book's page).
fn table_four_alone(k: &common::Keyed, cut: bool) -> Vec<Block> {
    let doc = template_document(k);
    let four = doc
        .iter()
        .position(|b| matches!(b, Block::Heading(1, h) if h.starts_with("四、")))
        .unwrap_or(0);
    let mut under = "";
    doc.into_iter()
        .enumerate()
        .filter(|(i, b)| {
            if let Block::Heading(1, h) = b {
                under = if h.starts_with("二、") || h.starts_with("三、") {
                    "picture"
                } else {
                    ""
                };
            }
            let before_four = cut && *i < four;
            let picture = under == "picture" && matches!(b, Block::Table(_));
            !(before_four || picture)
        })
        .map(|(_, b)| b)
        .collect()
}

#[test]
fn table_four_with_no_table_to_tell_the_template() {
    // Facts of tables 二 and 三, and what only they tell, are not printed.
    let unprinted = |l: &str| {
        l.contains("cell disclosure.")
            || l.contains("cell requests.")
            || l.contains("table disclosure present")
            || l.contains("table requests present")
            || l.contains("template")
            || (l.contains("check ") && !l.contains("review_total") && !l.contains("litigation_"))
    };
    assert_variants_keep_facts_but(
        20,
        |k| {
            if k.key["tables_present"]["review_litigation"] != true {
                return Vec::new();
            }
            let d = table_four_alone(k, false);
            vec![
                Variant::new("p.txt", "二 and 三 as pictures, as text", as_text(&d)),
                Variant::new("p.html", "二 and 三 as pictures, as a page", html(&d)),
            ]
        },
        unprinted,
        |k, v, r| {
            assert!(
                r.tables.review_litigation.is_some(),
                "{} {}: table 四 not read",
                k.name,
                v.label
            );
            assert_eq!(r.template, None, "{} {}", k.name, v.label);
        },
    );
}

/// A page holding table 四's part alone and the parts after it: its 15 figures, the key's.
#[test]
fn a_page_of_table_four_alone() {
    let mut read = 0;
    for k in common::keyed_reports() {
        if k.key["tables_present"]["review_litigation"] != true {
            continue;
        }
        let d = table_four_alone(&k, true);
        for (file, source) in [("p.txt", as_text(&d)), ("p.html", html(&d))] {
            let r = gongkai::report_from_bytes(file, source.as_bytes()).unwrap();
            let got = serde_json::to_value(&r.tables.review_litigation).unwrap();
            for (cell, want) in k.key["cells"].as_object().unwrap() {
                let Some(path) = cell.strip_prefix("review_litigation.") else {
                    continue;
                };
                let (group, column) = path.split_once('.').unwrap();
                assert_eq!(&got[group][column], want, "{} {file}: {cell}", k.name);
                read += 1;
            }
        }
    }
    assert!(read >= 300, "{read}");
}

/// The template document cut inside table 二, after its rows of 规章 and 规范性文件 (a page of
/// a report cut there): the figures of those rows under the header's columns, the key's format.
#[test]
fn a_page_cut_inside_table_two_keeps_its_headers_format() {
    let mut read = 0;
    for k in common::keyed_reports() {
        if k.key["tables_present"]["disclosure"] != true {
            continue;
        }
        let mut doc = Vec::new();
        for b in template_document(&k) {
            let two = matches!(b, Block::Table(_))
                && matches!(doc.last(), Some(Block::Heading(1, h)) if h.starts_with("二、"));
            match b {
                Block::Table(mut t) if two => {
                    t.truncate(4);
                    doc.push(Block::Table(t));
                    break;
                }
                b => doc.push(b),
            }
        }
        for (file, source) in [("p.txt", as_text(&doc)), ("p.html", html(&doc))] {
            let r = gongkai::report_from_bytes(file, source.as_bytes()).unwrap();
            assert_eq!(
                r.template.map(|t| t.as_str().to_string()).as_deref(),
                k.key["template"].as_str(),
                "{} {file}",
                k.name
            );
            let got = serde_json::to_value(&r.tables.disclosure).unwrap();
            for (cell, want) in k.key["cells"].as_object().unwrap() {
                let Some(path) = cell.strip_prefix("disclosure.") else {
                    continue;
                };
                let (row, column) = path.split_once('.').unwrap();
                if !matches!(row, "rules" | "normative_documents") {
                    continue;
                }
                assert_eq!(&got[row][column], want, "{} {file}: {cell}", k.name);
                read += 1;
            }
        }
    }
    assert!(read >= 70, "{read}");
}
