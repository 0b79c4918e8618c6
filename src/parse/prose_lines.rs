//! A paragraph of prose printed between a table's heading and its rows, which some reports
//! write to sum the table up (`2022年，区政府办公室共收到8份政府信息公开申请，均为自然人申请。
//! 其中，予以公开2件，部分公开2件，……本办不掌握相关政府信息2件，其他1件。`, a real district
//! office's 2022 page). Its words name the table's rows (`予以公开`, `部分公开`, and
//! `本办不掌握相关政府信息` near enough to `本机关不掌握相关政府信息`), so it was read as rows
//! printed before their figures: the first row's figures (一、本年新收 8 … 8) went to the last
//! row the sentence named, **wrong**. Such a line is no part of the table.
//!
//! A line is such prose when it is long, holds a sentence's full stop and counts with their
//! units (`2件`), and no row of figures (three numbers apart: a table flattened onto one line
//! with its report's prose is a table).

/// The fewest characters of a line of prose (a row's label, wrapped or not, is shorter than
/// a sentence with its counts).
const MIN_CHARS: usize = 40;

/// Whether `t` (a line without a field separator) is a sentence of prose stating counts.
pub fn is_prose(t: &str) -> bool {
    let t = t.trim();
    // (Bytes first: most lines are short, and a line of 40 characters holds 40 bytes or more.)
    if t.len() < MIN_CHARS || !t.contains('。') || t.chars().count() < MIN_CHARS {
        return false;
    }
    // Counts with their units: a digit right before a unit of prose.
    let mut digit = false;
    let counted = t.chars().any(|c| {
        let count = digit && c != '年' && super::cells::PROSE_UNITS.contains(c);
        digit = c.is_ascii_digit();
        count
    });
    counted && !figures_in_a_row(t)
}

/// Three numbers one after another, apart by white space or pipes only: a row's figures.
fn figures_in_a_row(t: &str) -> bool {
    let mut run = 0;
    for w in t.split(|c: char| c.is_whitespace() || c == '|') {
        if w.is_empty() {
            continue;
        }
        if w.chars().all(|c| c.is_ascii_digit() || c == '.') {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_stating_the_tables_counts_is_prose() {
        let s = "2022年,区政府办公室共收到8份政府信息公开申请,均为自然人申请。其中,予以公开2件,部分公开2件,属于四类过程性信息1件,本办不掌握相关政府信息2件,其他1件(申请人自主撤销)。无下年度结转。";
        assert!(is_prose(s));
    }

    #[test]
    fn rows_and_tables_flattened_onto_a_line_are_no_prose() {
        for row in [
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            "本年度共收到申请8件。一、本年新收政府信息公开申请数量 8 0 0 0 0 0 8 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "四、结转下年度继续办理 2",
        ] {
            assert!(!is_prose(row), "{row}");
        }
    }
}
