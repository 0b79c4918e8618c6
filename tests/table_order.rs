//! Tables printed out of their usual place, made from every shipped text report and scored
//! against its key: the statistics tables 二 三 四 moved after 六 (keeping their numbers,
//! renumbered after 一 五 六, under an attachment line, or by their titles alone), and table 二
//! as a PDF viewer copies it (its labels first, then its figures row by row).
//!
//! The web page report is left out: its lines are its markup, which a move of text would break.

use crate::common;

use common::{key_of, score, text_reports, Score};
use gongkai::model::template::{self, RowDef};
use gongkai::model::{Report, SectionKind, Template};
use serde_json::Value;

/// The shipped text reports (txt and md) with their keys.
fn reports() -> Vec<(String, String, Value)> {
    let v: Vec<(String, String, Value)> = text_reports(&["txt", "md"], false)
        .into_iter()
        .map(|(file, text)| {
            let key = key_of(&file);
            (file, text, key)
        })
        .collect();
    assert!(v.len() >= 8, "the shipped text reports");
    v
}

fn parse(file: &str, text: &str) -> Report {
    gongkai::report_from_bytes(file, text.as_bytes()).unwrap()
}

/// Where the heading of `kind` starts, as the original parse placed it: the start of its line,
/// or the heading itself in a line of text (a crawl flattened into one line).
fn heading_line(r: &Report, text: &str, kind: SectionKind) -> Option<usize> {
    let at = r
        .provenance
        .sections
        .iter()
        .find(|s| s.kind == kind)?
        .offset;
    let line = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let marks_only = text[line..at]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '#' | '*'));
    Some(if marks_only { line } else { at })
}

const TABLES: [SectionKind; 3] = [
    SectionKind::DisclosureTable,
    SectionKind::RequestsTable,
    SectionKind::ReviewLitigationTable,
];

/// The numeral a heading's line starts with (after markdown marks and white space), and where.
fn numeral_at(text: &str, line: usize) -> Option<(usize, char)> {
    let l = &text[line..];
    let skip = l.len() - l.trim_start_matches(['#', '*', ' ', '\u{3000}']).len();
    let c = l[skip..].chars().next()?;
    ("一二三四五六".contains(c) && l[skip + c.len_utf8()..].starts_with('、'))
        .then_some((line + skip, c))
}

/// How the moved tables are printed.
#[derive(Clone, Copy, Debug)]
enum Moved {
    /// With their own numbers (二 三 四 after 六).
    AsNumbered,
    /// Renumbered in the printed order: 一, 二 (problems), 三 (other), 四 五 六 (the tables).
    Renumbered,
    /// Under an attachment line, with their own numbers.
    UnderAttachment,
    /// Under an attachment line, by their titles alone (numbers dropped).
    TitlesUnderAttachment,
}

/// The report with 二 三 四 (from 二's heading to 五's) moved to the end, after 六 and what
/// follows it. None when the report's headings do not allow it.
fn tables_after_six(file: &str, text: &str, how: Moved) -> Option<String> {
    let r = parse(file, text);
    let a = heading_line(&r, text, SectionKind::DisclosureTable)?;
    let b = heading_line(&r, text, SectionKind::Problems)?;
    if b <= a {
        return None;
    }
    // Each numbered heading: its numeral's place and the numeral it gets.
    let mut renumber: Vec<(usize, char, char)> = Vec::new();
    let mut drop_number: Vec<usize> = Vec::new();
    match how {
        Moved::Renumbered => {
            for (kind, to) in [
                (SectionKind::Problems, '二'),
                (SectionKind::Other, '三'),
                (SectionKind::DisclosureTable, '四'),
                (SectionKind::RequestsTable, '五'),
                (SectionKind::ReviewLitigationTable, '六'),
            ] {
                // (An unnumbered heading stays so; a report numbering its parts otherwise is
                // renumbered all the same.)
                if let Some((at, c)) = numeral_at(text, heading_line(&r, text, kind)?) {
                    renumber.push((at, c, to));
                }
            }
        }
        Moved::TitlesUnderAttachment => {
            for kind in TABLES {
                let line = heading_line(&r, text, kind)?;
                // Titles alone on their lines (a crawl flattened into one line prints its
                // attachment so no more than its numbered headings).
                if line > 0 && !text[..line].ends_with('\n') {
                    return None;
                }
                if let Some((at, _)) = numeral_at(text, line) {
                    drop_number.push(at);
                }
            }
        }
        _ => {}
    }
    if matches!(how, Moved::Renumbered) && renumber.len() < 3 {
        return None; // too few numbered headings to tell a renumbering
    }
    let mut t = text.to_string();
    // From the end, so that earlier places stay where they are.
    let mut edits: Vec<(usize, usize, String)> = renumber
        .iter()
        .map(|&(at, from, to)| (at, at + from.len_utf8(), to.to_string()))
        .chain(
            drop_number
                .iter()
                .map(|&at| (at, at + "二、".len(), String::new())),
        )
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let (mut a2, mut b2) = (a, b);
    for (from, to, with) in edits {
        t.replace_range(from..to, &with);
        let shift = |p: usize| {
            if p > from {
                p + with.len() - (to - from)
            } else {
                p
            }
        };
        a2 = shift(a2);
        b2 = shift(b2);
    }
    let attachment = match how {
        Moved::UnderAttachment | Moved::TitlesUnderAttachment => "附件：政府信息公开情况统计表\n\n",
        _ => "",
    };
    Some(format!(
        "{}{}\n\n{attachment}{}",
        &t[..a2],
        t[b2..].trim_end(),
        &t[a2..b2]
    ))
}

