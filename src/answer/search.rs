//! A search of the sections (`gongkai search WORDS`, the search page and `/api/search`): the
//! query and section names read as the command line reads them, then [`crate::index::query`].

use super::Opened;
use crate::index::query::{self, Filters, Hit, ParsedQuery};
use crate::model::SectionKind;
use crate::Error;
use serde::Serialize;

/// The hits of a search and how many sections matched in all.
#[derive(Debug, Serialize)]
pub struct Found {
    pub total: usize,
    /// Best first; each as `search --json` prints it on a line.
    pub hits: Vec<Hit>,
}

/// The user's words as a query; a query that cannot be parsed is a usage error.
pub fn parse(words: &str) -> Result<ParsedQuery, Error> {
    query::parse_query(words).map_err(|e| Error::Usage(format!("query: {e}")))
}

/// Section kinds given as spec keys (`problems`) or Chinese names (问题, 平台建设).
pub fn section_kinds(names: &[String]) -> Result<Vec<SectionKind>, Error> {
    names
        .iter()
        .map(|s| {
            SectionKind::from_user(s).ok_or_else(|| {
                let known: Vec<&str> = SectionKind::ALL.iter().map(|k| k.key()).collect();
                Error::Usage(format!(
                    "--section '{s}': unknown section (one of {}, or their Chinese names)",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

/// The `limit` best sections matching `q` and passing `filters`, and the number matching.
pub fn search(
    opened: &Opened,
    q: &ParsedQuery,
    filters: &Filters,
    limit: usize,
) -> Result<Found, Error> {
    let (total, hits) = query::search(&opened.index, &opened.fields, q, filters, limit)
        .map_err(|e| opened.damaged(&e))?;
    Ok(Found { total, hits })
}
