//! The pages, one file each, all written with [`super::html::Html`] inside one layout: a header
//! with the navigation, the page, a footer. Pages link to each other by the contract's
//! addresses (`/report?source=…`, `/compare?left=…&right=…`, `/profile?agency=…`), so that a
//! link can be shared. No page has a script; clicking a figure shows its source line by CSS
//! alone (`:target`).

pub mod anomalies;
pub mod compare;
pub mod profile;
pub mod provenance;
pub mod rank;
pub mod report;
pub mod search;
pub mod themes;

use super::api::{pairs, Pairs};
use super::html::{url, Html};
use super::params::Params;
use super::{compute_kept, App, Fail};
use crate::model::{AgencyKind, Level};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The navigation: (address, name).
const NAV: &[(&str, &str)] = &[
    ("/", "搜索"),
    ("/compare", "比较"),
    ("/themes", "问题主题"),
    ("/rank", "排名"),
    ("/anomalies", "异常"),
];

/// A whole page: `title` in the tab and as the heading, `here` the navigation entry it is under.
pub fn layout(title: &str, here: &str, body: impl FnOnce(&mut Html)) -> String {
    let mut h = Html::new();
    h.open("!DOCTYPE html", &[]);
    h.el("html", &[("lang", "zh-CN")], |h| {
        h.el("head", &[], |h| {
            h.void("meta", &[("charset", "utf-8")]);
            h.void(
                "meta",
                &[
                    ("name", "viewport"),
                    ("content", "width=device-width, initial-scale=1"),
                ],
            );
            h.el_text("title", &[], &format!("{title} · 政府信息公开年度报告"));
            h.void(
                "link",
                &[("rel", "stylesheet"), ("href", "/assets/style.css")],
            );
            h.void(
                "link",
                &[
                    ("rel", "icon"),
                    ("href", "/favicon.ico"),
                    ("type", "image/svg+xml"),
                ],
            );
        });
        h.el("body", &[], |h| {
            h.el("header", &[], |h| {
                h.el_text(
                    "a",
                    &[("href", "/"), ("class", "site")],
                    "政府信息公开年度报告",
                );
                h.el("nav", &[], |h| {
                    for (href, name) in NAV {
                        let class = if *href == here { "here" } else { "" };
                        h.el_text("a", &[("href", href), ("class", class)], name);
                    }
                });
            });
            h.el("main", &[], |h| {
                h.el_text("h1", &[], title);
                body(h);
            });
            h.el("footer", &[], |h| {
                h.text("gongkai · 本地只读服务 · 数据来自各机关公开的年度报告 · ");
                h.link("/api/search?q=%E5%85%AC%E5%BC%80&n=1", "JSON 接口");
            });
        });
    });
    h.finish()
}

/// A failure as a page: its status, and the message under a heading.
pub fn failure(f: Fail) -> Response {
    let title = match f.status().as_u16() {
        400 => "请求有误",
        404 => "没有找到",
        503 => "请求超时",
        _ => "出错了",
    };
    let page = layout(title, "", |h| {
        h.el_text("p", &[("class", "error")], &f.message());
        h.el("p", &[], |h| {
            h.link("/", "返回搜索");
        });
    });
    (f.status(), html_headers(), page).into_response()
}

fn html_headers() -> [(header::HeaderName, &'static str); 1] {
    [(header::CONTENT_TYPE, "text/html; charset=utf-8")]
}

/// Read the parameters, write the page on a blocking thread, answer it (or the failure). A
/// page that took long is kept for the index as it is ([`super::cache`]).
pub async fn respond(
    app: Arc<App>,
    route: &'static str,
    q: Pairs,
    known: &[&[&str]],
    write: impl FnOnce(&App, Params) -> Result<String, Fail> + Send + 'static,
) -> Response {
    let p = match pairs(q, known) {
        Ok(p) => p,
        Err(f) => return failure(f),
    };
    let key = format!("{route}{}", p.canonical());
    answer(compute_kept(&app, key, move |app| write(app, p)).await)
}

fn answer(page: Result<String, Fail>) -> Response {
    match page {
        Ok(page) => (html_headers(), page).into_response(),
        Err(f) => failure(f),
    }
}

/// "广州市医疗保障局 2022" for a report (its source when the agency is unknown).
pub fn who(agency: Option<&str>, year: Option<i32>, source: &str) -> String {
    format!(
        "{} {}",
        agency.unwrap_or(source),
        year.map_or("?".into(), |y| y.to_string())
    )
}

/// The address of a report's page, at an anchor (`""` for the top).
pub fn report_url(source: &str, anchor: &str) -> String {
    let mut u = url("/report", &[("source", source)]);
    if !anchor.is_empty() {
        u.push('#');
        u.push_str(anchor);
    }
    u
}

/// The fields of the report filters, in a form (`p` fills them in).
pub fn filter_fields(h: &mut Html, p: &Params) {
    let v = |name: &str| p.one(name).ok().flatten().unwrap_or("").to_string();
    field(h, "agency", "机关", &v("agency"), "如 广州 医疗");
    field(h, "region", "地区", &v("region"), "如 广东");
    field(h, "year", "年度", &v("year"), "2022 或 2021..2024");
    field(
        h,
        "where",
        "数字条件",
        &p.all("where").join(";"),
        "requests.new_received.total>10",
    );
    // --level and --agency-kind: the values the API reads (`params::FILTERS`).
    let mut levels: Vec<(&str, &str)> = vec![("", "全部层级")];
    levels.extend(Level::ALL.iter().map(|l| (l.as_str(), l.chinese())));
    select(h, "level", "层级", &levels, &v("level"));
    let mut kinds: Vec<(&str, &str)> = vec![("", "全部机关")];
    kinds.extend(AgencyKind::ALL.iter().map(|k| (k.as_str(), k.chinese())));
    select(h, "agency_kind", "机关类型", &kinds, &v("agency_kind"));
}

/// One labelled text input.
pub fn field(h: &mut Html, name: &'static str, label: &str, value: &str, hint: &str) {
    h.el("label", &[], |h| {
        h.text(label);
        h.void(
            "input",
            &[
                ("name", name),
                ("value", value),
                ("placeholder", hint),
                ("maxlength", "200"),
            ],
        );
    });
}

/// A `<select>` of (value, label) options with `current` selected.
pub fn select(
    h: &mut Html,
    name: &'static str,
    label: &str,
    options: &[(&str, &str)],
    current: &str,
) {
    h.el("label", &[], |h| {
        h.text(label);
        h.el("select", &[("name", name)], |h| {
            for (value, text) in options {
                if *value == current {
                    h.el_text(
                        "option",
                        &[("value", value), ("selected", "selected")],
                        text,
                    );
                } else {
                    h.el_text("option", &[("value", value)], text);
                }
            }
        });
    });
}

/// A number as printed: integers without decimals.
pub fn num(v: f64) -> String {
    super::svg::label_num(v)
}

/// A value of `rank`/`profile`: a metric as a percentage, a figure as printed, `–` for none.
pub fn shown(v: Option<f64>, metric: bool) -> String {
    v.map_or("–".into(), |x| crate::answer::rank::show(x, metric))
}
