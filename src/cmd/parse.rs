//! `gongkai parse FILE...`: the readable view of parsed reports, `--json` for programs, and
//! `--explain KEY` to trace a figure or a check to the lines it was printed on.

use super::style::{bold, dim, green, hl, lpad, pad, red, truncate, yellow};
use super::ParseArgs;
use gongkai::model::template::{self, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS};
use gongkai::model::{CheckStatus, Report, Section, SectionKind, Table};
use gongkai::Error;
use std::io::Write;

/// Exit 0 when every file was read, 1 when some failed (each named on stderr, the rest shown),
/// 2 when the command failed (an unknown --explain key). `--quiet` silences only stderr.
pub fn run(args: ParseArgs, _quiet: bool) -> Result<super::Exit, Error> {
    let mut failed = 0;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // The JSON of one report, in a buffer kept for the next: grown to a report's size once, not
    // from empty for every report (and copied again for the line break).
    let mut json = Vec::new();
    for path in &args.files {
        let (doc, report) = match gongkai::load_document_report(path) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("gongkai: {e}");
                failed += 1;
                continue;
            }
        };
        let text = if let Some(key) = &args.explain {
            explain(&doc, &report, key).map_err(Error::Usage)?
        } else if args.json {
            json.clear();
            gongkai::model::json::to_writer(&mut json, &report).expect("a report serialises");
            json.push(b'\n');
            out.write_all(&json).map_err(Error::stdout)?;
            continue;
        } else {
            render(&report)
        };
        out.write_all(text.as_bytes()).map_err(Error::stdout)?;
    }
    out.flush().map_err(Error::stdout)?;
    Ok(if failed > 0 {
        super::Exit::Partial
    } else {
        super::Exit::Success
    })
}

/// The readable view of one report.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let region = r.region.display();
    s += &format!(
        "{}  {} · {} · {} · template {} · published {}\n",
        bold(&r.source),
        r.agency.as_deref().unwrap_or("(agency unknown)"),
        r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
        if region.is_empty() {
            "(region unknown)".into()
        } else {
            region
        },
        r.template.map(|t| t.as_str()).unwrap_or("none"),
        r.published.as_deref().unwrap_or("—"),
    );
    s += &format!("\n{}\n", bold("sections"));
    for sec in &r.sections {
        s += &format!(
            "  {} {} {}  {}\n",
            pad(sec.kind.key(), 24),
            lpad(&sec.text.chars().count().to_string(), 6),
            dim("chars"),
            truncate(&untitled(sec), 48)
        );
    }
    s += &render_tables(r);
    s += &format!("\n{}\n", bold("checks"));
    for c in &r.checks {
        let mark = match c.status {
            CheckStatus::Pass => green("✓ pass   "),
            CheckStatus::Fail => red("✗ FAIL   "),
            CheckStatus::Skipped => yellow("- skipped"),
        };
        s += &format!(
            "  {mark} {} {}\n",
            pad(&c.rule, 30),
            truncate(&c.detail, 100)
        );
    }
    s += &format!(
        "\n{} ({} problems, {} improvements)\n",
        bold("problems"),
        r.problems.problems.len(),
        r.problems.improvements.len()
    );
    for (i, p) in r.problems.problems.iter().enumerate() {
        s += &format!("  {}. {}\n", i + 1, truncate(p, 100));
    }
    if !r.warnings.is_empty() {
        s += &format!("\n{}\n", bold("warnings"));
        for w in &r.warnings {
            s += &format!("  {} {}\n", yellow("!"), w);
        }
    }
    s += "\n";
    s
}

/// A section's heading as printed, or what it is in brackets: the preamble, or a table printed
/// without its heading ("(主动公开政府信息情况, no heading)").
fn untitled(sec: &Section) -> String {
    match (&sec.title, sec.kind) {
        (Some(t), _) => t.clone(),
        (None, SectionKind::Preamble) => "(前言)".into(),
        (None, kind) => format!("({}, no heading)", kind.chinese()),
    }
}

fn cell(t: &Table, row: &str, col: &str) -> String {
    match t.get(row).map(|r| r.get(col)) {
        Some(Some(Some(v))) => v.to_string(),
        Some(Some(None)) => "·".into(), // blank cell
        _ => "?".into(),                // not read
    }
}

