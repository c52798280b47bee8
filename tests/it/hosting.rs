//! The built microsite served by a real web server (nginx), as it will be hosted.
//!
//! Each test builds the repository's own site into a temporary folder with a `--base-url` that
//! points at a private nginx instance on 127.0.0.1 (own config, own prefix folder, `daemon off`,
//! stopped by a drop guard), then checks it over HTTP with `ureq`:
//!
//! - every built file is served with status 200, its own bytes and the right `Content-Type`
//!   (with `charset=utf-8` for text); every `<loc>` of `sitemap.xml` is a page;
//! - a missing page answers 404 with the body of `404.html`;
//! - a crawl from the home page that follows every internal `href`, `src`, `srcset`, social-card
//!   image and CSS `url()` finds no broken link, no redirect and no missing `#fragment`, and
//!   reaches every page of the sitemap;
//! - the same under a sub-path (`/reform/`), where no link may leave `/reform/`;
//! - every HTML, CSS and SVG file passes the Nu HTML Checker (vnu) without errors.
//!
//! nginx comes from Debian (`/usr/sbin/nginx`, `/etc/nginx/mime.types`); vnu from the pinned
//! npm package `vnu-jar` in `tests/browser/` (run on the machine's Java). `bash .ci/run --deps`
//! installs both. The nginx helper is shared with `browser.rs`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::util;

/// The most URLs one crawl may fetch; the microsite has a few dozen.
const MAX_FETCHES: usize = 500;

/// How to install what these tests need.
pub(crate) const INSTALL_HINT: &str = "run `bash .ci/run --deps` (installs Debian's nginx and \
     chromium, and `npm ci --ignore-scripts` in tests/browser)";

// ---------------------------------------------------------------------------------------------
// nginx

/// The nginx binary: `$GONGJIANG_NGINX`, else Debian's `/usr/sbin/nginx`, else `nginx` on PATH.
fn nginx_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("GONGJIANG_NGINX") {
        return PathBuf::from(path);
    }
    let debian = PathBuf::from("/usr/sbin/nginx");
    if debian.exists() {
        return debian;
    }
    PathBuf::from("nginx")
}

/// A private nginx serving one folder on 127.0.0.1; killed when dropped.
pub(crate) struct Nginx {
    child: Child,
    /// The port it listens on.
    pub(crate) port: u16,
    /// Prefix folder: config, pid file, logs, temp folders.
    dir: tempfile::TempDir,
}

impl Nginx {
    /// Serves `root` (which may still be empty: nginx reads files per request) with
    /// `error_page 404 {error_page}`. Picks a free port, retrying on a port conflict.
    pub(crate) fn start(root: &Path, error_page: &str) -> Nginx {
        let mut last_error = String::new();
        for _attempt in 0..8 {
            match Nginx::try_start(root, error_page) {
                Ok(nginx) => return nginx,
                Err(e) => last_error = e,
            }
        }
        panic!("nginx did not start in 8 attempts; last error:\n{last_error}");
    }

