//! Tokenizer throughput against bare jieba-rs segmentation of the same text (one thread, MB/s of
//! section text). The text is every section of the shipped corpus, or of a generated corpus:
//!
//! ```sh
//! cargo bench --bench tokenize                       # corpus/
//! GK_BENCH_DIR=/tmp/gk-1k cargo bench --bench tokenize
//! ```
//!
//! Rows: `jieba cut (HMM)` is `Jieba::cut(text, true)` alone; `gk_grams` is the bigram
//! tokenizer returning `Vec<Token>` (as queries use it); `index: grams stream` is the tantivy
//! token stream the index build consumes, one token at a time.

use std::time::Instant;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn main() {
    let dir = std::env::var("GK_BENCH_DIR").unwrap_or_else(|_| "corpus".into());
    let files = gongkai::index::collect_files(&[dir.clone().into()]);
    let limit: usize = std::env::var("GK_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let mut texts = Vec::new();
    for f in files.iter().take(limit) {
        if let Ok(r) = gongkai::load_report(f) {
            texts.extend(r.sections.into_iter().map(|s| s.text));
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    println!(
        "{dir}: {} sections, {:.2} MB of section text; jieba dictionary built in {:.0} ms",
        texts.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    // Interleaved rounds, best of each: the machine is shared, so the minimum is the figure.
    let rounds: usize = std::env::var("GK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    fn count(ts: &mut dyn TokenStream) -> usize {
        let mut n = 0;
        while ts.advance() {
            n += ts.token().text.len().min(1);
        }
        n
    }
    type Tok<'a> = (&'a str, Box<dyn Fn(&str) -> usize + 'a>);
    let runs: Vec<Tok> = vec![
        ("jieba cut (HMM)", Box::new(|s| jieba.cut(s, true).len())),
        (
            "gk_grams",
            Box::new(|s| gongkai::index::tokenize::grams(s).len()),
        ),
        // What indexing runs: the tantivy token stream, consumed one token at a time.
        (
            "index: grams stream",
            Box::new(|s| count(&mut gongkai::index::tokenize::GramTokenizer.token_stream(s))),
        ),
    ];
    let mut best = vec![f64::MAX; runs.len()];
    let mut tokens = vec![0usize; runs.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in runs.iter().enumerate() {
            let t = Instant::now();
            tokens[i] = texts.iter().map(|s| f(s)).sum();
            best[i] = best[i].min(t.elapsed().as_secs_f64());
        }
    }
    for (i, (name, _)) in runs.iter().enumerate() {
        println!(
            "{:<22} {:>8.1} MB/s {:>10} tokens  ({:.2}× jieba's time)",
            name,
            bytes as f64 / 1e6 / best[i],
            tokens[i],
            best[i] / best[0]
        );
    }
}
