//! Ruled tables on a PDF page: the glyphs inside a grid of drawn cell borders, regrouped by cell.
//!
//! Browsers, Word and WPS draw every table cell's border. Reading such a table line by line goes
//! wrong three ways: a cell's text wrapped onto two or three lines becomes two or three printed
//! lines; figures centred vertically beside a wrapped label sit on a baseline of their own; and an
//! empty cell leaves no trace, so the figures after it shift one column left. Here each glyph is
//! put in the rectangle its four nearest borders enclose; a cell's text is its lines joined; the
//! cells whose top border is the same make one row, printed as one line with a tab between cells
//! and one more tab for every empty cell crossed (a slot between two borders with a border drawn
//! at the row's top across it: a slot without one is a cell spanning down from a row above). A
//! cell with sides and no top is one continued from the page before ([`place_topless`]).
//!
//! Only rows of at least two cells are laid out this way: a single boxed paragraph or a page frame
//! is not a table, and its glyphs are left to the ordinary line layout.

use super::{line_text, Glyph, Page};

/// Borders a cell draws for itself lie within this many points of its neighbour's (each cell
/// strokes its own edges, a fraction of a point apart).
const SAME_RULE: f64 = 2.0;

/// A cell: the borders around it (y up, so `top > bottom`).
#[derive(Debug, Clone, Copy)]
struct Cell {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Cell {
    fn same(&self, o: &Cell) -> bool {
        (self.left - o.left).abs() < 0.5
            && (self.right - o.right).abs() < 0.5
            && (self.top - o.top).abs() < 0.5
            && (self.bottom - o.bottom).abs() < 0.5
    }
}

/// The table rows of a page laid out as text lines, each with the height it is sorted by (its
/// top border), and the glyphs left to the ordinary line layout.
pub(super) fn table_rows<'a>(
    page: &Page,
    glyphs: &[&'a Glyph],
) -> (Vec<(f64, String)>, Vec<&'a Glyph>) {
    if page.rules.is_empty() || page.hrules.is_empty() {
        return (Vec::new(), glyphs.to_vec());
    }
    // Glyphs by enclosing cell, a shown string by its leftmost glyph (the only one whose
    // position does not depend on font widths).
    let mut first: std::collections::HashMap<u32, &Glyph> = std::collections::HashMap::new();
    for &g in glyphs {
        let f = first.entry(g.word).or_insert(g);
        if g.x < f.x {
            *f = g;
        }
    }
    let mut cells: Vec<(Cell, Vec<&'a Glyph>)> = Vec::new();
    let mut topless: Vec<(Cell, Vec<&'a Glyph>)> = Vec::new();
    let mut free = Vec::new();
    for &g in glyphs {
        let (found, into) = match enclosing(page, first[&g.word]) {
            Some((c, true)) => (c, &mut cells),
            Some((c, false)) => (c, &mut topless),
            None => {
                free.push(g);
                continue;
            }
        };
        match into.iter_mut().find(|(k, _)| k.same(&found)) {
            Some((_, v)) => v.push(g),
            None => into.push((found, vec![g])),
        }
    }
    // Rows: cells sharing a top border, top to bottom.
    cells.sort_by(|a, b| {
        b.0.top
            .total_cmp(&a.0.top)
            .then(a.0.left.total_cmp(&b.0.left))
    });
    let mut rows: Vec<Row<'a>> = Vec::new();
    for c in cells {
        match rows.last_mut() {
            Some(r) if (r.cells[0].0.top - c.0.top).abs() < SAME_RULE => r.cells.push(c),
            _ => rows.push(Row {
                cells: vec![c],
                topless: false,
            }),
        }
    }
    place_topless(&mut rows, topless, &mut free);
    let mut out = Vec::new();
    for mut row in rows {
        row.cells.sort_by(|a, b| a.0.left.total_cmp(&b.0.left));
        let xs = borders_across(page, &row.cells);
        // A lone cell is a table row only when borders split its row into more cells (the
        // others empty); a boxed paragraph or a title row spanning the table is prose.
        if row.cells.len() < 2 && xs.len() < 3 {
            free.extend(row.cells.pop().into_iter().flat_map(|c| c.1));
            continue;
        }
        out.push((row.cells[0].0.top, row_text(page, &row, &xs)));
    }
    (out, free)
}

/// A table row: its cells, and whether some have no top border (see [`place_topless`]).
struct Row<'a> {
    cells: Vec<(Cell, Vec<&'a Glyph>)>,
    topless: bool,
}

/// The most glyphs a cell without a top border holds to be read as a table's cell.
const MAX_TOPLESS_CELL_GLYPHS: usize = 80;

/// Two glyphs stand on one baseline.
fn same_baseline(a: &Glyph, b: &Glyph) -> bool {
    (a.y - b.y).abs() <= 0.2 * a.size.min(b.size)
}

/// Cells with no border above them, put in the row whose glyphs share their baseline, or made
/// rows of their own.
///
/// A table broken across pages in a browser's print: a cell continued on the next page has its
/// sides there and no top (CSS's `box-decoration-break: slice`). Either some cells of a row
/// began on the page before (cells spanning two rows there, the others' row moved whole to
/// this page): their text stands on the row's baseline and belongs in its line, in the order
/// of the columns; or the whole row continues: its cells make a row. Either way, an empty cell
/// of the continued part is told by the border under it.
fn place_topless<'a>(
    rows: &mut Vec<Row<'a>>,
    topless: Vec<(Cell, Vec<&'a Glyph>)>,
    free: &mut Vec<&'a Glyph>,
) {
    let shares = |r: &Row, glyphs: &[&Glyph]| {
        r.cells
            .iter()
            .flat_map(|c| c.1.iter())
            .any(|o| glyphs.iter().any(|g| same_baseline(o, g)))
    };
    let mut own: Vec<Row<'a>> = Vec::new();
    for (cell, glyphs) in topless {
        // More text than a table cell holds (the longest label of the template is under 60
        // characters): prose between side rules, a page's frame without a top, not a cell.
        if glyphs.len() > MAX_TOPLESS_CELL_GLYPHS {
            free.extend(glyphs);
            continue;
        }
        if let Some(i) = rows.iter().position(|r| shares(r, &glyphs)) {
            let top = rows[i].cells[0].0.top;
            rows[i].cells.push((Cell { top, ..cell }, glyphs));
            rows[i].topless = true;
        } else if let Some(i) = own.iter().position(|r| shares(r, &glyphs)) {
            own[i].cells.push((cell, glyphs));
        } else {
            own.push(Row {
                cells: vec![(cell, glyphs)],
                topless: true,
            });
        }
    }
    // Continued rows over one bottom border are one row (a label wrapped beside centred
    // figures shares no baseline with them). A row's own bottom border is its cells' highest:
    // a cell spanning rows down ends lower.
    let bottom = |r: &Row| {
        r.cells
            .iter()
            .map(|c| c.0.bottom)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let mut merged: Vec<Row<'a>> = Vec::new();
    for row in own {
        match merged
            .iter()
            .position(|m| (bottom(m) - bottom(&row)).abs() < SAME_RULE)
        {
            Some(i) => merged[i].cells.extend(row.cells),
            None => merged.push(row),
        }
    }
    // Each continued row's top just above its text (the vertical borders are looked for under
    // it).
    let first_own = rows.len();
    for mut row in merged {
        let glyphs = row.cells.iter().flat_map(|c| c.1.iter());
        let top = glyphs
            .map(|g| g.y + g.size)
            .fold(f64::NEG_INFINITY, f64::max);
        for c in &mut row.cells {
            c.0.top = top;
        }
        rows.push(row);
    }
    // A continued cell spanning rows down (a group's label centred beside its rows) is alone
    // in its row, and rows whose bottom border is above its own lie inside its span: it goes
    // with the first of them, as a spanning cell that begins on the page does.
    let mut i = first_own;
    while i < rows.len() {
        let r = &rows[i];
        let inside = |o: &Row| bottom(o) > bottom(r) + SAME_RULE;
        let first = (0..rows.len())
            .filter(|&j| j != i && inside(&rows[j]))
            .max_by(|&a, &b| rows[a].cells[0].0.top.total_cmp(&rows[b].cells[0].0.top));
        match first {
            Some(j) if r.cells.len() == 1 => {
                let (cell, glyphs) = rows.remove(i).cells.pop().expect("one cell");
                let j = if j > i { j - 1 } else { j };
                let top = rows[j].cells[0].0.top;
                rows[j].cells.push((Cell { top, ..cell }, glyphs));
                rows[j].topless = true;
            }
            _ => i += 1,
        }
    }
}

/// The nearest borders around a glyph, if it is enclosed on the left and the right, and
/// whether a border is drawn above it (where none is, the top is the page's: a cell spanning
/// rows down across a page break has no top border on the next page, nor its bottom border on
/// the page before). The point looked at is a quarter em into the glyph: the advance of the
/// last glyph of a string is sometimes a whole em for a digit, which would put its centre in
/// the next cell.
fn enclosing(page: &Page, g: &Glyph) -> Option<(Cell, bool)> {
    let (cx, cy) = (g.x + (g.w / 2.0).min(0.25 * g.size), g.y + 0.3 * g.size);
    let across_y = |&&(_, y0, y1): &&(f64, f64, f64)| y0 <= cy && y1 >= cy;
    let across_x = |&&(_, x0, x1): &&(f64, f64, f64)| x0 <= cx && x1 >= cx;
    let left = page
        .rules
        .iter()
        .filter(across_y)
        .map(|r| r.0)
        .filter(|&x| x < cx);
    let right = page
        .rules
        .iter()
        .filter(across_y)
        .map(|r| r.0)
        .filter(|&x| x > cx);
    let top = page
        .hrules
        .iter()
        .filter(across_x)
        .map(|r| r.0)
        .filter(|&y| y > cy);
    let bottom = page
        .hrules
        .iter()
        .filter(across_x)
        .map(|r| r.0)
        .filter(|&y| y < cy);
    let (left, right, top) = (
        left.reduce(f64::max)?,
        right.reduce(f64::min)?,
        top.reduce(f64::min),
    );
    let cell = Cell {
        left,
        right,
        top: top.unwrap_or(page.box_.3),
        bottom: bottom.reduce(f64::max).unwrap_or(page.box_.1),
    };
    Some((cell, top.is_some()))
}

/// The vertical borders crossing a row (just under its top, inside its shortest cell), left to
/// right, each drawn once.
fn borders_across(page: &Page, row: &[(Cell, Vec<&Glyph>)]) -> Vec<f64> {
    let top = row.iter().map(|c| c.0.top).fold(f64::INFINITY, f64::min);
    let bottom = row
        .iter()
        .map(|c| c.0.bottom)
        .fold(f64::NEG_INFINITY, f64::max);
    let probe = top - (top - bottom).min(4.0) / 2.0;
    let mut xs: Vec<f64> = page
        .rules
        .iter()
        .filter(|r| r.1 <= probe && r.2 >= probe)
        .map(|r| r.0)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|b, a| (*b - *a).abs() < SAME_RULE);
    xs
}

/// One row: its cells' texts with a tab between, and a tab more for every empty cell.
fn row_text(page: &Page, row: &Row, xs: &[f64]) -> String {
    let top = row
        .cells
        .iter()
        .map(|c| c.0.top)
        .fold(f64::INFINITY, f64::min);
    let bottom = row
        .cells
        .iter()
        .map(|c| c.0.bottom)
        .fold(f64::NEG_INFINITY, f64::max);
    let topless = row.topless;
    let row = &row.cells;
    let across = |edge: f64, mid: f64| {
        page.hrules
            .iter()
            .any(|&(y, a, b)| (y - edge).abs() < SAME_RULE && a <= mid && b >= mid)
    };
    // An empty cell between borders x0 and x1: a border at the row's top runs over it, or, in
    // a row continued from the page before, the border under the row.
    let empty = |x0: f64, x1: f64| {
        let mid = (x0 + x1) / 2.0;
        across(top, mid) || (topless && across(bottom, mid))
    };
    let empties = |from: f64, to: f64| {
        let inside: Vec<f64> = xs
            .iter()
            .copied()
            .filter(|&x| x > from - SAME_RULE && x < to + SAME_RULE)
            .collect();
        inside.windows(2).filter(|w| empty(w[0], w[1])).count()
    };
    let mut s = String::new();
    let first = row[0].0.left;
    let last = row[row.len() - 1].0.right;
    s.extend(std::iter::repeat_n('\t', empties(f64::NEG_INFINITY, first)));
    for (i, (cell, glyphs)) in row.iter().enumerate() {
        if i > 0 {
            s.push('\t');
            let gap = empties(row[i - 1].0.right, cell.left);
            s.extend(std::iter::repeat_n('\t', gap));
        }
        s.push_str(&cell_text(page, glyphs));
    }
    s.extend(std::iter::repeat_n('\t', empties(last, f64::INFINITY)));
    s
}

/// A cell's text: its lines top to bottom, joined (a wrapped label or figure is one string).
fn cell_text(page: &Page, glyphs: &[&Glyph]) -> String {
    let mut gs = glyphs.to_vec();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in gs {
        match lines.last_mut() {
            Some(l) if (l[l.len() - 1].y - g.y).abs() <= 0.4 * g.size => l.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut s = String::new();
    for mut l in lines {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
        let t = line_text(page, &l).replace('\t', " ");
        // Words broken across lines in Latin text keep a space; Chinese joins directly.
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if latin(s.chars().last()) && latin(t.chars().next()) {
            s.push(' ');
        }
        s.push_str(&t);
    }
    // A cell holds one figure: letter-spaced digits (`- 9`, `1 2 3`) are one number, not
    // several, and never a sign lost before a figure.
    if s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || " -−－.,".contains(c))
    {
        s.retain(|c| c != ' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::super::{tests::page_lines, Page};

    /// A page with a grid: columns at `xs`, row borders at `ys` (top to bottom), every cell
    /// bordered on its own, as browsers draw them (each edge twice, 0.75 pt apart), except the
    /// cells listed in `merged_below` (column, row) whose bottom border is not drawn.
    fn grid(xs: &[f64], ys: &[f64], merged_below: &[(usize, usize)]) -> Page {
        let mut p = Page::new(1, (0.0, 0.0, 595.0, 842.0));
        for r in 0..ys.len() - 1 {
            for c in 0..xs.len() - 1 {
                let (l, rt, t, b) = (xs[c], xs[c + 1], ys[r], ys[r + 1]);
                p.rules.push((l, b, t));
                p.rules.push((rt + 0.75, b, t));
                if r == 0 || !merged_below.contains(&(c, r - 1)) {
                    p.hrules.push((t, l, rt));
                }
                if !merged_below.contains(&(c, r)) {
                    p.hrules.push((b - 0.75, l, rt));
                }
            }
        }
        p
    }

    #[test]
    fn wrapped_labels_centred_figures_and_empty_cells_make_one_line_a_row() {
        // Three columns: label, two figures; rows 30 pt high.
        let mut page = grid(&[72.0, 200.0, 260.0, 320.0], &[700.0, 670.0, 640.0], &[]);
        // Row 1: a label wrapped on two lines, its figures centred between them.
        page.glyphs
            .extend(run("二、上年结转政府", 74.0, 688.0, 12.0));
        page.glyphs
            .extend(run("信息公开申请数量", 74.0, 674.0, 12.0));
        page.glyphs.extend(run("18", 210.0, 681.0, 12.0));
        page.glyphs.extend(run("0", 270.0, 681.0, 12.0));
        // Row 2: the first figure's cell left empty.
        page.glyphs.extend(run("（一）予以公开", 74.0, 651.0, 12.0));
        page.glyphs.extend(run("7", 270.0, 651.0, 12.0));
        // Prose above the table.
        page.glyphs
            .extend(run("三、收到和处理政府信息公开申请情况", 72.0, 720.0, 12.0));
        assert_eq!(
            page_lines(&page),
            [
                "三、收到和处理政府信息公开申请情况",
                "二、上年结转政府信息公开申请数量\t18\t0",
                "（一）予以公开\t\t7",
            ]
        );
    }

    #[test]
    fn a_ruled_row_of_one_figure_at_the_top_of_a_page_is_no_page_number() {
        // A table broken across pages: the row label ended the page before, and this page
        // opens with the row of its first figure (two cells: an empty one, then `1`).
        let mut page = grid(&[72.0, 200.0, 260.0], &[800.0, 780.0, 760.0], &[]);
        page.glyphs.extend(run("1", 210.0, 786.0, 12.0));
        page.glyphs.extend(run("0", 210.0, 766.0, 12.0));
        page.glyphs.extend(run("正文", 72.0, 700.0, 12.0));
        assert_eq!(page_lines(&page), ["\t1", "\t0", "正文"]);
        // Unruled, lone figures in the top margin band are page numbers only if they count the
        // document's pages (`running_lines::drop_bare_page_numbers`): the page keeps them.
        page.rules.clear();
        page.hrules.clear();
        assert_eq!(page_lines(&page), ["1", "0", "正文"]);
    }

    #[test]
    fn a_cell_spanning_rows_is_not_an_empty_cell_of_the_rows_below() {
        // Column 0 spans rows 0 and 1 (no border under it in row 0).
        let mut page = grid(
            &[72.0, 150.0, 250.0, 300.0],
            &[700.0, 670.0, 640.0],
            &[(0, 0)],
        );
        page.glyphs.extend(run("（三）不予公开", 74.0, 666.0, 10.0));
        page.glyphs
            .extend(run("1.属于国家秘密", 152.0, 681.0, 10.0));
        page.glyphs.extend(run("5", 260.0, 681.0, 10.0));
        page.glyphs.extend(run("2.其他", 152.0, 651.0, 10.0));
        // Row 1's figure cell is empty: a trailing empty cell, and no leading one for the
        // spanning cell.
        assert_eq!(
            page_lines(&page),
            ["（三）不予公开\t1.属于国家秘密\t5", "2.其他\t"]
        );
    }

    #[test]
    fn cells_continued_from_the_page_before_stay_in_their_row() {
        // Table 四 broken across pages in a browser's print: the first two columns' header
        // cells spanned two rows on the page before, so here their figure cells have sides and
        // no top (the border sliced at the break); the other columns' header row came over
        // whole, with its figures under it.
        let xs = [72.0, 110.0, 150.0, 190.0, 230.0];
        let mut page = grid(&xs, &[800.0, 780.0, 760.0], &[]);
        page.hrules
            .retain(|&(y, a, _)| !(y == 800.0 || (y == 780.0 && a < 150.0)));
        page.rules.retain(|&(x, _, t)| !(t == 800.0 && x < 150.0));
        page.glyphs.extend(run("总计", 152.0, 786.0, 10.0));
        page.glyphs.extend(run("维持", 192.0, 786.0, 10.0));
        for (x, f) in [(74.0, "0"), (112.0, "1"), (152.0, "2"), (192.0, "3")] {
            page.glyphs.extend(run(f, x, 766.0, 10.0));
        }
        assert_eq!(page_lines(&page), ["总计\t维持", "0\t1\t2\t3"]);
    }

    #[test]
    fn a_row_continued_from_the_page_before_keeps_its_empty_cells() {
        // The table's last row alone at the top of a page, its top border sliced at the
        // break: its empty cells are told by the border under them.
        let mut page = grid(&[72.0, 200.0, 240.0, 280.0, 320.0], &[800.0, 780.0], &[]);
        page.hrules.retain(|&(y, _, _)| y != 800.0);
        page.glyphs
            .extend(run("四、结转下年度继续办理", 74.0, 786.0, 10.0));
        page.glyphs.extend(run("72", 202.0, 786.0, 10.0));
        page.glyphs.extend(run("72", 282.0, 786.0, 10.0));
        assert_eq!(page_lines(&page), ["四、结转下年度继续办理\t72\t\t72"]);
    }

    #[test]
    fn a_continued_rows_wrapped_label_and_centred_figures_stay_one_row() {
        // The row continued at the top of a page: no border above any of its cells, its label
        // wrapped on two lines, its figures centred between them (on no baseline of the
        // label's). And a group's label spanning it and the next row, continued too, centred
        // on neither row's baseline: it is printed with the first row, as a spanning cell
        // that begins on the page is.
        let xs = [72.0, 140.0, 300.0, 340.0, 380.0, 420.0];
        let mut page = grid(&xs, &[800.0, 770.0, 750.0], &[(0, 0)]);
        page.hrules.retain(|&(y, _, _)| y != 800.0);
        page.glyphs.extend(run("（四）无法提供", 74.0, 760.0, 10.0));
        page.glyphs
            .extend(run("1.申请人无正当理由逾期不补正", 142.0, 788.0, 10.0));
        page.glyphs.extend(run("信息公开申请", 142.0, 776.0, 10.0));
        for (x, f) in [(302.0, "0"), (342.0, "5"), (382.0, "5")] {
            page.glyphs.extend(run(f, x, 782.0, 10.0));
        }
        page.glyphs.extend(run("2.其他", 142.0, 756.0, 10.0));
        page.glyphs.extend(run("1", 302.0, 756.0, 10.0));
        assert_eq!(
            page_lines(&page),
            [
                "（四）无法提供\t1.申请人无正当理由逾期不补正信息公开申请\t0\t5\t5",
                "2.其他\t1\t\t",
            ]
        );
    }

    #[test]
    fn a_letter_spaced_figure_stays_one_signed_number() {
        let mut page = grid(&[72.0, 200.0, 260.0, 320.0], &[700.0, 670.0], &[]);
        page.glyphs
            .extend(run("其他对外管理服务事项", 74.0, 681.0, 10.0));
        // `-9` and `12`, each glyph a third of an em from the last.
        for (i, c) in ["-", "9"].iter().enumerate() {
            page.glyphs
                .extend(run(c, 210.0 + i as f64 * 13.3, 681.0, 10.0));
        }
        for (i, c) in ["1", "2"].iter().enumerate() {
            page.glyphs
                .extend(run(c, 270.0 + i as f64 * 13.3, 681.0, 10.0));
        }
        assert_eq!(page_lines(&page), ["其他对外管理服务事项\t-9\t12"]);
    }

    #[test]
    fn a_boxed_paragraph_is_not_a_table() {
        let mut page = grid(&[60.0, 500.0], &[720.0, 600.0], &[]);
        page.glyphs.extend(run("第一行文字", 72.0, 700.0, 12.0));
        page.glyphs.extend(run("第二行文字", 72.0, 680.0, 12.0));
        assert_eq!(page_lines(&page), ["第一行文字", "第二行文字"]);
    }
}
