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
//! - it is a line of figures alone (a whole row), and the label right after it has no figures of
//!   its own before the next label: none at all, or only a line that itself goes to the label
//!   after it (`10` / 本机关不掌握 / `3` / 没有现成: both lines are above their labels);
//! - the row before it is done: figures were read since its label, and only text and group
//!   headings (`（四）无法提供`), which have no figures of their own, were printed after them (or
//!   no label was printed yet: the table's first row). A label still waiting for its figures (a
//!   table printed a label line, then a figures line) keeps them.
//!
//! Cost: two passes over the events, whatever their number.

use super::super::cells::{CellKind, CellTok, Event};

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
    // Right to left: the label a line of figures would go to (`below`), and whether a label has
    // figures of its own that stay with it (`claims`); each depends only on what follows.
    let mut below: Vec<Option<usize>> = vec![None; n];
    let mut claims = vec![false; n];
    let mut next_label = n;
    for e in (0..n).rev() {
        match &events[e] {
            Event::Label { .. } if is_heading(e) => {}
            Event::Label { .. } => {
                claims[e] =
                    first_figures(&events, e + 1, next_label).is_some_and(|f| below[f].is_none());
                next_label = e;
            }
            Event::RowStart(_) | Event::TotalRow(_) | Event::BareRow(..) => next_label = e,
            ev => {
                let Some(span) = whole_row(text, ev) else {
                    continue;
                };
                // The next label, past text beside it (a vertical heading's glyph: `本 3.危及…`)
                // and group headings.
                let mut j = e + 1;
                while j < n
                    && (matches!(events[j], Event::Text { .. })
                        || matches!(events[j], Event::Label { .. }) && is_heading(j))
                {
                    j += 1;
                }
                if let Some(Event::Label { range, .. }) = events.get(j) {
                    if range.start >= span.end && !claims[j] {
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
        // (Reaching the table's start, past its header's words, no label is waiting either.)
        let mut done = true;
        for k in (0..i).rev() {
            match &events[k] {
                Event::Text { .. } | Event::TotalRow(_) | Event::BareRow(..) => {}
                Event::Label { .. } if received[k].is_none() && is_heading(k) => {}
                Event::Label { .. } => {
                    done = received[k].is_some();
                    break;
                }
                Event::Cell(_) | Event::ValuesRow(_) if moved[k] => {}
                Event::Cell(_) | Event::ValuesRow(_) => break,
                _ => {
                    done = false;
                    break;
                }
            }
        }
        if done {
            moved[i] = true;
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
            out.push(slots[f].take().expect("each event is taken once"));
        }
    }
    out
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
    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |p| span.end + p);
    (text[line_start..span.start].trim().is_empty() && text[span.end..line_end].trim().is_empty())
        .then_some(span)
}
