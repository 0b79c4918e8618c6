//! Fitting a row's printed tokens to its cells, and reading a table's digit runs as a whole.
//!
//! Separate cells map one to one. A digit run ("713000074", "23 0 00 0 023") is read every way
//! it can be split into the row's cells (bounded); a reading is kept only when it satisfies the
//! row's own sums (总计 = the six applicant columns; 总计 = 维持+纠正+其他+未审结), and in table
//! 三 the readings of all rows are then held against the column sums together ([`solve_requests`]).
//! A cell is pinned only when every surviving reading gives it the same value; anything else is
//! left out with a warning, never guessed. A row without any sum (table 二) is also read allowing
//! for cells printed blank (a flattened page drops them), so `125` for three cells pins nothing.

mod prose;
mod rows;
mod runs;
mod solve;
#[cfg(test)]
mod tests;

use super::cells::{CellKind, CellTok};
use crate::model::Semantic;
use runs::{atoms, dfs, Atom, Env, Piece};
use std::ops::Range;

pub use prose::{disclosure_prose_figures, ProseFigure};
pub use rows::{disclosure_row, disclosure_row_exact, review_row};
pub use solve::{solve_requests, SolvedRow};

/// One resolved cell: value, where it is printed, what it means, and the run it came from.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub value: Option<f64>,
    pub range: Range<usize>,
    pub semantic: Semantic,
    /// For a cell split out of a run: the run's printed range and all the pieces.
    pub split: Option<(Range<usize>, Vec<String>)>,
    /// For a cell of a run that had several readings: the run as read (`?` where the readings
    /// differ) and the constraints that fixed this cell, in words.
    pub why: Option<(Vec<String>, String)>,
}

impl Resolved {
    /// A blank the reading assumed (a cell a flattened run may have dropped), not a printed one.
    fn assumed_blank(&self) -> bool {
        self.value.is_none() && self.split.is_some()
    }
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

/// What a cell split out of a run may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    /// A count: digits, no sign, no decimal point.
    Count,
    /// A signed count (本年增/减).
    Signed,
    /// An amount: may have a decimal point.
    Amount,
    /// Anything a number may be (the old reading, for callers that do not say).
    Any,
}

/// The kind of a template column, by key.
pub fn kind_of(col: &str) -> ColKind {
    match col {
        "amount" => ColKind::Amount,
        "change" => ColKind::Signed,
        _ => ColKind::Count,
    }
}

/// Upper bound on the readings of one row kept for the table solver; a row with more is
/// "unknown" (its cells are left out and no column sum through it is used).
const MAX_READINGS: usize = 64;

/// Every reading of a row.
pub struct RowReading {
    /// A figure printed where its column cannot hold it (a count with a decimal point): the
    /// row has no reading because of it.
    pub unfit: Option<f64>,
    /// The readings that satisfy the row's own constraint (all of them when `complete`).
    pub cands: Vec<Vec<Resolved>>,
    /// False when the enumeration was cut short (too many states or readings).
    pub complete: bool,
    /// Readings before the row's constraint was applied (stops counting at the bound).
    pub splits: usize,
    /// Of `cands`, those that assume no blank cell.
    pub full: usize,
    /// The row's tokens as printed ("∅" blank, "/" not applicable).
    pub printed: String,
    /// Tokens found, for a row that cannot be read as `n` cells at all.
    pub found: usize,
    /// Digit groups printed in those tokens (a run of groups in one cell counts each one).
    pub groups: usize,
    /// The row has a run of digits (else it is one reading: its cells as printed).
    pub has_run: bool,
    /// The number of cells of the row.
    pub n: usize,
}

impl RowReading {
    /// The only reading, when there is exactly one.
    pub fn unique(&self) -> Option<&Vec<Resolved>> {
        (self.complete && self.cands.len() == 1).then(|| &self.cands[0])
    }

    /// No split of the tokens into the row's cells exists at all.
    pub fn mismatch(&self) -> bool {
        self.complete && self.splits == 0
    }

