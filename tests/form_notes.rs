//! A statistical form's notes typed right under its table (`联系电话：0591-23165385`,
//! `统计截止：2022.12.31`, `填报人：… 审核人：…`): every keyed report, its tables as tab rows
//! and one such line under each, keeps every fact. Before, the note's phone number or dotted
//! date was read as the table's figures: its last row, or all of table 四, was left out (the
//! hunt's families: about 1,000 facts on 84 files).

use crate::common;

use common::template_doc::{tab_table, template_document, text, Table};
use common::{assert_variants_keep_facts, Variant};

const NOTES: [&str; 4] = [
    "联系电话：0591-23165385",
    "数据来源：本机关办公室  统计截止：2022.12.31",
    "填报人：李明\t联系电话：0591-23165385\t审核人：王芳\t填报日期：2023年1月15日",
    "**手机**：13800138000",
];

#[test]
fn a_note_typed_under_a_table_is_no_row_of_it() {
    assert_variants_keep_facts(
        48,
        |k| {
            let doc = template_document(k);
            NOTES
                .iter()
                .map(|note| {
                    let table = |t: &Table| format!("{}\n{note}", tab_table(t));
                    let source = text(&doc, &|_, h| Some(h.to_string()), &table, "\n");
                    Variant::new("noted.txt", format!("with {note}"), source)
                })
                .collect()
        },
        |_, _, _| {},
    );
}
