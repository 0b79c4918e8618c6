//! Outlines of the years before the 2019 template (2008–2018) that the thirty-eighth hunt found
//! read wrong in real crawled reports (bureaus, townships, sub-districts, 2009–2017), each
//! re-created on reports built from those years' parts (as `tests/pre2019_layouts.rs` builds
//! them) and asserted part by part: every part its kind, its text its own, every table null.
//! - the fees printed after the 复议诉讼 part (三、因政府信息公开申请行政复议… 四、政府信息公开
//!   收费及减免情况): the fees were read into the 复议诉讼 part;
//! - the fees worded without 减免 (依申请信息公开收费情况, 政府信息公开收费情况, 政府信息公开
//!   支出与收费情况): read into the 依申请公开 part before them;
//! - the 复议诉讼 part naming 复议 alone (五、申请行政复议情况): read into the part before it;
//! - the 主动公开 part naming 平台建设 too (三、主动公开政府信息以及公开平台建设情况): read into
//!   the overview;
//! - the overview printed letter-spaced (一 、概 述): the report was not told to be of the old
//!   layout, and its 二、主动公开政府信息情况 became table 二's part;
//! - the overview worded 本年度政府信息公开工作的基本情况 or 基本工作情况, and the problems
//!   worded as the plans alone (五、下一步工作计划): no part, their text in the preamble or in the
//!   part before;
//! - a 2008 report printed without its title, its period from the regulation's 2008年5月1日:
//!   no year;
//! - a short report ending on another part than the problems (龙归镇 2016's 五、行政复议、诉讼和
//!   申诉情况 then 附表 and the township's name): the part ran on into them;
//! - a sub-district's office signing (桦甸市人民政府新华街道办事处 over its date): the name was
//!   read into the problems, and as an improvement.

use gongkai::model::{Report, SectionKind};

const NUMERALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

const OVERVIEW: &str =
    "{y}年，我单位认真贯彻落实《条例》，进一步健全工作机制，政府信息公开工作运行正常。";
const PROACTIVE: &str = "{y}年，我单位共主动公开政府信息236条，其中通过门户网站公开198条。";
const REQUESTS: &str = "{y}年，我单位共受理政府信息公开申请5件，均已按时答复。";
const FEES: &str = "{y}年，我单位依申请提供政府信息未收取检索、复印、邮寄等费用。";
const REVIEW: &str = "{y}年，我单位未发生因政府信息公开申请行政复议和提起行政诉讼的情况。";
const PROBLEMS: &str =
    "一是信息更新不够及时；二是公开内容有待深化。下一步，我单位将加强业务培训，扩大公开范围。";
const LAST: &str = "无其他需要报告的事项。";

/// A part: its title, its body, the kind it must give.
type Part = (&'static str, &'static str, SectionKind);

const AGENCIES: [&str; 3] = [
    "金乡县水务局",
    "荣成市夏庄镇人民政府",
    "桦甸市人民政府新华街道办事处",
];
const YEARS: [i32; 3] = [2009, 2012, 2016];

fn fill(s: &str, y: i32) -> String {
    s.replace("{y}", &y.to_string())
}

/// A report of `parts` numbered 一、二、…, its overview's title `overview` (None: no overview),
/// with its title, preface and sign-off.
fn build(agency: &str, year: i32, overview: Option<&str>, parts: &[Part]) -> (String, Vec<Part>) {
    use SectionKind::*;
    let mut all: Vec<Part> = Vec::new();
    if let Some(o) = overview {
        // (A title chosen at run time, leaked: a handful per test.)
        all.push((
            Box::leak(o.to_string().into_boxed_str()),
            OVERVIEW,
            Overview,
        ));
    }
    all.extend_from_slice(parts);
    let mut text = format!(
        "{agency}{year}年政府信息公开工作年度报告\n\n根据《中华人民共和国政府信息公开条例》要求，特向社会公布本年度报告。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n"
    );
    for (i, (t, body, _)) in all.iter().enumerate() {
        // A title given with its own number ("一 、概 述") is printed as it is.
        if t.starts_with(NUMERALS[i]) {
            text += &format!("{t}\n\n{}\n\n", fill(body, year));
        } else {
            text += &format!("{}、{t}\n\n{}\n\n", NUMERALS[i], fill(body, year));
        }
    }
    text += &format!("{agency}\n{}年3月20日\n", year + 1);
    (text, all)
}

