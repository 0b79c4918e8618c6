//! Table 三 read as a whole: every row's readings (each already true to its own sum) held
//! together against the template's column identities — （七）总计 = the sum of the result rows,
//! and 一 + 二 = （七）+ 四 — and then, only as extra evidence, against the number of
//! applications the prose states; a bounded search finds which readings occur in some solution.

use super::{agreed, Resolved, RowReading};
use crate::model::template::{RowDef, REQUEST_COLUMNS};
use std::ops::Range;

/// Readings of one table row as the solver sees them: the values of each reading.
type Domain = Vec<Vec<Option<f64>>>;

/// A check on a complete assignment (reading index per row), e.g. the prose's figure.
type Extra<'x> = &'x dyn Fn(&[usize]) -> bool;

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
        let pieces = super::shown_cells(&best);
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
