//! Ruled grids: a table drawn with horizontal rules between its rows — box drawing as w3m
//! prints it (normalised to `|---|`), ASCII `+---+` with `|` borders, reStructuredText grid
//! tables (`+---+`, `+===+`). A cell too narrow for its text wraps inside its box, so one table
//! row is printed over several lines: the label in pieces (`1.申请人无正当理由逾期不补正、` /
//! `行政机关不再处理其政府信息公开` / `申请`, or `1` / `.属于` / `国家` / `秘密`) and each
//! value on one of them (centred by w3m, on the first line by pandoc).
//!
//! A box row — the lines between one rule and the next — is joined here into one logical row:
//! per column, its pieces are joined into one field. This is only done when it is certain to
//! be one row: every line splits into the same number of fields, and no column holds two
//! values. Otherwise (a grid with a rule only under its header, rows of several values between
//! two rules) the lines are read one by one as before.
//!
//! An AsciiDoc table (`|===` … `|===`) prints each row as a paragraph of `|`-cells, blank lines
//! between rows; a long row goes on over two or three lines. Such a paragraph is joined into one
//! row when its cells add up to the table's column count (`[cols=…]`).

use super::cells::{CellKind, Event};
use super::fields::is_value;
use std::borrow::Cow;
use std::ops::Range;

/// A field of a structured row: its text as printed, or joined from the pieces of a cell wrapped
/// over the lines of a box row (`map`: the offset in the text of each byte of the joined text,
/// and one past the end).
pub struct Field<'a> {
    pub range: Range<usize>,
    pub text: Cow<'a, str>,
    pub map: Option<Vec<usize>>,
}

