//! Pass 8: footnotes get their own id space. pulldown-cmark's writer gives a note the id of its
//! label (`id="1"` for `[^1]`), which collides with a heading `## 1`; here a note is
//! `id="fn-N"` and its references `id="fnref-N"`, `fnref-N-2`, ..., where N is the note's number
//! (in order of first appearance, as pulldown-cmark numbers them), and each note ends with a link
//! back (↩) to every place it is cited. Input and output: `(event, source range)` pairs; the
//! footnote events become HTML written here (labels are never written, only numbers).

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;

/// The label a back link reads as for screen readers.
const BACK_LABEL: &str = "回到引用处";

/// Rewrites footnote references and definitions (see the module docs).
pub(super) fn number_footnotes(events: Vec<Spanned>) -> Vec<Spanned> {
    let has_footnotes = events.iter().any(|(event, _)| {
        matches!(
            event,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    });
    if !has_footnotes {
        return events;
    }
    // Numbers and reference counts, from a first look at the whole text (a note may come
    // before the places that cite it).
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut cited: HashMap<usize, usize> = HashMap::new();
    for (event, _) in &events {
        let (name, is_reference) = match event {
            Event::FootnoteReference(name) => (name, true),
            Event::Start(Tag::FootnoteDefinition(name)) => (name, false),
            _ => continue,
        };
        let next = numbers.len() + 1;
        let number = *numbers.entry(name.to_string()).or_insert(next);
        if is_reference {
            *cited.entry(number).or_insert(0) += 1;
        }
    }
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    events
        .into_iter()
        .map(|(event, range)| {
            let event = match event {
                Event::FootnoteReference(name) => {
                    let number = numbers[name.as_ref()];
                    let count = seen.entry(number).or_insert(0);
                    *count += 1;
                    Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"footnote-reference\" id=\"{}\"><a href=\"#fn-{number}\">{number}</a></sup>",
                        reference_id(number, *count)
                    )))
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let number = numbers[name.as_ref()];
                    open.push(number);
                    Event::Html(CowStr::from(format!(
                        "<div class=\"footnote-definition\" id=\"fn-{number}\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
                    )))
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    let number = open.pop().unwrap_or_default();
                    let backs: String = (1..=cited.get(&number).copied().unwrap_or(0))
                        .map(|n| {
                            format!(
                                " <a href=\"#{}\" class=\"footnote-backref\" aria-label=\"{BACK_LABEL}\">↩</a>",
                                reference_id(number, n)
                            )
                        })
                        .collect();
                    Event::Html(CowStr::from(format!("{backs}</div>\n")))
                }
                other => other,
            };
            (event, range)
        })
        .collect()
}

/// `fnref-3` for the first reference to note 3, `fnref-3-2` for the second, ...
fn reference_id(number: usize, nth: usize) -> String {
    if nth == 1 {
        format!("fnref-{number}")
    } else {
        format!("fnref-{number}-{nth}")
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::html;

    #[test]
    fn notes_have_their_own_ids_and_link_back() {
        let html = html("## 1\n\n正文[^1]，再引[^1]。\n\n[^1]: 注释");
        assert!(html.contains("<h2 id=\"1\">1</h2>"), "{html}");
        assert!(
            html.contains(
                "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>"
            ),
            "{html}"
        );
        assert!(html.contains("id=\"fnref-1-2\""), "{html}");
        assert!(
            html.contains("<div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>注释</p>\n <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"回到引用处\">↩</a> <a href=\"#fnref-1-2\""),
            "{html}"
        );
        assert!(!html.contains("id=\"1\"><sup"), "{html}");
    }

    #[test]
    fn labels_become_numbers() {
        let html = html("甲[^note a]\n\n[^note a]: 乙\n\n[^unused]: 丙");
        assert!(html.contains("href=\"#fn-1\""), "{html}");
        assert!(html.contains("id=\"fn-2\""), "{html}");
        assert!(!html.contains("note a"), "{html}");
    }
}
