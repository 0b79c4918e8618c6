//! Building and updating an index so that it mirrors the files under the paths given: new files
//! are added, changed ones replaced, deleted ones removed, renamed ones moved. Files are parsed
//! in parallel (rayon) while the writer indexes the previous batch; a report whose content hash
//! is unchanged is not parsed again; a commit every `commit_every` files keeps a killed build's
//! work.

use super::files::{self, Found, Skipped, Walk};
use super::{lifecycle, stored, Fields};
use crate::error::Error;
use crate::model::Report;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{doc, IndexWriter, TantivyDocument, Term};

/// Reports parsed between two commits by default: a build killed at any moment keeps every
/// batch committed before it, and a re-run skips those files by their content hash.
pub const COMMIT_EVERY: usize = 2000;

/// Summary of an index build.
#[derive(Debug, Default, Clone)]
pub struct BuildStats {
    /// Reports parsed and (re)indexed.
    pub reports: usize,
    /// Reports whose file is unchanged since the last build.
    pub unchanged: usize,
    /// Reports removed because their file is gone (deleted, renamed, or no longer a report).
    pub removed: usize,
    pub sections: usize,
    pub warnings: usize,
    /// Per report: its source and its parser warnings.
    pub report_warnings: Vec<(String, Vec<String>)>,
    /// Files (and directories) that could not be read or parsed.
    pub failures: Vec<String>,
    /// Files left out on purpose, with the reason: not a report, same content or same
    /// agency-year as another, a symlink loop, an index folder…
    pub skipped: Vec<String>,
    pub duplicates: Vec<String>,
    pub bytes: u64,
}

/// FNV-1a 64: a stable content hash (no dependency needed for change detection), as the index
/// stores it: 16 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    hex(fnv64(bytes))
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// Why a parsed file is not an annual report (a README, a note, a site's other page), or None
/// when it is one: it has its tables, or two sections of the template, or an agency and a year.
pub fn not_a_report(r: &Report) -> Option<&'static str> {
    use crate::model::SectionKind;
    let template_sections = r
        .sections
        .iter()
        .filter(|s| !matches!(s.kind, SectionKind::Preamble | SectionKind::Other))
        .count();
    if r.template.is_some() || template_sections >= 2 || (r.agency.is_some() && r.year.is_some()) {
        return None;
    }
    Some("not an annual report (no agency and year, no tables, no sections of the template); skipped")
}

/// Where the first report of some content or agency-year came from: a file of this walk (its
/// number in `walk.files`) or a report the index holds (its key). Not its source string: the
/// build keeps one per report, and at 10⁶ reports strings were hundreds of MB.
#[derive(Clone, Copy)]
enum First<'k> {
    Walked(usize),
    Known(&'k [u8]),
}

impl First<'_> {
    fn source(self, walk: &Walk, known: &HashMap<Vec<u8>, Known>) -> String {
        match self {
            First::Walked(i) => files::display(&walk.files[i].path),
            First::Known(key) => known
                .get(key)
                .map_or_else(String::new, |k| k.source.clone()),
        }
    }

    fn key(self, walk: &Walk) -> Vec<u8> {
        match self {
            First::Walked(i) => files::key(&walk.files[i].real),
            First::Known(key) => key.to_vec(),
        }
    }
}

/// What became of one file.
enum Outcome {
    /// The report, its content hash and its file's size.
    Parsed(Box<Report>, u64, u64),
    Unchanged(u64, u64),
    NotReport(String),
    Failed(String),
}

/// One indexed report as the index knows it.
struct Known {
    source: String,
    hash: String,
    agency: String,
    year: i64,
}

