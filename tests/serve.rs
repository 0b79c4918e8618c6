//! `gongkai serve` from outside: the real binary on a free loopback port over an index of the
//! shipped corpus plus a hostile report. Every API answer equals the command line's `--json`
//! answer to the same question; bad parameters are 400 and unknown reports 404, each with one
//! line; limits hold; report text is escaped wherever a page shows it.

use crate::support;

use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use support::http::{enc, get};
use support::server::{cli, fixture, lines, Server, BIN, HOSTILE_AGENCY, IMG, SCRIPT};

/// The index, built once; each test starts its own server (a server in a static would outlive
/// the test process).
struct Fixture {
    index: PathBuf,
}

fn index() -> &'static PathBuf {
    static F: OnceLock<Fixture> = OnceLock::new();
    &F.get_or_init(|| Fixture {
        index: fixture("serve").1,
    })
    .index
}

/// The index and a server over it.
fn fx() -> Test {
    Test {
        index: index().clone(),
        server: Server::start(index(), &[]),
    }
}

struct Test {
    index: PathBuf,
    server: Server,
}

fn api_of(s: &Server, path: &str) -> Value {
    let a = get(&s.url(path));
    assert_eq!(a.status, 200, "{path}: {}", a.body);
    assert!(
        a.header("content-type")
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
    a.json()
}

#[test]
fn search_answers_as_the_cli() {
    let f = fx();
    let cases: &[(&str, &str, &[&str])] = &[
        ("政策解读", "", &[]),
        ("公开", "&section=problems", &["--section", "problems"]),
        (
            "平台",
            "&section=%E5%B9%B3%E5%8F%B0%E5%BB%BA%E8%AE%BE",
            &["--section", "平台建设"],
        ),
        (
            "申请",
            "&year=2019..2023&where=requests.new_received.total%3E10",
            &[
                "--year",
                "2019..2023",
                "--where",
                "requests.new_received.total>10",
            ],
        ),
        (
            "\"政务 公开\" -培训",
            "&agency=%E5%B8%82",
            &["--agency", "市"],
        ),
        ("解读", "&items=1", &["--items"]),
    ];
    for (q, extra, flags) in cases {
        let got = api_of(&f.server, &format!("/api/search?q={}&n=50{extra}", enc(q)));
        let mut args = vec!["search", "-n", "50", "--json"];
        args.extend_from_slice(flags);
        args.extend(["--", q]);
        let hits = lines(&cli(&f.index, &args));
        assert_eq!(got["hits"], hits, "{q}");
        let mut count = vec!["search", "--count", "--json"];
        count.extend_from_slice(flags);
        count.extend(["--", q]);
        let total: Value = serde_json::from_str(cli(&f.index, &count).trim()).unwrap();
        assert_eq!(got["total"], total["count"], "{q}");
        assert!(
            got["total"].as_u64().unwrap() > 0,
            "{q}: an empty answer proves nothing"
        );
        assert_eq!(
            got.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["total", "hits"]
        );
    }
    // n limits the hits, not the total.
    let two = api_of(&f.server, "/api/search?q=%E5%85%AC%E5%BC%80&n=2");
    assert_eq!(two["hits"].as_array().unwrap().len(), 2);
    assert!(two["total"].as_u64().unwrap() > 2);
}

#[test]
fn a_report_is_the_parsed_report() {
    let f = fx();
    let list = lines(&cli(&f.index, &["search", "--json", "-n", "100"]));
    let sources: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 11);
    for s in sources {
        let got = api_of(&f.server, &format!("/api/report?source={}", enc(s)));
        let out = std::process::Command::new(BIN)
            .args(["parse", "--json", s])
            .output()
            .unwrap();
        let want: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(got, want, "{s}");
    }
}

