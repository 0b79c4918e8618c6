//! Shapes of reports found by the seventh generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - The six parts numbered otherwise than 一、…六、 (1、, Ⅰ、, 壹、, "四 ", 第四章) in a body
//!   crawled into one line. Before, only 一、 and （一） were found inline: pingtan-2019 and
//!   pingtan-2022 numbered 1、, Ⅰ、 or 壹、 lost their outline and tables (411–413 facts per
//!   numbering), and numbered "四 " or 第四章 lost table 四 (a title with a typo, 行政法复议,
//!   that only its number makes a heading: 28 facts). At a line's start, "4. 政府信息公开行政
//!   复议、行政诉讼情况" after "3. 收到和处理…" was read as a paragraph's second line
//!   (taishan-ybj-2021: one section kind).

use crate::common;

use common::{
    keyed_reports, lost_line, parts_renumbered, regressions, score, with_section_body, Keyed,
};

/// A numbering's name and its marker for part 1…6.
type Numbering = (&'static str, fn(usize) -> String);

#[test]
fn parts_numbered_otherwise_in_a_one_line_body_keep_every_fact() {
    let numberings: [Numbering; 6] = [
        ("1、", |n| format!("{n}、")),
        ("1. ", |n| format!("{n}. ")),
        ("Ⅰ、", |n| {
            format!("{}、", "ⅠⅡⅢⅣⅤⅥ".chars().nth(n - 1).unwrap())
        }),
        ("壹、", |n| {
            format!("{}、", "壹贰叁肆伍陆".chars().nth(n - 1).unwrap())
        }),
        ("一 ", |n| {
            format!("{} ", "一二三四五六".chars().nth(n - 1).unwrap())
        }),
        ("第一章 ", |n| {
            format!("第{}章 ", "一二三四五六".chars().nth(n - 1).unwrap())
        }),
    ];
    let mut one_line = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        // The bodies crawled into one line (pingtan's) are the shape; the others must not
        // suffer from it either.
        let flattened = k.source.lines().any(|l| l.len() > 5000);
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        for (tag, number) in numberings {
            let Some(v) = parts_renumbered(&k, &original, number) else {
                continue;
            };
            one_line += usize::from(flattened);
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let lost = regressions(&k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(lost_line(&format!("{} numbered {tag}", k.name), &lost));
            }
        }
    }
    assert!(one_line >= 12, "only {one_line} one-line variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- table 四 with a 序号 column and an overall 合计 ----------------------------------------

/// Table 四 printed from the key's cells with a three-row header and one row of figures, tab
/// or pipe separated; with a 序号 column before the groups (`numbered`, the row numbered 1)
/// and/or an overall 合计 after them (`total`, the sum of the three groups' totals).
fn table_four_with(key: &serde_json::Value, numbered: bool, total: bool, pipes: bool) -> String {
    const COLS: [(&str, &str); 5] = [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    ];
    let groups = ["review", "litigation_direct", "litigation_after_review"];
    let mut h1: Vec<String> = vec!["行政复议".into()];
    h1.extend((0..4).map(|_| String::new()));
    h1.push("行政诉讼".into());
    h1.extend((0..9).map(|_| String::new()));
    let mut h2: Vec<String> = (0..5).map(|_| String::new()).collect();
    for g in ["未经复议直接起诉", "复议后起诉"] {
        h2.push(g.into());
        h2.extend((0..4).map(|_| String::new()));
    }
    let mut h3: Vec<String> = (0..3)
        .flat_map(|_| COLS.iter().map(|c| c.1.to_string()))
        .collect();
    let mut vals: Vec<String> = Vec::new();
    let mut sum = 0.0;
    for g in groups {
        for (c, _) in COLS {
            let v = key["cells"]
                .get(format!("review_litigation.{g}.{c}"))
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            if c == "total" {
                sum += v;
            }
            vals.push(format!("{v}"));
        }
    }
    if numbered {
        h1.insert(0, "序号".into());
        h2.insert(0, String::new());
        h3.insert(0, String::new());
        vals.insert(0, "1".into());
    }
    if total {
        h1.push("合计".into());
        h2.push(String::new());
        h3.push(String::new());
        vals.push(format!("{sum}"));
    }
    let line = |r: &Vec<String>| {
        if pipes {
            format!("| {} |", r.join(" | "))
        } else {
            r.join("\t")
        }
    };
    [&h1, &h2, &h3, &vals]
        .iter()
        .map(|r| line(r))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Table 四 with a 序号 column before its figures, an overall 合计 after them, or both: the
/// template's 15 cells are read, the others left out. Before, 16 or 17 figures in the row left
/// the whole table out (19 facts lost on each of the 8 report forms with table 四, tabs or
/// pipes: 304 facts).
#[test]
fn table_four_with_a_number_column_and_an_overall_total_keeps_its_cells() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") || k.key["tables_present"]["review_litigation"] != true {
            continue;
        }
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let kind = gongkai::model::SectionKind::ReviewLitigationTable;
        for pipes in [false, true] {
            let body = |n, t| table_four_with(&k.key, n, t, pipes);
            let with =
                |b: &str| with_section_body(&k.source, &original, kind, "行政诉讼情况", b, true);
            // Only where the table printed plainly keeps every fact.
            let Some(control) = with(&body(false, false)) else {
                continue;
            };
            let r = gongkai::report_from_bytes(&k.name, control.as_bytes()).unwrap();
            if !regressions(&k, &score(&r, &k.key)).is_empty() {
                continue;
            }
            for (n, t) in [(true, false), (false, true), (true, true)] {
                checked += 1;
                let v = with(&body(n, t)).unwrap();
                let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
                let lost = regressions(&k, &score(&r, &k.key));
                if !lost.is_empty() {
                    failures.push(format!(
                        "{} (序号 {n}, 合计 {t}, pipes {pipes}):\n  {}",
                        k.name,
                        lost.iter()
                            .take(5)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(checked >= 24, "only {checked} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- the agency not in the title --------------------------------------------------------------

/// The report with its agency's name taken out of its title line (the first of its first 15
/// lines to hold the name and 年度报告/年报), and `opening` put on the line after the title
/// (or the crawler header's);
/// None where no such line is found.
fn agency_out_of_title(k: &Keyed, agency: &str, opening: &str) -> Option<String> {
    let lines: Vec<&str> = k.source.split('\n').collect();
    let i = lines
        .iter()
        .take(15)
        .position(|l| l.contains(agency) && (l.contains("年度报告") || l.contains("年报")))?;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[i] = lines[i].replacen(agency, "", 1);
    // (Under a crawler's header, the opening is the body's: after its 正文 line.)
    let body = lines
        .iter()
        .position(|l| l.contains("====") && l.contains("正文"))
        .filter(|&b| b > i)
        .map_or(i + 1, |b| b + 1);
    if !opening.is_empty() {
        out.insert(body, opening.to_string());
    }
    Some(out.join("\n"))
}

/// A title without its agency: the agency is read from a byline under it ("来源：某局",
/// "• 发布机构:某局") or from the title said again as the first sentence's subject ("某局2023年
/// 政府信息公开工作年度报告（以下简称年报）…"). Before, neither was read: the agency and its
/// region were lost (guangzhou-ybj-2022 and suining-chuanshan-ybj-2020 with their titles so
/// printed lost 7 facts). With no such opening, no fact may become wrong.
#[test]
fn an_agency_missing_from_the_title_is_read_from_the_opening() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") || !k.baseline.right.iter().any(|f| f == "agency") {
            continue;
        }
        let Some(agency) = k.key["agency"].as_str() else {
            continue;
        };
        let year = k.key["year"].as_i64().unwrap_or(2023);
        let openings = [
            format!("来源：{agency}"),
            format!("  • 发布机构:{agency}"),
            format!("{agency}{year}年政府信息公开工作年度报告（以下简称年报）根据《条例》编制。"),
        ];
        for opening in openings.iter().map(String::as_str).chain([""]) {
            let Some(v) = agency_out_of_title(&k, agency, opening) else {
                continue;
            };
            ran += 1;
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                .filter(|l| !opening.is_empty() || l.starts_with("WRONG"))
                .collect();
            if !lost.is_empty() {
                failures.push(format!(
                    "{} opening {opening:?}:\n  {}",
                    k.name,
                    lost.join("\n  ")
                ));
            }
        }
    }
    assert!(ran >= 20, "only {ran} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- a dash for a cell in a row of figures separated by spaces ------------------------------

/// The report with, in every line that ends with seven figures separated by spaces (table 三's
/// rows, neither tab nor pipe rows), the figure at `col` (0…6) printed as "-" where `pick`
/// accepts the row's figures; with how many were so printed.
fn dashed(source: &str, col: usize, pick: fn(&[&str]) -> bool) -> (String, usize) {
    let mut n = 0;
    let lines: Vec<String> = source
        .split('\n')
        .map(|l| {
            if l.contains(['\t', '|']) {
                return l.to_string();
            }
            let toks: Vec<(usize, &str)> = l
                .char_indices()
                .filter(|&(i, c)| {
                    !c.is_whitespace() && (i == 0 || l[..i].ends_with(char::is_whitespace))
                })
                .map(|(i, _)| {
                    let end = l[i..].find(char::is_whitespace).map_or(l.len(), |e| i + e);
                    (i, &l[i..end])
                })
                .collect();
            if toks.len() < 8 {
                return l.to_string();
            }
            let figs: Vec<&str> = toks[toks.len() - 7..].iter().map(|t| t.1).collect();
            let label = toks[toks.len() - 8].1;
            if !figs.iter().all(|f| f.bytes().all(|b| b.is_ascii_digit()))
                || label.bytes().all(|b| b.is_ascii_digit())
                || !pick(&figs)
            {
                return l.to_string();
            }
            n += 1;
            let (at, f) = toks[toks.len() - 7 + col];
            format!("{}-{}", &l[..at], &l[at + f.len()..])
        })
        .collect();
    (lines.join("\n"), n)
}

/// Where a dash is printed: the column (0…6), its key, which rows.
type DashCase = (usize, &'static str, fn(&[&str]) -> bool);

/// A dash for "nothing to report" printed for a cell among table 三's figures on a line of
/// spaces: that cell is null, every other figure of the row stays in its column. Before, a dash
/// between the figures cut the row into two runs and the row was left out (the hunt's
/// dash-in-the-middle variants lost 584 facts on 9 report forms), and a dash for the total
/// after six figures was dropped and the six placed by guess, 自然人 left blank and every figure
/// one column to the right (a `<pre>` table of shanghai-stcsm-2024: 3 wrong facts).
#[test]
fn a_dash_among_a_rows_figures_is_that_cell_only() {
    let cases: [DashCase; 2] = [
        (3, "social_welfare", |f| f[3] == "0"),
        (6, "total", |f| f[0] != "0"),
    ];
    let mut ran = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        for (col, key, pick) in cases {
            let (v, n) = dashed(&k.source, col, pick);
            if n == 0 {
                continue;
            }
            ran += 1;
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let suffix = format!(".{key}: got Some(None)");
            let bad: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                // (A check of that cell is skipped. And huaian-city-2024.layout's row
                // 2、申请人逾期未按收费通知要求缴纳费用, its label wrapped around its figures' line,
                // is left out with a dash among them, as it was before: known.)
                .filter(|l| {
                    !((l.starts_with("lost   cell requests.") && l.contains(&suffix))
                        || (l.starts_with("lost   check ") && l.contains("skipped"))
                        || (k.name == "huaian-city-2024.layout.txt"
                            && l.starts_with("lost   cell requests.other_unpaid_fee.")))
                })
                .collect();
            if !bad.is_empty() {
                failures.push(format!(
                    "{} ({n} rows with {key} as -):\n  {}",
                    k.name,
                    bad.iter().take(6).cloned().collect::<Vec<_>>().join("\n  ")
                ));
            }
        }
    }
    assert!(ran >= 6, "only {ran} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- figures with their thousands grouped -----------------------------------------------------

/// The report with every figure of four or more digits on a line of two figures or more, or of
/// a label and one figure (neither tab nor pipe rows), printed with its thousands grouped by
/// `sep`; with how many.
fn thousands_grouped(source: &str, sep: &str) -> (String, usize) {
    let mut n = 0;
    let lines: Vec<String> = source
        .split('\n')
        .map(|l| {
            let figure = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            let toks: Vec<&str> = l.split_whitespace().collect();
            // A row of figures, or a label and its one figure ("行政许可 447228").
            let row = toks.iter().filter(|t| figure(t)).count() >= 2
                || (toks.len() == 2 && !figure(toks[0]) && figure(toks[1]));
            if l.contains(['\t', '|', '年']) || !row {
                return l.to_string();
            }
            l.split(' ')
                .map(|t| {
                    if !(figure(t) && t.len() >= 4) {
                        return t.to_string();
                    }
                    n += 1;
                    let head = t.len() % 3;
                    let mut parts: Vec<&str> = Vec::new();
                    if head > 0 {
                        parts.push(&t[..head]);
                    }
                    parts.extend((head..t.len()).step_by(3).map(|i| &t[i..i + 3]));
                    parts.join(sep)
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (lines.join("\n"), n)
}

/// Figures printed with their thousands grouped ("（一）予以公开 1,288 21 0 0 50 3 1,362", or
/// with "，") on a line of figures separated by spaces, or after their label ("行政许可
/// 447,228", which normalisation glues to it): read as the figures they are. Before, the comma
/// cut the figure and the row was left out (huaian-city-2024 and hongze-2024 as extracted:
/// 46 facts on 4 report forms, each separator; table 二's single figures so printed: 14 facts
/// on 6 forms).
#[test]
fn figures_with_grouped_thousands_are_read_whole() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        for sep in [",", "，"] {
            let (v, n) = thousands_grouped(&k.source, sep);
            if n == 0 {
                continue;
            }
            ran += 1;
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let bad = regressions(&k, &score(&r, &k.key));
            if !bad.is_empty() {
                failures.push(format!(
                    "{} ({n} figures grouped by {sep:?}):\n  {}",
                    k.name,
                    bad.iter().take(6).cloned().collect::<Vec<_>>().join("\n  ")
                ));
            }
        }
    }
    // (The reports that print such figures on lines of spaces are the PDF extractions.)
    if common::shared_pdf_dir().is_some() {
        assert!(ran >= 4, "only {ran} variants");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- every 0 printed as the letter O -------------------------------------------------------

/// The report with every cell of a tab or pipe row that is "0" printed "O" (OCR's letter).
fn zeros_as_letter_o(source: &str) -> (String, usize) {
    let mut n = 0;
    let lines: Vec<String> = source
        .split('\n')
        .map(|l| {
            let sep = if l.contains('\t') {
                '\t'
            } else if l.trim_start().starts_with('|') {
                '|'
            } else {
                return l.to_string();
            };
            l.split(sep)
                .map(|c| {
                    if c.trim() == "0" {
                        n += 1;
                        c.replace('0', "O")
                    } else {
                        c.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(&sep.to_string())
        })
        .collect();
    (lines.join("\n"), n)
}

/// Every 0 of a report's tables printed as the letter O: read as 0, also in a table whose
/// every figure is so printed (table 四's one row of 0s "O O … O", no real digit in it), when
/// the report's other tables hold real figures. Before, such a table 四 was left out
/// (ruzhou-ybj-2024 and shanghai-chongming-ybj-2023: 19 facts each).
#[test]
fn a_table_of_zeros_printed_as_letters_is_read() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let (v, n) = zeros_as_letter_o(&k.source);
        if n == 0 {
            continue;
        }
        ran += 1;
        let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
        let bad = regressions(&k, &score(&r, &k.key));
        if !bad.is_empty() {
            failures.push(format!(
                "{} ({n} zeros as O):\n  {}",
                k.name,
                bad.iter().take(6).cloned().collect::<Vec<_>>().join("\n  ")
            ));
        }
    }
    assert!(ran >= 4, "only {ran} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
