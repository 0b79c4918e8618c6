//! Fitting a row's printed tokens to its cells. Separate cells map one to one; digit runs
//! ("713000074", "23 0 00 0 023") are split into cells only when exactly one split satisfies
//! the row's own sums (总计 = the six applicant columns; 总计 = 维持+纠正+其他+未审结). A run
//! with several possible splits is left unread, never guessed.

use super::cells::{CellKind, CellTok};
use crate::model::Semantic;
use std::ops::Range;

/// One resolved cell: value, where it is printed, what it means, and the run it came from.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub value: Option<f64>,
    pub range: Range<usize>,
    pub semantic: Semantic,
    /// For a cell split out of a run: the run's printed range and all the pieces.
    pub split: Option<(Range<usize>, Vec<String>)>,
}

pub enum Fit {
    Ok(Vec<Resolved>),
    /// Several splits satisfy the sums (count), or none do (0).
    Ambiguous {
        candidates: usize,
        printed: String,
    },
    Mismatch {
        found: usize,
    },
}

/// Upper bound on explored split states: keeps pathological digit runs linear.
const MAX_STATES: usize = 200_000;

/// The longest piece a run is split into. Counts and amounts beyond 15 digits are not exact in
/// an f64 (so no row sum could pick them), and without a bound a run of a million digits costs
/// a parse of every prefix.
const MAX_PIECE_LEN: usize = 15;

/// Fit `items` to `n` cells. `constraint` checks a complete candidate (None = blank).
pub fn fit(items: &[CellTok], n: usize, constraint: &dyn Fn(&[Option<f64>]) -> bool) -> Fit {
    // Blank cells at the ends are trimmed by moving the ends of a slice: a row of a million
    // blank cells must not cost a million shifts of the rest.
    let mut items: &[CellTok] = items;
    let has_blob = items.iter().any(|t| matches!(t.kind, CellKind::Blob(_)));
    let is_blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
    if !has_blob {
        // Merged cells leave empty fields around a row: drop blanks at the ends to fit.
        while items.len() > n && items.first().is_some_and(is_blank) {
            items = &items[1..];
        }
        while items.len() > n && items.last().is_some_and(is_blank) {
            items = &items[..items.len() - 1];
        }
        if items.len() != n {
            return Fit::Mismatch { found: items.len() };
        }
        return Fit::Ok(items.iter().map(single).collect());
    }
    while items.len() > n && items.last().is_some_and(is_blank) {
        items = &items[..items.len() - 1];
    }
    while items.len() > n && items.first().is_some_and(is_blank) {
        items = &items[1..];
    }
    // Every cell and every printed digit group fills at least one cell: with more of them than
    // cells there is no split (checked before the enumeration's tables are built, which would
    // be quadratic in a row of a million groups).
    let n_atoms: usize = items
        .iter()
        .map(|t| match &t.kind {
            CellKind::Blob(g) => g.len(),
            _ => 1,
        })
        .sum();
    if n_atoms > n {
        return Fit::Mismatch { found: items.len() };
    }
    let items: Vec<&CellTok> = items.iter().collect();
    // Enumerate splits of the blobs.
    let mut solutions: Vec<Vec<Piece>> = Vec::new();
    let mut all = 0usize;
    let mut states = 0usize;
    let mut cur: Vec<Piece> = Vec::new();
    let atoms = atoms(&items);
    let suffix_sums = |f: fn(&Atom) -> usize| -> Vec<usize> {
        let mut v = vec![0; atoms.len() + 1];
        for i in (0..atoms.len()).rev() {
            v[i] = v[i + 1] + f(&atoms[i]);
        }
        v
    };
    let min_rest = suffix_sums(|a| a.min_cells());
    let max_rest = suffix_sums(|a| a.max_cells());
    let mut overflow = false;
    let mut first: Option<Vec<Piece>> = None;
    dfs(
        &atoms,
        0,
        n,
        &min_rest,
        &max_rest,
        &mut cur,
        &mut |cand: &[Piece]| {
            all += 1;
            if first.is_none() {
                first = Some(cand.to_vec());
            }
            let vals: Vec<Option<f64>> = cand.iter().map(|p| p.value).collect();
            if constraint(&vals) {
                solutions.push(cand.to_vec());
            }
            solutions.len() < 64
        },
        &mut states,
        &mut overflow,
    );
    let printed = items
        .iter()
        .map(|t| match &t.kind {
            CellKind::Blob(g) => g
                .iter()
                .map(|g| g.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            CellKind::Fixed(v) => format!("{v}"),
            CellKind::Blank => "∅".into(),
            CellKind::Na => "/".into(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    // A unique split is accepted; when several exist, only the row sums may pick one.
    let chosen = if all == 1 && !overflow {
        // The only way to read the run at all (e.g. "000" for three cells).
        first
    } else if solutions.len() == 1 && !overflow {
        solutions.pop()
    } else {
        None
    };
    match chosen {
        Some(pieces) => Fit::Ok(pieces.into_iter().map(|p| p.resolved).collect()),
        None if all == 0 && !overflow => Fit::Mismatch { found: items.len() },
        None => Fit::Ambiguous {
            candidates: if overflow {
                usize::MAX
            } else {
                solutions.len().max(if all > 1 { all } else { 0 })
            },
            printed,
        },
    }
}

fn single(t: &CellTok) -> Resolved {
    let (value, semantic) = match t.kind {
        CellKind::Blank => (None, Semantic::Blank),
        CellKind::Na => (None, Semantic::Na),
        CellKind::Fixed(v) => (
            Some(v),
            if v == 0.0 {
                Semantic::Zero
            } else {
                Semantic::Number
            },
        ),
        CellKind::Blob(_) => unreachable!(),
    };
    Resolved {
        value,
        range: t.range.clone(),
        semantic,
        split: None,
    }
}

#[derive(Clone)]
struct Piece {
    value: Option<f64>,
    resolved: Resolved,
}

/// A unit of the enumeration: a separate cell, or a printed digit group that may hold several.
enum Atom<'a> {
    Cell(&'a CellTok),
    Group {
        text: &'a str,
        start: usize,
        run: Range<usize>,
        run_groups: Vec<String>,
    },
}

impl Atom<'_> {
    fn min_cells(&self) -> usize {
        1
    }
    fn max_cells(&self) -> usize {
        match self {
            Atom::Cell(_) => 1,
            Atom::Group { text, .. } => text.chars().filter(|c| c.is_ascii_digit()).count().max(1),
        }
    }
}

fn atoms<'a>(items: &[&'a CellTok]) -> Vec<Atom<'a>> {
    let mut out = Vec::new();
    for t in items {
        match &t.kind {
            CellKind::Blob(groups) => {
                let names: Vec<String> = groups.iter().map(|g| g.text.clone()).collect();
                for g in groups {
                    out.push(Atom::Group {
                        text: &g.text,
                        start: g.range.start,
                        run: t.range.clone(),
                        run_groups: names.clone(),
                    });
                }
            }
            _ => out.push(Atom::Cell(t)),
        }
    }
    out
}

