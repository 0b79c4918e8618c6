//! HTML → text lines, every character mapped back to its byte range in the HTML source.
//!
//! The page is parsed by html5ever's WHATWG tree builder (through `scraper`), so gongkai reads
//! what a browser shows: implied end tags (`</td>`, `</tr>`, `</p>`, `</head>` left out), a page
//! inside a `<form>`, comments and conditional comments, `<![CDATA[…]]>`, scripts and styles
//! holding `</td>` or `<`, entities with or without `;`. The tree does not know where its text was
//! in the source, so each text node is aligned to the source in document order (markup skipped,
//! entities counted as the characters they decode to): that alignment is what keeps provenance.
//!
//! Table rows become lines with cells separated by tabs, in printed order (rowspan/colspan are
//! ignored on purpose: cells are matched by row label and order, never by column position), a
//! row that leaves out its trailing empty cells padded to its table's width ([`super::html_grid`]); a
//! cell that holds a table is layout, not a cell. `<pre>` keeps its lines. Scripts, styles,
//! navigation, headers, footers, controls and elements whose class/id names a menu are dropped;
//! but a text field, text box or drop-down list inside a table cell shows its value, as a
//! reporting system's print page of its form prints its figures (`<td><input value="12"
//! readonly></td>`).

use super::form_fields::{field_chars, is_text_field, shown_controls};
use super::MChar;
use ego_tree::iter::Edge;
use scraper::{node::Element, Html, Node};
// Node ids are small integers: FxHash, not SipHash, for the sets of wrapper and layout cells.
use rustc_hash::FxHashSet as HashSet;

/// Elements whose content is not the report. Text struck out (`<del>`, and `<s>` as Word saves
/// its strikethrough) is a correction's old text: a figure struck beside its new value
/// ("<s>99</s>60") read with it as 9960.
const SKIP_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "select", "button", "iframe", "svg", "object", "textarea", "input", "math", "del", "s",
    "strike",
];

const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "dd",
    "dt",
    "dl",
    "blockquote",
    "pre",
    "hr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "main",
    "form",
    "fieldset",
    "center",
    "address",
    "figure",
    "figcaption",
    "listing",
    "xmp",
];

const CHROME_CLASS_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "breadcrumb",
    "crumb",
    "share",
    "sidebar",
    "topbar",
    "copyright",
];

/// Elements whose text the tokenizer reads literally (no markup, no entities inside).
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Extract the text of an HTML document.
pub fn extract(src: &str) -> Vec<MChar> {
    extract_page(src).0
}

/// The page's text as [`extract`] gives it, and the text of its `<title>` (the head is not
/// text a browser shows, but some pages print their report's title nowhere else).
pub fn extract_page(src: &str) -> (Vec<MChar>, Option<String>) {
    extract_at(src, true)
}

/// [`extract_page`]; `scripts`: whether a report the page's scripts write in is looked for (not
/// again inside such a report: [`super::scripted`]).
fn extract_at(src: &str, scripts: bool) -> (Vec<MChar>, Option<String>) {
    let dom = Html::parse_document(src);
    let title = head_title(&dom);
    let wrappers = wrapper_tables(&dom);
    let layout_cells = layout_cells(&dom, &wrappers);
    let link_columns = link_columns(&dom, &layout_cells);
    let short_rows = super::html_grid::missing_trailing_cells(&dom, &wrappers, &layout_cells);
    let merged_zeros = super::merged_zeros::merged_zero_cells(&dom, &wrappers, &layout_cells);
    let grid_roles = super::div_tables::grid_roles(&dom);
    let sheet_hidden = super::html_sheet::hidden_elements(&dom);
    let controls = shown_controls(&dom);
    let page = Page {
        dom: &dom,
        src,
        wrappers: &wrappers,
        layout_cells: &layout_cells,
        short_rows: &short_rows,
        merged_zeros: &merged_zeros,
        grid_roles: &grid_roles,
        scripts,
        link_columns: &link_columns,
        sheet_hidden: &sheet_hidden,
        controls: &controls,
    };
    let (mut out, mut unshown) = page.walk(None);
    // A report a script reveals (hidden until it runs: WeChat's `visibility: hidden` article).
    let hidden = |id: ego_tree::NodeId, e: &Element| is_hidden(e) || sheet_hidden.contains(&id);
    if let Some(id) = super::scripted::revealed_element(&dom, &out, &hidden, is_skipped) {
        (out, unshown) = page.walk(Some(id));
    }
    if let Some((at, html)) = super::scripted::report_in_scripts(&out, &unshown) {
        let written = scripted_page(&html);
        let at = at.min(out.len());
        let edge = |i: usize| html.get(i).map_or(0, |m| m.s as usize);
        let mut spliced = Vec::with_capacity(written.len() + 2);
        spliced.push(MChar::new('\n', edge(0), edge(0)));
        spliced.extend(written);
        let end = html.last().map_or(0, |m| m.e as usize);
        spliced.push(MChar::new('\n', end, end));
        out.splice(at..at, spliced);
    }
    (out, title)
}

/// A parsed page and what is known of its tables before it is walked.
struct Page<'a> {
    dom: &'a Html,
    src: &'a str,
    wrappers: &'a HashSet<ego_tree::NodeId>,
    layout_cells: &'a HashSet<ego_tree::NodeId>,
    short_rows: &'a rustc_hash::FxHashMap<ego_tree::NodeId, usize>,
    /// Cells holding a 0 merged over zero cells, with the columns each covers
    /// ([`super::merged_zeros`]): written as that many cells.
    merged_zeros: &'a rustc_hash::FxHashMap<ego_tree::NodeId, usize>,
    /// Rows and cells of tables laid out as grids of blocks ([`super::div_tables`]).
    grid_roles: &'a rustc_hash::FxHashMap<ego_tree::NodeId, &'static str>,
    /// Whether scripts' and text boxes' text is kept for [`super::scripted`].
    scripts: bool,
    /// Columns of links beside a page's text ([`link_columns`]): not read.
    link_columns: &'a HashSet<ego_tree::NodeId>,
    /// Elements the page's style sheets hide, and white text on a white page
    /// ([`super::html_sheet`]).
    sheet_hidden: &'a HashSet<ego_tree::NodeId>,
    /// Text boxes and drop-down lists in table cells, and their options: whether a browser
    /// shows each ([`shown_controls`]).
    controls: &'a rustc_hash::FxHashMap<ego_tree::NodeId, bool>,
}

