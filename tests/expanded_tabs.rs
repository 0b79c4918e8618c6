//! Tab rows whose tabs were expanded to spaces (Python's `expandtabs`, vim's `:retab` counting
//! a Chinese character two columns, GNU `expand` counting UTF-8 bytes; stops of 8 or 4): every
//! keyed report, its tables as tab rows so expanded, keeps every fact. Before, a blank cell
//! became a stop of spaces and the rows were read as a layout: figures moved a column (73
//! wrong on the hunt's variants) or tables were lost (557 facts).

use crate::common;

use common::template_doc::{tab_table, template_document, text};
use common::{keyed_reports, lost_line, regressions, score};

fn wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{a4cf}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ff60}')
}

/// How many columns a character takes.
type ColumnCount = fn(char) -> usize;

/// `s` with its tabs expanded to stops of `tab` columns, each character `count` columns wide.
fn expanded(s: &str, tab: usize, count: ColumnCount) -> String {
    let mut out = String::new();
    for line in s.split_inclusive('\n') {
        let mut col = 0;
        for c in line.chars() {
            if c == '\t' {
                let k = tab - col % tab;
                out.push_str(&" ".repeat(k));
                col += k;
            } else {
                out.push(c);
                col += if c == '\n' { 0 } else { count(c) };
            }
        }
    }
    out
}

#[test]
fn expanded_tabs_read_as_tabs() {
    let counts: [(&str, ColumnCount); 3] = [
        ("chars", |_| 1),
        ("display", |c| 1 + usize::from(wide(c))),
        ("bytes", char::len_utf8),
    ];
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        let doc = template_document(&k);
        let source = text(&doc, &|_, h| Some(h.to_string()), &tab_table, "\n");
        for tab in [8, 4] {
            for (name, count) in counts {
                made += 1;
                let v = expanded(&source, tab, count);
                let r = gongkai::report_from_bytes("expanded.txt", v.as_bytes()).unwrap();
                let lost = regressions(&k, &score(&r, &k.key));
                if !lost.is_empty() {
                    failures.push(lost_line(&format!("{} {name} {tab}", k.name), &lost));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 72, "{made} variants");
}
