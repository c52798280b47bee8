//! Pass 3: a cap on nesting. Block quotes, lists and emphasis may nest as deep as the text says
//! (`>>>>…` on one line is 300,000 block quotes); pulldown-cmark parses that in linear time, but
//! whatever reads the HTML afterwards (the search indexer, `check`, browsers) may not. Tags
//! deeper than [`MAX_DEPTH`] are dropped, their content kept, so the output never nests deeper
//! and every later stage stays linear; the page gets one warning at the first flattened tag.
//! Table tags are always kept (a table cannot contain a table, so they add at most three levels).

use pulldown_cmark::{Event, Tag};

use super::{Spanned, Warning};
use crate::error::MarkdownWarning;

/// How deep tags may nest in the output (browsers' parsers flatten beyond 512).
pub(super) const MAX_DEPTH: usize = 100;

fn is_table_part(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell
    )
}

/// Drops the tags nested deeper than [`MAX_DEPTH`]; a warning when any was dropped.
pub(super) fn cap_nesting(events: Vec<Spanned>) -> (Vec<Spanned>, Option<Warning>) {
    // One entry per open tag: whether it is written.
    let mut open: Vec<bool> = Vec::new();
    let mut first_dropped = None;
    let events = events
        .into_iter()
        .filter(|(event, range)| match event {
            Event::Start(tag) => {
                let keep = open.len() < MAX_DEPTH || is_table_part(tag);
                if !keep && first_dropped.is_none() {
                    first_dropped = Some(range.start);
                }
                open.push(keep);
                keep
            }
            Event::End(_) => open.pop().unwrap_or(true),
            _ => true,
        })
        .collect();
    let warning = first_dropped.map(|offset| Warning {
        offset,
        kind: MarkdownWarning::NestingFlattened {
            max_depth: MAX_DEPTH,
        },
    });
    (events, warning)
}

#[cfg(test)]
mod tests {
    use super::MAX_DEPTH;
    use crate::markdown::render;

    #[test]
    fn deep_nesting_is_flattened_with_a_warning() {
        let rendered = render(&(">".repeat(300_000) + " 深"), "/");
        assert_eq!(rendered.html.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(rendered.html.matches("</blockquote>").count(), MAX_DEPTH);
        assert!(rendered.html.contains('深'));
        assert_eq!(rendered.warnings.len(), 1);
        assert_eq!(rendered.warnings[0].offset, MAX_DEPTH);
        let shallow = render(&(">".repeat(MAX_DEPTH - 1) + " 浅"), "/");
        assert!(shallow.warnings.is_empty());
        assert!(shallow.html.contains("<p>浅</p>"));
    }
}
