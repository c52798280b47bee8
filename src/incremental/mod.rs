//! Incremental rebuild: after an edit, render again only what the edit can have changed.
//!
//! [`Engine::render`] runs the chain of [`build`](mod@crate::build) on [`Sources`], through the same
//! [`Renderer`], but keeps each stage's results between rebuilds:
//!
//! - parsed front matter and rendered Markdown, keyed by the source file's version (and, for
//!   Markdown, the base path, the figure index, the templates and `data/`, which references
//!   and blocks in the text render from);
//! - the loaded templates, keyed by the versions of `templates/` and `static/` and the base path;
//! - each page's bytes, keyed by its fingerprint (module `fingerprint`: the page's template data
//!   and the versions of the templates and static files); the site-wide files likewise.
//! - with search on, the search bundle, kept while the HTML of every indexed page is unchanged
//!   (any change re-indexes the whole site, as a full build does).
//!
//! So a body-only edit renders one page; a title edit renders the page, its neighbours, the home
//! page and the sections (they list every page); a template edit renders every page. The
//! invariant, tested in `tests/it/serve.rs`: after any sequence of updates the [`Snapshot`] is
//! byte for byte the `Output` of a full build of the same files.
//!
//! When an edit leaves every file's front matter as it was, the assembled site and its shared
//! template data are patched rather than rebuilt (module `layout`). When only page files changed
//! since the last render (`Sources` logs which), and nothing else did, the engine does not look
//! at the other pages at all: a body edit on a 100,000-page site costs about one page.

mod fingerprint;
mod layout;
mod pages;
mod sources;

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use self::sources::Sources;
use crate::error::Result;
use crate::front_matter::{self, ParsedPage};
use crate::markdown::RenderedMarkdown;
use crate::output::Output;
use crate::render::Renderer;
use crate::site;
use layout::Layout;
use pages::{Inputs, Renderings, Tools};

/// Which base URL the site is built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseUrl {
    /// The site's own `base_url`.
    Site,
    /// This one (like `build --base-url`).
    Fixed(String),
    /// This origin (`http://127.0.0.1:1111`) with the path of the site's own base URL, so a site
    /// published under `/reform/` is served under `/reform/` too.
    Local(String),
}

impl BaseUrl {
    /// The override to give `site::assemble`, if any.
    fn resolve(&self, parsed: &[ParsedPage]) -> Option<String> {
        match self {
            BaseUrl::Site => None,
            BaseUrl::Fixed(url) => Some(url.clone()),
            BaseUrl::Local(origin) => {
                let home = parsed
                    .iter()
                    .find(|p| p.source_path == std::path::Path::new("content/_index.md"))?;
                let settings = home.front.site.as_ref()?;
                let path = match &settings.base_url {
                    Some(url) => site::normalize_base_url(url).ok()?.1,
                    None => "/".to_owned(),
                };
                Some(format!("{}{path}", origin.trim_end_matches('/')))
            }
        }
    }
}

/// The built site as served: output path -> bytes, shared between rebuilds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The files, in path order (as in [`Output`]).
    pub files: BTreeMap<Arc<str>, Arc<[u8]>>,
    /// The site's base path (`/` or `/reform/`).
    pub base_path: String,
    /// A preview made while the first render runs: the home page and the static files only
    /// (see [`Engine::render_with_preview`]).
    pub partial: bool,
}

impl Snapshot {
    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|bytes| &bytes[..])
    }

    /// A copy as an [`Output`], to compare with a full build.
    pub fn to_output(&self) -> Output {
        let mut output = Output::default();
        for (path, bytes) in &self.files {
            output.insert(path.to_string(), bytes.to_vec());
        }
        output
    }
}

/// What one rebuild did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Pages in the site.
    pub pages: usize,
    /// Pages rendered by this rebuild (the others were reused).
    pub rendered: usize,
    /// Output paths added, changed or removed.
    pub changed_paths: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
    /// Warnings: the front matter's (a value YAML cut at ` #`) when this rebuild read the front
    /// matter again, and the Markdown's of the pages whose Markdown it rendered again.
    pub warnings: Vec<crate::error::Error>,
}

/// The incremental renderer (see the module docs). Holds the caches; the sources are separate.
pub struct Engine {
    base_url: BaseUrl,
    drafts: bool,
    layout: Layout,
    markdown: HashMap<OsString, (u64, u64, RenderedMarkdown)>,
    /// What the cached Markdown was rendered with besides its text (see `render_markdown`).
    markdown_key: u64,
    tools: Option<Tools>,
    renderings: Renderings,
    snapshot: Arc<Snapshot>,
    /// The sources' generation and page count of the last successful render.
    last: Option<(u64, usize)>,
}

