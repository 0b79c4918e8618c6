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

use super::cells::{CellKind, CellTok};
use super::figure::{is_na, parse_fixed};

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
    /// The text is a PDF's, laid out from its geometry: its lines are where things are
    /// printed, never an editor's wraps.
    pub pdf: bool,
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
            for (r, word) in spaced_words(line) {
                if prefixes.iter().any(|p| word.starts_with(p.as_str())) {
                    let r = at + line_at + r.start..at + line_at + r.end;
                    words.push(span_of(printed, &r, m));
                }
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

/// A header line's words with their byte ranges, a name letter-spaced over one-character
/// pieces one space apart (`总 计`, as a layout prints a short name across a wide cell) read
/// as one word (`总计`).
fn spaced_words(line: &str) -> Vec<(Range<usize>, String)> {
    let mut words: Vec<(Range<usize>, String, bool)> = Vec::new();
    let mut pos = 0;
    for piece in line.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if !word.is_empty() {
            let single = word.chars().count() == 1 && !word.starts_with(|c: char| c.is_ascii());
            match words.last_mut() {
                Some((r, text, true)) if single && line[r.end..pos] == *" " => {
                    r.end = pos + word.len();
                    text.push_str(word);
                }
                _ => words.push((pos..pos + word.len(), word.to_string(), single)),
            }
        }
        pos += piece.len();
    }
    words.into_iter().map(|(r, w, _)| (r, w)).collect()
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

/// How a row fits a set of columns.
#[derive(Debug, PartialEq)]
enum Shifted {
    /// The sum of its figures' distances as printed, and each figure's column.
    Fits(f64, Vec<usize>),
    /// Two shifts as near read it into different columns: not placed by any columns.
    Ambiguous,
    NoFit,
}

/// [`assign`] with the row moved sideways by up to two places, the shift that puts its figures
/// closest to their columns, and the sum of their distances as printed: a row's figures may all
/// stand a place off (a label one character wider than the layout counted).
fn assign_shifted(figs: &[Span], cols: &[Span]) -> Shifted {
    let mut best: Option<(f64, Vec<usize>)> = None;
    // Another shift as close that reads the row into other columns: the row is ambiguous.
    let mut rival: Option<(f64, Vec<usize>)> = None;
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
            match &best {
                Some((c, b)) if cost >= *c => {
                    if cost <= *c + 1e-9 && *b != a {
                        rival = Some((cost, a));
                    }
                }
                _ => {
                    if best.as_ref().is_some_and(|(_, b)| *b != a) {
                        rival = best.take();
                    }
                    best = Some((cost, a));
                }
            }
        }
    }
    // (Placed one way at one shift and another way at another, as near: "2" halfway between
    // 社会公益组织 and 法律服务机构 whose names a narrow header wrapped. Neither is known.)
    if let (Some((c, _)), Some((r, _))) = (&best, &rival) {
        if *r <= *c + 1e-9 {
            return Shifted::Ambiguous;
        }
    }
    // The cost as printed, the shift counted in.
    match best {
        Some((_, a)) => {
            let cost = figs
                .iter()
                .zip(&a)
                .map(|(f, &k)| f.distance(&cols[k]))
                .sum();
            Shifted::Fits(cost, a)
        }
        None => Shifted::NoFit,
    }
}

