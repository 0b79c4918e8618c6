//! Bytes → UTF-8 text: BOMs, UTF-16 without BOM, UTF-8, and legacy Chinese encodings (GBK/GB18030,
//! Big5) detected by `chardetng`. Refuses binary input with a reason a user understands.

use super::{mixed, mojibake, utf8_as_gbk};
use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text, the name of the encoding it was read as, and what was repaired on the way
/// (mojibake undone, runs of another encoding), in words for the report's warnings.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Decode a report's bytes. Errors are one-line reasons ("binary file (NUL bytes)", …).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if enc == UTF_8 && !had_errors {
            return utf8_text(text);
        }
        return finish(text.into_owned(), enc, had_errors);
    }
    // UTF-8 cut inside its last character (a truncated download): keep the text, drop the
    // partial character, rather than guessing a legacy encoding for the whole file.
    // Validated once: most reports are UTF-8, and validation is a pass over the whole file.
    let utf8 = std::str::from_utf8(bytes);
    if let Err(e) = utf8 {
        if e.error_len().is_none() && !bytes.contains(&0) && e.valid_up_to() > 0 {
            let text = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return finish(text.to_owned(), UTF_8, false);
        }
    }
    if let Some(enc) = sniff_utf16(bytes, utf8.is_ok()) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), enc, had_errors);
    }
    let nuls = if bytes.contains(&0) {
        bytes.iter().filter(|&&b| b == 0).count()
    } else {
        0
    };
    if nuls > 0 {
        // A stray NUL in a text (a page saved by a broken tool) is dropped, as a browser drops
        // it from a page's text; a file with more is binary.
        let text = match utf8 {
            Ok(s) if nuls <= 3 || nuls * 1000 <= bytes.len() => s.replace('\0', ""),
            _ => return Err("binary file (contains NUL bytes), not a text report".into()),
        };
        return finish(text, UTF_8, false);
    }
    if let Ok(s) = utf8 {
        return utf8_text(std::borrow::Cow::Borrowed(s));
    }
    if let Some(m) = mixed::decode(bytes) {
        let mut d = finish(m.text, UTF_8, false)?;
        d.warnings.push(format!(
            "encoding: the file is UTF-8 with {} run{} of {} bytes inside (text pasted from another page?); each run was read as {}",
            m.runs,
            if m.runs == 1 { "" } else { "s" },
            m.legacy.name(),
            m.legacy.name()
        ));
        return Ok(d);
    }
    if let Some(text) = mostly_utf8(bytes) {
        return finish(text, UTF_8, false);
    }
    let mut enc = guess_legacy(bytes);
    // GBK pages are decoded with GB18030, its superset; Big5 stays Big5.
    if enc.name() == "GBK" || enc.name() == "gb18030" {
        enc = GB18030;
    }
    if enc != GB18030 && enc != BIG5 && !looks_like_cjk_guess(enc) {
        // chardetng guessed a non-Chinese legacy encoding: try the Chinese ones and keep the
        // one with the fewest errors.
        let gb = GB18030.decode_without_bom_handling(bytes);
        if !gb.1 {
            return finish(gb.0.into_owned(), GB18030, false);
        }
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors && (enc == GB18030 || enc == BIG5) {
        // The guess read only the start: if the other Chinese encoding reads the whole file
        // cleanly, it was the wrong one.
        let other = if enc == GB18030 { BIG5 } else { GB18030 };
        let (t2, e2) = other.decode_without_bom_handling(bytes);
        if !e2 {
            return finish(t2.into_owned(), other, false);
        }
    }
    finish(text.into_owned(), enc, had_errors)
}

/// A valid UTF-8 text, or the report under it when it is mojibake (UTF-8 or GBK bytes once read
/// as Windows-1252, or UTF-8 bytes once read as GBK, and saved again), undone with a warning.
fn utf8_text(s: std::borrow::Cow<str>) -> Result<Decoded, String> {
    if let Some(r) = mojibake::undo(&s).or_else(|| utf8_as_gbk::undo(&s)) {
        let mut d = finish(r.text, UTF_8, false)?;
        d.warnings.push(format!(
            "encoding: the text was mojibake ({}); it was turned back into the characters it stood for",
            r.how
        ));
        return Ok(d);
    }
    finish(s.into_owned(), UTF_8, false)
}

