//! Render what changed, and put the site's files together.
//!
//! Each page's bytes are kept with its fingerprint (module `fingerprint`), which covers what the
//! page's template data holds and the versions of the templates and static files (asset names
//! are content hashes); a page is rendered again when its fingerprint changed. Rendering goes
//! through the same [`Renderer`] as a full build.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::Sources;
use super::fingerprint::Hashes;
use crate::error::Result;
use crate::local_files::LocalFiles;
use crate::markdown::RenderedMarkdown;
use crate::render::{self, Renderer};
use crate::search;
use crate::site::Site;
use crate::source::StaticFile;
use crate::templates::{self, Assets, Templates};

/// The loaded templates, the static files and the files beside the pages, for one
/// (templates, statics, base path, files of `content/`) combination.
pub(crate) struct Tools {
    key: (u64, u64, String),
    /// The version of the files of `content/` that are not pages.
    assets_version: u64,
    /// The templates, with every static file's hashed name.
    pub(crate) templates: Templates,
    statics: Vec<(String, Arc<[u8]>)>,
    /// The files of `content/` that are not pages (paths relative to `content/`).
    assets: Vec<(String, Arc<[u8]>)>,
    /// What Markdown can point at, with image sizes.
    pub(crate) local: LocalFiles,
}

impl Tools {
    /// The tools for `sources` at `base_path`, reusing `old` when nothing they depend on changed.
    pub(crate) fn prepare(old: Option<Tools>, sources: &Sources, base_path: &str) -> Result<Tools> {
        let key = (
            sources.templates_version(),
            sources.statics_version(),
            base_path.to_owned(),
        );
        let files = sources.files();
        let assets_version = sources.assets_version();
        let local = || LocalFiles::new(&files.assets, &files.statics);
        let published = || shared(&files.assets);
        if let Some(mut tools) = old.filter(|t| t.key == key) {
            if tools.assets_version != assets_version {
                (tools.assets_version, tools.assets, tools.local) =
                    (assets_version, published(), local());
            }
            return Ok(tools);
        }
        let all_statics = crate::theme::statics(&files.statics);
        let assets = Assets::new(all_statics.iter().copied());
        let templates = templates::load(&files.templates, base_path, assets)?;
        let statics = all_statics
            .into_iter()
            .map(|(path, bytes)| (path.to_owned(), Arc::from(bytes)))
            .collect();
        Ok(Tools {
            key,
            assets_version,
            templates,
            statics,
            assets: published(),
            local: local(),
        })
    }

    /// What every rendering depends on besides the site: the versions of the templates, of
    /// the static files (whose hashed names templates print) and of the files beside the pages
    /// (whose URLs and sizes the Markdown holds).
    pub(crate) fn version(&self) -> u64 {
        super::fingerprint::hash_of(&(self.key.0, self.key.1, self.assets_version))
    }
}

/// Files as (path, shared bytes).
fn shared(files: &[StaticFile]) -> Vec<(String, Arc<[u8]>)> {
    files
        .iter()
        .map(|f| (f.rel_path.clone(), Arc::from(f.bytes.as_slice())))
        .collect()
}

/// Rendered bytes and the fingerprint of what they were rendered from.
struct Rendered {
    fingerprint: u64,
    files: Vec<SharedFile>,
}

/// An output file as snapshots share it: its path and bytes, counted references.
pub(crate) type SharedFile = (Arc<str>, Arc<[u8]>);

/// Every page's last rendering, and the site-wide files'.
#[derive(Default)]
pub(crate) struct Renderings {
    /// Output path -> rendering.
    pages: HashMap<String, Rendered>,
    extras: Option<Rendered>,
    search: SearchBundle,
}

/// The search bundle and the pages (URL, HTML) it was made from, in site order.
#[derive(Default)]
struct SearchBundle {
    on: bool,
    pages: Vec<(String, Arc<[u8]>)>,
    files: Vec<SharedFile>,
}

/// One rebuild's inputs.
pub(crate) struct Inputs<'a> {
    pub(crate) renderer: Renderer<'a>,
    pub(crate) hashes: &'a Hashes,
    pub(crate) markdown: &'a HashMap<std::ffi::OsString, (u64, u64, RenderedMarkdown)>,
    pub(crate) sources: &'a Sources,
    pub(crate) tools: &'a Tools,
}

