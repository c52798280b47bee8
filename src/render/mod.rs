//! RENDER and EXTRAS: turn the assembled site into output files.
//!
//! A [`Renderer`] borrows the three things every page renders from: the [`Site`], the template
//! data all pages share (`Shared`, serialised once) and the loaded `Templates`. Its methods
//! are the chain's render stages, called by `build` (streaming), `check` (in memory) and `serve`
//! (only what an edit changed): [`Renderer::page`] for each page, [`Renderer::extras`] for the
//! site-wide files (`404.html`, `sitemap.xml`, `robots.txt`, `feed.xml`) and
//! [`Renderer::statics`] for the static files with their hashed copies. Template data is typed:
//! `PageContext`, `NotFoundContext` and `FeedContext` (module `context`) are what templates see.
//!
//! Modules: `context` (the typed template data and what every page shares), `blocks` (figure
//! cards, charts and tables placed in the text).

mod blocks;
mod context;

use crate::i18n::msg;
pub(crate) use context::Shared;
use context::{AllPages, FeedContext, NotFoundContext, NotFoundPage, PageContext, PageView};

use tera::Context;

use crate::chart;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::markdown::references::References;
use crate::markdown::{self, RenderedMarkdown};
use crate::output;
use crate::precompress;
use crate::site::{Page, PageKind, Site};
use crate::templates::Templates;
use crate::text::{encode_path, escape_xml};
use blocks::unknown_reference;
use context::Empty;

/// Root-relative URL of a page, percent-encoded, with the base path.
pub(crate) fn page_url(site: &Site, page: &Page) -> String {
    format!("{}{}", site.config.base_path, encode_path(&page.path))
}

/// Absolute URL of a page, when the site has a base URL.
pub(crate) fn permalink(site: &Site, page: &Page) -> Option<String> {
    let base = site.config.base_url.as_ref()?;
    Some(format!("{base}{}", encode_path(&page.path)))
}

/// The template a page renders with.
pub(crate) fn template_name(page: &Page) -> &str {
    match (&page.front.template, page.kind) {
        (Some(t), _) => t,
        (None, PageKind::Home) => "index.html",
        (None, PageKind::Section) => "section.html",
        (None, PageKind::Page) => "page.html",
    }
}

/// `skills/index.html` for the page at `skills/`.
pub fn output_path(page: &Page) -> String {
    format!("{}index.html", page.path)
}

/// One output file: its path relative to the output folder (with `/`) and its bytes.
pub type OutputFile = (String, Vec<u8>);

/// The render stages over one assembled site (see the module docs).
#[derive(Clone, Copy)]
pub struct Renderer<'a> {
    /// The assembled site.
    pub(crate) site: &'a Site,
    /// Template data every page shares.
    pub(crate) shared: &'a Shared,
    /// The loaded templates.
    pub(crate) templates: &'a Templates,
    /// The files Markdown can point at, beside the pages and in `static/`.
    pub(crate) local: &'a crate::local_files::LocalFiles,
}

