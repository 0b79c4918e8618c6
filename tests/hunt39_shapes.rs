//! Outlines of real 2020–2025 reports (the thirty-ninth hunt: 52 crawled pages of ministries,
//! provincial and city offices, county bureaus, townships, sub-districts and development zones)
//! that read wrong, each re-created on every keyed report's template document
//! (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - 一's first subsection worded as table 二 was titled before 2019 (`（一）政府信息主动公开
//!   情况`, `（一）主动公开政府信息情况`, on its own line, then `（二）政府信息依申请公开情况` …)
//!   where no table heading of table 二's own words comes after it (the tables printed without
//!   their part's heading, or not at all: pictures on the page): the subsection was read as
//!   table 二's part and took （二）…（五） into it (5 of the 52 pages).

use crate::common;

use common::template_doc::{as_text, html, template_document, Block};
use common::{assert_variants_keep_facts, Variant};
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
