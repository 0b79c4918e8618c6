//! Ranking the indexed reports by a figure or a metric within groups (`gongkai rank`, the rank
//! page): the key resolved from an id or a Chinese label, the figures read from the index's
//! columns ([`crate::index::columns`]), the previous year joined where a metric needs it, and
//! the math of [`crate::analyze::rank`].

use super::Opened;
use crate::analyze::metrics::{self, Expr, Sample};
use crate::analyze::rank;
use crate::index::columns::{self, ReportRow};
use crate::index::query::Filters;
use crate::ingest::normalize::normalize_str;
use crate::model::{template, Num};
use crate::Error;
use std::collections::HashMap;
use std::sync::Arc;

/// What `rank --by` groups reports by.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Province,
    City,
    Level,
    Kind,
    Year,
}

/// What is ranked: a figure or a metric, as one formula.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    pub name: String,
    pub expr: Expr,
    /// A metric (a ratio, printed as a percentage) rather than a figure.
    pub metric: bool,
}

fn fold(s: &str) -> String {
    normalize_str(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// A figure key, a metric id, or a Chinese label (a metric's name, a figure's label, or parts of
/// a label joined by · such as 新收·总计); an unknown or ambiguous key is a usage error.
pub fn resolve(key: &str) -> Result<Target, String> {
    let key = key.trim();
    if let Some(m) = metrics::find(key) {
        return Ok(metric_target(m));
    }
    let figures = template::all_figure_keys();
    if let Some((k, label)) = figures.iter().find(|(k, _)| k == key) {
        return Ok(figure_target(k, label));
    }
    let q = fold(key);
    if q.is_empty() {
        return Err("rank: give a figure key, a metric id or a label".into());
    }
    // Exact names and labels first (公开率 is not 不予公开率), with or without the table number.
    let bare = |label: &str| label.split_once('·').map_or(label, |(_, l)| l).to_string();
    if let Some(m) = metrics::all().iter().find(|m| fold(&m.name) == q) {
        return Ok(metric_target(m));
    }
    if let Some((k, label)) = figures
        .iter()
        .find(|(_, l)| fold(l) == q || fold(&bare(l)) == q)
    {
        return Ok(figure_target(k, label));
    }
    let parts: Vec<&str> = q.split('·').filter(|p| !p.is_empty()).collect();
    let fits = |label: &str| {
        let l = fold(label);
        parts.iter().all(|p| l.contains(p))
    };
    let mut found: Vec<Target> = metrics::all()
        .iter()
        .filter(|m| fits(&m.name))
        .map(metric_target)
        .collect();
    found.extend(
        figures
            .iter()
            .filter(|(_, l)| fits(l))
            .map(|(k, l)| figure_target(k, l)),
    );
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "rank: '{key}' is no figure key, metric id or label (gongkai metrics lists the metrics; figure keys as in the spec, e.g. requests.new_received.total)"
        )),
        n => {
            let list: Vec<String> = found
                .iter()
                .take(12)
                .map(|t| format!("{} ({})", t.id, t.name))
                .collect();
            let more = if n > 12 {
                format!(", … {} more", n - 12)
            } else {
                String::new()
            };
            Err(format!(
                "rank: '{key}' is ambiguous, {n} candidates: {}{more}",
                list.join(", ")
            ))
        }
    }
}

fn metric_target(m: &metrics::Metric) -> Target {
    Target {
        id: m.id.clone(),
        name: m.name.clone(),
        expr: m.expr.clone(),
        metric: true,
    }
}

fn figure_target(key: &str, label: &str) -> Target {
    Target {
        id: key.to_string(),
        name: label.to_string(),
        expr: Expr::Key(key.to_string()),
        metric: false,
    }
}

/// One report's line of the ranking (or, `rank` None, a report without a value).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub rank: Option<usize>,
    pub n: Option<usize>,
    pub percentile: Option<f64>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub source: String,
    pub value: Option<f64>,
    pub group: String,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// A ranking: its groups (each with n and quartiles), and the reports left out.
pub struct Ranking {
    pub groups: Vec<rank::GroupRanking>,
    pub lines: Vec<Vec<Line>>,
    pub missing: Vec<Line>,
}

fn group_of(r: &ReportRow, by: Option<GroupBy>) -> (u8, String) {
    let unknown = || "(unknown)".to_string();
    match by {
        None => (0, "all".into()),
        Some(GroupBy::Province) => (
            0,
            r.province.as_deref().map_or_else(unknown, str::to_string),
        ),
        Some(GroupBy::City) => (0, r.city.as_deref().map_or_else(unknown, str::to_string)),
        Some(GroupBy::Level) => r
            .level
            .map_or((9, unknown()), |l| (l as u8, l.as_str().into())),
        Some(GroupBy::Kind) => r
            .kind
            .map_or((9, unknown()), |k| (k as u8, k.as_str().into())),
        Some(GroupBy::Year) => (0, r.year.map_or_else(unknown, |y| y.to_string())),
    }
}

impl Ranking {
    /// The lines `rank --json` prints: each group's ranks 1…`top` (ties at the edge included;
    /// all without `top`), best first, then, with `missing`, the reports without a value.
    pub fn json_lines(&self, top: Option<usize>, missing: bool) -> Vec<Line> {
        let mut out: Vec<Line> = self
            .lines
            .iter()
            .flatten()
            .filter(|l| top.is_none_or(|n| l.rank.is_some_and(|r| r <= n)))
            .cloned()
            .collect();
        if missing {
            out.extend(self.missing.iter().cloned());
        }
        out
    }
}

