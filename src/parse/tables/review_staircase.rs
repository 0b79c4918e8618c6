//! Table 四 printed as a staircase: the template's 15 columns, but a row for each group that
//! fills only that group's columns and leaves the other groups' cells blank
//! (`行政复议 | 5 | | | 2 | 7 | | … |` / `行政诉讼（未经复议直接起诉） | | … | 8 | | | 1 | 9 | | … |`).
//! Each cell stands in its column: the rows laid over one another are the table's one row.
//! Read so only when every row has the 15 cells and no column holds a figure in two rows;
//! else the rows are left to the other readers (a report's two rows of figures are two rows).

use super::super::cells::{CellKind, CellTok};
use std::ops::Range;

/// The 15 cells of rows (`rows`: ranges of `items`, one a printed row) laid over one another,
/// when they are a staircase; None otherwise.
pub(super) fn overlaid(items: &[CellTok], rows: &[Range<usize>]) -> Option<Vec<CellTok>> {
    let figure = |c: &CellTok| !matches!(c.kind, CellKind::Blank);
    // Cheap first: two rows or more of 15 cells each, and nothing else read.
    if rows.len() < 2
        || rows.iter().any(|r| r.len() != 15)
        || rows.iter().map(|r| r.len()).sum::<usize>() != items.len()
        || items.iter().any(|c| matches!(c.kind, CellKind::Blob(_)))
    {
        return None;
    }
    // No row may fill every column (then it is the table's row, the others something else).
    if rows.iter().any(|r| items[r.clone()].iter().all(figure)) {
        return None;
    }
    let mut out = Vec::with_capacity(15);
    for col in 0..15 {
        let mut filled = rows
            .iter()
            .map(|r| &items[r.start + col])
            .filter(|c| figure(c));
        let cell = match (filled.next(), filled.next()) {
            (Some(c), None) => c,
            (None, _) => {
                // A blank column: its cell in the row of the group it belongs to, when a row
                // is printed for each group.
                let row = if rows.len() == 3 { col / 5 } else { 0 };
                &items[rows[row].start + col]
            }
            (Some(_), Some(_)) => return None,
        };
        out.push(cell.clone());
    }
    // Each row fills one group's columns only: a staircase, not rows of a table split apart.
    for r in rows {
        let groups: Vec<usize> = (0..15)
            .filter(|&c| figure(&items[r.start + c]))
            .map(|c| c / 5)
            .collect();
        if groups.windows(2).any(|w| w[0] != w[1]) {
            return None;
        }
    }
    out.iter().any(figure).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &str) -> Vec<CellTok> {
        s.split(',')
            .map(|t| CellTok {
                kind: match t {
                    "" => CellKind::Blank,
                    n => CellKind::Fixed(n.parse().unwrap()),
                },
                range: 0..0,
            })
            .collect()
    }

    fn values(c: &[CellTok]) -> Vec<Option<f64>> {
        c.iter()
            .map(|c| match c.kind {
                CellKind::Fixed(v) => Some(v),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn each_group_on_its_own_row() {
        let items = cells(&["5,,,2,7,,,,,,,,,,", ",,,,,8,,,1,9,,,,,", ",,,,,,,,,,,,,,"].join(","));
        let got = overlaid(&items, &[0..15, 15..30, 30..45]).unwrap();
        let mut want = vec![None; 15];
        for (i, v) in [(0, 5.), (3, 2.), (4, 7.), (5, 8.), (8, 1.), (9, 9.)] {
            want[i] = Some(v);
        }
        assert_eq!(values(&got), want);
    }

    #[test]
    fn rows_that_share_a_column_or_a_group_across_are_no_staircase() {
        let two = cells(&["5,,,2,7,,,,,,,,,,", "1,,,,,8,,,1,9,,,,,"].join(","));
        assert!(overlaid(&two, &[0..15, 15..30]).is_none());
        let across = cells(&["5,,,2,7,1,,,,,,,,,", ",,,,,,,,,,3,,,,3"].join(","));
        assert!(overlaid(&across, &[0..15, 15..30]).is_none());
        let full = cells(&["0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", ",,,,,,,,,,,,,,"].join(","));
        assert!(overlaid(&full, &[0..15, 15..30]).is_none());
    }
}
