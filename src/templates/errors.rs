//! Tera's errors as ours. Tera 1 gives a render error no line (`Variable `page.titel` not
//! found in context while rendering 'page.html'`), so [`template_error`] finds the expression
//! it names in the template sources ([`locate`]) and reports it at its template, line and
//! column, with a "did you mean".

use crate::error::{Error, ErrorKind, Location, TemplateProblem};
use crate::i18n::{Message, msg};
use crate::source::Origin;

/// A Tera error as ours: the template, the line (from Tera for a syntax error, found in the
/// sources by [`locate`] for a render error), the offending line and a hint.
pub(crate) fn template_error(err: &tera::Error, templates: &[(String, String)]) -> Error {
    let chain = error_chain(err);
    if chain.starts_with("Failed to render '") {
        return render_failure(&chain, templates);
    }
    let template = quoted_name(&chain).unwrap_or_else(|| "?".to_owned());
    let mut error = Error::new(ErrorKind::Template {
        template: template.clone(),
        problem: TemplateProblem::Tera {
            explanation: tidy_parse_message(&chain),
        },
    });
    let position = chain.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().unwrap_or(1)))
    });
    let path = Origin::Templates.path(&template);
    error = match position {
        Some((line, column)) => error.at(Location::at(&path, line, column)),
        None => error.at(Location::file(&path)),
    };
    if let Some((_, text)) = templates.iter().find(|(n, _)| *n == template) {
        error = error.with_source(text);
    }
    error.hint(msg!("hint-fix-template"))
}

/// A render error of the page `source` (e.g. `content/a.md`): [`template_error`], with the page
/// named in the hint.
pub(crate) fn render_error(
    err: &tera::Error,
    templates: &[(String, String)],
    source: &std::path::Path,
) -> Error {
    let mut error = template_error(err, templates);
    let page = crate::source::slash_path(source);
    error.hint = Some(match error.hint.take() {
        Some(hint) => msg!("hint-while-rendering", hint = hint, page = page),
        None => msg!("while-rendering", page = page),
    });
    error
}

/// What a Tera 1 render error names, to be looked for in the template sources.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Needle {
    /// `page.titel`, as written (subscripts included).
    Variable(String),
    /// A filter: `| name`.
    Filter(String),
    /// A function: `name(`.
    Function(String),
    /// A test: `is name`.
    Test(String),
    /// An included template: `"name"`.
    Include(String),
}

/// Where a render error happened: template, 1-based line and column (in characters) of the
/// expression, and how many places in that template match (more than one: the first is given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The template's name, e.g. `partials/pager.html`.
    pub template: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset in the template's text.
    pub offset: usize,
    /// Places matching in that template.
    pub matches: usize,
}

/// The text following `marker` in `chain`, up to `end`.
fn after<'a>(chain: &'a str, marker: &str, end: char) -> Option<&'a str> {
    let rest = &chain[chain.find(marker)? + marker.len()..];
    Some(&rest[..rest.find(end)?])
}

/// What the error chain names. A variable comes first: `Function call 'url' failed: Variable
/// `x` not found` is about the variable.
fn needle(chain: &str) -> Option<Needle> {
    if let Some(v) = after(chain, "Variable `", '`') {
        return Some(Needle::Variable(v.to_owned()));
    }
    let name = |marker: &str| after(chain, marker, '\'').map(str::to_owned);
    name("Filter '")
        .or_else(|| name("Filter call '"))
        .map(Needle::Filter)
        .or_else(|| {
            name("Function '")
                .or_else(|| name("Function call '"))
                .map(Needle::Function)
        })
        .or_else(|| {
            name("Test '")
                .or_else(|| name("Test call '"))
                .map(Needle::Test)
        })
        .or_else(|| {
            // `Template '[a.html]' not found` (an include lists its candidates).
            let list = after(chain, "Template '[", ']')?;
            Some(Needle::Include(list.split(", ").next()?.to_owned()))
        })
}