impl<'a> Field<'a> {
    pub fn printed(range: Range<usize>, text: &'a str) -> Field<'a> {
        Field {
            range,
            text: Cow::Borrowed(text),
            map: None,
        }
    }
}

/// A horizontal rule of a grid, whole or partial (a rowspan cell's text beside it): a joint
/// (`|`, `+`) then at least two dashes or equals signs (markdown alignment colons allowed) then
/// a joint. Box drawing arrives here normalised: `├──┼` is `|--|`.
pub fn is_rule(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'|' | b'+') {
            let mut j = i + 1;
            let mut dashes = 0;
            while j < b.len() && matches!(b[j], b'-' | b'=' | b':') {
                dashes += usize::from(b[j] != b':');
                j += 1;
            }
            if dashes >= 2 && j < b.len() && matches!(b[j], b'|' | b'+') {
                return true;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    false
}

/// The box rows of a region: ranges of line indices, two lines or more, of lines that are all
/// split into fields (`structured`), with a rule right before and right after them.
///
/// A markdown table's delimiter row under its header (`类别 | 数据1` / `---|---`) is a rule that
/// opens no box: a grid's rows follow its top border, and a header line with no rule above it
/// is a pipe table's. Two pipe tables printed back to back (html2text leaves no blank line
/// between them) would else make one box of the first table's rows and the second's header.
pub fn box_rows(lines: &[&str], structured: impl Fn(usize) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // The last rule, and whether it is a pipe table's delimiter row.
    let mut last_rule: Option<(usize, bool)> = None;
    // Structured lines since the last rule or unstructured line, and whether a rule opened them.
    let (mut run, mut after_rule) = (0usize, false);
    for (i, line) in lines.iter().enumerate() {
        if is_rule(line) {
            if let Some((r, false)) = last_rule {
                let inner = r + 1..i;
                if inner.len() >= 2 && inner.clone().all(&structured) {
                    out.push(inner);
                }
            }
            last_rule = Some((i, run >= 1 && !after_rule));
            (run, after_rule) = (0, true);
        } else if !structured(i) {
            last_rule = None;
            (run, after_rule) = (0, false);
        } else {
            run += 1;
        }
    }
    out
}

/// How the lines of a group are one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// A box row of a ruled grid: column by column.
    Columns,
    /// A row of an AsciiDoc table of this many columns: the lines' cells one after another.
    Cells(usize),
}

/// The rows of AsciiDoc tables in a region (one with a `|===` delimiter): ranges of line
/// indices of each paragraph of lines that start with `|`, whose cells add up to the table's
/// column count — from its `[cols=…]` line, or else the count most of its one-line rows have.
pub fn asciidoc_rows(lines: &[&str]) -> Vec<(Range<usize>, usize)> {
    if !lines.iter().any(|l| l.trim() == "|===") {
        return Vec::new();
    }
    let mut paragraphs: Vec<(Range<usize>, Option<usize>)> = Vec::new();
    let mut cols: Option<usize> = None;
    let mut run: Option<usize> = None;
    for i in 0..=lines.len() {
        let t = lines.get(i).map_or("", |l| l.trim());
        if t.starts_with('|') && t != "|===" {
            run.get_or_insert(i);
            continue;
        }
        if let Some(a) = run.take() {
            paragraphs.push((a..i, cols));
        }
        if t == "|===" {
            let declared = lines[..i]
                .iter()
                .rev()
                .take(2)
                .find_map(|l| asciidoc_columns(l.trim()));
            // An opening delimiter sets the count; a closing one (no [cols] before it) ends it.
            cols = declared;
        }
    }
    // The count most one-line rows have, for a table whose [cols] line is not in the region.
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for (r, _) in &paragraphs {
        if r.len() == 1 {
            *counts
                .entry(asciidoc_cells(lines[r.start], 0).len())
                .or_default() += 1;
        }
    }
    let modal = counts
        .iter()
        .max_by_key(|(_, &k)| k)
        .filter(|(_, &k)| k >= 3)
        .map(|(&n, _)| n);
    paragraphs
        .into_iter()
        .filter_map(|(r, declared)| {
            let n = declared.or(modal)?;
            let cells: usize = lines[r.clone()]
                .iter()
                .map(|l| asciidoc_cells(l, 0).len())
                .sum();
            (cells == n && n >= 2).then_some((r, n))
        })
        .collect()
}

/// The cells of a line of an AsciiDoc table: each `|` starts one, so a `|` that ends the line
/// is an empty last cell (not a border, as in markdown).
pub fn asciidoc_cells(line: &str, off: usize) -> Vec<(Range<usize>, &str)> {
    let Some(first) = line.find('|') else {
        return Vec::new();
    };
    if !line[..first].trim().is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = first + 1;
    for (i, b) in line.bytes().enumerate().skip(first + 1) {
        if b == b'|' {
            out.push((off + start..off + i, &line[start..i]));
            start = i + 1;
        }
    }
    out.push((off + start..off + line.len(), &line[start..]));
    out
}

/// The column count of an AsciiDoc table's attribute line: `[cols=",,,"]` (4), `[cols="1,2,3"]`,
/// `[cols="3*"]`, `[options="header",cols="2*"]`.
fn asciidoc_columns(line: &str) -> Option<usize> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let spec = inner.split("cols=").nth(1)?;
    let spec = spec.strip_prefix('"')?;
    let spec = &spec[..spec.find('"')?];
    if let Some((n, _)) = spec.split_once('*') {
        return n.trim().parse().ok().filter(|&n| n > 0);
    }
    Some(spec.split([',', ';']).count())
}

/// The fields of one AsciiDoc row printed over several lines: the lines' cells one after
/// another, or None when they do not add up to the table's `n` columns.
pub fn join_cells<'a>(lines: &[Vec<(Range<usize>, &'a str)>], n: usize) -> Option<Vec<Field<'a>>> {
    let fields: Vec<Field<'a>> = lines
        .iter()
        .flatten()
        .map(|(r, t)| Field::printed(r.clone(), t))
        .collect();
    (fields.len() == n).then_some(fields)
}

