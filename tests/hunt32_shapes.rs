//! Shapes the thirty-second hunt found lost, each written from every keyed report's template
//! document (`common::template_doc`) and asserted to keep every fact its source keeps:
//! - tables as text with the enumeration comma `、` between cells (`规章、0、0、11`), the
//!   same mark that closes item numbers (`一、本年新收…`, `3、补正后…`): every table was lost
//!   (2,795 facts on the hunt's 16 files);
//! - the three tables printed apart from their parts, which are printed in their place with
//!   nothing in them: right after the title (with their headings, or bare) or bare after 六.
//!   Tables printed first lost 一 and its sub-parts (the order of the parts allowed no 一 after
//!   a table) and table 四 where the preamble followed it; bare tables after 六 were lost
//!   whole (2,795 facts);
//! - a PDF whose figures carry footnote marks, raised small digits (`12¹`, a browser's
//!   `<sup>1</sup>`): the mark joined the figure (`121`: 915 wrong figures on the 16 files
//!   with every third figure marked), now left out (`ingest::pdf::footnote_marks`); and a web
//!   page's mark as a span styled `vertical-align:super` (97 wrong), now read as `<sup>`.

use crate::common;

use common::template_doc::{
    delimited_table, html, tab_table, template_document, text, with_cells, Block, Table,
};
use common::{assert_variants_keep_facts, keyed_reports, Variant};
use gongkai::model::SectionKind;

/// A table as text lines, its cells between `、`: a merged cell's text once, the positions it
/// covers printed as nothing between two marks.
fn enumerated(t: &Table) -> String {
    delimited_table(t, "、")
}

fn as_printed(_: u8, h: &str) -> Option<String> {
    Some(h.to_string())
}

#[test]
fn tables_with_enumeration_commas_between_cells() {
    assert_variants_keep_facts(
        16,
        |k| {
            let doc = template_document(k);
            vec![Variant::new(
                "dun.txt",
                "with 、 between cells",
                text(&doc, &as_printed, &enumerated, "\n"),
            )]
        },
        |_, _, _| {},
    );
}

/// The exact figures of guangzhou 2022's tables with `、` between cells.
#[test]
fn an_enumerated_table_reads_its_figures() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou"))
        .unwrap();
    let doc = template_document(&k);
    let source = text(&doc, &as_printed, &enumerated, "\n");
    assert!(source.contains("一、本年新收政府信息公开申请数量、、、25、"));
    let r = gongkai::report_from_bytes("dun.txt", source.as_bytes()).unwrap();
    assert_eq!(r.tables.figure("disclosure.penalty.decisions"), Some(24.0));
    assert_eq!(
        r.tables.figure("disclosure.normative_documents.in_force"),
        Some(21.0)
    );
    assert_eq!(
        r.tables.figure("requests.new_received.natural_person"),
        Some(25.0)
    );
}

/// Where the tables go: the document's blocks without them, and the tables each with the
/// heading of the part it was printed in.
fn tables_apart(doc: Vec<Block>) -> (Vec<Block>, Vec<(String, Table)>) {
    let mut rest = Vec::new();
    let mut tables = Vec::new();
    let mut part = String::new();
    for b in doc {
        match b {
            Block::Heading(1, h) => {
                part = h.clone();
                rest.push(Block::Heading(1, h));
            }
            Block::Table(t) => tables.push((part.clone(), t)),
            b => rest.push(b),
        }
    }
    (rest, tables)
}

/// The tables printed right after the title (`headed`: each under its part's heading again),
/// their parts left in place with nothing in them.
fn tables_first(doc: Vec<Block>, headed: bool) -> Vec<Block> {
    let (rest, tables) = tables_apart(doc);
    let mut out = Vec::new();
    let mut tables = Some(tables);
    for b in rest {
        let title = matches!(b, Block::Title(_));
        out.push(b);
        if title {
            for (h, t) in tables.take().into_iter().flatten() {
                if headed {
                    out.push(Block::Heading(1, h));
                }
                out.push(Block::Table(t));
            }
        }
    }
    out
}

/// The tables printed bare after 六, before the sign-off.
fn tables_last(doc: Vec<Block>) -> Vec<Block> {
    let (rest, tables) = tables_apart(doc);
    let (sign, mut body): (Vec<Block>, Vec<Block>) = rest
        .into_iter()
        .partition(|b| matches!(b, Block::SignOff(_)));
    body.extend(tables.into_iter().map(|(_, t)| Block::Table(t)));
    body.extend(sign);
    body
}

#[test]
fn tables_printed_apart_from_their_parts() {
    assert_variants_keep_facts(
        96,
        |k| {
            let shapes = [
                (
                    "tables first, headed",
                    tables_first(template_document(k), true),
                ),
                (
                    "tables first, bare",
                    tables_first(template_document(k), false),
                ),
                ("tables bare after 六", tables_last(template_document(k))),
            ];
            shapes
                .into_iter()
                .flat_map(|(label, doc)| {
                    [
                        Variant::new("apart.html", format!("{label}, as html"), html(&doc)),
                        Variant::new(
                            "apart.txt",
                            format!("{label}, as text"),
                            text(&doc, &as_printed, &tab_table, "\n"),
                        ),
                    ]
                })
                .collect()
        },
        |_, _, _| {},
    );
}

