//! Figures printed with more than the figure in a delimited table row: a share beside the count
//! ("5（12.5%）"), a second count in brackets ("5(3)"), a sum not added up ("4+1"). Such a cell
//! is no figure; every keyed text report whose table rows are tab or pipe rows is reshaped with
//! each non-zero figure of its rows of seven figures or more so printed.
//!
//! The cell was dropped and the row's later cells moved one column, the next line's blank
//! fields filling its end: `1（100.0%） 0 0 0 0 0 1（100.0%）` read as 0 for 自然人 (silently, in
//! shanghai-chongming-ybj-2023). Now the row is left out with a warning: no fact that was right
//! becomes wrong, and rows with no such cell are read as before.

use crate::common;

use common::{key_of, score, text_reports};
use gongkai::model::Report;

fn report(file: &str, text: &str) -> Report {
    gongkai::report_from_bytes(file, text.as_bytes()).unwrap()
}

#[derive(Clone, Copy, Debug)]
enum Decoration {
    Share,
    SecondCount,
    Sum,
}

fn decorate(n: u64, how: Decoration) -> String {
    match how {
        Decoration::Share => format!("{n}（12.5%）"),
        Decoration::SecondCount => format!("{n}({})", n.div_ceil(2)),
        Decoration::Sum => format!("{}+1", n - 1),
    }
}

/// The field separator of a table row (tab or pipe), if the line is one.
fn separator(line: &str) -> Option<char> {
    common::row_delimiter(line)
}

/// The report with every non-zero figure of a row of seven figures or more decorated, and
/// the number of such rows; rows with no non-zero figure are as printed.
fn decorated(text: &str, how: Decoration) -> (String, usize) {
    let mut rows = 0;
    let out: Vec<String> = text
        .lines()
        .map(|line| {
            let Some(sep) = separator(line) else {
                return line.to_string();
            };
            let fields: Vec<&str> = line.split(sep).collect();
            let figure = |f: &str| {
                let f = f.trim();
                !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())
            };
            if fields.iter().filter(|f| figure(f)).count() < 7 {
                return line.to_string();
            }
            let mut changed = false;
            let new: Vec<String> = fields
                .iter()
                .map(|f| match f.trim().parse::<u64>() {
                    Ok(n) if n > 0 && figure(f) => {
                        changed = true;
                        f.replace(f.trim(), &decorate(n, how))
                    }
                    _ => f.to_string(),
                })
                .collect();
            rows += usize::from(changed);
            new.join(&sep.to_string())
        })
        .collect();
    (out.join("\n"), rows)
}

/// An HTML report with every non-zero figure of a table row of four figures or more
/// decorated (a figure: digits alone between two tags, `<p align="center">35</p>`).
fn decorated_html(text: &str, how: Decoration) -> (String, usize) {
    let mut rows = 0;
    let mut out = String::with_capacity(text.len() + 4096);
    for (i, row) in text.split("<tr").enumerate() {
        if i > 0 {
            out.push_str("<tr");
        }
        // Figures: (start, end) of digits right after '>' and right before '<'.
        let b = row.as_bytes();
        let mut figs = Vec::new();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'>' {
                let s = k + 1;
                let mut e = s;
                while e < b.len() && b[e].is_ascii_digit() {
                    e += 1;
                }
                if e > s && e < b.len() && b[e] == b'<' {
                    figs.push((s, e));
                }
                k = e.max(k + 1);
            } else {
                k += 1;
            }
        }
        let nonzero: Vec<&(usize, usize)> = figs
            .iter()
            .filter(|(s, e)| row[*s..*e].parse::<u64>().unwrap() > 0)
            .collect();
        if figs.len() < 4 || nonzero.is_empty() {
            out.push_str(row);
            continue;
        }
        rows += 1;
        let mut last = 0;
        for &&(s, e) in &nonzero {
            out.push_str(&row[last..s]);
            out.push_str(&decorate(row[s..e].parse().unwrap(), how));
            last = e;
        }
        out.push_str(&row[last..]);
    }
    (out, rows)
}

