//! `/`: the search page — a query box with the command line's filters, facet counts (section
//! kind, year, province) that narrow the search when clicked, highlighted snippets, paging.
//! Without words it lists the reports the filters select, as `gongkai search` does.

use super::super::api::{search_filters, Pairs};
use super::super::html::Html;
use super::super::params::{Params, FILTERS};
use super::super::{App, Fail};
use super::{filter_fields, layout, report_url, select};
use crate::answer;
use crate::index::facets::{self, Facets};
use crate::model::SectionKind;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

/// Hits on a page.
const PER_PAGE: usize = 20;
/// Reports listed when there are no words.
const LISTED: usize = 500;

const OWN: &[&str] = &["q", "section", "items", "page"];

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/", q, &[OWN, FILTERS], write).await
}

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let words = p.query(&app.limits)?;
    let filters = search_filters(&p)?;
    let page = p.number("page", 1, app.limits.max_page)?;
    let mut body = Html::new();
    form(&mut body, &p, words.as_deref().unwrap_or(""));
    match &words {
        None => list(app, &p, &mut body)?,
        Some(w) => {
            let q = answer::search::parse(w)?;
            let opened = &app.opened;
            let (total, hits) = crate::index::query::search_page(
                &opened.index,
                &opened.fields,
                &q,
                &filters,
                (page - 1) * PER_PAGE,
                PER_PAGE,
            )
            .map_err(|e| Fail::from(opened.damaged(&e)))?;
            let counts = facets::facets(&opened.index, &opened.fields, &q, &filters)
                .map_err(|e| Fail::from(opened.damaged(&e)))?;
            body.el("div", &[("class", "results")], |h| {
                h.el("aside", &[("class", "facets")], |h| {
                    facet_lists(h, &p, &counts)
                });
                h.el("section", &[("class", "hits")], |h| {
                    h.el_text(
                        "p",
                        &[("class", "count"), ("id", "count")],
                        &format!("共 {total} 个章节匹配"),
                    );
                    h.el(
                        "ol",
                        &[
                            ("class", "hits"),
                            ("start", &((page - 1) * PER_PAGE + 1).to_string()),
                        ],
                        |h| {
                            for hit in &hits {
                                h.el("li", &[("class", "hit")], |h| {
                                    let kind =
                                        SectionKind::ALL.iter().find(|k| k.key() == hit.kind);
                                    let anchor = format!("k-{}", hit.kind);
                                    h.el("div", &[("class", "who")], |h| {
                                        h.el_text(
                                            "a",
                                            &[
                                                ("href", &report_url(&hit.source, &anchor)),
                                                ("class", "report"),
                                            ],
                                            &format!("{} {}", hit.agency, hit.year),
                                        );
                                        h.el_text(
                                            "span",
                                            &[("class", "kind")],
                                            kind.map_or(&hit.kind[..], |k| k.chinese()),
                                        );
                                        h.el_text(
                                            "span",
                                            &[("class", "score")],
                                            &format!("{:.2}", hit.score),
                                        );
                                    });
                                    h.el("p", &[("class", "snippet")], |h| {
                                        h.marked(&hit.snippet, &hit.marks);
                                    });
                                    h.el_text("div", &[("class", "source")], &hit.source);
                                });
                            }
                        },
                    );
                    pager(h, &p, page, total, app.limits.max_page);
                });
            });
        }
    }
    let title = match &words {
        Some(w) => format!("搜索：{w}"),
        None => "搜索".to_string(),
    };
    Ok(layout(&title, "/", |h| {
        h.append(body);
    }))
}

fn form(h: &mut Html, p: &Params, words: &str) {
    h.el(
        "form",
        &[("method", "get"), ("action", "/"), ("class", "search")],
        |h| {
            h.el("div", &[("class", "query")], |h| {
                h.void(
                    "input",
                    &[
                        ("name", "q"),
                        ("value", words),
                        (
                            "placeholder",
                            "输入词语，如 政策解读；\"政务 公开\" 须相邻；-培训 排除",
                        ),
                        ("maxlength", "200"),
                        ("autofocus", "autofocus"),
                        ("id", "q"),
                    ],
                );
                h.el_text("button", &[("type", "submit")], "搜索");
            });
            h.el("div", &[("class", "filters")], |h| {
                let mut kinds: Vec<(&str, &str)> = vec![("", "全部章节")];
                kinds.extend(SectionKind::ALL.iter().map(|k| (k.key(), k.chinese())));
                let current = p.all("section").into_iter().next().unwrap_or_default();
                select(h, "section", "章节", &kinds, &current);
                filter_fields(h, p);
            });
        },
    );
}

