//! gongkai: search and compare Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! Layers, bottom to top: [`model`] (the parsed-report types of the JSON contract and the
//! template as data), [`ingest`] (decode, HTML → text, normalise, with a map back to the
//! source), [`parse`] (metadata, sections, tables, problems, provenance), [`analyze`] (checks),
//! [`index`], [`answer`] (what each question over an index answers), the web server
//! [`serve`], and the command-line front end in `cmd`.
//!
//! ```no_run
//! let report = gongkai::load_report(std::path::Path::new("corpus/guangzhou-ybj-2022.txt")).unwrap();
//! assert_eq!(report.tables.figure("requests.new_received.total"), Some(25.0));
//! ```

pub mod analyze;
pub mod answer;
pub mod error;
pub mod export;
pub mod index;
pub mod ingest;
pub mod model;
pub mod parse;
pub mod serve;

pub use error::Error;
use ingest::{Document, InputError};
use model::Report;
use std::path::Path;

/// Read, parse and check one report file. A panic while reading or parsing (a bug) costs this
/// file only: it becomes an [`InputError`] naming the file.
pub fn load_report(path: &Path) -> Result<Report, InputError> {
    load_document_report(path).map(|(_, r)| r)
}

/// [`load_report`], keeping the decoded document too (for `parse --explain`).
pub fn load_document_report(path: &Path) -> Result<(Document, Report), InputError> {
    guarded(&path.display().to_string(), || {
        let doc = Document::read(path, ingest::DEFAULT_MAX_BYTES)?;
        let report = report_from_document(&doc);
        Ok((doc, report))
    })
}

/// Parse and check one report given as bytes (`name` is used as `source` and picks the format).
/// A panic while parsing costs this report only, as in [`load_report`].
pub fn report_from_bytes(name: &str, bytes: &[u8]) -> Result<Report, InputError> {
    guarded(name, || {
        let doc = Document::from_bytes(name, bytes)?;
        Ok(report_from_document(&doc))
    })
}

/// [`report_from_bytes`] without the checks (`checks` left empty): for the index, whose stored
/// form does not keep them (they are run again when a report is read back).
pub fn report_from_bytes_unchecked(name: &str, bytes: &[u8]) -> Result<Report, InputError> {
    guarded(name, || {
        let doc = Document::from_bytes(name, bytes)?;
        test_panic(&doc);
        Ok(parse::parse(&doc))
    })
}

/// How the reason of an [`InputError`] for a caught parser panic starts (tests assert that
/// no input gets it).
pub const PARSER_FAILED: &str = "the parser failed on this file (a bug: please report it";

/// Run the loading of one file, turning a panic into an error naming the file, with the panic's
/// message on the same line (the panic hook prints nothing for it). Under cargo fuzz
/// (`cfg(fuzzing)`) panics are left to the fuzzer.
fn guarded<T>(name: &str, f: impl FnOnce() -> Result<T, InputError>) -> Result<T, InputError> {
    if cfg!(fuzzing) {
        return f();
    }
    install_panic_hook();
    CAUGHT.with(|c| {
        c.borrow_mut().depth += 1;
    });
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let message = CAUGHT.with(|c| {
        let mut c = c.borrow_mut();
        c.depth -= 1;
        c.message.take()
    });
    match r {
        Ok(x) => x,
        Err(_) => Err(InputError {
            path: name.to_string(),
            reason: format!(
                "{PARSER_FAILED}{})",
                message.map_or(String::new(), |m| format!(": {m}"))
            ),
        }),
    }
}

#[derive(Default)]
struct Caught {
    /// How many [`guarded`] calls this thread is inside.
    depth: u32,
    /// The message and place of the last panic caught there, on one line.
    message: Option<String>,
}

thread_local! {
    static CAUGHT: std::cell::RefCell<Caught> = std::cell::RefCell::new(Caught::default());
}

/// Install (once) a panic hook that, on a thread inside [`guarded`], keeps the message for the
/// error instead of printing it, and defers to the previous hook everywhere else.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let inside = CAUGHT.with(|c| match c.try_borrow_mut() {
                Ok(mut c) if c.depth > 0 => {
                    let what = info
                        .payload()
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| info.payload().downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    let at = info
                        .location()
                        .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
                    let line: String = what
                        .lines()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(160)
                        .collect();
                    c.message = Some(format!("{line}{at}"));
                    true
                }
                _ => false,
            });
            if !inside {
                prev(info);
            }
        }));
    });
}

/// Parse and check a decoded document.
pub fn report_from_document(doc: &Document) -> Report {
    test_panic(doc);
    let mut report = parse::parse(doc);
    run_checks(&mut report);
    report
}

/// Run the template's checks on a report (again), replacing its `checks`.
pub fn run_checks(report: &mut Report) {
    report.checks = analyze::checks::run(report);
}

/// Tests only (debug builds): make the parser panic on a document containing the text of the
/// environment variable GONGKAI_TEST_PANIC, to test that a parser bug costs one file. Release
/// builds never look at it.
#[doc(hidden)]
fn test_panic(doc: &Document) {
    if cfg!(debug_assertions) {
        if let Some(marker) = std::env::var_os("GONGKAI_TEST_PANIC") {
            let marker = marker.to_string_lossy();
            if !marker.is_empty() && doc.source.contains(&*marker) {
                panic!("test panic on the marker {marker}");
            }
        }
    }
}
