//! Metadata: the reporting agency (title, parentheses after the title, preamble or sign-off;
//! never a page's exit-link dialog), the statistical year, the publication date and the region.

use super::chrome;
use super::region;
use super::sections::Outline;
use super::text::lines_with_offsets;
use crate::model::{Region, SectionKind};
use regex::Regex;
use std::sync::OnceLock;

/// Abbreviations reports use for agency names, expanded to the full name (suffix → full suffix).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("科委", "科学技术委员会"),
    ("发改委", "发展和改革委员会"),
    ("卫健委", "卫生健康委员会"),
    ("经信委", "经济和信息化委员会"),
    ("教委", "教育委员会"),
    ("商务委", "商务委员会"),
    ("民宗委", "民族宗教事务委员会"),
    ("医保局", "医疗保障局"),
    ("人社局", "人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("市监局", "市场监督管理局"),
    ("文旅局", "文化和旅游局"),
    ("应急局", "应急管理局"),
    ("退役军人局", "退役军人事务局"),
];

/// Endings of an agency name.
const AGENCY_SUFFIXES: &[&str] = &[
    "局",
    "委员会",
    "委",
    "办公室",
    "办公厅",
    "办",
    "厅",
    "人民政府",
    "政府",
    "院",
    "会",
    "中心",
    "署",
    "部",
    "所",
    "馆",
    "区",
    "县",
    "市",
    "镇",
    "乡",
    // Inner Mongolia's townships (`正蓝旗扎格斯台苏木`), as 乡 elsewhere.
    "苏木",
    "街道办事处",
    // A sub-district often names itself without 办事处 (`仓前街道`).
    "街道",
    // Inner Mongolia's counties (`鄂托克旗`) and its three leagues, and autonomous prefectures
    // (`凉山彝族自治州`). Not 州 or 盟 alone: a portal's name over the title (`中国扬州`) or a
    // union (`联盟`) is no agency.
    "旗",
    "锡林郭勒盟",
    "阿拉善盟",
    "兴安盟",
    "自治州",
    // Supply and marketing cooperatives (`供销合作社联合社`, `供销合作总社`); not any 社 (a
    // newspaper's or a news agency's name).
    "合作社",
    "联合社",
    "合作总社",
    "管委会",
    "实验区",
    "集团",
    "公司",
    "站",
    "队",
    "处",
    "室",
    "海关",
    "兵团",
    "银行",
    "分行",
    "支行",
    "监狱",
];

pub struct Meta {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub published: Option<String>,
    pub region: Region,
    pub warnings: Vec<String>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).unwrap())
}

/// Titles given to the report outside its text, read for its metadata last (only for what the
/// text never says): the file's name and a PDF's document information.
pub struct NamedOutside<'a> {
    /// The file's path (its name, `某局2023年政府信息公开工作年度报告.pdf`: `file_title`).
    pub path: &'a str,
    /// A PDF's `/Title`, normalised.
    pub info_title: Option<&'a str>,
}

/// `page_labels`: the page chrome blanked out of lines shared with the report ("来源：…
/// 时间：2021-01-20"), read for the publication date only.
pub fn metadata(
    text: &str,
    outline: &Outline,
    page_labels: &[&str],
    head_title: Option<&str>,
    named: &NamedOutside,
) -> Meta {
    let mut warnings = Vec::new();
    let lines = lines_with_offsets(text);
    let title_text: Option<String> = outline
        .title
        .clone()
        .map(|r| match year_put_back(&text[r.clone()]) {
            Some(whole) => whole,
            None => compact_ws(&text[r]),
        })
        .or_else(|| {
            // A crawler header's 标题: line (among the first lines, or anywhere above the
            // crawler's 正文 mark: a site's menu may come first, a line an item).
            let header = |i: usize, o: usize| i < 12 || (i < 80 && o < outline.content_start);
            let mut header_lines = lines
                .iter()
                .enumerate()
                .take_while(|(i, (o, _))| header(*i, *o));
            header_lines.find_map(|(_, (_, l))| {
                let t = l.trim();
                let n = super::title::title_label_len(t);
                (n > 0).then(|| compact_ws(super::title::label_cell(&t[n..])))
            })
        })
        .or_else(|| {
            // Or the title alone in a crawler's header, above its 正文 mark (the outline
            // reads from the mark on).
            lines
                .iter()
                .take(80)
                .take_while(|(o, _)| *o < outline.content_start)
                .map(|(_, l)| compact_ws(l.trim()))
                .find(|t| {
                    super::title::reads_as_report_title(&super::text::without_whitespace(t))
                        && t.chars().filter(|c| c.is_ascii_digit()).count() >= 4
                        && t.chars().count() <= 80
                })
        });

    let (mut agency, mut year) = title_text
        .as_deref()
        .map(agency_and_year_of_title)
        .unwrap_or_default();
    // A web page that prints its report's title only in its <title> ("…年度报告_某市人民政府").
    if agency.is_none() || year.is_none() {
        if let Some(h) = head_title.and_then(report_title_of_head) {
            let (a, y) = agency_and_year_of_title(h);
            agency = agency.or(a);
            year = year.or(y);
        }
    }
    // A title whose line a hard wrap starts inside the agency's name ("…年报 宁海县人" /
    // "民政府2012年…"): the name whole, as the text prints it elsewhere, or none at all.
    if let (Some(a), Some(r)) = (&agency, &outline.title) {
        if let Some(whole) = name_cut_by_wrap(text, r.start, a, outline.fill) {
            agency = whole;
        }
    }
    let signed = sign_off_agency(&lines, &outline.chrome);
    // A title that names its agency short ("市医保局", or the end of a name wrapped onto the
    // title's line) and a sign-off that names it in full: the sign-off's name, which places it.
    if let (Some(a), Some(full)) = (&agency, &signed) {
        if a != full
            && is_subsequence(a, full)
            && region::locate(a, "").is_none()
            && region::locate(full, "").is_some()
        {
            agency = Some(full.clone());
        }
    }
    // A title that names a township without its county ("2008年张义镇人民政府信息公开…") and
    // a byline under it that names it in full ("信息来源：凉州区张义镇人民政府"): the byline's.
    if let Some(a) = agency
        .as_deref()
        .filter(|a| region::locate(a, "").is_none())
    {
        if let Some(full) = opening_agency(text, outline)
            .filter(|f| f.len() > a.len() && f.ends_with(a) && region::locate(f, "").is_some())
        {
            agency = Some(full);
        }
    }
    if agency.is_none() {
        agency = signed;
    }
    let glued = glued_sign_off(text);
    if agency.is_none() {
        agency = glued.as_ref().map(|g| g.0.clone());
    }
    if agency.is_none() {
        agency = undated_sign_off(&lines, &outline.chrome);
    }
    if agency.is_none() {
        agency = opening_agency(text, outline);
    }
    // The title said in the preface after the verb publishing it ("现公布某局2023年…年度报告").
    let preface_named = if agency.is_none() || year.is_none() {
        [SectionKind::Preamble, SectionKind::Overview]
            .iter()
            .find_map(|&k| super::preface_title::named_report(&section_text(text, outline, k)))
    } else {
        None
    };
    if agency.is_none() {
        agency = preface_named.as_ref().and_then(|n| n.0.clone());
    }
    if agency.is_none() {
        static BY_RE: OnceLock<Regex> = OnceLock::new();
        // (Also with the rules it followed between: "本年度报告由某办公室根据《…》…编制".)
        let by = re(
            &BY_RE,
            r"由([\p{Han}（）()]{3,30}?)(?:编制|制作|负责编制|组织编制|(?:根据|依据|按照)[^。；\n]{0,300}?编制)",
        );
        let pre = section_text(text, outline, SectionKind::Preamble);
        // "由某乡人民政府党政办公室编制", "由某区人民政府办公室根据《…》编制": the government's
        // internal office compiled its report (a report of the office's own names it in its
        // title). After the title the preface names, which is the report's own.
        agency = by
            .captures(&pre)
            .map(|c| {
                let a = &c[1];
                ["党政综合办公室", "党政办公室", "党政办", "办公室"]
                    .iter()
                    .find_map(|o| a.strip_suffix(o))
                    .filter(|g| g.ends_with("人民政府") || g.ends_with("街道办事处"))
                    .unwrap_or(a)
                    .to_string()
            })
            .filter(|a| plausible_agency(a));
    }
    // Last, the title the file was saved under, then a PDF's own: what the text never says.
    let (file_agency, file_year) = if agency.is_none() || year.is_none() {
        let file = super::file_title::of(named.path);
        let of = |t: Option<&str>| {
            t.and_then(report_title_of_head)
                .map(agency_and_year_of_title)
                .unwrap_or_default()
        };
        let (a, y) = of(file.as_deref());
        let (ia, iy) = of(named.info_title);
        (
            a.filter(|a| plausible_agency(a))
                .or(ia.filter(|a| plausible_agency(a))),
            y.or(iy),
        )
    } else {
        (None, None)
    };
    if agency.is_none() {
        agency = file_agency;
    }
    // "广州海关关区2023年…": the customs district's report is its customs office's.
    let agency = agency.map(|a| match a.strip_suffix("关区") {
        Some(office) if office.ends_with("海关") => expand_abbreviation(office),
        _ => expand_abbreviation(&a),
    });
    if agency.is_none() {
        warnings.push("agency: no agency name found in the title, preamble or sign-off".into());
    }

    if year.is_none() {
        // The statistics' period: from 1 January, or (2008's reports, the regulation in force
        // from 1 May) from a date up to 31 December. (Only a period's end: a note's
        // `数据截至2023年12月31日`, with no start, is no report's year.)
        static PERIOD_RE: OnceLock<Regex> = OnceLock::new();
        let period = re(
            &PERIOD_RE,
            r"((?:19|20)\d{2})年1月1日|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[^。\n]{0,24}?[^截]至((?:19|20)\d{2})年12月31日",
        );
        year = period
            .captures(text)
            .and_then(|c| c.get(1).or(c.get(2))?.as_str().parse().ok());
    }
    if year.is_none() {
        year = preface_named.and_then(|n| n.1);
    }
    if year.is_none() {
        let ov = section_text(text, outline, SectionKind::Overview);
        year = overview_year(&ov);
    }
    if year.is_none() {
        year = file_year;
    }
    if year.is_none() {
        warnings.push("year: no statistical year found".into());
    }

    let published = published_date(&without_mail_headers(&lines), outline.content_start, year)
        .or_else(|| labelled_date(page_labels, year))
        .or_else(|| {
            glued.map(|g| g.1).filter(|d| {
                let y: i32 = d[..4].parse().unwrap_or(0);
                year.is_none_or(|sy| y >= sy && y <= sy + 2)
            })
        });

    // The first 3,000 characters, borrowed (collecting them char by char was 1% of a build).
    let context = &text[..text.char_indices().nth(3000).map_or(text.len(), |(i, _)| i)];
    let region = agency
        .as_deref()
        .and_then(|a| region::locate(a, context))
        .unwrap_or_default();
    if agency.is_some() && region.province.is_none() {
        warnings.push(format!(
            "region: no administrative division found in '{}'",
            agency.as_deref().unwrap_or("")
        ));
    }
    Meta {
        agency,
        year,
        published,
        region,
        warnings,
    }
}

