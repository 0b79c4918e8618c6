//! Anomalies: the figures of a report that deserve a second look, each with its evidence (the
//! figure's key, its value, what it was expected to be, the source lines). Five rules:
//!
//! - **check** (high): one of the report's own arithmetic checks fails ([`super::checks`];
//!   `prose_requests` is left to the `prose` rule, which knows that many reports count last
//!   year's carried-over applications with this year's).
//! - **prose** (high): the text of 总体情况 / 依申请公开 states a count that no reading of table 三
//!   gives: 收到/接到/接收/受理/新收 … 政府信息公开申请 N 件 is neither 新收 nor 新收 + 上年结转;
//!   办理/办结/答复/处理 … 申请 N 件 is none of （七）总计, 新收, 新收 + 上年结转. A clause that
//!   starts with 其中 (a part, not the whole) is no claim.
//! - **carried_over** (medium): this year's 二、上年结转 ≠ the same agency's 四、结转下年度 of the
//!   year before ([`super::compare::carried_over_continuity`]).
//! - **jump** (medium): a year-over-year change of a key figure far outside its peers'
//!   ([`jumps`]).
//! - **copied** (low): more than [`COPIED_SHARE`] of the report's prose (tables excluded, 8-char
//!   shingles as in [`super::similarity`]) is found word for word in the same agency's previous
//!   report.
//!
//! Order: severity, then rule in the order above, then the size |value − expected| (largest
//! first), then source.

use std::borrow::Cow;

use super::compare::carried_over_continuity;
use super::similarity;
use crate::model::template::{self, REQUEST_COLUMNS, REVIEW_COLUMNS};
use crate::model::{CheckStatus, Num, Report, SectionKind};
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// |z| above which a year-over-year change is a jump.
pub const JUMP_Z: f64 = 3.5;
/// A jump also changes the figure by at least this much (1 → 3 is not news).
pub const JUMP_FLOOR: f64 = 20.0;
/// The spread (1.4826 × MAD of the log ratios) is at least this: peers that all stay exactly
/// the same do not make every small change infinite.
pub const JUMP_MIN_SCALE: f64 = 0.25;
/// Peers' log ratios needed (for a key and year) before any change is called a jump.
pub const JUMP_MIN_PEERS: usize = 5;
/// The agency's own earlier log ratios needed before its history is also asked.
pub const JUMP_MIN_HISTORY: usize = 2;
/// Share of the prose found in the previous report above which it is copied.
pub const COPIED_SHARE: f64 = 0.8;
/// Reports with less prose than this (characters) are not judged copied.
pub const COPIED_MIN_CHARS: usize = 200;

/// The rule that found an anomaly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Check,
    Prose,
    CarriedOver,
    Jump,
    Copied,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Check,
        Kind::Prose,
        Kind::CarriedOver,
        Kind::Jump,
        Kind::Copied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Check => "check",
            Kind::Prose => "prose",
            Kind::CarriedOver => "carried_over",
            Kind::Jump => "jump",
            Kind::Copied => "copied",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Kind::Check | Kind::Prose => Severity::High,
            Kind::CarriedOver | Kind::Jump => Severity::Medium,
            Kind::Copied => Severity::Low,
        }
    }
}

/// How serious: `high` the report contradicts itself, `medium` it contradicts its previous
/// report or its peers, `low` its text is not its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// One anomaly of one report. `value` is the report's figure of `key` (for `check`, the printed
/// total the check tests; for `copied`, the share of its prose found in the previous report),
/// `expected` what the evidence says it should be (what the parts add up to, the prose's count,
/// last year's 结转下年度, last year's value); `lines` are the source lines of the evidence in
/// this report (figures' cells, the headings of the sections of prose).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anomaly {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub source: String,
    pub kind: Kind,
    pub severity: Severity,
    pub key: String,
    pub value: Option<Num>,
    pub expected: Option<Num>,
    pub detail: String,
    pub lines: Vec<usize>,
}

