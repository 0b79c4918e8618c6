//! Reading report documents column by column: for the reports that pass the filters, their
//! metadata and the figures asked for, from fast fields only — no stored report is restored, so
//! ranking 100,000 reports reads a few columns, not 100,000 JSON documents.

use super::{query, Fields};
use crate::model::{AgencyKind, Level, Template};
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Index, Score, Searcher, SegmentOrdinal, SegmentReader};

/// One report document: metadata and the asked figures (None: blank, not printed, or no such
/// table).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub addr: DocAddress,
    pub source: String,
    /// Shared with every other row of the same agency, province or city in the segment (a
    /// row of its own strings was most of a row: rank, profile and anomalies hold one a report).
    pub agency: Option<Arc<str>>,
    /// The agency's [`crate::model::identity`], "the same agency" across years; shared as the
    /// agency is.
    pub identity: Option<Arc<str>>,
    pub year: Option<i32>,
    pub template: Option<Template>,
    pub province: Option<Arc<str>>,
    pub city: Option<Arc<str>>,
    pub level: Option<Level>,
    pub kind: Option<AgencyKind>,
    /// The figures in the order of the keys asked for.
    pub figures: Vec<Option<f64>>,
}

/// The report documents passing `filters` (agency, region, years, figure conditions), with the
/// figures of `keys`, sorted by source. An unknown key is an error.
pub fn report_rows(
    index: &Index,
    f: &Fields,
    filters: &query::Filters,
    keys: &[String],
) -> Result<Vec<ReportRow>, String> {
    let reader = super::lifecycle::reader(index).map_err(|e| e.to_string())?;
    report_rows_in(&reader.searcher(), f, filters, keys)
}

/// How many reports pass the filters: the report query alone, no row read (`search --count`
/// with no words; at 10^6 reports reading the rows took 10 s).
pub fn report_count(index: &Index, f: &Fields, filters: &query::Filters) -> Result<usize, String> {
    figure_columns(f, filters.conditions.iter().map(|c| c.key.as_str()))?;
    let reader = super::lifecycle::reader(index).map_err(|e| e.to_string())?;
    let q = query::report_query(f, filters);
    reader
        .searcher()
        .search(&q, &tantivy::collector::Count)
        .map_err(|e| e.to_string())
}

/// [`report_rows`] in one view of the index (see [`super::searcher`]): the rows' addresses
/// stay valid for [`super::for_each_at`] in the same searcher.
pub fn report_rows_in(
    searcher: &Searcher,
    f: &Fields,
    filters: &query::Filters,
    keys: &[String],
) -> Result<Vec<ReportRow>, String> {
    let names = figure_columns(f, keys.iter().map(String::as_str))?;
    let q = query::report_query(f, filters);
    let (mut rows, error) = searcher
        .search(&q, &RowCollector { names })
        .map_err(|e| e.to_string())?;
    if let Some(e) = error {
        return Err(e);
    }
    rows.sort_by(|a, b| a.source.cmp(&b.source).then(a.addr.cmp(&b.addr)));
    Ok(rows)
}

/// The fast-field names of figure keys; an unknown key is an error.
fn figure_columns<'a>(
    f: &Fields,
    keys: impl Iterator<Item = &'a str>,
) -> Result<Vec<String>, String> {
    keys.map(|k| {
        f.figures
            .contains_key(k)
            .then(|| super::figure_field_name(k))
            .ok_or_else(|| format!("unknown figure key '{k}'"))
    })
    .collect()
}

struct RowCollector {
    names: Vec<String>,
}

/// A text column of one segment, its values looked up once per distinct term and shared.
struct Text {
    column: Option<StrColumn>,
    seen: HashMap<u64, Arc<str>>,
}

impl Text {
    fn open(seg: &SegmentReader, name: &str) -> tantivy::Result<Text> {
        Ok(Text {
            column: seg.fast_fields().str(name)?,
            seen: HashMap::new(),
        })
    }

    /// The term number and text at `doc`; None when absent.
    fn read(&self, doc: DocId) -> Result<Option<(u64, String)>, String> {
        let Some(col) = &self.column else {
            return Ok(None);
        };
        let Some(ord) = col.ords().first(doc) else {
            return Ok(None);
        };
        let mut s = String::new();
        col.ord_to_str(ord, &mut s).map_err(|e| e.to_string())?;
        Ok(Some((ord, s)))
    }

