//! Reading PDF files: the three real PDF reports of `../shared/corpus-pdf` (skipped cleanly where
//! `../shared` is absent) parsed from the PDF itself and scored against their hand-checked keys;
//! the extracted text against poppler's; provenance into the extracted text; and the files
//! gongkai cannot read, each refused with one line that names it.

use crate::common;
use crate::support;

use common::{read_key, score, shared_pdf_dir};
use gongkai::ingest::{Document, DEFAULT_MAX_BYTES};
use std::path::PathBuf;

/// The share of keyed facts that must be right when a report is read from its PDF: every one
/// (issue 15 asked for 0.95; a fact lost is a regression).
const MIN_RIGHT: f64 = 1.0;

const STEMS: [&str; 3] = common::PDF_STEMS;

fn pdf(stem: &str) -> Option<PathBuf> {
    Some(shared_pdf_dir()?.join(format!("{stem}.pdf")))
}

fn skipped() {
    eprintln!("../shared/corpus-pdf absent: skipped");
}

fn check_report(stem: &str) {
    let Some(path) = pdf(stem) else {
        return skipped();
    };
    let dir = shared_pdf_dir().unwrap();
    let key = read_key(&dir.join(format!("expected/{stem}.json")));
    let report = gongkai::load_report(&path).unwrap();
    let s = score(&report, &key);
    eprintln!(
        "{stem}.pdf: {}/{} right ({:.1}%), {} wrong, {} missing\n  {}",
        s.right.len(),
        s.total(),
        s.ratio() * 100.0,
        s.wrong.len(),
        s.missing.len(),
        s.report()
    );
    assert!(
        s.wrong.is_empty(),
        "{stem}.pdf: wrong facts\n  {}",
        s.report()
    );
    assert!(
        s.ratio() >= MIN_RIGHT,
        "{stem}.pdf: {:.1}% right\n  {}",
        s.ratio() * 100.0,
        s.report()
    );

    // Provenance: every printed cell is where it says in the extracted text, on a real page.
    let doc = Document::read(&path, DEFAULT_MAX_BYTES).unwrap();
    let pages = doc.pdf_pages().unwrap();
    assert!(!report.provenance.cells.is_empty());
    for (key, c) in &report.provenance.cells {
        assert_eq!(
            &doc.source[c.offset..c.offset + c.raw.len()],
            c.raw,
            "{stem} {key}"
        );
        let (page, line) = doc.pdf_location(c.offset).unwrap();
        assert!((1..=pages).contains(&page) && line >= 1, "{stem} {key}");
    }
}

#[test]
fn huaian_city_2024_pdf() {
    check_report("huaian-city-2024");
}

#[test]
fn hongze_2023_pdf() {
    check_report("huaian-hongze-2023");
}

