//! Reading reports back from the index, one bounded batch at a time: the reports passing the
//! filters are put in source order from their report documents alone, then restored a batch at
//! a time on every core and handed over in order, so that a command over a national corpus holds
//! one batch of reports, never all of them. A caller that needs only metadata, tables and
//! problems asks for [`Parts::Slim`] and the section texts, provenance and checks are not read.

use super::{lifecycle, query, stored, Fields};
use crate::model::Report;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Index, Searcher, TantivyDocument};

/// Reports restored at once: enough to keep every core busy, few enough to stay small.
const BATCH: usize = 256;

/// How much of each report to restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// The whole report, equal to the parsed one (section texts, provenance, checks).
    Whole,
    /// Metadata, sections' kinds and titles (no text), tables, problems and warnings: what
    /// themes and figure questions need, a few KB a report.
    Slim,
}

/// Why a stream of reports ended early.
#[derive(Debug)]
pub enum StreamError<E> {
    /// The index could not be read (damage: the message says where).
    Index(String),
    /// The caller stopped it.
    Stopped(E),
}

/// Call `each` with every report passing the filters, in source order, restoring them
/// [`BATCH`] at a time.
pub fn for_each_report<E>(
    index: &Index,
    f: &Fields,
    filters: &query::Filters,
    parts: Parts,
    mut each: impl FnMut(Report) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    let reader = lifecycle::reader(index).map_err(|e| StreamError::Index(e.to_string()))?;
    let searcher = reader.searcher();
    let q = query::report_query(f, filters);
    let ordered = in_source_order(&searcher, q.as_ref()).map_err(StreamError::Index)?;
    // The index query narrows, `Filters::matches` decides: a filter selects the same reports
    // from the index as from the files.
    restore_in_batches(&searcher, f, &ordered, parts, |r| {
        if filters.matches(&r) {
            each(r)
        } else {
            Ok(())
        }
    })
}

/// Call `each` with the reports at these addresses (report documents, as
/// [`super::columns::report_rows_in`] gives them in the same `searcher`), in the order given,
/// restoring them [`BATCH`] at a time. No filter is applied.
pub fn for_each_at<E>(
    searcher: &Searcher,
    f: &Fields,
    addrs: &[DocAddress],
    parts: Parts,
    each: impl FnMut(Report) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    restore_in_batches(searcher, f, addrs, parts, each)
}

/// The indexed report whose `source` is exactly this, restored whole, with its file's real path
/// ([`super::files::key`]) and content hash as indexed; None when no report has that source
/// (the first by index order when, oddly, two have).
pub fn report_by_source(
    index: &Index,
    f: &Fields,
    source: &str,
) -> Result<Option<Located>, String> {
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;
    let searcher = searcher(index)?;
    let term = |field, text: &str| -> Box<dyn tantivy::query::Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let q = BooleanQuery::new(vec![
        (Occur::Must, term(f.doc_type, "report")),
        (Occur::Must, term(f.source, source)),
    ]);
    let docs = searcher
        .search(&q, &tantivy::collector::DocSetCollector)
        .map_err(|e| e.to_string())?;
    let Some(&addr) = docs.iter().min() else {
        return Ok(None);
    };
    let d: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
    let path = d
        .get_first(f.path)
        .and_then(|v| v.as_bytes())
        .unwrap_or_default()
        .to_vec();
    Ok(Some(Located {
        report: load_report(&searcher, f, addr, Parts::Whole)?,
        path,
        hash: text(&d, f.hash),
    }))
}

/// A report found by its source, and where its file is.
pub struct Located {
    pub report: Report,
    /// The file's real path, byte for byte, as indexed.
    pub path: Vec<u8>,
    /// The content hash of the file as indexed ([`super::content_hash`]).
    pub hash: String,
}

/// One view of the index as it is now: addresses found in it stay valid in it, whatever a
/// writer does meanwhile.
pub fn searcher(index: &Index) -> Result<Searcher, String> {
    Ok(lifecycle::reader(index)
        .map_err(|e| e.to_string())?
        .searcher())
}