/// What a report's title names as its subject, longest first.
pub(crate) const REPORT_SUBJECTS: &[&str] = &["政府信息公开", "政务公开", "信息公开"];

/// The agency and the year a report's title names: "某局2023年度政府信息公开工作年度报告",
/// "2023年某局政府信息公开…", "《…》", "关于…的报告", "某局关于2023年度…的报告", or the agency
/// in parentheses after the title.
/// The byte length of a page number that opens `s` (`-1-`, `— 3 —`), white space inside.
fn page_number_prefix(s: &str) -> Option<usize> {
    let dashes = ['-', '—', '–'];
    let rest = s.strip_prefix(dashes)?.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = rest[digits..].trim_start().strip_prefix(dashes)?;
    Some(s.len() - after.len())
}

pub(crate) fn agency_and_year_of_title(t: &str) -> (Option<String>, Option<i32>) {
    let year_re = year_re();
    // A year printed bare, without 年 ("…年度报告(2023)", "…年度报告 2023", "2023 某局…"): read
    // as the title that prints it with 年.
    if !year_re.is_match(t) {
        if let Some(with) = bare_year_with_nian(t) {
            return agency_and_year_of_title(&with);
        }
    }
    let mut agency = None;
    let mut year = None;
    {
        // "《…年度报告》", "关于…的报告": the marks around a title are not the agency's.
        // Heading marks: markdown's #, AsciiDoc's =, org's *.
        let t = t.trim_start_matches(['#', '=', '*']).trim();
        let t = t
            .trim_start_matches(['《', '“', '"', '【', '[', '「', '『', '〈', '〔'])
            .trim_start();
        let t = t.strip_prefix("关于").unwrap_or(t);
        // "关于《某局2023年…年度报告》的通知".
        let t = t.trim_start_matches(['《', '“', '"']).trim_start();
        if let Some(m) = year_re.captures(t) {
            year = year_number(&m[1]);
            let whole = m.get(0).unwrap();
            let before = t[..whole.start()].trim();
            // "某局关于2023年度政府信息公开工作情况的报告".
            let before = before.strip_suffix("关于").unwrap_or(before).trim();
            // "【某局】2024年…": the closing mark of the agency's brackets.
            let before = before
                .trim_end_matches(['】', ']', '》', '”', '"', '」', '』', '〉', '〕'])
                .trim();
            // What a page prints before the title is no part of the name: a column's or a
            // repost's label ("【年度报告】某局…", "转载：某局…"), a notice publishing it
            // ("关于印发《某局…》的通知").
            let before = before
                .rsplit([
                    '《', '【', '[', '「', '『', '：', ':', '》', '】', ']', '」', '』',
                ])
                .next()
                .unwrap_or(before)
                .trim();
            let before = ["印发", "转发", "公布", "发布"]
                .iter()
                .find_map(|w| before.strip_prefix(w))
                .unwrap_or(before);
            // A site's menu glued onto the title (`首页政务公开某市某局2024年…`, a page's
            // strings joined with nothing between them): the name is what follows it, when
            // that is an agency of a place.
            let menu = chrome::glued_menu_prefix(before);
            let before = match before[menu..]
                .trim_start_matches(['#', '=', '*'])
                .trim_start()
            {
                rest if menu > 0
                    && plausible_agency(rest)
                    && region::locate(rest, "").is_some() =>
                {
                    rest
                }
                _ => before,
            };
            // A page's number joined before the title (`- 1 - 某局2024年…`, a PDF's text
            // joined into one line) is no part of the name either.
            let before = page_number_prefix(before)
                .map(|n| before[n..].trim_start())
                .filter(|rest| plausible_agency(rest))
                .unwrap_or(before);
            // "某局政府信息公开工作年度报告(2024年度)": the year in parentheses after the whole
            // title, whose name of the report is not the agency's.
            let before = before
                .strip_suffix(['(', '（'])
                .map(str::trim_end)
                .and_then(|b| {
                    ["年度报告", "工作报告", "报告", "年报"]
                        .iter()
                        .find_map(|w| b.strip_suffix(w))
                })
                .map(|b| b.strip_suffix("年度").unwrap_or(b))
                .unwrap_or(before);
            // "某局政府信息公开工作2024年度报告": the subject before the year is not the agency's.
            let subject = before.strip_suffix("工作").unwrap_or(before);
            let before = REPORT_SUBJECTS
                .iter()
                .find_map(|w| subject.strip_suffix(w))
                .unwrap_or(before)
                .trim();
            // "洪山区人民政府信息公开工作年度报告": one 政府 is the name's and the subject's.
            let before = shared_government(before, subject.strip_suffix("信息公开"));
            let after_end = REPORT_SUBJECTS
                .iter()
                .filter_map(|w| t[whole.end()..].find(w))
                .min()
                .map(|p| whole.end() + p);
            let between = after_end.map_or("", |e| {
                let b = t[whole.end()..e].trim();
                shared_government(b, t.get(whole.end()..e + "政府".len()).map(str::trim))
            });
            // "某局(某中心)2024年…": an agency with a second name it also bears (牌子) is named
            // by the first.
            let first_name = before
                .strip_suffix(')')
                .and_then(|b| b.rfind('(').map(|i| b[..i].trim()))
                .filter(|n| plausible_agency(n));
            if plausible_agency(before) {
                agency = Some(before.to_string());
            } else if let Some(name) = first_name {
                agency = Some(name.to_string());
            } else if plausible_agency(between) {
                agency = Some(between.to_string());
            }
        }
        if agency.is_none() {
            // "2023年政府信息公开工作年度报告(上海市崇明区医疗保障局)".
            if let (Some(a), Some(b)) = (t.rfind('('), t.rfind(')')) {
                let inner = if b > a { t[a + 1..b].trim() } else { "" };
                if plausible_agency(inner) {
                    agency = Some(inner.to_string());
                }
            }
        }
        if agency.is_none() {
            // "2024年政府信息公开工作年度报告" with the agency on the line under it.
            let after = ["报告", "年报"]
                .iter()
                .filter_map(|w| t.rfind(w).map(|p| &t[p + w.len()..]))
                .min_by_key(|a| a.len());
            agency = after.filter(|a| plausible_agency(a)).map(str::to_string);
        }
    }
    (agency, year)
}

