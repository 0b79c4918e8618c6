//! A report that a page's script writes in or shows: the page as served holds an empty
//! container and a script with the report's HTML in a string (`var content = "<p>…";
//! app.innerHTML = content`, a JSON state `window.__INITIAL_STATE__={"content":"<p>…"}`,
//! `document.write('<table>…')` in pieces), or a hidden `<textarea>` an editor's script fills the
//! page from; or the report is in the page, hidden until a script shows it (WeChat articles:
//! `<div id="js_content" style="visibility: hidden;">`). A browser runs the script and shows the
//! report; gongkai does not run scripts, so it reads the report out of the script's string
//! literals (the text box's text), or reads the hidden element as shown.
//!
//! Used only where that text is far more than the page shows (a page whose report is already
//! visible is never given a second copy from its hydration state, nor its hidden print
//! version). Every character read keeps its source range: an escape (`\u4e00`, `\"`, `&lt;`)
//! maps to the bytes that spell it, so provenance still points into the page.

use super::normalize::is_han;
use super::MChar;

/// Han characters a script's strings must hold before they are read as the page's report.
const MIN_HAN: usize = 300;

/// Text of the page that is not shown: a script's, or a text box's.
pub(super) struct Hidden {
    /// Where in the page's shown text the element stands.
    pub at: usize,
    /// Its text, each character with its source range.
    pub chars: Vec<MChar>,
    /// A script (its string literals are read), or a text box (its text is).
    pub script: bool,
}

/// The page's report from its scripts: the script (or text box) whose strings hold the most
/// text, decoded and concatenated, when they hold more than twice the Han characters the page
/// shows. Returns the position in the shown text and the HTML, each character with the source
/// range that spells it.
pub(super) fn report_in_scripts(
    visible: &[MChar],
    hidden: &[Hidden],
) -> Option<(usize, Vec<MChar>)> {
    let shown = visible.iter().filter(|m| is_han(m.c)).count();
    let (at, html, han) = hidden
        .iter()
        .filter(|h| h.chars.iter().any(|m| is_han(m.c)) || has_escape(&h.chars))
        .filter_map(|h| {
            let html = if h.script {
                page_strings(&h.chars)
            } else if has_markup(&h.chars) {
                h.chars.clone()
            } else {
                return None;
            };
            let han = html.iter().filter(|m| is_han(m.c)).count();
            Some((h.at, html, han))
        })
        .max_by_key(|(_, _, han)| *han)?;
    (han >= MIN_HAN && han > 2 * shown).then_some((at, html))
}

/// The hidden element a script shows, if the page's report is in it: the outermost hidden
/// element (by `hidden`; not one `skipped` for what it is, a menu or a script) with the most Han
/// characters, when it holds at least [`MIN_HAN`] and over twice what the page shows.
pub(super) fn revealed_element(
    dom: &scraper::Html,
    shown: &[MChar],
    hidden: &dyn Fn(ego_tree::NodeId, &scraper::node::Element) -> bool,
    skipped: fn(&scraper::node::Element) -> bool,
) -> Option<ego_tree::NodeId> {
    use scraper::Node;
    let shown = shown.iter().filter(|m| is_han(m.c)).count();
    let mut best: Option<(usize, ego_tree::NodeId)> = None;
    let mut stack = vec![dom.tree.root()];
    while let Some(node) = stack.pop() {
        if let Node::Element(e) = node.value() {
            if hidden(node.id(), e) {
                if !matches!(e.name(), "script" | "style" | "template" | "noscript") {
                    let han = han_in(node);
                    if best.is_none_or(|(h, _)| han > h) {
                        best = Some((han, node.id()));
                    }
                }
                continue;
            }
            if skipped(e) {
                continue;
            }
        }
        stack.extend(node.children());
    }
    let (han, id) = best?;
    (han >= MIN_HAN && han > 2 * shown).then_some(id)
}

/// Han characters in the text under `node`, scripts and styles aside.
fn han_in(node: ego_tree::NodeRef<scraper::Node>) -> usize {
    use scraper::Node;
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => {
                let in_code = n
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(|e| matches!(e.name(), "script" | "style"));
                (!in_code).then(|| t.text.chars().filter(|&c| is_han(c)).count())
            }
            _ => None,
        })
        .sum()
}