/// Build or update the index in `dir` so that, under the walk's roots, it holds exactly the
/// reports found. `progress` is called once per file.
pub fn mirror(
    dir: &Path,
    walk: &Walk,
    progress: &(dyn Fn(&str) + Sync),
    commit_every: usize,
) -> Result<BuildStats, Error> {
    use rayon::prelude::*;
    let index = lifecycle::open_for_writing(dir, &walk.roots)?;
    super::register_read_tokenizers(&index);
    let (_, fields) = super::schema();
    // The writer first: its lock is taken without waiting, so a second build is told at once
    // that another one is writing (and, holding it, nothing else commits while we read).
    let mut writer: IndexWriter = index
        .writer(200_000_000)
        .map_err(|e| Error::index(dir, e))?;
    let known = known_reports(dir, &index, &fields)?;
    writer.set_merge_policy(Box::new(super::merge::CappedMergePolicy::default()));
    let mut stats = BuildStats {
        failures: walk.errors.iter().map(Skipped::to_string).collect(),
        skipped: walk.skipped.iter().map(Skipped::to_string).collect(),
        ..BuildStats::default()
    };

    // Mirror: what is indexed under the roots but was not found there any more goes (unless
    // it sits under a directory that could not be read: it may still be there). A new index
    // holds nothing to remove: no set of every file's key is built for it.
    let found: HashSet<Vec<u8>> = if known.is_empty() {
        HashSet::new()
    } else {
        walk.files.iter().map(|f| files::key(&f.real)).collect()
    };
    let roots: Vec<Vec<u8>> = walk.roots.iter().map(|r| files::key(r)).collect();
    let unread: Vec<Vec<u8>> = walk.unread.iter().map(|r| files::key(r)).collect();
    let mut gone: HashSet<&[u8]> = HashSet::new();
    for key in known.keys() {
        let under = |dirs: &[Vec<u8>]| dirs.iter().any(|d| files::is_under(key, d));
        if under(&roots) && !found.contains(key) && !under(&unread) {
            writer.delete_term(Term::from_field_bytes(fields.path, key));
            gone.insert(key.as_slice());
            stats.removed += 1;
        }
    }
    // Content hash → first file, and (agency, year) → first file, of everything kept so far;
    // reports indexed from other paths count too, removed ones do not.
    let mut seen_hash: HashMap<u64, First> = HashMap::new();
    let mut seen_agency_year: HashMap<(Box<str>, i64), First> = known
        .iter()
        .filter(|(key, k)| !k.agency.is_empty() && k.year != 0 && !gone.contains(key.as_slice()))
        .map(|(key, k)| ((k.agency.as_str().into(), k.year), First::Known(key)))
        .collect();

    // Parse and index in a pipeline: while the writer indexes one batch, the rayon pool parses
    // the next (order is kept, so duplicates resolve the same way). Commit after every
    // `commit_every` files, so a killed build keeps its work.
    // A batch: the number in `walk.files` of its first file, and its files.
    let parse_batch = |(from, batch): (usize, &[Found])| -> Vec<(usize, Vec<u8>, Outcome)> {
        batch
            .par_iter()
            .enumerate()
            .map(|(j, f)| {
                let key = files::key(&f.real);
                let outcome = read_and_parse(f, known.get(&key).map(|k| k.hash.as_str()));
                progress(&files::display(&f.path));
                (from + j, key, outcome)
            })
            .collect()
    };
    let mut first_commit = true;
    let commit_every = commit_every.max(1);
    for (c, chunk) in walk.files.chunks(commit_every).enumerate() {
        let batches: Vec<(usize, &[Found])> = chunk
            .chunks(100)
            .enumerate()
            .map(|(b, batch)| (c * commit_every + b * 100, batch))
            .collect();
        std::thread::scope(|scope| -> Result<(), Error> {
            let mut next = Some(scope.spawn(|| parse_batch(batches[0])));
            for i in 0..batches.len() {
                let parsed = next
                    .take()
                    .expect("a batch is being parsed")
                    .join()
                    .map_err(|_| Error::Usage("a parser thread panicked".into()))?;
                if let Some(b) = batches.get(i + 1) {
                    next = Some(scope.spawn(move || parse_batch(*b)));
                }
                for (walked, key, outcome) in parsed {
                    let was_known = known.contains_key(&key);
                    let (report, hash, n) = match outcome {
                        // What the index held for such a file is no longer there to be read.
                        Outcome::Failed(e) => {
                            drop_known(&writer, &fields, &key, was_known, &mut stats);
                            stats.failures.push(e);
                            continue;
                        }
                        Outcome::NotReport(e) => {
                            drop_known(&writer, &fields, &key, was_known, &mut stats);
                            stats.skipped.push(e);
                            continue;
                        }
                        Outcome::Unchanged(hash, n) => {
                            stats.unchanged += 1;
                            stats.bytes += n;
                            if let Some((k, _)) = known.get_key_value(&key) {
                                seen_hash.insert(hash, First::Known(k));
                            }
                            continue;
                        }
                        Outcome::Parsed(r, h, n) => (*r, h, n),
                    };
                    if let Some(first) = seen_hash.get(&hash) {
                        stats.duplicates.push(format!(
                            "{}: same content as {}; not indexed twice",
                            report.source,
                            first.source(walk, &known)
                        ));
                        drop_known(&writer, &fields, &key, was_known, &mut stats);
                        continue;
                    }
                    if let (Some(agency), Some(year)) = (&report.agency, report.year) {
                        let ay: (Box<str>, i64) = (agency.as_str().into(), year as i64);
                        match seen_agency_year.get(&ay) {
                            Some(first) if first.key(walk) != key => {
                                stats.duplicates.push(format!(
                                    "{}: same agency and year as {} ({agency} {year}); not indexed twice",
                                    report.source,
                                    first.source(walk, &known)
                                ));
                                drop_known(&writer, &fields, &key, was_known, &mut stats);
                                continue;
                            }
                            _ => {
                                seen_agency_year.insert(ay, First::Walked(walked));
                            }
                        }
                    }
                    seen_hash.insert(hash, First::Walked(walked));
                    stats.sections += add_report(&writer, &fields, &report, &key, &hex(hash))
                        .map_err(|e| Error::index(dir, e))?;
                    stats.warnings += report.warnings.len();
                    if !report.warnings.is_empty() {
                        stats
                            .report_warnings
                            .push((report.source.clone(), report.warnings.clone()));
                    }
                    stats.reports += 1;
                    stats.bytes += n;
                }
            }
            Ok(())
        })?;
        commit(dir, &mut writer)?;
        first_commit = false;
    }
    if first_commit {
        // No file at all: the removals still count.
        commit(dir, &mut writer)?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| Error::index(dir, e))?;
    Ok(stats)
}

