//! Text letter-spaced throughout: a PDF whose justified lines are drawn a character at a time
//! comes out of pdftotext (and of copy and paste) with a space between every two Chinese
//! characters (`政 府 信 息 公 开 工 作 年 度 报 告`). A reader sees the words, and so must the
//! parser: before, such a text named its agency with spaces in it, counted no applications in
//! its prose, split problems wrongly and, crawled into one line, lost its outline.
//!
//! Only a text that is spaced so nearly everywhere is changed: where single spaces stand between
//! two wide characters (Han, CJK punctuation) at least as often as such characters touch, each
//! of those single spaces goes. Wider gaps (a table's columns) and spaces beside digits or
//! letters stay, so no figure is joined to another.

use super::MChar;

/// At least this many spaced pairs before a text counts as letter-spaced (a short text is no
/// evidence either way).
const MIN_SPACED: usize = 50;

fn is_wide(c: char) -> bool {
    crate::ingest::normalize::is_han(c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff01}'..='\u{ff0f}').contains(&c)
        || ('\u{ff1a}'..='\u{ff20}').contains(&c)
        || matches!(c, '“' | '”')
}

/// Whether the single space at `i` stands between two wide characters.
fn spaced_pair(chars: &[MChar], i: usize) -> bool {
    i > 0
        && chars[i].c == ' '
        && chars.get(i + 1).is_some_and(|n| is_wide(n.c))
        && is_wide(chars[i - 1].c)
}

/// The characters with the spaces of a letter-spaced text removed (see the module doc); any
/// other text as it is.
pub fn collapsed(chars: Vec<MChar>) -> Vec<MChar> {
    // A spaced pair is a space: a text with fewer spaces than it takes is not letter-spaced,
    // and the count stops once more wide characters touch than there are spaces at all.
    let spaces = chars.iter().filter(|m| m.c == ' ').count();
    if spaces < MIN_SPACED {
        return chars;
    }
    let (mut spaced, mut touching) = (0usize, 0usize);
    for i in 1..chars.len() {
        if is_wide(chars[i].c) && is_wide(chars[i - 1].c) {
            touching += 1;
            if touching > spaces {
                return chars;
            }
        } else if spaced_pair(&chars, i) {
            spaced += 1;
        }
    }
    if spaced < MIN_SPACED || spaced < touching {
        return chars;
    }
    let keep: Vec<bool> = (0..chars.len()).map(|i| !spaced_pair(&chars, i)).collect();
    chars
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        collapsed(MChar::of(s)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn a_letter_spaced_text_reads_as_words() {
        let line = "台 山 市 医 疗 保 障 局 2 0 2 1 年 政 府 信 息 公 开 工 作 年 度 报 告 ，";
        let text = format!("{line}\n{line}\n{line}\n行政许可   5   5\n收 到 申 请 1 2 件");
        let out = run(&text);
        assert!(out.starts_with("台山市医疗保障局 2 0 2 1 年政府信息公开工作年度报告，\n"));
        // Columns and figures keep their spaces.
        assert!(out.ends_with("行政许可   5   5\n收到申请 1 2 件"));
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let normal =
            "台山市医疗保障局 2021年政府信息公开工作年度报告 本年新制作数量 本年新公开数量\n"
                .repeat(20);
        assert_eq!(run(&normal), normal);
    }

    #[test]
    fn removed_spaces_leave_every_other_character_mapped() {
        let text = "政 府 ".repeat(60);
        let out = collapsed(MChar::of(&text));
        assert_eq!(out[0], MChar::new('政', 0, 3));
        assert_eq!(out[1], MChar::new('府', 4, 7));
    }
}
