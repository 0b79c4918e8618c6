//! `/profile?agency=…`: one agency-year among its peers — each key figure and metric with the
//! peers' quartiles, its percentile (drawn) and rank; its own trend over the years (a line
//! chart of the key figures); its anomalies.

use super::super::api::{peers, Pairs};
use super::super::html::{url, Html};
use super::super::params::Params;
use super::super::{svg, App, Fail};
use super::{field, layout, report_url, select, shown};
use crate::analyze::metrics;
use crate::analyze::profile::KEY_FIGURES;
use crate::answer::profile::Profile;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/profile", q, &[&["agency", "peers"]], write).await
}

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let agency = p.one("agency")?.unwrap_or("").to_string();
    let by = p.one("peers")?.unwrap_or("level").to_string();
    let mut body = Html::new();
    body.el(
        "form",
        &[
            ("method", "get"),
            ("action", "/profile"),
            ("class", "search"),
        ],
        |h| {
            h.el("div", &[("class", "filters")], |h| {
                field(
                    h,
                    "agency",
                    "机关",
                    &agency,
                    "机关或 机关:年度，如 平潭:2022",
                );
                select(
                    h,
                    "peers",
                    "同级机关",
                    &[
                        ("level", "同层级同类别（全国）"),
                        ("province", "同省同层级同类别"),
                        ("all", "全部报告"),
                    ],
                    &by,
                );
                h.el_text("button", &[("type", "submit")], "对比");
            });
        },
    );
    if agency.is_empty() {
        body.el_text(
            "p",
            &[("class", "note")],
            "填写一个机关（名称的一部分即可），可加“:年度”。",
        );
        return Ok(layout("同级对比", "/rank", |h| {
            h.append(body);
        }));
    }
    let profile = crate::answer::profile::compute(&app.opened, &agency, peers(&p)?)?;
    page(&mut body, &profile);
    Ok(layout(
        &format!("{} {} 与同级机关", profile.agency, profile.year),
        "/rank",
        |h| {
            h.append(body);
        },
    ))
}

/// The percentile (0–100) as a marker on a bar whose middle half is P25–P75.
fn gauge(h: &mut Html, pct: Option<f64>) {
    let Some(pct) = pct else {
        return;
    };
    svg_gauge(h, pct);
}

fn svg_gauge(h: &mut Html, pct: f64) {
    let x = format!("{:.1}", pct.clamp(0.0, 100.0));
    h.el(
        "svg",
        &[
            ("class", "gauge"),
            ("viewBox", "0 0 100 12"),
            ("width", "100"),
            ("height", "12"),
            ("role", "img"),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ],
        |h| {
            h.el_text("title", &[], &format!("百分位 {pct:.1}"));
            h.void(
                "rect",
                &[
                    ("x", "0"),
                    ("y", "5"),
                    ("width", "100"),
                    ("height", "2"),
                    ("fill", "#ccc"),
                ],
            );
            h.void(
                "rect",
                &[
                    ("x", "25"),
                    ("y", "3"),
                    ("width", "50"),
                    ("height", "6"),
                    ("fill", "#b8cde6"),
                ],
            );
            h.void(
                "circle",
                &[("cx", &x), ("cy", "6"), ("r", "4"), ("fill", "#d9822b")],
            );
        },
    );
}

fn page(h: &mut Html, p: &Profile) {
    h.el("p", &[("class", "links")], |h| {
        h.link(&report_url(&p.source, ""), &p.source);
        h.text(" · ");
        h.link(&url("/compare", &[("agency", &p.agency)]), "历年比较");
        h.text(" · ");
        h.link(
            &url(
                "/api/profile",
                &[
                    ("agency", &format!("{}:{}", p.agency, p.year)),
                    ("peers", p.peers.by),
                ],
            ),
            "JSON",
        );
    });
    h.el_text(
        "p",
        &[("class", "count")],
        &format!(
            "同级机关：{} 年的 {} 份报告（{}）",
            p.year, p.peers.n, p.peers.by
        ),
    );
    h.el("table", &[("class", "rank")], |h| {
        h.el("tr", &[], |h| {
            for c in ["项目", "本机关", "P25", "P50", "P75", "百分位", "", "名次"] {
                h.el_text("th", &[], c);
            }
        });
        for f in &p.figures {
            let m = metrics::find(&f.key).is_some();
            h.el("tr", &[], |h| {
                h.el("th", &[("class", "row")], |h| {
                    if m {
                        h.link(&url("/rank", &[("key", &f.key)]), &f.label);
                    } else {
                        h.text(&f.label.replace('·', " · "));
                    }
                });
                for v in [f.value, f.p25, f.p50, f.p75] {
                    h.el_text("td", &[("class", "num")], &shown(v, m));
                }
                h.el_text(
                    "td",
                    &[("class", "num")],
                    &f.percentile.map_or("–".into(), |x| format!("{x:.1}")),
                );
                h.el("td", &[], |h| gauge(h, f.percentile));
                h.el_text(
                    "td",
                    &[("class", "num")],
                    &f.rank.map_or("–".into(), |r| format!("{r} / {}", f.n)),
                );
            });
        }
    });
    let years: Vec<String> = p.trend.years.iter().map(|y| y.to_string()).collect();
    let key: Vec<(String, Vec<Option<f64>>)> = p
        .trend
        .figures
        .iter()
        .filter(|s| KEY_FIGURES.contains(&s.key.as_str()))
        .map(|s| {
            let label = p
                .figures
                .iter()
                .find(|f| f.key == s.key)
                .map_or(s.key.clone(), |f| f.label.replace('·', " "));
            (label, s.values.clone())
        })
        .collect();
    h.el_text("h2", &[], "历年变化");
    svg::lines(h, &format!("{} 关键数字", p.agency), &years, &key);
    h.el_text("h2", &[], "异常");
    super::anomalies::table(h, &p.anomalies);
}
