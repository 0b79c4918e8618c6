//! One agency under two names across years (`model::identity`): an agency that prints its
//! province or city before its name one year and not the next (the real 洪泽 PDFs: 洪泽区人民政府
//! 2023, 淮安市洪泽区人民政府 2024) is one agency for every question about its years — compare
//! over the years, prev(KEY) in rank, the anomalies against last year, reuse of last year's prose
//! and a profile's trend — while the same district name in two cities stays two agencies.

use crate::support::{self, gongkai};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// guangzhou-ybj-2022 as shipped (广州市医疗保障局 2022), its text again as 2023 under the
/// name with the province before it (广东省广州市医疗保障局), and two agencies of two cities
/// that share a district's name (南京市鼓楼区 2022, 福州市鼓楼区 2023), indexed.
fn index() -> &'static (PathBuf, String) {
    static I: OnceLock<(PathBuf, String)> = OnceLock::new();
    I.get_or_init(|| {
        let root = support::scratch("agency-identity");
        let reports = root.join("reports");
        std::fs::create_dir_all(&reports).unwrap();
        let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
        let variant = |name: &str, year: &str| {
            text.replace("广州市医疗保障局", name)
                .replace("2022年", &format!("{year}年"))
        };
        let files = [
            ("guangzhou-ybj-2022.txt", text.clone()),
            (
                "guangzhou-ybj-2023.txt",
                variant("广东省广州市医疗保障局", "2023"),
            ),
            (
                "nanjing-gulou-2022.txt",
                variant("南京市鼓楼区医疗保障局", "2022"),
            ),
            (
                "fuzhou-gulou-2023.txt",
                variant("福州市鼓楼区医疗保障局", "2023"),
            ),
        ];
        for (f, t) in files {
            std::fs::write(reports.join(f), t).unwrap();
        }
        let idx = root.join("idx");
        support::build_index(&reports, &idx);
        (reports, idx.to_str().unwrap().to_string())
    })
}

fn file_name(v: &Value) -> &str {
    let s = v.as_str().unwrap_or_default();
    Path::new(s).file_name().unwrap().to_str().unwrap()
}

#[test]
fn the_variant_parses_as_written() {
    let (reports, _) = index();
    let r = gongkai::load_report(&reports.join("guangzhou-ybj-2023.txt")).unwrap();
    assert_eq!(r.agency.as_deref(), Some("广东省广州市医疗保障局"));
    assert_eq!(r.year, Some(2023));
    let shipped = gongkai::load_report(Path::new("corpus/guangzhou-ybj-2022.txt")).unwrap();
    assert_eq!(r.agency_identity(), shipped.agency_identity());
}

#[test]
fn compare_over_the_years_joins_both_names() {
    let (_, idx) = index();
    let o = gongkai(&["compare", "广州", "--index", idx, "--json"]);
    let t: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(t["agency"], "广东省广州市医疗保障局", "the latest name");
    assert_eq!(t["years"], serde_json::json!([2022, 2023]));
    let sources: Vec<&str> = t["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(file_name)
        .collect();
    assert_eq!(
        sources,
        ["guangzhou-ybj-2022.txt", "guangzhou-ybj-2023.txt"]
    );
    assert_eq!(
        t["agencies"],
        serde_json::json!(["广州市医疗保障局", "广东省广州市医疗保障局"])
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("printed as 广州市医疗保障局 in 2022; the same agency"),
        "{err}"
    );
    // The web page says so too, and its JSON is the command line's.
    let server = support::server::Server::start(Path::new(idx), &[]);
    let guangzhou = "%E5%B9%BF%E5%B7%9E";
    let page = support::http::get(&server.url(&format!("/compare?agency={guangzhou}")));
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("2022年署名为“广州市医疗保障局”；同一机关。"),
        "{}",
        page.body
    );
    let api = support::http::get(&server.url(&format!("/api/compare?agency={guangzhou}")));
    assert_eq!(serde_json::from_str::<Value>(&api.body).unwrap(), t);
    // Named by the other name, or by a part only one of the names holds: the same agency.
    for name in ["广州市医疗保障局", "广东省广州"] {
        let o = gongkai(&["compare", name, "--index", idx, "--json"]);
        let t: Value = serde_json::from_str(&ok(&o)).unwrap();
        assert_eq!(t["years"], serde_json::json!([2022, 2023]), "{name}");
    }
    // A year under the other name.
    let o = gongkai(&[
        "compare",
        "广东省广州:2022",
        "南京:2022",
        "--index",
        idx,
        "--json",
    ]);
    let c: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(file_name(&c["left"]["source"]), "guangzhou-ybj-2022.txt");
}

#[test]
fn one_district_name_in_two_cities_is_two_agencies() {
    let (_, idx) = index();
    let o = gongkai(&["compare", "鼓楼区", "--index", idx]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("'鼓楼区' matches 2 agencies: 南京市鼓楼区医疗保障局, 福州市鼓楼区医疗保障局"),
        "{err}"
    );
    // Neither is the other's previous year.
    let o = gongkai(&["themes", "--reuse", "--index", idx, "--json"]);
    let rows = lines(&ok(&o));
    let fuzhou = rows
        .iter()
        .find(|r| file_name(&r["source"]) == "fuzhou-gulou-2023.txt")
        .unwrap();
    assert!(fuzhou["previous"].is_null(), "{fuzhou}");
}

