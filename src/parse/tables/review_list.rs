//! Table 四 written as a list instead of a table: each group named, then each of its five
//! figures after its column's name ("行政复议：结果维持0件，结果纠正1件，其他结果0件，尚未审结0件，
//! 总计1件。行政诉讼（未经复议直接起诉）：结果维持0件…"). Read only when every one of the 15
//! figures is named so, each once; else the table is read as a table (or left out), never in
//! part. Cost: one pass over the region's text for the group names, and a search for each
//! column's names within each group's part.
//!
//! Also table 四 printed with its row of 15 cells all blank (a year without cases left empty):
//! [`blank_row`].

use super::super::cells::{CellKind, CellTok};
use crate::model::template;
use std::ops::Range;

/// What names each group in a list, in the order of `template::REVIEW_GROUPS`. 行政复议 names
/// the first group only where it is not part of another's name (复议后起诉 holds 复议).
const GROUP_NAMES: [&[&str]; 3] = [
    &["行政复议"],
    &["未经复议直接起诉", "直接起诉"],
    &["复议后起诉", "经复议后起诉", "经复议起诉"],
];

/// The 15 figures of table 四 in the template's order, each with its printed range, when the
/// region names them as a list; None otherwise.
pub(super) fn review_list_items(text: &str, region: Range<usize>) -> Option<Vec<CellTok>> {
    let body = &text[region.clone()];
    // Where each group's part starts: the first place its name is printed with a column's
    // name and figure after it.
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (offset in body, group)
    for (g, names) in GROUP_NAMES.iter().enumerate() {
        let at = names
            .iter()
            .flat_map(|n| body.match_indices(n).map(move |(i, _)| (i, i + n.len())))
            .filter(|&(i, _)| g != 0 || !inside_litigation_name(body, i))
            .filter(|&(_, e)| names_a_figure_soon(&body[e..]))
            .map(|(i, _)| i)
            .min()?;
        starts.push((at, g));
    }
    starts.sort_unstable();
    let mut figures: Vec<Option<CellTok>> = vec![None; 15];
    for (k, &(at, g)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(body.len(), |s| s.0);
        let part = &body[at..end];
        for (c, names) in template::REVIEW_COLUMN_NAMES.iter().enumerate() {
            // (A short name inside a long one, 维持 in 结果维持, finds the same figure.)
            let mut found: Vec<(Range<usize>, f64)> = names
                .iter()
                .flat_map(|n| {
                    part.match_indices(n)
                        .filter_map(move |(i, _)| figure_after(part, i + n.len()))
                })
                .collect();
            found.sort_by_key(|f| f.0.start);
            found.dedup_by_key(|f| f.0.start);
            // Named twice: which one is meant cannot be told.
            let [(range, value)] = found.as_slice() else {
                return None;
            };
            let (range, value) = (range.clone(), *value);
            let start = region.start + at + range.start;
            figures[g * 5 + c] = Some(CellTok {
                kind: CellKind::Fixed(value),
                range: start..start + range.len(),
            });
        }
    }
    figures.into_iter().collect()
}

/// Whether 行政复议 at `i` is part of a litigation group's name ("行政诉讼（行政复议后起诉）").
fn inside_litigation_name(body: &str, i: usize) -> bool {
    let after = &body[i + "行政复议".len()..];
    after.starts_with("后") || after.starts_with("直接")
}

/// Whether a column's name followed by a figure comes within a few characters (a group's name
/// in a list, not in a table's header).
fn names_a_figure_soon(after: &str) -> bool {
    let head: String = after.chars().take(12).collect();
    template::REVIEW_COLUMN_NAMES
        .iter()
        .flat_map(|names| names.iter())
        .any(|n| {
            head.match_indices(n)
                .any(|(i, _)| figure_after(&head, i + n.len()).is_some())
        })
}

/// A figure printed right after a column's name: a colon and spaces allowed between, or the
/// tab or pipe between a key–value row's cells (`行政复议\t结果维持\t0`, `| 行政复议 | 结果维持 |
/// 0 |`: a figure per line, the group and column named in the cells before it); a unit (件)
/// after; its range within `s` and its value.
fn figure_after(s: &str, from: usize) -> Option<(Range<usize>, f64)> {
    let rest = &s[from..];
    let skipped = rest.len()
        - rest
            .trim_start_matches([':', '：', ' ', '\u{3000}', '为', '\t', '|', '｜'])
            .len();
    let digits = &rest[skipped..];
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    // "结果维持0件" or the figure alone before punctuation; not a longer number's head.
    let after = &digits[n..];
    if after.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '%') {
        return None;
    }
    let value: f64 = digits[..n].parse().ok()?;
    let start = from + skipped;
    Some((start..start + n, value))
}