/// The mean distance between neighbouring columns' centres (1 for a single column).
fn pitch(cols: &[Span]) -> f64 {
    match (cols.first(), cols.last()) {
        (Some(a), Some(b)) if cols.len() > 1 && b.center() > a.center() => {
            (b.center() - a.center()) / (cols.len() - 1) as f64
        }
        _ => 1.0,
    }
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
    // Rows that print every cell, in each metric.
    let full_rows = |m: Metric| -> Vec<(usize, Vec<Span>)> {
        figures
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let f = f.as_ref().filter(|f| f.len() == n)?;
                Some((i, f.iter().map(|c| span_of(printed, &c.range, m)).collect()))
            })
            .collect()
    };
    let fulls = METRICS.map(full_rows);
    // Where full rows disagree in one metric and agree in the other, the layout counts that
    // other way: the first would place a row by a full row whose label is wider or narrower in
    // it, a column off (a Han label of eight characters less is a column of eight places).
    let spreads = fulls.each_ref().map(|f| spread(f));
    let allowed: Vec<usize> = (0..METRICS.len())
        .filter(|&mi| spreads[mi] <= spreads[1 - mi] + 2.0)
        .collect();
    // Where the columns are: the header's names, and rows that print every cell (nearest
    // first, as a page's layout may shift from the next page's).
    let heads =
        METRICS.map(|m| header_columns(&text[header.clone()], header.start, printed, names, n, m));
    // The columns a row fits first in a metric, and how far its figures stand from them (in
    // columns' widths).
    let fit = |mi: usize, i: usize, f: &[CellTok]| -> Option<(f64, Vec<usize>)> {
        let spans: Vec<Span> = f
            .iter()
            .map(|c| span_of(printed, &c.range, METRICS[mi]))
            .collect();
        let mut by_distance: Vec<&(usize, Vec<Span>)> = fulls[mi].iter().collect();
        by_distance.sort_by_key(|(j, _)| j.abs_diff(i));
        // The first set of columns the row fits; none where it reads two ways against one.
        for cols in by_distance
            .iter()
            .map(|(_, cols)| cols)
            .chain(heads[mi].iter())
        {
            match assign_shifted(&spans, cols) {
                Shifted::Fits(cost, a) => return Some((cost / pitch(cols), a)),
                Shifted::Ambiguous => return None,
                Shifted::NoFit => {}
            }
        }
        None
    };
    let mut placed = 0;
    for (pass, &mi) in allowed.iter().enumerate() {
        for (i, f) in figures.iter().enumerate() {
            let Some(f) = f.as_ref().filter(|f| f.len() < n) else {
                continue;
            };
            if rows[i].len() == n || !laid_out(printed, f) {
                continue;
            }
            let Some((cost, columns)) = fit(mi, i, f) else {
                continue;
            };
            // A row the later metric puts closer to its columns is left to it: the metric
            // that puts the figures closer counts as the layout did. (A row of Han header
            // names over ASCII figures reads both ways; counted in characters a figure under
            // 总计 stood under another column.)
            let later = allowed.get(pass + 1).and_then(|&other| fit(other, i, f));
            if later.is_some_and(|(c, _)| c < cost) {
                continue;
            }
            if glued_rather_than_blank(text, f, n) {
                continue;
            }
            *rows[i] = fill_row(f, &columns, n);
            placed += 1;
        }
        placed += place_continued(printed, &figures, n, METRICS[mi], rows);
    }
    placed
}

/// Whether the lines a row's figures are printed on show a layout's gaps: a run of two spaces
/// or more (a blank cell's width, the indent to a figure's column, the gap after the label). A
/// row whose figures and label are one space apart (`34 34`, pdftotext's `-raw`, a page's
/// strings joined by spaces) was printed without positions, whatever header stands above it:
/// placing its figures by where they happen to fall would read them into the wrong columns.
fn laid_out(printed: &Printed, figures: &[CellTok]) -> bool {
    let src = printed.source;
    figures.iter().any(|c| {
        let r = (printed.map)(c.range.clone());
        if r.end > src.len() || !src.is_char_boundary(r.start) || !src.is_char_boundary(r.end) {
            return false;
        }
        // Around the figure on its line only (a whole report printed on one line has gaps
        // somewhere): up to 32 characters each side.
        let before = &src[..r.start];
        let before = before.rsplit('\n').next().unwrap_or(before);
        let before = &before[before.char_indices().rev().nth(31).map_or(0, |(i, _)| i)..];
        let after = &src[r.end..];
        let after = after.split('\n').next().unwrap_or(after);
        let after = &after[..after.char_indices().nth(32).map_or(after.len(), |(i, _)| i)];
        let gap = |s: &str| s.contains("  ") || s.contains('\u{3000}');
        let indented = before.len() == src[..r.start].rsplit('\n').next().map_or(0, str::len)
            && !before.is_empty()
            && before.trim_start().is_empty();
        gap(before) || gap(after) || indented
    })
}

