//! `/rank?key=…`: the reports ranked by a figure or a metric, within groups — per group its
//! distribution (every value, the quartiles, the unit marked: % for a metric, 件 for a figure)
//! and the ranking; without a key, the metrics there are to rank by.

use super::super::api::{group_by, Pairs, RANK_PARAMS};
use super::super::html::{url, Html};
use super::super::params::{Params, FILTERS};
use super::super::{svg, App, Fail};
use super::{field, filter_fields, layout, report_url, select, shown};
use crate::answer::rank::{self, Line};
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

/// Ranks shown per group unless `top` says otherwise.
const SHOWN: usize = 200;

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/rank", q, &[RANK_PARAMS, FILTERS], write).await
}

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let key = p.one("key")?.unwrap_or("").to_string();
    let by = p.one("by")?.unwrap_or("").to_string();
    let mut body = Html::new();
    body.el(
        "form",
        &[("method", "get"), ("action", "/rank"), ("class", "search")],
        |h| {
            h.el("div", &[("class", "filters")], |h| {
                field(
                    h,
                    "key",
                    "指标或数字",
                    &key,
                    "公开率、rate.disclosed、新收·总计",
                );
                select(
                    h,
                    "by",
                    "分组",
                    &[
                        ("", "全部"),
                        ("province", "省份"),
                        ("city", "城市"),
                        ("level", "层级"),
                        ("kind", "类别"),
                        ("year", "年度"),
                    ],
                    &by,
                );
                filter_fields(h, &p);
                h.el_text("button", &[("type", "submit")], "排名");
            });
        },
    );
    if key.is_empty() {
        metrics(&mut body);
        return Ok(layout("排名", "/rank", |h| {
            h.append(body);
        }));
    }
    let target = rank::resolve(&key).map_err(Fail::Bad)?;
    let asc = p.flag("asc")?;
    let top = match p.one("top")? {
        Some(_) => p.number("top", SHOWN, usize::MAX)?,
        None => SHOWN,
    };
    let ranking = rank::compute(&app.opened, &p.filters()?, &target, group_by(&p)?, asc)?;
    let unit = if target.metric { "%" } else { "件" };
    let scale = if target.metric { 100.0 } else { 1.0 };
    body.el("p", &[("class", "formula")], |h| {
        h.el_text("strong", &[], &format!("{} {}", target.id, target.name));
        if target.metric {
            h.text(&format!(" = {}", target.expr));
        }
        h.text(&format!(
            "（单位：{unit}；{}）",
            if asc { "小的在前" } else { "大的在前" }
        ));
    });
    if ranking.groups.is_empty() {
        body.el_text("p", &[("class", "note")], "没有报告有这个值。");
    }
    for (g, lines) in ranking.groups.iter().zip(&ranking.lines) {
        body.el("section", &[("class", "group")], |h| {
            let q = &g.quartiles;
            h.el_text(
                "h2",
                &[],
                &format!(
                    "{}：{} 份报告　P25 {}　P50 {}　P75 {}",
                    g.group,
                    g.n,
                    shown(Some(q.p25), target.metric),
                    shown(Some(q.p50), target.metric),
                    shown(Some(q.p75), target.metric)
                ),
            );
            let values: Vec<f64> = lines.iter().filter_map(|l| l.value).collect();
            svg::strip(
                h,
                &format!("{} 的分布", target.name),
                &values,
                (q.p25, q.p50, q.p75),
                None,
                unit,
                scale,
            );
            table(h, lines, top, target.metric);
        });
    }
    if !ranking.missing.is_empty() {
        body.el("details", &[("class", "missing")], |h| {
            h.el_text(
                "summary",
                &[],
                &format!("{} 份报告没有值", ranking.missing.len()),
            );
            h.el("ul", &[], |h| {
                for l in ranking.missing.iter().take(SHOWN) {
                    h.el("li", &[], |h| {
                        h.link(
                            &report_url(&l.source, ""),
                            &super::who(l.agency.as_deref(), l.year, &l.source),
                        );
                        h.text(&format!("：{}", l.why.as_deref().unwrap_or("")));
                    });
                }
            });
        });
    }
    Ok(layout(&format!("排名：{}", target.name), "/rank", |h| {
        h.append(body);
    }))
}

/// The lines ranked `top` or better, at most `top` of them: ties can put tens of thousands of
/// reports at one rank at national scale (72,083 rows, a 24 MB page, for 公开率 at 10⁶); those
/// left out are counted under the table.
fn table(h: &mut Html, lines: &[Line], top: usize, metric: bool) {
    let ranked: Vec<&Line> = lines
        .iter()
        .filter(|l| l.rank.is_some_and(|r| r <= top))
        .collect();
    let shown_lines = &ranked[..ranked.len().min(top)];
    rows(h, shown_lines, metric);
    if ranked.len() > shown_lines.len() {
        h.el_text(
            "p",
            &[("class", "note")],
            &format!(
                "另有 {} 份报告与所列报告并列在前 {top} 名内，未列出；用筛选条件或分组缩小范围。",
                ranked.len() - shown_lines.len()
            ),
        );
    }
}

fn rows(h: &mut Html, lines: &[&Line], metric: bool) {
    h.el("table", &[("class", "rank")], |h| {
        h.el("tr", &[], |h| {
            for c in ["名次", "值", "百分位", "机关", "年度", ""] {
                h.el_text("th", &[], c);
            }
        });
        for l in lines {
            h.el("tr", &[], |h| {
                h.el_text("td", &[], &l.rank.map_or(String::new(), |r| r.to_string()));
                h.el_text("td", &[("class", "num")], &shown(l.value, metric));
                h.el_text(
                    "td",
                    &[("class", "num")],
                    &l.percentile.map_or(String::new(), |x| format!("{x:.1}")),
                );
                h.el("td", &[], |h| {
                    h.link(
                        &report_url(&l.source, ""),
                        l.agency.as_deref().unwrap_or(&l.source),
                    );
                });
                h.el_text("td", &[], &l.year.map_or("?".into(), |y| y.to_string()));
                h.el("td", &[], |h| {
                    if let (Some(a), Some(y)) = (&l.agency, l.year) {
                        h.link(
                            &url("/profile", &[("agency", &format!("{a}:{y}"))]),
                            "同级对比",
                        );
                    }
                });
            });
        }
    });
}

fn metrics(h: &mut Html) {
    h.el_text("h2", &[], "可用的指标");
    h.el("table", &[("class", "list")], |h| {
        for m in crate::analyze::metrics::all() {
            h.el("tr", &[], |h| {
                h.el("td", &[], |h| {
                    h.link(&url("/rank", &[("key", &m.id)]), &m.name);
                });
                h.el_text("td", &[("class", "source")], &m.id);
                h.el_text("td", &[], &m.meaning);
            });
        }
    });
    h.el_text("p", &[("class", "note")], "也可以按任何数字排名：填写它的键（如 requests.new_received.total）或中文标签（如 新收·总计）。");
}
