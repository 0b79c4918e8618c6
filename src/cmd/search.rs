//! `gongkai search QUERY [filters]`: ranked sections with highlighted snippets; `--json` prints
//! one hit per line. Builds the default index from corpus/ first when it does not exist.

use super::style::{bold, dim, fit, hl, pad};
use super::SearchArgs;
use gongkai::answer::search::Found;
use gongkai::index::query::{Filters, Hit};
use gongkai::model::SectionKind;
use gongkai::Error;
use std::io::Write;

/// Exit 0 with hits, 1 with none (as grep), 2 on an error.
pub fn run(args: SearchArgs, quiet: bool) -> Result<super::Exit, Error> {
    if args.query.is_empty() {
        return super::list::run(&args, quiet);
    }
    if args.sort.is_some() {
        return Err(Error::Usage(
            "--sort orders the report list: give filters and no words".into(),
        ));
    }
    let q = gongkai::answer::search::parse(&args.query.join(" "))?;
    let kinds = gongkai::answer::search::section_kinds(&args.section)?;
    // The report filters as every command reads them, plus what only search has.
    let filters = Filters {
        kinds,
        items: args.items,
        ..super::shared::filters(&args.filters)?
    };
    let opened = super::shared::open(&args.index, quiet)?;
    let Found { total: count, hits } =
        gongkai::answer::search::search(&opened, &q, &filters, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.count {
        write_count(&mut out, count, args.json)?;
    } else if args.json {
        for h in &hits {
            writeln!(
                out,
                "{}",
                serde_json::to_string(h).expect("a hit serialises")
            )
            .map_err(Error::stdout)?;
        }
    } else {
        for h in &hits {
            writeln!(out, "{}", render(h)).map_err(Error::stdout)?;
        }
        writeln!(
            out,
            "{}",
            dim(&format!("{} of {count} matching sections", hits.len()))
        )
        .map_err(Error::stdout)?;
    }
    out.flush().map_err(Error::stdout)?;
    Ok(if count == 0 {
        super::Exit::Partial
    } else {
        super::Exit::Success
    })
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
        "{} {} {}\n  {}",
        bold(&fit(&h.agency, &h.year.to_string(), 33)),
        pad(&format!("{} {}", h.kind, kind), 34),
        dim(&format!("{:.2}", h.score)),
        snip
    )
}

/// `--count`: the number alone, or `{"count": N}` with `--json`.
pub(super) fn write_count(out: &mut dyn Write, count: usize, json: bool) -> Result<(), Error> {
    if json {
        writeln!(out, "{}", serde_json::json!({ "count": count }))
    } else {
        writeln!(out, "{count}")
    }
    .map_err(Error::stdout)
}
