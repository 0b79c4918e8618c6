//! The index's tokenizer, `gk_grams`: overlapping character bigrams of normalised text (plus the
//! last character of each run as a unigram), so that every substring of two or more characters
//! is a phrase of bigrams at consecutive positions — full recall for any query word, whatever
//! jieba would have segmented. Offsets are exact byte offsets of the original text, so
//! highlighting never cuts a character.
//!
//! There is no jieba word field: it ranked a query word that was a whole jieba word higher, and
//! cost a fifth of the build's CPU and a tenth of the index (format 7; see benches/README.md).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub const GRAMS: &str = "gk_grams";

/// Characters that form searchable runs (punctuation and white space break runs).
#[inline]
pub fn is_run_char(c: char) -> bool {
    // Fast paths for ASCII and the CJK Unified Ideographs block (all alphabetic); the Unicode
    // table lookup only for the rest. Same answer as `c.is_alphanumeric()`.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        true
    } else if matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '（'
            | '）'
            | '“'
            | '”'
            | '《'
            | '》'
            | '！'
            | '？'
            | '—'
            | '…'
            | '·'
            | '‘'
            | '’'
            | '【'
            | '】'
            | '\u{3000}'
    ) {
        // Chinese punctuation, a tenth of a report's characters: not alphanumeric, answered
        // without the Unicode table's slow search.
        false
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return c;
    }
    let c = crate::ingest::normalize::fold_char(c).unwrap_or(c);
    c.to_ascii_lowercase()
}

/// The runs of searchable characters of a text, folded, as [`GramStream`] reads them: a query
/// word matches inside one run (a phrase of bigrams never crosses punctuation or space).
pub fn runs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_run = false;
    for c in text.chars() {
        if !is_run_char(c) {
            in_run = false;
            continue;
        }
        if !in_run {
            out.push(String::new());
            in_run = true;
        }
        out.last_mut().expect("a run was started").push(fold(c));
    }
    out
}

/// The bigram tokens of a text: (token text, byte start, byte end, position).
pub fn grams(text: &str) -> Vec<Token> {
    let mut s = GramStream::new(text);
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    while s.advance() {
        out.push(s.token.clone());
    }
    out
}

/// The bigram tokens one at a time, reusing one token buffer (indexing allocates nothing per
/// token). Within a run of searchable characters, each character starts a bigram with the next
/// one; the run's last character is a unigram; a non-run character leaves a position gap.
pub struct GramStream<'a> {
    chars: std::str::CharIndices<'a>,
    pending: Option<(usize, char)>,
    in_run: bool,
    pos: usize,
    token: Token,
}

impl<'a> GramStream<'a> {
    pub fn new(text: &'a str) -> Self {
        GramStream {
            chars: text.char_indices(),
            pending: None,
            in_run: false,
            pos: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((start, c)) = self.pending.take().or_else(|| self.chars.next()) else {
                return false;
            };
            if !is_run_char(c) {
                if self.in_run {
                    // A gap between runs keeps phrases from crossing punctuation.
                    self.in_run = false;
                    self.pos += 1;
                }
                continue;
            }
            self.in_run = true;
            let next = self.chars.next();
            let t = &mut self.token;
            t.text.clear();
            t.text.push(fold(c));
            t.offset_from = start;
            t.offset_to = match next {
                Some((ns, nc)) if is_run_char(nc) => {
                    t.text.push(fold(nc));
                    ns + nc.len_utf8()
                }
                _ => start + c.len_utf8(),
            };
            t.position = self.pos;
            t.position_length = 1;
            self.pos += 1;
            self.pending = next;
            return true;
        }
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[derive(Clone, Default)]
pub struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        GramStream::new(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward bigram definition the streaming tokenizer must reproduce.
    fn grams_reference(text: &str) -> Vec<(String, usize, usize, usize)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let (mut pos, mut i) = (0, 0);
        while i < chars.len() {
            if !is_run_char(chars[i].1) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && is_run_char(chars[j].1) {
                j += 1;
            }
            for k in i..j {
                let mut t: String = fold(chars[k].1).to_string();
                let end = if k + 1 < j {
                    t.push(fold(chars[k + 1].1));
                    chars[k + 1].0 + chars[k + 1].1.len_utf8()
                } else {
                    chars[k].0 + chars[k].1.len_utf8()
                };
                out.push((t, chars[k].0, end, pos));
                pos += 1;
            }
            pos += 1;
            i = j;
        }
        out
    }

    #[test]
    fn streaming_grams_match_the_reference() {
        for text in [
            "",
            "，。",
            "a",
            "医",
            "医疗保障，局",
            "，2022年ＡＢＣ政务公开（一）主动公开。。依申请Open Data x",
            "一、总体情况\n\n 全年共接到政府信息公开申请25件。",
        ] {
            let got: Vec<_> = grams(text)
                .into_iter()
                .map(|t| (t.text, t.offset_from, t.offset_to, t.position))
                .collect();
            assert_eq!(got, grams_reference(text), "{text}");
        }
    }

    #[test]
    fn fast_paths_agree_with_the_general_rules() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_run_char(c), c.is_alphanumeric(), "{c:?}");
            let slow = crate::ingest::normalize::fold_char(c)
                .unwrap_or(c)
                .to_ascii_lowercase();
            assert_eq!(fold(c), slow, "{c:?}");
        }
    }

    #[test]
    fn bigrams_with_offsets_and_gaps() {
        let t = grams("医疗保障，局");
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["医疗", "疗保", "保障", "障", "局"]);
        assert_eq!((t[2].offset_from, t[2].offset_to), (6, 12));
        assert_eq!(t[4].position, 5); // gap after the comma
    }
}
