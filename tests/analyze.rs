//! Themes, reuse and compare on the shipped corpus: exact theme membership, no lost items,
//! exact figure differences against the answer keys, and the cross-year checks.

use gongkai::analyze::compare::{self, KEY_FIGURES};
use gongkai::analyze::similarity;
use gongkai::analyze::themes::{self, By, ItemKind, Origin, Taxonomy};
use gongkai::model::{CheckStatus, Num, Report};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn corpus() -> &'static Vec<Report> {
    static C: OnceLock<Vec<Report>> = OnceLock::new();
    C.get_or_init(|| {
        gongkai::index::collect_files(&[PathBuf::from("corpus")])
            .iter()
            .map(|f| gongkai::load_report(f).unwrap())
            .collect()
    })
}

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(jieba_rs::Jieba::new)
}

fn report(file: &str) -> Report {
    gongkai::load_report(Path::new(&format!("corpus/{file}"))).unwrap()
}

fn expected_cells(stem: &str) -> serde_json::Map<String, Value> {
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("tests/expected/{stem}.json")).unwrap(),
    )
    .unwrap();
    v["cells"].as_object().unwrap().clone()
}

fn theme_of<'a>(list: &'a [themes::Theme], source_part: &str, text_part: &str) -> Vec<&'a str> {
    list.iter()
        .filter(|t| {
            t.items
                .iter()
                .any(|i| i.source.contains(source_part) && i.text.contains(text_part))
        })
        .map(|t| t.label.as_str())
        .collect()
}

#[test]
fn interpretation_form_problems_share_a_theme_and_staffing_is_another() {
    let list = themes::themes(
        corpus(),
        ItemKind::Problems,
        &Taxonomy::builtin(),
        By::Year,
        Some(jieba()),
    );
    let gz_form = theme_of(&list, "guangzhou", "解读形式");
    let cm_form = theme_of(&list, "chongming", "解读形式");
    let gz_team = theme_of(&list, "guangzhou", "队伍建设");
    assert_eq!(gz_form, vec!["政策解读形式单一"]);
    assert_eq!(cm_form, vec!["政策解读形式单一"]);
    assert_eq!(gz_team, vec!["队伍与业务能力"]);
    let form = list.iter().find(|t| t.label == "政策解读形式单一").unwrap();
    let sources: BTreeSet<&str> = form.items.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(
        sources,
        BTreeSet::from([
            "corpus/guangzhou-ybj-2022.txt",
            "corpus/pingtan-2022.txt",
            "corpus/shanghai-chongming-ybj-2023.txt",
            "corpus/shanghai-gov-office-2019.html",
            "corpus/shuyang-county-gov-2025.md",
        ])
    );
    assert_eq!((form.reports, form.agencies), (5, 5));
    assert_eq!(form.by.get("2022"), Some(&2));
    // It is the most widespread theme, so it comes first.
    assert_eq!(list[0].label, "政策解读形式单一");
}

#[test]
fn no_problem_item_is_lost() {
    for kind in [ItemKind::Problems, ItemKind::Improvements] {
        let list = themes::themes(
            corpus(),
            kind,
            &Taxonomy::builtin(),
            By::Province,
            Some(jieba()),
        );
        let all = themes::items(corpus(), kind);
        assert!(all.len() > 20);
        for it in &all {
            assert!(
                list.iter().any(|t| t.items.contains(it)),
                "item lost: {} {}",
                it.source,
                it.text
            );
        }
        // Every grouped item is a real item.
        for t in &list {
            for it in &t.items {
                assert!(all.contains(it));
            }
        }
    }
    // The corpus has 24 problem items (taishan 2021's two listed after 如 were one item before),
    // every one in a taxonomy theme.
    let list = themes::themes(
        corpus(),
        ItemKind::Problems,
        &Taxonomy::builtin(),
        By::Year,
        None,
    );
    assert_eq!(themes::items(corpus(), ItemKind::Problems).len(), 24);
    assert!(list.iter().all(|t| t.origin == Origin::Taxonomy));
}

