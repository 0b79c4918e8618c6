//! Two texts of one section kind side by side, paragraph against paragraph (`compare --text`,
//! the compare page). Reports of one template say the same things in the same order with other
//! words and figures, some paragraphs only on one side: the alignment is the order-keeping
//! pairing of paragraphs that maximises their summed similarity (a Needleman–Wunsch alignment
//! over paragraphs). Paragraphs that match nothing better sit side by side in order, so that
//! two agencies' different texts read across; one the other side has no room for stands alone.

use super::similarity::{jaccard, round3};
use serde::Serialize;
use std::collections::HashSet;

/// One row of an aligned section: a paragraph of each side, or of one side only.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlignedPair {
    pub left: Option<String>,
    pub right: Option<String>,
    /// Character-bigram Jaccard similarity of the two paragraphs (0 where one is missing).
    pub similarity: f64,
}

/// What pairing two paragraphs is worth beyond their similarity: two paragraphs that match
/// nothing better sit side by side rather than each beside a blank.
const PAIR_BONUS: f64 = 0.02;

/// The paragraphs of a section's text: its non-blank lines, trimmed, a line that ends inside
/// a sentence joined to the next (a PDF wraps lines, and breaks a paragraph over two pages)
/// unless the next opens a numbered part; a short numbered heading stays a paragraph.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match out.last_mut() {
            Some(last) if open && !opens_part(line) => last.push_str(line),
            _ => out.push(line.to_string()),
        }
        let heading = opens_part(line) && line.chars().count() <= HEADING_CHARS;
        open = !(line.ends_with(SENTENCE_ENDS) || heading);
    }
    out
}

/// What ends a sentence, so that the line after it starts a paragraph of its own.
const SENTENCE_ENDS: &[char] = &[
    '。', '！', '？', '!', '?', '；', ';', '：', ':', '…', '”', '’', '」', '』',
];

/// A numbered heading alone on its line is at most this long.
const HEADING_CHARS: usize = 30;

/// Whether a line opens a numbered part: （一）, (1), 一、, 一是, 1. or 1、.
fn opens_part(line: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut cs = line.chars();
    let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
        return false;
    };
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
    match a {
        '（' | '(' => numeral(b),
        _ if NUMERALS.contains(a) => {
            matches!(b, '、' | '是')
                || (NUMERALS.contains(b) && matches!(cs.next(), Some('、' | '是')))
        }
        _ if a.is_ascii_digit() => {
            matches!(b, '、' | '.' | '．')
                || (b.is_ascii_digit() && matches!(cs.next(), Some('、' | '.' | '．')))
        }
        _ => false,
    }
}

/// Align two lists of paragraphs (see the module's doc).
pub fn align(left: &[String], right: &[String]) -> Vec<AlignedPair> {
    let lb: Vec<HashSet<(char, char)>> = left.iter().map(|p| bigrams(p)).collect();
    let rb: Vec<HashSet<(char, char)>> = right.iter().map(|p| bigrams(p)).collect();
    let sim = |i: usize, j: usize| jaccard(&lb[i], &rb[j]);
    let (n, m) = (left.len(), right.len());
    // best[i][j]: the best score aligning left[i..] with right[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let pair = best[i + 1][j + 1] + sim(i, j) + PAIR_BONUS;
            best[i][j] = pair.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut out = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m {
            let s = sim(i, j);
            if (best[i][j] - (best[i + 1][j + 1] + s + PAIR_BONUS)).abs() < 1e-12 {
                out.push(AlignedPair {
                    left: Some(left[i].clone()),
                    right: Some(right[j].clone()),
                    similarity: round3(s),
                });
                i += 1;
                j += 1;
                continue;
            }
            if (best[i][j] - best[i + 1][j]).abs() < 1e-12 {
                out.push(alone(Some(&left[i]), None));
                i += 1;
            } else {
                out.push(alone(None, Some(&right[j])));
                j += 1;
            }
        } else if i < n {
            out.push(alone(Some(&left[i]), None));
            i += 1;
        } else {
            out.push(alone(None, Some(&right[j])));
            j += 1;
        }
    }
    out
}

