//! Every way a command can fail, typed; each one prints as one line that names the file or
//! directory and, where there is one, the way out. The command line prints them in one place
//! (`cmd::main`) and maps them to exit code 2; a file that fails while others succeed is not an
//! `Error` but a counted failure (exit 1).

use crate::ingest::InputError;
use std::fmt;
use std::path::{Path, PathBuf};

/// What stopped a command.
#[derive(Debug)]
pub enum Error {
    /// Bad flags, query or filter values.
    Usage(String),
    /// A report file given by name that could not be read.
    Input(InputError),
    /// A path given on the command line that does not exist.
    NoSuchPath(PathBuf),
    /// No index at this directory.
    NoIndex(PathBuf),
    /// The index cannot be read as a gongkai index: garbled files, a foreign tantivy index, a
    /// schema that is not ours.
    Damaged { dir: PathBuf, detail: String },
    /// The index was written by another version of gongkai.
    OtherVersion { dir: PathBuf, found: String },
    /// A directory holding files that gongkai did not write: never written to or deleted.
    Foreign(PathBuf),
    /// Another process is writing to the index.
    Locked(PathBuf),
    /// The disk is full.
    NoSpace(PathBuf),
    /// Any other failure to read or write a path.
    Io { path: PathBuf, message: String },
    /// Nothing matched what was asked for (compare: no such agency-year).
    NotFound(String),
    /// The web server cannot listen on this address (in use, not ours, not an address).
    Listen { addr: String, message: String },
    /// gongkai itself failed (a panic caught at the top): the message and where.
    Bug(String),
    /// The reader of the output went away (`gongkai … | head -1`): the command stops quietly,
    /// as ripgrep does, and is not an error (exit 0).
    BrokenPipe,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::NotFound(m) => write!(f, "{m}"),
            Error::Input(e) => write!(f, "{e}"),
            Error::NoSuchPath(p) => write!(f, "{}: no such file or directory", p.display()),
            Error::NoIndex(d) => write!(
                f,
                "{}: no index here (build one with: gongkai index REPORTS… --index {})",
                d.display(),
                d.display()
            ),
            Error::Damaged { dir, detail } => write!(
                f,
                "the index at {} is damaged ({detail}); rebuild it with: gongkai index --rebuild --index {}",
                dir.display(),
                dir.display()
            ),
            Error::OtherVersion { dir, found } => write!(
                f,
                "the index at {} was written by another version of gongkai ({found}; this one writes {}); rebuild it with: gongkai index --rebuild --index {}",
                dir.display(),
                crate::index::FORMAT,
                dir.display()
            ),
            Error::Foreign(d) => write!(
                f,
                "{}: this directory holds files gongkai did not write; it is never written to or deleted (give another --index)",
                d.display()
            ),
            Error::Locked(d) => write!(
                f,
                "another gongkai index is writing to {}; wait for it to finish",
                d.display()
            ),
            Error::NoSpace(p) => write!(f, "no space left on the device holding {}", p.display()),
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Listen { addr, message } => write!(f, "cannot listen on {addr}: {message}"),
            Error::Bug(m) => write!(f, "internal error: {m} (a bug: please report it)"),
            Error::BrokenPipe => write!(f, "the output was closed"),
        }
    }
}

impl std::error::Error for Error {}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