    fn try_start(root: &Path, error_page: &str) -> Result<Nginx, String> {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
            listener.local_addr().expect("local address").port()
        };
        let dir = tempfile::tempdir().expect("nginx prefix dir");
        let nonce = format!(
            "gongjiang-nginx-{port}-{}-{}",
            std::process::id(),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        );
        let d = dir.path().display();
        for sub in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            std::fs::create_dir_all(dir.path().join("tmp").join(sub)).expect("nginx temp dir");
        }
        // `master_process off`: one process that serves as the user who started it, so files in
        // a 0700 temp folder are readable when tests run as root (workers would drop to nobody).
        let config = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css text/plain text/xml application/javascript application/json
                  application/atom+xml application/rss+xml application/xml image/svg+xml;
    access_log {d}/access.log;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        index index.html;
        error_page 404 {error_page};
        location = /__gongjiang_ready {{
            default_type text/plain;
            return 200 "{nonce}";
        }}
    }}
}}
"#,
            root = root.display(),
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).expect("write nginx.conf");
        let binary = nginx_binary();
        let child = Command::new(&binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}; {INSTALL_HINT}", binary.display()));
        let mut nginx = Nginx { child, port, dir };
        let agent = agent();
        let ready_url = format!("http://127.0.0.1:{port}/__gongjiang_ready");
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = nginx.child.try_wait() {
                let log =
                    std::fs::read_to_string(nginx.dir.path().join("error.log")).unwrap_or_default();
                if log.contains("Address already in use") {
                    return Err(format!("port {port} taken: {log}"));
                }
                panic!("nginx exited with {status} at start:\n{log}");
            }
            if let Ok(resp) = agent.get(&ready_url).call() {
                let ok = resp.status() == 200;
                let body = resp.into_body().read_to_string().unwrap_or_default();
                if ok && body == nonce {
                    return Ok(nginx);
                }
                // Another server answered on this port: try another one.
                return Err(format!("port {port} answered by another server"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let log = std::fs::read_to_string(nginx.dir.path().join("error.log")).unwrap_or_default();
        Err(format!("nginx on port {port} not ready in 15 s:\n{log}"))
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub(crate) fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// nginx's error log so far (for failure messages).
    pub(crate) fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The microsite built into a temp folder and served by nginx under `sub` ("" or "reform/").
pub(crate) struct Hosted {
    /// Stops first (fields drop in order), then the folder goes.
    pub(crate) nginx: Nginx,
    /// The built site (`top` itself, or `top/reform`).
    pub(crate) site: PathBuf,
    /// `http://127.0.0.1:PORT/` or `http://127.0.0.1:PORT/reform/`: the `--base-url`.
    pub(crate) base_url: String,
    /// Sub-path prefix of every URL path: `/` or `/reform/`.
    pub(crate) prefix: String,
    _top: tempfile::TempDir,
}

impl Hosted {
    /// Builds the repository's site with `--base-url http://127.0.0.1:PORT/{sub}` into
    /// `TOP/{sub}`, and serves `TOP` with `error_page 404 /{sub}404.html`.
    pub(crate) fn microsite(sub: &str) -> Hosted {
        assert!(
            sub.is_empty() || (sub.ends_with('/') && !sub.starts_with('/')),
            "sub: {sub}"
        );
        let top = tempfile::tempdir().expect("temp dir");
        let site = if sub.is_empty() {
            top.path().join("site")
        } else {
            top.path().join(sub)
        };
        // With no sub-path the build goes into TOP/site and nginx serves TOP/site.
        let served_root = if sub.is_empty() {
            site.clone()
        } else {
            top.path().to_path_buf()
        };
        std::fs::create_dir_all(&served_root).expect("mkdir");
        let nginx = Nginx::start(&served_root, &format!("/{sub}404.html"));
        let base_url = format!("{}/{sub}", nginx.origin());
        util::build_ok(&util::repo_root(), &site, &["--base-url", &base_url]);
        Hosted {
            nginx,
            site,
            base_url,
            prefix: format!("/{sub}"),
            _top: top,
        }
    }

    /// Absolute URL of a root-relative path (`/reform/skills/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.nginx.origin())
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP

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

/// Decodes `%XX` escapes (as UTF-8, lossy).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `Content-Type` nginx must send for a path, by its extension (None: any).
fn expected_type(path: &str) -> Option<&'static str> {
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

// ---------------------------------------------------------------------------------------------
// URLs

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + end])
}

/// Removes `.` and `..` segments from an absolute path (RFC 3986, 5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// A reference found in a page, resolved against the page's URL.
#[derive(Debug, PartialEq)]
enum Target {
    /// An absolute http(s) URL without fragment, and the fragment if any.
    Http(String, Option<String>),
    /// `mailto:`, `tel:`, `data:` and the like: not fetched.
    Other(String),
}

/// Resolves `reference` against `base` (an absolute http URL).
fn resolve(base: &str, reference: &str) -> Target {
    let reference = reference.trim();
    let (reference, fragment) = match reference.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string())),
        None => (reference, None),
    };
    let base = base.split('#').next().unwrap_or(base);
    let scheme_end = reference.find(':');
    let has_scheme = scheme_end.is_some_and(|i| {
        i > 0
            && reference[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && reference.as_bytes()[0].is_ascii_alphabetic()
    });
    let origin = origin_of(base).expect("base is an http URL");
    let base_path_query = &base[origin.len()..];
    let base_path = base_path_query.split('?').next().unwrap_or("/");
    let absolute = if has_scheme {
        let scheme = reference[..scheme_end.unwrap_or(0)].to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Target::Other(reference.to_string());
        }
        let ref_origin = origin_of(reference).unwrap_or(reference);
        let rest = &reference[ref_origin.len()..];
        let (path, query) = split_query(if rest.is_empty() { "/" } else { rest });
        format!("{ref_origin}{}{query}", remove_dot_segments(path))
    } else if let Some(rest) = reference.strip_prefix("//") {
        let scheme = &base[..base.find(':').unwrap_or(0)];
        return resolve(base, &format!("{scheme}://{rest}{}", hash(&fragment)));
    } else if reference.starts_with('/') {
        let (path, query) = split_query(reference);
        format!("{origin}{}{query}", remove_dot_segments(path))
    } else if reference.is_empty() {
        base.to_string()
    } else if reference.starts_with('?') {
        format!("{origin}{base_path}{reference}")
    } else {
        let dir = &base_path[..base_path.rfind('/').map(|i| i + 1).unwrap_or(0)];
        let (path, query) = split_query(reference);
        format!(
            "{origin}{}{query}",
            remove_dot_segments(&format!("{dir}{path}"))
        )
    };
    Target::Http(absolute, fragment)
}

