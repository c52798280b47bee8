//! The copy lint: Chinese typography in what readers read, checked with the `autocorrect`
//! crate (huacnlee/autocorrect) — half-width `, . : ! ?` next to Chinese characters, spaces
//! between Chinese and Latin text or numbers, spaces beside full-width punctuation, full-width
//! letters and digits — plus a pass of our own for quotation and book-title marks in pairs
//! (`pairs`: autocorrect does not check pairs).
//!
//! Input: the [`Built`] site and its [`SiteFiles`]. Output: `copy` warnings in the
//! [`Findings`], each at the line and column (in characters) of the page's source file where
//! the fix goes, saying what is wrong and the fix. What is read: each page's Markdown body
//! (prose only, module `mask`: not code, raw HTML, comments, URLs or figure references, which
//! render as `9家` and need no spaces around their braces) and the prose fields of its front
//! matter, when written on one line: `title`, `description`, and the figures' `label` and
//! `note` (and the site's `title` and `description`).
//!
//! **Rules a site turns off.** `check: { copy: false }` in the site settings turns the lint
//! off; `check: { copy_rules: { space-word: off } }` turns off single rules, by autocorrect's
//! names ([`CopyRule`]). autocorrect's own configuration (`autocorrect::config::load`) is one
//! process-wide `RwLock` that every later call reads: setting it per site would let two checks
//! in one process (the test suite runs them in parallel threads) see each other's rules, and
//! the result would depend on which ran last. So we never touch it (it keeps autocorrect's defaults, the
//! same in every process) and hand each call its own rules instead, with autocorrect's
//! documented in-text switch: the text we lint starts with a line
//! `<!-- autocorrect-disable space-word,... -->`, which autocorrect keeps in the state of that
//! one call. Comments of the page itself are masked, so a page cannot switch a rule back on.
//! autocorrect names no rule per finding; `diff` derives the message and the rule from the
//! shape of the change.

mod diff;
mod mask;
mod pairs;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::findings::{Findings, Place};
use crate::build::Built;
use crate::error::ErrorKind;
use crate::error::LineIndex;
use crate::front_matter::{CheckSettings, CopyRule};
use crate::i18n::{Message, msg};
use crate::site::Page;
use crate::source::{Origin, SiteFiles, slash_path};

/// Front-matter keys whose one-line values readers see.
const PROSE_KEYS: [&str; 4] = ["title", "description", "label", "note"];

/// The most of a page's body the lint reads. autocorrect takes about a second per megabyte
/// (release build), and no one reads a megabyte of prose as one page; a hostile 20 MB page
/// would otherwise hold `check` for half a minute.
const MAX_LINTED_BYTES: usize = 1 << 20;

/// One mistake, at a 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mistake {
    line: usize,
    column: usize,
    message: Message,
    hint: Message,
}

/// Adds a `copy` warning for each typographic mistake in the pages' prose.
pub(super) fn lint(built: &Built, files: &SiteFiles, findings: &mut Findings) {
    let settings = &built.site.config.check;
    if !settings.copy {
        return;
    }
    let linter = Linter::new(settings);
    let sources: HashMap<&Path, &str> = (files.content.iter())
        .map(|f| (f.rel_path.as_path(), f.text.as_str()))
        .collect();
    let pages = &built.site.pages;
    // The rules are Chinese typography: pages in another language are left alone.
    let chinese = |page: &crate::site::Page| {
        let tag = built.site.language_of(page);
        tag.to_ascii_lowercase().starts_with("zh")
    };
    let found: Vec<Vec<Mistake>> = pages
        .par_iter()
        .map(|page| match chinese(page) {
            true => linter.page(page, sources.get(page.source_path.as_path()).copied()),
            false => Vec::new(),
        })
        .collect();
    for (page, mistakes) in pages.iter().zip(found) {
        for mistake in mistakes {
            let place = Place {
                file: slash_path(&page.source_path),
                position: Some((mistake.line, mistake.column)),
                output: None,
                origin: Origin::Content,
            };
            let kind = ErrorKind::Copy {
                finding: mistake.message,
            };
            findings.add(kind, &place, mistake.hint, None);
        }
    }
}

