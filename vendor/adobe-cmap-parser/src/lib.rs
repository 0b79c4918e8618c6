//! Adobe CMap files (a PDF font's ToUnicode and encoding CMaps), for pdf-extract.
//!
//! pdf-extract 0.12 reads each font's ToUnicode CMap again on every page it is used on, through
//! adobe-cmap-parser 0.4.1, whose parser-combinator lexer formats an error message for every
//! alternative it tries and fails: two thirds of the instructions gongkai spent on a PDF went
//! there (a Chinese font's CMap maps thousands of codes, read once per page). This crate stands
//! in for it through `[patch.crates-io]`: the same API, and the same interpretation of the lexed
//! CMap (`get_unicode_map` and `get_byte_mapping` are 0.4.1's, MIT, Jeff Muizelaar), with a
//! lexer written by hand that reads every token the old grammar read to the same [`Value`].
//!
//! Where the old grammar failed — and pdf-extract then panicked and the page was lost — this
//! lexer reads on: comments and white space anywhere between tokens, an odd last digit of a hex
//! string followed by 0 (as the PDF specification says), a name that is not UTF-8, braces as
//! operators, a stray delimiter skipped; and out-of-range reads are errors, not panics. A
//! ToUnicode entry that cannot be UTF-16 is left out alone, where 0.4.1 refused the whole map;
//! MuPDF's code points beyond U+FFFF (`<1044d>`) are read as the characters they name.

use std::collections::HashMap;

#[derive(Debug)]
pub enum Value {
    LiteralString(Vec<u8>),
    Name(Vec<u8>),
    Number(String),
    Integer(i64),
    Array(Vec<Value>),
    Operator(String),
    Boolean(bool),
    Dictionary(HashMap<String, Value>),
}

/// Where a CMap could not be lexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub position: usize,
    pub message: &'static str,
}

