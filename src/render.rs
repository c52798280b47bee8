//! Render: turn the assembled site into the output files, in memory.
//!
//! Input: a [`Site`], each page's rendered Markdown, and loaded templates. Output: an
//! [`Output`] (relative path -> bytes) holding every page, `404.html`, `sitemap.xml`,
//! `robots.txt` and, when `templates/feed.xml` exists, `feed.xml`. Template data is built from
//! typed view structs; every page kind goes through the one [`render_page`] path.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use crate::chart;
use crate::error::{Error, Location, Result};
use crate::front_matter::Figure;
use crate::markdown::RenderedMarkdown;
use crate::output::Output;
use crate::site::{Page, PageKind, Site};
use crate::text::{encode_path, escape_xml};

/// A page as lists, menus and neighbour links see it.
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

/// Data shared by every page of one build, serialised once.
pub struct Shared {
    /// `site`, `menu` and `key_figures`, inserted once: cloning a context is much cheaper than
    /// serialising into one.
    base: Context,
    /// Each page's summary, index-aligned with `site.pages`.
    summaries: Vec<Value>,
    /// Parent path -> indexes of its pages, in site order.
    children: std::collections::HashMap<String, Vec<usize>>,
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
        let menu = Value::Array(
            site.pages
                .iter()
                .zip(&summaries)
                .filter(|(p, _)| p.parent.as_deref() == Some(""))
                .map(|(_, s)| s.clone())
                .collect(),
        );
        let key_figures: Vec<KeyFigure> = site
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
        let mut children: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, page) in site.pages.iter().enumerate() {
            if let Some(parent) = &page.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        let mut base = Context::new();
        base.insert("site", &site.config);
        base.insert("menu", &menu);
        base.insert("key_figures", &key_figures);
        Ok(Shared {
            base,
            children,
            summaries,
        })
    }

    /// A fresh context holding what every page shares.
    fn context(&self) -> Context {
        self.base.clone()
    }
}

fn to_value<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| {
        Error::new(crate::error::ErrorKind::Config(format!(
            "cannot serialise template data: {e}"
        )))
    })
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

/// Renders one page with its template.
///
/// The context is assembled from values serialised once per build (the page's own summary,
/// its neighbours' and children's) and moved into Tera's context, never serialised twice.
pub fn render_page(
    site: &Site,
    index: usize,
    markdown: &RenderedMarkdown,
    tera: &Tera,
    shared: &Shared,
) -> Result<Vec<u8>> {
    let page = &site.pages[index];
    let summary_of = |i: usize| shared.summaries[i].clone();
    let mut data = serde_json::Map::new();
    data.insert("page".into(), page_value(page, index, markdown, shared)?);
    let (prev, next) = shared.neighbours(site, index);
    data.insert("prev".into(), prev.map_or(Value::Null, summary_of));
    data.insert("next".into(), next.map_or(Value::Null, summary_of));
    let children = if page.kind == PageKind::Page {
        Vec::new()
    } else {
        shared
            .children_of(&page.path)
            .iter()
            .map(|&i| summary_of(i))
            .collect()
    };
    data.insert("children".into(), Value::Array(children));
    if page.kind == PageKind::Home {
        // Every page's summary, for the home page only: copying it into each page's
        // context would make a build quadratic in the number of pages.
        data.insert("pages".into(), Value::Array(shared.summaries.clone()));
    }
    let mut context = shared.context();
    context.extend(Context::from_value(Value::Object(data)).map_err(template_data_error)?);
    render_template(tera, template_name(page), &context, &page.source_path)
}

/// `page` as templates see it: the page's summary plus `source_path`, `content` (the HTML),
/// `toc`, `charts` and `figure` (the figures by id).
fn page_value(
    page: &Page,
    index: usize,
    markdown: &RenderedMarkdown,
    shared: &Shared,
) -> Result<Value> {
    let mut value = shared.summaries[index].clone();
    let Value::Object(map) = &mut value else {
        return Ok(value);
    };
    let figure: serde_json::Map<String, Value> = page
        .front
        .figures
        .iter()
        .zip(
            map.get("figures")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
        .map(|(f, v)| (f.id.clone(), v.clone()))
        .collect();
    map.insert(
        "source_path".into(),
        Value::String(crate::source::slash_path(&page.source_path)),
    );
    map.insert("content".into(), Value::String(markdown.html.clone()));
    map.insert("toc".into(), to_value(&markdown.toc)?);
    map.insert(
        "charts".into(),
        to_value(&chart::charts(&page.front.figures))?,
    );
    map.insert("figure".into(), Value::Object(figure));
    Ok(value)
}

fn template_data_error(e: tera::Error) -> Error {
    Error::new(crate::error::ErrorKind::Config(format!(
        "cannot build template data: {e}"
    )))
}

impl Shared {
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

fn render_template(
    tera: &Tera,
    name: &str,
    context: &Context,
    source: &std::path::Path,
) -> Result<Vec<u8>> {
    if !tera.get_template_names().any(|n| n == name) {
        return Err(Error::new(crate::error::ErrorKind::Template {
            template: name.to_owned(),
            message: format!("the template `{name}` does not exist"),
        })
        .at(Location::file(source))
        .hint(format!(
            "create templates/{name}, or set `template:` to an existing one"
        )));
    }
    tera.render(name, context)
        .map(String::into_bytes)
        .map_err(|e| {
            let mut error = crate::templates::template_error(&e, &[]);
            error.hint = Some(format!("while rendering {}", source.display()));
            error
        })
}

/// `404.html`, `sitemap.xml`, `robots.txt` and the optional `feed.xml`.
pub fn render_extras(site: &Site, tera: &Tera, shared: &Shared, output: &mut Output) -> Result<()> {
    let mut context = shared.context();
    let pages = Value::Array(shared.summaries.clone());
    context.extend(
        Context::from_value(serde_json::json!({ "pages": pages })).map_err(template_data_error)?,
    );
    let not_found = serde_json::json!({
        "title": "404", "kind": "not_found", "description": site.config.description,
        "url": format!("{}404.html", site.config.base_path), "permalink": format!("{}404.html", site.config.base_url),
        "path": "404.html", "content": "", "toc": [], "figures": [], "charts": [], "figure": {}, "extra": {},
    });
    context.insert("page", &not_found);
    context.insert("children", &Vec::<Value>::new());
    context.insert("prev", &Value::Null);
    context.insert("next", &Value::Null);
    output.insert(
        "404.html".into(),
        render_template(
            tera,
            "404.html",
            &context,
            std::path::Path::new("templates/404.html"),
        )?,
    );
    if tera.get_template_names().any(|n| n == "feed.xml") {
        let updated = site
            .pages
            .iter()
            .filter_map(|p| p.front.date.as_deref())
            .max()
            .map(str::to_owned);
        let updated = updated.or_else(|| site.config.source.as_ref().and_then(|s| s.date.clone()));
        context.insert("updated", &updated);
        output.insert(
            "feed.xml".into(),
            render_template(
                tera,
                "feed.xml",
                &context,
                std::path::Path::new("templates/feed.xml"),
            )?,
        );
    }
    output.insert("sitemap.xml".into(), sitemap(site).into_bytes());
    output.insert(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        )
        .into_bytes(),
    );
    Ok(())
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
