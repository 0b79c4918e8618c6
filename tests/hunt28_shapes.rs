//! Shapes the twenty-eighth hunt found read wrong, each written from every keyed report's
//! template document (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - an online reporting system's print page, its figures read-only form fields in the cells
//!   (`<td><input type="text" value="12" readonly></td>`; a text box, a drop-down list): every
//!   figure read blank before (2,208 facts on the hunt's 12 files);
//! - markdown pipe cells keeping a Word page's styled inline HTML, as pandoc's gfm writer does
//!   (`| <span style="font-size:16px;font-family:仿宋_GB2312">12</span> |`): the CSS lengths were
//!   read as figures, or every table lost;
//! - table 三's fees printed after a currency sign (`￥96171.6`, `¥96171.6`): the fees lost.

use crate::common;

use common::template_doc::{html_table, pipe_table, tab_table, template_document, text, Block};
use common::template_doc::{with_cells, Table};
use common::{keyed_reports, lost_line, regressions, score, Keyed};

/// How a variant writes a cell's text.
type CellWriter<'a> = &'a dyn Fn(&str) -> String;

fn lost(k: &Keyed, name: &str, text: &str) -> Vec<String> {
    let r = gongkai::report_from_bytes(name, text.as_bytes()).unwrap();
    regressions(k, &score(&r, &k.key))
}

/// Every keyed report's template document, its tables' cells rewritten by `cell` and the
/// document written by `write`, keeps every fact; returns how many variants were made.
fn every_report_keeps_every_fact(
    what: &str,
    name: &str,
    cell: &dyn Fn(&str) -> String,
    write: &dyn Fn(&[Block]) -> String,
) -> usize {
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        let doc: Vec<Block> = with_cells(template_document(&k), cell);
        made += 1;
        let lost = lost(&k, name, &write(&doc));
        if !lost.is_empty() {
            failures.push(lost_line(&format!("{} as {what}", k.name), &lost));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    made
}

/// A figure of the key as the template prints it: digits, a sign, a decimal point.
fn is_figure(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        && t.chars().any(|c| c.is_ascii_digit())
}

/// The document as a web page, as `template_doc::html` writes it, the markup a variant writes
/// in its cells kept as markup.
fn page(doc: &[Block]) -> String {
    let esc = common::page::escape;
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title></head><body>\n",
    );
    for b in doc {
        out += &match b {
            Block::Title(t) => format!("<h1>{}</h1>\n", esc(t)),
            Block::Heading(l, t) => format!("<h{n}>{}</h{n}>\n", esc(t), n = l + 1),
            Block::Para(t) | Block::SignOff(t) => format!("<p>{}</p>\n", esc(t)),
            Block::Table(t) => unescaped_cells(t) + "\n",
        };
    }
    out + "</body></html>\n"
}

