//! Mojibake of the Chinese kind: a UTF-8 report whose bytes were once read as GBK (GB18030,
//! code page 936: a Chinese Windows tool's default, a script's or an editor's) and saved again as
//! UTF-8, so that `一、总体情况` reads `涓€銆佹€讳綋鎯呭喌`. The text is valid UTF-8 and Chinese,
//! so nothing else notices, and the report was lost whole: no heading, no row label is found. A
//! report kept so was found in a public repository (a report's text stored by a Windows script).
//!
//! Each character maps back to the GBK bytes it was read from, and those bytes read as UTF-8
//! give the report again. The reading pairs the bytes two by two, and where a pair had no GBK
//! character (a UTF-8 character cut by the pairing before an ASCII byte, the byte 0x80, a
//! user-defined pair) the reader wrote U+FFFD for its first byte, or `?` for both (losing the
//! byte after it, which may be a digit: `。2023` became `銆?023`). A lost byte comes back where
//! one value alone fits (the reader could not read it with the next byte, and it completes a
//! character); any other is U+FFFD, never a guess. A row label with a broken character may
//! not be read, and a figure after one may have lost a digit: the figures that follow a broken
//! character in the same label are left out. A text with more than one character in five
//! broken is left as it is (a reader that lost that much leaves too little to read surely).

use super::decode::{is_plain_char, is_report_word_char};
use super::mojibake::Repaired;
use encoding_rs::GB18030;

/// Fewer Chinese characters than this are no report's mojibake.
const MIN_HAN: usize = 40;

/// The report under `text` if `text` is the mojibake of a UTF-8 report read as GBK; `None` for
/// any other text. A report prints 信息 (政府信息公开…), which no such mojibake can hold (its
/// characters are GBK pairs of UTF-8 bytes, and 信 and 息 are not), so for a report the test
/// is one search.
pub fn undo(text: &str) -> Option<Repaired> {
    if memchr::memmem::find(text.as_bytes(), "信息".as_bytes()).is_some() {
        return None;
    }
    let han = text.chars().filter(|&c| is_han(c)).count();
    if han < MIN_HAN {
        return None;
    }
    // Code page 936 reads the byte 0x80 as €, GB18030 reads the pair A2 E3 so: one of the two
    // gives the fewer broken characters.
    let repaired = if text.contains('€') {
        let a = reread(text, Euro::SingleByte);
        let b = reread(text, Euro::Pair);
        if broken(&a) <= broken(&b) {
            a
        } else {
            b
        }
    } else {
        reread(text, Euro::Pair)
    };
    let repaired = repaired
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(repaired);
    let repaired = without_figures_of_broken_labels(&repaired);
    let words = |t: &str| t.chars().filter(|&c| is_report_word_char(c)).count();
    (reads_as_report(&repaired) && words(&repaired) >= 3 * words(text)).then_some(Repaired {
        text: repaired,
        how: "UTF-8 bytes that had been read as GBK and saved again",
    })
}

/// How € is turned back into bytes.
#[derive(Clone, Copy)]
enum Euro {
    /// 0x80, code page 936's €.
    SingleByte,
    /// A2 E3, GB18030's.
    Pair,
}

