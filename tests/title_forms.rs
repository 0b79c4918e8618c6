//! A report's title written in the other forms agencies give it, made from every keyed text
//! report (the shipped corpus and, where present, the pdftotext extractions of
//! `../shared/corpus-pdf`) and scored against its key: every fact right on the original stays
//! right, none becomes wrong, and the sections are the original's (no preamble made of what
//! is left of the title line).
//!
//! Before: the year after the subject (`某局政府信息公开工作2024年度报告`) lost the agency (the
//! name read as `某局政府信息公开工作`, no agency); a title in book-title marks (`《…》`) or a
//! notice publishing the report (`关于…年度报告的公告`) left `》` or `的公告` as a preamble.

mod common;

use common::{keyed_reports, regressions, score, Keyed};

/// A title form: its name and the line it makes of the agency and the year.
type Form = (&'static str, fn(&str, i64) -> String);

const FORMS: [Form; 8] = [
    ("year after the subject", |a, y| {
        format!("{a}政府信息公开工作{y}年度报告")
    }),
    ("book-title marks", |a, y| {
        format!("《{a}{y}年政府信息公开工作年度报告》")
    }),
    ("a notice of the report", |a, y| {
        format!("关于{a}{y}年度政府信息公开工作年度报告的公告")
    }),
    ("quoted notice", |a, y| {
        format!("关于《{a}{y}年政府信息公开工作年度报告》的通知")
    }),
    ("year first", |a, y| {
        format!("{y}年度{a}政府信息公开工作年度报告")
    }),
    ("工作报告", |a, y| {
        format!("{a}{y}年度政府信息公开工作报告")
    }),
    ("政务公开", |a, y| {
        format!("{a}{y}年政务公开工作年度报告")
    }),
    ("年报", |a, y| format!("{a}{y}年政府信息公开年报")),
];

/// The source with its title line (the first of its first 40 lines that names the report with
/// a year) replaced by `title`; None where no line reads so.
fn retitled(k: &Keyed, title: &str) -> Option<String> {
    let lines: Vec<&str> = k.source.split_inclusive('\n').collect();
    let at = lines.iter().take(40).position(|l| {
        let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
        (l.contains("报告") || l.contains("年报"))
            && (l.contains("信息公开") || l.contains("政务公开"))
            && digits >= 4
            && l.chars().count() < 80
    })?;
    let mut out: String = lines[..at].concat();
    out.push_str(title);
    out.push('\n');
    out.extend(lines[at + 1..].iter().copied());
    Some(out)
}

fn kinds(r: &gongkai::model::Report) -> Vec<&'static str> {
    r.sections.iter().map(|s| s.kind.key()).collect()
}

#[test]
fn titles_in_other_forms_keep_every_fact_and_the_outline() {
    let mut tried = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let (Some(agency), Some(year)) = (k.key["agency"].as_str(), k.key["year"].as_i64()) else {
            continue;
        };
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        for (form, title) in FORMS {
            let Some(v) = retitled(&k, &title(agency, year)) else {
                continue;
            };
            tried += 1;
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let mut lost = regressions(&k, &score(&r, &k.key));
            if kinds(&r) != kinds(&original) {
                lost.push(format!(
                    "sections {:?}, were {:?}",
                    kinds(&r),
                    kinds(&original)
                ));
            }
            if !lost.is_empty() {
                failures.push(format!(
                    "{} titled {form}: {} facts\n  {}",
                    k.name,
                    lost.len(),
                    lost.iter()
                        .take(6)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("\n  ")
                ));
            }
        }
    }
    assert!(tried >= 8 * 9, "only {tried} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
