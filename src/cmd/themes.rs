//! `gongkai themes`: recurring problem themes across the indexed reports (or, with `--reuse`,
//! how much of each report repeats earlier text). Analysis in `analyze::themes` and
//! `analyze::similarity`; this file only selects reports and prints.

use super::style::{bold, counter, dim, fit, lpad, pad, progress, spinner, truncate};
use super::{ThemeBy, ThemeSection, ThemesArgs};
use gongkai::analyze::similarity::{self, Reuse};
use gongkai::analyze::themes::{self, By, ItemKind, ItemTable, Origin, Taxonomy, ThemeGroup};
use gongkai::index::query::Filters;
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
    if args.reuse {
        return reuse(&args, &filters, quiet);
    }
    let mut wait = spinner("reading the index", quiet);
    let by = match args.by {
        ThemeBy::Province => By::Province,
        ThemeBy::Year => By::Year,
    };
    let opened = super::shared::open(&args.index, quiet)?;
    let jieba = jieba_rs::Jieba::new();
    let found = gongkai::answer::themes::grouped(
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
    if let Some(b) = wait.take() {
        b.finish_and_clear();
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        // One theme at a time: its items are made only to be printed.
        for g in &found.groups {
            let theme = found.theme(g)?;
            json_lines(&mut out, std::iter::once(theme)).map_err(Error::stdout)?;
        }
        Ok(())
    } else {
        let head = dim(&format!(
            "{} themes in {} items of {} reports (an item can raise several themes)",
            found
                .groups
                .iter()
                .filter(|t| t.origin != Origin::Unthemed)
                .count(),
            found.table.len(),
            found.reports
        ));
        let body = render(&found.table, &found.groups, args.examples, by)
            .map_err(|e| Error::io(&std::env::temp_dir(), &e))?;
        writeln!(out, "{head}").and_then(|()| out.write_all(body.as_bytes()))
    }
    .and_then(|()| out.flush())
    .map_err(Error::stdout)?;
    Ok(super::Exit::Success)
}

/// `themes --reuse`, in two passes over the index so that no report's prose is held: the first
/// streams whole reports (the filters need them) and keeps who wrote each and its sketch; the
/// second reads the prose again a batch at a time, measures each report against its previous
/// and nearest reports (reading theirs from the index), and prints the rows as they come.
fn reuse(args: &ThemesArgs, filters: &Filters, quiet: bool) -> Result<super::Exit, Error> {
    use gongkai::index::{self as ix, StreamError};
    let dir = &args.index;
    let (index, fields) = super::shared::open_index(dir, quiet)?;
    let damaged = |m: String| Error::damaged(dir, &m);
    let stream_error = |e: StreamError<Error>| match e {
        StreamError::Index(m) => Error::damaged(dir, &m),
        StreamError::Stopped(e) => e,
    };
    let searcher = ix::searcher(&index).map_err(damaged)?;
    let addrs = ix::report_addresses(&searcher, &fields, filters).map_err(damaged)?;
    let bar = counter("reading reports", quiet);
    let mut kept = Vec::new();
    let mut shingles = similarity::ReuseIndex::new();
    let mut at = 0;
    ix::for_each_at(&searcher, &fields, &addrs, ix::Parts::Whole, |r| {
        let addr = addrs[at];
        at += 1;
        if let Some(b) = &bar {
            b.inc(1);
        }
        if filters.matches(&r) {
            kept.push(addr);
            let key = similarity::ReuseKey {
                source: r.source.clone(),
                agency: r.agency.clone(),
                year: r.year,
            };
            shingles
                .push(key, r.agency_identity().as_deref(), &similarity::prose(&r))
                .map_err(|(p, e)| Error::io(&p, &e))?;
        }
        Ok(())
    })
    .map_err(stream_error)?;
    shingles.seal().map_err(|(p, e)| Error::io(&p, &e))?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let bar = progress(kept.len() as u64, "comparing reports", quiet);
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1)
        }
    };
    let prose_of = |j: usize| ix::prose_at(&searcher, &fields, kept[j]);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !args.json {
        out.write_all(reuse_header().as_bytes())
            .map_err(Error::stdout)?;
    }
    let mut first = 0;
    ix::for_each_prose_batch(&searcher, &fields, &kept, |batch| {
        let rows = shingles
            .rows(first, &batch, &prose_of, &tick)
            .map_err(damaged)?;
        first += batch.len();
        if args.json {
            json_lines(&mut out, rows.iter())
        } else {
            rows.iter()
                .try_for_each(|r| out.write_all(reuse_line(r).as_bytes()))
        }
        .map_err(Error::stdout)
    })
    .map_err(stream_error)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !args.json {
        out.write_all(reuse_footer().as_bytes())
            .map_err(Error::stdout)?;
    }
    out.flush().map_err(Error::stdout)?;
    Ok(super::Exit::Success)
}

/// One JSON object per line, written as they come.
fn json_lines<T: serde::Serialize>(
    out: &mut impl Write,
    items: impl Iterator<Item = T>,
) -> std::io::Result<()> {
    for t in items {
        serde_json::to_writer(&mut *out, &t)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The themes table: one line per theme with its counts per year (or province), and examples.
pub fn render(
    table: &ItemTable,
    list: &[ThemeGroup],
    examples: usize,
    by: By,
) -> std::io::Result<String> {
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
            t.members.len()
        } else {
            examples
        };
        for it in pick_examples(table, t, shown)? {
            let who = fit(
                it.agency.as_deref().unwrap_or(&it.source),
                &it.year.map_or("?".into(), |y| y.to_string()),
                28,
            );
            s.push_str(&format!("    {}  {}\n", dim(&who), truncate(&it.text, 80)));
        }
        if shown < t.members.len() {
            s.push_str(&format!(
                "    {}\n",
                dim(&format!(
                    "… {} more item{}",
                    t.members.len() - shown,
                    if t.members.len() - shown == 1 {
                        ""
                    } else {
                        "s"
                    }
                ))
            ));
        }
    }
    if list.iter().any(|t| t.origin == Origin::Discovered) {
        s.push_str(&dim(
            "* discovered from shared keywords, not in the taxonomy\n",
        ));
    }
    Ok(s)
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
fn pick_examples(
    table: &ItemTable,
    t: &ThemeGroup,
    n: usize,
) -> std::io::Result<Vec<themes::Item>> {
    let mut seen = BTreeSet::new();
    let mut picked: Vec<u32> = Vec::new();
    for &i in &t.members {
        if picked.len() < n && seen.insert(table.report_of(i as usize)) {
            picked.push(i);
        }
    }
    for &i in &t.members {
        if picked.len() >= n {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.into_iter().map(|i| table.item(i as usize)).collect()
}

/// The reuse table: per report, the share of its prose found in its previous and nearest report.
fn reuse_header() -> String {
    bold(&format!(
        "{} {}  {}  {}\n",
        pad("report", 30),
        lpad("chars", 6),
        pad("same agency, previous", 24),
        "nearest other report"
    ))
}

/// One report's line: fixed widths, so that lines can be printed as they are measured.
fn reuse_line(r: &Reuse) -> String {
    let pct = |x: f64| format!("{:>3.0}%", x * 100.0);
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
    format!(
        "{} {}  {}  {}\n",
        who,
        lpad(&r.chars.to_string(), 6),
        pad(&prev, 24),
        near
    )
}

fn reuse_footer() -> String {
    dim("shares are of this report's prose (tables excluded) found word for word in the other\n")
}
