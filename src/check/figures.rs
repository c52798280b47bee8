//! The figure checks over a site built in memory: a figure's number typed as plain text in the
//! prose instead of referenced (`{{id}}`), and a figure its page never shows.
//!
//! Input: the [`Built`] site. Output: warnings, added to the [`Findings`]. Both are warnings:
//! the site is correct, but a number typed twice drifts when one copy is edited, and a figure
//! no reader sees is data no one checks.

use super::findings::{Findings, Place};
use crate::build::Built;
use crate::error::ErrorKind;
use crate::front_matter::Figure;
use crate::i18n::msg;
use crate::render::output_path;
use crate::site::Page;
use crate::source::Origin;
use crate::source::slash_path;

/// Adds the front matter's warnings (a value cut short by ` #`), at their place.
pub(super) fn front_matter_warnings(built: &Built, findings: &mut Findings) {
    for page in &built.site.pages {
        for warning in &page.front.warnings {
            let location = warning.location.as_ref();
            let origin = Place {
                file: slash_path(&page.source_path),
                position: location.and_then(|l| Some((l.line?, l.column.unwrap_or(1)))),
                output: None,
                origin: Origin::Content,
            };
            let hint = warning
                .hint
                .clone()
                .unwrap_or_else(|| msg!("hint-yaml-syntax"));
            findings.add(warning.kind.clone(), &origin, hint, None);
        }
    }
}

/// Adds the Markdown stage's warnings (an unclosed `<!--`, nesting flattened), at their place.
pub(super) fn markdown_warnings(built: &Built, findings: &mut Findings) {
    for (page, markdown) in built.site.pages.iter().zip(&built.markdown) {
        // `check` keeps every body in memory (`build::render_files`).
        let body = page.body.as_text().unwrap_or_default();
        for warning in &markdown.warnings {
            let (line, column) = crate::error::line_column(body, warning.offset);
            let origin = Place {
                file: slash_path(&page.source_path),
                position: Some((page.body_line + line - 1, column)),
                output: None,
                origin: Origin::Content,
            };
            let hint = warning.kind.hint();
            findings.add(ErrorKind::Markdown(warning.kind), &origin, hint, None);
        }
    }
}

/// Adds a warning for each figure typed in its page's prose and each figure its page does not
/// show.
pub(super) fn lint(built: &Built, findings: &mut Findings) {
    for page in &built.site.pages {
        for (line, column, figure) in typed_figures(page) {
            let origin = Place {
                file: slash_path(&page.source_path),
                position: Some((line, column)),
                output: None,
                origin: Origin::Content,
            };
            let hint = msg!("hint-typed-figure", id = &figure.id, text = &figure.text);
            let kind = ErrorKind::TypedFigure {
                id: figure.id.clone(),
                text: figure.text.clone(),
            };
            findings.add(kind, &origin, hint, None);
        }
        let html = built
            .output
            .get(&output_path(page))
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        for figure in page
            .front
            .figures
            .iter()
            .filter(|f| !html.contains(&f.display))
        {
            let origin = Place {
                file: slash_path(&page.source_path),
                position: Some((figure.line, 1)),
                output: None,
                origin: Origin::Content,
            };
            let kind = ErrorKind::UnshownFigure {
                id: figure.id.clone(),
                text: figure.text.clone(),
            };
            let hint = msg!("hint-unshown-figure");
            findings.add(kind, &origin, hint, None);
        }
    }
}

/// Where the page's own figures are typed in its Markdown, outside references and code:
/// (line, column, figure), in file coordinates.
fn typed_figures(page: &Page) -> Vec<(usize, usize, &Figure)> {
    let mut found = Vec::new();
    let body = page.body.as_text().unwrap_or_default();
    for (i, line) in body.lines().enumerate() {
        let masked = mask(line);
        for figure in &page.front.figures {
            let needle = figure.text.as_str();
            if needle.chars().count() < 2 {
                continue;
            }
            for (at, _) in masked.match_indices(needle) {
                let before = masked[..at].chars().next_back();
                let after = masked[at + needle.len()..].chars().next();
                let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
                if digit(before) || (figure.unit.is_empty() && digit(after)) {
                    continue;
                }
                let column = masked[..at].chars().count() + 1;
                found.push((page.body_line + i, column, figure));
            }
        }
    }
    found.sort_by_key(|(line, column, _)| (*line, *column));
    found
}

/// The line with `{{...}}` references, `{#id}` heading attributes and `` `code` `` spans
/// blanked out, a space for each
/// character, so columns stay where they were.
fn mask(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find(['{', '`']) {
        out.push_str(&rest[..start]);
        let (open, close) = if rest[start..].starts_with("{{") {
            ("{{", "}}")
        } else if rest[start..].starts_with("{#") {
            // A heading's attributes (`{#id}`): an id, not prose.
            ("{#", "}")
        } else if rest[start..].starts_with('`') {
            ("`", "`")
        } else {
            out.push('{');
            rest = &rest[start + 1..];
            continue;
        };
        let inner = &rest[start + open.len()..];
        match inner.find(close) {
            Some(end) => {
                let span = open.len() + end + close.len();
                out.push_str(&" ".repeat(rest[start..start + span].chars().count()));
                rest = &rest[start + span..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_blanks_references_and_code() {
        assert_eq!(mask("共有{{a}}和`9家`与9家"), "共有     和    与9家");
        assert_eq!(mask("{x} {{"), "{x} {{");
        assert_eq!(mask("## 六大 {#六大}"), "## 六大      ");
    }
}
