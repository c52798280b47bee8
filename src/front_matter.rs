//! Front matter: split a page into its YAML block and Markdown body, and parse the YAML strictly.
//!
//! Input: a [`SourceFile`]. Output: a [`ParsedPage`] whose
//! [`FrontMatter`] is typed and validated. Every error carries the line and column in the `.md`
//! file (not in the YAML block), the offending line and a hint. Unknown keys are errors that
//! suggest the nearest known key.

use crate::error::IoAction;
use crate::i18n::{Message, msg};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::figures::{self, Numerals, Qualifier};
use crate::source::SourceFile;

/// Front matter larger than this is refused (a page's data is never this big; this bounds
/// parsing time and memory on hostile input).
pub const MAX_FRONT_MATTER_BYTES: usize = 1 << 20;

/// A page's front matter, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// The page title (required).
    pub title: String,
    /// One-sentence summary for meta tags and lists.
    pub description: Option<String>,
    /// Overrides the last segment of the URL.
    pub slug: Option<String>,
    /// Order in menus and lists (ascending).
    pub weight: Option<i64>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Left out of the build unless drafts are asked for.
    pub draft: bool,
    /// Template override.
    pub template: Option<String>,
    /// The line of the `template:` key, for an error naming a template that does not exist.
    pub(crate) template_line: usize,
    /// In the site's search index (`search: false` leaves the page out).
    pub search: bool,
    /// A free map for templates.
    pub extra: serde_json::Value,
    /// The page's figures, in order.
    pub figures: Vec<Figure>,
    /// The data file the figures come from (`figures: data/skills.csv`), with the line of the
    /// `figures:` key; `figures` is filled from it by [`crate::data::attach_figures`].
    pub(crate) figures_from: Option<(String, usize)>,
    /// Site settings (only in `content/_index.md`).
    pub site: Option<Box<SiteSettings>>,
    /// What the writer should know that does not stop the build: a value cut short by ` #`
    /// (see [`crate::yaml_mistakes::comment_warnings`]), located in the file.
    pub warnings: Vec<Error>,
}

/// A typed figure with its display strings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    /// Unique on the page.
    pub id: String,
    /// What is counted.
    pub label: String,
    /// The number as the report states it.
    pub value: f64,
    /// The unit (may be empty).
    pub unit: String,
    /// How the report qualifies the number.
    pub qualifier: Qualifier,
    /// The word the report uses for the qualifier.
    pub wording: String,
    /// Arabic or Chinese numerals.
    pub numerals: Numerals,
    /// Figures of one group are compared in a chart.
    pub group: Option<String>,
    /// Shown among the site's key figures.
    pub key: bool,
    /// Context shown with the figure.
    pub note: Option<String>,
    /// Where this figure comes from, when not from the site's `source:` (a report, a table, a
    /// statistics bulletin); carried into the data downloads.
    pub source: Option<String>,
    /// The number with its qualifier: `1.5万余`.
    pub display: String,
    /// The display with its unit: `1.5万余家`.
    pub text: String,
    /// Line of the figure's `id` in the source file.
    #[serde(skip)]
    pub line: usize,
}

/// Site-wide settings from `content/_index.md`.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// The site's title.
    pub title: String,
    /// The site's description.
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://example.org/reform/`. Without it, links are
    /// root-relative and no sitemap, feed or canonical link is written.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The content language, `zh-CN` by default.
    #[serde(default = "default_language")]
    pub language: String,
    /// The site's languages, the default (`language`) first: each other one is published
    /// from the pages' translations (`NAME.CODE.md`) under `/CODE/`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Writes a search index (Pagefind) into the output; off by default.
    #[serde(default)]
    pub search: bool,
    /// Writes the figures as CSV and JSON beside each page and for the whole site; on by
    /// default.
    #[serde(default = "yes")]
    pub downloads: bool,
    /// Writes a `.gz` and a `.br` copy beside each text file of the output, for hosts that
    /// serve precompressed files; off by default.
    #[serde(default)]
    pub precompress: bool,
    /// Where the content comes from.
    #[serde(default)]
    pub source: Option<SourceAttribution>,
    /// What `gongjiang check` looks for (the copy lint and its rules).
    #[serde(default)]
    pub check: CheckSettings,
    /// A free map for templates.
    #[serde(default)]
    pub extra: serde_json::Value,
    /// The built-in theme's words this site changes (`site.strings` in templates).
    #[serde(default)]
    pub strings: crate::theme::Strings,
}

/// `check:` in the site settings: what `gongjiang check` looks for beyond broken things.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// Lints the Chinese copy (typography); on by default.
    #[serde(default = "yes")]
    pub copy: bool,
    /// Rules of the copy lint turned `off` (or, the default, `on`), by autocorrect's names.
    #[serde(default)]
    pub copy_rules: std::collections::BTreeMap<CopyRule, Switch>,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            copy: true,
            copy_rules: Default::default(),
        }
    }
}

