//! A UTF-8 file with runs of a legacy Chinese encoding inside (a table pasted from a GBK page
//! into a UTF-8 one, pieces of two pages joined by a crawler): read run by run, each run in the
//! encoding it was written in, rather than the whole file in one encoding and refused.
//!
//! The file is cut into words at the bytes below 0x40 (white space, digits, ASCII punctuation):
//! they are never part of a two-byte GBK or Big5 character, so a word is written in one encoding
//! unless the join falls inside it. A word that is UTF-8 of Chinese text is UTF-8; one that is
//! not UTF-8 must read cleanly in the legacy encoding as Chinese text (Chinese characters, ASCII,
//! Chinese punctuation; no rare symbol, no control), nearly all of it the encoding's common
//! characters; a word where the join falls is read as a UTF-8 part and a legacy part. Anything
//! else and the file is not read this way (and is read as before: damaged UTF-8, or refused).

use super::decode::{is_plain_char, is_report_word_char};
use encoding_rs::{Encoding, BIG5, GB18030};

/// A mixed file read: the text, the legacy encoding of its runs and how many runs it had.
pub struct Mixed {
    pub text: String,
    pub legacy: &'static Encoding,
    pub runs: usize,
}

/// A word that is UTF-8 reads as UTF-8 when it has at least this many Chinese characters in the
/// whole file: a GBK file has a few words that happen to be valid UTF-8, and no more.
const MIN_UTF8_CHARS: usize = 20;

/// Longest word cut in two at the join (longer ones are searched no further).
const MAX_SPLIT_WORD: usize = 4096;

/// How a word was read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// ASCII bytes below 0x40 between words, or an ASCII word.
    Ascii,
    Utf8,
    Legacy,
    /// UTF-8 then legacy, or legacy then UTF-8 (the join inside the word).
    Joined,
}

/// Read a file that is not valid UTF-8 as UTF-8 with legacy runs; `None` when it is not one
/// (a file wholly in a legacy encoding, a UTF-8 file with damaged bytes, binary data).
pub fn decode(bytes: &[u8]) -> Option<Mixed> {
    let words = words(bytes);
    // Enough UTF-8 Chinese first, before any legacy reading: a file wholly in GBK stops here.
    let utf8_han: usize = words
        .iter()
        .filter_map(|w| std::str::from_utf8(&bytes[w.clone()]).ok())
        .filter(|s| s.chars().all(is_plain_char))
        .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
        .sum();
    if utf8_han < MIN_UTF8_CHARS {
        return None;
    }
    let legacy = legacy_encoding(bytes, &words);
    let mut parts: Vec<(Read, String)> = Vec::with_capacity(words.len());
    let (mut legacy_chars, mut uncommon) = (0usize, 0usize);
    let mut count = |b: &[u8], s: &str| {
        legacy_chars += s.chars().filter(|c| !c.is_ascii()).count();
        uncommon += uncommon_pairs(legacy, b);
    };
    for w in &words {
        let b = &bytes[w.clone()];
        if b.is_ascii() {
            parts.push((Read::Ascii, String::from_utf8_lossy(b).into_owned()));
            continue;
        }
        if let Ok(s) = std::str::from_utf8(b) {
            parts.push((Read::Utf8, s.to_owned()));
            continue;
        }
        // Read whole in the legacy encoding, or cut at a join: UTF-8 bytes of Chinese read as
        // GB18030 mostly give characters too, but rare ones; the reading of common ones wins.
        let common = |r: &std::ops::Range<usize>| uncommon_pairs(legacy, &b[r.clone()]) == 0;
        let whole = strict(legacy, b).map(|s| (s, 0..b.len()));
        let (kind, (s, r)) = match whole {
            Some(w) if common(&w.1) => (Read::Legacy, w),
            whole => match (joined(legacy, b), whole) {
                (Some(j), _) if common(&j.1) => (Read::Joined, j),
                (_, Some(w)) => (Read::Legacy, w),
                (Some(j), None) => (Read::Joined, j),
                (None, None) => return None,
            },
        };
        count(&b[r], &s);
        parts.push((kind, s));
    }
    // A word that is valid UTF-8 but not Chinese text (Latin letters of a GBK character's
    // bytes), or that sits between two legacy words, is legacy when it reads so.
    let kinds: Vec<Read> = parts.iter().map(|p| p.0).collect();
    for (i, w) in words.iter().enumerate() {
        if kinds[i] != Read::Utf8 {
            continue;
        }
        let prev = kinds[..i].iter().rev().find(|&&r| r != Read::Ascii);
        let next = kinds[i + 1..].iter().find(|&&r| r != Read::Ascii);
        let legacy_near = |r: Option<&Read>| matches!(r, Some(Read::Legacy | Read::Joined));
        let suspect = if parts[i].1.chars().all(is_plain_char) {
            legacy_near(prev) && legacy_near(next)
        } else {
            legacy_near(prev) || legacy_near(next)
        };
        let b = &bytes[w.clone()];
        if let Some(s) = strict(legacy, b).filter(|_| suspect) {
            count(b, &s);
            parts[i] = (Read::Legacy, s);
        }
    }
    // Legacy runs are the common characters (GB2312's, Big5's frequent ones) but for a rare
    // name: bytes that read as rare characters throughout are no text.
    if uncommon * 100 > legacy_chars {
        return None;
    }
    let utf8_chars: usize = parts
        .iter()
        .filter(|p| p.0 == Read::Utf8)
        .map(|p| p.1.chars().filter(|c| !c.is_ascii()).count())
        .sum();
    if utf8_chars < MIN_UTF8_CHARS {
        return None;
    }
    // Runs: legacy words not parted by a UTF-8 one. A run of one legacy character is more
    // likely a damaged UTF-8 character than a pasted piece: not guessed at.
    let mut runs = 0;
    let mut run_chars = 0usize;
    let mut in_run = false;
    for p in parts.iter().filter(|p| p.0 != Read::Ascii) {
        let legacy_here = p.0 != Read::Utf8;
        if legacy_here && !in_run {
            runs += 1;
            run_chars = 0;
        }
        if !legacy_here && in_run && run_chars < 2 {
            return None;
        }
        in_run = legacy_here;
        if legacy_here {
            run_chars += p.1.chars().filter(|c| !c.is_ascii()).count();
        }
    }
    if runs == 0 || (in_run && run_chars < 2) {
        return None;
    }
    let text: String = parts.into_iter().map(|p| p.1).collect();
    Some(Mixed { text, legacy, runs })
}