/// The innermost template Tera 1 names: `while rendering 'x'` (a variable), `(error happened
/// in 'x')` (a parent's block), the file defining the macro being rendered, or the template
/// being rendered.
fn named_template(chain: &str, templates: &[(String, String)]) -> Option<String> {
    if let Some(name) = after(chain, "while rendering '", '\'')
        .or_else(|| after(chain, "(error happened in '", '\''))
    {
        return Some(name.to_owned());
    }
    if let Some(called) = after(chain, "error while rendering macro `", '`') {
        let name = called.rsplit("::").next()?;
        let defined = |text: &str| {
            let code = code_only(text);
            find_words(&code, name)
                .iter()
                .any(|&i| code[..i].trim_end().ends_with("macro"))
        };
        if let Some((file, _)) = templates.iter().find(|(_, t)| defined(t)) {
            return Some(file.clone());
        }
    }
    after(chain, "Failed to render '", '\'').map(str::to_owned)
}

/// The template's text with everything but the inside of `{{ }}` and `{% %}` tags blanked
/// (comments `{# #}` too), byte for byte with newlines kept, so offsets stay those of `text`.
fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = vec![b' '; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        let close = match bytes.get(i..i + 2) {
            Some(b"{{") => Some("}}"),
            Some(b"{%") => Some("%}"),
            Some(b"{#") => Some("#}"),
            _ => None,
        };
        match close {
            Some(close) => {
                let end = text[i + 2..]
                    .find(close)
                    .map_or(text.len(), |e| i + 2 + e + 2);
                if close != "#}" {
                    out[i..end].copy_from_slice(&bytes[i..end]);
                }
                for (j, b) in bytes[i..end].iter().enumerate() {
                    if *b == b'\n' {
                        out[i + j] = b'\n';
                    }
                }
                i = end;
            }
            None => {
                if bytes[i] == b'\n' {
                    out[i] = b'\n';
                }
                i += 1;
            }
        }
    }
    // Only ASCII spaces replace bytes, and tag interiors are whole: the result is UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Offsets of `word` in `code` that are whole names: not glued to a longer name or path
/// (`page.desc` is not found in `page.description`, nor `title` in `page.title`).
fn find_words(code: &str, word: &str) -> Vec<usize> {
    if word.is_empty() {
        return Vec::new();
    }
    code.match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = code[..i].chars().next_back();
            let next = code[i + word.len()..].chars().next();
            !before.is_some_and(|c| is_ident(c) || c == '.')
                && !next.is_some_and(|c| is_ident(c) || c == '.' || c == '[')
        })
        .collect()
}

/// Offsets where `needle` occurs in a template's tags.
fn search(text: &str, needle: &Needle) -> Vec<usize> {
    let code = code_only(text);
    let before = |i: usize| code[..i].trim_end();
    match needle {
        Needle::Variable(path) => find_words(&code, path),
        Needle::Filter(name) => find_words(&code, name)
            .into_iter()
            .filter(|&i| before(i).ends_with('|'))
            .collect(),
        Needle::Function(name) => find_words(&code, name)
            .into_iter()
            .filter(|&i| {
                code[i + name.len()..].trim_start().starts_with('(')
                    && !before(i).ends_with('|')
                    && !before(i).ends_with(':')
            })
            .collect(),
        Needle::Test(name) => find_words(&code, name)
            .into_iter()
            .filter(|&i| {
                let b = before(i);
                let b = b.strip_suffix("not").map_or(b, str::trim_end);
                b.ends_with(" is") || b.ends_with("\tis") || b.ends_with("\nis")
            })
            .collect(),
        Needle::Include(target) => ['"', '\'', '`']
            .iter()
            .flat_map(|q| {
                let quoted = format!("{q}{target}{q}");
                code.match_indices(&quoted)
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>()
            })
            .filter(|&i| {
                let b = before(i);
                b.ends_with("include") || b.ends_with('[') || b.ends_with(',')
            })
            .collect(),
    }
}

/// Finds the expression a Tera 1 render error (its chain of messages) names in the template
/// sources: inside tags only, outside comments, whole names only; in the template the chain
/// names first, then in every other one (parents, partials, macro files).
pub(crate) fn locate(chain: &str, templates: &[(String, String)]) -> Option<Found> {
    let needle = needle(chain)?;
    let first = named_template(chain, templates);
    let named = templates.iter().filter(|(n, _)| Some(n) == first.as_ref());
    let others = templates.iter().filter(|(n, _)| Some(n) != first.as_ref());
    named.chain(others).find_map(|(name, text)| {
        let mut hits = search(text, &needle);
        hits.sort_unstable();
        let offset = *hits.first()?;
        let (line, column) = crate::error::line_column(text, offset);
        Some(Found {
            template: name.clone(),
            line,
            column,
            offset,
            matches: hits.len(),
        })
    })
}