/// The same report crawled into one line after its title.
fn one_line(text: &str) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default();
    let body: Vec<&str> = lines.map(str::trim).filter(|l| !l.is_empty()).collect();
    format!("{title}\n{}\n", body.join(" "))
}

/// What is wrong with the report read from `text` (empty when nothing is): each part must be a
/// section of its kind holding its own body and nothing of another part's; no table, no template.
fn faults(text: &str, year: i32, parts: &[Part], r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if r.template.is_some()
        || r.tables.disclosure.is_some()
        || r.tables.requests.is_some()
        || r.tables.review_litigation.is_some()
    {
        out.push("a table or template read from the prose".into());
    }
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    let mut want = vec![SectionKind::Preamble];
    want.extend(parts.iter().map(|p| p.2));
    if kinds != want {
        out.push(format!("sections {kinds:?}, not {want:?}"));
        return out;
    }
    for (s, &(title, body, _)) in r.sections[1..].iter().zip(parts) {
        let own = s.text.contains(&fill(body, year));
        let others = parts
            .iter()
            .filter(|p| p.1 != body)
            .any(|p| s.text.contains(&fill(p.1, year)));
        if !own || others {
            out.push(format!("{title}: text {:?}", s.text));
        }
    }
    if r.year != Some(year) {
        out.push(format!(
            "year {:?} in {}",
            r.year,
            text.lines().next().unwrap_or("")
        ));
    }
    // The sign-off (the agency's name, as the title names it, over the date) is no part's text.
    let title = text.lines().next().unwrap_or("");
    let agency = title.split(&year.to_string()).next().unwrap_or(title);
    if let Some(last) = r.sections.last() {
        if !agency.is_empty() && last.text.contains(agency) {
            out.push(format!("the sign-off in the last part: {:?}", last.text));
        }
    }
    out
}

