//! Table 三's rows whose figures are printed on the line above their label.
//!
//! A PDF's table centres a row's figures in its cell's height while its label sits at the top
//! or the bottom; an extractor that groups glyphs into lines by their baselines (pdfplumber,
//! pdfminer's layout, PyMuPDF) then prints the figures' line apart from the label's, above it as
//! often as below:
//!
//! ```text
//! 8.属于行政查询事项 0 0 0 0 0 0 0
//! 10 0 0 0 0 0 10
//! 1.本机关不掌握相关政府信息
//! （四）无法提供
//! 3 0 0 0 0 0 3
//! 2.没有现成信息需要另行制作
//! ```
//!
//! Read as printed, each line of figures went to the label before it: `3` to 本机关不掌握 (a wrong
//! figure) and `10` to the row above, which already had its own. Here such a line is handed to
//! the label after it, by putting it after that label in the table's events, only where nothing
//! else can own it:
//!
//! - it is a line of figures alone (a whole row), or a row's seven figures a line each (a table
//!   printed a cell a line: PyMuPDF's blocks), and the label right after it has no figures of
//!   its own before the next label: none at all, or only figures printed after a group's
//!   heading (`10` / 本机关不掌握 / `（四）无法提供` / `3` / 没有现成: both lines are above their
//!   labels, the heading between them). Rows printed above their labels come in pairs around a
//!   group's heading, which spans their cells and shifts their baselines; a longer chain (each
//!   label's figures handed to the next) is not read, since one row's label printed out of place
//!   makes such a chain of a table printed label then figures;
//! - the row before it is done: figures were read since its label, and only text and group
//!   headings (`（四）无法提供`), which have no figures of their own, were printed after them (or
//!   no label was printed yet: the table's first row). A label still waiting for its figures (a
//!   table printed a label line, then a figures line) keeps them.
//!
//! Cost: two passes over the events, whatever their number.

use super::super::cells::{CellKind, CellTok, Event};
use super::figures_by_column::lone_figure;
use crate::model::template;
use std::ops::Range;

/// Table 三's figures in a row.
const ROW: usize = 7;

