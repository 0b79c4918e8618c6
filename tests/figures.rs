//! Figures: every metric and several figure keys ranked by `gongkai rank --json` on an index of
//! the shipped corpus and of a generated one, checked against values, ranks, percentiles and
//! quartiles computed here independently from the parsed reports; agency level and kind of
//! every shipped report, checked by hand.

use crate::support::{self, gongkai};

use gongkai::model::{AgencyKind, Level, Report};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Index `corpus` into a fresh temporary directory named `name`; the index path.
fn build_index(name: &str, corpus: &Path) -> PathBuf {
    let idx = support::scratch(&format!("figures-{name}")).join("idx");
    support::build_index(corpus, &idx);
    idx
}

fn load_all(corpus: &Path) -> Vec<Report> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| gongkai::load_report(f).unwrap())
        .collect()
}

fn file_name(source: &str) -> String {
    Path::new(source)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

// ---- the metrics, written out again here from the definitions ----

fn fig(r: &Report, k: &str) -> Option<f64> {
    r.tables.figure(k)
}
fn req(r: &Report, row: &str) -> Option<f64> {
    fig(r, &format!("requests.{row}.total"))
}
fn rl(r: &Report, group: &str, col: &str) -> Option<f64> {
    fig(r, &format!("review_litigation.{group}.{col}"))
}
fn sum(v: &[Option<f64>]) -> Option<f64> {
    v.iter().copied().sum()
}
fn div(n: Option<f64>, d: Option<f64>) -> Option<f64> {
    let (n, d) = (n?, d?);
    (d != 0.0).then(|| n / d)
}
fn rows(r: &Report, names: &[&str]) -> Option<f64> {
    sum(&names.iter().map(|n| req(r, n)).collect::<Vec<_>>())
}

type MetricFn = fn(&Report, Option<&Report>) -> Option<f64>;

fn independent_metrics() -> Vec<(&'static str, MetricFn)> {
    vec![
        ("rate.disclosed", |r, _| {
            div(
                rows(r, &["disclosed", "partially_disclosed"]),
                req(r, "total_processed"),
            )
        }),
        ("rate.withheld", |r, _| {
            let w = [
                "withheld_state_secret",
                "withheld_law_prohibited",
                "withheld_three_safety",
                "withheld_third_party",
                "withheld_internal_affairs",
                "withheld_process_info",
                "withheld_enforcement_file",
                "withheld_admin_query",
            ];
            div(rows(r, &w), req(r, "total_processed"))
        }),
        ("rate.unavailable", |r, _| {
            let u = [
                "unavailable_not_held",
                "unavailable_needs_creation",
                "unavailable_unclear",
            ];
            div(rows(r, &u), req(r, "total_processed"))
        }),
        ("rate.not_processed", |r, _| {
            let n = [
                "not_processed_petition",
                "not_processed_duplicate",
                "not_processed_publication",
                "not_processed_excessive",
                "not_processed_confirmation",
            ];
            div(rows(r, &n), req(r, "total_processed"))
        }),
        ("rate.carried_forward", |r, _| {
            div(
                req(r, "carried_forward"),
                rows(r, &["new_received", "carried_over"]),
            )
        }),
        ("rate.review_corrected", |r, _| {
            div(rl(r, "review", "corrected"), rl(r, "review", "total"))
        }),
        ("rate.litigation_corrected", |r, _| {
            div(
                sum(&[
                    rl(r, "litigation_direct", "corrected"),
                    rl(r, "litigation_after_review", "corrected"),
                ]),
                sum(&[
                    rl(r, "litigation_direct", "total"),
                    rl(r, "litigation_after_review", "total"),
                ]),
            )
        }),
        ("rate.contested", |r, _| {
            div(
                sum(&[
                    rl(r, "review", "total"),
                    rl(r, "litigation_direct", "total"),
                ]),
                req(r, "total_processed"),
            )
        }),
        ("share.org_applicants", |r, _| {
            let cols = [
                "commercial",
                "research",
                "social_welfare",
                "legal_service",
                "other_org",
            ];
            let orgs: Vec<Option<f64>> = cols
                .iter()
                .map(|c| fig(r, &format!("requests.new_received.{c}")))
                .collect();
            div(sum(&orgs), req(r, "new_received"))
        }),
        ("growth.new_received", |r, prev| {
            let (now, before) = (req(r, "new_received")?, req(prev?, "new_received")?);
            div(Some(now - before), Some(before))
        }),
        ("rate.norms_repealed", |r, _| {
            let rep = fig(r, "disclosure.normative_documents.repealed");
            div(
                rep,
                sum(&[fig(r, "disclosure.normative_documents.in_force"), rep]),
            )
        }),
    ]
}

/// Figure keys ranked as they are (both formats, 2021 only, table 四).
const FIGURE_KEYS: &[&str] = &[
    "requests.new_received.total",
    "requests.carried_forward.total",
    "requests.new_received.natural_person",
    "review_litigation.review.total",
    "disclosure.penalty.decisions",
    "disclosure.normative_documents.in_force",
];

// ---- ranking math, written out again ----

/// (rank, percentile) of each value, competition ranking, largest first unless `asc`.
fn ranks(values: &[f64], asc: bool) -> Vec<(usize, f64)> {
    let n = values.len() as f64;
    values
        .iter()
        .map(|&x| {
            let better = values
                .iter()
                .filter(|&&v| if asc { v < x } else { v > x })
                .count();
            let below = values.iter().filter(|&&v| v < x).count() as f64;
            let equal = values.iter().filter(|&&v| v == x).count() as f64;
            (better + 1, 100.0 * (below + equal / 2.0) / n)
        })
        .collect()
}

/// Type-7 quantile.
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

/// Check `rank KEY --json --missing` (with `extra` flags) against values computed here: per
/// report the value (None: left out), its group.
fn check_ranking(
    idx: &Path,
    key: &str,
    extra: &[&str],
    expect: &HashMap<String, (Option<f64>, String)>,
    asc: bool,
) {
    let mut args = vec![
        "rank",
        key,
        "--json",
        "--missing",
        "--index",
        idx.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    if asc {
        args.push("--asc");
    }
    let o = gongkai(&args);
    // Exit 1 when no report has a value (as search when nothing is found).
    let some = expect.values().any(|(v, _)| v.is_some());
    assert_eq!(
        o.status.code(),
        Some(if some { 0 } else { 1 }),
        "{key}: {}",
        text(&o.stderr)
    );
    let lines: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: HashMap<String, &Value> = lines
        .iter()
        .map(|l| (file_name(l["source"].as_str().unwrap()), l))
        .collect();
    assert_eq!(
        got.keys().collect::<BTreeSet<_>>(),
        expect.keys().collect::<BTreeSet<_>>(),
        "{key}: reports"
    );
    // Groups of the reports with a value.
    let mut groups: HashMap<&str, Vec<(&String, f64)>> = HashMap::new();
    for (file, (v, g)) in expect {
        let line = got[file];
        assert_eq!(line["group"], g.as_str(), "{key} {file}: group");
        match v {
            None => {
                assert!(
                    line["value"].is_null(),
                    "{key} {file}: expected null, got {line}"
                );
                assert!(line["rank"].is_null());
                assert!(
                    !line["why"].as_str().unwrap_or("").is_empty(),
                    "{key} {file}: why"
                );
            }
            Some(x) => {
                let value = line["value"].as_f64().unwrap_or(f64::NAN);
                assert!(close(value, *x), "{key} {file}: {value} != {x}");
                groups.entry(g.as_str()).or_default().push((file, *x));
            }
        }
    }
    for (g, members) in groups {
        let values: Vec<f64> = members.iter().map(|(_, v)| *v).collect();
        let rp = ranks(&values, asc);
        let q = [q7(&values, 0.25), q7(&values, 0.5), q7(&values, 0.75)];
        for ((file, _), (rank, pct)) in members.iter().zip(rp) {
            let line = got[*file];
            let ctx = format!("{key} group {g} {file}: {line}");
            assert_eq!(line["rank"].as_u64(), Some(rank as u64), "{ctx}");
            assert_eq!(line["n"].as_u64(), Some(values.len() as u64), "{ctx}");
            assert!(
                close(line["percentile"].as_f64().unwrap(), pct),
                "{ctx}: percentile {pct}"
            );
            for (k, want) in ["p25", "p50", "p75"].iter().zip(q) {
                assert!(close(line[*k].as_f64().unwrap(), want), "{ctx}: {k} {want}");
            }
        }
    }
}

/// Per report file: (value, group "all").
fn expected_values(
    reports: &[Report],
    f: &dyn Fn(&Report) -> Option<f64>,
    group: &dyn Fn(&Report) -> String,
) -> HashMap<String, (Option<f64>, String)> {
    reports
        .iter()
        .map(|r| (file_name(&r.source), (f(r), group(r))))
        .collect()
}

fn previous<'a>(reports: &'a [Report], r: &Report) -> Option<&'a Report> {
    reports.iter().find(|p| {
        p.agency == r.agency
            && p.agency.is_some()
            && p.year.zip(r.year).is_some_and(|(a, b)| a + 1 == b)
    })
}

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

