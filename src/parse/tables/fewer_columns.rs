//! Table 三 printed with fewer applicant columns than the template's: only 自然人 /
//! 法人或其他组织 / 总计 (the organisations not split out), or 自然人 / 总计. Each printed figure
//! is read into the column its header names; the organisations' sum has no key of its own and
//! is left out, and the columns not printed are absent from the table (not blank: a blank is
//! read as 0 by the checks, and no one printed these 0). Only rows of exactly the header's
//! cells are read so; a row of the template's seven under such a header is the header's
//! misreading, and then nothing is changed.

use super::super::cells::{CellKind, CellTok};
use crate::model::template::{self, REQUEST_COLUMNS};
use crate::model::Table;

/// The rows (each a row's cells, in printed order) spread to the template's seven columns by
/// `only` (printed column k is `only[k]`; None: the organisations' sum), a blank in each
/// column not printed; rows of any other width emptied. The keys of the columns not printed,
/// to take out of the table once read, and the count of rows emptied; None (nothing changed)
/// where a row prints the template's seven cells or cells run together.
pub(super) fn spread(
    rows: &mut [&mut Vec<CellTok>],
    only: &[Option<usize>],
) -> Option<(Vec<&'static str>, usize)> {
    let n = REQUEST_COLUMNS.len();
    let k = only.len();
    if rows.iter().any(|r| {
        let core = r.len() - leading_blanks(r);
        core == n || core == n + 1 || r.iter().any(|c| matches!(c.kind, CellKind::Blob(_)))
    }) {
        return None;
    }
    let mut read = 0;
    let mut left_out = 0;
    for items in rows.iter_mut() {
        let Some(from) = printed_cells(items, k) else {
            left_out += usize::from(!items.is_empty());
            items.clear();
            continue;
        };
        items.drain(..from);
        read += 1;
        let at = items.last().map_or(0, |c| c.range.end);
        let spread: Vec<CellTok> = (0..n)
            .map(|col| match only.iter().position(|o| *o == Some(col)) {
                Some(k) => items[k].clone(),
                None => CellTok {
                    kind: CellKind::Blank,
                    range: at..at,
                },
            })
            .collect();
        **items = spread;
    }
    if read == 0 {
        return None;
    }
    let unprinted = (0..n)
        .filter(|col| !only.contains(&Some(*col)))
        .map(|col| template::REQUEST_COLUMNS[col].key)
        .collect();
    Some((unprinted, left_out))
}

fn leading_blanks(items: &[CellTok]) -> usize {
    items
        .iter()
        .take_while(|c| matches!(c.kind, CellKind::Blank))
        .count()
}

/// Where a row's `k` cells start: the row is exactly `k` cells, none of them blank at an end;
/// or blank cells (the label's empty columns) then `k` figures, none blank. Any other row says
/// not which of its cells stand in which column (a blank at an end is a label's empty column
/// or a blank cell; a blank 总计 may be left out at the line's end): None.
fn printed_cells(items: &[CellTok], k: usize) -> Option<usize> {
    let blank = |c: &CellTok| matches!(c.kind, CellKind::Blank);
    if items.len() == k && !items.first().is_some_and(blank) && !items.last().is_some_and(blank) {
        return Some(0);
    }
    let from = leading_blanks(items);
    (items.len() - from == k && !items[from..].iter().any(blank)).then_some(from)
}

/// The columns not printed taken out of table 三's rows and of the cells read.
pub(super) fn drop_unprinted<T>(
    table: &mut Table,
    cells: &mut Vec<(String, T)>,
    unprinted: &[&str],
) {
    for row in table.values_mut() {
        row.retain(|col, _| !unprinted.contains(&col.as_str()));
    }
    cells.retain(|(key, _)| {
        !(key.starts_with("requests.")
            && key
                .rsplit('.')
                .next()
                .is_some_and(|col| unprinted.contains(&col)))
    });
}
