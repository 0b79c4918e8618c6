//! What the page's own style sheets (`<style>` elements) hide, and text set in white on a page
//! that is white.
//!
//! Pages guard against copying by mixing text a reader does not see into what they print: a
//! digit inside a figure (`71<span class="hid">8</span>` shows 71), a site's name inside a row
//! label, hidden by a class the page's style sheet sets `display: none`, `visibility: hidden` or
//! `font-size: 0`, or set in white (`7<font color="#ffffff">0</font>1` shows 71 on a white page).
//! Read as text, the figure is 718 or 701. Inline styles are read by `html::is_hidden`; this
//! module reads the rules of the page's `<style>` sheets as a browser cascades them, as far as
//! they hide text: the last, most specific rule wins (`.tab{display:none}` is undone by
//! `.tab.active{display:block}`, an inline `display` undoes both unless the sheet's is
//! `!important`), rules inside `@media` (a phone's or a printer's layout) do not apply, and a
//! selector is matched by `scraper` as a browser matches it.
//!
//! A whole report a sheet hides, for a script to show, is still read: [`super::scripted`] reveals
//! it as it does one hidden inline. Sheets a page links to are not fetched.

use ego_tree::NodeId;
use rustc_hash::FxHashSet as HashSet;
use scraper::{ElementRef, Html, Node, Selector};

/// A property of a rule that can hide text, with the value it gives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Decl {
    /// `display`: `none` or not.
    Display(bool),
    /// `visibility`: `hidden`/`collapse` or not.
    Visibility(bool),
    /// `font-size`: zero or not (it hides an inline element's text).
    FontSize(bool),
}

impl Decl {
    fn property(self) -> u8 {
        match self {
            Decl::Display(_) => 0,
            Decl::Visibility(_) => 1,
            Decl::FontSize(_) => 2,
        }
    }

    fn hides(self) -> bool {
        match self {
            Decl::Display(v) | Decl::Visibility(v) | Decl::FontSize(v) => v,
        }
    }
}

/// One selector of a rule with the declarations it carries.
struct Rule {
    selector: Selector,
    /// Ids, classes and types, as CSS ranks selectors.
    specificity: u32,
    /// Its place among the page's rules: a later rule wins a tie.
    order: usize,
    decls: Vec<(Decl, bool)>,
}

/// The elements the page's style sheets hide, and inline text in white on a white page.
pub(super) fn hidden_elements(dom: &Html) -> HashSet<NodeId> {
    let mut hidden = HashSet::default();
    let sheet = style_text(dom);
    if !sheet.is_empty() {
        let rules = rules(&sheet);
        if !rules.is_empty() {
            hidden_by_rules(dom, &rules, &mut hidden);
        }
    }
    white_text(dom, &mut hidden);
    hidden
}

/// The text of every `<style>` element, in document order.
fn style_text(dom: &Html) -> String {
    let mut sheet = String::new();
    for node in dom.tree.root().descendants() {
        if let Node::Element(e) = node.value() {
            if e.name() == "style" {
                for child in node.children() {
                    if let Node::Text(t) = child.value() {
                        sheet.push_str(&t.text);
                    }
                }
                sheet.push('\n');
            }
        }
    }
    sheet
}

/// The rules of a sheet that set a property that can hide text, one per selector, at-rules'
/// blocks (`@media`, `@font-face`, `@keyframes`) left out; none when no rule hides anything
/// (a Word page's sheet sets `font-size` in every rule: its selectors are not parsed).
fn rules(sheet: &str) -> Vec<Rule> {
    let sheet = without_comments(sheet);
    let mut found: Vec<(&str, Vec<(Decl, bool)>)> = Vec::new();
    let mut rest = sheet.as_str();
    while let Some(open) = rest.find(['{', ';']) {
        let prelude = rest[..open].trim();
        if rest.as_bytes()[open] == b';' {
            // `@import url(…);` or stray text: a statement with no block.
            rest = &rest[open + 1..];
            continue;
        }
        let Some(close) = block_end(rest, open) else {
            break;
        };
        let body = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if prelude.starts_with('@') || prelude.is_empty() {
            continue;
        }
        let decls = declarations(body);
        if !decls.is_empty() {
            found.push((prelude, decls));
        }
    }
    if !found.iter().any(|(_, d)| d.iter().any(|(d, _)| d.hides())) {
        return Vec::new();
    }
    let mut rules = Vec::new();
    let mut order = 0;
    for (prelude, decls) in found {
        for text in prelude.split(',') {
            order += 1;
            let Ok(selector) = Selector::parse(text) else {
                continue;
            };
            rules.push(Rule {
                selector,
                specificity: specificity(text),
                order,
                decls: decls.clone(),
            });
        }
    }
    rules
}

