//! RENDER and EXTRAS: turn the assembled site into output files.
//!
//! A [`Renderer`] borrows the three things every page renders from: the [`Site`], the template
//! data all pages share ([`Shared`], serialised once) and the loaded [`Templates`]. Its methods
//! are the chain's render stages, called by `build` (streaming), `check` (in memory) and `serve`
//! (only what an edit changed): [`Renderer::page`] for each page, [`Renderer::extras`] for the
//! site-wide files (`404.html`, `sitemap.xml`, `robots.txt`, `feed.xml`) and
//! [`Renderer::statics`] for the static files with their hashed copies. Template data is typed:
//! [`PageContext`], [`NotFoundContext`] and [`FeedContext`] are what templates see.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Serialize, Serializer};
use serde_json::Value;
use tera::Context;

use crate::chart::{self, Chart};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::front_matter::Figure;
use crate::markdown::references::{
    Block, BlockKind, FigureIndex, References, Target, UnknownReference,
};
use crate::markdown::{self, RenderedMarkdown, TocEntry};
use crate::output;
use crate::site::{Page, PageKind, Site};
use crate::templates::Templates;
use crate::text::{encode_path, escape_xml};

/// A page as lists, menus and neighbour links see it (`prev`, `next`, `children`, `pages`,
/// `menu`, and the first fields of `page`).
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    title: &'a str,
    description: Option<&'a str>,
    kind: PageKind,
    url: String,
    permalink: String,
    path: &'a str,
    weight: Option<i64>,
    date: Option<&'a str>,
    extra: &'a Value,
    figures: &'a [Figure],
}

/// What a page's template sees: `page`, its neighbours, its children, and on the home page
/// every page. `site`, `menu` and `key_figures` come from [`Shared`].
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// The page itself.
    pub page: PageView<'a>,
    /// The previous sibling's summary.
    pub prev: Option<&'a Value>,
    /// The next sibling's summary.
    pub next: Option<&'a Value>,
    /// The summaries of the pages whose parent this is (empty for a plain page).
    pub children: Vec<&'a Value>,
    /// Every page's summary, on the home page only (copying it into each page's context would
    /// make a build quadratic in the number of pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<&'a [Value]>,
}

/// `page` as templates see it: the page's [`Summary`] (serialised once per build) and what only
/// the page itself needs.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// The page's summary: title, description, kind, url, permalink, path, weight, date,
    /// extra, figures.
    #[serde(flatten)]
    pub summary: &'a Value,
    /// The Markdown file, e.g. `content/skills.md`.
    pub source_path: String,
    /// The body as HTML.
    pub content: &'a str,
    /// The headings, for a table of contents.
    pub toc: &'a [TocEntry],
    /// One chart per figure group.
    pub charts: Vec<Chart>,
    /// The figures by id, in page order.
    #[serde(serialize_with = "figures_by_id")]
    pub figure: (&'a [Figure], &'a Value),
}

/// `page.figure`: id -> the figure as in `page.figures`, in page order.
fn figures_by_id<S: Serializer>(
    (figures, summary): &(&[Figure], &Value),
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    let serialised = summary.get("figures").and_then(Value::as_array);
    serializer.collect_map(
        figures
            .iter()
            .zip(serialised.into_iter().flatten())
            .map(|(f, v)| (f.id.as_str(), v)),
    )
}

/// What `404.html` sees: a `page` with the fields of a [`PageView`], empty where a 404 has
/// nothing, and every page's summary.
#[derive(Debug, Serialize)]
pub struct NotFoundContext<'a> {
    /// The 404 page.
    pub page: NotFoundPage<'a>,
    /// Always empty.
    pub children: [(); 0],
    /// Always `null`.
    pub prev: Option<()>,
    /// Always `null`.
    pub next: Option<()>,
    /// Every page's summary.
    pub pages: &'a [Value],
}

