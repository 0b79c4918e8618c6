//! Shapes of reports found by the fifteenth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - A count of table 二 printed in 万 (`44.7228万`, `1.2万件`: a large city's 行政许可 or
//!   行政处罚) was read as printed, 44.7228: a wrong value, silently. It is the figure times
//!   ten thousand; the fees' amount, whose unit is 万元, printed with 万 alone (`4068.2万`), is
//!   the amount as printed.
//! - A table as a crawler prints it, a cell a line closed by a pipe (`821 |`), an empty cell as
//!   a pipe alone (`|`) and a line of pipes for a row's merged columns (`||`): the empty cells
//!   were read as nothing, every row with one was short of cells and the table was lost
//!   (shanghai-gov-office-2019 so printed: 123 facts of tables 三 and 四).
//! - A web page's text as a browser gives it (`innerText`, what a copy of the page holds) when
//!   each cell is a paragraph (`<td><p>821</p></td>`, as Word saves a table): each cell on a
//!   line of its own, a line holding a tab between two cells, an empty cell (`&nbsp;`) a line
//!   of a no-break space. The tabs separate no columns, so they were dropped with the empty
//!   cells (shanghai-gov-office-2019 copied from Chromium: 41 facts of tables 三 and 四).
//! - A change (本年增/减, the 2019 template) printed with a typesetter's dash for its minus
//!   (`–3`, Word's autocorrect; `—3`) left its row out, and with a space after the sign
//!   (`- 3`, as a PDF's glyph spacing gives it) read +3: a wrong sign.

use crate::common;

use common::crawl::{cell_lines, page_text, rows_rewritten};
use common::{every_variant_keeps_every_fact, keyed_reports, regressions, replaced, score};
use gongkai::model::Report;

/// The cells of table 二 the original's parse read from a figure printed alone in its field
/// (a delimited field, a web page's cell, a line of its own, spaces around it on a PDF's line
/// of text) and not from a run of several: (offset, printed, key).
fn lone_disclosure_cells(source: &str, r: &Report) -> Vec<(usize, String, String)> {
    let mut out: Vec<(usize, String, String)> = r
        .provenance
        .cells
        .iter()
        .filter(|(key, c)| {
            key.starts_with("disclosure.")
                && c.split.as_ref().is_none_or(|s| s.cells.len() == 1)
                && c.raw.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && alone(source, c.offset, c.raw.len())
        })
        .map(|(key, c)| (c.offset, c.raw.clone(), key.clone()))
        .collect();
    out.sort();
    out
}

/// Whether the text at `off..off + len` is a field of its own: bounded by white space, a pipe,
/// a tag or its line's ends (on a PDF's line of text, a run of spaces bounds a cell).
fn alone(source: &str, off: usize, len: usize) -> bool {
    let before = &source[..off];
    let after = &source[off + len..];
    let open =
        before.is_empty() || before.ends_with(|c: char| c.is_whitespace() || "|>".contains(c));
    let close =
        after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || "|<".contains(c));
    open && close
}

/// A cell of table 二 as the parse read it.
fn disclosure(r: &Report, row: &str, col: &str) -> Option<f64> {
    serde_json::to_value(&r.tables).unwrap()["disclosure"][row][col].as_f64()
}

