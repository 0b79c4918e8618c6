//! Tables printed without vertical rules (no borders at all, or only horizontal ones as in a
//! three-line table): columns recovered from where the figures lie, as `pdftotext -layout` does.
//!
//! Read line by line, such a table goes wrong where a ruled one does (see `grid`): a wrapped
//! row label becomes label pieces and a line of figures of its own, and an empty cell leaves no
//! trace. Here, among the lines left over by the ruled-table reading:
//!
//! - a *block* is a run of lines holding figures, a few lines without figures allowed between;
//! - its *figure columns* are the x-intervals covered by the figures of its rows of two figures
//!   or more (intervals that overlap are one column); every such row must put each figure in a
//!   column of its own, or the block is left as it was printed;
//! - a row is printed as its label (the text left of the first column), a tab, and its cells
//!   column by column, a tab between them: an empty cell is a column the row has nothing in;
//! - label lines without figures (a label wrapped inside its cell) join the row they belong to
//!   when the cells' vertical alignment (top, middle, bottom) is the only one the block's lines
//!   allow; otherwise they are left as printed (the text parser then warns about those rows).
//!
//! Precision over recall: a figure is never put in a column it may not be in.

use super::{line_text, lines_of, Glyph, Line, Page};

/// Within a line, a gap wider than this many em separates two pieces, as does a change of the
/// shown string (a browser shows each cell's text as a string of its own) across any gap.
const PIECE_GAP_EM: f64 = 0.8;
/// Lines without figures allowed between two lines with figures in one block.
const MAX_PLAIN_RUN: usize = 4;
/// Baselines further apart than this many em end a block (a paragraph's margin, a page's
/// body between two tables).
const MAX_LINE_STEP_EM: f64 = 3.0;
/// A wrapped label line stands this close (em, baseline to baseline) to the line it wraps from.
const WRAP_STEP_EM: f64 = 1.8;

/// A line of figures alone this close (em, baseline to baseline) to another line is a piece of
/// that line's row, placed off its baseline (an OCR layer boxes each word where it read it): less
/// than a line's height apart, the two cannot be two printed lines.
const SPLIT_ROW_EM: f64 = 0.9;
/// Of the two lines a line of figures alone stands that close to, the nearer is its row's when
/// the other is this many times further away (else the line is left as printed).
const NEARER: f64 = 1.5;

/// The two lines of one row's wrapped label stand closer than this share of the step from one
/// row to the next.
const HALF_STEP: f64 = 0.85;

/// Digits of different strings this close (em) are one figure's.
const DIGIT_TOUCH_EM: f64 = 0.15;
/// Digits of one string this far apart (em) are two figures: no figure has a space inside.
const DIGIT_GAP_EM: f64 = 0.3;

/// A glyph that is part of a figure: a digit, or its decimal point or thousands separator.
fn is_digit_glyph(g: &Glyph) -> bool {
    g.text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        && g.text.chars().any(|c| c.is_ascii_digit())
}

/// A run of a line's glyphs without a wide gap or a change of shown string.
#[derive(Clone)]
struct Piece<'a> {
    x0: f64,
    x1: f64,
    glyphs: Vec<&'a Glyph>,
    figure: bool,
}

/// The table rows found among `glyphs` laid out as text lines, each with the height it sorts
/// by, and the glyphs left to the ordinary line layout.
pub(super) fn table_rows<'a>(
    page: &Page,
    glyphs: &[&'a Glyph],
) -> (Vec<(f64, String)>, Vec<&'a Glyph>) {
    let lines = lines_of(glyphs);
    let pieces: Vec<Vec<Piece>> = lines.iter().map(|l| pieces_of(&l.glyphs)).collect();
    // For each line, from which of its pieces on it went into a row (a wrapped label's line
    // beside a cell spanning rows goes in only from the label's column on).
    let mut used_from = vec![usize::MAX; lines.len()];
    let mut rows = Vec::new();
    for block in blocks(&lines, &pieces) {
        if let Some(laid) = lay_out_block(page, &lines, &pieces, block) {
            for (y, text, members) in laid {
                for (line, from) in members {
                    used_from[line] = used_from[line].min(from);
                }
                rows.push((y, text));
            }
        }
    }
    let free = pieces
        .iter()
        .zip(&used_from)
        .flat_map(|(ps, &from)| ps[..from.min(ps.len())].iter())
        .flat_map(|p| p.glyphs.iter().copied())
        .collect();
    (rows, free)
}

