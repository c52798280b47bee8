//! Getting around the site: a table of contents on longer pages, previous/next links between
//! siblings, an Atom feed of the theme pages, and a 404 page (like every page) that only uses
//! URLs that work below the site's root.

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::html::{attr, elements, start_tags, text};
use super::source::{SourcePage, site_settings, source_pages, str_of};
use super::{BASE_PATH, html_files, page_html, site};
use crate::util;

#[test]
fn theme_pages_have_toc_and_neighbour_links() {
    let out = site();
    let pages = source_pages();
    for (parent, siblings) in pages.iter().filter(|p| p.kind != "home").fold(
        BTreeMap::<String, Vec<&SourcePage>>::new(),
        |mut m, p| {
            m.entry(p.parent.clone().unwrap_or_default())
                .or_default()
                .push(p);
            m
        },
    ) {
        for (i, page) in siblings.iter().enumerate() {
            let html = page_html(out, page);
            let on = &page.source;
            let prev = start_tags(&html, "a")
                .into_iter()
                .filter(|t| attr(t, "rel").as_deref() == Some("prev"))
                .map(|t| attr(t, "href"))
                .collect::<Vec<_>>();
            let next = start_tags(&html, "a")
                .into_iter()
                .filter(|t| attr(t, "rel").as_deref() == Some("next"))
                .map(|t| attr(t, "href"))
                .collect::<Vec<_>>();
            let want_prev: Vec<Option<String>> = i
                .checked_sub(1)
                .map(|j| Some(siblings[j].url.clone()))
                .into_iter()
                .collect();
            let want_next: Vec<Option<String>> = siblings
                .get(i + 1)
                .map(|p| Some(p.url.clone()))
                .into_iter()
                .collect();
            assert_eq!(prev, want_prev, "{on} (under `{parent}`): previous link");
            assert_eq!(next, want_next, "{on} (under `{parent}`): next link");
            // The pages are parts of one report, not separate articles.
            let pagers = elements(&html, "class=\"pager\"");
            assert_eq!(pagers.len(), 1, "{on}: one pager");
            assert_eq!(
                attr(pagers[0], "aria-label").as_deref(),
                Some("上一部分与下一部分"),
                "{on}: the pager's name"
            );
            for (rel, want, word) in [
                ("prev", &want_prev, "上一部分"),
                ("next", &want_next, "下一部分"),
            ] {
                let links = elements(pagers[0], &format!("rel=\"{rel}\""));
                assert_eq!(links.len(), want.len(), "{on}: {rel} link in the pager");
                for link in links {
                    assert!(
                        text(link).contains(word),
                        "{on}: the {rel} link says {word}: {}",
                        text(link)
                    );
                }
            }
            assert!(
                !html.contains("上一篇") && !html.contains("下一篇"),
                "{on}: neighbours are parts (上一部分 / 下一部分), not articles (篇)"
            );
            let toc = elements(&html, "class=\"toc\"");
            if page.h2_count >= 3 {
                assert_eq!(
                    toc.len(),
                    1,
                    "{on}: {} sections want a table of contents",
                    page.h2_count
                );
                let links: Vec<String> = start_tags(toc[0], "a")
                    .into_iter()
                    .filter_map(|t| attr(t, "href"))
                    .collect();
                assert!(
                    links.len() >= page.h2_count,
                    "{on}: the table of contents lists every section"
                );
                for link in links {
                    let id = link
                        .strip_prefix('#')
                        .unwrap_or_else(|| panic!("{on}: toc link {link} is in-page"));
                    assert!(
                        html.contains(&format!("id=\"{id}\"")),
                        "{on}: toc target #{id} exists"
                    );
                }
            } else {
                assert!(
                    toc.is_empty(),
                    "{on}: no table of contents for {} sections",
                    page.h2_count
                );
            }
        }
    }
}

#[test]
fn feed_lists_the_theme_pages() {
    let out = site();
    let settings = site_settings();
    let date = str_of(
        settings
            .get("source")
            .and_then(Value::as_mapping)
            .expect("source"),
        "date",
    );
    let feed = util::read(out, "feed.xml");
    assert!(feed.starts_with("<?xml"), "feed.xml is XML");
    assert!(
        feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        "an Atom feed"
    );
    let updated = start_tags(&feed, "updated");
    assert!(!updated.is_empty(), "feed has <updated>");
    assert!(
        feed.contains(&format!("<updated>{date}T00:00:00+08:00</updated>")),
        "feed <updated> from site.source.date"
    );
    let entries = elements(&feed, "<entry");
    let theme: Vec<SourcePage> = source_pages()
        .into_iter()
        .filter(|p| p.kind == "page")
        .collect();
    assert_eq!(entries.len(), theme.len(), "one entry per theme page");
    for (entry, page) in entries.iter().zip(&theme) {
        let permalink = format!("https://example.org{}", page.url);
        assert!(
            entry.contains(&format!("<id>{permalink}</id>")),
            "entry id is the permalink of {}",
            page.source
        );
        assert!(
            entry.contains(&format!("href=\"{permalink}\"")),
            "entry links to {}",
            page.source
        );
        assert!(
            entry.contains("<updated>")
                && (entry.contains("<summary") || entry.contains("<content")),
            "entry for {} has updated and summary",
            page.source
        );
    }
}

#[test]
fn not_found_page_uses_root_relative_urls() {
    let out = site();
    let html = util::read(out, "404.html");
    assert!(html.contains("<html lang="), "404: lang");
    assert_eq!(start_tags(&html, "h1").len(), 1, "404: one h1");
    assert!(
        html.contains(&format!("href=\"{BASE_PATH}\"")),
        "404: links home"
    );
    for name in ["a", "link", "img", "script", "source"] {
        for tag in start_tags(&html, name) {
            for url in [attr(tag, "href"), attr(tag, "src")].into_iter().flatten() {
                let fine = url.starts_with(BASE_PATH)
                    || url.starts_with('#')
                    || url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("mailto:");
                assert!(fine, "404: `{url}` would break below the root");
            }
        }
    }
    // Same rule on every page: no relative URL anywhere.
    for (rel, page) in html_files(out) {
        for name in ["a", "link", "img"] {
            for tag in start_tags(&page, name) {
                if let Some(url) = attr(tag, "href").or_else(|| attr(tag, "src")) {
                    assert!(
                        url.starts_with(BASE_PATH)
                            || url.starts_with('#')
                            || url.contains("://")
                            || url.starts_with("mailto:"),
                        "{rel}: relative URL `{url}`"
                    );
                }
            }
        }
    }
}