impl Anomaly {
    fn of(r: &Report, kind: Kind, key: &str, value: Option<f64>, expected: Option<f64>) -> Self {
        Anomaly {
            agency: r.agency.clone(),
            year: r.year,
            source: r.source.clone(),
            kind,
            severity: kind.severity(),
            key: key.to_string(),
            value: value.map(Num),
            expected: expected.map(Num),
            detail: String::new(),
            lines: Vec::new(),
        }
    }

    /// |value − expected|, 0 when either is unknown.
    pub fn size(&self) -> f64 {
        match (self.value, self.expected) {
            (Some(v), Some(e)) => (v.0 - e.0).abs(),
            _ => 0.0,
        }
    }
}

/// Most serious first (see the module doc).
pub fn sort(list: &mut [Anomaly]) {
    list.sort_by(|a, b| {
        (a.severity, a.kind)
            .cmp(&(b.severity, b.kind))
            .then(b.size().total_cmp(&a.size()))
            .then(a.source.cmp(&b.source))
            .then(a.key.cmp(&b.key))
    });
}

fn line(r: &Report, key: &str) -> Option<usize> {
    r.provenance.cells.get(key).map(|c| c.line)
}

fn lines_of<'a>(r: &Report, keys: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let mut out: Vec<usize> = keys.into_iter().filter_map(|k| line(r, k)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The failed checks of the report (but `prose_requests`: see the module doc). The key is
/// `check:RULE`, value and expected the two sides of the failing sum (see [`check_numbers`]),
/// the lines those of the cells of the failing columns or rows.
pub fn from_checks(r: &Report) -> Vec<Anomaly> {
    r.checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail && c.rule != "prose_requests")
        .map(|c| {
            // A failure names what failed before a colon: "total: …; natural_person: …" or
            // "new_received: …"; the cells of those columns or rows are the evidence.
            let named: Vec<&str> = c
                .detail
                .split("; ")
                .filter_map(|p| p.split_once(": ").map(|(n, _)| n.trim()))
                .collect();
            let failing: Vec<&str> = c
                .cells
                .iter()
                .map(String::as_str)
                .filter(|k| k.split('.').skip(1).any(|part| named.contains(&part)))
                .collect();
            let keys = if failing.is_empty() {
                c.cells.iter().map(String::as_str).collect()
            } else {
                failing
            };
            let (value, expected) = check_numbers(r, &c.rule, &named).unzip();
            let key = format!("check:{}", c.rule);
            let mut a = Anomaly::of(r, Kind::Check, &key, value, expected);
            a.detail = c.detail.clone();
            a.lines = lines_of(r, keys);
            a
        })
        .collect()
}

/// The two sides of a failed check, in its total column when that fails (else the first
/// failing column or row it names): (the printed total it tests, what its parts add up to) —
/// balance: (（七）总计 + 结转下年度, 新收 + 上年结转); results_sum: (（七）总计, Σ result rows);
/// column_total: (the row's 总计, Σ applicant columns); table 四: (总计, Σ four results).
fn check_numbers(r: &Report, rule: &str, named: &[&str]) -> Option<(f64, f64)> {
    let fig = |k: String| r.tables.figure(&k).unwrap_or(0.0);
    let req = |row: &str, col: &str| fig(format!("requests.{row}.{col}"));
    let col = if named.contains(&"total") {
        Some("total")
    } else {
        named.first().copied()
    };
    match rule {
        "balance" => {
            let col = col?;
            Some((
                req("total_processed", col) + req("carried_forward", col),
                req("new_received", col) + req("carried_over", col),
            ))
        }
        "results_sum" => {
            let col = col?;
            let table = r.tables.requests.as_ref()?;
            let printed = |k: &str| table.get(k).is_some_and(|c| c.contains_key("total"));
            let rows = template::request_result_rows_as_printed(r.template?, printed);
            let sum = rows.iter().map(|row| req(row.key, col)).sum();
            Some((req("total_processed", col), sum))
        }
        "column_total" => {
            let row = named.first()?;
            let sum = REQUEST_COLUMNS[..6].iter().map(|c| req(row, c.key)).sum();
            Some((req(row, "total"), sum))
        }
        "review_total" | "litigation_direct_total" | "litigation_after_review_total" => {
            let group = rule.trim_end_matches("_total");
            let cell = |c: &str| fig(format!("review_litigation.{group}.{c}"));
            let sum = REVIEW_COLUMNS[..4].iter().map(|c| cell(c.key)).sum();
            Some((cell("total"), sum))
        }
        _ => None,
    }
}

