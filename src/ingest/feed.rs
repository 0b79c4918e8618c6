//! A report delivered in a news feed: RSS 2.0 (`<item><description>`, `<content:encoded>`),
//! RSS 1.0 (`<rdf:RDF>`) or Atom (`<entry><content type="html">`, `<summary>`). The report is
//! the entry's HTML, written into the XML either escaped (`&lt;p&gt;一、总体情况&lt;/p&gt;`) or
//! in a CDATA section. Read as text, the escaped markup became the report's words (the
//! attributes' numbers, `width=150`, read as table figures; the agency taken from the feed's
//! title); read as a page, the escaped markup was one paragraph. Each entry's HTML is unescaped
//! once, with every character mapped to its bytes in the feed, and read as a page; the entry's
//! `<title>` is the page's title.

use super::{html, MChar};

/// Whether a decoded text is a feed: XML whose root element (after the declaration, comments
/// and processing instructions) is `<rss`, `<feed` or `<rdf:RDF`.
pub fn is_feed(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            let Some(end) = r.find("?>") else {
                return false;
            };
            rest = r[end + 2..].trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            let Some(end) = r.find("-->") else {
                return false;
            };
            rest = r[end + 3..].trim_start();
        } else {
            break;
        }
    }
    ["<rss", "<feed", "<rdf:rdf"].iter().any(|t| {
        rest.len() > t.len()
            && rest.as_bytes()[..t.len()].eq_ignore_ascii_case(t.as_bytes())
            && matches!(
                rest.as_bytes()[t.len()],
                b' ' | b'>' | b'\t' | b'\r' | b'\n'
            )
    })
}

/// The feed's entries as one page's characters (each entry's HTML read as a page, entries one
/// after another), every character mapped to its bytes in the feed; and the first entry's
/// title. None when no entry holds content (the caller reads the file as it would otherwise).
pub fn extract(src: &str) -> Option<(Vec<MChar>, Option<String>)> {
    let mut out: Vec<MChar> = Vec::new();
    let mut title = None;
    for entry in elements(src, 0..src.len(), &["item", "entry"]) {
        let body = ["content:encoded", "content", "description", "summary"]
            .iter()
            .find_map(|name| {
                elements(src, entry.inner.clone(), &[name])
                    .into_iter()
                    .find(|e| !src[e.inner.clone()].trim().is_empty())
            });
        let Some(body) = body else {
            continue;
        };
        if title.is_none() {
            title = elements(src, entry.inner.clone(), &["title"])
                .first()
                .map(|t| unescape(src, t.inner.clone()).0)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
        }
        let (page, map) = unescape(src, body.inner.clone());
        if !out.is_empty() {
            out.push(MChar::new('\n', body.inner.start, body.inner.start));
        }
        let (chars, _) = html::extract_page(&page);
        out.extend(chars.into_iter().map(|m| {
            let (s, e) = if m.e > m.s {
                (map[m.s as usize].0, map[(m.e - 1) as usize].1)
            } else {
                let at = map[(m.s as usize).min(map.len() - 1)].0;
                (at, at)
            };
            MChar::new(m.c, s, e.max(s))
        }));
    }
    (!out.is_empty()).then_some((out, title))
}

/// An element of the feed: the byte range of its content (between its tags).
struct Element {
    inner: std::ops::Range<usize>,
}

/// The elements named one of `names` (case-insensitive, a namespace prefix written as in the
/// name) directly or deeper inside `within`, outermost only, in order. CDATA sections are
/// skipped over whole, so a tag written inside one is no element.
fn elements(src: &str, within: std::ops::Range<usize>, names: &[&str]) -> Vec<Element> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = within.start;
    let end = within.end;
    let starts_with_ci = |at: usize, s: &str| {
        at + s.len() <= end && b[at..at + s.len()].eq_ignore_ascii_case(s.as_bytes())
    };
    let name_at = |at: usize| -> Option<&str> {
        names.iter().copied().find(|n| {
            starts_with_ci(at, n)
                && matches!(
                    b.get(at + n.len()),
                    Some(b' ' | b'>' | b'/' | b'\t' | b'\r' | b'\n')
                )
        })
    };
    while i < end {
        let Some(lt) = src[i..end].find('<').map(|p| i + p) else {
            break;
        };
        if starts_with_ci(lt, "<![CDATA[") {
            i = src[lt..end].find("]]>").map_or(end, |p| lt + p + 3);
            continue;
        }
        if starts_with_ci(lt, "<!--") {
            i = src[lt..end].find("-->").map_or(end, |p| lt + p + 3);
            continue;
        }
        let Some(name) = name_at(lt + 1) else {
            i = lt + 1;
            continue;
        };
        let Some(gt) = src[lt..end].find('>').map(|p| lt + p) else {
            break;
        };
        if b[gt - 1] == b'/' {
            i = gt + 1;
            continue;
        }
        // The matching close tag, counting nested opens of the same name, CDATA skipped.
        let mut depth = 1;
        let mut j = gt + 1;
        let mut close = None;
        while j < end {
            let Some(p) = src[j..end].find('<').map(|p| j + p) else {
                break;
            };
            if starts_with_ci(p, "<![CDATA[") {
                j = src[p..end].find("]]>").map_or(end, |q| p + q + 3);
                continue;
            }
            if b.get(p + 1) == Some(&b'/') && starts_with_ci(p + 2, name) {
                depth -= 1;
                if depth == 0 {
                    close = Some(p);
                    break;
                }
            } else if starts_with_ci(p + 1, name)
                && matches!(
                    b.get(p + 1 + name.len()),
                    Some(b' ' | b'>' | b'\t' | b'\r' | b'\n')
                )
            {
                depth += 1;
            }
            j = p + 1;
        }
        let close = close.unwrap_or(end);
        out.push(Element {
            inner: gt + 1..close,
        });
        i = src[close..end].find('>').map_or(end, |p| close + p + 1);
    }
    out
}

