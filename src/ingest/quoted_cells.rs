//! A spreadsheet's cells copied as text. Excel (and WPS) copy a selection as tab-separated
//! rows, and a cell holding a line break (`四、结转下` / `年度继续办理`, a header
//! `本年收费金额` / `（单位：万元）`) goes out in double quotes over two lines or more:
//! `"四、结转下⏎年度继续办理"→→→10→0…`. Read as it stands, the row's first line is a label
//! without figures and the rest a row of the label's tail: the row was lost. A quoted field
//! that opens a line or follows a tab, runs over at most [`MAX_LINES`] lines without a tab or
//! another quote, and closes with a quote before a tab or the line's end, on a line of tab
//! rows (a tab before it opens or right after it closes), is one cell: its quotes and line
//! breaks are dropped.

use super::MChar;

/// The most lines a quoted cell spans.
const MAX_LINES: usize = 4;

/// The characters with each quoted multi-line cell joined onto one line.
pub fn joined(mut chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.iter().any(|m| m.c == '"') || !chars.iter().any(|m| m.c == '\t') {
        return chars;
    }
    let lines = super::pieces(&chars, '\n');
    let mut drops = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &chars[lines[i].clone()];
        let Some(open) = opening_quote(line) else {
            i += 1;
            continue;
        };
        let tab_before = line[..open].iter().any(|m| m.c == '\t');
        let mut closed = None;
        for (j, l) in lines.iter().enumerate().skip(i + 1).take(MAX_LINES - 1) {
            let l = &chars[l.clone()];
            match l.iter().position(|m| m.c == '"' || m.c == '\t') {
                Some(q) if l[q].c == '"' => {
                    let rest = &l[q + 1..];
                    let next = rest.iter().find(|m| !matches!(m.c, ' ' | '\r'));
                    let ends = next.is_none_or(|m| m.c == '\t');
                    let tab_after = next.is_some_and(|m| m.c == '\t');
                    if ends && !rest.iter().any(|m| m.c == '"') && (tab_before || tab_after) {
                        closed = Some((j, q));
                    }
                    break;
                }
                // A tab, or no quote at all: a cell's text has neither.
                Some(_) => break,
                None => continue,
            }
        }
        let Some((j, q)) = closed else {
            i += 1;
            continue;
        };
        drops.push(lines[i].start + open..lines[i].start + open + 1);
        for line in &lines[i..j] {
            // The line break, with a '\r' before it.
            let end = line.end;
            let from = if end > line.start && chars[end - 1].c == '\r' {
                end - 1
            } else {
                end
            };
            drops.push(from..end + 1);
        }
        drops.push(lines[j].start + q..lines[j].start + q + 1);
        i = j + 1;
    }
    super::drop_ranges(&mut chars, drops);
    chars
}

/// Where a quoted field opens on `line` and stays open: a quote at the line's start (after
/// spaces) or right after a tab, with text after it and no other quote on the line.
fn opening_quote(line: &[MChar]) -> Option<usize> {
    let q = line.iter().position(|m| m.c == '"')?;
    let before = line[..q].iter().rev().find(|m| m.c != ' ');
    let opens = before.is_none_or(|m| m.c == '\t');
    let rest = &line[q + 1..];
    let text = rest.iter().any(|m| !m.c.is_whitespace());
    (opens && text && !rest.iter().any(|m| m.c == '"' || m.c == '\t')).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::super::applied;
    use super::*;

    fn join(s: &str) -> String {
        applied(|c| *c = joined(std::mem::take(c)), s)
    }

    #[test]
    fn a_quoted_cell_over_lines_is_one_cell() {
        assert_eq!(
            join("\t（七）总计\t15\t15\n\"四、结转下\n年度继续办理\"\t\t10\t10\n"),
            "\t（七）总计\t15\t15\n四、结转下年度继续办理\t\t10\t10\n"
        );
        assert_eq!(
            join("信息内容\t\"本年收费金额\r\n（单位：万元）\"\n"),
            "信息内容\t本年收费金额（单位：万元）\n"
        );
        assert_eq!(
            join("\"第二十条\n第（一）项\"\t\t\t\n"),
            "第二十条第（一）项\t\t\t\n"
        );
    }

    #[test]
    fn quotes_in_prose_stay() {
        for s in [
            "\"放管服\"改革\t持续推进\n下一行\"\t\n",
            "他说：\n\"我们\n将继续\"努力。\n规章\t0\n",
            "\"一\n二\n三\n四\n五\"\t1\n",
            "\"标题\n正文\t里\"\t1\n",
        ] {
            assert_eq!(join(s), s);
        }
    }
}
