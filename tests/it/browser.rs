//! The built microsite in a real browser: Debian's Chromium driven by playwright-core.
//!
//! The site is built with `--base-url http://127.0.0.1:PORT/` and served by a private nginx (see
//! `hosting/nginx.rs`); then `node tests/browser/check-pages.mjs BASE_URL SCREENSHOT_DIR` loads
//! every page of the sitemap, `404.html` and a missing page at 375×812 and 1280×800 in light and
//! dark colour schemes, and fails on a console error, a failed or >= 400 request, a request to
//! another host, horizontal overflow, or an axe-core violation of impact serious or critical; it
//! also loads the home page with JavaScript disabled and expects every stat card to show.
//! Screenshots go to `target/screenshots/<page>-<width>[-dark|-nojs].png`.
//!
//! Needs Debian's `chromium`, `nginx`, Node.js and `npm ci --ignore-scripts` in `tests/browser`
//! (`bash .ci/run --deps` does all of it).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::hosting::{Hosted, INSTALL_HINT};
use crate::util;

/// Longest the browser run may take (the script stops itself after 8 minutes).
const LIMIT: Duration = Duration::from_secs(600);

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| util::repo_root().join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        util::repo_root().join(target)
    };
    target.join("screenshots")
}

fn require(path: &Path, what: &str) {
    assert!(
        path.exists(),
        "{what} ({}) is missing; {INSTALL_HINT}",
        path.display()
    );
}

/// The folder of the Node scripts and Debian's chromium, after checking both are installed.
fn browser_tools() -> (PathBuf, PathBuf) {
    let browser_dir = util::repo_root().join("tests/browser");
    require(
        &browser_dir.join("node_modules/playwright-core"),
        "playwright-core",
    );
    require(
        &browser_dir.join("node_modules/axe-core/axe.min.js"),
        "axe-core",
    );
    let chromium = std::env::var_os("GONGJIANG_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    require(&chromium, "Debian's chromium");
    (browser_dir, chromium)
}

#[test]
fn every_page_in_chromium_has_no_error_no_overflow_and_no_serious_axe_violation() {
    // Every page of the sitemap: both languages, at the root and under /reform/.
    for sub in ["", "reform/"] {
        every_page_in_chromium(sub);
    }
}

fn every_page_in_chromium(sub: &str) {
    let (browser_dir, chromium) = browser_tools();

    let hosted = Hosted::microsite(sub);
    let shots = screenshot_dir().join(if sub.is_empty() { "root" } else { "reform" });
    let (status, summary, errors) = run_node(
        &browser_dir,
        "check-pages.mjs",
        &[hosted.base_url.as_str(), &shots.to_string_lossy()],
        &chromium,
    );
    println!("browser check summary:\n{summary}");
    if !errors.trim().is_empty() {
        println!("node stderr:\n{errors}");
    }
    let Some(status) = status else {
        panic!("the browser check did not finish in {LIMIT:?}:\n{summary}\n{errors}");
    };
    let failures = serde_json::from_str::<serde_json::Value>(&summary)
        .ok()
        .and_then(|v| v.get("failures").cloned())
        .map(|f| serde_json::to_string_pretty(&f).unwrap_or_default())
        .unwrap_or_else(|| summary.clone());
    assert!(
        status.success(),
        "the browser check failed ({status}); screenshots in {}; failures:\n{failures}\n\
         node stderr:\n{errors}\nnginx error log:\n{}",
        shots.display(),
        hosted.nginx.error_log()
    );
}

/// A site fresh from `gongjiang init` (Chinese, with search turned on; and English), on the
/// built-in theme alone, passes the same browser check as the microsite.
#[test]
fn a_new_site_from_init_in_chromium_has_no_error_no_overflow_and_no_serious_axe_violation() {
    let (browser_dir, chromium) = browser_tools();
    for language in ["zh", "en"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let output = util::run(&["init", &root.to_string_lossy(), "--language", language]);
        assert!(output.status.success(), "init: {output:?}");
        let home = root.join("content/_index.md");
        let text = std::fs::read_to_string(&home).expect("home");
        std::fs::write(&home, text.replace("search: false", "search: true")).expect("search on");
        let hosted = Hosted::site(&root, "");
        let shots = screenshot_dir().join(format!("init-{language}"));
        let (status, summary, errors) = run_node(
            &browser_dir,
            "check-pages.mjs",
            &[hosted.base_url.as_str(), &shots.to_string_lossy()],
            &chromium,
        );
        let Some(status) = status else {
            panic!("the browser check did not finish in {LIMIT:?}:\n{summary}\n{errors}");
        };
        assert!(
            status.success(),
            "the browser check of a new {language} site failed ({status}); screenshots in {}:\n\
             {summary}\nnode stderr:\n{errors}",
            shots.display()
        );
    }
}

/// Runs `node SCRIPT ARGS` in `dir` within [`LIMIT`]; `None` status means it was killed.
fn run_node(
    dir: &Path,
    script: &str,
    args: &[&str],
    chromium: &Path,
) -> (Option<std::process::ExitStatus>, String, String) {
    let mut child = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .current_dir(dir)
        .env("GONGJIANG_CHROMIUM", chromium)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run node: {e}; {INSTALL_HINT}"));
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).ok();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).ok();
        s
    });
    let deadline = Instant::now() + LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let stdout = out_reader.join().expect("stdout");
    let stderr = err_reader.join().expect("stderr");
    (status, stdout, stderr)
}

