//! Structured rows of a table region: a line split into fields (tabs, pipes, a box-drawn or
//! ASCII grid's borders), and a row printed over several lines (a box row of a ruled grid, a
//! row of an AsciiDoc table) joined into one by [`grid`], read field by field into the events
//! of [`cells`](super::cells).

use super::cells::{
    field_events, is_na, parse_fixed, spaced_groups, CellKind, Event, LabelFinder, LineKind,
};
use super::grid::{self, Field};
use std::ops::Range;

/// The events of a row printed over several lines (a box row of a ruled grid, an AsciiDoc row)
/// read as one row, pushed onto `events`; false (and nothing pushed) when its lines cannot be
/// told to be one row: they are read one by one.
pub(super) fn row_events(
    text: &str,
    lines: &[(usize, &str, LineKind)],
    join: grid::Join,
    labels: &LabelFinder,
    budget: &mut usize,
    events: &mut Vec<Event>,
) -> bool {
    let split: Vec<Vec<(Range<usize>, &str)>> = lines
        .iter()
        .map(|(off, line, _)| match join {
            grid::Join::Columns => split_fields(line, *off),
            grid::Join::Cells(_) => grid::asciidoc_cells(line, *off),
        })
        .collect();
    let joined = match join {
        grid::Join::Columns => grid::join_box_row(&split),
        grid::Join::Cells(n) => grid::join_cells(&split, n),
    };
    let Some(fields) = joined else {
        return false;
    };
    // Two rows' labels stacked in one column between two rules (a grid ruled only here and
    // there, a blank row's label above a row of values): not one row. A group's heading before
    // its first item ("(六)其他处理 1.申请人…" wrapped in one box) is one row, as is a heading
    // in a column of its own ("(三)不予公开 | 1.属于国家秘密").
    if join == grid::Join::Columns {
        for f in fields.iter().filter(|f| f.map.is_some()) {
            let mut own = Vec::new();
            field_events(text, 0..f.text.len(), &f.text, labels, true, None, &mut own);
            let found: Vec<(usize, usize)> = own
                .iter()
                .filter_map(|e| match e {
                    Event::Label { id, range, .. } => Some((*id, range.start)),
                    _ => None,
                })
                .collect();
            let stacked = found.windows(2).any(|w| {
                w[0].0 != w[1].0 && (numbered_at(&f.text, w[0].1) || !numbered_at(&f.text, w[1].1))
            });
            if stacked {
                return false;
            }
        }
    }
    let mut row = Vec::new();
    structured_fields(text, &fields, labels, budget, &mut row);
    events.extend(row);
    true
}

/// A structured line (tabs, pipes): field by field, as before the joined reading.
pub(super) fn structured_line(
    text: &str,
    off: usize,
    line: &str,
    labels: &LabelFinder,
    budget: &mut usize,
    events: &mut Vec<Event>,
) {
    let fields: Vec<Field> = split_fields(line, off)
        .into_iter()
        .map(|(r, t)| Field::printed(r, t))
        .collect();
    structured_fields(text, &fields, labels, budget, events);
}

/// A value cell's text: a figure, a mark for nothing to report, or digit groups.
pub fn is_value(t: &str) -> bool {
    let t = t.trim();
    is_na(t) || parse_fixed(t).is_some() || spaced_groups(t, 0).is_some()
}

