//! Search on the shipped corpus: for every query, the sections returned are exactly the
//! sections whose normalised text contains every word (and none of the excluded ones), and every
//! filter holds on every hit. Hits are compared as multisets (a report can hold two sections of
//! one kind: each must be found once), and never against an empty answer (an empty oracle would
//! let an empty search pass). Snippets are fuzzed with text whose lower case changes length.

use crate::common;
use crate::support;

use common::Rng;
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
        let dir = support::scratch_path("search-test");
        support::remove_dir(&dir);
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

/// Hits as a multiset: every (source, kind) as often as it was returned, sorted.
type Hits = Vec<Key>;

fn run(q: &str, filters: &Filters) -> Hits {
    let f = fixture();
    let (index, fields) = gongkai::index::open(&f.dir).unwrap();
    let pq = query::parse_query(q).unwrap();
    let (count, hits) = query::search(&index, &fields, &pq, filters, 10_000).unwrap();
    assert_eq!(count, hits.len());
    let mut out = Vec::new();
    for h in hits {
        // Every positive word is highlighted in the snippet.
        assert!(!h.marks.is_empty(), "{q}: no highlight in {:?}", h.snippet);
        for &(a, b) in &h.marks {
            assert!(h.snippet.is_char_boundary(a) && h.snippet.is_char_boundary(b));
        }
        out.push((h.source.clone(), h.kind.clone()));
    }
    out.sort();
    out
}

/// The search's answer is the oracle's, which is not empty.
#[track_caller]
fn same(got: Hits, want: Hits) {
    assert!(
        !want.is_empty(),
        "the oracle finds nothing: the comparison would prove nothing"
    );
    assert_eq!(got, want);
}

/// The brute-force answer: sections whose text contains all words and none of the excluded.
fn expected(
    words: &[&str],
    excluded: &[&str],
    keep: &dyn Fn(&Report, SectionKind) -> bool,
) -> Hits {
    expected_where(
        &|text| {
            let has = |w: &&str| text.contains(&normalize_str(w).to_lowercase());
            words.iter().all(has) && !excluded.iter().any(has)
        },
        keep,
    )
}

/// Every section (once per section) whose lower-cased searched text passes `text_ok` (a heading
/// is searched with its text, a line apart; a table's part by its heading and prose lines).
fn expected_where(
    text_ok: &dyn Fn(&str) -> bool,
    keep: &dyn Fn(&Report, SectionKind) -> bool,
) -> Hits {
    let mut out = Vec::new();
    for r in &fixture().reports {
        for s in &r.sections {
            let searched = gongkai::index::searched::searchable_text(s);
            if text_ok(&searched.to_lowercase()) && keep(r, s.kind) {
                out.push((r.source.clone(), s.kind.key().to_string()));
            }
        }
    }
    out.sort();
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
        ("单一", vec!["单一"]),
        ("公开 平台", vec!["公开", "平台"]),
        ("队伍建设", vec!["队伍建设"]),
        ("解读形式", vec!["解读形式"]),
        ("局", vec!["局"]), // one character
        ("医疗保障局", vec!["医疗保障局"]),
        ("12345", vec!["12345"]),
    ] {
        let want = expected(&words, &[], &all);
        assert!(!want.is_empty(), "{q}");
        assert_eq!(run(q, &Filters::default()), want, "query {q}");
    }
    // A word in no report: no hit, and the oracle agrees.
    assert!(expected(&["简单"], &[], &all).is_empty());
    assert!(run("简单", &Filters::default()).is_empty());
}

#[test]
fn traditional_queries_find_simplified_text() {
    let want = expected(&["政策解读"], &[], &all);
    same(run("政策解讀", &Filters::default()), want);
    same(
        run("醫療保障", &Filters::default()),
        expected(&["医疗保障"], &[], &all),
    );
}

#[test]
fn phrases_exclusions_and_or() {
    same(
        run("\"依申请公开\"", &Filters::default()),
        expected(&["依申请公开"], &[], &all),
    );
    same(
        run("公开 -政策", &Filters::default()),
        expected(&["公开"], &["政策"], &all),
    );
    // Either word: each section once, however many of the words it holds.
    let either = expected_where(&|t| t.contains("新媒体") || t.contains("微信"), &all);
    assert!(either.len() > expected(&["新媒体"], &[], &all).len());
    same(run("新媒体 OR 微信", &Filters::default()), either);
}

