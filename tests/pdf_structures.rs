//! The three real PDF reports of `../shared/corpus-pdf` (skipped cleanly where `../shared` is
//! absent) rewritten at test time the ways other PDF writers and later tools structure the same
//! pages, with lopdf (through pdf-extract's re-export), and read again:
//!
//! - every line's glyphs shown as one `TJ` array with kerning numbers between them (Word's way)
//!   instead of WPS's one `Tj` a glyph, spaces left as jumps only;
//! - pages drawn sideways and turned upright by `/Rotate 90` or `270` (a landscape table page);
//! - the same report encrypted with an empty user password (RC4 40 and 128 bits, AES 128 and
//!   256), the way "no copying" reports are published; with a real password: one line;
//! - a running header (the agency and the report's name) and a `第 3 页 共 6 页` footer on every
//!   page, as a word processor repeats them;
//! - fonts without a ToUnicode map: refused with one line, never read as text.
//!
//! Every fact the key has must come out right, as from the PDF itself.

use crate::common;
use crate::support;

use common::pdf::{add_font, text_at};
use common::{read_key, score, shared_pdf_dir};
use pdf_extract::content::{Content, Operation};
use pdf_extract::encryption::crypt_filters::{Aes128CryptFilter, Aes256CryptFilter, CryptFilter};
use pdf_extract::{
    dictionary, Document, EncryptionState, EncryptionVersion, Object, ObjectId, Permissions,
    Stream, StringFormat,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const STEMS: [&str; 3] = common::PDF_STEMS;

/// Each real PDF loaded with lopdf, with its stem, or None where `../shared` is absent.
fn real_pdfs() -> Option<Vec<(&'static str, Document)>> {
    let Some(dir) = shared_pdf_dir() else {
        eprintln!("../shared/corpus-pdf absent: skipped");
        return None;
    };
    Some(
        STEMS
            .iter()
            .map(|s| (*s, Document::load(dir.join(format!("{s}.pdf"))).unwrap()))
            .collect(),
    )
}

fn save(doc: &mut Document, name: &str) -> PathBuf {
    let path = support::scratch_path(&format!("structure-{name}.pdf"));
    doc.save(&path).unwrap();
    path
}

/// Read `path` and score it against the key of `stem`: every fact right.
fn assert_reads_as_key(path: &Path, stem: &str, what: &str) {
    let key = read_key(
        &shared_pdf_dir()
            .unwrap()
            .join(format!("expected/{stem}.json")),
    );
    let report = gongkai::load_report(path).unwrap_or_else(|e| panic!("{stem} {what}: {e}"));
    let s = score(&report, &key);
    assert!(
        s.wrong.is_empty() && s.missing.is_empty(),
        "{stem} {what}: {} wrong, {} missing\n  {}",
        s.wrong.len(),
        s.missing.len(),
        s.report()
    );
}

fn pages(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().values().copied().collect()
}

fn operations(doc: &Document, page: ObjectId) -> Vec<Operation> {
    Content::decode(&doc.get_page_content(page).unwrap())
        .unwrap()
        .operations
}

fn set_operations(doc: &mut Document, page: ObjectId, operations: Vec<Operation>) {
    let bytes = Content { operations }.encode().unwrap();
    doc.change_page_content(page, bytes).unwrap();
}

fn num(o: &Object) -> f64 {
    o.as_float().unwrap() as f64
}

/// A CID font's widths as a renderer reads them: `/W` in both of its forms, `/DW` otherwise.
fn cid_widths(doc: &Document, font: &pdf_extract::Dictionary) -> (BTreeMap<u32, f64>, f64) {
    let mut widths = BTreeMap::new();
    let descendant = font
        .get(b"DescendantFonts")
        .and_then(|d| doc.dereference(d))
        .map(|(_, d)| d.as_array().unwrap()[0].clone())
        .unwrap();
    let cid = doc.dereference(&descendant).unwrap().1.as_dict().unwrap();
    let dw = cid.get(b"DW").map(num).unwrap_or(1000.0);
    if let Ok(w) = cid.get(b"W").and_then(|w| doc.dereference(w)) {
        let w = w.1.as_array().unwrap();
        let mut i = 0;
        while i < w.len() {
            let first = w[i].as_i64().unwrap() as u32;
            if let Object::Array(list) = &w[i + 1] {
                for (k, x) in list.iter().enumerate() {
                    widths.insert(first + k as u32, num(x));
                }
                i += 2;
            } else {
                for c in first..=w[i + 1].as_i64().unwrap() as u32 {
                    widths.insert(c, num(&w[i + 2]));
                }
                i += 3;
            }
        }
    }
    (widths, dw)
}

/// Each run of `Tj <glyph>` `TD dx 0` (WPS: one glyph a string, placed by the move after it)
/// rewritten as one `TJ` array with the kerning that puts every glyph where it was; with
/// `spaces_as_jumps`, a space glyph becomes a kerning number only.
fn as_tj_arrays(doc: &mut Document, spaces_as_jumps: bool) {
    for page in pages(doc) {
        let fonts: BTreeMap<Vec<u8>, (BTreeMap<u32, f64>, f64)> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, f)| (name, cid_widths(doc, f)))
            .collect();
        let ops = operations(doc, page);
        let mut out = Vec::with_capacity(ops.len());
        let mut run: Vec<Object> = Vec::new();
        let flush = |out: &mut Vec<Operation>, run: &mut Vec<Object>| {
            if !run.is_empty() {
                out.push(Operation::new(
                    "TJ",
                    vec![Object::Array(std::mem::take(run))],
                ));
            }
        };
        let (mut widths, mut size) = (&(BTreeMap::new(), 1000.0), 12.0);
        let mut i = 0;
        while i < ops.len() {
            let op = &ops[i];
            let next_is_move = ops.get(i + 1).is_some_and(|n| {
                n.operator == "TD" && num(&n.operands[1]) == 0.0 && n.operands.len() == 2
            });
            match op.operator.as_str() {
                "Tf" => {
                    flush(&mut out, &mut run);
                    widths = &fonts[op.operands[0].as_name().unwrap()];
                    size = num(&op.operands[1]);
                    out.push(op.clone());
                }
                "Tj" if next_is_move => {
                    let codes = op.operands[0].as_str().unwrap().to_vec();
                    let dx = num(&ops[i + 1].operands[0]);
                    let advance: f64 = codes
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[c.len() - 1]]) as u32)
                        .map(|c| widths.0.get(&c).copied().unwrap_or(widths.1))
                        .sum();
                    if spaces_as_jumps && codes == [0, 3] {
                        run.push(Object::Real((-1000.0 * dx / size) as f32));
                    } else {
                        run.push(Object::String(codes, StringFormat::Hexadecimal));
                        run.push(Object::Real((advance - 1000.0 * dx / size) as f32));
                    }
                    i += 2;
                    continue;
                }
                "Tj" => {
                    run.push(op.operands[0].clone());
                    flush(&mut out, &mut run);
                }
                _ => {
                    flush(&mut out, &mut run);
                    out.push(op.clone());
                }
            }
            i += 1;
        }
        flush(&mut out, &mut run);
        set_operations(doc, page, out);
    }
}

