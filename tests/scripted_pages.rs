//! Pages whose report a script writes in, fetched as served (the way a crawler or `curl` saves
//! them): an empty container and the report's HTML in a script's string. The shipped Shanghai
//! report is such a string (`let content = "<p …>…"` in the site's data script). A browser shows
//! the report; before `ingest::scripted`, gongkai read only the page's menu and title.
//!
//! Every keyed report served as a page is so wrapped in five ways, and must keep every fact:
//! - `var content = "…"` with every non-ASCII character as `\uXXXX` (PHP's `json_encode`);
//! - a JSON state (`window.__INITIAL_STATE__ = {"article": {"content": "…"}}`), `/` as `\/`;
//! - `document.write('…')` a source line at a time, in single quotes;
//! - the HTML escaped once more inside the JSON string (`&lt;p&gt;`);
//! - a hidden `<textarea>` holding the escaped HTML, which an editor's script shows;
//! - a WeChat article as served: the report in `<div id="js_content" style="visibility:
//!   hidden;">`, which the page's script shows (before, only the article's title was read).
//!
//! A figure's provenance points into the script: its printed form at its offset in the page.

use crate::common;

use common::page::{as_page, escape, FOOT, HEAD};
use common::{every_variant_keeps_every_fact, keyed_reports};

/// The article of a keyed report's page: what a script would write into the container.
fn article(page: &str) -> &str {
    let from = page.find("<div class=\"article\">\n").map_or(0, |i| i + 22);
    let to = page.rfind(FOOT).unwrap_or(page.len());
    &page[from..to]
}

/// A JavaScript/JSON string literal of `s`: quotes, backslashes and line ends escaped; with
/// `ascii`, every other character past ASCII as `\uXXXX` (surrogate pairs past U+FFFF); with
/// `slash`, `/` as `\/`.
fn js_string(s: &str, quote: char, ascii: bool, slash: bool) -> String {
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '/' if slash => out.push_str("\\/"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn page_with(script: &str) -> String {
    format!(
        "{HEAD}<div id=\"app\"></div>\n<script type=\"text/javascript\">{script}</script>\n</div>\n{FOOT}"
    )
}

/// The report's title as its text prints it (its first line naming the report), for a page
/// that shows the title alone.
fn title_of(source: &str) -> String {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in source.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push('\n');
            }
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .lines()
        .map(str::trim)
        .find(|l| l.contains("年度报告") && l.chars().count() < 60)
        .unwrap_or("政府信息公开工作年度报告")
        .to_string()
}

fn variants(content: &str, title: &str) -> Vec<String> {
    let lines: Vec<String> = content
        .lines()
        .map(|l| format!("document.write({});", js_string(l, '\'', false, false)))
        .collect();
    vec![
        page_with(&format!(
            "var content = {};\ndocument.getElementById(\"app\").innerHTML = content;",
            js_string(content, '"', true, false)
        )),
        page_with(&format!(
            "window.__INITIAL_STATE__={{\"article\":{{\"id\":8812,\"title\":\"年度报告\",\"content\":{}}}}};",
            js_string(content, '"', false, true)
        )),
        page_with(&lines.join("\n")),
        page_with(&format!(
            "var data = {{\"content\": {}}};",
            js_string(&escape(content), '"', false, false)
        )),
        format!(
            "{HEAD}<textarea id=\"src\" style=\"display:none\">{}</textarea>\n<div id=\"app\"></div>\n</div>\n{FOOT}",
            escape(content)
        ),
        wechat(content, title),
    ]
}

/// A WeChat public account's article as served: title and account visible, the article hidden
/// until the page's script shows it.
fn wechat(content: &str, title: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title></head><body>\n\
         <div id=\"page-content\" class=\"rich_media_area_primary\">\n\
         <h1 class=\"rich_media_title\" id=\"activity-name\">{title}</h1>\n\
         <div id=\"meta_content\"><span class=\"rich_media_meta_nickname\">某某发布</span> <em id=\"publish_time\"></em></div>\n\
         <div class=\"rich_media_content js_underline_content\" id=\"js_content\" style=\"visibility: hidden;\">\n{content}</div>\n\
         <div class=\"rich_media_tool\"><a>阅读原文</a> 阅读 2.1万 在看 36</div></div>\n\
         <script>document.getElementById(\"js_content\").style.visibility = \"visible\";</script>\n</body></html>\n"
    )
}

#[test]
fn reports_written_in_by_scripts_keep_every_fact() {
    let made = every_variant_keeps_every_fact("scripted page", |k, _| {
        if k.name.contains(".raw.") || k.name.contains(".layout.") {
            return Vec::new();
        }
        variants(article(&as_page(k)), &title_of(&k.source))
    });
    assert_eq!(made, 60);
}

#[test]
fn figures_point_into_the_script_that_spells_them() {
    let mut checked = 0;
    for k in keyed_reports() {
        if k.name.contains(".raw.") || k.name.contains(".layout.") {
            continue;
        }
        let original = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        for v in variants(article(&as_page(&k)), &title_of(&k.source)) {
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            assert_eq!(
                r.provenance.cells.len(),
                original.provenance.cells.len(),
                "{}",
                k.name
            );
            let script = ["<div id=\"app\">", "<textarea", "id=\"js_content\""]
                .iter()
                .filter_map(|m| v.find(m))
                .min()
                .unwrap();
            for (key, c) in &r.provenance.cells {
                assert_eq!(
                    v.get(c.offset..c.offset + c.raw.len()),
                    Some(c.raw.as_str()),
                    "{} {key}",
                    k.name
                );
                assert!(
                    c.offset > script,
                    "{} {key} at {} before the script",
                    k.name,
                    c.offset
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5_000, "{checked}");
}

#[test]
fn a_page_that_shows_its_report_reads_it_once() {
    // A hidden copy for printing beside the shown one: not shown again.
    for k in keyed_reports().iter().filter(|k| k.name.ends_with(".html")) {
        let page = as_page(k);
        let content = article(&page);
        let copied = page.replacen(
            FOOT,
            &format!("<div class=\"print\" style=\"display:none\">{content}</div>\n{FOOT}"),
            1,
        );
        let once = gongkai::report_from_bytes(&k.name, page.as_bytes()).unwrap();
        let twice = gongkai::report_from_bytes(&k.name, copied.as_bytes()).unwrap();
        assert_eq!(once.sections, twice.sections, "{}", k.name);
    }
    // Server-rendered and hydrated: the report in the page and again in the JSON state.
    for k in keyed_reports()
        .iter()
        .filter(|k| k.name.ends_with(".html") || k.name.ends_with(".txt"))
        .take(3)
    {
        let page = as_page(k);
        let content = article(&page);
        let both = page.replacen(
            FOOT,
            &format!(
                "<script>window.__STATE__={{\"c\":{}}}</script>\n{FOOT}",
                js_string(content, '"', false, false)
            ),
            1,
        );
        let once = gongkai::report_from_bytes(&k.name, page.as_bytes()).unwrap();
        let twice = gongkai::report_from_bytes(&k.name, both.as_bytes()).unwrap();
        let texts = |r: &gongkai::model::Report| -> Vec<String> {
            r.sections.iter().map(|s| s.text.clone()).collect()
        };
        assert_eq!(texts(&once), texts(&twice), "{}", k.name);
    }
}
