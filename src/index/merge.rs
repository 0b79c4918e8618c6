//! The merge policy: tantivy's log-structured merging, with no merge producing a segment of more
//! than [`MAX_MERGED_DOCS`] documents.
//!
//! A merge maps its input segments into memory, and the operating system counts those pages in
//! the build's resident memory. With unbounded merges, a 100k-report build ended by merging most
//! of its 1.4 GB index at once (peak RSS 1.34 GB, of which 955 MB mapped index files); capped at
//! 250k documents it peaked at 1.05 GB. Capping the merged size bounds that part, at the cost
//! of more segments for a search to visit (about 16 at 100k reports).

use std::collections::HashMap;
use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// About 12,000 reports (13 documents each), 180 MB of index: with two merges at once and the
/// writer's own memory, a build stays under 1 GB.
pub const MAX_MERGED_DOCS: u32 = 160_000;

#[derive(Debug)]
pub struct CappedMergePolicy {
    inner: LogMergePolicy,
    cap: u32,
}

impl CappedMergePolicy {
    pub fn new(cap: u32) -> CappedMergePolicy {
        let mut inner = LogMergePolicy::default();
        // A segment past half the cap has nothing left to merge with.
        inner.set_max_docs_before_merge(cap as usize / 2);
        CappedMergePolicy { inner, cap }
    }
}

impl Default for CappedMergePolicy {
    fn default() -> Self {
        CappedMergePolicy::new(MAX_MERGED_DOCS)
    }
}

impl MergePolicy for CappedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<_, u32> = segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut out = Vec::new();
        for MergeCandidate(mut ids) in self.inner.compute_merge_candidates(segments) {
            let alone = ids.len() == 1; // a merge that only drops deleted documents
            ids.sort_by_key(|id| docs.get(id).copied().unwrap_or(0));
            let mut group = Vec::new();
            let mut sum = 0u32;
            for id in ids {
                let n = docs.get(&id).copied().unwrap_or(0);
                if !group.is_empty() && sum + n > self.cap {
                    let full = std::mem::take(&mut group);
                    if full.len() > 1 {
                        out.push(MergeCandidate(full));
                    }
                    sum = 0;
                }
                group.push(id);
                sum += n;
            }
            if group.len() > 1 || alone {
                out.push(MergeCandidate(group));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::index::SegmentId;

    #[test]
    fn no_merge_exceeds_the_cap_and_small_segments_still_merge() {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        let metas: Vec<SegmentMeta> = [
            90_000u32, 90_000, 90_000, 90_000, 90_000, 90_000, 90_000, 90_000, 300_000,
        ]
        .iter()
        .chain([1_000u32; 10].iter())
        .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
        .collect();
        let policy = CappedMergePolicy::new(250_000);
        let merges = policy.compute_merge_candidates(&metas);
        let size = |id: &SegmentId| metas.iter().find(|m| m.id() == *id).unwrap().num_docs();
        assert!(!merges.is_empty());
        let mut merged_small = false;
        for MergeCandidate(ids) in &merges {
            let total: u32 = ids.iter().map(size).sum();
            assert!(total <= 250_000, "a merge of {total} documents");
            assert!(
                ids.iter().all(|id| size(id) != 300_000),
                "a segment past the cap merged"
            );
            merged_small |= ids.iter().filter(|id| size(id) == 1_000).count() >= 8;
        }
        assert!(merged_small, "{merges:?}");
        // Unlimited, the log policy would merge the eight 90k segments into one of 720k.
        let log = LogMergePolicy::default().compute_merge_candidates(&metas);
        assert!(log
            .iter()
            .any(|MergeCandidate(ids)| ids.iter().map(size).sum::<u32>() > 250_000));
    }
}