/// The search box in Chromium on the nginx-hosted microsite, at the root and under `/reform/`:
/// a table of Chinese words and phrases, numbers and a query with no result, typed key by key,
/// each with its expected first page and a highlighted snippet; `/`, arrows, Enter and Escape;
/// nothing of the index loaded before the box is used; no console error; no other host
/// (`tests/browser/search.mjs` has the table).
#[test]
fn search_in_chromium_finds_words_phrases_and_numbers() {
    for sub in ["", "reform/"] {
        let hosted = Hosted::microsite(sub);
        let queries_ok = run_search_check(&hosted, None, &format!("under /{sub}"));
        assert!(
            queries_ok >= 12,
            "only {queries_ok} queries ran under /{sub}"
        );
    }
}

/// Runs `tests/browser/search.mjs` against `hosted` (with its own query table when given) and
/// fails the test on any failed check; returns how many queries passed.
fn run_search_check(hosted: &Hosted, queries: Option<&Path>, what: &str) -> usize {
    let (browser_dir, chromium) = browser_tools();
    let mut args = vec![hosted.base_url.clone()];
    args.extend(queries.map(|q| q.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, stdout, stderr) = run_node(&browser_dir, "search.mjs", &args, &chromium);
    println!("{stdout}");
    let Some(status) = status else {
        panic!("the search check {what} did not finish in {LIMIT:?}:\n{stdout}\n{stderr}");
    };
    let failures: Vec<&str> = stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(
        status.success(),
        "search in the browser {what} failed ({status}):\n{}\n\nfull output:\n{stdout}\n\
         node stderr:\n{stderr}\nnginx error log:\n{}",
        failures.join("\n"),
        hosted.nginx.error_log()
    );
    stdout.lines().filter(|l| l.starts_with("ok query")).count()
}

/// The English edition's search box (`/en/`, at the root and under `/reform/`): English words
/// find English pages, and only those (Pagefind keeps one index per `<html lang>`): a Chinese
/// phrase of the Chinese pages (集体合同) finds nothing here; Chinese stays segmented on the
/// Chinese pages (the test above).
#[test]
fn search_in_chromium_on_the_english_edition_finds_english_pages_only() {
    let root = tempfile::tempdir().expect("temp dir");
    let queries = root.path().join("queries.json");
    std::fs::write(
        &queries,
        r#"[["collective contracts", "rights/", "two English words"],
            ["Zhuhai", "skills/", "a place, in English"],
            ["Coordination Group", "coordination/", "a name, in English"],
            ["集体合同", null, "a Chinese phrase only the Chinese pages have"],
            ["xylophone", null, "an English word the site lacks"]]"#,
    )
    .expect("write queries");
    for sub in ["", "reform/"] {
        let mut english = Hosted::microsite(sub);
        english.base_url.push_str("en/");
        let queries_ok = run_search_check(&english, Some(&queries), &format!("on /{sub}en/"));
        assert_eq!(queries_ok, 5, "every query ran under /{sub}en/");
    }
}

