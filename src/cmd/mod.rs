//! The command line: every subcommand and flag is defined here, with its documentation; each
//! subcommand's work lives in its own file. Exit codes: 0 ok, 1 some input failed, 2 usage error.

mod index;
mod parse;
mod search;
pub mod style;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Search and compare government information-disclosure annual reports (政府信息公开工作年度报告)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports and show their metadata, sections, tables, checks and warnings.
    #[command(
        after_help = "Examples:\n  gongkai parse corpus/guangzhou-ybj-2022.txt\n  gongkai parse corpus/* --json > reports.jsonl\n  gongkai parse corpus/pingtan-2022.txt --explain requests.new_received.total\n  gongkai parse corpus/shanghai-chongming-ybj-2023.txt --explain check:balance"
    )]
    Parse(ParseArgs),
    /// Parse every report under the paths and write (or update) the search index.
    #[command(
        after_help = "Examples:\n  gongkai index                 # corpus/ into index/\n  gongkai index ~/reports --index /data/gk-index"
    )]
    Index(IndexArgs),
    /// Search report sections: all words required, \"phrases\", -excluded, A OR B.
    #[command(
        after_help = "Examples:\n  gongkai search 政策解读\n  gongkai search 解读 形式 --section 问题\n  gongkai search 平台 --agency 广州 --year 2021..2024\n  gongkai search 申请 --where 'requests.new_received.total>10' --json"
    )]
    Search(SearchArgs),
}

#[derive(clap::Args)]
pub struct IndexArgs {
    /// Files or directories of reports (default: corpus/).
    pub paths: Vec<PathBuf>,
    /// Index directory.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find (each one a substring of the section text, in simplified or traditional).
    /// Quote the whole query to use -exclusions: '政策解读 -培训'.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Only these sections: a spec kind (problems, platforms, …) or its Chinese name (问题, 平台建设, …).
    #[arg(long, short)]
    pub section: Vec<String>,
    /// Only agencies whose name contains this (广州 matches 广州市医疗保障局).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only agencies in a province, city or county whose name contains this.
    #[arg(long)]
    pub region: Option<String>,
    /// Only these statistical years: 2022, 2021..2024, 2021.., ..2020.
    #[arg(long)]
    pub year: Option<String>,
    /// A figure condition, e.g. 'requests.new_received.total>10' (repeatable).
    #[arg(long = "where", value_name = "KEY<OP>N")]
    pub r#where: Vec<String>,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// One JSON object per hit: source, agency, year, region, kind, score, snippet.
    #[arg(long)]
    pub json: bool,
    /// Index directory.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
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
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
    }
}