#[test]
fn filters_hold_on_every_hit() {
    let f = Filters {
        kinds: vec![SectionKind::Problems],
        ..Default::default()
    };
    same(
        run("解读", &f),
        expected(&["解读"], &[], &|_, k| k == SectionKind::Problems),
    );

    let f = Filters {
        agency: Some("广州".into()),
        ..Default::default()
    };
    same(
        run("公开", &f),
        expected(&["公开"], &[], &|r, _| {
            r.agency.as_deref().unwrap_or("").contains("广州")
        }),
    );

    let f = Filters {
        region: Some("上海".into()),
        ..Default::default()
    };
    let want = expected(&["公开"], &[], &|r, _| {
        r.region.display().contains("上海")
    });
    same(run("公开", &f), want.clone());
    assert!(want.iter().any(|(s, _)| s.contains("chongming")));

    let f = Filters {
        years: Some((2021, 2023)),
        ..Default::default()
    };
    same(
        run("公开", &f),
        expected(&["公开"], &[], &|r, _| {
            (2021..=2023).contains(&r.year.unwrap_or(0))
        }),
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
    same(run("申请", &f), want.clone());
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

/// Pieces whose lower case is longer, shorter or other than themselves (ẞ→ß, İ→i̇, K→k, Å→å,
/// ſ stays), combining marks, emoji, CJK, ASCII of both cases, space and line ends.
const PIECES: &[&str] = &[
    "a", "B", "i", "I", "k", "K", "s", "S", "ß", "ẞ", "İ", "ı", "ſ", "\u{212a}", "\u{212b}", "Å",
    "å", "e\u{301}", "\u{301}", "\u{307}", "😀", "👍🏽", "公", "开", "政", "策", "解", "读", "醫",
    " ", "\n", "，", "1", "Σ", "ς", "ﬀ",
];

fn random_text(rng: &mut Rng, max: usize) -> String {
    (0..rng.below(max + 1))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

#[test]
fn snippets_never_panic_and_mark_whole_characters_equal_to_a_word() {
    use query::{fold_case, snippet};
    let mut rng = Rng(16);
    let mut marked = 0;
    for round in 0..20_000 {
        let body = random_text(&mut rng, 120);
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut words: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let w = if !chars.is_empty() && rng.below(3) > 0 {
                // A piece of the text itself, maybe in another case.
                let a = rng.below(chars.len());
                let b = (a + 1 + rng.below(6)).min(chars.len());
                let end = chars.get(b).map_or(body.len(), |c| c.0);
                let w = body[chars[a].0..end].to_string();
                match rng.below(3) {
                    0 => w.to_uppercase(),
                    1 => w.to_lowercase(),
                    _ => w,
                }
            } else {
                random_text(&mut rng, 4)
            };
            if !w.is_empty() {
                words.push(w);
            }
        }
        let width = rng.below(70);
        let (text, marks) = snippet(&body, &words, width);
        for &(a, b) in &marks {
            assert!(
                a < b && b <= text.len(),
                "round {round}: {a}..{b} in {text:?}"
            );
            assert!(
                text.is_char_boundary(a) && text.is_char_boundary(b),
                "round {round}: {a}..{b} cuts a character of {text:?}"
            );
            let got = fold_case(&text[a..b]);
            assert!(
                words.iter().any(|w| fold_case(w) == got),
                "round {round}: marked {:?}, words {words:?}",
                &text[a..b]
            );
        }
        // A word taken from the text (no line end in it) that fits the window is marked.
        let fits = |w: &String| fold_case(w).chars().count() <= width - width / 3;
        let verbatim = words
            .iter()
            .any(|w| body.replace('\n', " ").contains(w.as_str()) && !w.contains('\n'));
        if verbatim && words.iter().all(fits) {
            assert!(
                !marks.is_empty(),
                "round {round}: {words:?} in {body:?} not marked"
            );
        }
        marked += usize::from(!marks.is_empty());
    }
    assert!(marked > 5_000, "{marked}");
    // The case of the issue: İ lower-cases to two characters, and must not shift the marks.
    let (text, marks) = snippet("ẞİ 公开 i", &["i".to_string()], 60);
    assert_eq!(
        marks.iter().map(|&(a, b)| &text[a..b]).collect::<Vec<_>>(),
        ["i"]
    );
    let (text, marks) = snippet("ẞİ 公开", &["i̇".to_string(), "公开".into()], 60);
    assert_eq!(
        marks.iter().map(|&(a, b)| &text[a..b]).collect::<Vec<_>>(),
        ["İ", "公开"]
    );
}

/// A quoted phrase: its words adjacent, with nothing but spaces or punctuation between them (or
/// nothing at all); unquoted, the same words anywhere in the section.
#[test]
fn quoted_words_must_be_adjacent() {
    let adjacent = regex::Regex::new(r"政务[^\p{L}\p{N}]*公开").unwrap();
    let want = expected_where(&|t| adjacent.is_match(t), &all);
    same(run("\"政务 公开\"", &Filters::default()), want.clone());
    same(run("\"政务，公开\"", &Filters::default()), want.clone());
    let anywhere = expected(&["政务", "公开"], &[], &all);
    assert!(
        anywhere.len() > want.len(),
        "the phrase narrows: {} vs {}",
        anywhere.len(),
        want.len()
    );
    same(run("政务 公开", &Filters::default()), anywhere);
    // Three parts, one of a single character.
    let three = regex::Regex::new(r"信息[^\p{L}\p{N}]*公开[^\p{L}\p{N}]*工作").unwrap();
    same(
        run("\"信息 公开 工作\"", &Filters::default()),
        expected_where(&|t| three.is_match(t), &all),
    );
}

/// A section's heading is searched with it: 监督保障 finds the sections headed by it even where
/// their text never says it.
#[test]
fn headings_are_searchable() {
    let headed: Vec<(String, String)> = fixture()
        .reports
        .iter()
        .flat_map(|r| {
            r.sections
                .iter()
                .filter(|s| {
                    s.title.as_deref().is_some_and(|t| t.contains("监督保障"))
                        && !s.text.contains("监督保障")
                })
                .map(|s| (r.source.clone(), s.kind.key().to_string()))
        })
        .collect();
    assert!(
        !headed.is_empty(),
        "some heading says it and its text does not"
    );
    let got = run("监督保障", &Filters::default());
    for h in &headed {
        assert!(got.contains(h), "{h:?} missing from {got:?}");
    }
    same(got, expected(&["监督保障"], &[], &all));
}

/// The statistical tables are found by their prose only, not by the labels and headings every
/// report's table prints: 自然人 (a column of table 三) and 行政复议 (table 四's heading and
/// rows) find the reports that write them, and no table.
#[test]
fn table_labels_make_no_hits() {
    for (word, kind) in [
        ("自然人", SectionKind::RequestsTable),
        ("行政复议", SectionKind::ReviewLitigationTable),
    ] {
        let printed = fixture()
            .reports
            .iter()
            .flat_map(|r| &r.sections)
            .filter(|s| {
                s.kind == kind
                    && (s.text.contains(word)
                        || s.title.as_deref().is_some_and(|t| t.contains(word)))
            })
            .count();
        assert!(printed >= 5, "{word}: {printed} tables print it");
        let got = run(word, &Filters::default());
        assert!(
            got.iter().all(|(_, kind)| !kind.ends_with("_table")),
            "{word}: {got:?}"
        );
        same(got, expected(&[word], &[], &all));
    }
}

/// --items: the problem items of section 五 only, one hit per report holding a matching item.
#[test]
fn items_search_only_the_problems_of_section_five() {
    let f = Filters {
        items: true,
        ..Default::default()
    };
    for word in ["解读", "队伍", "网站"] {
        let mut want: Vec<String> = fixture()
            .reports
            .iter()
            .filter(|r| r.problems.problems.iter().any(|p| p.contains(word)))
            .map(|r| r.source.clone())
            .collect();
        want.sort();
        assert!(!want.is_empty(), "{word}");
        let got: Vec<String> = run(word, &f)
            .into_iter()
            .map(|(s, kind)| {
                assert_eq!(kind, "problems");
                s
            })
            .collect();
        assert_eq!(got, want, "{word}");
    }
    // A word only in the improvements is not found among the problems.
    let only_improvements = fixture().reports.iter().any(|r| {
        r.problems.improvements.iter().any(|p| p.contains("加强"))
            && !r.problems.problems.iter().any(|p| p.contains("加强"))
    });
    assert!(only_improvements);
    let hits = run("加强", &f);
    for r in &fixture().reports {
        let in_problems = r.problems.problems.iter().any(|p| p.contains("加强"));
        assert_eq!(
            hits.iter().any(|(s, _)| *s == r.source),
            in_problems,
            "{}",
            r.source
        );
    }
}

/// Without words: the reports passing the filters, sorted by a figure, counted.
#[test]
fn without_words_reports_are_listed_sorted_and_counted() {
    let dir = fixture().dir.to_str().unwrap().to_string();
    let gk = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .args(["--index", &dir])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let key = "requests.new_received.total";
    let mut want: Vec<(f64, String)> = fixture()
        .reports
        .iter()
        .filter_map(|r| Some((r.tables.figure(key)?, r.source.clone())))
        .filter(|(v, _)| *v > 20.0)
        .collect();
    want.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    assert!(want.len() >= 3);
    let (code, out) = gk(&[
        "search",
        "--where",
        &format!("{key}>20"),
        &format!("--sort=-{key}"),
        "--json",
    ]);
    assert_eq!(code, Some(0));
    let got: Vec<(f64, String)> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["figures"][key].as_f64().unwrap(),
                v["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    let (_, count) = gk(&["search", "--where", &format!("{key}>20"), "--count"]);
    assert_eq!(count.trim(), want.len().to_string());
    // Ascending, and by year.
    let (_, asc) = gk(&[
        "search",
        "--where",
        &format!("{key}>20"),
        "--sort",
        key,
        "--json",
    ]);
    let first: serde_json::Value = serde_json::from_str(asc.lines().next().unwrap()).unwrap();
    assert_eq!(first["source"], want.last().unwrap().1.as_str());
    let (code, none) = gk(&["search", "--where", &format!("{key}>100000")]);
    assert_eq!(code, Some(1), "{none}");
    // --count reads no row, and still counts what the list shows: none here, exit 1.
    let (code, zero) = gk(&["search", "--where", &format!("{key}>100000"), "--count"]);
    assert_eq!((code, zero.trim()), (Some(1), "0"));
    let (code, _) = gk(&["search", "--where", "no.such.key>1", "--count"]);
    assert_eq!(code, Some(2));
    let (code, _) = gk(&["search", "--sort", "no.such.key"]);
    assert_eq!(code, Some(2));
}

/// --level and --kind hold on every hit: a section is found exactly when its report is of that
/// level or kind.
#[test]
fn level_and_kind_select_the_sections_of_such_agencies() {
    use gongkai::model::{AgencyKind, Level};
    for (level, kind) in [
        (Some(Level::County), None),
        (Some(Level::City), Some(AgencyKind::Department)),
        (None, Some(AgencyKind::Government)),
    ] {
        let f = Filters {
            level,
            kind,
            ..Default::default()
        };
        let keep = |r: &Report, _: SectionKind| {
            level.is_none_or(|l| r.level == Some(l)) && kind.is_none_or(|k| r.kind == Some(k))
        };
        same(run("公开", &f), expected(&["公开"], &[], &keep));
    }
}

/// Sections of equal score come in the order of their reports' files, and a report's sections in
/// order, whatever the indexing threads did; pages of a search are slices of that one order.
/// Five copies of one report, each under another district's agency, tie on every section whose
/// text does not name the agency.
#[test]
fn equal_scores_are_ordered_by_file_and_place() {
    let dir = support::scratch("search-ties");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    for (file, district) in [
        ("c.txt", "越秀区"),
        ("a.txt", "海珠区"),
        ("e.txt", "天河区"),
        ("b.txt", "白云区"),
        ("d.txt", "黄埔区"),
    ] {
        let t = text.replace("广州市医疗保障局", &format!("广州市{district}医疗保障局"));
        std::fs::write(corpus.join(file), t).unwrap();
    }
    let idx = dir.join("index");
    let stats = gongkai::index::build(
        &idx,
        &gongkai::index::collect_files(std::slice::from_ref(&corpus)),
        &|_| {},
    )
    .unwrap();
    assert_eq!(stats.reports, 5);
    let (index, fields) = gongkai::index::open(&idx).unwrap();
    let q = query::parse_query("政府信息").unwrap();
    let f = Filters::default();
    let (count, hits) = query::search(&index, &fields, &q, &f, 1000).unwrap();
    assert_eq!(count, hits.len());
    let name = |h: &query::Hit| {
        std::path::Path::new(&h.source)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let mut ties = 0;
    for w in hits.windows(2) {
        assert!(w[0].score >= w[1].score, "best first");
        if w[0].score == w[1].score {
            assert!(
                name(&w[0]) <= name(&w[1]),
                "{} before {}",
                name(&w[0]),
                name(&w[1])
            );
            ties += 1;
        }
    }
    assert!(ties >= 8, "the copies tie: {ties} equal neighbours");
    // Every group of equal scores holds the five files in order, each once per tied section.
    let first = &hits[0];
    let group: Vec<String> = hits
        .iter()
        .filter(|h| h.score == first.score)
        .map(name)
        .collect();
    assert_eq!(group.len() % 5, 0, "{group:?}");
    let mut sorted = group.clone();
    sorted.sort();
    assert_eq!(group, sorted);
    // Pages of 3 are slices of the whole list.
    let mut paged = Vec::new();
    for offset in (0..hits.len()).step_by(3) {
        let (_, page) = query::search_page(&index, &fields, &q, &f, offset, 3).unwrap();
        paged.extend(page.iter().map(|h| (name(h), h.kind.clone(), h.score)));
    }
    let whole: Vec<_> = hits
        .iter()
        .map(|h| (name(h), h.kind.clone(), h.score))
        .collect();
    assert_eq!(paged, whole);
    support::remove_dir(&dir);
}