fn pieces_of<'a>(glyphs: &[&'a Glyph]) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece> = Vec::new();
    // Glyphs of each shown string on the line: a string of one glyph is a character placed by
    // itself (an OCR layer's), not a cell's figure.
    let mut string_glyphs: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
    for g in glyphs {
        *string_glyphs.entry(g.word).or_default() += 1;
    }
    let alone = |g: &Glyph| string_glyphs.get(&g.word) == Some(&1);
    for &g in glyphs {
        if let Some(p) = out.last_mut() {
            let last = p.glyphs[p.glyphs.len() - 1];
            let em = last.size.min(g.size);
            let gap = g.x - p.x1;
            // Fake bold: the same glyph again at the same place stays in its piece.
            let again = g.text == last.text && (g.x - last.x).abs() < 0.3 * em;
            let digits = is_digit_glyph(last) && is_digit_glyph(g);
            // A figure's digits shown as strings of their own, touching (an OCR layer's
            // characters, a `TJ` that places each glyph): one figure. Two figures in one string
            // a gap apart (an OCR layer that read two cells as one word): two.
            // (Two cells' figures in narrow columns may touch too: each a string of its own
            // with more than one glyph.)
            let touching = digits && gap < DIGIT_TOUCH_EM * em && (alone(last) || alone(g));
            let same_string = g.word == last.word && !(digits && gap > DIGIT_GAP_EM * em);
            // Another string's figure overlapping a label's last character is the next cell's
            // (a label boxed wider than it is printed, as an OCR layer boxes it).
            let figure_after_words = g.word != last.word
                && is_digit_glyph(g)
                && last.text.chars().any(crate::ingest::normalize::is_han);
            let overlapping = gap < -0.1 * em && !figure_after_words;
            if again || touching || (gap <= PIECE_GAP_EM * em && (same_string || overlapping)) {
                p.x1 = p.x1.max(g.x + g.w);
                p.glyphs.push(g);
                continue;
            }
        }
        out.push(Piece {
            x0: g.x,
            x1: g.x + g.w,
            glyphs: vec![g],
            figure: false,
        });
    }
    for p in &mut out {
        p.figure = is_figure(&piece_text(p));
    }
    out
}

fn piece_text(p: &Piece) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for &g in &p.glyphs {
        if prev.is_some_and(|q| q.text == g.text && (g.x - q.x).abs() < 0.3 * g.size) {
            continue;
        }
        s.push_str(g.text.trim());
        prev = Some(g);
    }
    s
}

/// A figure as a statistics cell prints it: digits, maybe signed, with thousands separators or
/// decimals, maybe a percent sign.
fn is_figure(s: &str) -> bool {
    let s = s.strip_prefix(['-', '−', '－']).unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s);
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.ends_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && s.matches('.').count() <= 1
}