/// A script that may spell Han characters as escapes (`\u4e00`).
fn has_escape(chars: &[MChar]) -> bool {
    chars.windows(2).any(|w| w[0].c == '\\' && w[1].c == 'u')
}

/// The string literals of a script that read as page content (markup or Han text), decoded and
/// joined by line breaks, in the script's order.
fn page_strings(script: &[MChar]) -> Vec<MChar> {
    let mut out: Vec<MChar> = Vec::new();
    for lit in string_literals(script) {
        let lit = if has_markup(&lit) {
            lit
        } else if has_escaped_markup(&lit) {
            // HTML escaped once more inside the string (`"content":"&lt;p&gt;…"`).
            entities_decoded(&lit)
        } else if lit.iter().any(|m| is_han(m.c)) {
            lit
        } else {
            continue;
        };
        if let Some(first) = lit.first() {
            if !out.is_empty() {
                out.push(MChar::new('\n', first.s as usize, first.s as usize));
            }
        }
        out.extend(lit);
    }
    out
}

/// A tag opens somewhere in the text (`<p`, `</td`, `<!--`).
pub(super) fn has_markup(lit: &[MChar]) -> bool {
    lit.windows(2)
        .any(|w| w[0].c == '<' && (w[1].c.is_ascii_alphabetic() || matches!(w[1].c, '/' | '!')))
}

/// A tag spelt with entities (`&lt;p&gt;`).
fn has_escaped_markup(lit: &[MChar]) -> bool {
    lit.windows(5).any(|w| {
        w[0].c == '&'
            && w[1].c == 'l'
            && w[2].c == 't'
            && w[3].c == ';'
            && (w[4].c.is_ascii_alphabetic() || w[4].c == '/')
    })
}

/// The text with its character references decoded, each decoded character spanning its
/// reference's source range.
pub(super) fn entities_decoded(lit: &[MChar]) -> Vec<MChar> {
    let mut out = Vec::with_capacity(lit.len());
    let mut i = 0;
    while i < lit.len() {
        if lit[i].c == '&' {
            // The reference's spelling: up to 32 characters, to its ';'.
            let spelt: String = lit[i..].iter().take(32).map(|m| m.c).collect();
            if let Some((c, n)) = super::html::decode_entity(&spelt) {
                let used = spelt[..n].chars().count();
                out.push(MChar {
                    c,
                    s: lit[i].s,
                    e: lit[i + used - 1].e,
                });
                i += used;
                continue;
            }
        }
        out.push(lit[i]);
        i += 1;
    }
    out
}