impl Error {
    /// A failure to write output to `target` (a file, or `stdout`): a closed pipe becomes
    /// [`Error::BrokenPipe`], which ends the command quietly.
    pub fn write(target: &Path, e: &std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::BrokenPipe;
        }
        Error::io(target, e)
    }

    /// A failure to write to standard output.
    pub fn stdout(e: std::io::Error) -> Error {
        Error::write(Path::new("stdout"), &e)
    }

    /// An I/O failure at `path`, with a full disk told apart.
    pub fn io(path: &Path, e: &std::io::Error) -> Error {
        if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull {
            return Error::NoSpace(path.to_path_buf());
        }
        Error::Io {
            path: path.to_path_buf(),
            message: crate::ingest::io_reason(e),
        }
    }

    /// A tantivy failure on the index at `dir`, in words: a held lock, a full disk, a failure
    /// of the system to read or write, or else damage (what tantivy read back was not what it
    /// wrote).
    pub fn index(dir: &Path, e: tantivy::TantivyError) -> Error {
        use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
        use tantivy::TantivyError as T;
        let damaged = |detail: String| Error::Damaged {
            dir: dir.to_path_buf(),
            detail,
        };
        // An error of the operating system (permission, disk full, I/O) is told as such;
        // anything else a read produced means the bytes are not what was written.
        let system = |io: &std::io::Error| {
            io.raw_os_error().is_some() || io.kind() == std::io::ErrorKind::PermissionDenied
        };
        match e {
            T::LockFailure(LockError::LockBusy, _) => Error::Locked(dir.to_path_buf()),
            T::LockFailure(LockError::IoError(io), _) => Error::io(dir, &io),
            T::IoError(io) if system(&io) => Error::io(dir, &io),
            T::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
                Error::io(&dir.join(filepath), &io_error)
            }
            T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
                if system(&io_error) {
                    Error::io(&dir.join(filepath), &io_error)
                } else {
                    damaged(format!("{} does not read back", filepath.display()))
                }
            }
            T::OpenReadError(OpenReadError::FileDoesNotExist(f)) => {
                damaged(format!("{} is missing", f.display()))
            }
            T::OpenDirectoryError(d) => Error::Io {
                path: dir.to_path_buf(),
                message: one_line(&d.to_string()),
            },
            T::SchemaError(_) | T::FieldNotFound(_) => {
                damaged("its fields are not the ones gongkai writes".into())
            }
            other => Error::damaged(dir, &other.to_string()),
        }
    }

    /// A failure to read the index that was only told as text (from code that does not know
    /// the directory).
    pub fn damaged(dir: &Path, detail: &str) -> Error {
        // tantivy's messages quote debug dumps (`IoError { io_error: Custom { … } }`): keep
        // the words before them.
        let words = detail[..detail.find(['{', '\'', '"']).unwrap_or(detail.len())]
            .trim_end_matches([':', ' ', '(']);
        Error::Damaged {
            dir: dir.to_path_buf(),
            detail: format!("its files do not read back as written: {}", one_line(words)),
        }
    }
}

/// The first line of a message, at most 100 characters (tantivy's messages embed debug dumps).
fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(100).collect();
    if line.chars().count() > 100 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_said_in_words() {
        let enospc = std::io::Error::from_raw_os_error(28);
        let e = Error::io(Path::new("/data/ix"), &enospc);
        assert_eq!(
            e.to_string(),
            "no space left on the device holding /data/ix"
        );
        let t = tantivy::TantivyError::IoError(std::sync::Arc::new(
            std::io::Error::from_raw_os_error(28),
        ));
        assert_eq!(
            Error::index(Path::new("ix"), t).to_string(),
            "no space left on the device holding ix"
        );
        let w = tantivy::TantivyError::OpenWriteError(
            tantivy::directory::error::OpenWriteError::wrap_io_error(
                std::io::Error::from_raw_os_error(28),
                "a.store".into(),
            ),
        );
        assert_eq!(
            Error::index(Path::new("ix"), w).to_string(),
            "no space left on the device holding ix/a.store"
        );
    }

    #[test]
    fn a_held_lock_and_damage_are_told_apart() {
        use tantivy::directory::error::LockError;
        let busy = tantivy::TantivyError::LockFailure(LockError::LockBusy, None);
        assert_eq!(
            Error::index(Path::new("ix"), busy).to_string(),
            "another gongkai index is writing to ix; wait for it to finish"
        );
        let corrupt = tantivy::TantivyError::IoError(std::sync::Arc::new(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "Data corruption detected",
        )));
        let e = Error::index(Path::new("ix"), corrupt).to_string();
        assert!(e.starts_with("the index at ix is damaged ("), "{e}");
        assert!(
            e.ends_with("rebuild it with: gongkai index --rebuild --index ix"),
            "{e}"
        );
        assert!(!e.contains('\n'));
        // Debug dumps inside tantivy's messages are cut off.
        let d = Error::damaged(
            Path::new("ix"),
            "Failed to open file for read: 'IoError { io_error: Custom { kind: InvalidData } }'",
        );
        assert_eq!(
            d.to_string(),
            "the index at ix is damaged (its files do not read back as written: Failed to open file for read); rebuild it with: gongkai index --rebuild --index ix"
        );
    }
}
