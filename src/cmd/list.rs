//! `gongkai search [filters] [--sort [-]KEY] [--count]` with no words: the reports passing the
//! filters, one line each, read from the index's columns (no stored report is restored), with
//! the figures the filters and the sort name.

use super::style::{dim, fit};
use super::SearchArgs;
use gongkai::index::columns::ReportRow;
use gongkai::Error;
use std::cmp::Ordering;
use std::io::Write;

/// What the list is ordered by.
enum SortBy {
    Source,
    Year,
    Agency,
    /// A figure: its place among the keys read, and largest first.
    Figure(usize, bool),
}

pub fn run(args: &SearchArgs, quiet: bool) -> Result<super::Exit, Error> {
    if !args.section.is_empty() || args.items {
        return Err(Error::Usage(
            "--section and --items choose what words are searched in: give words".into(),
        ));
    }
    let filters = super::shared::filters(&args.filters)?;
    // The figures shown: those of the conditions, then the sort key's.
    let mut keys: Vec<String> = Vec::new();
    for c in &filters.conditions {
        if !keys.contains(&c.key) {
            keys.push(c.key.clone());
        }
    }
    let sort = match args.sort.as_deref() {
        None => SortBy::Source,
        Some("year") => SortBy::Year,
        Some("agency") => SortBy::Agency,
        Some(s) => {
            let (desc, key) = match s.strip_prefix('-') {
                Some(k) => (true, k),
                None => (false, s),
            };
            let known = gongkai::model::template::all_figure_keys()
                .iter()
                .any(|(k, _)| k == key);
            if !known {
                return Err(Error::Usage(format!(
                    "--sort '{s}': not a figure key (see gongkai parse --json), year or agency"
                )));
            }
            let at = keys.iter().position(|k| k == key).unwrap_or_else(|| {
                keys.push(key.to_string());
                keys.len() - 1
            });
            SortBy::Figure(at, desc)
        }
    };
    let (index, fields) = super::shared::open_index(&args.index, quiet)?;
    if args.count {
        let n = gongkai::index::columns::report_count(&index, &fields, &filters)
            .map_err(|e| Error::damaged(&args.index, &e))?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        super::search::write_count(&mut out, n, args.json)?;
        out.flush().map_err(Error::stdout)?;
        return Ok(if n == 0 {
            super::Exit::Partial
        } else {
            super::Exit::Success
        });
    }
    let mut rows = gongkai::index::columns::report_rows(&index, &fields, &filters, &keys)
        .map_err(|e| Error::damaged(&args.index, &e))?;
    sort_rows(&mut rows, &sort);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.count {
        super::search::write_count(&mut out, rows.len(), args.json)?;
    } else {
        for r in rows.iter().take(args.limit) {
            let line = if args.json {
                json_line(r, &keys)
            } else {
                text_line(r, &keys)
            };
            writeln!(out, "{line}").map_err(Error::stdout)?;
        }
        if !args.json {
            let shown = rows.len().min(args.limit);
            writeln!(
                out,
                "{}",
                dim(&format!("{shown} of {} reports", rows.len()))
            )
            .map_err(Error::stdout)?;
        }
    }
    out.flush().map_err(Error::stdout)?;
    Ok(if rows.is_empty() {
        super::Exit::Partial
    } else {
        super::Exit::Success
    })
}

/// Order the rows; a report without the figure goes last either way; ties by source.
fn sort_rows(rows: &mut [ReportRow], sort: &SortBy) {
    rows.sort_by(|a, b| {
        let primary = match sort {
            SortBy::Source => Ordering::Equal,
            SortBy::Year => a.year.cmp(&b.year),
            SortBy::Agency => a.agency.cmp(&b.agency),
            SortBy::Figure(i, desc) => match (a.figures[*i], b.figures[*i]) {
                (Some(x), Some(y)) if *desc => y.total_cmp(&x),
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        primary.then_with(|| a.source.cmp(&b.source))
    });
}

fn value(v: Option<f64>) -> String {
    match v {
        Some(x) => gongkai::model::Num(x).to_string(),
        None => "—".into(),
    }
}

fn text_line(r: &ReportRow, keys: &[String]) -> String {
    let year = r.year.map_or("?".to_string(), |y| y.to_string());
    let figures: Vec<String> = keys
        .iter()
        .zip(&r.figures)
        .map(|(k, v)| format!("{k}={}", value(*v)))
        .collect();
    format!(
        "{} {}{}",
        fit(r.agency.as_deref().unwrap_or("?"), &year, 33),
        r.source,
        if figures.is_empty() {
            String::new()
        } else {
            format!("  {}", dim(&figures.join(" ")))
        }
    )
}

fn json_line(r: &ReportRow, keys: &[String]) -> String {
    let figures: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .zip(&r.figures)
        .map(|(k, v)| (k.clone(), serde_json::json!(v)))
        .collect();
    serde_json::json!({
        "source": r.source,
        "agency": r.agency.as_deref(),
        "year": r.year,
        "province": r.province.as_deref(),
        "city": r.city.as_deref(),
        "level": r.level,
        "kind": r.kind,
        "figures": figures,
    })
    .to_string()
}