/// The fields of one logical row from the fields of each line of a box row, or None when the
/// lines cannot be told to be one row (their fields do not line up, or a column holds more
/// than one value: rows printed between two rules without a rule of their own).
pub fn join_box_row<'a>(lines: &[Vec<(Range<usize>, &'a str)>]) -> Option<Vec<Field<'a>>> {
    let n = lines.first()?.len();
    if n < 2 || lines.iter().any(|l| l.len() != n) {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for c in 0..n {
        let pieces: Vec<&(Range<usize>, &str)> = lines
            .iter()
            .map(|l| &l[c])
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        if pieces.iter().filter(|(_, t)| is_value(t)).count() > 1 {
            return None;
        }
        out.push(match pieces.as_slice() {
            [] => Field::printed(lines[0][c].0.clone(), lines[0][c].1),
            [(r, t)] => Field::printed(r.clone(), t),
            _ => joined(&pieces),
        });
    }
    Some(out)
}

/// Pieces of a wrapped cell as one text: joined as they are (Han text wraps anywhere), with a
/// space between two pieces that would otherwise glue two words or numbers together.
fn joined<'a>(pieces: &[&(Range<usize>, &str)]) -> Field<'a> {
    let mut text = String::new();
    let mut map = Vec::new();
    for (r, t) in pieces {
        let lead = t.len() - t.trim_start().len();
        let t = t.trim();
        let glue = text.ends_with(|c: char| c.is_ascii_alphanumeric())
            && t.starts_with(|c: char| c.is_ascii_alphanumeric());
        if glue {
            text.push(' ');
            // The space stands where the previous piece ended.
            map.push(map.last().map_or(r.start, |&m: &usize| m + 1));
        }
        text.push_str(t);
        map.extend((0..t.len()).map(|i| r.start + lead + i));
    }
    map.push(map.last().map_or(0, |&m| m + 1));
    let first = pieces[0].0.start;
    let last = pieces[pieces.len() - 1].0.end;
    Field {
        range: first..last,
        text: Cow::Owned(text),
        map: Some(map),
    }
}

