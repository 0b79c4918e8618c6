//! Table 三's rows whose seven figures are printed over several lines, some of them sharing one.
//!
//! pdftotext without `-layout` prints a table a cell a line, but the figures of neighbouring
//! narrow columns that stand close together come out on one line:
//!
//! ```text
//! 一、本年新收政府信息公开申请数量
//! 705 3
//! 0
//! 0
//! 5
//! 0
//! 713
//! ```
//!
//! The line of two figures was read as the row, printed on a line of its own and so complete
//! there, and the five figures after it went to no row. Here the cells right after a label, each
//! alone on its line, are one row of values where they hold exactly a row's seven figures, at
//! least one line holds several, and they add up as a row does (the six applicants' figures
//! make the 总计), so that a page number or the next row's first figure is never taken in.
//!
//! Cost: one pass over the events.

use super::super::cells::{CellKind, CellTok, Event};
use super::figures_by_column::lone_figure;

/// Table 三's figures in a row.
const ROW: usize = 7;

/// The events with each label's figures printed in pieces over several lines made one row of
/// values after the label.
pub(super) fn rows_in_pieces(text: &str, events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let after_label = matches!(events[i], Event::Label { .. });
        out.push(events[i].clone());
        i += 1;
        if !after_label {
            continue;
        }
        if let Some((cells, used)) = row_in_pieces(text, &events[i..]) {
            out.push(Event::ValuesRow(cells));
            i += used;
        }
    }
    out
}

/// A row's seven figures from the cells at the start of `events` (and how many events they
/// are), where they are printed in pieces as the module says.
fn row_in_pieces(text: &str, events: &[Event]) -> Option<(Vec<CellTok>, usize)> {
    let mut cells: Vec<CellTok> = Vec::with_capacity(ROW);
    let mut shared_line = false;
    let mut used = 0;
    for e in events {
        if !matches!(e, Event::Cell(_)) {
            break;
        }
        if let Some(v) = lone_figure(text, e) {
            let Event::Cell(c) = e else { unreachable!() };
            cells.push(CellTok {
                kind: CellKind::Fixed(v as f64),
                range: c.range.clone(),
            });
        } else {
            let figures = line_of_figures(text, e)?;
            shared_line = true;
            cells.extend(figures);
        }
        used += 1;
        if cells.len() > ROW {
            return None;
        }
    }
    // (A whole row on one line of its own is a row as printed: read as it always was.)
    if !shared_line || used < 2 || cells.len() != ROW {
        return None;
    }
    let value = |c: &CellTok| match c.kind {
        CellKind::Fixed(v) => v,
        _ => f64::NAN,
    };
    let applicants: f64 = cells[..ROW - 1].iter().map(value).sum();
    (applicants == value(&cells[ROW - 1])).then_some((cells, used))
}

/// The figures of a cell that is a line of several figures alone on its line (`705 3`), each
/// a cell of its own.
fn line_of_figures(text: &str, e: &Event) -> Option<Vec<CellTok>> {
    let Event::Cell(CellTok {
        kind: CellKind::Blob(groups),
        range,
    }) = e
    else {
        return None;
    };
    if groups.len() < 2 || !super::alone_on_line(text, range) {
        return None;
    }
    groups
        .iter()
        .map(|g| {
            let t = g.text.trim();
            if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(CellTok {
                kind: CellKind::Fixed(t.parse::<u64>().ok()? as f64),
                range: g.range.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cells::Group;

    fn cell(text: &str, at: usize) -> Event {
        let t = &text[at..];
        let end = at + t.find('\n').unwrap_or(t.len());
        let word = &text[at..end];
        let groups: Vec<Group> = word
            .split(' ')
            .scan(at, |pos, w| {
                let g = Group {
                    text: w.to_string(),
                    range: *pos..*pos + w.len(),
                };
                *pos += w.len() + 1;
                Some(g)
            })
            .collect();
        let kind = if groups.len() == 1 {
            CellKind::Fixed(word.parse().unwrap())
        } else {
            CellKind::Blob(groups)
        };
        Event::Cell(CellTok {
            kind,
            range: at..end,
        })
    }

    fn events(text: &str) -> Vec<Event> {
        let mut out = vec![Event::Label {
            id: 0,
            range: 0..1,
            tolerant: false,
        }];
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.starts_with(|c: char| c.is_ascii_digit()) {
                out.push(cell(text, at));
            }
            at += line.len();
        }
        out
    }

    fn row_of(text: &str) -> Option<Vec<f64>> {
        let out = rows_in_pieces(text, events(text));
        out.iter().find_map(|e| match e {
            Event::ValuesRow(cells) => Some(
                cells
                    .iter()
                    .map(|c| match c.kind {
                        CellKind::Fixed(v) => v,
                        _ => f64::NAN,
                    })
                    .collect(),
            ),
            _ => None,
        })
    }

    #[test]
    fn seven_figures_over_lines_that_add_up_are_a_row() {
        let text = "L\n705 3\n0\n0\n5\n0\n713\nM\n";
        assert_eq!(
            row_of(text),
            Some(vec![705.0, 3.0, 0.0, 0.0, 5.0, 0.0, 713.0])
        );
    }

    #[test]
    fn pieces_that_do_not_add_up_or_count_otherwise_are_left_as_printed() {
        // A page number after a row of six figures with a blank: seven, but no sum.
        assert_eq!(row_of("L\n258 12 1 1\n0\n272\n3\nM\n"), None);
        assert_eq!(row_of("L\n258 12 1 1\n0\n0\n3\nM\n"), None);
        // Every figure on a line of its own: read as it always was.
        assert_eq!(row_of("L\n1\n0\n0\n0\n0\n0\n1\nM\n"), None);
        // Eight figures.
        assert_eq!(row_of("L\n705 3\n0\n0\n5\n0\n713\n2\nM\n"), None);
    }
}