/// When the title's line follows a line a hard wrap filled (`outline.fill`) and ends on Han
/// characters, the wrap may have cut the agency's name the title opens with: the name is that
/// line's last characters and `agency`, the longest such that the text prints it elsewhere
/// (`Some(Some(name))`), or, printed nowhere, no name (`Some(None)`: a wrong agency is worse
/// than none). `None` when the title's line starts a line of its own.
fn name_cut_by_wrap(
    text: &str,
    title_start: usize,
    agency: &str,
    fill: Option<usize>,
) -> Option<Option<String>> {
    let before = text[..title_start].strip_suffix('\n')?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prev = &before[line_start..];
    // (A name that places itself, "遂宁市船山区医疗保障局", is whole: the line before may be
    // the title printed once more, or any filled line.)
    if !super::sections::fills(prev, fill)
        || !text[title_start..].trim_start().starts_with(agency)
        || region::locate(agency, "").is_some()
    {
        return None;
    }
    // The Han characters that end the line before (at most a long name's).
    let run: Vec<(usize, char)> = prev
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::ingest::normalize::is_han(c))
        .take(20)
        .collect();
    if run.is_empty() {
        return None;
    }
    for &(i, _) in run.iter().rev() {
        let whole = format!("{}{agency}", &prev[i..]);
        if text[..line_start].contains(&whole) || text[title_start..].contains(&whole) {
            return Some(Some(whole));
        }
    }
    Some(None)
}

/// `name` read before a report's subject that starts with 政府 (`某县人民` + `政府信息公开`):
/// the name with that 政府 (`with_it`, when it is `某县人民政府`), else `name`.
fn shared_government<'a>(name: &'a str, with_it: Option<&'a str>) -> &'a str {
    match with_it {
        Some(w) if name.ends_with("人民") && w.ends_with("人民政府") => w,
        _ => name,
    }
}

/// A `<title>` that is a report's title, without the site's name after it ("…年度报告_某市人民
/// 政府门户网站", "… - 某局"); `None` for a site's own name or another page's.
fn report_title_of_head(h: &str) -> Option<&str> {
    let t = h
        .split(['_', '|', '丨'])
        .chain(h.split(" - "))
        .map(str::trim)
        .find(|p| (p.contains("信息公开") || p.contains("政务公开")) && p.contains("报告"))?;
    Some(t)
}

/// Whether the characters of `short` appear in `long` in order ("市医保局" in "广州市医疗保障局").
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

/// A year in a title: "2023年", "2023年度", "二〇二三年".
/// A title whose year is printed bare, at its end (in brackets, after a space or a dash) or at
/// its start (a space, a dash or nothing after it), with 年 after the year: "某局…年度报告(2023)"
/// → "某局…年度报告(2023年)", "2023 某局…" → "2023年某局…".
/// A title whose year a PDF extraction set apart (printed in another font, it came out on a
/// line of its own), with the year back in the gap it left before 年: "某局 年政府信息公开工作
/// 年度报 2024 告" → "某局2024年政府信息公开工作年度报告".
fn year_put_back(t: &str) -> Option<String> {
    static APART_RE: OnceLock<Regex> = OnceLock::new();
    let apart = re(
        &APART_RE,
        r"^(\S*\p{Han}[^\d\s]*)\s+(年[^\d]*?\p{Han})\s+((?:19|20)\d{2})(?:\s+(\p{Han}[^\d\s]*))?\s*$",
    );
    let c = apart.captures(t)?;
    let tail = c.get(4).map_or("", |m| m.as_str());
    let whole = format!("{}{}{}{}", &c[1], &c[3], &c[2], tail);
    let subject = REPORT_SUBJECTS.iter().any(|s| whole.contains(s));
    (subject && super::title::reads_as_report_title(&whole)).then_some(whole)
}

fn bare_year_with_nian(t: &str) -> Option<String> {
    static END_RE: OnceLock<Regex> = OnceLock::new();
    static START_RE: OnceLock<Regex> = OnceLock::new();
    let end = re(
        &END_RE,
        r"^(.*?(?:报告|年报))\s*[（(\[【]?\s*[-—－_]?\s*((?:19|20)\d{2})\s*[）)\]】]?\s*$",
    );
    let start = re(
        &START_RE,
        r"^[（(\[【]?((?:19|20)\d{2})[）)\]】]?(?:\s+|\s*[-—－_:：]\s*|)([\p{Han}--[号年月日届期次条款项批]].*(?:报告|年报).*)$",
    );
    if let Some(c) = end.captures(t) {
        return Some(format!("{}({}年)", &c[1], &c[2]));
    }
    // "耿马自治县2021政府信息公开工作年度报告": between the name and the report's subject.
    static MIDDLE_RE: OnceLock<Regex> = OnceLock::new();
    let middle = re(
        &MIDDLE_RE,
        r"^(.*\p{Han})\s*((?:19|20)\d{2})\s*((?:政府信息公开|政务公开|信息公开).*(?:报告|年报).*)$",
    );
    if let Some(c) = middle.captures(t) {
        return Some(format!("{}{}年{}", &c[1], &c[2], &c[3]));
    }
    start.captures(t).map(|c| format!("{}年{}", &c[1], &c[2]))
}

fn year_re() -> &'static Regex {
    static YEAR_RE: OnceLock<Regex> = OnceLock::new();
    re(
        &YEAR_RE,
        r"((?:19|20)\d{2}|[二两][〇○零][〇○零一二三四五六七八九]{2})年度?",
    )
}