    /// The value at `doc`, shared with the other rows that have it; None when absent or empty.
    fn get(&mut self, doc: DocId) -> Result<Option<Arc<str>>, String> {
        let ord = self.column.as_ref().and_then(|c| c.ords().first(doc));
        let s = match ord.and_then(|o| self.seen.get(&o)) {
            Some(s) => s.clone(),
            None => match self.read(doc)? {
                Some((ord, s)) => self.seen.entry(ord).or_insert(s.into()).clone(),
                None => return Ok(None),
            },
        };
        Ok((!s.is_empty()).then_some(s))
    }

    /// The value at `doc`, not kept: for a column whose every value is distinct (the source).
    fn get_once(&self, doc: DocId) -> Result<Option<String>, String> {
        Ok(self.read(doc)?.map(|(_, s)| s).filter(|s| !s.is_empty()))
    }
}

struct RowSegment {
    segment: SegmentOrdinal,
    source: Text,
    agency: Text,
    template: Text,
    province: Text,
    city: Text,
    level: Text,
    kind: Text,
    year: Column<i64>,
    figures: Vec<Column<f64>>,
    /// Identities by the shared agency, province and city strings they are made of.
    identities: HashMap<[usize; 3], Arc<str>>,
    rows: Vec<ReportRow>,
    error: Option<String>,
}

impl RowSegment {
    fn row(&mut self, doc: DocId) -> Result<ReportRow, String> {
        let agency = self.agency.get(doc)?;
        let province = self.province.get(doc)?;
        let city = self.city.get(doc)?;
        let identity = agency.as_ref().map(|a| {
            // The strings are shared within the segment: their addresses name them.
            let at = |s: &Option<Arc<str>>| {
                s.as_ref()
                    .map_or(0, |s| Arc::as_ptr(s) as *const u8 as usize)
            };
            self.identities
                .entry([at(&agency), at(&province), at(&city)])
                .or_insert_with(|| {
                    crate::model::identity::identity(a, province.as_deref(), city.as_deref()).into()
                })
                .clone()
        });
        Ok(ReportRow {
            addr: DocAddress::new(self.segment, doc),
            source: self.source.get_once(doc)?.unwrap_or_default(),
            agency,
            identity,
            year: self.year.first(doc).filter(|&y| y != 0).map(|y| y as i32),
            template: match self.template.get(doc)?.as_deref() {
                Some("2019") => Some(Template::Y2019),
                Some("2021") => Some(Template::Y2021),
                _ => None,
            },
            province,
            city,
            level: self.level.get(doc)?.as_deref().and_then(Level::from_key),
            kind: self
                .kind
                .get(doc)?
                .as_deref()
                .and_then(AgencyKind::from_key),
            figures: self.figures.iter().map(|c| c.first(doc)).collect(),
        })
    }
}

impl SegmentCollector for RowSegment {
    type Fruit = (Vec<ReportRow>, Option<String>);

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.row(doc) {
            Ok(r) => self.rows.push(r),
            Err(e) => self.error = Some(e),
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.rows, self.error)
    }
}

impl Collector for RowCollector {
    type Fruit = (Vec<ReportRow>, Option<String>);
    type Child = RowSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<RowSegment> {
        let ff = seg.fast_fields();
        Ok(RowSegment {
            segment,
            source: Text::open(seg, "source")?,
            agency: Text::open(seg, "agency")?,
            template: Text::open(seg, "template")?,
            province: Text::open(seg, "province")?,
            city: Text::open(seg, "city")?,
            level: Text::open(seg, "level")?,
            kind: Text::open(seg, "agency_kind")?,
            year: ff.i64("year")?,
            figures: self
                .names
                .iter()
                .map(|n| ff.f64(n))
                .collect::<tantivy::Result<Vec<_>>>()?,
            identities: HashMap::new(),
            rows: Vec::new(),
            error: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut rows = Vec::new();
        let mut error = None;
        for (r, e) in fruits {
            rows.extend(r);
            error = error.or(e);
        }
        Ok((rows, error))
    }
}
