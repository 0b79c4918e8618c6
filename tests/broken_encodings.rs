//! Reports whose encoding was broken on the way, as crawled pages are: every keyed text report
//! (shipped corpus and pre-2019 fixtures) is re-encoded
//! - with its middle third in GB18030 and the rest UTF-8 (a piece pasted from a GBK page, the
//!   joins wherever the thirds fall, inside a word or not);
//! - as mojibake: its UTF-8 bytes read as Windows-1252 or Latin-1 and saved again as UTF-8
//!   (`å¹¿å·žå¸‚…`), or its GBK bytes read as Latin-1 and saved again (`¹ãÖÝÊÐ…`).
//!
//! Each must give the very report the clean file gives (every field, provenance included), with
//! one more warning, first, saying what was repaired. Those files were refused whole ("binary
//! file (control characters)"), or read as gibberish.

use crate::common;

use common::text_reports;
use gongkai::model::Report;

/// The report of a file, and that report with its warnings set aside.
fn parsed(file: &str, bytes: &[u8]) -> (Report, Vec<String>) {
    let mut r = gongkai::report_from_bytes(file, bytes)
        .unwrap_or_else(|e| panic!("{file}: refused: {}", e.reason));
    let w = std::mem::take(&mut r.warnings);
    (r, w)
}

/// The variant reads as the original does, with one warning starting `warning_start` first.
fn assert_same_report(file: &str, what: &str, original: &str, variant: &[u8], warning_start: &str) {
    let (want, want_w) = parsed(file, original.as_bytes());
    let (got, got_w) = parsed(file, variant);
    assert!(
        got == want,
        "{file} ({what}): the report differs from the clean file's"
    );
    assert_eq!(got_w.len(), want_w.len() + 1, "{file} ({what}): {got_w:?}");
    assert!(
        got_w[0].starts_with(warning_start),
        "{file} ({what}): {:?}",
        got_w[0]
    );
    assert_eq!(got_w[1..], want_w[..], "{file} ({what})");
}

/// A character boundary of `text` near `frac` of its length.
fn boundary(text: &str, frac: f64) -> usize {
    let mut at = (text.len() as f64 * frac) as usize;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[test]
fn a_gbk_piece_inside_a_utf8_report_reads_as_the_clean_report() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md", "html"], true) {
        // Thirds of the file, and (a second join) the table part from 二 to 五 where printed.
        let (a, b) = (boundary(&text, 1.0 / 3.0), boundary(&text, 2.0 / 3.0));
        let Some(legacy) = legacy_bytes(&text[a..b]) else {
            continue;
        };
        let mut bytes = text.as_bytes()[..a].to_vec();
        bytes.extend_from_slice(&legacy);
        bytes.extend_from_slice(&text.as_bytes()[b..]);
        assert!(std::str::from_utf8(&bytes).is_err(), "{file}");
        assert_same_report(
            &file,
            "middle third in GB18030",
            &text,
            &bytes,
            "encoding: the file is UTF-8 with 1 run of ",
        );
        tried += 1;
    }
    assert!(tried >= 9, "{tried}");
}

/// A text in the legacy encoding a page of it would have: Big5 for traditional characters,
/// GBK for simplified; `None` for a text that neither holds in its common characters (the
/// traditional report with pinyin: GBK has its characters only among its rare ones).
fn legacy_bytes(text: &str) -> Option<Vec<u8>> {
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(text);
    if !unmappable {
        return Some(big5.into_owned());
    }
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    let common = |b: &[u8]| {
        let mut i = 0;
        let (mut pairs, mut rare) = (0, 0);
        while i < b.len() {
            if b[i] < 0x80 {
                i += 1;
                continue;
            }
            pairs += 1;
            let (lead, trail) = (b[i], b[i + 1]);
            rare += usize::from(!((0xa1..=0xf7).contains(&lead) && trail >= 0xa1));
            i += 2;
        }
        rare * 100 <= pairs
    };
    (!unmappable && common(&gbk)).then(|| gbk.into_owned())
}

/// What a tool that reads bytes as Windows-1252 writes (its five undefined bytes kept as the C1
/// controls of their number, as browsers and Python's `surrogateescape`-free readers do), or as
/// Latin-1.
fn read_as_western(bytes: &[u8], cp1252: bool) -> String {
    bytes
        .iter()
        .map(|&x| {
            if cp1252 && (0x80..=0x9f).contains(&x) {
                let byte = [x];
                let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                let c = c.chars().next().unwrap();
                c
            } else {
                char::from(x)
            }
        })
        .collect()
}

#[test]
fn mojibake_reads_as_the_clean_report() {
    let mut tried = 0;
    for (file, text) in text_reports(&["txt", "md", "html"], true) {
        for cp1252 in [true, false] {
            let moji = read_as_western(text.as_bytes(), cp1252);
            assert_same_report(
                &file,
                "UTF-8 read as Windows-1252",
                &text,
                moji.as_bytes(),
                "encoding: the text was mojibake (UTF-8 bytes",
            );
        }
        tried += 1;
        let simplified = encoding_rs::BIG5.encode(&text).2;
        let Some(gbk) = legacy_bytes(&text).filter(|_| simplified) else {
            continue;
        };
        let moji = read_as_western(&gbk, false);
        assert_same_report(
            &file,
            "GBK read as Latin-1",
            &text,
            moji.as_bytes(),
            "encoding: the text was mojibake (GBK bytes",
        );
    }
    assert!(tried >= 10, "{tried}");
}

#[test]
fn clean_reports_get_no_encoding_warning() {
    for (file, text) in text_reports(&["txt", "md", "html"], true) {
        let (_, w) = parsed(&file, text.as_bytes());
        assert!(
            !w.iter().any(|w| w.starts_with("encoding:")),
            "{file}: {w:?}"
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        let (_, w) = parsed(&file, &gbk);
        assert!(
            !w.iter().any(|w| w.starts_with("encoding:")),
            "{file}: {w:?}"
        );
    }
}
