//! Shapes of reports found by the tenth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - The report's title printed again at the top of every page, as a PDF's running header
//!   (`          广州市医疗保障局2022年度政府信息公开工作年度报告` every 37 lines): inside a
//!   table its year was read as a figure, and the rows around it lost their cells (139 facts on
//!   12 variants, now 0). A report's name printed more than once is chrome where it is printed
//!   after part 一 has begun or a page (10 lines) after its last printing; before part 一 and
//!   close together (a web page's heading and the text's first line) it is the title.

use crate::common;

use common::{every_variant_keeps_every_fact, Keyed};

/// The report's title line as printed (its first line within the first 3,000 bytes that names
/// a report, markdown marks removed); None for a web page.
fn title_line(k: &Keyed) -> Option<&str> {
    if k.name.ends_with(".html") {
        return None;
    }
    let head = &k.source[..k.source.floor_char_boundary(3000)];
    head.lines()
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim()
        })
        .find(|l| l.ends_with("报告") && l.chars().count() <= 60)
}

/// `header` printed on a line of its own before every `every`th line after the first page.
fn with_running_header(source: &str, header: &str, every: usize) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 20);
    for (i, l) in source.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i > 20 && i % every == 0 {
            out.push_str(header);
            out.push('\n');
        }
        out.push_str(l);
    }
    out
}

#[test]
fn the_title_as_a_running_header_keeps_every_fact() {
    let made = every_variant_keeps_every_fact("title as running header", |k, _| {
        let Some(title) = title_line(k) else {
            return vec![];
        };
        vec![
            with_running_header(&k.source, &format!("          {title}"), 37),
            with_running_header(&k.source, title, 23),
        ]
    });
    assert!(made >= 20, "only {made} variants");
}

/// The running header of a report that names itself with its agency in brackets after the
/// title (`2023年政府信息公开工作年度报告(上海市崇明区医疗保障局)`), letter-spaced as a PDF
/// centres it.
#[test]
fn the_title_with_its_agency_bracketed_as_a_running_header_keeps_every_fact() {
    let made = every_variant_keeps_every_fact("bracketed title as running header", |k, _| {
        let (Some(agency), Some(year)) = (k.key["agency"].as_str(), k.key["year"].as_i64()) else {
            return vec![];
        };
        if k.name.ends_with(".html") {
            return vec![];
        }
        let spaced: String = format!("{year}年政府信息公开工作年度报告")
            .chars()
            .flat_map(|c| [c, ' '])
            .collect();
        vec![
            with_running_header(
                &k.source,
                &format!("{year}年政府信息公开工作年度报告({agency})"),
                29,
            ),
            with_running_header(&k.source, &format!("   {spaced}（{agency}）"), 31),
        ]
    });
    assert!(made >= 20, "only {made} variants");
}

/// Prose that names the report is no running header: a sentence around the title, and the
/// title quoted in a sentence, stay in their section.
#[test]
fn prose_naming_the_report_stays_in_its_section() {
    let text = "某市医疗保障局2022年度政府信息公开工作年度报告\n一、总体情况\n本机关编制了某市医疗保障局2022年度政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n现将《某市医疗保障局2022年度政府信息公开工作年度报告》公布。\n六、其他需要报告的事项\n无。\n";
    let r = gongkai::report_from_bytes("r.txt", text.as_bytes()).unwrap();
    assert_eq!(r.agency.as_deref(), Some("某市医疗保障局"));
    let body = |kind| {
        r.sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.text.as_str())
    };
    use gongkai::model::SectionKind;
    // A line that ends as the title does, with words before it, is no repeat of the title.
    assert!(body(SectionKind::Overview)
        .unwrap()
        .contains("本机关编制了"));
    assert!(body(SectionKind::Problems)
        .unwrap()
        .contains("年度报告》公布"));
}
