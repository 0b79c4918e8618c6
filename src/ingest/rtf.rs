//! Rich Text Format documents (`.rtf`, Word's and WordPad's, and the `.doc` files many sites
//! serve that are RTF inside): the text of the document's groups, written as the web page a
//! browser would show, with its tables from their row definitions (as a Word 97–2003
//! document's, [`super::word97`]: each cell placed on the grid of the rows' `\cellx`
//! boundaries, `\clvmgf`/`\clvmrg` as `rowspan`, `\clmrg` widening the cell before it).
//!
//! Left out, as a reader of the printed document would not see them: the font, colour and
//! style tables, pictures, field instructions (their results are kept), hidden text (`\v`),
//! headers, footers and footnotes, and every `{\*…}` destination.

use super::word97::{PageWriter, Row};

/// Whether bytes are an RTF document.
pub fn is_rtf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"{\\rtf")
}

/// Destinations that hold no text of the document.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "fldinst",
    "object",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "pgdsctbl",
    "revtbl",
    "filetbl",
    "annotation",
    "atnid",
    "atnauthor",
    "bkmkstart",
    "bkmkend",
    "nonshppict",
    "shppict",
    "pntxta",
    "pntxtb",
    "mmathPr",
    "xe",
    "tc",
];

/// What a group keeps of the state around it.
#[derive(Debug, Clone, Copy)]
struct State {
    skip: bool,
    hidden: bool,
    /// Characters to skip after a `\uN` (`\ucN`).
    uc: usize,
    /// The encoding of `\'hh` bytes (the document's code page, or the current font's charset).
    encoding: &'static encoding_rs::Encoding,
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

enum Token<'a> {
    Open,
    Close,
    Word(&'a str, Option<i32>),
    Hex(u8),
    Symbol(u8),
    Text(u8),
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        let b = self.b;
        loop {
            let c = *b.get(self.at)?;
            self.at += 1;
            return Some(match c {
                b'{' => Token::Open,
                b'}' => Token::Close,
                b'\r' | b'\n' => continue,
                b'\\' => {
                    let c = *b.get(self.at)?;
                    if c.is_ascii_alphabetic() {
                        let start = self.at;
                        while b.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
                            self.at += 1;
                        }
                        let word = std::str::from_utf8(&b[start..self.at]).unwrap_or("");
                        let num_start = self.at;
                        if b.get(self.at) == Some(&b'-') {
                            self.at += 1;
                        }
                        while b.get(self.at).is_some_and(u8::is_ascii_digit) {
                            self.at += 1;
                        }
                        let n = std::str::from_utf8(&b[num_start..self.at])
                            .ok()
                            .and_then(|s| s.parse::<i64>().ok())
                            .map(|n| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
                        if b.get(self.at) == Some(&b' ') {
                            self.at += 1;
                        }
                        Token::Word(word, n)
                    } else if c == b'\'' {
                        let hex = b.get(self.at + 1..self.at + 3)?;
                        self.at += 3;
                        let v = std::str::from_utf8(hex)
                            .ok()
                            .and_then(|h| u8::from_str_radix(h, 16).ok());
                        match v {
                            Some(v) => Token::Hex(v),
                            None => continue,
                        }
                    } else {
                        self.at += 1;
                        Token::Symbol(c)
                    }
                }
                c => Token::Text(c),
            });
        }
    }
}

/// The encoding of a Windows code page (`\ansicpgN`) or of a font's charset (`\fcharsetN`).
fn code_page(n: i32) -> &'static encoding_rs::Encoding {
    match n {
        936 | 134 => encoding_rs::GBK,
        950 | 136 => encoding_rs::BIG5,
        932 | 128 => encoding_rs::SHIFT_JIS,
        949 | 129 => encoding_rs::EUC_KR,
        65001 => encoding_rs::UTF_8,
        _ => encoding_rs::WINDOWS_1252,
    }
}

