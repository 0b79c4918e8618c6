//! Table 三's columns read by its header, not by position: every keyed text report's table 三
//! printed again from its key as rows of cells (tabs, pipes, an HTML table), with its columns
//! in other orders (header and figures together), with a first column numbering its rows
//! (序号) and with a last column of remarks (备注) holding a figure. Every cell must read as the
//! key has it. Before, the figures were placed by position: a permutation put every figure in
//! the wrong column without a warning (a permutation keeps every sum), the 序号 numbers joined
//! the rows before them, and the remark left its row out.

use crate::common;

use common::{key_of, text_reports, with_section_body};
use gongkai::model::template::{self, RowDef};
use gongkai::model::{Report, SectionKind};
use serde_json::Value;

/// How the table's rows are printed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Form {
    Tabs,
    Pipes,
    Html,
}

/// What the table prints besides its seven columns.
#[derive(Clone, Copy, Debug, Default)]
struct Extras {
    /// A first column 序号 numbering the rows 1, 2, 3…
    index: bool,
    /// A last column 备注, holding a figure on the first row.
    remarks: bool,
}

/// Column orders tried: printed column k is the template's column `order[k]`. The five
/// organisations stay together under their merged header cell.
const ORDERS: &[[usize; 7]] = &[
    [0, 1, 2, 3, 4, 5, 6],
    [6, 0, 1, 2, 3, 4, 5],
    [0, 2, 1, 3, 4, 5, 6],
    [0, 5, 4, 3, 2, 1, 6],
    [1, 2, 3, 4, 5, 0, 6],
    [6, 5, 4, 3, 2, 1, 0],
];

/// The key's table 三: each row of the template it keys, with its seven cells (None: blank).
fn key_rows(key: &Value) -> Vec<KeyRow> {
    let cells = &key["cells"];
    template::REQUEST_ROWS
        .iter()
        .filter_map(|def| {
            let vals: Vec<Option<Value>> = template::REQUEST_COLUMNS
                .iter()
                .map(|c| {
                    cells
                        .get(format!("requests.{}.{}", def.key, c.key))
                        .cloned()
                })
                .collect();
            if vals.iter().all(Option::is_none) {
                return None;
            }
            Some((
                def,
                vals.into_iter()
                    .map(|v| v.and_then(|v| v.as_f64()))
                    .collect(),
            ))
        })
        .collect()
}

fn figure(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v}"))
}

/// Table 三 printed from `rows`, its columns in `order`.
fn render(
    rows: &[(&RowDef, Vec<Option<f64>>)],
    order: &[usize; 7],
    form: Form,
    x: Extras,
) -> String {
    let name = |i: usize| template::REQUEST_COLUMNS[i].label;
    let is_org = |i: usize| (1..6).contains(&i);
    // The header's top row: 自然人, the organisations' group and 总计 in printed order.
    let mut top: Vec<(String, usize)> = Vec::new();
    for &i in order {
        if is_org(i) {
            if !top.iter().any(|(n, _)| n == "法人或其他组织") {
                top.push(("法人或其他组织".into(), 5));
            }
        } else {
            top.push((name(i).into(), 1));
        }
    }
    let orgs: Vec<&str> = order
        .iter()
        .filter(|&&i| is_org(i))
        .map(|&i| name(i))
        .collect();
    let remark = |r: usize| {
        if r == 0 {
            "2".to_string()
        } else {
            String::new()
        }
    };
    if form == Form::Html {
        let td = |s: &str, attrs: &str| format!("<td{attrs}>{s}</td>");
        let mut out = String::from("<table border=\"1\">\n<tr>");
        if x.index {
            out += &td("序号", " rowspan=3");
        }
        out += &td(
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            " rowspan=3",
        );
        out += &td("申请人情况", " colspan=7");
        if x.remarks {
            out += &td("备注", " rowspan=3");
        }
        out += "</tr>\n<tr>";
        for (n, span) in &top {
            let attrs = if *span == 1 {
                " rowspan=2".to_string()
            } else {
                format!(" colspan={span}")
            };
            out += &td(n, &attrs);
        }
        out += "</tr>\n<tr>";
        for o in &orgs {
            out += &td(o, "");
        }
        out += "</tr>\n";
        for (r, (def, vals)) in rows.iter().enumerate() {
            out += "<tr>";
            if x.index {
                out += &td(&(r + 1).to_string(), "");
            }
            out += &td(def.label, "");
            for &i in order {
                out += &td(&figure(vals[i]), "");
            }
            if x.remarks {
                out += &td(&remark(r), "");
            }
            out += "</tr>\n";
        }
        return out + "</table>";
    }
    let sep = if form == Form::Tabs { "\t" } else { " | " };
    let line = |cells: Vec<String>| -> String {
        let body = cells.join(sep);
        if form == Form::Pipes {
            format!("| {body} |")
        } else {
            body
        }
    };
    let lead = |first: &str| -> Vec<String> {
        let mut v = Vec::new();
        if x.index {
            v.push(first.to_string());
        }
        v
    };
    let mut out = Vec::new();
    // Header rows aligned on the columns: the group over the first organisation.
    let mut head1 = lead("序号");
    head1.push("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)".into());
    head1.push("申请人情况".into());
    head1.extend((1..7).map(|_| String::new()));
    if x.remarks {
        head1.push("备注".into());
    }
    out.push(line(head1));
    let mut head2 = lead("");
    head2.push(String::new());
    let mut head3 = lead("");
    head3.push(String::new());
    let mut group_put = false;
    for &i in order {
        if is_org(i) {
            head2.push(if group_put {
                String::new()
            } else {
                "法人或其他组织".into()
            });
            group_put = true;
            head3.push(name(i).into());
        } else {
            head2.push(name(i).into());
            head3.push(String::new());
        }
    }
    if x.remarks {
        head2.push(String::new());
        head3.push(String::new());
    }
    out.push(line(head2));
    out.push(line(head3));
    for (r, (def, vals)) in rows.iter().enumerate() {
        let mut cells = lead(&(r + 1).to_string());
        cells.push(def.label.into());
        cells.extend(order.iter().map(|&i| figure(vals[i])));
        if x.remarks {
            cells.push(remark(r));
        }
        out.push(line(cells));
    }
    out.join("\n")
}

