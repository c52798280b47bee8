//! What went wrong: [`ErrorKind`], one variant per kind of failure or finding, its fields the
//! data (a key, an id, a URL, a line), never a sentence. `Display` writes the message;
//! [`ErrorKind::class`] gives the name `check` reports it under and its default [`Severity`],
//! in one match.

use std::fmt;
use std::path::PathBuf;

use super::IoCause;
use super::detail::{MarkdownWarning, Refusal, SearchStep, TemplateProblem};
use crate::figures::{BadValue, Qualifier};

/// What went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErrorKind {
    // Reading the site.
    /// Reading or writing a file failed; the operating system's error is kept as the
    /// [`std::error::Error::source`] of the [`Error`](super::Error).
    #[error("{action}: {cause}")]
    Io {
        /// What was being done ("cannot read", "cannot create folder", ...).
        action: String,
        /// The operating system's error.
        cause: IoCause,
    },
    /// A symbolic link to a folder that contains it (a loop); skipped, with a warning.
    #[error("symbolic link loop: it points to {target}, a folder that contains it; skipped")]
    LinkLoop {
        /// Where it points, as written in the link.
        target: String,
    },
    /// A symbolic link in the site points outside the site root.
    #[error("symbolic link points outside the site: not followed")]
    LinkOutsideSite,
    /// A page's file changed between reading its front matter and rendering its body.
    #[error("the file changed while the site was being built")]
    ChangedDuringBuild,
    /// A file is not valid UTF-8.
    #[error("the file is not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The folder given with `--root` is not a site.
    #[error("{path} is not a site: {why}")]
    NotASite {
        /// The folder, as given.
        path: String,
        /// What is missing.
        why: &'static str,
    },

    // Front matter.
    /// The page does not start with a `---` line.
    #[error("the page does not start with front matter (a line `---`)")]
    NoFrontMatter,
    /// No `---` line ends the front matter.
    #[error("the front matter is never closed")]
    UnclosedFrontMatter,
    /// The front matter is larger than the limit.
    #[error("the front matter is {bytes} bytes, more than the limit of {limit} bytes")]
    FrontMatterTooLarge {
        /// Its size.
        bytes: usize,
        /// The limit ([`MAX_FRONT_MATTER_BYTES`](crate::front_matter::MAX_FRONT_MATTER_BYTES)).
        limit: usize,
    },
    /// The YAML of the front matter cannot be read into the content model.
    #[error("invalid front matter: {message}")]
    Yaml {
        /// The top-level key whose value holds the error (`figures`), when it is inside one.
        key: Option<String>,
        /// serde_yaml's explanation, without its position (the error's location says it).
        message: String,
    },
    /// A front-matter key that the content model does not know.
    #[error("unknown key `{key}`")]
    UnknownKey {
        /// The key as written.
        key: String,
    },
    /// The page has no `title` (or an empty one).
    #[error("the page has no `title`")]
    MissingTitle,
    /// A `slug` that is not one URL segment.
    #[error("invalid slug `{slug}`: {why}")]
    BadSlug {
        /// The slug as written.
        slug: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A `date` that is not `YYYY-MM-DD`.
    #[error("invalid date `{date}`")]
    BadDate {
        /// The date as written.
        date: String,
    },
    /// A `slug` in an `_index.md`, whose URL is its folder's.
    #[error("`slug` is not supported in an _index.md")]
    SlugOnIndex,
    /// `figures: data/x.csv` names no file under `data/`.
    #[error("`figures: {name}` names no file under data/")]
    UnknownDataFile {
        /// The path as written.
        name: String,
    },
    /// `figures:` names a file that is not CSV, YAML or JSON.
    #[error("{} is not a CSV, YAML or JSON file", path.display())]
    NotADataFile {
        /// The file.
        path: PathBuf,
    },

    // Figures (in front matter or a data file).
    /// A figure id that is empty or has spaces.
    #[error("figure id `{id}` is empty or has spaces")]
    FigureId {
        /// The id as written.
        id: String,
    },
    /// Two figures of a page with one id.
    #[error("duplicate figure id `{id}`")]
    DuplicateFigure {
        /// The id.
        id: String,
    },
    /// A value its qualifier cannot show as the report states it (首 of 2, 第1.5...).
    #[error("{}", problem.message(id, *value, *qualifier))]
    FigureValue {
        /// The figure.
        id: String,
        /// Its value.
        value: f64,
        /// Its qualifier.
        qualifier: Qualifier,
        /// What is wrong.
        problem: BadValue,
    },
    /// A `wording` its qualifier does not accept.
    #[error("figure `{id}`: wording `{wording}` does not fit qualifier `{}`", qualifier.name())]
    FigureWording {
        /// The figure.
        id: String,
        /// The wording as written.
        wording: String,
        /// Its qualifier.
        qualifier: Qualifier,
    },
    /// Two figures of one group count different things (their units differ).
    #[error(
        "figures `{first}` ({}, line {first_line}) and `{second}` ({}) are both in group `{group}`, but a chart compares like with like",
        unit_phrase(first_unit),
        unit_phrase(second_unit)
    )]
    MixedGroup {
        /// The group.
        group: String,
        /// The first figure of the group.
        first: String,
        /// Its unit.
        first_unit: String,
        /// Its line.
        first_line: usize,
        /// The first figure whose unit differs.
        second: String,
        /// Its unit.
        second_unit: String,
    },

    // Data files.
    /// A data file its parser (CSV, YAML or JSON) refused.
    #[error("{message}")]
    DataParse {
        /// The parser's explanation.
        message: String,
    },
    /// A cell of the `value` column that is not a number.
    #[error("`{cell}` in column `value` is not a number")]
    NotANumber {
        /// The cell as written.
        cell: String,
    },
    /// A cell of a figures file that does not fit its column.
    #[error("`{cell}` in column `{column}` is not valid: {cause}")]
    BadCell {
        /// The cell as written.
        cell: String,
        /// Its column.
        column: String,
        /// The reader's explanation.
        cause: String,
    },
    /// A table drawn as a chart has no `label` and `value` columns.
    #[error("{table} has no `label` and `value` columns to chart")]
    NoChartColumns {
        /// The table, `data/wages.csv`.
        table: String,
    },
    /// A table drawn as a chart mixes units.
    #[error(
        "row {row} has unit `{unit}` but the first row has `{first}`: a chart compares like with like"
    )]
    TableUnits {
        /// The row (1 is the first after the header).
        row: usize,
        /// Its unit.
        unit: String,
        /// The first row's unit.
        first: String,
    },

    // The site.
    /// The `site:` settings are on a page other than the home page.
    #[error("the `site` settings belong in content/_index.md, not on this page")]
    SiteSettingsElsewhere,
    /// There is no `content/_index.md`.
    #[error("the site has no home page")]
    NoHomePage,
    /// The home page has no `site:` settings.
    #[error("the home page has no `site:` settings")]
    NoSiteSettings,
    /// The base URL cannot be used.
    #[error("invalid base URL `{url}`: {why}")]
    BadBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// Two pages would be written to the same URL.
    #[error("two pages would be written to the same URL `{url}` (the other is {other})")]
    UrlCollision {
        /// The URL, as it would be written.
        url: String,
        /// The other source file.
        other: String,
    },

    // The text.
    /// A figure reference in the text (`{{id}}`) names no figure.
    #[error("the figure reference `{{{{{name}}}}}` names no figure")]
    UnknownFigureReference {
        /// The reference as written, without braces.
        name: String,
    },
    /// `{{card id}}` names no figure.
    #[error("`{{{{card {name}}}}}` names no figure")]
    UnknownCard {
        /// The name as written.
        name: String,
    },
    /// `{{chart group}}` names no chart of the page.
    #[error("`{{{{chart {name}}}}}` names no chart of this page")]
    UnknownChart {
        /// The name as written.
        name: String,
    },
    /// `{{table data/x.csv}}` (or `{{chart data/x.csv}}`) names no CSV file under `data/`.
    #[error("`{name}` is not a CSV file under data/")]
    UnknownTable {
        /// The path as written.
        name: String,
    },
    /// Markdown that renders, but probably not as the writer meant (a warning).
    #[error("{0}")]
    Markdown(MarkdownWarning),

    // Templates.
    /// A page's template (or `404.html`) does not exist.
    #[error("the template `{name}` does not exist")]
    MissingTemplate {
        /// The template's name.
        name: String,
    },
    /// A template failed to load or render.
    #[error("{problem}")]
    Template {
        /// The template's name.
        template: String,
        /// What is wrong.
        problem: TemplateProblem,
    },
    /// Template data could not be built from the site (serde or Tera refused a value).
    #[error("cannot build template data: {cause}")]
    TemplateData {
        /// serde's or Tera's explanation.
        cause: String,
    },

    // Writing.
    /// A static file would be written where the build writes a page or a site-wide file.
    #[error("{}", match page {
        Some(page) => format!("static/{path} and the page {} would both be written to {path}", page.display()),
        None => format!("static/{path} would overwrite the generated file {path}"),
    })]
    StaticCollision {
        /// The path in the output (and under `static/`).
        path: String,
        /// The Markdown file of the page written there, when it is a page.
        page: Option<PathBuf>,
    },
    /// The output folder is not ours to replace.
    #[error("refusing to write the site to {}: {why}", dest.display())]
    RefusedOutput {
        /// The folder asked for.
        dest: PathBuf,
        /// Why it is refused.
        why: Refusal,
    },
    /// A file would be written outside the output folder (an internal guard).
    #[error("refusing to write outside the output folder: {path}")]
    OutsideOutput {
        /// The path asked for, relative to the output folder.
        path: String,
    },
    /// The search index could not be made.
    #[error("search index: {step}{}", cause.as_ref().map(|c| format!(": {c}")).unwrap_or_default())]
    SearchIndex {
        /// What was being done.
        step: SearchStep,
        /// Pagefind's (or the system's) explanation, when there is one.
        cause: Option<String>,
    },

    // Found by `check` in the built site.
    /// An internal link or resource leads to no page or file.
    #[error("{what} `{link}` leads nowhere: nothing is published at {path}")]
    BrokenLink {
        /// What refers: `link`, `image`, `` `<a href>` ``, `@import`...
        what: String,
        /// The reference as written.
        link: String,
        /// The path it resolves to.
        path: String,
    },
    /// An internal link that leads outside the site's base path.
    #[error("{what} `{link}` leads outside the site: {path} is not under its base path {base}")]
    LinkOutsideBase {
        /// What refers.
        what: String,
        /// The reference as written.
        link: String,
        /// The path it resolves to.
        path: String,
        /// The site's base path.
        base: String,
    },
    /// The page exists but has no element with the link's fragment as its id.
    #[error("{what} `{link}` leads nowhere: {page} has no element with id `{fragment}`")]
    BrokenAnchor {
        /// What refers.
        what: String,
        /// The reference as written.
        link: String,
        /// The page's URL (`the page` for a link within the page).
        page: String,
        /// The fragment, decoded.
        fragment: String,
    },
    /// A Markdown image without alternative text.
    #[error("image `{src}` has no alt text")]
    MissingAlt {
        /// The image's source as written.
        src: String,
    },
    /// Chinese copy that breaks a typography rule (a warning): what autocorrect's correction
    /// or the pairing of marks shows, in words with the fix (`check::copy` words it from the
    /// correction, whose shape names the rule).
    #[error("{finding}")]
    Copy {
        /// What is wrong and what to write instead.
        finding: String,
    },
    /// An `<img>` without an `alt` attribute.
    #[error("`<img>` without an alt attribute (src `{src}`)")]
    ImgWithoutAlt {
        /// Its `src`.
        src: String,
    },
    /// A page no link from the home page reaches.
    #[error("no link from the home page leads to this page ({url})")]
    OrphanPage {
        /// Its URL.
        url: String,
    },
    /// A figure group with one member: no chart is drawn (a warning).
    #[error(
        "figure `{id}` is alone in group `{group}`: a chart needs two figures, so none is drawn"
    )]
    LonelyGroup {
        /// The figure.
        id: String,
        /// Its group.
        group: String,
    },
    /// A figure's display text typed in the prose instead of referenced (a warning).
    #[error(
        "`{text}` is the figure `{id}` typed as text: it will not follow an edit of the figure's value"
    )]
    TypedFigure {
        /// The figure.
        id: String,
        /// Its display text with unit, as found.
        text: String,
    },
    /// A figure its page never shows (a warning).
    #[error("figure `{id}` ({text}) appears nowhere on its page")]
    UnshownFigure {
        /// The figure.
        id: String,
        /// Its display text with unit.
        text: String,
    },
    /// Two elements of one page with the same `id` (a link to it reaches only the first).
    #[error(
        "duplicate id `{id}`: an earlier element on this page has it too; a link to #{id} reaches only the first"
    )]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// Something a page would load from another host.
    #[error("{what} loads `{url}` from another host")]
    ThirdParty {
        /// What loads it.
        what: String,
        /// The URL.
        url: String,
    },
    /// A `javascript:` (or `vbscript:`) URL.
    #[error("{what} uses a `javascript:` URL: `{url}`")]
    JavascriptUrl {
        /// What holds it.
        what: String,
        /// The URL, shortened to 60 characters.
        url: String,
    },
    /// An external link that answered with an error status or did not answer (`--external`).
    #[error(
        "external link `{url}` {}{}",
        answer(*status, error.as_deref()),
        match links { 0 | 1 => String::new(), n => format!(" (linked {n} times)") }
    )]
    BrokenExternal {
        /// The URL.
        url: String,
        /// The HTTP status it answered with.
        status: Option<u16>,
        /// Why it did not answer.
        error: Option<String>,
        /// How many times the site links to it.
        links: usize,
    },
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The site is broken or breaks a promise: the build stops, `check` exits with 1.
    Error,
    /// Worth fixing, but the site works: the build goes on, `check` still exits with 0.
    Warning,
}

