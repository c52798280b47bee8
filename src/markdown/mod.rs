//! Markdown -> HTML stage: turns a page body into HTML, a table of contents and the list of
//! links and images it contains. Pure: a `&str` in, a [`RenderedMarkdown`] out, no I/O.
//!
//! pulldown-cmark parses the text (options in one place: `options`); the event stream is then
//! rewritten by a chain of small passes over a `Vec` of `(event, source range)` pairs, none of
//! which recurses, and finally handed to `pulldown_cmark::html::push_html`. Each pass lives in
//! its own module:
//!
//! 1. **CJK-friendly emphasis** (`emphasis`). CommonMark's flanking rules leave
//!    `获得**“优秀”**等次` as literal asterisks, because `**` between `”` and `等` is not
//!    right-flanking; we re-pair the `*` delimiter runs with the flanking rules of the
//!    "CommonMark CJK-friendly amendments", so a CJK character next to a delimiter run counts as
//!    a boundary. Text without CJK characters renders exactly as CommonMark says. Code spans,
//!    code blocks, autolinks and image alt text are never touched (details in the module).
//! 2. **Raw HTML is never passed through; comments are dropped** (`text`). HTML comments
//!    (`<!-- 编辑备注 -->`, block or inline, one line or several) are editors' notes and are left
//!    out of the output; an unclosed `<!--` is shown as text, with a warning. Other block and
//!    inline HTML becomes text, so `<script>` is shown as `&lt;script&gt;`; an HTML block is
//!    shown as a paragraph.
//! 3. **A cap on nesting** (`nesting`). Tags nested more than 100 levels deep are
//!    dropped (their content kept), with a warning, so a line of 300,000 `>` costs what its
//!    length costs in every later stage (search index, `check`, browsers).
//! 4. **Links and images** (`links`). Destinations starting with a single `/` get the site's
//!    base path (`/skills/` -> `/reform/skills/`). Every link and image is recorded, with the
//!    destination as written and its 1-based line and column (columns count characters). Links
//!    and images whose URL is `javascript:`, `vbscript:` or `data:` (after pulldown-cmark has
//!    decoded entities, so `&#106;avascript:` counts) are recorded but never live: a link is
//!    rendered as its text, without `<a>`, an image as its alt text, without `<img>`. This holds
//!    for inline, reference-style and autolink forms alike. A relative path to a file beside
//!    the page (or in `static/`) is written as that file's URL (module `crate::local_files`);
//!    a relative image path that names no file is reported.
//!    **Images** (`images`, right after) become `<img>` with `width`, `height`,
//!    `decoding="async"` and, after the first, `loading="lazy"`; a paragraph holding only an
//!    image with a title becomes a `<figure>` with the title as `<figcaption>`.
//! 5. **Figure references** (`references`). `{{member-units}}` becomes the figure's display
//!    text linked to its card (`<a class="figure-ref" href="#fig-member-units">9家</a>`);
//!    `{{skills/enterprises}}` names a figure of another page. A name that matches no figure is
//!    left as written and reported (the render stage turns it into a located error).
//! 6. **Chinese line breaks** (`text`). A soft line break between two CJK characters (Han, kana,
//!    CJK punctuation, fullwidth forms; not Hangul, since Korean uses spaces) produces nothing,
//!    so `厚\n德` renders as `厚德`; other soft breaks stay.
//! 7. **Heading ids and the table of contents** (`headings`). An explicit `{#id}` is used as
//!    written; otherwise the id is [`slugify`](headings::slugify) of the heading text, made unique on the page with
//!    `-1`, `-2`, ... Custom heading attributes (`{key=value}`) are dropped (they could carry
//!    `onclick`); classes (`{.name}`) are kept.
//! 8. **Footnotes** (`footnotes`). A note is `id="fn-N"`, its references `id="fnref-N"`
//!    (`fnref-N-2`, ... for later ones), N its number, so notes never collide with a heading
//!    `## 1`; each note ends with a ↩ link back to every place that cites it.
//!
//! Warnings (an unclosed comment, flattened nesting) are returned in
//! [`RenderedMarkdown::warnings`] with their byte offset; the render stage locates them.
//!
//! `cjk` holds the character classes that passes 1 and 6 share. NUL characters are replaced by
//! U+FFFD before parsing, as CommonMark asks.

mod cjk;
mod emphasis;
mod footnotes;
mod headings;
pub(crate) mod images;
mod links;
mod nesting;
pub(crate) mod references;
mod text;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use crate::error::MarkdownWarning;
pub(crate) use images::Local;