impl CheckSettings {
    /// The copy rules turned off, in the order of [`CopyRule`].
    pub fn rules_off(&self) -> Vec<CopyRule> {
        (self.copy_rules.iter())
            .filter(|(_, switch)| **switch == Switch::Off)
            .map(|(rule, _)| *rule)
            .collect()
    }
}

/// A rule of the copy lint: autocorrect's rules that run by default, by their names there
/// (`space-word`...), and our own `paired-marks`. A misspelt name is an error at its line.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum CopyRule {
    /// A space between CJK and Latin letters or digits (`使用 Rust`, `共 9 家`).
    SpaceWord,
    /// A space around `+`, `|` and `!` between CJK characters.
    SpacePunctuation,
    /// A space between CJK and half-width brackets `(` `)` `[` `]`.
    SpaceBracket,
    /// A space between CJK and a dash `-`.
    SpaceDash,
    /// A space between CJK and a code span in backticks.
    SpaceBackticks,
    /// Half-width `, . : ! ?` next to CJK become full-width.
    Fullwidth,
    /// No space beside full-width punctuation (`，。：（）《》`...).
    NoSpaceFullwidth,
    /// No space beside full-width quotation marks `“ ” ‘ ’`.
    NoSpaceFullwidthQuote,
    /// Full-width letters and digits (`ＡＢＣ１２３`) become half-width.
    HalfwidthWord,
    /// Full-width punctuation in English text becomes half-width.
    HalfwidthPunctuation,
    /// Quotation and book-title marks come in pairs (gongjiang's own rule).
    PairedMarks,
}

impl CopyRule {
    /// The rule's name, as written in the settings and by autocorrect.
    pub fn name(self) -> &'static str {
        match self {
            CopyRule::SpaceWord => "space-word",
            CopyRule::SpacePunctuation => "space-punctuation",
            CopyRule::SpaceBracket => "space-bracket",
            CopyRule::SpaceDash => "space-dash",
            CopyRule::SpaceBackticks => "space-backticks",
            CopyRule::Fullwidth => "fullwidth",
            CopyRule::NoSpaceFullwidth => "no-space-fullwidth",
            CopyRule::NoSpaceFullwidthQuote => "no-space-fullwidth-quote",
            CopyRule::HalfwidthWord => "halfwidth-word",
            CopyRule::HalfwidthPunctuation => "halfwidth-punctuation",
            CopyRule::PairedMarks => "paired-marks",
        }
    }
}

/// A rule `on` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Switch {
    /// The rule runs (the default).
    On,
    /// The rule does not run.
    Off,
}

fn yes() -> bool {
    true
}

fn default_language() -> String {
    "zh-CN".to_owned()
}

/// The source report's attribution, shown on every page.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceAttribution {
    /// The report's title.
    #[serde(default)]
    pub title: String,
    /// The outlet that published it.
    pub outlet: String,
    /// The outlet's address.
    #[serde(default)]
    pub outlet_url: Option<String>,
    /// The reporters.
    #[serde(default)]
    pub reporters: Vec<String>,
    /// Other credits (video, correspondents).
    #[serde(default)]
    pub credits: Vec<String>,
    /// Publication or event date.
    #[serde(default)]
    pub date: Option<String>,
    /// In a translation, the report's title in its original language.
    #[serde(default)]
    pub original_title: Option<String>,
}

/// A page split and parsed, not yet placed in the site.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    /// The source file, relative to the site root (`content/skills.md`).
    pub source_path: std::path::PathBuf,
    /// The validated front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: Body,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
    /// For `NAME.CODE.md`, what the translation brings to its original (then `front` holds
    /// only the translation's title, description and draft flag until the site merges it).
    pub translation: Option<Box<crate::translation::Translation>>,
}

/// A page's Markdown body: held in memory, or left in its file until the page renders.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The body's text (what `check` and `serve` keep: they read each body more than once).
    Text(String),
    /// Left in the file and read again when the page renders: `build` keeps no page's body,
    /// so its memory does not grow with the text of the site.
    InFile {
        /// The file's path on disk.
        path: std::path::PathBuf,
        /// The length of the file's text when its front matter was parsed: a file edited since
        /// is an error rather than a page mixing two versions.
        len: usize,
    },
}

