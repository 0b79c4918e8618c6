//! The provenance panels of the report page: for every printed cell, hidden until its figure is
//! clicked (CSS `:target`), the line of the source where it is printed with the cell marked and
//! the non-empty lines around it, where that is (for a PDF: the page and the line on the page),
//! the cell as printed and, for a value split from a run of digits, how it was split. The
//! source is the report's file decoded again ([`crate::answer::report::shown`]).

use super::super::html::Html;
use crate::answer::report::Shown;
use crate::ingest::Document;
use crate::model::{CellSource, Num, Table};
use std::collections::HashMap;

/// Characters of a source line shown on each side of a cell (HTML sources can be one long line).
const CONTEXT: usize = 100;

/// Lines with their numbers (from 1).
type Numbered = Vec<(usize, String)>;

/// Non-empty lines shown above and below a cell's line.
const AROUND: usize = 2;

/// The line of `doc.source` holding the cell, cut to [`CONTEXT`] characters on each side of
/// the cell, and the cell's byte range inside what is returned.
fn source_line(doc: &Document, c: &CellSource) -> Option<(String, (usize, usize))> {
    let src = &doc.source;
    let end_cell = c.offset.checked_add(c.raw.len())?;
    if end_cell > src.len() || !src.is_char_boundary(c.offset) || !src.is_char_boundary(end_cell) {
        return None;
    }
    let start = src[..c.offset].rfind('\n').map_or(0, |i| i + 1);
    let end = src[end_cell..]
        .find('\n')
        .map_or(src.len(), |i| end_cell + i);
    let before: Vec<(usize, char)> = src[start..c.offset].char_indices().collect();
    let from = if before.len() > CONTEXT {
        start + before[before.len() - CONTEXT].0
    } else {
        start
    };
    let to = src[end_cell..end]
        .char_indices()
        .nth(CONTEXT)
        .map_or(end, |(i, _)| end_cell + i);
    let mut line = String::new();
    if from > start {
        line.push('…');
    }
    let a = line.len() + (c.offset - from);
    line.push_str(&src[from..to]);
    let b = a + c.raw.len();
    if to < end {
        line.push('…');
    }
    Some((line, (a, b)))
}

/// Up to [`AROUND`] non-empty lines before and after line `n` (1-based) of the source, with
/// their numbers, each cut to `2 × CONTEXT` characters: a table printed one cell a line is
/// only readable with its neighbours.
fn neighbours(doc: &Document, n: usize) -> (Numbered, Numbered) {
    let lines: Vec<&str> = doc.source.split('\n').collect();
    let cut = |s: &str| {
        let t = s.trim_end_matches('\r');
        if t.chars().count() > 2 * CONTEXT {
            t.chars().take(2 * CONTEXT).collect::<String>() + "…"
        } else {
            t.to_string()
        }
    };
    let pick = |range: Box<dyn Iterator<Item = usize>>| -> Numbered {
        range
            .filter(|&i| i < lines.len() && !lines[i].trim().is_empty())
            .take(AROUND)
            .map(|i| (i + 1, cut(lines[i])))
            .collect()
    };
    let i = n.saturating_sub(1);
    let mut above = pick(Box::new((0..i).rev()));
    above.reverse();
    let below = pick(Box::new(i + 1..lines.len()));
    (above, below)
}

pub fn panels(
    h: &mut Html,
    shown: &Shown,
    name: &str,
    table: &Table,
    labels: &HashMap<&str, (String, String)>,
) {
    let r = &shown.report;
    h.el("div", &[("class", "provs")], |h| {
        for (row, cols) in table {
            for (col, value) in cols {
                let k = format!("{name}.{row}.{col}");
                let Some(c) = r.provenance.cells.get(&k) else {
                    continue;
                };
                h.el(
                    "div",
                    &[("class", "prov"), ("id", &format!("p-{k}"))],
                    |h| {
                        let label = labels
                            .get(k.as_str())
                            .map_or(k.clone(), |l| format!("{} · {}", l.0, l.1));
                        h.el("h4", &[], |h| {
                            h.text(&label);
                            h.text(" = ");
                            h.text(&value.map_or("空白".into(), |v: Num| v.to_string()));
                        });
                        let place = match (c.page, c.page_line) {
                            (Some(pg), Some(pl)) => {
                                format!("PDF 第 {pg} 页第 {pl} 行（提取文本第 {} 行）", c.line)
                            }
                            _ => format!("原文第 {} 行", c.line),
                        };
                        h.el_text("p", &[("class", "where")], &place);
                        let doc = shown.document.as_ref().ok();
                        match doc.and_then(|d| source_line(d, c).map(|l| (d, l))) {
                            Some((d, (line, mark))) => {
                                let (above, below) = neighbours(d, c.line);
                                h.el("pre", &[("class", "line")], |h| {
                                    for (n, l) in &above {
                                        h.el_text(
                                            "span",
                                            &[("class", "ctx")],
                                            &format!("{n:>5} │ {l}\n"),
                                        );
                                    }
                                    h.el("span", &[("class", "here")], |h| {
                                        h.text(&format!("{:>5} │ ", c.line));
                                        h.marked(&line, &[mark]);
                                        h.text("\n");
                                    });
                                    for (n, l) in &below {
                                        h.el_text(
                                            "span",
                                            &[("class", "ctx")],
                                            &format!("{n:>5} │ {l}\n"),
                                        );
                                    }
                                });
                            }
                            None => {
                                h.el_text("p", &[("class", "note")], "（原文行无法显示）");
                            }
                        }
                        h.el_text("p", &[("class", "raw")], &format!("印作：{}", c.raw));
                        if let Some(s) = &c.split {
                            h.el_text(
                                "p",
                                &[("class", "note")],
                                &format!("由连写的数字拆分：{}；{}", s.cells.join(" "), s.sums),
                            );
                        }
                        h.el_text("a", &[("href", "#tables"), ("class", "close")], "关闭");
                    },
                );
            }
        }
    });
}
