//! How much text two reports share: character shingles, Jaccard similarity, containment, and the
//! per-report reuse signal (how much of a report repeats the same agency's previous report and
//! its nearest other report), since copied reports are evaluators' first complaint.
//!
//! Shingles are windows of [`SHINGLE`] Han/alphanumeric characters (punctuation and spaces are
//! ignored, so re-punctuated copies still match), hashed to 64 bits. To find each report's
//! nearest other report without comparing every pair, only the shingles whose hash is divisible
//! by [`SAMPLE`] go into an inverted index (mod-sampling), ubiquitous shingles (template phrases
//! every report prints) nominate no one, and the best-voted candidates are then measured exactly,
//! so the work stays near-linear in the corpus size while the printed shares are exact. Over an
//! index, [`ReuseIndex`] holds only the postings that can nominate (built in bounded memory,
//! see [`super::postings`]) and reads each report's prose again when it is measured.

use super::postings::{Postings, PostingsBuilder, SpillError, RUN_PAIRS};
use crate::model::{Report, SectionKind};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Characters per shingle: long enough that shared shingles mean copied wording, not topic.
pub const SHINGLE: usize = 8;
/// One shingle in SAMPLE is kept for corpus-wide reuse.
pub const SAMPLE: u64 = 4;

/// The hashed shingles of a text.
pub fn shingles(text: &str) -> HashSet<u64> {
    sorted_shingles(text).into_iter().collect()
}

/// The hashed shingles of a text, sorted and distinct: what the reuse rows measure with (a
/// merge is cheaper than hashing every shingle into a set).
pub fn sorted_shingles(text: &str) -> Vec<u64> {
    // Han characters first: `is_alphanumeric` takes its slow path on every one of them.
    let chars: Vec<char> = text
        .chars()
        .filter(|&c| matches!(c as u32, 0x4E00..=0x9FFF) || c.is_alphanumeric())
        .collect();
    let mut out: Vec<u64> = if chars.len() < SHINGLE {
        if chars.is_empty() {
            Vec::new()
        } else {
            vec![hash_chars(&chars)]
        }
    } else {
        chars.windows(SHINGLE).map(hash_chars).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// [`containment`] of two [`sorted_shingles`] lists.
pub fn sorted_containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / a.len() as f64
}

/// The sampled shingles of a text (see the module doc).
pub fn sampled_shingles(text: &str) -> HashSet<u64> {
    shingles(text)
        .into_iter()
        .filter(|h| h % SAMPLE == 0)
        .collect()
}

fn hash_chars(cs: &[char]) -> u64 {
    // FNV-1a, then a final mix so that `h % SAMPLE` is well distributed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in cs {
        h ^= *c as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// |a ∩ b| / |a ∪ b|; 0 when both are empty.
pub fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// |a ∩ b| / |a|: the share of `a` found in `b`; 0 when `a` is empty.
pub fn containment(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.intersection(b).count() as f64 / a.len() as f64
}

/// Round to three decimals for printing and JSON.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The report's own prose: every section but the three statistical tables.
pub fn prose(r: &Report) -> String {
    let mut out = String::new();
    for s in &r.sections {
        if matches!(
            s.kind,
            SectionKind::DisclosureTable
                | SectionKind::RequestsTable
                | SectionKind::ReviewLitigationTable
        ) {
            continue;
        }
        out.push_str(&s.text);
        out.push('\n');
    }
    out
}

/// The prose of one section kind (all sections of that kind, joined).
pub fn section_text(r: &Report, kind: SectionKind) -> String {
    let mut out = String::new();
    for s in r.sections.iter().filter(|s| s.kind == kind) {
        out.push_str(&s.text);
        out.push('\n');
    }
    out
}

/// Another report and the share of this report's text found in it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReuseMatch {
    pub source: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// Estimated share (0–1) of this report's prose shingles that the other report also has.
    pub shared: f64,
}

/// The reuse signal of one report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reuse {
    pub source: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// Characters of prose (tables excluded).
    pub chars: usize,
    /// The same agency's latest earlier report, if indexed.
    pub previous: Option<ReuseMatch>,
    /// The other report (any agency, not the same file) that shares most of this one's text.
    pub nearest: Option<ReuseMatch>,
}

/// Postings lists longer than this nominate no one: a shingle that many reports print is
/// template wording, not copying. Fixed, so that the work per report does not grow with the
/// corpus.
pub const CANDIDATE_CAP: usize = 64;

