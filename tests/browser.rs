//! The pages in a real browser: headless Chromium driven by chromedriver over WebDriver's JSON
//! protocol (spoken directly, with the small HTTP client of `support::http`). The search shows
//! the hits the CLI finds; the compare page shows a known figure and its Δ and draws its charts;
//! clicking a figure shows its source line; the hostile report's `<script>` and `onerror` run
//! nothing; no page leaves an error in the browser's console. Screenshots go to
//! `target/screenshots/` for a person to look at.
//!
//! Without `/usr/bin/chromedriver` the test is skipped, loudly — unless `GK_REQUIRE_BROWSER=1`
//! (CI sets it), which makes a missing browser a failure.

use crate::support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::http::{delete, enc, get, post};
use support::server::{cli, fixture, lines, Server, HOSTILE_AGENCY};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// The key WebDriver returns an element reference under.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The chromedriver process, stopped when dropped (also when starting a session fails).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver and one browser session; both ended when dropped.
struct Browser {
    _driver: Driver,
    base: String,
    session: String,
    _profile: PathBuf,
}

impl Browser {
    fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Driver(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver does not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = support::scratch("browser-profile");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1100,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            },
            "goog:loggingPrefs": {"browser": "ALL"},
            // An alert stays open, and every later command reports it.
            "unhandledPromptBehavior": "ignore"
        }}});
        let a = post(&format!("{base}/session"), &caps.to_string());
        assert_eq!(a.status, 200, "new session: {}", a.body);
        let session = a.json()["value"]["sessionId"].as_str().unwrap().to_string();
        Browser {
            _driver: driver,
            base,
            session,
            _profile: profile,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session)
    }

    /// A WebDriver command; its `value`, or a panic with WebDriver's error.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let a = match method {
            "GET" => get(&self.url(path)),
            _ => post(&self.url(path), &body.to_string()),
        };
        let v = a.json();
        assert_eq!(a.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    /// Wait (up to 20 s) until `condition`, a JavaScript expression, is true: a click that
    /// submits a form returns before the next page has loaded.
    fn wait_for(&self, condition: &str) {
        let start = Instant::now();
        let script = json!({"script": format!("return !!({condition})"), "args": []});
        // A page being replaced may fail the script: that is not yet.
        let holds = || {
            let a = post(&self.url("/execute/sync"), &script.to_string());
            a.status == 200 && a.json()["value"] == Value::Bool(true)
        };
        while !holds() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited in vain for {condition}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), Value::Null)
            .as_str()
            .unwrap()
            .to_string()
    }

    fn click(&self, element: &str) {
        self.call("POST", &format!("/element/{element}/click"), json!({}));
    }

    /// Whether an alert (or another prompt) is open.
    fn alert_open(&self) -> bool {
        get(&self.url("/alert/text")).status == 200
    }

    /// The console entries at level SEVERE since the last call.
    fn console_errors(&self) -> Vec<String> {
        let v = self.call("POST", "/se/log", json!({"type": "browser"}));
        v.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or("").to_string())
            .collect()
    }

    fn screenshot(&self, name: &str) {
        let b64 = self.call("GET", "/screenshot", Value::Null);
        let png = base64(b64.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"));
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending the session ends the browser; the driver stops after, as a field.
        let _ = delete(&format!("{}/session/{}", self.base, self.session));
        let _ = std::fs::remove_dir_all(&self._profile);
    }
}

fn base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= (value(*c) as u32) << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

/// Whether the browser is here; a loud skip, or a failure when CI requires it.
fn browser_available() -> bool {
    if Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists() {
        return true;
    }
    let required = std::env::var("GK_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "GK_REQUIRE_BROWSER=1 but {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)"
    );
    eprintln!(
        "\n*** SKIPPED tests/browser.rs: no {CHROMEDRIVER} / {CHROMIUM} (apt-get install chromium chromium-driver; GK_REQUIRE_BROWSER=1 makes this a failure) ***\n"
    );
    false
}

