//! Mojibake undone: a report whose bytes were once read in a Western encoding (Windows-1252 or
//! Latin-1) and saved again as UTF-8, so that `广州市` reads `å¹¿å·žå¸‚` (UTF-8 bytes) or
//! `¹ãÖÝÊÐ` (GBK bytes). The text is valid UTF-8, so nothing else notices; its characters are
//! all ASCII or the Western characters of single bytes. Each maps back to its byte, and the bytes
//! read as UTF-8 (or GB18030) give the report again. The reversal is kept only when it is
//! unambiguous: every character maps back, the bytes decode without an error, and what they give
//! is Chinese text, mostly a report's words.

use super::decode::{is_plain_char, is_report_word_char};
use super::mixed::uncommon_pairs;
use encoding_rs::GB18030;

/// A repaired text and what had been done to it, in words.
pub struct Repaired {
    pub text: String,
    pub how: &'static str,
}

/// Fewer Western characters than this are no mojibake worth undoing (a name with accents).
const MIN_CHARS: usize = 20;

/// The characters of Windows-1252's bytes 0x80–0x9F (`None`: the five it leaves undefined,
/// which a reader keeps as the C1 control of the same number).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte a non-ASCII character stood for when a byte was read as Windows-1252 or Latin-1
/// (Latin-1 and the C1 controls are the byte's own number; Windows-1252's letters and
/// punctuation of 0x80–0x9F are looked up).
fn byte_of(c: char) -> Option<u8> {
    let n = c as u32;
    if (0x80..=0xff).contains(&n) {
        return Some(n as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == Some(c))
        .map(|i| 0x80 + i as u8)
}

/// The report under the mojibake of `text`, if `text` is mojibake of one; `None` for any other
/// text (a Chinese text gives up at its first Chinese character, so the test costs nothing).
pub fn undo(text: &str) -> Option<Repaired> {
    // The bytes 0x80–0xFF read as Western characters are encoded 0xC2 xx or 0xC3 xx (and the
    // Windows-1252 punctuation 0xC5–0xE2 …); a text with neither lead byte has none of the
    // letters that the first byte of every Chinese character becomes.
    let b = text.as_bytes();
    memchr::memchr2(0xc2, 0xc3, b)?;
    let mut bytes = Vec::with_capacity(b.len());
    let mut western = 0usize;
    for c in text.chars() {
        if c.is_ascii() {
            bytes.push(c as u8);
        } else {
            bytes.push(byte_of(c)?);
            western += 1;
        }
    }
    if western < MIN_CHARS {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(&bytes) {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        return reads_as_report(s).then(|| Repaired {
            text: s.to_owned(),
            how: "UTF-8 bytes that had been read as Windows-1252/Latin-1 and saved again",
        });
    }
    // GBK: nearly all of it GB2312's common characters (a rare one in a name).
    let (s, errors) = GB18030.decode_without_bom_handling(&bytes);
    let common = uncommon_pairs(GB18030, &bytes) * 100 <= western;
    (!errors && common && reads_as_report(&s)).then(|| Repaired {
        text: s.into_owned(),
        how: "GBK bytes that had been read as Windows-1252/Latin-1 and saved again",
    })
}

/// Whether a repaired text is Chinese prose: nearly all of its non-ASCII characters are the
/// characters of Chinese text (or Latin letters: pinyin, a name), most of them Chinese
/// characters, and a report's words among them.
fn reads_as_report(s: &str) -> bool {
    let (mut other, mut plain, mut han, mut words) = (0usize, 0usize, 0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if ('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic() {
            continue;
        }
        if is_plain_char(c) {
            plain += 1;
            han += usize::from(('\u{4e00}'..='\u{9fff}').contains(&c));
            words += usize::from(is_report_word_char(c));
        } else {
            other += 1;
        }
    }
    other * 100 <= plain && han * 2 >= plain && words >= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "广州市医疗保障局2022年政府信息公开工作年度报告\n一、总体情况\n全年共收到政府信息公开申请25件，“三安全一稳定”。\n";

    /// What a tool that reads bytes as Windows-1252 (keeping its undefined bytes as the C1
    /// controls, as browsers do) writes.
    fn as_cp1252(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&x| match x {
                0x80..=0x9f => CP1252_HIGH[usize::from(x - 0x80)].unwrap_or(char::from(x)),
                _ => char::from(x),
            })
            .collect()
    }

    #[test]
    fn utf8_read_as_cp1252_or_latin1_is_undone() {
        let moji = as_cp1252(REPORT.as_bytes());
        assert!(moji.starts_with("å¹¿å·žå¸‚"), "{moji}");
        assert_eq!(undo(&moji).unwrap().text, REPORT);
        let latin1: String = REPORT.bytes().map(char::from).collect();
        assert_eq!(undo(&latin1).unwrap().text, REPORT);
    }

    #[test]
    fn gbk_read_as_latin1_or_cp1252_is_undone() {
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        let latin1: String = gbk.iter().map(|&x| char::from(x)).collect();
        assert!(latin1.starts_with("¹ãÖÝÊÐ"), "{latin1}");
        let r = undo(&latin1).unwrap();
        assert_eq!(r.text, REPORT);
        assert!(r.how.starts_with("GBK"));
        assert_eq!(undo(&as_cp1252(&gbk)).unwrap().text, REPORT);
    }

    #[test]
    fn other_text_is_left_alone() {
        // Chinese text with a few Western characters; Western text; too little mojibake.
        assert!(undo(&format!("{REPORT}Café résumé ©")).is_none());
        assert!(undo(&"Café résumé naïve façade, Zürich — “quoted”.\n".repeat(20)).is_none());
        assert!(undo(&as_cp1252("广州市".as_bytes())).is_none());
        // Mojibake whose bytes were then damaged (a '?' for a lost byte) does not decode.
        let moji = as_cp1252(REPORT.as_bytes()).replacen('¿', "?", 1);
        assert!(undo(&moji).is_none());
        // Western text that happens to map back to valid UTF-8 but is not Chinese.
        assert!(undo(&"Ã©tÃ© ".repeat(30)).is_none());
    }
}
