//! Concurrent clients against a running `gongkai serve`'s `/api/search`: for each number of
//! clients, every client sends requests one after another (a new connection each, as a
//! browser's first request would) for `--seconds`, cycling through the query kinds of
//! `latency.rs`; prints requests per second and the p50 / p99 latency per client count.
//!
//! ```sh
//! target/release/examples/serve_load http://127.0.0.1:7878 [--clients 1,8,32] [--seconds 10]
//! ```
//!
//! `benches/serve.sh` generates a 10k-report corpus, indexes it, starts the server and runs this.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The queries, percent-encoded: a word, a phrase, a word in one section and year, a word with
/// a figure condition (the kinds of `latency.rs`), and a broad word.
const QUERIES: &[&str] = &[
    "q=%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB",
    "q=%22%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80%22",
    "q=%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB&section=problems&year=2022",
    "q=%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB&where=requests.new_received.total%3E10",
    "q=%E5%85%AC%E5%BC%80",
];

fn get(host: &str, path: &str) -> Result<u16, String> {
    let mut s = TcpStream::connect(host).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut body = Vec::new();
    s.read_to_end(&mut body).map_err(|e| e.to_string())?;
    let head = String::from_utf8_lossy(&body[..body.len().min(16)]).to_string();
    head.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .expect("the server's URL, e.g. http://127.0.0.1:7878");
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let opt = |name: &str, default: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let clients: Vec<usize> = opt("--clients", "1,8,32")
        .split(',')
        .map(|c| c.parse().expect("a number of clients"))
        .collect();
    let seconds: f64 = opt("--seconds", "10").parse().expect("seconds");
    // Warm the page cache and the server.
    for q in QUERIES {
        get(&host, &format!("/api/search?{q}&n=20")).expect("the server answers");
    }
    println!("clients  requests  req/s    p50 ms   p99 ms  errors");
    for &n in &clients {
        let start = Instant::now();
        let until = start + Duration::from_secs_f64(seconds);
        let threads: Vec<_> = (0..n)
            .map(|t| {
                let host = host.clone();
                std::thread::spawn(move || {
                    let mut times = Vec::new();
                    let mut errors = 0usize;
                    let mut i = t;
                    while Instant::now() < until {
                        let path = format!("/api/search?{}&n=20", QUERIES[i % QUERIES.len()]);
                        i += 1;
                        let t0 = Instant::now();
                        match get(&host, &path) {
                            Ok(200) => times.push(t0.elapsed().as_secs_f64() * 1000.0),
                            _ => errors += 1,
                        }
                    }
                    (times, errors)
                })
            })
            .collect();
        let mut all = Vec::new();
        let mut errors = 0;
        for t in threads {
            let (times, e) = t.join().unwrap();
            all.extend(times);
            errors += e;
        }
        let elapsed = start.elapsed().as_secs_f64();
        all.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{n:>7}  {:>8}  {:>6.0}  {:>7.1}  {:>7.1}  {errors:>6}",
            all.len(),
            all.len() as f64 / elapsed,
            percentile(&all, 0.50),
            percentile(&all, 0.99)
        );
    }
}
