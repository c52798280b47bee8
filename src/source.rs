//! Load: find the site's files and read them.
//!
//! Walks `content/` (Markdown pages), `templates/` and `static/` in a stable sorted order. Text
//! files are checked for UTF-8 (an error names the byte offset), a leading byte-order mark is
//! dropped and CRLF line endings become LF. Symbolic links are followed only when they point
//! inside the site root; one pointing outside is an error, and symlinked folders are not entered.

use crate::error::IoAction;
use crate::i18n::msg;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, ErrorKind, Location, Result};

/// Where a file of a site comes from: one of its four source folders, or the built output.
/// Messages name files as `<folder>/<path>` (`templates/base.html`), built by [`Origin::path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Origin {
    /// `content/`: Markdown pages.
    Content,
    /// `templates/`: Tera templates.
    Templates,
    /// `static/`: files copied as they are.
    Static,
    /// `data/`: tables and figures (CSV, YAML, JSON).
    Data,
    /// The built site (`public/` by default), for values that only exist after rendering.
    Output,
}

impl Origin {
    /// The source folders, in the order they are read.
    pub(crate) const SOURCES: [Origin; 4] = [
        Origin::Content,
        Origin::Templates,
        Origin::Static,
        Origin::Data,
    ];

    /// The folder's name in the site root.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Origin::Content => "content",
            Origin::Templates => "templates",
            Origin::Static => "static",
            Origin::Data => "data",
            Origin::Output => "public",
        }
    }

    /// The path of a file named `name` in this folder, as messages show it:
    /// `Origin::Templates.path("base.html")` is `templates/base.html`.
    pub(crate) fn path(self, name: &str) -> PathBuf {
        Path::new(self.folder()).join(name.trim_start_matches('/'))
    }

    /// The source folder a path relative to the site root lies in.
    pub(crate) fn of(rel: &Path) -> Option<Origin> {
        let first = rel.components().next()?;
        Origin::SOURCES
            .into_iter()
            .find(|o| first.as_os_str() == o.folder())
    }
}

/// One text file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/skills.md`.
    pub rel_path: PathBuf,
    /// The text, without BOM, with LF line endings.
    pub text: String,
}

/// One static file, copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path relative to `static/`, with `/` separators.
    pub rel_path: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Everything the build reads from disk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteFiles {
    /// Markdown pages under `content/`, sorted by path.
    pub content: Vec<SourceFile>,
    /// Templates under `templates/`, named by their path relative to it.
    pub templates: Vec<(String, String)>,
    /// Files under `static/`.
    pub statics: Vec<StaticFile>,
    /// Text files under `data/` (`data/skills.csv`), sorted by path.
    pub data: Vec<SourceFile>,
    /// The other files under `content/` (images, PDFs...), published beside the pages; paths
    /// relative to `content/`, sorted.
    pub assets: Vec<StaticFile>,
}

/// Reads the site rooted at `root`.
pub fn read_site(root: &Path) -> Result<SiteFiles> {
    read_site_warning(root).map(|(files, _)| files)
}

/// Reads the site rooted at `root`, with a warning for each symbolic link loop skipped.
pub(crate) fn read_site_warning(root: &Path) -> Result<(SiteFiles, Vec<Error>)> {
    let (mut files, pages, warnings) = read_site_but_pages(root)?;
    let content = pages
        .into_par_iter()
        .map(|rel| read_text(root, &rel))
        .collect();
    files.content = crate::error::in_order(content)?;
    Ok((files, warnings))
}

