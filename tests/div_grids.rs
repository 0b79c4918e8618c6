//! Tables laid out as grids of `<div>`s (a site's responsive template): a browser shows a grid
//! styled `display: table-row` / `table-cell` as a table, its cells a tab apart in the page's
//! text; without its style sheet each cell is a block on a line of its own, and an empty cell
//! (`&nbsp;`) a line of a space alone. Every keyed report served as a page, its tables turned
//! into such grids, keeps every fact; so does the shipped web page, whose empty cells are
//! `<p>&nbsp;</p>` (before, its grid without style lost tables 三 and 四: 41 figures).

mod common;

use common::every_variant_keeps_every_fact;

/// `page` with its tables as grids of `<div>`s, styled as a table's parts or not at all.
fn as_div_grid(page: &str, styled: bool) -> String {
    let style = |display: &str| {
        if styled {
            format!(" style=\"display:{display}\"")
        } else {
            String::new()
        }
    };
    let mut out = page.to_string();
    for tag in ["<tbody>", "</tbody>", "<thead>", "</thead>"] {
        out = out.replace(tag, "");
    }
    out = out
        .replace("<table", &format!("<div class=\"grid\"{}", style("table")))
        .replace("</table>", "</div>")
        .replace("<tr", &format!("<div class=\"row\"{}", style("table-row")))
        .replace("</tr>", "</div>");
    for open in ["<td", "<th ", "<th>"] {
        let rest = &open[3..];
        out = out.replace(
            open,
            &format!("<div class=\"cell\"{}{rest}", style("table-cell")),
        );
    }
    out.replace("</td>", "</div>").replace("</th>", "</div>")
}

#[test]
fn tables_as_grids_of_divs_keep_every_fact() {
    let made = every_variant_keeps_every_fact("div grid", |k, _| {
        if k.name.contains(".raw.") || k.name.contains(".layout.") {
            return Vec::new();
        }
        let page = common::page::as_page(k);
        if !page.contains("<table") {
            return Vec::new();
        }
        let mut out = vec![as_div_grid(&page, true)];
        // stcsm's markdown is a PDF's conversion whose cells hold pieces of wrapped labels
        // (`三、` / `(二)部分公开(区分处理的，只` / `度办` / …): only their columns place them,
        // and a grid without style prints none.
        if !k.name.starts_with("shanghai-stcsm") {
            out.push(as_div_grid(&page, false));
        }
        out
    });
    assert!(made == 11, "{made} variants");
}
