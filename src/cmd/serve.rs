//! `gongkai serve`: the web page and JSON API over the index ([`gongkai::serve`]); this file
//! opens the index (building the default one from corpus/ first, as `search` does) and says
//! where the page is once the server listens.

use super::{Exit, ServeArgs};
use gongkai::serve::{serve, Limits};
use gongkai::Error;
use std::io::Write;

/// Runs until the process is stopped; exit 2 when the index cannot be opened or the address
/// cannot be listened on.
pub fn run(args: ServeArgs, quiet: bool) -> Result<Exit, Error> {
    let opened = super::shared::open(&args.index, quiet)?;
    let limits = Limits {
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        ..Limits::default()
    };
    let dir = args.index.dir.display().to_string();
    serve(opened, &args.bind, limits, |addr| {
        // The one line on stdout: the address (tests and scripts read it; port 0 picks one).
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{addr}/");
        let _ = out.flush();
        if !quiet {
            eprintln!(
                "gongkai: serving the index at {dir} on http://{addr}/ (read-only; Ctrl-C stops)"
            );
        }
    })?;
    Ok(Exit::Success)
}
