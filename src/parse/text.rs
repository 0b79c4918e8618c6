//! Small text helpers shared by the parser: compact matching (white space and quotes ignored)
//! with a map back to the original offsets, line iteration with offsets, Chinese numerals.

/// A string with white space and quote marks removed, mapped back to the original byte offsets.
pub struct Compact {
    pub s: String,
    /// For each byte of `s`: the byte offset in the original of the char it belongs to.
    starts: Vec<usize>,
    /// For each byte of `s`: the end offset in the original of that char.
    ends: Vec<usize>,
}

pub fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '*' | '#'
        )
}

impl Compact {
    pub fn new(orig: &str) -> Compact {
        let b = orig.as_bytes();
        let mut s = String::with_capacity(orig.len());
        let mut starts = Vec::with_capacity(orig.len());
        let mut ends = Vec::with_capacity(orig.len());
        // The text between ignorable characters is copied a run at a time and mapped a byte at a
        // time (a byte that starts a character starts the next start and end), without decoding
        // characters: this runs on every field of every table line.
        let mut run = 0;
        loop {
            let (stop, skip) = find_ignorable(b, run).unwrap_or((b.len(), 0));
            s.push_str(&orig[run..stop]);
            let (mut start, mut end) = (run, run);
            for (i, &x) in b[run..stop].iter().enumerate() {
                if x & 0xC0 != 0x80 {
                    start = run + i;
                    end = start + utf8_len(x);
                }
                starts.push(start);
                ends.push(end);
            }
            if skip == 0 {
                break;
            }
            run = stop + skip;
        }
        Compact { s, starts, ends }
    }

    /// Original byte range of the compact byte range `a..b` (b > a).
    pub fn orig(&self, a: usize, b: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let a = a.min(self.starts.len() - 1);
        let b = b.clamp(a + 1, self.ends.len());
        (self.starts[a], self.ends[b - 1])
    }
}

/// [`Compact::new`]'s text alone, for a caller that never maps back (building the maps was
/// most of the cost).
pub fn compact_str(orig: &str) -> String {
    let mut s = String::with_capacity(orig.len());
    s.extend(orig.chars().filter(|&c| !is_ignorable(c)));
    s
}

/// `s` without its white space (`char::is_whitespace`): the text between white space copied a
/// run at a time, into a string allocated once (collecting it char by char grew the string
/// several times for each of the many lines it is asked of).
pub fn without_whitespace(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    while let Some((i, n)) = find_whitespace(b, run) {
        out.push_str(&s[run..i]);
        run = i + n;
    }
    out.push_str(&s[run..]);
    out
}

