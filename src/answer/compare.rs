//! Comparisons over the index (`gongkai compare`, the compare page and `/api/compare`): the
//! sides named `AGENCY:YEAR` resolved among the indexed reports, then [`crate::analyze::compare`]
//! for two agency-years side by side or one agency over the years. Report files named on the
//! command line are the command line's business: nothing here reads a path.

use super::Opened;
use crate::analyze::compare::{self, Comparison, Timeline};
use crate::analyze::themes::Taxonomy;
use crate::index::query::Filters;
use crate::index::{Parts, StreamError};
use crate::model::identity;
use crate::model::Report;
use crate::Error;
use std::collections::{BTreeSet, HashSet};

/// The indexed reports whose agency contains `name`, and the reports of those agencies under
/// the other names they printed (see [`crate::model::identity`]: 洪泽 finds 洪泽区人民政府 and
/// 淮安市洪泽区人民政府 alike).
pub fn candidates(opened: &Opened, name: &str) -> Result<Vec<Report>, Error> {
    agency_reports(opened, name, Parts::Whole)
}

/// [`candidates`], each report read as `parts`.
pub fn agency_reports(opened: &Opened, name: &str, parts: Parts) -> Result<Vec<Report>, Error> {
    let fetch = |agency: &str, region: Option<&str>| {
        let filters = Filters {
            agency: Some(agency.to_string()),
            region: region.map(str::to_string),
            ..Filters::default()
        };
        let mut out = Vec::new();
        crate::index::for_each_report(&opened.index, &opened.fields, &filters, parts, |r| {
            out.push(r);
            Ok::<(), ()>(())
        })
        .map_err(|e| match e {
            StreamError::Index(m) => opened.damaged(&m),
            StreamError::Stopped(()) => unreachable!("collecting never stops"),
        })?;
        Ok::<_, Error>(out)
    };
    let mut reports = fetch(name, None)?;
    let want = crate::ingest::normalize::normalize_str(name.trim());
    // The names to look for again: every agency's identity under a name that need not contain
    // `name` (a name without the city `name` gave), with the place that narrows the search.
    // An exact name asks only for its own agency; past a few agencies the name is ambiguous
    // and no more is read.
    let exact = reports
        .iter()
        .any(|r| r.agency.as_deref() == Some(want.as_str()));
    let mut again: BTreeSet<(String, Option<String>)> = BTreeSet::new();
    for r in &reports {
        let Some(a) = r.agency.as_deref() else {
            continue;
        };
        if exact && a != want {
            continue;
        }
        let (p, c) = (r.region.province.as_deref(), r.region.city.as_deref());
        let search = identity::search_name(a, p, c);
        if !search.contains(want.as_str()) {
            again.insert((search, c.or(p).map(str::to_string)));
        }
    }
    if again.len() <= MAX_RENAMED {
        let mut seen: HashSet<String> = reports.iter().map(|r| r.source.clone()).collect();
        for (search, place) in &again {
            for r in fetch(search, place.as_deref())? {
                if seen.insert(r.source.clone()) {
                    reports.push(r);
                }
            }
        }
    }
    Ok(reports)
}

/// How many agencies a name may match for their other names to be looked for.
const MAX_RENAMED: usize = 12;

/// The indexed report `AGENCY:YEAR` names (the name may be partial; an ambiguous or unknown
/// one is [`Error::NotFound`] listing the candidates).
pub fn side(opened: &Opened, spec: &str) -> Result<Report, Error> {
    let (name, _) = compare::split_spec(spec).map_err(Error::Usage)?;
    let reports = candidates(opened, name)?;
    compare::resolve(&reports, spec)
        .cloned()
        .map_err(Error::NotFound)
}

/// Two indexed agency-years side by side (`lines`: the source line of every figure; `text`:
/// each prose section's two texts aligned paragraph by paragraph).
pub fn pair(
    opened: &Opened,
    left: &str,
    right: &str,
    lines: bool,
    text: bool,
) -> Result<Comparison, Error> {
    let left = side(opened, left)?;
    let right = side(opened, right)?;
    let c = compare::pair(&left, &right, &Taxonomy::builtin(), lines);
    Ok(if text { c.with_text(&left, &right) } else { c })
}

/// The agency a timeline's `spec` names: a name without a year.
pub fn agency_of(spec: &str) -> Result<&str, Error> {
    let (name, year) = compare::split_spec(spec).map_err(Error::Usage)?;
    if year.is_some() {
        return Err(Error::Usage(format!(
            "'{spec}': give two AGENCY:YEAR to compare, or one AGENCY with --years"
        )));
    }
    Ok(name)
}

/// One agency over the years: `spec` is AGENCY (no year), `years` the range kept (default all);
/// `all` keeps the figures zero or not printed in every year. Two reports of one year: the
/// first is used and `note` is told about the other.
pub fn timeline(
    opened: &Opened,
    spec: &str,
    years: Option<(i64, i64)>,
    all: bool,
    note: &mut dyn FnMut(String),
) -> Result<Timeline, Error> {
    let name = agency_of(spec)?;
    let reports = candidates(opened, name)?;
    let (agency, mine) = compare::resolve_agency(&reports, name).map_err(Error::NotFound)?;
    let (lo, hi) = years.unwrap_or((i64::MIN, i64::MAX));
    let mut picked: Vec<&Report> = Vec::new();
    for r in mine {
        let Some(y) = r.year else { continue };
        if (y as i64) < lo || (y as i64) > hi {
            continue;
        }
        if let Some(p) = picked.last().filter(|p| p.year == Some(y)) {
            note(format!(
                "{agency} {y}: two reports ({} and {}); using the first",
                p.source, r.source
            ));
            continue;
        }
        picked.push(r);
    }
    if picked.is_empty() {
        return Err(Error::NotFound(format!(
            "{agency} has no report in those years"
        )));
    }
    let t = compare::timeline(&agency, &picked, all);
    for (name, years) in t.other_names() {
        note(format!(
            "{agency}: printed as {name} in {}; the same agency",
            years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(t)
}
