//! Which context variables a template reads, from Tera's syntax tree.
//!
//! A template reads what its own tree names, what its parents' trees name (it renders inside
//! them), and what the templates it includes and the macro files it imports name. The render
//! stage leaves `pages` (every page's summary: the one variable whose size grows with the site)
//! out of the context of a template that never reads it, so a 100,000-page site's home page
//! and 404 page do not copy 100,000 summaries for nothing.
//!
//! The walk is conservative: a name counts wherever it appears as a variable (`pages`,
//! `pages.0.title`, `pages is defined`, `x[pages]`), and `__tera_context` (the whole context)
//! counts as reading everything.

use std::collections::HashSet;

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

/// Whether template `name` (with its parents, includes and imported macros) reads `variable`.
pub(crate) fn reads(tera: &Tera, name: &str, variable: &str) -> bool {
    let mut seen = HashSet::new();
    reads_from(tera, name, variable, &mut seen)
}

fn reads_from(tera: &Tera, name: &str, variable: &str, seen: &mut HashSet<String>) -> bool {
    if !seen.insert(name.to_owned()) {
        return false;
    }
    let Ok(template) = tera.get_template(name) else {
        return false;
    };
    let mut found = Found::default();
    found.nodes(&template.ast, variable);
    for definition in template.macros.values() {
        found.nodes(&definition.body, variable);
        let defaults = definition.args.values().flatten();
        defaults.for_each(|default| found.expr(default, variable));
    }
    found.reads
        || template
            .parents
            .iter()
            .chain(template.imported_macro_files.iter().map(|(file, _)| file))
            .chain(&found.includes)
            .any(|other| reads_from(tera, other, variable, seen))
}

/// What a walk over one tree found: whether it names the variable, and the templates it
/// includes.
#[derive(Default)]
struct Found {
    reads: bool,
    includes: Vec<String>,
}

impl Found {
    fn nodes(&mut self, nodes: &[Node], variable: &str) {
        for node in nodes {
            self.node(node, variable);
        }
    }

    fn node(&mut self, node: &Node, variable: &str) {
        match node {
            Node::VariableBlock(_, expr) => self.expr(expr, variable),
            Node::MacroDefinition(_, definition, _) => {
                self.nodes(&definition.body, variable);
                let defaults = definition.args.values().flatten();
                defaults.for_each(|default| self.expr(default, variable));
            }
            Node::Include(_, names, _) => self.includes.extend(names.iter().cloned()),
            Node::Set(_, set) => self.expr(&set.value, variable),
            Node::FilterSection(_, section, _) => {
                section
                    .filter
                    .args
                    .values()
                    .for_each(|arg| self.expr(arg, variable));
                self.nodes(&section.body, variable);
            }
            Node::Block(_, block, _) => self.nodes(&block.body, variable),
            Node::Forloop(_, forloop, _) => {
                self.expr(&forloop.container, variable);
                self.nodes(&forloop.body, variable);
                if let Some(empty) = &forloop.empty_body {
                    self.nodes(empty, variable);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    self.expr(condition, variable);
                    self.nodes(body, variable);
                }
                if let Some((_, body)) = &branches.otherwise {
                    self.nodes(body, variable);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }

    fn expr(&mut self, expr: &Expr, variable: &str) {
        self.value(&expr.val, variable);
        for filter in &expr.filters {
            filter
                .args
                .values()
                .for_each(|arg| self.expr(arg, variable));
        }
    }

    fn value(&mut self, value: &ExprVal, variable: &str) {
        match value {
            ExprVal::Ident(ident) => self.ident(ident, variable),
            ExprVal::Math(math) => {
                self.expr(&math.lhs, variable);
                self.expr(&math.rhs, variable);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs, variable);
                self.expr(&logic.rhs, variable);
            }
            ExprVal::Test(test) => {
                self.ident(&test.ident, variable);
                test.args.iter().for_each(|arg| self.expr(arg, variable));
            }
            ExprVal::MacroCall(call) => call.args.values().for_each(|arg| self.expr(arg, variable)),
            ExprVal::FunctionCall(call) => {
                call.args.values().for_each(|arg| self.expr(arg, variable));
            }
            ExprVal::Array(items) => items.iter().for_each(|item| self.expr(item, variable)),
            ExprVal::StringConcat(concat) => {
                concat.values.iter().for_each(|v| self.value(v, variable));
            }
            ExprVal::In(within) => {
                self.expr(&within.lhs, variable);
                self.expr(&within.rhs, variable);
            }
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => {}
        }
    }

    /// `pages`, `pages.0.title`, `site[pages]`: any part of a dotted or indexed name.
    fn ident(&mut self, ident: &str, variable: &str) {
        let mut parts = ident.split(['.', '[', ']', '"', '\'', ' ']);
        if ident == "__tera_context" || parts.any(|part| part == variable) {
            self.reads = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec())
            .expect("templates");
        tera
    }

    #[test]
    fn finds_a_variable_wherever_it_is_named() {
        let cases = [
            "{{ pages | length }}",
            "{% for p in pages %}{% endfor %}",
            "{% if pages is defined %}x{% endif %}",
            "{% set n = pages.0.title %}",
            "{{ site[pages] }}",
            "{{ x | default(value=pages) }}",
            "{{ url(path=pages) }}",
            "{% if a and not pages %}x{% endif %}",
            "{{ __tera_context }}",
        ];
        for case in cases {
            assert!(
                reads(&tera(&[("t.html", case)]), "t.html", "pages"),
                "{case}"
            );
        }
        let none = tera(&[(
            "t.html",
            "{{ page.title }} {% for p in children %}{{ p.pages_count }}{% endfor %}",
        )]);
        assert!(!reads(&none, "t.html", "pages"));
    }

    #[test]
    fn follows_parents_includes_and_macros() {
        let tera = tera(&[
            (
                "base.html",
                "{% block main %}{% endblock main %}{% include \"nav.html\" %}",
            ),
            ("nav.html", "{% for p in pages %}{% endfor %}"),
            ("m.html", "{% macro list() %}{{ pages }}{% endmacro list %}"),
            (
                "child.html",
                "{% extends \"base.html\" %}{% block main %}x{% endblock main %}",
            ),
            (
                "uses_macro.html",
                "{% import \"m.html\" as m %}{{ m::list() }}",
            ),
            ("plain.html", "{{ page.title }}"),
        ]);
        assert!(reads(&tera, "child.html", "pages"));
        assert!(reads(&tera, "uses_macro.html", "pages"));
        assert!(!reads(&tera, "plain.html", "pages"));
    }
}
