//! `gongkai index [PATH...] [--index DIR]`: parse reports in parallel and write or update the
//! index; a progress bar on a terminal, one summary line at the end.

use super::IndexArgs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: IndexArgs, quiet: bool) -> Result<super::Exit, gongkai::Error> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        args.paths.clone()
    };
    match build(&args.index, &paths, quiet, args.commit_every) {
        Ok(false) => Ok(super::Exit::Success),
        Ok(true) => Ok(super::Exit::Partial),
        Err(e) => Err(gongkai::Error::Usage(e)),
    }
}

/// Build the index and print the summary; Ok(true) when some input failed.
pub fn build(
    dir: &Path,
    paths: &[PathBuf],
    quiet: bool,
    commit_every: usize,
) -> Result<bool, String> {
    for p in paths {
        if !p.exists() {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    super::shared::renew_default_index(dir, quiet)?;
    let files = gongkai::index::collect_files(paths);
    let start = Instant::now();
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} indexing {pos}/{len} reports [{bar:30}] {eta}",
            )
            .unwrap()
            .progress_chars("=> "),
        );
        Some(b)
    } else {
        None
    };
    let tick = |_: &str| {
        if let Some(b) = &bar {
            b.inc(1)
        }
    };
    let stats = gongkai::index::build_with(dir, &files, &tick, commit_every)?;
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
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "indexed {} reports ({} unchanged), {} sections, {} warnings, {} failed, {} duplicates in {:.2}s ({:.1} MB/s) → {}",
            stats.reports,
            stats.unchanged,
            stats.sections,
            stats.warnings,
            stats.failures.len(),
            stats.duplicates.len(),
            secs,
            stats.bytes as f64 / 1e6 / secs.max(1e-9),
            dir.display()
        );
    }
    Ok(!stats.failures.is_empty())
}