/// Table 四 printed as three small tables, one a group: each group's name, its five columns'
/// names in the template's order, then its five figures (a report that splits the table, its
/// cells a line each as a converter prints them: `### 行政复议` / `结果维持` … `总计` / `27` …
/// `61`). Read only when every group's part holds exactly that; None otherwise (a table whose
/// header names the groups together holds no figures between them).
pub(super) fn header_blocks(text: &str, region: Range<usize>) -> Option<Vec<CellTok>> {
    let body = &text[region.clone()];
    let mut starts: Vec<(usize, usize, usize)> = Vec::new(); // (offset, end of name, group)
    for (g, names) in GROUP_NAMES.iter().enumerate() {
        let mut at: Vec<(usize, usize)> = names
            .iter()
            .flat_map(|n| body.match_indices(n).map(move |(i, _)| (i, i + n.len())))
            .filter(|&(i, _)| g != 0 || !inside_litigation_name(body, i))
            .collect();
        at.sort_unstable();
        at.dedup_by_key(|a| a.0);
        // One place a group is named (a longer name holding a shorter one is that place).
        let [(i, e)] = at.as_slice() else {
            let first = at.first()?;
            if at.iter().any(|a| a.0 >= first.1) {
                return None;
            }
            starts.push((first.0, at.iter().map(|a| a.1).max()?, g));
            continue;
        };
        starts.push((*i, *e, g));
    }
    starts.sort_unstable();
    if starts.iter().map(|s| s.2).collect::<Vec<_>>() != [0, 1, 2] {
        return None;
    }
    let mut out = Vec::with_capacity(15);
    for (k, &(_, name_end, _)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(body.len(), |s| s.0);
        let part = &body[name_end..end];
        // The five names in order, then nothing but five figures.
        let mut from = 0;
        for names in template::REVIEW_COLUMN_NAMES {
            let (i, n) = names
                .iter()
                .filter_map(|n| part[from..].find(n).map(|i| (i, n.len())))
                .min()?;
            from += i + n;
        }
        // The figures, up to the next group's heading (`### 行政诉讼（…`): no figure after them.
        let mut figures = Vec::new();
        let rest = &part[from..];
        let separator = |c: char| c.is_whitespace() || c == '|';
        let mut tokens = rest
            .char_indices()
            .filter(|&(i, c)| !separator(c) && rest[..i].chars().next_back().is_none_or(separator))
            .map(|(i, _)| (i, rest[i..].find(separator).map_or(rest.len(), |e| i + e)));
        for (i, e) in tokens.by_ref() {
            let piece = &rest[i..e];
            if !piece.bytes().all(|b| b.is_ascii_digit()) || piece.len() > 9 {
                if rest[i..].contains(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                break;
            }
            let start = region.start + name_end + from + i;
            figures.push(CellTok {
                kind: CellKind::Fixed(piece.parse().ok()?),
                range: start..start + piece.len(),
            });
        }
        if figures.len() != 5 {
            return None;
        }
        out.extend(figures);
    }
    Some(out)
}

/// Table 四's row printed with every cell blank: a line of 15 empty fields (14 tabs, or pipes
/// around 15 empty cells; a 16th for an empty label column or a closing separator), after the
/// header. Its 15 cells are blank, not absent: the table is printed, and says nothing was
/// decided (a table left out is not printed at all).
pub(super) fn blank_row(text: &str, region: Range<usize>) -> Option<Vec<CellTok>> {
    let slice = &text[region.clone()];
    let mut off = region.start;
    for line in slice.split_inclusive('\n') {
        let at = off;
        off += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        let blank = |c: char| c.is_whitespace() || c == '\u{a0}';
        let fields = if l.contains('\t') && l.chars().all(|c| c == '\t' || blank(c)) {
            l.matches('\t').count() + 1
        } else if l.trim().starts_with('|') && l.chars().all(|c| c == '|' || blank(c)) {
            l.matches('|').count().saturating_sub(1)
        } else {
            continue;
        };
        if fields == 15 || fields == 16 {
            let cells = (0..15).map(|_| CellTok {
                kind: CellKind::Blank,
                range: at..at,
            });
            return Some(cells.collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<f64>> {
        review_list_items(text, 0..text.len()).map(|v| {
            v.iter()
                .map(|c| match c.kind {
                    CellKind::Fixed(v) => v,
                    _ => f64::NAN,
                })
                .collect()
        })
    }

    #[test]
    fn a_list_names_each_figure() {
        let t = "行政复议：结果维持1件，结果纠正0件，其他结果0件，尚未审结0件，总计1件。\n\
                 行政诉讼（未经复议直接起诉）：结果维持2件，结果纠正0件，其他结果1件，尚未审结0件，总计3件。\n\
                 行政诉讼（复议后起诉）：结果维持0件，结果纠正0件，其他结果0件，尚未审结1件，总计1件。";
        assert_eq!(
            values(t).unwrap(),
            [1., 0., 0., 0., 1., 2., 0., 1., 0., 3., 0., 0., 0., 1., 1.]
        );
        // Each figure's range is its digits.
        let items = review_list_items(t, 0..t.len()).unwrap();
        assert_eq!(&t[items[9].range.clone()], "3");
    }

    #[test]
    fn a_table_or_a_list_in_part_is_no_list() {
        // A table's header names the columns without figures after them.
        let table = "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0";
        assert_eq!(values(table), None);
        // A group without its 总计.
        let part = "行政复议：结果维持1件，结果纠正0件，其他结果0件，尚未审结0件。\n\
                    行政诉讼（未经复议直接起诉）：结果维持2件，结果纠正0件，其他结果1件，尚未审结0件，总计3件。\n\
                    行政诉讼（复议后起诉）：结果维持0件，结果纠正0件，其他结果0件，尚未审结1件，总计1件。";
        assert_eq!(values(part), None);
        // A column named twice in a group.
        let twice = "行政复议：结果维持1件，结果维持2件，结果纠正0件，其他结果0件，尚未审结0件，总计1件。\n\
                     行政诉讼（未经复议直接起诉）：结果维持2件，结果纠正0件，其他结果1件，尚未审结0件，总计3件。\n\
                     行政诉讼（复议后起诉）：结果维持0件，结果纠正0件，其他结果0件，尚未审结1件，总计1件。";
        assert_eq!(values(twice), None);
    }
}
