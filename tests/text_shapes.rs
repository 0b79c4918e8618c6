//! The shipped reports (`corpus/`) reshaped the ways the world serves them — page chrome on the
//! same line before and after the text, the whole body flattened into one line with headings
//! glued to their text, the title printed on two lines, a page label before the title — and
//! scored against their hand-checked keys: every fact right on the original stays right.
//!
//! The HTML report gets the shapes that change its text nodes (chrome in the first and last
//! paragraph, a label in the title's); its lines are its markup, so it is not flattened or split.

use crate::common;

use common::{key_of, score, text_reports, Score, TEXT_FORMS};
use gongkai::ingest::normalize::normalize_str;
use gongkai::parse::chrome::is_chrome;
use serde_json::Value;

/// A crawl's page header, flattened onto the line of the report's first words; `{date}` is the
/// report's publication date where its key has one (a page prints the date it was published).
const CHROME_BEFORE: &str =
    "当前位置：首页 > 政务公开 > 政府信息公开年报 来源：本站 {date} 微信 微博 分享 相关链接： -->";
/// A page footer flattened onto the line of the report's last words.
const CHROME_AFTER: &str =
    "【打印本页】【关闭窗口】 版权所有：某市人民政府办公室 苏ICP备12345678号 网站标识码：3200000001";

fn run(file: &str, text: &str) -> Score {
    let r = gongkai::report_from_bytes(file, text.as_bytes()).unwrap();
    score(&r, &key_of(file))
}

/// Index of the first line of the report text (after a crawler header's "==== 正文 ====" and
/// page chrome).
fn first_text_line(lines: &[&str]) -> usize {
    let from = lines
        .iter()
        .position(|l| l.contains("====") && l.contains("正文"))
        .map_or(0, |i| i + 1);
    (from..lines.len())
        .find(|&i| {
            let n = normalize_str(lines[i]);
            !n.trim().is_empty() && !is_chrome(&n)
        })
        .unwrap_or(from)
}

/// Index of the title line: names the report (or is wrapped onto a "年度报告" line).
fn title_line(lines: &[&str]) -> Option<usize> {
    let from = first_text_line(lines);
    (from..lines.len().min(from + 6)).find(|&i| {
        let l = normalize_str(lines[i]);
        let next = lines.get(i + 1).map(|n| n.trim()).unwrap_or("");
        // A title, not a sentence about the report.
        let head = l.split("年度报告").next().unwrap_or("");
        // (A title inside a line of page chrome is not a line to reshape.)
        (l.contains("信息公开") || l.contains("政务公开"))
            && (l.contains("年度报告") || next.starts_with("年度报告"))
            && !is_chrome(&l)
            && !head.contains(['。', '，', ',', '《'])
            && !head.starts_with('本')
    })
}

