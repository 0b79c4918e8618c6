//! Hostile input: inputs the fuzzer (`fuzz/`, target `parse`) found or that were built to make
//! the parser slow. Each must parse without a panic, keep the provenance invariants, and take
//! time linear in its size: every input here is large enough (≥ 1 MB) that a quadratic step
//! would take minutes, and each is parsed whole and at a quarter of its size, the two times
//! compared. A time bound alone failed on CI's machine in a debug build (26 s for the 5 MB row,
//! linear), and would pass a quadratic step on a fast one.

use gongkai::ingest::Document;
use gongkai::model::Report;
use std::time::{Duration, Instant};

const REQ_HEAD: &str = "三、收到和处理政府信息公开申请情况\n";
const ROW: &str = "本年新收政府信息公开申请数量";

/// CPU time of the calling thread (Linux: `/proc/thread-self/stat`, in 1/100 s), so that a time
/// bound measures the parser and not how busy the machine is. None elsewhere.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which may hold spaces): state is the 3rd field of the
    // line, utime and stime the 14th and 15th.
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Parse `bytes` as `name`, check the invariants the fuzz target checks, and return the report
/// (None when the input is refused), the wall time and the CPU time (when known) taken.
fn parse(name: &str, bytes: &[u8]) -> (Option<Report>, Duration, Option<Duration>) {
    let cpu0 = thread_cpu();
    let t = Instant::now();
    let res = gongkai::report_from_bytes(name, bytes);
    let wall = t.elapsed();
    let cpu = cpu0.and_then(|c0| Some(thread_cpu()?.saturating_sub(c0)));
    // A panic caught by the library is still a bug here.
    if let Err(e) = &res {
        assert!(!e.reason.starts_with(gongkai::PARSER_FAILED), "{name}: {e}");
    }
    let Ok(report) = res else {
        return (None, wall, cpu);
    };
    let doc = Document::from_bytes(name, bytes).unwrap();
    for (key, p) in &report.provenance.cells {
        let end = p.offset + p.raw.len();
        assert!(end <= doc.source.len(), "{key}");
        assert!(doc.source.is_char_boundary(p.offset) && doc.source.is_char_boundary(end));
        assert_eq!(doc.source[p.offset..end], p.raw, "{key}");
    }
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report, "JSON round trip");
    (Some(report), wall, cpu)
}

/// How much more CPU the full input may take than its quarter: a linear step takes 4×, an
/// N log N one a little more, a quadratic one 16× (9.1× even when it is only half the time at
/// full size). A ratio, not a time bound, so that a slow machine or a debug build does not fail
/// the test while a quadratic step still does.
const MAX_GROWTH: f64 = 8.0;

/// A backstop for a step that is linear but absurdly slow: seconds of CPU for the full input in
/// a debug build (the slowest case here takes about 30 s on CI's machine).
const MAX_SECONDS: f64 = 180.0;

/// Parse `make(n / 4)` and `make(n)` as `name`, checking the invariants, and assert that the
/// full input grows the time no faster than linearly (see [`MAX_GROWTH`]). CPU time of the
/// parse where the system tells it, so that a loaded machine does not skew the ratio; wall time
/// elsewhere. The figures are printed for the record. Returns the full input's report.
fn parse_linear(
    label: &str,
    name: &str,
    n: usize,
    make: impl Fn(usize) -> Vec<u8>,
) -> Option<Report> {
    let quarter = make(n / 4);
    let (_, small_wall, small_cpu) = parse(name, &quarter);
    drop(quarter);
    let full = make(n);
    let (r, wall, cpu) = parse(name, &full);
    let small = small_cpu.unwrap_or(small_wall).as_secs_f64();
    let big = cpu.unwrap_or(wall).as_secs_f64();
    // Below 50 ms the clock's ticks (10 ms) would make the ratio noise.
    let growth = big / small.max(0.05);
    let mb = full.len() as f64 / 1e6;
    eprintln!(
        "{label}: {mb:.1} MB in {big:.2} s, a quarter of it in {small:.2} s: {growth:.1}× ({})",
        if cpu.is_some() { "CPU" } else { "wall" }
    );
    assert!(
        growth < MAX_GROWTH,
        "{label}: 4× the input took {growth:.1}× the time ({small:.2} s → {big:.2} s): not linear"
    );
    assert!(big < MAX_SECONDS, "{label}: {mb:.1} MB took {big:.1} s");
    r
}

