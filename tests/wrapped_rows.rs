//! Table 三's tab rows broken in two lines after their first figures, as a mail client or an
//! editor's hard wrap breaks them (`一、本年新收政府信息公开申请数量→3001` / `→53→0→0→61→4→3119`):
//! the tab carried to the next line, dropped, or left at the end of the first. Before, the next
//! line's figures were read as the whole row, one column off and the first figure lost (the
//! hunt's families: 358 figures wrong), or the table was lost whole. Every keyed report keeps
//! every fact, rows with blank cells included.

use crate::common;

use common::template_doc::{tab_table, template_document, text, Table};
use common::{keyed_reports, lost_line, regressions, score};

#[derive(Clone, Copy, Debug)]
enum Break {
    /// The tab that stood at the break opens the next line.
    Lead,
    /// The tab is gone.
    Drop,
    /// The tab ends the first line.
    Tail,
}

/// A tab row broken after its `after`-th figure, where its last seven fields are its cells:
/// figures or blank, the first `after` and the total figures, two figures after the break.
fn broken(line: &str, after: usize, how: Break) -> String {
    let fields: Vec<&str> = line.split('\t').collect();
    let figure = |f: &&str| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let first = fields.len().saturating_sub(7);
    if fields.len() < 8
        || !fields[first..].iter().all(|f| f.is_empty() || figure(f))
        || !fields[first..first + after].iter().all(figure)
        || !fields.last().is_some_and(figure)
        // (A next line of one figure among blank fields is read as that figure alone, its
        // blank fields dropped: such a row, 18 and then only its total, is still lost.)
        || fields[first + after..].iter().filter(|f| figure(f)).count() < 2
    {
        return line.to_string();
    }
    let at = first + after;
    let (head, rest) = (fields[..at].join("\t"), fields[at..].join("\t"));
    match how {
        Break::Lead => format!("{head}\n\t{rest}"),
        Break::Drop => format!("{head}\n{rest}"),
        Break::Tail => format!("{head}\t\n{rest}"),
    }
}

fn is_requests(t: &Table) -> bool {
    t.iter()
        .any(|r| r.first().is_some_and(|c| c.text == "商业企业"))
}

#[test]
fn a_tab_row_broken_after_its_first_figures_is_one_row() {
    let mut failures = Vec::new();
    let mut made = 0;
    let mut broken_rows = 0;
    for k in keyed_reports() {
        if k.key["tables_present"]["requests"] != true {
            continue;
        }
        let doc = template_document(&k);
        for after in [1, 3] {
            for how in [Break::Lead, Break::Drop, Break::Tail] {
                let table = |t: &Table| {
                    let rows = tab_table(t);
                    if !is_requests(t) {
                        return rows;
                    }
                    let lines: Vec<String> = rows.lines().map(|l| broken(l, after, how)).collect();
                    lines.join("\n")
                };
                let source = text(&doc, &|_, h| Some(h.to_string()), &table, "\n");
                // Every row whose first figures and total are printed is broken (rows with
                // blank cells among them included).
                let whole = text(&doc, &|_, h| Some(h.to_string()), &|t| tab_table(t), "\n");
                broken_rows += source.lines().count() - whole.lines().count();
                made += 1;
                let r = gongkai::report_from_bytes("wrapped.txt", source.as_bytes()).unwrap();
                let lost = regressions(&k, &score(&r, &k.key));
                if !lost.is_empty() {
                    failures.push(lost_line(
                        &format!("{} after {after} {how:?}", k.name),
                        &lost,
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 60, "{made} variants");
    assert!(broken_rows >= 1000, "{broken_rows} rows broken");
}