/// Live reload in Chromium against `gongjiang serve`: a Markdown edit reloads and keeps the
/// scroll position, a CSS edit swaps the stylesheet without a reload, a broken file shows the
/// error overlay and fixing it clears it (`tests/browser/live-reload.mjs` makes the edits).
#[test]
fn live_reload_in_chromium_keeps_scroll_swaps_css_and_shows_errors() {
    let (browser_dir, chromium) = browser_tools();
    let server = crate::serve::Server::start_with("serve", |root| {
        let page = root.join("content/alpha.md");
        let mut text = std::fs::read_to_string(&page).expect("alpha.md");
        for i in 0..80 {
            text.push_str(&format!("\n第{i}段：用于滚动的正文，让页面足够长。\n"));
        }
        std::fs::write(page, text).expect("write alpha.md");
    });
    let root = server.site.path().to_string_lossy().into_owned();
    let (status, stdout, stderr) = run_node(
        &browser_dir,
        "live-reload.mjs",
        &[server.url.as_str(), &root],
        &chromium,
    );
    println!("{stdout}");
    let status = server_interrupted(server, status);
    assert!(
        status.is_some_and(|s| s.success()),
        "live reload in the browser failed ({status:?}):\n{stdout}\n{stderr}"
    );
    assert_eq!(
        stdout.matches("ok: ").count(),
        4,
        "every step ran:\n{stdout}"
    );
}

/// Stops the server cleanly and passes the node status through.
fn server_interrupted(
    server: crate::serve::Server,
    status: Option<std::process::ExitStatus>,
) -> Option<std::process::ExitStatus> {
    let stopped = server.interrupt();
    assert!(stopped.success(), "the server stops cleanly: {stopped}");
    status
}

/// Figure references in Chromium: on every page of the microsite, at 375×812 and 1280×800,
/// clicking each inline figure reference (`a.figure-ref`) lands on its card: `location.hash` is
/// `#fig-<id>`, the element with that id is the figure's card showing the link's text, and the
/// card is in the viewport (`tests/browser/figure-refs.mjs`). At the root and under `/reform/`.
#[test]
fn figure_references_in_chromium_land_on_their_cards() {
    let (browser_dir, chromium) = browser_tools();
    // Every `{{reference}}` in the Markdown is one link on the built page.
    let references: usize = std::fs::read_dir(util::repo_root().join("content"))
        .expect("content/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("page");
            // The front matter ends at the first `---` line after the opening one.
            let body = text.split_once("\n---\n").map_or("", |(_, body)| body);
            body.matches("{{").count()
        })
        .sum();
    assert!(references > 0, "the microsite's text has figure references");
    for sub in ["", "reform/"] {
        let hosted = Hosted::microsite(sub);
        let (status, stdout, stderr) = run_node(
            &browser_dir,
            "figure-refs.mjs",
            &[hosted.base_url.as_str()],
            &chromium,
        );
        println!("{stdout}");
        let Some(status) = status else {
            panic!(
                "the figure reference check under /{sub} did not finish in {LIMIT:?}:\n{stdout}\n{stderr}"
            );
        };
        let failures: Vec<&str> = stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
        assert!(
            status.success(),
            "figure references in the browser under /{sub} failed ({status}):\n{}\n\n\
             full output:\n{stdout}\nnode stderr:\n{stderr}\nnginx error log:\n{}",
            failures.join("\n"),
            hosted.nginx.error_log()
        );
        assert_eq!(
            stdout.lines().filter(|l| l.starts_with("ok click")).count(),
            references * 2,
            "every reference was clicked at both widths under /{sub}"
        );
    }
}
