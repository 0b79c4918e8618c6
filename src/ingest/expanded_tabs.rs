//! Tab rows whose tabs an editor or a tool expanded to spaces (Python's `expandtabs`, vim's
//! `:retab`, GNU `expand`): each tab became the spaces up to the next tab stop, so a blank cell
//! is a whole stop of spaces and the rows no longer line up under their header (each row's
//! label moves its stops). Read as a layout, blank cells moved figures a column (37 wrong
//! figures on a report that prints its zeros as nothing). Where a block of lines has every
//! gap of spaces ending on a tab stop, of one width and one way of counting columns, the gaps
//! are tabs again: as many as the stops they cross.
//!
//! Columns are counted as the tool counted them: characters (`expandtabs`), display cells (a
//! Chinese character two: vim) or the source's bytes (GNU `expand`, three a character in
//! UTF-8). A gap is a run of two spaces or more inside a line; one space beside a figure or
//! between Chinese characters, or the spaces that end a line, are a tab's only where they end
//! on a stop.

use super::csv::line_spans;
use super::MChar;

/// Tab widths tried, widest first (a text expanded at 8 also fits 4, read as twice the tabs).
const TAB_WIDTHS: [usize; 2] = [8, 4];
/// A block needs this many lines, each with a gap inside it (not only its indent)...
const MIN_LINES: usize = 3;
/// ...and this many runs of two spaces or more in all, in half its lines or more.
const MIN_GAPS: usize = 6;

/// Ways of counting a line's columns.
#[derive(Clone, Copy)]
enum Count {
    Chars,
    Display,
    Bytes,
}

const COUNTS: [Count; 3] = [Count::Chars, Count::Display, Count::Bytes];

fn width(m: &MChar, count: Count) -> usize {
    match count {
        Count::Chars => 1,
        Count::Display => 1 + usize::from(is_wide(m.c)),
        Count::Bytes => (m.e - m.s) as usize,
    }
}

/// East Asian wide and full-width characters (two display cells).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{3fffd}')
}

/// A run of spaces in a line (index range) that may be a tab's: `hard` when it must be one (two
/// spaces or more inside the line), or only where it ends on a stop (one space beside a digit
/// or between two Chinese characters, as a tab after a cell one short of a stop leaves; spaces
/// ending the line, blank last cells).
#[derive(Clone, Copy)]
struct Gap {
    start: usize,
    end: usize,
    hard: bool,
}

/// A line's gaps (see [`Gap`]); the indent counts.
fn gaps(line: &[MChar]) -> Vec<Gap> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < line.len() {
        if line[i].c != ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < line.len() && line[i].c == ' ' {
            i += 1;
        }
        let at_end = i == line.len();
        let digit = |j: usize| line.get(j).is_some_and(|m| m.c.is_ascii_digit());
        let wide = |j: usize| line.get(j).is_some_and(|m| is_wide(m.c));
        let beside_digit = (start > 0 && digit(start - 1)) || digit(i);
        let between_wide = start > 0 && wide(start - 1) && wide(i);
        if i - start >= 2 && !at_end {
            out.push(Gap {
                start,
                end: i,
                hard: true,
            });
        } else if at_end || beside_digit || between_wide {
            out.push(Gap {
                start,
                end: i,
                hard: false,
            });
        }
    }
    out
}

/// Each gap's end column, counted one way.
fn end_columns(line: &[MChar], gaps: &[Gap], count: Count) -> Vec<usize> {
    let mut col = 0;
    let mut ends = Vec::with_capacity(gaps.len());
    let mut g = gaps.iter().peekable();
    for (i, m) in line.iter().enumerate() {
        col += width(m, count);
        while g.peek().is_some_and(|gap| gap.end == i + 1) {
            ends.push(col);
            g.next();
        }
    }
    ends
}

/// Which (count, tab width) pairs a line fits, as bits: every hard gap ends on a tab stop, and
/// some gap after the indent does.
fn fits(line: &[MChar], gaps: &[Gap]) -> u8 {
    let mut bits = 0u8;
    for (ci, &count) in COUNTS.iter().enumerate() {
        let ends = end_columns(line, gaps, count);
        for (wi, &tab) in TAB_WIDTHS.iter().enumerate() {
            let on_stop = |k: usize| ends[k].is_multiple_of(tab);
            let hard_on_stops = (0..gaps.len()).all(|k| !gaps[k].hard || on_stop(k));
            let inner = (0..gaps.len()).any(|k| gaps[k].start > 0 && on_stop(k));
            if hard_on_stops && inner {
                bits |= 1 << (ci * TAB_WIDTHS.len() + wi);
            }
        }
    }
    bits
}

/// Whether a block's gaps end in the same few columns on every line: a layout padded to fixed
/// columns (which the layout reader reads), not tab rows expanded, whose stops move with each
/// row's label. Fewer distinct end columns than one and a half times a line's most gaps.
fn aligned(chars: &[MChar], lines: &[(usize, usize, usize)], gaps: &[Vec<Gap>], fit: u8) -> bool {
    let bit = fit.trailing_zeros() as usize;
    let count = COUNTS[bit / TAB_WIDTHS.len()];
    let mut ends: Vec<usize> = Vec::new();
    let mut most = 0;
    for (&(a, body_end, _), g) in lines.iter().zip(gaps) {
        let hard: Vec<Gap> = g.iter().copied().filter(|g| g.hard).collect();
        most = most.max(hard.len());
        ends.extend(end_columns(&chars[a..body_end], &hard, count));
    }
    ends.sort_unstable();
    ends.dedup();
    ends.len() * 2 < most * 3
}

