//! A subsection of 一 worded as table 四's part (a real 浦口 2024 report: `（一）主动公开情况`,
//! `（二）依申请公开情况`, `（三）畅通民情民意渠道情况`, `（四）行政复议、行政诉讼情况。2024年，区教育局
//! 未发生…`, `（五）切实加强监督保障`, then `主动公开政府信息情况` without its number and the
//! tables). The subsection was taken for table 四's part; the parts after it were then out of
//! order, and every table of the report was lost.

use crate::common;

use common::template_doc::{as_text, html, template_document, Block};
use common::{assert_variants_keep_facts, Variant};
use gongkai::model::SectionKind;

/// The template document with a subsection on 行政复议、行政诉讼 printed last in 一 (numbered
/// after the ones it has), and 二's heading printed with or without its number.
fn with_review_subsection(doc: Vec<Block>, number_two: bool) -> Vec<Block> {
    let subs = doc
        .iter()
        .filter(|b| matches!(b, Block::Heading(2, _)))
        .count();
    let next = [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（六）",
        "（七）",
    ]
    .get(subs.min(6))
    .copied()
    .unwrap_or("（七）");
    let mut out = Vec::new();
    let mut put = false;
    for b in doc {
        if let Block::Heading(1, t) = &b {
            if !put && t.starts_with('二') {
                out.push(Block::Heading(2, format!("{next}行政复议、行政诉讼情况")));
                out.push(Block::Para(
                    "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。".into(),
                ));
                put = true;
                if !number_two {
                    let bare = t
                        .trim_start_matches(['二', '、', '．', '.', ' '])
                        .to_string();
                    out.push(Block::Heading(1, bare));
                    continue;
                }
            }
        }
        out.push(b);
    }
    out
}

#[test]
fn a_subsection_of_one_on_review_and_litigation_is_no_table_part() {
    assert_variants_keep_facts(
        40,
        |k| {
            let mut out = Vec::new();
            for number_two in [true, false] {
                let doc = with_review_subsection(template_document(k), number_two);
                let how = if number_two { "numbered" } else { "unnumbered" };
                out.push(Variant::new(
                    "v.txt",
                    format!("二 {how}, as text"),
                    as_text(&doc),
                ));
                out.push(Variant::new(
                    "v.html",
                    format!("二 {how}, as a page"),
                    html(&doc),
                ));
            }
            out
        },
        |k, v, r| {
            // Table 四's part is the report's own 四, wherever the subsection was printed.
            let review = r
                .sections
                .iter()
                .filter(|s| s.kind == SectionKind::ReviewLitigationTable)
                .map(|s| s.title.clone().unwrap_or_default())
                .collect::<Vec<_>>();
            assert!(
                review.iter().all(|t| !t.contains("（")),
                "{} {}: {review:?}",
                k.name,
                v.label
            );
        },
    );
}