fn hash(fragment: &Option<String>) -> String {
    fragment
        .as_ref()
        .map(|f| format!("#{f}"))
        .unwrap_or_default()
}

fn split_query(reference: &str) -> (&str, &str) {
    match reference.find('?') {
        Some(i) => (&reference[..i], &reference[i..]),
        None => (reference, ""),
    }
}

// ---------------------------------------------------------------------------------------------
// Extracting references from HTML, CSS and XML

/// Decodes the character references our templates can produce in attribute values.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A start tag: lower-case name and attributes (names lower-case, values decoded).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of an HTML or XML document, and the text of its `<style>` elements.
/// Good enough for generated markup: comments, `<script>`/`<style>` raw text, quoted and
/// unquoted attribute values.
fn scan_tags(html: &str) -> (Vec<Tag>, Vec<String>) {
    let mut tags = Vec::new();
    let mut styles = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        if html[i..].starts_with("<!--") {
            i = html[i..]
                .find("-->")
                .map(|e| i + e + 3)
                .unwrap_or(html.len());
            continue;
        }
        if html[i..].starts_with("<![CDATA[") {
            i = html[i..]
                .find("]]>")
                .map(|e| i + e + 3)
                .unwrap_or(html.len());
            continue;
        }
        let name_start = i + 1;
        let mut j = name_start;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || b":-_".contains(&bytes[j])) {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes until `>`.
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let an_start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !b"=>/".contains(&bytes[j])
            {
                j += 1;
            }
            let attr_name = html[an_start..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j] as char;
                    let v_start = j + 1;
                    let v_end = html[v_start..]
                        .find(quote)
                        .map(|e| v_start + e)
                        .unwrap_or(html.len());
                    value = decode_entities(&html[v_start..v_end]);
                    j = (v_end + 1).min(html.len());
                } else {
                    let v_start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[v_start..j]);
                }
            }
            if attr_name.is_empty() {
                j += 1;
            } else {
                attrs.push((attr_name, value));
            }
        }
        i = j.min(html.len());
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map(|e| i + e)
                .unwrap_or(html.len());
            if name == "style" {
                styles.push(html[i..end].to_string());
            }
            i = end;
        }
        tags.push(Tag { name, attrs });
    }
    (tags, styles)
}

