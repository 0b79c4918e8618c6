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
    /// `background`: a colour or an image other than white (white text on it is shown).
    Background(bool),
}

impl Decl {
    fn property(self) -> u8 {
        match self {
            Decl::Display(_) => 0,
            Decl::Visibility(_) => 1,
            Decl::FontSize(_) => 2,
            Decl::Background(_) => 3,
        }
    }

    fn hides(self) -> bool {
        match self {
            Decl::Display(v) | Decl::Visibility(v) | Decl::FontSize(v) => v,
            Decl::Background(_) => false,
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
    /// What its selector's last part needs of an element.
    key: Key,
}

/// The elements the page's style sheets hide, and inline text in white on a white page.
pub(super) fn hidden_elements(dom: &Html) -> HashSet<NodeId> {
    let mut hidden = HashSet::default();
    let (sheet, white) = style_text(dom);
    let rules = if sheet.is_empty() {
        Vec::new()
    } else {
        rules(&sheet, white)
    };
    if rules.iter().any(|r| r.decls.iter().any(|(d, _)| d.hides())) {
        hidden_by_rules(dom, &rules, &mut hidden);
    }
    if white {
        white_text(dom, &rules, &mut hidden);
    }
    hidden
}

/// The text of every `<style>` element, in document order, and whether any element sets its
/// text in white by its own attribute or style (only then do the sheet's backgrounds matter):
/// one walk of the page for both.
fn style_text(dom: &Html) -> (String, bool) {
    let mut sheet = String::new();
    let mut white = false;
    for node in dom.tree.root().descendants() {
        if let Node::Element(e) = node.value() {
            white = white || is_white(e);
            // (A sheet for print or for a phone's width is not the screen's.)
            if e.name() == "style" && e.attr("media").is_none_or(media_applies) {
                for child in node.children() {
                    if let Node::Text(t) = child.value() {
                        sheet.push_str(&t.text);
                    }
                }
                sheet.push('\n');
            }
        }
    }
    (sheet, white)
}

/// The rules of a sheet that set a property that can hide text (and, for a page with white
/// text, a background), one per selector, in the order they cascade: those of an `@media`
/// block that applies to a desktop screen included, other at-rules' blocks left out; none when
/// no rule hides anything (a Word page's sheet sets `font-size` in every rule: its selectors
/// are not parsed).
fn rules(sheet: &str, white_text: bool) -> Vec<Rule> {
    let sheet = without_comments(sheet);
    let mut found: Vec<(&str, Vec<(Decl, bool)>)> = Vec::new();
    collect_rules(&sheet, &mut found, 0);
    // (Backgrounds matter only to white text, which is rare: their rules are kept then.)
    let hides = found.iter().any(|(_, d)| d.iter().any(|(d, _)| d.hides()));
    let backgrounds = white_text
        && found
            .iter()
            .any(|(_, d)| d.iter().any(|(d, _)| *d == Decl::Background(true)));
    if !hides && !backgrounds {
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
                key: key_of(text),
            });
        }
    }
    rules
}

/// The style rules of a sheet (or of an `@media` block that applies, `depth` blocks deep) that
/// set a property that can hide text, with those declarations, in order.
fn collect_rules<'a>(sheet: &'a str, found: &mut Vec<(&'a str, Vec<(Decl, bool)>)>, depth: usize) {
    let mut rest = sheet;
    while let Some(open) = find_outside_strings(rest, b"{;") {
        let prelude = rest[..open].trim();
        if rest.as_bytes()[open] == b';' {
            // `@import url(…);` or stray text: a statement with no block.
            rest = &rest[open + 1..];
            continue;
        }
        // A block the sheet leaves open runs to its end, as CSS closes it.
        let close = block_end(rest, open).unwrap_or(rest.len());
        let body = &rest[open + 1..close];
        rest = rest.get(close + 1..).unwrap_or("");
        if let Some(at_rule) = prelude.strip_prefix('@') {
            // The screen a desktop browser shows: `@media screen`, `(min-width: 768px)`;
            // not `print`, not a phone's width. (Other at-rules hold no style rules.)
            if let Some(query) = at_rule.strip_prefix("media") {
                if depth < 4 && media_applies(query) {
                    collect_rules(body, found, depth + 1);
                }
            }
            continue;
        }
        if prelude.is_empty() {
            continue;
        }
        let decls = declarations(body);
        if !decls.is_empty() {
            found.push((prelude, decls));
        }
    }
}