/// The best-voted candidates measured exactly per report.
const MEASURED: usize = 3;

/// Who wrote a report: what reuse prints of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReuseKey {
    pub source: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
}

/// What reuse holds of every report between its two passes: who wrote it, the length of its
/// prose, and the postings of the sampled shingles that 2 to [`CANDIDATE_CAP`] reports share
/// (collected in bounded memory: see [`super::postings`]), never the prose, which is read again
/// a batch at a time to measure the shares exactly.
pub struct ReuseIndex {
    keys: Vec<ReuseKey>,
    chars: Vec<u32>,
    building: Option<PostingsBuilder>,
    postings: Postings,
    /// Agency (its identity) → its number, for "the same agency's latest earlier report".
    agencies: HashMap<String, u32>,
    /// Each agency's reports by year.
    years_of: Vec<Vec<(i32, u32)>>,
    /// Each report's agency number ([`NO_AGENCY`] without an identity or a year).
    agency_of: Vec<u32>,
}

/// [`ReuseIndex::agency_of`] of a report without an agency or a year.
const NO_AGENCY: u32 = u32::MAX;

impl Default for ReuseIndex {
    fn default() -> Self {
        ReuseIndex::new()
    }
}

impl ReuseIndex {
    pub fn new() -> ReuseIndex {
        ReuseIndex::spilling_every(RUN_PAIRS)
    }

    /// A reuse index that spills its postings to a temporary file every `pairs` pairs.
    pub fn spilling_every(pairs: usize) -> ReuseIndex {
        ReuseIndex {
            keys: Vec::new(),
            chars: Vec::new(),
            building: Some(PostingsBuilder::new(CANDIDATE_CAP, pairs)),
            postings: Postings::default(),
            agencies: HashMap::new(),
            years_of: Vec::new(),
            agency_of: Vec::new(),
        }
    }

    /// Add the next report (reports are numbered in the order added); `identity` is its
    /// agency's [`crate::model::identity`] (its previous report may print another name), kept
    /// once an agency. Fails only when a temporary file cannot be written (the message names
    /// it).
    pub fn push(
        &mut self,
        key: ReuseKey,
        identity: Option<&str>,
        prose: &str,
    ) -> Result<(), SpillError> {
        let i = self.keys.len() as u64;
        if let Some(b) = &mut self.building {
            let sampled = sorted_shingles(prose).into_iter();
            b.add(i as u32, sampled.filter(|h| h % SAMPLE == 0))?;
        }
        self.chars
            .push(prose.chars().filter(|c| !c.is_whitespace()).count() as u32);
        let agency = match (identity, key.year) {
            (Some(a), Some(y)) => {
                let next = self.years_of.len() as u32;
                let n = match self.agencies.get(a) {
                    Some(&n) => n,
                    None => *self.agencies.entry(a.to_string()).or_insert(next),
                };
                if n == next {
                    self.years_of.push(Vec::new());
                }
                self.years_of[n as usize].push((y, i as u32));
                n
            }
            _ => NO_AGENCY,
        };
        self.agency_of.push(agency);
        self.keys.push(key);
        Ok(())
    }

    /// The index of reports held in memory, spilling its postings every `pairs` pairs.
    pub fn of(docs: &[ReuseDoc], pairs: usize) -> Result<ReuseIndex, SpillError> {
        let mut index = ReuseIndex::spilling_every(pairs);
        for d in docs {
            index.push(d.key(), d.identity.as_deref(), &d.prose)?;
        }
        index.seal()?;
        Ok(index)
    }