/// The string literals of a script (`"…"`, `'…'`, `` `…` ``), their escapes decoded; comments
/// skipped. A quote that opens no string (inside a regular expression) costs at most the rest
/// of its line: a `'` or `"` string never crosses a line end.
fn string_literals(script: &[MChar]) -> Vec<Vec<MChar>> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = script.len();
    while i < n {
        let c = script[i].c;
        let next = script.get(i + 1).map(|m| m.c);
        match c {
            '/' if next == Some('/') => {
                while i < n && script[i].c != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                i += 2;
                while i < n
                    && !(script[i].c == '*' && script.get(i + 1).is_some_and(|m| m.c == '/'))
                {
                    i += 1;
                }
                i += 2;
            }
            '"' | '\'' | '`' => {
                let (lit, end) = literal(script, i);
                if let Some(lit) = lit {
                    out.push(lit);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The literal opening with the quote at `open`: its decoded characters (None when it does not
/// close), and the index after it.
pub(super) fn literal(script: &[MChar], open: usize) -> (Option<Vec<MChar>>, usize) {
    let quote = script[open].c;
    let mut out = Vec::new();
    let mut j = open + 1;
    while j < script.len() {
        let m = script[j];
        if m.c == quote {
            return (Some(out), j + 1);
        }
        if m.c == '\n' && quote != '`' {
            return (None, j);
        }
        if m.c != '\\' {
            out.push(m);
            j += 1;
            continue;
        }
        let (decoded, used) = escape(&script[j + 1..]);
        let end = script[(j + used).min(script.len() - 1)].e;
        if let Some(c) = decoded {
            out.push(MChar { c, s: m.s, e: end });
        }
        j += 1 + used;
    }
    (None, j)
}

/// The character an escape spells (after its backslash) and how many characters it uses;
/// None for a line continuation.
fn escape(rest: &[MChar]) -> (Option<char>, usize) {
    let Some(first) = rest.first().map(|m| m.c) else {
        return (None, 0);
    };
    let hex = |from: usize, len: usize| -> Option<u32> {
        let s: String = rest.get(from..from + len)?.iter().map(|m| m.c).collect();
        u32::from_str_radix(&s, 16).ok()
    };
    match first {
        'n' => (Some('\n'), 1),
        't' => (Some('\t'), 1),
        'r' => (Some('\r'), 1),
        'b' | 'f' | 'v' | '0' => (Some(' '), 1),
        '\n' => (None, 1),
        'x' => match hex(1, 2) {
            Some(v) => (char::from_u32(v), 3),
            None => (Some('x'), 1),
        },
        'u' if rest.get(1).is_some_and(|m| m.c == '{') => {
            let close = rest.iter().skip(2).take(8).position(|m| m.c == '}');
            match close.and_then(|k| hex(2, k).map(|v| (v, k))) {
                Some((v, k)) => (char::from_u32(v), k + 3),
                None => (Some('u'), 1),
            }
        }
        'u' => match hex(1, 4) {
            // A surrogate pair spelt as two escapes (JSON's way for characters past U+FFFF).
            Some(hi @ 0xD800..=0xDBFF)
                if rest.get(5).is_some_and(|m| m.c == '\\')
                    && rest.get(6).is_some_and(|m| m.c == 'u') =>
            {
                match hex(7, 4) {
                    Some(lo @ 0xDC00..=0xDFFF) => (
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)),
                        11,
                    ),
                    _ => (Some('\u{fffd}'), 5),
                }
            }
            Some(v) => (Some(char::from_u32(v).unwrap_or('\u{fffd}')), 5),
            None => (Some('u'), 1),
        },
        c => (Some(c), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<MChar> {
        s.char_indices()
            .map(|(i, c)| MChar::new(c, i, i + c.len_utf8()))
            .collect()
    }

    fn text(v: &[MChar]) -> String {
        v.iter().map(|m| m.c).collect()
    }

    #[test]
    fn literals_are_decoded_with_their_source_ranges() {
        let src = r#"var a = "<p>\u4e00、总体\"情况\"</p>\n"; // "comment"
/* 'also' */ b = 'x\'y' + `z`;"#;
        let lits = string_literals(&chars(src));
        let texts: Vec<String> = lits.iter().map(|l| text(l)).collect();
        assert_eq!(texts, ["<p>一、总体\"情况\"</p>\n", "x'y", "z"]);
        // "一" is spelt by the six bytes of its escape.
        let one = lits[0][3];
        assert_eq!(
            (one.c, &src[one.s as usize..one.e as usize]),
            ('一', r"\u4e00")
        );
    }

    #[test]
    fn surrogate_pairs_and_braced_escapes() {
        let lits = string_literals(&chars(r#""\ud842\udfb7\u{20BB7}\x41""#));
        assert_eq!(text(&lits[0]), "𠮷𠮷A");
    }

    #[test]
    fn an_unclosed_quote_costs_its_line_only() {
        let lits = string_literals(&chars("x = /\"/;\ny = \"<p>二</p>\";"));
        assert_eq!(lits.len(), 1);
        assert_eq!(text(&lits[0]), "<p>二</p>");
    }

    #[test]
    fn html_escaped_again_inside_the_string() {
        let page = page_strings(&chars(
            r#"{"title":"报告","content":"&lt;p&gt;一、总体情况&lt;/p&gt;"}"#,
        ));
        assert_eq!(text(&page), "报告\n<p>一、总体情况</p>");
    }

    #[test]
    fn a_visible_report_gets_no_second_copy() {
        let report = format!("<p>{}</p>", "政府信息公开".repeat(100));
        let hidden = |at| Hidden {
            at,
            chars: chars(&format!("var c = {report:?};")),
            script: true,
        };
        let shown = chars(&"公开".repeat(200));
        assert!(report_in_scripts(&shown, &[hidden(0)]).is_none());
        let (at, html) = report_in_scripts(&chars("首页"), &[hidden(2)]).unwrap();
        assert_eq!((at, text(&html)), (2, report));
    }
}