impl Engine {
    /// An engine with empty caches.
    pub fn new(base_url: BaseUrl, drafts: bool) -> Self {
        Engine {
            base_url,
            drafts,
            layout: Layout::default(),
            markdown: HashMap::new(),
            markdown_key: 0,
            tools: None,
            renderings: Renderings::default(),
            snapshot: Arc::new(Snapshot::default()),
            last: None,
        }
    }

    /// The last site rendered without error.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot)
    }

    /// The base URL override a full build of `sources` must be given to match this engine.
    pub fn base_url_for(&self, sources: &Sources) -> Result<Option<String>> {
        let parsed = sources
            .files()
            .content
            .iter()
            .map(front_matter::parse)
            .collect::<Result<Vec<_>>>()?;
        Ok(self.base_url.resolve(&parsed))
    }

    /// Renders the site from `sources`, reusing what is unchanged. On an error the previous
    /// snapshot stays. An engine is meant to be used with one `Sources` throughout.
    pub fn render(&mut self, sources: &Sources) -> Result<Report> {
        self.render_with_preview(sources, &mut |_| {})
    }

    /// [`Engine::render`]; on the first render, `preview` is given a partial snapshot (the home
    /// page and the static files) as soon as the site is assembled, before its other pages
    /// render: `serve` answers with it while a large site's first render runs.
    pub fn render_with_preview(
        &mut self,
        sources: &Sources,
        preview: &mut dyn FnMut(Arc<Snapshot>),
    ) -> Result<Report> {
        let started = Instant::now();
        if let Some((_, pages)) = self.last.filter(|(g, _)| *g == sources.generation()) {
            return Ok(Report {
                pages,
                rendered: 0,
                changed_paths: Vec::new(),
                elapsed: started.elapsed(),
                warnings: Vec::new(),
            });
        }
        if let Some(report) = self.render_bodies(sources, started)? {
            return Ok(report);
        }
        let state = self.layout.update(sources, &self.base_url, self.drafts)?;
        let site = &state.site;
        let tools = Tools::prepare(self.tools.take(), sources, &site.config.base_path)?;
        let tools = self.tools.insert(tools);
        let renderer = Renderer {
            site,
            shared: &state.shared,
            templates: &tools.templates,
            local: &tools.local,
        };
        if self.last.is_none() && self.snapshot.files.is_empty() {
            preview(Arc::new(Snapshot {
                files: pages::preview(renderer, tools)?,
                base_path: site.config.base_path.clone(),
                partial: true,
            }));
        }
        let (markdown_key, markdown_warnings) =
            render_markdown(&mut self.markdown, renderer, tools.version(), sources)?;
        self.markdown_key = markdown_key;
        let input = Inputs {
            renderer,
            hashes: &state.hashes,
            markdown: &self.markdown,
            sources,
            tools,
        };
        let rendered = self.renderings.update(&input)?;
        let files = self.renderings.assemble(&input)?;
        let snapshot = Snapshot {
            files,
            base_path: site.config.base_path.clone(),
            partial: false,
        };
        let changed_paths = changed_paths(&self.snapshot, &snapshot);
        self.snapshot = Arc::new(snapshot);
        self.last = Some((sources.generation(), site.pages.len()));
        let front = site.pages.iter().flat_map(|p| p.front.warnings.iter());
        let mut warnings: Vec<crate::error::Error> = front.cloned().collect();
        warnings.extend(markdown_warnings);
        Ok(Report {
            pages: site.pages.len(),
            rendered,
            changed_paths,
            elapsed: started.elapsed(),
            warnings,
        })
    }
}

