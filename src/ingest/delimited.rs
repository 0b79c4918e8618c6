//! Tables written into a text as delimited lines, read as the tab rows that the table reader
//! knows: a table pasted as CSV (`一、本年新收…,,,25,0,…`), or a word processor's table
//! converted to text with full-width commas, semicolons or enumeration commas between its cells
//! (`规章，0，0，0`, `规章、0、0、11`). Only lines that are plainly a table's rows get tabs for their delimiters: prose keeps its
//! punctuation, and a delimiter inside brackets (`（区分处理的，只计这一情形）`) is part of
//! its cell.

use super::csv::line_spans;
use super::MChar;

/// The characters that stand between cells where a table was written as text, tried in this
/// order: a line that one of them made a row has tabs, so the later ones leave it alone. The
/// enumeration comma `、` comes last: it also closes item numbers (`一、`, `1、`), which stay
/// text (see [`closes_item_number`]).
const DELIMITERS: [char; 4] = [',', '，', '；', '、'];

/// A text report's lines that are a table's rows written with a delimiter, those delimiters made
/// tabs; every other line as it was. A block of rows is two lines or more in a row, as many
/// fields in every line, with figures among them; no field holds a sentence (a `。`) or runs
/// long, and a quote (with commas only) is Excel's, around a whole field. A block of four fields
/// or more needs two figures in a row; a narrower one (`行政许可，0`) needs a label first in
/// every row and a row of nothing but figures after its label. A line with more fields than its
/// block whose extra commas are all thousands separators of unquoted figures ("1,362"), or whose
/// extra delimiters all stand inside its labels, is a row with those fields whole; where that
/// reading is not the only one, the line is left as printed. Rows of other widths join a table
/// where they plainly are its rows: figures after a label or two, beside its rows, and headers
/// without figures right above them.
pub fn with_delimited_tables(chars: Vec<MChar>) -> Vec<MChar> {
    DELIMITERS.into_iter().fold(chars, |chars, delimiter| {
        with_rows_delimited_by(chars, delimiter)
    })
}

