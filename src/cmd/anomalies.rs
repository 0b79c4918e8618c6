//! `gongkai anomalies [filters]`: every report whose figures deserve a second look, most serious
//! first, with the evidence. They are found in [`gongkai::answer::anomalies`] (shared with the
//! web page and the profile); this file prints them.

use super::style::{bold, dim, fit, pad, red, truncate, yellow};
use super::{AnomaliesArgs, Exit};
use gongkai::analyze::anomalies::{Anomaly, Kind, Severity};
use gongkai::model::{template, Num};
use gongkai::Error;
use std::collections::HashSet;
use std::io::Write;

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

pub fn run(args: AnomaliesArgs, quiet: bool) -> Result<Exit, Error> {
    let filters = super::shared::filters(&args.filters)?;
    let kinds: Vec<Kind> = if args.kind.is_empty() {
        Kind::ALL.to_vec()
    } else {
        args.kind.iter().map(|k| k.kind()).collect()
    };
    let opened = super::shared::open(&args.index, quiet)?;
    let (mut list, examined) = gongkai::answer::anomalies::find(&opened, &filters, &kinds)?;
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
