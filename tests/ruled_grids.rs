//! Every keyed report (the corpus, and the real PDFs' text where present) with its three tables
//! redrawn as ruled grids whose cells wrap — as `w3m -dump` prints a web page at 80 or 60
//! columns (box drawing), an ASCII `+--+` grid, and a reStructuredText grid table — and scored
//! against its hand-checked key: every fact right in the report before the redraw stays right.
//!
//! The grids are drawn here, from the figures the original report was read with, so the test
//! needs no w3m or pandoc. A label too long for its column wraps inside its box over several
//! lines; a figure stands on one of them (centred as w3m prints it, on the first as pandoc
//! does, or on the last); table 三's result rows hang off a group column whose text runs down
//! beside them, with rules only under each row of its own (partial rules, as w3m draws a
//! rowspan).

use crate::common;

use common::{keyed_reports, regressions, score, Keyed};
use gongkai::model::template::{disclosure_rows, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS};
use gongkai::model::{Report, SectionKind};
use std::collections::BTreeSet;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug)]
enum Style {
    /// w3m's box drawing.
    Boxes,
    /// `+---+` and `|`.
    Ascii,
}

#[derive(Clone, Copy, Debug)]
enum Place {
    Top,
    Middle,
    Bottom,
}

#[derive(Clone, Copy, Debug)]
struct Shape {
    style: Style,
    width: usize,
    place: Place,
}

/// A cell's text cut into lines of at most `w` display columns (Han text breaks anywhere, as
/// w3m and pandoc break it).
fn wrap(s: &str, w: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in s.chars() {
        let last = out.last_mut().unwrap();
        if UnicodeWidthStr::width(last.as_str()) + UnicodeWidthStr::width(c.to_string().as_str())
            > w
        {
            out.push(c.to_string());
        } else {
            last.push(c);
        }
    }
    out
}

fn pad(s: &str, w: usize) -> String {
    format!(
        "{s}{}",
        " ".repeat(w.saturating_sub(UnicodeWidthStr::width(s)))
    )
}

/// A row of a grid: its cells, and whether a rule is drawn under the group column (false: the
/// group cell runs on down beside the next row).
struct GridRow {
    cells: Vec<String>,
    rule_under_group: bool,
}

fn is_figure(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Draws rows of `widths` columns as a ruled grid. A cell holding text (not a figure) starts on
/// its box's first line; a figure stands where `place` says. With `grouped`, the first column
/// is a group column: a cell there runs down beside the rows after it until its text ends,
/// with partial rules (its text beside them) under those rows.
fn draw(rows: &[GridRow], widths: &[usize], grouped: bool, shape: Shape) -> Vec<String> {
    let boxes = matches!(shape.style, Style::Boxes);
    let (v, h) = if boxes { ('│', '─') } else { ('|', '-') };
    let pick = |b: char| if boxes { b } else { '+' };
    // A rule: left end, joint, right end; `beside`: the group column's text beside it.
    let rule = |l: char, j: char, r: char, beside: Option<&str>| {
        let mut s = String::new();
        for (i, w) in widths.iter().enumerate() {
            match (i, beside) {
                (0, Some(text)) => {
                    s.push(v);
                    s.push_str(&pad(text, *w));
                    s.push(pick('├'));
                    continue;
                }
                (0, None) => s.push(l),
                (1, Some(_)) => {}
                _ => s.push(j),
            }
            s.push_str(&h.to_string().repeat(*w));
        }
        s.push(r);
        s
    };
    let mut out = vec![rule(pick('┌'), pick('┬'), pick('┐'), None)];
    // The group column's text still to print, line by line, beside later rows.
    let mut group: Vec<String> = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let wrapped: Vec<Vec<String>> = row
            .cells
            .iter()
            .zip(widths)
            .map(|(c, w)| wrap(c, *w))
            .collect();
        let first = usize::from(grouped);
        if grouped && !row.cells[0].is_empty() {
            group = wrapped[0].clone();
            group.reverse();
        }
        let height = wrapped[first..].iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut s = String::new();
            for (c, w) in widths.iter().enumerate() {
                s.push(v);
                let text = if grouped && c == 0 {
                    group.pop().unwrap_or_default()
                } else if is_figure(&row.cells[c]) {
                    let at = match shape.place {
                        Place::Top => 0,
                        Place::Middle => (height - 1) / 2,
                        Place::Bottom => height - 1,
                    };
                    if line == at {
                        row.cells[c].clone()
                    } else {
                        String::new()
                    }
                } else {
                    wrapped[c].get(line).cloned().unwrap_or_default()
                };
                s.push_str(&pad(&text, *w));
            }
            s.push(v);
            out.push(s);
        }
        if k + 1 == rows.len() {
            break;
        }
        if grouped && row.rule_under_group {
            group.clear();
        }
        if group.is_empty() {
            out.push(rule(pick('├'), pick('┼'), pick('┤'), None));
        } else {
            let beside = group.pop().unwrap_or_default();
            out.push(rule(pick('├'), pick('┼'), pick('┤'), Some(&beside)));
        }
    }
    out.push(rule(pick('└'), pick('┴'), pick('┘'), None));
    out
}

