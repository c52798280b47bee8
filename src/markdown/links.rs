//! Pass 4: links and images. Root-relative destinations get the site's base path, every link
//! and image is recorded with its position (1-based line and column in characters, for the link
//! checker's messages), and links and images whose URL is `javascript:`, `vbscript:` or
//! `data:` are never live: a link loses its `<a>`, an image its `<img>` (its alt text is shown).
//! pulldown-cmark has decoded entities in destinations by then, so `&#106;avascript:` is seen
//! as `javascript:`. Input: `(event, source range)` pairs and the source; output: the rewritten pairs and
//! the [`LinkRef`]s and [`ImageRef`]s found.
//!
//! Given the page's [`Local`] files, a relative destination that names a file beside the page
//! (or in `static/`) is written as that file's URL, and each image's size is looked up for the
//! images pass; a relative image path that names no file is reported ([`MissingImage`]).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::images::{Local, MissingImage};
use super::{ImageRef, LinkRef, Spanned};
use crate::error::LineIndex;
use crate::local_files::{Lookup, Size};

/// Whether a link destination uses a scheme that runs code or smuggles content
/// (`javascript:`, `vbscript:`, `data:`), ignoring case, leading spaces and controls, and the
/// tabs and newlines browsers strip.
fn is_dangerous_url(dest: &str) -> bool {
    let scheme: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

/// Puts `base_path` in front of a root-relative destination (`crate::text::with_base_path`).
fn with_base<'a>(dest: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    match crate::text::with_base_path(&dest, base_path) {
        Some(based) => CowStr::from(based),
        None => dest,
    }
}

/// What [`rewrite_links`] gives.
pub(super) struct Rewritten<'a> {
    /// The events, rewritten.
    pub(super) events: Vec<Spanned<'a>>,
    /// Every link, in order.
    pub(super) links: Vec<LinkRef>,
    /// Every image, in order.
    pub(super) images: Vec<ImageRef>,
    /// The size of each image kept (rendered as `<img>`), in order, when known.
    pub(super) sizes: Vec<Option<Size>>,
    /// Relative image paths that name no file.
    pub(super) missing: Vec<MissingImage>,
}

/// Records links and images, adds the base path, resolves paths to the page's `local` files,
/// and drops the `<a>` of dangerous links.
pub(super) fn rewrite_links<'a>(
    events: Vec<Spanned<'a>>,
    source: &str,
    base_path: &str,
    local: Option<Local>,
) -> Rewritten<'a> {
    let mut pass = LinkPass {
        locator: LineIndex::new(source),
        base_path,
        local,
        links: Vec::new(),
        images: Vec::new(),
        sizes: Vec::new(),
        missing: Vec::new(),
        link_kept: Vec::new(),
        image_kept: Vec::new(),
        open_images: Vec::new(),
    };
    let events = events
        .into_iter()
        .filter_map(|(event, range)| Some((pass.rewrite(event, range.start)?, range)))
        .collect();
    Rewritten {
        events,
        links: pass.links,
        images: pass.images,
        sizes: pass.sizes,
        missing: pass.missing,
    }
}

/// The state of [`rewrite_links`].
struct LinkPass<'s> {
    locator: LineIndex<'s>,
    base_path: &'s str,
    local: Option<Local<'s>>,
    links: Vec<LinkRef>,
    images: Vec<ImageRef>,
    sizes: Vec<Option<Size>>,
    missing: Vec<MissingImage>,
    /// One entry per open link: whether its `<a>` is emitted.
    link_kept: Vec<bool>,
    /// One entry per open image: whether its `<img>` is emitted (else its alt text is shown).
    image_kept: Vec<bool>,
    /// Images whose alt text is being collected: (index in `images`, alt so far).
    open_images: Vec<(usize, String)>,
}

