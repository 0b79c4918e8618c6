//! Running headers and footers: the line a word processor repeats in the top or bottom margin
//! of every page (the agency and `政府信息公开工作年度报告`, a document number, the site's name).
//! Page numbers are dropped page by page ([`super::is_page_number`]); a running line is known
//! only by coming back, so it is found over the whole document: a line in the margin band of at
//! least two pages, and of half of them, with the same text (its figures aside, for headers
//! that carry the page number). Left in, it lands in the middle of a paragraph or between two
//! table rows at every page break.

use std::collections::{HashMap, HashSet};

/// A laid-out line of a page.
pub(super) struct PageLine {
    pub(super) text: String,
    /// A row of a table (never a running line: a table broken across pages repeats its head).
    pub(super) in_table: bool,
    /// Among the page's first two or last two lines, in the top or bottom margin band.
    pub(super) in_margin: bool,
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
}
