//! Comma-separated values: a report saved from a spreadsheet (`.csv`) read as the tab rows that
//! the table reader knows. Each record's unquoted commas become tabs and the quotes around a
//! field go (a quoted field keeps its commas: "1,234"). The empty fields that pad every record
//! to the sheet's width are dropped, but a row keeps as many fields as the rows beside it print:
//! its blank last cell ("四、结转下年度继续办理,1,0,0,0,0,0,,,,") is a cell. Every character
//! keeps its source bytes.
//!
//! Tables pasted as CSV into a text report are read in [`super::delimited`].

use super::MChar;

/// A record: its fields (each after the first holds the tab its comma became), then its line
/// end.
struct Record {
    fields: Vec<Vec<MChar>>,
    end: Vec<MChar>,
}

impl Record {
    /// Fields up to the last that holds something (0 for an empty record).
    fn printed(&self) -> usize {
        let empty = |f: &Vec<MChar>| f.iter().all(|m| m.c == '\t' || m.c.is_whitespace());
        self.fields
            .iter()
            .rposition(|f| !empty(f))
            .map_or(0, |i| i + 1)
    }
}

/// The characters of a CSV source as tab-separated lines.
pub fn as_tab_rows(source: &str) -> Vec<MChar> {
    let mut records = Vec::new();
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        records.push(record(line, start));
        start += line.len();
    }
    let printed: Vec<usize> = records.iter().map(Record::printed).collect();
    let mut out = Vec::with_capacity(source.len() / 2);
    for (i, r) in records.into_iter().enumerate() {
        // A table row (two fields or more) is as wide as the table rows beside it.
        let row = |j: usize| printed.get(j).copied().filter(|&n| n >= 2).unwrap_or(0);
        let width = if printed[i] >= 2 {
            printed[i].max(row(i.wrapping_sub(1))).max(row(i + 1))
        } else {
            printed[i].max(1)
        };
        out.extend(r.fields.into_iter().take(width).flatten());
        out.extend(r.end);
    }
    out
}

fn record(line: &str, off: usize) -> Record {
    let body = line.trim_end_matches(['\n', '\r']);
    let mut fields: Vec<Vec<MChar>> = vec![Vec::new()];
    let mut quoted = false;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = off + i;
        match c {
            '"' if quoted && chars.peek().is_some_and(|&(_, n)| n == '"') => {
                let (j, _) = chars.next().expect("peeked");
                fields
                    .last_mut()
                    .unwrap()
                    .push(MChar::new('"', at, off + j + 1));
            }
            '"' => quoted = !quoted,
            // Excel's `="12"`, a figure exported as text: the field is the quoted text.
            '=' if !quoted
                && chars.peek().is_some_and(|&(_, n)| n == '"')
                && fields.last().is_some_and(|f| f.iter().all(|m| m.c == '\t')) => {}
            ',' if !quoted => fields.push(vec![MChar::new('\t', at, at + 1)]),
            _ => fields
                .last_mut()
                .unwrap()
                .push(MChar::new(c, at, at + c.len_utf8())),
        }
    }
    let end = line[body.len()..]
        .char_indices()
        .map(|(i, c)| MChar::new(c, off + body.len() + i, off + body.len() + i + 1))
        .collect();
    Record { fields, end }
}

/// Each line's characters: its start, the end of its body and its end (after the line break).
pub(super) fn line_spans(chars: &[MChar]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    while a < chars.len() {
        let end = chars[a..]
            .iter()
            .position(|m| m.c == '\n')
            .map_or(chars.len(), |i| a + i + 1);
        let mut body_end = end;
        while body_end > a && matches!(chars[body_end - 1].c, '\n' | '\r') {
            body_end -= 1;
        }
        out.push((a, body_end, end));
        a = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        as_tab_rows(src).iter().map(|m| m.c).collect()
    }

    #[test]
    fn records_become_tab_rows() {
        assert_eq!(
            text("标题,,,,\r\n规章,10,10,89,,,\r\n\"行政许可\",\"1,234\",,\n\"说\"\"明\",,\n"),
            "标题\r\n规章\t10\t10\t89\r\n行政许可\t1,234\t\t\n说\"明\n"
        );
        let v = as_tab_rows("a,\"1,2\"");
        let two = v.iter().find(|m| m.c == '2').unwrap();
        assert_eq!((two.s, two.e), (5, 6));
        // A row's blank last cell stays when the row before prints that column.
        assert_eq!(
            text("（七）总计,33,2,35,,,\n四、结转下年度继续办理,1,0,,,,\n"),
            "（七）总计\t33\t2\t35\n四、结转下年度继续办理\t1\t0\t\n"
        );
    }

    #[test]
    fn excel_text_figures_are_their_text() {
        assert_eq!(
            text("规章,=\"1\",=\"0\",=\"11\"\n公式,=1+1\n"),
            "规章\t1\t0\t11\n公式\t=1+1\n"
        );
    }
}
