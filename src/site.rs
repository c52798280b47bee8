//! Assemble: place parsed pages in the site.
//!
//! Input: [`ParsedPage`]s and the build options. Output: a [`Site`] — the resolved settings and
//! the pages in order (home first, then by weight and path), each with its URL path, kind and
//! parent section. This is where URL collisions are found and drafts are left out.

use crate::i18n::msg;
use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::front_matter::{
    Body, CheckSettings, FrontMatter, ParsedPage, SiteSettings, SourceAttribution,
};

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// `content/_index.md`.
    Home,
    /// `content/<dir>/_index.md`: a list page.
    Section,
    /// Any other `.md` file.
    Page,
}

/// A page placed in the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Source file relative to the site root.
    pub source_path: std::path::PathBuf,
    /// Home, section or page.
    pub kind: PageKind,
    /// URL path below the base, `""` for home, `skills/`, `a/b/`; not percent-encoded.
    pub path: String,
    /// Path of the section that lists this page (`""` is home); `None` for home itself.
    pub parent: Option<String>,
    /// The validated front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: Body,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// Site settings, resolved.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteConfig {
    /// The site's title.
    pub title: String,
    /// The site's description.
    pub description: String,
    /// Absolute base URL, ending in `/`, when the site has one (`base_url` in its settings or
    /// `--base-url`); without it links are root-relative and no sitemap, feed, canonical or
    /// `og:url` link is written.
    pub base_url: Option<String>,
    /// The path part of the base URL, starting and ending with `/`.
    #[serde(skip)]
    pub base_path: String,
    /// Content language.
    pub language: String,
    /// Whether the build writes a search index (`pagefind/`).
    pub search: bool,
    /// Whether the build writes the figures as data files (`figures.csv`, `figures.json`).
    pub downloads: bool,
    /// Whether `build` writes the `.gz` and `.br` copies of text files (templates do not see
    /// it: no page changes with it).
    #[serde(skip)]
    pub precompress: bool,
    /// Source attribution.
    pub source: Option<SourceAttribution>,
    /// What `gongjiang check` looks for (not shown to templates).
    #[serde(skip)]
    pub check: CheckSettings,
    /// Free map for templates.
    pub extra: serde_json::Value,
    /// The theme's words in the site's language, with the site's own `strings:`.
    pub strings: std::collections::BTreeMap<&'static str, String>,
}

/// The whole site: settings and ordered pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Resolved settings.
    pub config: SiteConfig,
    /// Home first, then by weight and source path.
    pub pages: Vec<Page>,
    /// The CSV tables of `data/`, in path order, for blocks in the text.
    pub data: Vec<crate::data::DataTable>,
    /// The figures of draft pages left out of this build: (page path, figure id, source
    /// file), so that a reference to one says why it finds nothing.
    pub(crate) draft_figures: Vec<(String, String, std::path::PathBuf)>,
}

