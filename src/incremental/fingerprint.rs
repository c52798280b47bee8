//! Fingerprints: one number per page that changes whenever anything its render reads changes.
//!
//! `render::render_page` reads the page itself (its source text, so its front matter and
//! Markdown), its place (path, kind), the site-wide values every context holds (`site`, `menu`,
//! `key_figures`), the template set, the summaries of its previous and next siblings and, for the
//! home page and sections, the summaries of every page (`pages`, `children`). Each of those is
//! hashed here. Static files reach a page only through `asset_url`; those are checked apart, by
//! the asset names each page asked for (see `incremental`).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use crate::render::Shared;
use crate::site::{PageKind, Site};

/// The hashes of one rebuild's shared data.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Hashes {
    /// What every page's context holds.
    global: u64,
    /// Each page's summary, index-aligned with `site.pages`.
    summaries: Vec<u64>,
    /// All summaries together (`pages`).
    all_pages: u64,
}

impl Hashes {
    /// Hashes the shared data of a rebuild.
    pub(crate) fn new(site: &Site, shared: &Shared) -> Hashes {
        let mut global = DefaultHasher::new();
        for lang in 0..site.languages.len() {
            for value in shared.common(lang) {
                match value {
                    Some(value) => hash_value(value, &mut global),
                    None => 255u8.hash(&mut global),
                }
            }
        }
        let summaries: Vec<u64> = (0..site.pages.len())
            .map(|index| {
                let mut hasher = HashWriter(DefaultHasher::new());
                // Writing to a hasher cannot fail, nor can serialising a summary (string keys).
                let _ = serde_json::to_writer(&mut hasher, &shared.summary(site, index));
                hasher.0.finish()
            })
            .collect();
        let mut all = DefaultHasher::new();
        summaries.hash(&mut all);
        Hashes {
            global: global.finish(),
            summaries,
            all_pages: all.finish(),
        }
    }

    /// The fingerprint of page `index`, whose source text has version `version`, rendered with
    /// the template set of version `templates`.
    pub(crate) fn page(
        &self,
        site: &Site,
        shared: &Shared,
        index: usize,
        version: u64,
        templates: u64,
    ) -> u64 {
        let page = &site.pages[index];
        let mut hasher = DefaultHasher::new();
        (
            self.global,
            templates,
            version,
            &page.source_path,
            &page.path,
            &page.parent,
        )
            .hash(&mut hasher);
        self.summaries[index].hash(&mut hasher);
        if page.kind == PageKind::Page {
            let (prev, next) = shared.neighbours(site, index);
            prev.map(|i| self.summaries[i]).hash(&mut hasher);
            next.map(|i| self.summaries[i]).hash(&mut hasher);
        } else {
            self.all_pages.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// The fingerprint of the site-wide files (`404.html`, `feed.xml`, `sitemap.xml`,
    /// `robots.txt`): they read the shared data and every page's summary.
    pub(crate) fn extras(&self, templates: u64) -> u64 {
        let mut hasher = DefaultHasher::new();
        (self.global, templates, self.all_pages).hash(&mut hasher);
        hasher.finish()
    }
}

/// Feeds what is written to a hasher: a value's JSON is hashed without being kept.
struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A hash of any hashable value, stable within one process (what the caches key on).
pub(crate) fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Hashes a JSON value without serialising it (kinds are tagged, so `"1"` and `1` differ).
fn hash_value(value: &Value, hasher: &mut DefaultHasher) {
    match value {
        Value::Null => 0u8.hash(hasher),
        Value::Bool(b) => (1u8, b).hash(hasher),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => (2u8, i).hash(hasher),
            (None, Some(u)) => (3u8, u).hash(hasher),
            (None, None) => (4u8, n.as_f64().map(f64::to_bits)).hash(hasher),
        },
        Value::String(s) => (5u8, s).hash(hasher),
        Value::Array(items) => {
            (6u8, items.len()).hash(hasher);
            items.iter().for_each(|item| hash_value(item, hasher));
        }
        Value::Object(map) => {
            (7u8, map.len()).hash(hasher);
            for (key, item) in map {
                key.hash(hasher);
                hash_value(item, hasher);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(value: &Value) -> u64 {
        let mut hasher = DefaultHasher::new();
        hash_value(value, &mut hasher);
        hasher.finish()
    }

    #[test]
    fn values_hash_by_kind_and_content() {
        let a = serde_json::json!({"t": "1", "n": [1, 2]});
        assert_eq!(hashed(&a), hashed(&a.clone()));
        assert_ne!(
            hashed(&a),
            hashed(&serde_json::json!({"t": 1, "n": [1, 2]}))
        );
        assert_ne!(
            hashed(&a),
            hashed(&serde_json::json!({"t": "1", "n": [2, 1]}))
        );
        assert_ne!(
            hashed(&serde_json::json!([["a"], []])),
            hashed(&serde_json::json!([[], ["a"]]))
        );
    }
}
