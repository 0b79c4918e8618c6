//! Tables laid out with spaces — `pdftotext -layout`, lynx and w3m dumps, pandoc's plain
//! tables — in which a row leaves cells blank (many agencies print no 0). Such a row prints
//! fewer figures than the table has columns, and nothing but their positions says which cells
//! they fill. This module places them: in the columns they stand under, found from the column
//! headers' positions or from a row that prints every cell.
//!
//! A position is counted two ways, since layouts differ: in characters (pdftotext and lynx put
//! one character in each column of their grid, a Han character too) and in display width (w3m,
//! and an editor's fixed-width font, give a Han character two). A row is placed only where one
//! of them puts every figure nearest to one column and close to it; otherwise it is left as it
//! was read (and reported there).

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::cells::{is_na, parse_fixed, CellKind, CellTok};

/// How a position on a line is counted.
#[derive(Clone, Copy)]
enum Metric {
    Chars,
    Width,
}

const METRICS: [Metric; 2] = [Metric::Chars, Metric::Width];

/// A horizontal extent on a line: [start, end) in a metric's units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    start: f64,
    end: f64,
}

impl Span {
    fn center(&self) -> f64 {
        (self.start + self.end) / 2.0
    }
    /// How far a figure stands from a column: its start, end or centre against the column's
    /// (figures are printed left-aligned, right-aligned or centred under their headers).
    fn distance(&self, col: &Span) -> f64 {
        let d = [
            (self.start - col.start).abs(),
            (self.end - col.end).abs(),
            (self.center() - col.center()).abs(),
        ];
        d.into_iter().fold(f64::INFINITY, f64::min)
    }
    fn overlaps(&self, o: &Span) -> bool {
        self.start < o.end && o.start < self.end
    }
}

/// Where the parsed text was printed: positions are counted on the source's lines, as the layout
/// printed them, not on the normalised text, whose labels may have lost spaces or full-width
/// forms before the figures.
pub struct Printed<'a> {
    pub source: &'a str,
    /// A byte range of the parsed text → its byte range in `source`.
    pub map: &'a dyn Fn(Range<usize>) -> Range<usize>,
}

/// The span of `text[r]` on its printed line.
fn span_of(at: &Printed, r: &Range<usize>, m: Metric) -> Span {
    let r = (at.map)(r.clone());
    let src = at.source;
    if r.end > src.len() || !src.is_char_boundary(r.start) || !src.is_char_boundary(r.end) {
        return Span {
            start: f64::NAN,
            end: f64::NAN,
        };
    }
    let line_start = src[..r.start].rfind('\n').map_or(0, |p| p + 1);
    let count = |s: &str| -> f64 {
        match m {
            Metric::Chars => s.chars().count() as f64,
            Metric::Width => s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() as f64,
        }
    };
    let start = count(&src[line_start..r.start]);
    Span {
        start,
        end: start + count(&src[r]),
    }
}

/// A row's printed figures, each one cell as printed: `None` unless the row is one line of
/// single figures (a blob of space-separated groups, lone figures, dashes) and nothing else.
fn printed_figures(text: &str, items: &[CellTok]) -> Option<Vec<CellTok>> {
    let mut out = Vec::new();
    for t in items {
        match &t.kind {
            CellKind::Blob(groups) => {
                for g in groups {
                    let kind = match parse_fixed(&g.text) {
                        Some(v) => CellKind::Fixed(v),
                        None if is_na(&g.text) => CellKind::Na,
                        None => return None,
                    };
                    out.push(CellTok {
                        kind,
                        range: g.range.clone(),
                    });
                }
            }
            CellKind::Fixed(_) | CellKind::Na => out.push(t.clone()),
            // A blank field: the row was split by tabs or pipes, not laid out with spaces.
            CellKind::Blank => return None,
        }
    }
    let (first, last) = (out.first()?, out.last()?);
    if text[first.range.start..last.range.end].contains(['\n', '\t', '|']) {
        return None;
    }
    Some(out)
}

/// The columns a table's header names, by position: the header's words that begin a column's
/// name (its first two characters: "商业" of 商业企业, which a narrow header wraps as "商业企" /
/// "业"), merged where they overlap (one column's name wrapped over lines). The header is read
/// from its last line up, as many lines as give exactly `n` columns (lines above it may be the
/// same header flattened by another copy, or a title); `None` if no run of lines does.
fn header_columns(
    header: &str,
    at: usize,
    printed: &Printed,
    names: &[&str],
    n: usize,
    m: Metric,
) -> Option<Vec<Span>> {
    let prefixes: Vec<String> = names.iter().map(|n| n.chars().take(2).collect()).collect();
    // The words of each line, last line first.
    let mut lines: Vec<Vec<Span>> = Vec::new();
    let mut line_at = 0;
    for line in header.split_inclusive('\n') {
        let mut words = Vec::new();
        // A line split by tabs or pipes is no part of a layout of spaces.
        if !line.contains(['\t', '|']) {
            let mut pos = line_at;
            for piece in line.split_inclusive(char::is_whitespace) {
                let word = piece.trim_end();
                if !word.is_empty() && prefixes.iter().any(|p| word.starts_with(p.as_str())) {
                    words.push(span_of(printed, &(at + pos..at + pos + word.len()), m));
                }
                pos += piece.len();
            }
        }
        lines.push(words);
        line_at += line.len();
    }
    let mut words: Vec<Span> = Vec::new();
    for line in lines.into_iter().rev() {
        if line.is_empty() {
            continue;
        }
        words.extend(line);
        words.sort_by(|a, b| a.start.total_cmp(&b.start));
        let mut cols: Vec<Span> = Vec::new();
        for w in &words {
            match cols.last_mut() {
                Some(c) if c.overlaps(w) => {
                    c.start = c.start.min(w.start);
                    c.end = c.end.max(w.end);
                }
                _ => cols.push(*w),
            }
        }
        match cols.len().cmp(&n) {
            std::cmp::Ordering::Equal => return Some(cols),
            std::cmp::Ordering::Greater => return None,
            std::cmp::Ordering::Less => {}
        }
    }
    None
}

