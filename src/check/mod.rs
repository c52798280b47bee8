//! `gongjiang check`: builds the site in memory (writing nothing) and reports what would let a
//! reader down.
//!
//! Input: [`CheckOptions`]. Output: a [`Report`] — a list of [`Problem`]s, the site's external
//! links, and the number of pages. A problem is the library's [`Error`] with a [`Severity`]: a
//! build error, or a finding of `check` (an [`ErrorKind`] such as `BrokenLink { what, link,
//! path }`), located in a source file (a page's Markdown at the exact line and column, a
//! template, a static file, or, when a value only exists after rendering, the output file
//! `public/...` it would be written to). A new kind of finding is one `ErrorKind` variant and
//! its line in [`ErrorKind::class`] (its name and severity). What is looked for:
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
use crate::i18n::{Lang, msg};
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

pub use crate::error::Severity;

/// One problem: an [`Error`] (what, where, a hint) with its severity, and, for one found in
/// rendered HTML, the output files it was seen in.
///
/// Its [`ErrorKind`] is a build error (`check` reports every page's front-matter errors, or the
/// first render error) or a finding of `check` (a broken link, a missing alt text...); its name
/// in the report and its default severity come from [`ErrorKind::class`].
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong, where, and what to do about it.
    pub error: Error,
    /// Error or warning.
    pub severity: Severity,
    /// For a problem found in rendered HTML: where it was seen.
    pub seen: Seen,
}

/// The output files a problem found in rendered HTML was seen in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The output files (`public/...`), the first where it was found first; empty for a
    /// problem found in a source file.
    pub files: Vec<String>,
    /// The value was computed by a template: the problem is located in the first output file.
    pub computed: bool,
}

impl Problem {
    /// A problem with the severity of its kind.
    pub(crate) fn new(error: Error) -> Self {
        Problem {
            severity: error.kind.severity(),
            error,
            seen: Seen::default(),
        }
    }

    /// The file to fix, relative to the site root with `/` (`content/skills.md`,
    /// `templates/base.html`, `static/css/site.css`), `public/...` for a value that only
    /// exists in the rendered output, or `(site)` when no file is to blame.
    pub fn file(&self) -> String {
        self.error
            .location
            .as_ref()
            .map_or_else(|| "(site)".to_owned(), |l| source::slash_path(&l.path))
    }

    /// 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.error.location.as_ref().and_then(|l| l.line)
    }

    /// 1-based column in characters, when known.
    pub fn column(&self) -> Option<usize> {
        self.error.location.as_ref().and_then(|l| l.column)
    }

    /// The message in `lang`, with the files it was seen in when it was found in the output.
    pub fn message(&self, lang: Lang) -> String {
        let message = self.error.kind.message();
        let Some(first) = self.seen.files.first() else {
            return message.text(lang);
        };
        let others = self.seen.files.len() - 1;
        let seen = if self.seen.computed {
            msg!("seen-rendered", message = message, others = others)
        } else {
            msg!("seen-in", message = message, file = first, others = others)
        };
        seen.text(lang)
    }

    /// What to do about it in `lang`, when there is a hint.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let hint = self.error.hint.clone();
        let hint = match (hint, self.seen.computed && !self.seen.files.is_empty()) {
            (Some(hint), true) => msg!("hint-computed", hint = hint),
            (None, true) => msg!("note-computed"),
            (Some(hint), false) => hint,
            (None, false) => return None,
        };
        Some(hint.text(lang))
    }
}

/// The JSON form: `file`, `line`, `column`, `kind` (its name), `message`, `hint`, `severity`.
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut problem = serializer.serialize_struct("Problem", 7)?;
        problem.serialize_field("file", &self.file())?;
        problem.serialize_field("line", &self.line())?;
        problem.serialize_field("column", &self.column())?;
        problem.serialize_field("kind", self.error.kind.name())?;
        problem.serialize_field("message", &self.message(Lang::En))?;
        problem.serialize_field("hint", &self.hint(Lang::En).unwrap_or_default())?;
        problem.serialize_field("severity", &self.severity)?;
        problem.end()
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
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

    /// The report for people in `lang`: problems grouped by file, then external links, then a
    /// summary.
    pub fn human(&self, lang: Lang) -> String {
        report::human(self, lang)
    }

    /// The report for tools: `{"problems": [...], "external": [...], "pages": N}`, its messages
    /// in English whatever the locale (tools match on `kind`, people read `human`).
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
            why: msg!("why-no-content-folder"),
        })
        .hint(msg!("hint-check-root")));
    }
    let (files, link_loops) = match source::read_site_warning(root) {
        Ok(read) => read,
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
    let (mut problems, external) = scan::scan(&built, &files);
    problems.extend(link_loops.into_iter().map(Problem::new));
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
fn cache_path(root: &Path) -> PathBuf {
    root.join("target").join("gongjiang-link-cache.json")
}

fn failed(errors: Vec<Error>) -> Report {
    let mut problems: Vec<Problem> = errors.into_iter().map(Problem::new).collect();
    sort(&mut problems);
    Report {
        problems,
        external: Vec::new(),
        pages: 0,
    }
}

/// By file, line, column, then kind name.
fn sort(problems: &mut [Problem]) {
    problems.sort_by_cached_key(|p| (p.file(), p.line(), p.column(), p.error.kind.name()));
}