/// The byte ranges of `bytes` cut at its bytes below 0x40: words of bytes 0x40 and above, and
/// the ASCII between them, in order.
fn words(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let low = bytes[start] < 0x40;
        let len = bytes[start..]
            .iter()
            .position(|&b| (b < 0x40) != low)
            .unwrap_or(bytes.len() - start);
        out.push(start..start + len);
        start += len;
    }
    out
}

/// GB18030 or Big5 for the words that are not UTF-8: the reading with more of a report's words
/// (GB18030 unless Big5 clearly has more).
fn legacy_encoding(bytes: &[u8], words: &[std::ops::Range<usize>]) -> &'static Encoding {
    let mut sample = Vec::new();
    for w in words {
        let b = &bytes[w.clone()];
        if !b.is_ascii() && std::str::from_utf8(b).is_err() {
            sample.extend_from_slice(b);
            sample.push(b' ');
            if sample.len() > 4096 {
                break;
            }
        }
    }
    let score = |enc: &'static Encoding| {
        let (t, _) = enc.decode_without_bom_handling(&sample);
        t.chars().filter(|&c| is_report_word_char(c)).count()
    };
    if score(BIG5) > 2 * score(GB18030) {
        BIG5
    } else {
        GB18030
    }
}

/// A word in the legacy encoding, read without an error as Chinese text.
fn strict(enc: &'static Encoding, b: &[u8]) -> Option<String> {
    let (s, errors) = enc.decode_without_bom_handling(b);
    (!errors && s.chars().all(is_plain_char)).then(|| s.into_owned())
}

/// How many characters of legacy bytes (read without an error) are outside the encoding's
/// common characters: for GB18030 those of GB2312 (symbols in rows A1–A9, Chinese characters
/// in rows B0–F7, both bytes from A1), for Big5 its symbols and frequent characters (A1–C6).
pub(super) fn uncommon_pairs(enc: &'static Encoding, b: &[u8]) -> usize {
    let common = |lead: u8, trail: u8| {
        if enc == BIG5 {
            (0xa1..=0xc6).contains(&lead)
                && ((0x40..=0x7e).contains(&trail) || (0xa1..=0xfe).contains(&trail))
        } else {
            (matches!(lead, 0xa1..=0xa9) || (0xb0..=0xf7).contains(&lead))
                && (0xa1..=0xfe).contains(&trail)
        }
    };
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let trail = b.get(i + 1).copied().unwrap_or(0);
        if enc == GB18030 && trail.is_ascii_digit() {
            // A four-byte GB18030 sequence: never a common character.
            n += 1;
            i += 4;
            continue;
        }
        n += usize::from(!common(b[i], trail));
        i += 2;
    }
    n
}

