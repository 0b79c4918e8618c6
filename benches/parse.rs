//! Parse throughput (MB/s of report text) per report and per layout.
//!
//! ```sh
//! cargo bench --bench parse                        # the shipped corpus, per report, then PDFs
//! cargo bench --bench parse -- pdf                  # only the PDFs of ../shared/corpus-pdf
//! GK_BENCH_DIR=/tmp/gk-1k cargo bench --bench parse  # a generated corpus, per layout
//! ```
//!
//! The PDF case reads `../shared/corpus-pdf/*.pdf` (skipped where it is absent) and times the
//! text extraction alone (`Document::from_bytes`) and the whole parse, per file.
//!
//! On a generated corpus (`benches/gen.rs`) the layout is read from the file name
//! (`NNNNNN-<layout>[-gbk].<ext>`); up to `GK_BENCH_FILES` files (default 2000) are parsed.

use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    if std::env::args().any(|a| a == "pdf") {
        return pdfs();
    }
    match std::env::var("GK_BENCH_DIR") {
        Ok(dir) => by_layout(&dir),
        Err(_) => {
            by_report();
            pdfs();
        }
    }
}

/// PDF files: extraction and whole parse, per file (MB/s of PDF bytes, ms per page).
fn pdfs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-pdf");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("\n../shared/corpus-pdf absent: PDF case skipped");
        return;
    };
    let mut files: Vec<_> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    println!(
        "\n{:<28} {:>8} {:>6} {:>12} {:>10} {:>10} {:>8}",
        "pdf", "bytes", "pages", "ms/extract", "ms/parse", "ms/page", "MB/s"
    );
    let (mut all_b, mut all_s, mut all_p) = (0usize, 0.0, 0u32);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.display().to_string();
        let doc = gongkai::ingest::Document::from_bytes(&name, &bytes).unwrap();
        let pages = doc.pdf_pages().unwrap_or(1);
        let iters = 20;
        let t = Instant::now();
        for _ in 0..iters {
            std::hint::black_box(gongkai::ingest::Document::from_bytes(&name, &bytes).unwrap());
        }
        let extract = t.elapsed().as_secs_f64() / iters as f64;
        let t = Instant::now();
        for _ in 0..iters {
            std::hint::black_box(gongkai::report_from_bytes(&name, &bytes).unwrap());
        }
        let parse = t.elapsed().as_secs_f64() / iters as f64;
        all_b += bytes.len();
        all_s += parse;
        all_p += pages;
        println!(
            "{:<28} {:>8} {:>6} {:>12.1} {:>10.1} {:>10.1} {:>8.1}",
            f.file_name().unwrap().to_string_lossy(),
            bytes.len(),
            pages,
            extract * 1e3,
            parse * 1e3,
            parse * 1e3 / pages as f64,
            bytes.len() as f64 / parse / 1e6
        );
    }
    if !files.is_empty() {
        println!(
            "{:<28} {:>8} {:>6} {:>12} {:>10.1} {:>10.1} {:>8.1}",
            "all",
            all_b,
            all_p,
            "",
            all_s * 1e3,
            all_s * 1e3 / all_p as f64,
            all_b as f64 / all_s / 1e6
        );
    }
}

fn by_layout(dir: &str) {
    let limit: usize = std::env::var("GK_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let files = gongkai::index::collect_files(&[dir.into()]);
    let mut groups: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for f in files.iter().take(limit) {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let layout = stem
            .split_once('-')
            .map(|x| x.1)
            .unwrap_or("other")
            .to_string();
        groups
            .entry(layout)
            .or_default()
            .push((f.display().to_string(), std::fs::read(f).unwrap()));
    }
    println!(
        "{:<12} {:>7} {:>10} {:>10} {:>9} {:>8} {:>8}",
        "layout", "files", "KB avg", "µs/parse", "MB/s", "checks", "failed"
    );
    let (mut all_b, mut all_s) = (0usize, 0.0);
    for (layout, docs) in &groups {
        let mut pass = 0;
        let mut fail = 0;
        for (n, b) in docs {
            let r = gongkai::report_from_bytes(n, b).unwrap();
            for c in &r.checks {
                match c.status.as_str() {
                    "pass" => pass += 1,
                    "fail" => fail += 1,
                    _ => {}
                }
            }
        }
        let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
        let t = Instant::now();
        for (n, b) in docs {
            std::hint::black_box(gongkai::report_from_bytes(n, b).unwrap());
        }
        let secs = t.elapsed().as_secs_f64();
        all_b += bytes;
        all_s += secs;
        println!(
            "{:<12} {:>7} {:>10.1} {:>10.0} {:>9.1} {:>8} {:>8}",
            layout,
            docs.len(),
            bytes as f64 / docs.len() as f64 / 1e3,
            secs / docs.len() as f64 * 1e6,
            bytes as f64 / secs / 1e6,
            pass + fail,
            fail
        );
    }
    println!(
        "{:<12} {:>7} {:>10} {:>10} {:>9.1}",
        "all",
        "",
        "",
        "",
        all_b as f64 / all_s / 1e6
    );
}

fn by_report() {
    let mut files: Vec<_> = std::fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut total_bytes = 0usize;
    let mut total_secs = 0.0;
    println!(
        "{:<40} {:>9} {:>10} {:>9}",
        "report", "bytes", "µs/parse", "MB/s"
    );
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.display().to_string();
        // Warm up, then time enough iterations for a stable figure.
        let _ = gongkai::report_from_bytes(&name, &bytes).unwrap();
        let iters = 200;
        let t = Instant::now();
        for _ in 0..iters {
            std::hint::black_box(gongkai::report_from_bytes(&name, &bytes).unwrap());
        }
        let secs = t.elapsed().as_secs_f64();
        total_bytes += bytes.len() * iters;
        total_secs += secs;
        println!(
            "{:<40} {:>9} {:>10.0} {:>9.1}",
            f.file_name().unwrap().to_string_lossy(),
            bytes.len(),
            secs / iters as f64 * 1e6,
            bytes.len() as f64 * iters as f64 / secs / 1e6
        );
    }
    println!(
        "{:<40} {:>9} {:>10} {:>9.1}",
        "all",
        "",
        "",
        total_bytes as f64 / total_secs / 1e6
    );
}
