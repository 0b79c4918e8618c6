//! gongkai: content streams read by hand, the same operations lopdf's `Content::decode` gives.
//!
//! lopdf 0.42 parses a content stream with nom combinators: a third of a PDF's instructions went
//! there (118 M of 383 M on the three real PDFs), most of it the combinators' own overhead. This
//! reader follows the grammar lopdf's parser accepts (`parser::content`: operands, then an
//! operator made of letters, `*`, `'` and `"`; between them only space, tab, CR and LF) for
//! what content streams are made of: numbers, names, literal and hex strings, arrays and
//! dictionaries. Anything else — a comment, an inline image, a reference, `null`/`true`/
//! `false`, deep nesting, an unterminated string, a byte where lopdf would stop reading — hands
//! the whole stream to lopdf, so the result is always lopdf's own. gongkai's `tests/pdf.rs`
//! compares the two on every content stream of the real PDFs and on edge cases.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, StringFormat};

/// The operations of a content stream, as `lopdf::content::Content::decode` gives them: read by
/// hand where the reader can, else by lopdf (for comparing the two).
pub fn decode_content(data: &[u8]) -> lopdf::Result<Content<Vec<Operation>>> {
    match read_content(data) {
        Some(ops) => Ok(ops.to_content()),
        None => Content::decode(data),
    }
}

/// The operations of a content stream read by hand, or None where the stream is left to lopdf.
pub fn read_content(data: &[u8]) -> Option<Operations> {
    Reader { b: data, i: 0, lenient: false, ops: Operations::with_capacity(data.len()) }.operations()
}

/// The operations of a content stream, read by hand or by lopdf, held flat: every operator's
/// name in one string and every operand in one vector (lopdf's `Operation` gives each operation
/// a `String` and a `Vec` of its own, two allocations and two frees per operation).
#[derive(Debug, Default)]
pub struct Operations {
    names: String,
    operands: Vec<Object>,
    /// Each operation: the end of its name in `names`, the end of its operands in `operands`.
    ends: Vec<(u32, u32)>,
}

/// One operation of [`Operations`].
#[derive(Debug, Clone, Copy)]
pub struct Op<'a> {
    pub operator: &'a str,
    pub operands: &'a [Object],
}

impl Operations {
    fn with_capacity(bytes: usize) -> Self {
        Operations {
            names: String::with_capacity(bytes / 6),
            operands: Vec::with_capacity(bytes / 4),
            ends: Vec::with_capacity(bytes / 16),
        }
    }

    /// A stream's operations, read by hand where it can be and by lopdf otherwise; None where
    /// lopdf refuses the stream.
    /// lopdf refuses a whole stream for an inline image whose data it cannot find the end of
    /// (`…>EI` with no space before `EI`, or `EI` as the stream's last bytes): the page lost
    /// all its text. Where lopdf refuses, the stream is read leniently instead (see `Reader`).
    pub fn decode(data: &[u8]) -> Option<Self> {
        if let Some(ops) = read_content(data) {
            return Some(ops);
        }
        let Ok(content) = Content::decode(data) else {
            return Reader { b: data, i: 0, lenient: true, ops: Operations::with_capacity(data.len()) }.operations();
        };
        let mut ops = Operations::default();
        for o in content.operations {
            ops.operands.extend(o.operands);
            ops.push(&o.operator);
        }
        Some(ops)
    }

    /// Close an operation named `operator` over the operands pushed since the last one.
    fn push(&mut self, operator: &str) {
        self.names.push_str(operator);
        self.ends.push((self.names.len() as u32, self.operands.len() as u32));
    }

    /// The operations in lopdf's types.
    pub fn to_content(&self) -> Content<Vec<Operation>> {
        Content { operations: self.iter().map(|o| Operation::new(o.operator, o.operands.to_vec())).collect() }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = Op<'_>> + '_ {
        let mut start = (0usize, 0usize);
        self.ends.iter().map(move |&(name_end, operands_end)| {
            let (n, o) = (name_end as usize, operands_end as usize);
            let op = Op { operator: &self.names[start.0..n], operands: &self.operands[start.1..o] };
            start = (n, o);
            op
        })
    }
}

/// Deeper arrays and dictionaries than this go to lopdf (its limit is 100).
const MAX_DEPTH: usize = 32;
/// Literal strings nested deeper than this go to lopdf (its limit is 100).
const MAX_PARENS: usize = 32;

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    /// Strict (the default): exactly lopdf's reading, or None. Lenient (only where lopdf has
    /// refused the stream): comments and inline images are skipped, and where the grammar
    /// fails the operations read so far are kept, as lopdf keeps them.
    lenient: bool,
    ops: Operations,
}