impl Renderings {
    /// Renders the pages whose fingerprint changed, and the site-wide files if theirs did;
    /// returns how many pages were rendered.
    pub(crate) fn update(&mut self, input: &Inputs) -> Result<usize> {
        let Renderer { site, shared, .. } = input.renderer;
        let tools = input.tools.version();
        let paths: Vec<String> = site.pages.iter().map(render::output_path).collect();
        let dirty: Vec<(usize, u64)> = (0..site.pages.len())
            .into_par_iter()
            .filter_map(|i| {
                let version = input.sources.content_version(&site.pages[i].source_path);
                let fingerprint = input.hashes.page(site, shared, i, version, tools);
                let cached = self.pages.get(&paths[i]);
                (cached.is_none_or(|c| c.fingerprint != fingerprint)).then_some((i, fingerprint))
            })
            .collect();
        let results: Vec<_> = dirty
            .par_iter()
            .map(|&(i, fingerprint)| Ok((i, render_page(input, i, fingerprint)?)))
            .collect();
        let results = crate::error::in_order(results)?;
        self.update_extras(input, tools)?;
        if self.pages.len() != paths.len() || !dirty.is_empty() {
            let live: std::collections::HashSet<&String> = paths.iter().collect();
            self.pages.retain(|path, _| live.contains(path));
        }
        for (i, rendered) in results {
            self.pages.insert(paths[i].clone(), rendered);
        }
        self.update_search(site)?;
        Ok(dirty.len())
    }

    /// Renders pages `indexes` again (their text changed, nothing else did); returns each one's
    /// output path and new bytes.
    pub(crate) fn render_pages(
        &mut self,
        input: &Inputs,
        indexes: &[usize],
    ) -> Result<Vec<SharedFile>> {
        let Renderer { site, shared, .. } = input.renderer;
        let tools = input.tools.version();
        let results: Vec<_> = indexes
            .par_iter()
            .map(|&i| {
                let version = input.sources.content_version(&site.pages[i].source_path);
                render_page(input, i, input.hashes.page(site, shared, i, version, tools))
            })
            .collect();
        let mut written = Vec::new();
        for rendered in crate::error::in_order(results)? {
            for (path, bytes) in &rendered.files {
                written.push((Arc::clone(path), Arc::clone(bytes)));
            }
            if let Some((path, _)) = rendered.files.first() {
                self.pages.insert(path.to_string(), rendered);
            }
        }
        self.update_search(site)?;
        Ok(written)
    }

    /// Whether the site has a search bundle (it is made from every page).
    pub(crate) fn has_search(&self) -> bool {
        self.search.on
    }

    /// Indexes the pages again when the HTML of any page in the index changed (or the set of
    /// pages did); as in a full build, the index is made from the pages' rendered bytes.
    fn update_search(&mut self, site: &Site) -> Result<()> {
        let pages: Vec<(String, Arc<[u8]>)> = if site.config.search {
            site.pages
                .iter()
                .filter(|page| page.front.search)
                .filter_map(|page| {
                    let rendered = self.pages.get(&render::output_path(page))?;
                    let (_, html) = rendered.files.first()?;
                    Some((render::page_url(site, page), Arc::clone(html)))
                })
                .collect()
        } else {
            Vec::new()
        };
        let same = |a: &(String, Arc<[u8]>), b: &(String, Arc<[u8]>)| {
            a.0 == b.0 && (Arc::ptr_eq(&a.1, &b.1) || a.1 == b.1)
        };
        let unchanged = self.search.on == site.config.search
            && pages.len() == self.search.pages.len()
            && pages
                .iter()
                .zip(&self.search.pages)
                .all(|(a, b)| same(a, b));
        if unchanged {
            return Ok(());
        }
        let files = if site.config.search {
            let documents = pages
                .iter()
                .map(|(url, html)| search::Document {
                    url: url.clone(),
                    html: String::from_utf8_lossy(html).into_owned(),
                })
                .collect();
            search::index_documents(documents)?
                .into_iter()
                .map(|(path, bytes)| (Arc::from(path), Arc::from(bytes)))
                .collect()
        } else {
            Vec::new()
        };
        self.search = SearchBundle {
            on: site.config.search,
            pages,
            files,
        };
        Ok(())
    }

