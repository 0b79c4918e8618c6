//! Shapes the thirtieth hunt found read wrong or lost, each written from every keyed report's
//! template document (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - table 二's decision and fee rows labelled as agencies shorten them, without the 行政
//!   prefix (`许可`, `处罚`, `强制`, `事业性收费`): each such row was lost (54 figures on the
//!   hunt's 16 files, 3 or 4 on every report);
//! - parts numbered `第四部分：` (the colon after the number) on lines of their own: a 20-odd
//!   character heading right after another as long (三's, when its table is not in the text) was
//!   read as that line's sentence wrapped, and part 四 was lost (taishan 2021).

use crate::common;

use common::template_doc::{html, tab_table, template_document, text, with_cells, Block};
use common::{assert_variants_keep_facts, keyed_reports, Variant};
use gongkai::model::SectionKind;

/// Table 二's row labels shortened: the 行政 prefix dropped from the decision and fee rows.
fn shortened(cell: &str) -> String {
    match cell {
        "行政许可" => "许可",
        "行政处罚" => "处罚",
        "行政强制" => "强制",
        "行政事业性收费" => "事业性收费",
        c => c,
    }
    .to_string()
}

#[test]
fn table_two_rows_labelled_without_their_prefix() {
    assert_variants_keep_facts(
        20,
        |k| {
            let doc: Vec<Block> = with_cells(template_document(k), &shortened);
            vec![
                Variant::new("short.html", "as short.html", html(&doc)),
                Variant::new(
                    "short.txt",
                    "as short.txt",
                    text(&doc, &|_, h| Some(h.to_string()), &tab_table, "\n"),
                ),
            ]
        },
        |_, _, _| {},
    );
}

/// The exact figures of guangzhou 2022's table 二 with its rows so shortened.
#[test]
fn a_shortened_penalty_row_reads_its_figure() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou"))
        .unwrap();
    let doc = with_cells(template_document(&k), &shortened);
    let r = gongkai::report_from_bytes("short.html", html(&doc).as_bytes()).unwrap();
    assert_eq!(r.tables.figure("disclosure.penalty.decisions"), Some(24.0));
    assert_eq!(r.tables.figure("disclosure.licensing.decisions"), Some(0.0));
    assert_eq!(r.tables.figure("disclosure.coercion.decisions"), Some(0.0));
    assert_eq!(r.tables.figure("disclosure.fees.amount"), Some(0.0));
    assert_eq!(
        r.tables.figure("disclosure.normative_documents.in_force"),
        Some(21.0)
    );
}

/// Parts numbered 第一部分： … 第六部分：, one a line.
fn part_numbered(level: u8, heading: &str) -> Option<String> {
    const NUMERALS: &str = "一二三四五六";
    let Some((n, title)) = heading.split_once('、') else {
        return Some(heading.to_string());
    };
    if level != 1 || n.chars().count() != 1 || !NUMERALS.contains(n) {
        return Some(heading.to_string());
    }
    Some(format!("第{n}部分：{title}"))
}

#[test]
fn parts_numbered_as_parts_with_a_colon() {
    assert_variants_keep_facts(
        10,
        |k| {
            let doc = template_document(k);
            let source = text(&doc, &part_numbered, &tab_table, "\n");
            vec![Variant::new(
                "parts.txt",
                "with parts numbered 第N部分：",
                source,
            )]
        },
        |_, _, _| {},
    );
}

/// Part 四's heading right after 三's, no table between: both are parts.
#[test]
fn a_part_with_a_colon_after_another_part() {
    let source = "某局2021年政府信息公开工作年度报告\n第一部分：总体情况\n本年开展工作。\n\
                  第三部分：收到和处理政府信息公开申请情况\n\
                  第四部分：政府信息公开行政复议、行政诉讼情况\n\
                  第五部分：存在的主要问题及改进情况\n人员不足。\n";
    let r = gongkai::report_from_bytes("parts.txt", source.as_bytes()).unwrap();
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Overview,
            SectionKind::RequestsTable,
            SectionKind::ReviewLitigationTable,
            SectionKind::Problems
        ]
    );
    assert_eq!(
        r.sections[2].title.as_deref(),
        Some("第四部分：政府信息公开行政复议、行政诉讼情况")
    );
}
