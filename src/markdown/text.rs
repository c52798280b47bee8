//! Passes 2 and 5, which act on text: raw HTML is shown as text instead of being passed
//! through, and a soft line break between two Chinese (or Japanese) characters is dropped, since
//! those scripts are written without spaces. Input and output: `(event, source range)` pairs.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Spanned;
use super::cjk::joins_without_space;

/// Turns raw HTML into text (escaped by the HTML writer); HTML blocks become paragraphs.
pub(super) fn escape_raw_html(events: Vec<Spanned>) -> Vec<Spanned> {
    events
        .into_iter()
        .map(|(event, range)| {
            let event = match event {
                Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
                Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
                Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
                other => other,
            };
            (event, range)
        })
        .collect()
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
                // A figure reference (pass 4) reads as its text.
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
            ("<!-- 注释 -->", "<p>&lt;!-- 注释 --&gt;</p>"),
            (
                "# 标题 <i>斜</i>",
                "<h1 id=\"标题-i斜i\">标题 &lt;i&gt;斜&lt;/i&gt;</h1>",
            ),
        ]);
    }
}
