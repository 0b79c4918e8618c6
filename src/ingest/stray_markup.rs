//! Markup left in a text or markdown report: a crawler that saved a page's text field without
//! rendering it, or a CMS export, leaves HTML's character references (`&nbsp;&nbsp;一、总体情况`,
//! `&emsp;&emsp;`, `行政许可&nbsp;12`) and line-break tags (`…情况。<br/>`) in what is otherwise
//! plain text. A reader of the report sees a space and a new line, and so must the parser: before,
//! `13<br/>` was no figure, and a title indented with `&nbsp;` named no agency.
//!
//! A reference is read only when it is well formed and ends with `;` (a text's own `&` stays),
//! with the table a browser uses; `<br>` (any case, `<br/>`, `<br />`) is a new line, or nothing
//! where the line ends right after it. A line of container tags alone (`<div class="article">`,
//! `</div>`, as pandoc's gfm keeps a page's wrapper), or a fenced div's fence (`::: article`,
//! its markdown's), is no text: read as text it was a preamble. The tags of elements that style
//! text (`<span style="font-size:16px">`, `<font …>`, `<p …>`, `<strong>`, `<o:p>`), where they
//! are well formed, are no text either, inside a line or a pipe cell: their text stays, and their
//! attributes' lengths are no figures. Each character so made maps to the markup's source bytes.
//! A page of markup (most lines opening with a tag) is read as HTML instead, by
//! [`super::detect_format`]; this is for markup scattered in text.

use super::MChar;

/// The characters with every well-formed character reference decoded and every `<br>` tag
/// read as a line break (nothing before the line's own end).
pub fn resolved(chars: Vec<MChar>) -> Vec<MChar> {
    let fence = || chars.windows(3).any(|w| w.iter().all(|m| m.c == ':'));
    let drawers = || {
        chars
            .windows(DRAWER.len())
            .any(|w| w.iter().map(|m| m.c).eq(DRAWER.chars()))
    };
    if !chars.iter().any(|m| matches!(m.c, '&' | '<')) && !fence() && !drawers() {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    // The first printed character of the line being written, and (made at the first `<br>`)
    // whether a pipe follows each character on its line.
    let mut line_first: Option<char> = None;
    let mut pipe_ahead: Option<Vec<bool>> = None;
    let mut i = 0;
    while i < chars.len() {
        let m = chars[i];
        let line_start = i == 0 || chars[i - 1].c == '\n';
        if line_start {
            line_first = None;
        }
        if line_first.is_none() && !m.c.is_whitespace() {
            line_first = Some(m.c);
        }
        let found = match m.c {
            '<' if line_start => tag_line(&chars[i..])
                .or_else(|| line_break(&chars[i..]))
                .or_else(|| inline_tag(&chars[i..])),
            ':' if line_start => div_fence(&chars[i..]).or_else(|| drawer(&chars[i..])),
            ' ' if line_start => drawer(&chars[i..]),
            '&' => reference(&chars[i..]),
            '<' => line_break(&chars[i..])
                .map(|(c, n)| {
                    // Inside a pipe row's cell (a CMS cell's line break, as turndown and pandoc
                    // write it) the cell goes on: a new line there broke the row in two.
                    let pipe_after = pipe_ahead.get_or_insert_with(|| pipes_ahead(&chars));
                    if line_first == Some('|') && pipe_after[i + n - 1] {
                        (None, n)
                    } else {
                        (c, n)
                    }
                })
                .or_else(|| inline_tag(&chars[i..])),
            _ => None,
        };
        match found {
            Some((c, n)) => {
                let last = chars[i + n - 1];
                if let Some(c) = c {
                    out.push(MChar {
                        c,
                        s: m.s,
                        e: last.e,
                    });
                }
                i += n;
            }
            None => {
                out.push(m);
                i += 1;
            }
        }
    }
    out
}

/// The ASCII characters at the start of `chars` (at most `max`), as a string.
fn ascii_head(chars: &[MChar], max: usize) -> String {
    chars
        .iter()
        .take(max)
        .map(|m| m.c)
        .take_while(char::is_ascii)
        .collect()
}

/// A reference at the start of `chars` (which starts with '&'), ended by ';': the character it
/// stands for and how many characters it takes.
fn reference(chars: &[MChar]) -> Option<(Option<char>, usize)> {
    let head = ascii_head(chars, 34);
    let semi = head.find(';')?;
    let (c, len) = super::html::decode_entity(&head[..=semi])?;
    // Only the whole reference with its ';' ("&nbspx;" is no reference here).
    (len == semi + 1).then_some((Some(c), len))
}

/// Elements that only contain: a line of their tags alone holds no text of the report.
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "span", "font", "center", "body", "html", "p",
];