/// The report with table 三's body (after its heading's title, up to the next section's
/// heading) replaced by `table`. None when the parse found no table 三 heading.
fn with_table(text: &str, r: &Report, table: &str) -> Option<String> {
    with_section_body(
        text,
        r,
        SectionKind::RequestsTable,
        "申请情况",
        table,
        false,
    )
}

/// The table 三 cells of `r` that differ from `rows` (as "row.col: got, want").
fn differences(r: &Report, rows: &[(&RowDef, Vec<Option<f64>>)]) -> Vec<String> {
    let got = r.tables.get("requests");
    let mut out = Vec::new();
    for (def, vals) in rows {
        for (c, want) in template::REQUEST_COLUMNS.iter().zip(vals) {
            let have = got
                .and_then(|t| t.get(def.key))
                .and_then(|row| row.get(c.key))
                .and_then(|v| v.map(|n| n.0));
            if have != *want {
                out.push(format!(
                    "{}.{}: got {have:?}, want {want:?}",
                    def.key, c.key
                ));
            }
        }
    }
    out
}

/// A table 三 row of the template with its keyed figures.
type KeyRow = (&'static RowDef, Vec<Option<f64>>);

/// The keyed text reports with a table 三 in their key, each with its parse and its key's rows.
fn reports() -> Vec<(String, String, Report, Vec<KeyRow>)> {
    text_reports(&["txt", "md"], false)
        .into_iter()
        .filter_map(|(file, text)| {
            let rows = key_rows(&key_of(&file));
            if rows.len() < 10 {
                return None;
            }
            let r = gongkai::report_from_bytes(&file, text.as_bytes()).unwrap();
            Some((file, text, r, rows))
        })
        .collect()
}

#[test]
fn table_three_columns_are_read_by_their_header() {
    let mut checked = 0;
    for (file, text, original, rows) in reports() {
        for form in [Form::Tabs, Form::Pipes, Form::Html] {
            let variant = |order: &[usize; 7], x: Extras| {
                with_table(&text, &original, &render(&rows, order, form, x))
            };
            // The table printed in the template's order is the control: a report whose body
            // cannot be replaced so is left out.
            let Some(control) = variant(&ORDERS[0], Extras::default()) else {
                continue;
            };
            let r = gongkai::report_from_bytes(&file, control.as_bytes()).unwrap();
            if !differences(&r, &rows).is_empty() {
                continue;
            }
            checked += 1;
            for order in ORDERS {
                for x in [
                    Extras::default(),
                    Extras {
                        index: true,
                        remarks: false,
                    },
                    Extras {
                        index: false,
                        remarks: true,
                    },
                    Extras {
                        index: true,
                        remarks: true,
                    },
                ] {
                    let v = variant(order, x).unwrap();
                    let r = gongkai::report_from_bytes(&file, v.as_bytes()).unwrap();
                    let diff = differences(&r, &rows);
                    assert!(
                        diff.is_empty(),
                        "{file} ({form:?}, order {order:?}, {x:?}):\n  {}\n  warnings: {:?}",
                        diff.join("\n  "),
                        r.warnings
                    );
                }
            }
        }
    }
    assert!(checked >= 18, "only {checked} report forms checked");
}

/// A header that names the columns out of the template's order but leaves one unnamed cannot
/// say where every figure goes: table 三 is left out with a warning, never read by position.
#[test]
fn a_header_out_of_order_that_cannot_be_read_leaves_no_wrong_figure() {
    let mut checked = 0;
    for (file, text, original, rows) in reports() {
        let table =
            render(&rows, &ORDERS[1], Form::Tabs, Extras::default()).replace("科研机构", "");
        let Some(v) = with_table(&text, &original, &table) else {
            continue;
        };
        let r = gongkai::report_from_bytes(&file, v.as_bytes()).unwrap();
        let wrong: Vec<String> = differences(&r, &rows)
            .into_iter()
            .filter(|d| !d.contains("got None"))
            .collect();
        assert!(wrong.is_empty(), "{file}: {wrong:?}");
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("out of the template's order")),
            "{file}: {:?}",
            r.warnings
        );
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} reports checked");
}
