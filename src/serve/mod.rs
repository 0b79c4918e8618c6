//! `gongkai serve`: a read-only web server over an index — pages in Chinese for people who would
//! rather look than read, and a JSON API with the command line's `--json` shapes. This file is
//! the router, the limits and the response headers; [`api`] answers in JSON, [`pages`] in HTML
//! (one file per page), [`html`] is the escaping builder every page is written with, [`svg`]
//! the charts, [`params`] the query parameters.
//!
//! What is computed is what the command line computes ([`crate::answer`]), on blocking threads
//! (tantivy reads files), at most [`Limits::workers`] at a time, each request bounded by
//! [`Limits::timeout`]. No URL reaches the file system except through the index: a report's
//! file is read only at the path the index recorded for it. Every asset is embedded.

pub mod api;
pub mod cache;
pub mod html;
pub mod pages;
pub mod params;
pub mod svg;

use crate::answer::Opened;
use crate::Error;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The bounds on what one request may ask and cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The longest query, in characters.
    pub query_chars: usize,
    /// The most hits one API request returns (`n`).
    pub max_hits: usize,
    /// The deepest page of a search page.
    pub max_page: usize,
    /// How long a request may take before it is answered 503.
    pub timeout: Duration,
    /// How many requests compute at once (the others wait, within their time).
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            query_chars: 200,
            max_hits: 100,
            max_page: 50,
            timeout: Duration::from_secs(30),
            workers: 4,
        }
    }
}

/// What every handler shares.
pub struct App {
    pub opened: Opened,
    pub limits: Limits,
    permits: Arc<tokio::sync::Semaphore>,
    jieba: OnceLock<jieba_rs::Jieba>,
    /// Pages that took long, kept per index commit.
    pub pages: Arc<cache::PageCache>,
}

impl App {
    /// jieba's dictionary (for the themes' discovered keywords), built on first need.
    pub fn jieba(&self) -> &jieba_rs::Jieba {
        self.jieba.get_or_init(jieba_rs::Jieba::new)
    }
}

/// Why a request was not answered, and its status.
#[derive(Debug)]
pub enum Fail {
    /// A parameter is missing, unknown or malformed: 400.
    Bad(String),
    /// No such report, agency or page: 404.
    NotFound(String),
    /// The request took longer than the limit: 503.
    Timeout(Duration),
    /// The index failed: 500.
    Internal(String),
}

impl Fail {
    pub fn status(&self) -> StatusCode {
        match self {
            Fail::Bad(_) => StatusCode::BAD_REQUEST,
            Fail::NotFound(_) => StatusCode::NOT_FOUND,
            Fail::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            Fail::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message, on one line.
    pub fn message(&self) -> String {
        let m = match self {
            Fail::Bad(m) | Fail::NotFound(m) | Fail::Internal(m) => m.clone(),
            Fail::Timeout(d) => format!(
                "the request took longer than {} s (the server's limit); narrow it down",
                d.as_secs_f64()
            ),
        };
        m.lines().collect::<Vec<_>>().join(" ")
    }
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        match e {
            Error::Usage(m) => Fail::Bad(m),
            Error::NotFound(m) => Fail::NotFound(m),
            other => Fail::Internal(other.to_string()),
        }
    }
}

/// Run `work` on a blocking thread, at most [`Limits::workers`] at once, within the time limit.
/// A request that times out is answered at once; its work finishes in the background, still
/// holding its permit, so that slow requests cannot pile up beyond the limit (a page's work then
/// keeps its page: [`cache`]).
pub async fn compute<T: Send + 'static>(
    app: &Arc<App>,
    work: impl FnOnce(&App) -> Result<T, Fail> + Send + 'static,
) -> Result<T, Fail> {
    let limit = app.limits.timeout;
    let app = app.clone();
    let run = async move {
        let permit = app
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Fail::Internal("the server is stopping".into()))?;
        let task = tokio::task::spawn_blocking({
            let app = app.clone();
            move || {
                let _held = permit;
                work(&app)
            }
        });
        task.await
            .map_err(|e| Fail::Internal(format!("a request failed: {e}")))?
    };
    // The permit moves into the task: see above.
    match tokio::time::timeout(limit, run).await {
        Ok(r) => r,
        Err(_) => Err(Fail::Timeout(limit)),
    }
}

