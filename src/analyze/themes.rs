//! Recurring problem themes: problem items (section 五, as parsed) grouped across reports.
//!
//! Two sources of themes: a taxonomy of the known ones, kept as data in `data/themes.tsv`
//! (editable; `--taxonomy FILE` replaces it), and themes discovered among the items no taxonomy
//! theme claims, from jieba's TF-IDF keywords shared by items of at least two reports, so that a
//! new kind of problem shows up without anyone editing a list. Items that fit neither are kept
//! in an `unthemed` group: no item is ever dropped.

use super::spill::Texts;
use crate::model::Report;
use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// The built-in taxonomy, as shipped.
pub const BUILTIN_TAXONOMY: &str = include_str!("../../data/themes.tsv");

/// One theme of the taxonomy: a label and the patterns that recognise its items.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeDef {
    pub label: String,
    /// Any pattern matches; a pattern matches when the item contains every one of its terms.
    pub patterns: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    pub themes: Vec<ThemeDef>,
}

impl Taxonomy {
    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(BUILTIN_TAXONOMY).expect("the built-in taxonomy parses")
    }

    /// Parse the TSV form (see `data/themes.tsv`); errors name the line.
    pub fn parse(text: &str) -> Result<Taxonomy, String> {
        let mut themes = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (label, pats) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected LABEL<TAB>PATTERNS", i + 1))?;
            let patterns: Vec<Vec<String>> = pats
                .split('|')
                .map(|p| {
                    p.split('+')
                        .map(|t| crate::ingest::normalize::normalize_str(t.trim()))
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<String>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
            if label.trim().is_empty() || patterns.is_empty() {
                return Err(format!(
                    "line {}: a theme needs a label and a pattern",
                    i + 1
                ));
            }
            themes.push(ThemeDef {
                label: label.trim().to_string(),
                patterns,
            });
        }
        if themes.is_empty() {
            return Err("no themes in the taxonomy".into());
        }
        Ok(Taxonomy { themes })
    }

    /// The labels of every theme whose patterns match the item, in taxonomy order.
    pub fn classify(&self, item: &str) -> Vec<&str> {
        let text = crate::ingest::normalize::normalize_str(item);
        self.themes
            .iter()
            .filter(|t| {
                t.patterns
                    .iter()
                    .any(|p| p.iter().all(|term| text.contains(term.as_str())))
            })
            .map(|t| t.label.as_str())
            .collect()
    }
}

/// Which items of section 五 to group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Problems,
    Improvements,
}

/// How to break the counts down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Year,
    Province,
}

/// One problem item with where it comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub source: String,
    pub text: String,
}

/// Where a theme comes from.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Taxonomy,
    Discovered,
    Unthemed,
}

/// One theme with its counts and every item that speaks of it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Theme {
    pub label: String,
    /// Distinct reports raising it.
    pub reports: usize,
    /// Distinct agencies raising it.
    pub agencies: usize,
    pub origin: Origin,
    /// Reports raising it per year (or province), ascending.
    pub by: BTreeMap<String, usize>,
    /// For discovered themes: the keywords the items share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    pub items: Vec<Item>,
}

/// A theme as positions in an [`ItemTable`]: what grouping a national corpus holds, so that
/// each [`Theme`] with its items is made only when it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeGroup {
    pub label: String,
    pub reports: usize,
    pub agencies: usize,
    pub origin: Origin,
    pub by: BTreeMap<String, usize>,
    pub keywords: Vec<String>,
    /// Positions of its items in the table, ascending.
    pub members: Vec<u32>,
}

/// Who wrote the items of one report. The agency and province are shared between reports (an
/// agency writes a report a year, a province has thousands): at 10⁶ reports their copies were a
/// third of what `themes` held per report.
#[derive(Debug, Clone, PartialEq)]
struct Author {
    source: Box<str>,
    agency: Option<Arc<str>>,
    year: Option<i32>,
    province: Option<Arc<str>>,
}

/// The items of many reports held compactly: the texts in memory or in a temporary file (see
/// [`Texts`]), and who wrote them once per report (a report's source identifies it). Filled a
/// report at a time, so the reports themselves can be streamed.
#[derive(Debug, Default)]
pub struct ItemTable {
    reports: Vec<Author>,
    /// Per item: its report.
    items: Vec<u32>,
    texts: Texts,
    /// The distinct agencies and provinces of `reports`, each held once.
    names: HashSet<Arc<str>>,
}

impl ItemTable {
    /// The items of `kind` of every report, in report order, held in memory.
    pub fn of(reports: &[Report], kind: ItemKind) -> ItemTable {
        let mut t = ItemTable::default();
        for r in reports {
            t.push(r, kind).expect("texts in memory are always written");
        }
        t
    }