/// `html_table`, a cell's markup (written by the variant) left as markup.
fn unescaped_cells(t: &Table) -> String {
    html_table(t)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn figures_in_read_only_form_fields_are_the_cells_figures() {
    let fields: [(&str, CellWriter); 5] = [
        ("input", &|f| {
            format!(
                "<input type=\"text\" value=\"{f}\" readonly=\"readonly\" style=\"width:40px\">"
            )
        }),
        ("bare input", &|f| {
            format!("<INPUT class=ro value={f} disabled/>")
        }),
        ("number input", &|f| {
            format!("<input type=\"hidden\" name=\"id\" value=\"7\"><input type=\"number\" value=\"{f}\" readonly>")
        }),
        ("textarea", &|f| {
            format!("<textarea readonly rows=\"1\">{f}</textarea>")
        }),
        ("select", &|f| {
            format!("<select disabled><option value=\"\">请选择</option><option value=\"{f}\" selected=\"selected\">{f}</option></select>")
        }),
    ];
    for (what, field) in fields {
        let cell = |t: &str| {
            if is_figure(t) {
                field(t)
            } else {
                t.to_string()
            }
        };
        let made = every_report_keeps_every_fact(what, "form.html", &cell, &|d| page(d));
        assert!(made >= 10, "{made} variants");
    }
}

/// The provenance of a figure read from a field points at the field's value in the page.
#[test]
fn a_fields_figure_points_at_its_value() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.key["tables_present"]["requests"] == true)
        .unwrap();
    let doc: Vec<Block> = template_document(&k);
    let field = |t: &str| {
        if is_figure(t) {
            format!("<input type=\"text\" value=\"{t}\" readonly>")
        } else {
            t.to_string()
        }
    };
    let source = page(&with_cells(doc, &field));
    let r = gongkai::report_from_bytes("form.html", source.as_bytes()).unwrap();
    let key = "requests.new_received.total";
    let want = k.key["cells"][key].as_f64().unwrap();
    assert_eq!(r.tables.figure(key), Some(want));
    let p = &r.provenance.cells[key];
    assert_eq!(p.raw, format!("{want}"));
    assert_eq!(&source[p.offset..p.offset + p.raw.len()], p.raw);
    assert!(
        source[..p.offset].ends_with("value=\""),
        "the figure points at {:?}",
        &source[p.offset.saturating_sub(40)..p.offset + 10]
    );
}

#[test]
fn pipe_cells_keeping_a_word_pages_styled_markup() {
    let markdown_heading = |l: u8, t: &str| Some(format!("{} {t}", "#".repeat(usize::from(l) + 1)));
    let styles: [(&str, CellWriter); 5] = [
        ("span", &|t| {
            format!("<span style=\"font-size:16px;font-family:仿宋_GB2312\">{t}</span>")
        }),
        ("span without the semicolon", &|t| {
            format!("<span style=\"font-size:28px\">{t}</span>")
        }),
        ("font", &|t| {
            format!("<font face=\"仿宋_GB2312\" size=\"4\" style='font-size:21.33px'>{t}</font>")
        }),
        ("paragraph and office tags", &|t| {
            format!("<p class=MsoNormal align=center style=\"text-align:center\"><span lang=EN-US style=\"font-size:12.0pt\">{t}<o:p></o:p></span></p>")
        }),
        ("bold", &|t| {
            format!("<strong><span style=\"font-size: 16px;\">{t}</span></strong>")
        }),
    ];
    for (what, style) in styles {
        let cell = |t: &str| {
            if t.is_empty() {
                String::new()
            } else {
                style(t)
            }
        };
        for repeat in [false, true] {
            let made = every_report_keeps_every_fact(what, "pandoc.md", &cell, &|d| {
                text(d, &markdown_heading, &|t| pipe_table(t, repeat), "\n\n")
            });
            assert!(made >= 10, "{made} variants");
        }
    }
}

#[test]
fn fees_after_a_currency_sign_are_the_fees() {
    for sign in ["￥", "¥", "¥ "] {
        let mut failures = Vec::new();
        let mut made = 0;
        for k in keyed_reports() {
            let mut doc = template_document(&k);
            let mut signed = false;
            for b in &mut doc {
                let Block::Table(t) = b else { continue };
                for row in t.iter_mut() {
                    if let [label, fees] = &mut row[..] {
                        if label.text == "行政事业性收费" && is_figure(&fees.text) {
                            fees.text = format!("{sign}{}", fees.text);
                            signed = true;
                        }
                    }
                }
            }
            if !signed {
                continue;
            }
            made += 1;
            for (name, source) in [
                (
                    "fees.txt",
                    text(&doc, &|_, h| Some(h.to_string()), &tab_table, "\n"),
                ),
                (
                    "fees.md",
                    text(
                        &doc,
                        &|_, h| Some(format!("## {h}")),
                        &|t| pipe_table(t, false),
                        "\n\n",
                    ),
                ),
            ] {
                let lost = lost(&k, name, &source);
                if !lost.is_empty() {
                    failures.push(lost_line(&format!("{} {name} with {sign}", k.name), &lost));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(made >= 5, "{made} variants");
    }
}
