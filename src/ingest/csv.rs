//! Comma-separated values: a report saved from a spreadsheet (`.csv`) read as the tab rows that
//! the table reader knows. Each record's unquoted commas become tabs and the quotes around a
//! field go (a quoted field keeps its commas: "1,234"). The empty fields that pad every record
//! to the sheet's width are dropped, but a row keeps as many fields as the rows beside it print:
//! its blank last cell ("四、结转下年度继续办理,1,0,0,0,0,0,,,,") is a cell. Every character
//! keeps its source bytes.
//!
//! Tables pasted as CSV into a text report ([`with_comma_tables`]) are read the same way, but
//! only where lines are plainly a table's rows (see there): prose keeps its commas.

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

/// A text report's lines that are a table pasted as CSV (`一、本年新收…,,,25,0,…`), their commas
/// made tabs; every other line as it was. A block of rows is two lines or more in a row, each
/// of four fields or more, as many in every line, with figures among them; no field holds a
/// sentence (a `。`) or runs long, and a quote is Excel's, around a whole field. A line with
/// more fields than its block whose extra commas are all thousands separators of unquoted
/// figures ("1,362") is a row with those figures whole; where that reading is not the only one,
/// the line is left as printed.
pub fn with_comma_tables(chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.iter().any(|m| m.c == ',') {
        return chars;
    }
    let lines = line_spans(&chars);
    let records: Vec<Option<Vec<Field>>> = lines
        .iter()
        .map(|&(a, body_end, _)| text_record(&chars[a..body_end]))
        .collect();
    let rows = table_rows(records);
    if rows.iter().all(Option::is_none) {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    for (&(a, body_end, end), row) in lines.iter().zip(rows) {
        match row {
            Some(fields) => {
                for f in fields {
                    if let Some(sep) = f.sep {
                        out.push(MChar { c: '\t', ..sep });
                    }
                    out.extend(f.chars);
                }
                out.extend_from_slice(&chars[body_end..end]);
            }
            None => out.extend_from_slice(&chars[a..end]),
        }
    }
    out
}

/// A field of a record typed in a text: the comma before it (none for the first) and its
/// characters, quotes dropped.
#[derive(Clone)]
struct Field {
    sep: Option<MChar>,
    chars: Vec<MChar>,
}

impl Field {
    fn text(&self) -> String {
        self.chars.iter().map(|m| m.c).collect()
    }
}

/// Fewer fields than this on a line are no table row (a sentence with two commas).
const MIN_FIELDS: usize = 4;
/// A field longer than this (characters) is prose, not a cell.
const MAX_FIELD_CHARS: usize = 80;

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

/// A line read as a CSV record, strictly: quotes only around a whole field (a doubled quote
/// inside one is a quote), at least [`MIN_FIELDS`] fields, none of them prose; `None` for a line
/// that is not such a record (tabs or pipes already separate its fields, a quote left open).
fn text_record(line: &[MChar]) -> Option<Vec<Field>> {
    if line.iter().any(|m| matches!(m.c, '\t' | '|')) {
        return None;
    }
    if line.iter().filter(|m| m.c == ',').count() + 1 < MIN_FIELDS {
        return None;
    }
    let mut fields = vec![Field {
        sep: None,
        chars: Vec::new(),
    }];
    let mut i = 0;
    while i < line.len() {
        let field = fields.last_mut().expect("one field at least");
        let m = line[i];
        if m.c == '"' && field.chars.iter().all(|c| c.c == ' ') {
            // A quoted field: to its closing quote, which a comma or the line end follows.
            field.chars.clear();
            i += 1;
            loop {
                let q = *line.get(i)?;
                if q.c == '"' {
                    if line.get(i + 1).is_some_and(|n| n.c == '"') {
                        field.chars.push(q);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                field.chars.push(q);
                i += 1;
            }
            while line.get(i).is_some_and(|n| n.c == ' ') {
                i += 1;
            }
            if line.get(i).is_some_and(|n| n.c != ',') {
                return None;
            }
            continue;
        }
        if m.c == ',' {
            fields.push(Field {
                sep: Some(m),
                chars: Vec::new(),
            });
        } else {
            field.chars.push(m);
        }
        i += 1;
    }
    let prose = |f: &Field| f.chars.len() > MAX_FIELD_CHARS || f.chars.iter().any(|m| m.c == '。');
    (fields.len() >= MIN_FIELDS && !fields.iter().any(prose)).then_some(fields)
}

/// Whether a field is a figure: digits with a sign or a decimal part, ASCII thousands
/// separators between groups of three.
fn is_figure(t: &str) -> bool {
    let t = t.trim();
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
    if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) {
        return false;
    }
    let rest: Vec<&str> = groups.collect();
    rest.is_empty() || (first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g)))
}

/// The records of consecutive lines grouped into blocks of one width; the rows of blocks that
/// are tables (two lines or more, figures among them), `None` for every other line.
fn table_rows(records: Vec<Option<Vec<Field>>>) -> Vec<Option<Vec<Field>>> {
    let n = records.len();
    let width = |i: usize| records[i].as_ref().map_or(0, Vec::len);
    // Each line's width in its block: its own, or (a line with thousands separators) the width
    // of the line before or after, when its extra commas are all thousands separators.
    let mut rows: Vec<Option<Vec<Field>>> = vec![None; n];
    for i in 0..n {
        let Some(fields) = &records[i] else {
            continue;
        };
        let own = fields.len();
        let near = [i.checked_sub(1), (i + 1 < n).then_some(i + 1)];
        let fits = near
            .iter()
            .flatten()
            .map(|&j| width(j))
            .filter(|&w| w >= MIN_FIELDS && w < own)
            .find_map(|w| merge_thousands(fields, w));
        rows[i] = Some(fits.unwrap_or_else(|| fields.clone()));
    }
    let mut i = 0;
    while i < n {
        let Some(w) = rows[i].as_ref().map(Vec::len) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j < n && rows[j].as_ref().is_some_and(|r| r.len() == w) {
            j += 1;
        }
        if !is_table(&rows[i..j]) {
            for r in &mut rows[i..j] {
                *r = None;
            }
        }
        i = j;
    }
    rows
}