fn valid_piece(s: &str) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    if body.is_empty()
        || body.starts_with('.')
        || body.ends_with('.')
        || body.matches('.').count() > 1
    {
        return None;
    }
    let int = body.split('.').next().unwrap();
    if int.len() > 1 && int.starts_with('0') {
        return None;
    }
    s.parse().ok()
}

#[allow(clippy::too_many_arguments)]
fn dfs(
    atoms: &[Atom],
    i: usize,
    n: usize,
    min_rest: &[usize],
    max_rest: &[usize],
    cur: &mut Vec<Piece>,
    emit: &mut dyn FnMut(&[Piece]) -> bool,
    states: &mut usize,
    overflow: &mut bool,
) -> bool {
    *states += 1;
    if *states > MAX_STATES {
        *overflow = true;
        return false;
    }
    if i == atoms.len() {
        return if cur.len() == n { emit(cur) } else { true };
    }
    let need = n.saturating_sub(cur.len());
    if cur.len() + min_rest[i] > n || cur.len() + max_rest[i] < n || need == 0 {
        return true;
    }
    match &atoms[i] {
        Atom::Cell(t) => {
            let r = single(t);
            cur.push(Piece {
                value: r.value,
                resolved: r,
            });
            let go = dfs(
                atoms,
                i + 1,
                n,
                min_rest,
                max_rest,
                cur,
                emit,
                states,
                overflow,
            );
            cur.pop();
            go
        }
        Atom::Group {
            text,
            start,
            run,
            run_groups,
        } => {
            // Split this group into consecutive pieces, recursively.
            split_group(
                text, 0, *start, run, run_groups, atoms, i, n, min_rest, max_rest, cur, emit,
                states, overflow,
            )
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn split_group(
    text: &str,
    from: usize,
    base: usize,
    run: &Range<usize>,
    run_groups: &[String],
    atoms: &[Atom],
    i: usize,
    n: usize,
    min_rest: &[usize],
    max_rest: &[usize],
    cur: &mut Vec<Piece>,
    emit: &mut dyn FnMut(&[Piece]) -> bool,
    states: &mut usize,
    overflow: &mut bool,
) -> bool {
    if from == text.len() {
        return dfs(
            atoms,
            i + 1,
            n,
            min_rest,
            max_rest,
            cur,
            emit,
            states,
            overflow,
        );
    }
    if cur.len() >= n {
        return true;
    }
    // The rest of the group must fit in the cells left.
    if text.len() - from > (n - cur.len()) * MAX_PIECE_LEN {
        return true;
    }
    for end in from + 1..=text.len().min(from + MAX_PIECE_LEN) {
        if !text.is_char_boundary(end) {
            continue;
        }
        let piece = &text[from..end];
        let Some(v) = valid_piece(piece) else {
            continue;
        };
        // Leave room: the rest of this group needs at least one cell if not empty.
        let semantic = if v == 0.0 {
            Semantic::Zero
        } else {
            Semantic::Number
        };
        let resolved = Resolved {
            value: Some(v),
            range: base + from..base + end,
            semantic,
            split: Some((run.clone(), run_groups.to_vec())),
        };
        cur.push(Piece {
            value: Some(v),
            resolved,
        });
        let go = split_group(
            text, end, base, run, run_groups, atoms, i, n, min_rest, max_rest, cur, emit, states,
            overflow,
        );
        cur.pop();
        if !go {
            return false;
        }
        *states += 1;
        if *states > MAX_STATES {
            *overflow = true;
            return false;
        }
    }
    true
}

/// Row sums of table 三: 总计 = the six applicant columns (blank cells as 0).
pub fn requests_row_sum(v: &[Option<f64>]) -> bool {
    if v.len() != 7 {
        return false;
    }
    match v[6] {
        Some(t) => (v[..6].iter().map(|x| x.unwrap_or(0.0)).sum::<f64>() - t).abs() < 1e-9,
        None => true,
    }
}

/// Row sums of table 四: each group's 总计 = its four results.
pub fn review_sums(v: &[Option<f64>]) -> bool {
    v.len() == 15
        && v.chunks(5).all(|g| match g[4] {
            Some(t) => (g[..4].iter().map(|x| x.unwrap_or(0.0)).sum::<f64>() - t).abs() < 1e-9,
            None => true,
        })
}