/// The text of XML content at `r`: CDATA sections as written, character references and the
/// five predefined entities decoded (an unknown entity is kept as written). With, per byte of
/// the result, the source range of the character it belongs to.
fn unescape(src: &str, r: std::ops::Range<usize>) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(r.len());
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    let push = |out: &mut String, map: &mut Vec<(usize, usize)>, c: char, s: usize, e: usize| {
        out.push(c);
        map.extend(std::iter::repeat_n((s, e), c.len_utf8()));
    };
    let mut i = r.start;
    while i < r.end {
        let rest = &src[i..r.end];
        if let Some(inner) = rest.strip_prefix("<![CDATA[") {
            let len = inner.find("]]>").unwrap_or(inner.len());
            let at = i + 9;
            for (k, c) in inner[..len].char_indices() {
                push(&mut out, &mut map, c, at + k, at + k + c.len_utf8());
            }
            i = (at + len + 3).min(r.end);
            continue;
        }
        let c = rest.chars().next().unwrap();
        if c == '&' {
            if let Some((d, len)) = entity(rest) {
                push(&mut out, &mut map, d, i, i + len);
                i += len;
                continue;
            }
        }
        push(&mut out, &mut map, c, i, i + c.len_utf8());
        i += c.len_utf8();
    }
    (out, map)
}

/// The XML entity at the start of `s` (which starts with '&'): the five predefined ones and
/// numeric references, each ended by ';'. Returns the character and the length in bytes.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = name.strip_prefix('#')?;
            let v = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(v)?
        }
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(chars: &[MChar]) -> String {
        chars.iter().map(|m| m.c).collect()
    }

    #[test]
    fn feeds_are_told_by_their_root_element() {
        assert!(is_feed(
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
        ));
        assert!(is_feed(
            "<?xml version=\"1.0\"?><!-- x --><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(is_feed("<rdf:RDF xmlns:rdf=\"…\">"));
        assert!(!is_feed("<?xml version=\"1.0\"?><html><body>"));
        assert!(!is_feed("<p>一、总体情况</p>"));
        assert!(!is_feed("<feedback>"));
    }

    #[test]
    fn escaped_and_cdata_entries_read_as_pages_mapped_to_the_feed() {
        let escaped = "<rss><channel><title>站点</title><item><title>某局2023年年报</title>\
            <description>&lt;p&gt;一、总体情况&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;规章&lt;/td&gt;\
            &lt;td width=&quot;150&quot;&gt;7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</description></item></channel></rss>";
        let (chars, title) = extract(escaped).unwrap();
        assert_eq!(title.as_deref(), Some("某局2023年年报"));
        let t = text(&chars);
        assert!(t.contains("一、总体情况"), "{t:?}");
        assert!(t.contains("规章\t7"), "{t:?}");
        assert!(!t.contains("150") && !t.contains("&lt;"), "{t:?}");
        let seven = chars.iter().find(|m| m.c == '7').unwrap();
        assert_eq!(&escaped[seven.s as usize..seven.e as usize], "7");
        let cdata = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">某局</title>\
            <content type=\"html\"><![CDATA[<p>二、主动公开政府信息情况</p>]]></content></entry></feed>";
        let (chars, _) = extract(cdata).unwrap();
        let t = text(&chars);
        assert!(t.contains("二、主动公开政府信息情况"), "{t:?}");
        let er = chars.iter().find(|m| m.c == '二').unwrap();
        assert_eq!(&cdata[er.s as usize..er.e as usize], "二");
        assert!(extract("<rss><channel><title>x</title></channel></rss>").is_none());
    }
}
