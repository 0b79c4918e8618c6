//! Columns of table 三 that the template does not have, which an agency adds after its figures
//! or between them: the organisations' subtotal (小计), and a 合计 repeating the 总计. Found by
//! the sums they hold, so that they are left out before the cells are read by position.

use super::{figure_cells, CellKind, Stream};
use crate::ingest::normalize::is_han;
use crate::model::template::{self, RowDef};
use crate::parse::text::{compact_str, without_whitespace};

/// Where in table 三's rows a column the template does not have sits: the organisations'
/// subtotal (小计), printed after 其他 or before 商业企业 by some agencies. Every row printed
/// with eight single-figure cells (blank cells around them aside; with or without a label)
/// must hold, at that place, the
/// sum of the five organisation cells it leaves (blank cells count 0); at least three such
/// rows, and none wider. Where every organisation cell is 0 every column of 0s holds that sum
/// (a column numbering the rows 1, 2, 3… among them, or a shifted row): then only a header that
/// names the subtotal (`named`) tells.
pub(super) fn subtotal_column(stream: &Stream, named: bool) -> Option<usize> {
    let rows = eight_figure_rows(stream)?;
    if rows.len() < 3 {
        return None;
    }
    // 自然人, then the subtotal before or after the five organisations, then 总计.
    let orgs = |r: &[f64], k: usize| -> f64 { (1..7).filter(|&i| i != k).map(|i| r[i]).sum() };
    [6, 1].into_iter().find(|&k| {
        rows.iter().all(|r| (r[k] - orgs(r, k)).abs() < 1e-9)
            && (named || rows.iter().any(|r| orgs(r, k) != 0.0))
    })
}

/// Table 三 with a column after 总计 that repeats it (a 合计 the agency added): in every row of
/// eight figure cells (at least three, none wider), the last two are equal and are the sum of
/// the six before them, and some row is not all 0 (where all are 0 nothing tells the columns
/// apart).
pub(super) fn repeated_total_column(stream: &Stream) -> bool {
    let Some(rows) = eight_figure_rows(stream) else {
        return false;
    };
    rows.len() >= 3
        && rows.iter().all(|f| {
            let sum: f64 = f[..6].iter().sum();
            f[7] == f[6] && (f[6] - sum).abs() <= 1e-9
        })
        && rows.iter().any(|f| f[6] != 0.0)
}

/// The figures of table 三's rows printed with eight figure cells (blank and n/a cells count 0;
/// rows with a cell that is no figure, or fewer cells, left aside); `None` when a row has more.
fn eight_figure_rows(stream: &Stream) -> Option<Vec<Vec<f64>>> {
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let printed = stream.accs.iter().map(|a| &a.items);
    for items in printed.chain(stream.orphans.iter().map(|(_, o)| o)) {
        let core = figure_cells(items);
        let figures: Option<Vec<f64>> = items[core]
            .iter()
            .map(|t| match &t.kind {
                CellKind::Fixed(v) => Some(*v),
                CellKind::Blank | CellKind::Na => Some(0.0),
                CellKind::Blob(_) => None,
            })
            .collect();
        match figures {
            Some(f) if f.len() == 8 => rows.push(f),
            Some(f) if f.len() > 8 => return None,
            _ => {}
        }
    }
    Some(rows)
}

/// A header cell as it is compared: compact, without white space, `：` as `:`.
fn header_compact(s: &str) -> String {
    without_whitespace(&compact_str(s)).replace('：', ":")
}

/// Table 二's header words of both templates, as [`header_compact`] gives them, with every
/// column label of every row of both templates (so that which lines are headers does not
/// depend on the row being read, and is told once per table: see [`HeaderLines`]).
static KNOWN_HEADER_WORDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let labels = [crate::model::Template::Y2019, crate::model::Template::Y2021]
        .into_iter()
        .flat_map(template::disclosure_rows)
        .flat_map(|def| def.columns.iter().map(|c| c.label));
    let mut words: Vec<String> = (template::DISCLOSURE_HEADER_WORDS.iter().copied())
        .chain(template::DISCLOSURE_HEADERS_2021.iter().copied())
        .chain(template::DISCLOSURE_HEADERS_2019.iter().copied())
        .chain(labels)
        .map(header_compact)
        .collect();
    words.sort();
    words.dedup();
    words
});