    /// Why a row with no reading is left out, for its warning: the figure its column cannot
    /// hold, or the count of cells found (`found_words`).
    pub fn left_out_because(&self, expected: usize) -> String {
        match self.unfit {
            Some(v) => format!("prints {v} where a whole count is expected"),
            None => format!("has {} where {expected} are expected", self.found_words()),
        }
    }

    /// The cells every reading agrees on (None: readings differ, or the row is not fully
    /// enumerated). A blank the reading only assumed is never pinned.
    pub fn agreed(&self) -> Vec<Option<Resolved>> {
        agreed(
            self.cands.iter().map(|c| c.as_slice()),
            self.complete,
            self.n,
        )
    }

    /// What the row prints, for a row that cannot be read: "3 cells", or "1 cells holding 2
    /// figures" when a cell holds a run of several digit groups ("10 69").
    pub fn found_words(&self) -> String {
        if self.groups > self.found {
            format!("{} cells holding {} figures", self.found, self.groups)
        } else {
            format!("{} cells", self.found)
        }
    }

    /// The readings in words: "15 possible splits", "15 possible splits (36 readings allowing
    /// for blank cells)", or that there are too many to tell.
    pub fn describe(&self) -> String {
        if !self.complete {
            return "too many possible splits to tell".into();
        }
        if self.full == self.cands.len() {
            format!("{} possible splits", self.full)
        } else {
            format!(
                "{} possible splits ({} readings allowing for blank cells)",
                self.full,
                self.cands.len()
            )
        }
    }

    /// How many readings satisfy the row's sums, for messages (usize::MAX: too many to tell).
    pub fn count(&self) -> usize {
        if self.complete {
            self.cands.len()
        } else {
            usize::MAX
        }
    }
}

/// A cell's value as the provenance prints it ("∅" for a blank).
fn shown(v: Option<f64>) -> String {
    v.map_or("∅".into(), |v| crate::model::Num(v).to_string())
}

/// A row's cells as the provenance shows them: the value, ∅ for blank, ? where readings differ.
pub(super) fn shown_cells(cells: &[Option<Resolved>]) -> Vec<String> {
    cells
        .iter()
        .map(|x| x.as_ref().map_or("?".into(), |x| shown(x.value)))
        .collect()
}

/// Per cell, the value every one of `cands` gives it (and the first reading's printed piece).
fn agreed<'a>(
    mut cands: impl Iterator<Item = &'a [Resolved]>,
    complete: bool,
    n: usize,
) -> Vec<Option<Resolved>> {
    let Some(first) = cands.next() else {
        return vec![None; n];
    };
    if !complete {
        return vec![None; first.len()];
    }
    let mut out: Vec<Option<Resolved>> = first
        .iter()
        .map(|r| (!r.assumed_blank()).then(|| r.clone()))
        .collect();
    for c in cands {
        for (o, r) in out.iter_mut().zip(c) {
            if o.as_ref()
                .is_some_and(|o| o.value != r.value || r.assumed_blank())
            {
                *o = None;
            }
        }
    }
    out
}

/// Fit `items` to `n` cells. `constraint` checks a complete candidate (None = blank). A run is
/// accepted only when exactly one split satisfies the constraint.
pub fn fit(items: &[CellTok], n: usize, constraint: &dyn Fn(&[Option<f64>]) -> bool) -> Fit {
    let r = read_row(items, n, None, false, None, constraint);
    if let Some(u) = r.unique() {
        return Fit::Ok(u.clone());
    }
    if r.mismatch() {
        return Fit::Mismatch { found: r.found };
    }
    Fit::Ambiguous {
        candidates: r.count(),
        printed: r.printed,
    }
}

