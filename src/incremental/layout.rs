//! Parse and assemble, reusing the last assembled site when an edit touched only page bodies.
//!
//! Front matter is parsed again only for files whose version changed. When every changed file
//! kept its front matter (the text before the body is the same) and no file was added or removed,
//! the site's layout cannot have changed: order, URLs, parents, summaries, menu and key figures
//! all come from front matter and paths. The last [`SiteState`] is then patched with the new
//! bodies instead of assembling 10,000 pages and serialising their summaries again. This relies
//! on `render::Shared` not reading page bodies; debug builds check it on every reuse.

use std::collections::HashMap;
use std::ffi::OsString;

use rayon::prelude::*;

use super::fingerprint::Hashes;
use super::{BaseUrl, Sources};
use crate::error::Result;
use crate::front_matter::{self, ParsedPage};
use crate::render::Shared;
use crate::site::{self, Site};
use crate::source::SourceFile;

/// A parsed content file.
struct Parsed {
    version: u64,
    page: ParsedPage,
    /// Hash of the text before the body (the front matter block).
    front: u64,
}

/// The assembled site with what was computed from it.
pub(crate) struct SiteState {
    /// The site.
    pub(crate) site: Site,
    /// Template data shared by every page.
    pub(crate) shared: Shared,
    /// Hashes of `shared`.
    pub(crate) hashes: Hashes,
    /// Content file -> (version, front matter hash) this state was built from.
    files: HashMap<OsString, (u64, u64)>,
    /// Source path -> index in `site.pages`.
    index: HashMap<OsString, usize>,
    /// The version of `data/` this state was built from.
    data_version: u64,
}

impl SiteState {
    /// Records `parsed` (a file this state was built from, with the same front matter) as its
    /// source, and gives its page the new body.
    fn take_body(&mut self, parsed: &Parsed) {
        let path = parsed.page.source_path.as_os_str();
        if let Some(entry) = self.files.get_mut(path) {
            *entry = (parsed.version, parsed.front);
        }
        if let Some(&i) = self.index.get(path) {
            self.site.pages[i].body.clone_from(&parsed.page.body);
        }
    }

    /// The index in `site.pages` of the page made from content file `rel_path` (none for a
    /// draft left out).
    pub(crate) fn page_index(&self, rel_path: &std::path::Path) -> Option<usize> {
        self.index.get(rel_path.as_os_str()).copied()
    }
}

/// The parse cache and the last assembled site.
#[derive(Default)]
pub(crate) struct Layout {
    parsed: HashMap<OsString, Parsed>,
    last: Option<SiteState>,
}

impl Layout {
    /// The site for `sources`: patched from the last one when only bodies changed, else
    /// assembled anew.
    pub(crate) fn update(
        &mut self,
        sources: &Sources,
        base_url: &BaseUrl,
        drafts: bool,
    ) -> Result<&SiteState> {
        self.parse(sources)?;
        let state = match self.last.take() {
            Some(state) if self.bodies_only(&state, sources) => self.patch(state, sources)?,
            _ => self.assemble(sources, base_url, drafts)?,
        };
        Ok(self.last.insert(state))
    }

    /// The last site with new bodies for the content files `changed` (indexes in
    /// `sources.files().content`), when those are the only files that changed since it was
    /// made and each kept its front matter: a body edit then costs its own pages, not a look
    /// at every file. `None` when the site must be assembled with [`Layout::update`].
    pub(crate) fn patch_bodies(
        &mut self,
        sources: &Sources,
        changed: &[usize],
    ) -> Result<Option<&SiteState>> {
        let Some(state) = self.last.as_mut() else {
            return Ok(None);
        };
        let content = &sources.files().content;
        let fresh = changed
            .par_iter()
            .filter_map(|&i| content.get(i))
            .map(|file| parse_file(file, sources))
            .collect::<Result<Vec<_>>>()?;
        let same_front = fresh.iter().all(|parsed| {
            let path = parsed.page.source_path.as_os_str();
            state
                .files
                .get(path)
                .is_some_and(|&(_, front)| front == parsed.front)
        });
        for parsed in fresh {
            if same_front {
                state.take_body(&parsed);
            }
            let path = parsed.page.source_path.clone().into_os_string();
            self.parsed.insert(path, parsed);
        }
        Ok(same_front.then_some(&*state))
    }