/// Places the pages, with the figures and tables of `data/`; `base_url` overrides the site's
/// own; drafts are kept only if asked.
pub(crate) fn assemble(
    parsed: Vec<ParsedPage>,
    data: &[crate::source::SourceFile],
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Site> {
    let parsed = crate::data::attach_figures(parsed, data)?;
    let tables = crate::data::tables(data)?;
    let mut settings = None;
    let mut pages = Vec::with_capacity(parsed.len());
    let mut draft_figures = Vec::new();
    for page in parsed {
        if page.front.draft && !drafts {
            // Left out as before; its figures are remembered only to explain a reference.
            if let Ok((_, path, _)) = place(&page) {
                let ids = page.front.figures.iter().map(|f| f.id.clone());
                draft_figures.extend(ids.map(|id| (path.clone(), id, page.source_path.clone())));
            }
            continue;
        }
        let (kind, path, parent) = place(&page)?;
        if let Some(site) = &page.front.site {
            if kind != PageKind::Home {
                return Err(Error::new(ErrorKind::SiteSettingsElsewhere)
                    .at(Location::file(&page.source_path))
                    .hint(msg!("hint-site-settings-elsewhere")));
            }
            settings = Some(site.clone());
        }
        pages.push(Page {
            source_path: page.source_path,
            kind,
            path,
            parent,
            front: page.front,
            body: page.body,
            body_line: page.body_line,
        });
    }
    let home = pages
        .iter()
        .find(|p| p.kind == PageKind::Home)
        .ok_or_else(|| {
            Error::new(ErrorKind::NoHomePage)
                .at(Location::file("content/_index.md"))
                .hint(msg!("hint-no-home-page"))
        })?;
    let settings = settings.ok_or_else(|| {
        Error::new(ErrorKind::NoSiteSettings)
            .at(Location::at(&home.source_path, 1, 1))
            .hint(msg!("hint-no-site-settings"))
    })?;
    let config = resolve_config(settings, base_url, &home.source_path)?;
    check_collisions(&pages)?;
    assign_parents(&mut pages);
    pages.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    Ok(Site {
        config,
        pages,
        data: tables,
        draft_figures,
    })
}

fn order_key(page: &Page) -> (bool, i64, &Path) {
    (
        page.kind != PageKind::Home,
        page.front.weight.unwrap_or(i64::MAX),
        &page.source_path,
    )
}

/// Kind, URL path and (provisional) parent of a page from its source path and slug.
fn place(page: &ParsedPage) -> Result<(PageKind, String, Option<String>)> {
    let rel = page
        .source_path
        .strip_prefix("content")
        .unwrap_or(&page.source_path);
    let mut segments: Vec<String> = rel
        .iter()
        .map(|s| url_segment(&s.to_string_lossy()))
        .collect();
    let file = segments.pop().unwrap_or_default();
    let is_index = file == "_index.md";
    if is_index && page.front.slug.is_some() {
        return Err(Error::new(ErrorKind::SlugOnIndex)
            .at(Location::file(&page.source_path))
            .hint(msg!("hint-slug-on-index")));
    }
    if !is_index {
        let stem = file.strip_suffix(".md").unwrap_or(&file).to_owned();
        segments.push(page.front.slug.clone().unwrap_or(stem));
    }
    let path: String = segments.iter().map(|s| format!("{s}/")).collect();
    let kind = match (is_index, path.is_empty()) {
        (true, true) => PageKind::Home,
        (true, false) => PageKind::Section,
        (false, _) => PageKind::Page,
    };
    Ok((kind, path, None))
}

/// A file or folder name as a URL segment: runs of whitespace become `-`.
/// A name as one URL segment (spaces become `-`).
pub(crate) fn url_segment(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("-")
}

fn check_collisions(pages: &[Page]) -> Result<()> {
    let mut seen: HashMap<String, &Page> = HashMap::new();
    for page in pages {
        let folded = page.path.to_lowercase();
        if let Some(other) = seen.insert(folded, page) {
            return Err(Error::new(ErrorKind::UrlCollision {
                url: format!("/{}", page.path),
                other: other.source_path.display().to_string(),
            })
            .at(Location::file(&page.source_path))
            .hint(msg!("hint-url-collision")));
        }
    }
    Ok(())
}

/// Each page's parent is the nearest ancestor folder that has an `_index.md`, else home.
fn assign_parents(pages: &mut [Page]) {
    let sections: std::collections::HashSet<String> = pages
        .iter()
        .filter(|p| p.kind == PageKind::Section)
        .map(|p| p.path.clone())
        .collect();
    for page in pages.iter_mut().filter(|p| p.kind != PageKind::Home) {
        let mut ancestor = page.path.trim_end_matches('/').to_owned();
        page.parent = Some(loop {
            match ancestor.rfind('/') {
                Some(i) => {
                    ancestor.truncate(i);
                    let candidate = format!("{ancestor}/");
                    if sections.contains(&candidate) {
                        break candidate;
                    }
                }
                None => break String::new(),
            }
        });
    }
}

fn resolve_config(
    settings: SiteSettings,
    base_url: Option<&str>,
    home: &Path,
) -> Result<SiteConfig> {
    let base = match (base_url, &settings.base_url) {
        // Given on the command line: an error is the command line's, not the home page's.
        (Some(url), _) => Some(normalize_base_url(url).map_err(|why| {
            Error::new(ErrorKind::BadBaseUrlOption {
                url: url.to_owned(),
                why,
            })
            .hint(msg!("hint-bad-base-url-option"))
        })?),
        (None, Some(url)) => Some(normalize_base_url(url).map_err(|why| {
            Error::new(ErrorKind::BadBaseUrl {
                url: url.clone(),
                why,
            })
            .at(Location::file(home))
            .hint(msg!("hint-bad-base-url"))
        })?),
        (None, None) => None,
    };
    let (base_url, base_path) = match base {
        Some((url, path)) => (Some(url), path),
        None => (None, "/".to_owned()),
    };
    let strings = crate::theme::strings_for(&settings.language, &settings.strings);
    Ok(SiteConfig {
        title: settings.title,
        description: settings.description,
        base_url,
        base_path,
        language: settings.language,
        search: settings.search,
        downloads: settings.downloads,
        precompress: settings.precompress,
        source: settings.source,
        check: settings.check,
        extra: settings.extra,
        strings,
    })
}

/// Checks an absolute http(s) URL and returns it ending in `/`, with its path part.
pub(crate) fn normalize_base_url(
    url: &str,
) -> std::result::Result<(String, String), crate::i18n::Message> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| msg!("why-url-scheme"))?;
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '?' | '#')
    }) {
        return Err(msg!("why-url-character"));
    }
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    if host.is_empty() {
        return Err(msg!("why-url-no-host"));
    }
    let path = path.trim_end_matches('/');
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err(msg!("why-url-dots"));
    }
    let base_path = if path.is_empty() {
        "/".to_owned()
    } else {
        format!("/{path}/")
    };
    let scheme = if url.starts_with("https://") {
        "https://"
    } else {
        "http://"
    };
    Ok((format!("{scheme}{host}{base_path}"), base_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            normalize_base_url("https://a.org").expect("ok"),
            ("https://a.org/".into(), "/".into())
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080/reform").expect("ok"),
            ("http://127.0.0.1:8080/reform/".into(), "/reform/".into())
        );
        assert!(normalize_base_url("ftp://a").is_err());
        assert!(normalize_base_url("https://a/../b").is_err());
    }

    #[test]
    fn segments() {
        assert_eq!(url_segment("my  page.md"), "my-page.md");
    }
}
