//! `gongkai themes`: recurring problem themes across the indexed reports (or, with `--reuse`,
//! how much of each report repeats earlier text). Analysis in `analyze::themes` and
//! `analyze::similarity`; this file only selects reports and prints.

use super::style::{bold, dim, fit, lpad, pad, progress, spinner, truncate};
use super::{ThemeBy, ThemeSection, ThemesArgs};
use gongkai::analyze::similarity::{self, Reuse};
use gongkai::analyze::themes::{self, By, ItemKind, Origin, Taxonomy, Theme};
use gongkai::Error;
use std::collections::BTreeSet;
use std::io::Write;

/// Exit 0 done, 2 on an error.
pub fn run(args: ThemesArgs, quiet: bool) -> Result<super::Exit, Error> {
    let kind = match args.section {
        ThemeSection::Problems => ItemKind::Problems,
        ThemeSection::Improvements => ItemKind::Improvements,
    };
    let taxonomy = match &args.taxonomy {
        None => Taxonomy::builtin(),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))?;
            Taxonomy::parse(&text).map_err(|e| Error::Usage(format!("{}: {e}", p.display())))?
        }
    };
    let filters = super::shared::filters(&args.filters)?;
    let mut wait = spinner("reading the index", quiet);
    let text = if args.reuse {
        // Reuse measures the prose: whole reports are streamed, and only who wrote each and
        // its prose are kept.
        let mut docs = Vec::new();
        super::shared::each_indexed_report(
            &args.index,
            quiet,
            &filters,
            gongkai::index::Parts::Whole,
            |r| {
                docs.push(similarity::ReuseDoc::of(&r));
                Ok(())
            },
        )?;
        if let Some(b) = wait.take() {
            b.finish_and_clear();
        }
        let bar = progress(docs.len() as u64, "comparing reports", quiet);
        let rows = similarity::reuse_with(&docs, &|| {
            if let Some(b) = &bar {
                b.inc(1)
            }
        });
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        if args.json {
            lines(&rows)
        } else {
            render_reuse(&rows)
        }
    } else {
        let by = match args.by {
            ThemeBy::Province => By::Province,
            ThemeBy::Year => By::Year,
        };
        let opened = super::shared::open(&args.index, quiet)?;
        let jieba = jieba_rs::Jieba::new();
        let found = gongkai::answer::themes::themes(
            &opened,
            &filters,
            kind,
            &taxonomy,
            by,
            &jieba,
            &mut |n| {
                if let Some(b) = &wait {
                    b.set_message(format!("grouping the items of {n} reports"));
                }
            },
        )?;
        if args.json {
            lines(&found.list)
        } else {
            format!(
                "{}\n{}",
                dim(&format!(
                    "{} themes in {} items of {} reports (an item can raise several themes)",
                    found
                        .list
                        .iter()
                        .filter(|t| t.origin != Origin::Unthemed)
                        .count(),
                    found.items,
                    found.reports
                )),
                render(&found.list, args.examples, by)
            )
        }
    };
    if let Some(b) = wait {
        b.finish_and_clear();
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::stdout)?;
    Ok(super::Exit::Success)
}

/// One JSON object per line.
fn lines<T: serde::Serialize>(items: &[T]) -> String {
    items
        .iter()
        .map(|t| serde_json::to_string(t).expect("JSON") + "\n")
        .collect()
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
            let who = fit(
                it.agency.as_deref().unwrap_or(&it.source),
                &it.year.map_or("?".into(), |y| y.to_string()),
                28,
            );
            s.push_str(&format!("    {}  {}\n", dim(&who), truncate(&it.text, 80)));
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
        let who = fit(
            r.agency.as_deref().unwrap_or(&r.source),
            &r.year.map_or("?".into(), |y| y.to_string()),
            30,
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
            who,
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
