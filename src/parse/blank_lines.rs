//! Blank cells of a table printed one cell per line, each cell followed by one empty line (a
//! crawl that turns every `<td><p>` into a paragraph, a Word table saved paragraph by paragraph).
//! In that rhythm a blank cell is an empty paragraph: a run of 2k + 1 empty lines between two
//! cells holds k blank cells. Without this, the blank cells vanish, every row that has one is
//! short of cells, and the whole table is lost.
//!
//! The rhythm is taken only when the region shows it plainly: no line split into fields, many
//! lone figures, every run of empty lines odd, most of them one line long, and almost no two
//! cells on consecutive lines. Anything else (a table that leaves paragraph breaks around its
//! headings, a cell per line with no empty line between) reads as before: no blank cells.

use super::cells::LineKind;

/// The least count of lines holding one figure alone for a region to be read as one cell per
/// line.
const MIN_LONE_FIGURES: usize = 8;

/// For the lines of a table region (offset, line, kind), the blank cells each run of empty
/// lines stands for: (index of the line after the run, or the count of lines for the run that
/// ends the region, count), for runs holding at least one;
/// empty when the region is not printed in the one-cell-one-empty-line rhythm. `before` is the
/// text before the region and `after` the text after it: a table whose every cell is blank
/// (table 四 of an agency with nothing to report) shows no rhythm of its own, the tables
/// printed before it (or after it) do.
pub(super) fn blank_cells_before(
    lines: &[(usize, &str, LineKind)],
    ends_at_line_end: bool,
    before: &str,
    after: &str,
) -> Vec<(usize, usize)> {
    if lines
        .iter()
        .any(|(_, _, k)| matches!(k, LineKind::Structured))
    {
        return Vec::new();
    }
    let runs = runs_of(lines.iter().map(|l| l.1));
    // The run that ends the region holds the last cells too (the last piece of a region that
    // ends where a line does not, before the next heading's line or its indent, is no line).
    let printed = lines.iter().rposition(|l| !l.1.trim().is_empty());
    let trailing = printed.map(|last| {
        let n = (lines.len() - 1 - last).saturating_sub(usize::from(!ends_at_line_end));
        (lines.len(), n)
    });
    let own = lines
        .iter()
        .filter(|(_, l, k)| matches!(k, LineKind::Values) && is_lone_figure(l))
        .count()
        + implied_blanks(&runs)
        + trailing.map_or(0, |(_, n)| if n >= 3 { (n - 1) / 2 } else { 0 });
    // Lines around the region, which must show the rhythm as plainly.
    let shows = |context: &[&str]| {
        !context.iter().any(|l| l.contains(['\t', '|'])) && {
            let runs = runs_of(context.iter().copied());
            context.iter().filter(|l| is_lone_figure(l)).count() + implied_blanks(&runs)
                >= MIN_LONE_FIGURES
                && in_rhythm(&runs)
        }
    };
    let shown = if own >= MIN_LONE_FIGURES {
        in_rhythm(&runs)
    } else {
        // The last lines before the region; or the first after it (table 二 of an agency that
        // leaves most of its cells blank, before table 三).
        let from = before
            .char_indices()
            .rev()
            .filter(|(_, c)| *c == '\n')
            .nth(CONTEXT_LINES)
            .map_or(0, |(i, _)| i + 1);
        let context: Vec<&str> = before[from..].split('\n').collect();
        shows(&context) || shows(&after.split('\n').take(CONTEXT_LINES).collect::<Vec<_>>())
    };
    if !shown {
        return Vec::new();
    }
    let mut runs = runs;
    runs.extend(trailing);
    // A run beside a page footer or page chrome, or across a page break, holds the page's
    // margins, not cells.
    let beside_chrome = |(next, len): (usize, usize)| {
        let skipped = |l: &(usize, &str, LineKind)| {
            matches!(l.2, LineKind::Skip) && !l.1.trim().is_empty() || l.1.contains('\u{c}')
        };
        lines.get(next).is_some_and(skipped)
            || lines[next.saturating_sub(len + 1)..next]
                .iter()
                .any(skipped)
    };
    // The run that ends the region may hold the paragraph break before the next heading too
    // (an empty line more): its blank cells are the pairs it holds after the first line.
    let last = lines.len();
    runs.into_iter()
        .filter(|&r| r.1 >= 3 && (r.1 % 2 == 1 || r.0 == last) && !beside_chrome(r))
        .map(|(i, n)| (i, (n - 1) / 2))
        .collect()
}

/// The blank cells the odd runs of three empty lines or more stand for, counted with the lone
/// figures as the cells that show the rhythm: an agency that prints no 0 may print few figures
/// (a row of seven blank cells is a run of fifteen empty lines).
fn implied_blanks(runs: &[(usize, usize)]) -> usize {
    runs.iter()
        .filter(|r| r.1 >= 3 && r.1 % 2 == 1)
        .map(|r| (r.1 - 1) / 2)
        .sum()
}

/// Lines before a region read for its rhythm when it has too few figures of its own.
const CONTEXT_LINES: usize = 400;

fn is_lone_figure(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && super::figure::parse_fixed(t).is_some() && !t.contains(char::is_whitespace)
}

/// The runs of empty lines between two printed lines: (index of the line after, length).
fn runs_of<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut seen_printed = false;
    let mut run = 0;
    for (i, line) in lines.enumerate() {
        if line.trim().is_empty() {
            run += 1;
            continue;
        }
        if seen_printed {
            runs.push((i, run));
        }
        seen_printed = true;
        run = 0;
    }
    runs
}

