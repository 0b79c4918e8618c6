//! Zero cells merged into one across columns (`<td colspan="3">0</td>` where a table's header
//! splits those columns): each covered cell is 0. Tables 三 and 四 count cases, never fewer
//! than none, so a 0 printed over several cells, read as each cell's figure or as their sum, can
//! only mean each is 0. A merged cell is so read only where the nearest row above it with no
//! merged figure over those columns splits them among cells that lie within them (a header
//! naming each column, a row of figures): a cell spanning what the header above spans as one
//! (table 二's `本年处理决定数量`, its one figure printed over three columns), or under a grid
//! whose rows do not line up, is one cell, as before; so is a merged cell holding any other
//! figure (which of the columns holds it is not printed).

use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use scraper::Node;

use super::html_grid::{data_tables, element, table_rows, MAX_COLSPAN};

/// A cell's colspan or rowspan as a browser reads it ([`super::html_grid::span`]).
fn span(n: &NodeRef<Node>, name: &str) -> usize {
    super::html_grid::span(n, name, MAX_COLSPAN)
}

/// Widest merge read so (table 三's seven columns, table 四's fifteen).
const MAX_SPAN: usize = 15;

/// The cell's text, white space removed.
fn text_of(n: &NodeRef<Node>) -> String {
    n.descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn is_figure(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A cell of the grid: which, whether it is a figure merged over columns, the columns it covers.
#[derive(Clone)]
struct Owner {
    id: NodeId,
    merged_figure: bool,
    figure: bool,
    empty: bool,
    columns: std::ops::Range<usize>,
}

/// The cells holding a 0 merged over zero cells, each with the number of columns it covers.
pub fn merged_zero_cells(
    dom: &scraper::Html,
    wrappers: &HashSet<NodeId>,
    layout_cells: &HashSet<NodeId>,
) -> HashMap<NodeId, usize> {
    let mut out = HashMap::default();
    for table in data_tables(dom, wrappers) {
        // Cheap first: a cell spanning columns that holds 0.
        let merged_zero = |c: &NodeRef<Node>| {
            matches!(element(c), Some("td" | "th"))
                && (2..=MAX_SPAN).contains(&span(c, "colspan"))
                && text_of(c) == "0"
        };
        if !table.descendants().any(|c| merged_zero(&c)) {
            continue;
        }
        let rows = table_rows(table);
        // The grid: per row, per column, the cell covering it.
        let mut grid: Vec<Vec<Option<Owner>>> = Vec::with_capacity(rows.len());
        let mut covered: Vec<(usize, Option<Owner>)> = Vec::new();
        let mut candidates: Vec<(usize, usize, usize, NodeId)> = Vec::new(); // row, col, span, cell
        for (ri, row) in rows.iter().enumerate() {
            let mut col = 0;
            for cell in row
                .children()
                .filter(|c| matches!(element(c), Some("td" | "th")))
            {
                if layout_cells.contains(&cell.id()) {
                    return HashMap::default();
                }
                while covered.get(col).is_some_and(|c| c.0 > 0) {
                    col += 1;
                }
                let cols = span(&cell, "colspan");
                let down = span(&cell, "rowspan");
                let text = text_of(&cell);
                let merged_figure = cols > 1 && is_figure(&text);
                if merged_zero(&cell) {
                    candidates.push((ri, col, cols, cell.id()));
                }
                if covered.len() < col + cols {
                    covered.resize(col + cols, (0, None));
                }
                let owner = Owner {
                    id: cell.id(),
                    merged_figure,
                    empty: text.is_empty(),
                    figure: is_figure(&text),
                    columns: col..col + cols,
                };
                for c in &mut covered[col..col + cols] {
                    *c = (down, Some(owner.clone()));
                }
                col += cols;
            }
            grid.push(
                covered
                    .iter()
                    .map(|(n, owner)| owner.clone().filter(|_| *n > 0))
                    .collect(),
            );
            for c in &mut covered {
                c.0 = c.0.saturating_sub(1);
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        // Rows with a label: a cell of text of their own, or one over their first column
        // from a row above.
        let labelled: Vec<bool> = grid
            .iter()
            .map(|row| row.iter().flatten().any(|o| !o.empty && !o.figure))
            .collect();
        for (ri, col, cols, id) in candidates {
            // A row short of cells is closed by a cell spanning the rest of the grid (as Word
            // writes one): a 0 reaching the grid's end in a row with no label may be that.
            if col + cols >= width && !labelled[ri] {
                continue;
            }
            let span = col..col + cols;
            let split = grid[..ri].iter().rev().find_map(|above| {
                let owners: Option<Vec<&Owner>> = span
                    .clone()
                    .map(|c| above.get(c).and_then(Option::as_ref))
                    .collect();
                let owners = owners?;
                // A row with a figure merged over any of these columns says nothing of them:
                // look higher.
                if owners.iter().any(|o| o.merged_figure) {
                    return None;
                }
                // One cell over them all (a header spanning them): one column.
                if owners.iter().all(|o| o.id == owners[0].id) {
                    return Some(false);
                }
                // Split, each of the cells above within these columns and printing something: a
                // grid whose rows do not line up (Word's `上一年项目数量 | 本年增/减` over `0 (two
                // columns) | 0`), or a short row's last cell spanning the rest of the grid over
                // an empty column (as Word closes a row), says not that the merged cell stands
                // over two columns of figures.
                Some(owners.iter().all(|o| {
                    !o.empty && o.columns.start >= span.start && o.columns.end <= span.end
                }))
            });
            if split == Some(true) {
                out.insert(id, cols);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(html: &str) -> Vec<usize> {
        let dom = scraper::Html::parse_document(html);
        let m = merged_zero_cells(&dom, &HashSet::default(), &HashSet::default());
        let mut v: Vec<usize> = dom
            .tree
            .root()
            .descendants()
            .filter_map(|n| m.get(&n.id()).copied())
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn a_zero_over_split_columns_is_each_zero() {
        let t = "<table><tr><td>a</td><td>b</td><td>c</td><td>d</td></tr>\
                 <tr><td>x</td><td colspan=3>0</td></tr>\
                 <tr><td>y</td><td colspan=2>0</td><td>5</td></tr></table>";
        assert_eq!(spans(t), [2, 3]);
    }

    #[test]
    fn a_zero_under_a_header_spanning_as_much_is_one_cell() {
        // Table 二's decisions: one figure over three columns, under one header over them.
        let t = "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
                 <tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr>\
                 <tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>\
                 <tr><td>行政许可</td><td colspan=3>0</td></tr>\
                 <tr><td>行政处罚</td><td colspan=3>0</td></tr></table>";
        assert!(spans(t).is_empty());
        // A grid whose rows do not line up: the merged 0 is one cell (shanghai 2019's table 二).
        let t = "<table><tr><td>信息内容</td><td>上一年项目数量</td><td colspan=2>本年增/减</td><td>处理决定数量</td></tr>\
                 <tr><td>行政许可</td><td colspan=2>0</td><td>0</td><td>0</td></tr></table>";
        assert!(spans(t).is_empty());
        // A short row closed by a cell spanning the rest, over an empty column.
        let t = "<table><tr><td>x</td><td>9</td><td></td></tr>\
                 <tr><td>y</td><td colspan=2>0</td></tr></table>";
        assert!(spans(t).is_empty());
        let t = "<table><tr><td>x</td><td>9</td><td>8</td></tr>\
                 <tr><td>0</td><td colspan=2>0</td></tr></table>";
        assert!(spans(t).is_empty());
        // Any figure but 0 merged is not known to be each column's.
        let t = "<table><tr><td>a</td><td>b</td><td>c</td></tr>\
                 <tr><td>x</td><td colspan=2>5</td></tr></table>";
        assert!(spans(t).is_empty());
    }
}