/// How far apart the rows printing every cell put the same column: the widest spread of a
/// column's centres, in a metric's places (0 for fewer than two rows).
fn spread(full: &[(usize, Vec<Span>)]) -> f64 {
    let Some((_, first)) = full.first() else {
        return 0.0;
    };
    (0..first.len())
        .map(|k| {
            let centres = full.iter().filter_map(|(_, f)| f.get(k)).map(Span::center);
            let (lo, hi) = centres.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
                (lo.min(c), hi.max(c))
            });
            if hi.is_finite() && lo.is_finite() {
                hi - lo
            } else {
                0.0
            }
        })
        .fold(0.0, f64::max)
}

/// Rewrites a row of `figures` as its `n` cells, the figures in `columns` and blanks between.
/// A row of table 三 one figure short whose figures, a blank among them, do not add up (its
/// 总计 is not the sum of the others), where one figure cut in two makes them add up: two
/// columns' figures printed together (`3001 53` as `300153`, pypdf's layout mode of a tight
/// table), not a blank cell. Placing it by the columns would read the glued figure into one
/// column; it is left to the readings of glued digits (`split`), which weigh the cuts.
fn glued_rather_than_blank(text: &str, figures: &[CellTok], n: usize) -> bool {
    if n != 7 || figures.len() + 1 != n {
        return false;
    }
    let digits: Vec<&str> = figures
        .iter()
        .map(|c| text[c.range.clone()].trim())
        .collect();
    if !digits
        .iter()
        .all(|d| !d.is_empty() && d.len() <= 12 && d.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let values: Vec<u64> = digits.iter().map(|d| d.parse().unwrap_or(0)).collect();
    let adds_up = |v: &[u64]| v[..v.len() - 1].iter().sum::<u64>() == v[v.len() - 1];
    // With a blank anywhere before the 总计 the others still sum to it, or the 总计 is blank.
    if adds_up(&values) || values[..n - 2].iter().sum::<u64>() == values[n - 2] {
        return false;
    }
    (0..digits.len() - 1).any(|j| {
        let d = digits[j];
        (1..d.len()).any(|cut| {
            let (a, b) = d.split_at(cut);
            if b.len() > 1 && b.starts_with('0') {
                return false;
            }
            let mut v = values.clone();
            v[j] = a.parse().unwrap_or(0);
            v.insert(j + 1, b.parse().unwrap_or(0));
            adds_up(&v)
        })
    })
}

fn fill_row(figures: &[CellTok], columns: &[usize], n: usize) -> Vec<CellTok> {
    let mut cells: Vec<CellTok> = Vec::with_capacity(n);
    let mut next = figures.iter().zip(columns).peekable();
    for k in 0..n {
        match next.peek() {
            Some(&(_, &c)) if c == k => cells.push(next.next().unwrap().0.clone()),
            _ => {
                // A blank cell: printed as nothing, between the figures around it.
                let at = cells.last().map_or(figures[0].range.start, |c| c.range.end);
                cells.push(CellTok {
                    kind: CellKind::Blank,
                    range: at..at,
                });
            }
        }
    }
    cells
}

/// Places the rows that neither the header nor a full row reached, by the columns of the rows
/// already placed: a table continued on the next page, which a layout prints afresh, every
/// column a little further along, without its header and often without a row that prints
/// every cell. The rows left form columns of their own (figures that stand over one another);
/// those are matched, in order, to columns the placed rows hold ([`continued_columns`]).
fn place_continued(
    printed: &Printed,
    figures: &[Option<Vec<CellTok>>],
    n: usize,
    m: Metric,
    rows: &mut [&mut Vec<CellTok>],
) -> usize {
    // The columns the rows already placed (or printed whole) hold, and the sum of their
    // figures' centres and how many there are, for their mean position.
    let mut known = vec![false; n];
    let mut at: Vec<(f64, usize)> = vec![(0.0, 0); n];
    let mut left: Vec<(usize, Vec<Span>)> = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let Some(f) = f else { continue };
        if rows[i].len() == n {
            // Placed: its figures are the row's non-blank cells, in order.
            let cols = rows[i]
                .iter()
                .enumerate()
                .filter(|(_, c)| !matches!(c.kind, CellKind::Blank));
            for (k, c) in cols {
                known[k] = true;
                let centre = span_of(printed, &c.range, m).center();
                if centre.is_finite() {
                    at[k].0 += centre;
                    at[k].1 += 1;
                }
            }
        } else if f.len() < n {
            left.push((i, f.iter().map(|c| span_of(printed, &c.range, m)).collect()));
        }
    }
    if left.is_empty() {
        return 0;
    }
    let known: Vec<usize> = (0..n).filter(|&k| known[k]).collect();
    let centres: Vec<f64> = known
        .iter()
        .map(|&k| at[k].0 / at[k].1.max(1) as f64)
        .collect();
    let Some(mapping) = continued_columns(&known, &centres, &left) else {
        return 0;
    };
    let mut placed = 0;
    for ((i, _), columns) in left.iter().zip(mapping) {
        let f = figures[*i].as_ref().expect("a row left has figures");
        *rows[*i] = fill_row(f, &columns, n);
        placed += 1;
    }
    placed
}

