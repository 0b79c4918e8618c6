//! Index directories: which ones gongkai wrote (only those are ever cleared), opening one for
//! reading (no write access, no lock) or for writing, and telling damage, another version and
//! a foreign folder apart, each in one line.

use super::{readonly::ReadOnlyDirectory, register_read_tokenizers, schema, Fields, FORMAT};
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::Index;

/// The file that marks a directory as an index gongkai created; it also records the paths the
/// index was built from, for `gongkai index --rebuild`.
pub const MARKER: &str = ".gongkai-index";

/// From how many segments on a search uses every core.
const PARALLEL_SEGMENTS: usize = 6;

/// What the marker holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Marker {
    pub format: String,
    /// The real paths indexed into it, in the order first given.
    #[serde(default)]
    pub roots: Vec<String>,
}

/// Whether an index (ours or not) is in `dir`.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

/// The marker of `dir`, when gongkai wrote it.
pub fn marker(dir: &Path) -> Option<Marker> {
    let text = std::fs::read_to_string(dir.join(MARKER)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Whether gongkai wrote the index in `dir`: its marker, or (an index from before markers) a
/// commit of ours in `meta.json`.
pub fn is_ours(dir: &Path) -> bool {
    if dir.join(MARKER).is_file() {
        return true;
    }
    std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|m| m.get("payload")?.as_str().map(String::from))
        .is_some_and(|p| p.starts_with("gongkai-index"))
}

/// Whether `dir` holds nothing but dot-files (`.gitkeep`): a place an index may be created.
fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |rd| {
        rd.flatten()
            .all(|e| e.file_name().to_string_lossy().starts_with('.'))
    })
}

/// Open the index in `dir` for reading. Nothing is written, locked or watched, so an index on
/// a read-only folder can be searched, and a writer's lock never makes a search wait.
pub fn open(dir: &Path) -> Result<(Index, Fields), Error> {
    if !exists(dir) {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let directory = ReadOnlyDirectory::open(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut index = Index::open(directory).map_err(|e| Error::index(dir, e))?;
    check(dir, &index)?;
    // A large index (a dozen segments at 100k reports, see merge.rs) is searched one segment
    // per core; for a few segments the threads cost more than they save (1k reports: word
    // query 2.3 ms on one thread, 4.2 ms on two).
    let segments = index.searchable_segment_ids().map(|s| s.len()).unwrap_or(0);
    if segments >= PARALLEL_SEGMENTS {
        index
            .set_default_multithread_executor()
            .map_err(|e| Error::index(dir, e))?;
    }
    register_read_tokenizers(&index);
    let (_, fields) = schema();
    Ok((index, fields))
}

/// Decompressed store blocks kept per segment (see [`reader`]).
const STORE_CACHE_BLOCKS: usize = 2;

/// The store's block size and zstd level (see [`open_for_writing`]).
const STORE_BLOCK_BYTES: usize = 512 * 1024;
// Level 1 (zstd's fast matcher): the build's CPU is 7% less than at level 6 and the index 7%
// larger (10k generated reports, format 8 without the figures' terms: 0.94× the text; level
// 3 saves 3%). Format 7's jieba word field made the index 0.98× the text at level 6, so the
// level was kept high then; without it there is room under the 1.0× target.
const STORE_ZSTD_LEVEL: i32 = 1;

/// A reader that sees the index as it is now (no reload thread: a command reads once).
pub fn reader(index: &Index) -> tantivy::Result<tantivy::IndexReader> {
    index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        // tantivy's default keeps 100 decompressed store blocks per segment: 50 MB a segment
        // with our blocks, growing with the corpus as segments do. A report is read with its
        // sections, which sit just before it in the same block or the one before.
        .doc_store_cache_num_blocks(STORE_CACHE_BLOCKS)
        .try_into()
}

/// Open the index in `dir` for writing, creating it (and its marker) when there is none. A
/// folder gongkai did not write is refused, never touched.
pub fn open_for_writing(dir: &Path, roots: &[PathBuf]) -> Result<Index, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let fresh = !exists(dir);
    let may_create = fresh && is_empty(dir);
    if !is_ours(dir) && !may_create {
        return Err(Error::Foreign(dir.to_path_buf()));
    }
    // Marked before anything is committed: a build killed at once still leaves a folder that
    // gongkai knows it may clear.
    write_marker(dir, roots)?;
    if !fresh {
        let index = Index::open_in_dir(dir).map_err(|e| Error::index(dir, e))?;
        check(dir, &index)?;
        return Ok(index);
    }
    // zstd: report text is Chinese, which LZ4 barely shrinks (the store is 25% smaller, and
    // reading 20 hits' snippets costs microseconds more). Large blocks: reports of one template
    // share most of their wording, and a block of 512 KiB holds dozens of them, so the store is
    // a fraction of what tantivy's 16 KiB blocks make of it (at level 6, 0.25× the text instead
    // of 0.63×, and the whole index 0.98× the text instead of 1.36×, 10k generated reports). What it costs: a
    // hit's snippet decompresses one block (~1 ms), so 20 hits take 0.05 s instead of 0.02 s.
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK_BYTES,
        ..Default::default()
    };
    Index::builder()
        .schema(schema().0)
        .settings(settings)
        .create_in_dir(dir)
        .map_err(|e| Error::index(dir, e))
}