impl Engine {
    /// The fast path for the most common edit: when only page files changed since the last
    /// render, each keeping its front matter, and nothing else did (templates, static files,
    /// data), only those pages can change. Their Markdown and pages are rendered again and the
    /// last snapshot is copied with their new bytes: no look at the other pages, so a save on a
    /// 100,000-page site costs about one page. `None` when the general path must run.
    fn render_bodies(&mut self, sources: &Sources, started: Instant) -> Result<Option<Report>> {
        let Some((last, _)) = self.last else {
            return Ok(None);
        };
        let unchanged = |version: u64| version <= last;
        if !(unchanged(sources.templates_version())
            && unchanged(sources.statics_version())
            && unchanged(sources.assets_version())
            && unchanged(sources.data_version()))
        {
            return Ok(None);
        }
        let Some(changed) = sources.content_changed_since(last) else {
            return Ok(None);
        };
        let Some(tools) = self.tools.as_ref() else {
            return Ok(None);
        };
        if self.renderings.has_search() {
            return Ok(None);
        }
        let Some(state) = self.layout.patch_bodies(sources, &changed)? else {
            return Ok(None);
        };
        let site = &state.site;
        let renderer = Renderer {
            site,
            shared: &state.shared,
            templates: &tools.templates,
            local: &tools.local,
        };
        let pages: Vec<usize> = changed
            .iter()
            .filter_map(|&i| sources.files().content.get(i))
            .filter_map(|file| state.page_index(&file.rel_path))
            .collect();
        let fresh = pages
            .par_iter()
            .map(|&i| {
                let page = &site.pages[i];
                let version = sources.content_version(&page.source_path);
                let markdown = renderer.markdown(i)?;
                let warnings = renderer.warnings(i, &markdown)?;
                Ok((
                    page.source_path.clone().into_os_string(),
                    version,
                    markdown,
                    warnings,
                ))
            })
            .collect();
        let mut warnings = Vec::new();
        for (path, version, markdown, page_warnings) in crate::error::in_order(fresh)? {
            warnings.extend(page_warnings);
            self.markdown
                .insert(path, (version, self.markdown_key, markdown));
        }
        let input = Inputs {
            renderer,
            hashes: &state.hashes,
            markdown: &self.markdown,
            sources,
            tools,
        };
        let written = self.renderings.render_pages(&input, &pages)?;
        let mut files = self.snapshot.files.clone();
        let mut changed_paths = Vec::new();
        for (path, bytes) in written {
            if files.get(&path).is_none_or(|old| old[..] != bytes[..]) {
                changed_paths.push(path.to_string());
            }
            files.insert(path, bytes);
        }
        changed_paths.sort();
        self.snapshot = Arc::new(Snapshot {
            files,
            base_path: site.config.base_path.clone(),
            partial: false,
        });
        self.last = Some((sources.generation(), site.pages.len()));
        Ok(Some(Report {
            pages: site.pages.len(),
            rendered: pages.len(),
            changed_paths,
            elapsed: started.elapsed(),
            warnings,
        }))
    }
}

/// Renders the Markdown of pages whose text, base path, figure index (references show other
/// pages' figures) or templates (blocks in the text render with them) changed, with the
/// warnings of what it rendered (so each is printed when it appears); forgets pages
/// that are gone. Returns the key of what the Markdown was rendered with besides its text.
fn render_markdown(
    cache: &mut HashMap<OsString, (u64, u64, RenderedMarkdown)>,
    renderer: Renderer,
    tools: u64,
    sources: &Sources,
) -> Result<(u64, Vec<crate::error::Error>)> {
    let site = renderer.site;
    let key = fingerprint::hash_of(&(
        &site.config.base_path,
        renderer.shared.figures(),
        tools,
        sources.data_version(),
    ));
    let stale: Vec<(usize, OsString, u64)> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p, sources.content_version(&p.source_path)))
        .filter(|(_, p, v)| {
            cache
                .get(p.source_path.as_os_str())
                .is_none_or(|(old, k, _)| old != v || *k != key)
        })
        .map(|(i, p, v)| (i, p.source_path.clone().into_os_string(), v))
        .collect();
    let fresh: Vec<_> = stale
        .into_par_iter()
        .map(|(i, path, v)| {
            let markdown = renderer.markdown(i)?;
            let warnings = renderer.warnings(i, &markdown)?;
            Ok((path, v, markdown, warnings))
        })
        .collect();
    let mut warnings = Vec::new();
    for (path, version, html, page_warnings) in crate::error::in_order(fresh)? {
        warnings.extend(page_warnings);
        cache.insert(path, (version, key, html));
    }
    if cache.len() > site.pages.len() {
        cache.retain(|path, _| sources.content_version(path) != 0);
    }
    Ok((key, warnings))
}

/// Paths whose bytes differ between two snapshots, including added and removed ones, in order
/// (one pass over both sorted maps).
fn changed_paths(old: &Snapshot, new: &Snapshot) -> Vec<String> {
    use std::cmp::Ordering;
    let mut changed = Vec::new();
    let (mut old, mut new) = (old.files.iter().peekable(), new.files.iter().peekable());
    loop {
        let order = match (old.peek(), new.peek()) {
            (None, None) => return changed,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((a, _)), Some((b, _))) => a.cmp(b),
        };
        match order {
            Ordering::Less => changed.extend(old.next().map(|(path, _)| path.to_string())),
            Ordering::Greater => changed.extend(new.next().map(|(path, _)| path.to_string())),
            Ordering::Equal => {
                if let (Some((_, a)), Some((path, b))) = (old.next(), new.next())
                    && !Arc::ptr_eq(a, b)
                    && a != b
                {
                    changed.push(path.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(files: &[(&str, &str)]) -> Snapshot {
        let files = files
            .iter()
            .map(|(p, b)| (Arc::from(*p), Arc::from(b.as_bytes())))
            .collect();
        Snapshot {
            files,
            base_path: "/".into(),
            partial: false,
        }
    }

    #[test]
    fn changed_paths_lists_added_changed_and_removed() {
        let old = snapshot(&[("a", "1"), ("b", "2"), ("d", "4")]);
        let new = snapshot(&[("a", "1"), ("b", "3"), ("c", "5")]);
        assert_eq!(changed_paths(&old, &new), vec!["b", "c", "d"]);
        assert!(changed_paths(&new, &new).is_empty());
    }
}
