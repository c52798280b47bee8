//! Write: the in-memory output tree, and how it reaches the disk.
//!
//! [`Output`] maps relative paths to bytes (a `BTreeMap`, so iteration order — and the build —
//! is deterministic); `check` and `serve` keep the site in one. `build` writes through a
//! `Staging` folder instead, page by page from every core as pages are rendered, and swaps it
//! in only when everything was written; a failed build leaves the previous output as it was and
//! no stray folder. It replaces only a folder that is empty or carries the marker a previous
//! build left, so it never destroys a user's files. With `precompress: true` it writes each text
//! file's `.gz` and `.br` copies beside it ([`crate::precompress`]), from the same thread.

use crate::error::IoAction;
use crate::i18n::msg;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Refusal, Result};
use crate::precompress;
use crate::source::Origin;

/// The file that marks a folder as written by gongjiang.
pub const MARKER: &str = ".gongjiang-output";

/// The built site: relative path (with `/`) -> bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Output {
    /// The files, in path order.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// Adds or replaces a file.
    pub(crate) fn insert(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, bytes);
    }

    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The static files to write, in order, each preceded by its content-hashed copy when `hashed`
/// names one (original -> hashed name). `is_generated` tells which paths the build already
/// wrote: a static file at one of them is an error, naming the page that writes the path when
/// `page_writing` knows it (its Markdown file).
pub(crate) fn static_files<'a, T: Clone>(
    statics: impl IntoIterator<Item = (&'a str, T)>,
    hashed: &BTreeMap<String, String>,
    is_generated: impl Fn(&str) -> bool,
    page_writing: impl Fn(&str) -> Option<PathBuf>,
) -> Result<Vec<(String, T)>> {
    let mut files = Vec::new();
    for (path, bytes) in statics {
        if is_generated(path) {
            return Err(static_collision(path, page_writing(path).as_deref()));
        }
        if let Some(name) = hashed.get(path) {
            files.push((name.clone(), bytes.clone()));
        }
        files.push((path.to_owned(), bytes));
    }
    Ok(files)
}

/// The error for a static file that would overwrite a generated one; `page` is the Markdown
/// file of the page written there, when it is a page.
fn static_collision(rel_path: &str, page: Option<&Path>) -> Error {
    let hint = match page {
        Some(page) => msg!("hint-static-collision-page", page = page),
        None => msg!("hint-static-collision-file"),
    };
    Error::new(ErrorKind::StaticCollision {
        path: rel_path.to_owned(),
        page: page.map(Path::to_path_buf),
    })
    .at(Location::file(Origin::Static.path(rel_path)))
    .hint(hint)
}

/// Refuses destinations that are not ours to replace: the site root or its ancestors, the
/// home folder, the site's source folders, or a non-empty folder without our marker.
pub(crate) fn check_destination(dest: &Path, root: &Path) -> Result<PathBuf> {
    let refuse = |why: Refusal| {
        Err(Error::new(ErrorKind::RefusedOutput {
            dest: dest.to_path_buf(),
            why,
        })
        .hint(msg!("hint-refused-output")))
    };
    let root = root
        .canonicalize()
        .map_err(|e| Error::io(IoAction::Resolve, root, e))?;
    let dest = absolute(dest)?;
    if root.starts_with(&dest) {
        return refuse(Refusal::SiteRoot);
    }
    if std::env::var_os("HOME").is_some_and(|home| Path::new(&home) == dest) {
        return refuse(Refusal::Home);
    }
    for source in ["content", "templates", "static"] {
        if dest.starts_with(root.join(source)) {
            return refuse(Refusal::InSource { folder: source });
        }
    }
    match std::fs::read_dir(&dest) {
        Ok(mut entries) => {
            let empty = entries.next().is_none();
            if !empty && !dest.join(MARKER).is_file() {
                return refuse(Refusal::NotOurs);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return refuse(Refusal::File);
        }
        Err(e) => return Err(Error::io(IoAction::Read, &dest, e)),
    }
    Ok(dest)
}

/// An absolute, normalised path (symbolic links in existing ancestors resolved).
fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(IoAction::ReadCurrentFolder, path, e))?
            .join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve the longest existing prefix, so `out -> /elsewhere` links are seen for what they are.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

