//! Shapes the thirty-fifth hunt found in real reports kept in public code repositories, each
//! made from every keyed report and asserted to read no fact wrong (and to keep what it can):
//! - a title that names no agency (`2024 年政府信息公开工作年度报告`) over the preface's first
//!   line, wrapped before its 《》 closes (`本报告由淮安市人民政府办公室根据《中华人民共和国政府`):
//!   the line was read as the agency printed under the title, a wrong agency
//!   (`src/parse/title.rs`).

use crate::common;

use common::keyed_reports;
use common::template_doc::{tab_table, template_document, text, Block};

/// The title without its agency, over the preface's first line wrapped before its 《》 closes.
fn titled_without_agency(k: &common::Keyed) -> Vec<Block> {
    let agency = k.key["agency"].as_str().unwrap_or("").to_string();
    let mut doc = template_document(k);
    doc[0] = Block::Title(format!("{} 年政府信息公开工作年度报告", k.key["year"]));
    doc.insert(
        1,
        Block::Para(format!("本报告由{agency}根据《中华人民共和国政府")),
    );
    doc.insert(2, Block::Para("信息公开条例》规定编制。".to_string()));
    doc
}

#[test]
fn a_preface_line_under_a_title_without_agency_is_no_agency() {
    let mut made = 0;
    let mut right = 0;
    let mut wrong = Vec::new();
    for k in keyed_reports() {
        let Some(agency) = k.key["agency"].as_str() else {
            continue;
        };
        let doc = titled_without_agency(&k);
        let source = text(&doc, &|_, h| Some(h.to_string()), &tab_table, "\n");
        let r = gongkai::report_from_bytes("preface.txt", source.as_bytes()).unwrap();
        made += 1;
        let alternatives: Vec<&str> = k.key["agency_alternatives"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        // The sign-off's agency, or none; never the preface's words (`由某局根据《中华人民共和国政府`).
        match r.agency.as_deref() {
            Some(a) if a == agency || alternatives.contains(&a) => right += 1,
            Some(a) => wrong.push(format!("{}: agency {a:?}, want {agency:?}", k.name)),
            None => {}
        }
        assert_eq!(
            r.year,
            k.key["year"].as_i64().map(|y| y as i32),
            "{}",
            k.name
        );
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(made >= 13, "{made} variants");
    // The others read none: the title names none, and nothing else is sure.
    assert!(right >= 6, "{right} of {made} agencies right");
}

/// huaian 2024 as pdftotext prints it, its agency's line above the title left out.
#[test]
fn huaian_without_its_agency_line_names_no_agency() {
    let Some(dir) = common::shared_pdf_dir() else {
        return;
    };
    let src = std::fs::read_to_string(dir.join("text/huaian-city-2024.layout.txt")).unwrap();
    let cut = src.replacen("淮安市人民政府\n", "\n", 1);
    assert_ne!(cut, src);
    let r = gongkai::report_from_bytes("huaian.txt", cut.as_bytes()).unwrap();
    assert_eq!(r.agency, None);
    assert_eq!(r.year, Some(2024));
}
