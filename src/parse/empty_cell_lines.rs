//! Empty cells printed as lines of their own, in tables printed a cell a line: a crawl's pipe
//! alone (`|`, cells closed by pipes) or an empty line between two lone pipes (each cell's
//! closing pipe on the next line), a browser's tab lines and no-break spaces (`innerText`),
//! a tab alone where every cell's line opens with a tab. Each reader marks such lines
//! [`LineKind::BlankCells`] where its shape is plain in the region; read as nothing, every row
//! with an empty cell was short of cells and the table was lost.

use super::cells::{line_kind, LineKind};
use super::chrome;
use super::text::lines_with_offsets;

/// Whether a reader before has read some lines as blank cells already (each reader's shape is
/// the region's only one).
fn has_blank_cells(lines: &[(usize, &str, LineKind)]) -> bool {
    lines
        .iter()
        .any(|(_, _, k)| matches!(k, LineKind::BlankCells(_)))
}

/// The least count of lines closed by a pipe or of pipes alone for a region to be read as
/// [`pipe_closed_cells`].
const MIN_PIPE_CLOSED: usize = 8;

/// A table a crawler printed a cell a line, each cell closed by a pipe (`821 |`), an empty
/// cell as a pipe alone (`|`), and after a row a line of one pipe for each column its merged
/// cells covered (`||`): read as the cells it prints, where such lines are nearly all of the
/// region's. Otherwise each cell read as a row of one field, and the empty cells as nothing:
/// every row with an empty cell was short of cells, and the table was lost. A line of two
/// pipes or more is a row's merged columns, no cells; a single one after a row's last cell is
/// indistinguishable from an empty cell (the table readers leave out blank cells past a row's
/// width).
pub(super) fn pipe_closed_cells<'a>(
    mut lines: Vec<(usize, &'a str, LineKind)>,
    chrome: &chrome::ChromeLines,
) -> Vec<(usize, &'a str, LineKind)> {
    let closed = |t: &str| {
        t.strip_suffix('|')
            .is_some_and(|b| !b.trim().is_empty() && !b.contains('|'))
    };
    let pipes = |t: &str| !t.is_empty() && t.bytes().all(|b| b == b'|');
    let (mut n_closed, mut n_pipes, mut other) = (0usize, 0usize, 0usize);
    for (_, l, _) in &lines {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        if closed(t) {
            n_closed += 1;
        } else if pipes(t) {
            n_pipes += 1;
        } else {
            other += 1;
        }
    }
    if n_closed + n_pipes < MIN_PIPE_CLOSED || n_pipes == 0 || other * 4 > n_closed + n_pipes {
        return lines;
    }
    let openers = row_openers(&lines);
    for (i, (off, line, kind)) in lines.iter_mut().enumerate() {
        let t = line.trim();
        if t == "|" && openers.contains(&i) {
            *kind = LineKind::Skip;
        } else if !openers.is_empty() && row_end(t) {
            // A row's last cell and the row's pipe: the cell, or a blank one.
            let lead = line.len() - line.trim_start().len();
            let cell = t[..t.find('|').unwrap_or(0)].trim_end();
            *off += lead;
            if cell.is_empty() {
                *line = &line[lead..lead + 1];
                *kind = LineKind::BlankCells(1);
            } else {
                *line = &line[lead..lead + cell.len()];
                *kind = line_kind(line, *off, chrome);
            }
        } else if t == "|" {
            // At the pipe (`blank_lines::is_empty_paragraph` knows it there).
            let lead = line.len() - line.trim_start().len();
            *off += lead;
            *line = &line[lead..lead + 1];
            *kind = LineKind::BlankCells(1);
        } else if pipes(t) {
            *kind = LineKind::Skip;
        } else if closed(t) {
            let lead = line.len() - line.trim_start().len();
            let cell = t[..t.len() - 1].trim_end();
            *off += lead;
            *line = &line[lead..lead + cell.len()];
            *kind = line_kind(line, *off, chrome);
        }
    }
    lines
}

/// The least count of rows opened by a lone pipe for a region to be read so.
const MIN_ROW_OPENERS: usize = 3;

/// A row's end a cell a line: a cell (or none), its pipe, white space, and the row's pipe(s)
/// (`0 | |`, ` | |`, `8 | |||`).
fn row_end(t: &str) -> bool {
    t.split_once('|').is_some_and(|(_, rest)| {
        rest.starts_with(char::is_whitespace)
            && rest.contains('|')
            && rest.chars().all(|c| c == '|' || c.is_whitespace())
    })
}

