//! Side-by-side comparison: two agency-years figure by figure, section by section and problem by
//! problem; or one agency across years with the cross-year checks (this year's 上年结转 = last
//! year's 结转下年度; 现行有效 = last year's 现行有效 + 制发 − 废止 in the 2021 format).
//!
//! Everything here is data with serde; printing lives in `cmd/compare.rs`.

use super::align::{self, AlignedPair};
use super::similarity::{jaccard, round3, section_text, shingles};
use super::themes::Taxonomy;
use crate::model::template::{self, REQUEST_COLUMNS};
use crate::model::{Check, CheckStatus, Num, Report, SectionKind, Template};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which report a side is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Side {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub source: String,
    /// Whether the report prints any of the three statistical tables.
    pub tables: bool,
}

impl Side {
    pub fn of(r: &Report) -> Side {
        Side {
            agency: r.agency.clone(),
            year: r.year,
            source: r.source.clone(),
            tables: r.tables.disclosure.is_some()
                || r.tables.requests.is_some()
                || r.tables.review_litigation.is_some(),
        }
    }
}

/// One figure on both sides. `delta` = right − left, null where either is null.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FigureDiff {
    pub key: String,
    pub label: String,
    pub left: Option<Num>,
    pub right: Option<Num>,
    pub delta: Option<Num>,
    /// Source lines where each side prints it (with `--lines`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right_line: Option<usize>,
}

impl FigureDiff {
    /// Both sides zero or not printed: folded away in the human view.
    pub fn is_idle(&self) -> bool {
        let idle = |v: Option<Num>| v.is_none_or(|n| n.0 == 0.0);
        idle(self.left) && idle(self.right)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Checks {
    pub left: Vec<Check>,
    pub right: Vec<Check>,
}

/// One section kind on both sides: characters of text and shingle similarity (0–1).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionDiff {
    pub kind: SectionKind,
    pub left_chars: usize,
    pub right_chars: usize,
    pub similarity: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right_line: Option<usize>,
    /// The two texts paragraph by paragraph (`--text`; prose sections only: the tables'
    /// figures are compared one by one already).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aligned: Option<Vec<AlignedPair>>,
}

/// A problem item with the taxonomy themes it belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemedItem {
    pub text: String,
    pub themes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProblemsDiff {
    pub left: Vec<ThemedItem>,
    pub right: Vec<ThemedItem>,
    pub shared_themes: Vec<String>,
}

/// Two agency-years side by side.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub left: Side,
    pub right: Side,
    pub figures: Vec<FigureDiff>,
    pub checks: Checks,
    pub sections: Vec<SectionDiff>,
    pub problems: ProblemsDiff,
}

impl Comparison {
    /// Add each prose section's two texts, aligned paragraph by paragraph
    /// ([`super::align`]); `left` and `right` are the reports compared.
    pub fn with_text(mut self, left: &Report, right: &Report) -> Comparison {
        for sd in &mut self.sections {
            if sd.kind.is_table() {
                continue;
            }
            let (a, b) = (section_text(left, sd.kind), section_text(right, sd.kind));
            sd.aligned = Some(align::align(&align::paragraphs(&a), &align::paragraphs(&b)));
        }
        self
    }
}

/// The figure keys worth comparing for these reports: every key of each side's template, left's
/// order first; none for a side without tables.
fn keys_for(reports: &[&Report]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in reports {
        let has_tables = r.tables.disclosure.is_some()
            || r.tables.requests.is_some()
            || r.tables.review_litigation.is_some();
        if !has_tables {
            continue;
        }
        let printed = |k: &str| {
            r.tables
                .requests
                .as_ref()
                .is_some_and(|t| t.contains_key(k))
        };
        for kv in template::figure_keys_as_printed(r.template.unwrap_or(Template::Y2021), printed) {
            if !out.iter().any(|(k, _)| *k == kv.0) {
                out.push(kv);
            }
        }
    }
    out
}