/// `page` on the 404 page.
#[derive(Debug, Serialize)]
pub struct NotFoundPage<'a> {
    title: &'static str,
    kind: &'static str,
    description: &'a str,
    url: String,
    permalink: String,
    path: &'static str,
    content: &'static str,
    toc: [(); 0],
    figures: [(); 0],
    charts: [(); 0],
    figure: Empty,
    extra: Empty,
}

/// What a block's template sees besides `site`, `menu` and `key_figures`: `in_text` (true) and
/// one of `figure` (with `card_page` when it is another page's), `chart` or `figures`.
#[derive(Debug, Default, Serialize)]
struct BlockContext<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<&'a Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    card_page: Option<KeyFigurePage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chart: Option<&'a Chart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<&'a [Figure]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<&'a crate::data::DataTable>,
    in_text: bool,
}

/// A card template writes one `<li>`; in the text it needs its list.
fn wrap_card(html: &str) -> String {
    if html.trim_start().starts_with("<li") {
        format!("<ul class=\"stats stats--in-text\">{}</ul>", html.trim())
    } else {
        html.to_owned()
    }
}

/// A data table as HTML: its header, then its rows.
fn plain_data_table(table: &crate::data::DataTable) -> String {
    let cells = |row: &[String], tag: &str| -> String {
        row.iter()
            .map(|c| format!("<{tag}>{}</{tag}>", escape_xml(c)))
            .collect()
    };
    let rows: String = table
        .rows
        .iter()
        .map(|row| format!("<tr>{}</tr>", cells(&row.cells, "td")))
        .collect();
    format!(
        "<table class=\"data-table\"><thead><tr>{}</tr></thead><tbody>{rows}</tbody></table>",
        cells(&table.columns, "th")
    )
}

/// Figures as a two-column table: label, display text.
fn plain_table(figures: &[&Figure]) -> String {
    let rows: String = figures
        .iter()
        .map(|f| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                escape_xml(&f.label),
                escape_xml(&f.text)
            )
        })
        .collect();
    format!("<table class=\"figure-table\"><tbody>{rows}</tbody></table>")
}

/// An empty map (`{}`).
#[derive(Debug, Serialize)]
struct Empty {}

/// What `feed.xml` sees: every page's summary and the newest date.
#[derive(Debug, Serialize)]
pub struct FeedContext<'a> {
    /// Every page's summary.
    pub pages: &'a [Value],
    /// The newest page date, or the source's date.
    pub updated: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct KeyFigure<'a> {
    figure: &'a Figure,
    page: KeyFigurePage<'a>,
}

#[derive(Debug, Serialize)]
struct KeyFigurePage<'a> {
    title: &'a str,
    url: String,
}

/// What every page's context shares: `site`, `menu` and `key_figures`.
#[derive(Debug, Serialize)]
struct Common<'a> {
    site: &'a crate::site::SiteConfig,
    menu: Vec<&'a Value>,
    key_figures: Vec<KeyFigure<'a>>,
}

/// Data shared by every page of one build, serialised once.
pub struct Shared {
    /// `site`, `menu` and `key_figures` ([`Common`]), serialised once: cloning a context is much
    /// cheaper than serialising into one.
    base: Context,
    /// Each page's summary, index-aligned with `site.pages`.
    summaries: Vec<Value>,
    /// Parent path -> indexes of its pages, in site order.
    children: HashMap<String, Vec<usize>>,
    /// Every figure a reference in the text can name.
    figures: FigureIndex,
}

