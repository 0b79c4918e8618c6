//! The report's title said in its preface after the verb that publishes it: reports crawled
//! without their title line name themselves only there ("现公布钢花村街道办事处2022年政府信息公开
//! 工作年度报告", "现将临沧市气象局2020年政府信息公开工作年度报告向社会公布", "特编制高科技电子产业园
//! 2018年度政府信息公开工作年度报告", "现向社会公开《渭南市工业和信息化局2022年…》").
//! Read only when the title does not give the agency or the year.

/// Verbs that publish the report, followed at once by its title.
pub(crate) const VERBS: &[&str] = &[
    "现将",
    "现公布",
    "现予公布",
    "现公开",
    "现发布",
    "现向社会公布",
    "现向社会公开",
    "特向社会公布",
    "特向社会公开",
    "特编制",
    "梳理编制",
];

/// What ends a report's name in the sentence.
const REPORT_ENDS: &[&str] = &["年度报告", "年报", "报告"];

/// The agency (as the sentence names it, `None` for none or for a name that places nothing and
/// opens with a bare level, `区统计局`) and the year of the first report title published so in
/// `prose` (a preamble's or an overview's text; its first 1,500 bytes are read).
pub fn named_report(prose: &str) -> Option<(Option<String>, Option<i32>)> {
    let mut end = prose.len().min(1500);
    while !prose.is_char_boundary(end) {
        end -= 1;
    }
    let prose = &prose[..end];
    if !prose.contains("报告") {
        return None;
    }
    // The first title that names its agency; else the first one's year ("市科委编制了2024年度…",
    // a short name, then "现公布上海市科学技术委员会2024年…").
    let mut first = None;
    for sentence in prose.split(['。', '；', '\n']) {
        let found = VERBS
            .iter()
            .filter_map(|verb| {
                let p = sentence.find(verb)?;
                title_after_verb(&sentence[p + verb.len()..])
            })
            .chain(compiler_then_title(sentence));
        for f in found {
            if f.0.is_some() {
                return Some(f);
            }
            first = first.or(Some(f));
        }
    }
    first
}

/// "结合工作实际，盐田区水务局编制了2024年度政府信息公开工作年度报告": the agency as the subject
/// of 编制 (after a comma or at the sentence's start), the report's title without it after.
fn compiler_then_title(sentence: &str) -> Option<(Option<String>, Option<i32>)> {
    let (p, verb) = ["编制了", "编制"]
        .iter()
        .find_map(|v| sentence.find(v).map(|p| (p, *v)))?;
    let rest = &sentence[p + verb.len()..];
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let name_start = sentence[..p].rfind(['，', ',']).map_or(0, |i| {
        i + sentence[i..].chars().next().map_or(1, char::len_utf8)
    });
    let name = sentence[name_start..p].trim();
    if !super::meta::plausible_agency(name) {
        return None;
    }
    title_after_verb(&format!("{name}{rest}"))
}

fn title_after_verb(rest: &str) -> Option<(Option<String>, Option<i32>)> {
    let rest = rest.trim_start().trim_start_matches(['《', '“', '"']);
    let e = REPORT_ENDS
        .iter()
        .filter_map(|w| rest.find(w).map(|p| p + w.len()))
        .min()?;
    // "国家税务总局佛山市税务局(以下简称“佛山市税务局”,下文类同)2021年…": the aside is no part
    // of the title.
    let head = without_aside(&rest[..e]);
    if head.chars().count() > 60
        || head.contains(['《', '》', '，', ',', '、', '“', '”', '"'])
        || head.contains("关于")
        || !super::meta::REPORT_SUBJECTS
            .iter()
            .any(|s| head.contains(s))
    {
        return None;
    }
    let (agency, year) = super::meta::agency_and_year_of_title(&head);
    year?;
    // The name right after the verb, or after the year ("特向社会公布2020年某局…").
    let after_year = |a: &str| {
        head.find(a).is_some_and(|p| {
            let year = &head[..p];
            year.ends_with(['年', '度'])
                && year
                    .chars()
                    .all(|c| c.is_ascii_digit() || "年度〇○零一二三四五六七八九".contains(c))
        })
    };
    let agency = agency.filter(|a| {
        (head.starts_with(a.as_str()) || after_year(a))
            && (!a.starts_with(['区', '县', '市', '省']) || super::region::locate(a, "").is_some())
    });
    Some((agency, year))
}

/// `s` without a bracketed aside that opens 以下简称.
fn without_aside(s: &str) -> String {
    let mut out = s.to_string();
    for (open, close) in [('(', ')'), ('（', '）')] {
        let Some(a) = out.find(open) else { continue };
        if !out[a + open.len_utf8()..].starts_with("以下简称") {
            continue;
        }
        if let Some(b) = out[a..].find(close) {
            out.replace_range(a..a + b + close.len_utf8(), "");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::named_report;

    fn named(s: &str) -> (Option<String>, Option<i32>) {
        named_report(s).unwrap_or_default()
    }

    #[test]
    fn titles_after_their_publishing_verb() {
        assert_eq!(
            named("根据《条例》规定,现公开钢花村街道办事处2022年政府信息公开工作年度报告。本年度…"),
            (Some("钢花村街道办事处".into()), Some(2022))
        );
        assert_eq!(
            named("现将临沧市气象局2020年政府信息公开工作年度报告向社会公布。"),
            (Some("临沧市气象局".into()), Some(2020))
        );
        assert_eq!(
            named("…(国办公开办函〔2021〕30号),特向社会公布国家税务总局佛山市税务局(以下简称“佛山市税务局”,下文类同)2021年政府信息公开工作年度报告。"),
            (Some("国家税务总局佛山市税务局".into()), Some(2021))
        );
        assert_eq!(
            named("结合我局2020年信息公开工作情况,现向社会公布2020年度嵊泗县发展和改革局信息公开年度报告。"),
            (Some("嵊泗县发展和改革局".into()), Some(2020))
        );
        assert_eq!(
            named("的要求,现向社会公开《渭南市工业和信息化局2022年政府信息公开工作年度报告》。"),
            (Some("渭南市工业和信息化局".into()), Some(2022))
        );
    }

    #[test]
    fn the_agency_that_compiled_the_title() {
        assert_eq!(
            named("根据…要求,结合工作实际,盐田区水务局编制了2024年度政府信息公开工作年度报告,主要包括总体情况等6个部分。"),
            (Some("盐田区水务局".into()), Some(2024))
        );
        // (A notice's title is no report's.)
        assert_eq!(
            named_report("根据市政府办公室《关于做好2022年政府信息公开工作年度报告编制发布工作的通知》要求,编制本报告。"),
            None
        );
    }

    #[test]
    fn a_bare_level_names_no_agency_but_the_year_is_read() {
        assert_eq!(
            named("现公布区统计局2023年政府信息公开工作年度报告。"),
            (None, Some(2023))
        );
        assert_eq!(
            named("特编制高科技电子产业园2018年度政府信息公开工作年度报告,并向社会公布。"),
            (None, Some(2018))
        );
    }

    #[test]
    fn cited_notices_are_no_title() {
        assert_eq!(
            named_report("根据县政府办公室《关于做好2018年度政府信息公开年度报告编制发布工作的通知》要求,编制本报告。"),
            None
        );
        assert_eq!(named_report("现将有关情况报告如下:"), None);
    }
}
