//! The JSON API behind the pages, with the command line's `--json` shapes: each answer is the
//! value the command serialises ([`crate::answer`]), so that `/api/compare?left=A&right=B`
//! equals `gongkai compare A B --json` by construction (and `tests/serve.rs` checks it).
//!
//! | address | answer |
//! |---|---|
//! | `/api/search?q=&section=&year=&agency=&region=&where=&items=&n=` | `{"total", "hits": [search --json lines]}` |
//! | `/api/report?source=` | the parsed-report contract (`parse --json`) |
//! | `/api/compare?left=&right=[&lines=1]` | `compare LEFT RIGHT --json` |
//! | `/api/compare?agency=[&years=&all=1]` | `compare AGENCY --years … --json` |
//! | `/api/themes?section=&by=&…filters` | `[themes --json lines]` |
//! | `/api/rank?key=&by=&asc=&top=&missing=&…filters` | `[rank --json lines]` |
//! | `/api/profile?agency=&peers=` | `profile --json` |
//! | `/api/anomalies?kind=&top=&…filters` | `[anomalies --json lines]` |
//!
//! A bad parameter is a 400, an unknown report or agency a 404, each with one line of text.

use super::params::{Params, FILTERS};
use super::{compute_kept, App, Fail};
use crate::analyze::anomalies::Kind;
use crate::analyze::themes::{By, ItemKind, Taxonomy};
use crate::answer;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

/// A request's query string, as axum reads it.
pub type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The pairs, or a 400 naming what could not be read.
pub fn pairs(q: Pairs, known: &[&[&str]]) -> Result<Params, Fail> {
    match q {
        Ok(Query(p)) => Params::new(p, known),
        Err(e) => Err(Fail::Bad(format!("the query string cannot be read: {e}"))),
    }
}

/// A failure as the API answers it: its status and one line of text.
pub fn failure(f: Fail) -> Response {
    (
        f.status(),
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        f.message() + "\n",
    )
        .into_response()
}

/// Read the parameters, then compute on a blocking thread, then answer JSON (kept when it took
/// long, as pages are: [`super::cache`]).
async fn answer<T: Serialize + Send + 'static>(
    app: Arc<App>,
    route: &'static str,
    q: Pairs,
    known: &[&[&str]],
    work: impl FnOnce(&App, Params) -> Result<T, Fail> + Send + 'static,
) -> Response {
    let p = match pairs(q, known) {
        Ok(p) => p,
        Err(f) => return failure(f),
    };
    let key = format!("{route}{}", p.canonical());
    let body = compute_kept(&app, key, move |app| {
        serde_json::to_string(&work(app, p)?).map_err(|e| Fail::Internal(e.to_string()))
    })
    .await;
    match body {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(f) => failure(f),
    }
}

/// The search filters of `/` and `/api/search`: the report filters, `section`, `items`.
pub fn search_filters(p: &Params) -> Result<crate::index::query::Filters, Fail> {
    Ok(crate::index::query::Filters {
        kinds: answer::search::section_kinds(&p.all("section"))?,
        items: p.flag("items")?,
        ..p.filters()?
    })
}

pub async fn search(State(app): State<Arc<App>>, q: Pairs) -> Response {
    const OWN: &[&str] = &["q", "section", "items", "n"];
    answer(app, "/api/search", q, &[OWN, FILTERS], |app, p| {
        let words = p
            .query(&app.limits)?
            .ok_or_else(|| Fail::Bad("'q' is missing: give words to search for".into()))?;
        let n = p.number("n", 20, app.limits.max_hits)?;
        let query = answer::search::parse(&words)?;
        let filters = search_filters(&p)?;
        Ok(answer::search::search(&app.opened, &query, &filters, n)?)
    })
    .await
}

pub async fn report(State(app): State<Arc<App>>, q: Pairs) -> Response {
    answer(app, "/api/report", q, &[&["source"]], |app, p| {
        let source = p.required("source")?;
        answer::report::report(&app.opened, source)?
            .ok_or_else(|| Fail::NotFound(format!("no indexed report has the source '{source}'")))
    })
    .await
}

/// Either of the two shapes of `compare --json`.
#[derive(Serialize)]
#[serde(untagged)]
enum Compared {
    Pair(Box<crate::analyze::compare::Comparison>),
    Years(crate::analyze::compare::Timeline),
}

/// Two agency-years (`left`, `right`), or one agency over `years`.
fn compared(app: &App, p: &Params) -> Result<Compared, Fail> {
    match (p.one("left")?, p.one("right")?, p.one("agency")?) {
        (Some(l), Some(r), None) => {
            if p.one("years")?.is_some() {
                return Err(Fail::Bad(
                    "'years' goes with 'agency', not with two sides".into(),
                ));
            }
            let lines = p.flag("lines")?;
            let text = p.flag("text")?;
            Ok(Compared::Pair(Box::new(answer::compare::pair(
                &app.opened,
                l,
                r,
                lines,
                text,
            )?)))
        }
        (None, None, Some(a)) => {
            let years = p
                .one("years")?
                .map(crate::index::query::parse_years)
                .transpose()
                .map_err(Fail::Bad)?;
            let all = p.flag("all")?;
            Ok(Compared::Years(answer::compare::timeline(
                &app.opened,
                a,
                years,
                all,
                &mut |_| {},
            )?))
        }
        _ => Err(Fail::Bad(
            "give 'left' and 'right' (AGENCY:YEAR each), or 'agency' (and 'years')".into(),
        )),
    }
}