#[test]
fn compare_answers_as_the_cli() {
    let f = fx();
    let pair = api_of(
        &f.server,
        "/api/compare?left=%E5%B9%BF%E5%B7%9E:2022&right=%E5%B4%87%E6%98%8E:2023",
    );
    let want: Value = serde_json::from_str(&cli(
        &f.index,
        &["compare", "广州:2022", "崇明:2023", "--json"],
    ))
    .unwrap();
    assert_eq!(pair, want);
    // A known figure and its Δ (广州 25 → 崇明 1).
    let fig = pair["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["key"] == "requests.new_received.total")
        .unwrap();
    assert_eq!(
        (
            fig["left"].clone(),
            fig["right"].clone(),
            fig["delta"].clone()
        ),
        (25.into(), 1.into(), (-24).into())
    );
    let lines_on = api_of(
        &f.server,
        "/api/compare?left=%E5%B9%BF%E5%B7%9E:2022&right=%E5%B4%87%E6%98%8E:2023&lines=1",
    );
    let want: Value = serde_json::from_str(&cli(
        &f.index,
        &["compare", "广州:2022", "崇明:2023", "--lines", "--json"],
    ))
    .unwrap();
    assert_eq!(lines_on, want);
    let years = api_of(
        &f.server,
        "/api/compare?agency=%E5%B9%B3%E6%BD%AD&years=2019..2025",
    );
    let want: Value = serde_json::from_str(&cli(
        &f.index,
        &["compare", "平潭", "--years", "2019..2025", "--json"],
    ))
    .unwrap();
    assert_eq!(years, want);
}

#[test]
fn themes_rank_profile_and_anomalies_answer_as_the_cli() {
    let f = fx();
    assert_eq!(
        api_of(&f.server, "/api/themes"),
        lines(&cli(&f.index, &["themes", "--json"]))
    );
    assert_eq!(
        api_of(
            &f.server,
            "/api/themes?by=province&section=improvements&year=2020.."
        ),
        lines(&cli(
            &f.index,
            &[
                "themes",
                "--json",
                "--by",
                "province",
                "--section",
                "improvements",
                "--year",
                "2020.."
            ]
        ))
    );
    assert_eq!(
        api_of(&f.server, "/api/rank?key=rate.disclosed&missing=1"),
        lines(&cli(
            &f.index,
            &["rank", "rate.disclosed", "--json", "--missing"]
        ))
    );
    assert_eq!(
        api_of(
            &f.server,
            "/api/rank?key=%E6%96%B0%E6%94%B6%C2%B7%E6%80%BB%E8%AE%A1&by=level&top=2&asc=1"
        ),
        lines(&cli(
            &f.index,
            &[
                "rank",
                "新收·总计",
                "--json",
                "--by",
                "level",
                "--top",
                "2",
                "--asc"
            ]
        ))
    );
    let want: Value = serde_json::from_str(&cli(
        &f.index,
        &["profile", "平潭:2022", "--peers", "all", "--json"],
    ))
    .unwrap();
    assert_eq!(
        api_of(
            &f.server,
            "/api/profile?agency=%E5%B9%B3%E6%BD%AD:2022&peers=all"
        ),
        want
    );
    assert_eq!(
        api_of(&f.server, "/api/anomalies"),
        lines(&cli(&f.index, &["anomalies", "--json"]))
    );
    assert_eq!(
        api_of(&f.server, "/api/anomalies?kind=check&top=1"),
        lines(&cli(
            &f.index,
            &["anomalies", "--json", "--kind", "check", "--top", "1"]
        ))
    );
}

/// Status and the one line of an answer that must fail.
fn failing(s: &Server, path: &str) -> (u16, String) {
    let a = get(&s.url(path));
    assert!(a.status >= 400, "{path} answered {}", a.status);
    let body = a.body.trim_end().to_string();
    if path.starts_with("/api/") {
        assert!(!body.contains('\n'), "{path}: not one line: {body}");
        assert!(a.header("content-type").unwrap().starts_with("text/plain"));
    }
    (a.status, body)
}

#[test]
fn bad_parameters_are_400_and_unknown_reports_404() {
    let long = "政".repeat(201);
    let cases: Vec<(String, u16, &str)> = vec![
        ("/api/search".into(), 400, "'q' is missing"),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&nope=1".into(),
            400,
            "unknown parameter 'nope'",
        ),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&year=2024..2021".into(),
            400,
            "2024",
        ),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&where=x%3E1".into(),
            400,
            "x",
        ),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&section=nope".into(),
            400,
            "unknown section",
        ),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&n=0".into(),
            400,
            "from 1 to 100",
        ),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&n=101".into(),
            400,
            "from 1 to 100",
        ),
        (
            "/api/search?q=%E5%85%AC%E5%BC%80&n=5&n=6".into(),
            400,
            "twice",
        ),
        ("/api/search?q=%22%E5%85%AC".into(), 400, "quote"),
        (format!("/api/search?q={}", enc(&long)), 400, "at most 200"),
        ("/api/report".into(), 400, "'source' is missing"),
        (
            "/api/report?source=..%2F..%2Fetc%2Fpasswd".into(),
            404,
            "no indexed report",
        ),
        (
            "/api/report?source=%2Fetc%2Fpasswd".into(),
            404,
            "no indexed report",
        ),
        (
            "/api/compare?left=%E5%B9%BF%E5%B7%9E:2022".into(),
            400,
            "give 'left' and 'right'",
        ),
        (
            "/api/compare?left=%E6%B2%A1%E6%9C%89:2022&right=%E5%B4%87%E6%98%8E:2023".into(),
            404,
            "没有",
        ),
        ("/api/themes?by=nope".into(), 400, "year or province"),
        ("/api/rank".into(), 400, "'key' is missing"),
        ("/api/rank?key=%E6%96%B0%E6%94%B6".into(), 400, "ambiguous"),
        ("/api/profile?agency=%E6%B2%A1%E6%9C%89".into(), 404, "没有"),
        ("/api/anomalies?kind=nope".into(), 400, "one of check"),
        ("/api/nothing".into(), 404, "no page"),
        ("/report?source=nope".into(), 404, "no indexed report"),
        ("/?q=%E5%85%AC%E5%BC%80&page=51".into(), 400, "from 1 to 50"),
        ("/../../etc/passwd".into(), 404, ""),
    ];
    let f = fx();
    for (path, status, words) in &cases {
        let (got, body) = failing(&f.server, path);
        assert_eq!(got, *status, "{path}: {body}");
        assert!(body.contains(words), "{path}: {body}");
    }
}