/// One heading of a page, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// Heading level, 1 to 6.
    pub level: u8,
    /// The heading's `id` attribute (explicit `{#id}`, or made from the heading's text).
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// A link found in the Markdown, for link checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// Destination as written in the Markdown (before the base path is added).
    pub dest: String,
    /// 1-based line of the link's start within the Markdown text.
    pub line: usize,
    /// 1-based column (in characters) of the link's start.
    pub column: usize,
    /// For a path to a file beside the page or in `static/`: the URL written in the HTML.
    pub resolved: Option<String>,
}

/// An image found in the Markdown, for checking that its file exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Source as written in the Markdown (before the base path is added).
    pub src: String,
    /// The image's alternative text: the plain text directly inside it (an image nested in the
    /// alt text of another keeps its own text, so the total stays linear in the input).
    pub alt: String,
    /// 1-based line of the image's start within the Markdown text.
    pub line: usize,
    /// 1-based column (in characters) of the image's start.
    pub column: usize,
    /// For a path to a file beside the page or in `static/`: the URL written in the HTML.
    pub resolved: Option<String>,
}

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderedMarkdown {
    /// The body as HTML.
    pub html: String,
    /// Every heading, in document order.
    pub toc: Vec<TocEntry>,
    /// Every link, in document order (dangerous ones included, though not rendered as links).
    pub links: Vec<LinkRef>,
    /// Every image, in document order.
    pub images: Vec<ImageRef>,
    /// Block references (`{{card id}}`, `{{chart group}}`, `{{table}}`), in document order; the
    /// HTML holds each one's marker until the render stage replaces it.
    pub(crate) blocks: Vec<references::Block>,
    /// Figure references that name no figure, in document order.
    pub(crate) unknown_references: Vec<references::UnknownReference>,
    /// Relative image paths that name no file, in document order.
    pub(crate) missing_images: Vec<images::MissingImage>,
    /// What the writer should know but that does not stop the build, in document order.
    pub(crate) warnings: Vec<Warning>,
}

/// Something in the text that renders, but probably not as the writer meant, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Warning {
    /// Byte offset in the Markdown text.
    pub(crate) offset: usize,
    /// What it is (its `Display` says it in plain words, its `hint` what to do).
    pub(crate) kind: MarkdownWarning,
}

/// An event with the byte range of the source text it came from.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// [`render_with`] without figure references, for tests.
#[cfg(test)]
pub(crate) fn render(markdown: &str, base_path: &str) -> RenderedMarkdown {
    render_with(markdown, base_path, None, None)
}