impl Shared {
    /// Precomputes what every page's context shares.
    pub fn new(site: &Site) -> Result<Shared> {
        let summaries = site
            .pages
            .par_iter()
            .map(|p| to_value(&summary(site, p)))
            .collect();
        let summaries = crate::error::in_order(summaries)?;
        let menu = site
            .pages
            .iter()
            .zip(&summaries)
            .filter(|(p, _)| p.parent.as_deref() == Some(""))
            .map(|(_, s)| s)
            .collect();
        let key_figures = site
            .pages
            .iter()
            .flat_map(|p| {
                p.front
                    .figures
                    .iter()
                    .filter(|f| f.key)
                    .map(move |figure| KeyFigure {
                        figure,
                        page: KeyFigurePage {
                            title: &p.front.title,
                            url: page_url(site, p),
                        },
                    })
            })
            .collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, page) in site.pages.iter().enumerate() {
            if let Some(parent) = &page.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        let common = Common {
            site: &site.config,
            menu,
            key_figures,
        };
        let base = Context::from_serialize(&common).map_err(template_data_error)?;
        Ok(Shared {
            base,
            children,
            summaries,
            figures: figure_index(site),
        })
    }

    /// A context holding what every page shares and `data`.
    fn context(&self, data: &impl Serialize) -> Result<Context> {
        let mut context = self.base.clone();
        context.extend(Context::from_serialize(data).map_err(template_data_error)?);
        Ok(context)
    }

    /// Every figure of the site, as references in the text see them.
    pub fn figures(&self) -> &FigureIndex {
        &self.figures
    }

    /// Each page's summary as templates see it, index-aligned with `site.pages` (what
    /// `incremental` fingerprints).
    pub fn summaries(&self) -> &[Value] {
        &self.summaries
    }

    /// What every page's context holds: `site`, `menu` and `key_figures`.
    pub fn common(&self) -> [Option<&Value>; 3] {
        ["site", "menu", "key_figures"].map(|key| self.base.get(key))
    }

    /// Indexes of the pages whose parent is `path`, in site order.
    pub fn children_of(&self, path: &str) -> &[usize] {
        self.children.get(path).map_or(&[], Vec::as_slice)
    }

    /// The previous and next sibling (same parent) of a page, in site order.
    pub fn neighbours(&self, site: &Site, index: usize) -> (Option<usize>, Option<usize>) {
        let Some(parent) = site.pages[index].parent.as_deref() else {
            return (None, None);
        };
        let siblings = self.children_of(parent);
        match siblings.binary_search(&index) {
            Ok(at) => (
                at.checked_sub(1).map(|p| siblings[p]),
                siblings.get(at + 1).copied(),
            ),
            Err(_) => (None, None),
        }
    }
}

/// Every figure of the site by page and id, with the text a reference shows.
fn figure_index(site: &Site) -> FigureIndex {
    let mut index = FigureIndex::default();
    for page in &site.pages {
        for figure in &page.front.figures {
            let target = Target {
                text: figure.text.clone(),
                page_url: page_url(site, page),
            };
            index.insert(&page.path, &figure.id, target);
        }
    }
    index
}

fn to_value<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| {
        Error::new(ErrorKind::Config(format!(
            "cannot serialise template data: {e}"
        )))
    })
}

fn template_data_error(e: tera::Error) -> Error {
    Error::new(ErrorKind::Config(format!(
        "cannot build template data: {e}"
    )))
}

/// Root-relative URL of a page, percent-encoded, with the base path.
pub fn page_url(site: &Site, page: &Page) -> String {
    format!("{}{}", site.config.base_path, encode_path(&page.path))
}

/// Absolute URL of a page.
pub fn permalink(site: &Site, page: &Page) -> String {
    format!("{}{}", site.config.base_url, encode_path(&page.path))
}

fn summary<'a>(site: &Site, page: &'a Page) -> Summary<'a> {
    Summary {
        title: &page.front.title,
        description: page.front.description.as_deref(),
        kind: page.kind,
        url: page_url(site, page),
        permalink: permalink(site, page),
        path: &page.path,
        weight: page.front.weight,
        date: page.front.date.as_deref(),
        extra: &page.front.extra,
        figures: &page.front.figures,
    }
}

/// The template a page renders with.
pub fn template_name(page: &Page) -> &str {
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
    pub site: &'a Site,
    /// Template data every page shares.
    pub shared: &'a Shared,
    /// The loaded templates.
    pub templates: &'a Templates,
}