    /// Renders the site-wide files when their inputs changed.
    fn update_extras(&mut self, input: &Inputs, tools: u64) -> Result<()> {
        let fingerprint = input.hashes.extras(tools);
        if self
            .extras
            .as_ref()
            .is_some_and(|e| e.fingerprint == fingerprint)
        {
            return Ok(());
        }
        self.extras = Some(rendering(fingerprint, input.renderer.extras()?));
        Ok(())
    }

    /// Puts pages, site-wide files and static files together, as `build::render_files` does.
    pub(crate) fn assemble(&self, input: &Inputs) -> Result<BTreeMap<Arc<str>, Arc<[u8]>>> {
        let mut files: BTreeMap<Arc<str>, Arc<[u8]>> = BTreeMap::new();
        let pages = input
            .renderer
            .site
            .pages
            .iter()
            .filter_map(|p| self.pages.get(&render::output_path(p)));
        for rendered in pages.chain(self.extras.iter()) {
            files.extend(rendered.files.iter().cloned());
        }
        files.extend(self.search.files.iter().cloned());
        let assets = publish_assets(input.renderer, input.tools, |p| files.contains_key(p))?;
        for (path, bytes) in assets {
            files.insert(Arc::from(path), bytes);
        }
        let statics = input
            .tools
            .statics
            .iter()
            .map(|(path, bytes)| (path.as_str(), Arc::clone(bytes)));
        for (path, bytes) in input.renderer.statics(statics, |p| files.contains_key(p))? {
            files.insert(Arc::from(path), bytes);
        }
        Ok(files)
    }
}

/// Page `index` rendered from its cached Markdown, kept with `fingerprint`.
fn render_page(input: &Inputs, index: usize, fingerprint: u64) -> Result<Rendered> {
    let page = &input.renderer.site.pages[index];
    let markdown = &input
        .markdown
        .get(page.source_path.as_os_str())
        .expect("Markdown rendered for every page")
        .2;
    let file = input.renderer.page(index, markdown)?;
    Ok(rendering(fingerprint, vec![file]))
}

fn rendering(fingerprint: u64, files: Vec<(String, Vec<u8>)>) -> Rendered {
    let files = files
        .into_iter()
        .map(|(path, bytes)| (Arc::from(path), Arc::from(bytes)))
        .collect();
    Rendered { fingerprint, files }
}

/// The files of a preview: the home page (the first page in site order) and the static files,
/// rendered as a full render would render them.
pub(crate) fn preview(renderer: Renderer, tools: &Tools) -> Result<BTreeMap<Arc<str>, Arc<[u8]>>> {
    let mut files: BTreeMap<Arc<str>, Arc<[u8]>> = BTreeMap::new();
    if !renderer.site.pages.is_empty() {
        let markdown = renderer.markdown(0)?;
        let (path, bytes) = renderer.page(0, &markdown)?;
        files.insert(Arc::from(path), Arc::from(bytes));
    }
    for (path, bytes) in publish_assets(renderer, tools, |p| files.contains_key(p))? {
        files.insert(Arc::from(path), bytes);
    }
    let statics = tools
        .statics
        .iter()
        .map(|(path, bytes)| (path.as_str(), Arc::clone(bytes)));
    for (path, bytes) in renderer.statics(statics, |p| files.contains_key(p))? {
        files.insert(Arc::from(path), bytes);
    }
    Ok(files)
}

/// The files of `content/` that are not pages, at their output paths, as `build` publishes
/// them; `is_generated` tells the paths written already.
fn publish_assets(
    renderer: Renderer,
    tools: &Tools,
    is_generated: impl Fn(&str) -> bool,
) -> Result<Vec<(String, Arc<[u8]>)>> {
    let statics: Vec<&str> = tools.statics.iter().map(|(p, _)| p.as_str()).collect();
    let assets = tools
        .assets
        .iter()
        .map(|(path, bytes)| (path.as_str(), Arc::clone(bytes)));
    crate::local_files::publish(renderer.site, assets, &statics, is_generated)
}
