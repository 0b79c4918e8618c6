//! What several subcommands share: turning the filter flags into [`Filters`], and opening the
//! index (building the default one from corpus/ on first use).

use super::FilterArgs;
use gongkai::index::query::{self, Filters};
use gongkai::index::Fields;
use std::path::{Path, PathBuf};
use tantivy::Index;

/// The report filters of the flags; an error is a usage error (exit 2).
pub fn filters(args: &FilterArgs) -> Result<Filters, gongkai::Error> {
    let mut f = Filters {
        agency: args.agency.clone(),
        region: args.region.clone(),
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

/// The default index is a cache of `corpus/`: one written by another version of gongkai is
/// cleared (and then rebuilt) rather than refused.
pub fn renew_default_index(dir: &Path, quiet: bool) -> Result<(), String> {
    if dir != Path::new("index") {
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

/// Open the index at `dir`; the default `index/` is built from `corpus/` when it is missing.
pub fn open_index(dir: &Path, quiet: bool) -> Result<(Index, Fields), String> {
    renew_default_index(dir, quiet)?;
    if !gongkai::index::exists(dir) {
        if dir != Path::new("index") {
            return Err(format!(
                "{}: no index here (run gongkai index --index {})",
                dir.display(),
                dir.display()
            ));
        }
        if !quiet {
            eprintln!("gongkai: no index yet; building it from corpus/ first");
        }
        super::index::build(
            dir,
            &[PathBuf::from("corpus")],
            quiet,
            gongkai::index::COMMIT_EVERY,
        )?;
    }
    gongkai::index::open(dir)
}
