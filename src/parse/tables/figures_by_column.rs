//! Table 三 printed column by column: every row's label first, then each column's figures from
//! the top row down, one a line.
//!
//! pdfminer's text (and tools built on it that keep its default layout analysis) groups a
//! table's text into boxes: the column of labels is one box, each column of figures another,
//! each printed whole before the next. A page's part of the table comes out as
//!
//! ```text
//! 一、本年新收政府信息公开申请数量
//! 二、上年结转政府信息公开申请数量
//! （一）予以公开
//! 95
//! 0
//! 50
//! 0      ← 商业企业's column starts
//! …
//! ```
//!
//! Read as printed, the figures were one row without a label, left out: about 170 facts a report.
//! Here a run of R labels with no figures, followed by exactly 7·R figures alone on their
//! lines, is read column by column, the events put back in the order a table printed a cell a
//! line has (each label, then its row's seven figures), **only** where every one of the R rows
//! so read adds up (its 总计 equals the sum of its six applicants' figures) and where, read row
//! by row, they do not: a label line followed by a row's figures a line each, or figures printed
//! before their label, add up row by row, and so does a run of zeros. A run that adds up either
//! way or neither, or has a blank cell, is left as printed.
//!
//! A line numbered as a sub-row that no label of the template reaches without figures beside it
//! (`2.其他法律行政止公开`, a misprint) counts as a row whose label is not known where the
//! figures' number says so; the row is then placed by the template's order, as any row printed
//! without a label.

use super::super::cells::{CellKind, CellTok, Event};
use super::figures_in_pieces::take;

/// table 三's columns: six applicants and the 总计.
const COLUMNS: usize = 7;
/// More labels in a run than table 三 has rows (26) are no table's column of labels; the cap
/// also bounds the work at each label.
const MAX_ROWS: usize = 40;
/// Labels in a run that only a column of labels prints (a table's rows printed otherwise leave
/// one or two labels pending at a time).
const LONG_RUN: usize = 5;

/// The events with each run of labels followed by its figures column by column put back in
/// row order. `heads(a, b)`: template row `a` is the heading of a group that holds row `b`.
pub(super) fn rows_from_columns(
    text: &str,
    mut events: Vec<Event>,
    heads: &dyn Fn(usize, usize) -> bool,
) -> Vec<Event> {
    let mut i = 0;
    while i < events.len() {
        let Some((labels, figures)) = column_run(text, &events, i, heads) else {
            i += 1;
            continue;
        };
        let rows = labels.len();
        let end = figures.iter().max().expect("a run has figures") + 1;
        let mut slots: Vec<Option<Event>> = events.drain(i..end).map(Some).collect();
        let mut out = Vec::with_capacity(slots.len());
        let mut at = 0;
        for (r, &l) in labels.iter().enumerate() {
            // Text and group headings before the row's label stay before it.
            while at <= l - i {
                match slots[at].take() {
                    // A numbered line read as a row whose label is not known.
                    Some(Event::Text { at: p, .. }) if at == l - i => out.push(Event::RowStart(p)),
                    Some(e) => out.push(e),
                    None => {}
                }
                at += 1;
            }
            for c in 0..COLUMNS {
                let f = figures[c * rows + r] - i;
                out.push(slots[f].take().expect("each figure is taken once"));
            }
        }
        // What is left: text between the last label and the figures, or among them.
        out.extend(slots.into_iter().flatten());
        let n = out.len();
        events.splice(i..i, out);
        i += n;
    }
    events
}

/// Table 二's rows of one figure each printed column by column: a run of their labels, then
/// their figures a line each (pdfminer: `行政处罚` / `行政强制` / `4119` / `195`). With one
/// column, the column's order is the rows' order: each label gets the figure at its place.
/// Only where the run's labels (two or more, nothing between them) are all rows of one figure
/// (`width(row)`) and exactly as many figures follow, alone on their lines, before anything
/// else. (Rows of three figures printed so, 规章 and 行政规范性文件, read the same by rows and
/// by columns only by chance: left as printed.)
pub(super) fn single_figure_rows(
    text: &str,
    mut events: Vec<Event>,
    width: &dyn Fn(usize) -> usize,
) -> Vec<Event> {
    let one_figure = |e: &Event| matches!(e, Event::Label { id, .. } if width(*id) == 1);
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let labels = events[i..]
            .iter()
            .take_while(|e| matches!(e, Event::Label { .. }))
            .count();
        if labels < 2 || !events[i..i + labels].iter().all(one_figure) {
            out.extend((i..i + labels.max(1)).map(|k| take(&mut events, k)));
            i += labels.max(1);
            continue;
        }
        let after = i + labels;
        let cells = events[after..]
            .iter()
            .take_while(|e| matches!(e, Event::Cell(_)))
            .count();
        let lone = events[after..after + cells]
            .iter()
            .all(|e| lone_figure(text, e).is_some());
        if cells == labels && lone {
            for k in 0..labels {
                out.push(take(&mut events, i + k));
                out.push(take(&mut events, after + k));
            }
            i = after + cells;
        } else {
            out.extend((i..after).map(|k| take(&mut events, k)));
            i = after;
        }
    }
    out
}

/// Both readings of the figures, by rows and by columns (the 总计's printed at `total`), give
/// every row the same cells.
fn same_both_ways(values: &[u64], r: usize, total: usize) -> bool {
    let printed: Vec<usize> = (0..COLUMNS)
        .filter(|&c| c != total)
        .chain([total])
        .collect();
    (0..r)
        .all(|row| (0..COLUMNS).all(|c| values[row * COLUMNS + c] == values[printed[c] * r + row]))
}

