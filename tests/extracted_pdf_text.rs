//! Reports as Python's PDF extractors give their text (the twenty-second hunt).
//!
//! pdfplumber, pdfminer's layout and PyMuPDF group a page's glyphs into lines by their
//! baselines. A table row's figures sit in the middle of its cell's height and its label at the
//! top or bottom of a cell the label's wrap made taller, so the figures' line is printed apart
//! from the label's, above it as often as below; a group's heading spanning several rows
//! (`（四）无法提供`) is printed on a line of its own in the middle of its rows. Read as printed,
//! a line of figures went to the label before it: the real 洪泽 2023 report through pdfplumber
//! put `3` (没有现成信息需要另行制作's) in 本机关不掌握相关政府信息's row, where 10 belongs.
//!
//! Each keyed report is written as its template document's text with table 三 in that shape,
//! each row's figures on its label's line, above it or below it by a seeded draw, and every
//! fact the report's own text gives must be read, none wrong.

use crate::common;

use common::template_doc::{grid, template_document, text, Block, Table};
use common::{keyed_reports, lost_line, regressions, score, Rng};

/// Where a row's figures are printed, relative to its label's line.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    SameLine,
    Above,
    Below,
}

/// A table's rows as an extractor writes a borderless grid: each row's cells that start in it,
/// one space apart.
fn spaced(t: &Table) -> String {
    grid(t)
        .iter()
        .map(|row| {
            row.iter()
                .filter(|(text, first)| *first && !text.is_empty())
                .map(|(text, _)| text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cells of a grid row that start in it and print something.
fn printed(cells: &[(String, bool)]) -> Vec<&str> {
    cells
        .iter()
        .filter(|(text, first)| *first && !text.is_empty())
        .map(|(text, _)| text.as_str())
        .collect()
}

/// Table 三's label cells that span `min_rows` rows or more: their text, first row and number
/// of rows. (Not `三、本年度办理结果` over all the result rows: written vertically, an extractor
/// prints its characters one by one beside the rows' labels, `三 2.其他…`, `本 3.危及…`.)
fn spanning_headings(t: &Table, min_rows: usize) -> Vec<(String, usize, usize)> {
    let mut spans = Vec::new();
    for (r, row) in t.iter().enumerate() {
        for c in row {
            if c.rows >= min_rows && c.rows <= 10 && r >= 3 {
                spans.push((c.text.clone(), r, c.rows));
            }
        }
    }
    spans
}

/// Table 三 (the table of 10 columns) with each row's figures placed by `place(row)`, and each
/// heading that spans rows on a line of its own at the middle of its rows; other tables spaced.
fn extracted(t: &Table, place: &mut dyn FnMut(usize, bool) -> Place) -> String {
    let g = grid(t);
    if g.first().is_none_or(|r| r.len() != 10) {
        return spaced(t);
    }
    let spans = spanning_headings(t, 2);
    let mut lines: Vec<String> = Vec::new();
    for (r, row) in g.iter().enumerate() {
        if r < 3 {
            let names: Vec<&str> = row
                .iter()
                .filter(|(text, first)| *first && !text.is_empty())
                .map(|(text, _)| text.as_str())
                .collect();
            lines.push(names.join(" "));
            continue;
        }
        for (h, first, n) in &spans {
            if r == first + n / 2 {
                lines.push(h.clone());
            }
        }
        let label: Vec<&str> = row[..3]
            .iter()
            .filter(|(text, first)| *first && !text.is_empty())
            .map(|(text, _)| text.as_str())
            .filter(|text| !spans.iter().any(|(h, _, _)| h == text) && !text.ends_with("办理结果"))
            .collect();
        let label = label.join(" ");
        let figures: Vec<&str> = row[3..].iter().map(|(t, _)| t.as_str()).collect();
        let figures = figures.join(" ");
        // The rows on either side of a heading printed on its own line.
        let beside_heading = spans
            .iter()
            .any(|(_, first, n)| r == first + n / 2 || r + 1 == first + n / 2);
        match place(r, beside_heading) {
            Place::SameLine => lines.push(format!("{label} {figures}")),
            Place::Above => {
                lines.push(figures);
                lines.push(label);
            }
            Place::Below => {
                lines.push(label);
                lines.push(figures);
            }
        }
    }
    lines.join("\n")
}

fn plain_heading(_: u8, t: &str) -> Option<String> {
    Some(t.to_string())
}

/// The template document as text, a block a line, its tables written by `table`.
fn as_text(doc: &[Block], table: &dyn Fn(&Table) -> String) -> String {
    text(doc, &plain_heading, table, "\n")
}

/// Adds to `failures` the facts of `k` that its variant `written` (named by `what`) lost.
fn note_lost(failures: &mut Vec<String>, k: &common::Keyed, written: &str, what: &str) {
    let lost = regressions(k, &score(&parse(written), &k.key));
    if !lost.is_empty() {
        failures.push(lost_line(&format!("{} {what}", k.name), &lost));
    }
}

/// Every keyed report whose table 三 prints every cell (a blank cell leaves no trace in a line
/// of figures) keeps every fact with its rows placed by `place`.
fn every_report_keeps_every_fact(form: &str, place: &dyn Fn(u64, usize, bool) -> Place) {
    full_reports_keep_every_fact(&|k, doc| {
        (1..=4u64)
            .map(|seed| {
                let draw = seed * 7919 + k.name.len() as u64;
                (
                    format!("as {form} (seed {seed})"),
                    as_text(doc, &|t| {
                        extracted(t, &mut |r, beside| place(draw, r, beside))
                    }),
                )
            })
            .collect()
    });
}

fn parse(text: &str) -> gongkai::model::Report {
    gongkai::report_from_bytes("extracted.txt", text.as_bytes()).unwrap()
}

/// Every row's figures on its label's line: the control, read right before this hunt.
#[test]
fn figures_on_their_labels_lines() {
    every_report_keeps_every_fact("figures on the label's line", &|_, _, _| Place::SameLine);
}

/// The rows on either side of a group's heading printed with their figures above their labels,
/// the heading between them, as pdfplumber printed the real 洪泽 2023 (`10` / 本机关不掌握 /
/// `（四）无法提供` / `3` / 没有现成); the other rows on their labels' lines.
#[test]
fn figures_above_their_labels_around_group_headings() {
    every_report_keeps_every_fact("figures above labels beside headings", &|_, _, beside| {
        if beside {
            Place::Above
        } else {
            Place::SameLine
        }
    });
}

/// The same, the other rows' figures on their labels' lines or below them, drawn by row.
#[test]
fn figures_above_below_or_beside_their_labels() {
    every_report_keeps_every_fact("figures placed by row", &|draw, r, beside| {
        if beside {
            return Place::Above;
        }
        let mut rng = Rng(draw ^ (r as u64).wrapping_mul(0x9E37_79B9));
        match rng.below(2) {
            0 => Place::SameLine,
            _ => Place::Below,
        }
    });
}

/// Table 三 as pdfminer prints a page's part of it: the labels of its rows, then each column's
/// figures from the top row down, a figure a line; the rows split over pages at `breaks`.
/// `total_first`: the 总计's column printed before 其他's.
fn by_columns(t: &Table, breaks: &[usize], total_first: bool) -> String {
    let g = grid(t);
    if g.first().is_none_or(|r| r.len() != 10) {
        return spaced(t);
    }
    let mut lines: Vec<String> = Vec::new();
    for row in &g[..3] {
        for (text, first) in row {
            if *first && !text.is_empty() {
                lines.push(text.clone());
            }
        }
    }
    let data: Vec<&Vec<(String, bool)>> = g[3..].iter().collect();
    let mut bounds = vec![0];
    bounds.extend(breaks.iter().copied().filter(|&b| b > 0 && b < data.len()));
    bounds.push(data.len());
    let mut columns: Vec<usize> = (3..10).collect();
    if total_first {
        columns.swap(5, 6);
    }
    for w in bounds.windows(2) {
        let part = &data[w[0]..w[1]];
        for row in part {
            for (text, first) in &row[..3] {
                if *first && !text.is_empty() {
                    lines.push(text.clone());
                }
            }
        }
        for &c in &columns {
            lines.extend(part.iter().map(|row| row[c].0.clone()));
        }
        lines.push("- 3 -".into());
    }
    lines.join("\n")
}

/// Every keyed report whose table 三 prints every cell keeps every fact with the table printed
/// column by column, on one page or split over pages at three places. (A page's part of fewer
/// than five rows whose figures also add up read row by row is left out: see
/// `figures_by_column`.)
#[test]
fn table_three_column_by_column() {
    let mut failures = Vec::new();
    for k in keyed_reports() {
        let doc = template_document(&k);
        if doc.iter().any(|b| match b {
            Block::Table(t) => grid(t)
                .iter()
                .any(|r| r.len() == 10 && r[3..].iter().any(|(c, _)| c.is_empty())),
            _ => false,
        }) {
            continue;
        }
        for breaks in [vec![], vec![6], vec![13], vec![8, 17]] {
            let written = as_text(&doc, &|t| by_columns(t, &breaks, false));
            note_lost(
                &mut failures,
                &k,
                &written,
                &format!("by columns, pages at {breaks:?}"),
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The 总计's column printed before 其他's: read only where the applicants' columns cannot be
/// told apart (all but 自然人's zero); elsewhere left out, never read into the wrong column.
#[test]
fn table_three_column_by_column_total_before_other() {
    let (mut read, mut left) = (0, 0);
    let mut failures = Vec::new();
    for k in keyed_reports() {
        let doc = template_document(&k);
        let written = text(
            &doc,
            &plain_heading,
            &|t: &Table| by_columns(t, &[], true),
            "\n",
        );
        let s = score(&parse(&written), &k.key);
        let wrong: Vec<&String> = s
            .wrong
            .iter()
            .filter(|w| !k.baseline.wrong.contains(w))
            .collect();
        if !wrong.is_empty() {
            failures.push(format!("{}: {wrong:?}", k.name));
        }
        let lost = regressions(&k, &s);
        if lost
            .iter()
            .any(|l| l.contains("requests.new_received.natural_person"))
        {
            left += 1;
        } else {
            read += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "wrong figures:\n{}",
        failures.join("\n")
    );
    // Both cases occur among the keyed reports.
    assert!(read >= 3 && left >= 3, "read {read}, left out {left}");
}

/// pdftotext's default order as Chromium's print of pingtan 2019 gave it: table 三 a cell a
/// line, one row's figures printed before its label, and the label of the row after next
/// printed elsewhere (`7 … 7` / `（一）予以公开` / `（二）部分公开…` / 14 figures, (二)'s and
/// 1.属于国家秘密's, that add up row by row). Two labels then fourteen figures read as two rows
/// column by column were read wrong: no figure may be read wrong, whichever row comes early.
#[test]
fn a_row_printed_before_its_label_a_cell_a_line() {
    let mut failures = Vec::new();
    for k in keyed_reports() {
        let doc = template_document(&k);
        for early in [5, 6, 9, 14] {
            let table = |t: &Table| {
                let g = grid(t);
                if g.first().is_none_or(|r| r.len() != 10) {
                    return spaced(t);
                }
                let mut lines: Vec<String> = Vec::new();
                let mut moved = String::new();
                for (r, row) in g.iter().enumerate() {
                    let label: Vec<&str> = row[..3]
                        .iter()
                        .filter(|(text, first)| *first && !text.is_empty())
                        .map(|(text, _)| text.as_str())
                        .collect();
                    let figures: Vec<String> = row[3..].iter().map(|(t, _)| t.clone()).collect();
                    if r < 3 {
                        lines.extend(
                            row.iter()
                                .filter(|(t, f)| *f && !t.is_empty())
                                .map(|(t, _)| t.clone()),
                        );
                    } else if r == early {
                        lines.extend(figures);
                        lines.push(label.join(" "));
                    } else if r == early + 2 {
                        // Its label printed elsewhere (after the table's last row).
                        moved = label.join(" ");
                        lines.extend(figures);
                    } else {
                        lines.push(label.join(" "));
                        lines.extend(figures);
                    }
                }
                lines.push(moved);
                lines.join("\n")
            };
            let s = score(&parse(&text(&doc, &plain_heading, &table, "\n")), &k.key);
            let wrong: Vec<&String> = s
                .wrong
                .iter()
                .filter(|w| !k.baseline.wrong.contains(w) && w.starts_with("cell"))
                .collect();
            if !wrong.is_empty() {
                failures.push(format!("{} (row {early} early): {wrong:?}", k.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// pypdf's layout mode sets a tight table's columns so close that two columns' figures touch
/// (`300153` for 自然人 3001 and 商业企业 53). A row so printed has a figure too few: placed by
/// the header's columns as a row with a blank, the glued figure was read as 自然人's. Where the
/// figures with a blank do not add up and a cut of a figure makes them add up, the row is read
/// by its sums instead. Each keyed layout text, every row of table 三 with two neighbouring
/// figures both above zero glued (the first such pair; their gap moved after them, the columns
/// after in place), keeps every fact.
#[test]
fn two_columns_figures_glued_in_a_layout() {
    let pair =
        regex::Regex::new(r"([^\s\d])(\s{2,}(?:\d+\s+)*?)([1-9]\d*)(\s+)([1-9]\d*)\b").unwrap();
    let mut tried = 0;
    let mut failures = Vec::new();
    for k in keyed_reports()
        .into_iter()
        .filter(|k| k.name.contains(".layout."))
    {
        let start = k.source.find("本年新收").unwrap_or(0);
        let end = k.source[start..]
            .find("结转下年度")
            .map_or(k.source.len(), |e| start + e + 200);
        let mut glued = 0;
        let mut text = String::new();
        let mut at = 0;
        for line in k.source.split_inclusive('\n') {
            let row = at >= start && at < end && line.contains("  ");
            at += line.len();
            match pair.captures(line).filter(|_| row) {
                Some(c) => {
                    glued += 1;
                    let m = c.get(0).unwrap();
                    text.push_str(&line[..m.start()]);
                    text.push_str(&format!("{}{}{}{}{}", &c[1], &c[2], &c[3], &c[5], &c[4]));
                    text.push_str(&line[m.end()..]);
                }
                None => text.push_str(line),
            }
        }
        if glued == 0 {
            continue;
        }
        tried += 1;
        let report = gongkai::report_from_bytes(&k.name, text.as_bytes()).unwrap();
        let lost = regressions(&k, &score(&report, &k.key));
        if !lost.is_empty() {
            failures.push(lost_line(
                &format!("{} with {glued} rows glued", k.name),
                &lost,
            ));
        }
    }
    // (The 洪泽 reports' rows have no two neighbouring figures above zero.)
    assert!(tried >= 1, "no layout text has rows to glue");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Table 三's 2021 rows, each printed as `label` then a line of its figures (its number in the
/// template's order as 自然人's and 总计's figure, so that a row read into another shows), with
/// `edit` free to change the lines: a report around it.
fn numbered_report(edit: &dyn Fn(&mut Vec<String>)) -> String {
    const LABELS: [&str; 25] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];
    let mut lines: Vec<String> = Vec::new();
    for (i, label) in LABELS.iter().enumerate() {
        match i {
            4 => lines.push("（三）不予公开".into()),
            12 => lines.push("（四）无法提供".into()),
            15 => lines.push("（五）不予处理".into()),
            20 => lines.push("（六）其他处理".into()),
            _ => {}
        }
        lines.push(label.to_string());
        lines.push(format!("{n} 0 0 0 0 0 {n}", n = i + 1));
    }
    edit(&mut lines);
    format!(
        "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我县共收到政府信息公开申请1件。\n\
         三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\
         申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n{}\n\
         五、存在的主要问题及改进情况\n一是……\n六、其他需要报告的事项\n无。\n",
        lines.join("\n")
    )
}

/// Each row read holds its own number: none read into another row.
fn rows_in_place(text: &str) -> Vec<String> {
    let r = parse(text);
    let t = r.tables.requests.expect("table 三 is read");
    let keys = gongkai::model::template::REQUEST_ROWS
        .iter()
        .filter(|d| d.in_2021)
        .map(|d| d.key);
    keys.enumerate()
        .filter_map(|(i, key)| {
            let got = t
                .get(key)
                .and_then(|row| row.get("total").copied())
                .flatten()?
                .0;
            (got != (i + 1) as f64).then(|| format!("{key}: {got}, its number is {}", i + 1))
        })
        .collect()
}

/// Found by review: a bare page number (`3`) between a label and its figures is no row's
/// figures, and a group's subtotal printed under its heading is no figures of its first row;
/// with the row after empty, neither may send figures to it.
#[test]
fn figures_stay_with_a_label_across_a_page_number_or_a_subtotal() {
    let line = |lines: &[String], s: &str| lines.iter().position(|l| l == s).unwrap();
    // `（七）总计` / `3` / its figures, 结转 printed with none.
    let page_number = numbered_report(&|lines| {
        let at = line(lines, "（七）总计");
        lines.insert(at + 1, "3".into());
        lines.pop();
    });
    // `（三）不予公开` / `99 0 0 0 0 0 99`, 1.属于国家秘密 printed with none.
    let subtotal = numbered_report(&|lines| {
        let at = line(lines, "（三）不予公开");
        lines.insert(at + 1, "99 0 0 0 0 0 99".into());
        let first = line(lines, "1.属于国家秘密");
        lines.remove(first + 1);
    });
    for (name, text) in [("page number", page_number), ("subtotal", subtotal)] {
        let wrong = rows_in_place(&text);
        assert!(wrong.is_empty(), "{name}: {wrong:?}");
    }
}

/// PyMuPDF's blocks of Chromium's print of huaian 2024: table 三 a cell a line, and the first
/// two rows of （六） printed with their figures above their labels, the group's heading between
/// (`5.要求…` / its 7 / `67`…`71` / `1.申请人…` / `（六）其他处理` / `6`…`6` / `2.申请人…` /
/// `3.其他` / its 7). Read as printed, `6` went to 1.申请人…'s row.
#[test]
fn figures_above_their_labels_a_cell_a_line() {
    let text = numbered_report(&|lines| {
        let mut out: Vec<String> = Vec::new();
        for l in lines.iter() {
            if l.ends_with(" 0 0 0 0 0 ")
                || l.split(' ').count() == 7
                    && l.split(' ').all(|t| t.bytes().all(|b| b.is_ascii_digit()))
            {
                out.extend(l.split(' ').map(String::from));
            } else {
                out.push(l.clone());
            }
        }
        // Rows 21 and 22: figures before the label; the heading after row 21's label.
        let pos = |out: &[String], s: &str| out.iter().position(|l| l.starts_with(s)).unwrap();
        for label in ["1.申请人无正当理由", "2.申请人逾期未按"] {
            let at = pos(&out, label);
            let row: Vec<String> = out.drain(at + 1..at + 8).collect();
            let label_line = out.remove(at);
            let at = if label.starts_with('1') {
                pos(&out, "（六）其他处理")
            } else {
                at
            };
            let mut block = row;
            block.push(label_line);
            for (k, l) in block.into_iter().enumerate() {
                out.insert(at + k, l);
            }
        }
        // The heading after row 21's label, as the blocks print it.
        let h = pos(&out, "（六）其他处理");
        let heading = out.remove(h);
        let l21 = pos(&out, "1.申请人无正当理由");
        out.insert(l21 + 1, heading);
        *lines = out;
    });
    let wrong = rows_in_place(&text);
    assert!(wrong.is_empty(), "{wrong:?}\n{text}");
    let r = parse(&text);
    let t = r.tables.requests.unwrap();
    for key in ["other_overdue_correction", "other_unpaid_fee"] {
        assert!(
            t.get(key)
                .and_then(|row| row.get("total").copied())
                .flatten()
                .is_some(),
            "{key} not read\n{text}"
        );
    }
}

/// Table 三 a cell a line as pdftotext's default mode printed Chromium's prints of the keyed
/// reports: a label that wraps in its cell has its first figure, centred in the taller cell,
/// printed between the label's lines (`5.要求行政机关确认或重新出具已获` / `0` / `取信息` / `0` …),
/// or at the end of the middle one of three lines (`费用、行政机关不再处理其政府信息 0`). The
/// label is read across the figure; the figure was taken for a row printed on its label's line,
/// complete at once, and the other six went nowhere (219 facts on 13 prints). Labels wrapped
/// every `width` characters, every row's six other figures a line each after its label.
fn first_figure_inside_wrapped_labels(t: &Table, width: usize, glued: bool) -> String {
    let g = grid(t);
    if g.first().is_none_or(|r| r.len() != 10) {
        return spaced(t);
    }
    let mut lines: Vec<String> = Vec::new();
    for (r, row) in g.iter().enumerate() {
        if r < 3 {
            lines.extend(printed(row).iter().map(|c| c.to_string()));
            continue;
        }
        // A heading spanning rows on a line of its own before its first row.
        let label_cells = printed(&row[..3]);
        let (own, headings) = label_cells.split_last().expect("a row has its label");
        lines.extend(headings.iter().map(|h| h.to_string()));
        let chars: Vec<char> = own.chars().collect();
        let pieces: Vec<String> = chars.chunks(width).map(|c| c.iter().collect()).collect();
        let figures: Vec<&str> = row[3..].iter().map(|(t, _)| t.as_str()).collect();
        match pieces.len() {
            1 => lines.push(pieces[0].clone()),
            n if glued && n >= 3 => {
                lines.push(pieces[0].clone());
                lines.push(format!("{} {}", pieces[1], figures[0]));
                lines.extend(pieces[2..].iter().cloned());
            }
            _ => {
                lines.push(pieces[0].clone());
                lines.push(figures[0].to_string());
                lines.extend(pieces[1..].iter().cloned());
            }
        }
        let rest = if pieces.len() == 1 { 0 } else { 1 };
        lines.extend(figures[rest..].iter().map(|f| f.to_string()));
    }
    lines.join("\n")
}

#[test]
fn a_wrapped_labels_first_figure_between_its_lines() {
    full_reports_keep_every_fact(&|_, doc| {
        let mut out = Vec::new();
        for width in [9, 13, 17] {
            for glued in [false, true] {
                let how = if glued { "glued to" } else { "between" };
                out.push((
                    format!("labels wrapped at {width}, first figure {how} their lines"),
                    as_text(doc, &|t| {
                        first_figure_inside_wrapped_labels(t, width, glued)
                    }),
                ));
            }
        }
        out
    });
}

/// The variants of a keyed report's template document: each a name and its text.
type Variants<'a> = dyn Fn(&common::Keyed, &[Block]) -> Vec<(String, String)> + 'a;

/// Every keyed report whose table 三 prints every cell (a blank cell leaves no trace in a line
/// of figures) keeps every fact in each variant that `variants` writes of its template
/// document (a name, the text).
fn full_reports_keep_every_fact(variants: &Variants<'_>) {
    let mut failures = Vec::new();
    let mut tried = 0;
    for k in keyed_reports() {
        let doc = template_document(&k);
        let blank = doc.iter().any(|b| match b {
            Block::Table(t) => grid(t)
                .iter()
                .any(|r| r.len() == 10 && r[3..].iter().any(|(c, _)| c.is_empty())),
            _ => false,
        });
        if blank {
            continue;
        }
        tried += 1;
        for (what, written) in variants(&k, &doc) {
            note_lost(&mut failures, &k, &written, &what);
        }
    }
    assert!(tried >= 8, "only {tried} keyed reports print every cell");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Table 三 a cell a line with two neighbouring columns' figures on one line (`705 3` / `0` /
/// `0` / `5` / `0` / `713`), as pdftotext's default mode prints narrow columns whose figures
/// stand close: a line of two figures was read as the whole row and the five after it were lost
/// (shuyang's and others' prints). Each row's pair is drawn by the row (every neighbouring
/// pair, 总计 with 其他 included).
fn two_figures_a_line(t: &Table, shift: usize) -> String {
    let g = grid(t);
    if g.first().is_none_or(|r| r.len() != 10) {
        return spaced(t);
    }
    let mut lines: Vec<String> = Vec::new();
    for (r, row) in g.iter().enumerate() {
        let label = printed(&row[..3]);
        if r < 3 {
            lines.extend(printed(row).iter().map(|c| c.to_string()));
            continue;
        }
        lines.push(label.join(" "));
        let figures: Vec<&str> = row[3..].iter().map(|(t, _)| t.as_str()).collect();
        let pair = (r + shift) % 6;
        for (c, f) in figures.iter().enumerate() {
            if c == pair + 1 {
                continue;
            }
            if c == pair {
                lines.push(format!("{f} {}", figures[c + 1]));
            } else {
                lines.push(f.to_string());
            }
        }
    }
    lines.join("\n")
}

#[test]
fn two_neighbouring_figures_on_one_line() {
    full_reports_keep_every_fact(&|_, doc| {
        (0..6)
            .map(|shift| {
                (
                    format!("two figures a line (pairs shifted {shift})"),
                    as_text(doc, &|t| two_figures_a_line(t, shift)),
                )
            })
            .collect()
    });
}

/// Tables 二 and 三 a cell a line with each row's first figure on its label's line
/// (`行政规范性文件 3` / `0` / `8`), as pdftotext's default mode prints a row whose label and
/// first cell share a baseline: the figure was read as the whole row (complete on its label's
/// line) and the row's other figures were lost (table 二's 行政规范性文件 in nine of the 13
/// prints). Table 四 is printed a cell a line.
fn first_figure_on_the_labels_line(t: &Table) -> String {
    let is_figure = |c: &str| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit());
    let mut lines: Vec<String> = Vec::new();
    for row in grid(t) {
        let cells = printed(&row);
        match cells.iter().position(|c| is_figure(c)) {
            Some(k) if k > 0 => {
                lines.push(format!("{} {}", cells[..k].join(" "), cells[k]));
                lines.extend(cells[k + 1..].iter().map(|c| c.to_string()));
            }
            _ => lines.extend(cells.iter().map(|c| c.to_string())),
        }
    }
    lines.join("\n")
}

#[test]
fn a_rows_first_figure_on_its_labels_line() {
    full_reports_keep_every_fact(&|_, doc| {
        vec![(
            "first figure on the label's line".to_string(),
            as_text(doc, &first_figure_on_the_labels_line),
        )]
    });
}

/// Table 三 a cell a line with the label of the row in the middle of each group printed after
/// the group's rows, beside the group's heading, as pdftotext's default mode printed Chromium's
/// prints (suining 2020: `3.危及“三安全一稳定”` / 7 figures / 7 figures / 7 figures /
/// `6.属于四类过程性信息` / … / `（三）不予 4.保护第三方合法权益` / `公开` /
/// `5.属于三类内部事务信息`): the heading, centred on its rows, shares a line with the middle
/// rows' labels, and the block is printed after the rows' figures. Those figures followed a row
/// that already held its seven and were lost with it (224 facts on 13 prints).
fn middle_labels_after_their_groups(t: &Table) -> String {
    let g = grid(t);
    if g.first().is_none_or(|r| r.len() != 10) {
        return spaced(t);
    }
    let groups = spanning_headings(t, 3);
    let mut lines: Vec<String> = Vec::new();
    let mut held: Vec<String> = Vec::new();
    for (r, row) in g.iter().enumerate() {
        let label: Vec<&str> = row[..3]
            .iter()
            .filter(|(text, first)| {
                *first
                    && !text.is_empty()
                    && !text.ends_with("办理结果")
                    && !groups.iter().any(|(h, _, _)| h == text)
            })
            .map(|(text, _)| text.as_str())
            .collect();
        if r < 3 {
            lines.extend(printed(row).iter().map(|c| c.to_string()));
            continue;
        }
        let group = groups
            .iter()
            .find(|(_, first, n)| (*first..first + n).contains(&r));
        match group {
            Some((heading, first, n)) if r == first + n / 2 => {
                held.push(format!("{heading} {}", label.join(" ")));
            }
            _ => lines.push(label.join(" ")),
        }
        lines.extend(row[3..].iter().map(|(t, _)| t.clone()));
        if group.is_some_and(|(_, first, n)| r == first + n - 1) {
            lines.append(&mut held);
        }
    }
    lines.join("\n")
}

#[test]
fn a_groups_middle_label_printed_after_its_rows() {
    full_reports_keep_every_fact(&|_, doc| {
        vec![(
            "middle labels after their groups".to_string(),
            as_text(doc, &middle_labels_after_their_groups),
        )]
    });
}

/// A page's footer printed on the line of the next page's first row, apart from it by a wide
/// gap, before the row's label or after its figures, as PyMuPDF's `sort=True` joins blocks
/// that share a baseline (`- 3 -             3.补正后申请内容仍不明确     0   0 …`, the real 洪泽
/// 2023): the footer's number was read as a figure of the row before, and that row was lost.
/// Each keyed layout text with a footer so printed on every third line of table 三's rows, in
/// four forms, keeps every fact.
#[test]
fn a_page_footer_beside_a_rows_line() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for k in keyed_reports()
        .into_iter()
        .filter(|k| k.name.contains(".layout."))
    {
        let Some(start) = k.source.find("本年新收") else {
            continue;
        };
        let end = k.source[start..]
            .find("结转下年度")
            .map_or(k.source.len(), |e| start + e);
        let start = k.source[..start].rfind('\n').map_or(0, |p| p + 1);
        tried += 1;
        for (form, footer) in ["- 3 -", "— 4 —", "-5-", "第 3 页"].iter().enumerate() {
            for before in [true, false] {
                let mut text = String::new();
                let mut at = 0;
                let mut rows = 0;
                for line in k.source.split_inclusive('\n') {
                    let row = at >= start && at < end && line.trim().chars().count() > 8;
                    at += line.len();
                    if !row {
                        text.push_str(line);
                        continue;
                    }
                    rows += 1;
                    if (rows + form) % 3 != 0 {
                        text.push_str(line);
                    } else if before {
                        text.push_str(&format!("          {footer}            {line}"));
                    } else {
                        let body = line.trim_end_matches('\n');
                        text.push_str(&format!("{body}          {footer}\n"));
                    }
                }
                let place = if before { "before" } else { "after" };
                note_lost(
                    &mut failures,
                    &k,
                    &text,
                    &format!("footer '{footer}' {place} a row's line"),
                );
            }
        }
    }
    assert!(tried >= 3, "only {tried} layout texts");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Table 二 as pdfminer prints it: each block of rows (a 第二十条 item's) printed as its
/// labels, then its figures column by column (`行政处罚` / `行政强制` / `4119` / `195`).
fn disclosure_by_columns(t: &Table) -> String {
    let g = grid(t);
    if g.first().is_some_and(|r| r.len() >= 10) {
        return spaced(t);
    }
    let is_figure = |c: &str| {
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '-'))
    };
    let mut lines: Vec<String> = Vec::new();
    let mut block: Vec<(String, Vec<String>)> = Vec::new();
    let flush = |block: &mut Vec<(String, Vec<String>)>, lines: &mut Vec<String>| {
        lines.extend(block.iter().map(|(l, _)| l.clone()));
        let n = block.iter().map(|(_, f)| f.len()).max().unwrap_or(0);
        for c in 0..n {
            lines.extend(block.iter().filter_map(|(_, f)| f.get(c).cloned()));
        }
        block.clear();
    };
    for row in g {
        let cells: Vec<String> = printed(&row).iter().map(|c| c.to_string()).collect();
        let figures: Vec<String> = cells[1..]
            .iter()
            .filter(|c| is_figure(c))
            .cloned()
            .collect();
        if cells.len() > 1 && figures.len() == cells.len() - 1 {
            block.push((cells[0].clone(), figures));
        } else {
            flush(&mut block, &mut lines);
            lines.extend(cells);
        }
    }
    flush(&mut block, &mut lines);
    lines.join("\n")
}

/// Table 二 printed column by column keeps every row of one figure (the order of one column is
/// the rows' order), and reads no figure wrong; rows of several figures so printed (规章,
/// 行政规范性文件, the 2019 format's counts and changes) read the same by rows and by columns
/// only by chance and may be left out.
#[test]
fn table_two_column_by_column() {
    let mut failures = Vec::new();
    let mut read = 0;
    for k in keyed_reports() {
        let doc = template_document(&k);
        let written = as_text(&doc, &disclosure_by_columns);
        let s = score(&parse(&written), &k.key);
        let cells = k.key["cells"].as_object().expect("a key has cells");
        // The number of cells of a fact's row (`disclosure.rules.issued` → 3).
        let row_width = |fact: &str| {
            let row: Vec<&str> = fact.trim_end_matches(':').split('.').take(2).collect();
            let prefix = format!("{}.", row.join("."));
            cells.keys().filter(|c| c.starts_with(&prefix)).count()
        };
        for lost in regressions(&k, &s) {
            let fact = lost.split_whitespace().nth(2).unwrap_or("");
            if lost.starts_with("WRONG")
                || (fact.starts_with("disclosure.") && row_width(fact) <= 1)
            {
                failures.push(format!("{}: {lost}", k.name));
            }
        }
        read += s
            .right
            .iter()
            .filter(|f| f.contains("disclosure.penalty.decisions"))
            .count();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(read >= 8, "行政处罚 read in only {read} reports");
}
