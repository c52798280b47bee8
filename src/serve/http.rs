//! HTTP: answer requests from the in-memory site the way a static host would.
//!
//! Every file comes from the current [`Snapshot`] (a map in memory), never from the disk, so no
//! request path can reach a file outside the site. Paths are still decoded and checked strictly:
//! `.`/`..` segments, empty segments, backslashes, NUL and control characters, bad
//! percent-encoding and over-long paths get 400. Only GET and HEAD are answered (others 405),
//! requests whose `Host` is not this server get 403 (DNS rebinding), there are no folder listings
//! and no CORS headers.

use std::net::IpAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch};

use super::live::{self, LiveEvent};
use crate::i18n::Lang;
use crate::incremental::Snapshot;

/// Longest request path answered (longer ones get 400).
const MAX_PATH: usize = 2048;

/// What is served now: the last good site and the error of the last rebuild, if it failed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Current {
    /// The last site built without error.
    pub site: Arc<Snapshot>,
    /// The error of the last rebuild, as shown to the user (the last good site is still served).
    pub error: Option<Arc<str>>,
    /// Counts rebuilds, so a tab that reconnects can tell it missed one.
    pub generation: u64,
}

/// The server's state, handed to every handler.
#[derive(Clone)]
pub(crate) struct AppState {
    /// The site being served.
    pub current: watch::Receiver<Current>,
    /// Live-reload events for open tabs.
    pub events: broadcast::Sender<LiveEvent>,
    /// Becomes `true` when the server stops (ends the event streams).
    pub shutdown: watch::Receiver<bool>,
    /// Which `Host` and `Origin` values are this server.
    pub guard: Arc<Guard>,
    /// The language of the error overlay.
    pub lang: Lang,
}

/// Recognises requests addressed to this server.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    /// The address the server listens on.
    pub bind: IpAddr,
    /// The port it listens on.
    pub port: u16,
}

impl Guard {
    /// True for `localhost:PORT`, a loopback address or the bound address with PORT, and, when
    /// listening on every interface, any IP address with PORT. A DNS-rebinding attack always
    /// comes with the attacker's host name, which is refused.
    pub(crate) fn host_allowed(&self, host: &str) -> bool {
        let (name, port) = match host.strip_prefix('[') {
            Some(rest) => match rest.split_once("]:") {
                Some((name, port)) => (name, port),
                None => return false,
            },
            None => match host.rsplit_once(':') {
                Some(pair) => pair,
                None => return false,
            },
        };
        if port.parse::<u16>().ok() != Some(self.port) {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bind || self.bind.is_unspecified(),
            Err(_) => false,
        }
    }

    /// True for an `Origin` that is `http://` and an allowed host.
    pub(crate) fn origin_allowed(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.host_allowed(host))
    }
}

/// The router: live-reload endpoints, then every other path from the site.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route(live::EVENTS_PATH, get(live::events))
        .route(live::SCRIPT_PATH, get(live::script))
        .fallback(get(serve_path))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .with_state(state)
}

/// Refuses requests for another host (403), and event streams opened by another origin.
async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host_ok = text_header(headers, header::HOST).is_some_and(|h| state.guard.host_allowed(h));
    let origin_ok = request.uri().path() != live::EVENTS_PATH
        || headers.get(header::ORIGIN).is_none()
        || text_header(headers, header::ORIGIN).is_some_and(|o| state.guard.origin_allowed(o));
    if !host_ok || !origin_ok {
        return plain(
            StatusCode::FORBIDDEN,
            "403 Forbidden: this server only answers its own address\n",
        );
    }
    next.run(request).await
}

fn text_header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// How a request path maps onto the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// The file at this output path.
    File(String),
    /// A redirect to this location.
    Redirect(String),
    /// Nothing there: the site's 404 page.
    NotFound,
    /// A path no static host would accept.
    BadRequest,
}