/// The characters with the gaps of expanded tab rows made tabs again (see the module doc);
/// any other text as it is.
pub fn with_tabs_restored(chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.windows(2).any(|w| w[0].c == ' ' && w[1].c == ' ') {
        return chars;
    }
    let lines = line_spans(&chars);
    let line_gaps: Vec<Vec<Gap>> = lines
        .iter()
        .map(|&(a, body_end, _)| gaps(&chars[a..body_end]))
        .collect();
    let line_fits: Vec<u8> = lines
        .iter()
        .zip(&line_gaps)
        .map(|(&(a, body_end, _), g)| fits(&chars[a..body_end], g))
        .collect();
    // Blocks of consecutive lines that share a fit; each line's chosen fit (bit), if any.
    let mut chosen: Vec<Option<u8>> = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let mut common = line_fits[i];
        let mut j = i;
        while j < lines.len() && common & line_fits[j] != 0 {
            common &= line_fits[j];
            j += 1;
        }
        // Prose justified with spaces has gaps beside figures by the line; a table's rows have
        // runs of spaces, most of its lines some.
        let hard = |g: &Vec<Gap>| g.iter().filter(|g| g.hard).count();
        let gaps: usize = line_gaps[i..j].iter().map(hard).sum();
        let lines_with_runs = line_gaps[i..j].iter().filter(|g| hard(g) > 0).count();
        if j - i >= MIN_LINES
            && gaps >= MIN_GAPS
            && lines_with_runs * 2 >= j - i
            && !aligned(&chars, &lines[i..j], &line_gaps[i..j], common)
        {
            // The widest tab that fits (a text expanded at 8 fits 4 too), in the first way of
            // counting that fits.
            let bit = (0..TAB_WIDTHS.len())
                .flat_map(|wi| (0..COUNTS.len()).map(move |ci| ci * TAB_WIDTHS.len() + wi))
                .map(|b| b as u8)
                .find(|&b| common & (1 << b) != 0)
                .expect("a common fit");
            chosen[i..j].fill(Some(bit));
        }
        i = j.max(i + 1);
    }
    if chosen.iter().all(Option::is_none) {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    for (k, &(a, body_end, end)) in lines.iter().enumerate() {
        let Some(bit) = chosen[k] else {
            out.extend_from_slice(&chars[a..end]);
            continue;
        };
        let count = COUNTS[usize::from(bit) / TAB_WIDTHS.len()];
        let tab = TAB_WIDTHS[usize::from(bit) % TAB_WIDTHS.len()];
        let line = &chars[a..body_end];
        let gaps = &line_gaps[k];
        let ends = end_columns(line, gaps, count);
        let mut col = 0;
        let mut i = 0;
        let mut next = 0;
        while i < line.len() {
            // Gaps that end off a stop (soft ones) are spaces as printed.
            while next < gaps.len() && gaps[next].start < i {
                next += 1;
            }
            if next < gaps.len() && gaps[next].start == i && ends[next].is_multiple_of(tab) {
                let Gap {
                    start, end: stop, ..
                } = gaps[next];
                // A tab at column c goes to the next stop after c: the stops the run crosses.
                let tabs = ends[next] / tab - col / tab;
                for t in 0..tabs {
                    out.push(MChar {
                        c: '\t',
                        ..line[(start + t).min(stop - 1)]
                    });
                }
                col = ends[next];
                i = stop;
                next += 1;
                continue;
            }
            col += width(&line[i], count);
            out.push(line[i]);
            i += 1;
        }
        out.extend_from_slice(&chars[body_end..end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(src: &str) -> String {
        with_tabs_restored(MChar::of(src))
            .iter()
            .map(|m| m.c)
            .collect()
    }

    fn expand(s: &str, tab: usize, count: fn(char) -> usize) -> String {
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
                    col += count(c);
                }
            }
        }
        out
    }

    const ROWS: &str = "\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\
        \t一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859\n\
        三、本年度办理结果\t（一）予以公开\t258\t12\t\t\t1\t1\t\n\
        \t（二）部分公开\t3\t\t\t\t\t\t\n\
        \t四、结转下年度继续办理\t1234567\t0\t\t\t\t\t72\n";

    #[test]
    fn expanded_rows_get_their_tabs_again() {
        let counts: [fn(char) -> usize; 3] =
            [|_| 1, |c| if is_wide(c) { 2 } else { 1 }, |c| c.len_utf8()];
        for tab in [8, 4] {
            for count in counts {
                let expanded = expand(ROWS, tab, count);
                assert_ne!(expanded, ROWS);
                // Where a cell is as wide as a stop or more, a tab of 4 reads it the same.
                assert_eq!(restored(&expanded), ROWS, "tab {tab}\n{expanded}");
            }
        }
    }

    #[test]
    fn prose_and_layouts_keep_their_spaces() {
        for src in [
            "    一、总体情况\n    二、主动公开\n    三、依申请公开\n    四、复议诉讼\n",
            "规章   1   0   11\n行政规范性文件  3  0  5\n行政许可      12\n",
            "In 2022  the office  received\nrequests  from  people\n",
        ] {
            assert_eq!(restored(src), src);
        }
    }
}
