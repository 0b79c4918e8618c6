//! `gongkai rank KEY`: rank the indexed reports by a figure or a metric within groups, with
//! percentiles and the group's quartiles. The figures come from the index's fast fields
//! ([`gongkai::index::columns`]), the math from [`gongkai::analyze::rank`]; this file resolves
//! the key, joins the previous year where a metric needs it, and prints.

use super::style::{bold, dim, lpad, pad, truncate};
use super::{Exit, RankArgs};
use gongkai::analyze::metrics::{self, Expr, Sample};
use gongkai::analyze::rank;
use gongkai::index::columns::{self, ReportRow};
use gongkai::index::query::Filters;
use gongkai::ingest::normalize::normalize_str;
use gongkai::model::{template, Num};
use gongkai::Error;
use std::collections::HashMap;
use std::io::Write;

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
        Some(GroupBy::Province) => (0, r.province.clone().unwrap_or_else(unknown)),
        Some(GroupBy::City) => (0, r.city.clone().unwrap_or_else(unknown)),
        Some(GroupBy::Level) => r
            .level
            .map_or((9, unknown()), |l| (l as u8, l.as_str().into())),
        Some(GroupBy::Kind) => r
            .kind
            .map_or((9, unknown()), |k| (k as u8, k.as_str().into())),
        Some(GroupBy::Year) => (0, r.year.map_or_else(unknown, |y| y.to_string())),
    }
}

