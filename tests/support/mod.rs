//! Small helpers the command-line tests share.
#![allow(dead_code)]

use std::path::Path;

/// Remove a directory tree that may not exist: only "not found" is ignored, any other failure
/// (a permission, a busy file) fails the test instead of leaving stale state behind.
pub fn remove_dir(dir: &Path) {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot remove {}: {e}", dir.display()),
    }
}
