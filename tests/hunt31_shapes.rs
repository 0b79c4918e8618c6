//! Shapes of tables 三 and 四 the thirty-first hunt found lost (or, one, read wrong), each
//! written from every keyed report's template document (`common::template_doc`):
//! - table 四 as key–value rows, a figure a row after its group's and column's names in cells
//!   of their own (`行政复议\t结果维持\t0`, `| 行政复议 | 结果维持 | 0 |`, an HTML table of
//!   three columns): read as a list only where the names and figure were in one run of text;
//! - table 四 as a staircase, each group on a row of its own that leaves the other groups'
//!   cells blank: a report with blank cells of its own had a group's figures read into another
//!   group (shanghai 2019's 未经复议直接起诉 as 复议后起诉: 3 figures wrong);
//! - table 四 without the groups' 总计 columns (twelve figures): lost; now each group's four
//!   results are read and its 总计 is absent;
//! - table 三 with only 自然人 / 法人或其他组织 / 总计 (or 自然人 / 总计): lost; now 自然人 and 总计
//!   are read and the columns not printed are absent (not blank: the checks read a blank as 0);
//! - HTML tables whose runs of 0 cells are merged into one cell (`<td colspan="3">0</td>`): lost;
//!   now each covered cell is 0 (counts are never negative: a 0 over cells is each cell's 0),
//!   where the row above splits those columns and the row is not a short row's closing cell.

use crate::common;
use common::ORG_COLUMNS;

use common::template_doc::{
    cell as c, html, pipe_table, span, tab_table, template_document, text, Block, Cell, Table,
};
use common::{
    assert_variants_keep_facts, assert_variants_keep_facts_but, keyed_reports, Keyed, Variant,
};

const GROUPS: [(&str, &str); 3] = [
    ("行政复议", "行政复议"),
    ("行政诉讼（未经复议直接起诉）", "litigation_direct"),
    ("行政诉讼（复议后起诉）", "litigation_after_review"),
];
const RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

fn is_four(t: &Table) -> bool {
    t.first()
        .and_then(|r| r.first())
        .is_some_and(|c| c.text == "行政复议")
}

fn is_three(t: &Table) -> bool {
    t.first()
        .is_some_and(|r| r.iter().any(|c| c.text == "申请人情况"))
}

/// The document with table 四 rewritten by `f` from its 15 figures ("" for a blank cell).
fn with_table_four(doc: Vec<Block>, f: &dyn Fn(&[String]) -> Table) -> Vec<Block> {
    doc.into_iter()
        .map(|b| match b {
            Block::Table(t) if is_four(&t) => {
                let figures: Vec<String> =
                    t.last().unwrap().iter().map(|c| c.text.clone()).collect();
                Block::Table(f(&figures))
            }
            b => b,
        })
        .collect()
}

fn as_text(doc: &[Block]) -> String {
    text(doc, &|_, h| Some(h.to_string()), &tab_table, "\n")
}

fn as_markdown(doc: &[Block]) -> String {
    let heading = |l: u8, h: &str| Some(format!("{} {h}", "#".repeat(l as usize + 1)));
    text(doc, &heading, &|t| pipe_table(t, false), "\n\n")
}

/// Table 四's 15 figures of a report, as its key holds them.
fn review_figures(k: &Keyed) -> Vec<Option<f64>> {
    ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .flat_map(|g| {
            ["upheld", "corrected", "other", "pending", "total"]
                .map(|c| k.key["cells"][format!("review_litigation.{g}.{c}")].as_f64())
        })
        .collect()
}

/// Table 四 as key–value rows: group, column, figure.
fn key_value_rows(figures: &[String], rowspan: bool) -> Table {
    let mut t: Table = vec![vec![c("类别"), c("项目"), c("数量")]];
    for (g, (name, _)) in GROUPS.iter().enumerate() {
        for (i, result) in RESULTS.iter().enumerate() {
            let mut row = Vec::new();
            if !rowspan {
                row.push(c(name));
            } else if i == 0 {
                row.push(span(name, 5, 1));
            }
            row.push(c(result));
            row.push(c(&figures[g * 5 + i]));
            t.push(row);
        }
    }
    t
}

