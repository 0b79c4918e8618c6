//! Shapes of reports found by the ninth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - Tables letter-spaced as a PDF justifies their words (`行 政 事 业 性 收 费`, `本 年 收 费 金 额
//!   （单 位：万 元）`): the fees' header no longer named its 万元, so an amount printed in 万元
//!   was taken for one in 元 and divided by 10,000 (7 wrong amounts on 12 variants: 9.61716
//!   for 96171.6). Now 0 lost, 0 wrong.
//! - Every figure of table 三 printed with its unit on a line of text (`（一）予以公开  50件  0件
//!   0件 …`, pdftotext's rows of a table whose cells print 件): a figure followed by 件 reads as
//!   prose (`25件` in a sentence is no cell), so the whole table was lost (1,024 facts on the
//!   12 variants; 512 on the 3 layout extractions, now 0). pdftotext's raw text, which
//!   prints such a row with single spaces (`…申请数量 3001件 53件 0件`), lost table 三 still
//!   (512 facts on 3 variants): normalising joined each unit to the next figure and the label
//!   to the first (`数量3001件53件0件`), so no figure stood apart. Since the fourteenth hunt, a
//!   space after a count's unit before a figure stays, and the first figure's unit is blanked
//!   where the label runs into it: 0.
//! - A part's heading misprinted by one character (`二、主公开政府信息情况`,
//!   `三、收到和处的政府信息公开申请情况`): the heading was no heading, its section and table
//!   went to the part before (193 + 183 facts on 162 variants, and 4 wrong templates: 2019
//!   read from a table 三 without table 二). A part numbered as the template numbers it whose
//!   title is one character off the template's (dropped, added or changed) is that part, on a
//!   line of its own or inside a body crawled into one line. Left: shanghai-stcsm numbers its
//!   tables 一 to 三, not as the template does (7 facts, one section kind each).
//! - A bracketed page label between a title's agency and its year, printed on three lines
//!   (`某局` / `（公开属性：主动公开）` / `2024年政府信息公开工作年度报告`): the label ended the
//!   search for the title (a line opening with a bracket is a subsection) or dropped the agency
//!   line above it: no agency, no year, no region (19 facts on 6 variants).
//! - Years and dates in Chinese numerals throughout (`二〇二四年`, `二〇二五年一月二十日`): a
//!   title on two lines (`淮安市人民政府` / `二〇二四年政府信息公开工作年度报告`) lost its agency
//!   and region (22 facts on 16 variants): a year in numerals is cut off an agency's line as one
//!   in digits is.

use crate::common;

use common::{every_variant_keeps_every_fact, parts_renumbered, section_span, Keyed};
use gongkai::model::{Report, SectionKind};
use regex::Regex;

