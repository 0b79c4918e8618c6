//! How much text two reports share: character shingles, Jaccard similarity, containment, and the
//! per-report reuse signal (how much of a report repeats the same agency's previous report and
//! its nearest other report), since copied reports are evaluators' first complaint.
//!
//! Shingles are windows of [`SHINGLE`] Han/alphanumeric characters (punctuation and spaces are
//! ignored, so re-punctuated copies still match), hashed to 64 bits. To find each report's
//! nearest other report without comparing every pair, only the shingles whose hash is divisible
//! by [`SAMPLE`] go into an inverted index (mod-sampling), ubiquitous shingles (template phrases
//! every report prints) nominate no one, and the best-voted candidates are then measured exactly,
//! so the work stays near-linear in the corpus size while the printed shares are exact.

use crate::model::{Report, SectionKind};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Characters per shingle: long enough that shared shingles mean copied wording, not topic.
pub const SHINGLE: usize = 8;
/// One shingle in SAMPLE is kept for corpus-wide reuse.
pub const SAMPLE: u64 = 4;

/// The hashed shingles of a text.
pub fn shingles(text: &str) -> HashSet<u64> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out = HashSet::new();
    if chars.len() < SHINGLE {
        if !chars.is_empty() {
            out.insert(hash_chars(&chars));
        }
        return out;
    }
    for w in chars.windows(SHINGLE) {
        out.insert(hash_chars(w));
    }
    out
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
pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
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

/// The shingle hashes are mixed already (see `hash_chars`): hashing them again is waste.
#[derive(Default, Clone, Copy)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | *b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdentityMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Identity>>;

/// The reuse signal of every report, in the order given. Near-linear: the sampled shingles
/// nominate at most [`MEASURED`] candidates per report through postings capped at
/// [`CANDIDATE_CAP`], votes are counted in a dense array, the previous report comes from an
/// agency → reports map, and reports are measured in parallel.
pub fn reuse(reports: &[Report]) -> Vec<Reuse> {
    let docs: Vec<ReuseDoc> = reports.iter().map(ReuseDoc::of).collect();
    reuse_with(&docs, &|| {})
}

/// What reuse needs of a report: who wrote it and its prose (a tenth of the parsed report, so a
/// large corpus can be held as these while the reports themselves are streamed).
#[derive(Debug, Clone, PartialEq)]
pub struct ReuseDoc {
    pub source: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub prose: String,
}

impl ReuseDoc {
    pub fn of(r: &Report) -> ReuseDoc {
        ReuseDoc {
            source: r.source.clone(),
            agency: r.agency.clone(),
            year: r.year,
            prose: prose(r),
        }
    }
}

/// [`reuse`] over [`ReuseDoc`]s, calling `tick` after each report (for a progress bar; from any
/// thread).
pub fn reuse_with(reports: &[ReuseDoc], tick: &(dyn Fn() + Sync)) -> Vec<Reuse> {
    use rayon::prelude::*;
    let sets: Vec<Vec<u64>> = reports
        .par_iter()
        .map(|r| {
            let mut v: Vec<u64> = sampled_shingles(&r.prose).into_iter().collect();
            v.sort_unstable();
            v
        })
        .collect();
    let mut postings: IdentityMap<Vec<u32>> = IdentityMap::default();
    for (i, s) in sets.iter().enumerate() {
        for h in s {
            postings.entry(*h).or_default().push(i as u32);
        }
    }
    // Agency → its reports by year, for "the same agency's latest earlier report".
    let mut by_agency: HashMap<&str, Vec<(i32, usize)>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let (Some(a), Some(y)) = (r.agency.as_deref(), r.year) {
            by_agency.entry(a).or_default().push((y, i));
        }
    }
    for v in by_agency.values_mut() {
        v.sort_unstable();
    }
    let previous_of = |i: usize| -> Option<usize> {
        let (a, y) = (reports[i].agency.as_deref()?, reports[i].year?);
        let list = by_agency.get(a)?;
        // The last report of the latest earlier year (ties: the later in input order, as a
        // scan that keeps the maximum would).
        let k = list.partition_point(|&(yy, _)| yy < y);
        let (best_year, _) = *list.get(k.checked_sub(1)?)?;
        list[..k]
            .iter()
            .filter(|(yy, _)| *yy == best_year)
            .map(|&(_, j)| j)
            .next_back()
    };
    let matched = |j: usize, shared: f64| ReuseMatch {
        source: reports[j].source.clone(),
        agency: reports[j].agency.clone(),
        year: reports[j].year,
        shared: round3(shared),
    };
    (0..reports.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; reports.len()], Vec::<u32>::new()),
            |(votes, touched), i| {
                let r = &reports[i];
                // Samples nominate; the shares printed are exact, from the full shingles.
                let mine = shingles(&r.prose);
                let exact = |j: usize| containment(&mine, &shingles(&reports[j].prose));
                let previous = previous_of(i).map(|j| matched(j, exact(j)));
                for h in &sets[i] {
                    let p = &postings[h];
                    if p.len() > CANDIDATE_CAP {
                        continue;
                    }
                    for &j in p {
                        if j as usize != i {
                            if votes[j as usize] == 0 {
                                touched.push(j);
                            }
                            votes[j as usize] += 1;
                        }
                    }
                }
                let mut cands: Vec<(u32, u32)> =
                    touched.iter().map(|&j| (j, votes[j as usize])).collect();
                for &j in touched.iter() {
                    votes[j as usize] = 0;
                }
                touched.clear();
                cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let nearest = cands
                    .iter()
                    .take(MEASURED)
                    .map(|&(j, _)| j as usize)
                    .filter(|&j| reports[j].source != r.source)
                    .map(|j| (j, exact(j)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(j, c)| matched(j, c));
                tick();
                Reuse {
                    source: r.source.clone(),
                    agency: r.agency.clone(),
                    year: r.year,
                    chars: r.prose.chars().filter(|c| !c.is_whitespace()).count(),
                    previous,
                    nearest,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
