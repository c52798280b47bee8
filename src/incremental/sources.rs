//! The site's files held in memory between rebuilds, each with a version.
//!
//! [`Sources`] starts empty and stale; [`Sources::update`] then reads the whole site once
//! (`source::read_site`) and afterwards only the paths a file watcher names. A content file's
//! version changes only when its text does, and `templates/` and `static/` each have one version
//! that changes when any file in them does, so later stages can key their caches on versions
//! instead of comparing text. `data/` is small and read again as a whole when anything in it
//! changes; it has one version too, and so do the files of `content/` that are not pages (images
//! beside the pages), listed again when one of them changes. A path that is new, gone, a folder or a symbolic link makes its
//! folder be listed again with `source::list_files`, so the set of files is always the one a full
//! read would find. Any error marks the sources stale: the next update reads everything again.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use super::fingerprint::hash_of;
use crate::error::Result;
use crate::source::{self, Origin, SiteFiles, SourceFile, StaticFile, read_bytes};

/// The site's files in memory, with versions (see the module docs).
#[derive(Debug)]
pub struct Sources {
    root: PathBuf,
    /// `root`, resolved, to recognise the absolute paths a watcher reports.
    canonical_root: Option<PathBuf>,
    files: SiteFiles,
    /// Content file -> (hash of its text, version, index in `files.content`). Keyed by the
    /// path's bytes: hashing a `Path` walks its components, which shows on 10,000-page sites.
    content_versions: HashMap<OsString, (u64, u64, usize)>,
    templates_version: u64,
    statics_version: u64,
    data_version: u64,
    /// The version of the files of `content/` that are not pages (images, PDFs...).
    assets_version: u64,
    /// The version at which the set of content files was last replaced (read or listed again).
    listing_version: u64,
    /// Content files read again since the listing was replaced: (version, index in
    /// `files.content`), so a rebuild can find what changed without looking at every file.
    edits: Vec<(u64, usize)>,
    next_version: u64,
    stale: bool,
}

