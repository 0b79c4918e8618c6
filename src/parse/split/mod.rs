//! Fitting a row's printed tokens to its cells, and reading a table's digit runs as a whole.
//!
//! Separate cells map one to one. A digit run ("713000074", "23 0 00 0 023") is read every way
//! it can be split into the row's cells (bounded); a reading is kept only when it satisfies the
//! row's own sums (总计 = the six applicant columns; 总计 = 维持+纠正+其他+未审结), and in table
//! 三 the readings of all rows are then held against the column sums together ([`solve_requests`]).
//! A cell is pinned only when every surviving reading gives it the same value; anything else is
//! left out with a warning, never guessed. A row without any sum (table 二) is also read allowing
//! for cells printed blank (a flattened page drops them), so `125` for three cells pins nothing.

use super::cells::{CellKind, CellTok};
use crate::model::template::{RowDef, REQUEST_COLUMNS};
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

/// Upper bound on explored split states: keeps pathological digit runs linear.
const MAX_STATES: usize = 200_000;

/// Upper bound on the readings of one row kept for the table solver; a row with more is
/// "unknown" (its cells are left out and no column sum through it is used).
const MAX_READINGS: usize = 64;

/// The longest piece a run is split into. Counts and amounts beyond 15 digits are not exact in
/// an f64 (so no row sum could pick them), and without a bound a run of a million digits costs
/// a parse of every prefix.
const MAX_PIECE_LEN: usize = 15;

/// Every reading of a row.
pub struct RowReading {
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

    /// The cells every reading agrees on (None: readings differ, or the row is not fully
    /// enumerated). A blank the reading only assumed is never pinned.
    pub fn agreed(&self) -> Vec<Option<Resolved>> {
        agreed(
            self.cands.iter().map(|c| c.as_slice()),
            self.complete,
            self.n,
        )
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
        has_run: has_blob,
        full: 0,
        n,
    };
    if !has_blob {
        // Merged cells leave empty fields around a row: drop blanks at the ends to fit.
        while items.len() > n && items.first().is_some_and(is_blank) {
            items = &items[1..];
        }
        while items.len() > n && items.last().is_some_and(is_blank) {
            items = &items[..items.len() - 1];
        }
        out.found = items.len();
        if items.len() == n {
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

fn valid_piece(s: &str, kind: ColKind) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    if body.is_empty()
        || body.starts_with('.')
        || body.ends_with('.')
        || body.matches('.').count() > 1
    {
        return None;
    }
    let negative = body.len() < s.len();
    let decimal = body.contains('.');
    let allowed = match kind {
        ColKind::Any => true,
        ColKind::Count => !negative && !decimal,
        ColKind::Signed => !decimal,
        ColKind::Amount => !negative,
    };
    if !allowed {
        return None;
    }
    let int = body.split('.').next().unwrap();
    if int.len() > 1 && int.starts_with('0') {
        return None;
    }
    s.parse().ok()
}

/// What the enumeration of one row's splits needs to know.
struct Env<'e, 'a> {
    atoms: &'e [Atom<'a>],
    n: usize,
    min_rest: &'e [usize],
    max_rest: &'e [usize],
    kinds: Option<&'e [ColKind]>,
    blanks: bool,
    sum_groups: Option<usize>,
}

impl Env<'_, '_> {
    /// With sum groups: the group just completed (if any) adds up.
    fn group_ok(&self, cur: &[Piece]) -> bool {
        let Some(g) = self.sum_groups else {
            return true;
        };
        if g == 0 || cur.is_empty() || !cur.len().is_multiple_of(g) {
            return true;
        }
        let group = &cur[cur.len() - g..];
        match group[g - 1].value {
            Some(t) => {
                (group[..g - 1]
                    .iter()
                    .map(|p| p.value.unwrap_or(0.0))
                    .sum::<f64>()
                    - t)
                    .abs()
                    < 1e-9
            }
            None => true,
        }
    }

    fn kind(&self, cell: usize) -> ColKind {
        self.kinds
            .and_then(|k| k.get(cell).copied())
            .unwrap_or(ColKind::Any)
    }
}

/// A blank cell assumed inside a run at byte `at` (a flattened page prints a blank as nothing).
fn assumed_blank(at: usize, run: &Range<usize>, run_groups: &[String]) -> Piece {
    Piece {
        value: None,
        resolved: Resolved {
            value: None,
            range: at..at,
            semantic: Semantic::Blank,
            split: Some((run.clone(), run_groups.to_vec())),
            why: None,
        },
    }
}

/// The run an atom belongs to (for an assumed blank right before it).
fn run_of<'x>(atoms: &'x [Atom], i: usize) -> Option<(usize, &'x Range<usize>, &'x [String])> {
    let a = atoms
        .get(i)
        .or_else(|| i.checked_sub(1).and_then(|j| atoms.get(j)))?;
    match a {
        Atom::Group {
            start,
            run,
            run_groups,
            text,
        } => Some((
            if i < atoms.len() {
                *start
            } else {
                *start + text.len()
            },
            run,
            run_groups,
        )),
        Atom::Cell(_) => None,
    }
}

fn dfs(
    env: &Env,
    i: usize,
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
    let n = env.n;
    if i == env.atoms.len() && cur.len() == n {
        return emit(cur);
    }
    if cur.len() + env.min_rest[i] > n || (!env.blanks && cur.len() + env.max_rest[i] < n) {
        return true;
    }
    // A blank cell before this atom (or at the end), next to a run.
    if env.blanks && cur.len() < n {
        if let Some((at, run, groups)) = run_of(env.atoms, i) {
            cur.push(assumed_blank(at, run, groups));
            let go = !env.group_ok(cur) || dfs(env, i, cur, emit, states, overflow);
            cur.pop();
            if !go {
                return false;
            }
        }
    }
    if i == env.atoms.len() || cur.len() == n {
        return true;
    }
    match &env.atoms[i] {
        Atom::Cell(t) => {
            let r = single(t);
            cur.push(Piece {
                value: r.value,
                resolved: r,
            });
            let go = !env.group_ok(cur) || dfs(env, i + 1, cur, emit, states, overflow);
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
            let g = GroupAt {
                text,
                base: *start,
                run,
                run_groups,
                i,
            };
            split_group(env, &g, 0, cur, emit, states, overflow)
        }
    }
}