    /// Done adding: merge the postings and sort each agency's years.
    pub fn seal(&mut self) -> Result<(), SpillError> {
        if let Some(b) = self.building.take() {
            self.postings = b.finish()?;
        }
        for v in &mut self.years_of {
            v.sort_unstable();
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The same agency's latest earlier report: the last one added of the latest earlier year.
    fn previous_of(&self, i: usize) -> Option<usize> {
        let (a, y) = (self.agency_of[i], self.keys[i].year?);
        let list = self.years_of.get(a as usize)?;
        let k = list.partition_point(|&(yy, _)| yy < y);
        let (best_year, _) = *list.get(k.checked_sub(1)?)?;
        list[..k]
            .iter()
            .filter(|(yy, _)| *yy == best_year)
            .map(|&(_, j)| j as usize)
            .next_back()
    }

    /// The reports sharing most of the `sampled` shingles of report `i`, best first: a
    /// shingle that more than [`CANDIDATE_CAP`] reports carry nominates no one.
    fn candidates(
        &self,
        i: usize,
        sampled: impl Iterator<Item = u64>,
        votes: &mut [u32],
        touched: &mut Vec<u32>,
    ) -> Vec<usize> {
        for h in sampled {
            for j in self.postings.get(h) {
                if j as usize != i {
                    if votes[j as usize] == 0 {
                        touched.push(j);
                    }
                    votes[j as usize] += 1;
                }
            }
        }
        let mut cands: Vec<(u32, u32)> = touched.iter().map(|&j| (j, votes[j as usize])).collect();
        for &j in touched.iter() {
            votes[j as usize] = 0;
        }
        touched.clear();
        cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cands
            .into_iter()
            .take(MEASURED)
            .map(|(j, _)| j as usize)
            .collect()
    }

    fn matched(&self, j: usize, shared: f64) -> ReuseMatch {
        ReuseMatch {
            source: self.keys[j].source.clone(),
            agency: self.keys[j].agency.clone(),
            year: self.keys[j].year,
            shared: round3(shared),
        }
    }

    /// The reuse rows of reports `first..first + batch.len()`, whose prose is `batch`, in
    /// parallel. The prose of any other report is asked of `prose_of` (the reports just before
    /// the batch are the likeliest: an agency's earlier years sit next to it in source order).
    pub fn rows(
        &self,
        first: usize,
        batch: &[String],
        prose_of: &(dyn Fn(usize) -> Result<String, String> + Sync),
        tick: &(dyn Fn() + Sync),
    ) -> Result<Vec<Reuse>, String> {
        use rayon::prelude::*;
        let n = self.keys.len();
        batch
            .par_iter()
            .enumerate()
            .map(|(k, text)| {
                // One vote array per thread, reused from batch to batch: rayon's map_init
                // would zero a new one of N counters for every split of every batch.
                VOTES.with(|cell| {
                    let (votes, touched) = &mut *cell.borrow_mut();
                    if votes.len() < n {
                        votes.resize(n, 0);
                    }
                    let i = first + k;
                    let mine = sorted_shingles(text);
                    let exact = |j: usize| -> Result<f64, String> {
                        let theirs = match j.checked_sub(first) {
                            Some(b) if b < batch.len() => sorted_shingles(&batch[b]),
                            _ => sorted_shingles(&prose_of(j)?),
                        };
                        Ok(sorted_containment(&mine, &theirs))
                    };
                    let previous = match self.previous_of(i) {
                        Some(j) => Some(self.matched(j, exact(j)?)),
                        None => None,
                    };
                    let mut best: Option<(usize, f64)> = None;
                    let sampled = mine.iter().copied().filter(|h| h % SAMPLE == 0);
                    for j in self.candidates(i, sampled, votes, touched) {
                        if self.keys[j].source == self.keys[i].source {
                            continue;
                        }
                        let c = exact(j)?;
                        // The larger share; on a tie the earlier report.
                        if best.is_none_or(|(bj, bc)| c > bc || (c == bc && j < bj)) {
                            best = Some((j, c));
                        }
                    }
                    tick();
                    let key = &self.keys[i];
                    Ok(Reuse {
                        source: key.source.clone(),
                        agency: key.agency.clone(),
                        year: key.year,
                        chars: self.chars[i] as usize,
                        previous,
                        nearest: best.map(|(j, c)| self.matched(j, c)),
                    })
                })
            })
            .collect()
    }
}

thread_local! {
    /// A thread's vote counters (all zero between uses) and the reports it touched.
    static VOTES: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// The reuse signal of every report, in the order given. Near-linear: each report's sampled
/// shingles nominate at most [`MEASURED`] candidates through postings capped at [`CANDIDATE_CAP`],
/// votes are counted in a dense array, the previous report comes from an agency → reports map,
/// and reports are measured in parallel.
pub fn reuse(reports: &[Report]) -> Vec<Reuse> {
    let docs: Vec<ReuseDoc> = reports.iter().map(ReuseDoc::of).collect();
    reuse_with(&docs, &|| {})
}

/// What reuse needs of a report held in memory: who wrote it and its prose.
#[derive(Debug, Clone, PartialEq)]
pub struct ReuseDoc {
    pub source: String,
    pub agency: Option<String>,
    /// The agency's [`crate::model::identity`] (see [`ReuseIndex::push`]).
    pub identity: Option<String>,
    pub year: Option<i32>,
    pub prose: String,
}

impl ReuseDoc {
    /// Who wrote it.
    pub fn key(&self) -> ReuseKey {
        ReuseKey {
            source: self.source.clone(),
            agency: self.agency.clone(),
            year: self.year,
        }
    }

    pub fn of(r: &Report) -> ReuseDoc {
        ReuseDoc {
            source: r.source.clone(),
            agency: r.agency.clone(),
            identity: r.agency_identity(),
            year: r.year,
            prose: prose(r),
        }
    }
}

/// [`reuse`] over [`ReuseDoc`]s held in memory (the index streams instead: see
/// [`ReuseIndex`]), calling `tick` after each report (for a progress bar; from any thread).
pub fn reuse_with(reports: &[ReuseDoc], tick: &(dyn Fn() + Sync)) -> Vec<Reuse> {
    let index = ReuseIndex::of(reports, usize::MAX).expect("in memory: nothing is spilled");
    let prose: Vec<String> = reports.iter().map(|r| r.prose.clone()).collect();
    index
        .rows(0, &prose, &|j| Ok(reports[j].prose.clone()), tick)
        .expect("prose held in memory is always there")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spilling the postings to disk changes nothing: the same rows as holding them.
    #[test]
    fn spilled_postings_give_the_same_rows() {
        // Each text is three of twelve blocks of pseudo-random characters, so that reports
        // share blocks with a few others.
        let block = |b: usize| -> String {
            let mut x = 0x9E37_79B9u32.wrapping_mul(b as u32 + 1);
            (0..80)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    char::from_u32(0x4E00 + x % 2000).unwrap()
                })
                .collect()
        };
        let docs: Vec<ReuseDoc> = (0..40usize)
            .map(|k| ReuseDoc {
                source: format!("r{k:02}"),
                agency: Some(format!("局{}", k / 4)),
                identity: Some(format!("局{}", k / 4)),
                year: Some(2020 + (k % 4) as i32),
                prose: [k % 12, (k * 5 + 1) % 12, (k * 7 + 3) % 12]
                    .iter()
                    .map(|&b| block(b))
                    .collect(),
            })
            .collect();
        let rows = |spill_every: usize| {
            let index = ReuseIndex::of(&docs, spill_every).unwrap();
            let prose: Vec<String> = docs.iter().map(|d| d.prose.clone()).collect();
            index
                .rows(0, &prose, &|j| Ok(docs[j].prose.clone()), &|| {})
                .unwrap()
        };
        let held = rows(usize::MAX);
        assert!(held.iter().filter(|r| r.nearest.is_some()).count() > 20);
        assert_eq!(rows(97), held);
        // And in batches, the others' prose asked for: the same again.
        let index = ReuseIndex::of(&docs, 500).unwrap();
        let mut batched = Vec::new();
        for (b, chunk) in docs.chunks(7).enumerate() {
            let prose: Vec<String> = chunk.iter().map(|d| d.prose.clone()).collect();
            batched.extend(
                index
                    .rows(b * 7, &prose, &|j| Ok(docs[j].prose.clone()), &|| {})
                    .unwrap(),
            );
        }
        assert_eq!(batched, held);
    }

    #[test]
    fn identical_text_is_fully_contained_and_punctuation_does_not_matter() {
        let a = shingles("我局政府信息公开工作运行状况较好，但也存在不足之处。");
        let b = shingles("我局政府信息公开工作运行状况较好 但也存在不足之处");
        assert_eq!(containment(&a, &b), 1.0);
        assert_eq!(jaccard(&a, &b), 1.0);
        let c = shingles("政策解读形式还有待丰富，网站的公众互动参与较少。");
        assert_eq!(containment(&a, &c), 0.0);
    }

    #[test]
    fn half_copied_text_is_half_contained() {
        let old = "一是政策文件解读形式还需更加丰富多样。二是政府信息公开的队伍建设有待加强。";
        let new = "一是政策文件解读形式还需更加丰富多样。二是网站栏目更新频率偏低内容不够及时。";
        let (a, b) = (shingles(new), shingles(old));
        let c = containment(&a, &b);
        assert!(c > 0.3 && c < 0.7, "{c}");
    }
}
