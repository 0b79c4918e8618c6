//! Queries: the user's words, "phrases", -exclusions and OR, plus filters (section kind, agency,
//! region, year range, figure conditions), turned into one tantivy query. A word matches as a
//! substring (a phrase of bigrams) and scores by BM25 over those bigrams (rarer words, more
//! occurrences and shorter sections score higher).
//! Figure conditions are answered on the report documents, which hold the figures, and joined to
//! the sections by [`super::join`].

use super::tokenize;
use super::Fields;
use crate::ingest::normalize::normalize_str;
use crate::model::SectionKind;
use std::ops::Bound;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, TantivyDocument, Term};

/// A parsed query: groups of alternatives (all groups required), and excluded words.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedQuery {
    pub groups: Vec<Vec<String>>,
    pub excluded: Vec<String>,
    /// The words that were quoted: their parts must be adjacent (`"政务 公开"` finds 政务公开
    /// and 政务 公开, not 政务…公开).
    pub phrases: Vec<String>,
}

impl ParsedQuery {
    /// Every positive word.
    pub fn positive(&self) -> Vec<String> {
        self.groups.iter().flatten().cloned().collect()
    }

    /// What to highlight: every positive word, a phrase as its parts (they may stand apart by
    /// spaces or punctuation in the text).
    pub fn highlighted(&self) -> Vec<String> {
        let mut out = Vec::new();
        for w in self.groups.iter().flatten() {
            if self.phrases.contains(w) {
                out.extend(tokenize::runs(w));
            } else {
                out.push(w.clone());
            }
        }
        out
    }
}

/// Parse `政策 解读 "政务 公开" -培训 平台 OR 网站`. Errors are one line.
pub fn parse_query(q: &str) -> Result<ParsedQuery, String> {
    let mut tokens: Vec<(String, bool, bool)> = Vec::new(); // (text, quoted, excluded)
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut excluded = false;
        if c == '-' {
            excluded = true;
            i += 1;
            if i >= chars.len() || chars[i].is_whitespace() {
                return Err("'-' must be followed by a word to exclude".into());
            }
        }
        if i < chars.len() && matches!(chars[i], '"' | '“' | '”') {
            let close = chars[i + 1..]
                .iter()
                .position(|c| matches!(c, '"' | '“' | '”'));
            let Some(len) = close else {
                return Err("unbalanced quote in query".into());
            };
            let s: String = chars[i + 1..i + 1 + len].iter().collect();
            if s.trim().is_empty() {
                return Err("empty quoted phrase in query".into());
            }
            tokens.push((s, true, excluded));
            i += len + 2;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            if matches!(chars[i], '"' | '“' | '”') {
                return Err("a quote must start a phrase (write \"…\")".into());
            }
            i += 1;
        }
        tokens.push((chars[start..i].iter().collect(), false, excluded));
    }
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut excluded = Vec::new();
    let mut phrases = Vec::new();
    let mut join_next = false;
    for (k, (t, quoted, ex)) in tokens.iter().enumerate() {
        if !quoted && (t == "OR" || t == "|") {
            if groups.is_empty() || k + 1 == tokens.len() || join_next {
                return Err("OR needs a word on each side".into());
            }
            join_next = true;
            continue;
        }
        if !quoted && reads_as_a_figure_condition(t) {
            return Err(format!(
                "'{t}' is a figure condition, not a word: give it as --where, e.g. \
                 --where 'requests.new_received.total>10'"
            ));
        }
        let norm = normalize_str(t);
        if !norm.chars().any(tokenize::is_run_char) {
            return Err(format!("'{t}' has no letters or characters to search for"));
        }
        if *quoted && !phrases.contains(&norm) {
            phrases.push(norm.clone());
        }
        if *ex {
            if join_next {
                return Err("cannot OR an excluded word".into());
            }
            excluded.push(norm);
            continue;
        }
        if join_next {
            groups.last_mut().unwrap().push(norm);
            join_next = false;
        } else {
            groups.push(vec![norm]);
        }
    }
    if groups.is_empty() {
        return Err("the query has no words to search for".into());
    }
    Ok(ParsedQuery {
        groups,
        excluded,
        phrases,
    })
}

