//! Passes 2 and 6, which act on text: HTML comments are dropped and other raw HTML is shown as
//! text instead of being passed through, and a soft line break between two Chinese (or
//! Japanese) characters is dropped, since those scripts are written without spaces. Input and output: `(event, source range)` pairs.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::cjk::joins_without_space;
use super::{Spanned, Warning};
use crate::error::MarkdownWarning;

/// Drops HTML comments and turns other raw HTML into text (escaped by the HTML writer); HTML
/// blocks become paragraphs, and a block that held only comments disappears. An unclosed `<!--`
/// is kept as text, with a warning.
pub(super) fn escape_raw_html<'a>(
    events: Vec<Spanned<'a>>,
    source: &str,
) -> (Vec<Spanned<'a>>, Vec<Warning>) {
    let mut out = Vec::with_capacity(events.len());
    let mut warnings = Vec::new();
    let mut code_blocks = 0usize;
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                // The block's lines, with where each starts in the source.
                let mut lines: Vec<(CowStr, usize)> = Vec::new();
                let mut end = range.clone();
                for (event, range) in events.by_ref() {
                    match event {
                        Event::Html(text) | Event::Text(text) => lines.push((text, range.start)),
                        Event::End(TagEnd::HtmlBlock) => {
                            end = range;
                            break;
                        }
                        _ => {}
                    }
                }
                let text: String = lines.iter().map(|(t, _)| t.as_ref()).collect();
                let (kept, unclosed) = strip_comments(&text);
                if let Some(at) = unclosed {
                    let mut before = 0;
                    let offset = lines
                        .iter()
                        .find_map(|(t, start)| {
                            let found = (at < before + t.len()).then(|| start + (at - before));
                            before += t.len();
                            found
                        })
                        .unwrap_or(range.start);
                    warnings.push(unclosed_comment(offset));
                }
                let kept = kept.trim_end_matches('\n');
                if !kept.trim().is_empty() {
                    out.push((Event::Start(Tag::Paragraph), range.clone()));
                    out.push((Event::Text(CowStr::from(kept.to_owned())), range.clone()));
                    out.push((Event::End(TagEnd::Paragraph), end));
                }
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => {}
            Event::Html(html) | Event::InlineHtml(html) => out.push((Event::Text(html), range)),
            Event::Text(text) => {
                if code_blocks == 0
                    && let Some(at) = comment_start(source.as_bytes(), range.clone())
                {
                    warnings.push(unclosed_comment(at));
                }
                out.push((Event::Text(text), range));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                code_blocks += 1;
                out.push((Event::Start(Tag::CodeBlock(kind)), range));
            }
            Event::End(TagEnd::CodeBlock) => {
                code_blocks = code_blocks.saturating_sub(1);
                out.push((Event::End(TagEnd::CodeBlock), range));
            }
            other => out.push((other, range)),
        }
    }
    (out, warnings)
}

/// `text` without its HTML comments, and the byte offset of an unclosed `<!--` (kept, with
/// everything after it). `<!-->` and `<!--->` are complete (empty) comments, as in HTML.
fn strip_comments(text: &str) -> (String, Option<usize>) {
    let mut kept = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = text[rest..].find("<!--") {
        let open = rest + found;
        kept.push_str(&text[rest..open]);
        let body = &text[open + 4..];
        let close = if body.starts_with('>') {
            Some(1)
        } else if body.starts_with("->") {
            Some(2)
        } else {
            body.find("-->").map(|at| at + 3)
        };
        match close {
            Some(len) => rest = open + 4 + len,
            None => {
                kept.push_str(&text[open..]);
                return (kept, Some(open));
            }
        }
    }
    kept.push_str(&text[rest..]);
    (kept, None)
}

/// The offset of an `<!--` starting inside `range` of the source (not escaped as `\<!--`): in
/// a text event it can only be one that is never closed, since a closed one is inline HTML.
fn comment_start(source: &[u8], range: std::ops::Range<usize>) -> Option<usize> {
    let end = (range.end + 3).min(source.len());
    let start = range.start.min(end);
    source[start..end]
        .windows(4)
        .position(|w| w == b"<!--")
        .map(|at| start + at)
        .filter(|&at| at < range.end && (at == 0 || source[at - 1] != b'\\'))
}

/// The warning for an `<!--` with no `-->` after it, at byte `offset`.
fn unclosed_comment(offset: usize) -> Warning {
    Warning {
        offset,
        kind: MarkdownWarning::UnclosedComment,
    }
}

