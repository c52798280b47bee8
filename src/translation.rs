//! Translations: `NAME.CODE.md` beside `NAME.md` is the page in language `CODE`.
//!
//! A translation gives only words: its title, description and body, and for each figure of the
//! original its label (and a unit, group and note in the translation's language). The values
//! are the original's: a figure is typed once, in the default language, and a translation that
//! gives a different value, lacks a figure or names one the original does not have is an error
//! at its line. [`merge`] makes the translated page's front matter from the original's and the
//! translation's words; English figures are worded by [`crate::english`].

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::front_matter::{Figure, FrontMatter, SourceAttribution};
use crate::i18n::msg;

/// The language code of a translation's file name: `en` for `content/skills.en.md`,
/// `en-gb` for `a.en-gb.md`; `None` for an original. A code is two or three lowercase
/// letters, optionally followed by `-` and a region or script.
pub(crate) fn code(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    let (language, region) = code
        .split_once('-')
        .map_or((code, None), |(l, r)| (l, Some(r)));
    let letters = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
    };
    let region_ok = region.is_none_or(|r| {
        (2..=8).contains(&r.len())
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    (letters(language, 2..=3) && region_ok).then_some(code)
}

/// The original of a translation: `content/skills.md` for `content/skills.en.md`.
pub(crate) fn original_path(path: &Path, code: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let original = name.replacen(&format!(".{code}.md"), ".md", 1);
    path.with_file_name(original)
}

/// Where the translation of `original` into `code` lives: `content/skills.en.md`.
pub(crate) fn path_for(original: &Path, code: &str) -> PathBuf {
    let name = original
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    original.with_file_name(format!("{stem}.{code}.md"))
}

/// What a translation's front matter says: words only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTranslation {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) draft: bool,
    #[serde(default)]
    pub(crate) figures: Vec<RawFigureWords>,
    pub(crate) site: Option<SiteWords>,
}

/// A figure's words in a translation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigureWords {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) unit: Option<String>,
    pub(crate) group: Option<String>,
    pub(crate) note: Option<String>,
    /// Allowed only to repeat the original's value: a different one is an error.
    pub(crate) value: Option<f64>,
}

/// A figure's words, with the lines they are written on.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureWords {
    /// The original figure's id.
    pub id: String,
    /// The label in the translation's language.
    pub label: String,
    /// The unit word, when the translation's language needs one.
    pub unit: Option<String>,
    /// The group (chart title) in the translation's language.
    pub group: Option<String>,
    /// The note in the translation's language.
    pub note: Option<String>,
    /// A value repeated from the original (checked against it).
    pub value: Option<f64>,
    /// Where the figure's `id:` is.
    pub at: Location,
    /// Where its `value:` is, if written.
    pub value_at: Location,
}

/// The site settings a translation of the home page may give: the words of the site.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteWords {
    /// The site's title in the translation's language.
    pub title: Option<String>,
    /// The site's description.
    pub description: Option<String>,
    /// The source's attribution in the translation's language.
    pub source: Option<SourceAttribution>,
    /// The built-in theme's words this language changes (its defaults are the theme's own
    /// strings for the language; the default language's `strings:` do not carry over).
    #[serde(default)]
    pub strings: crate::theme::Strings,
}

/// What a translation brings to its original.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The language code of the file name (`en`).
    pub code: String,
    /// The original's source path (`content/skills.md`).
    pub original: PathBuf,
    /// The figures' words, in the order written.
    pub figures: Vec<FigureWords>,
    /// The site's words (on the home page's translation only).
    pub site: Option<SiteWords>,
}