#[test]
fn hongze_2024_pdf() {
    check_report("huaian-hongze-2024");
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Length of the longest common subsequence (two rows).
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// The extracted text has poppler's Han characters: the same ones as `pdftotext -raw` (content
/// stream order; compared as a multiset) and in the order of `pdftotext -layout` or of `-raw` (an
/// LCS ratio: `-layout` lays lines out by position, `-raw` keeps a ruled table's cells whole, and
/// the text here follows `-raw` inside ruled tables and `-layout` around them). Also one
/// page per form feed, no page footers, and every line's page and line on the page.
#[test]
fn extracted_text_matches_pdftotext() {
    let Some(dir) = shared_pdf_dir() else {
        return skipped();
    };
    for stem in STEMS {
        let doc = Document::read(&pdf(stem).unwrap(), DEFAULT_MAX_BYTES).unwrap();
        // GK_PDF_DUMP=DIR writes the extracted texts there, to look at.
        if let Ok(d) = std::env::var("GK_PDF_DUMP") {
            std::fs::write(format!("{d}/{stem}.txt"), &doc.source).unwrap();
        }
        let han = |t: &str| -> Vec<char> { t.chars().filter(|&c| is_han(c)).collect() };
        let got = han(&doc.source);
        let raw = std::fs::read_to_string(dir.join(format!("text/{stem}.raw.txt"))).unwrap();
        let mut want = han(&raw);
        let mut counts = std::collections::HashMap::new();
        for &c in &got {
            *counts.entry(c).or_insert(0i32) += 1;
        }
        let shared = want
            .iter()
            .filter(|c| {
                let n = counts.entry(**c).or_insert(0);
                *n -= 1;
                *n >= 0
            })
            .count();
        let bag = shared as f64 / want.len() as f64;
        // Reading order: the longest common subsequence with one of pdftotext's two orders,
        // `-layout` (top to bottom, a wrapped table cell's lines among the other cells' lines)
        // or `-raw` (the content stream's order: a ruled table cell by cell, as Word wrote it).
        // A table read from its drawn borders follows `-raw` in the table and `-layout` around it.
        let layout = std::fs::read_to_string(dir.join(format!("text/{stem}.layout.txt"))).unwrap();
        want = han(&layout);
        let by_layout = lcs(&want, &got) as f64 / want.len() as f64;
        let in_stream = han(&raw);
        let by_stream = lcs(&in_stream, &got) as f64 / in_stream.len() as f64;
        let ratio = by_layout.max(by_stream);
        eprintln!(
            "{stem}: {} Han characters; pdftotext -raw {} ({:.2}% of them here, {:.2}% in its \
             order), -layout {} ({:.2}% in its order)",
            got.len(),
            in_stream.len(),
            bag * 100.0,
            by_stream * 100.0,
            want.len(),
            by_layout * 100.0
        );
        assert!(
            bag >= 0.98,
            "{stem}: {:.2}% of -raw's Han characters",
            bag * 100.0
        );
        assert!(
            ratio >= 0.98,
            "{stem}: LCS with -layout {:.2}%, with -raw {:.2}%",
            by_layout * 100.0,
            by_stream * 100.0
        );
        assert!(
            got.len() <= want.len() + want.len() / 50,
            "{stem}: extra text"
        );
        let raw = layout;

        let pages = doc.pdf_pages().unwrap() as usize;
        assert_eq!(
            raw.matches('\u{c}').count(),
            pages,
            "{stem}: pdftotext's pages"
        );
        assert_eq!(doc.source.matches('\u{c}').count(), pages - 1, "{stem}");
        for line in doc.source.lines() {
            let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            let core = t.trim_matches(|c| c == '-' || c == '—');
            assert!(
                !(t.starts_with(['-', '—']) && core.chars().all(|c| c.is_ascii_digit())),
                "{stem}: page footer left in: {line:?}"
            );
        }
        // Every line of the text knows its page, pages in order, lines from 1 on each page.
        let mut last = (1, 0);
        let mut off = 0;
        for line in doc.source.split_inclusive('\n') {
            let (page, n) = doc.pdf_location(off).unwrap();
            assert!(
                (page == last.0 && n == last.1 + 1) || (page == last.0 + 1 && n == 1),
                "{stem}: line at {off} is page {page} line {n} after {last:?}"
            );
            last = (page, n);
            off += line.len();
        }
        assert_eq!(last.0 as usize, pages, "{stem}");
    }
}

/// A table row of the city report as the extractor lays it out: the label, then each cell after
/// a tab.
#[test]
fn table_cells_are_tab_separated() {
    let Some(path) = pdf("huaian-city-2024") else {
        return skipped();
    };
    let doc = Document::read(&path, DEFAULT_MAX_BYTES).unwrap();
    let row = doc
        .source
        .lines()
        .find(|l| l.starts_with("一、本年新收政府信息公开申请数量"))
        .expect("row 一 on one line");
    let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
    assert_eq!(
        cells,
        [
            "一、本年新收政府信息公开申请数量",
            "3001",
            "53",
            "0",
            "0",
            "61",
            "4",
            "3119"
        ]
    );
}

/// hongze 2023's table 二 breaks across pages inside the block of 第二十条第(六)项: the block's
/// heading spans two rows and began on the page before, so on this page its cell has sides and
/// no top border. The header row still reads in the order of its columns (it read
/// `本年处理决定数量` before `信息内容`, the topless cell after the others).
#[test]
fn a_header_row_continued_across_a_page_break_keeps_its_columns_in_order() {
    let Some(path) = pdf("huaian-hongze-2023") else {
        return skipped();
    };
    let doc = Document::read(&path, DEFAULT_MAX_BYTES).unwrap();
    let lines: Vec<&str> = doc.text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("第二十条第(六)项"))
        .expect("the block of 第二十条第(六)项");
    let cells = |l: &str| -> Vec<String> { l.split('\t').map(|c| c.trim().to_string()).collect() };
    assert_eq!(cells(lines[at + 1]), ["信息内容", "本年处理决定数量"]);
    assert_eq!(cells(lines[at + 2]), ["行政处罚", "4119"]);
}

