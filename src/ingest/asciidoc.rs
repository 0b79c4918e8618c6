//! AsciiDoc tables (`|===` … `|===`, as pandoc's asciidoc writer and Asciidoctor documents print
//! them) read as the tab rows the table reader knows. In AsciiDoc every `|` *opens* a cell: a row
//! `|（一）予以公开 |258 |12 | |1 |` ends with an empty cell, where the same line read as a
//! markdown row ends with a border. Read so, a row whose last cell is blank lost that cell and
//! its figures moved one column right (258 read as 商业企业's): **wrong** figures. Here each `|`
//! of a row becomes a tab (the first one nothing), a cell's column span (`2+|`) as many cells,
//! and the block's delimiters and its attribute line (`[cols=",,,"]`) are no text. A row whose
//! cells are on lines of their own is joined up to the block's column count. Every character
//! keeps its source bytes.

use super::MChar;

/// The widest column span read (a table of the template has at most 15 columns).
const MAX_SPAN: usize = 64;

/// A block's delimiter line: `|===`.
fn delimiter(line: &[MChar]) -> bool {
    let t: String = line.iter().map(|m| m.c).collect();
    t.trim_end() == "|==="
}

/// The column count an attribute line declares (`[cols=",,,",]` → 4, `[cols="1,2,1"]` → 3,
/// `[cols="3*"]` and `[cols="3"]` → 3), and whether the line is one.
fn attributes(line: &[MChar]) -> Option<Option<usize>> {
    let t: String = line.iter().map(|m| m.c).collect();
    let t = t.trim();
    // A block's attributes (`[cols="…"]`, `[options="header"]`, `[%header]`), not any
    // bracketed line (a footnote's `[1]`).
    if !(t.starts_with('[') && t.ends_with(']') && (t.contains('=') || t.starts_with("[%"))) {
        return None;
    }
    let cols = t.find("cols=\"").and_then(|at| {
        let spec = &t[at + 6..];
        let spec = &spec[..spec.find('"').unwrap_or(spec.len())];
        // A count alone (`3`, `3*`, `3*^`) or one entry a column.
        let count = spec.split('*').next().unwrap_or("");
        let n = match count.parse() {
            Ok(n) if !spec.contains(',') => n,
            _ => spec.split(',').count(),
        };
        (1..=MAX_SPAN).contains(&n).then_some(n)
    });
    Some(cols)
}

/// The cells of a row line (opening with a cell, `|` or a span spec before it), each with its
/// column span; None for a line that opens no cell (a cell's text going on).
fn cells(line: &[MChar]) -> Option<Vec<(usize, Vec<MChar>)>> {
    let mut out: Vec<(usize, Vec<MChar>)> = Vec::new();
    let mut i = 0;
    let mut pending = 0usize;
    while i < line.len() {
        let c = line[i].c;
        // A span spec: `2+|` (columns), `.3+|` (rows), `2.3+|`; a style letter may follow.
        if (c.is_ascii_digit() || c == '.') && out.last().is_none_or(|(_, t)| ends_blank(t)) {
            let at = i;
            let mut j = i;
            while j < line.len() && (line[j].c.is_ascii_digit() || line[j].c == '.') {
                j += 1;
            }
            let spec: String = line[at..j].iter().map(|m| m.c).collect();
            let columns = spec.split('.').next().unwrap_or("");
            // (A span wider than any table is no span: text.)
            let columns: Option<usize> = if columns.is_empty() {
                Some(1)
            } else {
                columns
                    .parse()
                    .ok()
                    .filter(|&n| (1..=MAX_SPAN).contains(&n))
            };
            if let (true, true, Some(columns)) = (
                line.get(j).is_some_and(|m| m.c == '+'),
                line.get(j + 1).is_some_and(|m| m.c == '|'),
                columns,
            ) {
                pending = columns;
                // (The spec is no text of the cell's: skipped.)
                i = j + 1;
                continue;
            }
        }
        if c == '|' && (i == 0 || line[i - 1].c != '\\') {
            out.push((pending.max(1), Vec::new()));
            pending = 0;
        } else if let Some((_, t)) = out.last_mut() {
            t.push(line[i]);
        } else if !c.is_whitespace() {
            return None;
        }
        i += 1;
    }
    (!out.is_empty()).then_some(out)
}

fn ends_blank(t: &[MChar]) -> bool {
    t.last().is_none_or(|m| m.c.is_whitespace())
}

