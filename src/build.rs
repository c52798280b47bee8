//! The one chain of stages, and its two whole-site consumers.
//!
//! ```text
//! LOAD     source::read_site               -> SiteFiles
//! PARSE    front_matter::parse (each file) -> [ParsedPage] (build: parse_leaving_body)
//! DATA     data::attach_figures, data::tables (inside assemble) -> figures and tables of data/
//! ASSEMBLE site::assemble                  -> Site
//! PREPARE  templates::load + render::Shared -> Prepared (a render::Renderer)
//! RENDER   Renderer::markdown, Renderer::page (each page) -> (path, bytes)
//! EXTRAS   Renderer::extras                -> 404, feed, sitemap, robots
//! INDEX    search                          -> pagefind/ bundle
//! ASSETS   local_files::publish            -> the files of content/ that are not pages
//! STATICS  Renderer::statics               -> static files and their hashed copies
//! WRITE    output::Staging (build)         -> the output folder, with each text file's .gz
//!                                             and .br copies when the site sets `precompress`
//! ```
//!
//! [`build`] streams the chain: each page's file is read, its front matter parsed and its text
//! let go (its body is read again when it renders); pages are rendered in parallel and each is
//! written as soon as it is rendered, as is each site-wide file, through a staging folder
//! swapped in at the end. So memory holds the front matter of the site, never its bodies nor
//! its rendered pages: about 10 KB a page. [`render`] collects the same chain in memory and returns a
//! [`Built`] site with every output file, for `check`. `serve` runs the same stages through
//! [`incremental`](crate::incremental), which keeps each stage's output between edits. All
//! three produce the same bytes.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{Error, Result, in_order};
use crate::front_matter::{self, ParsedPage};
use crate::local_files::{self, LocalFiles};
use crate::markdown::RenderedMarkdown;
use crate::output::{self, Output};
use crate::render::{Renderer, Shared};
use crate::search;
use crate::site::{self, Site};
use crate::source::{self, SiteFiles};
use crate::templates::{self, Assets, Templates};

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
#[derive(Debug, Clone, PartialEq)]
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
    /// Things the writer should know that did not stop the build (a symbolic link loop, an
    /// unclosed `<!--` comment, flattened nesting), in the order of the files; `gongjiang
    /// build` prints each as `warning: ...`.
    pub warnings: Vec<Error>,
}

/// Builds the site and writes it atomically to the output folder.
///
/// Pages are written as they are rendered, from every core, and dropped once written: the
/// build holds neither the site's bodies nor its rendered pages in memory.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let dest = output::check_destination(&options.output_dir(), &options.root)?;
    let (files, pages, mut warnings) = source::read_site_but_pages(&options.root)?;
    // Each page's text is read, parsed and let go: the build keeps front matter, not bodies
    // (a body is read again when its page renders).
    let parsed = pages
        .into_par_iter()
        .map(|rel| {
            let file = source::read_text(&options.root, &rel)?;
            front_matter::parse_leaving_body(&file, &options.root)
        })
        .collect();
    let prepared = prepare(
        in_order(parsed)?,
        &files,
        options.base_url.as_deref(),
        options.drafts,
    )?;
    let front_warnings = prepared.site.pages.iter().map(|p| &p.front.warnings);
    warnings.extend(front_warnings.flatten().cloned());
    if prepared.site.config.base_url.is_none() {
        warnings.push(no_base_url());
    }
    let renderer = prepared.renderer();
    let staging = output::Staging::new(&dest, prepared.site.config.precompress)?;
    let indexer = prepared
        .site
        .config
        .search
        .then(search::Indexer::start)
        .transpose()?;
    let pages = (0..prepared.site.pages.len())
        .into_par_iter()
        .map(|i| {
            let markdown = renderer.markdown(i)?;
            let warnings = renderer.warnings(i, &markdown)?;
            let (path, bytes) = renderer.page(i, &markdown)?;
            staging.write(&path, &bytes)?;
            if let Some(indexer) = &indexer {
                let page = &prepared.site.pages[i];
                indexer.add(i, search::document(&prepared.site, page, &bytes));
            }
            Ok(((path, bytes.len()), warnings))
        })
        .collect();
    let (mut written, page_warnings): (Vec<_>, Vec<_>) = in_order(pages)?.into_iter().unzip();
    warnings.extend(page_warnings.into_iter().flatten());
    let mut write = |(path, bytes): (String, Vec<u8>)| {
        staging.write(&path, &bytes)?;
        written.push((path, bytes.len()));
        Ok(())
    };
    renderer.each_extra(&mut write)?;
    if let Some(indexer) = indexer {
        indexer.finish()?.into_iter().try_for_each(&mut write)?;
    }
    let mut generated: HashSet<&str> = written.iter().map(|(path, _)| path.as_str()).collect();
    let assets = publish_assets(&prepared.site, &files, |p| generated.contains(p))?;
    generated.extend(assets.iter().map(|(path, _)| path.as_str()));
    let statics = renderer.statics(static_bytes(&files), |p| generated.contains(p))?;
    // Written from every core: with `precompress`, each file is also compressed here.
    in_order(
        assets
            .par_iter()
            .chain(statics.par_iter())
            .map(|(p, b)| staging.write(p, b))
            .collect(),
    )?;
    let copied = assets.into_iter().chain(statics);
    written.extend(copied.map(|(path, bytes)| (path, bytes.len())));
    staging.commit()?;
    let sizes = written.iter().map(|(path, len)| (path.as_str(), *len));
    Ok(BuildReport {
        pages: prepared.site.pages.len(),
        static_files: static_bytes(&files).len(),
        output_dir: options.output_dir(),
        elapsed: started.elapsed(),
        search: prepared
            .site
            .config
            .search
            .then(|| search::Sizes::of(sizes)),
        warnings,
    })
}

