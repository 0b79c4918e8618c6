//! The stored form of a parsed report: what the index keeps so that themes, compare and export
//! get the whole [`Report`] back without the source files.
//!
//! The contract JSON of a report is about 4× its text, mostly repetition: the section texts are
//! stored again on the section documents, the checks are a function of the rest, and the
//! provenance repeats each long figure key. So the index keeps
//! - the report JSON without section texts, checks and provenance ([`slim_json`]);
//! - the provenance with figure keys as numbers into [`template::all_figure_keys`]
//!   ([`compact_provenance`]);
//!
//! and [`restore`] puts the report back together, with the section texts read from the section
//! documents and the checks run again. The restored report equals the parsed one (tested).

use crate::model::template;
use crate::model::{CellSource, Provenance, Report, SectionSource, Semantic, Split};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The report JSON without section texts, checks and provenance.
pub fn slim_json(r: &Report) -> String {
    crate::model::json::to_string(&SlimReport::of(r)).unwrap_or_default()
}

/// A [`Report`] serialised as `slim_json` stores it, borrowing the report instead of cloning its
/// tables, problems and warnings: the same fields in the same order, so the same JSON as the
/// report with its section texts, checks and provenance emptied (tested).
#[derive(Serialize)]
struct SlimReport<'a> {
    source: &'a str,
    agency: &'a Option<String>,
    year: Option<i32>,
    published: &'a Option<String>,
    region: &'a crate::model::Region,
    template: Option<crate::model::Template>,
    level: Option<crate::model::Level>,
    kind: Option<crate::model::AgencyKind>,
    sections: Vec<SlimSection<'a>>,
    tables: &'a crate::model::Tables,
    problems: &'a crate::model::Problems,
    checks: &'a [crate::model::Check],
    warnings: &'a [String],
    provenance: Provenance,
}

#[derive(Serialize)]
struct SlimSection<'a> {
    kind: crate::model::SectionKind,
    title: &'a Option<String>,
    text: &'static str,
}

impl<'a> SlimReport<'a> {
    fn of(r: &'a Report) -> Self {
        SlimReport {
            source: &r.source,
            agency: &r.agency,
            year: r.year,
            published: &r.published,
            region: &r.region,
            template: r.template,
            level: r.level,
            kind: r.kind,
            sections: r
                .sections
                .iter()
                .map(|s| SlimSection {
                    kind: s.kind,
                    title: &s.title,
                    text: "",
                })
                .collect(),
            tables: &r.tables,
            problems: &r.problems,
            checks: &[],
            warnings: &r.warnings,
            provenance: Provenance::default(),
        }
    }
}

/// A figure key: its number in [`template::all_figure_keys`], or the key itself if it has none.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Key {
    Index(u16),
    Name(String),
}

/// One cell's provenance as a JSON array: key, offset, line, raw, semantic, split.
#[derive(Serialize, Deserialize)]
struct Cell(
    Key,
    usize,
    usize,
    String,
    u8,
    Option<Split>,
    /// For a PDF: (page, line on the page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    Option<(u32, u32)>,
);

#[derive(Serialize, Deserialize)]
struct Compact {
    cells: Vec<Cell>,
    sections: Vec<SectionSource>,
}

/// [`Key`] as written: borrowing the key it names.
#[derive(Serialize)]
#[serde(untagged)]
enum KeyRef<'a> {
    Index(u16),
    Name(&'a str),
}

/// [`Cell`] as written, borrowing the printed text and split instead of cloning them.
#[derive(Serialize)]
struct CellRef<'a>(
    KeyRef<'a>,
    usize,
    usize,
    &'a str,
    u8,
    &'a Option<Split>,
    #[serde(skip_serializing_if = "Option::is_none")] Option<(u32, u32)>,
);

/// [`Compact`] as written.
#[derive(Serialize)]
struct CompactRef<'a> {
    cells: Vec<CellRef<'a>>,
    sections: &'a [SectionSource],
}

/// Figure key → its number in [`template::all_figure_keys`].
fn key_numbers() -> &'static FxHashMap<&'static str, u16> {
    static NUMBERS: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    NUMBERS.get_or_init(|| {
        template::all_figure_keys()
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.as_str(), i as u16))
            .collect()
    })
}

fn semantic_code(s: Semantic) -> u8 {
    match s {
        Semantic::Number => 0,
        Semantic::Zero => 1,
        Semantic::Blank => 2,
        Semantic::Na => 3,
    }
}

fn semantic_of(c: u8) -> Semantic {
    match c {
        0 => Semantic::Number,
        1 => Semantic::Zero,
        2 => Semantic::Blank,
        _ => Semantic::Na,
    }
}

/// The provenance with figure keys as numbers (about a quarter of its contract JSON).
pub fn compact_provenance(p: &Provenance) -> String {
    let numbers = key_numbers();
    let cells = p
        .cells
        .iter()
        .map(|(k, c)| {
            let key = numbers
                .get(k.as_str())
                .map_or(KeyRef::Name(k), |&i| KeyRef::Index(i));
            CellRef(
                key,
                c.offset,
                c.line,
                &c.raw,
                semantic_code(c.semantic),
                &c.split,
                c.page.zip(c.page_line),
            )
        })
        .collect();
    let compact = CompactRef {
        cells,
        sections: &p.sections,
    };
    crate::model::json::to_string(&compact).unwrap_or_default()
}

