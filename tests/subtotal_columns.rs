//! Table 三 with a column of the organisations' subtotals (小计) that the template does not
//! have, after 其他 or before 商业企业, in a table that prints blank cells (its zeros as
//! nothing, or a 总计 left blank): every keyed report keeps every fact. Before, a row whose
//! 总计 was blank printed seven cells from its first figure on, so its subtotal was read as its
//! 总计; a row whose 自然人 was blank had its subtotal read as 自然人 (82 wrong figures on the
//! hunt's shanghai 2019 variants).

use crate::common;

use common::template_doc::{grid, template_document, text, Table};
use common::{assert_variants_keep_facts, Variant};

/// Where the subtotal goes among the seven columns (自然人 … 总计), and how it is printed where
/// every organisation cell is blank.
#[derive(Clone, Copy, Debug)]
struct Placing {
    at: usize,
    blank_as_zero: bool,
}

/// A table as tab rows; table 三 (the table with 商业企业 in its header) with a subtotal column.
fn tab_rows(t: &Table, placing: Placing) -> String {
    let rows = grid(t);
    let requests = rows
        .iter()
        .any(|r| r.iter().any(|(c, _)| c.trim() == "商业企业"));
    rows.into_iter()
        .map(|row| {
            let mut cells: Vec<String> = row
                .into_iter()
                .map(|(text, starts)| if starts { text } else { String::new() })
                .collect();
            if requests && cells.len() >= 7 {
                let values = cells.len() - 7;
                let header = cells.iter().any(|c| c.trim() == "商业企业");
                let orgs: Vec<&str> = cells[values + 1..values + 6]
                    .iter()
                    .map(|c| c.trim())
                    .collect();
                let figures = orgs
                    .iter()
                    .all(|c| c.is_empty() || c.parse::<u64>().is_ok())
                    && cells[values..]
                        .iter()
                        .any(|c| c.trim().parse::<u64>().is_ok());
                let subtotal = if header {
                    "小计".to_string()
                } else if !figures {
                    String::new()
                } else if orgs.iter().all(|c| c.is_empty()) {
                    if placing.blank_as_zero { "0" } else { "" }.to_string()
                } else {
                    orgs.iter()
                        .map(|c| c.parse::<u64>().unwrap_or(0))
                        .sum::<u64>()
                        .to_string()
                };
                cells.insert(values + placing.at, subtotal);
            }
            cells.join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_subtotal_column_is_left_out_in_rows_with_blank_cells() {
    assert_variants_keep_facts(
        48,
        |k| {
            let doc = template_document(k);
            let mut variants = Vec::new();
            for at in [6, 1] {
                for blank_as_zero in [false, true] {
                    let placing = Placing { at, blank_as_zero };
                    let table = |t: &Table| tab_rows(t, placing);
                    let source = text(&doc, &|_, h| Some(h.to_string()), &table, "\n");
                    variants.push(Variant::new("subtotal.txt", format!("{placing:?}"), source));
                }
            }
            variants
        },
        |_, _, _| {},
    );
}
