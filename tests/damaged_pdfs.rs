//! The three real PDF reports of `../shared/corpus-pdf` (skipped cleanly where `../shared` is
//! absent) damaged the ways downloaded and re-handled PDFs are: a download cut short before
//! its `startxref` and `%%EOF`, bytes inserted before the objects by a tool that left the
//! cross-reference offsets stale, a `startxref` that points off its table, a file cut at every
//! tenth of its length. PDF viewers read such files from their objects; so does gongkai, with a
//! warning that says so. Where a file is cut too short to hold a page, it is refused with one
//! line that says it is cut short or damaged; no fact is ever read wrong.

use crate::common;
use crate::support;

use common::{read_key, score, shared_pdf_dir};
use std::path::PathBuf;

const STEMS: [&str; 3] = common::PDF_STEMS;

const REBUILT: &str = "read from its objects with the cross-reference table rebuilt";

/// Each real PDF's bytes with its stem, or None where `../shared` is absent.
fn real_pdfs() -> Option<Vec<(&'static str, Vec<u8>)>> {
    let Some(dir) = shared_pdf_dir() else {
        eprintln!("../shared/corpus-pdf absent: skipped");
        return None;
    };
    Some(
        STEMS
            .iter()
            .map(|s| (*s, std::fs::read(dir.join(format!("{s}.pdf"))).unwrap()))
            .collect(),
    )
}

fn write(bytes: &[u8], name: &str) -> PathBuf {
    let path = support::scratch_path(&format!("damaged-{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn key(stem: &str) -> serde_json::Value {
    read_key(
        &shared_pdf_dir()
            .unwrap()
            .join(format!("expected/{stem}.json")),
    )
}

/// The damaged file reads with every keyed fact right and the warning that it was rebuilt.
fn assert_read_whole(bytes: &[u8], stem: &str, what: &str) {
    let path = write(bytes, &format!("{what}-{stem}"));
    let report = gongkai::load_report(&path).unwrap_or_else(|e| panic!("{stem} {what}: {e}"));
    let s = score(&report, &key(stem));
    assert!(
        s.wrong.is_empty() && s.missing.is_empty(),
        "{stem} {what}: {} wrong, {} missing\n  {}",
        s.wrong.len(),
        s.missing.len(),
        s.report()
    );
    assert!(
        report.warnings.iter().any(|w| w.contains(REBUILT)),
        "{stem} {what}: no warning: {:?}",
        report.warnings
    );
}

fn find_last(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .rposition(|w| w == needle)
        .unwrap()
}

#[test]
fn a_download_cut_short_before_its_startxref_reads_whole() {
    let Some(pdfs) = real_pdfs() else { return };
    for (stem, b) in pdfs {
        let cut = &b[..find_last(&b, b"startxref")];
        assert_read_whole(cut, stem, "cut");
    }
}

#[test]
fn stale_offsets_after_inserted_bytes_read_whole() {
    let Some(pdfs) = real_pdfs() else { return };
    for (stem, b) in pdfs {
        // A comment line put in before an object a tenth into the file: every offset of the
        // table after it is 100 bytes short.
        let at = b.len() / 10 + find_from(&b[b.len() / 10..], b" 0 obj");
        let line_start = b[..at].iter().rposition(|&c| c == b'\n').unwrap() + 1;
        let mut shifted = b[..line_start].to_vec();
        shifted.extend_from_slice(&[b'%'; 99]);
        shifted.push(b'\n');
        shifted.extend_from_slice(&b[line_start..]);
        assert_read_whole(&shifted, stem, "shifted");
    }
}

fn find_from(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).position(|w| w == needle).unwrap()
}

#[test]
fn a_startxref_that_points_off_its_table_reads_whole() {
    let Some(pdfs) = real_pdfs() else { return };
    for (stem, b) in pdfs {
        let at = find_last(&b, b"startxref");
        let tail = std::str::from_utf8(&b[at..]).unwrap();
        let offset: usize = tail.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mut off = b[..at].to_vec();
        off.extend_from_slice(format!("startxref\n{}\n%%EOF\n", offset + 37).as_bytes());
        assert_read_whole(&off, stem, "startxref");
    }
}

/// A file cut anywhere: read as far as its objects go (a warning says it was rebuilt), or
/// refused with one line that says it is cut short; never a fact read wrong.
#[test]
fn a_file_cut_anywhere_never_reads_a_fact_wrong() {
    let Some(pdfs) = real_pdfs() else { return };
    let (mut read, mut refused) = (0, 0);
    for (stem, b) in pdfs {
        let key = key(stem);
        for tenth in 1..10 {
            let path = write(
                &b[..b.len() * tenth / 10],
                &format!("tenths-{stem}-{tenth}"),
            );
            match gongkai::load_report(&path) {
                Ok(report) => {
                    read += 1;
                    let s = score(&report, &key);
                    assert!(
                        s.wrong.is_empty(),
                        "{stem} cut at {tenth}/10:\n  {}",
                        s.report()
                    );
                    assert!(
                        report.warnings.iter().any(|w| w.contains(REBUILT)),
                        "{stem} cut at {tenth}/10: no warning: {:?}",
                        report.warnings
                    );
                }
                Err(e) => {
                    refused += 1;
                    let line = e.to_string();
                    assert!(
                        line.contains("cut short or damaged") && !line.contains('\n'),
                        "{stem} cut at {tenth}/10: {line}"
                    );
                }
            }
        }
    }
    // Both happen: most cuts leave pages to read, the shortest leave none.
    assert!(read > 0 && refused > 0, "read {read}, refused {refused}");
}
