//! What went wrong: [`ErrorKind`], one variant per kind of failure or finding, its fields the
//! data (a key, an id, a URL, a line), never a sentence. `Display` writes the message;
//! [`ErrorKind::class`] gives the name `check` reports it under and its default [`Severity`],
//! in one match.

use std::fmt;
use std::path::PathBuf;

use super::IoCause;
use super::detail::{
    Expected, Found, IoAction, MarkdownWarning, Refusal, SearchStep, Section, TemplateProblem,
    YamlSlip,
};
use crate::figures::{BadValue, Qualifier};
use crate::i18n::{Arg, Lang, Message, msg};

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    // Reading the site.
    /// Reading or writing a file failed; the operating system's error is kept as the
    /// [`std::error::Error::source`] of the [`Error`](super::Error).
    Io {
        /// What was being done ("cannot read", "cannot create folder", ...).
        action: IoAction,
        /// The operating system's error.
        cause: IoCause,
    },
    /// A symbolic link to a folder that contains it (a loop); skipped, with a warning.
    LinkLoop {
        /// Where it points, as written in the link.
        target: String,
    },
    /// A symbolic link in the site points outside the site root.
    LinkOutsideSite,
    /// A page's file changed between reading its front matter and rendering its body.
    ChangedDuringBuild,
    /// A file is not valid UTF-8.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The folder given with `--root` is not a site.
    NotASite {
        /// The folder, as given.
        path: String,
        /// What is missing.
        why: Message,
    },

    // Front matter.
    /// The page does not start with a `---` line.
    NoFrontMatter,
    /// No `---` line ends the front matter.
    UnclosedFrontMatter,
    /// The front matter is larger than the limit.
    FrontMatterTooLarge {
        /// Its size.
        bytes: usize,
        /// The limit ([`MAX_FRONT_MATTER_BYTES`](crate::front_matter::MAX_FRONT_MATTER_BYTES)).
        limit: usize,
    },
    /// The YAML of the front matter cannot be read into the content model.
    Yaml {
        /// The top-level key whose value holds the error (`figures`), when it is inside one.
        key: Option<String>,
        /// serde_yaml's explanation, without its position (the error's location says it).
        message: String,
    },
    /// A front-matter key that the content model does not know.
    UnknownKey {
        /// The key as written.
        key: String,
    },
    /// The page has no `title` (or an empty one).
    MissingTitle,
    /// A slip in typing YAML (a full-width colon, a quote never closed...), found where the
    /// YAML parser only says what it saw.
    YamlSlip(YamlSlip),
    /// A value of the wrong type: `weight: first`, `value: 2100万`.
    WrongType {
        /// The key, as written (`value`).
        key: String,
        /// The part of the content model it is in.
        section: Section,
        /// What it should be.
        expected: Expected,
        /// What it is.
        found: Found,
    },
    /// A value that is not among the key's choices: `qualifier: 超过`.
    NotAChoice {
        /// The key, as written.
        key: String,
        /// The part of the content model it is in.
        section: Section,
        /// The value, as written.
        found: String,
        /// The choices.
        choices: Vec<String>,
    },
    /// A key its part of the content model needs is missing (a figure's `unit`).
    MissingKey {
        /// The key.
        key: String,
        /// The part of the content model that needs it.
        section: Section,
    },
    /// A key written twice in one place (the error is at the repeat).
    DuplicateKey {
        /// The key.
        key: String,
        /// The line of its first occurrence, counted in the YAML text (the front matter's
        /// first line is 1) and moved into file coordinates by the caller.
        first_line: usize,
    },
    /// ` #` in an unquoted value: YAML takes the rest for a comment (a warning).
    CommentInValue {
        /// The key.
        key: String,
        /// What YAML keeps of the value.
        kept: String,
    },
    /// A `slug` that is not one URL segment.
    BadSlug {
        /// The slug as written.
        slug: String,
        /// What is wrong with it.
        why: Message,
    },
    /// A `date` that is not `YYYY-MM-DD`.
    BadDate {
        /// The date as written.
        date: String,
    },
    /// A `slug` in an `_index.md`, whose URL is its folder's.
    SlugOnIndex,
    /// `figures: data/x.csv` names no file under `data/`.
    UnknownDataFile {
        /// The path as written.
        name: String,
    },
    /// `figures:` names a file that is not CSV, YAML or JSON.
    NotADataFile {
        /// The file.
        path: PathBuf,
    },

    // Figures (in front matter or a data file).
    /// A figure id that is empty or has spaces.
    FigureId {
        /// The id as written.
        id: String,
    },
    /// Two figures of a page with one id.
    DuplicateFigure {
        /// The id.
        id: String,
    },
    /// A value its qualifier cannot show as the report states it (首 of 2, 第1.5...).
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
    FigureWording {
        /// The figure.
        id: String,
        /// The wording as written.
        wording: String,
        /// Its qualifier.
        qualifier: Qualifier,
    },
    /// Two figures of one group count different things (their units differ).
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
    DataParse {
        /// The parser's explanation.
        message: String,
    },
    /// A cell of the `value` column that is not a number.
    NotANumber {
        /// The cell as written.
        cell: String,
    },
    /// A cell of a figures file that does not fit its column.
    BadCell {
        /// The cell as written.
        cell: String,
        /// Its column.
        column: String,
        /// The reader's explanation.
        cause: String,
    },
    /// A table drawn as a chart has no `label` and `value` columns.
    NoChartColumns {
        /// The table, `data/wages.csv`.
        table: String,
    },
    /// A table drawn as a chart mixes units.
    TableUnits {
        /// The row (1 is the first after the header).
        row: usize,
        /// Its unit.
        unit: String,
        /// The first row's unit.
        first: String,
    },

    // Languages and translations.
    /// A translation's file name names a language the settings do not list.
    UnknownLanguage {
        /// The code of the file name.
        code: String,
        /// The languages the settings list.
        languages: String,
    },
    /// `languages:` does not start with the default `language`.
    DefaultLanguageNotFirst {
        /// The default language.
        language: String,
        /// The first of `languages`.
        first: String,
    },
    /// A translation whose original does not exist.
    OrphanTranslation {
        /// The original's path, as looked for.
        original: String,
    },
    /// A translation names a figure its original does not have.
    TranslationUnknownFigure {
        /// The figure id.
        id: String,
        /// The original's path.
        original: String,
    },
    /// A translation lacks a figure of its original.
    TranslationMissingFigure {
        /// The figure id.
        id: String,
        /// The original's path.
        original: String,
        /// Where the original defines it.
        line: usize,
    },
    /// A translation gives a figure a value other than its original's.
    TranslationValue {
        /// The figure id.
        id: String,
        /// The translation's value.
        value: String,
        /// The original's value.
        original_value: String,
        /// The original's path.
        original: String,
        /// Where the original defines it.
        line: usize,
    },
    /// A page has no translation into one of the site's languages (a `check` warning).
    MissingTranslation {
        /// The language it lacks.
        language: String,
    },
    /// A translated figure lacks words its original has (a group, a note, a unit).
    TranslationMissingWords {
        /// The figure id.
        id: String,
        /// The key that is missing.
        key: String,
    },

    // The site.
    /// The `site:` settings are on a page other than the home page.
    SiteSettingsElsewhere,
    /// There is no `content/_index.md`.
    NoHomePage,
    /// The home page has no `site:` settings.
    NoSiteSettings,
    /// The base URL cannot be used.
    BadBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        why: Message,
    },
    /// The base URL given on the command line (`--base-url`) cannot be used.
    BadBaseUrlOption {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        why: Message,
    },
    /// The site has no base URL: no sitemap, feed, canonical or `og:url` link is written (a
    /// warning of `build`).
    NoBaseUrl,
    /// `gongjiang init` was pointed at a folder that already holds files.
    FolderNotEmpty {
        /// The folder.
        folder: PathBuf,
    },
    /// `gongjiang theme eject` would replace a file the site already has.
    WouldOverwrite {
        /// The file, relative to the site root.
        file: String,
    },
    /// `gongjiang theme eject` was given a name the built-in theme does not have.
    UnknownThemeFile {
        /// The name as given.
        name: String,
    },
    /// Two pages would be written to the same URL.
    UrlCollision {
        /// The URL, as it would be written.
        url: String,
        /// The other source file.
        other: String,
    },

    // The text.
    /// A figure reference in the text (`{{id}}`) names no figure.
    UnknownFigureReference {
        /// The reference as written, without braces.
        name: String,
    },
    /// `{{card id}}` names no figure.
    UnknownCard {
        /// The name as written.
        name: String,
    },
    /// `{{chart group}}` names no chart of the page.
    UnknownChart {
        /// The name as written.
        name: String,
    },
    /// `{{table data/x.csv}}` (or `{{chart data/x.csv}}`) names no CSV file under `data/`.
    UnknownTable {
        /// The path as written.
        name: String,
    },
    /// Markdown that renders, but probably not as the writer meant (a warning).
    Markdown(MarkdownWarning),

    // Templates.
    /// A page's template (or `404.html`) does not exist.
    MissingTemplate {
        /// The template's name.
        name: String,
    },
    /// A template failed to load or render.
    Template {
        /// The template's name.
        template: String,
        /// What is wrong.
        problem: TemplateProblem,
    },
    /// Template data could not be built from the site (serde or Tera refused a value).
    TemplateData {
        /// serde's or Tera's explanation.
        cause: String,
    },

    // Writing.
    /// A static file would be written where the build writes a page or a site-wide file.
    StaticCollision {
        /// The path in the output (and under `static/`).
        path: String,
        /// The Markdown file of the page written there, when it is a page.
        page: Option<PathBuf>,
    },
    /// A file of `content/` that is not Markdown would be written where another file is: a
    /// static file, a page, another file of `content/`, or (`other` is `None`) a file the
    /// build makes.
    ContentFileCollision {
        /// The file of `content/` (`content/skills/chart.png`).
        file: PathBuf,
        /// The path it would be written to in the output.
        path: String,
        /// The other source file written there, when it is one.
        other: Option<PathBuf>,
    },
    /// A relative image path in the text names no file beside the page nor in `static/`.
    MissingImage {
        /// The path as written.
        src: String,
        /// Where it was looked for beside the page (`content/skills/chart.png`).
        content: PathBuf,
        /// Where it was looked for in `static/`.
        fallback: PathBuf,
    },
    /// The output folder is not ours to replace.
    RefusedOutput {
        /// The folder asked for.
        dest: PathBuf,
        /// Why it is refused.
        why: Refusal,
    },
    /// A file would be written outside the output folder (an internal guard).
    OutsideOutput {
        /// The path asked for, relative to the output folder.
        path: String,
    },
    /// The search index could not be made.
    SearchIndex {
        /// What was being done.
        step: SearchStep,
        /// Pagefind's (or the system's) explanation, when there is one.
        cause: Option<String>,
    },

    // Found by `check` in the built site.
    /// An internal link or resource leads to no page or file.
    BrokenLink {
        /// What refers: `link`, `image`, `` `<a href>` ``, `@import`...
        what: Message,
        /// The reference as written.
        link: String,
        /// The path it resolves to.
        path: String,
    },
    /// An internal link that leads outside the site's base path.
    LinkOutsideBase {
        /// What refers.
        what: Message,
        /// The reference as written.
        link: String,
        /// The path it resolves to.
        path: String,
        /// The site's base path.
        base: String,
    },
    /// The page exists but has no element with the link's fragment as its id.
    BrokenAnchor {
        /// What refers.
        what: Message,
        /// The reference as written.
        link: String,
        /// The page's URL (`None` for a link within the page).
        page: Option<String>,
        /// The fragment, decoded.
        fragment: String,
    },
    /// A Markdown image without alternative text.
    MissingAlt {
        /// The image's source as written.
        src: String,
    },
    /// Chinese copy that breaks a typography rule (a warning): what autocorrect's correction
    /// or the pairing of marks shows, in words with the fix (`check::copy` words it from the
    /// correction, whose shape names the rule).
    Copy {
        /// What is wrong and what to write instead.
        finding: Message,
    },
    /// An `<img>` without an `alt` attribute.
    ImgWithoutAlt {
        /// Its `src`.
        src: String,
    },
    /// A page no link from the home page reaches.
    OrphanPage {
        /// Its URL.
        url: String,
    },
    /// A figure group with one member: no chart is drawn (a warning).
    LonelyGroup {
        /// The figure.
        id: String,
        /// Its group.
        group: String,
    },
    /// A figure's display text typed in the prose instead of referenced (a warning).
    TypedFigure {
        /// The figure.
        id: String,
        /// Its display text with unit, as found.
        text: String,
    },
    /// A figure its page never shows (a warning).
    UnshownFigure {
        /// The figure.
        id: String,
        /// Its display text with unit.
        text: String,
    },
    /// Two elements of one page with the same `id` (a link to it reaches only the first).
    DuplicateId {
        /// The id.
        id: String,
    },
    /// Something a page would load from another host.
    ThirdParty {
        /// What loads it.
        what: Message,
        /// The URL.
        url: String,
    },
    /// A `javascript:` (or `vbscript:`) URL.
    JavascriptUrl {
        /// What holds it.
        what: Message,
        /// The URL, shortened to 60 characters.
        url: String,
    },
    /// An external link that answered with an error status or did not answer (`--external`).
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
            K::WrongType { section, .. }
            | K::NotAChoice { section, .. }
            | K::MissingKey { section, .. }
                if *section == Section::Figure =>
            {
                ("figure", Error)
            }
            K::CommentInValue { .. } => ("front_matter", Warning),
            K::NotUtf8 { .. }
            | K::NoFrontMatter
            | K::UnclosedFrontMatter
            | K::FrontMatterTooLarge { .. }
            | K::Yaml { .. }
            | K::UnknownKey { .. }
            | K::MissingTitle
            | K::YamlSlip(_)
            | K::WrongType { .. }
            | K::NotAChoice { .. }
            | K::MissingKey { .. }
            | K::DuplicateKey { .. }
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
            | K::UnknownTable { .. }
            | K::TranslationUnknownFigure { .. }
            | K::TranslationMissingFigure { .. }
            | K::TranslationValue { .. }
            | K::TranslationMissingWords { .. } => ("figure", Error),
            K::MissingTemplate { .. } | K::Template { .. } => ("template", Error),
            K::LinkLoop { .. } | K::NoBaseUrl => ("build", Warning),
            K::MissingTranslation { .. } => ("missing_translation", Warning),
            K::Io { .. }
            | K::LinkOutsideSite
            | K::ChangedDuringBuild
            | K::NotASite { .. }
            | K::SiteSettingsElsewhere
            | K::UnknownLanguage { .. }
            | K::DefaultLanguageNotFirst { .. }
            | K::OrphanTranslation { .. }
            | K::NoHomePage
            | K::NoSiteSettings
            | K::BadBaseUrl { .. }
            | K::BadBaseUrlOption { .. }
            | K::FolderNotEmpty { .. }
            | K::WouldOverwrite { .. }
            | K::UnknownThemeFile { .. }
            | K::UrlCollision { .. }
            | K::TemplateData { .. }
            | K::StaticCollision { .. }
            | K::ContentFileCollision { .. }
            | K::MissingImage { .. }
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

