//! Templates: load Tera templates and register our filters and functions.
//!
//! The site's templates are laid over the built-in theme's by name ([`crate::theme`]): an
//! error in a built-in template is labelled `(built-in) templates/NAME` with the way to eject
//! it.
//!
//! Filters: `cn_number`. Functions: `url`, `asset_url` (a pure lookup of the content-hashed name
//! of a static file, computed before anything renders). Before loading, module `checks` refuses
//! what Tera 1 cannot survive or silently ignores (recursive includes and macros, blocks no
//! parent has); module `errors` turns Tera's errors into ours, and finds the line of a render
//! error, which Tera 1 does not give.

mod checks;
mod errors;
mod reads;

use checks::{check_blocks, check_recursion};

#[cfg(test)]
pub(crate) use errors::{FIGURE_FIELDS, PAGE_FIELDS, SITE_FIELDS, SUMMARY_FIELDS, TOP_LEVEL};
pub(crate) use errors::{render_error, template_error};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use tera::{Tera, Value};

use crate::error::{Error, Result};
use crate::figures::{self, Numerals, Qualifier};
use crate::i18n::msg;
use crate::text::encode_path;

/// Static files addressed by content hash: `css/site.css` -> `css/site.3f2a9c1b0d.css`.
///
/// Every static file is hashed up front (as mdBook does), so `asset_url` is a pure lookup and
/// the build writes a hashed copy of every static file: nothing needs to record what the
/// templates asked for while they render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Assets {
    /// Hashed name of every static file.
    pub hashed: BTreeMap<String, String>,
}

impl Assets {
    /// Hashes every static file: (path below `static/`, bytes).
    pub(crate) fn new<'a>(statics: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Self {
        let hashed = statics
            .into_iter()
            .map(|(path, bytes)| (path.to_owned(), hashed_name(path, bytes)))
            .collect();
        Assets { hashed }
    }
}

/// The loaded templates and the asset names they resolve: everything a page renders with
/// besides the site itself.
#[derive(Debug)]
pub(crate) struct Templates {
    /// The Tera instance, with our filters and functions registered.
    pub tera: Tera,
    /// The static files' hashed names.
    pub assets: Arc<Assets>,
    /// The template sources, `(name, text)`: Tera 1 gives no line for a render error, so
    /// [`render_error`] finds it in them.
    pub sources: Vec<(String, String)>,
    /// The templates that read `pages` (module `reads`): only their contexts are given it.
    reading_pages: HashSet<String>,
    /// The names of the built-in theme's templates in use (the site has none of that name).
    built_in: BTreeSet<String>,
}

impl Templates {
    /// Whether template `name` reads `pages` (every page's summary), itself or through its
    /// parents, includes or macros.
    pub(crate) fn reads_pages(&self, name: &str) -> bool {
        self.reading_pages.contains(name)
    }

    /// `err`, labelled as the built-in theme's when it is located in a built-in template.
    pub(crate) fn label(&self, err: Error) -> Error {
        label_built_in(err, &self.built_in)
    }
}

/// `err`, labelled as the built-in theme's when its file is `templates/NAME` with `NAME` one of
/// `built_in`, with a hint saying how to eject it.
fn label_built_in(mut err: Error, built_in: &BTreeSet<String>) -> Error {
    let Some(location) = &err.location else {
        return err;
    };
    let path = crate::source::slash_path(&location.path);
    let is_built_in = path
        .strip_prefix("templates/")
        .is_some_and(|name| built_in.contains(name));
    if is_built_in {
        err.built_in = true;
        let hint = err.hint.take().unwrap_or_else(|| msg!("hint-fix-template"));
        err.hint = Some(msg!("hint-built-in-template", hint = hint, file = path));
    }
    err
}

fn hashed_name(path: &str, bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let named = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{file}.{hash}"),
    };
    if dir.is_empty() {
        named
    } else {
        format!("{dir}/{named}")
    }
}

/// Loads the site's templates over the built-in theme's and registers filters and functions for
/// a site at `base_path`.
pub(crate) fn load(
    site_templates: &[(String, String)],
    base_path: &str,
    assets: Assets,
) -> Result<Templates> {
    let (all, built_in) = crate::theme::templates(site_templates);
    load_all(&all, built_in, base_path, assets)
}

/// [`load`] without the built-in theme: only `templates`, for tests of one template set.
#[cfg(test)]
pub(crate) fn load_alone(
    templates: &[(String, String)],
    base_path: &str,
    assets: Assets,
) -> Result<Templates> {
    load_all(templates, BTreeSet::new(), base_path, assets)
}

