//! Word documents (.docx, and Word 97–2003's .doc): the reports an agency keeps in Word, read as they print. Every keyed
//! report of the shipped corpus written as a .docx (its table rows as a Word table, every other
//! line a paragraph) in the ways Word varies the same document must keep every fact its text
//! gives; the documents LibreOffice wrote from the shipped web page, in both formats (its
//! tables' merged cells as Word stores them) must give every fact of the answer key.

use crate::common;

use common::docx::{document, Shape};
use common::{keyed_reports, regressions, score};
use gongkai::ingest::Document;

/// Every fact of the key right: none wrong, none missing (`what` names the variant).
fn assert_whole(what: &str, s: &common::Score) {
    assert!(
        s.wrong.is_empty() && s.missing.is_empty(),
        "{what}: wrong {:?}\nmissing {:?}",
        s.wrong,
        s.missing
    );
}

fn shapes() -> Vec<(&'static str, Shape)> {
    let plain = Shape::default();
    vec![
        ("plain", plain),
        (
            "headings numbered by a list",
            Shape {
                numbered: true,
                ..plain
            },
        ),
        (
            "a run a character",
            Shape {
                runs_cut: true,
                ..plain
            },
        ),
        (
            "revisions and hidden text",
            Shape {
                revisions: true,
                ..plain
            },
        ),
        (
            "content controls",
            Shape {
                controls: true,
                ..plain
            },
        ),
        (
            "rows typed with tabs",
            Shape {
                typed_rows: true,
                ..plain
            },
        ),
        (
            "all at once",
            Shape {
                numbered: true,
                runs_cut: true,
                revisions: true,
                controls: true,
                typed_rows: false,
            },
        ),
    ]
}

#[test]
fn every_keyed_text_report_as_a_word_document_keeps_its_facts() {
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        // A web page is a document already; a PDF's text is a PDF's.
        if !(k.name.ends_with(".txt") || k.name.ends_with(".md"))
            || k.name.contains(".layout.")
            || k.name.contains(".raw.")
        {
            continue;
        }
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let headings: Vec<usize> = original
            .provenance
            .sections
            .iter()
            .map(|s| s.offset)
            .collect();
        for (what, shape) in shapes() {
            let bytes = document(&k.source, &headings, shape);
            let name = format!("{}.docx", k.name);
            let r = gongkai::report_from_bytes(&name, &bytes).unwrap();
            made += 1;
            let lost = regressions(&k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(common::lost_line(
                    &format!("{} as .docx, {what}", k.name),
                    &lost,
                ));
            }
        }
    }
    assert!(made >= 63, "{made} documents");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `corpus/shanghai-gov-office-2019.html` opened in LibreOffice Writer 7.4 and saved as Word
/// 2007–365 (.docx: its tables' merged cells are `w:vMerge` and `w:gridSpan`), and that document
/// saved as Word 97–2003 (.doc: rows told from empty cells by their paragraph properties, the
/// big rows' properties in the Data stream, merged cells from the rows' cell boundaries).
#[test]
fn documents_saved_by_libreoffice_give_the_key() {
    for (file, encoding) in [
        ("shanghai-gov-office-2019.docx", "DOCX"),
        ("shanghai-gov-office-2019.doc", "DOC"),
    ] {
        let path = format!("{}/tests/fixtures/word/{file}", env!("CARGO_MANIFEST_DIR"));
        let doc = Document::read(
            std::path::Path::new(&path),
            gongkai::ingest::DEFAULT_MAX_BYTES,
        )
        .unwrap();
        assert_eq!(doc.encoding, encoding);
        let r = gongkai::report_from_document(&doc);
        let s = score(&r, &common::key_of("shanghai-gov-office-2019.html"));
        assert_whole(file, &s);
        assert!(s.right.len() >= 200, "{file}: {} facts", s.right.len());
        // Provenance points into the page the document was read as.
        let total = &r.provenance.cells["requests.new_received.total"];
        assert_eq!(
            &doc.source[total.offset..total.offset + total.raw.len()],
            "859"
        );
        // Table 三's merged corner and its first group's cell are spans of the page.
        assert!(doc.source.contains("rowspan=\"20\""), "{file}");
    }
}

/// A damaged document is one line naming the file, and the run goes on.
#[test]
fn a_damaged_document_is_named() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "pingtan-2022.txt")
        .unwrap();
    let bytes = document(&k.source, &[], Shape::default());
    let cut = &bytes[..bytes.len() / 2];
    let e = gongkai::report_from_bytes("r.docx", cut)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "r.docx: damaged Word document: no ZIP directory at its end (a truncated download?)"
    );
}

