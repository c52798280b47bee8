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
//! [`build::build`] streams the chain, writing each page as soon as it is rendered; `check`
//! collects it in memory with [`build::render`]; `serve` runs it through [`incremental`],
//! which keeps each stage's output between edits and runs again only what an edit changed.
#![warn(missing_docs, unreachable_pub)]

pub mod build;
pub mod chart;
pub mod check;
pub mod cli;
pub mod data;
pub mod downloads;
pub mod error;
pub mod figures;
pub mod front_matter;
pub mod incremental;
pub mod markdown;
pub mod output;
pub mod precompress;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod templates;
pub mod text;

pub use build::{BuildOptions, BuildReport, build};
pub use error::{Error, ErrorKind, Location, Result};
