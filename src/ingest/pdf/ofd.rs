//! OFD (Open Fixed-layout Document, GB/T 33190-2016): the fixed-layout format China's
//! government document systems save and publish in (版式文件), as a PDF is elsewhere. A
//! report published as `.ofd` is read as its PDF would be: each page's glyphs and rules are
//! gathered into the same [`Page`]s the PDF reader fills, and laid out by the same code
//! (ruled tables as cells, borderless ones by their columns, running lines and watermarks
//! dropped), so the text and its page/line provenance come out as a PDF's.
//!
//! An OFD is a ZIP: `OFD.xml` names the document's root (`Doc_0/Document.xml`), which lists the
//! pages (`Pages/Page_0/Content.xml`) and the default page size. A page holds layers of text
//! objects (`TextObject`: a boundary box, a size, an optional matrix, and `TextCode` runs with
//! their start and each character's advance, `DeltaX="3.5 g 4 3.5"`) and path objects
//! (`PathObject`: `AbbreviatedData="M 0 0 L 100 0"`). Units are millimetres, y grows down the
//! page; here they become points with y up, as a PDF's user space is, so that the layout's
//! thresholds hold. Text is stored as Unicode, so no font needs reading. Page templates
//! (headers and footers behind the page) and images are not read.

use super::{layout, watermarks, Glyph, Page, PdfText};
use crate::ingest::docx::{xml, zip};
use pdf_extract::{Path, PathOp, Transform};
use xml::Element;

/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;
/// An advance this many ems past a glyph's own width inside a run is a gap between cells, not
/// a glyph's spacing (a run's positions are exact, not a font's widths, as a PDF's may be).
const JUMP_EMS: f64 = 0.3;
/// The page size when a document gives none: A4.
const A4_MM: (f64, f64) = (210.0, 297.0);

/// Whether bytes are an OFD package: a ZIP named .ofd, or one holding an `OFD.xml` at its root
/// (its entry point).
pub fn is_ofd(ext: &str, bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    if ext == "ofd" {
        return true;
    }
    let head = &bytes[..bytes.len().min(4096)];
    head.windows(7).any(|w| w == b"OFD.xml")
        || zip::members(bytes)
            .is_ok_and(|ms| ms.iter().any(|m| m.name.eq_ignore_ascii_case("OFD.xml")))
}

