//! Write, encoded: the `.gz` and `.br` copies of the output's text files, for static hosts that
//! serve a file's precompressed copy to a browser that accepts it (nginx `gzip_static` and
//! `brotli_static`, Caddy `precompressed`, Apache with rewrite rules, most CDNs' origin pulls).
//!
//! Input: one output file, its path and bytes. Output: its encoded copies worth writing, at
//! `PATH.gz` and `PATH.br`. Only `build` writes them, and only when the site sets
//! `precompress: true`: [`output::Staging`](crate::output::Staging) asks [`copies`] for every
//! file it writes, so a page, a site-wide file, the search bundle and a static file get them
//! alike and a new output file needs nothing more. `check` and `serve` keep the site in memory
//! without them.
//!
//! Which files: those whose extension names text (HTML, CSS, JavaScript, JSON, XML, SVG, plain
//! text, CSV, web manifests; [`is_compressible`]). Images, fonts and Pagefind's index, fragment
//! and WebAssembly files are compressed already and are left alone. The copies are written when
//! each is at least [`MIN_SAVING`] bytes smaller than the file (below that, the headers a copy
//! adds to the answer, `Content-Encoding` and `Vary`, eat the saving), and then all of them.
//!
//! The bytes are deterministic: gzip with no file name and a modification time of 0, at the
//! best level; Brotli at a fixed quality, with a window fitted to the file's size. Both encoders
//! are pure Rust (flate2's miniz_oxide backend, the `brotli` crate), so the copies do not depend
//! on a system library.

use crate::error::IoAction;
use crate::i18n::msg;
use std::io::Write;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::source::Origin;

/// An encoding a static host can serve in place of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// gzip (RFC 1952), which every client accepts.
    Gzip,
    /// Brotli (RFC 7932), which browsers accept over HTTPS (and from localhost).
    Brotli,
}

impl Encoding {
    /// Every encoding written, in the order they are written.
    pub const ALL: [Encoding; 2] = [Encoding::Gzip, Encoding::Brotli];

    /// The extension added to the file's name (`gz`, `br`).
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Gzip => "gz",
            Encoding::Brotli => "br",
        }
    }

    /// The `Content-Encoding` a server sends with the copy (`gzip`, `br`).
    pub fn content_encoding(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
        }
    }

    /// `bytes` encoded.
    pub fn encode(self, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Encoding::Gzip => {
                let mut encoder = flate2::GzBuilder::new()
                    .mtime(0)
                    .operating_system(GZIP_UNKNOWN_OS)
                    .write(Vec::new(), flate2::Compression::best());
                encoder.write_all(bytes)?;
                encoder.finish()
            }
            Encoding::Brotli => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY,
                    lgwin: brotli_window(bytes.len()),
                    size_hint: bytes.len(),
                    ..Default::default()
                };
                let mut out = Vec::with_capacity(bytes.len() / 3);
                brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
                Ok(out)
            }
        }
    }
}

/// Brotli's quality: its best, because a copy is made once and sent to every reader.
pub const BROTLI_QUALITY: i32 = 11;

/// Brotli's window for `len` bytes, in bits: the smallest that holds the whole file (as the
/// reference encoder picks for one-shot compression), from 2^10 to the default 2^22 bytes. A
/// window larger than the file compresses no better; it only makes the encoder allocate (and
/// zero) tables for it, several times the memory and time on small files.
fn brotli_window(len: usize) -> i32 {
    let bits = usize::BITS - len.saturating_sub(1).leading_zeros();
    // In 10..=22, so the cast cannot truncate.
    bits.clamp(10, 22) as i32
}

/// The gzip header's "unknown" operating system, so the bytes are the same on every machine.
const GZIP_UNKNOWN_OS: u8 = 255;

/// The least an encoding must save, in bytes, to be written: about what `Content-Encoding: br`
/// and `Vary: Accept-Encoding` add to an HTTP/1.1 response.
pub const MIN_SAVING: usize = 64;

/// Extensions of the text files that get encoded copies (compared without case).
const TEXT_EXTENSIONS: [&str; 12] = [
    "html",
    "htm",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "svg",
    "txt",
    "csv",
    "webmanifest",
    "map",
];

/// True when the file at `path` (relative, with `/`) is text worth encoding, by its extension.
pub fn is_compressible(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(ext))
    })
}

/// The file whose encoded copy `path` would be (`css/site.css` for `css/site.css.br`), when
/// `path` is the name of one.
pub fn original_of(path: &str) -> Option<&str> {
    Encoding::ALL.iter().find_map(|encoding| {
        let original = path.strip_suffix(encoding.extension())?.strip_suffix('.')?;
        is_compressible(original).then_some(original)
    })
}

