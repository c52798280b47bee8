//! The pipeline: read -> parse -> assemble -> Markdown -> render -> search index -> write.
//!
//! [`build`] renders pages in parallel and writes each one as soon as it is rendered, through
//! a staging folder swapped in at the end, so memory holds the parsed site but never the whole
//! rendered one. [`render`] runs the same stages in memory and returns a [`Built`] site with every
//! output file: `check` and `serve` use it and never write. Both produce the same bytes.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{Result, in_order};
use crate::front_matter::{self, ParsedPage};
use crate::markdown::RenderedMarkdown;
use crate::output::{self, Output};
use crate::render::{self, Shared};
use crate::search;
use crate::site::{self, Site};
use crate::source::{self, SiteFiles};
use crate::templates::{self, Assets};
use tera::Tera;

/// What to build and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// The site root (holding `content/`, `templates/`, `static/`).
    pub root: PathBuf,
    /// Output folder; `root/public` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides the site's base URL.
    pub base_url: Option<String>,
    /// Includes pages marked `draft: true`.
    pub drafts: bool,
}

impl BuildOptions {
    /// Options for the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    /// The assembled site.
    pub site: Site,
    /// Each page's rendered Markdown, index-aligned with `site.pages`.
    pub markdown: Vec<RenderedMarkdown>,
    /// Every output file.
    pub output: Output,
    /// Number of files copied from `static/`.
    pub static_files: usize,
}

/// What a build did, for the one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Pages rendered.
    pub pages: usize,
    /// Static files copied.
    pub static_files: usize,
    /// Where the site was written.
    pub output_dir: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
    /// What the search bundle (`pagefind/`) weighs, when the site has search on.
    pub search: Option<search::Sizes>,
}

/// Builds the site and writes it atomically to the output folder.
///
/// Pages are written as they are rendered, from every core, and dropped once written: the
/// build never holds the whole rendered site in memory.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let dest = output::check_destination(&options.output_dir(), &options.root)?;
    let mut files = source::read_site(&options.root)?;
    // Each source text is dropped as soon as it is parsed: the build keeps only the bodies.
    let content = std::mem::take(&mut files.content);
    let parsed = content
        .into_par_iter()
        .map(|file| front_matter::parse(&file))
        .collect();
    let prepared = prepare(
        in_order(parsed)?,
        &files,
        options.base_url.as_deref(),
        options.drafts,
    )?;
    let staging = output::Staging::new(&dest)?;
    let indexer = prepared
        .site
        .config
        .search
        .then(search::Indexer::start)
        .transpose()?;
    let mut written = prepared.write_pages(&staging, indexer.as_ref())?;
    let mut rest = prepared.extras()?;
    if let Some(indexer) = indexer {
        rest.extend(indexer.finish()?);
    }
    let generated: HashSet<String> = written.iter().map(|(path, _)| path.clone()).collect();
    let is_generated = |path: &str| generated.contains(path) || rest.contains_key(path);
    let statics = prepared.statics(&files, is_generated)?;
    for (path, bytes) in rest.into_iter().chain(statics) {
        staging.write(&path, &bytes)?;
        written.push((path, bytes.len()));
    }
    staging.commit()?;
    let sizes = written.iter().map(|(path, len)| (path.as_str(), *len));
    Ok(BuildReport {
        pages: prepared.site.pages.len(),
        static_files: files.statics.len(),
        output_dir: options.output_dir(),
        elapsed: started.elapsed(),
        search: prepared
            .site
            .config
            .search
            .then(|| search::Sizes::of(sizes)),
    })
}

/// Runs every stage in memory.
pub fn render(options: &BuildOptions) -> Result<Built> {
    let files = source::read_site(&options.root)?;
    render_files(&files, options.base_url.as_deref(), options.drafts)
}

