//! Recurring problem themes: problem items (section 五, as parsed) grouped across reports.
//!
//! Two sources of themes: a taxonomy of the known ones, kept as data in `data/themes.tsv`
//! (editable; `--taxonomy FILE` replaces it), and themes discovered among the items no taxonomy
//! theme claims, from jieba's TF-IDF keywords shared by items of at least two reports, so that a
//! new kind of problem shows up without anyone editing a list. Items that fit neither are kept
//! in an `unthemed` group: no item is ever dropped.

use crate::model::Report;
use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// Every item of the chosen kind, in report order.
pub fn items(reports: &[Report], kind: ItemKind) -> Vec<Item> {
    let mut out = Vec::new();
    for r in reports {
        let list = match kind {
            ItemKind::Problems => &r.problems.problems,
            ItemKind::Improvements => &r.problems.improvements,
        };
        for t in list {
            out.push(Item {
                agency: r.agency.clone(),
                year: r.year,
                source: r.source.clone(),
                text: t.clone(),
            });
        }
    }
    out
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
    let province: HashMap<&str, Option<&str>> = reports
        .iter()
        .map(|r| (r.source.as_str(), r.region.province.as_deref()))
        .collect();
    let all = items(reports, kind);
    let mut claimed = vec![false; all.len()];
    let mut out = Vec::new();
    for def in &taxonomy.themes {
        let mine: Vec<usize> = (0..all.len())
            .filter(|&i| {
                taxonomy
                    .classify(&all[i].text)
                    .contains(&def.label.as_str())
            })
            .collect();
        for &i in &mine {
            claimed[i] = true;
        }
        if !mine.is_empty() {
            out.push(theme(
                def.label.clone(),
                Origin::Taxonomy,
                &all,
                &mine,
                by,
                &province,
            ));
        }
    }
    sort_by_reach(&mut out);
    let rest: Vec<usize> = (0..all.len()).filter(|&i| !claimed[i]).collect();
    let (discovered, unthemed) = match jieba {
        Some(j) => discover(&all, &rest, j),
        None => (Vec::new(), rest),
    };
    let mut found: Vec<Theme> = discovered
        .into_iter()
        .map(|(keywords, idx)| {
            let mut t = theme(
                keywords.join("·"),
                Origin::Discovered,
                &all,
                &idx,
                by,
                &province,
            );
            t.keywords = keywords;
            t
        })
        .collect();
    sort_by_reach(&mut found);
    out.extend(found);
    if !unthemed.is_empty() {
        out.push(theme(
            "(unthemed)".into(),
            Origin::Unthemed,
            &all,
            &unthemed,
            by,
            &province,
        ));
    }
    out
}

fn sort_by_reach(v: &mut [Theme]) {
    v.sort_by(|a, b| {
        b.reports
            .cmp(&a.reports)
            .then(b.items.len().cmp(&a.items.len()))
    });
}

fn theme(
    label: String,
    origin: Origin,
    all: &[Item],
    idx: &[usize],
    by: By,
    province: &HashMap<&str, Option<&str>>,
) -> Theme {
    let items: Vec<Item> = idx.iter().map(|&i| all[i].clone()).collect();
    let reports: BTreeSet<&str> = items.iter().map(|i| i.source.as_str()).collect();
    let agencies: BTreeSet<&str> = items
        .iter()
        .map(|i| i.agency.as_deref().unwrap_or(i.source.as_str()))
        .collect();
    let mut per: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for i in &items {
        let key = match by {
            By::Year => i.year.map(|y| y.to_string()),
            By::Province => province
                .get(i.source.as_str())
                .copied()
                .flatten()
                .map(str::to_string),
        }
        .unwrap_or_else(|| "?".into());
        per.entry(key).or_default().insert(i.source.as_str());
    }
    Theme {
        label,
        reports: reports.len(),
        agencies: agencies.len(),
        origin,
        by: per.into_iter().map(|(k, v)| (k, v.len())).collect(),
        keywords: Vec::new(),
        items,
    }
}

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
type KeywordGroup = (Vec<String>, Vec<usize>);

/// Group the unclaimed items by shared TF-IDF keywords: a keyword carried by items of at least
/// two reports makes a theme (greedily, the keyword reaching most reports first); its label is
/// that keyword and the next one its items share most.
fn discover(all: &[Item], rest: &[usize], jieba: &Jieba) -> (Vec<KeywordGroup>, Vec<usize>) {
    let mut config = KeywordExtractConfig::builder();
    for w in GENERIC_WORDS {
        config = config.add_stop_word(w.to_string());
    }
    // jieba's own IDF table, with our stop words on top of its defaults.
    let mut tfidf = TfIdf::default();
    *tfidf.config_mut() = config.build();
    let keywords: HashMap<usize, Vec<String>> = rest
        .iter()
        .map(|&i| {
            let kw = tfidf
                .extract_keywords(jieba, &all[i].text, 6, Vec::new())
                .into_iter()
                .map(|k| k.keyword)
                .filter(|k| k.chars().count() >= 2 && !k.chars().all(|c| c.is_ascii_digit()))
                .collect();
            (i, kw)
        })
        .collect();
    let mut open: BTreeSet<usize> = rest.iter().copied().collect();
    let mut groups = Vec::new();
    loop {
        // keyword → the open items carrying it, and the reports they come from.
        let mut carriers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in &open {
            for k in &keywords[&i] {
                carriers.entry(k.as_str()).or_default().push(i);
            }
        }
        let best = carriers
            .iter()
            .map(|(k, v)| {
                let reports: BTreeSet<&str> = v.iter().map(|&i| all[i].source.as_str()).collect();
                (reports.len(), v.len(), *k)
            })
            .filter(|&(reports, _, _)| reports >= 2)
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(a.2)));
        let Some((_, _, word)) = best else { break };
        let members = carriers[word].clone();
        let mut co: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &members {
            for k in &keywords[&i] {
                if k != word {
                    *co.entry(k.as_str()).or_default() += 1;
                }
            }
        }
        let mut label = vec![word.to_string()];
        if let Some((k, n)) = co.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            if *n >= 2 {
                label.push(k.to_string());
            }
        }
        for i in &members {
            open.remove(i);
        }
        groups.push((label, members));
    }
    (groups, open.into_iter().collect())
}
