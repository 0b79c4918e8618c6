//! Table 三's columns as its header names them, where the header is printed as rows of cells
//! (tabs, pipes, a web page's table): which applicant column each printed column is, a first
//! column that numbers the rows (序号), and a last column of remarks (备注).
//!
//! A table's figures are otherwise read by position, in the template's column order. An agency
//! that prints its columns in another order (总计 first, 科研机构 before 商业企业) would have
//! every figure read into the wrong column, and silently: a permutation keeps every sum. Only
//! header rows whose cells are separated are read: within such a line the cells are in their
//! printed order, while a header copied one cell per line (or from a PDF, in drawing order) does
//! not say which cell stands over which, and is left to the positional reading.

use std::ops::Range;

use super::cells::{CellKind, CellTok};
use super::text::compact_str;
use crate::ingest::normalize::is_han;
use crate::model::template;

/// The order of table 三's applicant columns that its header gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderOrder {
    /// The template's order, or no order read (the header is not printed as rows of cells, or
    /// names too few columns): the figures are read by position.
    Template,
    /// Printed column k is the template's column `order[k]` (indices into `REQUEST_COLUMNS`).
    Permuted(Vec<usize>),
    /// The header names every column but one, each once, in the template's order (an agency's
    /// form without 其他 or without 总计): the missing column (index into `REQUEST_COLUMNS`).
    Missing(usize),
    /// The header names only some columns, in the template's order, with no organisations'
    /// row below (`自然人 | 法人或其他组织 | 总计`): printed column k is the template's column
    /// `only[k]`, or None for the organisations' group, whose figure (their sum) no key holds.
    Only(Vec<Option<usize>>),
    /// The header names columns out of the template's order but not all of them, or two
    /// readings disagree: no figure can be placed. The reason, for the warning.
    Conflict(String),
}

/// A header cell: one of the applicant columns, the organisations' group, or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Column(usize),
    Group,
}

fn cell_of(field: &str) -> Option<Cell> {
    let c = compact_str(field);
    if template::REQUEST_ORG_GROUP.contains(&c.as_str()) {
        return Some(Cell::Group);
    }
    template::REQUEST_COLUMN_NAMES
        .iter()
        .position(|names| names.contains(&c.as_str()))
        .map(Cell::Column)
}

/// The fields of a line printed as a row of cells (split by tabs or pipes, a leading and a
/// trailing border dropped), or None for a line of text.
fn fields(line: &str) -> Option<Vec<&str>> {
    if !line.contains(['\t', '|']) {
        return None;
    }
    let mut f: Vec<&str> = line.split(['\t', '|']).collect();
    if line.trim_start().starts_with('|') && f.first().is_some_and(|x| x.trim().is_empty()) {
        f.remove(0);
    }
    if line.trim_end().ends_with('|') && f.last().is_some_and(|x| x.trim().is_empty()) {
        f.pop();
    }
    Some(f)
}

/// The header's rows of cells that name at least two columns (or the group): each its named
/// cells in printed order.
fn header_rows(header: &str) -> Vec<Vec<Cell>> {
    header
        .lines()
        .filter_map(fields)
        .map(|f| f.into_iter().filter_map(cell_of).collect::<Vec<_>>())
        .filter(|r| r.len() >= 2)
        .collect()
}

fn columns_of(row: &[Cell]) -> Vec<usize> {
    row.iter()
        .filter_map(|c| match c {
            Cell::Column(i) => Some(*i),
            Cell::Group => None,
        })
        .collect()
}

/// Each applicant column exactly once.
fn complete(order: &[usize]) -> bool {
    let n = template::REQUEST_COLUMNS.len();
    let mut seen = vec![false; n];
    order.len() == n
        && order
            .iter()
            .all(|&i| !std::mem::replace(&mut seen[i], true))
}

