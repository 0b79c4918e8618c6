//! A table row's figures printed over several lines, some of them sharing a line.
//!
//! pdftotext without `-layout` prints a table a cell a line, but the figures of neighbouring
//! narrow columns that stand close together come out on one line, and a row's first figure
//! often comes out on its label's line:
//!
//! ```text
//! 一、本年新收政府信息公开申请数量
//! 705 3
//! 0
//! 0
//! 5
//! 0
//! 713
//! 行政规范性文件 3
//! 0
//! 8
//! ```
//!
//! The line of two figures, or the figure on the label's line, was read as the whole row
//! (complete on its line, so that a page number after it is not taken in), and the figures
//! after it went to no row. Here the cells right after a label, each alone on its line but the
//! first (which may end the label's line), are one row of values where they are at least two
//! lines, one of them shares a line (with another figure or with the label), they hold exactly
//! the row's number of figures, and, in table 三, they add up as a row does (the six
//! applicants' figures make the 总计), so that a page number or the next row's first figure is
//! never taken in (where the sums are checked, cells after the seventh are left for what comes
//! next). A row a figure a line, or a whole row on one line, is left as it was read.
//!
//! In table 三, after a label's row read so (or its seven figures a line each, adding up), each
//! further seven figures a line that add up are a row printed without its label: pdftotext's
//! default mode prints a group's heading with the labels of the rows beside it as one block
//! after the group's rows (`3.危及…` / 7 figures / 7 figures / 7 figures / `6.属于四类…` / … /
//! `（三）不予 4.保护第三方合法权益` / `5.属于三类…`), and those rows' figures joined the row
//! before them, which was lost with them. As rows without labels they are placed by the
//! template's order where the count of rows missing there fits. This runs after the reading
//! of a table printed column by column (`figures_by_column`), which takes a run of labels
//! followed by their columns' figures first.
//!
//! Cost: one pass over the events.

use super::super::cells::{CellKind, CellTok, Event};
use super::figures_by_column::lone_figure;
use std::ops::Range;

/// The events with each label's figures printed in pieces over several lines made one row of
/// values after the label. `width(row)`: the number of figures of the template's row;
/// `sums`: the rows are table 三's, whose figures add up ([`requests_add_up`]); `wraps`: its
/// lines may be an editor's hard wraps (text, not a PDF's lines: there a figure off its
/// baseline puts later columns on the label's line, and the grid reader places them).
pub(super) fn rows_in_pieces(
    text: &str,
    mut events: Vec<Event>,
    width: &dyn Fn(usize) -> usize,
    sums: bool,
    wraps: bool,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let label = match &events[i] {
            Event::Label { id, range, .. } => Some((*id, range.clone())),
            _ => None,
        };
        out.push(take(&mut events, i));
        i += 1;
        let Some((id, range)) = label else {
            continue;
        };
        let width = width(id);
        let holds = |cells: &[CellTok]| {
            let values: Vec<f64> = cells.iter().map(value).collect();
            !sums || requests_add_up(&values)
        };
        // A delimited row broken after its first figures (a mail client's or an editor's hard
        // wrap): the figures that end the label's line, and the rest as the next line's row.
        if sums && wraps {
            if let Some((cells, used)) = broken_after_figures(text, &range, &events[i..], width) {
                out.push(Event::ValuesRow(cells));
                i += used;
                continue;
            }
        }
        // The label's own row: in pieces, or a figure a line (as read).
        let own = match row_in_pieces(text, &range, &events[i..], width, sums) {
            Some((cells, used)) if holds(&cells) => {
                out.push(Event::ValuesRow(cells));
                i += used;
                true
            }
            _ => match lone_figures(text, &events[i..], width) {
                Some(cells) if sums && holds(&cells) => {
                    out.extend((i..i + width).map(|k| take(&mut events, k)));
                    i += width;
                    true
                }
                _ => false,
            },
        };
        // Rows printed after it a figure a line without their labels (pdftotext's default mode
        // prints a group's heading with the labels beside it as one block after the group's
        // rows): each seven figures that add up, where the sums tell rows apart.
        if own && sums {
            while let Some(cells) = lone_figures(text, &events[i..], width).filter(|c| holds(c)) {
                out.push(Event::ValuesRow(cells));
                i += width;
            }
        }
    }
    out
}

