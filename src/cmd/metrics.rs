//! `gongkai metrics`: the metric dictionary (`data/metrics.tsv`), for people or as JSON lines.

use super::{Exit, MetricsArgs};
use gongkai::analyze::metrics;
use std::io::Write;

pub fn run(args: MetricsArgs) -> Result<Exit, gongkai::Error> {
    let mut out = std::io::stdout().lock();
    for m in metrics::all() {
        let line = if args.json {
            serde_json::json!({
                "id": m.id,
                "name": m.name,
                "formula": m.formula,
                "meaning": m.meaning,
                "keys": m.expr.keys(),
                "prev_keys": m.expr.prev_keys(),
            })
            .to_string()
        } else {
            format!(
                "{} {}\n  = {}\n  {}\n",
                super::style::bold(&m.id),
                m.name,
                m.formula,
                m.meaning
            )
        };
        if writeln!(out, "{line}").is_err() {
            break; // a closed pipe (| head) is not an error
        }
    }
    Ok(Exit::Success)
}