impl Page<'_> {
    /// The text the page shows (with `reveal`, a hidden element shown too), and the text of
    /// its scripts and text boxes, each where it stands.
    fn walk(&self, reveal: Option<ego_tree::NodeId>) -> (Vec<MChar>, Vec<super::scripted::Hidden>) {
        let mut w = Walker {
            out: Vec::with_capacity(self.src.len() / 3),
            align: Aligner::new(self.src),
            skip_depth: 0,
            cell_depth: 0,
            rows: Vec::new(),
            pre_depth: 0,
            break_space: None,
            bold_depth: 0,
            lead_from: None,
            lead_gap: None,
            sup_depth: 0,
        };
        // Where the text of a merged zero cell being walked starts in `w.out`.
        let mut zero_cell_from: Vec<usize> = Vec::new();
        let mut unshown: Vec<super::scripted::Hidden> = Vec::new();
        for edge in self.dom.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => {
                        let parent = node.parent().and_then(|p| p.value().as_element());
                        let holder = parent.map(|e| e.name());
                        let shown_box = node
                            .parent()
                            .is_some_and(|p| self.controls.get(&p.id()) == Some(&true));
                        if self.scripts
                            && matches!(holder, Some("script" | "textarea"))
                            && !shown_box
                        {
                            let script = holder == Some("script");
                            unshown.push(super::scripted::Hidden {
                                at: w.out.len(),
                                chars: w.unshown_text(&t.text, script),
                                script,
                            });
                            continue;
                        }
                        let raw = parent.is_some_and(|e| RAW_TEXT_ELEMENTS.contains(&e.name()));
                        w.text(&t.text, raw);
                    }
                    Node::Element(_) if self.wrappers.contains(&node.id()) => {}
                    Node::Element(_) if self.link_columns.contains(&node.id()) => {
                        w.skip_depth += 1;
                    }
                    Node::Element(e) => {
                        if self.merged_zeros.contains_key(&node.id()) {
                            zero_cell_from.push(w.out.len());
                        }
                        let control = self.controls.get(&node.id()).copied();
                        let sheet_hidden = self.sheet_hidden.contains(&node.id());
                        w.open(
                            e,
                            self.layout_cells.contains(&node.id()),
                            reveal == Some(node.id())
                                || (control == Some(true) && !sheet_hidden && !is_hidden(e)),
                            self.grid_roles.get(&node.id()).copied(),
                            sheet_hidden || control == Some(false),
                        )
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if self.wrappers.contains(&node.id()) {
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        if let Some(&blanks) = self.short_rows.get(&node.id()) {
                            w.blank_cells(blanks);
                        }
                        if let Some(&cols) = self.merged_zeros.get(&node.id()) {
                            let from = zero_cell_from.pop().unwrap_or(w.out.len());
                            w.merged_zero(from, cols);
                        }
                        w.close(
                            e,
                            self.layout_cells.contains(&node.id()),
                            self.grid_roles.get(&node.id()).copied(),
                        );
                    }
                }
            }
        }
        (w.out, unshown)
    }
}

/// The text of the HTML a script writes (each character with the source range that spells it),
/// read as a page, its ranges mapped back to the script's source.
fn scripted_page(html: &[MChar]) -> Vec<MChar> {
    page_of_chars(html, false).0
}

/// The text (and `<title>`) of a page whose HTML is `html`, characters decoded from somewhere
/// else (a script's string, a JSON record's), each mapped back to the source bytes that spell
/// its character; `scripts` as in [`extract_at`].
pub(super) fn page_of_chars(html: &[MChar], scripts: bool) -> (Vec<MChar>, Option<String>) {
    let mut decoded = String::with_capacity(html.len() * 3);
    // For each byte of `decoded`, the index of its character in `html`.
    let mut owner: Vec<u32> = Vec::with_capacity(html.len() * 3);
    for (i, m) in html.iter().enumerate() {
        decoded.push(m.c);
        owner.resize(decoded.len(), i as u32);
    }
    let (chars, title) = extract_at(&decoded, scripts);
    let source_of = |byte: u32, end: bool| -> u32 {
        let b = if end { byte.saturating_sub(1) } else { byte } as usize;
        match owner.get(b) {
            Some(&i) if end => html[i as usize].e,
            Some(&i) => html[i as usize].s,
            None => html.last().map_or(0, |m| m.e),
        }
    };
    let mapped = chars
        .into_iter()
        .map(|m| {
            let s = source_of(m.s, false);
            let e = if m.e > m.s { source_of(m.e, true) } else { s };
            MChar { c: m.c, s, e }
        })
        .collect();
    (mapped, title)
}

/// The text of the document's first `<title>` element, white space squashed; `None` when empty.
fn head_title(dom: &Html) -> Option<String> {
    let title = dom.tree.root().descendants().find(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| e.name() == "title" && e.name.ns == markup5ever::ns!(html))
    })?;
    let mut s = String::new();
    for t in title.descendants().filter_map(|n| n.value().as_text()) {
        s.push_str(t);
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.contains("报告") {
        return Some(s);
    }
    // A <title> that is only the site's name: government CMS pages carry the article's own
    // title in a meta element (<meta name="ArticleTitle" content="…">, 政府网站集约化平台).
    let meta = dom.tree.root().descendants().find_map(|n| {
        let e = n.value().as_element()?;
        if e.name() != "meta" {
            return None;
        }
        let key = e.attr("name").or_else(|| e.attr("property"))?;
        let content = e.attr("content")?;
        (TITLE_META_NAMES.iter().any(|k| key.eq_ignore_ascii_case(k)) && content.contains("报告"))
            .then(|| content.split_whitespace().collect::<Vec<_>>().join(" "))
    });
    meta.or((!s.is_empty()).then_some(s))
}

/// Names of the meta elements that carry a page's article title.
const TITLE_META_NAMES: &[&str] = &["ArticleTitle", "og:title", "title", "Title"];

