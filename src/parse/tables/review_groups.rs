//! Table 四's three groups (行政复议, 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉) in the
//! order a report prints them, where it is not the template's: 行政诉讼 before 行政复议 in the
//! header, 复议后起诉 before 直接起诉, or the groups printed as three labelled rows in any order
//! (`行政诉讼（复议后起诉） 12 1 1 6 20`). Read by position, a group's five figures go to
//! another group, silently: each group adds up on its own.
//!
//! The order is read only where it is plain: from the labels of three rows that name one group
//! each, or from a header line naming both sides of a split (行政复议 and 行政诉讼; 直接起诉
//! and 复议后起诉), or from header cells printed one per line. Anything else keeps the template's
//! order.

use std::ops::Range;

use super::super::text::{compact_str, split_lines};

/// Indices into `template::REVIEW_GROUPS`.
const REVIEW: usize = 0;
const DIRECT: usize = 1;
const AFTER_REVIEW: usize = 2;

/// The names of the litigation groups (compact), as printed in headers and row labels.
const DIRECT_NAMES: &[&str] = &["直接起诉", "直接向法院起诉", "直接诉讼"];
const AFTER_REVIEW_NAMES: &[&str] = &["复议后起诉", "复议后诉讼", "经复议后起诉", "经复议起诉"];

/// Where 行政复议 (the review group, not 行政复议后起诉 inside a litigation name) first stands
/// in `s`.
fn review_at(s: &str) -> Option<usize> {
    s.match_indices("行政复议")
        .map(|(i, _)| i)
        .find(|&i| !s[i + "行政复议".len()..].starts_with(['后', '直']))
}

fn first_of(s: &str, names: &[&str]) -> Option<usize> {
    names.iter().filter_map(|n| s.find(n)).min()
}

/// The one group a row's label names, if it names exactly one.
fn group_named(label: &str) -> Option<usize> {
    let c = compact_str(label);
    let direct = first_of(&c, DIRECT_NAMES).is_some();
    let after = first_of(&c, AFTER_REVIEW_NAMES).is_some();
    match (direct, after) {
        (true, false) => Some(DIRECT),
        (false, true) => Some(AFTER_REVIEW),
        (true, true) => None,
        (false, false) => (review_at(&c).is_some() && !c.contains("诉讼")).then_some(REVIEW),
    }
}

/// For each printed group (in printed order), the template group it is; None where the order
/// is the template's or cannot be told. `cells` are where the table's 15 cells are printed, in
/// printed order; `region` the table's text.
pub(super) fn printed_group_order(
    text: &str,
    region: Range<usize>,
    cells: &[Range<usize>],
) -> Option<[usize; 3]> {
    // (Cells as printed: each after the one before it.)
    if cells.len() != 15 || cells.windows(2).any(|w| w[0].end > w[1].start) {
        return None;
    }
    let order = by_row_labels(text, cells).or_else(|| {
        let first_line = text[..cells[0].start].rfind('\n').map_or(0, |p| p + 1);
        by_header(&text[region.start..first_line.max(region.start)])
    })?;
    (order != [REVIEW, DIRECT, AFTER_REVIEW]).then_some(order)
}

/// Three rows of five cells, each opening a line after a label that names its group.
fn by_row_labels(text: &str, cells: &[Range<usize>]) -> Option<[usize; 3]> {
    let mut order = [0; 3];
    for (k, slot) in order.iter_mut().enumerate() {
        let first = &cells[k * 5];
        let from = if k == 0 {
            text[..first.start].rfind('\n').map_or(0, |p| p + 1)
        } else {
            cells[k * 5 - 1].end
        };
        let label = text.get(from..first.start)?;
        if k > 0 && !label.contains('\n') {
            return None;
        }
        // The label is the last line's text before the figures.
        let label = label.rsplit('\n').next().unwrap_or(label);
        // Each row's five cells on its label's line.
        let row = &cells[k * 5..k * 5 + 5];
        if row.windows(2).any(|w| {
            text.get(w[0].end..w[1].start)
                .is_none_or(|between| between.contains('\n'))
        }) {
            return None;
        }
        *slot = group_named(label)?;
    }
    distinct(order)
}