/// The tokens of a word split into its runs (a position gap separates two runs).
fn runs_of(toks: &[tantivy::tokenizer::Token]) -> Vec<Vec<&tantivy::tokenizer::Token>> {
    let mut runs: Vec<Vec<&tantivy::tokenizer::Token>> = Vec::new();
    let mut last: Option<usize> = None;
    for t in toks {
        match runs.last_mut() {
            Some(run) if last == Some(t.position.wrapping_sub(1)) => run.push(t),
            _ => runs.push(vec![t]),
        }
        last = Some(t.position);
    }
    runs
}

/// Query for a substring: each run of the word is a phrase of bigrams (or, for one character, a
/// prefix match on bigrams starting with it).
fn substring_query(field: tantivy::schema::Field, word: &str) -> Box<dyn Query> {
    let toks = tokenize::grams(word);
    let runs = runs_of(&toks);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for run in runs {
        // A run of n characters yields n-1 bigrams and a final unigram; drop the unigram.
        let bigrams: Vec<Term> = run
            .iter()
            .filter(|t| t.text.chars().count() == 2)
            .map(|t| Term::from_field_text(field, &t.text))
            .collect();
        let q: Box<dyn Query> = match bigrams.len() {
            0 => {
                let c = regex::escape(&run[0].text);
                Box::new(
                    RegexQuery::from_pattern(&format!("{c}.?"), field).expect("escaped pattern"),
                )
            }
            1 => Box::new(TermQuery::new(
                bigrams[0].clone(),
                IndexRecordOption::WithFreqs,
            )),
            // Bigrams 0, 2, 4, … and the last one cover every character, and a match of those at
            // their offsets is a match of all: half the postings to read.
            n => Box::new(PhraseQuery::new_with_offset(
                bigrams
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 0 || *i == n - 1)
                    .collect(),
            )),
        };
        clauses.push((Occur::Must, q));
    }
    if clauses.len() == 1 {
        clauses.pop().unwrap().1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Query for a quoted phrase: its parts adjacent, with nothing between them but spaces or
/// punctuation (one phrase of bigrams across the parts, at the positions the tokenizer gives
/// them), or with nothing at all (the parts run together as one word).
fn phrase_query(field: tantivy::schema::Field, phrase: &str) -> Box<dyn Query> {
    let toks = tokenize::grams(phrase);
    let runs = runs_of(&toks);
    if runs.len() < 2 {
        return substring_query(field, phrase);
    }
    let mut terms: Vec<(usize, Term)> = Vec::new();
    for run in &runs {
        let bigrams: Vec<&&tantivy::tokenizer::Token> =
            run.iter().filter(|t| t.text.chars().count() == 2).collect();
        if bigrams.is_empty() {
            // A one-character part is indexed as the unigram that ends its run.
            terms.push((run[0].position, Term::from_field_text(field, &run[0].text)));
        } else {
            let n = bigrams.len();
            for (i, t) in bigrams.into_iter().enumerate() {
                if i % 2 == 0 || i == n - 1 {
                    terms.push((t.position, Term::from_field_text(field, &t.text)));
                }
            }
        }
    }
    let together: String = runs
        .iter()
        .map(|run| {
            run.iter()
                .filter_map(|t| t.text.chars().next())
                .collect::<String>()
        })
        .collect();
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(PhraseQuery::new_with_offset(terms)) as Box<dyn Query>,
        ),
        (Occur::Should, substring_query(field, &together)),
    ]))
}

/// Filters besides the words.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub kinds: Vec<SectionKind>,
    /// Search the problem items of section 五 (存在的主要问题) only, not the section's text.
    pub items: bool,
    pub agency: Option<String>,
    pub region: Option<String>,
    pub years: Option<(i64, i64)>,
    pub conditions: Vec<Condition>,
    /// The agency's level and kind (see `parse::region::classify`).
    pub level: Option<crate::model::Level>,
    pub kind: Option<crate::model::AgencyKind>,
}

