//! `gongkai anomalies` and `gongkai profile` on a generated corpus with planted anomalies (the
//! shipped Guangzhou report re-labelled as eight agencies in 2021 and 2022, each with its own
//! prose and consistent tables), and on the shipped corpus; profile's figures checked against
//! values computed here from the parsed reports.

use crate::support::{self, gongkai};

use gongkai::model::Report;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

fn scratch(name: &str) -> PathBuf {
    support::scratch(&format!("anomalies-{name}"))
}

fn build_index(dir: &Path, corpus: &Path) -> PathBuf {
    let idx = dir.join("idx");
    support::build_index(corpus, &idx);
    idx
}

fn json_lines(o: &Output) -> Vec<Value> {
    text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// ---- the generated corpus ----

/// Pseudo-random Han text (a few hundred characters with punctuation), the same for the same
/// seed: every agency-year has prose of its own unless it copies.
fn prose(seed: u64, chars: usize) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = String::new();
    for i in 0..chars {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Common characters only (U+4E00…U+62FF), no digits, no headings.
        let c = char::from_u32(0x4E00 + ((x >> 33) % 0x1500) as u32).unwrap();
        out.push(c);
        if i % 17 == 16 {
            out.push(if i % 3 == 0 { '。' } else { '，' });
        }
    }
    out.push('。');
    out
}