pub const COMPARE_PARAMS: &[&str] = &["left", "right", "agency", "years", "lines", "text", "all"];

pub async fn compare(State(app): State<Arc<App>>, q: Pairs) -> Response {
    answer(app, "/api/compare", q, &[COMPARE_PARAMS], |app, p| {
        compared(app, &p)
    })
    .await
}

/// The themes of the reports the parameters select.
pub fn themes_of(app: &App, p: &Params) -> Result<answer::themes::Themes, Fail> {
    let kind = match p.one("section")? {
        None | Some("problems" | "问题" | "存在的主要问题") => ItemKind::Problems,
        Some("improvements" | "改进" | "改进情况") => ItemKind::Improvements,
        Some(s) => {
            return Err(Fail::Bad(format!(
                "'section={s}': problems or improvements"
            )))
        }
    };
    let by = match p.one("by")? {
        None | Some("year") => By::Year,
        Some("province") => By::Province,
        Some(b) => return Err(Fail::Bad(format!("'by={b}': year or province"))),
    };
    let filters = p.filters()?;
    Ok(answer::themes::themes(
        &app.opened,
        &filters,
        kind,
        &Taxonomy::builtin(),
        by,
        app.jieba(),
        &mut |_| {},
    )?)
}

pub const THEMES_PARAMS: &[&str] = &["section", "by"];

pub async fn themes(State(app): State<Arc<App>>, q: Pairs) -> Response {
    answer(
        app,
        "/api/themes",
        q,
        &[THEMES_PARAMS, FILTERS],
        |app, p| Ok(themes_of(app, &p)?.list),
    )
    .await
}

/// `rank --by`, from a parameter.
pub fn group_by(p: &Params) -> Result<Option<answer::rank::GroupBy>, Fail> {
    use answer::rank::GroupBy;
    Ok(match p.one("by")? {
        None | Some("all") => None,
        Some("province") => Some(GroupBy::Province),
        Some("city") => Some(GroupBy::City),
        Some("level") => Some(GroupBy::Level),
        Some("kind") => Some(GroupBy::Kind),
        Some("year") => Some(GroupBy::Year),
        Some(b) => {
            return Err(Fail::Bad(format!(
                "'by={b}': one of province, city, level, kind, year"
            )))
        }
    })
}

pub const RANK_PARAMS: &[&str] = &["key", "by", "asc", "top", "missing"];

pub async fn rank(State(app): State<Arc<App>>, q: Pairs) -> Response {
    answer(app, "/api/rank", q, &[RANK_PARAMS, FILTERS], |app, p| {
        let target = answer::rank::resolve(p.required("key")?).map_err(Fail::Bad)?;
        let top = p
            .one("top")?
            .map(|_| p.number("top", 0, usize::MAX))
            .transpose()?;
        let ranking = answer::rank::compute(
            &app.opened,
            &p.filters()?,
            &target,
            group_by(&p)?,
            p.flag("asc")?,
        )?;
        Ok(ranking.json_lines(top, p.flag("missing")?))
    })
    .await
}

/// `profile --peers`, from a parameter.
pub fn peers(p: &Params) -> Result<answer::profile::Peers, Fail> {
    use answer::profile::Peers;
    Ok(match p.one("peers")? {
        None | Some("level") => Peers::Level,
        Some("province") => Peers::Province,
        Some("all") => Peers::All,
        Some(x) => return Err(Fail::Bad(format!("'peers={x}': level, province or all"))),
    })
}

pub async fn profile(State(app): State<Arc<App>>, q: Pairs) -> Response {
    answer(app, "/api/profile", q, &[&["agency", "peers"]], |app, p| {
        let unit = p.required("agency")?;
        Ok(answer::profile::compute(&app.opened, unit, peers(&p)?)?)
    })
    .await
}

/// `anomalies --kind`, from a parameter (comma-separated or repeated; default all).
pub fn anomaly_kinds(p: &Params) -> Result<Vec<Kind>, Fail> {
    let mut out = Vec::new();
    for v in p.all("kind") {
        for k in v.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let kind = Kind::ALL
                .into_iter()
                .find(|x| x.as_str() == k.replace('-', "_"))
                .ok_or_else(|| {
                    Fail::Bad(format!(
                        "'kind={k}': one of check, prose, carried-over, jump, copied"
                    ))
                })?;
            if !out.contains(&kind) {
                out.push(kind);
            }
        }
    }
    Ok(if out.is_empty() {
        Kind::ALL.to_vec()
    } else {
        out
    })
}

pub const ANOMALY_PARAMS: &[&str] = &["kind", "top"];

pub async fn anomalies(State(app): State<Arc<App>>, q: Pairs) -> Response {
    answer(
        app,
        "/api/anomalies",
        q,
        &[ANOMALY_PARAMS, FILTERS],
        |app, p| {
            let (mut list, _) =
                answer::anomalies::find(&app.opened, &p.filters()?, &anomaly_kinds(&p)?)?;
            if p.one("top")?.is_some() {
                list.truncate(p.number("top", 0, usize::MAX)?);
            }
            Ok(list)
        },
    )
    .await
}