impl Filters {
    /// Whether a parsed report passes the report-level filters (kinds are ignored): THE
    /// definition of report selection. The index query ([`report_query`]) follows the same rules
    /// and only narrows; [`select_reports`] then checks every report with this.
    ///
    /// `--agency` and `--region` are words: the value is normalised as a query is (traditional
    /// → simplified, full-width → ASCII), split at spaces and punctuation, and every word must
    /// occur, ignoring ASCII case, inside the name without crossing its punctuation (`广州 医疗`
    /// matches 广州市医疗保障局). A value with no word in it matches nothing.
    pub fn matches(&self, r: &crate::model::Report) -> bool {
        if let Some(a) = &self.agency {
            if !has_words(r.agency.as_deref().unwrap_or(""), a) {
                return false;
            }
        }
        if let Some(g) = &self.region {
            if !has_words(&r.region.display(), g) {
                return false;
            }
        }
        if self.level.is_some() && r.level != self.level {
            return false;
        }
        if self.kind.is_some() && r.kind != self.kind {
            return false;
        }
        if let Some((lo, hi)) = self.years {
            // The index holds a report without a year as year 0.
            if !(lo..=hi).contains(&(r.year.unwrap_or(0) as i64)) {
                return false;
            }
        }
        self.conditions.iter().all(|c| {
            r.tables
                .figure(&c.key)
                .is_some_and(|v| match c.op.as_str() {
                    ">" => v > c.value,
                    ">=" => v >= c.value,
                    "<" => v < c.value,
                    "<=" => v <= c.value,
                    _ => v == c.value,
                })
        })
    }
}

/// Whether every word of `needle` occurs inside one run of `hay`, both as the grams tokenizer
/// reads them (what the index's phrase-of-bigrams query answers).
fn has_words(hay: &str, needle: &str) -> bool {
    let hay = tokenize::runs(hay);
    let words = tokenize::runs(&normalize_str(needle));
    !words.is_empty()
        && words
            .iter()
            .all(|w| hay.iter().any(|h| h.contains(w.as_str())))
}

/// The indexed reports that pass the filters, in source order: the index query narrows them
/// down, [`Filters::matches`] decides (so that a filter selects the same reports from the index
/// as from the files).
pub fn select_reports(
    index: &Index,
    f: &Fields,
    filters: &Filters,
) -> Result<Vec<crate::model::Report>, String> {
    super::reports(index, f, filters)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub key: String,
    pub op: String,
    pub value: f64,
}

/// A query word that compares (`>`, `<=`, `＞10`, `申请>10`): a figure condition typed as a
/// search word, which would find nothing, or fail as having no characters to search for.
fn reads_as_a_figure_condition(t: &str) -> bool {
    let Some(at) = t.find(['>', '<', '＞', '＜', '≥', '≤']) else {
        return false;
    };
    let after = t[at..].trim_start_matches(['>', '<', '=', '＞', '＜', '＝', '≥', '≤']);
    after.is_empty() || after.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `requests.new_received.total>10`; errors name the problem.
pub fn parse_condition(s: &str) -> Result<Condition, String> {
    let ops = [">=", "<=", "!=", "=", ">", "<"];
    for op in ops {
        if let Some(p) = s.find(op) {
            let key = s[..p].trim().to_string();
            let v = s[p + op.len()..].trim();
            let value: f64 = v
                .parse()
                .map_err(|_| format!("--where '{s}': '{v}' is not a number"))?;
            if !crate::model::template::all_figure_keys()
                .iter()
                .any(|(k, _)| *k == key)
            {
                return Err(format!(
                    "--where '{s}': unknown figure key '{key}' (e.g. requests.new_received.total)"
                ));
            }
            if op == "!=" {
                return Err(format!("--where '{s}': use < or > instead of !="));
            }
            return Ok(Condition {
                key,
                op: op.to_string(),
                value,
            });
        }
    }
    Err(format!(
        "--where '{s}': expected KEY<op>NUMBER with op one of < <= = >= >"
    ))
}

/// `2021..2024`, `2021..`, `..2020`, `2022`.
pub fn parse_years(s: &str) -> Result<(i64, i64), String> {
    let bad = || format!("--year '{s}': expected YEAR or FROM..TO (e.g. 2021..2024)");
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s.trim(), s.trim()),
    };
    let lo = if a.is_empty() {
        1900
    } else {
        a.parse().map_err(|_| bad())?
    };
    let hi = if b.is_empty() {
        2200
    } else {
        b.parse().map_err(|_| bad())?
    };
    if lo > hi {
        return Err(format!("--year '{s}': the range is empty ({lo} > {hi})"));
    }
    Ok((lo, hi))
}