/// Truncated and corrupted copies of a real PDF: an error line or a report, never a panic.
#[test]
fn broken_pdfs_are_one_line_errors() {
    let Some(path) = pdf("huaian-hongze-2023") else {
        return skipped();
    };
    let bytes = std::fs::read(path).unwrap();
    for cut in [
        10,
        1000,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 200,
    ] {
        match gongkai::report_from_bytes("cut.pdf", &bytes[..cut]) {
            Ok(_) => {}
            Err(e) => assert!(
                !e.reason.contains('\n')
                    && !e.reason.is_empty()
                    && !e.reason.starts_with(gongkai::PARSER_FAILED),
                "{e}"
            ),
        }
    }
    // Flip bytes through the file (streams, xref, trailer).
    for k in 1..40 {
        let mut b = bytes.clone();
        let at = b.len() * k / 40;
        for x in &mut b[at..(at + 64).min(bytes.len())] {
            *x = x.wrapping_mul(31).wrapping_add(7);
        }
        if let Err(e) = gongkai::report_from_bytes("flipped.pdf", &b) {
            assert!(!e.reason.contains('\n'), "{e}");
            assert!(!e.reason.starts_with(gongkai::PARSER_FAILED), "{e}");
        }
    }
}

/// A minimal PDF: each page's content stream as given, Helvetica as /F1.
fn mini_pdf(pages: &[&str]) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 pages, 3 font, then (page, content) per page.
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ));
    }
    write_pdf(&objs)
}