/// A count the prose states.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Received (收到 …) or processed (办理 …).
    pub processed: bool,
    pub n: f64,
    /// The words as printed.
    pub text: String,
}

/// The counts of applications a text states (see the module doc for the patterns).
pub fn prose_claims(text: &str) -> Vec<Claim> {
    static RES: OnceLock<[Regex; 2]> = OnceLock::new();
    let [received, processed] = RES.get_or_init(|| {
        let noun = r"(?:政府信息公开申请|信息公开申请|依申请公开申请|依申请公开事项|依申请公开信息|依申请公开)";
        let tail = r"[^。；，,\d]{0,2}?(\d+)\s*(?:件|个|条|份|宗)";
        [
            Regex::new(&format!(r"(?:收到|接到|接收|受理|新收)(?:各类|群众|公众)?{noun}{tail}")).unwrap(),
            Regex::new(&format!(r"(?:办理|办结|答复|处理)了?{noun}{tail}")).unwrap(),
        ]
    });
    let mut out = Vec::new();
    for (re, is_processed) in [(received, false), (processed, true)] {
        for c in re.captures_iter(text) {
            let m = c.get(0).unwrap();
            // The clause before the claim: 其中 makes it a part of a whole.
            let clause_start = text[..m.start()]
                .rfind(['。', '；', '，', ',', ';', '\n'])
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            if text[clause_start..m.start()].contains("其中") {
                continue;
            }
            let Ok(n) = c[1].parse::<f64>() else { continue };
            out.push(Claim {
                processed: is_processed,
                n,
                text: m.as_str().to_string(),
            });
        }
    }
    out
}

/// Prose that contradicts table 三 (see the module doc): one anomaly per contradicting claim.
pub fn from_prose(r: &Report) -> Vec<Anomaly> {
    let fig = |row: &str| r.tables.figure(&format!("requests.{row}.total"));
    let (Some(new), carried) = (fig("new_received"), fig("carried_over")) else {
        return Vec::new();
    };
    let with_carried = carried.map(|c| new + c);
    let processed = fig("total_processed");
    let mut out = Vec::new();
    for kind in [SectionKind::Overview, SectionKind::OnRequest] {
        let heading = r
            .provenance
            .sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.line);
        for claim in prose_claims(&similarity::section_text(r, kind)) {
            let (key, value, fits) = if claim.processed {
                let Some(p) = processed else { continue };
                let fits = [Some(p), Some(new), with_carried];
                ("requests.total_processed.total", p, fits)
            } else {
                (
                    "requests.new_received.total",
                    new,
                    [Some(new), with_carried, None],
                )
            };
            if fits.iter().flatten().any(|v| (v - claim.n).abs() < 1e-9) {
                continue;
            }
            let mut a = Anomaly::of(r, Kind::Prose, key, Some(value), Some(claim.n));
            let also =
                with_carried.map_or(String::new(), |w| format!(", 新收 + 上年结转 {}", Num(w)));
            a.detail = if claim.processed {
                format!(
                    "{} '{}' states {}, table 三 says （七）总计 {}, 新收 {}{also}",
                    kind.chinese(),
                    claim.text,
                    Num(claim.n),
                    Num(value),
                    Num(new)
                )
            } else {
                format!(
                    "{} '{}' states {}, table 三 says 新收 {}{also}",
                    kind.chinese(),
                    claim.text,
                    Num(claim.n),
                    Num(value)
                )
            };
            a.lines = heading.into_iter().chain(line(r, key)).collect();
            a.lines.sort_unstable();
            a.lines.dedup();
            out.push(a);
        }
    }
    out
}