fn figure(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(n) if n.fract() == 0.0 => format!("{}", n as i64),
        Some(n) => format!("{n}"),
    }
}

/// Column widths over `width` display columns in all: a group column `group` wide (none if 0),
/// a label column, and `n` columns of figures at least `fig` wide (as wide as the widest figure:
/// a figure does not wrap).
fn widths(width: usize, group: usize, n: usize, fig: usize, figures: &[String]) -> Vec<usize> {
    let fig = figures.iter().map(String::len).max().unwrap_or(0).max(fig);
    let borders = n + 2 + usize::from(group > 0);
    let label = width.saturating_sub(group + n * fig + borders).max(6);
    let mut w = Vec::new();
    if group > 0 {
        w.push(group);
    }
    w.push(label);
    w.extend(std::iter::repeat_n(fig, n));
    w
}

fn cell(t: &gongkai::model::Table, row: &str, col: &str) -> String {
    figure(
        t.get(row)
            .and_then(|r| r.get(col).copied().flatten())
            .map(|n| n.0),
    )
}

/// Table 二 as grids: a grid per block of rows that share their columns, a header row first.
fn disclosure(r: &Report, shape: Shape) -> Option<Vec<String>> {
    let t = r.tables.disclosure.as_ref()?;
    let mut out = Vec::new();
    let defs = disclosure_rows(r.template?);
    let mut i = 0;
    while i < defs.len() {
        let cols = defs[i].columns;
        let mut rows = vec![GridRow {
            cells: std::iter::once("信息内容".to_string())
                .chain(cols.iter().map(|c| c.label.to_string()))
                .collect(),
            rule_under_group: true,
        }];
        while i < defs.len() && std::ptr::eq(defs[i].columns, cols) {
            let d = &defs[i];
            i += 1;
            if t.get(d.key).is_none() {
                continue;
            }
            rows.push(GridRow {
                cells: std::iter::once(d.label.to_string())
                    .chain(cols.iter().map(|c| cell(t, d.key, c.key)))
                    .collect(),
                rule_under_group: true,
            });
        }
        let figures: Vec<String> = rows
            .iter()
            .flat_map(|r| r.cells[1..].to_vec())
            .filter(|c| is_figure(c))
            .collect();
        let fig = if cols.len() > 2 { 8 } else { 12 };
        let w = widths(shape.width, 0, cols.len(), fig, &figures);
        out.extend(draw(&rows, &w, false, shape));
    }
    Some(out)
}

/// Table 三: the result rows (（一）…（七）) beside a group column 三、本年度办理结果.
fn requests(r: &Report, shape: Shape) -> Option<Vec<String>> {
    let t = r.tables.requests.as_ref()?;
    let cols = gongkai::model::template::REQUEST_COLUMNS;
    let mut rows = vec![GridRow {
        cells: [String::new(), String::new()]
            .into_iter()
            .chain(cols.iter().map(|c| c.label.to_string()))
            .collect(),
        rule_under_group: true,
    }];
    // Every row the report has, in printed order (a report prints (六) whole or in parts in
    // either template).
    let defs: Vec<_> = REQUEST_ROWS
        .iter()
        .filter(|d| t.get(d.key).is_some())
        .collect();
    let results: Vec<usize> = (0..defs.len())
        .filter(|&i| {
            !matches!(
                defs[i].key,
                "new_received" | "carried_over" | "carried_forward"
            )
        })
        .collect();
    for (i, d) in defs.iter().enumerate() {
        if t.get(d.key).is_none() {
            continue;
        }
        let in_group = results.contains(&i);
        let group = if results.first() == Some(&i) {
            "三、本年度办理结果".to_string()
        } else {
            String::new()
        };
        rows.push(GridRow {
            cells: [group, d.label.to_string()]
                .into_iter()
                .chain(cols.iter().map(|c| cell(t, d.key, c.key)))
                .collect(),
            rule_under_group: !in_group || results.last() == Some(&i),
        });
    }
    let figures: Vec<String> = rows
        .iter()
        .flat_map(|r| r.cells[2..].to_vec())
        .filter(|c| is_figure(c))
        .collect();
    let w = widths(
        shape.width,
        4,
        cols.len(),
        if shape.width >= 80 { 5 } else { 3 },
        &figures,
    );
    Some(draw(&rows, &w, true, shape))
}

