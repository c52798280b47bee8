//! Search: a full-text index of the rendered pages, made by Pagefind, written under `pagefind/`.
//!
//! Input: the assembled [`Site`] and each page's rendered HTML (from the [`Output`] of
//! `render`, before anything is injected by `serve`). Output: the files of a Pagefind bundle —
//! `pagefind/pagefind.js`, `pagefind-entry.json`, the WebAssembly search core, and the chunked
//! `index/` and `fragment/` files the browser fetches only for the words it looks up — as
//! relative paths and bytes, to be added to the `Output`.
//!
//! It runs only when the site sets `search: true`. A page with `search: false` is left out, and
//! `404.html` is never indexed (it is not a page of the site). Pagefind reads the part of each
//! page that the templates mark with `data-pagefind-body` and skips `data-pagefind-ignore`.
//! With its `extended` feature it segments Chinese into words (ICU's dictionary segmenter) for
//! pages whose `<html lang>` is `zh-*`, as the browser's `Intl.Segmenter` does with the query.
//!
//! Pagefind's API is async. Indexing runs on a thread of its own with a current-thread tokio
//! runtime, so it works the same from `build` (no runtime) and from `serve` (called inside
//! one, where blocking on a nested runtime would panic). Pages are added in site order, so the
//! same input gives the same bytes.

use crate::i18n::{Message, msg};
use std::fmt;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::{Error, ErrorKind, Result, SearchStep};
use crate::output::Output;
use crate::render;
use crate::site::{Page, Site};

/// The folder of the output that holds the search bundle.
pub(crate) const BUNDLE_DIR: &str = "pagefind/";

/// Bundle files that only Pagefind's ready-made interfaces use; our own interface
/// (`static/js/search.js` in the microsite) needs the search API alone, so they are not written.
const UNUSED: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
];

/// A page as given to the indexer: its root-relative URL and its HTML.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Root-relative URL with the base path (`/reform/skills/`): search results link to it.
    pub url: String,
    /// The rendered page.
    pub html: String,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Document({}, {} bytes)", self.url, self.html.len())
    }
}

/// What the indexer gets for `page`, whose rendered HTML is `html`; `None` when the page is
/// marked `search: false`.
pub(crate) fn document(site: &Site, page: &Page, html: &[u8]) -> Option<Document> {
    page.front.search.then(|| Document {
        url: render::page_url(site, page),
        html: String::from_utf8_lossy(html).into_owned(),
    })
}

/// The pages to index, in site order: every page not marked `search: false`, with the HTML
/// `html` gives for its output path (`skills/index.html`). Empty when search is off.
pub(crate) fn documents<'a>(site: &Site, html: impl Fn(&str) -> Option<&'a [u8]>) -> Vec<Document> {
    if !site.config.search {
        return Vec::new();
    }
    site.pages
        .iter()
        .filter_map(|page| document(site, page, html(&render::output_path(page))?))
        .collect()
}

/// The search bundle for the site's pages in `output` (see the module docs): paths under
/// [`BUNDLE_DIR`] with their bytes, in path order. Empty when the site's `search` is off.
pub(crate) fn index(site: &Site, output: &Output) -> Result<Bundle> {
    if !site.config.search {
        return Ok(Vec::new());
    }
    index_documents(documents(site, |path| output.get(path)))
}

/// The files of a search bundle: paths under [`BUNDLE_DIR`] with their bytes, in path order.
pub(crate) type Bundle = Vec<(String, Vec<u8>)>;

/// Indexes `documents` with Pagefind on a thread of its own (see the module docs).
pub(crate) fn index_documents(documents: Vec<Document>) -> Result<Bundle> {
    let indexer = Indexer::start()?;
    for (position, document) in documents.into_iter().enumerate() {
        indexer.add(position, Some(document));
    }
    indexer.finish()
}

/// A Pagefind index built on a thread of its own while the pages are still rendering, so that
/// setting Pagefind up and indexing overlap the build. Pages may arrive in any order from any
/// thread, each with its position in site order; they are indexed in that order, so the bundle
/// is the same whatever the threads did.
#[derive(Debug)]
pub(crate) struct Indexer {
    sender: std::sync::mpsc::Sender<(usize, Option<Document>)>,
    thread: std::thread::JoinHandle<Result<Bundle>>,
}