/// This year's 上年结转 against `prev`'s 结转下年度 (the same agency's report of the year before;
/// nothing when it is not exactly the year before or a row is not printed). The key is the
/// total column's, or else the first applicant column that differs.
pub fn carried_over(prev: &Report, cur: &Report) -> Option<Anomaly> {
    let (py, cy) = (prev.year?, cur.year?);
    let check = carried_over_continuity(prev, cur, py, cy);
    if check.status != CheckStatus::Fail {
        return None;
    }
    let cols = std::iter::once("total").chain(REQUEST_COLUMNS.iter().map(|c| c.key));
    let (key, now, before) = cols
        .filter_map(|c| {
            let now = cur.tables.figure(&format!("requests.carried_over.{c}"));
            let before = prev.tables.figure(&format!("requests.carried_forward.{c}"));
            let (n, b) = (now.unwrap_or(0.0), before.unwrap_or(0.0));
            let printed = now.is_some() || before.is_some();
            (printed && (n - b).abs() > 1e-9).then(|| (format!("requests.carried_over.{c}"), n, b))
        })
        .next()?;
    let mut a = Anomaly::of(cur, Kind::CarriedOver, &key, Some(now), Some(before));
    let prev_line = line(prev, &key.replace("carried_over", "carried_forward"))
        .map_or(String::new(), |l| format!(" L{l}"));
    a.detail = format!("{} ({}{prev_line})", check.detail, prev.source);
    a.lines = lines_of(cur, [key.as_str()]);
    Some(a)
}

/// The report's prose against `prev`'s (the same agency's latest earlier report): copied when
/// more than [`COPIED_SHARE`] of it is found there.
pub fn copied(prev: &Report, cur: &Report) -> Option<Anomaly> {
    let text = similarity::prose(cur);
    let chars = super::compare::count_chars(&text);
    if chars < COPIED_MIN_CHARS {
        return None;
    }
    let share = similarity::containment(
        &similarity::shingles(&text),
        &similarity::shingles(&similarity::prose(prev)),
    );
    if share <= COPIED_SHARE {
        return None;
    }
    let share = similarity::round3(share);
    let mut a = Anomaly::of(cur, Kind::Copied, "prose", Some(share), None);
    a.detail = format!(
        "{:.0}% of its prose ({chars} characters) is found word for word in {} {} ({})",
        share * 100.0,
        prev.agency.as_deref().unwrap_or("?"),
        prev.year.map_or("?".into(), |y| y.to_string()),
        prev.source
    );
    let is_prose = |k: SectionKind| {
        !matches!(
            k,
            SectionKind::DisclosureTable
                | SectionKind::RequestsTable
                | SectionKind::ReviewLitigationTable
        )
    };
    a.lines = cur
        .provenance
        .sections
        .iter()
        .filter(|s| is_prose(s.kind))
        .map(|s| s.line)
        .collect();
    a.lines.dedup();
    Some(a)
}

/// One report's key figures, for [`jumps`]: borrowed from the report rows where it can be (a
/// copy per report of its agency and figures was a fifth of `anomalies`' memory at 10⁶).
#[derive(Debug, Clone, PartialEq)]
pub struct Point<'a> {
    pub agency: Cow<'a, str>,
    pub year: i32,
    /// In the order of the keys given to [`jumps`].
    pub values: Cow<'a, [Option<f64>]>,
}

/// A year-over-year change found far outside the peers'.
#[derive(Debug, Clone, PartialEq)]
pub struct Jump {
    /// The point (the later year's report).
    pub point: usize,
    pub key: usize,
    pub value: f64,
    pub previous: f64,
    /// The robust z of the log ratio among the peers'.
    pub z: f64,
    /// The peers' log ratios (the agency's own included) for this key and year.
    pub peers: usize,
    /// The peers' median ratio x_t+1 / x_{t−1}+1.
    pub median_ratio: f64,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    super::rank::quantile(v, 0.5).unwrap_or(0.0)
}

/// (median, spread) of log ratios: spread = max(1.4826 × MAD, [`JUMP_MIN_SCALE`]).
fn robust(ratios: &[f64]) -> (f64, f64) {
    let mut v = ratios.to_vec();
    let m = median(&mut v);
    let mut dev: Vec<f64> = v.iter().map(|x| (x - m).abs()).collect();
    (m, (1.4826 * median(&mut dev)).max(JUMP_MIN_SCALE))
}