/// UTF-8 with a few invalid bytes (a stray Latin-1 byte, a character cut by an editor): each
/// invalid sequence becomes U+FFFD, as a browser shows it, rather than the whole file being read
/// in a legacy encoding. Only where valid multi-byte characters outnumber the invalid sequences
/// 20 to 1: GBK or Big5 text read as UTF-8 is invalid at nearly every character.
fn mostly_utf8(bytes: &[u8]) -> Option<String> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (multibyte >= 10 && invalid * 20 <= multibyte)
        .then(|| String::from_utf8_lossy(bytes).into_owned())
}

/// A file gongkai cannot read, told by its magic bytes (the extension refines containers:
/// OLE2 is Word, Excel or WPS; ZIP is a .docx, .xlsx or an archive), or by its extension when
/// the bytes are not text either: the one-line reason, naming the kind and what to do.
pub fn unsupported(path: &str, bytes: &[u8]) -> Option<String> {
    let ext = extension(path);
    let ext = ext.as_str();
    let kind = sniff_kind(ext, bytes).or_else(|| {
        // By extension only when the bytes are not text (a Word "web page" saved as .doc is
        // HTML, and reads as such).
        let kind = kind_by_ext(ext)?;
        decode(bytes).is_err().then_some(kind)
    })?;
    Some(match kind {
        // A .docx or a Word 97–2003 document is read before this (`ingest::docx`,
        // `ingest::word97`): what is left is a Word file in neither form.
        Kind::Word => "this Word format is not supported; save as .docx, PDF or text".into(),
        Kind::Excel => "Excel spreadsheets are not supported; save as PDF or text".into(),
        Kind::Wps => "WPS documents are not supported; save as PDF or text".into(),
        Kind::PowerPoint => "PowerPoint files are not supported; save as PDF or text".into(),
        // An RTF document is read before this (`ingest::rtf`): this one does not open as one.
        Kind::Rtf => "damaged RTF document (no {\\rtf header)".into(),
        Kind::Image(f) => {
            format!("{f} images are not supported (a scanned page?); OCR it to text first")
        }
        Kind::Archive(f) => format!("{f} archives are not supported; unpack the reports first"),
    })
}