/// The lint with one site's rules.
struct Linter {
    /// autocorrect's switch for the rules turned off (empty when none is).
    switch: String,
    /// Whether `paired-marks` is on.
    pairs: bool,
}

impl Linter {
    fn new(settings: &CheckSettings) -> Self {
        let off = settings.rules_off();
        let names: Vec<&str> = (off.iter())
            .filter(|r| **r != CopyRule::PairedMarks)
            .map(|r| r.name())
            .collect();
        // An empty list would mean "every rule": only write the switch with names in it.
        let switch = match names.is_empty() {
            true => String::new(),
            false => format!("<!-- autocorrect-disable {} -->\n", names.join(",")),
        };
        Linter {
            switch,
            pairs: !off.contains(&CopyRule::PairedMarks),
        }
    }

    /// The mistakes of a page (`source` is its file), at lines and columns of the file.
    fn page(&self, page: &Page, source: Option<&str>) -> Vec<Mistake> {
        let mut found = match source {
            Some(text) => self.front_matter(text, page.body_line),
            None => Vec::new(),
        };
        // `check` keeps every body in memory (`build::render_files`).
        let body_text = page.body.as_text().unwrap_or_default();
        let read = linted_part(body_text);
        let mut body = self.markdown(read);
        if read.len() < body_text.len() {
            body.push(Mistake {
                line: read.matches('\n').count() + 1,
                column: 1,
                message: msg!(
                    "copy-lint-stops",
                    read = (MAX_LINTED_BYTES >> 10).to_string(),
                    size = (body_text.len() >> 10).to_string()
                ),
                hint: msg!("hint-copy-lint-stops"),
            });
        }
        found.extend(body.into_iter().map(|m| Mistake {
            line: m.line + page.body_line - 1,
            ..m
        }));
        found.sort_by_key(|m| (m.line, m.column));
        found
    }

    /// The mistakes of a Markdown text, at lines and columns of the text.
    fn markdown(&self, markdown: &str) -> Vec<Mistake> {
        let prose = mask::prose(markdown);
        let mut found = self.autocorrect(&prose.masked, markdown);
        if self.pairs {
            let mut index = LineIndex::new(markdown);
            for block in &prose.blocks {
                let chars = block.iter().flat_map(|range| {
                    let start = range.start;
                    markdown[range.clone()]
                        .char_indices()
                        .map(move |(i, c)| (start + i, c))
                });
                for unpaired in pairs::unpaired(chars) {
                    let (line, column) = index.locate(unpaired.offset);
                    found.push(Mistake {
                        line,
                        column,
                        message: unpaired.message,
                        hint: unpaired.hint,
                    });
                }
            }
        }
        found
    }

    /// The mistakes in the one-line prose values of a page's front matter, in file lines.
    fn front_matter(&self, text: &str, body_line: usize) -> Vec<Mistake> {
        // The front matter is lines 2 to body_line - 2; line body_line - 1 closes it.
        let yaml = text
            .lines()
            .enumerate()
            .take(body_line.saturating_sub(2))
            .skip(1);
        let mut found = Vec::new();
        for (i, line) in yaml {
            let Some((column, value)) = prose_value(line) else {
                continue;
            };
            let mut mistakes = self.autocorrect(&mask::references(value), value);
            if self.pairs {
                mistakes.extend(pairs::unpaired(value.char_indices()).into_iter().map(|u| {
                    Mistake {
                        line: 1,
                        column: value[..u.offset].chars().count() + 1,
                        message: u.message,
                        hint: u.hint,
                    }
                }));
            }
            found.extend(mistakes.into_iter().map(|m| Mistake {
                line: i + 1,
                column: column + m.column - 1,
                ..m
            }));
        }
        found
    }

