//! Render what changed, and put the site's files together.
//!
//! Each page's bytes are kept with its fingerprint and the hashed names of the assets it asked
//! `asset_url` for; a page is rendered again when either changed. To know which assets a page
//! used, pages are rendered by a few workers, each with its own copy of the templates whose
//! `asset_url` records into the worker's own set, emptied between pages.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Tera;

use super::Sources;
use super::fingerprint::Hashes;
use crate::error::Result;
use crate::markdown::RenderedMarkdown;
use crate::output::{self, Output};
use crate::render::{self, Shared};
use crate::search;
use crate::site::Site;
use crate::templates::{self, Assets};

/// Templates loaded once per worker, and the static files, for one (templates, statics, base
/// path) combination.
pub(crate) struct Tools {
    key: (u64, u64, String),
    workers: Vec<(Tera, Arc<Assets>)>,
    hashed: BTreeMap<String, String>,
    statics: Vec<(String, Arc<[u8]>)>,
}

impl Tools {
    /// The tools for `sources` at `base_path`, reusing `old` when nothing they depend on changed.
    pub(crate) fn prepare(old: Option<Tools>, sources: &Sources, base_path: &str) -> Result<Tools> {
        let key = (
            sources.templates_version(),
            sources.statics_version(),
            base_path.to_owned(),
        );
        if let Some(tools) = old.filter(|t| t.key == key) {
            return Ok(tools);
        }
        let files = sources.files();
        let hashed = Assets::new(&files.statics).hashed;
        let mut workers = Vec::new();
        for _ in 0..rayon::current_num_threads().max(1) {
            let assets = Arc::new(Assets {
                hashed: hashed.clone(),
                used: Default::default(),
            });
            workers.push((
                templates::load(&files.templates, base_path, Arc::clone(&assets))?,
                assets,
            ));
        }
        let statics = files
            .statics
            .iter()
            .map(|f| (f.rel_path.clone(), Arc::from(f.bytes.as_slice())))
            .collect();
        Ok(Tools {
            key,
            workers,
            hashed,
            statics,
        })
    }
}

/// Rendered bytes and what they were rendered from.
struct Rendered {
    fingerprint: u64,
    /// Every asset `asset_url` was asked for, with the hashed name it had.
    assets: Vec<(String, String)>,
    files: Vec<(String, Arc<[u8]>)>,
}

impl Rendered {
    fn is_valid(&self, fingerprint: u64, hashed: &BTreeMap<String, String>) -> bool {
        self.fingerprint == fingerprint
            && self
                .assets
                .iter()
                .all(|(path, name)| hashed.get(path) == Some(name))
    }
}

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
    files: Vec<(String, Arc<[u8]>)>,
}

/// One rebuild's inputs.
pub(crate) struct Inputs<'a> {
    pub(crate) site: &'a Site,
    pub(crate) shared: &'a Shared,
    pub(crate) hashes: &'a Hashes,
    pub(crate) markdown: &'a HashMap<std::ffi::OsString, (u64, String, RenderedMarkdown)>,
    pub(crate) sources: &'a Sources,
    pub(crate) tools: &'a Tools,
}

