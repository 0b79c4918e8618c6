//! Table 四 printed as a statistical form prints it: a row numbering its columns under the
//! header (`1 2 3 … 15`, or `1 … 5` for each of the three groups; 栏次), on one line or over
//! several. The row is no figures: read as figures, it made 30 cells where 15 are expected and
//! the table was lost. Such a row is never the table's own (`1 2 3 4 5` breaks the sum
//! 总计 = 维持+纠正+其他+未审结).

use super::super::cells::CellTok;

/// The numbers of the 15 columns as a form prints them.
fn is_numbering(numbers: &[&str]) -> bool {
    let whole = numbers.len() == 15 && numbers.iter().zip(1..).all(|(n, i)| n.parse() == Ok(i));
    let by_group = numbers.len() == 15
        && numbers
            .iter()
            .zip((1..=5).cycle())
            .all(|(n, i)| n.parse() == Ok(i));
    whole || by_group
}

/// `items` without the tokens of the lines numbering the table's columns (lines one after
/// another whose tokens read `1` … `15`, or `1` … `5` three times, and nothing else: on one
/// line, a group a line, or a number a line), when other tokens remain.
pub(super) fn without_column_numbers(text: &str, items: Vec<CellTok>) -> Vec<CellTok> {
    // Tokens in order: the next one is on the same line when no line break parts them.
    let same_line = |a: &CellTok, b: &CellTok| {
        a.range.end <= b.range.start && !text[a.range.end..b.range.start].contains('\n')
    };
    // Where each line's tokens start.
    let mut starts: Vec<usize> = (0..items.len())
        .filter(|&k| k == 0 || !same_line(&items[k - 1], &items[k]))
        .collect();
    starts.push(items.len());
    let words = |r: std::ops::Range<usize>| -> Vec<&str> {
        items[r]
            .iter()
            .flat_map(|t| text[t.range.clone()].split_whitespace())
            .collect()
    };
    let mut numbering: Option<(usize, usize)> = None;
    'lines: for (i, &from) in starts.iter().enumerate() {
        // Lines from this one on until they hold 15 numbers or more (a line without any ends
        // them: no line of a numbering is blank).
        let mut held = 0;
        for &to in starts[i + 1..].iter().take(NUMBERED) {
            let w = words(from..to);
            if w.len() == held {
                break;
            }
            held = w.len();
            if w.len() >= NUMBERED {
                if is_numbering(&w) {
                    numbering = Some((from, to));
                    break 'lines;
                }
                break;
            }
        }
    }
    match numbering {
        Some((a, b)) if b - a < items.len() => {
            let mut items = items;
            items.drain(a..b);
            items
        }
        _ => items,
    }
}

/// Table 四's columns.
const NUMBERED: usize = 15;

#[cfg(test)]
mod tests {
    use super::is_numbering;

    #[test]
    fn a_forms_column_numbers_are_numbering() {
        let whole: Vec<String> = (1..=15).map(|i| i.to_string()).collect();
        let whole: Vec<&str> = whole.iter().map(String::as_str).collect();
        assert!(is_numbering(&whole));
        let groups: Vec<String> = (0..15).map(|i| (i % 5 + 1).to_string()).collect();
        let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        assert!(is_numbering(&groups));
        // A row of figures is no numbering, nor are fourteen numbers.
        assert!(!is_numbering(&["0"; 15]));
        assert!(!is_numbering(&whole[..14]));
    }
}
