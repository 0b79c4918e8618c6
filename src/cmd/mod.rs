//! The command line: every subcommand and flag is defined here, with its documentation; each
//! subcommand's work lives in its own file, and returns to [`main`], the one exit path.
//!
//! Exit codes, as grep and ripgrep use them:
//!
//! | command | 0 | 1 | 2 |
//! |---|---|---|---|
//! | `search` | hits found | no hits | error |
//! | `parse`, `export`, `index` | every input read | some inputs failed (the rest done) | the command failed |
//! | `anomalies` | anomalies listed | none found | error |
//! | `themes`, `compare`, `profile`, `completions` | done | – | error |
//! | `serve` | – (runs until stopped) | – | the index or the address failed |
//!
//! A closed standard output (`gongkai … | head -1`) ends a command quietly with 0.

mod anomalies;
mod compare;
mod completions;
mod export;
mod index;
mod list;
mod metrics;
mod parse;
mod profile;
mod rank;
mod search;
mod serve;
mod shared;
pub mod style;
mod themes;

use clap::{Parser, Subcommand, ValueEnum};
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
    /// Print nothing on stderr but errors (no progress, summaries or warnings).
    #[arg(long, short, global = true)]
    quiet: bool,
    /// When to colour (auto: on a terminal, unless NO_COLOR is set; always ignores NO_COLOR).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