/// The lower-cased extension of a path's file name ("" if none).
pub fn extension(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or("");
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Excel,
    Wps,
    PowerPoint,
    Rtf,
    Image(&'static str),
    Archive(&'static str),
}

fn kind_by_ext(ext: &str) -> Option<Kind> {
    Some(match ext {
        "doc" | "docx" | "docm" | "dot" | "dotx" => Kind::Word,
        "xls" | "xlsx" | "xlsm" | "et" | "ett" => Kind::Excel,
        "wps" | "wpt" => Kind::Wps,
        "ppt" | "pptx" | "dps" => Kind::PowerPoint,
        "rtf" => Kind::Rtf,
        "jpg" | "jpeg" => Kind::Image("JPEG"),
        "png" => Kind::Image("PNG"),
        "gif" => Kind::Image("GIF"),
        "tif" | "tiff" => Kind::Image("TIFF"),
        "bmp" => Kind::Image("BMP"),
        "webp" => Kind::Image("WebP"),
        "zip" => Kind::Archive("ZIP"),
        "rar" => Kind::Archive("RAR"),
        "7z" => Kind::Archive("7z"),
        "gz" | "tgz" => Kind::Archive("gzip"),
        "tar" => Kind::Archive("tar"),
        _ => return None,
    })
}

fn sniff_kind(ext: &str, b: &[u8]) -> Option<Kind> {
    let by_ext = kind_by_ext(ext);
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // OLE2 compound file: .doc, .xls, .ppt, .wps, .et.
        return Some(match by_ext {
            Some(k @ (Kind::Excel | Kind::Wps | Kind::PowerPoint)) => k,
            _ => Kind::Word,
        });
    }
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") {
        // ZIP: an Office Open XML document names its parts near the start.
        let head = &b[..b.len().min(64 * 1024)];
        let has = |s: &[u8]| head.windows(s.len()).any(|w| w == s);
        return Some(match by_ext {
            Some(k @ (Kind::Word | Kind::Excel | Kind::Wps | Kind::PowerPoint)) => k,
            _ if has(b"word/") => Kind::Word,
            _ if has(b"xl/") => Kind::Excel,
            _ if has(b"ppt/") => Kind::PowerPoint,
            _ => Kind::Archive("ZIP"),
        });
    }
    let magic: &[(&[u8], Kind)] = &[
        (b"Rar!\x1a\x07", Kind::Archive("RAR")),
        (b"7z\xbc\xaf\x27\x1c", Kind::Archive("7z")),
        (b"\x1f\x8b", Kind::Archive("gzip")),
        (b"\xff\xd8\xff", Kind::Image("JPEG")),
        (b"\x89PNG\r\n\x1a\n", Kind::Image("PNG")),
        (b"GIF87a", Kind::Image("GIF")),
        (b"GIF89a", Kind::Image("GIF")),
        (b"II*\x00", Kind::Image("TIFF")),
        (b"MM\x00*", Kind::Image("TIFF")),
        (b"{\\rtf", Kind::Rtf),
    ];
    if let Some((_, k)) = magic.iter().find(|(m, _)| b.starts_with(m)) {
        return Some(*k);
    }
    if b.len() > 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP" {
        return Some(Kind::Image("WebP"));
    }
    if by_ext == Some(Kind::Image("BMP")) && b.starts_with(b"BM") {
        return Some(Kind::Image("BMP"));
    }
    None
}

/// How many bytes of non-ASCII lines the detector reads: a thousand Chinese characters tell GBK
/// from Big5 as surely as the whole file, and reading the whole file was most of a GBK file's
/// parse (chardetng reads about 3 MB/s).
const SNIFF_BYTES: usize = 2 * 1024;

/// The first lines that have non-ASCII bytes (ASCII lines, such as an HTML page's head and
/// scripts, tell nothing), up to [`SNIFF_BYTES`]. Lines split at '\n', which is never part of a
/// GBK or Big5 character, so the sample is whole characters.
fn legacy_sample(bytes: &[u8]) -> Vec<u8> {
    let mut sample = Vec::with_capacity(SNIFF_BYTES + 256);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        sample.extend_from_slice(line);
        if sample.len() >= SNIFF_BYTES {
            break;
        }
    }
    sample
}

/// The legacy encoding of a report that is not UTF-8. First by what the text says: the sample
/// read as GB18030 and as Big5, the reading that is full of the words every report uses
/// (政府信息公开, 申请, 年度报告 …) wins. Either reading of the other encoding's bytes gives
/// characters at random, few of them among these. Where neither reading clearly wins (text
/// that is not Chinese, or too little of it), chardetng decides: it is right more generally,
/// but reads about 0.5 MB/s, and was a twentieth of parsing a GBK report.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let sample = legacy_sample(bytes);
    let (gb, gb_errors) = GB18030.decode_without_bom_handling(&sample);
    let (big5, big5_errors) = BIG5.decode_without_bom_handling(&sample);
    let score = |t: &str| t.chars().filter(|&c| is_report_word_char(c)).count();
    let (gb_score, big5_score) = (score(&gb), score(&big5));
    const CLEAR: usize = 8;
    if !gb_errors && gb_score >= CLEAR && gb_score >= 4 * big5_score {
        return GB18030;
    }
    if !big5_errors && big5_score >= CLEAR && big5_score >= 4 * gb_score {
        return BIG5;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&sample, true);
    det.guess(None, chardetng::Utf8Detection::Deny)
}