/// Word's way of showing text: whole runs of glyphs in one string, each glyph placed by the
/// widths of those before it (read from the font's `/W`, whose ranges pdf-extract misread).
#[test]
fn glyph_runs_shown_as_tj_arrays_read_the_same() {
    let Some(docs) = real_pdfs() else { return };
    for (stem, doc) in docs {
        for spaces_as_jumps in [false, true] {
            let mut doc = doc.clone();
            as_tj_arrays(&mut doc, spaces_as_jumps);
            let path = save(&mut doc, &format!("tj-{stem}"));
            assert_reads_as_key(
                &path,
                stem,
                &format!("TJ arrays (spaces as jumps: {spaces_as_jumps})"),
            );
        }
    }
}

/// A small image drawn inline at the top of every page (a logo or a seal as some writers put
/// it: `BI … ID data EI` in the content), its hex data closed by `>EI` with no space between,
/// which lopdf refuses for the whole stream; and comments between operations. Each page's text
/// is read whole.
#[test]
fn inline_images_and_comments_in_page_content_read_the_same() {
    let Some(docs) = real_pdfs() else { return };
    for (stem, doc) in docs {
        for (name, head) in [
            (
                "inline-image",
                &b"q 24 0 0 24 40 790 cm BI /W 2 /H 2 /BPC 8 /CS /G /F /AHx ID 00ff00ff>EI Q\n"[..],
            ),
            ("comment", b"% drawn by a writer that comments its pages\n"),
        ] {
            let mut doc = doc.clone();
            for page in pages(&doc) {
                let mut bytes = head.to_vec();
                bytes.extend(doc.get_page_content(page).unwrap());
                doc.change_page_content(page, bytes).unwrap();
            }
            let path = save(&mut doc, &format!("{name}-{stem}"));
            assert_reads_as_key(&path, stem, name);
        }
    }
}

