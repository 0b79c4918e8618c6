//! LaTeX tables (`\begin{tabular}{|c|c|…|}` … `\end{tabular}`), as PDF-to-markdown converters
//! (Mathpix, and the OCR tools that write its `.mmd`) print a report's tables, read as the tab
//! rows the table reader knows: `&` parts cells, `\\` ends a row, rules (`\hline`, `\cline{…}`,
//! booktabs' `\toprule`…) are no text, `\multicolumn{n}{…}{x}` is `x` and n − 1 empty cells,
//! `\multirow{n}{…}{x}` and any other command's argument are their text. Read as text, a row's
//! `&` were no delimiters: figures were placed by position under the header and a row's first
//! figure went to the wrong column (**wrong** figures), or the table was lost. Every character
//! keeps its source bytes.

use super::MChar;

/// The environments read as tables.
const ENVIRONMENTS: [&str; 4] = ["tabular", "tabular*", "tabularx", "longtable"];
/// The widest column span read (a table of the template has at most 15 columns).
const MAX_SPAN: usize = 64;
/// Commands that format a cell: their arguments are no text (`\cellcolor[gray]{0.9}5` is 5).
const FORMATTING: [&str; 14] = [
    "cellcolor",
    "rowcolor",
    "columncolor",
    "color",
    "rule",
    "vspace",
    "hspace",
    "setlength",
    "renewcommand",
    "arraystretch",
    "label",
    "hypertarget",
    "fontsize",
    "resizebox",
];
/// Commands whose first argument formats and whose last is text (`\textcolor{red}{5}`).
const FORMATTING_FIRST: [&str; 3] = ["textcolor", "raisebox", "colorbox"];

/// Commands that draw rules: their brace arguments are no text either.
const RULES: [&str; 7] = [
    "hline",
    "cline",
    "toprule",
    "midrule",
    "bottomrule",
    "cmidrule",
    "specialrule",
];

