//! Shapes the twenty-ninth hunt found read wrong or lost, each written from every keyed
//! report's template document (`common::template_doc`) and asserted to keep every fact its
//! source keeps:
//! - a table as an OCR gives it, its vertical borders read as 丨 (the stroke radical, U+4E28,
//!   what Chinese OCR engines give for a vertical line) or as a broken bar `¦`: every table
//!   was lost with 丨 (2,972 facts on the hunt's 16 files), and with `¦` a row with blank cells
//!   was placed as a layout of spaces (shanghai 2019's tables 三 and 四 lost, 2 figures of
//!   stcsm's wrong); the same borders read as letters or brackets (`l 规章 l 0 l`,
//!   `I 规章 I 0 I`, `| 规章 l 0 l 0 |`, `[ 规章 | 0 | 0 ]`): every table lost, and with the
//!   letters between pipes 49 figures of shanghai 2019 wrong, with brackets 5;
//! - a table copied from a spreadsheet as tab rows, a cell with a line break in double quotes
//!   over two lines (`"四、结转下⏎年度继续办理"→→→10…`), as Excel and WPS copy it: the row
//!   after the break was lost (117 facts: 结转下年度继续办理 on every report);
//! - a sign-off printed as a form's labelled fields (`发布单位：某局` / `发布日期：2023年1月29日`):
//!   the publication date was lost where the sign-off alone gives it (5 of 16 reports).

use crate::common;

use common::template_doc::{printed_grid, template_document, text, Block, Table};
use common::{assert_key_str, assert_variants_keep_facts, keyed_reports, Variant};

/// A table as OCR text: a grid position a cell, a merged cell's text in its first position,
/// every border read as `bar`, with spaces around it.
fn ocr_rows(t: &Table, bar: &str) -> String {
    framed_rows(t, bar, bar, bar)
}

/// A table as OCR text, its left border read as `open`, its inner ones as `sep` and its right
/// one as `close`.
fn framed_rows(t: &Table, open: &str, sep: &str, close: &str) -> String {
    printed_grid(t)
        .into_iter()
        .map(|cells| format!("{open} {} {close}", cells.join(&format!(" {sep} "))))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn table_borders_read_by_an_ocr_as_a_stroke_or_a_broken_bar() {
    for bar in ["丨", "¦", "l", "I", "|l|", "[|]"] {
        let b: Vec<String> = if bar.chars().count() == 3 {
            bar.chars().map(String::from).collect()
        } else {
            vec![bar.to_string(); 3]
        };
        assert_variants_keep_facts(
            10,
            |k| {
                let doc: Vec<Block> = template_document(k);
                let rows = |t: &Table| framed_rows(t, &b[0], &b[1], &b[2]);
                let source = text(&doc, &|_, h| Some(h.to_string()), &rows, "\n");
                vec![Variant::new("ocr.txt", format!("with {bar}"), source)]
            },
            |_, _, _| {},
        );
    }
}

/// The exact figures of a small report whose table 三 row is framed by 丨, and a title's 丨
/// between words stays a character of the title.
#[test]
fn a_stroke_bordered_row_reads_its_figures() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou"))
        .unwrap();
    let doc = template_document(&k);
    let source = text(
        &doc,
        &|_, h| Some(h.to_string()),
        &|t| ocr_rows(t, "丨"),
        "\n",
    );
    let source = format!("政务公开丨年度报告\n{source}");
    let r = gongkai::report_from_bytes("ocr.txt", source.as_bytes()).unwrap();
    assert_eq!(
        r.tables.figure("requests.new_received.natural_person"),
        Some(25.0)
    );
    assert_eq!(
        r.tables.figure("disclosure.normative_documents.in_force"),
        Some(21.0)
    );
    assert_eq!(r.tables.figure("disclosure.penalty.decisions"), Some(24.0));
}

/// A table as a spreadsheet copies it: tab rows, a long cell's text broken in the middle by a
/// line break and quoted, as Excel puts a cell with a line break on the clipboard.
fn excel_rows(t: &Table) -> String {
    printed_grid(t)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|text| {
                    let chars: Vec<char> = text.chars().collect();
                    if chars.len() > 8 && !chars.iter().all(|c| c.is_ascii_digit()) {
                        let (a, b) = chars.split_at(chars.len() / 2);
                        format!(
                            "\"{}\n{}\"",
                            a.iter().collect::<String>(),
                            b.iter().collect::<String>()
                        )
                    } else {
                        text
                    }
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn cells_with_line_breaks_copied_from_a_spreadsheet() {
    assert_variants_keep_facts(
        20,
        |k| {
            let doc: Vec<Block> = template_document(k);
            vec![
                Variant::new(
                    "excel.txt",
                    "as excel.txt",
                    text(&doc, &|_, h| Some(h.to_string()), &excel_rows, "\n"),
                ),
                Variant::new(
                    "excel.md",
                    "as excel.md",
                    text(&doc, &|_, h| Some(format!("## {h}")), &excel_rows, "\n\n"),
                ),
            ]
        },
        |_, _, _| {},
    );
}

/// The row after a quoted label broken over two lines keeps its exact figures.
#[test]
fn a_quoted_label_over_two_lines_keeps_its_rows_figures() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou"))
        .unwrap();
    let doc = template_document(&k);
    let source = text(&doc, &|_, h| Some(h.to_string()), &excel_rows, "\n");
    assert!(source.contains("\"四、结转下\n年度继续办理\""));
    let r = gongkai::report_from_bytes("excel.txt", source.as_bytes()).unwrap();
    assert_eq!(
        r.tables.figure("requests.carried_forward.natural_person"),
        Some(10.0)
    );
    assert_eq!(
        r.tables.figure("requests.carried_forward.total"),
        Some(10.0)
    );
    assert_eq!(
        r.tables.figure("requests.total_processed.total"),
        Some(15.0)
    );
}

#[test]
fn a_sign_off_with_labelled_fields_gives_the_publication_date() {
    assert_variants_keep_facts(
        10,
        |k| {
            if k.key["published"].as_str().is_none() {
                return Vec::new();
            }
            let doc: Vec<Block> = template_document(k)
                .into_iter()
                .map(|b| match b {
                    Block::SignOff(t) if t.ends_with('日') && t.contains('年') => {
                        Block::SignOff(format!("发布日期：{t}"))
                    }
                    Block::SignOff(t) => Block::SignOff(format!("发布单位：{t}")),
                    b => b,
                })
                .collect();
            vec![
                Variant::new(
                    "form.txt",
                    "as form.txt",
                    text(&doc, &|_, h| Some(h.to_string()), &tab_rows, "\n"),
                ),
                Variant::new(
                    "form.html",
                    "as form.html",
                    common::template_doc::html(&doc),
                ),
            ]
        },
        |k, v, r| {
            assert_key_str(k, v, "published", r.published.as_deref());
        },
    );
}

fn tab_rows(t: &Table) -> String {
    common::template_doc::tab_table(t)
}
