//! `/compare`: two agency-years side by side (`?left=广州:2022&right=崇明:2023`) — every figure
//! with Δ, changed figures marked, a bar chart per table, both sides' checks, the sections'
//! similarity, the problems of each with their themes and the themes they share; or one agency
//! over the years (`?agency=平潭&years=2019..2025`) — line charts of the key figures, the
//! figures per year, the cross-year checks and the text reuse.

use super::super::api::{Pairs, COMPARE_PARAMS};
use super::super::html::{url, Html};
use super::super::params::Params;
use super::super::{svg, App, Fail};
use super::{field, layout, report_url, who};
use crate::analyze::compare::{Comparison, FigureDiff, Timeline};
use crate::analyze::profile::KEY_FIGURES;
use crate::answer;
use crate::model::{CheckStatus, Num};
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

pub async fn handle(State(app): State<Arc<App>>, q: Pairs) -> Response {
    super::respond(app, "/compare", q, &[COMPARE_PARAMS], write).await
}

const TABLE_NAMES: &[(&str, &str)] = &[
    ("二", "二、主动公开政府信息情况"),
    ("三", "三、收到和处理政府信息公开申请情况"),
    ("四", "四、政府信息公开行政复议、行政诉讼情况"),
];

fn write(app: &App, p: Params) -> Result<String, Fail> {
    let v = |n: &str| p.one(n).map(|x| x.unwrap_or("").to_string());
    let (left, right, agency) = (v("left")?, v("right")?, v("agency")?);
    let mut body = Html::new();
    body.el(
        "form",
        &[
            ("method", "get"),
            ("action", "/compare"),
            ("class", "search"),
        ],
        |h| {
            h.el("div", &[("class", "filters")], |h| {
                field(h, "left", "左", &left, "机关:年度，如 广州:2022");
                field(h, "right", "右", &right, "如 崇明:2023");
                h.el_text("button", &[("type", "submit")], "并列比较");
            });
        },
    );
    body.el(
        "form",
        &[
            ("method", "get"),
            ("action", "/compare"),
            ("class", "search"),
        ],
        |h| {
            h.el("div", &[("class", "filters")], |h| {
                field(h, "agency", "机关", &agency, "如 平潭");
                field(
                    h,
                    "years",
                    "年度",
                    &v("years").unwrap_or_default(),
                    "2019..2025",
                );
                h.el_text("button", &[("type", "submit")], "历年比较");
            });
        },
    );
    let title;
    if !left.is_empty() || !right.is_empty() {
        if left.is_empty() || right.is_empty() {
            return Err(Fail::Bad(
                "give both 'left' and 'right' (AGENCY:YEAR each)".into(),
            ));
        }
        let c = answer::compare::pair(&app.opened, &left, &right, true, true)?;
        title = format!(
            "{} ↔ {}",
            who(c.left.agency.as_deref(), c.left.year, &c.left.source),
            who(c.right.agency.as_deref(), c.right.year, &c.right.source)
        );
        pair(&mut body, &c, p.flag("all")?, &p);
    } else if !agency.is_empty() {
        let years = p
            .one("years")?
            .map(crate::index::query::parse_years)
            .transpose()
            .map_err(Fail::Bad)?;
        let t =
            answer::compare::timeline(&app.opened, &agency, years, p.flag("all")?, &mut |_| {})?;
        title = format!("{} 历年", t.agency);
        timeline(&mut body, &t);
    } else {
        title = "比较".to_string();
        body.el_text(
            "p",
            &[("class", "note")],
            "填写两个“机关:年度”并列比较两份报告，或填写一个机关查看它历年的变化。机关名称写一部分即可。",
        );
    }
    Ok(layout(&title, "/compare", |h| {
        h.append(body);
    }))
}

fn signed(d: Option<Num>) -> (String, &'static str) {
    match d {
        None => (String::new(), ""),
        Some(n) if n.0 > 0.0 => (format!("+{n}"), "up"),
        Some(n) if n.0 < 0.0 => (n.to_string(), "down"),
        Some(_) => ("0".into(), "same"),
    }
}