/// `--color`: as ripgrep, `always` forces colour and NO_COLOR only affects `auto`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports and show their metadata, sections, tables, checks and warnings.
    #[command(
        after_help = "Examples:\n  gongkai parse corpus/guangzhou-ybj-2022.txt\n  gongkai parse corpus/* --json > reports.jsonl\n  gongkai parse corpus/pingtan-2022.txt --explain requests.new_received.total\n  gongkai parse corpus/shanghai-chongming-ybj-2023.txt --explain check:balance"
    )]
    Parse(ParseArgs),
    /// Make the index mirror the reports under the paths: new and changed ones indexed, deleted
    /// and renamed ones removed or moved.
    #[command(
        after_help = "Examples:\n  gongkai index                 # corpus/ into index/\n  gongkai index ~/reports --index /data/gk-index\n  gongkai index ~/reports -v    # list skipped files and warnings\n  gongkai index --rebuild --index /data/gk-index   # a damaged index, from its own paths"
    )]
    Index(IndexArgs),
    /// Search report sections: all words required, \"phrases\", -excluded, A OR B.
    #[command(
        after_help = "Examples:\n  gongkai search 政策解读\n  gongkai search 解读 形式 --section 问题\n  gongkai search 平台 --agency 广州 --year 2021..2024\n  gongkai search 申请 --where 'requests.new_received.total>10' --json\n  gongkai search '公开 -政策'        # -政策 excluded\n  gongkai search -n 5 -- -政策 公开  # the same, after --\n  gongkai search '\"政务 公开\"'     # adjacent words\n  gongkai search 解读 --items        # the problem items of section 五\n  gongkai search --where 'requests.new_received.total>10' --sort=-requests.new_received.total   # list reports"
    )]
    Search(SearchArgs),
    /// Group the problems of section 五 into recurring themes across reports, with counts and
    /// examples; --reuse shows how much of each report repeats earlier ones.
    #[command(
        after_help = "Examples:\n  gongkai themes\n  gongkai themes --by province --year 2022..\n  gongkai themes --section improvements --agency 医疗保障局 --json\n  gongkai themes --reuse\n  gongkai themes --taxonomy my-themes.tsv   # same format as data/themes.tsv"
    )]
    Themes(ThemesArgs),
    /// Compare two agency-years side by side, or one agency across years.
    #[command(
        after_help = "Examples:\n  gongkai compare 广州:2022 崇明:2023\n  gongkai compare 广州:2022 崇明:2023 --all --lines\n  gongkai compare 平潭:2019 平潭:2022 --text   # each section's two texts side by side\n  gongkai compare 平潭 --years 2019..2025\n  gongkai compare corpus/pingtan-2019.txt corpus/pingtan-2022.txt --json"
    )]
    Compare(CompareArgs),
    /// Export reports as CSV (one row per report), JSON lines, or Elasticsearch bulk.
    #[command(
        after_help = "Examples:\n  gongkai export --format csv --bom -o reports.csv          # opens in Excel\n  gongkai export --format csv --header keys --year 2022..   # keys for pandas\n  gongkai export --format jsonl corpus/ > reports.jsonl      # parse files, no index\n  gongkai export --format es-mapping > mapping.json\n  gongkai export --format es-bulk | curl -s -H 'Content-Type: application/x-ndjson' \\\n      -XPOST localhost:9200/_bulk --data-binary @-"
    )]
    Export(ExportArgs),
    /// List the metrics rank knows: id, Chinese name, formula over figure keys, meaning.
    #[command(after_help = "Examples:\n  gongkai metrics\n  gongkai metrics --json")]
    Metrics(MetricsArgs),
    /// Rank reports by a figure or a metric, within groups, with percentiles and quartiles.
    #[command(
        after_help = "Examples:\n  gongkai rank rate.disclosed\n  gongkai rank 公开率 --by level --top 10\n  gongkai rank requests.new_received.total --year 2023 --by province --json\n  gongkai rank 新收·总计 --asc --csv > rank.csv"
    )]
    Rank(RankArgs),
    /// One agency-year's key figures and rates among its peers (quartiles, percentile, rank),
    /// its own trend over the years, and its anomalies.
    #[command(
        after_help = "Examples:\n  gongkai profile 广州\n  gongkai profile 平潭:2019 --peers all\n  gongkai profile 崇明 --peers province --json"
    )]
    Profile(ProfileArgs),
    /// List the reports whose figures deserve a second look, most serious first, with the
    /// evidence: failed checks, prose contradicting table 三, broken carried-over chains,
    /// year-over-year jumps, copied prose.
    #[command(
        after_help = "Examples:\n  gongkai anomalies\n  gongkai anomalies --kind jump,carried-over --year 2022\n  gongkai anomalies --region 广东 --top 20 --json"
    )]
    Anomalies(AnomaliesArgs),
    /// Serve a read-only web page and JSON API over the index on this machine: search,
    /// reports with every figure's source line, comparisons with charts, themes, ranks,
    /// profiles, anomalies.
    #[command(
        after_help = "Examples:\n  gongkai serve                          # http://127.0.0.1:7878/\n  gongkai serve --index ~/gk-index --bind 127.0.0.1:8080\n  gongkai serve --bind 127.0.0.1:0       # a free port; the address is printed"
    )]
    Serve(ServeArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai\n  gongkai completions zsh > ~/.zfunc/_gongkai\n  gongkai completions fish > ~/.config/fish/completions/gongkai.fish"
    )]
    Completions(CompletionsArgs),
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Report files or directories to parse and export; without them, the indexed reports.
    pub paths: Vec<PathBuf>,
    /// csv: a row per report, a column per figure; jsonl: the parsed-report contract per line;
    /// es-bulk: Elasticsearch/OpenSearch bulk lines; es-mapping: the matching index mapping.
    #[arg(long, short, value_enum)]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// CSV header: Chinese labels (default) or the spec's keys.
    #[arg(long, value_enum, default_value_t = Header::Labels)]
    pub header: Header,
    /// Start the CSV with a UTF-8 byte order mark, so that Excel opens it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// The Elasticsearch index the bulk actions name.
    #[arg(long, default_value = "gongkai")]
    pub es_index: String,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub index: IndexDir,
}

/// `export --format`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    EsBulk,
    EsMapping,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::EsBulk => "es-bulk",
            Format::EsMapping => "es-mapping",
        }
    }
}

/// `export --header`: Chinese labels or the spec's keys.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Header {
    Labels,
    Keys,
}

