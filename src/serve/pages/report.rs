//! `/report?source=…`: one report — metadata, its sections (navigable), the three tables as
//! printed (blank and n/a told apart, cells of failed checks marked, with the checks'
//! arithmetic), the problems and the parser's warnings. Every figure is a link to its
//! provenance ([`super::provenance`]): the line of the source where it is printed, the cell
//! marked (for a PDF, the page and the line on the page), shown by CSS `:target` without a
//! script.

use super::super::api::Pairs;
use super::super::html::{url, Html};
use super::super::params::Params;
use super::super::{App, Fail};
use super::{layout, who};
use crate::answer::report::Shown;
use crate::model::{CheckStatus, Report, SectionKind, Semantic, Table};
use axum::extract::State;
use axum::response::Response;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/report", q, &[&["source"]], write).await
}

/// The tables in the template's order: (key, heading).
const TABLES: &[(&str, &str)] = &[
    ("disclosure", "二、主动公开政府信息情况"),
    ("requests", "三、收到和处理政府信息公开申请情况"),
    (
        "review_litigation",
        "四、政府信息公开行政复议、行政诉讼情况",
    ),
];

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let source = p.required("source")?;
    let shown = crate::answer::report::shown(&app.opened, source)?
        .ok_or_else(|| Fail::NotFound(format!("no indexed report has the source '{source}'")))?;
    let r = &shown.report;
    let title = who(r.agency.as_deref(), r.year, &r.source);
    Ok(layout(&title, "", |h| body(h, &shown)))
}

fn body(h: &mut Html, shown: &Shown) {
    let r = &shown.report;
    meta(h, r);
    contents(h, r);
    for (i, s) in r.sections.iter().enumerate() {
        let first = r.sections.iter().position(|x| x.kind == s.kind) == Some(i);
        let id = if first {
            format!("k-{}", s.kind.key())
        } else {
            format!("s-{i}")
        };
        h.el("section", &[("id", &id), ("class", "section")], |h| {
            h.el("h2", &[], |h| {
                h.text(s.title.as_deref().unwrap_or(s.kind.chinese()));
                h.el_text("span", &[("class", "kind")], s.kind.chinese());
            });
            let is_table = matches!(
                s.kind,
                SectionKind::DisclosureTable
                    | SectionKind::RequestsTable
                    | SectionKind::ReviewLitigationTable
            );
            if is_table {
                h.el("details", &[], |h| {
                    h.el_text("summary", &[], "原文（表格见下方“统计表”）");
                    h.el_text("div", &[("class", "text")], &s.text);
                });
            } else {
                h.el_text("div", &[("class", "text")], &s.text);
            }
        });
    }
    tables(h, shown);
    checks(h, r);
    problems(h, r);
    if !r.warnings.is_empty() {
        h.el("section", &[("id", "warnings")], |h| {
            h.el_text("h2", &[], "解析提示");
            h.el("ul", &[], |h| {
                for w in &r.warnings {
                    h.el_text("li", &[], w);
                }
            });
        });
    }
}

fn meta(h: &mut Html, r: &Report) {
    h.el("dl", &[("class", "meta")], |h| {
        let mut row = |k: &str, v: &str| {
            h.el_text("dt", &[], k);
            h.el_text("dd", &[], v);
        };
        row("文件", &r.source);
        row("机关", r.agency.as_deref().unwrap_or("（未识别）"));
        row(
            "年度",
            &r.year.map_or("（未识别）".into(), |y| y.to_string()),
        );
        row("发布日期", r.published.as_deref().unwrap_or("—"));
        row("地区", &r.region.display());
        row("模板", r.template.map_or("—", |t| t.as_str()));
        row("层级", r.level.map_or("—", |l| l.as_str()));
        row("类别", r.kind.map_or("—", |k| k.as_str()));
    });
    h.el("p", &[("class", "links")], |h| {
        if let Some(a) = &r.agency {
            h.link(&url("/compare", &[("agency", a)]), "历年比较");
            h.text(" · ");
            if let Some(y) = r.year {
                h.link(
                    &url("/profile", &[("agency", &format!("{a}:{y}"))]),
                    "与同级机关对比",
                );
                h.text(" · ");
            }
        }
        h.link(&url("/api/report", &[("source", &r.source)]), "JSON");
    });
}

