//! Running headers and footers: the line a word processor repeats in the top or bottom margin
//! of every page (the agency and `政府信息公开工作年度报告`, a document number, the site's name).
//! Page numbers are dropped page by page ([`super::is_page_number`]); a running line is known
//! only by coming back, so it is found over the whole document: a line in the margin band of at
//! least two pages, and of half of them, with the same text (its figures aside, for headers
//! that carry the page number). Left in, it lands in the middle of a paragraph or between two
//! table rows at every page break.
//!
//! A bare number in a margin (`3`) is a page number only where it counts the pages: where most
//! pages' bare numbers differ from their page's number by the same offset (a cover page left
//! unnumbered), or, in a document of one or two pages, where it is its page's own number. A
//! table printed a cell a line puts its figures at the head and foot of pages too (`25` atop
//! page 4), and dropped they were lost.

use std::collections::{HashMap, HashSet};

/// A laid-out line of a page.
pub(super) struct PageLine {
    pub(super) text: String,
    /// A row of a table (never a running line: a table broken across pages repeats its head).
    pub(super) in_table: bool,
    /// Among the page's first two or last two lines, in the top or bottom margin band.
    pub(super) in_margin: bool,
    /// In the margin band and a number alone: perhaps the page's number.
    pub(super) bare_number: Option<u32>,
    /// A line of a body crawled into one line and wrapped by print: it goes on into the next.
    pub(super) continues: bool,
}

/// Drop the bare numbers in the pages' margins that count the pages (see the module doc);
/// `numbers`: each page's own number.
pub(super) fn drop_bare_page_numbers(pages: &mut [Vec<PageLine>], numbers: &[u32]) {
    // For each offset (printed number − page number), the pages printing a bare number so.
    let mut pages_at: HashMap<i64, usize> = HashMap::new();
    for (lines, &n) in pages.iter().zip(numbers) {
        let offsets: HashSet<i64> = lines
            .iter()
            .filter_map(|l| l.bare_number)
            .map(|v| i64::from(v) - i64::from(n))
            .collect();
        for o in offsets {
            *pages_at.entry(o).or_default() += 1;
        }
    }
    // Most pages are numbered (all but a cover, a contents page): a figure's offset is shared
    // by a few pages at most (`0` atop page 4, `1` at the foot of page 5).
    let least = 2.max(pages.len() / 2 + 1);
    let short = pages.len() <= 2;
    for (lines, &n) in pages.iter_mut().zip(numbers) {
        lines.retain(|l| {
            let Some(v) = l.bare_number else {
                return true;
            };
            let offset = i64::from(v) - i64::from(n);
            !(pages_at[&offset] >= least || (short && offset == 0))
        });
    }
}

/// The text a running line is compared by: without spaces and digits (a page number in the
/// header), or None when too little is left to tell a header from a row of figures (fewer
/// than four characters).
fn comparable(text: &str) -> Option<String> {
    let key: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .collect();
    (key.chars().count() >= 4).then_some(key)
}