impl Renderer<'_> {
    /// Page `index`'s Markdown as HTML, with its table of contents, links and images, and its
    /// figure references resolved; a reference that names no figure is an error at its place.
    pub fn markdown(&self, index: usize) -> Result<RenderedMarkdown> {
        let page = &self.site.pages[index];
        let references = References {
            index: &self.shared.figures,
            page_path: &page.path,
        };
        let mut rendered =
            markdown::render_with(&page.body, &self.site.config.base_path, Some(references));
        if let Some(unknown) = rendered.unknown_references.first() {
            return Err(unknown_reference(
                self.site,
                page,
                &self.shared.figures,
                unknown,
            ));
        }
        for block in std::mem::take(&mut rendered.blocks) {
            let html = self.block(page, &block)?;
            rendered.html = rendered.html.replacen(&block.marker, &html, 1);
        }
        Ok(rendered)
    }

    /// Page `index`'s Markdown warnings (`RenderedMarkdown::warnings`), located in its file.
    pub fn warnings(&self, index: usize, markdown: &RenderedMarkdown) -> Vec<Error> {
        let page = &self.site.pages[index];
        markdown
            .warnings
            .iter()
            .map(|w| {
                located_in_body(page, w.offset, ErrorKind::Markdown(w.message.clone()))
                    .hint(w.hint.clone())
            })
            .collect()
    }

    /// The HTML of a block placed in the text: with the site's template for it when there is
    /// one (`partials/figure_card.html`, `partials/chart.html`, `partials/figure_table.html`,
    /// given `in_text = true`), else a plain one.
    fn block(&self, page: &Page, block: &Block) -> Result<String> {
        let located = |message: String, hint: &str| {
            located_in_body(page, block.range.start, ErrorKind::UnknownBlock { message })
                .hint(hint.to_owned())
        };
        match block.kind {
            BlockKind::Card => {
                let (owner, figure) = self.figure(page, &block.name).ok_or_else(|| {
                    let near = self.shared.figures.suggestions(&page.path, &block.name);
                    let hint = match near.first() {
                        Some(near) => format!("did you mean `{{{{card {near}}}}}`?"),
                        None => {
                            "name a figure of this page, or `page/id` for another page's".into()
                        }
                    };
                    located(
                        format!("`{{{{card {}}}}}` names no figure", block.name),
                        &hint,
                    )
                })?;
                let card_page = (owner.path != page.path).then(|| KeyFigurePage {
                    title: &owner.front.title,
                    url: page_url(self.site, owner),
                });
                let data = BlockContext {
                    figure: Some(figure),
                    card_page,
                    in_text: true,
                    ..BlockContext::default()
                };
                self.render_block("partials/figure_card.html", &data, &page.source_path, || {
                    format!(
                        "<li class=\"stat\" data-figure=\"{}\"><p class=\"stat__value\"><data value=\"{}\">{}</data></p><p class=\"stat__label\">{}</p></li>",
                        escape_xml(&figure.id), figure.value, escape_xml(&figure.text), escape_xml(&figure.label)
                    )
                }).map(|html| wrap_card(&html))
            }
            BlockKind::Chart | BlockKind::Table if block.name.starts_with("data/") => {
                self.data_block(page, block, &located)
            }
            BlockKind::Chart => {
                let charts = chart::charts(&page.front.figures);
                let mut chart = charts.into_iter().find(|c| c.title == block.name).ok_or_else(|| {
                    let groups: Vec<&str> = page.front.figures.iter().filter_map(|f| f.group.as_deref()).collect();
                    let hint = match crate::error::nearest(&block.name, &groups) {
                        Some(near) => format!("did you mean `{{{{chart {near}}}}}`? A chart is drawn for a group of two or more figures"),
                        None => "name a `group:` of this page's figures that has two or more members".into(),
                    };
                    located(format!("`{{{{chart {}}}}}` names no chart of this page", block.name), &hint)
                })?;
                // The same chart may also be drawn elsewhere on the page: its ids get a suffix.
                let id = format!("{}-in-text", chart.id);
                chart.svg = chart
                    .svg
                    .replace(&format!("\"{}-", chart.id), &format!("\"{id}-"));
                chart.id = id;
                let data = BlockContext {
                    chart: Some(&chart),
                    in_text: true,
                    ..BlockContext::default()
                };
                self.render_block("partials/chart.html", &data, &page.source_path, || {
                    format!(
                        "<figure class=\"chart-card\" id=\"{}\"><figcaption>{}</figcaption>{}{}</figure>",
                        escape_xml(&chart.id),
                        escape_xml(&chart.title),
                        chart.svg,
                        plain_table(&chart.figures.iter().collect::<Vec<_>>())
                    )
                })
            }
            BlockKind::Table => {
                let figures: Vec<&Figure> = page.front.figures.iter().collect();
                let data = BlockContext {
                    figures: Some(&page.front.figures),
                    in_text: true,
                    ..BlockContext::default()
                };
                self.render_block(
                    "partials/figure_table.html",
                    &data,
                    &page.source_path,
                    || plain_table(&figures),
                )
            }
        }
    }

    /// A CSV table of `data/` placed as a table or a chart.
    fn data_block(
        &self,
        page: &Page,
        block: &Block,
        located: &dyn Fn(String, &str) -> Error,
    ) -> Result<String> {
        let table = self
            .site
            .data
            .iter()
            .find(|t| t.path == block.name)
            .ok_or_else(|| {
                let known: Vec<&str> = self.site.data.iter().map(|t| t.path.as_str()).collect();
                let hint = match known.is_empty() {
                    true => {
                        "put the CSV file under data/ and name it from the site root".to_owned()
                    }
                    false => format!("the tables are: {}", known.join(", ")),
                };
                located(
                    format!("`{}` is not a CSV file under data/", block.name),
                    &hint,
                )
            })?;
        if block.kind == BlockKind::Table {
            let data = BlockContext {
                table: Some(table),
                in_text: true,
                ..BlockContext::default()
            };
            return self.render_block("partials/data_table.html", &data, &page.source_path, || {
                plain_data_table(table)
            });
        }
        let title = std::path::Path::new(&table.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = format!("chart-{}", crate::site::url_segment(&title));
        let chart = chart::chart(&title, &id, crate::data::table_figures(table)?);
        let data = BlockContext {
            chart: Some(&chart),
            in_text: true,
            ..BlockContext::default()
        };
        self.render_block("partials/chart.html", &data, &page.source_path, || {
            format!(
                "<figure class=\"chart-card\" id=\"{}\"><figcaption>{}</figcaption>{}{}</figure>",
                escape_xml(&chart.id),
                escape_xml(&chart.title),
                chart.svg,
                plain_table(&chart.figures.iter().collect::<Vec<_>>())
            )
        })
    }

    /// The figure a card names: `id` on `page`, or `path/id` on another page.
    fn figure<'s>(&'s self, page: &'s Page, name: &str) -> Option<(&'s Page, &'s Figure)> {
        let (owner, id) = match name.rsplit_once('/') {
            Some((path, id)) => {
                let path = path.trim_matches('/');
                let owner = self
                    .site
                    .pages
                    .iter()
                    .find(|p| p.path.trim_matches('/') == path)?;
                (owner, id)
            }
            None => (page, name),
        };
        owner
            .front
            .figures
            .iter()
            .find(|f| f.id == id)
            .map(|f| (owner, f))
    }

    fn render_block(
        &self,
        template: &str,
        data: &BlockContext,
        source: &std::path::Path,
        plain: impl FnOnce() -> String,
    ) -> Result<String> {
        if !self.has_template(template) {
            return Ok(plain());
        }
        let context = self.shared.context(data)?;
        let bytes = self.render(template, &context, source)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Renders page `index` from its rendered Markdown: its output path and bytes.
    pub fn page(&self, index: usize, markdown: &RenderedMarkdown) -> Result<OutputFile> {
        let (site, shared) = (self.site, self.shared);
        let page = &site.pages[index];
        let summary = &shared.summaries[index];
        let (prev, next) = shared.neighbours(site, index);
        let children = match page.kind {
            PageKind::Page => Vec::new(),
            _ => shared
                .children_of(&page.path)
                .iter()
                .map(|&i| &shared.summaries[i])
                .collect(),
        };
        let data = PageContext {
            page: PageView {
                summary,
                source_path: crate::source::slash_path(&page.source_path),
                content: &markdown.html,
                toc: &markdown.toc,
                charts: chart::charts(&page.front.figures),
                figure: (&page.front.figures, summary),
            },
            prev: prev.map(|i| &shared.summaries[i]),
            next: next.map(|i| &shared.summaries[i]),
            children,
            pages: (page.kind == PageKind::Home).then_some(shared.summaries.as_slice()),
        };
        let context = shared.context(&data)?;
        let bytes = self.render(template_name(page), &context, &page.source_path)?;
        Ok((output_path(page), bytes))
    }

    /// The site-wide files: `404.html`, the optional `feed.xml`, the figures' data files
    /// (module `downloads`), `sitemap.xml`, `robots.txt`.
    /// A new site-wide output file is added here, and nowhere else.
    pub fn extras(&self) -> Result<Vec<OutputFile>> {
        let site = self.site;
        let pages = self.shared.summaries.as_slice();
        let mut files = vec![("404.html".to_owned(), self.not_found(pages)?)];
        if self.has_template("feed.xml") {
            let updated = site
                .pages
                .iter()
                .filter_map(|p| p.front.date.as_deref())
                .max();
            let updated = updated.or_else(|| {
                let source = site.config.source.as_ref()?;
                source.date.as_deref()
            });
            let context = self.shared.context(&FeedContext { pages, updated })?;
            let path = std::path::Path::new("templates/feed.xml");
            files.push(("feed.xml".into(), self.render("feed.xml", &context, path)?));
        }
        if site.config.downloads {
            files.extend(crate::downloads::figure_files(site));
        }
        files.push(("sitemap.xml".into(), sitemap(site).into_bytes()));
        let robots = format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        );
        files.push(("robots.txt".into(), robots.into_bytes()));
        Ok(files)
    }

    /// The static files, each preceded by its content-hashed copy. `is_generated` tells which
    /// paths the build wrote: a static file at one of them is an error.
    pub fn statics<'s, T: Clone>(
        &self,
        statics: impl IntoIterator<Item = (&'s str, T)>,
        is_generated: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, T)>> {
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

    fn not_found(&self, pages: &[Value]) -> Result<Vec<u8>> {
        let config = &self.site.config;
        let page = NotFoundPage {
            title: "404",
            kind: "not_found",
            description: &config.description,
            url: format!("{}404.html", config.base_path),
            permalink: format!("{}404.html", config.base_url),
            path: "404.html",
            content: "",
            toc: [],
            figures: [],
            charts: [],
            figure: Empty {},
            extra: Empty {},
        };
        let data = NotFoundContext {
            page,
            children: [],
            prev: None,
            next: None,
            pages,
        };
        let context = self.shared.context(&data)?;
        let path = std::path::Path::new("templates/404.html");
        self.render("404.html", &context, path)
    }

    fn has_template(&self, name: &str) -> bool {
        self.templates.tera.get_template_names().any(|n| n == name)
    }

    fn render(&self, name: &str, context: &Context, source: &std::path::Path) -> Result<Vec<u8>> {
        if !self.has_template(name) {
            return Err(Error::new(ErrorKind::Template {
                template: name.to_owned(),
                message: format!("the template `{name}` does not exist"),
            })
            .at(Location::file(source))
            .hint(format!(
                "create templates/{name}, or set `template:` to an existing one"
            )));
        }
        self.templates
            .tera
            .render(name, context)
            .map(String::into_bytes)
            .map_err(|e| crate::templates::render_error(&e, &self.templates.sources, source))
    }
}

