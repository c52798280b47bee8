//! What of a page's Markdown is prose: a copy of the text in which everything else is masked,
//! character for character (so a line and column in the copy are the same in the page), and
//! the prose of each block, for the pairs pass.
//!
//! pulldown-cmark (the build's own dialect) says where code blocks, code spans, raw HTML (and
//! so HTML comments, editors' notes) and autolinks are; a line scan finds figure references
//! `{{…}}`, heading attributes `{#id}` and bare `http(s)://` addresses. Link destinations and
//! emphasis are left to autocorrect's own Markdown reading, which skips them.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// Stands for a character that is not prose: autocorrect sees no letter, digit, CJK
/// character, punctuation or space in it (U+200B ZERO WIDTH SPACE is none of these, not even
/// white space), so it asks for nothing on either side of it.
pub(super) const NOT_PROSE: char = '\u{200B}';

/// Stands for each character of a figure reference. A reference is shown as a number with its
/// Chinese unit and qualifier (`9家`, `1.5万余家`, `首部`), written without spaces; a Han
/// character (〇, the ideographic zero) makes autocorrect treat it as Chinese text, so it
/// demands no space around the braces but still sees a half-width `,` after them.
pub(super) const FIGURE: char = '〇';

/// A page's Markdown read for the copy lint.
pub(super) struct Prose {
    /// The text with everything that is not prose masked, line and column for line and column.
    pub(super) masked: String,
    /// For each block (paragraph, heading, list item, table cell...), the byte ranges of its
    /// text, outside code, raw HTML and autolinks.
    pub(super) blocks: Vec<Vec<Range<usize>>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Keep,
    NotProse,
    Figure,
}

/// Reads `markdown`: masks what is not prose and collects the text of each block.
pub(super) fn prose(markdown: &str) -> Prose {
    let mut marks = vec![Mark::Keep; markdown.len()];
    let mut blocks = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    // Inside a code block, an HTML block or an autolink, whose text is not prose (none of
    // them holds another).
    let mut hidden = false;
    for (event, range) in crate::markdown::source_events(markdown) {
        match event {
            Event::Start(tag) => {
                let hides = matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock)
                    || matches!(
                        tag,
                        Tag::Link {
                            link_type: LinkType::Autolink | LinkType::Email,
                            ..
                        }
                    );
                if hides {
                    set(&mut marks, range, Mark::NotProse);
                    hidden = true;
                }
                if !is_inline(tag.to_end()) {
                    blocks.extend(Some(std::mem::take(&mut block)).filter(|b| !b.is_empty()));
                }
            }
            Event::End(end) => {
                if matches!(end, TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Link) {
                    hidden = false;
                }
                if !is_inline(end) {
                    blocks.extend(Some(std::mem::take(&mut block)).filter(|b| !b.is_empty()));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => set(&mut marks, range, Mark::NotProse),
            Event::Code(_) => set(&mut marks, code_content(markdown, range), Mark::NotProse),
            Event::Text(_) if !hidden => {
                for url in urls(&markdown[range.clone()]) {
                    let url = range.start + url.start..range.start + url.end;
                    set(&mut marks, url, Mark::NotProse);
                }
                block.push(range);
            }
            _ => {}
        }
    }
    blocks.extend(Some(block).filter(|b| !b.is_empty()));
    mark_lines(markdown, &mut marks);
    Prose {
        masked: apply(markdown, &marks),
        blocks,
    }
}

/// `text` with each figure reference masked (for a front-matter value, which is not Markdown).
pub(super) fn references(text: &str) -> String {
    let mut marks = vec![Mark::Keep; text.len()];
    mark_lines(text, &mut marks);
    apply(text, &marks)
}

/// Whether a tag is inside a block (emphasis, links, images) rather than a block of its own.
fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn set(marks: &mut [Mark], range: Range<usize>, mark: Mark) {
    let end = range.end.min(marks.len());
    for slot in marks
        .get_mut(range.start.min(end)..end)
        .into_iter()
        .flatten()
    {
        if *slot == Mark::Keep {
            *slot = mark;
        }
    }
}

/// A code span's content, without its backquotes (which autocorrect reads as code itself).
fn code_content(markdown: &str, range: Range<usize>) -> Range<usize> {
    let span = &markdown[range.clone()];
    let open = span.len() - span.trim_start_matches('`').len();
    let close = span.len() - span.trim_end_matches('`').len();
    (range.start + open).min(range.end)..range.end.saturating_sub(close).max(range.start + open)
}

/// Bare `http://` and `https://` addresses in a text: up to the first space or non-ASCII
/// character.
fn urls(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("http").map(|i| from + i) {
        let rest = &text[at..];
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let len = rest
                .find(|c: char| !c.is_ascii_graphic())
                .unwrap_or(rest.len());
            found.push(at..at + len);
            from = at + len;
        } else {
            from = at + "http".len();
        }
    }
    found
}