/// Pages drawn sideways on a landscape media box and shown upright by `/Rotate`: every page,
/// or only the page holding the tables.
#[test]
fn turned_pages_read_as_shown() {
    let Some(docs) = real_pdfs() else { return };
    for (stem, doc) in docs {
        for (degrees, only) in [(90, None), (270, None), (90, Some(2)), (270, Some(3))] {
            let mut doc = doc.clone();
            for (k, page) in pages(&doc).into_iter().enumerate() {
                if only.is_some_and(|o| o != k) {
                    continue;
                }
                let b = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
                let b: Vec<f64> = b.as_array().unwrap().iter().map(num).collect();
                assert_eq!((b[0], b[1]), (0.0, 0.0), "{stem}: the media box's origin");
                let (w, h) = (b[2], b[3]);
                // The portrait page turned a quarter the other way, onto the landscape box.
                let cm: [f64; 6] = if degrees == 90 {
                    [0.0, 1.0, -1.0, 0.0, h, 0.0]
                } else {
                    [0.0, -1.0, 1.0, 0.0, 0.0, w]
                };
                let mut ops = vec![
                    Operation::new("q", vec![]),
                    Operation::new("cm", cm.iter().map(|&x| Object::Real(x as f32)).collect()),
                ];
                ops.extend(operations(&doc, page));
                ops.push(Operation::new("Q", vec![]));
                set_operations(&mut doc, page, ops);
                let d = doc.get_dictionary_mut(page).unwrap();
                d.set("MediaBox", vec![0.into(), 0.into(), h.into(), w.into()]);
                d.set("Rotate", degrees);
            }
            let path = save(&mut doc, &format!("turned-{stem}"));
            assert_reads_as_key(&path, stem, &format!("/Rotate {degrees} on {only:?}"));
        }
    }
}

fn encrypt(doc: &mut Document, how: &str, user_password: &str) {
    let filters = |f: Arc<dyn CryptFilter>| BTreeMap::from([(b"StdCF".to_vec(), f)]);
    let plain = doc.clone();
    let (owner_password, permissions) = ("owner", Permissions::empty());
    let key = [7u8; 32];
    let version = match how {
        "RC4 40" => EncryptionVersion::V1 {
            document: &plain,
            owner_password,
            user_password,
            permissions,
        },
        "RC4 128" => EncryptionVersion::V2 {
            document: &plain,
            owner_password,
            user_password,
            key_length: 128,
            permissions,
        },
        "AES 128" => EncryptionVersion::V4 {
            document: &plain,
            encrypt_metadata: true,
            crypt_filters: filters(Arc::new(Aes128CryptFilter)),
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password,
            user_password,
            permissions,
        },
        _ => EncryptionVersion::V5 {
            encrypt_metadata: true,
            crypt_filters: filters(Arc::new(Aes256CryptFilter)),
            file_encryption_key: &key,
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password,
            user_password,
            permissions,
        },
    };
    doc.encrypt(&EncryptionState::try_from(version).unwrap())
        .unwrap();
}