/// White space between tokens (PDF's six white-space characters).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_alpha(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// Bytes that end a name (white space and delimiters; `#` starts an escape).
fn ends_name(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{'
            | b'}' | b'/' | b'%' | b'#'
    )
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn error(&self, message: &'static str) -> Error {
        Error {
            position: self.i,
            message,
        }
    }

    /// White space and `%` comments (to the end of their line).
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.i += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// One value at the current byte, in the order the old grammar tried its alternatives:
    /// `true`, `false`, an integer, a real number, a name, an operator, a literal string, a
    /// dictionary, a hex string, an array.
    fn value(&mut self) -> Result<Option<Value>, Error> {
        let rest = &self.s[self.i..];
        if rest.starts_with(b"true") {
            self.i += 4;
            return Ok(Some(Value::Boolean(true)));
        }
        if rest.starts_with(b"false") {
            self.i += 5;
            return Ok(Some(Value::Boolean(false)));
        }
        if let Some(v) = self.number() {
            return Ok(Some(v));
        }
        let Some(&b) = rest.first() else {
            return Ok(None);
        };
        Ok(Some(match b {
            b'/' => {
                self.i += 1;
                Value::Name(self.name())
            }
            b if is_alpha(b) || matches!(b, b'*' | b'\'' | b'"') => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| is_alpha(c) || matches!(c, b'*' | b'\'' | b'"'))
                {
                    self.i += 1;
                }
                Value::Operator(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
            }
            b'(' => Value::LiteralString(self.literal()?),
            b'<' if rest.get(1) == Some(&b'<') => Value::Dictionary(self.dictionary()?),
            b'<' => Value::LiteralString(self.hex()?),
            b'[' => Value::Array(self.array()?),
            b'{' | b'}' => {
                self.i += 1;
                Value::Operator(char::from(b).to_string())
            }
            _ => {
                // A stray delimiter (`)`, `>`, `]`) or byte no token starts with: skipped.
                self.i += 1;
                return Ok(None);
            }
        }))
    }

    /// `[+-]?[0-9]+` is an integer (a real number when it overflows); `[+-]?.[0-9]+` a real
    /// number. "12.5" is the integer 12 and then the number ".5", as the old grammar read it.
    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let mut j = self.i;
        if matches!(self.s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let digits = j;
        while self.s.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > digits {
            let text = std::str::from_utf8(&self.s[start..j]).ok()?;
            self.i = j;
            return Some(match text.parse::<i64>() {
                Ok(n) => Value::Integer(n),
                Err(_) => Value::Number(text.to_string()),
            });
        }
        if self.s.get(j) == Some(&b'.') {
            let frac = j + 1;
            let mut k = frac;
            while self.s.get(k).is_some_and(u8::is_ascii_digit) {
                k += 1;
            }
            if k > frac {
                let text = String::from_utf8_lossy(&self.s[start..k]).into_owned();
                self.i = k;
                return Some(Value::Number(text));
            }
        }
        None
    }

    /// A name's bytes after its `/`, `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'#' {
                let hi = self.s.get(self.i + 1).copied().and_then(hex_value);
                let lo = self.s.get(self.i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(h), Some(l)) => {
                        out.push(h << 4 | l);
                        self.i += 3;
                        continue;
                    }
                    _ => break,
                }
            }
            if ends_name(b) {
                break;
            }
            out.push(b);
            self.i += 1;
        }
        out
    }

    /// A literal string at `(`: its bytes, escapes resolved, nested parentheses kept.
    fn literal(&mut self) -> Result<Vec<u8>, Error> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated literal string")),
                Some(b')') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'(') => {
                    let inner = self.literal()?;
                    out.push(b'(');
                    out.extend(inner);
                    out.push(b')');
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out);
                }
                Some(_) => {
                    let start = self.i;
                    while self
                        .peek()
                        .is_some_and(|c| !matches!(c, b'\\' | b'(' | b')'))
                    {
                        self.i += 1;
                    }
                    out.extend_from_slice(&self.s[start..self.i]);
                }
            }
        }
    }

    /// The escape after a backslash in a literal string. A backslash before anything else (or
    /// an octal escape over 255) stands for nothing, and what follows is read as text.
    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(b) = self.peek() else {
            return;
        };
        let simple = match b {
            b'\\' => Some(b'\\'),
            b'(' => Some(b'('),
            b')' => Some(b')'),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'b' => Some(b'\x08'),
            b'f' => Some(b'\x0C'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            self.i += 1;
            return;
        }
        if (b'0'..=b'7').contains(&b) {
            let start = self.i;
            let mut j = start;
            while j < start + 3 && self.s.get(j).is_some_and(|c| (b'0'..=b'7').contains(c)) {
                j += 1;
            }
            let v = self.s[start..j]
                .iter()
                .fold(0u32, |v, &d| v * 8 + u32::from(d - b'0'));
            if let Ok(byte) = u8::try_from(v) {
                out.push(byte);
                self.i = j;
            }
            return;
        }
        // A line break after the backslash continues the string on the next line.
        if b == b'\r' {
            self.i += 1;
            if self.peek() == Some(b'\n') {
                self.i += 1;
            }
        } else if b == b'\n' {
            self.i += 1;
        }
    }

    /// A hex string at `<`: pairs of hex digits, white space between them.
    ///
    /// An odd last digit is followed by 0, as the PDF specification says, in a string of up to
    /// three digits. Five digits or more are a number written without its leading 0: MuPDF
    /// writes a character beyond U+FFFF in a ToUnicode map as its code point (`<1044d>` for
    /// U+1044D), and read with a 0 after it, it would be another character (U+1044D0).
    fn hex(&mut self) -> Result<Vec<u8>, Error> {
        self.i += 1;
        let mut digits = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated hex string")),
                Some(b'>') => {
                    self.i += 1;
                    break;
                }
                Some(b) if is_space(b) => self.i += 1,
                Some(b) => {
                    let Some(v) = hex_value(b) else {
                        return Err(self.error("not a hex digit in a hex string"));
                    };
                    self.i += 1;
                    digits.push(v);
                }
            }
        }
        if digits.len() % 2 == 1 {
            if digits.len() >= 5 {
                digits.insert(0, 0);
            } else {
                digits.push(0);
            }
        }
        Ok(digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect())
    }

    /// A dictionary at `<<`: name and value pairs up to `>>`.
    fn dictionary(&mut self) -> Result<HashMap<String, Value>, Error> {
        self.i += 2;
        let mut out = HashMap::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => return Err(self.error("unterminated dictionary")),
                Some(b'>') if self.s.get(self.i + 1) == Some(&b'>') => {
                    self.i += 2;
                    return Ok(out);
                }
                Some(b'/') => {
                    self.i += 1;
                    let key = String::from_utf8_lossy(&self.name()).into_owned();
                    self.skip_space();
                    if let Some(v) = self.value()? {
                        out.insert(key, v);
                    }
                }
                Some(_) => return Err(self.error("a dictionary key is not a name")),
            }
        }
    }

    /// An array at `[`: values up to `]`.
    fn array(&mut self) -> Result<Vec<Value>, Error> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => return Err(self.error("unterminated array")),
                Some(b']') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(_) => {
                    if let Some(v) = self.value()? {
                        out.push(v);
                    }
                }
            }
        }
    }
}