/// The error for a reference that names no figure, at its line and column in the file.
fn unknown_reference(
    site: &Site,
    page: &Page,
    figures: &FigureIndex,
    unknown: &UnknownReference,
) -> Error {
    let (target_page, id) = match unknown.name.rsplit_once('/') {
        Some((path, id)) => (path.trim_matches('/'), id),
        None => (page.path.trim_matches('/'), unknown.name.as_str()),
    };
    let draft = site
        .draft_figures
        .iter()
        .find(|(path, figure, _)| path.trim_matches('/') == target_page && figure == id);
    if let Some((_, _, source)) = draft {
        let kind = ErrorKind::UnknownFigureReference {
            name: unknown.name.clone(),
        };
        return located_in_body(page, unknown.range.start, kind).hint(format!(
            "the figure is on {}, a draft left out of this build: publish it (`draft: false`), build with --drafts, or remove the reference",
            source.display()
        ));
    }
    let suggestions = figures.suggestions(&page.path, &unknown.name);
    let hint = match suggestions.first() {
        Some(near) => format!("did you mean `{{{{{near}}}}}`? A figure of another page is named `{{{{page/id}}}}`"),
        None => "give the id of a figure in this page's `figures:` list, or `page/id` for another page's".to_owned(),
    };
    let kind = ErrorKind::UnknownFigureReference {
        name: unknown.name.clone(),
    };
    located_in_body(page, unknown.range.start, kind).hint(hint)
}

