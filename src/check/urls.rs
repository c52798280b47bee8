//! Where a URL leads: into the built site (and then to which output file and fragment), to
//! another host, or nowhere a link checker follows (`mailto:`, `data:` ...).
//!
//! URLs resolve the way a browser would, against the root-relative URL of the document they
//! appear in, and are then matched against the in-memory output: `/x/` is `x/index.html`, `/x`
//! is `x/index.html` too when there is no file `x` (static hosts redirect), and an absolute URL
//! under the site's own base URL counts as internal.

use std::collections::{BTreeMap, HashSet};

use super::html::percent_decode;

/// What a URL is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Class {
    /// A URL into this site: the root-relative path (still percent-encoded, without query) and
    /// the fragment, if any (percent-decoded).
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// An `http(s)` or protocol-relative URL on another host, as an absolute URL.
    External(String),
    /// A `javascript:` or `vbscript:` URL.
    Script,
    /// Empty, `mailto:`, `tel:`, `data:` and other schemes: nothing to check.
    Other,
}

/// Why an internal URL leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Broken {
    /// The path is not under the site's base path.
    OutsideBase,
    /// No output file answers the path.
    Missing,
    /// The file exists but has no element with this id.
    NoFragment(String),
}

/// The site as links see it: base URL and path, the output files, and the ids of each HTML file.
#[derive(Debug)]
pub(crate) struct Resolver<'a> {
    /// The base URL without its scheme: `//example.org/reform/`, lowercased host; `None` for a
    /// site without a base URL (every absolute link is external).
    base_no_scheme: Option<String>,
    /// The path part of the base URL, e.g. `/reform/`.
    pub(crate) base_path: &'a str,
    files: &'a BTreeMap<String, Vec<u8>>,
    ids: BTreeMap<String, HashSet<String>>,
}

impl<'a> Resolver<'a> {
    /// A resolver for a site at `base_url` (`base_path` its path) with these output files and
    /// the element ids of each HTML file.
    pub(crate) fn new(
        base_url: Option<&'a str>,
        base_path: &'a str,
        files: &'a BTreeMap<String, Vec<u8>>,
        ids: BTreeMap<String, HashSet<String>>,
    ) -> Self {
        let base_no_scheme = base_url.map(|base_url| {
            let no_scheme = base_url.split_once("//").map_or(base_url, |(_, rest)| rest);
            let (host, path) = no_scheme.split_once('/').unwrap_or((no_scheme, ""));
            format!("//{}/{path}", host.to_ascii_lowercase())
        });
        Resolver {
            base_no_scheme,
            base_path,
            files,
            ids,
        }
    }

    /// The root-relative URL of an output file: `skills/index.html` -> `/reform/skills/`.
    pub(crate) fn url_of(&self, key: &str) -> String {
        let path = key
            .strip_suffix("index.html")
            .filter(|p| p.is_empty() || p.ends_with('/'))
            .unwrap_or(key);
        format!("{}{}", self.base_path, crate::text::encode_path(path))
    }