/// right − left, rounded to 1/10000 so that amounts in 万元 do not print float noise.
fn delta(a: Option<Num>, b: Option<Num>) -> Option<Num> {
    Some(Num(((b?.0 - a?.0) * 10000.0).round() / 10000.0))
}

fn line_of(r: &Report, key: &str) -> Option<usize> {
    r.provenance.cells.get(key).map(|c| c.line)
}

fn num(r: &Report, key: &str) -> Option<Num> {
    r.tables.figure(key).map(Num)
}

/// Compare two reports. `lines` adds the source line of every figure and section.
pub fn pair(left: &Report, right: &Report, taxonomy: &Taxonomy, lines: bool) -> Comparison {
    let figures = keys_for(&[left, right])
        .into_iter()
        .map(|(key, label)| {
            let (l, r) = (num(left, &key), num(right, &key));
            FigureDiff {
                left_line: lines.then(|| line_of(left, &key)).flatten(),
                right_line: lines.then(|| line_of(right, &key)).flatten(),
                key,
                label,
                left: l,
                right: r,
                delta: delta(l, r),
            }
        })
        .collect();
    let section_line = |r: &Report, kind: SectionKind| {
        r.provenance
            .sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.line)
    };
    let sections = SectionKind::ALL
        .iter()
        .filter(|k| {
            left.sections.iter().any(|s| s.kind == **k)
                || right.sections.iter().any(|s| s.kind == **k)
        })
        .map(|&kind| {
            let (a, b) = (section_text(left, kind), section_text(right, kind));
            SectionDiff {
                kind,
                left_chars: count_chars(&a),
                right_chars: count_chars(&b),
                similarity: round3(jaccard(&shingles(&a), &shingles(&b))),
                left_line: lines.then(|| section_line(left, kind)).flatten(),
                right_line: lines.then(|| section_line(right, kind)).flatten(),
                aligned: None,
            }
        })
        .collect();
    let themed = |r: &Report| -> Vec<ThemedItem> {
        r.problems
            .problems
            .iter()
            .map(|t| ThemedItem {
                text: t.clone(),
                themes: taxonomy
                    .classify(t)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            })
            .collect()
    };
    let (pl, pr) = (themed(left), themed(right));
    let mut shared_themes = Vec::new();
    for t in pl.iter().flat_map(|i| &i.themes) {
        if pr.iter().any(|i| i.themes.contains(t)) && !shared_themes.contains(t) {
            shared_themes.push(t.clone());
        }
    }
    Comparison {
        left: Side::of(left),
        right: Side::of(right),
        figures,
        checks: Checks {
            left: left.checks.clone(),
            right: right.checks.clone(),
        },
        sections,
        problems: ProblemsDiff {
            left: pl,
            right: pr,
            shared_themes,
        },
    }
}

/// Text characters, whitespace excluded.
pub fn count_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The figures shown per year when comparing one agency across years (`--all` shows every key).
pub const KEY_FIGURES: &[&str] = &[
    "requests.new_received.total",
    "requests.carried_over.total",
    "requests.disclosed.total",
    "requests.partially_disclosed.total",
    "requests.unavailable_not_held.total",
    "requests.total_processed.total",
    "requests.carried_forward.total",
    "review_litigation.review.total",
    "review_litigation.review.corrected",
    "review_litigation.litigation_direct.total",
    "review_litigation.litigation_after_review.total",
    "disclosure.rules.issued",
    "disclosure.rules.in_force",
    "disclosure.rules.made",
    "disclosure.normative_documents.issued",
    "disclosure.normative_documents.in_force",
    "disclosure.normative_documents.made",
    "disclosure.normative_documents.total_public",
    "disclosure.licensing.decisions",
    "disclosure.penalty.decisions",
];

/// One figure across years; `changes[i]` = values[i] − values[i−1] (null for the first year).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FigureSeries {
    pub key: String,
    pub label: String,
    pub values: Vec<Option<Num>>,
    pub changes: Vec<Option<Num>>,
}

/// A check between two years of one agency.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CrossCheck {
    pub rule: String,
    pub from: i32,
    pub to: i32,
    pub status: CheckStatus,
    pub detail: String,
    pub cells: Vec<String>,
}

