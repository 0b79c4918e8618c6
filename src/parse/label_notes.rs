//! Fill-in notes printed in brackets after a row label of a table, as some provinces' forms
//! carry them into the published report (`规范性文件（行政机关制定发布的……一般情况下属于规范性
//! 文件）`, `其他对外管理服务事项（指行政许可以外的……含行政处罚、行政强制……）`), and rows the
//! template does not have whose note names one it does (`其他主动公开文件（……除规范性文件以外的
//! 主动公开文件）`). The row labels such a note names are words of the note: read as labels they
//! split one row into several (its figures lost) or gave another row's figures to the row the
//! note names (a real page, Wuhan's 2020 report: 规范性文件 read 186/86/255, the other
//! documents' figures, for 2/2/19).
//!
//! A note here is a bracketed text of four characters or more right after a Han character (an
//! item number `（一）` opens a label and is shorter; `（单位：万元）` names no row) that holds a
//! row label. Its text is blanked for the label search, so that the label before it, if any, is
//! the cell's only label.

use std::borrow::Cow;

/// The least characters inside the brackets of a note (item numbers `（十一）` are shorter).
const NOTE_MIN_CHARS: usize = 4;
/// The most characters a note may hold before its closing bracket is looked for no further.
const NOTE_MAX_CHARS: usize = 300;

/// Spans (byte ranges, brackets included) of the bracketed notes in `s`.
fn notes(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev_han = false;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if (c == '（' || c == '(') && prev_han {
            // The matching bracket, nested ones counted.
            let mut depth = 1usize;
            let mut n = 0usize;
            let mut end = None;
            for (j, d) in s[i + c.len_utf8()..].char_indices() {
                n += 1;
                if n > NOTE_MAX_CHARS {
                    break;
                }
                match d {
                    '（' | '(' => depth += 1,
                    '）' | ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some((i + c.len_utf8() + j + d.len_utf8(), n - 1));
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if let Some((e, inner)) = end {
                if inner >= NOTE_MIN_CHARS {
                    out.push((i, e));
                    while it.peek().is_some_and(|&(k, _)| k < e) {
                        it.next();
                    }
                    prev_han = false;
                    continue;
                }
            }
        }
        prev_han = crate::ingest::normalize::is_han(c);
    }
    out
}

/// A character of the same UTF-8 length that no label, header word or figure holds.
fn filler(c: char) -> char {
    match c.len_utf8() {
        1 => '_',
        2 => '¬',
        3 => '〓',
        _ => '\u{10FFFD}',
    }
}

/// `s` with the text of every note that holds a row label blanked (same byte length, so that
/// offsets into `s` hold): `has_label(a, b)` says whether a label is found inside `s[a..b]`.
/// Borrowed unchanged when `s` prints no bracket (most cells) or no note names a row.
pub fn without_notes<'a>(s: &'a str, has_label: impl Fn(usize, usize) -> bool) -> Cow<'a, str> {
    if !s.contains('（') && !s.contains('(') {
        return Cow::Borrowed(s);
    }
    let spans: Vec<(usize, usize)> = notes(s)
        .into_iter()
        .filter(|&(a, b)| has_label(a, b))
        .collect();
    if spans.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (a, b) in spans {
        out.push_str(&s[at..a]);
        out.extend(s[a..b].chars().map(filler));
        at = b;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(s: &str, label: &str) -> String {
        without_notes(s, |a, b| s[a..b].contains(label)).into_owned()
    }

    #[test]
    fn a_note_naming_a_row_is_blanked_and_keeps_the_offsets() {
        let s = "其他主动公开文件（含除规范性文件以外的主动公开文件）";
        let m = blank(s, "规范性文件");
        assert_eq!(m.len(), s.len());
        assert!(m.starts_with("其他主动公开文件〓"));
        assert!(!m.contains("规范性文件"));
        let s = "规范性文件(一般情况下属于规范性文件)";
        assert_eq!(blank(s, "规范性文件").matches("规范性文件").count(), 1);
    }

    #[test]
    fn item_numbers_units_and_notes_naming_no_row_are_kept() {
        for s in [
            "（三）不予公开",
            "三、本年度办理结果（一）予以公开",
            "本年收费金额（单位：万元）",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "规章（未闭合的括号",
        ] {
            assert_eq!(blank(s, "规范性文件"), s);
        }
    }
}
