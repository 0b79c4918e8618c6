//! `gongkai anomalies [filters]`: every report whose figures deserve a second look, most serious
//! first, with the evidence. The rules live in [`gongkai::analyze::anomalies`]; this file reads
//! the key figures of every report from the index's columns (for the year-over-year rule),
//! streams the selected reports and their previous ones in (agency, year) order a batch at a
//! time (for the checks, the prose and the comparisons with last year), and prints.

use super::style::{bold, dim, fit, pad, red, truncate, yellow};
use super::{AnomaliesArgs, Exit};
use gongkai::analyze::anomalies::{self, Anomaly, Jump, Kind, Point, Severity};
use gongkai::analyze::profile::KEY_FIGURES;
use gongkai::index::columns::{self, ReportRow};
use gongkai::index::query::Filters;
use gongkai::index::{Fields, Parts, StreamError};
use gongkai::model::{template, Num, Report};
use gongkai::Error;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use tantivy::{DocAddress, Index};

/// `anomalies --kind`: the rules.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    /// A failed arithmetic check of the report's own tables.
    Check,
    /// Prose that states a count table 三 contradicts.
    Prose,
    /// 上年结转 ≠ last year's 结转下年度.
    CarriedOver,
    /// A year-over-year change far outside the peers'.
    Jump,
    /// Prose copied from the agency's previous report.
    Copied,
}

impl KindArg {
    fn kind(self) -> Kind {
        match self {
            KindArg::Check => Kind::Check,
            KindArg::Prose => Kind::Prose,
            KindArg::CarriedOver => Kind::CarriedOver,
            KindArg::Jump => Kind::Jump,
            KindArg::Copied => Kind::Copied,
        }
    }
}

/// The anomalies of the reports passing `filters`, of these kinds, most serious first; and the
/// number of reports examined.
pub fn find(
    index: &Index,
    fields: &Fields,
    filters: &Filters,
    kinds: &[Kind],
) -> Result<(Vec<Anomaly>, usize), String> {
    let wants = |k: Kind| kinds.contains(&k);
    let keys: Vec<String> = KEY_FIGURES.iter().map(|k| k.to_string()).collect();
    // One view of the index for every read: the rows' addresses are restored below.
    let searcher = gongkai::index::searcher(index)?;
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
            .filter(|r| r.agency.is_some() && r.year.is_some())
            .collect();
        let points: Vec<Point> = dated
            .iter()
            .map(|r| Point {
                agency: r.agency.clone().unwrap_or_default(),
                year: r.year.unwrap_or(0),
                values: r.figures.clone(),
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
            if let Some(a) = r.agency.as_deref() {
                by_agency.entry(a).or_default().push(r);
            }
        }
        for r in &selected {
            let (Some(a), Some(y)) = (r.agency.as_deref(), r.year) else {
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
        (a.agency.is_none(), &a.agency, a.year, &a.source, a.addr).cmp(&(
            b.agency.is_none(),
            &b.agency,
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
    let streamed = gongkai::index::for_each_at(&searcher, fields, &addrs, Parts::Whole, |r| {
        let addr = addrs[i];
        i += 1;
        if r.agency != current.0 || r.agency.is_none() || r.year.is_none() {
            previous = None;
            this_year = None;
        } else if r.year != current.1 {
            previous = this_year.take();
        }
        current = (r.agency.clone(), r.year);
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

pub fn run(args: AnomaliesArgs, quiet: bool) -> Result<Exit, Error> {
    let filters = super::shared::filters(&args.filters)?;
    let kinds: Vec<Kind> = if args.kind.is_empty() {
        Kind::ALL.to_vec()
    } else {
        args.kind.iter().map(|k| k.kind()).collect()
    };
    let (index, fields) = super::shared::open_index(&args.index, quiet)?;
    let (mut list, examined) =
        find(&index, &fields, &filters, &kinds).map_err(|e| Error::damaged(&args.index, &e))?;
    let total = list.len();
    let reports = list
        .iter()
        .map(|a| a.source.as_str())
        .collect::<HashSet<_>>()
        .len();
    if let Some(n) = args.top {
        list.truncate(n);
    }
    let text = if args.json {
        list.iter()
            .map(|a| serde_json::to_string(a).unwrap_or_default() + "\n")
            .collect()
    } else {
        human(&list, total, reports, examined)
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::stdout)?;
    Ok(if list.is_empty() {
        Exit::Partial
    } else {
        Exit::Success
    })
}

/// A figure key's label (三 · 一、本年新收… · 总计), or the key itself.
pub fn label(key: &str) -> String {
    template::all_figure_keys()
        .iter()
        .find(|(k, _)| k == key)
        .map_or_else(|| key.to_string(), |(_, l)| l.clone())
}

fn show(v: Option<Num>, kind: Kind) -> String {
    match v {
        None => "–".into(),
        Some(n) if kind == Kind::Copied => format!("{:.0}%", n.0 * 100.0),
        Some(n) => n.to_string(),
    }
}

/// One anomaly as two lines: what and where, then the evidence.
pub fn render(a: &Anomaly) -> String {
    let sev = match a.severity {
        Severity::High => red(&pad(a.severity.as_str(), 6)),
        Severity::Medium => yellow(&pad(a.severity.as_str(), 6)),
        Severity::Low => pad(a.severity.as_str(), 6),
    };
    let what = if a.kind == Kind::Copied || a.key.starts_with("check:") {
        a.key.clone()
    } else {
        label(&a.key)
    };
    let values = if a.value.is_none() && a.expected.is_none() {
        String::new()
    } else if a.expected.is_none() {
        show(a.value, a.kind)
    } else if a.kind == Kind::Jump {
        // The expected value is last year's: a change.
        format!("{} → {}", show(a.expected, a.kind), show(a.value, a.kind))
    } else {
        format!("{} ≠ {}", show(a.value, a.kind), show(a.expected, a.kind))
    };
    // The first lines of the evidence (--json lists them all).
    let mut lines: Vec<String> = a.lines.iter().take(8).map(|l| format!("L{l}")).collect();
    if a.lines.len() > 8 {
        lines.push(format!("… {} more", a.lines.len() - 8));
    }
    let head = format!(
        "{sev} {} {} {} {}",
        pad(a.kind.as_str(), 12),
        fit(
            a.agency.as_deref().unwrap_or(&a.source),
            &a.year.map_or("?".into(), |y| y.to_string()),
            32
        ),
        pad(&truncate(&what, 44), 44),
        bold(&values),
    );
    format!(
        "{}\n{}{}\n",
        head.trim_end(),
        " ".repeat(7),
        dim(&format!("{}  {} {}", a.detail, a.source, lines.join(" ")))
    )
}

fn human(list: &[Anomaly], total: usize, reports: usize, examined: usize) -> String {
    let mut out: String = list.iter().map(render).collect();
    let shown = if list.len() < total {
        format!("{} of {total}", list.len())
    } else {
        total.to_string()
    };
    out.push_str(&format!(
        "{shown} anomal{} in {} of {examined} reports\n",
        if total == 1 { "y" } else { "ies" },
        reports
    ));
    out
}