fn restore_in_batches<E>(
    searcher: &Searcher,
    f: &Fields,
    addrs: &[DocAddress],
    parts: Parts,
    mut each: impl FnMut(Report) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    use rayon::prelude::*;
    for batch in addrs.chunks(BATCH) {
        let restored = batch
            .par_iter()
            .map(|&addr| load_report(searcher, f, addr, parts))
            .collect::<Result<Vec<Report>, String>>()
            .map_err(StreamError::Index)?;
        for r in restored {
            each(r).map_err(StreamError::Stopped)?;
        }
    }
    Ok(())
}

/// The report documents matching `q`, ordered by their source, from the `source` column alone:
/// each segment's documents are sorted by the ordinal of their source in that segment's
/// dictionary (ordinals follow byte order), then the segments are merged by the strings. No
/// stored document is read, and what is held is 12 bytes a report, not its source.
fn in_source_order(
    searcher: &Searcher,
    q: &dyn tantivy::query::Query,
) -> Result<Vec<DocAddress>, String> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let segments = searcher
        .search(q, &SourceOrdinals)
        .map_err(|e| e.to_string())?;
    let mut columns = Vec::with_capacity(segments.len());
    for (seg, _) in &segments {
        let reader = searcher.segment_reader(*seg);
        columns.push(
            reader
                .fast_fields()
                .str("source")
                .map_err(|e| e.to_string())?,
        );
    }
    // The source at position `pos` of segment list `k` ("" where it has none, as before).
    let source_at = |k: usize, pos: usize| -> Result<String, String> {
        let (ord, _) = segments[k].1[pos];
        let mut s = String::new();
        if let (Some(col), Some(ord)) = (&columns[k], ord) {
            col.ord_to_str(ord, &mut s).map_err(|e| e.to_string())?;
        }
        Ok(s)
    };
    let mut heads = BinaryHeap::new();
    for (k, (_, list)) in segments.iter().enumerate() {
        if !list.is_empty() {
            heads.push(Reverse((source_at(k, 0)?, segments[k].0, k, 0usize)));
        }
    }
    let mut out = Vec::with_capacity(segments.iter().map(|(_, l)| l.len()).sum());
    while let Some(Reverse((_, seg, k, pos))) = heads.pop() {
        out.push(DocAddress::new(seg, segments[k].1[pos].1));
        if pos + 1 < segments[k].1.len() {
            heads.push(Reverse((source_at(k, pos + 1)?, seg, k, pos + 1)));
        }
    }
    Ok(out)
}

/// Per segment, the matching documents with the ordinal of their source (None: no source),
/// sorted by (ordinal, document): source order within the segment.
struct SourceOrdinals;

type OrdinalList = Vec<(Option<u64>, tantivy::DocId)>;

struct SegmentOrdinals {
    segment: tantivy::SegmentOrdinal,
    column: Option<tantivy::columnar::StrColumn>,
    docs: OrdinalList,
}

impl tantivy::collector::SegmentCollector for SegmentOrdinals {
    type Fruit = Vec<(tantivy::SegmentOrdinal, OrdinalList)>;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        let ord = self.column.as_ref().and_then(|c| c.ords().first(doc));
        self.docs.push((ord, doc));
    }

    fn harvest(mut self) -> Self::Fruit {
        // None (no source) sorts first, as the empty string did.
        self.docs.sort_unstable();
        vec![(self.segment, self.docs)]
    }
}

impl tantivy::collector::Collector for SourceOrdinals {
    type Fruit = Vec<(tantivy::SegmentOrdinal, OrdinalList)>;
    type Child = SegmentOrdinals;