/// The columns of the rows `left` (each row's figures' spans), as indices into the table's
/// columns, given the columns the placed rows hold (`known`, in order).
///
/// A new page stretches its columns by its own measure (pdftotext lays out each page from its
/// fonts), so the columns are matched by their gaps, not their positions: the blank columns a
/// page leaves out widen the gap they fall in, a column's width each. A choice of columns fits
/// where every gap, divided by the columns it spans, is about one column's width (the widest
/// at most 2.5 times the narrowest); it is taken only where it is the one choice that fits
/// clearly best.
///
/// Two columns give no measure, only one gap: they are taken as the two columns the placed
/// rows hold (`centres`: where those stand, in the same order) when those hold exactly two
/// and the new gap is within half to twice theirs (a table whose only figures are 自然人's
/// and 总计's, continued on a page where no row prints every cell).
fn continued_columns(
    known: &[usize],
    centres: &[f64],
    left: &[(usize, Vec<Span>)],
) -> Option<Vec<Vec<usize>>> {
    // The figures left, gathered into columns: spans that overlap or touch stand in one column
    // (a row may stand a place off the others).
    let mut all: Vec<Span> = left.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    if all.iter().any(|s| !s.start.is_finite()) {
        return None;
    }
    all.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut clusters: Vec<(Span, Vec<Span>)> = Vec::new();
    for s in all {
        match clusters.last_mut() {
            Some((c, members)) if s.start <= c.end => {
                c.end = c.end.max(s.end);
                members.push(s);
            }
            _ => clusters.push((s, vec![s])),
        }
    }
    // Columns that line up: no wider than their widest figure and a place or two (rows that
    // drift, counted in a metric that is not the layout's, run together instead).
    let tight = clusters.iter().all(|(c, members)| {
        let widest = members.iter().map(|m| m.end - m.start).fold(0.0, f64::max);
        c.end - c.start <= widest + 2.0
    });
    let k = clusters.len();
    if !tight || k < 2 || k > known.len() {
        return None;
    }
    // Each row's figures: one per column, in order.
    let rows: Vec<Vec<usize>> = left
        .iter()
        .map(|(_, spans)| {
            spans
                .iter()
                .map(|s| {
                    clusters
                        .iter()
                        .position(|(c, _)| c.start <= s.start && s.end <= c.end)
                })
                .collect::<Option<Vec<usize>>>()
        })
        .collect::<Option<_>>()?;
    if rows.iter().any(|r| r.windows(2).any(|w| w[0] >= w[1])) {
        return None;
    }
    let centre = |j: usize| -> f64 {
        let members = &clusters[j].1;
        members.iter().map(Span::center).sum::<f64>() / members.len() as f64
    };
    if k == 2 {
        // Fewer than three columns say nothing of a page's measure.
        let (was, now) = (centres.get(1)? - centres.first()?, centre(1) - centre(0));
        if known.len() != 2 || !(was / 2.0..=was * 2.0).contains(&now) {
            return None;
        }
        return Some(
            rows.into_iter()
                .map(|r| r.into_iter().map(|j| known[j]).collect())
                .collect(),
        );
    }
    // How unevenly a choice of columns spaces the clusters: the widest gap per column over
    // the narrowest.
    let unevenness = |choice: &[usize]| -> f64 {
        let per_column: Vec<f64> = (1..k)
            .map(|j| (centre(j) - centre(j - 1)) / (known[choice[j]] - known[choice[j - 1]]) as f64)
            .collect();
        let (lo, hi) = per_column
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(lo, hi), &g| {
                (lo.min(g), hi.max(g))
            });
        if lo > 0.0 {
            hi / lo
        } else {
            f64::INFINITY
        }
    };
    let mut scored: Vec<(f64, Vec<usize>)> = ordered_choices(known.len(), k)
        .into_iter()
        .map(|c| (unevenness(&c), c))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (best, choice) = scored.first()?;
    let clearly = scored.get(1).is_none_or(|(second, _)| *second > best * 1.5);
    if *best > 2.5 || !clearly {
        return None;
    }
    let columns: Vec<usize> = choice.iter().map(|&c| known[c]).collect();
    Some(
        rows.into_iter()
            .map(|r| r.into_iter().map(|j| columns[j]).collect())
            .collect(),
    )
}

