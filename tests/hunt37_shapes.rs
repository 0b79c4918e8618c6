//! The metadata of real crawled reports (the thirty-seventh hunt: 81 openings of 2010–2025
//! reports of every kind of agency and place: State Council departments, provincial
//! departments, autonomous prefectures, counties and banners, leagues, 苏木, districts and
//! sub-districts of the municipalities, townships, development zones, tax, customs, weather,
//! tobacco and postal offices, a hospital), each family written from every keyed report's
//! template document (`common::template_doc`) or asserted on the names the real reports print:
//! - a preface saying who compiled the report under which rules (`本年度报告由某办公室根据《…》
//!   …编制`), the report printing no title: no agency and no region;
//! - a page's info table whose 生效日期 (the record's effective date) stands above the report's
//!   发布时间: the effective date was taken for the publication date, a wrong date;
//! - the year printed without 年 between the name and the subject (`耿马自治县2021政府信息公开
//!   工作年度报告`): no agency, no year from the title;
//! - autonomous places named without their peoples (`湘西自治州`, `耿马自治县`): no region;
//! - an Inner Mongolian township (`乌拉特中旗巴音乌兰苏木2021年…`): no agency, no region.

use crate::common;

use common::template_doc::{as_text, html, template_document, untitled, Block};
use common::{assert_key_str, assert_variants_keep_facts, keyed_named, Keyed, Variant};
use gongkai::model::Report;

fn both(label: &str, doc: &[Block], out: &mut Vec<Variant>) {
    out.push(Variant::new(
        "v.txt",
        format!("{label} as text"),
        as_text(doc),
    ));
    out.push(Variant::new(
        "v.html",
        format!("{label} as a page"),
        html(doc),
    ));
}

/// The preface's sentence naming who compiled the report and the rules it followed between.
fn compiled_by_forms(agency: &str, year: i64) -> Vec<(&'static str, String)> {
    vec![
        ("根据…编制", format!("本年度报告由{agency}根据《中华人民共和国政府信息公开条例》《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》（国办公开办函〔2021〕30号）编制。所列数据的统计期限为{year}年1月1日至{year}年12月31日。")),
        ("依据…编制而成", format!("本报告由{agency}依据《中华人民共和国政府信息公开条例》以及国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式》要求编制而成。本年度报告中所列数据统计期限从{year}年1月1日起至{year}年12月31日止。")),
        ("按照…组织编制", format!("本报告由{agency}按照《中华人民共和国政府信息公开条例》第五十条的规定组织编制，所列数据的统计期限为{year}年1月1日至12月31日。")),
    ]
}

/// The template document without its title, its preface (some name the office that compiled
/// them: hongze's `本报告由淮安市洪泽区人民政府办公室根据…编制`) and the agency's line of its
/// sign-off, `preface` in the preface's place.
fn prefaced_only(k: &Keyed, preface: String) -> Vec<Block> {
    let mut out = Vec::new();
    let mut in_preface = true;
    for b in untitled(k, vec![]) {
        if matches!(b, Block::Heading(..)) && in_preface {
            in_preface = false;
            out.push(Block::Para(preface.clone()));
        }
        if !(in_preface && matches!(b, Block::Para(_))) {
            out.push(b);
        }
    }
    out
}

#[test]
fn a_preface_naming_who_compiled_it_under_which_rules() {
    assert_variants_keep_facts(
        90,
        |k| {
            let agency = k.key["agency"].as_str().unwrap_or("");
            let year = k.key["year"].as_i64().unwrap_or(0);
            let mut out = Vec::new();
            for (form, para) in compiled_by_forms(agency, year) {
                both(form, &prefaced_only(k, para), &mut out);
            }
            out
        },
        |k, v, r| {
            assert_key_str(k, v, "agency", r.agency.as_deref());
        },
    );
}

/// A page's info table as gsxf.gov.cn prints it over the title (`生效日期: … 废止日期:`) and
/// its info line under it (`来源: 发布时间:…`), the sign-off left out.
#[test]
fn an_info_tables_effective_date_is_no_publication_date() {
    assert_variants_keep_facts(
        12,
        |k| {
            let Some(date) = k.key["published"].as_str() else {
                return vec![];
            };
            // The record took effect later in the year it was published.
            let effective = format!("{}-12-30", &date[..4]);
            let mut doc = vec![
                Block::Para("索引号: 3070211020000013000000/2022030200000032 发布机构:".into()),
                Block::Para(format!("生效日期: {effective} 废止日期:")),
                Block::Para("文 号: 所属主题: 政府信息公开年报".into()),
            ];
            for b in template_document(k) {
                match b {
                    Block::SignOff(_) => {}
                    Block::Title(t) => {
                        doc.push(Block::Title(t));
                        doc.push(Block::Para(format!(
                            "来源: 发布时间:{date} 浏览次数: 【字体:"
                        )));
                    }
                    b => doc.push(b),
                }
            }
            let mut out = Vec::new();
            both("effective over published", &doc, &mut out);
            out
        },
        |k, v, r| {
            assert_key_str(k, v, "published", r.published.as_deref());
        },
    );
}