impl Renderings {
    /// Renders the pages whose fingerprint or assets changed, and the site-wide files if theirs
    /// did; returns how many pages were rendered.
    pub(crate) fn update(&mut self, input: &Inputs) -> Result<usize> {
        let (site, tools) = (input.site, input.tools);
        let templates = input.sources.templates_version();
        let paths: Vec<String> = site.pages.iter().map(render::output_path).collect();
        let dirty: Vec<(usize, u64)> = (0..site.pages.len())
            .into_par_iter()
            .filter_map(|i| {
                let version = input.sources.content_version(&site.pages[i].source_path);
                let fingerprint = input.hashes.page(site, input.shared, i, version, templates);
                let cached = self.pages.get(&paths[i]);
                (!cached.is_some_and(|c| c.is_valid(fingerprint, &tools.hashed)))
                    .then_some((i, fingerprint))
            })
            .collect();
        let indexes: Vec<usize> = dirty.iter().map(|(i, _)| *i).collect();
        let results = in_workers(&tools.workers, &indexes, |tera, i| {
            let page = &site.pages[i];
            let html = &input
                .markdown
                .get(page.source_path.as_os_str())
                .expect("Markdown rendered for every page")
                .2;
            Ok(vec![(
                paths[i].clone(),
                render::render_page(site, i, html, tera, input.shared)?,
            )])
        })?;
        self.update_extras(input, templates)?;
        if self.pages.len() != paths.len() || !dirty.is_empty() {
            let live: std::collections::HashSet<&String> = paths.iter().collect();
            self.pages.retain(|path, _| live.contains(path));
        }
        for ((i, fingerprint), (_, files, assets)) in dirty.iter().zip(results) {
            let rendered = rendering(*fingerprint, files, assets, &tools.hashed);
            self.pages.insert(paths[*i].clone(), rendered);
        }
        self.update_search(site)?;
        Ok(dirty.len())
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
                .map(|(path, bytes)| (path, Arc::from(bytes)))
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

    /// Renders `404.html`, `feed.xml`, `sitemap.xml` and `robots.txt` when their inputs changed.
    fn update_extras(&mut self, input: &Inputs, templates: u64) -> Result<()> {
        let fingerprint = input.hashes.extras(templates);
        if self
            .extras
            .as_ref()
            .is_some_and(|e| e.is_valid(fingerprint, &input.tools.hashed))
        {
            return Ok(());
        }
        let mut results = in_workers(&input.tools.workers[..1], &[0], |tera, _| {
            let mut output = Output::default();
            render::render_extras(input.site, tera, input.shared, &mut output)?;
            Ok(output.files.into_iter().collect())
        })?;
        let (_, files, assets) = results.pop().expect("one result per item");
        self.extras = Some(rendering(fingerprint, files, assets, &input.tools.hashed));
        Ok(())
    }

    /// Puts pages, site-wide files and static files together, as `build::render_files` does.
    pub(crate) fn assemble(&self, input: &Inputs) -> Result<BTreeMap<String, Arc<[u8]>>> {
        let tools = input.tools;
        let mut files: BTreeMap<String, Arc<[u8]>> = BTreeMap::new();
        let mut used = templates::literal_assets(&input.sources.files().templates);
        let pages = input
            .site
            .pages
            .iter()
            .filter_map(|p| self.pages.get(&render::output_path(p)));
        for rendered in pages.chain(self.extras.iter()) {
            used.extend(rendered.assets.iter().map(|(path, _)| path.clone()));
            files.extend(rendered.files.iter().cloned());
        }
        files.extend(self.search.files.iter().cloned());
        let statics = tools
            .statics
            .iter()
            .map(|(path, bytes)| (path.as_str(), Arc::clone(bytes)));
        for (path, bytes) in
            output::static_files(statics, &tools.hashed, &used, |p| files.contains_key(p))?
        {
            files.insert(path, bytes);
        }
        Ok(files)
    }
}

fn rendering(
    fingerprint: u64,
    files: Vec<(String, Vec<u8>)>,
    used: BTreeSet<String>,
    hashed: &BTreeMap<String, String>,
) -> Rendered {
    let assets = used
        .into_iter()
        .filter_map(|path| hashed.get(&path).cloned().map(|name| (path, name)))
        .collect();
    let files = files
        .into_iter()
        .map(|(path, bytes)| (path, Arc::from(bytes)))
        .collect();
    Rendered {
        fingerprint,
        assets,
        files,
    }
}

/// What a worker rendered for one item: the item, its files, the assets it asked for.
type WorkerResult = (usize, Vec<(String, Vec<u8>)>, BTreeSet<String>);

/// Renders `items` spread over the workers in parallel, recording each item's assets. Results
/// come back in the order of `items`.
fn in_workers<F>(
    workers: &[(Tera, Arc<Assets>)],
    items: &[usize],
    render: F,
) -> Result<Vec<WorkerResult>>
where
    F: Fn(&Tera, usize) -> Result<Vec<(String, Vec<u8>)>> + Sync,
{
    let count = workers.len().max(1);
    let per_worker = workers
        .par_iter()
        .enumerate()
        .map(|(w, (tera, assets))| {
            items
                .iter()
                .enumerate()
                .skip(w)
                .step_by(count)
                .map(|(at, &i)| {
                    take_used(assets);
                    let files = render(tera, i)?;
                    Ok((at, (i, files, take_used(assets))))
                })
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()?;
    let mut all: Vec<(usize, WorkerResult)> = per_worker.into_iter().flatten().collect();
    all.sort_by_key(|(at, _)| *at);
    Ok(all.into_iter().map(|(_, result)| result).collect())
}

/// Empties a worker's record of the assets asked for, returning it.
fn take_used(assets: &Assets) -> BTreeSet<String> {
    match assets.used.lock() {
        Ok(mut used) => std::mem::take(&mut *used),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    }
}