/// The events with each line of figures printed above its label moved to after that label.
/// `heads(a, b)`: template row `a` is the heading of a group that holds row `b`.
pub(super) fn labels_below_figures(
    text: &str,
    events: Vec<Event>,
    heads: &dyn Fn(usize, usize) -> bool,
) -> Vec<Event> {
    let n = events.len();
    // A label is a group's heading (no figures of its own) where one of its group's rows is the
    // next label printed: `（六）其他处理` before `1.申请人…` in the 2021 format, not before `（七）总计`
    // in the 2019 format, where it is a row.
    let mut heading = vec![false; n];
    let mut next: Option<usize> = None;
    for e in (0..n).rev() {
        if let Event::Label { id, .. } = &events[e] {
            heading[e] = next.is_some_and(|b| heads(*id, b));
            next = Some(*id);
        }
    }
    let is_heading = |k: usize| heading[k];
    // A label printed in the template's order: after the label before it. A label printed out
    // of place (a row's label set apart from its figures, after the table's last row) takes no
    // line of figures from above it: else every row before it, each a label then its figures,
    // would hand its figures down to the next label, one row off.
    let mut in_order = vec![false; n];
    let mut last: Option<usize> = None;
    for e in 0..n {
        if let Event::Label { id, .. } = &events[e] {
            if !heading[e] {
                in_order[e] = last.is_none_or(|l| l < *id);
                last = Some(*id);
            }
        }
    }
    // The rows of figures alone: a line of a row's figures, or a row's seven printed a line
    // each (what a table printed a cell a line gives); `unit[e]`: where the row starting at
    // event `e` is printed, `len[e]`: how many events it is.
    let lone = |e: usize| lone_figure(text, &events[e]).is_some();
    let mut unit: Vec<Option<Range<usize>>> = vec![None; n];
    let mut len = vec![1; n];
    let cell = |k: usize| match &events[k] {
        Event::Cell(c) => c.range.clone(),
        _ => unreachable!("a lone figure is a cell"),
    };
    let mut e = 0;
    while e < n {
        if let Some(span) = whole_row(text, &events[e]) {
            unit[e] = Some(span);
        }
        if !lone(e) {
            e += 1;
            continue;
        }
        // A run of lone figures: rows of seven from its start, where it holds whole rows.
        let end = (e..n).find(|&k| !lone(k)).unwrap_or(n);
        if (end - e) % ROW == 0 {
            for start in (e..end).step_by(ROW) {
                unit[start] = Some(cell(start).start..cell(start + ROW - 1).end);
                len[start] = ROW;
            }
        }
        e = end;
    }
    // Right to left: the label a line of figures would go to (`below`), and whether a label has
    // figures of its own that stay with it (`claims`); each depends only on what follows.
    let mut below: Vec<Option<usize>> = vec![None; n];
    let mut claims = vec![false; n];
    let mut next_label = n;
    for e in (0..n).rev() {
        match &events[e] {
            Event::Label { .. } if is_heading(e) => {}
            Event::Label { range, .. } => {
                // Its own: the first figures after it, unless a group's heading stands between
                // (`1.本机关不掌握…` / `（四）无法提供` / figures: those go to the label after).
                // Not figures that would themselves move down: a chain of moves would hand
                // every row's figures to the next label wherever one row's label is printed
                // out of place.
                claims[e] = first_figures(&events, e + 1, next_label).is_some_and(|f| {
                    let to = event_start(&events[f]);
                    !text
                        .get(range.end..to)
                        .is_some_and(|t| t.lines().any(group_heading))
                });
                next_label = e;
            }
            Event::RowStart(_) | Event::TotalRow(_) | Event::BareRow(..) => next_label = e,
            _ => {
                let Some(span) = unit[e].clone() else {
                    continue;
                };
                // The next label, past text beside it (a vertical heading's glyph: `本 3.危及…`)
                // and group headings.
                let mut j = e + len[e];
                while j < n
                    && (matches!(events[j], Event::Text { .. })
                        || matches!(events[j], Event::Label { .. }) && is_heading(j))
                {
                    j += 1;
                }
                if let Some(Event::Label { range, .. }) = events.get(j) {
                    if range.start >= span.end && in_order[j] && !claims[j] {
                        below[e] = Some(j);
                    }
                }
            }
        }
    }
    // Left to right: a line moves only where the row before it is done.
    let mut moved = vec![false; n];
    let mut received: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let Some(j) = below[i] else { continue };
        // The row before is done: its label received a row from below it, or one row's
        // figures, no more and no less, were read since it (a bare page number is no row, and
        // a label followed by several rows leaves rows whose labels are printed elsewhere). A
        // group's heading printed between them is passed, unless the figures go to the group's
        // first row: then they may be the group's subtotal printed under its heading.
        let first_of_group = matches!(&events[j], Event::Label { id, .. }
            if template::REQUEST_ROWS.get(*id).is_some_and(|r| r.item == Some('1')));
        let (mut fewest, mut most) = (0, 0);
        // None: the table's start was reached, past its header's words (done where no figures
        // were read: no label is waiting).
        let mut verdict: Option<bool> = None;
        let unit_start = unit[i].as_ref().map_or(0, |u| u.start);
        // A group's heading printed since `from`, before the figures (a heading line opening
        // with `（` is no text event).
        let heading_since = |from: usize| {
            first_of_group
                && text
                    .get(from..unit_start)
                    .is_some_and(|t| t.lines().any(group_heading))
        };
        for k in (0..i).rev() {
            match &events[k] {
                Event::Text { .. } | Event::TotalRow(_) | Event::BareRow(..) => {}
                Event::Label { .. } if received[k].is_none() && is_heading(k) => {}
                Event::Label { range, .. } if heading_since(range.end) => verdict = Some(false),
                Event::Label { .. } => {
                    verdict = Some(received[k].is_some() || (fewest..=most).contains(&ROW));
                }
                Event::Cell(_) | Event::ValuesRow(_) if moved[k] => {}
                Event::Cell(c) if fewest == 0 && heading_since(c.range.end) => {
                    verdict = Some(false)
                }
                Event::ValuesRow(cells)
                    if fewest == 0 && heading_since(cells.last().map_or(0, |c| c.range.end)) =>
                {
                    verdict = Some(false)
                }
                Event::Cell(c) => {
                    let (low, high) = cells_in(text, c);
                    fewest += low;
                    most += high;
                }
                Event::ValuesRow(cells) => {
                    fewest += cells.len();
                    most += cells.len();
                }
                _ => verdict = Some(false),
            }
            if fewest > ROW {
                verdict = Some(false);
            }
            if verdict.is_some() {
                break;
            }
        }
        let done = verdict.unwrap_or(fewest == 0);
        if done {
            moved[i..i + len[i]].fill(true);
            received[j] = Some(i);
        }
    }
    if !moved.contains(&true) {
        return events;
    }
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        if !moved[k] {
            out.push(slots[k].take().expect("each event is taken once"));
        }
        if let Some(f) = received[k] {
            out.extend(
                slots[f..f + len[f]]
                    .iter_mut()
                    .map(|e| e.take().expect("each event is taken once")),
            );
        }
    }
    out
}

/// How many cells a value read may be, fewest and most: a line's figures one a group at least,
/// digits run together one a cell at most.
fn cells_in(text: &str, c: &CellTok) -> (usize, usize) {
    match &c.kind {
        CellKind::Blob(g) => {
            let t = &text[c.range.clone()];
            let digits = t.chars().filter(char::is_ascii_digit).count();
            (g.len(), digits.max(g.len()))
        }
        _ => (1, 1),
    }
}

/// A line opening with a group's number in brackets (`（三）不予公开`).
fn group_heading(line: &str) -> bool {
    let mut it = line.trim_start().chars();
    matches!(it.next(), Some('（' | '('))
        && it.next().is_some_and(|c| "一二三四五六七".contains(c))
        && matches!(it.next(), Some('）' | ')'))
}

/// Where a value event is printed.
fn event_start(e: &Event) -> usize {
    match e {
        Event::Cell(c) => c.range.start,
        Event::ValuesRow(cells) => cells.first().map_or(0, |c| c.range.start),
        Event::Unreadable(r) => r.start,
        _ => 0,
    }
}

/// The first value event in `from..to` with only text before it: a label's own figures.
fn first_figures(events: &[Event], from: usize, to: usize) -> Option<usize> {
    (from..to)
        .find(|&k| !matches!(events[k], Event::Text { .. }))
        .filter(|&k| {
            matches!(
                events[k],
                Event::Cell(_) | Event::ValuesRow(_) | Event::Unreadable(_)
            )
        })
}

/// The printed extent of a whole row of figures alone on its line: a line of several values or
/// a row of values without a label.
fn whole_row(text: &str, e: &Event) -> Option<std::ops::Range<usize>> {
    let span = match e {
        Event::Cell(CellTok {
            kind: CellKind::Blob(g),
            range,
        }) if g.len() > 1 => range.clone(),
        Event::ValuesRow(cells) if cells.len() > 1 => {
            cells.first()?.range.start..cells.last()?.range.end
        }
        _ => return None,
    };
    super::alone_on_line(text, &span).then_some(span)
}