/// Whether each line of a table's text is a header line (no figure cell, some cell naming a
/// column or an extra column), remembered by the line's place in the text. Every row of table
/// 二 looks back over the lines above it for its header: without this a long table read the
/// same lines once per row, each cut into cells and compared with every header word.
#[derive(Default)]
pub(super) struct HeaderLines {
    seen: std::collections::HashMap<(usize, usize), bool>,
}

impl HeaderLines {
    fn is_header(&mut self, line: &str) -> bool {
        let key = (line.as_ptr() as usize, line.len());
        *self.seen.entry(key).or_insert_with(|| header_line(line))
    }
}

/// A header cell that names a column the template does not have (上年…, 同比…).
fn is_extra(c: &str) -> bool {
    template::DISCLOSURE_EXTRA_COLUMN_MARKS
        .iter()
        .any(|m| c.contains(m))
        && !KNOWN_HEADER_WORDS.iter().any(|k| k == c)
}

/// A line's cells as header cells: cut at tabs, pipes and wide gaps, compacted, none empty.
fn header_cells(line: &str) -> Vec<String> {
    line.split(['\t', '|'])
        .flat_map(|piece| piece.split("  "))
        .map(header_compact)
        .filter(|c| !c.is_empty())
        .collect()
}

/// A line of a header: some cell names a column (or an extra column), none is a figure.
fn header_line(line: &str) -> bool {
    // Every header word and column mark has a Han character: a line without one (a row's
    // figures, printed one to a line) is no header, told without reading its cells.
    if !line.chars().any(is_han) {
        return false;
    }
    let cells = header_cells(line);
    !cells.is_empty()
        && !cells.iter().any(|c| c.parse::<f64>().is_ok())
        && cells
            .iter()
            .any(|c| KNOWN_HEADER_WORDS.iter().any(|k| c.contains(k.as_str())) || is_extra(c))
}

/// Table 二's columns as the header over a row names them, where that is not the template's:
/// columns the template does not have (last year's figures, `上年处理决定数量`, or the change
/// against them, `同比增减`, printed beside this year's by some agencies) and the template's
/// columns in another order (现行有效件数 first). `before` is the table's text up to the row's
/// label; its last header (the lines around the last line naming a column, none holding a
/// figure) is read cell by cell (tabs, pipes, lines, wide gaps). Returns, per printed cell, the
/// template column it is (None: a column the template does not have) and the names of those
/// extra columns; only when every other header cell names exactly one of the row's template
/// columns, each once. None when the header is the template's or cannot be read so (the row is
/// then read by position, as before).
pub(super) fn disclosure_header_columns(
    before: &str,
    def: &RowDef,
    headers: &mut HeaderLines,
) -> Option<(Vec<Option<usize>>, Vec<String>)> {
    let mut header_line = |line: &str| headers.is_header(line);
    // Read from the end of `before` (the report up to this row): the header is near, and
    // collecting every line of the report again for each row was a third of this function.
    let mut from_end = before.lines().rev();
    // The lines after the last header line, nearest last.
    let mut after: Vec<&str> = Vec::new();
    let last = loop {
        let l = from_end.next()?;
        if header_line(l) {
            break l;
        }
        after.push(l);
    };
    let blank = |l: &str| l.trim().is_empty();
    // The header block: the header and blank lines around the last header line, in order.
    let mut block: Vec<&str> = Vec::new();
    for l in from_end {
        if !(header_line(l) || blank(l)) {
            break;
        }
        block.push(l);
    }
    block.reverse();
    block.push(last);
    for &l in after.iter().rev() {
        if !(header_line(l) || blank(l)) {
            break;
        }
        block.push(l);
    }
    let cells: Vec<String> = block
        .iter()
        .flat_map(|l| header_cells(l))
        .filter(|c| !template::DISCLOSURE_CONTENT_HEADERS.contains(&c.as_str()))
        .collect();
    // A template column named by a header cell: its label holds the cell or the cell holds it
    // (制发件数 under 本年制发件数), the unit left aside; exactly one column.
    let column_of = |c: &str| column_named(def, c);
    let mut names = Vec::new();
    let mut columns: Vec<Option<usize>> = Vec::with_capacity(cells.len());
    for c in &cells {
        if is_extra(c) {
            names.push(c.clone());
            columns.push(None);
        } else {
            columns.push(Some(column_of(c)?));
        }
    }
    let named: Vec<usize> = columns.iter().flatten().copied().collect();
    let each_once =
        named.len() == def.columns.len() && (0..def.columns.len()).all(|j| named.contains(&j));
    let as_template = names.is_empty() && named.iter().enumerate().all(|(i, &j)| i == j);
    (each_once && !as_template).then_some((columns, names))
}