#[test]
fn decorated_figures_never_give_a_wrong_figure() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md", "html"], true) {
        let key = key_of(&file);
        let before = score(&report(&file, &text), &key);
        for how in [Decoration::Share, Decoration::SecondCount, Decoration::Sum] {
            let (shaped, rows) = if file.ends_with(".html") {
                decorated_html(&text, how)
            } else {
                decorated(&text, how)
            };
            if rows == 0 {
                continue;
            }
            tried += 1;
            let got = report(&file, &shaped);
            let after = score(&got, &key);
            let new_wrong: Vec<&String> = after
                .wrong
                .iter()
                .filter(|w| !before.wrong.contains(w))
                .collect();
            assert!(new_wrong.is_empty(), "{file} ({how:?}): {new_wrong:?}");
            assert!(
                got.warnings.iter().any(|w| w.contains("that is no figure")),
                "{file} ({how:?}): {:?}",
                got.warnings
            );
        }
    }
    assert!(tried >= 12, "{tried}");
}

/// Only the rows that print such a cell are left out: a report with one decorated row keeps
/// every other cell of its table 三.
#[test]
fn one_decorated_row_costs_that_row_only() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md"], true) {
        let key = key_of(&file);
        let original = report(&file, &text);
        let before = score(&original, &key);
        // The first row of seven figures or more with a non-zero figure, decorated alone.
        let lines: Vec<&str> = text.lines().collect();
        let Some(at) = lines
            .iter()
            .position(|l| decorated(l, Decoration::Share).1 > 0)
        else {
            continue;
        };
        let mut shaped: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        shaped[at] = decorated(lines[at], Decoration::Share).0;
        let got = report(&file, &shaped.join("\n"));
        let after = score(&got, &key);
        // The facts lost are that row's seven cells and the checks that read them.
        let lost: Vec<&String> = before
            .right
            .iter()
            .filter(|f| !after.right.contains(f))
            .collect();
        let cells_lost: Vec<&&String> = lost.iter().filter(|f| f.starts_with("cell ")).collect();
        let rows: std::collections::BTreeSet<String> = cells_lost
            .iter()
            .map(|f| f.rsplit_once('.').unwrap().0.to_string())
            .collect();
        assert!(rows.len() <= 1, "{file}: {rows:?}");
        assert!(cells_lost.len() <= 7, "{file}: {cells_lost:?}");
        assert!(
            after.wrong.iter().all(|w| before.wrong.contains(w)),
            "{file}: {}",
            after.report()
        );
        tried += 1;
    }
    assert!(tried >= 3, "{tried}");
}

/// Zeros typed as the numeral 〇 in every delimited row: read as the zeros they are.
#[test]
fn zeros_typed_as_a_numeral_read_as_zeros() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md"], true) {
        let mut changed = false;
        let shaped: Vec<String> = text
            .lines()
            .map(|line| {
                // Rows of four cells or more (a lone "| 0" of a table printed one cell per
                // line is read as a line of text, where 〇 is no digit: left as printed).
                let Some(sep) = separator(line).filter(|&c| line.split(c).count() >= 4) else {
                    return line.to_string();
                };
                line.split(sep)
                    .map(|f| {
                        if f.trim() == "0" {
                            changed = true;
                            f.replace('0', "〇")
                        } else {
                            f.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(&sep.to_string())
            })
            .collect();
        if !changed {
            continue;
        }
        let got = report(&file, &shaped.join("\n"));
        let want = report(&file, &text);
        assert_eq!(
            serde_json::to_string(&got.tables).unwrap(),
            serde_json::to_string(&want.tables).unwrap(),
            "{file}"
        );
        tried += 1;
    }
    assert!(tried >= 3, "{tried}");
}