/// The first white space character (`char::is_whitespace`) of `b` at or after byte `from`: its
/// byte offset and length. Read as bytes, without decoding characters: every white space
/// character is one of a few byte sequences (U+0009–000D, U+0020; U+0085, U+00A0; U+1680;
/// U+2000–200A, U+2028, U+2029, U+202F, U+205F; U+3000), and Chinese text is mostly lead bytes
/// E4–E9 and continuation bytes, which start none of them. Asked of every line by the chrome
/// test, where decoding each CJK punctuation mark (lead byte E3) to test it cost more.
pub fn find_whitespace(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < b.len() {
        // Eight bytes at a time past words that start no white space.
        if let Some(w) = b.get(i..i + 8) {
            if !may_start_whitespace(u64::from_le_bytes(w.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        // A word that may (or the last few bytes): byte by byte up to the next word.
        let end = (i + 8).min(b.len());
        while i < end {
            let x = b[i];
            if x <= b' ' {
                if x == b' ' || (b'\t'..=b'\r').contains(&x) {
                    return Some((i, 1));
                }
            } else if (0xc2..=0xe3).contains(&x) {
                let len = match (x, b.get(i + 1), b.get(i + 2)) {
                    (0xc2, Some(0x85 | 0xa0), _) => 2,
                    (0xe1, Some(0x9a), Some(0x80)) => 3,
                    (0xe2, Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf)) => 3,
                    (0xe2, Some(0x81), Some(0x9f)) => 3,
                    (0xe3, Some(0x80), Some(0x80)) => 3,
                    _ => 0,
                };
                if len > 0 {
                    return Some((i, len));
                }
            }
            i += 1;
        }
    }
    None
}

/// Whether any of eight bytes is at most 0x20 or from C2 to E3, the bytes white space starts
/// with: "has a byte less than 0x21", and "has a byte between 0x41 and 0x64" after flipping
/// the high bits (C2–E3 become 42–63; ASCII, which would become 80–FF, is left out by the
/// test). Both are exact, so a word that gives false holds no white space.
fn may_start_whitespace(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = w.wrapping_sub(ONES * 0x21) & !w;
    let y = w ^ HIGH;
    let y7 = y & (ONES * 0x7f);
    let lead = (ONES * (127 + 0x64)).wrapping_sub(y7) & !y & (y7 + ONES * (127 - 0x41));
    (low | lead) & HIGH != 0
}

/// The length of a UTF-8 character from its first byte.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The first character of `b` at or after byte `from` that [`is_ignorable`]: its byte offset
/// and length, found on bytes as [`find_whitespace`] finds white space. The quote marks beyond
/// ASCII are U+2018, U+2019, U+201C, U+201D (E2 80 98/99/9C/9D) and 「」 (E3 80 8C/8D).
fn find_ignorable(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < b.len() {
        let x = b[i];
        if x <= b'*' {
            if matches!(x, b'\t'..=b'\r' | b' ' | b'"' | b'#' | b'\'' | b'*') {
                return Some((i, 1));
            }
        } else if (0xc2..=0xe3).contains(&x) {
            let len = match (x, b.get(i + 1), b.get(i + 2)) {
                (0xe2, Some(0x80), Some(0x98 | 0x99 | 0x9c | 0x9d)) => 3,
                (0xe3, Some(0x80), Some(0x8c | 0x8d)) => 3,
                _ => match find_whitespace(&b[..(i + 3).min(b.len())], i) {
                    Some((at, n)) if at == i => n,
                    _ => 0,
                },
            };
            if len > 0 {
                return Some((i, len));
            }
        }
        i += 1;
    }
    None
}

/// `s` after `word` printed at its start, perhaps with white space between its characters, as
/// forms pad their labels ("名　　称：").
pub(crate) fn strip_spaced_prefix<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s;
    for (i, c) in word.chars().enumerate() {
        if i > 0 {
            rest = rest.trim_start();
        }
        rest = rest.strip_prefix(c)?;
    }
    Some(rest)
}

/// Lines of `text` with their byte offsets (without the newline).
pub fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    out.extend(split_lines(text));
    out
}

/// The lines of `text` as `text.split('\n')` gives them, each with its byte offset. A report is
/// cut into lines a dozen times (outline, chrome, tables, bodies, metadata): the memchr crate
/// finds each '\n' a vector at a time, where `split`'s search (std's memchr) goes a word at a
/// time and costs more on a line of a few dozen bytes.
pub fn split_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.map(move |end| {
        let line = (start, &text[start..end]);
        start = end + 1;
        line
    })
}

