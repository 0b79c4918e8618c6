//! Structured rows of a table region: a line split into fields (tabs, pipes, a box-drawn or
//! ASCII grid's borders), and a row printed over several lines (a box row of a ruled grid, a
//! row of an AsciiDoc table) joined into one by [`grid`], read field by field into the events
//! of [`cells`](super::cells).

use super::cells::{field_events, starts_item, value_cell, CellKind, Event, LabelFinder, LineKind};
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

/// How a table's pipe rows are drawn: which pipes at a line's ends are borders.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum PipeBorders {
    /// A markdown table: a pipe that opens a line and the one that closes it are borders.
    Markdown,
    /// Rows drawn without an opening border and each closed by a pipe (`规章 | 0 | 0 |`, a
    /// crawl's rows): a line that opens with a pipe opens with an empty first cell (a blank
    /// first figure of table 四's row), and the pipe that closes a line is no separator
    /// before an empty last cell.
    Closing,
    /// Pipes between cells only (`规章|13|13|524`): every pipe is a separator.
    None,
}

/// A structured line (tabs, pipes): field by field, as before the joined reading.
pub(super) fn structured_line(
    text: &str,
    off: usize,
    line: &str,
    labels: &LabelFinder,
    budget: &mut usize,
    events: &mut Vec<Event>,
    borders: PipeBorders,
) {
    let fields: Vec<Field> = split_fields_as(line, off, borders)
        .into_iter()
        .map(|(r, t)| Field::printed(r, t))
        .collect();
    structured_fields(text, &fields, labels, budget, events);
}