fn value_link(h: &mut Html, source: &str, key: &str, v: Option<Num>) {
    match v {
        Some(n) => {
            h.el_text(
                "a",
                &[
                    ("href", &report_url(source, &format!("p-{key}"))),
                    ("class", "cell"),
                ],
                &n.to_string(),
            );
        }
        None => {
            h.el_text("span", &[("class", "na")], "–");
        }
    }
}

fn pair(h: &mut Html, c: &Comparison, all: bool, p: &Params) {
    h.el("table", &[("class", "sides")], |h| {
        for (name, s) in [("左", &c.left), ("右", &c.right)] {
            h.el("tr", &[], |h| {
                h.el_text("th", &[], name);
                h.el("td", &[], |h| {
                    h.link(
                        &report_url(&s.source, ""),
                        &who(s.agency.as_deref(), s.year, &s.source),
                    );
                });
                h.el_text("td", &[("class", "source")], &s.source);
            });
        }
    });
    let shown: Vec<&FigureDiff> = c.figures.iter().filter(|f| all || !f.is_idle()).collect();
    h.el_text("h2", &[("id", "figures")], "数字");
    for (t, heading) in TABLE_NAMES {
        let mine: Vec<&&FigureDiff> = shown
            .iter()
            .filter(|f| f.label.split('·').next() == Some(t))
            .collect();
        if mine.is_empty() {
            continue;
        }
        h.el_text("h3", &[], heading);
        // The chart: table 二's figures, and the totals of 三 and 四 (the applicant columns
        // would crowd it; the table below has them all).
        let charted: Vec<(String, Vec<Option<f64>>)> = mine
            .iter()
            .filter(|f| *t == "二" || f.key.ends_with(".total"))
            .map(|f| {
                let label = f
                    .label
                    .split_once('·')
                    .map_or(&f.label[..], |x| x.1)
                    .replace('·', " ");
                (label, vec![f.left.map(|n| n.0), f.right.map(|n| n.0)])
            })
            .collect();
        if !charted.is_empty() {
            let l = who(c.left.agency.as_deref(), c.left.year, &c.left.source);
            let r = who(c.right.agency.as_deref(), c.right.year, &c.right.source);
            svg::bars(h, heading, &[&l, &r], &charted);
        }
        h.el("table", &[("class", "compare")], |h| {
            h.el("tr", &[], |h| {
                for col in ["", "左", "右", "Δ（右 − 左）"] {
                    h.el_text("th", &[], col);
                }
            });
            for f in mine {
                let changed = f.left != f.right;
                let (delta, dir) = signed(f.delta);
                h.el(
                    "tr",
                    &[
                        ("class", if changed { "changed" } else { "" }),
                        ("data-key", &f.key),
                    ],
                    |h| {
                        let label = f
                            .label
                            .split_once('·')
                            .map_or(&f.label[..], |x| x.1)
                            .replace('·', " · ");
                        h.el_text("th", &[("class", "row")], &label);
                        h.el("td", &[("class", "left")], |h| {
                            value_link(h, &c.left.source, &f.key, f.left)
                        });
                        h.el("td", &[("class", "right")], |h| {
                            value_link(h, &c.right.source, &f.key, f.right)
                        });
                        h.el_text("td", &[("class", &format!("delta {dir}"))], &delta);
                    },
                );
            }
        });
    }
    let folded = c.figures.len() - shown.len();
    if folded > 0 && !all {
        h.el("p", &[("class", "note")], |h| {
            h.text(&format!("两边都为 0 或未印的 {folded} 个数字已折叠。"));
            h.link(&p.with("/compare", "all", "1"), "全部显示");
        });
    }
    for (side, s) in [("左", &c.left), ("右", &c.right)] {
        if !s.tables {
            h.el_text(
                "p",
                &[("class", "note")],
                &format!("{side}：本报告没有统计表（–：未印，不是 0）。"),
            );
        }
    }
    h.el_text("h2", &[("id", "checks")], "勾稽检查");
    h.el("table", &[("class", "checks")], |h| {
        h.el("tr", &[], |h| {
            for col in ["规则", "左", "右"] {
                h.el_text("th", &[], col);
            }
        });
        let status = |s: Option<CheckStatus>| match s {
            Some(CheckStatus::Fail) => ("未通过", "fail"),
            Some(CheckStatus::Pass) => ("通过", "pass"),
            Some(CheckStatus::Skipped) => ("跳过", "skipped"),
            None => ("", ""),
        };
        let mut rules: Vec<&str> = c.checks.left.iter().map(|x| x.rule.as_str()).collect();
        for x in &c.checks.right {
            if !rules.contains(&x.rule.as_str()) {
                rules.push(&x.rule);
            }
        }
        for rule in rules {
            h.el("tr", &[], |h| {
                h.el_text("td", &[], rule);
                for list in [&c.checks.left, &c.checks.right] {
                    let (text, class) =
                        status(list.iter().find(|x| x.rule == rule).map(|x| x.status));
                    h.el_text("td", &[("class", class)], text);
                }
            });
        }
    });
    h.el("ul", &[("class", "failures")], |h| {
        for (side, list) in [("左", &c.checks.left), ("右", &c.checks.right)] {
            for ch in list.iter().filter(|x| x.status == CheckStatus::Fail) {
                h.el_text(
                    "li",
                    &[("class", "fail")],
                    &format!("{side} {}：{}", ch.rule, ch.detail),
                );
            }
        }
    });
    h.el_text("h2", &[("id", "sections")], "章节");
    h.el("table", &[("class", "compare")], |h| {
        h.el("tr", &[], |h| {
            for col in ["章节", "左（字）", "右（字）", "相似度"] {
                h.el_text("th", &[], col);
            }
        });
        for s in &c.sections {
            h.el("tr", &[], |h| {
                h.el_text("th", &[("class", "row")], s.kind.chinese());
                h.el_text("td", &[], &s.left_chars.to_string());
                h.el_text("td", &[], &s.right_chars.to_string());
                h.el_text("td", &[], &format!("{:.2}", s.similarity));
            });
        }
    });
    aligned_texts(h, c);
    h.el_text("h2", &[("id", "problems")], "存在的问题");
    let shared = &c.problems.shared_themes;
    h.el("div", &[("class", "two")], |h| {
        for (side, items) in [("左", &c.problems.left), ("右", &c.problems.right)] {
            h.el("div", &[], |h| {
                h.el_text("h3", &[], side);
                if items.is_empty() {
                    h.el_text("p", &[("class", "note")], "（未列出）");
                }
                h.el("ul", &[], |h| {
                    for it in items {
                        h.el("li", &[], |h| {
                            h.text(&it.text);
                            for t in &it.themes {
                                let class = if shared.contains(t) {
                                    "theme shared"
                                } else {
                                    "theme"
                                };
                                h.el_text("span", &[("class", class)], t);
                            }
                        });
                    }
                });
            });
        }
    });
    h.el_text(
        "p",
        &[("id", "shared")],
        &format!(
            "共同的主题：{}",
            if shared.is_empty() {
                "无".to_string()
            } else {
                shared.join("、")
            }
        ),
    );
    h.el("p", &[("class", "links")], |h| {
        let l = |s: &crate::analyze::compare::Side| match (&s.agency, s.year) {
            (Some(a), Some(y)) => format!("{a}:{y}"),
            _ => s.source.clone(),
        };
        h.link(
            &url(
                "/api/compare",
                &[("left", &l(&c.left)), ("right", &l(&c.right))],
            ),
            "JSON",
        );
    });
}

