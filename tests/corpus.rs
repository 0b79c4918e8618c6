//! Every report in `corpus/` against its hand-checked answer key in `tests/expected/` (a copy of
//! `../shared/expected/`): metadata, section kinds in order, every table cell, every check
//! verdict, the number of problem items, and provenance of every printed cell.

use crate::common;

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

fn assert_report(file: &str) {
    let (r, k) = load(file);
    let s = common::score(&r, &k);
    assert!(s.exact(), "{file}:\n  {}", s.report());
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
                            gongkai::parse::figure::delimited_figure(&folded).unwrap_or(f64::NAN);
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
