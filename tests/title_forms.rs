//! A report's title written in the other forms agencies give it, and a web page's info line
//! (发布时间, 来源, 浏览次数…) printed under or over it, made from every keyed text report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong,
//! and the sections are the original's (no preamble made of what is left of the title line or
//! of the page's info line).
//!
//! Before: the year after the subject (`某局政府信息公开工作2024年度报告`) lost the agency (the
//! name read as `某局政府信息公开工作`, no agency); a title in book-title marks (`《…》`) or a
//! notice publishing the report (`关于…年度报告的公告`) left `》` or `的公告` as a preamble; an
//! agency with a second name in parentheses (`某局（某中心）2024年…`) was named by the second, and
//! the agency printed again after the title on its line was a preamble. An
//! info line with a full-width colon under the title (`发布时间：2025-01-20`) was a preamble,
//! `信息来源：某局 发布时间：…` a heading of `oversight` that took 一、总体情况 for its text, and
//! `2025-01-20 10:21 来源：某局` gave no publication date. A year printed bare, without 年
//! (`某局政府信息公开工作年度报告(2023)`, `… 2023`, `2023 某局…`), gave no agency and no year,
//! and so did a year set on a line of its own in the title's gap (`某局 年…年度报` / `2024` /
//! `告`, pdfplumber's text of a title whose year is in another font).

use crate::common;

use common::{keyed_reports, regressions, score, Keyed};
use gongkai::model::Report;

/// A title form: its name and the line it makes of the agency and the year.
type Form = (&'static str, fn(&str, i64) -> String);

const FORMS: [Form; 14] = [
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
    ("a second name in parentheses", |a, y| {
        format!("{a}（{a}办公室）{y}年政府信息公开工作年度报告")
    }),
    ("the agency after the title", |a, y| {
        format!("{a}{y}年政府信息公开工作年度报告 {a}")
    }),
    // An attachment's link text: the file's name.
    ("a file's name", |a, y| {
        format!("{a}{y}年政府信息公开工作年度报告.pdf")
    }),
    // The year printed bare, without 年 (no agency and no year were read from these).
    ("the year bare in brackets", |a, y| {
        format!("{a}政府信息公开工作年度报告({y})")
    }),
    ("the year bare after the title", |a, y| {
        format!("{a}政府信息公开工作年度报告 {y}")
    }),
    ("the year bare before the title", |a, y| {
        format!("{y} {a}政府信息公开工作年度报告")
    }),
];

/// The year printed in another font than the title, which a PDF extraction (pdfplumber) sets
/// on a line of its own, leaving a gap before 年 and breaking the title where the font changed
/// back (no agency, or no agency and no year, were read from these). Only where the title is
/// the text's (a crawler's `标题:` header is no PDF's).
const YEAR_APART_FORMS: [Form; 3] = [
    ("the year apart on the next line", |a, y| {
        format!("{a} 年政府信息公开工作年度报告\n{y}")
    }),
    ("the year apart inside the title's last word", |a, y| {
        format!("{a} 年政府信息公开工作年度报\n{y}\n告")
    }),
    ("the year apart, the title wrapped", |a, y| {
        format!("{a} 年政府信息公开工作\n{y}\n年度报告")
    }),
];

/// The source's lines and the index of its title line: the first of its first 40 lines that
/// names the report with a year; None where no line reads so.
fn title_line(k: &Keyed) -> Option<(Vec<&str>, usize)> {
    let lines: Vec<&str> = k.source.split_inclusive('\n').collect();
    let at = lines.iter().take(40).position(|l| {
        let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
        (l.contains("报告") || l.contains("年报"))
            && (l.contains("信息公开") || l.contains("政务公开"))
            && digits >= 4
            && l.chars().count() < 80
    })?;
    Some((lines, at))
}

/// The source with its title line replaced by `title`.
fn retitled(k: &Keyed, title: &str) -> Option<String> {
    let (lines, at) = title_line(k)?;
    Some(format!(
        "{}{title}\n{}",
        lines[..at].concat(),
        lines[at + 1..].concat()
    ))
}

/// The source with `line` printed under its title line (`under`) or first, over the title and
/// whatever the page prints above it (a title printed over two lines, the agency then the year
/// and the report's name, stays whole).
fn with_info_line(k: &Keyed, line: &str, under: bool) -> Option<String> {
    let (lines, at) = title_line(k)?;
    let split = if under { at + 1 } else { 0 };
    Some(format!(
        "{}{line}\n{}",
        lines[..split].concat(),
        lines[split..].concat()
    ))
}

fn kinds(r: &Report) -> Vec<&'static str> {
    r.sections.iter().map(|s| s.kind.key()).collect()
}