/// The characters of the words every disclosure report prints, in simplified and in
/// traditional forms.
const REPORT_WORD_CHARS: &str = concat!(
    "政府信息公开工作年度报告申请主动依行政复议诉讼件数量情况本年新收到处理结果予以不部分",
    "存在问题改进措施其他需要说明事项机关单位网站平台建设监督保障的了和在是有为对中一人大",
    "月日等及与提高加强进步展规范性文件发布组织领导制度管理服务群众办理答复意见决定费用收取",
    "单据条例应实则总体统计类",
    "資訊開報請動復覆議訴訟數況處結題進說項機關網臺設監務眾辦見決費與為對發佈組織領導範規",
    "單據條應實則總體統計類",
);

pub(super) fn is_report_word_char(c: char) -> bool {
    static SET: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut v: Vec<char> = REPORT_WORD_CHARS.chars().collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    c >= '\u{4e00}' && set.binary_search(&c).is_ok()
}

/// A character of Chinese text as reports print it: ASCII (no control but line breaks, tabs
/// and form feeds), Chinese characters, Chinese and full-width punctuation, the dashes, quotes
/// and ellipsis, and the few symbols reports use (· × ÷ ° ± §, circled and Roman numerals,
/// squares and circles). A legacy run or a repaired text that gives anything else is not read.
pub(super) fn is_plain_char(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}');
    }
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{ff01}'..='\u{ff5e}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{203b}'
        | '\u{2160}'..='\u{217f}'
        | '\u{2460}'..='\u{249b}'
        | '\u{25a0}'..='\u{25ff}'
        | '\u{3220}'..='\u{3243}'
        | '·' | '×' | '÷' | '°' | '±' | '§')
}

fn looks_like_cjk_guess(enc: &'static Encoding) -> bool {
    matches!(
        enc.name(),
        "Shift_JIS" | "EUC-JP" | "EUC-KR" | "ISO-2022-JP"
    )
}

fn finish(text: String, enc: &'static Encoding, had_errors: bool) -> Result<Decoded, String> {
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let total = text.chars().count().max(1);
        if bad * 20 > total {
            return Err(format!(
                "cannot decode as {} ({bad} of {total} characters invalid): binary or unknown encoding",
                enc.name()
            ));
        }
    }
    let (chars, controls) = chars_and_controls(&text);
    if controls * 50 > chars.max(1) {
        return Err("binary file (control characters), not a text report".into());
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        warnings: Vec::new(),
    })
}

/// The characters of `text` and how many are control characters (`char::is_control`) other
/// than line breaks, tabs and form feeds, counted over the bytes: the only control characters
/// beyond ASCII (U+0080–U+009F) are encoded 0xC2 0x80–0x9F. Line breaks include the vertical
/// tab (a Word document's manual line break, as its object model and some converters give
/// it) and NEL (U+0085): a report broken so is text.
fn chars_and_controls(text: &str) -> (usize, usize) {
    // Simple passes that the compiler vectorises (one pass with a look-ahead was slower than
    // decoding characters); the C1 pass only for a text that has their lead byte.
    let b = text.as_bytes();
    let chars = text.chars().count();
    // Counted in bytes, 255 at a time, so that the count vectorises (counted in a usize per
    // byte, it ran at ten instructions a byte).
    let control = |x: u8| {
        u8::from(
            (x < 0x20) & (x != b'\n') & (x != b'\r') & (x != b'\t') & (x != 0x0b) & (x != 0x0c)
                | (x == 0x7f),
        )
    };
    let mut controls: usize = b
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &x| n + control(x))))
        .sum();
    if b.contains(&0xc2) {
        controls += b
            .windows(2)
            .filter(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]) && w[1] != 0x85)
            .count();
    }
    (chars, controls)
}