    /// Classifies `raw` (an attribute value, entities decoded) found in the document at `from`
    /// (a root-relative URL).
    pub(crate) fn classify(&self, raw: &str, from: &str) -> Class {
        let url: String = raw
            .trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control())
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        if url.is_empty() {
            return Class::Other;
        }
        if let Some(scheme) = scheme(&url) {
            let lower = scheme.to_ascii_lowercase();
            return match lower.as_str() {
                "javascript" | "vbscript" => Class::Script,
                "http" | "https" => self.absolute(&url[scheme.len() + 1..], &url),
                _ => Class::Other,
            };
        }
        if url.starts_with("//") {
            return self.absolute(&url, &format!("https:{url}"));
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((rest, fragment)) => (rest, Some(percent_decode(fragment))),
            None => (url.as_str(), None),
        };
        let rest = rest.split('?').next().unwrap_or_default();
        let path = if rest.is_empty() {
            from.split(['?', '#']).next().unwrap_or(from).to_owned()
        } else if rest.starts_with('/') {
            normalize(rest)
        } else {
            let dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
            normalize(&format!("{dir}{rest}"))
        };
        Class::Internal { path, fragment }
    }

    /// An absolute URL without its scheme (`//host/path`): internal when under the base URL.
    fn absolute(&self, no_scheme: &str, full: &str) -> Class {
        let after = no_scheme.strip_prefix("//").unwrap_or(no_scheme);
        let (host, rest) = after
            .find(['/', '?', '#'])
            .map_or((after, ""), |i| after.split_at(i));
        let mut folded = format!("//{}{rest}", host.to_ascii_lowercase());
        let Some(base) = &self.base_no_scheme else {
            return Class::External(full.to_owned());
        };
        if format!("{folded}/") == *base {
            folded.push('/');
        }
        match folded.strip_prefix(base.as_str()) {
            Some(rest) => self.classify(&format!("{}{rest}", self.base_path), self.base_path),
            None => Class::External(full.to_owned()),
        }
    }

    /// The output file a root-relative `path` leads to.
    pub(crate) fn target(&self, path: &str) -> Result<String, Broken> {
        let rel = path
            .strip_prefix(self.base_path)
            .or_else(|| (format!("{path}/") == self.base_path).then_some(""))
            .ok_or(Broken::OutsideBase)?;
        let rel = percent_decode(rel);
        let key = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else if self.files.contains_key(&rel) {
            rel
        } else {
            format!("{rel}/index.html")
        };
        if self.files.contains_key(&key) {
            Ok(key)
        } else {
            Err(Broken::Missing)
        }
    }

    /// Checks an internal URL: the output file it leads to, or why it leads nowhere.
    pub(crate) fn resolve(&self, path: &str, fragment: Option<&str>) -> Result<String, Broken> {
        let key = self.target(path)?;
        match (fragment, self.ids.get(&key)) {
            (Some(fragment), Some(ids))
                if !fragment.is_empty()
                    && !fragment.eq_ignore_ascii_case("top")
                    && !ids.contains(fragment) =>
            {
                Err(Broken::NoFragment(fragment.to_owned()))
            }
            _ => Ok(key),
        }
    }

    /// The ids of an HTML output file, sorted.
    pub(crate) fn ids_of(&self, key: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .ids
            .get(key)
            .map(|s| s.iter().map(String::as_str).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    /// The root-relative URL of every page (`index.html` file) of the output.
    pub(crate) fn page_urls(&self) -> Vec<String> {
        self.files
            .keys()
            .filter(|k| k.ends_with("index.html"))
            .map(|k| self.url_of(k))
            .collect()
    }
}

/// The scheme of an absolute URL (`http` in `http://x`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Removes `.` and `..` segments from a root-relative path (never above the root).
fn normalize(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    format!("/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<String, Vec<u8>> {
        [
            "index.html",
            "skills/index.html",
            "css/site.css",
            "技能/index.html",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), Vec::new()))
        .collect()
    }

    fn resolver(files: &BTreeMap<String, Vec<u8>>) -> Resolver<'_> {
        let ids = BTreeMap::from([(
            "skills/index.html".to_owned(),
            HashSet::from(["技能形成".to_owned()]),
        )]);
        Resolver::new(Some("https://Example.org/reform/"), "/reform/", files, ids)
    }

    fn internal(path: &str, fragment: Option<&str>) -> Class {
        Class::Internal {
            path: path.into(),
            fragment: fragment.map(str::to_owned),
        }
    }

    #[test]
    fn classifies() {
        let files = files();
        let r = resolver(&files);
        assert_eq!(
            r.classify("../css/site.css?v=1", "/reform/skills/"),
            internal("/reform/css/site.css", None)
        );
        assert_eq!(
            r.classify("#%E6%8A%80", "/reform/skills/"),
            internal("/reform/skills/", Some("技"))
        );
        assert_eq!(
            r.classify("https://example.ORG/reform/skills/", "/"),
            internal("/reform/skills/", None)
        );
        assert_eq!(
            r.classify("https://example.org/reform", "/"),
            internal("/reform/", None)
        );
        assert_eq!(
            r.classify("//cdn.example.com/x.js", "/"),
            Class::External("https://cdn.example.com/x.js".into())
        );
        assert_eq!(
            r.classify("https://example.org/other/", "/"),
            Class::External("https://example.org/other/".into())
        );
        assert_eq!(r.classify(" JavaScript:alert(1)", "/"), Class::Script);
        assert_eq!(r.classify("java\tscript:x", "/"), Class::Script);
        assert_eq!(r.classify("mailto:a@b.c", "/"), Class::Other);
    }

    #[test]
    fn resolves() {
        let files = files();
        let r = resolver(&files);
        assert_eq!(
            r.resolve("/reform/skills", None),
            Ok("skills/index.html".into())
        );
        assert_eq!(r.resolve("/reform/", None), Ok("index.html".into()));
        assert_eq!(r.resolve("/reform", None), Ok("index.html".into()));
        assert_eq!(
            r.resolve("/reform/%E6%8A%80%E8%83%BD/", None),
            Ok("技能/index.html".into())
        );
        assert_eq!(r.resolve("/reform/nope/", None), Err(Broken::Missing));
        assert_eq!(r.resolve("/skills/", None), Err(Broken::OutsideBase));
        assert_eq!(
            r.resolve("/reform/skills/", Some("技能形成")),
            Ok("skills/index.html".into())
        );
        assert_eq!(
            r.resolve("/reform/skills/", Some("top")),
            Ok("skills/index.html".into())
        );
        assert_eq!(
            r.resolve("/reform/skills/", Some("x")),
            Err(Broken::NoFragment("x".into()))
        );
        assert_eq!(
            r.resolve("/reform/css/site.css", Some("x")),
            Ok("css/site.css".into())
        );
        assert_eq!(r.url_of("skills/index.html"), "/reform/skills/");
        assert_eq!(r.url_of("404.html"), "/reform/404.html");
    }

    #[test]
    fn normalizes_dot_segments() {
        assert_eq!(normalize("/a/b/../c/./d"), "/a/c/d");
        assert_eq!(normalize("/a/.."), "/");
        assert_eq!(normalize("/../../x"), "/x");
    }
}