/// Every URL reference in a stylesheet: `url(...)` and `@import "..."`.
fn css_refs(css: &str) -> Vec<String> {
    let mut refs = Vec::new();
    // Drop comments first.
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        rest = rest[i + 2..]
            .find("*/")
            .map(|e| &rest[i + 2 + e + 2..])
            .unwrap_or("");
    }
    text.push_str(rest);
    let mut rest = text.as_str();
    while let Some(i) = rest.find("url(") {
        let after = &rest[i + 4..];
        let end = after.find(')').unwrap_or(after.len());
        let raw = after[..end].trim().trim_matches(['"', '\'']);
        refs.push(raw.to_string());
        rest = &after[end..];
    }
    let mut rest = text.as_str();
    while let Some(i) = rest.find("@import") {
        let after = rest[i + 7..].trim_start();
        if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(end) = after[1..].find(q)
        {
            refs.push(after[1..1 + end].to_string());
        }
        rest = &rest[i + 7..];
    }
    refs
}

/// The references of a page: (what, reference), and the ids it defines.
fn html_refs(html: &str) -> (Vec<(String, String)>, BTreeSet<String>) {
    let (tags, styles) = scan_tags(html);
    let mut refs = Vec::new();
    let mut ids = BTreeSet::new();
    for tag in &tags {
        for (name, value) in &tag.attrs {
            match name.as_str() {
                "id" => {
                    ids.insert(value.clone());
                }
                "name" if tag.name == "a" => {
                    ids.insert(value.clone());
                }
                "href" | "xlink:href" | "src" | "poster" | "action" | "data" | "cite" => {
                    // <base href> would change resolution; the templates must not use it.
                    assert!(
                        tag.name != "base",
                        "unexpected <base href>: resolution would change"
                    );
                    refs.push((format!("<{} {name}>", tag.name), value.clone()));
                }
                "srcset" | "imagesrcset" => {
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            refs.push((format!("<{} {name}>", tag.name), url.to_string()));
                        }
                    }
                }
                "style" => {
                    for r in css_refs(value) {
                        refs.push((format!("<{} style> url()", tag.name), r));
                    }
                }
                _ => {}
            }
        }
        // Social-card images and the page's own URL are fetched by crawlers: they must exist.
        if tag.name == "meta" {
            let key = tag
                .attr("property")
                .or(tag.attr("name"))
                .or(tag.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, tag.attr("content"))
                && matches!(key, "og:image" | "og:url" | "twitter:image" | "image")
            {
                refs.push((format!("<meta {key}>"), content.to_string()));
            }
        }
    }
    for style in styles {
        for r in css_refs(&style) {
            refs.push(("<style> url()".to_string(), r));
        }
    }
    (refs, ids)
}

// ---------------------------------------------------------------------------------------------
// Crawling

/// What a crawl saw.
#[derive(Debug, Default)]
pub(crate) struct Crawl {
    /// Every URL fetched, with status and content type.
    pub(crate) fetched: BTreeMap<String, (u16, String)>,
    /// HTML pages fetched with 200, with the ids they define.
    pub(crate) pages: BTreeMap<String, BTreeSet<String>>,
    /// Problems, one line each: broken links, redirects, wrong types, escapes, missing ids.
    pub(crate) problems: Vec<String>,
    /// Links to other hosts (not fetched).
    pub(crate) external: BTreeSet<String>,
}

