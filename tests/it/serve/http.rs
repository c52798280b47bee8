//! The server over real HTTP on 127.0.0.1: what it answers, live reload, errors, safety, stop.

use super::{EventStream, Server, eventually};
use crate::util;

#[test]
fn serves_the_urls_a_static_host_would() {
    let server = Server::start();
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("<h1>测试站</h1>"), "{}", home.body);
    assert!(
        home.body
            .contains("<script src=\"/__gongjiang/reload.js\"></script></body>"),
        "script before </body>"
    );
    let canonical = format!("<link rel=\"canonical\" href=\"{}\">", server.url);
    assert!(
        home.body.contains(&canonical),
        "links use the local address: {}",
        home.body
    );

    let redirect = server.get("/alpha?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/alpha/?x=1"));
    let alpha = server.get("/alpha/");
    assert_eq!(alpha.status, 200);
    assert!(alpha.body.contains("ALPHA-BODY"));
    assert_eq!(server.get("/alpha/index.html").body, alpha.body);

    for (path, kind) in [
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__gongjiang/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!(
            (response.status, response.header("content-type")),
            (200, Some(kind)),
            "{path}"
        );
    }
    let stylesheet = home
        .body
        .split("href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("stylesheet href");
    assert!(
        stylesheet.starts_with("/css/site.") && stylesheet != "/css/site.css",
        "{stylesheet}"
    );
    assert_eq!(server.get(stylesheet).status, 200);

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("找不到页面") && missing.body.contains("/__gongjiang/reload.js"));
    assert_eq!(server.get("/css/").status, 404, "no folder listings");
    assert_eq!(
        server.get("/content/alpha.md").status,
        404,
        "sources are not served"
    );
}

#[test]
fn head_and_other_methods() {
    let server = Server::start();
    let get = server.get("/alpha/");
    let head = server.request(&format!(
        "HEAD /alpha/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
        server.port
    ));
    assert_eq!(head.status, 200);
    assert_eq!(head.body_len, 0);
    assert_eq!(
        head.header("content-length"),
        Some(get.body_len.to_string().as_str())
    );
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let response = server.request(&format!(
            "{method} /alpha/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n",
            server.port
        ));
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET,HEAD"));
    }
}

#[test]
fn built_output_has_no_live_reload() {
    let site = util::temp_fixture("serve");
    let out = tempfile::tempdir().expect("temp dir");
    util::build_ok(site.path(), &out.path().join("public"), &[]);
    for (path, bytes) in util::tree(&out.path().join("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__gongjiang"),
            "{path}"
        );
    }
}

#[test]
fn an_edit_reloads_open_tabs_with_the_new_page() {
    let server = Server::start();
    let mut events = server.events();
    let alpha = std::fs::read_to_string(server.site.path().join("content/alpha.md")).expect("read");
    server.write(
        "content/alpha.md",
        &alpha.replace("ALPHA-BODY", "ALPHA-EDITED"),
    );
    assert!(
        events.wait_for("event: reload"),
        "reload event: {}",
        events.text
    );
    assert!(
        server.get("/alpha/").body.contains("ALPHA-EDITED"),
        "the reload comes after the swap"
    );

    server.write("static/css/site.css", "body { color: #222; }\n");
    assert!(
        events.wait_for("event: css"),
        "a stylesheet change swaps styles: {}",
        events.text
    );
    let line = server.wait_line("Rebuilt ");
    assert!(line.ends_with(" ms"), "{line}");
}

#[test]
fn a_relative_root_is_watched_too() {
    let server = Server::start_in_site();
    let mut events = server.events();
    server.write(
        "content/guide/one.md",
        "---\ntitle: 指南一\n---\nRELATIVE-ROOT\n",
    );
    assert!(
        events.wait_for("event: reload"),
        "reload event: {}",
        events.text
    );
    assert!(server.get("/guide/one/").body.contains("RELATIVE-ROOT"));
}

