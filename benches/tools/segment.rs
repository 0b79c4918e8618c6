//! Bare jieba-rs segmentation of a corpus: the "physical limit" `gongkai index` is measured against.
//!
//! ```sh
//! target/release/examples/segment DIR [--threads 2]
//! ```
//!
//! Reads every file under DIR, decodes it (UTF-8, else GBK), and runs `jieba.cut(text, true)`
//! (HMM on, as the index's word tokenizer does) over the whole text with rayon on `--threads`
//! threads. Building the dictionary is part of the wall time, as it is for `gongkai index`.
//! Prints one line: files, MB, seconds, MB/s, tokens.

use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let mut dir = None;
    let mut threads = 2usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--threads N")
            }
            "--bench" => {}
            _ => dir = Some(std::path::PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: segment DIR [--threads N]");
    let start = Instant::now();
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .unwrap();
    let files = gongkai::index::collect_files(&[dir]);
    let jieba = jieba_rs::Jieba::new();
    let dict_secs = start.elapsed().as_secs_f64();
    let (bytes, tokens) = files
        .par_iter()
        .map(|p| {
            let raw = std::fs::read(p).unwrap();
            let text = match std::str::from_utf8(&raw) {
                Ok(s) => s.to_string(),
                Err(_) => encoding_rs::GBK.decode(&raw).0.into_owned(),
            };
            let n = jieba.cut(&text, true).len();
            (raw.len() as u64, n as u64)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let secs = start.elapsed().as_secs_f64();
    println!(
        "segment: {} files, {:.1} MB, {:.2}s ({:.2}s dictionary), {:.1} MB/s, {} tokens, {} threads",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        dict_secs,
        bytes as f64 / 1e6 / secs,
        tokens,
        threads
    );
}