/// Crawls from `start`, following every reference on the same origin; every internal URL's
/// path must start with `scope` (`/` or `/reform/`).
pub(crate) fn crawl(start: &str, scope: &str) -> Crawl {
    let agent = agent();
    let origin = origin_of(start).expect("start is an http URL").to_string();
    let mut crawl = Crawl::default();
    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut fragments: Vec<(String, String, String)> = Vec::new();
    queue.push_back((start.to_string(), "(start)".to_string()));
    seen.insert(start.to_string());
    while let Some((url, from)) = queue.pop_front() {
        assert!(
            crawl.fetched.len() < MAX_FETCHES,
            "crawl from {start} did not end within {MAX_FETCHES} fetches; fetched so far: {:#?}",
            crawl.fetched.keys().collect::<Vec<_>>()
        );
        let got = fetch(&agent, &url);
        crawl
            .fetched
            .insert(url.clone(), (got.status, got.content_type.clone()));
        if got.status != 200 {
            let extra = if got.location.is_empty() {
                String::new()
            } else {
                format!(" -> {}", got.location)
            };
            crawl
                .problems
                .push(format!("{} {url}{extra} (linked from {from})", got.status));
            continue;
        }
        let path = &url[origin.len()..];
        if let Some(want) = expected_type(path)
            && got.content_type != want
        {
            crawl.problems.push(format!(
                "{url}: Content-Type {:?}, want {want:?} (linked from {from})",
                got.content_type
            ));
        }
        let mime = got
            .content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let text = String::from_utf8_lossy(&got.body);
        let refs: Vec<(String, String)> = match mime.as_str() {
            "text/html" => {
                let (refs, ids) = html_refs(&text);
                crawl.pages.insert(url.clone(), ids);
                refs
            }
            "text/css" => css_refs(&text)
                .into_iter()
                .map(|r| ("url()".to_string(), r))
                .collect(),
            "text/xml" | "application/xml" | "application/atom+xml" | "image/svg+xml" => {
                let (refs, _) = html_refs(&text);
                refs.into_iter()
                    .filter(|(what, _)| what.contains(" href>") || what.contains(" src>"))
                    .collect()
            }
            _ => Vec::new(),
        };
        for (what, reference) in refs {
            let here = format!("{what} in {url}");
            match resolve(&url, &reference) {
                Target::Other(other) => {
                    let lower = other.to_ascii_lowercase();
                    if lower.starts_with("javascript:") || lower.starts_with("file:") {
                        crawl
                            .problems
                            .push(format!("{here}: unsafe link {other:?}"));
                    }
                }
                Target::Http(target, fragment) => {
                    if origin_of(&target) != Some(origin.as_str()) {
                        crawl.external.insert(target);
                        continue;
                    }
                    let target_path = &target[origin.len()..];
                    if !target_path.starts_with(scope) {
                        crawl.problems.push(format!(
                            "{here}: {reference:?} leaves {scope} (resolves to {target})"
                        ));
                        continue;
                    }
                    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                        fragments.push((target.clone(), fragment, here.clone()));
                    }
                    if seen.insert(target.clone()) {
                        queue.push_back((target, here));
                    }
                }
            }
        }
    }
    for (target, fragment, here) in fragments {
        let Some(ids) = crawl.pages.get(&target) else {
            continue; // not an HTML page with 200: already reported
        };
        let id = percent_decode(&fragment);
        if fragment != "top" && !ids.contains(&id) {
            crawl.problems.push(format!(
                "{here}: #{fragment} has no element with that id in {target}"
            ));
        }
    }
    crawl
}

/// The `<loc>` URLs of a sitemap.
pub(crate) fn sitemap_locs(xml: &str) -> Vec<String> {
    let mut locs = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<loc>") {
        let after = &rest[i + 5..];
        let end = after.find("</loc>").expect("</loc>");
        locs.push(decode_entities(after[..end].trim()));
        rest = &after[end..];
    }
    locs
}

/// Every file of a built site as (URL path relative to the site, file path); dot files skipped.
fn site_files(site: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.expect("walk site"))
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(site)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (rel.replace('\\', "/"), e.path().to_path_buf())
        })
        .collect();
    files.sort();
    files
}