fn facet_lists(h: &mut Html, p: &Params, f: &Facets) {
    let group = |h: &mut Html, title: &str, items: Vec<(String, String, usize)>| {
        if items.is_empty() {
            return;
        }
        h.el_text("h3", &[], title);
        h.el("ul", &[], |h| {
            for (href, label, n) in items {
                h.el("li", &[], |h| {
                    h.link(&href, &label);
                    h.el_text("span", &[("class", "n")], &n.to_string());
                });
            }
        });
    };
    group(
        h,
        "章节",
        f.kinds
            .iter()
            .map(|(k, n)| (p.with("/", "section", k.key()), k.chinese().to_string(), *n))
            .collect(),
    );
    group(
        h,
        "年度",
        f.years
            .iter()
            .rev()
            .map(|(y, n)| {
                let label = if *y == 0 {
                    "未知".to_string()
                } else {
                    y.to_string()
                };
                (p.with("/", "year", &y.to_string()), label, *n)
            })
            .collect(),
    );
    let mut provinces: Vec<(&String, &usize)> = f.provinces.iter().collect();
    provinces.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    group(
        h,
        "省份",
        provinces
            .into_iter()
            .map(|(name, n)| (p.with("/", "region", name), name.clone(), *n))
            .collect(),
    );
}

fn pager(h: &mut Html, p: &Params, page: usize, total: usize, max_page: usize) {
    let pages = total.div_ceil(PER_PAGE).min(max_page);
    if pages <= 1 {
        return;
    }
    h.el("nav", &[("class", "pager")], |h| {
        if page > 1 {
            h.el_text(
                "a",
                &[
                    ("href", &p.with("/", "page", &(page - 1).to_string())),
                    ("rel", "prev"),
                ],
                "上一页",
            );
        }
        h.el_text("span", &[], &format!("第 {page} / {pages} 页"));
        if page < pages {
            h.el_text(
                "a",
                &[
                    ("href", &p.with("/", "page", &(page + 1).to_string())),
                    ("rel", "next"),
                ],
                "下一页",
            );
        }
    });
}

/// Without words: the reports the filters select, from the index's columns.
fn list(app: &App, p: &Params, h: &mut Html) -> Result<(), Fail> {
    if !p.all("section").is_empty() {
        return Err(Fail::Bad(
            "'section' chooses where words are searched: give words (q)".into(),
        ));
    }
    let filters = p.filters()?;
    let opened = &app.opened;
    let rows = crate::index::columns::report_rows(&opened.index, &opened.fields, &filters, &[])
        .map_err(|e| Fail::from(opened.damaged(&e)))?;
    h.el_text(
        "p",
        &[("class", "count")],
        &format!("共 {} 份报告", rows.len()),
    );
    h.el("table", &[("class", "list")], |h| {
        h.el("tr", &[], |h| {
            for c in ["机关", "年度", "地区", "文件", ""] {
                h.el_text("th", &[], c);
            }
        });
        for r in rows.iter().take(LISTED) {
            h.el("tr", &[], |h| {
                h.el("td", &[], |h| {
                    h.link(
                        &report_url(&r.source, ""),
                        r.agency.as_deref().unwrap_or("（未识别）"),
                    );
                });
                h.el_text("td", &[], &r.year.map_or("?".into(), |y| y.to_string()));
                let place = [r.province.as_deref(), r.city.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                h.el_text("td", &[], &place);
                h.el_text("td", &[("class", "source")], &r.source);
                h.el("td", &[], |h| {
                    if let (Some(a), Some(y)) = (&r.agency, r.year) {
                        h.link(
                            &super::super::html::url(
                                "/profile",
                                &[("agency", &format!("{a}:{y}"))],
                            ),
                            "同级对比",
                        );
                        h.text(" ");
                        h.link(
                            &super::super::html::url("/compare", &[("agency", a)]),
                            "历年",
                        );
                    }
                });
            });
        }
    });
    if rows.len() > LISTED {
        h.el_text(
            "p",
            &[("class", "note")],
            &format!("只列出前 {LISTED} 份；用筛选条件缩小范围。"),
        );
    }
    Ok(())
}
