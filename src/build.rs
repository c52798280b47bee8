//! The pipeline: read -> parse -> assemble -> Markdown -> render -> search index -> write.
//!
//! [`render`] runs every stage in memory and returns a [`Built`] site; [`build`] writes it
//! atomically to the output folder. `check` and `serve` reuse [`render`] and never write.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::Result;
use crate::front_matter;
use crate::markdown::RenderedMarkdown;
use crate::output::{self, Output};
use crate::render::{self, Shared};
use crate::search;
use crate::site::{self, Site};
use crate::source::{self, SiteFiles};
use crate::templates::{self, Assets};

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
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let dest = output::check_destination(&options.output_dir(), &options.root)?;
    let built = render(options)?;
    output::write_atomic(&built.output, &dest)?;
    Ok(BuildReport {
        pages: built.site.pages.len(),
        static_files: built.static_files,
        output_dir: options.output_dir(),
        elapsed: started.elapsed(),
        search: built
            .site
            .config
            .search
            .then(|| search::Sizes::of(&built.output)),
    })
}

/// Runs every stage in memory.
pub fn render(options: &BuildOptions) -> Result<Built> {
    let files = source::read_site(&options.root)?;
    render_files(&files, options.base_url.as_deref(), options.drafts)
}

/// Runs every stage after reading, on files already in memory.
pub fn render_files(files: &SiteFiles, base_url: Option<&str>, drafts: bool) -> Result<Built> {
    let parsed = files
        .content
        .par_iter()
        .map(front_matter::parse)
        .collect::<Result<Vec<_>>>()?;
    let site = site::assemble(parsed, base_url, drafts)?;
    let assets = Arc::new(Assets::new(&files.statics));
    let tera = templates::load(
        &files.templates,
        &site.config.base_path,
        Arc::clone(&assets),
    )?;
    let markdown: Vec<RenderedMarkdown> = site
        .pages
        .par_iter()
        .map(|page| crate::markdown::render(&page.body, &site.config.base_path))
        .collect();
    let shared = Shared::new(&site)?;
    let mut output = render::render_site(&site, &markdown, &tera, &shared)?;
    for (path, bytes) in search::index(&site, &output)? {
        output.insert(path, bytes);
    }
    let mut used = templates::literal_assets(&files.templates);
    if let Ok(runtime) = assets.used.lock() {
        used.extend(runtime.iter().cloned());
    }
    let hashed = assets
        .hashed
        .iter()
        .filter(|(k, _)| used.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    output::add_statics(&mut output, &files.statics, &hashed)?;
    Ok(Built {
        site,
        markdown,
        output,
        static_files: files.statics.len(),
    })
}