fn contents(h: &mut Html, r: &Report) {
    h.el("nav", &[("class", "toc")], |h| {
        h.el_text("h2", &[], "目录");
        h.el("ol", &[], |h| {
            let mut seen = BTreeSet::new();
            for (i, s) in r.sections.iter().enumerate() {
                let id = if seen.insert(s.kind) {
                    format!("#k-{}", s.kind.key())
                } else {
                    format!("#s-{i}")
                };
                h.el("li", &[], |h| {
                    h.link(&id, s.title.as_deref().unwrap_or(s.kind.chinese()));
                });
            }
            h.el("li", &[], |h| {
                h.link("#tables", "统计表");
            });
            h.el("li", &[], |h| {
                h.link("#checks", "勾稽检查");
            });
            h.el("li", &[], |h| {
                h.link("#problems", "存在的问题");
            });
        });
    });
}

/// Figure key → the label parts of the template: (row label, column label).
fn labels() -> HashMap<&'static str, (String, String)> {
    crate::model::template::all_figure_keys()
        .iter()
        .map(|(k, l)| {
            let parts: Vec<&str> = l.split('·').collect();
            let col = parts.last().copied().unwrap_or("").to_string();
            let row = if parts.len() > 2 {
                parts[1..parts.len() - 1].join("·")
            } else {
                parts.get(1).copied().unwrap_or("").to_string()
            };
            (k.as_str(), (row, col))
        })
        .collect()
}

/// The cells read by failed checks, with the rules.
fn failed_cells(r: &Report) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in r.checks.iter().filter(|c| c.status == CheckStatus::Fail) {
        for k in &c.cells {
            out.entry(k.as_str()).or_default().push(c.rule.as_str());
        }
    }
    out
}

fn tables(h: &mut Html, shown: &Shown) {
    let r = &shown.report;
    let labels = labels();
    let failed = failed_cells(r);
    h.el("section", &[("id", "tables")], |h| {
        h.el_text("h2", &[], "统计表");
        h.el_text(
            "p",
            &[("class", "note")],
            "点击数字查看它在原文中的位置。空白：表中该格未填；不适用：印有“/”“—”“无”等；红框：未通过勾稽检查的格子。",
        );
        if let Err(why) = &shown.document {
            h.el_text("p", &[("class", "note")], &format!("原文行无法显示：{why}"));
        }
        for (name, heading) in TABLES {
            let Some(table) = r.tables.get(name) else {
                h.el_text("h3", &[], heading);
                h.el_text("p", &[("class", "note")], "本报告未印此表（–：未印，不是 0）。");
                continue;
            };
            h.el_text("h3", &[("id", &format!("t-{name}"))], heading);
            grid(h, r, name, table, &labels, &failed);
            super::provenance::panels(h, shown, name, table, &labels);
        }
    });
}

