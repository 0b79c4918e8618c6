//! Word documents (.docx): the reports an agency keeps in Word, read as they print. Every keyed
//! report of the shipped corpus written as a .docx (its table rows as a Word table, every other
//! line a paragraph) in the ways Word varies the same document must keep every fact its text
//! gives; a document LibreOffice wrote from the shipped web page (its tables' merged cells as
//! Word stores them) must give every fact of the answer key.

mod common;

use common::docx::{document, Shape};
use common::{keyed_reports, regressions, score};
use gongkai::ingest::Document;

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
            "all at once",
            Shape {
                numbered: true,
                runs_cut: true,
                revisions: true,
                controls: true,
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
    assert!(made >= 48, "{made} documents");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `corpus/shanghai-gov-office-2019.html` opened in LibreOffice Writer 7.4 and saved as Word
/// 2007–365 (.docx): its tables' merged cells are `w:vMerge` and `w:gridSpan`.
#[test]
fn a_document_saved_by_libreoffice_gives_the_key() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/docx/shanghai-gov-office-2019.docx"
    );
    let doc = Document::read(
        std::path::Path::new(path),
        gongkai::ingest::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    assert_eq!(doc.encoding, "DOCX");
    let r = gongkai::report_from_document(&doc);
    let key = common::key_of("shanghai-gov-office-2019.html");
    let s = score(&r, &key);
    assert!(
        s.wrong.is_empty() && s.missing.is_empty(),
        "wrong {:?}\nmissing {:?}",
        s.wrong,
        s.missing
    );
    assert!(s.right.len() >= 200, "{} facts", s.right.len());
    // Provenance points into the page the document was read as.
    let total = &r.provenance.cells["requests.new_received.total"];
    assert_eq!(
        &doc.source[total.offset..total.offset + total.raw.len()],
        "859"
    );
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
