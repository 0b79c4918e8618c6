//! Search on the shipped corpus: for every query, the sections returned are exactly the
//! sections whose normalised text contains every word (and none of the excluded ones), and every
//! filter holds on every hit.

use gongkai::index::query::{self, Filters};
use gongkai::ingest::normalize::normalize_str;
use gongkai::model::{Report, SectionKind};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Fixture {
    dir: PathBuf,
    reports: Vec<Report>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gongkai-search-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = gongkai::index::collect_files(&[PathBuf::from("corpus")]);
        let stats = gongkai::index::build(&dir, &files, &|_| {}).unwrap();
        assert_eq!(stats.reports, 10);
        assert!(stats.failures.is_empty());
        let reports = files
            .iter()
            .map(|f| gongkai::load_report(f).unwrap())
            .collect();
        Fixture { dir, reports }
    })
}

type Key = (String, String);

fn run(q: &str, filters: &Filters) -> BTreeSet<Key> {
    let f = fixture();
    let (index, fields) = gongkai::index::open(&f.dir).unwrap();
    let pq = query::parse_query(q).unwrap();
    let (count, hits) = query::search(&index, &fields, &pq, filters, 10_000).unwrap();
    assert_eq!(count, hits.len());
    let mut out = BTreeSet::new();
    for h in hits {
        // Every positive word is highlighted in the snippet.
        assert!(!h.marks.is_empty(), "{q}: no highlight in {:?}", h.snippet);
        for &(a, b) in &h.marks {
            assert!(h.snippet.is_char_boundary(a) && h.snippet.is_char_boundary(b));
        }
        out.insert((h.source.clone(), h.kind.clone()));
    }
    out
}

/// The brute-force answer: sections whose text contains all words and none of the excluded.
fn expected(
    words: &[&str],
    excluded: &[&str],
    keep: &dyn Fn(&Report, SectionKind) -> bool,
) -> BTreeSet<Key> {
    let mut out = BTreeSet::new();
    for r in &fixture().reports {
        for s in &r.sections {
            let text = s.text.to_lowercase();
            let has = |w: &&str| text.contains(&normalize_str(w).to_lowercase());
            if words.iter().all(has) && !excluded.iter().any(has) && keep(r, s.kind) {
                out.insert((r.source.clone(), s.kind.key().to_string()));
            }
        }
    }
    out
}

fn all(_: &Report, _: SectionKind) -> bool {
    true
}

#[test]
fn words_are_found_as_substrings() {
    for (q, words) in [
        ("政策解读", vec!["政策解读"]),
        ("保障", vec!["保障"]), // inside 医疗保障局
        ("简单", vec!["简单"]),
        ("公开 平台", vec!["公开", "平台"]),
        ("队伍建设", vec!["队伍建设"]),
        ("解读形式", vec!["解读形式"]),
        ("局", vec!["局"]), // one character
        ("医疗保障局", vec!["医疗保障局"]),
        ("12345", vec!["12345"]),
    ] {
        let want = expected(&words, &[], &all);
        assert_eq!(run(q, &Filters::default()), want, "query {q}");
    }
    assert!(!expected(&["政策解读"], &[], &all).is_empty());
}

#[test]
fn traditional_queries_find_simplified_text() {
    let want = expected(&["政策解读"], &[], &all);
    assert_eq!(run("政策解讀", &Filters::default()), want);
    assert_eq!(
        run("醫療保障", &Filters::default()),
        expected(&["医疗保障"], &[], &all)
    );
}

#[test]
fn phrases_exclusions_and_or() {
    assert_eq!(
        run("\"依申请公开\"", &Filters::default()),
        expected(&["依申请公开"], &[], &all)
    );
    assert_eq!(
        run("公开 -政策", &Filters::default()),
        expected(&["公开"], &["政策"], &all)
    );
    let a = expected(&["新媒体"], &[], &all);
    let b = expected(&["微信"], &[], &all);
    let union: BTreeSet<Key> = a.union(&b).cloned().collect();
    assert_eq!(run("新媒体 OR 微信", &Filters::default()), union);
}

#[test]
fn filters_hold_on_every_hit() {
    let f = Filters {
        kinds: vec![SectionKind::Problems],
        ..Default::default()
    };
    assert_eq!(
        run("解读", &f),
        expected(&["解读"], &[], &|_, k| k == SectionKind::Problems)
    );

    let f = Filters {
        agency: Some("广州".into()),
        ..Default::default()
    };
    assert_eq!(
        run("公开", &f),
        expected(&["公开"], &[], &|r, _| r
            .agency
            .as_deref()
            .unwrap_or("")
            .contains("广州"))
    );

    let f = Filters {
        region: Some("上海".into()),
        ..Default::default()
    };
    let want = expected(&["公开"], &[], &|r, _| {
        r.region.display().contains("上海")
    });
    assert_eq!(run("公开", &f), want);
    assert!(want.iter().any(|(s, _)| s.contains("chongming")));

    let f = Filters {
        years: Some((2021, 2023)),
        ..Default::default()
    };
    assert_eq!(
        run("公开", &f),
        expected(&["公开"], &[], &|r, _| (2021..=2023)
            .contains(&r.year.unwrap_or(0)))
    );

    let f = Filters {
        conditions: vec![query::parse_condition("requests.new_received.total>10").unwrap()],
        ..Default::default()
    };
    let want = expected(&["申请"], &[], &|r, _| {
        r.tables
            .figure("requests.new_received.total")
            .is_some_and(|v| v > 10.0)
    });
    assert_eq!(run("申请", &f), want);
    // guangzhou 25, pingtan 23 and 74, shanghai 859, stcsm 34, shuyang 713: six reports.
    let sources: BTreeSet<&str> = want.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(sources.len(), 6, "{sources:?}");
}

#[test]
fn bad_queries_are_errors() {
    for q in ["\"未闭合", "OR 政策", "政策 OR", "-", "   ", "，。"] {
        assert!(query::parse_query(q).is_err(), "{q}");
    }
    assert!(query::parse_condition("requests.new_received.total>>1").is_err());
    assert!(query::parse_years("2024..2019").is_err());
    assert!(SectionKind::from_user("问题").is_some());
    assert!(SectionKind::from_user("平台建设").is_some());
}
