//! Design checks on the real microsite: this crate's `content/`, `templates/` and `static/`,
//! built once with the real binary (under a base path, `https://example.org/reform/`) into
//! `CARGO_TARGET_TMPDIR/design-site`.
//!
//! What the templates promise, page by page, read from the front matter rather than hard-coded:
//! - a stat card (`data-figure="ID"`) for every figure of the page, holding its display text, unit
//!   and label; known values are checked against Chinese display strings written out in
//!   [`KNOWN_DISPLAYS`] (1.5万余, 超过2.5亿 ...); the home page also shows every `key: true` figure
//!   of the site and a card per theme page with its leading figure;
//! - a chart (`<figure class="chart-card">` with an inline `<svg role="img">`) and a data table
//!   for every figure group of two or more, and none for anything else;
//! - one content-hashed stylesheet that exists in the output; no request to another host and no
//!   JavaScript at all; every page under 100 KB together with what it loads;
//! - `lang`, a unique `<title>`, description, canonical, Open Graph and Twitter tags, one `<h1>`,
//!   a skip link, `aria-current` in the navigation, the source attribution, a table of contents on
//!   longer pages, previous/next links, an Atom feed of the theme pages, and a 404 page that only
//!   uses root-relative URLs.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_yaml::{Mapping, Value};

use crate::util;

/// The base URL the site is built with: a path below the host, to catch relative URLs.
const BASE_URL: &str = "https://example.org/reform/";
const BASE_PATH: &str = "/reform/";
/// Budget for one page with everything it loads.
const PAGE_BUDGET: usize = 100 * 1024;
/// Budget for the share image.
const SHARE_IMAGE_BUDGET: usize = 60 * 1024;

/// `(value, qualifier, wording, numerals, display)`: the display strings of the spec's table
/// and of the report, written out by hand (wording "" = the default one).
const KNOWN_DISPLAYS: &[(f64, &str, &str, &str, &str)] = &[
    (1043.0, "exact", "", "", "1043"),
    (368000.0, "exact", "", "", "36.8万"),
    (11200.0, "exact", "", "", "1.12万"),
    (1670000.0, "exact", "", "", "167万"),
    (250000000.0, "over", "超过", "", "超过2.5亿"),
    (5000000.0, "over", "超过", "", "超过500万"),
    (900000.0, "over", "超过", "", "超过90万"),
    (10000.0, "over", "", "", "超万"),
    (10000.0, "over", "超", "", "超万"),
    (100.0, "over", "", "", "超百"),
    (100.0, "over", "超", "", "超百"),
    (5000.0, "over", "", "", "超5000"),
    (5000.0, "over", "超", "", "超5000"),
    (15000.0, "more_than", "", "", "1.5万余"),
    (15000.0, "more_than", "余", "", "1.5万余"),
    (9000000.0, "more_than", "多", "", "900多万"),
    (7800.0, "more_than", "多", "", "7800多"),
    (4900.0, "more_than", "", "", "4900余"),
    (4900.0, "more_than", "余", "", "4900余"),
    (15000.0, "nearly", "", "", "近1.5万"),
    (100.0, "about", "", "", "上百"),
    (1.0, "first", "", "", "首"),
    (3.0, "in_a_row", "", "", "连续3"),
    (1.0, "rank", "", "", "第一"),
    (4.0, "ordinal", "", "", "第四"),
    (6.0, "exact", "", "hanzi", "六"),
    (10.0, "exact", "", "hanzi", "十"),
];

// ---------------------------------------------------------------------------------------------
// The built site and the content it comes from
// ---------------------------------------------------------------------------------------------

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

/// One page of `content/` as the templates see it.
#[derive(Debug)]
struct SourcePage {
    /// `content/...` path, for messages.
    source: String,
    /// Output file, relative: `index.html`, `skills/index.html`.
    output: String,
    /// Root-relative URL with the base path: `/reform/skills/`.
    url: String,
    /// Folder of the parent page's URL path (`""` for top-level pages), `None` for home.
    parent: Option<String>,
    kind: &'static str,
    title: String,
    weight: i64,
    figures: Vec<Fig>,
    /// Level-2 headings in the Markdown body.
    h2_count: usize,
}

