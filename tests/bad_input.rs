//! Bad input, made by the tests from real reports: re-encoded, truncated, empty, binary,
//! oversized, duplicated; malformed queries; and index builds killed mid-way. Nothing is lost,
//! nothing panics, every problem is one line naming the file.

use crate::support;

use gongkai::model::Report;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = support::scratch_path(name);
    support::remove_dir(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn load(p: &Path) -> Report {
    gongkai::load_report(p).unwrap()
}

/// Re-encoded reports parse to the same figures as the originals.
#[test]
fn gbk_big5_and_utf16_copies_parse_like_the_original() {
    let dir = tmp("encodings");
    for (file, ext) in [
        ("guangzhou-ybj-2022.txt", "txt"),
        ("shanghai-chongming-ybj-2023.txt", "txt"),
        ("shanghai-gov-office-2019.html", "html"),
    ] {
        let text = std::fs::read_to_string(format!("corpus/{file}")).unwrap();
        let original = load(Path::new(&format!("corpus/{file}")));
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
        let mut variants: Vec<(String, Vec<u8>)> = vec![
            (format!("utf16le-bom.{ext}"), utf16(&text, true, true)),
            (format!("utf16be-bom.{ext}"), utf16(&text, false, true)),
            (format!("utf16le.{ext}"), utf16(&text, true, false)),
        ];
        if !lossy {
            variants.push((format!("gbk.{ext}"), gbk.into_owned()));
        }
        for (name, bytes) in variants {
            let p = dir.join(&name);
            std::fs::write(&p, bytes).unwrap();
            let r = load(&p);
            assert_eq!(r.agency, original.agency, "{file} as {name}");
            assert_eq!(r.year, original.year, "{file} as {name}");
            assert_eq!(r.tables, original.tables, "{file} as {name}");
            assert_eq!(r.problems, original.problems, "{file} as {name}");
            // Provenance points into the decoded text of the re-encoded file.
            let doc =
                gongkai::ingest::Document::read(&p, gongkai::ingest::DEFAULT_MAX_BYTES).unwrap();
            for (key, c) in &r.provenance.cells {
                assert_eq!(
                    &doc.source[c.offset..c.offset + c.raw.len()],
                    c.raw,
                    "{name} {key}"
                );
            }
        }
    }
    // A report written in traditional characters, in Big5.
    let trad = "廣州市醫療保障局2022年政府信息公開工作年度報告\n\
        一、總體情況\n本年共收到政府信息公開申請25件。\n\
        五、存在的主要問題及改進情況\n一是政策文件解讀形式還需更加豐富多樣；二是政府信息公開的隊伍建設有待加強。\n";
    let (big5, _, lossy) = encoding_rs::BIG5.encode(trad);
    assert!(!lossy);
    let p = dir.join("big5.txt");
    std::fs::write(&p, big5).unwrap();
    let r = load(&p);
    assert_eq!(r.agency.as_deref(), Some("广州市医疗保障局"));
    assert_eq!(r.year, Some(2022));
    assert_eq!(
        r.problems.problems,
        [
            "政策文件解读形式还需更加丰富多样",
            "政府信息公开的队伍建设有待加强"
        ]
    );
    assert!(
        r.tables.requests.is_none(),
        "no table printed: missing, not zeros"
    );
}

/// A text report served as a site page (menu, breadcrumb, the title as a heading and again as
/// the article's first line, footer; GB18030) parses like the text: same metadata, section kinds,
/// tables, checks and problems.
#[test]
fn a_report_wrapped_in_a_site_page_parses_like_the_text() {
    let dir = tmp("pages");
    for file in ["ruzhou-ybj-2024.txt", "guangzhou-ybj-2022.txt"] {
        let original = load(Path::new(&format!("corpus/{file}")));
        let text = std::fs::read_to_string(format!("corpus/{file}")).unwrap();
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let body: String = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("<p>{}</p>\n", esc(l)))
            .collect();
        let title = format!(
            "{}{}年政府信息公开工作年度报告",
            original.agency.as_deref().unwrap(),
            original.year.unwrap()
        );
        let page = format!(
            "<html><head><meta charset=\"gbk\"><title>{title}</title></head><body>\n\
             <div class=\"top\"><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a></div>\n\
             <div class=\"pos\">您现在的位置：<a href=\"/\">首页</a> &gt; <a>信息公开</a> &gt; <a>政府信息公开年报</a></div>\n\
             <div class=\"article\"><h2>{title}</h2>\n{body}</div>\n\
             <div class=\"foot\">版权所有：本站 豫ICP备12345678号</div></body></html>"
        );
        let (gbk, _, lossy) = encoding_rs::GB18030.encode(&page);
        assert!(!lossy, "{file}");
        let p = dir.join(file.replace(".txt", ".html"));
        std::fs::write(&p, gbk).unwrap();
        let r = load(&p);
        assert_eq!(r.agency, original.agency, "{file}");
        assert_eq!(r.year, original.year, "{file}");
        let kinds = |r: &Report| r.sections.iter().map(|s| s.kind).collect::<Vec<_>>();
        assert_eq!(kinds(&r), kinds(&original), "{file}");
        assert_eq!(r.tables, original.tables, "{file}");
        let verdicts = |r: &Report| {
            r.checks
                .iter()
                .map(|c| (c.rule.clone(), c.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(verdicts(&r), verdicts(&original), "{file}");
        assert_eq!(r.problems, original.problems, "{file}");
    }
}

/// One index run over a folder of good and bad files: the bad ones are named one line each, the
/// summary counts them, exit status 1, and every good report is searchable.
#[test]
fn a_folder_of_bad_files_costs_only_the_bad_files() {
    let dir = tmp("bad-folder");
    let idx = tmp("bad-folder-index");
    for f in [
        "guangzhou-ybj-2022.txt",
        "pingtan-2022.txt",
        "taishan-ybj-2021.txt",
    ] {
        std::fs::copy(format!("corpus/{f}"), dir.join(f)).unwrap();
    }
    // Same content under another name; same agency and year in another encoding.
    // (Files are taken in path order: the first of two duplicates is kept.)
    std::fs::copy(
        "corpus/guangzhou-ybj-2022.txt",
        dir.join("z-copy-of-guangzhou.txt"),
    )
    .unwrap();
    let text = std::fs::read_to_string("corpus/taishan-ybj-2021.txt").unwrap();
    std::fs::write(dir.join("z-taishan-utf16.txt"), utf16(&text, true, true)).unwrap();
    // A truncated report, cut inside a UTF-8 character: parsed as far as it goes.
    let bytes = std::fs::read("corpus/shanghai-chongming-ybj-2023.txt").unwrap();
    let mut cut = bytes.len() / 2;
    while std::str::from_utf8(&bytes[..cut]).is_ok() {
        cut += 1;
    }
    std::fs::write(dir.join("truncated.txt"), &bytes[..cut]).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("whitespace.md"), b"  \n\n\t \n").unwrap();
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(dir.join("image.html"), binary).unwrap();
    // 50 MB on one line: refused from its size, never read into memory.
    let big = std::fs::File::create(dir.join("huge-one-line.html")).unwrap();
    big.set_len(50 << 20).unwrap();

    let o = run(&[
        "index",
        dir.to_str().unwrap(),
        "--index",
        idx.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let line_for = |name: &str| -> String {
        let ls: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(ls.len(), 1, "one line for {name}:\n{err}");
        ls[0].to_string()
    };
    assert!(line_for("empty.txt").contains("empty"), "{err}");
    assert!(line_for("whitespace.md").contains("no text"), "{err}");
    // Named by its magic bytes, whatever its extension.
    assert!(
        line_for("image.html").contains("PNG images are not supported"),
        "{err}"
    );
    assert!(
        line_for("huge-one-line.html").contains("too large"),
        "{err}"
    );
    // Each names the file kept.
    let copy = line_for("z-copy-of-guangzhou.txt");
    assert!(
        copy.contains("same content as") && copy.contains("/guangzhou-ybj-2022.txt;"),
        "{copy}"
    );
    let dup = line_for("z-taishan-utf16.txt");
    assert!(
        dup.contains("same agency and year as")
            && dup.contains("/taishan-ybj-2021.txt (台山市医疗保障局 2021)"),
        "{dup}"
    );
    assert!(
        !err.contains("truncated.txt"),
        "a truncated report is still a report: {err}"
    );
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with("indexed 4 reports (0 unchanged, 0 removed)")
            && summary.contains("4 failed, 2 duplicates"),
        "{summary}"
    );
    let (index, fields) = gongkai::index::open(&idx).unwrap();
    let all = gongkai::index::all_reports(&index, &fields).unwrap();
    let names: Vec<&str> = all
        .iter()
        .map(|r| r.source.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "guangzhou-ybj-2022.txt",
            "pingtan-2022.txt",
            "taishan-ybj-2021.txt",
            "truncated.txt"
        ]
    );
    let truncated = all
        .iter()
        .find(|r| r.source.ends_with("truncated.txt"))
        .unwrap();
    assert_eq!(truncated.agency.as_deref(), Some("上海市崇明区医疗保障局"));
    // Running again changes nothing and says so.
    let o = run(&[
        "index",
        dir.to_str().unwrap(),
        "--index",
        idx.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.lines()
            .last()
            .unwrap()
            .starts_with("indexed 0 reports (4 unchanged, 0 removed)"),
        "{err}"
    );
}

#[test]
fn malformed_queries_and_flags_are_one_line_and_exit_2() {
    let idx = tmp("query-errors-index");
    let o = run(&["index", "corpus", "--index", idx.to_str().unwrap(), "-q"]);
    assert!(o.status.success());
    let i = idx.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["search", "\"政策解读", "--index", i],
        &["search", "-", "--index", i],
        &["search", "OR", "--index", i],
        &["search", "解读", "--section", "nonsense", "--index", i],
        &[
            "search",
            "解读",
            "--where",
            "requests.new_received.total>>1",
            "--index",
            i,
        ],
        &["search", "解读", "--where", "no.such.key>1", "--index", i],
        &[
            "search",
            "解读",
            "--where",
            "requests.new_received.total>ten",
            "--index",
            i,
        ],
        &["search", "解读", "--year", "2024..2020", "--index", i],
        &["search", "解读", "--year", "twenty", "--index", i],
        &["search", "解读", "--index", "/no/such/index"],
        &["themes", "--section", "platforms", "--index", i],
        &["themes", "--where", "x", "--index", i],
        &["themes", "--taxonomy", "/no/such/file.tsv", "--index", i],
        &["compare", "广州:二〇二二", "崇明:2023", "--index", i],
        &["compare", "上海", "--index", i],
        &[
            "compare",
            "平潭:2019",
            "--years",
            "2019..2022",
            "--index",
            i,
        ],
        &["compare", "平潭", "--years", "2025..2019", "--index", i],
        &[
            "parse",
            "corpus/guangzhou-ybj-2022.txt",
            "--explain",
            "requests.new_recieved.total",
        ],
    ];
    for args in cases {
        let o = run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("gongkai: "), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

/// Reports that differ only in the agency, so that every one is indexed.
fn many_reports(dir: &Path, n: usize) {
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    for k in 0..n {
        let t = text.replace("广州市医疗保障局", &format!("测试{k}号医疗保障局"));
        std::fs::write(dir.join(format!("r{k:04}.txt")), t).unwrap();
    }
}

fn indexed(idx: &Path) -> usize {
    let (index, fields) = gongkai::index::open(idx).expect("the index opens after a kill");
    let all = gongkai::index::all_reports(&index, &fields).unwrap();
    // It answers a query, too.
    let q = gongkai::index::query::parse_query("解读").unwrap();
    let (count, _) =
        gongkai::index::query::search(&index, &fields, &q, &Default::default(), 5).unwrap();
    assert!(all.is_empty() || count > 0);
    all.len()
}

#[test]
fn an_index_build_killed_at_any_moment_opens_and_resumes() {
    const N: usize = 300;
    let dir = tmp("kill-corpus");
    let idx = tmp("kill-index");
    many_reports(&dir, N);
    let (d, i) = (dir.to_str().unwrap(), idx.to_str().unwrap());
    let mut last = 0;
    let mut kills = 0;
    // Each build is killed right after it has committed this many more times (0: at once,
    // before its first commit), whatever the speed of the machine: a commit is seen as a new
    // meta.json (tantivy rewrites it atomically on every commit).
    let meta = idx.join("meta.json");
    let read_meta = || std::fs::read(&meta).ok();
    for commits in [0usize, 1, 2, 3, 5] {
        let mut child = bin()
            .args(["index", d, "--index", i, "--commit-every", "7", "-q"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut seen = read_meta();
        let mut observed = 0;
        while observed < commits && child.try_wait().unwrap().is_none() {
            let now = read_meta();
            if now != seen {
                seen = now;
                observed += 1;
                // Searching while the build runs works.
                let o = run(&["search", "解读", "--index", i, "-n", "1"]);
                assert!(
                    matches!(o.status.code(), Some(0 | 1)),
                    "{}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(2)); // polling, not timing
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL: no chance to clean up
            kills += 1;
        }
        child.wait().unwrap();
        if !gongkai::index::exists(&idx) {
            continue;
        }
        let now = indexed(&idx);
        assert!(now >= last && now <= N, "{last} then {now}");
        last = now;
    }
    assert!(
        kills >= 2,
        "the build was killed mid-way at least twice ({kills})"
    );
    let o = run(&["index", d, "--index", i]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let summary = err.lines().last().unwrap();
    assert!(
        summary.contains(&format!("({last} unchanged, 0 removed)")),
        "{summary}"
    );
    assert!(summary.contains("0 failed, 0 duplicates"), "{summary}");
    assert_eq!(indexed(&idx), N);
}