/// Runs every stage in memory.
pub fn render(options: &BuildOptions) -> Result<Built> {
    let files = source::read_site(&options.root)?;
    render_files(&files, options.base_url.as_deref(), options.drafts)
}

/// Runs every stage after reading, on files already in memory, and keeps every output file and
/// each page's rendered Markdown (what `check` needs).
pub fn render_files(files: &SiteFiles, base_url: Option<&str>, drafts: bool) -> Result<Built> {
    let parsed = in_order(files.content.par_iter().map(front_matter::parse).collect())?;
    let prepared = prepare(parsed, files, base_url, drafts)?;
    let renderer = prepared.renderer();
    let pages = (0..prepared.site.pages.len())
        .into_par_iter()
        .map(|i| {
            let markdown = renderer.markdown(i)?;
            Ok((renderer.page(i, &markdown)?, markdown))
        })
        .collect();
    let mut output = Output::default();
    let mut markdown = Vec::new();
    for ((path, bytes), page_markdown) in in_order(pages)? {
        output.insert(path, bytes);
        markdown.push(page_markdown);
    }
    let bundle = search::index(&prepared.site, &output)?;
    output.files.extend(renderer.extras()?);
    output.files.extend(bundle);
    let assets = publish_assets(&prepared.site, files, |p| output.files.contains_key(p))?;
    for (path, bytes) in assets {
        output.insert(path, bytes.to_vec());
    }
    let statics = renderer.statics(static_bytes(files), |p| output.files.contains_key(p))?;
    for (path, bytes) in statics {
        output.insert(path, bytes.to_vec());
    }
    let static_files = static_bytes(files).len();
    Ok(Built {
        site: prepared.site,
        markdown,
        output,
        static_files,
    })
}

/// The warning of a build without a base URL: what it did not write, and how to give one.
fn no_base_url() -> Error {
    Error::new(crate::error::ErrorKind::NoBaseUrl)
        .at(crate::error::Location::file("content/_index.md"))
        .hint(crate::i18n::msg!("hint-no-base-url"))
}

/// The static files as (path, bytes) pairs: the site's and the built-in theme's it does not
/// replace.
fn static_bytes(files: &SiteFiles) -> Vec<(&str, &[u8])> {
    crate::theme::statics(&files.statics)
}

/// The files of `content/` that are not pages, at their output paths (see
/// [`local_files::publish`]); `is_generated` tells the paths the build wrote already.
fn publish_assets<'f>(
    site: &Site,
    files: &'f SiteFiles,
    is_generated: impl Fn(&str) -> bool,
) -> Result<Vec<(String, &'f [u8])>> {
    let statics: Vec<&str> = files.statics.iter().map(|f| f.rel_path.as_str()).collect();
    let assets = files
        .assets
        .iter()
        .map(|f| (f.rel_path.as_str(), f.bytes.as_slice()));
    local_files::publish(site, assets, &statics, is_generated)
}

/// The output of PREPARE: the site assembled, its shared template data and its templates.
pub struct Prepared {
    /// The assembled site.
    pub site: Site,
    shared: Shared,
    templates: Templates,
    local: LocalFiles,
}

impl Prepared {
    /// The render stages over this site.
    pub fn renderer(&self) -> Renderer<'_> {
        Renderer {
            site: &self.site,
            shared: &self.shared,
            templates: &self.templates,
            local: &self.local,
        }
    }
}

/// ASSEMBLE and PREPARE: places the parsed pages in the site and loads its templates.
pub fn prepare(
    parsed: Vec<ParsedPage>,
    files: &SiteFiles,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Prepared> {
    let site = site::assemble(parsed, &files.data, base_url, drafts)?;
    let templates = templates::load(
        &files.templates,
        &site.config.base_path,
        Assets::new(crate::theme::statics(&files.statics)),
    )?;
    let shared = Shared::new(&site)?;
    let local = LocalFiles::new(&files.assets, &files.statics);
    Ok(Prepared {
        site,
        shared,
        templates,
        local,
    })
}