/// A PDF file of the objects given (numbered from 1; the first is the catalog).
fn write_pdf(objs: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /ID [<0123456789abcdef0123456789abcdef> \
             <0123456789abcdef0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

/// A stream object of `content`, its dictionary's other entries first.
fn stream(dict: &str, content: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
        content.len() + 1
    )
}

#[test]
fn a_pdf_without_a_text_layer_says_so() {
    // A scan: the page only paints (an image would be drawn the same way).
    let scan = mini_pdf(&["q 595 0 0 842 0 0 cm 0 0 1 1 re f Q", "q 0 0 10 10 re f Q"]);
    let e = Document::from_bytes("scan.pdf", &scan).err().unwrap();
    assert_eq!(e.reason, "no text layer (a scanned PDF?); OCR it first");
    // Scanned pages that carry a scanner's stamp as text.
    let stamp = "q 595 0 0 842 0 0 cm 0 0 1 1 re f Q BT /F1 8 Tf 480 20 Td (CamScanner) Tj ET";
    let e = Document::from_bytes("stamped.pdf", &mini_pdf(&[stamp, stamp, stamp]))
        .err()
        .unwrap();
    assert_eq!(e.reason, "no text layer (a scanned PDF?); OCR it first");
    // The same bytes under another name are still read as a PDF.
    let e = Document::from_bytes("download", &scan).err().unwrap();
    assert!(e.reason.starts_with("no text layer"), "{e}");
}

#[test]
fn a_small_pdf_is_laid_out_by_position() {
    // Drawn out of order: the footer first, then the second line, then the first; a table
    // row whose cells are far apart.
    let page = "BT /F1 10 Tf 290 40 Td (- 1 -) Tj ET \
                BT /F1 12 Tf 72 700 Td (Second line) Tj ET \
                BT /F1 12 Tf 72 720 Td (First line of the page) Tj ET \
                BT /F1 12 Tf 72 680 Td (Total) Tj 150 0 Td (25) Tj 60 0 Td (3) Tj ET";
    let doc = Document::from_bytes("small.pdf", &mini_pdf(&[page, page])).unwrap();
    let one = "First line of the page\nSecond line\nTotal\t25\t3\n";
    assert_eq!(doc.source, format!("{one}\u{c}{one}"));
    let second = doc.source.rfind("Total").unwrap();
    assert_eq!(doc.pdf_location(second), Some((2, 3)));
    assert_eq!(
        doc.pdf_location(doc.source.find('\u{c}').unwrap()),
        Some((2, 1))
    );
    assert_eq!(doc.pdf_location(0), Some((1, 1)));
    assert_eq!(doc.pdf_pages(), Some(2));
}

/// A ruled table whose cells are drawn as stroked rectangles (`re S`, as some writers draw
/// every cell), or as closed outlines (`m l l l h S`): their sides are the table's borders, so
/// an empty cell is a cell. (Stroked rectangles were not taken for borders: the row read
/// `Total 25 3`, its blank cell lost and the `3` a column early.)
#[test]
fn cells_drawn_as_stroked_rectangles_or_closed_outlines_are_ruled() {
    let text = "BT /F1 12 Tf 72 740 Td (Requests received and handled this year) Tj ET \
                BT /F1 12 Tf 74 680 Td (Total) Tj ET BT /F1 12 Tf 204 680 Td (25) Tj ET \
                BT /F1 12 Tf 324 680 Td (3) Tj ET \
                BT /F1 12 Tf 74 650 Td (Other) Tj ET BT /F1 12 Tf 204 650 Td (1) Tj ET \
                BT /F1 12 Tf 264 650 Td (2) Tj ET BT /F1 12 Tf 324 650 Td (3) Tj ET";
    let xs = [72.0, 200.0, 260.0, 320.0, 380.0];
    let (mut rects, mut outlines) = (String::new(), String::new());
    for (top, bottom) in [(700.0, 670.0), (670.0, 640.0)] {
        for w in xs.windows(2) {
            let (l, r) = (w[0], w[1]);
            rects += &format!("{l} {bottom} {} {} re S ", r - l, top - bottom);
            outlines += &format!("{l} {bottom} m {r} {bottom} l {r} {top} l {l} {top} l h S ");
        }
    }
    for (how, drawing) in [("rectangles", rects), ("outlines", outlines)] {
        let page = format!("0.5 w {drawing} {text}");
        let doc = Document::from_bytes("cells.pdf", &mini_pdf(&[&page])).unwrap();
        assert_eq!(
            doc.source, "Requests received and handled this year\nTotal\t25\t\t3\nOther\t1\t2\t3\n",
            "cells as {how}"
        );
    }
}

#[test]
fn a_page_with_an_inline_image_lopdf_cannot_end_keeps_its_text() {
    // Hex image data closed by `>EI` with no space between: lopdf refuses the whole stream,
    // and the page read as having no text at all.
    let page = "BT /F1 12 Tf 72 720 Td (The first line of the page) Tj ET \
                q 20 0 0 20 72 740 cm BI /W 2 /H 2 /BPC 8 /CS /G /F /AHx ID 00ff00ff>EI Q \
                BT /F1 12 Tf 72 700 Td (The second line of the page) Tj ET";
    let doc = Document::from_bytes("inline.pdf", &mini_pdf(&[page])).unwrap();
    assert_eq!(
        doc.source,
        "The first line of the page\nThe second line of the page\n"
    );
}

/// One page in a CID font (Identity-H, as Chromium, WPS and Word embed Han fonts): CIDs 19–28
/// are the digits 0–9 (Chromium's subset numbering), 256 and 257 are 合 and 计; `widths` is the
/// font's /W array.
fn cid_pdf(widths: &str, content: &str) -> Vec<u8> {
    let to_unicode = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <0013> <001C> <0030> endbfrange\n\
        2 beginbfchar <0100> <5408> <0101> <8BA1> endbfchar\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .into(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ),
        "<< /Type /Font /Subtype /Type0 /BaseFont /Hei /Encoding /Identity-H \
         /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>"
            .into(),
        format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hei /CIDToGIDMap /Identity \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
             /FontDescriptor 7 0 R /W {widths} /DW 1000 >>"
        ),
        "<< /Type /FontDescriptor /FontName /Hei /Flags 4 /Ascent 900 /Descent -200 \
         /CapHeight 700 /ItalicAngle 0 /StemV 50 /FontBBox [0 -200 1000 900] >>"
            .into(),
        format!(
            "<< /Length {} >>\nstream\n{to_unicode}\nendstream",
            to_unicode.len() + 1
        ),
    ];
    write_pdf(&objs)
}