/// The sheet without its `/* … */` comments, and without the `<!--` and `-->` old pages wrap it
/// in (CSS passes over them).
fn without_comments(sheet: &str) -> String {
    let mut out = String::with_capacity(sheet.len());
    let sheet = sheet.replace("<!--", "    ").replace("-->", "   ");
    let mut rest = sheet.as_str();
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        match rest[at + 2..].find("*/") {
            Some(end) => rest = &rest[at + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Where the block opened at `open` closes (blocks nest in at-rules).
fn block_end(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The declarations of a rule's block that can hide text, each with whether it is
/// `!important`.
fn declarations(body: &str) -> Vec<(Decl, bool)> {
    let mut decls = Vec::new();
    for decl in body.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        let important = value.contains("!important") || value.contains("! important");
        let first = value
            .split(|c: char| c.is_whitespace() || c == '!')
            .next()
            .unwrap_or("");
        let d = match prop.trim().to_ascii_lowercase().as_str() {
            "display" => Decl::Display(first == "none"),
            "visibility" => Decl::Visibility(matches!(first, "hidden" | "collapse")),
            "font-size" => Decl::FontSize(super::html::is_unreadable_size(first)),
            // The `font` shorthand sets the size too (`font: 0/0 a`).
            "font" => Decl::FontSize(
                value
                    .split_whitespace()
                    .any(|w| super::html::is_unreadable_size(w.split('/').next().unwrap_or(w))),
            ),
            _ => continue,
        };
        decls.push((d, important));
    }
    decls
}

/// A selector's specificity as CSS counts it: ids, then classes, attributes and pseudo-classes,
/// then types and pseudo-elements (a close count: `:not(…)`'s argument is counted as written).
fn specificity(selector: &str) -> u32 {
    let (mut ids, mut classes, mut types) = (0u32, 0u32, 0u32);
    let b = selector.as_bytes();
    let mut i = 0;
    let mut at_compound_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => ids += 1,
            b'.' | b'[' => classes += 1,
            b':' => {
                if b.get(i + 1) == Some(&b':') {
                    types += 1;
                    i += 1;
                } else {
                    classes += 1;
                }
            }
            b' ' | b'>' | b'+' | b'~' | b'(' | b',' => {
                at_compound_start = true;
                i += 1;
                continue;
            }
            _ if at_compound_start && (c.is_ascii_alphabetic()) => types += 1,
            _ => {}
        }
        at_compound_start = false;
        // Skip the rest of the name.
        i += 1;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'_') {
            i += 1;
        }
        if c == b'[' {
            while i < b.len() && b[i] != b']' {
                i += 1;
            }
        }
    }
    ids * 10_000 + classes * 100 + types
}