/// A problem no taxonomy theme knows shows up as a discovered theme when two reports raise it;
/// a one-off stays unthemed.
#[test]
fn new_problems_are_discovered_and_one_offs_kept() {
    let mut reports = Vec::new();
    let texts = [
        ("a.txt", "政府信息档案归档工作存在短板"),
        ("b.txt", "部分历史档案未完成归档整理"),
        ("c.txt", "电子档案归档范围界定模糊"),
        ("d.txt", "食堂餐饮卫生检查频次偏低"),
    ];
    for (i, (src, text)) in texts.iter().enumerate() {
        let mut r = report("guangzhou-ybj-2022.txt");
        r.source = src.to_string();
        r.agency = Some(format!("测试机关{i}"));
        r.problems.problems = vec![text.to_string()];
        reports.push(r);
    }
    let list = themes::themes(
        &reports,
        ItemKind::Problems,
        &Taxonomy::builtin(),
        By::Year,
        Some(jieba()),
    );
    let found: Vec<_> = list
        .iter()
        .filter(|t| t.origin == Origin::Discovered)
        .collect();
    assert_eq!(found.len(), 1, "{list:#?}");
    assert!(found[0].label.contains("归档") || found[0].label.contains("档案"));
    assert_eq!(found[0].reports, 3);
    let rest = list.iter().find(|t| t.origin == Origin::Unthemed).unwrap();
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0].source, "d.txt");
}

#[test]
fn a_taxonomy_file_replaces_the_builtin_one_and_bad_lines_are_named() {
    let t = Taxonomy::parse("# comment\n档案管理\t档案 | 归档+整理\n").unwrap();
    assert_eq!(t.classify("历史档案未整理"), vec!["档案管理"]);
    assert_eq!(t.classify("部分資料未歸檔整理"), vec!["档案管理"]);
    assert!(t.classify("政策解读形式单一").is_empty());
    let e = Taxonomy::parse("档案管理 档案\n").unwrap_err();
    assert!(e.starts_with("line 1:"), "{e}");
}

#[test]
fn reuse_measures_copied_text() {
    let old = report("guangzhou-ybj-2022.txt");
    let mut copy = old.clone();
    copy.source = "copy.txt".into();
    copy.year = Some(2023);
    let other = report("pingtan-2022.txt");
    let rows = similarity::reuse(&[old.clone(), copy, other]);
    let copied = &rows[1];
    let prev = copied.previous.as_ref().unwrap();
    assert_eq!(
        (prev.source.as_str(), prev.year, prev.shared),
        ("corpus/guangzhou-ybj-2022.txt", Some(2022), 1.0)
    );
    assert_eq!(
        copied.nearest.as_ref().unwrap().source,
        "corpus/guangzhou-ybj-2022.txt"
    );
    assert!(rows[0].previous.is_none());
    assert!(rows[2].previous.is_none());
    assert!(rows[2].nearest.as_ref().map_or(0.0, |n| n.shared) < 0.1);
}

/// A corpus of 160 reports of random prose where every odd report copies most of the even one
/// before it (and some agencies report over several years): the near-linear reuse finds what
/// measuring every pair finds, with the same exact shares.
#[test]
fn reuse_finds_what_comparing_every_pair_finds() {
    use gongkai::model::{Section, SectionKind};
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut random_text = |n: usize| -> String {
        (0..n)
            .map(|_| char::from_u32(0x4E00 + (next() % 3000) as u32).unwrap())
            .collect()
    };
    let base = report("guangzhou-ybj-2022.txt");
    let mut reports: Vec<Report> = Vec::new();
    for k in 0..160usize {
        let text = if k % 2 == 1 {
            let original = &reports[k - 1].sections[0].text;
            let keep: String = original
                .chars()
                .take(original.chars().count() * 7 / 10)
                .collect();
            keep + &random_text(300)
        } else {
            random_text(1000)
        };
        let mut r = base.clone();
        r.source = format!("gen/{k:03}.txt");
        r.agency = Some(format!("测试{}局", k / 4));
        r.year = Some(2020 + (k % 4) as i32);
        r.sections = vec![Section {
            kind: SectionKind::Overview,
            text,
            ..base.sections[0].clone()
        }];
        reports.push(r);
    }
    let rows = similarity::reuse(&reports);
    let sets: Vec<_> = reports
        .iter()
        .map(|r| similarity::shingles(&similarity::prose(r)))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        // The previous report: the same agency's latest earlier year.
        let want_prev = (0..reports.len())
            .filter(|&j| {
                reports[j].agency == reports[i].agency && reports[j].year < reports[i].year
            })
            .max_by_key(|&j| reports[j].year);
        assert_eq!(
            row.previous.as_ref().map(|p| p.source.clone()),
            want_prev.map(|j| reports[j].source.clone()),
            "{i}"
        );
        if let (Some(p), Some(j)) = (&row.previous, want_prev) {
            assert_eq!(
                p.shared,
                similarity::round3(similarity::containment(&sets[i], &sets[j]))
            );
        }
        // Every pair measured: the copied pairs are each other's nearest.
        let (best, share) = (0..reports.len())
            .filter(|&j| j != i)
            .map(|j| (j, similarity::containment(&sets[i], &sets[j])))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        if share > 0.3 {
            let partner = if i % 2 == 1 { i - 1 } else { i + 1 };
            assert_eq!(best, partner, "{i}");
            let near = row.nearest.as_ref().expect("a nearest report");
            assert_eq!(near.source, reports[best].source, "{i}");
            assert_eq!(near.shared, similarity::round3(share), "{i}");
        }
    }
    // Every copy was found (the odd reports hold 70% of their partner's text).
    let copies = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| i % 2 == 1 && r.nearest.as_ref().is_some_and(|n| n.shared > 0.5))
        .count();
    assert_eq!(copies, 80);
}