/// Whether runs of empty lines keep the rhythm: runs of one are many (header cells, rows without
/// blanks) but need not be most (a table of blank zeros has long runs); cells on consecutive
/// lines are rare; an even run is a paragraph break the rhythm does not explain (an extra empty
/// line after the header), and a few are allowed.
fn in_rhythm(runs: &[(usize, usize)]) -> bool {
    let ones = runs.iter().filter(|r| r.1 == 1).count();
    let adjacent = runs.iter().filter(|r| r.1 == 0).count();
    let even = runs.iter().filter(|r| r.1 > 0 && r.1 % 2 == 0).count();
    !runs.is_empty()
        && ones * 4 >= runs.len()
        && adjacent * 20 <= runs.len()
        && even * 10 <= runs.len()
}

/// Whether a blank cell at `range` is an empty paragraph of that rhythm (an empty line) or a
/// crawl's pipe alone on its line, not an empty field of a row split by tabs or pipes.
pub(super) fn is_empty_paragraph(text: &str, range: &std::ops::Range<usize>) -> bool {
    let b = text.as_bytes();
    let empty_line =
        b.get(range.start) == Some(&b'\n') && (range.start == 0 || b[range.start - 1] == b'\n');
    // A crawl's empty cell, a pipe alone on its line (`cells::pipe_closed_cells`), or a
    // browser's, a tab or a space on a line of nothing else (`cells::tab_line_cells`).
    let marked = || {
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[range.start..]
            .find('\n')
            .map_or(text.len(), |i| range.start + i);
        let line = &text[line_start..line_end];
        match b.get(range.start) {
            Some(b'|') => line.trim() == "|",
            Some(b'\t' | b' ') => line.chars().all(|c| matches!(c, '\t' | ' ' | '\r')),
            _ => false,
        }
    };
    range.is_empty() && (empty_line || marked())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, &str, LineKind)> {
        let mut off = 0;
        text.split('\n')
            .map(|l| {
                let at = off;
                off += l.len() + 1;
                let t = l.trim();
                let kind = if t.is_empty() {
                    LineKind::Skip
                } else if t.bytes().all(|b| b.is_ascii_digit()) {
                    LineKind::Values
                } else {
                    LineKind::Text {
                        values_from: at + l.len(),
                        glued: None,
                    }
                };
                (at, l, kind)
            })
            .collect()
    }

    #[test]
    fn odd_runs_hold_blank_cells() {
        // 规章 13 13 524 / 规范性文件 (blank) 60 (blank) / 其他 1 1 1 1 1, and one paragraph
        // break the rhythm does not explain (an even run: no blank cell).
        let t = "规章\n\n13\n\n13\n\n524\n\n\n规范性文件\n\n\n\n60\n\n\n\n其他\n\n1\n\n1\n\n1\n\n1\n\n1";
        let lines = kinds(t);
        let runs = blank_cells_before(&lines, true, "", "");
        let at = |i: usize| lines[i].1;
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!((at(runs[0].0), runs[0].1), ("60", 1));
        assert_eq!((at(runs[1].0), runs[1].1), ("其他", 1));
    }

    #[test]
    fn no_rhythm_no_blank_cells() {
        // Consecutive cells, empty lines only around a heading.
        let t = "规章\n13\n13\n524\n\n\n\n规范性文件\n60\n60\n368\n其他\n1\n1\n1\n1\n1";
        assert!(blank_cells_before(&kinds(t), true, "", "").is_empty());
        // Even runs are paragraph breaks: too many of them, and there is no rhythm.
        let t = "规章\n\n\n13\n\n\n13\n\n524\n\n\n规范性文件\n\n\n60\n\n60\n\n1\n\n1\n\n1\n\n1";
        assert!(blank_cells_before(&kinds(t), true, "", "").is_empty());
        // Too few lone figures to tell a rhythm.
        let t = "一、总体情况\n\n\n\n本年度，我局……\n\n1\n\n2";
        assert!(blank_cells_before(&kinds(t), true, "", "").is_empty());
    }

    #[test]
    fn a_table_all_blank_takes_the_rhythm_of_the_tables_before_it() {
        let before = "规章\n\n13\n\n13\n\n524\n\n规范性文件\n\n60\n\n60\n\n1\n\n\
                      其他\n\n1\n\n1\n\n1\n\n1\n\n1\n";
        let region = "维持\n\n纠正\n\n总计\n\n\n\n\n\n\n\n五、";
        let lines = kinds(region);
        let runs = blank_cells_before(&lines, true, before, "");
        assert_eq!(runs.len(), 1);
        assert_eq!((lines[runs[0].0].1, runs[0].1), ("五、", 3));
        assert!(blank_cells_before(&lines, true, "", "").is_empty());
        // Tables before it split by tabs show no such rhythm.
        assert!(blank_cells_before(&lines, true, &before.replace("\n\n1", "\t1"), "").is_empty());
    }

    #[test]
    fn a_region_ending_inside_its_last_printed_line() {
        // The region stops inside its last line (a heading glued after the figures, as a site's
        // bold markdown heading leaves it): no empty line follows, and no run is taken there.
        let t = "规章\n\n13\n\n13\n\n524\n\n\n\n60\n\n1\n\n1\n\n1\n\n1\n\n1";
        let lines = kinds(t);
        let runs = blank_cells_before(&lines, false, "", "");
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!((lines[runs[0].0].1, runs[0].1), ("60", 1));
    }
}