#[derive(Debug, Clone)]
struct Fig {
    id: String,
    label: String,
    value: f64,
    unit: String,
    qualifier: String,
    wording: String,
    numerals: String,
    group: Option<String>,
    key: bool,
}

fn str_of(map: &Mapping, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads every page of `content/` (drafts left out), in site order: home first, then by weight
/// and source path.
fn source_pages() -> Vec<SourcePage> {
    let content = util::repo_root().join("content");
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.expect("walk content");
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let rel = path
            .strip_prefix(&content)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).expect("read page");
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let rest = text
            .strip_prefix("---\n")
            .unwrap_or_else(|| panic!("{rel}: no front matter"));
        let end = rest
            .find("\n---")
            .unwrap_or_else(|| panic!("{rel}: unclosed front matter"));
        let front: Mapping =
            serde_yaml::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let body = &rest[end + 4..];
        if front.get("draft").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let (dir, file) = rel
            .rsplit_once('/')
            .map_or(("", rel.as_str()), |(d, f)| (d, f));
        let stem = file.trim_end_matches(".md");
        let slug = Some(str_of(&front, "slug"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| stem.to_owned());
        let (kind, url_path, parent) = if rel == "_index.md" {
            ("home", String::new(), None)
        } else if stem == "_index" {
            let parent = dir.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
            ("section", format!("{dir}/"), Some(parent))
        } else if dir.is_empty() {
            ("page", format!("{slug}/"), Some(String::new()))
        } else {
            ("page", format!("{dir}/{slug}/"), Some(dir.to_owned()))
        };
        let figures = match front.get("figures") {
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| {
                    let m = item
                        .as_mapping()
                        .unwrap_or_else(|| panic!("{rel}: a figure is not a map"));
                    Fig {
                        id: str_of(m, "id"),
                        label: str_of(m, "label"),
                        value: m
                            .get("value")
                            .and_then(Value::as_f64)
                            .unwrap_or_else(|| panic!("{rel}: value")),
                        unit: str_of(m, "unit"),
                        qualifier: Some(str_of(m, "qualifier"))
                            .filter(|q| !q.is_empty())
                            .unwrap_or_else(|| "exact".into()),
                        wording: str_of(m, "wording"),
                        numerals: str_of(m, "numerals"),
                        group: Some(str_of(m, "group")).filter(|g| !g.is_empty()),
                        key: m.get("key").and_then(Value::as_bool).unwrap_or(false),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let h2_count = body.lines().filter(|l| l.starts_with("## ")).count();
        pages.push(SourcePage {
            source: format!("content/{rel}"),
            output: format!("{url_path}index.html"),
            url: format!("{BASE_PATH}{url_path}"),
            parent,
            kind,
            title: str_of(&front, "title"),
            weight: front
                .get("weight")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MAX),
            figures,
            h2_count,
        });
    }
    pages.sort_by(|a, b| {
        (a.kind != "home", a.weight, &a.source).cmp(&(b.kind != "home", b.weight, &b.source))
    });
    assert!(
        pages.iter().any(|p| p.kind == "home"),
        "content/_index.md is missing"
    );
    pages
}

/// `site:` settings of the home page.
fn site_settings() -> Mapping {
    let text = fs::read_to_string(util::repo_root().join("content/_index.md")).expect("home");
    let rest = text
        .trim_start_matches('\u{feff}')
        .strip_prefix("---\n")
        .expect("front matter");
    let end = rest.find("\n---").expect("closed");
    let front: Mapping = serde_yaml::from_str(&rest[..end]).expect("yaml");
    front
        .get("site")
        .and_then(Value::as_mapping)
        .cloned()
        .expect("site: settings")
}

/// Groups with two or more members, in order of first appearance.
fn chart_groups(figures: &[Fig]) -> Vec<(String, Vec<Fig>)> {
    let mut groups: Vec<(String, Vec<Fig>)> = Vec::new();
    for f in figures {
        let Some(g) = &f.group else { continue };
        match groups.iter_mut().find(|(name, _)| name == g) {
            Some((_, members)) => members.push(f.clone()),
            None => groups.push((g.clone(), vec![f.clone()])),
        }
    }
    groups.retain(|(_, m)| m.len() >= 2);
    groups
}

fn known_display(f: &Fig) -> Option<&'static str> {
    KNOWN_DISPLAYS
        .iter()
        .find(|(v, q, w, n, _)| {
            *v == f.value && *q == f.qualifier && *w == f.wording && *n == f.numerals
        })
        .map(|k| k.4)
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

// ---------------------------------------------------------------------------------------------
// Tiny HTML helpers (the output is our own, well-formed markup)
// ---------------------------------------------------------------------------------------------

/// Every element whose start tag contains `marker`, from `<` to its matching end tag.
fn elements<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(marker).map(|i| i + from) {
        from = at + marker.len();
        let start = if marker.starts_with('<') {
            at
        } else {
            let Some(start) = html[..at].rfind('<') else {
                continue;
            };
            start
        };
        let name: String = html[start + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() || html[start..at].contains('>') {
            continue; // the marker is not inside a start tag
        }
        found.push(&html[start..element_end(html, start, &name)]);
    }
    found
}

/// The end (exclusive) of the element starting at `start`, counting nested same-name elements.
fn element_end(html: &str, start: usize, name: &str) -> usize {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let next_open = html[i..].find(&open).map(|p| p + i);
        let next_close = html[i..].find(&close).map(|p| p + i);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let after = html[o + open.len()..].chars().next();
                if matches!(after, Some(' ' | '>' | '\n' | '/')) {
                    depth += 1;
                }
                i = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                i = c + close.len();
                if depth == 0 {
                    return i;
                }
            }
            _ => return html.len(),
        }
    }
}