/// The year the overview's text reports on: its first year that is not part of a date
/// ("自2008年5月1日《条例》施行以来，… 2011年，我局…" is 2011's report, not 2008's: older
/// reports open by recalling when the regulation took effect).
fn overview_year(ov: &str) -> Option<i32> {
    year_re()
        .captures_iter(ov)
        .filter(|c| {
            let after = &ov[c.get(0).map_or(0, |m| m.end())..];
            let month_follows = after
                .char_indices()
                .take(3)
                .find(|&(_, ch)| !(ch.is_ascii_digit() || super::text::written_digit(ch).is_some()))
                .is_some_and(|(i, ch)| i > 0 && ch == '月');
            !month_follows
        })
        .find_map(|c| year_number(&c[1]))
}

/// A year as a title prints it: "2023" or "二〇二三".
fn year_number(y: &str) -> Option<i32> {
    if y.bytes().all(|b| b.is_ascii_digit()) {
        return y.parse().ok();
    }
    y.chars().try_fold(0, |n, c| {
        Some(n * 10 + super::text::written_digit(c)? as i32)
    })
}

fn compact_ws(s: &str) -> String {
    let s = super::text::join_han_wraps(s);
    super::text::without_whitespace(&s)
}

pub(crate) fn plausible_agency(s: &str) -> bool {
    let n = s.chars().count();
    (3..=40).contains(&n)
        && s.chars()
            .filter(|c| crate::ingest::normalize::is_han(*c))
            .count()
            * 2
            >= n
        && AGENCY_SUFFIXES.iter().any(|suf| s.ends_with(suf))
        // A site's banner ("中共某市委员会 某市人民政府 主办"), not an agency.
        && !["主办", "承办", "协办"].iter().any(|w| s.ends_with(w))
}

fn expand_abbreviation(a: &str) -> String {
    for (short, full) in ABBREVIATIONS {
        if let Some(prefix) = a.strip_suffix(short) {
            if !prefix.ends_with(full) {
                return format!("{prefix}{full}");
            }
        }
    }
    a.to_string()
}

/// The agency on the line before the closing date ("台山市医疗保障局" / "2022年1月19日").
fn sign_off_agency(lines: &[(usize, &str)], chrome: &chrome::ChromeLines) -> Option<String> {
    // The last 16 lines of content are all that is read: found from the end.
    let mut content: Vec<&str> = lines
        .iter()
        .rev()
        .filter(|&&(off, l)| {
            let t = l.trim();
            !t.is_empty() && !chrome.at(off, l) || chrome::date_only(t).is_some()
        })
        .map(|(_, l)| l.trim())
        .take(16)
        .collect();
    content.reverse();
    let n = content.len();
    for i in (1..n).rev().take(15) {
        if chrome::date_only(content[i]).is_some() {
            let cand = content[i - 1].trim_start_matches('#').trim();
            if plausible_agency(cand) {
                return Some(cand.to_string());
            }
        }
    }
    None
}

/// A sign-off without its date: the agency alone on the report's last line of content (read
/// only when nothing else names the agency).
fn undated_sign_off(lines: &[(usize, &str)], chrome: &chrome::ChromeLines) -> Option<String> {
    let last = lines
        .iter()
        .rev()
        .find(|&&(off, l)| !l.trim().is_empty() && !chrome.at(off, l))?;
    let cand = last.1.trim().trim_start_matches('#').trim();
    plausible_agency(cand).then(|| cand.to_string())
}

/// Labels of a byline under a page's title ("来源：某局", "发布机构：某局").
const BYLINE_LABELS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "发布机构",
    "发布单位",
    "发布部门",
    "发文机关",
    "发文单位",
];

/// Words that end a report's title printed again in its first sentence.
const TITLE_ENDS: &[&str] = &["年度报告", "年报"];

/// The agency the opening of a report names when its title does not (read only when nothing
/// else names it): a byline under the title ("来源：广州市医疗保障局", "• 来源:某局"), or the
/// title said again with its agency as the first sentence's subject ("某局2020年政府信息公开
/// 工作年度报告(以下简称年报)是根据…", at a line's or sentence's start and outside 《》, so
/// that a notice's title quoted is not taken for it). Only the first 40 lines before the first
/// part are read, once per report.
fn opening_agency(text: &str, outline: &Outline) -> Option<String> {
    let start = outline.content_start.min(text.len());
    let first_part = outline
        .sections
        .iter()
        .find(|s| s.kind != SectionKind::Preamble)
        .map_or(text.len(), |s| s.start);
    let mut end = first_part.clamp(start, (start + 6000).min(text.len()));
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let bullets =
        |c: char| c.is_whitespace() || matches!(c, '•' | '·' | '-' | '*' | '|' | '>' | '#');
    for (off, line) in lines_with_offsets(&text[start..end]).into_iter().take(40) {
        if outline.chrome.at(start + off, line) && !line.contains(['：', ':']) {
            continue;
        }
        let t = line.trim_matches(bullets);
        for label in BYLINE_LABELS {
            let Some(rest) = t.strip_prefix(label) else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix(['：', ':']) else {
                continue;
            };
            let cand = rest
                .trim()
                .split(|c: char| c.is_whitespace() || c == '|')
                .next()
                .unwrap_or("");
            if plausible_agency(cand) {
                return Some(cand.to_string());
            }
        }
        for sentence in t.split(['。', '；']) {
            let Some(e) = TITLE_ENDS
                .iter()
                .filter_map(|w| sentence.find(w).map(|p| p + w.len()))
                .min()
            else {
                continue;
            };
            let head = &sentence[..e];
            // (A title after the verb publishing it, "现将某局2023年…年度报告向社会公布", is
            // `preface_title`'s: the verb is no part of the name.)
            if head.contains(['《', '》', '，', ',', '“'])
                || head.contains("关于")
                || super::preface_title::VERBS
                    .iter()
                    .any(|v| head.starts_with(v))
            {
                continue;
            }
            if let (Some(a), Some(_)) = agency_and_year_of_title(head) {
                if head.starts_with(a.as_str()) {
                    return Some(a);
                }
            }
        }
    }
    None
}

/// A sign-off run into the text of a flattened page: an agency right after a sentence end (or a
/// table's last figure: "…万元0福州市晋安区人民政府2011年3月28日", the spaces between figures and
/// words normalised away), then the date, then nothing but the end of a line
/// ("…向社会公布。台山市医疗保障局2022年1月19日"),
/// or the date in brackets ("沐阳县人民政府(2026年1月23日)"). The last such near the end of the
/// text, else the first near its start (the agency and date printed under the title).
fn glued_sign_off(text: &str) -> Option<(String, String)> {
    static SIGN_RE: OnceLock<Regex> = OnceLock::new();
    let re = re(
        &SIGN_RE,
        r"(?:^|[。！？\s)0-9])(\p{Han}{3,30})\s*(\()?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})[日号](\))?[ \t]*(?:\n|$)?",
    );
    let found = |s: &str| -> Vec<(String, String)> {
        re.captures_iter(s)
            .filter(|c| {
                // Bracketed, or at the end of its line.
                let closed = c.get(2).is_some() == c.get(6).is_some();
                // (Or before the statistics attached after the sign-off: "…2015年3月28日 附表：…".)
                let at_eol = c.get(0).is_some_and(|m| {
                    let rest = &s[m.end()..];
                    m.as_str().ends_with('\n')
                        || rest.is_empty()
                        || ["附表", "附件"]
                            .iter()
                            .any(|w| rest.trim_start().starts_with(w))
                });
                closed && (c.get(2).is_some() || at_eol)
            })
            .filter(|c| plausible_agency(&c[1]))
            .filter_map(|c| {
                let (m, d): (u32, u32) = (c[4].parse().ok()?, c[5].parse().ok()?);
                ((1..=12).contains(&m) && (1..=31).contains(&d))
                    .then(|| (c[1].to_string(), format!("{}-{m:02}-{d:02}", &c[3])))
            })
            .collect()
    };
    let cut = |n: usize, from_end: bool| -> &str {
        if text.len() <= n {
            return text;
        }
        let mut i = if from_end { text.len() - n } else { n };
        while !text.is_char_boundary(i) {
            i += 1;
        }
        if from_end {
            &text[i..]
        } else {
            &text[..i]
        }
    };
    found(cut(3000, true))
        .pop()
        .or_else(|| found(cut(1500, false)).into_iter().next())
}