/// With `precompress` on, refuses a static file at the name of an encoded copy the build writes
/// itself (`css/site.css.gz` beside `css/site.css`): the two would overwrite each other, and a
/// host could serve a stale copy. `is_output` tells which paths the build writes.
pub fn check_static(path: &str, is_output: impl Fn(&str) -> bool) -> Result<()> {
    match original_of(path) {
        Some(original) if is_output(original) => Err(Error::new(ErrorKind::StaticCollision {
            path: path.to_owned(),
            page: None,
        })
        .at(Location::file(Origin::Static.path(path)))
        .hint(msg!(
            "hint-precompress-collision",
            path = path,
            original = original
        ))),
        _ => Ok(()),
    }
}

/// The encoded copies of the file at `path` worth writing, as (path, bytes): one per
/// [`Encoding`] when it is text and every encoding saves at least [`MIN_SAVING`] bytes, else
/// none. All or none, so that every answer for the file varies with `Accept-Encoding` alike
/// (nginx adds `Vary` only where a copy exists).
pub fn copies(path: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    if !is_compressible(path) || bytes.len() <= MIN_SAVING {
        return Ok(Vec::new());
    }
    let mut copies = Vec::with_capacity(Encoding::ALL.len());
    for encoding in Encoding::ALL {
        let encoded = encoding.encode(bytes).map_err(|e| {
            let action = IoAction::Compress {
                path: path.to_owned(),
                encoding: encoding.content_encoding(),
            };
            Error::io_action(action, e)
        })?;
        if encoded.len() + MIN_SAVING > bytes.len() {
            return Ok(Vec::new());
        }
        copies.push((format!("{path}.{}", encoding.extension()), encoded));
    }
    Ok(copies)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn text_files_by_extension() {
        for path in [
            "index.html",
            "a/b.CSS",
            "pagefind/pagefind.js",
            "feed.xml",
            "x.webmanifest",
        ] {
            assert!(is_compressible(path), "{path}");
        }
        for path in [
            "img/share.png",
            "pagefind/index/en_1234.pf_index",
            "pagefind/wasm.unknown.pagefind",
            "index.html.gz",
            "a/.html",
            "README",
        ] {
            assert!(!is_compressible(path), "{path}");
        }
        assert_eq!(original_of("css/site.css.br"), Some("css/site.css"));
        assert_eq!(original_of("index.html.gz"), Some("index.html"));
        assert_eq!(original_of("data.bin.gz"), None);
        assert_eq!(original_of("index.html"), None);
    }

    #[test]
    fn copies_decode_to_the_file_and_are_deterministic() {
        let text = "<p>广东产改工作进展 1.5万余家</p>\n".repeat(40);
        let copies = copies("index.html", text.as_bytes()).expect("compress");
        let names: Vec<&str> = copies.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["index.html.gz", "index.html.br"]);
        let mut gunzipped = Vec::new();
        flate2::read::GzDecoder::new(&copies[0].1[..])
            .read_to_end(&mut gunzipped)
            .expect("gunzip");
        assert_eq!(gunzipped, text.as_bytes());
        // No file name, modification time 0, "unknown" operating system.
        assert_eq!(&copies[0].1[3..10], &[0, 0, 0, 0, 0, 2, 255]);
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&copies[1].1[..], 4096)
            .read_to_end(&mut unbrotli)
            .expect("brotli decode");
        assert_eq!(unbrotli, text.as_bytes());
        assert_eq!(
            super::copies("index.html", text.as_bytes()).expect("again"),
            copies
        );
    }

    #[test]
    fn the_window_holds_the_file() {
        assert_eq!(brotli_window(0), 10);
        assert_eq!(brotli_window(1024), 10);
        assert_eq!(brotli_window(1025), 11);
        assert_eq!(brotli_window(25_674), 15);
        assert_eq!(brotli_window(1 << 22), 22);
        assert_eq!(brotli_window(usize::MAX), 22);
    }

    #[test]
    fn small_or_binary_files_get_none() {
        assert!(
            copies("robots.txt", b"User-agent: *\nAllow: /\n")
                .expect("ok")
                .is_empty()
        );
        assert!(copies("img/a.png", &[0; 4096]).expect("ok").is_empty());
        // Random-looking text does not shrink by MIN_SAVING: no copy.
        let noise: String = (0u32..200)
            .map(|i| char::from(b'!' + (i.wrapping_mul(2_654_435_761) >> 25) as u8 % 90))
            .collect();
        assert!(copies("a.txt", noise.as_bytes()).expect("ok").is_empty());
    }
}
