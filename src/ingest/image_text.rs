//! Headings printed as pictures: a page whose part headings are images (`<img alt="一、总体情况">`)
//! shows them to a reader, but a browser's text of the page has none of them, and without its
//! headings the report has no sections and no tables. The image's alternative text (or its
//! `title` when the alt is empty) is read as a line of its own — only when it reads as a heading
//! of the report: numbered like one (一、 （一） 第一部分 1.), or naming one of the template's parts.
//! Any other picture (a logo, a QR code, a chart) stays out of the text, as a browser leaves it.

use super::MChar;
use crate::model::template::PART_TITLES;

/// The longest alternative text read as a heading, in characters.
const MAX_CHARS: usize = 40;

/// The alternative text of an image, white space squashed, when it reads as a heading.
pub(super) fn heading(alt: Option<&str>, title: Option<&str>) -> Option<String> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = [alt, title]
        .into_iter()
        .flatten()
        .map(squash)
        .find(|t| !t.is_empty())?;
    let n = text.chars().count();
    ((2..=MAX_CHARS).contains(&n) && (is_numbered(&text) || names_a_part(&text))).then_some(text)
}

/// Numbered as a heading: a numeral and its mark, then Han ("一、总体情况", "（二）主动公开",
/// "第三部分 …", "4.存在的问题").
fn is_numbered(t: &str) -> bool {
    let is_numeral = |c: char| "一二三四五六七八九十".contains(c);
    let rest = if let Some(r) = t.strip_prefix('第') {
        let r = r.trim_start_matches(is_numeral);
        (r.len() < t.len() - '第'.len_utf8())
            .then(|| r.strip_prefix("部分").or_else(|| r.strip_prefix('章')))
            .flatten()
    } else if let Some(r) = t.strip_prefix(['（', '(']) {
        let inner = r.trim_start_matches(is_numeral);
        (inner.len() < r.len())
            .then(|| inner.strip_prefix(['）', ')']))
            .flatten()
    } else {
        let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
        let numerals = t.trim_start_matches(is_numeral);
        let after = if digits.len() < t.len() && t.len() - digits.len() <= 2 {
            digits
        } else if numerals.len() < t.len() {
            numerals
        } else {
            return false;
        };
        after.strip_prefix(['、', '．', '.', '，', ' ', '\u{3000}'])
    };
    rest.map(str::trim_start)
        .and_then(|r| r.chars().next())
        .is_some_and(super::normalize::is_han)
}

/// Names one of the report's parts by the template's title (or 总体情况, part 一).
fn names_a_part(t: &str) -> bool {
    t.contains("总体情况") || PART_TITLES.iter().any(|(_, _, title)| t.contains(title))
}

/// The characters of `text`, each mapped to where the image's tag at or after `from` in `src`
/// spells it: the attribute value as printed, or else the tag's opening `<img` (an attribute
/// with entities in it), so that provenance points at the image.
pub(super) fn mapped(src: &str, from: usize, text: &str) -> Vec<MChar> {
    let tag = find_ascii_ci(src, from, "<img").unwrap_or(from.min(src.len()));
    // The tag's text, bounded: a value is looked for only inside it.
    let end = src[tag..]
        .find('>')
        .map_or(src.len(), |p| tag + p + 1)
        .min(tag + 8192);
    let end = (end..=src.len())
        .find(|&i| src.is_char_boundary(i))
        .unwrap_or(src.len());
    match src[tag..end].find(text) {
        Some(p) => text
            .char_indices()
            .map(|(i, c)| {
                let s = tag + p + i;
                MChar::new(c, s, s + c.len_utf8())
            })
            .collect(),
        None => {
            let e = (tag + 4).min(end);
            text.chars().map(|c| MChar::new(c, tag, e)).collect()
        }
    }
}

/// The first `pat` (ASCII, any case) at or after `from`.
fn find_ascii_ci(src: &str, from: usize, pat: &str) -> Option<usize> {
    let (b, p) = (src.as_bytes(), pat.as_bytes());
    (from..b.len().saturating_sub(p.len() - 1)).find(|&i| b[i..i + p.len()].eq_ignore_ascii_case(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_not() {
        for h in [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "（三）政府信息管理",
            "(四) 平台建设",
            "第五部分 存在的主要问题及改进情况",
            "4.存在的主要问题",
            "六、 其他需要报告的事项",
            "收到和处理政府信息公开申请情况",
        ] {
            assert_eq!(heading(Some(h), None).as_deref(), Some(h), "{h}");
        }
        for not in [
            "",
            "logo",
            "某市人民政府",
            "微信公众号二维码",
            "一",
            "2023年图表",
            "十一月",
            "第一",
            "（一）",
            "1",
        ] {
            assert_eq!(heading(Some(not), None), None, "{not}");
        }
        // The title when the alt is empty; white space squashed.
        assert_eq!(
            heading(Some(" "), Some("一、 总体\n情况")).as_deref(),
            Some("一、 总体 情况")
        );
        assert_eq!(heading(None, None), None);
    }

    #[test]
    fn characters_map_to_the_attribute() {
        let src = "<p>前文</p><P><IMG src=\"h.png\" alt=\"一、总体情况\"></P>";
        let m = mapped(src, 10, "一、总体情况");
        let at = src.find("一、").unwrap();
        assert_eq!(m[0].s as usize, at);
        assert_eq!(&src[m[5].s as usize..m[5].e as usize], "况");
        // An alt written with an entity: every character points at the tag.
        let src = "<img alt=\"&#19968;、总体情况\">";
        let m = mapped(src, 0, "一、总体情况");
        assert!(m.iter().all(|c| (c.s, c.e) == (0, 4)));
    }
}
