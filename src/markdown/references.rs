//! Pass 5: figure references. `{{member-units}}` in the text becomes the figure's display text,
//! exactly as its card shows it (`9家`, `1.5万余家`), linked to the card (`#fig-member-units`);
//! `{{skills/enterprises}}` names a figure of another page by that page's path.
//!
//! Double braces were chosen because Markdown gives them no meaning (they pass through
//! CommonMark as text, unlike `[@id]` or `:role:`), they read as a placeholder in any script,
//! with no space needed beside Chinese characters, and editors know them from Hugo's and Zola's
//! shortcodes. A reference never spans a line; inside a code span it stays as written.
//!
//! A paragraph made of one block reference places a block between paragraphs:
//! `{{card member-units}}` (the figure's card), `{{chart 省产改协调小组}}` (a figure group's chart
//! with its data table), `{{table}}` (the page's figures as a table), or a CSV file of `data/`
//! as a table or chart (`{{table data/wages.csv}}`, `{{chart data/wages.csv}}`). This pass leaves a
//! marker (`<!--gongjiang-block-N-->`) and records the [`Block`]; the render stage, which has
//! the templates, puts the block's HTML in its place.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;

/// Every figure of the site a reference can name: `(page path, id)` -> what the reference shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct FigureIndex {
    figures: BTreeMap<(String, String), Target>,
}

/// What a reference to one figure renders.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    /// The display text with qualifier and unit: `1.5万余家`.
    pub text: String,
    /// The root-relative URL of the figure's page (with the base path).
    pub page_url: String,
}

impl FigureIndex {
    /// Adds the figure `id` of the page at `page_path` (`skills/`, `""` for home).
    pub(crate) fn insert(&mut self, page_path: &str, id: &str, target: Target) {
        let page = page_path.trim_matches('/').to_owned();
        self.figures.insert((page, id.to_owned()), target);
    }

    /// The figure a reference names from the page at `page_path`.
    fn resolve(&self, page_path: &str, reference: &str) -> Option<&Target> {
        let (page, id) = target_of(page_path, reference);
        self.figures.get(&(page.to_owned(), id.to_owned()))
    }

    /// The references that come closest to `reference`, for a "did you mean" hint: ids of the
    /// same page first, then `page/id` of the others.
    pub(crate) fn suggestions(&self, page_path: &str, reference: &str) -> Vec<String> {
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
pub(crate) struct References<'a> {
    /// Every figure of the site.
    pub index: &'a FigureIndex,
    /// The path of the page being rendered (`skills/`).
    pub page_path: &'a str,
    /// The URL prefix of the page's language (`en/`; `""` for the default language): a
    /// reference to another page's figure names that page in the same language.
    pub prefix: &'a str,
}

impl References<'_> {
    /// `name` as it names a figure from this page: `skills/enterprises` written on an English
    /// page names `en/skills/enterprises` when that translation has the figure.
    fn localize(&self, name: &str) -> String {
        if self.prefix.is_empty() || !name.contains('/') {
            return name.to_owned();
        }
        let (page, id) = target_of(self.page_path, name);
        let page = format!("{}{page}", self.prefix);
        let page = page.trim_matches('/');
        match self
            .index
            .figures
            .contains_key(&(page.to_owned(), id.to_owned()))
        {
            true => format!("{page}/{id}"),
            false => name.to_owned(),
        }
    }
}

/// A reference that names no figure: its byte range in the Markdown and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownReference {
    /// Byte range of `{{...}}` in the Markdown source.
    pub range: Range<usize>,
    /// The reference as written, without braces.
    pub name: String,
}

/// What a block reference places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum BlockKind {
    /// `{{card id}}`: one figure's card.
    Card,
    /// `{{chart group}}`: a figure group's chart and data table.
    Chart,
    /// `{{table}}`: the page's figures as a table; `{{table data/x.csv}}`: a data table.
    Table,
}

/// A block reference: what it places, what it names, where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Card, chart or table.
    pub kind: BlockKind,
    /// The figure id (`page/id` for another page's), the group, or `""` for a table.
    pub name: String,
    /// Byte range of `{{...}}` in the Markdown source.
    pub range: Range<usize>,
    /// The marker left in the HTML, replaced by the render stage.
    pub marker: String,
}

/// `{{card x}}`, `{{chart 名称}}`, `{{table}}`: the block a paragraph's whole text names.
fn block_reference(text: &str) -> Option<(BlockKind, &str)> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let (keyword, name) = inner.split_once(' ').unwrap_or((inner, ""));
    let kind = match keyword {
        "card" => BlockKind::Card,
        "chart" => BlockKind::Chart,
        "table" => BlockKind::Table,
        _ => return None,
    };
    let name = name.trim();
    let fits = match kind {
        BlockKind::Table => name.is_empty() || name.starts_with("data/"),
        _ => !name.is_empty() && !name.contains(['{', '}']),
    };
    fits.then_some((kind, name))
}