impl Body {
    /// The text, when it is held in memory.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Body::Text(text) => Some(text),
            Body::InFile { .. } => None,
        }
    }

    /// The body's text, read again from the file for [`Body::InFile`]; an error names
    /// `source_path`.
    pub fn text(&self, source_path: &Path) -> Result<std::borrow::Cow<'_, str>> {
        let (path, len) = match self {
            Body::Text(text) => return Ok(std::borrow::Cow::Borrowed(text)),
            Body::InFile { path, len } => (path, *len),
        };
        let bytes = std::fs::read(path).map_err(|e| Error::io(IoAction::Read, source_path, e))?;
        let text = crate::source::decode(bytes).ok().filter(|t| t.len() == len);
        let Some(mut text) = text else {
            return Err(Error::new(ErrorKind::ChangedDuringBuild)
                .at(Location::file(source_path))
                .hint(msg!("hint-changed-during-build")));
        };
        // The front matter is cut off in place: the body is not copied into a new string.
        let start = text.len() - split(&text, source_path)?.body.len();
        text.replace_range(..start, "");
        Ok(std::borrow::Cow::Owned(text))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    slug: Option<String>,
    weight: Option<i64>,
    date: Option<String>,
    #[serde(default)]
    draft: bool,
    template: Option<String>,
    #[serde(default = "yes")]
    search: bool,
    #[serde(default)]
    extra: Option<serde_json::Value>,
    #[serde(default)]
    figures: FiguresField,
    site: Option<SiteSettings>,
}

/// `figures:` is a list of figures or the path of a data file holding them.
#[derive(Default)]
enum FiguresField {
    #[default]
    None,
    List(Vec<RawFigure>),
    File(String),
}

impl<'de> Deserialize<'de> for FiguresField {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = FiguresField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of figures, or the path of a data file such as data/skills.csv")
            }
            fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<FiguresField, E> {
                Ok(FiguresField::File(path.to_owned()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<FiguresField, E> {
                Ok(FiguresField::None)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<FiguresField, A::Error> {
                let mut list = Vec::new();
                while let Some(figure) = seq.next_element::<RawFigure>()? {
                    list.push(figure);
                }
                Ok(FiguresField::List(list))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A figure as written, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    pub(crate) id: String,
    label: String,
    value: f64,
    unit: String,
    qualifier: Qualifier,
    wording: Option<String>,
    #[serde(default)]
    numerals: Numerals,
    group: Option<String>,
    #[serde(default)]
    key: bool,
    note: Option<String>,
    source: Option<String>,
}

/// Splits and parses one source file.
pub fn parse(file: &SourceFile) -> Result<ParsedPage> {
    parse_keeping(file, |body| Body::Text(body.to_owned()))
}

/// [`parse`], leaving the body in the file at `root` (see [`Body::InFile`]).
pub fn parse_leaving_body(file: &SourceFile, root: &Path) -> Result<ParsedPage> {
    parse_keeping(file, |_| Body::InFile {
        path: root.join(&file.rel_path),
        len: file.text.len(),
    })
}

fn parse_keeping(file: &SourceFile, body: impl FnOnce(&str) -> Body) -> Result<ParsedPage> {
    let block = split(&file.text, &file.rel_path)?;
    if let Some(code) = crate::translation::code(&file.rel_path) {
        return parse_translation(file, code, &block, body);
    }
    let raw: RawFrontMatter = serde_yaml::from_str(block.yaml)
        .map_err(|e| yaml_error(&e, &file.rel_path, &file.text, &block))?;
    let mut front = resolve(raw, file, block.yaml, block.yaml_line)?;
    front.warnings = comment_warnings(file, &block);
    Ok(ParsedPage {
        source_path: file.rel_path.clone(),
        front,
        body: body(block.body),
        body_line: block.body_line,
        translation: None,
    })
}

/// The warnings about ` #` in unquoted values, which YAML takes for a comment.
fn comment_warnings(file: &SourceFile, block: &Block) -> Vec<Error> {
    crate::yaml_mistakes::comment_warnings(block.yaml)
        .into_iter()
        .map(|w| {
            Error::new(w.kind)
                .at(Location::at(
                    &file.rel_path,
                    w.line + block.yaml_line - 1,
                    w.column,
                ))
                .hint(w.hint)
                .with_source(&file.text)
        })
        .collect()
}

/// A translation's front matter: words only (see [`crate::translation`]).
fn parse_translation(
    file: &SourceFile,
    code: &str,
    block: &Block,
    body: impl FnOnce(&str) -> Body,
) -> Result<ParsedPage> {
    let path = &file.rel_path;
    let raw: crate::translation::RawTranslation =
        serde_yaml::from_str(block.yaml).map_err(|e| yaml_error(&e, path, &file.text, block))?;
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            return Err(Error::new(ErrorKind::MissingTitle)
                .at(Location::at(path, 1, 1))
                .hint(msg!("hint-missing-title")));
        }
    };
    let ids: Vec<&str> = raw.figures.iter().map(|f| f.id.as_str()).collect();
    let locate = id_locator(&ids, path, block.yaml, block.yaml_line);
    let figures = raw
        .figures
        .into_iter()
        .enumerate()
        .map(|(i, f)| crate::translation::FigureWords {
            at: locate(i, "id"),
            value_at: locate(i, "value"),
            id: f.id,
            label: f.label,
            unit: f.unit,
            group: f.group,
            note: f.note,
            value: f.value,
        })
        .collect();
    let front = FrontMatter {
        title,
        description: raw.description,
        slug: None,
        weight: None,
        date: None,
        draft: raw.draft,
        template: None,
        template_line: 1,
        search: true,
        extra: serde_json::Value::Object(Default::default()),
        figures: Vec::new(),
        figures_from: None,
        site: None,
        warnings: comment_warnings(file, block),
    };
    Ok(ParsedPage {
        source_path: path.clone(),
        front,
        body: body(block.body),
        body_line: block.body_line,
        translation: Some(Box::new(crate::translation::Translation {
            code: code.to_owned(),
            original: crate::translation::original_path(path, code),
            figures,
            site: raw.site,
        })),
    })
}

struct Block<'a> {
    yaml: &'a str,
    yaml_line: usize,
    body: &'a str,
    body_line: usize,
}

/// Finds the `---` fences. The text has LF line endings (the loader normalises CRLF).
fn split<'a>(text: &'a str, path: &Path) -> Result<Block<'a>> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Error::new(ErrorKind::NoFrontMatter)
            .at(Location::at(path, 1, 1))
            .with_source(text)
            .hint(msg!("hint-no-front-matter")));
    }
    let yaml_start = first_line.len() + 1;
    let rest = text.get(yaml_start..).unwrap_or("");
    let mut offset = 0;
    for (line, segment) in (2..).zip(rest.split_inclusive('\n')) {
        if segment.trim_end() == "---" {
            let yaml = &rest[..offset];
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                return Err(Error::new(ErrorKind::FrontMatterTooLarge {
                    bytes: yaml.len(),
                    limit: MAX_FRONT_MATTER_BYTES,
                })
                .at(Location::at(path, 2, 1))
                .hint(msg!("hint-front-matter-too-large")));
            }
            return Ok(Block {
                yaml,
                yaml_line: 2,
                body: &rest[offset + segment.len()..],
                body_line: line + 1,
            });
        }
        offset += segment.len();
    }
    Err(Error::new(ErrorKind::UnclosedFrontMatter)
        .at(Location::at(path, 1, 1))
        .with_source(text)
        .hint(msg!("hint-unclosed-front-matter")))
}