/// Every agency and year, as text and (`crawled`) crawled into one line: the reports that read
/// wrong.
fn check(name: &str, overview: Option<&str>, outlines: &[Vec<Part>], crawled: bool) {
    let mut failed = Vec::new();
    let mut n = 0;
    for parts in outlines {
        for (&agency, &year) in AGENCIES.iter().zip(YEARS.iter()) {
            let (text, all) = build(agency, year, overview, parts);
            let mut forms = vec![("text", text.clone())];
            if crawled {
                forms.push(("one line", one_line(&text)));
            }
            for (form, t) in forms {
                n += 1;
                let r = gongkai::report_from_bytes("r.txt", t.as_bytes()).expect("a report");
                let f = faults(&t, year, &all, &r);
                if !f.is_empty() {
                    failed.push(format!("{agency} {year} ({form}): {}", f.join("; ")));
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{name}: {} of {n} reports:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

use SectionKind::{OnRequest, Other, Proactive, Problems, ReviewLitigationTable};

const PROACTIVE_PART: Part = ("主动公开政府信息情况", PROACTIVE, Proactive);
const REQUESTS_PART: Part = ("依申请公开政府信息情况", REQUESTS, OnRequest);
const FEES_PART: Part = ("政府信息公开收费及减免情况", FEES, OnRequest);
const REVIEW_PART: Part = (
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
    REVIEW,
    ReviewLitigationTable,
);
const PROBLEMS_PART: Part = (
    "政府信息公开工作存在的主要问题和改进情况",
    PROBLEMS,
    Problems,
);
const LAST_PART: Part = ("其他需要报告的事项", LAST, Other);

#[test]
fn fees_printed_after_the_review_part() {
    let reviews: [&'static str; 3] = [
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "申请行政复议、提起行政诉讼和申诉的情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况",
    ];
    let fees: [&'static str; 3] = [
        "政府信息公开收费及减免情况",
        "政府信息公开的收费及减免情况",
        "政府信息公开收费和减免情况",
    ];
    let outlines: Vec<Vec<Part>> = (0..3)
        .map(|i| {
            let mut o = vec![PROACTIVE_PART];
            // (The 依申请公开 part left out, as 金乡县水务局 2009 leaves it out.)
            if i != 0 {
                o.push(REQUESTS_PART);
            }
            o.push((reviews[i], REVIEW, ReviewLitigationTable));
            o.push((fees[i], FEES, OnRequest));
            o.push(PROBLEMS_PART);
            if i != 2 {
                o.push(LAST_PART);
            }
            o
        })
        .collect();
    check("fees after review", Some("概述"), &outlines, true);
}

#[test]
fn fees_worded_without_relief() {
    let outlines: Vec<Vec<Part>> = [
        "依申请信息公开收费情况",
        "政府信息公开收费情况",
        "政府信息公开支出与收费情况",
        "政府信息公开的经费使用和收费情况",
    ]
    .into_iter()
    .map(|fees| {
        vec![
            PROACTIVE_PART,
            REQUESTS_PART,
            (fees, FEES, OnRequest),
            REVIEW_PART,
            PROBLEMS_PART,
        ]
    })
    .collect();
    check("fees without 减免", Some("概述"), &outlines, true);
}

#[test]
fn review_part_naming_review_alone() {
    let outlines: Vec<Vec<Part>> = ["申请行政复议情况", "因政府信息公开申请行政复议情况"]
        .into_iter()
        .map(|review| {
            vec![
                PROACTIVE_PART,
                REQUESTS_PART,
                FEES_PART,
                (review, REVIEW, ReviewLitigationTable),
                PROBLEMS_PART,
                LAST_PART,
            ]
        })
        .collect();
    check("复议 alone", Some("概述"), &outlines, true);
}

#[test]
fn proactive_part_naming_platforms_too() {
    let outlines: Vec<Vec<Part>> = [
        "主动公开政府信息以及公开平台建设情况",
        "政府信息主动公开及平台建设情况",
    ]
    .into_iter()
    .map(|proactive| {
        vec![
            (proactive, PROACTIVE, Proactive),
            REQUESTS_PART,
            FEES_PART,
            REVIEW_PART,
            PROBLEMS_PART,
        ]
    })
    .collect();
    check("主动公开 with 平台", Some("概述"), &outlines, true);
}

#[test]
fn overview_letter_spaced() {
    // (No 依申请公开 part nor fees: the overview alone tells the layout, as in 安丘市公路局
    // 2011's first parts.)
    let outline = vec![vec![PROACTIVE_PART, REVIEW_PART, PROBLEMS_PART]];
    check("一 、概 述", Some("一 、概 述"), &outline, true);
    check("一、概　述", Some("一、概　述"), &outline, true);
}

#[test]
fn overview_and_problems_worded_otherwise() {
    let outline = vec![vec![
        PROACTIVE_PART,
        REQUESTS_PART,
        FEES_PART,
        REVIEW_PART,
        ("下一步工作计划", PROBLEMS, Problems),
    ]];
    // (As text only: a top title without subject words is not read inside a one-line body
    // where it opens the outline, 基本情况 no more than these.)
    check(
        "基本情况",
        Some("本年度政府信息公开工作的基本情况"),
        &outline,
        false,
    );
    check("基本工作情况", Some("基本工作情况"), &outline, false);
}

/// A 2008 report whose page prints no title (北京市卫生局's, crawled from its body): its period
/// runs from the regulation's 2008年5月1日, not from 1 January, and every year of its overview is
/// a date's; the period's end gives its year.
#[test]
fn year_of_a_2008_report_from_its_period_end() {
    let mut failed = Vec::new();
    for agency in AGENCIES {
        for period in [
            "自2008年5月1日《条例》实施之日起，至2008年12月31日止",
            "从2008年5月1日起至2008年12月31日止",
        ] {
            let text = format!(
                "本报告是根据《中华人民共和国政府信息公开条例》要求，由{agency}编制的年度报告。本报告中所列数据的统计期限{period}。\n一、概述\n根据《条例》要求，2008年5月1日起本局正式施行政府信息公开工作。\n二、主动公开政府信息情况\n{}\n三、依申请公开政府信息情况\n{}\n四、存在的主要问题和改进措施\n{PROBLEMS}\n",
                fill(PROACTIVE, 2008),
                fill(REQUESTS, 2008)
            );
            let r = gongkai::report_from_bytes("r.txt", text.as_bytes()).expect("a report");
            if r.year != Some(2008) {
                failed.push(format!("{agency} ({period}): year {:?}", r.year));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A short report ending on another part than the problems (a township's 五、行政复议、诉讼和
/// 申诉情况, then 附表 and its name, or its sign-off): the part ends before them, as the problems
/// and the last part do.
#[test]
fn a_short_report_ending_on_another_part() {
    let endings: [(&str, &str); 3] = [
        ("附表：{y}年{a}政府信息公开情况统计表", "{a}"),
        ("", "{a}\n{n}年3月1日"),
        ("附件：{y}年度政府信息公开情况统计表.doc", ""),
    ];
    let mut failed = Vec::new();
    let mut n = 0;
    for (&agency, &year) in AGENCIES.iter().zip(YEARS.iter()) {
        for last in [REVIEW_PART, FEES_PART, REQUESTS_PART] {
            for (attached, signed) in endings {
                let mut parts = vec![PROACTIVE_PART, REQUESTS_PART, FEES_PART, REVIEW_PART];
                let at = parts.iter().position(|p| p.0 == last.0).expect("a part");
                parts.truncate(at + 1);
                let (text, all) = build(agency, year, Some("概述"), &parts);
                // The sign-off `build` prints, replaced by this ending.
                let body = text
                    .trim_end()
                    .rsplitn(3, '\n')
                    .nth(2)
                    .expect("a sign-off")
                    .to_string();
                let ending = |s: &str| {
                    s.replace("{a}", agency)
                        .replace("{y}", &year.to_string())
                        .replace("{n}", &(year + 1).to_string())
                };
                let text = format!("{body}\n{}\n{}\n", ending(attached), ending(signed));
                for (form, t) in [("text", text.clone()), ("one line", one_line(&text))] {
                    n += 1;
                    let r = gongkai::report_from_bytes("r.txt", t.as_bytes()).expect("a report");
                    let mut f = faults(&t, year, &all, &r);
                    let end = r.sections.last().map_or("", |s| s.text.as_str());
                    if end.contains(agency) || end.contains("附") || end.contains("3月1日") {
                        f.push(format!("the last part runs on: {end:?}"));
                    }
                    if !f.is_empty() {
                        failed.push(format!(
                            "{agency} {year} {} ({form}): {}",
                            last.0,
                            f.join("; ")
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {n} reports:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// A note under a table heading saying how current its data are (`注：数据截至2023年12月31日`,
/// as a generated variant of taishan 2021 prints it) is no statistics period: the year comes
/// from the overview still, and with it the publication date. Only a period with its start
/// (`自2008年5月1日…至2008年12月31日止`) gives its end's year.
#[test]
fn an_as_of_note_is_no_period() {
    let text = std::fs::read_to_string("corpus/taishan-ybj-2021.txt").unwrap();
    let mut noted = String::new();
    for line in text.lines() {
        noted.push_str(line);
        noted.push('\n');
        if ["二、", "三、", "四、"].iter().any(|n| line.starts_with(n)) {
            noted.push_str("注：数据截至2023年12月31日\n");
        }
    }
    assert_eq!(noted.matches("数据截至").count(), 3);
    let r = gongkai::report_from_bytes("taishan-ybj-2021.txt", noted.as_bytes()).unwrap();
    assert_eq!(r.year, Some(2021));
    assert_eq!(r.published.as_deref(), Some("2022-01-19"));
}
