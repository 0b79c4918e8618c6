//! What several subcommands share: turning the filter flags into [`Filters`], and opening the
//! index (building the default one from corpus/ on first use).

use super::FilterArgs;
use gongkai::index::query::{self, Filters};
use gongkai::index::Fields;
use gongkai::Error;
use std::path::{Path, PathBuf};
use tantivy::Index;

/// The report filters of the flags; an error is a usage error (exit 2).
pub fn filters(args: &FilterArgs) -> Result<Filters, gongkai::Error> {
    use gongkai::model::{AgencyKind, Level};
    let mut f = Filters {
        agency: args.agency.clone(),
        region: args.region.clone(),
        level: args.level.map(|l| match l {
            super::LevelArg::Province => Level::Province,
            super::LevelArg::City => Level::City,
            super::LevelArg::County => Level::County,
            super::LevelArg::Township => Level::Township,
        }),
        kind: args.agency_kind.map(|k| match k {
            super::KindArg::Government => AgencyKind::Government,
            super::KindArg::Department => AgencyKind::Department,
        }),
        ..Filters::default()
    };
    if let Some(y) = &args.year {
        f.years = Some(query::parse_years(y).map_err(gongkai::Error::Usage)?);
    }
    for w in &args.r#where {
        f.conditions
            .push(query::parse_condition(w).map_err(gongkai::Error::Usage)?);
    }
    Ok(f)
}

/// The index directory used when neither `--index` nor `GONGKAI_INDEX` names one.
pub const DEFAULT_INDEX: &str = "index";

/// The folder the default index is built from on first use.
const DEFAULT_CORPUS: &str = "corpus";

fn is_default(dir: &Path) -> bool {
    dir == Path::new(DEFAULT_INDEX)
}

/// The default index is a cache of `corpus/`: one that gongkai wrote with another layout is
/// cleared (and then rebuilt) rather than refused.
pub fn renew_default_index(dir: &Path, quiet: bool) -> Result<(), Error> {
    if !is_default(dir) || !Path::new(DEFAULT_CORPUS).is_dir() {
        return Ok(());
    }
    if let Some(old) = gongkai::index::stale_format(dir) {
        if !quiet {
            eprintln!(
                "gongkai: index/ was written by another version of gongkai ({old}); rebuilding it"
            );
        }
        gongkai::index::clear(dir)?;
    }
    Ok(())
}

/// Open the index at `dir` for reading; the default `index/` is built from `corpus/` when it
/// is missing and there is a `corpus/` beside it.
pub fn open_index(dir: &Path, quiet: bool) -> Result<(Index, Fields), Error> {
    renew_default_index(dir, quiet)?;
    if !gongkai::index::exists(dir) {
        if !is_default(dir) || !Path::new(DEFAULT_CORPUS).is_dir() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        if !quiet {
            eprintln!("gongkai: no index yet; building it from corpus/ first");
        }
        let walk = gongkai::index::files::walk(&[PathBuf::from(DEFAULT_CORPUS)], Some(dir))?;
        super::index::build(dir, &walk, quiet, false, gongkai::index::COMMIT_EVERY)?;
    }
    gongkai::index::open(dir)
}

/// [`open_index`], as the [`gongkai::answer`] functions take it.
pub fn open(dir: &Path, quiet: bool) -> Result<gongkai::answer::Opened, Error> {
    let (index, fields) = open_index(dir, quiet)?;
    Ok(gongkai::answer::Opened {
        dir: dir.to_path_buf(),
        index,
        fields,
    })
}

/// What a panic while reading the index at `dir` means: damage, when some file of it fails
/// its checksum (tantivy panics on some garbled files instead of failing), or else a bug.
pub fn explain_panic(dir: &Path, message: &str) -> Error {
    let damaged = gongkai::index::readonly::ReadOnlyDirectory::open(dir)
        .ok()
        .and_then(|d| Index::open(d).ok())
        .map(|index| index.validate_checksum().map(|bad| bad.len()).unwrap_or(1));
    match damaged {
        Some(0) => Error::Bug(message.to_string()),
        Some(n) => Error::Damaged {
            dir: dir.to_path_buf(),
            detail: format!("{n} of its files fail their checksum"),
        },
        None => Error::Damaged {
            dir: dir.to_path_buf(),
            detail: "it cannot be opened".into(),
        },
    }
}

/// Call `each` with every indexed report passing the filters, in source order, a bounded batch
/// at a time (see `gongkai::index::for_each_report`).
pub fn each_indexed_report(
    dir: &Path,
    quiet: bool,
    filters: &Filters,
    parts: gongkai::index::Parts,
    each: impl FnMut(gongkai::model::Report) -> Result<(), Error>,
) -> Result<(), Error> {
    let (index, fields) = open_index(dir, quiet)?;
    gongkai::index::for_each_report(&index, &fields, filters, parts, each).map_err(|e| match e {
        gongkai::index::StreamError::Index(m) => Error::damaged(dir, &m),
        gongkai::index::StreamError::Stopped(e) => e,
    })
}
