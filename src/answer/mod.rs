//! What each question over an index answers — a search, a comparison, the themes, a ranking, a
//! profile, the anomalies — as values, computed once here for both faces of gongkai: the
//! command line prints them (and its `--json` serialises them) and the web server (`serve`)
//! renders them as pages and serves the same JSON, equal by construction.

pub mod anomalies;
pub mod compare;
pub mod profile;
pub mod rank;
pub mod report;
pub mod search;
pub mod themes;

use crate::index::Fields;
use crate::Error;
use std::path::{Path, PathBuf};
use tantivy::Index;

/// An opened index and the directory it was opened from (errors name the directory).
#[derive(Clone)]
pub struct Opened {
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl Opened {
    /// Open the index at `dir` for reading (it must exist: building the default one is the
    /// command line's business).
    pub fn open(dir: &Path) -> Result<Opened, Error> {
        let (index, fields) = crate::index::open(dir)?;
        Ok(Opened {
            dir: dir.to_path_buf(),
            index,
            fields,
        })
    }

    /// What tantivy fails on while reading an index that opened: damage, in words.
    pub fn damaged(&self, detail: &str) -> Error {
        Error::damaged(&self.dir, detail)
    }
}
