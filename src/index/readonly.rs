//! The index as searching sees it: a directory that is only read. tantivy's reader takes a lock
//! file (`.tantivy-meta.lock`, created and locked) before it opens segments, which fails on a
//! read-only folder (a shared drive, another user's index) and waits while a writer holds it.
//! Searching gongkai's index needs neither: a writer only ever adds files and deletes a
//! segment's files after a commit no longer names them, so the worst a concurrent commit can do
//! to a reader is make it open a segment that just went away, which fails with an error (and a
//! second try sees the new commit).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An [`MmapDirectory`] that never writes, locks or watches.
#[derive(Clone, Debug)]
pub struct ReadOnlyDirectory(MmapDirectory);

impl ReadOnlyDirectory {
    pub fn open(dir: &Path) -> Result<Self, tantivy::directory::error::OpenDirectoryError> {
        MmapDirectory::open(dir).map(ReadOnlyDirectory)
    }
}

fn refused() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "the index is opened for reading only",
    )
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(refused()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            refused(),
            PathBuf::from(path),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(refused())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// No lock file: see the module doc for why reading is safe without one.
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