/// The keyed text reports that name their agency and year, with those and their parse.
fn keyed_texts() -> Vec<(Keyed, String, i64, Report)> {
    keyed_reports()
        .into_iter()
        .filter(|k| !k.name.ends_with(".html"))
        .filter_map(|k| {
            let agency = k.key["agency"].as_str()?.to_string();
            let year = k.key["year"].as_i64()?;
            let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
            Some((k, agency, year, original))
        })
        .collect()
}

/// How a variant's outline differs from the original's: the kinds of its sections and, with
/// `texts`, the first section whose kind, title or text is not the original's.
fn outline_changes(r: &Report, original: &Report, texts: bool) -> Vec<String> {
    let mut out = Vec::new();
    if texts {
        if let Some((s, o)) = r
            .sections
            .iter()
            .zip(&original.sections)
            .find(|(s, o)| (s.kind, &s.title, &s.text) != (o.kind, &o.title, &o.text))
        {
            out.push(format!(
                "section {} {:?}: {:.60}, was {} {:?}: {:.60}",
                s.kind.key(),
                s.title,
                s.text,
                o.kind.key(),
                o.title,
                o.text
            ));
        }
    }
    if kinds(r) != kinds(original) {
        out.push(format!(
            "sections {:?}, were {:?}",
            kinds(r),
            kinds(original)
        ));
    }
    out
}

/// A variant's failure: what it is, and its first facts lost.
fn failure(what: String, lost: &[String]) -> String {
    format!(
        "{what}: {} facts\n  {}",
        lost.len(),
        lost.iter()
            .take(6)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    )
}

