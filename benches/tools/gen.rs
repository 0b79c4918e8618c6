//! Synthetic corpus generator for the benchmarks (deterministic with a seed).
//!
//! ```sh
//! cargo run --release --example gen -- --seed 1 --n 10000 --out /tmp/gk-10k
//! ```
//!
//! Each report is built like a real one and printed in one of the real layouts:
//! - metadata: an agency from a varied list of departments × a real division of
//!   `data/divisions.tsv` (county, prefecture or province level; past ~630,000 reports, township
//!   governments of the counties), a year 2019–2025 with the
//!   matching template (2019 format for 2019–2020 reports, 2021 format after), a publication date;
//!   every agency reports for each of the seven years, so no two reports share agency and year;
//! - prose: sentences of the shipped reports (`corpus/`, parsed with the library), recombined per
//!   section kind, with the years shifted to the report's year, plus generated figure sentences
//!   (the application count of 依申请公开 matches table 三, except in a few reports);
//! - tables 二/三/四 with the template's real labels and random but consistent figures (balance,
//!   result sums, column totals and table 四 totals hold, except in ~4% of the reports where one
//!   cell is off, as in real reports);
//! - layouts: `lines` (one cell per line, page chrome around it), `tab` (tab-separated rows with
//!   merged cells left empty), `pipe` (markdown headings and pipe tables) and `html` (a full site
//!   page with menus, breadcrumb, footer and scripts; tables with rowspan/colspan); ~12% of the
//!   `.txt`/`.html` files are GBK-encoded (`-gbk` in the name).
//!
//! Files go to `OUT/NNN/NNNNNN-<layout>[-gbk].<ext>`, 1000 per folder. The generator prints one
//! summary line (files, bytes, per-layout counts).

use gongkai::model::template::{self, RowDef};
use gongkai::model::{SectionKind, Template};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
    /// A skewed count: mostly small, sometimes large (log-uniform up to `max`).
    fn skewed(&mut self, max: i64) -> i64 {
        if self.chance(0.35) {
            return 0;
        }
        let e = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * ((max + 1) as f64).ln();
        (e.exp() as i64 - 1).clamp(0, max)
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs: sentences of the real corpus, divisions, agencies.

struct Pools {
    /// Sentences per section kind, with the year of the report they come from.
    by_kind: HashMap<SectionKind, Vec<(String, i64)>>,
}

fn split_sentences(text: &str) -> Vec<String> {
    let flat: String = text
        .chars()
        .filter(|c| *c != '\n' && *c != '\r')
        .collect::<String>();
    let mut out = Vec::new();
    for s in flat.split_inclusive('。') {
        let s = s.trim();
        let n = s.chars().count();
        if !(12..=400).contains(&n) || !s.ends_with('。') {
            continue;
        }
        // Sentences that state an application count would contradict table 三.
        if s.contains("申请") && s.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // Headings run into the text are not prose.
        if s.starts_with(['(', '（', '一', '二', '三', '四', '五', '六'])
            && (s.contains("存在的主要问题") || s.contains("改进情况"))
        {
            continue;
        }
        out.push(s.to_string());
    }
    out
}

fn load_pools(corpus: &Path) -> Pools {
    let mut by_kind: HashMap<SectionKind, Vec<(String, i64)>> = HashMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let Ok(r) = gongkai::load_report(&f) else {
            continue;
        };
        let year = r.year.unwrap_or(2022) as i64;
        for s in &r.sections {
            let v = by_kind.entry(s.kind).or_default();
            for sent in split_sentences(&s.text) {
                if !v.iter().any(|(x, _)| *x == sent) {
                    v.push((sent, year));
                }
            }
        }
    }
    // Kinds with too few sentences borrow from the overview.
    let overview = by_kind
        .get(&SectionKind::Overview)
        .cloned()
        .unwrap_or_default();
    for k in [
        SectionKind::Preamble,
        SectionKind::Overview,
        SectionKind::Proactive,
        SectionKind::OnRequest,
        SectionKind::Management,
        SectionKind::Platforms,
        SectionKind::Oversight,
        SectionKind::Problems,
        SectionKind::Other,
    ] {
        let v = by_kind.entry(k).or_default();
        if v.len() < 6 {
            v.extend(overview.iter().cloned());
        }
        if v.is_empty() {
            v.push((
                "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实做好政府信息公开工作。"
                    .into(),
                2022,
            ));
        }
    }
    Pools { by_kind }
}

struct Division {
    province: String,
    city: String,
    county: Option<String>,
}

fn load_divisions(path: &Path) -> Vec<Division> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut names: HashMap<String, String> = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((c, n)) = line.split_once('\t') {
            names.insert(c.to_string(), n.to_string());
        }
    }
    let skip = |n: &str| {
        n.contains("市辖区") || n == "县" || n.contains("直辖") || n.contains("自治区直辖")
    };
    let mut codes: Vec<&String> = names.keys().collect();
    codes.sort();
    let mut out = Vec::new();
    for c in codes {
        let n = &names[c];
        if skip(n) {
            continue;
        }
        let Some(prov) = names.get(&c[..2]) else {
            continue;
        };
        let municipality = matches!(&c[..2], "11" | "12" | "31" | "50");
        match c.len() {
            4 => out.push(Division {
                province: prov.clone(),
                city: n.clone(),
                county: None,
            }),
            6 => {
                let city = if municipality {
                    prov.clone()
                } else {
                    match names.get(&c[..4]) {
                        Some(city) if !skip(city) => city.clone(),
                        _ => continue,
                    }
                };
                out.push(Division {
                    province: prov.clone(),
                    city,
                    county: Some(n.clone()),
                })
            }
            _ => {}
        }
    }
    out
}

