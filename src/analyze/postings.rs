//! The shingles that some but not too many reports share, found in bounded memory: every
//! (shingle, report) pair is appended to a buffer; a full buffer is sorted and spilled to a
//! temporary file (a run); at the end the runs are merged and only the shingles carried by 2 to
//! `cap` reports are kept. A shingle of one report nominates no other, and one that more than
//! `cap` reports print is template wording: neither is held, so what stays in memory is the
//! buffer and the pairs that can nominate someone.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

/// A temporary file that could not be written or read back, and why.
pub type SpillError = (PathBuf, std::io::Error);

/// One pair read back from a run.
type PairRead = Result<(u64, u32), SpillError>;

/// Pairs buffered before a run is spilled (12 bytes each on disk, 16 in memory: 32 MiB).
pub const RUN_PAIRS: usize = 2 << 20;

/// Postings being collected (see the module doc).
pub struct PostingsBuilder {
    buffer: Vec<(u64, u32)>,
    limit: usize,
    runs: Vec<PathBuf>,
    cap: usize,
}

/// The kept postings: (shingle, report) pairs sorted, so that a shingle's reports are one run.
#[derive(Debug, Default)]
pub struct Postings {
    pairs: Vec<(u64, u32)>,
}

impl PostingsBuilder {
    /// Keep shingles carried by at most `cap` reports; spill every `limit` pairs.
    pub fn new(cap: usize, limit: usize) -> PostingsBuilder {
        PostingsBuilder {
            buffer: Vec::new(),
            limit: limit.max(1),
            runs: Vec::new(),
            cap,
        }
    }

    /// Add the (distinct) shingles of report `doc`.
    pub fn add(
        &mut self,
        doc: u32,
        shingles: impl IntoIterator<Item = u64>,
    ) -> Result<(), SpillError> {
        for h in shingles {
            self.buffer.push((h, doc));
            if self.buffer.len() >= self.limit {
                self.spill()?;
            }
        }
        Ok(())
    }

    fn spill(&mut self) -> Result<(), SpillError> {
        self.buffer.sort_unstable();
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("gongkai-postings-{}-{n}", std::process::id()));
        let fail = |e: std::io::Error| (path.clone(), e);
        let mut w = BufWriter::new(File::create(&path).map_err(fail)?);
        self.runs.push(path.clone());
        for &(h, d) in &self.buffer {
            w.write_all(&h.to_le_bytes()).map_err(fail)?;
            w.write_all(&d.to_le_bytes()).map_err(fail)?;
        }
        w.flush().map_err(fail)?;
        self.buffer.clear();
        Ok(())
    }

    /// Merge the runs and keep the shingles of 2..=cap reports.
    pub fn finish(mut self) -> Result<Postings, SpillError> {
        self.buffer.sort_unstable();
        let mut sources: Vec<Box<dyn Iterator<Item = PairRead>>> = Vec::new();
        for path in &self.runs {
            let f = File::open(path).map_err(|e| (path.clone(), e))?;
            sources.push(Box::new(RunReader {
                r: BufReader::with_capacity(1 << 16, f),
                path: path.clone(),
            }));
        }
        let memory = std::mem::take(&mut self.buffer);
        sources.push(Box::new(memory.into_iter().map(Ok)));
        let mut heads: std::collections::BinaryHeap<std::cmp::Reverse<((u64, u32), usize)>> =
            Default::default();
        for (k, s) in sources.iter_mut().enumerate() {
            if let Some(p) = s.next() {
                heads.push(std::cmp::Reverse((p?, k)));
            }
        }
        let mut kept = Vec::new();
        let mut group: Vec<(u64, u32)> = Vec::new();
        let mut keep = |group: &mut Vec<(u64, u32)>| {
            if group.len() >= 2 && group.len() <= self.cap {
                kept.extend_from_slice(group);
            }
            group.clear();
        };
        while let Some(std::cmp::Reverse((p, k))) = heads.pop() {
            if group.first().is_some_and(|g| g.0 != p.0) {
                keep(&mut group);
            }
            group.push(p);
            if let Some(next) = sources[k].next() {
                heads.push(std::cmp::Reverse((next?, k)));
            }
        }
        keep(&mut group);
        kept.shrink_to_fit();
        Ok(Postings { pairs: kept })
    }
}

impl Drop for PostingsBuilder {
    fn drop(&mut self) {
        for p in &self.runs {
            let _ = std::fs::remove_file(p);
        }
    }
}

struct RunReader {
    r: BufReader<File>,
    path: PathBuf,
}

impl Iterator for RunReader {
    type Item = PairRead;

    fn next(&mut self) -> Option<Self::Item> {
        let mut b = [0u8; 12];
        match self.r.read_exact(&mut b) {
            Ok(()) => Some(Ok((
                u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
                u32::from_le_bytes(b[8..].try_into().expect("4 bytes")),
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => None,
            Err(e) => Some(Err((self.path.clone(), e))),
        }
    }
}

impl Postings {
    /// The reports carrying shingle `h` (none when fewer than 2 or more than the cap do).
    pub fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let lo = self.pairs.partition_point(|p| p.0 < h);
        self.pairs[lo..]
            .iter()
            .take_while(move |p| p.0 == h)
            .map(|p| p.1)
    }

    /// Pairs held.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spilled or not, the same shingles are kept: those of 2..=cap reports.
    #[test]
    fn runs_merge_to_the_shared_shingles() {
        // This builder's own runs: other tests of the process spill at the same time.
        let mut runs = Vec::new();
        for limit in [1, 3, 7, 1000] {
            let mut b = PostingsBuilder::new(3, limit);
            b.add(0, [1, 2, 3, 9]).unwrap();
            b.add(1, [2, 3, 4]).unwrap();
            b.add(2, [3, 4, 5]).unwrap();
            b.add(3, [3, 6]).unwrap();
            runs.extend(b.runs.iter().cloned());
            let p = b.finish().unwrap();
            let got = |h| p.get(h).collect::<Vec<u32>>();
            assert_eq!(got(1), Vec::<u32>::new(), "one report: {limit}");
            assert_eq!(got(2), vec![0, 1], "{limit}");
            assert_eq!(
                got(3),
                Vec::<u32>::new(),
                "four reports, over the cap: {limit}"
            );
            assert_eq!(got(4), vec![1, 2], "{limit}");
            assert_eq!(p.len(), 4, "{limit}");
        }
        assert!(!runs.is_empty(), "the small limits spill");
        let leftover: Vec<_> = runs.iter().filter(|p| p.exists()).collect();
        assert!(leftover.is_empty(), "runs are removed: {leftover:?}");
    }
}