#[test]
fn table_four_as_key_value_rows() {
    assert_variants_keep_facts(
        20,
        |k| {
            // (A blank cell printed as a key with no figure is not read as such: left out.)
            if review_figures(k).iter().any(Option::is_none) {
                return Vec::new();
            }
            let rows = with_table_four(template_document(k), &|f| key_value_rows(f, false));
            let spanned = with_table_four(template_document(k), &|f| key_value_rows(f, true));
            vec![
                Variant::new("kv.txt", "as kv.txt", as_text(&rows)),
                Variant::new("kv.md", "as kv.md", as_markdown(&rows)),
                Variant::new("kv.html", "as kv.html", html(&rows)),
                Variant::new("kv-span.html", "as kv-span.html", html(&spanned)),
            ]
        },
        |k, v, r| {
            let want: Vec<Option<f64>> = review_figures(k);
            let got: Vec<Option<f64>> = template_keys()
                .iter()
                .map(|key| r.tables.figure(key))
                .collect();
            assert_eq!(got, want, "{} {}", k.name, v.label);
        },
    );
}

fn template_keys() -> Vec<String> {
    ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .flat_map(|g| {
            ["upheld", "corrected", "other", "pending", "total"]
                .map(|c| format!("review_litigation.{g}.{c}"))
        })
        .collect()
}

/// Table 四 as a staircase: the template's header, then a row per group filling its own
/// columns only.
fn staircase(figures: &[String]) -> Table {
    let mut second: Vec<Cell> = RESULTS.iter().map(|r| span(r, 2, 1)).collect();
    second.push(span("未经复议直接起诉", 1, 5));
    second.push(span("复议后起诉", 1, 5));
    let mut t: Table = vec![
        vec![
            span("", 3, 1),
            span("行政复议", 1, 5),
            span("行政诉讼", 1, 10),
        ],
        second,
        RESULTS.iter().chain(&RESULTS).map(|r| c(r)).collect(),
    ];
    for (g, (name, _)) in GROUPS.iter().enumerate() {
        let mut row = vec![c(name)];
        row.extend((0..15).map(|i| c(if i / 5 == g { &figures[i] } else { "" })));
        t.push(row);
    }
    t
}

#[test]
fn table_four_as_a_staircase_of_groups() {
    assert_variants_keep_facts(
        40,
        |k| {
            let doc = with_table_four(template_document(k), &staircase);
            vec![
                Variant::new("stair.txt", "as stair.txt", as_text(&doc)),
                Variant::new("stair.md", "as stair.md", as_markdown(&doc)),
                Variant::new("stair.html", "as stair.html", html(&doc)),
            ]
        },
        |_, _, _| {},
    );
}

/// Shanghai 2019's table 四 leaves cells blank: its 未经复议直接起诉 row's figures (8, 1, 9) were
/// read as 复议后起诉's.
#[test]
fn a_staircase_with_blank_cells_keeps_each_group() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("shanghai-gov-office-2019"))
        .unwrap();
    let doc = with_table_four(template_document(&k), &staircase);
    let r = gongkai::report_from_bytes("stair.txt", as_text(&doc).as_bytes()).unwrap();
    let f = |key: &str| r.tables.figure(&format!("review_litigation.{key}"));
    assert_eq!(f("review.upheld"), Some(5.0));
    assert_eq!(f("review.total"), Some(7.0));
    assert_eq!(f("litigation_direct.upheld"), Some(8.0));
    assert_eq!(f("litigation_direct.pending"), Some(1.0));
    assert_eq!(f("litigation_direct.total"), Some(9.0));
    assert_eq!(f("litigation_after_review.upheld"), None);
    assert_eq!(f("litigation_after_review.total"), None);
}

/// Table 四 without the groups' 总计: the template's layout of twelve columns, and three
/// labelled rows of four (in the template's order, and 复议后起诉 first).
fn without_totals(figures: &[String], layout: usize) -> Table {
    let four = &RESULTS[..4];
    let fig = |g: usize, i: usize| c(&figures[g * 5 + i]);
    match layout {
        0 => {
            let mut second: Vec<Cell> = four.iter().map(|r| span(r, 2, 1)).collect();
            second.push(span("未经复议直接起诉", 1, 4));
            second.push(span("复议后起诉", 1, 4));
            vec![
                vec![span("行政复议", 1, 4), span("行政诉讼", 1, 8)],
                second,
                four.iter().chain(four).map(|r| c(r)).collect(),
                (0..3)
                    .flat_map(|g| (0..4).map(move |i| (g, i)))
                    .map(|(g, i)| fig(g, i))
                    .collect(),
            ]
        }
        _ => {
            let mut t: Table = vec![std::iter::once(c("类别"))
                .chain(four.iter().map(|r| c(r)))
                .collect()];
            let order: [usize; 3] = if layout == 1 { [0, 1, 2] } else { [2, 0, 1] };
            for g in order {
                let mut row = vec![c(GROUPS[g].0)];
                row.extend((0..4).map(|i| fig(g, i)));
                t.push(row);
            }
            t
        }
    }
}

