//! `gongjiang init`: write a small working site into an empty folder.
//!
//! The site is a home page with commented site settings, a section with one page, a few typed
//! figures (two in a `group`, which makes a chart) and a figure referenced in the text, in
//! Chinese or English (`zh/`, `en/`). It has no `templates/` or `static/`: the built-in theme
//! ([`crate::theme`]) serves. Nothing is ever replaced: a folder that is not empty is refused.

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, IoAction, Result};
use crate::i18n::{Lang, msg};
use crate::theme::eject::write_new;

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOptions {
    /// The folder to write into (created if missing; must be empty).
    pub folder: PathBuf,
    /// The site's title; a sample title in `language` when `None`.
    pub title: Option<String>,
    /// The language of the sample texts and of the site.
    pub language: Lang,
}

/// The sample site's files, (path, text), in one language.
fn sample(language: Lang) -> &'static [(&'static str, &'static str)] {
    match language {
        Lang::Zh => &[
            ("content/_index.md", include_str!("zh/content/_index.md")),
            (
                "content/report/_index.md",
                include_str!("zh/content/report/_index.md"),
            ),
            (
                "content/report/training.md",
                include_str!("zh/content/report/training.md"),
            ),
        ],
        Lang::En => &[
            ("content/_index.md", include_str!("en/content/_index.md")),
            (
                "content/report/_index.md",
                include_str!("en/content/report/_index.md"),
            ),
            (
                "content/report/training.md",
                include_str!("en/content/report/training.md"),
            ),
        ],
    }
}

/// Ignored by git: the build's output.
const GITIGNORE: &str = "/public/\n/target/\n";

/// Writes the sample site and returns the files written, relative to the folder.
pub fn init(options: &InitOptions) -> Result<Vec<PathBuf>> {
    let folder = &options.folder;
    check_empty(folder)?;
    let title = options.title.clone().unwrap_or_else(|| {
        match options.language {
            Lang::Zh => "我的站点",
            Lang::En => "My site",
        }
        .to_owned()
    });
    // A JSON string is a YAML string: any title is written safely, quotes and colons included.
    let quoted = serde_json::to_string(&title).unwrap_or_default();
    let mut files: Vec<(&str, String)> = sample(options.language)
        .iter()
        .map(|(path, text)| (*path, text.replace("%TITLE%", &quoted)))
        .collect();
    files.push((".gitignore", GITIGNORE.to_owned()));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = folder.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(IoAction::CreateFolder, parent, e))?;
        }
        write_new(&path, text.as_bytes()).map_err(|e| Error::io(IoAction::Write, &path, e))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// A missing folder, or one holding nothing but hidden entries (`.git`), is empty.
fn check_empty(folder: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(IoAction::List, folder, e)),
    };
    let mut visible = entries
        .filter_map(std::result::Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'));
    match visible.next() {
        None => Ok(()),
        Some(_) => Err(Error::new(ErrorKind::FolderNotEmpty {
            folder: folder.to_path_buf(),
        })
        .hint(msg!("hint-folder-not-empty"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = InitOptions {
            folder: dir.path().join("site"),
            title: Some("A: \"quoted\" title".into()),
            language: Lang::En,
        };
        init(&options).expect("init");
        let home =
            std::fs::read_to_string(dir.path().join("site/content/_index.md")).expect("read");
        assert!(home.contains(r#"title: "A: \"quoted\" title""#), "{home}");
    }
}