fn load_all(
    templates: &[(String, String)],
    built_in: BTreeSet<String>,
    base_path: &str,
    assets: Assets,
) -> Result<Templates> {
    let assets = Arc::new(assets);
    let label = |err| label_built_in(err, &built_in);
    check_recursion(templates).map_err(label)?;
    let mut tera = Tera::default();
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| label(template_error(&e, templates)))?;
    check_blocks(&tera, templates).map_err(label)?;
    tera.set_escape_fn(escape_html);
    tera.register_filter("cn_number", cn_number);
    let base = base_path.to_owned();
    tera.register_function("url", move |args: &HashMap<String, Value>| {
        let path = string_arg(args, "path", "url")?;
        Ok(Value::String(format!(
            "{base}{}",
            encode_path(path.trim_start_matches('/'))
        )))
    });
    let base = base_path.to_owned();
    let lookup = Arc::clone(&assets);
    tera.register_function("asset_url", move |args: &HashMap<String, Value>| {
        let path = string_arg(args, "path", "asset_url")?;
        let path = path.trim_start_matches('/');
        let hashed = lookup.hashed.get(path).ok_or_else(|| {
            tera::Error::msg(format!("asset_url: there is no file `static/{path}`"))
        })?;
        Ok(Value::String(format!("{base}{}", encode_path(hashed))))
    });
    let reading_pages = templates
        .iter()
        .filter(|(name, _)| reads::reads(&tera, name, "pages"))
        .map(|(name, _)| name.clone())
        .collect();
    Ok(Templates {
        tera,
        assets,
        sources: templates.to_vec(),
        reading_pages,
        built_in,
    })
}

/// Tera's default escaper also escapes `/` (`&#x2F;`), which makes URLs unreadable; this one
/// escapes what HTML and XML need: `& < > " '`.
fn escape_html(text: &str) -> String {
    crate::text::escape_xml(text)
}

fn string_arg<'a>(
    args: &'a HashMap<String, Value>,
    name: &str,
    function: &str,
) -> tera::Result<&'a str> {
    args.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg(format!("{function}() needs a string argument `{name}`")))
}

/// `{{ 15000 | cn_number(qualifier="more_than", unit="家") }}` -> `1.5万余家`.
fn cn_number(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = value
        .as_f64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
        .ok_or_else(|| tera::Error::msg(format!("cn_number: `{value}` is not a number")))?;
    let qualifier = match args.get("qualifier").and_then(Value::as_str) {
        None => Qualifier::Exact,
        Some(name) => Qualifier::from_name(name).ok_or_else(|| {
            tera::Error::msg(format!(
                "cn_number: unknown qualifier `{name}` (known: {})",
                Qualifier::NAMES.join(", ")
            ))
        })?,
    };
    let wording = figures::resolve_wording(qualifier, args.get("wording").and_then(Value::as_str))
        .map_err(|bad| {
            tera::Error::msg(format!(
                "cn_number: wording must be one of {}",
                bad.accepted.join(", ")
            ))
        })?;
    let numerals = match args.get("numerals").and_then(Value::as_str) {
        Some("hanzi") => Numerals::Hanzi,
        _ => Numerals::Arabic,
    };
    let unit = args.get("unit").and_then(Value::as_str).unwrap_or("");
    Ok(Value::String(format!(
        "{}{unit}",
        figures::display(number, qualifier, wording, numerals)
    )))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Templates from (name, text) pairs.
    pub(crate) fn named(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn hashed_names_keep_folder_and_extension() {
        let name = hashed_name("css/site.css", b"body{}");
        assert!(
            name.starts_with("css/site.")
                && name.ends_with(".css")
                && name.len() == "css/site..css".len() + 10,
            "{name}"
        );
    }

    #[test]
    fn asset_url_is_a_lookup() {
        let statics = [("css/site.css", b"body{}".as_slice())];
        let templates = named(&[("p.html", "{{ asset_url(path=\"/css/site.css\") }}")]);
        let loaded = load(&templates, "/reform/", Assets::new(statics)).expect("loads");
        let html = loaded
            .tera
            .render("p.html", &tera::Context::new())
            .expect("renders");
        assert_eq!(
            html,
            format!("/reform/{}", hashed_name("css/site.css", b"body{}"))
        );
    }
}