/// UTF-16 without BOM: decode strictly both ways and keep the one that reads as Chinese or
/// ASCII text (a NUL-free UTF-8 file never gets here with NULs; pure-CJK UTF-16 has none).
fn sniff_utf16(bytes: &[u8], valid_utf8: bool) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let has_nul = bytes.contains(&0);
    if !has_nul && valid_utf8 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let plausible = |enc: &'static Encoding| -> f64 {
        let (t, err) = enc.decode_without_bom_handling(sample);
        if err {
            return 0.0;
        }
        let n = t.chars().count().max(1);
        let good = t
            .chars()
            .filter(|&c| {
                ('\u{4e00}'..='\u{9fff}').contains(&c)
                    || (c.is_ascii() && (!c.is_ascii_control() || matches!(c, '\n' | '\r' | '\t')))
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)
                    || ('\u{2000}'..='\u{206f}').contains(&c)
                    // No-break spaces indenting every line, ·, ×, ①, ■ and box drawing: a
                    // UTF-16 report of a table a cell per line is as much of them as of text.
                    || matches!(c, '\u{a0}' | '·' | '×' | '÷' | '°' | '±' | '§')
                    || ('\u{2460}'..='\u{25ff}').contains(&c)
            })
            .count();
        good as f64 / n as f64
    };
    let (le, be) = (plausible(UTF_16LE), plausible(UTF_16BE));
    let best = if le >= be {
        (le, UTF_16LE)
    } else {
        (be, UTF_16BE)
    };
    if best.0 > 0.9 {
        Some(best.1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_counted_by_bytes_as_by_characters() {
        let by_chars = |t: &str| {
            let n = t.chars().count();
            let c = t
                .chars()
                .filter(|&c| {
                    c.is_control()
                        && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}')
                })
                .count();
            (n, c)
        };
        let mut all: String = (0u32..0x800).filter_map(char::from_u32).collect();
        all.push_str("政务公开\u{3000}\u{feff}\u{fffd}😀\u{85}\u{9f}\u{a0}");
        for t in [
            all.as_str(),
            "",
            "\n\r\t\u{b}\u{c}\u{85}",
            "\u{0}\u{1f}\u{7f}\u{80}",
            "年报2023",
        ] {
            assert_eq!(chars_and_controls(t), by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn decodes_gbk_and_utf16() {
        let s = "一、总体情况\n全年共接到政府信息公开申请25件。";
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(decode(&gbk).unwrap().text, s);
        let mut le = Vec::new();
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(decode(b"\x00\x01\x02\x03binary\x00").is_err());
        assert!(decode(b"").is_err());
    }

    /// A table a cell per line, each line indented with no-break spaces: most of its
    /// characters are the indents. Read as UTF-16 either way round, not refused as binary.
    #[test]
    fn utf16_without_bom_indented_with_no_break_spaces() {
        let s = "一、总体情况\n规章\n0\n0\n3\n行政许可\n12\n"
            .replace('\n', "\n\u{a0}\u{a0}\u{a0}\u{a0}");
        for (enc, bytes) in [
            (
                "UTF-16BE",
                s.encode_utf16()
                    .flat_map(u16::to_be_bytes)
                    .collect::<Vec<u8>>(),
            ),
            (
                "UTF-16LE",
                s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.encoding, d.text.as_str()), (enc, s.as_str()));
        }
    }

    #[test]
    fn big5_and_gbk_are_told_apart_after_a_long_ascii_head() {
        let head = "<html><head><script>var a = 1;</script></head><body>\n".repeat(200);
        let body = "本機關二〇二二年度政府資訊公開工作年度報告。全年共收到政府資訊公開申請二十五件，均已依法答復。\n".repeat(40);
        let s = format!("{head}{body}");
        let (big5, _, _) = encoding_rs::BIG5.encode(&s);
        let d = decode(&big5).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, s);
        let simp = s
            .replace("機關", "机关")
            .replace("資訊", "信息")
            .replace("報告", "报告");
        let (gbk, _, _) = encoding_rs::GBK.encode(&simp);
        let d = decode(&gbk).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, simp);
    }

    #[test]
    fn the_words_of_a_report_tell_gbk_from_big5_and_other_text_goes_to_chardetng() {
        let simp = "本机关全年共收到政府信息公开申请二十五件，均已依法答复。\n".repeat(3);
        let (gbk, _, _) = encoding_rs::GBK.encode(&simp);
        let sample = legacy_sample(&gbk);
        let (as_big5, _) = BIG5.decode_without_bom_handling(&sample);
        // Read as Big5, the GBK bytes are other characters, hardly any of a report's.
        assert!(as_big5.chars().filter(|&c| is_report_word_char(c)).count() < 8);
        assert_eq!(guess_legacy(&gbk), GB18030);
        let trad = "本機關全年共收到政府資訊公開申請二十五件，均已依法答覆。\n".repeat(3);
        let (big5, _, _) = BIG5.encode(&trad);
        assert_eq!(guess_legacy(&big5), BIG5);
        // Chinese without a report's words: chardetng's guess, as before.
        let poem = "春眠觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n".to_string();
        let (gbk, _, _) = encoding_rs::GBK.encode(&poem);
        let sample = legacy_sample(&gbk);
        let (as_gb, _) = GB18030.decode_without_bom_handling(&sample);
        assert!(as_gb.chars().filter(|&c| is_report_word_char(c)).count() < 8);
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(&sample, true);
        let chardetng_guess = det.guess(None, chardetng::Utf8Detection::Deny);
        assert_eq!(guess_legacy(&gbk), chardetng_guess);
        assert_eq!(decode(&gbk).unwrap().text, poem);
        // Latin-1 text: neither Chinese reading has a report's words.
        let latin = b"Caf\xe9 r\xe9sum\xe9 na\xefve fa\xe7ade\n".repeat(20);
        assert_eq!(decode(&latin).unwrap().encoding, "windows-1252");
    }

    #[test]
    fn utf8_with_a_stray_byte_or_nul_is_still_utf8() {
        let s = "一、总体情况\n全年共接到政府信息公开申请25件。\n".repeat(4);
        let mut b = s.as_bytes().to_vec();
        b.insert(12, 0xa0);
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.replace('\u{fffd}', ""), s);
        let mut b = s.as_bytes().to_vec();
        b.insert(12, 0);
        let d = decode(&b).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", s.as_str()));
        // GBK is not taken for UTF-8 with errors, and a file of NULs is binary.
        let (gbk, _, _) = encoding_rs::GBK.encode(&s);
        assert_eq!(decode(&gbk).unwrap().encoding, "gb18030");
        assert!(decode(&[b'a', 0, 0, 0, 0, b'b']).is_err());
    }

    #[test]
    fn unsupported_kinds_by_magic_and_extension() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        assert!(unsupported("a.doc", &ole)
            .unwrap()
            .starts_with("this Word format"));
        assert!(unsupported("a.xls", &ole).unwrap().starts_with("Excel"));
        assert!(unsupported("a.wps", &ole).unwrap().starts_with("WPS"));
        assert!(unsupported("noext", &ole)
            .unwrap()
            .starts_with("this Word format"));
        let docx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml";
        assert!(unsupported("a.bin", docx)
            .unwrap()
            .starts_with("this Word format"));
        assert!(unsupported("a.zip", b"PK\x03\x04\x14\x00readme.txt")
            .unwrap()
            .starts_with("ZIP archives"));
        // A Word "web page" saved as .doc is HTML: readable.
        assert_eq!(
            unsupported("a.doc", "<html><body>报告</body></html>".as_bytes()),
            None
        );
        assert_eq!(unsupported("a.txt", "报告".as_bytes()), None);
        assert_eq!(unsupported("dir.v2/report", "报告".as_bytes()), None);
    }

    #[test]
    fn utf8_cut_inside_a_character_is_still_utf8() {
        let s = "一、总体情况\n全年共接到政府信息公开申请25件。";
        for cut in [s.len() - 1, s.len() - 2] {
            let d = decode(&s.as_bytes()[..cut]).unwrap();
            assert_eq!(d.encoding, "UTF-8");
            assert_eq!(d.text, "一、总体情况\n全年共接到政府信息公开申请25件");
        }
    }
}