/// Replaces paragraphs that hold only a block reference by a marker, recording the blocks.
fn place_blocks<'a>(events: Vec<Spanned<'a>>, source: &str) -> (Vec<Spanned<'a>>, Vec<Block>) {
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let found = match (&events[i], events.get(i + 1), events.get(i + 2)) {
            (
                (Event::Start(Tag::Paragraph), _),
                Some((Event::Text(text), text_range)),
                Some((Event::End(TagEnd::Paragraph), _)),
            ) => block_reference(text).map(|(kind, name)| (kind, name.to_owned(), text_range)),
            _ => None,
        };
        let Some((kind, name, text_range)) = found else {
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let written = source.get(text_range.clone()).unwrap_or_default();
        let start = text_range.start + (written.len() - written.trim_start().len());
        let marker = format!("<!--gongjiang-block-{}-->\n", blocks.len());
        out.push((
            Event::Html(CowStr::from(marker.clone())),
            events[i].1.clone(),
        ));
        blocks.push(Block {
            kind,
            name,
            range: start..start + written.trim().len(),
            marker,
        });
        i += 3;
    }
    (out, blocks)
}

/// What the pass gives back besides the events.
#[derive(Debug, Default)]
pub(super) struct Resolved {
    /// The block references, in order.
    pub(super) blocks: Vec<Block>,
    /// The references that name no figure.
    pub(super) unknown: Vec<UnknownReference>,
    /// Each link a reference became: (byte offset in the source, destination as a Markdown
    /// link would write it: `#fig-id`, `/skills/#fig-id`), for `check`.
    pub(super) links: Vec<(usize, String)>,
}

/// Replaces each `{{reference}}` in text by a link to the figure's card and each block
/// reference by a marker; references that name no figure are left as written and reported.
pub(super) fn resolve<'a>(
    events: Vec<Spanned<'a>>,
    source: &str,
    refs: References,
) -> (Vec<Spanned<'a>>, Resolved) {
    let (events, blocks) = place_blocks(merge_texts(events), source);
    let mut out = Vec::with_capacity(events.len());
    let mut unknown = Vec::new();
    let mut links = Vec::new();
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
            let localized = refs.localize(name);
            match refs.index.resolve(refs.page_path, &localized) {
                Some(target) => {
                    links.push((at, destination(refs, &localized)));
                    out.push((
                        Event::InlineHtml(link(refs, &localized, target)),
                        range.clone(),
                    ))
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
    let resolved = Resolved {
        blocks,
        unknown,
        links,
    };
    (out, resolved)
}

/// The visible text of a link this pass wrote (`9家` of `<a class="figure-ref" …>9家</a>`), for
/// the passes after it, which read a reference as its text.
pub(super) fn reference_text(html: &str) -> Option<&str> {
    html.strip_prefix("<a class=\"figure-ref\"")
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.strip_suffix("</a>"))
}

/// The page path (without its slashes) and the figure id a reference names from the page at
/// `page_path`: `skills/enterprises` names `("skills", "enterprises")`, `member-units` names
/// `member-units` on `page_path` itself.
pub(crate) fn target_of<'a>(page_path: &'a str, name: &'a str) -> (&'a str, &'a str) {
    match name.rsplit_once('/') {
        Some((page, id)) => (page.trim_matches('/'), id),
        None => (page_path.trim_matches('/'), name),
    }
}

/// The other page a reference names, if it names one: `None` for a figure of this page.
fn other_page<'a>(refs: References<'a>, name: &'a str) -> Option<&'a str> {
    let (page, _) = target_of(refs.page_path, name);
    (page != refs.page_path.trim_matches('/')).then_some(page)
}

/// Where a reference links, as a Markdown link to the card would be written.
fn destination(refs: References, name: &str) -> String {
    let (_, id) = target_of(refs.page_path, name);
    match other_page(refs, name) {
        None => format!("#fig-{id}"),
        Some("") => format!("/#fig-{id}"),
        Some(page) => format!("/{page}/#fig-{id}"),
    }
}

/// `<a class="figure-ref" href="#fig-id">9家</a>`.
fn link(refs: References, name: &str, target: &Target) -> CowStr<'static> {
    let (_, id) = target_of(refs.page_path, name);
    let page = match other_page(refs, name) {
        None => "",
        Some(_) => target.page_url.as_str(),
    };
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

/// A figure index from `(page path, id, text, page URL)` rows, for tests.
#[cfg(test)]
pub(crate) fn index_of<'a>(
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
            prefix: "",
        };
        let rendered = crate::markdown::render_with(markdown, "/", Some(refs), None);
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
    fn references_count_in_headings_and_links() {
        let index = index_of([
            (
                "coordination/",
                "member-units",
                "9家",
                "/reform/coordination/",
            ),
            ("", "years", "连续3年", "/reform/"),
        ]);
        let refs = References {
            index: &index,
            page_path: "coordination/",
            prefix: "",
        };
        let rendered = crate::markdown::render_with(
            "## 共有{{member-units}}单位\n\n见{{/years}}。",
            "/reform/",
            Some(refs),
            None,
        );
        assert_eq!(rendered.toc[0].title, "共有9家单位");
        assert_eq!(rendered.toc[0].id, "共有9家单位");
        let links: Vec<(&str, usize, usize)> = rendered
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.line, l.column))
            .collect();
        assert_eq!(
            links,
            vec![("#fig-member-units", 1, 6), ("/#fig-years", 3, 2)]
        );
        assert!(
            rendered.html.contains("href=\"/reform/#fig-years\""),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn suggestions_name_the_nearest() {
        let index = index_of([("a/", "member-units", "9家", "/a/")]);
        assert_eq!(index.suggestions("a/", "member-unit"), vec!["member-units"]);
    }
}
