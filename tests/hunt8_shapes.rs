//! Shapes of reports found by the eighth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - Pipe tables with an empty column after the figures (`| 27 | 10 | 9 | 15 | 61 |  |`, a
//!   converter's trailing cell): table 四 printed as three such groups read its blanks as
//!   figures out of place and was left out (shuyang-county-gov-2025: 19 facts).

//! - Table 三's row labels without their numbering, as a report whose Word list numbers were
//!   lost prints them (`予以公开`, `其他`, `总计`): a bare 其他 (3.其他) is also the 其他
//!   column's header, so its figures joined the row before it, which was left out with it
//!   (108 facts on the hunt's variants: guangzhou, huaian-city, chongming, suining).
//! - Table 三 renumbered by another list style ((一) → 1., 1. → (1)): `(3)其他` and `7.总计` were
//!   no labels (149 facts), and shuyang's heading `### 6. 其他` (its `(六) 其他` renumbered) was
//!   taken for part 六, cutting table 三 and taking 四 for a table printed after 六 (a wrong
//!   section order).
//! - The six parts' headings without their numbers (Word's list numbering lost): in a body
//!   crawled into one line, 收到和处理政府信息公开申请情况 glued on table 二's last figure and
//!   its unit ("…432.52元收到和处理…") was no heading, and table 三 was lost (pingtan-2019: 166
//!   facts). Left: pingtan-2022's 四 printed with a typo (行政法复议) needs its number (28 facts).
//! - A title behind a column's or a repost's label or inside a notice that publishes it
//!   (`【年度报告】某局2024年…`, `转载：某局…`, `关于印发《某局…》的通知`): the label was read as
//!   the agency's first characters (`印发《某局`, `转载：某局`, `年度报告】某局`: 11 wrong agencies
//!   on the hunt's variants), or `【年度报告】` ended the title (no agency, no year).
//! - Problems numbered 1）2） or 其一，其二，: the whole list was one problem (8 wrong counts).
//! - A row the template does not have, printed like its neighbours after a row of figures
//!   (`其中：网上申请 10 0 0 0 0 0 10` under 本年新收, `行政确认 202` under 行政强制): in PDF
//!   text, its figures joined the row before, which was left out (54 + 3 facts on the hunt's
//!   variants, huaian's extractions).
//! - Table 三 printed without one of its columns (其他, or 总计), its header naming the six it
//!   has in the template's order: the whole table was left out (180 facts a report); now each
//!   row of six figures reads its cells, the missing column blank.
//! - A small table of the agency's own printed after table 四, before 五 (`附表：政务公开平台情况`
//!   then `政府网站 1`, `政务新媒体 12`): its figures joined 四's 15 cells and 四 was left out
//!   (4 of 8 reports, 76 facts); figures after 四's 15 and a line of text are none of its cells.

use crate::common;

use common::{
    every_variant_keeps_every_fact, keyed_reports, lost_line, parts_renumbered, regressions, score,
    section_span, with_section_body, Keyed,
};
use gongkai::model::SectionKind;
use regex::Regex;

/// Applies `transform` to every keyed report it changes (None: not this report's shape) and
/// asserts that each variant keeps every fact; returns how many variants were made.
fn every_fact_kept(what: &str, transform: impl Fn(&Keyed) -> Option<String>) -> usize {
    every_variant_keeps_every_fact(what, |k, _| transform(k).into_iter().collect())
}

/// Is `line` a markdown table's separator row (`|---|:--:|`)?
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

#[test]
fn pipe_tables_with_an_empty_last_column_keep_every_fact() {
    let made = every_fact_kept("with an empty last column", |k| {
        if k.name.ends_with(".html") {
            return None;
        }
        let lines: Vec<String> = k
            .source
            .lines()
            .map(|l| {
                let t = l.trim_end();
                if !(t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3) {
                    l.to_string()
                } else if is_separator(t) {
                    format!("{t}---|")
                } else {
                    format!("{t}  |")
                }
            })
            .collect();
        Some(lines.join("\n"))
    });
    assert!(made >= 2, "only {made} reports with pipe tables");
}

