//! `gongkai export --format csv|jsonl|es-bulk|es-mapping`: the indexed reports (or the files
//! given) in a format for analysts or for a larger engine. Formats live in `gongkai::export`.

use super::style::{counter, progress};
use super::{ExportArgs, Format, Header};
use gongkai::export;
use gongkai::model::Report;
use gongkai::Error;
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Exit 0 when every input was read, 1 when some files failed (each named on stderr, the rest
/// exported), 2 when the command failed.
pub fn run(args: ExportArgs, quiet: bool) -> Result<super::Exit, Error> {
    let target = args.output.as_deref().unwrap_or(Path::new("stdout"));
    let werr = |e: std::io::Error| Error::write(target, &e);
    let mut sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).map_err(|e| Error::io(p, &e))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    if args.format == Format::EsMapping {
        let text = serde_json::to_string_pretty(&export::es_mapping()).expect("JSON") + "\n";
        sink.write_all(text.as_bytes())
            .and_then(|_| sink.flush())
            .map_err(werr)?;
        return Ok(super::Exit::Success);
    }
    let filters = super::shared::filters(&args.filters)?;
    write_head(&mut *sink, &args).map_err(werr)?;
    let mut exported = 0usize;
    let tick = |bar: &Option<indicatif::ProgressBar>| {
        if let Some(b) = bar {
            b.inc(1)
        }
    };
    let failed = if args.paths.is_empty() {
        // From the index, one batch at a time: memory holds a batch, not the corpus.
        let bar = counter("exporting", quiet);
        super::shared::each_indexed_report(
            &args.index,
            quiet,
            &filters,
            gongkai::index::Parts::Whole,
            |r| {
                write_report(&mut *sink, &args, &r).map_err(werr)?;
                exported += 1;
                tick(&bar);
                Ok(())
            },
        )?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        0
    } else {
        let (reports, failed) = parse_files(&args.paths, &filters, quiet)?;
        let bar = progress(reports.len() as u64, "exporting", quiet);
        for r in &reports {
            write_report(&mut *sink, &args, r).map_err(werr)?;
            exported += 1;
            tick(&bar);
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        failed
    };
    sink.flush().map_err(werr)?;
    if !quiet {
        eprintln!(
            "exported {} reports ({}){}{}",
            exported,
            args.format.name(),
            if failed > 0 {
                format!(", {failed} files failed")
            } else {
                String::new()
            },
            args.output
                .as_ref()
                .map_or(String::new(), |p| format!(" → {}", p.display()))
        );
    }
    Ok(if failed > 0 {
        super::Exit::Partial
    } else {
        super::Exit::Success
    })
}

/// Parse the files under the paths in parallel, keeping those that pass the filters; a file
/// that cannot be read is reported on stderr and counted.
fn parse_files(
    paths: &[std::path::PathBuf],
    filters: &gongkai::index::query::Filters,
    quiet: bool,
) -> Result<(Vec<Report>, usize), Error> {
    // The same walk as `gongkai index`: what cannot be read is named and counted, what is not
    // a report format is passed over.
    let walk = gongkai::index::files::walk(paths, None)?;
    for e in &walk.errors {
        eprintln!("gongkai: {e}");
    }
    let files: Vec<std::path::PathBuf> = walk.files.into_iter().map(|f| f.path).collect();
    let bar = progress(files.len() as u64, "parsing", quiet);
    let results: Vec<_> = files
        .par_iter()
        .map(|f| {
            let r = gongkai::load_report(f);
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut reports = Vec::new();
    let mut failed = walk.errors.len();
    for r in results {
        match r {
            // Not a report (a README, a note): left out, as `gongkai index` leaves it out.
            Ok(r) if gongkai::index::not_a_report(&r).is_some() => {}
            Ok(r) if filters.matches(&r) => reports.push(r),
            Ok(_) => {}
            Err(e) => {
                eprintln!("gongkai: {e}");
                failed += 1;
            }
        }
    }
    Ok((reports, failed))
}

/// What comes before the reports: the CSV header (and byte order mark).
fn write_head(out: &mut dyn Write, args: &ExportArgs) -> std::io::Result<()> {
    if args.format == Format::Csv {
        if args.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        // CRLF line ends, as RFC 4180 and Excel expect.
        write!(
            out,
            "{}\r\n",
            export::csv_header(args.header == Header::Keys)
        )?;
    }
    Ok(())
}

/// One report in the format asked for.
fn write_report(out: &mut dyn Write, args: &ExportArgs, r: &Report) -> std::io::Result<()> {
    match args.format {
        Format::Csv => write!(out, "{}\r\n", export::csv_row(r)),
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")
        }
        Format::EsBulk | Format::EsMapping => {
            out.write_all(export::es_bulk_lines(r, &args.es_index).as_bytes())
        }
    }
}