/// The document as a web page.
pub fn to_html(bytes: &[u8]) -> Result<String, String> {
    let mut r = Reader { b: bytes, at: 0 };
    let mut stack: Vec<State> = Vec::new();
    let mut state = State {
        skip: false,
        hidden: false,
        uc: 1,
        encoding: encoding_rs::WINDOWS_1252,
    };
    let mut document_encoding = encoding_rs::WINDOWS_1252;
    let mut fonts: std::collections::HashMap<i32, &'static encoding_rs::Encoding> =
        std::collections::HashMap::new();
    // The font being defined in the font table.
    let mut defining_font: Option<i32> = None;
    let mut in_font_table = 0usize;
    let mut page = PageWriter::new();
    let mut para = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut skip_chars = 0usize;
    // The table: the current row's cells and its definition.
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_table = false;
    let mut bounds: Vec<i16> = Vec::new();
    let mut flags: Vec<u16> = Vec::new();
    let mut next_flags = 0u16;
    let mut row_left = 0i16;
    let mut first = true;
    let flush = |pending: &mut Vec<u8>, para: &mut String, enc: &'static encoding_rs::Encoding| {
        if !pending.is_empty() {
            para.push_str(&enc.decode_without_bom_handling(pending).0);
            pending.clear();
        }
    };
    while let Some(tok) = r.next() {
        // The first group is the document; a character after `\uN` stands for it in readers
        // that cannot show it.
        if skip_chars > 0 && matches!(tok, Token::Text(_) | Token::Hex(_) | Token::Symbol(_)) {
            skip_chars -= 1;
            continue;
        }
        skip_chars = 0;
        match tok {
            Token::Open => {
                flush(&mut pending, &mut para, state.encoding);
                stack.push(state);
                if in_font_table > 0 {
                    in_font_table += 1;
                }
            }
            Token::Close => {
                flush(&mut pending, &mut para, state.encoding);
                if in_font_table > 0 {
                    in_font_table -= 1;
                    if in_font_table == 1 {
                        defining_font = None;
                    }
                }
                match stack.pop() {
                    Some(s) => state = s,
                    None => break,
                }
            }
            Token::Word(w, n) => {
                if state.skip && in_font_table == 0 {
                    continue;
                }
                if in_font_table > 0 {
                    match (w, n) {
                        ("f", Some(f)) => defining_font = Some(f),
                        ("fcharset", Some(c)) => {
                            if let Some(f) = defining_font {
                                fonts.insert(f, code_page(c));
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                // What the bytes before it spell comes before what the word writes.
                flush(&mut pending, &mut para, state.encoding);
                match (w, n) {
                    ("rtf", _) if first => first = false,
                    ("ansicpg", Some(c)) => {
                        document_encoding = code_page(c);
                        state.encoding = document_encoding;
                    }
                    ("fonttbl", _) => {
                        state.skip = true;
                        in_font_table = 1;
                    }
                    ("f", Some(f)) => {
                        flush(&mut pending, &mut para, state.encoding);
                        state.encoding = match fonts.get(&f) {
                            Some(&e) if e != encoding_rs::WINDOWS_1252 => e,
                            _ => document_encoding,
                        };
                    }
                    ("uc", Some(k)) => state.uc = k.max(0) as usize,
                    ("u", Some(u)) => {
                        flush(&mut pending, &mut para, state.encoding);
                        let u = if u < 0 { u + 65536 } else { u } as u32;
                        if !state.hidden {
                            para.push(char::from_u32(u).unwrap_or('\u{FFFD}'));
                        }
                        skip_chars = state.uc;
                    }
                    ("v", n) => state.hidden = n != Some(0),
                    ("par", _) | ("sect", _) | ("page", _) => {
                        flush(&mut pending, &mut para, state.encoding);
                        if in_table {
                            cell.push_str(&para);
                            cell.push('\n');
                        } else {
                            page.paragraph(&para);
                        }
                        para.clear();
                    }
                    ("line", _) => para.push('\n'),
                    ("tab", _) => para.push('\t'),
                    ("emdash", _) => para.push('—'),
                    ("endash", _) => para.push('–'),
                    ("lquote", _) => para.push('‘'),
                    ("rquote", _) => para.push('’'),
                    ("ldblquote", _) => para.push('“'),
                    ("rdblquote", _) => para.push('”'),
                    ("bullet", _) => para.push('•'),
                    ("pard", _) => in_table = false,
                    ("intbl", _) => in_table = true,
                    ("trowd", _) => {
                        bounds.clear();
                        flags.clear();
                        next_flags = 0;
                        row_left = 0;
                    }
                    ("trleft", Some(x)) => row_left = x.clamp(-32000, 32000) as i16,
                    ("clvmgf", _) => next_flags |= 0x60,
                    ("clvmrg", _) => next_flags |= 0x20,
                    ("clmrg", _) => next_flags |= 0x2,
                    ("cellx", Some(x)) => {
                        if bounds.is_empty() {
                            bounds.push(row_left);
                        }
                        bounds.push(x.clamp(-32000, 32000) as i16);
                        flags.push(next_flags);
                        next_flags = 0;
                    }
                    ("cell", _) => {
                        flush(&mut pending, &mut para, state.encoding);
                        cell.push_str(&para);
                        para.clear();
                        cells.push(std::mem::take(&mut cell));
                        in_table = true;
                    }
                    ("row", _) => {
                        flush(&mut pending, &mut para, state.encoding);
                        para.clear();
                        page.row(merged_across(std::mem::take(&mut cells), &bounds, &flags));
                    }
                    _ if SKIPPED.contains(&w) => state.skip = true,
                    _ => {}
                }
            }
            Token::Symbol(c) => {
                if state.skip {
                    continue;
                }
                if matches!(c, b'~' | b'_') {
                    flush(&mut pending, &mut para, state.encoding);
                }
                match c {
                    b'*' => state.skip = true,
                    b'~' => para.push('\u{a0}'),
                    b'_' => para.push('-'),
                    b'\\' | b'{' | b'}' if !state.hidden => pending.push(c),
                    _ => {}
                }
            }
            Token::Hex(v) => {
                if !state.skip && !state.hidden {
                    pending.push(v);
                }
            }
            Token::Text(c) => {
                if !state.skip && !state.hidden {
                    pending.push(c);
                }
            }
        }
    }
    flush(&mut pending, &mut para, state.encoding);
    if first {
        return Err("damaged RTF document (no \\rtf header)".into());
    }
    Ok(page.finish(&para))
}

/// A row's cells with the cells merged into the one before (`\clmrg`) joined to it: the
/// first's boundary runs to the last merged one's.
fn merged_across(cells: Vec<String>, bounds: &[i16], flags: &[u16]) -> Row {
    let mut out_cells: Vec<String> = Vec::new();
    let mut out_bounds: Vec<i16> = bounds.first().copied().into_iter().collect();
    let mut out_flags: Vec<u16> = Vec::new();
    for (i, text) in cells.into_iter().enumerate() {
        let f = flags.get(i).copied().unwrap_or(0);
        let right = bounds.get(i + 1).copied();
        if f & 0x2 != 0 && !out_cells.is_empty() {
            if let (Some(last), Some(r)) = (out_bounds.last_mut(), right) {
                *last = r;
            }
            continue;
        }
        out_cells.push(text);
        out_flags.push(f & !0x2);
        if let Some(r) = right {
            out_bounds.push(r);
        }
    }
    let def = (out_bounds.len() == out_cells.len() + 1).then_some((out_bounds, out_flags));
    Row {
        cells: out_cells,
        def,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_every_encoding_and_what_is_not_printed() {
        let rtf = br"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}{\*\generator x;}
{\info{\title t}}\pard\f0 \'d2\'bb\'a1\'a2\u24635?\u20307?{\v hidden}{\field{\*\fldinst PAGE}{\fldrslt 3}}\par
\pard A\tab B\par}";
        let html = to_html(rtf).unwrap();
        assert!(html.contains("<p>一、总体3</p>"), "{html}");
        assert!(html.contains("<pre>A\tB</pre>"), "{html}");
    }

    #[test]
    fn tables_with_merged_cells() {
        let rtf = br"{\rtf1\ansi
\trowd\clvmgf\cellx1000\cellx2000\clmrg\cellx3000\pard\intbl a\cell b\cell c\cell\row
\trowd\clvmrg\cellx1000\cellx2000\cellx3000\pard\intbl \cell 1\cell 2\cell\row
\pard after\par}";
        let html = to_html(rtf).unwrap();
        assert!(
            html.contains("<tr><td rowspan=\"2\">a</td><td colspan=\"2\">b</td></tr>\n<tr><td>1</td><td>2</td></tr>"),
            "{html}"
        );
        assert!(html.contains("<p>after</p>"), "{html}");
    }
}
