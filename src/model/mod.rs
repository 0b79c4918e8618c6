//! The parsed report: the types of `spec/report-json.md` (in this repository) and their serde form.
//!
//! Everything above this module (parser, index, analyses, printers) speaks these types. Keys are
//! the spec's stable English identifiers; Chinese labels live in [`template`].

pub mod identity;
pub mod json;
pub mod template;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One parsed report, exactly the JSON contract plus the additive `provenance` object.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub source: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub published: Option<String>,
    pub region: Region,
    pub template: Option<Template>,
    /// The agency's level of government, from its name and region (additive to the spec).
    #[serde(default)]
    pub level: Option<Level>,
    /// A government (人民政府, 管委会, 街道办事处) or one of its departments (additive to the spec).
    #[serde(default)]
    pub kind: Option<AgencyKind>,
    pub sections: Vec<Section>,
    pub tables: Tables,
    pub problems: Problems,
    pub checks: Vec<Check>,
    pub warnings: Vec<String>,
    #[serde(default)]
    pub provenance: Provenance,
}

impl Report {
    /// Who wrote the report, for "the same agency" across years ([`identity`]); None when the
    /// agency is unknown.
    pub fn agency_identity(&self) -> Option<String> {
        let a = self.agency.as_deref()?;
        Some(identity::identity(
            a,
            self.region.province.as_deref(),
            self.region.city.as_deref(),
        ))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Region {
    pub province: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
}

impl Region {
    /// "广东省 江门市 台山市", skipping unknown parts.
    pub fn display(&self) -> String {
        let parts: Vec<&str> = [&self.province, &self.city, &self.county]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect();
        let mut out: Vec<&str> = Vec::new();
        for p in parts {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
        out.join(" ")
    }
}

/// The level of government an agency belongs to. A municipality (直辖市) is province-level and
/// its 区/县 county-level; a county-level city (县级市) is county-level; 乡/镇/街道 are township.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    City,
    County,
    Township,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
        }
    }

    pub const ALL: [Level; 4] = [Level::Province, Level::City, Level::County, Level::Township];

    pub fn from_key(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The level as the web page names it.
    pub fn chinese(self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::City => "市级",
            Level::County => "县级",
            Level::Township => "乡镇级",
        }
    }
}

/// A people's government (or the body that governs a zone or a 街道 as one), or a department
/// of one (局, 委员会, 办公厅…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Government,
    Department,
}

impl AgencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Government => "government",
            AgencyKind::Department => "department",
        }
    }

    pub const ALL: [AgencyKind; 2] = [AgencyKind::Government, AgencyKind::Department];

    pub fn from_key(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind as the web page names it.
    pub fn chinese(self) -> &'static str {
        match self {
            AgencyKind::Government => "人民政府",
            AgencyKind::Department => "政府部门",
        }
    }
}

/// Which statistical template the tables follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// 国办公开办函〔2019〕60号 format.
    Y2019,
    /// 国办公开办函〔2021〕30号 format.
    Y2021,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Y2019 => "2019",
            Template::Y2021 => "2021",
        }
    }
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "2019" => Ok(Template::Y2019),
            "2021" => Ok(Template::Y2021),
            other => Err(serde::de::Error::custom(format!(
                "unknown template {other}"
            ))),
        }
    }
}

