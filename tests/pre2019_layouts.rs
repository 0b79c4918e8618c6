//! Reports in the layout used before the 2019 template (2008–2018): seven, eight or nine parts
//! in prose, no standard tables, the parts worded as agencies worded them. The shipped corpus has
//! no such report, yet they are about half of all reports ever published. Each report here is
//! built from parts as those years' reports print them:
//!
//! - the outlines: 概述 … 其他需要报告的事项 (seven parts, 2008–2013), with 咨询处理 (eight), with
//!   重点领域 and 解读回应 (nine, 2014–2018), and six parts ending on the problems;
//! - the problems part worded eight ways (问题与改进措施, 存在的困难和问题…, 下一步工作打算…);
//! - the last part worded eight ways (需要说明的事项, 需要说明的事项与附表, 说明, 附表…);
//! - the statistics table of those years (统计指标 / 单位 / 统计数) attached before or after
//!   the sign-off, or none;
//! - as text, as a web page with its menus, and crawled into one line after its title;
//! - with its parts numbered 1、2、3、 or 第一部分 第二部分 instead of 一、二、三、;
//! - with no year in its title or preamble, its overview opening on when the regulation took
//!   effect (自2008年5月1日《条例》施行以来), as older reports do.
//!
//! Every report must give its agency, year, publication date and place; every table null and
//! no template (the old statistics are never read as the standard tables); its parts as their
//! subjects (fees and 依申请 as on_request, 复议诉讼 as review_litigation_table, the last part as
//! other, 附表 as no part); exactly its three problems and three improvements, with neither the
//! next part, the attached statistics nor the sign-off run into them.

use gongkai::model::{Report, SectionKind};

const NUMERALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A part: its title, its body, and the section kind it must give (None: read as text of the
/// part before it).
type Part = (&'static str, &'static str, Option<SectionKind>);

const OVERVIEW: &str = "{y}年，我单位认真贯彻落实《条例》，按照上级工作要求，全面做好政府信息公开工作，进一步健全工作机制。";
const PROACTIVE: &str =
    "{y}年，我单位共主动公开政府信息2356条，其中通过门户网站公开1980条，通过政府公报公开120条。";
const REQUESTS: &str = "{y}年，我单位共受理政府信息公开申请35件，均已按时答复。其中同意公开28件，不予公开2件，信息不存在5件。";
const CONSULT: &str = "全年共接受政府信息公开咨询1260人次，其中网上咨询860人次。";
const HOTSPOTS: &str = "围绕财政预决算、重大建设项目、食品药品安全等重点领域，及时公开相关信息。";
const INTERPRET: &str = "全年发布政策解读材料36篇，回应社会关切12次。";
const FEES: &str = "{y}年，我单位未收取任何政府信息公开费用，也未有减免情况。";
const REVIEW: &str = "{y}年，我单位未发生因政府信息公开申请行政复议和提起行政诉讼的情况。";
const PROBLEMS: &str = "（一）存在的主要问题\n一是部分单位对政府信息公开工作重视程度不够；二是信息公开的及时性有待提高；三是依申请公开答复的规范性有待加强。\n（二）改进措施\n一是加强组织领导；二是强化督促检查；三是加强业务培训。";
const LAST: &str = "本报告中使用数据均为{y}年1月1日至{y}年12月31日数据。";

const PROBLEM_TITLES: [&str; 8] = [
    "政府信息公开工作存在的主要问题和改进措施",
    "存在的不足及改进措施",
    "工作中存在的问题及下一步工作打算",
    "存在的主要问题与改进措施",
    "存在的困难和问题及改进措施",
    "政府信息公开工作存在的问题和改进措施",
    "问题与改进措施",
    "存在的不足和下一步工作计划",
];

/// The last part's titles, and whether it is a part (`other`) or the attached statistics.
const LAST_TITLES: [(&str, bool); 8] = [
    ("其他需要报告的事项", true),
    ("需要说明的事项", true),
    ("其他需要说明的事项", true),
    ("需要说明的事项与附表", true),
    ("其他需要报告的事项及附表", true),
    ("其他", true),
    ("说明", true),
    ("附表", false),
];

/// The outlines of those years: the parts before the problems.
fn outlines() -> Vec<(&'static str, Vec<Part>)> {
    use SectionKind::*;
    let seven = vec![
        ("概述", OVERVIEW, Some(Overview)),
        ("主动公开政府信息情况", PROACTIVE, Some(Proactive)),
        ("依申请公开政府信息情况", REQUESTS, Some(OnRequest)),
        ("政府信息公开的收费及减免情况", FEES, Some(OnRequest)),
        (
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            REVIEW,
            Some(ReviewLitigationTable),
        ),
    ];
    let eight = vec![
        ("概述", OVERVIEW, Some(Overview)),
        ("主动公开政府信息情况", PROACTIVE, Some(Proactive)),
        ("政府信息依申请公开办理情况", REQUESTS, Some(OnRequest)),
        ("政府信息公开咨询处理情况", CONSULT, None),
        ("政府信息公开收费及减免情况", FEES, Some(OnRequest)),
        (
            "因政府信息公开申请提起行政复议、行政诉讼情况",
            REVIEW,
            Some(ReviewLitigationTable),
        ),
    ];
    let nine = vec![
        ("总体情况", OVERVIEW, Some(Overview)),
        ("主动公开政府信息情况", PROACTIVE, Some(Proactive)),
        ("重点领域政府信息公开情况", HOTSPOTS, None),
        ("政策解读、回应社会关切情况", INTERPRET, None),
        (
            "依申请公开政府信息和不予公开政府信息情况",
            REQUESTS,
            Some(OnRequest),
        ),
        ("政府信息公开的收费及减免情况", FEES, Some(OnRequest)),
        (
            "因政府信息公开申请行政复议和提起行政诉讼的情况",
            REVIEW,
            Some(ReviewLitigationTable),
        ),
    ];
    vec![("seven", seven), ("eight", eight), ("nine", nine)]
}

/// The statistics table of the 2014–2018 reports, tab-separated (a web page prints it as a
/// table).
const STATISTICS: &str = "附表：政府信息公开情况统计表
统计指标\t单位\t统计数
一、主动公开情况\t\t
（一）主动公开政府信息数\t条\t2356
其中：主动公开规范性文件数\t条\t12
二、回应解读情况\t\t
（一）回应公众关注热点或重大舆情数\t次\t12
三、依申请公开情况\t\t
（一）收到申请数\t件\t35
1.当面申请数\t件\t10
2.网络申请数\t件\t25
（二）申请办结数\t件\t35
（三）申请答复数\t件\t35
1.属于已主动公开范围数\t件\t10
2.同意公开答复数\t件\t18
3.不同意公开答复数\t件\t2
4.申请信息不存在数\t件\t5
四、行政复议数量\t件\t0
（一）维持具体行政行为数\t件\t0
（二）被依法纠错数\t件\t0
五、行政诉讼数量\t件\t0
六、举报投诉数量\t件\t0
七、依申请公开信息收取的费用\t万元\t0";

const AGENCIES: [&str; 3] = [
    "福州市晋安区人民政府",
    "南平市卫生和计划生育委员会",
    "宁波市鄞州区教育局",
];

const TITLES: [&str; 4] = [
    "{a}{y}年政府信息公开工作年度报告",
    "{a}{y}年度政府信息公开工作年度报告",
    "{y}年{a}政府信息公开工作年度报告",
    "{a}关于{y}年度政府信息公开工作情况的报告",
];

/// Where the statistics table goes.
#[derive(Clone, Copy, Debug)]
enum Statistics {
    None,
    BeforeSignOff,
    AfterSignOff,
}

struct Built {
    name: String,
    text: String,
    agency: &'static str,
    year: i32,
    kinds: Vec<SectionKind>,
}

fn fill(s: &str, agency: &str, year: i32) -> String {
    s.replace("{a}", agency).replace("{y}", &year.to_string())
}

/// Every combination, each problems title and last title used in turn.
fn reports() -> Vec<Built> {
    let mut out = Vec::new();
    let mut n = 0usize;
    for (outline_name, parts) in outlines() {
        for with_last in [true, false] {
            for &agency in &AGENCIES {
                for year in [2010, 2014, 2017] {
                    n += 1;
                    let statistics = [
                        Statistics::None,
                        Statistics::BeforeSignOff,
                        Statistics::AfterSignOff,
                    ][n % 3];
                    let mut parts = parts.clone();
                    parts.push((
                        PROBLEM_TITLES[n % PROBLEM_TITLES.len()],
                        PROBLEMS,
                        Some(SectionKind::Problems),
                    ));
                    let (last, is_part) = LAST_TITLES[n % LAST_TITLES.len()];
                    if with_last {
                        parts.push((last, LAST, is_part.then_some(SectionKind::Other)));
                    }
                    let title = fill(TITLES[n % TITLES.len()], agency, year);
                    let mut text = format!(
                        "{title}\n\n本报告根据《中华人民共和国政府信息公开条例》要求，由{agency}编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n"
                    );
                    for (i, (t, body, _)) in parts.iter().enumerate() {
                        text +=
                            &format!("{}、{t}\n\n{}\n\n", NUMERALS[i], fill(body, agency, year));
                    }
                    if let Statistics::BeforeSignOff = statistics {
                        text += &format!("{STATISTICS}\n\n");
                    }
                    text += &format!("\n{agency}\n{}年3月28日\n", year + 1);
                    if let Statistics::AfterSignOff = statistics {
                        text += &format!("\n{STATISTICS}\n");
                    }
                    let mut kinds = vec![SectionKind::Preamble];
                    kinds.extend(parts.iter().filter_map(|p| p.2));
                    out.push(Built {
                        name: format!(
                            "{outline_name}-{}-{agency}-{year}-{statistics:?}",
                            if with_last { last } else { "no-last" }
                        ),
                        text,
                        agency,
                        year,
                        kinds,
                    });
                }
            }
        }
    }
    out
}

/// The same report as a web page: menus and a footer around it, each line a paragraph, the
/// statistics a table.
fn as_web_page(b: &Built) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    let mut rows: Vec<&str> = Vec::new();
    let flush = |rows: &mut Vec<&str>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        body.push_str("<table border=\"1\">");
        for r in rows.drain(..) {
            body.push_str("<tr>");
            for c in r.split('\t') {
                body.push_str(&format!("<td>{}</td>", esc(c)));
            }
            body.push_str("</tr>");
        }
        body.push_str("</table>\n");
    };
    let mut lines = b.text.lines();
    let title = lines.next().unwrap_or_default();
    for l in lines {
        if l.contains('\t') {
            rows.push(l);
            continue;
        }
        flush(&mut rows, &mut body);
        if !l.trim().is_empty() {
            body.push_str(&format!("<p>{}</p>\n", esc(l)));
        }
    }
    flush(&mut rows, &mut body);
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}_门户网站</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a> | <a href=\"/xxgk\">信息公开</a></div>\
         <div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a>信息公开年报</a></div>\
         <div class=\"article\"><h1>{t}</h1>\n{body}</div>\
         <div class=\"footer\">主办单位：某某人民政府办公室 版权所有 备案号：闽ICP备12345678号</div></body></html>",
        t = esc(title)
    )
}

