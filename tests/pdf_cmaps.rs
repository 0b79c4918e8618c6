//! The CMap reader pdf-extract decodes PDF text with (`vendor/adobe-cmap-parser`, patched in for
//! crates.io's 0.4.1): the mappings of the CMap shapes PDF producers write, read as the PDF
//! specification says, and the shapes 0.4.1 could not lex read on instead of failing the page.
//! (Differentially, every CMap of 186 PDFs — the three real ones, 153 Chromium prints, the
//! printed_pdfs test's — lexed to the same values and maps as 0.4.1: see benches/README.md.)

use adobe_cmap_parser::{get_byte_mapping, get_unicode_map, parse, Value};

/// The map as (code, text) pairs in code order, the UTF-16BE values decoded.
fn mapping(cmap: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = get_unicode_map(cmap.as_bytes())
        .unwrap()
        .into_iter()
        .map(|(code, be)| {
            let units: Vec<u16> = be
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            (code, String::from_utf16(&units).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// A ToUnicode CMap as Word, WPS and Chromium write it (header, code space, bfchar and bfrange).
const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<<  /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<07AF> <4E00>
<0A1C> <653F5E9C>
endbfchar
2 beginbfrange
<0010> <0012> <516C>
<0020> <0021> [<4FE1> <606F>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

#[test]
fn a_to_unicode_cmap_maps_every_code_it_names() {
    assert_eq!(
        mapping(TO_UNICODE),
        vec![
            (0x0003, " ".to_string()),
            (0x0010, "公".to_string()),
            // A range counts up from its first character: U+516C 公, U+516D 六, U+516E 兮.
            (0x0011, "六".to_string()),
            (0x0012, "兮".to_string()),
            (0x0020, "信".to_string()),
            (0x0021, "息".to_string()),
            (0x07AF, "一".to_string()),
            (0x0A1C, "政府".to_string()),
        ]
    );
}

#[test]
fn tokens_are_lexed_as_the_grammar_reads_them() {
    let values =
        parse(b"12.5 -3 +.5 /A#20B (a(b)c\\)\\101\\\nd) <4E 0> true [1 /x] << /K 2 >> def")
            .unwrap();
    let shown: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::Integer(n) => format!("int {n}"),
            Value::Number(s) => format!("num {s}"),
            Value::Name(n) => format!("name {}", String::from_utf8_lossy(n)),
            Value::LiteralString(s) => format!("str {s:?}"),
            Value::Boolean(b) => format!("bool {b}"),
            Value::Array(a) => format!("array {}", a.len()),
            Value::Dictionary(d) => format!("dict {}", d.len()),
            Value::Operator(o) => format!("op {o}"),
        })
        .collect();
    assert_eq!(
        shown,
        [
            // "12.5" is the integer 12 and the number ".5", as 0.4.1 read it.
            "int 12",
            "num .5",
            "int -3",
            "num +.5",
            "name A B",
            "str [97, 40, 98, 41, 99, 41, 65, 100]",
            // An odd last digit is followed by 0.
            "str [78, 0]",
            "bool true",
            "array 2",
            "dict 1",
            "op def",
        ]
    );
}

/// What 0.4.1 failed on (pdf-extract then panicked and the page was lost) is read on.
#[test]
fn shapes_the_old_lexer_refused_are_read() {
    // Comments between any tokens, and a form feed after a value.
    let commented = "%!PS-Adobe-3.0 Resource-CMap\n1 beginbfchar % one entry\n\x0C<0041> <0041>\n%%EOF\nendbfchar\n";
    assert_eq!(mapping(commented), vec![(0x41, "A".to_string())]);
    // Two cid ranges: 0.4.1 stepped two values an entry and failed on the second.
    let encoding = b"1 begincodespacerange <00> <80> endcodespacerange 2 begincidrange <00> <7f> 1 <80> <80> 200 endcidrange";
    let m = get_byte_mapping(encoding).unwrap();
    let cids: Vec<(u32, u32, u32)> = m
        .cid
        .iter()
        .map(|r| (r.src_code_lo, r.src_code_hi, r.dst_CID_lo))
        .collect();
    assert_eq!(cids, [(0, 0x7f, 1), (0x80, 0x80, 200)]);
    assert_eq!(m.codespace.len(), 1);
    // A mapping cut off by the end of the stream is an error, not a panic.
    assert!(get_unicode_map(b"2 beginbfchar <0041> <0041>").is_err());
    assert!(get_unicode_map(b"beginbfchar <0041> <0041> endbfchar").is_err());
}

/// MuPDF writes a character beyond U+FFFF as its code point in plain hex (`<1044d>`), not as
/// the UTF-16 surrogate pair the specification asks for; other writers pad it to six digits.
/// Both are read as the character, in a range, in a range's list and alone: 0.4.1 refused the
/// whole map (a string of three bytes), and every page in the font was lost.
#[test]
fn code_points_beyond_the_bmp_as_mupdf_writes_them() {
    let cmap = "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n\
                3 beginbfrange\n<0003> <0004> <0020>\n<871a> <871c> <1044d>\n\
                <8720> <8721> [<2a6d6> <20bb7>]\nendbfrange\n\
                2 beginbfchar\n<8718> <2a6d6>\n<8719> <020bb7>\nendbfchar\n";
    assert_eq!(
        mapping(cmap),
        vec![
            (0x0003, " ".to_string()),
            (0x0004, "!".to_string()),
            (0x8718, "𪛖".to_string()),
            (0x8719, "𠮷".to_string()),
            (0x871a, "\u{1044d}".to_string()),
            (0x871b, "\u{1044e}".to_string()),
            (0x871c, "\u{1044f}".to_string()),
            (0x8720, "𪛖".to_string()),
            (0x8721, "𠮷".to_string()),
        ]
    );
}