/// Every reading of `items` as `n` cells that satisfies `constraint`. `kinds` (one per cell)
/// says what a piece of a run may hold in each cell; with `blanks`, a run may also leave cells
/// blank (for rows that no sum checks: a flattened page prints a blank cell as nothing). With
/// `sum_groups: Some(g)`, the cells are groups of `g` whose last is the sum of the others (as
/// `constraint` also checks): each group is checked as soon as it is read, which keeps a long
/// run of table 四 from being enumerated in full.
pub fn read_row(
    items: &[CellTok],
    n: usize,
    kinds: Option<&[ColKind]>,
    blanks: bool,
    sum_groups: Option<usize>,
    constraint: &dyn Fn(&[Option<f64>]) -> bool,
) -> RowReading {
    // Blank cells at the ends are trimmed by moving the ends of a slice: a row of a million
    // blank cells must not cost a million shifts of the rest.
    let mut items: &[CellTok] = items;
    let has_blob = items.iter().any(|t| matches!(t.kind, CellKind::Blob(_)));
    let is_blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
    let mut out = RowReading {
        cands: Vec::new(),
        complete: true,
        splits: 0,
        printed: String::new(),
        found: 0,
        groups: 0,
        has_run: has_blob,
        full: 0,
        n,
        unfit: None,
    };
    if !has_blob {
        // Merged cells leave empty fields around a row: drop blanks at the ends to fit, those
        // before its figures first (a label column left empty under a merged label).
        fn trimmed(mut items: &[CellTok], n: usize, trailing_first: bool) -> &[CellTok] {
            let is_blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
            for from_end in [trailing_first, !trailing_first] {
                loop {
                    let end = if from_end {
                        items.last()
                    } else {
                        items.first()
                    };
                    if items.len() <= n || !end.is_some_and(is_blank) {
                        break;
                    }
                    items = if from_end {
                        &items[..items.len() - 1]
                    } else {
                        &items[1..]
                    };
                }
            }
            items
        }
        let leading_first = trimmed(items, n, false);
        // Unless that leaves a group with figures but a blank sum (total) at its end: then the
        // blank that closed the row was an empty column after it (a row closed by a tab or
        // pipe), and the row's first cell is blank.
        let blank_sum = |cells: &[CellTok]| {
            sum_groups.is_some_and(|g| {
                cells.len() == n
                    && cells
                        .chunks(g)
                        .any(|c| c.iter().any(|t| !is_blank(t)) && c.last().is_some_and(is_blank))
            })
        };
        let trailing_first = trimmed(items, n, true);
        // A reading that breaks the row's own sums is no reading: a label's merged columns
        // written as empty cells after it (`| （一）予以公开 | | 258 | 12 | … | 1 | |`, a
        // converter's colspan) before a blank 总计 read 258 as the second column, 总计 1.
        let holds = |cells: &[CellTok]| {
            cells.len() == n
                && constraint(&cells.iter().map(|t| single(t).value).collect::<Vec<_>>())
        };
        items = match (holds(leading_first), holds(trailing_first)) {
            (true, false) => leading_first,
            (false, true) => trailing_first,
            _ if blank_sum(leading_first) && !blank_sum(trailing_first) => trailing_first,
            _ => leading_first,
        };
        out.found = items.len();
        out.groups = items.len();
        // A figure its column cannot hold is no reading: a count with a decimal point is a
        // misread thousands separator (`3.050` for 3,050, an OCR layer's), not 3.05.
        let fits = kinds.is_none_or(|kinds| {
            items.iter().zip(kinds).all(|(t, &k)| match t.kind {
                CellKind::Fixed(v) => match k {
                    ColKind::Count => v >= 0.0 && v.fract() == 0.0,
                    ColKind::Signed => v.fract() == 0.0,
                    ColKind::Amount => v >= 0.0,
                    ColKind::Any => true,
                },
                _ => true,
            })
        });
        if items.len() == n && !fits {
            out.unfit = items
                .iter()
                .zip(kinds.unwrap_or(&[]))
                .find_map(|(t, k)| match t.kind {
                    CellKind::Fixed(v) if *k == ColKind::Count && (v < 0.0 || v.fract() != 0.0) => {
                        Some(v)
                    }
                    CellKind::Fixed(v) if *k == ColKind::Signed && v.fract() != 0.0 => Some(v),
                    _ => None,
                });
        }
        if items.len() == n && fits {
            out.splits = 1;
            out.full = 1;
            out.cands.push(items.iter().map(single).collect());
        }
        return out;
    }
    while items.len() > n && items.last().is_some_and(is_blank) {
        items = &items[..items.len() - 1];
    }
    while items.len() > n && items.first().is_some_and(is_blank) {
        items = &items[1..];
    }
    // A dash after a run that fills the row on its own ("32 2 0 0 0 0 34 -"): a column the
    // template does not have (a blank one marked so), not one of the row's cells.
    let atoms_of = |items: &[CellTok]| -> usize {
        items
            .iter()
            .map(|t| match &t.kind {
                CellKind::Blob(g) => g.len(),
                _ => 1,
            })
            .sum()
    };
    while items.len() >= 2
        && matches!(items.last().map(|t| &t.kind), Some(CellKind::Na))
        && matches!(items[items.len() - 2].kind, CellKind::Blob(_))
        && atoms_of(items) > n
    {
        items = &items[..items.len() - 1];
    }
    out.found = items.len();
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
    out.groups = n_atoms;
    if n_atoms > n {
        return out;
    }
    // As many printed groups as cells: each group is one cell as printed, whatever the sums say
    // (a report's own figures may not add up); the sums only choose among splits of a run.
    let as_printed = n_atoms == n;
    let (kinds, sum_groups, constraint): (_, _, RowCheck) = if as_printed {
        (None, None, &|_| true)
    } else {
        (kinds, sum_groups, constraint)
    };
    let items: Vec<&CellTok> = items.iter().collect();
    out.printed = items
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
    let mut states = 0usize;
    let mut cur: Vec<Piece> = Vec::new();
    let (mut cands, mut splits, mut capped) = (Vec::new(), 0usize, false);
    let env = Env {
        atoms: &atoms,
        n,
        min_rest: &min_rest,
        max_rest: &max_rest,
        kinds,
        blanks,
        sum_groups,
    };
    dfs(
        &env,
        0,
        &mut cur,
        &mut |cand: &[Piece]| {
            splits += 1;
            let vals: Vec<Option<f64>> = cand.iter().map(|p| p.value).collect();
            if constraint(&vals) {
                if cands.len() == MAX_READINGS {
                    capped = true;
                    return false;
                }
                cands.push(cand.iter().map(|p| p.resolved.clone()).collect());
            }
            true
        },
        &mut states,
        &mut overflow,
    );
    out.full = cands
        .iter()
        .filter(|c: &&Vec<Resolved>| !c.iter().any(|r| r.assumed_blank()))
        .count();
    if as_printed {
        // No split was made: say so rather than name sums the cells may not satisfy.
        for cand in cands.iter_mut() {
            let pieces: Vec<String> = cand.iter().map(|r| shown(r.value)).collect();
            for r in cand.iter_mut().filter(|r| r.split.is_some()) {
                r.why = Some((
                    pieces.clone(),
                    format!("the run is printed as {n} groups for {n} cells: one cell per group, as printed"),
                ));
            }
        }
    }
    out.cands = cands;
    out.splits = splits;
    out.complete = !overflow && !capped;
    out
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
        why: None,
    }
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

/// A row's own constraint on a candidate reading.
type RowCheck<'x> = &'x dyn Fn(&[Option<f64>]) -> bool;

impl RowReading {
    /// A row read elsewhere (one reading).
    pub fn fixed(cells: Vec<Resolved>) -> RowReading {
        let n = cells.len();
        RowReading {
            cands: vec![cells],
            complete: true,
            splits: 1,
            printed: String::new(),
            found: 0,
            groups: 0,
            has_run: false,
            full: 1,
            n,
            unfit: None,
        }
    }

    /// The cells this row alone pins (`sums`: its own constraint, in words): all of them when
    /// it has one reading; else those every reading agrees on, with the reason.
    pub fn pin(&self, sums: &str) -> Vec<Option<Resolved>> {
        let mut cells = self.agreed();
        if self.cands.len() > 1 {
            let pieces = shown_cells(&cells);
            let n = self.cands.len();
            for c in cells.iter_mut().flatten() {
                let shown = c
                    .value
                    .map_or("blank".into(), |v| crate::model::Num(v).to_string());
                c.why = Some((
                    pieces.clone(),
                    format!("{sums}: all {n} readings of the run give this cell {shown}"),
                ));
            }
        }
        cells
    }
}