/// The values of a CMap file, in order.
pub fn parse(input: &[u8]) -> Result<Vec<Value>, Error> {
    let mut lx = Lexer { s: input, i: 0 };
    let mut out = Vec::new();
    loop {
        lx.skip_space();
        if lx.i >= lx.s.len() {
            return Ok(out);
        }
        if let Some(v) = lx.value()? {
            out.push(v);
        }
    }
}

fn as_code(str: &[u8]) -> u32 {
    let mut code: u32 = 0;
    for c in str {
        code = (code << 8) | (*c as u32);
    }
    code
}

fn at(lexed: &[Value], i: usize) -> Result<&Value, &'static str> {
    lexed.get(i).ok_or("CMap ends inside a mapping")
}

/// The integer before an operator (its count of entries).
fn count_before(lexed: &[Value], i: usize, what: &'static str) -> Result<i64, &'static str> {
    match i.checked_sub(1).and_then(|j| lexed.get(j)) {
        Some(Value::Integer(c)) => Ok(*c),
        _ => Err(what),
    }
}

fn string_at<'v>(
    lexed: &'v [Value],
    i: usize,
    what: &'static str,
) -> Result<&'v Vec<u8>, &'static str> {
    match at(lexed, i)? {
        Value::LiteralString(s) => Ok(s),
        _ => Err(what),
    }
}

/// A range's codes at most (a real range differs only in its last byte, 256 codes; Identity
/// maps span 65,536): a malformed `<00000000> <FFFFFFFF>` must not fill the memory.
const MAX_RANGE: u32 = 0x1_0000;

/// A destination as UTF-16BE, or None where it cannot be one.
///
/// The specification asks for UTF-16BE, an even number of bytes. MuPDF writes a character
/// beyond U+FFFF as its code point in plain hex (`<1044d>`, `<2a6d6>` for 𪛖) instead of a
/// surrogate pair, which the lexer reads as three bytes (see `Lexer::hex`); other writers pad
/// it to six digits. Three bytes are read as a code point, one byte as a character of Latin-1.
fn utf16_destination(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 2 == 0 {
        return Some(s.to_vec());
    }
    if s.len() > 3 {
        return None;
    }
    code_point_utf16(as_code(s))
}

fn code_point_utf16(v: u32) -> Option<Vec<u8>> {
    let c = char::from_u32(v)?;
    let mut units = [0u16; 2];
    Some(
        c.encode_utf16(&mut units)
            .iter()
            .flat_map(|u| u.to_be_bytes())
            .collect(),
    )
}

/// The texts of a `bfrange` whose destination is one string: it counts up from `start` (one
/// UTF-16 unit or a pair, counted as a number as 0.4.1 did; a longer string's last unit; a
/// code point written as MuPDF writes it, see [`utf16_destination`]).
fn range_destinations(lower: u32, upper: u32, start: &[u8]) -> Vec<(u32, Vec<u8>)> {
    if upper < lower || upper - lower >= MAX_RANGE {
        return Vec::new();
    }
    let codes = lower..=upper;
    match start.len() {
        2 => {
            let val = as_code(start) as u16;
            codes
                .map(|c| (c, val.wrapping_add((c - lower) as u16).to_be_bytes().to_vec()))
                .collect()
        }
        4 => {
            let val = as_code(start);
            codes
                .map(|c| (c, val.wrapping_add(c - lower).to_be_bytes().to_vec()))
                .collect()
        }
        n if n % 2 == 0 && n > 0 => {
            let (head, last) = start.split_at(n - 2);
            let last = as_code(last) as u16;
            codes
                .map(|c| {
                    let mut text = head.to_vec();
                    text.extend(last.wrapping_add((c - lower) as u16).to_be_bytes());
                    (c, text)
                })
                .collect()
        }
        _ => {
            let Some(first) = utf16_destination(start) else {
                return Vec::new();
            };
            let units: Vec<u16> = first
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            let Some(Ok(c0)) = char::decode_utf16(units).next() else {
                return Vec::new();
            };
            codes
                .filter_map(|c| Some((c, code_point_utf16(c0 as u32 + (c - lower))?)))
                .collect()
        }
    }
}

