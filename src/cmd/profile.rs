//! `gongkai profile AGENCY[:YEAR]`: one agency-year's key figures and every metric next to its
//! peers' (P25/P50/P75, percentile, rank), the agency's own values in each indexed year, and
//! its anomalies. The name resolves as `compare` resolves it; the peers' figures come from the
//! index's columns ([`gongkai::index::columns`]), the placement from
//! [`gongkai::analyze::profile`], the anomalies from `cmd/anomalies.rs`.

use super::rank::{self, Target};
use super::style::{bold, dim, lpad, pad, truncate};
use super::{Exit, ProfileArgs};
use gongkai::analyze::anomalies::{Anomaly, Kind};
use gongkai::analyze::compare;
use gongkai::analyze::metrics::{self, Sample};
use gongkai::analyze::profile::{place, Placed, KEY_FIGURES};
use gongkai::index::columns::{self, ReportRow};
use gongkai::index::query::Filters;
use gongkai::index::{Parts, StreamError};
use gongkai::model::{Num, Report};
use gongkai::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// `profile --peers`: which reports of the same year are the unit's peers.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peers {
    /// The same province, level and kind.
    Province,
    /// The same level and kind, nationwide.
    Level,
    /// Every report of the year.
    All,
}

impl Peers {
    fn as_str(self) -> &'static str {
        match self {
            Peers::Province => "province",
            Peers::Level => "level",
            Peers::All => "all",
        }
    }

    fn admits(self, unit: &ReportRow, r: &ReportRow) -> bool {
        let same_level = r.level == unit.level && r.kind == unit.kind;
        match self {
            Peers::Province => same_level && r.province == unit.province,
            Peers::Level => same_level,
            Peers::All => true,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PeerGroup {
    pub by: &'static str,
    pub n: usize,
}

/// One figure or metric across the agency's years.
#[derive(Debug, Serialize)]
pub struct Series {
    pub key: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Serialize)]
pub struct Trend {
    pub years: Vec<i32>,
    pub sources: Vec<String>,
    pub figures: Vec<Series>,
}

#[derive(Debug, Serialize)]
pub struct Profile {
    pub agency: String,
    pub year: i32,
    pub source: String,
    pub peers: PeerGroup,
    pub figures: Vec<Placed>,
    pub trend: Trend,
    pub anomalies: Vec<Anomaly>,
}

/// The key figures, then every metric, as `rank` resolves them.
fn targets() -> Vec<Target> {
    KEY_FIGURES
        .iter()
        .copied()
        .chain(metrics::all().iter().map(|m| m.id.as_str()))
        .map(|k| rank::resolve(k).expect("key figures and metric ids resolve (tested)"))
        .collect()
}

/// A target's value for a row (`prev`: the same agency's row of the year before).
fn value(t: &Target, keys: &[String], row: &ReportRow, prev: Option<&ReportRow>) -> Option<f64> {
    let at = |r: &ReportRow, k: &str| keys.iter().position(|x| x == k).and_then(|i| r.figures[i]);
    let figure = |k: &str| at(row, k);
    let prev_figure = |k: &str| prev.and_then(|p| at(p, k));
    let this = Sample {
        template: row.template,
        year: row.year,
        figure: &figure,
    };
    let before = prev.map(|p| Sample {
        template: p.template,
        year: p.year,
        figure: &prev_figure,
    });
    t.expr.eval(&this, before.as_ref()).ok()
}

/// The first row of each (agency, year), by source.
fn by_agency_year(rows: &[ReportRow]) -> BTreeMap<(String, i32), &ReportRow> {
    let mut out = BTreeMap::new();
    for r in rows {
        if let (Some(a), Some(y)) = (r.agency.clone(), r.year) {
            out.entry((a, y)).or_insert(r);
        }
    }
    out
}

/// The report `spec` names: AGENCY:YEAR as `compare` resolves it, or the agency's latest year.
fn unit(
    args: &ProfileArgs,
    index: &tantivy::Index,
    fields: &gongkai::index::Fields,
) -> Result<Report, Error> {
    let (name, year) = compare::split_spec(&args.unit).map_err(Error::Usage)?;
    let filters = Filters {
        agency: Some(name.to_string()),
        ..Filters::default()
    };
    let mut reports = Vec::new();
    gongkai::index::for_each_report(index, fields, &filters, Parts::Slim, |r| {
        reports.push(r);
        Ok::<(), ()>(())
    })
    .map_err(|e| match e {
        StreamError::Index(m) => Error::damaged(&args.index, &m),
        StreamError::Stopped(()) => unreachable!("collecting never stops"),
    })?;
    let (agency, mine) = compare::resolve_agency(&reports, name).map_err(Error::NotFound)?;
    let year = match year.or_else(|| mine.iter().filter_map(|r| r.year).max()) {
        Some(y) => y,
        None => return Err(Error::NotFound(format!("{agency}: no report with a year"))),
    };
    compare::resolve(&reports, &format!("{agency}:{year}"))
        .cloned()
        .map_err(Error::NotFound)
}

pub fn compute(args: &ProfileArgs, quiet: bool) -> Result<Profile, Error> {
    let (index, fields) = super::shared::open_index(&args.index, quiet)?;
    let me = unit(args, &index, &fields)?;
    let (agency, year) = (me.agency.clone().unwrap_or_default(), me.year.unwrap_or(0));
    let targets = targets();
    let mut keys: Vec<String> = Vec::new();
    for t in &targets {
        for k in t.expr.keys().into_iter().chain(t.expr.prev_keys()) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let damaged = |e: String| Error::damaged(&args.index, &e);
    let rows_of = |years: (i64, i64)| {
        columns::report_rows(
            &index,
            &fields,
            &Filters {
                years: Some(years),
                ..Filters::default()
            },
            &keys,
        )
        .map_err(damaged)
    };
    let y = year as i64;
    let this_year = rows_of((y, y))?;
    let last_year = rows_of((y - 1, y - 1))?;
    let prev = by_agency_year(&last_year);
    let unit_row = this_year
        .iter()
        .find(|r| r.source == me.source)
        .ok_or_else(|| damaged(format!("{} is not among the report documents", me.source)))?;
    let peers: Vec<&ReportRow> = this_year
        .iter()
        .filter(|r| args.peers.admits(unit_row, r))
        .collect();
    let prev_of = |r: &ReportRow| {
        let key = (r.agency.clone()?, r.year? - 1);
        prev.get(&key).copied()
    };
    let figures = targets
        .iter()
        .map(|t| {
            let values: Vec<Option<f64>> = peers
                .iter()
                .map(|r| value(t, &keys, r, prev_of(r)))
                .collect();
            place(
                &t.id,
                &t.name,
                value(t, &keys, unit_row, prev_of(unit_row)),
                &values,
            )
        })
        .collect();
    // The agency's own years.
    let own_rows = columns::report_rows(
        &index,
        &fields,
        &Filters {
            agency: Some(agency.clone()),
            ..Filters::default()
        },
        &keys,
    )
    .map_err(damaged)?;
    let own_rows: Vec<ReportRow> = own_rows
        .into_iter()
        .filter(|r| r.agency.as_deref() == Some(agency.as_str()))
        .collect();
    let own = by_agency_year(&own_rows);
    let trend = Trend {
        years: own.keys().map(|(_, y)| *y).collect(),
        sources: own.values().map(|r| r.source.clone()).collect(),
        figures: targets
            .iter()
            .map(|t| Series {
                key: t.id.clone(),
                values: own
                    .iter()
                    .map(|((a, y), r)| value(t, &keys, r, own.get(&(a.clone(), y - 1)).copied()))
                    .collect(),
            })
            .collect(),
    };
    let filters = Filters {
        agency: Some(agency.clone()),
        ..Filters::default()
    };
    let (mut anomalies, _) =
        super::anomalies::find(&index, &fields, &filters, &Kind::ALL).map_err(damaged)?;
    anomalies.retain(|a| a.agency.as_deref() == Some(agency.as_str()));
    Ok(Profile {
        agency,
        year,
        source: me.source,
        peers: PeerGroup {
            by: args.peers.as_str(),
            n: peers.len(),
        },
        figures,
        trend,
        anomalies,
    })
}

pub fn run(args: ProfileArgs, quiet: bool) -> Result<Exit, Error> {
    let p = compute(&args, quiet)?;
    let text = if args.json {
        serde_json::to_string(&p).unwrap_or_default() + "\n"
    } else {
        human(&p)
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::stdout)?;
    Ok(Exit::Success)
}

/// A figure as printed, a metric (an id with a dot and no table prefix) as a percentage.
fn show(v: Option<f64>, metric: bool) -> String {
    match v {
        None => "–".into(),
        Some(x) if metric => format!("{:.1}%", x * 100.0),
        Some(x) if Num(x).is_integral() => Num(x).to_string(),
        Some(x) => format!("{x:.2}"),
    }
}

fn is_metric(key: &str) -> bool {
    metrics::find(key).is_some()
}

const LABEL: usize = 44;

/// A figure by its label, a metric by its id and name.
fn name(key: &str, label: &str) -> String {
    if is_metric(key) {
        format!("{key} {label}")
    } else {
        label.to_string()
    }
}

fn human(p: &Profile) -> String {
    let mut out = format!("{} {}  {}\n", bold(&p.agency), p.year, dim(&p.source));
    let who = match p.peers.by {
        "province" => "same province, level and kind",
        "level" => "same level and kind",
        _ => "every report",
    };
    out.push_str(&format!(
        "peers: {} of {} ({who}; --peers {})\n\n",
        p.peers.n, p.year, p.peers.by
    ));
    out.push_str(&dim(&format!(
        "{}  {}  {}  {}  {}  {}  {}\n",
        pad("figure", LABEL),
        lpad("value", 7),
        lpad("P25", 7),
        lpad("P50", 7),
        lpad("P75", 7),
        lpad("pct", 5),
        lpad("rank", 7)
    )));
    for f in &p.figures {
        let m = is_metric(&f.key);
        let rank = f.rank.map_or("–".into(), |r| format!("{r} / {}", f.n));
        out.push_str(&format!(
            "{}  {}  {}  {}  {}  {}  {}\n",
            pad(&truncate(&name(&f.key, &f.label), LABEL), LABEL),
            lpad(&show(f.value, m), 7),
            lpad(&show(f.p25, m), 7),
            lpad(&show(f.p50, m), 7),
            lpad(&show(f.p75, m), 7),
            lpad(&f.percentile.map_or("–".into(), |x| format!("{x:.1}")), 5),
            lpad(&rank, 7)
        ));
    }
    out.push_str(&format!(
        "\n{}{}\n",
        pad("trend", LABEL),
        p.trend
            .years
            .iter()
            .map(|y| format!("  {}", lpad(&y.to_string(), 7)))
            .collect::<String>()
    ));
    for s in &p.trend.figures {
        if s.values.iter().all(Option::is_none) {
            continue;
        }
        let m = is_metric(&s.key);
        let label = p
            .figures
            .iter()
            .find(|f| f.key == s.key)
            .map_or(s.key.clone(), |f| name(&f.key, &f.label));
        out.push_str(&format!(
            "{}{}\n",
            pad(&truncate(&label, LABEL), LABEL),
            s.values
                .iter()
                .map(|v| format!("  {}", lpad(&show(*v, m), 7)))
                .collect::<String>()
        ));
    }
    out.push_str("\nanomalies\n");
    if p.anomalies.is_empty() {
        out.push_str("  none\n");
    }
    for a in &p.anomalies {
        out.push_str(&super::anomalies::render(a));
    }
    out
}
