//! `compare LEFT RIGHT --text`: each prose section's two texts side by side, paragraph against
//! paragraph (`analyze::align`), on the command line, in its JSON, on the compare page and in
//! `/api/compare?…&text=1`.

use crate::support::{self, gongkai};
use gongkai::analyze::align::paragraphs;
use gongkai::analyze::similarity::section_text;
use gongkai::model::SectionKind;
use serde_json::Value;
use std::path::Path;

fn json(args: &[&str]) -> Value {
    let o = gongkai(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

const P2019: &str = "corpus/pingtan-2019.txt";
const P2022: &str = "corpus/pingtan-2022.txt";

/// Every paragraph of both sides is in the alignment once, in its order; the tables' sections
/// have none.
#[test]
fn every_paragraph_of_both_sides_is_shown_in_order() {
    let c = json(&["compare", P2019, P2022, "--text", "--json"]);
    let left = gongkai::load_report(Path::new(P2019)).unwrap();
    let right = gongkai::load_report(Path::new(P2022)).unwrap();
    let mut prose = 0;
    for s in c["sections"].as_array().unwrap() {
        let kind = SectionKind::ALL
            .into_iter()
            .find(|k| k.key() == s["kind"])
            .unwrap();
        if kind.is_table() {
            assert!(s.get("aligned").is_none(), "{kind:?}");
            continue;
        }
        prose += 1;
        let pairs = s["aligned"].as_array().unwrap();
        for (side, report) in [("left", &left), ("right", &right)] {
            let shown: Vec<&str> = pairs.iter().filter_map(|p| p[side].as_str()).collect();
            assert_eq!(
                shown,
                paragraphs(&section_text(report, kind)),
                "{kind:?} {side}"
            );
        }
    }
    assert_eq!(prose, 9, "{c}");
    // Without --text the JSON is as before.
    let plain = json(&["compare", P2019, P2022, "--json"]);
    assert!(plain["sections"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s.get("aligned").is_none()));
}

/// One text against itself with another year: every paragraph beside its twin, similarity 1.
#[test]
fn a_copied_report_pairs_every_paragraph_with_its_twin() {
    let dir = support::scratch("compare-text");
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let copy = dir.join("guangzhou-ybj-2023.txt");
    // Only the title's year changes (the body still says 2022: a report copied forward).
    std::fs::write(&copy, text.replacen("2022年", "2023年", 1)).unwrap();
    let c = json(&[
        "compare",
        "corpus/guangzhou-ybj-2022.txt",
        copy.to_str().unwrap(),
        "--text",
        "--json",
    ]);
    let problems = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "problems")
        .unwrap();
    let pairs = problems["aligned"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for p in pairs {
        assert_eq!(p["left"], p["right"], "{p}");
        assert_eq!(p["similarity"], 1.0, "{p}");
    }
    assert_eq!(
        pairs[0]["left"],
        "2022年市医保局政府信息公开工作存在的主要问题:一是政策文件解读形式还需更加丰富多样;二是政府信息公开的队伍建设有待加强。"
    );
}

#[test]
fn the_terminal_shows_two_columns() {
    let o = gongkai(&["compare", P2019, P2022, "--text"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let text = &out[out
        .find("text, paragraph by paragraph")
        .expect("the text block")..];
    // Not a terminal: 120 columns, two of 57 after two spaces and around " │ ".
    let head = text.lines().nth(1).unwrap();
    assert!(head.starts_with("── 前言 preamble · similarity "), "{head}");
    let first = text.lines().nth(2).unwrap();
    assert_eq!(
        first,
        "  根据《中华人民共和国政府信息公开条例》(以下简称《条例》)  │ 本报告根据《中华人民共和国政府信息公开条例》(以下简称《条"
    );
    // Every row keeps the bar in the same column.
    for l in text.lines().skip(2).filter(|l| !l.starts_with("──")) {
        let at = l.find('│').expect(l);
        assert_eq!(gongkai_width(&l[..at]), 60, "{l}");
    }
}

/// Display columns (East Asian wide characters two).
fn gongkai_width(s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[test]
fn text_needs_two_sides() {
    let o = gongkai(&["compare", "平潭", "--text"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--text compares two reports"), "{err}");
}

#[test]
fn the_page_and_the_api_show_the_texts() {
    let dir = support::scratch("compare-text-serve");
    let idx = dir.join("idx");
    support::build_index(Path::new("corpus"), &idx);
    let server = support::server::Server::start(&idx, &[]);
    let (l, r) = ("%E5%B9%B3%E6%BD%AD:2019", "%E5%B9%B3%E6%BD%AD:2022");
    let page = support::http::get(&server.url(&format!("/compare?left={l}&right={r}")));
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("<summary>存在的主要问题及改进情况 原文对照（相似度"),
        "{}",
        page.body
    );
    let api = support::http::get(&server.url(&format!("/api/compare?left={l}&right={r}&text=1")));
    assert_eq!(api.status, 200);
    let cli = json(&[
        "compare",
        "平潭:2019",
        "平潭:2022",
        "--text",
        "--json",
        "--index",
        idx.to_str().unwrap(),
    ]);
    assert_eq!(serde_json::from_str::<Value>(&api.body).unwrap(), cli);
}
