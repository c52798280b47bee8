//! The usual mistakes in YAML, explained in the writer's words.
//!
//! serde_yaml says what its parser saw ("could not find expected ':'", "invalid type: string
//! \"2100万\", expected f64"), often on the line after the mistake. This module reads the raw
//! text of the YAML (front matter or a data file) and serde_yaml's message, and says instead
//! what was typed, what was expected in plain words, where, and how to fix it:
//!
//! - slips in typing ([`YamlSlip`]): a full-width colon `：` or space `　`, a tab, no space
//!   after a colon, a quote never closed, a colon inside an unquoted value;
//! - a value of the wrong type ([`Expected`], with a number written with 万, 亿 or commas
//!   worked out: `2100万` -> `21000000`), a value not among the choices (a qualifier written
//!   as its Chinese wording), a missing key, an unknown key (the nearest known key, or where
//!   the key belongs when it is valid elsewhere);
//! - [`comment_warnings`]: ` #` in an unquoted value, which YAML silently takes for the start
//!   of a comment (a warning: the page builds, but shows less than was written).
//!
//! Pure functions over text: lines and columns are 1-based and count from the start of the
//! YAML text given; the caller moves them into file coordinates.

use crate::error::{ErrorKind, Expected, Found, Section, YamlSlip, nearest};
use crate::figures::{Qualifier, format_number};
use crate::i18n::{Message, msg};

/// A mistake found: where (in the YAML text), what, and the fix.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Explained {
    /// 1-based line in the YAML text.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
    /// What is wrong.
    pub(crate) kind: ErrorKind,
    /// What to do.
    pub(crate) hint: Message,
}

impl Explained {
    /// The same mistake `lines` lines further down, for YAML text that starts on line
    /// `lines + 1` of its file (front matter starts on line 2).
    pub(crate) fn shifted(mut self, lines: usize) -> Explained {
        self.line += lines;
        if let ErrorKind::DuplicateKey { first_line, .. } = &mut self.kind {
            *first_line += lines;
        }
        self
    }
}

/// The keys of each part of the content model, as written.
const PAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "slug",
    "weight",
    "date",
    "draft",
    "template",
    "search",
    "extra",
    "figures",
    "site",
];
const FIGURE_KEYS: &[&str] = &[
    "id",
    "label",
    "value",
    "unit",
    "qualifier",
    "wording",
    "numerals",
    "group",
    "key",
    "note",
    "source",
];
const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "languages",
    "search",
    "downloads",
    "precompress",
    "source",
    "check",
    "extra",
    "strings",
];
const SOURCE_KEYS: &[&str] = &[
    "title",
    "outlet",
    "outlet_url",
    "reporters",
    "credits",
    "date",
    "original_title",
];
const CHECK_KEYS: &[&str] = &["copy", "copy_rules"];

/// Each part of the content model and its keys, the page first.
const SECTIONS: &[(Section, &[&str])] = &[
    (Section::Page, PAGE_KEYS),
    (Section::Figure, FIGURE_KEYS),
    (Section::Site, SITE_KEYS),
    (Section::Source, SOURCE_KEYS),
    (Section::Check, CHECK_KEYS),
];

/// Explains serde_yaml's error `err` on the YAML text `yaml`, when it is one of the usual
/// mistakes; `None` leaves serde_yaml's own words.
pub(crate) fn explain(err: &serde_yaml::Error, yaml: &str) -> Option<Explained> {
    let (line, column) = err
        .location()
        .map_or((usize::MAX, 1), |l| (l.line(), l.column()));
    if let Some(slip) = first_slip(yaml, line) {
        return Some(slip);
    }
    let message = err.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    if let Some(repeat) = duplicate(message, yaml, line) {
        return Some(repeat);
    }
    let (kind, hint) = explain_message(message, source_line(yaml, line))?;
    let line = line.min(yaml.lines().count().max(1));
    Some(Explained {
        line,
        column,
        kind,
        hint,
    })
}

