//! The command line as a user runs it: export formats (CSV round trip, BOM, blanks, bulk
//! format, mapping), completions, help examples, quiet, and exit codes.

use crate::support;

use gongkai::model::Report;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn reports() -> &'static Vec<Report> {
    static R: OnceLock<Vec<Report>> = OnceLock::new();
    R.get_or_init(|| {
        gongkai::index::collect_files(&[PathBuf::from("corpus")])
            .iter()
            .map(|f| gongkai::load_report(f).unwrap())
            .collect()
    })
}

/// An index of the corpus in a temporary directory, built by the CLI.
fn index_dir() -> &'static str {
    static D: OnceLock<String> = OnceLock::new();
    D.get_or_init(|| {
        let dir = support::scratch_path("cli-test");
        support::remove_dir(&dir);
        let d = dir.to_str().unwrap().to_string();
        let o = gongkai(&["index", "corpus", "--index", &d, "--quiet"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stderr.is_empty(), "--quiet prints nothing");
        d
    })
}

/// The records of a CSV text, read by the csv crate (an independent reader): every record has
/// as many fields as the first, and the text ends with a CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "the last record ends with CRLF");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

#[test]
fn csv_round_trips_every_figure_and_keeps_blanks_blank() {
    let o = gongkai(&[
        "export", "--format", "csv", "--header", "keys", "corpus", "-q",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(!text.starts_with('\u{feff}'));
    let rows = parse_csv(&text);
    let header = &rows[0];
    assert_eq!(rows.len(), 1 + reports().len());
    let mut figures = 0;
    let mut blanks = 0;
    for r in reports() {
        let row = rows
            .iter()
            .find(|row| row[0] == r.source)
            .unwrap_or_else(|| panic!("{} missing", r.source));
        assert_eq!(row.len(), header.len());
        let col = |k: &str| &row[header.iter().position(|h| h == k).unwrap()];
        assert_eq!(col("agency"), r.agency.as_deref().unwrap_or(""));
        assert_eq!(
            col("year"),
            &r.year.map(|y| y.to_string()).unwrap_or_default()
        );
        assert_eq!(col("level"), r.level.map_or("", |l| l.as_str()));
        assert_eq!(col("kind"), r.kind.map_or("", |k| k.as_str()));
        assert!(r.level.is_some() && r.kind.is_some(), "{}", r.source);
        for (key, value) in r.tables.cells() {
            let cell = col(&key);
            match value {
                Some(v) => {
                    assert_eq!(cell.parse::<f64>().unwrap(), v.0, "{} {key}", r.source);
                    figures += 1;
                }
                None => {
                    assert_eq!(cell, "", "{} {key} is blank", r.source);
                    blanks += 1;
                }
            }
        }
        // A report without tables has every figure empty, never 0.
        if r.tables.requests.is_none() {
            assert_eq!(col("requests.new_received.total"), "");
        }
        for c in &r.checks {
            assert_eq!(col(&format!("check.{}", c.rule)), c.status.as_str());
        }
    }
    assert!(figures > 1500, "{figures}");
    assert!(blanks > 0, "the corpus has blank cells");
    assert!(reports().iter().any(|r| r.tables.requests.is_none()));
}

#[test]
fn csv_labels_bom_and_the_index_give_the_same_rows() {
    let o = gongkai(&[
        "export",
        "--format",
        "csv",
        "--bom",
        "--index",
        index_dir(),
        "-q",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with('\u{feff}'));
    let rows = parse_csv(text.trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][1], "机关");
    assert!(rows[0]
        .iter()
        .any(|h| h == "三·一、本年新收政府信息公开申请数量·总计"));
    let files = parse_csv(&stdout(&gongkai(&[
        "export", "--format", "csv", "corpus", "-q",
    ])));
    assert_eq!(rows, files);
    // Filters apply as in search.
    let o = gongkai(&[
        "export",
        "--format",
        "csv",
        "--agency",
        "平潭",
        "--index",
        index_dir(),
    ]);
    assert_eq!(parse_csv(&stdout(&o)).len(), 3);
    assert!(String::from_utf8_lossy(&o.stderr).contains("exported 2 reports"));
}

#[test]
fn jsonl_is_the_contract_with_provenance() {
    let o = gongkai(&["export", "--format", "jsonl", "--index", index_dir(), "-q"]);
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), reports().len());
    for l in lines {
        let r: Report = serde_json::from_str(l).unwrap();
        let mine = reports().iter().find(|x| x.source == r.source).unwrap();
        assert_eq!(&r, mine);
        if r.tables.requests.is_some() {
            assert!(!r.provenance.cells.is_empty());
        }
    }
}