/// Marks each element whose cascaded `display` is `none`, whose `visibility` is hidden, or (an
/// inline element) whose `font-size` is zero, by the sheet's rules and its own inline style.
fn hidden_by_rules(dom: &Html, rules: &[Rule], hidden: &mut HashSet<NodeId>) {
    // Only elements some hiding rule matches can be hidden; the other rules are asked about
    // those alone.
    let mut candidates: Vec<ElementRef> = Vec::new();
    let mut seen: HashSet<NodeId> = HashSet::default();
    for rule in rules
        .iter()
        .filter(|r| r.decls.iter().any(|(d, _)| d.hides()))
    {
        for el in dom.select(&rule.selector) {
            if seen.insert(el.id()) {
                candidates.push(el);
            }
        }
    }
    for el in candidates {
        // The winning declaration of each property: (important, specificity, order, value).
        let mut win: [Option<(bool, u32, usize, bool)>; 3] = [None; 3];
        for rule in rules {
            if !rule.selector.matches(&el) {
                continue;
            }
            for &(d, important) in &rule.decls {
                let key = (important, rule.specificity, rule.order, d.hides());
                let slot = &mut win[d.property() as usize];
                if slot.is_none_or(|w| (w.0, w.1, w.2) < (key.0, key.1, key.2)) {
                    *slot = Some(key);
                }
            }
        }
        let inline = inline_properties(el.value());
        let hides = |p: usize| {
            win[p].is_some_and(|(important, _, _, hides)| hides && (important || !inline[p]))
        };
        let inline_text = super::html::is_inline_text(el.value().name());
        if hides(0) || hides(1) || (hides(2) && inline_text) {
            hidden.insert(el.id());
        }
    }
}

/// Which of `display`, `visibility` and `font-size` an element's inline style sets (an inline
/// declaration beats any rule of a sheet that is not `!important`).
fn inline_properties(e: &scraper::node::Element) -> [bool; 3] {
    let mut set = [false; 3];
    if let Some(style) = e.attr("style") {
        for decl in style.split(';') {
            if let Some((prop, _)) = decl.split_once(':') {
                match prop.trim().to_ascii_lowercase().as_str() {
                    "display" => set[0] = true,
                    "visibility" => set[1] = true,
                    "font-size" | "font" => set[2] = true,
                    _ => {}
                }
            }
        }
    }
    set
}

/// The most text in white a page can hold and still be a white page: past this share of its
/// characters, white is its text colour on a dark background a sheet sets. (A watermark in
/// every row label of a page that is all tables is about a fifth of its text.)
const MAX_WHITE_SHARE: f64 = 0.3;

/// Inline elements whose text is set in white (`<font color="#ffffff">`, `style="color:#fff"`)
/// amid other text, with no element around them giving a background: on a white page a reader
/// does not see it. A page with much white text (a dark page, coloured header rows) keeps it all.
fn white_text(dom: &Html, hidden: &mut HashSet<NodeId>) {
    let mut white: Vec<(NodeId, usize)> = Vec::new();
    let mut stack = vec![dom.tree.root()];
    while let Some(node) = stack.pop() {
        if let Node::Element(e) = node.value() {
            if e.name() == "head" {
                continue;
            }
            if has_background(e) {
                // Text inside a box with its own background colour keeps its colour's meaning.
                continue;
            }
            if super::html::is_inline_text(e.name()) && is_white(e) && amid_text(node) {
                let chars = ElementRef::wrap(node)
                    .map_or(0, |el| el.text().map(|t| t.trim().chars().count()).sum());
                white.push((node.id(), chars));
                continue;
            }
        }
        stack.extend(node.children());
    }
    if white.is_empty() {
        return;
    }
    let white_chars: usize = white.iter().map(|(_, n)| n).sum();
    let all: usize = dom
        .root_element()
        .text()
        .map(|t| t.trim().chars().count())
        .sum();
    if (white_chars as f64) <= MAX_WHITE_SHARE * all as f64 {
        hidden.extend(white.into_iter().map(|(id, _)| id));
    }
}

/// An element with text of its own beside it in its parent (`7<font>0</font>1`,
/// `一、<font>版权所有</font>本年新收`): white text set alone in a cell or a heading is more
/// likely a label on a background a linked sheet colours.
fn amid_text(node: ego_tree::NodeRef<Node>) -> bool {
    node.parent().is_some_and(|p| {
        p.children()
            .any(|c| matches!(c.value(), Node::Text(t) if !t.text.trim().is_empty()))
    })
}

