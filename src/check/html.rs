//! Just enough HTML and CSS reading for the checker: start tags with their attributes (and the
//! byte offset of every value, for line and column), `<style>` blocks, and CSS `url()` /
//! `@import` references.
//!
//! The input is HTML the engine itself rendered, so a tokenizer following the HTML syntax for
//! start tags is enough: tag and attribute names are compared lowercased, values may be quoted
//! with `"` or `'` or not at all, comments and end tags are skipped, and the raw-text elements
//! (`script`, `style`, `textarea`, `title`, `xmp`) are jumped over to their end tag so markup-like
//! text inside them is never taken for tags. Character references in values are decoded.

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

const RAW_TEXT: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];

/// Reads the start tags of `html`.
pub(crate) fn parse(html: &str) -> Document<'_> {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut doc = Document::default();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let lt = i + found;
        i = lt + 1;
        let rest = &lower[i..];
        if rest.starts_with("!--") {
            i = lower[i + 3..]
                .find("-->")
                .map_or(html.len(), |e| i + 3 + e + 3);
            continue;
        }
        if rest.starts_with(['!', '?', '/']) {
            i = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            continue;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = scan(bytes, i, |b| {
            b.is_ascii_whitespace() || b == b'/' || b == b'>'
        });
        let name = lower[i..name_end].to_owned();
        let (attrs, end) = attributes(html, &lower, name_end);
        i = end;
        if RAW_TEXT.contains(&name.as_str()) && !html[..end].ends_with("/>") {
            let close = lower[i..]
                .find(&format!("</{name}"))
                .map_or(html.len(), |e| i + e);
            if name == "style" {
                doc.styles.push((i, &html[i..close]));
            }
            i = close;
        }
        doc.tags.push(Tag {
            name,
            offset: lt,
            attrs,
        });
    }
    doc
}

/// Reads attributes from `start` to the end of the tag; returns them and the offset after `>`.
fn attributes<'a>(html: &'a str, lower: &str, start: usize) -> (Vec<Attr<'a>>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = start;
    loop {
        i = scan(bytes, i, |b| !(b.is_ascii_whitespace() || b == b'/'));
        match bytes.get(i) {
            None => return (attrs, html.len()),
            Some(b'>') => return (attrs, i + 1),
            Some(_) => {}
        }
        let name_start = i;
        i = scan(bytes, i + 1, |b| {
            b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/')
        });
        let name = lower[name_start..i].to_owned();
        let after_space = scan(bytes, i, |b| !b.is_ascii_whitespace());
        if bytes.get(after_space) != Some(&b'=') {
            attrs.push(Attr {
                name,
                raw: "",
                value: String::new(),
                offset: name_start,
            });
            continue;
        }
        i = scan(bytes, after_space + 1, |b| !b.is_ascii_whitespace());
        let (value_start, value_end, next) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[i + 1..]
                    .find(char::from(q))
                    .map_or(html.len(), |e| i + 1 + e);
                (i + 1, end, (end + 1).min(html.len()))
            }
            _ => {
                let end = scan(bytes, i, |b| b.is_ascii_whitespace() || b == b'>');
                (i, end, end)
            }
        };
        let raw = &html[value_start..value_end];
        attrs.push(Attr {
            name,
            raw,
            value: decode_entities(raw),
            offset: value_start,
        });
        i = next;
    }
}

/// The first offset from `from` whose byte satisfies `stop`, or the length.
fn scan(bytes: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    bytes
        .iter()
        .skip(from)
        .position(|&b| stop(b))
        .map_or(bytes.len(), |p| from + p)
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
        let html = "<script>if (a<b) document.write('<img src=x>')</script><style>p{background:url(/x.png)}</style><p id=\"技能\">";
        let doc = parse(html);
        let names: Vec<&str> = doc.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["script", "style", "p"]);
        assert_eq!(doc.styles.len(), 1);
        assert_eq!(doc.tags[2].value("id"), Some("技能"));
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