/// Drop the running lines of the pages' margins (see the module doc).
pub(super) fn drop_running_lines(pages: &mut [Vec<PageLine>]) {
    if pages.len() < 2 {
        return;
    }
    let mut pages_with: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let mut seen = HashSet::new();
        for l in lines.iter().filter(|l| l.in_margin && !l.in_table) {
            if let Some(k) = comparable(&l.text) {
                if seen.insert(k.clone()) {
                    *pages_with.entry(k).or_default() += 1;
                }
            }
        }
    }
    let least = 2.max(pages.len().div_ceil(2));
    if !pages_with.values().any(|&n| n >= least) {
        return;
    }
    for lines in pages.iter_mut() {
        lines.retain(|l| {
            !(l.in_margin
                && !l.in_table
                && comparable(&l.text).is_some_and(|k| pages_with[&k] >= least))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, in_margin: bool) -> PageLine {
        PageLine {
            text: text.into(),
            in_table: false,
            in_margin,
            bare_number: None,
            continues: false,
        }
    }

    fn texts(pages: &[Vec<PageLine>]) -> Vec<Vec<&str>> {
        pages
            .iter()
            .map(|p| p.iter().map(|l| l.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn a_header_on_every_page_goes_the_title_and_figures_stay() {
        let header = "淮安市人民政府2024年政府信息公开工作年度报告";
        let mut pages = vec![
            vec![
                line(header, true),
                line("淮安市人民政府", true),
                line("正文", false),
            ],
            vec![
                line(header, true),
                line("正文", false),
                line("0\t1\t1\t0\t2", true),
            ],
            vec![
                line(&format!("{header} 3"), true),
                line("正文", false),
                line("0\t1\t1\t0\t3", true),
            ],
        ];
        drop_running_lines(&mut pages);
        assert_eq!(
            texts(&pages),
            [
                vec!["淮安市人民政府", "正文"],
                vec!["正文", "0\t1\t1\t0\t2"],
                vec!["正文", "0\t1\t1\t0\t3"],
            ]
        );
    }

    #[test]
    fn a_line_on_one_page_of_several_or_in_the_body_stays() {
        let mut pages: Vec<Vec<PageLine>> = (0..5)
            .map(|i| vec![line("二、主动公开政府信息情况", i == 0), line("正文", true)])
            .collect();
        pages[1][0].in_margin = false;
        drop_running_lines(&mut pages);
        assert_eq!(pages[0][0].text, "二、主动公开政府信息情况");
        assert_eq!(pages[1][0].text, "二、主动公开政府信息情况");
    }

    /// A page's lines: a figure or page number alone in the margin as `bare`, body lines between.
    fn numbered(head: Option<u32>, foot: Option<u32>) -> Vec<PageLine> {
        let bare = |v: u32| PageLine {
            bare_number: Some(v),
            ..line(&v.to_string(), true)
        };
        head.map(bare)
            .into_iter()
            .chain([line("正文", false)])
            .chain(foot.map(bare))
            .collect()
    }

    #[test]
    fn bare_numbers_that_count_the_pages_go() {
        // Numbered from the first page, and from the second after an unnumbered cover.
        let mut pages: Vec<Vec<PageLine>> = (1..=4).map(|n| numbered(None, Some(n))).collect();
        drop_bare_page_numbers(&mut pages, &[1, 2, 3, 4]);
        assert!(pages.iter().all(|p| p.len() == 1), "{:?}", texts(&pages));
        let mut pages: Vec<Vec<PageLine>> = (0..4)
            .map(|n| numbered(None, (n > 0).then_some(n)))
            .collect();
        drop_bare_page_numbers(&mut pages, &[1, 2, 3, 4]);
        assert!(pages.iter().all(|p| p.len() == 1), "{:?}", texts(&pages));
        // Where the page number is missed on a page (another line below it), the rest still go.
        let mut pages: Vec<Vec<PageLine>> = (1..=6)
            .map(|n| numbered(None, (n != 3).then_some(n)))
            .collect();
        drop_bare_page_numbers(&mut pages, &[1, 2, 3, 4, 5, 6]);
        assert!(pages.iter().all(|p| p.len() == 1), "{:?}", texts(&pages));
        // One page, its own number at the foot.
        let mut pages = vec![numbered(None, Some(1))];
        drop_bare_page_numbers(&mut pages, &[1]);
        assert_eq!(texts(&pages), [vec!["正文"]]);
    }

    #[test]
    fn figures_at_the_head_and_foot_of_pages_stay() {
        // A table printed a cell a line: `25` atop page 4, `0` at the foot of page 3, `1` at the
        // foot of page 5 — no two of them counting the pages alike.
        let mut pages = vec![
            numbered(None, None),
            numbered(None, None),
            numbered(None, Some(0)),
            numbered(Some(25), Some(0)),
            numbered(Some(0), Some(1)),
        ];
        drop_bare_page_numbers(&mut pages, &[1, 2, 3, 4, 5]);
        assert_eq!(
            texts(&pages),
            [
                vec!["正文"],
                vec!["正文"],
                vec!["正文", "0"],
                vec!["25", "正文", "0"],
                vec!["0", "正文", "1"],
            ]
        );
        // Page numbers and figures together: the numbers go, the figures stay.
        let mut pages = vec![
            numbered(None, Some(1)),
            numbered(Some(7), Some(2)),
            numbered(Some(0), Some(3)),
        ];
        drop_bare_page_numbers(&mut pages, &[1, 2, 3]);
        assert_eq!(
            texts(&pages),
            [vec!["正文"], vec!["7", "正文"], vec!["0", "正文"]]
        );
    }
}
