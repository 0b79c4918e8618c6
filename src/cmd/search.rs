//! `gongkai search QUERY [filters]`: ranked sections with highlighted snippets; `--json` prints
//! one hit per line. Builds the default index from corpus/ first when it does not exist.

use super::style::{bold, dim, hl, pad};
use super::SearchArgs;
use gongkai::index::query::{self, Filters, Hit};
use gongkai::model::SectionKind;
use std::io::Write;

pub fn run(args: SearchArgs, quiet: bool) -> i32 {
    let q = match query::parse_query(&args.query.join(" ")) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("gongkai: query: {e}");
            return 2;
        }
    };
    let mut filters = Filters::default();
    for s in &args.section {
        match SectionKind::from_user(s) {
            Some(k) => filters.kinds.push(k),
            None => {
                let known: Vec<&str> = SectionKind::ALL.iter().map(|k| k.key()).collect();
                eprintln!(
                    "gongkai: --section '{s}': unknown section (one of {}, or their Chinese names)",
                    known.join(", ")
                );
                return 2;
            }
        }
    }
    match super::shared::filters(&args.filters) {
        Ok(f) => {
            filters.agency = f.agency;
            filters.region = f.region;
            filters.years = f.years;
            filters.conditions = f.conditions;
        }
        Err(e) => {
            eprintln!("gongkai: {e}");
            return 2;
        }
    }
    let (index, fields) = match super::shared::open_index(&args.index, quiet) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("gongkai: {e}");
            return 2;
        }
    };
    let (count, hits) = match query::search(&index, &fields, &q, &filters, args.limit) {
        Ok(x) => x,
        Err(e) => {
            // What tantivy fails on while searching an index that opened is damage.
            eprintln!("gongkai: {}", gongkai::Error::damaged(&args.index, &e));
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        for h in &hits {
            let _ = writeln!(out, "{}", serde_json::to_string(h).unwrap());
        }
        return 0;
    }
    for h in &hits {
        let _ = writeln!(out, "{}", render(h));
    }
    let _ = writeln!(
        out,
        "{}",
        dim(&format!("{} of {count} matching sections", hits.len()))
    );
    0
}

fn render(h: &Hit) -> String {
    let kind = SectionKind::ALL
        .iter()
        .find(|k| k.key() == h.kind)
        .map(|k| k.chinese())
        .unwrap_or("");
    let mut snip = String::new();
    let mut last = 0;
    for &(a, b) in &h.marks {
        if a < last {
            continue;
        }
        snip.push_str(&h.snippet[last..a]);
        snip.push_str(&hl(&h.snippet[a..b]));
        last = b;
    }
    snip.push_str(&h.snippet[last..]);
    format!(
        "{} {} {} {}\n  {}",
        bold(&pad(&h.agency, 28)),
        h.year,
        pad(&format!("{} {}", h.kind, kind), 34),
        dim(&format!("{:.2}", h.score)),
        snip
    )
}
