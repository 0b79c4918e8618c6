//! Footnote marks printed as raised small digits right after a table's figure (`12¹`, a
//! word processor's or a browser's `<sup>1</sup>`): left out of the page's text, or the mark
//! would join the figure (`121`). A mark is told by the figure it sits on, not by its size
//! alone: a digit smaller than the digit before it, touching it on the right and set on a
//! raised baseline. An OCR layer's figure boxed smaller than the label beside it, its digits
//! all of one size on one baseline, has no larger digit before it and stays.

use super::Glyph;

/// A mark is at most this share of its figure's type size.
const MAX_SIZE_SHARE: f64 = 0.9;
/// Its baseline is raised by this share of the figure's size at least, and at most by the
/// figure's height.
const MIN_RISE_SHARE: f64 = 0.15;
const MAX_RISE_SHARE: f64 = 0.8;
/// And it starts within this share of an em after the figure's last digit ends (a little
/// before it: fonts' widths are not exact).
const MAX_GAP_SHARE: f64 = 0.35;
const MIN_GAP_SHARE: f64 = -0.15;

fn digit(g: &Glyph) -> bool {
    g.text.len() == 1 && g.text.as_bytes()[0].is_ascii_digit()
}

/// Whether `mark` sits as a footnote mark on `figure`'s digit (see the module's doc).
fn marks(figure: &Glyph, mark: &Glyph) -> bool {
    let em = figure.size;
    let rise = mark.y - figure.y;
    let gap = mark.x - (figure.x + figure.w);
    mark.size <= MAX_SIZE_SHARE * em
        && (MIN_RISE_SHARE * em..=MAX_RISE_SHARE * em).contains(&rise)
        && (MIN_GAP_SHARE * em..=MAX_GAP_SHARE * em).contains(&gap)
}

/// The page's glyphs without the footnote marks on its figures. Cheap where the page's digits
/// are all of one size: nothing is compared.
pub(super) fn without_marks(glyphs: Vec<&Glyph>) -> Vec<&Glyph> {
    let digits: Vec<&Glyph> = glyphs.iter().copied().filter(|g| digit(g)).collect();
    let Some(largest) = digits.iter().map(|g| g.size).reduce(f64::max) else {
        return glyphs;
    };
    if digits.iter().all(|g| g.size > MAX_SIZE_SHARE * largest) {
        return glyphs;
    }
    // A mark of two digits (`¹²`): its second digit sits on its first.
    let is_mark = |g: &Glyph, marked: &[&Glyph]| {
        digits.iter().any(|f| marks(f, g))
            || marked.iter().any(|m| {
                (m.y - g.y).abs() <= 0.1 * m.size
                    && (g.x - (m.x + m.w)).abs() <= MAX_GAP_SHARE * m.size
                    && (g.size - m.size).abs() <= 0.1 * m.size
            })
    };
    let mut small: Vec<&Glyph> = digits
        .iter()
        .copied()
        .filter(|g| g.size <= MAX_SIZE_SHARE * largest)
        .collect();
    small.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut marked: Vec<&Glyph> = Vec::new();
    for g in small {
        if is_mark(g, &marked) {
            marked.push(g);
        }
    }
    if marked.is_empty() {
        return glyphs;
    }
    glyphs
        .into_iter()
        .filter(|g| !marked.iter().any(|m| std::ptr::eq(*m, *g)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, size: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            w: 0.55 * size,
            size,
            text: text.to_string(),
            word: 0,
        }
    }

    fn kept(glyphs: &[Glyph]) -> String {
        without_marks(glyphs.iter().collect())
            .iter()
            .map(|g| g.text.as_str())
            .collect()
    }

    #[test]
    fn a_raised_small_digit_on_a_figure_is_a_mark() {
        // `12¹`: a browser's <sup> (83% of the size, raised a third of an em), and `7²` at 55%.
        let a = [
            glyph(200.0, 700.0, 12.0, "1"),
            glyph(206.6, 700.0, 12.0, "2"),
            glyph(213.4, 704.0, 10.0, "1"),
            glyph(260.0, 700.0, 12.0, "7"),
            glyph(266.6, 705.0, 6.6, "2"),
            glyph(300.0, 700.0, 12.0, "0"),
        ];
        assert_eq!(kept(&a), "1270");
        // A mark of two digits.
        let b = [
            glyph(200.0, 700.0, 12.0, "5"),
            glyph(206.7, 704.0, 7.0, "1"),
            glyph(210.6, 704.0, 7.0, "2"),
        ];
        assert_eq!(kept(&b), "5");
    }

    #[test]
    fn small_figures_of_one_size_are_figures() {
        // An OCR layer: the label boxed at 14 pt, its figures at 9 pt and raised, one size for
        // every digit; a page number in small type; a figure right of a larger label digit
        // far apart.
        let a = [
            glyph(72.0, 700.0, 14.0, "合"),
            glyph(86.0, 700.0, 14.0, "计"),
            glyph(200.0, 703.0, 9.0, "2"),
            glyph(205.0, 703.0, 9.0, "5"),
            glyph(290.0, 40.0, 8.0, "3"),
            glyph(300.0, 700.0, 14.0, "4"),
            glyph(340.0, 704.0, 9.0, "6"),
        ];
        assert_eq!(kept(&a), "合计25346");
    }
}
