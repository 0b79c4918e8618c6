//! Tokenizer throughput against bare jieba-rs segmentation of the same text (one thread, MB/s of
//! section text). The text is every section of the shipped corpus, or of a generated corpus:
//!
//! ```sh
//! cargo bench --bench tokenize                       # corpus/
//! GK_BENCH_DIR=/tmp/gk-1k cargo bench --bench tokenize
//! ```
//!
//! Rows: `jieba cut (HMM)` is `Jieba::cut(text, true)` alone; `gk_words` is the index's word
//! tokenizer (the same cut plus folding into tantivy tokens); `gk_grams` the bigram tokenizer;
//! `gk_words + gk_grams` what indexing one section's text costs in tokenization.

use std::time::Instant;

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
    let rounds = (20_000_000 / bytes.max(1)).clamp(1, 200);
    let run = |name: &str, f: &dyn Fn(&str) -> usize| {
        let _ = texts.iter().map(|t| f(t)).sum::<usize>();
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..rounds {
            for s in &texts {
                n += f(s);
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{:<22} {:>8.1} MB/s {:>10} tokens/round",
            name,
            (bytes * rounds) as f64 / 1e6 / secs,
            n / rounds
        );
    };
    run("jieba cut (HMM)", &|s| jieba.cut(s, true).len());
    run("gk_words", &|s| {
        gongkai::index::tokenize::words(&jieba, s).len()
    });
    run("gk_grams", &|s| gongkai::index::tokenize::grams(s).len());
    run("gk_words + gk_grams", &|s| {
        gongkai::index::tokenize::words(&jieba, s).len() + gongkai::index::tokenize::grams(s).len()
    });
}