/// The translated page's front matter: the original's, with the translation's title,
/// description and figure words, and every figure worded in `language` (a BCP 47 tag).
pub(crate) fn merge(
    original: &FrontMatter,
    original_path: &Path,
    words: &FrontMatter,
    translation: &Translation,
    translation_path: &Path,
    language: &str,
) -> Result<FrontMatter> {
    for (i, w) in translation.figures.iter().enumerate() {
        if translation.figures[..i]
            .iter()
            .any(|earlier| earlier.id == w.id)
        {
            return Err(Error::new(ErrorKind::DuplicateFigure { id: w.id.clone() })
                .at(w.at.clone())
                .hint(msg!("hint-duplicate-figure")));
        }
        if !original.figures.iter().any(|f| f.id == w.id) {
            return Err(Error::new(ErrorKind::TranslationUnknownFigure {
                id: w.id.clone(),
                original: original_path.display().to_string(),
            })
            .at(w.at.clone())
            .hint(msg!("hint-translation-unknown-figure")));
        }
    }
    let english = language.to_ascii_lowercase().starts_with("en");
    let mut figures = Vec::with_capacity(original.figures.len());
    for figure in &original.figures {
        let Some(w) = translation.figures.iter().find(|w| w.id == figure.id) else {
            return Err(Error::new(ErrorKind::TranslationMissingFigure {
                id: figure.id.clone(),
                original: original_path.display().to_string(),
                line: figure.line,
            })
            .at(Location::file(translation_path))
            .hint(msg!("hint-translation-missing-figure", id = &figure.id)));
        };
        if let Some(value) = w.value
            && value != figure.value
        {
            return Err(Error::new(ErrorKind::TranslationValue {
                id: figure.id.clone(),
                value: crate::figures::decimal(value),
                original_value: crate::figures::decimal(figure.value),
                original: original_path.display().to_string(),
                line: figure.line,
            })
            .at(w.value_at.clone())
            .hint(msg!("hint-translation-value")));
        }
        let needs = |what: &'static str, theirs: &Option<String>, ours: &Option<String>| {
            if theirs.is_some() && ours.is_none() {
                Err(Error::new(ErrorKind::TranslationMissingWords {
                    id: figure.id.clone(),
                    key: what.to_owned(),
                })
                .at(w.at.clone())
                .hint(msg!("hint-translation-missing-words", key = what)))
            } else {
                Ok(())
            }
        };
        needs("group", &figure.group, &w.group)?;
        needs("note", &figure.note, &w.note)?;
        let unit = match &w.unit {
            Some(unit) => unit.clone(),
            None if figure.unit.chars().all(|c| !crate::text::is_wide(c)) => figure.unit.clone(),
            None => {
                return Err(Error::new(ErrorKind::TranslationMissingWords {
                    id: figure.id.clone(),
                    key: "unit".to_owned(),
                })
                .at(w.at.clone())
                .hint(msg!("hint-translation-unit", unit = &figure.unit)));
            }
        };
        let (display, unit, text) = if english {
            let display = crate::english::display(figure.value, figure.qualifier, &figure.wording);
            let unit = crate::english::unit(&unit, figure.qualifier);
            let text = crate::english::text(&display, &unit, figure.qualifier);
            (display, unit, text)
        } else {
            let text = format!("{}{unit}", figure.display);
            (figure.display.clone(), unit, text)
        };
        figures.push(Figure {
            label: w.label.clone(),
            unit,
            group: w.group.clone(),
            note: w.note.clone(),
            display,
            text,
            line: w.at.line.unwrap_or(1),
            ..figure.clone()
        });
    }
    Ok(FrontMatter {
        title: words.title.clone(),
        // Never the original's: a page with no description of its own shows its language's
        // site description, not one in the other language.
        description: words.description.clone(),
        draft: original.draft || words.draft,
        figures,
        figures_from: None,
        site: None,
        warnings: words.warnings.clone(),
        ..original.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(code(Path::new("content/skills.en.md")), Some("en"));
        assert_eq!(code(Path::new("content/_index.en.md")), Some("en"));
        assert_eq!(code(Path::new("content/a.en-gb.md")), Some("en-gb"));
        assert_eq!(code(Path::new("content/skills.md")), None);
        assert_eq!(code(Path::new("content/v1.2.md")), None);
        assert_eq!(code(Path::new("content/.en.md")), None);
        assert_eq!(code(Path::new("content/a.EN.md")), None);
        assert_eq!(
            original_path(Path::new("content/a/_index.en.md"), "en"),
            PathBuf::from("content/a/_index.md")
        );
    }
}