fn published_date<'a>(
    lines: &[(usize, &'a str)],
    content_start: usize,
    year: Option<i32>,
) -> Option<String> {
    let ok = |d: &str| -> bool {
        let y: i32 = d[..4].parse().unwrap_or(0);
        year.is_none_or(|sy| y >= sy && y <= sy + 2)
    };
    // 1. Labelled: "发布时间: 2020-01-20 15:22", "发布日期：2020-01-31"; or the label alone
    // with its date on the next line (a page's info table flattened one cell per line). A
    // publication label wins over 成文日期 (the day the document was signed) wherever each is.
    const LABELS: [&str; 4] = ["发布时间", "发布日期", "成文日期", "日期"];
    let mut labelled: Option<(usize, String)> = None;
    let head: Vec<&str> = lines.iter().take(41).map(|(_, l)| *l).collect();
    for (i, l) in head.iter().take(40).enumerate() {
        // Only a line that opens with a label's first character is copied without its white
        // space (most of these lines are long paragraphs).
        let opens_like_label = l
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| LABELS.iter().any(|w| w.starts_with(c)));
        if !opens_like_label {
            continue;
        }
        let t = super::text::without_whitespace(l.trim());
        for (rank, label) in LABELS.iter().enumerate() {
            let Some(rest) = t.strip_prefix(label) else {
                continue;
            };
            let rest = rest.trim_start_matches([':', '：']);
            let value = if rest.is_empty() {
                head.get(i + 1)
                    .map_or(String::new(), |n| super::text::without_whitespace(n.trim()))
            } else {
                rest.to_string()
            };
            if let Some((d, _)) = chrome::parse_date_prefix(&value) {
                if ok(&d) && labelled.as_ref().is_none_or(|(r, _)| rank < *r) {
                    labelled = Some((rank, d));
                }
            }
            break;
        }
    }
    if let Some((_, d)) = labelled {
        return Some(d);
    }
    // 2. A date alone on a line near the top (page header) or at the end (sign-off).
    // The first 12 and the last 12 non-empty lines of content (each end read from its side, not
    // every line collected).
    let content = |&&(o, l): &&(usize, &'a str)| -> Option<&'a str> {
        // (And markdown's emphasis closed after it: "**二〇二六年一月二十三日**".)
        let t = l
            .trim()
            .trim_start_matches(['•', '·', '*', '-', '#'])
            .trim_end_matches('*')
            .trim();
        // (A contents page's lines are not among them: the page header is above it.)
        (o >= content_start && !t.is_empty() && !chrome::is_contents_line(t)).then_some(t)
    };
    let head: Vec<&str> = lines.iter().filter_map(|l| content(&l)).take(12).collect();
    let mut tail: Vec<&str> = lines
        .iter()
        .rev()
        .filter_map(|l| content(&l))
        .take(12)
        .collect();
    tail.reverse();
    for l in head.iter().chain(tail.iter()) {
        if let Some(d) = chrome::date_only(l).or_else(|| byline_date(l)) {
            if ok(&d) {
                return Some(d);
            }
        }
    }
    // A sign-off as a form prints it, its date labelled (`发布单位：某局` / `发布日期：2023年1月29日`).
    for l in tail.iter().rev() {
        if let Some(d) = labelled_sign_off_date(l) {
            if ok(&d) {
                return Some(d);
            }
        }
    }
    // A page's info line that opens with the date ("2025-01-20 10:21 来源：某局").
    for l in &head {
        if let Some(d) = dated_info_line(l) {
            if ok(&d) {
                return Some(d);
            }
        }
    }
    // 3. A page's info line that holds its label after others ("来源：某局　发布时间：2025-01-20
    // 浏览次数：12"), printed once above the report (repeated on every page, it is another
    // page's or the site's).
    lines
        .iter()
        .take(40)
        .filter(|(_, l)| l.len() <= 300 && (l.contains("时间") || l.contains("日期")))
        .filter(|(_, l)| lines.iter().filter(|(_, m)| m == l).count() == 1)
        .find_map(|(_, l)| date_after_label(&super::text::without_whitespace(l.trim()), year))
}

/// Labels of a mail's header (a report forwarded or pasted from a mail client): its dates are
/// the mail's, never the report's.
const MAIL_HEADER_LABELS: &[&str] = &[
    "发件人",
    "收件人",
    "发送时间",
    "发送日期",
    "抄送",
    "主题",
    "寄件者",
    "收件者",
    "寄件日期",
    "From",
    "To",
    "Sent",
    "Date",
    "Subject",
    "Cc",
];

/// The mail header label a line opens with ("发送时间: 2023年2月1日 9:30", "Sent: …").
fn mail_header_label(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    MAIL_HEADER_LABELS.iter().copied().find(|l| {
        t.strip_prefix(l)
            .is_some_and(|r| r.trim_start().starts_with([':', '：']))
    })
}

/// The lines without a mail's header blocks: a run of lines that opens with 发件人/From (or
/// another header label) and holds two labels or more, with any 日期/时间 line inside it.
fn without_mail_headers<'a>(lines: &[(usize, &'a str)]) -> Vec<(usize, &'a str)> {
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() {
            let t = lines[j].1.trim_start();
            let date_label = ["日期", "时间"].iter().any(|l| {
                t.strip_prefix(l)
                    .is_some_and(|r| r.trim_start().starts_with([':', '：']))
            });
            if mail_header_label(t).is_none() && !(j > i && date_label) {
                break;
            }
            j += 1;
        }
        if j - i >= 2 {
            keep[i..j].iter_mut().for_each(|k| *k = false);
            i = j;
        } else {
            i += 1;
        }
    }
    lines
        .iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(*l))
        .collect()
}

/// A labelled date in page chrome that shared a line with the report: "发布时间：2021-01-20",
/// "时间：2021-01-20 15:22".
fn labelled_date(labels: &[&str], year: Option<i32>) -> Option<String> {
    for l in labels {
        if let Some(d) = date_after_label(&super::text::without_whitespace(l), year) {
            return Some(d);
        }
    }
    // A bare date in the page header ("• 2023-01-29 •").
    labels
        .iter()
        .flat_map(|l| l.split(|c: char| c.is_whitespace() || matches!(c, '•' | '·' | '|')))
        .filter_map(chrome::date_only)
        .find(|d| {
            let y: i32 = d[..4].parse().unwrap_or(0);
            year.is_none_or(|sy| y >= sy && y <= sy + 2)
        })
}

/// Labels that follow the date on a page's info line ("2025-01-20 10:21 来源：某局").
const INFO_LABELS_AFTER_DATE: &[&str] = &[
    "来源",
    "信息来源",
    "作者",
    "浏览",
    "字号",
    "字体",
    "发布机构",
    "点击",
    "阅读",
];

/// The date that opens a page's info line, before an optional time and a label of
/// [`INFO_LABELS_AFTER_DATE`].
fn dated_info_line(line: &str) -> Option<String> {
    let (date, rest) = chrome::parse_date_prefix(line.trim())?;
    // (The text's white space between a figure and a Han character is gone: "10:21来源".)
    let rest = rest.trim_start();
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let rest = if chrome::is_time(&rest[..time_end]) {
        rest[time_end..].trim_start()
    } else {
        rest
    };
    INFO_LABELS_AFTER_DATE
        .iter()
        .any(|l| rest.starts_with(l))
        .then_some(date)
}

