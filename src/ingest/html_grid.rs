//! The grid a browser lays an HTML table out on, used to pad short rows: an editor that leaves
//! out a row's trailing empty `<td>`s (the blank 总计 of a row) still shows blank cells there,
//! and read as fewer cells the row would not fit its table.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use scraper::{Html, Node};

/// Largest span honoured, as browsers clamp them (HTML: colspan ≤ 1000, rowspan ≤ 65534).
pub(super) const MAX_COLSPAN: usize = 1000;
pub(super) const MAX_ROWSPAN: usize = 65534;

pub(super) fn element<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    n.value().as_element().map(|e| e.name())
}

pub(super) fn span(n: &NodeRef<Node>, name: &str, max: usize) -> usize {
    n.value()
        .as_element()
        .and_then(|e| e.attr(name))
        .and_then(leading_number)
        .map_or(1, |v| v.clamp(1, max))
}

/// A span as HTML's rules for non-negative integers read it: white space, then the digits that
/// open the value, whatever follows them (`"3px"`, `"3.0"` and `"3;"` span 3, as in a browser).
fn leading_number(v: &str) -> Option<usize> {
    let v = v.trim_start();
    let digits = v.len() - v.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    v[..digits.min(9)].parse().ok()
}

/// The page's tables that hold data: every `<table>` but the wrappers a page lays itself out
/// with (their cells are read as text, not as a grid).
pub(super) fn data_tables<'a>(
    dom: &'a Html,
    wrappers: &'a HashSet<NodeId>,
) -> impl Iterator<Item = NodeRef<'a, Node>> + 'a {
    dom.tree
        .root()
        .descendants()
        .filter(|t| element(t) == Some("table") && !wrappers.contains(&t.id()))
}

/// A table's own rows (`<tr>` children and those of its `<tbody>`, `<thead>`, `<tfoot>`), in
/// order; not the rows of a table inside one of its cells.
pub(super) fn table_rows<'a>(table: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
    let mut rows = Vec::new();
    for child in table.children() {
        match element(&child) {
            Some("tr") => rows.push(child),
            Some("tbody" | "thead" | "tfoot") => {
                rows.extend(child.children().filter(|c| element(c) == Some("tr")))
            }
            _ => {}
        }
    }
    rows
}

/// The rows of every data table that end before the table's last column, with how many blank
/// cells they lack there. The table's width is one past the last column any cell starts in: a
/// heading cell whose colspan runs past every other row's end adds no columns a reader sees.
/// Tables with a layout cell (skipped) or inside a wrapper are left as they are.
pub fn missing_trailing_cells(
    dom: &Html,
    wrappers: &HashSet<NodeId>,
    layout_cells: &HashSet<NodeId>,
) -> HashMap<NodeId, usize> {
    let mut out = HashMap::default();
    for table in data_tables(dom, wrappers) {
        let rows = table_rows(table);
        // Per column: the rows still covered by a cell above, this row included.
        let mut covered: Vec<usize> = Vec::new();
        // Per row: its node, its end (one past its last covered column), whether it has cells.
        let mut ends = Vec::with_capacity(rows.len());
        let mut width = 0;
        let mut layout = false;
        for row in &rows {
            let mut col = 0;
            let mut cells = 0;
            for cell in row
                .children()
                .filter(|c| matches!(element(c), Some("td" | "th")))
            {
                layout |= layout_cells.contains(&cell.id());
                cells += 1;
                while covered.get(col).is_some_and(|&n| n > 0) {
                    col += 1;
                }
                width = width.max(col + 1);
                let cols = span(&cell, "colspan", MAX_COLSPAN);
                let rows_down = span(&cell, "rowspan", MAX_ROWSPAN);
                if covered.len() < col + cols {
                    covered.resize(col + cols, 0);
                }
                for c in &mut covered[col..col + cols] {
                    *c = rows_down;
                }
                col += cols;
            }
            let end = covered.iter().rposition(|&n| n > 0).map_or(0, |c| c + 1);
            ends.push((row.id(), end, cells > 0));
            for c in &mut covered {
                *c = c.saturating_sub(1);
            }
        }
        if layout {
            continue;
        }
        for (row, end, has_cells) in ends {
            if has_cells && end < width {
                out.insert(row, width - end);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blank cells each row lacks, in document order.
    fn lacking(html: &str) -> Vec<usize> {
        let dom = Html::parse_document(html);
        let pads = missing_trailing_cells(&dom, &HashSet::default(), &HashSet::default());
        dom.tree
            .root()
            .descendants()
            .filter(|n| element(n) == Some("tr"))
            .map(|n| pads.get(&n.id()).copied().unwrap_or(0))
            .collect()
    }

    #[test]
    fn short_rows_lack_their_trailing_cells() {
        let t = "<table><tr><td colspan=3>label</td><td>1</td><td>2</td><td>3</td></tr>\
                 <tr><td colspan=3>label</td><td>1</td></tr></table>";
        assert_eq!(lacking(t), [0, 2]);
    }

    #[test]
    fn spans_with_a_unit_or_a_fraction_span_as_in_a_browser() {
        // `3px`, `3.0` and ` 3;` span three columns (a browser reads the digits that open the
        // value); a value without digits spans one.
        for v in ["3px", "3.0", " 3;"] {
            let t = format!(
                "<table><tr><td colspan=\"{v}\">label</td><td>1</td><td>2</td><td>3</td></tr>\
                 <tr><td>label</td><td>1</td></tr></table>"
            );
            assert_eq!(lacking(&t), [0, 4], "colspan {v:?}");
        }
        let t = "<table><tr><td colspan=\"x\">label</td><td>1</td></tr>\
                 <tr><td>label</td></tr></table>";
        assert_eq!(lacking(t), [0, 1]);
    }

    #[test]
    fn rowspans_from_above_fill_a_row() {
        // The second row's first column is the first row's rowspan: its two cells reach the end.
        let t = "<table><tr><td rowspan=2>三</td><td>a</td><td>1</td></tr>\
                 <tr><td>b</td><td>2</td></tr><tr><td>c</td></tr></table>";
        assert_eq!(lacking(t), [0, 0, 2]);
        // A rowspan on the right covers the last column of the rows below it.
        let t = "<table><tr><td>a</td><td>1</td><td rowspan=2>9</td></tr>\
                 <tr><td>b</td><td>2</td></tr></table>";
        assert_eq!(lacking(t), [0, 0]);
    }

    #[test]
    fn a_heading_spanning_past_the_grid_adds_no_columns() {
        let t = "<table><tr><td colspan=20>第二十条第（一）项</td></tr>\
                 <tr><td>信息内容</td><td>本年制发件数</td><td>现行有效件数</td></tr>\
                 <tr><td>规章</td><td>0</td></tr></table>";
        assert_eq!(lacking(t), [0, 0, 1]);
    }

    #[test]
    fn nested_tables_are_gridded_apart() {
        let t = "<table><tr><td>x</td><td>y</td><td>z</td></tr><tr><td>\
                 <table><tr><td>a</td></tr></table></td></tr></table>";
        assert_eq!(lacking(t), [0, 2, 0]);
    }
}
