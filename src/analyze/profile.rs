//! A unit's profile: each key figure and rate of one report placed among its peers' values
//! (quartiles, percentile, competition rank), with the math of [`super::rank`]. Pure functions
//! over numbers; which reports are peers and where the values come from is the caller's
//! business (`cmd/profile.rs` reads them from the index's columns).

use super::rank;
use serde::Serialize;

/// The key figures of a profile (and of the year-over-year rule of
/// [`super::anomalies`]): the request counts of table 三 一 (新收), 二 (上年结转), 三(七) (总计)
/// and 四 (结转下年度), and the totals of table 四 (行政复议, 未经复议直接起诉, 复议后起诉). A
/// profile adds every metric of `data/metrics.tsv` after them.
pub const KEY_FIGURES: &[&str] = &[
    "requests.new_received.total",
    "requests.carried_over.total",
    "requests.total_processed.total",
    "requests.carried_forward.total",
    "review_litigation.review.total",
    "review_litigation.litigation_direct.total",
    "review_litigation.litigation_after_review.total",
];

/// One figure or metric of the unit among its peers. Every field but `key`, `label` and `n` is
/// null when the unit has no value; the quartiles are null when no peer has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    pub key: String,
    pub label: String,
    pub value: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    /// 100 × (below + equal/2) / n, as `rank` defines it.
    pub percentile: Option<f64>,
    /// Competition rank, largest first: 1 + the peers with a larger value.
    pub rank: Option<usize>,
    /// Peers with a value (the unit included when it has one).
    pub n: usize,
}

/// Place `value` (the unit's) among `peers` (every peer's value, the unit's own included, in
/// any order; None for a peer without a value).
pub fn place(key: &str, label: &str, value: Option<f64>, peers: &[Option<f64>]) -> Placed {
    let valued: Vec<f64> = peers.iter().flatten().copied().collect();
    let q = rank::quartiles(&valued);
    let mut placed = Placed {
        key: key.to_string(),
        label: label.to_string(),
        value,
        p25: q.map(|q| q.p25),
        p50: q.map(|q| q.p50),
        p75: q.map(|q| q.p75),
        percentile: None,
        rank: None,
        n: valued.len(),
    };
    if let Some(x) = value {
        // The unit is one of the group: rank it with the same function `rank` uses.
        let items: Vec<(String, f64)> = valued.iter().map(|v| (String::new(), *v)).collect();
        if let Some(row) = rank::rank_groups(&items, false)
            .first()
            .and_then(|g| g.rows.iter().find(|r| r.value == x))
        {
            placed.rank = Some(row.rank);
            placed.percentile = Some(row.percentile);
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_is_placed_among_its_peers() {
        let peers = [Some(5.0), None, Some(1.0), Some(3.0), Some(3.0), Some(10.0)];
        let p = place("k", "K", Some(3.0), &peers);
        assert_eq!(p.n, 5);
        assert_eq!(p.rank, Some(3));
        assert_eq!(p.percentile, Some(40.0)); // (1 below + 2 equal / 2) / 5
        assert_eq!((p.p25, p.p50, p.p75), (Some(3.0), Some(3.0), Some(5.0)));
        let none = place("k", "K", None, &peers);
        assert_eq!((none.rank, none.percentile, none.n), (None, None, 5));
        assert_eq!(none.p50, Some(3.0));
        let alone = place("k", "K", Some(7.0), &[Some(7.0)]);
        assert_eq!((alone.rank, alone.percentile), (Some(1), Some(50.0)));
        assert_eq!(place("k", "K", None, &[None]).p25, None);
    }
}