    /// An empty table whose texts go to a temporary file: ~20 bytes an item and ~150 a report
    /// stay in memory.
    pub fn on_disk() -> std::io::Result<ItemTable> {
        Ok(ItemTable {
            texts: Texts::on_disk()?,
            ..ItemTable::default()
        })
    }

    /// Add the items of `kind` of one report (fails only when the temporary file does).
    pub fn push(&mut self, r: &Report, kind: ItemKind) -> std::io::Result<()> {
        let list = match kind {
            ItemKind::Problems => &r.problems.problems,
            ItemKind::Improvements => &r.problems.improvements,
        };
        if list.is_empty() {
            return Ok(());
        }
        let at = self.reports.len() as u32;
        let agency = r.agency.as_deref().map(|a| self.name(a));
        let province = r.region.province.as_deref().map(|p| self.name(p));
        self.reports.push(Author {
            source: r.source.as_str().into(),
            agency,
            year: r.year,
            province,
        });
        let texts: Vec<&str> = list.iter().map(String::as_str).collect();
        self.texts.push_all(&texts)?;
        self.items.extend(std::iter::repeat_n(at, list.len()));
        Ok(())
    }

    /// `name`, shared with the reports that have it already.
    fn name(&mut self, name: &str) -> Arc<str> {
        if let Some(n) = self.names.get(name) {
            return n.clone();
        }
        let n: Arc<str> = name.into();
        self.names.insert(n.clone());
        n
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Reports with at least one item.
    pub fn reports(&self) -> usize {
        self.reports.len()
    }

    /// The text of item `i`.
    pub fn text(&self, i: usize) -> std::io::Result<Cow<'_, str>> {
        self.texts.get(i)
    }

    /// The report item `i` comes from (an index of its own, one per report).
    pub fn report_of(&self, i: usize) -> usize {
        self.items[i] as usize
    }

    /// The source of item `i`'s report.
    pub fn source(&self, i: usize) -> &str {
        &self.reports[self.report_of(i)].source
    }

    /// Item `i` with where it comes from.
    pub fn item(&self, i: usize) -> std::io::Result<Item> {
        let o = &self.reports[self.report_of(i)];
        Ok(Item {
            agency: o.agency.as_deref().map(str::to_string),
            year: o.year,
            source: o.source.to_string(),
            text: self.text(i)?.into_owned(),
        })
    }

    /// The theme of `g` with its items.
    pub fn theme(&self, g: &ThemeGroup) -> std::io::Result<Theme> {
        Ok(Theme {
            label: g.label.clone(),
            reports: g.reports,
            agencies: g.agencies,
            origin: g.origin,
            by: g.by.clone(),
            keywords: g.keywords.clone(),
            items: g
                .members
                .iter()
                .map(|&i| self.item(i as usize))
                .collect::<std::io::Result<Vec<Item>>>()?,
        })
    }
}

/// Every item of the chosen kind, in report order.
pub fn items(reports: &[Report], kind: ItemKind) -> Vec<Item> {
    let t = ItemTable::of(reports, kind);
    (0..t.len())
        .map(|i| t.item(i).expect("texts in memory"))
        .collect()
}

/// Group the items of `reports` into themes: taxonomy themes (most reports first), then
/// discovered ones, then the unthemed items. `jieba` is needed only for discovery; without it
/// every unclaimed item is unthemed.
pub fn themes(
    reports: &[Report],
    kind: ItemKind,
    taxonomy: &Taxonomy,
    by: By,
    jieba: Option<&Jieba>,
) -> Vec<Theme> {
    let table = ItemTable::of(reports, kind);
    group(&table, taxonomy, by, jieba)
        .and_then(|groups| groups.iter().map(|g| table.theme(g)).collect())
        .expect("texts in memory are always read")
}

