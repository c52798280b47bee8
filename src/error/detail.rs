//! The typed details some kinds carry: what is wrong in a template ([`TemplateProblem`]), what
//! a Markdown warning says ([`MarkdownWarning`]), why an output folder is refused
//! ([`Refusal`]), which step of the search index failed ([`SearchStep`]).

/// What is wrong in a template, for [`ErrorKind::Template`](super::ErrorKind::Template).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateProblem {
    /// A child template defines a block its parents do not have (it would never be shown).
    #[error(
        "block `{block}` is not defined in the parent template `{parent}`, so it would never be shown"
    )]
    UndefinedBlock {
        /// The block's name.
        block: String,
        /// The parent template.
        parent: String,
    },
    /// Templates include or extend each other in a loop.
    #[error("templates include each other in a loop: {}", cycle.join(" -> "))]
    IncludeLoop {
        /// The templates of the loop, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// Macros call each other without end.
    #[error("macros call themselves: {}", cycle.join(" -> "))]
    MacroLoop {
        /// The macros of the loop, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// A variable the context does not have.
    #[error(
        "variable `{path}` is not defined{}",
        evaluated.as_ref().map(|e| format!(" (it reads `{e}`: is that key or index there?)")).unwrap_or_default()
    )]
    UndefinedVariable {
        /// The variable as written (`page.titel`, subscripts included).
        path: String,
        /// The path with its subscripts evaluated, when Tera gives it.
        evaluated: Option<String>,
    },
    /// A filter Tera does not have.
    #[error("unknown filter `{name}`")]
    UnknownFilter {
        /// The filter's name.
        name: String,
    },
    /// A filter that failed on its value.
    #[error("the filter `{name}` failed: {cause}")]
    FilterFailed {
        /// The filter's name.
        name: String,
        /// What the filter said.
        cause: String,
    },
    /// A function Tera does not have.
    #[error("unknown function `{name}`")]
    UnknownFunction {
        /// The function's name.
        name: String,
    },
    /// A function that failed on its arguments.
    #[error("`{name}()` failed: {cause}")]
    FunctionFailed {
        /// The function's name.
        name: String,
        /// What the function said.
        cause: String,
    },
    /// A test Tera does not have.
    #[error("unknown test `{name}`")]
    UnknownTest {
        /// The test's name.
        name: String,
    },
    /// A test that failed on its value.
    #[error("the test `{name}` failed: {cause}")]
    TestFailed {
        /// The test's name.
        name: String,
        /// What the test said.
        cause: String,
    },
    /// An included template that does not exist.
    #[error("the included template `{target}` does not exist")]
    MissingInclude {
        /// The template's name as written.
        target: String,
    },
    /// Any other error, as Tera explains it (a syntax error, a failed render Tera names no
    /// expression for).
    #[error("{explanation}")]
    Tera {
        /// Tera's explanation: its chain of causes, outermost first.
        explanation: String,
    },
}

/// Something in the text that renders, but probably not as the writer meant, for
/// [`ErrorKind::Markdown`](super::ErrorKind::Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownWarning {
    /// An `<!--` with no `-->`: the text after it is shown.
    #[error(
        "this comment is never closed: `<!--` has no `-->`, so the text after it is shown to readers"
    )]
    UnclosedComment,
    /// Tags nested deeper than `max_depth` were dropped, their content kept.
    #[error(
        "blocks or emphasis nested more than {max_depth} levels deep: the deeper levels are shown flattened"
    )]
    NestingFlattened {
        /// How deep tags may nest.
        max_depth: usize,
    },
}

impl MarkdownWarning {
    /// What to do about it.
    pub fn hint(self) -> &'static str {
        match self {
            MarkdownWarning::UnclosedComment => "end the comment with `-->`",
            MarkdownWarning::NestingFlattened { .. } => {
                "nest less deeply (each `>` or list marker at the start of a line opens one more level)"
            }
        }
    }
}

/// Why a folder is not one the build may replace, for
/// [`ErrorKind::RefusedOutput`](super::ErrorKind::RefusedOutput).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// It is the site root or one of its ancestors.
    #[error("it is the site root or contains it")]
    SiteRoot,
    /// It is the user's home folder.
    #[error("it is your home folder")]
    Home,
    /// It is inside a source folder of the site.
    #[error("it is inside the site's {folder}/ folder")]
    InSource {
        /// `content`, `templates` or `static`.
        folder: &'static str,
    },
    /// It holds files and no marker of a previous build.
    #[error("the folder is not empty and was not written by gongjiang")]
    NotOurs,
    /// It is a file.
    #[error("it is a file")]
    File,
    /// It has no parent folder to stage the build in.
    #[error("it has no parent folder")]
    NoParent,
}

/// What the search indexer was doing when it failed, for
/// [`ErrorKind::SearchIndex`](super::ErrorKind::SearchIndex).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchStep {
    /// Starting its runtime.
    #[error("cannot start the indexer")]
    Start,
    /// Starting its thread.
    #[error("cannot start the indexer thread")]
    Thread,
    /// Its thread panicked.
    #[error("the search indexer stopped unexpectedly")]
    Stopped,
    /// Setting Pagefind up.
    #[error("cannot set up Pagefind")]
    Setup,
    /// Indexing a page.
    #[error("cannot index {url}")]
    Index {
        /// The page's URL.
        url: String,
    },
    /// Writing the index.
    #[error("cannot write the search index")]
    Write,
}