/// Record in the marker that `roots` are indexed into `dir` (added to those recorded before).
fn write_marker(dir: &Path, roots: &[PathBuf]) -> Result<(), Error> {
    let old = marker(dir);
    let mut m = Marker {
        format: FORMAT.to_string(),
        roots: old.as_ref().map(|m| m.roots.clone()).unwrap_or_default(),
    };
    for r in roots {
        let r = super::files::display(r);
        if !m.roots.contains(&r) {
            m.roots.push(r);
        }
    }
    if old.is_some_and(|o| o.format == m.format && o.roots == m.roots) {
        return Ok(());
    }
    let path = dir.join(MARKER);
    let text = serde_json::to_string_pretty(&m).expect("a marker serialises") + "\n";
    std::fs::write(&path, text).map_err(|e| Error::io(&path, &e))
}

/// Refuse an index this gongkai cannot read as its own: one it did not write, one of another
/// version, one whose schema is not this gongkai's.
fn check(dir: &Path, index: &Index) -> Result<(), Error> {
    if !is_ours(dir) {
        return Err(Error::Foreign(dir.to_path_buf()));
    }
    if let Some(found) = other_format(index).map_err(|e| Error::index(dir, e))? {
        return Err(Error::OtherVersion {
            dir: dir.to_path_buf(),
            found,
        });
    }
    if index.schema() != schema().0 {
        return Err(Error::Damaged {
            dir: dir.to_path_buf(),
            detail: "its fields are not the ones gongkai writes".into(),
        });
    }
    Ok(())
}

/// The format an index was written with, when it is not [`FORMAT`].
fn other_format(index: &Index) -> tantivy::Result<Option<String>> {
    let metas = index.load_metas()?;
    Ok(match metas.payload {
        Some(p) if p == FORMAT => None,
        // Nothing committed yet (a build killed before its first commit): nothing to misread.
        _ if metas.segments.is_empty() => None,
        other => Some(other.unwrap_or_else(|| "gongkai-index 1".into())),
    })
}

/// The format of the index in `dir` when gongkai wrote it with another layout (None when it is
/// this one's, when there is no index, or when it is not gongkai's).
pub fn stale_format(dir: &Path) -> Option<String> {
    if !exists(dir) || !is_ours(dir) {
        return None;
    }
    match Index::open_in_dir(dir) {
        Ok(index) => other_format(&index).ok()?,
        Err(_) => None,
    }
}

/// Delete the index in `dir` (every file but `.gitkeep` and the marker), only when gongkai
/// wrote it.
pub fn clear(dir: &Path) -> Result<(), Error> {
    if !is_ours(dir) {
        if is_empty(dir) {
            return Ok(());
        }
        return Err(Error::Foreign(dir.to_path_buf()));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    for e in entries.flatten() {
        let name = e.file_name();
        if name == ".gitkeep" || name == MARKER {
            continue;
        }
        let p = e.path();
        let r = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        r.map_err(|err| Error::io(&p, &err))?;
    }
    Ok(())
}