struct GroupAt<'g> {
    text: &'g str,
    base: usize,
    run: &'g Range<usize>,
    run_groups: &'g [String],
    i: usize,
}

fn split_group(
    env: &Env,
    g: &GroupAt,
    from: usize,
    cur: &mut Vec<Piece>,
    emit: &mut dyn FnMut(&[Piece]) -> bool,
    states: &mut usize,
    overflow: &mut bool,
) -> bool {
    let text = g.text;
    if from == text.len() {
        return dfs(env, g.i + 1, cur, emit, states, overflow);
    }
    let n = env.n;
    if cur.len() >= n {
        return true;
    }
    // The rest of the group must fit in the cells left.
    if text.len() - from > (n - cur.len()) * MAX_PIECE_LEN {
        return true;
    }
    // A blank cell between two pieces of the group.
    if env.blanks && from > 0 {
        cur.push(assumed_blank(g.base + from, g.run, g.run_groups));
        let go = !env.group_ok(cur) || split_group(env, g, from, cur, emit, states, overflow);
        cur.pop();
        if !go {
            return false;
        }
    }
    let kind = env.kind(cur.len());
    for end in from + 1..=text.len().min(from + MAX_PIECE_LEN) {
        if !text.is_char_boundary(end) {
            continue;
        }
        let piece = &text[from..end];
        let Some(v) = valid_piece(piece, kind) else {
            continue;
        };
        let semantic = if v == 0.0 {
            Semantic::Zero
        } else {
            Semantic::Number
        };
        let resolved = Resolved {
            value: Some(v),
            range: g.base + from..g.base + end,
            semantic,
            split: Some((g.run.clone(), g.run_groups.to_vec())),
            why: None,
        };
        cur.push(Piece {
            value: Some(v),
            resolved,
        });
        let go = !env.group_ok(cur) || split_group(env, g, end, cur, emit, states, overflow);
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

// ---- Table 三 as a whole ------------------------------------------------------------------

/// Readings of one table row as the solver sees them: the values of each reading.
type Domain = Vec<Vec<Option<f64>>>;

/// A check on a complete assignment (reading index per row), e.g. the prose's figure.
type Extra<'x> = &'x dyn Fn(&[usize]) -> bool;

/// A row's own constraint on a candidate reading.
type RowCheck<'x> = &'x dyn Fn(&[Option<f64>]) -> bool;

/// A linear identity over cells: Σ coef · cell = 0 (a blank applicant cell counts as 0).
struct Eq {
    /// (row, column, coefficient).
    terms: Vec<(usize, usize, f64)>,
    /// The column it holds in, and which identity it is (words for provenance).
    col: usize,
    what: &'static str,
}

enum Outcome {
    /// Per row, which of its readings occur in some solution.
    Sat(Vec<Vec<bool>>),
    Unsat,
    GaveUp,
}

/// Upper bound on search nodes for one table (all solves together): the search is exponential
/// only for hostile input, which is then read row by row.
const MAX_NODES: usize = 200_000;

/// For each row and each of its readings, is there an assignment of readings to every row that
/// satisfies all `eqs` (and `extra`, checked on complete assignments)? Rows not in any identity
/// keep all their readings.
fn solve(
    doms: &[Option<&Domain>],
    eqs: &[&Eq],
    extra: Option<Extra>,
    extra_rows: &[usize],
    budget: &mut usize,
) -> Outcome {
    let nrows = doms.len();
    // contrib[r][k][e]: what reading k of row r adds to identity e.
    let mut in_eq = vec![false; nrows];
    for &r in extra_rows {
        in_eq[r] = true;
    }
    let mut contrib: Vec<Vec<Vec<f64>>> = doms
        .iter()
        .map(|d| vec![vec![0.0; eqs.len()]; d.map_or(0, |d| d.len())])
        .collect();
    for (e, eq) in eqs.iter().enumerate() {
        for &(r, c, coef) in &eq.terms {
            in_eq[r] = true;
            let d = doms[r].expect("identities only over rows read");
            for (k, vals) in d.iter().enumerate() {
                contrib[r][k][e] += coef * vals[c].unwrap_or(0.0);
            }
        }
    }
    let mut supported: Vec<Vec<bool>> = doms
        .iter()
        .map(|d| vec![false; d.map_or(0, |d| d.len())])
        .collect();
    // Rows to search: in an identity, with more than one reading; the others are constants.
    let mut order: Vec<usize> = (0..nrows)
        .filter(|&r| in_eq[r] && doms[r].is_some_and(|d| d.len() > 1))
        .collect();
    order.sort_by_key(|&r| doms[r].map_or(0, |d| d.len()));
    let mut base = vec![0.0; eqs.len()];
    for r in 0..nrows {
        let Some(d) = doms[r] else { continue };
        if !order.contains(&r) {
            supported[r] = vec![true; d.len()];
            if d.len() == 1 {
                for (b, c) in base.iter_mut().zip(&contrib[r][0]) {
                    *b += c;
                }
            }
        }
    }
    let mut assign: Vec<usize> = vec![0; nrows];
    let mut any = false;
    for oi in 0..order.len() {
        let r = order[oi];
        for k in 0..supported[r].len() {
            if supported[r][k] {
                continue;
            }
            let q = Query {
                order: &order,
                contrib: &contrib,
                fixed: (r, k),
                extra,
                neq: eqs.len(),
            };
            let rest = q.rest_bounds();
            let mut sums = base.clone();
            match q.first(0, &rest, &mut sums, &mut assign, budget) {
                Some(true) => {
                    any = true;
                    for &u in &order {
                        supported[u][assign[u]] = true;
                    }
                }
                Some(false) => {}
                None => return Outcome::GaveUp,
            }
        }
        if !any {
            // The first row searched has no reading in any solution: there is none.
            return Outcome::Unsat;
        }
    }
    if order.is_empty() {
        // Only constants: the identities hold or not.
        if *budget == 0 {
            return Outcome::GaveUp;
        }
        *budget -= 1;
        let ok = base.iter().all(|s| s.abs() < 1e-6) && extra.is_none_or(|f| f(&assign));
        if !ok {
            return Outcome::Unsat;
        }
    }
    Outcome::Sat(supported)
}

struct Query<'q> {
    order: &'q [usize],
    contrib: &'q [Vec<Vec<f64>>],
    fixed: (usize, usize),
    extra: Option<Extra<'q>>,
    neq: usize,
}

impl Query<'_> {
    fn readings(&self, r: usize) -> Range<usize> {
        if r == self.fixed.0 {
            self.fixed.1..self.fixed.1 + 1
        } else {
            0..self.contrib[r].len()
        }
    }

    /// rest[d][e] = (min, max) that the rows order[d..] can still add to identity e.
    fn rest_bounds(&self) -> Vec<Vec<(f64, f64)>> {
        let mut rest = vec![vec![(0.0, 0.0); self.neq]; self.order.len() + 1];
        for d in (0..self.order.len()).rev() {
            let r = self.order[d];
            let (now, after) = rest.split_at_mut(d + 1);
            for (e, (slot, next)) in now[d].iter_mut().zip(&after[0]).enumerate() {
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for k in self.readings(r) {
                    lo = lo.min(self.contrib[r][k][e]);
                    hi = hi.max(self.contrib[r][k][e]);
                }
                *slot = (next.0 + lo, next.1 + hi);
            }
        }
        rest
    }

    /// Depth-first search for one solution; None when the budget runs out.
    fn first(
        &self,
        d: usize,
        rest: &[Vec<(f64, f64)>],
        sums: &mut [f64],
        assign: &mut [usize],
        budget: &mut usize,
    ) -> Option<bool> {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let feasible = sums
            .iter()
            .zip(&rest[d])
            .all(|(s, (lo, hi))| s + lo <= 1e-6 && s + hi >= -1e-6);
        if !feasible {
            return Some(false);
        }
        if d == self.order.len() {
            return Some(self.extra.is_none_or(|f| f(assign)));
        }
        let r = self.order[d];
        for k in self.readings(r) {
            assign[r] = k;
            for (s, c) in sums.iter_mut().zip(&self.contrib[r][k]) {
                *s += c;
            }
            let found = self.first(d + 1, rest, sums, assign, budget);
            for (s, c) in sums.iter_mut().zip(&self.contrib[r][k]) {
                *s -= c;
            }
            match found {
                Some(false) => {}
                other => return other,
            }
        }
        Some(false)
    }
}