#[test]
fn table_four_without_the_groups_totals() {
    let total = |l: &str| {
        (l.contains("cell review_litigation.") && l.contains(".total"))
            || l.contains("check review_total")
            || l.contains("check litigation_direct_total")
            || l.contains("check litigation_after_review_total")
    };
    assert_variants_keep_facts_but(
        80,
        |k| {
            if review_figures(k).iter().any(Option::is_none) {
                return Vec::new();
            }
            (0..3)
                .flat_map(|layout| {
                    let doc = with_table_four(template_document(k), &|f| without_totals(f, layout));
                    [
                        Variant::new(
                            "nt.txt",
                            format!("layout {layout} as nt.txt"),
                            as_text(&doc),
                        ),
                        Variant::new("nt.html", format!("layout {layout} as nt.html"), html(&doc)),
                    ]
                })
                .collect()
        },
        total,
        |k, v, r| {
            let t = r
                .tables
                .review_litigation
                .as_ref()
                .unwrap_or_else(|| panic!("{} {}", k.name, v.label));
            for (g, row) in t {
                assert!(
                    !row.contains_key("total"),
                    "{} {}: {g}'s 总计",
                    k.name,
                    v.label
                );
            }
        },
    );
}

/// Table 三 with only the columns `keep` (indices into the template's seven; the
/// organisations' sum printed where `org` says, as its own column).
fn fewer_columns(t: &Table, org: bool) -> Table {
    // The template's figure rows: their label cells, then seven figures.
    let mut out: Table = vec![
        vec![
            span(
                "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
                2,
                3,
            ),
            span("申请人情况", 1, if org { 3 } else { 2 }),
        ],
        if org {
            vec![c("自然人"), c("法人或其他组织"), c("总计")]
        } else {
            vec![c("自然人"), c("总计")]
        },
    ];
    for row in &t[3..] {
        let n = row.len();
        let figures = &row[n - 7..];
        let mut r: Vec<Cell> = row[..n - 7]
            .iter()
            .map(|x| span(&x.text, x.rows, x.cols))
            .collect();
        r.push(c(&figures[0].text));
        if org {
            let sum: Option<f64> = figures[1..6]
                .iter()
                .map(|x| x.text.parse::<f64>().ok())
                .sum();
            r.push(c(&sum.map(|s| s.to_string()).unwrap_or_default()));
        }
        r.push(c(&figures[6].text));
        out.push(r);
    }
    out
}

fn with_table_three(doc: Vec<Block>, org: bool) -> Vec<Block> {
    doc.into_iter()
        .map(|b| match b {
            Block::Table(t) if is_three(&t) => Block::Table(fewer_columns(&t, org)),
            b => b,
        })
        .collect()
}

#[test]
fn table_three_with_fewer_columns() {
    let unprinted = |l: &str| common::names_org_cell(l) || l.contains("check column_total");
    assert_variants_keep_facts_but(
        60,
        |k| {
            // (A row that leaves a printed cell blank is left out: a blank at a row's end may
            // be the label's empty column or the cell. Shanghai 2019 and stcsm 2024 do.)
            let cells = k.key["cells"].as_object().unwrap();
            let blank = cells
                .keys()
                .filter_map(|key| key.strip_prefix("requests."))
                .any(|key| {
                    let row = key.split('.').next().unwrap();
                    ["natural_person", "total"].iter().any(|col| {
                        cells
                            .get(&format!("requests.{row}.{col}"))
                            .is_none_or(|v| v.is_null())
                    })
                });
            if blank || k.key["tables_present"]["requests"] != true {
                return Vec::new();
            }
            [true, false]
                .into_iter()
                .flat_map(|org| {
                    let doc = with_table_three(template_document(k), org);
                    [
                        Variant::new("few.txt", format!("org {org} as few.txt"), as_text(&doc)),
                        Variant::new("few.md", format!("org {org} as few.md"), as_markdown(&doc)),
                        Variant::new("few.html", format!("org {org} as few.html"), html(&doc)),
                    ]
                })
                .collect()
        },
        unprinted,
        |k, v, r| {
            let Some(t) = r.tables.requests.as_ref() else {
                panic!("{} {}: table 三 lost", k.name, v.label);
            };
            for (row, cells) in t {
                for col in ORG_COLUMNS {
                    assert!(
                        !cells.contains_key(col),
                        "{} {}: {row}.{col}",
                        k.name,
                        v.label
                    );
                }
            }
            let ct = r.checks.iter().find(|c| c.rule == "column_total").unwrap();
            assert_eq!(ct.status.as_str(), "skipped", "{} {}", k.name, v.label);
        },
    );
}