/// A part's path in the package from a location as written: `/` from the root, else from
/// `dir`; `\` read as `/`, `.` and `..` resolved.
fn resolve(dir: &str, loc: &str) -> String {
    let loc = loc.trim().replace('\\', "/");
    let joined = if loc.starts_with('/') {
        loc
    } else {
        format!("{dir}{loc}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An XML part's text: UTF-8, as the standard asks, or the encoding its declaration names
/// (GB18030, GBK), which some writers use.
fn xml_text(b: &[u8]) -> String {
    let head = String::from_utf8_lossy(&b[..b.len().min(200)]).to_ascii_lowercase();
    let declared = head
        .split("encoding=")
        .nth(1)
        .and_then(|r| r.trim_start_matches(['"', '\'']).split(['"', '\'']).next())
        .and_then(|name| encoding_rs::Encoding::for_label(name.as_bytes()));
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => enc.decode_without_bom_handling(b).0.into_owned(),
        _ => String::from_utf8_lossy(b).into_owned(),
    }
}

/// The document's text, laid out as a PDF's with the same map of pages and lines.
pub fn extract(bytes: &[u8]) -> Result<PdfText, String> {
    let damaged = |e: String| format!("damaged OFD: {e}");
    let members = zip::members(bytes).map_err(damaged)?;
    let part = |name: &str| -> Result<Element, String> {
        let b = zip::read(bytes, &members, name)
            .map_err(damaged)?
            .ok_or_else(|| damaged(format!("no part {name}")))?;
        xml::parse(&xml_text(&b), name).map_err(damaged)
    };
    // A location from the document's folder, or (as some writers put it) from the package's
    // root when nothing is there.
    let part_at = |dir: &str, loc: &str| {
        let name = resolve(dir, loc);
        match part(&name) {
            Err(e) if !dir.is_empty() => part(&resolve("", loc)).map_err(|_| e),
            r => r,
        }
    };
    let root = part("OFD.xml")?;
    let doc_root = descendant(&root, "DocRoot")
        .map(|e| e.text().trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| damaged("OFD.xml names no document (DocRoot)".into()))?;
    let doc_path = resolve("", &doc_root);
    let document = part(&doc_path)?;
    let doc_dir = doc_path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let default_box = descendant(&document, "PageArea")
        .and_then(|a| a.child("PhysicalBox"))
        .and_then(|b| page_size(&b.text()))
        .unwrap_or(A4_MM);
    // Page templates (a letterhead, running headers, sometimes the body): id → content.
    let templates: Vec<(String, Element)> = document
        .child("CommonData")
        .map(|c| {
            c.elements()
                .filter(|t| t.name == "TemplatePage")
                .filter_map(|t| {
                    let content = part_at(&doc_dir, t.attr("BaseLoc")?).ok()?;
                    Some((t.attr("ID")?.to_string(), content))
                })
                .collect()
        })
        .unwrap_or_default();
    let page_refs: Vec<String> = document
        .child("Pages")
        .map(|ps| {
            ps.elements()
                .filter(|p| p.name == "Page")
                .filter_map(|p| p.attr("BaseLoc").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if page_refs.is_empty() {
        return Err(damaged("the document lists no pages".into()));
    }
    let mut pages = Vec::with_capacity(page_refs.len());
    let mut failed = 0;
    for (i, loc) in page_refs.iter().enumerate() {
        let number = i as u32 + 1;
        match part_at(&doc_dir, loc) {
            Ok(content) => pages.push(read_page(number, &content, default_box, &templates)),
            Err(_) => {
                failed += 1;
                pages.push(Page::new(number, (0.0, 0.0, 0.0, 0.0)));
            }
        }
    }
    if failed == pages.len() {
        return Err("damaged OFD (no page could be read)".into());
    }
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if glyphs < 20 || glyphs < 15 * pages.len() {
        return Err("no text in the OFD (a scanned document?); OCR it first".into());
    }
    watermarks::drop_watermarks(&mut pages);
    Ok(layout(&pages))
}

/// The first element of this name at any depth below `e`.
fn descendant<'a>(e: &'a Element, name: &str) -> Option<&'a Element> {
    e.elements().find_map(|c| {
        (c.name == name)
            .then_some(c)
            .or_else(|| descendant(c, name))
    })
}

/// Numbers in an attribute or a text, apart by white space (or commas, as some writers put them).
fn numbers(s: &str) -> Vec<f64> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .filter_map(|w| w.parse().ok())
        .collect()
}

/// A box's width and height (`"0 0 210 297"`).
fn page_size(s: &str) -> Option<(f64, f64)> {
    match numbers(s)[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
        _ => None,
    }
}

/// An object's placement: its boundary's origin and its matrix (object space → boundary).
#[derive(Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    /// `a b c d e f`: x' = a·x + c·y + e, y' = b·x + d·y + f.
    ctm: [f64; 6],
}

impl Place {
    fn of(e: &Element) -> Place {
        let (x, y) = match e.attr("Boundary").map(numbers).as_deref() {
            Some(&[x, y, ..]) => (x, y),
            _ => (0.0, 0.0),
        };
        let ctm = match e.attr("CTM").map(numbers).as_deref() {
            Some(&[a, b, c, d, e, f]) => [a, b, c, d, e, f],
            _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        };
        Place { x, y, ctm }
    }

    /// A point of the object's space on the page, in millimetres from the top left.
    fn map(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.ctm;
        (self.x + a * x + c * y + e, self.y + b * x + d * y + f)
    }
}

/// One page's glyphs and rules, from its content part and the templates it is drawn on
/// (a background template first, a foreground one last, as they are painted).
fn read_page(
    number: u32,
    content: &Element,
    default_box: (f64, f64),
    templates: &[(String, Element)],
) -> Page {
    let (w, h) = content
        .child("Area")
        .and_then(|a| a.child("PhysicalBox"))
        .and_then(|b| page_size(&b.text()))
        .unwrap_or(default_box);
    let mut page = Page::new(number, (0.0, 0.0, w * PT_PER_MM, h * PT_PER_MM));
    let height = h * PT_PER_MM;
    let used: Vec<(&Element, bool)> = content
        .elements()
        .filter(|e| e.name == "Template")
        .filter_map(|t| {
            let id = t.attr("TemplateID")?;
            let (_, body) = templates.iter().find(|(tid, _)| tid == id)?;
            Some((body, t.attr("ZOrder") == Some("Foreground")))
        })
        .collect();
    let mut draw = |e: &Element| {
        if let Some(c) = e.child("Content") {
            objects(&mut page, c, height);
        }
    };
    for &(t, _) in used.iter().filter(|(_, fore)| !fore) {
        draw(t);
    }
    draw(content);
    for &(t, _) in used.iter().filter(|(_, fore)| *fore) {
        draw(t);
    }
    page
}

/// The text and path objects under a layer or a block, in drawing order.
fn objects(page: &mut Page, parent: &Element, height: f64) {
    for e in parent.elements() {
        match e.name.as_str() {
            "Layer" | "PageBlock" => objects(page, e, height),
            "TextObject" => text_object(page, e, height),
            "PathObject" => path_object(page, e, height),
            _ => {}
        }
    }
}

/// A run's advances from its `DeltaX`: numbers, and `g N v` for N advances of v; no more
/// than the run's `chars` need (a hostile `g 4000000000 1` is no allocation).
fn advances(s: &str, chars: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut words = s.split_whitespace();
    while let Some(w) = words.next() {
        if out.len() >= chars {
            break;
        }
        if w == "g" {
            let n: usize = words.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let v: f64 = words.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(v, n.min(chars - out.len())));
        } else if let Ok(v) = w.parse() {
            out.push(v);
        }
    }
    out
}

