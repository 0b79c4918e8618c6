//! Web pages converted to markdown by the tools crawlers use (markdownify, html2text, pandoc's
//! pipe tables): each `<tr>` a pipe row, a merged cell (`colspan="2"`) written as its text then
//! an empty cell for each column it spans, a cell spanning rows (`rowspan`) written once, in its
//! first row. The shipped Shanghai page so converted keeps every fact.
//!
//! Before: `| （一）予以公开 | | 258 | 12 |  |  | 1 | 1 |  |` (a merged label, then a row whose
//! 总计 is printed blank) read 258 as the second column and 1 as the 总计 — wrong figures — as
//! the blank closing the row was taken for an empty column after it; a reading that breaks the
//! row's own sum (1 ≠ 258 + 12 + 1 + 1) is no reading. And table 二's rows whose figure spans
//! two columns (`| 行政许可 | 0 | | 0 | 0 |`, four cells for three) were left out: 12 zeros,
//! and the procurement row's `6` and `251000元` (`| 政府集中采购 | 6 | | 251000元 | |`).

use crate::common;

use common::{keyed_reports, regressions, score, Keyed};
use scraper::{ElementRef, Html, Selector};

/// The page as markdownify writes it: paragraphs as lines, tables as pipe rows with colspans
/// expanded to empty cells, rowspans ignored.
fn as_markdown(page: &str) -> String {
    let dom = Html::parse_document(page);
    let body = Selector::parse("p, table").unwrap();
    let rows = Selector::parse("tr").unwrap();
    let cells = Selector::parse("td, th").unwrap();
    let text = |e: ElementRef| -> String {
        e.text()
            .collect::<String>()
            .replace('\u{a0}', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = String::new();
    for e in dom.select(&body) {
        if e.value().name() == "p" {
            if e.ancestors()
                .any(|a| a.value().as_element().is_some_and(|a| a.name() == "table"))
            {
                continue;
            }
            out.push_str(&text(e));
            out.push_str("\n\n");
            continue;
        }
        let mut first = true;
        for tr in e.select(&rows) {
            let mut line = String::from("|");
            let mut width = 0;
            for td in tr.select(&cells) {
                let span: usize = td
                    .value()
                    .attr("colspan")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                line.push_str(&format!(" {} |", text(td)));
                line.push_str(&" |".repeat(span.saturating_sub(1)));
                width += span;
            }
            out.push_str(&line);
            out.push('\n');
            if first {
                out.push_str(&format!("|{}\n", " --- |".repeat(width)));
                first = false;
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_page_converted_to_markdown_keeps_every_fact() {
    let k: Keyed = keyed_reports()
        .into_iter()
        .find(|k| k.name == "shanghai-gov-office-2019.html")
        .unwrap();
    let md = as_markdown(&k.source);
    assert!(md.contains("| （一）予以公开 | | 258 | 12 |"), "{md}");
    let r = gongkai::report_from_bytes("converted.md", md.as_bytes()).unwrap();
    let lost = regressions(&k, &score(&r, &k.key));
    assert!(
        lost.is_empty(),
        "{} facts lost:\n{}",
        lost.len(),
        lost.join("\n")
    );
}

/// Pipe tables printed back to back, no blank line between them (html2text's way with adjacent
/// `<table>`s): the first table's last row, the second's header and its delimiter row. Every
/// keyed markdown report so printed keeps every fact. Before, the delimiter rows were read as
/// a grid's rules and the row and the header between them as one box row (shuyang's
/// `1.申请人无正当理由逾期不补正…` with `项目 | 本年新收件数 …`: the row lost).
#[test]
fn pipe_tables_back_to_back_keep_every_fact() {
    let made = common::every_variant_keeps_every_fact("tables back to back", |k, _| {
        if !k.name.ends_with(".md") {
            return Vec::new();
        }
        let lines: Vec<&str> = k.source.lines().collect();
        let mut out = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let between_tables = l.trim().is_empty()
                && i > 0
                && lines[i - 1].trim_end().ends_with('|')
                && lines
                    .get(i + 1)
                    .is_some_and(|n| n.trim_start().starts_with('|'));
            if !between_tables {
                out.push(*l);
            }
        }
        vec![out.join("\n")]
    });
    assert_eq!(made, 1);
}

/// Pipe tables without their outer pipes, as html2text writes them (`a| b| c` over
/// `---|---|---`, one delimiter row a table), a row of fewer cells than the header among them
/// (stcsm's unlabelled `0| 0| 0| 0| 0| 0| 0` under a header of nine columns). Every keyed
/// markdown report so printed keeps every fact. Before, that row got no borders (its pipes were not the header's count)
/// and was read as the rest of the row above it: 14 cells for 7, two rows and 28 facts lost.
#[test]
fn borderless_pipe_tables_keep_every_fact() {
    let made = common::every_variant_keeps_every_fact("borderless pipe tables", |k, _| {
        if !k.name.ends_with(".md") {
            return Vec::new();
        }
        // A table re-rendered from its page has one delimiter row, under its first row: the
        // source's later ones (a second header's) go.
        let src: Vec<&str> = k.source.lines().collect();
        let piped = |i: usize| src.get(i).is_some_and(|l| l.trim_start().starts_with('|'));
        let delimiter = |l: &str| {
            let t = l.trim();
            t.starts_with('|')
                && t.contains("---")
                && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        };
        let lines: Vec<String> = src
            .iter()
            .enumerate()
            .filter(|&(i, l)| !(delimiter(l) && i >= 2 && piped(i - 1) && piped(i - 2)))
            .map(|(_, l)| {
                let t = l.trim();
                match t.strip_prefix('|').and_then(|t| t.strip_suffix('|')) {
                    // html2text's spacing: `a| b| c`.
                    Some(inner) if !inner.is_empty() => inner.trim().replace(" |", "|"),
                    _ => l.to_string(),
                }
            })
            .collect();
        vec![lines.join("\n")]
    });
    assert_eq!(made, 2);
}

/// The page's wrapper a converter keeps around the text: pandoc's gfm keeps the raw
/// `<div class="article">` … `</div>` lines, its markdown a fenced div (`::: article` … `:::`).
/// Neither is text of the report: every keyed text report so wrapped (as markdown) reads the
/// same sections and facts. Before, the opening line was a preamble of its own.
#[test]
fn a_converters_page_wrapper_is_no_text() {
    let mut made = 0;
    for k in keyed_reports() {
        if k.name.ends_with(".html") || k.source.trim_start().starts_with('<') {
            continue;
        }
        let name = format!("{}.md", k.name);
        let kinds = |src: &str| -> Vec<gongkai::model::SectionKind> {
            let r = gongkai::report_from_bytes(&name, src.as_bytes()).unwrap();
            r.sections.iter().map(|s| s.kind).collect()
        };
        let original = kinds(&k.source);
        for wrapped in [
            format!("<div class=\"article\">\n\n{}\n\n</div>\n", k.source),
            format!("::: article\n{}\n:::\n", k.source),
            format!("::: {{.content #main}}\n{}\n:::\n", k.source),
        ] {
            made += 1;
            assert_eq!(
                kinds(&wrapped),
                original,
                "{} wrapped: {:.40}",
                k.name,
                wrapped
            );
            let r = gongkai::report_from_bytes(&name, wrapped.as_bytes()).unwrap();
            let lost = regressions(&k, &score(&r, &k.key));
            assert!(lost.is_empty(), "{}: {lost:?}", k.name);
        }
    }
    assert!(made >= 27, "{made}");
}

/// A Word document's text as docx2txt prints it: every paragraph and every table cell on a line
/// of its own, a blank line after each, markdown's delimiter rows gone. shuyang prints table 四
/// as three small tables, one a group (its name, the five columns' names, the five figures);
/// so printed, the names stand between the groups' figures. Before, the table was left out as
/// "headers printed between its figures" (15 facts); now each group is read after its names.
#[test]
fn a_documents_text_a_cell_a_line_keeps_every_fact() {
    let made = common::every_variant_keeps_every_fact("a cell a line", |k, _| {
        if !k.name.starts_with("shuyang") {
            return Vec::new();
        }
        let mut out = String::new();
        for line in k.source.lines() {
            let t = line.trim();
            if t.starts_with('|') && t.contains("---") {
                continue;
            }
            let cells: Vec<&str> = match t.strip_prefix('|').and_then(|t| t.strip_suffix('|')) {
                Some(inner) => inner.split('|').map(str::trim).collect(),
                None => vec![line],
            };
            for c in cells {
                out.push_str(c);
                out.push_str("\n\n");
            }
        }
        vec![out]
    });
    assert_eq!(made, 1);
}
