//! The index: one tantivy document per section (text, metadata and the report's figures as fast
//! fields, so text and numeric conditions combine in one query) plus one document per report
//! holding its parsed JSON. Building parses files in parallel (rayon) and skips reports whose
//! content hash is unchanged; searching never loads jieba.

pub mod query;
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
    /// Figure key → fast f64 field.
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
    let mut figures = HashMap::new();
    let num = NumericOptions::default().set_indexed().set_fast();
    for (key, _) in template::all_figure_keys() {
        let f = b.add_f64_field(&figure_field_name(&key), num.clone());
        figures.insert(key, f);
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

/// Open an existing index.
pub fn open(dir: &Path) -> Result<(Index, Fields), String> {
    let index = Index::open_in_dir(dir)
        .map_err(|e| format!("{}: cannot open index: {e}", dir.display()))?;
    register_read_tokenizers(&index);
    let (_, fields) = schema();
    Ok((index, fields))
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

/// Build or update the index in `dir` from report files. `progress` is called once per file.
pub fn build(
    dir: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn(&str) + Sync),
) -> Result<BuildStats, String> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (schema, fields) = schema();
    let index = if exists(dir) {
        Index::open_in_dir(dir).map_err(|e| format!("{}: cannot open index: {e}", dir.display()))?
    } else {
        Index::create_in_dir(dir, schema)
            .map_err(|e| format!("{}: cannot create index: {e}", dir.display()))?
    };
    register_read_tokenizers(&index);
    let jieba = Arc::new(jieba_rs::Jieba::new());
    index
        .tokenizers()
        .register(tokenize::WORDS, tokenize::WordTokenizer::new(jieba));

    // What is indexed already: source → hash.
    let known: HashMap<String, String> = {
        let reader = index.reader().map_err(|e| e.to_string())?;
        let searcher = reader.searcher();
        let top = report_docs(&searcher, &fields)?;
        top.into_iter()
            .filter_map(|addr| {
                let d: TantivyDocument = searcher.doc(addr).ok()?;
                let s = d.get_first(fields.source)?.as_str()?.to_string();
                let h = d.get_first(fields.hash)?.as_str()?.to_string();
                Some((s, h))
            })
            .collect()
    };

    let mut writer: IndexWriter = index
        .writer(200_000_000)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut stats = BuildStats::default();
    let mut seen_hash: HashMap<String, String> = HashMap::new();
    // Parse in parallel and index in a pipeline: while the writer's threads index one batch,
    // the rayon pool parses the next (order is kept, so duplicates resolve as before). Commit
    // after each chunk of 2000 files so a killed build keeps its work.
    type Parsed = Vec<(PathBuf, Result<(Report, String, u64), String>)>;
    let parse_batch = |batch: &[PathBuf]| -> Parsed {
        batch
            .par_iter()
            .map(|p| {
                let r = (|| {
                    let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
                    if meta.len() > crate::ingest::DEFAULT_MAX_BYTES {
                        return Err(format!(
                            "{}: file too large to be a report ({} MB)",
                            p.display(),
                            meta.len() >> 20
                        ));
                    }
                    let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
                    let hash = content_hash(&bytes);
                    let name = p.display().to_string();
                    if known.get(&name) == Some(&hash) {
                        return Ok((None, hash, bytes.len() as u64));
                    }
                    let report =
                        crate::report_from_bytes(&name, &bytes).map_err(|e| e.to_string())?;
                    Ok((Some(report), hash, bytes.len() as u64))
                })();
                progress(&p.display().to_string());
                (p.clone(), r)
            })
            .map(|(p, r)| match r {
                Ok((Some(rep), h, n)) => (p, Ok((rep, h, n))),
                Ok((None, h, n)) => (p, Err(format!("\u{0}unchanged\u{0}{h}\u{0}{n}"))),
                Err(e) => (p, Err(e)),
            })
            .collect()
    };
    for chunk in files.chunks(2000) {
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
                for (path, r) in parsed {
                    match r {
                        Err(e) if e.starts_with("\u{0}unchanged") => {
                            stats.unchanged += 1;
                            let parts: Vec<&str> = e.split('\u{0}').collect();
                            seen_hash.insert(parts[2].to_string(), path.display().to_string());
                            stats.bytes += parts[3].parse::<u64>().unwrap_or(0);
                        }
                        Err(e) => stats.failures.push(e),
                        Ok((report, hash, n)) => {
                            if let Some(first) = seen_hash.get(&hash) {
                                stats.duplicates.push(format!(
                                    "{}: same content as {first}; not indexed twice",
                                    path.display()
                                ));
                                continue;
                            }
                            seen_hash.insert(hash.clone(), report.source.clone());
                            writer
                                .delete_term(Term::from_field_text(fields.source, &report.source));
                            stats.sections += add_report(&writer, &fields, &report, &hash)
                                .map_err(|e| e.to_string())?;
                            stats.warnings += report.warnings.len();
                            stats.reports += 1;
                            stats.bytes += n;
                        }
                    }
                }
            }
            Ok(())
        })?;
        writer.commit().map_err(|e| format!("commit failed: {e}"))?;
    }
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(stats)
}

fn add_report(writer: &IndexWriter, f: &Fields, r: &Report, hash: &str) -> tantivy::Result<usize> {
    let agency = r.agency.clone().unwrap_or_default();
    let region = r.region.display();
    let year = r.year.unwrap_or(0) as i64;
    let template = r.template.map(|t| t.as_str()).unwrap_or("");
    let figures: Vec<(Field, f64)> = r
        .tables
        .cells()
        .into_iter()
        .filter_map(|(k, v)| Some((*f.figures.get(&k)?, v?.0)))
        .collect();
    let mut n = 0;
    for s in &r.sections {
        let mut d = doc!(
            f.doc_type => "section",
            f.source => r.source.clone(),
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
        );
        for (field, v) in &figures {
            d.add_f64(*field, *v);
        }
        writer.add_document(d)?;
        n += 1;
    }
    let json = serde_json::to_string(r).unwrap_or_default();
    let mut d = doc!(
        f.doc_type => "report",
        f.source => r.source.clone(),
        f.hash => hash,
        f.agency => agency.clone(),
        f.agency_grams => agency,
        f.region => region.clone(),
        f.region_grams => region,
        f.year => year,
        f.template => template,
        f.report_json => json,
    );
    for (field, v) in &figures {
        d.add_f64(*field, *v);
    }
    writer.add_document(d)?;
    Ok(n)
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
    let mut out = Vec::new();
    for addr in docs {
        let d: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
        if let Some(j) = d.get_first(f.report_json).and_then(|v| v.as_str()) {
            if let Ok(r) = serde_json::from_str::<Report>(j) {
                out.push(r);
            }
        }
    }
    out.sort_by(|a, b| a.source.cmp(&b.source));
    Ok(out)
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
