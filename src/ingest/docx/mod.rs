//! Word documents (.docx, as Word, WPS and LibreOffice write them): the document read as a
//! browser shows the same document saved as a web page. Paragraphs become `<p>`, tables
//! `<table>` with merged cells as `colspan`/`rowspan` (Word stores a vertical merge as a
//! continuation cell in every row it covers), and list numbers that Word prints but does not
//! store are written out (`一、` before a heading numbered by its style). The page is the
//! report's source: the HTML reader then reads it like any web page, and provenance points
//! into it.
//!
//! Left out, as a reader of the printed document would not see them: deleted revisions, hidden
//! text (a run's own or its style's), field codes, and a text box's second copy (the VML
//! fallback of the DrawingML shape); and a table of contents' entries, the headings again with
//! their pages (read as headings, they opened sections before the report's own).

pub(crate) mod numbering;
mod styles;
pub(crate) mod xml;
pub mod zip;

use numbering::Numbering;
use styles::Styles;
use xml::{is_on, Element, Node};

/// Whether bytes are a Word document in Office Open XML (a ZIP with a `word/` part, or a ZIP
/// named .docx): one that cannot be read is then reported as a damaged Word document.
pub fn is_docx(path_ext: &str, bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    if matches!(path_ext, "docx" | "docm" | "dotx" | "dotm") {
        return true;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.windows(5).any(|w| w == b"word/")
}

/// The title of the document's properties (`docProps/core.xml`'s `dc:title`, which Word fills
/// from the first line or a template's), where it has Han characters: read for the metadata
/// last, as a PDF's `/Title` is (`Document::info_title`).
pub fn core_title(bytes: &[u8]) -> Option<String> {
    let members = zip::members(bytes).ok()?;
    let core = zip::read(bytes, &members, "docProps/core.xml").ok()??;
    let core = xml::parse(&decoded(&core), "docProps/core.xml").ok()?;
    let title = core.child("title")?.text();
    let title = title.trim();
    title
        .chars()
        .any(crate::ingest::normalize::is_han)
        .then(|| title.to_string())
}

/// The document as a web page.
pub fn to_html(bytes: &[u8]) -> Result<String, String> {
    let damaged = |e: String| format!("damaged Word document: {e}");
    let members = zip::members(bytes).map_err(damaged)?;
    let part = |name: &str| -> Result<Option<Element>, String> {
        match zip::read(bytes, &members, name).map_err(damaged)? {
            Some(b) => xml::parse(&decoded(&b), name).map(Some).map_err(damaged),
            None => Ok(None),
        }
    };
    let main = part("_rels/.rels")?
        .and_then(|rels| target(&rels, "/officeDocument", ""))
        .filter(|m| members.iter().any(|x| x.name.eq_ignore_ascii_case(m)))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let document = part(&main)?.ok_or("not a Word document (no document part)")?;
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", &main));
    let rels = part(&format!("{dir}/_rels/{file}.rels"))?;
    let related = |kind: &str, default: &str| -> Result<Option<Element>, String> {
        let name = rels
            .as_ref()
            .and_then(|r| target(r, kind, dir))
            .unwrap_or_else(|| format!("{dir}/{default}"));
        // A damaged numbering or styles part costs the list numbers, not the document.
        Ok(part(&name).unwrap_or(None))
    };
    let numbering = related("/numbering", "numbering.xml")?;
    let styles = related("/styles", "styles.xml")?;
    // Content imported whole (`w:altChunk`, how many web systems write a .docx: the page's
    // HTML inside it), by relationship id.
    let mut chunks = std::collections::HashMap::new();
    for rel in rels.iter().flat_map(|r| r.elements()) {
        let (Some(id), Some(t)) = (rel.attr("Id"), rel.attr("Type")) else {
            continue;
        };
        if !t.ends_with("/aFChunk") {
            continue;
        }
        let Some(name) = rel.attr("Target").map(|t| match t.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("{dir}/{t}"),
        }) else {
            continue;
        };
        if let Ok(Some(b)) = zip::read(bytes, &members, &name) {
            chunks.insert(id.to_string(), chunk_body(&b));
        }
    }
    let mut page = Page {
        chunks,
        numbering: Numbering::new(numbering.as_ref(), styles.as_ref()),
        styles: Styles::new(styles.as_ref()),
        html: String::from(
            "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n",
        ),
        tables: 0,
    };
    let body = document
        .child("body")
        .ok_or("not a Word document (no body in the document part)")?;
    page.blocks(body);
    page.html.push_str("</body>\n</html>\n");
    Ok(page.html)
}

