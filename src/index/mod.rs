//! The index: one tantivy document per section (text and the report's metadata) plus one
//! document per report holding its figures (fast fields, for `--where`) and its stored form
//! ([`stored`]). A report's documents are added as one batch, so they sit together in one
//! segment: the section documents, in order, right before the report document (merges keep the
//! order, and a report's documents are deleted together, by their file's identity `path`). A
//! section knows the distance `up` to its report document, which is how figure conditions reach
//! sections ([`join`]). Which files are reports is [`files`]; building, so that the index
//! mirrors them, is `build`; opening, marking and clearing index folders is `lifecycle`.
//! Searching never loads jieba and never writes.

mod build;
pub mod columns;
pub mod facets;
pub mod files;
pub mod join;
mod lifecycle;
mod load;
pub mod merge;
pub mod query;
pub mod readonly;
pub mod searched;
pub mod stored;
pub mod tokenize;

pub use build::{build, content_hash, mirror, not_a_report, BuildStats, COMMIT_EVERY};
pub use files::collect as collect_files;
pub use lifecycle::{clear, exists, is_ours, marker, open, stale_format, Marker, MARKER};
pub use load::{
    all_reports, for_each_at, for_each_prose_batch, for_each_report, prose_at, report_addresses,
    report_by_source, reports, searcher, Located, Parts, StreamError,
};

use crate::model::template;
use std::collections::HashMap;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::Index;

/// The fields of the schema.
#[derive(Clone)]
pub struct Fields {
    pub doc_type: Field,
    /// The report's file, as reached from the paths given (for people).
    pub source: Field,
    /// The file's real path, byte for byte ([`files::key`]): its identity in the index.
    pub path: Field,
    pub hash: Field,
    pub agency: Field,
    pub agency_grams: Field,
    pub region: Field,
    pub region_grams: Field,
    pub year: Field,
    pub template: Field,
    /// On report documents: the region's province and city, the agency's level and kind
    /// (indexed and fast, for ranking and grouping without restoring reports).
    pub province: Field,
    pub city: Field,
    pub level: Field,
    pub agency_kind: Field,
    pub kind: Field,
    pub title: Field,
    pub body: Field,
    pub grams: Field,
    /// On the (first) problems section: its problem items (存在的主要问题), one a line, as
    /// bigrams (for `search --items`) and stored (for snippets).
    pub items: Field,
    pub items_body: Field,
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
    /// The same fields by table, row and column: the build looks each cell up by its parts
    /// instead of formatting ~200 dotted keys a report.
    pub figure_cells: FigureCells,
}

/// Figure fields by table → row → column.
pub type FigureCells = rustc_hash::FxHashMap<
    String,
    rustc_hash::FxHashMap<String, rustc_hash::FxHashMap<String, Field>>,
>;

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
    let doc_type = b.add_text_field("doc_type", STRING);
    let source = b.add_text_field("source", STRING | STORED | FAST);
    let path = b.add_bytes_field("path", INDEXED | STORED);
    let hash = b.add_text_field("hash", STRING | STORED);
    let agency = b.add_text_field("agency", STRING | STORED | FAST);
    let agency_grams = b.add_text_field("agency_grams", grams_opts.clone());
    let region = b.add_text_field("region", STRING | STORED);
    let region_grams = b.add_text_field("region_grams", grams_opts.clone());
    let year = b.add_i64_field("year", INDEXED | FAST | STORED);
    let template = b.add_text_field("template", STRING | STORED | FAST);
    let province = b.add_text_field("province", STRING | FAST);
    let city = b.add_text_field("city", STRING | FAST);
    let level = b.add_text_field("level", STRING | FAST);
    let agency_kind = b.add_text_field("agency_kind", STRING | FAST);
    let kind = b.add_text_field("kind", STRING | STORED);
    let title = b.add_text_field("title", STORED);
    let body = b.add_text_field("body", STORED);
    let grams = b.add_text_field("grams", grams_opts.clone());
    let items = b.add_text_field("items", grams_opts);
    let items_body = b.add_text_field("items_body", STORED);
    let report_json = b.add_text_field("report_json", STORED);
    let provenance = b.add_text_field("provenance", STORED);
    let up = b.add_u64_field("up", FAST);
    let sec = b.add_u64_field("sec", STORED);
    let nsec = b.add_u64_field("nsec", STORED);
    let mut figures = HashMap::new();
    let mut figure_cells = FigureCells::default();
    // Fast only, not indexed: tantivy answers a range on a fast field from the column (it never
    // reads the terms), so indexing ~200 figures a report was a twelfth of the build's postings
    // for nothing.
    let num = NumericOptions::default().set_fast();
    for (key, _) in template::all_figure_keys() {
        let f = b.add_f64_field(&figure_field_name(key), num.clone());
        figures.insert(key.clone(), f);
        let mut parts = key.splitn(3, '.');
        if let (Some(t), Some(r), Some(c)) = (parts.next(), parts.next(), parts.next()) {
            figure_cells
                .entry(t.to_string())
                .or_insert_with(rustc_hash::FxHashMap::default)
                .entry(r.to_string())
                .or_insert_with(rustc_hash::FxHashMap::default)
                .insert(c.to_string(), f);
        }
    }
    let fields = Fields {
        doc_type,
        source,
        path,
        hash,
        agency,
        agency_grams,
        region,
        region_grams,
        year,
        template,
        province,
        city,
        level,
        agency_kind,
        kind,
        title,
        body,
        grams,
        items,
        items_body,
        report_json,
        provenance,
        up,
        sec,
        nsec,
        figures,
        figure_cells,
    };
    (b.build(), fields)
}

/// Register the tokenizer the index uses (the bigrams: neither building nor searching segments
/// with jieba).
pub fn register_read_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(tokenize::GRAMS, tokenize::GramTokenizer);
}

/// The layout of the index this gongkai writes, recorded in every commit's payload. An index
/// written with another layout must be rebuilt.
pub const FORMAT: &str = "gongkai-index 9";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every figure key reaches the same field by its parts as by its dotted name, so the build's
    /// lookup by parts stores every figure a `--where` can ask for.
    #[test]
    fn figure_fields_by_parts_match_the_dotted_keys() {
        let (_, f) = schema();
        assert_eq!(f.figures.len(), template::all_figure_keys().len());
        let mut reached = 0;
        for (key, field) in &f.figures {
            let mut parts = key.split('.');
            let (t, r, c) = (parts.next(), parts.next(), parts.next());
            assert_eq!(parts.next(), None, "{key} has three parts");
            let by_parts = f.figure_cells[t.unwrap()][r.unwrap()][c.unwrap()];
            assert_eq!(by_parts, *field, "{key}");
            reached += 1;
        }
        let cells: usize = f
            .figure_cells
            .values()
            .flat_map(|t| t.values())
            .map(|r| r.len())
            .sum();
        assert_eq!(cells, reached);
    }
}