/// Table cells that are page layout rather than data: a cell that holds a table, or more text
/// than any table cell's label or figure (a page laid out in a table), and the cells beside
/// such a cell of text. Their content flows as blocks rather than as one cell.
fn layout_cells(dom: &Html, wrappers: &HashSet<ego_tree::NodeId>) -> HashSet<ego_tree::NodeId> {
    /// More characters than this in one cell (its nested cells included) make it layout: the
    /// longest row label of the template is under 60.
    const MAX_DATA_CELL_CHARS: usize = 300;
    let mut out = HashSet::default();
    // Open cells, innermost last: (cell, characters of text inside it so far).
    let mut open_cells: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    // Cells holding more text than a data cell: a page's column.
    let mut prose_cells = Vec::new();
    for edge in dom.tree.root().traverse() {
        match edge {
            Edge::Open(node) if wrappers.contains(&node.id()) => {}
            Edge::Close(node) if wrappers.contains(&node.id()) => {}
            Edge::Open(node) => match node.value() {
                Node::Element(e) if matches!(e.name(), "td" | "th") => {
                    open_cells.push((node.id(), 0))
                }
                Node::Element(e) if e.name() == "table" => {
                    if let Some(&(cell, _)) = open_cells.last() {
                        out.insert(cell);
                    }
                }
                Node::Text(t) => {
                    if let Some((_, chars)) = open_cells.last_mut() {
                        *chars += t.text.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if !matches!(
                    node.value().as_element().map(|e| e.name()),
                    Some("td" | "th")
                ) {
                    continue;
                }
                let Some((cell, chars)) = open_cells.pop() else {
                    continue;
                };
                if chars > MAX_DATA_CELL_CHARS {
                    out.insert(cell);
                    prose_cells.push(cell);
                }
                if let Some((outer, outer_chars)) = open_cells.last_mut() {
                    *outer_chars += chars;
                    // A cell around a layout cell is layout too.
                    if out.contains(&cell) {
                        out.insert(*outer);
                    }
                }
            }
        }
    }
    // The other cells of a page's column's row are the page's other columns (a sidebar's list
    // of related reports, a menu): blocks too, each item on its line, as a browser shows them.
    for cell in prose_cells {
        let row = dom.tree.get(cell).and_then(|c| c.parent());
        for sibling in row.iter().flat_map(|r| r.children()) {
            if matches!(
                sibling.value().as_element().map(|e| e.name()),
                Some("td" | "th")
            ) {
                out.insert(sibling.id());
            }
        }
    }
    out
}

/// The layout cells that are a column of links beside the page's text (a sidebar listing the
/// agency's other reports with their dates, a menu): at least two links, which hold most of its
/// text. Read, a link there named another report's title and year before the report's own
/// ("相关报告" / "某局2023年…年度报告 2024-01-20" / …), and was taken for the report's.
fn link_columns(dom: &Html, layout_cells: &HashSet<ego_tree::NodeId>) -> HashSet<ego_tree::NodeId> {
    let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let mut out = HashSet::default();
    for &id in layout_cells {
        let Some(cell) = dom.tree.get(id) else {
            continue;
        };
        let (mut all, mut linked, mut links) = (0, 0, 0);
        // (Its descendants after itself.)
        for n in cell.descendants().skip(1) {
            match n.value() {
                Node::Text(t) => {
                    let chars = visible(&t.text);
                    all += chars;
                    let in_link = n
                        .ancestors()
                        .take_while(|a| a.id() != id)
                        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"));
                    if in_link {
                        linked += chars;
                    }
                }
                Node::Element(e) if e.name() == "a" => links += 1,
                Node::Element(e) if matches!(e.name(), "table" | "td") => {
                    // A column holding a table holds more than links.
                    all += 1_000;
                }
                _ => {}
            }
        }
        if links >= 2 && linked * 3 >= all * 2 {
            out.insert(id);
        }
    }
    out
}

/// Whether `node` stands in a table's cell (`<td>`, `<th>`), not in a table of its own inside
/// it. A few levels up at most: a hostile page nests thousands of elements.
pub(super) fn in_table_cell(node: &ego_tree::NodeRef<Node>) -> bool {
    node.ancestors()
        .take(16)
        .find_map(|a| match a.value().as_element().map(|e| e.name()) {
            Some("td" | "th") => Some(true),
            Some("table") => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// Tables of one row of one cell inside a table cell, with their row groups, row and cell: a
/// wrapper around the cell's content (editors write `<td><table><tr><td>&nbsp;</td></tr>
/// </table></td>`), read as the content of the outer cell. Taken for a layout table, the outer
/// row lost its blank cells.
fn wrapper_tables(dom: &Html) -> HashSet<ego_tree::NodeId> {
    let mut out = HashSet::default();
    fn element<'a>(n: &ego_tree::NodeRef<'a, Node>) -> Option<&'a str> {
        n.value().as_element().map(|e| e.name())
    }
    for node in dom.tree.root().descendants() {
        if element(&node) != Some("table") {
            continue;
        }
        if !in_table_cell(&node) {
            continue;
        }
        // The table's rows: its own, or those of its row groups.
        let mut parts = vec![node.id()];
        let mut rows = Vec::new();
        let mut bare = true;
        for child in node.children() {
            match element(&child) {
                Some("tr") => rows.push(child),
                Some("tbody" | "thead" | "tfoot") => {
                    parts.push(child.id());
                    rows.extend(child.children().filter(|c| element(c) == Some("tr")));
                }
                // A caption or columns: a table of its own, not a wrapper.
                Some(_) => bare = false,
                None => {}
            }
        }
        let [row] = rows.as_slice() else { continue };
        if !bare {
            continue;
        }
        let cells: Vec<_> = row
            .children()
            .filter(|c| matches!(element(c), Some("td" | "th")))
            .collect();
        let [cell] = cells.as_slice() else { continue };
        parts.push(row.id());
        parts.push(cell.id());
        out.extend(parts);
    }
    out
}

struct Walker<'a> {
    out: Vec<MChar>,
    align: Aligner<'a>,
    /// Depth inside a dropped element (0: not inside one).
    skip_depth: usize,
    /// Depth inside table cells (blocks inside a cell stay inside the cell).
    cell_depth: usize,
    /// Per open table row: the cells seen so far.
    rows: Vec<usize>,
    pre_depth: usize,
    /// The space that a line break of the source between wide characters collapsed into, by
    /// its place in `out`: a browser drops it when a wide character follows too (CSS Text 3,
    /// segment breaks: "申\n请" reads 申请, not 申 请).
    break_space: Option<usize>,
    /// Depth inside bold elements, and where in `out` the outermost one began when it began a
    /// line: a bold run-in title ("<strong>主动公开</strong>拓宽…") is set apart by its weight
    /// alone, and read as text it would run into its paragraph.
    bold_depth: usize,
    lead_from: Option<usize>,
    /// Where a space goes if the next character runs straight on from a bold run-in title.
    lead_gap: Option<usize>,
    /// Depth inside `<sup>`: a digit printed raised is a footnote's number, no digit of the
    /// figure before it ("524<sup>1</sup>" shows 524¹, not 5241).
    sup_depth: usize,
}

/// A digit as printed raised (⁰ ¹ ² … ⁹).
fn raised(d: char) -> char {
    match d {
        '1' => '\u{b9}',
        '2' => '\u{b2}',
        '3' => '\u{b3}',
        _ => char::from_u32(0x2070 + (d as u32 - '0' as u32)).unwrap_or(d),
    }
}

/// Characters around which a line break of the source is no space: Han and the full-width
/// punctuation and forms of CJK text.
fn is_wide(c: char) -> bool {
    crate::ingest::normalize::is_han(c)
        || matches!(c, '\u{3001}'..='\u{303f}' | '\u{ff01}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

impl Walker<'_> {
    /// An element opens; `revealed`: shown although hidden (see [`super::scripted`]); `role`:
    /// the table part a grid of blocks makes it; `sheet_hidden`: hidden by the page's style sheet.
    fn open(
        &mut self,
        e: &Element,
        layout_cell: bool,
        revealed: bool,
        role: Option<&'static str>,
        sheet_hidden: bool,
    ) {
        if self.skip_depth == 0
            && self.cell_depth > 0
            && !sheet_hidden
            && !is_hidden(e)
            && is_text_field(e)
        {
            self.field_value(e);
        }
        if self.skip_depth > 0 || ((sheet_hidden || is_skipped(e)) && !revealed) {
            self.skip_depth += 1;
            return;
        }
        let at = self.align.pos;
        if is_bold(e) {
            if self.bold_depth == 0
                && self.cell_depth == 0
                && self.pre_depth == 0
                && self.at_line_start()
            {
                self.lead_from = Some(self.out.len());
            }
            self.bold_depth += 1;
        }
        match role
            .or_else(|| table_role(e))
            .or_else(|| superscript_span(e))
            .unwrap_or(e.name())
        {
            "tr" => {
                self.push_break(at);
                self.rows.push(0);
            }
            "sup" => self.sup_depth += 1,
            "img" => self.image_heading(e, at),
            "td" | "th" if !layout_cell => {
                if let Some(cells) = self.rows.last_mut() {
                    if *cells > 0 {
                        self.out.push(MChar::new('\t', at, at));
                    }
                    *cells += 1;
                }
                self.cell_depth += 1;
            }
            n => {
                if matches!(n, "pre" | "listing" | "xmp" | "plaintext") {
                    self.pre_depth += 1;
                }
                if BLOCK_ELEMENTS.contains(&n) || layout_cell {
                    self.block(at);
                }
            }
        }
    }

    /// A heading printed as a picture, read from its alternative text as a line of its own
    /// ([`super::image_text`]); any other picture is no text.
    fn image_heading(&mut self, e: &Element, at: usize) {
        let alt = attr(e, &markup5ever::local_name!("alt"));
        let title = attr(e, &markup5ever::local_name!("title"));
        let Some(text) = super::image_text::heading(alt, title) else {
            return;
        };
        self.block(at);
        let chars = super::image_text::mapped(self.align.src, at, &text);
        let end = chars.last().map_or(at, |m| m.e as usize);
        self.out.extend(chars);
        self.block(end);
    }

    /// A merged zero cell whose text starts at `from` in `out`, written as the `cols` cells it
    /// covers: its 0 again after a tab for each (each mapped to the one 0 in the source).
    fn merged_zero(&mut self, from: usize, cols: usize) {
        let shown: Vec<&MChar> = self.out[from.min(self.out.len())..]
            .iter()
            .filter(|m| !m.c.is_whitespace())
            .collect();
        let [zero] = shown.as_slice() else { return };
        if zero.c != '0' {
            return;
        }
        let zero = **zero;
        for _ in 1..cols {
            self.out
                .push(MChar::new('\t', zero.e as usize, zero.e as usize));
            self.out.push(zero);
        }
    }

    /// Blank cells a row left out at its end, where the browser shows them: each one more field.
    fn blank_cells(&mut self, n: usize) {
        if self.skip_depth > 0 || self.rows.last().is_none_or(|&cells| cells == 0) {
            return;
        }
        let at = self.align.pos;
        for _ in 0..n {
            self.out.push(MChar::new('\t', at, at));
        }
    }

    fn close(&mut self, e: &Element, layout_cell: bool, role: Option<&'static str>) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        let at = self.align.pos;
        if is_bold(e) && self.bold_depth > 0 {
            self.bold_depth -= 1;
            if self.bold_depth == 0 {
                if let Some(from) = self.lead_from.take() {
                    if is_run_in_title(&self.out[from..]) {
                        self.lead_gap = Some(self.out.len());
                    }
                }
            }
        }
        match role
            .or_else(|| table_role(e))
            .or_else(|| superscript_span(e))
            .unwrap_or(e.name())
        {
            "tr" => {
                self.rows.pop();
            }
            "sup" => self.sup_depth = self.sup_depth.saturating_sub(1),
            "td" | "th" if !layout_cell => self.cell_depth = self.cell_depth.saturating_sub(1),
            n => {
                if matches!(n, "pre" | "listing" | "xmp" | "plaintext") {
                    self.pre_depth = self.pre_depth.saturating_sub(1);
                }
                if BLOCK_ELEMENTS.contains(&n) || layout_cell {
                    self.block(at);
                }
            }
        }
    }

    /// Nothing but white space since the last line break.
    /// (Looks back a bounded way: a line with many bold runs is not scanned again for each.)
    fn at_line_start(&self) -> bool {
        for m in self.out.iter().rev().take(32) {
            if m.c == '\n' {
                return true;
            }
            if !m.c.is_whitespace() {
                return false;
            }
        }
        true
    }

    /// A block boundary: a new line, or a space inside a table cell.
    fn block(&mut self, at: usize) {
        if self.cell_depth > 0 {
            if self
                .out
                .last()
                .is_some_and(|m| !matches!(m.c, '\t' | ' ' | '\n'))
            {
                self.out.push(MChar::new(' ', at, at));
            }
        } else {
            self.push_break(at);
        }
    }

    fn text(&mut self, text: &str, raw: bool) {
        let dropped = self.skip_depth > 0;
        for c in text.chars() {
            let (s, e) = self.align.next(c, raw);
            if !dropped {
                self.put(c, s, e);
            }
        }
    }

    /// The value a text field in a table cell shows (`<input type="text" value="12"
    /// readonly>`, as online reporting systems print their forms), read as the cell's text,
    /// each character mapped to where the tag's `value` attribute spells it.
    fn field_value(&mut self, e: &Element) {
        let Some(value) = attr(e, &markup5ever::local_name!("value")) else {
            return;
        };
        if value.trim().is_empty() {
            return;
        }
        let (chars, end) = field_chars(self.align.src, self.align.pos, value);
        if let Some(end) = end {
            // Text after the field is after its tag.
            self.align.pos = end;
        }
        for m in chars {
            self.put(m.c, m.s as usize, m.e as usize);
        }
    }

    /// One character of text shown, at `s..e` in the source: white space collapsed as a
    /// browser does.
    fn put(&mut self, c: char, s: usize, e: usize) {
        if self.pre_depth > 0 && self.cell_depth == 0 {
            // Preformatted: every line and every space as printed.
            self.out.push(MChar::new(c, s, e));
            return;
        }
        let segment_break = matches!(c, '\n' | '\r');
        let c = if segment_break || matches!(c, '\t' | '\u{c}') {
            ' '
        } else if self.sup_depth > 0 && c.is_ascii_digit() {
            raised(c)
        } else {
            c
        };
        // HTML collapses runs of white space.
        if c == ' ' && self.out.last().is_some_and(|m| m.c == ' ' || m.c == '\n') {
            if segment_break && self.out.last().is_some_and(|m| m.c == ' ') {
                let n = self.out.len();
                if n >= 2 && is_wide(self.out[n - 2].c) {
                    self.break_space = Some(n - 1);
                }
            }
            return;
        }
        if c != ' ' {
            if let Some(i) = self.break_space.take() {
                if is_wide(c) && i + 1 == self.out.len() && self.out[i].c == ' ' {
                    self.out.pop();
                }
            }
            // A source space between title and text is kept or dropped above; none left
            // means the bold title ran straight on.
            if let Some(gap) = self.lead_gap.take() {
                if gap == self.out.len() && runs_on(c) {
                    self.out.push(MChar::new(' ', s, s));
                }
            }
        } else if segment_break && self.out.last().is_some_and(|m| is_wide(m.c)) {
            self.break_space = Some(self.out.len());
        }
        self.out.push(MChar::new(c, s, e));
    }

    /// A script's or text box's text, aligned to the source as any text is (a script's raw),
    /// kept with its source ranges: never shown, but [`super::scripted`] may read a report out
    /// of it.
    fn unshown_text(&mut self, text: &str, raw: bool) -> Vec<MChar> {
        let mut chars = Vec::with_capacity(text.len());
        for c in text.chars() {
            let (s, e) = self.align.next(c, raw);
            chars.push(MChar::new(c, s, e));
        }
        chars
    }

    fn push_break(&mut self, at: usize) {
        self.lead_gap = None;
        while self.out.last().is_some_and(|m| m.c == ' ') {
            self.out.pop();
        }
        if self.out.last().is_some_and(|m| m.c != '\n') {
            self.out.push(MChar::new('\n', at, at));
        }
    }
}

/// `<strong>`, `<b>`, or an inline style that sets a bold weight (Word's and WPS's pages).
/// A `<span>` styled as a superscript (`vertical-align:super`, as editors write a footnote's
/// number) is read as `<sup>`: its digits are no digits of the figure before it.
fn superscript_span(e: &Element) -> Option<&'static str> {
    if e.name() != "span" {
        return None;
    }
    let style = attr(e, &markup5ever::local_name!("style"))?;
    style
        .split(';')
        .any(|decl| {
            decl.split_once(':').is_some_and(|(prop, value)| {
                prop.trim().eq_ignore_ascii_case("vertical-align")
                    && value.trim().to_ascii_lowercase().starts_with("super")
            })
        })
        .then_some("sup")
}

fn is_bold(e: &Element) -> bool {
    if matches!(e.name(), "strong" | "b") {
        return true;
    }
    let Some(style) = attr(e, &markup5ever::local_name!("style")) else {
        return false;
    };
    style.split(';').any(|decl| {
        decl.split_once(':').is_some_and(|(prop, value)| {
            prop.trim().eq_ignore_ascii_case("font-weight")
                && matches!(
                    value
                        .trim()
                        .trim_end_matches("!important")
                        .trim()
                        .to_ascii_lowercase()
                        .as_str(),
                    "bold" | "bolder" | "600" | "700" | "800" | "900"
                )
        })
    })
}

/// Text a bold run that begins a line can be a title of: a few words that end in Han (a
/// title that ends in its own punctuation, "主动公开。", is set apart already).
fn is_run_in_title(bold: &[MChar]) -> bool {
    let text: Vec<char> = bold
        .iter()
        .map(|m| m.c)
        .filter(|c| !c.is_whitespace())
        .collect();
    (2..=24).contains(&text.len())
        && text
            .last()
            .is_some_and(|&c| crate::ingest::normalize::is_han(c))
}

/// A character that would run straight on from a title before it: Han, a letter or a digit.
fn runs_on(c: char) -> bool {
    crate::ingest::normalize::is_han(c) || c.is_alphanumeric()
}

fn is_skipped(e: &Element) -> bool {
    let name = e.name();
    if SKIP_ELEMENTS.contains(&name) || is_hidden(e) {
        return true;
    }
    if matches!(name, "div" | "ul" | "section" | "span" | "p") {
        let (class, id) = (
            attr(e, &markup5ever::local_name!("class")),
            attr(e, &markup5ever::local_name!("id")),
        );
        for v in [class, id].into_iter().flatten() {
            if v.to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| CHROME_CLASS_WORDS.contains(&w))
            {
                return true;
            }
        }
    }
    false
}

/// The value of an element's attribute without a namespace, as `Element::attr` gives it, named
/// by its interned name: `Element::attr` interns the name it is given on every call, which was
/// a twentieth of reading a page (every element is asked for four attributes).
pub(super) fn attr<'e>(e: &'e Element, name: &markup5ever::LocalName) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(q, _)| q.prefix.is_none() && q.ns == markup5ever::ns!() && q.local == *name)
        .map(|(_, v)| &**v)
}

