//! Pass 4b: images as HTML. Runs right after the links pass (pass 4), which resolved each
//! image's path ([`crate::local_files`]) and read its size; here each kept image becomes one
//! `<img>` with `width` and `height` (when its size is known) so the page does not jump while it
//! loads, `decoding="async"`, and `loading="lazy"` for every image but the page's first (which
//! may be the largest thing the reader sees first, and is not delayed). A paragraph that holds
//! only an image with a title (`![alt](a.png "Caption")`) becomes
//! `<figure><img ...><figcaption>Caption</figcaption></figure>`; the alt text stays as alt.
//!
//! The alt text is the plain text inside the image, as pulldown-cmark writes it: an image
//! nested in another's alt text adds its own text, never an `<img>`.

use std::path::PathBuf;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::Spanned;
use crate::local_files::{LocalFiles, Size};

/// Where a page's relative paths resolve: the site's local files and the folder of the page's
/// Markdown file (relative to `content/`, `""` or ending in `/`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Local<'a> {
    /// The files of `content/` and `static/`.
    pub(crate) files: &'a LocalFiles,
    /// The Markdown file's folder.
    pub(crate) dir: &'a str,
}

/// A relative image path that names no file, and where it was looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MissingImage {
    /// Byte offset of the image in the Markdown text.
    pub(crate) offset: usize,
    /// The path as written.
    pub(crate) src: String,
    /// Where it was looked for beside the page.
    pub(crate) content: PathBuf,
    /// Where it was looked for in `static/`.
    pub(crate) fallback: PathBuf,
}