/// lopdf's `is_whitespace` (inside arrays and dictionaries, and in hex strings).
fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0C)
}

/// lopdf's `content_space`: what may stand between operands and operators.
fn is_content_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delimiter(c)
}

fn is_operator_char(c: u8) -> bool {
    c.is_ascii_alphabetic() || matches!(c, b'*' | b'\'' | b'"')
}

/// A decimal of at most 7 digits read as `f32::from_str` reads it, the usual number of a
/// content stream (`12.5`, `0.75`), without its general parse. Its digits make an integer below
/// 2^24 and its power of ten is at most 10^7, both exact in f32, so one division rounds once,
/// correctly, as `from_str` does (Clinger's fast path, which `from_str` takes too).
fn short_real(int: &[u8], frac: &[u8], negative: bool) -> Option<f32> {
    const POW10: [f32; 8] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
    if int.len() + frac.len() > 7 {
        return None;
    }
    let mut m: u32 = 0;
    for &d in int.iter().chain(frac) {
        m = m * 10 + u32::from(d - b'0');
    }
    let v = m as f32 / POW10[frac.len()];
    Some(if negative { -v } else { v })
}

/// Bytes this reader has checked to be ASCII (operator letters, signs, digits and points).
fn ascii(b: &[u8]) -> &str {
    debug_assert!(b.is_ascii());
    // SAFETY: every caller passes bytes it has matched one by one against ASCII characters.
    unsafe { std::str::from_utf8_unchecked(b) }
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn content_space(&mut self) {
        while self.peek().is_some_and(is_content_space) {
            self.i += 1;
        }
    }

    /// lopdf's `space` inside arrays and dictionaries; a comment there goes to lopdf.
    fn space(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(c) if is_white(c) => self.i += 1,
                Some(b'%') => return None,
                _ => return Some(()),
            }
        }
    }

    fn operations(mut self) -> Option<Operations> {
        // Operands pushed since the last operator.
        let mut pending = 0usize;
        self.content_space();
        while let Some(c) = self.peek() {
            if pending == 0 && c == b'%' {
                if !self.lenient {
                    return None; // a comment
                }
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.i += 1;
                }
            } else if pending == 0 && self.b[self.i..].starts_with(b"BI") {
                if !self.lenient || !self.skip_inline_image() {
                    return self.stop(pending, true);
                }
                self.ops.push("BI");
            } else if is_operator_char(c) {
                let start = self.i;
                while self.peek().is_some_and(is_operator_char) {
                    self.i += 1;
                }
                let word = &self.b[start..self.i];
                if word.starts_with(b"null") || word.starts_with(b"true") || word.starts_with(b"false") {
                    return self.stop(pending, true); // an operand to lopdf
                }
                // Letters, `*`, `'` and `"` are ASCII.
                self.ops.push(ascii(word));
                pending = 0;
            } else {
                let Some(o) = self.operand(0) else {
                    return self.stop(pending, true);
                };
                self.ops.operands.push(o);
                pending += 1;
            }
            self.content_space();
        }
        self.stop(pending, false)
    }

    /// Where reading ends (`failed`: at something the grammar does not read): strictly, only
    /// at the stream's end with no operands left over, else None (lopdf reads the stream);
    /// leniently, with the operations read so far.
    fn stop(mut self, pending: usize, failed: bool) -> Option<Operations> {
        if self.lenient {
            let n = self.ops.operands.len() - pending;
            self.ops.operands.truncate(n);
            return Some(self.ops);
        }
        (!failed && pending == 0).then_some(self.ops)
    }

    /// Past `BI … ID data EI`: the data ends at an `EI` after white space or `>` (hex and
    /// base-85 data end so) and before white space, a delimiter or the stream's end.
    fn skip_inline_image(&mut self) -> bool {
        let b = self.b;
        let Some(id) = (self.i + 2..b.len().saturating_sub(1))
            .find(|&j| &b[j..j + 2] == b"ID" && is_white(b[j - 1]) && b.get(j + 2).map_or(true, |&c| is_white(c)))
        else {
            return false;
        };
        let data = id + 3;
        let end = (data..b.len().saturating_sub(1)).find(|&j| {
            &b[j..j + 2] == b"EI"
                && (j == data || is_white(b[j - 1]) || b[j - 1] == b'>')
                && b.get(j + 2).map_or(true, |&c| is_white(c) || is_delimiter(c))
        });
        match end {
            Some(j) => {
                self.i = j + 2;
                true
            }
            None => false,
        }
    }

    /// An operand, or an element of an array or dictionary (lopdf's `_direct_object`, which
    /// also reads references and `null`/`true`/`false`: those go to lopdf in `element`).
    fn operand(&mut self, depth: usize) -> Option<Object> {
        match self.peek()? {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'/' => Some(Object::Name(self.name()?)),
            b'(' => self.literal_string(),
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => self.dictionary(depth + 1),
            b'<' => self.hex_string(),
            b'[' => self.array(depth + 1),
            _ => None,
        }
    }

    /// lopdf's `real` (sign, then digits `.` digits, or `.` digits) before its `integer`. In an
    /// array or dictionary lopdf reads a reference (`12 0 R`) first: its `R` is a letter, which
    /// `element` hands to lopdf, so no reference is read here as two integers.
    fn number(&mut self) -> Option<Object> {
        let start = self.i;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.i += 1;
        }
        let int_start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let int_digits = self.i - int_start;
        if self.peek() == Some(b'.') {
            let dot = self.i;
            self.i += 1;
            let frac_start = self.i;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
            if int_digits > 0 || self.i > frac_start {
                let negative = self.b[start] == b'-';
                let (int, frac) = (&self.b[int_start..dot], &self.b[frac_start..self.i]);
                if let Some(v) = short_real(int, frac, negative) {
                    return Some(Object::Real(v));
                }
                return ascii(&self.b[start..self.i]).parse::<f32>().ok().map(Object::Real);
            }
            self.i = dot;
        }
        if int_digits == 0 {
            return None;
        }
        // Digits after an optional sign, as i64::from_str reads them (None on overflow).
        let negative = self.b[start] == b'-';
        let mut v: i64 = 0;
        for &d in &self.b[int_start..self.i] {
            let d = i64::from(d - b'0');
            v = v.checked_mul(10)?;
            v = if negative { v.checked_sub(d)? } else { v.checked_add(d)? };
        }
        Some(Object::Integer(v))
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        self.i += 1; // '/'
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if c == b'#' {
                let hi = self.b.get(self.i + 1).copied().and_then(hex_value);
                let lo = self.b.get(self.i + 2).copied().and_then(hex_value);
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return None; // lopdf would stop the name at '#' and then fail
                };
                out.push(hi << 4 | lo);
                self.i += 3;
            } else if is_regular(c) {
                out.push(c);
                self.i += 1;
            } else {
                break;
            }
        }
        Some(out)
    }

    fn literal_string(&mut self) -> Option<Object> {
        self.i += 1; // '('
        let mut out = Vec::new();
        let mut open = 0usize;
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b'(' => {
                    open += 1;
                    if open > MAX_PARENS {
                        return None;
                    }
                    out.push(c);
                }
                b')' => {
                    if open == 0 {
                        return Some(Object::String(out, StringFormat::Literal));
                    }
                    open -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = self.peek()?;
                    match e {
                        b'0'..=b'7' => {
                            let mut v: u16 = 0;
                            let mut n = 0;
                            while n < 3 && self.peek().is_some_and(|d| (b'0'..=b'7').contains(&d)) {
                                v = v * 8 + u16::from(self.b[self.i] - b'0');
                                self.i += 1;
                                n += 1;
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            self.i += 1;
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => self.i += 1,
                        _ => {
                            self.i += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 0x08,
                                b'f' => 0x0C,
                                other => other,
                            });
                        }
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex_string(&mut self) -> Option<Object> {
        self.i += 1; // '<'
        let mut out = Vec::new();
        let mut high = true;
        loop {
            while self.peek().is_some_and(is_white) {
                self.i += 1;
            }
            let Some(v) = self.peek().and_then(hex_value) else {
                break;
            };
            self.i += 1;
            if high {
                out.push(v << 4);
            } else {
                *out.last_mut()? |= v;
            }
            high = !high;
        }
        if self.peek() != Some(b'>') {
            return None;
        }
        self.i += 1;
        Some(Object::String(out, StringFormat::Hexadecimal))
    }

    /// An element of an array or a dictionary's value, with the space after it.
    fn element(&mut self, depth: usize) -> Option<Object> {
        let c = self.peek()?;
        if c.is_ascii_alphabetic() {
            return None; // null, true, false: to lopdf
        }
        let o = self.operand(depth)?;
        self.space()?;
        Some(o)
    }

    fn array(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.i += 1; // '['
        self.space()?;
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(Object::Array(items));
                }
                _ => items.push(self.element(depth)?),
            }
        }
    }

    fn dictionary(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.i += 2; // '<<'
        self.space()?;
        let mut dict = Dictionary::new();
        loop {
            match self.peek()? {
                b'>' if self.b.get(self.i + 1) == Some(&b'>') => {
                    self.i += 2;
                    return Some(Object::Dictionary(dict));
                }
                b'/' => {
                    let key = self.name()?;
                    self.space()?;
                    let value = self.element(depth)?;
                    dict.set(key, value);
                }
                _ => return None,
            }
        }
    }
}