/// A text object's runs, each a shown string of glyphs placed by its start and advances.
fn text_object(page: &mut Page, e: &Element, height: f64) {
    let place = Place::of(e);
    let [a, b, c, d, ..] = place.ctm;
    // Horizontal text only, as in a PDF: turned stamps and watermarks are not report text.
    if b.abs() > 0.05 * a.abs() || c.abs() > 0.05 * d.abs() || a <= 0.0 || d <= 0.0 {
        return;
    }
    let scale = (a * d - b * c).abs().sqrt();
    let size = e
        .attr("Size")
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(3.5);
    let size_pt = size * scale * PT_PER_MM;
    if !(size_pt.is_finite() && size_pt > 0.0) {
        return;
    }
    // A run without its X (or Y) takes the run before's, as the standard says.
    let (mut code_x, mut code_y) = (0.0, 0.0);
    for code in e.elements().filter(|c| c.name == "TextCode") {
        let attr = |n: &str| code.attr(n).and_then(|v| v.trim().parse::<f64>().ok());
        code_x = attr("X").unwrap_or(code_x);
        code_y = attr("Y").unwrap_or(code_y);
        let (mut x, mut y) = (code_x, code_y);
        let text = code.text();
        page.words += 1;
        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        let dx = code
            .attr("DeltaX")
            .map(|d| advances(d, chars.len()))
            .unwrap_or_default();
        let dy = code
            .attr("DeltaY")
            .map(|d| advances(d, chars.len()))
            .unwrap_or_default();
        for (i, &ch) in chars.iter().enumerate() {
            // The advance to the next glyph, or (the last, or a run without advances) the
            // glyph's own width: an em for a wide character, half of one for a narrow one.
            let own = if unicode_width::UnicodeWidthChar::width(ch) == Some(2) {
                size
            } else {
                size / 2.0
            };
            let step = dx.get(i).copied().unwrap_or(own);
            let (px, py) = place.map(x, y);
            let (gx, gy) = (px * PT_PER_MM, height - py * PT_PER_MM);
            if !ch.is_whitespace() && gx.is_finite() && gy.is_finite() {
                page.glyphs.push(Glyph {
                    x: gx,
                    y: gy,
                    w: (step.min(2.0 * size) * a * PT_PER_MM).max(0.0),
                    size: size_pt,
                    text: ch.to_string(),
                    word: page.words,
                });
            }
            // A gap after a glyph starts another string: a run that holds a row of cells
            // places them a gap apart, each a cell of its own.
            if step - own > JUMP_EMS * size {
                page.words += 1;
            }
            x += step;
            y += dy.get(i).copied().unwrap_or(0.0);
        }
    }
}