/// `digits` (a count) divided by 10,000, as printed before 万: "447228" → "44.7228".
fn in_wan(digits: &str) -> String {
    let padded = format!("{digits:0>5}");
    let (int, frac) = padded.split_at(padded.len() - 4);
    let frac = frac.trim_end_matches('0');
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

#[test]
fn counts_printed_in_wan_keep_every_fact() {
    for (unit, kinds) in [("万", 0), ("万件", 1), (" 万", 2)] {
        let made = every_variant_keeps_every_fact(&format!("counts in {unit}"), |k, r| {
            let mut at = Vec::new();
            for (off, raw, key) in lone_disclosure_cells(&k.source, r) {
                if key.ends_with(".amount") {
                    // The fees in 万元, printed with 万 alone: as printed.
                    if kinds != 1 {
                        at.push((off, raw.len(), format!("{raw}{unit}")));
                    }
                } else if raw.len() >= 3 && !raw.contains('.') {
                    at.push((off, raw.len(), format!("{}{unit}", in_wan(&raw))));
                }
            }
            if at.is_empty() {
                return vec![];
            }
            vec![replaced(&k.source, &at)]
        });
        assert!(made >= 3, "{unit}: {made} variants");
    }
}

#[test]
fn a_count_in_wan_is_ten_thousand_times_the_figure() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "shuyang-county-gov-2025.md")
        .expect("the shipped corpus");
    let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
    let cells = lone_disclosure_cells(&k.source, &r);
    let (off, raw, _) = cells
        .iter()
        .find(|c| c.2 == "disclosure.licensing.decisions")
        .expect("行政许可's cell");
    for (printed, want) in [
        ("51.76万", 517_600.0),
        ("3万件", 30_000.0),
        ("0.5万", 5_000.0),
    ] {
        let v = replaced(&k.source, &[(*off, raw.len(), printed.to_string())]);
        let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
        assert_eq!(
            disclosure(&r, "licensing", "decisions"),
            Some(want),
            "{printed}"
        );
    }
}

#[test]
fn a_change_printed_with_a_dash_or_a_spaced_sign_keeps_its_sign() {
    let mut made = 0;
    for k in keyed_reports() {
        let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let cells: Vec<_> = lone_disclosure_cells(&k.source, &r)
            .into_iter()
            .filter(|c| c.2.ends_with(".change"))
            .collect();
        let Some((off, raw, key)) = cells.first() else {
            continue;
        };
        let (_, row, col) = {
            let mut p = key.split('.');
            (p.next(), p.next().unwrap(), p.next().unwrap())
        };
        for (printed, want) in [
            ("- 3", -3.0),
            ("–3", -3.0),
            ("—3", -3.0),
            ("−3", -3.0),
            ("－ 3", -3.0),
            ("+ 3", 3.0),
        ] {
            made += 1;
            let v = replaced(&k.source, &[(*off, raw.len(), printed.to_string())]);
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let got = disclosure(&r, row, col);
            assert_eq!(got, Some(want), "{}: {printed}", k.name);
            // Every other fact as on the original.
            let lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                .filter(|l| !l.contains(key.as_str()))
                .collect();
            assert!(lost.is_empty(), "{}: {printed}: {lost:?}", k.name);
        }
    }
    assert!(made >= 6, "{made} variants");
}

/// The report with its delimited rows printed as a crawler prints a table: a cell a line
/// closed by " |", an empty cell as "|" alone, a cell broken (see [`broken_cell`]) with
/// `broken`; after each row, with `row_end`, a line of it (a row's merged columns).
fn crawled_cells(source: &str, row_end: Option<&str>, broken: bool) -> Option<String> {
    rows_rewritten(source, |cells| {
        let mut out = String::new();
        for c in cells {
            match (c.is_empty(), broken) {
                (true, _) => out.push_str("|\n"),
                (false, true) => out.push_str(&format!("{} |\n", broken_cell(c))),
                (false, false) => out.push_str(&format!("{c} |\n")),
            }
        }
        if let Some(end) = row_end {
            out.push_str(end);
            out.push('\n');
        }
        out
    })
}

#[test]
fn tables_crawled_a_cell_a_line_closed_by_pipes_keep_every_fact() {
    for row_end in [None, Some("||"), Some("|||")] {
        let made = every_variant_keeps_every_fact(&format!("crawled cells {row_end:?}"), |k, _| {
            // stcsm's tables, shattered by a PDF-to-markdown converter, are read by the rows'
            // structure (a label's fragments in a row of their own), which a crawl of that
            // markdown's page would print otherwise.
            if k.name.starts_with("shanghai-stcsm") {
                return vec![];
            }
            crawled_cells(&k.source, row_end, false)
                .into_iter()
                .chain(crawled_cells(&k.source, row_end, true))
                .collect()
        });
        assert!(made >= 4, "{row_end:?}: {made} variants");
    }
}