    fn for_segment(
        &self,
        segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentOrdinals> {
        Ok(SegmentOrdinals {
            segment,
            column: reader.fast_fields().str("source")?,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: Self::Fruit = fruits.into_iter().flatten().collect();
        all.sort_by_key(|(seg, _)| *seg);
        Ok(all)
    }
}

fn text(d: &TantivyDocument, fl: Field) -> String {
    d.get_first(fl)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

/// The report whose report document is at `addr`, restored from its stored form.
fn load_report(
    searcher: &Searcher,
    f: &Fields,
    addr: DocAddress,
    parts: Parts,
) -> Result<Report, String> {
    let d: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
    if parts == Parts::Slim {
        return stored::restore_slim(&text(&d, f.report_json));
    }
    let source = text(&d, f.source);
    let nsec = d.get_first(f.nsec).and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    // The section documents sit right before the report document (see the module doc of
    // `index`).
    let mut texts = Vec::with_capacity(nsec as usize);
    for i in 0..nsec {
        let misplaced = || format!("section {i} of {source} is not where it belongs");
        let doc_id = addr.doc_id.checked_sub(nsec - i).ok_or_else(misplaced)?;
        let at = DocAddress::new(addr.segment_ord, doc_id);
        let s: TantivyDocument = searcher.doc(at).map_err(|e| e.to_string())?;
        let sec = s.get_first(f.sec).and_then(|v| v.as_u64());
        if sec != Some(i as u64) || text(&s, f.source) != source {
            return Err(misplaced());
        }
        texts.push(text(&s, f.body));
    }
    stored::restore(&text(&d, f.report_json), &text(&d, f.provenance), texts)
        .map_err(|e| format!("stored report {e}"))
}

/// The parsed reports that pass the filters, in source order. Holds them all: commands over
/// many reports use [`for_each_report`].
pub fn reports(index: &Index, f: &Fields, filters: &query::Filters) -> Result<Vec<Report>, String> {
    let mut out = Vec::new();
    for_each_report(index, f, filters, Parts::Whole, |r| {
        out.push(r);
        Ok::<(), ()>(())
    })
    .map_err(|e| match e {
        StreamError::Index(m) => m,
        StreamError::Stopped(()) => unreachable!("collecting never stops"),
    })?;
    Ok(out)
}

/// Every parsed report stored in the index, in source order.
pub fn all_reports(index: &Index, f: &Fields) -> Result<Vec<Report>, String> {
    reports(index, f, &query::Filters::default())
}

/// The report documents passing the index part of `filters`, in source order, in `searcher`'s
/// view (for [`for_each_at`] and [`prose_at`]; [`query::Filters::matches`] is the caller's).
pub fn report_addresses(
    searcher: &Searcher,
    f: &Fields,
    filters: &query::Filters,
) -> Result<Vec<DocAddress>, String> {
    let q = query::report_query(f, filters);
    in_source_order(searcher, q.as_ref())
}

/// The prose of the report whose report document is at `addr` — every section's text but the
/// three tables', each followed by a newline, as `analyze::similarity::prose` makes it — read
/// from its section documents alone (no stored report is restored).
pub fn prose_at(searcher: &Searcher, f: &Fields, addr: DocAddress) -> Result<String, String> {
    use crate::model::SectionKind;
    let d: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
    let source = text(&d, f.source);
    let nsec = d.get_first(f.nsec).and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    let tables = [
        SectionKind::DisclosureTable.key(),
        SectionKind::RequestsTable.key(),
        SectionKind::ReviewLitigationTable.key(),
    ];
    let mut out = String::new();
    for i in 0..nsec {
        let misplaced = || format!("section {i} of {source} is not where it belongs");
        let doc_id = addr.doc_id.checked_sub(nsec - i).ok_or_else(misplaced)?;
        let s: TantivyDocument = searcher
            .doc(DocAddress::new(addr.segment_ord, doc_id))
            .map_err(|e| e.to_string())?;
        if s.get_first(f.sec).and_then(|v| v.as_u64()) != Some(i as u64) {
            return Err(misplaced());
        }
        if tables.contains(&text(&s, f.kind).as_str()) {
            continue;
        }
        out.push_str(s.get_first(f.body).and_then(|v| v.as_str()).unwrap_or(""));
        out.push('\n');
    }
    Ok(out)
}

/// Call `each` with the prose ([`prose_at`]) of the reports at `addrs`, in order, a batch
/// restored in parallel at a time.
pub fn for_each_prose_batch<E>(
    searcher: &Searcher,
    f: &Fields,
    addrs: &[DocAddress],
    mut each: impl FnMut(Vec<String>) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    use rayon::prelude::*;
    for batch in addrs.chunks(BATCH) {
        let prose = batch
            .par_iter()
            .map(|&a| prose_at(searcher, f, a))
            .collect::<Result<Vec<String>, String>>()
            .map_err(StreamError::Index)?;
        each(prose).map_err(StreamError::Stopped)?;
    }
    Ok(())
}