/// An element whose own attributes give it a background: `bgcolor`, or an inline `background`.
fn has_background(e: &scraper::node::Element) -> bool {
    e.attr("bgcolor").is_some_and(|v| !is_white_value(v))
        || e.attr("background").is_some()
        || e.attr("style").is_some_and(|s| {
            s.split(';').any(|d| {
                d.split_once(':').is_some_and(|(p, v)| {
                    let p = p.trim().to_ascii_lowercase();
                    (p == "background" || p == "background-color" || p == "background-image")
                        && !is_white_value(v)
                        && !matches!(
                            v.trim().to_ascii_lowercase().as_str(),
                            "none" | "transparent"
                        )
                })
            })
        })
}

/// Text coloured white by the element's own `color` attribute or inline style (its last
/// `color`).
fn is_white(e: &scraper::node::Element) -> bool {
    let mut white = e.attr("color").is_some_and(is_white_value);
    if let Some(style) = e.attr("style") {
        for decl in style.split(';') {
            if let Some((p, v)) = decl.split_once(':') {
                if p.trim().eq_ignore_ascii_case("color") {
                    white = is_white_value(v);
                }
            }
        }
    }
    white
}

/// `white`, `#fff`, `#ffffff`, `rgb(255,255,255)` (and `!important` after any).
fn is_white_value(v: &str) -> bool {
    let v: String = v
        .split('!')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        v.as_str(),
        "white" | "#fff" | "#ffffff" | "#ffff" | "#ffffffff" | "rgb(255,255,255)"
    ) || v.starts_with("rgba(255,255,255,1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden_text(page: &str) -> Vec<String> {
        let dom = Html::parse_document(page);
        let ids = hidden_elements(&dom);
        let mut out: Vec<String> = dom
            .root_element()
            .descendants()
            .filter(|n| ids.contains(&n.id()))
            .filter_map(ElementRef::wrap)
            .map(|e| e.text().collect())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_class_the_sheet_hides() {
        let page = "<style>.hid{display:none} td span.w{font-size:0}</style>\
                    <table><tr><td>71<span class=hid>8</span></td>\
                    <td>3<span class=w>9</span></td><td>5<div class=w>4</div></td></tr></table>";
        // `font-size: 0` hides an inline element's text only.
        assert_eq!(hidden_text(page), ["8", "9"]);
    }

    #[test]
    fn the_cascade_decides() {
        let page = "<style>.tab{display:none}.tab.on{display:block}\
                    .x{visibility:hidden}#k{visibility:visible}\
                    .y{display:none!important}\
                    @media print{.p{display:none}}</style>\
                    <div class=tab>a</div><div class='tab on'>b</div>\
                    <span class=x>c</span><span class=x id=k>d</span>\
                    <span class=y style='display:inline'>e</span>\
                    <span class=tab style='display:inline'>f</span><p class=p>g</p>";
        assert_eq!(hidden_text(page), ["a", "c", "e"]);
    }

    #[test]
    fn white_text_on_a_white_page() {
        let page = "<p>本年新收政府信息公开申请数量共计7<font color=\"#ffffff\">0</font>1件，\
                    <span style='color: #FFF'>版权</span>均已按期办结答复</p>\
                    <table><tr><td bgcolor=#003399>的<font color=white>表头</font></td>\
                    <td class=blue><font color=white>自然人</font></td></tr></table>";
        assert_eq!(hidden_text(page), ["0", "版权"]);
        // A dark page: white is its text.
        let dark = "<p><font color=white>本年新收申请数量共计71件</font>办结</p>";
        assert!(hidden_text(dark).is_empty());
    }

    #[test]
    fn a_sheet_inside_an_html_comment() {
        let page = "<style><!--\n.hid{display:none}\n p.MsoNormal{font-size:10.5pt}\n--></style>\
                    <p class=MsoNormal>71<span class=hid>8</span></p>";
        assert_eq!(hidden_text(page), ["8"]);
    }

    #[test]
    fn specificity_counts_ids_classes_and_types() {
        assert_eq!(specificity(".hid"), 100);
        assert_eq!(specificity("td span.w"), 102);
        assert_eq!(specificity("#k"), 10_000);
        assert_eq!(specificity(".tab.on"), 200);
        assert_eq!(specificity("a[href]:hover"), 201);
    }
}