/// A cell of text over 8 characters broken after its 6th, as a crawler prints a cell with a
/// manual line break (`<br>`) in it; a shorter one as printed.
fn broken_cell(c: &str) -> String {
    let chars: Vec<char> = c.chars().collect();
    if chars.len() > 8 && !c.starts_with(|d: char| d.is_ascii_digit()) {
        let (a, b): (String, String) = (chars[..6].iter().collect(), chars[6..].iter().collect());
        format!("{a}\n{b}")
    } else {
        c.to_string()
    }
}

/// The report with its delimited rows printed as a crawler prints them a row a line, each
/// cell closed by a pipe (`规章 | 0 | 0 | 0 |`), opened by one with `lead`, and the first
/// cell broken (`行政\n许可 | 0 |`, a `<br>` in it) with `broken`.
fn crawled_rows(source: &str, lead: bool, broken: bool) -> Option<String> {
    rows_rewritten(source, |cells| {
        let mut cells = cells.to_vec();
        if broken {
            cells[0] = broken_cell(&cells[0]);
        }
        format!("{}{} |\n", if lead { "| " } else { "" }, cells.join(" | "))
    })
}

#[test]
fn tables_crawled_a_row_a_line_with_broken_labels_keep_every_fact() {
    let made = every_variant_keeps_every_fact("crawled rows", |k, _| {
        // (stcsm: as above.)
        if k.name.starts_with("shanghai-stcsm") {
            return vec![];
        }
        [(false, true), (true, true), (false, false), (true, false)]
            .into_iter()
            .filter_map(|(lead, broken)| crawled_rows(&k.source, lead, broken))
            .collect()
    });
    assert!(made >= 8, "{made} variants");
}

/// shanghai-gov-office-2019's web page as a crawler prints it (saved as text): its tables'
/// merged cells (colspan) give a line of pipes after their row, one for each column they cover
/// past their first, and a single one is read like an empty cell past the row's width.
#[test]
fn a_web_page_crawled_a_cell_a_line_keeps_every_fact() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "shanghai-gov-office-2019.html")
        .expect("the shipped corpus");
    for broken in [false, true] {
        let out = crawled_page(&k.source, broken);
        let r = gongkai::report_from_bytes("shanghai-gov-office-2019.txt", out.as_bytes()).unwrap();
        let lost = regressions(&k, &score(&r, &k.key));
        assert!(lost.is_empty(), "broken cells {broken}: {lost:#?}");
    }
}

/// A web page as a crawler prints it (see above), a cell with more than 8 characters broken
/// after its 6th with `broken`.
fn crawled_page(source: &str, broken: bool) -> String {
    page_text(source, "\n", |cells| {
        cell_lines(cells, |t| {
            if broken {
                broken_cell(t)
            } else {
                t.to_string()
            }
        })
    })
}

/// A row of cells as a browser's `innerText` gives it where each cell is a paragraph: the
/// cells on lines of their own, empty lines around each, a line holding a tab between two
/// cells, an empty cell a no-break space; rows apart by four empty lines.
fn inner_text_row(cells: &[String]) -> String {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| {
            let c = c.trim();
            format!("\n\n{}\n\n", if c.is_empty() { "\u{a0}" } else { c })
        })
        .collect();
    format!("\n\n{}\n\n", cells.join("\t"))
}

#[test]
fn a_web_page_copied_from_a_browser_keeps_every_fact() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "shanghai-gov-office-2019.html")
        .expect("the shipped corpus");
    let out = page_text(&k.source, "\n\n", |cells| {
        let texts: Vec<String> = cells.iter().map(|(t, _)| t.clone()).collect();
        inner_text_row(&texts)
    });
    let r = gongkai::report_from_bytes("shanghai-gov-office-2019.txt", out.as_bytes()).unwrap();
    let lost = regressions(&k, &score(&r, &k.key));
    assert!(lost.is_empty(), "{lost:#?}");
}

#[test]
fn delimited_tables_copied_from_a_browser_keep_every_fact() {
    let made = every_variant_keeps_every_fact("browser's text", |k, _| {
        // (stcsm: as above.)
        if k.name.starts_with("shanghai-stcsm") {
            return vec![];
        }
        rows_rewritten(&k.source, inner_text_row)
            .into_iter()
            .collect()
    });
    assert!(made >= 2, "{made} variants");
}