#[derive(clap::Args)]
pub struct MetricsArgs {
    /// One JSON object per metric: id, name, formula, meaning, keys, prev_keys.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct RankArgs {
    /// A figure key (requests.new_received.total), a metric id (rate.disclosed) or a Chinese
    /// label (公开率, 新收·总计).
    pub key: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Rank within groups.
    #[arg(long, value_enum)]
    pub by: Option<gongkai::answer::rank::GroupBy>,
    /// Show the first N ranks of each group (ties at the edge included).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Rank the smallest value first.
    #[arg(long)]
    pub asc: bool,
    /// One JSON object per report: rank, n, percentile, agency, year, source, value, group,
    /// p25, p50, p75.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV with the columns of --json (and why).
    #[arg(long)]
    pub csv: bool,
    /// With --json or --csv: also a line per report without a value (value null, why).
    #[arg(long)]
    pub missing: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

#[derive(clap::Args)]
pub struct ProfileArgs {
    /// AGENCY or AGENCY:YEAR (the name may be partial: 广州, 广州:2022); without a year, the
    /// agency's latest indexed year.
    #[arg(value_name = "AGENCY[:YEAR]")]
    pub unit: String,
    /// Who the peers are (all of the same year): province = same province, level and kind;
    /// level = same level and kind nationwide; all = every report.
    #[arg(long, value_enum, default_value_t = gongkai::answer::profile::Peers::Level)]
    pub peers: gongkai::answer::profile::Peers,
    /// One JSON object: agency, year, source, peers {by, n}, figures [{key, label, value, p25,
    /// p50, p75, percentile, rank, n}], trend, anomalies.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

#[derive(clap::Args)]
pub struct AnomaliesArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only these rules (comma-separated or repeated; default all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub kind: Vec<anomalies::KindArg>,
    /// Show the N most serious.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// One JSON object per anomaly: agency, year, source, kind, severity, key, value,
    /// expected, detail, lines.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on: loopback by default (only this machine); 0 as the port picks a free
    /// one. The address is printed on stdout once listening.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// The longest a request may take, in seconds, before it is answered 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    pub timeout: f64,
    #[command(flatten)]
    pub index: IndexDir,
}

/// A duration in seconds: a number from 0 to a day.
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=86400.0).contains(&x) => Ok(x),
        _ => Err(format!("'{s}': give seconds, from 0 to 86400")),
    }
}

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where the index is: one flag for every command that uses one.
#[derive(clap::Args, Debug, Clone)]
pub struct IndexDir {
    /// Index directory (else $GONGKAI_INDEX, else ./index).
    #[arg(
        long = "index",
        env = "GONGKAI_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
}

impl std::ops::Deref for IndexDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.dir
    }
}

/// Which reports to use: the same filters as `search`, applied per report.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only agencies whose name contains every word of this (广州 医疗 matches 广州市医疗保障局).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only agencies in a province, city or county whose names contain every word of this.
    #[arg(long)]
    pub region: Option<String>,
    /// Only these statistical years: 2022, 2021..2024, 2021.., ..2020.
    #[arg(long)]
    pub year: Option<String>,
    /// A figure condition, e.g. 'requests.new_received.total>10' (repeatable).
    #[arg(long = "where", value_name = "KEY<OP>N")]
    pub r#where: Vec<String>,
    /// Only agencies of this level (a municipality's 区 and a county-level city are county).
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// Only governments (人民政府, a zone's 管委会, 街道办事处) or only their departments.
    #[arg(long, value_enum)]
    pub agency_kind: Option<KindArg>,
}

/// `--level`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelArg {
    Province,
    City,
    County,
    Township,
}

/// `--agency-kind`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Government,
    Department,
}

#[derive(clap::Args)]
pub struct ThemesArgs {
    /// Which items of section 五: problems (存在的主要问题) or improvements (改进情况).
    #[arg(long, short, value_enum, default_value_t = ThemeSection::Problems)]
    pub section: ThemeSection,
    /// Break the report counts down by year or by province.
    #[arg(long, value_enum, default_value_t = ThemeBy::Year)]
    pub by: ThemeBy,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// A taxonomy file replacing the built-in one (format of data/themes.tsv).
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Example items shown per theme (all of them with --json).
    #[arg(long, default_value_t = 3)]
    pub examples: usize,
    /// Instead of themes: per report, the share of its prose found in the same agency's previous
    /// report and in its nearest other report.
    #[arg(long)]
    pub reuse: bool,
    /// One JSON object per line: a theme {label, reports, agencies, origin, by, items}, or with
    /// --reuse a report {source, agency, year, chars, previous, nearest}.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

/// `themes --section`: the two lists of section 五.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeSection {
    #[value(alias = "problem", alias = "问题", alias = "存在的主要问题")]
    Problems,
    #[value(alias = "improvement", alias = "改进", alias = "改进情况")]
    Improvements,
}

