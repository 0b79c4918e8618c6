//! `/anomalies`: the anomalies of the selected reports, most serious first, with the evidence
//! (as `gongkai anomalies` lists them); the list is also a profile's last part.

use super::super::api::{anomaly_kinds, Pairs, ANOMALY_PARAMS};
use super::super::html::Html;
use super::super::params::{Params, FILTERS};
use super::super::{App, Fail};
use super::{filter_fields, layout, report_url, who};
use crate::analyze::anomalies::{Anomaly, Kind, Severity};
use crate::model::Num;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

/// Anomalies listed unless `top` says otherwise.
const SHOWN: usize = 300;

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/anomalies", q, &[ANOMALY_PARAMS, FILTERS], write).await
}

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let kinds = anomaly_kinds(&p)?;
    let top = match p.one("top")? {
        Some(_) => p.number("top", SHOWN, usize::MAX)?,
        None => SHOWN,
    };
    let (list, examined) = crate::answer::anomalies::find(&app.opened, &p.filters()?, &kinds)?;
    Ok(layout("异常", "/anomalies", |h| {
        h.el(
            "form",
            &[
                ("method", "get"),
                ("action", "/anomalies"),
                ("class", "search"),
            ],
            |h| {
                h.el("div", &[("class", "filters")], |h| {
                    for k in Kind::ALL {
                        h.el("label", &[("class", "check")], |h| {
                            let value = k.as_str();
                            if p.all("kind")
                                .iter()
                                .any(|v| v.split(',').any(|x| x.trim().replace('-', "_") == value))
                            {
                                h.void(
                                    "input",
                                    &[
                                        ("type", "checkbox"),
                                        ("name", "kind"),
                                        ("value", value),
                                        ("checked", "checked"),
                                    ],
                                );
                            } else {
                                h.void(
                                    "input",
                                    &[("type", "checkbox"), ("name", "kind"), ("value", value)],
                                );
                            }
                            h.text(kind_name(k));
                        });
                    }
                    filter_fields(h, &p);
                    h.el_text("button", &[("type", "submit")], "查找");
                });
            },
        );
        let reports = list
            .iter()
            .map(|a| a.source.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len();
        h.el_text(
            "p",
            &[("class", "count")],
            &format!(
                "{} 处异常，涉及 {reports} 份报告（共检查 {examined} 份）",
                list.len()
            ),
        );
        table(h, &list[..list.len().min(top)]);
    }))
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Check => "表内勾稽不符",
        Kind::Prose => "正文与表三不符",
        Kind::CarriedOver => "上年结转不接续",
        Kind::Jump => "同比异常变动",
        Kind::Copied => "正文照抄上年",
    }
}

fn show(v: Option<Num>, kind: Kind) -> String {
    match v {
        None => "–".into(),
        Some(n) if kind == Kind::Copied => format!("{:.0}%", n.0 * 100.0),
        Some(n) => n.to_string(),
    }
}

/// The anomalies as a table: severity, kind, report, figure, values, evidence.
pub fn table(h: &mut Html, list: &[Anomaly]) {
    if list.is_empty() {
        h.el_text("p", &[("class", "note")], "无");
        return;
    }
    h.el("table", &[("class", "anomalies")], |h| {
        h.el("tr", &[], |h| {
            for c in ["严重程度", "类别", "报告", "项目", "值", "依据"] {
                h.el_text("th", &[], c);
            }
        });
        for a in list {
            let (sev, class) = match a.severity {
                Severity::High => ("高", "high"),
                Severity::Medium => ("中", "medium"),
                Severity::Low => ("低", "low"),
            };
            h.el("tr", &[("class", class)], |h| {
                h.el_text("td", &[], sev);
                h.el_text("td", &[], kind_name(a.kind));
                h.el("td", &[], |h| {
                    h.link(
                        &report_url(&a.source, ""),
                        &who(a.agency.as_deref(), a.year, &a.source),
                    );
                });
                h.el("td", &[], |h| {
                    let anchor = if let Some(rule) = a.key.strip_prefix("check:") {
                        format!("c-{rule}")
                    } else if a.kind == Kind::Copied {
                        String::new()
                    } else {
                        format!("p-{}", a.key)
                    };
                    let label = if a.kind == Kind::Copied || a.key.starts_with("check:") {
                        a.key.clone()
                    } else {
                        label(&a.key)
                    };
                    h.link(&report_url(&a.source, &anchor), &label);
                });
                let values = match (a.value, a.expected) {
                    (None, None) => String::new(),
                    (v, None) => show(v, a.kind),
                    (v, e) if a.kind == Kind::Jump => {
                        format!("{} → {}", show(e, a.kind), show(v, a.kind))
                    }
                    (v, e) => format!("{} ≠ {}", show(v, a.kind), show(e, a.kind)),
                };
                h.el_text("td", &[("class", "num")], &values);
                h.el("td", &[("class", "detail")], |h| {
                    h.text(&a.detail);
                    if !a.lines.is_empty() {
                        let lines: Vec<String> =
                            a.lines.iter().take(12).map(|l| format!("L{l}")).collect();
                        h.el_text(
                            "span",
                            &[("class", "source")],
                            &format!(" {}", lines.join(" ")),
                        );
                    }
                });
            });
        }
    });
}

/// A figure key's label (三 · 一、本年新收… · 总计), or the key itself.
fn label(key: &str) -> String {
    crate::model::template::all_figure_keys()
        .iter()
        .find(|(k, _)| k == key)
        .map_or_else(|| key.to_string(), |(_, l)| l.replace('·', " · "))
}
