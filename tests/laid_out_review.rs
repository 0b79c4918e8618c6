//! Table 四 laid out with spaces (pdftotext `-layout`, w3m, a fixed-width editor): a header of
//! Han names — 行政复议, 行政诉讼 and its two groups over 15 columns named 结果维持 … 总计, each
//! name whole or wrapped in two-character pieces — over one line of ASCII figures, zeros printed
//! or left blank. Positions are counted by the layout in characters or in display width (a
//! Han character two columns), and nothing on the figures' line tells which: counted the
//! other way, a figure under 总计 stands under another column. Made from every keyed text
//! report's own table 四; every figure it prints must be read in its column, none wrong.

use crate::common;

use common::{keyed_reports, with_section_body};
use gongkai::model::SectionKind;
use serde_json::Value;

const GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];
const NAMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// How the table is laid out.
#[derive(Clone, Copy, Debug)]
struct Layout {
    /// Characters of a name on one line (2: `结果` / `维持`).
    piece: usize,
    /// A column's width in the layout's units.
    column: usize,
    /// The layout counts characters (pdftotext); else display width (w3m).
    chars: bool,
    /// Zeros printed as nothing.
    zeros_blank: bool,
}

impl Layout {
    fn width(&self, s: &str) -> usize {
        if self.chars {
            s.chars().count()
        } else {
            s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
        }
    }

    /// `line` padded so that `s` ends at `end`, then `s`.
    fn right_aligned(&self, line: &mut String, s: &str, end: usize) {
        while self.width(line) + self.width(s) < end {
            line.push(' ');
        }
        line.push_str(s);
    }
}

/// Table 四 laid out from `table` (group → column → figure).
fn laid_out(table: &Value, l: Layout) -> Option<String> {
    let c = l.column;
    let mut lines = Vec::new();
    let mut top = String::new();
    l.right_aligned(&mut top, "行政复议", 3 * c);
    l.right_aligned(&mut top, "行政诉讼", 10 * c + l.width("行政诉讼") / 2);
    lines.push(top);
    let mut groups = String::new();
    l.right_aligned(&mut groups, "未经复议直接起诉", 8 * c);
    l.right_aligned(&mut groups, "复议后起诉", 13 * c);
    lines.push(groups);
    let pieces: Vec<Vec<String>> = NAMES
        .iter()
        .map(|n| {
            let chars: Vec<char> = n.chars().collect();
            chars.chunks(l.piece).map(|p| p.iter().collect()).collect()
        })
        .collect();
    let depth = pieces.iter().map(Vec::len).max().unwrap_or(1);
    for i in 0..depth {
        let mut line = String::new();
        for g in 0..3 {
            for (k, p) in pieces.iter().enumerate() {
                let piece = p.get(i).map_or("", String::as_str);
                if !piece.is_empty() {
                    l.right_aligned(&mut line, piece, (g * 5 + k + 1) * c);
                }
            }
        }
        lines.push(line);
    }
    let mut figures = String::new();
    for (g, group) in GROUPS.iter().enumerate() {
        for (k, col) in COLUMNS.iter().enumerate() {
            let shown = match table.get(group)?.get(col)?.as_i64() {
                Some(0) if l.zeros_blank => continue,
                Some(v) => v.to_string(),
                None => continue,
            };
            l.right_aligned(&mut figures, &shown, (g * 5 + k + 1) * c);
        }
    }
    lines.push(figures);
    Some(lines.join("\n"))
}

fn layouts() -> Vec<Layout> {
    let mut out = Vec::new();
    for (piece, column) in [(2, 6), (2, 8), (2, 10), (4, 6), (4, 8), (4, 10), (4, 12)] {
        for chars in [true, false] {
            // A whole name must leave a space before the next (8 display places: 10 at least).
            let name = if chars { piece } else { 2 * piece };
            if column < name + 2 {
                continue;
            }
            for zeros_blank in [false, true] {
                out.push(Layout {
                    piece,
                    column,
                    chars,
                    zeros_blank,
                });
            }
        }
    }
    out
}

#[test]
fn table_four_laid_out_under_han_names_reads_every_printed_figure_in_its_column() {
    let mut made = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let Some(table) = r.tables.review_litigation.as_ref() else {
            continue;
        };
        let table = serde_json::to_value(table).unwrap();
        for l in layouts() {
            let Some(drawn) = laid_out(&table, l) else {
                continue;
            };
            let Some(v) = with_section_body(
                &k.source,
                &r,
                SectionKind::ReviewLitigationTable,
                "政府信息公开行政复议、行政诉讼情况",
                &drawn,
                false,
            ) else {
                continue;
            };
            made += 1;
            let read = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let read = read
                .tables
                .review_litigation
                .as_ref()
                .map(|t| serde_json::to_value(t).unwrap());
            let mut wrong = Vec::new();
            for g in GROUPS {
                for c in COLUMNS {
                    let want = table[g][c].as_i64();
                    let got = read.as_ref().and_then(|t| t[g][c].as_i64());
                    // A zero printed as nothing reads as a blank.
                    let printed = !(l.zeros_blank && want == Some(0));
                    if got != want && (printed || got.is_some()) {
                        wrong.push(format!("{g}.{c}: {got:?}, want {want:?}"));
                    }
                }
            }
            if !wrong.is_empty() {
                failures.push(format!("{} {l:?}: {}", k.name, wrong.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 300, "{made} variants");
}
