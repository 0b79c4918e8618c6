//! Tables printed one cell per line, an empty line after each cell (guangzhou-ybj-2022's layout: a
//! crawl that makes a paragraph of every `<td>`), from an agency that leaves its zero cells blank
//! (as shanghai-gov-office-2019 does): every shipped report in that layout is reshaped so, each
//! `0` cell of tables 三 and 四 an empty paragraph (an empty line, or one holding only white
//! space). Every other figure must be read exactly as the key has it and every blanked one
//! blank: before, each row with a blank cell was short of cells and tables 三 and 四 were lost.

use crate::common;

use common::{key_of, text_reports};
use serde_json::Value;

/// The lines of tables 三 and 四: from table 三's heading to 五's. (Table 二 with blank cells in
/// this layout is still lost, with a warning: its figures are read apart from its labels.)
fn table_lines(lines: &[&str]) -> Option<std::ops::Range<usize>> {
    let start = lines.iter().position(|l| {
        l.contains("收到和处理政府信息公开申请") && l.trim_start().starts_with('三')
    })?;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.trim_start().starts_with("五、"))?;
    Some(start..end)
}

/// Whether the tables are printed one cell per line with an empty line after each: most lines
/// that hold a figure alone are followed by exactly one empty line.
fn one_cell_per_paragraph(lines: &[&str], tables: std::ops::Range<usize>) -> bool {
    let lone: Vec<usize> = tables
        .filter(|&i| {
            let t = lines[i].trim();
            !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    let paragraphs = lone
        .iter()
        .filter(|&&i| {
            lines.get(i + 1).is_some_and(|l| l.trim().is_empty())
                && lines.get(i + 2).is_some_and(|l| !l.trim().is_empty())
        })
        .count();
    lone.len() >= 30 && paragraphs * 10 >= lone.len() * 9
}

/// The report with every `0` line of its tables printed as `blank`; None when its tables are not
/// in that layout.
fn blank_zeros(text: &str, blank: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let tables = table_lines(&lines)?;
    if !one_cell_per_paragraph(&lines, tables.clone()) {
        return None;
    }
    let out: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if tables.contains(&i) && l.trim() == "0" {
                blank
            } else {
                l
            }
        })
        .collect();
    Some(out.join("\n"))
}

fn cells(v: &Value, prefix: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                cells(x, &p, out);
            }
        }
        _ => out.push((prefix.to_string(), v.clone())),
    }
}

#[test]
fn blank_cells_printed_as_empty_paragraphs_are_blank() {
    let mut reshaped = 0;
    for (file, text) in text_reports(&["txt"], false) {
        let key = key_of(&file);
        for blank in ["", " ", "\u{3000}"] {
            let Some(variant) = blank_zeros(&text, blank) else {
                continue;
            };
            reshaped += 1;
            let r = gongkai::report_from_bytes(&file, variant.as_bytes()).unwrap();
            let got = serde_json::to_value(&r.tables).unwrap();
            let mut want = Vec::new();
            cells(&key["cells"], "", &mut want);
            let mut blanked = 0;
            for (cell, kv) in &want {
                let mut at = &got;
                for part in cell.split('.') {
                    at = &at[part];
                }
                // A zero printed blank is read blank (null); every other figure as keyed.
                if kv.as_f64() == Some(0.0) && at.is_null() {
                    blanked += 1;
                    continue;
                }
                assert_eq!(
                    at.as_f64(),
                    kv.as_f64(),
                    "{file} (blank {blank:?}): {cell}\n{:?}",
                    r.warnings
                );
            }
            assert!(blanked >= 40, "{file}: only {blanked} cells read blank");
            assert!(
                r.checks
                    .iter()
                    .all(|c| c.status != gongkai::model::CheckStatus::Fail),
                "{file}: {:?}",
                r.checks
            );
        }
    }
    assert!(reshaped >= 3, "reports in the layout: {reshaped}");
}

/// Every keyed text report with each line trimmed and an empty line after it (a paste that
/// makes a paragraph of every line), and its tab rows one cell per line: the empty cells of a
/// table's header (merged cells above 行政诉讼's groups, printed as empty paragraphs) are
/// runs of empty lines before the column names. Before, table 四 read them as its first cells,
/// found its header between its figures and was left out (shanghai-chongming-ybj-2023: 15
/// cells).
#[test]
fn empty_header_cells_of_a_table_printed_one_cell_per_paragraph_are_no_cells() {
    let mut made = 0;
    let mut failures = Vec::new();
    for k in common::keyed_reports() {
        if k.name.ends_with(".html") || !k.source.contains('\t') {
            continue;
        }
        let cells: Vec<&str> = k
            .source
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(str::trim)
            .collect();
        let variant = cells.join("\n\n");
        made += 1;
        let r = gongkai::report_from_bytes(&k.name, variant.as_bytes()).unwrap();
        let lost = common::regressions(&k, &common::score(&r, &k.key));
        let table_four: Vec<&String> = lost
            .iter()
            .filter(|l| l.contains("review_litigation"))
            .collect();
        if !table_four.is_empty() {
            failures.push(format!("{}: {table_four:?}", k.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 2, "only {made} reports");
}