/// The lines of a pipe alone that open a row, where a crawler printed each row as a lone pipe
/// and its cells a line each, the last closed twice (`|` / `规章 |` / `0 |` / `0 | |`, real pages
/// of 2020–2022): after a row's end, where most rows' ends are followed by one. Read as a
/// blank cell, it was the first cell of a row printed without a label (table 四's figures),
/// and a row so printed with blank cells shifted one column (6 figures wrong).
fn row_openers(lines: &[(usize, &str, LineKind)]) -> Vec<usize> {
    let texts: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.1.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let ends = texts.iter().filter(|(_, t)| row_end(t)).count();
    let openers: Vec<usize> = texts
        .windows(2)
        .filter(|w| row_end(w[0].1) && w[1].1 == "|")
        .map(|w| w[1].0)
        .collect();
    if openers.len() >= MIN_ROW_OPENERS && openers.len() * 2 >= ends {
        openers
    } else {
        Vec::new()
    }
}

/// A table a crawler printed a cell a line with each cell's closing pipe on the next line
/// (`| 行政许可` / `|` / `0` / `|` / `0` / `|`, the shipped suining report): an empty cell is
/// an empty line between two such pipes, read as a blank cell where lines of a pipe alone are
/// many (a third of the lines of text). Otherwise the empty cells vanished, every row with one
/// was short of cells, and the row was lost.
pub(super) fn pipe_line_cells(lines: &mut [(usize, &str, LineKind)]) {
    let lone_pipe = |l: &str| l.trim() == "|";
    if has_blank_cells(lines) {
        return;
    }
    let text_lines = lines
        .iter()
        .filter(|(_, l, _)| !l.trim().is_empty())
        .count();
    let pipes = lines.iter().filter(|(_, l, _)| lone_pipe(l)).count();
    if pipes < MIN_PIPE_CLOSED || pipes * 3 < text_lines {
        return;
    }
    for i in 1..lines.len().saturating_sub(1) {
        let (before, line, after) = (lines[i - 1].1, lines[i].1, lines[i + 1].1);
        if line.is_empty() && lone_pipe(before) && lone_pipe(after) {
            lines[i].2 = LineKind::BlankCells(1);
        }
    }
}

/// The least count of lines of tabs (and spaces) between empty lines for a region to be read
/// as [`tab_line_cells`].
const MIN_TAB_LINES: usize = 6;