/// The date of a sign-off line that labels it (`发布日期：2023年1月29日`, `成文日期:2023-01-29`):
/// the label, a colon or none, and the date alone.
fn labelled_sign_off_date(line: &str) -> Option<String> {
    let t = super::text::without_whitespace(line.trim());
    let rest = ["发布日期", "发布时间", "成文日期", "印发日期"]
        .iter()
        .find_map(|label| t.strip_prefix(label))?;
    chrome::date_only(rest.trim_start_matches([':', '：']))
}

/// The date of a byline that names the agency before it: "（广州市医疗保障局　2023年1月29日）",
/// "广州市医疗保障局 2023-01-29".
fn byline_date(line: &str) -> Option<String> {
    let t = line.trim_matches(|c: char| matches!(c, '(' | ')' | '（' | '）') || c.is_whitespace());
    let at = date_start(t)?;
    let date = chrome::date_only(&t[at..])?;
    plausible_agency(t[..at].trim()).then_some(date)
}

/// Where a date would start in a line that ends with one: its first digit, or the 二〇 of a
/// year in numerals.
pub(crate) fn date_start(t: &str) -> Option<usize> {
    let digit = t.find(|c: char| c.is_ascii_digit());
    let numerals = ["二〇", "二○", "二零"]
        .iter()
        .filter_map(|y| t.find(y))
        .min();
    match (digit, numerals) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
    .filter(|&i| i > 0)
}

/// What a 时间/日期 label qualified so names: a day of the web page or of its printing, not of
/// the report's publication.
const NOT_PUBLICATION: &[&str] = &[
    "更新", "修改", "打印", "访问", "浏览", "统计", "截止", "生成", "下载", "检索", "点击", "录入",
    // A mail's: sent or received.
    "发送", "接收", "收到", "收件", "寄件",
    // An info table's 生效日期/废止日期: when the record takes effect or lapses.
    "生效", "废止",
];

/// A date after a label anywhere in `t` (a line without its white space): "发布时间：…",
/// "时间：…", in the statistical year or the two after it.
fn date_after_label(t: &str, year: Option<i32>) -> Option<String> {
    for label in ["发布时间", "发布日期", "成文日期", "时间", "日期"] {
        let mut from = 0;
        while let Some(p) = t[from..].find(label) {
            // A page's 更新时间 or 打印日期 is the crawl's or the printer's day, not the report's.
            if NOT_PUBLICATION.iter().any(|q| t[..from + p].ends_with(q)) {
                from += p + label.len();
                continue;
            }
            // (A page's info table crawled as pipe rows: `[ 公开日期 ] | 2019-03-25 |`,
            // `发布日期 | 2019-03-29 |`, `公开日期: | 2025-01-24 |`.)
            let rest = t[from + p + label.len()..]
                .trim_start_matches([']', '】'])
                .trim_start_matches([':', '：'])
                .trim_start_matches('|');
            if let Some((d, _)) = chrome::parse_date_prefix(rest) {
                let y: i32 = d[..4].parse().unwrap_or(0);
                if year.is_none_or(|sy| y >= sy && y <= sy + 2) {
                    return Some(d);
                }
            }
            from += p + label.len();
        }
    }
    None
}