const DEPTS_LOCAL: &[&str] = &[
    "人民政府",
    "人民政府办公室",
    "医疗保障局",
    "教育局",
    "财政局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "水利局",
    "商务局",
    "文化广电旅游局",
    "卫生健康委员会",
    "应急管理局",
    "市场监督管理局",
    "统计局",
    "民政局",
    "司法局",
    "人力资源和社会保障局",
    "退役军人事务局",
    "审计局",
    "林业局",
    "科学技术局",
    "发展和改革委员会",
    "城市管理综合执法局",
    "数据局",
];
const DEPTS_PROVINCE: &[&str] = &[
    "人民政府办公厅",
    "教育厅",
    "财政厅",
    "自然资源厅",
    "生态环境厅",
    "住房和城乡建设厅",
    "交通运输厅",
    "医疗保障局",
    "卫生健康委员会",
    "科学技术厅",
    "市场监督管理局",
];

struct Meta {
    agency: String,
    city: String,
    year: i64,
    template: Template,
    published: (i64, i64, i64),
}

/// The agencies a corpus draws from: every province × provincial department, then every
/// division × local department, visited in a fixed pseudo-random order; past those, township
/// governments (a 镇, 乡 or 街道 of every county), as a national corpus has.
struct Agencies {
    provinces: Vec<String>,
    size: u64,
    step: u64,
    /// The divisions that are counties (the townships' parents).
    counties: Vec<usize>,
}

/// Common stems of township names; with the three kinds below, 60 townships a county.
const TOWN_STEMS: &[&str] = &[
    "城关", "新集", "太平", "永安", "和平", "长安", "兴隆", "新华", "青山", "石桥", "白沙", "龙泉",
    "东风", "红星", "三合", "双河", "清水", "马桥", "桃园", "柳林",
];
const TOWN_KINDS: &[(&str, &str)] = &[("镇", "人民政府"), ("乡", "人民政府"), ("街道", "办事处")];

impl Agencies {
    fn new(divs: &[Division]) -> Agencies {
        let mut provinces: Vec<String> = divs.iter().map(|d| d.province.clone()).collect();
        provinces.sort();
        provinces.dedup();
        let size = (provinces.len() * DEPTS_PROVINCE.len() + divs.len() * DEPTS_LOCAL.len()) as u64;
        // A step coprime with the size makes slot → agency a permutation.
        let gcd = |mut a: u64, mut b: u64| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        let step = (7_919u64..).find(|&p| gcd(p, size) == 1).unwrap();
        let counties = (0..divs.len())
            .filter(|&i| divs[i].county.is_some())
            .collect();
        Agencies {
            provinces,
            size,
            step,
            counties,
        }
    }

    /// The agency of slot `k`: distinct for every k, ~91,000 departments first, then ~170,000
    /// townships (a slot below the departments' count names the same agency whatever N is).
    fn name(&self, k: u64, divs: &[Division]) -> (String, String) {
        if k >= self.size {
            return self.township(k - self.size, divs);
        }
        let a = (k.wrapping_mul(self.step) + 12_345) % self.size;
        let np = (self.provinces.len() * DEPTS_PROVINCE.len()) as u64;
        if a < np {
            let prov = &self.provinces[(a / DEPTS_PROVINCE.len() as u64) as usize];
            let dept = DEPTS_PROVINCE[(a % DEPTS_PROVINCE.len() as u64) as usize];
            return (format!("{prov}{dept}"), prov.clone());
        }
        let a = a - np;
        let d = &divs[(a / DEPTS_LOCAL.len() as u64) as usize];
        let dept = DEPTS_LOCAL[(a % DEPTS_LOCAL.len() as u64) as usize];
        let name = match &d.county {
            Some(county) if county.ends_with('市') => format!("{county}{dept}"),
            Some(county) => format!("{}{county}{dept}", d.city),
            None => format!("{}{dept}", d.city),
        };
        (name, d.city.clone())
    }

    /// Township `j`: county j mod the counties, then a stem and kind per round.
    fn township(&self, j: u64, divs: &[Division]) -> (String, String) {
        let n = self.counties.len() as u64;
        let d = &divs[self.counties[(j % n) as usize]];
        let round = (j / n) as usize;
        let stem = TOWN_STEMS[round % TOWN_STEMS.len()];
        let (kind, body) = TOWN_KINDS[(round / TOWN_STEMS.len()) % TOWN_KINDS.len()];
        let county = d.county.as_deref().unwrap_or_default();
        let name = if county.ends_with('市') {
            format!("{county}{stem}{kind}{body}")
        } else {
            format!("{}{county}{stem}{kind}{body}", d.city)
        };
        (name, d.city.clone())
    }
}

