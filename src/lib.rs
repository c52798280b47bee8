//! gongjiang (工匠) — a static site generator for reports carried as typed figures.
//!
//! A site is `content/` (Markdown with YAML front matter, figures as typed data), `data/`
//! (figures and tables as CSV, YAML or JSON), `templates/` (Tera) and `static/`. One chain of
//! stages turns it into a site, each stage a function from plain data to plain data:
//!
//! ```text
//! source::read_site -> front_matter::parse -> site::assemble (with data::) -> build::prepare
//!   -> render::Renderer { markdown, page, extras, statics } -> search -> output::Staging
//!   (which adds the `.gz` and `.br` copies of text files, with `precompress`)
//! ```
//!
//! [`build()`] streams the chain, writing each page as soon as it is rendered; [`check()`]
//! collects it in memory with [`build::render`]; [`serve()`] runs it through [`incremental`],
//! which keeps each stage's output between edits and runs again only what an edit changed.
//!
//! The public surface is the three commands (with their options and reports; [`cli`] is the
//! command line `main` runs), the stages a caller drives ([`source::read_site`],
//! [`front_matter::parse`], [`build::prepare`] and its [`render::Renderer`], [`incremental`]),
//! the data they return ([`Site`], [`Page`], [`RenderedMarkdown`], [`output::Output`]...), and
//! the one error type ([`Error`], its [`ErrorKind`] and [`Location`]). Everything else is
//! internal to the crate.
#![warn(missing_docs, unreachable_pub, unnameable_types)]

// The commands, and the stages a caller drives or reads.
pub mod build;
pub mod check;
pub mod cli;
pub mod error;
pub mod front_matter;
pub mod i18n;
pub mod incremental;
pub mod init;
pub mod output;
pub mod precompress;
pub mod render;
pub mod source;
pub mod theme;

// Internals.
mod chart;
mod data;
mod downloads;
mod english;
mod figures;
mod local_files;
mod markdown;
mod search;
mod serve;
mod site;
mod templates;
mod text;
mod translation;
mod yaml_mistakes;

pub use build::{BuildOptions, BuildReport, Built, build};
pub use check::{CheckOptions, check};
pub use error::{Error, ErrorKind, Location, Result, Severity};
pub use i18n::{Lang, Message};
pub use serve::{ServeOptions, serve};

// The data a built site is read through.
pub use data::{DataRow, DataTable};
pub use figures::{BadValue, Numerals, Qualifier};
pub use markdown::{ImageRef, LinkRef, RenderedMarkdown, TocEntry};
pub use search::Sizes as SearchSizes;
pub use site::{Language, LanguageLink, Page, PageKind, Site, SiteConfig};
pub use translation::{FigureWords, SiteWords, Translation};