#[test]
fn every_answer_carries_the_security_headers() {
    let f = fx();
    for path in [
        "/",
        "/api/search?q=%E5%85%AC%E5%BC%80",
        "/assets/style.css",
        "/nope",
    ] {
        let a = get(&f.server.url(path));
        let csp = a.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("unsafe"),
            "{path}: {csp}"
        );
        assert_eq!(
            a.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
}

#[test]
fn every_page_answers() {
    let f = fx();
    let pages: &[(&str, &str)] = &[
        ("/", "份报告"),
        (
            "/?q=%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB&section=problems",
            "<mark>政策解读</mark>",
        ),
        ("/report?source=", ""),
        (
            "/compare?left=%E5%B9%BF%E5%B7%9E:2022&right=%E5%B4%87%E6%98%8E:2023",
            "<svg",
        ),
        ("/compare?agency=%E5%B9%B3%E6%BD%AD", "<polyline"),
        ("/themes", "政策解读形式单一"),
        ("/rank?key=rate.disclosed", "汝州市医疗保障局"),
        ("/rank", "rate.disclosed"),
        (
            "/profile?agency=%E5%B9%B3%E6%BD%AD:2022&peers=all",
            "平潭综合实验区",
        ),
        ("/anomalies", "上海市崇明区医疗保障局"),
    ];
    for (path, marker) in pages {
        let path = if path.starts_with("/report") {
            let list = lines(&cli(&f.index, &["search", "--json", "-n", "1"]));
            format!(
                "/report?source={}",
                enc(list[0]["source"].as_str().unwrap())
            )
        } else {
            path.to_string()
        };
        let a = get(&f.server.url(&path));
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        assert!(
            a.body.starts_with("<!DOCTYPE html><html lang=\"zh-CN\">"),
            "{path}"
        );
        assert!(a.body.contains(marker), "{path}: no {marker}");
        assert!(!a.body.contains("<script"), "{path}: a script");
    }
}

/// The filter form offers `level` and `agency_kind` (the API read them; the page had no field for
/// them), keeps the chosen ones selected, and the page finds what the command line finds.
#[test]
fn the_filter_form_offers_level_and_agency_kind() {
    let f = fx();
    for (path, level, kind) in [
        ("/?q=%E5%85%AC%E5%BC%80&level=county", "county", ""),
        (
            "/?q=%E5%85%AC%E5%BC%80&level=city&agency_kind=department",
            "city",
            "department",
        ),
        ("/themes?agency_kind=government", "", "government"),
        ("/rank?key=rate.disclosed&level=county", "county", ""),
    ] {
        let a = get(&f.server.url(path));
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        for (name, options, chosen) in [
            (
                "level",
                &["", "province", "city", "county", "township"][..],
                level,
            ),
            ("agency_kind", &["", "government", "department"][..], kind),
        ] {
            assert!(
                a.body.contains(&format!("<select name=\"{name}\">")),
                "{path}"
            );
            for o in options {
                let selected = if *o == chosen {
                    " selected=\"selected\""
                } else {
                    ""
                };
                assert!(
                    a.body
                        .contains(&format!("<option value=\"{o}\"{selected}>")),
                    "{path}: option {name}={o}{selected}"
                );
            }
        }
    }
    // The page counts what `search --level --agency-kind --count` counts.
    for (level, kind) in [("county", "government"), ("city", "department")] {
        let page = get(&f.server.url(&format!(
            "/?q=%E5%85%AC%E5%BC%80&level={level}&agency_kind={kind}"
        )));
        let n = cli(
            &f.index,
            &[
                "search",
                "公开",
                "--level",
                level,
                "--agency-kind",
                kind,
                "--count",
            ],
        );
        let n: usize = n.trim().parse().unwrap();
        assert!(n > 0, "{level} {kind}: the corpus has such sections");
        assert!(
            page.body.contains(&format!("共 {n} 个章节匹配")),
            "{level} {kind}: {n} sections"
        );
    }
}

/// The rank page lists at most `top` rows however many reports tie within the first `top` ranks,
/// and counts the rest (at 10⁶ reports, ties at the top of 公开率 made a 72,083-row page).
#[test]
fn the_rank_page_lists_at_most_top_rows_and_counts_the_ties_left_out() {
    let f = fx();
    // Five shipped reports decided no licensing case: all rank 1 in ascending order.
    let tied = lines(&cli(
        &f.index,
        &[
            "rank",
            "disclosure.licensing.decisions",
            "--asc",
            "--top",
            "1",
            "--json",
        ],
    ))
    .as_array()
    .unwrap()
    .iter()
    .filter(|l| l["rank"] == 1)
    .count();
    assert!(tied >= 3, "the corpus has reports tied at rank 1: {tied}");
    for top in [1, 2] {
        let a = get(&f.server.url(&format!(
            "/rank?key=disclosure.licensing.decisions&asc=1&top={top}"
        )));
        assert_eq!(a.status, 200, "{}", a.body);
        let table = &a.body[a.body.find("<table class=\"rank\">").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert_eq!(
            table.matches("<tr>").count(),
            1 + top,
            "header and {top} rows"
        );
        assert!(
            a.body.contains(&format!(
                "另有 {} 份报告与所列报告并列在前 {top} 名内",
                tied - top
            )),
            "top={top}: the {} left out are counted",
            tied - top
        );
    }
    // Without ties past the cut, no note.
    let a = get(&f
        .server
        .url("/rank?key=disclosure.licensing.decisions&asc=1&top=200"));
    assert!(!a.body.contains("另有"));
}

#[test]
fn report_text_is_escaped_everywhere_it_is_shown() {
    let f = fx();
    let hostile = lines(&cli(
        &f.index,
        &["search", "--json", "--agency", HOSTILE_AGENCY],
    ));
    let source = hostile[0]["source"].as_str().unwrap().to_string();
    let escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    let escaped_img = "&lt;img src=x onerror=alert(1)&gt;";
    let pages = [
        format!("/report?source={}", enc(&source)),
        format!("/?q={}", enc("回复不及时")),
        "/themes".to_string(),
        format!(
            "/compare?left={}&right={}",
            enc(&format!("{HOSTILE_AGENCY}:2019")),
            enc("广州:2022")
        ),
        format!("/anomalies?agency={}", enc(HOSTILE_AGENCY)),
    ];
    for path in &pages {
        let a = get(&f.server.url(path));
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        let b = &a.body;
        assert!(
            !b.contains(SCRIPT) && !b.contains("<script"),
            "{path}: a raw script"
        );
        assert!(!b.contains(IMG) && !b.contains("<img"), "{path}: a raw img");
        if !path.starts_with("/anomalies") {
            assert!(
                b.contains(escaped_script) || b.contains("&lt;script&gt;"),
                "{path}: the payload is not shown"
            );
        }
    }
    let report = get(&f.server.url(&pages[0])).body;
    assert!(report.contains(escaped_img));
    // The raw payload of the HTML source is shown, escaped, in the source line of cell 821.
    assert!(
        report.contains("alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2;alert(2)&quot;&gt;"),
        "the source line of the cell"
    );
    // In the JSON the payload is data.
    let hits = api_of(&f.server, &format!("/api/search?q={}", enc("回复不及时")));
    assert!(hits["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains(SCRIPT));
}

#[test]
fn a_request_over_the_time_limit_is_503() {
    let slow = Server::start(index(), &["--timeout", "0"]);
    let a = get(&slow.url("/api/themes"));
    assert_eq!(a.status, 503, "{}", a.body);
    assert!(a.body.contains("longer than"), "{}", a.body);
    let page = get(&slow.url("/themes"));
    assert_eq!(page.status, 503);
    assert!(page.body.contains("请求超时"));
}

/// A page or API answer whose request ran out of time is still computed, and kept: the next
/// request for it (its parameters in any order) is answered with it at once, as a server without
/// the limit answers. Another question is computed afresh.
#[test]
fn an_answer_that_outlives_its_request_is_kept_for_the_next() {
    let slow = Server::start(index(), &["--timeout", "0"]);
    let f = fx();
    for (asked, again, marker) in [
        (
            "/themes?by=province&section=problems",
            "/themes?section=problems&by=province",
            "政策解读形式单一",
        ),
        (
            "/api/themes?by=province&section=problems",
            "/api/themes?section=problems&by=province",
            "政策解读形式单一",
        ),
    ] {
        let first = get(&slow.url(asked));
        assert_eq!(first.status, 503, "{asked}: {}", first.body);
        let mut kept = None;
        for _ in 0..400 {
            let a = get(&slow.url(again));
            if a.status == 200 {
                kept = Some(a);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let kept = kept.expect("the answer computed after its request timed out is kept");
        let fresh = get(&f.server.url(asked));
        assert_eq!(fresh.status, 200);
        assert_eq!(kept.body, fresh.body, "{asked}");
        assert_eq!(
            kept.header("content-type"),
            fresh.header("content-type"),
            "{asked}"
        );
        assert!(kept.body.contains(marker), "{asked}");
    }
    assert_eq!(get(&slow.url("/themes?by=year")).status, 503);
    assert_eq!(get(&slow.url("/api/themes?by=year")).status, 503);
}

#[test]
fn an_address_in_use_or_not_an_address_is_one_line_and_exit_2() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = held.local_addr().unwrap().to_string();
    for bind in [addr.as_str(), "not-an-address", "127.0.0.1:99999"] {
        let out = std::process::Command::new(BIN)
            .args(["serve", "--bind", bind, "--index"])
            .arg(index())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bind}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{bind}: {err}");
        assert!(
            err.contains(&format!("cannot listen on {bind}")),
            "{bind}: {err}"
        );
    }
}
