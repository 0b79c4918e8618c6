//! Scoring a parsed report against a hand-checked answer key (`tests/expected/*.json`,
//! `../shared/corpus-pdf/expected/*.json`): every keyed fact is right, wrong or missing.
//!
//! A fact is: agency (or one of `agency_alternatives`), year, template, published, each keyed part
//! of region, the section kinds in order (one fact per kind, aligned by longest common
//! subsequence), each table's presence, every cell, every check verdict, the problem count.
//! *Missing* is a null, an absent row or a skipped check where the key has a value; *wrong* is a
//! different value (or a value where the key has a blank, or a section kind the key lacks).
#![allow(dead_code)]

pub mod crawl;
pub mod docx;
pub mod ofd;
pub mod page;
pub mod pdf;
pub mod template_doc;

use gongkai::model::{Report, SectionKind};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Score {
    /// The facts that are right, each named (`cell requests.new_received.total`, `agency`, …).
    pub right: Vec<String>,
    pub wrong: Vec<String>,
    pub missing: Vec<String>,
}

impl Score {
    pub fn total(&self) -> usize {
        self.right.len() + self.wrong.len() + self.missing.len()
    }

    pub fn ratio(&self) -> f64 {
        self.right.len() as f64 / self.total().max(1) as f64
    }

    pub fn exact(&self) -> bool {
        self.wrong.is_empty() && self.missing.is_empty()
    }

    /// The differences, one per line.
    pub fn report(&self) -> String {
        let mut out = Vec::new();
        out.extend(self.wrong.iter().map(|w| format!("WRONG   {w}")));
        out.extend(self.missing.iter().map(|m| format!("missing {m}")));
        out.join("\n  ")
    }

    /// Record fact `id`: right, else wrong or missing with `what` (the values, in words).
    fn ok(&mut self, id: &str, right: bool, wrong: bool, what: String) {
        if right {
            self.right.push(id.to_string());
        } else if wrong {
            self.wrong.push(format!("{id}: {what}"));
        } else {
            self.missing.push(format!("{id}: {what}"));
        }
    }
}

pub fn read_key(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Where the PDF answer keys live, or None where `../shared` is absent (a clone on its own).
/// Every text form a shipped report comes in.
pub const TEXT_FORMS: &[&str] = &["txt", "md", "html"];

/// The keyed text reports as files: `corpus/` files whose extension is one of `exts`, and the
/// pre-2019 fixtures (`tests/fixtures`, keyed alike) when `with_fixtures`; each as (file name,
/// text), sorted by name.
pub fn text_reports(exts: &[&str], with_fixtures: bool) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("corpus")];
    if with_fixtures {
        dirs.push(root.join("tests/fixtures"));
    }
    let mut v: Vec<(String, String)> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// The answer key of a text report named by its file name: the shipped key, else the fixture's.
pub fn key_of(file: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let shipped = root.join(format!("tests/expected/{stem}.json"));
    if shipped.exists() {
        read_key(&shipped)
    } else {
        read_key(&root.join(format!("tests/fixtures/{stem}.json")))
    }
}

/// Table 三's organisation columns (商业企业 … 其他), as the spec keys them.
pub const ORG_COLUMNS: [&str; 5] = [
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
];

/// Whether a line of the facts' report names a cell of table 三's organisation columns.
pub fn names_org_cell(line: &str) -> bool {
    ORG_COLUMNS
        .iter()
        .any(|c| line.contains("cell requests.") && line.contains(&format!(".{c}:")))
}

/// The real PDF reports of `../shared/corpus-pdf`, by stem (each has its key under `expected/`).
pub const PDF_STEMS: [&str; 3] = [
    "huaian-city-2024",
    "huaian-hongze-2023",
    "huaian-hongze-2024",
];

pub fn shared_pdf_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-pdf");
    d.join("expected").is_dir().then_some(d)
}

