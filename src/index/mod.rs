//! The index: one tantivy document per section (text and the report's metadata) plus one
//! document per report holding its figures (fast fields, for `--where`) and its stored form
//! ([`stored`]). A report's documents are added as one batch, so they sit together in one
//! segment: the section documents, in order, right before the report document (merges keep the
//! order, and a report's documents are deleted together). A section knows the distance `up` to
//! its report document, which is how figure conditions reach sections ([`join`]). Building parses files in parallel
//! (rayon) and skips reports whose content hash is unchanged; searching never loads jieba.

pub mod join;
pub mod merge;
pub mod query;
pub mod stored;
pub mod tokenize;

use crate::model::template;
use crate::model::Report;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument, Term};

/// The fields of the schema.
#[derive(Clone)]
pub struct Fields {
    pub doc_type: Field,
    pub source: Field,
    pub hash: Field,
    pub agency: Field,
    pub agency_grams: Field,
    pub region: Field,
    pub region_grams: Field,
    pub year: Field,
    pub template: Field,
    pub kind: Field,
    pub title: Field,
    pub body: Field,
    pub grams: Field,
    pub words: Field,
    pub report_json: Field,
    pub provenance: Field,
    /// On a section document: how many documents ahead its report document is (0 on a report
    /// document).
    pub up: Field,
    /// A section document's place among its report's sections.
    pub sec: Field,
    /// A report document's number of sections.
    pub nsec: Field,
    /// Figure key → fast f64 field (on report documents only).
    pub figures: HashMap<String, Field>,
}

/// Figure keys become field names with '.' replaced (tantivy reserves '.' for JSON paths).
pub fn figure_field_name(key: &str) -> String {
    format!("fig_{}", key.replace('.', "__"))
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let grams_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenize::GRAMS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let words_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenize::WORDS)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let doc_type = b.add_text_field("doc_type", STRING);
    let source = b.add_text_field("source", STRING | STORED);
    let hash = b.add_text_field("hash", STRING | STORED);
    let agency = b.add_text_field("agency", STRING | STORED);
    let agency_grams = b.add_text_field("agency_grams", grams_opts.clone());
    let region = b.add_text_field("region", STRING | STORED);
    let region_grams = b.add_text_field("region_grams", grams_opts.clone());
    let year = b.add_i64_field("year", INDEXED | FAST | STORED);
    let template = b.add_text_field("template", STRING | STORED);
    let kind = b.add_text_field("kind", STRING | STORED);
    let title = b.add_text_field("title", STORED);
    let body = b.add_text_field("body", STORED);
    let grams = b.add_text_field("grams", grams_opts);
    let words = b.add_text_field("words", words_opts);
    let report_json = b.add_text_field("report_json", STORED);
    let provenance = b.add_text_field("provenance", STORED);
    let up = b.add_u64_field("up", FAST);
    let sec = b.add_u64_field("sec", STORED);
    let nsec = b.add_u64_field("nsec", STORED);
    let mut figures = HashMap::new();
    let num = NumericOptions::default().set_indexed().set_fast();
    for (key, _) in template::all_figure_keys() {
        let f = b.add_f64_field(&figure_field_name(key), num.clone());
        figures.insert(key.clone(), f);
    }
    let fields = Fields {
        doc_type,
        source,
        hash,
        agency,
        agency_grams,
        region,
        region_grams,
        year,
        template,
        kind,
        title,
        body,
        grams,
        words,
        report_json,
        provenance,
        up,
        sec,
        nsec,
        figures,
    };
    (b.build(), fields)
}

/// Register the tokenizers a reader needs (no jieba: queries never segment with it).
pub fn register_read_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(tokenize::GRAMS, tokenize::GramTokenizer);
}

/// The layout of the index this gongkai writes, recorded in every commit's payload. An index
/// written with another layout must be rebuilt.
pub const FORMAT: &str = "gongkai-index 3";

/// From how many segments on a search uses every core.
const PARALLEL_SEGMENTS: usize = 6;

