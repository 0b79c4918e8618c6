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
        let mut s = String::with_capacity(orig.len());
        let mut starts = Vec::with_capacity(orig.len());
        let mut ends = Vec::with_capacity(orig.len());
        for (i, c) in orig.char_indices() {
            if is_ignorable(c) {
                continue;
            }
            s.push(c);
            let n = c.len_utf8();
            starts.extend(std::iter::repeat_n(i, n));
            ends.extend(std::iter::repeat_n(i + n, n));
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
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            out.push_str(&s[run..i]);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out
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
