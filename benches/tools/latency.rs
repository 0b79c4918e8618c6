//! In-process search latency: open the index once, run each query kind `--iters` times
//! (default 200) and print p50/p99 in milliseconds, one line per kind.
//!
//! ```sh
//! target/release/examples/latency INDEX [--iters 200] [--phrase 政务公开工作重要性认识不强]
//! target/release/examples/latency INDEX --dump-sections OUT.tsv
//! ```
//!
//! The query kinds are the ones `benches/compare.sh` times as whole processes: `word` (政策解读),
//! `phrase` (a longer exact phrase), `filtered` (政策解读 --section 问题 --year 2022) and
//! `where` (政策解读 --where 'requests.new_received.total>10'); each returns the top 20 hits with
//! snippets, as `gongkai search` does.
//!
//! `--dump-sections` writes the indexed sections as TSV (source, kind, year,
//! requests.new_received.total, text with tabs/newlines as spaces) so that the SQLite FTS5 peer
//! (`benches/fts5.py`) indexes exactly the text and metadata gongkai indexes.

use gongkai::index::query::{self, Filters};
use gongkai::model::SectionKind;
use std::io::Write;
use std::time::Instant;
use tantivy::schema::Value;

pub fn query_kinds(phrase: &str) -> Vec<(&'static str, String, Filters)> {
    let filtered = Filters {
        kinds: vec![SectionKind::from_user("问题").unwrap()],
        years: Some((2022, 2022)),
        ..Filters::default()
    };
    let with_where = Filters {
        conditions: vec![query::parse_condition("requests.new_received.total>10").unwrap()],
        ..Filters::default()
    };
    vec![
        ("word", "政策解读".to_string(), Filters::default()),
        ("phrase", format!("\"{phrase}\""), Filters::default()),
        ("filtered", "政策解读".to_string(), filtered),
        ("where", "政策解读".to_string(), with_where),
    ]
}

fn dump(index_dir: &std::path::Path, out: &std::path::Path) {
    let (index, f) = gongkai::index::open(index_dir).unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let fig = gongkai::index::figure_field_name("requests.new_received.total");
    let mut n = 0usize;
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        // Figures are on the report document, `up` documents after each section.
        let col = seg.fast_fields().f64(&fig).ok();
        let up = seg.fast_fields().u64("up").ok();
        let store = seg.get_store_reader(64).unwrap();
        for doc in seg.doc_ids_alive() {
            let d: tantivy::TantivyDocument = store.get(doc).unwrap();
            let get = |fl| {
                d.get_first(fl)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let kind = get(f.kind);
            if kind.is_empty() {
                continue; // the per-report document
            }
            let year = d.get_first(f.year).and_then(|v| v.as_i64()).unwrap_or(0);
            let report = up
                .as_ref()
                .and_then(|u| u.first(doc))
                .map(|u| doc + u as u32);
            let total = col
                .as_ref()
                .zip(report)
                .and_then(|(c, r)| c.first(r))
                .map(|v| v.to_string())
                .unwrap_or_default();
            let clean = |s: String| s.replace(['\t', '\n', '\r'], " ");
            writeln!(
                w,
                "{}\t{}\t{}\t{}\t{}",
                clean(get(f.source)),
                kind,
                year,
                total,
                clean(get(f.body))
            )
            .unwrap();
            n += 1;
        }
        let _ = ord;
    }
    eprintln!("dumped {n} sections → {}", out.display());
}

fn main() {
    let mut dir = None;
    let mut iters = 200usize;
    let mut phrase = "政务公开工作重要性认识不强".to_string();
    let mut dump_to = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--iters" => iters = args.next().and_then(|v| v.parse().ok()).expect("--iters N"),
            "--phrase" => phrase = args.next().expect("--phrase TEXT"),
            "--dump-sections" => dump_to = args.next().map(std::path::PathBuf::from),
            "--bench" => {}
            _ => dir = Some(std::path::PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: latency INDEX [--iters N] [--phrase TEXT] [--dump-sections OUT]");
    if let Some(out) = dump_to {
        dump(&dir, &out);
        return;
    }
    let t = Instant::now();
    let (index, fields) = gongkai::index::open(&dir).unwrap();
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("open: {open_ms:.2} ms");
    for (kind, q, filters) in query_kinds(&phrase) {
        let pq = query::parse_query(&q).unwrap();
        let (count, _) = query::search(&index, &fields, &pq, &filters, 20).unwrap();
        let mut ms: Vec<f64> = (0..iters)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(query::search(&index, &fields, &pq, &filters, 20).unwrap());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let pct = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "{kind}\tp50 {:.3} ms\tp99 {:.3} ms\t{count} hits",
            pct(0.50),
            pct(0.99)
        );
    }
}