/// Open an existing index.
pub fn open(dir: &Path) -> Result<(Index, Fields), String> {
    let mut index = Index::open_in_dir(dir)
        .map_err(|e| format!("{}: cannot open index: {e}", dir.display()))?;
    check_format(dir, &index)?;
    // A large index (a dozen segments at 100k reports, see merge.rs) is searched one segment
    // per core; for a few segments the threads cost more than they save (1k reports: word
    // query 2.3 ms on one thread, 4.2 ms on two).
    let segments = index.searchable_segment_ids().map(|s| s.len()).unwrap_or(0);
    if segments >= PARALLEL_SEGMENTS {
        index
            .set_default_multithread_executor()
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    register_read_tokenizers(&index);
    let (_, fields) = schema();
    Ok((index, fields))
}

/// An index written by another version of gongkai is refused with a way out.
fn check_format(dir: &Path, index: &Index) -> Result<(), String> {
    match other_format(index) {
        Ok(None) => Ok(()),
        Ok(Some(other)) => Err(format!(
            "{}: this index was written by another version of gongkai ({other}; this one writes {FORMAT}); delete the directory and run gongkai index again",
            dir.display(),
        )),
        Err(e) => Err(format!("{}: cannot open index: {e}", dir.display())),
    }
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

/// The format of the index in `dir` when it is not this gongkai's (None when it is, or when
/// there is no index).
pub fn stale_format(dir: &Path) -> Option<String> {
    if !exists(dir) {
        return None;
    }
    other_format(&Index::open_in_dir(dir).ok()?).ok()?
}

/// Delete the index files in `dir`, keeping the directory and its dot-files (`.gitkeep`).
pub fn clear(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let p = e.path();
        let r = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        r.map_err(|err| format!("{}: {err}", p.display()))?;
    }
    Ok(())
}

pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

/// Summary of an index build.
#[derive(Debug, Default, Clone)]
pub struct BuildStats {
    pub reports: usize,
    pub unchanged: usize,
    pub sections: usize,
    pub warnings: usize,
    pub failures: Vec<String>,
    pub duplicates: Vec<String>,
    pub bytes: u64,
}

/// FNV-1a 64: a stable content hash (no dependency needed for change detection).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// Every report file under the paths (directories are walked; sorted for determinism).
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                let path = e.path();
                let name = e.file_name().to_string_lossy().to_string();
                if name.starts_with('.') {
                    continue;
                }
                walk(&path, out);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
}

/// Reports parsed between two commits by default: a build killed at any moment keeps every
/// batch committed before it, and a re-run skips those files by their content hash.
pub const COMMIT_EVERY: usize = 2000;

/// Build or update the index in `dir` from report files. `progress` is called once per file.
pub fn build(
    dir: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn(&str) + Sync),
) -> Result<BuildStats, String> {
    build_with(dir, files, progress, COMMIT_EVERY)
}

/// What became of one file.
enum Outcome {
    Parsed(Box<Report>, String, u64),
    Unchanged(String, u64),
    Failed(String),
}

/// One indexed report as the index knows it.
struct Known {
    hash: String,
    agency: String,
    year: i64,
}

