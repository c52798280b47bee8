//! The typed template data: what each kind of page's template sees ([`PageContext`],
//! [`NotFoundContext`], [`FeedContext`]) and what every page shares, serialised once per build
//! ([`Shared`]: `site`, `menu`, `key_figures`, the figure index). A page's [`Summary`] is
//! serialised where a context needs it, from the page itself: no copy of every summary is kept.

use std::collections::HashMap;

use serde::{Serialize, Serializer};
use serde_json::Value;
use tera::Context;

use super::{page_url, permalink};
use crate::chart::Chart;
use crate::error::{Error, ErrorKind, Result};
use crate::front_matter::Figure;
use crate::markdown::TocEntry;
use crate::markdown::references::{FigureIndex, Target};
use crate::site::{Page, PageKind, Site};

/// A page as lists, menus and neighbour links see it (`prev`, `next`, `children`, `pages`,
/// `menu`, and the first fields of `page`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary<'a> {
    title: &'a str,
    description: Option<&'a str>,
    kind: PageKind,
    url: String,
    permalink: Option<String>,
    path: &'a str,
    weight: Option<i64>,
    date: Option<&'a str>,
    extra: &'a Value,
    figures: &'a [Figure],
    lang: &'a str,
    translations: Vec<Alternate<'a>>,
}

/// The same page in another language (`page.translations`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Alternate<'a> {
    lang: &'a str,
    name: &'a str,
    title: &'a str,
    url: String,
    permalink: Option<String>,
}

/// What a page's template sees: `page`, its neighbours, its children, and on the home page
/// every page. `site`, `menu` and `key_figures` come from [`Shared`].
#[derive(Debug, Serialize)]
pub(super) struct PageContext<'a> {
    /// The page itself.
    pub page: PageView<'a>,
    /// The previous sibling's summary.
    pub prev: Option<Summary<'a>>,
    /// The next sibling's summary.
    pub next: Option<Summary<'a>>,
    /// The summaries of the pages whose parent this is (empty for a plain page).
    pub children: Vec<Summary<'a>>,
    /// Every page's summary, on the home page only (copying it into each page's context would
    /// make a build quadratic in the number of pages), and only when its template reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<AllPages<'a>>,
}

/// Every page's summary in one language, home first, serialised straight from the site (no
/// copy is kept).
#[derive(Debug, Clone, Copy)]
pub(super) struct AllPages<'a>(pub(super) &'a Site, pub(super) usize);

impl Serialize for AllPages<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let (site, lang) = (self.0, self.1);
        let pages = site.pages.iter().filter(|page| page.lang == lang);
        serializer.collect_seq(pages.map(|page| summary(site, page)))
    }
}

/// `page` as templates see it: the page's [`Summary`] (serialised once per build) and what only
/// the page itself needs.
#[derive(Debug, Serialize)]
pub(super) struct PageView<'a> {
    /// The page's summary: title, description, kind, url, permalink, path, weight, date,
    /// extra, figures.
    #[serde(flatten)]
    pub summary: Summary<'a>,
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
    pub figure: &'a [Figure],
}

/// `page.figure`: id -> the figure as in `page.figures`, in page order.
fn figures_by_id<S: Serializer>(
    figures: &&[Figure],
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_map(figures.iter().map(|f| (f.id.as_str(), f)))
}

/// What `404.html` sees: a `page` with the fields of a [`PageView`], empty where a 404 has
/// nothing, and every page's summary.
#[derive(Debug, Serialize)]
pub(super) struct NotFoundContext<'a> {
    /// The 404 page.
    pub page: NotFoundPage<'a>,
    /// Always empty.
    pub children: [(); 0],
    /// Always `null`.
    pub prev: Option<()>,
    /// Always `null`.
    pub next: Option<()>,
    /// Every page's summary, when the template reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<AllPages<'a>>,
}

/// `page` on the 404 page.
#[derive(Debug, Serialize)]
pub(super) struct NotFoundPage<'a> {
    pub(super) title: &'static str,
    pub(super) kind: &'static str,
    pub(super) description: &'a str,
    pub(super) url: String,
    pub(super) permalink: Option<String>,
    pub(super) path: &'static str,
    pub(super) content: &'static str,
    pub(super) toc: [(); 0],
    pub(super) figures: [(); 0],
    pub(super) charts: [(); 0],
    pub(super) figure: Empty,
    pub(super) extra: Empty,
    pub(super) lang: &'a str,
    pub(super) translations: [(); 0],
}

/// An empty map (`{}`).
#[derive(Debug, Serialize)]
pub(super) struct Empty {}

/// What `feed.xml` sees: every page's summary and the newest date.
#[derive(Debug, Serialize)]
pub(super) struct FeedContext<'a> {
    /// Every page's summary.
    pub pages: AllPages<'a>,
    /// The newest page date, or the source's date.
    pub updated: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct KeyFigure<'a> {
    figure: &'a Figure,
    page: KeyFigurePage<'a>,
}

#[derive(Debug, Serialize)]
pub(super) struct KeyFigurePage<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
}

/// What every page's context shares: `site`, `menu` and `key_figures`.
#[derive(Debug, Serialize)]
struct Common<'a> {
    site: &'a crate::site::SiteConfig,
    menu: Vec<Summary<'a>>,
    key_figures: Vec<KeyFigure<'a>>,
}