fn timeline(h: &mut Html, t: &Timeline) {
    h.el("p", &[("class", "links")], |h| {
        for (y, s) in t.years.iter().zip(&t.sources) {
            h.link(&report_url(s, ""), &y.to_string());
            h.text(" ");
        }
    });
    let others = t.other_names();
    if !others.is_empty() {
        let said: Vec<String> = others
            .iter()
            .map(|(name, years)| {
                let years: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
                format!("{}署名为“{name}”", years.join("、"))
            })
            .collect();
        h.el_text(
            "p",
            &[("class", "note")],
            &format!("{}；同一机关。", said.join("；")),
        );
    }
    let years: Vec<String> = t.years.iter().map(|y| y.to_string()).collect();
    let key: Vec<(String, Vec<Option<f64>>)> = t
        .figures
        .iter()
        .filter(|f| KEY_FIGURES.contains(&f.key.as_str()))
        .map(|f| {
            (
                f.label.replace('·', " "),
                f.values.iter().map(|v| v.map(|n| n.0)).collect(),
            )
        })
        .collect();
    if !key.is_empty() {
        h.el_text("h2", &[], "关键数字");
        svg::lines(h, &format!("{} 关键数字", t.agency), &years, &key);
    }
    h.el_text("h2", &[("id", "figures")], "数字");
    if t.figures.is_empty() {
        h.el_text("p", &[("class", "note")], "这些年度的报告没有统计表。");
    }
    h.el("div", &[("class", "scroll")], |h| {
        h.el("table", &[("class", "compare")], |h| {
            h.el("tr", &[], |h| {
                h.el_text("th", &[], "");
                for y in &years {
                    h.el_text("th", &[], y);
                }
            });
            for f in &t.figures {
                h.el("tr", &[("data-key", &f.key)], |h| {
                    h.el_text("th", &[("class", "row")], &f.label.replace('·', " · "));
                    for ((v, d), s) in f.values.iter().zip(&f.changes).zip(&t.sources) {
                        h.el("td", &[], |h| {
                            value_link(h, s, &f.key, *v);
                            let (delta, dir) = signed(*d);
                            if d.is_some_and(|d| d.0 != 0.0) {
                                h.el_text(
                                    "span",
                                    &[("class", &format!("delta {dir}"))],
                                    &format!(" ({delta})"),
                                );
                            }
                        });
                    }
                });
            }
        });
    });
    h.el_text("h2", &[("id", "checks")], "跨年度检查");
    if t.cross_checks.is_empty() {
        h.el_text("p", &[("class", "note")], "只有一个年度。");
    }
    h.el("table", &[("class", "checks")], |h| {
        for c in &t.cross_checks {
            let (text, class) = match c.status {
                CheckStatus::Fail => ("未通过", "fail"),
                CheckStatus::Pass => ("通过", "pass"),
                CheckStatus::Skipped => ("跳过", "skipped"),
            };
            h.el("tr", &[], |h| {
                h.el_text("td", &[], &c.rule);
                h.el_text("td", &[], &format!("{}→{}", c.from, c.to));
                h.el_text("td", &[("class", class)], text);
                h.el_text("td", &[], &c.detail);
            });
        }
    });
    h.el_text("h2", &[("id", "reuse")], "文字重复（表格除外）");
    h.el("table", &[("class", "checks")], |h| {
        for y in &t.similarity {
            h.el("tr", &[], |h| {
                h.el_text("td", &[], &format!("{}→{}", y.from, y.to));
                h.el_text("td", &[], &format!("相似度 {:.2}", y.similarity));
                h.el_text(
                    "td",
                    &[],
                    &format!("{} 年的 {:.0}% 见于 {} 年", y.to, y.reused * 100.0, y.from),
                );
            });
        }
    });
}

/// Each prose section's two texts side by side, paragraph against paragraph, folded: a
/// paragraph the other side lacks faces a blank; paragraphs the same on both sides are marked.
fn aligned_texts(h: &mut Html, c: &Comparison) {
    for s in &c.sections {
        let Some(pairs) = s.aligned.as_ref().filter(|p| !p.is_empty()) else {
            continue;
        };
        h.el("details", &[("class", "aligned")], |h| {
            h.el_text(
                "summary",
                &[],
                &format!(
                    "{} 原文对照（相似度 {:.2}）",
                    s.kind.chinese(),
                    s.similarity
                ),
            );
            h.el("table", &[("class", "aligned")], |h| {
                for p in pairs {
                    let same = p.left.is_some() && p.left == p.right;
                    h.el("tr", &[("class", if same { "same" } else { "" })], |h| {
                        for side in [&p.left, &p.right] {
                            h.el_text("td", &[], side.as_deref().unwrap_or(""));
                        }
                    });
                }
            });
        });
    }
}
