//! Extracting references from what the server sends: every URL in a page's attributes (`href`,
//! `src`, `srcset`, social-card `<meta>`), its `style` attributes and `<style>` elements, a
//! stylesheet's `url()` and `@import`, and a sitemap's `<loc>`s; plus the ids a page defines,
//! for checking `#fragment` links.

use std::collections::BTreeSet;

use super::urls::percent_decode;

/// Decodes the character references our templates can produce in attribute values.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A start tag: lower-case name and attributes (names lower-case, values decoded).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of an HTML or XML document, and the text of its `<style>` elements.
/// Good enough for generated markup: comments, `<script>`/`<style>` raw text, quoted and
/// unquoted attribute values.
fn scan_tags(html: &str) -> (Vec<Tag>, Vec<String>) {
    let mut tags = Vec::new();
    let mut styles = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        if html[i..].starts_with("<!--") {
            i = html[i..]
                .find("-->")
                .map(|e| i + e + 3)
                .unwrap_or(html.len());
            continue;
        }
        if html[i..].starts_with("<![CDATA[") {
            i = html[i..]
                .find("]]>")
                .map(|e| i + e + 3)
                .unwrap_or(html.len());
            continue;
        }
        let name_start = i + 1;
        let mut j = name_start;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || b":-_".contains(&bytes[j])) {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes until `>`.
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let an_start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !b"=>/".contains(&bytes[j])
            {
                j += 1;
            }
            let attr_name = html[an_start..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j] as char;
                    let v_start = j + 1;
                    let v_end = html[v_start..]
                        .find(quote)
                        .map(|e| v_start + e)
                        .unwrap_or(html.len());
                    value = decode_entities(&html[v_start..v_end]);
                    j = (v_end + 1).min(html.len());
                } else {
                    let v_start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[v_start..j]);
                }
            }
            if attr_name.is_empty() {
                j += 1;
            } else {
                attrs.push((attr_name, value));
            }
        }
        i = j.min(html.len());
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map(|e| i + e)
                .unwrap_or(html.len());
            if name == "style" {
                styles.push(html[i..end].to_string());
            }
            i = end;
        }
        tags.push(Tag { name, attrs });
    }
    (tags, styles)
}

/// Every URL reference in a stylesheet: `url(...)` and `@import "..."`.
pub(super) fn css_refs(css: &str) -> Vec<String> {
    let mut refs = Vec::new();
    // Drop comments first.
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        rest = rest[i + 2..]
            .find("*/")
            .map(|e| &rest[i + 2 + e + 2..])
            .unwrap_or("");
    }
    text.push_str(rest);
    let mut rest = text.as_str();
    while let Some(i) = rest.find("url(") {
        let after = &rest[i + 4..];
        let end = after.find(')').unwrap_or(after.len());
        let raw = after[..end].trim().trim_matches(['"', '\'']);
        refs.push(raw.to_string());
        rest = &after[end..];
    }
    let mut rest = text.as_str();
    while let Some(i) = rest.find("@import") {
        let after = rest[i + 7..].trim_start();
        if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(end) = after[1..].find(q)
        {
            refs.push(after[1..1 + end].to_string());
        }
        rest = &rest[i + 7..];
    }
    refs
}

/// The references of a page: (what, reference), and the ids it defines.
pub(super) fn html_refs(html: &str) -> (Vec<(String, String)>, BTreeSet<String>) {
    let (tags, styles) = scan_tags(html);
    let mut refs = Vec::new();
    let mut ids = BTreeSet::new();
    for tag in &tags {
        for (name, value) in &tag.attrs {
            match name.as_str() {
                "id" => {
                    ids.insert(value.clone());
                }
                "name" if tag.name == "a" => {
                    ids.insert(value.clone());
                }
                "href" | "xlink:href" | "src" | "poster" | "action" | "data" | "cite" => {
                    // <base href> would change resolution; the templates must not use it.
                    assert!(
                        tag.name != "base",
                        "unexpected <base href>: resolution would change"
                    );
                    refs.push((format!("<{} {name}>", tag.name), value.clone()));
                }
                "srcset" | "imagesrcset" => {
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            refs.push((format!("<{} {name}>", tag.name), url.to_string()));
                        }
                    }
                }
                "style" => {
                    for r in css_refs(value) {
                        refs.push((format!("<{} style> url()", tag.name), r));
                    }
                }
                _ => {}
            }
        }
        // Social-card images and the page's own URL are fetched by crawlers: they must exist.
        if tag.name == "meta" {
            let key = tag
                .attr("property")
                .or(tag.attr("name"))
                .or(tag.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, tag.attr("content"))
                && matches!(key, "og:image" | "og:url" | "twitter:image" | "image")
            {
                refs.push((format!("<meta {key}>"), content.to_string()));
            }
        }
    }
    for style in styles {
        for r in css_refs(&style) {
            refs.push(("<style> url()".to_string(), r));
        }
    }
    (refs, ids)
}

/// The `<loc>` URLs of a sitemap.
pub(crate) fn sitemap_locs(xml: &str) -> Vec<String> {
    let mut locs = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<loc>") {
        let after = &rest[i + 5..];
        let end = after.find("</loc>").expect("</loc>");
        locs.push(decode_entities(after[..end].trim()));
        rest = &after[end..];
    }
    locs
}

// Unit checks of the helpers above (they decide what counts as broken).

#[test]
fn reference_extraction_sees_attributes_styles_and_css() {
    let html = r#"<!doctype html><html><head><!-- <a href="/commented"> -->
<link rel=stylesheet href=/a.css><meta property="og:image" content="/card.png">
<style>.x{background:url('/bg.png')}</style><script>var s = "<a href='/no'>";</script>
</head><body><a href="/p/?a=1&amp;b=2" id=top>x</a><img srcset="/1x.png 1x, /2x.png 2x" src='/i.png'>
<div style="background-image: url(&quot;/s.png&quot;)"></div></body></html>"#;
    let (refs, ids) = html_refs(html);
    let urls: Vec<&str> = refs.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        urls,
        [
            "/a.css",
            "/card.png",
            "/p/?a=1&b=2",
            "/1x.png",
            "/2x.png",
            "/i.png",
            "/s.png",
            "/bg.png"
        ]
    );
    assert!(ids.contains("top"));
    assert_eq!(
        css_refs("@import \"/x.css\"; a{b:url( /c.svg )} /* url(/no) */"),
        ["/c.svg", "/x.css"]
    );
    assert_eq!(percent_decode("%E6%8A%80x"), "技x");
}
