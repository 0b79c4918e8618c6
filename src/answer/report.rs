//! One indexed report by its source (the report page and `/api/report`): the parsed report as
//! the index restores it, and — for showing where each figure is printed — the report's file
//! decoded again, found through the path the index recorded, never through a path from a user.

use super::Opened;
use crate::ingest::Document;
use crate::model::Report;
use crate::Error;
use std::path::PathBuf;

/// A report and, when its file is still there unchanged, the decoded source its provenance
/// points into.
pub struct Shown {
    pub report: Report,
    pub document: Result<Document, String>,
}

/// The parsed report whose source is `source` (as `search` prints it); None when the index has
/// no such report.
pub fn report(opened: &Opened, source: &str) -> Result<Option<Report>, Error> {
    Ok(located(opened, source)?.map(|l| l.report))
}

fn located(opened: &Opened, source: &str) -> Result<Option<crate::index::Located>, Error> {
    crate::index::report_by_source(&opened.index, &opened.fields, source)
        .map_err(|e| opened.damaged(&e))
}

/// [`report`] with its decoded source: read from the path the index recorded, and only when the
/// file's content hash is still the indexed one (else the reason it is not shown).
pub fn shown(opened: &Opened, source: &str) -> Result<Option<Shown>, Error> {
    let Some(l) = located(opened, source)? else {
        return Ok(None);
    };
    let document = source_document(&l);
    Ok(Some(Shown {
        report: l.report,
        document,
    }))
}

fn source_document(l: &crate::index::Located) -> Result<Document, String> {
    let path = path_of(&l.path);
    let bytes =
        crate::ingest::read_file(&path, crate::ingest::DEFAULT_MAX_BYTES).map_err(|e| e.reason)?;
    if crate::index::content_hash(&bytes) != l.hash {
        return Err("the file has changed since it was indexed".into());
    }
    Document::from_bytes(&l.report.source, &bytes).map_err(|e| e.reason)
}

#[cfg(unix)]
fn path_of(key: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(key))
}

#[cfg(not(unix))]
fn path_of(key: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(key).into_owned())
}