/// The text's characters turned back into the bytes they were read from, read as UTF-8. A
/// U+FFFD stands for one byte that was lost, a `?` right after a Chinese character (and any `?`
/// after that one) for two: nothing is written for them, and the UTF-8 reading marks the
/// character they cut with U+FFFD. A lost byte comes back only where one value alone fits: the
/// reader could not have read it with the byte after it, and the character it completes is one.
fn reread(text: &str, euro: Euro) -> String {
    // The reader mapped GBK's user-defined pairs to private-use characters (GB18030, code page
    // 936) when the text holds one; else such a pair may be what it could not read.
    let user_defined_read = text.chars().any(|c| ('\u{e000}'..='\u{e765}').contains(&c));
    let mut bytes = Vec::with_capacity(text.len());
    let mut holes: Vec<(usize, bool)> = Vec::new();
    let mut run = String::new();
    let mut after_lost_or_wide = false;
    let flush = |run: &mut String, bytes: &mut Vec<u8>| {
        if !run.is_empty() {
            let (b, _, _) = GB18030.encode(run);
            bytes.extend_from_slice(&b);
            run.clear();
        }
    };
    for c in text.chars() {
        let lost = c == '\u{fffd}' || (c == '?' && after_lost_or_wide);
        if lost {
            flush(&mut run, &mut bytes);
            holes.push((bytes.len(), c == '\u{fffd}'));
        } else if c == '€' {
            flush(&mut run, &mut bytes);
            match euro {
                Euro::SingleByte => bytes.push(0x80),
                Euro::Pair => bytes.extend_from_slice(&[0xa2, 0xe3]),
            }
        } else {
            run.push(c);
        }
        after_lost_or_wide = lost || !c.is_ascii();
    }
    flush(&mut run, &mut bytes);
    let readable = |x: u8, y: u8| match x {
        0x80 => matches!(euro, Euro::SingleByte),
        _ => {
            let mut d = GB18030.new_decoder_without_bom_handling();
            let mut out = [0u16; 4];
            let (r, _, n) = d.decode_to_utf16_without_replacement(&[x, y], &mut out, true);
            matches!(r, encoding_rs::DecoderResult::InputEmpty)
                && n == 1
                && (user_defined_read || !(0xe000..=0xe765).contains(&out[0]))
        }
    };
    let mut restored = Vec::with_capacity(bytes.len() + holes.len());
    let mut from = 0;
    for (at, one_byte) in holes {
        restored.extend_from_slice(&bytes[from..at]);
        from = at;
        let Some(&y) = bytes.get(at).filter(|_| one_byte) else {
            continue;
        };
        let mut fits =
            (0x80..=0xffu8).filter(|&x| !readable(x, y) && completes(&restored, x, &bytes[at..]));
        if let (Some(x), None) = (fits.next(), fits.next()) {
            restored.push(x);
        }
    }
    restored.extend_from_slice(&bytes[from..]);
    String::from_utf8_lossy(&restored).into_owned()
}

/// Whether byte `x`, put between `before` and `after`, makes the character it falls in one of
/// valid UTF-8 (from the lead byte before it to the last continuation byte after it).
fn completes(before: &[u8], x: u8, after: &[u8]) -> bool {
    let cont = |b: u8| (0x80..0xc0).contains(&b);
    let back = before
        .iter()
        .rev()
        .take(3)
        .take_while(|&&b| cont(b))
        .count();
    let lead = before.len() - back;
    let start = if lead > 0 && before[lead - 1] >= 0xc0 {
        lead - 1
    } else {
        lead
    };
    let fwd = after.iter().take(3).take_while(|&&b| cont(b)).count();
    let mut window = before[start..].to_vec();
    window.push(x);
    window.extend_from_slice(&after[..fwd]);
    std::str::from_utf8(&window).is_ok()
}

/// How far before its figures a broken character marks their label as broken (characters).
const LABEL_REACH: usize = 60;

/// `s` with each run of digits that follows a broken character in the same label (nothing
/// between them but the label's words and spaces: no line break, tab, pipe or other figure)
/// written as broken characters too. A row label with a broken character may not be read, and
/// then its figures, printed after a label no row owns, went to the row before (`…过程性信�
/// 2000002` was read as 5.属于三类内部事务信息's row); a figure right after one may have lost
/// its first digit (`�023`). Such figures are left out: no row reads them.
fn without_figures_of_broken_labels(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Characters since the last broken one, while its label may still be going on; and whether
    // figures after it were left out (the next label's words end its row).
    let mut since_broken: Option<usize> = None;
    let mut blanked = false;
    let mut in_run = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit() || (in_run && c == '.');
        in_run = digit;
        if digit && since_broken.is_some() {
            out.push('\u{fffd}');
            blanked = true;
            continue;
        }
        out.push(c);
        since_broken = match c {
            '\u{fffd}' => {
                blanked = false;
                Some(0)
            }
            _ if digit => None,
            '\n' | '\r' | '\t' | '|' => None,
            c if blanked && crate::ingest::normalize::is_han(c) => None,
            _ => since_broken.map(|n| n + 1).filter(|&n| n <= LABEL_REACH),
        };
    }
    out
}

