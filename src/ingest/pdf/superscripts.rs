//! Footnote marks set as superscripts (`34¹`, `（七）总计²`): a figure or two in a smaller type,
//! raised above the baseline of the text it follows. On the line they were read into the text
//! before them: `34¹` as 341, `0¹` as 1 with the 0 taken for a blank, and a mark after a
//! label or a column's name broke the row or the whole table. They are no text of the
//! report's figures or labels, and are left out.

use super::Glyph;

/// A mark's type is at most this share of the type of the glyph it follows...
const MAX_SIZE_SHARE: f64 = 0.75;
/// ...and its baseline this share of that glyph's size above the glyph's, or more...
const MIN_RAISE: f64 = 0.2;
/// ...but not as much as this (a line of smaller type above).
const MAX_RAISE: f64 = 0.8;

/// Whether a glyph's text is what a footnote mark is: digits, or a star, dagger or circled
/// number.
fn marklike(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '①'..='⑳' | '¹' | '²' | '³')
        })
}

/// The glyphs without the footnote marks among them (see the module doc).
pub(super) fn without_marks(glyphs: Vec<&Glyph>) -> Vec<&Glyph> {
    if glyphs.len() < 2 {
        return glyphs;
    }
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    // The page's larger type (its 90th percentile: a page of notes in small type has some).
    let large = sizes[sizes.len() * 9 / 10];
    // Only glyphs in a type clearly smaller than that are looked at: few on any page.
    let candidate = |g: &Glyph| g.size <= MAX_SIZE_SHARE * large && marklike(&g.text);
    if !glyphs.iter().any(|g| candidate(g)) {
        return glyphs;
    }
    let is_mark = |g: &Glyph| {
        candidate(g)
            && glyphs.iter().any(|h| {
                let raise = g.y - h.y;
                let gap = g.x - (h.x + h.w);
                g.size <= MAX_SIZE_SHARE * h.size
                    && raise >= MIN_RAISE * h.size
                    && raise <= MAX_RAISE * h.size
                    && gap >= -0.2 * h.size
                    && gap <= 0.5 * h.size
            })
    };
    let marks: Vec<bool> = glyphs.iter().map(|g| is_mark(g)).collect();
    glyphs
        .into_iter()
        .zip(marks)
        .filter(|(_, m)| !m)
        .map(|(g, _)| g)
        .collect()
}
