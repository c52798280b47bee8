//! Every file of the built site as nginx serves it: status 200, the same bytes and the right
//! `Content-Type`; every `<loc>` of `sitemap.xml` an HTML page; a missing page answered with 404
//! and the body of `404.html`. Checked at the root and under a sub-path.

use std::path::{Path, PathBuf};

use super::http::{agent, expected_type, fetch};
use super::nginx::Hosted;
use super::refs::sitemap_locs;

/// Every file of a built site as (URL path relative to the site, file path); dot files skipped.
pub(super) fn site_files(site: &Path) -> Vec<(String, PathBuf)> {
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

#[test]
fn served_at_root_every_file_has_its_type_and_missing_pages_get_404() {
    let hosted = Hosted::microsite("");
    check_files_and_404(&hosted);
}

#[test]
fn served_under_sub_path_every_file_has_its_type_and_missing_pages_get_404() {
    let hosted = Hosted::microsite("reform/");
    check_files_and_404(&hosted);
}
