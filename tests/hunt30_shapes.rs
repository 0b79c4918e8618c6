//! Shapes the thirtieth hunt found read wrong or lost, each written from every keyed report's
//! template document (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - table 二's decision and fee rows labelled as agencies shorten them, without the 行政
//!   prefix (`许可`, `处罚`, `强制`, `事业性收费`): each such row was lost (54 figures on the
//!   hunt's 16 files, 3 or 4 on every report).

use crate::common;

use common::template_doc::{html, tab_table, template_document, text, with_cells, Block};
use common::{keyed_reports, lost_line, regressions, score};

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
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        let doc: Vec<Block> = with_cells(template_document(&k), &shortened);
        for (name, source) in [
            ("short.html", html(&doc)),
            (
                "short.txt",
                text(&doc, &|_, h| Some(h.to_string()), &tab_table, "\n"),
            ),
        ] {
            made += 1;
            let r = gongkai::report_from_bytes(name, source.as_bytes()).unwrap();
            let lost = regressions(&k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(lost_line(&format!("{} as {name}", k.name), &lost));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 20, "{made} variants");
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