/// The fields of one table row (a structured line, or a box row of a ruled grid joined into
/// one row): field by field.
pub(super) fn structured_fields(
    text: &str,
    fields: &[Field],
    labels: &LabelFinder,
    budget: &mut usize,
    events: &mut Vec<Event>,
) {
    let non_empty: Vec<(usize, &Field)> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.text.trim().is_empty())
        .collect();
    if non_empty.is_empty() {
        return;
    }
    // "\t0", "\t—": a single value that a layout indented with a tab is not a row with a blank.
    if non_empty.len() == 1
        && (parse_fixed(non_empty[0].1.text.trim()).is_some() || is_na(non_empty[0].1.text.trim()))
    {
        field_of(text, non_empty[0].1, labels, false, None, events);
        return;
    }
    // The first field, when it is text and values follow it, may be a misprinted label.
    // The last text field before the first value ("(三) 不予公开 | 1. 属于国家秘密 | 0 | …").
    let first_value = non_empty.iter().position(|f| is_value(&f.1.text));
    let label_field = first_value.filter(|&v| v > 0).map(|v| non_empty[v - 1].0);
    let mut line_events: Vec<Event> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let fuzzy = (Some(i) == label_field).then_some(&mut *budget);
        field_of(text, f, labels, true, fuzzy, &mut line_events);
    }
    let values_only = line_events.iter().all(|e| matches!(e, Event::Cell(_)));
    let n_values = line_events
        .iter()
        .filter(|e| matches!(e, Event::Cell(c) if !matches!(c.kind, CellKind::Blank)))
        .count();
    // Text that is no label and nothing but blank cells beside it: a label wrapped inside its
    // cell onto the next line of a drawn table ("│2.其他法律行政法规禁止│3│…" then
    // "│公开            │ │…"). Its blanks are the other cells' empty second lines, not cells.
    if n_values == 0
        && line_events.iter().any(|e| matches!(e, Event::Text { .. }))
        && !line_events.iter().any(|e| matches!(e, Event::Label { .. }))
    {
        line_events.retain(|e| !matches!(e, Event::Cell(_)));
    }
    if values_only && n_values >= 1 && line_events.len() >= 2 {
        let cells = line_events
            .into_iter()
            .filter_map(|e| {
                if let Event::Cell(c) = e {
                    Some(c)
                } else {
                    None
                }
            })
            .collect();
        events.push(Event::ValuesRow(cells));
    } else {
        events.extend(line_events);
    }
}

/// Events of one field of a structured row; a field joined from a wrapped cell's pieces is read
/// as one text, its events placed back on the pieces.
fn field_of(
    text: &str,
    f: &Field,
    labels: &LabelFinder,
    structured: bool,
    fuzzy: Option<&mut usize>,
    out: &mut Vec<Event>,
) {
    match &f.map {
        None => field_events(
            text,
            f.range.clone(),
            &f.text,
            labels,
            structured,
            fuzzy,
            out,
        ),
        Some(map) => {
            let from = out.len();
            field_events(
                text,
                0..f.text.len(),
                &f.text,
                labels,
                structured,
                fuzzy,
                out,
            );
            for e in &mut out[from..] {
                grid::remap(e, map);
            }
        }
    }
}

pub(super) fn is_md_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && !super::chrome::is_na_cell_row(line)
}

/// What separates a line's fields: tabs, or pipes for markdown/pipe rows; None for one field.
pub(super) fn field_separator(line: &str) -> Option<u8> {
    if line.contains('\t') {
        Some(b'\t')
    } else if line.contains('|') {
        let t = line.trim();
        (t.starts_with('|') || t.ends_with('|') || t.contains(" | ")).then_some(b'|')
    } else {
        None
    }
}

/// Split a line into fields: tabs, or pipes for markdown/pipe rows; otherwise one field.
pub(super) fn split_fields(line: &str, off: usize) -> Vec<(Range<usize>, &str)> {
    let Some(sep) = field_separator(line) else {
        return vec![(off..off + line.len(), line)];
    };
    // Sized once (a row of a dozen fields was grown and copied four times).
    let n = line.bytes().filter(|&b| b == sep).count();
    let mut fields = Vec::with_capacity(n + 1);
    let mut start = 0;
    // The separator is ASCII: found by its byte, no character decoded.
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == sep {
            fields.push((off + start..off + i, &line[start..i]));
            start = i + 1;
        }
    }
    fields.push((off + start..off + line.len(), &line[start..]));
    if sep == b'|' {
        // The pipes around a markdown row are borders, not empty cells. A row drawn without
        // them ("四、结转下年度继续办理 |  | 1 | 0 | ") has none: its last pipe is the separator
        // before a blank last cell (the blank 总计), not a border.
        if fields.first().is_some_and(|(_, t)| t.trim().is_empty())
            && line.trim_start().starts_with('|')
        {
            fields.remove(0);
            if fields.last().is_some_and(|(_, t)| t.trim().is_empty())
                && line.trim_end().ends_with('|')
            {
                fields.pop();
            }
        }
    }
    fields
}

/// Whether a label at `p` of `t` is an item of a group: an arabic item number ("1.", "2、")
/// at `p` or right before it.
fn numbered_at(t: &str, p: usize) -> bool {
    let number_then_sep = |s: &str| {
        let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
        rest.len() < s.len() && rest.starts_with(['.', '、', '．'])
    };
    if number_then_sep(&t[p..]) {
        return true;
    }
    let before = t[..p].trim_end();
    let Some(body) = before
        .strip_suffix('.')
        .or_else(|| before.strip_suffix('、'))
        .or_else(|| before.strip_suffix('．'))
    else {
        return false;
    };
    body.ends_with(|c: char| c.is_ascii_digit())
}
