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

/// A fresh, empty scratch directory for one test (removed first if a previous run left it).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-{name}-{}", std::process::id()));
    remove_dir(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

pub mod http;
pub mod server;