/// A row of `width` figures broken in two lines after its label's first figures: one or more
/// figures on the label's line (blank fields around them, an empty label column or the tab
/// left at the break, are none),
/// then a row of values on the next line that holds the rest (blank fields before them, the
/// tab carried over to the next line, are none, and so are blank fields after them), where the
/// row adds up (blank cells counting nothing) to its printed total. The row's cells and how
/// many events they are.
fn broken_after_figures(
    text: &str,
    label: &Range<usize>,
    events: &[Event],
    width: usize,
) -> Option<(Vec<CellTok>, usize)> {
    let same_line = |a: usize, b: usize| text.get(a..b).is_some_and(|t| !t.contains('\n'));
    let mut cells: Vec<CellTok> = Vec::with_capacity(width);
    let mut used = 0;
    let mut blank_after = false;
    let mut line_end = label.end;
    for e in events {
        let Event::Cell(c) = e else { break };
        if !same_line(line_end, c.range.start) {
            return None;
        }
        match c.kind {
            // (A figure after a blank after figures: a row with blank cells, not this.)
            CellKind::Fixed(_) if blank_after => return None,
            CellKind::Fixed(_) => cells.push(c.clone()),
            // (Blank fields between the label and its figures: an empty label column.)
            CellKind::Blank => blank_after = !cells.is_empty(),
            _ => return None,
        }
        line_end = c.range.end;
        used += 1;
    }
    let Some(Event::ValuesRow(rest)) = events.get(used) else {
        return None;
    };
    // Blank fields before them: the tab carried to the next line, and blank cells of the row;
    // after them: a trailing tab, a border. As many are dropped as leave the row its width.
    let blanks = |it: &mut dyn Iterator<Item = &CellTok>| {
        it.take_while(|c| matches!(c.kind, CellKind::Blank)).count()
    };
    let lead = blanks(&mut rest.iter());
    let trail = blanks(&mut rest[lead..].iter().rev());
    let needed = width.checked_sub(cells.len())?;
    let rest = [trail, 0].into_iter().find_map(|t| {
        let drop = (rest.len() - t).checked_sub(needed)?;
        (drop <= lead).then(|| &rest[drop..rest.len() - t])
    })?;
    let first = rest.first()?;
    // The rest on the very next line, every one of them a figure.
    let between = text.get(line_end..first.range.start)?;
    if cells.is_empty()
        || between.matches('\n').count() != 1
        || cells.len() + rest.len() != width
        || !rest
            .iter()
            .all(|c| matches!(c.kind, CellKind::Fixed(_) | CellKind::Blank))
    {
        return None;
    }
    cells.extend(rest.iter().cloned());
    // The row adds up (its blank cells none), its total printed: two rows' pieces would not.
    let total_printed = cells
        .last()
        .is_some_and(|c| matches!(c.kind, CellKind::Fixed(_)));
    let values: Vec<f64> = cells
        .iter()
        .map(|c| match c.kind {
            CellKind::Fixed(v) => v,
            _ => 0.0,
        })
        .collect();
    (total_printed && requests_add_up(&values)).then_some((cells, used + 1))
}

/// The first `width` events as figures each alone on its line (at least two of them).
fn lone_figures(text: &str, events: &[Event], width: usize) -> Option<Vec<CellTok>> {
    if width < 2 || events.len() < width {
        return None;
    }
    events[..width]
        .iter()
        .map(|e| {
            let v = lone_figure(text, e)?;
            let Event::Cell(c) = e else { return None };
            Some(CellTok {
                kind: CellKind::Fixed(v as f64),
                range: c.range.clone(),
            })
        })
        .collect()
}

/// The event at `i`, moved out (the passes read ahead of `i`, never behind it).
pub(super) fn take(events: &mut [Event], i: usize) -> Event {
    std::mem::replace(&mut events[i], Event::RowStart(usize::MAX))
}

