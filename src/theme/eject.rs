//! `gongjiang theme` and `gongjiang theme eject`: list the built-in files, and copy them into a
//! site to edit. Ejecting never replaces a file: a site's own file is what the site uses, and
//! writing over it would lose the site's changes.

use std::path::{Path, PathBuf};

use super::{BuiltIn, FILES};
use crate::error::{Error, ErrorKind, IoAction, Location, Result, nearest};
use crate::i18n::msg;

/// Each built-in file, and whether the site at `root` replaces it with its own.
pub fn list(root: &Path) -> Vec<(&'static str, bool)> {
    FILES
        .iter()
        .map(|f| (f.path, root.join(f.path).exists()))
        .collect()
}

/// Writes the built-in files named by `names` (all of them when empty) into the site at
/// `root`, and returns the paths written (relative to `root`). A name is a path as
/// `gongjiang theme` lists it (`templates/page.html`), or that path below `templates/` or
/// `static/` (`page.html`, `css/site.css`). Nothing is written when a name is unknown or a
/// file already exists.
pub fn eject(root: &Path, names: &[String]) -> Result<Vec<PathBuf>> {
    let chosen: Vec<&BuiltIn> = if names.is_empty() {
        FILES.iter().collect()
    } else {
        names.iter().map(|name| find(name)).collect::<Result<_>>()?
    };
    if let Some(file) = chosen.iter().find(|f| root.join(f.path).exists()) {
        return Err(Error::new(ErrorKind::WouldOverwrite {
            file: file.path.to_owned(),
        })
        .at(Location::file(file.path))
        .hint(msg!("hint-would-overwrite", file = file.path)));
    }
    let mut written = Vec::new();
    for file in chosen {
        let path = root.join(file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| Error::io(IoAction::CreateFolder, folder, e))?;
        }
        write_new(&path, file.bytes).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::new(ErrorKind::WouldOverwrite {
                file: file.path.to_owned(),
            })
            .at(Location::file(file.path))
            .hint(msg!("hint-would-overwrite", file = file.path)),
            _ => Error::io(IoAction::Write, Path::new(file.path), e),
        })?;
        written.push(PathBuf::from(file.path));
    }
    Ok(written)
}

/// Creates `path` with `bytes`; fails if it exists (even if created since it was looked for).
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// The built-in file `name` names, or an error with the nearest name.
fn find(name: &str) -> Result<&'static BuiltIn> {
    let name = name.trim_start_matches("./").replace('\\', "/");
    let found = FILES.iter().find(|f| {
        f.path == name
            || f.path.strip_prefix("templates/") == Some(name.as_str())
            || f.path.strip_prefix("static/") == Some(name.as_str())
    });
    found.ok_or_else(|| {
        let paths: Vec<&str> = FILES.iter().map(|f| f.path).collect();
        let short: Vec<&str> = paths
            .iter()
            .map(|p| p.split_once('/').map_or(*p, |(_, rest)| rest))
            .collect();
        let guess = nearest(&name, &paths).or_else(|| {
            let i = short
                .iter()
                .position(|s| Some(*s) == nearest(&name, &short))?;
            Some(paths[i])
        });
        let hint = match guess {
            Some(path) => msg!("hint-theme-did-you-mean", name = path),
            None => msg!("hint-theme-list"),
        };
        Error::new(ErrorKind::UnknownThemeFile { name }).hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_with_or_without_their_folder() {
        assert_eq!(find("page.html").map(|f| f.path), Ok("templates/page.html"));
        assert_eq!(
            find("static/css/site.css").map(|f| f.path),
            Ok("static/css/site.css")
        );
        let err = find("templates/pgae.html").expect_err("unknown");
        assert_eq!(
            err.hint,
            Some(msg!(
                "hint-theme-did-you-mean",
                name = "templates/page.html"
            ))
        );
    }
}
