//! Small helpers the command-line tests share.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Remove a directory tree that may not exist: only "not found" is ignored, any other failure
/// (a permission, a busy file) fails the test instead of leaving stale state behind.
pub fn remove_dir(dir: &Path) {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot remove {}: {e}", dir.display()),
    }
}

/// Where a test keeps its scratch files: under the target directory's `tmp/` (cargo's
/// `CARGO_TARGET_TMPDIR`), one fixed name per use, so a run replaces what the last run left
/// instead of adding a directory per process to the system's temporary folder.
pub fn scratch_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("gongkai-{name}"))
}

/// A fresh, empty scratch directory for one test (removed first if a previous run left it).
pub fn scratch(name: &str) -> PathBuf {
    let dir = scratch_path(name);
    remove_dir(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

pub mod http;
pub mod server;

/// Run the gongkai binary as a user does (no colour, no index from the environment).
pub fn gongkai(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GONGKAI_INDEX")
        .output()
        .expect("the gongkai binary runs")
}

/// Index `corpus` into `idx` with the gongkai binary, quietly; a failed build fails the test.
pub fn build_index(corpus: &Path, idx: &Path) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["index", "-q", "--index"])
        .arg(idx)
        .arg(corpus)
        .env("NO_COLOR", "1")
        .env_remove("GONGKAI_INDEX")
        .output()
        .expect("the gongkai binary runs");
    assert!(
        o.status.success(),
        "indexing {}: {}",
        corpus.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}
