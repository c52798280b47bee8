//! `gongjiang check`: builds the site in memory (writing nothing) and reports what would let a
//! reader down.
//!
//! Input: [`CheckOptions`]. Output: a [`Report`] — a list of [`Problem`]s, each located in a
//! source file (a page's Markdown at the exact line and column, a template, a static file, or,
//! when a value only exists after rendering, the output file `public/...` it would be written
//! to), the site's external links, and the number of pages. What is looked for:
//!
//! - a build that fails (front matter, figures, templates): every page's front matter is parsed
//!   so all such errors are listed at once, then the first render error;
//! - internal links, images and anchors that lead nowhere, in Markdown and in every rendered
//!   HTML file (module `scan`, with `urls` to resolve them);
//! - images without alternative text; pages no link from the home page reaches; figure groups
//!   with a single member (a warning: no chart is drawn);
//! - a figure's display text typed in the prose instead of referenced with `{{id}}`, and a
//!   figure its page never shows (warnings, module `figures`);
//! - Chinese typography in the prose (half-width punctuation between Chinese characters,
//!   spacing between Chinese and Latin text or numbers, unpaired quotation and book-title
//!   marks), with the `autocorrect` crate; warnings, rules a site may turn off (module `copy`);
//! - anything a page would load from another host (scripts, styles, fonts, images, frames,
//!   media, CSS `url()` and `@import`) and any `javascript:` URL;
//! - external links are listed, and checked over the network only when asked (`external`).
//!
//! Exit status ([`Report::exit_code`]): 0 when there is no error (warnings alone pass), 1 when
//! there is at least one error. Errors that prevent checking at all (no such folder, unreadable
//! files) are returned as `Err` and the binary exits with 2.

mod copy;
mod external;
mod figures;
mod findings;
mod html;
mod refs;
mod report;
mod scan;
mod urls;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::source;

/// What to check and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// The site root (holding `content/`, `templates/`, `static/`).
    pub root: PathBuf,
    /// Includes pages marked `draft: true`.
    pub drafts: bool,
    /// Also requests every external link (cached for a day in `target/gongjiang-link-cache.json`).
    pub external: bool,
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The site is broken or breaks a promise: `check` exits with 1.
    Error,
    /// Worth fixing, but the site works: listed, and `check` still exits with 0.
    Warning,
}

/// What kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Malformed front matter (the build stops).
    FrontMatter,
    /// A figure breaks the content model (missing unit, unknown qualifier, duplicate id, a
    /// reference or block in the text that names nothing, a data file that cannot be read...).
    Figure,
    /// A template failed to load or render (e.g. it names a figure the page does not have).
    Template,
    /// Another error that stops the build (site settings, URL collisions, static files...).
    Build,
    /// An internal link or resource leads to no page or file.
    BrokenLink,
    /// The page exists but has no element with the link's fragment as its id.
    BrokenAnchor,
    /// An image without alternative text.
    MissingAlt,
    /// A page no link from the home page reaches.
    OrphanPage,
    /// A figure group with one member: no chart is drawn (a warning).
    LonelyGroup,
    /// A figure's display text typed in the prose instead of referenced (a warning).
    TypedFigure,
    /// A figure its page never shows (a warning).
    UnshownFigure,
    /// Markdown that renders, but probably not as meant: an unclosed `<!--`, nesting flattened
    /// (a warning).
    Markdown,
    /// Chinese typography in the prose: punctuation, spacing, unpaired marks (a warning).
    Copy,
    /// Two elements of one page with the same `id` (a link to it reaches only the first).
    DuplicateId,
    /// Something a page would load from another host.
    ThirdParty,
    /// A `javascript:` (or `vbscript:`) URL.
    JavascriptUrl,
    /// An external link that answered with an error status or did not answer (with `--external`).
    BrokenExternal,
}

