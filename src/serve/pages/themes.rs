//! `/themes`: the recurring themes of the problems of section 五 — per theme its reports and
//! agencies, a chart of its count per year (or province), and example items linking to their
//! reports.

use super::super::api::{themes_of, Pairs, THEMES_PARAMS};
use super::super::html::Html;
use super::super::params::{Params, FILTERS};
use super::super::{svg, App, Fail};
use super::{filter_fields, layout, report_url, select, who};
use crate::analyze::themes::{Origin, Theme};
use axum::extract::State;
use axum::response::Response;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Example items shown open under a theme (the rest behind "更多").
const EXAMPLES: usize = 3;
/// Items listed at most under a theme.
const ITEMS: usize = 100;

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/themes", q, &[THEMES_PARAMS, FILTERS], write).await
}

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let found = themes_of(app, &p)?;
    let by = p.one("by")?.unwrap_or("year").to_string();
    let section = p.one("section")?.unwrap_or("problems").to_string();
    let columns: Vec<String> = found
        .list
        .iter()
        .flat_map(|t| t.by.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(layout("问题主题", "/themes", |h| {
        h.el(
            "form",
            &[
                ("method", "get"),
                ("action", "/themes"),
                ("class", "search"),
            ],
            |h| {
                h.el("div", &[("class", "filters")], |h| {
                    select(
                        h,
                        "section",
                        "内容",
                        &[("problems", "存在的问题"), ("improvements", "改进情况")],
                        &section,
                    );
                    select(
                        h,
                        "by",
                        "分列",
                        &[("year", "按年度"), ("province", "按省份")],
                        &by,
                    );
                    filter_fields(h, &p);
                    h.el_text("button", &[("type", "submit")], "统计");
                });
            },
        );
        h.el_text(
            "p",
            &[("class", "count")],
            &format!(
                "{} 个主题，来自 {} 份报告的 {} 条（一条可属于多个主题）",
                found
                    .list
                    .iter()
                    .filter(|t| t.origin != Origin::Unthemed)
                    .count(),
                found.reports,
                found.items
            ),
        );
        for (i, t) in found.list.iter().enumerate() {
            theme(h, i, t, &columns);
        }
    }))
}

fn theme(h: &mut Html, i: usize, t: &Theme, columns: &[String]) {
    h.el(
        "section",
        &[("class", "theme"), ("id", &format!("theme-{i}"))],
        |h| {
            h.el("h2", &[], |h| {
                h.text(&t.label);
                match t.origin {
                    Origin::Discovered => {
                        h.el_text("span", &[("class", "kind")], "从共同关键词发现");
                    }
                    Origin::Unthemed => {
                        h.el_text("span", &[("class", "kind")], "未归类");
                    }
                    Origin::Taxonomy => {}
                }
            });
            h.el_text(
                "p",
                &[("class", "note")],
                &format!(
                    "{} 份报告，{} 个机关{}",
                    t.reports,
                    t.agencies,
                    if t.keywords.is_empty() {
                        String::new()
                    } else {
                        format!("；关键词：{}", t.keywords.join("、"))
                    }
                ),
            );
            let counts: Vec<(String, usize)> = columns
                .iter()
                .map(|c| (c.clone(), t.by.get(c).copied().unwrap_or(0)))
                .collect();
            svg::columns(h, &format!("{} 每年的报告数", t.label), &counts);
            let examples = pick(t, EXAMPLES);
            h.el("ul", &[("class", "items")], |h| {
                for it in &examples {
                    item(h, it);
                }
            });
            if t.items.len() > examples.len() {
                h.el("details", &[], |h| {
                    h.el_text("summary", &[], &format!("全部 {} 条", t.items.len()));
                    h.el("ul", &[("class", "items")], |h| {
                        for it in t.items.iter().take(ITEMS) {
                            item(h, it);
                        }
                    });
                    if t.items.len() > ITEMS {
                        h.el_text(
                            "p",
                            &[("class", "note")],
                            &format!("只列出前 {ITEMS} 条（/api/themes 有全部）。"),
                        );
                    }
                });
            }
        },
    );
}

fn item(h: &mut Html, it: &crate::analyze::themes::Item) {
    h.el("li", &[], |h| {
        h.el_text(
            "a",
            &[("href", &report_url(&it.source, "problems"))],
            &who(it.agency.as_deref(), it.year, &it.source),
        );
        h.text(" ");
        h.text(&it.text);
    });
}

/// Up to `n` items, one per report first, so that the examples show the spread.
fn pick(t: &Theme, n: usize) -> Vec<&crate::analyze::themes::Item> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for it in &t.items {
        if out.len() < n && seen.insert(it.source.as_str()) {
            out.push(it);
        }
    }
    out
}