/// "No copying, no printing": an owner password only, in each of the four ciphers; the
/// report reads as the plain file. With a user password it is refused in one line.
#[test]
fn encrypted_with_an_empty_user_password_reads_as_plain() {
    let Some(docs) = real_pdfs() else { return };
    for (stem, doc) in docs {
        for how in ["RC4 40", "RC4 128", "AES 128", "AES 256"] {
            let mut doc = doc.clone();
            encrypt(&mut doc, how, "");
            let path = save(&mut doc, &format!("encrypted-{stem}"));
            assert_reads_as_key(&path, stem, how);
        }
        let mut doc = doc.clone();
        encrypt(&mut doc, "RC4 128", "secret");
        let path = save(&mut doc, &format!("password-{stem}"));
        let e = gongkai::load_report(&path).unwrap_err().to_string();
        assert!(e.contains("encrypted PDF (needs a password)"), "{e}");
    }
}

/// The fonts' ToUnicode maps removed (or made to give private-use codes): the text cannot be
/// decoded, and the file is refused as such, not read as garbage or called a scan.
#[test]
fn fonts_without_a_unicode_map_are_refused() {
    let Some(docs) = real_pdfs() else { return };
    for (stem, mut doc) in docs {
        let fonts: Vec<ObjectId> = doc
            .objects
            .iter()
            .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has(b"ToUnicode")))
            .map(|(id, _)| *id)
            .collect();
        for id in fonts {
            doc.get_dictionary_mut(id).unwrap().remove(b"ToUnicode");
        }
        let path = save(&mut doc, &format!("no-tounicode-{stem}"));
        let e = gongkai::load_report(&path).unwrap_err().to_string();
        assert!(e.contains("text layer cannot be decoded"), "{stem}: {e}");
    }
}