/// A new output folder being written beside the destination. Files go in from any thread;
/// [`Staging::commit`] swaps the folder into place. Dropped without a commit, it removes itself,
/// so a failed build leaves the previous output as it was and no stray folder.
///
/// A file whose bytes equal the previous output's file at the same path is hard-linked from
/// there instead of written: less for the disk to do, and an unchanged page keeps its
/// modification time, so `rsync` and CDN uploads skip it. The previous folder is never
/// modified, so the swap stays atomic.
///
/// With `precompress`, every text file is followed by its encoded copies
/// ([`precompress::copies`]): one place, so no output file can miss them.
#[derive(Debug)]
pub(crate) struct Staging {
    dest: PathBuf,
    dir: PathBuf,
    /// Where the previous output is moved during the swap.
    aside: PathBuf,
    /// The previous output, when it exists and was written by us.
    previous: Option<PathBuf>,
    /// Writes the `.gz` and `.br` copies of text files.
    precompress: bool,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder for `dest` (which comes from [`check_destination`]);
    /// `precompress` adds the encoded copies of text files.
    pub(crate) fn new(dest: &Path, precompress: bool) -> Result<Staging> {
        let parent = dest.parent().ok_or_else(|| {
            Error::new(ErrorKind::RefusedOutput {
                dest: dest.to_path_buf(),
                why: Refusal::NoParent,
            })
        })?;
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(IoAction::CreateFolder, parent, e))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let unique = format!("{}-{}", std::process::id(), nanos());
        let dir = parent.join(format!(".{name}.gongjiang-new-{unique}"));
        let aside = parent.join(format!(".{name}.gongjiang-old-{unique}"));
        std::fs::create_dir(&dir).map_err(|e| Error::io(IoAction::CreateFolder, &dir, e))?;
        let previous = dest.join(MARKER).is_file().then(|| dest.to_path_buf());
        Ok(Staging {
            dest: dest.to_path_buf(),
            dir,
            aside,
            previous,
            precompress,
            committed: false,
        })
    }

    /// Writes one file (a relative path with `/`), creating its folders, then its encoded
    /// copies when the build precompresses.
    ///
    /// A file the previous output has with the same bytes keeps that output's copies (hard
    /// links): compressing is the slow part of a precompressing build, and the copies of the
    /// same bytes are the same.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let unchanged = self.write_file(rel, bytes)?;
        if !self.precompress || (unchanged && self.link_previous_copies(rel)) {
            return Ok(());
        }
        for (path, encoded) in precompress::copies(rel, bytes)? {
            self.write_file(&path, &encoded)?;
        }
        Ok(())
    }

    /// Hard-links the previous output's copies of `rel`; false when it has none.
    fn link_previous_copies(&self, rel: &str) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let copies = precompress::Encoding::ALL.map(|e| format!("{rel}.{}", e.extension()));
        if !copies.iter().all(|copy| previous.join(copy).is_file()) {
            return false;
        }
        let linked = copies
            .iter()
            .all(|copy| std::fs::hard_link(previous.join(copy), self.dir.join(copy)).is_ok());
        if !linked {
            // A link made is removed, not written through: the previous output stays as it was.
            for copy in &copies {
                let _ = std::fs::remove_file(self.dir.join(copy));
            }
        }
        linked
    }

    /// Writes one file, or hard-links the previous output's file when its bytes are the same
    /// (then returns true).
    fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<bool> {
        let rel_path = Path::new(rel);
        if !rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(Error::new(ErrorKind::OutsideOutput {
                path: rel.to_owned(),
            }));
        }
        let path = self.dir.join(rel_path);
        if let Some(dir) = path.parent() {
            create_parent(dir)?;
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(rel_path);
            if same_bytes(&old, bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(true);
            }
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(IoAction::Write, &path, e))?;
        Ok(false)
    }

    /// Leaves the marker and swaps the new folder into place, then removes the previous one.
    pub(crate) fn commit(mut self) -> Result<()> {
        let marker = self.dir.join(MARKER);
        std::fs::write(
            &marker,
            "This folder is written by `gongjiang build`; each build replaces it.\n",
        )
        .map_err(|e| Error::io(IoAction::Write, &marker, e))?;
        let old = &self.aside;
        let had_old = self.dest.exists();
        if had_old {
            std::fs::rename(&self.dest, old)
                .map_err(|e| Error::io(IoAction::MoveAside, &self.dest, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.dest) {
            if had_old {
                let _ = std::fs::rename(old, &self.dest);
            }
            return Err(Error::io(IoAction::MoveInPlace, &self.dest, e));
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(old).map_err(|e| Error::io(IoAction::RemoveOld, old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Creates `dir` and any missing parents; cheap when it exists (one failed `mkdir`).
fn create_parent(dir: &Path) -> Result<()> {
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(IoAction::CreateFolder, dir, e))
        }
    }
}

/// True when the file at `path` holds exactly `bytes` (false when it cannot be read).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_sources_and_foreign_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).expect("mkdir");
        assert!(check_destination(root, root).is_err());
        assert!(check_destination(&root.join("content/public"), root).is_err());
        std::fs::create_dir_all(root.join("mine")).expect("mkdir");
        std::fs::write(root.join("mine/notes.txt"), "x").expect("write");
        assert!(check_destination(&root.join("mine"), root).is_err());
        assert!(check_destination(&root.join("public"), root).is_ok());
    }

    #[test]
    fn writes_and_replaces_atomically() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dest = dir.path().join("public");
        let write = |bytes: &[u8]| {
            let staging = Staging::new(&dest, false).expect("staging");
            staging.write("a/index.html", bytes).expect("write");
            staging.commit().expect("commit");
        };
        write(b"one");
        write(b"two");
        assert_eq!(
            std::fs::read(dest.join("a/index.html")).expect("read"),
            b"two"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("public")],
            "no stray folders"
        );
    }
}
