//! Pass 7: heading ids and the table of contents. An explicit `{#id}` is used as written;
//! otherwise the id is [`slugify`] of the heading text, made unique on the page with `-1`, `-2`,
//! ... Custom heading attributes (`{key=value}`) are dropped; classes are kept. Input:
//! `(event, source range)` pairs; output: the same pairs with ids set, and the [`TocEntry`]s.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Spanned, TocEntry};

/// Turns heading text into an id: Unicode letters and digits (Chinese included) are kept, ASCII
/// is lowercased, runs of whitespace, `-` and `_` become one `-`, punctuation and symbols are
/// dropped, and `-` is trimmed from both ends. Never empty: falls back to `heading`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    if slug.is_empty() {
        "heading".to_owned()
    } else {
        slug
    }
}

/// Hands out unique heading ids: explicit ids are reserved first, generated ids get `-1`, `-2`...
struct IdAllocator {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl IdAllocator {
    fn new(events: &[Spanned]) -> Self {
        let used = events
            .iter()
            .filter_map(|(event, _)| match event {
                Event::Start(Tag::Heading { id: Some(id), .. }) if !id.is_empty() => {
                    Some(id.to_string())
                }
                _ => None,
            })
            .collect();
        IdAllocator {
            used,
            next_suffix: HashMap::new(),
        }
    }

    /// A unique id for a heading whose text is `title`.
    fn allocate(&mut self, title: &str) -> String {
        let base = slugify(title);
        let mut id = base.clone();
        let suffix = self.next_suffix.entry(base.clone()).or_insert(0);
        while self.used.contains(&id) {
            *suffix += 1;
            id = format!("{base}-{suffix}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// Gives every heading an id (dropping custom attributes) and builds the table of contents.
pub(super) fn assign_heading_ids(mut events: Vec<Spanned>) -> (Vec<Spanned>, Vec<TocEntry>) {
    let toc = table_of_contents(&events);
    let mut entries = toc.iter();
    for (event, _) in &mut events {
        if let Event::Start(Tag::Heading { id, attrs, .. }) = event {
            *id = entries.next().map(|entry| CowStr::from(entry.id.clone()));
            attrs.clear();
        }
    }
    (events, toc)
}

/// The headings in document order: explicit ids as written, the others from [`slugify`].
fn table_of_contents(events: &[Spanned]) -> Vec<TocEntry> {
    let mut ids = IdAllocator::new(events);
    let mut toc = Vec::new();
    // The open heading: level, explicit id, text so far.
    let mut open: Option<(HeadingLevel, Option<&str>, String)> = None;
    for (event, _) in events {
        match (event, &mut open) {
            (Event::Start(Tag::Heading { level, id, .. }), _) => {
                let explicit = id.as_deref().filter(|id| !id.is_empty());
                open = Some((*level, explicit, String::new()));
            }
            (Event::Text(text) | Event::Code(text), Some((.., title))) => title.push_str(text),
            (Event::InlineHtml(html), Some((.., title))) => {
                // A figure reference (pass 5) counts as its text.
                if let Some(text) = super::references::reference_text(html) {
                    title.push_str(&crate::text::unescape_xml(text));
                }
            }
            (Event::SoftBreak | Event::HardBreak, Some((.., title))) => title.push(' '),
            (Event::End(TagEnd::Heading(_)), Some((level, explicit, title))) => {
                let title = title.trim().to_owned();
                let id = explicit.map_or_else(|| ids.allocate(&title), str::to_owned);
                toc.push(TocEntry {
                    level: *level as u8,
                    id,
                    title,
                });
                open = None;
            }
            _ => {}
        }
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::slugify;
    use crate::markdown::render;
    use crate::markdown::tests::check_html;

    #[test]
    fn slugify_keeps_letters_and_drops_punctuation() {
        let cases = [
            ("技能形成", "技能形成"),
            ("Hello World", "hello-world"),
            ("一、产业工人队伍建设改革", "一产业工人队伍建设改革"),
            ("“优秀”等次！", "优秀等次"),
            (
                "《关于深化改革的意见》（2024年）",
                "关于深化改革的意见2024年",
            ),
            ("问：为什么？答；因为。", "问为什么答因为"),
            ("  --a__b  c--  ", "a-b-c"),
            ("C++ 与 Rust", "c-与-rust"),
            ("Ünïcödé Straße", "Ünïcödé-straße"),
            ("第3章 数据", "第3章-数据"),
            ("！？。", "heading"),
            ("", "heading"),
            ("---", "heading"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn headings_get_unique_stable_ids() {
        let markdown = "# 技能形成\n## 技能形成\n## 技能形成\n## 其他 {#技能形成-1}\n### ！？\n#### Tom & \"Jerry\"\n## 引用 {#a&b}";
        let rendered = render(markdown, "/");
        let ids: Vec<&str> = rendered.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "技能形成",
                "技能形成-2",
                "技能形成-3",
                "技能形成-1",
                "heading",
                "tom-jerry",
                "a&b"
            ]
        );
        assert!(
            rendered.html.contains("<h1 id=\"技能形成\">技能形成</h1>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"a&amp;b\">引用</h2>"),
            "{}",
            rendered.html
        );
        assert_eq!(
            render(markdown, "/"),
            rendered,
            "rendering is deterministic"
        );
    }

    #[test]
    fn toc_lists_every_heading_with_plain_text() {
        let markdown = "# 一 *强调* `code`\n\n段落\n\n## [链接](/a/)\n\nSetext 标题\n---\n\n###### 六级\n\n> ## 引用里的标题";
        let toc = render(markdown, "/").toc;
        let expected = [
            (1, "一-强调-code", "一 强调 code"),
            (2, "链接", "链接"),
            (2, "setext-标题", "Setext 标题"),
            (6, "六级", "六级"),
            (2, "引用里的标题", "引用里的标题"),
        ];
        let got: Vec<(u8, &str, &str)> = toc
            .iter()
            .map(|t| (t.level, t.id.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn heading_custom_attributes_are_dropped_classes_kept() {
        check_html(&[
            (
                "# 标题 {#top .wide onclick=alert(1)}",
                "<h1 id=\"top\" class=\"wide\">标题</h1>",
            ),
            ("## 标题 {.a .b}", "<h2 id=\"标题\" class=\"a b\">标题</h2>"),
        ]);
    }
}
