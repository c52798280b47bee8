//! Templates: load Tera templates, refuse recursion Tera cannot survive, register our filters.
//!
//! Tera 1 overflows the stack (aborting the process) on a template that includes itself or a
//! macro that calls itself without end, so before any rendering [`load`] builds the graph of
//! `include`/`extends` and of macro calls and refuses any cycle, naming it.
//! Filters: `cn_number`. Functions: `url`, `asset_url`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tera::{Tera, Value};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::figures::{self, Numerals, Qualifier};
use crate::text::encode_path;

/// Static files addressed by content hash: `css/site.css` -> `css/site.3f2a9c1b0d.css`.
///
/// Every static file is hashed up front (as mdBook does), so `asset_url` is a pure lookup and
/// the build writes a hashed copy of every static file: nothing needs to record what the
/// templates asked for while they render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assets {
    /// Hashed name of every static file.
    pub hashed: BTreeMap<String, String>,
}

impl Assets {
    /// Hashes every static file.
    pub fn new(statics: &[crate::source::StaticFile]) -> Self {
        let hashed = statics
            .iter()
            .map(|f| (f.rel_path.clone(), hashed_name(&f.rel_path, &f.bytes)))
            .collect();
        Assets { hashed }
    }
}

/// The loaded templates and the asset names they resolve: everything a page renders with
/// besides the site itself.
#[derive(Debug)]
pub struct Templates {
    /// The Tera instance, with our filters and functions registered.
    pub tera: Tera,
    /// The static files' hashed names.
    pub assets: Arc<Assets>,
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

/// Loads the templates and registers filters and functions for a site at `base_path`.
pub fn load(templates: &[(String, String)], base_path: &str, assets: Assets) -> Result<Templates> {
    let assets = Arc::new(assets);
    check_recursion(templates)?;
    let mut tera = Tera::default();
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error(&e, templates))?;
    check_blocks(&tera, templates)?;
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
    Ok(Templates { tera, assets })
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

/// A Tera error as ours: the template, the line when Tera gives one, and the chain of causes.
pub fn template_error(err: &tera::Error, templates: &[(String, String)]) -> Error {
    let chain = error_chain(err);
    let template = quoted_name(&chain).unwrap_or_else(|| "?".to_owned());
    let mut error = Error::new(ErrorKind::Template {
        template: template.clone(),
        message: tidy_parse_message(&chain),
    });
    let position = chain.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().unwrap_or(1)))
    });
    let path = format!("templates/{template}");
    error = match position {
        Some((line, column)) => error.at(Location::at(&path, line, column)),
        None => error.at(Location::file(&path)),
    };
    if let Some((_, text)) = templates.iter().find(|(n, _)| *n == template) {
        error = error.with_source(text);
    }
    error.hint("fix the template; see the Tera documentation for the syntax")
}

/// Tera's parse errors draw their own source excerpt; ours does that, so keep only the words:
/// "Failed to parse 'x.html': expected ...".
fn tidy_parse_message(chain: &str) -> String {
    if !chain.contains("\n") {
        return chain.to_owned();
    }
    let mut lines = chain.lines();
    let first = lines
        .next()
        .unwrap_or("")
        .split("  -->")
        .next()
        .unwrap_or("")
        .trim_end();
    let reasons: Vec<&str> = lines
        .filter_map(|l| l.trim_start().strip_prefix("= "))
        .collect();
    format!("{first} {}", reasons.join("; "))
}

/// The messages of an error and its sources, outermost first.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

fn quoted_name(message: &str) -> Option<String> {
    let start = message.find('\'')? + 1;
    let end = message[start..].find('\'')? + start;
    Some(message[start..end].to_owned())
}

/// A block a child template defines but no parent has is never shown: Tera ignores it
/// silently, so we refuse it (usually a typo in the block's name).
fn check_blocks(tera: &Tera, templates: &[(String, String)]) -> Result<()> {
    for (name, text) in templates {
        let Ok(template) = tera.get_template(name) else {
            continue;
        };
        let Some(parent) = template.parents.first() else {
            continue;
        };
        let mut names: Vec<&String> = template.blocks.keys().collect();
        names.sort();
        for block in names {
            let known = template
                .parents
                .iter()
                .filter_map(|p| tera.get_template(p).ok())
                .any(|p| p.blocks.contains_key(block));
            if !known {
                let line = text
                    .lines()
                    .position(|l| l.contains("block") && l.contains(block.as_str()))
                    .map_or(1, |i| i + 1);
                return Err(Error::new(ErrorKind::Template {
                    template: name.clone(),
                    message: format!("block `{block}` is not defined in the parent template `{parent}`, so it would never be shown"),
                })
                .at(Location::at(format!("templates/{name}"), line, 1))
                .with_source(text)
                .hint(format!("rename it to one of the blocks of {parent}, or add `{{% block {block} %}}{{% endblock %}}` there")));
            }
        }
    }
    Ok(())
}