/// A line of text opening with a sub-row's number: one or two digits, then `.` `、` or `．`,
/// then a Han character.
fn numbered_line(text: &str, at: usize) -> bool {
    let line = text[at..].lines().next().unwrap_or("").trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let mut rest = line[digits..].chars();
    (1..=2).contains(&digits)
        && matches!(rest.next(), Some('.' | '、' | '．'))
        && rest.next().is_some_and(crate::ingest::normalize::is_han)
}

/// A single figure alone on its line.
pub(super) fn lone_figure(text: &str, e: &Event) -> Option<u64> {
    let Event::Cell(CellTok { kind, range }) = e else {
        return None;
    };
    if !matches!(kind, CellKind::Fixed(_) | CellKind::Blob(_)) {
        return None;
    }
    let t = text[range.clone()].trim();
    if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    super::alone_on_line(text, range)
        .then(|| t.parse().ok())
        .flatten()
}

/// The rows of the run of labels starting at `i` (their events, group headings left out) and
/// the events of their 7·R figures in row-major order (each row's seven, applicants then 总计),
/// when those figures read column by column add up in every row.
fn column_run(
    text: &str,
    events: &[Event],
    i: usize,
    heads: &dyn Fn(usize, usize) -> bool,
) -> Option<(Vec<usize>, Vec<usize>)> {
    if !matches!(events[i], Event::Label { .. }) {
        return None;
    }
    // The labels, past text between them (a wrapped label's rest, a vertical heading's glyphs,
    // the header's words).
    let mut labels: Vec<(usize, Option<usize>)> = Vec::new(); // (event, row id)
    let mut k = i;
    while k < events.len() {
        match &events[k] {
            Event::Label { id, .. } => labels.push((k, Some(*id))),
            Event::Text { at, .. } if numbered_line(text, *at) => labels.push((k, None)),
            // (And the header's column names printed after the labels: `总计`, `其他`.)
            Event::Text { .. } | Event::TotalRow(_) | Event::BareRow(..) => {}
            _ => break,
        }
        if labels.len() > MAX_ROWS {
            return None;
        }
        k += 1;
    }
    // A label heading the next one (`（六）其他处理` over `1.申请人…`) is no row.
    let rows_of = |with_unknown: bool| -> Vec<usize> {
        let kept: Vec<(usize, Option<usize>)> = labels
            .iter()
            .copied()
            .filter(|(_, id)| with_unknown || id.is_some())
            .collect();
        (0..kept.len())
            .filter(|&j| match (kept[j].1, kept.get(j + 1)) {
                (Some(a), Some(&(_, Some(b)))) => !heads(a, b),
                _ => true,
            })
            .map(|j| kept[j].0)
            .collect()
    };
    // The figures after the labels, one a line (text between them allowed).
    let mut figures = Vec::new();
    let mut values = Vec::new();
    for (e, ev) in events.iter().enumerate().skip(k) {
        if matches!(ev, Event::Text { .. }) {
            continue;
        }
        match lone_figure(text, ev) {
            Some(v) if figures.len() <= COLUMNS * MAX_ROWS => {
                figures.push(e);
                values.push(v);
            }
            _ => break,
        }
    }
    // As many rows as the figures fill: the known labels', or with the numbered lines too.
    let rows = [rows_of(false), rows_of(true)]
        .into_iter()
        .find(|rows| rows.len() >= 2 && COLUMNS * rows.len() == figures.len())?;
    let r = rows.len();
    let column = |c: usize| &values[c * r..(c + 1) * r];
    // The 总计 column: in each row, the sum of the six others. pdfminer prints each column's
    // box in turn, left to right, but may print the 总计's before 其他's.
    let total = (0..COLUMNS).rev().find(|&t| {
        (0..r).all(|row| {
            (0..COLUMNS)
                .filter(|&c| c != t)
                .map(|c| column(c)[row])
                .sum::<u64>()
                == column(t)[row]
        })
    })?;
    // Printed elsewhere than last, which applicant's column is which is known only where they
    // cannot differ: every one after 自然人's (printed first) all zero.
    if total != COLUMNS - 1
        && !(1..COLUMNS)
            .filter(|&c| c != total)
            .all(|c| column(c).iter().all(|&v| v == 0))
    {
        return None;
    }
    // Read row by row the figures must not add up too: else which way the table was printed is
    // not known (a label line, then a row's figures a line each, or figures printed before
    // their label), and the labels pending give no row its figures. Unless both readings give
    // the same cells (a run of zeros) after a run of labels long enough to be a page's column.
    let rows_add_up = (0..r).all(|row| {
        let cell = |c: usize| values[row * COLUMNS + c];
        (0..COLUMNS - 1).map(cell).sum::<u64>() == cell(COLUMNS - 1)
    });
    if rows_add_up && !(r >= LONG_RUN && same_both_ways(&values, r, total)) {
        return None;
    }
    let order: Vec<usize> = (0..COLUMNS)
        .filter(|&c| c != total)
        .chain([total])
        .collect();
    let by_column: Vec<usize> = order
        .iter()
        .flat_map(|&c| figures[c * r..(c + 1) * r].iter().copied())
        .collect();
    Some((rows, by_column))
}