/// Whether table 三's seven figures add up: the six applicants' make the 总计.
fn requests_add_up(figures: &[f64]) -> bool {
    match figures.split_last() {
        Some((total, applicants)) => applicants.iter().sum::<f64>() == *total,
        None => false,
    }
}

fn value(c: &CellTok) -> f64 {
    match c.kind {
        CellKind::Fixed(v) => v,
        _ => f64::NAN,
    }
}

/// A row's `width` figures from the cells at the start of `events` (and how many events they
/// are), where they are printed in pieces as the module says; `label`: where the row's label
/// is printed.
fn row_in_pieces(
    text: &str,
    label: &Range<usize>,
    events: &[Event],
    width: usize,
    checked: bool,
) -> Option<(Vec<CellTok>, usize)> {
    let mut cells: Vec<CellTok> = Vec::with_capacity(width);
    let mut shared_line = false;
    let mut used = 0;
    for e in events {
        let Event::Cell(c) = e else { break };
        if let Some(v) = lone_figure(text, e) {
            cells.push(CellTok {
                kind: CellKind::Fixed(v as f64),
                range: c.range.clone(),
            });
        } else if let Some(v) = lone_change(text, c) {
            cells.push(CellTok {
                kind: CellKind::Fixed(v),
                range: c.range.clone(),
            });
        } else if let Some(figures) = {
            // The first figures may end the label's line, right after the label.
            let on_label_line = used == 0
                && c.range.start >= label.end
                && !text[label.end..c.range.start].contains('\n');
            line_of_figures(text, c, on_label_line)
        } {
            shared_line = true;
            cells.extend(figures);
        } else {
            return None;
        }
        used += 1;
        if cells.len() > width {
            return None;
        }
        // Where the sums are checked, the cells after a full row are not its own (they may be
        // rows printed without their labels); elsewhere the row must end where its cells do.
        if checked && cells.len() == width {
            break;
        }
    }
    (shared_line && used >= 2 && cells.len() == width).then_some((cells, used))
}

/// A change printed with its sign alone on its line (`-9`, table 二's 本年增/减 in the 2019
/// format).
fn lone_change(text: &str, c: &CellTok) -> Option<f64> {
    let CellKind::Fixed(v) = c.kind else {
        return None;
    };
    let t = text[c.range.clone()].trim();
    let digits = t.strip_prefix(['-', '+', '−'])?;
    (!digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && super::alone_on_line(text, &c.range))
    .then_some(v)
}

/// The figures of a cell that is figures only and ends its line: a line of several figures
/// alone on its line (`705 3`), or, `after_label`, one or more figures after the label on its
/// line; each figure a cell of its own.
fn line_of_figures(text: &str, c: &CellTok, after_label: bool) -> Option<Vec<CellTok>> {
    let ends_line = text[c.range.end..]
        .chars()
        .find(|ch| *ch == '\n' || !ch.is_whitespace())
        .is_none_or(|ch| ch == '\n');
    if !ends_line {
        return None;
    }
    let digits = |t: &str| !t.is_empty() && t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit());
    match &c.kind {
        CellKind::Blob(groups)
            if after_label || (groups.len() >= 2 && super::alone_on_line(text, &c.range)) =>
        {
            groups
                .iter()
                .map(|g| {
                    let t = g.text.trim();
                    digits(t).then_some(())?;
                    Some(CellTok {
                        kind: CellKind::Fixed(t.parse::<u64>().ok()? as f64),
                        range: g.range.clone(),
                    })
                })
                .collect()
        }
        CellKind::Fixed(v) if after_label && digits(text[c.range.clone()].trim()) => {
            Some(vec![CellTok {
                kind: CellKind::Fixed(*v),
                range: c.range.clone(),
            }])
        }
        _ => None,
    }
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
        let out = rows_in_pieces(text, events(text), &|_| 7, true, true);
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
        // Eight figures where the first seven add up: the row is those seven (the eighth, a
        // page number or the next row's first figure, is left as printed).
        assert_eq!(
            row_of("L\n705 3\n0\n0\n5\n0\n713\n2\nM\n"),
            Some(vec![705.0, 3.0, 0.0, 0.0, 5.0, 0.0, 713.0])
        );
    }
}
