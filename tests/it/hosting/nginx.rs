//! The server side of the hosting tests: a private nginx on 127.0.0.1 serving one folder
//! ([`Nginx`]), and the repository's site built into a temporary folder and served by it under
//! the root or a sub-path ([`Hosted`]). Also used by `browser.rs`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::INSTALL_HINT;
use super::http::agent;
use crate::util;

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

/// Debian's brotli module for nginx (`libnginx-mod-http-brotli-static`):
/// `$GONGJIANG_NGINX_BROTLI`, else where Debian installs it.
fn brotli_module() -> PathBuf {
    let path = std::env::var_os("GONGJIANG_NGINX_BROTLI").map_or_else(
        || PathBuf::from("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"),
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "no nginx brotli module at {}; {INSTALL_HINT}",
        path.display()
    );
    path
}

/// A private nginx serving one folder on 127.0.0.1; killed when dropped. Like a production
/// host, it serves a file's precompressed copy (`X.br`, else `X.gz`) to a client that accepts
/// it (`brotli_static`, `gzip_static`, with `Vary: Accept-Encoding`); it never compresses on
/// the fly.
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
            r#"load_module {brotli};
daemon off;
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
    gzip_static on;
    brotli_static on;
    gzip_vary on;
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
            brotli = brotli_module().display(),
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
        Hosted::site(&util::repo_root(), sub)
    }

    /// Builds the site at `root` as [`Hosted::microsite`] builds the repository's.
    pub(crate) fn site(root: &std::path::Path, sub: &str) -> Hosted {
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
        util::build_ok(root, &site, &["--base-url", &base_url]);
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