/// An error at byte `offset` of a page's body, located in file coordinates, with its line.
fn located_in_body(page: &Page, offset: usize, kind: ErrorKind) -> Error {
    let (line, column) = crate::error::line_column(&page.body, offset);
    let mut error = Error::new(kind).at(Location::at(
        &page.source_path,
        page.body_line + line - 1,
        column,
    ));
    error.source_line = page.body.lines().nth(line - 1).map(str::to_owned);
    error
}

fn sitemap(site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in &site.pages {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_xml(&permalink(site, page))
        ));
        if let Some(date) = &page.front.date {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape_xml(date)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::source::{SiteFiles, SourceFile};

    fn site_files() -> SiteFiles {
        let page = |path: &str, text: &str| SourceFile {
            rel_path: path.into(),
            text: text.to_owned(),
        };
        let home =
            "---\ntitle: 首页\nsite:\n  title: 站点\n  base_url: https://example.org/\n---\n正文\n";
        let figure = "figures:\n  - id: a\n    label: 甲\n    value: 3\n    unit: 家\n    qualifier: exact\n";
        SiteFiles {
            content: vec![
                page("content/_index.md", home),
                page(
                    "content/a.md",
                    &format!("---\ntitle: 甲\n{figure}---\n正文\n"),
                ),
            ],
            templates: ["index.html", "page.html", "404.html"]
                .iter()
                .map(|n| ((*n).to_owned(), "x".to_owned()))
                .collect(),
            statics: Vec::new(),
            data: Vec::new(),
        }
    }

    fn keys(value: &Value) -> BTreeSet<String> {
        value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The backquoted names of a README table cell, leaving out what stands in (), [] or {}.
    fn top_level_names(cell: &str) -> BTreeSet<String> {
        let mut depth = 0usize;
        let mut kept = String::new();
        for c in cell.chars() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ if depth == 0 => kept.push(c),
                _ => {}
            }
        }
        kept.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    /// The README's "What templates see" table: name -> the fields its cell lists.
    fn readme_table() -> Vec<(String, BTreeSet<String>)> {
        let readme = include_str!("../README.md");
        let table = readme
            .split("### What templates see")
            .nth(1)
            .expect("README has the section");
        table
            .lines()
            .skip_while(|l| !l.starts_with("| name"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| {
                let row = l.replace("\\|", "¦");
                let mut cells = row.split('|').skip(1);
                let names = cells.next()?;
                let what = cells.next()?;
                Some(
                    top_level_names(names)
                        .into_iter()
                        .map(|n| (n, top_level_names(what)))
                        .collect::<Vec<_>>(),
                )
            })
            .flatten()
            .collect()
    }

    #[test]
    fn readme_lists_what_templates_see() {
        let files = site_files();
        let parsed = files
            .content
            .iter()
            .map(crate::front_matter::parse)
            .collect::<Result<Vec<_>>>()
            .expect("parse");
        let prepared = crate::build::prepare(parsed, &files, None, false).expect("prepare");
        let renderer = prepared.renderer();
        let (site, shared) = (renderer.site, renderer.shared);
        let markdown = renderer.markdown(0).expect("markdown");
        let summary = &shared.summaries[0];
        let home = PageContext {
            page: PageView {
                summary,
                source_path: "content/_index.md".into(),
                content: &markdown.html,
                toc: &markdown.toc,
                charts: Vec::new(),
                figure: (&site.pages[0].front.figures, summary),
            },
            prev: None,
            next: None,
            children: Vec::new(),
            pages: Some(&shared.summaries),
        };
        let feed = FeedContext {
            pages: &shared.summaries,
            updated: None,
        };
        let figures = &prepared.site.pages[1].front.figures;
        let block = BlockContext {
            figure: figures.first(),
            card_page: Some(KeyFigurePage {
                title: "甲",
                url: "/a/".into(),
            }),
            chart: None,
            figures: Some(figures),
            table: Some(&crate::data::DataTable {
                path: "data/t.csv".into(),
                columns: Vec::new(),
                rows: Vec::new(),
            }),
            in_text: true,
        };
        let mut block_value = to_value(&block).expect("block context");
        block_value["chart"] = Value::Null;
        let mut seen = BTreeSet::new();
        for context in [
            shared.base.clone().into_json(),
            to_value(&home).expect("page context"),
            to_value(&feed).expect("feed context"),
            block_value,
        ] {
            seen.extend(keys(&context));
        }
        let table = readme_table();
        let listed: BTreeSet<String> = table.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(listed, seen, "README table names vs template contexts");
        let fields = |name: &str| {
            table
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, f)| f.clone())
                .unwrap_or_default()
        };
        let home_value = to_value(&home).expect("page context");
        assert_eq!(fields("page"), keys(&home_value["page"]), "README `page`");
        let config = to_value(&site.config).expect("config");
        assert_eq!(fields("site"), keys(&config), "README `site`");
        let readme = include_str!("../README.md");
        let summaries = readme
            .split("Summaries carry ")
            .nth(1)
            .and_then(|rest| rest.split_once("\n\n"))
            .map(|(line, _)| top_level_names(line))
            .expect("README says what summaries carry");
        assert_eq!(summaries, keys(summary), "README summaries");
        let names = |list: &[&str]| {
            list.iter()
                .map(|s| (*s).to_owned())
                .collect::<BTreeSet<_>>()
        };
        use crate::templates::{
            FIGURE_FIELDS, PAGE_FIELDS, SITE_FIELDS, SUMMARY_FIELDS, TOP_LEVEL,
        };
        assert_eq!(
            names(TOP_LEVEL),
            seen,
            "templates::errors names vs contexts"
        );
        assert_eq!(names(PAGE_FIELDS), keys(&home_value["page"]));
        assert_eq!(names(SITE_FIELDS), keys(&config));
        assert_eq!(names(SUMMARY_FIELDS), keys(summary));
        let figure = to_value(&figures[0]).expect("figure");
        assert_eq!(names(FIGURE_FIELDS), keys(&figure));
    }
}