/// Checks every file, the sitemap and the 404 answer of a hosted site.
fn check_files_and_404(hosted: &Hosted) {
    let agent = agent();
    let mut problems = Vec::new();
    let files = site_files(&hosted.site);
    assert!(
        files.iter().any(|(rel, _)| rel == "index.html"),
        "no index.html in {files:?}"
    );
    for (rel, path) in &files {
        let url = hosted.url(&format!("{}{rel}", hosted.prefix));
        let got = fetch(&agent, &url);
        let bytes = std::fs::read(path).expect("read built file");
        if got.status != 200 {
            problems.push(format!("{url}: status {}", got.status));
            continue;
        }
        if got.body != bytes {
            problems.push(format!("{url}: body differs from {}", path.display()));
        }
        match expected_type(rel) {
            Some(want) if got.content_type != want => problems.push(format!(
                "{url}: Content-Type {:?}, want {want:?}",
                got.content_type
            )),
            None if got.content_type.is_empty() => problems.push(format!("{url}: no Content-Type")),
            _ => {}
        }
    }
    // Every page of the sitemap is an HTML page on this server.
    let sitemap = String::from_utf8(
        fetch(
            &agent,
            &hosted.url(&format!("{}sitemap.xml", hosted.prefix)),
        )
        .body,
    )
    .expect("sitemap is UTF-8");
    let locs = sitemap_locs(&sitemap);
    assert!(locs.len() >= 2, "sitemap lists too few pages: {sitemap}");
    for loc in &locs {
        if !loc.starts_with(&hosted.base_url) {
            problems.push(format!(
                "sitemap <loc>{loc}</loc> is not under {}",
                hosted.base_url
            ));
            continue;
        }
        let got = fetch(&agent, loc);
        if got.status != 200 || got.content_type != "text/html; charset=utf-8" {
            problems.push(format!(
                "sitemap {loc}: {} {:?}",
                got.status, got.content_type
            ));
        }
    }
    // A missing page: 404 with the site's own 404 page.
    let not_found = std::fs::read(hosted.site.join("404.html")).expect("404.html is built");
    for missing in ["no-such-page/", "no-such-page.html", "css/no-such.css"] {
        let url = hosted.url(&format!("{}{missing}", hosted.prefix));
        let got = fetch(&agent, &url);
        if got.status != 404 {
            problems.push(format!("{url}: status {}, want 404", got.status));
        }
        if got.body != not_found {
            problems.push(format!("{url}: body is not 404.html"));
        }
        if got.content_type != "text/html; charset=utf-8" {
            problems.push(format!("{url}: 404 Content-Type {:?}", got.content_type));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) serving {}:\n{}\nnginx error log:\n{}",
        problems.len(),
        hosted.base_url,
        problems.join("\n"),
        hosted.nginx.error_log()
    );
}

/// Crawls a hosted site from its home page and checks the result against the sitemap.
fn check_crawl(hosted: &Hosted) {
    let crawl = crawl(&hosted.base_url, &hosted.prefix);
    let mut problems = crawl.problems.clone();
    let sitemap = String::from_utf8(
        fetch(
            &agent(),
            &hosted.url(&format!("{}sitemap.xml", hosted.prefix)),
        )
        .body,
    )
    .expect("sitemap is UTF-8");
    for loc in sitemap_locs(&sitemap) {
        if !crawl.pages.contains_key(&loc) {
            problems.push(format!(
                "sitemap page {loc} is not reached by links from the home page"
            ));
        }
    }
    // Everything reachable that is a page should be in the sitemap (404.html is not a page).
    let locs: BTreeSet<String> = sitemap_locs(&sitemap).into_iter().collect();
    for page in crawl.pages.keys() {
        if !locs.contains(page) && !page.ends_with("/404.html") {
            problems.push(format!(
                "page {page} is linked but missing from sitemap.xml"
            ));
        }
    }
    eprintln!(
        "crawl of {}: {} URLs fetched, {} pages, {} external links not fetched: {:?}",
        hosted.base_url,
        crawl.fetched.len(),
        crawl.pages.len(),
        crawl.external.len(),
        crawl.external
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) crawling {}:\n{}\nfetched:\n{:#?}",
        problems.len(),
        hosted.base_url,
        problems.join("\n"),
        crawl.fetched
    );
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn served_at_root_every_file_has_its_type_and_missing_pages_get_404() {
    let hosted = Hosted::microsite("");
    check_files_and_404(&hosted);
}

#[test]
fn served_at_root_crawl_from_home_finds_no_broken_link_and_reaches_the_sitemap() {
    let hosted = Hosted::microsite("");
    check_crawl(&hosted);
}

#[test]
fn served_under_sub_path_every_file_has_its_type_and_missing_pages_get_404() {
    let hosted = Hosted::microsite("reform/");
    check_files_and_404(&hosted);
}

#[test]
fn served_under_sub_path_crawl_stays_inside_and_finds_no_broken_link() {
    let hosted = Hosted::microsite("reform/");
    check_crawl(&hosted);
}

/// The Nu HTML Checker's jar from the pinned npm package `vnu-jar`.
fn vnu_jar() -> PathBuf {
    let jar = util::repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.exists(), "{} is missing; {INSTALL_HINT}", jar.display());
    jar
}

