//! The typed details some kinds carry: what is wrong in a template ([`TemplateProblem`]), what
//! a Markdown warning says ([`MarkdownWarning`]), why an output folder is refused
//! ([`Refusal`]), which step of the search index failed ([`SearchStep`]), what was being done
//! when a file operation failed ([`IoAction`]). Each words itself as a [`Message`].

use crate::i18n::{Message, msg};

/// What is wrong in a template, for [`ErrorKind::Template`](super::ErrorKind::Template).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateProblem {
    /// A child template defines a block its parents do not have (it would never be shown).
    UndefinedBlock {
        /// The block's name.
        block: String,
        /// The parent template.
        parent: String,
    },
    /// Templates include or extend each other in a loop.
    IncludeLoop {
        /// The templates of the loop, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// Macros call each other without end.
    MacroLoop {
        /// The macros of the loop, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// A variable the context does not have.
    UndefinedVariable {
        /// The variable as written (`page.titel`, subscripts included).
        path: String,
        /// The path with its subscripts evaluated, when Tera gives it.
        evaluated: Option<String>,
    },
    /// A filter Tera does not have.
    UnknownFilter {
        /// The filter's name.
        name: String,
    },
    /// A filter that failed on its value.
    FilterFailed {
        /// The filter's name.
        name: String,
        /// What the filter said.
        cause: String,
    },
    /// A function Tera does not have.
    UnknownFunction {
        /// The function's name.
        name: String,
    },
    /// A function that failed on its arguments.
    FunctionFailed {
        /// The function's name.
        name: String,
        /// What the function said.
        cause: String,
    },
    /// A test Tera does not have.
    UnknownTest {
        /// The test's name.
        name: String,
    },
    /// A test that failed on its value.
    TestFailed {
        /// The test's name.
        name: String,
        /// What the test said.
        cause: String,
    },
    /// An included template that does not exist.
    MissingInclude {
        /// The template's name as written.
        target: String,
    },
    /// Any other error, as Tera explains it (a syntax error, a failed render Tera names no
    /// expression for).
    Tera {
        /// Tera's explanation: its chain of causes, outermost first.
        explanation: String,
    },
}

/// Something in the text that renders, but probably not as the writer meant, for
/// [`ErrorKind::Markdown`](super::ErrorKind::Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkdownWarning {
    /// An `<!--` with no `-->`: the text after it is shown.
    UnclosedComment,
    /// Tags nested deeper than `max_depth` were dropped, their content kept.
    NestingFlattened {
        /// How deep tags may nest.
        max_depth: usize,
    },
}

impl MarkdownWarning {
    /// What it says.
    pub fn message(self) -> Message {
        match self {
            MarkdownWarning::UnclosedComment => msg!("markdown-unclosed-comment"),
            MarkdownWarning::NestingFlattened { max_depth } => {
                msg!(
                    "markdown-nesting-flattened",
                    max_depth = max_depth.to_string()
                )
            }
        }
    }

    /// What to do about it.
    pub fn hint(self) -> Message {
        match self {
            MarkdownWarning::UnclosedComment => msg!("hint-markdown-unclosed-comment"),
            MarkdownWarning::NestingFlattened { .. } => msg!("hint-markdown-nesting-flattened"),
        }
    }
}

/// Why a folder is not one the build may replace, for
/// [`ErrorKind::RefusedOutput`](super::ErrorKind::RefusedOutput).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It is the site root or one of its ancestors.
    SiteRoot,
    /// It is the user's home folder.
    Home,
    /// It is inside a source folder of the site.
    InSource {
        /// `content`, `templates` or `static`.
        folder: &'static str,
    },
    /// It holds files and no marker of a previous build.
    NotOurs,
    /// It is a file.
    File,
    /// It has no parent folder to stage the build in.
    NoParent,
}

/// What the search indexer was doing when it failed, for
/// [`ErrorKind::SearchIndex`](super::ErrorKind::SearchIndex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchStep {
    /// Starting its runtime.
    Start,
    /// Starting its thread.
    Thread,
    /// Its thread panicked.
    Stopped,
    /// Setting Pagefind up.
    Setup,
    /// Indexing a page.
    Index {
        /// The page's URL.
        url: String,
    },
    /// Writing the index.
    Write,
}