/// Text similarity of consecutive reports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct YearSimilarity {
    pub from: i32,
    pub to: i32,
    /// Shingle Jaccard similarity of the whole prose (tables excluded), 0–1.
    pub similarity: f64,
    /// Share of the later report's prose found in the earlier one, 0–1.
    pub reused: f64,
}

/// One agency across years.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    pub agency: String,
    pub years: Vec<i32>,
    pub sources: Vec<String>,
    /// The name each year's report printed (one agency may print two: see
    /// [`crate::model::identity`]).
    pub agencies: Vec<String>,
    pub figures: Vec<FigureSeries>,
    pub cross_checks: Vec<CrossCheck>,
    pub similarity: Vec<YearSimilarity>,
}

impl Timeline {
    /// The names other than [`Timeline::agency`] its reports printed, each with its years.
    pub fn other_names(&self) -> Vec<(&str, Vec<i32>)> {
        let mut out: Vec<(&str, Vec<i32>)> = Vec::new();
        for (name, &y) in self.agencies.iter().zip(&self.years) {
            if name.is_empty() || *name == self.agency {
                continue;
            }
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, years)) => years.push(y),
                None => out.push((name, vec![y])),
            }
        }
        out
    }
}

/// Compare one agency's reports across years. `reports` are sorted by year here; one report per
/// year is expected (the caller resolves duplicates). `all` shows every figure key.
pub fn timeline(agency: &str, reports: &[&Report], all: bool) -> Timeline {
    let mut rs: Vec<&Report> = reports.to_vec();
    rs.sort_by_key(|r| r.year);
    let keys: Vec<(String, String)> = if all {
        keys_for(&rs)
    } else {
        let labels: Vec<(String, String)> = template::all_figure_keys().to_vec();
        KEY_FIGURES
            .iter()
            .filter(|k| rs.iter().any(|r| r.tables.figure(k).is_some()))
            .filter_map(|k| labels.iter().find(|(key, _)| key == k).cloned())
            .collect()
    };
    let figures = keys
        .into_iter()
        .map(|(key, label)| {
            let values: Vec<Option<Num>> = rs.iter().map(|r| num(r, &key)).collect();
            let changes = (0..values.len())
                .map(|i| {
                    if i == 0 {
                        None
                    } else {
                        delta(values[i - 1], values[i])
                    }
                })
                .collect();
            FigureSeries {
                key,
                label,
                values,
                changes,
            }
        })
        .collect();
    let mut cross_checks = Vec::new();
    let mut similarity = Vec::new();
    for w in rs.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        let (Some(py), Some(cy)) = (prev.year, cur.year) else {
            continue;
        };
        cross_checks.push(carried_over_continuity(prev, cur, py, cy));
        cross_checks.push(in_force_continuity(prev, cur, py, cy));
        let (a, b) = (
            shingles(&super::similarity::prose(prev)),
            shingles(&super::similarity::prose(cur)),
        );
        similarity.push(YearSimilarity {
            from: py,
            to: cy,
            similarity: round3(jaccard(&a, &b)),
            reused: round3(super::similarity::containment(&b, &a)),
        });
    }
    Timeline {
        agency: agency.to_string(),
        years: rs.iter().filter_map(|r| r.year).collect(),
        sources: rs.iter().map(|r| r.source.clone()).collect(),
        agencies: rs
            .iter()
            .map(|r| r.agency.clone().unwrap_or_default())
            .collect(),
        figures,
        cross_checks,
        similarity,
    }
}

fn skipped(rule: &str, from: i32, to: i32, why: String) -> CrossCheck {
    CrossCheck {
        rule: rule.into(),
        from,
        to,
        status: CheckStatus::Skipped,
        detail: format!("skipped: {why}"),
        cells: vec![],
    }
}

fn fmt(v: f64) -> String {
    Num(v).to_string()
}