/// A key written twice in one map: serde_yaml points at the start of the map; this points
/// at the repeat: the second line with the key at the first one's indentation, from the
/// map's start on line `start`.
fn duplicate(message: &str, yaml: &str, start: usize) -> Option<Explained> {
    let (_, rest) = split_path(message);
    let key = rest.strip_prefix("duplicate field `")?.split('`').next()?;
    let lines = key_lines(yaml);
    let mut same =
        (lines.iter()).filter(|l| l.number >= start.min(lines.len()) && l.key == Some(key));
    let first = same.next()?;
    let repeat = same.find(|l| l.lead.len() == first.lead.len())?;
    Some(Explained {
        line: repeat.number,
        column: column(repeat.text, repeat.lead.len()),
        kind: ErrorKind::DuplicateKey {
            key: key.to_owned(),
            first_line: first.number,
        },
        hint: msg!("hint-duplicate-key", key = key),
    })
}

/// The text of 1-based `line` of `yaml`, or "".
fn source_line(yaml: &str, line: usize) -> &str {
    line.checked_sub(1)
        .and_then(|i| yaml.lines().nth(i))
        .unwrap_or("")
}

/// Explains serde's message (without its position): a wrong type, a value not among the
/// choices, a missing or unknown key. `line` is the text of the line it points at.
pub(crate) fn explain_message(message: &str, line: &str) -> Option<(ErrorKind, Message)> {
    let (path, rest) = split_path(message);
    if let Some(rest) = rest.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        let expected = expected_of(expected)?;
        let found = found_of(found);
        let (section, key) = section_and_key(path);
        let hint = type_hint(&key, expected, &found, line);
        return Some((
            ErrorKind::WrongType {
                key,
                section,
                expected,
                found,
            },
            hint,
        ));
    }
    if let Some(rest) = rest.strip_prefix("unknown variant `") {
        let (found, choices) = rest.split_once('`')?;
        let choices = backquoted(choices);
        let (section, key) = section_and_key(path);
        // A map's key not among the choices (`copy_rules:` names rules) is written `found:`.
        let as_key = line.trim_start().starts_with(&format!("{found}:"));
        let hint = choice_hint(&key, found, &choices, as_key);
        return Some((
            ErrorKind::NotAChoice {
                key,
                section,
                found: found.to_owned(),
                choices,
            },
            hint,
        ));
    }
    if let Some(rest) = rest.strip_prefix("missing field `") {
        let key = rest.split('`').next()?.to_owned();
        let section = match path {
            "" => Section::Page,
            path => section_and_key(&format!("{path}.{key}")).0,
        };
        let hint = msg!("hint-missing-key", key = &key, section = section.message());
        return Some((ErrorKind::MissingKey { key, section }, hint));
    }
    if let Some(rest) = rest.strip_prefix("unknown field `") {
        let (key, known) = rest.split_once('`')?;
        let known = backquoted(known);
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        return Some((
            ErrorKind::UnknownKey {
                key: key.to_owned(),
            },
            unknown_key_hint(key, &known),
        ));
    }
    None
}

/// Splits serde's `figures[0].value: invalid type: ...` into the path and the rest.
fn split_path(message: &str) -> (&str, &str) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.[]-".contains(c)) =>
        {
            (path, rest)
        }
        _ => ("", message),
    }
}