/// Report `i` is agency slot i / 7 in year 2019 + i % 7, so no two reports share an agency and
/// a year (the index keeps one report per agency and year, as a real corpus has) up to about
/// 1.8 million reports.
fn pick_meta(rng: &mut Rng, divs: &[Division], agencies: &Agencies, i: usize) -> Meta {
    let year = 2019 + (i % 7) as i64;
    let template = if year <= 2020 {
        Template::Y2019
    } else {
        Template::Y2021
    };
    let published = (year + 1, rng.range(1, 3), rng.range(1, 28));
    let (agency, city) = agencies.name((i / 7) as u64, divs);
    Meta {
        agency,
        city,
        year,
        template,
        published,
    }
}

// ---------------------------------------------------------------------------------------------
// Figures.

/// A block of table 二 as printed: (block title, header cells, rows of (label, values)).
type DisclosureBlock = (String, Vec<String>, Vec<(String, Vec<String>)>);

/// One report's tables as printed: table 二 blocks, table 三 rows, table 四 cells.
struct Figures {
    /// (block title, header cells, rows of (label, values)).
    disclosure: Vec<DisclosureBlock>,
    /// key → the seven applicant columns.
    requests: Vec<(&'static RowDef, [i64; 7])>,
    review: [[i64; 5]; 3],
    prose_count: i64,
    proactive_count: i64,
}

fn fees(rng: &mut Rng) -> String {
    if rng.chance(0.8) {
        "0".into()
    } else {
        format!("{}.{}", rng.range(0, 300), rng.range(1, 9))
    }
}

fn gen_figures(rng: &mut Rng, t: Template, scale: i64, paren: (&str, &str)) -> Figures {
    let (lp, rp) = paren;
    let art = |n: &str| format!("第二十条第{lp}{n}{rp}项");
    let n = |rng: &mut Rng, m: i64| rng.skewed(m).to_string();
    let mut disclosure = Vec::new();
    match t {
        Template::Y2021 => {
            let docs = |rng: &mut Rng| {
                let issued = rng.skewed(scale / 4 + 3);
                let repealed = rng.skewed(issued.max(2));
                let in_force = issued + rng.skewed(scale + 10);
                vec![
                    issued.to_string(),
                    repealed.to_string(),
                    in_force.to_string(),
                ]
            };
            disclosure.push((
                art("一"),
                vec![
                    "信息内容".into(),
                    "本年制发件数".into(),
                    "本年废止件数".into(),
                    "现行有效件数".into(),
                ],
                vec![
                    ("规章".into(), docs(rng)),
                    (
                        if rng.chance(0.7) {
                            "行政规范性文件"
                        } else {
                            "规范性文件"
                        }
                        .into(),
                        docs(rng),
                    ),
                ],
            ));
            let dec = vec!["信息内容".to_string(), "本年处理决定数量".to_string()];
            disclosure.push((
                art("五"),
                dec.clone(),
                vec![("行政许可".into(), vec![n(rng, scale * 40)])],
            ));
            disclosure.push((
                art("六"),
                dec,
                vec![
                    ("行政处罚".into(), vec![n(rng, scale * 10)]),
                    ("行政强制".into(), vec![n(rng, scale)]),
                ],
            ));
            disclosure.push((
                art("八"),
                vec!["信息内容".into(), format!("本年收费金额{lp}单位：万元{rp}")],
                vec![("行政事业性收费".into(), vec![fees(rng)])],
            ));
        }
        Template::Y2019 => {
            let docs = |rng: &mut Rng| {
                let made = rng.skewed(scale / 4 + 3);
                let published = made - rng.skewed(1).min(made);
                let total = published + rng.skewed(scale + 10);
                vec![made.to_string(), published.to_string(), total.to_string()]
            };
            let items = |rng: &mut Rng, m: i64| {
                let prev = rng.skewed(30);
                let change = rng.range(-2, 3).max(-prev);
                vec![
                    prev.to_string(),
                    change.to_string(),
                    rng.skewed(m).to_string(),
                ]
            };
            disclosure.push((
                art("一"),
                vec![
                    "信息内容".into(),
                    "本年新制作数量".into(),
                    "本年新公开数量".into(),
                    "对外公开总数量".into(),
                ],
                vec![("规章".into(), docs(rng)), ("规范性文件".into(), docs(rng))],
            ));
            let ih = vec![
                "信息内容".to_string(),
                "上一年项目数量".to_string(),
                "本年增/减".to_string(),
                "处理决定数量".to_string(),
            ];
            disclosure.push((
                art("五"),
                ih.clone(),
                vec![
                    ("行政许可".into(), items(rng, scale * 40)),
                    ("其他对外管理服务事项".into(), items(rng, scale * 10)),
                ],
            ));
            disclosure.push((
                art("六"),
                ih,
                vec![
                    ("行政处罚".into(), items(rng, scale * 10)),
                    ("行政强制".into(), items(rng, scale)),
                ],
            ));
            let prev = rng.skewed(5);
            disclosure.push((
                art("八"),
                vec![
                    "信息内容".into(),
                    "上一年项目数量".into(),
                    "本年增/减".into(),
                ],
                vec![(
                    "行政事业性收费".into(),
                    vec![prev.to_string(), rng.range(-prev.min(1), 1).to_string()],
                )],
            ));
            disclosure.push((
                art("九"),
                vec![
                    "信息内容".into(),
                    "采购项目数量".into(),
                    "采购总金额".into(),
                ],
                vec![("政府集中采购".into(), vec![n(rng, 40), fees(rng)])],
            ));
        }
    }

    // Table 三: per applicant column, new + carried = results + carried forward.
    let rows = template::request_rows(t);
    let results: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            !matches!(
                r.key,
                "new_received" | "carried_over" | "total_processed" | "carried_forward"
            )
        })
        .map(|(i, _)| i)
        .collect();
    // Result rows weighted: 予以公开, 部分公开, 不掌握, 其他 most often.
    let weight = |key: &str| -> u64 {
        match key {
            "disclosed" => 40,
            "partially_disclosed" => 8,
            "unavailable_not_held" => 14,
            "not_processed_petition" | "other_overdue_correction" | "other" | "other_other" => 6,
            "withheld_process_info" | "withheld_third_party" | "unavailable_unclear" => 3,
            _ => 1,
        }
    };
    let wsum: u64 = results.iter().map(|&i| weight(rows[i].key)).sum();
    let mut vals = vec![[0i64; 7]; rows.len()];
    let col_scale = [
        scale,
        scale / 4,
        scale / 20,
        scale / 30,
        scale / 20,
        scale / 20,
    ];
    for (c, &cs) in col_scale.iter().enumerate() {
        let new = if c == 0 || rng.chance(0.3) {
            rng.skewed(cs.max(1))
        } else {
            0
        };
        let carried = if rng.chance(0.3) {
            rng.skewed((new / 5).max(1))
        } else {
            0
        };
        let forward = if rng.chance(0.3) {
            rng.skewed((new + carried) / 5)
        } else {
            0
        };
        let mut left = new + carried - forward;
        let processed = left;
        while left > 0 {
            let mut x = rng.next() % wsum;
            for &i in &results {
                let w = weight(rows[i].key);
                if x < w {
                    let take = rng.range(1, (left / 3).max(1)).min(left);
                    vals[i][c] += take;
                    left -= take;
                    break;
                }
                x -= w;
            }
        }
        for (i, r) in rows.iter().enumerate() {
            match r.key {
                "new_received" => vals[i][c] = new,
                "carried_over" => vals[i][c] = carried,
                "total_processed" => vals[i][c] = processed,
                "carried_forward" => vals[i][c] = forward,
                _ => {}
            }
        }
    }
    for v in vals.iter_mut() {
        v[6] = v[..6].iter().sum();
    }
    // A few reports do not add up (one cell off), as real ones sometimes do.
    if rng.chance(0.04) {
        let i = rng.range(0, vals.len() as i64 - 1) as usize;
        let c = rng.range(0, 6) as usize;
        vals[i][c] += rng.range(1, 3);
    }
    let new_total = vals[0][6];
    // Some reports state new + carried as "received" in the prose (prose_requests fails).
    let prose_count = if rng.chance(0.06) {
        new_total + vals[1][6]
    } else {
        new_total
    };
    let requests = rows.into_iter().zip(vals).collect();

    let mut review = [[0i64; 5]; 3];
    for g in review.iter_mut() {
        if rng.chance(0.3) {
            for v in g.iter_mut().take(4) {
                *v = rng.skewed(3);
            }
        }
        g[4] = g[..4].iter().sum();
    }
    Figures {
        disclosure,
        requests,
        review,
        prose_count,
        proactive_count: rng.range(5, scale * 20 + 50),
    }
}