/// Figure references `{{…}}` (on one line, outside code) and a heading's `{#id}`.
fn mark_lines(text: &str, marks: &mut [Mark]) {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut from = 0;
        while let Some(open) = line[from..].find("{{").map(|i| from + i) {
            let Some(close) = line[open + 2..].find("}}").map(|i| open + 2 + i + 2) else {
                break;
            };
            if marks.get(start + open) == Some(&Mark::Keep) {
                set(marks, start + open..start + close, Mark::Figure);
            }
            from = close;
        }
        let content = line.trim_end();
        if content.trim_start_matches(' ').starts_with('#')
            && content.ends_with('}')
            && let Some(attributes) = content.rfind(" {")
        {
            set(
                marks,
                start + attributes + 1..start + content.len(),
                Mark::NotProse,
            );
        }
        start += line.len();
    }
}

/// The text with each marked character replaced, keeping line breaks.
fn apply(text: &str, marks: &[Mark]) -> String {
    text.char_indices()
        .map(|(i, c)| match marks.get(i) {
            _ if c == '\n' => c,
            Some(Mark::NotProse) => NOT_PROSE,
            Some(Mark::Figure) => FIGURE,
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(markdown: &str) -> String {
        prose(markdown)
            .masked
            .replace(NOT_PROSE, "_")
            .replace(FIGURE, "F")
    }

    #[test]
    fn masks_what_is_not_prose_char_for_char() {
        assert_eq!(masked("共有{{a}}家,`x,y`。\n"), "共有FFFFF家,`___`。\n");
        assert_eq!(
            masked("见<https://a.org>和https://b.org/x，完"),
            "见_______________和_______________，完"
        );
        assert_eq!(masked("正文<br>正文\n"), "正文____正文\n");
        assert_eq!(masked("## 标题 {#id}\n"), "## 标题 _____\n");
        assert_eq!(masked("```\n中文,中文\n```\n"), "___\n_____\n___\n");
        assert_eq!(masked("<!-- 备注,中文 -->\n"), "______________\n");
        assert_eq!(masked("`{{a}}`"), "`_____`");
        assert_eq!(references("共{{a}}家").replace(FIGURE, "F"), "共FFFFF家");
        for text in [
            "中文“引号”\n\n",
            "```\n中文\n```\n",
            "a `b` {{c}} <i>d</i>\n",
        ] {
            let masked = prose(text).masked;
            let lines = |t: &str| t.lines().map(|l| l.chars().count()).collect::<Vec<_>>();
            assert_eq!(lines(&masked), lines(text), "{text:?}");
        }
    }

    #[test]
    fn blocks_hold_the_text_of_each_block() {
        let text = "甲“乙\n丙”\n\n- 丁\n- 戊`x`己\n\n```\n庚\n```\n";
        let blocks: Vec<Vec<&str>> = prose(text)
            .blocks
            .iter()
            .map(|b| b.iter().map(|r| &text[r.clone()]).collect())
            .collect();
        assert_eq!(blocks, [vec!["甲“乙", "丙”"], vec!["丁"], vec!["戊", "己"]]);
    }
}