/// The report with `edit` applied to each field (tab- or pipe-separated, else the whole line) of
/// every line of its table 三, after the heading's line, where the original's parse put it.
fn table_three_fields(k: &Keyed, edit: &dyn Fn(&str) -> String) -> Option<String> {
    let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
    let (at, end) = section_span(&r, SectionKind::RequestsTable, k.source.len())?;
    let start = at + k.source[at..].find('\n')? + 1;
    if start >= end {
        return None;
    }
    let edited: Vec<String> = k.source[start..end]
        .split('\n')
        .map(|line| {
            let sep = if line.contains('\t') {
                "\t"
            } else if line.trim_start().starts_with('|') {
                "|"
            } else {
                return edit(line);
            };
            line.split(sep).map(edit).collect::<Vec<_>>().join(sep)
        })
        .collect();
    Some(format!(
        "{}{}{}",
        &k.source[..start],
        edited.join("\n"),
        &k.source[end..]
    ))
}

#[test]
fn table_three_labels_without_their_numbers_keep_every_fact() {
    // （一） (一) 一、 1. 1、 at a field's start, not the integer part of a figure ("4068.2").
    let number = Regex::new(
        r"^(\s*)(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])(?:\s*)(\D|$)",
    )
    .unwrap();
    let made = every_fact_kept("with table 三's labels unnumbered", |k| {
        if k.name.ends_with(".html") {
            return None;
        }
        table_three_fields(k, &|f| number.replace(f, "$1$2").into_owned())
    });
    assert!(made >= 10, "only {made} variants");
}

#[test]
fn table_three_renumbered_by_another_list_style_keeps_every_fact() {
    const NUMERALS: &str = "一二三四五六七八九十";
    let item = Regex::new(r"(^|[^\d.])(\d)[.．、](\D|$)").unwrap();
    let group = Regex::new(r"[（(]([一二三四五六七八九十])[）)]").unwrap();
    let made = every_fact_kept("with table 三 renumbered (一)→1., 1.→(1)", |k| {
        if k.name.ends_with(".html") {
            return None;
        }
        table_three_fields(k, &|f| {
            let f = item.replace_all(f, "$1($2)$3");
            group
                .replace_all(&f, |c: &regex::Captures| {
                    let n = NUMERALS.chars().position(|x| c[1].starts_with(x)).unwrap();
                    format!("{}.", n + 1)
                })
                .into_owned()
        })
    });
    assert!(made >= 10, "only {made} variants");
}

