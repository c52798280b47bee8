//! Files beside the pages: the files of `content/` that are not Markdown (images, PDFs...).
//!
//! Each is published at its path, as a page's URL maps from its folder (`content/skills/chart.png`
//! -> `skills/chart.png`, whitespace in a name becoming `-` as in page URLs); one that would land
//! where a static file, a page or a generated file is written is an error naming both
//! ([`publish`]). [`LocalFiles`] is the index the Markdown stage looks paths up in: a relative
//! image or link destination resolves from the Markdown file's folder, then from `static/`, and
//! is written as the file's root-relative URL (with the site's base path), so it is right
//! whatever the page's own URL (`content/skills.md` is `/skills/`, its folder is `content/`).
//! Each image's width and height are read once here (module [`size`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::i18n::msg;
use crate::site::{Site, url_segment};
use crate::source::{Origin, StaticFile};
use crate::text::{encode_path, percent_decode};

pub(crate) mod size;

pub(crate) use size::Size;

/// The output path of a file of `content/` named `rel` (relative to `content/`, with `/`).
pub(crate) fn output_path(rel: &str) -> String {
    rel.split('/')
        .map(url_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// The files of `content/` and `static/` that Markdown can point at, with each image's size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LocalFiles {
    /// A file of `content/` by its path relative to `content/`: its output path and size.
    content: HashMap<String, (String, Option<Size>)>,
    /// A file of `content/` by its output path: its size.
    published: HashMap<String, Option<Size>>,
    /// A file of `static/` by its path: its size.
    statics: HashMap<String, Option<Size>>,
}

/// Where a destination written in Markdown leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Not a path to a local file (another host, a page, an anchor...): left as it is.
    Elsewhere,
    /// A file of `content/` or `static/`: its URL as written in the HTML, and its size.
    Found { url: String, size: Option<Size> },
    /// A relative path that names no file: the two places looked in.
    Missing { content: PathBuf, fallback: PathBuf },
}

impl LocalFiles {
    /// The index of `assets` (the non-Markdown files of `content/`) and `statics`.
    pub(crate) fn new(assets: &[StaticFile], statics: &[StaticFile]) -> LocalFiles {
        let mut files = LocalFiles::default();
        for file in assets {
            let size = Size::of(&file.rel_path, &file.bytes);
            let output = output_path(&file.rel_path);
            files.published.insert(output.clone(), size);
            files.content.insert(file.rel_path.clone(), (output, size));
        }
        for file in statics {
            let size = Size::of(&file.rel_path, &file.bytes);
            files.statics.insert(file.rel_path.clone(), size);
        }
        files
    }

    /// Looks up `dest`, written in a Markdown file of folder `dir` (relative to `content/`,
    /// `""` or ending in `/`), for a site at `base_path`. A root-relative path is looked up
    /// in the output (static files and published content files); a relative one in `dir`,
    /// then in `static/` (as written, then as seen from `dir`, so `../img/a.png` from
    /// `content/skills/` finds `static/img/a.png`). A query or fragment is kept.
    pub(crate) fn lookup(&self, dir: &str, dest: &str, base_path: &str) -> Lookup {
        if dest.is_empty()
            || dest.starts_with('#')
            || dest.starts_with("//")
            || dest.starts_with("/\\")
            || has_scheme(dest)
        {
            return Lookup::Elsewhere;
        }
        let split = dest.find(['?', '#']).unwrap_or(dest.len());
        let (path, suffix) = dest.split_at(split);
        if path.is_empty() || path.ends_with('/') {
            return Lookup::Elsewhere;
        }
        let path = percent_decode(path);
        let url = |output: &str| format!("{base_path}{}{suffix}", encode_path(output));
        if let Some(rooted) = path.strip_prefix('/') {
            let Some(rooted) = normalize(rooted) else {
                return Lookup::Elsewhere;
            };
            let size = self.statics.get(&rooted).or(self.published.get(&rooted));
            return match size {
                Some(&size) => Lookup::Found {
                    url: url(&rooted),
                    size,
                },
                None => Lookup::Elsewhere,
            };
        }
        let beside = normalize(&format!("{dir}{path}"));
        if let Some((output, size)) = beside.as_ref().and_then(|p| self.content.get(p)) {
            return Lookup::Found {
                url: url(output),
                size: *size,
            };
        }
        // `static/` as the site's root: the path as written, or as the page's URL would see it.
        let fallback = normalize(&path);
        let in_static = [fallback.as_ref(), beside.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|p| self.statics.get_key_value(p));
        if let Some((name, size)) = in_static {
            return Lookup::Found {
                url: url(name),
                size: *size,
            };
        }
        let joined = format!("{dir}{path}");
        Lookup::Missing {
            content: Origin::Content.path(beside.as_deref().unwrap_or(&joined)),
            fallback: Origin::Static.path(&fallback.or(beside).unwrap_or(path)),
        }
    }
}