/// The report with `edit` applied to every line of its sections of `kinds` (after each heading's
/// line), where the original's parse put them; None where it has none of them.
fn tables_edited(
    k: &Keyed,
    r: &Report,
    kinds: &[SectionKind],
    edit: &dyn Fn(&str) -> String,
) -> Option<String> {
    let mut spans: Vec<(usize, usize)> = kinds
        .iter()
        .filter_map(|&kind| {
            let (at, end) = section_span(r, kind, k.source.len())?;
            let start = at + k.source[at..end].find('\n')? + 1;
            (start < end).then_some((start, end))
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    spans.sort();
    spans.dedup();
    let mut s = k.source.clone();
    for (a, b) in spans.into_iter().rev() {
        let lines: Vec<String> = s[a..b].split('\n').map(edit).collect();
        s = format!("{}{}{}", &s[..a], lines.join("\n"), &s[b..]);
    }
    Some(s)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[test]
fn tables_letter_spaced_keep_every_fact() {
    let made = every_variant_keeps_every_fact("with its tables' words letter-spaced", |k, r| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        let kinds = [
            SectionKind::DisclosureTable,
            SectionKind::RequestsTable,
            SectionKind::ReviewLitigationTable,
        ];
        tables_edited(k, r, &kinds, &|l| {
            let cs: Vec<char> = l.chars().collect();
            let mut out = String::new();
            for (i, &c) in cs.iter().enumerate() {
                out.push(c);
                if is_han(c) && cs.get(i + 1).is_some_and(|&n| is_han(n)) {
                    out.push(' ');
                }
            }
            out
        })
        .into_iter()
        .collect()
    });
    assert!(made >= 10, "only {made} variants");
}

#[test]
fn a_unit_after_every_figure_of_table_three_keeps_every_fact() {
    let figure = Regex::new(r"(^|[\s|])(\d+)([\s|]|$)").unwrap();
    let footer = Regex::new(r"^\s*-\s*\d+\s*-\s*$").unwrap();
    let made =
        every_variant_keeps_every_fact("with 件 after every figure of table 三", |k, r| {
            if k.name.ends_with(".html") {
                return vec![];
            }
            tables_edited(k, r, &[SectionKind::RequestsTable], &|l| {
                if footer.is_match(l) {
                    return l.to_string(); // a page's number is no figure of the table
                }
                // Twice: neighbouring figures share the white space between them.
                let once = figure.replace_all(l, "${1}${2}件${3}").into_owned();
                figure.replace_all(&once, "${1}${2}件${3}").into_owned()
            })
            .into_iter()
            .collect()
        });
    assert!(made >= 8, "only {made} variants");
}

/// The start of each part's title (after "二、"…"六、") where the original's parse put it, where
/// the part is numbered as the template numbers it (shanghai-stcsm numbers its tables 一 to 三:
/// a misprint there is left, see the doc comment).
fn part_titles(k: &Keyed, r: &Report) -> Vec<usize> {
    let numbered = [
        (SectionKind::DisclosureTable, '二'),
        (SectionKind::RequestsTable, '三'),
        (SectionKind::ReviewLitigationTable, '四'),
        (SectionKind::Problems, '五'),
        (SectionKind::Other, '六'),
    ];
    let mut v: Vec<usize> = r
        .provenance
        .sections
        .iter()
        .filter_map(|s| {
            let rest = &k.source[s.offset..];
            let mut it = rest.chars();
            match (it.next(), it.next()) {
                (Some(c), Some('、')) if numbered.contains(&(s.kind, c)) => {
                    Some(s.offset + c.len_utf8() + '、'.len_utf8())
                }
                _ => None,
            }
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn a_part_heading_misprinted_by_one_character_keeps_every_fact() {
    // One character dropped (the title's third), or changed (its fifth).
    type Misprint = fn(&str, usize, char) -> String;
    let misprints: [(&str, usize, Misprint); 2] = [
        ("dropped", 2, |s, at, c| {
            format!("{}{}", &s[..at], &s[at + c.len_utf8()..])
        }),
        ("changed", 4, |s, at, c| {
            let to = if c == '的' { '得' } else { '的' };
            format!("{}{to}{}", &s[..at], &s[at + c.len_utf8()..])
        }),
    ];
    for (what, nth, misprint) in misprints {
        let made =
            every_variant_keeps_every_fact(&format!("with a part's title {what}"), |k, r| {
                part_titles(k, r)
                    .into_iter()
                    .filter_map(|start| {
                        let chars: Vec<(usize, char)> =
                            k.source[start..].char_indices().take(nth + 2).collect();
                        if chars.len() < nth + 2 || chars.iter().any(|(_, c)| !is_han(*c)) {
                            return None;
                        }
                        let (i, c) = chars[nth];
                        Some(misprint(&k.source, start + i, c))
                    })
                    .collect()
            });
        assert!(made >= 50, "only {made} variants with a character {what}");
    }
}

/// The same misprints (a part title's third character dropped, or its fifth changed) where the
/// parts are numbered otherwise: in Arabic digits, circled, 第N部分, a numeral and an
/// ideographic space ("3．收到和处的政府信息公开申请情况", "第二部分 主公开政府信息情况"). The
/// misprinted title's subject words may read as another kind's (on_request's), and its number
/// alone says which part it is. Before, the part's table was lost: up to 181 facts a report.
#[test]
fn a_misprinted_part_heading_numbered_otherwise_keeps_every_fact() {
    const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    type Numbering = fn(usize) -> String;
    let numberings: [(&str, Numbering); 5] = [
        ("N．", |n| format!("{n}．")),
        ("N、", |n| format!("{n}、")),
        ("circled", |n| {
            ["①", "②", "③", "④", "⑤", "⑥"][n - 1].to_string()
        }),
        ("第N部分", |n| format!("第{}部分 ", NUMERALS[n - 1])),
        ("N\u{3000}", |n| format!("{}\u{3000}", NUMERALS[n - 1])),
    ];
    type Misprint = fn(&str, usize, char) -> String;
    let misprints: [(usize, Misprint); 2] = [
        (2, |s, at, c| {
            format!("{}{}", &s[..at], &s[at + c.len_utf8()..])
        }),
        (4, |s, at, c| {
            let to = if c == '的' { '得' } else { '的' };
            format!("{}{to}{}", &s[..at], &s[at + c.len_utf8()..])
        }),
    ];
    for (what, number) in numberings {
        let made = every_variant_keeps_every_fact(
            &format!("a part's title misprinted, parts numbered {what}"),
            |k, r| {
                if k.name.ends_with(".html") {
                    return vec![];
                }
                let Some(renumbered) = parts_renumbered(k, r, number) else {
                    return vec![];
                };
                let mut out = Vec::new();
                // Headings on lines of their own (circled parts run into a one-line body are
                // not read, misprinted or not).
                for start in part_titles(k, r) {
                    let marker = start - "三、".len();
                    if !k.source[..marker].ends_with('\n') {
                        continue;
                    }
                    let n = 1 + NUMERALS
                        .iter()
                        .position(|x| k.source[marker..].starts_with(x))
                        .expect("part_titles gives 二 to 六");
                    let title: String = k.source[start..].chars().take(6).collect();
                    if title.chars().count() < 6 || !title.chars().all(is_han) {
                        continue;
                    }
                    let heading = format!("\n{}{title}", number(n));
                    let Some(at) = renumbered.find(&heading) else {
                        continue;
                    };
                    let title_at = at + heading.len() - title.len();
                    for (nth, misprint) in misprints {
                        let (i, c) = renumbered[title_at..].char_indices().nth(nth).unwrap();
                        out.push(misprint(&renumbered, title_at + i, c));
                    }
                }
                out
            },
        );
        assert!(made >= 60, "only {made} variants numbered {what}");
    }
}

/// Parts numbered otherwise (1． ① 第一部分) and their headings ended with a colon
/// ("④政府信息公开行政复议、行政诉讼情况："): a colon after 情况 hid that the 、 in the title
/// is the title's own, and the line was read as an enumeration (table 四 lost, 20 facts).
#[test]
fn parts_numbered_otherwise_with_a_colon_keep_every_fact() {
    type Numbering = fn(usize) -> String;
    let numberings: [(&str, Numbering); 3] = [
        ("N．", |n| format!("{n}．")),
        ("circled", |n| {
            ["①", "②", "③", "④", "⑤", "⑥"][n - 1].to_string()
        }),
        ("第N部分", |n| {
            format!("第{}部分 ", ["一", "二", "三", "四", "五", "六"][n - 1])
        }),
    ];
    for (what, number) in numberings {
        let made =
            every_variant_keeps_every_fact(&format!("parts numbered {what}, colon"), |k, r| {
                if k.name.ends_with(".html") {
                    return vec![];
                }
                let Some(renumbered) = parts_renumbered(k, r, number) else {
                    return vec![];
                };
                let heads: Vec<String> = (1..=6).map(number).collect();
                let lines: Vec<String> = renumbered
                    .split('\n')
                    .map(|l| {
                        let t = l.trim();
                        let is_part = heads.iter().any(|h| t.starts_with(h.as_str()))
                            && t.chars().count() <= 40
                            && !t.contains(['\t', '|', '。']);
                        if is_part {
                            format!("{}：", l.trim_end())
                        } else {
                            l.to_string()
                        }
                    })
                    .collect();
                // Parts on lines of their own only (circled parts run into a one-line body are
                // not read, colon or not).
                if lines.iter().filter(|l| l.ends_with('：')).count() < 4 {
                    return vec![];
                }
                vec![lines.join("\n")]
            });
        assert!(made >= 10, "only {made} variants numbered {what}");
    }
}

/// The title's line split before its year (agency above, the rest below) with `between` printed
/// between them; None where the title's line does not start with the agency and its year.
fn title_split(k: &Keyed, between: &str) -> Option<String> {
    let agency = k.key["agency"].as_str()?;
    let year = k.key["year"].as_i64()?.to_string();
    if k.name.ends_with(".html") {
        return None;
    }
    let at = k.source.find(&format!("{agency}{year}"))?;
    let line_start = k.source[..at].rfind('\n').map_or(0, |i| i + 1);
    if at > 3000 || !k.source[line_start..at].trim().is_empty() {
        return None;
    }
    let cut = at + agency.len();
    Some(format!(
        "{}\n{between}\n{}",
        &k.source[..cut],
        &k.source[cut..]
    ))
}

#[test]
fn a_bracketed_label_between_a_titles_agency_and_its_year_keeps_every_fact() {
    for label in ["（公开属性：主动公开）", "【打印本页】"] {
        let made =
            every_variant_keeps_every_fact(&format!("with {label} inside its title"), |k, _| {
                title_split(k, label).into_iter().collect()
            });
        assert!(made >= 2, "only {made} variants with {label}");
    }
}

/// `n` (1…31) in Chinese numerals, as a date prints a month or a day (十, 十二, 二十九).
fn chinese_number(n: u32) -> String {
    const CN: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => CN[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { CN[n as usize - 10] }),
        _ => format!(
            "{}十{}",
            CN[n as usize / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                CN[n as usize % 10]
            }
        ),
    }
}

#[test]
fn years_and_dates_in_chinese_numerals_keep_every_fact() {
    const CN: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    // Every year, and every date with it: 2023年1月29日 → 二〇二三年一月二十九日.
    let date = Regex::new(r"(20\d\d)\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?").unwrap();
    let made =
        every_variant_keeps_every_fact("with its years and dates in Chinese numerals", |k, _| {
            let v = date.replace_all(&k.source, |c: &regex::Captures| {
                let mut out: String = c[1]
                    .chars()
                    .map(|d| CN[d.to_digit(10).unwrap() as usize])
                    .collect();
                out.push('年');
                for (i, unit) in [(2, '月'), (3, '日')] {
                    if let Some(m) = c.get(i) {
                        out.push_str(&chinese_number(m.as_str().parse().unwrap()));
                        out.push(unit);
                    }
                }
                out
            });
            vec![v.into_owned()]
        });
    assert!(made >= 10, "only {made} variants");
}