/// The width of the screen a media query is asked about: a desktop browser's window.
const SCREEN_PX: f64 = 1280.0;

/// Whether a media query list (`screen and (min-width: 768px), print`) holds for a desktop
/// browser's screen: any query whose media type is `all` or `screen` (or none) and whose width
/// conditions hold; `print`, `not …` and features it cannot tell do not.
fn media_applies(list: &str) -> bool {
    let list = list.to_ascii_lowercase();
    list.trim().is_empty()
        || list.split(',').any(|query| {
            let q = query.trim();
            let q = q.strip_prefix("only ").unwrap_or(q).trim();
            if q.starts_with("not ") {
                return false;
            }
            let mut parts = q.split(" and ").map(str::trim);
            parts.all(|p| match p {
                "" | "all" | "screen" => true,
                p if p.starts_with('(') => feature_holds(p.trim_matches(['(', ')'])),
                _ => false,
            })
        })
}

/// One media feature for the desktop screen: widths in px or em, orientation.
fn feature_holds(feature: &str) -> bool {
    let Some((name, value)) = feature.split_once(':') else {
        return matches!(feature.trim(), "color" | "hover");
    };
    let value = value.trim();
    let px = || match super::html::css_length(value)? {
        (n, "px" | "") => Some(n),
        (n, "em" | "rem") => Some(n * 16.0),
        _ => None,
    };
    match name.trim() {
        "min-width" | "min-device-width" => px().is_some_and(|n| SCREEN_PX >= n),
        "max-width" | "max-device-width" => px().is_some_and(|n| SCREEN_PX <= n),
        "orientation" => value == "landscape",
        _ => false,
    }
}

/// The first of `bytes` in `s` outside a quoted string (`content: "{"` is no block).
fn find_outside_strings(s: &str, bytes: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == q {
                    quote = None;
                }
            }
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if bytes.contains(&b) => return Some(i),
            None => {}
        }
    }
    None
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

