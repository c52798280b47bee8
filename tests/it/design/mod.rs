//! Design checks on the real microsite: this crate's `content/` and `static/` on the built-in
//! theme (`src/theme/`),
//! built once with the real binary (under a base path, `https://example.org/reform/`) into
//! `CARGO_TARGET_TMPDIR/design-site`.
//!
//! What the templates promise, page by page, read from the front matter rather than hard-coded:
//! - a stat card (`data-figure="ID"`) for every figure of the page, holding its display text, unit
//!   and label; known values are checked against Chinese display strings written out in
//!   `figures::KNOWN_DISPLAYS` (1.5万余, 超过2.5亿 ...); the home page also shows every
//!   `key: true` figure of the site and a card per theme page with its leading figure;
//! - a chart (`<figure class="chart-card">` with an inline `<svg role="img">`) and a data table
//!   for every figure group of two or more, and none for anything else;
//! - one content-hashed stylesheet that exists in the output; no request to another host; no
//!   JavaScript but one local, content-hashed, deferred script (the search box) and Pagefind's
//!   bundle under `pagefind/`; every page under 100 KB together with what it loads;
//! - `lang`, a unique `<title>`, description, canonical, Open Graph and Twitter tags, one `<h1>`,
//!   a skip link, `aria-current` in the navigation, the source attribution, a table of contents on
//!   longer pages, previous/next links, an Atom feed of the theme pages, and a 404 page that only
//!   uses root-relative URLs.
//!
//! The modules follow the data: `source` reads what the templates promise from `content/`;
//! `html` holds tiny helpers to read the output; the checks are in `figures` (stat cards, charts),
//! `assets` (stylesheet, other hosts, JavaScript, page weight), `pages` (head tags, footer) and
//! `navigation` (table of contents, previous/next, feed, 404). This file builds the site once.

mod assets;
mod figures;
mod html;
mod navigation;
mod pages;
mod source;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use self::source::SourcePage;
use crate::util;

/// The base URL the site is built with: a path below the host, to catch relative URLs.
const BASE_URL: &str = "https://example.org/reform/";
const BASE_PATH: &str = "/reform/";

/// The site built once for every test of this module.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("design-site");
        let _ = fs::remove_dir_all(&out);
        util::build_ok(&util::repo_root(), &out, &["--base-url", BASE_URL]);
        out
    })
}

fn html_files(out: &Path) -> Vec<(String, String)> {
    util::tree(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| {
            (
                rel.replace('\\', "/"),
                String::from_utf8(bytes).expect("utf-8 html"),
            )
        })
        .collect()
}

/// A root-relative URL with the base path -> the file it names in the output.
fn output_file(out: &Path, url: &str) -> PathBuf {
    let rel = url
        .strip_prefix(BASE_PATH)
        .unwrap_or_else(|| panic!("{url} is not under {BASE_PATH}"));
    let rel = rel.split(['?', '#']).next().unwrap_or("");
    if rel.is_empty() || rel.ends_with('/') {
        out.join(rel).join("index.html")
    } else {
        out.join(rel)
    }
}

fn page_html(out: &Path, page: &SourcePage) -> String {
    util::read(out, &page.output)
}