/// A CID font that gives its digits' widths as a range (`19 28 550`, as Chromium writes them):
/// `25` in one cell and `0` in the next, 0.4 em apart, are two figures. pdf-extract 0.12.1
/// lost such widths (a whole em a digit), so `25` ran into the `0` and read `250`.
#[test]
fn digit_widths_given_as_a_range_keep_neighbouring_cells_apart() {
    // 12 pt: a digit is 6.6 pt wide; `25` at 200 ends at 213.2, the `0` starts 5 pt later.
    // Four rows: a page with fewer glyphs would be taken for a scan.
    let row = |y: u32| {
        format!(
            "BT /F1 12 Tf 1 0 0 1 72 {y} Tm <01000101> Tj ET \
             BT /F1 12 Tf 1 0 0 1 200 {y} Tm <00150018> Tj ET \
             BT /F1 12 Tf 1 0 0 1 218.2 {y} Tm <0013> Tj ET \
             BT /F1 12 Tf 1 0 0 1 240 {y} Tm <00150018> Tj ET "
        )
    };
    let page: String = [700, 680, 660, 640].map(row).concat();
    let text = |widths: &str| {
        let doc = Document::from_bytes("widths.pdf", &cid_pdf(widths, &page)).unwrap();
        let lines: Vec<Vec<String>> = doc
            .source
            .lines()
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect();
        assert_eq!(lines.len(), 4, "{}", doc.source);
        assert!(lines.iter().all(|l| *l == lines[0]), "{}", doc.source);
        lines[0].clone()
    };
    let cells = ["合计", "25", "0", "25"];
    // The range form, the list form, and both mixed with other entries.
    assert_eq!(text("[19 28 550]"), cells);
    assert_eq!(
        text("[19 [550 550 550 550 550 550 550 550 550 550]]"),
        cells
    );
    assert_eq!(text("[1 [250 300] 19 28 550.0 256 257 1000]"), cells);
    // Malformed arrays (a truncated entry, a name) fall back to /DW (a whole em a digit: the
    // figures run together again) instead of losing the page.
    for broken in ["[19]", "[19 28]", "[/W 19 28 550]"] {
        let words = text(broken);
        assert_eq!(words.first().map(String::as_str), Some("合计"), "{broken}");
        assert_eq!(words.concat(), "合计25025", "{broken}");
    }
}

/// One page whose content draws the XObjects given (name, object number), with Helvetica as
/// /F1 at object 3 and Courier at object 4 for the forms; `extra` are objects 6, 7, ….
fn page_with_xobjects(content: &str, xobjects: &str, extra: &[String]) -> Vec<u8> {
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [5 0 R] /Count 1 >>".into(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>".into(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources \
             << /Font << /F1 3 0 R >> /XObject << {xobjects} >> >> /Contents {} 0 R >>",
            6 + extra.len()
        ),
    ];
    objs.extend(extra.iter().cloned());
    objs.push(stream("", content));
    write_pdf(&objs)
}