/// Every page, one browser: one test, so that chromium starts once.
#[test]
fn the_pages_work_in_a_real_browser() {
    if !browser_available() {
        return;
    }
    let (_, index) = fixture("browser");
    let server = Server::start(&index, &[]);
    let b = Browser::start();
    let page_is_clean = |what: &str| {
        assert!(!b.alert_open(), "{what}: an alert is open");
        let errors = b.console_errors();
        assert!(errors.is_empty(), "{what}: console errors {errors:?}");
    };

    // Search: typed into the box, the hits are the CLI's, in its order.
    b.go(&server.url("/"));
    let q = b.find("#q");
    b.call(
        "POST",
        &format!("/element/{q}/value"),
        json!({"text": "政策解读"}),
    );
    let button = b.find("form.search button");
    b.click(&button);
    b.wait_for("location.search.includes('q=') && document.readyState === 'complete'");
    let shown = b.js(
        "return Array.from(document.querySelectorAll('li.hit .source')).map(e => e.textContent)",
    );
    let want: Vec<Value> = lines(&cli(
        &index,
        &["search", "-n", "20", "--json", "--", "政策解读"],
    ))
    .as_array()
    .unwrap()
    .iter()
    .map(|h| h["source"].clone())
    .collect();
    assert!(!want.is_empty());
    assert_eq!(shown, Value::Array(want), "the search page's hits");
    let marks = b.js("return document.querySelectorAll('li.hit mark').length");
    assert!(marks.as_u64().unwrap() > 0, "no highlighted words");
    b.screenshot("search");
    page_is_clean("search");

    // Compare: a known figure and its Δ, as the CLI computes them, and the charts drawn.
    let c: Value = serde_json::from_str(&cli(
        &index,
        &["compare", "广州:2022", "崇明:2023", "--json"],
    ))
    .unwrap();
    let fig = c["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "requests.new_received.total")
        .unwrap()
        .clone();
    b.go(&server.url(&format!(
        "/compare?left={}&right={}",
        enc("广州:2022"),
        enc("崇明:2023")
    )));
    let row = "tr[data-key='requests.new_received.total']";
    let cell = |class: &str| b.text(&b.find(&format!("{row} td.{class}")));
    assert_eq!(cell("left"), fig["left"].to_string());
    assert_eq!(cell("right"), fig["right"].to_string());
    assert_eq!(cell("delta"), fig["delta"].to_string()); // -24
    assert!(b
        .js(&format!(
            "return document.querySelector(\"{row}\").classList.contains('changed')"
        ))
        .as_bool()
        .unwrap());
    let bars = b.js(
        "return Array.from(document.querySelectorAll('svg.chart rect')).filter(r => r.getBoundingClientRect().width > 1).length",
    );
    assert!(bars.as_u64().unwrap() >= 4, "bars drawn: {bars}");
    b.screenshot("compare");
    page_is_clean("compare");

    // A figure clicked shows its source line, the cell marked.
    let sources = lines(&cli(&index, &["search", "--json", "--agency", "广州"]));
    let gz = sources[0]["source"].as_str().unwrap().to_string();
    b.go(&server.url(&format!("/report?source={}", enc(&gz))));
    let key = "requests.new_received.total";
    let panel = format!("document.getElementById('p-{key}')");
    let visible = |b: &Browser| {
        b.js(&format!(
            "return getComputedStyle({panel}).display !== 'none'"
        ))
        .as_bool()
        .unwrap()
    };
    assert!(!visible(&b), "the provenance is hidden until asked for");
    b.click(&b.find(&format!("a.cell[data-key='{key}']")));
    assert!(visible(&b), "the click shows the provenance");
    // The line the parsed report names (the figure 25, printed alone on line 133 of this
    // report), marked.
    let report: Value = serde_json::from_str(
        &String::from_utf8(
            Command::new(support::server::BIN)
                .args(["parse", "--json", &gz])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    )
    .unwrap();
    let prov = &report["provenance"]["cells"][key];
    let mark = b.js(&format!(
        "return {panel}.querySelector('pre.line mark').textContent"
    ));
    assert_eq!(mark, prov["raw"]);
    assert_eq!(mark, "25");
    let here = b.js(&format!(
        "return {panel}.querySelector('pre.line .here').textContent"
    ));
    assert!(
        here.as_str()
            .unwrap()
            .trim_start()
            .starts_with(&format!("{} │", prov["line"])),
        "{here}"
    );
    let place = b.js(&format!(
        "return {panel}.querySelector('.where').textContent"
    ));
    assert_eq!(place, format!("原文第 {} 行", prov["line"]));
    b.screenshot("report-provenance");
    page_is_clean("report");

    // The hostile report: its payloads are shown as text and run nothing.
    let hostile = lines(&cli(
        &index,
        &["search", "--json", "--agency", HOSTILE_AGENCY],
    ));
    let hs = hostile[0]["source"].as_str().unwrap().to_string();
    b.go(&server.url(&format!("/report?source={}", enc(&hs))));
    assert!(!b.alert_open(), "an alert ran");
    let text = b.js("return document.body.innerText");
    assert!(
        text.as_str().unwrap().contains("<script>alert(1)</script>"),
        "the payload is shown as text"
    );
    b.click(&b.find("a.cell[data-key='requests.new_received.natural_person']"));
    assert!(!b.alert_open(), "an alert ran from the source line");
    let pwned = b.js("return typeof window.__pwned");
    assert_eq!(pwned, "undefined");
    let scripts = b.js("return document.scripts.length + document.images.length");
    assert_eq!(scripts, 0);
    b.screenshot("hostile");
    page_is_clean("hostile report");
    b.go(&server.url(&format!("/?q={}", enc("回复不及时"))));
    assert!(!b.alert_open());
    assert_eq!(b.js("return typeof window.__pwned"), "undefined");
    page_is_clean("hostile search");

    // The other pages draw and stay clean.
    for (path, name, svg) in [
        ("/themes".to_string(), "themes", true),
        ("/rank?key=rate.disclosed".to_string(), "rank", true),
        (
            format!("/profile?agency={}&peers=all", enc("平潭:2022")),
            "profile",
            true,
        ),
        (format!("/compare?agency={}", enc("平潭")), "timeline", true),
        ("/anomalies".to_string(), "anomalies", false),
    ] {
        b.go(&server.url(&path));
        let h1 = b.text(&b.find("h1"));
        assert!(
            !h1.is_empty() && h1 != "出错了" && h1 != "请求有误",
            "{path}: {h1}"
        );
        if svg {
            let drawn = b.js("return Array.from(document.querySelectorAll('svg.chart')).filter(s => s.getBoundingClientRect().height > 10).length");
            assert!(drawn.as_u64().unwrap() > 0, "{path}: no chart drawn");
        }
        b.screenshot(name);
        page_is_clean(&path);
    }
    drop(b);
    drop(server);
    support::remove_dir(index.parent().unwrap());
}
