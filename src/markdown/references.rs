//! Pass 4: figure references. `{{member-units}}` in the text becomes the figure's display text,
//! exactly as its card shows it (`9家`, `1.5万余家`), linked to the card (`#fig-member-units`);
//! `{{skills/enterprises}}` names a figure of another page by that page's path.
//!
//! Double braces were chosen because Markdown gives them no meaning (they pass through
//! CommonMark as text, unlike `[@id]` or `:role:`), they read as a placeholder in any script,
//! with no space needed beside Chinese characters, and editors know them from Hugo's and Zola's
//! shortcodes. A reference never spans a line; inside a code span it stays as written.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::Spanned;

/// Every figure of the site a reference can name: `(page path, id)` -> what the reference shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FigureIndex {
    figures: BTreeMap<(String, String), Target>,
}

/// What a reference to one figure renders.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    /// The display text with qualifier and unit: `1.5万余家`.
    pub text: String,
    /// The root-relative URL of the figure's page (with the base path).
    pub page_url: String,
}

impl FigureIndex {
    /// Adds the figure `id` of the page at `page_path` (`skills/`, `""` for home).
    pub fn insert(&mut self, page_path: &str, id: &str, target: Target) {
        let page = page_path.trim_matches('/').to_owned();
        self.figures.insert((page, id.to_owned()), target);
    }

    /// The figure a reference names from the page at `page_path`.
    fn resolve(&self, page_path: &str, reference: &str) -> Option<&Target> {
        let (page, id) = match reference.rsplit_once('/') {
            Some((page, id)) => (page.trim_matches('/'), id),
            None => (page_path.trim_matches('/'), reference),
        };
        self.figures.get(&(page.to_owned(), id.to_owned()))
    }

    /// The references that come closest to `reference`, for a "did you mean" hint: ids of the
    /// same page first, then `page/id` of the others.
    pub fn suggestions(&self, page_path: &str, reference: &str) -> Vec<String> {
        let here = page_path.trim_matches('/');
        let names: Vec<String> = self
            .figures
            .keys()
            .map(|(page, id)| match page == here {
                true => id.clone(),
                false if page.is_empty() => format!("/{id}"),
                false => format!("{page}/{id}"),
            })
            .collect();
        let known: Vec<&str> = names.iter().map(String::as_str).collect();
        crate::error::nearest(reference, &known)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }
}

/// The figures of the site, and the page whose text is being rendered.
#[derive(Debug, Clone, Copy)]
pub struct References<'a> {
    /// Every figure of the site.
    pub index: &'a FigureIndex,
    /// The path of the page being rendered (`skills/`).
    pub page_path: &'a str,
}

/// A reference that names no figure: its byte range in the Markdown and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownReference {
    /// Byte range of `{{...}}` in the Markdown source.
    pub range: Range<usize>,
    /// The reference as written, without braces.
    pub name: String,
}

/// Replaces each `{{reference}}` in text by a link to the figure's card; returns the events and
/// the references that name no figure (left as written).
pub(super) fn resolve<'a>(
    events: Vec<Spanned<'a>>,
    source: &str,
    refs: References,
) -> (Vec<Spanned<'a>>, Vec<UnknownReference>) {
    let events = merge_texts(events);
    let mut out = Vec::with_capacity(events.len());
    let mut unknown = Vec::new();
    for (event, range) in events {
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if !text.contains("{{") {
            out.push((event, range));
            continue;
        }
        let mut rest: &str = text;
        let mut search_from = range.start;
        while let Some((before, name, after)) = split_reference(rest) {
            if !before.is_empty() {
                out.push((Event::Text(CowStr::from(before.to_owned())), range.clone()));
            }
            let written = &rest[before.len()..rest.len() - after.len()];
            let at = source
                .get(search_from..range.end)
                .and_then(|s| s.find(written))
                .map_or(range.start, |i| search_from + i);
            search_from = at + written.len();
            match refs.index.resolve(refs.page_path, name) {
                Some(target) => {
                    out.push((Event::InlineHtml(link(refs, name, target)), range.clone()))
                }
                None => {
                    unknown.push(UnknownReference {
                        range: at..at + written.len(),
                        name: name.to_owned(),
                    });
                    out.push((Event::Text(CowStr::from(written.to_owned())), range.clone()));
                }
            }
            rest = after;
        }
        if !rest.is_empty() {
            out.push((Event::Text(CowStr::from(rest.to_owned())), range));
        }
    }
    (out, unknown)
}