fn section_text(text: &str, outline: &Outline, kind: SectionKind) -> String {
    outline
        .sections
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| &text[s.body.clone()])
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    fn meta_of(text: &str) -> (Option<String>, Option<i32>, Option<String>) {
        let r = crate::report_from_bytes("r.txt", text.as_bytes()).unwrap();
        (r.agency, r.year, r.region.city)
    }

    /// Agencies of every level and kind, as their titles name them: the agency and its region.
    /// A site's menu glued onto the title (a page's strings joined with nothing between them)
    /// is no part of the agency's name; a name that opens with a menu's word but names no place
    /// keeps it.
    #[test]
    fn menu_words_glued_before_a_title() {
        // (And a PDF's page number, its text joined into one line.)
        let (a, _) = super::agency_and_year_of_title(
            "-1-淮安市洪泽区人民政府2024年政府信息公开工作年度报告",
        );
        assert_eq!(a.as_deref(), Some("淮安市洪泽区人民政府"));
        let (a, y) = super::agency_and_year_of_title(
            "首页政务公开广州市医疗保障局2022年度政府信息公开工作年度报告",
        );
        assert_eq!((a.as_deref(), y), (Some("广州市医疗保障局"), Some(2022)));
        let (a, _) =
            super::agency_and_year_of_title("政务服务管理局2024年政府信息公开工作年度报告");
        assert_eq!(a.as_deref(), Some("政务服务管理局"));
    }

    /// A customs district's report is its customs office's (`广州海关关区2023年…`); a report
    /// compiled by a township's internal office (`由某乡人民政府党政办公室编制`) is the
    /// township's; a title naming the township alone takes its byline's full name.
    #[test]
    fn offices_named_by_what_they_are_part_of() {
        let body = "\n一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n";
        let (a, y, city) = meta_of(&format!("广州海关关区2023年政府信息公开工作年度报告{body}"));
        assert_eq!(
            (a.as_deref(), y, city.as_deref()),
            (Some("广州海关"), Some(2023), Some("广州市"))
        );
        let (a, _, _) = meta_of(&format!(
            "本年度报告根据《中华人民共和国政府信息公开条例》要求,由查干屯格乡人民政府党政办公室编制。{body}"
        ));
        assert_eq!(a.as_deref(), Some("查干屯格乡人民政府"));
        let (a, y, city) = meta_of(&format!(
            "2008年张义镇人民政府信息公开工作年度报告\n信息来源: 凉州区张义镇人民政府 发布日期: 2009-01-06\n{body}"
        ));
        assert_eq!(
            (a.as_deref(), y, city.as_deref()),
            (Some("凉州区张义镇人民政府"), Some(2008), Some("武威市"))
        );
    }

    /// A government's title that prints 政府 once for its name and its subject
    /// (`洪山区人民政府信息公开工作年度报告`) named no agency.
    #[test]
    fn one_government_for_the_name_and_the_subject() {
        for (title, agency, year) in [
            (
                "洪山区人民政府信息公开工作年度报告(2023年度)",
                "洪山区人民政府",
                2023,
            ),
            ("2015年兴县人民政府信息公开年度报告", "兴县人民政府", 2015),
            (
                "龙游县人民政府2023年政府信息公开工作年度报告",
                "龙游县人民政府",
                2023,
            ),
        ] {
            let (a, y) = super::agency_and_year_of_title(title);
            assert_eq!((a.as_deref(), y), (Some(agency), Some(year)), "{title}");
        }
    }

    /// A sub-district without 办事处 (`仓前街道`), Inner Mongolia's 旗 and 盟 and a supply and
    /// marketing cooperative (`供销合作社联合社`) had no agency.
    #[test]
    fn agencies_of_every_level_and_kind() {
        let body = "\n一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n";
        for (agency, year_form, region) in [
            ("教育部", "2023年", [None, None, None]),
            (
                "杭州市余杭区仓前街道",
                "2022年度",
                [Some("浙江省"), Some("杭州市"), Some("余杭区")],
            ),
            (
                "余杭区仓前街道",
                "2022年",
                [Some("浙江省"), Some("杭州市"), Some("余杭区")],
            ),
            (
                "重庆市渝中区解放碑街道办事处",
                "2024年",
                [Some("重庆市"), Some("重庆市"), Some("渝中区")],
            ),
            (
                "杭州市西湖区三墩镇",
                "2022年",
                [Some("浙江省"), Some("杭州市"), Some("西湖区")],
            ),
            (
                "鄂托克旗",
                "2023年",
                [Some("内蒙古自治区"), Some("鄂尔多斯市"), Some("鄂托克旗")],
            ),
            (
                "锡林郭勒盟",
                "2023年",
                [Some("内蒙古自治区"), Some("锡林郭勒盟"), None],
            ),
            (
                "凉山彝族自治州",
                "2023年",
                [Some("四川省"), Some("凉山彝族自治州"), None],
            ),
            (
                "国家税务总局上海市税务局",
                "2023年",
                [Some("上海市"), Some("上海市"), None],
            ),
            (
                "苏州工业园区",
                "2023年",
                [Some("江苏省"), Some("苏州市"), Some("苏州工业园区")],
            ),
        ] {
            let text = format!("{agency}{year_form}政府信息公开工作年度报告{body}");
            let r = crate::report_from_bytes("r.txt", text.as_bytes()).unwrap();
            assert_eq!(r.agency.as_deref(), Some(agency), "{text}");
            let got = [&r.region.province, &r.region.city, &r.region.county].map(|x| x.as_deref());
            assert_eq!(got, region, "{agency}");
        }
        // A portal's name over a title that begins with its year is no agency (州 alone ends
        // none): the sign-off names it.
        let text = format!("中国扬州\n2023年政府信息公开工作年度报告{body}\n扬州市发展和改革委员会\n2024年1月20日\n");
        let r = crate::report_from_bytes("r.txt", text.as_bytes()).unwrap();
        assert_eq!(r.agency.as_deref(), Some("扬州市发展和改革委员会"));
    }

    /// A sign-off dated with 号 for the day, as people write it: on its own line, glued to the
    /// agency after the last sentence, or in numerals.
    #[test]
    fn sign_off_days_written_hao() {
        let head = "广州市医疗保障局2022年度政府信息公开工作年度报告\n一、总体情况\n2022年，本机关扎实推进政务公开。\n五、存在的主要问题及改进情况\n无。\n";
        for tail in [
            "广州市医疗保障局\n2023年1月29号\n",
            "特此报告。广州市医疗保障局2023年1月29号\n",
            "广州市医疗保障局\n二〇二三年一月二十九号\n",
        ] {
            let r = crate::report_from_bytes("r.txt", format!("{head}{tail}").as_bytes()).unwrap();
            assert_eq!(r.published.as_deref(), Some("2023-01-29"), "{tail}");
            assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"), "{tail}");
        }
    }

    /// A page label kept before the title is not part of the agency; a title printed on two
    /// lines (agency, then year and report name) or with spaces still names the agency.
    #[test]
    fn labelled_split_and_spaced_titles() {
        let body = "\n本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n全年主动公开信息12条。\n";
        for (head, agency, city) in [
            (
                "标题：沭阳县发展和改革局2021年政府信息公开工作年度报告",
                "沭阳县发展和改革局",
                "宿迁市",
            ),
            (
                "文章标题: 沭阳县发展和改革局2021年政府信息公开工作年度报告",
                "沭阳县发展和改革局",
                "宿迁市",
            ),
            (
                "名称：淮安市人民政府2021年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            // A form's label padded to the width of the others.
            (
                "名　　称：淮安市人民政府2021年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "标 题 ：淮安市人民政府2021年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "          淮安市人民政府\n     2021 年政府信息公开工作年度报告\n",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "- 1 -\n淮安市洪泽区人民政府\n2021 年政府信息公开工作年度报告",
                "淮安市洪泽区人民政府",
                "淮安市",
            ),
            (
                "淮安市人民政府 2021 年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "淮安市人民政府2021年\n政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "淮安市洪泽区人民政府\n2021年度\n政府信息公开工作年度报告",
                "淮安市洪泽区人民政府",
                "淮安市",
            ),
            // The agency on its own line under a title that names none.
            (
                "2021年政府信息公开工作年度报告\n\n淮安市洪泽区人民政府\n",
                "淮安市洪泽区人民政府",
                "淮安市",
            ),
            (
                "== 淮安市人民政府2021年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "* 淮安市人民政府2021年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            (
                "【淮安市人民政府】2021年政府信息公开工作年度报告",
                "淮安市人民政府",
                "淮安市",
            ),
            // Spaced out character by character, as a Word title is to fill the line.
            (
                "淮 安 市 人 民 政 府 2 0 2 1 年 政 府 信 息 公 开 工 作 年 度 报 告",
                "淮安市人民政府",
                "淮安市",
            ),
            // Wrapped at any character, on two lines or three, under a menu's link or not.
            (
                "淮安市洪泽区人民政府2021年政府信息\n公开工作年度报告",
                "淮安市洪泽区人民政府",
                "淮安市",
            ),
            (
                "淮安市洪泽区人民政府\n2021年政府\n\n信息公开工作年度报告",
                "淮安市洪泽区人民政府",
                "淮安市",
            ),
            (
                "首页\n年报专栏\n淮安市洪泽区人民政府2021年政府信息\n公开工作年度报告",
                "淮安市洪泽区人民政府",
                "淮安市",
            ),
        ] {
            let (a, y, c) = meta_of(&format!("{head}{body}"));
            assert_eq!(a.as_deref(), Some(agency), "{head}");
            assert_eq!(y, Some(2021), "{head}");
            assert_eq!(c.as_deref(), Some(city), "{head}");
        }
        // A sentence above a year-first title is no agency.
        let (a, _, _) = meta_of(&format!(
            "各有关单位：现公布如下。\n2021年政府信息公开工作年度报告{body}"
        ));
        assert_eq!(a, None);
    }

    /// A site page whose breadcrumb names the report column (政府信息公开年报) before the
    /// real title, and whose preamble quotes another year's statistical period: the title is
    /// the <h1>, so year and agency come from it.
    #[test]
    fn a_breadcrumb_is_not_the_title() {
        let page = r#"<html><head><title>2022年雅安市交通运输局政府信息公开工作年度报告_雅安市人民政府</title></head><body>
<div class="top"><a href="/">首页</a></div>
<div class="place">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/ndbg">政府信息公开年报</a></div>
<div class="content">
<h1 class="title">2022年雅安市交通运输局政府信息公开工作年度报告</h1>
<p>本报告所列数据参照上年度报告，统计期限从2021年1月1日到12月31日止的做法编制。</p>
<h3>一、总体情况</h3><p>2022年，本机关扎实推进政务公开。</p>
</div></body></html>"#;
        let r = crate::report_from_bytes("page.html", page.as_bytes()).unwrap();
        assert_eq!(r.year, Some(2022));
        assert_eq!(r.agency.as_deref(), Some("雅安市交通运输局"));
    }

    /// Titles as sites print them: in 《》, after 关于 or with it after the agency, the year in
    /// Chinese numerals, wrapped inside 年度, under a site's banner, after a sidebar's links to
    /// other reports, after a menu of tens of lines; and a link to another year's report after
    /// a one-line text whose title is only in its crawl header.
    #[test]
    fn titles_as_sites_print_them() {
        let body = "\n一、总体情况\n2022年，本机关扎实推进政务公开。\n五、存在的主要问题及改进情况\n无。\n";
        let agency = "广州市医疗保障局";
        let menu: String = (0..40)
            .map(|i| {
                format!(
                    "{}\n",
                    ["首页", "政务公开", "信息公开指南", "互动交流"][i % 4]
                )
            })
            .collect();
        for head in [
            format!("《{agency}2022年度政府信息公开工作年度报告》"),
            format!("关于{agency}2022年度政府信息公开工作年度报告"),
            format!("{agency}关于2022年度政府信息公开工作情况的报告"),
            format!("{agency}二〇二二年度政府信息公开工作年度报告"),
            format!("{agency}2022年度政府信息公开工作年\n度报告"),
            format!("中共广州市委员会　广州市人民政府　主办\n2022年度政府信息公开工作年度报告({agency})"),
            format!("{agency}2021年政府信息公开工作年度报告\n广州市民政局2022年政府信息公开工作年度报告\n{agency}2022年度政府信息公开工作年度报告"),
            format!("{menu}政府信息公开年报\n{agency}2022年度政府信息公开工作年度报告"),
        ] {
            let (a, y, city) = meta_of(&format!("{head}{body}"));
            assert_eq!(a.as_deref(), Some(agency), "{head}");
            assert_eq!(y, Some(2022), "{head}");
            assert_eq!(city.as_deref(), Some("广州市"), "{head}");
        }
        let one_line = format!(
            "标题：平潭综合实验区2022年政府信息公开工作年度报告\n==== 正文 ====\n本报告根据《中华人民共和国政府信息公开条例》编制。{} 一、总体情况 2022年，本机关扎实推进政务公开。\n平潭综合实验区2021年政府信息公开工作年度报告\n",
            "全年主动公开政府信息，及时回应关切。".repeat(20)
        );
        let r = crate::report_from_bytes("r.txt", one_line.as_bytes()).unwrap();
        assert_eq!(r.year, Some(2022));
        assert!(r
            .sections
            .iter()
            .any(|s| s.kind == crate::model::SectionKind::Overview));
    }
    /// Agencies a title names in part or not at all: short ("市医保局") or the end of a name
    /// wrapped onto the title's line, with the full name in the sign-off; in parentheses on the
    /// line below; only in a web page's <title>; a zone named by its city's short name.
    #[test]
    fn agencies_the_title_names_in_part() {
        let body = "\n一、总体情况\n2022年，本机关扎实推进政务公开。\n五、存在的主要问题及改进情况\n无。\n";
        let sign = "广州市医疗保障局\n2023年1月29日\n";
        for (head, tail) in [
            ("市医保局2022年度政府信息公开工作年度报告", sign),
            ("广州市医疗\n保障局2022年度政府信息公开工作年度报告", sign),
            ("2022年度政府信息公开工作年度报告\n（广州市医疗保障局）", ""),
        ] {
            let (a, y, city) = meta_of(&format!("{head}{body}{tail}"));
            assert_eq!(a.as_deref(), Some("广州市医疗保障局"), "{head}");
            assert_eq!(y, Some(2022), "{head}");
            assert_eq!(city.as_deref(), Some("广州市"), "{head}");
        }
        // A short name whose letters are not the sign-off's in order is kept.
        let (a, _, _) = meta_of(&format!(
            "市民政局2022年度政府信息公开工作年度报告{body}{sign}"
        ));
        assert_eq!(a.as_deref(), Some("市民政局"));

        let page = "<html><head><title>广州市医疗保障局2022年度政府信息公开工作年度报告_广州市人民政府门户网站</title></head><body><p>一、总体情况</p><p>2022年，本机关扎实推进政务公开。</p><p>五、存在的主要问题及改进情况</p><p>无。</p><p>2023年1月29日</p></body></html>";
        let r = crate::report_from_bytes("page.html", page.as_bytes()).unwrap();
        assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"));
        assert_eq!(r.year, Some(2022));
        // A <title> that is the site's name only names nothing.
        let page = page.replace(
            "广州市医疗保障局2022年度政府信息公开工作年度报告_广州市人民政府门户网站",
            "广州市人民政府门户网站",
        );
        let r = crate::report_from_bytes("page.html", page.as_bytes()).unwrap();
        assert_eq!(r.agency, None);

        // A city whose name opens with 本, as a sentence does.
        let (a, _, city) = meta_of(&format!(
            "本溪市财政局2022年度政府信息公开工作年度报告{body}"
        ));
        assert_eq!(a.as_deref(), Some("本溪市财政局"));
        assert_eq!(city.as_deref(), Some("本溪市"));
        let (a, _, city) = meta_of(&format!("广州海关2022年度政府信息公开工作年度报告{body}"));
        assert_eq!(a.as_deref(), Some("广州海关"));
        assert_eq!(city.as_deref(), Some("广州市"));
        let (a, _, city) = meta_of(&format!(
            "广州经济技术开发区管理委员会2022年度政府信息公开工作年度报告{body}"
        ));
        assert_eq!(a.as_deref(), Some("广州经济技术开发区管理委员会"));
        assert_eq!(city.as_deref(), Some("广州市"));
        // A page whose <title> is the site's name carries the report's title in a meta element.
        let page = "<html><head><title>汝州市人民政府</title><meta name=\"ArticleTitle\" content=\"汝州市医疗保障局2024年政府信息公开工作年度报告\"></head><body><div>来源：汝州市医疗保障局　发布时间：2025-01-20 10:15　浏览次数：1234</div><p>一、总体情况</p><p>本年主动公开信息32条。</p><p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>";
        let r = crate::report_from_bytes("page.html", page.as_bytes()).unwrap();
        assert_eq!(r.agency.as_deref(), Some("汝州市医疗保障局"));
        assert_eq!(r.year, Some(2024));
        // The info line's date, its label after 来源.
        assert_eq!(r.published.as_deref(), Some("2025-01-20"));
        // A forwarded mail's header dates the mail, not the report: the report's own date is
        // read, or none.
        let quoted = "发件人: 办公室 <office@example.gov.cn>\n发送时间: 2023年2月1日 9:30\n收件人: 信息公开科\n主题: 转发：年度报告定稿\n\n请审阅。\n\n-----原始邮件-----\n某市医疗保障局2022年政府信息公开工作年度报告\n";
        let body = "\n一、总体情况\n2022年，本机关扎实推进政务公开。\n五、存在的主要问题及改进情况\n无。\n";
        let published = |t: String| {
            crate::report_from_bytes("r.txt", t.as_bytes())
                .unwrap()
                .published
        };
        assert_eq!(published(format!("{quoted}{body}")), None);
        assert_eq!(
            published(format!("{quoted}发布日期：2023-01-29\n{body}")).as_deref(),
            Some("2023-01-29")
        );
        let english = "From: office@example.gov.cn\nSent: Wednesday, February 1, 2023 9:30 AM\nTo: xxgk@example.gov.cn\nDate: 2023年2月1日\nSubject: 年报\n\n某市医疗保障局2022年政府信息公开工作年度报告\n";
        assert_eq!(published(format!("{english}{body}")), None);
        // A crawl's 更新时间 and 打印日期 date the page, not the report: no date is invented.
        for header in [
            "更新时间：2025-06-30 09:12  访问量：1234  打印日期：2025年7月1日",
            "打印日期：2025年7月1日",
            "来源：汝州市医疗保障局　修改时间：2025-03-02　浏览次数：12",
        ] {
            let page = page.replace(
                "来源：汝州市医疗保障局　发布时间：2025-01-20 10:15　浏览次数：1234",
                header,
            );
            let r = crate::report_from_bytes("page.html", page.as_bytes()).unwrap();
            assert_eq!(r.published, None, "{header}");
        }
        // A byline under the title dates the report.
        let r = crate::report_from_bytes(
            "r.txt",
            format!("广州市医疗保障局2022年度政府信息公开工作年度报告\n（广州市医疗保障局　2023年1月29日）{body}").as_bytes(),
        )
        .unwrap();
        assert_eq!(r.published.as_deref(), Some("2023-01-29"));
        // A sign-off without its date names the agency when nothing else does.
        let (a, _, city) = meta_of(&format!(
            "2022年度政府信息公开工作年度报告{body}\n本溪市财政局\n"
        ));
        assert_eq!(a.as_deref(), Some("本溪市财政局"));
        assert_eq!(city.as_deref(), Some("本溪市"));
        // Banks' branches are agencies too.
        let (a, _, city) = meta_of(&format!(
            "中国人民银行湖州市分行2022年度政府信息公开工作年度报告{body}"
        ));
        assert_eq!(a.as_deref(), Some("中国人民银行湖州市分行"));
        assert_eq!(city.as_deref(), Some("湖州市"));
    }
}