fn repeat(head: &str, unit: &str, n: usize, tail: &str) -> Vec<u8> {
    let mut s = String::with_capacity(head.len() + unit.len() * n + tail.len());
    s.push_str(head);
    for _ in 0..n {
        s.push_str(unit);
    }
    s.push_str(tail);
    s.into_bytes()
}

/// The worst case: a 5 MB single line, a table-三 row label followed by millions of
/// tab-separated cells.
#[test]
fn five_megabyte_table_row_is_linear() {
    // Profiled (perf, DWARF, debug build): no hot spot — tables 43% (the row's fields 19%),
    // the outline 26%, decoding and normalising 21%, the title search 13%: every pass reads the
    // 5 MB line once, each at debug speed (26 s of CPU in a debug build, 3 s in release).
    let head = format!("{REQ_HEAD}{ROW}");
    let r = parse_linear("5 MB row of tab cells", "x.txt", 2_500_000, |n| {
        repeat(&head, "\t1", n, "")
    })
    .unwrap();
    assert!(r.tables.requests.is_none());
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("has 2500000 cells where 7 are expected")),
        "{:?}",
        r.warnings
    );
}

/// Built to be slow: each input is a pathological shape for one step of the pipeline, 1–3 MB;
/// before the fixes each of these took many minutes (quadratic).
#[test]
fn pathological_shapes_are_linear() {
    let big = 1_000_000;
    let row = format!("{REQ_HEAD}{ROW}");
    let row_sp = format!("{REQ_HEAD}{ROW} ");
    // split::fit: a row of blank cells (trimmed one `Vec::remove(0)` at a time).
    parse_linear("row of 2M blank cells", "x.txt", 2 * big, |n| {
        repeat(&row, "\t", n, "\t1")
    });
    // split::fit: a run of a million digit groups (per-group copies of the whole run).
    parse_linear("run of 1M digit groups", "x.txt", big, |n| {
        repeat(&row_sp, "1 ", n, "")
    });
    // split::split_group: one group of a million digits (every prefix parsed as a number).
    parse_linear("group of 1M digits", "x.txt", big, |n| {
        repeat(&row_sp, "1", n, " 1")
    });
    // cells::field_events: a line of labels and header words (each match tested against all
    // matches chosen before it).
    parse_linear("line of 300k labels", "x.txt", 150_000, |n| {
        repeat(REQ_HEAD, "本年新收自然人", n, "")
    });
    // problems::improvement_start: a section 五 of many lines (the text before every line
    // break searched again).
    parse_linear("section 五 of 200k lines", "x.txt", 200_000, |n| {
        repeat("五、存在的主要问题及改进情况\n", "加强\n", n, "")
    });
    // sections::title_extent: inline headings in a line ending in white space (the line's end
    // trimmed once per heading).
    parse_linear(
        "50k inline headings + 2 MB of spaces",
        "x.txt",
        50_000,
        |n| {
            let mut inline = repeat("", "。一、总体情况", n, "");
            inline.extend(std::iter::repeat_n(b' ', 40 * n));
            inline
        },
    );
    // html::extract: '&' without ';' (each one searched to the end of the page for a ';').
    parse_linear("2M '&'", "x.html", 2 * big, |n| repeat("<p>", "&", n, ""));
    // html::extract: '<' that never closes (each one scanned 64 KiB for a '>').
    parse_linear("1M unclosed tags", "x.html", big, |n| {
        repeat("<p>正文", "<a", n, "")
    });
    // html::extract: every '>' inside quotes, whichever '<' the scan begins at.
    parse_linear("400k tags with quoted '>'", "x.html", 400_000, |n| {
        repeat("<p>正文", "<a\">\"", n, "")
    });
}

/// The PDF-text reading of table rows: labels pending without values (the count of rows started
/// since the last values), misprinted labels before every row of values (the tolerant matcher's
/// work is budgeted), a label wrapped over many one-character lines, footers between them.
#[test]
fn pdf_row_shapes_are_linear() {
    let big = 100_000;
    parse_linear("100k labels before one row of values", "x.txt", big, |n| {
        repeat(REQ_HEAD, "（六）其他处理\n", n, "3.其他 1 0 0 0 0 0 1\n")
    });
    // Each misprinted label is matched by edit distance against every label of the table.
    parse_linear("100k misprinted rows", "x.txt", big, |n| {
        repeat(REQ_HEAD, "2.其他法律行政止公开 0 0 0 0 0 0 0\n", n, "")
    });
    parse_linear(
        "200k one-character lines between footers",
        "x.txt",
        big,
        |n| repeat(REQ_HEAD, "本\n-3-\n\u{c}年\n", n, ""),
    );
}