/// The body of an imported part (`w:altChunk`): HTML's `<body>` content, a saved page's (MHTML)
/// likewise, or plain text as preformatted text.
fn chunk_body(b: &[u8]) -> String {
    let text = if super::mhtml::is_mhtml(b) {
        super::mhtml::page(b).unwrap_or_default()
    } else {
        super::decode::decode(b).map(|d| d.text).unwrap_or_default()
    };
    let lower = text.to_ascii_lowercase();
    if !lower.contains("<html") && !lower.contains("<body") && !lower.contains("<p") {
        let mut out = String::from("<pre>");
        escape_into(&mut out, &text);
        out.push_str("</pre>");
        return out;
    }
    let start = lower
        .find("<body")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = lower
        .rfind("</body>")
        .filter(|&e| e >= start)
        .unwrap_or(text.len());
    text[start..end].to_string()
}

/// An XML part's text: UTF-8, or UTF-16 by its byte-order mark.
fn decoded(b: &[u8]) -> String {
    match encoding_rs::Encoding::for_bom(b) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&b[bom..]).0.into_owned(),
        None => String::from_utf8_lossy(b).into_owned(),
    }
}

/// The part a relationship of this type points to, as a name in the archive.
fn target(rels: &Element, kind: &str, dir: &str) -> Option<String> {
    let rel = rels
        .elements()
        .find(|r| r.attr("Type").is_some_and(|t| t.ends_with(kind)))?;
    let t = rel.attr("Target")?;
    if rel.attr("TargetMode") == Some("External") {
        return None;
    }
    Some(match t.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => t.to_string(),
        None => format!("{dir}/{t}"),
    })
}

pub(crate) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
}

/// The page being written.
struct Page {
    /// Imported content's HTML by relationship id.
    chunks: std::collections::HashMap<String, String>,
    numbering: Numbering,
    styles: Styles,
    html: String,
    /// How many tables the writer is inside: a paragraph of the body ends its line of the
    /// page, a cell's paragraphs stay on their row's line.
    tables: usize,
}

