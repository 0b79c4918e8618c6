//! The files behind an index: which files under the paths given are reports. The walk follows
//! symlinks but visits each real directory once (two links to `.` cannot make it endless),
//! never enters an index directory, reads only regular files, and names every file or
//! directory it could not read or chose to skip. A file is identified by its real path, byte
//! for byte ([`key`]), so `d`, `./d` and `/abs/d` are one folder and two names that are not
//! UTF-8 stay two files.

use crate::error::Error;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// File name endings of the formats gongkai reads (a file without an extension is tried too:
/// downloads often lose theirs). Anything else met in a directory is skipped with its reason;
/// a file named on the command line is always tried.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "shtml", "xhtml", "mht", "mhtml", "pdf",
    "docx", "docm", "doc", "wps", "rtf", "odt", "ofd",
];

/// A report file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path as reached from the path given (what people see as `source`).
    pub path: PathBuf,
    /// The real path (symlinks resolved, absolute): the file's identity.
    pub real: PathBuf,
}

/// A file or directory left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Report files, sorted by path, each real file once.
    pub files: Vec<Found>,
    /// Files and directories left out on purpose (not a report format, an index, a symlink
    /// loop, the same file reached twice).
    pub skipped: Vec<Skipped>,
    /// Files and directories that could not be read.
    pub errors: Vec<Skipped>,
    /// The real paths of the paths given: what is indexed under them mirrors what was found.
    pub roots: Vec<PathBuf>,
    /// Real paths of directories that could not be read: what the index holds under them is
    /// kept, since nobody knows whether it is still there.
    pub unread: Vec<PathBuf>,
}

/// The identity of a file: its real path's bytes, exactly (not UTF-8 on every system).
pub fn key(real: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        real.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        real.to_string_lossy().into_owned().into_bytes()
    }
}

/// Whether the file with real path `real` lies under the directory (or is the file) `root`.
pub fn is_under(real: &[u8], root: &[u8]) -> bool {
    real.starts_with(root)
        && (real.len() == root.len() || root.ends_with(b"/") || real[root.len()] == b'/')
}

/// A path for people: as it is when it is UTF-8; otherwise every byte that is not UTF-8 is
/// written `\xNN`, so that two names differing only there are still told apart.
pub fn display(p: &Path) -> String {
    if let Some(s) = p.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                write!(out, "\\x{b:02X}").expect("writing to a String");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned()
    }
}

/// `./d//x` → `d/x`: the path as given, without the `.` parts.
fn tidy(p: &Path) -> PathBuf {
    let tidy: PathBuf = p.components().filter(|c| *c != Component::CurDir).collect();
    if tidy.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        tidy
    }
}

fn has_report_extension(p: &Path) -> Result<(), String> {
    match p.extension() {
        None => Ok(()),
        Some(e) => {
            let e = e.to_string_lossy().to_ascii_lowercase();
            if REPORT_EXTENSIONS.contains(&e.as_str()) {
                Ok(())
            } else {
                Err(format!("not a report format (.{e}); skipped"))
            }
        }
    }
}

/// Whether `dir` holds a search index (ours or another tantivy's): never walked into.
pub fn is_index_dir(dir: &Path) -> bool {
    dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()
}

/// Walk the paths. `index_dir` (the index being written) is never entered. A path given that
/// does not exist fails the whole walk: it is a typing error, not a file to drop.
pub fn walk(paths: &[PathBuf], index_dir: Option<&Path>) -> Result<Walk, Error> {
    let mut w = Walk::default();
    let index_real = index_dir.and_then(|d| std::fs::canonicalize(d).ok());
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    let mut found = Vec::new();
    for given in paths {
        let meta = std::fs::metadata(given).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NoSuchPath(given.clone())
            } else {
                Error::io(given, &e)
            }
        })?;
        let real = std::fs::canonicalize(given).map_err(|e| Error::io(given, &e))?;
        w.roots.push(real.clone());
        if !meta.is_dir() {
            // A file named on the command line is tried whatever its name; reading it checks
            // that it is a regular file.
            if seen_files.insert(real.clone()) {
                found.push(Found {
                    path: tidy(given),
                    real,
                });
            }
            continue;
        }
        walk_dir(
            &tidy(given),
            index_real.as_deref(),
            &mut seen_dirs,
            &mut seen_files,
            &mut found,
            &mut w,
        );
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    w.files = found;
    Ok(w)
}