    /// What autocorrect asks to change in `masked` (`original` with what is not prose masked,
    /// character for character), explained with `original`'s words.
    fn autocorrect(&self, masked: &str, original: &str) -> Vec<Mistake> {
        let input = format!("{}{masked}", self.switch);
        let result = autocorrect::lint_for(&input, "markdown");
        let skipped = self.switch.matches('\n').count();
        let masked_lines: Vec<&str> = masked.split('\n').collect();
        let original_lines: Vec<&str> = original.split('\n').collect();
        let mut found = Vec::new();
        if !result.error.is_empty() {
            found.push(Mistake {
                line: 1,
                column: 1,
                message: msg!(
                    "copy-unreadable",
                    error = result.error.lines().next().unwrap_or_default()
                ),
                hint: msg!("hint-copy-unreadable"),
            });
        }
        for answer in &result.lines {
            let Some(index) = answer.line.checked_sub(1 + skipped) else {
                continue;
            };
            let Some(masked_line) = masked_lines.get(index) else {
                continue;
            };
            let masked_chars: Vec<char> = masked_line.chars().collect();
            let original_chars: Vec<char> = original_lines
                .get(index)
                .map(|l| l.chars().collect())
                .filter(|chars: &Vec<char>| chars.len() == masked_chars.len())
                .unwrap_or_else(|| masked_chars.clone());
            let old: Vec<char> = answer.old.chars().collect();
            let new: Vec<char> = answer.new.chars().collect();
            let Some(start) = find(masked_line, &answer.old, answer.col) else {
                found.push(Mistake {
                    line: index + 1,
                    column: answer.col.max(1),
                    message: msg!("copy-write-for", fix = &answer.new, written = &answer.old),
                    hint: hint(None),
                });
                continue;
            };
            for change in diff::join_around_words(diff::changes(&old, &new), &old) {
                let change = diff::Change {
                    start: start + change.start,
                    end: start + change.end,
                    ..change
                };
                let (message, rule) = diff::explain(&original_chars, &change);
                found.push(Mistake {
                    line: index + 1,
                    column: change.start + 1,
                    message,
                    hint: hint(rule),
                });
            }
        }
        found
    }
}

/// The part of a page's body the lint reads: all of it, or up to the last paragraph break
/// (else line break) before [`MAX_LINTED_BYTES`].
fn linted_part(body: &str) -> &str {
    if body.len() <= MAX_LINTED_BYTES {
        return body;
    }
    let mut end = MAX_LINTED_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    let cut = (head.rfind("\n\n").map(|i| i + 2))
        .or_else(|| head.rfind('\n').map(|i| i + 1))
        .unwrap_or(end);
    &body[..cut]
}

/// The character index where `old` is in `line`: from autocorrect's column if it is there,
/// else its first place in the line.
fn find(line: &str, old: &str, column: usize) -> Option<usize> {
    let from = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let at = line[from..]
        .find(old)
        .map(|i| from + i)
        .or_else(|| line.find(old))?;
    Some(line[..at].chars().count())
}

/// How to allow what `rule` forbids, for the whole site.
fn hint(rule: Option<CopyRule>) -> Message {
    match rule {
        Some(rule) => msg!("hint-copy-rule", rule = rule.name()),
        None => msg!("hint-copy-suggestion"),
    }
}