/// A line of container tags alone at the start of `chars` (which starts with '<'): nothing, and
/// how many characters the tags take (the line's end stays).
fn tag_line(chars: &[MChar]) -> Option<(Option<char>, usize)> {
    let end = chars
        .iter()
        .position(|m| matches!(m.c, '\n' | '\r'))
        .unwrap_or(chars.len());
    let line: String = chars[..end].iter().map(|m| m.c).collect();
    let mut rest = line.trim_end();
    if rest.len() > 300 {
        return None;
    }
    while !rest.is_empty() {
        let inner = rest.strip_prefix('<')?;
        let close = inner.find('>')?;
        let tag = inner[..close].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let after_name = &tag[name.len()..];
        let attrs_ok = after_name.is_empty() || after_name.starts_with([' ', '/']);
        if !CONTAINERS.contains(&name.as_str()) || !attrs_ok || tag.contains('<') {
            return None;
        }
        rest = inner[close + 1..].trim_start();
    }
    Some((None, line.trim_end().chars().count()))
}

/// A fenced div's fence alone on a line (pandoc's markdown: `::: article`, `::: {.content}`,
/// `:::`): nothing, and how many characters it takes.
fn div_fence(chars: &[MChar]) -> Option<(Option<char>, usize)> {
    let end = chars
        .iter()
        .take(200)
        .position(|m| matches!(m.c, '\n' | '\r'))
        .unwrap_or(chars.len().min(200));
    let line: String = chars[..end].iter().map(|m| m.c).collect();
    let t = line.trim_end();
    let colons = t.chars().take_while(|&c| c == ':').count();
    if colons < 3 {
        return None;
    }
    let name = t[colons..].trim().trim_end_matches(':').trim();
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    let braced = name.starts_with('{') && name.ends_with('}') && name.is_ascii();
    (plain || braced).then(|| (None, t.chars().count()))
}

/// What opens an Org mode property drawer (pandoc's org writer puts one under every heading).
const DRAWER: &str = ":PROPERTIES:";

/// An Org mode property drawer at the start of `chars` (a line, maybe indented, of
/// `:PROPERTIES:`, lines of `:NAME: value`, a line of `:END:`): nothing, and how many characters
/// it takes (its last line's end stays). Read as text, `:CUSTOM_ID: 五存在的主要问题…` under 五 was
/// the report's first problem.
fn drawer(chars: &[MChar]) -> Option<(Option<char>, usize)> {
    // (Cheap refusals first: most lines that open with a space are a paragraph's indent.)
    let lead = chars.iter().take(40).take_while(|m| m.c == ' ').count();
    if chars.get(lead).is_none_or(|m| m.c != ':') {
        return None;
    }
    let mut at = 0;
    let mut first = true;
    for _ in 0..20 {
        // A drawer's lines are short: a line running on past 300 characters is none of them.
        let rest = &chars[at..];
        let end = match rest.iter().take(300).position(|m| m.c == '\n') {
            Some(p) => at + p,
            None if rest.len() <= 300 => chars.len(),
            None => return None,
        };
        let line: String = chars[at..end].iter().map(|m| m.c).collect();
        let t = line.trim();
        if first {
            if t != DRAWER {
                return None;
            }
            first = false;
        } else if t == ":END:" {
            return Some((None, end));
        } else {
            let name = t.strip_prefix(':')?.split(':').next()?;
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            {
                return None;
            }
        }
        at = end + 1;
    }
    None
}

/// Elements that style text inside a line (and the paragraphs and blocks around it), whose
/// tags pandoc's gfm writer and CMS exports keep around a Word page's text, cells' figures
/// included: `| <span style="font-size:16px">12</span> |`. (Struck-out text, raised and lowered
/// digits and tables' own tags mean more than a style: they are left as they are.)
const INLINE_ELEMENTS: &[&str] = &[
    "span", "font", "b", "strong", "i", "em", "u", "small", "big", "a", "p", "div", "o:p", "ins",
    "mark", "label", "abbr", "cite", "center", "tt", "section", "article",
];

