//! Checks on the template sources before Tera loads them. Tera 1 overflows the stack (aborting
//! the process) on a template that includes itself or a macro that calls itself without end, so
//! [`check_recursion`] builds the graph of `include`/`extends` and of macro calls and refuses any
//! cycle, naming it; [`check_blocks`] refuses a block no parent template has (Tera would ignore
//! it silently).

use crate::i18n::msg;
use std::collections::{BTreeMap, HashMap};

use tera::Tera;

use crate::error::{Error, ErrorKind, Location, Result, TemplateProblem};
use crate::source::Origin;

/// A block a child template defines but no parent has is never shown: Tera ignores it
/// silently, so we refuse it (usually a typo in the block's name).
pub(super) fn check_blocks(tera: &Tera, templates: &[(String, String)]) -> Result<()> {
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
                let problem = TemplateProblem::UndefinedBlock {
                    block: block.clone(),
                    parent: parent.clone(),
                };
                return Err(Error::new(ErrorKind::Template {
                    template: name.clone(),
                    problem,
                })
                .at(Location::at(Origin::Templates.path(name), line, 1))
                .with_source(text)
                .hint(msg!(
                    "hint-undefined-block",
                    parent = parent,
                    block = block
                )));
            }
        }
    }
    Ok(())
}

/// Refuses include/extends cycles and recursive macros, which would crash Tera.
pub(super) fn check_recursion(templates: &[(String, String)]) -> Result<()> {
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, text) in templates {
        let mut edges = tag_targets(text, "include");
        edges.extend(tag_targets(text, "extends"));
        graph.insert(name.clone(), edges);
    }
    if let Some(cycle) = find_cycle(&graph) {
        let template = cycle[0].clone();
        return Err(recursion_error(
            template,
            TemplateProblem::IncludeLoop { cycle },
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
        return Err(recursion_error(file, TemplateProblem::MacroLoop { cycle }));
    }
    Ok(())
}

fn recursion_error(template: String, problem: TemplateProblem) -> Error {
    let path = Origin::Templates.path(&template);
    Error::new(ErrorKind::Template { template, problem })
        .at(Location::file(path))
        .hint(msg!("hint-template-recursion"))
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
    use crate::templates::tests::named;

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
}