/// [`build`], committing after every `commit_every` files.
pub fn build_with(
    dir: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn(&str) + Sync),
    commit_every: usize,
) -> Result<BuildStats, String> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (schema, fields) = schema();
    let index = if exists(dir) {
        let index = Index::open_in_dir(dir)
            .map_err(|e| format!("{}: cannot open index: {e}", dir.display()))?;
        check_format(dir, &index)?;
        index
    } else {
        // zstd: report text is Chinese, which LZ4 barely shrinks (the store is 25% smaller,
        // and reading 20 hits' snippets costs microseconds more).
        let settings = tantivy::IndexSettings {
            docstore_compression: tantivy::store::Compressor::Zstd(
                tantivy::store::ZstdCompressor::default(),
            ),
            ..Default::default()
        };
        Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir)
            .map_err(|e| format!("{}: cannot create index: {e}", dir.display()))?
    };
    register_read_tokenizers(&index);
    let jieba = Arc::new(jieba_rs::Jieba::new());
    index
        .tokenizers()
        .register(tokenize::WORDS, tokenize::WordTokenizer::new(jieba));

    // What is indexed already: source → hash, agency, year.
    let known: HashMap<String, Known> = {
        let reader = index.reader().map_err(|e| e.to_string())?;
        let searcher = reader.searcher();
        let top = report_docs(&searcher, &fields)?;
        top.into_iter()
            .filter_map(|addr| {
                let d: TantivyDocument = searcher.doc(addr).ok()?;
                let text = |f: Field| d.get_first(f).and_then(|v| v.as_str()).map(String::from);
                let known = Known {
                    hash: text(fields.hash)?,
                    agency: text(fields.agency).unwrap_or_default(),
                    year: d
                        .get_first(fields.year)
                        .and_then(|v| v.as_i64())
                        .unwrap_or(0),
                };
                Some((text(fields.source)?, known))
            })
            .collect()
    };

    let mut writer: IndexWriter = index
        .writer(200_000_000)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    writer.set_merge_policy(Box::new(merge::CappedMergePolicy::default()));
    let mut stats = BuildStats::default();
    // Content hash → source, and (agency, year) → source, of everything kept so far; reports
    // already indexed under another name count too.
    let mut seen_hash: HashMap<String, String> = HashMap::new();
    let mut seen_agency_year: HashMap<(String, i64), String> = known
        .iter()
        .filter(|(_, k)| !k.agency.is_empty() && k.year != 0)
        .map(|(src, k)| ((k.agency.clone(), k.year), src.clone()))
        .collect();
    // Parse and index in a pipeline: while the writer indexes one batch, the rayon pool parses
    // the next (order is kept, so duplicates resolve the same way). Commit after every
    // `commit_every` files, so a killed build keeps its work.
    let parse_batch = |batch: &[PathBuf]| -> Vec<(PathBuf, Outcome)> {
        batch
            .par_iter()
            .map(|p| {
                let outcome = read_and_parse(p, &known);
                progress(&p.display().to_string());
                (p.clone(), outcome)
            })
            .collect()
    };
    for chunk in files.chunks(commit_every.max(1)) {
        let batches: Vec<&[PathBuf]> = chunk.chunks(100).collect();
        std::thread::scope(|scope| -> Result<(), String> {
            let mut next = Some(scope.spawn(|| parse_batch(batches[0])));
            for i in 0..batches.len() {
                let parsed = next
                    .take()
                    .expect("a batch is being parsed")
                    .join()
                    .map_err(|_| "a parser thread panicked".to_string())?;
                if let Some(b) = batches.get(i + 1) {
                    next = Some(scope.spawn(move || parse_batch(b)));
                }
                for (path, outcome) in parsed {
                    let (report, hash, n) = match outcome {
                        Outcome::Failed(e) => {
                            stats.failures.push(e);
                            continue;
                        }
                        Outcome::Unchanged(hash, n) => {
                            stats.unchanged += 1;
                            stats.bytes += n;
                            seen_hash.insert(hash, path.display().to_string());
                            continue;
                        }
                        Outcome::Parsed(r, h, n) => (*r, h, n),
                    };
                    if let Some(first) = seen_hash.get(&hash) {
                        stats.duplicates.push(format!(
                            "{}: same content as {first}; not indexed twice",
                            path.display()
                        ));
                        continue;
                    }
                    if let (Some(agency), Some(year)) = (&report.agency, report.year) {
                        let key = (agency.clone(), year as i64);
                        match seen_agency_year.get(&key) {
                            Some(first) if *first != report.source => {
                                stats.duplicates.push(format!(
                                    "{}: same agency and year as {first} ({agency} {year}); not indexed twice",
                                    path.display()
                                ));
                                continue;
                            }
                            _ => {
                                seen_agency_year.insert(key, report.source.clone());
                            }
                        }
                    }
                    seen_hash.insert(hash.clone(), report.source.clone());
                    stats.sections +=
                        add_report(&writer, &fields, &report, &hash).map_err(|e| e.to_string())?;
                    stats.warnings += report.warnings.len();
                    stats.reports += 1;
                    stats.bytes += n;
                }
            }
            Ok(())
        })?;
        let mut commit = writer
            .prepare_commit()
            .map_err(|e| format!("commit failed: {e}"))?;
        commit.set_payload(FORMAT);
        commit.commit().map_err(|e| format!("commit failed: {e}"))?;
    }
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(stats)
}

/// Read one file (refusing what is too large to be a report before reading it) and parse it,
/// unless the index holds it with the same content already.
fn read_and_parse(p: &Path, known: &HashMap<String, Known>) -> Outcome {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => return Outcome::Failed(format!("{}: {e}", p.display())),
    };
    if meta.len() > crate::ingest::DEFAULT_MAX_BYTES {
        return Outcome::Failed(format!(
            "{}: file too large to be a report ({} MB; the limit is {} MB)",
            p.display(),
            meta.len() >> 20,
            crate::ingest::DEFAULT_MAX_BYTES >> 20
        ));
    }
    let bytes = match std::fs::read(p) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("{}: {e}", p.display())),
    };
    let hash = content_hash(&bytes);
    let name = p.display().to_string();
    if known.get(&name).is_some_and(|k| k.hash == hash) {
        return Outcome::Unchanged(hash, bytes.len() as u64);
    }
    // A panic in the parser must cost one file, not the build (and the other 9,999 reports).
    match std::panic::catch_unwind(|| crate::report_from_bytes(&name, &bytes)) {
        Ok(Ok(report)) => Outcome::Parsed(Box::new(report), hash, bytes.len() as u64),
        Ok(Err(e)) => Outcome::Failed(e.to_string()),
        Err(_) => Outcome::Failed(format!(
            "{name}: the parser failed on this file (a bug: please report it)"
        )),
    }
}