impl TemplateProblem {
    /// What is wrong.
    pub fn message(&self) -> Message {
        use TemplateProblem as P;
        match self {
            P::UndefinedBlock { block, parent } => {
                msg!("template-undefined-block", block = block, parent = parent)
            }
            P::IncludeLoop { cycle } => msg!("template-include-loop", cycle = cycle.join(" -> ")),
            P::MacroLoop { cycle } => msg!("template-macro-loop", cycle = cycle.join(" -> ")),
            P::UndefinedVariable { path, evaluated } => match evaluated {
                Some(evaluated) => msg!(
                    "template-undefined-variable-evaluated",
                    path = path,
                    evaluated = evaluated
                ),
                None => msg!("template-undefined-variable", path = path),
            },
            P::UnknownFilter { name } => msg!("template-unknown-filter", name = name),
            P::FilterFailed { name, cause } => {
                msg!("template-filter-failed", name = name, cause = cause)
            }
            P::UnknownFunction { name } => msg!("template-unknown-function", name = name),
            P::FunctionFailed { name, cause } => {
                msg!("template-function-failed", name = name, cause = cause)
            }
            P::UnknownTest { name } => msg!("template-unknown-test", name = name),
            P::TestFailed { name, cause } => {
                msg!("template-test-failed", name = name, cause = cause)
            }
            P::MissingInclude { target } => msg!("template-missing-include", target = target),
            P::Tera { explanation } => msg!("template-tera", explanation = explanation),
        }
    }
}

impl std::fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl Refusal {
    /// Why the folder is refused.
    pub fn message(self) -> Message {
        match self {
            Refusal::SiteRoot => msg!("refusal-site-root"),
            Refusal::Home => msg!("refusal-home"),
            Refusal::InSource { folder } => msg!("refusal-in-source", folder = folder),
            Refusal::NotOurs => msg!("refusal-not-ours"),
            Refusal::File => msg!("refusal-file"),
            Refusal::NoParent => msg!("refusal-no-parent"),
        }
    }
}

impl SearchStep {
    /// What was being done.
    pub fn message(&self) -> Message {
        match self {
            SearchStep::Start => msg!("search-step-start"),
            SearchStep::Thread => msg!("search-step-thread"),
            SearchStep::Stopped => msg!("search-step-stopped"),
            SearchStep::Setup => msg!("search-step-setup"),
            SearchStep::Index { url } => msg!("search-step-index", url = url),
            SearchStep::Write => msg!("search-step-write"),
        }
    }
}

/// What was being done when a file operation failed, for
/// [`ErrorKind::Io`](super::ErrorKind::Io).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoAction {
    /// Reading a file.
    Read,
    /// Reading a folder's entries.
    List,
    /// Reading the current folder.
    ReadCurrentFolder,
    /// Resolving a path to its canonical form.
    Resolve,
    /// Following a symbolic link.
    FollowLink,
    /// Creating a folder.
    CreateFolder,
    /// Writing a file.
    Write,
    /// Writing a file the build makes (`figures.csv`).
    WriteFile {
        /// Its name.
        name: &'static str,
    },
    /// Moving the previous output aside.
    MoveAside,
    /// Moving the new output in place.
    MoveInPlace,
    /// Removing the previous output.
    RemoveOld,
    /// Compressing a file.
    Compress {
        /// The file.
        path: String,
        /// `gzip` or `br`.
        encoding: &'static str,
    },
    /// Watching the site's files.
    Watch,
    /// Starting the preview server.
    StartServer,
    /// Listening on an address.
    Listen {
        /// The address.
        address: String,
    },
    /// Reading the server's own address.
    ServerAddress,
    /// Serving.
    Serve,
}

impl IoAction {
    /// What was being done.
    pub fn message(&self) -> Message {
        match self {
            IoAction::Read => msg!("io-read"),
            IoAction::List => msg!("io-list"),
            IoAction::ReadCurrentFolder => msg!("io-read-current-folder"),
            IoAction::Resolve => msg!("io-resolve"),
            IoAction::FollowLink => msg!("io-follow-link"),
            IoAction::CreateFolder => msg!("io-create-folder"),
            IoAction::Write => msg!("io-write"),
            IoAction::WriteFile { name } => msg!("io-write-file", name = *name),
            IoAction::MoveAside => msg!("io-move-aside"),
            IoAction::MoveInPlace => msg!("io-move-in-place"),
            IoAction::RemoveOld => msg!("io-remove-old"),
            IoAction::Compress { path, encoding } => {
                msg!("io-compress", path = path, encoding = *encoding)
            }
            IoAction::Watch => msg!("io-watch"),
            IoAction::StartServer => msg!("io-start-server"),
            IoAction::Listen { address } => msg!("io-listen", address = address),
            IoAction::ServerAddress => msg!("io-server-address"),
            IoAction::Serve => msg!("io-serve"),
        }
    }
}

