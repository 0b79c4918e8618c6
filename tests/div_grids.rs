//! Tables laid out as grids of `<div>`s (a site's responsive template): a browser shows a grid
//! styled `display: table-row` / `table-cell` as a table, its cells a tab apart in the page's
//! text; without its style sheet each cell is a block on a line of its own, an empty cell
//! (`&nbsp;`) a line of a space alone, and an empty block nothing at all. Every keyed report
//! served as a page, its tables turned into such grids, keeps every fact; so does the shipped
//! web page, whose empty cells are `<p>&nbsp;</p>` (before, its grid without style lost tables
//! 三 and 四: 41 figures). Unstyled grids are read by their structure (`ingest::div_tables`):
//! with its empty cells as empty blocks the shipped page lost 179 facts, and stcsm's grid,
//! whose cells hold pieces of wrapped labels only their columns place, 91.

use crate::common;

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
        let bare = as_div_grid(&page, false);
        // Empty cells as empty blocks: a browser without the style sheet prints nothing there.
        let empty = bare
            .replace(">&nbsp;<", "><")
            .replace("> </div>", "></div>");
        vec![as_div_grid(&page, true), bare, empty]
    });
    assert!(made == 18, "{made} variants");
}