/// Text in a form XObject is placed where the form is drawn (its /Matrix, then the CTM at `Do`),
/// in its own fonts; an image drawn under the text (a scan under its OCR layer, a seal) is no
/// text and does not lose the page. pdf-extract 0.12.1 drew every form from the page's origin,
/// took a form's /F1 for the page's, and decoded an image as a content stream (a panic: the
/// page was lost).
#[test]
fn forms_are_placed_where_drawn_and_images_are_skipped() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 100] \
         /Resources << /Font << /F1 4 0 R >> >>",
        "BT /F1 12 Tf 72 800 Td (Second line, from a form) Tj ET",
    );
    // Pixels that are no content stream (an unterminated string).
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
         /BitsPerComponent 8",
        "((((",
    );
    let content = "q 595 0 0 842 0 0 cm /Im1 Do Q \
                   BT /F1 12 Tf 72 720 Td (First line of the page) Tj ET \
                   q 1 0 0 1 0 -300 cm /Fm1 Do Q \
                   BT /F1 12 Tf 72 500 Td (Third line of the page) Tj ET";
    let pdf = page_with_xobjects(content, "/Fm1 6 0 R /Im1 7 0 R", &[form, image]);
    let doc = Document::from_bytes("forms.pdf", &pdf).unwrap();
    assert_eq!(
        doc.source,
        "First line of the page\nSecond line, from a form\nThird line of the page\n"
    );
}

/// A form that draws itself is read to a fixed depth, not until the stack overflows (which
/// aborts the process: no panic handler catches it).
#[test]
fn a_form_that_draws_itself_ends() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 6 0 R >> >>",
        "BT /F1 12 Tf 72 600 Td (A form drawn inside itself) Tj ET /Fm1 Do",
    );
    let content = "BT /F1 12 Tf 72 720 Td (First line of the page) Tj ET /Fm1 Do";
    let pdf = page_with_xobjects(content, "/Fm1 6 0 R", &[form]);
    let doc = Document::from_bytes("recursive.pdf", &pdf).unwrap();
    assert_eq!(
        doc.source,
        "First line of the page\nA form drawn inside itself\n"
    );
}

#[test]
fn garbage_after_a_pdf_header_is_a_broken_pdf() {
    for bytes in [
        &b"%PDF-1.7\n"[..],
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-\xff\xfe\x00\x01garbage\x00\x00",
    ] {
        let e = Document::from_bytes("x.pdf", bytes).err().unwrap();
        assert!(
            e.reason.starts_with("broken PDF") || e.reason.starts_with("no text layer"),
            "{e}"
        );
        assert!(!e.reason.contains('\n'));
    }
    let e = Document::from_bytes("x.pdf", "<html>not found</html>".as_bytes())
        .err()
        .unwrap();
    assert_eq!(e.reason, "named .pdf but not a PDF (no %PDF- header)");
}

