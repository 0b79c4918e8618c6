//! Form fields in a web page's table cells that show their value as the cell's text: a text
//! field (`<td><input type="text" value="12" readonly></td>`), a short text box, a drop-down
//! list's selected option, as online reporting systems print their forms. Each character of a
//! value is mapped to where the tag's `value` attribute spells it in the source, so that a
//! figure's provenance points at it. Used by [`super::html`]'s walk.

use super::html::{attr, decode_entity, find, in_table_cell, Aligner};
use super::MChar;
use scraper::{node::Element, Html};

/// An `<input>` that shows its value as text: a text or number field (no `type`, or one a
/// browser reads as text), not a hidden field, a button, a box to tick or a file to pick.
pub(super) fn is_text_field(e: &Element) -> bool {
    if e.name() != "input" {
        return false;
    }
    let kind = attr(e, &markup5ever::local_name!("type")).map(|t| t.trim().to_ascii_lowercase());
    match kind.as_deref() {
        None | Some("" | "text" | "number" | "tel") => true,
        // A type a browser does not know is a text field.
        Some(t) => !matches!(
            t,
            "hidden"
                | "button"
                | "submit"
                | "reset"
                | "image"
                | "checkbox"
                | "radio"
                | "file"
                | "password"
                | "color"
                | "range"
                | "search"
                | "email"
                | "url"
                | "date"
                | "datetime-local"
                | "month"
                | "week"
                | "time"
        ),
    }
}

/// The characters of a field's `value` (as the tree holds it), each mapped to where an
/// `<input` tag at or after `from` in `src` spells it (the first one whose value reads so: a
/// hidden field or a box to tick may come first); and the end of that tag. A value the source
/// spells otherwise than the tree reads it maps every character to the first tag's `<input`,
/// so that provenance points at the field.
pub(super) fn field_chars(src: &str, from: usize, value: &str) -> (Vec<MChar>, Option<usize>) {
    let b = src.as_bytes();
    let limit = (from + Aligner::WINDOW).min(b.len());
    let mut first: Option<(usize, Option<usize>)> = None;
    let mut p = from;
    while p < limit {
        if b[p] != b'<' {
            p += 1;
            continue;
        }
        if src[p..].starts_with("<!--") {
            p = find(src, p + 4, "-->").map_or(b.len(), |q| q + 3);
            continue;
        }
        let name = b.get(p + 1..p + 6);
        let after = b.get(p + 6).copied();
        if !(name.is_some_and(|n| n.eq_ignore_ascii_case(b"input"))
            && after.is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>')))
        {
            p += 1;
            continue;
        }
        let (raw, end) = input_value(b, p);
        first.get_or_insert((p, end));
        if let Some((s, e)) = raw {
            let chars = decoded(src, s, e);
            if chars.iter().map(|m| m.c).eq(value.chars()) {
                return (chars, end);
            }
        }
        let Some(end) = end else { break };
        p = end;
    }
    match first {
        Some((tag, end)) => {
            let e = (tag + 6).min(b.len());
            (value.chars().map(|c| MChar::new(c, tag, e)).collect(), end)
        }
        None => {
            let at = from.min(src.len());
            (value.chars().map(|c| MChar::new(c, at, at)).collect(), None)
        }
    }
}

/// The source range of the `value` attribute of the `<input` tag at `tag` (the first one, as
/// the tokenizer keeps it), and the end of the tag.
fn input_value(b: &[u8], tag: usize) -> (Option<(usize, usize)>, Option<usize>) {
    let mut at = tag + 6;
    let mut raw: Option<(usize, usize)> = None;
    let end = loop {
        while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() {
            break None;
        }
        if b[at] == b'>' {
            break Some(at + 1);
        }
        let name_from = at;
        at += 1;
        while at < b.len() && !(b[at].is_ascii_whitespace() || matches!(b[at], b'/' | b'>' | b'='))
        {
            at += 1;
        }
        let name = &b[name_from..at];
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        if b.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        let range = match b.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(close) = b[at + 1..].iter().position(|&c| c == q) else {
                    break None;
                };
                let r = (at + 1, at + 1 + close);
                at = r.1 + 1;
                r
            }
            _ => {
                let from = at;
                while at < b.len() && !(b[at].is_ascii_whitespace() || b[at] == b'>') {
                    at += 1;
                }
                (from, at)
            }
        };
        if raw.is_none() && name.eq_ignore_ascii_case(b"value") {
            raw = Some(range);
        }
    };
    (raw, end)
}

/// The characters an attribute's value `src[s..e]` spells, references decoded, each with its
/// source range.
fn decoded(src: &str, s: usize, e: usize) -> Vec<MChar> {
    let mut chars = Vec::with_capacity(e - s);
    let mut q = s;
    while q < e {
        let (c, n) = match (src.as_bytes()[q] == b'&')
            .then(|| decode_entity(&src[q..e]))
            .flatten()
        {
            Some(found) => found,
            None => {
                let c = src[q..].chars().next().unwrap_or('\0');
                (c, c.len_utf8())
            }
        };
        chars.push(MChar::new(c, q, q + n));
        q += n;
    }
    chars
}

/// Text boxes (`<textarea>`) and drop-down lists (`<select>`) inside table cells, which a
/// browser shows with the figure they hold (a reporting system's print page of its form):
/// true for the box or list and the option it shows (the last one marked `selected`, or the
/// first), false for its other options. A text box that holds more than a cell's figure or
/// label, or markup, is a page's hidden store of text ([`super::scripted`]), not shown.
pub(super) fn shown_controls(dom: &Html) -> rustc_hash::FxHashMap<ego_tree::NodeId, bool> {
    let mut out = rustc_hash::FxHashMap::default();
    for node in dom.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        if !matches!(e.name(), "textarea" | "select") {
            continue;
        }
        if !in_table_cell(&node) {
            continue;
        }
        if e.name() == "textarea" {
            let text: String = node
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            if text.chars().filter(|c| !c.is_whitespace()).count() <= 64 && !text.contains('<') {
                out.insert(node.id(), true);
            }
            continue;
        }
        if e.attr("multiple").is_some() {
            continue;
        }
        let options: Vec<_> = node
            .descendants()
            .filter(|n| n.value().as_element().is_some_and(|o| o.name() == "option"))
            .collect();
        let chosen = options
            .iter()
            .rev()
            .find(|o| {
                o.value()
                    .as_element()
                    .is_some_and(|o| o.attr("selected").is_some())
            })
            .or(options.first())
            .map(|o| o.id());
        let Some(chosen) = chosen else {
            continue;
        };
        out.insert(node.id(), true);
        for o in options {
            out.insert(o.id(), o.id() == chosen);
        }
    }
    out
}
