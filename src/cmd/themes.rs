//! `gongkai themes`: recurring problem themes across the indexed reports (or, with `--reuse`,
//! how much of each report repeats earlier text). Analysis in `analyze::themes` and
//! `analyze::similarity`; this file only selects reports and prints.

use super::style::{bold, dim, lpad, pad, truncate};
use super::ThemesArgs;
use gongkai::analyze::similarity::{self, Reuse};
use gongkai::analyze::themes::{self, By, ItemKind, Origin, Taxonomy, Theme};
use std::collections::BTreeSet;
use std::io::Write;

pub fn run(args: ThemesArgs, quiet: bool) -> i32 {
    let kind = match args.section.as_str() {
        "problems" | "problem" | "问题" | "存在的主要问题" => ItemKind::Problems,
        "improvements" | "improvement" | "改进" | "改进情况" => ItemKind::Improvements,
        other => {
            eprintln!("gongkai: --section '{other}': themes group problems or improvements");
            return 2;
        }
    };
    let taxonomy = match &args.taxonomy {
        None => Taxonomy::builtin(),
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| Taxonomy::parse(&t))
        {
            Ok(t) => t,
            Err(e) => {
                eprintln!("gongkai: {}: {e}", p.display());
                return 2;
            }
        },
    };
    let filters = match super::shared::filters(&args.filters) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gongkai: {e}");
            return 2;
        }
    };
    let reports = match super::shared::indexed_reports(&args.index, quiet, &filters) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gongkai: {e}");
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.reuse {
        let rows = similarity::reuse(&reports);
        if args.json {
            for r in &rows {
                let _ = writeln!(out, "{}", serde_json::to_string(r).unwrap());
            }
        } else {
            let _ = write!(out, "{}", render_reuse(&rows));
        }
        return 0;
    }
    let by = if args.by == "province" {
        By::Province
    } else {
        By::Year
    };
    let jieba = jieba_rs::Jieba::new();
    let list = themes::themes(&reports, kind, &taxonomy, by, Some(&jieba));
    if args.json {
        for t in &list {
            let _ = writeln!(out, "{}", serde_json::to_string(t).unwrap());
        }
        return 0;
    }
    let _ = writeln!(
        out,
        "{}",
        dim(&format!(
            "{} themes in {} items of {} reports (an item can raise several themes)",
            list.iter().filter(|t| t.origin != Origin::Unthemed).count(),
            themes::items(&reports, kind).len(),
            reports.len()
        ))
    );
    let _ = write!(out, "{}", render(&list, args.examples, by));
    0
}

/// The themes table: one line per theme with its counts per year (or province), and examples.
pub fn render(list: &[Theme], examples: usize, by: By) -> String {
    let cols: Vec<String> = list
        .iter()
        .flat_map(|t| t.by.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let colw = if by == By::Province { 8 } else { 5 };
    let labelw = list
        .iter()
        .map(|t| super::style::width(&t.label).min(30))
        .max()
        .unwrap_or(10)
        .max(8);
    let mut s = String::new();
    s.push_str(&bold(&format!(
        "{} {} {}{}",
        pad("theme", labelw),
        lpad("reports", 7),
        lpad("agencies", 8),
        cols.iter()
            .map(|c| lpad(&short(c, by), colw))
            .collect::<String>()
    )));
    s.push('\n');
    for t in list {
        let label = match t.origin {
            Origin::Discovered => format!("{} *", t.label),
            _ => t.label.clone(),
        };
        s.push_str(&format!(
            "{} {} {}{}\n",
            bold(&pad(&truncate(&label, labelw), labelw)),
            lpad(&t.reports.to_string(), 7),
            lpad(&t.agencies.to_string(), 8),
            cols.iter()
                .map(|c| lpad(&t.by.get(c).map_or(".".into(), |n| n.to_string()), colw))
                .collect::<String>()
        ));
        let shown = if t.origin == Origin::Unthemed {
            t.items.len()
        } else {
            examples
        };
        for it in pick_examples(t, shown) {
            let who = format!(
                "{} {}",
                it.agency.as_deref().unwrap_or(&it.source),
                it.year.map_or("?".into(), |y| y.to_string())
            );
            s.push_str(&format!(
                "    {}  {}\n",
                dim(&pad(&truncate(&who, 28), 28)),
                truncate(&it.text, 80)
            ));
        }
        if shown < t.items.len() {
            s.push_str(&format!(
                "    {}\n",
                dim(&format!(
                    "… {} more item{}",
                    t.items.len() - shown,
                    if t.items.len() - shown == 1 { "" } else { "s" }
                ))
            ));
        }
    }
    if list.iter().any(|t| t.origin == Origin::Discovered) {
        s.push_str(&dim(
            "* discovered from shared keywords, not in the taxonomy\n",
        ));
    }
    s
}

fn short(col: &str, by: By) -> String {
    match by {
        By::Year => col.to_string(),
        By::Province => col
            .trim_end_matches('省')
            .trim_end_matches('市')
            .chars()
            .take(3)
            .collect(),
    }
}

/// Up to `n` items, one per report first so the examples show the spread.
fn pick_examples(t: &Theme, n: usize) -> Vec<&themes::Item> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<&themes::Item> = Vec::new();
    for it in &t.items {
        if out.len() < n && seen.insert(it.source.as_str()) {
            out.push(it);
        }
    }
    for it in &t.items {
        if out.len() >= n {
            break;
        }
        if !out.iter().any(|o| std::ptr::eq(*o, it)) {
            out.push(it);
        }
    }
    out
}

/// The reuse table: per report, the share of its prose found in its previous and nearest report.
pub fn render_reuse(rows: &[Reuse]) -> String {
    let mut s = bold(&format!(
        "{} {}  {}  {}\n",
        pad("report", 30),
        lpad("chars", 6),
        pad("same agency, previous", 24),
        "nearest other report"
    ));
    let pct = |x: f64| format!("{:>3.0}%", x * 100.0);
    for r in rows {
        let who = format!(
            "{} {}",
            r.agency.as_deref().unwrap_or(&r.source),
            r.year.map_or("?".into(), |y| y.to_string())
        );
        let prev = r.previous.as_ref().map_or("—".to_string(), |p| {
            format!(
                "{} ({})",
                pct(p.shared),
                p.year.map_or("?".into(), |y| y.to_string())
            )
        });
        let near = r.nearest.as_ref().map_or("—".to_string(), |p| {
            format!(
                "{} {} {}",
                pct(p.shared),
                p.agency.as_deref().unwrap_or(&p.source),
                p.year.map_or("?".into(), |y| y.to_string())
            )
        });
        s.push_str(&format!(
            "{} {}  {}  {}\n",
            pad(&truncate(&who, 30), 30),
            lpad(&r.chars.to_string(), 6),
            pad(&prev, 24),
            near
        ));
    }
    s.push_str(&dim(
        "shares are of this report's prose (tables excluded) found word for word in the other\n",
    ));
    s
}
