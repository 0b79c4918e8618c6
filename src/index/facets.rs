//! Facet counts of a search (the web search page): of the sections matching a query and its
//! filters, how many per section kind, per year and per province. Year and province are read
//! from fast fields as the matches are collected (a section's province from its report
//! document, `up` documents ahead in the same segment: see [`super::join`]); section kinds, not a
//! fast field, by one count per kind.

use super::query::{self, Filters, ParsedQuery};
use super::Fields;
use crate::model::SectionKind;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Index, Score, SegmentOrdinal, SegmentReader};

/// The counts, each only for the values that occur.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Facets {
    /// Section kind key → sections, in the order of [`SectionKind::ALL`].
    pub kinds: Vec<(SectionKind, usize)>,
    pub years: BTreeMap<i64, usize>,
    /// Province → sections; sections of reports without a province are not counted.
    pub provinces: BTreeMap<String, usize>,
}

/// The facet counts of the sections matching `q` and `filters`.
pub fn facets(
    index: &Index,
    f: &Fields,
    q: &ParsedQuery,
    filters: &Filters,
) -> Result<Facets, String> {
    let reader = super::lifecycle::reader(index).map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let reports = if filters.conditions.is_empty() {
        None
    } else {
        let meeting = query::reports_meeting(f, filters);
        Some(std::sync::Arc::new(
            super::join::report_sets(&searcher, &meeting).map_err(|e| e.to_string())?,
        ))
    };
    let run = |filters: &Filters, collector: FacetCollector| {
        let query = query::build(f, q, filters);
        match &reports {
            None => searcher.search(&query, &collector),
            Some(r) => searcher.search(
                &query,
                &super::join::ReportJoin {
                    reports: r.clone(),
                    inner: collector,
                },
            ),
        }
        .map_err(|e| e.to_string())
    };
    let (years, provinces) = run(filters, FacetCollector { counting: true })?;
    let mut kinds = Vec::new();
    for k in SectionKind::ALL {
        if !filters.kinds.is_empty() && !filters.kinds.contains(&k) {
            continue;
        }
        let only = Filters {
            kinds: vec![k],
            ..filters.clone()
        };
        let n = run(&only, FacetCollector { counting: false })?
            .0
            .values()
            .sum();
        if n > 0 {
            kinds.push((k, n));
        }
    }
    Ok(Facets {
        kinds,
        years,
        provinces,
    })
}

/// Counts matches per year (a count per section kind is the number of years counted); with
/// `counting` also per province.
struct FacetCollector {
    counting: bool,
}

type Fruit = (BTreeMap<i64, usize>, BTreeMap<String, usize>);

struct FacetSegment {
    year: Option<Column<i64>>,
    up: Option<Column<u64>>,
    province: Option<StrColumn>,
    /// Province term ordinal → count (names looked up once, at harvest).
    by_ord: HashMap<u64, usize>,
    years: BTreeMap<i64, usize>,
}

impl SegmentCollector for FacetSegment {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let year = self.year.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        *self.years.entry(year).or_default() += 1;
        let (Some(up), Some(province)) = (&self.up, &self.province) else {
            return;
        };
        let report = up.first(doc).map(|u| doc + u as DocId);
        if let Some(ord) = report.and_then(|r| province.ords().first(r)) {
            *self.by_ord.entry(ord).or_default() += 1;
        }
    }

    fn harvest(self) -> Fruit {
        let mut provinces = BTreeMap::new();
        if let Some(col) = &self.province {
            for (ord, n) in self.by_ord {
                let mut name = String::new();
                if col.ord_to_str(ord, &mut name).is_ok() && !name.is_empty() {
                    *provinces.entry(name).or_default() += n;
                }
            }
        }
        (self.years, provinces)
    }
}

impl Collector for FacetCollector {
    type Fruit = Fruit;
    type Child = FacetSegment;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let ff = seg.fast_fields();
        Ok(FacetSegment {
            year: ff.i64("year").ok(),
            up: if self.counting {
                ff.u64("up").ok()
            } else {
                None
            },
            province: if self.counting {
                ff.str("province")?
            } else {
                None
            },
            by_ord: HashMap::new(),
            years: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut out: Fruit = Default::default();
        for (y, p) in fruits {
            for (k, n) in y {
                *out.0.entry(k).or_default() += n;
            }
            for (k, n) in p {
                *out.1.entry(k).or_default() += n;
            }
        }
        Ok(out)
    }
}