/// The table part an element's inline style makes it (`display: table-row` a row, `table-cell`
/// a cell), as a browser lays it out and its text reads: a grid of `<div>`s so styled shows its
/// cells side by side, a tab apart in the page's text, like a `<table>`'s.
fn table_role(e: &Element) -> Option<&'static str> {
    let style = attr(e, &markup5ever::local_name!("style"))?;
    let mut role = None;
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        if prop.trim().eq_ignore_ascii_case("display") {
            let value = value.trim().to_ascii_lowercase();
            role = match value.split(|c: char| c.is_whitespace() || c == '!').next() {
                Some("table-row") => Some("tr"),
                Some("table-cell") => Some("td"),
                _ => None,
            };
        }
    }
    role.filter(|_| !matches!(e.name(), "tr" | "td" | "th"))
}

/// An element a browser does not show: the `hidden` attribute, or an inline style whose last
/// `display` is `none` or whose last `visibility` is `hidden`/`collapse`; and text set in no
/// size (`font-size: 0` on an inline element: a block so styled is a parent closing the gaps
/// between inline blocks, which set their size again) or placed far off the page
/// (`position: absolute; left: -9999px`). Pages hide digits inside figures
/// ("2<span style=\"display:none\">7</span>1" reads 21), whole cells, and copies of headings
/// this way; read as text they change figures and sections. (A descendant that sets
/// `visibility: visible` again would show; pages that hide text do not do that. Style sheets are
/// not evaluated.)
fn is_hidden(e: &Element) -> bool {
    if attr(e, &markup5ever::local_name!("hidden")).is_some() {
        return true;
    }
    let Some(style) = attr(e, &markup5ever::local_name!("style")) else {
        return false;
    };
    let (mut display_none, mut invisible, mut no_size) = (false, false, false);
    let (mut positioned, mut off_page) = (false, false);
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        let first = value.split(|c: char| c.is_whitespace() || c == '!').next();
        match prop.trim().to_ascii_lowercase().as_str() {
            "display" => display_none = first == Some("none"),
            "visibility" => invisible = matches!(first, Some("hidden" | "collapse")),
            "font-size" => no_size = first.is_some_and(is_unreadable_size),
            "position" => positioned = matches!(first, Some("absolute" | "fixed")),
            "left" | "top" | "right" => {
                off_page |= first.is_some_and(far_off_page);
            }
            _ => {}
        }
    }
    // (No size hides an inline element's text; a block so styled is the gap-closing parent.)
    let inline = is_inline_text(e.name());
    display_none || invisible || (no_size && inline) || (positioned && off_page)
}

