//! `gongkai profile AGENCY[:YEAR]`: one agency-year's key figures and every metric next to its
//! peers', its own trend and its anomalies, computed in [`gongkai::answer::profile`] (shared
//! with the web page); this file prints them.

use super::style::{bold, dim, lpad, pad, truncate};
use super::{Exit, ProfileArgs};
use gongkai::analyze::metrics;
use gongkai::answer::profile::{compute, Profile};
use gongkai::model::Num;
use gongkai::Error;
use std::io::Write;

pub fn run(args: ProfileArgs, quiet: bool) -> Result<Exit, Error> {
    let opened = super::shared::open(&args.index, quiet)?;
    let p = compute(&opened, &args.unit, args.peers)?;
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