/// Return a mapping from character codes to Unicode character sequences expressed in UTF-16BE
/// encoding.
pub fn get_unicode_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let lexed = parse(input).map_err(|e| e.message)?;

    let mut i = 0;
    let mut map = HashMap::new();
    while i < lexed.len() {
        match &lexed[i] {
            Value::Operator(o) => match o.as_ref() {
                "beginbfchar" => {
                    let count = count_before(&lexed, i, "beginbfchar exected int")?;
                    i += 1;
                    for _ in 0..count {
                        let char_code = string_at(&lexed, i, "beginbfchar exected hexstring")?;
                        let uni_code = string_at(&lexed, i + 1, "beginbfchar exected hexstring")?;
                        if let Some(text) = utf16_destination(uni_code) {
                            map.insert(as_code(char_code), text);
                        }
                        i += 2;
                    }
                    i += 1;
                }
                "beginbfrange" => {
                    let count = count_before(&lexed, i, "beginbfrange exected int")?;
                    i += 1;
                    for _ in 0..count {
                        let lower_code =
                            as_code(string_at(&lexed, i, "beginbfrange exected hexstring")?);
                        let upper_code =
                            as_code(string_at(&lexed, i + 1, "beginbfrange exected hexstring")?);
                        match at(&lexed, i + 2)? {
                            Value::LiteralString(start) => {
                                for (c, text) in
                                    range_destinations(lower_code, upper_code, start)
                                {
                                    map.insert(c, text);
                                }
                            }
                            Value::Array(codes) => {
                                // A list one short or long maps the codes it names (0.4.1
                                // failed the whole map).
                                for (c, code) in (lower_code..=upper_code).zip(codes) {
                                    if let Value::LiteralString(s) = code {
                                        if let Some(text) = utf16_destination(s) {
                                            map.insert(c, text);
                                        }
                                    }
                                }
                            }
                            _ => return Err("beginbfrange exected array or literal"),
                        }
                        i += 3;
                    }
                    i += 1;
                }
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
    Ok(map)
}

fn as_code_range(start_chars: &[u8], end_chars: &[u8]) -> Result<CodeRange, &'static str> {
    if start_chars.len() != end_chars.len() {
        return Err("a code space range's ends differ in length");
    }
    let mut start = 0;
    let mut end = 0;
    for i in 0..start_chars.len() {
        start = (start << 8) | (start_chars[i] as u32);
        end = (end << 8) | (end_chars[i] as u32);
    }
    let width = start_chars.len() as u32 / 2;
    Ok(CodeRange { start, end, width })
}

#[derive(Debug)]
pub struct CodeRange {
    pub width: u32,
    pub start: u32,
    pub end: u32,
}

/// (The field keeps 0.4.1's name: pdf-extract reads it.)
#[derive(Debug)]
#[allow(non_snake_case)]
pub struct CIDRange {
    pub src_code_lo: u32,
    pub src_code_hi: u32,
    pub dst_CID_lo: u32,
}

#[derive(Debug)]
pub struct ByteMapping {
    pub codespace: Vec<CodeRange>,
    pub cid: Vec<CIDRange>,
}

pub fn get_byte_mapping(input: &[u8]) -> Result<ByteMapping, &'static str> {
    let lexed = parse(input).map_err(|e| e.message)?;

    let mut i = 0;
    let mut result = ByteMapping {
        codespace: Vec::new(),
        cid: Vec::new(),
    };
    while i < lexed.len() {
        match &lexed[i] {
            Value::Operator(o) => match o.as_ref() {
                "begincodespacerange" => {
                    let count = count_before(&lexed, i, "begincodespacerange exected int")?;
                    i += 1;
                    for _ in 0..count {
                        let start = string_at(&lexed, i, "begincodespacerange exected hexstring")?;
                        let end =
                            string_at(&lexed, i + 1, "begincodespacerange exected hexstring")?;
                        result.codespace.push(as_code_range(start, end)?);
                        i += 2;
                    }
                    i += 1;
                }
                "begincidrange" => {
                    let count = count_before(&lexed, i, "begincidrange exected int")?;
                    i += 1;
                    for _ in 0..count {
                        let start = string_at(&lexed, i, "begincidrange exected hexstring")?;
                        let end = string_at(&lexed, i + 1, "begincidrange exected hexstring")?;
                        let offset = match at(&lexed, i + 2)? {
                            Value::Integer(s) => *s,
                            _ => return Err("begincidrange exected int"),
                        };
                        result.cid.push(CIDRange {
                            src_code_lo: as_code(start),
                            src_code_hi: as_code(end),
                            dst_CID_lo: offset as u32,
                        });
                        // Three values an entry (0.4.1 stepped by two and misread every entry
                        // after the first).
                        i += 3;
                    }
                    i += 1;
                }
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
    Ok(result)
}