/// Tables printed right after the title: the parts keep their kinds and places, 一 among them.
#[test]
fn tables_first_keep_the_parts_after_them() {
    let source = "某局2023年政府信息公开工作年度报告\n\
        二、主动公开政府信息情况\n\
        信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
        规章\t0\t0\t3\n\
        行政规范性文件\t5\t3\t21\n\
        本报告根据《条例》编制。\n\
        一、总体情况\n本年开展工作。\n\
        二、主动公开政府信息情况\n\
        五、存在的主要问题及改进情况\n人员不足。\n\
        六、其他需要报告的事项\n无。\n";
    let r = gongkai::report_from_bytes("first.txt", source.as_bytes()).unwrap();
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    // (The tables and the sentence after them are the preamble: no part of the template.)
    assert_eq!(
        kinds,
        [
            SectionKind::Preamble,
            SectionKind::Overview,
            SectionKind::DisclosureTable,
            SectionKind::Problems,
            SectionKind::Other
        ]
    );
    assert_eq!(
        r.tables.figure("disclosure.normative_documents.in_force"),
        Some(21.0)
    );
    assert_eq!(r.tables.figure("disclosure.rules.in_force"), Some(3.0));
}

const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether Chromium and a Han font are here to print with (else the test is skipped, loudly,
/// unless `GK_REQUIRE_BROWSER=1`, as `printed_pdfs` is).
fn browser_ready() -> bool {
    let han_font = std::process::Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty());
    let ready = std::path::Path::new(CHROMIUM).exists() && han_font;
    if !ready {
        assert!(
            std::env::var("GK_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "hunt32_shapes: no Chromium or no Han font (GK_REQUIRE_BROWSER=1)"
        );
        eprintln!("hunt32_shapes: footnote marks in PDFs skipped: no Chromium or Han font");
    }
    ready
}

/// Every third figure of the tables, and every amount with decimals, with a footnote mark raised
/// after it (`12<sup>1</sup>`).
fn marked_page(doc: Vec<Block>) -> String {
    // (A control character stands for the mark until the page is written: escaped, `<sup>`
    // would print as text.)
    let n = std::cell::Cell::new(0);
    let mark = |t: &str| {
        if t.is_empty() || t.parse::<f64>().is_err() {
            return t.to_string();
        }
        n.set(n.get() + 1);
        if n.get() % 3 == 0 || t.contains('.') {
            format!("{t}\u{1}")
        } else {
            t.to_string()
        }
    };
    html(&with_cells(doc, &mark)).replace('\u{1}', "<sup>1</sup>")
}

#[test]
fn footnote_marks_on_a_pdfs_figures() {
    if !browser_ready() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hunt32_marks");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut printed = 0;
    for k in keyed_reports() {
        if k.name.contains(".raw.") {
            continue;
        }
        let page = marked_page(template_document(&k));
        // (A report whose tables print no figure has nothing to mark.)
        if !page.contains("<sup>1</sup>") {
            continue;
        }
        let html_path = dir.join(format!("{}.html", k.name));
        let pdf = dir.join(format!("{}.pdf", k.name));
        std::fs::write(&html_path, &page).unwrap();
        let status = std::process::Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .arg("--no-pdf-header-footer")
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html_path.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success() && pdf.exists(), "{}", k.name);
        printed += 1;
        let doc = gongkai::ingest::Document::read(&pdf, gongkai::ingest::DEFAULT_MAX_BYTES)
            .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let r = gongkai::report_from_document(&doc);
        let lost = common::regressions(&k, &common::score(&r, &k.key));
        if !lost.is_empty() {
            failures.push(common::lost_line(
                &format!("{} marked, printed", k.name),
                &lost,
            ));
        }
        // huaian 2024's fees, marked (`96171.6¹`): the exact amount.
        if k.name.starts_with("huaian-city-2024") {
            assert!(page.contains("96171.6<sup>1</sup>"));
            assert_eq!(r.tables.figure("disclosure.fees.amount"), Some(96171.6));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(printed >= 10, "{printed} printed");
}

/// A web page whose figures carry a footnote mark as a span styled raised (an editor's
/// superscript, `12<span style="vertical-align:super">1</span>`): the mark joined the figure.
#[test]
fn footnote_marks_in_raised_spans_of_a_page() {
    assert_variants_keep_facts(
        16,
        |k| {
            let page = marked_page(template_document(k)).replace(
                "<sup>1</sup>",
                "<span style=\"font-size:55%; vertical-align: super\">1</span>",
            );
            vec![Variant::new("marked.html", "with raised spans", page)]
        },
        |k, _, r| {
            if k.name.starts_with("huaian-city-2024") {
                assert_eq!(r.tables.figure("disclosure.fees.amount"), Some(96171.6));
            }
        },
    );
}