#[test]
fn a_broken_file_shows_an_overlay_until_fixed() {
    let server = Server::start();
    let mut events = server.events();
    let beta = std::fs::read_to_string(server.site.path().join("content/beta.md")).expect("read");
    server.write("content/beta.md", "---\ntitle: 乙页 <b>\nweight: x\n---\n");
    assert!(
        events.wait_for("event: build-error"),
        "error event: {}",
        events.text
    );
    assert!(
        events.text.contains("content/beta.md:3"),
        "file and line: {}",
        events.text
    );
    let page = server.get("/beta/");
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(page.body.contains("BETA-BODY"));
    assert!(
        page.body.contains("id=\"gongjiang-error\""),
        "overlay: {}",
        page.body
    );
    assert!(
        page.body.contains("content/beta.md:3:9") && page.body.contains("weight: x"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("乙页 &lt;b&gt;") || !page.body.contains("乙页 <b>"),
        "escaped"
    );
    assert!(
        !page
            .body
            .contains(&server.site.path().display().to_string()),
        "no absolute path"
    );

    server.write("content/beta.md", &beta);
    assert!(
        events.wait_for("event: reload"),
        "reload after the fix: {}",
        events.text
    );
    assert!(!server.get("/beta/").body.contains("gongjiang-error"));
}

#[test]
fn hostile_paths_get_400_or_404_and_nothing_from_outside() {
    let server = Server::start();
    let secret = server
        .site
        .path()
        .parent()
        .expect("parent")
        .join("gongjiang-secret.txt");
    std::fs::write(&secret, "TOP-SECRET").ok();
    let long = format!("/{}", "a/".repeat(3000));
    let paths = [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2f..%2fgongjiang-secret.txt",
        "/..%5c..%5cgongjiang-secret.txt",
        "/..\\..\\gongjiang-secret.txt",
        "/alpha/%00",
        "/%00../etc/passwd",
        "//etc/passwd",
        "/./alpha/",
        "/content/alpha.md",
        "/templates/base.html",
        "/%c0%ae%c0%ae/etc/passwd",
        "/%zz",
        long.as_str(),
    ];
    for path in paths {
        let response = server.get(path);
        assert!(
            matches!(response.status, 400 | 404),
            "{path}: {}",
            response.status
        );
        for leak in ["root:", "TOP-SECRET", "weight: 1", "{% block"] {
            assert!(!response.body.contains(leak), "{path} leaked {leak}");
        }
    }
    let absolute = server.request(&format!(
        "GET http://127.0.0.1:{0}/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\n",
        server.port
    ));
    assert!(matches!(absolute.status, 400 | 404) && !absolute.body.contains("root:"));
    let _ = std::fs::remove_file(secret);
}

#[test]
fn other_hosts_and_origins_are_refused() {
    let server = Server::start();
    let port = server.port;
    for host in [
        "evil.example",
        "localhost",
        "127.0.0.1:1",
        "attacker.test:PORT",
    ] {
        let host = host.replace("PORT", &port.to_string());
        let response = server.request(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n"));
        assert_eq!(response.status, 403, "{host}");
    }
    for host in ["localhost:PORT", "[::1]:PORT", "127.0.0.1:PORT"] {
        let host = host.replace("PORT", &port.to_string());
        assert_eq!(
            server
                .request(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n"))
                .status,
            200,
            "{host}"
        );
    }
    let foreign = server.request(&format!(
        "GET /__gongjiang/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://evil.example\r\n"
    ));
    assert_eq!(foreign.status, 403);
    let own = EventStream::open(port, Some(&format!("http://127.0.0.1:{port}")));
    assert!(
        !own.text
            .to_ascii_lowercase()
            .contains("access-control-allow-origin")
    );
    let response = server.request(&format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://evil.example\r\n"
    ));
    assert!(response.header("access-control-allow-origin").is_none());
}

#[test]
fn requests_during_rebuilds_get_complete_pages() {
    let server = Server::start();
    let alpha = std::fs::read_to_string(server.site.path().join("content/alpha.md")).expect("read");
    let port = server.port;
    std::thread::scope(|scope| {
        let hammer = scope.spawn(move || {
            (0..150)
                .map(|_| {
                    super::request(
                        port,
                        &format!("GET /alpha/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"),
                    )
                })
                .filter(|r| {
                    r.status != 200
                        || r.header("content-length") != Some(r.body_len.to_string().as_str())
                        || !r.body.trim_end().ends_with("</html>")
                        || !r.body.contains("<h1>甲页</h1>")
                })
                .count()
        });
        for round in 0..8 {
            server.write(
                "content/alpha.md",
                &alpha.replace("ALPHA-BODY", &format!("ROUND-{round}")),
            );
            std::thread::sleep(std::time::Duration::from_millis(80));
        }
        assert_eq!(
            hammer.join().expect("hammer thread"),
            0,
            "every answer is a whole page"
        );
    });
    eventually("the last edit is served", || {
        server.get("/alpha/").body.contains("ROUND-7")
    });
}

#[test]
fn a_sub_path_site_is_served_under_its_path() {
    let server = Server::start_with("serve", |root| {
        let home = std::fs::read_to_string(root.join("content/_index.md")).expect("read");
        util::write(
            root,
            "content/_index.md",
            &home.replace("https://example.org/", "https://example.org/reform/"),
        );
    });
    assert!(server.url.ends_with("/reform/"), "{}", server.url);
    assert_eq!(server.get("/").header("location"), Some("/reform/"));
    assert_eq!(server.get("/reform").header("location"), Some("/reform/"));
    let alpha = server.get("/reform/alpha/");
    assert_eq!(alpha.status, 200);
    assert!(
        alpha.body.contains("href=\"/reform/beta/\""),
        "{}",
        alpha.body
    );
    assert_eq!(server.get("/alpha/").status, 404);
}

#[test]
fn a_site_broken_at_start_is_served_with_the_error() {
    let server = Server::start_with("serve", |root| {
        util::write(root, "templates/page.html", "{{ oops")
    });
    let response = server.get("/");
    assert_eq!(response.status, 404);
    assert!(
        response.body.contains("gongjiang-error") && response.body.contains("templates/page.html"),
        "{}",
        response.body
    );
    let fixed =
        std::fs::read_to_string(util::fixture("serve").join("templates/page.html")).expect("read");
    server.write("templates/page.html", &fixed);
    eventually("the fixed site is served", || {
        server.get("/alpha/").status == 200
    });
}

#[test]
fn sigint_stops_the_server_cleanly() {
    let server = Server::start();
    let _open_tab = server.events();
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
}

/// A warning of the front matter (YAML cutting a title at ` #`) or of the Markdown (an HTML
/// comment never closed) is printed when `serve` starts and when an edit brings a new one, as
/// `build` prints it.
#[test]
fn warnings_are_printed_at_start_and_after_an_edit() {
    let server = Server::start_with("serve", |root| {
        let page = root.join("content/alpha.md");
        let text = std::fs::read_to_string(&page).expect("alpha.md");
        std::fs::write(page, text.replacen("title: ", "title: 第 #1 ", 1)).expect("write");
    });
    // Whether a warning line saying `what` comes within 20 s.
    let warned = |errors: &std::sync::mpsc::Receiver<String>, what: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Ok(line) = errors.recv_timeout(std::time::Duration::from_millis(200))
                && line.starts_with("warning:")
                && line.contains(what)
            {
                return true;
            }
        }
        false
    };
    assert!(
        warned(&server.errors, "content/alpha.md:2:"),
        "a warning at start"
    );
    let beta = server.site.path().join("content/beta.md");
    let text = std::fs::read_to_string(&beta).expect("beta.md");
    std::fs::write(&beta, text.replacen("title: ", "title: 乙 #2 ", 1)).expect("write");
    assert!(
        warned(&server.errors, "content/beta.md:2:"),
        "a warning after the edit"
    );
}