/// An element that sets text inside a line (a `<span>`, `<font>`, `<b>`…), not a box.
pub(super) fn is_inline_text(name: &str) -> bool {
    matches!(
        name,
        "span"
            | "font"
            | "i"
            | "em"
            | "b"
            | "strong"
            | "small"
            | "sup"
            | "sub"
            | "u"
            | "s"
            | "ins"
            | "del"
            | "mark"
            | "code"
    )
}

/// A CSS font size no one reads: zero (`0`, `0px`, `0pt`, `0em`, `0.0%`), or a speck of 2px
/// (1.5pt) or less, which pages set on watermark text to hide it as surely.
pub(super) fn is_unreadable_size(v: &str) -> bool {
    match css_length(v) {
        Some((0.0, _)) => true,
        Some((n, "px")) => n <= 2.0,
        Some((n, "pt")) => n <= 1.5,
        _ => false,
    }
}

/// A CSS length's number and unit (`-9999px` → (-9999, "px"); a bare number's unit is "").
pub(super) fn css_length(v: &str) -> Option<(f64, &str)> {
    let unit_at = v
        .find(|c: char| c.is_ascii_alphabetic() || c == '%')
        .unwrap_or(v.len());
    let n = v[..unit_at].trim().parse::<f64>().ok()?;
    Some((n, &v[unit_at..]))
}