/// Line ranges of blocks: from a line with a figure to a line with a figure, at most
/// `MAX_PLAIN_RUN` lines without one between, no wide step between lines.
fn blocks(lines: &[Line], pieces: &[Vec<Piece>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_fig = 0;
    for i in 0..lines.len() {
        // (A page number printed with its dashes, `- 5 -`, is no row: read as one, it would
        // break the columns of a table ending above it.)
        let has_fig = pieces[i].iter().any(|p| p.figure) && !is_decorated_page_number(&pieces[i]);
        let step_ok = i > 0
            && (lines[i - 1].y - lines[i].y)
                <= MAX_LINE_STEP_EM * lines[i].size.max(lines[i - 1].size);
        if let Some(s) = start {
            if !step_ok || i - last_fig > MAX_PLAIN_RUN + 1 {
                out.push(s..last_fig + 1);
                start = None;
            }
        }
        if has_fig {
            if start.is_none() {
                start = Some(i);
            }
            last_fig = i;
        }
    }
    if let Some(s) = start {
        out.push(s..last_fig + 1);
    }
    out
}

/// A line printing a page number with more than its digits (`- 5 -`, `第5页`, `5/12`).
fn is_decorated_page_number(pieces: &[Piece]) -> bool {
    let text: String = pieces.iter().map(piece_text).collect();
    super::is_page_number(&text) && !text.chars().all(|c| c.is_ascii_digit())
}

/// Lines that went into a row, each with the first of its pieces that did.
type Members = Vec<(usize, usize)>;
/// For each row, the label lines joined from above and from below it.
type Joined = Vec<(Members, Members)>;

/// A row of the block: the line of its figures, with where its label ends.
struct Row {
    line: usize,
    /// Index of its first piece in the figure area.
    first_cell: usize,
}

/// The block's rows laid out: (height, text, lines used with the first piece used of each),
/// or `None` when its columns are not certain.
fn lay_out_block(
    page: &Page,
    lines: &[Line],
    pieces: &[Vec<Piece>],
    block: std::ops::Range<usize>,
) -> Option<Vec<(f64, String, Members)>> {
    let cols = figure_columns(pieces, block.clone(), 2)?;
    // Figures placed off their row's baseline go back into their row's line: first lines of
    // figures alone, less than a line's height from the line they belong to; then a row's
    // figures split between its label's two lines. (A figure fits the column it overlaps: the
    // columns are taken again from the rows so joined, whose figures may be wider.)
    let overlapped = |p: &Piece| {
        let mut over = cols
            .iter()
            .enumerate()
            .filter(|(_, &(a, b))| p.x0 < b && p.x1 > a);
        match (over.next(), over.next()) {
            (Some((c, _)), None) => Some(c),
            _ => None,
        }
    };
    let mut groups = split_rows(lines, pieces, block.clone(), &overlapped, cols[0].0);
    let split_joined = rejoin(pieces, &groups);
    let pieces: &[Vec<Piece>] = split_joined.as_deref().unwrap_or(pieces);
    let halves = row_halves(
        lines,
        pieces,
        block.clone(),
        &overlapped,
        cols[0].0,
        cols.len(),
    );
    let halves_joined = rejoin(pieces, &halves);
    let pieces: &[Vec<Piece>] = halves_joined.as_deref().unwrap_or(pieces);
    groups.extend(halves);
    let cols = if groups.is_empty() {
        cols
    } else {
        // (A table of one row, split, is one row of figures now.)
        figure_columns(pieces, block.clone(), 1)?
    };
    let col_of = |p: &Piece| {
        cols.iter()
            .position(|&(a, b)| p.x0 >= a - 0.01 && p.x1 <= b + 0.01)
    };
    let area = cols[0].0;
    let in_label_area = |p: &Piece| in_label_area(p, area);
    // Rows: lines with a figure whose pieces right of the label each sit in one column, one
    // piece a column. Any line of the block breaking that leaves the whole block as printed.
    let mut rows: Vec<Row> = Vec::new();
    for i in block.clone() {
        let ps = &pieces[i];
        // (A label's own number, `1.` of `1.属于国家秘密`, may be a piece of its own.)
        if !ps.iter().any(|p| p.figure && p.x0 >= area - 0.01) {
            continue;
        }
        let first_cell = ps
            .iter()
            .position(|p| p.x0 >= area - 0.01)
            .unwrap_or(ps.len());
        // A label reaching over the first column is no label of this table's shape.
        if !ps[..first_cell].iter().all(&in_label_area) {
            return None;
        }
        let mut seen = vec![false; cols.len()];
        for p in &ps[first_cell..] {
            let c = col_of(p)?;
            if std::mem::replace(&mut seen[c], true) {
                return None;
            }
        }
        rows.push(Row {
            line: i,
            first_cell,
        });
    }
    let labelled = rows.iter().any(|r| r.first_cell > 0);
    // Label lines: no figure, everything left of the figure area; with the block's neighbours
    // when they stand as close as a wrapped line.
    let label_only = |i: usize| pieces[i].iter().all(in_label_area) && !pieces[i].is_empty();
    let close = |a: usize, b: usize| {
        (lines[a].y - lines[b].y).abs() <= WRAP_STEP_EM * lines[a].size.max(lines[b].size)
    };
    let mut from = block.start;
    while from > 0 && label_only(from - 1) && close(from - 1, from) && block.start - from < 3 {
        from -= 1;
    }
    let mut to = block.end;
    while to < lines.len() && label_only(to) && close(to - 1, to) && to - block.end < 3 {
        to += 1;
    }
    let joined = if labelled {
        wrapped_labels(lines, pieces, &rows, from..to, &label_only, &close)
    } else {
        vec![(Vec::new(), Vec::new()); rows.len()]
    };
    let mut out = Vec::new();
    for (row, (above, below)) in rows.iter().zip(joined) {
        let ps = &pieces[row.line];
        let text_of = |&(i, from): &(usize, usize)| {
            let gs: Vec<&Glyph> = pieces[i][from..]
                .iter()
                .flat_map(|p| p.glyphs.iter().copied())
                .collect();
            line_text(page, &gs)
        };
        let mut label = String::new();
        for piece in &above {
            label.push_str(&text_of(piece));
        }
        let own: Vec<&Glyph> = ps[..row.first_cell]
            .iter()
            .flat_map(|p| p.glyphs.iter().copied())
            .collect();
        label.push_str(&line_text(page, &own));
        for piece in &below {
            label.push_str(&text_of(piece));
        }
        let mut cells = vec![String::new(); cols.len()];
        for p in &ps[row.first_cell..] {
            cells[col_of(p).expect("checked above")] = piece_text(p);
        }
        let mut text = String::new();
        if labelled {
            text.push_str(&label);
            text.push('\t');
        }
        text.push_str(&cells.join("\t"));
        let y = above
            .first()
            .map_or(lines[row.line].y, |&(i, _)| lines[i].y);
        let mut members = above;
        members.push((row.line, 0));
        for (_, moved) in groups.iter().filter(|(host, _)| *host == row.line) {
            members.extend(moved.iter().copied());
        }
        members.extend(below);
        out.push((y, text, members));
    }
    Some(out)
}

/// Whether a piece lies left of the figures (which start at `area`): a label filling its cell
/// may end a hair past where they start.
fn in_label_area(p: &Piece, area: f64) -> bool {
    p.x0 < area - 0.01 && p.x1 <= area + 0.5 * p.glyphs[0].size
}

/// The x-intervals of a block's figure columns: those the figures of its rows of two figures or
/// more cover (intervals that overlap are one column), when `min_rows` rows at least have them
/// and they make two columns at least.
fn figure_columns(
    pieces: &[Vec<Piece>],
    block: std::ops::Range<usize>,
    min_rows: usize,
) -> Option<Vec<(f64, f64)>> {
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let mut builders = 0;
    for ps in &pieces[block] {
        let Some(first) = ps.iter().position(|p| p.figure) else {
            continue;
        };
        if ps[first..].iter().all(|p| p.figure) && ps.len() - first >= 2 {
            builders += 1;
            spans.extend(ps[first..].iter().map(|p| (p.x0, p.x1)));
        }
    }
    if builders < min_rows {
        return None;
    }
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a < c.1 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    (cols.len() >= 2).then_some(cols)
}

/// `pieces` with each group's lines moved into the line they join (from the piece given on),
/// or `None` when there are no groups.
fn rejoin<'a>(
    pieces: &[Vec<Piece<'a>>],
    groups: &[(usize, Vec<(usize, usize)>)],
) -> Option<Vec<Vec<Piece<'a>>>> {
    if groups.is_empty() {
        return None;
    }
    let mut v = pieces.to_vec();
    for (host, members) in groups {
        for &(m, from) in members {
            let moved = v[m].split_off(from);
            v[*host].extend(moved);
        }
        v[*host].sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    Some(v)
}

/// Rows whose figures an OCR layer split between the two lines of their wrapped label (some
/// boxed on the first line's baseline, the rest on the second's): two neighbouring lines as
/// close as a wrapped line and closer than rows are (only lines without figures between
/// them), neither filling every column, that together fill each column once; the lower line's
/// label not opening an item (unless the upper line holds figures alone); in a block whose
/// every other row fills every column (else a row with blank cells could be taken for half of
/// one). The lower line's figures join the upper line (or, when the upper line holds figures
/// alone, its figures join the lower one).
fn row_halves(
    lines: &[Line],
    pieces: &[Vec<Piece>],
    block: std::ops::Range<usize>,
    col_of: &dyn Fn(&Piece) -> Option<usize>,
    area: f64,
    n_cols: usize,
) -> Vec<(usize, Vec<(usize, usize)>)> {
    let in_figures = |p: &Piece| p.figure && p.x0 >= area - 0.01;
    // The columns a line prints anything in (a dash for nothing to report fills its cell).
    let columns = |i: usize| -> Option<Vec<usize>> {
        pieces[i]
            .iter()
            .filter(|p| p.x0 >= area - 0.01)
            .map(col_of)
            .collect()
    };
    // A lower line whose label opens with an item's number (`2.`, `（三）`, `四、`) is a row of
    // its own, not the rest of a label.
    let opens_item = |i: usize| {
        pieces[i]
            .iter()
            .rev()
            .find(|p| p.x0 < area - 0.01)
            .is_some_and(|p| {
                let t = piece_text(p);
                let first = t.chars().next();
                first.is_some_and(|c| c.is_ascii_digit() || matches!(c, '(' | '（'))
                    || t.chars().nth(1) == Some('、')
            })
    };
    let rows: Vec<(usize, Vec<usize>)> = block
        .filter(|&i| pieces[i].iter().any(in_figures))
        .filter_map(|i| columns(i).map(|c| (i, c)))
        .collect();
    let full = |c: &[usize]| {
        let mut c = c.to_vec();
        c.sort_unstable();
        c.dedup();
        c.len() == n_cols
    };
    // The step from one row to the next, as full rows printed one after the other show it: two
    // rows' lines stand that far apart, a label's wrapped lines closer.
    let mut steps: Vec<f64> = rows
        .windows(2)
        .filter(|w| full(&w[0].1) && full(&w[1].1))
        .map(|w| (lines[w[0].0].y - lines[w[1].0].y).abs())
        .collect();
    if steps.is_empty() {
        return Vec::new();
    }
    steps.sort_by(f64::total_cmp);
    let row_step = steps[steps.len() / 2];
    let mut halves = Vec::new();
    let mut paired = vec![false; rows.len()];
    for k in 0..rows.len().saturating_sub(1) {
        let ((a, ca), (b, cb)) = (&rows[k], &rows[k + 1]);
        let em = lines[*a].size.max(lines[*b].size);
        let first_figure = pieces[*b].iter().position(in_figures).unwrap_or(0);
        // An upper line of figures alone is the first half of the lower line's row.
        let upper_alone = pieces[*a].iter().all(in_figures);
        if paired[k]
            || (opens_item(*b) && !upper_alone)
            || (lines[*a].y - lines[*b].y).abs() > (WRAP_STEP_EM * em).min(HALF_STEP * row_step)
            || full(ca)
            || full(cb)
            || ca.iter().any(|c| cb.contains(c))
            || !full(&[&ca[..], &cb[..]].concat())
            || !pieces[*b][first_figure..].iter().all(in_figures)
        {
            continue;
        }
        paired[k] = true;
        paired[k + 1] = true;
        halves.push(if upper_alone {
            (*b, vec![(*a, 0)])
        } else {
            (*a, vec![(*b, first_figure)])
        });
    }
    let unpaired_full = rows
        .iter()
        .zip(&paired)
        .filter(|(_, &p)| !p)
        .map(|((_, c), _)| full(c))
        .collect::<Vec<bool>>();
    if unpaired_full.iter().all(|&f| f) && unpaired_full.len() >= 3 {
        halves
    } else {
        Vec::new()
    }
}

/// Lines of figures that belong to the line next to them, each with the first of its pieces
/// that does; grouped by the line they join. A line joins when its pieces are figures in the
/// figure area, after nothing but a cell spanning rows (label pieces left of where the other
/// line's label starts), and it stands within `SPLIT_ROW_EM` of a line holding nothing but a
/// label and figures: the nearer of its two neighbours when the other is `NEARER` times
/// further, else the only one of them holding figures in other columns. A group (the line
/// joined and the lines joining it) puts each figure in a column of its own, or none joins.
fn split_rows(
    lines: &[Line],
    pieces: &[Vec<Piece>],
    block: std::ops::Range<usize>,
    col_of: &dyn Fn(&Piece) -> Option<usize>,
    area: f64,
) -> Vec<(usize, Vec<(usize, usize)>)> {
    let in_figures = |p: &Piece| p.figure && p.x0 >= area - 0.01;
    let in_label_area = |p: &Piece| in_label_area(p, area);
    // Where a line's figures start, when all its pieces from there on are figures.
    let lead = |i: usize| {
        let ps = &pieces[i];
        let k = ps.iter().position(in_figures)?;
        (ps[..k].iter().all(in_label_area) && ps[k..].iter().all(in_figures)).then_some(k)
    };
    let columns = |i: usize| -> Option<Vec<usize>> {
        pieces[i]
            .iter()
            .filter(|p| in_figures(p))
            .map(col_of)
            .collect()
    };
    let can_host = |i: usize, j: usize, k: usize| {
        if !block.contains(&j) || pieces[j].is_empty() {
            return false;
        }
        let ps = &pieces[j];
        if !ps.iter().all(|p| in_figures(p) || in_label_area(p)) {
            return false;
        }
        // Pieces before the figures: a spanning cell's, left of the row label `j` prints.
        let spanning_end = pieces[i][..k].iter().map(|p| p.x1).fold(f64::MIN, f64::max);
        let label_start = ps.iter().rev().find(|p| in_label_area(p)).map(|p| p.x0);
        k == 0 || label_start.is_some_and(|x| x >= spanning_end)
    };
    let has_other_figures = |i: usize, j: usize| {
        let (Some(a), Some(b)) = (columns(i), columns(j)) else {
            return false;
        };
        !b.is_empty() && a.iter().all(|c| !b.contains(c))
    };
    let mut to: Vec<Option<usize>> = vec![None; lines.len()];
    let mut leads = vec![0; lines.len()];
    for i in block.clone() {
        let Some(k) = lead(i) else {
            continue;
        };
        let mut near: Vec<(f64, usize)> = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter(|&j| j < lines.len())
            .map(|j| {
                let em = lines[i].size.max(lines[j].size);
                ((lines[i].y - lines[j].y).abs() / em, j)
            })
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Figures between two lines of labels alone are a row's, centred between its label's
        // wrapped lines: for the label lines to join (see `wrapped_labels`).
        let label_alone = |j: usize| !pieces[j].iter().any(|p| p.figure);
        if near.len() == 2
            && near
                .iter()
                .all(|&(d, j)| d <= SPLIT_ROW_EM && label_alone(j))
        {
            continue;
        }
        let host = match near[..] {
            [(d0, j)] if d0 <= SPLIT_ROW_EM => j,
            [(d0, j), (d1, _)] if d0 <= SPLIT_ROW_EM && d1 >= NEARER * d0 => j,
            [(d0, a), (_, b)] if d0 <= SPLIT_ROW_EM => {
                match (has_other_figures(i, a), has_other_figures(i, b)) {
                    (true, false) => a,
                    (false, true) if near[1].0 <= SPLIT_ROW_EM => b,
                    _ => continue,
                }
            }
            _ => continue,
        };
        if can_host(i, host, k) {
            to[i] = Some(host);
            leads[i] = k;
        }
    }
    // Each joined line's group: the line its chain of joins ends at (of lines joined to each
    // other in a ring, the uppermost).
    let sink = |mut i: usize| {
        let mut path = vec![i];
        while let Some(j) = to[i] {
            if let Some(k) = path.iter().position(|&p| p == j) {
                return path[k..].iter().copied().min().unwrap_or(j);
            }
            path.push(j);
            i = j;
        }
        i
    };
    let mut groups: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
    for i in block {
        if to[i].is_some() {
            let host = sink(i);
            if host != i {
                groups.entry(host).or_default().push((i, leads[i]));
            }
        }
    }
    groups
        .into_iter()
        .filter(|(host, members)| {
            let mut seen = std::collections::HashSet::new();
            std::iter::once(*host)
                .chain(members.iter().map(|m| m.0))
                .flat_map(|i| pieces[i].iter().filter(|p| in_figures(p)))
                .all(|p| col_of(p).is_some_and(|c| seen.insert(c)))
        })
        .collect()
}

/// For each row, the label lines above and below it that are pieces of its label (each with
/// the piece of the line the row's label column starts at), by the one vertical alignment of
/// the cells the block's lines allow (none joined when several do).
fn wrapped_labels(
    lines: &[Line],
    pieces: &[Vec<Piece>],
    rows: &[Row],
    span: std::ops::Range<usize>,
    label_only: &dyn Fn(usize) -> bool,
    close: &dyn Fn(usize, usize) -> bool,
) -> Joined {
    let none = vec![(Vec::new(), Vec::new()); rows.len()];
    // Where a row's label column starts: its last label piece (left of it, a cell spanning
    // rows: `（三）不予` of `（三）不予 1.属于国家秘密`); for a row without a label on its
    // figures' line, the last piece of the label line right above it (or else right below).
    let last_x = |i: usize| pieces[i].last().map(|p| p.x0);
    let label_x = |r: &Row| {
        if r.first_cell > 0 {
            Some(pieces[r.line][r.first_cell - 1].x0)
        } else if r.line > span.start && label_only(r.line - 1) {
            last_x(r.line - 1)
        } else if r.line + 1 < span.end && label_only(r.line + 1) {
            last_x(r.line + 1)
        } else {
            None
        }
    };
    // The label lines between consecutive rows (and before the first, after the last) with a
    // piece starting where a neighbouring row's label column starts (from that piece on): a
    // line without one is a cell spanning rows (`（三）不予公开` beside its rows).
    let mut gaps: Vec<Vec<(usize, usize)>> = Vec::new();
    for k in 0..=rows.len() {
        let lo = if k == 0 {
            span.start
        } else {
            rows[k - 1].line + 1
        };
        let hi = if k == rows.len() {
            span.end
        } else {
            rows[k].line
        };
        let neighbours: Vec<&Row> = [k.checked_sub(1), Some(k)]
            .into_iter()
            .flatten()
            .filter_map(|j| rows.get(j))
            .collect();
        let mut v = Vec::new();
        for i in lo..hi {
            // (A line of figures that went into a row.)
            if pieces[i].is_empty() {
                continue;
            }
            if !label_only(i) {
                // A line that is neither a row nor a label (a header, prose) ends the chain.
                return none;
            }
            let em = lines[i].size;
            let from = neighbours
                .iter()
                .filter_map(|r| label_x(r))
                .find_map(|lx| pieces[i].iter().position(|p| (p.x0 - lx).abs() < 0.5 * em));
            if let Some(from) = from {
                v.push((i, from));
            }
        }
        gaps.push(v);
    }
    let n = rows.len();
    let has_label = |k: usize| rows[k].first_cell > 0;
    // Each alignment: how many lines of the gap above each row (u) and below it (d) are its.
    let mut found: Vec<Vec<(usize, usize)>> = Vec::new();
    // Top: a row's label starts on its figures' line, the rest below.
    if (0..n).all(has_label) {
        found.push((0..n).map(|k| (0, gaps[k + 1].len())).collect());
    }
    // Bottom: its label ends on its figures' line.
    if (0..n).all(has_label) {
        found.push((0..n).map(|k| (gaps[k].len(), 0)).collect());
    }
    // Middle: as many lines above as below; a row printed without a label on its figures'
    // line has one at least on each side.
    for u0 in 0..=gaps[0].len() {
        let mut ud = Vec::with_capacity(n);
        let mut u = u0;
        let mut ok = true;
        for k in 0..n {
            if !has_label(k) && u == 0 {
                ok = false;
                break;
            }
            ud.push((u, u));
            let Some(next) = gaps[k + 1].len().checked_sub(u) else {
                ok = false;
                break;
            };
            u = next;
        }
        if ok && ud.last().is_some_and(|&(_, d)| d <= gaps[n].len()) {
            found.push(ud);
        }
    }
    let assign = |ud: &Vec<(usize, usize)>| -> Joined {
        (0..n)
            .map(|k| {
                let (u, d) = ud[k];
                let above = &gaps[k][gaps[k].len() - u..];
                let below = &gaps[k + 1][..d];
                (above.to_vec(), below.to_vec())
            })
            .collect()
    };
    let mut outcomes: Vec<Joined> = found.iter().map(assign).collect();
    outcomes.sort();
    outcomes.dedup();
    if outcomes.len() != 1 {
        return none;
    }
    let out = outcomes.pop().expect("one");
    // Every joined line stands as close to the next line of its row as a wrapped line does.
    for (k, (above, below)) in out.iter().enumerate() {
        let chain: Vec<usize> = above
            .iter()
            .map(|a| a.0)
            .chain([rows[k].line])
            .chain(below.iter().map(|b| b.0))
            .collect();
        if chain.windows(2).any(|w| !close(w[0], w[1])) {
            return none;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::super::{tests::page_lines, Page};

    fn page(runs: &[(&str, f64, f64)]) -> Page {
        let mut p = Page::new(1, (0.0, 0.0, 595.0, 842.0));
        for &(t, x, y) in runs {
            p.glyphs.extend(run(t, x, y, 10.0));
        }
        p
    }

    /// A label boxed wider than it is printed (an OCR layer's box), its last character over
    /// the first figure of its row: the figure is the next cell's, not the label's end (before,
    /// `…明确0` was one piece, the row had a cell too few and the block was left as printed).
    #[test]
    fn a_figure_under_a_labels_wide_box_is_a_cell() {
        let mut p = page(&[
            ("三、收到和处理政府信息公开申请情况", 72.0, 740.0),
            ("一、本年新收申请数量", 72.0, 700.0),
            ("821", 240.0, 700.0),
            ("35", 300.0, 700.0),
            ("856", 360.0, 700.0),
            ("二、上年结转", 72.0, 686.0),
            ("1", 240.0, 686.0),
            ("1", 360.0, 686.0),
            ("（七）总计", 72.0, 672.0),
            ("822", 240.0, 672.0),
            ("35", 300.0, 672.0),
            ("857", 360.0, 672.0),
        ]);
        // 3.补正后申请内容仍不明确: twelve characters boxed from 72 to 245, over the figure at 240.
        let label = super::super::tests::run("3.补正后申请内容仍不明确", 72.0, 658.0, 10.0);
        let n = label.len() as f64;
        p.glyphs
            .extend(label.into_iter().enumerate().map(|(i, mut g)| {
                g.x = 72.0 + i as f64 * 173.0 / n;
                g.w = 173.0 / n;
                g
            }));
        p.glyphs
            .extend(super::super::tests::run("0", 240.0, 658.0, 10.0));
        p.glyphs
            .extend(super::super::tests::run("0", 360.0, 658.0, 10.0));
        assert_eq!(
            page_lines(&p),
            [
                "三、收到和处理政府信息公开申请情况",
                "一、本年新收申请数量\t821\t35\t856",
                "二、上年结转\t1\t\t1",
                "（七）总计\t822\t35\t857",
                "3.补正后申请内容仍不明确\t0\t\t0",
            ]
        );
    }

    #[test]
    fn an_unruled_table_reads_by_its_columns() {
        let p = page(&[
            ("三、收到和处理政府信息公开申请情况", 72.0, 740.0),
            ("一、本年新收申请数量", 72.0, 700.0),
            // Two figures in narrow columns, touching: two shown strings, two cells.
            ("821", 300.0, 700.0),
            ("35", 330.0, 700.0),
            ("856", 380.0, 700.0),
            // An empty cell: nothing in the middle column.
            ("二、上年结转", 72.0, 686.0),
            ("1", 300.0, 686.0),
            ("1", 380.0, 686.0),
            // A label wrapped in its cell, its figures centred between its two lines.
            ("5.要求行政机关确认或重新出具已", 72.0, 672.0),
            ("0", 300.0, 665.0),
            ("0", 340.0, 665.0),
            ("0", 380.0, 665.0),
            ("获取信息", 72.0, 658.0),
            ("（七）总计", 72.0, 644.0),
            ("822", 300.0, 644.0),
            ("35", 340.0, 644.0),
            ("857", 380.0, 644.0),
        ]);
        assert_eq!(
            page_lines(&p),
            [
                "三、收到和处理政府信息公开申请情况",
                "一、本年新收申请数量\t821\t35\t856",
                "二、上年结转\t1\t\t1",
                "5.要求行政机关确认或重新出具已获取信息\t0\t0\t0",
                "（七）总计\t822\t35\t857",
            ]
        );
    }

    #[test]
    fn a_wrapped_label_beside_a_cell_spanning_rows_joins_from_its_column_on() {
        // `（三）不予公开` spans the rows, wrapped: its `公开` stays a line of its own.
        let p = page(&[
            ("（三）不予", 72.0, 700.0),
            ("1.属于国家秘密", 130.0, 700.0),
            ("1", 300.0, 700.0),
            ("2", 340.0, 700.0),
            ("公开", 72.0, 686.0),
            ("2.其他法律行政法规禁止", 130.0, 679.0),
            ("0", 300.0, 672.0),
            ("0", 340.0, 672.0),
            ("公开", 130.0, 665.0),
            ("3.危及安全", 130.0, 651.0),
            ("5", 300.0, 651.0),
            ("6", 340.0, 651.0),
        ]);
        assert_eq!(
            page_lines(&p),
            [
                "（三）不予 1.属于国家秘密\t1\t2",
                "公开",
                "2.其他法律行政法规禁止公开\t0\t0",
                "3.危及安全\t5\t6",
            ]
        );
    }

    #[test]
    fn a_label_line_between_rows_stays_where_the_alignment_is_ambiguous() {
        // Top-aligned (the line continues 甲) or bottom-aligned (it opens 乙): not joined.
        let p = page(&[
            ("甲类事项", 72.0, 700.0),
            ("1", 300.0, 700.0),
            ("2", 340.0, 700.0),
            ("续行", 72.0, 686.0),
            ("乙类事项", 72.0, 672.0),
            ("3", 300.0, 672.0),
            ("4", 340.0, 672.0),
        ]);
        assert_eq!(page_lines(&p), ["甲类事项\t1\t2", "续行", "乙类事项\t3\t4"]);
    }

    #[test]
    fn a_figure_across_two_columns_leaves_the_block_as_printed() {
        let p = page(&[
            ("a", 72.0, 700.0),
            ("1", 300.0, 700.0),
            ("2", 313.0, 700.0),
            ("b", 72.0, 686.0),
            ("12", 300.0, 686.0),
            ("c", 72.0, 672.0),
            ("3", 300.0, 672.0),
            ("4", 313.0, 672.0),
        ]);
        assert_eq!(page_lines(&p), ["a\t1 2", "b\t12", "c\t3 4"]);
    }
}