/// The order a group row and the row of organisations below it give: the group's cell stands
/// over the five organisations (a merged cell), so they take its place among the columns beside
/// it. Columns printed beside the organisations on their own row go before or after them; a
/// side named on both rows leaves their mutual order unknown (None).
fn two_row_order(top: &[Cell], orgs_row: &[Cell]) -> Option<Vec<usize>> {
    if top.iter().filter(|c| **c == Cell::Group).count() != 1 {
        return None;
    }
    let is_org = |i: usize| template::REQUEST_ORG_COLUMNS.contains(&i);
    let g = top.iter().position(|c| *c == Cell::Group)?;
    let (top_before, top_after) = (columns_of(&top[..g]), columns_of(&top[g + 1..]));
    if top_before.iter().chain(&top_after).any(|&i| is_org(i)) {
        return None;
    }
    let below = columns_of(orgs_row);
    let first = below.iter().position(|&i| is_org(i))?;
    let last = below.iter().rposition(|&i| is_org(i))?;
    let orgs = &below[first..=last];
    if orgs.len() != template::REQUEST_ORG_COLUMNS.len() || !orgs.iter().all(|&i| is_org(i)) {
        return None;
    }
    let (below_before, below_after) = (&below[..first], &below[last + 1..]);
    if (!top_before.is_empty() && !below_before.is_empty())
        || (!top_after.is_empty() && !below_after.is_empty())
    {
        return None;
    }
    let order: Vec<usize> = top_before
        .iter()
        .chain(below_before)
        .chain(orgs)
        .chain(&top_after)
        .chain(below_after)
        .copied()
        .collect();
    complete(&order).then_some(order)
}

/// The order of table 三's applicant columns that the header `header` (the table's text above
/// its first figures) prints: from a row of cells naming all seven, or from a row naming
/// 自然人, 法人或其他组织 and 总计 above a row naming the five organisations.
pub fn request_header_order(header: &str) -> HeaderOrder {
    let rows = header_rows(header);
    let mut orders: Vec<Vec<usize>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cols = columns_of(row);
        if complete(&cols) {
            orders.push(cols);
            continue;
        }
        // The organisations' row is the next row that names any of them.
        let below = rows[i + 1..].iter().find(|r| {
            columns_of(r)
                .iter()
                .any(|c| template::REQUEST_ORG_COLUMNS.contains(c))
        });
        if let Some(order) = below.and_then(|b| two_row_order(row, b)) {
            orders.push(order);
        }
    }
    let names = |o: &[usize]| {
        o.iter()
            .map(|&i| template::REQUEST_COLUMNS[i].label)
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let Some(first) = orders.first() {
        if let Some(other) = orders.iter().find(|o| *o != first) {
            return HeaderOrder::Conflict(format!(
                "its header gives two column orders ({} / {})",
                names(first),
                names(other)
            ));
        }
        return if first.windows(2).all(|w| w[0] < w[1]) {
            HeaderOrder::Template
        } else {
            HeaderOrder::Permuted(first.clone())
        };
    }
    // No complete reading: a row naming all columns but one, in the template's order, says
    // which one the table does not have.
    let n = template::REQUEST_COLUMNS.len();
    if let Some(missing) = rows.iter().find_map(|r| {
        let c = columns_of(r);
        (c.len() == n - 1 && c.windows(2).all(|w| w[0] < w[1]))
            .then(|| (0..n).find(|&i| c.get(i) != Some(&i)))
            .flatten()
    }) {
        return HeaderOrder::Missing(missing);
    }
    if let Some(only) = only_columns(header, &rows) {
        return HeaderOrder::Only(only);
    }
    // A row that names columns out of the template's order still says the figures are not in
    // it.
    if let Some(row) = rows.iter().find(|r| {
        let c = columns_of(r);
        c.windows(2).any(|w| w[0] >= w[1])
    }) {
        return HeaderOrder::Conflict(format!(
            "its header names columns out of the template's order ({}) but not where all of them are",
            names(&columns_of(row))
        ));
    }
    HeaderOrder::Template
}

/// The columns a header prints when it names fewer than the template's: one row of cells
/// naming two to five of them, each once (the organisations' group counting as one), nothing
/// else in the header naming an organisation, the group (if named) with none of its
/// organisations beside it. None for anything else.
fn only_columns(header: &str, rows: &[Vec<Cell>]) -> Option<Vec<Option<usize>>> {
    let [row] = rows else { return None };
    if !(2..=5).contains(&row.len()) {
        return None;
    }
    let is_org = |i: usize| template::REQUEST_ORG_COLUMNS.contains(&i);
    let groups = row.iter().filter(|c| **c == Cell::Group).count();
    let cols = columns_of(row);
    if groups > 1 || (groups == 1 && cols.iter().any(|&i| is_org(i))) {
        return None;
    }
    // Each named once (in any order: each figure goes to the column named over it).
    if cols.iter().enumerate().any(|(i, c)| cols[..i].contains(c)) {
        return None;
    }
    // No organisation named on another line of the header (a row of them below that was not
    // read whole).
    let orgs_elsewhere = header
        .lines()
        .filter_map(fields)
        .flat_map(|f| f.into_iter().filter_map(cell_of).collect::<Vec<_>>())
        .filter(|c| matches!(c, Cell::Column(i) if is_org(*i)))
        .count();
    if orgs_elsewhere != cols.iter().filter(|&&i| is_org(i)).count() {
        return None;
    }
    Some(
        row.iter()
            .map(|c| match c {
                Cell::Column(i) => Some(*i),
                Cell::Group => None,
            })
            .collect(),
    )
}

