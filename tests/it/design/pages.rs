//! What every page carries: `lang`, a unique `<title>`, description, canonical, Open Graph and
//! Twitter tags, favicon and feed link, one `<h1>`, a skip link, `aria-current` in the
//! navigation, and a footer that credits the source and links the outlet.

use std::collections::BTreeSet;

use serde_yaml::Value;

use super::html::{attr, elements, link_href, meta, start_tags, text};
use super::source::{site_settings, source_pages, str_of};
use super::{BASE_URL, output_file, page_html, site};

#[test]
fn every_page_has_its_head_tags() {
    let out = site();
    let settings = site_settings();
    let language = str_of(&settings, "language");
    let site_title = str_of(&settings, "title");
    let mut titles = BTreeSet::new();
    for page in source_pages() {
        let html = page_html(out, &page);
        let on = &page.source;
        let permalink = format!("https://example.org{}", page.url);
        assert!(
            html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"),
            "{on}: doctype first"
        );
        assert!(
            html.contains(&format!("<html lang=\"{language}\"")),
            "{on}: <html lang=\"{language}\">"
        );
        let title = elements(&html, "<title")
            .first()
            .map(|t| text(t))
            .unwrap_or_default();
        assert!(
            title.contains(&page.title) && title.contains(&site_title),
            "{on}: title `{title}` names the page and the site"
        );
        assert!(
            titles.insert(title.clone()),
            "{on}: title `{title}` is not unique"
        );
        assert!(
            meta(&html, "description").is_some_and(|d| !d.trim().is_empty()),
            "{on}: meta description"
        );
        assert_eq!(
            link_href(&html, "canonical"),
            vec![permalink.clone()],
            "{on}: canonical"
        );
        assert_eq!(
            meta(&html, "og:url").as_deref(),
            Some(permalink.as_str()),
            "{on}: og:url"
        );
        // A shared link carries the site's name: `page｜site`, the home page just the site.
        for key in ["og:title", "twitter:title"] {
            let shared = meta(&html, key).unwrap_or_else(|| panic!("{on}: {key}"));
            assert!(
                shared.contains(&page.title) && shared.contains(&site_title),
                "{on}: {key} `{shared}` names the page and the site"
            );
            if page.kind == "home" && page.title == site_title {
                assert_eq!(shared, site_title, "{on}: {key} of the home page");
            } else {
                assert_eq!(
                    shared,
                    format!("{}｜{site_title}", page.title),
                    "{on}: {key}"
                );
            }
        }
        assert!(
            meta(&html, "og:description").is_some_and(|d| !d.is_empty()),
            "{on}: og:description"
        );
        let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{on}: og:image"));
        assert!(
            image.starts_with(BASE_URL) && image.ends_with(".png"),
            "{on}: og:image {image} is an absolute PNG on the site"
        );
        assert!(
            out.join(image.strip_prefix(BASE_URL).expect("under base"))
                .is_file(),
            "{on}: {image} exists"
        );
        assert_eq!(
            meta(&html, "twitter:card").as_deref(),
            Some("summary_large_image"),
            "{on}: twitter:card"
        );
        assert!(
            meta(&html, "twitter:image").is_some(),
            "{on}: twitter:image"
        );
        let icon = start_tags(&html, "link")
            .into_iter()
            .find(|t| attr(t, "rel").as_deref() == Some("icon"))
            .unwrap_or_else(|| panic!("{on}: icon"));
        assert_eq!(
            attr(icon, "type").as_deref(),
            Some("image/svg+xml"),
            "{on}: SVG favicon"
        );
        assert!(
            output_file(out, &attr(icon, "href").expect("href")).is_file(),
            "{on}: favicon exists"
        );
        let feeds = start_tags(&html, "link")
            .into_iter()
            .filter(|t| attr(t, "type").as_deref() == Some("application/atom+xml"))
            .count();
        assert_eq!(feeds, 1, "{on}: the Atom feed is announced");
        assert_eq!(start_tags(&html, "h1").len(), 1, "{on}: one <h1>");
        assert!(
            html.contains("href=\"#main\"") && html.contains("id=\"main\""),
            "{on}: skip link to <main id=main>"
        );
        assert_eq!(start_tags(&html, "main").len(), 1, "{on}: one <main>");
        let current: Vec<&str> = elements(&html, "aria-current=\"page\"");
        assert_eq!(
            current.len(),
            1,
            "{on}: the navigation marks exactly one current page"
        );
        assert!(
            current[0].contains(&format!("href=\"{}\"", page.url)),
            "{on}: aria-current on the link to {}",
            page.url
        );
        assert!(
            !html.contains("href=\"\"") && !html.contains("src=\"\""),
            "{on}: no empty URLs"
        );
    }
}

#[test]
fn footer_credits_the_source_and_links_the_outlet() {
    let out = site();
    let settings = site_settings();
    let source = settings
        .get("source")
        .and_then(Value::as_mapping)
        .expect("site.source");
    let outlet = str_of(source, "outlet");
    let outlet_url = str_of(source, "outlet_url");
    for page in source_pages() {
        let html = page_html(out, &page);
        let footer = elements(&html, "<footer")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{}: <footer>", page.source));
        let anchor = elements(footer, &format!("href=\"{outlet_url}\""))
            .into_iter()
            .next();
        assert!(
            anchor.is_some_and(|a| text(a) == outlet),
            "{}: footer links `{outlet}` to {outlet_url}",
            page.source
        );
        let t = text(footer);
        assert!(
            t.contains(&str_of(source, "title")),
            "{}: footer names the report's title",
            page.source
        );
        for list in ["reporters", "credits"] {
            for name in source
                .get(list)
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                let name = name.as_str().expect("string");
                assert!(t.contains(name), "{}: footer credits {name}", page.source);
            }
        }
        // The URL of the page, for print.
        assert!(
            t.contains(&format!("https://example.org{}", page.url)),
            "{}: footer carries the page URL for print",
            page.source
        );
    }
}