pub fn chinese_numeral(c: char) -> Option<u32> {
    // A match rather than a search of "〇一…十": this runs for every character of a report.
    Some(match c {
        '〇' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// A digit as years and dates are written out: 0–9, 一…九, and for zero 〇, ○ (the circle
/// typed in its place), 零 or the letter O; 两 for the 2 of 两〇二四.
pub fn written_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'O' | 'o' => Some(0),
        '两' => Some(2),
        _ => c
            .to_digit(10)
            .or_else(|| chinese_numeral(c).filter(|&d| d < 10)),
    }
}

/// Collapse white space runs to single spaces and trim.
pub fn squash_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Remove white space between two Han characters (PDF hard wraps, "结果 维持"), keep others.
pub fn join_han_wraps(s: &str) -> String {
    // A match, not a search of a string of the marks: this runs at every run of white space.
    let cjkish = |c: char| {
        crate::ingest::normalize::is_han(c)
            || matches!(
                c,
                '，' | '。'
                    | '；'
                    | '：'
                    | '、'
                    | '（'
                    | '）'
                    | '“'
                    | '”'
                    | '《'
                    | '》'
                    | '！'
                    | '？'
            )
    };
    let mut out = String::with_capacity(s.len());
    // The text between runs of white space is copied whole; a run becomes nothing between two
    // Han characters (or their punctuation), one space between other text, nothing at either end.
    let mut chars = s.char_indices().peekable();
    let mut run_start = 0;
    // The last character before the current run of white space (None at the start).
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if !c.is_whitespace() {
            prev = Some(c);
            continue;
        }
        out.push_str(&s[run_start..i]);
        while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
        let next = chars.peek().map(|&(_, c)| c);
        run_start = chars.peek().map_or(s.len(), |&(j, _)| j);
        if prev.is_some_and(cjkish) && next.is_some_and(cjkish) {
            continue;
        }
        if prev.is_some() && next.is_some() {
            out.push(' ');
        }
    }
    out.push_str(&s[run_start..]);
    out
}

/// Whether a line opens a sentence of the report ("本报告根据…", "根据《条例》…") rather than a
/// title: 本 opens one, but not in 本溪 (本溪市, 本溪满族自治县: a place).
pub fn opens_sentence(s: &str) -> bool {
    (s.starts_with('本') && !s.starts_with("本溪"))
        || ["根据", "依据", "按照"].iter().any(|w| s.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_found_on_bytes_as_char_is_whitespace() {
        // Every character, alone and between Han characters: found exactly when std says so.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("政{c}府");
            let found = find_whitespace(s.as_bytes(), 0);
            let want = c.is_whitespace().then_some(("政".len(), c.len_utf8()));
            assert_eq!(found, want, "U+{:04X}", c as u32);
            assert_eq!(
                find_whitespace(c.to_string().as_bytes(), 0).is_some(),
                c.is_whitespace()
            );
        }
        // At every place in the eight-byte words, among ASCII and among Han characters: every
        // character up to U+3FFF (all that start with the bytes white space starts with).
        for c in (0..=0x3FFFu32).filter_map(char::from_u32) {
            for pad in 0..9 {
                for fill in ["a", "政"] {
                    let head = fill.repeat(pad);
                    let s = format!("{head}{c}{}", fill.repeat(9));
                    let want = c.is_whitespace().then_some((head.len(), c.len_utf8()));
                    assert_eq!(find_whitespace(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
                }
            }
        }
        let s = " 一\u{3000}二\t三\u{a0}四\u{2028}";
        let want: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(without_whitespace(s), want);
    }

    #[test]
    fn compact_maps_as_char_by_char() {
        // Every character, alone and between others: the same ignorable verdict as `is_ignorable`.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("政{c}府");
            let want = is_ignorable(c).then_some(("政".len(), c.len_utf8()));
            assert_eq!(find_ignorable(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
        }
        // The compact text and both maps, against the char-by-char reading they replace.
        for orig in [
            "",
            " ",
            "一、“政府信息公开” 工作\t情况 ",
            "「申请」*#'a'\u{3000}b\u{a0}c\u{1F600}d",
            "本年度新收政府信息公开申请数量 12 件",
        ] {
            let c = Compact::new(orig);
            let mut s = String::new();
            let (mut starts, mut ends) = (Vec::new(), Vec::new());
            for (i, ch) in orig.char_indices() {
                if !is_ignorable(ch) {
                    s.push(ch);
                    let n = ch.len_utf8();
                    starts.extend(std::iter::repeat_n(i, n));
                    ends.extend(std::iter::repeat_n(i + n, n));
                }
            }
            assert_eq!((c.s, c.starts, c.ends), (s, starts, ends), "{orig:?}");
        }
    }
}
