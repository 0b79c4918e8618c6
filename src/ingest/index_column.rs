//! A row-number column a program printed before a table's cells, and the header of column
//! numbers above it: pandas writes a data frame read from a web page's tables with its index
//! (`0\t规章\t0\t0\t0`, `| 0 | 规章 | 0 |`) under a header naming the columns by number
//! (`\t0\t1\t2\t3`, `|    | 0 | 1 |` and its rule), and a spreadsheet's export keeps its row
//! numbers under the column letters (`\tA\tB\tC`). The index is a column of figures to every
//! table reader (table 二's rows gained a fourth figure, table 三's rows an eighth), and the
//! header a row of figures; both are dropped before the tables are read.
//!
//! Only a numbering that cannot be the report's own is taken: rows of tab- or pipe-separated
//! cells, one after another, whose first cells count up by one from 0, or from 0 or 1 under
//! such a header, with a label (a Han character) after most numbers. A 序号 column the report
//! prints under its own header (counting from 1) is the table readers' to place.

use super::MChar;

/// The fewest numbered rows that make an index; under a header of column numbers, which says
/// plainly what the numbers are, a table of a header and one row of figures is enough.
const MIN_ROWS: usize = 3;
const MIN_ROWS_UNDER_HEADER: usize = 2;
/// The fewest columns a header of column numbers names.
const MIN_COLUMNS: usize = 3;
/// The most digits of a row number.
const MAX_DIGITS: usize = 4;

/// How a line's cells are delimited.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Delim {
    Tab,
    Pipe,
}

/// A line of delimited cells: the character range of each cell (without delimiters).
pub(super) struct Row {
    pub(super) delim: Delim,
    /// The line's characters (without its line break).
    pub(super) line: std::ops::Range<usize>,
    pub(super) cells: Vec<std::ops::Range<usize>>,
}