    /// Parses the files whose version is new; forgets files that are gone.
    fn parse(&mut self, sources: &Sources) -> Result<()> {
        let stale: Vec<&SourceFile> = sources
            .files()
            .content
            .iter()
            .filter(|f| {
                self.parsed
                    .get(f.rel_path.as_os_str())
                    .is_none_or(|p| p.version != sources.content_version(&f.rel_path))
            })
            .collect();
        let fresh = stale
            .par_iter()
            .map(|file| parse_file(file, sources))
            .collect::<Result<Vec<_>>>()?;
        for parsed in fresh {
            self.parsed
                .insert(parsed.page.source_path.clone().into_os_string(), parsed);
        }
        self.parsed
            .retain(|path, _| sources.content_version(path) != 0);
        Ok(())
    }

    /// True when the files are those `state` was built from, each with the same front matter.
    fn bodies_only(&self, state: &SiteState, sources: &Sources) -> bool {
        let content = &sources.files().content;
        state.data_version == sources.data_version()
            && content.len() == state.files.len()
            && content.iter().all(|f| {
                match (
                    state.files.get(f.rel_path.as_os_str()),
                    self.parsed.get(f.rel_path.as_os_str()),
                ) {
                    (Some(&(version, front)), Some(parsed)) => {
                        version == parsed.version || front == parsed.front
                    }
                    _ => false,
                }
            })
    }

    /// `state` with the new bodies of the files that changed.
    fn patch(&self, mut state: SiteState, sources: &Sources) -> Result<SiteState> {
        for file in &sources.files().content {
            let parsed = &self.parsed[file.rel_path.as_os_str()];
            let seen = state.files.get(file.rel_path.as_os_str());
            if seen.is_some_and(|&(version, _)| version != parsed.version) {
                state.take_body(parsed);
            }
        }
        if cfg!(debug_assertions) {
            let fresh = Hashes::new(&state.site, &Shared::new(&state.site)?);
            assert!(
                fresh == state.hashes,
                "render::Shared must not depend on page bodies"
            );
        }
        Ok(state)
    }

    /// Assembles the site from every parsed file, as `build::render_files` does.
    fn assemble(&self, sources: &Sources, base_url: &BaseUrl, drafts: bool) -> Result<SiteState> {
        let content = &sources.files().content;
        let parsed: Vec<ParsedPage> = content
            .iter()
            .filter_map(|f| self.parsed.get(f.rel_path.as_os_str()))
            .map(|p| p.page.clone())
            .collect();
        let base_url = base_url.resolve(&parsed);
        let site = site::assemble(parsed, &sources.files().data, base_url.as_deref(), drafts)?;
        let shared = Shared::new(&site)?;
        let hashes = Hashes::new(&site, &shared);
        let files = self
            .parsed
            .iter()
            .map(|(path, p)| (path.clone(), (p.version, p.front)))
            .collect();
        let index = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source_path.clone().into_os_string(), i))
            .collect();
        Ok(SiteState {
            site,
            shared,
            hashes,
            files,
            index,
            data_version: sources.data_version(),
        })
    }
}

/// Parses one content file, with its version and the hash of its front matter block.
fn parse_file(file: &SourceFile, sources: &Sources) -> Result<Parsed> {
    let page = front_matter::parse(file)?;
    let body = page.body.as_text().map_or(0, str::len);
    let cut = file.text.len().saturating_sub(body);
    let front = super::fingerprint::hash_of(file.text.get(..cut).unwrap_or(&file.text));
    Ok(Parsed {
        version: sources.content_version(&file.rel_path),
        page,
        front,
    })
}