/// Turns a serde_yaml error into ours, in file coordinates: the usual mistakes explained in
/// the writer's words ([`crate::yaml_mistakes`]), serde_yaml's own explanation otherwise.
fn yaml_error(err: &serde_yaml::Error, path: &Path, text: &str, block: &Block) -> Error {
    let yaml_line = block.yaml_line;
    if let Some(found) = crate::yaml_mistakes::explain(err, block.yaml) {
        let found = found.shifted(yaml_line - 1);
        return Error::new(found.kind)
            .at(Location::at(path, found.line, found.column))
            .hint(found.hint)
            .with_source(text);
    }
    let message = err.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let location = match (
        duplicate_key_line(&message, text, yaml_line),
        err.location(),
    ) {
        (Some(line), _) => Location::at(path, line, 1),
        (None, Some(l)) => Location::at(path, l.line() + yaml_line - 1, l.column()),
        (None, None) => Location::at(path, yaml_line, 1),
    };
    let hint = yaml_hint(&message);
    // The key whose value holds the error: one inside `figures:` is a figure error.
    let key = location
        .line
        .and_then(|line| top_level_key(block.yaml, (line + 1).checked_sub(yaml_line)?));
    Error::new(ErrorKind::Yaml { key, message })
        .hint(hint)
        .at(location)
        .with_source(text)
}

/// The top-level key of `yaml` whose value holds line `line` (1-based, in `yaml`).
fn top_level_key(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    lines[..line.min(lines.len())]
        .iter()
        .rev()
        .find(|l| !l.starts_with([' ', '\t', '#', '-']) && !l.trim().is_empty())
        .and_then(|l| l.split_once(':'))
        .map(|(key, _)| key.trim().trim_matches(['"', '\'']).to_owned())
}

/// serde_yaml places a duplicate-field error at the start of the map; point at the repeat instead.
fn duplicate_key_line(message: &str, text: &str, yaml_line: usize) -> Option<usize> {
    let start = message.find("duplicate field `")? + "duplicate field `".len();
    let key = message.get(start..)?.split('`').next()?;
    let pattern = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(yaml_line - 1)
        .take_while(|(_, line)| line.trim_end() != "---")
        .filter(|(_, line)| {
            line.trim_start()
                .trim_start_matches("- ")
                .starts_with(&pattern)
        })
        .nth(1)
        .map(|(i, _)| i + 1)
}