/// A path object's straight segments and rectangles as rules (a table's borders).
fn path_object(page: &mut Page, e: &Element, height: f64) {
    let Some(data) = e.child("AbbreviatedData") else {
        return;
    };
    let on = |name: &str, default: bool| {
        e.attr(name)
            .map_or(default, |v| matches!(v.trim(), "true" | "1"))
    };
    let stroked = on("Stroke", true);
    if !stroked && !on("Fill", false) {
        return;
    }
    let place = Place::of(e);
    let pt = |x: f64, y: f64| {
        let (px, py) = place.map(x, y);
        (px * PT_PER_MM, height - py * PT_PER_MM)
    };
    let mut ops = Vec::new();
    let text = data.text().replace(',', " ");
    let mut words = text.split_whitespace();
    let args = |n: usize, words: &mut std::str::SplitWhitespace| {
        let v: Vec<f64> = (0..n)
            .filter_map(|_| words.next().and_then(|w| w.parse().ok()))
            .collect();
        (v.len() == n).then_some(v)
    };
    while let Some(cmd) = words.next() {
        // Each command's arguments, its end point the last two; only a line is drawn as one
        // (a curve's shape is no rule: it moves to where it ends).
        let (n, line) = match cmd {
            "M" | "S" => (2, false),
            "L" => (2, true),
            "Q" => (4, false),
            "B" => (6, false),
            "A" => (7, false),
            "C" => {
                ops.push(PathOp::Close);
                continue;
            }
            _ => continue,
        };
        if let Some(v) = args(n, &mut words) {
            let (x, y) = pt(v[n - 2], v[n - 1]);
            ops.push(if line {
                PathOp::LineTo(x, y)
            } else {
                PathOp::MoveTo(x, y)
            });
        }
    }
    let identity = Transform::row_major(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    if !stroked {
        // A filled shape is a rule only when thin, as a PDF's filled rectangle is (a cell's
        // shading is no border): each outline becomes its bounding box.
        ops = filled_boxes(&ops);
    }
    page.add_rules(&identity, &Path { ops }, stroked);
}

/// Each outline of a path (from a move to the next) as its bounding rectangle.
fn filled_boxes(ops: &[PathOp]) -> Vec<PathOp> {
    let mut out = Vec::new();
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    let mut flush = |b: &mut Option<(f64, f64, f64, f64)>| {
        if let Some((x0, y0, x1, y1)) = b.take() {
            out.push(PathOp::Rect(x0, y0, x1 - x0, y1 - y0));
        }
    };
    for op in ops {
        let (x, y) = match *op {
            PathOp::MoveTo(x, y) => {
                flush(&mut bounds);
                (x, y)
            }
            PathOp::LineTo(x, y) => (x, y),
            _ => continue,
        };
        bounds = Some(match bounds {
            None => (x, y, x, y),
            Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
        });
    }
    flush(&mut bounds);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_repeat_with_g() {
        assert_eq!(advances("3.5 g 3 4 2", 9), [3.5, 4.0, 4.0, 4.0, 2.0]);
        assert!(advances("", 3).is_empty());
        assert_eq!(advances("g 4000000000 1 2", 3), [1.0; 3]);
    }

    #[test]
    fn an_ofd_is_known_by_its_entry_point() {
        let ofd = zip::stored(&[("OFD.xml", b"<ofd:OFD/>")]);
        assert!(is_ofd("bin", &ofd));
        let docx = zip::stored(&[("word/document.xml", b"<w:document/>")]);
        assert!(!is_ofd("zip", &docx));
        assert!(is_ofd("ofd", &docx));
        // Its entry point stored after a large part, named neither .ofd nor first.
        let big = vec![b'x'; 10_000];
        let late = zip::stored(&[("Doc_0/Res/font.ttf", &big), ("OFD.xml", b"<ofd:OFD/>")]);
        assert!(is_ofd("bin", &late));
    }

    #[test]
    fn locations_resolve_as_paths_do() {
        assert_eq!(
            resolve("Doc_0/", "./Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0/", "/Doc_0/Tpls/T.xml"), "Doc_0/Tpls/T.xml");
        assert_eq!(resolve("Doc_0/Pages/", "..\\Res\\a.xml"), "Doc_0/Res/a.xml");
    }

    #[test]
    fn a_filled_outline_is_its_bounding_box() {
        let ops = [
            PathOp::MoveTo(0.0, 0.0),
            PathOp::LineTo(10.0, 0.0),
            PathOp::LineTo(10.0, 0.5),
            PathOp::LineTo(0.0, 0.5),
            PathOp::Close,
            PathOp::MoveTo(20.0, 20.0),
            PathOp::LineTo(20.0, 40.0),
        ];
        let boxes = filled_boxes(&ops);
        assert!(
            matches!(boxes[..], [PathOp::Rect(x, y, w, h), PathOp::Rect(..)]
            if x == 0.0 && y == 0.0 && w == 10.0 && h == 0.5)
        );
    }
}