/// A part of the content model, where a key is written: for
/// [`ErrorKind::WrongType`](super::ErrorKind::WrongType) and the hints of unknown keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// A page's front matter.
    Page,
    /// A figure (an item of `figures:` or a row of a figures file).
    Figure,
    /// The site settings (`site:` in `content/_index.md`).
    Site,
    /// `source:` of the site settings.
    Source,
    /// `check:` of the site settings.
    Check,
}

impl Section {
    /// The part, as a place: "the page's front matter", "a figure (under `figures:`)".
    pub fn message(self) -> Message {
        match self {
            Section::Page => msg!("section-page"),
            Section::Figure => msg!("section-figure"),
            Section::Site => msg!("section-site"),
            Section::Source => msg!("section-source"),
            Section::Check => msg!("section-check"),
        }
    }
}

/// What a value should be, in words, for [`ErrorKind::WrongType`](super::ErrorKind::WrongType).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A whole number such as 3.
    WholeNumber,
    /// A number such as 15000.
    Number,
    /// Text.
    Text,
    /// `true` or `false`.
    TrueFalse,
    /// A list, one `- ` item a line.
    List,
    /// Indented `key: value` lines.
    Settings,
    /// A list of figures or the path of a data file.
    FiguresOrFile,
}

impl Expected {
    /// What was expected, in words: "a whole number such as 3".
    pub fn message(self) -> Message {
        match self {
            Expected::WholeNumber => msg!("expected-whole-number"),
            Expected::Number => msg!("expected-number"),
            Expected::Text => msg!("expected-text"),
            Expected::TrueFalse => msg!("expected-true-false"),
            Expected::List => msg!("expected-list"),
            Expected::Settings => msg!("expected-settings"),
            Expected::FiguresOrFile => msg!("expected-figures-or-file"),
        }
    }
}

/// What was written instead, for [`ErrorKind::WrongType`](super::ErrorKind::WrongType).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A value, as written (`first`, `2100万`).
    Value(String),
    /// A list.
    List,
    /// Indented `key: value` lines.
    Settings,
    /// Nothing (an empty value).
    Nothing,
}

impl Found {
    /// What was found, in words: "`first`", "a list", "nothing".
    pub fn message(&self) -> Message {
        match self {
            Found::Value(value) => msg!("found-value", value = value),
            Found::List => msg!("found-list"),
            Found::Settings => msg!("found-settings"),
            Found::Nothing => msg!("found-nothing"),
        }
    }
}

/// A slip in typing YAML, for [`ErrorKind::YamlSlip`](super::ErrorKind::YamlSlip) (found by
/// [`crate::yaml_mistakes`] where serde_yaml only says what its parser saw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlSlip {
    /// `title：...`: a full-width colon after a key.
    FullWidthColon {
        /// The key.
        key: String,
    },
    /// A full-width space `　` in the indentation or after a key's colon.
    FullWidthSpace {
        /// In the indentation (else after the colon).
        indent: bool,
    },
    /// A tab in the indentation.
    Tab,
    /// `title:会员`: no space after the colon.
    NoSpaceAfterColon {
        /// The key.
        key: String,
    },
    /// A quote that opens a value and is never closed.
    UnclosedQuote {
        /// `"` or `'`.
        quote: char,
    },
    /// `title: 会员发展: 2025`: `: ` inside an unquoted value.
    ColonInValue {
        /// The key.
        key: String,
    },
}

impl YamlSlip {
    /// What is wrong.
    pub fn message(&self) -> Message {
        match self {
            YamlSlip::FullWidthColon { key } => msg!("slip-full-width-colon", key = key),
            YamlSlip::FullWidthSpace { indent: true } => msg!("slip-full-width-indent"),
            YamlSlip::FullWidthSpace { indent: false } => msg!("slip-full-width-space"),
            YamlSlip::Tab => msg!("slip-tab"),
            YamlSlip::NoSpaceAfterColon { key } => msg!("slip-no-space", key = key),
            YamlSlip::UnclosedQuote { quote } => {
                msg!("slip-unclosed-quote", quote = quote.to_string())
            }
            YamlSlip::ColonInValue { key } => msg!("slip-colon-in-value", key = key),
        }
    }
}