/// Excel, PowerPoint, images and archives are named, with what to do, not called "binary"; a
/// damaged Word or WPS document is named as one.
#[test]
fn unsupported_files_are_named() {
    let ole: &[u8] = &[
        0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0x3E, 0,
    ];
    let docx: &[u8] =
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\x00word/document.xml";
    let xlsx: &[u8] =
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\x00xl/workbook.xml";
    let zip: &[u8] = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00!\x00report.pdf\x00\x00";
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "r.doc",
            ole,
            "damaged Word 97–2003 document: Invalid CFB file (14 bytes is too small)",
        ),
        // A .docx is read (tests/word_documents.rs); these bytes are only its first part.
        (
            "r.docx",
            docx,
            "damaged Word document: no ZIP directory at its end (a truncated download?)",
        ),
        (
            "r",
            docx,
            "damaged Word document: no ZIP directory at its end (a truncated download?)",
        ),
        (
            "r.xls",
            ole,
            "Excel spreadsheets are not supported; save as PDF or text",
        ),
        (
            "r.xlsx",
            xlsx,
            "Excel spreadsheets are not supported; save as PDF or text",
        ),
        (
            "r.wps",
            ole,
            "damaged Word 97–2003 document: Invalid CFB file (14 bytes is too small)",
        ),
        (
            "r.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            "JPEG images are not supported (a scanned page?); OCR it to text first",
        ),
        (
            "r.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "PNG images are not supported (a scanned page?); OCR it to text first",
        ),
        (
            "r.gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00",
            "GIF images are not supported (a scanned page?); OCR it to text first",
        ),
        (
            "r.tif",
            b"II*\x00\x08\x00\x00\x00\x00\x00",
            "TIFF images are not supported (a scanned page?); OCR it to text first",
        ),
        (
            "r.zip",
            zip,
            "ZIP archives are not supported; unpack the reports first",
        ),
        (
            "r.rar",
            b"Rar!\x1a\x07\x01\x00\x00\x00",
            "RAR archives are not supported; unpack the reports first",
        ),
        (
            "r.7z",
            b"7z\xbc\xaf\x27\x1c\x00\x04\x00\x00",
            "7z archives are not supported; unpack the reports first",
        ),
        // By extension alone, when the bytes are not text either.
        (
            "r.xls",
            b"\x00\x01\x02\x03\x00\x00\x09",
            "Excel spreadsheets are not supported; save as PDF or text",
        ),
    ];
    let dir = support::scratch_path("formats");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, want) in cases {
        let e = Document::from_bytes(name, bytes).err().unwrap();
        assert_eq!(e.reason, *want, "{name}");
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let e = gongkai::load_report(&p).err().unwrap();
        assert_eq!(e.reason, *want, "{name}");
    }
    support::remove_dir(&dir);
}

