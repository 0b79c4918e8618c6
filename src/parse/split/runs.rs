//! The search for the ways a digit run can be split into a row's cells: the units a row is
//! made of (separate cells and printed digit groups), which pieces a cell of each kind may hold,
//! and a bounded depth-first enumeration that may also assume blank cells where a flattened
//! page dropped them.

use super::{single, ColKind, Resolved};
use crate::model::Semantic;
use crate::parse::cells::{CellKind, CellTok};
use std::ops::Range;

/// Upper bound on explored split states: keeps pathological digit runs linear.
const MAX_STATES: usize = 200_000;

/// The longest piece a run is split into. Counts and amounts beyond 15 digits are not exact in
/// an f64 (so no row sum could pick them), and without a bound a run of a million digits costs
/// a parse of every prefix.
const MAX_PIECE_LEN: usize = 15;

#[derive(Clone)]
pub(super) struct Piece {
    pub(super) value: Option<f64>,
    pub(super) resolved: Resolved,
}

/// A unit of the enumeration: a separate cell, or a printed digit group that may hold several.
pub(super) enum Atom<'a> {
    Cell(&'a CellTok),
    Group {
        text: &'a str,
        start: usize,
        run: Range<usize>,
        run_groups: Vec<String>,
    },
}

impl Atom<'_> {
    pub(super) fn min_cells(&self) -> usize {
        1
    }
    pub(super) fn max_cells(&self) -> usize {
        match self {
            Atom::Cell(_) => 1,
            Atom::Group { text, .. } => text.chars().filter(|c| c.is_ascii_digit()).count().max(1),
        }
    }
}

pub(super) fn atoms<'a>(items: &[&'a CellTok]) -> Vec<Atom<'a>> {
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
pub(super) struct Env<'e, 'a> {
    pub(super) atoms: &'e [Atom<'a>],
    pub(super) n: usize,
    pub(super) min_rest: &'e [usize],
    pub(super) max_rest: &'e [usize],
    pub(super) kinds: Option<&'e [ColKind]>,
    pub(super) blanks: bool,
    pub(super) sum_groups: Option<usize>,
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

pub(super) fn dfs(
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
