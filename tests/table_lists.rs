//! Table 四 written as a list instead of a table ("行政复议：结果维持0件，结果纠正0件，…"), made
//! from every keyed report with table 四 (the shipped corpus and, where present, the pdftotext
//! extractions of `../shared/corpus-pdf`) and scored against its key: every fact right on the
//! original stays right, none becomes wrong. Before, such a table was left out with a warning
//! (its column names stood between its figures): 19 facts lost a report.

use crate::common;

use common::{keyed_reports, regressions, score, with_section_body};
use gongkai::model::SectionKind;

/// How a list names the two litigation groups.
const GROUP_FORMS: [[&str; 3]; 3] = [
    [
        "行政复议",
        "行政诉讼（未经复议直接起诉）",
        "行政诉讼（复议后起诉）",
    ],
    [
        "行政复议",
        "未经复议直接起诉的行政诉讼",
        "复议后起诉的行政诉讼",
    ],
    [
        "1.行政复议",
        "2.行政诉讼未经复议直接起诉",
        "3.行政诉讼复议后起诉",
    ],
];

/// Table 四 from the key's cells as a list: one line (or one sentence, `one_line`) a group,
/// each figure after its column's name with a colon (`colon`) or without, 件 after it.
fn table_four_as_list(
    key: &serde_json::Value,
    groups: [&str; 3],
    colon: bool,
    one_line: bool,
) -> String {
    const COLS: [(&str, &str); 5] = [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    ];
    let keys = ["review", "litigation_direct", "litigation_after_review"];
    let lines: Vec<String> = keys
        .iter()
        .zip(groups)
        .map(|(g, name)| {
            let figures: Vec<String> = COLS
                .iter()
                .map(|(c, label)| {
                    let v = key["cells"][format!("review_litigation.{g}.{c}")]
                        .as_f64()
                        .unwrap_or(0.0);
                    format!("{label}{}{v}件", if colon { "：" } else { "" })
                })
                .collect();
            format!("{name}：{}。", figures.join("，"))
        })
        .collect();
    lines.join(if one_line { "" } else { "\n" })
}

#[test]
fn table_four_written_as_a_list_keeps_its_cells() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") || k.key["tables_present"]["review_litigation"] != true {
            continue;
        }
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let kind = SectionKind::ReviewLitigationTable;
        for groups in GROUP_FORMS {
            for (colon, one_line) in [(true, false), (false, false), (true, true)] {
                let list = table_four_as_list(&k.key, groups, colon, one_line);
                let Some(v) =
                    with_section_body(&k.source, &original, kind, "行政诉讼情况", &list, true)
                else {
                    continue;
                };
                checked += 1;
                let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
                let lost = regressions(&k, &score(&r, &k.key));
                if !lost.is_empty() {
                    failures.push(format!(
                        "{} ({}, colon {colon}, one line {one_line}):\n  {}",
                        k.name,
                        groups[1],
                        lost.iter()
                            .take(5)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(checked >= 9 * 8, "only {checked} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A list that leaves a figure out, or names one twice, is not read in part: table 四 is left
/// out, never filled with what the list gives.
#[test]
fn a_list_missing_a_figure_leaves_table_four_out() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "guangzhou-ybj-2022.txt")
        .unwrap();
    let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
    let list = table_four_as_list(&k.key, GROUP_FORMS[0], true, false);
    let without_total = list.replacen("，总计", "。", 1);
    let v = with_section_body(
        &k.source,
        &original,
        SectionKind::ReviewLitigationTable,
        "行政诉讼情况",
        &without_total,
        true,
    )
    .unwrap();
    let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
    assert!(r.tables.review_litigation.is_none());
    assert!(r.tables.requests.is_some());
}