impl Renderer<'_> {
    /// Page `index`'s Markdown as HTML, with its table of contents, links and images, and its
    /// figure references resolved; a reference that names no figure is an error at its place.
    pub fn markdown(&self, index: usize) -> Result<RenderedMarkdown> {
        let page = &self.site.pages[index];
        let body = page.body.text(&page.source_path)?;
        let references = References {
            index: self.shared.figures(),
            page_path: &page.path,
            prefix: self.site.prefix_of(page),
        };
        let dir = crate::local_files::folder_of(&page.source_path);
        let local = markdown::Local {
            files: self.local,
            dir: &dir,
        };
        let mut rendered = markdown::render_with(
            &body,
            &self.site.config.base_path,
            Some(references),
            Some(local),
        );
        if let Some(missing) = rendered.missing_images.first() {
            let kind = ErrorKind::MissingImage {
                src: missing.src.clone(),
                content: missing.content.clone(),
                fallback: missing.fallback.clone(),
            };
            let hint = msg!("hint-missing-image", content = &missing.content);
            return Err(blocks::located_in_body(page, &body, missing.offset, kind).hint(hint));
        }
        if let Some(unknown) = rendered.unknown_references.first() {
            return Err(unknown_reference(
                self.site,
                page,
                &body,
                self.shared.figures(),
                unknown,
            ));
        }
        for block in std::mem::take(&mut rendered.blocks) {
            let html = self.block(page, &body, &block)?;
            rendered.html = rendered.html.replacen(&block.marker, &html, 1);
        }
        Ok(rendered)
    }

    /// Page `index`'s Markdown warnings (`RenderedMarkdown::warnings`), located in its file.
    /// A body left in its file is read again only when there is a warning to place.
    pub fn warnings(&self, index: usize, markdown: &RenderedMarkdown) -> Result<Vec<Error>> {
        if markdown.warnings.is_empty() {
            return Ok(Vec::new());
        }
        let page = &self.site.pages[index];
        let body = page.body.text(&page.source_path)?;
        let warnings = markdown.warnings.iter().map(|w| {
            blocks::located_in_body(page, &body, w.offset, ErrorKind::Markdown(w.kind))
                .hint(w.kind.hint())
        });
        Ok(warnings.collect())
    }

    /// Renders page `index` from its rendered Markdown: its output path and bytes.
    pub fn page(&self, index: usize, markdown: &RenderedMarkdown) -> Result<OutputFile> {
        let (site, shared) = (self.site, self.shared);
        let page = &site.pages[index];
        let (prev, next) = shared.neighbours(site, index);
        let children = match page.kind {
            PageKind::Page => Vec::new(),
            _ => shared
                .children_of(&page.path)
                .iter()
                .map(|&i| shared.summary(site, i))
                .collect(),
        };
        let data = PageContext {
            page: PageView {
                summary: shared.summary(site, index),
                source_path: crate::source::slash_path(&page.source_path),
                content: &markdown.html,
                toc: &markdown.toc,
                charts: chart::charts(&page.front.figures),
                figure: &page.front.figures,
            },
            prev: prev.map(|i| shared.summary(site, i)),
            next: next.map(|i| shared.summary(site, i)),
            children,
            pages: (page.kind == PageKind::Home && self.templates.reads_pages(template_name(page)))
                .then_some(AllPages(site, page.lang)),
        };
        let name = template_name(page);
        if page.front.template.is_some() && !self.has_template(name) {
            let at = Location::at(&page.source_path, page.front.template_line, 1);
            return Err(missing_template(name, at));
        }
        let context = shared.context(page.lang, &data)?;
        let bytes = self.render(name, &context, &page.source_path)?;
        Ok((output_path(page), bytes))
    }

    /// The site-wide files: `404.html`, the optional `feed.xml`, the figures' data files
    /// (module `downloads`), `sitemap.xml`, `robots.txt`, each given to `emit` as soon as it
    /// is made (`build` writes it and lets it go).
    /// A new site-wide output file is added here, and nowhere else.
    pub fn each_extra(&self, mut emit: impl FnMut(OutputFile) -> Result<()>) -> Result<()> {
        let site = self.site;
        emit(("404.html".to_owned(), self.not_found()?))?;
        // A feed, a sitemap and robots.txt's `Sitemap:` need absolute addresses: only with a
        // base URL.
        let base_url = site.config.base_url.as_deref();
        if base_url.is_some() && self.has_template("feed.xml") {
            // One feed per language, at its home: `feed.xml`, `en/feed.xml`.
            for (lang, language) in site.languages.iter().enumerate() {
                let updated = site
                    .pages
                    .iter()
                    .filter(|p| p.lang == lang)
                    .filter_map(|p| p.front.date.as_deref())
                    .max();
                let updated = updated.or_else(|| {
                    let source = language.config.source.as_ref()?;
                    source.date.as_deref()
                });
                let pages = AllPages(site, lang);
                let context = self.shared.context(lang, &FeedContext { pages, updated })?;
                let path = crate::source::Origin::Templates.path("feed.xml");
                let name = format!("{}feed.xml", language.prefix);
                emit((name, self.render("feed.xml", &context, &path)?))?;
            }
        }
        if site.config.downloads {
            crate::downloads::figure_files(site, &mut emit)?;
        }
        let robots = match base_url {
            Some(base_url) => {
                emit(("sitemap.xml".into(), sitemap(site, base_url).into_bytes()))?;
                format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n")
            }
            None => "User-agent: *\nAllow: /\n".to_owned(),
        };
        emit(("robots.txt".into(), robots.into_bytes()))
    }

    /// [`Renderer::each_extra`], collected.
    pub fn extras(&self) -> Result<Vec<OutputFile>> {
        let mut files = Vec::new();
        self.each_extra(|file| {
            files.push(file);
            Ok(())
        })?;
        Ok(files)
    }

    /// The static files, each preceded by its content-hashed copy. `is_generated` tells which
    /// paths the build wrote: a static file at one of them is an error, and so is one at the
    /// name of a `.gz` or `.br` copy the build writes when the site sets `precompress`.
    pub fn statics<'s, T: Clone>(
        &self,
        statics: impl IntoIterator<Item = (&'s str, T)>,
        is_generated: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, T)>> {
        let statics: Vec<(&str, T)> = statics.into_iter().collect();
        if self.site.config.precompress {
            let hashed = &self.templates.assets.hashed;
            let is_output = |path: &str| {
                is_generated(path)
                    || statics.iter().any(|(p, _)| *p == path)
                    || hashed.values().any(|name| name == path)
            };
            for (path, _) in &statics {
                precompress::check_static(path, is_output)?;
            }
        }
        let page_writing = |path: &str| {
            self.site
                .pages
                .iter()
                .find(|page| output_path(page) == path)
                .map(|page| page.source_path.clone())
        };
        output::static_files(
            statics,
            &self.templates.assets.hashed,
            is_generated,
            page_writing,
        )
    }

    fn not_found(&self) -> Result<Vec<u8>> {
        let config = &self.site.config;
        let page = NotFoundPage {
            title: "404",
            kind: "not_found",
            description: &config.description,
            url: format!("{}404.html", config.base_path),
            permalink: config
                .base_url
                .as_ref()
                .map(|base| format!("{base}404.html")),
            path: "404.html",
            content: "",
            toc: [],
            figures: [],
            charts: [],
            figure: Empty {},
            extra: Empty {},
            lang: &config.language,
            translations: [],
        };
        let data = NotFoundContext {
            page,
            children: [],
            prev: None,
            next: None,
            pages: self
                .templates
                .reads_pages("404.html")
                .then_some(AllPages(self.site, 0)),
        };
        let context = self.shared.context(0, &data)?;
        let path = crate::source::Origin::Templates.path("404.html");
        self.render("404.html", &context, &path)
    }

    fn has_template(&self, name: &str) -> bool {
        self.templates.tera.get_template_names().any(|n| n == name)
    }

    fn render(&self, name: &str, context: &Context, source: &std::path::Path) -> Result<Vec<u8>> {
        if !self.has_template(name) {
            return Err(missing_template(name, Location::file(source)));
        }
        self.templates
            .tera
            .render(name, context)
            .map(String::into_bytes)
            .map_err(|e| {
                let err = crate::templates::render_error(&e, &self.templates.sources, source);
                self.templates.label(err)
            })
    }
}

/// The error for template `name`, which does not exist, asked for at `at`.
fn missing_template(name: &str, at: Location) -> Error {
    Error::new(ErrorKind::MissingTemplate {
        name: name.to_owned(),
    })
    .at(at)
    .hint(msg!("hint-missing-template", name = name))
}

fn sitemap(site: &Site, base_url: &str) -> String {
    // The xhtml namespace holds the language alternates, written when there are languages.
    let alternates = if site.languages.len() > 1 {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    } else {
        ""
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{alternates}>\n",
    );
    for page in &site.pages {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_xml(&format!("{base_url}{}", encode_path(&page.path)))
        ));
        if !page.translations.is_empty() {
            // Every version names every version, itself included, as search engines ask.
            let mut versions: Vec<&Page> = page
                .translations
                .iter()
                .filter_map(|&i| site.pages.get(i))
                .collect();
            versions.push(page);
            versions.sort_by_key(|p| p.lang);
            for version in versions {
                let tag = site.language_of(version);
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_xml(tag),
                    escape_xml(&format!("{base_url}{}", encode_path(&version.path)))
                ));
            }
        }
        if let Some(date) = &page.front.date {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape_xml(date)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