/// Build the whole query.
pub fn build(f: &Fields, q: &ParsedQuery, filters: &Filters) -> Box<dyn Query> {
    // Section text and heading, or (--items) the problem items of section 五.
    let field = if filters.items { f.items } else { f.grams };
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // Only section documents have text, so a word already limits the hits to sections; the
    // term is needed only when there is none.
    if q.groups.is_empty() {
        must.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.doc_type, "section"),
                IndexRecordOption::Basic,
            )),
        ));
    }
    for group in &q.groups {
        let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in group {
            alts.push((Occur::Should, word_query(field, q, w)));
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
    }
    for w in &q.excluded {
        must.push((Occur::MustNot, word_query(field, q, w)));
    }
    if !filters.kinds.is_empty() {
        let alts: Vec<(Occur, Box<dyn Query>)> = filters
            .kinds
            .iter()
            .map(|k| {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.kind, k.key()),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                )
            })
            .collect();
        must.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
    }
    must.extend(filter_clauses(f, filters));
    Box::new(BooleanQuery::new(must))
}

/// A query word: a phrase when it was quoted, else a substring.
fn word_query(field: tantivy::schema::Field, q: &ParsedQuery, w: &str) -> Box<dyn Query> {
    if q.phrases.iter().any(|p| p == w) {
        phrase_query(field, w)
    } else {
        substring_query(field, w)
    }
}

/// The filters on the report's metadata (agency, region, years) as query clauses; they hold for
/// section and report documents alike.
fn filter_clauses(f: &Fields, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(a) = &filters.agency {
        must.push((
            Occur::Must,
            substring_query(f.agency_grams, &normalize_str(a)),
        ));
    }
    if let Some(r) = &filters.region {
        must.push((
            Occur::Must,
            substring_query(f.region_grams, &normalize_str(r)),
        ));
    }
    for (field, value) in [
        (f.level, filters.level.map(|l| l.as_str())),
        (f.agency_kind, filters.kind.map(|k| k.as_str())),
    ] {
        if let Some(v) = value {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                )),
            ));
        }
    }
    if let Some((lo, hi)) = filters.years {
        must.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.year, lo)),
                Bound::Included(Term::from_field_i64(f.year, hi)),
            )),
        ));
    }
    must
}

/// The figure conditions as query clauses (on report documents only: they hold the figures).
fn condition_clauses(f: &Fields, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for c in &filters.conditions {
        let field = f.figures[&c.key];
        let t = |v: f64| Term::from_field_f64(field, v);
        let (lo, hi) = match c.op.as_str() {
            ">" => (Bound::Excluded(t(c.value)), Bound::Unbounded),
            ">=" => (Bound::Included(t(c.value)), Bound::Unbounded),
            "<" => (Bound::Unbounded, Bound::Excluded(t(c.value))),
            "<=" => (Bound::Unbounded, Bound::Included(t(c.value))),
            _ => (Bound::Included(t(c.value)), Bound::Included(t(c.value))),
        };
        must.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
    }
    must
}

/// A query for the per-report documents that pass the filters (section kinds are ignored).
pub fn report_query(f: &Fields, filters: &Filters) -> Box<dyn Query> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        Box::new(TermQuery::new(
            Term::from_field_text(f.doc_type, "report"),
            IndexRecordOption::Basic,
        )),
    )];
    must.extend(filter_clauses(f, filters));
    must.extend(condition_clauses(f, filters));
    Box::new(BooleanQuery::new(must))
}