/// The same report crawled into one line after its title, the statistics table's cells
/// included, space-separated.
fn as_one_line(b: &Built) -> String {
    let mut lines = b.text.lines();
    let title = lines.next().unwrap_or_default();
    let body: Vec<String> = lines
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>().join(" "))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    format!("{title}\n{}\n", body.join(" "))
}

/// The same report with its parts (and the statistics' rows) numbered `1、` or `第一部分 `.
fn renumbered(b: &Built, arabic: bool) -> String {
    b.text
        .lines()
        .map(|l| {
            let n = NUMERALS
                .iter()
                .position(|n| l.starts_with(&format!("{n}、")));
            match n {
                Some(i) if arabic => {
                    format!("{}、{}", i + 1, &l[NUMERALS[i].len() + '、'.len_utf8()..])
                }
                Some(i) => format!(
                    "第{}部分 {}",
                    NUMERALS[i],
                    &l[NUMERALS[i].len() + '、'.len_utf8()..]
                ),
                None => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same report with no year in its title or preamble, its overview opening by recalling
/// when the regulation took effect: the year is the one its overview reports on.
fn year_only_in_the_overview(b: &Built) -> String {
    let y = b.year.to_string();
    let mut lines: Vec<String> = b.text.lines().map(str::to_string).collect();
    lines[0] = lines[0]
        .replace(&format!("{y}年度"), "")
        .replace(&format!("{y}年"), "");
    lines[2] = format!(
        "本报告根据《中华人民共和国政府信息公开条例》要求，由{}编制。",
        b.agency
    );
    let overview = lines
        .iter()
        .position(|l| l.ends_with("概述") || l.ends_with("总体情况"));
    if let Some(i) = overview {
        lines[i + 2] = format!(
            "自2008年5月1日《中华人民共和国政府信息公开条例》正式施行以来，我单位高度重视政府信息公开工作。{}",
            lines[i + 2]
        );
    }
    lines.join("\n")
}

/// What is wrong with the report read from `b` (empty when nothing is).
fn faults(b: &Built, r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if r.agency.as_deref() != Some(b.agency) {
        out.push(format!("agency {:?}", r.agency));
    }
    if r.year != Some(b.year) {
        out.push(format!("year {:?}", r.year));
    }
    if r.published.as_deref() != Some(format!("{}-03-28", b.year + 1).as_str()) {
        out.push(format!("published {:?}", r.published));
    }
    if r.region.province.is_none() {
        out.push("no province".into());
    }
    if r.template.is_some()
        || r.tables.disclosure.is_some()
        || r.tables.requests.is_some()
        || r.tables.review_litigation.is_some()
    {
        out.push("a table or template read from the old statistics".into());
    }
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    if kinds != b.kinds {
        out.push(format!("sections {kinds:?}, not {:?}", b.kinds));
    }
    let problems = [
        "部分单位对政府信息公开工作重视程度不够",
        "信息公开的及时性有待提高",
        "依申请公开答复的规范性有待加强",
    ];
    let improvements = ["加强组织领导", "强化督促检查", "加强业务培训"];
    if r.problems.problems != problems || r.problems.improvements != improvements {
        out.push(format!("problems {:?}", r.problems));
    }
    for s in &r.sections {
        let signed = s.text.lines().any(|l| l.trim() == b.agency);
        if signed || s.text.contains("统计指标") || s.text.contains("维持具体行政行为数")
        {
            out.push(format!("{:?} runs on past the report's text", s.kind));
        }
    }
    out
}

fn check_all(as_file: impl Fn(&Built) -> (String, Vec<u8>)) {
    let mut failed = Vec::new();
    let all = reports();
    for b in &all {
        let (name, bytes) = as_file(b);
        let r = gongkai::report_from_bytes(&name, &bytes).expect("a report");
        let f = faults(b, &r);
        if !f.is_empty() {
            failed.push(format!("{}: {}", b.name, f.join("; ")));
        }
    }
    assert_eq!(all.len(), 54);
    assert!(
        failed.is_empty(),
        "{} of {} reports:\n{}",
        failed.len(),
        all.len(),
        failed.join("\n")
    );
}

#[test]
fn pre2019_reports_as_text() {
    check_all(|b| (format!("{}.txt", b.name), b.text.clone().into_bytes()));
}

#[test]
fn pre2019_reports_as_web_pages() {
    check_all(|b| (format!("{}.html", b.name), as_web_page(b).into_bytes()));
}

#[test]
fn pre2019_reports_crawled_into_one_line() {
    check_all(|b| (format!("{}.txt", b.name), as_one_line(b).into_bytes()));
}

#[test]
fn pre2019_reports_numbered_in_arabic_digits() {
    check_all(|b| (format!("{}.txt", b.name), renumbered(b, true).into_bytes()));
}

#[test]
fn pre2019_reports_numbered_by_part() {
    check_all(|b| (format!("{}.txt", b.name), renumbered(b, false).into_bytes()));
}

#[test]
fn pre2019_reports_dated_only_in_their_overview() {
    check_all(|b| {
        let text = year_only_in_the_overview(b);
        assert!(!text.lines().next().unwrap().contains(&b.year.to_string()));
        (format!("{}.txt", b.name), text.into_bytes())
    });
}
