//! What a page loads: one content-hashed stylesheet that exists, nothing from another host, one
//! local deferred script (the search box) and no other JavaScript, no web fonts, every page under
//! 100 KB with its assets, and a stylesheet that covers Chinese typography, dark mode and print.

use std::collections::BTreeSet;
use std::fs;

use super::html::{attr, link_href, start_tags};
use super::{BASE_PATH, BASE_URL, html_files, output_file, site};
use crate::util;

/// Budget for one page with everything it loads.
const PAGE_BUDGET: usize = 100 * 1024;
/// Budget for the share image.
const SHARE_IMAGE_BUDGET: usize = 60 * 1024;

#[test]
fn one_hashed_stylesheet_that_exists() {
    let out = site();
    let css_source = fs::read(util::repo_root().join("src/theme/static/css/site.css"))
        .expect("src/theme/static/css/site.css");
    for (rel, html) in html_files(out) {
        let sheets = link_href(&html, "stylesheet");
        assert_eq!(
            sheets.len(),
            1,
            "{rel}: exactly one stylesheet, got {sheets:?}"
        );
        let href = &sheets[0];
        let name = href
            .strip_prefix(&format!("{BASE_PATH}css/site."))
            .and_then(|r| r.strip_suffix(".css"));
        let hash = name.unwrap_or_else(|| {
            panic!("{rel}: stylesheet {href} is not {BASE_PATH}css/site.HASH.css")
        });
        assert!(
            hash.len() >= 6 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{rel}: `{hash}` is not a content hash"
        );
        let file = output_file(out, href);
        assert_eq!(
            fs::read(&file).unwrap_or_else(|e| panic!("{rel}: {href}: {e}")),
            css_source,
            "{rel}: {href} is the stylesheet"
        );
        assert!(
            !html.contains("<style"),
            "{rel}: no inline <style>; everything is in site.css"
        );
    }
}

/// Literal references to another host in `src=`, `href=`, `srcset=`, `url(` or `@import`.
fn foreign_references(text: &str, allow_anchor_hrefs: bool) -> Vec<String> {
    let mut found = Vec::new();
    for key in [
        "src=", "href=", "srcset=", "url(", "@import", "action=", "poster=", "data=",
    ] {
        let mut from = 0;
        while let Some(at) = text[from..].find(key).map(|i| i + from) {
            from = at + key.len();
            let value = text[from..].trim_start_matches([' ', '"', '\'']);
            let value: String = value
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ')' | ' ' | '>' | ';'))
                .collect();
            let foreign = value.starts_with("//")
                || value.starts_with("http:")
                || value.starts_with("https:");
            if !foreign {
                continue;
            }
            let tag_start = text[..at].rfind('<').unwrap_or(0);
            let tag = &text[tag_start..at];
            if allow_anchor_hrefs && key == "href=" && tag.starts_with("<a ") {
                continue; // a link the reader may follow is not a request
            }
            found.push(format!("{key}{value}"));
        }
    }
    found
}

/// The one script a page may load: the search box, content-hashed, deferred, from the site.
const SEARCH_SCRIPT: &str = "js/search.";

