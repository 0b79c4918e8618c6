//! Tables laid out as grids of blocks (`<div class="row"><div class="cell">…`), read without the
//! style sheet that lays them out. A browser with the site's styles shows a table; read as plain
//! blocks, each cell is a line of its own and an empty cell (`<div></div>`) no line at all, so
//! the rows of figures lose their blank cells and no longer fit their tables. The grid is in the
//! page's structure all the same: a block whose children are rows, each row a run of short
//! cells, many of them figures. Such rows and cells are read as a table's (`tr`, `td`).
//!
//! A grid is taken only where it reads as a table of figures: at least three rows, rows four in
//! five of the block's children, a row of three cells or more, a figure, and a quarter of the
//! cells (and at least three) figures or empty (table 四 of a year without cases is blank but
//! for a figure or two). A menu (links and dates), a list of articles or a page's
//! paragraphs never qualify.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap as HashMap;
use scraper::{Html, Node};

/// Longest text a cell holds (the template's longest row label is under 60 characters).
const MAX_CELL_CHARS: usize = 100;

/// Elements never taken for a grid's block, row or cell: a real table's parts keep theirs, and
/// the rest are not shown or not laid out as blocks of a grid.
const NOT_GRID: &[&str] = &[
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "script", "style", "head",
    "select", "option", "textarea", "template", "svg", "math", "pre", "img", "br", "hr",
];

/// Inside a cell, only inline markup and one paragraph or block around its text.
const CELL_INLINE: &[&str] = &[
    "span", "b", "strong", "font", "em", "i", "u", "a", "sup", "sub", "br", "small", "label",
];

/// The role (`tr`, `td`) of every element of the page's grids of blocks that hold tables.
pub(super) fn grid_roles(dom: &Html) -> HashMap<NodeId, &'static str> {
    let mut roles = HashMap::default();
    for block in dom.tree.root().descendants() {
        if element(&block).is_none_or(|n| NOT_GRID.contains(&n)) {
            continue;
        }
        let mut children = 0;
        let mut rows: Vec<(NodeId, Vec<NodeRef<Node>>)> = Vec::new();
        for child in block.children() {
            if element(&child).is_none() {
                if is_blank_text(&child) {
                    continue;
                }
                // Text of the block's own between its children: prose, not a grid.
                children = usize::MAX / 2;
                break;
            }
            children += 1;
            if let Some(cells) = row_cells(&child) {
                rows.push((child.id(), cells));
            }
        }
        let wide = rows.iter().filter(|(_, c)| c.len() >= 2).count();
        let most = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        if wide < 3 || rows.len() * 5 < children * 4 || most < 3 {
            continue;
        }
        let texts: Vec<String> = rows
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(text_of))
            .collect();
        let figures = texts.iter().filter(|t| is_figure(t)).count();
        let blank_or_figure = figures + texts.iter().filter(|t| t.is_empty()).count();
        if figures == 0 || blank_or_figure < 3 || blank_or_figure * 4 < texts.len() {
            continue;
        }
        for (row, cells) in rows {
            roles.insert(row, "tr");
            for c in cells {
                roles.insert(c.id(), "td");
            }
        }
    }
    roles
}

fn element<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    n.value().as_element().map(|e| e.name())
}

fn is_blank_text(n: &NodeRef<Node>) -> bool {
    match n.value() {
        Node::Text(t) => t.trim().is_empty(),
        Node::Comment(_) => true,
        _ => false,
    }
}

/// A row's cells: its element children, when it has no text of its own between them and every
/// child reads as a cell.
fn row_cells<'a>(row: &NodeRef<'a, Node>) -> Option<Vec<NodeRef<'a, Node>>> {
    if element(row).is_none_or(|n| NOT_GRID.contains(&n)) {
        return None;
    }
    let mut cells = Vec::new();
    for c in row.children() {
        if element(&c).is_none() {
            if is_blank_text(&c) {
                continue;
            }
            return None;
        }
        if !is_cell(&c) {
            return None;
        }
        cells.push(c);
    }
    (!cells.is_empty()).then_some(cells)
}

/// A cell: short text, inline markup, at most one block (a `<p>`) around it.
fn is_cell(cell: &NodeRef<Node>) -> bool {
    if element(cell).is_none_or(|n| NOT_GRID.contains(&n) || CELL_INLINE.contains(&n)) {
        return false;
    }
    let mut blocks = 0;
    let mut chars = 0;
    for d in cell.descendants().skip(1) {
        match d.value() {
            Node::Element(e) if !CELL_INLINE.contains(&e.name()) => {
                if NOT_GRID.contains(&e.name()) || !matches!(e.name(), "p" | "div") {
                    return false;
                }
                blocks += 1;
                if blocks > 1 {
                    return false;
                }
            }
            Node::Text(t) => {
                chars += t.chars().count();
                if chars > MAX_CELL_CHARS * 2 {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// A cell's text, white space (and no-break spaces) trimmed.
fn text_of(cell: &NodeRef<Node>) -> String {
    let mut s = String::new();
    for d in cell.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
        .to_string()
}

/// A figure as a table prints one: digits with separators and a sign, or a dash for none.
fn is_figure(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 16
        && t.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '/'))
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '—' | '/' | '+' | '%' | ' ')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles_of(html: &str) -> Vec<(&'static str, String)> {
        let dom = Html::parse_document(html);
        let roles = grid_roles(&dom);
        let mut out: Vec<(&'static str, String)> = dom
            .tree
            .root()
            .descendants()
            .filter_map(|n| roles.get(&n.id()).map(|r| (*r, text_of(&n))))
            .collect();
        out.retain(|(r, _)| *r == "td");
        out
    }

    #[test]
    fn a_grid_of_figures_is_a_table_and_its_empty_cells_are_cells() {
        let html = "<div class=grid>\
            <div class=row><div>信息内容</div><div>本年制发件数</div><div>本年废止件数</div><div>现行有效件数</div></div>\
            <div class=row><div>规章</div><div>0</div><div></div><div>3</div></div>\
            <div class=row><div><p>行政规范性文件</p></div><div>12</div><div> </div><div>40</div></div>\
            <div class=row><div>第二十条第（五）项</div></div>\
            <div class=row><div>行政许可</div><div>&nbsp;</div><div>7</div></div></div>";
        let cells: Vec<String> = roles_of(html).into_iter().map(|(_, t)| t).collect();
        assert_eq!(cells.len(), 16);
        assert_eq!(&cells[4..8], ["规章", "0", "", "3"]);
    }

    #[test]
    fn menus_lists_and_paragraphs_are_no_grids() {
        // Links with dates: two cells a row, no figures.
        let menu = "<div><div><a>通知公告</a><span>2024-01-02</span></div>\
            <div><a>政策解读</a><span>2024-01-03</span></div>\
            <div><a>年度报告</a><span>2024-01-04</span></div></div>";
        assert!(roles_of(menu).is_empty());
        // Paragraphs in divs, one a block.
        let text =
            "<div><div><p>一、总体情况</p></div><div><p>2024年，我局共公开信息12条。</p></div>\
            <div><p>3</p></div><div><p>4</p></div></div>";
        assert!(roles_of(text).is_empty());
        // Rows of words: no figures.
        let words = "<div><div><span>甲</span><span>乙</span><span>丙</span></div>\
            <div><span>甲</span><span>乙</span><span>丙</span></div>\
            <div><span>甲</span><span>乙</span><span>丙</span></div></div>";
        assert!(roles_of(words).is_empty());
    }
}