/// `<a class="figure-ref" href="#fig-id">9家</a>`.
fn link(refs: References, name: &str, target: &Target) -> CowStr<'static> {
    let id = name.rsplit('/').next().unwrap_or(name);
    let here = !name.contains('/')
        || name.rsplit_once('/').map(|(p, _)| p.trim_matches('/'))
            == Some(refs.page_path.trim_matches('/'));
    let page = if here { "" } else { target.page_url.as_str() };
    let href = crate::text::escape_xml(&format!("{page}#fig-{id}"));
    CowStr::from(format!(
        "<a class=\"figure-ref\" href=\"{href}\">{}</a>",
        crate::text::escape_xml(&target.text)
    ))
}

/// The first `{{name}}` in `text`: (text before, name, text after). A name is letters, digits,
/// `-`, `_` and `/`, with optional spaces inside the braces.
fn split_reference(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let inner_start = open + 2;
        if let Some(close) = text[inner_start..].find("}}").map(|i| inner_start + i) {
            let name = text[inner_start..close].trim();
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'));
            if valid {
                return Some((&text[..open], name, &text[close + 2..]));
            }
        }
        from = inner_start;
    }
    None
}

/// Joins runs of text events (the parser splits text at some punctuation), so that a reference
/// is seen whole.
fn merge_texts(events: Vec<Spanned>) -> Vec<Spanned> {
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(text), Some((Event::Text(previous), previous_range))) =
            (&event, out.last_mut())
        {
            let joined = format!("{previous}{text}");
            *previous = CowStr::from(joined);
            previous_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

/// A figure index from `(page path, id, text, page URL)` rows (tests and callers without a
/// site).
pub fn index_of<'a>(
    rows: impl IntoIterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
) -> FigureIndex {
    let mut index = FigureIndex::default();
    for (page, id, text, url) in rows {
        index.insert(
            page,
            id,
            Target {
                text: text.to_owned(),
                page_url: url.to_owned(),
            },
        );
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> (String, Vec<UnknownReference>) {
        let index = index_of([
            ("coordination/", "member-units", "9家", "/coordination/"),
            ("skills/", "enterprises", "1.5万余家", "/skills/"),
        ]);
        let refs = References {
            index: &index,
            page_path: "coordination/",
        };
        let rendered = crate::markdown::render_with(markdown, "/", Some(refs));
        (
            rendered.html.trim_end().to_owned(),
            rendered.unknown_references,
        )
    }

    #[test]
    fn references_become_links_to_cards() {
        let (html, unknown) =
            render("共有{{member-units}}成员单位，企业{{ skills/enterprises }}。");
        assert_eq!(
            html,
            "<p>共有<a class=\"figure-ref\" href=\"#fig-member-units\">9家</a>成员单位，企业<a class=\"figure-ref\" href=\"/skills/#fig-enterprises\">1.5万余家</a>。</p>"
        );
        assert!(unknown.is_empty());
    }

    #[test]
    fn references_survive_emphasis_and_line_breaks() {
        let (html, _) = render("出台**{{member-units}}**\n成员单位");
        assert_eq!(
            html,
            "<p>出台<strong><a class=\"figure-ref\" href=\"#fig-member-units\">9家</a></strong>成员单位</p>"
        );
    }

    #[test]
    fn code_and_unknown_names_stay_as_written() {
        let (html, unknown) = render("`{{member-units}}` 与 {{member-unit}}");
        assert_eq!(
            html,
            "<p><code>{{member-units}}</code> 与 {{member-unit}}</p>"
        );
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].name, "member-unit");
        assert_eq!(unknown[0].range, 23..38);
    }

    #[test]
    fn suggestions_name_the_nearest() {
        let index = index_of([("a/", "member-units", "9家", "/a/")]);
        assert_eq!(index.suggestions("a/", "member-unit"), vec!["member-units"]);
    }
}