/// Year-over-year jumps. For each key and year t, every agency with a value in t and in t − 1
/// (exactly one year before; the first point of an agency-year counts) gives the log ratio
/// r = ln((x_t + 1) / (x_{t−1} + 1)). With at least [`JUMP_MIN_PEERS`] of them, a change is a
/// jump when z = (r − median) / max(1.4826 × MAD, [`JUMP_MIN_SCALE`]) has |z| > [`JUMP_Z`],
/// |x_t − x_{t−1}| ≥ [`JUMP_FLOOR`], and — when the agency has at least [`JUMP_MIN_HISTORY`]
/// log ratios of other years for the key — r is as far outside its own history by the same
/// rule.
pub fn jumps(points: &[Point], nkeys: usize) -> Vec<Jump> {
    let mut at: HashMap<(&str, i32), usize> = HashMap::new();
    for (i, p) in points.iter().enumerate() {
        at.entry((p.agency.as_ref(), p.year)).or_insert(i);
    }
    let mut out = Vec::new();
    for k in 0..nkeys {
        // (year → [(point, r, x_t, x_{t−1})]) and (agency → [(year, r)]).
        let mut by_year: HashMap<i32, Vec<(usize, f64, f64, f64)>> = HashMap::new();
        let mut by_agency: HashMap<&str, Vec<(i32, f64)>> = HashMap::new();
        for (&(agency, year), &i) in &at {
            let Some(&j) = at.get(&(agency, year - 1)) else {
                continue;
            };
            let (Some(x), Some(px)) = (points[i].values[k], points[j].values[k]) else {
                continue;
            };
            let r = ((x + 1.0) / (px + 1.0)).ln();
            by_year.entry(year).or_default().push((i, r, x, px));
            by_agency.entry(agency).or_default().push((year, r));
        }
        for list in by_year.values() {
            if list.len() < JUMP_MIN_PEERS {
                continue;
            }
            let ratios: Vec<f64> = list.iter().map(|t| t.1).collect();
            let (m, s) = robust(&ratios);
            for &(i, r, x, px) in list {
                let z = (r - m) / s;
                if z.abs() <= JUMP_Z || (x - px).abs() < JUMP_FLOOR {
                    continue;
                }
                let own: Vec<f64> = by_agency[points[i].agency.as_ref()]
                    .iter()
                    .filter(|(y, _)| *y != points[i].year)
                    .map(|t| t.1)
                    .collect();
                if own.len() >= JUMP_MIN_HISTORY {
                    let (om, os) = robust(&own);
                    if ((r - om) / os).abs() <= JUMP_Z {
                        continue;
                    }
                }
                out.push(Jump {
                    point: i,
                    key: k,
                    value: x,
                    previous: px,
                    z,
                    peers: list.len(),
                    median_ratio: m.exp(),
                });
            }
        }
    }
    out.sort_by_key(|j| (j.point, j.key));
    out
}