fn yaml_hint(message: &str) -> Message {
    if message.contains("tab") {
        msg!("hint-yaml-tab")
    } else if message.contains("recursion limit") || message.contains("alias") {
        msg!("hint-yaml-too-deep")
    } else if message.contains("unknown variant") {
        msg!("hint-yaml-unknown-variant")
    } else if message.contains("duplicate") {
        msg!("hint-yaml-duplicate")
    } else {
        msg!("hint-yaml-syntax")
    }
}

fn resolve(
    raw: RawFrontMatter,
    file: &SourceFile,
    yaml: &str,
    yaml_line: usize,
) -> Result<FrontMatter> {
    let path = &file.rel_path;
    let at_key = |key: &str, value: &str, occurrence: usize| -> Location {
        let line = find_line(yaml, key, value, occurrence).map_or(yaml_line, |l| l + yaml_line - 1);
        Location::at(path, line, 1)
    };
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            // `title: #1 名` is a title YAML reads as empty: the `#` starts a comment.
            let commented = yaml.lines().position(|l| {
                l.strip_prefix("title:")
                    .is_some_and(|v| v.trim_start().starts_with('#'))
            });
            return Err(match commented {
                Some(i) => Error::new(ErrorKind::MissingTitle)
                    .at(Location::at(path, i + yaml_line, 1))
                    .with_source(&file.text)
                    .hint(msg!("hint-value-is-comment", key = "title")),
                None => Error::new(ErrorKind::MissingTitle)
                    .at(Location::at(path, 1, 1))
                    .hint(msg!("hint-missing-title")),
            });
        }
    };
    if let Some(slug) = &raw.slug {
        check_slug(slug).map_err(|why| {
            Error::new(ErrorKind::BadSlug {
                slug: slug.clone(),
                why,
            })
            .at(at_key("slug", slug, 0))
            .with_source(&file.text)
            .hint(msg!("hint-bad-slug"))
        })?;
    }
    if let Some(date) = &raw.date
        && !is_date(date)
    {
        return Err(Error::new(ErrorKind::BadDate { date: date.clone() })
            .at(at_key("date", date, 0))
            .with_source(&file.text)
            .hint(msg!("hint-bad-date")));
    }
    let (list, figures_from) = match raw.figures {
        FiguresField::None => (Vec::new(), None),
        FiguresField::List(list) => (list, None),
        FiguresField::File(data) => {
            let line =
                find_line(yaml, "figures", &data, 0).map_or(yaml_line, |l| l + yaml_line - 1);
            (Vec::new(), Some((data, line)))
        }
    };
    let template_line = match &raw.template {
        Some(name) => find_line(yaml, "template", name, 0).map_or(yaml_line, |l| l + yaml_line - 1),
        None => 1,
    };
    let locate = yaml_locator(&list, path, yaml, yaml_line);
    let figures = resolve_figures(list, &locate).map_err(|e| e.with_source(&file.text))?;
    Ok(FrontMatter {
        title,
        description: raw.description,
        slug: raw.slug,
        weight: raw.weight,
        date: raw.date,
        draft: raw.draft,
        template: raw.template,
        template_line,
        search: raw.search,
        extra: raw
            .extra
            .unwrap_or(serde_json::Value::Object(Default::default())),
        figures,
        figures_from,
        site: raw.site.map(Box::new),
        warnings: Vec::new(),
    })
}

/// Where a key of the `i`-th figure is in YAML text that starts at `yaml_line` of `path`: the
/// line of its `id:` for `"id"`, the value of the key in the same list item for the others.
pub(crate) fn yaml_locator<'a>(
    raw: &[RawFigure],
    path: &'a Path,
    yaml: &'a str,
    yaml_line: usize,
) -> impl Fn(usize, &str) -> Location + 'a {
    let ids: Vec<&str> = raw.iter().map(|f| f.id.as_str()).collect();
    id_locator(&ids, path, yaml, yaml_line)
}

/// [`yaml_locator`] for list items known by their `id:` values.
fn id_locator<'a>(
    ids: &[&str],
    path: &'a Path,
    yaml: &'a str,
    yaml_line: usize,
) -> impl Fn(usize, &str) -> Location + use<'a> {
    let ids: Vec<Location> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let repeats = ids[..i].iter().filter(|other| *other == id).count();
            let line = find_line(yaml, "id", id, repeats).map_or(yaml_line, |l| l + yaml_line - 1);
            Location::at(path, line, 1)
        })
        .collect();
    move |i: usize, key: &str| {
        let id = ids.get(i).cloned().unwrap_or_else(|| Location::file(path));
        if key == "id" {
            return id;
        }
        id.line
            .and_then(|line| item_key(yaml, (line + 1).checked_sub(yaml_line)?, key))
            .map_or(id.clone(), |(line, column)| {
                Location::at(path, line + yaml_line - 1, column)
            })
    }
}