/// The part of the content model a serde path is in, and its last key: `figures[0].value` is
/// the key `value` of a figure, `site.source.outlet` the key `outlet` of `source:`, `[2].value`
/// (a data file) the key `value` of a figure.
fn section_and_key(path: &str) -> (Section, String) {
    let segments: Vec<&str> = path
        .split('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .collect();
    let key = segments.last().copied().unwrap_or("").to_owned();
    let parents = &segments[..segments.len().saturating_sub(1)];
    let section = match parents {
        [] if path.starts_with('[') => Section::Figure,
        [""] => Section::Figure,
        [] => Section::Page,
        [.., "figures"] => Section::Figure,
        ["site", "source"] => Section::Source,
        ["site", "check", ..] => Section::Check,
        ["site"] => Section::Site,
        _ => Section::Page,
    };
    (section, key)
}

/// The words between backquotes: serde's list of choices or known keys.
fn backquoted(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// serde's name of what it expected, in our words.
fn expected_of(text: &str) -> Option<Expected> {
    Some(match text {
        "i64" | "i32" | "u64" | "u32" | "usize" | "u16" | "u8" => Expected::WholeNumber,
        "f64" | "f32" => Expected::Number,
        "a string" => Expected::Text,
        "a boolean" => Expected::TrueFalse,
        "a sequence" => Expected::List,
        t if t.starts_with("struct ") || t == "a map" => Expected::Settings,
        t if t.starts_with("a list of figures") => Expected::FiguresOrFile,
        _ => return None,
    })
}

/// serde's name of what it found: `string "2100万"`, `integer `3``, `sequence`...
fn found_of(text: &str) -> Found {
    if let Some(s) = text.strip_prefix("string ") {
        return Found::Value(s.trim_matches('"').to_owned());
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(v) = text.strip_prefix(prefix) {
            return Found::Value(v.trim_matches('`').to_owned());
        }
    }
    match text {
        "sequence" => Found::List,
        "map" => Found::Settings,
        _ => Found::Nothing,
    }
}

/// What to write instead of a value of the wrong type.
fn type_hint(key: &str, expected: Expected, found: &Found, line: &str) -> Message {
    if let Found::Nothing = found
        && line.contains('#')
    {
        return msg!("hint-value-is-comment", key = key);
    }
    let written = match found {
        Found::Value(v) => Some(v.as_str()),
        _ => None,
    };
    match expected {
        Expected::Number | Expected::WholeNumber => match written.and_then(plain_number) {
            Some(number) if expected == Expected::Number || !number.contains('.') => {
                let shown = number
                    .parse::<f64>()
                    .map(|v| format_number(v, crate::figures::Numerals::Arabic))
                    .unwrap_or_else(|_| number.clone());
                msg!(
                    "hint-write-number",
                    key = key,
                    number = number,
                    shown = shown
                )
            }
            _ => match expected {
                Expected::WholeNumber => msg!("hint-write-whole-number", key = key),
                _ => msg!("hint-write-a-number", key = key),
            },
        },
        Expected::TrueFalse => msg!("hint-write-true-false", key = key),
        Expected::Text => msg!("hint-write-text", key = key),
        Expected::List | Expected::Settings | Expected::FiguresOrFile => {
            msg!("hint-yaml-syntax")
        }
    }
}

/// A number written the way people write it (`2100万`, `1.2亿`, `15,000`, `１５０００`) as
/// plain digits (`21000000`, `120000000`, `15000`), when that is what it is.
pub(crate) fn plain_number(written: &str) -> Option<String> {
    let mut text: String = written
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            c => c,
        })
        .collect();
    let mut places = 0;
    for (suffix, shift) in [("万亿", 12), ("亿", 8), ("万", 4)] {
        if let Some(rest) = text.strip_suffix(suffix) {
            text = rest.to_owned();
            places = shift;
            break;
        }
    }
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > places && places > 0 {
        return None;
    }
    if places == 0 && text == written.trim() {
        // Already plain digits: nothing to work out.
        return None;
    }
    let frac = format!("{frac:0<places$}");
    let (moved, rest) = frac.split_at(places.min(frac.len()));
    let int = format!("{int}{moved}");
    let int = match int.trim_start_matches('0') {
        "" => "0",
        i => i,
    };
    Some(match rest {
        "" => int.to_owned(),
        rest => format!("{int}.{rest}"),
    })
}