/// Table 四 printed with columns the template does not have around its 15 figures: a 序号
/// column before them (the header opens with 序号 or 编号, the row with its number, a whole
/// number) and an overall 合计 after them (the header names more totals, 总计/合计/小计, than
/// the three groups' own). How many cells to leave out at the start and at the end, when they
/// are all single figures and those columns account for every one beyond 15; None otherwise.
/// Cost: one pass over the header's compact text, once per report.
pub(super) fn review_extra_columns(
    header: &str,
    items: &[super::CellTok],
) -> Option<(usize, usize)> {
    if items.len() <= 15 || items.len() > 17 {
        return None;
    }
    let compact = without_whitespace(&compact_str(header));
    let numbered = ["序号", "编号"].iter().any(|w| {
        compact
            .trim_start_matches(|c: char| !is_han(c))
            .starts_with(w)
    });
    let lead = usize::from(
        numbered && matches!(items[0].kind, CellKind::Fixed(v) if v >= 0.0 && v.fract() == 0.0),
    );
    let totals = ["总计", "合计", "小计"]
        .iter()
        .map(|w| compact.matches(w).count())
        .sum::<usize>();
    let trail = usize::from(totals >= 4);
    let single = items
        .iter()
        .all(|c| matches!(c.kind, CellKind::Fixed(_) | CellKind::Blank | CellKind::Na));
    (single && lead + trail > 0 && items.len() == 15 + lead + trail).then_some((lead, trail))
}

/// The one column of `def` a header cell (compacted) names: its label holds the cell or the
/// cell holds it, the unit left aside; None for none or several.
fn column_named(def: &RowDef, cell: &str) -> Option<usize> {
    let c = without_unit(cell.to_string());
    if c.is_empty() {
        return None;
    }
    let mut hits = def.columns.iter().enumerate().filter(|(_, col)| {
        let label = compact_label(col.label);
        label.contains(&c) || c.contains(&*label)
    });
    let (j, _) = hits.next()?;
    hits.next().is_none().then_some(j)
}

/// A compacted header cell without the unit it may name (`(万元)`).
fn without_unit(s: String) -> String {
    if s.contains('(') {
        s.replace("(单位:万元)", "").replace("(万元)", "")
    } else {
        s
    }
}