impl ErrorKind {
    /// What went wrong, as a [`Message`] to word in either language.
    pub fn message(&self) -> Message {
        use ErrorKind as K;
        match self {
            K::Io { action, cause } => {
                msg!("io", action = action.message(), cause = cause.to_string())
            }
            K::LinkLoop { target } => msg!("link-loop", target = target),
            K::LinkOutsideSite => msg!("link-outside-site"),
            K::ChangedDuringBuild => msg!("changed-during-build"),
            K::NotUtf8 { offset } => msg!("not-utf8", offset = offset.to_string()),
            K::NotASite { path, why } => msg!("not-a-site", path = path, why = why.clone()),
            K::NoFrontMatter => msg!("no-front-matter"),
            K::UnclosedFrontMatter => msg!("unclosed-front-matter"),
            K::FrontMatterTooLarge { bytes, limit } => msg!(
                "front-matter-too-large",
                bytes = bytes.to_string(),
                limit = limit.to_string()
            ),
            K::Yaml { message, .. } => msg!("yaml", message = message),
            K::UnknownKey { key } => msg!("unknown-key", key = key),
            K::MissingTitle => msg!("missing-title"),
            K::YamlSlip(slip) => slip.message(),
            K::WrongType {
                key,
                expected,
                found,
                ..
            } => msg!(
                "wrong-type",
                key = key,
                expected = expected.message(),
                found = found.message()
            ),
            K::NotAChoice {
                key,
                found,
                choices,
                ..
            } => msg!(
                "not-a-choice",
                key = key,
                found = found,
                choices = choices.join(", ")
            ),
            K::MissingKey { key, section } => {
                msg!("missing-key", key = key, section = section.message())
            }
            K::DuplicateKey { key, first_line } => msg!(
                "duplicate-key",
                key = key,
                first_line = first_line.to_string()
            ),
            K::CommentInValue { key, kept } => msg!("comment-in-value", key = key, kept = kept),
            K::BadSlug { slug, why } => msg!("bad-slug", slug = slug, why = why.clone()),
            K::BadDate { date } => msg!("bad-date", date = date),
            K::SlugOnIndex => msg!("slug-on-index"),
            K::UnknownDataFile { name } => msg!("unknown-data-file", name = name),
            K::NotADataFile { path } => msg!("not-a-data-file", path = path),
            K::FigureId { id } => msg!("figure-id", id = id),
            K::DuplicateFigure { id } => msg!("duplicate-figure", id = id),
            K::FigureValue {
                id,
                value,
                qualifier,
                problem,
            } => problem.message(id, *value, *qualifier),
            K::FigureWording {
                id,
                wording,
                qualifier,
            } => msg!(
                "figure-wording",
                id = id,
                wording = wording,
                qualifier = qualifier.name()
            ),
            K::MixedGroup {
                group,
                first,
                first_unit,
                first_line,
                second,
                second_unit,
            } => msg!(
                "mixed-group",
                group = group,
                first = first,
                first_unit = unit_phrase(first_unit),
                first_line = first_line.to_string(),
                second = second,
                second_unit = unit_phrase(second_unit)
            ),
            K::DataParse { message } => msg!("data-parse", message = message),
            K::NotANumber { cell } => msg!("not-a-number", cell = cell),
            K::BadCell {
                cell,
                column,
                cause,
            } => msg!("bad-cell", cell = cell, column = column, cause = cause),
            K::NoChartColumns { table } => msg!("no-chart-columns", table = table),
            K::TableUnits { row, unit, first } => msg!(
                "table-units",
                row = row.to_string(),
                unit = unit,
                first = first
            ),
            K::UnknownLanguage { code, languages } => {
                msg!("unknown-language", code = code, languages = languages)
            }
            K::DefaultLanguageNotFirst { language, first } => {
                msg!(
                    "default-language-not-first",
                    language = language,
                    first = first
                )
            }
            K::OrphanTranslation { original } => msg!("orphan-translation", original = original),
            K::TranslationUnknownFigure { id, original } => {
                msg!("translation-unknown-figure", id = id, original = original)
            }
            K::TranslationMissingFigure { id, original, line } => msg!(
                "translation-missing-figure",
                id = id,
                original = original,
                line = line.to_string()
            ),
            K::TranslationValue {
                id,
                value,
                original_value,
                original,
                line,
            } => msg!(
                "translation-value",
                id = id,
                value = value,
                original_value = original_value,
                original = original,
                line = line.to_string()
            ),
            K::MissingTranslation { language } => {
                msg!("missing-translation", language = language)
            }
            K::TranslationMissingWords { id, key } => {
                msg!("translation-missing-words", id = id, key = key)
            }
            K::SiteSettingsElsewhere => msg!("site-settings-elsewhere"),
            K::NoHomePage => msg!("no-home-page"),
            K::NoSiteSettings => msg!("no-site-settings"),
            K::BadBaseUrl { url, why } => msg!("bad-base-url", url = url, why = why.clone()),
            K::BadBaseUrlOption { url, why } => {
                msg!("bad-base-url-option", url = url, why = why.clone())
            }
            K::NoBaseUrl => msg!("no-base-url"),
            K::FolderNotEmpty { folder } => msg!("folder-not-empty", folder = folder),
            K::WouldOverwrite { .. } => msg!("would-overwrite"),
            K::UnknownThemeFile { name } => msg!("unknown-theme-file", name = name),
            K::UrlCollision { url, other } => msg!("url-collision", url = url, other = other),
            K::UnknownFigureReference { name } => msg!("unknown-figure-reference", name = name),
            K::UnknownCard { name } => msg!("unknown-card", name = name),
            K::UnknownChart { name } => msg!("unknown-chart", name = name),
            K::UnknownTable { name } => msg!("unknown-table", name = name),
            K::Markdown(warning) => warning.message(),
            K::MissingTemplate { name } => msg!("missing-template", name = name),
            K::Template { problem, .. } => problem.message(),
            K::TemplateData { cause } => msg!("template-data", cause = cause),
            K::StaticCollision { path, page } => match page {
                Some(page) => msg!("static-collision-page", path = path, page = page),
                None => msg!("static-collision-file", path = path),
            },
            K::ContentFileCollision { file, path, other } => match other {
                Some(other) => msg!(
                    "content-file-collision",
                    file = file,
                    other = other,
                    path = path
                ),
                None => msg!("content-file-overwrites", file = file, path = path),
            },
            K::MissingImage {
                src,
                content,
                fallback,
            } => msg!(
                "missing-image",
                src = src,
                content = content,
                fallback = fallback
            ),
            K::RefusedOutput { dest, why } => {
                msg!("refused-output", dest = dest, why = why.message())
            }
            K::OutsideOutput { path } => msg!("outside-output", path = path),
            K::SearchIndex { step, cause } => match cause {
                Some(cause) => msg!("search-index-cause", step = step.message(), cause = cause),
                None => msg!("search-index", step = step.message()),
            },
            K::BrokenLink { what, link, path } => {
                msg!("broken-link", what = what.clone(), link = link, path = path)
            }
            K::LinkOutsideBase {
                what,
                link,
                path,
                base,
            } => msg!(
                "link-outside-base",
                what = what.clone(),
                link = link,
                path = path,
                base = base
            ),
            K::BrokenAnchor {
                what,
                link,
                page,
                fragment,
            } => msg!(
                "broken-anchor",
                what = what.clone(),
                link = link,
                page = match page {
                    Some(url) => Arg::from(url),
                    None => msg!("this-page").into(),
                },
                fragment = fragment
            ),
            K::MissingAlt { src } => msg!("missing-alt", src = src),
            K::Copy { finding } => finding.clone(),
            K::ImgWithoutAlt { src } => msg!("img-without-alt", src = src),
            K::OrphanPage { url } => msg!("orphan-page", url = url),
            K::LonelyGroup { id, group } => msg!("lonely-group", id = id, group = group),
            K::TypedFigure { id, text } => msg!("typed-figure", id = id, text = text),
            K::UnshownFigure { id, text } => msg!("unshown-figure", id = id, text = text),
            K::DuplicateId { id } => msg!("duplicate-id", id = id),
            K::ThirdParty { what, url } => msg!("third-party", what = what.clone(), url = url),
            K::JavascriptUrl { what, url } => {
                msg!("javascript-url", what = what.clone(), url = url)
            }
            K::BrokenExternal {
                url,
                status,
                error,
                links,
            } => {
                let answer = match (error, status) {
                    (Some(error), _) => msg!("external-no-answer", error = error),
                    (None, Some(status)) => msg!("external-status", status = status.to_string()),
                    (None, None) => msg!("external-unchecked"),
                };
                msg!(
                    "broken-external",
                    url = url,
                    answer = answer,
                    links = *links
                )
            }
        }
    }

    /// The message worded in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message().text(lang)
    }
}

/// `unit `家`` or `no unit`, for [`ErrorKind::MixedGroup`].
fn unit_phrase(unit: &str) -> Message {
    match unit {
        "" => msg!("no-unit"),
        unit => msg!("unit-named", unit = unit),
    }
}

/// English, for logs and tests; [`ErrorKind::text`] words it in another language.
impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ErrorKind {}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}
