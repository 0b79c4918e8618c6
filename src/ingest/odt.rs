//! OpenDocument text (`.odt`, LibreOffice's and WPS's, and `.fodt`'s flat XML inside a ZIP):
//! the document's `content.xml` read as the web page a browser shows, as a .docx is
//! ([`super::docx`]). Its tables are HTML's already: a cell's `number-columns-spanned` and
//! `number-rows-spanned` are its `colspan` and `rowspan`, and the cells they cover are written
//! as covered cells, left out here as a browser leaves them.
//!
//! Left out, as a reader of the printed document would not see them: tracked deletions
//! (`text:tracked-changes`), notes' bodies, annotations, hidden sections and the text of
//! frames' alternative descriptions.

use super::docx::{escape_into, xml, zip};
use xml::{Element, Node};

/// Whether bytes are an OpenDocument text: a ZIP whose `mimetype` member (stored first, by the
/// format's rule) names it.
pub fn is_odt(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes.get(30..38).is_some_and(|name| name == b"mimetype")
        && bytes
            .get(38..38 + 39)
            .is_some_and(|m| m == b"application/vnd.oasis.opendocument.text")
}

/// The document as a web page.
pub fn to_html(bytes: &[u8]) -> Result<String, String> {
    let damaged = |e: String| format!("damaged OpenDocument text: {e}");
    let members = zip::members(bytes).map_err(damaged)?;
    let content = zip::read(bytes, &members, "content.xml")
        .map_err(damaged)?
        .ok_or("not an OpenDocument text (no content.xml)")?;
    let root = xml::parse(&String::from_utf8_lossy(&content), "content.xml").map_err(damaged)?;
    let text = root
        .child("body")
        .and_then(|b| b.child("text"))
        .ok_or("not an OpenDocument text (no office:text in content.xml)")?;
    let mut html =
        String::from("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n");
    blocks(&mut html, text, 0);
    html.push_str("</body>\n</html>\n");
    Ok(html)
}

/// Paragraphs, headings, lists, sections and tables, in order; `depth` counts the tables
/// around (a cell's paragraphs stay on their row's line).
fn blocks(html: &mut String, parent: &Element, depth: usize) {
    for e in parent.elements() {
        match e.name.as_str() {
            "p" | "h" => {
                let mut text = String::new();
                inline(&mut text, e);
                let tag = if depth == 0 && text.contains('\t') {
                    "pre"
                } else {
                    "p"
                };
                html.push_str(&format!("<{tag}>{text}</{tag}>"));
                if depth == 0 {
                    html.push('\n');
                }
            }
            // (A section whose display is none is hidden.)
            "list" | "list-item" | "list-header" | "section" | "index-body"
            | "table-of-content" | "alphabetical-index" | "illustration-index" | "table-index"
                if e.attr("display") != Some("none") =>
            {
                blocks(html, e, depth)
            }
            "table" => table(html, e, depth),
            _ => {}
        }
    }
}

fn table(html: &mut String, t: &Element, depth: usize) {
    html.push_str("<table border=\"1\">\n");
    for row in rows(t) {
        html.push_str("<tr>");
        for cell in row.elements().filter(|c| c.name == "table-cell") {
            html.push_str("<td");
            for (attr, name) in [
                ("number-columns-spanned", "colspan"),
                ("number-rows-spanned", "rowspan"),
            ] {
                if let Some(n) = cell.attr(attr).filter(|n| *n != "1") {
                    html.push_str(&format!(" {name}=\"{n}\""));
                }
            }
            html.push('>');
            blocks(html, cell, depth + 1);
            html.push_str("</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
}

/// A table's rows, through its header rows and row groups.
fn rows(t: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in t.elements() {
        match e.name.as_str() {
            "table-row" => out.push(e),
            "table-header-rows" | "table-rows" | "table-row-group" => out.extend(rows(e)),
            _ => {}
        }
    }
    out
}

/// A paragraph's text as HTML.
fn inline(out: &mut String, e: &Element) {
    for k in &e.kids {
        match k {
            Node::Text(t) => escape_into(out, t),
            Node::Element(c) => match c.name.as_str() {
                "s" => {
                    let n: usize = c.attr("c").and_then(|v| v.parse().ok()).unwrap_or(1);
                    out.push_str(&" ".repeat(n.min(64)));
                }
                "tab" => out.push('\t'),
                "line-break" => out.push_str("<br>"),
                "span" | "a" | "text-input" | "ruby" | "ruby-base" | "meta" | "date" | "time"
                | "page-number" | "sequence" | "chapter" | "number" => inline(out, c),
                // Notes' bodies, annotations, deleted changes, frames: not the paragraph's text.
                _ => {}
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odt(body: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        zip::stored(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ])
    }

    #[test]
    fn paragraphs_and_tables_with_covered_cells() {
        let bytes = odt(
            r#"<text:h>一、总体情况</text:h><text:p>主动<text:span>公开</text:span><text:note><text:note-body><text:p>注</text:p></text:note-body></text:note><text:s text:c="2"/>5</text:p>
            <table:table><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>角</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>申请人</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
            <table:table-row><table:covered-table-cell/><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>2</text:p></table:table-cell></table:table-row></table:table>"#,
        );
        assert!(is_odt(&bytes));
        let html = to_html(&bytes).unwrap();
        assert!(
            html.contains("<p>一、总体情况</p>\n<p>主动公开  5</p>"),
            "{html}"
        );
        assert!(
            html.contains("<tr><td rowspan=\"2\"><p>角</p></td><td colspan=\"2\"><p>申请人</p></td></tr>\n<tr><td><p>1</p></td><td><p>2</p></td></tr>"),
            "{html}"
        );
    }
}