/// The report documents whose figures meet every condition (only report documents have
/// figures, so the conditions alone select them).
pub(crate) fn reports_meeting(f: &Fields, filters: &Filters) -> BooleanQuery {
    BooleanQuery::new(condition_clauses(f, filters))
}

/// One search hit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub source: String,
    pub agency: String,
    pub year: i64,
    pub region: String,
    pub kind: String,
    pub score: f32,
    pub snippet: String,
    /// Byte ranges of the matched words inside `snippet` (for highlighting; not in --json).
    #[serde(skip)]
    pub marks: Vec<(usize, usize)>,
}

/// Run a search: (total count, hits sorted by score).
pub fn search(
    index: &Index,
    f: &Fields,
    q: &ParsedQuery,
    filters: &Filters,
    limit: usize,
) -> Result<(usize, Vec<Hit>), String> {
    search_page(index, f, q, filters, 0, limit)
}

/// The order of hits: best score first; equal scores by the report's file, then its sections in
/// order. Without the tie-break, sections of equal score came in the order of their documents,
/// which depends on which indexing thread took which report: two builds of the same files could
/// list them differently, and a page of a web search could differ between builds. The file and
/// place are compared only when a score ties the current cut-off, so it costs nothing to
/// speak of (the `Count` beside it visits every match anyway).
fn hit_order() -> impl tantivy::collector::SortKeyComputer<
    SortKey = (tantivy::Score, (Option<String>, Option<u64>)),
> + Send
       + 'static {
    use tantivy::collector::sort_key::{
        SortBySimilarityScore, SortByStaticFastValue, SortByString,
    };
    use tantivy::Order;
    (
        SortBySimilarityScore,
        (
            (SortByString::for_field("source"), Order::Asc),
            // `up` counts down to the report document: its sections in order are `up` falling.
            (SortByStaticFastValue::<u64>::for_field("up"), Order::Desc),
        ),
    )
}