/// The qualifiers the report words with `wording` (超过 -> `over`; 第 -> `rank`, `ordinal`).
pub(crate) fn qualifiers_worded(wording: &str) -> Vec<Qualifier> {
    Qualifier::NAMES
        .iter()
        .filter_map(|n| Qualifier::from_name(n))
        .filter(|q| !wording.is_empty() && q.wordings().contains(&wording))
        .collect()
}

/// What to write instead of a value that is not among the choices.
fn choice_hint(key: &str, found: &str, choices: &[String], as_key: bool) -> Message {
    let names: Vec<&str> = choices.iter().map(String::as_str).collect();
    if key == "qualifier" {
        match qualifiers_worded(found).as_slice() {
            [one] if one.wordings()[0] == found => {
                return msg!(
                    "hint-qualifier-default",
                    qualifier = one.name(),
                    wording = found
                );
            }
            [one] => {
                return msg!(
                    "hint-qualifier-wording",
                    qualifier = one.name(),
                    wording = found
                );
            }
            [one, two, ..] => {
                return msg!(
                    "hint-qualifier-wording-either",
                    qualifier = one.name(),
                    other = two.name(),
                    wording = found
                );
            }
            [] => {}
        }
    }
    match nearest(found, &names) {
        Some(near) if as_key => msg!("hint-did-you-mean", word = near),
        Some(near) => msg!("hint-did-you-mean-value", key = key, near = near),
        None if as_key => msg!(
            "hint-choose-key",
            first = names.first().copied().unwrap_or("")
        ),
        None => msg!(
            "hint-choose-one",
            key = key,
            first = names.first().copied().unwrap_or("")
        ),
    }
}

/// The nearest known key, or where the key belongs when another part of the content model
/// has it, or the known keys.
fn unknown_key_hint(key: &str, known: &[&str]) -> Message {
    let here = SECTIONS
        .iter()
        .find(|(_, keys)| *keys == known)
        .map(|(section, _)| *section);
    if let Some(near) = nearest(key, known) {
        return msg!(
            "hint-unknown-key-near",
            near = near,
            known = known.join(", ")
        );
    }
    let elsewhere = SECTIONS
        .iter()
        .find(|(section, keys)| Some(*section) != here && keys.contains(&key));
    match elsewhere {
        Some((section, _)) => msg!(
            "hint-key-belongs",
            key = key,
            section = section.message(),
            known = known.join(", ")
        ),
        None => msg!("hint-unknown-key", known = known.join(", ")),
    }
}

/// One line of YAML read as `indent key: value`.
struct KeyLine<'a> {
    /// 1-based.
    number: usize,
    /// The whole line.
    text: &'a str,
    /// What comes before the key: spaces, `- `.
    lead: &'a str,
    /// The key, when the line has one.
    key: Option<&'a str>,
    /// What follows the key.
    after: &'a str,
}

/// The lines of `yaml`, block scalars (`|`, `>`) and comments skipped.
fn key_lines(yaml: &str) -> Vec<KeyLine<'_>> {
    let mut out = Vec::new();
    let mut block_indent: Option<usize> = None;
    for (i, text) in yaml.lines().enumerate() {
        let indent = text.len() - text.trim_start_matches(' ').len();
        if let Some(at) = block_indent {
            if text.trim().is_empty() || indent > at {
                continue;
            }
            block_indent = None;
        }
        if text.trim_start().starts_with('#') || text.trim().is_empty() {
            continue;
        }
        let mut lead_len = text.len() - text.trim_start_matches([' ', '\t', '\u{3000}']).len();
        while text[lead_len..].starts_with("- ") || &text[lead_len..] == "-" {
            lead_len = (lead_len + 1).min(text.len());
            lead_len = text.len() - text[lead_len..].trim_start_matches(' ').len();
        }
        let rest = &text[lead_len..];
        let key_len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
            .map_or(rest.len(), |(i, _)| i);
        let (key, after) = rest.split_at(key_len);
        let key =
            (!key.is_empty() && (after.starts_with(':') || after.starts_with('：'))).then_some(key);
        let line = KeyLine {
            number: i + 1,
            text,
            lead: &text[..lead_len],
            key,
            after,
        };
        if key.is_some() {
            let value = line.after.trim_start_matches([':', '：']).trim_start();
            if value.starts_with('|') || value.starts_with('>') {
                block_indent = Some(indent);
            }
        }
        out.push(line);
    }
    out
}