/// Rank the indexed reports passing `filters` by `target`, grouped `by`.
pub fn compute(
    index: &tantivy::Index,
    fields: &gongkai::index::Fields,
    filters: &Filters,
    target: &Target,
    by: Option<GroupBy>,
    ascending: bool,
) -> Result<Ranking, String> {
    let keys = target.expr.keys();
    let rows = columns::report_rows(index, fields, filters, &keys)?;
    // The same agency's reports of the year before, for prev(KEY): the same agency and region
    // filters, the years shifted back, no figure conditions (they select this year's reports).
    let prev_keys = target.expr.prev_keys();
    let mut previous: HashMap<(String, i32), ReportRow> = HashMap::new();
    if !prev_keys.is_empty() {
        let shifted = Filters {
            agency: filters.agency.clone(),
            region: filters.region.clone(),
            years: filters.years.map(|(lo, hi)| (lo - 1, hi - 1)),
            ..Filters::default()
        };
        for r in columns::report_rows(index, fields, &shifted, &prev_keys)? {
            if let (Some(a), Some(y)) = (r.agency.clone(), r.year) {
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
            .agency
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
                agency: r.agency.clone(),
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
                        agency: r.agency.clone(),
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
fn show(v: f64, metric: bool) -> String {
    if metric {
        format!("{:.1}%", v * 100.0)
    } else if Num(v).is_integral() {
        Num(v).to_string()
    } else {
        format!("{v:.2}")
    }
}

pub fn run(args: RankArgs, quiet: bool) -> Result<Exit, Error> {
    let target = resolve(&args.key).map_err(Error::Usage)?;
    let filters = super::shared::filters(&args.filters)?;
    let (index, fields) = super::shared::open_index(&args.index, quiet)?;
    let ranking = compute(&index, &fields, &filters, &target, args.by, args.asc)
        .map_err(|e| Error::damaged(&args.index, &e))?;
    let top = |lines: &[Line]| -> Vec<Line> {
        lines
            .iter()
            .filter(|l| args.top.is_none_or(|n| l.rank.is_some_and(|r| r <= n)))
            .cloned()
            .collect()
    };
    let mut out = std::io::stdout().lock();
    let text = if args.json || args.csv {
        machine(&ranking, &args, &top)
    } else {
        human(&ranking, &target, &args, &top)
    };
    // A closed pipe (| head) ends the command quietly (Error::BrokenPipe); any other write
    // failure is an error.
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::stdout)?;
    if !quiet && !ranking.missing.is_empty() {
        eprintln!("{}", missing_summary(&ranking.missing));
    }
    Ok(if ranking.groups.is_empty() {
        Exit::Partial
    } else {
        Exit::Success
    })
}

/// "3 reports have no value: 台山市医疗保障局 2021 (no tables: …); …".
fn missing_summary(missing: &[Line]) -> String {
    let shown: Vec<String> = missing
        .iter()
        .take(10)
        .map(|l| {
            format!(
                "{} {} ({})",
                l.agency.as_deref().unwrap_or(&l.source),
                l.year.map_or("?".into(), |y| y.to_string()),
                l.why.as_deref().unwrap_or("")
            )
        })
        .collect();
    let more = if missing.len() > 10 {
        format!(
            "; … {} more (--json --missing lists every one)",
            missing.len() - 10
        )
    } else {
        String::new()
    };
    let n = missing.len();
    let s = if n == 1 { "report has" } else { "reports have" };
    format!("{n} {s} no value: {}{more}", shown.join("; "))
}

fn machine(r: &Ranking, args: &RankArgs, top: &dyn Fn(&[Line]) -> Vec<Line>) -> String {
    let mut lines: Vec<Line> = r.lines.iter().flat_map(|g| top(g)).collect();
    if args.missing {
        lines.extend(r.missing.iter().cloned());
    }
    let mut out = String::new();
    if args.csv {
        out.push_str("rank,n,percentile,agency,year,source,value,group,p25,p50,p75,why\r\n");
        let num = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
        for l in lines {
            let row = [
                l.rank.map_or(String::new(), |x| x.to_string()),
                l.n.map_or(String::new(), |x| x.to_string()),
                num(l.percentile),
                gongkai::export::csv_field(l.agency.as_deref().unwrap_or("")),
                l.year.map_or(String::new(), |y| y.to_string()),
                gongkai::export::csv_field(&l.source),
                num(l.value),
                gongkai::export::csv_field(&l.group),
                num(l.p25),
                num(l.p50),
                num(l.p75),
                gongkai::export::csv_field(l.why.as_deref().unwrap_or("")),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    } else {
        for l in lines {
            out.push_str(&serde_json::to_string(&l).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

fn human(r: &Ranking, t: &Target, args: &RankArgs, top: &dyn Fn(&[Line]) -> Vec<Line>) -> String {
    let mut out = String::new();
    let formula = if t.metric {
        format!(" = {}", t.expr)
    } else {
        String::new()
    };
    out.push_str(&format!("{} {}{}\n", bold(&t.id), t.name, dim(&formula)));
    if r.groups.is_empty() {
        out.push_str("no report has a value\n");
        return out;
    }
    let order = if args.asc {
        "smallest first"
    } else {
        "largest first"
    };
    for (g, lines) in r.groups.iter().zip(&r.lines) {
        let q = &g.quartiles;
        out.push_str(&format!(
            "\n{}  {} report{}, {order}  P25 {}  P50 {}  P75 {}\n",
            bold(&g.group),
            g.n,
            if g.n == 1 { "" } else { "s" },
            show(q.p25, t.metric),
            show(q.p50, t.metric),
            show(q.p75, t.metric)
        ));
        out.push_str(&dim(&format!(
            "{}  {}  {}  {}  {}  {}\n",
            lpad("rank", 4),
            lpad("value", 8),
            lpad("pct", 5),
            pad("agency", 28),
            "year",
            "source"
        )));
        for l in top(lines) {
            out.push_str(&format!(
                "{}  {}  {}  {}  {}  {}\n",
                lpad(&l.rank.unwrap_or(0).to_string(), 4),
                lpad(&show(l.value.unwrap_or(0.0), t.metric), 8),
                lpad(&format!("{:.1}", l.percentile.unwrap_or(0.0)), 5),
                pad(&truncate(l.agency.as_deref().unwrap_or("?"), 28), 28),
                l.year.map_or("   ?".into(), |y| y.to_string()),
                dim(&l.source)
            ));
        }
    }
    out
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