/// [`themes`] over an [`ItemTable`], as groups of positions (fails only when the table's
/// temporary file cannot be read back).
pub fn group(
    table: &ItemTable,
    taxonomy: &Taxonomy,
    by: By,
    jieba: Option<&Jieba>,
) -> std::io::Result<Vec<ThemeGroup>> {
    use rayon::prelude::*;
    // Each item is classified once (normalising it is most of the work), on every core, a chunk
    // of items at a time: a list of labels per item for all of them at once was the largest
    // thing `themes` held at 10^6 reports.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); taxonomy.themes.len()];
    // The items no theme of the taxonomy takes.
    let mut rest: Vec<u32> = Vec::new();
    for start in (0..table.len()).step_by(ITEM_CHUNK) {
        let chunk = start..table.len().min(start + ITEM_CHUNK);
        let labels: Vec<Vec<usize>> = chunk
            .clone()
            .into_par_iter()
            .map(|i| {
                let text = table.text(i)?;
                let found = taxonomy.classify(&text);
                Ok(taxonomy
                    .themes
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| found.contains(&d.label.as_str()))
                    .map(|(k, _)| k)
                    .collect())
            })
            .collect::<std::io::Result<_>>()?;
        for (i, ks) in chunk.zip(&labels) {
            if ks.is_empty() {
                rest.push(i as u32);
            }
            for &k in ks {
                members[k].push(i as u32);
            }
        }
    }
    let mut out: Vec<ThemeGroup> = taxonomy
        .themes
        .iter()
        .zip(members)
        .filter(|(_, m)| !m.is_empty())
        .map(|(def, m)| theme_group(table, def.label.clone(), Origin::Taxonomy, m, by))
        .collect();
    sort_by_reach(&mut out);
    let (discovered, unthemed) = match jieba {
        Some(j) => discover(table, &rest, j)?,
        None => (Vec::new(), rest),
    };
    let mut found: Vec<ThemeGroup> = discovered
        .into_iter()
        .map(|(keywords, idx)| {
            let mut t = theme_group(table, keywords.join("·"), Origin::Discovered, idx, by);
            t.keywords = keywords;
            t
        })
        .collect();
    sort_by_reach(&mut found);
    out.extend(found);
    if !unthemed.is_empty() {
        out.push(theme_group(
            table,
            "(unthemed)".into(),
            Origin::Unthemed,
            unthemed,
            by,
        ));
    }
    Ok(out)
}

fn sort_by_reach(v: &mut [ThemeGroup]) {
    v.sort_by(|a, b| {
        b.reports
            .cmp(&a.reports)
            .then(b.members.len().cmp(&a.members.len()))
    });
}

fn theme_group(
    table: &ItemTable,
    label: String,
    origin: Origin,
    members: Vec<u32>,
    by: By,
) -> ThemeGroup {
    let reports: BTreeSet<&str> = members.iter().map(|&i| table.source(i as usize)).collect();
    let agencies: BTreeSet<&str> = members
        .iter()
        .map(|&i| {
            let o = &table.reports[table.report_of(i as usize)];
            o.agency.as_deref().unwrap_or(&o.source)
        })
        .collect();
    let mut per: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for &i in &members {
        let o = &table.reports[table.report_of(i as usize)];
        let key = match by {
            By::Year => o.year.map(|y| y.to_string()),
            By::Province => o.province.as_deref().map(str::to_string),
        }
        .unwrap_or_else(|| "?".into());
        per.entry(key).or_default().insert(&o.source);
    }
    ThemeGroup {
        label,
        reports: reports.len(),
        agencies: agencies.len(),
        origin,
        by: per.into_iter().map(|(k, v)| (k, v.len())).collect(),
        keywords: Vec::new(),
        members,
    }
}

/// Items classified or read for keywords at once: bounds what is held per item in flight.
const ITEM_CHUNK: usize = 1 << 16;

/// Words that say nothing about which problem an item raises.
const GENERIC_WORDS: &[&str] = &[
    "政府",
    "信息",
    "公开",
    "政务",
    "工作",
    "进一步",
    "加强",
    "有待",
    "存在",
    "问题",
    "部分",
    "不足",
    "需要",
    "还需",
    "提升",
    "提高",
    "方面",
    "仍然",
    "仍需",
    "一些",
    "个别",
    "单位",
    "部门",
    "我局",
    "本局",
    "我委",
    "本机关",
    "机关",
    "相关",
    "情况",
    "年度",
    "有所",
    "不够",
    "不断",
    "继续",
    "推进",
    "完善",
    "做好",
    "开展",
    "加大",
    "力度",
    "水平",
    "能力",
    "较为",
    "比较",
    "一定",
    "程度",
    "需进一步",
    "待",
    "主要",
    "具体",
    "做到",
];

/// A discovered theme: its keywords (label first) and the items it holds.
type KeywordGroup = (Vec<String>, Vec<u32>);

