//! Just enough HTML and CSS reading for the checker: start tags with their attributes (and the
//! byte offset of every value, for line and column), `<style>` blocks, and CSS `url()` /
//! `@import` references.
//!
//! HTML is tokenized by `lol_html` (the streaming rewriter already in the tree for the search
//! index), which follows the HTML syntax: comments, end tags, raw text (`script`, `style`,
//! `textarea`, `title`, ...) and foreign content are handled as a browser would, and every start
//! tag and attribute comes with its byte range in the page. `lol_html` hands attribute values
//! over as written, so character references in them are decoded here ([`decode_entities`]).

use std::cell::RefCell;

use lol_html::{HtmlRewriter, Settings, element, text};

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr<'a> {
    /// The name, lowercased.
    pub(crate) name: String,
    /// The value as written (between the quotes).
    pub(crate) raw: &'a str,
    /// The value with character references decoded.
    pub(crate) value: String,
    /// Byte offset of the value (or of the name, for a bare attribute) in the document.
    pub(crate) offset: usize,
}

/// One start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag<'a> {
    /// The tag name, lowercased.
    pub(crate) name: String,
    /// Byte offset of the `<`.
    pub(crate) offset: usize,
    /// The attributes in document order.
    pub(crate) attrs: Vec<Attr<'a>>,
}

impl Tag<'_> {
    /// The first attribute called `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&Attr<'_>> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The decoded value of the attribute `name`, if present.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.attr(name).map(|a| a.value.as_str())
    }
}

/// The start tags of a document and the contents of its `<style>` elements.
#[derive(Debug, Default)]
pub(crate) struct Document<'a> {
    /// Every start tag, in document order.
    pub(crate) tags: Vec<Tag<'a>>,
    /// `(offset, text)` of each `<style>` element's contents.
    pub(crate) styles: Vec<(usize, &'a str)>,
}