/// Renders `markdown` to HTML and collects its headings, links and images, resolving figure
/// references (`{{id}}`) against `references`; with `None` they stay as written.
///
/// `base_path` is the site's path prefix, always starting and ending with '/', e.g. "/" or
/// "/reform/"; it is put in front of root-relative link and image destinations. With `local`,
/// relative paths resolve to the files beside the page or in `static/`, and images get their
/// sizes.
pub(crate) fn render_with(
    markdown: &str,
    base_path: &str,
    references: Option<references::References>,
    local: Option<Local>,
) -> RenderedMarkdown {
    let source = if markdown.contains('\0') {
        std::borrow::Cow::Owned(markdown.replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(markdown)
    };
    let events: Vec<Spanned> = Parser::new_ext(&source, options())
        .into_offset_iter()
        .collect();
    let events = emphasis::pair_cjk_emphasis(events, &source);
    let (events, mut warnings) = text::escape_raw_html(events, &source);
    let (events, flattened) = nesting::cap_nesting(events);
    warnings.extend(flattened);
    warnings.sort_by_key(|w| w.offset);
    let rewritten = links::rewrite_links(events, &source, base_path, local);
    let (links, images) = (rewritten.links, rewritten.images);
    let events = images::write_images(rewritten.events, &rewritten.sizes);
    let (events, resolved) = match references {
        Some(refs) if source.contains("{{") => references::resolve(events, &source, refs),
        _ => (events, references::Resolved::default()),
    };
    let mut links = links;
    if !resolved.links.is_empty() {
        let mut index = crate::error::LineIndex::new(&source);
        for (offset, dest) in resolved.links {
            let (line, column) = index.locate(offset);
            links.push(LinkRef {
                dest,
                line,
                column,
                resolved: None,
            });
        }
        links.sort_by_key(|l| (l.line, l.column));
    }
    let events = text::join_cjk_lines(events);
    let (events, toc) = headings::assign_heading_ids(events);
    let events = footnotes::number_footnotes(events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    RenderedMarkdown {
        html,
        toc,
        links,
        images,
        blocks: resolved.blocks,
        unknown_references: resolved.unknown,
        missing_images: rewritten.missing,
        warnings,
    }
}

/// The events of `markdown` as written, each with its byte range, before any of our passes:
/// for `check`, which lints the text where it is typed.
pub(crate) fn source_events(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect()
}

/// The Markdown dialect: CommonMark plus tables, footnotes, strikethrough and heading attributes.
/// Never `Options::all()` (some options have had super-linear inputs); no smart punctuation.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// The HTML of `markdown` rendered with base path "/", without the final newline.
    pub(super) fn html(markdown: &str) -> String {
        render(markdown, "/").html.trim_end().to_owned()
    }

    /// Checks a table of (markdown, expected html) cases, reporting every mismatch at once.
    pub(super) fn check_html(cases: &[(&str, &str)]) {
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|(input, expected)| {
                let got = html(input);
                (got != *expected)
                    .then(|| format!("input:    {input:?}\nexpected: {expected}\ngot:      {got}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    }

    #[test]
    fn options_are_the_chosen_dialect() {
        let expected = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES;
        assert_eq!(options(), expected);
        assert!(!options().contains(Options::ENABLE_SMART_PUNCTUATION));
    }

    #[test]
    fn tables_and_footnotes_use_pulldown_output() {
        check_html(&[
            (
                "| a | b |\n|---|--:|\n| 1 | 2 |",
                "<table><thead><tr><th>a</th><th style=\"text-align: right\">b</th></tr></thead><tbody>\n<tr><td>1</td><td style=\"text-align: right\">2</td></tr>\n</tbody></table>",
            ),
            ("~~删除~~", "<p><del>删除</del></p>"),
        ]);
        let html = html("正文[^1]\n\n[^1]: 注释");
        assert!(
            html.contains(
                "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"footnote-definition\" id=\"fn-1\">"),
            "{html}"
        );
    }

    #[test]
    fn no_smart_punctuation() {
        check_html(&[("\"quotes\" -- dashes...", "<p>\"quotes\" -- dashes...</p>")]);
    }

    #[test]
    fn nul_bytes_do_not_panic() {
        check_html(&[
            ("a\0b", "<p>a\u{FFFD}b</p>"),
            ("# \0", "<h1 id=\"heading\">\u{FFFD}</h1>"),
        ]);
        let rendered = render("\0[x](/a/)", "/");
        assert_eq!((rendered.links[0].line, rendered.links[0].column), (1, 2));
    }

    /// Renders `markdown` and fails if it took longer than `limit` (debug builds included).
    fn assert_renders_within(name: &str, markdown: &str, limit: Duration) -> RenderedMarkdown {
        let start = Instant::now();
        let rendered = render(markdown, "/reform/");
        assert!(start.elapsed() < limit, "{name} took {:?}", start.elapsed());
        rendered
    }

    #[test]
    fn deeply_nested_block_quotes() {
        let rendered = assert_renders_within(
            "quotes",
            &(">".repeat(50_000) + " 深"),
            Duration::from_secs(5),
        );
        assert!(rendered.html.contains('深'));
    }

    #[test]
    fn deeply_nested_lists() {
        let rendered = assert_renders_within(
            "lists",
            &("- ".repeat(50_000) + "深"),
            Duration::from_secs(5),
        );
        assert!(rendered.html.contains('深'));
        assert_renders_within(
            "nested images",
            &("![".repeat(50_000) + &"x](y)".repeat(50_000)),
            Duration::from_secs(5),
        );
    }

    #[test]
    fn large_documents_render() {
        let block = "## 标题\n\n自强不息，**“厚德”**载物，[链接](/a/) ![图](/b.png)\n中文换行 *强调* `代码`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
        let markdown = block.repeat(2_000_000 / block.len() + 1);
        let rendered = assert_renders_within("2 MB", &markdown, Duration::from_secs(20));
        assert_eq!(rendered.toc.len(), markdown.matches("## ").count());
        let many_stars = "**“a”*".repeat(400_000);
        assert_renders_within("2 MB of delimiters", &many_stars, Duration::from_secs(20));
    }
}