/// Group the unclaimed items by shared TF-IDF keywords: a keyword carried by items of at least
/// two reports makes a theme (greedily, the keyword reaching most reports first, then most
/// items, then the first in byte order); its label is that keyword and the next one its items
/// share most. The greedy choice is lazy: a keyword's reach only shrinks as items are taken,
/// so its last count is an upper bound and only the top of the heap is counted again.
fn discover(
    table: &ItemTable,
    rest: &[u32],
    jieba: &Jieba,
) -> std::io::Result<(Vec<KeywordGroup>, Vec<u32>)> {
    use rayon::prelude::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut config = KeywordExtractConfig::builder();
    for w in GENERIC_WORDS {
        config = config.add_stop_word(w.to_string());
    }
    // jieba's own IDF table, with our stop words on top of its defaults.
    let mut tfidf = TfIdf::default();
    *tfidf.config_mut() = config.build();
    // Each item's keywords as numbers, extracted a chunk of items at a time on every core: the
    // words are interned as they come (a list of strings per item was most of `themes`' memory
    // at 10^6 reports), then renumbered in byte order of their words, so that ties break as
    // before.
    let mut interned: HashMap<String, u32> = HashMap::new();
    let mut keywords: Vec<Vec<u32>> = Vec::with_capacity(rest.len());
    for chunk in rest.chunks(ITEM_CHUNK) {
        let extracted: Vec<Vec<String>> = chunk
            .par_iter()
            .map(|&i| {
                Ok(tfidf
                    .extract_keywords(jieba, &table.text(i as usize)?, 6, Vec::new())
                    .into_iter()
                    .map(|k| k.keyword)
                    .filter(|k| k.chars().count() >= 2 && !k.chars().all(|c| c.is_ascii_digit()))
                    .collect())
            })
            .collect::<std::io::Result<_>>()?;
        for words in extracted {
            let ids = words
                .into_iter()
                .map(|w| {
                    let next = interned.len() as u32;
                    *interned.entry(w).or_insert(next)
                })
                .collect();
            keywords.push(ids);
        }
    }
    let mut vocab: Vec<(String, u32)> = interned.into_iter().collect();
    vocab.sort_unstable();
    let mut rank = vec![0u32; vocab.len()];
    for (r, (_, first)) in vocab.iter().enumerate() {
        rank[*first as usize] = r as u32;
    }
    for ids in &mut keywords {
        for id in ids.iter_mut() {
            *id = rank[*id as usize];
        }
    }
    let vocab: Vec<String> = vocab.into_iter().map(|(w, _)| w).collect();
    // keyword → positions (in `rest`) of the items carrying it, ascending.
    let mut carriers: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
    for (p, ks) in keywords.iter().enumerate() {
        for &k in ks {
            carriers[k as usize].push(p as u32);
        }
    }
    let mut open = vec![true; rest.len()];
    // The reach of every keyword, (reports, items) of its open carriers, kept up to date as
    // items are taken. A report's items are neighbours in `rest`, so whether another open item
    // of the same report still carries a keyword is a look at a few neighbours.
    let report_at = |p: usize| table.report_of(rest[p] as usize);
    let mut items_open: Vec<usize> = carriers.iter().map(Vec::len).collect();
    let mut reports_open: Vec<usize> = carriers
        .iter()
        .map(|v| {
            let mut n = 0;
            let mut last = None;
            for &p in v {
                let r = report_at(p as usize);
                if last != Some(r) {
                    n += 1;
                    last = Some(r);
                }
            }
            n
        })
        .collect();
    let reach = |k: usize, items_open: &[usize], reports_open: &[usize]| -> (usize, usize) {
        (reports_open[k], items_open[k])
    };
    let mut heap: BinaryHeap<(usize, usize, Reverse<u32>)> = (0..vocab.len())
        .map(|k| {
            let (r, n) = reach(k, &items_open, &reports_open);
            (r, n, Reverse(k as u32))
        })
        .collect();
    let mut groups = Vec::new();
    while let Some((r0, n0, Reverse(k))) = heap.pop() {
        let (r, n) = reach(k as usize, &items_open, &reports_open);
        if (r, n) != (r0, n0) {
            if n > 0 {
                heap.push((r, n, Reverse(k)));
            }
            continue;
        }
        if r < 2 {
            break;
        }
        let mine: Vec<u32> = carriers[k as usize]
            .iter()
            .copied()
            .filter(|&p| open[p as usize])
            .collect();
        let mut co: BTreeMap<u32, usize> = BTreeMap::new();
        for &p in &mine {
            for &c in &keywords[p as usize] {
                if c != k {
                    *co.entry(c).or_default() += 1;
                }
            }
        }
        let mut label = vec![vocab[k as usize].clone()];
        if let Some((c, n)) = co.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            if *n >= 2 {
                label.push(vocab[*c as usize].clone());
            }
        }
        for &p in &mine {
            let p = p as usize;
            open[p] = false;
            let r = report_at(p);
            let same_report = (0..p)
                .rev()
                .take_while(|&q| report_at(q) == r)
                .chain((p + 1..rest.len()).take_while(|&q| report_at(q) == r));
            let still: Vec<usize> = same_report.filter(|&q| open[q]).collect();
            for &c in &keywords[p] {
                items_open[c as usize] -= 1;
                if !still.iter().any(|&q| keywords[q].contains(&c)) {
                    reports_open[c as usize] -= 1;
                }
            }
        }
        groups.push((label, mine.iter().map(|&p| rest[p as usize]).collect()));
    }
    let unthemed = (0..rest.len())
        .filter(|&p| open[p])
        .map(|p| rest[p])
        .collect();
    Ok((groups, unthemed))
}
