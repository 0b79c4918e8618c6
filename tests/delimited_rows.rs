//! Tables written as text with a delimiter between cells, as a word processor converts a table
//! to text (full-width commas or semicolons) or a CSV paste leaves it (ASCII commas, one line a
//! row with only the cells that row has): every keyed report whose tables are tab or pipe rows,
//! so printed, keeps every fact. Before, full-width delimiters were no delimiters (every table
//! lost: 7,029 facts on the hunt's 36 files), and table 二's rows of a label and one figure
//! (`行政许可,0`) were too narrow to be a pasted table's rows.

use crate::common;

use common::crawl::rows_rewritten;
use common::template_doc::{template_document, text, Table};
use common::{assert_variants_keep_facts, every_variant_keeps_every_fact, Variant};

#[test]
fn tables_with_delimited_cells_read_as_their_rows() {
    let made = every_variant_keeps_every_fact("delimited rows", |k, _| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        ["，", "；", ",", "|", "｜"]
            .into_iter()
            .filter_map(|d| rows_rewritten(&k.source, |cells| cells.join(d) + "\n"))
            .collect()
    });
    assert!(made >= 9, "{made} variants");
}

/// Excel's CSV export of figures kept as text (`规章,="1",="0",="11"`), pasted into the report's
/// text: before, every table was lost (2,343 facts on the hunt's 24 files).
#[test]
fn excel_figures_exported_as_text_read_as_figures() {
    let made = every_variant_keeps_every_fact("excel text figures", |k, _| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        let figure =
            |c: &String| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        rows_rewritten(&k.source, |cells| {
            let fields: Vec<String> = cells
                .iter()
                .map(|c| {
                    if figure(c) {
                        format!("=\"{c}\"")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            fields.join(",") + "\n"
        })
        .into_iter()
        .collect()
    });
    assert!(made >= 3, "{made} variants");
}

/// A table as a word processor converts it to text: a row a line, its cells parted by
/// `delimiter`; a cell merged over columns is one field, one merged from the row above an
/// empty field.
fn table_as_text(t: &Table, delimiter: &str) -> String {
    // Each position of the grid: the cell covering it, and whether its top row is this row.
    let mut owner: Vec<Vec<Option<(usize, bool)>>> = Vec::new();
    let mut id = 0;
    for (r, row) in t.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while owner
                .get(r)
                .and_then(|row| row.get(c))
                .is_some_and(Option::is_some)
            {
                c += 1;
            }
            for i in 0..cell.rows {
                while owner.len() <= r + i {
                    owner.push(Vec::new());
                }
                let line = &mut owner[r + i];
                if line.len() < c + cell.cols {
                    line.resize(c + cell.cols, None);
                }
                for j in 0..cell.cols {
                    line[c + j] = Some((id, i == 0));
                }
            }
            id += 1;
            c += cell.cols;
        }
    }
    let texts: Vec<&str> = t.iter().flatten().map(|c| c.text.as_str()).collect();
    let mut out = Vec::new();
    for line in owner {
        let mut fields = Vec::new();
        let mut last = None;
        for (cell, top) in line.into_iter().flatten() {
            if last != Some(cell) {
                fields.push(if top { texts[cell] } else { "" });
                last = Some(cell);
            }
        }
        out.push(fields.join(delimiter));
    }
    out.join("\n")
}

#[test]
fn word_processors_tables_as_text_read_as_their_rows() {
    assert_variants_keep_facts(
        36,
        |k| {
            let doc = template_document(k);
            ["，", "；", ",", "|", "｜"]
                .into_iter()
                .map(|delimiter| {
                    let table = |t: &Table| table_as_text(t, delimiter);
                    let source = text(&doc, &|_, h| Some(h.to_string()), &table, "\n");
                    Variant::new("converted.txt", format!("with {delimiter}"), source)
                })
                .collect()
        },
        |_, _, _| {},
    );
}