/// A file the index held that failed, is not a report or duplicates another now: its old
/// entry goes.
fn drop_known(writer: &IndexWriter, f: &Fields, key: &[u8], was_known: bool, s: &mut BuildStats) {
    if was_known {
        writer.delete_term(Term::from_field_bytes(f.path, key));
        s.removed += 1;
    }
}

fn commit(dir: &Path, writer: &mut IndexWriter) -> Result<(), Error> {
    let mut commit = writer.prepare_commit().map_err(|e| Error::index(dir, e))?;
    commit.set_payload(super::FORMAT);
    commit.commit().map_err(|e| Error::index(dir, e))?;
    Ok(())
}

/// What is indexed already: file identity → source, hash, agency, year.
fn known_reports(
    dir: &Path,
    index: &tantivy::Index,
    fields: &Fields,
) -> Result<HashMap<Vec<u8>, Known>, Error> {
    let reader = lifecycle::reader(index).map_err(|e| Error::index(dir, e))?;
    let searcher = reader.searcher();
    let q = tantivy::query::TermQuery::new(
        Term::from_field_text(fields.doc_type, "report"),
        IndexRecordOption::Basic,
    );
    let docs = searcher
        .search(&q, &tantivy::collector::DocSetCollector)
        .map_err(|e| Error::index(dir, e))?;
    let mut out = HashMap::with_capacity(docs.len());
    for addr in docs {
        let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::index(dir, e))?;
        let text = |f: Field| d.get_first(f).and_then(|v| v.as_str()).map(String::from);
        let Some(key) = d.get_first(fields.path).and_then(|v| v.as_bytes()) else {
            continue;
        };
        out.insert(
            key.to_vec(),
            Known {
                source: text(fields.source).unwrap_or_default(),
                hash: text(fields.hash).unwrap_or_default(),
                agency: text(fields.agency).unwrap_or_default(),
                year: d
                    .get_first(fields.year)
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0),
            },
        );
    }
    Ok(out)
}