/// Every increasing choice of `k` of `0..n`.
fn ordered_choices(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut choice: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(choice.clone());
        // The rightmost index that can still move right.
        let Some(i) = (0..k).rev().find(|&i| choice[i] < n - k + i) else {
            return out;
        };
        choice[i] += 1;
        for j in i + 1..k {
            choice[j] = choice[j - 1] + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of figures standing at the given starts (each figure one place wide).
    fn rows_at(starts: &[&[f64]]) -> Vec<(usize, Vec<Span>)> {
        starts
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let spans = s
                    .iter()
                    .map(|&x| Span {
                        start: x,
                        end: x + 1.0,
                    })
                    .collect();
                (i, spans)
            })
            .collect()
    }

    fn spans(at: &[(f64, f64)]) -> Vec<Span> {
        at.iter().map(|&(start, end)| Span { start, end }).collect()
    }

    #[test]
    fn a_row_two_shifts_read_two_ways_is_not_placed() {
        // A narrow header's names (自然人, 商业企业, 科研, 社会公, 法律服务, 其他, 总计) and a
        // row `821 35 2 1 859`: a place left puts 2 under 社会公, a place right under 法律服务,
        // each as near.
        let cols = spans(&[
            (24.0, 27.0),
            (33.0, 37.0),
            (38.0, 40.0),
            (41.0, 44.0),
            (45.0, 49.0),
            (50.0, 52.0),
            (55.0, 57.0),
        ]);
        let row = spans(&[
            (24.0, 27.0),
            (33.0, 35.0),
            (44.0, 45.0),
            (49.0, 50.0),
            (55.0, 58.0),
        ]);
        assert_eq!(assign_shifted(&row, &cols), Shifted::Ambiguous);
        // One reading nearest: placed.
        let row = spans(&[
            (24.0, 27.0),
            (33.0, 35.0),
            (46.0, 47.0),
            (50.0, 51.0),
            (55.0, 58.0),
        ]);
        assert!(matches!(assign_shifted(&row, &cols), Shifted::Fits(_, a) if a == [0, 1, 4, 5, 6]));
    }

    #[test]
    fn a_continued_page_keeps_the_columns_its_gaps_fit() {
        // Columns 0, 1, 4, 5, 6 held above; the next page prints them 10 places apart, the gap
        // of the two blank columns three times as wide.
        let known = [0, 1, 4, 5, 6];
        let left = rows_at(&[&[0.0, 10.0, 40.0, 50.0, 60.0], &[0.0, 10.0, 40.0, 60.0]]);
        assert_eq!(
            continued_columns(&known, &[], &left),
            Some(vec![vec![0, 1, 4, 5, 6], vec![0, 1, 4, 6]])
        );
        // A row a place off the others stands in the same columns.
        let left = rows_at(&[
            &[0.0, 10.0, 40.0, 50.0, 60.0],
            &[1.0, 11.0, 41.0, 51.0, 61.0],
        ]);
        assert!(continued_columns(&known, &[], &left).is_some());
    }

    #[test]
    fn a_continued_page_whose_gaps_fit_no_choice_is_left() {
        let known = [0, 1, 4, 5, 6];
        // Evenly spaced pairs: columns 0, 2, 4, 5, 6 printed, which the rows above never held.
        let left = rows_at(&[&[0.0, 20.0, 40.0, 50.0, 60.0]]);
        assert_eq!(continued_columns(&known, &[], &left), None);
        // Rows that do not line up (a metric that is not the layout's).
        let left = rows_at(&[
            &[0.0, 10.0, 40.0, 50.0, 60.0],
            &[4.0, 15.0, 44.0, 55.0, 66.0],
        ]);
        assert_eq!(continued_columns(&known, &[], &left), None);
        // Two columns say nothing of the page's measure.
        let left = rows_at(&[&[0.0, 40.0]]);
        assert_eq!(continued_columns(&known, &[], &left), None);
    }

    #[test]
    fn a_continued_page_of_two_columns_keeps_the_two_it_follows() {
        // Above, only 自然人 (0) and 总计 (6), standing 36 places apart; the next page prints
        // them 28 apart.
        let left = rows_at(&[&[47.0, 75.0], &[47.0, 75.0]]);
        assert_eq!(
            continued_columns(&[0, 6], &[47.0, 83.0], &left),
            Some(vec![vec![0, 6], vec![0, 6]])
        );
        // Three columns held above: two say nothing of which two.
        assert_eq!(
            continued_columns(&[0, 1, 6], &[47.0, 53.0, 83.0], &left),
            None
        );
        // A gap far from the one above (another table's figures).
        assert_eq!(continued_columns(&[0, 6], &[47.0, 53.0], &left), None);
    }

    #[test]
    fn a_letter_spaced_name_is_one_word() {
        let words: Vec<String> = spaced_words("总 计 结果 结果  总 计")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["总计", "结果", "结果", "总计"]);
        let line = "维持  总 计";
        let (r, w) = spaced_words(line).pop().unwrap();
        assert_eq!((&line[r], w.as_str()), ("总 计", "总计"));
    }

    #[test]
    fn ordered_choices_are_every_increasing_pick() {
        assert_eq!(
            ordered_choices(3, 2),
            vec![vec![0, 1], vec![0, 2], vec![1, 2]]
        );
        assert_eq!(ordered_choices(5, 5).len(), 1);
        assert_eq!(ordered_choices(7, 5).len(), 21);
        assert!(ordered_choices(2, 3).is_empty());
    }
}
