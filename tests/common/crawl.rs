//! Reports printed as crawlers and browsers print a page's tables: their delimited rows (tab- or
//! pipe-separated lines) or a web page's table rows rewritten, the rest of the text as it is.

/// The report with each delimited row (a tab- or pipe-separated line of two cells or more with
/// text, or of a label and empty cells; a line opened by a tab holds one cell, a paragraph) printed by `row` from its cells, markdown
/// separators left out. None where fewer than ten rows are delimited.
pub fn rows_rewritten(source: &str, row: impl Fn(&[String]) -> String) -> Option<String> {
    let mut out = String::new();
    let mut rows = 0;
    for line in source.lines() {
        let t = line.trim();
        let cells: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else if t.starts_with('|') && t.len() > 1 {
            let inner = t.strip_prefix('|').unwrap();
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
                continue;
            }
            inner.split('|').collect()
        } else {
            vec![line]
        };
        // A row is two cells with text, or a label and two empty cells or more (a row of
        // blank cells); a line opened by a tab holds one cell.
        let printed = cells.iter().filter(|c| !c.trim().is_empty()).count();
        if printed < 2 && (printed == 0 || cells.len() < 3) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        rows += 1;
        let cells: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
        out.push_str(&row(&cells));
    }
    (rows >= 10).then_some(out)
}

/// A web page's text: each paragraph of the body followed by `paragraph_end`, each table row
/// printed by `row` from its cells (text with its white space squashed, and colspan).
pub fn page_text(
    source: &str,
    paragraph_end: &str,
    row: impl Fn(&[(String, usize)]) -> String,
) -> String {
    let doc = scraper::Html::parse_document(source);
    let block = scraper::Selector::parse("body > p, body > table").unwrap();
    let tr = scraper::Selector::parse("tr").unwrap();
    let cell = scraper::Selector::parse("td, th").unwrap();
    let mut out = String::new();
    for el in doc.select(&block) {
        if el.value().name() == "p" {
            out.push_str(el.text().collect::<String>().trim());
            out.push_str(paragraph_end);
            continue;
        }
        for r in el.select(&tr) {
            let cells: Vec<(String, usize)> = r
                .select(&cell)
                .map(|td| {
                    let t: String = td.text().collect();
                    let span = td
                        .value()
                        .attr("colspan")
                        .map_or(1, |s| s.parse().unwrap_or(1));
                    (t.split_whitespace().collect::<Vec<_>>().join(" "), span)
                })
                .collect();
            out.push_str(&row(&cells));
        }
    }
    out
}

/// A web page's table row as a crawl prints it a cell a line: each cell closed by a pipe
/// (`821 |`, its text as `text` gives it), an empty one a pipe alone, then a line of a pipe for
/// each column its merged cells cover past their first.
pub fn cell_lines(cells: &[(String, usize)], text: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for (t, _) in cells {
        if t.is_empty() {
            out.push_str("|\n");
        } else {
            out.push_str(&format!("{} |\n", text(t)));
        }
    }
    let extra: usize = cells.iter().map(|(_, span)| span - 1).sum();
    if extra > 0 {
        out.push_str(&"|".repeat(extra));
        out.push('\n');
    }
    out
}
