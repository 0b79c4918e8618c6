//! Watermarks: a word or two in large type drawn at the same places over the body of every
//! page (「仅供参考」, 「内部资料」, an agency's name tiled across it), upright. Laid out with the
//! text, its glyphs land inside paragraphs and between table rows on every page, and a heading
//! or a row they fall into no longer reads. (Turned or diagonal watermarks never reach the
//! layout: only upright glyphs are kept.) Like a running line, a watermark is known by coming
//! back: a shown string in type at least [`LARGE`] times the page's usual size, with the same
//! text at the same place on at least two pages and half of them. A title is large but printed
//! once; a table's head repeated on each page is in the body's type.

use super::Page;
use std::collections::{HashMap, HashSet};

/// How many times the page's usual type size a watermark's is at least.
const LARGE: f64 = 1.8;

/// A large string: its text (without spaces) and the place of its first glyph, in 2-pt steps.
type Key = (String, i64, i64);

/// Drop the glyphs of the watermarks of `pages` (see the module doc).
pub(super) fn drop_watermarks(pages: &mut [Page]) {
    if pages.len() < 2 {
        return;
    }
    let large: Vec<Vec<(u32, Key)>> = pages.iter().map(large_strings).collect();
    let mut pages_with: HashMap<&Key, usize> = HashMap::new();
    for strings in &large {
        let mut seen = HashSet::new();
        for (_, key) in strings {
            if seen.insert(key) {
                *pages_with.entry(key).or_default() += 1;
            }
        }
    }
    let least = 2.max(pages.len().div_ceil(2));
    for (page, strings) in pages.iter_mut().zip(&large) {
        let marks: HashSet<u32> = strings
            .iter()
            .filter(|(_, key)| pages_with[key] >= least)
            .map(|&(word, _)| word)
            .collect();
        if !marks.is_empty() {
            page.glyphs.retain(|g| !marks.contains(&g.word));
        }
    }
}

/// The strings of a page shown in large type: the string's number on the page and its key.
fn large_strings(page: &Page) -> Vec<(u32, Key)> {
    let mut sizes: Vec<f64> = page.glyphs.iter().map(|g| g.size).collect();
    if sizes.is_empty() {
        return Vec::new();
    }
    sizes.sort_unstable_by(f64::total_cmp);
    let usual = sizes[sizes.len() / 2];
    let mut out = Vec::new();
    // A string's glyphs are shown one after another, so they follow each other in `glyphs`.
    for string in page.glyphs.chunk_by(|a, b| a.word == b.word) {
        let first = &string[0];
        if first.size < LARGE * usual {
            continue;
        }
        let text: String = string
            .iter()
            .flat_map(|g| g.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        if text.is_empty() {
            continue;
        }
        let step = |v: f64| (v / 2.0).round() as i64;
        out.push((first.word, (text, step(first.x), step(first.y))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Glyph;
    use super::*;

    /// A page of strings: (text, size, x, y), one string each, glyphs 1 em apart.
    fn page(number: u32, strings: &[(&str, f64, f64, f64)]) -> Page {
        let mut p = Page::new(number, (0.0, 0.0, 595.0, 842.0));
        for (word, &(text, size, x, y)) in strings.iter().enumerate() {
            for (k, c) in text.chars().enumerate() {
                p.glyphs.push(Glyph {
                    x: x + k as f64 * size,
                    y,
                    w: size,
                    size,
                    text: c.to_string(),
                    word: word as u32,
                });
            }
        }
        p
    }

    fn texts(p: &Page) -> String {
        p.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn a_large_word_at_the_same_place_on_every_page_goes() {
        let body = ("政府信息公开工作年度报告正文", 12.0, 72.0, 700.0);
        let mark = ("仅供参考", 48.0, 150.0, 400.0);
        let mut pages: Vec<Page> = (1..=3).map(|n| page(n, &[body, mark, body])).collect();
        // The title: large, on the first page only.
        pages[0] = page(1, &[("淮安市人民政府", 24.0, 150.0, 780.0), body, mark]);
        drop_watermarks(&mut pages);
        assert_eq!(
            texts(&pages[0]),
            "淮安市人民政府政府信息公开工作年度报告正文"
        );
        assert_eq!(
            texts(&pages[2]),
            "政府信息公开工作年度报告正文政府信息公开工作年度报告正文"
        );
    }

    #[test]
    fn body_type_large_words_in_other_places_and_single_pages_stay() {
        let body = ("正文正文正文正文", 12.0, 72.0, 700.0);
        // A large heading on each page, but at a different place on each.
        let mut pages: Vec<Page> = (1..=3)
            .map(|n| {
                page(
                    n,
                    &[body, ("第一部分", 30.0, 100.0, 300.0 + 50.0 * n as f64)],
                )
            })
            .collect();
        drop_watermarks(&mut pages);
        assert!(pages.iter().all(|p| texts(p).ends_with("第一部分")));
        // A table head repeated at the same place, in the body's type.
        let mut pages: Vec<Page> = (1..=3)
            .map(|n| page(n, &[body, ("项目", 12.0, 72.0, 780.0)]))
            .collect();
        drop_watermarks(&mut pages);
        assert!(pages.iter().all(|p| texts(p).ends_with("项目")));
        // One page: nothing comes back, nothing goes.
        let mut one = vec![page(1, &[body, ("仅供参考", 48.0, 150.0, 400.0)])];
        drop_watermarks(&mut one);
        assert!(texts(&one[0]).ends_with("仅供参考"));
    }
}