/// Table 四: a header of the fifteen columns and the row of figures.
fn review(r: &Report, shape: Shape) -> Option<Vec<String>> {
    let t = r.tables.review_litigation.as_ref()?;
    let mut head = Vec::new();
    let mut figures = Vec::new();
    for g in REVIEW_GROUPS {
        for c in REVIEW_COLUMNS {
            head.push(c.label.to_string());
            figures.push(cell(t, g.key, c.key));
        }
    }
    let fig = figures
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(1)
        .max((shape.width - 16) / 15);
    let rows = [
        GridRow {
            cells: head,
            rule_under_group: true,
        },
        GridRow {
            cells: figures,
            rule_under_group: true,
        },
    ];
    Some(draw(&rows, &[fig; 15], false, shape))
}

/// The report's normalised text with each table section's body replaced by its grid; None when
/// it has no table to redraw.
fn redrawn(text: &str, r: &Report, shape: Shape) -> Option<String> {
    let (masked, _) = gongkai::parse::chrome::mask_inline(text);
    let outline = gongkai::parse::sections::outline(&masked);
    let mut out = String::new();
    let mut at = 0;
    let mut drawn = 0;
    for s in &outline.sections {
        let grid = match s.kind {
            SectionKind::DisclosureTable => disclosure(r, shape),
            SectionKind::RequestsTable => requests(r, shape),
            SectionKind::ReviewLitigationTable => review(r, shape),
            _ => None,
        };
        let Some(grid) = grid else { continue };
        out.push_str(&text[at..s.body.start]);
        out.push_str("\n\n");
        out.push_str(&grid.join("\n"));
        out.push_str("\n\n");
        at = s.body.end;
        drawn += 1;
    }
    out.push_str(&text[at..]);
    (drawn > 0).then_some(out)
}

fn is_table_fact(f: &str) -> bool {
    f.contains("disclosure") || f.contains("requests") || f.contains("review_litigation")
}

#[test]
fn tables_redrawn_as_ruled_grids_with_wrapped_cells_read_the_same() {
    let shapes = [
        Shape {
            style: Style::Boxes,
            width: 80,
            place: Place::Middle,
        },
        Shape {
            style: Style::Boxes,
            width: 60,
            place: Place::Middle,
        },
        Shape {
            style: Style::Ascii,
            width: 80,
            place: Place::Top,
        },
        Shape {
            style: Style::Ascii,
            width: 60,
            place: Place::Bottom,
        },
    ];
    let mut failures = Vec::new();
    let mut redrawn_reports = 0;
    let mut table_facts = 0;
    for k in keyed_reports() {
        let doc = gongkai::ingest::Document::from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let original = gongkai::report_from_document(&doc);
        // The control: the report's own normalised text, read as plain text.
        let control_name = format!("{}.txt", k.name);
        let control = score(
            &gongkai::report_from_bytes(&control_name, doc.text.as_bytes()).unwrap(),
            &k.key,
        );
        let control = Keyed {
            name: k.name.clone(),
            source: String::new(),
            key: k.key.clone(),
            baseline: control,
        };
        for shape in shapes {
            let Some(variant) = redrawn(&doc.text, &original, shape) else {
                continue;
            };
            redrawn_reports += 1;
            // GRID_DUMP=dir: the variants written out, to look at.
            if let Ok(dir) = std::env::var("GRID_DUMP") {
                let file = format!(
                    "{dir}/{}.{:?}{}{:?}.txt",
                    k.name, shape.style, shape.width, shape.place
                );
                std::fs::write(file, &variant).unwrap();
            }
            let r = gongkai::report_from_bytes(&control_name, variant.as_bytes()).unwrap();
            let s = score(&r, &k.key);
            table_facts += s.right.iter().filter(|f| is_table_fact(f)).count();
            let lost: BTreeSet<String> = regressions(&control, &s)
                .into_iter()
                .filter(|f| is_table_fact(f))
                .collect();
            if !lost.is_empty() {
                failures.push(format!(
                    "{} {shape:?}: {} table facts lost\n  {}",
                    k.name,
                    lost.len(),
                    lost.into_iter().take(8).collect::<Vec<_>>().join("\n  ")
                ));
            }
        }
    }
    assert!(redrawn_reports >= 4 * 9, "only {redrawn_reports} redrawn");
    assert!(table_facts > 4 * 9 * 150, "only {table_facts} table facts");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
