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
    /// The page's language: an index into [`Site::languages`] (0, the default, for originals).
    pub lang: usize,
    /// The original's source path: the same for a page and all its translations.
    pub original: std::path::PathBuf,
    /// The indexes of the same page in the site's other languages, in language order.
    pub translations: Vec<usize>,
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
    /// The languages the settings list (`languages:`), the default first; empty when the site
    /// has one.
    #[serde(skip)]
    pub listed_languages: Vec<String>,
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
    /// Every language of the site, the default first (for a language switch).
    pub languages: Vec<LanguageLink>,
    /// The root-relative URL of this language's home page (`/reform/`, `/reform/en/`).
    pub home_url: String,
    /// Its absolute URL, when the site has a base URL.
    pub home_permalink: Option<String>,
}

/// A language of the site as templates see it (`site.languages`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LanguageLink {
    /// The language tag, e.g. `zh-CN`, `en`.
    pub language: String,
    /// The language's own name, e.g. `中文`, `English`.
    pub name: String,
    /// The URL of its home page.
    pub url: String,
}

/// A language the site is published in.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// The tag as the settings write it (`zh-CN`, `en`).
    pub tag: String,
    /// The code of its translations' file names and its URL prefix (`en`); the default
    /// language's is its tag lowercased, but its pages have no prefix.
    pub code: String,
    /// Its pages' URL prefix: `""` for the default language, `en/` for the others.
    pub prefix: String,
    /// The site settings in this language (`site` in its pages' templates).
    pub config: SiteConfig,
}

/// The whole site: settings and ordered pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Resolved settings.
    pub config: SiteConfig,
    /// The default language's pages, home first, then by weight and source path; then each
    /// other language's in the same order.
    pub pages: Vec<Page>,
    /// The site's languages, the default first; `languages[0].config` is `config`.
    pub languages: Vec<Language>,
    /// The CSV tables of `data/`, in path order, for blocks in the text.
    pub data: Vec<crate::data::DataTable>,
    /// The figures of draft pages left out of this build: (page path, figure id, source
    /// file), so that a reference to one says why it finds nothing.
    pub(crate) draft_figures: Vec<(String, String, std::path::PathBuf)>,
}

impl Site {
    /// The URL prefix of a page's language: `""` for the default language, `en/` for English.
    pub(crate) fn prefix_of(&self, page: &Page) -> &str {
        self.languages
            .get(page.lang)
            .map_or("", |l| l.prefix.as_str())
    }

