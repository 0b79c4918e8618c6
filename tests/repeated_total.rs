//! Table 三 with a 合计 column after 总计 repeating it (an agency's own addition): every keyed
//! text report whose table 三 rows are tab or pipe rows is reshaped so, every row's last figure
//! printed twice (the header as it was: the 合计 printed in a cell of its own row above). Table 三 must read as the
//! original's, with a warning that the column is left out. Before, every row had "8 cells where
//! 7 are expected" and was left out: the table was lost.

use crate::common;

use common::{key_of, score, text_reports};

/// The cells of a tab or pipe row and how to join them back, or None for another line.
fn split_row(line: &str) -> Option<(Vec<String>, &'static str)> {
    if line.contains('\t') {
        return Some((line.split('\t').map(String::from).collect(), "\t"));
    }
    line.trim_start()
        .starts_with('|')
        .then(|| (line.split('|').map(String::from).collect(), "|"))
}

fn is_figure(c: &str) -> bool {
    let t = c.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// The report with table 三's last figure of every row printed twice;
/// None when no row of it is a tab or pipe row of seven figures.
fn with_repeated_total(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.contains("收到和处理政府信息公开申请情况"))?;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.contains("行政复议") && !l.contains('|') && !l.contains('\t'))?;
    let mut rows = 0;
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((mut cells, sep)) = split_row(line).filter(|_| (start..end).contains(&i)) else {
            out.push(line.to_string());
            continue;
        };
        let figures = cells.iter().filter(|c| is_figure(c)).count();
        let last = cells.iter().rposition(|c| !c.trim().is_empty());
        match last {
            Some(j) if figures >= 7 && is_figure(&cells[j]) => {
                cells.insert(j + 1, cells[j].clone());
                rows += 1;
            }
            _ => {}
        }
        out.push(cells.join(sep));
    }
    (rows >= 10).then(|| out.join("\n"))
}

#[test]
fn a_total_printed_again_as_the_last_column_is_left_out() {
    let mut reshaped = 0;
    for (file, text) in text_reports(&["txt", "md"], true) {
        let Some(variant) = with_repeated_total(&text) else {
            continue;
        };
        reshaped += 1;
        let original = gongkai::report_from_bytes(&file, text.as_bytes()).unwrap();
        let r = gongkai::report_from_bytes(&file, variant.as_bytes()).unwrap();
        assert_eq!(
            serde_json::to_value(&r.tables.requests).unwrap(),
            serde_json::to_value(&original.tables.requests).unwrap(),
            "{file}: {:#?}",
            r.warnings
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("合计")),
            "{file}: {:#?}",
            r.warnings
        );
        let key = key_of(&file);
        let (before, after) = (score(&original, &key), score(&r, &key));
        assert!(
            after.wrong.len() <= before.wrong.len(),
            "{}",
            after.report()
        );
    }
    assert!(reshaped >= 2, "only {reshaped} reports reshaped");
}