/// The column (1-based, in characters) of byte `at` of `line`.
fn column(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

/// The first slip at or before line `limit` (where serde_yaml stopped), or else the first
/// slip anywhere that is never valid YAML (a tab or a full-width space in the indentation, a
/// full-width colon after a key): serde_yaml may stop before it, on what it made of it.
fn first_slip(yaml: &str, limit: usize) -> Option<Explained> {
    let lines = key_lines(yaml);
    let all: Vec<&str> = yaml.lines().collect();
    let slips = || lines.iter().filter_map(|l| slip(l, &all));
    slips().find(|s| s.line <= limit).or_else(|| {
        slips().find(|s| {
            matches!(
                s.kind,
                ErrorKind::YamlSlip(
                    YamlSlip::Tab
                        | YamlSlip::FullWidthSpace { indent: true }
                        | YamlSlip::FullWidthColon { .. }
                )
            )
        })
    })
}

/// A slip in typing on one line, with the line as it should be written; `all` are the lines
/// of the text, for a quoted value that goes on over several lines.
fn slip(line: &KeyLine, all: &[&str]) -> Option<Explained> {
    let text = line.text;
    let at = |offset: usize, slip: YamlSlip, hint: Message| {
        Some(Explained {
            line: line.number,
            column: column(text, offset),
            kind: ErrorKind::YamlSlip(slip),
            hint,
        })
    };
    if let Some(tab) = line.lead.find('\t') {
        return at(tab, YamlSlip::Tab, msg!("hint-slip-tab"));
    }
    if let Some(space) = line.lead.find('\u{3000}') {
        return at(
            space,
            YamlSlip::FullWidthSpace { indent: true },
            msg!("hint-slip-full-width-indent"),
        );
    }
    let key = line.key?;
    let key_end = line.lead.len() + key.len();
    let fixed = |value: &str| format!("{key}: {}", value.trim());
    if let Some(value) = line.after.strip_prefix('：') {
        return at(
            key_end,
            YamlSlip::FullWidthColon {
                key: key.to_owned(),
            },
            msg!("hint-slip-write", fixed = fixed(value)),
        );
    }
    let value = line.after.strip_prefix(':')?;
    if let Some(rest) = value.strip_prefix('\u{3000}') {
        return at(
            key_end + 1,
            YamlSlip::FullWidthSpace { indent: false },
            msg!("hint-slip-write", fixed = fixed(rest)),
        );
    }
    if !value.is_empty() && !value.starts_with([' ', '/', '\t']) {
        return at(
            key_end + 1,
            YamlSlip::NoSpaceAfterColon {
                key: key.to_owned(),
            },
            msg!("hint-slip-write", fixed = fixed(value)),
        );
    }
    let start = key_end + 1 + (value.len() - value.trim_start().len());
    let value = value.trim();
    if let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
        if closing_quote(value, quote).is_none() && !closed_below(all, line.number, quote) {
            return at(
                start,
                YamlSlip::UnclosedQuote { quote },
                msg!("hint-slip-unclosed-quote", quote = quote.to_string()),
            );
        }
        return None;
    }
    if value.starts_with(['[', '{', '|', '>', '&', '*', '!', '#']) {
        return None;
    }
    let plain = value.split(" #").next().unwrap_or(value).trim_end();
    let colon = plain
        .find(": ")
        .or_else(|| plain.ends_with(':').then(|| plain.len() - 1))?;
    let quoted = format!("{key}: \"{}\"", plain.replace('"', "\\\""));
    at(
        start + colon,
        YamlSlip::ColonInValue {
            key: key.to_owned(),
        },
        msg!("hint-slip-quote-value", fixed = quoted),
    )
}