/// Documents cut short or with bytes overwritten are read or refused, one line each, never a
/// panic (the readers run here without the guard the library puts around a report).
#[test]
fn cut_and_corrupted_documents_never_panic() {
    for file in [
        "shanghai-gov-office-2019.docx",
        "shanghai-gov-office-2019.doc",
        "shanghai-chongming-ybj-2023-numbered.doc",
        "ruzhou-ybj-2024.rtf",
        "ruzhou-ybj-2024.odt",
    ] {
        let path = format!("{}/tests/fixtures/word/{file}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        let mut rng = common::Rng(7);
        let mut refused = 0;
        for i in 0..60 {
            let mut b = bytes.clone();
            if i % 2 == 0 {
                b.truncate(rng.below(b.len()));
            } else {
                for _ in 0..1 + rng.below(40) {
                    let at = rng.below(b.len());
                    b[at] = rng.next() as u8;
                }
            }
            if let Err(e) = Document::from_bytes(file, &b) {
                assert!(!e.reason.is_empty() && !e.reason.contains('\n'), "{e}");
                refused += 1;
            }
        }
        // An RTF cut short is still text up to the cut: read, not refused.
        assert!(
            refused > 0 || file.ends_with(".rtf"),
            "{file}: no variant refused"
        );
    }
}

/// The chongming report written as a .docx with its headings numbered by a list
/// (`tests/common/docx.rs`) and saved by LibreOffice Writer 7.4 as Word 97–2003: its headings'
/// numbers are in the lists' definitions (`PlfLst`, `PlfLfo`), not in the text. Read without
/// them, two of its section headings lost their kinds.
#[test]
fn a_word_97_document_prints_its_list_numbers() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/word/shanghai-chongming-ybj-2023-numbered.doc"
    );
    let doc = Document::read(
        std::path::Path::new(path),
        gongkai::ingest::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let r = gongkai::report_from_document(&doc);
    let s = score(&r, &common::key_of("shanghai-chongming-ybj-2023.txt"));
    assert_whole("", &s);
    // The numbers as LibreOffice prints them from the same file.
    assert!(doc
        .source
        .contains("<p>四、政府信息公开行政复议、行政诉讼情况</p>"));
    assert!(doc.source.contains("<p>（二）依申请公开  2023年"));
}

/// `ruzhou-ybj-2024.txt` written as a .docx (its tab rows as Word tables) and saved by
/// LibreOffice Writer 7.4 as RTF (its Han characters as `\uN`), and the same rewritten as Word
/// writes RTF for a Chinese system (`\ansicpg936`, each character as its GBK bytes `\'hh`):
/// both give every fact of the key.
#[test]
fn rtf_documents_give_the_key() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/word/ruzhou-ybj-2024.rtf"
    );
    let unicode = std::fs::read_to_string(path).unwrap();
    // `\uN\'3f` (the character, then `?` for readers without Unicode) as GBK bytes.
    let mut gbk = String::new();
    let mut rest = unicode.as_str();
    while let Some(i) = rest.find("\\u") {
        gbk.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match (
            after[..digits].parse::<u32>().ok(),
            after[digits..].strip_prefix("\\'3f"),
        ) {
            (Some(n), Some(tail)) if digits > 0 => {
                let c = char::from_u32(n).unwrap().to_string();
                let (bytes, _, _) = encoding_rs::GBK.encode(&c);
                for b in bytes.iter() {
                    gbk.push_str(&format!("\\'{b:02x}"));
                }
                rest = tail;
            }
            _ => {
                gbk.push_str("\\u");
                rest = after;
            }
        }
    }
    gbk.push_str(rest);
    let gbk = gbk.replacen("{\\rtf1\\ansi", "{\\rtf1\\ansi\\ansicpg936", 1);
    assert!(!gbk.contains("\\u2") && gbk.contains("\\'"));
    let key = common::key_of("ruzhou-ybj-2024.txt");
    for (what, text) in [("unicode", unicode), ("gbk", gbk)] {
        let r = gongkai::report_from_bytes("ruzhou.rtf", text.as_bytes()).unwrap();
        let s = score(&r, &key);
        assert_whole(what, &s);
    }
}

/// `ruzhou-ybj-2024.txt` written as a .docx and saved by LibreOffice Writer 7.4 as OpenDocument
/// text: its tables' spans and covered cells read as a page's, every fact of the key.
#[test]
fn an_opendocument_text_gives_the_key() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/word/ruzhou-ybj-2024.odt"
    );
    let doc = Document::read(
        std::path::Path::new(path),
        gongkai::ingest::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    assert_eq!(doc.encoding, "ODT");
    let s = score(
        &gongkai::report_from_document(&doc),
        &common::key_of("ruzhou-ybj-2024.txt"),
    );
    assert_whole("", &s);
}

/// A .docx as many web systems export one: the page's HTML imported whole (`w:altChunk`, an
/// `aFChunk` relationship to `afchunk.htm`), in UTF-8 or in the page's GBK. Word shows the
/// page; read without it, the document had no text.
#[test]
fn a_page_imported_whole_into_a_docx_gives_the_key() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/shanghai-gov-office-2019.html"
    ))
    .unwrap();
    let declared = format!("<meta charset=\"gbk\">{page}");
    let (gbk, _, _) = encoding_rs::GBK.encode(&declared);
    let key = common::key_of("shanghai-gov-office-2019.html");
    for chunk in [page.as_bytes().to_vec(), gbk.into_owned()] {
        let document = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:altChunk r:id="htmlChunk"/><w:sectPr/></w:body></w:document>"#;
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.htm"/></Relationships>"#;
        let bytes = gongkai::ingest::docx::zip::stored(&[
            ("word/document.xml", document.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/afchunk.htm", &chunk),
        ]);
        let r = gongkai::report_from_bytes("export.docx", &bytes).unwrap();
        let s = score(&r, &key);
        assert_whole("", &s);
    }
}