/// A column label of the template as [`column_named`] compares it: compacted, without its
/// unit. Computed once per label (this is asked for every header cell of table 二's rows).
fn compact_label(label: &'static str) -> std::borrow::Cow<'static, str> {
    static COMPACT: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, String>> =
        std::sync::LazyLock::new(|| {
            [crate::model::Template::Y2019, crate::model::Template::Y2021]
                .into_iter()
                .flat_map(template::disclosure_rows)
                .flat_map(|def| def.columns.iter().map(|c| c.label))
                .map(|l| (l, without_unit(header_compact(l))))
                .collect()
        });
    match COMPACT.get(label) {
        Some(c) => std::borrow::Cow::Borrowed(c.as_str()),
        None => std::borrow::Cow::Owned(without_unit(header_compact(label))),
    }
}

/// A row of table 二 split by tabs or pipes with more cells than its columns (blank ones at
/// both ends: `行政事业性收费\t\t1\t`), read field by field under its header line: where the
/// header line above it has as many fields as the row's line, each of the row's fields is the
/// cell of the column its header field names, and a field under an empty header field is no
/// cell (a column the row's merged cells leave, a tab that ends every line). Without this the
/// blank cells at the ends were trimmed from the front first: the figure of 本年增/减 was read
/// as 上一年项目数量's. `cells` are the row's cells after its label, `line` its line and `line_at`
/// the line's offset in `text`; None unless every column is named once and every cell is a
/// field of the line.
pub(super) fn disclosure_fields(
    text: &str,
    before: &str,
    line_at: usize,
    def: &RowDef,
    cells: &[super::CellTok],
) -> Option<Vec<super::CellTok>> {
    let line_end = text[line_at..]
        .find('\n')
        .map_or(text.len(), |i| line_at + i);
    let line = &text[line_at..line_end];
    let sep = crate::parse::fields::field_separator(line)?;
    let fields: Vec<std::ops::Range<usize>> = crate::parse::fields::split_fields(line, line_at)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let names = |field: &str| column_named(def, &header_compact(field));
    // The nearest line above split the same way that names one of the row's columns.
    let header = before.lines().rev().take(8).find(|l| {
        crate::parse::fields::field_separator(l) == Some(sep)
            && l.split(sep as char).any(|f| names(f).is_some())
    })?;
    let head: Vec<&str> = crate::parse::fields::split_fields(header, 0)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    if head.len() != fields.len() {
        return None;
    }
    // Each cell is one field of the line, in order, after the label's.
    let field_of = |c: &super::CellTok| {
        fields
            .iter()
            .position(|f| f.start <= c.range.start && c.range.end <= f.end)
    };
    let at: Vec<usize> = cells.iter().map(field_of).collect::<Option<_>>()?;
    if at.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let mut out: Vec<Option<super::CellTok>> = vec![None; def.columns.len()];
    for (c, &k) in cells.iter().zip(&at) {
        match names(head[k]) {
            Some(j) if out[j].is_none() => out[j] = Some(c.clone()),
            Some(_) => return None,
            // Under no column: it must hold nothing.
            None if matches!(c.kind, CellKind::Blank) => {}
            None => return None,
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `header_line` passes over a line without a Han character unread: that holds only while
    /// every header word has one.
    #[test]
    fn every_header_word_has_a_han_character() {
        for w in KNOWN_HEADER_WORDS.iter() {
            assert!(w.chars().any(is_han), "{w}");
        }
        for m in template::DISCLOSURE_EXTRA_COLUMN_MARKS {
            assert!(m.chars().any(is_han), "{m}");
        }
    }

    /// A line is a header or not whatever row is read under it, and the memo answers as the
    /// rule does.
    #[test]
    fn header_lines_are_told_once_and_alike() {
        let text = "信息内容\t本年制发件数\t上年制发件数\t现行有效件数\n规章\t3\t2\t10\n行政规范性文件\t1\t0\t5\n";
        let mut memo = HeaderLines::default();
        let flags: Vec<bool> = text.lines().map(|l| memo.is_header(l)).collect();
        assert_eq!(flags, [true, false, false]);
        assert_eq!(memo.seen.len(), 3);
        let again: Vec<bool> = text.lines().map(|l| memo.is_header(l)).collect();
        assert_eq!(again, flags);
        assert_eq!(memo.seen.len(), 3);
    }
}