fn with_rows_delimited_by(chars: Vec<MChar>, delimiter: char) -> Vec<MChar> {
    // Every row read so has a record on the line before or after it (a block is two rows or
    // more; a row of other width joins a record beside it or under a header record): without
    // two such lines in a row, no line is split into fields.
    let may_be_record = |line: &[MChar]| {
        line.iter().any(|m| m.c == delimiter)
            && !line.iter().any(|m| matches!(m.c, '\t' | '|' | '。'))
    };
    let mut before = false;
    let two_in_a_row = chars.split(|m| m.c == '\n').any(|line| {
        let record = may_be_record(line);
        let two = before && record;
        before = record;
        two
    });
    if !two_in_a_row {
        return chars;
    }
    let lines = line_spans(&chars);
    let records: Vec<Option<Vec<Field>>> = lines
        .iter()
        .map(|&(a, body_end, _)| text_record(&chars[a..body_end], delimiter))
        .collect();
    let rows = table_rows(records, delimiter);
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

/// A block at least this wide needs two figures in a row; a narrower one needs labels (see
/// [`with_delimited_tables`]).
const WIDE: usize = 4;
/// A field longer than this (characters) is prose, not a cell.
const MAX_FIELD_CHARS: usize = 80;
/// A narrow block's label longer than this (characters) is a clause, not a row's label.
const MAX_LABEL_CHARS: usize = 40;

/// Brackets that hold a delimiter as text: a cell's note (`（区分处理的，只计这一情形）`).
const BRACKETS: [(char, char); 5] = [
    ('（', '）'),
    ('(', ')'),
    ('“', '”'),
    ('《', '》'),
    ('【', '】'),
];

/// A line read as a record of fields between `delimiter`s, strictly: for commas, quotes only
/// around a whole field (a doubled quote inside one is a quote); two fields at least, none of
/// them prose; `None` for a line that is not such a record (tabs or pipes already separate its
/// fields, a quote left open). A delimiter between brackets that close on the line is text.
fn text_record(line: &[MChar], delimiter: char) -> Option<Vec<Field>> {
    // Most lines with a delimiter are prose: a sentence's stop rules them out before any
    // field is made.
    if !line.iter().any(|m| m.c == delimiter)
        || line.iter().any(|m| matches!(m.c, '\t' | '|' | '。'))
    {
        return None;
    }
    let bracketed = bracketed(line, delimiter);
    let excel_quotes = delimiter == ',';
    let mut fields = vec![Field {
        sep: None,
        chars: Vec::new(),
    }];
    let mut i = 0;
    while i < line.len() {
        let field = fields.last_mut().expect("one field at least");
        let m = line[i];
        // Excel's `="12"`, a figure exported as text (to keep its zeros): the field is the
        // quoted text.
        if excel_quotes
            && m.c == '='
            && line.get(i + 1).is_some_and(|n| n.c == '"')
            && field.chars.iter().all(|c| c.c == ' ')
        {
            i += 1;
            continue;
        }
        if excel_quotes && m.c == '"' && field.chars.iter().all(|c| c.c == ' ') {
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
        if m.c == delimiter
            && !bracketed.contains(&i)
            && !(delimiter == '、' && closes_item_number(&fields, &line[i + 1..]))
        {
            fields.push(Field {
                sep: Some(m),
                chars: Vec::new(),
            });
        } else {
            fields.last_mut().expect("one field at least").chars.push(m);
        }
        i += 1;
    }
    let prose = |f: &Field| f.chars.len() > MAX_FIELD_CHARS || f.chars.iter().any(|m| m.c == '。');
    (fields.len() >= 2 && !fields.iter().any(prose)).then_some(fields)
}

/// Whether the `、` after the last of `fields` closes an item number rather than ending a cell:
/// the field is a Chinese numeral (`一`…`二十`), which no cell's figure is, or one or two digits
/// among labels only (no figure in a field before it) with text after the mark (`3、补正后…`,
/// where a cell's figure has a figure, another mark or the line's end after it).
fn closes_item_number(fields: &[Field], after: &[MChar]) -> bool {
    let Some((field, before)) = fields.split_last() else {
        return false;
    };
    let t = field.text();
    let t = t.trim();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    if !t.is_empty() && t.chars().count() <= 3 && t.chars().all(numeral) {
        return true;
    }
    let digits = !t.is_empty() && t.chars().count() <= 2 && t.chars().all(|c| c.is_ascii_digit());
    let text_after = after
        .iter()
        .map(|m| m.c)
        .find(|&c| c != ' ')
        .is_some_and(|c| !c.is_ascii_digit() && !NOTHING_MARK_CHARS.contains(c) && c != '、');
    digits && text_after && before.iter().all(|f| !figure_like(&f.text()))
}

/// Characters that open a mark for nothing to report ([`NOTHING_MARKS`]).
const NOTHING_MARK_CHARS: &str = "—-－/／无";

/// The places of a line's `delimiter`s that stand between brackets closed on the line (none
/// when no bracket holds one, as in nearly every row).
fn bracketed(line: &[MChar], delimiter: char) -> Vec<usize> {
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut inside = Vec::new();
    for (i, m) in line.iter().enumerate() {
        if let Some(&(_, close)) = BRACKETS.iter().find(|(o, _)| *o == m.c) {
            open.push((close, i));
        } else if let Some(k) = open.iter().rposition(|&(close, _)| close == m.c) {
            let from = open[k].1;
            open.truncate(k);
            inside.extend((from..i).filter(|&j| line[j].c == delimiter));
        }
    }
    inside
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
fn table_rows(records: Vec<Option<Vec<Field>>>, delimiter: char) -> Vec<Option<Vec<Field>>> {
    let n = records.len();
    let width = |i: usize| records[i].as_ref().map_or(0, Vec::len);
    // Each line's width in its block: its own, or (a line with thousands separators, or a
    // label holding the delimiter) the width of the line before or after, when its extra
    // delimiters are all of one such kind (see `merged`).
    let mut rows: Vec<Option<Vec<Field>>> = vec![None; n];
    for i in 0..n {
        let Some(fields) = &records[i] else {
            continue;
        };
        let own = fields.len();
        let near = [i.checked_sub(1), (i + 1 < n).then_some(i + 1)];
        // The width of the lines around decides: a header above that prints fewer cells
        // says nothing about a row among rows as wide as it. Where widths tie, a line as
        // wide as the line before or after it is read as printed.
        let around = |w: usize| {
            (i.saturating_sub(WIDTH_WINDOW)..(i + WIDTH_WINDOW + 1).min(n))
                .filter(|&j| j != i && width(j) == w)
                .count()
        };
        let fits = near
            .iter()
            .flatten()
            .map(|&j| width(j))
            .filter(|&w| w >= WIDE && w < own && around(w) >= around(own))
            .filter(|&w| {
                around(w) > around(own) || !near.iter().flatten().any(|&j| width(j) == own)
            })
            .find_map(|w| merged(fields, w, delimiter));
        rows[i] = Some(fits.unwrap_or_else(|| fields.clone()));
    }
    let mut table = vec![false; n];
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
        if is_table(&rows[i..j]) {
            table[i..j].fill(true);
        }
        i = j;
    }
    // Rows of other widths among them, or a table's rows that each print only their own
    // cells (a word processor's table as text; a PDF's table with its labels torn off): a
    // line of figures after at most two labels, beside a table's row or another such line, or
    // under a header of three fields or more.
    let figure_row: Vec<bool> = rows
        .iter()
        .map(|r| {
            r.as_deref().is_some_and(|fields| {
                // Whether "1,234" is one figure or two, its neighbours cannot say.
                let texts: Vec<String> = fields.iter().map(Field::text).collect();
                is_figure_row(fields) && (delimiter != ',' || thousands_joins(&texts).is_empty())
            })
        })
        .collect();
    for i in 0..n {
        let beside = |j: Option<usize>| j.is_some_and(|j| j < n && (table[j] || figure_row[j]));
        let header_above = i > 0 && width(i - 1) >= 3;
        if figure_row[i] && (header_above || beside(i.checked_sub(1)) || beside(Some(i + 1))) {
            table[i] = true;
        }
    }
    // A table's header rows above it may be of other widths, its merged cells printed once
    // (`，，自然人，法人或其他组织，，，，，总计` over rows of nine): records without figures
    // right above a table are its rows.
    for i in 1..n {
        if !table[i] || table[i - 1] {
            continue;
        }
        for k in (i.saturating_sub(MAX_HEADER_ROWS)..i).rev() {
            let header = rows[k]
                .as_ref()
                .is_some_and(|r| !r.iter().any(|f| figure_like(&f.text())));
            if !header || table[k] {
                break;
            }
            table[k] = true;
        }
    }
    rows.into_iter()
        .zip(table)
        .map(|(r, t)| r.filter(|_| t))
        .collect()
}

/// Whether a record reads as a table's row by itself: figures (or marks for nothing to
/// report) in two fields or more, every field after them a figure or blank, and before them at
/// most two short labels.
fn is_figure_row(fields: &[Field]) -> bool {
    let labels = fields
        .iter()
        .take_while(|f| !figure_like(&f.text()))
        .count();
    let rest = &fields[labels..];
    labels <= 2
        && fields[..labels]
            .iter()
            .all(|f| f.chars.len() <= MAX_LABEL_CHARS)
        && rest.iter().filter(|f| figure_like(&f.text())).count() >= 2
        && rest
            .iter()
            .all(|f| figure_like(&f.text()) || f.text().trim().is_empty())
}

/// Lines either side of a line whose widths say how wide its block is.
const WIDTH_WINDOW: usize = 3;

/// A table's header rows of another width than its body: at most this many lines.
const MAX_HEADER_ROWS: usize = 4;

/// Whether a field is a figure or a mark for nothing to report.
fn figure_like(t: &str) -> bool {
    is_figure(t) || NOTHING_MARKS.contains(&t.trim())
}

/// Whether a block of rows of one width is a table: two rows or more, the text fields not
/// English prose, and figures in a table's places. A block of [`WIDE`] fields or more has two
/// fields or more of figures (or marks for nothing to report) in one row. A narrower block
/// (table 二's `行政许可，0`) has a label first in every row, short cells after it, and a row
/// whose cells after its label are all figures.
fn is_table(rows: &[Option<Vec<Field>>]) -> bool {
    let rows: Vec<&Vec<Field>> = rows.iter().flatten().collect();
    if rows.len() < 2 {
        return false;
    }
    let figures_in_place = if rows[0].len() >= WIDE {
        rows.iter()
            .any(|r| r.iter().filter(|f| figure_like(&f.text())).count() >= 2)
    } else {
        let short = |f: &Field| f.chars.len() <= MAX_LABEL_CHARS;
        let labelled = |r: &&Vec<Field>| {
            let label = r[0].text();
            !label.trim().is_empty() && !figure_like(&label) && r.iter().all(short)
        };
        rows.iter().all(labelled)
            && rows
                .iter()
                .any(|r| r[1..].iter().all(|f| figure_like(&f.text())))
    };
    let text: Vec<String> = rows
        .iter()
        .flat_map(|r| r.iter().map(Field::text))
        .filter(|t| !t.trim().is_empty() && !figure_like(t))
        .collect();
    let english = text
        .iter()
        .filter(|t| t.trim().contains(' ') && t.chars().any(|c| c.is_ascii_alphabetic()))
        .count();
    figures_in_place && english * 2 <= text.len()
}

/// Cells that say there is nothing to report, as tables print them for zero.
const NOTHING_MARKS: &[&str] = &["—", "——", "-", "－", "/", "／", "无"];

/// A record of more fields than `width` read as a row of `width` fields: its extra commas
/// thousands separators of unquoted figures ("1,362"), or its extra delimiters inside labels
/// (`1.申请人无正当理由逾期不补正，行政机关不再处理…`). There must be exactly as many places
/// of one kind as extra delimiters (otherwise the reading is not the only one: `None`).
fn merged(fields: &[Field], width: usize, delimiter: char) -> Option<Vec<Field>> {
    let extra = fields.len().checked_sub(width)?;
    let texts: Vec<String> = fields.iter().map(Field::text).collect();
    let thousands = if delimiter == ',' {
        thousands_joins(&texts)
    } else {
        Vec::new()
    };
    let joins = if thousands.len() == extra {
        thousands
    } else {
        label_joins(&texts)
    };
    if joins.len() != extra {
        return None;
    }
    let mut out: Vec<Field> = Vec::with_capacity(width);
    for (j, f) in fields.iter().enumerate() {
        if j > 0 && joins.contains(&(j - 1)) {
            let last = out.last_mut().expect("a field before a join");
            last.chars
                .push(f.sep.expect("a delimiter before every field but the first"));
            last.chars.extend(f.chars.iter().copied());
        } else {
            out.push(f.clone());
        }
    }
    Some(out)
}

/// Fields (by place) that an unquoted figure of one to three digits is (not opened by a zero:
/// no figure is printed `0,103`), with a field of three digits after it.
fn thousands_joins(texts: &[String]) -> Vec<usize> {
    let head = |t: &str| {
        let t = t.trim().strip_prefix(['-', '+']).unwrap_or(t.trim());
        (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) && !t.starts_with('0')
    };
    let group = |t: &str| {
        let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
        int.len() == 3
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b.is_ascii_digit())
    };
    (0..texts.len().saturating_sub(1))
        .filter(|&j| head(&texts[j]) && group(&texts[j + 1]))
        .collect()
}

/// Fields (by place) among a row's labels before its figures that the next label goes on: a
/// label that does not open an item (`（二）`, `1.`, `一、`) after one that holds text.
fn label_joins(texts: &[String]) -> Vec<usize> {
    let labels = texts.iter().take_while(|t| !figure_like(t)).count();
    let opens_item = |t: &str| {
        let mut c = t.chars();
        match c.next() {
            Some('（' | '(') => true,
            Some(d) if d.is_ascii_digit() || ('０'..='９').contains(&d) => true,
            Some(n) if "一二三四五六七八九十".contains(n) => c.next() == Some('、'),
            _ => false,
        }
    };
    (0..labels.saturating_sub(1))
        .filter(|&j| {
            let next = texts[j + 1].trim();
            !texts[j].trim().is_empty() && !next.is_empty() && !opens_item(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::MChar;

    fn pasted(src: &str) -> String {
        with_delimited_tables(MChar::of(src))
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
        let v = with_delimited_tables(MChar::of("a,1,2,3\nb,4,5,6\n"));
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

    #[test]
    fn a_word_processors_table_as_text_becomes_tab_rows() {
        // Full-width commas: headers of other widths above the rows, a note in brackets that
        // holds the delimiter, a label that holds it outside brackets, table 二's narrow rows.
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和），，申请人情况\n\
            ，，自然人，法人或其他组织，，总计\n\
            ，，，商业企业，科研机构，\n\
            ，一、本年新收政府信息公开申请数量，25，0，0，25\n\
            ，（二）部分公开（区分处理的，只计这一情形，不计其他情形），0，0，0，0\n\
            （六）其他处理，1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请，9，0，0，9\n\
            ，2.申请人逾期未按收费通知要求缴纳费用，0，0，0，0\n\
            \n\
            信息内容，本年处理决定数量\n\
            行政许可，0\n\
            行政强制，12\n";
        assert_eq!(
            pasted(src),
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\n\
            \t\t自然人\t法人或其他组织\t\t总计\n\
            \t\t\t商业企业\t科研机构\t\n\
            \t一、本年新收政府信息公开申请数量\t25\t0\t0\t25\n\
            \t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\n\
            （六）其他处理\t1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请\t9\t0\t0\t9\n\
            \t2.申请人逾期未按收费通知要求缴纳费用\t0\t0\t0\t0\n\
            \n\
            信息内容\t本年处理决定数量\n\
            行政许可\t0\n\
            行政强制\t12\n"
        );
        // Semicolons, and rows of figures alone under a header of another width.
        assert_eq!(
            pasted("行政复议；；行政诉讼\n结果维持；结果纠正；总计；结果维持\n1；0；1；0\n"),
            "行政复议\t\t行政诉讼\n结果维持\t结果纠正\t总计\t结果维持\n1\t0\t1\t0\n"
        );
    }

    #[test]
    fn prose_with_full_width_commas_keeps_them() {
        for src in [
            "一是加强组织领导，二是完善制度，三是强化监督，四是注重实效\n首先，其次\n",
            "全年共收到申请25件，办结25件，其中转办1件，2件\n全年主动公开信息1234条，其中文件12件\n",
            "2023年，我局，共，发布\n",
            "联系电话，0571-12345678\n",
            "行政许可，0\n",
            "（一）主动公开情况，12\n",
        ] {
            assert_eq!(pasted(src), src);
        }
    }

    #[test]
    fn a_table_with_enumeration_commas_between_cells_keeps_its_item_numbers() {
        // `、` between cells, and closing item numbers (`一、`, `3、`) inside labels.
        let src = "三、收到和处理政府信息公开申请情况\n\
            自然人、法人或其他组织、总计\n\
            一、本年新收政府信息公开申请数量、25、0、25\n\
            （四）无法提供、3、补正后申请内容仍不明确、1、0、1\n\
            四、结转下年度继续办理、1、、1\n\
            信息内容、本年制发件数、本年废止件数、现行有效件数\n\
            规章、0、0、11\n\
            我局加强组织领导、完善制度、强化监督\n";
        assert_eq!(
            pasted(src),
            "三、收到和处理政府信息公开申请情况\n\
            自然人\t法人或其他组织\t总计\n\
            一、本年新收政府信息公开申请数量\t25\t0\t25\n\
            （四）无法提供\t3、补正后申请内容仍不明确\t1\t0\t1\n\
            四、结转下年度继续办理\t1\t\t1\n\
            信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
            规章\t0\t0\t11\n\
            我局加强组织领导、完善制度、强化监督\n"
        );
    }

    #[test]
    fn a_row_as_wide_as_its_neighbours_keeps_its_commas_as_delimiters() {
        // A zero opens no thousands ("0,103"); a row as wide as the row before it is read as
        // printed where the rows around tie.
        assert_eq!(
            pasted(",（六）其他处理,,,,\n,（七）总计,767,2,1,805\n四、结转下年度继续办理,0,103,0,103\n"),
            "\t（六）其他处理\t\t\t\t\n\t（七）总计\t767\t2\t1\t805\n四、结转下年度继续办理\t0\t103\t0\t103\n"
        );
    }
}