/// A page of text in a simple font whose codes decode to accented Latin letters (what a font
/// without a Unicode map gives through a one-byte encoding): refused, not parsed as a report.
#[test]
fn accented_latin_in_place_of_chinese_is_refused() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
    ];
    for line in 0..40 {
        let codes: Vec<u8> = (0..30)
            .map(|i| 0xC0 + ((line * 7 + i * 3) % 64) as u8)
            .collect();
        ops.push(Operation::new(
            "Tm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                72.into(),
                (780 - 18 * line).into(),
            ],
        ));
        ops.push(Operation::new("Tj", vec![Object::string_literal(codes)]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().unwrap(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let path = save(&mut doc, "accented-latin");
    let e = gongkai::load_report(&path).unwrap_err().to_string();
    assert!(e.contains("text layer cannot be decoded"), "{e}");
}

/// A font added to a page's resources under `name`.
fn add_page_font(doc: &mut Document, page: ObjectId, name: &str, font: ObjectId) {
    let resources = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Resources")
        .unwrap()
        .clone();
    let resources = match resources {
        Object::Reference(id) => doc.get_dictionary_mut(id).unwrap(),
        _ => doc
            .get_dictionary_mut(page)
            .unwrap()
            .get_mut(b"Resources")
            .unwrap()
            .as_dict_mut()
            .unwrap(),
    };
    resources
        .get_mut(b"Font")
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set(name, font);
}

/// A running header (the agency and the report's name, as Word and WPS repeat it at the top of
/// every page, above the text or after it in the content stream) and a page footer: read as
/// without them, and the header in no section's text.
#[test]
fn running_headers_and_footers_stay_out_of_the_text() {
    let Some(docs) = real_pdfs() else { return };
    let dir = shared_pdf_dir().unwrap();
    for (stem, doc) in docs {
        let key = read_key(&dir.join(format!("expected/{stem}.json")));
        let header = format!(
            "{}{}年政府信息公开工作年度报告",
            key["agency"].as_str().unwrap(),
            key["year"]
        );
        for header_first in [false, true] {
            let mut doc = doc.clone();
            let font = add_font(&mut doc, &format!("{header}第共页 0123456789"));
            let all = pages(&doc);
            for (k, &page) in all.iter().enumerate() {
                add_page_font(&mut doc, page, "GKRun", font);
                let b = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
                let b: Vec<f64> = b.as_array().unwrap().iter().map(num).collect();
                let width = header.chars().count() as f64 * 9.0;
                let top = text_at("GKRun", &header, 9.0, (b[2] - width) / 2.0, b[3] - 45.0);
                let footer = format!("第 {} 页 共 {} 页", k + 1, all.len());
                let foot = text_at("GKRun", &footer, 9.0, b[2] / 2.0 - 30.0, 30.0);
                let body = operations(&doc, page);
                let ops = if header_first {
                    [top, body, foot].concat()
                } else {
                    [body, top, foot].concat()
                };
                set_operations(&mut doc, page, ops);
            }
            let path = save(&mut doc, &format!("running-{stem}"));
            let what = format!("running header (drawn first: {header_first})");
            assert_reads_as_key(&path, stem, &what);
            let report = gongkai::load_report(&path).unwrap();
            for s in &report.sections {
                assert!(
                    !s.text.contains(&header),
                    "{stem} {what}: in section {:?}",
                    s.title
                );
            }
        }
    }
}

/// A watermark in large type repeated over the body of every page (「仅供参考」, three to a page
/// at the same places on each), drawn after the text or before it: read as without it, and the
/// watermark in no section's text.
#[test]
fn a_watermark_over_every_page_stays_out_of_the_text() {
    let Some(docs) = real_pdfs() else { return };
    let mark = "仅供参考";
    for (stem, doc) in docs {
        for mark_first in [false, true] {
            let mut doc = doc.clone();
            let font = add_font(&mut doc, mark);
            for page in pages(&doc) {
                add_page_font(&mut doc, page, "GKMark", font);
                let b = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
                let b: Vec<f64> = b.as_array().unwrap().iter().map(num).collect();
                let (w, h) = (b[2] - b[0], b[3] - b[1]);
                let marks: Vec<Operation> = [(0.2, 0.75), (0.45, 0.5), (0.2, 0.25)]
                    .iter()
                    .flat_map(|&(fx, fy)| {
                        text_at("GKMark", mark, 48.0, b[0] + fx * w, b[1] + fy * h)
                    })
                    .collect();
                let body = operations(&doc, page);
                let ops = if mark_first {
                    [marks, body].concat()
                } else {
                    [body, marks].concat()
                };
                set_operations(&mut doc, page, ops);
            }
            let path = save(&mut doc, &format!("watermark-{stem}"));
            let what = format!("watermark (drawn first: {mark_first})");
            let report = gongkai::load_report(&path).unwrap();
            for s in &report.sections {
                assert!(
                    !s.text.contains(mark),
                    "{stem} {what}: in section {:?}",
                    s.title
                );
            }
            assert_reads_as_key(&path, stem, &what);
        }
    }
}

/// Every font's ToUnicode map given, besides its own entries, characters beyond U+FFFF as
/// MuPDF writes them (a whole font's map, as MuPDF saves a font it did not subset): the code
/// point in plain hex, five digits (`<1044d>`), not the surrogate pair the specification asks
/// for. The map was refused whole and every page in the font lost (no page could be read);
/// the report reads as from the PDF itself.
#[test]
fn code_points_beyond_the_bmp_written_as_mupdf_writes_them() {
    let Some(docs) = real_pdfs() else { return };
    let extra = "2 beginbfrange\n<fff0> <fff2> <1044d>\n<fff3> <fff4> [<2a6d6> <20bb7>]\n\
                 endbfrange\n1 beginbfchar\n<ffe0> <2a6d6>\nendbfchar\nendcmap";
    for (stem, mut doc) in docs {
        let maps: Vec<ObjectId> = doc
            .objects
            .values()
            .filter_map(|o| {
                o.as_dict()
                    .ok()?
                    .get(b"ToUnicode")
                    .ok()?
                    .as_reference()
                    .ok()
            })
            .collect();
        assert!(!maps.is_empty(), "{stem}: no ToUnicode map");
        for id in maps {
            let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
                panic!("{stem}: ToUnicode {id:?} is not a stream");
            };
            let cmap = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
            assert!(cmap.contains("endcmap"), "{stem}: {cmap}");
            stream.set_plain_content(cmap.replacen("endcmap", extra, 1).into_bytes());
        }
        let path = save(&mut doc, &format!("mupdf-cmap-{stem}"));
        assert_reads_as_key(&path, stem, "MuPDF's ToUnicode maps");
    }
}