/// Does the header end in a column of remarks (备注): the last named cell of one of its rows?
pub fn has_remarks_column(header: &str) -> bool {
    header.lines().filter_map(fields).any(|f| {
        let named: Vec<String> = f
            .iter()
            .map(|x| compact_str(x))
            .filter(|x| !x.is_empty())
            .collect();
        named.len() >= 2
            && named
                .last()
                .is_some_and(|x| template::REMARKS_COLUMN_NAMES.contains(&x.as_str()))
    })
}

/// Does the header name a column of the organisations' subtotals (小计, or 合计 beside 总计)?
pub fn names_subtotal(header: &str) -> bool {
    let c = compact_str(header);
    template::REQUEST_SUBTOTAL_NAMES
        .iter()
        .any(|n| c.contains(n))
        || (c.contains("合计") && c.contains("总计"))
}

/// A first column numbering a table's rows, printed as a row of cells before each row's label:
/// the byte ranges of its cells (the 序号 header and each row's number).
fn index_column(text: &str, region: Range<usize>) -> Vec<Range<usize>> {
    let mut header: Vec<Range<usize>> = Vec::new();
    let mut numbers: Vec<(u32, Range<usize>)> = Vec::new();
    for (off, line) in super::text::split_lines(&text[region.clone()]) {
        let Some(f) = fields(line) else { continue };
        let Some(first) = f.first() else { continue };
        // The first field's place in the line (after a leading border).
        let start = region.start + off + (first.as_ptr() as usize - line.as_ptr() as usize);
        let range = start..start + first.len();
        let word = compact_str(first);
        let labelled = f[1..].iter().any(|x| x.chars().any(is_han));
        if template::INDEX_COLUMN_NAMES.contains(&word.as_str()) && f.len() > 1 {
            header.push(range);
        } else if labelled
            && !word.is_empty()
            && word.len() <= 3
            && word.bytes().all(|b| b.is_ascii_digit())
        {
            numbers.push((word.parse().unwrap_or(0), range));
        }
    }
    // Numbered 1, 2, 3… down every numbered row: nothing else numbers rows so (item numbers
    // printed in a cell of their own start again at each group).
    let counts_rows = numbers.len() >= 5
        && numbers
            .iter()
            .enumerate()
            .all(|(i, (n, _))| *n as usize == i + 1);
    if (header.is_empty() || numbers.len() < 3) && !counts_rows {
        return Vec::new();
    }
    header
        .into_iter()
        .chain(numbers.into_iter().map(|(_, r)| r))
        .collect()
}

/// Table 三 without a first column numbering its rows (序号): its cells blanked in a copy of
/// the text, byte for byte (every offset still holds). Unchanged (None) when it has none.
pub fn without_index_column(text: &str, region: Range<usize>) -> Option<String> {
    let cells = index_column(text, region);
    if cells.is_empty() {
        return None;
    }
    let mut out = text.to_string();
    for r in cells {
        out.replace_range(r.clone(), &" ".repeat(r.len()));
    }
    Some(out)
}

/// Where a row's `n` cells are among its tokens: blank fields at its ends (the label column left
/// empty under a merged label, a trailing tab) dropped while there are more than `n`, as the
/// row is read. None for a row with a run of figures in one token (its cells are not yet told
/// apart) or with too few cells.
fn cells_at(items: &[CellTok], n: usize) -> Option<Range<usize>> {
    if items.iter().any(|t| matches!(t.kind, CellKind::Blob(_))) {
        return None;
    }
    let blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
    let (mut lo, mut hi) = (0, items.len());
    while hi - lo > n && blank(&items[lo]) {
        lo += 1;
    }
    while hi - lo > n && blank(&items[hi - 1]) {
        hi -= 1;
    }
    (hi - lo == n).then_some(lo..hi)
}