impl Sources {
    /// Sources for the site at `root`, not read yet: the first [`Sources::update`] reads it all.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Sources {
            canonical_root: root.canonicalize().ok(),
            root,
            files: SiteFiles::default(),
            content_versions: HashMap::new(),
            templates_version: 0,
            statics_version: 0,
            data_version: 0,
            assets_version: 0,
            listing_version: 0,
            edits: Vec::new(),
            next_version: 1,
            stale: true,
        }
    }

    /// The files as a full read would give them.
    pub fn files(&self) -> &SiteFiles {
        &self.files
    }

    /// The site root.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The version of a content file's text (0 when unknown).
    pub(crate) fn content_version(&self, rel_path: impl AsRef<std::ffi::OsStr>) -> u64 {
        self.content_versions
            .get(rel_path.as_ref())
            .map_or(0, |&(_, version, _)| version)
    }

    /// A number that changes whenever any file changes, appears or goes (a renderer that saw
    /// this generation has nothing new to do).
    pub(crate) fn generation(&self) -> u64 {
        self.next_version
    }

    /// The version of the template set.
    pub(crate) fn templates_version(&self) -> u64 {
        self.templates_version
    }

    /// The version of the static files.
    pub(crate) fn statics_version(&self) -> u64 {
        self.statics_version
    }

    /// The content files (indexes in `files().content`) whose text changed after generation
    /// `since`, in order; `None` when the set of files was replaced since, so that any file may
    /// have changed.
    pub(crate) fn content_changed_since(&self, since: u64) -> Option<Vec<usize>> {
        if self.listing_version > since {
            return None;
        }
        let mut changed: Vec<usize> = self
            .edits
            .iter()
            .filter(|(version, _)| *version > since)
            .map(|&(_, index)| index)
            .collect();
        changed.sort_unstable();
        changed.dedup();
        Some(changed)
    }

    /// The version of the data files.
    pub(crate) fn data_version(&self) -> u64 {
        self.data_version
    }

    /// The version of the files of `content/` that are not pages.
    pub(crate) fn assets_version(&self) -> u64 {
        self.assets_version
    }

    /// Brings the files up to date after changes to `paths` (absolute, or relative to the
    /// root). Paths outside `content/`, `templates/` and `static/`, and editor swap or backup
    /// files, are ignored. Reads everything when the sources are stale.
    pub fn update(&mut self, paths: &[PathBuf]) -> Result<()> {
        let result = if self.stale {
            self.read_all()
        } else {
            self.apply(paths)
        };
        self.stale = result.is_err();
        result
    }

    /// The site folder (`content`, `templates` or `static`) of a path [`Sources::update`] would
    /// look at; `None` for any other path.
    pub(crate) fn folder_of(&self, path: &Path) -> Option<&'static str> {
        self.classify(path).map(|(folder, _)| folder.folder())
    }

    fn bump(&mut self) -> u64 {
        self.next_version += 1;
        self.next_version
    }

    fn read_all(&mut self) -> Result<()> {
        let files = source::read_site(&self.root)?;
        if self.canonical_root.is_none() {
            self.canonical_root = self.root.canonicalize().ok();
        }
        self.set_content(files.content);
        self.set_templates(files.templates);
        self.set_statics(files.statics);
        self.set_data(files.data);
        self.set_assets(files.assets);
        Ok(())
    }

    fn apply(&mut self, paths: &[PathBuf]) -> Result<()> {
        let mut touched: HashMap<Origin, BTreeSet<PathBuf>> = HashMap::new();
        let mut relist: BTreeSet<Origin> = BTreeSet::new();
        let mut assets: BTreeSet<PathBuf> = BTreeSet::new();
        for path in paths {
            let Some((folder, rel)) = self.classify(path) else {
                continue;
            };
            if folder == Origin::Content && !source::is_markdown(&rel) {
                // An image or another file beside the pages; a folder may hold pages too.
                let is_file =
                    std::fs::symlink_metadata(self.root.join(&rel)).is_ok_and(|m| !m.is_dir());
                let held_pages = self
                    .content_versions
                    .keys()
                    .any(|p| Path::new(p).starts_with(&rel));
                assets.insert(rel.clone());
                if is_file || (!held_pages && !self.root.join(&rel).is_dir()) {
                    continue;
                }
            }
            if !self.is_known_file(folder, &rel) {
                relist.insert(folder);
            }
            touched.entry(folder).or_default().insert(rel);
        }
        let mut folders: Vec<_> = touched.into_iter().collect();
        folders.sort();
        for (folder, rels) in folders {
            if relist.contains(&folder) {
                self.relist(folder, &rels)?;
            } else {
                self.reread(folder, &rels)?;
            }
        }
        if !assets.is_empty() {
            self.relist_assets(&assets)?;
        }
        Ok(())
    }

    /// Lists the files of `content/` that are not pages again; reads those that are new or
    /// were touched, keeps the others.
    fn relist_assets(&mut self, touched: &BTreeSet<PathBuf>) -> Result<()> {
        let listed: Vec<PathBuf> = source::list_files(&self.root, Origin::Content.folder())?
            .into_iter()
            .filter(|rel| !source::is_markdown(rel))
            .collect();
        let old: HashMap<&str, &StaticFile> = self
            .files
            .assets
            .iter()
            .map(|f| (f.rel_path.as_str(), f))
            .collect();
        let mut assets = Vec::with_capacity(listed.len());
        for rel in listed {
            let name =
                source::slash_path(rel.strip_prefix(Origin::Content.folder()).unwrap_or(&rel));
            match old.get(name.as_str()) {
                Some(file) if !touched.contains(&rel) => assets.push((*file).clone()),
                _ => assets.extend(source::read_assets(&self.root, &[rel])?),
            }
        }
        self.set_assets(assets);
        Ok(())
    }

    fn set_assets(&mut self, assets: Vec<StaticFile>) {
        if assets != self.files.assets || self.assets_version == 0 {
            self.assets_version = self.bump();
            self.files.assets = assets;
        }
    }

    /// `(folder, path relative to the root)` for a path inside one of the site's folders, unless
    /// a part of it is a hidden, swap or backup file.
    fn classify(&self, path: &Path) -> Option<(Origin, PathBuf)> {
        let rel: PathBuf = self.relative(path)?.components().collect();
        let mut parts = rel.components();
        let folder = Origin::of(&rel)?;
        parts.next();
        for part in parts {
            match part {
                Component::Normal(name) if !source::is_ignored(name) => {}
                _ => return None,
            }
        }
        Some((folder, rel))
    }

    /// `path` relative to the root: absolute or root-prefixed paths (as a watcher reports them)
    /// lose the root; other relative paths are taken as relative to the root already.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let roots = [Some(&self.root), self.canonical_root.as_ref()];
        let stripped = roots
            .into_iter()
            .flatten()
            .find_map(|root| path.strip_prefix(root).ok());
        match stripped {
            Some(rel) => Some(rel.to_path_buf()),
            None => path.is_relative().then(|| path.to_path_buf()),
        }
    }

    /// A file read before that is still a plain file: it can be read again on its own.
    fn is_known_file(&self, folder: Origin, rel: &Path) -> bool {
        let known = match folder {
            Origin::Content => self.content_versions.contains_key(rel.as_os_str()),
            Origin::Templates => self
                .files
                .templates
                .iter()
                .any(|(name, _)| *name == template_name(rel)),
            Origin::Static => self
                .files
                .statics
                .iter()
                .any(|f| f.rel_path == static_name(rel)),
            Origin::Data | Origin::Output => false,
        };
        known && std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|m| m.is_file())
    }

    fn reread(&mut self, folder: Origin, rels: &BTreeSet<PathBuf>) -> Result<()> {
        match folder {
            Origin::Content => {
                for rel in rels {
                    let file = source::read_text(&self.root, rel)?;
                    let (hash, version) = self.content_version_for(&file);
                    if let Some(entry) = self.content_versions.get_mut(rel.as_os_str()) {
                        (entry.0, entry.1) = (hash, version);
                        self.files.content[entry.2] = file;
                        self.edits.push((version, entry.2));
                    }
                }
            }
            Origin::Templates => {
                let mut changed = false;
                for rel in rels {
                    let text = source::read_text(&self.root, rel)?.text;
                    let name = template_name(rel);
                    if let Some((_, old)) =
                        self.files.templates.iter_mut().find(|(n, _)| *n == name)
                    {
                        changed |= *old != text;
                        *old = text;
                    }
                }
                if changed {
                    self.templates_version = self.bump();
                }
            }
            Origin::Static => {
                let mut changed = false;
                for rel in rels {
                    let bytes = read_bytes(&self.root, rel)?;
                    let name = static_name(rel);
                    if let Some(old) = self.files.statics.iter_mut().find(|f| f.rel_path == name) {
                        changed |= old.bytes != bytes;
                        old.bytes = bytes;
                    }
                }
                if changed {
                    self.statics_version = self.bump();
                }
            }
            Origin::Data | Origin::Output => self.set_data(source::read_data(&self.root)?),
        }
        Ok(())
    }

    /// Lists `folder` again; reads the files that are new or were touched, keeps the others.
    fn relist(&mut self, folder: Origin, touched: &BTreeSet<PathBuf>) -> Result<()> {
        if matches!(folder, Origin::Data | Origin::Output) {
            self.set_data(source::read_data(&self.root)?);
            return Ok(());
        }
        let listed = source::list_files(&self.root, folder.folder())?;
        match folder {
            Origin::Content => {
                // Moved out, not copied: on an error the sources are stale and read again.
                let mut old: HashMap<PathBuf, SourceFile> = std::mem::take(&mut self.files.content)
                    .into_iter()
                    .map(|f| (f.rel_path.clone(), f))
                    .collect();
                let content = listed
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .map(|rel| match old.remove(&rel) {
                        Some(file) if !touched.contains(&rel) => Ok(file),
                        _ => source::read_text(&self.root, &rel),
                    })
                    .collect::<Result<Vec<_>>>()?;
                self.set_content(content);
            }
            Origin::Templates => {
                let old: HashMap<&str, &str> = self
                    .files
                    .templates
                    .iter()
                    .map(|(n, t)| (n.as_str(), t.as_str()))
                    .collect();
                let templates = listed
                    .into_iter()
                    .map(|rel| {
                        let name = template_name(&rel);
                        match old.get(name.as_str()) {
                            Some(text) if !touched.contains(&rel) => Ok((name, (*text).to_owned())),
                            _ => Ok((name, source::read_text(&self.root, &rel)?.text)),
                        }
                    })
                    .collect::<Result<Vec<_>>>()?;
                self.set_templates(templates);
            }
            Origin::Static => {
                let old: HashMap<&str, &StaticFile> = self
                    .files
                    .statics
                    .iter()
                    .map(|f| (f.rel_path.as_str(), f))
                    .collect();
                let statics = listed
                    .into_iter()
                    .map(|rel| {
                        let name = static_name(&rel);
                        match old.get(name.as_str()) {
                            Some(file) if !touched.contains(&rel) => Ok((*file).clone()),
                            _ => Ok(StaticFile {
                                bytes: read_bytes(&self.root, &rel)?,
                                rel_path: name,
                            }),
                        }
                    })
                    .collect::<Result<Vec<_>>>()?;
                self.set_statics(statics);
            }
            Origin::Data | Origin::Output => {}
        }
        Ok(())
    }

    /// Replaces the content files, keeping the version of every file whose text is unchanged.
    fn set_content(&mut self, content: Vec<SourceFile>) {
        let versions = content
            .iter()
            .enumerate()
            .map(|(i, file)| {
                let (hash, version) = self.content_version_for(file);
                (file.rel_path.clone().into_os_string(), (hash, version, i))
            })
            .collect::<HashMap<_, _>>();
        if self
            .content_versions
            .keys()
            .any(|path| !versions.contains_key(path))
        {
            self.bump();
        }
        self.content_versions = versions;
        self.files.content = content;
        self.listing_version = self.bump();
        self.edits.clear();
    }

    /// The (hash, version) of a file's text: the one it had if the text is the same, else new.
    fn content_version_for(&mut self, file: &SourceFile) -> (u64, u64) {
        let hash = hash_of(&file.text);
        match self.content_versions.get(file.rel_path.as_os_str()) {
            Some(&(old, version, _)) if old == hash => (hash, version),
            _ => (hash, self.bump()),
        }
    }

    fn set_templates(&mut self, templates: Vec<(String, String)>) {
        if templates != self.files.templates || self.templates_version == 0 {
            self.templates_version = self.bump();
            self.files.templates = templates;
        }
    }

    fn set_data(&mut self, data: Vec<SourceFile>) {
        if data != self.files.data || self.data_version == 0 {
            self.data_version = self.bump();
            self.files.data = data;
        }
    }

    fn set_statics(&mut self, statics: Vec<StaticFile>) {
        if statics != self.files.statics || self.statics_version == 0 {
            self.statics_version = self.bump();
            self.files.statics = statics;
        }
    }
}