fn grid(
    h: &mut Html,
    r: &Report,
    name: &str,
    table: &Table,
    labels: &HashMap<&str, (String, String)>,
    failed: &HashMap<&str, Vec<&str>>,
) {
    let mut columns: Vec<&str> = Vec::new();
    for cols in table.values() {
        for c in cols.keys() {
            if !columns.contains(&c.as_str()) {
                columns.push(c);
            }
        }
    }
    let key = |row: &str, col: &str| format!("{name}.{row}.{col}");
    h.el("div", &[("class", "scroll")], |h| {
        h.el("table", &[("class", "figures")], |h| {
            h.el("tr", &[], |h| {
                h.el_text("th", &[], "");
                for c in &columns {
                    // The column's label from a row that has the column.
                    let label = table
                        .iter()
                        .filter(|(_, cols)| cols.contains_key(*c))
                        .find_map(|(row, _)| labels.get(key(row, c).as_str()))
                        .map_or(c.to_string(), |l| l.1.clone());
                    h.el_text("th", &[], &label);
                }
            });
            for (row, cols) in table {
                h.el("tr", &[], |h| {
                    let first = key(row, columns.first().copied().unwrap_or(""));
                    let label = labels
                        .get(first.as_str())
                        .or_else(|| {
                            cols.keys()
                                .next()
                                .and_then(|c| labels.get(key(row, c).as_str()))
                        })
                        .map_or(row.to_string(), |l| l.0.clone());
                    h.el_text("th", &[("class", "row")], &label);
                    for c in &columns {
                        let k = key(row, c);
                        let cell = cols.get(*c);
                        let prov = r.provenance.cells.get(&k);
                        let fails = failed.get(k.as_str());
                        let (class, text) = match (cell, prov) {
                            (None, _) => ("unread", "?".to_string()),
                            (Some(Some(v)), _) => ("number", v.to_string()),
                            (Some(None), Some(p)) if p.semantic == Semantic::Na => {
                                ("na", format!("不适用 {}", p.raw.trim()))
                            }
                            (Some(None), _) => ("blank", "空白".to_string()),
                        };
                        let class = if fails.is_some() {
                            format!("{class} fail")
                        } else {
                            class.to_string()
                        };
                        let title = match (cell, fails) {
                            (None, _) => "未能读出此格".to_string(),
                            (_, Some(rules)) => format!("未通过：{}", rules.join("、")),
                            _ => String::new(),
                        };
                        h.el("td", &[("class", &class), ("title", &title)], |h| {
                            if prov.is_some() {
                                h.el_text(
                                    "a",
                                    &[
                                        ("href", &format!("#p-{k}")),
                                        ("class", "cell"),
                                        ("data-key", &k),
                                    ],
                                    &text,
                                );
                            } else {
                                h.text(&text);
                            }
                        });
                    }
                });
            }
        });
    });
}

fn checks(h: &mut Html, r: &Report) {
    h.el("section", &[("id", "checks")], |h| {
        h.el_text("h2", &[], "勾稽检查");
        h.el("table", &[("class", "checks")], |h| {
            h.el("tr", &[], |h| {
                for c in ["规则", "结果", "算式"] {
                    h.el_text("th", &[], c);
                }
            });
            for c in &r.checks {
                let class = match c.status {
                    CheckStatus::Fail => "fail",
                    CheckStatus::Pass => "pass",
                    CheckStatus::Skipped => "skipped",
                };
                h.el(
                    "tr",
                    &[("class", class), ("id", &format!("c-{}", c.rule))],
                    |h| {
                        h.el_text("td", &[], &c.rule);
                        h.el_text(
                            "td",
                            &[],
                            match c.status {
                                CheckStatus::Fail => "未通过",
                                CheckStatus::Pass => "通过",
                                CheckStatus::Skipped => "跳过",
                            },
                        );
                        h.el("td", &[], |h| {
                            h.text(&c.detail);
                            if c.status == CheckStatus::Fail && !c.cells.is_empty() {
                                h.el("div", &[("class", "cells")], |h| {
                                    for k in c
                                        .cells
                                        .iter()
                                        .filter(|k| r.provenance.cells.contains_key(*k))
                                    {
                                        h.el_text("a", &[("href", &format!("#p-{k}"))], k);
                                        h.text(" ");
                                    }
                                });
                            }
                        });
                    },
                );
            }
        });
    });
}

fn problems(h: &mut Html, r: &Report) {
    h.el("section", &[("id", "problems")], |h| {
        h.el_text("h2", &[], "存在的主要问题及改进情况");
        for (title, list) in [
            ("问题", &r.problems.problems),
            ("改进", &r.problems.improvements),
        ] {
            h.el_text("h3", &[], title);
            if list.is_empty() {
                h.el_text("p", &[("class", "note")], "（未列出）");
            }
            h.el("ol", &[], |h| {
                for it in list.iter() {
                    h.el_text("li", &[], it);
                }
            });
        }
    });
}