/// The twelve section kinds of the spec, in canonical document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Preamble,
    Overview,
    Proactive,
    OnRequest,
    Management,
    Platforms,
    Oversight,
    DisclosureTable,
    RequestsTable,
    ReviewLitigationTable,
    Problems,
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 12] = [
        SectionKind::Preamble,
        SectionKind::Overview,
        SectionKind::Proactive,
        SectionKind::OnRequest,
        SectionKind::Management,
        SectionKind::Platforms,
        SectionKind::Oversight,
        SectionKind::DisclosureTable,
        SectionKind::RequestsTable,
        SectionKind::ReviewLitigationTable,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// One of the three statistical tables' parts (二, 三, 四).
    pub fn is_table(self) -> bool {
        (SectionKind::DisclosureTable..=SectionKind::ReviewLitigationTable).contains(&self)
    }

    /// The spec's key, e.g. `on_request`.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Preamble => "preamble",
            SectionKind::Overview => "overview",
            SectionKind::Proactive => "proactive",
            SectionKind::OnRequest => "on_request",
            SectionKind::Management => "management",
            SectionKind::Platforms => "platforms",
            SectionKind::Oversight => "oversight",
            SectionKind::DisclosureTable => "disclosure_table",
            SectionKind::RequestsTable => "requests_table",
            SectionKind::ReviewLitigationTable => "review_litigation_table",
            SectionKind::Problems => "problems",
            SectionKind::Other => "other",
        }
    }

    /// The spec's Chinese name, e.g. `依申请公开`.
    pub fn chinese(self) -> &'static str {
        match self {
            SectionKind::Preamble => "前言",
            SectionKind::Overview => "总体情况",
            SectionKind::Proactive => "主动公开",
            SectionKind::OnRequest => "依申请公开",
            SectionKind::Management => "政府信息管理",
            SectionKind::Platforms => "平台建设",
            SectionKind::Oversight => "监督保障",
            SectionKind::DisclosureTable => "主动公开政府信息情况",
            SectionKind::RequestsTable => "收到和处理政府信息公开申请情况",
            SectionKind::ReviewLitigationTable => "行政复议、行政诉讼情况",
            SectionKind::Problems => "存在的主要问题及改进情况",
            SectionKind::Other => "其他需要报告的事项",
        }
    }

    /// Parse a user-typed kind: the key, the Chinese name, or a common short name (问题, 平台).
    pub fn from_user(name: &str) -> Option<SectionKind> {
        let n = name.trim();
        if let Some(k) = Self::ALL.iter().find(|k| k.key() == n || k.chinese() == n) {
            return Some(*k);
        }
        let aliases: &[(&str, SectionKind)] = &[
            ("前言", SectionKind::Preamble),
            ("总体", SectionKind::Overview),
            ("依申请", SectionKind::OnRequest),
            ("信息管理", SectionKind::Management),
            ("管理", SectionKind::Management),
            ("平台", SectionKind::Platforms),
            ("监督", SectionKind::Oversight),
            ("保障", SectionKind::Oversight),
            ("表二", SectionKind::DisclosureTable),
            ("表三", SectionKind::RequestsTable),
            ("表四", SectionKind::ReviewLitigationTable),
            ("复议", SectionKind::ReviewLitigationTable),
            ("诉讼", SectionKind::ReviewLitigationTable),
            ("问题", SectionKind::Problems),
            ("问题及改进", SectionKind::Problems),
            ("存在的主要问题", SectionKind::Problems),
            ("改进", SectionKind::Problems),
            ("其他", SectionKind::Other),
            ("其他事项", SectionKind::Other),
            ("problem", SectionKind::Problems),
        ];
        aliases.iter().find(|(a, _)| *a == n).map(|(_, k)| *k)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Section {
    pub kind: SectionKind,
    pub title: Option<String>,
    pub text: String,
}

/// A figure as printed: an integer count or an amount. Serialises as a JSON integer when it is one.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Num(pub f64);

impl Num {
    pub fn is_integral(self) -> bool {
        self.0.fract() == 0.0 && self.0.abs() < 1e15
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_integral() {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_integral() {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Num)
    }
}

/// A map in insertion order whose keys are hashed with FxHash: its keys are the template's own
/// figure keys, never chosen by a report, and SipHash over them was a few per cent of parsing.
pub type KeyMap<V> = IndexMap<String, V, rustc_hash::FxBuildHasher>;

/// One table row: column key → value (null = blank cell).
pub type Row = KeyMap<Option<Num>>;

/// One statistical table: row key → column key → value (null = blank cell).
pub type Table = KeyMap<Row>;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Tables {
    pub disclosure: Option<Table>,
    pub requests: Option<Table>,
    pub review_litigation: Option<Table>,
}

impl Tables {
    pub fn get(&self, table: &str) -> Option<&Table> {
        match table {
            "disclosure" => self.disclosure.as_ref(),
            "requests" => self.requests.as_ref(),
            "review_litigation" => self.review_litigation.as_ref(),
            _ => None,
        }
    }

    /// The value of a dotted figure key such as `requests.new_received.total`.
    /// `None` when the table, row or cell is absent or the cell is blank.
    pub fn figure(&self, key: &str) -> Option<f64> {
        let mut parts = key.splitn(3, '.');
        let (t, r, c) = (parts.next()?, parts.next()?, parts.next()?);
        self.get(t)?.get(r)?.get(c)?.map(|n| n.0)
    }

    /// Every printed cell as (dotted key, value), in table order.
    pub fn cells(&self) -> Vec<(String, Option<Num>)> {
        let mut out = Vec::new();
        self.for_each_cell(|table, row, col, v| {
            let mut key = String::with_capacity(table.len() + row.len() + col.len() + 2);
            for (i, part) in [table, row, col].into_iter().enumerate() {
                if i > 0 {
                    key.push('.');
                }
                key.push_str(part);
            }
            out.push((key, v));
        });
        out
    }

    /// Every printed cell as (table, row, column, value), in table order, without building its
    /// dotted key (the index build visits ~200 cells a report).
    pub fn for_each_cell(&self, mut visit: impl FnMut(&str, &str, &str, Option<Num>)) {
        for (name, table) in [
            ("disclosure", &self.disclosure),
            ("requests", &self.requests),
            ("review_litigation", &self.review_litigation),
        ] {
            if let Some(t) = table {
                for (row, cols) in t {
                    for (col, v) in cols {
                        visit(name, row, col, *v);
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Problems {
    pub problems: Vec<String>,
    pub improvements: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Pass,
    Fail,
    Skipped,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Skipped => "skipped",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Check {
    pub rule: String,
    pub status: CheckStatus,
    pub detail: String,
    /// The figure keys the rule read (additive to the spec, see README "Provenance").
    #[serde(default)]
    pub cells: Vec<String>,
}

/// Where each figure and section is printed in the decoded source (additive to the spec).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Provenance {
    pub cells: KeyMap<CellSource>,
    pub sections: Vec<SectionSource>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Semantic {
    /// A non-zero number.
    Number,
    /// A printed zero.
    Zero,
    /// An empty cell.
    Blank,
    /// "/", "-", "—", "无", "不适用": not applicable, which is not blank.
    Na,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CellSource {
    /// Byte offset in the decoded source text where the printed cell starts.
    pub offset: usize,
    /// 1-based line of `offset` in the decoded source.
    pub line: usize,
    /// The cell exactly as printed: `source[offset..offset + raw.len()] == raw`.
    pub raw: String,
    pub semantic: Semantic,
    /// For a value recovered from a run of digits: how the run was split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
    /// For a PDF: the page (from 1) where the cell is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// For a PDF: the line on that page (from 1; page headers and footers not counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_line: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Split {
    /// The printed pieces the run was split into, in order.
    pub cells: Vec<String>,
    /// The sums that made this split the only possible one.
    pub sums: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SectionSource {
    pub kind: SectionKind,
    pub offset: usize,
    pub line: usize,
}