/// A well-formed opening or closing tag of an [`INLINE_ELEMENTS`] element at the start of
/// `chars` (which starts with '<'), on one line: nothing, and how many characters it takes.
/// Read as text, its attributes' lengths were figures (`font-size:16px` a cell's 16) and its
/// name broke the cell's text. Anything else that opens with '<' is text: `a<b`, `<<条例>>`,
/// `<5%`, a tag of another element, a tag whose attributes are not attributes.
fn inline_tag(chars: &[MChar]) -> Option<(Option<char>, usize)> {
    let at = |i: usize| chars.get(i).map(|m| m.c);
    let mut i = 1;
    let closing = at(i) == Some('/');
    if closing {
        i += 1;
    }
    // The name: letters and digits, and one prefix (Word's `o:p`).
    let name_from = i;
    if !at(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == ':') && i - name_from < 16 {
        i += 1;
    }
    let name: String = chars[name_from..i]
        .iter()
        .map(|m| m.c.to_ascii_lowercase())
        .collect();
    if !INLINE_ELEMENTS.contains(&name.as_str()) {
        return None;
    }
    let space = |c: Option<char>| c.is_some_and(|c| matches!(c, ' ' | '\t'));
    if closing {
        while space(at(i)) {
            i += 1;
        }
        return (at(i) == Some('>')).then_some((None, i + 1));
    }
    // Attributes: `name`, `name=value`, `name="value"`, `name='value'`, a space before each.
    loop {
        let spaced = space(at(i));
        while space(at(i)) {
            i += 1;
        }
        match at(i)? {
            '>' => return Some((None, i + 1)),
            '/' if at(i + 1) == Some('>') => return Some((None, i + 2)),
            c if spaced && (c.is_ascii_alphabetic() || c == '_') => {}
            _ => return None,
        }
        while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        {
            i += 1;
        }
        if i > 1000 {
            return None;
        }
        let mut j = i;
        while space(at(j)) {
            j += 1;
        }
        if at(j) != Some('=') {
            continue;
        }
        j += 1;
        while space(at(j)) {
            j += 1;
        }
        match at(j)? {
            q @ ('"' | '\'') => {
                j += 1;
                while at(j)? != q {
                    if matches!(at(j)?, '\n' | '\r' | '<' | '>') || j > 1000 {
                        return None;
                    }
                    j += 1;
                }
                j += 1;
            }
            _ => {
                let from = j;
                while at(j).is_some_and(|c| {
                    !c.is_whitespace() && !matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')
                }) {
                    j += 1;
                }
                if j == from || j > 1000 {
                    return None;
                }
            }
        }
        i = j;
    }
}

/// For each character, whether a pipe follows it on its line.
fn pipes_ahead(chars: &[MChar]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut seen = false;
    for (i, m) in chars.iter().enumerate().rev() {
        out[i] = seen;
        if m.c == '\n' {
            seen = false;
        } else if m.c == '|' {
            seen = true;
        }
    }
    out
}

