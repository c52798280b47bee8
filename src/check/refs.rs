//! What the attributes of a tag refer to, and small helpers for naming references.

use super::html::Tag;
use crate::i18n::{Message, msg};

/// How a reference is used, which decides what an external URL means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Usage {
    /// A link the reader follows (`<a href>`): external ones are listed.
    Link,
    /// Something the page loads: external ones are third-party requests.
    Load,
    /// A URL the page only names (canonical, `og:image`): checked only when internal.
    Reference,
}

/// What a tag's attribute refers to, if it is a URL the checker follows.
pub(super) fn usage(tag: &Tag, attr: &str) -> Option<(Usage, Message)> {
    let what = msg!("what-code", code = format!("`<{} {attr}>`", tag.name));
    let usage = match (tag.name.as_str(), attr) {
        ("a" | "area", "href") => Usage::Link,
        ("link", "href") if loads(tag.value("rel").unwrap_or("")) => Usage::Load,
        ("link", "href") => Usage::Reference,
        ("script" | "iframe" | "frame" | "embed" | "audio" | "track" | "input", "src")
        | ("img" | "source", "src" | "srcset")
        | ("video", "src" | "poster")
        | ("object", "data")
        | ("image" | "use" | "feimage", "href" | "xlink:href") => Usage::Load,
        ("meta", "content") if names_url(tag) => Usage::Reference,
        ("form", "action")
        | ("button" | "input", "formaction")
        | ("blockquote" | "q" | "del" | "ins", "cite") => Usage::Reference,
        (
            _,
            "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster"
            | "background" | "ping",
        ) => Usage::Reference,
        _ => return None,
    };
    Some((usage, what))
}

/// `rel` values with which a `<link>` makes the browser fetch something.
fn loads(rel: &str) -> bool {
    rel.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "stylesheet"
                | "preload"
                | "modulepreload"
                | "prefetch"
                | "prerender"
                | "preconnect"
                | "dns-prefetch"
                | "icon"
                | "apple-touch-icon"
                | "apple-touch-icon-precomposed"
                | "mask-icon"
                | "manifest"
        )
    })
}

/// `<meta>` tags whose `content` is a URL of the page or its share image.
fn names_url(tag: &Tag) -> bool {
    let name = tag
        .value("property")
        .or_else(|| tag.value("name"))
        .or_else(|| tag.value("itemprop"))
        .unwrap_or("");
    matches!(
        name.to_ascii_lowercase().as_str(),
        "og:url"
            | "og:image"
            | "og:image:url"
            | "og:image:secure_url"
            | "twitter:image"
            | "image"
            | "url"
    )
}

/// The URLs in an attribute value: each candidate of a `srcset`, or the value itself.
pub(super) fn candidates<'v>(attr: &str, value: &'v str) -> Vec<&'v str> {
    if attr == "srcset" {
        value
            .split(',')
            .filter_map(|c| c.split_ascii_whitespace().next())
            .collect()
    } else {
        vec![value]
    }
}

/// A Markdown destination as rendered: `/x` gets the base path.
pub(super) fn with_base(dest: &str, base: &str) -> String {
    crate::text::with_base_path(dest, base).unwrap_or_else(|| dest.to_owned())
}

/// Whether the URL at `offset` is an `@import` (`@import "x"` or `@import url(x)`).
pub(super) fn import_before(css: &str, offset: usize) -> bool {
    let before = css[..offset].trim_end_matches(['"', '\'']).trim_end();
    let lower = before.to_ascii_lowercase();
    let lower = lower.strip_suffix("url(").unwrap_or(&lower).trim_end();
    lower.ends_with("@import")
}

/// A value shortened for a message.
pub(super) fn short(value: &str) -> String {
    let mut out: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out
}
