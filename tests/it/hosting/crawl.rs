//! The crawl: from the home page, fetch every internal reference of every page, stylesheet and
//! XML file, and report broken links, redirects, wrong types, links leaving the site's sub-path
//! and missing `#fragment` targets; then compare what was reached with `sitemap.xml`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::http::{agent, expected_type, fetch};
use super::nginx::{Hosted, Nginx};
use super::refs::{css_refs, html_refs, sitemap_locs};
use super::urls::{Target, origin_of, percent_decode, resolve};
use crate::util;

/// The most URLs one crawl may fetch; the microsite has a few dozen.
const MAX_FETCHES: usize = 500;

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

#[test]
fn served_at_root_crawl_from_home_finds_no_broken_link_and_reaches_the_sitemap() {
    let hosted = Hosted::microsite("");
    check_crawl(&hosted);
}

#[test]
fn served_under_sub_path_crawl_stays_inside_and_finds_no_broken_link() {
    let hosted = Hosted::microsite("reform/");
    check_crawl(&hosted);
}

// A unit check of the crawl itself (it decides what counts as broken).

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