#[test]
fn every_html_css_and_svg_file_passes_the_nu_html_checker() {
    let out = tempfile::tempdir().expect("temp dir");
    util::build_ok(
        &util::repo_root(),
        out.path(),
        &["--base-url", "https://example.org/reform/"],
    );
    let files: Vec<PathBuf> = site_files(out.path())
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html") || rel.ends_with(".css") || rel.ends_with(".svg"))
        .map(|(_, path)| path)
        .collect();
    assert!(
        files.iter().any(|p| p.ends_with("index.html")),
        "no pages: {files:?}"
    );
    let mut child = Command::new("java")
        .arg("-Xss8m")
        .arg("-jar")
        .arg(vnu_jar())
        .args([
            "--errors-only",
            "--format",
            "json",
            "--also-check-css",
            "--also-check-svg",
        ])
        .args(&files)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run java (Java 17 is on the machine): {e}"));
    // vnu writes its JSON report to stderr; read both pipes on threads, bounded by a deadline.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(300);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for vnu") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vnu did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let report = format!(
        "{}{}",
        out_reader.join().expect("stdout"),
        err_reader.join().expect("stderr")
    );
    let json_start = report
        .find('{')
        .unwrap_or_else(|| panic!("no JSON from vnu ({status}):\n{report}"));
    let parsed: serde_json::Value = serde_json::Deserializer::from_str(&report[json_start..])
        .into_iter::<serde_json::Value>()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("vnu output is not JSON ({status}):\n{report}"));
    let messages = parsed["messages"].as_array().cloned().unwrap_or_default();
    let base = out.path().to_string_lossy().into_owned();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url
                .split_once(base.as_str())
                .map(|(_, rest)| rest)
                .unwrap_or(url);
            format!(
                "{file}:{}.{}: {} [{}]",
                m["lastLine"],
                m["firstColumn"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎")
            )
        })
        .collect();
    assert!(
        errors.is_empty() && status.success(),
        "the Nu HTML Checker ({}) found {} error(s) (exit {status}):\n{}",
        parsed["version"],
        errors.len(),
        errors.join("\n")
    );
}

// Unit checks of the helpers above (they decide what counts as broken).

#[test]
fn url_resolution_follows_rfc_3986() {
    let base = "http://127.0.0.1:8080/reform/skills/index.html?x=1#top";
    let http = |u: &str, f: Option<&str>| Target::Http(u.to_string(), f.map(str::to_string));
    assert_eq!(
        resolve(base, "../"),
        http("http://127.0.0.1:8080/reform/", None)
    );
    assert_eq!(
        resolve(base, "./a.css"),
        http("http://127.0.0.1:8080/reform/skills/a.css", None)
    );
    assert_eq!(
        resolve(base, "/x/../y/"),
        http("http://127.0.0.1:8080/y/", None)
    );
    assert_eq!(
        resolve(base, "../../../.."),
        http("http://127.0.0.1:8080/", None)
    );
    assert_eq!(
        resolve(base, "#a"),
        http(
            "http://127.0.0.1:8080/reform/skills/index.html?x=1",
            Some("a")
        )
    );
    assert_eq!(
        resolve(base, "?q=2"),
        http("http://127.0.0.1:8080/reform/skills/index.html?q=2", None)
    );
    assert_eq!(
        resolve(base, "//example.org/p"),
        http("http://example.org/p", None)
    );
    assert_eq!(
        resolve(base, "HTTPS://example.org"),
        http("HTTPS://example.org/", None)
    );
    assert_eq!(
        resolve(base, "mailto:a@b"),
        Target::Other("mailto:a@b".into())
    );
    assert_eq!(
        resolve(base, "data:image/png;base64,AA"),
        Target::Other("data:image/png;base64,AA".into())
    );
}