/// Puts each row's cells in the template's order: printed cell k is column `order[k]`. A row
/// whose cells cannot be told apart (a run of figures, more or fewer cells than columns) would
/// be read by position, which the header says is wrong: it is emptied. The count of rows
/// emptied.
pub fn reorder_rows(rows: &mut [&mut Vec<CellTok>], order: &[usize]) -> usize {
    let mut left_out = 0;
    let blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
    for items in rows.iter_mut() {
        // Blank fields dropped at one end while a blank cell is left at an end: which of them
        // were the label's columns or a trailing tab, and which a blank cell, only the order
        // of the template told; in another order it is not known.
        let at = cells_at(items, order.len()).filter(|at| {
            (at.start == 0 && at.end == items.len())
                || !(blank(&items[at.start]) || blank(&items[at.end - 1]))
        });
        match at {
            Some(at) => {
                let printed: Vec<CellTok> = items[at.clone()].to_vec();
                for (k, cell) in printed.into_iter().enumerate() {
                    items[at.start + order[k]] = cell;
                }
            }
            None if items.iter().all(|t| matches!(t.kind, CellKind::Blank)) => {}
            None => {
                items.clear();
                left_out += 1;
            }
        }
    }
    left_out
}

/// What [`drop_remarks`] did: rows whose remark was dropped, rows left out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Remarks {
    pub dropped: usize,
    pub left_out: usize,
}

