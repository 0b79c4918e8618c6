//! The index as searching sees it: a directory that is only read. tantivy's reader takes a lock
//! file (`.tantivy-meta.lock`, created and locked exclusively) before it opens segments, which
//! fails on a read-only folder (a shared drive, another user's index). Here the lock is taken
//! shared, on the lock file opened for reading, and only if the file exists: a writer holds it
//! exclusively while it commits and deletes the files of old commits, so holding it shared keeps
//! a search from opening a segment that is being deleted. A writer holds it for moments; a lock
//! held longer (a process stopped mid-commit) is waited on for [`LOCK_PATIENCE`] at most, after
//! which the search goes on without it (at worst it then fails on a vanished file and says so).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// How long a search waits for a writer to finish a commit before it reads without the lock.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(2);

/// An [`MmapDirectory`] that never writes or watches, and locks only shared.
#[derive(Clone, Debug)]
pub struct ReadOnlyDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl ReadOnlyDirectory {
    pub fn open(dir: &Path) -> Result<Self, tantivy::directory::error::OpenDirectoryError> {
        Ok(ReadOnlyDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
        })
    }
}

/// A shared lock on an existing lock file, opened for reading; None when there is no such file
/// or it stays locked past [`LOCK_PATIENCE`].
fn shared_lock(path: &Path) -> Option<std::fs::File> {
    let file = std::fs::File::open(path).ok()?;
    let start = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Some(file),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return None,
        }
    }
}

/// A file read with `pread` (see [`ReadOnlyDirectory::get_file_handle`]).
#[derive(Debug)]
struct PositionedFile {
    file: std::fs::File,
    len: usize,
}

impl tantivy::HasLen for PositionedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PositionedFile {
    fn read_bytes(&self, range: std::ops::Range<usize>) -> io::Result<OwnedBytes> {
        use std::os::unix::fs::FileExt;
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("bytes {range:?} past the end of a file of {}", self.len),
            ));
        }
        let mut buf = vec![0; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

fn refused() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "the index is opened for reading only",
    )
}

impl Directory for ReadOnlyDirectory {
    /// The store (most of the index's bytes, read once from end to end by an export) is read
    /// with positioned reads, not mapped: pages of a mapped file count in the process's
    /// resident memory until the kernel wants them back, so a stream over 100,000 reports
    /// showed 800 MB resident for 50 MB of its own. The page cache keeps them all the same.
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().is_some_and(|e| e == "store") {
            let full = self.root.join(path);
            let file = std::fs::File::open(&full).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
                _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
            })?;
            let len = file
                .metadata()
                .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
                .len() as usize;
            return Ok(Arc::new(PositionedFile { file, len }));
        }
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(refused()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            refused(),
            PathBuf::from(path),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(refused())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// Shared, never created, never waited on for long: see the module doc.
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(shared_lock(
            &self.root.join(&lock.filepath),
        ))))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
