//! Marks that converters and reader services add to a report's text, none of them the report's:
//! - markdown's backslash escapes, which html2text, markdownify and turndown write before an item
//!   number that would start a list ("1\. 属于国家秘密") and before markup characters; every
//!   keyed markdown report is reshaped with its item numbers and brackets so escaped;
//! - a reader service's header ("Title: …", "URL Source: …", "Markdown Content:") before the
//!   text; every keyed text report is reshaped with one.
//!
//! The escaped item numbers were read as figures (their rows left out, or a total of the row
//! above filled with the next row's item number); the header's "Title:" was read into the agency.

mod common;

use common::text_reports;
use gongkai::model::Report;

fn report(file: &str, text: &str) -> Report {
    gongkai::report_from_bytes(file, text.as_bytes()).unwrap()
}

/// The parts of a report the marks must not change.
fn facts(r: &Report) -> String {
    let kinds: Vec<String> = r.sections.iter().map(|s| format!("{:?}", s.kind)).collect();
    format!(
        "{:?} {:?} {:?}\n{}\n{:?}\n{}\n{kinds:?}",
        r.agency,
        r.year,
        r.template,
        serde_json::to_string(&r.tables).unwrap(),
        r.region,
        serde_json::to_string(&r.checks).unwrap(),
    )
}

/// The markdown with an item number at the start of a line or a cell ("1." then text) written
/// "1\. " as converters escape it, and brackets escaped "\(" "\)".
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let cells: Vec<String> = line
            .split('|')
            .map(|cell| {
                let lead = cell.len() - cell.trim_start().len();
                let (pad, body) = cell.split_at(lead);
                let digits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
                let body = if (1..=2).contains(&digits) && body[digits..].starts_with('.') {
                    let rest = body[digits + 1..].trim_start();
                    if rest.starts_with(|c: char| !c.is_ascii_digit()) {
                        format!("{}\\. {rest}", &body[..digits])
                    } else {
                        body.to_string()
                    }
                } else {
                    body.to_string()
                };
                format!("{pad}{}", body.replace('(', "\\(").replace(')', "\\)"))
            })
            .collect();
        out.push_str(&cells.join("|"));
        out.push('\n');
    }
    out
}

#[test]
fn markdown_escapes_read_as_the_characters() {
    let mut tried = 0;
    for (file, text) in text_reports(&["md"], true) {
        let shaped = escaped(&text);
        assert_ne!(shaped, text, "{file}: nothing escaped");
        assert_eq!(
            facts(&report(&file, &shaped)),
            facts(&report(&file, &text)),
            "{file}"
        );
        tried += 1;
    }
    assert!(tried >= 2, "{tried}");
}

/// A reader service's header before the report, its title line the report's own first line
/// that names it.
fn with_reader_header(text: &str) -> String {
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| l.contains("报告") && l.chars().count() < 60)
        .unwrap_or("");
    // A crawl's own label ("标题: …") is the crawler's, not the title's.
    let title = title
        .split_once(['：', ':'])
        .filter(|(label, _)| label.chars().count() <= 4)
        .map_or(title, |(_, t)| t.trim());
    format!(
        "Title: {title}\n\nURL Source: http://www.example.gov.cn/zwgk/ndbg/t20240131_1.html\n\nMarkdown Content:\n{text}"
    )
}

#[test]
fn a_reader_header_names_no_agency() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md"], true) {
        let want = report(&file, &text);
        if want.agency.is_none() {
            continue;
        }
        let got = report(&file, &with_reader_header(&text));
        assert_eq!((&got.agency, got.year), (&want.agency, want.year), "{file}");
        tried += 1;
    }
    assert!(tried >= 6, "{tried}");
}