/// Set the seven cells after the row label `label` (one cell per line): `v` in the natural
/// person column and the total, 0 elsewhere. The 1-based line of the total cell.
fn set_row(lines: &mut [String], label: &str, v: i64) -> usize {
    let at = lines
        .iter()
        .position(|l| l.trim() == label)
        .unwrap_or_else(|| panic!("{label}"));
    let cells: Vec<usize> = (at + 1..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(7)
        .collect();
    for (n, &i) in cells.iter().enumerate() {
        lines[i] = if n == 0 || n == 6 {
            v.to_string()
        } else {
            "0".into()
        };
    }
    cells[6] + 1
}

/// One generated report.
struct Spec {
    agency: &'static str,
    year: i32,
    new: i64,
    carried_over: i64,
    carried_forward: i64,
    /// The count the prose of 依申请公开 states (normally `new`).
    claim: i64,
    /// The prose's seed (the same seed: the same prose).
    seed: u64,
}

/// The lines of interest in a generated file (1-based).
struct Lines {
    new_total: usize,
    carried_over_total: usize,
    processed_total: usize,
}

/// The Guangzhou report as `s` says: the results other than 予以公开 stay as printed (8), so
/// 予以公开 = （七）总计 − 8 and every sum of the table holds.
fn variant(s: &Spec) -> (String, Lines) {
    let src = std::fs::read_to_string(corpus().join("guangzhou-ybj-2022.txt")).unwrap();
    let src = src
        .replace("2022", &s.year.to_string())
        .replace("2023-01-29", &format!("{}-01-29", s.year + 1))
        .replace("广州市医疗保障局", s.agency);
    let mut lines: Vec<String> = src.lines().map(String::from).collect();
    let mut n = 0;
    for l in lines.iter_mut() {
        if l.starts_with("  ") && l.trim().chars().count() > 40 {
            n += 1;
            let own = prose(s.seed * 100 + n, 300);
            *l = if l.contains("接到政府信息公开申请") {
                format!("  全年共接到政府信息公开申请{}件，{own}", s.claim)
            } else {
                format!("  {own}")
            };
        }
    }
    let processed = s.new + s.carried_over - s.carried_forward;
    let lines_of = Lines {
        new_total: set_row(&mut lines, "一、本年新收政府信息公开申请数量", s.new),
        carried_over_total: set_row(
            &mut lines,
            "二、上年结转政府信息公开申请数量",
            s.carried_over,
        ),
        processed_total: set_row(&mut lines, "(七)总计", processed),
    };
    set_row(&mut lines, "(一)予以公开", processed - 8);
    set_row(&mut lines, "四、结转下年度继续办理", s.carried_forward);
    (lines.join("\n") + "\n", lines_of)
}

const AGENCIES: [&str; 8] = [
    "广州市医疗保障局",
    "深圳市医疗保障局",
    "珠海市医疗保障局",
    "汕头市医疗保障局",
    "佛山市医疗保障局",
    "韶关市医疗保障局",
    "湛江市医疗保障局",
    "肇庆市医疗保障局",
];
const JUMP: &str = "汕头市医疗保障局";
const CHAIN: &str = "佛山市医疗保障局";
const PROSE: &str = "韶关市医疗保障局";
const COPY: &str = "湛江市医疗保障局";

/// Every agency in 2021 (nothing carried forward, but 佛山 carries 10) and 2022 (10 carried
/// forward, as Guangzhou printed), with small changes — and the planted anomalies: 汕头's
/// applications ×10, 佛山's 10 carried forward in 2021 missing in 2022, 韶关's prose stating 52,
/// 湛江's 2022 prose that of 2021.
fn specs() -> Vec<Spec> {
    let mut out = Vec::new();
    for (i, a) in AGENCIES.iter().enumerate() {
        let d = i as i64;
        out.push(Spec {
            agency: a,
            year: 2021,
            new: 25 + d,
            carried_over: 0,
            carried_forward: if *a == CHAIN { 10 } else { 0 },
            claim: 25 + d,
            seed: 2 * i as u64 + 1,
        });
        let new = if *a == JUMP { 250 } else { 25 + (d * 3) % 7 };
        out.push(Spec {
            agency: a,
            year: 2022,
            new,
            carried_over: 0,
            carried_forward: 10,
            claim: if *a == PROSE { 52 } else { new },
            seed: if *a == COPY {
                2 * i as u64 + 1
            } else {
                2 * i as u64 + 2
            },
        });
    }
    out
}

struct Generated {
    dir: PathBuf,
    idx: PathBuf,
    reports: Vec<Report>,
    lines: Vec<(String, i32, Lines)>,
}

fn generated(name: &str) -> Generated {
    let dir = scratch(name);
    let corpus = dir.join("reports");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut reports = Vec::new();
    let mut lines = Vec::new();
    for (i, s) in specs().iter().enumerate() {
        let (body, l) = variant(s);
        let file = corpus.join(format!("r{i:02}-{}.txt", s.year));
        std::fs::write(&file, body).unwrap();
        let r = gongkai::load_report(&file).unwrap();
        assert_eq!(
            (r.agency.as_deref(), r.year),
            (Some(s.agency), Some(s.year))
        );
        assert_eq!(
            r.tables.figure("requests.new_received.total"),
            Some(s.new as f64)
        );
        // The tables add up: only planted anomalies are anomalies.
        let failed: Vec<&str> = r
            .checks
            .iter()
            .filter(|c| c.status == gongkai::model::CheckStatus::Fail)
            .map(|c| c.rule.as_str())
            .collect();
        let want: &[&str] = if s.agency == PROSE && s.year == 2022 {
            &["prose_requests"]
        } else {
            &[]
        };
        assert_eq!(failed, want, "{} {}", s.agency, s.year);
        lines.push((s.agency.to_string(), s.year, l));
        reports.push(r);
    }
    let idx = build_index(&dir, &corpus);
    Generated {
        dir,
        idx,
        reports,
        lines,
    }
}

impl Generated {
    fn lines(&self, agency: &str, year: i32) -> &Lines {
        &self
            .lines
            .iter()
            .find(|(a, y, _)| a == agency && *y == year)
            .unwrap()
            .2
    }

    fn report(&self, agency: &str, year: i32) -> &Report {
        self.reports
            .iter()
            .find(|r| r.agency.as_deref() == Some(agency) && r.year == Some(year))
            .unwrap()
    }
}

/// (agency, kind, key, value, expected, lines) of an anomaly line.
fn summary(a: &Value) -> (String, String, String, Value, Value, Vec<u64>) {
    (
        a["agency"].as_str().unwrap().to_string(),
        a["kind"].as_str().unwrap().to_string(),
        a["key"].as_str().unwrap().to_string(),
        a["value"].clone(),
        a["expected"].clone(),
        a["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap())
            .collect(),
    )
}

#[test]
fn planted_anomalies_are_found_and_nothing_else() {
    let g = generated("planted");
    let idx = g.idx.to_str().unwrap();
    let o = gongkai(&["anomalies", "--json", "--index", idx]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let found = json_lines(&o);
    for a in &found {
        assert_eq!(a["year"], 2022, "{a}");
    }
    let got: Vec<_> = found.iter().map(summary).collect();

    // The copied share, measured here from the parsed reports.
    let share = {
        use gongkai::analyze::similarity::{containment, prose, round3, shingles};
        round3(containment(
            &shingles(&prose(g.report(COPY, 2022))),
            &shingles(&prose(g.report(COPY, 2021))),
        ))
    };
    assert!(share > 0.95, "{share}");
    let copy_lines: Vec<u64> = g
        .report(COPY, 2022)
        .provenance
        .sections
        .iter()
        .filter(|s| {
            !matches!(
                s.kind.key(),
                "disclosure_table" | "requests_table" | "review_litigation_table"
            )
        })
        .map(|s| s.line as u64)
        .collect();
    let on_request_heading = g
        .report(PROSE, 2022)
        .provenance
        .sections
        .iter()
        .find(|s| s.kind.key() == "on_request")
        .unwrap()
        .line as u64;
    assert_eq!(on_request_heading, 17);
    let l = |a: &str, f: fn(&Lines) -> usize| f(g.lines(a, 2022)) as u64;
    let prose_new = 25 + (5 * 3) % 7;
    let want = vec![
        // high: the prose states 52 applications, table 三 says 新收 26 (上年结转 0).
        (
            PROSE.to_string(),
            "prose".to_string(),
            "requests.new_received.total".to_string(),
            Value::from(prose_new),
            Value::from(52),
            vec![on_request_heading, l(PROSE, |x| x.new_total)],
        ),
        // medium, the larger change first: 28 → 250 applications, then （七）总计 28 → 240.
        (
            JUMP.to_string(),
            "jump".to_string(),
            "requests.new_received.total".to_string(),
            Value::from(250),
            Value::from(25 + 3),
            vec![l(JUMP, |x| x.new_total)],
        ),
        (
            JUMP.to_string(),
            "jump".to_string(),
            "requests.total_processed.total".to_string(),
            Value::from(240),
            Value::from(25 + 3),
            vec![l(JUMP, |x| x.processed_total)],
        ),
        // low: 湛江 2022 prints 2021's prose.
        (
            COPY.to_string(),
            "copied".to_string(),
            "prose".to_string(),
            Value::from(share),
            Value::Null,
            copy_lines,
        ),
    ];
    // medium, before the jumps: 佛山 carried 10 forward in 2021, 2022 carries over 0.
    let chain = (
        CHAIN.to_string(),
        "carried_over".to_string(),
        "requests.carried_over.total".to_string(),
        Value::from(0),
        Value::from(10),
        vec![l(CHAIN, |x| x.carried_over_total)],
    );
    let mut want = want;
    want.insert(1, chain);
    assert_eq!(got, want, "{}", text(&o.stdout));

    // Severities, and the evidence in words.
    let sev: Vec<&str> = found
        .iter()
        .map(|a| a["severity"].as_str().unwrap())
        .collect();
    assert_eq!(sev, ["high", "medium", "medium", "medium", "low"]);
    assert!(found[0]["detail"].as_str().unwrap().contains("申请52件"));
    assert!(found[1]["detail"]
        .as_str()
        .unwrap()
        .contains("2021 结转下年度 ≠ 2022 上年结转"));
    assert!(
        found[2]["detail"].as_str().unwrap().contains("×8.7"),
        "{}",
        found[2]
    );

    // --kind and --top select; none found is exit 1 with nothing printed.
    let o = gongkai(&["anomalies", "--json", "--kind", "jump", "--index", idx]);
    assert_eq!(json_lines(&o).len(), 2);
    let o = gongkai(&[
        "anomalies",
        "--json",
        "--kind",
        "carried-over,copied",
        "--top",
        "1",
        "--index",
        idx,
    ]);
    let top = json_lines(&o);
    assert_eq!(top.len(), 1);
    assert_eq!(top[0]["kind"], "carried_over");
    let o = gongkai(&["anomalies", "--agency", "广州", "--index", idx]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).starts_with("0 anomalies in 0 of 2 reports"),
        "{}",
        text(&o.stdout)
    );
    // A year filter keeps last year as the comparison: 2022 alone finds the same.
    let o = gongkai(&["anomalies", "--json", "--year", "2022", "--index", idx]);
    assert_eq!(json_lines(&o).len(), 5);
    let o = gongkai(&["anomalies", "--json", "--year", "2021", "--index", idx]);
    assert_eq!(o.status.code(), Some(1));
    // For people: aligned, one anomaly in two lines, and a count.
    let o = gongkai(&["anomalies", "--index", idx]);
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 11, "{out}");
    assert!(out.ends_with("5 anomalies in 4 of 16 reports\n"), "{out}");
    support::remove_dir(&g.dir);
}

#[test]
fn the_shipped_corpus_has_two_real_anomalies() {
    let dir = scratch("shipped");
    let idx = build_index(&dir, &corpus());
    let o = gongkai(&["anomalies", "--json", "--index", idx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let got: Vec<_> = json_lines(&o).iter().map(summary).collect();
    let chongming = "上海市崇明区医疗保障局".to_string();
    // Checked by hand: shanghai-chongming-ybj-2023.txt L79–94 print 新收 1 (自然人 1) and 上年结转
    // 0, L328–343 （七）总计 0 and 结转 0 — so 1 + 0 ≠ 0 + 0 — while a result row counts the one
    // application (the result rows sum to 1, not to （七）总计's 0).
    let balance: Vec<u64> = vec![79, 85, 88, 94, 328, 334, 337, 343];
    assert_eq!(
        got[0],
        (
            chongming.clone(),
            "check".into(),
            "check:balance".into(),
            // （七）总计 0 + 结转 0 against 新收 1 + 上年结转 0.
            Value::from(0),
            Value::from(1),
            balance
        )
    );
    assert_eq!(got[1].2, "check:results_sum");
    assert_eq!((&got[1].3, &got[1].4), (&Value::from(0), &Value::from(1)));
    assert_eq!(got[1].0, chongming);
    assert!(got[1].5.contains(&328) && got[1].5.contains(&334));
    // Not contradictions: 平潭 2022's 收到…75件 and 沭阳 2025's 受理…749件 count last year's
    // carried-over applications with this year's (74 + 1, 713 + 36).
    assert_eq!(got.len(), 2, "{}", text(&o.stdout));
    support::remove_dir(&dir);
}

// ---- profile ----

fn q7(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let h = (v.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    v[lo] + (h - h.floor()) * (v[hi] - v[lo])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn profile_places_a_unit_among_its_peers() {
    let g = generated("profile");
    let idx = g.idx.to_str().unwrap();
    let o = gongkai(&["profile", "广州", "--json", "--index", idx]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let p: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(p["agency"], "广州市医疗保障局");
    assert_eq!(p["year"], 2022, "the latest year");
    assert_eq!(p["peers"]["by"], "level");
    assert_eq!(p["peers"]["n"], 8, "eight city-level departments in 2022");
    let peers: Vec<&Report> = g.reports.iter().filter(|r| r.year == Some(2022)).collect();
    let me = g.report("广州市医疗保障局", 2022);
    let prev = |r: &Report| g.report(r.agency.as_deref().unwrap(), 2021);
    let fig = |r: &Report, k: &str| r.tables.figure(k).unwrap();
    // Values written out here from the definitions.
    type F<'a> = Box<dyn Fn(&Report) -> f64 + 'a>;
    let mut independent: Vec<(&str, F)> = gongkai::analyze::profile::KEY_FIGURES
        .iter()
        .map(|k| (*k, Box::new(move |r: &Report| fig(r, k)) as F))
        .collect();
    independent.push((
        "rate.disclosed",
        Box::new(move |r| {
            (fig(r, "requests.disclosed.total") + fig(r, "requests.partially_disclosed.total"))
                / fig(r, "requests.total_processed.total")
        }),
    ));
    independent.push((
        "rate.carried_forward",
        Box::new(move |r| {
            fig(r, "requests.carried_forward.total")
                / (fig(r, "requests.new_received.total") + fig(r, "requests.carried_over.total"))
        }),
    ));
    let growth: F = Box::new(move |r| {
        let n = |r: &Report| fig(r, "requests.new_received.total");
        (n(r) - n(prev(r))) / n(prev(r))
    });
    independent.push(("growth.new_received", growth));
    let figures = p["figures"].as_array().unwrap();
    let ids: Vec<&str> = figures.iter().map(|f| f["key"].as_str().unwrap()).collect();
    let want_ids: Vec<String> = gongkai::analyze::profile::KEY_FIGURES
        .iter()
        .map(|s| s.to_string())
        .chain(
            gongkai::analyze::metrics::all()
                .iter()
                .map(|m| m.id.clone()),
        )
        .collect();
    assert_eq!(ids, want_ids);
    for (key, f) in &independent {
        let got = figures.iter().find(|x| x["key"] == *key).unwrap();
        let values: Vec<f64> = peers.iter().map(|r| f(r)).collect();
        let x = f(me);
        let below = values.iter().filter(|&&v| v < x).count() as f64;
        let equal = values.iter().filter(|&&v| v == x).count() as f64;
        let rank = 1 + values.iter().filter(|&&v| v > x).count();
        let ctx = format!("{key}: {got}");
        assert!(close(got["value"].as_f64().unwrap(), x), "{ctx}");
        assert_eq!(got["n"].as_u64(), Some(8), "{ctx}");
        assert_eq!(got["rank"].as_u64(), Some(rank as u64), "{ctx}");
        let pct = 100.0 * (below + equal / 2.0) / 8.0;
        assert!(close(got["percentile"].as_f64().unwrap(), pct), "{ctx}");
        for (k, q) in [("p25", 0.25), ("p50", 0.5), ("p75", 0.75)] {
            assert!(close(got[k].as_f64().unwrap(), q7(&values, q)), "{ctx} {k}");
        }
    }
    // 广州 and 肇庆 received the fewest (25) of the 2022 peers: both 7th of 8.
    let new = figures
        .iter()
        .find(|x| x["key"] == "requests.new_received.total")
        .unwrap();
    assert_eq!(
        (new["value"].as_f64(), new["rank"].as_u64()),
        (Some(25.0), Some(7))
    );
    // The trend: both years, from the same figures.
    assert_eq!(p["trend"]["years"], serde_json::json!([2021, 2022]));
    let t = p["trend"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "requests.new_received.total")
        .unwrap();
    assert_eq!(t["values"], serde_json::json!([25.0, 25.0]));
    assert_eq!(p["anomalies"], serde_json::json!([]));

    // Peers by province (all eight are in 广东) and all; an agency-year with anomalies.
    let o = gongkai(&[
        "profile",
        "汕头:2022",
        "--peers",
        "province",
        "--json",
        "--index",
        idx,
    ]);
    let p: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(p["peers"]["n"], 8);
    let kinds: Vec<&str> = p["anomalies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["jump", "jump"]);
    let o = gongkai(&[
        "profile",
        "汕头:2021",
        "--peers",
        "all",
        "--json",
        "--index",
        idx,
    ]);
    let p: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(
        (p["year"].as_i64(), p["peers"]["n"].as_u64()),
        (Some(2021), Some(8))
    );
    // For people: a row per figure and metric, ranks as "7 / 8".
    let o = gongkai(&["profile", "广州:2022", "--index", idx]);
    let out = text(&o.stdout);
    assert!(out.contains(" 7 / 8"), "{out}");
    // A name matching several agencies, a missing year: exit 2 with the candidates.
    let o = gongkai(&["profile", "医疗", "--index", idx]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("matches 8 agencies"));
    let o = gongkai(&["profile", "广州:2019", "--index", idx]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no report for 2019"));
    let kept: BTreeSet<&str> = ids.into_iter().collect();
    assert!(kept.contains("rate.disclosed"));
    support::remove_dir(&g.dir);
}