/// An offset that puts a box off any page: 1000px or more to the left or above (`-9999px`,
/// `-100em`).
fn far_off_page(v: &str) -> bool {
    match css_length(v) {
        Some((n, "px" | "pt" | "")) => n <= -1000.0,
        Some((n, "em" | "rem")) => n <= -60.0,
        _ => false,
    }
}

/// Walks the source alongside the tree's text, in document order: each character of a text
/// node is found at or after the position of the previous one, skipping markup and decoding
/// entities as the tokenizer did.
pub(super) struct Aligner<'a> {
    src: &'a str,
    pos: usize,
    tags: TagEnds<'a>,
    /// Scan steps left: text the tree holds in another order than the source (foster-parented
    /// table text) costs a bounded search, and a hostile page cannot make it quadratic.
    budget: usize,
    /// The last comment end found: (from, end).
    comment: (usize, usize),
    /// The last '>' found by `first_gt`: (from, at).
    gt: (usize, usize),
}

impl<'a> Aligner<'a> {
    /// How far a character is looked for past the position of the one before it.
    pub(super) const WINDOW: usize = 16 * 1024;

    fn new(src: &'a str) -> Self {
        Aligner {
            src,
            pos: 0,
            tags: TagEnds::new(src.as_bytes()),
            budget: 8 * src.len() + 1_000_000,
            comment: (usize::MAX, 0),
            gt: (usize::MAX, 0),
        }
    }

    /// The source range of the next text character `expected` (empty when it is not found).
    fn next(&mut self, expected: char, raw: bool) -> (usize, usize) {
        let b = self.src.as_bytes();
        let mut p = self.pos;
        let limit = (p + Self::WINDOW).min(b.len());
        while p < limit && self.budget > 0 {
            self.budget -= 1;
            let byte = b[p];
            if !raw && byte == b'<' && expected != '<' {
                if let Some(end) = self.markup_end(p) {
                    p = end;
                    continue;
                }
            }
            if !raw && byte == b'&' {
                if let Some((c, n)) = decode_entity(&self.src[p..]) {
                    if c == expected {
                        self.pos = p + n;
                        return (p, p + n);
                    }
                    p += n;
                    continue;
                }
            }
            let c = self.src[p..].chars().next().unwrap_or('\0');
            let n = c.len_utf8();
            if c == expected || (c == '\0' && expected == '\u{fffd}') {
                self.pos = p + n;
                return (p, p + n);
            }
            if c == '\r' && expected == '\n' {
                // The tokenizer reads "\r\n" and a lone "\r" as "\n".
                let n = if b.get(p + 1) == Some(&b'\n') { 2 } else { 1 };
                self.pos = p + n;
                return (p, p + n);
            }
            p += n;
        }
        (self.pos, self.pos)
    }

    /// The end (exclusive) of the markup starting at the '<' at `p`, or None for a literal '<'.
    fn markup_end(&mut self, p: usize) -> Option<usize> {
        let rest = &self.src[p..];
        if rest.starts_with("<!--") {
            return Some(self.comment_end(p));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            // A doctype, `<![CDATA[…]]>` or another bogus comment: it ends at the first '>',
            // quotes or not.
            return Some(self.first_gt(p + 2).map_or(self.src.len(), |gt| gt + 1));
        }
        self.tags.end(p).map(|gt| gt + 1)
    }

    /// The first '>' at or after `from` (remembered, so that many '<!' before one '>' cost one
    /// scan).
    fn first_gt(&mut self, from: usize) -> Option<usize> {
        let (f, gt) = self.gt;
        if f <= from && from <= gt {
            return (gt < self.src.len()).then_some(gt);
        }
        let gt = find(self.src, from, ">").unwrap_or(self.src.len());
        self.gt = (from, gt);
        (gt < self.src.len()).then_some(gt)
    }