/// The paragraphs and tables of a body, a cell or a text box, in order.
impl Page {
    fn blocks(&mut self, parent: &Element) {
        for e in parent.elements() {
            match e.name.as_str() {
                "p" => self.paragraph(e),
                "tbl" => self.table(e),
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.blocks(content);
                    }
                }
                "customXml" | "ins" | "moveTo" | "smartTag" | "txbxContent" => self.blocks(e),
                "AlternateContent" => {
                    if let Some(choice) = e.elements().next() {
                        self.blocks(choice);
                    }
                }
                "altChunk" => {
                    if let Some(body) = e.attr("id").and_then(|id| self.chunks.get(id)) {
                        self.html.push_str(body);
                        self.html.push('\n');
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Element) {
        let props = p.child("pPr");
        let style = props.and_then(|p| p.child_val("pStyle"));
        if self.styles.is_contents(style) {
            return;
        }
        let label = self.numbering.label(props);
        let mut text = Inline {
            html: String::new(),
            boxes: Vec::new(),
            styles: &self.styles,
            hidden: self.styles.hides(style),
        };
        text.content(p);
        // A paragraph whose cells are set apart by tabs (a table typed without one) keeps them,
        // as preformatted text does on a page: its rows then read like tab-separated rows.
        let tag = if self.tables == 0 && text.html.contains('\t') {
            "pre"
        } else {
            "p"
        };
        self.html.push_str(&format!("<{tag}>"));
        if let Some(label) = label {
            escape_into(&mut self.html, &label);
        }
        self.html.push_str(&text.html);
        self.html.push_str(&format!("</{tag}>"));
        if self.tables == 0 {
            self.html.push('\n');
        }
        for boxed in text.boxes {
            self.blocks(boxed);
        }
    }

    fn table(&mut self, t: &Element) {
        let rows = grid_rows(t);
        self.html.push_str("<table border=\"1\">\n");
        for (r, row) in rows.iter().enumerate() {
            self.html.push_str("<tr>");
            let mut col = 0;
            for cell in row {
                if cell.merge == Merge::Continue && covered(&rows[..r], cell.col) {
                    col = cell.col + cell.span;
                    continue;
                }
                if cell.col > col {
                    // Grid columns skipped before the cell (`w:gridBefore`, or cells merged
                    // away above): an empty cell keeps the figures under their columns.
                    self.html
                        .push_str(&format!("<td colspan=\"{}\"></td>", cell.col - col));
                }
                self.html.push_str("<td");
                if cell.span > 1 {
                    self.html.push_str(&format!(" colspan=\"{}\"", cell.span));
                }
                let down = if cell.merge == Merge::Restart {
                    rows[r + 1..]
                        .iter()
                        .take_while(|row| {
                            row.iter()
                                .any(|c| c.col == cell.col && c.merge == Merge::Continue)
                        })
                        .count()
                } else {
                    0
                };
                if down > 0 {
                    self.html.push_str(&format!(" rowspan=\"{}\"", down + 1));
                }
                self.html.push('>');
                self.tables += 1;
                self.blocks(cell.element);
                self.tables -= 1;
                self.html.push_str("</td>");
                col = cell.col + cell.span;
            }
            self.html.push_str("</tr>\n");
        }
        self.html.push_str("</table>\n");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// A table cell placed on the table's grid.
struct GridCell<'a> {
    col: usize,
    span: usize,
    merge: Merge,
    element: &'a Element,
}

/// Whether a cell above starts at this grid column (so a continuation cell is merged into it).
fn covered(above: &[Vec<GridCell>], col: usize) -> bool {
    above.iter().any(|row| row.iter().any(|c| c.col == col))
}

/// The rows of a table, each cell at its grid column. Rows and cells may sit inside content
/// controls or custom XML; a legacy horizontal merge (`w:hMerge`) widens the cell it continues.
fn grid_rows(t: &Element) -> Vec<Vec<GridCell<'_>>> {
    let mut rows = Vec::new();
    for tr in flattened(t, "tr") {
        let row_props = tr.child("trPr");
        let before = row_props
            .and_then(|p| p.child_val("gridBefore"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut col = before;
        let mut row: Vec<GridCell> = Vec::new();
        for tc in flattened(tr, "tc") {
            let props = tc.child("tcPr");
            let span = props
                .and_then(|p| p.child_val("gridSpan"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            if props
                .and_then(|p| p.child("hMerge"))
                .is_some_and(|m| m.attr("val") != Some("restart"))
            {
                if let Some(last) = row.last_mut() {
                    last.span += span;
                    col += span;
                    continue;
                }
            }
            let merge = match props.and_then(|p| p.child("vMerge")) {
                None => Merge::None,
                Some(m) if m.attr("val") == Some("restart") => Merge::Restart,
                Some(_) => Merge::Continue,
            };
            row.push(GridCell {
                col,
                span,
                merge,
                element: tc,
            });
            col += span;
        }
        rows.push(row);
    }
    rows
}

/// The children named `name`, looking through content controls and custom XML around them.
fn flattened<'a>(parent: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    for e in parent.elements() {
        if e.name == name {
            out.push(e);
        } else if matches!(e.name.as_str(), "sdt" | "sdtContent" | "customXml") {
            out.extend(flattened(e, name));
        }
    }
    out
}

/// A paragraph's text as HTML, and the text boxes anchored in it (read after it).
struct Inline<'a, 's> {
    html: String,
    boxes: Vec<&'a Element>,
    styles: &'s Styles,
    /// Whether the paragraph's style hides its text (a run may show it again).
    hidden: bool,
}

impl<'a> Inline<'a, '_> {
    fn content(&mut self, parent: &'a Element) {
        for e in parent.elements() {
            match e.name.as_str() {
                "r" => self.run(e),
                "hyperlink" | "smartTag" | "ins" | "moveTo" | "fldSimple" | "customXml"
                | "sdtContent" | "dir" | "bdo" | "oMath" | "oMathPara" => self.content(e),
                "sdt" => {
                    if let Some(c) = e.child("sdtContent") {
                        self.content(c);
                    }
                }
                // Of the two versions of the content, the first (`mc:Choice`).
                "AlternateContent" => {
                    if let Some(choice) = e.elements().next() {
                        self.content(choice);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &'a Element) {
        let props = r.child("rPr");
        let on = |name: &str| is_on(props.and_then(|p| p.child(name)));
        // Hidden by the run, or by its character style or its paragraph's style unless the run
        // shows it again. (`webHidden` hides text in Web Layout only: printed, it shows.)
        let own = props.and_then(|p| p.child("vanish"));
        let styled = self.styles.hides(props.and_then(|p| p.child_val("rStyle"))) || self.hidden;
        if own.map_or(styled, |v| is_on(Some(v))) {
            return;
        }
        let mut text = String::new();
        for e in r.elements() {
            match e.name.as_str() {
                "t" => text.push_str(&e.text()),
                "tab" | "ptab" => text.push('\t'),
                "br" | "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('-'),
                "AlternateContent" | "drawing" | "pict" | "object" => self.find_boxes(e),
                _ => {}
            }
        }
        if text.is_empty() {
            return;
        }
        let vertical = props.and_then(|p| p.child_val("vertAlign"));
        let mut tags: Vec<&str> = Vec::new();
        if on("b") {
            tags.push("b");
        }
        if vertical == Some("superscript") {
            tags.push("sup");
        } else if vertical == Some("subscript") {
            tags.push("sub");
        }
        if on("strike") || on("dstrike") {
            tags.push("s");
        }
        for t in &tags {
            self.html.push_str(&format!("<{t}>"));
        }
        escape_into(&mut self.html, &text);
        for t in tags.iter().rev() {
            self.html.push_str(&format!("</{t}>"));
        }
    }

    /// Text boxes in a drawing; of a shape's two copies (`mc:Choice` and its VML
    /// `mc:Fallback`), the first.
    fn find_boxes(&mut self, e: &'a Element) {
        for k in &e.kids {
            let Node::Element(c) = k else { continue };
            match c.name.as_str() {
                "txbxContent" => self.boxes.push(c),
                "Fallback" => {}
                _ => self.find_boxes(c),
            }
        }
    }
}

#[cfg(test)]
mod tests;