/// Checks figures as written and gives each its display strings. `locate(i, key)` says where
/// a key of the `i`-th figure is written (front matter or data file).
pub(crate) fn resolve_figures(
    raw: Vec<RawFigure>,
    locate: &dyn Fn(usize, &str) -> Location,
) -> Result<Vec<Figure>> {
    let mut figures: Vec<Figure> = Vec::with_capacity(raw.len());
    for (i, f) in raw.into_iter().enumerate() {
        let location = locate(i, "id");
        let fail =
            |kind: ErrorKind, hint: Message| Err(Error::new(kind).at(location.clone()).hint(hint));
        if f.id.trim().is_empty() || f.id.chars().any(char::is_whitespace) {
            return fail(ErrorKind::FigureId { id: f.id }, msg!("hint-figure-id"));
        }
        if figures.iter().any(|g| g.id == f.id) {
            return fail(
                ErrorKind::DuplicateFigure { id: f.id },
                msg!("hint-duplicate-figure"),
            );
        }
        if let Err(problem) = figures::check_value(f.value, f.qualifier, &f.unit) {
            let hint = problem.hint(f.value, f.qualifier);
            let kind = ErrorKind::FigureValue {
                id: f.id,
                value: f.value,
                qualifier: f.qualifier,
                problem,
            };
            return Err(Error::new(kind).at(locate(i, "value")).hint(hint));
        }
        let wording = match figures::resolve_wording(f.qualifier, f.wording.as_deref()) {
            Ok(w) => w.to_owned(),
            Err(bad) => {
                let wording = f.wording.unwrap_or_default();
                let hint = wording_hint(f.qualifier, &wording, bad.accepted);
                let kind = ErrorKind::FigureWording {
                    id: f.id,
                    wording,
                    qualifier: f.qualifier,
                };
                return Err(Error::new(kind).at(locate(i, "wording")).hint(hint));
            }
        };
        let display = figures::display(f.value, f.qualifier, &wording, f.numerals);
        let text = format!("{display}{}", f.unit);
        figures.push(Figure {
            id: f.id,
            label: f.label,
            value: f.value,
            unit: f.unit,
            qualifier: f.qualifier,
            wording,
            numerals: f.numerals,
            group: f.group,
            key: f.key,
            note: f.note,
            source: f.source,
            display,
            text,
            line: location.line.unwrap_or(1),
        });
    }
    if let Some((first, second)) = crate::chart::unlike_units(&figures) {
        let second_index = figures
            .iter()
            .position(|f| std::ptr::eq(f, second))
            .unwrap_or_default();
        let kind = ErrorKind::MixedGroup {
            group: second.group.clone().unwrap_or_default(),
            first: first.id.clone(),
            first_unit: first.unit.clone(),
            first_line: first.line,
            second: second.id.clone(),
            second_unit: second.unit.clone(),
        };
        return Err(Error::new(kind)
            .at(locate(second_index, "group"))
            .hint(msg!(
                "hint-mixed-group",
                first = &first.id,
                second = &second.id
            )));
    }
    Ok(figures)
}

/// What to write instead of a wording its qualifier does not accept: the qualifier whose
/// wording it is, or the accepted words.
fn wording_hint(qualifier: Qualifier, wording: &str, accepted: &[&str]) -> Message {
    let other = Qualifier::NAMES
        .iter()
        .filter_map(|n| Qualifier::from_name(n))
        .find(|q| *q != qualifier && q.wordings().contains(&wording));
    match (other, qualifier) {
        (Some(other), _) => msg!(
            "hint-wording-of-other",
            wording = wording,
            other = other.name(),
            qualifier = qualifier.name(),
            accepted = accepted.join(", ")
        ),
        (None, Qualifier::Exact) => msg!("hint-wording-none"),
        (None, _) => msg!(
            "hint-wording-choices",
            qualifier = qualifier.name(),
            accepted = accepted.join(", "),
            default = accepted.first().copied().unwrap_or("")
        ),
    }
}