/// The order a header gives: which of 行政复议 and 行政诉讼 comes first, and which of the two
/// litigation groups, each from the last line naming both, or from lines that are each one
/// header cell naming one.
fn by_header(header: &str) -> Option<[usize; 3]> {
    let lines: Vec<String> = split_lines(header)
        .map(|(_, l)| compact_str(l))
        .filter(|l| !l.is_empty() && !l.contains("情况"))
        .collect();
    let review_first = side_first(
        &lines,
        review_at,
        |l| l.find("行政诉讼"),
        &["行政复议"],
        &["行政诉讼"],
    );
    let direct_first = side_first(
        &lines,
        |l| first_of(l, DIRECT_NAMES),
        |l| first_of(l, AFTER_REVIEW_NAMES),
        &["未经复议直接起诉", "直接起诉"],
        &["复议后起诉", "行政复议后起诉"],
    );
    if review_first.is_none() && direct_first.is_none() {
        return None;
    }
    let litigation = if direct_first.unwrap_or(true) {
        [DIRECT, AFTER_REVIEW]
    } else {
        [AFTER_REVIEW, DIRECT]
    };
    Some(if review_first.unwrap_or(true) {
        [REVIEW, litigation[0], litigation[1]]
    } else {
        [litigation[0], litigation[1], REVIEW]
    })
}

/// Whether side `a` is printed before side `b`: from the last line naming both, or (no such
/// line) from lines that hold nothing but one side's name each (a header printed one cell per
/// line, in the order of its cells); None where neither tells.
fn side_first(
    lines: &[String],
    a_at: impl Fn(&str) -> Option<usize>,
    b_at: impl Fn(&str) -> Option<usize>,
    a_cells: &[&str],
    b_cells: &[&str],
) -> Option<bool> {
    if let Some((a, b)) = lines.iter().rev().find_map(|l| Some((a_at(l)?, b_at(l)?))) {
        return Some(a < b);
    }
    let named: Vec<&String> = lines
        .iter()
        .filter(|l| a_at(l).is_some() || b_at(l).is_some())
        .collect();
    let cell_a = named.iter().position(|l| a_cells.contains(&l.as_str()))?;
    let cell_b = named.iter().position(|l| b_cells.contains(&l.as_str()))?;
    let alone = named
        .iter()
        .all(|l| a_cells.contains(&l.as_str()) || b_cells.contains(&l.as_str()));
    alone.then_some(cell_a < cell_b)
}

fn distinct(order: [usize; 3]) -> Option<[usize; 3]> {
    (order[0] != order[1] && order[1] != order[2] && order[0] != order[2]).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cells::{CellKind, CellTok};

    /// The 15 figures of `text` (every run of ASCII digits) as cells.
    fn figures(text: &str) -> Vec<CellTok> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() {
                let s = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                out.push(CellTok {
                    kind: CellKind::Fixed(text[s..i].parse().unwrap()),
                    range: s..i,
                });
            } else {
                i += 1;
            }
        }
        out
    }

    fn order_of(text: &str) -> Option<[usize; 3]> {
        let cells: Vec<Range<usize>> = figures(text).into_iter().map(|c| c.range).collect();
        printed_group_order(text, 0..text.len(), &cells)
    }

    const COLUMNS: &str = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";

    #[test]
    fn the_template_order_is_none() {
        let t = format!(
            "行政复议\t\t\t\t\t行政诉讼\n{COLUMNS}\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\t\t\t\t\t{COLUMNS}\t{COLUMNS}\n1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\n"
        );
        assert_eq!(order_of(&t), None);
    }

    #[test]
    fn litigation_before_review_in_the_header() {
        let t = format!(
            "四、政府信息公开行政复议、行政诉讼情况\n行政诉讼\t\t\t\t\t\t\t\t\t\t行政复议\n复议后起诉\t\t\t\t\t未经复议直接起诉\n{COLUMNS}\t{COLUMNS}\t{COLUMNS}\n1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\n"
        );
        assert_eq!(order_of(&t), Some([AFTER_REVIEW, DIRECT, REVIEW]));
    }

    #[test]
    fn header_cells_one_per_line() {
        let t = "行政复议\n行政诉讼\n复议后起诉\n未经复议直接起诉\n结果维持\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n";
        assert_eq!(order_of(t), Some([REVIEW, AFTER_REVIEW, DIRECT]));
        // A header line holding more than a name is no cell: its order is not read so.
        let t = "行政复议情形\n行政诉讼\n复议后起诉\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n";
        assert_eq!(order_of(t), None);
    }

    #[test]
    fn three_labelled_rows() {
        let t = format!(
            "项目\t{COLUMNS}\n行政诉讼（复议后起诉）\t1\t2\t3\t4\t5\n行政诉讼（未经复议直接起诉）\t6\t7\t8\t9\t10\n行政复议\t11\t12\t13\t14\t15\n"
        );
        assert_eq!(order_of(&t), Some([AFTER_REVIEW, DIRECT, REVIEW]));
        // Two rows naming the same group: nothing is read.
        let t = format!(
            "项目\t{COLUMNS}\n行政复议\t1\t2\t3\t4\t5\n行政复议\t6\t7\t8\t9\t10\n行政诉讼\t11\t12\t13\t14\t15\n"
        );
        assert_eq!(order_of(&t), None);
    }
}