/// Drop a program's row-number column and the column-number header above it.
pub fn strip(chars: &mut Vec<MChar>) {
    // Most texts have neither tabs nor pipes, or no digit right after one at a line's start.
    if !chars.iter().any(|m| matches!(m.c, '\t' | '|')) {
        return;
    }
    // An index counts 0, 1 (or 1, 2) on two lines in a row: without them there is none, and
    // no line is split into cells. (A row of figures opens with 0 on many lines, not 0 then 1.)
    let mut before = None;
    let counts_up = chars.split(|m| m.c == '\n').any(|line| {
        let n = leading_number(line);
        let up = matches!((before, n), (Some(a @ 0..=1), Some(b)) if b == a + 1);
        before = n;
        up
    });
    if !counts_up {
        return;
    }
    let lines = super::pieces(chars, '\n');
    let rows: Vec<Option<Row>> = lines.iter().map(|l| row(chars, l.clone())).collect();
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let Some(first) = rows[i].as_ref() else {
            i += 1;
            continue;
        };
        // The run of delimited lines from here, its rule line (markdown's) skipped.
        let header = column_numbers(chars, first);
        let mut j = i + usize::from(header.is_some());
        let rule = rows
            .get(j)
            .and_then(Option::as_ref)
            .filter(|r| header.is_some() && is_rule(chars, r));
        j += usize::from(rule.is_some());
        let start = j;
        let mut numbers = Vec::new();
        while let Some(Some(r)) = rows.get(j) {
            match row_number(chars, r) {
                Some(n) => numbers.push(n),
                None => break,
            }
            j += 1;
        }
        let least = if header.is_some() {
            MIN_ROWS_UNDER_HEADER
        } else {
            MIN_ROWS
        };
        let counted = numbers.len() >= least
            && numbers.windows(2).all(|w| w[1] == w[0] + 1)
            && (numbers[0] == 0 || (numbers[0] == 1 && header.is_some()));
        let labelled = (start..j)
            .filter(|&k| rows[k].as_ref().is_some_and(|r| has_label(chars, r)))
            .count();
        if counted && labelled * 2 >= numbers.len() {
            if header.is_some() {
                drop.push(with_break(chars, lines[i].clone()));
            }
            if let Some(r) = rule {
                drop.push(with_break(chars, r.line.clone()));
            }
            for r in rows[start..j].iter().flatten() {
                drop.push(number_cell(r));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    super::drop_ranges(chars, drop);
}

/// The number a line's first cell holds alone (`0\t规章…`, `| 0 | 规章 |`), as [`number`] reads
/// it; cheap: no cell is split out.
fn leading_number(line: &[MChar]) -> Option<u64> {
    let mut i = 0;
    let skip_spaces = |i: &mut usize| {
        while line.get(*i).is_some_and(|m| m.c == ' ') {
            *i += 1;
        }
    };
    skip_spaces(&mut i);
    if line.get(i).is_some_and(|m| m.c == '|') {
        i += 1;
        skip_spaces(&mut i);
    }
    let digits = i;
    while line.get(i).is_some_and(|m| m.c.is_ascii_digit()) {
        i += 1;
    }
    let value: Vec<char> = line[digits..i].iter().map(|m| m.c).collect();
    skip_spaces(&mut i);
    if !line.get(i).is_some_and(|m| matches!(m.c, '\t' | '|')) {
        return None;
    }
    number(&value)
}

/// The line with its line break.
fn with_break(chars: &[MChar], line: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let end = if line.end < chars.len() {
        line.end + 1
    } else {
        line.end
    };
    line.start..end
}

/// The line's cells when it is a row of tab-separated cells or a pipe row (`| a | b |`).
pub(super) fn row(chars: &[MChar], line: std::ops::Range<usize>) -> Option<Row> {
    let l = &chars[line.clone()];
    let lead = l.iter().take_while(|m| m.c == ' ').count();
    let trail = l.iter().rev().take_while(|m| m.c == ' ').count();
    let piped = l.len() > lead + trail + 1
        && l[lead].c == '|'
        && l[l.len() - 1 - trail].c == '|'
        && l.iter().filter(|m| m.c == '|').count() >= 3;
    let (delim, from, to) = if piped {
        (Delim::Pipe, lead + 1, l.len() - 1 - trail)
    } else if l.iter().any(|m| m.c == '\t') {
        (Delim::Tab, 0, l.len())
    } else {
        return None;
    };
    let sep = if delim == Delim::Pipe { '|' } else { '\t' };
    let mut cells = Vec::new();
    let mut start = from;
    for (k, m) in l.iter().enumerate().take(to).skip(from) {
        if m.c == sep {
            cells.push(line.start + start..line.start + k);
            start = k + 1;
        }
    }
    cells.push(line.start + start..line.start + to);
    Some(Row { delim, line, cells })
}

/// A cell's text without the spaces around it.
pub(super) fn trimmed(chars: &[MChar], cell: &std::ops::Range<usize>) -> Vec<char> {
    let t: Vec<char> = chars[cell.clone()].iter().map(|m| m.c).collect();
    let s = t.iter().position(|c| *c != ' ').unwrap_or(t.len());
    let e = t.iter().rposition(|c| *c != ' ').map_or(s, |e| e + 1);
    t[s..e].to_vec()
}

fn number(t: &[char]) -> Option<u64> {
    if t.is_empty() || t.len() > MAX_DIGITS || !t.iter().all(char::is_ascii_digit) {
        return None;
    }
    Some(
        t.iter()
            .fold(0u64, |v, c| v * 10 + u64::from(*c as u32 - '0' as u32)),
    )
}

/// The row's number: its first cell a number alone, with cells after it.
fn row_number(chars: &[MChar], r: &Row) -> Option<u64> {
    if r.cells.len() < 2 {
        return None;
    }
    number(&trimmed(chars, &r.cells[0]))
}

/// Whether the row has a Han character after its number (a label, not only figures).
fn has_label(chars: &[MChar], r: &Row) -> bool {
    r.cells[1..].iter().any(|c| {
        chars[c.clone()]
            .iter()
            .any(|m| ('\u{4e00}'..='\u{9fff}').contains(&m.c))
    })
}

/// A header that names the columns by number (0, 1, 2… or 1, 2, 3…) or by letter (A, B, C…),
/// perhaps after an empty cell above the row numbers and before empty cells.
fn column_numbers(chars: &[MChar], r: &Row) -> Option<()> {
    let mut cells: Vec<Vec<char>> = r.cells.iter().map(|c| trimmed(chars, c)).collect();
    // A web page's grid pads the header to the table's widest row.
    while cells.last().is_some_and(Vec::is_empty) {
        cells.pop();
    }
    let named: &[Vec<char>] = match cells.first() {
        Some(c) if c.is_empty() => &cells[1..],
        _ => &cells,
    };
    if named.len() < MIN_COLUMNS {
        return None;
    }
    let by_number = named
        .iter()
        .map(|c| number(c))
        .collect::<Option<Vec<u64>>>()
        .is_some_and(|ns| ns[0] <= 1 && ns.windows(2).all(|w| w[1] == w[0] + 1));
    let by_letter = named
        .iter()
        .enumerate()
        .all(|(k, c)| k < 26 && c.len() == 1 && c[0] == (b'A' + k as u8) as char);
    (by_number || by_letter).then_some(())
}

/// A markdown table's rule (`|---:|:---|`).
fn is_rule(chars: &[MChar], r: &Row) -> bool {
    r.delim == Delim::Pipe
        && chars[r.line.clone()]
            .iter()
            .all(|m| matches!(m.c, '|' | '-' | ':' | ' '))
}

/// The characters of the row's number and the delimiter after it (a pipe row keeps its
/// opening bar: `| 0 | 规章 |` becomes `| 规章 |`).
fn number_cell(r: &Row) -> std::ops::Range<usize> {
    let cell = r.cells[0].clone();
    cell.start..cell.end + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(s: &str) -> String {
        crate::ingest::applied(strip, s)
    }

    #[test]
    fn drops_a_data_frames_index_and_column_numbers() {
        let tab = "标题\n\t0\t1\t2\t3\n0\t第二十条第（一）项\t\t\t\n1\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n2\t规章\t0\t0\t0\n3\t行政规范性文件\t1\t0\t5\n正文";
        assert_eq!(
            stripped(tab),
            "标题\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t5\n正文"
        );
        let md = "|    | 0 | 1 | 2 |\n|---:|:---|:---|:---|\n| 0 | 信息内容 | 本年制发件数 | 现行有效件数 |\n| 1 | 规章 | 0 | 0 |\n| 2 | 行政规范性文件 | 1 | 5 |\n";
        assert_eq!(
            stripped(md),
            "| 信息内容 | 本年制发件数 | 现行有效件数 |\n| 规章 | 0 | 0 |\n| 行政规范性文件 | 1 | 5 |\n"
        );
        // A spreadsheet's row numbers under its column letters.
        let sheet = "\tA\tB\tC\n1\t规章\t0\t0\n2\t行政规范性文件\t1\t5\n3\t其他\t0\t0\n";
        assert_eq!(
            stripped(sheet),
            "规章\t0\t0\n行政规范性文件\t1\t5\n其他\t0\t0\n"
        );
    }

    #[test]
    fn keeps_a_reports_own_numbering_and_figures() {
        // A 序号 column under the report's own header, counting from 1: the table readers' to place.
        let own = "序号\t信息内容\t本年制发件数\n1\t规章\t0\n2\t行政规范性文件\t1\n3\t其他\t0\n";
        assert_eq!(stripped(own), own);
        // Rows of figures whose first figures happen to count up: no labels after them.
        let figures = "自然人\t商业企业\n0\t0\t0\n1\t0\t0\n2\t0\t0\n";
        assert_eq!(stripped(figures), figures);
        // Two rows only.
        let short = "0\t规章\t0\n1\t其他\t0\n";
        assert_eq!(stripped(short), short);
    }
}