fn provenance_of(s: &str) -> Result<Provenance, String> {
    let compact: Compact = serde_json::from_str(s).map_err(|e| e.to_string())?;
    let keys = template::all_figure_keys();
    let mut p = Provenance {
        sections: compact.sections,
        ..Provenance::default()
    };
    for Cell(key, offset, line, raw, semantic, split, page) in compact.cells {
        let key = match key {
            Key::Index(i) => keys
                .get(i as usize)
                .map(|(k, _)| k.clone())
                .ok_or_else(|| format!("figure key number {i} out of range"))?,
            Key::Name(k) => k,
        };
        let cell = CellSource {
            offset,
            line,
            raw,
            semantic: semantic_of(semantic),
            split,
            page: page.map(|(p, _)| p),
            page_line: page.map(|(_, l)| l),
        };
        p.cells.insert(key, cell);
    }
    Ok(p)
}

/// Put a report back together from its stored parts: the slim JSON, the compact provenance
/// and its section texts in order.
pub fn restore(slim: &str, provenance: &str, texts: Vec<String>) -> Result<Report, String> {
    let mut r: Report = serde_json::from_str(slim).map_err(|e| e.to_string())?;
    if texts.len() != r.sections.len() {
        return Err(format!(
            "{}: {} section texts stored for {} sections",
            r.source,
            texts.len(),
            r.sections.len()
        ));
    }
    for (s, t) in r.sections.iter_mut().zip(texts) {
        s.text = t;
    }
    r.provenance = provenance_of(provenance).map_err(|e| format!("{}: {e}", r.source))?;
    crate::run_checks(&mut r);
    Ok(r)
}

/// The slim part of a stored report alone: metadata, sections' kinds and titles (no text),
/// tables, problems and warnings; no provenance and no checks.
pub fn restore_slim(slim: &str) -> Result<Report, String> {
    serde_json::from_str(slim).map_err(|e| format!("stored report: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_corpus_report_is_restored_exactly() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let r = crate::load_report(&e.unwrap().path()).unwrap();
            let texts = r.sections.iter().map(|s| s.text.clone()).collect();
            let back = restore(&slim_json(&r), &compact_provenance(&r.provenance), texts).unwrap();
            assert_eq!(back, r, "{}", r.source);
            let stored = slim_json(&r).len() + compact_provenance(&r.provenance).len();
            let full = serde_json::to_string(&r).unwrap().len();
            assert!(stored * 2 < full, "{}: {stored} of {full}", r.source);
            n += 1;
        }
        assert_eq!(n, 10);
    }

    #[test]
    fn the_slim_form_is_the_report_without_texts_provenance_and_checks() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/shanghai-chongming-ybj-2023.txt"
        );
        let r = crate::load_report(std::path::Path::new(path)).unwrap();
        let slim = restore_slim(&slim_json(&r)).unwrap();
        let mut want = r.clone();
        want.sections.iter_mut().for_each(|s| s.text.clear());
        want.provenance = Provenance::default();
        want.checks.clear();
        assert_eq!(slim, want);
        assert!(
            !slim.problems.problems.is_empty()
                && slim.tables.figure("requests.new_received.total").is_some()
        );
    }

    /// The borrowed writers write what the owned forms they stand for serialise to, byte for
    /// byte (the stored form of every index built before them).
    #[test]
    fn the_borrowed_forms_write_what_the_owned_forms_write() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(dir).unwrap() {
            let r = crate::load_report(&e.unwrap().path()).unwrap();
            let mut slim = r.clone();
            slim.sections.iter_mut().for_each(|s| s.text.clear());
            slim.checks.clear();
            slim.provenance = Provenance::default();
            let owned = crate::model::json::to_string(&slim).unwrap();
            assert_eq!(slim_json(&r), owned, "{}", r.source);
            let numbers = key_numbers();
            let compact = Compact {
                cells: r
                    .provenance
                    .cells
                    .iter()
                    .map(|(k, c)| {
                        let key = numbers
                            .get(k.as_str())
                            .map_or(Key::Name(k.clone()), |&i| Key::Index(i));
                        Cell(
                            key,
                            c.offset,
                            c.line,
                            c.raw.clone(),
                            semantic_code(c.semantic),
                            c.split.clone(),
                            c.page.zip(c.page_line),
                        )
                    })
                    .collect(),
                sections: r.provenance.sections.clone(),
            };
            let owned = crate::model::json::to_string(&compact).unwrap();
            assert_eq!(compact_provenance(&r.provenance), owned, "{}", r.source);
        }
    }

    #[test]
    fn wrong_number_of_texts_is_an_error() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/pingtan-2022.txt");
        let r = crate::load_report(std::path::Path::new(path)).unwrap();
        let e = restore(&slim_json(&r), &compact_provenance(&r.provenance), vec![]).unwrap_err();
        assert!(e.contains("section texts stored"), "{e}");
    }
}