/// Whether a block of rows of one width is a table: two rows or more, one of them with two
/// fields or more of figures (or marks for nothing to report), and the text fields not English
/// prose.
fn is_table(rows: &[Option<Vec<Field>>]) -> bool {
    let rows: Vec<&Vec<Field>> = rows.iter().flatten().collect();
    if rows.len() < 2 {
        return false;
    }
    let figure_like = |t: &str| is_figure(t) || NOTHING_MARKS.contains(&t.trim());
    let figures_in_a_row = rows
        .iter()
        .any(|r| r.iter().filter(|f| figure_like(&f.text())).count() >= 2);
    let text: Vec<String> = rows
        .iter()
        .flat_map(|r| r.iter().map(Field::text))
        .filter(|t| !t.trim().is_empty() && !figure_like(t))
        .collect();
    let english = text
        .iter()
        .filter(|t| t.trim().contains(' ') && t.chars().any(|c| c.is_ascii_alphabetic()))
        .count();
    figures_in_a_row && english * 2 <= text.len()
}

/// Cells that say there is nothing to report, as tables print them for zero.
const NOTHING_MARKS: &[&str] = &["—", "——", "-", "－", "/", "／", "无"];

/// A record of more fields than `width` read with its extra commas as thousands separators:
/// every place where an unquoted figure of one to three digits is followed by a field of three
/// digits is one, and there must be exactly as many such places as extra commas (otherwise
/// the reading is not the only one: `None`).
fn merge_thousands(fields: &[Field], width: usize) -> Option<Vec<Field>> {
    let extra = fields.len().checked_sub(width)?;
    let head = |t: &str| {
        let t = t.trim().strip_prefix(['-', '+']).unwrap_or(t.trim());
        (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let group = |t: &str| {
        let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
        int.len() == 3
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b.is_ascii_digit())
    };
    let texts: Vec<String> = fields.iter().map(Field::text).collect();
    let joins: Vec<usize> = (0..fields.len() - 1)
        .filter(|&j| head(&texts[j]) && group(&texts[j + 1]))
        .collect();
    if joins.len() != extra {
        return None;
    }
    let mut out: Vec<Field> = Vec::with_capacity(width);
    for (j, f) in fields.iter().enumerate() {
        if j > 0 && joins.contains(&(j - 1)) {
            let last = out.last_mut().expect("a field before a join");
            last.chars
                .push(f.sep.expect("a comma before every field but the first"));
            last.chars.extend(f.chars.iter().copied());
        } else {
            out.push(f.clone());
        }
    }
    Some(out)
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

    fn pasted(src: &str) -> String {
        with_comma_tables(MChar::of(src))
            .iter()
            .map(|m| m.c)
            .collect()
    }

    #[test]
    fn a_table_pasted_as_csv_into_text_becomes_tab_rows() {
        let src = "三、收到和处理政府信息公开申请情况\n\
            ,,,自然人,法人或其他组织,总计\n\
            一、本年新收政府信息公开申请数量,,,\"1,362\",0,\"1,362\"\n\
            \"（二）部分公开（区分处理的，只计这一情形）\",,,3,,3\n\
            四、结转下年度继续办理,,,1,0,\n\
            全年共收到申请25件,办结25件。\n";
        assert_eq!(
            pasted(src),
            "三、收到和处理政府信息公开申请情况\n\
            \t\t\t自然人\t法人或其他组织\t总计\n\
            一、本年新收政府信息公开申请数量\t\t\t1,362\t0\t1,362\n\
            （二）部分公开（区分处理的，只计这一情形）\t\t\t3\t\t3\n\
            四、结转下年度继续办理\t\t\t1\t0\t\n\
            全年共收到申请25件,办结25件。\n"
        );
        // The tab stands where the comma was printed.
        let v = with_comma_tables(MChar::of("a,1,2,3\nb,4,5,6\n"));
        assert_eq!((v[1].c, v[1].s, v[1].e), ('\t', 1, 2));
    }

    #[test]
    fn unquoted_thousands_are_one_figure_only_when_that_is_the_only_reading() {
        let src = "行政许可,10,690,0,\"10,690\"\n行政处罚,5,0,5\n行政强制,1,234,567,0\n行政征收,1,234,567,0,0\n";
        assert_eq!(
            pasted(src),
            "行政许可\t10,690\t0\t10,690\n行政处罚\t5\t0\t5\n行政强制,1,234,567,0\n行政征收,1,234,567,0,0\n"
        );
    }

    #[test]
    fn prose_and_lone_lines_keep_their_commas() {
        for src in [
            "第一,第二,第三,第四\n",
            "In 2022, the office received 25, 30, 12 and 4 requests, in all.\nIt answered 25, 30, 12 and 4 of them, in time.\n",
            "全年共收到申请25件,办结25件,其中1件,2件。\n全年共收到申请25件,办结25件,其中1件,2件。\n",
            "名称,地址,电话,邮编\n某局,某路,电话,邮编\n",
            "规章,13,13,524\n",
        ] {
            assert_eq!(pasted(src), src);
        }
    }
}
