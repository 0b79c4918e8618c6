//! Every report in `corpus/` against its hand-checked answer key in `tests/expected/` (a copy of
//! `../shared/expected/`): metadata, section kinds in order, every table cell, every check
//! verdict, the number of problem items, and provenance of every printed cell.

use gongkai::model::{Report, SectionKind, Semantic};
use serde_json::Value;
use std::path::Path;

fn load(stem_file: &str) -> (Report, Value) {
    let key: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "tests/expected/{}.json",
            stem_file.rsplit_once('.').unwrap().0
        ))
        .unwrap(),
    )
    .unwrap();
    let report = gongkai::load_report(Path::new(&format!("corpus/{stem_file}"))).unwrap();
    (report, key)
}

/// Compare one report with its key; returns the list of differences.
fn diff(file: &str) -> Vec<String> {
    let (r, k) = load(file);
    let mut d = Vec::new();
    let s = |v: &Value| v.as_str().map(String::from);
    if r.agency != s(&k["agency"]) {
        d.push(format!("agency {:?} != {:?}", r.agency, k["agency"]));
    }
    if r.year.map(|y| y as i64) != k["year"].as_i64() {
        d.push(format!("year {:?} != {}", r.year, k["year"]));
    }
    if r.template.map(|t| t.as_str().to_string()) != s(&k["template"]) {
        d.push(format!("template {:?} != {}", r.template, k["template"]));
    }
    if r.published != s(&k["published"]) {
        d.push(format!("published {:?} != {}", r.published, k["published"]));
    }
    for part in ["province", "city", "county"] {
        let want = &k["region"][part];
        let got = match part {
            "province" => &r.region.province,
            "city" => &r.region.city,
            _ => &r.region.county,
        };
        if !want.is_null() && got.as_deref() != want.as_str() {
            d.push(format!("region.{part} {got:?} != {want}"));
        }
    }
    // Section kinds in order, optional kinds dropped from both sides.
    let optional: Vec<String> = k["section_kinds_optional"]
        .as_object()
        .map(|o| {
            o.values()
                .flat_map(|v| {
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_str().unwrap().to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    let want: Vec<String> = k["section_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .filter(|x| !optional.contains(x))
        .collect();
    let got: Vec<String> = r
        .sections
        .iter()
        .map(|s| s.kind.key().to_string())
        .filter(|x| !optional.contains(x))
        .collect();
    if want != got {
        d.push(format!("section kinds\n   got  {got:?}\n   want {want:?}"));
    }
    for t in ["disclosure", "requests", "review_litigation"] {
        let present = r.tables.get(t).is_some();
        if Some(present) != k["tables_present"][t].as_bool() {
            d.push(format!(
                "table {t} present {present} != {}",
                k["tables_present"][t]
            ));
        }
    }
    // Every cell.
    for (key, want) in k["cells"].as_object().unwrap() {
        let mut parts = key.splitn(3, '.');
        let (t, row, col) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let got = r
            .tables
            .get(t)
            .and_then(|tb| tb.get(row))
            .and_then(|rw| rw.get(col));
        match (got, want.as_f64()) {
            (Some(Some(g)), Some(w)) if (g.0 - w).abs() < 1e-9 => {}
            (Some(None), None) => {}
            _ => d.push(format!("cell {key}: got {got:?}, want {want}")),
        }
    }
    // Check verdicts.
    for (rule, want) in k["checks"].as_object().unwrap() {
        let got = r
            .checks
            .iter()
            .find(|c| c.rule == *rule)
            .map(|c| c.status.as_str());
        let mut ok: Vec<&str> = vec![want.as_str().unwrap()];
        if let Some(alts) = k["checks_alternatives"][rule].as_array() {
            ok.extend(alts.iter().map(|a| a.as_str().unwrap()));
        }
        if !got.is_some_and(|g| ok.contains(&g)) {
            d.push(format!(
                "check {rule}: got {got:?}, want {ok:?} ({})",
                r.checks
                    .iter()
                    .find(|c| c.rule == *rule)
                    .map(|c| c.detail.as_str())
                    .unwrap_or("")
            ));
        }
    }
    if let Some(n) = k["problem_count"].as_u64() {
        if r.problems.problems.len() as u64 != n {
            d.push(format!(
                "problem count {} != {n}: {:?}",
                r.problems.problems.len(),
                r.problems.problems
            ));
        }
    }
    d
}

fn assert_report(file: &str) {
    let d = diff(file);
    assert!(d.is_empty(), "{file}:\n  {}", d.join("\n  "));
}

macro_rules! corpus_tests {
    ($($name:ident => $file:literal),* $(,)?) => { $( #[test] fn $name() { assert_report($file); } )* };
}

corpus_tests! {
    guangzhou_2022 => "guangzhou-ybj-2022.txt",
    pingtan_2019 => "pingtan-2019.txt",
    pingtan_2022 => "pingtan-2022.txt",
    ruzhou_2024 => "ruzhou-ybj-2024.txt",
    chongming_2023 => "shanghai-chongming-ybj-2023.txt",
    shanghai_gov_office_2019 => "shanghai-gov-office-2019.html",
    stcsm_2024 => "shanghai-stcsm-2024.md",
    shuyang_2025 => "shuyang-county-gov-2025.md",
    suining_chuanshan_2020 => "suining-chuanshan-ybj-2020.txt",
    taishan_2021 => "taishan-ybj-2021.txt",
}

/// Every report in corpus/ has an answer key, so no report goes untested.
#[test]
fn every_corpus_report_has_a_key() {
    for e in std::fs::read_dir("corpus").unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let stem = name.rsplit_once('.').unwrap().0.to_string();
        assert!(
            Path::new(&format!("tests/expected/{stem}.json")).exists(),
            "no key for {name}"
        );
    }
}

/// Provenance: for every printed cell, the decoded source holds `raw` at `offset`, `line` is
/// right, and the value is what `raw` says.
#[test]
fn provenance_points_at_the_printed_cells() {
    for e in std::fs::read_dir("corpus").unwrap() {
        let path = e.unwrap().path();
        let doc =
            gongkai::ingest::Document::read(&path, gongkai::ingest::DEFAULT_MAX_BYTES).unwrap();
        let r = gongkai::report_from_document(&doc);
        for (key, p) in &r.provenance.cells {
            assert_eq!(
                &doc.source[p.offset..p.offset + p.raw.len()],
                p.raw,
                "{key} in {}",
                path.display()
            );
            assert_eq!(
                p.line,
                doc.source[..p.offset].matches('\n').count() + 1,
                "{key} line"
            );
            let value = r.tables.figure(key);
            match p.semantic {
                Semantic::Blank | Semantic::Na => assert_eq!(value, None, "{key}"),
                Semantic::Zero => assert_eq!(value, Some(0.0), "{key}"),
                Semantic::Number => {
                    let v = value.unwrap();
                    if p.split.is_none() {
                        let folded = gongkai::ingest::normalize::normalize_str(&p.raw);
                        let parsed =
                            gongkai::parse::cells::parse_fixed(&folded).unwrap_or(f64::NAN);
                        assert_eq!(parsed, v, "{key}: raw {:?}", p.raw);
                    }
                }
            }
        }
        // Every figure in the tables has provenance.
        for (key, _) in r.tables.cells() {
            assert!(
                r.provenance.cells.contains_key(&key),
                "{key} has no provenance in {}",
                path.display()
            );
        }
        for s in &r.provenance.sections {
            assert!(s.offset <= doc.source.len());
        }
        let _ = SectionKind::Preamble;
    }
}

/// Blank cells (empty <td>) and printed zeros are told apart (shanghai-gov-office-2019.html).
#[test]
fn blank_cells_are_blank_not_zero() {
    let (r, _) = load("shanghai-gov-office-2019.html");
    let p = &r.provenance.cells["requests.disclosed.total"];
    assert_eq!(p.semantic, Semantic::Blank);
    assert_eq!(p.raw, "&nbsp;");
    assert_eq!(
        r.provenance.cells["requests.new_received.legal_service"].semantic,
        Semantic::Number
    );
    assert_eq!(
        r.tables.figure("disclosure.procurement.amount"),
        Some(251000.0)
    );
}

/// pingtan's digit runs carry their split and the sums (or the prose) that made it unique.
#[test]
fn digit_runs_carry_their_split() {
    let (r, _) = load("pingtan-2022.txt");
    let p = &r.provenance.cells["requests.new_received.natural_person"];
    let split = p.split.as_ref().expect("split");
    assert_eq!(p.raw, "713000074");
    assert_eq!(split.cells, vec!["71", "3", "0", "0", "0", "0", "74"]);
    assert!(split.sums.contains("74 = 71+3+0+0+0+0"), "{}", split.sums);
    // No sum checks table 二: '8855698' has 15 splits (36 readings allowing for blank cells);
    // the prose states two of its figures ('现行有效行政规范性文件698件', '制发的规范性文件88件'),
    // which leave one reading: 88/55/698, as the key's notes read it.
    let docs: Vec<Option<f64>> = ["issued", "repealed", "in_force"]
        .iter()
        .map(|c| {
            r.tables
                .figure(&format!("disclosure.normative_documents.{c}"))
        })
        .collect();
    assert_eq!(docs, [Some(88.0), Some(55.0), Some(698.0)]);
    let p = &r.provenance.cells["disclosure.normative_documents.repealed"];
    assert_eq!(p.raw, "8855698");
    let split = p.split.as_ref().expect("split");
    assert_eq!(split.cells, vec!["88", "55", "698"]);
    assert!(
        split
            .sums
            .contains("'现行有效行政规范性文件698件', '制发的规范性文件88件'"),
        "{}",
        split.sums
    );
    // An ambiguous run that nothing settles is left out with a warning, never guessed.
    let (r, _) = load("pingtan-2019.txt");
    assert!(r
        .tables
        .figure("disclosure.normative_documents.made")
        .is_none());
    assert!(
        r.warnings.iter().any(|w| w.contains(
            "规范性文件 printed as '898989' has 10 possible splits (28 readings allowing for blank cells); left out"
        )),
        "{:?}",
        r.warnings
    );
}