/// The anomaly of a jump, on its report (for the line of its cell).
pub fn from_jump(r: &Report, j: &Jump, key: &str) -> Anomaly {
    let mut a = Anomaly::of(r, Kind::Jump, key, Some(j.value), Some(j.previous));
    let year = r.year.map_or("?".into(), |y| y.to_string());
    let before = r.year.map_or("?".into(), |y| (y - 1).to_string());
    a.detail = format!(
        "{} in {year} after {} in {before}: ×{:.1}, robust z {:.1} among {} agencies' changes (median ×{:.2})",
        Num(j.value),
        Num(j.previous),
        (j.value + 1.0) / (j.previous + 1.0),
        j.z,
        j.peers,
        j.median_ratio
    );
    a.lines = lines_of(r, [key]);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_read_whole_counts_not_parts() {
        let c = prose_claims("2022年，全区收到政府信息公开申请75件，涉及自然人72件");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].processed, c[0].n), (false, 75.0));
        assert_eq!(c[0].text, "收到政府信息公开申请75件");
        let c = prose_claims("全年共接到政府信息公开申请25件,其中我局受理并处理申请8件");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].n, 25.0);
        assert!(prose_claims("其中受理政府信息公开申请8件").is_empty());
        let c = prose_claims("答复政府信息公开申请805件(含上年度结转申请18件");
        assert_eq!((c[0].processed, c[0].n), (true, 805.0));
        assert_eq!(prose_claims("收到依申请公开事项1件")[0].n, 1.0);
        assert!(prose_claims("所有办结的信息公开申请中同意公开答复9件").is_empty());
    }

    fn pt(agency: &str, year: i32, v: f64) -> Point<'static> {
        Point {
            agency: agency.to_string().into(),
            year,
            values: vec![Some(v)].into(),
        }
    }

    #[test]
    fn a_jump_is_far_from_the_peers_and_large() {
        let mut points = Vec::new();
        for (i, a) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
            points.push(pt(a, 2021, 20.0 + i as f64));
            points.push(pt(a, 2022, 22.0 + i as f64));
        }
        points.push(pt("g", 2021, 25.0));
        points.push(pt("g", 2022, 250.0));
        // 1 → 3 is a large ratio but no news.
        points.push(pt("h", 2021, 1.0));
        points.push(pt("h", 2022, 3.0));
        let j = jumps(&points, 1);
        assert_eq!(j.len(), 1, "{j:?}");
        assert_eq!((j[0].point, j[0].value, j[0].previous), (13, 250.0, 25.0));
        assert_eq!(j[0].peers, 8);
        assert!(j[0].z > JUMP_Z);
        // Too few peers: nothing.
        assert!(jumps(&points[10..], 1).is_empty());
    }

    #[test]
    fn an_agency_that_always_grows_tenfold_is_not_news() {
        let mut points = Vec::new();
        for (i, a) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
            for y in 2019..=2022 {
                points.push(pt(a, y, 20.0 + i as f64));
            }
        }
        for (y, v) in [(2019, 2.0), (2020, 25.0), (2021, 260.0), (2022, 2600.0)] {
            points.push(pt("g", y, v));
        }
        assert!(jumps(&points, 1).is_empty());
    }

    #[test]
    fn order_is_severity_kind_then_size() {
        let a = |kind: Kind, key: &str, value: Option<f64>, expected: Option<f64>| Anomaly {
            agency: None,
            year: None,
            source: "x".into(),
            kind,
            severity: kind.severity(),
            key: key.into(),
            value: value.map(Num),
            expected: expected.map(Num),
            detail: String::new(),
            lines: vec![],
        };
        let mut v = vec![
            a(Kind::Copied, "prose", Some(0.9), None),
            a(Kind::Jump, "a", Some(100.0), Some(10.0)),
            a(Kind::Jump, "b", Some(300.0), Some(10.0)),
            a(Kind::Check, "check:balance", None, None),
        ];
        sort(&mut v);
        let keys: Vec<&str> = v.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["check:balance", "b", "a", "prose"]);
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    fn shipped(name: &str) -> Report {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name);
        crate::load_report(&p).unwrap()
    }

    #[test]
    fn failed_checks_carry_both_sides_of_the_sum() {
        let r = shipped("shanghai-chongming-ybj-2023.txt");
        let a = from_checks(&r);
        let got: Vec<(&str, Option<f64>, Option<f64>)> = a
            .iter()
            .map(|a| {
                (
                    a.key.as_str(),
                    a.value.map(|n| n.0),
                    a.expected.map(|n| n.0),
                )
            })
            .collect();
        // （七）总计 0 + 结转 0 against 新收 1 + 上年结转 0; （七）总计 0 against the result rows' 1.
        assert_eq!(
            got,
            [
                ("check:balance", Some(0.0), Some(1.0)),
                ("check:results_sum", Some(0.0), Some(1.0))
            ]
        );
    }

    #[test]
    fn prose_that_counts_last_years_applications_is_no_contradiction() {
        for f in ["pingtan-2022.txt", "shuyang-county-gov-2025.md"] {
            let r = shipped(f);
            assert!(
                r.checks
                    .iter()
                    .any(|c| c.rule == "prose_requests" && c.status == CheckStatus::Fail),
                "{f}"
            );
            assert!(from_prose(&r).is_empty(), "{f}");
            assert!(from_checks(&r).is_empty(), "{f}");
        }
    }
}