/// A word with the join inside: UTF-8 up to where it stops being UTF-8 and legacy after (the
/// cut moved back over at most three characters, which a legacy run may begin with by chance
/// as valid UTF-8), or legacy up to the last byte that is not UTF-8 and UTF-8 after. Each part
/// must read as Chinese text.
fn joined(enc: &'static Encoding, b: &[u8]) -> Option<(String, std::ops::Range<usize>)> {
    if b.len() > MAX_SPLIT_WORD {
        return None;
    }
    let plain_utf8 = |p: &[u8]| {
        std::str::from_utf8(p)
            .ok()
            .filter(|s| s.chars().all(is_plain_char))
            .map(str::to_owned)
    };
    let first_bad = std::str::from_utf8(b).err()?.valid_up_to();
    let mut cut = first_bad;
    for _ in 0..4 {
        if let (Some(a), Some(z)) = (plain_utf8(&b[..cut]), strict(enc, &b[cut..])) {
            return Some((a + &z, cut..b.len()));
        }
        if cut == 0 {
            break;
        }
        cut -= 1;
        while cut > 0 && (b[cut] & 0xc0) == 0x80 {
            cut -= 1;
        }
    }
    // Legacy then UTF-8: the UTF-8 part starts after the last invalid sequence.
    let mut last_bad_end = 0;
    let mut at = 0;
    for chunk in b.utf8_chunks() {
        at += chunk.valid().len() + chunk.invalid().len();
        if !chunk.invalid().is_empty() {
            last_bad_end = at;
        }
    }
    for cut in [last_bad_end, last_bad_end + 1] {
        if cut > b.len() {
            continue;
        }
        if let (Some(a), Some(z)) = (strict(enc, &b[..cut]), plain_utf8(&b[cut..])) {
            return Some((a + &z, 0..cut));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "一、总体情况\n本机关全年共收到政府信息公开申请25件，均已依法答复。\n";
    const TABLE: &str = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t25\t0\t0\n（一）予以公开\t7\t0\t0\n四、结转下年度继续办理\t1\t0\t0\n";

    fn gbk(s: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(s).0.into_owned()
    }

    #[test]
    fn a_gbk_table_inside_utf8_text_is_read_run_by_run() {
        let mut b = PROSE.repeat(2).into_bytes();
        b.extend(gbk(TABLE));
        b.extend(PROSE.as_bytes());
        let m = decode(&b).unwrap();
        assert_eq!(m.text, format!("{}{TABLE}{PROSE}", PROSE.repeat(2)));
        assert_eq!((m.legacy, m.runs), (GB18030, 1));
    }

    #[test]
    #[ignore = "known gap: a join inside a word with no space or digit near it is not read yet"]
    fn the_join_may_fall_inside_a_word() {
        // No space or digit between the UTF-8 part and the GBK part, either way round.
        let s = "本机关全年共收到政府信息公开申请二十五件均已依法答复";
        let t = "行政复议决定维持结果纠正其他结果尚未审结";
        let mut b = s.as_bytes().to_vec();
        b.extend(gbk(t));
        b.extend(s.as_bytes());
        assert_eq!(decode(&b).unwrap().text, format!("{s}{t}{s}"));
    }

    #[test]
    fn other_files_are_not_read_as_mixed() {
        // Wholly GBK: no UTF-8 to speak of.
        assert!(decode(&gbk(&PROSE.repeat(20))).is_none());
        // UTF-8 with a damaged character (a byte lost): a lone byte pair is no run.
        let mut b = PROSE.repeat(4).into_bytes();
        b.remove(3);
        assert!(decode(&b).is_none());
        // Legacy bytes that read as a symbol, or as rare characters only (丂丄).
        let mut b = PROSE.repeat(4).into_bytes();
        b.extend([b'\n', 0xb0, 0xa1, 0x80, 0x80]);
        assert!(decode(&b).is_none());
        let mut b = PROSE.repeat(4).into_bytes();
        b.extend([b'\n', 0x81, 0x40, 0x81, 0x41, b'\n']);
        assert!(decode(&b).is_none());
        // Latin-1 inside UTF-8 does not read as GBK: é followed by a space.
        let mut b = PROSE.repeat(4).into_bytes();
        b.extend(b"caf\xe9 r\xe9sum\xe9\n");
        assert!(decode(&b).is_none());
    }
}