/// The text with each LaTeX table read as tab rows; unchanged without one.
pub fn with_latex_tables(chars: Vec<MChar>) -> Vec<MChar> {
    // (Most texts have no backslash at all: no copy of them.)
    if !chars.iter().any(|m| m.c == '\\') {
        return chars;
    }
    let text: Vec<char> = chars.iter().map(|m| m.c).collect();
    if !contains(&text, 0, "\\begin{") {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    // For each environment whose end was searched for in vain, where the search began: none
    // begun later can find one (an unclosed table is searched past once, not once a table).
    let mut unclosed: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((body, end)) = table_at(&text, i, &mut unclosed) {
            rows(&chars, &text, body, &mut out);
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn contains(text: &[char], from: usize, s: &str) -> bool {
    let s: Vec<char> = s.chars().collect();
    text[from..].windows(s.len()).any(|w| w == s.as_slice())
}

fn starts(text: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(k, c)| text.get(k) == Some(&c))
}

/// The longest command argument read (characters): a column spec, a span's text. Past it a
/// brace is taken as never closed, so that a text of unclosed braces is read in linear time.
const MAX_ARGUMENT: usize = 400;

/// The index after a brace group opening at `at` (nested braces counted), or None.
fn group_end(text: &[char], at: usize) -> Option<usize> {
    if text.get(at) != Some(&'{') {
        return None;
    }
    let mut depth = 0;
    let end = text.len().min(at + MAX_ARGUMENT);
    for (k, &c) in text.iter().enumerate().take(end).skip(at) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Past an optional `[…]` argument at `at`.
fn past_option(text: &[char], at: usize) -> usize {
    if text.get(at) == Some(&'[') {
        let end = text.len().min(at + MAX_ARGUMENT);
        if let Some(k) = text[at..end].iter().position(|&c| c == ']') {
            return at + k + 1;
        }
    }
    at
}

/// A table environment opening at `at`: the range of its rows' text and the index after its
/// `\end{…}`.
fn table_at(
    text: &[char],
    at: usize,
    unclosed: &mut Vec<(String, usize)>,
) -> Option<(std::ops::Range<usize>, usize)> {
    if text[at] != '\\' || !starts(text, at, "\\begin{") {
        return None;
    }
    let name_start = at + "\\begin{".len();
    let name_end = name_start + text[name_start..].iter().position(|&c| c == '}')?;
    let name: String = text[name_start..name_end].iter().collect();
    if !ENVIRONMENTS.contains(&name.as_str()) {
        return None;
    }
    // `[pos]`, then `{width}` for the starred and x forms, then the column spec.
    let mut k = past_option(text, name_end + 1);
    if name != "tabular" && name != "longtable" {
        k = past_option(text, group_end(text, k)?);
    }
    let body_start = group_end(text, k)?;
    if unclosed
        .iter()
        .any(|(n, from)| *n == name && *from <= body_start)
    {
        return None;
    }
    let end_tag = format!("\\end{{{name}}}");
    let end_tag: Vec<char> = end_tag.chars().collect();
    let Some(found) = text[body_start..]
        .windows(end_tag.len())
        .position(|w| w == end_tag.as_slice())
    else {
        unclosed.push((name, body_start));
        return None;
    };
    let body_end = body_start + found;
    Some((body_start..body_end, body_end + end_tag.len()))
}

/// The rows of a table body, each a line of tab-separated cells, pushed to `out`.
fn rows(chars: &[MChar], text: &[char], body: std::ops::Range<usize>, out: &mut Vec<MChar>) {
    let mut cell: Vec<MChar> = Vec::new();
    let mut row: Vec<MChar> = Vec::new();
    let mut cells_in_row = 0;
    let flush_cell = |cell: &mut Vec<MChar>, row: &mut Vec<MChar>| {
        let s = cell
            .iter()
            .position(|m| !m.c.is_whitespace())
            .unwrap_or(cell.len());
        let e = cell
            .iter()
            .rposition(|m| !m.c.is_whitespace())
            .map_or(s, |e| e + 1);
        row.extend_from_slice(&cell[s..e]);
        cell.clear();
    };
    let mut i = body.start;
    while i < body.end {
        let c = text[i];
        match c {
            '&' => {
                flush_cell(&mut cell, &mut row);
                row.push(MChar {
                    c: '\t',
                    ..chars[i]
                });
                cells_in_row += 1;
                i += 1;
            }
            '\\' if text.get(i + 1) == Some(&'\\') => {
                flush_cell(&mut cell, &mut row);
                let blank =
                    cells_in_row == 0 && row.iter().all(|m| m.c.is_whitespace() || m.c == '\t');
                if !blank {
                    out.append(&mut row);
                    out.push(MChar {
                        c: '\n',
                        ..chars[i]
                    });
                }
                row.clear();
                cells_in_row = 0;
                i = past_option(text, i + 2);
            }
            '\\' => {
                let name_end = (i + 1..body.end)
                    .find(|&k| !text[k].is_ascii_alphabetic())
                    .unwrap_or(body.end);
                let name: String = text[i + 1..name_end].iter().collect();
                if name.is_empty() {
                    // An escaped character (`\%`, `\&`, `\_`): the character.
                    if let Some(&e) = text.get(i + 1).filter(|_| i + 1 < body.end) {
                        cell.push(MChar {
                            c: e,
                            ..chars[i + 1]
                        });
                    }
                    i += 2;
                    continue;
                }
                let mut k = name_end;
                if RULES.contains(&name.as_str()) {
                    // `\cline{2-4}`, `\cmidrule(lr){2-4}`: the rule's arguments go too.
                    if text.get(k) == Some(&'(') {
                        k += text[k..]
                            .iter()
                            .position(|&c| c == ')')
                            .map_or(0, |p| p + 1);
                    }
                    while let Some(e) = group_end(text, k).filter(|&e| e <= body.end) {
                        k = e;
                    }
                    i = k;
                    continue;
                }
                if FORMATTING.contains(&name.as_str()) || FORMATTING_FIRST.contains(&name.as_str())
                {
                    // Every argument (or the first) goes; the text after it is read on.
                    let mut at = past_option(text, k);
                    while let Some(e) = group_end(text, at).filter(|&e| e <= body.end) {
                        at = past_option(text, e);
                        if FORMATTING_FIRST.contains(&name.as_str()) {
                            break;
                        }
                    }
                    i = at;
                    continue;
                }
                if name == "multicolumn" {
                    // {n}{spec}{text}: the text, and n − 1 empty cells after it.
                    let n_end = group_end(text, k).filter(|&e| e <= body.end);
                    let span: usize = n_end
                        .map(|e| text[k + 1..e - 1].iter().collect::<String>())
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1);
                    let spec_end = n_end
                        .and_then(|e| group_end(text, e))
                        .filter(|&e| e <= body.end);
                    if let Some(arg_end) = spec_end
                        .and_then(|e| group_end(text, e))
                        .filter(|&e| e <= body.end)
                    {
                        let arg = spec_end.expect("checked") + 1..arg_end - 1;
                        let mut inner = Vec::new();
                        rows_cell(chars, text, arg, &mut inner);
                        cell.extend(inner);
                        for _ in 1..span.clamp(1, MAX_SPAN) {
                            flush_cell(&mut cell, &mut row);
                            row.push(MChar {
                                c: '\t',
                                ..chars[i]
                            });
                            cells_in_row += 1;
                        }
                        i = arg_end;
                        continue;
                    }
                }
                if name == "multirow" {
                    // [vpos]{n}[bigstrut]{width}[fixup]{text}: the text.
                    let mut groups = Vec::new();
                    let mut at = past_option(text, k);
                    while let Some(e) = group_end(text, at).filter(|&e| e <= body.end) {
                        groups.push(at..e);
                        at = past_option(text, e);
                        if groups.len() == 3 {
                            break;
                        }
                    }
                    if let Some(last) = groups.last().filter(|_| groups.len() >= 3) {
                        let mut inner = Vec::new();
                        rows_cell(chars, text, last.start + 1..last.end - 1, &mut inner);
                        cell.extend(inner);
                        i = last.end;
                        continue;
                    }
                }
                // Any other command: its name goes, its arguments' text stays (read on).
                i = past_option(text, name_end);
            }
            '{' | '}' | '$' => i += 1,
            '\n' | '\r' => {
                cell.push(MChar { c: ' ', ..chars[i] });
                i += 1;
            }
            _ => {
                cell.push(chars[i]);
                i += 1;
            }
        }
    }
    flush_cell(&mut cell, &mut row);
    if row.iter().any(|m| !m.c.is_whitespace() && m.c != '\t') {
        out.append(&mut row);
        out.push(MChar {
            c: '\n',
            ..chars[body.end.saturating_sub(1)]
        });
    }
}

/// A command argument's text within a cell: braces and command names dropped.
fn rows_cell(chars: &[MChar], text: &[char], arg: std::ops::Range<usize>, out: &mut Vec<MChar>) {
    let mut i = arg.start;
    while i < arg.end {
        match text[i] {
            '\\' => {
                let name_end = (i + 1..arg.end)
                    .find(|&k| !text[k].is_ascii_alphabetic())
                    .unwrap_or(arg.end);
                if name_end == i + 1 && i + 1 < arg.end {
                    out.push(MChar {
                        c: text[i + 1],
                        ..chars[i + 1]
                    });
                    i += 2;
                } else {
                    i = name_end;
                }
            }
            '{' | '}' | '$' => i += 1,
            c => {
                out.push(MChar {
                    c: if c == '\n' { ' ' } else { c },
                    ..chars[i]
                });
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        with_latex_tables(MChar::of(s))
            .iter()
            .map(|m| m.c)
            .collect()
    }

    #[test]
    fn a_latex_table_is_tab_rows() {
        let src = "三、收到\n\\begin{tabular}{|c|c|c|}\n\\hline\n & 自然人 & 总计 \\\\ \\hline\n一、本年新收 & 32 & \\textbf{34} \\\\ \\cline{2-3}\n\\multirow{2}{*}{三、本年度办理结果} & \\multicolumn{2}{c|}{略} \\\\\n（一）予以公开 & 9\\% & 9 \\\\ \\hline\n\\end{tabular}\n四、";
        assert_eq!(
            read(src),
            "三、收到\n\t自然人\t总计\n一、本年新收\t32\t34\n三、本年度办理结果\t略\t\n（一）予以公开\t9%\t9\n\n四、"
        );
        // Booktabs, a starred form and `[pos]`.
        let src = "\\begin{tabular*}{\\linewidth}[t]{lrr}\\toprule a & 1 & 2\\\\\\midrule b & 3 & 4\\\\[2pt]\\bottomrule\\end{tabular*}";
        assert_eq!(read(src), "a\t1\t2\nb\t3\t4\n");
        // Formatting commands' arguments are no text.
        let src = "\\begin{tabular}{cc}a & \\cellcolor[gray]{0.9}5 & \\textcolor{red}{7}\\\\\\end{tabular}";
        assert_eq!(read(src), "a\t5\t7\n");
        // No table: unchanged; an unclosed one too.
        for s in [
            "\\begin{itemize} x \\end{itemize}",
            "\\begin{tabular}{cc} a & b",
        ] {
            assert_eq!(read(s), s);
        }
    }
}