/// Replace the report's documents: its sections, in order, then the report document, as one
/// batch (so they land together in one segment, see the module doc).
fn add_report(writer: &IndexWriter, f: &Fields, r: &Report, hash: &str) -> tantivy::Result<usize> {
    use tantivy::indexer::UserOperation;
    let agency = r.agency.clone().unwrap_or_default();
    let region = r.region.display();
    let year = r.year.unwrap_or(0) as i64;
    let template = r.template.map(|t| t.as_str()).unwrap_or("");
    let mut ops = Vec::with_capacity(r.sections.len() + 2);
    ops.push(UserOperation::Delete(Term::from_field_text(
        f.source, &r.source,
    )));
    for (i, s) in r.sections.iter().enumerate() {
        ops.push(UserOperation::Add(doc!(
            f.doc_type => "section",
            f.source => r.source.clone(),
            f.up => (r.sections.len() - i) as u64,
            f.sec => i as u64,
            f.agency => agency.clone(),
            f.agency_grams => agency.clone(),
            f.region => region.clone(),
            f.region_grams => region.clone(),
            f.year => year,
            f.template => template,
            f.kind => s.kind.key(),
            f.title => s.title.clone().unwrap_or_default(),
            f.body => s.text.clone(),
            f.grams => s.text.clone(),
            f.words => s.text.clone(),
        )));
    }
    let mut d = doc!(
        f.doc_type => "report",
        f.source => r.source.clone(),
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
        f.report_json => stored::slim_json(r),
        f.provenance => stored::compact_provenance(&r.provenance),
    );
    for (k, v) in r.tables.cells() {
        if let (Some(field), Some(v)) = (f.figures.get(&k), v) {
            d.add_f64(*field, v.0);
        }
    }
    ops.push(UserOperation::Add(d));
    writer.run(ops)?;
    Ok(r.sections.len())
}

/// The parsed reports that pass the filters, in source order (for themes, compare and export).
pub fn reports(index: &Index, f: &Fields, filters: &query::Filters) -> Result<Vec<Report>, String> {
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let q = query::report_query(f, filters);
    let docs = searcher
        .search(&q, &tantivy::collector::DocSetCollector)
        .map_err(|e| e.to_string())?;
    load_reports(&searcher, f, docs)
}

fn load_reports(
    searcher: &tantivy::Searcher,
    f: &Fields,
    docs: std::collections::HashSet<tantivy::DocAddress>,
) -> Result<Vec<Report>, String> {
    use rayon::prelude::*;
    // In index order (a report's documents share store blocks with its neighbours'), on every
    // core.
    let mut addrs: Vec<tantivy::DocAddress> = docs.into_iter().collect();
    addrs.sort();
    let mut out = addrs
        .par_iter()
        .map(|&addr| load_report(searcher, f, addr))
        .collect::<Result<Vec<Report>, String>>()?;
    out.sort_by(|a, b| a.source.cmp(&b.source));
    Ok(out)
}

/// The report whose report document is at `addr`, restored from its stored form.
fn load_report(
    searcher: &tantivy::Searcher,
    f: &Fields,
    addr: tantivy::DocAddress,
) -> Result<Report, String> {
    let d: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
    let text = |d: &TantivyDocument, fl: Field| {
        d.get_first(fl)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let source = text(&d, f.source);
    let nsec = d.get_first(f.nsec).and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    // The section documents sit right before the report document (see the module doc).
    let mut texts = Vec::with_capacity(nsec as usize);
    for i in 0..nsec {
        let damaged = || {
            format!(
                "{source}: the index is damaged (section {i} is not where it belongs); delete it and run gongkai index again"
            )
        };
        let doc_id = addr.doc_id.checked_sub(nsec - i).ok_or_else(damaged)?;
        let at = tantivy::DocAddress::new(addr.segment_ord, doc_id);
        let s: TantivyDocument = searcher.doc(at).map_err(|e| e.to_string())?;
        let sec = s.get_first(f.sec).and_then(|v| v.as_u64());
        if sec != Some(i as u64) || text(&s, f.source) != source {
            return Err(damaged());
        }
        texts.push(text(&s, f.body));
    }
    stored::restore(&text(&d, f.report_json), &text(&d, f.provenance), texts)
        .map_err(|e| format!("stored report {e}"))
}

/// Addresses of the per-report documents (one per indexed report).
fn report_docs(
    searcher: &tantivy::Searcher,
    f: &Fields,
) -> Result<std::collections::HashSet<tantivy::DocAddress>, String> {
    let q = tantivy::query::TermQuery::new(
        Term::from_field_text(f.doc_type, "report"),
        IndexRecordOption::Basic,
    );
    searcher
        .search(&q, &tantivy::collector::DocSetCollector)
        .map_err(|e| e.to_string())
}

/// Every parsed report stored in the index (for compare, themes and export).
pub fn all_reports(index: &Index, f: &Fields) -> Result<Vec<Report>, String> {
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let docs = report_docs(&searcher, f)?;
    load_reports(&searcher, f, docs)
}
