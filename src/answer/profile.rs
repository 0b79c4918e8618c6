//! One agency-year's key figures and every metric next to its peers' (P25/P50/P75, percentile,
//! rank), the agency's own values in each indexed year, and its anomalies (`gongkai profile`,
//! the profile page). The name resolves as `compare` resolves it; the peers' figures come from
//! the index's columns ([`crate::index::columns`]), the placement from
//! [`crate::analyze::profile`], the anomalies from [`super::anomalies`].

use super::rank::{self, Target};
use super::Opened;
use crate::analyze::anomalies::{Anomaly, Kind};
use crate::analyze::compare;
use crate::analyze::metrics::{self, Sample};
use crate::analyze::profile::{place, Placed, KEY_FIGURES};
use crate::index::columns::{self, ReportRow};
use crate::index::query::Filters;
use crate::index::Parts;
use crate::model::{identity, Report};
use crate::Error;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

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
    pub fn as_str(self) -> &'static str {
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

/// The first row of each (agency, year), by source; an agency is its identity (see
/// [`crate::model::identity`]).
fn by_agency_year(rows: &[ReportRow]) -> BTreeMap<(Arc<str>, i32), &ReportRow> {
    let mut out = BTreeMap::new();
    for r in rows {
        if let (Some(a), Some(y)) = (r.identity.clone(), r.year) {
            out.entry((a, y)).or_insert(r);
        }
    }
    out
}

/// The report `spec` names: AGENCY:YEAR as `compare` resolves it, or the agency's latest year.
fn unit(opened: &Opened, spec: &str) -> Result<Report, Error> {
    let (name, year) = compare::split_spec(spec).map_err(Error::Usage)?;
    let reports = super::compare::agency_reports(opened, name, Parts::Slim)?;
    let (agency, mine) = compare::resolve_agency(&reports, name).map_err(Error::NotFound)?;
    let year = match year.or_else(|| mine.iter().filter_map(|r| r.year).max()) {
        Some(y) => y,
        None => return Err(Error::NotFound(format!("{agency}: no report with a year"))),
    };
    compare::resolve(&reports, &format!("{agency}:{year}"))
        .cloned()
        .map_err(Error::NotFound)
}

/// The profile of the agency-year `spec` names (AGENCY or AGENCY:YEAR, the name partial)
/// among its `peers`.
pub fn compute(opened: &Opened, spec: &str, peers_by: Peers) -> Result<Profile, Error> {
    let (index, fields) = (&opened.index, &opened.fields);
    let me = unit(opened, spec)?;
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
    let damaged = |e: String| opened.damaged(&e);
    let rows_of = |years: (i64, i64)| {
        columns::report_rows(
            index,
            fields,
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
        .filter(|r| peers_by.admits(unit_row, r))
        .collect();
    let prev_of = |r: &ReportRow| {
        let key = (r.identity.clone()?, r.year? - 1);
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
    // The agency's own years, under every name it printed.
    let me_id = me.agency_identity();
    let (province, city) = (me.region.province.as_deref(), me.region.city.as_deref());
    let own_rows = columns::report_rows(
        index,
        fields,
        &Filters {
            agency: Some(identity::search_name(&agency, province, city)),
            region: city.or(province).map(str::to_string),
            ..Filters::default()
        },
        &keys,
    )
    .map_err(damaged)?;
    let own_rows: Vec<ReportRow> = own_rows
        .into_iter()
        .filter(|r| r.identity.as_deref().is_some() && r.identity.as_deref() == me_id.as_deref())
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
        agency: Some(identity::search_name(&agency, province, city)),
        region: city.or(province).map(str::to_string),
        ..Filters::default()
    };
    let (mut anomalies, _) = super::anomalies::find(opened, &filters, &Kind::ALL)?;
    let own_sources: HashSet<&str> = own_rows.iter().map(|r| r.source.as_str()).collect();
    anomalies.retain(|a| own_sources.contains(a.source.as_str()));
    Ok(Profile {
        agency,
        year,
        source: me.source,
        peers: PeerGroup {
            by: peers_by.as_str(),
            n: peers.len(),
        },
        figures,
        trend,
        anomalies,
    })
}