    /// A comment ends at "-->" or "--!>"; "<!-->" and "<!--->" are empty comments; an unclosed
    /// one runs to the end of the page.
    fn comment_end(&mut self, p: usize) -> usize {
        let body = p + 4;
        let rest = &self.src[body..];
        if rest.starts_with('>') {
            return body + 1;
        }
        if rest.starts_with("->") {
            return body + 2;
        }
        let (from, end) = self.comment;
        if from <= body && body < end {
            return end;
        }
        let end = find(self.src, body, "--")
            .and_then(|mut q| loop {
                let after = &self.src[q + 2..];
                if after.starts_with('>') {
                    break Some(q + 3);
                }
                if after.starts_with("!>") {
                    break Some(q + 4);
                }
                q = find(self.src, q + 1, "--")?;
            })
            .unwrap_or(self.src.len());
        self.comment = (body, end);
        end
    }
}

/// Decode the character reference at the start of `s` (which starts with '&') as the tokenizer
/// does in text: numeric with or without ';', named from html5ever's own table (the legacy
/// names such as `&nbsp` also without ';'). Returns (first char, length in bytes).
pub(super) fn decode_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let digits = b[start..]
            .iter()
            .take(8)
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let v = u32::from_str_radix(&s[start..start + digits], if hex { 16 } else { 10 }).ok()?;
        let mut len = start + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let c = match v {
            0 => '\u{fffd}',
            0x80..=0x9f => c1_replacement(v),
            _ => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((c, len));
    }
    // The longest name in the table that the text starts with (names are at most 32 bytes).
    let name_len = b[1..]
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b';')
        .count();
    (1..=name_len).rev().find_map(|n| {
        let name = s.get(1..1 + n)?;
        let &(first, _) = markup5ever::data::NAMED_ENTITIES.get(name)?;
        Some((char::from_u32(first)?, 1 + n))
    })
}

/// Windows-1252 characters for numeric references in 0x80–0x9F, as browsers read them.
fn c1_replacement(v: u32) -> char {
    markup5ever::data::C1_REPLACEMENTS
        .get((v - 0x80) as usize)
        .copied()
        .flatten()
        .unwrap_or_else(|| char::from_u32(v).unwrap_or('\u{fffd}'))
}

/// Finds the '>' closing a tag that starts at a '<', honouring quoted attribute values, in time
/// linear in the page as a whole.
///
/// A tag ends at the first '>' outside quotes, within 64 KiB (a longer "tag" is text). Scanning
/// afresh from every '<' is quadratic on broken pages: in `<a"<a"<a"…` or `<a<a<a…` every scan
/// runs 64 KiB and fails. Two facts make it linear: a scan from a quote met outside quotes
/// goes on the same way whichever '<' it began at (so its outcome is memoised per quote), and
/// the '<'s are asked about in increasing order (so the first '>' or quote after the last one
/// asked about is remembered).
struct TagEnds<'a> {
    b: &'a [u8],
    /// Opening quote → the first '>' outside quotes after its closing quote (None: none).
    after_quote: rustc_hash::FxHashMap<usize, Option<usize>>,
    /// (from, at): no '>' or quote in `from..at`; `at` is one, or the end of the page.
    next_event: (usize, usize),
}

impl<'a> TagEnds<'a> {
    /// A tag longer than this is text, which keeps broken pages readable.
    const MAX_TAG: usize = 65_536;

    fn new(b: &'a [u8]) -> Self {
        TagEnds {
            b,
            after_quote: Default::default(),
            next_event: (usize::MAX, 0),
        }
    }

    fn is_event(c: u8) -> bool {
        matches!(c, b'>' | b'"' | b'\'')
    }

    /// Index of the '>' closing a tag that starts at `start` (`start`s come in increasing order).
    fn end(&mut self, start: usize) -> Option<usize> {
        let b = self.b;
        let next = *b.get(start + 1)?;
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            return None;
        }
        let from = start + 1;
        let (f, at) = self.next_event;
        let at = if f <= from && from <= at {
            at
        } else {
            let at = b[from..]
                .iter()
                .position(|&c| Self::is_event(c))
                .map_or(b.len(), |p| from + p);
            self.next_event = (from, at);
            at
        };
        let end = self.gt_from(at)?;
        (end < start + Self::MAX_TAG).then_some(end)
    }

    /// The first '>' outside quotes from `at`, which is a '>', a quote or the end of the page.
    fn gt_from(&mut self, mut at: usize) -> Option<usize> {
        let b = self.b;
        let mut chain = Vec::new();
        let found = loop {
            let Some(&c) = b.get(at) else { break None };
            if c == b'>' {
                break Some(at);
            }
            if let Some(&known) = self.after_quote.get(&at) {
                break known;
            }
            chain.push(at);
            let Some(close) = b[at + 1..].iter().position(|&d| d == c) else {
                break None;
            };
            let after = at + 1 + close + 1;
            at = b[after..]
                .iter()
                .position(|&d| Self::is_event(d))
                .map_or(b.len(), |p| after + p);
        };
        for q in chain {
            self.after_quote.insert(q, found);
        }
        found
    }
}