/// Data shared by every page of one build, serialised once.
pub(crate) struct Shared {
    /// `site`, `menu` and `key_figures` ([`Common`]) of each language (index-aligned with
    /// `Site::languages`), serialised once: cloning a context is much cheaper than
    /// serialising into one.
    bases: Vec<Context>,
    /// Parent path -> indexes of its pages, in site order.
    children: HashMap<String, Vec<usize>>,
    /// Every figure a reference in the text can name.
    figures: FigureIndex,
}

impl Shared {
    /// Precomputes what every page's context shares.
    pub(crate) fn new(site: &Site) -> Result<Shared> {
        let bases = site
            .languages
            .iter()
            .enumerate()
            .map(|(lang, language)| common(site, lang, &language.config))
            .collect::<Result<Vec<_>>>()?;
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, page) in site.pages.iter().enumerate() {
            if let Some(parent) = &page.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        Ok(Shared {
            bases,
            children,
            figures: figure_index(site),
        })
    }

    /// A context holding what every page of language `lang` shares and `data`.
    pub(super) fn context(&self, lang: usize, data: &impl Serialize) -> Result<Context> {
        let mut context = self.bases.get(lang).cloned().unwrap_or_default();
        context.extend(Context::from_serialize(data).map_err(|e| template_data_error(&e))?);
        Ok(context)
    }

    /// Every figure of the site, as references in the text see them.
    pub(crate) fn figures(&self) -> &FigureIndex {
        &self.figures
    }

    /// Page `index`'s summary as templates see it (what `incremental` fingerprints).
    pub(crate) fn summary<'a>(&self, site: &'a Site, index: usize) -> Summary<'a> {
        summary(site, &site.pages[index])
    }

    /// What every page's context in language `lang` holds: `site`, `menu` and `key_figures`.
    pub(crate) fn common(&self, lang: usize) -> [Option<&Value>; 3] {
        let base = self.bases.get(lang);
        ["site", "menu", "key_figures"].map(|key| base.and_then(|b| b.get(key)))
    }

    /// Indexes of the pages whose parent is `path`, in site order.
    pub(crate) fn children_of(&self, path: &str) -> &[usize] {
        self.children.get(path).map_or(&[], Vec::as_slice)
    }

    /// The previous and next sibling (same parent) of a page, in site order.
    pub(crate) fn neighbours(&self, site: &Site, index: usize) -> (Option<usize>, Option<usize>) {
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

/// `site`, `menu` and `key_figures` for the pages of language `lang`.
fn common(site: &Site, lang: usize, config: &crate::site::SiteConfig) -> Result<Context> {
    let home = site.languages.get(lang).map_or("", |l| l.prefix.as_str());
    let in_language = || site.pages.iter().filter(move |p| p.lang == lang);
    let menu = in_language()
        .filter(|p| p.parent.as_deref() == Some(home))
        .map(|p| summary(site, p))
        .collect();
    let key_figures = in_language()
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
    let common = Common {
        site: config,
        menu,
        key_figures,
    };
    Context::from_serialize(&common).map_err(|e| template_data_error(&e))
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

/// serde or Tera refused a value of the template data.
pub(super) fn template_data_error(e: &dyn std::error::Error) -> Error {
    Error::new(ErrorKind::TemplateData {
        cause: e.to_string(),
    })
}

fn summary<'a>(site: &'a Site, page: &'a Page) -> Summary<'a> {
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
        lang: site.language_of(page),
        translations: page
            .translations
            .iter()
            .filter_map(|&i| {
                let other = site.pages.get(i)?;
                let language = site.languages.get(other.lang)?;
                let name = language
                    .config
                    .languages
                    .get(other.lang)
                    .map_or(language.tag.as_str(), |l| l.name.as_str());
                Some(Alternate {
                    lang: &language.tag,
                    name,
                    title: &other.front.title,
                    url: page_url(site, other),
                    permalink: permalink(site, other),
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::blocks::BlockContext;
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
            assets: Vec::new(),
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
        let readme = include_str!("../../README.md");
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
        let summary = serde_json::to_value(shared.summary(site, 0)).expect("summary");
        let home = PageContext {
            page: PageView {
                summary: shared.summary(site, 0),
                source_path: "content/_index.md".into(),
                content: &markdown.html,
                toc: &markdown.toc,
                charts: Vec::new(),
                figure: &site.pages[0].front.figures,
            },
            prev: None,
            next: None,
            children: Vec::new(),
            pages: Some(AllPages(site, 0)),
        };
        let feed = FeedContext {
            pages: AllPages(site, 0),
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
        let mut block_value = serde_json::to_value(&block).expect("block context");
        block_value["chart"] = Value::Null;
        let mut seen = BTreeSet::new();
        for context in [
            shared.bases[0].clone().into_json(),
            serde_json::to_value(&home).expect("page context"),
            serde_json::to_value(&feed).expect("feed context"),
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
        let home_value = serde_json::to_value(&home).expect("page context");
        assert_eq!(fields("page"), keys(&home_value["page"]), "README `page`");
        let config = serde_json::to_value(&site.config).expect("config");
        assert_eq!(fields("site"), keys(&config), "README `site`");
        let readme = include_str!("../../README.md");
        let summaries = readme
            .split("Summaries carry ")
            .nth(1)
            .and_then(|rest| rest.split_once("\n\n"))
            .map(|(line, _)| top_level_names(line))
            .expect("README says what summaries carry");
        assert_eq!(summaries, keys(&summary), "README summaries");
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
        assert_eq!(names(SUMMARY_FIELDS), keys(&summary));
        let figure = serde_json::to_value(&figures[0]).expect("figure");
        assert_eq!(names(FIGURE_FIELDS), keys(&figure));
    }
}