/// Fields of the values templates see (README, "What templates see"), for "did you mean";
/// `render::tests::readme_lists_what_templates_see` checks them against the typed contexts.
#[rustfmt::skip]
pub(crate) const SUMMARY_FIELDS: &[&str] = &[
    "title", "description", "kind", "url", "permalink", "path", "weight", "date", "extra",
    "figures", "lang", "translations",
];
#[rustfmt::skip]
pub(crate) const PAGE_FIELDS: &[&str] = &[
    "title", "description", "kind", "url", "permalink", "path", "source_path", "weight", "date",
    "extra", "content", "toc", "figures", "charts", "figure", "lang", "translations",
];
#[rustfmt::skip]
pub(crate) const SITE_FIELDS: &[&str] = &[
    "title", "description", "base_url", "language", "search", "downloads", "source", "extra",
    "strings", "languages", "home_url", "home_permalink",
];
#[rustfmt::skip]
pub(crate) const FIGURE_FIELDS: &[&str] = &[
    "id", "label", "value", "unit", "qualifier", "wording", "numerals", "group", "key", "note",
    "source", "display", "text",
];
#[rustfmt::skip]
pub(crate) const TOP_LEVEL: &[&str] = &[
    "site", "page", "menu", "children", "pages", "prev", "next", "key_figures", "updated",
    "figure", "card_page", "chart", "figures", "table", "in_text",
];
/// Tera 1's built-in filters, functions and tests, and ours.
#[rustfmt::skip]
const FILTERS: &[&str] = &[
    "cn_number", "lower", "upper", "wordcount", "capitalize", "replace", "addslashes", "slugify",
    "title", "trim", "trim_start", "trim_end", "trim_start_matches", "trim_end_matches", "truncate",
    "linebreaksbr", "spaceless", "striptags", "escape", "escape_xml", "split", "int", "float",
    "json_encode", "as_str", "urlencode", "urlencode_strict", "abs", "pluralize", "round",
    "filesizeformat", "length", "reverse", "first", "last", "nth", "join", "sort", "unique",
    "slice", "group_by", "filter", "map", "concat", "get", "date", "safe", "default", "indent",
];
#[rustfmt::skip]
const FUNCTIONS: &[&str] = &[
    "url", "asset_url", "range", "now", "throw", "get_random", "get_env",
];
#[rustfmt::skip]
const TESTS: &[&str] = &[
    "defined", "undefined", "odd", "even", "string", "number", "divisibleby", "iterable", "object",
    "starting_with", "ending_with", "containing", "matching",
];

/// The known name closest to `word`: within three edits, or the only one `word` begins
/// (`descr` -> `description`).
fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    // Near misses only: `shout` is two edits from `sort`, too far for five letters.
    let close_enough =
        |near: &&str| crate::error::edit_distance(word, near) <= (word.chars().count() / 3).max(1);
    let near = crate::error::nearest(word, known).filter(close_enough);
    near.or_else(|| {
        let mut longer = known
            .iter()
            .filter(|k| word.len() >= 3 && k.starts_with(word));
        match (longer.next(), longer.next()) {
            (Some(only), None) => Some(*only),
            _ => None,
        }
    })
}

/// The fields of what `expr` (a variable, or what a loop runs over) holds, when known.
fn fields_of(expr: &str) -> Option<&'static [&'static str]> {
    Some(match expr {
        "site" => SITE_FIELDS,
        "page" => PAGE_FIELDS,
        "prev" | "next" | "menu" | "children" | "pages" => SUMMARY_FIELDS,
        "page.figures" => FIGURE_FIELDS,
        "page.toc" => &["level", "id", "title"],
        "page.charts" => &["title", "id", "figures", "svg"],
        "key_figures" => &["figure", "page"],
        _ => return None,
    })
}

