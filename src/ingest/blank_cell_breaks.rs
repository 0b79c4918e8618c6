//! A table row a line whose blank cells each broke the line, as one crawler flattens a web
//! page's table: every cell with text is printed `text |` after a space, every empty one a line
//! break and a pipe, so a row of table 三 with blank cells comes out as
//! `一、本年新收政府信息公开申请数量 | 25 |` / `|` / `|` / `|` / `|` / `| 25 |` (a real page,
//! a district bureau's 2020 report). Read line by line, the row had two cells and was left out,
//! and the lines of pipes were nothing. Such a run (lines of pipes alone, then a line opened by a
//! pipe that holds figures only) after a line that opens with a row's text and ends with a pipe
//! is that row's end: the line breaks are dropped, so that each pipe stands where the crawler
//! met a blank cell (`| 25 |||||| 25 |`).
//!
//! Never a markdown row (opened by a pipe) joined to the one before, a row whose next line holds
//! text (a label: the next row, its first cell spanned from above, `| （二）部分公开 | … |`), or
//! a row a cell a line whose row opens with a lone pipe (`0 | |` / `|` / `规章 |`).

use super::MChar;

/// The characters with the line breaks inside each such row dropped.
pub fn joined(mut chars: Vec<MChar>) -> Vec<MChar> {
    // Cheap test first: no line that is a pipe alone or opens with one after a break.
    if !chars
        .windows(2)
        .any(|w| w[0].c == '\n' && matches!(w[1].c, '|'))
    {
        return chars;
    }
    let lines = super::line_ranges(&chars);
    // Each line's range without the white space around it (no string made for most lines).
    let trimmed: Vec<(usize, usize)> = lines
        .iter()
        .map(|&(a, b)| {
            let mut a = a;
            let mut b = b;
            while a < b && chars[a].c.is_whitespace() {
                a += 1;
            }
            while b > a && chars[b - 1].c.is_whitespace() {
                b -= 1;
            }
            (a, b)
        })
        .collect();
    // A row's first line: its label's text before a pipe that ends it, not opened by a pipe
    // (a markdown row).
    let opens_row = |l: usize| {
        let (a, b) = trimmed[l];
        b > a
            && chars[b - 1].c == '|'
            && chars[a].c != '|'
            && chars[a..b].iter().any(|m| super::normalize::is_han(m.c))
    };
    // A line of pipes alone: blank cells.
    let is_pipes = |l: usize| {
        let (a, b) = trimmed[l];
        b > a && chars[a..b].iter().all(|m| m.c == '|')
    };
    let figures = |l: usize| {
        let (a, b) = trimmed[l];
        b > a
            && chars[a].c == '|'
            && figures_after_blank(&chars[a..b].iter().map(|m| m.c).collect::<String>())
    };
    let mut drops = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        if !opens_row(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && is_pipes(j) {
            j += 1;
        }
        if j < lines.len() && figures(j) {
            // More blank cells and figures of the row after it (`| 5 |` / `| 713 |`).
            let mut k = j + 1;
            while k < lines.len() && (is_pipes(k) || figures(k)) {
                if figures(k) {
                    j = k;
                }
                k += 1;
            }
            for &(_, end) in &lines[i..j] {
                let from = if end > 0 && chars[end - 1].c == '\r' {
                    end - 1
                } else {
                    end
                };
                drops.push(from..end + 1);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    if !drops.is_empty() {
        super::drop_ranges(&mut chars, drops);
    }
    chars
}

/// A line opened by a pipe (a blank cell) whose cells are figures or blank, one figure at least.
fn figures_after_blank(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('|') else {
        return false;
    };
    if !rest.starts_with(' ') {
        return false;
    }
    let cells: Vec<&str> = rest.split('|').map(str::trim).collect();
    cells.iter().any(|c| !c.is_empty())
        && cells.iter().all(|c| {
            c.is_empty()
                || c.chars()
                    .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '-' | '+' | ','))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(s: &str) -> String {
        joined(MChar::of(s)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn blank_cells_that_broke_a_row_join_it_again() {
        let row = "一、本年新收政府信息公开申请数量 | 25 |\n|\n|\n|\n|\n| 25 |\n二、上年结转 |\n|\n| 0 |\n";
        assert_eq!(
            join(row),
            "一、本年新收政府信息公开申请数量 | 25 |||||| 25 |\n二、上年结转 ||| 0 |\n"
        );
        let more = "一、本年新收 | 705 | 3 |\n|\n| 5 |\n| 713 |\n二、上年结转 | 36 |\n";
        assert_eq!(
            join(more),
            "一、本年新收 | 705 | 3 ||| 5 || 713 |\n二、上年结转 | 36 |\n"
        );
        let crlf = "（一）予以公开 | 7 |\r\n|\r\n| 7 |\r\n";
        assert_eq!(join(crlf), "（一）予以公开 | 7 ||| 7 |\r\n");
    }

    #[test]
    fn markdown_rows_next_labels_and_rows_opened_by_a_pipe_stay() {
        for s in [
            "| 规章 | 0 |\n| 行政许可 | 0 |\n",
            "三、本年度办理结果 | （一）予以公开 | | 0 |\n| （二）部分公开 | | 0 |\n",
            "规章 |\n0 |\n0 | |\n|\n规范性文件 |\n0 |\n",
            "说明 |\n|\n|\n",
        ] {
            assert_eq!(join(s), s);
        }
    }
}