#[test]
fn nothing_is_loaded_from_another_host_and_only_the_search_script_ships() {
    // Sources: the built-in theme's templates and static files, and the site's own.
    for dir in [
        "src/theme/templates",
        "src/theme/static",
        "templates",
        "static",
    ] {
        let dir_path = util::repo_root().join(dir);
        if !dir_path.is_dir() {
            continue; // the microsite replaces no template of the theme
        }
        for (rel, bytes) in util::tree(&dir_path) {
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            }; // images
            let bad = foreign_references(&text, true);
            assert!(
                bad.is_empty(),
                "{dir}/{rel} refers to another host: {bad:?}"
            );
            if rel.ends_with(".html") {
                let scripts = text.matches("<script").count();
                let expected = usize::from(rel == "base.html");
                assert_eq!(
                    scripts, expected,
                    "{dir}/{rel}: only base.html has a <script> (the search box)"
                );
            }
            assert!(!text.contains("@font-face"), "{dir}/{rel}: no web fonts");
        }
    }
    // Output: every page, the stylesheet; the site's own absolute URLs only in canonical/alternate
    // links, which are not loaded.
    let out = site();
    for (rel, bytes) in util::tree(out) {
        if rel.ends_with(".js") || rel.ends_with(".mjs") {
            assert!(
                rel.starts_with(SEARCH_SCRIPT) || rel.starts_with("pagefind/"),
                "{rel}: the only JavaScript is the search box and Pagefind's bundle"
            );
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if rel.ends_with(".html") {
            let scripts = start_tags(&text, "script");
            assert_eq!(scripts.len(), 1, "{rel}: one <script>, the search box's");
            for tag in scripts {
                let src = attr(tag, "src").unwrap_or_default();
                assert!(
                    src.starts_with(&format!("{BASE_PATH}{SEARCH_SCRIPT}")) && src.ends_with(".js"),
                    "{rel}: the script is the site's own js/search.HASH.js, got {tag}"
                );
                assert!(
                    tag.contains(" defer"),
                    "{rel}: the script is deferred: {tag}"
                );
                assert!(
                    text.contains(&format!("{tag}</script>")),
                    "{rel}: the script has no inline code: {tag}"
                );
            }
            for tag in start_tags(&text, "link") {
                let href = attr(tag, "href").unwrap_or_default();
                let rel_attr = attr(tag, "rel").unwrap_or_default();
                if rel_attr == "canonical" || rel_attr == "alternate" {
                    assert!(
                        href.starts_with(BASE_URL) || href.starts_with(BASE_PATH),
                        "{rel}: {rel_attr} {href} is the site's own"
                    );
                } else {
                    assert!(
                        href.starts_with(BASE_PATH),
                        "{rel}: <link rel={rel_attr}> loads {href}, not from the site"
                    );
                }
            }
            let page_without_links: String = text
                .split("<link ")
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part.to_owned()
                    } else {
                        part.split_once('>')
                            .map_or(String::new(), |(_, r)| r.to_owned())
                    }
                })
                .collect();
            let bad = foreign_references(&page_without_links, true);
            assert!(bad.is_empty(), "{rel} loads from another host: {bad:?}");
        } else if rel.ends_with(".css") || rel.ends_with(".svg") {
            let bad = foreign_references(&text, false);
            assert!(bad.is_empty(), "{rel} refers to another host: {bad:?}");
        }
    }
}

#[test]
fn every_page_with_its_assets_stays_under_100_kb() {
    let out = site();
    let share = fs::metadata(util::repo_root().join("static/img/share.png"))
        .expect("static/img/share.png")
        .len() as usize;
    assert!(share < SHARE_IMAGE_BUDGET, "share.png is {share} bytes");
    for (rel, html) in html_files(out) {
        let mut assets: BTreeSet<String> = BTreeSet::new();
        for tag in start_tags(&html, "link") {
            if matches!(
                attr(tag, "rel").as_deref(),
                Some("stylesheet" | "icon" | "preload" | "modulepreload")
            ) {
                assets.extend(attr(tag, "href"));
            }
        }
        for name in [
            "img", "source", "video", "audio", "iframe", "embed", "object", "image", "use",
            "script",
        ] {
            for tag in start_tags(&html, name) {
                assets.extend(attr(tag, "src"));
                assets.extend(attr(tag, "href").filter(|h| !h.starts_with('#')));
            }
        }
        let mut total = html.len();
        for url in &assets {
            let file = output_file(out, url);
            let size = fs::metadata(&file)
                .unwrap_or_else(|e| panic!("{rel}: {url} -> {}: {e}", file.display()))
                .len() as usize;
            total += size;
            if url.ends_with(".css") {
                // url(...) in the stylesheet load too
                let css = fs::read_to_string(&file).expect("css");
                for part in css.split("url(").skip(1) {
                    let u = part.trim_start_matches(['"', '\'']);
                    let u: String = u
                        .chars()
                        .take_while(|c| !matches!(c, '"' | '\'' | ')'))
                        .collect();
                    if u.starts_with(BASE_PATH) {
                        total += fs::metadata(output_file(out, &u))
                            .map(|m| m.len() as usize)
                            .unwrap_or(0);
                    }
                }
            }
        }
        assert!(
            total < PAGE_BUDGET,
            "{rel}: {total} bytes with {assets:?} (budget {PAGE_BUDGET})"
        );
    }
}

#[test]
fn stylesheet_covers_typography_dark_mode_and_print() {
    let css = fs::read_to_string(util::repo_root().join("src/theme/static/css/site.css"))
        .expect("site.css");
    for font in [
        "PingFang SC",
        "Hiragino Sans GB",
        "Microsoft YaHei",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
    ] {
        assert!(css.contains(font), "font stack names {font}");
    }
    assert!(css.contains("prefers-color-scheme: dark"), "dark mode");
    assert!(css.contains("@media print"), "print styles");
    assert!(css.contains("tabular-nums"), "tabular figures for numbers");
    assert!(css.contains(":focus-visible"), "visible focus");
    assert!(
        css.contains("minmax(min(9.5rem, 100%), 1fr)"),
        "stat card grid"
    );
    let print = &css[css.find("@media print").expect("print")..];
    assert!(
        print.contains(".site-nav") && print.contains("display: none"),
        "print hides the navigation"
    );
    assert!(
        print.contains(".print-only") || print.contains("attr(href)"),
        "print shows the URL"
    );
}