/// Inline tags a line break may sit next to without separating the two texts.
fn is_inline_tag(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

/// The character of the nearest text in `events`, skipping inline tags; `last` picks which end.
fn nearest_char<'e, 'a: 'e>(
    mut events: impl Iterator<Item = &'e Spanned<'a>>,
    last: bool,
) -> Option<char> {
    events
        .find(|(event, _)| !is_inline_tag(event))
        .and_then(|(event, _)| match event {
            Event::InlineHtml(html) => {
                // A figure reference (pass 5) reads as its text.
                let text = super::references::reference_text(html)?;
                if last {
                    text.chars().next_back()
                } else {
                    text.chars().next()
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if last {
                    text.chars().next_back()
                } else {
                    text.chars().next()
                }
            }
            _ => None,
        })
}

/// Drops soft line breaks between two CJK characters (see the module docs).
pub(super) fn join_cjk_lines(events: Vec<Spanned>) -> Vec<Spanned> {
    let drop: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i].0, Event::SoftBreak)
                && nearest_char(events[..i].iter().rev(), true).is_some_and(joins_without_space)
                && nearest_char(events[i + 1..].iter(), false).is_some_and(joins_without_space)
        })
        .collect();
    events
        .into_iter()
        .zip(drop)
        .filter(|(_, drop)| !drop)
        .map(|(event, _)| event)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::check_html;

    #[test]
    fn soft_breaks_between_chinese_characters_vanish() {
        check_html(&[
            ("自强不息，厚\n德载物", "<p>自强不息，厚德载物</p>"),
            ("第一行。\n第二行", "<p>第一行。第二行</p>"),
            ("中文\nEnglish", "<p>中文\nEnglish</p>"),
            ("English\n中文", "<p>English\n中文</p>"),
            ("one\ntwo", "<p>one\ntwo</p>"),
            ("**厚**\n德", "<p><strong>厚</strong>德</p>"),
            ("カタカナ\nひらがな", "<p>カタカナひらがな</p>"),
            ("ＡＢＣ\n（全角）", "<p>ＡＢＣ（全角）</p>"),
            ("한국어\n문장", "<p>한국어\n문장</p>"),
            ("厚  \n德", "<p>厚<br />\n德</p>"),
        ]);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        check_html(&[
            (
                "<script>alert(1)</script>",
                "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
            ),
            (
                "文字 <b onclick=\"x()\">粗</b> 文字",
                "<p>文字 &lt;b onclick=\"x()\"&gt;粗&lt;/b&gt; 文字</p>",
            ),
            ("<div>\n块\n</div>", "<p>&lt;div&gt;\n块\n&lt;/div&gt;</p>"),
            ("<!-- 注释 --> <b>", "<p> &lt;b&gt;</p>"),
            (
                "# 标题 <i>斜</i>",
                "<h1 id=\"标题-i斜i\">标题 &lt;i&gt;斜&lt;/i&gt;</h1>",
            ),
        ]);
    }

    #[test]
    fn comments_are_dropped() {
        check_html(&[
            ("<!-- 编辑备注 -->", ""),
            ("<!-- 第一行\n第二行 -->\n\n正文", "<p>正文</p>"),
            ("正文 <!-- 备注 --> 继续", "<p>正文  继续</p>"),
            ("正文 <!-- 备注\n第二行 --> 继续", "<p>正文  继续</p>"),
            (
                "> <!-- 引用里的备注 -->\n> 引文",
                "<blockquote>\n<p>引文</p>\n</blockquote>",
            ),
            ("<!---->", ""),
            ("<!-->", ""),
            ("`<!-- 代码 -->`", "<p><code>&lt;!-- 代码 --&gt;</code></p>"),
        ]);
        for markdown in ["<!-- x -->", "a <!-- b --> c", "```\n<!--\n```"] {
            assert!(
                crate::markdown::render(markdown, "/").warnings.is_empty(),
                "{markdown:?}"
            );
        }
    }

    #[test]
    fn unclosed_comments_warn_and_show_as_text() {
        let rendered = crate::markdown::render("# 标题\n\n<!-- 没有结束\n\n正文", "/");
        assert!(
            rendered.html.contains("&lt;!-- 没有结束"),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("正文"), "{}", rendered.html);
        assert_eq!(rendered.warnings.len(), 1);
        assert_eq!(rendered.warnings[0].offset, "# 标题\n\n".len());
        let inline = crate::markdown::render("第一行\n正文 <!-- 没有结束", "/");
        assert!(inline.html.contains("&lt;!-- 没有结束"), "{}", inline.html);
        assert_eq!(inline.warnings.len(), 1);
        assert_eq!(inline.warnings[0].offset, "第一行\n正文 ".len());
    }
}