pub(super) fn find(s: &str, from: usize, pat: &str) -> Option<usize> {
    s.get(from..)?.find(pat).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: &[MChar]) -> String {
        v.iter().map(|m| m.c).collect()
    }

    /// A line break of the source between two wide characters is no space, as in a browser
    /// (CSS Text 3); elsewhere it is one.
    #[test]
    fn bold_run_in_titles_are_set_apart() {
        let src = "<p><strong>主动公开</strong>拓宽公开渠道。</p>\
                   <p>　<span style=\"font-weight: bold\">政府信息管理</span>\n以文件为依据</p>\
                   <p>全年<b>新增</b>主动公开</p>\
                   <p><b>（一）主动公开。</b>拓宽</p>\
                   <table><tr><td><b>规章</b>3</td></tr></table>";
        assert_eq!(
            text(&extract(src)),
            "主动公开 拓宽公开渠道。\n　政府信息管理 以文件为依据\n全年新增主动公开\n（一）主动公开。拓宽\n规章3\n"
        );
    }

    #[test]
    fn line_breaks_between_han_are_dropped() {
        let t = text(&extract("<p>全年共接到申\n请25件；二\n  是队伍<b>建设\n</b>有待加强。\nword\nword 2022年\n12月</p>"));
        assert_eq!(
            t.trim(),
            "全年共接到申请25件；二是队伍建设有待加强。 word word 2022年 12月"
        );
    }

    #[test]
    fn tables_become_tab_rows_with_offsets() {
        let src = "<p>标题</p><script>x<y</script><table><tr><td><p>规章</p></td><td>&nbsp;</td><td>13</td></tr></table>";
        let v = extract(src);
        let t = text(&v);
        let fields: Vec<&str> = t
            .trim()
            .split(['\n', '\t'])
            .map(|f| f.trim_matches(' '))
            .collect();
        assert_eq!(fields, ["标题", "规章", "\u{a0}", "13"]);
        let thirteen = v.iter().position(|m| m.c == '1').unwrap();
        assert_eq!(
            &src[v[thirteen].s as usize..v[thirteen + 1].e as usize],
            "13"
        );
        let nbsp = v.iter().find(|m| m.c == '\u{a0}').unwrap();
        assert_eq!(&src[nbsp.s as usize..nbsp.e as usize], "&nbsp;");
    }

    /// The tag scan as it was before it was memoised: one scan per '<'.
    fn naive_tag_end(b: &[u8], start: usize) -> Option<usize> {
        let next = *b.get(start + 1)?;
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            return None;
        }
        let mut quote = 0u8;
        let limit = (start + TagEnds::MAX_TAG).min(b.len());
        for (j, &c) in b.iter().enumerate().take(limit).skip(start + 1) {
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                return Some(j);
            }
        }
        None
    }

    #[test]
    fn memoised_tag_ends_agree_with_a_scan_per_tag() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..400 {
            let alphabet: &[u8] = if round % 2 == 0 {
                b"<>\"'a/ "
            } else {
                b"<<aa\"\"'> "
            };
            // Round 0: a long page with few tags, to cross the 64 KiB limit.
            let (len, sparse) = if round == 0 {
                (200_000, 1000)
            } else {
                ((rand() % 300) as usize, 1)
            };
            let b: Vec<u8> = (0..len)
                .map(|_| match rand() % sparse {
                    0 => alphabet[(rand() % alphabet.len() as u64) as usize],
                    _ => b'a',
                })
                .collect();
            let mut t = TagEnds::new(&b);
            for start in (0..b.len()).filter(|&i| b[i] == b'<') {
                assert_eq!(
                    t.end(start),
                    naive_tag_end(&b, start),
                    "{start} in round {round}"
                );
            }
        }
    }

    /// The cells of the first table row that has `label`, as extracted.
    fn row_of(src: &str, label: &str) -> Vec<String> {
        let t = text(&extract(src));
        let line = t
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no line with {label} in {t:?}"));
        line.split('\t')
            .map(|c| c.trim_matches(' ').to_string())
            .collect()
    }

    /// What the hand-made tokenizer got wrong, and a browser does not (issue 15).
    #[test]
    fn reads_what_a_browser_shows() {
        let row = "<table><tr><td>规章<td>1<td>0<td>13</table>";
        // Omitted </td>: every figure kept.
        assert_eq!(row_of(row, "规章"), ["规章", "1", "0", "13"]);
        // A page inside a form (every ASP.NET site), a head never closed.
        let page = format!("<html><head><title>x</title><form><p>正文</p>{row}</form>");
        assert_eq!(row_of(&page, "规章"), ["规章", "1", "0", "13"]);
        assert!(text(&extract(&page)).contains("正文"));
        // &nbsp without ';' is a no-break space, not the end of the table.
        let nbsp = "<table><tr><td>（一）予以公开<td>&nbsp<td>5</table>";
        assert_eq!(row_of(nbsp, "予以公开"), ["（一）予以公开", "\u{a0}", "5"]);
        // A quote inside CDATA, an empty comment: neither swallows what follows.
        for before in [
            "<![CDATA[ it's ]]>",
            "<!-->",
            "<!--->",
            "<!-- <td>9</td> -->",
        ] {
            let src = format!("<p>{before}</p>{row}");
            assert_eq!(row_of(&src, "规章"), ["规章", "1", "0", "13"], "{before}");
        }
        // A script holding '</td>' and '<' is not markup.
        let src = format!("<script>if (a<b) s = '</td><td>7';</script>{row}");
        assert_eq!(row_of(&src, "规章"), ["规章", "1", "0", "13"]);
        // <pre> keeps its lines.
        assert_eq!(
            text(&extract("<pre>一、总体情况\n规章\t1</pre>")).trim(),
            "一、总体情况\n规章\t1"
        );
    }

    /// Every character of text maps back to where it is printed, entities included.
    #[test]
    fn text_maps_back_to_its_source() {
        let src = "<P CLASS=x>行&#x653F;许可&nbsp<B>12</B></P><table><tr><td>&#26412;年<td>3&amp;4";
        let v = extract(src);
        let t = text(&v);
        assert_eq!(
            t.trim_end().replace('\n', "|"),
            "行政许可\u{a0}12|本年\t3&4"
        );
        let printed: Vec<&str> = v
            .iter()
            .filter(|m| m.e > m.s)
            .map(|m| &src[m.s as usize..m.e as usize])
            .collect();
        assert_eq!(
            printed,
            [
                "行", "&#x653F;", "许", "可", "&nbsp", "1", "2", "&#26412;", "年", "3", "&amp;",
                "4"
            ]
        );
    }

    /// A reporting system's print page: its figures are read-only fields in the cells.
    #[test]
    fn form_fields_in_cells_show_their_values() {
        let src = "<table><tr><td>规章</td>\
                   <td><input type=\"text\" value=\"12\" readonly=\"readonly\"></td>\
                   <td><INPUT class=x VALUE='3'/></td>\
                   <td><input type=number value=7 data-value=\"9\"></td>\
                   <td><input type=\"hidden\" value=\"9\"><input type=checkbox value=9></td>\
                   <td><input value=\"1&#50;\"></td>\
                   <td><textarea readonly>5</textarea></td>\
                   <td><select><option>1</option><option selected>4</option></select></td>\
                   <td><select><option>0</option><option>8</option></select></td>\
                   <td><input style=\"display:none\" value=\"6\"></td>\
                   </tr></table><p><input value=\"8\"> 正文</p>";
        assert_eq!(
            row_of(src, "规章"),
            ["规章", "12", "3", "7", "", "12", "5", "4", "0", ""]
        );
        let v = extract(src);
        // A field outside a table (a search box) is no text.
        assert!(!text(&v).contains('8'), "{:?}", text(&v));
        // Each character maps to the value as the tag spells it.
        let printed: Vec<&str> = v
            .iter()
            .filter(|m| m.c.is_ascii_digit())
            .map(|m| &src[m.s as usize..m.e as usize])
            .collect();
        assert_eq!(printed, ["1", "2", "3", "7", "1", "&#50;", "5", "4", "0"]);
        let twelve = v.iter().position(|m| m.c == '1').unwrap();
        let at = v[twelve].s as usize;
        assert!(src[..at].ends_with("value=\""), "{}", &src[..at]);
    }

    #[test]
    fn drops_navigation() {
        let v = extract(
            "<div class=\"nav-menu\"><a>首页</a><div>x</div></div><p>正文</p><footer>版权</footer>",
        );
        assert_eq!(text(&v).trim(), "正文");
    }
}
