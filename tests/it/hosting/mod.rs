//! The built microsite served by a real web server (nginx), as it will be hosted.
//!
//! Each test builds the repository's own site into a temporary folder with a `--base-url` that
//! points at a private nginx instance on 127.0.0.1 (own config, own prefix folder, `daemon off`,
//! stopped by a drop guard), then checks it over HTTP with `ureq`:
//!
//! - every built file is served with status 200, its own bytes and the right `Content-Type`
//!   (with `charset=utf-8` for text); every `<loc>` of `sitemap.xml` is a page;
//! - a missing page answers 404 with the body of `404.html`;
//! - a crawl from the home page that follows every internal `href`, `src`, `srcset`, social-card
//!   image and CSS `url()` finds no broken link, no redirect and no missing `#fragment`, and
//!   reaches every page of the sitemap;
//! - the same under a sub-path (`/reform/`), where no link may leave `/reform/`;
//! - every HTML, CSS and SVG file passes the Nu HTML Checker (vnu) without errors;
//! - a client gets the precompressed copy (`.br`, `.gz`) it accepts, byte for byte, and one
//!   that accepts neither gets the file itself.
//!
//! nginx comes from Debian (`/usr/sbin/nginx`, `/etc/nginx/mime.types`, and the
//! `brotli_static` module of `libnginx-mod-http-brotli-static`); vnu from the pinned
//! npm package `vnu-jar` in `tests/browser/` (run on the machine's Java). `bash .ci/run --deps`
//! installs both. The nginx helper is shared with `browser.rs`.
//!
//! The modules follow the data: `nginx` starts the server and builds the site (`Hosted`);
//! `http` fetches with `ureq` and knows the expected `Content-Type`s; `urls` resolves references
//! (RFC 3986); `refs` extracts them from HTML, CSS and XML; `crawl` follows them from the home
//! page; `files` checks every built file and the 404 answer; `encodings` the precompressed
//! copies; `vnu` runs the Nu HTML Checker.

mod crawl;
mod encodings;
mod files;
mod http;
mod nginx;
mod refs;
mod urls;
mod vnu;

pub(crate) use self::nginx::Hosted;

/// How to install what these tests need.
pub(crate) const INSTALL_HINT: &str = "run `bash .ci/run --deps` (installs Debian's nginx, its \
     brotli module and chromium, and `npm ci --ignore-scripts` in tests/browser)";