/// An event read from a joined field, with its offsets moved from the joined text to the text.
pub fn remap(e: &mut Event, map: &[usize]) {
    let at = |p: usize| map[p.min(map.len() - 1)];
    let span = |r: &mut Range<usize>| {
        let start = at(r.start);
        let end = if r.end > r.start {
            at(r.end - 1) + 1
        } else {
            start
        };
        *r = start..end;
    };
    match e {
        Event::Label { range, .. } => span(range),
        Event::Cell(c) => {
            span(&mut c.range);
            if let CellKind::Blob(groups) = &mut c.kind {
                for g in groups {
                    span(&mut g.range);
                }
            }
        }
        Event::ValuesRow(cells) => {
            for c in cells {
                span(&mut c.range);
            }
        }
        Event::RowStart(p) | Event::TotalRow(p) | Event::BareRow(p, _) => *p = at(*p),
        Event::Unreadable(r) => span(r),
        Event::Text { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_whole_and_partial() {
        assert!(is_rule("|-----|---|"));
        assert!(is_rule("+-----+===+"));
        assert!(is_rule("|        |（六）+-----+---+"));
        assert!(is_rule("|      |-----|---|"));
        assert!(is_rule("|:---|---:|"));
        assert!(!is_rule("| 规章 | - | 0 |"));
        assert!(!is_rule("| 规章 | 13 | 13 |"));
        assert!(!is_rule("2021-12-31"));
    }

    fn fields(line: &str, off: usize) -> Vec<(Range<usize>, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if c == '|' {
                out.push((off + start..off + i, &line[start..i]));
                start = i + 1;
            }
        }
        out
    }

    /// Each line of `text` as its `|`-ended fields, at their offsets in `text`.
    fn box_lines(text: &str) -> Vec<Vec<(Range<usize>, &str)>> {
        let mut off = 0;
        text.split_inclusive('\n')
            .map(|l| {
                let f = fields(l.trim_end(), off);
                off += l.len();
                f
            })
            .collect()
    }

    #[test]
    fn a_wrapped_label_and_its_centred_values_are_one_row() {
        let text = "1.申请人无正当理由逾期不补正、|  |  |\n行政机关不再处理|0 |7 |\n申请|  |  |\n";
        let lines = box_lines(text);
        let row = join_box_row(&lines).unwrap();
        assert_eq!(row.len(), 3);
        assert_eq!(
            row[0].text,
            "1.申请人无正当理由逾期不补正、行政机关不再处理申请"
        );
        assert_eq!(&text[row[1].range.clone()], "0 ");
        assert_eq!(&text[row[2].range.clone()], "7 ");
        // Every byte of the joined label maps to the same byte of the text.
        let map = row[0].map.as_ref().unwrap();
        for (i, b) in row[0].text.bytes().enumerate() {
            assert_eq!(text.as_bytes()[map[i]], b);
        }
    }

    #[test]
    fn an_item_number_apart_from_its_label_joins_it() {
        let text = "1|0|\n.属于|  |\n国家秘密|  |\n";
        let lines = box_lines(text);
        let row = join_box_row(&lines).unwrap();
        assert_eq!(row[0].text, "1.属于国家秘密");
        assert_eq!(row[1].text, "0");
    }

    #[test]
    fn two_values_in_a_column_are_two_rows_not_one() {
        let text = "规章|13|\n规范性文件|60|\n";
        let mut lines = box_lines(text);
        assert!(join_box_row(&lines).is_none());
        // Lines that do not line up are not joined either.
        lines[1].pop();
        assert!(join_box_row(&lines).is_none());
    }

    #[test]
    fn asciidoc_rows_over_lines() {
        let lines = [
            "[cols=\",,\",]",
            "|===",
            "|a |1 |2",
            "",
            "|b long",
            "|3 |4",
            "",
            "|c |5 |",
            "|===",
        ];
        assert_eq!(asciidoc_rows(&lines), vec![(2..3, 3), (4..6, 3), (7..8, 3)]);
        // A last cell left empty is a cell.
        let cells: Vec<&str> = asciidoc_cells(lines[7], 0).iter().map(|c| c.1).collect();
        assert_eq!(cells, ["c ", "5 ", ""]);
        assert_eq!(asciidoc_columns("[cols=\"3*\"]"), Some(3));
        assert_eq!(
            asciidoc_columns("[options=\"header\",cols=\"1,2\"]"),
            Some(2)
        );
        // Without the [cols] line, the count most one-line rows have (three rows at least).
        assert!(asciidoc_rows(&lines[3..]).is_empty());
        let more = [
            "|a |1 |2", "", "|b |1 |2", "", "|c |1 |2", "", "|d", "|3 |4", "|===",
        ];
        assert_eq!(asciidoc_rows(&more).last(), Some(&(6..8, 3)));
    }

    #[test]
    fn a_pipe_tables_delimiter_opens_no_box() {
        // Two pipe tables back to back: the first's row and the second's header are no box.
        let lines = [
            "类别 | 数据1 | 总计",
            "---|---|---",
            "1.申请人无正当理由逾期不补正 | 9 | 9",
            "项目 | 本年新收件数 | 总计",
            "---|---|---",
            "2.其他 | 7 | 7",
        ];
        assert!(box_rows(&lines, |i| !is_rule(lines[i])).is_empty());
        // A grid drawn with the same rules: its top border opens its boxes.
        let grid = [
            "|---|---|",
            "| 一、本年新收 | 3 |",
            "| 数量 | |",
            "|---|---|",
        ];
        assert_eq!(box_rows(&grid, |i| !is_rule(grid[i])), vec![1..3]);
    }

    #[test]
    fn box_rows_lie_between_rules() {
        let lines = [
            "+---+---+",
            "|a  |1  |",
            "|b  |   |",
            "+---+---+",
            "|c  |2  |",
            "+---+---+",
            "|d  |3  |",
            "|e  |4  |",
            "",
            "+---+---+",
        ];
        let structured = |i: usize| lines[i].starts_with('|');
        assert_eq!(box_rows(&lines, structured), vec![1..3]);
    }
}
