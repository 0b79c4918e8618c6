//! `gongkai rank KEY`: rank the indexed reports by a figure or a metric within groups, with
//! percentiles and the group's quartiles. The ranking is computed in
//! [`gongkai::answer::rank`] (shared with the web page); this file prints it.

use super::style::{bold, dim, lpad, pad, truncate};
use super::{Exit, RankArgs};
use gongkai::answer::rank::{compute, resolve, show, Line, Ranking, Target};
use gongkai::Error;
use std::io::Write;

pub fn run(args: RankArgs, quiet: bool) -> Result<Exit, Error> {
    let target = resolve(&args.key).map_err(Error::Usage)?;
    let filters = super::shared::filters(&args.filters)?;
    let opened = super::shared::open(&args.index, quiet)?;
    let ranking = compute(&opened, &filters, &target, args.by, args.asc)?;
    let top = |lines: &[Line]| -> Vec<Line> {
        lines
            .iter()
            .filter(|l| args.top.is_none_or(|n| l.rank.is_some_and(|r| r <= n)))
            .cloned()
            .collect()
    };
    let mut out = std::io::stdout().lock();
    let text = if args.json || args.csv {
        machine(&ranking, &args)
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

fn machine(r: &Ranking, args: &RankArgs) -> String {
    let lines = r.json_lines(args.top, args.missing);
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