    /// The language tag of a page: `zh-CN`, `en`.
    pub(crate) fn language_of(&self, page: &Page) -> &str {
        self.languages
            .get(page.lang)
            .map_or(self.config.language.as_str(), |l| l.tag.as_str())
    }
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
    let mut translations = Vec::new();
    let mut left_out = std::collections::HashSet::new();
    for page in parsed {
        if page.translation.is_some() {
            translations.push(page);
            continue;
        }
        if page.front.draft && !drafts {
            left_out.insert(page.source_path.clone());
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
                return Err(site_settings_elsewhere(&page.source_path));
            }
            settings = Some(site.as_ref().clone());
        }
        pages.push(Page {
            original: page.source_path.clone(),
            source_path: page.source_path,
            kind,
            path,
            parent,
            front: page.front,
            body: page.body,
            body_line: page.body_line,
            lang: 0,
            translations: Vec::new(),
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
    let home_path = home.source_path.clone();
    let config = resolve_config(settings, base_url, &home_path)?;
    let mut languages = languages(&config, &home_path)?;
    let translated = translate(&pages, translations, &mut languages, drafts, &left_out)?;
    pages.extend(translated);
    let links: Vec<LanguageLink> = languages
        .iter()
        .map(|l| LanguageLink {
            language: l.tag.clone(),
            name: language_name(&l.tag),
            url: format!(
                "{}{}",
                config.base_path,
                crate::text::encode_path(&l.prefix)
            ),
        })
        .collect();
    for language in &mut languages {
        let prefix = crate::text::encode_path(&language.prefix);
        let config = &mut language.config;
        config.languages = links.clone();
        config.home_url = format!("{}{prefix}", config.base_path);
        config.home_permalink = config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{prefix}"));
    }
    let config = languages[0].config.clone();
    check_collisions(&pages)?;
    assign_parents(&mut pages);
    pages.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    if languages.len() > 1 {
        link_translations(&mut pages);
    }
    Ok(Site {
        config,
        pages,
        languages,
        data: tables,
        draft_figures,
    })
}

fn order_key(page: &Page) -> (usize, bool, i64, &Path) {
    (
        page.lang,
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

/// Each page's parent is the nearest ancestor folder that has an `_index.md`, else its
/// language's home.
fn assign_parents(pages: &mut [Page]) {
    let sections: std::collections::HashSet<String> = pages
        .iter()
        .filter(|p| p.kind != PageKind::Page && !p.path.is_empty())
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
        listed_languages: settings.languages,
        search: settings.search,
        downloads: settings.downloads,
        precompress: settings.precompress,
        source: settings.source,
        check: settings.check,
        extra: settings.extra,
        strings,
        languages: Vec::new(),
        home_url: String::new(),
        home_permalink: None,
    })
}

/// The site's languages from its settings: `language` alone, or `languages` with
/// `language` first.
fn languages(config: &SiteConfig, home: &Path) -> Result<Vec<Language>> {
    let listed = &config.listed_languages;
    if let Some(first) = listed.first()
        && !first.eq_ignore_ascii_case(&config.language)
    {
        return Err(Error::new(ErrorKind::DefaultLanguageNotFirst {
            language: config.language.clone(),
            first: first.clone(),
        })
        .at(Location::file(home))
        .hint(msg!("hint-default-language-first")));
    }
    let mut languages = vec![Language {
        tag: config.language.clone(),
        code: config.language.to_ascii_lowercase(),
        prefix: String::new(),
        config: config.clone(),
    }];
    for tag in listed.iter().skip(1) {
        let code = tag.to_ascii_lowercase();
        let mut config = config.clone();
        config.language = tag.clone();
        config.strings = crate::theme::strings_for(tag, &Default::default());
        languages.push(Language {
            prefix: format!("{code}/"),
            code,
            tag: tag.clone(),
            config,
        });
    }
    Ok(languages)
}

/// The translated pages, each made from its original and its words (see
/// [`crate::translation`]); the home page's translation gives its language's site words.
fn translate(
    originals: &[Page],
    translations: Vec<ParsedPage>,
    languages: &mut [Language],
    drafts: bool,
    left_out: &std::collections::HashSet<std::path::PathBuf>,
) -> Result<Vec<Page>> {
    let mut pages = Vec::with_capacity(translations.len());
    for page in translations {
        let Some(words) = &page.translation else {
            continue;
        };
        let Some(lang) = languages
            .iter()
            .skip(1)
            .position(|l| l.code == words.code)
            .map(|i| i + 1)
        else {
            let listed: Vec<&str> = languages.iter().map(|l| l.tag.as_str()).collect();
            return Err(Error::new(ErrorKind::UnknownLanguage {
                code: words.code.clone(),
                languages: listed.join(", "),
            })
            .at(Location::file(&page.source_path))
            .hint(msg!("hint-unknown-language", code = &words.code)));
        };
        if (page.front.draft && !drafts) || left_out.contains(&words.original) {
            continue;
        }
        let Some(original) = originals.iter().find(|p| p.source_path == words.original) else {
            return Err(Error::new(ErrorKind::OrphanTranslation {
                original: words.original.display().to_string(),
            })
            .at(Location::file(&page.source_path))
            .hint(msg!("hint-orphan-translation")));
        };
        let language = &mut languages[lang];
        let front = crate::translation::merge(
            &original.front,
            &original.source_path,
            &page.front,
            words,
            &page.source_path,
            &language.tag,
        )?;
        if let Some(site) = &words.site {
            if original.kind != PageKind::Home {
                return Err(site_settings_elsewhere(&page.source_path));
            }
            let config = &mut language.config;
            config.title = site.title.clone().unwrap_or_else(|| config.title.clone());
            if let Some(description) = &site.description {
                config.description = description.clone();
            }
            if let Some(source) = &site.source {
                config.source = Some(source.clone());
            }
            config.strings = crate::theme::strings_for(&language.tag, &site.strings);
        }
        pages.push(Page {
            source_path: page.source_path,
            kind: original.kind,
            path: format!("{}{}", language.prefix, original.path),
            parent: None,
            front,
            body: page.body,
            body_line: page.body_line,
            lang,
            original: original.source_path.clone(),
            translations: Vec::new(),
        });
    }
    Ok(pages)
}

/// The error for `site:` settings on a page other than the home page (or its translation).
fn site_settings_elsewhere(path: &Path) -> Error {
    Error::new(ErrorKind::SiteSettingsElsewhere)
        .at(Location::file(path))
        .hint(msg!("hint-site-settings-elsewhere"))
}

/// Gives each page the indexes of its versions in the other languages.
fn link_translations(pages: &mut [Page]) {
    let mut versions: HashMap<std::path::PathBuf, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        versions.entry(page.original.clone()).or_default().push(i);
    }
    for indexes in versions.values().filter(|v| v.len() > 1) {
        for &i in indexes {
            pages[i].translations = indexes.iter().copied().filter(|&j| j != i).collect();
        }
    }
}

/// A language's own name, for a language switch: `中文`, `English`; the tag for others.
fn language_name(tag: &str) -> String {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    let name = match primary.as_str() {
        "zh" => "中文",
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "pt" => "Português",
        "ru" => "Русский",
        "ja" => "日本語",
        "ko" => "한국어",
        "ar" => "العربية",
        _ => tag,
    };
    name.to_owned()
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
