//! HTTP from the test side: a `ureq` agent that reports redirects and errors instead of
//! following or raising them, one-call fetching of a URL's status, headers and body, and the
//! `Content-Type` nginx must send for each kind of file.

use std::time::Duration;

/// An agent that never follows redirects, never uses a proxy from the environment, returns
/// 4xx/5xx as responses, and gives up on any request after 20 s.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// One fetched URL.
#[derive(Debug)]
pub(crate) struct Fetched {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) location: String,
    pub(crate) body: Vec<u8>,
}

pub(crate) fn fetch(agent: &ureq::Agent, url: &str) -> Fetched {
    let resp = agent
        .get(&ascii_url(url))
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let status = resp.status().as_u16();
    let content_type = header("content-type");
    let location = header("location");
    let body = resp
        .into_body()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("read body of {url}: {e}"));
    Fetched {
        status,
        content_type,
        location,
        body,
    }
}

/// Percent-encodes bytes outside printable ASCII (raw Chinese in a path or query).
fn ascii_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The `Content-Type` nginx must send for a path, by its extension (None: any).
pub(super) fn expected_type(path: &str) -> Option<&'static str> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    if path.ends_with('/') {
        return Some("text/html; charset=utf-8");
    }
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Some(match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "application/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "text/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => return None,
    })
}