fn walk_dir(
    root: &Path,
    index_real: Option<&Path>,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
    found: &mut Vec<Found>,
    w: &mut Walk,
) {
    let mut it = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = display(&tidy(e.path().unwrap_or(root)));
                if let Some(ancestor) = e.loop_ancestor() {
                    w.skipped.push(Skipped {
                        path,
                        reason: format!(
                            "a symlink loop back to {}; not followed",
                            display(ancestor)
                        ),
                    });
                    continue;
                }
                let reason = match e.io_error() {
                    Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                        "a broken symlink (its target does not exist)".to_string()
                    }
                    Some(io) => format!("cannot read: {}", crate::ingest::io_reason(io)),
                    None => format!("cannot read: {e}"),
                };
                if let Some(p) = e.path() {
                    // A directory that could not be listed: what the index holds under it stays.
                    let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
                    if real.is_dir() || e.depth() == 0 {
                        w.unread.push(real);
                    }
                }
                w.errors.push(Skipped { path, reason });
                continue;
            }
        };
        let tidied = tidy(entry.path());
        let path = tidied.as_path();
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        let real = match std::fs::canonicalize(path) {
            Ok(r) => r,
            Err(e) => {
                w.errors.push(Skipped {
                    path: display(path),
                    reason: format!("cannot read: {}", crate::ingest::io_reason(&e)),
                });
                continue;
            }
        };
        if entry.file_type().is_dir() {
            let skip = if hidden {
                None // hidden folders (.git, .cache) are passed over without a word
            } else if index_real == Some(real.as_path()) || is_index_dir(path) {
                Some("a search index; not read".to_string())
            } else if !seen_dirs.insert(real.clone()) {
                Some(format!("the same folder as {}; read once", display(&real)))
            } else {
                continue;
            };
            if let Some(reason) = skip {
                w.skipped.push(Skipped {
                    path: display(path),
                    reason,
                });
            }
            it.skip_current_dir();
            continue;
        }
        if hidden {
            continue;
        }
        if let Some(kind) = crate::ingest::not_regular(&entry.file_type()) {
            w.skipped.push(Skipped {
                path: display(path),
                reason: format!("{kind}, not a regular file; not read"),
            });
            continue;
        }
        if let Err(reason) = has_report_extension(path) {
            w.skipped.push(Skipped {
                path: display(path),
                reason,
            });
            continue;
        }
        if !seen_files.insert(real.clone()) {
            w.skipped.push(Skipped {
                path: display(path),
                reason: format!("the same file as {}; read once", display(&real)),
            });
            continue;
        }
        found.push(Found {
            path: path.to_path_buf(),
            real,
        });
    }
}

/// Every report file under the paths, sorted (what could not be read is left out).
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    match walk(paths, None) {
        Ok(w) => w.files.into_iter().map(|f| f.path).collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_means_whole_path_components() {
        assert!(is_under(b"/a/b/c.txt", b"/a/b"));
        assert!(is_under(b"/a/b", b"/a/b"));
        assert!(is_under(b"/a/b/c.txt", b"/"));
        assert!(!is_under(b"/a/bc/d.txt", b"/a/b"));
        assert!(!is_under(b"/a", b"/a/b"));
    }

    #[test]
    fn paths_are_tidied_and_shown_losslessly() {
        assert_eq!(tidy(Path::new("./d//x.txt")), PathBuf::from("d/x.txt"));
        assert_eq!(tidy(Path::new(".")), PathBuf::from("."));
        assert_eq!(display(Path::new("d/广州.txt")), "d/广州.txt");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"d/\xB9\xE3-2021.txt"));
            assert_eq!(display(p), "d/\\xB9\\xE3-2021.txt");
            let q = Path::new(std::ffi::OsStr::from_bytes(b"d/\xB9\xE4-2021.txt"));
            assert_ne!(display(p), display(q));
            assert_ne!(key(p), key(q));
        }
    }

    #[test]
    fn report_formats_are_data() {
        assert!(has_report_extension(Path::new("a.PDF")).is_ok());
        assert!(has_report_extension(Path::new("README")).is_ok());
        assert_eq!(
            has_report_extension(Path::new("Cargo.toml")),
            Err("not a report format (.toml); skipped".to_string())
        );
    }
}