/// A `<br>` tag at the start of `chars` (which starts with '<'): a new line, or nothing where
/// only spaces stand between it and the line's end; and how many characters it takes.
fn line_break(chars: &[MChar]) -> Option<(Option<char>, usize)> {
    let head = ascii_head(chars, 8).to_ascii_lowercase();
    let len = ["<br>", "<br/>", "<br />"]
        .iter()
        .find(|t| head.starts_with(**t))?
        .len();
    let line_ends = chars[len..]
        .iter()
        .find(|m| !matches!(m.c, ' ' | '\t'))
        .is_none_or(|m| matches!(m.c, '\n' | '\r'));
    Some(((!line_ends).then_some('\n'), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        resolved(MChar::of(s)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn a_line_break_inside_a_pipe_rows_cell_keeps_the_row_whole() {
        assert_eq!(
            text("|  | 四、结转下<br>年度继续办理 | 10 |\n| 本年收费金额<br/>（单位：万元） |\n"),
            "|  | 四、结转下年度继续办理 | 10 |\n| 本年收费金额（单位：万元） |\n"
        );
        // Outside a row (or after its last pipe) it is a new line.
        assert_eq!(
            text("第一段<br>第二段\n| a | b |<br>c\n"),
            "第一段\n第二段\n| a | b |\nc\n"
        );
    }

    #[test]
    fn references_are_the_characters_they_stand_for() {
        assert_eq!(
            text("&nbsp;&nbsp;一、总体情况&emsp;A&amp;B&#20013;&#x6587;"),
            "\u{a0}\u{a0}一、总体情况\u{2003}A&B中文"
        );
    }

    #[test]
    fn org_property_drawers_are_no_text() {
        assert_eq!(
            text("** 五、存在的主要问题\n   :PROPERTIES:\n   :CUSTOM_ID: 五存在的主要问题\n   :END:\n一是…\n"),
            "** 五、存在的主要问题\n\n一是…\n"
        );
        // At the text's end without a line break too.
        assert_eq!(text("x\n:PROPERTIES:\n:ID: 1\n:END:"), "x\n");
        // Not a drawer: no :END:, or a line that is no property.
        for s in [":PROPERTIES:\n:ID: 1\n", ":PROPERTIES:\n一是：\n:END:\n"] {
            assert_eq!(text(s), s);
        }
    }

    #[test]
    fn a_texts_own_ampersand_stays() {
        assert_eq!(
            text("A&B公司 &nbsp 5 &nbspx; &;"),
            "A&B公司 &nbsp 5 &nbspx; &;"
        );
    }

    #[test]
    fn line_break_tags_are_line_breaks() {
        assert_eq!(text("情况。<br/>\n规章\t13<BR>\n"), "情况。\n规章\t13\n");
        assert_eq!(
            text("一、总体情况<br />二、主动公开"),
            "一、总体情况\n二、主动公开"
        );
        assert_eq!(text("a<i>c</i> <brr>"), "ac <brr>");
    }

    #[test]
    fn a_line_of_container_tags_is_no_text() {
        assert_eq!(
            text("<div class=\"article\">\n\n一、总体情况\n</div>\n<p><span>规章</span></p>\n"),
            "\n\n一、总体情况\n\n规章\n"
        );
        // Text after a tag, a tag of another element, a lone '<': text.
        for s in ["<table>", "<3", "< div>"] {
            assert_eq!(text(s), s);
        }
        // Text after a container's tag is the text (the tag is markup).
        assert_eq!(text("<div>一、总体情况"), "一、总体情况");
    }

    /// pandoc's gfm keeps a Word page's styled inline markup in pipe cells: its CSS lengths
    /// (16px) are no figures, its text is the cell's.
    #[test]
    fn inline_tags_are_no_text() {
        assert_eq!(
            text("| <span style=\"font-size:16px;font-family:仿宋_GB2312\">12</span> | <SPAN>3</SPAN> |\n"),
            "| 12 | 3 |\n"
        );
        assert_eq!(
            text("<p class=MsoNormal align=center><font face='仿宋' size=4><strong>规章</strong><o:p></o:p></font></p>\t13"),
            "规章\t13"
        );
        assert_eq!(
            text("<span lang=EN-US/>5 <a href=\"x.html\">附件</a>"),
            "5 附件"
        );
        // Each character keeps its place in the source.
        let out = resolved(MChar::of("|<b>12</b>|"));
        assert_eq!(out[1], MChar::new('1', 4, 5));
        assert_eq!(out[3], MChar::new('|', 10, 11));
        // Prose that is no markup stays.
        for s in [
            "a<b",
            "<<条例>>",
            "〈条例〉",
            "<5%",
            "x < y > z",
            "<span",
            "<span style=\"a>b\">",
            "<spanx>1</spanx>",
            "<table><tr><td>1",
            "<sup>1</sup>",
            "<s>99</s>60",
            "<b =x>",
            "<p\nclass=x>",
            "<条例>",
        ] {
            assert_eq!(text(s), s, "{s}");
        }
    }

    #[test]
    fn a_fenced_divs_fences_are_no_text() {
        assert_eq!(
            text("::: article\n一、总体情况\n::: {.x #y}\n:::\n"),
            "\n一、总体情况\n\n\n"
        );
        for s in [":: a", "::: 一、总体情况", "时间：::: x"] {
            assert_eq!(text(s), s);
        }
    }

    #[test]
    fn each_character_maps_to_its_markup() {
        let out = resolved(MChar::of("A&nbsp;B<br>C"));
        assert_eq!(out[1], MChar::new('\u{a0}', 1, 7));
        assert_eq!(out[3], MChar::new('\n', 8, 12));
        assert_eq!(out[4], MChar::new('C', 12, 13));
    }
}
