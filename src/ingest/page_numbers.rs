//! Bare page numbers at page breaks. `pdftotext` without `-layout` ends every page with a form
//! feed, and a PDF whose footer (or header) is the page number alone prints it as a line of
//! digits next to that form feed: `…\n0\n3\n\u{c}…`. Once form feeds are line breaks, such a
//! line is a figure like any other, and inside a table printed a cell per line it shifts every
//! cell after it. (Dashed and worded page numbers, `- 3 -` or `第3页`, are told by their shape
//! later; a bare number can only be told by its place.)
//!
//! A bare number counts as a page number only as part of a run: on at least two pages, the last
//! (or first) non-blank line of the page is a number, and each such number is its page's index
//! plus one constant (the numbering may start after a cover). A table's last cell on one page
//! is no such run. Those lines are dropped before form feeds become line breaks; a text without
//! form feeds is left as it is.

use super::MChar;

/// The most digits of a page number.
const MAX_DIGITS: usize = 4;
/// The fewest numbered pages that make a run.
const MIN_PAGES: usize = 2;

/// Drop the page numbers printed alone next to a text's form feeds.
pub fn strip(chars: &mut Vec<MChar>) {
    if !chars.iter().any(|m| m.c == '\u{c}') {
        return;
    }
    // Each page's characters, without its form feed.
    let pages = super::pieces(chars, '\u{c}');
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    for edge in [Edge::Foot, Edge::Head] {
        let numbered: Vec<(usize, u64, std::ops::Range<usize>)> = pages
            .iter()
            .enumerate()
            .filter_map(|(i, page)| {
                let line = edge_line(chars, page.clone(), edge)?;
                let n = page_number(&chars[line.clone()])?;
                // With the blank lines between it and the form feed, and a head's line break:
                // the form feed is the page's break, and lines left blank where the number
                // stood would part a table's rows as an empty paragraph does.
                let gone = match edge {
                    Edge::Foot => line.start..page.end,
                    Edge::Head => {
                        let after = chars.get(line.end).is_some_and(|m| m.c == '\n');
                        page.start..line.end + usize::from(after)
                    }
                };
                Some((i, n, gone))
            })
            .collect();
        if let Some(lines) = run(&numbered) {
            drop.extend(lines);
        }
    }
    super::drop_ranges(chars, drop);
}

#[derive(Clone, Copy)]
enum Edge {
    /// The page's last non-blank line.
    Foot,
    /// The page's first non-blank line.
    Head,
}

/// The characters of the page's first or last non-blank line (without its line break).
fn edge_line(
    chars: &[MChar],
    page: std::ops::Range<usize>,
    edge: Edge,
) -> Option<std::ops::Range<usize>> {
    let is_break = |m: &MChar| matches!(m.c, '\n' | '\r');
    let mut lines = Vec::new();
    let mut start = page.start;
    for i in page.clone() {
        if is_break(&chars[i]) {
            lines.push(start..i);
            start = i + 1;
        }
    }
    lines.push(start..page.end);
    let blank = |r: &std::ops::Range<usize>| chars[r.clone()].iter().all(|m| m.c.is_whitespace());
    match edge {
        Edge::Foot => lines.into_iter().rev().find(|r| !blank(r)),
        Edge::Head => lines.into_iter().find(|r| !blank(r)),
    }
}

/// A line that is a number alone (white space around it allowed).
fn page_number(line: &[MChar]) -> Option<u64> {
    let t: Vec<char> = line
        .iter()
        .map(|m| m.c)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() || t.len() > MAX_DIGITS || !t.iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(
        t.iter()
            .fold(0u64, |v, c| v * 10 + u64::from(*c as u32 - '0' as u32)),
    )
}

/// The lines of the numbered pages when they make a run: at least [`MIN_PAGES`] pages, every
/// number its page's index plus the same constant.
fn run(numbered: &[(usize, u64, std::ops::Range<usize>)]) -> Option<Vec<std::ops::Range<usize>>> {
    if numbered.len() < MIN_PAGES {
        return None;
    }
    let offset = numbered[0].1 as i64 - numbered[0].0 as i64;
    numbered
        .iter()
        .all(|(i, n, _)| *n as i64 - *i as i64 == offset)
        .then(|| numbered.iter().map(|x| x.2.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(s: &str) -> String {
        crate::ingest::applied(strip, s)
    }

    #[test]
    fn numbers_at_the_foot_of_each_page_are_dropped() {
        let s = "一、总体情况\n正文\n1\n\u{c}（一）予以公开\n12\n0\n  2  \n\n\n\u{c}3\n\u{c}";
        assert_eq!(
            stripped(s),
            "一、总体情况\n正文\n\u{c}（一）予以公开\n12\n0\n\u{c}\u{c}"
        );
    }

    #[test]
    fn numbers_at_the_head_of_each_page_are_dropped() {
        let s = "封面\n\u{c}2\n正文\n7\n\u{c}  3\n（一）予以公开\n5\n";
        assert_eq!(stripped(s), "封面\n\u{c}正文\n7\n\u{c}（一）予以公开\n5\n");
    }

    #[test]
    fn figures_that_end_pages_are_no_run() {
        // The last cells of two pages: 12 then 0 is no page's index plus one constant.
        let s = "（一）予以公开\n12\n\u{c}（二）部分公开\n0\n\u{c}";
        assert_eq!(stripped(s), s);
        // One page break: no run at all.
        let s = "（一）予以公开\n1\n\u{c}（二）部分公开\n0\n";
        assert_eq!(stripped(s), s);
        // No form feed: nothing is a page.
        let s = "（一）予以公开\n1\n（二）部分公开\n2\n";
        assert_eq!(stripped(s), s);
    }
}
