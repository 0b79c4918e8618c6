//! The command line as a user runs it: export formats (CSV round trip, BOM, blanks, bulk
//! format, mapping), completions, help examples, quiet, and exit codes.

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
        let dir = std::env::temp_dir().join(format!("gongkai-cli-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let d = dir.to_str().unwrap().to_string();
        let o = gongkai(&["index", "corpus", "--index", &d, "--quiet"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stderr.is_empty(), "--quiet prints nothing");
        d
    })
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record ends with a line end"
    );
    rows
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
    let dir = std::env::temp_dir().join(format!("gongkai-cli-bad-{}", std::process::id()));
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
    let root = std::env::temp_dir().join(format!("gongkai-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
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
    let _ = std::fs::remove_dir_all(&root);
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
    let root = std::env::temp_dir().join(format!("gongkai-mixed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
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

    // The export carries a PDF cell's page and line on the page.
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
        (Some(3), Some(18))
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
        stdout(&o).contains("page 3, line 18 on the page"),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&root);
}