/// Under a header ending in 备注, a row that prints one cell more than the table's `width`
/// figure columns, the last a figure that ends its line, holds a remark ("2"), not a cell: it is
/// dropped (an empty remark too: it is no blank cell). Where the row's first cell is blank, that blank may be the label's column or a blank
/// first figure: then which cells the figures are is not known, and a row ending in such a
/// figure is left out (emptied) rather than read one column off.
pub fn drop_remarks(text: &str, rows: &mut [&mut Vec<CellTok>], width: usize) -> Remarks {
    let mut out = Remarks::default();
    let ends_line = |t: &CellTok| {
        let rest = &text[t.range.end..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        line.chars().all(|c| c.is_whitespace() || c == '|')
    };
    for items in rows.iter_mut() {
        let Some(at) = cells_at(items, width + 1) else {
            continue;
        };
        let last = &items[at.end - 1];
        if !ends_line(last) {
            continue;
        }
        if matches!(last.kind, CellKind::Blank) {
            // The remark's own empty field, not a blank cell of the table.
            items.remove(at.end - 1);
        } else if matches!(items[at.start].kind, CellKind::Blank) {
            items.clear();
            out.left_out += 1;
        } else {
            items.remove(at.end - 1);
            out.dropped += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE_HEADER: &str = "(本列数据的勾稽关系为)\t\t\t申请人情况\t\t\t\t\t\t\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n";

    #[test]
    fn the_template_header_reads_as_the_template() {
        assert_eq!(request_header_order(TEMPLATE_HEADER), HeaderOrder::Template);
    }

    #[test]
    fn a_total_printed_first_is_read_first() {
        // A web page's header: merged cells printed once each, in order.
        let h = "勾稽\t申请人情况\n总计\t自然人\t法人或其他组织\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
        assert_eq!(
            request_header_order(h),
            HeaderOrder::Permuted(vec![6, 0, 1, 2, 3, 4, 5])
        );
    }

    #[test]
    fn organisations_swapped_are_read_swapped() {
        let h = TEMPLATE_HEADER.replace("商业企业\t科研机构", "科研机构\t商业企业");
        assert_eq!(
            request_header_order(&h),
            HeaderOrder::Permuted(vec![0, 2, 1, 3, 4, 5, 6])
        );
    }

    #[test]
    fn abbreviated_names_and_a_flat_row_are_read() {
        let h = "| 总计 | 自然人 | 商业 | 科研 | 社会公益 | 法律服务 | 其它 |\n";
        assert_eq!(
            request_header_order(h),
            HeaderOrder::Permuted(vec![6, 0, 1, 2, 3, 4, 5])
        );
        let h = "| 自然人 | 商业 | 科研 | 社会公益 | 法律服务 | 其它 | 合计 |\n";
        assert_eq!(request_header_order(h), HeaderOrder::Template);
    }

    #[test]
    fn a_header_one_cell_per_line_is_left_to_position() {
        // A PDF's drawing order puts the group above 自然人: no row of cells, no order.
        let h = "申请人情况\n法人或其他组织\n自然人\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n";
        assert_eq!(request_header_order(h), HeaderOrder::Template);
    }

    #[test]
    fn a_header_without_one_column_names_the_missing_one() {
        let h = "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t总计";
        assert_eq!(request_header_order(h), HeaderOrder::Missing(5));
        let h =
            "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |";
        assert_eq!(request_header_order(h), HeaderOrder::Missing(6));
        // Out of order and short: still a conflict.
        let h = "申请人情况\t总计\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构";
        assert!(matches!(request_header_order(h), HeaderOrder::Conflict(_)));
    }

    #[test]
    fn a_header_of_fewer_columns_names_them() {
        let h = "勾稽\t申请人情况\n\t自然人\t法人或其他组织\t总计\n";
        assert_eq!(
            request_header_order(h),
            HeaderOrder::Only(vec![Some(0), None, Some(6)])
        );
        let h = "| 勾稽 | 申请人情况 |\n| | 自然人 | 总计 |\n";
        assert_eq!(
            request_header_order(h),
            HeaderOrder::Only(vec![Some(0), Some(6)])
        );
        // In another order: each under its name.
        let h = "\t法人或其他组织\t自然人\t总计\n";
        assert_eq!(
            request_header_order(h),
            HeaderOrder::Only(vec![None, Some(0), Some(6)])
        );
        // The organisations named on a line of their own, not read whole: not known.
        let h = "\t自然人\t法人或其他组织\t总计\n\t商业\t科研机构\t公益\n";
        assert_eq!(request_header_order(h), HeaderOrder::Template);
    }

    #[test]
    fn a_header_out_of_order_but_incomplete_is_a_conflict() {
        let h = "\t总计\t自然人\n商业企业\t科研机构\n";
        assert!(matches!(request_header_order(h), HeaderOrder::Conflict(_)));
    }

    #[test]
    fn sides_named_on_both_rows_are_not_guessed() {
        // 自然人 before the group and 总计 before the organisations: which of them comes first
        // is not printed, and 总计 before 商业企业 is not the template's order either: no
        // figure is placed by position.
        let h =
            "自然人\t法人或其他组织\n总计\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
        assert!(matches!(request_header_order(h), HeaderOrder::Conflict(_)));
    }

    #[test]
    fn a_remarks_column_and_a_subtotal_are_named() {
        assert!(has_remarks_column("勾稽\t\t申请人情况\t\t备注\n"));
        assert!(!has_remarks_column("勾稽\t\t申请人情况\t\t总计\n"));
        assert!(!has_remarks_column("备注\n"));
        assert!(names_subtotal("商业企业\t小计\t总计"));
        assert!(names_subtotal("商业企业\t合计\t总计"));
        assert!(!names_subtotal("商业企业\t其他\t合计"));
    }

    #[test]
    fn a_numbering_column_is_blanked_in_place() {
        let mut t = String::from("序号\t勾稽\t申请人情况\n");
        for (i, l) in [
            "一、本年新收",
            "二、上年结转",
            "(一)予以公开",
            "(二)部分公开",
        ]
        .iter()
        .enumerate()
        {
            t.push_str(&format!("{}\t{l}\t\t1\t0\t0\t0\t0\t0\t1\n", i + 1));
        }
        let out = without_index_column(&t, 0..t.len()).unwrap();
        assert_eq!(out.len(), t.len());
        assert!(out.starts_with("      \t勾稽"));
        assert!(out.contains("\n \t二、上年结转"));
    }

    #[test]
    fn numbers_that_restart_are_item_numbers_not_an_index() {
        let mut t = String::new();
        for g in [8, 3, 5] {
            for i in 1..=g {
                t.push_str(&format!("{i}\t某项\t0\t0\t0\t0\t0\t0\t0\n"));
            }
        }
        assert_eq!(without_index_column(&t, 0..t.len()), None);
        // Numbered 1… down the rows without a header: an index.
        let t: String = (1..=6)
            .map(|i| format!("{i}\t某项\t0\t0\t0\t0\t0\t0\t0\n"))
            .collect();
        assert!(without_index_column(&t, 0..t.len()).is_some());
    }
}