/// Read one file (a regular file within the size limit) and parse it, unless the index holds
/// it with the same content already.
fn read_and_parse(f: &Found, known_hash: Option<&str>) -> Outcome {
    let bytes = match crate::ingest::read_file(&f.path, crate::ingest::DEFAULT_MAX_BYTES) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let hash = fnv64(&bytes);
    if known_hash.is_some_and(|k| k == hex(hash)) {
        return Outcome::Unchanged(hash, bytes.len() as u64);
    }
    let name = files::display(&f.path);
    // Checks are not stored (they are run again when a report is read back): not run here.
    match crate::report_from_bytes_unchecked(&name, &bytes) {
        Ok(report) => match not_a_report(&report) {
            Some(why) => Outcome::NotReport(format!("{name}: {why}")),
            None => Outcome::Parsed(Box::new(report), hash, bytes.len() as u64),
        },
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Replace the report's documents: its sections, in order, then the report document, as one
/// batch (so they land together in one segment, see the module doc of `index`).
fn add_report(
    writer: &IndexWriter,
    f: &Fields,
    r: &Report,
    key: &[u8],
    hash: &str,
) -> tantivy::Result<usize> {
    use tantivy::indexer::UserOperation;
    let agency = r.agency.clone().unwrap_or_default();
    let region = r.region.display();
    let year = r.year.unwrap_or(0) as i64;
    let template = r.template.map(|t| t.as_str()).unwrap_or("");
    let mut ops = Vec::with_capacity(r.sections.len() + 2);
    ops.push(UserOperation::Delete(Term::from_field_bytes(f.path, key)));
    // The problem items go on the first problems section (for `search --items`).
    let items_at = r
        .sections
        .iter()
        .position(|s| s.kind == crate::model::SectionKind::Problems);
    for (i, s) in r.sections.iter().enumerate() {
        let searchable = super::searched::searchable_text(s);
        let mut d = doc!(
            f.doc_type => "section",
            f.source => r.source.clone(),
            f.path => key,
            f.up => (r.sections.len() - i) as u64,
            f.sec => i as u64,
            f.agency => agency.clone(),
            f.agency_grams => agency.clone(),
            f.region => region.clone(),
            f.region_grams => region.clone(),
            f.year => year,
            f.template => template,
            f.kind => s.kind.key(),
            f.level => r.level.map_or("", |l| l.as_str()),
            f.agency_kind => r.kind.map_or("", |k| k.as_str()),
            f.title => s.title.clone().unwrap_or_default(),
            f.body => s.text.clone(),
            f.grams => searchable,
        );
        if items_at == Some(i) && !r.problems.problems.is_empty() {
            let items = r.problems.problems.join("\n");
            d.add_text(f.items, &items);
            d.add_text(f.items_body, &items);
        }
        ops.push(UserOperation::Add(d));
    }
    let mut d = doc!(
        f.doc_type => "report",
        f.source => r.source.clone(),
        f.path => key,
        f.hash => hash,
        // 0 on report documents keeps the column dense (a sparse one costs a rank per lookup).
        f.up => 0u64,
        f.nsec => r.sections.len() as u64,
        f.agency => agency.clone(),
        f.agency_grams => agency,
        f.region => region.clone(),
        f.region_grams => region,
        f.year => year,
        f.template => template,
        f.province => r.region.province.clone().unwrap_or_default(),
        f.city => r.region.city.clone().unwrap_or_default(),
        f.level => r.level.map_or("", |l| l.as_str()),
        f.agency_kind => r.kind.map_or("", |k| k.as_str()),
        f.report_json => stored::slim_json(r),
        f.provenance => stored::compact_provenance(&r.provenance),
    );
    r.tables.for_each_cell(|table, row, col, v| {
        let field = f.figure_cells.get(table).and_then(|t| t.get(row)?.get(col));
        if let (Some(field), Some(v)) = (field, v) {
            d.add_f64(*field, v.0);
        }
    });
    ops.push(UserOperation::Add(d));
    writer.run(ops)?;
    Ok(r.sections.len())
}

/// Build or update the index in `dir` from report files named one by one (no folder is
/// mirrored: nothing is removed).
pub fn build(
    dir: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn(&str) + Sync),
) -> Result<BuildStats, Error> {
    let mut walk = Walk::default();
    for p in files {
        let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        walk.files.push(Found {
            path: p.clone(),
            real,
        });
    }
    mirror(dir, &walk, progress, COMMIT_EVERY)
}