/// How many characters of a reading came back broken.
fn broken(s: &str) -> usize {
    s.chars().filter(|&c| c == '\u{fffd}').count()
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether a reading is a report's Chinese text: its characters those of Chinese text (a few
/// broken ones where bytes were lost), most of them Chinese characters, 信息 among them and a
/// report's words.
fn reads_as_report(s: &str) -> bool {
    if !s.contains("信息") {
        return false;
    }
    let (mut other, mut plain, mut han, mut words, mut lost) = (0usize, 0, 0, 0, 0);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if c == '\u{fffd}' {
            lost += 1;
        } else if is_plain_char(c) {
            plain += 1;
            han += usize::from(is_han(c));
            words += usize::from(is_report_word_char(c));
        } else {
            other += 1;
        }
    }
    other * 100 <= plain && han * 2 >= plain && words >= 8 && lost * 5 <= han
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    const REPORT: &str = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，全县共收到政府信息公开申请143件，依法按期办结143件。\n二、主动公开政府信息情况\n规章\t0\t0\t3\n行政规范性文件\t6\t1\t32\n三、收到和处理政府信息公开申请情况\n";

    /// What Python's `bytes.decode("gbk", errors="replace")` writes: U+FFFD for the first byte
    /// of a pair GBK has no character for, the next byte read again.
    fn python_gbk(b: &[u8]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] < 0x80 {
                out.push(char::from(b[i]));
                i += 1;
                continue;
            }
            match b
                .get(i..i + 2)
                .map(|p| GBK.decode_without_bom_handling_and_without_replacement(p))
            {
                Some(Some(s)) if s.chars().count() == 1 => {
                    out.push_str(&s);
                    i += 2;
                }
                _ => {
                    out.push('\u{fffd}');
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn utf8_read_as_gbk_is_undone_with_lost_bytes_marked() {
        let moji = python_gbk(REPORT.as_bytes());
        assert!(moji.starts_with("鏌愬幙浜烘皯鏀垮簻"), "{moji}");
        let r = undo(&moji).unwrap();
        assert!(r.how.contains("GBK"));
        // 0x80 read as nothing before E3 came back (the one byte that fits); the 。 before a
        // line break, cut there, did not.
        assert!(r.text.contains("一、总体情况\n"), "{}", r.text);
        assert!(r.text.contains("二、主动公开政府信息情况"), "{}", r.text);
        // 件 cut before its tab: its figures, after the tab, are read.
        assert!(
            r.text
                .contains("规章\t0\t0\t3\n行政规范性文\u{fffd}\t6\t1\t32"),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("143件，依法按期办结143件\u{fffd}\n"),
            "{}",
            r.text
        );
    }

    #[test]
    fn a_figure_that_may_have_lost_a_digit_is_left_out() {
        // 。 then 2023: the pair (0x82, '2') is lost whole, and 023 is no figure to read.
        // 办结。2023年 read by a reader that drops a pair it cannot read whole (`?`).
        let moji = python_gbk(REPORT.as_bytes()) + "鍔炵粨銆?023骞?";
        let r = undo(&moji).unwrap();
        assert!(
            r.text
                .ends_with("办结\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}"),
            "{}",
            r.text
        );
    }

    #[test]
    fn other_text_is_left_alone() {
        assert!(undo(&REPORT.repeat(3)).is_none());
        // Chinese without 信息 that is no mojibake: its bytes read as UTF-8 are no report.
        let poem = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。".repeat(5);
        assert!(undo(&poem).is_none());
        // Too short.
        assert!(undo(&python_gbk("政府信息公开".as_bytes())).is_none());
    }
}
