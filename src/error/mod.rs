//! The one error type of the library.
//!
//! Every failure is an [`Error`]: what went wrong ([`ErrorKind`]), where ([`Location`]: file, line,
//! column, in file coordinates), the offending source line when known, and a hint saying what to
//! do. `Display` renders all of it once, the way a compiler would; `main` prints it and exits.
//!
//! Each kind is specific and holds data, not sentences: a key, an id, a value, a path (module
//! `kind`; the typed details of templates, Markdown and search in module `detail`). Only the
//! explanations of other libraries (serde_yaml, csv, Tera, Pagefind) are kept as text, the way
//! an [`std::io::Error`] is kept as the `source()`. [`ErrorKind::class`] names the kind for
//! `check` and gives its [`Severity`], so no caller reads a message to decide what it is.

mod detail;
mod kind;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Message, msg};

pub use detail::{
    Expected, Found, IoAction, MarkdownWarning, Refusal, SearchStep, Section, TemplateProblem,
    YamlSlip,
};
pub use kind::{ErrorKind, Severity};

/// A position in a file. Lines and columns are 1-based and count from the start of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as given to the user (relative to the site root where possible).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming only a file.
    pub(crate) fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// A location naming a file, line and column.
    pub(crate) fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// An [`std::io::Error`], shared so that errors stay cheap to clone, compared by kind and
/// message.
#[derive(Debug, Clone)]
pub struct IoCause(pub(crate) std::sync::Arc<std::io::Error>);

impl From<std::io::Error> for IoCause {
    fn from(err: std::io::Error) -> Self {
        IoCause(std::sync::Arc::new(err))
    }
}

impl fmt::Display for IoCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for IoCause {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoCause {}

/// An error with its location, the offending line, and a hint. The details live behind a box
/// (see [`ErrorDetails`]) so that `Result<T>` stays small on the happy path.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<ErrorDetails>);

/// What an [`Error`] carries; reached through `Deref`, so `err.kind`, `err.location` work.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetails {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where, when known.
    pub location: Option<Location>,
    /// The text of the offending line, when known.
    pub source_line: Option<String>,
    /// What the user can do about it.
    pub hint: Option<Message>,
    /// Whether the location is a file of the built-in theme rather than of the site: it is
    /// shown as `(built-in) templates/page.html`.
    pub built_in: bool,
}

impl std::ops::Deref for Error {
    type Target = ErrorDetails;

    fn deref(&self) -> &ErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorDetails {
        &mut self.0
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with no location yet.
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(ErrorDetails {
            kind,
            location: None,
            source_line: None,
            hint: None,
            built_in: false,
        }))
    }

    /// Attaches a location.
    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Attaches a hint.
    pub(crate) fn hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Attaches the offending line, taken from `text` at the location's line.
    pub(crate) fn with_source(mut self, text: &str) -> Self {
        if let Some(line) = self.location.as_ref().and_then(|l| l.line) {
            self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        }
        self
    }

    /// An I/O error on `path`.
    pub(crate) fn io(action: IoAction, path: &Path, err: std::io::Error) -> Self {
        Error::io_action(action, err).at(Location::file(path))
    }

    /// An I/O error with no file to name.
    pub(crate) fn io_action(action: IoAction, err: std::io::Error) -> Self {
        Error::new(ErrorKind::Io {
            action,
            cause: err.into(),
        })
    }

    /// The line of the error, when known.
    pub fn line(&self) -> Option<usize> {
        self.location.as_ref().and_then(|l| l.line)
    }
}

