//! Hostile input: inputs the fuzzer (`fuzz/`, target `parse`) found or that were built to make
//! the parser slow. Each must parse without a panic, keep the provenance invariants, and take
//! time linear in its size: every input here is large enough (≥ 1 MB) that a quadratic step
//! would take minutes, and each is timed against a generous bound for a debug build.

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

/// Parse and assert the time bound: CPU time of the parse where the system tells it (wall time
/// elsewhere), so that a loaded machine does not fail the test; wall time within 6× that.
/// Debug build; the real figures are printed for the record.
fn parse_within(label: &str, name: &str, bytes: &[u8], limit_s: u64) -> Option<Report> {
    let (r, wall, cpu) = parse(name, bytes);
    let mb = bytes.len() as f64 / 1e6;
    eprintln!(
        "{label}: {mb:.1} MB in {:.2} s ({} CPU)",
        wall.as_secs_f64(),
        cpu.map_or("unknown".into(), |c| format!("{:.2} s", c.as_secs_f64()))
    );
    let limit = Duration::from_secs(limit_s);
    let took = cpu.unwrap_or(wall);
    assert!(took < limit, "{label}: {mb:.1} MB took {took:?}");
    assert!(
        wall < limit * 6,
        "{label}: {mb:.1} MB took {wall:?} of wall time"
    );
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
    let tabs = repeat(&format!("{REQ_HEAD}{ROW}"), "\t1", 2_500_000, "");
    assert!(tabs.len() >= 5_000_000);
    // 15 s of CPU in a debug build: since the tenth session's merge (one figure reader for every
    // field, header-ordered columns) it takes 11.6–12.3 s; a quadratic reading would take hours.
    // Profiled (perf, DWARF, debug build): no hot spot — the row's fields 24% (figure reader
    // 9%), the outline 21%, decoding and normalising 21%, the title search 14%, assembling 9%:
    // every pass reads the 5 MB line once, each at debug speed.
    let r = parse_within("5 MB row of tab cells", "x.txt", &tabs, 15).unwrap();
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
/// before the fixes each of these took many minutes (quadratic); now each takes 1–4 s in a
/// debug build.
#[test]
fn pathological_shapes_are_linear() {
    let big = 1_000_000;
    // split::fit: a row of blank cells (trimmed one `Vec::remove(0)` at a time).
    let blanks = repeat(&format!("{REQ_HEAD}{ROW}"), "\t", 2 * big, "\t1");
    parse_within("row of 2M blank cells", "x.txt", &blanks, 10);
    // split::fit: a run of a million digit groups (per-group copies of the whole run).
    let groups = repeat(&format!("{REQ_HEAD}{ROW} "), "1 ", big, "");
    parse_within("run of 1M digit groups", "x.txt", &groups, 10);
    // split::split_group: one group of a million digits (every prefix parsed as a number).
    let digits = repeat(&format!("{REQ_HEAD}{ROW} "), "1", big, " 1");
    parse_within("group of 1M digits", "x.txt", &digits, 10);
    // cells::field_events: a line of labels and header words (each match tested against all
    // matches chosen before it).
    let labels = repeat(REQ_HEAD, "本年新收自然人", 150_000, "");
    parse_within("line of 300k labels", "x.txt", &labels, 10);
    // problems::improvement_start: a section 五 of many lines (the text before every line
    // break searched again).
    let lines = repeat("五、存在的主要问题及改进情况\n", "加强\n", 200_000, "");
    parse_within("section 五 of 200k lines", "x.txt", &lines, 10);
    // sections::title_extent: inline headings in a line ending in white space (the line's end
    // trimmed once per heading).
    let mut inline = repeat("", "。一、总体情况", 50_000, "");
    inline.extend(std::iter::repeat_n(b' ', 2 * big));
    parse_within("50k inline headings + 2 MB of spaces", "x.txt", &inline, 10);
    // html::extract: '&' without ';' (each one searched to the end of the page for a ';').
    let amps = repeat("<p>", "&", 2 * big, "");
    parse_within("2M '&'", "x.html", &amps, 10);
    // html::extract: '<' that never closes (each one scanned 64 KiB for a '>').
    let opens = repeat("<p>正文", "<a", big, "");
    parse_within("1M unclosed tags", "x.html", &opens, 10);
    // html::extract: every '>' inside quotes, whichever '<' the scan begins at.
    let quoted = repeat("<p>正文", "<a\">\"", 400_000, "");
    parse_within("400k tags with quoted '>'", "x.html", &quoted, 10);
}

/// The PDF-text reading of table rows: labels pending without values (the count of rows started
/// since the last values), misprinted labels before every row of values (the tolerant matcher's
/// work is budgeted), a label wrapped over many one-character lines, footers between them.
#[test]
fn pdf_row_shapes_are_linear() {
    let big = 100_000;
    let pending = repeat(REQ_HEAD, "（六）其他处理\n", big, "3.其他 1 0 0 0 0 0 1\n");
    parse_within(
        "100k labels before one row of values",
        "x.txt",
        &pending,
        10,
    );
    let misprints = repeat(REQ_HEAD, "2.其他法律行政止公开 0 0 0 0 0 0 0\n", big, "");
    // Each misprinted label is matched by edit distance against every label of the table:
    // linear, but ~10 s of CPU on CI's 2 cores (10.7 s once); a quadratic reading would take
    // hours, so 20 s still tells it.
    parse_within("100k misprinted rows", "x.txt", &misprints, 20);
    let wrapped = repeat(REQ_HEAD, "本\n-3-\n\u{c}年\n", big, "");
    parse_within(
        "200k one-character lines between footers",
        "x.txt",
        &wrapped,
        10,
    );
}
