//! gongkai: search and compare Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! Layers, bottom to top: [`model`] (the parsed-report types of the JSON contract and the
//! template as data), [`ingest`] (decode, HTML → text, normalise, with a map back to the
//! source), [`parse`] (metadata, sections, tables, problems, provenance), [`analyze`] (checks),
//! and the command-line front end in `cmd`.
//!
//! ```no_run
//! let report = gongkai::load_report(std::path::Path::new("corpus/guangzhou-ybj-2022.txt")).unwrap();
//! assert_eq!(report.tables.figure("requests.new_received.total"), Some(25.0));
//! ```

pub mod analyze;
pub mod error;
pub mod export;
pub mod index;
pub mod ingest;
pub mod model;
pub mod parse;

pub use error::Error;
use ingest::{Document, InputError};
use model::Report;
use std::path::Path;

/// Read, parse and check one report file.
pub fn load_report(path: &Path) -> Result<Report, InputError> {
    let doc = Document::read(path, ingest::DEFAULT_MAX_BYTES)?;
    Ok(report_from_document(&doc))
}

/// Parse and check one report given as bytes (`name` is used as `source` and picks the format).
pub fn report_from_bytes(name: &str, bytes: &[u8]) -> Result<Report, InputError> {
    let doc = Document::from_bytes(name, bytes)?;
    Ok(report_from_document(&doc))
}

/// Parse and check a decoded document.
pub fn report_from_document(doc: &Document) -> Report {
    let mut report = parse::parse(doc);
    run_checks(&mut report);
    report
}

/// Run the template's checks on a report (again), replacing its `checks`.
pub fn run_checks(report: &mut Report) {
    report.checks = analyze::checks::run(report);
}