/// Reads the site rooted at `root` except its pages: the paths of the Markdown files under
/// `content/` (relative to `root`, sorted) are returned for the caller to read one by one
/// (`build` reads each page, parses it and lets its text go). With a warning for each symbolic
/// link loop skipped.
pub fn read_site_but_pages(root: &Path) -> Result<(SiteFiles, Vec<PathBuf>, Vec<Error>)> {
    let mut warnings = Vec::new();
    let (pages, assets): (Vec<PathBuf>, Vec<PathBuf>) =
        walk(root, Origin::Content.folder(), &mut warnings)?
            .into_iter()
            .partition(|p| is_markdown(p));
    let assets = read_assets(root, &assets)?;
    let templates = walk(root, Origin::Templates.folder(), &mut warnings)?
        .into_iter()
        .map(|rel| {
            let file = read_text(root, &rel)?;
            let name = slash_path(rel.strip_prefix("templates").unwrap_or(&rel));
            Ok((name, file.text))
        })
        .collect::<Result<Vec<_>>>()?;
    let statics = walk(root, Origin::Static.folder(), &mut warnings)?
        .into_iter()
        .map(|rel| {
            let bytes = read_bytes(root, &rel)?;
            Ok(StaticFile {
                rel_path: slash_path(rel.strip_prefix("static").unwrap_or(&rel)),
                bytes,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let data = read_texts(root, &walk(root, Origin::Data.folder(), &mut warnings)?)?;
    let files = SiteFiles {
        content: Vec::new(),
        templates,
        statics,
        data,
        assets,
    };
    Ok((files, pages, warnings))
}

/// Whether a file of `content/` is a page (`.md`); every other file is published as it is.
pub(crate) fn is_markdown(rel: &Path) -> bool {
    rel.extension().is_some_and(|e| e == "md")
}

/// Reads the files of `content/` that are not pages (`rels` relative to the root), each named
/// by its path relative to `content/`.
pub(crate) fn read_assets(root: &Path, rels: &[PathBuf]) -> Result<Vec<StaticFile>> {
    rels.iter()
        .map(|rel| {
            Ok(StaticFile {
                bytes: read_bytes(root, rel)?,
                rel_path: slash_path(rel.strip_prefix(Origin::Content.folder()).unwrap_or(rel)),
            })
        })
        .collect()
}

/// Reads the text files under `data/`.
pub(crate) fn read_data(root: &Path) -> Result<Vec<SourceFile>> {
    read_texts(root, &list_files(root, Origin::Data.folder())?)
}

fn read_texts(root: &Path, rels: &[PathBuf]) -> Result<Vec<SourceFile>> {
    rels.iter().map(|rel| read_text(root, rel)).collect()
}

/// Lists the files under `root/folder`, relative to `root`, sorted; a missing folder is empty.
pub(crate) fn list_files(root: &Path, folder: &str) -> Result<Vec<PathBuf>> {
    walk(root, folder, &mut Vec::new())
}

/// [`list_files`], adding a warning for each symbolic link loop skipped.
fn walk(root: &Path, folder: &str, warnings: &mut Vec<Error>) -> Result<Vec<PathBuf>> {
    let base = root.join(folder);
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let canonical_root = root
        .canonicalize()
        .map_err(|e| Error::io(IoAction::Resolve, root, e))?;
    let mut files = Vec::new();
    let walk = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walk {
        let entry = entry.map_err(|e| walk_error(&e, root))?;
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.path_is_symlink() {
            if let Some(warning) = symlink_loop(entry.path(), &rel) {
                warnings.push(warning);
                continue;
            }
            check_symlink(entry.path(), &canonical_root, &rel)?;
            if entry.path().is_dir() {
                continue;
            }
        }
        if entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file()) {
            files.push(rel);
        }
    }
    Ok(files)
}

/// Hidden files, editor swap and backup files are not part of the site.
pub(crate) fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name.len() > 1
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}

/// The warning for a symbolic link that leads back to a folder containing it (`loop -> ..`), or
/// that never resolves because it leads back to itself (`a -> b`, `b -> a`).
fn symlink_loop(path: &Path, rel: &Path) -> Option<Error> {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let looped = match path.canonicalize() {
        Ok(resolved) => {
            resolved.is_dir()
                && path
                    .parent()
                    .and_then(|p| p.canonicalize().ok())
                    .is_some_and(|parent| parent.starts_with(&resolved))
        }
        // `FilesystemLoop` (ELOOP) has no stable name yet.
        Err(e) => format!("{:?}", e.kind()) == "FilesystemLoop",
    };
    looped.then(|| {
        Error::new(ErrorKind::LinkLoop { target })
            .at(Location::file(rel))
            .hint(msg!("hint-link-loop"))
    })
}

fn check_symlink(path: &Path, canonical_root: &Path, rel: &Path) -> Result<()> {
    let target = path
        .canonicalize()
        .map_err(|e| Error::io(IoAction::FollowLink, rel, e))?;
    if target.starts_with(canonical_root) {
        return Ok(());
    }
    Err(Error::new(ErrorKind::LinkOutsideSite)
        .at(Location::file(rel))
        .hint(msg!("hint-link-outside-site")))
}

fn walk_error(err: &walkdir::Error, root: &Path) -> Error {
    let path = err
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_default();
    let cause = match err.io_error() {
        Some(io) => std::io::Error::new(io.kind(), io.to_string()),
        None => std::io::Error::other(err.to_string()),
    };
    Error::io(IoAction::List, &path, cause)
}

/// Reads a file's bytes; an error names `rel`.
pub(crate) fn read_bytes(root: &Path, rel: &Path) -> Result<Vec<u8>> {
    std::fs::read(root.join(rel)).map_err(|e| Error::io(IoAction::Read, rel, e))
}

/// Reads a text file: UTF-8 checked, BOM dropped, CRLF made LF.
pub(crate) fn read_text(root: &Path, rel: &Path) -> Result<SourceFile> {
    let bytes = read_bytes(root, rel)?;
    let text = decode(bytes).map_err(|offset| {
        // Read again to place the bad byte: decoding consumed the bytes, and a failure is rare.
        let bytes = read_bytes(root, rel).unwrap_or_default();
        let before = bytes.get(..offset).unwrap_or(&bytes);
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let err = Error::new(ErrorKind::NotUtf8 { offset }).hint(msg!("hint-not-utf8"));
        err.at(Location::at(rel, line, 1))
    })?;
    Ok(SourceFile {
        rel_path: rel.to_path_buf(),
        text,
    })
}

/// Decodes UTF-8 (dropping a BOM, turning CRLF into LF); on failure, the offset of the bad byte.
pub(crate) fn decode(mut bytes: Vec<u8>) -> std::result::Result<String, usize> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to())?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// A relative path with `/` separators.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_bom_crlf_and_bad_bytes() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF---\r\na\r\n".to_vec()),
            Ok("---\na\n".to_owned())
        );
        assert_eq!(decode(b"ab\xFFc".to_vec()), Err(2));
    }

    #[test]
    fn ignores_editor_files() {
        for name in [".index.md.swp", "a.md~", "#a.md#", ".DS_Store", "4913.tmp"] {
            assert!(is_ignored(std::ffi::OsStr::new(name)), "{name}");
        }
        assert!(!is_ignored(std::ffi::OsStr::new("skills.md")));
    }
}