/// Encrypted with a user password: one line saying so. Encrypted with only an owner password
/// (printing or copying restricted, as many published reports are): read as usual.
#[test]
fn encrypted_pdfs() {
    use pdf_extract::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let page = "BT /F1 12 Tf 72 720 Td (Annual report on government information disclosure) Tj ET";
    let encrypt = |user: &str| {
        let mut doc = pdf_extract::Document::load_mem(&mini_pdf(&[page])).unwrap();
        let version = EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::PRINTABLE,
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let e = Document::from_bytes("locked.pdf", &encrypt("secret"))
        .err()
        .unwrap();
    assert_eq!(
        e.reason,
        "encrypted PDF (needs a password); save an unprotected copy first"
    );
    let doc = Document::from_bytes("restricted.pdf", &encrypt("")).unwrap();
    assert_eq!(
        doc.source,
        "Annual report on government information disclosure\n"
    );
}

/// A table without rules as an OCR layer prints it: a figure's digits as strings of their own
/// that touch (`7`, `4`, `6`: each recognised character placed by itself), and two cells' figures
/// read as one word with a gap inside (`20  30`). Each is one cell and the columns hold, so the
/// blank cell is a cell: before, the three digits were three columns, the word one figure across
/// two, and the whole table was left to the line layout (`Other 1 746`, its blank cell lost).
#[test]
fn an_ocr_layers_figures_stay_in_their_columns() {
    let row = |y: u32, label: &str, cells: &str| {
        format!("BT /F1 12 Tf 72 {y} Td ({label}) Tj ET {cells}")
    };
    let at = |x: f64, y: u32, s: &str| format!("BT /F1 12 Tf {x} {y} Td ({s}) Tj ET ");
    // Helvetica's digits are 0.556 em wide: 6.672 pt at 12 pt.
    let page = [
        "BT /F1 12 Tf 72 740 Td (Requests received and handled this year) Tj ET ".to_string(),
        row(
            700,
            "Total",
            &(at(200.0, 700, "25") + &at(260.0, 700, "3") + &at(320.0, 700, "14")),
        ),
        row(
            680,
            "Other",
            &(at(200.0, 680, "1")
                + &at(320.0, 680, "7")
                + &at(326.672, 680, "4")
                + &at(333.344, 680, "6")),
        ),
        row(
            660,
            "Sum",
            &(at(200.0, 660, "10") + "BT /F1 12 Tf 260 660 Td [(20) -4420 (30)] TJ ET "),
        ),
    ]
    .concat();
    let doc = Document::from_bytes("ocr.pdf", &mini_pdf(&[&page])).unwrap();
    assert_eq!(
        doc.source,
        "Requests received and handled this year\nTotal\t25\t3\t14\nOther\t1\t\t746\nSum\t10\t20\t30\n"
    );
}

/// A table without rules as an OCR layer places it: figures boxed off their row's baseline.
/// - `Alpha`'s figures 5 pt above and below its label: lines of figures alone, half a line from
///   the label, are its cells;
/// - `Gamma`'s label wraps, and its figures were boxed on the baselines of the label's two
///   lines: together they fill the row, each line alone does not (its label's second line
///   stays a line of its own, as a wrapped label does where the rows' alignment is not
///   certain);
/// - a row without a label split over two lines as close (`11 … 13` / `12 … 14`): one row;
/// - `- 5 -`, a page number under the table, is no row of it.
///
/// Before, each piece was a row of its own: `Alpha`'s cells were read blank and its figures
/// given to no row, `Gamma` was two half-blank rows, and the last table (its page number read
/// as a row) was left to the line layout. On the second page, rows with blank cells printed a
/// row's step apart (`One`, `Two`) stay two rows.
#[test]
fn an_ocr_layers_figures_off_their_baseline_stay_in_their_rows() {
    let at = |x: f64, y: f64, s: &str| format!("BT /F1 12 Tf {x} {y} Td ({s}) Tj ET ");
    let row = |y: f64, label: &str, cells: [&str; 3]| {
        let mut out = at(72.0, y, label);
        for (x, c) in [200.0, 260.0, 320.0].into_iter().zip(cells) {
            if !c.is_empty() {
                out += &at(x, y, c);
            }
        }
        out
    };
    let first = [
        at(72.0, 740.0, "Requests received and handled this year"),
        at(72.0, 700.0, "Alpha"),
        at(200.0, 705.0, "10"),
        at(260.0, 705.0, "20"),
        at(320.0, 695.0, "30"),
        row(680.0, "Beta", ["1", "2", "3"]),
        row(660.0, "Gamma first", ["4", "", ""]),
        row(646.0, "gamma rest", ["", "5", "6"]),
        row(626.0, "Delta", ["7", "8", "9"]),
        row(606.0, "Epsilon", ["3", "3", "6"]),
        at(72.0, 540.0, "Review and litigation"),
        at(200.0, 500.0, "11"),
        at(320.0, 500.0, "13"),
        at(260.0, 494.0, "12"),
        at(380.0, 494.0, "14"),
        at(280.0, 464.0, "- 5 -"),
    ]
    .concat();
    let second = [
        row(700.0, "Beta", ["1", "2", "3"]),
        row(680.0, "Delta", ["7", "8", "9"]),
        row(660.0, "One", ["1", "", ""]),
        row(640.0, "Two", ["", "2", "2"]),
        row(620.0, "Epsilon", ["3", "3", "6"]),
    ]
    .concat();
    let doc = Document::from_bytes("ocr.pdf", &mini_pdf(&[&first, &second])).unwrap();
    assert_eq!(
        doc.source,
        "Requests received and handled this year\nAlpha\t10\t20\t30\nBeta\t1\t2\t3\n\
         Gamma first\t4\t5\t6\ngamma rest\nDelta\t7\t8\t9\nEpsilon\t3\t3\t6\n\
         Review and litigation\n11\t12\t13\t14\n- 5 -\n\u{c}\
         Beta\t1\t2\t3\nDelta\t7\t8\t9\nOne\t1\t\t\nTwo\t\t2\t2\nEpsilon\t3\t3\t6\n"
    );
}
