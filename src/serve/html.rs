//! The one way pages are written: an HTML builder in which element and attribute names are
//! constants of the code and every piece of text or attribute value is escaped. Report text is
//! untrusted (an HTML report can carry `<script>`), so there is no way to put a string into a
//! page unescaped — SVG charts are built with the same builder.

/// A page or a fragment being written.
#[derive(Default)]
pub struct Html(String);

/// Escape text for an element's content or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no place in a page (NUL is a parse error).
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Html {
    pub fn new() -> Html {
        Html(String::new())
    }

    /// The document as a string.
    pub fn finish(self) -> String {
        self.0
    }

    /// A fragment written with this builder (escaped already), appended.
    pub fn append(&mut self, fragment: Html) -> &mut Html {
        self.0.push_str(&fragment.0);
        self
    }

    /// Escaped text.
    pub fn text(&mut self, s: &str) -> &mut Html {
        self.0.push_str(&escape(s));
        self
    }

    /// An element with attributes (values escaped) and content written by `body`.
    pub fn el(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        body: impl FnOnce(&mut Html),
    ) -> &mut Html {
        self.open(tag, attrs);
        body(self);
        self.close(tag)
    }

    /// An element holding only escaped text.
    pub fn el_text(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Html {
        self.el(tag, attrs, |h| {
            h.text(text);
        })
    }

    /// A void element (`<input>`, `<meta>`, `<br>`) or, in SVG, a self-closed one.
    pub fn void(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Html {
        self.start(tag, attrs);
        self.0.push_str("/>");
        self
    }

    /// A link to `href` with escaped text.
    pub fn link(&mut self, href: &str, text: &str) -> &mut Html {
        self.el_text("a", &[("href", href)], text)
    }

    fn start(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            self.0.push_str(&escape(value));
            self.0.push('"');
        }
    }

    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Html {
        self.start(tag, attrs);
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Text with the byte ranges `marks` wrapped in `<mark>` (a search snippet, a cell in its
    /// source line); marks out of order, overlapping or off character boundaries are skipped.
    pub fn marked(&mut self, text: &str, marks: &[(usize, usize)]) -> &mut Html {
        let mut last = 0;
        for &(a, b) in marks {
            if a < last || b <= a || b > text.len() {
                continue;
            }
            if !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            self.text(&text[last..a]);
            self.el_text("mark", &[], &text[a..b]);
            last = b;
        }
        self.text(&text[last..])
    }
}

/// A link to `path` with these query parameters, percent-encoded (empty values left out).
pub fn url(path: &str, params: &[(&str, &str)]) -> String {
    let mut out = path.to_string();
    let mut first = true;
    for (k, v) in params {
        if v.is_empty() {
            continue;
        }
        out.push(if first { '?' } else { '&' });
        first = false;
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out
}

/// Percent-encoding of a query component: unreserved ASCII kept, every other byte %XX.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.el("p", &[("title", "\"><script>alert(1)</script>")], |h| {
            h.text("<img src=x onerror=alert(1)> & 'x'");
        });
        let s = h.finish();
        assert_eq!(
            s,
            "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;img src=x onerror=alert(1)&gt; &amp; &#39;x&#39;</p>"
        );
    }

    #[test]
    fn marks_wrap_whole_characters_only() {
        let mut h = Html::new();
        h.marked("政策<解读>", &[(0, 6), (7, 8), (3, 6)]);
        assert_eq!(h.finish(), "<mark>政策</mark>&lt;解读&gt;");
    }

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(
            url("/report", &[("source", "corpus/a b&c.txt"), ("x", "")]),
            "/report?source=corpus%2Fa%20b%26c.txt"
        );
        assert_eq!(url("/", &[("q", "解")]), "/?q=%E8%A7%A3");
    }
}
