//! PDFs written at test time with lopdf (pdf-extract's re-export): a font for Han text and
//! text shown in it, and a whole text laid out on pages, for the tests that need a PDF of
//! their own (they run where `../shared`'s real PDFs are absent).

use pdf_extract::content::{Content, Operation};
use pdf_extract::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// A Type0 font (Identity-H, not embedded) whose codes are the characters' UTF-16 units, with a
/// ToUnicode map for the characters of `chars`.
pub fn add_font(doc: &mut Document, chars: &str) -> ObjectId {
    let mut cs: Vec<char> = chars.chars().collect();
    cs.sort();
    cs.dedup();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /T def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    cmap += &format!("{} beginbfchar\n", cs.len());
    for c in &cs {
        cmap += &format!("<{:04X}> <{:04X}>\n", *c as u32, *c as u32);
    }
    cmap += "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "SimSun", "Flags" => 4, "ItalicAngle" => 0,
        "FontBBox" => vec![0.into(), (-140).into(), 1000.into(), 860.into()],
        "Ascent" => 860, "Descent" => -140, "CapHeight" => 700, "StemV" => 80,
    });
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0,
        },
        "FontDescriptor" => descriptor, "DW" => 1000,
        "W" => vec![32.into(), 126.into(), 500.into()],
    });
    doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
        "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
        "ToUnicode" => to_unicode,
    })
}

/// `text` shown at (x, y) in `font` (see [`add_font`]), its own graphics state.
pub fn text_at(font: &str, text: &str, size: f64, x: f64, y: f64) -> Vec<Operation> {
    let codes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let r = |v: f64| Object::Real(v as f32);
    vec![
        Operation::new("q", vec![]),
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec![Object::Name(font.into()), r(size)]),
        Operation::new("Tm", vec![r(1.0), r(0.0), r(0.0), r(1.0), r(x), r(y)]),
        Operation::new("Tj", vec![Object::String(codes, StringFormat::Hexadecimal)]),
        Operation::new("ET", vec![]),
        Operation::new("Q", vec![]),
    ]
}

/// A PDF of `lines` (each shown as one line, 42 to an A4 page, in one Han font), with
/// `info_title` as its document information's `/Title` (UTF-16BE, as Word writes it).
pub fn text_pdf(lines: &[&str], info_title: Option<&str>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let font = add_font(&mut doc, &lines.concat());
    let pages_id = doc.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for chunk in lines.chunks(42) {
        let mut ops = Vec::new();
        for (i, line) in chunk.iter().enumerate() {
            ops.extend(text_at("F1", line, 12.0, 56.0, 800.0 - 18.0 * i as f64));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    if let Some(t) = info_title {
        let utf16: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(t.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let info = doc.add_object(dictionary! {
            "Title" => Object::String(utf16, StringFormat::Hexadecimal),
        });
        doc.trailer.set("Info", info);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
