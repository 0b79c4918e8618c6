//! Ranking values within groups: competition ranks, percentile ranks and quartiles. Pure
//! functions over numbers; what is ranked and how it is printed live elsewhere.
//!
//! Definitions (n = the number of values in the group, every value present):
//! - **rank**: competition ranking ("1224"): 1 + the number of values strictly better (greater,
//!   or smaller with `ascending`); equal values share a rank.
//! - **percentile** of a value x: 100 × (B + E/2) / n, where B is the number of values of the
//!   group strictly below x and E the number equal to x (x itself included). It places the value
//!   in the distribution whatever the ranking order: the largest of 4 distinct values is 87.5,
//!   the smallest 12.5, a group of one 50.
//! - **P25, P50, P75**: quantiles by linear interpolation between closest ranks (Hyndman & Fan
//!   type 7, as numpy's default, R's default and Excel's PERCENTILE.INC): with the values sorted
//!   ascending as v₀…vₙ₋₁ and h = (n − 1)·p, Q(p) = v⌊h⌋ + (h − ⌊h⌋)·(v⌊h⌋₊₁ − v⌊h⌋).

/// The quantile `p` (0…1) of values sorted ascending (none may be NaN); None for no values.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// P25, P50 and P75 of a group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
}

/// The quartiles of some values (in any order); None for no values.
pub fn quartiles(values: &[f64]) -> Option<Quartiles> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Some(Quartiles {
        p25: quantile(&v, 0.25)?,
        p50: quantile(&v, 0.5)?,
        p75: quantile(&v, 0.75)?,
    })
}

/// The percentile of `x` among `values` (see the module doc).
pub fn percentile(values: &[f64], x: f64) -> f64 {
    let below = values.iter().filter(|&&v| v < x).count() as f64;
    let equal = values.iter().filter(|&&v| v == x).count() as f64;
    100.0 * (below + equal / 2.0) / values.len().max(1) as f64
}

/// Competition ranks of the values, in input order.
pub fn competition_ranks(values: &[f64], ascending: bool) -> Vec<usize> {
    values
        .iter()
        .map(|&x| {
            1 + values
                .iter()
                .filter(|&&v| if ascending { v < x } else { v > x })
                .count()
        })
        .collect()
}

/// One ranked value.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// Its position in the input.
    pub item: usize,
    pub value: f64,
    pub rank: usize,
    pub percentile: f64,
}

/// One group, its values ranked best first (ties in input order).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRanking {
    pub group: String,
    pub n: usize,
    pub quartiles: Quartiles,
    pub rows: Vec<Ranked>,
}

/// Rank `(group, value)` items within their groups; groups in order of first appearance.
/// O(n log n) per group: ranks and percentiles come from the sorted values.
pub fn rank_groups(items: &[(String, f64)], ascending: bool) -> Vec<GroupRanking> {
    let mut order: Vec<&str> = Vec::new();
    let mut members: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, (g, _)) in items.iter().enumerate() {
        members
            .entry(g.as_str())
            .or_insert_with(|| {
                order.push(g.as_str());
                Vec::new()
            })
            .push(i);
    }
    order
        .into_iter()
        .map(|g| {
            let idx = &members[g];
            let mut sorted: Vec<f64> = idx.iter().map(|&i| items[i].1).collect();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            // Values below x and equal to x, by binary search on the sorted values.
            let below = |x: f64| sorted.partition_point(|&v| v < x);
            let not_above = |x: f64| sorted.partition_point(|&v| v <= x);
            let mut rows: Vec<Ranked> = idx
                .iter()
                .map(|&i| {
                    let x = items[i].1;
                    let (b, e) = (below(x), not_above(x) - below(x));
                    Ranked {
                        item: i,
                        value: x,
                        rank: 1 + if ascending { b } else { n - b - e },
                        percentile: 100.0 * (b as f64 + e as f64 / 2.0) / n as f64,
                    }
                })
                .collect();
            rows.sort_by_key(|r| (r.rank, r.item));
            GroupRanking {
                group: g.to_string(),
                n,
                quartiles: quartiles(&sorted).expect("a group has a value"),
                rows,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_closest_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.25), Some(1.75));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.75), Some(3.25));
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&v, 1.0), Some(4.0));
        assert_eq!(quantile(&[7.0], 0.25), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
        let q = quartiles(&[5.0, 1.0, 3.0, 2.0, 4.0]).unwrap();
        assert_eq!((q.p25, q.p50, q.p75), (2.0, 3.0, 4.0));
    }

    #[test]
    fn ties_share_a_rank() {
        let v = [0.5, 0.9, 0.5, 0.1];
        assert_eq!(competition_ranks(&v, false), vec![2, 1, 2, 4]);
        assert_eq!(competition_ranks(&v, true), vec![2, 4, 2, 1]);
        assert_eq!(percentile(&v, 0.9), 87.5);
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.1), 12.5);
        assert_eq!(percentile(&[3.0], 3.0), 50.0);
    }

    #[test]
    fn groups_rank_apart_and_agree_with_the_plain_functions() {
        let items: Vec<(String, f64)> = [
            ("a", 1.0),
            ("b", 10.0),
            ("a", 3.0),
            ("a", 3.0),
            ("b", 20.0),
            ("a", 2.0),
        ]
        .iter()
        .map(|(g, v)| (g.to_string(), *v))
        .collect();
        for asc in [false, true] {
            let groups = rank_groups(&items, asc);
            assert_eq!(groups.len(), 2);
            assert_eq!(groups[0].group, "a");
            for g in &groups {
                let vals: Vec<f64> = g.rows.iter().map(|r| r.value).collect();
                let ranks = competition_ranks(&vals, asc);
                for (r, want) in g.rows.iter().zip(ranks) {
                    assert_eq!(r.rank, want);
                    assert_eq!(r.percentile, percentile(&vals, r.value));
                }
                assert!(g.rows.windows(2).all(|w| w[0].rank <= w[1].rank));
                assert_eq!(Some(g.quartiles), quartiles(&vals));
            }
        }
        let a = &rank_groups(&items, false)[0];
        let ranks: Vec<(usize, usize)> = a.rows.iter().map(|r| (r.item, r.rank)).collect();
        assert_eq!(ranks, vec![(2, 1), (3, 1), (5, 3), (0, 4)]);
        assert_eq!(a.n, 4);
    }
}
