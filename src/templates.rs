//! Templates: load Tera templates, refuse recursion Tera cannot survive, register our filters.
//!
//! Tera 1 overflows the stack (aborting the process) on a template that includes itself or a
//! macro that calls itself without end, so before any rendering [`load`] builds the graph of
//! `include`/`extends` and of macro calls and refuses any cycle, naming it.
//! Filters: `cn_number`. Functions: `url`, `asset_url`.
//!
//! Tera 1 gives a render error no line (`Variable `page.titel` not found in context while
//! rendering 'page.html'`), so [`template_error`] finds the expression it names in the template
//! sources ([`locate`]) and reports it at its template, line and column, with a "did you mean".

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
    /// The template sources, `(name, text)`: Tera 1 gives no line for a render error, so
    /// [`render_error`] finds it in them.
    pub sources: Vec<(String, String)>,
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
    Ok(Templates {
        tera,
        assets,
        sources: templates.to_vec(),
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

/// A Tera error as ours: the template, the line (from Tera for a syntax error, found in the
/// sources by [`locate`] for a render error), the offending line and a hint.
pub fn template_error(err: &tera::Error, templates: &[(String, String)]) -> Error {
    let chain = error_chain(err);
    if chain.starts_with("Failed to render '") {
        return render_failure(&chain, templates);
    }
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

/// A render error of the page `source` (e.g. `content/a.md`): [`template_error`], with the page
/// named in the hint.
pub fn render_error(
    err: &tera::Error,
    templates: &[(String, String)],
    source: &std::path::Path,
) -> Error {
    let mut error = template_error(err, templates);
    let page = format!("while rendering {}", crate::source::slash_path(source));
    error.hint = Some(match error.hint.take() {
        Some(hint) => format!("{hint} ({page})"),
        None => page,
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
pub struct Found {
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
pub fn locate(chain: &str, templates: &[(String, String)]) -> Option<Found> {
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

/// Fields of the values templates see (README, "What templates see"), for "did you mean".
#[rustfmt::skip]
const SUMMARY_FIELDS: &[&str] = &[
    "title", "description", "kind", "url", "permalink", "path", "weight", "date", "extra",
    "figures",
];
#[rustfmt::skip]
const PAGE_FIELDS: &[&str] = &[
    "title", "description", "kind", "url", "permalink", "path", "source_path", "weight", "date",
    "extra", "content", "toc", "figures", "charts", "figure",
];
#[rustfmt::skip]
const SITE_FIELDS: &[&str] = &[
    "title", "description", "base_url", "language", "search", "source", "extra",
];
#[rustfmt::skip]
const FIGURE_FIELDS: &[&str] = &[
    "id", "label", "value", "unit", "qualifier", "wording", "numerals", "group", "key", "note",
    "display", "text",
];
#[rustfmt::skip]
const TOP_LEVEL: &[&str] = &[
    "site", "page", "menu", "children", "pages", "prev", "next", "key_figures", "updated",
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
    let close_enough = |near: &&str| edits(word, near) <= (word.chars().count() / 3).max(1);
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

/// Edits between two names (a swap of neighbours counts as one), to keep "did you mean" for
/// near misses: `shout` is two edits from `sort`, too far for five letters.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| {
            (0..=b.len())
                .map(|j| {
                    if i == 0 {
                        j
                    } else if j == 0 {
                        i
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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

/// The message, the hint, and how far into the found expression the caret goes.
fn describe(
    chain: &str,
    needle: &Needle,
    templates: &[(String, String)],
) -> (String, String, usize) {
    let listed = |what: &str, known: &[&str]| format!("{what}: {}", known.join(", "));
    let suggest = |word: &str, known: &[&str], what: &str| match closest(word, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None => listed(what, known),
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
            let mut message = format!("variable `{path}` is not defined");
            if let Some(evaluated) = after(chain, "the evaluated version was `", '`') {
                message.push_str(&format!(
                    " (it reads `{evaluated}`: is that key or index there?)"
                ));
            }
            let top: String = path.chars().take_while(|&c| is_ident(c)).collect();
            if path == &top {
                let hint = match closest(&top, TOP_LEVEL) {
                    Some(near) if near != top => format!("did you mean `{near}`?"),
                    _ => listed("templates see", TOP_LEVEL),
                };
                return (message, hint, 0);
            }
            match misspelt_field(path, templates) {
                Some((at, Some(near))) => (message, format!("did you mean `{near}`?"), at),
                Some((at, None)) => {
                    let known = fields_of(&top).unwrap_or(&[]);
                    let hint = if known.is_empty() {
                        "check the name; README \"What templates see\" lists the fields".to_owned()
                    } else {
                        listed(&format!("`{top}` has"), known)
                    };
                    (message, hint, at)
                }
                None => (
                    message,
                    "check the name; README \"What templates see\" lists what templates get, and `x | default(value=\"\")` covers an optional value".to_owned(),
                    0,
                ),
            }
        }
        Needle::Filter(name) if chain.contains("Filter call '") => (
            format!(
                "the filter `{name}` failed: {}",
                cause(&format!("Filter call '{name}' failed"), name)
            ),
            format!("fix the value given to `{name}`"),
            0,
        ),
        Needle::Filter(name) => (
            format!("unknown filter `{name}`"),
            match closest(name, FILTERS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    "the filters are Tera's built-in ones (see its documentation) and `cn_number`"
                        .to_owned()
                }
            },
            0,
        ),
        Needle::Function(name) if chain.contains("Function call '") => (
            format!(
                "`{name}()` failed: {}",
                cause(&format!("Function call '{name}' failed"), name)
            ),
            format!("fix the arguments given to `{name}()`"),
            0,
        ),
        Needle::Function(name) => (
            format!("unknown function `{name}`"),
            suggest(name, FUNCTIONS, "functions"),
            0,
        ),
        Needle::Test(name) if chain.contains("Test call '") => (
            format!(
                "the test `{name}` failed: {}",
                cause(&format!("Test call '{name}' failed"), name)
            ),
            format!("fix the value given to `{name}`"),
            0,
        ),
        Needle::Test(name) => (
            format!("unknown test `{name}`"),
            suggest(name, TESTS, "tests"),
            0,
        ),
        Needle::Include(target) => (
            format!("the included template `{target}` does not exist"),
            format!("create templates/{target}, or fix the name"),
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
            message: chain.to_owned(),
        })
        .at(Location::file(format!("templates/{template}")))
        .hint("fix the template; see the Tera documentation");
    };
    let (message, mut hint, shift) = describe(chain, &needle, templates);
    let Some(found) = locate(chain, templates) else {
        let template = named_template(chain, templates).unwrap_or_else(|| "?".to_owned());
        return Error::new(ErrorKind::Template {
            template: template.clone(),
            message,
        })
        .at(Location::file(format!("templates/{template}")))
        .hint(hint);
    };
    let text = templates
        .iter()
        .find(|(n, _)| *n == found.template)
        .map_or("", |(_, t)| t.as_str());
    let (line, column) = crate::error::line_column(text, found.offset + shift);
    if found.matches > 1 {
        hint.push_str(&format!(
            "; {} places in templates/{} match, this is the first",
            found.matches, found.template
        ));
    }
    Error::new(ErrorKind::Template {
        template: found.template.clone(),
        message,
    })
    .at(Location::at(
        format!("templates/{}", found.template),
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