/// The cells that label a table-三 row as printed, and how many rows each spans.
fn request_labels(t: Template, r: &RowDef, paren: (&str, &str)) -> Vec<(String, usize)> {
    let (lp, rp) = paren;
    let g = |n: &str, s: &str| format!("{lp}{n}{rp}{s}");
    let results_span = template::request_result_rows(t).len();
    match r.key {
        "new_received" => vec![("一、本年新收政府信息公开申请数量".into(), 1)],
        "carried_over" => vec![("二、上年结转政府信息公开申请数量".into(), 1)],
        "disclosed" => vec![
            ("三、本年度办理结果".into(), results_span),
            (g("一", "予以公开"), 1),
        ],
        "partially_disclosed" => vec![(
            g(
                "二",
                &format!("部分公开{lp}区分处理的，只计这一情形，不计其他情形{rp}"),
            ),
            1,
        )],
        "withheld_state_secret" => vec![(g("三", "不予公开"), 8), ("1.属于国家秘密".into(), 1)],
        "unavailable_not_held" => vec![
            (g("四", "无法提供"), 3),
            ("1.本机关不掌握相关政府信息".into(), 1),
        ],
        "not_processed_petition" => {
            vec![(g("五", "不予处理"), 5), ("1.信访举报投诉类申请".into(), 1)]
        }
        "other_overdue_correction" => vec![
            (g("六", "其他处理"), 3),
            (
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请".into(),
                1,
            ),
        ],
        "other_unpaid_fee" => vec![(
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请".into(),
            1,
        )],
        "other" => vec![(g("六", "其他处理"), 1)],
        "total_processed" => vec![(g("七", "总计"), 1)],
        "carried_forward" => vec![("四、结转下年度继续办理".into(), 1)],
        _ => {
            let label = r.label.rsplit(' ').next().unwrap_or(r.label);
            vec![(label.to_string(), 1)]
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The report as a layout-neutral document.

enum Block {
    Title(String),
    /// Page chrome line(s) near the title (source, date).
    Byline(String),
    Heading(u8, String),
    Para(String),
    /// A table: rows of cells (text, rowspan, colspan); `header` rows first.
    Table {
        rows: Vec<Vec<Cell>>,
        header: usize,
    },
    Sign(Vec<String>),
}

#[derive(Clone)]
struct Cell {
    text: String,
    rowspan: usize,
    colspan: usize,
}
fn c(s: impl Into<String>) -> Cell {
    Cell {
        text: s.into(),
        rowspan: 1,
        colspan: 1,
    }
}
fn span(s: impl Into<String>, rowspan: usize, colspan: usize) -> Cell {
    Cell {
        text: s.into(),
        rowspan,
        colspan,
    }
}

const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn sentences(
    rng: &mut Rng,
    pools: &Pools,
    kind: SectionKind,
    lo: i64,
    hi: i64,
    year: i64,
) -> Vec<String> {
    let pool = &pools.by_kind[&kind];
    let n = rng.range(lo, hi);
    (0..n)
        .map(|_| {
            let (s, from) = rng.pick(pool);
            shift_years(s, *from, year)
        })
        .collect()
}

/// Move 20xx years in a sentence borrowed from a report for `from` to the report's year: the
/// source's own year becomes `year`, an earlier one the year before, a later one (the
/// publication year) the year after.
fn shift_years(s: &str, from: i64, year: i64) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if i + 4 <= b.len()
            && b[i] == b'2'
            && b[i + 1] == b'0'
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
        {
            let y: i64 = s[i..i + 4].parse().unwrap();
            if (2015..=2026).contains(&y) {
                let _ = write!(out, "{}", year + (y - from).clamp(-1, 1));
                i += 4;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn build_report(rng: &mut Rng, pools: &Pools, m: &Meta) -> Vec<Block> {
    let full = rng.chance(0.6);
    let paren = if full { ("（", "）") } else { ("(", ")") };
    let (lp, rp) = paren;
    let scale = *rng.pick(&[3i64, 10, 30, 100, 300, 1000]);
    let figs = gen_figures(rng, m.template, scale, paren);
    let y = m.year;
    let mut out = Vec::new();
    let title = match rng.next() % 3 {
        0 => format!("{}{}年政府信息公开工作年度报告", m.agency, y),
        1 => format!("{}{}年度政府信息公开工作年度报告", m.agency, y),
        _ => format!("{}年{}政府信息公开工作年度报告", y, m.agency),
    };
    out.push(Block::Title(title));
    let (py, pm, pd) = m.published;
    if rng.chance(0.5) {
        out.push(Block::Byline(format!(
            "发布日期：{py}-{pm:02}-{pd:02}　来源：{}",
            m.agency
        )));
    }
    // Preamble.
    let mut pre = format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{}政务公开工作要求编制。",
        m.city
    );
    for s in sentences(rng, pools, SectionKind::Preamble, 0, 2, y) {
        pre.push_str(&s);
    }
    let _ = write!(
        pre,
        "本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
    );
    out.push(Block::Para(pre));

    // 一、总体情况 and its five subsections (sometimes in another order or without one).
    out.push(Block::Heading(1, "一、总体情况".into()));
    let ov = sentences(rng, pools, SectionKind::Overview, 1, 3, y).concat();
    out.push(Block::Para(ov));
    let mut subs = vec![
        (
            SectionKind::Proactive,
            ["主动公开", "主动公开情况", "全面做好主动公开"],
        ),
        (
            SectionKind::OnRequest,
            ["依申请公开", "依申请公开情况", "依法规范依申请公开"],
        ),
        (
            SectionKind::Management,
            ["政府信息管理", "政府信息管理情况", "加强政府信息管理"],
        ),
        (
            SectionKind::Platforms,
            ["平台建设", "政府信息公开平台建设", "推进平台建设"],
        ),
        (
            SectionKind::Oversight,
            ["监督保障", "监督保障情况", "强化监督保障"],
        ),
    ];
    if rng.chance(0.1) {
        subs.swap(2, 3);
    }
    if rng.chance(0.1) {
        let k = rng.range(2, 4) as usize;
        subs.remove(k);
    }
    for (i, (kind, names)) in subs.iter().enumerate() {
        out.push(Block::Heading(
            2,
            format!("{lp}{}{rp}{}", NUMS[i], rng.pick(names)),
        ));
        let mut paras = Vec::new();
        let mut p = String::new();
        match kind {
            SectionKind::Proactive => {
                let _ = write!(
                    p,
                    "{y}年，本机关通过政府门户网站等平台主动公开政府信息{}条。",
                    figs.proactive_count
                );
            }
            SectionKind::OnRequest => {
                let verb = rng.pick(&["共收到", "全年共受理", "共接到"]);
                let _ = write!(p, "{y}年，{verb}政府信息公开申请{}件。", figs.prose_count);
            }
            _ => {}
        }
        let ss = sentences(rng, pools, *kind, 2, 7, y);
        for (j, s) in ss.iter().enumerate() {
            p.push_str(s);
            if j % 3 == 2 {
                paras.push(std::mem::take(&mut p));
            }
        }
        if !p.is_empty() {
            paras.push(p);
        }
        for p in paras {
            out.push(Block::Para(p));
        }
    }

    // 二: table 二, one block per 第二十条 item.
    out.push(Block::Heading(1, "二、主动公开政府信息情况".into()));
    let mut rows = Vec::new();
    for (art, header, body) in &figs.disclosure {
        let width = 4;
        rows.push(vec![span(art.clone(), 1, width)]);
        let mut h: Vec<Cell> = header.iter().map(c).collect();
        pad_row(&mut h, width);
        rows.push(h);
        for (label, vals) in body {
            let mut r = vec![c(label.clone())];
            r.extend(vals.iter().map(c));
            pad_row(&mut r, width);
            rows.push(r);
        }
    }
    out.push(Block::Table { rows, header: 0 });

    // 三: table 三.
    out.push(Block::Heading(
        1,
        "三、收到和处理政府信息公开申请情况".into(),
    ));
    let mut rows = vec![
        vec![
            span(
                format!("{lp}本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和{rp}"),
                3,
                3,
            ),
            span("申请人情况", 1, 7),
        ],
        vec![
            span("自然人", 2, 1),
            span("法人或其他组织", 1, 5),
            span("总计", 2, 1),
        ],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .iter()
        .map(|s| c(*s))
        .collect(),
    ];
    for (r, v) in &figs.requests {
        let labels = request_labels(m.template, r, paren);
        let mut row = Vec::new();
        let used: usize = labels.len();
        for (k, (text, rs)) in labels.iter().enumerate() {
            // The last label cell takes the remaining label columns.
            let cs = if k + 1 == used {
                3 - row_label_offset(m.template, r) - k
            } else {
                1
            };
            row.push(span(text.clone(), *rs, cs.max(1)));
        }
        row.extend(v.iter().map(|x| c(x.to_string())));
        rows.push(row);
    }
    out.push(Block::Table { rows, header: 3 });

    // 四: table 四.
    let t4 = if m.template == Template::Y2019 && rng.chance(0.5) {
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    } else {
        "四、政府信息公开行政复议、行政诉讼情况"
    };
    out.push(Block::Heading(1, t4.into()));
    let cols = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut rows = vec![
        vec![span("行政复议", 2, 5), span("行政诉讼", 1, 10)],
        vec![span("未经复议直接起诉", 1, 5), span("复议后起诉", 1, 5)],
    ];
    let mut h = Vec::new();
    for _ in 0..3 {
        h.extend(cols.iter().map(|s| c(*s)));
    }
    rows.push(h);
    rows.push(
        figs.review
            .iter()
            .flatten()
            .map(|x| c(x.to_string()))
            .collect(),
    );
    out.push(Block::Table { rows, header: 3 });

    // 五: problems and improvements.
    let t5 = if m.template == Template::Y2019 && rng.chance(0.5) {
        "五、政府信息公开工作存在的主要问题及改进情况"
    } else {
        "五、存在的主要问题及改进情况"
    };
    out.push(Block::Heading(1, t5.into()));
    if rng.chance(0.7) {
        out.push(Block::Heading(2, format!("{lp}一{rp}存在的主要问题")));
        let mut p = format!("{y}年，本机关政府信息公开工作仍存在一些不足：");
        let k = rng.range(2, 4);
        for (i, s) in sentences(rng, pools, SectionKind::Problems, k, k, y)
            .iter()
            .enumerate()
        {
            let _ = write!(p, "{}是{}", NUMS[i], s);
        }
        out.push(Block::Para(p));
        out.push(Block::Heading(2, format!("{lp}二{rp}改进情况")));
    }
    out.push(Block::Para(
        sentences(rng, pools, SectionKind::Problems, 2, 5, y).concat(),
    ));

    // 六: other matters.
    out.push(Block::Heading(1, "六、其他需要报告的事项".into()));
    let mut p = if rng.chance(0.5) {
        "本年度未收取信息处理费。".to_string()
    } else {
        String::new()
    };
    p.push_str(&sentences(rng, pools, SectionKind::Other, 0, 2, y).concat());
    if p.is_empty() {
        p.push_str("无其他需要报告的事项。");
    }
    out.push(Block::Para(p));
    out.push(Block::Sign(vec![
        m.agency.clone(),
        format!("{py}年{pm}月{pd}日"),
    ]));
    out
}

/// How many label columns the row's group cells (spanned from earlier rows) occupy already.
fn row_label_offset(t: Template, r: &RowDef) -> usize {
    let results = template::request_result_rows(t);
    let in_results = results.iter().any(|x| x.key == r.key);
    if !in_results || r.key == "disclosed" {
        return 0;
    }
    let grouped_first = matches!(
        r.key,
        "withheld_state_secret"
            | "unavailable_not_held"
            | "not_processed_petition"
            | "other_overdue_correction"
    );
    if r.item.is_some() && !grouped_first {
        2
    } else {
        1
    }
}

fn pad_row(r: &mut [Cell], width: usize) {
    let used: usize = r.iter().map(|c| c.colspan).sum();
    if used < width {
        if let Some(last) = r.last_mut() {
            last.colspan += width - used;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Layouts.

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Lines,
    Tab,
    Pipe,
    Html,
}
impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Lines => "lines",
            Layout::Tab => "tab",
            Layout::Pipe => "pipe",
            Layout::Html => "html",
        }
    }
    fn ext(self) -> &'static str {
        match self {
            Layout::Lines | Layout::Tab => "txt",
            Layout::Pipe => "md",
            Layout::Html => "html",
        }
    }
}

/// A table as a grid: every row the same width, spanned positions `None`.
fn grid(rows: &[Vec<Cell>]) -> Vec<Vec<Option<String>>> {
    let width = rows
        .iter()
        .map(|r| r.iter().map(|c| c.colspan).sum::<usize>())
        .max()
        .unwrap_or(0);
    let mut g: Vec<Vec<Option<Option<String>>>> = vec![vec![None; width]; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        let mut j = 0;
        for cell in r {
            while j < width && g[i][j].is_some() {
                j += 1;
            }
            for di in 0..cell.rowspan {
                for dj in 0..cell.colspan {
                    if i + di < g.len() && j + dj < width {
                        g[i + di][j + dj] = Some(if di == 0 && dj == 0 {
                            Some(cell.text.clone())
                        } else {
                            None
                        });
                    }
                }
            }
            j += cell.colspan;
        }
    }
    g.into_iter()
        .map(|r| r.into_iter().map(|x| x.flatten()).collect())
        .collect()
}

fn render_text(blocks: &[Block], layout: Layout, rng: &mut Rng, agency: &str) -> String {
    let mut s = String::new();
    let ind = if rng.chance(0.5) { "  " } else { "" };
    for b in blocks {
        match b {
            Block::Title(t) => {
                if layout == Layout::Pipe {
                    let _ = writeln!(s, "# {t}\n");
                } else {
                    let _ = writeln!(s, "{t}\n");
                    if layout == Layout::Lines && rng.chance(0.5) {
                        let _ = writeln!(s, "  • 听全文\n  • 来源:{agency}\n  • 分享到\n  • -\n");
                    }
                }
            }
            Block::Byline(l) => {
                let _ = writeln!(s, "{l}\n");
            }
            Block::Heading(level, h) => {
                if layout == Layout::Pipe {
                    let _ = writeln!(s, "{} {h}\n", if *level == 1 { "##" } else { "###" });
                } else {
                    let _ = writeln!(s, "{ind}{h}\n");
                }
            }
            Block::Para(p) => {
                let _ = writeln!(s, "{ind}{p}\n");
            }
            Block::Sign(lines) => {
                for l in lines {
                    let _ = writeln!(s, "{l}");
                }
                s.push('\n');
            }
            Block::Table { rows, header } => match layout {
                Layout::Lines => {
                    // One cell per line between blank lines; spanned cells are not repeated.
                    for r in rows {
                        for cell in r {
                            let _ = writeln!(s, "{}\n", cell.text);
                        }
                    }
                    s.push('\n');
                }
                Layout::Tab | Layout::Html => {
                    for r in grid(rows) {
                        let line: Vec<&str> =
                            r.iter().map(|x| x.as_deref().unwrap_or("")).collect();
                        let _ = writeln!(s, "{}", line.join("\t"));
                    }
                    s.push('\n');
                }
                Layout::Pipe => {
                    let g = grid(rows);
                    for (i, r) in g.iter().enumerate() {
                        let line: Vec<&str> =
                            r.iter().map(|x| x.as_deref().unwrap_or("")).collect();
                        let _ = writeln!(s, "| {} |", line.join(" | "));
                        if i + 1 == (*header).max(1) {
                            let _ = writeln!(s, "|{}", "---|".repeat(r.len()));
                        }
                    }
                    s.push('\n');
                }
            },
        }
    }
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn render_html(blocks: &[Block], rng: &mut Rng, m: &Meta, gbk: bool) -> String {
    let mut s = String::new();
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let charset = if gbk { "gbk" } else { "utf-8" };
    let site = format!("{}人民政府", m.city);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"{charset}\">\n<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n<title>{}_{site}</title>\n<meta name=\"SiteName\" content=\"{site}\">\n<meta name=\"ColumnName\" content=\"政府信息公开年报\">\n<link rel=\"stylesheet\" href=\"/css/common.css\">\n<style>.nav li{{float:left;margin:0 12px}} .content p{{text-indent:2em;line-height:2}}</style>\n<script src=\"/js/jquery.min.js\"></script>\n</head>\n<body>\n",
        esc(&title)
    );
    let _ = write!(
        s,
        "<div class=\"header\"><div class=\"top-bar\"><a href=\"/\">设为首页</a> | <a href=\"#\">加入收藏</a> | <a href=\"/wza\">无障碍浏览</a> | <a href=\"/en\">English</a></div><div class=\"logo\"><img src=\"/images/logo.png\" alt=\"{site}\"></div></div>\n<div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li><li><a href=\"/zwfw\">政务服务</a></li><li><a href=\"/hdjl\">互动交流</a></li><li><a href=\"/zj\">走进{}</a></li><li><a href=\"/ztzl\">专题专栏</a></li></ul></div>\n<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; <a href=\"/zwgk/ndbg\">政府信息公开年报</a></div>\n<div class=\"content\">\n",
        m.city
    );
    let (py, pm, pd) = m.published;
    for b in blocks {
        match b {
            Block::Title(t) => {
                let _ = writeln!(
                    s,
                    "<h1 class=\"title\">{}</h1>\n<div class=\"info\">来源：{}　发布时间：{py}-{pm:02}-{pd:02}　浏览次数：{}　字体：[<a href=\"#\">大</a> <a href=\"#\">中</a> <a href=\"#\">小</a>]</div>",
                    esc(t),
                    esc(&m.agency),
                    rng.range(10, 5000)
                );
            }
            Block::Byline(_) => {}
            Block::Heading(level, h) => {
                if rng.chance(0.5) {
                    let _ = writeln!(s, "<p><strong>{}</strong></p>", esc(h));
                } else {
                    let _ = writeln!(s, "<h{0}>{1}</h{0}>", level + 2, esc(h));
                }
            }
            Block::Para(p) => {
                let _ = writeln!(s, "<p style=\"text-indent:2em;\">{}</p>", esc(p));
            }
            Block::Sign(lines) => {
                for l in lines {
                    let _ = writeln!(s, "<p style=\"text-align:right;\">{}</p>", esc(l));
                }
            }
            Block::Table { rows, .. } => {
                s.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;\"><tbody>\n");
                for r in rows {
                    s.push_str("<tr>");
                    for cell in r {
                        s.push_str("<td");
                        if cell.rowspan > 1 {
                            let _ = write!(s, " rowspan=\"{}\"", cell.rowspan);
                        }
                        if cell.colspan > 1 {
                            let _ = write!(s, " colspan=\"{}\"", cell.colspan);
                        }
                        let _ = write!(s, "><p align=\"center\">{}</p></td>", esc(&cell.text));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody></table>\n");
            }
        }
    }
    let _ = write!(
        s,
        "</div>\n<div class=\"share\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a></div>\n<div class=\"footer\"><p>主办单位：{site}办公室　承办单位：{}大数据中心</p><p>版权所有：{site}　网站标识码：{}　{}ICP备{}号</p><p>建议使用1920×1080分辨率 IE9以上浏览器</p></div>\n<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement(\"script\"); hm.src = \"/stat.js\"; }})();</script>\n</body>\n</html>\n",
        m.city,
        rng.range(1000000000, 9999999999),
        m.city.chars().next().unwrap_or('京'),
        rng.range(10000000, 99999999)
    );
    s
}

// ---------------------------------------------------------------------------------------------

fn main() {
    let mut seed = 1u64;
    let mut n = 1000usize;
    let mut out: Option<PathBuf> = None;
    let mut corpus = PathBuf::from("corpus");
    let mut divisions = PathBuf::from("data/divisions.tsv");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--seed" => seed = val().parse().expect("--seed N"),
            "--n" => n = val().parse().expect("--n N"),
            "--out" => out = Some(PathBuf::from(val())),
            "--corpus" => corpus = PathBuf::from(val()),
            "--divisions" => divisions = PathBuf::from(val()),
            "--bench" => {}
            _ => {
                eprintln!("usage: gen --seed S --n N --out DIR [--corpus corpus] [--divisions data/divisions.tsv]");
                std::process::exit(2);
            }
        }
    }
    let out = out.unwrap_or_else(|| PathBuf::from(format!("/tmp/gk-{n}")));
    let pools = load_pools(&corpus);
    let divs = load_divisions(&divisions);
    assert!(!divs.is_empty(), "no divisions");
    let agencies = Agencies::new(&divs);
    let mut total = 0u64;
    let mut per_layout: HashMap<&str, (usize, u64)> = HashMap::new();
    let mut gbk_count = 0;
    for i in 0..n {
        // One stream per report: any report can be regenerated alone, whatever N is.
        let mut rng = Rng(
            seed.wrapping_mul(0x9E3779B97F4A7C15) ^ (i as u64).wrapping_mul(0xD1B54A32D192ED03)
        );
        rng.next();
        let m = pick_meta(&mut rng, &divs, &agencies, i);
        let blocks = build_report(&mut rng, &pools, &m);
        let layout = match rng.next() % 100 {
            0..=34 => Layout::Lines,
            35..=54 => Layout::Tab,
            55..=74 => Layout::Pipe,
            _ => Layout::Html,
        };
        let gbk = layout != Layout::Pipe && rng.chance(0.12);
        let text = match layout {
            Layout::Html => render_html(&blocks, &mut rng, &m, gbk),
            l => render_text(&blocks, l, &mut rng, &m.agency),
        };
        let bytes: Vec<u8> = if gbk {
            encoding_rs::GBK.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        let dir = out.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        let name = format!(
            "{i:06}-{}{}.{}",
            layout.name(),
            if gbk { "-gbk" } else { "" },
            layout.ext()
        );
        std::fs::write(dir.join(name), &bytes).unwrap();
        total += bytes.len() as u64;
        let e = per_layout.entry(layout.name()).or_default();
        e.0 += 1;
        e.1 += bytes.len() as u64;
        gbk_count += gbk as usize;
    }
    let mut layouts: Vec<_> = per_layout.into_iter().collect();
    layouts.sort();
    let desc: Vec<String> = layouts
        .iter()
        .map(|(k, (c, b))| format!("{k} {c} ({:.1} KB avg)", *b as f64 / *c as f64 / 1e3))
        .collect();
    println!(
        "generated {n} reports, {:.1} MB ({:.1} KB avg), seed {seed}, {gbk_count} GBK; {} → {}",
        total as f64 / 1e6,
        total as f64 / n.max(1) as f64 / 1e3,
        desc.join(", "),
        out.display()
    );
}