/// For `x.field` with an unknown `field`: the byte offset of `field` in the path and the
/// closest known field. `x` is a variable templates see, or a loop variable over one of them
/// (`{% for f in page.figures %}`).
fn misspelt_field(path: &str, templates: &[(String, String)]) -> Option<(usize, Option<String>)> {
    fn bare(expr: &str) -> &str {
        expr.trim_end_matches("%}").trim_end_matches('-')
    }
    let (top, rest) = path.split_once('.')?;
    let field: String = rest.chars().take_while(|&c| is_ident(c)).collect();
    let known = fields_of(top).or_else(|| {
        templates.iter().find_map(|(_, text)| {
            let code = code_only(text);
            code.split("{%").find_map(|tag| {
                let words: Vec<&str> = tag.trim_start_matches('-').split_whitespace().collect();
                match words.as_slice() {
                    ["for", var, "in", over, ..] if *var == top => fields_of(bare(over)),
                    ["for", _, var, "in", over, ..] if var.trim_end_matches(',') == top => {
                        fields_of(bare(over))
                    }
                    _ => None,
                }
            })
        })
    })?;
    if known.contains(&field.as_str()) {
        return None;
    }
    let near = closest(&field, known).map(|f| format!("{top}.{f}"));
    Some((top.len() + 1, near))
}

/// What is wrong, the hint, and how far into the found expression the caret goes.
fn describe(
    chain: &str,
    needle: &Needle,
    templates: &[(String, String)],
) -> (TemplateProblem, Message, usize) {
    let did_you_mean = |near: &str| msg!("hint-did-you-mean", word = near);
    let suggest = |word: &str, known: &[&str], listed: Message| match closest(word, known) {
        Some(near) => did_you_mean(near),
        None => listed,
    };
    // What a filter or function said, without repeating its name (`cn_number: ...`).
    let cause = |marker: &str, name: &str| {
        let said = chain.split_once(marker).map_or("", |(_, rest)| rest);
        let said = said.strip_prefix(": ").unwrap_or(said);
        said.strip_prefix(&format!("{name}: "))
            .unwrap_or(said)
            .to_owned()
    };
    match needle {
        Needle::Variable(path) => {
            let message = TemplateProblem::UndefinedVariable {
                path: path.clone(),
                evaluated: after(chain, "the evaluated version was `", '`').map(str::to_owned),
            };
            let top: String = path.chars().take_while(|&c| is_ident(c)).collect();
            if path == &top {
                let hint = match closest(&top, TOP_LEVEL) {
                    Some(near) if near != top => did_you_mean(near),
                    _ => msg!("hint-templates-see", names = TOP_LEVEL.join(", ")),
                };
                return (message, hint, 0);
            }
            match misspelt_field(path, templates) {
                Some((at, Some(near))) => (message, did_you_mean(&near), at),
                Some((at, None)) => {
                    let known = fields_of(&top).unwrap_or(&[]);
                    let hint = if known.is_empty() {
                        msg!("hint-check-field-name")
                    } else {
                        msg!(
                            "hint-fields-of",
                            top = top.as_str(),
                            fields = known.join(", ")
                        )
                    };
                    (message, hint, at)
                }
                None => (message, msg!("hint-check-variable-name"), 0),
            }
        }
        Needle::Filter(name) if chain.contains("Filter call '") => (
            TemplateProblem::FilterFailed {
                name: name.clone(),
                cause: cause(&format!("Filter call '{name}' failed"), name),
            },
            msg!("hint-fix-filter-value", name = name),
            0,
        ),
        Needle::Filter(name) => (
            TemplateProblem::UnknownFilter { name: name.clone() },
            match closest(name, FILTERS) {
                Some(near) => did_you_mean(near),
                None => msg!("hint-filters"),
            },
            0,
        ),
        Needle::Function(name) if chain.contains("Function call '") => (
            TemplateProblem::FunctionFailed {
                name: name.clone(),
                cause: cause(&format!("Function call '{name}' failed"), name),
            },
            msg!("hint-fix-function-arguments", name = name),
            0,
        ),
        Needle::Function(name) => (
            TemplateProblem::UnknownFunction { name: name.clone() },
            suggest(
                name,
                FUNCTIONS,
                msg!("hint-functions-are", names = FUNCTIONS.join(", ")),
            ),
            0,
        ),
        Needle::Test(name) if chain.contains("Test call '") => (
            TemplateProblem::TestFailed {
                name: name.clone(),
                cause: cause(&format!("Test call '{name}' failed"), name),
            },
            msg!("hint-fix-test-value", name = name),
            0,
        ),
        Needle::Test(name) => (
            TemplateProblem::UnknownTest { name: name.clone() },
            suggest(
                name,
                TESTS,
                msg!("hint-tests-are", names = TESTS.join(", ")),
            ),
            0,
        ),
        Needle::Include(target) => (
            TemplateProblem::MissingInclude {
                target: target.clone(),
            },
            msg!("hint-missing-include", target = target),
            0,
        ),
    }
}