/// Where the block opened at `open` closes (blocks nest in at-rules; braces in strings are
/// text).
fn block_end(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = open;
    loop {
        let i = at + find_outside_strings(&s[at..], b"{}")?;
        if s.as_bytes()[i] == b'{' {
            depth += 1;
        } else {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        at = i + 1;
    }
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
            "background" | "background-color" | "background-image" => Decl::Background(
                !is_white_value(&value)
                    && !matches!(first, "none" | "transparent" | "inherit" | "initial"),
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
                    let name: String = selector[i + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    match name.as_str() {
                        // Counts nothing, its argument included.
                        "where" => {
                            let mut depth = 0;
                            i += 1 + name.len();
                            while i < b.len() {
                                match b[i] {
                                    b'(' => depth += 1,
                                    b')' => {
                                        depth -= 1;
                                        if depth == 0 {
                                            break;
                                        }
                                    }
                                    _ => {}
                                }
                                i += 1;
                            }
                            i += 1;
                            continue;
                        }
                        // Count their argument, not themselves.
                        "is" | "not" | "has" | "matches" => {}
                        _ => classes += 1,
                    }
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
/// Rules are filed by the id, class or type their selector's last part needs, as browsers file
/// them: each element is asked only about the rules it could match (a page of thousands of
/// rules and elements is not rules × elements).
fn hidden_by_rules(dom: &Html, rules: &[Rule], hidden: &mut HashSet<NodeId>) {
    let mut by_key: rustc_hash::FxHashMap<Key, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, r) in rules.iter().enumerate() {
        by_key.entry(r.key.clone()).or_default().push(i);
    }
    let universal = by_key.get(&Key::Any).cloned().unwrap_or_default();
    let mut candidates: Vec<usize> = Vec::new();
    for node in dom.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let e = el.value();
        candidates.clear();
        candidates.extend_from_slice(&universal);
        if let Some(v) = by_key.get(&Key::Tag(e.name().to_ascii_lowercase())) {
            candidates.extend_from_slice(v);
        }
        if let Some(id) = e.id() {
            if let Some(v) = by_key.get(&Key::Id(id.to_string())) {
                candidates.extend_from_slice(v);
            }
        }
        for class in e.classes() {
            if let Some(v) = by_key.get(&Key::Class(class.to_string())) {
                candidates.extend_from_slice(v);
            }
        }
        if !candidates
            .iter()
            .any(|&i| rules[i].decls.iter().any(|(d, _)| d.hides()))
        {
            continue;
        }
        candidates.sort_unstable();
        candidates.dedup();
        // The winning declaration of each property: (important, specificity, order, value).
        let mut win: [Option<(bool, u32, usize, bool)>; 4] = [None; 4];
        for &i in &candidates {
            let rule = &rules[i];
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
        let inline = inline_properties(e);
        // An inline declaration beats the sheet's, unless only the sheet's is `!important`.
        let hides = |p: usize| {
            win[p].is_some_and(|(important, _, _, hides)| {
                hides && inline[p].is_none_or(|inline_important| important && !inline_important)
            })
        };
        let inline_text = super::html::is_inline_text(e.name());
        if hides(0) || hides(1) || (hides(2) && inline_text) {
            hidden.insert(el.id());
        }
    }
}

/// What a selector's last part needs of an element, to file the rule by.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum Key {
    Id(String),
    Class(String),
    Tag(String),
    Any,
}

/// The key of a selector: the id, else the first class, else the type its last compound part
/// names (`div.box > span.hid` → class `hid`); anything else is asked of every element.
fn key_of(selector: &str) -> Key {
    let b = selector.trim().as_bytes();
    // The last compound: after the last combinator outside brackets and parentheses.
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b' ' | b'>' | b'+' | b'~' | b'\t' | b'\n' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    let last = &selector.trim()[start..];
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    };
    // Only the compound's own parts, not a pseudo-class's argument.
    let own = last.split(['(', '[']).next().unwrap_or("");
    let own = own.split(':').next().unwrap_or("");
    if let Some(at) = own.find('#') {
        let id = ident(&own[at + 1..]);
        if !id.is_empty() {
            return Key::Id(id);
        }
    }
    if let Some(at) = own.find('.') {
        let class = ident(&own[at + 1..]);
        if !class.is_empty() {
            return Key::Class(class);
        }
    }
    let tag = ident(own);
    if tag.is_empty() {
        Key::Any
    } else {
        Key::Tag(tag.to_ascii_lowercase())
    }
}

/// Which of `display`, `visibility` and `font-size` an element's inline style sets, and
/// whether `!important`.
fn inline_properties(e: &scraper::node::Element) -> [Option<bool>; 3] {
    let mut set = [None; 3];
    if let Some(style) = e.attr("style") {
        for decl in style.split(';') {
            if let Some((prop, value)) = decl.split_once(':') {
                let important = value.contains('!');
                match prop.trim().to_ascii_lowercase().as_str() {
                    "display" => set[0] = Some(important),
                    "visibility" => set[1] = Some(important),
                    "font-size" | "font" => set[2] = Some(important),
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
fn white_text(dom: &Html, rules: &[Rule], hidden: &mut HashSet<NodeId>) {
    let backgrounds: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.decls.iter().any(|(d, _)| *d == Decl::Background(true)))
        .collect();
    let sheet_background = |el: ElementRef| backgrounds.iter().any(|r| r.selector.matches(&el));
    let mut white: Vec<(NodeId, usize)> = Vec::new();
    // Whether a parent holds text of its own, asked once per parent.
    let mut with_text: rustc_hash::FxHashMap<NodeId, bool> = rustc_hash::FxHashMap::default();
    let mut stack = vec![dom.tree.root()];
    while let Some(node) = stack.pop() {
        if let Node::Element(e) = node.value() {
            // Not a page's head or code, nor a heading (a title in white on a banner a linked
            // sheet colours), nor a box with its own background.
            if matches!(
                e.name(),
                "head"
                    | "script"
                    | "style"
                    | "noscript"
                    | "template"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
            ) || has_background(e)
                || ElementRef::wrap(node).is_some_and(sheet_background)
            {
                continue;
            }
            if super::html::is_inline_text(e.name())
                && is_white(e)
                && !recoloured_inside(node)
                && node.parent().is_some_and(|p| {
                    *with_text.entry(p.id()).or_insert_with(|| {
                        p.children().any(
                            |c| matches!(c.value(), Node::Text(t) if !t.text.trim().is_empty()),
                        )
                    })
                })
            {
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
    if (white_chars as f64) <= MAX_WHITE_SHARE * shown_chars(dom) as f64 {
        hidden.extend(white.into_iter().map(|(id, _)| id));
    }
}

/// The characters of the page's text outside its head, scripts and styles.
fn shown_chars(dom: &Html) -> usize {
    dom.root_element()
        .descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => {
                let code = n.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(
                            e.name(),
                            "head" | "script" | "style" | "noscript" | "template"
                        )
                    })
                });
                (!code).then(|| t.text.trim().chars().count())
            }
            _ => None,
        })
        .sum()
}

/// A white element that sets another colour inside (`<font color=white><font color=black>821`):
/// its text shows.
fn recoloured_inside(node: ego_tree::NodeRef<Node>) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value().as_element().is_some_and(|e| {
            let own = e.attr("color").map(str::to_string).or_else(|| {
                e.attr("style").and_then(|s| {
                    s.split(';').rev().find_map(|decl| {
                        let (p, v) = decl.split_once(':')?;
                        p.trim()
                            .eq_ignore_ascii_case("color")
                            .then(|| v.to_string())
                    })
                })
            });
            own.is_some_and(|v| !is_white_value(&v))
        })
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

    /// What a desktop browser applies: `@media` for its screen and width, not for print or a
    /// phone; a `<style media>` likewise; strings and an unclosed last block as CSS reads them;
    /// `:where` counting nothing; an inline `!important` beating the sheet's.
    #[test]
    fn the_sheet_as_a_desktop_browser_applies_it() {
        let shown = [
            "<style>.n{display:none} @media screen{.n{display:inline}}</style><span class=n>a</span>",
            "<style>.n{display:none} @media (min-width:768px){.n{display:block}}</style><span class=n>a</span>",
            "<style media=\"print\">.n{display:none}</style><span class=n>a</span>",
            "<style media=\"screen and (max-width:640px)\">.n{display:none}</style><span class=n>a</span>",
            "<style>.q:after{content:\"{\"} .n{display:none} .n.on{display:inline}</style><span class='n on'>a</span>",
            "<style>.n{display:none} .n.on{display:inline}</style><span class='n on'>a</span><style>.z{color:red</style>",
            "<style>:where(.box) .n{display:none} .n.on{display:inline}</style><div class=box><span class='n on'>a</span></div>",
            "<style>.n{display:none!important}</style><span class=n style='display:inline!important'>a</span>",
        ];
        for page in shown {
            assert!(hidden_text(page).is_empty(), "{page}");
        }
        let hidden = [
            "<style>@media print{.n{display:inline}} .n{display:none}</style><span class=n>a</span>",
            "<style>@media screen and (max-width:600px){.n{display:inline}} .n{display:none}</style><span class=n>a</span>",
            "<style media=\"all\">.n{display:none}</style><span class=n>a</span>",
        ];
        for page in hidden {
            assert_eq!(hidden_text(page), ["a"], "{page}");
        }
    }

    #[test]
    fn white_text_that_shows() {
        let filler = "本年度共收到政府信息公开申请，均已按期办结答复，未发生行政复议和行政诉讼。";
        // A colour set again inside; a background a class gives; a heading on a banner.
        let pages = [
            format!("<p>{filler}共<font color=#ffffff><font color=#000000>821</font></font>件</p>"),
            format!("<style>.hd{{background:#036}}</style><p class=hd>{filler}共<font color=white>821</font>件</p>"),
            format!("<h1><span style='color:#FFFFFF'>某局</span>2023年政府信息公开工作年度报告</h1><p>{filler}</p>"),
        ];
        for page in &pages {
            assert!(hidden_text(page).is_empty(), "{page}");
        }
    }

    /// Rules filed by their selector's last part still reach every element they match: by
    /// class, by type under a class, by id, and a universal rule.
    #[test]
    fn rules_filed_by_key_match_as_selectors_do() {
        let page = "<style>.c1 .d1 span.e7{display:none} div span{display:none} div span.v{display:inline}\
                    #k{visibility:hidden} *[data-x]{display:none} .c1 i{font-size:0}</style>\
                    <div class=c1><p class=d1><span class='v e7'>a</span></p>\
                    <span class=v>b</span><b id=k>c</b><em data-x=1>d</em><i>e</i></div>";
        assert_eq!(hidden_text(page), ["a", "c", "d", "e"]);
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
        assert_eq!(specificity(":where(.box) .tab"), 100);
        assert_eq!(specificity(".tab:not(.on)"), 200);
        assert_eq!(specificity(":is(#a, .b) span"), 10_101);
    }
}
