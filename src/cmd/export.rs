//! `gongkai export --format csv|jsonl|es-bulk|es-mapping`: the indexed reports (or the files
//! given) in a format for analysts or for a larger engine. Formats live in `gongkai::export`.

use super::ExportArgs;
use gongkai::export;
use gongkai::model::Report;
use rayon::prelude::*;
use std::io::{BufWriter, Write};

pub fn run(args: ExportArgs, quiet: bool) -> i32 {
    let mut sink: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => {
                eprintln!("gongkai: {}: cannot write: {e}", p.display());
                return 2;
            }
        },
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    if args.format == "es-mapping" {
        let text = serde_json::to_string_pretty(&export::es_mapping()).unwrap() + "\n";
        return finish(
            sink.write_all(text.as_bytes()).and_then(|_| sink.flush()),
            &args,
            0,
        );
    }
    let filters = match super::shared::filters(&args.filters) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gongkai: {e}");
            return 2;
        }
    };
    let (reports, failed) = if args.paths.is_empty() {
        match super::shared::indexed_reports(&args.index, quiet, &filters) {
            Ok(r) => (r, 0),
            Err(e) => {
                eprintln!("gongkai: {e}");
                return 2;
            }
        }
    } else {
        match parse_files(&args, &filters) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("gongkai: {e}");
                return 2;
            }
        }
    };
    let written = write_all(&mut *sink, &args, &reports).and_then(|_| sink.flush());
    if written.is_ok() && !quiet {
        eprintln!(
            "exported {} reports ({}){}{}",
            reports.len(),
            args.format,
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
    finish(written, &args, i32::from(failed > 0))
}

/// Parse the files under the paths in parallel, keeping those that pass the filters; a file
/// that cannot be read is reported on stderr and counted.
fn parse_files(
    args: &ExportArgs,
    filters: &gongkai::index::query::Filters,
) -> Result<(Vec<Report>, usize), String> {
    for p in &args.paths {
        if !p.exists() {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    let files = gongkai::index::collect_files(&args.paths);
    let results: Vec<Result<Report, String>> = files
        .par_iter()
        .map(|f| gongkai::load_report(f).map_err(|e| e.to_string()))
        .collect();
    let mut reports = Vec::new();
    let mut failed = 0;
    for r in results {
        match r {
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

fn write_all(out: &mut dyn Write, args: &ExportArgs, reports: &[Report]) -> std::io::Result<()> {
    match args.format.as_str() {
        "csv" => {
            if args.bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            // CRLF line ends, as RFC 4180 and Excel expect.
            write!(out, "{}\r\n", export::csv_header(args.header == "keys"))?;
            for r in reports {
                write!(out, "{}\r\n", export::csv_row(r))?;
            }
        }
        "jsonl" => {
            for r in reports {
                writeln!(out, "{}", serde_json::to_string(r).unwrap())?;
            }
        }
        _ => {
            for r in reports {
                out.write_all(export::es_bulk_lines(r, &args.es_index).as_bytes())?;
            }
        }
    }
    Ok(())
}

/// A closed pipe (`| head`) is not an error; any other write error is, naming the target.
fn finish(res: std::io::Result<()>, args: &ExportArgs, code: i32) -> i32 {
    match res {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let target = args
                .output
                .as_ref()
                .map_or("stdout".to_string(), |p| p.display().to_string());
            eprintln!("gongkai: {target}: cannot write: {e}");
            1
        }
    }
}
