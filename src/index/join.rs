//! The section → report join behind `search --where`: figures live on report documents only,
//! and a section matches a figure condition when its report document does.
//!
//! A report's documents sit together in one segment, its sections right before it (see the
//! module doc of [`super`]), so each section document carries `up`, the distance to its report
//! document. The join is then a bitset of the matching report documents per segment and one
//! lookup per hit: no hashing, no stored-field reads.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
use tantivy::{BitSet, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The report documents matching `query`, as one bitset per segment.
pub fn report_sets(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<Vec<BitSet>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut sets = Vec::new();
    for reader in searcher.segment_readers() {
        let mut set = BitSet::with_max_value(reader.max_doc());
        weight.for_each_no_score(reader, &mut |docs| {
            for &d in docs {
                set.insert(d);
            }
        })?;
        sets.push(set);
    }
    Ok(sets)
}

/// Passes on to `inner` only the section documents whose report is in `reports`.
pub struct ReportJoin<C> {
    pub reports: std::sync::Arc<Vec<BitSet>>,
    pub inner: C,
}

impl<C: Collector> Collector for ReportJoin<C> {
    type Fruit = C::Fruit;
    type Child = JoinSegment<C::Child>;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<JoinSegment<C::Child>> {
        Ok(JoinSegment {
            reports: self.reports.clone(),
            ord: ord as usize,
            up: reader.fast_fields().u64("up").ok(),
            inner: self.inner.for_segment(ord, reader)?,
            kept: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<C::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

pub struct JoinSegment<S> {
    reports: std::sync::Arc<Vec<BitSet>>,
    ord: usize,
    up: Option<Column<u64>>,
    inner: S,
    kept: Vec<DocId>,
}

impl<S> JoinSegment<S> {
    #[inline]
    fn keep(&self, doc: DocId) -> bool {
        let Some(up) = self.up.as_ref().and_then(|c| c.first(doc)) else {
            return false;
        };
        if up == 0 {
            return false; // a report document
        }
        let report = doc as u64 + up;
        let set = &self.reports[self.ord];
        report < set.max_value() as u64 && set.contains(report as u32)
    }
}

impl<S: SegmentCollector> SegmentCollector for JoinSegment<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.keep(doc) {
            self.inner.collect(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let mut kept = std::mem::take(&mut self.kept);
        kept.clear();
        kept.extend(docs.iter().copied().filter(|&d| self.keep(d)));
        if !kept.is_empty() {
            self.inner.collect_block(&kept);
        }
        self.kept = kept;
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}