/// `themes --by`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeBy {
    Year,
    Province,
}

#[derive(clap::Args)]
pub struct CompareArgs {
    /// AGENCY:YEAR (the name may be partial: 广州:2022), or a report file.
    #[arg(required = true, value_name = "LEFT")]
    pub left: String,
    /// AGENCY:YEAR or a report file; leave out to compare LEFT's agency across years.
    #[arg(value_name = "RIGHT")]
    pub right: Option<String>,
    /// Compare one agency across these years: 2019..2025 (default: every indexed year).
    #[arg(long, value_name = "FROM..TO")]
    pub years: Option<String>,
    /// Show every figure, including rows where both sides are zero or not printed.
    #[arg(long)]
    pub all: bool,
    /// Show the source line of every figure and section heading.
    #[arg(long)]
    pub lines: bool,
    /// Show each prose section's two texts side by side, paragraph against paragraph (two
    /// sides only).
    #[arg(long)]
    pub text: bool,
    /// Print one JSON object (keys as in the README).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

#[derive(clap::Args)]
pub struct IndexArgs {
    /// Files or directories of reports (default: corpus/).
    pub paths: Vec<PathBuf>,
    /// Commit after every N reports: a build killed at any moment keeps what was committed, and
    /// running it again skips those files.
    #[arg(long, value_name = "N", default_value_t = gongkai::index::COMMIT_EVERY)]
    pub commit_every: usize,
    /// Delete the index and build it again, from the paths given or else from the paths it was
    /// built from (a damaged index, or one of another version). Only a directory gongkai
    /// created is ever deleted.
    #[arg(long)]
    pub rebuild: bool,
    /// List every file skipped (with the reason) and every parser warning, file by file.
    #[arg(long, short = 'v', visible_alias = "verbose")]
    pub warnings: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find (each one a substring of a section's text or heading, in simplified or
    /// traditional; of the statistical tables, only their lines of prose are searched, not the
    /// labels every report prints); "quoted words" must be adjacent. An argument starting
    /// with - is a flag: exclude with '政策解读 -培训' (quoted, a word first) or put the query
    /// after the options and --: -n 5 -- -培训 政策解读. Without words, the reports passing the
    /// filters are listed, one line each.
    pub query: Vec<String>,
    /// Search only the problem items of section 五 (存在的主要问题), not the improvements
    /// beside them or the rest of the text.
    #[arg(long)]
    pub items: bool,
    /// Without words: order the listed reports by a figure key, largest first with -KEY
    /// (--sort=-requests.new_received.total), or by year or agency.
    #[arg(long, value_name = "[-]KEY", allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// Print only how many sections match (or, without words, how many reports).
    #[arg(long)]
    pub count: bool,
    /// Only these sections: a spec kind (problems, platforms, …) or its Chinese name (问题, 平台建设, …).
    #[arg(long, short)]
    pub section: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// One JSON object per hit: source, agency, year, region, kind, score, snippet (without
    /// words, per report: source, agency, year, region, figures; with --count, {"count": N}).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexDir,
}

#[derive(clap::Args)]
pub struct ParseArgs {
    /// Report files (.txt, .md, .html, .mhtml, .pdf, .ofd, .docx, .doc, .rtf, .odt; text in UTF-8, GBK/GB18030, Big5 or UTF-16).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the parsed-report JSON contract, one object per line.
    #[arg(long)]
    pub json: bool,
    /// Show where a figure is printed (a key such as requests.new_received.total) or which cells
    /// a check used (check:balance).
    #[arg(long, value_name = "KEY")]
    pub explain: Option<String>,
}

/// The clap command, for completions.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// How a command that ran to its end went; a command that could not run returns a
/// [`gongkai::Error`] instead.
pub enum Exit {
    /// Everything asked for was done (search: something was found).
    Success,
    /// Some inputs failed and the rest were done (index, parse, export), or search found
    /// nothing.
    Partial,
}

/// The one exit path: every command's end becomes its exit code here, and every error is
/// printed here, as one line (0 ok, 1 some inputs failed / no hits, 2 the command failed).
pub fn main() -> i32 {
    /// clap's error on one line: the message, the possible values and a tip, without the usage
    /// block and the pointer to --help.
    fn one_line_usage(e: &clap::Error) -> String {
        let text = e.render().to_string();
        let parts: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
            })
            .map(|l| l.strip_prefix("error: ").unwrap_or(l))
            .collect();
        let mut out = String::new();
        for p in parts {
            if !out.is_empty() {
                out.push_str(if out.ends_with(':') || p.starts_with('[') {
                    " "
                } else {
                    "; "
                });
            }
            out.push_str(p);
        }
        out
    }

