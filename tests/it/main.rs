//! The integration tests: one binary, a module per feature.
//!
//! Each test builds a fixture site (under `tests/fixtures/` or made in a temporary folder) with
//! the real `gongjiang` binary or library and checks the output. See `util.rs` for the helpers.

mod bad;
mod browser;
mod build;
mod check;
mod content;
mod design;
mod hosting;
mod images;
mod lang;
mod languages;
mod precompress;
mod props;
mod rendered;
mod search;
mod serve;
mod theme;
mod util;