/// Refuses include/extends cycles and recursive macros, which would crash Tera.
fn check_recursion(templates: &[(String, String)]) -> Result<()> {
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, text) in templates {
        let mut edges = tag_targets(text, "include");
        edges.extend(tag_targets(text, "extends"));
        graph.insert(name.clone(), edges);
    }
    if let Some(cycle) = find_cycle(&graph) {
        return Err(recursion_error(
            &cycle[0],
            format!(
                "templates include each other in a loop: {}",
                cycle.join(" -> ")
            ),
        ));
    }
    let mut macros: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut home: HashMap<String, String> = HashMap::new();
    for (name, text) in templates {
        for (macro_name, body) in macro_bodies(text) {
            home.insert(macro_name.clone(), name.clone());
            macros
                .entry(macro_name)
                .or_default()
                .extend(called_macros(body));
        }
    }
    if let Some(cycle) = find_cycle(&macros) {
        let file = home.get(&cycle[0]).cloned().unwrap_or_default();
        return Err(recursion_error(
            &file,
            format!("macros call themselves: {}", cycle.join(" -> ")),
        ));
    }
    Ok(())
}

fn recursion_error(template: &str, message: String) -> Error {
    Error::new(ErrorKind::Template { template: template.to_owned(), message })
        .at(Location::file(format!("templates/{template}")))
        .hint("Tera cannot stop endless recursion (it would crash); gongjiang refuses recursive includes and macros — unroll it")
}

/// The string literal (in `"`, `'` or backquotes) that `text` starts with, after spaces.
fn leading_string(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let quote = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let rest = &text[1..];
    rest.find(quote).map(|end| &rest[..end])
}

/// Targets of `{% include "x" %}` / `{% extends "x" %}` tags (also with `-` whitespace control).
fn tag_targets(text: &str, tag: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for part in text.split("{%").skip(1) {
        let inner = part.trim_start_matches('-').trim_start();
        if let Some(target) = inner.strip_prefix(tag).and_then(leading_string) {
            targets.push(target.to_owned());
        }
    }
    targets
}

/// `(name, body)` of each `{% macro name(...) %}...{% endmacro %}`.
fn macro_bodies(text: &str) -> Vec<(String, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("macro ") {
        let after = &rest[start + 6..];
        let name: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let end = after.find("endmacro").unwrap_or(after.len());
        if !name.is_empty() && rest[..start].trim_end().ends_with(['%', '-']) {
            found.push((name, &after[..end]));
        }
        rest = &after[end..];
    }
    found
}

fn called_macros(body: &str) -> Vec<String> {
    body.split("::")
        .skip(1)
        .filter_map(|part| {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            part[name.len()..]
                .trim_start()
                .starts_with('(')
                .then_some(name)
        })
        .collect()
}

/// A cycle in a directed graph, as the list of nodes with the first repeated at the end.
fn find_cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    for start in graph.keys() {
        if marks.contains_key(start.as_str()) {
            continue;
        }
        // Iterative depth-first search: (node, index of the next edge to follow).
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Visiting);
        while let Some((node, next)) = stack.last_mut() {
            let edges = graph.get(*node).map_or(&[][..], Vec::as_slice);
            if let Some(target) = edges.get(*next) {
                *next += 1;
                match marks.get(target.as_str()) {
                    Some(Mark::Visiting) => {
                        let mut cycle: Vec<String> =
                            stack.iter().map(|(n, _)| (*n).to_owned()).collect();
                        let from = cycle.iter().position(|n| n == target).unwrap_or(0);
                        cycle.drain(..from);
                        cycle.push(target.clone());
                        return Some(cycle);
                    }
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(target, Mark::Visiting);
                        stack.push((target, 0));
                    }
                }
            } else {
                marks.insert(node, Mark::Done);
                stack.pop();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn refuses_include_loops() {
        let err = check_recursion(&named(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "{%- include 'a.html' -%}"),
        ]))
        .expect_err("loop");
        assert!(
            err.to_string().contains("a.html -> b.html -> a.html"),
            "{err}"
        );
    }

    #[test]
    fn refuses_recursive_macros() {
        let text = "{% macro tree(n) %}{{ self::tree(n=n) }}{% endmacro tree %}";
        assert!(check_recursion(&named(&[("m.html", text)])).is_err());
        let fine = "{% macro a() %}x{% endmacro %}{% macro b() %}{{ self::a() }}{% endmacro %}";
        assert!(check_recursion(&named(&[("m.html", fine)])).is_ok());
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
        let statics = [crate::source::StaticFile {
            rel_path: "css/site.css".into(),
            bytes: b"body{}".to_vec(),
        }];
        let templates = named(&[("p.html", "{{ asset_url(path=\"/css/site.css\") }}")]);
        let loaded = load(&templates, "/reform/", Assets::new(&statics)).expect("loads");
        let html = loaded
            .tera
            .render("p.html", &tera::Context::new())
            .expect("renders");
        assert_eq!(
            html,
            format!("/reform/{}", hashed_name("css/site.css", b"body{}"))
        );
    }

    #[test]
    fn syntax_errors_carry_line() {
        let templates = named(&[("page.html", "<p>\n{{ oops </p>")]);
        let err = load(&templates, "/", Assets::default()).expect_err("syntax");
        assert_eq!(err.line(), Some(2), "{err}");
        assert!(err.to_string().contains("templates/page.html"), "{err}");
    }
}