    let cli = match Cli::try_parse() {
        Ok(c) => c,
        // Help and version go to stdout as clap writes them; on a closed pipe they have
        // nowhere to go, which is not an error.
        Err(e) if !e.use_stderr() => return e.print().map_or(0, |()| 0),
        // A usage error is one line, like every other error.
        Err(e) => {
            eprintln!("gongkai: {}", one_line_usage(&e));
            return 2;
        }
    };
    let quiet = cli.quiet;
    style::set_color(cli.color);
    let index_dir = cli.command.index_dir();
    // A panic anywhere (tantivy panics on some garbled index files) ends as one line and exit
    // 2, never a backtrace: the hook keeps the message for the exit path instead of printing.
    // (A parser panic inside `gongkai::load_report` is caught there and costs one file.)
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = PANIC.lock() {
            *last = format!("{what}{place}");
        }
    }));
    let run = std::panic::AssertUnwindSafe(|| dispatch(cli.command, quiet));
    let result = std::panic::catch_unwind(run).unwrap_or_else(|_| {
        let message = PANIC.lock().map(|m| m.clone()).unwrap_or_default();
        Err(match &index_dir {
            Some(dir) if gongkai::index::exists(dir) => shared::explain_panic(dir, &message),
            _ => gongkai::Error::Bug(message),
        })
    });
    match result {
        Ok(Exit::Success) => 0,
        Ok(Exit::Partial) => 1,
        // Nobody reads the rest: stop quietly, as ripgrep does.
        Err(gongkai::Error::BrokenPipe) => 0,
        Err(e) => {
            eprintln!("gongkai: {e}");
            2
        }
    }
}

/// The message of the last panic, for the exit path.
static PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

fn dispatch(command: Command, quiet: bool) -> Result<Exit, gongkai::Error> {
    match command {
        Command::Parse(a) => parse::run(a, quiet),
        Command::Index(a) => index::run(a, quiet),
        Command::Search(a) => search::run(a, quiet),
        Command::Themes(a) => themes::run(a, quiet),
        Command::Compare(a) => compare::run(a, quiet),
        Command::Export(a) => export::run(a, quiet),
        Command::Completions(a) => completions::run(a),
        Command::Metrics(a) => metrics::run(a),
        Command::Rank(a) => rank::run(a, quiet),
        Command::Profile(a) => profile::run(a, quiet),
        Command::Anomalies(a) => anomalies::run(a, quiet),
        Command::Serve(a) => serve::run(a, quiet),
    }
}

impl Command {
    /// The index a command reads or writes, if it uses one.
    fn index_dir(&self) -> Option<PathBuf> {
        match self {
            Command::Index(a) => Some(a.index.dir.clone()),
            Command::Search(a) => Some(a.index.dir.clone()),
            Command::Themes(a) => Some(a.index.dir.clone()),
            Command::Compare(a) => Some(a.index.dir.clone()),
            Command::Rank(a) => Some(a.index.dir.clone()),
            Command::Profile(a) => Some(a.index.dir.clone()),
            Command::Anomalies(a) => Some(a.index.dir.clone()),
            Command::Serve(a) => Some(a.index.dir.clone()),
            Command::Export(a) if a.paths.is_empty() => Some(a.index.dir.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    /// clap's own checks of every subcommand (two flags of one name fail here, not at run time).
    #[test]
    fn the_command_line_is_well_formed() {
        super::command().debug_assert();
    }
}
