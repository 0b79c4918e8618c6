//! A report that never names itself, named by the titles given to it outside its text, read
//! last and only for what the text never says: the title it was saved under
//! (`parse::file_title`: downloaded reports keep their titles as file names,
//! `某局2022年度政府信息公开工作年度报告.pdf`) and a PDF's document information (`/Title`, as
//! Word and WPS write it), while a scanned cover or a page crawled without its heading leaves
//! the text without one.

use crate::common;
use crate::support::gongkai;
use serde_json::Value;

const TITLED: &str = "广州市医疗保障局2022年度政府信息公开工作年度报告.txt";

/// guangzhou-ybj-2022 without its title line and its page's 来源 line: nothing in the text
/// names the agency (the prose says only 市医保局).
fn untitled() -> String {
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("广州市医疗保障局"))
        .collect();
    assert_eq!(kept.len() + 2, text.lines().count(), "title and 来源 only");
    kept.join("\n")
}

fn parsed(name: &str, text: &str) -> gongkai::model::Report {
    gongkai::report_from_bytes(name, text.as_bytes()).unwrap()
}

#[test]
fn the_file_name_names_a_report_that_never_names_itself() {
    let text = untitled();
    let bare = parsed("reports/report.txt", &text);
    assert_eq!(bare.agency, None, "without a titled name: no agency");
    assert_eq!(bare.region.province, None);
    for name in [
        format!("reports/{TITLED}"),
        // A download list's index, traditional characters, another extension after .gbk.
        "dl\\3_廣州市醫療保障局2022年度政府信息公開工作年度報告.gbk.txt".to_string(),
        format!("附件1：{TITLED}"),
    ] {
        let r = parsed(&name, &text);
        assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"), "{name}");
        assert_eq!(r.region.province.as_deref(), Some("广东省"), "{name}");
        assert_eq!(r.region.city.as_deref(), Some("广州市"), "{name}");
        assert_eq!(r.region.county, None, "{name}");
        assert_eq!(r.year, Some(2022), "{name}");
        // Everything else is the bare file's.
        assert_eq!(r.tables, bare.tables, "{name}");
        assert_eq!(r.problems, bare.problems, "{name}");
        assert!(
            !r.warnings.iter().any(|w| w.starts_with("agency:")),
            "{name}: {:?}",
            r.warnings
        );
    }
}

#[test]
fn the_file_name_gives_the_year_the_text_never_prints() {
    // Every year the text prints, said as 本年 instead.
    let text = untitled().replace("2022年", "本年");
    assert_eq!(parsed("report.txt", &text).year, None);
    let r = parsed(TITLED, &text);
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"));
}

#[test]
fn the_text_overrules_the_file_name() {
    // The whole report saved under another agency's title of another year.
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let r = parsed(
        "台山市医疗保障局2021年度政府信息公开工作年度报告.txt",
        &text,
    );
    assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.region.city.as_deref(), Some("广州市"));
    // A name that is no report's title gives nothing.
    let r = parsed("广州市医疗保障局通知.txt", &untitled());
    assert_eq!(r.agency, None);
}

#[test]
fn the_cli_and_the_index_read_the_name_too() {
    let root = crate::support::scratch("file-titles");
    let reports = root.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join(TITLED), untitled()).unwrap();
    let file = reports.join(TITLED);
    let out = gongkai(&["parse", "--json", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["agency"], "广州市医疗保障局");
    let idx = root.join("idx");
    crate::support::build_index(&reports, &idx);
    let out = gongkai(&[
        "search",
        "--index",
        idx.to_str().unwrap(),
        "--region",
        "广州",
        "--json",
        "医保",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits = String::from_utf8(out.stdout).unwrap();
    let first: Value = serde_json::from_str(hits.lines().next().expect("a hit")).unwrap();
    assert_eq!(first["agency"], "广州市医疗保障局", "{first}");
}

/// The untitled text as a PDF's lines, its paragraphs cut at 38 characters as a page cuts them.
fn pdf_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let chars: Vec<char> = line.chars().collect();
        out.extend(chars.chunks(38).map(|c| c.iter().collect::<String>()));
    }
    out
}

#[test]
fn a_pdfs_own_title_names_a_report_that_never_names_itself() {
    let text = untitled();
    let lines = pdf_lines(&text);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let read = |pdf: Vec<u8>| gongkai::report_from_bytes("report.pdf", &pdf).unwrap();
    let bare = read(common::pdf::text_pdf(&lines, None));
    assert_eq!(bare.agency, None);
    assert_eq!(
        bare.tables.figure("requests.new_received.total"),
        Some(25.0)
    );
    let titled = read(common::pdf::text_pdf(
        &lines,
        Some("广州市医疗保障局2022年度政府信息公开工作年度报告"),
    ));
    assert_eq!(titled.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(titled.region.city.as_deref(), Some("广州市"));
    assert_eq!(titled.year, Some(2022));
    assert_eq!(titled.tables, bare.tables);
    // A title that is no report's (a template's "Word 文档", a section's name) gives nothing.
    for stale in ["新建 Microsoft Word 文档", "一、总体情况"] {
        assert_eq!(
            read(common::pdf::text_pdf(&lines, Some(stale))).agency,
            None
        );
    }
}

#[test]
fn the_text_overrules_a_pdfs_stale_title() {
    // The report with its title, under last year's title of another agency (a template reused).
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let lines = pdf_lines(&text);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let pdf = common::pdf::text_pdf(
        &lines,
        Some("台山市医疗保障局2021年度政府信息公开工作年度报告"),
    );
    let r = gongkai::report_from_bytes("report.pdf", &pdf).unwrap();
    assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(r.year, Some(2022));
}

/// `docx` with `docProps/core.xml` naming `title` (as Word keeps a document's properties).
fn with_core_title(docx: &[u8], title: &str) -> Vec<u8> {
    use gongkai::ingest::docx::zip;
    let members = zip::members(docx).unwrap();
    let parts: Vec<(String, Vec<u8>)> = members
        .iter()
        .map(|m| {
            (
                m.name.clone(),
                zip::read(docx, &members, &m.name).unwrap().unwrap(),
            )
        })
        .collect();
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>admin</dc:creator></cp:coreProperties>"#
    );
    let mut all: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    all.push(("docProps/core.xml", core.as_bytes()));
    zip::stored(&all)
}

#[test]
fn a_word_documents_title_property_names_a_report_that_never_names_itself() {
    let docx = common::docx::document(&untitled(), &[], common::docx::Shape::default());
    let read = |bytes: &[u8]| gongkai::report_from_bytes("report.docx", bytes).unwrap();
    let bare = read(&docx);
    assert_eq!(bare.agency, None);
    let titled = read(&with_core_title(
        &docx,
        "广州市医疗保障局2022年度政府信息公开工作年度报告",
    ));
    assert_eq!(titled.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(titled.year, Some(2022));
    assert_eq!(titled.tables, bare.tables);
    assert!(bare.tables.requests.is_some());
    // The text's own title wins over a stale property.
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let docx = common::docx::document(&text, &[], common::docx::Shape::default());
    let stale = read(&with_core_title(
        &docx,
        "台山市医疗保障局2021年度政府信息公开工作年度报告",
    ));
    assert_eq!(stale.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(stale.year, Some(2022));
}
