//! Openings of real crawled reports (the thirty-fourth hunt, 90 pages of 2008–2025 reports of
//! every kind of agency), each written from every keyed report's template document
//! (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - no title, the report named only in its preface after the verb publishing it (`现公布某局
//!   2023年…年度报告`, `现将…向社会公布`, `特向社会公布…`, `现向社会公布2020年度某局…`,
//!   `现向社会公开《…》`): no agency and no region; where the verb opened the sentence it was
//!   read into the name (`现将沐阳县人民政府`, a wrong agency);
//! - a government's title printing 政府 once for its name and its subject (`洪山区人民政府信息
//!   公开工作年度报告(2023年度)`, `2015年兴县人民政府信息公开年度报告`): no agency;
//! - the title's year line printed twice under the agency's line (a page's heading over the
//!   article's own): read as a link to another report, so no agency, or a sentence's start;
//! - subsections numbered ㈠ ㈡ ㈢ (one character each) run into their text: lost;
//! - a page's info table crawled as pipe rows (`[ 公开日期 ] | 2019-03-25 |`): no date.

use crate::common;

use common::template_doc::{as_text, html, template_document, untitled, Block};
use common::{assert_key_str, assert_variants_keep_facts, keyed_named, Variant};

/// The report's title said in its preface after the verb that publishes it.
fn preface_forms(agency: &str, year: i64) -> Vec<(&'static str, String)> {
    vec![
        ("现公布", format!("根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}年政府信息公开工作年度报告。")),
        ("现将", format!("根据《中华人民共和国政府信息公开条例》规定，现将{agency}{year}年政府信息公开工作年度报告向社会公布。")),
        ("特向社会公布", format!("根据《中华人民共和国政府信息公开条例》（国务院令第711号）要求，特向社会公布{agency}{year}年度政府信息公开工作年度报告。")),
        ("现向社会公布 year first", format!("根据《中华人民共和国政府信息公开条例》规定，现向社会公布{year}年度{agency}政府信息公开工作年度报告。")),
        ("现向社会公开《", format!("按照国办公开办函〔2021〕30号的要求，现向社会公开《{agency}{year}年政府信息公开工作年度报告》。")),
    ]
}

#[test]
fn reports_named_only_in_their_preface() {
    assert_variants_keep_facts(
        40,
        |k| {
            let agency = k.key["agency"].as_str().unwrap_or("");
            let year = k.key["year"].as_i64().unwrap_or(0);
            let mut out = Vec::new();
            for (verb, para) in preface_forms(agency, year) {
                let doc = untitled(k, vec![Block::Para(para)]);
                out.push(Variant::new(
                    "p.txt",
                    format!("{verb} as text"),
                    as_text(&doc),
                ));
                out.push(Variant::new(
                    "p.html",
                    format!("{verb} as a page"),
                    html(&doc),
                ));
            }
            out
        },
        |_, _, _| {},
    );
}

/// guangzhou 2022 named only so: its agency, its year and its place.
#[test]
fn a_preface_names_the_agency_and_its_place() {
    let k = keyed_named("guangzhou");
    for (verb, para) in preface_forms("广州市医疗保障局", 2022) {
        let r = gongkai::report_from_bytes(
            "p.txt",
            as_text(&untitled(&k, vec![Block::Para(para)])).as_bytes(),
        )
        .unwrap();
        assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"), "{verb}");
        assert_eq!(r.year, Some(2022), "{verb}");
        assert_eq!(r.region.province.as_deref(), Some("广东省"), "{verb}");
        assert_eq!(r.region.city.as_deref(), Some("广州市"), "{verb}");
    }
}

/// shuyang 2025 without its title: its preface's last sentence `现将沐阳县人民政府2025年…向社会
/// 公布` gave the agency `现将沐阳县人民政府`.
#[test]
fn the_publishing_verb_is_no_part_of_the_name() {
    let k = keyed_named("shuyang");
    let r = gongkai::report_from_bytes("p.txt", as_text(&untitled(&k, vec![])).as_bytes()).unwrap();
    assert_eq!(r.agency.as_deref(), Some("沐阳县人民政府"));
    assert_eq!(r.region.county.as_deref(), Some("沭阳县"));
}

/// A government's title that prints 政府 once for its name and its subject.
#[test]
fn one_government_for_the_name_and_the_subject() {
    assert_variants_keep_facts(
        8,
        |k| {
            let agency = k.key["agency"].as_str().unwrap_or("");
            let Some(place) = agency.strip_suffix("人民政府") else {
                return vec![];
            };
            let year = k.key["year"].as_i64().unwrap_or(0);
            let mut out = Vec::new();
            for (form, title) in [
                (
                    "year after",
                    format!("{place}人民政府信息公开工作年度报告（{year}年度）"),
                ),
                (
                    "year before",
                    format!("{year}年{place}人民政府信息公开工作年度报告"),
                ),
            ] {
                let doc = untitled(k, vec![]);
                let doc: Vec<Block> = std::iter::once(Block::Title(title)).chain(doc).collect();
                out.push(Variant::new(
                    "g.txt",
                    format!("{form} as text"),
                    as_text(&doc),
                ));
                out.push(Variant::new(
                    "g.html",
                    format!("{form} as a page"),
                    html(&doc),
                ));
            }
            out
        },
        |k, _, r| {
            assert_eq!(r.agency.as_deref(), k.key["agency"].as_str(), "{}", k.name);
        },
    );
}