/// A table as a browser gives its text (`innerText`, what a copy of the page holds) where each
/// cell is a paragraph (`<td><p>821</p></td>`, as Word saves a table): each cell on a line of
/// its own, a line holding a tab between two cells, an empty cell (`&nbsp;`) a line of a
/// no-break space (or nothing between two tabs). The tabs open and close no line's text, so
/// they separate no columns and were dropped, and the empty cells with them: every row with
/// one was short of cells and the table was lost. Where such lines are many, a space after a
/// tab before any text, or a second tab right after one, is an empty cell.
pub(super) fn tab_line_cells<'a>(
    lines: &mut [(usize, &'a str, LineKind)],
    slice: &'a str,
    base: usize,
) {
    if !slice.contains('\t') {
        return;
    }
    let raw = lines_with_offsets(slice);
    if raw.len() != lines.len() {
        return;
    }
    let blank_line = |l: &str| l.chars().all(|c| matches!(c, '\t' | ' ' | '\r'));
    let empty = |i: usize| {
        raw.get(i)
            .is_some_and(|(_, l)| l.trim_end_matches('\r').is_empty())
    };
    // Tab lines between empty lines, as the paragraphs' margins leave them (a text whose every
    // line ends with a tab has tab lines for its empty lines, and no empty line at all).
    let tab_lines = (1..raw.len())
        .filter(|&i| {
            let l = raw[i].1;
            l.contains('\t') && blank_line(l) && empty(i - 1) && empty(i + 1)
        })
        .count();
    let content = raw.iter().filter(|(_, l)| !blank_line(l)).count();
    if tab_lines < MIN_TAB_LINES || tab_lines * 2 < content {
        return;
    }
    // After a tab, no cell's text yet.
    let mut open = false;
    for (i, (loff, l)) in raw.iter().enumerate() {
        if !blank_line(l) {
            open = false;
            continue;
        }
        let mut blanks = 0;
        let mut first = None;
        let mut prev_space = false;
        for (k, c) in l.char_indices() {
            match c {
                '\t' => {
                    if open {
                        blanks += 1;
                        first.get_or_insert(k);
                    }
                    open = true;
                    prev_space = false;
                }
                ' ' if !prev_space => {
                    if open {
                        blanks += 1;
                        first.get_or_insert(k);
                        open = false;
                    }
                    prev_space = true;
                }
                _ => {}
            }
        }
        if let Some(k) = first {
            lines[i] = (base + loff + k, &l[k..k + 1], LineKind::BlankCells(blanks));
        }
    }
}

/// A table a cell a line, each cell's line opened by a tab and each row's lines closed by an
/// empty line (a Word or web table saved as text, as the shipped chongming report is): a line
/// of a tab alone there is a cell with nothing in it (a table that prints no 0), not a break.
/// Read so only where nearly every line of text opens with a tab and empty lines stand between
/// rows; a text whose empty lines are themselves a tab has none.
pub(super) fn indented_cells<'a>(
    lines: &mut [(usize, &'a str, LineKind)],
    slice: &'a str,
    base: usize,
) {
    if has_blank_cells(lines) {
        return;
    }
    let raw = lines_with_offsets(slice);
    if raw.len() != lines.len() {
        return;
    }
    let lone_tab = |l: &str| l.trim_end_matches(['\r', ' ']) == "\t";
    let text_lines = raw.iter().filter(|(_, l)| !l.trim().is_empty());
    let (content, indented) = text_lines.fold((0, 0), |(n, t), (_, l)| {
        (n + 1, t + usize::from(l.starts_with('\t')))
    });
    let empty = raw
        .iter()
        .filter(|(_, l)| l.trim_end_matches('\r').is_empty())
        .count();
    if content < MIN_TAB_LINES || indented * 10 < content * 9 || empty < 3 {
        return;
    }
    let indented_text = |i: usize| {
        raw.get(i)
            .is_some_and(|(_, l)| l.starts_with('\t') && !l.trim().is_empty())
    };
    for (i, (loff, l)) in raw.iter().enumerate() {
        // Beside a cell of its row: a tab line between two empty lines is no row's.
        let in_row = (i > 0 && (indented_text(i - 1) || raw[i - 1].1.starts_with('\t')))
            || indented_text(i + 1);
        if lone_tab(l) && in_row {
            lines[i] = (base + loff, &l[..1], LineKind::BlankCells(1));
        }
    }
}

/// The least count of lines of a space alone for a region to be read as [`space_line_cells`].
const MIN_SPACE_LINES: usize = 3;

/// A table a cell a line with nothing between its cells (a page whose table is a grid of
/// `<div>`s, read as a browser shows it without its style sheet: each cell a block of its own
/// line): an empty cell (`&nbsp;`) is a line of a space alone. Read so only where the cells'
/// lines follow each other with no empty line between (in a table with an empty line after each
/// cell, `blank_lines` reads the rhythm) and such lines are several; otherwise they were read as
/// nothing, every row with an empty cell was short of cells and the table was lost.
pub(super) fn space_line_cells<'a>(
    lines: &mut [(usize, &'a str, LineKind)],
    slice: &'a str,
    base: usize,
) {
    if has_blank_cells(lines)
        || lines
            .iter()
            .any(|(_, _, k)| matches!(k, LineKind::Structured))
    {
        return;
    }
    let raw = lines_with_offsets(slice);
    if raw.len() != lines.len() {
        return;
    }
    let space_line = |l: &str| l.trim_end_matches('\r') == " ";
    let text_line = |l: &str| !l.trim().is_empty();
    let spaces = raw.iter().filter(|(_, l)| space_line(l)).count();
    let empty = raw
        .iter()
        .filter(|(_, l)| l.trim_end_matches('\r').is_empty())
        .count();
    let figures = lines
        .iter()
        .filter(|(_, l, k)| matches!(k, LineKind::Values) && !l.contains(char::is_whitespace))
        .count();
    // Cells on consecutive lines: a line of text right after another, for a quarter of the
    // lines of text or more (a cell a line with an empty line after each has none; a table of
    // mostly empty cells has few).
    let adjacent = raw
        .windows(2)
        .filter(|w| text_line(w[0].1) && text_line(w[1].1))
        .count();
    let texts = raw.iter().filter(|(_, l)| text_line(l)).count();
    if spaces < MIN_SPACE_LINES || empty > 2 || figures < 3 || adjacent * 4 < texts {
        return;
    }
    for (i, (loff, l)) in raw.iter().enumerate() {
        if space_line(l) {
            lines[i] = (base + loff, &l[..1], LineKind::BlankCells(1));
        }
    }
}