/// The value of a front-matter line `key: value` whose key is prose readers see, written on
/// the line (plain or quoted, without escapes), with its 1-based column.
fn prose_value(line: &str) -> Option<(usize, &str)> {
    let item = line.trim_start_matches(' ');
    let item = item
        .strip_prefix("- ")
        .unwrap_or(item)
        .trim_start_matches(' ');
    let (key, rest) = item.split_once(':')?;
    if !PROSE_KEYS.contains(&key) || !rest.starts_with(' ') {
        return None;
    }
    let value = rest.trim_start_matches(' ');
    let start = line.len() - value.len();
    let (offset, value) = match value.chars().next()? {
        '"' => {
            let inner = &value[1..];
            let end = inner.find('"')?;
            (!inner[..end].contains('\\')).then_some((start + 1, &inner[..end]))?
        }
        '\'' => {
            let inner = &value[1..];
            let end = inner.find('\'')?;
            (!inner[end + 1..].starts_with('\'')).then_some((start + 1, &inner[..end]))?
        }
        '|' | '>' | '[' | '{' | '&' | '*' | '!' | '#' | '%' | '@' | '`' => return None,
        _ => (start, value.split(" #").next()?.trim_end()),
    };
    Some((line[..offset].chars().count() + 1, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter::Switch;

    fn linter(off: &[CopyRule]) -> Linter {
        let mut settings = CheckSettings::default();
        for rule in off {
            settings.copy_rules.insert(*rule, Switch::Off);
        }
        Linter::new(&settings)
    }

    /// `line:column message` of each mistake.
    fn found(linter: &Linter, markdown: &str) -> Vec<String> {
        let mut found = linter.markdown(markdown);
        found.sort_by_key(|m| (m.line, m.column));
        found
            .iter()
            .map(|m| format!("{}:{} {}", m.line, m.column, m.message))
            .collect()
    }

    #[test]
    fn finds_each_kind_of_mistake_where_it_is() {
        let text = "他说,好。\n\n使用Rust工具\n\n获得“优秀等次\n";
        assert_eq!(
            found(&linter(&[]), text),
            [
                "1:3 half-width `,` between Chinese characters: write `，`",
                "3:3 no space between Chinese text and Latin text: write `使用 Rust 工具`",
                "5:3 `“` opens a quotation that no `”` closes in this paragraph",
            ]
        );
    }

    #[test]
    fn rules_turned_off_are_not_reported() {
        let text = "他说,好。使用Rust工具，获得“优秀等次\n";
        let off = [CopyRule::SpaceWord, CopyRule::PairedMarks];
        assert_eq!(
            found(&linter(&off), text),
            ["1:3 half-width `,` between Chinese characters: write `，`"]
        );
        assert_eq!(found(&linter(&off), "共有9家。\n"), Vec::<String>::new());
    }

    #[test]
    fn references_code_and_urls_are_not_prose() {
        let text = "共有{{member-units}}成员单位，{{skills/craftsmen}}市级以上工匠。\n\n{{card member-units}}\n\n`中文,中文`与<b>甲</b>，见https://a.org/x,y。\n\n```\n中文,中文\n```\n\n<!-- 备注,中文 -->\n";
        assert_eq!(found(&linter(&[]), text), Vec::<String>::new());
        assert_eq!(
            found(&linter(&[]), "{{a}},中文\n"),
            ["1:6 half-width `,` in Chinese text: write `，`"]
        );
    }

    #[test]
    fn long_pages_are_read_up_to_a_paragraph_break() {
        let paragraph = "甲乙丙丁。\n\n";
        let long = paragraph.repeat(MAX_LINTED_BYTES / paragraph.len() + 10);
        let read = linted_part(&long);
        assert!(read.len() <= MAX_LINTED_BYTES && read.len() > MAX_LINTED_BYTES - 20);
        assert!(read.ends_with("。\n\n"));
        assert_eq!(linted_part(paragraph), paragraph);
        let one_line = "甲".repeat(MAX_LINTED_BYTES);
        assert!(linted_part(&one_line).len() <= MAX_LINTED_BYTES);
    }

    #[test]
    fn front_matter_values_are_located_in_the_file() {
        let text = "---\ntitle: 他说,好\nfigures:\n  - id: x\n    label: \"使用Rust工具\"\n    note: 近年来\n---\n正文\n";
        let found: Vec<(usize, usize)> = linter(&[])
            .front_matter(text, 8)
            .iter()
            .map(|m| (m.line, m.column))
            .collect();
        assert_eq!(found, [(2, 10), (5, 15)]);
        assert_eq!(prose_value("  - label: 甲 # 注释"), Some((12, "甲")));
        assert_eq!(prose_value("title: |"), None);
        assert_eq!(prose_value("id: 甲"), None);
    }
}
