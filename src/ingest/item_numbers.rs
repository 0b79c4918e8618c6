//! Table 三's item numbers printed in a cell of their own (`（三）不予公开\t1\t属于国家秘密\t0…`,
//! `\t2\t其他法律行政法规禁止公开\t0…`, `| | 3 | 危及… |`), as a table made in a spreadsheet
//! prints them: the number is its label's (`2.其他法律…`). Read as a cell it was a figure: a row
//! whose cells were left blank took the next row's number for its 总计, and every printed row
//! had a cell too many and was lost.
//!
//! Only a numbering that cannot be a figure is joined: a cell holding 1–8 alone, after a first
//! cell and nothing but blank cells or words (a group's name) before it on its line, right
//! before a label (a Han character first, not opening with a number of its own), on lines one
//! after another counting up by one from 1 (two lines at least: a group's items).

use super::index_column::{row, trimmed, Row};
use super::MChar;

/// The most items a group of table 三 numbers.
const MAX_ITEM: u32 = 8;

/// Join each item number printed in a cell of its own to the label after it.
pub fn join(chars: &mut Vec<MChar>) {
    // Most texts have no cell holding a digit alone between two delimiters before a label: no
    // rows are read.
    if !has_lone_digit_cell(chars) {
        return;
    }
    let lines = super::pieces(chars, '\n');
    // For each line: its row and the cell holding an item number, with the number.
    let mut items: Vec<Option<(Row, usize, u32)>> = lines
        .iter()
        .map(|l| row(chars, l.clone()).and_then(|r| item_cell(chars, r)))
        .collect();
    let mut joins: Vec<(Row, usize)> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        // A run of lines numbered 1, 2, 3…
        let mut j = i;
        while j < items.len()
            && items[j]
                .as_ref()
                .is_some_and(|&(_, _, n)| n as usize == j - i + 1)
        {
            j += 1;
        }
        if j - i >= 2 {
            for item in items[i..j].iter_mut() {
                let (r, k, _) = item.take().expect("in the run");
                joins.push((r, k));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut drop = Vec::new();
    for (r, k) in joins {
        let (number, label) = (&r.cells[k], &r.cells[k + 1]);
        // `2` `\t` `其他…` → `2.其他…`: the delimiter becomes the number's stop, the spaces
        // around it go.
        let after_digits = number.start
            + chars[number.clone()]
                .iter()
                .rposition(|m| m.c.is_ascii_digit())
                .map_or(0, |p| p + 1);
        drop.push(after_digits..number.end);
        chars[number.end].c = '.';
        let spaces = chars[label.clone()]
            .iter()
            .take_while(|m| m.c == ' ')
            .count();
        drop.push(label.start..label.start + spaces);
    }
    super::drop_ranges(chars, drop);
}

/// Whether a delimiter, a digit 1–8 (spaces around it allowed), a delimiter and a Han character
/// follow one another somewhere: the least an item-number cell and its label print.
fn has_lone_digit_cell(chars: &[MChar]) -> bool {
    let delimiter = |m: &MChar| matches!(m.c, '\t' | '|');
    let spaces = |from: usize| chars[from..].iter().take_while(|m| m.c == ' ').count();
    chars.iter().enumerate().any(|(i, m)| {
        if !delimiter(m) {
            return false;
        }
        let d = i + 1 + spaces(i + 1);
        if !chars.get(d).is_some_and(|m| ('1'..='8').contains(&m.c)) {
            return false;
        }
        let e = d + 1 + spaces(d + 1);
        if !chars.get(e).is_some_and(delimiter) {
            return false;
        }
        // The label after it (a row of figures has a figure there).
        let f = e + 1 + spaces(e + 1);
        chars
            .get(f)
            .is_some_and(|m| crate::ingest::normalize::is_han(m.c))
    })
}

/// The row's item-number cell and its number: a cell past the first holding 1–8 alone, with no
/// digit in any cell before it, and a label after it.
fn item_cell(chars: &[MChar], r: Row) -> Option<(Row, usize, u32)> {
    let k = r.cells.iter().position(|c| {
        let t = trimmed(chars, c);
        !t.is_empty() && t.iter().all(char::is_ascii_digit)
    })?;
    if k == 0 || k + 1 >= r.cells.len() {
        return None;
    }
    let t: String = trimmed(chars, &r.cells[k]).into_iter().collect();
    let n: u32 = t.parse().ok()?;
    if !(1..=MAX_ITEM).contains(&n) || r.cells[..k].iter().any(|c| has_digit(chars, c)) {
        return None;
    }
    let label = trimmed(chars, &r.cells[k + 1]);
    let first = *label.first()?;
    let numbered = label.get(1) == Some(&'、') || label.get(1) == Some(&'.');
    (crate::ingest::normalize::is_han(first) && !numbered).then_some((r, k, n))
}

fn has_digit(chars: &[MChar], cell: &std::ops::Range<usize>) -> bool {
    chars[cell.clone()].iter().any(|m| m.c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(s: &str) -> String {
        crate::ingest::applied(join, s)
    }

    #[test]
    fn an_item_number_in_a_cell_of_its_own_is_its_labels() {
        let tab = "（三）不予公开\t1\t属于国家秘密\t0\t0\n\t2\t其他法律行政法规禁止公开\t\t\n\t3\t危及“三安全一稳定”\t1\t1\n（四）无法提供\t1\t本机关不掌握相关政府信息\t2\t2";
        assert_eq!(
            joined(tab),
            "（三）不予公开\t1.属于国家秘密\t0\t0\n\t2.其他法律行政法规禁止公开\t\t\n\t3.危及“三安全一稳定”\t1\t1\n（四）无法提供\t1\t本机关不掌握相关政府信息\t2\t2"
        );
        let pipe = "| （五）不予处理 | 1 | 信访举报投诉类申请 | 0 |\n|  | 2 | 重复申请 | 0 |";
        assert_eq!(
            joined(pipe),
            "| （五）不予处理 | 1.信访举报投诉类申请 | 0 |\n|  | 2.重复申请 | 0 |"
        );
        // A figure before the number: the number is a cell (a row run on into the next).
        let run_on = "规章\t0\t1\t属于国家秘密\n行政许可\t5\t2\t重复申请";
        assert_eq!(joined(run_on), run_on);
        // A 序号 column (the first cell) is the table readers' to place.
        let index = "1\t本年新收\t3\n2\t上年结转\t0";
        assert_eq!(joined(index), index);
    }
}
