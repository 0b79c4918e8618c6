//! The command line: every subcommand and flag is defined here, with its documentation; each
//! subcommand's work lives in its own file. Exit codes: 0 ok, 1 some input failed, 2 usage error.

mod parse;
pub mod style;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "gongkai", version, about = "Search and compare government information-disclosure annual reports (政府信息公开工作年度报告)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports and show their metadata, sections, tables, checks and warnings.
    #[command(after_help = "Examples:\n  gongkai parse corpus/guangzhou-ybj-2022.txt\n  gongkai parse corpus/* --json > reports.jsonl\n  gongkai parse corpus/pingtan-2022.txt --explain requests.new_received.total\n  gongkai parse corpus/shanghai-chongming-ybj-2023.txt --explain check:balance")]
    Parse(ParseArgs),
}

#[derive(clap::Args)]
pub struct ParseArgs {
    /// Report files (.txt, .md, .html; UTF-8, GBK/GB18030, Big5 or UTF-16).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the parsed-report JSON contract, one object per line.
    #[arg(long)]
    pub json: bool,
    /// Show where a figure is printed (a key such as requests.new_received.total) or which cells
    /// a check used (check:balance).
    #[arg(long, value_name = "KEY")]
    pub explain: Option<String>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Parse(a) => parse::run(a),
    }
}
