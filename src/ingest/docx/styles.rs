//! What a document's styles (`styles.xml`) say about its text beyond numbering: which
//! character and paragraph styles hide their text (`w:vanish`, directly or through the style
//! they are based on), and which paragraph styles are a table of contents' entries.

use super::xml::{is_on, Element};
use std::collections::{HashMap, HashSet};

/// How deep a chain of `w:basedOn` is followed (a cycle ends there).
const MAX_CHAIN: usize = 16;

#[derive(Default)]
pub(super) struct Styles {
    /// Styles whose text is hidden.
    hidden: HashSet<String>,
    /// Paragraph styles of a table of contents (`toc 1`…`toc 9` and its heading, `TOC
    /// Heading`): Word's own, whatever their ids in a localised Word (`11`, `TOC1`…).
    contents: HashSet<String>,
}

impl Styles {
    pub(super) fn new(styles: Option<&Element>) -> Styles {
        let mut out = Styles::default();
        let Some(styles) = styles else {
            return out;
        };
        // Each style's own setting of vanish (None: not set), and the style it is based on.
        let mut own: HashMap<&str, (Option<bool>, Option<&str>)> = HashMap::new();
        for s in styles.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let vanish = s
                .child("rPr")
                .and_then(|r| r.child("vanish"))
                .map(|v| is_on(Some(v)));
            own.insert(id, (vanish, s.child_val("basedOn")));
            let name = s.child_val("name").unwrap_or("").to_ascii_lowercase();
            let toc_level = name
                .strip_prefix("toc ")
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit());
            if toc_level || name == "toc heading" {
                out.contents.insert(id.to_string());
            }
        }
        for &id in own.keys() {
            let mut at = Some(id);
            for _ in 0..MAX_CHAIN {
                let Some((vanish, based)) = at.and_then(|a| own.get(a)) else {
                    break;
                };
                if let Some(v) = vanish {
                    if *v {
                        out.hidden.insert(id.to_string());
                    }
                    break;
                }
                at = *based;
            }
        }
        out
    }

    /// Whether text in style `id` is hidden.
    pub(super) fn hides(&self, id: Option<&str>) -> bool {
        id.is_some_and(|id| self.hidden.contains(id))
    }

    /// Whether a paragraph in style `id` is an entry (or the heading) of a table of contents.
    pub(super) fn is_contents(&self, id: Option<&str>) -> bool {
        id.is_some_and(|id| self.contents.contains(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(xml: &str) -> Styles {
        let e = super::super::xml::parse(xml, "styles.xml").unwrap();
        Styles::new(Some(&e))
    }

    #[test]
    fn hidden_styles_and_contents_styles() {
        let s = styles(
            r#"<w:styles xmlns:w="w">
            <w:style w:type="character" w:styleId="Hid"><w:rPr><w:vanish/></w:rPr></w:style>
            <w:style w:type="character" w:styleId="HidToo"><w:basedOn w:val="Hid"/></w:style>
            <w:style w:type="character" w:styleId="Shown"><w:basedOn w:val="Hid"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="TOC 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
            <w:style w:type="character" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
            </w:styles>"#,
        );
        assert!(s.hides(Some("Hid")) && s.hides(Some("HidToo")));
        assert!(!s.hides(Some("Shown")) && !s.hides(Some("Loop")) && !s.hides(None));
        assert!(s.is_contents(Some("11")) && s.is_contents(Some("TOC2")));
        assert!(!s.is_contents(Some("a")));
    }
}