/// The key with the table sections printed last.
fn key_with_tables_last(key: &Value) -> Value {
    let mut k = key.clone();
    let kinds: Vec<Value> = key["section_kinds"].as_array().unwrap().clone();
    let is_table = |v: &Value| v.as_str().is_some_and(|s| s.ends_with("_table"));
    let mut reordered: Vec<Value> = kinds.iter().filter(|v| !is_table(v)).cloned().collect();
    reordered.extend(kinds.iter().filter(|v| is_table(v)).cloned());
    k["section_kinds"] = Value::Array(reordered);
    k
}

/// Facts right on the original that the reshaped report gets wrong or misses.
fn lost(before: &Score, after: &Score) -> Vec<String> {
    after
        .wrong
        .iter()
        .chain(&after.missing)
        .filter(|d| before.right.contains(d))
        .cloned()
        .collect()
}

fn check_moved(how: Moved) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text, key) in reports() {
        let Some(moved) = tables_after_six(&file, &text, how) else {
            continue;
        };
        checked += 1;
        let before = score(&parse(&file, &text), &key);
        let r = parse(&file, &moved);
        let after = score(&r, &key_with_tables_last(&key));
        let lost = lost(&before, &after);
        // The sections in their printed order: the tables last, each once.
        let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
        let tables_at: Vec<usize> = TABLES
            .iter()
            .filter_map(|k| kinds.iter().position(|x| x == k))
            .collect();
        let other_at = kinds.iter().position(|k| *k == SectionKind::Other);
        let in_order = tables_at.len() == 3
            && tables_at.windows(2).all(|w| w[0] < w[1])
            && other_at.is_some_and(|o| o < tables_at[0])
            && TABLES
                .iter()
                .all(|k| kinds.iter().filter(|x| *x == k).count() == 1);
        if !lost.is_empty() || !in_order {
            failures.push(format!(
                "{file} ({how:?}): {}/{} right, was {}/{}; kinds {kinds:?}\n  lost {lost:?}\n  {}",
                after.right.len(),
                after.total(),
                before.right.len(),
                before.total(),
                after.report()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 7,
        "{how:?}: only {checked} reports could be reshaped"
    );
}

#[test]
fn tables_after_six_with_their_own_numbers() {
    check_moved(Moved::AsNumbered);
}

#[test]
fn tables_after_six_renumbered() {
    check_moved(Moved::Renumbered);
}

#[test]
fn tables_after_six_under_an_attachment_line() {
    check_moved(Moved::UnderAttachment);
}

#[test]
fn tables_after_six_by_their_titles_under_an_attachment_line() {
    check_moved(Moved::TitlesUnderAttachment);
}

/// The tables printed as an attachment after 六 while 二 三 四 in the body say so in a sentence
/// (none printed in the body at all is `tables_after_six_under_an_attachment_line`): the sections
/// stay as printed, and every figure is read from the attachment.
#[test]
fn tables_in_an_attachment_while_the_body_says_so_in_words() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text, key) in reports() {
        let Some(moved) = tables_after_six(&file, &text, Moved::UnderAttachment) else {
            continue;
        };
        let r = parse(&file, &text);
        let (Some(a), Some(b)) = (
            heading_line(&r, &text, SectionKind::DisclosureTable),
            heading_line(&r, &text, SectionKind::Problems),
        ) else {
            continue;
        };
        // The moved text starts with what preceded 二: put the words where 二 was.
        let words = "二、主动公开政府信息情况\n\n本机关主动公开政府信息情况详见附件。\n\n\
             三、收到和处理政府信息公开申请情况\n\n本年度收到和处理政府信息公开申请情况详见附件。\n\n\
             四、政府信息公开行政复议、行政诉讼情况\n\n详见附件。\n\n";
        let shaped = format!("{}{words}{}", &moved[..a], &moved[a..]);
        let heading: String = text[b..].chars().take(2).collect();
        assert!(shaped[a + words.len()..].starts_with(&heading));
        checked += 1;
        let before = score(&r, &key);
        let after_r = parse(&file, &shaped);
        let after = score(&after_r, &key);
        let lost = lost(&before, &after);
        if !lost.is_empty() {
            let kinds: Vec<SectionKind> = after_r.sections.iter().map(|s| s.kind).collect();
            failures.push(format!("{file}: kinds {kinds:?}\n  {}", lost.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 7, "only {checked} reports could be reshaped");
}

/// A key's figure for a cell, as a report prints it (None: not keyed, a blank).
fn printed_figure(key: &Value, cell: &str) -> Option<String> {
    let v = key["cells"].get(cell)?;
    if let Some(i) = v.as_i64() {
        return Some(i.to_string());
    }
    v.as_f64().map(|f| f.to_string())
}

/// Table 二 as a PDF viewer copies it, made from the key: the column headers and row labels one
/// per line, then the figures of each row on a line (a blank cell printed as nothing). With
/// `blank`, that cell is printed blank. None when the key has no figure of the table.
fn labels_then_figures(key: &Value, blank: Option<&str>) -> Option<(String, Vec<String>)> {
    let t = match key["template"].as_str()? {
        "2019" => Template::Y2019,
        _ => Template::Y2021,
    };
    let rows: &[RowDef] = template::disclosure_rows(t);
    let mut labels: Vec<String> = Vec::new();
    let mut figures: Vec<String> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut last_columns: Option<&[template::Column]> = None;
    for row in rows {
        if last_columns.is_none_or(|c| !std::ptr::eq(c, row.columns)) {
            labels.push("信息内容".into());
            labels.extend(row.columns.iter().map(|c| c.label.to_string()));
            last_columns = Some(row.columns);
        }
        labels.push(row.label.to_string());
        let mut line: Vec<String> = Vec::new();
        for c in row.columns {
            let cell = format!("disclosure.{}.{}", row.key, c.key);
            match printed_figure(key, &cell) {
                Some(f) if blank != Some(cell.as_str()) => {
                    line.push(f);
                    cells.push(cell);
                }
                _ => {}
            }
        }
        if !line.is_empty() {
            figures.push(line.join(" "));
        }
    }
    (!cells.is_empty()).then(|| {
        (
            format!(
                "二、主动公开政府信息情况\n\n{}\n{}\n\n",
                labels.join("\n"),
                figures.join("\n")
            ),
            cells,
        )
    })
}

/// Table 二 copied column by column after its labels (as some PDF viewers select): every
/// figure on a line of its own, the first column's top to bottom, then the second's…
fn labels_then_columns(key: &Value) -> Option<String> {
    let t = match key["template"].as_str()? {
        "2019" => Template::Y2019,
        _ => Template::Y2021,
    };
    let rows: &[RowDef] = template::disclosure_rows(t);
    let labels: Vec<&str> = rows.iter().map(|r| r.label).collect();
    let width = rows.iter().map(|r| r.columns.len()).max()?;
    let mut figures: Vec<String> = Vec::new();
    for j in 0..width {
        for row in rows {
            if let Some(c) = row.columns.get(j) {
                figures.push(printed_figure(
                    key,
                    &format!("disclosure.{}.{}", row.key, c.key),
                )?);
            }
        }
    }
    Some(format!(
        "二、主动公开政府信息情况\n\n{}\n{}\n\n",
        labels.join("\n"),
        figures.join("\n")
    ))
}

/// Table 二 copied column by column: its figures are in another order than its rows', and are
/// never placed by order — no figure of it read wrong, and a warning says why.
#[test]
fn table_two_copied_column_by_column_is_refused() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text, key) in reports() {
        let Some(table) = labels_then_columns(&key) else {
            continue;
        };
        let Some(shaped) = with_table_two(&file, &text, &table) else {
            continue;
        };
        checked += 1;
        let r = parse(&file, &shaped);
        let s = score(&r, &key);
        let wrong: Vec<&String> = s
            .wrong
            .iter()
            .filter(|d| d.starts_with("cell disclosure."))
            .collect();
        let warned = r
            .warnings
            .iter()
            .any(|w| w.starts_with("table 二") && w.contains("apart from their row labels"));
        if !wrong.is_empty() || !warned {
            failures.push(format!(
                "{file}: wrong {wrong:?}, warnings {:?}",
                r.warnings
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 5,
        "only {checked} reports have every cell of table 二"
    );
}

/// The report with its table 二 replaced by `table`.
fn with_table_two(file: &str, text: &str, table: &str) -> Option<String> {
    let r = parse(file, text);
    let a = heading_line(&r, text, SectionKind::DisclosureTable)?;
    let b = heading_line(&r, text, SectionKind::RequestsTable)?;
    (a < b).then(|| format!("{}{table}{}", &text[..a], &text[b..]))
}

/// Every cell of table 二 is printed: its rows without labels are placed by the labels' order,
/// and every figure the key has is read right.
#[test]
fn table_two_labels_then_figures() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text, key) in reports() {
        let Some((table, cells)) = labels_then_figures(&key, None) else {
            continue;
        };
        let n_cells = template::disclosure_rows(match key["template"].as_str() {
            Some("2019") => Template::Y2019,
            _ => Template::Y2021,
        })
        .iter()
        .map(|r| r.columns.len())
        .sum::<usize>();
        if cells.len() < n_cells {
            continue; // a blank cell: see the test below
        }
        let Some(shaped) = with_table_two(&file, &text, &table) else {
            continue;
        };
        checked += 1;
        let s = score(&parse(&file, &shaped), &key);
        let bad: Vec<&String> = s
            .wrong
            .iter()
            .chain(&s.missing)
            .filter(|d| d.starts_with("cell disclosure."))
            .collect();
        let right = s
            .right
            .iter()
            .filter(|d| d.starts_with("cell disclosure."))
            .count();
        if !bad.is_empty() || right != cells.len() {
            failures.push(format!("{file}: {right}/{} right\n  {bad:?}", cells.len()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 5,
        "only {checked} reports have every cell of table 二"
    );
}

/// A blank cell printed as nothing shifts every figure after it: none of table 二's rows
/// printed apart from their labels is placed, and a warning says so — never a wrong figure.
#[test]
fn table_two_labels_then_figures_with_a_blank_cell_is_refused() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text, key) in reports() {
        let Some((_, cells)) = labels_then_figures(&key, None) else {
            continue;
        };
        // Each cell blank in turn.
        for blank in &cells {
            let Some((table, _)) = labels_then_figures(&key, Some(blank)) else {
                continue;
            };
            let Some(shaped) = with_table_two(&file, &text, &table) else {
                continue;
            };
            checked += 1;
            let r = parse(&file, &shaped);
            let s = score(&r, &key);
            let wrong: Vec<&String> = s
                .wrong
                .iter()
                .filter(|d| d.starts_with("cell disclosure."))
                .collect();
            let read = s
                .right
                .iter()
                .filter(|d| d.starts_with("cell disclosure."))
                .count();
            let warned = r
                .warnings
                .iter()
                .any(|w| w.starts_with("table 二") && w.contains("apart from their row labels"));
            if !wrong.is_empty() || read > 0 || !warned {
                failures.push(format!(
                    "{file} (blank {blank}): {read} cells read, wrong {wrong:?}, warnings {:?}",
                    r.warnings
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 20, "only {checked} reshapings");
}
