//! Table 四 printed as one row of "nothing to report" marks (`—`, `-`, `－`), the norm for a
//! small agency with no review or lawsuit: every shipped report whose table 四 is all zeros is
//! reshaped so, its figures replaced by one tab-separated row of marks. The table must still be
//! found, its fifteen cells blank (n/a), and no other fact change. Without its tabs the row reads
//! "———…", and it was taken for a horizontal rule: table 四 was lost ("no figures found").

use crate::common;

use common::{key_of, score, text_reports};

/// Table 四's figures, each line that holds only figures between its heading and 五, replaced by
/// one row of `mark`s: `None` when the table is not laid out on lines of figures or is not all
/// fifteen zeros.
fn dash_table_four(text: &str, mark: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let head = lines.iter().position(|l| {
        l.contains("行政复议") && l.contains("行政诉讼") && l.trim_start().starts_with('四')
    })?;
    let end = head
        + lines[head..]
            .iter()
            .position(|l| l.trim_start().starts_with("五、"))?;
    let figure_lines: Vec<usize> = (head + 1..end)
        .filter(|&i| {
            let t = lines[i].trim();
            !t.is_empty()
                && t.split_whitespace()
                    .all(|w| w.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    let figures: Vec<&str> = figure_lines
        .iter()
        .flat_map(|&i| lines[i].split_whitespace())
        .collect();
    if figures.len() != 15 || figures.iter().any(|f| *f != "0") {
        return None;
    }
    let row = vec![mark; 15].join("\t");
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == figure_lines[0] {
            out.push(row.clone());
        } else if !figure_lines.contains(&i) {
            out.push(l.to_string());
        }
    }
    Some(out.join("\n"))
}

#[test]
fn table_four_of_dashes_is_a_row_of_blank_cells() {
    let mut reshaped = 0;
    for (file, text) in text_reports(&["txt"], false) {
        let key = key_of(&file);
        let before = score(
            &gongkai::report_from_bytes(&file, text.as_bytes()).unwrap(),
            &key,
        );
        for mark in ["—", "-", "－", "——"] {
            let Some(dashed) = dash_table_four(&text, mark) else {
                continue;
            };
            reshaped += 1;
            let r = gongkai::report_from_bytes(&file, dashed.as_bytes()).unwrap();
            let what = format!("{file} with table 四 as {mark:?}");
            let four = r.tables.review_litigation.as_ref();
            assert!(four.is_some(), "{what}: table 四 lost: {:?}", r.warnings);
            let cells = serde_json::to_value(four).unwrap();
            let mut n = 0;
            for group in cells.as_object().unwrap().values() {
                for v in group.as_object().unwrap().values() {
                    assert!(v.is_null(), "{what}: {cells}");
                    n += 1;
                }
            }
            assert_eq!(n, 15, "{what}");
            // Nothing else changes: the only facts lost are table 四's zeros, now blank.
            let after = score(&r, &key);
            for d in after.wrong.iter().chain(&after.missing) {
                if before.wrong.contains(d) || before.missing.contains(d) {
                    continue;
                }
                assert!(
                    d.starts_with("cell review_litigation.") || d.starts_with("check "),
                    "{what}: {d}\n{}",
                    after.report()
                );
            }
        }
    }
    assert!(reshaped >= 4, "only {reshaped} reports could be reshaped");
}