/// The characters with every AsciiDoc table's rows as tab rows.
pub fn with_asciidoc_tables(chars: Vec<MChar>) -> Vec<MChar> {
    if !chars
        .windows(4)
        .any(|w| w.iter().map(|m| m.c).eq("|===".chars()))
    {
        return chars;
    }
    let lines = super::csv::line_spans(&chars);
    let body = |i: usize| &chars[lines[i].0..lines[i].1];
    let mut out = Vec::with_capacity(chars.len());
    // Where the last line copied starts in `out`.
    let mut last_copied = 0;
    let mut i = 0;
    while i < lines.len() {
        let open = delimiter(body(i));
        let close = open
            .then(|| (i + 1..lines.len()).find(|&j| delimiter(body(j))))
            .flatten();
        let Some(close) = close else {
            last_copied = out.len();
            out.extend_from_slice(&chars[lines[i].0..lines[i].2]);
            i += 1;
            continue;
        };
        // The attribute line above the block is no text either.
        let cols = (i > 0).then(|| attributes(body(i - 1))).flatten();
        if cols.is_some() {
            out.truncate(last_copied);
        }
        let cols = cols.flatten();
        let newline = |at: usize| MChar {
            c: '\n',
            s: chars[at].s,
            e: chars[at].s,
        };
        // Rows: a line of cells, or lines of one cell each joined up to the column count.
        let mut row: Vec<(usize, Vec<MChar>)> = Vec::new();
        let flush = |row: &mut Vec<(usize, Vec<MChar>)>, out: &mut Vec<MChar>, at: usize| {
            if row.is_empty() {
                return;
            }
            for (n, (span, cell)) in row.drain(..).enumerate() {
                let tab = |m: &MChar| MChar {
                    c: '\t',
                    s: m.s,
                    e: m.s,
                };
                let anchor = cell.first().copied().unwrap_or(chars[at]);
                if n > 0 {
                    out.push(tab(&anchor));
                }
                let text = trimmed(&cell);
                out.extend_from_slice(text);
                for _ in 1..span {
                    out.push(tab(&anchor));
                }
            }
            out.push(newline(at));
        };
        for j in i + 1..close {
            let line = body(j);
            match cells(line) {
                Some(found) => {
                    let whole_line = found.len() > 1 || cols.is_none_or(|c| c <= 1);
                    if whole_line {
                        flush(&mut row, &mut out, lines[j].0.min(chars.len() - 1));
                        row = found;
                        flush(&mut row, &mut out, lines[j].0.min(chars.len() - 1));
                    } else {
                        row.extend(found);
                        let width = row.iter().fold(0usize, |w, (s, _)| w.saturating_add(*s));
                        if cols.is_some_and(|c| width >= c) {
                            flush(&mut row, &mut out, lines[j].0.min(chars.len() - 1));
                        }
                    }
                }
                None if line.iter().all(|m| m.c.is_whitespace()) => {
                    flush(&mut row, &mut out, lines[j].0.min(chars.len() - 1));
                }
                // A cell's text going on a line of its own: a space in the cell.
                None => {
                    if let Some((_, t)) = row.last_mut() {
                        t.push(MChar {
                            c: ' ',
                            s: line[0].s,
                            e: line[0].s,
                        });
                        t.extend_from_slice(line);
                    } else {
                        out.extend_from_slice(&chars[lines[j].0..lines[j].2]);
                    }
                }
            }
        }
        flush(&mut row, &mut out, lines[close].0);
        i = close + 1;
    }
    out
}

fn trimmed(cell: &[MChar]) -> &[MChar] {
    let a = cell
        .iter()
        .position(|m| !m.c.is_whitespace())
        .unwrap_or(cell.len());
    let b = cell
        .iter()
        .rposition(|m| !m.c.is_whitespace())
        .map_or(a, |p| p + 1);
    &cell[a..b]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<MChar> {
        let mut out = Vec::new();
        for (i, c) in s.char_indices() {
            out.push(MChar {
                c,
                s: i as u32,
                e: (i + c.len_utf8()) as u32,
            });
        }
        out
    }

    fn text(v: &[MChar]) -> String {
        v.iter().map(|m| m.c).collect()
    }

    #[test]
    fn every_pipe_opens_a_cell() {
        let src = "前文\n\n[cols=\",,,,\",]\n|===\n|（一）予以公开 |258 |12 | |\n|（二）部分公开 | | |3 |1\n|===\n\n后文\n";
        assert_eq!(
            text(&with_asciidoc_tables(chars(src))),
            "前文\n\n（一）予以公开\t258\t12\t\t\n（二）部分公开\t\t\t3\t1\n\n后文\n"
        );
    }

    #[test]
    fn spans_and_cells_a_line() {
        let src = "[cols=\"3\"]\n|===\n2+|行政许可 |5\n\n|规章\n|1\n|2\n|===\n";
        assert_eq!(
            text(&with_asciidoc_tables(chars(src))),
            "行政许可\t\t5\n规章\t1\t2\n"
        );
    }

    #[test]
    fn a_span_wider_than_any_table_is_text() {
        // (It asked for 9,999,999,999 cells: the process aborted out of memory.)
        let out = text(&with_asciidoc_tables(chars("|===\n9999999999+|x\n|===\n")));
        assert!(out.len() < 40, "{out}");
        let out = text(&with_asciidoc_tables(chars(
            "[cols=\"18446744073709551615\"]\n|===\n9223372036854775808+|a\n9223372036854775808+|a\n|===\n",
        )));
        assert!(out.len() < 200, "{out}");
        // A footnote's brackets above a table are no attributes.
        assert!(
            text(&with_asciidoc_tables(chars("[1]\n|===\n|a |b\n|===\n"))).starts_with("[1]\n")
        );
    }

    #[test]
    fn text_without_a_block_is_unchanged() {
        let src = "| a | b |\n|===x\n";
        assert_eq!(text(&with_asciidoc_tables(chars(src))), src);
    }
}