/// The folder of a Markdown file, relative to `content/`: `""` for `content/skills.md`,
/// `skills/` for `content/skills/_index.md`.
pub(crate) fn folder_of(source_path: &Path) -> String {
    let rel = source_path
        .strip_prefix(Origin::Content.folder())
        .unwrap_or(source_path);
    match rel.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            format!("{}/", crate::source::slash_path(parent))
        }
        _ => String::new(),
    }
}

/// Whether `dest` starts with a URL scheme (`https:`, `mailto:`...).
fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `a/./b/../c` -> `a/c`; `None` when `..` leaves the folder it starts from.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The files of `content/` that are not pages, at their output paths, checked against
/// everything else the build writes: `statics` (paths under `static/`), the files the build
/// already wrote (`is_generated`: pages, site-wide files, the search bundle) and each other.
pub(crate) fn publish<'a, T>(
    site: &Site,
    assets: impl IntoIterator<Item = (&'a str, T)>,
    statics: &[&str],
    is_generated: impl Fn(&str) -> bool,
) -> Result<Vec<(String, T)>> {
    let mut published: HashMap<String, &'a str> = HashMap::new();
    let mut files = Vec::new();
    for (rel, bytes) in assets {
        let path = output_path(rel);
        let other = if let Some(first) = published.get(&path) {
            Some(Some(Origin::Content.path(first)))
        } else if statics.contains(&path.as_str()) {
            Some(Some(Origin::Static.path(&path)))
        } else if is_generated(&path) {
            let page = site
                .pages
                .iter()
                .find(|page| crate::render::output_path(page) == path);
            Some(page.map(|page| page.source_path.clone()))
        } else {
            None
        };
        if let Some(other) = other {
            return Err(collision(rel, &path, other));
        }
        published.insert(path.clone(), rel);
        files.push((path, bytes));
    }
    Ok(files)
}

/// The error for the file `content/<rel>`, which would be written to `path` where `other` (a
/// source file) or, when `None`, a file the build makes is written too.
fn collision(rel: &str, path: &str, other: Option<PathBuf>) -> Error {
    let file = Origin::Content.path(rel);
    let hint = match &other {
        Some(_) => msg!("hint-content-file-collision"),
        None => msg!("hint-content-file-generated", file = &file, path = path),
    };
    Error::new(ErrorKind::ContentFileCollision {
        file: file.clone(),
        path: path.to_owned(),
        other,
    })
    .at(Location::file(file))
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, bytes: &[u8]) -> StaticFile {
        StaticFile {
            rel_path: rel.to_owned(),
            bytes: bytes.to_vec(),
        }
    }

    fn files() -> LocalFiles {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"></svg>"#;
        LocalFiles::new(
            &[
                file("skills/chart.svg", svg),
                file("my notes/a b.pdf", b"%PDF"),
            ],
            &[file("img/logo.svg", svg), file("chart.svg", svg)],
        )
    }

    #[test]
    fn relative_paths_resolve_from_the_folder_then_static() {
        let files = files();
        let size = Some(Size {
            width: 40,
            height: 30,
        });
        let found = |url: &str| Lookup::Found {
            url: url.to_owned(),
            size,
        };
        assert_eq!(
            files.lookup("skills/", "chart.svg", "/reform/"),
            found("/reform/skills/chart.svg")
        );
        assert_eq!(
            files.lookup("skills/", "./chart.svg#x", "/"),
            found("/skills/chart.svg#x")
        );
        assert_eq!(files.lookup("", "chart.svg", "/"), found("/chart.svg"));
        assert_eq!(
            files.lookup("skills/", "../img/logo.svg", "/"),
            found("/img/logo.svg")
        );
        assert_eq!(
            files.lookup("skills/", "../img/nope.svg", "/"),
            Lookup::Missing {
                content: PathBuf::from("content/img/nope.svg"),
                fallback: PathBuf::from("static/img/nope.svg"),
            }
        );
        assert_eq!(
            files.lookup("skills/", "img/logo.svg", "/"),
            found("/img/logo.svg")
        );
        assert_eq!(
            files.lookup("", "/skills/chart.svg", "/r/"),
            found("/r/skills/chart.svg")
        );
        assert_eq!(
            files.lookup("my notes/", "a%20b.pdf", "/"),
            Lookup::Found {
                url: "/my-notes/a-b.pdf".into(),
                size: None
            }
        );
        for elsewhere in [
            "https://a.org/x.png",
            "#top",
            "//cdn/x.png",
            "other/",
            "/nope.png",
        ] {
            assert_eq!(files.lookup("", elsewhere, "/"), Lookup::Elsewhere);
        }
        assert_eq!(
            files.lookup("", "../../x.png", "/"),
            Lookup::Missing {
                content: PathBuf::from("content/../../x.png"),
                fallback: PathBuf::from("static/../../x.png"),
            }
        );
    }

    #[test]
    fn folders_of_markdown_files() {
        assert_eq!(folder_of(Path::new("content/skills.md")), "");
        assert_eq!(folder_of(Path::new("content/skills/_index.md")), "skills/");
        assert_eq!(folder_of(Path::new("content/a/b/c.md")), "a/b/");
    }
}