#[test]
fn last_years_report_under_its_other_name_is_the_previous_one() {
    let (_, idx) = index();
    // prev(KEY): 新收 25 both years, growth 0 — a value, not "no 2022 report".
    let o = gongkai(&["rank", "growth.new_received", "--index", idx, "--json"]);
    let rows = lines(&ok(&o));
    let gz = rows
        .iter()
        .find(|r| file_name(&r["source"]) == "guangzhou-ybj-2023.txt")
        .expect("ranked");
    assert_eq!(gz["value"], 0.0);
    // The Fuzhou report has no previous year: 南京's 鼓楼区 is another agency.
    assert!(!rows
        .iter()
        .any(|r| file_name(&r["source"]) == "fuzhou-gulou-2023.txt"));

    // Reuse: the 2023 text is the 2022 one.
    let o = gongkai(&["themes", "--reuse", "--index", idx, "--json"]);
    let rows = lines(&ok(&o));
    let gz = rows
        .iter()
        .find(|r| file_name(&r["source"]) == "guangzhou-ybj-2023.txt")
        .unwrap();
    assert_eq!(
        file_name(&gz["previous"]["source"]),
        "guangzhou-ybj-2022.txt"
    );
    assert_eq!(gz["previous"]["agency"], "广州市医疗保障局");

    // Anomalies against last year: 2022 carried 10 forward, 2023 received none from it.
    let o = gongkai(&["anomalies", "--agency", "广东省", "--index", idx, "--json"]);
    let found = lines(&ok(&o));
    let kinds: Vec<&str> = found.iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["carried_over", "copied"], "{found:?}");
    assert_eq!(found[0]["value"], 0.0);
    assert_eq!(found[0]["expected"], 10.0);

    // A profile's trend: both years.
    let o = gongkai(&["profile", "广州", "--index", idx, "--json"]);
    let p: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(p["trend"]["years"], serde_json::json!([2022, 2023]));
    let growth = p["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "growth.new_received")
        .unwrap();
    assert_eq!(growth["value"], 0.0, "{growth}");
}

/// The real 洪泽 PDFs print the two names (skipped where `../shared/corpus-pdf` is absent).
#[test]
fn the_real_hongze_reports_are_one_agency() {
    let Some(pdfs) = crate::common::shared_pdf_dir() else {
        eprintln!("../shared/corpus-pdf absent: skipped");
        return;
    };
    let root = support::scratch("agency-identity-hongze");
    let reports = root.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    for f in [
        "huaian-hongze-2023.pdf",
        "huaian-hongze-2024.pdf",
        "huaian-city-2024.pdf",
    ] {
        std::fs::copy(pdfs.join(f), reports.join(f)).unwrap();
    }
    let idx = root.join("idx");
    support::build_index(&reports, &idx);
    let idx = idx.to_str().unwrap();
    let o = gongkai(&["compare", "洪泽", "--index", idx, "--json"]);
    let t: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(t["agency"], "淮安市洪泽区人民政府");
    assert_eq!(t["years"], serde_json::json!([2023, 2024]));
    // 新收 21 → 95.
    let o = gongkai(&["rank", "growth.new_received", "--index", idx, "--json"]);
    let rows = lines(&ok(&o));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(file_name(&rows[0]["source"]), "huaian-hongze-2024.pdf");
    assert!((rows[0]["value"].as_f64().unwrap() - 74.0 / 21.0).abs() < 1e-9);
    // The city's own report is not the district's.
    let o = gongkai(&["compare", "淮安市人民政府", "--index", idx, "--json"]);
    let t: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(t["years"], serde_json::json!([2024]));
}

/// 政府 for 人民政府: shuyang-county-gov-2025 as shipped (沐阳县人民政府), its text again as 2024
/// signed with the short name every county writes (沐阳县政府), and as its office's (沐阳县人民
/// 政府办公室 2024), indexed: the government's two names are one agency over the years, its
/// office another.
#[test]
fn a_short_form_of_the_name_is_the_same_agency_over_the_years() {
    let root = support::scratch("agency-identity-short");
    let reports = root.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let text = std::fs::read_to_string("corpus/shuyang-county-gov-2025.md").unwrap();
    let variant = |name: &str| {
        text.replace("沐阳县人民政府", name)
            .replace("2025年", "2024年")
            .replace("2025 年", "2024 年")
    };
    std::fs::write(reports.join("shuyang-2025.md"), &text).unwrap();
    std::fs::write(reports.join("shuyang-2024.md"), variant("沐阳县政府")).unwrap();
    std::fs::write(
        reports.join("shuyang-office-2024.md"),
        variant("沐阳县人民政府办公室"),
    )
    .unwrap();
    let idx = root.join("idx");
    support::build_index(&reports, &idx);
    let idx = idx.to_str().unwrap();
    for name in ["沐阳县人民政府", "沐阳县政府"] {
        let o = gongkai(&["compare", name, "--index", idx, "--json"]);
        let t: Value = serde_json::from_str(&ok(&o)).unwrap();
        assert_eq!(t["years"], serde_json::json!([2024, 2025]), "{name}");
        assert_eq!(
            t["agencies"],
            serde_json::json!(["沐阳县政府", "沐阳县人民政府"]),
            "{name}"
        );
    }
    // Last year's report under the short name is the previous one.
    let o = gongkai(&["themes", "--reuse", "--index", idx, "--json"]);
    let rows = lines(&ok(&o));
    let latest = rows
        .iter()
        .find(|r| file_name(&r["source"]) == "shuyang-2025.md")
        .unwrap();
    assert_eq!(file_name(&latest["previous"]["source"]), "shuyang-2024.md");
    // The office is another agency.
    let o = gongkai(&["compare", "办公室", "--index", idx, "--json"]);
    let t: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(t["years"], serde_json::json!([2024]));
}