fn with_lines(text: &str, f: impl FnOnce(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    f(&mut lines);
    lines.join("\n")
}

fn is_html(text: &str) -> bool {
    text.trim_start().starts_with('<')
}

/// `add` put at the start of the first paragraph's text.
fn html_prepend(text: &str, add: &str) -> Option<String> {
    let p = text.find("<p")?;
    let gt = p + text[p..].find('>')? + 1;
    Some(format!("{}{add}{}", &text[..gt], &text[gt..]))
}

/// Page chrome glued before the report's first line.
fn chrome_before(text: &str, key: &Value) -> Option<String> {
    if is_html(text) {
        let date = key["published"].as_str().unwrap_or("");
        return html_prepend(text, &format!("{} ", CHROME_BEFORE.replace("{date}", date)));
    }
    let lines: Vec<&str> = text.lines().collect();
    let i = first_text_line(&lines);
    let date = key["published"]
        .as_str()
        .map(|d| format!("时间：{d} 10:02"))
        .unwrap_or_default();
    let chrome = CHROME_BEFORE.replace("{date}", &date);
    Some(with_lines(text, |ls| {
        ls[i] = format!("{chrome} {}", ls[i].trim_start_matches(['#', ' ']));
    }))
}

/// A page footer glued after the report's last line of text.
fn chrome_after(text: &str, _key: &Value) -> Option<String> {
    if is_html(text) {
        let end = text.rfind("</p>")?;
        return Some(format!("{} {CHROME_AFTER}{}", &text[..end], &text[end..]));
    }
    let lines: Vec<&str> = text.lines().collect();
    let i = (0..lines.len()).rev().find(|&i| {
        let n = normalize_str(lines[i]);
        // (A flattened body is one long line, whatever chrome it starts with.)
        !n.trim().is_empty() && (!is_chrome(&n) || n.chars().count() > 200)
    })?;
    Some(with_lines(text, |ls| {
        ls[i] = format!("{} {CHROME_AFTER}", ls[i]);
    }))
}

/// The whole text from the title on in one line, as a crawl flattens a page: the pieces of
/// prose glued to each other (a heading runs into its text), a space where digits or Latin
/// letters meet (a table's cells stay apart).
fn one_line(text: &str, _key: &Value) -> Option<String> {
    if is_html(text) {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let from = title_line(&lines).unwrap_or_else(|| first_text_line(&lines));
    let mut flat = String::new();
    for l in &lines[from..] {
        let l = l.trim().trim_start_matches('#').trim();
        if l.is_empty() {
            continue;
        }
        let prev = flat.chars().next_back();
        let next = l.chars().next();
        let glue = match (prev, next) {
            (Some(p), Some(n)) => !(p.is_ascii_alphanumeric() || n.is_ascii_alphanumeric()),
            _ => true,
        };
        if !glue {
            flat.push(' ');
        }
        flat.push_str(l);
    }
    let mut out: Vec<String> = lines[..from].iter().map(|l| l.to_string()).collect();
    out.push(flat);
    Some(out.join("\n"))
}

/// The title printed on two lines: the agency, then "2022年度政府信息公开工作年度报告".
fn title_split(text: &str, _key: &Value) -> Option<String> {
    if is_html(text) {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let i = title_line(&lines)?;
    let line = lines[i];
    // The agency before the year: where the first digit of the title is.
    let d = line.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    let agency = line[..d].trim().trim_start_matches('#').trim();
    if agency.chars().count() < 3 {
        return None; // the title starts with its year: nothing to split
    }
    let (agency, rest) = (agency.to_string(), line[d..].to_string());
    Some(with_lines(text, |ls| {
        ls[i] = format!("{agency}\n{rest}");
    }))
}

/// The title broken before its subject: "广州市医疗保障局2022年度" / "政府信息公开工作年度报告".
fn title_split_at_subject(text: &str, _key: &Value) -> Option<String> {
    if is_html(text) {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let i = title_line(&lines)?;
    let line = lines[i];
    let d = line.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    if line[..d]
        .trim()
        .trim_start_matches('#')
        .trim()
        .chars()
        .count()
        < 3
    {
        return None;
    }
    let s = ["政府信息公开", "政务公开"]
        .iter()
        .filter_map(|w| line[d..].find(w).map(|p| d + p))
        .min()?;
    let (head, rest) = (line[..s].to_string(), line[s..].to_string());
    Some(with_lines(text, |ls| {
        ls[i] = format!("{head}\n{rest}");
    }))
}

/// A page label before the title ("标题：…").
fn labelled_title(text: &str, _key: &Value) -> Option<String> {
    if is_html(text) {
        return html_prepend(text, "标题：");
    }
    let lines: Vec<&str> = text.lines().collect();
    let i = title_line(&lines)?;
    Some(with_lines(text, |ls| {
        ls[i] = format!("标题：{}", ls[i].trim_start_matches(['#', ' ']));
    }))
}

/// Headings decorated as WeChat articles and web editors print them: a symbol or an emoji
/// before each numbered heading ("■ 一、总体情况", "◆（一）主动公开", "📌二、…"), markdown marks
/// kept in front of it.
fn decorated_headings(text: &str, _key: &Value) -> Option<String> {
    if is_html(text) {
        return None;
    }
    let top = |s: &str| {
        let mut c = s.chars();
        matches!(
            c.next(),
            Some('一' | '二' | '三' | '四' | '五' | '六' | '七')
        ) && c.next() == Some('、')
    };
    let sub = |s: &str| s.starts_with('（') || s.starts_with('(');
    let mut changed = 0;
    let out = with_lines(text, |ls| {
        for l in ls.iter_mut() {
            let body = l.trim_start_matches(['#', ' ', '*']);
            let marks = &l[..l.len() - body.len()];
            let deco = if top(body) {
                ["■ ", "📌", "▶"][changed % 3]
            } else if sub(body) && body.chars().nth(2).is_some_and(|c| c == '）' || c == ')') {
                ["◆", "🔹", "★"][changed % 3]
            } else {
                continue;
            };
            *l = format!("{marks}{deco}{body}");
            changed += 1;
        }
    });
    (changed >= 3).then_some(out)
}

type Shape = fn(&str, &Value) -> Option<String>;

const SHAPES: &[(&str, Shape)] = &[
    ("chrome_before", chrome_before),
    ("chrome_after", chrome_after),
    ("one_line", one_line),
    ("title_split", title_split),
    ("title_split_at_subject", title_split_at_subject),
    ("labelled_title", labelled_title),
    ("decorated_headings", decorated_headings),
    ("one_line_decorated", |t, k| {
        decorated_headings(t, k).and_then(|t| one_line(&t, k))
    }),
    ("one_line+chrome", |t, k| {
        one_line(t, k)
            .and_then(|t| chrome_before(&t, k))
            .and_then(|t| chrome_after(&t, k))
    }),
];

/// A fact read from a table (a cell, a check on cells, a table's presence).
fn is_table_fact(d: &str) -> bool {
    ["cell ", "check ", "table "]
        .iter()
        .any(|p| d.starts_with(p))
}

/// Every fact right on the original stays right after the reshaping. Flattening a body also
/// flattens its tables into runs of figures (a markdown table loses its rows, a table shattered
/// one cell per line loses its columns): reading those is the table parser's work, so for those
/// shapes the table facts are reported, not asserted.
fn check(shape: &str) -> (usize, Vec<String>) {
    let f = SHAPES.iter().find(|(n, _)| *n == shape).unwrap().1;
    let flattens = shape.starts_with("one_line");
    let mut passed = 0;
    let mut failures = Vec::new();
    for (file, text) in text_reports(TEXT_FORMS, true) {
        let Some(shaped) = f(&text, &key_of(&file)) else {
            continue;
        };
        let before = run(&file, &text);
        let after = run(&file, &shaped);
        let (lost, table_lost): (Vec<&String>, Vec<&String>) = after
            .wrong
            .iter()
            .chain(&after.missing)
            .filter(|d| !before.wrong.contains(d) && !before.missing.contains(d))
            .partition(|d| !(flattens && is_table_fact(d)));
        if !table_lost.is_empty() {
            eprintln!(
                "note: {file} ({shape}): {} table facts lost to the flattened tables (tables.rs/cells.rs/split.rs)",
                table_lost.len()
            );
        }
        // A flattened table may lose cells, never read one wrong.
        let table_wrong: Vec<&&String> = table_lost
            .iter()
            .filter(|d| after.wrong.contains(d))
            .collect();
        if lost.is_empty() && table_wrong.is_empty() {
            passed += 1;
        } else {
            failures.push(format!(
                "{file} ({shape}): {}/{} right, was {}/{}\n  {}",
                after.right.len(),
                after.total(),
                before.right.len(),
                before.total(),
                if table_wrong.is_empty() {
                    after.report()
                } else {
                    format!("flattened tables read wrong: {table_wrong:?}")
                }
            ));
        }
    }
    eprintln!("{shape}: {passed} reports keep every fact");
    (passed, failures)
}

macro_rules! shape_tests {
    ($($name:ident => $shape:literal),* $(,)?) => {
        $( #[test] fn $name() {
            let (passed, failures) = check($shape);
            assert!(failures.is_empty(), "{}", failures.join("\n"));
            assert!(passed > 0, "{}: no report could be reshaped", $shape);
        } )*
    };
}

shape_tests! {
    chrome_glued_before_the_text => "chrome_before",
    chrome_glued_after_the_text => "chrome_after",
    body_in_one_line => "one_line",
    title_on_two_lines => "title_split",
    title_broken_before_its_subject => "title_split_at_subject",
    page_label_before_the_title => "labelled_title",
    one_line_between_chrome => "one_line+chrome",
    headings_behind_symbols => "decorated_headings",
    one_line_headings_behind_symbols => "one_line_decorated",
}

/// The pre-2019 layout (2008–2018: 一、概述 二、主动公开政府信息情况 三、依申请公开政府信息情况
/// 四、收费及减免 五、行政复议、行政诉讼 六、存在的主要问题 七、其他需要报告的事项): every keyed
/// fact right, no table and no template (statistics in prose are no table: nothing invented).
#[test]
fn pre2019_reports_read_exactly() {
    for file in ["pre2019-county-office-2015.txt", "pre2019-crawled-2012.txt"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/{file}")).unwrap();
        let r = gongkai::report_from_bytes(file, text.as_bytes()).unwrap();
        let s = score(&r, &key_of(file));
        assert!(s.exact(), "{file}\n  {}", s.report());
        assert!(r.template.is_none() && r.tables.get("disclosure").is_none());
        assert!(
            r.warnings.iter().any(|w| w.contains("pre-2019")),
            "{file}: {:?}",
            r.warnings
        );
    }
}

/// The layouts are told apart by subject, not number: a pre-2019 report whose first part is
/// 总体情况 (not 概述) is still one by its 收费及减免 part; without it and without 概述, its
/// 依申请公开 part after 主动公开政府信息情况 tells it.
#[test]
fn pre2019_told_by_subject() {
    let text = std::fs::read_to_string("tests/fixtures/pre2019-county-office-2015.txt").unwrap();
    let summary = text.replace("一、概述", "一、总体情况");
    let no_fees = summary.replace("四、政府信息公开的收费及减免情况", "四、其他有关情况");
    for variant in [summary, no_fees] {
        let r = gongkai::report_from_bytes("v.txt", variant.as_bytes()).unwrap();
        let kinds: Vec<&str> = r.sections.iter().map(|s| s.kind.key()).collect();
        assert_eq!(
            &kinds[..4],
            ["preamble", "overview", "proactive", "on_request"]
        );
        assert!(r.template.is_none() && r.tables.get("requests").is_none());
        assert!(kinds.contains(&"review_litigation_table") && kinds.contains(&"other"));
    }
}

/// Cutting chrome shifts no offset: with chrome glued before and after the text, every figure's
/// provenance still points at the same printed cell (shifted by exactly the chrome added before
/// it), and every section's at its heading.
#[test]
fn provenance_survives_chrome() {
    for (file, text) in text_reports(TEXT_FORMS, true) {
        let key = key_of(&file);
        let Some(shaped) = chrome_before(&text, &key).and_then(|t| chrome_after(&t, &key)) else {
            continue;
        };
        let before = gongkai::report_from_bytes(&file, text.as_bytes()).unwrap();
        let after = gongkai::report_from_bytes(&file, shaped.as_bytes()).unwrap();
        for (k, c) in &after.provenance.cells {
            assert_eq!(
                shaped.get(c.offset..c.offset + c.raw.len()),
                Some(c.raw.as_str()),
                "{file}: {k}"
            );
            let orig = &before.provenance.cells[k];
            assert_eq!(c.raw, orig.raw, "{file}: {k}");
            assert_eq!(c.line, orig.line, "{file}: {k}: lines are kept");
        }
        for (s, p) in after.sections.iter().zip(&after.provenance.sections) {
            let Some(title) = &s.title else { continue };
            let printed: String = shaped[p.offset..].chars().take(1).collect();
            let first: String = title.chars().take(1).collect();
            assert_eq!(normalize_str(&printed), first, "{file}: {title}");
        }
    }
}

/// A 2021-format report whose headings read like the pre-2019 layout (一、概述, 三、依申请公开
/// 政府信息情况) still has its tables read: the standard tables' own labels decide.
#[test]
fn standard_tables_are_never_taken_for_pre2019_prose() {
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let old_headings = text.replace("一、总体情况", "一、概述").replace(
        "三、收到和处理政府信息公开申请情况",
        "三、依申请公开政府信息情况",
    );
    let r = gongkai::report_from_bytes("g.txt", old_headings.as_bytes()).unwrap();
    assert!(
        !r.warnings.iter().any(|w| w.contains("pre-2019")),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.template.map(|t| t.as_str()), Some("2021"));
    assert_eq!(
        r.tables.figure("disclosure.normative_documents.in_force"),
        Some(21.0)
    );
}

/// Every figure of a report's tables, by key.
fn figures(r: &gongkai::model::Report) -> Vec<(String, Option<f64>)> {
    let v = serde_json::to_value(&r.tables).unwrap();
    let mut out = Vec::new();
    for (t, rows) in v.as_object().unwrap() {
        for (row, cols) in rows.as_object().into_iter().flatten() {
            for (col, n) in cols.as_object().into_iter().flatten() {
                out.push((format!("{t}.{row}.{col}"), n.as_f64()));
            }
        }
    }
    out
}

/// A cell printed as a dash, a slash or 无 ("nothing to report") in a table of one cell a line,
/// bare or indented with a tab: that cell, and only it, is blank; no value moves into it from
/// its neighbours and its row is not lost. A lone "—" or "-" was taken for a rule (page chrome,
/// a markdown separator), and the row's values shifted left or the row was left out.
#[test]
fn a_cell_printed_as_a_dash_is_blank_and_its_neighbours_stay() {
    for file in ["guangzhou-ybj-2022.txt", "shanghai-chongming-ybj-2023.txt"] {
        let text = std::fs::read_to_string(format!("corpus/{file}")).unwrap();
        let original = figures(&gongkai::report_from_bytes(file, text.as_bytes()).unwrap());
        let zero_lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == "0")
            .map(|(i, _)| i)
            .collect();
        assert!(zero_lines.len() > 40, "{file}");
        // Cells spread over the three tables.
        for &at in zero_lines.iter().step_by(zero_lines.len() / 9) {
            for (mark, indent) in [("—", ""), ("-", ""), ("－", ""), ("/", "\t"), ("无", "\t")]
            {
                for indent in [indent, if indent.is_empty() { "\t" } else { "" }] {
                    let changed = with_lines(&text, |lines| {
                        for l in lines.iter_mut() {
                            if l.trim() == "0" && indent == "\t" {
                                *l = "\t0".into();
                            }
                        }
                        lines[at] = format!("{indent}{mark}");
                    });
                    let got =
                        figures(&gongkai::report_from_bytes(file, changed.as_bytes()).unwrap());
                    let diff: Vec<_> = original
                        .iter()
                        .filter(|o| !got.contains(o))
                        .map(|o| (o, got.iter().find(|g| g.0 == o.0)))
                        .collect();
                    let what = format!("{file} line {} as {indent:?}{mark}", at + 1);
                    assert_eq!(diff.len(), 1, "{what}: {diff:?}");
                    let (was, now) = diff[0];
                    assert_eq!(was.1, Some(0.0), "{what}");
                    assert_eq!(now.map(|n| n.1), Some(None), "{what}: {}", was.0);
                    assert_eq!(got.len(), original.len(), "{what}");
                }
            }
        }
    }
}

/// Table 四 as agencies lay it out: the three groups as rows under a merged 行政诉讼 label (its
/// cell left blank on the second group's row), or each group under its own header; printed
/// transposed (results as rows), it is refused rather than read in the wrong order.
#[test]
fn table_four_by_groups_or_refused_when_transposed() {
    let file = "ruzhou-ybj-2024.txt";
    let text = std::fs::read_to_string(format!("corpus/{file}")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains("四、政府信息公开行政复议"))
        .unwrap();
    let end = lines.iter().position(|l| l.starts_with("五、")).unwrap();
    let with_table = |rows: &[&str]| {
        let mut out: Vec<&str> = lines[..=head].to_vec();
        out.extend_from_slice(rows);
        out.extend_from_slice(&lines[end..]);
        out.join("\n")
    };
    let want = [
        ("review", [3.0, 1.0, 1.0, 0.0, 5.0]),
        ("litigation_direct", [2.0, 0.0, 1.0, 1.0, 4.0]),
        ("litigation_after_review", [1.0, 1.0, 0.0, 0.0, 2.0]),
    ];
    let header = "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
    for rows in [
        vec![
            header,
            "行政复议\t3\t1\t1\t0\t5",
            "行政诉讼\t未经复议直接起诉\t2\t0\t1\t1\t4",
            "\t复议后起诉\t1\t1\t0\t0\t2",
        ],
        vec![
            "行政复议",
            header,
            "3\t1\t1\t0\t5",
            "行政诉讼（未经复议直接起诉）",
            header,
            "2\t0\t1\t1\t4",
            "行政诉讼（复议后起诉）",
            header,
            "1\t1\t0\t0\t2",
        ],
    ] {
        let r = gongkai::report_from_bytes(file, with_table(&rows).as_bytes()).unwrap();
        let t = r.tables.review_litigation.as_ref().expect("table 四 read");
        for (group, values) in want {
            let got: Vec<Option<f64>> = ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .map(|c| t[group][*c].map(|n| n.0))
                .collect();
            let values: Vec<Option<f64>> = values.iter().map(|v| Some(*v)).collect();
            assert_eq!(got, values, "{group} in {rows:?}");
        }
    }
    let transposed = [
        "\t行政复议\t未经复议直接起诉\t复议后起诉",
        "结果维持\t3\t2\t1",
        "结果纠正\t1\t0\t1",
        "其他结果\t1\t1\t0",
        "尚未审结\t0\t1\t0",
        "总计\t5\t4\t2",
    ];
    // All zeros (most reports): the order does not matter, the table is read.
    let zeros: Vec<String> = transposed
        .iter()
        .map(|l| {
            l.split('\t')
                .map(|f| if f.parse::<u32>().is_ok() { "0" } else { f })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    let zeros: Vec<&str> = zeros.iter().map(String::as_str).collect();
    let r = gongkai::report_from_bytes(file, with_table(&zeros).as_bytes()).unwrap();
    let t = r
        .tables
        .review_litigation
        .as_ref()
        .expect("all-zero table 四 read");
    assert_eq!(t["review"]["total"].map(|n| n.0), Some(0.0));
    let r = gongkai::report_from_bytes(file, with_table(&transposed).as_bytes()).unwrap();
    assert!(r.tables.review_litigation.is_none());
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("table 四: its column headers are printed between")),
        "{:?}",
        r.warnings
    );
}

/// A table drawn with box characters, as `w3m -dump` or a terminal prints a web page's table:
/// borders read as a pipe table's, numbers touching a border, a label going on inside its cell
/// on the next line (whose other cells are empty there, not blank cells).
#[test]
fn tables_drawn_with_box_characters() {
    let box_row = |cells: &[&str]| format!("│{}│", cells.join("│"));
    let rule = "├──────────┼────┼────┼────┤";
    let mut t = vec![
        "某局2023年政府信息公开工作年度报告".to_string(),
        "一、总体情况".into(),
        "本年度，本机关主动公开信息。".into(),
        "二、主动公开政府信息情况".into(),
        "┌──────────┬────┬────┬────┐".into(),
        box_row(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        rule.into(),
        box_row(&["规章", "3 ", " 1", "12"]),
        rule.into(),
        box_row(&["行政规范性文件", "7", "0", " 40 "]),
        box_row(&["（含其他文件）", "", "", ""]),
        rule.into(),
        box_row(&["信息内容", "本年处理决定数量", "", ""]),
        rule.into(),
        box_row(&["行政许可", "55", "", ""]),
        "└──────────┴────┴────┴────┘".into(),
        "五、存在的主要问题及改进情况".into(),
        "一是公开不够及时。".into(),
    ];
    t.push(String::new());
    let r = gongkai::report_from_bytes("w3m.txt", t.join("\n").as_bytes()).unwrap();
    let d = r.tables.disclosure.as_ref().expect("table 二 read");
    let n = |row: &str, col: &str| d[row][col].map(|n| n.0);
    assert_eq!(
        [
            n("rules", "issued"),
            n("rules", "repealed"),
            n("rules", "in_force")
        ],
        [Some(3.0), Some(1.0), Some(12.0)]
    );
    assert_eq!(
        [
            n("normative_documents", "issued"),
            n("normative_documents", "repealed"),
            n("normative_documents", "in_force")
        ],
        [Some(7.0), Some(0.0), Some(40.0)]
    );
    assert_eq!(n("licensing", "decisions"), Some(55.0));
}

/// Table 三 laid out with spaces, as `pdftotext -layout`, lynx and pandoc's plain tables print
/// it, by an agency that leaves 0 blank: each row prints only its other figures, under the
/// columns they belong to (counted in characters, as pdftotext and lynx count a Han character,
/// or in display width, as w3m and a fixed-width font do). The figures are read into their own
/// columns and the blank cells are blank. Before, such a row (5 figures for 7 cells) was left
/// out whole, and the table with it.
#[test]
fn table_three_laid_out_with_spaces_leaving_zeros_blank() {
    use unicode_width::UnicodeWidthStr;
    const NAMES: [&str; 7] = [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ];
    // Zeros printed blank in these columns (research, social_welfare).
    const BLANKED: [usize; 2] = [2, 3];
    let mut laid_out = 0;
    for (file, text) in text_reports(TEXT_FORMS, true) {
        if is_html(&text) {
            continue;
        }
        let original = gongkai::report_from_bytes(&file, text.as_bytes()).unwrap();
        let Some(requests) = original.tables.requests.as_ref() else {
            continue;
        };
        // Laid out on one page, and continued on a second page without its header, which a
        // layout measures afresh: its columns further apart and further along.
        for (by_width, paged) in [(false, false), (true, false), (false, true), (true, true)] {
            let width = |s: &str| {
                if by_width {
                    UnicodeWidthStr::width(s)
                } else {
                    s.chars().count()
                }
            };
            let pad_to = |s: &mut String, col: usize| {
                let w = width(s);
                s.push_str(&" ".repeat(col.saturating_sub(w).max(1)));
            };
            let (mut label_w, mut col_w) = (60, 14);
            let header = {
                let mut h = String::new();
                for (i, name) in NAMES.iter().enumerate() {
                    pad_to(&mut h, label_w + i * col_w);
                    h.push_str(name);
                }
                h
            };
            let mut rows = 0;
            let mut header_put = false;
            let mut out: Vec<String> = Vec::new();
            for line in text.lines() {
                let sep = if line.contains('\t') {
                    '\t'
                } else if line.trim_start().starts_with('|') {
                    '|'
                } else {
                    out.push(line.to_string());
                    continue;
                };
                let fields: Vec<&str> = line.split(sep).map(str::trim).collect();
                let numeric: Vec<usize> = (0..fields.len())
                    .filter(|&i| {
                        !fields[i].is_empty() && fields[i].bytes().all(|b| b.is_ascii_digit())
                    })
                    .collect();
                // The header's own lines are replaced by one laid out with the figures.
                if numeric.is_empty() && (line.contains("自然人") || line.contains("商业企业"))
                {
                    continue;
                }
                if numeric.len() != 7 || numeric[6] - numeric[0] != 6 {
                    out.push(line.to_string());
                    continue;
                }
                if !header_put {
                    out.push(header.clone());
                    header_put = true;
                }
                if paged && rows == 12 {
                    out.extend(["".into(), "-4-".into(), "\u{c}".into()]);
                    (label_w, col_w) = (66, 17);
                }
                let label: Vec<&str> = fields[..numeric[0]]
                    .iter()
                    .copied()
                    .filter(|f| !f.is_empty() && !f.chars().all(|c| c == '-' || c == ':'))
                    .collect();
                // A row whose label is printed apart (a converter's broken table) is no layout
                // of one row a line: the report is left out.
                if label.is_empty() {
                    rows = 0;
                    break;
                }
                // A label too long for its column wraps within it, as layouts print it: the
                // figures stand on its first line.
                let label: Vec<char> = label.join(" ").chars().collect();
                let mut parts = label.chunks(26).map(|c| c.iter().collect::<String>());
                let mut row = parts.next().unwrap_or_default();
                for (c, &i) in numeric.iter().enumerate() {
                    if BLANKED.contains(&c) && fields[i] == "0" {
                        continue;
                    }
                    pad_to(&mut row, label_w + c * col_w);
                    row.push_str(fields[i]);
                }
                out.push(row);
                out.extend(parts);
                rows += 1;
            }
            if rows < 10 {
                continue;
            }
            laid_out += 1;
            let variant = out.join("\n");
            let r = gongkai::report_from_bytes(&file, variant.as_bytes()).unwrap();
            let got = r.tables.requests.as_ref().unwrap_or_else(|| {
                panic!("{file} (width {by_width}, paged {paged}): table 三 lost")
            });
            for (row, cols) in requests {
                for (c, (col, v)) in cols.iter().enumerate() {
                    let want = match v {
                        Some(n) if BLANKED.contains(&c) && n.0 == 0.0 => None,
                        v => v.map(|n| n.0),
                    };
                    let have = got
                        .get(row)
                        .and_then(|r| r.get(col))
                        .and_then(|v| v.map(|n| n.0));
                    assert_eq!(
                        have, want,
                        "{file} (width {by_width}, paged {paged}): {row}.{col}"
                    );
                }
            }
        }
    }
    assert!(laid_out >= 8, "only {laid_out} layouts made");
}

/// The fees' amount printed in 元, where the template has 万元: as a figure ending "元", and as
/// a bare figure under a header in 元. Either is read in 万元 (a figure ten thousand times too
/// large otherwise), with a warning; every other fact stays.
#[test]
fn fees_printed_in_yuan_are_read_in_wan_yuan() {
    let mut tried = 0;
    for (file, text) in text_reports(TEXT_FORMS, true) {
        let key = key_of(&file);
        let Some(want) = key["cells"]["disclosure.fees.amount"].as_f64() else {
            continue;
        };
        let printed = format!("{want}");
        let yuan = format!("{}", (want * 10_000.0).round());
        // The amount as printed: the first such figure after the row's label.
        let Some(label) = text.find("行政事业性收费") else {
            continue;
        };
        let Some(at) = text[label..].find(&printed).map(|p| label + p) else {
            continue;
        };
        let after = &text[at + printed.len()..];
        if after.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let suffixed = format!("{}{yuan}元{after}", &text[..at]);
        let header = text[..at].rfind("万元").map(|h| {
            format!(
                "{}元{}{yuan}{after}",
                &text[..h],
                &text[h + "万元".len()..at]
            )
        });
        for (shape, variant) in [("suffix", Some(suffixed)), ("header", header)] {
            let Some(variant) = variant else { continue };
            let r = gongkai::report_from_bytes(&file, variant.as_bytes()).unwrap();
            let got = r
                .tables
                .disclosure
                .as_ref()
                .and_then(|t| t.get("fees"))
                .and_then(|row| row.get("amount").copied().flatten())
                .map(|n| n.0);
            assert_eq!(got, Some(want), "{file} ({shape})");
            if want != 0.0 {
                assert!(
                    r.warnings.iter().any(|w| w.contains("printed in 元")),
                    "{file} ({shape}): no warning in {:?}",
                    r.warnings
                );
            }
            assert_eq!(
                run(&file, &variant).right,
                run(&file, &text).right,
                "{file} ({shape})"
            );
            tried += 1;
        }
    }
    assert!(tried >= 8, "only {tried} variants made");
}

/// The marks of a page's share buttons whose words a print left out ("•-", as guangzhou's page
/// printed to PDF reads), on a line just above part 一: no section of their own (before, a
/// preamble of marks alone, ahead of the report's first part).
#[test]
fn marks_above_part_one_make_no_preamble() {
    let mut checked = 0;
    for (file, text) in text_reports(TEXT_FORMS, false) {
        let Some(at) = text.find("\n一、").map(|i| i + 1) else {
            continue;
        };
        let kinds = |t: &str| -> Vec<gongkai::model::SectionKind> {
            gongkai::report_from_bytes(&file, t.as_bytes())
                .unwrap()
                .sections
                .iter()
                .map(|s| s.kind)
                .collect()
        };
        for marks in ["•-", "• • •", "|"] {
            let mut marked = text.clone();
            marked.insert_str(at, &format!("{marks}\n"));
            assert_eq!(kinds(&marked), kinds(&text), "{file} with {marks}");
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
}