#[test]
fn es_bulk_is_valid_bulk_and_matches_the_mapping() {
    let o = gongkai(&[
        "export",
        "--format",
        "es-bulk",
        "--index",
        index_dir(),
        "-q",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 * reports().len());
    let mapping: Value =
        serde_json::from_str(&stdout(&gongkai(&["export", "--format", "es-mapping"]))).unwrap();
    let props = &mapping["mappings"]["properties"];
    for pair in lines.chunks(2) {
        let action: Value = serde_json::from_str(pair[0]).unwrap();
        let doc: Value = serde_json::from_str(pair[1]).unwrap();
        assert_eq!(action.as_object().unwrap().len(), 1);
        assert_eq!(action["index"]["_index"], "gongkai");
        assert_eq!(action["index"]["_id"], doc["source"]);
        assert!(doc.get("provenance").is_none());
        // Every field of the document is mapped (the mapping is strict about figures).
        for k in doc.as_object().unwrap().keys() {
            assert!(props.get(k).is_some(), "{k} not mapped");
        }
        for (t, table) in doc["tables"].as_object().unwrap() {
            for (row, cols) in table.as_object().into_iter().flatten() {
                for col in cols.as_object().unwrap().keys() {
                    assert_eq!(
                        props["tables"]["properties"][t]["properties"][row]["properties"][col]
                            ["type"],
                        "double",
                        "{t}.{row}.{col}"
                    );
                }
            }
        }
    }
}

#[test]
fn completions_help_examples_and_exit_codes() {
    for shell in ["bash", "zsh", "fish"] {
        let o = gongkai(&["completions", shell]);
        assert!(o.status.success());
        let s = stdout(&o);
        for sub in ["search", "themes", "compare", "export"] {
            assert!(s.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    for sub in [
        "parse",
        "index",
        "search",
        "themes",
        "compare",
        "export",
        "completions",
    ] {
        let o = gongkai(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(
            stdout(&o).contains("Examples:\n  gongkai "),
            "{sub} --help has examples"
        );
    }
    assert_eq!(
        gongkai(&["export", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(gongkai(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        gongkai(&["export", "--format", "csv", "no/such/dir"])
            .status
            .code(),
        Some(2)
    );
    let o = gongkai(&[
        "export",
        "--format",
        "csv",
        "--year",
        "2024..2020",
        "corpus",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    // Some input failed: exit 1, the rest still exported.
    let dir = support::scratch_path("cli-bad");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("corpus/guangzhou-ybj-2022.txt", dir.join("ok.txt")).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let o = gongkai(&["export", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("empty.txt"), "{err}");
}

#[test]
fn themes_and_compare_commands_print_json() {
    let o = gongkai(&["themes", "--json", "--index", index_dir()]);
    assert!(o.status.success());
    let first: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["label"], "政策解读形式单一");
    assert_eq!(first["reports"], 5);
    for k in ["agencies", "items"] {
        assert!(first.get(k).is_some());
    }
    let item = &first["items"][0];
    for k in ["agency", "year", "source", "text"] {
        assert!(item.get(k).is_some(), "{k}");
    }
    let o = gongkai(&[
        "compare",
        "广州:2022",
        "崇明:2023",
        "--json",
        "--index",
        index_dir(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let f = c["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "requests.new_received.total")
        .unwrap();
    assert_eq!(
        (f["left"].as_i64(), f["right"].as_i64(), f["delta"].as_i64()),
        (Some(25), Some(1), Some(-24))
    );
    let o = gongkai(&["compare", "上海:2019", "崇明:2023", "--index", index_dir()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("matches 3 agencies"), "{err}");
    let o = gongkai(&[
        "compare",
        "平潭",
        "--years",
        "2019..2025",
        "--index",
        index_dir(),
    ]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("23      74 (+51)"), "{}", stdout(&o));
}

/// An index written by an older gongkai (no format in its commit payload) is refused with a way
/// out when it is the user's, and rebuilt when it is the default `index/` (a cache of corpus/).
#[test]
fn an_index_of_another_version_is_refused_or_rebuilt() {
    let root = support::scratch_path("stale");
    support::remove_dir(&root);
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::copy(
        "corpus/pingtan-2022.txt",
        root.join("corpus/pingtan-2022.txt"),
    )
    .unwrap();
    let make_stale = |dir: &std::path::Path| {
        let meta = dir.join("meta.json");
        let mut m: Value = serde_json::from_str(&std::fs::read_to_string(&meta).unwrap()).unwrap();
        assert_eq!(m["payload"], gongkai::index::FORMAT);
        m.as_object_mut().unwrap().remove("payload");
        std::fs::write(&meta, m.to_string()).unwrap();
    };
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .current_dir(&root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    // A user's index: refused, exit 2, one line that says what to do.
    assert!(run(&["index", "corpus", "--index", "mine", "-q"])
        .status
        .success());
    make_stale(&root.join("mine"));
    let o = run(&["search", "政策解读", "--index", "mine"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "gongkai: the index at mine was written by another version of gongkai (gongkai-index 1"
        ),
        "{err}"
    );
    assert!(
        err.trim_end()
            .ends_with("rebuild it with: gongkai index --rebuild --index mine"),
        "{err}"
    );
    let o = run(&["index", "corpus", "--index", "mine"]);
    assert_eq!(o.status.code(), Some(2));
    // The way out it names works: rebuilt from the folder it was built from.
    let o = run(&["index", "--rebuild", "--index", "mine"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["search", "政策解读", "--index", "mine", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let hits: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|l| l.contains("\"source\":\"corpus/pingtan-2022.txt\"")));
    // The default index: rebuilt, with a note, and the search answers.
    std::fs::create_dir_all(root.join("index")).unwrap();
    std::fs::write(root.join("index/.gitkeep"), "").unwrap();
    assert!(run(&["index", "-q"]).status.success());
    make_stale(&root.join("index"));
    let o = run(&["search", "政策解读", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("rebuilding it"));
    assert!(stdout(&o).lines().count() >= 1);
    assert!(root.join("index/.gitkeep").exists());
    support::remove_dir(&root);
}

/// A folder mixing .txt, .md, .html and .pdf reports: every one is indexed and searchable, a PDF
/// compares with a text report, and a PDF cell's provenance names its page and line on the page.
/// Skips where `../shared/corpus-pdf` is absent.
#[test]
fn a_folder_of_every_format_is_indexed_searched_and_compared() {
    let pdfs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-pdf");
    if !pdfs.join("huaian-hongze-2024.pdf").exists() {
        eprintln!("../shared/corpus-pdf absent: skipped");
        return;
    }
    let root = support::scratch_path("mixed");
    support::remove_dir(&root);
    let folder = root.join("reports");
    std::fs::create_dir_all(&folder).unwrap();
    for f in [
        "guangzhou-ybj-2022.txt",
        "shuyang-county-gov-2025.md",
        "shanghai-gov-office-2019.html",
    ] {
        std::fs::copy(format!("corpus/{f}"), folder.join(f)).unwrap();
    }
    std::fs::copy(
        pdfs.join("huaian-hongze-2024.pdf"),
        folder.join("huaian-hongze-2024.pdf"),
    )
    .unwrap();
    let idx = root.join("idx");
    let (folder_s, idx_s) = (folder.to_str().unwrap(), idx.to_str().unwrap());
    let o = gongkai(&["index", folder_s, "--index", idx_s, "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Every format answers a search: 政务公开 is in every report.
    let o = gongkai(&[
        "search",
        "政务公开",
        "--index",
        idx_s,
        "--json",
        "-n",
        "1000",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sources: std::collections::BTreeSet<String> = stdout(&o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = v["source"].as_str().unwrap().to_string();
            s.rsplit_once('.').unwrap().1.to_string()
        })
        .collect();
    assert_eq!(
        sources.into_iter().collect::<Vec<_>>(),
        ["html", "md", "pdf", "txt"]
    );
    // The PDF's own figures, searched by a figure condition.
    let o = gongkai(&[
        "search",
        "依申请",
        "--index",
        idx_s,
        "--json",
        "--where",
        "requests.new_received.total=95",
    ]);
    assert!(stdout(&o).contains("洪泽区"), "{}", stdout(&o));

    // A PDF against a text report, figure by figure.
    let o = gongkai(&[
        "compare",
        "洪泽:2024",
        "广州:2022",
        "--index",
        idx_s,
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let text = c.to_string();
    assert!(text.contains("requests.new_received.total"), "{text}");
    assert!(text.contains("95") && text.contains("25"), "{text}");

    // The export carries a PDF cell's page and line on the page (line 12 of page 3: the ruled
    // table's header rows are read cell by cell, three lines where pdftotext -layout prints nine).
    let o = gongkai(&["export", "--index", idx_s, "--format", "jsonl"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf: Value = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["source"].as_str().unwrap().ends_with(".pdf"))
        .unwrap();
    let cell = &pdf["provenance"]["cells"]["requests.new_received.total"];
    assert_eq!(cell["raw"], "95");
    assert_eq!(
        (cell["page"].as_u64(), cell["page_line"].as_u64()),
        (Some(3), Some(12))
    );
    // And `parse --explain` shows them.
    let pdf_path = folder.join("huaian-hongze-2024.pdf");
    let o = gongkai(&[
        "parse",
        pdf_path.to_str().unwrap(),
        "--explain",
        "requests.new_received.total",
    ]);
    assert!(
        stdout(&o).contains("page 3, line 12 on the page"),
        "{}",
        stdout(&o)
    );
    support::remove_dir(&root);
}

/// A child whose standard output is closed before it writes: every write fails with a broken
/// pipe. The command must stop quietly with 0 (as ripgrep), never panic.
fn with_closed_stdout(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before the first write
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let files: Vec<String> = gongkai::index::collect_files(&[PathBuf::from("corpus")])
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut parse_json = vec!["parse", "--json"];
    parse_json.extend(files.iter().map(String::as_str));
    let mut parse_text = vec!["parse"];
    parse_text.extend(files.iter().map(String::as_str));
    let idx = index_dir();
    for args in [
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        parse_json,
        parse_text,
        vec!["search", "公开", "--index", idx],
        vec!["search", "公开", "--json", "--index", idx],
        vec!["themes", "--index", idx],
        vec!["themes", "--reuse", "--index", idx],
        vec!["compare", "广州:2022", "崇明:2023", "--index", idx],
        vec!["export", "--format", "jsonl", "--index", idx, "-q"],
        vec!["export", "--format", "csv", "corpus", "-q"],
        vec!["export", "--format", "es-mapping"],
        vec!["--help"],
    ] {
        let o = with_closed_stdout(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn write_errors_other_than_a_closed_pipe_are_errors() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        vec!["parse", "corpus/pingtan-2022.txt"],
        vec!["export", "--format", "jsonl", "corpus", "-q"],
        vec!["completions", "bash"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(&args)
            .stdout(full())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("stdout: no space left") || err.contains("stdout"),
            "{err}"
        );
    }
    let o = gongkai(&[
        "export",
        "--format",
        "csv",
        "corpus",
        "-o",
        "/dev/full",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/dev/full"));
}

#[test]
fn exit_codes_are_those_of_grep() {
    let idx = index_dir();
    // search: 0 hits, 1 none, 2 error.
    assert_eq!(
        gongkai(&["search", "公开", "--index", idx]).status.code(),
        Some(0)
    );
    let o = gongkai(&["search", "没有这样的词语", "--index", idx]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stderr.is_empty());
    let o = gongkai(&["search", "没有这样的词语", "--json", "--index", idx]);
    assert_eq!((o.status.code(), o.stdout.len()), (Some(1), 0));
    assert_eq!(
        gongkai(&["search", "\"公开", "--index", idx]).status.code(),
        Some(2)
    );
    assert_eq!(
        gongkai(&["search", "公开", "--index", "/no/such/index"])
            .status
            .code(),
        Some(2)
    );
    // parse: 0 all read, 1 some failed (the rest shown), 2 the command failed.
    assert_eq!(
        gongkai(&["parse", "corpus/pingtan-2022.txt"]).status.code(),
        Some(0)
    );
    let o = gongkai(&["parse", "corpus/pingtan-2022.txt", "no/such.txt", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = gongkai(&[
        "parse",
        "corpus/pingtan-2022.txt",
        "--explain",
        "no.such.key",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    // themes and compare: 0 or 2.
    assert_eq!(gongkai(&["themes", "--index", idx]).status.code(), Some(0));
    let o = gongkai(&["themes", "--taxonomy", "no/such.tsv", "--index", idx]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such.tsv"));
    let o = gongkai(&["compare", "没有这个机关:2022", "广州:2022", "--index", idx]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

#[test]
fn option_values_are_closed_sets() {
    let idx = index_dir();
    // The aliases of themes --section still work; anything else is clap's error with the
    // possible values.
    let a = gongkai(&["themes", "--json", "--index", idx]);
    let b = gongkai(&["themes", "--json", "--section", "问题", "--index", idx]);
    assert!(b.status.success());
    assert_eq!(a.stdout, b.stdout);
    for args in [
        vec!["themes", "--section", "everything", "--index", idx],
        vec!["themes", "--by", "month", "--index", idx],
        vec!["export", "--format", "xml"],
        vec!["export", "--format", "csv", "--header", "both", "corpus"],
        vec!["completions", "tcsh"],
        vec!["--color", "sometimes", "completions", "bash"],
    ] {
        let o = gongkai(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("possible values"), "{args:?}: {err}");
        // One line, like every other error.
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("gongkai: invalid value"), "{args:?}: {err}");
    }
    // The completion script offers the values.
    let s = stdout(&gongkai(&["completions", "bash"]));
    for v in [
        "es-bulk",
        "es-mapping",
        "province",
        "improvements",
        "always",
    ] {
        assert!(s.contains(v), "bash completion lacks {v}");
    }
}

#[test]
fn color_is_as_the_flag_says() {
    let idx = index_dir();
    let run = |extra: &[&str], no_color: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        c.args(["search", "公开", "-n", "2", "--index", idx])
            .args(extra);
        match no_color {
            Some(v) => c.env("NO_COLOR", v),
            None => c.env_remove("NO_COLOR"),
        };
        let o = c.output().unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    // Piped, auto: no colour, with or without NO_COLOR; matches in 【】.
    assert!(!run(&[], None).contains('\x1b'));
    assert!(run(&[], None).contains('【'));
    assert!(!run(&["--color", "auto"], Some("1")).contains('\x1b'));
    // always forces colour, even with NO_COLOR (it only affects auto); never never colours.
    assert!(run(&["--color", "always"], None).contains("\x1b[1;31m"));
    assert!(run(&["--color=always"], Some("1")).contains('\x1b'));
    assert!(!run(&["--color", "never"], None).contains('\x1b'));
    // A global flag: before the subcommand too.
    let o = gongkai(&["--color", "always", "parse", "corpus/pingtan-2022.txt"]);
    assert!(stdout(&o).contains('\x1b'));
}

#[test]
fn quiet_silences_only_stderr() {
    let loud = gongkai(&["parse", "corpus/pingtan-2022.txt"]);
    let quiet = gongkai(&["parse", "corpus/pingtan-2022.txt", "-q"]);
    assert!(quiet.status.success());
    assert!(!quiet.stdout.is_empty(), "parse -q prints the report");
    assert_eq!(loud.stdout, quiet.stdout);
    let o = gongkai(&["export", "--format", "jsonl", "corpus", "-q"]);
    assert!(o.stderr.is_empty());
    assert_eq!(stdout(&o).lines().count(), reports().len());
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[test]
fn a_long_agency_name_never_hides_the_year() {
    let root = support::scratch_path("longname");
    support::remove_dir(&root);
    std::fs::create_dir_all(&root).unwrap();
    let long = "广州市黄埔区人民政府办公室政务服务数据管理局"; // 44 columns
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt")
        .unwrap()
        .replace("广州市医疗保障局", long);
    std::fs::write(root.join("long-2022.txt"), text).unwrap();
    let idx = root.join("idx");
    let (r, i) = (root.to_str().unwrap(), idx.to_str().unwrap());
    assert!(gongkai(&["index", r, "--index", i, "-q"]).status.success());
    let o = gongkai(&["search", "公开", "--index", i, "-n", "3"]);
    let out = stdout(&o);
    assert!(
        out.lines()
            .filter(|l| l.starts_with("广州市黄埔区"))
            .count()
            >= 3,
        "{out}"
    );
    for line in out.lines().filter(|l| l.starts_with("广州市黄埔区")) {
        assert!(line.contains("…"), "{line}");
        // The year is where it is after a short name: column 29 (unicode-width columns).
        let year_at = line.find("2022").unwrap();
        assert_eq!(width(&line[..year_at]), 29, "{line}");
    }
    // And after the shipped reports' short names.
    let o = gongkai(&["search", "公开", "--index", index_dir(), "-n", "5"]);
    for line in stdout(&o)
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains(" 20"))
    {
        let year_at = line.find(" 20").unwrap() + 1;
        assert_eq!(width(&line[..year_at]), 29, "{line}");
    }
    let o = gongkai(&["themes", "--reuse", "--index", i]);
    assert!(stdout(&o).contains("… 2022"), "{}", stdout(&o));
    support::remove_dir(&root);
}

/// The same filter selects the same reports from the index and from the files.
#[test]
fn filters_mean_the_same_with_and_without_the_index() {
    let idx = index_dir();
    let sources = |args: &[&str]| -> Vec<String> {
        let o = gongkai(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let mut v: Vec<String> = stdout(&o)
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v["source"].as_str().unwrap().to_string()
            })
            .collect();
        v.sort();
        v
    };
    let mut nonempty = 0;
    for filter in [
        vec!["--agency", "广州"],
        vec!["--agency", "广州 医疗"],
        vec!["--agency", "医疗 广州"],
        vec!["--agency", "廣州 醫療"],
        vec!["--agency", "医疗保障局"],
        vec!["--agency", "上海 区"],
        vec!["--agency", "（"],
        vec!["--agency", "平潭"],
        vec!["--agency", "局"],
        vec!["--agency", "区 局"],
        vec!["--agency", "市医"],
        vec!["--agency", "广州,医疗"],
        vec!["--region", "广东省 广州市"],
        vec!["--agency", "nosuch"],
        vec!["--region", "上海"],
        vec!["--region", "福建 平潭"],
        vec!["--region", "江苏"],
        vec!["--level", "county"],
        vec!["--level", "city", "--agency-kind", "department"],
        vec!["--agency-kind", "government"],
        vec!["--level", "province", "--year", "2019"],
        vec!["--year", "2022"],
        vec!["--year", "2021..2023"],
        vec!["--year", "..2020"],
        vec!["--year", "2024.."],
        vec!["--where", "requests.new_received.total>10"],
        vec!["--where", "requests.new_received.total<=25"],
        vec!["--where", "requests.new_received.total=25"],
        vec![
            "--agency",
            "平潭",
            "--year",
            "2020..",
            "--where",
            "requests.new_received.total>=1",
        ],
        vec!["--region", "上海", "--agency", "医疗"],
    ] {
        let mut from_index = vec!["export", "--format", "jsonl", "-q", "--index", idx];
        from_index.extend(&filter);
        let mut from_files = vec!["export", "--format", "jsonl", "-q", "corpus"];
        from_files.extend(&filter);
        let a = sources(&from_index);
        let b = sources(&from_files);
        assert_eq!(a, b, "{filter:?}");
        nonempty += usize::from(!a.is_empty());
    }
    assert!(nonempty >= 15, "{nonempty}");
    // The report list (`search` without words) reads the index's columns with the index query
    // alone: it selects the same reports.
    for filter in [
        vec!["--level", "county"],
        vec!["--level", "city", "--agency-kind", "department"],
        vec!["--agency-kind", "government"],
        vec!["--agency", "广州 医疗"],
        vec!["--region", "上海", "--year", "2019..2023"],
    ] {
        let mut listed = vec!["search", "--json", "-n", "100", "--index", idx];
        listed.extend(&filter);
        let mut from_files = vec!["export", "--format", "jsonl", "-q", "corpus"];
        from_files.extend(&filter);
        let want = sources(&from_files);
        assert!(!want.is_empty(), "{filter:?}");
        assert_eq!(sources(&listed), want, "{filter:?}");
    }
    // The reported case: two words, one report (guangzhou), both ways.
    let mut two = vec!["export", "--format", "jsonl", "-q", "corpus"];
    two.extend(["--agency", "广州 医疗"]);
    assert_eq!(sources(&two), ["corpus/guangzhou-ybj-2022.txt"]);
}

/// A parser bug (a panic, made to happen here by the debug-only GONGKAI_TEST_PANIC marker) costs
/// the one file, with one line naming it, in parse, export and compare.
#[test]
fn a_parser_panic_costs_one_file() {
    if !cfg!(debug_assertions) {
        return; // the marker is only honoured by debug builds
    }
    let root = support::scratch_path("panic");
    support::remove_dir(&root);
    std::fs::create_dir_all(&root).unwrap();
    let ok = root.join("ok.txt");
    let bad = root.join("bad.txt");
    std::fs::copy("corpus/pingtan-2022.txt", &ok).unwrap();
    let mut text = std::fs::read_to_string("corpus/pingtan-2019.txt").unwrap();
    text.push_str("\nPANIC-MARKER-4711\n");
    std::fs::write(&bad, text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .env("NO_COLOR", "1")
            .env("GONGKAI_TEST_PANIC", "PANIC-MARKER-4711")
            .output()
            .unwrap()
    };
    let (ok_s, bad_s, root_s) = (
        ok.to_str().unwrap(),
        bad.to_str().unwrap(),
        root.to_str().unwrap(),
    );
    let check_err = |o: &Output| {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains("bad.txt")).collect();
        assert_eq!(lines.len(), 1, "{err}");
        assert!(
            lines[0].contains("the parser failed on this file (a bug: please report it"),
            "{err}"
        );
    };
    let o = run(&["parse", bad_s, ok_s, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1);
    check_err(&o);
    let o = run(&["export", "--format", "jsonl", root_s]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1);
    check_err(&o);
    let o = run(&["compare", bad_s, ok_s]);
    assert_eq!(o.status.code(), Some(2));
    check_err(&o);
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    // And the index build skips it the same way.
    let idx = root.join("idx");
    let o = run(&["index", root_s, "--index", idx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    check_err(&o);
    support::remove_dir(&root);
}

/// Run gongkai on a terminal (util-linux `script` gives it a pseudo-terminal for stdout and
/// stderr) and return what the terminal showed; None where `script` is missing.
fn on_a_terminal(args: &[&str], no_color: Option<&str>) -> Option<String> {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_gongkai"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let mut c = Command::new("script");
    c.args(["-qec", &quoted.join(" "), "/dev/null"]);
    match no_color {
        Some(v) => c.env("NO_COLOR", v),
        None => c.env_remove("NO_COLOR"),
    };
    let o = c.stdin(std::process::Stdio::null()).output().ok()?;
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn a_terminal_gets_colour_unless_no_color_and_progress_unless_quiet() {
    let idx = index_dir();
    let search = ["search", "公开", "-n", "1", "--index", idx];
    let Some(coloured) = on_a_terminal(&search, None) else {
        eprintln!("no util-linux script: skipped");
        return;
    };
    assert!(coloured.contains("\x1b[1m"), "{coloured}");
    assert!(!on_a_terminal(&search, Some("1")).unwrap().contains('\x1b'));
    assert!(on_a_terminal(&search, Some("")).unwrap().contains('\x1b'));
    let mut never = search.to_vec();
    never.push("--color=never");
    assert!(!on_a_terminal(&never, None).unwrap().contains('\x1b'));

    let out = support::scratch_path("tty.jsonl");
    let o = out.to_str().unwrap();
    let shown = on_a_terminal(&["export", "--format", "jsonl", "corpus", "-o", o], None).unwrap();
    assert!(
        shown.contains("parsing") && shown.contains("exporting 10/10"),
        "{shown}"
    );
    let quiet = on_a_terminal(
        &["export", "--format", "jsonl", "corpus", "-o", o, "-q"],
        None,
    );
    assert_eq!(quiet.unwrap(), "");
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 10);
    std::fs::remove_file(&out).unwrap();
    let shown = on_a_terminal(&["themes", "--reuse", "--index", idx], None).unwrap();
    assert!(shown.contains("comparing reports 10/10"), "{shown}");
}