/// The (line, column) in `yaml` of the value of `key` in the list item that holds line
/// `item_line` (both 1-based): the key `value:` of the figure whose `id:` is on that line.
fn item_key(yaml: &str, item_line: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let is_item = |line: &str| {
        let rest = line.trim_start_matches(' ');
        rest == "-" || rest.starts_with("- ")
    };
    let start = (0..item_line)
        .rev()
        .find(|&i| lines.get(i).is_some_and(|l| is_item(l)))?;
    let dash = indent(lines[start]);
    let after_dash = &lines[start][dash + 1..];
    let key_column = dash + 1 + indent(after_dash);
    let pattern = format!("{key}:");
    for (i, line) in lines.iter().enumerate().skip(start) {
        let blank = line.trim().is_empty() || line.trim_start().starts_with('#');
        if i > start && !blank && indent(line) <= dash {
            break;
        }
        let at_key = (i == start || indent(line) == key_column)
            && line
                .get(key_column..)
                .is_some_and(|l| l.starts_with(&pattern));
        if at_key {
            let after = &line[key_column + pattern.len()..];
            let value_offset = key_column + pattern.len() + indent(after);
            return Some((i + 1, line[..value_offset].chars().count() + 1));
        }
    }
    None
}

/// The 1-based line in `yaml` of the `occurrence`-th (from 0) `key: value` line, if any.
fn find_line(yaml: &str, key: &str, value: &str, occurrence: usize) -> Option<usize> {
    let pattern = format!("{key}:");
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start().trim_start_matches("- ");
            line.strip_prefix(&pattern)
                .is_some_and(|rest| rest.trim().trim_matches(['"', '\'']) == value)
        })
        .nth(occurrence)
        .map(|(i, _)| i + 1)
}

fn check_slug(slug: &str) -> std::result::Result<(), crate::i18n::Message> {
    if slug.is_empty() {
        return Err(msg!("why-slug-empty"));
    }
    if slug.starts_with('.') {
        return Err(msg!("why-slug-dot"));
    }
    if slug.chars().any(|c| {
        matches!(c, '/' | '\\' | ':' | '?' | '#' | '%' | '\0')
            || c.is_control()
            || c.is_whitespace()
    }) {
        return Err(msg!("why-slug-character"));
    }
    Ok(())
}

fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
        && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u8>().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            rel_path: "content/a.md".into(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_body_left_in_its_file_is_read_again_and_an_edit_since_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let text = "---\ntitle: 甲\n---\n正文\r\n";
        std::fs::create_dir(dir.path().join("content")).expect("content/");
        std::fs::write(dir.path().join("content/a.md"), text).expect("write");
        let file = crate::source::read_text(dir.path(), Path::new("content/a.md")).expect("read");
        let page = parse_leaving_body(&file, dir.path()).expect("parse");
        let body = page.body.text(&page.source_path).expect("body");
        assert_eq!(body, "正文\n");
        assert_eq!(page.body.as_text(), None);
        std::fs::write(dir.path().join("content/a.md"), format!("{text}更多\n")).expect("edit");
        let err = page.body.text(&page.source_path).expect_err("changed");
        assert_eq!(err.kind, ErrorKind::ChangedDuringBuild);
        assert_eq!(
            err.to_string().lines().next(),
            Some("content/a.md: the file changed while the site was being built")
        );
    }

    #[test]
    fn parses_figures_with_display() {
        let page = parse(&file(
            "---\ntitle: 测试\nfigures:\n  - id: books\n    label: 职工书屋\n    value: 15000\n    unit: 家\n    qualifier: more_than\n---\n正文\n",
        ))
        .expect("valid page");
        assert_eq!(page.front.figures[0].text, "1.5万余家");
        assert_eq!(page.front.figures[0].line, 4);
        assert_eq!(page.body, Body::Text("正文\n".into()));
        assert_eq!(page.body_line, 10);
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let err = parse(&file("---\ntitle: a\nwieght: 3\n---\n")).expect_err("unknown key");
        assert_eq!(
            err.kind,
            ErrorKind::UnknownKey {
                key: "wieght".into()
            }
        );
        assert_eq!(err.line(), Some(3));
        assert!(
            err.hint
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .contains("`weight`"),
            "{err}"
        );
    }

    #[test]
    fn yaml_error_lines_count_from_file_start() {
        let err = parse(&file(
            "---\ntitle: a\nfigures:\n  - id: x\n    value: abc\n---\n",
        ))
        .expect_err("bad value");
        assert_eq!(err.line(), Some(5), "{err}");
    }

    #[test]
    fn yaml_errors_name_their_key_and_its_place() {
        let in_figures = "---\ntitle: a\nfigures:\n  - id: x\n    value: abc\n---\n";
        let err = parse(&file(in_figures)).expect_err("bad value");
        assert_eq!(
            err.kind,
            ErrorKind::WrongType {
                key: "value".into(),
                section: crate::error::Section::Figure,
                expected: crate::error::Expected::Number,
                found: crate::error::Found::Value("abc".into()),
            }
        );
        assert_eq!(err.kind.name(), "figure", "a figure error in `check`");
        let err = parse(&file("---\ntitle: a\nweight: x\n---\n")).expect_err("bad weight");
        assert_eq!(err.kind.name(), "front_matter");
        assert!(
            err.to_string()
                .starts_with("content/a.md:3:9: `weight` should be a whole number such as 3"),
            "{err}"
        );
        // What the usual mistakes do not explain keeps serde_yaml's words, with its key.
        let err = parse(&file(
            "---\ntitle: a\nfigures:\n  - id: x\n    value: [1\n---\n",
        ))
        .expect_err("unclosed list");
        assert_eq!(err.kind.name(), "figure", "{err:?}");
    }

    #[test]
    fn duplicate_figure_id_is_located() {
        let fig = "  - id: x\n    label: l\n    value: 1\n    unit: 个\n    qualifier: exact\n";
        let err =
            parse(&file(&format!("---\ntitle: a\nfigures:\n{fig}{fig}---\n"))).expect_err("dup");
        assert!(err.to_string().contains("duplicate figure id `x`"), "{err}");
        assert_eq!(err.line(), Some(9), "points at the repeat");
    }

    const PAGE: &str = "---\ntitle: a\nfigures:\n  - id: ok\n    label: l\n    value: 1\n    unit: 部\n    qualifier: first\n";

    #[test]
    fn value_errors_point_at_the_value() {
        let err = parse(&file(&format!(
            "{PAGE}  - id: x\n    label: l\n    unit: 部\n    value:   2\n    qualifier: first\n---\n"
        )))
        .expect_err("首 of 2");
        let location = err.location.clone().expect("located");
        assert_eq!(
            (location.line, location.column),
            (Some(12), Some(14)),
            "{err}"
        );
        assert!(err.to_string().contains("首 means the first one"), "{err}");
        assert!(
            err.hint
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .contains("`value: 1`"),
            "{err}"
        );
        // The value may come before the id, and the item may start with another key.
        let err = parse(&file(&format!(
            "{PAGE}  - label: l\n    value: 1.5\n    id: y\n    unit: \"\"\n    qualifier: rank\n---\n"
        )))
        .expect_err("第1.5");
        assert_eq!(err.line(), Some(10), "{err}");
        assert!(err.to_string().contains("whole number from 1"), "{err}");
    }

    #[test]
    fn changes_and_shares() {
        let page = parse(&file(&format!(
            "{PAGE}  - id: up\n    label: l\n    value: -3.5\n    unit: \"%\"\n    qualifier: increase\n  - id: down\n    label: l\n    value: 3.5\n    unit: \"%\"\n    qualifier: decrease\n    wording: 减少\n  - id: part\n    label: l\n    value: 45\n    unit: \"%\"\n    qualifier: share\n---\n"
        )))
        .expect("valid changes");
        let texts: Vec<&str> = page.front.figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["首部", "增长-3.5%", "减少3.5%", "占比45%"]);
        let err = parse(&file(&format!(
            "{PAGE}  - id: n\n    label: l\n    value: -2\n    unit: 家\n    qualifier: exact\n---\n"
        )))
        .expect_err("negative count");
        assert_eq!(err.line(), Some(11), "{err}");
        assert!(
            err.to_string().contains("only qualifier `increase`"),
            "{err}"
        );
    }

    #[test]
    fn a_group_of_unlike_units_is_an_error() {
        let err = parse(&file(&format!(
            "{PAGE}    group: g\n  - id: times\n    label: l\n    value: 2401\n    unit: 次\n    qualifier: exact\n    group: g\n---\n"
        )))
        .expect_err("部 and 次");
        assert_eq!(err.line(), Some(15), "at the second figure's group: {err}");
        let shown = err.to_string();
        assert!(
            shown.contains("`ok` (unit `部`, line 4) and `times` (unit `次`)"),
            "{shown}"
        );
        assert!(
            err.hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .unwrap_or("")
                .contains("separate groups"),
            "{err}"
        );
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert!(
            parse(&file("---\ntitle: a\n"))
                .expect_err("unclosed")
                .to_string()
                .contains("never closed")
        );
        assert!(parse(&file("# title\n")).is_err());
        assert!(
            parse(&file("---\ndescription: x\n---\n"))
                .expect_err("no title")
                .to_string()
                .contains("title")
        );
    }

    #[test]
    fn rejects_bad_slugs_and_dates() {
        assert!(parse(&file("---\ntitle: a\nslug: ../x\n---\n")).is_err());
        assert!(parse(&file("---\ntitle: a\ndate: 2025-13-01\n---\n")).is_err());
        assert!(parse(&file("---\ntitle: a\nslug: ok-1\ndate: 2025-08-27\n---\n")).is_ok());
    }
}