const ROW_SUM: &str = "row 总计 = Σ applicant columns";
const RESULTS_SUM: &str = "（七）总计 = Σ result rows";
const BALANCE: &str = "一 + 二 = （七）总计 + 四";

/// What the solver says about a row of table 三 that had several readings.
pub struct SolvedRow {
    /// Per column: the pinned cell (with `why`), or None.
    pub cells: Vec<Option<Resolved>>,
}

/// Table 三 solved as a whole. `rows[p]` is the reading of template row `order[p]` (None: not
/// read). Every row's readings already satisfy its own sum; here they are held against the
/// column identities of the template at once — （七）总计 = the sum of the result rows, and
/// 一 + 二 = （七）+ 四 — in every column, then (only as extra evidence, among the readings the
/// table allows) against the number of applications the prose states (`prose`: the phrase and
/// the number, which reports give as 新收 or as 新收 + 结转). A cell is pinned when every
/// surviving reading gives it one value. Returns, for each row with several readings, what is
/// pinned, and warnings for what is left out.
pub fn solve_requests(
    order: &[&RowDef],
    rows: &[Option<RowReading>],
    prose: Option<(&str, f64)>,
) -> (Vec<Option<SolvedRow>>, Vec<String>) {
    let mut warnings = Vec::new();
    let ambiguous: Vec<usize> = (0..rows.len())
        .filter(|&p| {
            rows[p]
                .as_ref()
                .is_some_and(|r| r.unique().is_none() && !r.mismatch())
        })
        .collect();
    let mut out: Vec<Option<SolvedRow>> = (0..rows.len()).map(|_| None).collect();
    if ambiguous.is_empty() {
        return (out, warnings);
    }
    let domains: Vec<Option<Domain>> = rows
        .iter()
        .map(|r| {
            let r = r.as_ref()?;
            (r.complete && !r.cands.is_empty()).then(|| {
                r.cands
                    .iter()
                    .map(|c| c.iter().map(|x| x.value).collect())
                    .collect()
            })
        })
        .collect();
    let doms: Vec<Option<&Domain>> = domains.iter().map(|d| d.as_ref()).collect();
    let pos = |key: &str| order.iter().position(|r| r.key == key);
    let totals = [
        "new_received",
        "carried_over",
        "total_processed",
        "carried_forward",
    ];
    let results: Vec<usize> = (0..order.len())
        .filter(|&p| !totals.contains(&order[p].key))
        .collect();
    let [new, carried, tp, fwd] = totals.map(pos);
    // The identities that every row they touch lets us use: read, fully enumerated, and (in
    // the 总计 column, where a blank is "not printed" rather than 0) never blank.
    let usable = |terms: &[(usize, usize, f64)]| {
        terms.iter().all(|&(r, c, _)| {
            doms[r].is_some_and(|d| c < 6 || d.iter().all(|vals| vals[c].is_some()))
        })
    };
    let mut eqs: Vec<Eq> = Vec::new();
    for c in 0..7 {
        if let Some(tp) = tp {
            let mut terms: Vec<(usize, usize, f64)> =
                results.iter().map(|&r| (r, c, 1.0)).collect();
            terms.push((tp, c, -1.0));
            if usable(&terms) {
                eqs.push(Eq {
                    terms,
                    col: c,
                    what: RESULTS_SUM,
                });
            }
        }
        if let (Some(a), Some(b), Some(t), Some(f)) = (new, carried, tp, fwd) {
            let terms = vec![(a, c, 1.0), (b, c, 1.0), (t, c, -1.0), (f, c, -1.0)];
            if usable(&terms) {
                eqs.push(Eq {
                    terms,
                    col: c,
                    what: BALANCE,
                });
            }
        }
    }
    let mut budget = MAX_NODES;
    let all: Vec<&Eq> = eqs.iter().collect();
    let row_level = |p: usize| rows[p].as_ref().unwrap().agreed();
    let surviving = |p: usize, sup: &[Vec<bool>]| -> Vec<Option<Resolved>> {
        let r = rows[p].as_ref().unwrap();
        agreed(
            r.cands
                .iter()
                .zip(&sup[p])
                .filter(|(_, s)| **s)
                .map(|(c, _)| c.as_slice()),
            r.complete,
            r.n,
        )
    };
    let mut table: Option<Vec<Vec<bool>>> = None;
    if !all.is_empty() {
        match solve(&doms, &all, None, &[], &mut budget) {
            Outcome::Sat(sup) => table = Some(sup),
            Outcome::Unsat => warnings.push(format!(
                "table 三: the column sums ({RESULTS_SUM}; {BALANCE}) hold for no reading of the digit runs; each run is read by its own row's sum only"
            )),
            Outcome::GaveUp => warnings.push(
                "table 三: too many readings of the digit runs to hold against the column sums; each run is read by its own row's sum only".into(),
            ),
        }
    }
    // Prose, only as extra evidence: narrows the readings the table allows, never overrides.
    let mut with_prose: Option<(Vec<Vec<bool>>, String)> = None;
    if let (Some((phrase, n)), Some(new), Some(sup)) = (prose, new, table.as_ref()) {
        let open = |p: Option<usize>| {
            p.is_some_and(|p| ambiguous.contains(&p) && surviving(p, sup)[6].is_none())
        };
        if (open(Some(new)) || open(carried)) && doms[new].is_some() {
            let doms_p: Vec<Option<&Domain>> = doms.clone();
            let carried_dom = carried.and_then(|c| doms[c].map(|d| (c, d)));
            let new_dom = doms[new].unwrap();
            let claim = move |a: &[usize]| -> bool {
                let Some(nt) = new_dom[a[new]][6] else {
                    return false;
                };
                let ct = carried_dom.and_then(|(c, d)| d[a[c]][6]);
                (nt - n).abs() < 1e-9 || ct.is_some_and(|ct| (nt + ct - n).abs() < 1e-9)
            };
            let extra_rows: Vec<usize> = [Some(new), carried].into_iter().flatten().collect();
            if let Outcome::Sat(sup) = solve(&doms_p, &all, Some(&claim), &extra_rows, &mut budget)
            {
                with_prose = Some((sup, phrase.to_string()));
            }
        }
    }
    // Explanations: the fewest identities, in the cell's own column first, that pin it.
    // Solves of subsets of the identities: (identity indices, rows' supported readings).
    type Support = Option<Vec<Vec<bool>>>;
    let mut cache: Vec<(Vec<usize>, Support)> = Vec::new();
    let mut explain = |p: usize, c: usize, v: Option<f64>, budget: &mut usize| -> String {
        let mine: Vec<usize> = (0..eqs.len()).filter(|&e| eqs[e].col == c).collect();
        let mut tries: Vec<Vec<usize>> = mine.iter().map(|&e| vec![e]).collect();
        if mine.len() > 1 {
            tries.push(mine.clone());
        }
        for set in tries {
            let idx = match cache.iter().position(|(s, _)| *s == set) {
                Some(i) => i,
                None => {
                    let sel: Vec<&Eq> = set.iter().map(|&e| &eqs[e]).collect();
                    let sup = match solve(&doms, &sel, None, &[], budget) {
                        Outcome::Sat(s) => Some(s),
                        _ => None,
                    };
                    cache.push((set.clone(), sup));
                    cache.len() - 1
                }
            };
            if let Some(sup) = &cache[idx].1 {
                if surviving(p, sup)[c].as_ref().is_some_and(|r| r.value == v) {
                    let whats: Vec<&str> = set.iter().map(|&e| eqs[e].what).collect();
                    return format!(
                        "column {}: {}; {ROW_SUM}",
                        REQUEST_COLUMNS[c].label,
                        whats.join("; ")
                    );
                }
            }
        }
        format!("the column sums of every column together ({RESULTS_SUM}; {BALANCE}); {ROW_SUM}")
    };
    for &p in &ambiguous {
        let r = rows[p].as_ref().unwrap();
        let by_row = row_level(p);
        let by_table = table.as_ref().map(|s| surviving(p, s));
        let by_prose = with_prose.as_ref().map(|(s, _)| surviving(p, s));
        let best = by_prose
            .clone()
            .or(by_table.clone())
            .unwrap_or(by_row.clone());
        let pieces: Vec<String> = best
            .iter()
            .map(|x| match x {
                Some(x) => x
                    .value
                    .map_or("∅".into(), |v| crate::model::Num(v).to_string()),
                None => "?".into(),
            })
            .collect();
        let n_row = r.count();
        let mut cells = Vec::new();
        for c in 0..best.len() {
            let Some(mut cell) = best[c].clone() else {
                cells.push(None);
                continue;
            };
            let shown = cell
                .value
                .map_or("blank".into(), |v| crate::model::Num(v).to_string());
            let why = if by_row[c].is_some() {
                format!("{ROW_SUM}: all {n_row} readings of the run that satisfy it give this cell {shown}")
            } else if by_table.as_ref().is_some_and(|t| t[c].is_some()) {
                format!(
                    "{}: every reading of the table that satisfies them gives this cell {shown} (the run alone has {n_row} readings that satisfy its row's sum)",
                    explain(p, c, cell.value, &mut budget)
                )
            } else {
                let phrase = with_prose.as_ref().map_or("", |(_, s)| s.as_str());
                format!(
                    "the column sums ({RESULTS_SUM}; {BALANCE}); {ROW_SUM}; and the prose '{phrase}' (新收, or 新收 + 结转): every reading of the table that satisfies them gives this cell {shown}"
                )
            };
            cell.why = Some((pieces.clone(), why));
            cells.push(Some(cell));
        }
        let left: Vec<&str> = (0..cells.len())
            .filter(|&c| cells[c].is_none())
            .map(|c| REQUEST_COLUMNS[c].label)
            .collect();
        if !left.is_empty() {
            let readings = match n_row {
                usize::MAX => "too many readings to tell".to_string(),
                k => format!("{k} readings that satisfy its row's sum"),
            };
            let by_all = if table.is_some() {
                " and the column sums"
            } else {
                ""
            };
            warnings.push(if left.len() == cells.len() {
                format!(
                    "table 三: {} printed as '{}' has {readings}; no cell is forced by them{by_all}; left out",
                    order[p].label, r.printed
                )
            } else {
                format!(
                    "table 三: {} printed as '{}' has {readings}; {} not forced by them{by_all}; left out",
                    order[p].label,
                    r.printed,
                    left.join(", ")
                )
            });
        }
        if cells.iter().any(|c| c.is_some()) {
            out[p] = Some(SolvedRow { cells });
        }
    }
    (out, warnings)
}

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
            has_run: false,
            full: 1,
            n,
        }
    }

    /// The cells this row alone pins (`sums`: its own constraint, in words): all of them when
    /// it has one reading; else those every reading agrees on, with the reason.
    pub fn pin(&self, sums: &str) -> Vec<Option<Resolved>> {
        let mut cells = self.agreed();
        if self.cands.len() > 1 {
            let pieces: Vec<String> = cells
                .iter()
                .map(|x| match x {
                    Some(x) => x
                        .value
                        .map_or("∅".into(), |v| crate::model::Num(v).to_string()),
                    None => "?".into(),
                })
                .collect();
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

/// A row of table 二: no sum checks it, so a run is read allowing for blank cells too, and a
/// cell is kept only when every reading gives it one value; figures the prose states about the
/// row (`prose`) narrow the readings, only as evidence. The pinned cells (None: left out) and a
/// warning for what is left out.
pub fn disclosure_row<'p>(
    items: &[CellTok],
    def: &RowDef,
    prose: &dyn Fn() -> &'p [ProseFigure],
) -> (Vec<Option<Resolved>>, Option<String>) {
    let n = def.columns.len();
    let kinds: Vec<ColKind> = def.columns.iter().map(|c| kind_of(c.key)).collect();
    let mut reading = read_row(items, n, Some(&kinds), true, None, &|_| true);
    if reading.mismatch() {
        let w = format!(
            "table 二: row {} has {} cells where {n} are expected; left out",
            def.label, reading.found
        );
        return (vec![None; n], Some(w));
    }
    let mut pinned = reading.pin("no sum checks this row; read allowing for blank cells");
    if reading.complete && pinned.iter().any(|c| c.is_none()) {
        // Figures the prose states about this row, only as evidence: each narrows the readings
        // to those that print it, unless none does (then it is about something else).
        let before = reading.cands.len();
        let mut used: Vec<&str> = Vec::new();
        for f in prose().iter().filter(|f| f.row == def.key) {
            let Some(c) = def.columns.iter().position(|c| c.key == f.col) else {
                continue;
            };
            let keep = |r: &Vec<Resolved>| r[c].value == Some(f.value);
            if reading.cands.iter().any(keep) && !reading.cands.iter().all(keep) {
                reading.cands.retain(keep);
                used.push(&f.phrase);
            }
        }
        if !used.is_empty() {
            let phrases = used
                .iter()
                .map(|p| format!("'{p}'"))
                .collect::<Vec<_>>()
                .join(", ");
            let narrowed = reading.agreed();
            let pieces: Vec<String> = narrowed
                .iter()
                .map(|x| x.as_ref().map_or("?".into(), |x| shown(x.value)))
                .collect();
            for (p, x) in pinned.iter_mut().zip(narrowed) {
                if let (None, Some(mut x)) = (p.as_ref(), x) {
                    x.why = Some((
                        pieces.clone(),
                        format!(
                            "no sum checks this row; of the run's {before} readings (allowing for blank cells), only those that print what the prose states ({phrases}) remain, and they all give this cell {}",
                            shown(x.value)
                        ),
                    ));
                    *p = Some(x);
                }
            }
        }
    }
    let left: Vec<&str> = def
        .columns
        .iter()
        .zip(&pinned)
        .filter(|(_, p)| p.is_none())
        .map(|(c, _)| c.label)
        .collect();
    let warning = if left.is_empty() {
        None
    } else if left.len() == n {
        Some(format!(
            "table 二: {} printed as '{}' has {}; left out",
            def.label,
            reading.printed,
            reading.describe()
        ))
    } else {
        Some(format!(
            "table 二: {} printed as '{}' has {}; {} left out",
            def.label,
            reading.printed,
            reading.describe(),
            left.join(", ")
        ))
    };
    (pinned, warning)
}

/// Table 四's fifteen cells (three groups: 总计 = 维持+纠正+其他+未审结): the cells every reading
/// that satisfies the group sums agrees on, and a warning for what is left out.
pub fn review_row(items: &[CellTok]) -> (Vec<Option<Resolved>>, Option<String>) {
    let reading = read_row(
        items,
        15,
        Some(&[ColKind::Count; 15]),
        false,
        Some(5),
        &review_sums,
    );
    if reading.mismatch() {
        let w = format!(
            "table 四: found {} cells where 15 are expected; left out",
            reading.found
        );
        return (vec![None; 15], Some(w));
    }
    let pinned = reading.pin("总计 = 维持+纠正+其他+未审结 per group");
    let warning = if pinned.iter().all(|c| c.is_none()) {
        Some(if reading.complete {
            if reading.cands.is_empty() {
                format!(
                    "table 四: 行政复议、行政诉讼 printed as '{}' has no split that satisfies the row's sums; left out",
                    reading.printed
                )
            } else {
                format!(
                    "table 四: 行政复议、行政诉讼 printed as '{}' has {} possible splits; left out",
                    reading.printed,
                    reading.cands.len()
                )
            }
        } else {
            format!(
                "table 四: 行政复议、行政诉讼 printed as '{}' is too long a run of digits to split; left out",
                reading.printed
            )
        })
    } else if pinned.iter().any(|c| c.is_none()) {
        Some(format!(
            "table 四: '{}' has {} readings that satisfy the group sums; the cells they disagree on are left out",
            reading.printed,
            reading.cands.len()
        ))
    } else {
        None
    };
    (pinned, warning)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;
    use crate::model::Template;

    /// A printed run ("23 0 00 0 023") as the cell scanner gives it, at byte `at`.
    fn run_at(text: &str, at: usize) -> CellTok {
        let mut groups = Vec::new();
        let mut off = at;
        for g in text.split(' ') {
            if !g.is_empty() {
                groups.push(super::super::cells::Group {
                    text: g.to_string(),
                    range: off..off + g.len(),
                });
            }
            off += g.len() + 1;
        }
        CellTok {
            kind: CellKind::Blob(groups),
            range: at..at + text.len(),
        }
    }

    fn row_reading(text: &str) -> RowReading {
        read_row(
            &[run_at(text, 0)],
            7,
            Some(&[ColKind::Count; 7]),
            false,
            Some(7),
            &requests_row_sum,
        )
    }

    fn glue(vals: &[u32]) -> String {
        let mut v: Vec<String> = vals.iter().map(|x| x.to_string()).collect();
        v.push(vals.iter().sum::<u32>().to_string());
        v.concat()
    }

    /// Table 三 of the 2021 format from each row's six applicant figures (总计 appended), every
    /// row printed as one glued run.
    fn table(rows: &[(&str, [u32; 6])]) -> (Vec<&'static RowDef>, Vec<Option<RowReading>>) {
        let order = template::request_rows(Template::Y2021);
        let readings = order
            .iter()
            .map(|d| {
                let (_, v) = rows.iter().find(|(k, _)| *k == d.key)?;
                Some(row_reading(&glue(v)))
            })
            .collect();
        (order, readings)
    }

    fn value(s: &SolvedRow, col: usize) -> Option<f64> {
        s.cells[col].as_ref().and_then(|r| r.value)
    }

    /// Every result row of 2021 with its figures; `with` overrides some.
    fn rows_2021(with: &[(&'static str, [u32; 6])]) -> Vec<(&'static str, [u32; 6])> {
        let mut rows: Vec<(&'static str, [u32; 6])> = template::request_rows(Template::Y2021)
            .iter()
            .map(|d| (d.key, [0; 6]))
            .collect();
        for (k, v) in with {
            rows.iter_mut().find(|(r, _)| r == k).unwrap().1 = *v;
        }
        rows
    }

    #[test]
    fn the_only_split_is_not_taken_when_it_breaks_the_row_sum() {
        // [258, 12, ∅, ∅, 1, 1, ∅] printed with its blanks dropped: seven digits, one reading.
        let r = row_reading("2581211");
        assert!(r.unique().is_none());
        assert!(r.cands.is_empty() && r.complete);
        assert!(matches!(
            fit(&[run_at("2581211", 0)], 7, &requests_row_sum),
            Fit::Ambiguous { candidates: 0, .. }
        ));
    }

    #[test]
    fn as_many_groups_as_cells_is_read_as_printed() {
        // A report whose own 总计 cells are 0 (huaian-hongze-2023): no split is made, so the
        // sums do not apply and the figures stay as printed.
        let (cells, warning) = review_row(&[run_at("10 1 0 0 0 0 0 0 0 0 5 0 0 0 0", 0)]);
        let v: Vec<Option<f64>> = cells.iter().map(|c| c.as_ref().unwrap().value).collect();
        assert_eq!(
            v[..5],
            [Some(10.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0)]
        );
        assert!(warning.is_none());
        let why = &cells[0].as_ref().unwrap().why.as_ref().unwrap().1;
        assert!(why.contains("one cell per group, as printed"), "{why}");
    }

    #[test]
    fn a_row_without_sums_pins_only_what_blank_cells_cannot_change() {
        let rules = &template::DISCLOSURE_2019[0];
        // '125' may be 1/2/5, 12/5/∅, 1/25/∅, 125/∅/∅, ∅/12/5…: nothing is forced.
        let (cells, w) = disclosure_row(&[run_at("125", 0)], rules, &|| &[]);
        assert!(cells.iter().all(|c| c.is_none()));
        assert!(w
            .unwrap()
            .contains("'125' has 1 possible splits (10 readings allowing for blank cells)"));
        // '5 12' (a layout line with a blank cell between): 5/1/2 is not the only reading.
        let (cells, _) = disclosure_row(&[run_at("5 12", 0)], rules, &|| &[]);
        assert!(cells.iter().all(|c| c.is_none()));
        // '000' has one reading even allowing for blanks (no piece starts with 0 but 0).
        let (cells, w) = disclosure_row(&[run_at("000", 0)], rules, &|| &[]);
        assert!(cells.iter().all(|c| c.as_ref().unwrap().value == Some(0.0)));
        assert!(w.is_none());
        // 上一年项目数量 20, 本年增/减 -9, 处理决定数量 7447 glued: only 本年增/减 may be
        // negative, so 20 is forced; -9/7447 or -97447/∅ is not.
        let other = &template::DISCLOSURE_2019[3];
        let (cells, w) = disclosure_row(&[run_at("20 -97447", 0)], other, &|| &[]);
        assert_eq!(cells[0].as_ref().unwrap().value, Some(20.0));
        assert!(cells[1].is_none() && cells[2].is_none());
        assert!(w.unwrap().contains("本年增/减, 处理决定数量 left out"));
    }

    #[test]
    fn a_run_ambiguous_in_its_row_is_forced_by_the_column_sums() {
        // 部分公开 99/0/0/0/2/0 = 101 printed '9900020101' also reads 9/90/0/0/2/0 = 101; the
        // other rows and （七）总计 settle it.
        let rows = rows_2021(&[
            ("new_received", [150, 0, 0, 0, 2, 0]),
            ("disclosed", [51, 0, 0, 0, 0, 0]),
            ("partially_disclosed", [99, 0, 0, 0, 2, 0]),
            ("total_processed", [150, 0, 0, 0, 2, 0]),
        ]);
        let (order, readings) = table(&rows);
        let p = order
            .iter()
            .position(|d| d.key == "partially_disclosed")
            .unwrap();
        assert_eq!(readings[p].as_ref().unwrap().cands.len(), 2);
        let (solved, warnings) = solve_requests(&order, &readings, None);
        let s = solved[p].as_ref().unwrap();
        assert_eq!(value(s, 0), Some(99.0));
        assert_eq!(value(s, 1), Some(0.0));
        assert_eq!(value(s, 6), Some(101.0));
        assert!(warnings.is_empty(), "{warnings:?}");
        let (pieces, why) = s.cells[0].as_ref().unwrap().why.clone().unwrap();
        assert_eq!(pieces, ["99", "0", "0", "0", "2", "0", "101"]);
        assert!(
            why.starts_with("column 自然人: （七）总计 = Σ result rows"),
            "{why}"
        );
        assert!(why.contains("(the run alone has 2 readings"), "{why}");
        // 总计 is the same in both readings: the row's own sum pins it.
        let why = &s.cells[6].as_ref().unwrap().why.as_ref().unwrap().1;
        assert!(
            why.starts_with("row 总计 = Σ applicant columns: all 2 readings"),
            "{why}"
        );
    }

    #[test]
    fn a_run_the_sums_do_not_force_is_left_out_with_a_warning() {
        // Two rows printed '9900020101' whose readings can swap without changing any column sum:
        // 99 + 9 = 9 + 99 in 自然人, 0 + 90 = 90 + 0 in 商业企业.
        let rows = rows_2021(&[
            ("new_received", [108, 90, 0, 0, 4, 0]),
            ("partially_disclosed", [99, 0, 0, 0, 2, 0]),
            ("withheld_third_party", [9, 90, 0, 0, 2, 0]),
            ("total_processed", [108, 90, 0, 0, 4, 0]),
        ]);
        let (order, readings) = table(&rows);
        let (solved, warnings) = solve_requests(&order, &readings, None);
        for key in ["partially_disclosed", "withheld_third_party"] {
            let p = order.iter().position(|d| d.key == key).unwrap();
            let s = solved[p].as_ref().unwrap();
            assert_eq!((value(s, 0), value(s, 1)), (None, None));
            assert_eq!((value(s, 4), value(s, 6)), (Some(2.0), Some(101.0)));
        }
        assert!(
            warnings.iter().any(|w| w.contains("'9900020101' has 2 readings that satisfy its row's sum; 自然人, 商业企业 not forced by them and the column sums; left out")),
            "{warnings:?}"
        );
    }

    #[test]
    fn column_sums_that_no_reading_satisfies_fall_back_to_the_rows() {
        // （七）总计 printed 0 while a result row has figures: no reading satisfies the column
        // sums, so each run keeps only what its own row forces.
        let rows = rows_2021(&[
            ("new_received", [99, 0, 0, 0, 2, 0]),
            ("partially_disclosed", [99, 0, 0, 0, 2, 0]),
        ]);
        let (order, readings) = table(&rows);
        let (solved, warnings) = solve_requests(&order, &readings, None);
        let p = order
            .iter()
            .position(|d| d.key == "partially_disclosed")
            .unwrap();
        let s = solved[p].as_ref().unwrap();
        assert_eq!((value(s, 0), value(s, 6)), (None, Some(101.0)));
        assert!(
            warnings.iter().any(|w| w.contains("hold for no reading")),
            "{warnings:?}"
        );
    }

    fn reading_of(cands: &[[f64; 7]]) -> RowReading {
        let cell = |v: f64| Resolved {
            value: Some(v),
            range: 0..0,
            semantic: Semantic::Number,
            split: Some((0..1, vec![])),
            why: None,
        };
        let cands: Vec<Vec<Resolved>> = cands
            .iter()
            .map(|c| c.iter().map(|&v| cell(v)).collect())
            .collect();
        RowReading {
            full: cands.len(),
            splits: cands.len(),
            cands,
            complete: true,
            printed: "…".into(),
            found: 1,
            has_run: true,
            n: 7,
        }
    }

    #[test]
    fn the_prose_count_narrows_only_what_the_table_leaves_open() {
        // 新收 read two ways (74 or 75 in 自然人 and 总计) and no 结转下年度 row, so the balance
        // cannot decide; the prose's 76 applications is 新收 + 结转 (75 + 1) for one of them only.
        let order = template::request_rows(Template::Y2021);
        let readings = |with_forward: bool| -> Vec<Option<RowReading>> {
            order
                .iter()
                .map(|d| match d.key {
                    "new_received" => Some(reading_of(&[
                        [74.0, 0.0, 0.0, 0.0, 0.0, 0.0, 74.0],
                        [75.0, 0.0, 0.0, 0.0, 0.0, 0.0, 75.0],
                    ])),
                    "carried_over" => Some(reading_of(&[[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]])),
                    "carried_forward" if !with_forward => None,
                    "disclosed" | "total_processed" => {
                        Some(reading_of(&[[76.0, 0.0, 0.0, 0.0, 0.0, 0.0, 76.0]]))
                    }
                    _ => Some(reading_of(&[[0.0; 7]])),
                })
                .collect()
        };
        let rs = readings(false);
        let (solved, _) = solve_requests(&order, &rs, Some(("收到政府信息公开申请76件", 76.0)));
        let s = solved[0].as_ref().unwrap();
        assert_eq!((value(s, 0), value(s, 6)), (Some(75.0), Some(75.0)));
        let why = &s.cells[6].as_ref().unwrap().why.as_ref().unwrap().1;
        assert!(
            why.contains("the prose '收到政府信息公开申请76件'"),
            "{why}"
        );
        // A prose figure no reading fits is ignored, not forced on the table.
        let (solved, w) = solve_requests(&order, &rs, Some(("收到申请9件", 9.0)));
        assert!(solved[0].as_ref().is_none_or(|s| value(s, 6).is_none()));
        assert!(
            w.iter()
                .any(|w| w.contains("自然人") && w.contains("left out")),
            "{w:?}"
        );
        // With 结转下年度 printed (0), the balance decides without the prose: 74 + 1 ≠ 76 + 0.
        let rs = readings(true);
        let (solved, _) = solve_requests(&order, &rs, None);
        let s = solved[0].as_ref().unwrap();
        assert_eq!(value(s, 6), Some(75.0));
        let why = &s.cells[6].as_ref().unwrap().why.as_ref().unwrap().1;
        assert!(
            why.starts_with("column 总计: 一 + 二 = （七）总计 + 四"),
            "{why}"
        );
    }

    #[test]
    fn figures_the_prose_states_narrow_a_table_two_row() {
        let prose = "设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。清理规章制度12项。";
        let figs = disclosure_prose_figures(prose);
        let got: Vec<(&str, &str, f64)> = figs.iter().map(|f| (f.row, f.col, f.value)).collect();
        assert_eq!(
            got,
            [
                ("normative_documents", "in_force", 698.0),
                ("normative_documents", "issued", 88.0)
            ]
        );
        let docs = &template::DISCLOSURE_2021[1];
        let (cells, w) = disclosure_row(&[run_at("8855698", 0)], docs, &|| &figs);
        let v: Vec<Option<f64>> = cells.iter().map(|c| c.as_ref().unwrap().value).collect();
        assert_eq!(v, [Some(88.0), Some(55.0), Some(698.0)]);
        assert!(w.is_none());
        // Without the prose: left out.
        let (cells, w) = disclosure_row(&[run_at("8855698", 0)], docs, &|| &[]);
        assert!(cells.iter().all(|c| c.is_none()));
        assert!(w
            .unwrap()
            .contains("15 possible splits (36 readings allowing for blank cells)"));
        // A figure no reading prints is about something else: ignored.
        let other = disclosure_prose_figures("现行有效行政规范性文件7件");
        let (cells, _) = disclosure_row(&[run_at("8855698", 0)], docs, &|| &other);
        assert!(cells.iter().all(|c| c.is_none()));
        // Two different numbers for one cell: neither is used.
        assert!(disclosure_prose_figures("现行有效规章5件。现行有效规章6件。").is_empty());
    }

    #[test]
    fn hostile_runs_stay_fast() {
        // A long run: the enumeration of its splits is bounded.
        let t = std::time::Instant::now();
        let (cells, w) = review_row(&[run_at(&"10".repeat(60), 0)]);
        assert!(cells.iter().all(|c| c.is_none()));
        assert!(w.unwrap().contains("left out"));
        let r = row_reading(&"1".repeat(40));
        assert!(!r.complete && r.cands.is_empty());
        // The search over rows: every result row with two readings, 0/2 or 2/0 in 自然人/商业企业,
        // against （七）总计 21/21 — odd, so no assignment fits, and no bound rules a branch out
        // early (2^21 assignments): the node budget stops it and each run is read by its own
        // row only.
        let order = template::request_rows(Template::Y2021);
        let readings: Vec<Option<RowReading>> = order
            .iter()
            .map(|d| {
                Some(match d.key {
                    "total_processed" | "new_received" => {
                        reading_of(&[[21.0, 21.0, 0.0, 0.0, 0.0, 0.0, 42.0]])
                    }
                    "carried_over" | "carried_forward" => reading_of(&[[0.0; 7]]),
                    _ => reading_of(&[
                        [0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 2.0],
                        [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
                    ]),
                })
            })
            .collect();
        let (solved, warnings) = solve_requests(&order, &readings, None);
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("too many readings of the digit runs")),
            "{warnings:?}"
        );
        assert!(solved.iter().flatten().all(|s| s.cells[0].is_none()));
        assert!(
            t.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            t.elapsed()
        );
    }
}

/// A figure of table 二 that the prose states ("现行有效行政规范性文件698件").
#[derive(Debug, Clone)]
pub struct ProseFigure {
    pub row: &'static str,
    pub col: &'static str,
    pub value: f64,
    pub phrase: String,
}

/// The figures of table 二's 规章 and 规范性文件 rows (2021 columns: 本年制发 / 本年废止 / 现行有效)
/// that the prose states; a cell stated twice with different numbers is dropped.
pub fn disclosure_prose_figures(prose: &str) -> Vec<ProseFigure> {
    use regex::Regex;
    use std::sync::OnceLock;
    static RES: OnceLock<Vec<(&'static str, &'static str, Regex)>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        let mut v = Vec::new();
        for (row, doc) in [
            ("normative_documents", "(?:行政)?规范性文件"),
            ("rules", "(?:政府)?规章"),
        ] {
            for (col, verb) in [
                ("in_force", "现行有效(?:的)?"),
                ("issued", "(?:制发|印发|出台|新制定|制定)(?:了)?(?:的)?"),
                ("repealed", "废止(?:了)?(?:的)?"),
            ] {
                let re = format!("{verb}{doc}(?:共|总数为|数量为)?(\\d+)(?:件|部|个)");
                v.push((row, col, Regex::new(&re).unwrap()));
            }
        }
        v
    });
    let compact: String = prose.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<ProseFigure> = Vec::new();
    let mut conflicted: Vec<(&str, &str)> = Vec::new();
    for (row, col, re) in res {
        for c in re.captures_iter(&compact) {
            let Ok(value) = c[1].parse::<f64>() else {
                continue;
            };
            match out.iter().position(|f| f.row == *row && f.col == *col) {
                Some(i) if out[i].value != value => conflicted.push((row, col)),
                Some(_) => {}
                None => out.push(ProseFigure {
                    row,
                    col,
                    value,
                    phrase: c[0].to_string(),
                }),
            }
        }
    }
    out.retain(|f| !conflicted.contains(&(f.row, f.col)));
    out
}
