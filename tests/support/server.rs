//! The web server's tests share one fixture: the shipped corpus plus a report whose text and
//! source hold script payloads, indexed by the real binary in a scratch directory, and a
//! running `gongkai serve` on a free loopback port.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_gongkai");

/// The payloads of the hostile report: as text in section 五 and raw in its HTML source,
/// beside the first cell of table 三.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMG: &str = "<img src=x onerror=alert(1)>";
/// The hostile report's agency (so that it is told apart from the report it is made from).
pub const HOSTILE_AGENCY: &str = "上海市测试局";

/// A copy of the corpus and the hostile report, indexed: (reports dir, index dir).
pub fn fixture(name: &str) -> (PathBuf, PathBuf) {
    let dir = super::scratch(name);
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    for e in std::fs::read_dir("corpus").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, reports.join(p.file_name().unwrap())).unwrap();
    }
    let html = std::fs::read_to_string("corpus/shanghai-gov-office-2019.html").unwrap();
    let hostile = html
        .replacen("上海市人民政府办公厅政府信息公开工作年度报告", &format!("{HOSTILE_AGENCY}政府信息公开工作年度报告"), 1)
        // Raw in the source, within the line shown for the cell 821 (自然人 新收).
        .replacen(
            "<p align=\"center\">821</p>",
            "<script>window.__pwned=1;alert(1)</script><img src=x onerror=\"window.__pwned=2;alert(2)\"><p align=\"center\">821</p>",
            1,
        )
        // As text (escaped in the source, so the report's text holds the payloads).
        .replacen(
            "四是政策解读方式不够多元",
            "四是网站互动栏目回复不及时&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;，政策解读方式不够多元",
            1,
        );
    assert_ne!(hostile, html);
    std::fs::write(reports.join("hostile-2019.html"), hostile).unwrap();
    let index = dir.join("index");
    let out = Command::new(BIN)
        .args(["index", "-q"])
        .arg(&reports)
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (reports, index)
}

/// A running `gongkai serve`; stopped when dropped.
pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub base: String,
}

impl Server {
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "-q", "--bind", "127.0.0.1:0", "--index"])
            .arg(index)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line.trim().trim_end_matches('/').to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{line:?}");
        Server { child, base }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The CLI's answer: stdout of `gongkai COMMAND --index INDEX -q ARGS…` (exit 0 or 1; the
/// index flag goes first, since a query may end with `-- WORDS`).
pub fn cli(index: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg(args[0])
        .arg("--index")
        .arg(index)
        .arg("-q")
        .args(&args[1..])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "gongkai {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// JSON lines as an array.
pub fn lines(s: &str) -> serde_json::Value {
    serde_json::Value::Array(
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}