#[test]
fn every_metric_and_figure_on_the_shipped_corpus() {
    let reports = load_all(&corpus());
    let idx = build_index("shipped", &corpus());
    // The test knows every metric of the dictionary.
    let o = gongkai(&["metrics", "--json"]);
    let ids: BTreeSet<String> = text(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let metrics = independent_metrics();
    assert_eq!(ids, metrics.iter().map(|(id, _)| id.to_string()).collect());
    let all = |_: &Report| "all".to_string();
    for (id, f) in &metrics {
        let expect = expected_values(&reports, &|r| f(r, previous(&reports, r)), &all);
        check_ranking(&idx, id, &[], &expect, false);
        check_ranking(&idx, id, &[], &expect, true);
    }
    for key in FIGURE_KEYS {
        let expect = expected_values(&reports, &|r| fig(r, key), &all);
        check_ranking(&idx, key, &[], &expect, false);
    }
    // Figures and metrics by year and by level, too.
    let by_year = |r: &Report| r.year.unwrap().to_string();
    let expect = expected_values(
        &reports,
        &|r| fig(r, "requests.new_received.total"),
        &by_year,
    );
    check_ranking(&idx, "新收·总计", &["--by", "year"], &expect, false);
    let by_level = |r: &Report| r.level.unwrap().as_str().to_string();
    let expect = expected_values(&reports, &|r| metrics[0].1(r, None), &by_level);
    check_ranking(&idx, "公开率", &["--by", "level"], &expect, false);
}

#[test]
fn nulls_say_why_and_the_2019_format_gets_what_its_rows_allow() {
    let idx = build_index("nulls", &corpus());
    let why = |key: &str| -> HashMap<String, Value> {
        let o = gongkai(&[
            "rank",
            key,
            "--json",
            "--missing",
            "--index",
            idx.to_str().unwrap(),
        ]);
        text(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|l| (file_name(l["source"].as_str().unwrap()), l))
            .collect()
    };
    let d = why("rate.disclosed");
    assert_eq!(
        d["shanghai-chongming-ybj-2023.txt"]["why"],
        "denominator 0: requests.total_processed.total"
    );
    assert_eq!(
        d["taishan-ybj-2021.txt"]["why"],
        "no tables: requests.disclosed.total"
    );
    // Both 2019-format reports with figures get the request-table metrics.
    assert!(d["pingtan-2019.txt"]["value"].is_f64());
    assert!(why("rate.carried_forward")["shanghai-gov-office-2019.html"]["value"].is_f64());
    let n = why("rate.norms_repealed");
    for f in [
        "pingtan-2019.txt",
        "shanghai-gov-office-2019.html",
        "suining-chuanshan-ybj-2020.txt",
    ] {
        assert_eq!(
            n[f]["why"], "not in the 2019 format: disclosure.normative_documents.repealed",
            "{f}"
        );
    }
    assert_eq!(
        why("growth.new_received")["pingtan-2022.txt"]["why"],
        "no 2021 report of the same agency"
    );
    // The people's output names what is left out on stderr, unless -q.
    let o = gongkai(&["rank", "rate.disclosed", "--index", idx.to_str().unwrap()]);
    let err = text(&o.stderr);
    assert!(err.starts_with("4 reports have no value: "), "{err}");
    assert!(
        err.contains("台山市医疗保障局 2021 (no tables: requests.disclosed.total)"),
        "{err}"
    );
    let o = gongkai(&[
        "rank",
        "rate.disclosed",
        "-q",
        "--index",
        idx.to_str().unwrap(),
    ]);
    assert!(o.stderr.is_empty());
    // Ambiguous and unknown keys: one line, exit 2.
    let o = gongkai(&["rank", "新收", "--index", idx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("ambiguous, 8 candidates"),
        "{}",
        text(&o.stderr)
    );
    let o = gongkai(&["rank", "nope.nope", "--index", idx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

/// Level and kind of every shipped report, checked by reading each.
const LEVELS: &[(&str, Level, AgencyKind)] = &[
    (
        "guangzhou-ybj-2022.txt",
        Level::City,
        AgencyKind::Department,
    ),
    // 平潭综合实验区: a zone under 福建省, placed at 福州市 by the division data (city level);
    // its 管委会 governs the zone.
    ("pingtan-2019.txt", Level::City, AgencyKind::Government),
    ("pingtan-2022.txt", Level::City, AgencyKind::Government),
    // A county-level city under 平顶山市.
    ("ruzhou-ybj-2024.txt", Level::County, AgencyKind::Department),
    // A 区 of a municipality is county-level.
    (
        "shanghai-chongming-ybj-2023.txt",
        Level::County,
        AgencyKind::Department,
    ),
    // The municipal government's general office: province level, a department (办公厅).
    (
        "shanghai-gov-office-2019.html",
        Level::Province,
        AgencyKind::Department,
    ),
    (
        "shanghai-stcsm-2024.md",
        Level::Province,
        AgencyKind::Department,
    ),
    (
        "shuyang-county-gov-2025.md",
        Level::County,
        AgencyKind::Government,
    ),
    (
        "suining-chuanshan-ybj-2020.txt",
        Level::County,
        AgencyKind::Department,
    ),
    (
        "taishan-ybj-2021.txt",
        Level::County,
        AgencyKind::Department,
    ),
];

#[test]
fn level_and_kind_of_every_shipped_report_parsed_and_indexed() {
    let reports = load_all(&corpus());
    assert_eq!(reports.len(), LEVELS.len());
    for r in &reports {
        let (_, level, kind) = LEVELS
            .iter()
            .find(|(f, _, _)| *f == file_name(&r.source))
            .unwrap();
        assert_eq!(
            (r.level, r.kind),
            (Some(*level), Some(*kind)),
            "{}",
            r.source
        );
        let json = serde_json::to_value(r).unwrap();
        assert_eq!(json["level"], level.as_str());
        assert_eq!(json["kind"], kind.as_str());
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(
            keys[..8],
            [
                "source",
                "agency",
                "year",
                "published",
                "region",
                "template",
                "level",
                "kind"
            ]
        );
    }
    // The index keeps them: grouping by them gives every report its own.
    let idx = build_index("levels", &corpus());
    for by in ["level", "kind"] {
        let o = gongkai(&[
            "rank",
            "requests.new_received.total",
            "--by",
            by,
            "--json",
            "--missing",
            "--index",
            idx.to_str().unwrap(),
        ]);
        let lines: Vec<Value> = text(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 10);
        for l in lines {
            let f = file_name(l["source"].as_str().unwrap());
            let (_, level, kind) = LEVELS.iter().find(|(x, _, _)| *x == f).unwrap();
            let want = if by == "level" {
                level.as_str()
            } else {
                kind.as_str()
            };
            assert_eq!(l["group"], want, "{f}");
        }
    }
}

// ---- a generated corpus: one shipped report copied under other agencies with other figures ----

/// Replace the seven values after the row label `label` (one cell per line, as the report prints
/// them) by adding `delta` to the natural-person column and to the total.
fn bump_row(lines: &mut [String], label: &str, delta: i64) {
    let at = lines
        .iter()
        .position(|l| l.trim() == label)
        .unwrap_or_else(|| panic!("{label}"));
    let cells: Vec<usize> = (at + 1..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(7)
        .collect();
    for &i in [cells[0], cells[6]].iter() {
        let v: i64 = lines[i].trim().parse().unwrap();
        lines[i] = (v + delta).to_string();
    }
}

/// The Guangzhou report as `agency`'s report of `year`, with `delta` more applications received
/// and disclosed (so every sum of the table still holds).
fn variant(agency: &str, year: i32, delta: i64) -> String {
    let src = std::fs::read_to_string(corpus().join("guangzhou-ybj-2022.txt")).unwrap();
    let src = src
        .replace("2022", &year.to_string())
        .replace("2023-01-29", &format!("{}-01-29", year + 1))
        .replace("广州市医疗保障局", agency)
        .replace("申请25件", &format!("申请{}件", 25 + delta));
    let mut lines: Vec<String> = src.lines().map(String::from).collect();
    bump_row(&mut lines, "一、本年新收政府信息公开申请数量", delta);
    bump_row(&mut lines, "(一)予以公开", delta);
    bump_row(&mut lines, "(七)总计", delta);
    lines.join("\n")
}

#[test]
fn generated_groups_of_five_and_more() {
    let dir = support::scratch_path("figures-generated");
    support::remove_dir(&dir);
    let corpus = dir.join("reports");
    std::fs::create_dir_all(&corpus).unwrap();
    // Six city-level and six county-level agencies of 2022 (ties included), and two of them
    // again for 2021, for growth.
    let agencies: &[(&str, i32, i64)] = &[
        ("广州市医疗保障局", 2022, 0),
        ("深圳市医疗保障局", 2022, 5),
        ("珠海市医疗保障局", 2022, 5),
        ("汕头市医疗保障局", 2022, 12),
        ("佛山市医疗保障局", 2022, 30),
        ("韶关市医疗保障局", 2022, 2),
        ("开平市医疗保障局", 2022, 0),
        ("恩平市医疗保障局", 2022, 8),
        ("鹤山市医疗保障局", 2022, 8),
        ("广州市番禺区医疗保障局", 2022, 40),
        ("深圳市南山区医疗保障局", 2022, 3),
        ("佛山市顺德区医疗保障局", 2022, 1),
        ("深圳市医疗保障局", 2021, 1),
        ("广州市番禺区医疗保障局", 2021, 20),
    ];
    for (i, (a, y, d)) in agencies.iter().enumerate() {
        std::fs::write(corpus.join(format!("r{i:02}-{y}.txt")), variant(a, *y, *d)).unwrap();
    }
    let reports = load_all(&corpus);
    assert_eq!(reports.len(), agencies.len());
    for (r, (a, y, d)) in reports.iter().zip(agencies) {
        assert_eq!(
            (r.agency.as_deref(), r.year),
            (Some(*a), Some(*y)),
            "{}",
            r.source
        );
        assert!(
            r.checks
                .iter()
                .all(|c| c.status != gongkai::model::CheckStatus::Fail),
            "{a}: {:?}",
            r.checks
        );
        assert_eq!(
            r.tables.figure("requests.new_received.total"),
            Some(25.0 + *d as f64)
        );
        let level = if a.contains('区')
            || ["开平市", "恩平市", "鹤山市"]
                .iter()
                .any(|c| a.starts_with(c))
        {
            Level::County
        } else {
            Level::City
        };
        assert_eq!(r.level, Some(level), "{a}");
    }
    let idx = build_index("gen", &corpus);
    let year2022: Vec<Report> = reports
        .iter()
        .filter(|r| r.year == Some(2022))
        .cloned()
        .collect();
    let by_level = |r: &Report| r.level.unwrap().as_str().to_string();
    for (id, f) in independent_metrics() {
        let expect = expected_values(&year2022, &|r| f(r, previous(&reports, r)), &by_level);
        for asc in [false, true] {
            check_ranking(&idx, id, &["--year", "2022", "--by", "level"], &expect, asc);
        }
    }
    let by_city = |r: &Report| r.region.city.clone().unwrap();
    let expect = expected_values(
        &year2022,
        &|r| fig(r, "requests.new_received.total"),
        &by_city,
    );
    check_ranking(
        &idx,
        "requests.new_received.total",
        &["--year", "2022", "--by", "city"],
        &expect,
        false,
    );
    // Growth where the previous year is there: 深圳 (30 vs 26), 番禺 (65 vs 45).
    let o = gongkai(&[
        "rank",
        "growth.new_received",
        "--year",
        "2022",
        "--json",
        "--index",
        idx.to_str().unwrap(),
    ]);
    let lines: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["agency"], "广州市番禺区医疗保障局");
    assert!(close(lines[0]["value"].as_f64().unwrap(), 20.0 / 45.0));
    assert!(close(lines[1]["value"].as_f64().unwrap(), 4.0 / 26.0));
    // --top keeps the first ranks of each group, ties at the edge included.
    let o = gongkai(&[
        "rank",
        "rate.disclosed",
        "--year",
        "2022",
        "--by",
        "level",
        "--top",
        "2",
        "--json",
        "--index",
        idx.to_str().unwrap(),
    ]);
    let lines: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().all(|l| l["rank"].as_u64().unwrap() <= 2));
    assert_eq!(lines.iter().filter(|l| l["group"] == "city").count(), 2);
    // 恩平 and 鹤山 tie for the second rank among the counties (after 番禺).
    assert_eq!(lines.iter().filter(|l| l["group"] == "county").count(), 3);
    // CSV: a header and a row per ranked report.
    let o = gongkai(&[
        "rank",
        "rate.disclosed",
        "--year",
        "2022",
        "--csv",
        "--index",
        idx.to_str().unwrap(),
    ]);
    let csv = text(&o.stdout);
    assert!(csv.starts_with("rank,n,percentile,agency,year,source,value,group,p25,p50,p75,why\r\n"));
    assert_eq!(csv.lines().count(), 13);
    support::remove_dir(&dir);
}