/// [`search`], the hits from the `offset`-th best on (a page of a web search).
pub fn search_page(
    index: &Index,
    f: &Fields,
    q: &ParsedQuery,
    filters: &Filters,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<Hit>), String> {
    let reader = super::lifecycle::reader(index).map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let query = build(f, q, filters);
    let collector = (
        tantivy::collector::TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by(hit_order()),
        tantivy::collector::Count,
    );
    let (top, count) = if filters.conditions.is_empty() {
        searcher.search(&query, &collector)
    } else {
        let reports = super::join::report_sets(&searcher, &reports_meeting(f, filters))
            .map_err(|e| e.to_string())?;
        let joined = super::join::ReportJoin {
            reports: std::sync::Arc::new(reports),
            inner: collector,
        };
        searcher.search(&query, &joined)
    }
    .map_err(|e| e.to_string())?;
    let words = q.highlighted();
    // Each hit's document is a store block to decompress (512 KiB: see `lifecycle`): on
    // every core at once.
    use rayon::prelude::*;
    let top: Vec<(tantivy::Score, tantivy::DocAddress)> = top
        .into_iter()
        .take(limit)
        .map(|((score, _), addr)| (score, addr))
        .collect();
    let hits = top
        .par_iter()
        .map(|&(score, addr)| {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
            let get = |fl| {
                d.get_first(fl)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            // The snippet comes from what was searched: the items with --items; else the
            // text (a table's prose lines), or the heading when only the heading holds the
            // words.
            let kind = get(f.kind);
            let body = get(if filters.items { f.items_body } else { f.body });
            let body = match SectionKind::from_user(&kind) {
                Some(k) if !filters.items && k.is_table() => super::searched::prose_lines(&body),
                _ => body,
            };
            let (mut snippet, mut marks) = snippet(&body, &words, 60);
            if marks.is_empty() && !filters.items {
                let (s, m) = self::snippet(&get(f.title), &words, 60);
                if !m.is_empty() {
                    (snippet, marks) = (s, m);
                }
            }
            Ok(Hit {
                source: get(f.source),
                agency: get(f.agency),
                year: d.get_first(f.year).and_then(|v| v.as_i64()).unwrap_or(0),
                region: get(f.region),
                kind,
                score,
                snippet,
                marks,
            })
        })
        .collect::<Result<Vec<Hit>, String>>()?;
    Ok((count, hits))
}

/// A window of `width` characters around the first match, with the byte ranges of every match
/// of every word inside it. Matching ignores case character by character (each character
/// lower-cased on its own); every offset is one of the original text, on a character boundary
/// (lower-casing can change the length: İ becomes i and a combining dot), and a match must
/// begin and end at whole characters of the original.
pub fn snippet(body: &str, words: &[String], width: usize) -> (String, Vec<(usize, usize)>) {
    let flat: String = body
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let matches = find_folded(&flat, words);
    let first = matches.iter().map(|m| m.0).min().unwrap_or(0);
    let before = width / 3;
    let start_char = flat[..first].chars().count().saturating_sub(before);
    let mut bounds = flat.char_indices().map(|(i, _)| i).skip(start_char);
    let s = bounds.next().unwrap_or(flat.len());
    let e = bounds.nth(width.saturating_sub(1)).unwrap_or(flat.len());
    let e = if width == 0 { s } else { e };
    let mut text = String::new();
    if s > 0 {
        text.push('…');
    }
    let offset = text.len();
    text.push_str(&flat[s..e]);
    if e < flat.len() {
        text.push('…');
    }
    let mut marks: Vec<(usize, usize)> = matches
        .into_iter()
        .filter(|&(a, b)| a >= s && b <= e)
        .map(|(a, b)| (offset + a - s, offset + b - s))
        .collect();
    marks.sort();
    (text, marks)
}

/// Each character lower-cased on its own (the comparison [`snippet`] marks by).
pub fn fold_case(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Every match of every word in `text`, ignoring case, as byte ranges of `text` that start and
/// end on whole characters (non-overlapping per word).
fn find_folded(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    // The folded text, and for each of its byte offsets the offset in `text` where the
    // character whose lower case starts there begins (NONE inside a character's lower case).
    const NONE: usize = usize::MAX;
    let mut lower = String::with_capacity(text.len());
    let mut at: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let start = lower.len();
        lower.extend(c.to_lowercase());
        at.push(i);
        at.extend(std::iter::repeat_n(NONE, lower.len() - start - 1));
    }
    at.push(text.len());
    let mut out = Vec::new();
    for w in words {
        let w = fold_case(w);
        if w.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(p) = lower[from..].find(&w).map(|p| p + from) {
            let q = p + w.len();
            if at[p] != NONE && at[q] != NONE {
                out.push((at[p], at[q]));
                from = q;
            } else {
                // Not on whole characters: try again from the next character of `lower`.
                from = p + lower[p..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_queries() {
        let q = parse_query("政策解读 \"政务 公开\" -培训 平台 OR 網站").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec!["政策解读".to_string()],
                vec!["政务 公开".into()],
                vec!["平台".into(), "网站".into()]
            ]
        );
        assert_eq!(q.excluded, vec!["培训".to_string()]);
        assert!(parse_query("\"政策").is_err());
        assert!(parse_query("OR 政策").is_err());
        assert!(parse_query("  ").is_err());
        assert!(parse_condition("requests.new_received.total>10").is_ok());
        assert!(parse_condition("requests.nope.total>10").is_err());
        assert!(parse_years("2024..2021").is_err());
        assert_eq!(parse_years("2021..2024").unwrap(), (2021, 2024));
    }

    /// A figure condition typed as words is pointed to --where; words around a bracket or an
    /// arrow that compare nothing stay words.
    #[test]
    fn a_figure_condition_typed_as_words_points_to_where() {
        for q in ["申请 > 10", "申请>10", "申请 ＞10", "收到 >= 5", "申请 <"] {
            let e = parse_query(q).unwrap_err();
            assert!(e.contains("--where"), "{q}: {e}");
        }
        for q in ["政策解读", "<<条例>>", "首页>政务公开", "平台 -培训"] {
            assert!(parse_query(q).is_ok(), "{q}");
        }
    }
}