/// Score `r` against `k`.
pub fn score(r: &Report, k: &Value) -> Score {
    let mut s = Score::default();
    let st = |v: &Value| v.as_str().map(String::from);

    let mut agencies: Vec<String> = st(&k["agency"]).into_iter().collect();
    if let Some(alts) = k["agency_alternatives"].as_array() {
        agencies.extend(alts.iter().filter_map(|a| a.as_str().map(String::from)));
    }
    let agency_ok = match &r.agency {
        Some(a) => agencies.contains(a),
        None => agencies.is_empty(),
    };
    s.ok(
        "agency",
        agency_ok,
        r.agency.is_some(),
        format!("{:?}, want {:?}", r.agency, agencies),
    );
    let want_year = k["year"].as_i64();
    let got_year = r.year.map(|y| y as i64);
    s.ok(
        "year",
        got_year == want_year,
        got_year.is_some(),
        format!("{got_year:?}, want {want_year:?}"),
    );
    let want_t = st(&k["template"]);
    let got_t = r.template.map(|t| t.as_str().to_string());
    s.ok(
        "template",
        got_t == want_t,
        got_t.is_some(),
        format!("{got_t:?}, want {want_t:?}"),
    );
    let want_p = st(&k["published"]);
    s.ok(
        "published",
        r.published == want_p,
        r.published.is_some(),
        format!("{:?}, want {want_p:?}", r.published),
    );
    for part in ["province", "city", "county"] {
        let want = &k["region"][part];
        if want.is_null() {
            continue;
        }
        let got = match part {
            "province" => &r.region.province,
            "city" => &r.region.city,
            _ => &r.region.county,
        };
        s.ok(
            &format!("region.{part}"),
            got.as_deref() == want.as_str(),
            got.is_some(),
            format!("{got:?}, want {want}"),
        );
    }
    score_sections(&mut s, r, k);
    for t in ["disclosure", "requests", "review_litigation"] {
        let present = r.tables.get(t).is_some();
        let want = k["tables_present"][t].as_bool();
        s.ok(
            &format!("table {t} present"),
            Some(present) == want,
            present,
            format!("{present}, want {want:?}"),
        );
    }
    for (key, want) in k["cells"].as_object().unwrap() {
        let mut parts = key.splitn(3, '.');
        let (t, row, col) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let got = r
            .tables
            .get(t)
            .and_then(|tb| tb.get(row))
            .and_then(|rw| rw.get(col))
            .map(|n| n.map(|n| n.0));
        let right = match (got, want.as_f64()) {
            (Some(Some(g)), Some(w)) => (g - w).abs() < 1e-9,
            (Some(None), None) => true,
            _ => false,
        };
        let wrong = matches!(got, Some(Some(_)));
        s.ok(
            &format!("cell {key}"),
            right,
            wrong,
            format!("got {got:?}, want {want}"),
        );
    }
    for (rule, want) in k["checks"].as_object().unwrap() {
        let got = r.checks.iter().find(|c| c.rule == *rule);
        let status = got.map(|c| c.status.as_str());
        let mut ok: Vec<&str> = vec![want.as_str().unwrap()];
        if let Some(alts) = k["checks_alternatives"][rule].as_array() {
            ok.extend(alts.iter().map(|a| a.as_str().unwrap()));
        }
        let right = status.is_some_and(|g| ok.contains(&g));
        let wrong = status.is_some_and(|g| g != "skipped");
        s.ok(
            &format!("check {rule}"),
            right,
            wrong,
            format!(
                "got {status:?}, want {ok:?} ({})",
                got.map(|c| c.detail.as_str()).unwrap_or("")
            ),
        );
    }
    if let Some(n) = k["problem_count"].as_u64() {
        let got = r.problems.problems.len() as u64;
        s.ok(
            "problem count",
            got == n,
            got != 0,
            format!("{got}, want {n}: {:?}", r.problems.problems),
        );
    }
    s
}