/// Guangzhou 2022's table 三 with only 自然人 / 法人或其他组织 / 总计: its figures exactly.
#[test]
fn fewer_columns_read_under_their_names() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou"))
        .unwrap();
    let doc = with_table_three(template_document(&k), true);
    let r = gongkai::report_from_bytes("few.html", html(&doc).as_bytes()).unwrap();
    let f = |key: &str| r.tables.figure(&format!("requests.{key}"));
    assert_eq!(f("new_received.natural_person"), Some(25.0));
    assert_eq!(f("new_received.total"), Some(25.0));
    assert_eq!(f("disclosed.total"), Some(7.0));
    assert_eq!(f("other_other.natural_person"), Some(7.0));
    assert_eq!(f("carried_forward.total"), Some(10.0));
    assert_eq!(f("new_received.commercial"), None);
}

/// Every run of two or more 0 cells in a row of table 三 merged into one cell. (Table 四's row
/// has no label: a 0 merged to its end is not told from a short row closed by a cell spanning
/// the rest, as Word writes one, and is left one cell.)
fn zeros_merged(t: Table) -> Table {
    if !is_three(&t) {
        return t;
    }
    t.into_iter()
        .map(|row| {
            let mut out: Vec<Cell> = Vec::new();
            for cell in row {
                let merge = cell.text == "0" && cell.rows == 1 && cell.cols == 1;
                match out.last_mut() {
                    Some(last)
                        if merge
                            && last.text == "0"
                            && last.rows == 1
                            && last.cols >= 1
                            && last.text == cell.text =>
                    {
                        last.cols += 1
                    }
                    _ => out.push(cell),
                }
            }
            out
        })
        .collect()
}

#[test]
fn zero_cells_merged_across_columns() {
    assert_variants_keep_facts(
        12,
        |k| {
            let doc: Vec<Block> = template_document(k)
                .into_iter()
                .map(|b| match b {
                    Block::Table(t) => Block::Table(zeros_merged(t)),
                    b => b,
                })
                .collect();
            let h = html(&doc);
            if h == html(&template_document(k)) {
                return Vec::new();
            }
            vec![Variant::new("merged.html", "as merged.html", h)]
        },
        |_, _, _| {},
    );
}

/// A merged cell holding any figure but 0 says not which column holds it: its row is left out,
/// never read by position.
#[test]
fn a_merged_figure_other_than_zero_is_not_spread() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou"))
        .unwrap();
    // new_received: 25 0 0 0 0 0 25 → 25, then 0 over the five organisations... printed 5.
    let doc: Vec<Block> = template_document(&k)
        .into_iter()
        .map(|b| match b {
            Block::Table(t) if is_three(&t) => Block::Table(
                t.into_iter()
                    .map(|row| {
                        if row
                            .first()
                            .is_some_and(|c| c.text.starts_with("一、本年新收"))
                        {
                            let mut r: Vec<Cell> = row[..2]
                                .iter()
                                .map(|x| span(&x.text, x.rows, x.cols))
                                .collect();
                            r.push(span("5", 1, 5));
                            r.push(c(&row[row.len() - 1].text));
                            r
                        } else {
                            row
                        }
                    })
                    .collect(),
            ),
            b => b,
        })
        .collect();
    let r = gongkai::report_from_bytes("merged.html", html(&doc).as_bytes()).unwrap();
    for col in ORG_COLUMNS {
        let got = r.tables.figure(&format!("requests.new_received.{col}"));
        assert_ne!(got, Some(5.0), "{col}");
    }
    assert_eq!(r.tables.figure("requests.disclosed.total"), Some(7.0));
}