/// A value cell's text: a figure, a mark for nothing to report, or digit groups (as a field of
/// a delimited row reads it).
pub fn is_value(t: &str) -> bool {
    value_cell(t.trim(), 0, true).is_some()
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
        && matches!(
            value_cell(non_empty[0].1.text.trim(), 0, false),
            Some(CellKind::Fixed(_) | CellKind::Na)
        )
    {
        field_of(text, non_empty[0].1, labels, false, None, events);
        return;
    }
    // Every field's events, where each field's start (`starts[i]`).
    let mut line_events: Vec<Event> = Vec::new();
    let mut starts: Vec<usize> = Vec::with_capacity(fields.len() + 1);
    for f in fields {
        starts.push(line_events.len());
        field_of(text, f, labels, true, None, &mut line_events);
    }
    starts.push(line_events.len());
    // The first value is the first field read as nothing but figures, the one notion of a
    // figure the cells themselves are read with ("1*", "**1**", "1(件)" are figures here as
    // there: else the blank cells before a row's first figure would be taken for its cells).
    let is_figures = |i: usize| {
        let own = &line_events[starts[i]..starts[i + 1]];
        !own.is_empty()
            && own
                .iter()
                .all(|e| matches!(e, Event::Cell(c) if !matches!(c.kind, CellKind::Blank)))
    };
    let first_value = non_empty.iter().position(|f| is_figures(f.0));
    // The last text field before the first value ("(三) 不予公开 | 1. 属于国家秘密 | 0 | …"),
    // when it holds no label, may be a misprinted one: read again tolerantly. So may the last
    // text field of a row of blank cells (`1.属于国家秘` and seven empty fields, a label cut by
    // a narrow column in a table that prints its zeros as nothing).
    let blank_row_label = || {
        let (last, f) = *non_empty.last()?;
        let blanks_after = fields.len() - 1 - last;
        (first_value.is_none()
            && blanks_after >= 3
            && !is_figures(last)
            && !f.text.trim().is_empty())
        .then_some(last)
    };
    let label_field = first_value
        .filter(|&v| v > 0)
        .map(|v| non_empty[v - 1].0)
        .or_else(blank_row_label);
    if let Some(i) = label_field {
        let own = starts[i]..starts[i + 1];
        if !line_events[own.clone()]
            .iter()
            .any(|e| matches!(e, Event::Label { .. }))
        {
            let mut again = Vec::new();
            field_of(
                text,
                &fields[i],
                labels,
                true,
                Some(&mut *budget),
                &mut again,
            );
            line_events.splice(own, again).for_each(drop);
        }
    }
    // Empty fields before a row's label (a label column indented under a merged group's
    // cell: "\t（二）部分公开\t\t5…") are no cells: read, they would end the row before, a
    // blank cell too many there that shifts its figures one column left.
    let lead = line_events
        .iter()
        .take_while(|e| matches!(e, Event::Cell(c) if matches!(c.kind, CellKind::Blank)))
        .count();
    if lead > 0 && matches!(line_events.get(lead), Some(Event::Label { .. })) {
        line_events.drain(..lead);
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
    if n_values == 0 && continues_row_label(text, fields, &line_events, labels, events) {
        return;
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

/// A row broken across a page (Word lets a row break there): the rest of its label alone on the
/// next page's first line, blank cells (or another wrapped cell's rest) beside it
/// (`5.要求行政机关确认\t38\t…\t38`, then `\t\t或重新出具已获取信息\t\t…`). The row before,
/// begun by an item number whose text is no label, is that label's row where its text and a
/// piece of this line read as the label together: the row before takes the label, and this
/// line is no row (read alone, its label took the blank cells beside it, or its pieces were
/// text, and the figures before were left without a label).
fn continues_row_label(
    text: &str,
    fields: &[Field],
    line_events: &[Event],
    labels: &LabelFinder,
    events: &mut Vec<Event>,
) -> bool {
    let pieces_only = line_events.iter().all(|e| {
        matches!(
            e,
            Event::Label { .. }
                | Event::Text {
                    item_start: false,
                    ..
                }
        ) || matches!(e, Event::Cell(c) if matches!(c.kind, CellKind::Blank))
    });
    if !pieces_only || !line_events.iter().any(|e| !matches!(e, Event::Cell(_))) {
        return false;
    }
    // The row before: an item number of no label (its text, or pieces of it matched to nothing:
    // `2.其他法律行政法规` holds `其他`), then figures, nothing else since.
    let Some(start) = events.iter().rposition(|e| {
        matches!(
            e,
            Event::RowStart(_)
                | Event::Label { .. }
                | Event::ValuesRow(_)
                | Event::TotalRow(_)
                | Event::Text { .. }
        )
    }) else {
        return false;
    };
    if !matches!(events[start], Event::RowStart(_) | Event::Text { .. }) {
        return false;
    }
    let figures = events[start + 1..]
        .iter()
        .any(|e| matches!(e, Event::Cell(c) if !matches!(c.kind, CellKind::Blank)));
    if !figures {
        return false;
    }
    // Its text: the first field of the line before this one.
    let Some(line_start) = fields.first().map(|f| f.range.start) else {
        return false;
    };
    let Some(prev_end) = text[..line_start].rfind('\n') else {
        return false;
    };
    let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
    let prev = &text[prev_start..prev_end];
    let lead = prev.len() - prev.trim_start().len();
    let before = prev
        .trim_start()
        .split(['\t', '|'])
        .next()
        .unwrap_or("")
        .trim_end();
    if !starts_item(before) {
        return false;
    }
    let p = prev_start + lead;
    let joined_label = |piece: &str| {
        let joined = format!("{before}{piece}");
        let mut own = Vec::new();
        field_events(
            &joined,
            0..joined.len(),
            &joined,
            labels,
            true,
            None,
            &mut own,
        );
        own.iter().find_map(|e| match e {
            Event::Label { id, tolerant, .. } => Some((*id, *tolerant)),
            _ => None,
        })
    };
    let found = fields.iter().find_map(|f| {
        let piece = f.text.trim();
        if piece.is_empty() || starts_item(piece) || is_value(piece) {
            return None;
        }
        joined_label(piece).map(|l| (l, f.range.end))
    });
    let Some(((id, tolerant), end)) = found else {
        return false;
    };
    events[start] = Event::Label {
        id,
        range: p..end,
        tolerant,
    };
    // The text the item number began is the label's now.
    let mut i = start + 1;
    while i < events.len() {
        if matches!(events[i], Event::Text { .. }) {
            events.remove(i);
        } else {
            i += 1;
        }
    }
    true
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
        // Two pipes or more inside a line part cells without spaces around them
        // (`1.属于国家秘密|0|0|0`, a typist's table): a line of text has one at most.
        (t.starts_with('|') || t.ends_with('|') || t.contains(" | ") || t.matches('|').count() >= 2)
            .then_some(b'|')
    } else {
        None
    }
}

/// Split a line into fields: tabs, or pipes for markdown/pipe rows; otherwise one field.
pub(super) fn split_fields(line: &str, off: usize) -> Vec<(Range<usize>, &str)> {
    split_fields_as(line, off, PipeBorders::Markdown)
}

/// [`split_fields`], the pipes at a line's ends read as `borders` says.
fn split_fields_as(line: &str, off: usize, borders: PipeBorders) -> Vec<(Range<usize>, &str)> {
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
        let closing = |fields: &mut Vec<(Range<usize>, &str)>| {
            if fields.last().is_some_and(|(_, t)| t.trim().is_empty())
                && line.trim_end().ends_with('|')
            {
                fields.pop();
            }
        };
        if borders == PipeBorders::Closing {
            // Rows closed by a pipe each (a crawl's `规章 | 0 | 0 | 0 |`): the last pipe
            // closes the row, and an empty field after it is none.
            closing(&mut fields);
        } else if borders == PipeBorders::Markdown
            && fields.first().is_some_and(|(_, t)| t.trim().is_empty())
            && line.trim_start().starts_with('|')
        {
            fields.remove(0);
            closing(&mut fields);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A tab row's events in brief: L(abel), T(ext), ∅ (blank), the figure of a cell.
    fn events(line: &str) -> Vec<String> {
        let line = crate::ingest::normalize::normalize_str(line);
        let labels = LabelFinder::new(&crate::parse::tables::request_label_specs(), &[], &[]);
        let mut budget = 1_000_000;
        let mut ev = Vec::new();
        structured_line(
            &line,
            0,
            &line,
            &labels,
            &mut budget,
            &mut ev,
            PipeBorders::Markdown,
        );
        let cell = |c: &super::super::cells::CellTok| match &c.kind {
            CellKind::Blank => "∅".to_string(),
            CellKind::Na => "/".to_string(),
            CellKind::Fixed(v) => format!("{v}"),
            CellKind::Blob(g) => format!("run {:?}", g.iter().map(|g| &g.text).collect::<Vec<_>>()),
        };
        ev.iter()
            .flat_map(|e| match e {
                Event::Label { .. } => vec!["L".to_string()],
                Event::Cell(c) => vec![cell(c)],
                Event::ValuesRow(cs) => cs.iter().map(cell).collect(),
                _ => vec!["T".to_string()],
            })
            .collect()
    }

    #[test]
    fn a_decorated_figure_beside_blank_cells_is_read_as_the_figure() {
        let row = |first: &str| format!("四、结转下年度继续办理\t\t\t{first}\t0\t0\t0\t0\t0\t");
        let plain = events(&row("1"));
        assert_eq!(plain, ["L", "∅", "∅", "1", "0", "0", "0", "0", "0", "∅"]);
        for deco in [
            "1*",
            "1**",
            "**1**",
            "__1__",
            "1(件)",
            "1（件）",
            "1件",
            "1件次",
            "1 人次",
            "1※",
            "1①",
            "1(注)",
            "<b>1</b>",
            "**1件**",
        ] {
            assert_eq!(events(&row(deco)), plain, "{deco}");
        }
    }

    #[test]
    fn thousands_in_one_delimited_cell_are_one_figure() {
        for cell in [
            "10690",
            "10,690",
            "10，690",
            "10 690",
            "10\u{a0}690",
            "10\u{2009}690",
        ] {
            assert_eq!(
                events(&format!("行政许可\t{cell}\t\t")),
                ["T", "10690", "∅", "∅"],
                "{cell}"
            );
        }
        // Not thousands: a list, a misgrouped figure, a decimal comma: no figure at all.
        for cell in ["1，2", "1,2", "9116,36", "1、2", "12,34"] {
            let ev = events(&format!("行政许可\t{cell}\t\t"));
            assert!(ev.iter().all(|e| e == "T" || e == "∅"), "{cell}: {ev:?}");
        }
        // Digit groups of another size stay a run of several figures.
        assert_eq!(events("行政许可\t10 69\t\t")[1], "run [\"10\", \"69\"]");
    }

    #[test]
    fn a_change_in_words_is_a_signed_figure() {
        assert_eq!(
            events("行政许可\t20\t减少9\t7447"),
            ["T", "20", "-9", "7447"]
        );
        assert_eq!(
            events("行政许可\t20\t增加3\t7447"),
            ["T", "20", "3", "7447"]
        );
    }
}
