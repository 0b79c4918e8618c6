//! Shapes of reports found by the thirteenth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - Tables written back by a program that prints a row index and a header of column numbers
//!   (pandas' `to_csv(sep="\t")`, `to_markdown()`, `to_html()`; a spreadsheet's row numbers
//!   under its column letters): the index was a column of figures and the header a row of
//!   them (table 四 lost on every such report, more on ruzhou: 452 facts on 5 variants).
//! - Table 三 printed a cell a line, each cell's paragraph opened by a tab (Word's text export of
//!   shanghai-chongming's tables), with a label wrapped over two lines: each piece was read as a
//!   row of its own with a blank cell, no label found (85 facts a variant).
//! - Parts numbered （一）…（六） with 一's subsections numbered `1.` under them, and in a report
//!   crawled into one line, subsections numbered `1.`, `1、`, `①` or `(1)`: the subsections were
//!   lost (4–5 section kinds a variant).
//! - Punctuation typed as ASCII: a `.` for `。` hid every sentence's end.

use crate::common;

use common::{every_variant_keeps_every_fact, section_span, Keyed};
use gongkai::model::{Report, SectionKind};

/// A line's cells when it is a row of tab-separated cells (a tab between two of its pieces) or
/// a pipe row with a cell.
fn delimited(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    // A line of bars alone (suining's rules between its one-cell lines) is no row.
    if t.chars().all(|c| c == '|') {
        return None;
    }
    if t.len() > 1 && t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3 {
        Some(t[1..t.len() - 1].split('|').map(str::trim).collect())
    } else if t.contains('\t') {
        Some(line.split('\t').map(str::trim).collect())
    } else {
        None
    }
}

