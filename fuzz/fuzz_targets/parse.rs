//! Fuzz the whole pipeline: bytes → decode → (HTML) → normalise → parse → checks.
//!
//! The first byte picks the name (and so the format: text, markdown or HTML); the rest is the
//! file. Besides "no panic", every input must keep the invariants the JSON contract promises:
//! each cell's provenance points at exactly its `raw` text in the decoded source, on char
//! boundaries, and the report survives a serde_json round trip unchanged.
#![no_main]

use gongkai::ingest::Document;
use gongkai::model::Report;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 3] = ["x.txt", "x.md", "x.html"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[sel as usize % NAMES.len()];
    let report = match gongkai::report_from_bytes(name, bytes) {
        Ok(r) => r,
        Err(e) => {
            // Refused input must say why, and must be refused by the decoder as well.
            assert!(!e.reason.is_empty());
            assert!(Document::from_bytes(name, bytes).is_err());
            return;
        }
    };
    let doc = Document::from_bytes(name, bytes).expect("decoded once, decodes again");
    let src = &doc.source;
    for (key, p) in &report.provenance.cells {
        let end = p.offset.checked_add(p.raw.len()).expect("offset overflow");
        assert!(
            end <= src.len(),
            "{key}: {}+{} > {}",
            p.offset,
            p.raw.len(),
            src.len()
        );
        assert!(
            src.is_char_boundary(p.offset),
            "{key}: offset inside a char"
        );
        assert!(src.is_char_boundary(end), "{key}: end inside a char");
        assert_eq!(&src[p.offset..end], p.raw, "{key}: raw is not the source");
        assert_eq!(
            p.line,
            src[..p.offset].matches('\n').count() + 1,
            "{key}: line"
        );
    }
    for s in &report.provenance.sections {
        assert!(s.offset <= src.len());
        assert!(src.is_char_boundary(s.offset));
    }
    // Every figure in the tables has provenance.
    for (key, _) in report.tables.cells() {
        assert!(
            report.provenance.cells.contains_key(&key),
            "{key} has no provenance"
        );
    }
    // JSON round trip: what we print is what we read back.
    let json = serde_json::to_string(&report).expect("serialise");
    let back: Report = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, report, "JSON round trip changed the report");
    let json2 = serde_json::to_string(&back).unwrap();
    assert_eq!(json, json2);
});
