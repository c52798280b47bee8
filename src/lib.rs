//! gongjiang (工匠) — a static site generator for reports carried as typed figures.
//!
//! A site is `content/` (Markdown with YAML front matter, figures as typed data),
//! `templates/` (Tera) and `static/`. The pipeline's stages are modules that hand plain data
//! to each other:
//!
//! ```text
//! source::read_site -> front_matter::parse -> site::assemble -> markdown::render
//!   -> render::render_page (templates, chart, figures) -> search::index -> output::Staging
//! ```
//!
//! [`build::build`] runs them all, writing each page as soon as it is rendered; `check` reuses
//! [`build::render`], which keeps everything in memory and writes nothing. `serve` runs the
//! same stages through [`incremental`], which keeps each stage's results between edits and
//! renders again only what an edit changed.
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
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod templates;
pub mod text;

pub use build::{BuildOptions, BuildReport, build};
pub use error::{Error, ErrorKind, Location, Result};
