//! `gongkai index [PATH...] [--index DIR]`: make the index mirror the reports under the paths
//! (added, changed, removed, renamed), parsing in parallel; a progress bar on a terminal, one
//! summary line at the end, and with `--warnings` every file skipped and every parser warning.

use super::{Exit, IndexArgs};
use gongkai::index::files::Walk;
use gongkai::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: IndexArgs, quiet: bool) -> Result<Exit, Error> {
    let mut paths = args.paths.clone();
    if args.rebuild {
        if paths.is_empty() {
            // The paths the index was built from, as its marker recorded them (relative to
            // here when they are under here, so that sources read as before).
            let here = std::env::current_dir().ok();
            paths = gongkai::index::marker(&args.index)
                .map(|m| {
                    m.roots
                        .iter()
                        .map(|r| {
                            let r = PathBuf::from(r);
                            here.as_ref()
                                .and_then(|h| r.strip_prefix(h).ok())
                                .filter(|rel| !rel.as_os_str().is_empty())
                                .map_or(r.clone(), PathBuf::from)
                        })
                        .collect()
                })
                .unwrap_or_default();
        }
        gongkai::index::clear(&args.index)?;
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("corpus"));
    }
    super::shared::renew_default_index(&args.index, quiet)?;
    let walk = gongkai::index::files::walk(&paths, Some(&args.index))?;
    let failed = build(&args.index, &walk, quiet, args.warnings, args.commit_every)?;
    Ok(if failed { Exit::Partial } else { Exit::Success })
}

/// Bring the index up to date with the walk and print what happened; Ok(true) when some input
/// failed.
pub fn build(
    dir: &Path,
    walk: &Walk,
    quiet: bool,
    verbose: bool,
    commit_every: usize,
) -> Result<bool, Error> {
    let start = Instant::now();
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(walk.files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} indexing {pos}/{len} reports [{bar:30}] {eta}",
            )
            .expect("a valid progress template")
            .progress_chars("=> "),
        );
        b
    });
    let tick = |_: &str| {
        if let Some(b) = &bar {
            b.inc(1)
        }
    };
    let stats = gongkai::index::mirror(dir, walk, &tick, commit_every)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for f in &stats.failures {
        eprintln!("gongkai: {f}");
    }
    if !quiet {
        for d in &stats.duplicates {
            eprintln!("gongkai: {d}");
        }
    }
    if verbose {
        for s in &stats.skipped {
            eprintln!("gongkai: {s}");
        }
        for (source, warnings) in &stats.report_warnings {
            for w in warnings {
                eprintln!("gongkai: {source}: warning: {w}");
            }
        }
    }
    if !quiet {
        let secs = start.elapsed().as_secs_f64();
        let hint = if verbose || (stats.skipped.is_empty() && stats.warnings == 0) {
            ""
        } else {
            "; --warnings lists the warnings and skipped files"
        };
        eprintln!(
            "indexed {} reports ({} unchanged, {} removed), {} sections, {} warnings, {} skipped, {} failed, {} duplicates in {:.2}s ({:.1} MB/s) → {}{hint}",
            stats.reports,
            stats.unchanged,
            stats.removed,
            stats.sections,
            stats.warnings,
            stats.skipped.len(),
            stats.failures.len(),
            stats.duplicates.len(),
            secs,
            stats.bytes as f64 / 1e6 / secs.max(1e-9),
            dir.display()
        );
    }
    Ok(!stats.failures.is_empty())
}