impl Error {
    /// The whole error worded in `lang`, the way a compiler shows one: `file:line:column:
    /// message`, the offending line with a caret under the column, then the hint.
    pub fn render(&self, lang: Lang) -> String {
        use fmt::Write as _;
        let message = self.kind.text(lang);
        let mut out = match &self.location {
            Some(location) if self.built_in => {
                format!(
                    "{} {location}: {message}",
                    msg!("label-built-in").text(lang)
                )
            }
            Some(location) => format!("{location}: {message}"),
            None => message,
        };
        if let (Some(text), Some(line)) = (&self.source_line, self.line()) {
            let gutter = line.to_string().len();
            let shown: String = text.chars().take(200).collect();
            let _ = write!(out, "\n{:gutter$} |\n{line} | {shown}", "");
            if let Some(column) = self.location.as_ref().and_then(|l| l.column) {
                let pad: usize = shown
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(display_width)
                    .sum();
                let _ = write!(out, "\n{:gutter$} | {:pad$}^", "", "");
            }
        }
        if let Some(hint) = &self.hint {
            let _ = write!(
                out,
                "\n{}",
                msg!("label-hint", hint = hint.clone()).text(lang)
            );
        }
        out
    }
}

impl Error {
    /// The error as `main` prints it: `error: ` (or `错误：`) and [`Error::render`].
    pub fn report(&self, lang: Lang) -> String {
        format!("{}: {}", msg!("label-error").text(lang), self.render(lang))
    }
}

/// English; [`Error::render`] words it in another language.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { cause, .. } => Some(cause.0.as_ref()),
            _ => None,
        }
    }
}

/// Columns a character takes in a terminal: two for wide (CJK) characters, one otherwise.
fn display_width(c: char) -> usize {
    if crate::text::is_wide(c) { 2 } else { 1 }
}

/// Turns byte offsets into 1-based line and column (in characters), cheaply for offsets that
/// arrive in increasing order.
pub(crate) struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    /// Last answer: (offset, line index, column).
    last: (usize, usize, usize),
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `source`.
    pub(crate) fn new(source: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            source,
            line_starts,
            last: (0, 0, 1),
        }
    }

    /// The (line, column) of byte `offset`, both 1-based.
    pub(crate) fn locate(&mut self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let (last_offset, last_line, last_col) = self.last;
        let column = if line == last_line && offset >= last_offset {
            last_col + self.source[last_offset..offset].chars().count()
        } else {
            1 + self.source[self.line_starts[line]..offset].chars().count()
        };
        self.last = (offset, line, column);
        (line + 1, column)
    }
}

/// Converts a byte offset in `text` into a 1-based (line, column), the column counted in characters.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    LineIndex::new(text).locate(offset)
}

/// The known word closest to `word`, for "did you mean" hints: near misses only, one edit
/// (a swap of two neighbouring letters counts as one) for every three characters, at least
/// one and at most three, so `titel` suggests `title` but `lang` does not suggest `date`.
pub(crate) fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// Edit distance counting a swap of two neighbouring characters as one edit (optimal string
/// alignment), so `titel` is one edit from `title`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
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

/// Results gathered from parallel work, in item order, or the error of the first item that
/// failed, so that a build with several broken files reports the same one on every run.
pub(crate) fn in_order<T>(results: Vec<Result<T>>) -> Result<Vec<T>> {
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\n优秀x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 9), (2, 3));
    }

    #[test]
    fn nearest_suggests_close_keys() {
        assert_eq!(nearest("titel", &["title", "weight"]), Some("title"));
        assert_eq!(nearest("titel", &["site", "title"]), Some("title"));
        assert_eq!(nearest("zzzzzzzz", &["title"]), None);
        assert_eq!(nearest("lang", &["date", "draft", "title"]), None);
        assert_eq!(
            nearest("qualifer", &["qualifier", "wording"]),
            Some("qualifier")
        );
        assert_eq!(nearest("wieght", &["weight"]), Some("weight"));
    }

    #[test]
    fn display_shows_line_and_hint() {
        let err = Error::new(ErrorKind::UnknownKey {
            key: "titel".into(),
        })
        .at(Location::at("content/a.md", 2, 1))
        .with_source("---\ntitel: x\n---\n")
        .hint(msg!("hint-did-you-mean", word = "title"));
        let shown = err.to_string();
        assert!(
            shown.starts_with("content/a.md:2:1: unknown key `titel`"),
            "{shown}"
        );
        assert!(shown.contains("2 | titel: x"), "{shown}");
        assert!(shown.contains("hint: did you mean `title`?"), "{shown}");
    }
}
