//! A table cell broken over two lines by a crawler. A web page's cell with a manual line break
//! (`行政<br>许可`, `商业<br>企业`, two `<p>`s in a narrow merged cell) comes out of a crawler's
//! text as two lines, the row's pipes after the second: `行政` / `许可 | 0 | 1 | 47 |`, or, a
//! cell a line, `行政` / `许可 |`. The row's label then reads `许可`, no label of the template,
//! and the row is lost (and `四、结转下` alone on a line reads as part 四's heading). Between two
//! lines of a table's pipes, a short line of text without any, followed at once by a pipe line
//! that opens with text, is the start of that line's first cell: the line break is dropped.
//!
//! Never across a part's heading (`三、收到和处理…` right after table 二's last row), a markdown
//! heading, or a line that reads as a note or a sentence (a colon, a full stop).

use super::MChar;
use crate::model::template::PART_TITLES;

/// The longest line (in characters) taken for the first piece of a broken cell.
const MAX_PIECE: usize = 20;

/// The characters with the line break inside each broken cell dropped.
pub fn joined(mut chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.iter().any(|m| m.c == '|') {
        return chars;
    }
    // Lines as (start, end) indices into `chars`, the end at the line's '\n' (or the end).
    let lines = super::line_ranges(&chars);
    // A line's text without the quote markers of a report quoted in a mail (`> `, dropped
    // later with the rest, `quoted::strip`), and their length.
    let markers = |l: (usize, usize)| super::quoted::marker_len(&chars[l.0..l.1]);
    let text = |l: (usize, usize)| -> String {
        chars[l.0 + markers(l)..l.1]
            .iter()
            .map(|m| m.c)
            .collect::<String>()
            .trim()
            .to_string()
    };
    let texts: Vec<String> = lines.iter().map(|&l| text(l)).collect();
    let mut drops = Vec::new();
    for i in 1..texts.len().saturating_sub(1) {
        let (before, piece, after) = (&texts[i - 1], &texts[i], &texts[i + 1]);
        if before.contains('|') && is_piece(piece) && opens_with_text(after) {
            // The line break, a '\r' before it and the next line's quote markers.
            let end = lines[i].1;
            let from = if end > 0 && chars[end - 1].c == '\r' {
                end - 1
            } else {
                end
            };
            drops.push(from..end + 1 + markers(lines[i + 1]));
        }
    }
    if !drops.is_empty() {
        super::drop_ranges(&mut chars, drops);
    }
    chars
}

/// A line that may be a cell's first piece: short text with a Han character, no pipe (but one
/// opening the row) or tab, no heading, note or sentence.
fn is_piece(t: &str) -> bool {
    // A row opened by a pipe is broken in its first cell: `| 行政` / `许可 | 0 |`.
    let t = t.strip_prefix('|').map_or(t, str::trim_start);
    let n = t.chars().count();
    (1..=MAX_PIECE).contains(&n)
        && t.chars().any(super::normalize::is_han)
        && !t.contains(['|', '\t', '：', ':', '。', '；', ';'])
        && !t.starts_with(['#', '表', '注'])
        && !HEADING_WORDS.iter().any(|w| t.contains(w))
        && !part_heading(t)
}

/// Words of a line between a table's rows that is whole: a sub-table's heading printed without
/// pipes (`第二十条第（五）项`), a table's title (`…申请情况`), a unit (`单位：件`).
const HEADING_WORDS: &[&str] = &["第二十条", "情况", "单位"];

/// Whether `t` opens a part's heading: a numeral and a piece of a part's title
/// (`三、收到和处理`), not a row's label under a part's number (`四、结转下`).
fn part_heading(t: &str) -> bool {
    let numbered = t.trim_start_matches(|c: char| "一二三四五六123456第部分".contains(c));
    if numbered.len() == t.len() {
        return false;
    }
    let rest = numbered.trim_start_matches(['、', '.', '．', ' ', '\u{3000}', ',', '，']);
    let rest: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '、' | '，' | ','))
        .collect();
    let piece: String = rest.chars().take(4).collect();
    piece.chars().count() >= 2
        && PART_TITLES
            .iter()
            .any(|(_, _, title)| title.contains(&piece))
        || ["总体情况", "其他需要报告"]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// A line of a table's pipes whose first cell is text: the rest of a broken cell.
fn opens_with_text(t: &str) -> bool {
    let first = t.strip_prefix('|').unwrap_or(t);
    let Some((cell, _)) = first.split_once('|') else {
        return false;
    };
    let cell = cell.trim();
    // A header row (`信息内容 | 本年处理决定数量 |`) follows a sub-table's heading.
    !cell.is_empty()
        && !cell.starts_with("信息内容")
        && !cell.starts_with(|c: char| c.is_ascii_digit())
        && !cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(s: &str) -> String {
        joined(MChar::of(s)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn a_cell_broken_between_pipe_lines_is_joined() {
        let rows = "规章 | 0 | 0 | 0 |\n行政\n许可 | 0 | 1 | 47 |\n";
        assert_eq!(join(rows), "规章 | 0 | 0 | 0 |\n行政许可 | 0 | 1 | 47 |\n");
        let cells = "47 |\n||\n四、结转下\n年度继续办理 |\n0 |\n";
        assert_eq!(join(cells), "47 |\n||\n四、结转下年度继续办理 |\n0 |\n");
        let led = "| 规章 | 0 |\n| 行政\n许可 | 47 |\n";
        assert_eq!(join(led), "| 规章 | 0 |\n| 行政许可 | 47 |\n");
        let quoted = "> | 0 |\n> 行政\n> 许可 | 47 |\n> |\n";
        assert_eq!(join(quoted), "> | 0 |\n> 行政许可 | 47 |\n> |\n");
        let crlf = "| 0 | 0 |\r\n其他对外管理\r\n服务事项 | 0 |\r\n";
        assert_eq!(join(crlf), "| 0 | 0 |\r\n其他对外管理服务事项 | 0 |\r\n");
    }

    #[test]
    fn headings_notes_and_prose_stay_apart() {
        for t in [
            "| 0 | 0 |\n三、收到和处理政府信息公开申请情况\n| 信息内容 | 0 |\n",
            "| 0 | 0 |\n四、政府信息公开行政复议\n行政复议 | 0 |\n",
            "| 0 | 0 |\n### 第二十条第（五）项\n| 信息内容 | 本年处理决定数量 |\n",
            "| 0 | 0 |\n单位：件\n| 自然人 | 0 |\n",
            "| 0 | 0 |\n第二十条第（五）项\n| 信息内容 | 本年处理决定数量 |\n",
            "| 0 | 0 |\n表3 依申请公开\n| 申请人 | 0 |\n",
            "| 0 | 0 |\n二、主动公开政府信息\n| 规章 | 0 |\n",
            "| 0 | 0 |\n以上数据截至年底。\n| 自然人 | 0 |\n",
            // The next line opens with a figure, or is a markdown separator.
            "| 0 | 0 |\n行政许可\n| 47 | 0 |\n",
            "| 0 | 0 |\n行政许可\n|---|---|\n",
            // Not between a table's lines.
            "总体情况如下\n行政\n许可 | 0 |\n",
        ] {
            assert_eq!(join(t), t);
        }
    }
}