/// The year printed without 年 between the name and the report's subject, in the title or in
/// the preface's sentence publishing it.
#[test]
fn a_year_printed_without_its_nian() {
    assert_variants_keep_facts(
        60,
        |k| {
            let agency = k.key["agency"].as_str().unwrap_or("");
            let year = k.key["year"].as_i64().unwrap_or(0);
            let title = format!("{agency}{year}政府信息公开工作年度报告");
            let mut out = Vec::new();
            let titled: Vec<Block> = template_document(k)
                .into_iter()
                .map(|b| match b {
                    Block::Title(_) => Block::Title(title.clone()),
                    b => b,
                })
                .collect();
            both("in the title", &titled, &mut out);
            let spaced: Vec<Block> = template_document(k)
                .into_iter()
                .map(|b| match b {
                    Block::Title(_) => {
                        Block::Title(format!("{agency} {year} 政府信息公开工作年度报告"))
                    }
                    b => b,
                })
                .collect();
            both("spaced in the title", &spaced, &mut out);
            let para = format!("根据《中华人民共和国政府信息公开条例》要求，现将{title}进行公开。");
            both(
                "in the preface",
                &untitled(k, vec![Block::Para(para)]),
                &mut out,
            );
            out
        },
        |k, v, r| {
            assert_key_str(k, v, "agency", r.agency.as_deref());
            assert_eq!(
                r.year,
                k.key["year"].as_i64().map(|y| y as i32),
                "{} {}",
                k.name,
                v.label
            );
        },
    );
}

/// guangzhou 2022's document, titled `title` (its own agency's lines left out).
fn titled_so(title: &str) -> Report {
    let k = keyed_named("guangzhou");
    let doc: Vec<Block> = std::iter::once(Block::Title(title.to_string()))
        .chain(untitled(&k, vec![]))
        .collect();
    gongkai::report_from_bytes("t.txt", as_text(&doc).as_bytes()).unwrap()
}

fn placed(r: &Report) -> (Option<&str>, Option<&str>, Option<&str>) {
    (
        r.region.province.as_deref(),
        r.region.city.as_deref(),
        r.region.county.as_deref(),
    )
}

/// Autonomous prefectures, counties and banners as the real reports name them: the place
/// without its peoples, before 自治州, 自治县 or 自治旗.
#[test]
fn autonomous_places_named_without_their_peoples() {
    for (title, agency, region) in [
        (
            "湘西自治州人民政府办公室2021年政府信息公开工作年度报告",
            "湘西自治州人民政府办公室",
            (Some("湖南省"), Some("湘西土家族苗族自治州"), None),
        ),
        (
            "耿马自治县2021政府信息公开工作年度报告",
            "耿马自治县",
            (Some("云南省"), Some("临沧市"), Some("耿马傣族佤族自治县")),
        ),
        (
            "三都自治县人民政府2022年政府信息公开工作年度报告",
            "三都自治县人民政府",
            (
                Some("贵州省"),
                Some("黔南布依族苗族自治州"),
                Some("三都水族自治县"),
            ),
        ),
        (
            "莫力达瓦自治旗人民政府2022年政府信息公开工作年度报告",
            "莫力达瓦自治旗人民政府",
            (
                Some("内蒙古自治区"),
                Some("呼伦贝尔市"),
                Some("莫力达瓦达斡尔族自治旗"),
            ),
        ),
        // The names in full, as before.
        (
            "凉山彝族自治州人民政府办公室2021年政府信息公开工作年度报告",
            "凉山彝族自治州人民政府办公室",
            (Some("四川省"), Some("凉山彝族自治州"), None),
        ),
        (
            "凉山州经济和信息化局2021年政府信息公开工作年度报告",
            "凉山州经济和信息化局",
            (Some("四川省"), Some("凉山彝族自治州"), None),
        ),
    ] {
        let r = titled_so(title);
        assert_eq!(r.agency.as_deref(), Some(agency), "{title}");
        assert_eq!(placed(&r), region, "{title}");
    }
}

/// Inner Mongolia's townships are 苏木, as 乡 elsewhere (and their villages 嘎查, no agency).
#[test]
fn inner_mongolian_townships() {
    for (title, agency, region) in [
        (
            "乌拉特中旗巴音乌兰苏木2021年政府信息公开工作年度报告",
            "乌拉特中旗巴音乌兰苏木",
            (Some("内蒙古自治区"), Some("巴彦淖尔市"), Some("乌拉特中旗")),
        ),
        (
            "正蓝旗扎格斯台苏木2023年政府信息公开工作年度报告",
            "正蓝旗扎格斯台苏木",
            (Some("内蒙古自治区"), Some("锡林郭勒盟"), Some("正蓝旗")),
        ),
    ] {
        let r = titled_so(title);
        assert_eq!(r.agency.as_deref(), Some(agency), "{title}");
        assert_eq!(placed(&r), region, "{title}");
    }
}
