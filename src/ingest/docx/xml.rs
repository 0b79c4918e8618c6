//! An XML part of a document as a tree of elements and text, by local name (`w:p` is `p`):
//! the parts are small, and a tree lets a table be read whole (its merged cells need the rows
//! below) where a stream of events would not.

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, Default)]
pub struct Element {
    /// The local name: `p` for `<w:p>`.
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attrs: Vec<(String, String)>,
    pub kids: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of the attribute with this local name (`val` for `w:val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.kids.iter().filter_map(|k| match k {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The `val` attribute of the child with this local name (`<w:gridSpan w:val="2"/>`).
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name)?.attr("val")
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        self.kids
            .iter()
            .filter_map(|k| match k {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// A toggle property (`<w:b/>`, `<w:vanish w:val="true"/>`) is on unless its value says off.
pub fn is_on(e: Option<&Element>) -> bool {
    e.is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "off" | "none")))
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The deepest nesting of elements read: documents nest a few tens deep; a part nested
/// thousands deep (a hostile file) would overflow the stack of whatever walks or drops its tree.
const MAX_DEPTH: usize = 512;

/// The root element of an XML part; an error names the part (the caller says whose).
pub fn parse(xml: &str, part: &str) -> Result<Element, String> {
    // One line, however the broken markup reads (its text is the file's).
    let err = |e: &dyn std::fmt::Display| {
        let e: String = e
            .to_string()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(160)
            .collect();
        format!("{part}: {e}")
    };
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|e| err(&e))?;
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let mut el = Element {
                    name: local(s.name().as_ref()).to_string(),
                    ..Element::default()
                };
                for a in s.attributes().flatten() {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| err(&e))?;
                    el.attrs
                        .push((local(a.key.as_ref()).to_string(), value.into_owned()));
                }
                if matches!(event, Event::Start(_)) {
                    if stack.len() > MAX_DEPTH {
                        return Err(err(&format!("elements nested more than {MAX_DEPTH} deep")));
                    }
                    stack.push(el);
                } else if let Some(top) = stack.last_mut() {
                    top.kids.push(Node::Element(el));
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let el = stack.pop().unwrap_or_default();
                if let Some(top) = stack.last_mut() {
                    top.kids.push(Node::Element(el));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| err(&e))? {
                    Some(c) => c,
                    None => match &*r {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(err(&format!("unknown entity &{other};"))),
                    },
                };
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Unclosed elements (a cut part) are closed where the part ends.
    while stack.len() > 1 {
        let el = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.kids.push(Node::Element(el));
        }
    }
    let mut root = stack.pop().unwrap_or_default();
    let first = root.kids.drain(..).find_map(|k| match k {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    first.ok_or_else(|| err(&"no root element"))
}

fn push_text(stack: &mut [Element], s: &str) {
    let Some(top) = stack.last_mut() else { return };
    match top.kids.last_mut() {
        Some(Node::Text(t)) => t.push_str(s),
        _ => top.kids.push(Node::Text(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_nested_too_deep_is_an_error() {
        let deep = "<a>".repeat(100_000);
        let e = parse(&deep, "word/document.xml").unwrap_err();
        assert!(e.contains("nested more than 512 deep"), "{e}");
        assert!(parse(&"<a>".repeat(400), "p").is_ok());
    }

    #[test]
    fn builds_a_tree_by_local_names() {
        let root = parse(
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t xml:space="preserve">A &amp; B&#x4E00;</w:t></w:r><w:r><w:b w:val="0"/></w:r></w:p></w:body></w:document>"#,
            "word/document.xml",
        )
        .unwrap();
        assert_eq!(root.name, "document");
        let p = root.child("body").unwrap().child("p").unwrap();
        let t = p.child("r").unwrap().child("t").unwrap();
        assert_eq!(t.text(), "A & B一");
        assert_eq!(t.attr("space"), Some("preserve"));
        assert!(!is_on(p.elements().nth(1).unwrap().child("b")));
    }

    #[test]
    fn a_broken_part_is_an_error_naming_it() {
        let e = parse("<a><b x=\"1></a>", "word/document.xml").unwrap_err();
        assert!(e.contains("word/document.xml") && !e.contains('\n'), "{e}");
    }
}