/// `templates/partials/toc.html` -> `partials/toc.html`, as `source::read_site` names templates.
fn template_name(rel: &Path) -> String {
    source::slash_path(rel.strip_prefix("templates").unwrap_or(rel))
}

/// `static/css/site.css` -> `css/site.css`, as `source::read_site` names static files.
fn static_name(rel: &Path) -> String {
    source::slash_path(rel.strip_prefix("static").unwrap_or(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    #[test]
    fn versions_follow_text_and_listing_follows_disk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(root, "content/a.md", "a");
        write(root, "templates/base.html", "t");
        let mut sources = Sources::new(root);
        sources.update(&[]).expect("first read");
        let a = sources.content_version(Path::new("content/a.md"));
        let templates = sources.templates_version();
        write(root, "content/b/c.md", "c");
        write(root, "content/.a.md.swp", "swap");
        sources
            .update(&[root.join("content/b"), root.join("content/.a.md.swp")])
            .expect("new folder");
        assert_eq!(
            sources.content_version(Path::new("content/a.md")),
            a,
            "untouched file keeps its version"
        );
        assert_eq!(sources.files(), &source::read_site(root).expect("read"));
        write(root, "content/a.md", "a2");
        sources.update(&[root.join("content/a.md")]).expect("edit");
        assert_ne!(sources.content_version(Path::new("content/a.md")), a);
        assert_eq!(sources.templates_version(), templates);
        std::fs::remove_file(root.join("content/b/c.md")).expect("remove");
        sources
            .update(&[PathBuf::from("content/b/c.md")])
            .expect("removal");
        assert_eq!(sources.files(), &source::read_site(root).expect("read"));
    }

    #[test]
    fn an_error_makes_the_next_update_read_everything() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(root, "content/a.md", "a");
        let mut sources = Sources::new(root);
        sources.update(&[]).expect("first read");
        std::fs::write(root.join("content/a.md"), b"\xff").expect("write");
        assert!(sources.update(&[root.join("content/a.md")]).is_err());
        write(root, "content/a.md", "fixed");
        write(root, "content/new.md", "new");
        sources.update(&[]).expect("reads everything");
        assert_eq!(sources.files(), &source::read_site(root).expect("read"));
    }
}
