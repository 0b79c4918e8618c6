//! HTML → text lines, every character mapped back to its byte range in the HTML source.
//!
//! A small streaming tokenizer rather than a DOM: provenance needs the source offset of every
//! character (a DOM parser such as scraper/html5ever does not expose text positions), and a
//! report page needs only text, block boundaries and table cells. Table rows become lines with
//! cells separated by tabs, in printed order (rowspan/colspan are ignored on purpose: the cells
//! are matched by row label and order, never by column position). Scripts, styles, navigation,
//! headers, footers, forms and elements whose class/id names a menu are dropped.

use super::MChar;

const SKIP_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
    "select", "button", "iframe", "svg", "object", "textarea",
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
    "caption",
    "main",
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

/// Extract the text of an HTML document.
pub fn extract(src: &str) -> Vec<MChar> {
    let b = src.as_bytes();
    let mut out: Vec<MChar> = Vec::with_capacity(src.len() / 3);
    let mut i = 0usize;
    // Elements being skipped: (name, depth of nested same-name elements).
    let mut skip: Option<(String, usize)> = None;
    let mut cell_depth = 0usize;
    let mut cells_in_row = 0usize;
    let mut tag_ends = TagEnds::new(b);
    while i < b.len() {
        if b[i] == b'<' {
            if src[i..].starts_with("<!--") {
                i = find(src, i + 4, "-->").map(|p| p + 3).unwrap_or(b.len());
                continue;
            }
            let Some(end) = tag_ends.end(i) else {
                // A lone '<' in text.
                if skip.is_none() {
                    out.push(MChar::new('<', i, i + 1));
                }
                i += 1;
                continue;
            };
            let tag = &src[i + 1..end];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let self_closing = tag.ends_with('/');
            let tag_start = i;
            i = end + 1;
            if name.is_empty() {
                continue; // <!DOCTYPE>, <?xml?>, stray punctuation
            }
            if let Some((skip_name, depth)) = skip.as_mut() {
                if *skip_name == name && !self_closing {
                    if closing {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    } else {
                        *depth += 1;
                    }
                }
                continue;
            }
            if !closing && !self_closing && is_skipped(&name, tag) {
                if matches!(name.as_str(), "script" | "style" | "textarea") {
                    // Raw text: jump straight to the closing tag.
                    let close = format!("</{name}");
                    i = find_ci(src, i, &close).unwrap_or(b.len());
                    continue;
                }
                if !is_void(&name) {
                    skip = Some((name, 1));
                }
                continue;
            }
            match name.as_str() {
                "tr" if !closing => {
                    push_break(&mut out, '\n', tag_start);
                    cells_in_row = 0;
                }
                "td" | "th" => {
                    if closing {
                        cell_depth = cell_depth.saturating_sub(1);
                    } else {
                        if cells_in_row > 0 {
                            out.push(MChar::new('\t', tag_start, tag_start));
                        }
                        cells_in_row += 1;
                        cell_depth += 1;
                    }
                }
                n if BLOCK_ELEMENTS.contains(&n) => {
                    if cell_depth > 0 {
                        // Paragraphs inside a table cell stay inside the cell.
                        if out
                            .last()
                            .is_some_and(|m| !matches!(m.c, '\t' | ' ' | '\n'))
                        {
                            out.push(MChar::new(' ', tag_start, tag_start));
                        }
                    } else {
                        push_break(&mut out, '\n', tag_start);
                    }
                }
                _ => {}
            }
            continue;
        }
        if skip.is_some() {
            i += 1;
            continue;
        }
        if b[i] == b'&' {
            if let Some((c, len)) = entity(&src[i..]) {
                push_text(&mut out, c, i, i + len);
                i += len;
                continue;
            }
        }
        let c = src[i..].chars().next().unwrap();
        let len = c.len_utf8();
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        push_text(&mut out, c, i, i + len);
        i += len;
    }
    out
}

fn push_text(out: &mut Vec<MChar>, c: char, s: usize, e: usize) {
    // HTML collapses runs of white space.
    if c == ' ' && out.last().is_some_and(|m| m.c == ' ' || m.c == '\n') {
        return;
    }
    out.push(MChar::new(c, s, e));
}

fn push_break(out: &mut Vec<MChar>, c: char, at: usize) {
    while out.last().is_some_and(|m| m.c == ' ') {
        out.pop();
    }
    if out.last().is_some_and(|m| m.c != '\n') {
        out.push(MChar::new(c, at, at));
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img"
            | "hr"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "source"
            | "wbr"
    )
}

fn is_skipped(name: &str, tag: &str) -> bool {
    if SKIP_ELEMENTS.contains(&name) {
        return true;
    }
    if matches!(name, "div" | "ul" | "section" | "span" | "p") {
        let lower = tag.to_ascii_lowercase();
        for attr in ["class=", "id="] {
            if let Some(p) = lower.find(attr) {
                let v: String = lower[p + attr.len()..]
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | '>'))
                    .collect();
                if v.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| CHROME_CLASS_WORDS.contains(&w))
                {
                    return true;
                }
            }
        }
    }
    false
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
    after_quote: std::collections::HashMap<usize, Option<usize>>,
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

fn find(s: &str, from: usize, pat: &str) -> Option<usize> {
    s.get(from..)?.find(pat).map(|p| p + from)
}

fn find_ci(s: &str, from: usize, pat: &str) -> Option<usize> {
    let hay = s.as_bytes();
    let pat = pat.as_bytes();
    if pat.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - pat.len()).find(|&i| hay[i..i + pat.len()].eq_ignore_ascii_case(pat))
}

/// Decode one character entity at the start of `s`: (char, length in bytes).
fn entity(s: &str) -> Option<(char, usize)> {
    // Only the first 12 bytes can hold the ';' (a search to the end of the page would make a
    // run of '&' quadratic).
    let end = s
        .as_bytes()
        .iter()
        .take(13)
        .skip(1)
        .position(|&c| c == b';')?
        + 1;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(v)?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" | "hairsp" | "numsp" | "puncsp" | "emsp13"
            | "emsp14" | "MediumSpace" => '\u{a0}',
            // Invisible (normalisation drops them): soft hyphen, joiners, marks, word joiner…
            "shy" | "zwnj" | "zwj" | "lrm" | "rlm" | "NoBreak" | "af" | "it" | "ic" => '\u{200b}',
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "times" => '×',
            "divide" => '÷',
            "yen" => '¥',
            "copy" => '©',
            "reg" => '®',
            "deg" => '°',
            "plusmn" => '±',
            "permil" => '‰',
            "bull" => '•',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: &[MChar]) -> String {
        v.iter().map(|m| m.c).collect()
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

    #[test]
    fn drops_navigation() {
        let v = extract(
            "<div class=\"nav-menu\"><a>首页</a><div>x</div></div><p>正文</p><footer>版权</footer>",
        );
        assert_eq!(text(&v).trim(), "正文");
    }
}
