//! Tables as PDF-to-markdown converters print them in LaTeX (`\begin{tabular}{|c|c|…|}`, rows
//! ended by `\\`, cells parted by `&`, rules by `\hline` or booktabs' `\toprule`…): every keyed
//! report whose tables are tab or pipe rows, so printed, keeps every fact. Before, a row's `&`
//! were no delimiters: tables were lost, and figures placed by position under the header went
//! to the wrong column.

use crate::common;

use common::every_variant_keeps_every_fact;

/// The source with each run of tab rows (or markdown pipe rows) as a LaTeX table, in one of
/// two styles.
fn as_latex(source: &str, booktabs: bool) -> String {
    let mut out = String::new();
    let mut block: Vec<Vec<String>> = Vec::new();
    let flush = |block: &mut Vec<Vec<String>>, out: &mut String| {
        if block.is_empty() {
            return;
        }
        let width = block.iter().map(Vec::len).max().unwrap_or(1);
        let (open, rule, close) = if booktabs {
            ("$$\n", "", "$$\n")
        } else {
            ("", " \\hline", "")
        };
        out.push_str(open);
        out.push_str(&format!("\\begin{{tabular}}{{|{}}}\n", "c|".repeat(width)));
        out.push_str(if booktabs { "\\toprule\n" } else { "\\hline\n" });
        for row in block.drain(..) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.trim().replace('%', "\\%").replace('&', "\\&"))
                .collect();
            out.push_str(&format!("{} \\\\{rule}\n", cells.join(" & ")));
        }
        if booktabs {
            out.push_str("\\bottomrule\n");
        }
        out.push_str("\\end{tabular}\n");
        out.push_str(close);
    };
    for line in source.lines() {
        let t = line.trim();
        let piped = t.len() > 1 && t.starts_with('|') && t.ends_with('|');
        if piped && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            // A markdown table's rule: no row.
            continue;
        }
        if piped {
            let inner = &t[1..t.len() - 1];
            block.push(inner.split('|').map(str::to_string).collect());
        } else if line.contains('\t') {
            block.push(line.split('\t').map(str::to_string).collect());
        } else {
            flush(&mut block, &mut out);
            out.push_str(line);
            out.push('\n');
        }
    }
    flush(&mut block, &mut out);
    out
}

#[test]
fn latex_tables_read_as_their_rows() {
    let made = every_variant_keeps_every_fact("latex tables", |k, _| {
        let cells = k.source.matches('\t').count() + k.source.matches('|').count();
        if k.name.ends_with(".html") || cells < 40 {
            return Vec::new();
        }
        vec![as_latex(&k.source, false), as_latex(&k.source, true)]
    });
    assert!(made >= 8, "{made} variants");
}