/// Section kinds in order, the key's optional kinds dropped from both sides; aligned by LCS.
fn score_sections(s: &mut Score, r: &Report, k: &Value) {
    let optional: Vec<String> = k["section_kinds_optional"]
        .as_object()
        .map(|o| {
            o.values()
                .flat_map(|v| v.as_array().unwrap().iter())
                .map(|x| x.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    let want: Vec<String> = k["section_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .filter(|x| !optional.contains(x))
        .collect();
    let got: Vec<String> = r
        .sections
        .iter()
        .map(|s| s.kind.key().to_string())
        .filter(|x| !optional.contains(x))
        .collect();
    let common = lcs(&want, &got);
    s.right
        .extend((0..common).map(|i| format!("section kinds #{i}")));
    if common < want.len() || common < got.len() {
        let what = format!("section kinds\n     got  {got:?}\n     want {want:?}");
        for _ in common..want.len() {
            s.missing.push(what.clone());
        }
        for _ in common..got.len() {
            s.wrong.push(what.clone());
        }
    }
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 0..a.len() {
        for j in 0..b.len() {
            dp[i + 1][j + 1] = if a[i] == b[j] {
                dp[i][j] + 1
            } else {
                dp[i][j + 1].max(dp[i + 1][j])
            };
        }
    }
    dp[a.len()][b.len()]
}

/// A report with an answer key, its decoded source and how the parser scores on it as it is.
pub struct Keyed {
    pub name: String,
    pub source: String,
    pub key: Value,
    pub baseline: Score,
}

/// The keyed report whose name starts with `prefix` (`guangzhou`, `shanghai-gov`).
pub fn keyed_named(prefix: &str) -> Keyed {
    keyed_reports()
        .into_iter()
        .find(|k| k.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no keyed report named {prefix}…"))
}

pub fn keyed_reports() -> Vec<Keyed> {
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap() {
        let path = e.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        files.push((
            path,
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/expected/{stem}.json")),
        ));
    }
    if let Some(dir) = shared_pdf_dir() {
        for e in std::fs::read_dir(dir.join("text")).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let stem = name.split('.').next().unwrap().to_string();
            files.push((path, dir.join(format!("expected/{stem}.json"))));
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|(path, key_path)| {
            let doc =
                gongkai::ingest::Document::read(&path, gongkai::ingest::DEFAULT_MAX_BYTES).unwrap();
            let key = read_key(&key_path);
            let baseline = score(&gongkai::report_from_document(&doc), &key);
            Keyed {
                name: path.file_name().unwrap().to_string_lossy().to_string(),
                source: doc.source,
                key,
                baseline,
            }
        })
        .collect()
}

/// How many of `lost` (from [`regressions`]) are wrong values a known-loss entry does not expect:
/// `known_wrong` is the start of the wrong fact the entry allows ("problem count"), "" for none.
pub fn unexpected_wrong(lost: &[String], known_wrong: Option<&str>) -> usize {
    let expected = known_wrong
        .filter(|w| !w.is_empty())
        .map(|w| format!("WRONG  {w}"));
    lost.iter()
        .filter(|l| l.starts_with("WRONG"))
        .filter(|l| !expected.as_ref().is_some_and(|e| l.starts_with(e.as_str())))
        .count()
}

/// Facts right on the original that the variant lost or got wrong, and facts it got wrong.
pub fn regressions(k: &Keyed, v: &Score) -> Vec<String> {
    let now_right: BTreeSet<&String> = v.right.iter().collect();
    let mut out: Vec<String> = k
        .baseline
        .right
        .iter()
        .filter(|f| !now_right.contains(f))
        .map(|f| {
            let why = v
                .wrong
                .iter()
                .chain(&v.missing)
                .find(|w| w.starts_with(f.as_str()))
                .cloned()
                .unwrap_or_else(|| f.clone());
            format!("lost   {why}")
        })
        .collect();
    let was_wrong: BTreeSet<&String> = k.baseline.wrong.iter().collect();
    out.extend(
        v.wrong
            .iter()
            .filter(|w| !was_wrong.contains(w))
            .map(|w| format!("WRONG  {w}")),
    );
    out
}

/// Where the section of `kind` that `r` (the parse of a text of `len` bytes) found starts (its
/// heading) and where the next section starts (or the text ends).
pub fn section_span(r: &Report, kind: SectionKind, len: usize) -> Option<(usize, usize)> {
    let mut offsets: Vec<(usize, SectionKind)> = r
        .provenance
        .sections
        .iter()
        .map(|s| (s.offset, s.kind))
        .collect();
    offsets.sort();
    let i = offsets.iter().position(|(_, k)| *k == kind)?;
    let end = offsets.get(i + 1).map_or(len, |(o, _)| *o);
    Some((offsets[i].0, end))
}

/// `text` with the body of its section of `kind` (after `title` in the section's heading, up to
/// the next section's heading, where `r`, the parse of `text`, put them) replaced by `table`.
/// None where `r` has no such section or its heading does not hold `title`, or, with
/// `multi_line`, where the body is not on lines of its own.
pub fn with_section_body(
    text: &str,
    r: &Report,
    kind: SectionKind,
    title: &str,
    table: &str,
    multi_line: bool,
) -> Option<String> {
    let (at, end) = section_span(r, kind, text.len())?;
    let start = at + text[at..].find(title)? + title.len();
    (start < end && (!multi_line || text[start..end].contains('\n')))
        .then(|| format!("{}\n\n{table}\n\n{}", &text[..start], &text[end..]))
}

/// SplitMix64: a deterministic pseudo-random sequence for generated test inputs (no crate needed).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The report with its six parts numbered by `number` (1…6 → the marker) instead of 一、…六、,
/// at the headings the original's parse found; None where fewer than four are so numbered.
pub fn parts_renumbered(
    k: &Keyed,
    original: &gongkai::model::Report,
    number: impl Fn(usize) -> String,
) -> Option<String> {
    let mut at: Vec<(usize, usize)> = Vec::new();
    for s in &original.provenance.sections {
        let rest = &k.source[s.offset..];
        let mut it = rest.chars();
        let (Some(c), Some('、')) = (it.next(), it.next()) else {
            continue;
        };
        if let Some(n) = "一二三四五六".chars().position(|x| x == c) {
            at.push((s.offset, n + 1));
        }
    }
    if at.len() < 4 {
        return None;
    }
    at.sort();
    let mut out = String::new();
    let mut from = 0;
    for (off, n) in at {
        out.push_str(&k.source[from..off]);
        out.push_str(&number(n));
        from = off + "一、".len();
    }
    out.push_str(&k.source[from..]);
    Some(out)
}

/// A variant's failure as the metamorphic tests print it: `label`, how many facts it lost, and
/// the first eight of them.
pub fn lost_line(label: &str, lost: &[String]) -> String {
    let first: Vec<&str> = lost.iter().take(8).map(String::as_str).collect();
    format!("{label}: {} facts\n  {}", lost.len(), first.join("\n  "))
}

/// Applies `transform` to every keyed report (each variant it returns; none: not this report's
/// shape) and asserts that each variant keeps every fact; returns how many variants were made.
pub fn every_variant_keeps_every_fact(
    what: &str,
    transform: impl Fn(&Keyed, &gongkai::model::Report) -> Vec<String>,
) -> usize {
    let mut made = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        for (i, v) in transform(&k, &original).into_iter().enumerate() {
            if v == k.source {
                continue;
            }
            made += 1;
            let (_, lost) = read_variant(&k, &k.name, &format!("#{i} {what}"), &v);
            failures.extend(lost);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    made
}

/// A variant of a keyed report: the file name it is read as (its extension picks the format),
/// what a failure calls it after the report's name, and its source.
pub struct Variant {
    pub file: &'static str,
    pub label: String,
    pub source: String,
}

impl Variant {
    pub fn new(file: &'static str, label: impl Into<String>, source: String) -> Variant {
        Variant {
            file,
            label: label.into(),
            source,
        }
    }
}

/// Read every variant that `variants` makes of each keyed report (any format: a template
/// document written as text or a page, where [`every_variant_keeps_every_fact`] rewrites the
/// report's own source) and fail, with one line per
/// variant, where one loses a fact its report keeps, or where fewer than `at_least` were made.
/// `each` sees every report read, for a test's own assertions.
/// `got` is the key's string `field` (`agency`, `published` …), named by report and variant.
pub fn assert_key_str(k: &Keyed, v: &Variant, field: &str, got: Option<&str>) {
    assert_eq!(
        got,
        k.key[field].as_str(),
        "{} {}: {field}",
        k.name,
        v.label
    );
}

pub fn assert_variants_keep_facts(
    at_least: usize,
    variants: impl Fn(&Keyed) -> Vec<Variant>,
    each: impl Fn(&Keyed, &Variant, &Report),
) {
    assert_variants_keep_facts_but(at_least, variants, |_| false, each)
}

/// [`assert_variants_keep_facts`], where a fact that `unprinted` names (one the variants do not
/// print: absent from the table, or a check then skipped) may be lost, but never read wrong.
pub fn assert_variants_keep_facts_but(
    at_least: usize,
    variants: impl Fn(&Keyed) -> Vec<Variant>,
    unprinted: impl Fn(&str) -> bool,
    each: impl Fn(&Keyed, &Variant, &Report),
) {
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        for v in variants(&k) {
            made += 1;
            let r = gongkai::report_from_bytes(v.file, v.source.as_bytes()).unwrap();
            each(&k, &v, &r);
            let lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                .filter(|l| l.starts_with("WRONG") || !unprinted(l))
                .collect();
            if !lost.is_empty() {
                failures.push(lost_line(&format!("{} {}", k.name, v.label), &lost));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= at_least, "{made} variants");
}

/// A variant of `k` read as `file`, and the line that says what it lost of the facts its report
/// keeps, if it lost any.
fn read_variant(k: &Keyed, file: &str, label: &str, source: &str) -> (Report, Option<String>) {
    let r = gongkai::report_from_bytes(file, source.as_bytes()).unwrap();
    let lost = regressions(k, &score(&r, &k.key));
    let line = (!lost.is_empty()).then(|| lost_line(&format!("{} {label}", k.name), &lost));
    (r, line)
}

/// `source` with each (offset, length), in order and apart, replaced by its text.
pub fn replaced(source: &str, at: &[(usize, usize, String)]) -> String {
    let mut out = String::new();
    let mut from = 0;
    for (off, len, new) in at {
        out.push_str(&source[from..*off]);
        out.push_str(new);
        from = off + len;
    }
    out.push_str(&source[from..]);
    out
}

/// Table 三's columns: each key with the name a table (or a list) prints it by.
pub const REQUEST_COLUMN_NAMES: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

/// The delimiter of a tab row (`\t`) or a pipe row (`|`); None for any other line.
pub fn row_delimiter(line: &str) -> Option<char> {
    if line.contains('\t') {
        Some('\t')
    } else if line.trim_start().starts_with('|') {
        Some('|')
    } else {
        None
    }
}