/// This year's 上年结转 equals last year's 结转下年度, in every applicant column both print
/// (skipped unless `cy` = `py` + 1).
pub fn carried_over_continuity(prev: &Report, cur: &Report, py: i32, cy: i32) -> CrossCheck {
    const RULE: &str = "carried_over_continuity";
    if cy != py + 1 {
        return skipped(RULE, py, cy, format!("no report for {}", gap(py, cy)));
    }
    let (Some(pt), Some(ct)) = (prev.tables.requests.as_ref(), cur.tables.requests.as_ref()) else {
        return skipped(RULE, py, cy, "table 三 missing on one side".into());
    };
    let mut fails = Vec::new();
    let mut shown = Vec::new();
    let mut cells = Vec::new();
    for c in REQUEST_COLUMNS {
        let a = pt.get("carried_forward").and_then(|r| r.get(c.key));
        let b = ct.get("carried_over").and_then(|r| r.get(c.key));
        let (Some(a), Some(b)) = (a, b) else { continue };
        if c.key == "total" && (a.is_none() || b.is_none()) {
            continue;
        }
        let (a, b) = (a.map_or(0.0, |n| n.0), b.map_or(0.0, |n| n.0));
        cells.push(format!("{py}:requests.carried_forward.{}", c.key));
        cells.push(format!("{cy}:requests.carried_over.{}", c.key));
        let s = format!("{}: {} → {}", c.key, fmt(a), fmt(b));
        if (a - b).abs() > 1e-9 {
            fails.push(s.clone());
        }
        if c.key == "total" {
            shown.push(s);
        }
    }
    if cells.is_empty() {
        return skipped(RULE, py, cy, "the rows are not printed".into());
    }
    let (status, detail) = if fails.is_empty() {
        (
            CheckStatus::Pass,
            format!("{py} 结转下年度 = {cy} 上年结转 ({})", shown.join("; ")),
        )
    } else {
        (
            CheckStatus::Fail,
            format!("{py} 结转下年度 ≠ {cy} 上年结转: {}", fails.join("; ")),
        )
    };
    CrossCheck {
        rule: RULE.into(),
        from: py,
        to: cy,
        status,
        detail,
        cells,
    }
}

/// 2021 format: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for 规章 and 规范性文件.
fn in_force_continuity(prev: &Report, cur: &Report, py: i32, cy: i32) -> CrossCheck {
    const RULE: &str = "in_force_continuity";
    if cy != py + 1 {
        return skipped(RULE, py, cy, format!("no report for {}", gap(py, cy)));
    }
    if prev.template != Some(Template::Y2021) || cur.template != Some(Template::Y2021) {
        return skipped(RULE, py, cy, "both years must use the 2021 format".into());
    }
    let mut parts = Vec::new();
    let mut fails = Vec::new();
    let mut cells = Vec::new();
    for row in ["rules", "normative_documents"] {
        let k = |col: &str| format!("disclosure.{row}.{col}");
        let (Some(before), Some(now)) = (
            prev.tables.figure(&k("in_force")),
            cur.tables.figure(&k("in_force")),
        ) else {
            continue;
        };
        let issued = cur.tables.figure(&k("issued")).unwrap_or(0.0);
        let repealed = cur.tables.figure(&k("repealed")).unwrap_or(0.0);
        let expect = before + issued - repealed;
        cells.extend([
            format!("{py}:{}", k("in_force")),
            format!("{cy}:{}", k("issued")),
            format!("{cy}:{}", k("repealed")),
            format!("{cy}:{}", k("in_force")),
        ]);
        let s = format!(
            "{row}: {}+{}−{} = {} vs {}",
            fmt(before),
            fmt(issued),
            fmt(repealed),
            fmt(expect),
            fmt(now)
        );
        if (expect - now).abs() > 1e-9 {
            fails.push(s.clone());
        }
        parts.push(s);
    }
    if cells.is_empty() {
        return skipped(RULE, py, cy, "现行有效 is not printed in both years".into());
    }
    CrossCheck {
        rule: RULE.into(),
        from: py,
        to: cy,
        status: if fails.is_empty() {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        },
        detail: parts.join("; "),
        cells,
    }
}