impl LinkPass<'_> {
    /// Where a kept destination leads among the page's local files.
    fn lookup(&self, dest: &str) -> Lookup {
        match self.local {
            Some(local) => local.files.lookup(local.dir, dest, self.base_path),
            None => Lookup::Elsewhere,
        }
    }

    /// The rewritten event (`None` drops it); `start` is its byte offset in the source.
    fn rewrite<'a>(&mut self, event: Event<'a>, start: usize) -> Option<Event<'a>> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, column) = self.locator.locate(start);
                let keep = !is_dangerous_url(&dest_url);
                let found = match keep.then(|| self.lookup(&dest_url)) {
                    Some(Lookup::Found { url, .. }) => Some(url),
                    _ => None,
                };
                self.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    line,
                    column,
                    resolved: found.clone(),
                });
                self.link_kept.push(keep);
                let dest_url = match found {
                    Some(url) => CowStr::from(url),
                    None => with_base(dest_url, self.base_path),
                };
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => self.link_kept.pop().unwrap_or(true).then_some(event),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, column) = self.locator.locate(start);
                self.open_images.push((self.images.len(), String::new()));
                let keep = !is_dangerous_url(&dest_url);
                let (mut found, mut size) = (None, None);
                match keep.then(|| self.lookup(&dest_url)) {
                    Some(Lookup::Found { url, size: s }) => (found, size) = (Some(url), s),
                    Some(Lookup::Missing { content, fallback }) => {
                        self.missing.push(MissingImage {
                            offset: start,
                            src: dest_url.to_string(),
                            content,
                            fallback,
                        });
                    }
                    _ => {}
                }
                if keep {
                    self.sizes.push(size);
                }
                let (src, alt) = (dest_url.to_string(), String::new());
                self.images.push(ImageRef {
                    src,
                    alt,
                    line,
                    column,
                    resolved: found.clone(),
                });
                self.image_kept.push(keep);
                let dest_url = match found {
                    Some(url) => CowStr::from(url),
                    None => with_base(dest_url, self.base_path),
                };
                keep.then_some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => {
                if let Some((index, alt)) = self.open_images.pop() {
                    self.images[index].alt = alt;
                }
                self.image_kept.pop().unwrap_or(true).then_some(event)
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if let Some((_, alt)) = self.open_images.last_mut() {
                    alt.push_str(text);
                }
                Some(event)
            }
            other => Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::html;
    use crate::markdown::{ImageRef, render};

    #[test]
    fn root_relative_destinations_get_the_base_path() {
        let cases = [
            ("/", "[a](/skills/)", "/skills/"),
            ("/reform/", "[a](/skills/)", "/reform/skills/"),
            ("/reform/", "[a](/)", "/reform/"),
            ("/reform/", "[a](//cdn.example/x)", "//cdn.example/x"),
            ("/reform/", "[a](skills/)", "skills/"),
            ("/reform/", "[a](#top)", "#top"),
            (
                "/reform/",
                "[a](https://example.org/)",
                "https://example.org/",
            ),
            ("/reform/", "[a][r]\n\n[r]: /ref/", "/reform/ref/"),
        ];
        for (base, input, href) in cases {
            let html = render(input, base).html;
            assert!(
                html.contains(&format!("<a href=\"{href}\">")),
                "{input:?} with base {base:?}: {html}"
            );
        }
        let html = render("![图](/img/a.png)", "/reform/").html;
        assert!(html.contains("src=\"/reform/img/a.png\""), "{html}");
    }

    #[test]
    fn dangerous_links_are_recorded_but_not_live() {
        let cases = [
            "[点我](javascript:alert(1))",
            "[点我](JavaScript:alert(1))",
            "[点我](<  javascript:alert(1)>)",
            "[点我](java&#9;script:alert(1))",
            "[点我](vbscript:msgbox)",
            "[点我](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "[点我][x]\n\n[x]: javascript:alert(1)",
        ];
        for input in cases {
            let rendered = render(input, "/");
            assert!(
                !rendered.html.contains("<a"),
                "{input:?}: {}",
                rendered.html
            );
            assert_eq!(rendered.links.len(), 1, "{input:?}");
        }
        assert_eq!(html("[点我](javascript:alert(1))"), "<p>点我</p>");
        assert_eq!(html("[点我](&#106;avascript:alert(1))"), "<p>点我</p>");
        assert!(html("[ok](https://javascript.example/)").contains("<a href"));
    }

    #[test]
    fn dangerous_images_show_their_alt_text() {
        let cases = [
            "![图](javascript:alert(1))",
            "![图](JAVASCRIPT:alert(1))",
            "![图](&#106;avascript:alert(1))",
            "![图](java&#x09;script:alert(1))",
            "![图](<java\tscript:alert(1)>)",
            "![图](&#x20;javascript:alert(1))",
            "![图](vbscript:msgbox)",
            "![图](data:image/svg+xml;base64,PHN2Zz4=)",
            "![图][x]\n\n[x]: javascript:alert(1)",
            "![图][x]\n\n[x]: &#106;avascript:alert(1)",
            "[![图](javascript:a)](javascript:b)",
        ];
        for input in cases {
            let rendered = render(input, "/");
            assert!(
                !rendered.html.contains("<img") && !rendered.html.contains("<a"),
                "{input:?}: {}",
                rendered.html
            );
            assert!(rendered.html.contains('图'), "{input:?}: {}", rendered.html);
            assert_eq!(rendered.images.len(), 1, "{input:?}");
        }
        assert_eq!(html("![图](javascript:alert(1))"), "<p>图</p>");
        assert!(html("![图](/ok.png)").contains("<img src=\"/ok.png\" alt=\"图\""));
        for input in [
            "<&#106;avascript:alert(1)>",
            "[x](&#x6A;avascript:1)",
            "[x](javascript&#58;1)",
        ] {
            assert!(!html(input).contains("<a"), "{input:?}: {}", html(input));
        }
    }

    #[test]
    fn links_and_images_are_recorded_with_positions() {
        let markdown = "第一行 [甲](/a/)\n\n- 列表 [乙](b.html \"title\") 和 <https://c.example/>\n\n> ![图 *一*](/img/1.png)";
        let rendered = render(markdown, "/reform/");
        let links: Vec<(&str, usize, usize)> = rendered
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.line, l.column))
            .collect();
        assert_eq!(
            links,
            [
                ("/a/", 1, 5),
                ("b.html", 3, 6),
                ("https://c.example/", 3, 28)
            ]
        );
        assert_eq!(
            rendered.images,
            [ImageRef {
                src: "/img/1.png".into(),
                alt: "图 一".into(),
                line: 5,
                column: 3,
                resolved: None,
            }]
        );
    }
}