#[test]
fn guangzhou_2022_against_chongming_2023_exact_differences() {
    let (gz, cm) = (
        report("guangzhou-ybj-2022.txt"),
        report("shanghai-chongming-ybj-2023.txt"),
    );
    let c = compare::pair(&gz, &cm, &Taxonomy::builtin(), false);
    assert_eq!(c.left.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(c.right.year, Some(2023));
    let (lk, rk) = (
        expected_cells("guangzhou-ybj-2022"),
        expected_cells("shanghai-chongming-ybj-2023"),
    );
    let mut both = 0;
    for f in &c.figures {
        let l = lk.get(&f.key).and_then(|v| v.as_f64());
        let r = rk.get(&f.key).and_then(|v| v.as_f64());
        if lk.contains_key(&f.key) {
            assert_eq!(f.left.map(|n| n.0), l, "{}", f.key);
        }
        if rk.contains_key(&f.key) {
            assert_eq!(f.right.map(|n| n.0), r, "{}", f.key);
        }
        if let (Some(l), Some(r)) = (f.left, f.right) {
            assert_eq!(f.delta, Some(Num(r.0 - l.0)), "{}", f.key);
            both += 1;
        } else {
            assert_eq!(f.delta, None, "{}", f.key);
        }
    }
    assert!(both > 150);
    let get = |k: &str| c.figures.iter().find(|f| f.key == k).unwrap();
    let nr = get("requests.new_received.total");
    assert_eq!(
        (nr.left, nr.right, nr.delta),
        (Some(Num(25.0)), Some(Num(1.0)), Some(Num(-24.0)))
    );
    let nd = get("disclosure.normative_documents.in_force");
    assert_eq!(
        (nd.left, nd.right, nd.delta),
        (Some(Num(21.0)), Some(Num(2.0)), Some(Num(-19.0)))
    );
    assert_eq!(c.checks.left, gz.checks);
    let bal = c.checks.right.iter().find(|k| k.rule == "balance").unwrap();
    assert_eq!(bal.status, CheckStatus::Fail);
    assert_eq!(c.problems.shared_themes, vec!["政策解读形式单一"]);
    assert_eq!(c.problems.left.len(), 2);
    assert_eq!(c.problems.right.len(), 3);
    // JSON keeps the documented shape.
    let j: Value = serde_json::to_value(&c).unwrap();
    for k in ["left", "right", "figures", "checks", "sections", "problems"] {
        assert!(j.get(k).is_some(), "{k}");
    }
    assert_eq!(
        j["figures"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        ["key", "label", "left", "right", "delta"]
    );
    assert!(c
        .sections
        .iter()
        .all(|s| (0.0..=1.0).contains(&s.similarity)));
    let preamble = c
        .sections
        .iter()
        .find(|s| s.kind == gongkai::model::SectionKind::Preamble)
        .unwrap();
    assert_eq!(preamble.left_chars, 0);
}

#[test]
fn lines_point_at_the_printed_cells() {
    let (gz, cm) = (
        report("guangzhou-ybj-2022.txt"),
        report("shanghai-chongming-ybj-2023.txt"),
    );
    let c = compare::pair(&gz, &cm, &Taxonomy::builtin(), true);
    let src = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let f = c
        .figures
        .iter()
        .find(|f| f.key == "requests.new_received.total")
        .unwrap();
    let line = src.lines().nth(f.left_line.unwrap() - 1).unwrap();
    assert!(line.contains("25"), "{line}");
    assert!(c.sections.iter().any(|s| s.left_line.is_some()));
}

#[test]
fn pingtan_2019_to_2022() {
    let (a, b) = (report("pingtan-2019.txt"), report("pingtan-2022.txt"));
    let t = compare::timeline("平潭综合实验区", &[&b, &a], false);
    assert_eq!(t.years, vec![2019, 2022]);
    let (ka, kb) = (
        expected_cells("pingtan-2019"),
        expected_cells("pingtan-2022"),
    );
    for f in &t.figures {
        assert!(KEY_FIGURES.contains(&f.key.as_str()));
        // A cell the key leaves out asserts nothing (the table alone cannot pin it).
        for (v, k) in [(f.values[0], &ka), (f.values[1], &kb)] {
            if let Some(want) = k.get(&f.key) {
                assert_eq!(v.map(|n| n.0), want.as_f64(), "{}", f.key);
            }
        }
    }
    let nr = t
        .figures
        .iter()
        .find(|f| f.key == "requests.new_received.total")
        .unwrap();
    assert_eq!(nr.values, vec![Some(Num(23.0)), Some(Num(74.0))]);
    assert_eq!(nr.changes, vec![None, Some(Num(51.0))]);
    assert_eq!(t.cross_checks.len(), 2);
    for c in &t.cross_checks {
        assert_eq!(c.status, CheckStatus::Skipped);
        assert!(c.detail.contains("2020–2021"), "{}", c.detail);
    }
    assert_eq!(t.similarity.len(), 1);
    assert!(t.similarity[0].similarity < 0.2);
}

#[test]
fn consecutive_years_are_checked_against_each_other() {
    let prev = report("guangzhou-ybj-2022.txt");
    let mut cur = prev.clone();
    cur.year = Some(2023);
    cur.source = "next.txt".into();
    // 2022 carried 10 forward; 2023 reports 10 carried over; 现行有效 21 + 2 − 1 = 22.
    let set = |r: &mut Report, t: &str, row: &str, col: &str, v: f64| {
        let table = match t {
            "requests" => r.tables.requests.as_mut(),
            _ => r.tables.disclosure.as_mut(),
        };
        *table.unwrap().get_mut(row).unwrap().get_mut(col).unwrap() = Some(Num(v));
    };
    set(&mut cur, "requests", "carried_over", "natural_person", 10.0);
    set(&mut cur, "requests", "carried_over", "total", 10.0);
    set(&mut cur, "disclosure", "normative_documents", "issued", 2.0);
    set(
        &mut cur,
        "disclosure",
        "normative_documents",
        "repealed",
        1.0,
    );
    set(
        &mut cur,
        "disclosure",
        "normative_documents",
        "in_force",
        22.0,
    );
    let t = compare::timeline("广州市医疗保障局", &[&prev, &cur], false);
    let status = |rule: &str| {
        t.cross_checks
            .iter()
            .find(|c| c.rule == rule)
            .unwrap()
            .status
    };
    assert_eq!(status("carried_over_continuity"), CheckStatus::Pass);
    assert_eq!(status("in_force_continuity"), CheckStatus::Pass);
    set(&mut cur, "requests", "carried_over", "total", 9.0);
    set(
        &mut cur,
        "disclosure",
        "normative_documents",
        "in_force",
        21.0,
    );
    let t = compare::timeline("广州市医疗保障局", &[&prev, &cur], false);
    let fail = |rule: &str| {
        t.cross_checks
            .iter()
            .find(|c| c.rule == rule)
            .unwrap()
            .clone()
    };
    let c = fail("carried_over_continuity");
    assert_eq!(c.status, CheckStatus::Fail);
    assert!(c.detail.contains("total: 10 → 9"), "{}", c.detail);
    let c = fail("in_force_continuity");
    assert_eq!(c.status, CheckStatus::Fail);
    assert!(c.detail.contains("21+2−1 = 22 vs 21"), "{}", c.detail);
    assert!(c
        .cells
        .contains(&"2022:disclosure.normative_documents.in_force".to_string()));
    assert_eq!(t.similarity[0].reused, 1.0);
}

#[test]
fn names_resolve_partially_and_ambiguity_lists_candidates() {
    let all = corpus();
    assert_eq!(
        compare::resolve(all, "广州:2022").unwrap().source,
        "corpus/guangzhou-ybj-2022.txt"
    );
    assert_eq!(
        compare::resolve(all, "廣州：2022").unwrap().source,
        "corpus/guangzhou-ybj-2022.txt"
    );
    assert_eq!(compare::resolve(all, "崇明").unwrap().year, Some(2023));
    let e = compare::resolve(all, "上海:2019").unwrap_err();
    assert!(
        e.contains("matches 3 agencies") && e.contains("上海市科学技术委员会"),
        "{e}"
    );
    let e = compare::resolve(all, "平潭").unwrap_err();
    assert!(e.contains("2019, 2022"), "{e}");
    let e = compare::resolve(all, "平潭:2020").unwrap_err();
    assert!(e.contains("no report for 2020"), "{e}");
    assert!(compare::resolve(all, "北京")
        .unwrap_err()
        .contains("no indexed agency"));
    assert!(compare::split_spec("广州:20x2").is_err());
}