/// Maps a raw (still percent-encoded) request path onto the site.
pub(crate) fn resolve(raw: &str, query: Option<&str>, site: &Snapshot) -> Resolved {
    if raw.len() > MAX_PATH || !raw.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Some(path) = decode(raw) else {
        return Resolved::BadRequest;
    };
    let segments: Vec<&str> = path[1..].split('/').collect();
    let inner = segments.split_last().map_or(&[][..], |(_, inner)| inner);
    if inner.iter().any(|s| s.is_empty()) || segments.iter().any(|s| *s == "." || *s == "..") {
        return Resolved::BadRequest;
    }
    let base = decode(&site.base_path).unwrap_or_else(|| site.base_path.clone());
    let base = if base.is_empty() {
        "/".to_owned()
    } else {
        base
    };
    if format!("{path}/") == base || (raw == "/" && base != "/") {
        return Resolved::Redirect(with_query(&site.base_path, query));
    }
    let Some(rel) = path.strip_prefix(base.as_str()) else {
        return Resolved::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if site.files.contains_key(index.as_str()) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if site.files.contains_key(rel) {
        return Resolved::File(rel.to_owned());
    }
    if site
        .files
        .contains_key(format!("{rel}/index.html").as_str())
    {
        return Resolved::Redirect(with_query(&format!("{raw}/"), query));
    }
    Resolved::NotFound
}

fn with_query(location: &str, query: Option<&str>) -> String {
    match query {
        Some(q) => format!("{location}?{q}"),
        None => location.to_owned(),
    }
}

/// Percent-decodes a path; `None` for bad escapes, invalid UTF-8, NUL, backslashes or control
/// characters (raw or encoded).
fn decode(raw: &str) -> Option<String> {
    if !crate::text::escapes_are_valid(raw) {
        return None;
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
    let text = String::from_utf8(bytes).ok()?;
    (!text.chars().any(|c| c == '\\' || c.is_control())).then_some(text)
}

/// Answers GET and HEAD for any path outside the live-reload endpoints.
///
/// While a large site's first render runs, the site served is a preview (the home page and the
/// static files): a request for anything else waits for the whole site.
async fn serve_path(State(mut state): State<AppState>, uri: Uri) -> Response {
    let mut current = state.current.borrow_and_update().clone();
    while current.site.partial && current.error.is_none() {
        let in_preview = matches!(
            resolve(uri.path(), uri.query(), &current.site),
            Resolved::File(_) | Resolved::Redirect(_)
        );
        if in_preview || state.current.changed().await.is_err() {
            break;
        }
        current = state.current.borrow_and_update().clone();
    }
    match resolve(uri.path(), uri.query(), &current.site) {
        Resolved::File(path) => file_response(&current, &path, StatusCode::OK, state.lang),
        Resolved::Redirect(location) => redirect(&location),
        Resolved::NotFound => not_found(&current, state.lang),
        Resolved::BadRequest => plain(StatusCode::BAD_REQUEST, "400 Bad Request\n"),
    }
}

fn file_response(current: &Current, path: &str, status: StatusCode, lang: Lang) -> Response {
    let Some(bytes) = current.site.files.get(path) else {
        return not_found(current, lang);
    };
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        live::inject(bytes, current.error.as_deref(), lang)
    } else {
        bytes.to_vec()
    };
    respond(status, kind, body)
}

fn not_found(current: &Current, lang: Lang) -> Response {
    if current.site.files.contains_key("404.html") {
        return file_response(current, "404.html", StatusCode::NOT_FOUND, lang);
    }
    let page = b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404 Not Found</h1></body></html>\n";
    respond(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        live::inject(page, current.error.as_deref(), lang),
    )
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = respond(
                StatusCode::MOVED_PERMANENTLY,
                "text/plain; charset=utf-8",
                Vec::new(),
            );
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => plain(StatusCode::BAD_REQUEST, "400 Bad Request\n"),
    }
}

/// A plain-text answer.
pub(crate) fn plain(status: StatusCode, text: &'static str) -> Response {
    respond(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

/// A response with the headers every answer carries: never cached, never sniffed.
pub(crate) fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (status, headers, body).into_response()
}

/// The `Content-Type` for a file name: text types with `charset=utf-8`.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str, files: &[&str]) -> Snapshot {
        let files = files
            .iter()
            .map(|f| (Arc::from(*f), Arc::from(&b"x"[..])))
            .collect();
        Snapshot {
            files,
            base_path: base.to_owned(),
            partial: false,
        }
    }

    #[test]
    fn pretty_urls_and_redirects() {
        let s = site(
            "/",
            &[
                "index.html",
                "skills/index.html",
                "css/a.css",
                "技能/index.html",
            ],
        );
        assert_eq!(resolve("/", None, &s), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/skills/", None, &s),
            Resolved::File("skills/index.html".into())
        );
        assert_eq!(
            resolve("/skills", Some("a=1"), &s),
            Resolved::Redirect("/skills/?a=1".into())
        );
        assert_eq!(
            resolve("/%E6%8A%80%E8%83%BD/", None, &s),
            Resolved::File("技能/index.html".into())
        );
        assert_eq!(
            resolve("/css/a.css", None, &s),
            Resolved::File("css/a.css".into())
        );
        assert_eq!(resolve("/css/", None, &s), Resolved::NotFound);
        assert_eq!(resolve("/missing", None, &s), Resolved::NotFound);
    }

    #[test]
    fn sub_path_sites() {
        let s = site("/reform/", &["index.html", "skills/index.html"]);
        assert_eq!(
            resolve("/", None, &s),
            Resolved::Redirect("/reform/".into())
        );
        assert_eq!(
            resolve("/reform", None, &s),
            Resolved::Redirect("/reform/".into())
        );
        assert_eq!(
            resolve("/reform/skills/", None, &s),
            Resolved::File("skills/index.html".into())
        );
        assert_eq!(resolve("/skills/", None, &s), Resolved::NotFound);
    }

    #[test]
    fn hostile_paths_are_refused() {
        let s = site("/", &["index.html"]);
        for raw in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/index.html",
            "/a%2f..%2f..%2fx",
            "//etc/passwd",
            "/a\\b",
            "/%5c..%5cx",
            "/a%00",
            "/%zz",
            "/%ff",
            "/./index.html",
            "x",
        ] {
            assert_eq!(resolve(raw, None, &s), Resolved::BadRequest, "{raw}");
        }
        assert_eq!(
            resolve(&format!("/{}", "a".repeat(5000)), None, &s),
            Resolved::BadRequest
        );
    }

    #[test]
    fn hosts() {
        let guard = Guard {
            bind: "127.0.0.1".parse().expect("ip"),
            port: 8080,
        };
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
        ] {
            assert!(guard.host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1:80",
            "127.0.0.1",
            "192.168.1.2:8080",
            "[::1]",
            "localhost.evil:8080",
        ] {
            assert!(!guard.host_allowed(bad), "{bad}");
        }
        assert!(guard.origin_allowed("http://localhost:8080"));
        assert!(!guard.origin_allowed("https://localhost:8080"));
        assert!(!guard.origin_allowed("null"));
        let open = Guard {
            bind: "0.0.0.0".parse().expect("ip"),
            port: 8080,
        };
        assert!(open.host_allowed("192.168.1.2:8080"));
        assert!(!open.host_allowed("evil.example:8080"));
    }
}