impl ProblemKind {
    /// The name used in both output formats, e.g. `broken_link`.
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::FrontMatter => "front_matter",
            ProblemKind::Figure => "figure",
            ProblemKind::Template => "template",
            ProblemKind::Build => "build",
            ProblemKind::BrokenLink => "broken_link",
            ProblemKind::BrokenAnchor => "broken_anchor",
            ProblemKind::MissingAlt => "missing_alt",
            ProblemKind::OrphanPage => "orphan_page",
            ProblemKind::LonelyGroup => "lonely_group",
            ProblemKind::TypedFigure => "typed_figure",
            ProblemKind::UnshownFigure => "unshown_figure",
            ProblemKind::Markdown => "markdown",
            ProblemKind::Copy => "copy",
            ProblemKind::DuplicateId => "duplicate_id",
            ProblemKind::ThirdParty => "third_party",
            ProblemKind::JavascriptUrl => "javascript_url",
            ProblemKind::BrokenExternal => "broken_external",
        }
    }

    /// Warnings do not fail the check; everything else is an error.
    pub fn severity(self) -> Severity {
        match self {
            ProblemKind::LonelyGroup
            | ProblemKind::TypedFigure
            | ProblemKind::UnshownFigure
            | ProblemKind::Markdown
            | ProblemKind::Copy => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file to fix, relative to the site root with `/` (`content/skills.md`,
    /// `templates/base.html`, `static/css/site.css`), or `public/...` for a value that only
    /// exists in the rendered output.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Problem {
    /// A problem of `kind` in `file` at `line`/`column`.
    pub fn new(
        kind: ProblemKind,
        file: impl Into<String>,
        position: Option<(usize, usize)>,
        message: String,
        hint: String,
    ) -> Self {
        Problem {
            file: file.into(),
            line: position.map(|(l, _)| l),
            column: position.map(|(_, c)| c),
            kind,
            message,
            hint,
            severity: kind.severity(),
        }
    }

    /// A build error as a problem: same place, message and hint.
    pub fn from_error(error: &Error) -> Self {
        let kind = match &error.kind {
            ErrorKind::FrontMatter(_)
            | ErrorKind::UnknownKey { .. }
            | ErrorKind::NotUtf8 { .. } => ProblemKind::FrontMatter,
            ErrorKind::Figure(_)
            | ErrorKind::UnknownFigureReference { .. }
            | ErrorKind::UnknownBlock { .. }
            | ErrorKind::Data(_) => ProblemKind::Figure,
            ErrorKind::Template { .. } => ProblemKind::Template,
            _ => ProblemKind::Build,
        };
        let location = error.location.as_ref();
        let file = location.map_or_else(|| "(site)".to_owned(), |l| source::slash_path(&l.path));
        let mut problem = Problem::new(
            kind,
            file,
            None,
            error.kind.to_string(),
            error.hint.clone().unwrap_or_default(),
        );
        problem.line = location.and_then(|l| l.line);
        problem.column = location.and_then(|l| l.column);
        problem
    }
}

/// An external link, where it first appears, and (with `--external`) what it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalLink {
    /// The absolute URL.
    pub url: String,
    /// Where it first appears (as in [`Problem::file`]).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// How many times the site links to it.
    pub links: usize,
    /// Whether it was checked (`--external`).
    pub checked: bool,
    /// The HTTP status it answered with, after redirects.
    pub status: Option<u16>,
    /// Why there is no status (connection refused, timeout...).
    pub error: Option<String>,
    /// Whether the result came from the cache.
    pub cached: bool,
}

impl ExternalLink {
    /// Broken: an error status (400 or more) or no answer.
    pub fn is_broken(&self) -> bool {
        self.checked && (self.error.is_some() || self.status.is_some_and(|s| s >= 400))
    }
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Report {
    /// Every problem, sorted by file, line and column.
    pub problems: Vec<Problem>,
    /// Every external link, sorted by URL.
    pub external: Vec<ExternalLink>,
    /// Pages built (0 when the build failed).
    pub pages: usize,
}

impl Report {
    /// Number of problems of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// 0 when there are no errors (warnings alone pass), 1 otherwise.
    pub fn exit_code(&self) -> ExitCode {
        if self.count(Severity::Error) == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }

    /// The report for people: problems grouped by file, then external links, then a summary.
    pub fn human(&self) -> String {
        report::human(self)
    }

    /// The report for tools: `{"problems": [...], "external": [...], "pages": N}`.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
            + "\n"
    }
}

/// Builds the site in memory and checks it; `Err` only when it cannot be checked at all.
pub fn check(options: &CheckOptions) -> Result<Report> {
    let root = &options.root;
    if !root.join("content").is_dir() {
        return Err(Error::new(ErrorKind::NotASite {
            path: root.display().to_string(),
            why: "it has no content/ folder",
        })
        .hint("run `gongjiang check` in the site's folder, or pass --root DIR"));
    }
    let files = match source::read_site(root) {
        Ok(files) => files,
        Err(e) if matches!(e.kind, ErrorKind::Io { .. }) => return Err(e),
        Err(e) => return Ok(failed(vec![e])),
    };
    let errors: Vec<Error> = files
        .content
        .iter()
        .filter_map(|f| crate::front_matter::parse(f).err())
        .collect();
    if !errors.is_empty() {
        return Ok(failed(errors));
    }
    let built = match crate::build::render_files(&files, None, options.drafts) {
        Ok(built) => built,
        Err(e) => return Ok(failed(vec![e])),
    };
    let (problems, external) = scan::scan(&built, &files);
    let mut report = Report {
        problems,
        external,
        pages: built.site.pages.len(),
    };
    if options.external {
        external::check_all(&mut report.external, &cache_path(root));
        let broken = report
            .external
            .iter()
            .filter(|l| l.is_broken())
            .map(external::problem)
            .collect::<Vec<_>>();
        report.problems.extend(broken);
    }
    sort(&mut report.problems);
    Ok(report)
}

/// Where `--external` keeps its results.
pub fn cache_path(root: &Path) -> PathBuf {
    root.join("target").join("gongjiang-link-cache.json")
}

fn failed(errors: Vec<Error>) -> Report {
    let mut problems: Vec<Problem> = errors.iter().map(Problem::from_error).collect();
    sort(&mut problems);
    Report {
        problems,
        external: Vec::new(),
        pages: 0,
    }
}

fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.kind).cmp(&(&b.file, b.line, b.column, b.kind))
    });
}
