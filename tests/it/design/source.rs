//! The content the checks are derived from: every page of `content/` with its figures, read
//! straight from the front matter (not through the crate), so a test states what the templates
//! must show rather than what they happen to show.

use std::fs;

use serde_yaml::{Mapping, Value};

use super::BASE_PATH;
use crate::util;

/// One page of `content/` as the templates see it.
#[derive(Debug)]
pub(super) struct SourcePage {
    /// `content/...` path, for messages.
    pub(super) source: String,
    /// Output file, relative: `index.html`, `skills/index.html`.
    pub(super) output: String,
    /// Root-relative URL with the base path: `/reform/skills/`.
    pub(super) url: String,
    /// Folder of the parent page's URL path (`""` for top-level pages), `None` for home.
    pub(super) parent: Option<String>,
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) weight: i64,
    pub(super) figures: Vec<Fig>,
    /// Level-2 headings in the Markdown body.
    pub(super) h2_count: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Fig {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) value: f64,
    pub(super) unit: String,
    pub(super) qualifier: String,
    pub(super) wording: String,
    pub(super) numerals: String,
    pub(super) group: Option<String>,
    pub(super) key: bool,
}

pub(super) fn str_of(map: &Mapping, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads every page of `content/` in the default language (drafts and translations, which
/// `tests/it/languages.rs` checks, left out), in site order: home first, then by weight and
/// source path.
pub(super) fn source_pages() -> Vec<SourcePage> {
    let content = util::repo_root().join("content");
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.expect("walk content");
        let path = entry.path();
        if !entry.file_type().is_file()
            || path.extension().and_then(|e| e.to_str()) != Some("md")
            || util::is_translation(path)
        {
            continue;
        }
        let rel = path
            .strip_prefix(&content)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).expect("read page");
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let rest = text
            .strip_prefix("---\n")
            .unwrap_or_else(|| panic!("{rel}: no front matter"));
        let end = rest
            .find("\n---")
            .unwrap_or_else(|| panic!("{rel}: unclosed front matter"));
        let front: Mapping =
            serde_yaml::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let body = &rest[end + 4..];
        if front.get("draft").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let (dir, file) = rel
            .rsplit_once('/')
            .map_or(("", rel.as_str()), |(d, f)| (d, f));
        let stem = file.trim_end_matches(".md");
        let slug = Some(str_of(&front, "slug"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| stem.to_owned());
        let (kind, url_path, parent) = if rel == "_index.md" {
            ("home", String::new(), None)
        } else if stem == "_index" {
            let parent = dir.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
            ("section", format!("{dir}/"), Some(parent))
        } else if dir.is_empty() {
            ("page", format!("{slug}/"), Some(String::new()))
        } else {
            ("page", format!("{dir}/{slug}/"), Some(dir.to_owned()))
        };
        let figures = match front.get("figures") {
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| {
                    let m = item
                        .as_mapping()
                        .unwrap_or_else(|| panic!("{rel}: a figure is not a map"));
                    Fig {
                        id: str_of(m, "id"),
                        label: str_of(m, "label"),
                        value: m
                            .get("value")
                            .and_then(Value::as_f64)
                            .unwrap_or_else(|| panic!("{rel}: value")),
                        unit: str_of(m, "unit"),
                        qualifier: Some(str_of(m, "qualifier"))
                            .filter(|q| !q.is_empty())
                            .unwrap_or_else(|| "exact".into()),
                        wording: str_of(m, "wording"),
                        numerals: str_of(m, "numerals"),
                        group: Some(str_of(m, "group")).filter(|g| !g.is_empty()),
                        key: m.get("key").and_then(Value::as_bool).unwrap_or(false),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let h2_count = body.lines().filter(|l| l.starts_with("## ")).count();
        pages.push(SourcePage {
            source: format!("content/{rel}"),
            output: format!("{url_path}index.html"),
            url: format!("{BASE_PATH}{url_path}"),
            parent,
            kind,
            title: str_of(&front, "title"),
            weight: front
                .get("weight")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MAX),
            figures,
            h2_count,
        });
    }
    pages.sort_by(|a, b| {
        (a.kind != "home", a.weight, &a.source).cmp(&(b.kind != "home", b.weight, &b.source))
    });
    assert!(
        pages.iter().any(|p| p.kind == "home"),
        "content/_index.md is missing"
    );
    pages
}

/// `site:` settings of the home page.
pub(super) fn site_settings() -> Mapping {
    let text = fs::read_to_string(util::repo_root().join("content/_index.md")).expect("home");
    let rest = text
        .trim_start_matches('\u{feff}')
        .strip_prefix("---\n")
        .expect("front matter");
    let end = rest.find("\n---").expect("closed");
    let front: Mapping = serde_yaml::from_str(&rest[..end]).expect("yaml");
    front
        .get("site")
        .and_then(Value::as_mapping)
        .cloned()
        .expect("site: settings")
}