/// Each figure's column, in order, when every figure stands nearest to a different column, in
/// the columns' order, and within reach of it (under half the gap to the neighbouring columns,
/// and a few characters at least).
fn assign(figs: &[Span], cols: &[Span]) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(figs.len());
    for f in figs {
        let (k, d) = cols
            .iter()
            .enumerate()
            .map(|(k, c)| (k, f.distance(c)))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        // The nearest must be clearly nearest: no other column as close.
        let tie = cols
            .iter()
            .enumerate()
            .any(|(j, c)| j != k && f.distance(c) <= d);
        let gap = |j: usize| (cols[j].center() - cols[k].center()).abs();
        let reach = [k.checked_sub(1), (k + 1 < cols.len()).then_some(k + 1)]
            .into_iter()
            .flatten()
            .map(gap)
            .fold(f64::INFINITY, f64::min);
        if !d.is_finite()
            || tie
            || d > (reach / 2.0).max(2.0)
            || out.last().is_some_and(|&p| p >= k)
        {
            return None;
        }
        out.push(k);
    }
    Some(out)
}

/// [`assign`] with the row moved sideways by up to two places, the shift that puts its figures
/// closest to their columns: a row's figures may all stand a place off (a label one character
/// wider than the layout counted).
fn assign_shifted(figs: &[Span], cols: &[Span]) -> Option<Vec<usize>> {
    let mut best: Option<(f64, Vec<usize>)> = None;
    for shift in [0.0, -1.0, 1.0, -2.0, 2.0] {
        let moved: Vec<Span> = figs
            .iter()
            .map(|f| Span {
                start: f.start + shift,
                end: f.end + shift,
            })
            .collect();
        if let Some(a) = assign(&moved, cols) {
            let cost: f64 = moved
                .iter()
                .zip(&a)
                .map(|(f, &k)| f.distance(&cols[k]))
                .sum();
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, a));
            }
        }
    }
    best.map(|(_, a)| a)
}

/// Places the figures of rows printed with blank cells. `rows` are the rows' tokens as read;
/// `header` the text above the first row (its byte offset `at`); `names` the columns' names in
/// order, repeated for tables of groups (table 四); `n` the number of cells in a row. A row of
/// fewer figures than `n` that can be placed is rewritten as its `n` cells, blank ones
/// included, and counted in the result.
pub fn place_blank_cells(
    text: &str,
    printed: &Printed,
    header: Range<usize>,
    names: &[&str],
    n: usize,
    rows: &mut [&mut Vec<CellTok>],
) -> usize {
    let figures: Vec<Option<Vec<CellTok>>> = rows
        .iter()
        .map(|items| printed_figures(text, items).filter(|f| !f.is_empty() && f.len() <= n))
        .collect();
    if !figures
        .iter()
        .any(|f| f.as_ref().is_some_and(|f| f.len() < n))
    {
        return 0;
    }
    let mut placed = 0;
    for m in METRICS {
        // Where the columns are: the header's names, and rows that print every cell (nearest
        // first, as a page's layout may shift from the next page's).
        let head = header_columns(&text[header.clone()], header.start, printed, names, n, m);
        let full: Vec<(usize, Vec<Span>)> = figures
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let f = f.as_ref().filter(|f| f.len() == n)?;
                Some((i, f.iter().map(|c| span_of(printed, &c.range, m)).collect()))
            })
            .collect();
        for (i, f) in figures.iter().enumerate() {
            let Some(f) = f.as_ref().filter(|f| f.len() < n) else {
                continue;
            };
            if rows[i].len() == n {
                continue;
            }
            let spans: Vec<Span> = f.iter().map(|c| span_of(printed, &c.range, m)).collect();
            let mut by_distance: Vec<&(usize, Vec<Span>)> = full.iter().collect();
            by_distance.sort_by_key(|(j, _)| j.abs_diff(i));
            let columns = by_distance
                .iter()
                .map(|(_, cols)| cols)
                .chain(head.iter())
                .find_map(|cols| assign_shifted(&spans, cols));
            let Some(columns) = columns else { continue };
            let mut cells: Vec<CellTok> = Vec::with_capacity(n);
            let mut next = f.iter().zip(columns).peekable();
            for k in 0..n {
                match next.peek() {
                    Some((_, c)) if *c == k => cells.push(next.next().unwrap().0.clone()),
                    _ => {
                        // A blank cell: printed as nothing, between the figures around it.
                        let at = cells.last().map_or(f[0].range.start, |c| c.range.end);
                        cells.push(CellTok {
                            kind: CellKind::Blank,
                            range: at..at,
                        });
                    }
                }
            }
            *rows[i] = cells;
            placed += 1;
        }
    }
    placed
}