/// Whether a quoted value opened on 1-based line `number` is closed on one of the lines that
/// continue it (more indented than the line that opens it): YAML lets a quoted value run over
/// several lines.
fn closed_below(all: &[&str], number: usize, quote: char) -> bool {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let opening = all.get(number - 1).map_or(0, |l| indent(l));
    all.iter()
        .skip(number)
        .take_while(|l| l.trim().is_empty() || indent(l) > opening)
        .any(|l| l.contains(quote))
}

/// The byte offset of the quote closing a quoted value that starts with `quote`.
fn closing_quote(value: &str, quote: char) -> Option<usize> {
    let mut chars = value.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            (q, c) if q == c => return Some(i),
            _ => {}
        }
    }
    None
}

/// Warnings for values that lose their end to a comment: ` #` in an unquoted value starts a
/// comment, so `title: 第 #1 名` is the title `第`. Values that are a number, `true` or
/// `false` before the ` #` are taken to carry a real comment and are left alone.
pub(crate) fn comment_warnings(yaml: &str) -> Vec<Explained> {
    key_lines(yaml)
        .iter()
        .filter_map(|line| {
            let key = line.key?;
            let value_start = line.lead.len() + key.len() + 1;
            let value = line.after.strip_prefix(':')?;
            let start = value_start + (value.len() - value.trim_start().len());
            let value = value.trim();
            if value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#']) {
                return None;
            }
            let hash = value.find(" #")?;
            let kept = value[..hash].trim_end();
            let plain_value =
                kept.parse::<f64>().is_ok() || matches!(kept, "true" | "false" | "null" | "~" | "");
            if plain_value {
                return None;
            }
            let quoted = format!("{key}: \"{}\"", value.replace('"', "\\\""));
            Some(Explained {
                line: line.number,
                column: column(line.text, start + hash + 1),
                kind: ErrorKind::CommentInValue {
                    key: key.to_owned(),
                    kept: kept.to_owned(),
                },
                hint: msg!("hint-slip-quote-value", fixed = quoted),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml: &str) -> Explained {
        let err = serde_yaml::from_str::<T>(yaml).expect_err("a mistake");
        explain(&err, yaml).unwrap_or_else(|| panic!("not explained: {err}"))
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        title: Option<String>,
        weight: Option<i64>,
    }

    #[test]
    fn numbers_people_write_become_digits() {
        let cases = [
            ("2100万", Some("21000000")),
            ("1.2亿", Some("120000000")),
            ("15,000", Some("15000")),
            ("1.5万", Some("15000")),
            ("１５０００", Some("15000")),
            ("12.345万", Some("123450")),
            ("1.23456万", None),
            ("15000", None),
            ("很多", None),
            ("万", None),
        ];
        for (written, plain) in cases {
            assert_eq!(plain_number(written).as_deref(), plain, "{written}");
        }
    }

    #[test]
    fn a_full_width_colon_is_found_on_its_own_line() {
        let e = explained::<Page>("title: a\nweight：3\n");
        assert_eq!((e.line, e.column), (2, 7));
        assert_eq!(
            e.kind,
            ErrorKind::YamlSlip(YamlSlip::FullWidthColon {
                key: "weight".into()
            })
        );
        assert!(e.hint.to_string().contains("`weight: 3`"), "{}", e.hint);
        let e = explained::<Page>("title：会员发展\n");
        assert_eq!((e.line, e.column), (1, 6));
    }

    #[test]
    fn quotes_colons_and_spaces() {
        let e = explained::<Page>("title: \"会员发展\nweight: 3\n");
        assert_eq!((e.line, e.column), (1, 8));
        let e = explained::<Page>("title: 会员发展: 2025\nweight: 3\n");
        assert_eq!((e.line, e.column), (1, 12));
        assert!(e.hint.to_string().contains("`title: \"会员发展: 2025\"`"));
        let e = explained::<Page>("title: a\n　weight: 3\n");
        assert_eq!((e.line, e.column), (2, 1));
        let e = explained::<Page>("title:　会员\nweight: 3\n");
        assert_eq!((e.line, e.column), (1, 7));
    }

    #[test]
    fn a_quoted_value_may_go_on_over_lines() {
        let yaml = "title: \"会员\n  发展\"\nweight: x\n";
        let e = explained::<Page>(yaml);
        assert!(matches!(e.kind, ErrorKind::WrongType { .. }), "{e:?}");
        let e = explained::<Page>("title: a\nweight: x\ndescription：b\n");
        assert_eq!(e.line, 3, "never valid, wherever serde_yaml stopped: {e:?}");
        let e = explained::<Page>("title: a\nweight: x\n\tdescription: b\n");
        assert_eq!(
            e.kind,
            ErrorKind::YamlSlip(YamlSlip::Tab),
            "never valid: {e:?}"
        );
    }

    #[test]
    fn a_repeated_key_is_found_in_its_own_map() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            id: String,
            label: Option<String>,
        }
        let yaml = "- id: a\n  label: x\n- id: b\n  label: y\n  label: z\n";
        let e = explained::<Vec<Item>>(yaml);
        assert_eq!((e.line, e.column), (5, 3), "{e:?}");
        assert_eq!(
            e.kind,
            ErrorKind::DuplicateKey {
                key: "label".into(),
                first_line: 4
            }
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let e = explained::<Page>("weight: first\n");
        assert_eq!(
            e.kind,
            ErrorKind::WrongType {
                key: "weight".into(),
                section: Section::Page,
                expected: Expected::WholeNumber,
                found: Found::Value("first".into()),
            }
        );
        assert_eq!(
            e.kind.to_string(),
            "`weight` should be a whole number such as 3, not `first`"
        );
    }

    #[test]
    fn paths_name_their_section() {
        assert_eq!(
            section_and_key("figures[0].value"),
            (Section::Figure, "value".into())
        );
        assert_eq!(
            section_and_key("[3].value"),
            (Section::Figure, "value".into())
        );
        assert_eq!(section_and_key("site.source.outlet").0, Section::Source);
        assert_eq!(section_and_key("site.check.copy_rules").0, Section::Check);
        assert_eq!(section_and_key("weight"), (Section::Page, "weight".into()));
    }

    #[test]
    fn comments_in_values_are_found_and_real_comments_left_alone() {
        let found = comment_warnings("title: 第 #1 名\nweight: 3 # first\ndescription: \"a #b\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 10));
    }

    #[test]
    fn key_lists_match_the_content_model() {
        // serde's own list of known keys, from an unknown key in each part.
        let known = |yaml: &str| {
            let err = crate::front_matter::parse(&crate::source::SourceFile {
                rel_path: "content/_index.md".into(),
                text: format!("---\n{yaml}---\n"),
            })
            .expect_err("unknown key");
            err.hint
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        let site = "title: a\nsite:\n  title: a\n  base_url: /\n";
        for (yaml, keys) in [
            ("title: a\nzzzzzzzz: 1\n".to_owned(), PAGE_KEYS),
            (
                "title: a\nfigures:\n  - id: a\n    zzzzzzzz: 1\n".to_owned(),
                FIGURE_KEYS,
            ),
            (format!("{site}  zzzzzzzz: 1\n"), SITE_KEYS),
            (format!("{site}  source:\n    zzzzzzzz: 1\n"), SOURCE_KEYS),
            (format!("{site}  check:\n    zzzzzzzz: 1\n"), CHECK_KEYS),
        ] {
            assert!(known(&yaml).ends_with(&keys.join(", ")), "{}", known(&yaml));
        }
    }
}
