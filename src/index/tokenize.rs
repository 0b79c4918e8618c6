//! Tokenizers. `gk_grams`: overlapping character bigrams of normalised text (plus the last
//! character of each run as a unigram), so that every substring of two or more characters is a
//! phrase of bigrams at consecutive positions — full recall for any query word, whatever jieba
//! would have segmented. `gk_words`: jieba-rs words, used only to rank whole-word matches higher.
//! Offsets are exact byte offsets of the original text, so highlighting never cuts a character.

use jieba_rs::Jieba;
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub const GRAMS: &str = "gk_grams";
pub const WORDS: &str = "gk_words";

/// Characters that form searchable runs (punctuation and white space break runs).
pub fn is_run_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn fold(c: char) -> char {
    let c = crate::ingest::normalize::fold_char(c).unwrap_or(c);
    c.to_ascii_lowercase()
}

/// The bigram tokens of a text: (token text, byte start, byte end, position).
pub fn grams(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut pos = 0usize;
    let mut i = 0;
    while i < chars.len() {
        if !is_run_char(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_run_char(chars[j].1) {
            j += 1;
        }
        // Run chars[i..j].
        for k in i..j {
            let start = chars[k].0;
            let mut t = String::with_capacity(8);
            t.push(fold(chars[k].1));
            let end = if k + 1 < j {
                t.push(fold(chars[k + 1].1));
                chars[k + 1].0 + chars[k + 1].1.len_utf8()
            } else {
                start + chars[k].1.len_utf8()
            };
            out.push(Token {
                offset_from: start,
                offset_to: end,
                position: pos,
                text: t,
                position_length: 1,
            });
            pos += 1;
        }
        // A gap between runs keeps phrases from crossing punctuation.
        pos += 1;
        i = j;
    }
    out
}

#[derive(Clone, Default)]
pub struct GramTokenizer;

pub struct VecStream {
    tokens: Vec<Token>,
    i: usize,
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        if self.i < self.tokens.len() {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.i - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.i - 1]
    }
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream {
            tokens: grams(text),
            i: 0,
        }
    }
}

/// jieba-rs segmentation as a tantivy tokenizer (index time only: search never loads jieba).
#[derive(Clone)]
pub struct WordTokenizer {
    jieba: Arc<Jieba>,
}

impl WordTokenizer {
    pub fn new(jieba: Arc<Jieba>) -> Self {
        WordTokenizer { jieba }
    }
}

pub fn words(jieba: &Jieba, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let base = text.as_ptr() as usize;
    let mut pos = 0;
    for tok in jieba.cut(text, true) {
        let w = tok.word;
        if !w.chars().any(is_run_char) {
            continue;
        }
        let start = w.as_ptr() as usize - base;
        out.push(Token {
            offset_from: start,
            offset_to: start + w.len(),
            position: pos,
            text: w.chars().map(fold).collect(),
            position_length: 1,
        });
        pos += 1;
    }
    out
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream {
            tokens: words(&self.jieba, text),
            i: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_with_offsets_and_gaps() {
        let t = grams("医疗保障，局");
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["医疗", "疗保", "保障", "障", "局"]);
        assert_eq!((t[2].offset_from, t[2].offset_to), (6, 12));
        assert_eq!(t[4].position, 5); // gap after the comma
    }
}