#[test]
fn parts_without_their_numbers_keep_every_fact_but_a_misprinted_title() {
    // pingtan-2022's table 四 is headed 四、政府信息公开行政法复议、行政诉讼情况: without its
    // number, the misprint is no title (its facts are lost, none wrong).
    let known: &[(&str, usize)] = &[("pingtan-2022.txt", 28)];
    let mut made = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let Some(v) = parts_renumbered(&k, &original, |_| String::new()) else {
            continue;
        };
        made += 1;
        let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
        let lost = regressions(&k, &score(&r, &k.key));
        let allowed = known
            .iter()
            .find(|(n, _)| *n == k.name)
            .map_or(0, |(_, n)| *n);
        if lost.len() != allowed || lost.iter().any(|l| l.starts_with("WRONG")) {
            failures.push(format!(
                "{} unnumbered: {} facts (known {allowed})\n  {}",
                k.name,
                lost.len(),
                lost.iter()
                    .take(8)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
    }
    assert!(made >= 10, "only {made} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The report with `edit` applied to the body of its section of `kind` (from its heading's line
/// end to the next section), where the original's parse put it.
fn section_edited(k: &Keyed, kind: SectionKind, edit: &dyn Fn(&str) -> String) -> Option<String> {
    let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
    let mut offsets: Vec<usize> = r.provenance.sections.iter().map(|s| s.offset).collect();
    offsets.sort();
    let at = r
        .provenance
        .sections
        .iter()
        .find(|s| s.kind == kind)?
        .offset;
    let end = offsets
        .iter()
        .find(|&&o| o > at)
        .copied()
        .unwrap_or(k.source.len());
    Some(format!(
        "{}{}{}",
        &k.source[..at],
        edit(&k.source[at..end]),
        &k.source[end..]
    ))
}

#[test]
fn problems_numbered_with_a_half_bracket_or_qi_keep_their_count() {
    const NUMERALS: &str = "一二三四五六七八九";
    let shi = Regex::new(r"([一二三四五六七八九])是").unwrap();
    let n = |c: &regex::Captures| NUMERALS.chars().position(|x| c[1].starts_with(x)).unwrap();
    for (tag, marker) in [
        (
            "1）",
            &(|i: usize| format!("{}）", i + 1)) as &dyn Fn(usize) -> String,
        ),
        ("其一，", &|i: usize| {
            format!("其{}，", NUMERALS.chars().nth(i).unwrap())
        }),
    ] {
        let made = every_fact_kept(&format!("with problems numbered {tag}"), |k| {
            if k.name.ends_with(".html") {
                return None;
            }
            section_edited(k, SectionKind::Problems, &|body| {
                shi.replace_all(body, |c: &regex::Captures| marker(n(c)))
                    .into_owned()
            })
        });
        assert!(made >= 10, "only {made} variants numbered {tag}");
    }
}

#[test]
fn titles_behind_a_label_or_inside_a_notice_name_the_agency() {
    /// A wrapper's name and how it prints a title.
    type Wrapper = (&'static str, fn(&str) -> String);
    let wrappers: [Wrapper; 3] = [
        ("关于印发《》的通知", |t| {
            format!("关于印发《{t}》的通知")
        }),
        ("转载：", |t| format!("转载：{t}")),
        ("【年度报告】", |t| format!("【年度报告】{t}")),
    ];
    for (tag, wrap) in wrappers {
        let made = every_fact_kept(&format!("with its title as {tag}"), |k| {
            let agency = k.key["agency"].as_str()?;
            let year = k.key["year"].as_i64()?.to_string();
            if k.name.ends_with(".html") {
                return None;
            }
            // The title's line: the agency, its year and 年度报告 (a page's "标题:" kept before).
            let (at, line) = k.source.lines().take(15).enumerate().find(|(_, l)| {
                let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                c.contains(&format!("{agency}{year}")) && c.contains("年度报告")
            })?;
            let lead = line.len() - line.trim_start_matches(['#', ' ']).len();
            let lead = lead
                + line[lead..]
                    .strip_prefix("标题:")
                    .map_or(0, |r| line.len() - lead - r.trim_start().len());
            let title = format!("{}{}", &line[..lead], wrap(line[lead..].trim_end()));
            let mut lines: Vec<&str> = k.source.lines().collect();
            lines[at] = &title;
            Some(lines.join("\n"))
        });
        assert!(made >= 5, "only {made} titles as {tag}");
    }
}

#[test]
fn a_row_the_template_does_not_have_leaves_the_row_before_whole() {
    // (label of the row to follow, its extra row's label)
    let rows = [
        (r"[一二]?、?本年新收[^\d|\t ]*", "其中：网上申请"),
        (r"行政强制", "行政确认"),
    ];
    let figure = Regex::new(r"\d+(?:\.\d+)?").unwrap();
    for (after, extra) in rows {
        let label = Regex::new(after).unwrap();
        let made = every_fact_kept(&format!("with a row {extra}"), |k| {
            if k.name.ends_with(".html") {
                return None;
            }
            let lines: Vec<&str> = k.source.lines().collect();
            let at = lines.iter().position(|l| {
                l.len() < 400 && label.is_match(l) && l.contains(|c: char| c.is_ascii_digit())
            })?;
            // Its figures halved, so that no row's sum holds by chance.
            let row = label.replace(lines[at], extra);
            let row = figure.replace_all(&row, |c: &regex::Captures| match c[0].parse::<u64>() {
                Ok(n) => (n / 2).to_string(),
                Err(_) => c[0].to_string(),
            });
            let mut out = lines.clone();
            out.insert(at + 1, &row);
            Some(out.join("\n"))
        });
        assert!(made >= 8, "only {made} variants with a row {extra}");
    }
}

/// Table 三's rows (2021 template) as a report prints their labels, by key.
const REQUEST_ROWS_2021: [(&str, &str); 25] = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("disclosed", "（一）予以公开"),
    (
        "partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    ("withheld_state_secret", "1.属于国家秘密"),
    ("withheld_law_prohibited", "2.其他法律行政法规禁止公开"),
    ("withheld_three_safety", "3.危及“三安全一稳定”"),
    ("withheld_third_party", "4.保护第三方合法权益"),
    ("withheld_internal_affairs", "5.属于三类内部事务信息"),
    ("withheld_process_info", "6.属于四类过程性信息"),
    ("withheld_enforcement_file", "7.属于行政执法案卷"),
    ("withheld_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_petition", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_excessive", "4.无正当理由大量反复申请"),
    (
        "not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        "other_overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_other", "3.其他"),
    ("total_processed", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
];

#[test]
fn table_three_without_one_of_its_columns_reads_the_others() {
    const COLUMNS: [(&str, &str); 7] = common::REQUEST_COLUMN_NAMES;
    let mut made = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") || k.key["template"] != "2021" {
            continue;
        }
        let cell = |row: &str, col: &str| k.key["cells"][format!("requests.{row}.{col}")].as_f64();
        let complete = REQUEST_ROWS_2021
            .iter()
            .all(|(r, _)| COLUMNS.iter().all(|(c, _)| cell(r, c).is_some()));
        if !complete {
            continue;
        }
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let Some(title) = original
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::RequestsTable)
            .and_then(|s| s.title.clone())
        else {
            continue;
        };
        // 其他 left out only where the report has none to count (else its totals include them);
        // 总计 left out anywhere.
        let no_other = REQUEST_ROWS_2021
            .iter()
            .all(|(r, _)| cell(r, "other_org") == Some(0.0));
        for (dropped, sep) in [(5, "\t"), (5, " | "), (6, "\t"), (6, " | ")] {
            if dropped == 5 && !no_other {
                continue;
            }
            let keep: Vec<usize> = (0..7).filter(|&i| i != dropped).collect();
            let mut rows: Vec<Vec<String>> = vec![std::iter::once("申请人情况".to_string())
                .chain(keep.iter().map(|&i| COLUMNS[i].1.to_string()))
                .collect()];
            for (r, label) in REQUEST_ROWS_2021 {
                rows.push(
                    std::iter::once(label.to_string())
                        .chain(
                            keep.iter()
                                .map(|&i| format!("{}", cell(r, COLUMNS[i].0).unwrap())),
                        )
                        .collect(),
                );
            }
            let table: Vec<String> = rows
                .iter()
                .map(|r| {
                    let line = r.join(sep);
                    if sep == "\t" {
                        line
                    } else {
                        format!("| {line} |")
                    }
                })
                .collect();
            let mut table = table.join("\n");
            if sep != "\t" {
                let rule = format!("|{}", "---|".repeat(keep.len() + 1));
                table = table.replacen('\n', &format!("\n{rule}\n"), 1);
            }
            let Some(v) = with_section_body(
                &k.source,
                &original,
                SectionKind::RequestsTable,
                &title,
                &table,
                false,
            ) else {
                continue;
            };
            made += 1;
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            // Only the missing column's cells are lost (and the checks it takes part in).
            let missing = format!(".{}:", COLUMNS[dropped].0);
            let lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                .filter(|l| {
                    l.starts_with("WRONG")
                        || !(l.contains(&missing) || l.starts_with("lost   check"))
                })
                .collect();
            if !lost.is_empty() {
                failures.push(lost_line(
                    &format!("{} without {}", k.name, COLUMNS[dropped].1),
                    &lost,
                ));
            }
        }
    }
    assert!(made >= 10, "only {made} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_table_of_the_agencys_own_after_table_four_leaves_it_whole() {
    let made = every_fact_kept("with a table after 四", |k| {
        if k.name.ends_with(".html") {
            return None;
        }
        let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let (_, at) = section_span(&r, SectionKind::ReviewLitigationTable, k.source.len())?;
        // Before the next part's heading, at a line's start.
        if at == k.source.len() || !k.source[..at].ends_with('\n') {
            return None;
        }
        let table = if k.source.contains("\n|") {
            "| 平台名称 | 数量 |\n|---|---|\n| 政府网站 | 1 |\n| 政务新媒体 | 12 |\n\n"
        } else if k.source.contains('\t') {
            "平台名称\t数量\n政府网站\t1\n政务新媒体\t12\n\n"
        } else {
            "平台名称 数量\n政府网站 1\n政务新媒体 12\n\n"
        };
        Some(format!(
            "{}附表：政务公开平台情况\n{table}{}",
            &k.source[..at],
            &k.source[at..]
        ))
    });
    assert!(made >= 8, "only {made} variants");
}