/// Text of a fragment: tags removed, entities decoded, whitespace collapsed.
fn text(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = unescape(&out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&amp;", "&")
}

/// Value of `attr="..."` in the first start tag of `tag` (decoded).
fn attr(tag: &str, name: &str) -> Option<String> {
    let end = tag.find('>').unwrap_or(tag.len());
    let head = &tag[..end];
    let needle = format!(" {name}=\"");
    let at = head.find(&needle)? + needle.len();
    let len = head[at..].find('"')?;
    Some(unescape(&head[at..at + len]))
}

/// Start tags `<name ...>` in `html`.
fn start_tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(&open).map(|i| i + from) {
        let after = html[at + open.len()..].chars().next();
        let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
        if matches!(after, Some(' ' | '>' | '\n' | '/')) {
            tags.push(&html[at..end]);
        }
        from = end;
    }
    tags
}

/// `<meta property|name="key" content="...">` content.
fn meta(html: &str, key: &str) -> Option<String> {
    start_tags(html, "meta").into_iter().find_map(|tag| {
        let k = attr(tag, "property").or_else(|| attr(tag, "name"))?;
        (k == key).then(|| attr(tag, "content")).flatten()
    })
}

fn link_href(html: &str, rel: &str) -> Vec<String> {
    start_tags(html, "link")
        .into_iter()
        .filter(|t| attr(t, "rel").as_deref() == Some(rel))
        .filter_map(|t| attr(t, "href"))
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

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

/// A card for figure `f` on `html` holding its display text, unit and label.
fn assert_card(html: &str, f: &Fig, on: &str) -> String {
    let cards = elements(html, &format!("data-figure=\"{}\"", f.id));
    assert!(
        !cards.is_empty(),
        "{on}: no stat card (data-figure=\"{}\") for figure {}",
        f.id,
        f.label
    );
    let texts: Vec<String> = cards.iter().map(|c| text(c)).collect();
    let card = texts
        .iter()
        .find(|t| t.contains(&f.label))
        .unwrap_or_else(|| {
            panic!(
                "{on}: no card for `{}` carries its label `{}`: {texts:?}",
                f.id, f.label
            )
        });
    assert!(
        card.contains(&f.unit),
        "{on}: card `{}` lacks its unit `{}`: {card}",
        f.id,
        f.unit
    );
    if let Some(display) = known_display(f) {
        assert!(
            card.contains(display),
            "{on}: card `{}` should show `{display}`: {card}",
            f.id
        );
        assert!(
            card.contains(&format!("{display}{}", f.unit)),
            "{on}: `{display}` and `{}` belong together: {card}",
            f.unit
        );
    }
    card.clone()
}

#[test]
fn every_page_has_a_stat_card_for_each_of_its_figures() {
    let out = site();
    let pages = source_pages();
    let mut checked_known = 0;
    for page in &pages {
        let html = page_html(out, page);
        for f in &page.figures {
            assert_card(&html, f, &page.source);
            checked_known += usize::from(known_display(f).is_some());
        }
        let cards = elements(&html, "data-figure=\"").len();
        assert!(
            cards >= page.figures.len(),
            "{}: {cards} cards for {} figures",
            page.source,
            page.figures.len()
        );
    }
    assert!(
        checked_known >= 8,
        "only {checked_known} figures matched the table of known displays: the check is too weak"
    );
}

#[test]
fn known_displays_are_the_chinese_forms() {
    // The table itself: a wrong entry here would make the card checks meaningless.
    let shown = |v: f64, q: &str, w: &str| {
        let f = Fig {
            id: "x".into(),
            label: String::new(),
            value: v,
            unit: String::new(),
            qualifier: q.into(),
            wording: w.into(),
            numerals: String::new(),
            group: None,
            key: false,
        };
        known_display(&f)
    };
    assert_eq!(shown(15000.0, "more_than", ""), Some("1.5万余"));
    assert_eq!(shown(250000000.0, "over", "超过"), Some("超过2.5亿"));
    assert_eq!(shown(15000.0, "nearly", ""), Some("近1.5万"));
    assert_eq!(shown(10000.0, "over", ""), Some("超万"));
}

#[test]
fn home_shows_the_key_figures_and_a_card_per_theme_page() {
    let out = site();
    let pages = source_pages();
    let home = pages.iter().find(|p| p.kind == "home").expect("home");
    let html = page_html(out, home);
    let mut keys = 0;
    for page in &pages {
        for f in page.figures.iter().filter(|f| f.key) {
            assert_card(&html, f, "home (key figure)");
            keys += 1;
            if page.kind != "home" {
                let linked = elements(&html, &format!("data-figure=\"{}\"", f.id))
                    .iter()
                    .any(|c| c.contains(&format!("href=\"{}\"", page.url)));
                assert!(
                    linked,
                    "home: the key figure `{}` should link to {}",
                    f.id, page.url
                );
            }
        }
    }
    assert!(keys > 0, "no key figures in the content");
    // The hero: the home page's first figure (or extra.hero), in a prominent block.
    if let Some(first) = home.figures.first() {
        let hero = elements(&html, "class=\"hero__stat\"");
        assert_eq!(hero.len(), 1, "home: one hero figure");
        let id = attr(hero[0], "data-figure").unwrap_or_default();
        assert!(
            home.figures.iter().any(|f| f.id == id),
            "home: the hero shows one of the home page's figures, not `{id}` (first is `{}`)",
            first.id
        );
    }
    // One card per top-level page, with its leading figure, linking on.
    let children: Vec<&SourcePage> = pages
        .iter()
        .filter(|p| p.parent.as_deref() == Some(""))
        .collect();
    let theme_cards = elements(&html, "class=\"theme-card\"");
    assert_eq!(
        theme_cards.len(),
        children.len(),
        "home: one theme card per top-level page"
    );
    for (child, card) in children.iter().zip(&theme_cards) {
        assert!(
            card.contains(&format!("href=\"{}\"", child.url)),
            "home: theme card for {} links to {}",
            child.source,
            child.url
        );
        assert!(
            text(card).contains(&child.title),
            "home: theme card shows the title {}",
            child.title
        );
        if let Some(lead) = child.figures.first() {
            let t = text(card);
            assert!(
                t.contains(&lead.label),
                "home: theme card {} shows its leading figure {}: {t}",
                child.source,
                lead.label
            );
            if let Some(display) = known_display(lead) {
                assert!(
                    t.contains(display),
                    "home: theme card {} shows `{display}`: {t}",
                    child.source
                );
            }
        }
    }
}

#[test]
fn every_group_of_two_or_more_has_a_chart_with_a_data_table() {
    let out = site();
    let mut charts_seen = 0;
    for page in source_pages() {
        let html = page_html(out, &page);
        let groups = chart_groups(&page.figures);
        let charts = elements(&html, "class=\"chart-card\"");
        assert_eq!(
            charts.len(),
            groups.len(),
            "{}: {} charts for {} groups of two or more",
            page.source,
            charts.len(),
            groups.len()
        );
        for (name, members) in &groups {
            let chart = charts
                .iter()
                .find(|c| {
                    elements(c, "<figcaption")
                        .iter()
                        .chain(elements(c, "class=\"chart-card__title\"").iter())
                        .any(|cap| text(cap) == *name)
                })
                .unwrap_or_else(|| panic!("{}: no chart titled `{name}`", page.source));
            assert!(
                chart.starts_with("<figure"),
                "{}: a chart is a <figure>",
                page.source
            );
            let svg = start_tags(chart, "svg");
            assert_eq!(
                svg.len(),
                1,
                "{}: chart `{name}` has one inline <svg>",
                page.source
            );
            assert_eq!(
                attr(svg[0], "role").as_deref(),
                Some("img"),
                "{}: chart `{name}` svg has role=img",
                page.source
            );
            assert!(
                attr(svg[0], "aria-label").is_some_and(|l| !l.is_empty())
                    || attr(svg[0], "aria-labelledby").is_some(),
                "{}: chart `{name}` svg is labelled",
                page.source
            );
            let tables = elements(chart, "<table");
            assert_eq!(
                tables.len(),
                1,
                "{}: chart `{name}` carries its data table",
                page.source
            );
            let rows = elements(tables[0], "<tr");
            for f in members {
                let row = rows.iter().map(|r| text(r)).find(|r| r.contains(&f.label));
                let row = row.unwrap_or_else(|| {
                    panic!(
                        "{}: chart `{name}` table lacks a row for {}",
                        page.source, f.label
                    )
                });
                assert!(
                    row.contains(&f.unit),
                    "{}: chart `{name}` row `{row}` lacks its unit",
                    page.source
                );
                if let Some(display) = known_display(f) {
                    assert!(
                        row.contains(display),
                        "{}: chart `{name}` row should show `{display}`: {row}",
                        page.source
                    );
                }
            }
            // Accessible, not display:none: inside <details> (or visually hidden), never `hidden`.
            assert!(
                !tables[0].contains(" hidden")
                    && !chart.contains("display:none")
                    && !chart.contains("display: none"),
                "{}: chart `{name}` table must stay accessible",
                page.source
            );
            charts_seen += 1;
        }
    }
    assert!(
        charts_seen > 0,
        "the content has no figure group of two or more: nothing was checked"
    );
}

#[test]
fn one_hashed_stylesheet_that_exists() {
    let out = site();
    let css_source =
        fs::read(util::repo_root().join("static/css/site.css")).expect("static/css/site.css");
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

#[test]
fn nothing_is_loaded_from_another_host_and_no_javascript_ships() {
    // Sources: templates and static files.
    for dir in ["templates", "static"] {
        for (rel, bytes) in util::tree(&util::repo_root().join(dir)) {
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            }; // images
            let bad = foreign_references(&text, true);
            assert!(
                bad.is_empty(),
                "{dir}/{rel} refers to another host: {bad:?}"
            );
            assert!(!text.contains("<script"), "{dir}/{rel}: no JavaScript");
            assert!(!text.contains("@font-face"), "{dir}/{rel}: no web fonts");
        }
    }
    // Output: every page, the stylesheet; the site's own absolute URLs only in canonical/alternate
    // links, which are not loaded.
    let out = site();
    for (rel, bytes) in util::tree(out) {
        if rel.ends_with(".js") || rel.ends_with(".mjs") {
            panic!("{rel}: the site ships no JavaScript");
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if rel.ends_with(".html") {
            assert!(!text.contains("<script"), "{rel}: no <script>");
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
        assert!(
            meta(&html, "og:title").is_some_and(|t| t.contains(&page.title)),
            "{on}: og:title"
        );
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

#[test]
fn stylesheet_covers_typography_dark_mode_and_print() {
    let css = fs::read_to_string(util::repo_root().join("static/css/site.css")).expect("site.css");
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
