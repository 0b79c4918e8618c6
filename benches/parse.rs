//! Parse throughput on the shipped corpus, per report layout (MB/s of report text).
//! Run: `cargo bench --bench parse`. Whole-process and index/search benchmarks: see issue 5.

use std::time::Instant;

fn main() {
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