/// Reads the start tags of `html`.
pub(crate) fn parse(html: &str) -> Document<'_> {
    let tags = RefCell::new(Vec::new());
    let styles = RefCell::new(Vec::new());
    // The byte range of the `<style>` text read so far.
    let style = RefCell::new(None::<std::ops::Range<usize>>);
    // Never refuse a page: an ambiguous construct is read the way a browser most likely does.
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |element| {
            let attrs = element
                .attributes()
                .iter()
                .map(|attr| {
                    let (raw, offset) = match attr.value_source_location() {
                        Some(at) => (html.get(at.bytes()).unwrap_or_default(), at.bytes().start),
                        None => (
                            "",
                            attr.name_source_location().map_or(0, |at| at.bytes().start),
                        ),
                    };
                    Attr {
                        name: attr.name(),
                        raw,
                        value: decode_entities(raw),
                        offset,
                    }
                })
                .collect();
            tags.borrow_mut().push(Tag {
                name: element.tag_name(),
                offset: element.source_location().bytes().start,
                attrs,
            });
            Ok(())
        }))
        .append_element_content_handler(text!("style", |chunk| {
            let at = chunk.source_location().bytes();
            let mut style = style.borrow_mut();
            let range = style.get_or_insert(at.clone());
            range.end = at.end;
            if chunk.last_in_text_node() {
                let range = style.take().unwrap_or_default();
                let css = html.get(range.clone()).unwrap_or_default();
                styles.borrow_mut().push((range.start, css));
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // The handlers never fail and no memory limit is set: the rewriter cannot refuse the page.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    Document {
        tags: tags.into_inner(),
        styles: styles.into_inner(),
    }
}

/// Decodes numeric character references and the common named ones (`&amp;` `&lt;` `&gt;`
/// `&quot;` `&apos;` `&nbsp;`); anything else is kept as written.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name.strip_prefix('#').and_then(|number| {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
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

pub(crate) use crate::text::percent_decode;

/// Every URL a style sheet refers to: `url(...)` and `@import "..."`, with the byte offset of
/// each URL. Comments are ignored.
pub(crate) fn css_urls(css: &str) -> Vec<(usize, String)> {
    let text = blank_comments(css);
    let lower = text.to_ascii_lowercase();
    let mut urls = Vec::new();
    for (at, _) in lower.match_indices("url(") {
        let start = skip_space(&text, at + 4);
        if let Some(url) = css_string(&text, start) {
            urls.push(url);
        } else {
            let end = text[start..].find(')').map_or(text.len(), |e| start + e);
            let url = text[start..end].trim_end();
            urls.push((start, url.to_owned()));
        }
    }
    for (at, _) in lower.match_indices("@import") {
        if let Some(url) = css_string(&text, skip_space(&text, at + 7)) {
            urls.push(url);
        }
    }
    urls.retain(|(_, url)| !url.is_empty());
    urls.sort();
    urls
}

/// A quoted CSS string starting at `start`: the offset of its text and the text.
fn css_string(text: &str, start: usize) -> Option<(usize, String)> {
    let quote = text[start..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let end = text[start + 1..]
        .find(quote)
        .map_or(text.len(), |e| start + 1 + e);
    Some((start + 1, text[start + 1..end].to_owned()))
}

fn skip_space(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |e| from + e)
}

/// The CSS with each `/* ... */` comment's bytes replaced by spaces (offsets are kept).
fn blank_comments(css: &str) -> String {
    let mut bytes = css.as_bytes().to_vec();
    let mut from = 0;
    while let Some(open) = css[from..].find("/*") {
        let start = from + open;
        let end = css[start + 2..]
            .find("*/")
            .map_or(css.len(), |e| start + 2 + e + 2);
        bytes[start..end].fill(b' ');
        from = end;
    }
    // Only whole UTF-8 sequences inside comments were replaced, by ASCII: still valid.
    String::from_utf8(bytes).unwrap_or_else(|_| css.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_in_every_quoting() {
        let html = r#"<!-- <a href="no"> --><A HREF='/a/' data-x=1 hidden class="b c">x</a><img src=/i.png alt>"#;
        let doc = parse(html);
        assert_eq!(doc.tags.len(), 2);
        assert_eq!(doc.tags[0].name, "a");
        assert_eq!(doc.tags[0].value("href"), Some("/a/"));
        assert_eq!(doc.tags[0].value("data-x"), Some("1"));
        assert_eq!(doc.tags[0].value("hidden"), Some(""));
        assert_eq!(doc.tags[0].value("class"), Some("b c"));
        assert_eq!(
            &html[doc.tags[0].attr("href").expect("href").offset..][..3],
            "/a/"
        );
        assert_eq!(doc.tags[1].value("src"), Some("/i.png"));
        assert!(doc.tags[1].attr("alt").is_some());
    }

    #[test]
    fn skips_raw_text_and_keeps_styles() {
        let html = "<title>a <b></title><script>if (a<b) document.write('<img src=x>')</script><style>p{background:url(/x.png)}</style><textarea><a href=no></textarea><p id=\"技能\">";
        let doc = parse(html);
        let names: Vec<&str> = doc.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["title", "script", "style", "textarea", "p"]);
        assert_eq!(doc.styles.len(), 1);
        let (offset, css) = doc.styles[0];
        assert_eq!(css, "p{background:url(/x.png)}");
        assert_eq!(&html[offset..][..css.len()], css);
        assert_eq!(doc.tags[4].value("id"), Some("技能"));
        assert_eq!(&html[doc.tags[4].offset..], "<p id=\"技能\">");
    }

    #[test]
    fn decodes_values_and_locates_bare_attributes() {
        let html = "<p>é</p>\n<a href=\"/a?x=1&amp;y=&#x2F;\" download>";
        let doc = parse(html);
        let a = &doc.tags[1];
        let href = a.attr("href").expect("href");
        assert_eq!(href.raw, "/a?x=1&amp;y=&#x2F;");
        assert_eq!(href.value, "/a?x=1&y=/");
        assert_eq!(&html[href.offset..][..href.raw.len()], href.raw);
        let download = a.attr("download").expect("download");
        assert_eq!((download.raw, download.value.as_str()), ("", ""));
        assert_eq!(&html[download.offset..], "download>");
    }

    #[test]
    fn decodes_references() {
        assert_eq!(
            decode_entities("&#x2F;a&#47;b?x=1&amp;y=2&unknown;&"),
            "/a/b?x=1&y=2&unknown;&"
        );
        assert_eq!(percent_decode("%E6%8A%80%E8%83%BD-%zz"), "技能-%zz");
    }

    #[test]
    fn finds_css_urls() {
        let css = "/* url(/no.png) */ @import url(https://f.example/x.css);\n@import 'y.css';\nb{background:url( \"/a b.png\" )}";
        let urls: Vec<String> = css_urls(css).into_iter().map(|(_, u)| u).collect();
        assert_eq!(urls, ["https://f.example/x.css", "y.css", "/a b.png"]);
    }
}