#[test]
fn reference_extraction_sees_attributes_styles_and_css() {
    let html = r#"<!doctype html><html><head><!-- <a href="/commented"> -->
<link rel=stylesheet href=/a.css><meta property="og:image" content="/card.png">
<style>.x{background:url('/bg.png')}</style><script>var s = "<a href='/no'>";</script>
</head><body><a href="/p/?a=1&amp;b=2" id=top>x</a><img srcset="/1x.png 1x, /2x.png 2x" src='/i.png'>
<div style="background-image: url(&quot;/s.png&quot;)"></div></body></html>"#;
    let (refs, ids) = html_refs(html);
    let urls: Vec<&str> = refs.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        urls,
        [
            "/a.css",
            "/card.png",
            "/p/?a=1&b=2",
            "/1x.png",
            "/2x.png",
            "/i.png",
            "/s.png",
            "/bg.png"
        ]
    );
    assert!(ids.contains("top"));
    assert_eq!(
        css_refs("@import \"/x.css\"; a{b:url( /c.svg )} /* url(/no) */"),
        ["/c.svg", "/x.css"]
    );
    assert_eq!(percent_decode("%E6%8A%80x"), "技x");
}

#[test]
fn the_crawl_reports_broken_links_redirects_escapes_and_missing_ids() {
    let top = tempfile::tempdir().expect("temp dir");
    let root = top.path();
    util::write(
        root,
        "reform/index.html",
        r##"<!doctype html><title>t</title><link rel="stylesheet" href="css/a.css">
<a href="ok/">ok</a> <a href="missing/">missing</a> <a href="ok">redirect</a>
<a href="/outside/">outside</a> <a href="ok/#nope">no id</a> <a href="ok/#here">id</a>
<a href="javascript:alert(1)">js</a> <a href="https://example.org/">external</a>"##,
    );
    util::write(
        root,
        "reform/ok/index.html",
        r#"<!doctype html><title>ok</title><p id="here">"#,
    );
    util::write(
        root,
        "reform/css/a.css",
        "body { background: url(../img/gone.png) }",
    );
    util::write(root, "reform/404.html", "<!doctype html><title>404</title>");
    util::write(
        root,
        "outside/index.html",
        "<!doctype html><title>out</title>",
    );
    let nginx = Nginx::start(root, "/reform/404.html");
    let crawl = crawl(&format!("{}/reform/", nginx.origin()), "/reform/");
    let problems = crawl.problems.join("\n");
    for expected in [
        "404 http://127.0.0.1:PORT/reform/missing/",
        "301 http://127.0.0.1:PORT/reform/ok -> ",
        "\"/outside/\" leaves /reform/",
        "#nope has no element with that id",
        "404 http://127.0.0.1:PORT/reform/img/gone.png (linked from url() in",
        "unsafe link \"javascript:alert(1)\"",
    ] {
        let expected = expected.replace("PORT", &nginx.port.to_string());
        assert!(
            problems.contains(&expected),
            "missing {expected:?} in:\n{problems}"
        );
    }
    assert_eq!(crawl.problems.len(), 6, "{problems}");
    assert!(crawl.external.contains("https://example.org/"));
    assert!(
        crawl
            .pages
            .contains_key(&format!("{}/reform/ok/", nginx.origin()))
    );
}