impl Indexer {
    /// Starts the indexer thread.
    pub(crate) fn start() -> Result<Indexer> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("gongjiang-search".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| search_error(SearchStep::Start, Some(&e)))?;
                runtime.block_on(run_pagefind(receiver))
            })
            .map_err(|e| search_error(SearchStep::Thread, Some(&e)))?;
        Ok(Indexer { sender, thread })
    }

    /// Gives the page at `position` in site order: `None` for a page left out of search. Every
    /// position from 0 up must be given once.
    pub(crate) fn add(&self, position: usize, document: Option<Document>) {
        // A send fails only when the indexer has stopped on an error, which `finish` reports.
        let _ = self.sender.send((position, document));
    }

    /// Waits for the index and returns the bundle's files (see [`index`]).
    pub(crate) fn finish(self) -> Result<Bundle> {
        drop(self.sender);
        self.thread
            .join()
            .map_err(|_| search_error(SearchStep::Stopped, None))?
    }
}

/// Runs Pagefind over the pages `receiver` gives, in position order.
async fn run_pagefind(
    receiver: std::sync::mpsc::Receiver<(usize, Option<Document>)>,
) -> Result<Bundle> {
    let config = PagefindServiceConfig::builder()
        .keep_index_url(false)
        .write_playground(false)
        .verbose(false)
        .build();
    let mut index =
        PagefindIndex::new(Some(config)).map_err(|e| search_error(SearchStep::Setup, Some(&e)))?;
    // Pages that arrived ahead of their turn, by position.
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    // Blocking on the channel is fine here: this runtime runs nothing else.
    for (position, document) in receiver {
        waiting.insert(position, document);
        while let Some(document) = waiting.remove(&next) {
            next += 1;
            let Some(document) = document else { continue };
            let url = document.url;
            index
                .add_html_file(None, Some(url.clone()), document.html)
                .await
                .map_err(|e| search_error(SearchStep::Index { url }, Some(&e)))?;
        }
    }
    let files = index
        .get_files()
        .await
        .map_err(|e| search_error(SearchStep::Write, Some(&e)))?;
    let mut bundle: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|file| {
            let rel = file.filename.to_string_lossy().replace('\\', "/");
            (!UNUSED.contains(&rel.as_str())).then(|| (format!("{BUNDLE_DIR}{rel}"), file.contents))
        })
        .collect();
    bundle.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}

fn search_error(step: SearchStep, cause: Option<&dyn std::fmt::Display>) -> Error {
    let cause = cause.map(ToString::to_string);
    Error::new(ErrorKind::SearchIndex { step, cause }).hint(msg!("hint-search-index"))
}

/// What the search bundle weighs, beside the rest of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sizes {
    /// The index proper: `pagefind-entry.json`, metadata, `index/`, `fragment/`, `filter/`.
    pub index: usize,
    /// Pagefind's search script, worker and WebAssembly core (the same for any site).
    pub runtime: usize,
    /// Every other file of the output.
    pub site: usize,
}

impl Sizes {
    /// The sizes of the files listed as (path, length).
    pub(crate) fn of<'a>(files: impl IntoIterator<Item = (&'a str, usize)>) -> Sizes {
        let mut sizes = Sizes::default();
        for (path, len) in files {
            match path.strip_prefix(BUNDLE_DIR) {
                Some(rel) if rel.ends_with(".js") || rel.starts_with("wasm.") => {
                    sizes.runtime += len;
                }
                Some(_) => sizes.index += len,
                None => sizes.site += len,
            }
        }
        sizes
    }
}

impl Sizes {
    /// `search index 18 KB + Pagefind 143 KB (0.11× + 0.85× the rest of the site)`.
    pub fn message(&self) -> Message {
        let ratio = |bytes: usize| format!("{:.2}", bytes as f64 / self.site.max(1) as f64);
        msg!(
            "search-sizes",
            index = self.index.div_ceil(1024).to_string(),
            runtime = self.runtime.div_ceil(1024).to_string(),
            index_ratio = ratio(self.index),
            runtime_ratio = ratio(self.runtime)
        )
    }
}

impl fmt::Display for Sizes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}