fn render_tables(r: &Report) -> String {
    let mut s = String::new();
    let t = r.template.unwrap_or(gongkai::model::Template::Y2021);
    match &r.tables.disclosure {
        None => {
            s += &format!(
                "\n{} {}\n",
                bold("二 主动公开政府信息情况"),
                dim("(not in report)")
            )
        }
        Some(tb) => {
            s += &format!("\n{}\n", bold("二 主动公开政府信息情况"));
            for row in template::disclosure_rows(t) {
                let vals: Vec<String> = row
                    .columns
                    .iter()
                    .map(|c| format!("{} {}", dim(c.label), cell(tb, row.key, c.key)))
                    .collect();
                s += &format!("  {} {}\n", pad(row.label, 22), vals.join("   "));
            }
        }
    }
    match &r.tables.requests {
        None => {
            s += &format!(
                "\n{} {}\n",
                bold("三 收到和处理政府信息公开申请情况"),
                dim("(not in report)")
            )
        }
        Some(tb) => {
            s += &format!("\n{}\n", bold("三 收到和处理政府信息公开申请情况"));
            let head: Vec<String> = REQUEST_COLUMNS
                .iter()
                .map(|c| lpad(&truncate(c.label, 8), 8))
                .collect();
            s += &format!("  {} {}\n", pad("", 34), dim(&head.join(" ")));
            for row in template::request_rows_as_printed(t, |k| tb.contains_key(k)) {
                let vals: Vec<String> = REQUEST_COLUMNS
                    .iter()
                    .map(|c| lpad(&cell(tb, row.key, c.key), 8))
                    .collect();
                s += &format!(
                    "  {} {}\n",
                    pad(&truncate(row.label, 34), 34),
                    vals.join(" ")
                );
            }
        }
    }
    match &r.tables.review_litigation {
        None => {
            s += &format!(
                "\n{} {}\n",
                bold("四 行政复议、行政诉讼情况"),
                dim("(not in report)")
            )
        }
        Some(tb) => {
            s += &format!("\n{}\n", bold("四 行政复议、行政诉讼情况"));
            let head: Vec<String> = REVIEW_COLUMNS.iter().map(|c| lpad(c.label, 9)).collect();
            s += &format!("  {} {}\n", pad("", 26), dim(&head.join(" ")));
            for g in REVIEW_GROUPS {
                let vals: Vec<String> = REVIEW_COLUMNS
                    .iter()
                    .map(|c| lpad(&cell(tb, g.key, c.key), 9))
                    .collect();
                s += &format!("  {} {}\n", pad(g.label, 26), vals.join(" "));
            }
        }
    }
    s += &dim("  (· blank cell, ? not read)\n");
    s
}

/// `--explain KEY`: the value, its source line with the cell highlighted, its semantic and split.
pub fn explain(doc: &gongkai::ingest::Document, r: &Report, key: &str) -> Result<String, String> {
    if let Some(rule) = key.strip_prefix("check:") {
        let Some(c) = r.checks.iter().find(|c| c.rule == rule) else {
            let rules = gongkai::analyze::checks::RULES.join(", ");
            return Err(format!("unknown check '{rule}' (checks: {rules})"));
        };
        let mut s = format!(
            "{}  {}: {} — {}\n",
            bold(&r.source),
            c.rule,
            c.status.as_str(),
            c.detail
        );
        for k in &c.cells {
            s += &explain_cell(doc, r, k);
        }
        return Ok(s);
    }
    let known = template::all_figure_keys();
    if !known.iter().any(|(k, _)| k == key) {
        let close = close_keys(key, known.iter().map(|(k, _)| k.as_str()));
        return Err(format!(
            "unknown figure key '{key}'; close keys: {}",
            close.join(", ")
        ));
    }
    Ok(format!(
        "{}\n{}",
        bold(&r.source),
        explain_cell(doc, r, key)
    ))
}

fn explain_cell(doc: &gongkai::ingest::Document, r: &Report, key: &str) -> String {
    let label = template::all_figure_keys()
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, l)| l.clone())
        .unwrap_or_default();
    let Some(p) = r.provenance.cells.get(key) else {
        return format!("  {key} ({label}): not printed or not read from this report\n");
    };
    let value = r
        .tables
        .figure(key)
        .map(|v| gongkai::model::Num(v).to_string())
        .unwrap_or_else(|| "null".into());
    let line_start = doc.source[..p.offset]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let line_end = doc.source[p.offset..]
        .find('\n')
        .map(|i| p.offset + i)
        .unwrap_or(doc.source.len());
    let before = &doc.source[line_start..p.offset];
    let after = &doc.source[(p.offset + p.raw.len()).min(line_end)..line_end];
    // Long lines (one-line crawls, HTML): show a window around the cell.
    let before: String = tail_chars(before, 40);
    let after: String = after.chars().take(40).collect();
    let shown_raw = if p.raw.is_empty() {
        "∅".to_string()
    } else {
        p.raw.clone()
    };
    let on_page = match (p.page, p.page_line) {
        (Some(page), Some(line)) => format!("page {page}, line {line} on the page; "),
        _ => String::new(),
    };
    let mut s = format!(
        "  {key} ({label}) = {value}   [{:?}] {on_page}line {}, byte {}\n    {}{}{}\n",
        p.semantic,
        p.line,
        p.offset,
        before.replace('\t', "⇥"),
        hl(&shown_raw),
        after.replace('\t', "⇥")
    );
    if let Some(sp) = &p.split {
        s += &format!(
            "    split of the run: {} — {}\n",
            sp.cells.join(" | "),
            sp.sums
        );
    }
    s
}

fn tail_chars(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().collect();
    v[v.len().saturating_sub(n)..].iter().collect()
}

/// Keys that share the most dotted parts or characters with a mistyped key.
fn close_keys<'a>(key: &str, known: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = known
        .map(|k| {
            let shared = key
                .split('.')
                .filter(|p| k.split('.').any(|q| q == *p))
                .count()
                * 10;
            let prefix = key
                .chars()
                .zip(k.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (shared + prefix, k)
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored
        .into_iter()
        .take(5)
        .map(|(_, k)| k.to_string())
        .collect()
}
