//! OFD (GB/T 33190, 版式文件), the fixed-layout format Chinese government systems publish in:
//! every keyed report typeset as an OFD writer lays it out (A4, ruled tables with merged cells,
//! page breaks) keeps every fact, whether its text is stored a line or a character to an object
//! or scaled by a matrix, and its borders as outlines or strokes; a broken or empty package is
//! a one-line error. Before, an `.ofd` was refused as a ZIP archive.

use crate::common;

use common::ofd::{ofd, Locs, Runs, Shape};
use common::template_doc::template_document;
use common::{keyed_reports, lost_line, regressions, score};
use gongkai::ingest::docx::zip;

/// Every keyed report written in each shape keeps every fact.
fn every_report_keeps_every_fact(shapes: &[Shape]) {
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        let doc = template_document(&k);
        for &shape in shapes {
            made += 1;
            let bytes = ofd(&doc, shape);
            let report = match gongkai::report_from_bytes("report.ofd", &bytes) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{} as {shape:?}: {e}", k.name));
                    continue;
                }
            };
            let lost = regressions(&k, &score(&report, &k.key));
            if !lost.is_empty() {
                failures.push(lost_line(&format!("{} as {shape:?}", k.name), &lost));
            }
        }
    }
    assert!(made >= 10 * shapes.len(), "{made} documents");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_report_as_an_ofd_keeps_every_fact() {
    every_report_keeps_every_fact(&[
        Shape {
            text: Runs::Line,
            outlines: true,
            ..Shape::default()
        },
        Shape {
            text: Runs::Char,
            outlines: false,
            ..Shape::default()
        },
        Shape {
            text: Runs::Scaled,
            outlines: true,
            ..Shape::default()
        },
    ]);
}

/// As writers also make them: labels shaded by filled rectangles behind their words (a filled
/// shape is a border only when thin: each rectangle's sides were read as rules splitting the
/// cells; shaded header cells lost 1,378 facts of a helper's 13 reports); a row's cells in one run a gap apart (all read into the first cell); the
/// pages' content on page templates (not read: "no text"); pages located with `./` or from the
/// package's root, path data with commas, and parts in GB18030 (each lost every fact or page).
#[test]
fn ofds_as_other_writers_make_them_keep_every_fact() {
    let line = Shape {
        outlines: true,
        ..Shape::default()
    };
    every_report_keeps_every_fact(&[
        Shape {
            shading: true,
            ..line
        },
        Shape {
            text: Runs::Row,
            ..line
        },
        Shape {
            on_template: true,
            ..line
        },
        Shape {
            locs: Locs::Dot,
            commas: true,
            ..line
        },
        Shape {
            locs: Locs::Root,
            gb18030: true,
            ..line
        },
    ]);
}

/// An OFD whose figures sit on its second page says so in their provenance, as a PDF's do.
#[test]
fn an_ofds_lines_map_to_its_pages() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with("guangzhou-ybj-2022"))
        .unwrap();
    let shape = Shape {
        outlines: true,
        ..Shape::default()
    };
    let doc =
        gongkai::ingest::Document::from_bytes("report.ofd", &ofd(&template_document(&k), shape))
            .unwrap();
    assert_eq!(doc.encoding, "OFD");
    assert_eq!(doc.format, gongkai::ingest::Format::Pdf);
    let pages: Vec<u32> = (0..doc.text.len())
        .step_by(50)
        .filter_map(|o| doc.pdf_location(o).map(|(p, _)| p))
        .collect();
    assert_eq!(pages.first(), Some(&1));
    assert!(pages.iter().max() >= Some(&3), "{pages:?}");
}

#[test]
fn a_broken_or_empty_ofd_is_a_one_line_error() {
    let ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
    let root = format!("<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>");
    let document = format!("<ofd:Document {ns}><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>");
    let empty_page =
        format!("<ofd:Page {ns}><ofd:Content><ofd:Layer ID=\"2\"/></ofd:Content></ofd:Page>");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            zip::stored(&[("OFD.xml", b"<ofd:OFD><ofd:DocBody/></ofd:OFD>")]),
            "OFD.xml names no document",
        ),
        (
            zip::stored(&[("OFD.xml", root.as_bytes())]),
            "no part Doc_0/Document.xml",
        ),
        (
            zip::stored(&[
                ("OFD.xml", root.as_bytes()),
                ("Doc_0/Document.xml", document.as_bytes()),
                ("Doc_0/Pages/Page_0/Content.xml", empty_page.as_bytes()),
            ]),
            "no text in the OFD",
        ),
        (b"PK\x03\x04 cut short".to_vec(), "damaged OFD"),
    ];
    for (bytes, want) in cases {
        let e = gongkai::report_from_bytes("r.ofd", &bytes).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(want), "{msg}");
        assert!(msg.starts_with("r.ofd: ") && !msg.contains('\n'), "{msg}");
    }
}