/// The agency's line, then the title's year line printed twice.
#[test]
fn a_title_line_printed_twice_under_its_agency() {
    assert_variants_keep_facts(
        20,
        |k| {
            let agency = k.key["agency"].as_str().unwrap_or("").to_string();
            let year = k.key["year"].as_i64().unwrap_or(0);
            let line = format!("{year}年政府信息公开工作年度报告");
            let doc = untitled(k, vec![]);
            let doc: Vec<Block> = [
                Block::Para(agency),
                Block::Para(line.clone()),
                Block::Para(line),
            ]
            .into_iter()
            .chain(doc)
            .collect();
            vec![
                Variant::new("d.txt", "as text", as_text(&doc)),
                Variant::new("d.html", "as a page", html(&doc)),
            ]
        },
        |_, _, _| {},
    );
}

/// Subsections numbered ㈠ ㈡ ㈢ and run into their text (`㈠主动公开情况。2020年，…`).
fn circled_run_in(doc: Vec<Block>) -> Vec<Block> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut out: Vec<Block> = Vec::new();
    let mut pending: Option<String> = None;
    for b in doc {
        match b {
            Block::Heading(2, h) => {
                let circled = h
                    .strip_prefix(['(', '（'])
                    .and_then(|r| {
                        let n = r.chars().next()?;
                        let i = NUMERALS.chars().position(|c| c == n)?;
                        let rest = r[n.len_utf8()..].strip_prefix([')', '）'])?;
                        Some(format!("{}{rest}", char::from_u32(0x3220 + i as u32)?))
                    })
                    .unwrap_or(h);
                if let Some(p) = pending.take() {
                    out.push(Block::Heading(2, p));
                }
                pending = Some(circled);
            }
            Block::Para(t) if pending.is_some() => {
                out.push(Block::Para(format!("{}。{t}", pending.take().unwrap())));
            }
            b => {
                if let Some(p) = pending.take() {
                    out.push(Block::Heading(2, p));
                }
                out.push(b);
            }
        }
    }
    out
}

#[test]
fn subsections_numbered_in_one_character() {
    assert_variants_keep_facts(
        20,
        |k| {
            let doc = circled_run_in(template_document(k));
            vec![
                Variant::new("c.txt", "as text", as_text(&doc)),
                Variant::new("c.html", "as a page", html(&doc)),
            ]
        },
        |_, _, _| {},
    );
}

/// A page's info table crawled as pipe rows above the title (`[ 公开日期 ] | 2023-01-29 |`,
/// `公开日期: | 2023-01-29 |`, `发布日期 | 2023-01-29 |`), the sign-off left out: the date was lost.
#[test]
fn the_date_in_a_pages_info_table_crawled_as_pipe_rows() {
    assert_variants_keep_facts(
        12,
        |k| {
            let (Some(agency), Some(date)) =
                (k.key["agency"].as_str(), k.key["published"].as_str())
            else {
                return vec![];
            };
            let mut out = Vec::new();
            for (form, rows) in [
                ("bracketed", [
                    format!("[ 索 引 号 ] | 000000000/2024-00001 | [ 文 号 ] | [ 发布机构 ] | {agency} |"),
                    format!("[ 成文日期 ] | {date} | [ 公开日期 ] | {date} | [ 有 效 性 ] | 有效中 |"),
                ]),
                ("with colons", [
                    "索 引 号: | 000000000/2024-00001 | 主题分类: | 其他 |".to_string(),
                    format!("发布机构: | {agency} | 公开日期: | {date} |"),
                ]),
                ("bare", [
                    "索 引 号 | 000000000/2024-00001 | 公开分类 | |".to_string(),
                    format!("发布单位 | {agency} | 发布日期 | {date} |"),
                ]),
            ] {
                let doc: Vec<Block> = rows
                    .into_iter()
                    .map(Block::Para)
                    .chain(template_document(k).into_iter().filter(|b| !matches!(b, Block::SignOff(_))))
                    .collect();
                out.push(Variant::new("i.txt", format!("{form} as text"), as_text(&doc)));
                out.push(Variant::new("i.html", format!("{form} as a page"), html(&doc)));
            }
            out
        },
        |k, v, r| {
            assert_key_str(k, v, "published", r.published.as_deref());
        },
    );
}