fn is_rule(cells: &[&str]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// The report with each run of delimited rows written as pandas writes a data frame: a header
/// of column numbers, then each row after its index from 0. Markdown adds its rule under the
/// header; a markdown report's own rules go (a data frame has none).
fn as_data_frames(source: &str, markdown: bool) -> String {
    let mut out = String::new();
    let mut index = None::<usize>;
    for line in source.lines() {
        match delimited(line) {
            Some(cells) if is_rule(&cells) => {}
            Some(cells) => {
                let i = index.unwrap_or_else(|| {
                    let numbers: Vec<String> = (0..cells.len()).map(|c| c.to_string()).collect();
                    if markdown {
                        out.push_str(&format!("|    | {} |\n", numbers.join(" | ")));
                        out.push_str(&format!("|---:|{}\n", ":---|".repeat(cells.len())));
                    } else {
                        out.push_str(&format!("\t{}\n", numbers.join("\t")));
                    }
                    0
                });
                index = Some(i + 1);
                if markdown {
                    out.push_str(&format!("| {i} | {} |\n", cells.join(" | ")));
                } else {
                    out.push_str(&format!("{i}\t{}\n", cells.join("\t")));
                }
            }
            None => {
                index = None;
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn tables_written_back_with_a_data_frames_index_keep_every_fact() {
    let made = every_variant_keeps_every_fact("a data frame's index", |k, _| {
        // stcsm's tables are a PDF conversion's shards, chongming's a cell a line with a tab
        // before each: no program writes either back as a data frame.
        if k.name.starts_with("shanghai-stcsm") || k.name.starts_with("shanghai-chongming") {
            return vec![];
        }
        if k.name.ends_with(".html") {
            // to_html: the index a header cell before each row, the column numbers above.
            let mut out = String::new();
            let mut rest = k.source.as_str();
            let mut row = 0;
            while let Some(p) = rest.find("<tr") {
                let Some(close) = rest[p..].find('>') else {
                    break;
                };
                let open = &rest[..p + close + 1];
                if let Some(t) = open.rfind("<table") {
                    let table_end = open[t..].find('>').map_or(open.len(), |e| t + e + 1);
                    out.push_str(&open[..table_end]);
                    out.push_str("<thead><tr><th></th>");
                    (0..8).for_each(|c| out.push_str(&format!("<th>{c}</th>")));
                    out.push_str("</tr></thead>");
                    out.push_str(&open[table_end..]);
                    row = 0;
                } else {
                    out.push_str(open);
                }
                out.push_str(&format!("<th>{row}</th>"));
                row += 1;
                rest = &rest[p + close + 1..];
            }
            out.push_str(rest);
            return vec![out];
        }
        vec![
            as_data_frames(&k.source, false),
            as_data_frames(&k.source, true),
        ]
        .into_iter()
        .filter(|v| v.lines().count() > k.source.lines().count())
        .collect()
    });
    // ruzhou's tab rows as tabs and as pipes, shuyang's pipe rows as pipes (as tabs, its line
    // count stays: filtered above), and the web page.
    assert!(made >= 4, "{made} variants");
}

#[test]
fn a_spreadsheets_row_numbers_under_its_column_letters_keep_every_fact() {
    let made = every_variant_keeps_every_fact("a spreadsheet's row numbers", |k, _| {
        if !k.name.starts_with("ruzhou") {
            return vec![];
        }
        let mut out = String::new();
        let mut row = None::<usize>;
        for line in k.source.lines() {
            match delimited(line) {
                Some(cells) => {
                    let n = row.unwrap_or_else(|| {
                        let letters: Vec<String> = (0..cells.len())
                            .map(|c| ((b'A' + c as u8) as char).to_string())
                            .collect();
                        out.push_str(&format!("\t{}\n", letters.join("\t")));
                        1
                    });
                    row = Some(n + 1);
                    out.push_str(&format!("{n}\t{line}\n"));
                }
                None => {
                    row = None;
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        vec![out]
    });
    assert_eq!(made, 1);
}

/// Table 三's item labels (a cell a line) wrapped after their middle, the rest on the next line
/// with the first piece's indent or none.
fn labels_wrapped(k: &Keyed, r: &Report, keep_indent: bool) -> Option<String> {
    let (a, b) = section_span(r, SectionKind::RequestsTable, k.source.len())?;
    let item = regex::Regex::new(r"^(\d\.|（[一二三四五六七]）)\D{6,}$").unwrap();
    let mut table = String::new();
    for line in k.source[a..b].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let t = body.trim();
        if !item.is_match(t) {
            table.push_str(line);
            continue;
        }
        let indent = &body[..body.len() - body.trim_start().len()];
        let chars: Vec<char> = t.chars().collect();
        let mid = chars.len() / 2 + 1;
        let first: String = chars[..mid].iter().collect();
        let rest: String = chars[mid..].iter().collect();
        let cont = if keep_indent { indent } else { "" };
        table.push_str(&format!(
            "{indent}{first}\n{cont}{rest}{}",
            &line[body.len()..]
        ));
    }
    Some(format!("{}{table}{}", &k.source[..a], &k.source[b..]))
}

#[test]
fn table_three_labels_wrapped_in_cells_opened_by_a_tab_keep_every_fact() {
    let made = every_variant_keeps_every_fact("labels wrapped in tab-opened cells", |k, r| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        [true, false]
            .into_iter()
            .filter_map(|keep| labels_wrapped(k, r, keep))
            .collect()
    });
    assert!(made >= 4, "{made} variants");
}

/// The shape itself, made from a report printed a cell a line without indents: every line of
/// table 三 opened by a tab, its labels wrapped.
#[test]
fn tab_opened_cells_with_wrapped_labels_from_a_plain_cell_a_line_table() {
    let made = every_variant_keeps_every_fact("tab-opened cells from guangzhou", |k, r| {
        if !k.name.starts_with("guangzhou") {
            return vec![];
        }
        let Some((a, b)) = section_span(r, SectionKind::RequestsTable, k.source.len()) else {
            return vec![];
        };
        // From the table's second line: its heading stays a heading.
        let a = a + k.source[a..].find('\n').map_or(0, |p| p + 1);
        let indented: String = k.source[a..b]
            .split_inclusive('\n')
            .map(|l| format!("\t{l}"))
            .collect();
        let source = format!("{}{indented}{}", &k.source[..a], &k.source[b..]);
        let k2 = Keyed {
            name: k.name.clone(),
            source,
            key: k.key.clone(),
            baseline: Default::default(),
        };
        let r2 = gongkai::report_from_bytes(&k2.name, k2.source.as_bytes()).unwrap();
        let mut out = vec![k2.source.clone()];
        out.extend(
            [true, false]
                .into_iter()
                .filter_map(|keep| labels_wrapped(&k2, &r2, keep)),
        );
        out
    });
    assert_eq!(made, 3);
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// The report with its six parts numbered （一）…（六） (a report printed as an attachment of a
/// larger document) and 一's subsections, numbered （一）… in the original, numbered `1.` …
/// (the next level down), at the offsets where the parse of the original put them.
fn parts_in_parentheses(k: &Keyed, r: &Report) -> Option<String> {
    // 一 with its subsections: from its heading to table 二's.
    let (a, _) = section_span(r, SectionKind::Overview, k.source.len())?;
    let (b, _) = section_span(r, SectionKind::DisclosureTable, k.source.len())?;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for s in &r.provenance.sections {
        let at = &k.source[s.offset..];
        for (i, n) in NUMERALS.iter().enumerate() {
            let top = format!("{n}、");
            if at.starts_with(&top) {
                edits.push((s.offset, top.len(), format!("（{n}）")));
            }
            for (open, close) in [("（", "）"), ("(", ")")] {
                let sub = format!("{open}{n}{close}");
                if s.offset > a && s.offset < b && at.starts_with(&sub) {
                    edits.push((s.offset, sub.len(), format!("{}.", i + 1)));
                }
            }
        }
    }
    let parts = edits.iter().filter(|e| e.2.starts_with('（')).count();
    let subsections = edits.len() - parts;
    if parts < 6 || subsections < 2 {
        return None;
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::new();
    let mut from = 0;
    for (at, len, with) in edits {
        out.push_str(&k.source[from..at]);
        out.push_str(&with);
        from = at + len;
    }
    out.push_str(&k.source[from..]);
    Some(out)
}

#[test]
fn parts_numbered_in_parentheses_keep_their_subsections_numbered_1_dot() {
    let made = every_variant_keeps_every_fact("parts in parentheses", |k, r| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        parts_in_parentheses(k, r).into_iter().collect()
    });
    // huaian-city (both extractions), shuyang, pingtan-2022 (crawled into one line) and every
    // other report whose 一 has subsections numbered （一）.
    assert!(made >= 4, "{made} variants");
}

/// 一's subsections (（一）… in the original) numbered in Arabic digits in a report crawled into
/// one line (pingtan's): inside such a line a `1.` was never taken for a heading, and every
/// subsection of 一 was lost.
#[test]
fn arabic_numbered_subsections_in_a_one_line_crawl_keep_every_fact() {
    let made = every_variant_keeps_every_fact("Arabic subsections in one line", |k, r| {
        if !k.source.lines().any(|l| l.len() > 3000) {
            return vec![];
        }
        let Some((a, _)) = section_span(r, SectionKind::Overview, k.source.len()) else {
            return vec![];
        };
        let Some((b, _)) = section_span(r, SectionKind::DisclosureTable, k.source.len()) else {
            return vec![];
        };
        let styles: [fn(usize) -> String; 4] = [
            |n| format!("{n}."),
            |n| format!("{n}、"),
            |n| {
                char::from_u32('①' as u32 + n as u32 - 1)
                    .unwrap()
                    .to_string()
            },
            |n| format!("({n})"),
        ];
        styles
            .iter()
            .map(|style| {
                let mut body = k.source[a..b].to_string();
                for (i, n) in NUMERALS.iter().enumerate() {
                    body = body.replace(&format!("（{n}）"), &style(i + 1));
                }
                format!("{}{body}{}", &k.source[..a], &k.source[b..])
            })
            .collect()
    });
    // pingtan-2019, pingtan-2022 and the shanghai web page (its source one line), four
    // numberings each.
    assert_eq!(made, 12);
}

/// Chinese punctuation typed as ASCII throughout (the input method left in English mode, or an
/// OCR's output): `，。；：（）“”` as `,.;:()"`. A `.` for `。` hid every sentence's end from the
/// readers of problems and headings: chongming's three problems and huaian-city's two read as
/// one, hongze-2023 gained a subsection, pingtan-2019's 一 was lost after `…@163.com.` (3 facts
/// wrong and 11 lost on 6 of the 16 variants).
#[test]
fn punctuation_typed_as_ascii_keeps_every_fact() {
    let made = every_variant_keeps_every_fact("ASCII punctuation", |k, _| {
        let ascii: String = k
            .source
            .chars()
            .map(|c| match c {
                '，' => ',',
                '。' => '.',
                '；' => ';',
                '：' => ':',
                '（' => '(',
                '）' => ')',
                '“' | '”' => '"',
                _ => c,
            })
            .collect();
        vec![ascii]
    });
    assert_eq!(made, 16);
}
