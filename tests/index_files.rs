//! The index mirrors its files, and survives what file systems do: deleted and renamed files,
//! one folder named three ways, names that are not UTF-8, files that are not reports, the
//! index's own folder, FIFOs, devices, symlink loops, locks held by others, a read-only index,
//! damaged and foreign index folders.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env("NO_COLOR", "1").env_remove("GONGKAI_INDEX");
    c
}

/// Run gongkai in `cwd`, failing the test if it has not ended within a minute (a FIFO or a
/// device that blocks it must fail the test, not hang it).
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    let child = bin()
        .current_dir(cwd)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status()
                .unwrap();
            panic!("gongkai {args:?} did not end within a minute");
        }
    }
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn remove(d: &Path) {
    match std::fs::remove_dir_all(d) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => panic!("{}: {e}", d.display()),
        _ => {}
    }
}

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("gongkai-files-{name}"));
    remove(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_corpus(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir("corpus").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// The sources the index holds, from the library (independent of the command line).
fn sources(idx: &Path) -> Vec<String> {
    let (index, fields) = gongkai::index::open(idx).expect("the index opens");
    let mut s: Vec<String> = gongkai::index::all_reports(&index, &fields)
        .unwrap()
        .into_iter()
        .map(|r| r.source)
        .collect();
    s.sort();
    s
}

fn corpus_names() -> BTreeSet<String> {
    std::fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn summary(o: &Output) -> String {
    err(o)
        .lines()
        .rfind(|l| l.starts_with("indexed "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_index_mirrors_the_folder_however_it_is_named() {
    let root = tmp("mirror");
    copy_corpus(&root.join("d"));
    let abs = root.join("d");
    let n = corpus_names().len();
    // One folder named three ways is one set of reports.
    for (k, given) in ["d", "./d", abs.to_str().unwrap(), "d/"].iter().enumerate() {
        let o = run_in(&root, &["index", given, "--index", "ix"]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let s = summary(&o);
        if k == 0 {
            assert!(
                s.starts_with(&format!("indexed {n} reports (0 unchanged, 0 removed)")),
                "{s}"
            );
        } else {
            assert!(
                s.starts_with(&format!("indexed 0 reports ({n} unchanged, 0 removed)")),
                "{s}"
            );
        }
        assert_eq!(sources(&root.join("ix")).len(), n);
    }
    // Delete one, rename one, change one, add one.
    std::fs::remove_file(abs.join("taishan-ybj-2021.txt")).unwrap();
    std::fs::rename(
        abs.join("pingtan-2019.txt"),
        abs.join("平潭-2019-renamed.txt"),
    )
    .unwrap();
    let changed = std::fs::read_to_string(abs.join("ruzhou-ybj-2024.txt")).unwrap();
    std::fs::write(
        abs.join("ruzhou-ybj-2024.txt"),
        changed.replacen("。", "。\n", 1),
    )
    .unwrap();
    let gz = std::fs::read_to_string(abs.join("guangzhou-ybj-2022.txt")).unwrap();
    std::fs::create_dir_all(abs.join("sub")).unwrap();
    std::fs::write(abs.join("sub/gz-2021.txt"), gz.replace("2022", "2021")).unwrap();
    let o = run_in(&root, &["index", "d", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // The renamed file is refused as "same agency and year" by no one: its old entry is gone.
    assert!(!err(&o).contains("same agency and year"), "{}", err(&o));
    let s = summary(&o);
    assert!(
        s.starts_with(&format!(
            "indexed 3 reports ({} unchanged, 2 removed)",
            n - 3
        )),
        "{s}"
    );
    let mut want: BTreeSet<String> = corpus_names()
        .into_iter()
        .map(|f| format!("d/{f}"))
        .collect();
    want.remove("d/taishan-ybj-2021.txt");
    want.remove("d/pingtan-2019.txt");
    want.insert("d/平潭-2019-renamed.txt".into());
    want.insert("d/sub/gz-2021.txt".into());
    assert_eq!(
        sources(&root.join("ix")),
        want.into_iter().collect::<Vec<_>>()
    );
    // Indexing another folder keeps what is under the first.
    std::fs::create_dir_all(root.join("e")).unwrap();
    let o = run_in(&root, &["index", "e", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(sources(&root.join("ix")).len(), n);
    // A folder emptied of reports empties its part of the index.
    std::fs::remove_dir_all(&abs).unwrap();
    std::fs::create_dir_all(&abs).unwrap();
    let o = run_in(&root, &["index", "d", "--index", "ix"]);
    assert!(
        summary(&o).starts_with(&format!("indexed 0 reports (0 unchanged, {n} removed)")),
        "{}",
        err(&o)
    );
    assert!(sources(&root.join("ix")).is_empty());
    remove(&root);
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_stay_two_files() {
    use std::os::unix::ffi::OsStrExt;
    let root = tmp("gbk-names");
    let d = root.join("d");
    std::fs::create_dir_all(&d).unwrap();
    let gz = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    // 广州 in GBK, as a Windows zip leaves it, then -2021 and -2022: the lossy names would be
    // the same (U+FFFD), the real ones are not.
    let name = |suffix: &str| {
        let mut b = vec![0xB9, 0xE3, 0xD6, 0xDD];
        b.extend_from_slice(suffix.as_bytes());
        d.join(std::ffi::OsStr::from_bytes(&b))
    };
    std::fs::write(name("-2022.txt"), &gz).unwrap();
    std::fs::write(name("-2021.txt"), gz.replace("2022", "2021")).unwrap();
    for round in 0..3 {
        let o = run_in(&root, &["index", "d", "--index", "ix"]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let s = summary(&o);
        let want = if round == 0 {
            "indexed 2 reports (0 unchanged"
        } else {
            "indexed 0 reports (2 unchanged"
        };
        assert!(s.starts_with(want), "round {round}: {s}");
        assert_eq!(
            sources(&root.join("ix")),
            [
                "d/\\xB9\\xE3\\xD6\\xDD-2021.txt",
                "d/\\xB9\\xE3\\xD6\\xDD-2022.txt"
            ]
        );
    }
    // Parsing one names it the same way.
    let r = gongkai::load_report(&name("-2021.txt")).unwrap();
    assert!(
        r.source.ends_with("d/\\xB9\\xE3\\xD6\\xDD-2021.txt"),
        "{}",
        r.source
    );
    remove(&root);
}

#[cfg(unix)]
#[test]
fn what_is_not_a_report_is_skipped_with_its_reason_and_nothing_hangs() {
    let root = tmp("not-reports");
    copy_corpus(&root.join("reports"));
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(
        root.join("note.txt"),
        "会议记录\n今天讨论了网站改版，下周再议。\n",
    )
    .unwrap();
    std::fs::write(
        root.join("README"),
        "# Notes\nsome words about this folder\n",
    )
    .unwrap();
    std::fs::write(root.join("README.md"), "# 说明\n本目录存放下载的报告。\n").unwrap();
    let fifo = root.join("pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).unwrap();
    std::os::unix::fs::symlink(".", root.join("loop-a")).unwrap();
    std::os::unix::fs::symlink(".", root.join("loop-b")).unwrap();
    std::os::unix::fs::symlink("reports", root.join("zz-again")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/gongkai", root.join("broken.txt")).unwrap();
    // An index inside the folder indexed, built first, then the folder itself.
    let o = run_in(&root, &["index", "reports", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = run_in(&root, &["index", ".", "--index", "ix", "--warnings"]);
    let e = err(&o);
    // The broken symlink cannot be read: exit 1, the rest done.
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(!e.contains("panicked"), "{e}");
    let line = |name: &str| -> String {
        let ls: Vec<&str> = e
            .lines()
            .filter(|l| l.starts_with(&format!("gongkai: {name}:")))
            .collect();
        assert_eq!(ls.len(), 1, "one line for {name}:\n{e}");
        ls[0].to_string()
    };
    assert!(
        line("Cargo.toml").contains("not a report format (.toml)"),
        "{e}"
    );
    assert!(line("note.txt").contains("not an annual report"), "{e}");
    assert!(line("README").contains("not an annual report"), "{e}");
    assert!(line("README.md").contains("not an annual report"), "{e}");
    assert!(line("pipe.txt").contains("FIFO"), "{e}");
    assert!(line("zero.txt").contains("a device"), "{e}");
    assert!(line("loop-a").contains("symlink loop"), "{e}");
    assert!(line("loop-b").contains("symlink loop"), "{e}");
    assert!(line("zz-again").contains("the same folder as"), "{e}");
    assert!(line("broken.txt").contains("broken symlink"), "{e}");
    assert!(line("ix").contains("a search index; not read"), "{e}");
    let n = corpus_names().len();
    assert!(
        summary(&o).starts_with(&format!("indexed 0 reports ({n} unchanged, 0 removed)")),
        "{e}"
    );
    assert_eq!(sources(&root.join("ix")).len(), n);
    // Without --warnings the skipped files are counted, not listed; failures always are.
    let o = run_in(&root, &["index", ".", "--index", "ix"]);
    assert!(!err(&o).contains("Cargo.toml"), "{}", err(&o));
    assert!(err(&o).contains("broken.txt"), "{}", err(&o));
    assert!(summary(&o).contains("10 skipped, 1 failed"), "{}", err(&o));
    // Parsing a FIFO or a device by name: one line each, no hang, no memory run-away.
    let o = run_in(&root, &["parse", "pipe.txt", "zero.txt"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        err(&o).contains("pipe.txt: a FIFO (named pipe), not a regular file; not read"),
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains("zero.txt: a device, not a regular file; not read"),
        "{}",
        err(&o)
    );
    remove(&root);
}

#[test]
fn warnings_are_shown_file_by_file_on_request() {
    let root = tmp("warnings");
    copy_corpus(&root.join("d"));
    let o = run_in(&root, &["index", "d", "--index", "ix", "-v"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // As many warning lines as the parser gave, each naming its report.
    let want: usize = std::fs::read_dir("corpus")
        .unwrap()
        .map(|e| {
            gongkai::load_report(&e.unwrap().path())
                .unwrap()
                .warnings
                .len()
        })
        .sum();
    assert!(want > 0);
    let lines: Vec<String> = err(&o)
        .lines()
        .filter(|l| l.contains(": warning: "))
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), want, "{}", err(&o));
    assert!(
        lines.iter().all(|l| l.starts_with("gongkai: d/")),
        "{lines:?}"
    );
    assert!(
        summary(&o).contains(&format!("{want} warnings")),
        "{}",
        err(&o)
    );
    remove(&root);
}

#[test]
fn reading_needs_no_write_access_and_waits_on_no_lock() {
    let root = tmp("locks");
    copy_corpus(&root.join("d"));
    let o = run_in(&root, &["index", "d", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let ix = root.join("ix");
    // Lock files left by the writer are not needed to read: remove them, search, and nothing
    // is created in the folder (a read-only folder would refuse it).
    for f in [".tantivy-meta.lock", ".tantivy-writer.lock"] {
        std::fs::remove_file(ix.join(f)).unwrap();
    }
    let listing = |d: &Path| -> BTreeSet<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let before = listing(&ix);
    for args in [
        vec!["search", "公开", "--index", "ix"],
        vec!["themes", "--index", "ix"],
        vec!["compare", "平潭", "--index", "ix"],
        vec!["export", "--format", "jsonl", "--index", "ix"],
    ] {
        let o = run_in(&root, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
    }
    assert_eq!(listing(&ix), before);
    // A read-only folder (for users other than root, who writes anywhere).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |m: u32| std::fs::Permissions::from_mode(m);
        for f in &before {
            std::fs::set_permissions(ix.join(f), mode(0o444)).unwrap();
        }
        std::fs::set_permissions(&ix, mode(0o555)).unwrap();
        let o = run_in(&root, &["search", "公开", "--index", "ix", "-n", "1"]);
        std::fs::set_permissions(&ix, mode(0o755)).unwrap();
        for f in &before {
            std::fs::set_permissions(ix.join(f), mode(0o644)).unwrap();
        }
        assert_eq!(o.status.code(), Some(0), "read-only: {}", err(&o));
    }
    // Another process holding both of tantivy's locks (a writer mid-commit): searching goes on,
    // and a second build says so at once instead of waiting.
    let meta = std::fs::File::create(ix.join(".tantivy-meta.lock")).unwrap();
    let writer = std::fs::File::create(ix.join(".tantivy-writer.lock")).unwrap();
    meta.lock().unwrap();
    writer.lock().unwrap();
    let o = run_in(&root, &["search", "公开", "--index", "ix", "-n", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = run_in(&root, &["index", "d", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o).trim(),
        "gongkai: another gongkai index is writing to ix; wait for it to finish"
    );
    drop((meta, writer));
    remove(&root);
}

/// Flip bytes of the first file with this extension in the index at `ix`.
fn garble(ix: &Path, ext: &str, seed: u64) {
    let f = std::fs::read_dir(ix)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap();
    let mut b = std::fs::read(&f).unwrap();
    let mut x = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
    for _ in 0..24 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let i = (x % b.len() as u64) as usize;
        b[i] ^= 1 + (x >> 32) as u8 % 255;
    }
    std::fs::write(&f, b).unwrap();
}

#[test]
fn a_damaged_index_is_one_line_and_rebuilds() {
    let root = tmp("damaged");
    copy_corpus(&root.join("d"));
    let o = run_in(&root, &["index", "d", "--index", "good"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let commands: [&[&str]; 5] = [
        &["search", "公开", "-n", "3"],
        &["search", "平台", "--where", "requests.new_received.total>1"],
        &["themes"],
        &["export", "--format", "jsonl"],
        &["compare", "平潭"],
    ];
    let mut damaged_seen = 0;
    for ext in ["term", "store", "fast", "idx", "pos", "fieldnorm"] {
        for seed in 1..=3u64 {
            let ix = root.join(format!("bad-{ext}-{seed}"));
            copy_dir(&root.join("good"), &ix);
            garble(&ix, ext, seed);
            for args in commands {
                let mut a = args.to_vec();
                let name = ix.file_name().unwrap().to_str().unwrap();
                a.extend(["--index", name]);
                let o = run_in(&root, &a);
                let e = err(&o);
                assert!(
                    !e.contains("panicked") && !e.contains("RUST_BACKTRACE"),
                    "{a:?}: {e}"
                );
                // Garbled bytes a command never reads cost it nothing; where they are read,
                // one line says what happened and how to rebuild.
                if o.status.code() != Some(0) && o.status.code() != Some(1) {
                    assert_eq!(o.status.code(), Some(2), "{a:?}: {e}");
                    assert_eq!(e.lines().count(), 1, "{a:?}: {e}");
                    assert!(
                        e.starts_with(&format!("gongkai: the index at {name} is damaged ("))
                            && e.trim_end().ends_with(&format!(
                                "rebuild it with: gongkai index --rebuild --index {name}"
                            )),
                        "{a:?}: {e}"
                    );
                    assert!(!e.contains("IoError {"), "{a:?}: {e}");
                    damaged_seen += 1;
                }
            }
        }
    }
    assert!(damaged_seen >= 20, "{damaged_seen}");
    // --rebuild builds it again from the folder it was built from.
    let o = run_in(&root, &["index", "--rebuild", "--index", "bad-store-1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        sources(&root.join("bad-store-1")),
        sources(&root.join("good"))
    );
    // A meta.json cut short.
    let meta = root.join("bad-term-1/meta.json");
    let text = std::fs::read(&meta).unwrap();
    std::fs::write(&meta, &text[..text.len() / 2]).unwrap();
    let o = run_in(&root, &["search", "公开", "--index", "bad-term-1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("gongkai: the index at bad-term-1 is damaged"),
        "{}",
        err(&o)
    );
    remove(&root);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_folder_gongkai_did_not_write_is_never_touched() {
    let root = tmp("foreign");
    copy_corpus(&root.join("d"));
    // A folder of the user's files where the index would go.
    let mine = root.join("index");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    // Another program's tantivy index, with no segments, and with one.
    let other = root.join("other");
    std::fs::create_dir_all(&other).unwrap();
    let mut sb = tantivy::schema::Schema::builder();
    let title = sb.add_text_field("title", tantivy::schema::TEXT | tantivy::schema::STORED);
    let index = tantivy::Index::create_in_dir(&other, sb.build()).unwrap();
    let other_full = root.join("other-full");
    std::fs::create_dir_all(&other_full).unwrap();
    let full = tantivy::Index::create_in_dir(&other_full, index.schema()).unwrap();
    let mut w: tantivy::IndexWriter = full.writer(15_000_000).unwrap();
    w.add_document(tantivy::doc!(title => "hello")).unwrap();
    w.commit().unwrap();
    for dir in ["index", "other", "other-full"] {
        let listing = |d: &Path| -> BTreeSet<String> {
            std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        };
        let before = listing(&root.join(dir));
        for args in [
            vec!["index", "d", "--index", dir],
            vec!["index", "--rebuild", "d", "--index", dir],
            vec!["search", "公开", "--index", dir],
            vec!["themes", "--index", dir],
        ] {
            let o = run_in(&root, &args);
            let e = err(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
            assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
            assert!(!e.contains("panicked"), "{args:?}: {e}");
            let expected = if dir == "index" && args[0] != "index" {
                // No index there (only the user's file): the error says how to build one.
                format!("gongkai: {dir}: no index here (build one with: gongkai index REPORTS… --index {dir})")
            } else {
                format!("gongkai: {dir}: this directory holds files gongkai did not write; it is never written to or deleted (give another --index)")
            };
            assert_eq!(e.trim_end(), expected, "{args:?}");
        }
        assert_eq!(listing(&root.join(dir)), before, "{dir} was touched");
    }
    remove(&root);
}

#[test]
fn the_index_is_found_through_the_flag_then_the_environment() {
    let root = tmp("env");
    copy_corpus(&root.join("d"));
    let o = run_in(&root, &["index", "d", "--index", "elsewhere"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let env_search = |dir: &str, extra: &[&str]| {
        let mut c = bin();
        c.current_dir(&root)
            .env("GONGKAI_INDEX", dir)
            .args(["search", "解读", "-n", "1"])
            .args(extra);
        c.output().unwrap()
    };
    let o = env_search("elsewhere", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // --index wins over the environment.
    let o = env_search("elsewhere", &["--index", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("gongkai: nowhere: no index here (build one with: gongkai index"),
        "{}",
        err(&o)
    );
    // Neither, and no ./index or corpus/ here: say which command builds one.
    let o = run_in(&root, &["search", "解读"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o).trim_end(),
        "gongkai: index: no index here (build one with: gongkai index REPORTS… --index index)"
    );
    remove(&root);
}

/// A folder that cannot be read is named, and what the index holds under it is kept (it may
/// still be there). Root reads every folder, so this runs only for other users.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_named_and_its_reports_kept() {
    use std::os::unix::fs::PermissionsExt;
    let root = tmp("unreadable");
    copy_corpus(&root.join("d/locked"));
    let o = run_in(&root, &["index", "d", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let locked = root.join("d/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user reads folders whatever their permissions (root)");
        remove(&root);
        return;
    }
    let o = run_in(&root, &["index", "d", "--index", "ix"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("gongkai: d/locked: cannot read: permission denied"),
        "{}",
        err(&o)
    );
    assert!(summary(&o).contains("0 removed"), "{}", err(&o));
    assert_eq!(sources(&root.join("ix")).len(), corpus_names().len());
    remove(&root);
}