/// [`compute`] for an answer written as text (a page, a JSON body), kept when it took long
/// ([`cache`]): a kept answer for the index as it is now is returned at once, and a request
/// for an answer another request is computing waits for it, within the time limit.
pub async fn compute_kept(
    app: &Arc<App>,
    key: String,
    work: impl FnOnce(&App) -> Result<String, Fail> + Send + 'static,
) -> Result<String, Fail> {
    // The index's commit: an answer is kept only for the index it was computed from.
    let Ok(generation) = app.opened.index.load_metas().map(|m| m.opstamp) else {
        return compute(app, work).await;
    };
    let keep_after = app.limits.timeout.min(cache::KEEP_SLOWER_THAN);
    let deadline = tokio::time::Instant::now() + app.limits.timeout;
    loop {
        match app.pages.find(&key, generation, keep_after) {
            cache::Found::Ready(text) => return Ok(text.as_str().to_string()),
            cache::Found::Absent(computing) => {
                return compute(app, move |app| {
                    let text = work(app)?;
                    computing.finish(&text);
                    Ok(text)
                })
                .await
            }
            cache::Found::Running => {
                if tokio::time::Instant::now() >= deadline {
                    return Err(Fail::Timeout(app.limits.timeout));
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// The router: pages, the API and the embedded assets.
pub fn router(app: Arc<App>) -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route("/", get(pages::search::handle))
        .route("/report", get(pages::report::handle))
        .route("/compare", get(pages::compare::handle))
        .route("/themes", get(pages::themes::handle))
        .route("/rank", get(pages::rank::handle))
        .route("/profile", get(pages::profile::handle))
        .route("/anomalies", get(pages::anomalies::handle))
        .route("/api/search", get(api::search))
        .route("/api/report", get(api::report))
        .route("/api/compare", get(api::compare))
        .route("/api/themes", get(api::themes))
        .route("/api/rank", get(api::rank))
        .route("/api/profile", get(api::profile))
        .route("/api/anomalies", get(api::anomalies))
        .route("/assets/style.css", get(style))
        .route("/favicon.ico", get(icon))
        .fallback(not_found)
        .layer(axum::middleware::map_response(headers))
        .with_state(app)
}

/// The stylesheet, embedded.
async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("assets/style.css"),
    )
        .into_response()
}

/// The tab's icon, embedded (browsers ask for it; a 404 would be an error in their console).
async fn icon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        include_str!("assets/icon.svg"),
    )
        .into_response()
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let fail = Fail::NotFound(format!("no page at {}", uri.path()));
    if uri.path().starts_with("/api/") {
        api::failure(fail)
    } else {
        pages::failure(fail)
    }
}

/// What every answer carries: no script but our own (there is none), no inline style, no
/// framing, no sniffing, no referrer.
async fn headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

/// Where to listen: an address or `host:port` (`localhost:7878`); a bad one is an error naming
/// it.
fn listen(bind: &str) -> Result<std::net::TcpListener, Error> {
    use std::net::ToSocketAddrs;
    let fail = |message: String| Error::Listen {
        addr: bind.to_string(),
        message,
    };
    let addrs: Vec<SocketAddr> = bind
        .to_socket_addrs()
        .map_err(|e| fail(e.to_string()))?
        .collect();
    let mut last = "no address".to_string();
    for a in addrs {
        match std::net::TcpListener::bind(a) {
            Ok(l) => return Ok(l),
            Err(e) => last = crate::ingest::io_reason(&e),
        }
    }
    Err(fail(last))
}

/// Serve `opened` on `bind` until the process is stopped; `listening` is told the address once
/// the socket is bound (port 0 picks a free one).
pub fn serve(
    opened: Opened,
    bind: &str,
    limits: Limits,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let listener = listen(bind)?;
    let fail = |e: std::io::Error| Error::Listen {
        addr: bind.to_string(),
        message: crate::ingest::io_reason(&e),
    };
    let addr = listener.local_addr().map_err(fail)?;
    listener.set_nonblocking(true).map_err(fail)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(limits.workers.max(1) * 2)
        .build()
        .map_err(|e| Error::Bug(format!("the server cannot start: {e}")))?;
    let app = Arc::new(App {
        opened,
        permits: Arc::new(tokio::sync::Semaphore::new(limits.workers.max(1))),
        limits,
        jieba: OnceLock::new(),
        pages: Arc::default(),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(fail)?;
        listening(addr);
        axum::serve(listener, router(app))
            .await
            .map_err(|e| Error::Bug(format!("the server stopped: {e}")))
    })
}