/// Runs every stage after reading, on files already in memory, and keeps every output file and
/// each page's rendered Markdown (what `check` and `serve` need).
pub fn render_files(files: &SiteFiles, base_url: Option<&str>, drafts: bool) -> Result<Built> {
    let parsed = in_order(files.content.par_iter().map(front_matter::parse).collect())?;
    let prepared = prepare(parsed, files, base_url, drafts)?;
    let pages = (0..prepared.site.pages.len())
        .into_par_iter()
        .map(|i| prepared.render_page(i))
        .collect();
    let mut output = Output::default();
    let mut markdown = Vec::new();
    for (path, bytes, page_markdown) in in_order(pages)? {
        output.insert(path, bytes);
        markdown.push(page_markdown);
    }
    let bundle = search::index(&prepared.site, &output)?;
    output.files.extend(prepared.extras()?);
    output.files.extend(bundle);
    for (path, bytes) in prepared.statics(files, |path| output.files.contains_key(path))? {
        output.insert(path, bytes);
    }
    Ok(Built {
        site: prepared.site,
        markdown,
        output,
        static_files: files.statics.len(),
    })
}

/// The site parsed and assembled, with its templates loaded: everything pages render from.
struct Prepared {
    site: Site,
    tera: Tera,
    shared: Shared,
    assets: Arc<Assets>,
}

/// Assembles the parsed pages into the site and loads its templates.
fn prepare(
    parsed: Vec<ParsedPage>,
    files: &SiteFiles,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Prepared> {
    let site = site::assemble(parsed, base_url, drafts)?;
    let assets = Arc::new(Assets::new(&files.statics));
    let tera = templates::load(
        &files.templates,
        &site.config.base_path,
        Arc::clone(&assets),
    )?;
    let shared = Shared::new(&site)?;
    Ok(Prepared {
        site,
        tera,
        shared,
        assets,
    })
}

impl Prepared {
    /// Renders page `i`: its output path, its bytes and its rendered Markdown.
    fn render_page(&self, i: usize) -> Result<(String, Vec<u8>, RenderedMarkdown)> {
        let page = &self.site.pages[i];
        let markdown = crate::markdown::render(&page.body, &self.site.config.base_path);
        let bytes = render::render_page(&self.site, i, &markdown, &self.tera, &self.shared)?;
        Ok((render::output_path(page), bytes, markdown))
    }

    /// Renders every page in parallel and writes each one as soon as it is rendered, handing
    /// it to the search indexer too; returns each page's output path and size, in site order.
    fn write_pages(
        &self,
        staging: &output::Staging,
        indexer: Option<&search::Indexer>,
    ) -> Result<Vec<(String, usize)>> {
        let pages = (0..self.site.pages.len())
            .into_par_iter()
            .map(|i| {
                let (path, bytes, _) = self.render_page(i)?;
                staging.write(&path, &bytes)?;
                if let Some(indexer) = indexer {
                    indexer.add(i, search::document(&self.site, &self.site.pages[i], &bytes));
                }
                Ok((path, bytes.len()))
            })
            .collect();
        in_order(pages)
    }

    /// The site-wide files: `404.html`, the sitemap, `robots.txt`, the feed.
    fn extras(&self) -> Result<BTreeMap<String, Vec<u8>>> {
        let mut extras = Output::default();
        render::render_extras(&self.site, &self.tera, &self.shared, &mut extras)?;
        Ok(extras.files)
    }

    /// The static files, with a hashed copy of each asset the templates asked for; called
    /// once every template has rendered. `is_generated` tells which paths the build took.
    fn statics(
        &self,
        files: &SiteFiles,
        is_generated: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, Vec<u8>)>> {
        let mut used = templates::literal_assets(&files.templates);
        if let Ok(runtime) = self.assets.used.lock() {
            used.extend(runtime.iter().cloned());
        }
        let statics = files
            .statics
            .iter()
            .map(|f| (f.rel_path.as_str(), f.bytes.clone()));
        output::static_files(statics, &self.assets.hashed, &used, is_generated)
    }
}