impl ErrorKind {
    /// The name `check` reports this kind under (`front_matter`, `figure`, `template`, `build`
    /// for what stops a build; `broken_link`... for what `check` finds) and its severity.
    pub fn class(&self) -> (&'static str, Severity) {
        use ErrorKind as K;
        use Severity::{Error, Warning};
        match self {
            K::Yaml { key, .. } if key.as_deref() == Some("figures") => ("figure", Error),
            K::NotUtf8 { .. }
            | K::NoFrontMatter
            | K::UnclosedFrontMatter
            | K::FrontMatterTooLarge { .. }
            | K::Yaml { .. }
            | K::UnknownKey { .. }
            | K::MissingTitle
            | K::BadSlug { .. }
            | K::BadDate { .. }
            | K::SlugOnIndex
            | K::UnknownDataFile { .. }
            | K::NotADataFile { .. } => ("front_matter", Error),
            K::FigureId { .. }
            | K::DuplicateFigure { .. }
            | K::FigureValue { .. }
            | K::FigureWording { .. }
            | K::MixedGroup { .. }
            | K::DataParse { .. }
            | K::NotANumber { .. }
            | K::BadCell { .. }
            | K::NoChartColumns { .. }
            | K::TableUnits { .. }
            | K::UnknownFigureReference { .. }
            | K::UnknownCard { .. }
            | K::UnknownChart { .. }
            | K::UnknownTable { .. } => ("figure", Error),
            K::MissingTemplate { .. } | K::Template { .. } => ("template", Error),
            K::LinkLoop { .. } => ("build", Warning),
            K::Io { .. }
            | K::LinkOutsideSite
            | K::ChangedDuringBuild
            | K::NotASite { .. }
            | K::SiteSettingsElsewhere
            | K::NoHomePage
            | K::NoSiteSettings
            | K::BadBaseUrl { .. }
            | K::UrlCollision { .. }
            | K::TemplateData { .. }
            | K::StaticCollision { .. }
            | K::RefusedOutput { .. }
            | K::OutsideOutput { .. }
            | K::SearchIndex { .. } => ("build", Error),
            K::Markdown(_) => ("markdown", Warning),
            K::Copy { .. } => ("copy", Warning),
            K::BrokenLink { .. } | K::LinkOutsideBase { .. } => ("broken_link", Error),
            K::BrokenAnchor { .. } => ("broken_anchor", Error),
            K::MissingAlt { .. } | K::ImgWithoutAlt { .. } => ("missing_alt", Error),
            K::OrphanPage { .. } => ("orphan_page", Error),
            K::LonelyGroup { .. } => ("lonely_group", Warning),
            K::TypedFigure { .. } => ("typed_figure", Warning),
            K::UnshownFigure { .. } => ("unshown_figure", Warning),
            K::DuplicateId { .. } => ("duplicate_id", Error),
            K::ThirdParty { .. } => ("third_party", Error),
            K::JavascriptUrl { .. } => ("javascript_url", Error),
            K::BrokenExternal { .. } => ("broken_external", Error),
        }
    }

    /// The name `check` reports this kind under, e.g. `broken_link` (see [`ErrorKind::class`]).
    pub fn name(&self) -> &'static str {
        self.class().0
    }

    /// Whether this kind stops a build and fails `check`, or is a warning.
    pub fn severity(&self) -> Severity {
        self.class().1
    }
}

/// `unit `家`` or `no unit`, for [`ErrorKind::MixedGroup`].
fn unit_phrase(unit: &str) -> String {
    match unit {
        "" => "no unit".to_owned(),
        unit => format!("unit `{unit}`"),
    }
}

/// What an external link answered, for [`ErrorKind::BrokenExternal`].
fn answer(status: Option<u16>, error: Option<&str>) -> String {
    match (error, status) {
        (Some(error), _) => format!("did not answer ({error})"),
        (None, Some(status)) => format!("answered {status}"),
        (None, None) => "was not checked".to_owned(),
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}