fn gap(py: i32, cy: i32) -> String {
    if cy == py + 2 {
        format!("{}", py + 1)
    } else {
        format!("{}–{}", py + 1, cy - 1)
    }
}

/// The reports of the one agency `name` designates: an exact agency name, or a part of the
/// names of exactly one agency (in simplified or traditional). One agency is one
/// [`crate::model::identity`]: its reports under every name it printed (淮安市洪泽区人民政府 and
/// 洪泽区人民政府). Returns the name of its latest report and its reports by year; an ambiguous
/// name lists the candidates.
pub fn resolve_agency<'a>(
    reports: &'a [Report],
    name: &str,
) -> Result<(String, Vec<&'a Report>), String> {
    let want = crate::ingest::normalize::normalize_str(name.trim());
    if want.is_empty() {
        return Err("an empty agency name".into());
    }
    let identities = |pick: &dyn Fn(&str) -> bool| -> BTreeMap<String, Vec<&'a Report>> {
        let mut by: BTreeMap<String, Vec<&'a Report>> = BTreeMap::new();
        for r in reports {
            if let (Some(a), Some(id)) = (r.agency.as_deref(), r.agency_identity()) {
                if pick(a) {
                    by.entry(id).or_default().push(r);
                }
            }
        }
        by
    };
    let mut cands = identities(&|a| a == want);
    if cands.is_empty() {
        cands = identities(&|a| a.contains(want.as_str()));
    }
    let latest_name = |rs: &[&Report]| -> String {
        rs.iter()
            .max_by(|a, b| a.year.cmp(&b.year).then(b.source.cmp(&a.source)))
            .and_then(|r| r.agency.clone())
            .unwrap_or_default()
    };
    let chosen = match cands.len() {
        0 => return Err(format!("no indexed agency matches '{name}'")),
        1 => cands.into_keys().next().expect("one candidate"),
        n => {
            let mut shown: Vec<String> = cands.values().map(|rs| latest_name(rs)).collect();
            shown.sort();
            shown.truncate(12);
            return Err(format!(
                "'{name}' matches {n} agencies: {}{}; be more specific",
                shown.join(", "),
                if n > 12 { ", …" } else { "" }
            ));
        }
    };
    let mut mine: Vec<&Report> = reports
        .iter()
        .filter(|r| r.agency_identity().as_deref() == Some(chosen.as_str()))
        .collect();
    mine.sort_by(|a, b| a.year.cmp(&b.year).then(a.source.cmp(&b.source)));
    Ok((latest_name(&mine), mine))
}

/// The report `AGENCY:YEAR` (or `AGENCY` when the agency has one report) designates.
pub fn resolve<'a>(reports: &'a [Report], spec: &str) -> Result<&'a Report, String> {
    let (name, year) = split_spec(spec)?;
    let (agency, mine) = resolve_agency(reports, name)?;
    let years = || {
        mine.iter()
            .map(|r| r.year.map_or("?".into(), |y| y.to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match year {
        Some(y) => mine
            .iter()
            .copied()
            .find(|r| r.year == Some(y))
            .ok_or_else(|| format!("{agency} has no report for {y} (indexed: {})", years())),
        None if mine.len() == 1 => Ok(mine[0]),
        None => Err(format!(
            "{agency} has reports for {}: say which, e.g. {name}:{}",
            years(),
            mine.last().and_then(|r| r.year).unwrap_or(0)
        )),
    }
}

/// `广州:2022` → ("广州", Some(2022)); a full-width colon works too.
pub fn split_spec(spec: &str) -> Result<(&str, Option<i32>), String> {
    let spec = spec.trim();
    match spec.rsplit_once([':', '：']) {
        Some((name, y)) if !y.trim().is_empty() => {
            let year = y
                .trim()
                .parse::<i32>()
                .map_err(|_| format!("'{spec}': expected AGENCY:YEAR, and '{y}' is not a year"))?;
            Ok((name, Some(year)))
        }
        Some((name, _)) => Ok((name, None)),
        None => Ok((spec, None)),
    }
}