/// Each variant `make` gives of each keyed text report (its label and text; none where the
/// report has no such place) keeps every fact and the original's outline; returns how many
/// variants were read.
fn variants_keep_facts_and_outline(
    make: impl Fn(&Keyed, &str, i64) -> Vec<(String, Option<String>)>,
) -> usize {
    let mut tried = 0;
    let mut failures = Vec::new();
    for (k, agency, year, original) in keyed_texts() {
        for (label, v) in make(&k, &agency, year) {
            let Some(v) = v else {
                continue;
            };
            tried += 1;
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let mut lost = regressions(&k, &score(&r, &k.key));
            lost.extend(outline_changes(&r, &original, false));
            if !lost.is_empty() {
                failures.push(failure(format!("{} {label}", k.name), &lost));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    tried
}

#[test]
fn titles_in_other_forms_keep_every_fact_and_the_outline() {
    let tried = variants_keep_facts_and_outline(|k, agency, year| {
        FORMS
            .iter()
            .map(|(form, title)| (format!("titled {form}"), retitled(k, &title(agency, year))))
            .chain(
                YEAR_APART_FORMS
                    .iter()
                    .filter(|_| title_line(k).is_some_and(|(l, at)| !l[at].contains([':', '：'])))
                    .map(|(form, title)| {
                        (format!("titled {form}"), retitled(k, &title(agency, year)))
                    }),
            )
            .collect()
    });
    assert!(tried >= 10 * 9 + 3 * 8, "only {tried} variants");
}

/// A page's info line: its name and the line it makes of the date (y, m, d) and the agency.
type InfoLine = (&'static str, fn((i64, u32, u32), &str) -> String);

const INFO_LINES: [InfoLine; 8] = [
    ("发布时间", |(y, m, d), _| {
        format!("发布时间：{y}-{m:02}-{d:02}")
    }),
    ("发布日期 in words", |(y, m, d), _| {
        format!("发布日期：{y}年{m:02}月{d:02}日")
    }),
    ("日期 with a time", |(y, m, d), _| {
        format!("日期：{y}-{m:02}-{d:02} 09:30:00")
    }),
    ("信息来源 first", |(y, m, d), a| {
        format!("信息来源：{a} 发布时间：{y}/{m:02}/{d:02}")
    }),
    ("时间 and 浏览次数", |(y, m, d), _| {
        format!("时间：{y}-{m:02}-{d:02} 浏览次数：123")
    }),
    ("发布时间, 来源, 字号", |(y, m, d), a| {
        format!("发布时间：{y}-{m:02}-{d:02} 来源：{a} 字号：大 中 小")
    }),
    ("成文日期", |(y, m, d), _| {
        format!("成文日期：{y}-{m:02}-{d:02}")
    }),
    ("the date first", |(y, m, d), a| {
        format!("{y}-{m:02}-{d:02} 10:21 来源：{a}")
    }),
];

#[test]
fn a_pages_info_line_gives_the_date_and_no_section() {
    let mut tried = 0;
    let mut failures = Vec::new();
    for (k, agency, year, original) in keyed_texts() {
        // The key's date where the report prints one (an info line never contradicts its own
        // page), else a day of the next year's January.
        let keyed = k.key["published"].as_str();
        let date = match keyed {
            Some(p) => (
                p[..4].parse().unwrap(),
                p[5..7].parse().unwrap(),
                p[8..10].parse().unwrap(),
            ),
            None => (year + 1, 1, 20),
        };
        let iso = format!("{}-{:02}-{:02}", date.0, date.1, date.2);
        for (form, info) in INFO_LINES {
            for under in [true, false] {
                let Some(v) = with_info_line(&k, &info(date, &agency), under) else {
                    continue;
                };
                tried += 1;
                let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
                let mut lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                    .into_iter()
                    .filter(|l| keyed.is_some() || !l[7..].starts_with("published"))
                    .collect();
                if r.published.as_deref() != Some(iso.as_str()) {
                    lost.push(format!("published {:?}, want {iso}", r.published));
                }
                // The line is the page's: no section holds it, every section is as it was.
                lost.extend(outline_changes(&r, &original, true));
                if !lost.is_empty() {
                    let place = if under { "under" } else { "over" };
                    failures.push(failure(
                        format!("{} with {form} {place} the title", k.name),
                        &lost,
                    ));
                }
            }
        }
    }
    assert!(tried >= 16 * 9, "only {tried} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The column's name a site prints over the article ("政府信息公开工作年度报告", no agency and no
/// year), over or under a page's info line: the report's own title below it still names the
/// agency and the year. Before, the column's name was taken for the title (its "年度" for a
/// year) and the agency or the year was lost (ruzhou: the year; the Shanghai page: the agency).
#[test]
fn a_columns_name_over_the_title_is_no_title() {
    let tried = variants_keep_facts_and_outline(|k, _, _| {
        [
            "政府信息公开工作年度报告",
            "政府信息公开年度报告",
            "年度报告",
        ]
        .iter()
        .map(|column| (format!("under {column}"), with_info_line(k, column, false)))
        .collect()
    });
    assert!(tried >= 3 * 9, "only {tried} variants");
}

/// A report issued as a red-head 公文: the issuer's banner (`…办公室文件`) and its document
/// number with the next year in it (`某办发〔2025〕7号`) over the title, the title wrapped with
/// its last character alone on a line. Before, the document number was read as the title's
/// first line: the agency came out as `7号淮安市洪泽区人民政府`.
#[test]
fn a_document_number_over_the_title_is_no_part_of_it() {
    use common::lost_line;
    use common::template_doc::{template_document, text};
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        let doc = template_document(&k);
        for number in [
            "淮安办发〔2099〕7号",
            "某政办发[2099]12 号",
            "某办（2099）3号",
        ] {
            let heading = |level: u8, t: &str| {
                if level > 0 {
                    return Some(t.to_string());
                }
                let cut = t.char_indices().last().map_or(0, |(i, _)| i);
                Some(format!(
                    "某某人民政府办公室文件\n{number}\n{}\n{}",
                    &t[..cut],
                    &t[cut..]
                ))
            };
            let source = text(&doc, &heading, &common::template_doc::tab_table, "\n");
            made += 1;
            let r = gongkai::report_from_bytes("redhead.txt", source.as_bytes()).unwrap();
            let lost = regressions(&k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(lost_line(&format!("{} {number}", k.name), &lost));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 36, "{made} variants");
}