/// A render error (`Failed to render 'x': ...`), located in the sources when possible.
fn render_failure(chain: &str, templates: &[(String, String)]) -> Error {
    let Some(needle) = needle(chain) else {
        let template = named_template(chain, templates).unwrap_or_else(|| "?".to_owned());
        return Error::new(ErrorKind::Template {
            template: template.clone(),
            problem: TemplateProblem::Tera {
                explanation: chain.to_owned(),
            },
        })
        .at(Location::file(Origin::Templates.path(&template)))
        .hint(msg!("hint-fix-template"));
    };
    let (problem, hint, shift) = describe(chain, &needle, templates);
    let Some(found) = locate(chain, templates) else {
        let template = named_template(chain, templates).unwrap_or_else(|| "?".to_owned());
        return Error::new(ErrorKind::Template {
            template: template.clone(),
            problem,
        })
        .at(Location::file(Origin::Templates.path(&template)))
        .hint(hint);
    };
    let text = templates
        .iter()
        .find(|(n, _)| *n == found.template)
        .map_or("", |(_, t)| t.as_str());
    let (line, column) = crate::error::line_column(text, found.offset + shift);
    let hint = match found.matches {
        0 | 1 => hint,
        matches => msg!(
            "hint-first-of-matches",
            hint = hint,
            matches = matches,
            template = &found.template
        ),
    };
    Error::new(ErrorKind::Template {
        template: found.template.clone(),
        problem,
    })
    .at(Location::at(
        Origin::Templates.path(&found.template),
        line,
        column,
    ))
    .with_source(text)
    .hint(hint)
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
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::tests::named;
    use crate::templates::{Assets, load_alone as load};

    /// Loads `templates`, renders `name` with `context` (JSON) and returns the error as ours.
    fn render_err(templates: &[(&str, &str)], name: &str, context: serde_json::Value) -> Error {
        let templates = named(templates);
        let loaded = load(&templates, "/", Assets::default()).expect("loads");
        let context = tera::Context::from_value(context).expect("context");
        let err = loaded.tera.render(name, &context).expect_err("fails");
        render_error(&err, &loaded.sources, std::path::Path::new("content/a.md"))
    }

    fn place(err: &Error) -> String {
        err.location
            .as_ref()
            .map_or("-".to_owned(), ToString::to_string)
    }

    #[test]
    fn locates_a_variable_in_a_partial() {
        let err = render_err(
            &[
                (
                    "page.html",
                    "<main>{{ page.title }}</main>\n{% include \"partials/pager.html\" %}",
                ),
                (
                    "partials/pager.html",
                    "<nav>\n<a>{{ prev.url }}</a> <a>{{ prev.titel }}</a></nav>",
                ),
            ],
            "page.html",
            serde_json::json!({"page": {"title": "t"}, "prev": {"title": "p", "url": "/p/"}}),
        );
        assert_eq!(place(&err), "templates/partials/pager.html:2:34", "{err}");
        let shown = err.to_string();
        assert!(
            shown.contains("variable `prev.titel` is not defined"),
            "{shown}"
        );
        assert!(
            shown.contains("2 | <a>{{ prev.url }}</a> <a>{{ prev.titel }}</a></nav>"),
            "{shown}"
        );
        assert!(
            shown.contains("hint: did you mean `prev.title`? (while rendering content/a.md)"),
            "{shown}"
        );
    }

    #[test]
    fn locates_a_variable_in_the_parent_template() {
        let base =
            "<html>\n<title>{{ site.titel }}</title>\n{% block main %}{% endblock main %}</html>";
        let page = "{% extends \"base.html\" %}{% block main %}{{ site.title }}{% endblock main %}";
        let err = render_err(
            &[("base.html", base), ("page.html", page)],
            "page.html",
            serde_json::json!({"site": {"title": "s"}}),
        );
        assert_eq!(place(&err), "templates/base.html:2:16", "{err}");
        assert!(
            err.to_string().contains("did you mean `site.title`?"),
            "{err}"
        );
    }

    #[test]
    fn a_longer_name_is_not_a_match() {
        let err = render_err(
            &[(
                "page.html",
                "<p>{{ page.description }}</p>\n<p>{{ page.desc }}</p>",
            )],
            "page.html",
            serde_json::json!({"page": {"description": "d"}}),
        );
        assert_eq!(place(&err), "templates/page.html:2:12", "{err}");
    }

    #[test]
    fn comments_and_text_are_not_matches() {
        let text = "{# page.titel was renamed #}page.titel\n<h1>{{ page.titel }}</h1>";
        let err = render_err(
            &[("page.html", text)],
            "page.html",
            serde_json::json!({"page": {"title": "t"}}),
        );
        assert_eq!(place(&err), "templates/page.html:2:13", "{err}");
    }

    #[test]
    fn locates_filters_functions_includes_and_macros() {
        let err = render_err(
            &[("page.html", "<p>\n{{ page.title | uper }}</p>")],
            "page.html",
            serde_json::json!({"page": {"title": "t"}}),
        );
        assert_eq!(place(&err), "templates/page.html:2:17", "{err}");
        assert!(err.to_string().contains("unknown filter `uper`"), "{err}");
        assert!(err.to_string().contains("did you mean `upper`?"), "{err}");

        let err = render_err(
            &[(
                "page.html",
                "<p>{{ url(path=\"a/\") }}</p>\n{{ asset_url(path=\"x.css\") }}",
            )],
            "page.html",
            serde_json::json!({}),
        );
        assert_eq!(place(&err), "templates/page.html:2:4", "{err}");
        assert!(
            err.to_string().contains("there is no file `static/x.css`"),
            "{err}"
        );

        let err = render_err(
            &[("page.html", "<p>\n{% include \"partials/nope.html\" %}</p>")],
            "page.html",
            serde_json::json!({}),
        );
        assert_eq!(place(&err), "templates/page.html:2:12", "{err}");

        let err = render_err(
            &[
                (
                    "page.html",
                    "{% import \"macros.html\" as m %}{{ m::d(x=[1]) }}{{ y }}",
                ),
                (
                    "macros.html",
                    "{% macro d(x) %}\n{{ x.0 }}-{{ y }}{% endmacro d %}",
                ),
            ],
            "page.html",
            serde_json::json!({}),
        );
        assert_eq!(place(&err), "templates/macros.html:2:14", "{err}");

        let err = render_err(
            &[(
                "page.html",
                "{{ 1 | cn_number }}\n{{ page.title | cn_number }}",
            )],
            "page.html",
            serde_json::json!({"page": {"title": "abc"}}),
        );
        assert_eq!(place(&err), "templates/page.html:1:8", "{err}");
        let shown = err.to_string();
        assert!(
            shown.contains("the filter `cn_number` failed: `\"abc\"` is not a number"),
            "{shown}"
        );
        assert!(
            shown.contains("2 places in templates/page.html match"),
            "{shown}"
        );
    }

    #[test]
    fn loop_variables_get_their_fields_suggested() {
        let text = "{% for f in page.figures %}\n{{ f.lable }}{% endfor %}";
        let err = render_err(
            &[("page.html", text)],
            "page.html",
            serde_json::json!({"page": {"figures": [{"label": "l"}]}}),
        );
        assert_eq!(place(&err), "templates/page.html:2:6", "{err}");
        assert!(err.to_string().contains("did you mean `f.label`?"), "{err}");
    }

    #[test]
    fn syntax_errors_carry_line() {
        let templates = named(&[("page.html", "<p>\n{{ oops </p>")]);
        let err = load(&templates, "/", Assets::default()).expect_err("syntax");
        assert_eq!(err.line(), Some(2), "{err}");
        assert!(err.to_string().contains("templates/page.html"), "{err}");
    }
}