/// Turns each image into its HTML; `sizes` holds the size of each image in order.
pub(super) fn write_images<'a>(
    events: Vec<Spanned<'a>>,
    sizes: &[Option<Size>],
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut sizes = sizes.iter().copied();
    let mut first = true;
    let mut i = 0;
    while i < events.len() {
        if let (Event::Start(Tag::Paragraph), Some((Event::Start(Tag::Image { title, .. }), _))) =
            (&events[i].0, events.get(i + 1))
            && !title.trim().is_empty()
        {
            let end = matching_end(&events, i + 1);
            if matches!(
                events.get(end + 1),
                Some((Event::End(TagEnd::Paragraph), _))
            ) {
                let img = image(&events[i + 1..=end], &mut sizes, first, false);
                let caption = html_escaped(title.trim());
                let html = format!("<figure>{img}<figcaption>{caption}</figcaption></figure>\n");
                let range = events[i].1.start..events[end + 1].1.end;
                out.push((Event::Html(CowStr::from(html)), range));
                first = false;
                i = end + 2;
                continue;
            }
        }
        if let Event::Start(Tag::Image { .. }) = events[i].0 {
            let end = matching_end(&events, i);
            let img = image(&events[i..=end], &mut sizes, first, true);
            let range = events[i].1.start..events[end].1.end;
            out.push((Event::InlineHtml(CowStr::from(img)), range));
            first = false;
            i = end + 1;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

/// The index of the event that closes the tag opened at `start`.
fn matching_end(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// The `<img>` of an image's events (its start, its alt text, its end), taking its size and
/// those of the images nested in its alt text from `sizes`; `title` keeps the title attribute
/// (a figure shows it as its caption instead).
fn image(
    events: &[Spanned],
    sizes: &mut impl Iterator<Item = Option<Size>>,
    first: bool,
    title: bool,
) -> String {
    let Some((
        Event::Start(Tag::Image {
            dest_url,
            title: text,
            ..
        }),
        _,
    )) = events.first()
    else {
        return String::new();
    };
    let size = sizes.next().flatten();
    let mut alt = String::new();
    for (event, _) in &events[1..] {
        match event {
            Event::Start(Tag::Image { .. }) => {
                sizes.next();
            }
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) => {
                alt.push_str(&html_escaped(text));
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
            Event::TaskListMarker(done) => alt.push_str(if *done { "[x]" } else { "[ ]" }),
            _ => {}
        }
    }
    let mut html = format!("<img src=\"{}\" alt=\"{alt}\"", href_escaped(dest_url));
    if title && !text.is_empty() {
        html.push_str(&format!(" title=\"{}\"", html_escaped(text)));
    }
    if let Some(Size { width, height }) = size {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    if !first {
        html.push_str(" loading=\"lazy\"");
    }
    html.push_str(" decoding=\"async\" />");
    html
}

/// `text` escaped for an attribute or text (pulldown-cmark's escaper).
fn html_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a `String` cannot fail.
    let _ = escape_html(&mut out, text);
    out
}

/// A URL escaped for `src` as pulldown-cmark writes it.
fn href_escaped(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = escape_href(&mut out, url);
    out
}

#[cfg(test)]
mod tests {
    use crate::local_files::LocalFiles;
    use crate::markdown::tests::html;
    use crate::markdown::{Local, render_with};
    use crate::source::StaticFile;

    fn local_files() -> LocalFiles {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"></svg>"#;
        let file = |rel: &str| StaticFile {
            rel_path: rel.to_owned(),
            bytes: svg.to_vec(),
        };
        LocalFiles::new(&[file("skills/chart.svg")], &[file("img/logo.svg")])
    }

    fn render_in(dir: &str, markdown: &str, base: &str) -> crate::markdown::RenderedMarkdown {
        let files = local_files();
        render_with(markdown, base, None, Some(Local { files: &files, dir }))
    }

    #[test]
    fn images_get_their_size_and_resolved_url() {
        let rendered = render_in(
            "skills/",
            "![图表](chart.svg) ![标志](img/logo.svg)",
            "/reform/",
        );
        assert_eq!(
            rendered.html,
            "<p><img src=\"/reform/skills/chart.svg\" alt=\"图表\" width=\"640\" height=\"480\" decoding=\"async\" /> \
             <img src=\"/reform/img/logo.svg\" alt=\"标志\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\" /></p>\n"
        );
        let urls: Vec<_> = rendered.images.iter().map(|i| i.resolved.clone()).collect();
        assert_eq!(
            urls,
            [
                Some("/reform/skills/chart.svg".to_owned()),
                Some("/reform/img/logo.svg".to_owned())
            ]
        );
        assert!(rendered.missing_images.is_empty());
    }

    #[test]
    fn a_lone_image_with_a_title_is_a_figure() {
        assert_eq!(
            render_in("skills/", "![甲 & 乙](chart.svg \"图 1：<说明>\")", "/").html,
            "<figure><img src=\"/skills/chart.svg\" alt=\"甲 &amp; 乙\" width=\"640\" height=\"480\" decoding=\"async\" />\
             <figcaption>图 1：&lt;说明&gt;</figcaption></figure>\n"
        );
        // Not alone, or without a title: a plain image, its title kept.
        assert_eq!(
            html("文字 ![甲](/a.png \"说明\")"),
            "<p>文字 <img src=\"/a.png\" alt=\"甲\" title=\"说明\" decoding=\"async\" /></p>"
        );
        assert_eq!(
            html("![甲](/a.png)"),
            "<p><img src=\"/a.png\" alt=\"甲\" decoding=\"async\" /></p>"
        );
    }

    #[test]
    fn missing_relative_images_are_reported_with_both_places() {
        let rendered = render_in("skills/", "正文\n\n![图](nope.png)", "/");
        assert_eq!(rendered.missing_images.len(), 1);
        let missing = &rendered.missing_images[0];
        assert_eq!(
            (
                missing.offset,
                missing.src.as_str(),
                missing.content.to_str(),
                missing.fallback.to_str()
            ),
            (
                8,
                "nope.png",
                Some("content/skills/nope.png"),
                Some("static/nope.png")
            )
        );
        // Links to missing files are left for `check`; remote images are not looked up.
        let rendered = render_in("", "[甲](nope.pdf) ![乙](https://a.org/b.png)", "/");
        assert!(rendered.missing_images.is_empty());
        assert!(
            rendered.html.contains("href=\"nope.pdf\""),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn links_to_local_files_resolve() {
        let rendered = render_in("", "[图](skills/chart.svg#a) [页](skills/)", "/r/");
        assert!(
            rendered.html.contains("<a href=\"/r/skills/chart.svg#a\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<a href=\"skills/\">"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn nested_images_are_alt_text() {
        assert_eq!(
            html("![外 ![内](/b.png) 尾](/a.png)"),
            "<p><img src=\"/a.png\" alt=\"外 内 尾\" decoding=\"async\" /></p>"
        );
    }
}