/// Rank the indexed reports passing `filters` by `target`, grouped `by`.
pub fn compute(
    opened: &Opened,
    filters: &Filters,
    target: &Target,
    by: Option<GroupBy>,
    ascending: bool,
) -> Result<Ranking, Error> {
    rows_ranked(
        &opened.index,
        &opened.fields,
        filters,
        target,
        by,
        ascending,
    )
    .map_err(|e| opened.damaged(&e))
}

fn rows_ranked(
    index: &tantivy::Index,
    fields: &crate::index::Fields,
    filters: &Filters,
    target: &Target,
    by: Option<GroupBy>,
    ascending: bool,
) -> Result<Ranking, String> {
    let keys = target.expr.keys();
    let rows = columns::report_rows(index, fields, filters, &keys)?;
    // The same agency's reports of the year before, for prev(KEY), by identity (an agency may
    // print another name that year): the same region filter, the years shifted back, no agency
    // words (last year's name need not hold them) and no figure conditions (they select this
    // year's reports).
    let prev_keys = target.expr.prev_keys();
    let mut previous: HashMap<(Arc<str>, i32), ReportRow> = HashMap::new();
    if !prev_keys.is_empty() {
        let shifted = Filters {
            region: filters.region.clone(),
            years: filters.years.map(|(lo, hi)| (lo - 1, hi - 1)),
            ..Filters::default()
        };
        for r in columns::report_rows(index, fields, &shifted, &prev_keys)? {
            if let (Some(a), Some(y)) = (r.identity.clone(), r.year) {
                previous.insert((a, y), r);
            }
        }
    }
    let mut valued: Vec<(u8, String, ReportRow, f64)> = Vec::new();
    let mut missing = Vec::new();
    for r in rows {
        let figure = |k: &str| keys.iter().position(|x| x == k).and_then(|i| r.figures[i]);
        let this = Sample {
            template: r.template,
            year: r.year,
            figure: &figure,
        };
        let prev_row = r
            .identity
            .clone()
            .zip(r.year)
            .and_then(|(a, y)| previous.get(&(a, y - 1)));
        let prev_figure = |k: &str| {
            let p = prev_row?;
            prev_keys
                .iter()
                .position(|x| x == k)
                .and_then(|i| p.figures[i])
        };
        let prev = prev_row.map(|p| Sample {
            template: p.template,
            year: p.year,
            figure: &prev_figure,
        });
        let (order, group) = group_of(&r, by);
        match target.expr.eval(&this, prev.as_ref()) {
            Ok(v) => valued.push((order, group, r, v)),
            Err(why) => missing.push(Line {
                rank: None,
                n: None,
                percentile: None,
                agency: r.agency.as_deref().map(str::to_string),
                year: r.year,
                source: r.source.clone(),
                value: None,
                group,
                p25: None,
                p50: None,
                p75: None,
                why: Some(why),
            }),
        }
    }
    valued.sort_by(|a, b| (a.0, &a.1, &a.2.source).cmp(&(b.0, &b.1, &b.2.source)));
    let items: Vec<(String, f64)> = valued.iter().map(|(_, g, _, v)| (g.clone(), *v)).collect();
    let groups = rank::rank_groups(&items, ascending);
    let lines = groups
        .iter()
        .map(|g| {
            g.rows
                .iter()
                .map(|x| {
                    let r = &valued[x.item].2;
                    Line {
                        rank: Some(x.rank),
                        n: Some(g.n),
                        percentile: Some(x.percentile),
                        agency: r.agency.as_deref().map(str::to_string),
                        year: r.year,
                        source: r.source.clone(),
                        value: Some(x.value),
                        group: g.group.clone(),
                        p25: Some(g.quartiles.p25),
                        p50: Some(g.quartiles.p50),
                        p75: Some(g.quartiles.p75),
                        why: None,
                    }
                })
                .collect()
        })
        .collect();
    Ok(Ranking {
        groups,
        lines,
        missing,
    })
}

/// A value as shown to people: a metric as a percentage, a figure as printed.
pub fn show(v: f64, metric: bool) -> String {
    if metric {
        format!("{:.1}%", v * 100.0)
    } else if Num(v).is_integral() {
        Num(v).to_string()
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_resolve_by_id_key_name_or_label_parts() {
        assert_eq!(resolve("rate.disclosed").unwrap().id, "rate.disclosed");
        assert_eq!(resolve("公开率").unwrap().id, "rate.disclosed");
        assert_eq!(resolve("不予公开率").unwrap().id, "rate.withheld");
        let k = "requests.new_received.total";
        assert_eq!(resolve(k).unwrap().id, k);
        assert_eq!(resolve("新收·总计").unwrap().id, k);
        assert_eq!(
            resolve("一、本年新收政府信息公开申请数量·总计").unwrap().id,
            k
        );
        assert_eq!(
            resolve("四·行政复议·结果纠正").unwrap().id,
            "review_litigation.review.corrected"
        );
        let e = resolve("新收").unwrap_err();
        assert!(
            e.contains("ambiguous") && e.contains("requests.new_received.total"),
            "{e}"
        );
        assert!(resolve("没有这个").unwrap_err().contains("no figure key"));
    }
}