fn alone(left: Option<&String>, right: Option<&String>) -> AlignedPair {
    AlignedPair {
        left: left.cloned(),
        right: right.cloned(),
        similarity: 0.0,
    }
}

/// The character bigrams of a paragraph, white space and punctuation left out (figures and
/// words are what two paragraphs share or not).
fn bigrams(p: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = p.chars().filter(|c| c.is_alphanumeric()).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ps(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_paragraph_only_one_side_has_stands_alone() {
        let left = ps(&[
            "（一）主动公开情况。全年主动公开政府信息153条。",
            "（二）依申请公开情况。全年收到申请25件。",
            "（三）政府信息管理。严格执行保密审查制度。",
        ]);
        let right = ps(&[
            "（一）主动公开情况。全年主动公开政府信息210条。",
            "（三）政府信息管理。严格执行保密审查制度，规范发布流程。",
        ]);
        let a = align(&left, &right);
        let shape: Vec<(bool, bool)> = a
            .iter()
            .map(|p| (p.left.is_some(), p.right.is_some()))
            .collect();
        assert_eq!(shape, [(true, true), (true, false), (true, true)]);
        assert_eq!(a[1].left.as_deref(), Some(left[1].as_str()));
        assert_eq!(a[2].right.as_deref(), Some(right[1].as_str()));
        assert!(a[0].similarity > 0.5 && a[2].similarity > 0.5, "{a:?}");
        assert_eq!(a[1].similarity, 0.0);
    }

    #[test]
    fn every_paragraph_is_shown_once_in_order() {
        let left = ps(&["甲乙丙丁", "戊己庚辛", "子丑寅卯"]);
        let right = ps(&["天地玄黄", "子丑寅卯辰", "甲乙丙丁戊"]);
        let a = align(&left, &right);
        let l: Vec<&str> = a.iter().filter_map(|p| p.left.as_deref()).collect();
        let r: Vec<&str> = a.iter().filter_map(|p| p.right.as_deref()).collect();
        assert_eq!(l, ["甲乙丙丁", "戊己庚辛", "子丑寅卯"]);
        assert_eq!(r, ["天地玄黄", "子丑寅卯辰", "甲乙丙丁戊"]);
        // The order is kept: 甲乙丙丁 cannot sit beside 甲乙丙丁戊 and 子丑寅卯 beside 子丑寅卯辰
        // both; one of the two is made.
        assert_eq!(a.iter().filter(|p| p.similarity > 0.5).count(), 1, "{a:?}");
    }

    #[test]
    fn unrelated_paragraphs_read_across() {
        let left = ps(&["甲乙丙丁", "戊己庚辛"]);
        let right = ps(&["天地玄黄", "宇宙洪荒"]);
        let a = align(&left, &right);
        assert_eq!(a.len(), 2);
        assert!(a.iter().all(|p| p.left.is_some() && p.right.is_some()));
    }

    #[test]
    fn lines_wrapped_inside_a_sentence_are_one_paragraph() {
        let text = "（一）主动公开\n主要通过政府门户网站主动公开政府\n文件、通知公告等。2023年，我区在政\n府网站平台主动公开政府信息1136条。\n二是加强培训\n1.规范流程，提高质量\n";
        assert_eq!(
            paragraphs(text),
            [
                "（一）主动公开",
                "主要通过政府门户网站主动公开政府文件、通知公告等。2023年，我区在政府网站平台主动公开政府信息1136条。",
                "二是加强培训",
                "1.规范流程，提高质量",
            ]
        );
    }

    #[test]
    fn empty_sides() {
        assert!(align(&[], &[]).is_empty());
        let a = align(&ps(&["一段"]), &[]);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].right, None);
    }
}
