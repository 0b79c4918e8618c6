//! Every anomaly of the selected reports, most serious first (`gongkai anomalies`, the
//! anomalies page, and a profile's list). The rules live in [`crate::analyze::anomalies`]; this
//! reads the key figures of every report from the index's columns (for the year-over-year
//! rule), and streams the selected reports and their previous ones in (agency, year) order a
//! batch at a time (for the checks, the prose and the comparisons with last year).

use super::Opened;
use crate::analyze::anomalies::{self, Anomaly, Jump, Kind, Point};
use crate::analyze::profile::KEY_FIGURES;
use crate::index::columns::{self, ReportRow};
use crate::index::query::Filters;
use crate::index::{Fields, Parts, StreamError};
use crate::model::Report;
use crate::Error;
use std::collections::{HashMap, HashSet};
use tantivy::{DocAddress, Index};

/// The anomalies of the reports passing `filters`, of these kinds, most serious first; and the
/// number of reports examined.
pub fn find(
    opened: &Opened,
    filters: &Filters,
    kinds: &[Kind],
) -> Result<(Vec<Anomaly>, usize), Error> {
    find_in(&opened.index, &opened.fields, filters, kinds).map_err(|e| opened.damaged(&e))
}

fn find_in(
    index: &Index,
    fields: &Fields,
    filters: &Filters,
    kinds: &[Kind],
) -> Result<(Vec<Anomaly>, usize), String> {
    let wants = |k: Kind| kinds.contains(&k);
    let keys: Vec<String> = KEY_FIGURES.iter().map(|k| k.to_string()).collect();
    // One view of the index for every read: the rows' addresses are restored below.
    let searcher = crate::index::searcher(index)?;
    let selected = columns::report_rows_in(&searcher, fields, filters, &[])?;
    let cross = wants(Kind::CarriedOver) || wants(Kind::Copied) || wants(Kind::Jump);
    // Every report's metadata and key figures: the peers of the jumps, the previous reports.
    let all = if cross {
        columns::report_rows_in(&searcher, fields, &Filters::default(), &keys)?
    } else {
        Vec::new()
    };
    let mut jumps: HashMap<DocAddress, Vec<Jump>> = HashMap::new();
    if wants(Kind::Jump) {
        let dated: Vec<&ReportRow> = all
            .iter()
            .filter(|r| r.identity.is_some() && r.year.is_some())
            .collect();
        // An agency is its identity: the same agency under another name last year.
        let points: Vec<Point> = dated
            .iter()
            .map(|r| Point {
                agency: r.identity.as_deref().unwrap_or_default().into(),
                year: r.year.unwrap_or(0),
                values: r.figures.as_slice().into(),
            })
            .collect();
        for j in anomalies::jumps(&points, keys.len()) {
            jumps.entry(dated[j.point].addr).or_default().push(j);
        }
    }
    // What to restore: the selected reports and, for the rules across years, each one's
    // previous report (the same agency's latest earlier year), in (agency, year, source) order.
    let chosen: HashSet<DocAddress> = selected.iter().map(|r| r.addr).collect();
    let mut wanted: Vec<&ReportRow> = selected.iter().collect();
    if wants(Kind::CarriedOver) || wants(Kind::Copied) {
        let mut by_agency: HashMap<&str, Vec<&ReportRow>> = HashMap::new();
        for r in all.iter().filter(|r| r.year.is_some()) {
            if let Some(a) = r.identity.as_deref() {
                by_agency.entry(a).or_default().push(r);
            }
        }
        for r in &selected {
            let (Some(a), Some(y)) = (r.identity.as_deref(), r.year) else {
                continue;
            };
            let Some(theirs) = by_agency.get(a) else {
                continue;
            };
            let earlier = theirs.iter().filter(|p| p.year < Some(y));
            let latest = earlier.max_by_key(|p| p.year).and_then(|p| p.year);
            if let Some(p) = theirs
                .iter()
                .filter(|p| p.year == latest)
                .min_by(|x, y| x.source.cmp(&y.source))
            {
                wanted.push(p);
            }
        }
    }
    wanted.sort_by(|a, b| {
        (a.identity.is_none(), &a.identity, a.year, &a.source, a.addr).cmp(&(
            b.identity.is_none(),
            &b.identity,
            b.year,
            &b.source,
            b.addr,
        ))
    });
    wanted.dedup_by_key(|r| r.addr);
    let addrs: Vec<DocAddress> = wanted.iter().map(|r| r.addr).collect();
    let is_selected: HashMap<DocAddress, bool> = wanted
        .iter()
        .map(|r| (r.addr, chosen.contains(&r.addr)))
        .collect();

    let mut out = Vec::new();
    let mut examined = 0;
    // The agency and year being read, the first report of that year, and the first report of
    // the agency's latest earlier year.
    let mut current: (Option<String>, Option<i32>) = (None, None);
    let mut this_year: Option<Report> = None;
    let mut previous: Option<Report> = None;
    let mut i = 0;
    let streamed = crate::index::for_each_at(&searcher, fields, &addrs, Parts::Whole, |r| {
        let addr = addrs[i];
        i += 1;
        let agency = r.agency_identity();
        if agency != current.0 || agency.is_none() || r.year.is_none() {
            previous = None;
            this_year = None;
        } else if r.year != current.1 {
            previous = this_year.take();
        }
        current = (agency, r.year);
        if is_selected[&addr] && filters.matches(&r) {
            examined += 1;
            if wants(Kind::Check) {
                out.extend(anomalies::from_checks(&r));
            }
            if wants(Kind::Prose) {
                out.extend(anomalies::from_prose(&r));
            }
            if let Some(p) = &previous {
                if wants(Kind::CarriedOver) {
                    out.extend(anomalies::carried_over(p, &r));
                }
                if wants(Kind::Copied) {
                    out.extend(anomalies::copied(p, &r));
                }
            }
            for j in jumps.get(&addr).into_iter().flatten() {
                out.push(anomalies::from_jump(&r, j, &keys[j.key]));
            }
        }
        if this_year.is_none() {
            this_year = Some(r);
        }
        Ok::<(), ()>(())
    });
    match streamed {
        Ok(()) => {}
        Err(StreamError::Index(e)) => return Err(e),
        Err(StreamError::Stopped(())) => unreachable!("the walk never stops"),
    }
    anomalies::sort(&mut out);
    Ok((out, examined))
}
