//! EXTRAS: the figures as data files a reader can download.
//!
//! Each page with figures gets `figures.csv` and `figures.json` beside its `index.html`, and the
//! site gets `all-figures.csv` and `all-figures.json` at its root with every figure of every
//! page (each other language at its own root, `en/all-figures.csv`, in its own words). A row
//! carries the figure's id, label, value, unit, qualifier, wording, the text the site shows, the
//! page's address (with `#fig-<id>`, the figure's card) and the source: the figure's own
//! `source:` when it has one, else the site's. The CSV starts with a
//! UTF-8 byte-order mark, so spreadsheet programs read its Chinese text correctly.

use crate::error::IoAction;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::front_matter::Figure;
use crate::render::{OutputFile, page_url, permalink};
use crate::site::{Page, Site};

/// One figure as a row of the data files.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    label: &'a str,
    value: f64,
    unit: &'a str,
    qualifier: crate::figures::Qualifier,
    wording: &'a str,
    text: &'a str,
    page: String,
    source: &'a str,
}

const COLUMNS: [&str; 9] = [
    "id",
    "label",
    "value",
    "unit",
    "qualifier",
    "wording",
    "text",
    "page",
    "source",
];

/// The data files of every page with figures, and the site's.
pub(crate) fn figure_files(
    site: &Site,
    emit: &mut impl FnMut(OutputFile) -> Result<()>,
) -> Result<()> {
    for (lang, language) in site.languages.iter().enumerate() {
        let source = site_source(&language.config);
        let mut all = Vec::new();
        let pages = site.pages.iter().filter(|p| p.lang == lang);
        for page in pages.filter(|p| !p.front.figures.is_empty()) {
            let rows: Vec<Row> = page
                .front
                .figures
                .iter()
                .map(|f| row(site, page, f, &source))
                .collect();
            emit((format!("{}figures.csv", page.path), csv(&rows)?))?;
            emit((format!("{}figures.json", page.path), json(&rows)))?;
            all.extend(rows);
        }
        if !all.is_empty() {
            let prefix = &language.prefix;
            emit((format!("{prefix}all-figures.csv"), csv(&all)?))?;
            emit((format!("{prefix}all-figures.json"), json(&all)))?;
        }
    }
    Ok(())
}

/// The site's source as one line: the report's title and outlet (`《title》` in Chinese,
/// `"title"` otherwise).
fn site_source(config: &crate::site::SiteConfig) -> String {
    let Some(source) = &config.source else {
        return String::new();
    };
    let mut parts = vec![source.outlet.clone()];
    if !source.title.is_empty() && config.language.to_ascii_lowercase().starts_with("zh") {
        parts.push(format!("《{}》", source.title));
    } else if !source.title.is_empty() {
        parts.push(format!("\"{}\"", source.title));
    }
    if let Some(date) = &source.date {
        parts.push(date.clone());
    }
    parts.join(" ")
}

fn row<'a>(site: &Site, page: &Page, figure: &'a Figure, source: &'a str) -> Row<'a> {
    let source = figure.source.as_deref().unwrap_or(source);
    Row {
        id: &figure.id,
        label: &figure.label,
        value: figure.value,
        unit: &figure.unit,
        qualifier: figure.qualifier,
        wording: &figure.wording,
        text: &figure.text,
        // The page's address: absolute with a base URL, else from the site's root.
        page: format!(
            "{}#fig-{}",
            permalink(site, page).unwrap_or_else(|| page_url(site, page)),
            figure.id
        ),
        source,
    }
}

fn json(rows: &[Row]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(rows).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The rows as CSV (RFC 4180, written by the `csv` crate), after a byte-order mark.
fn csv(rows: &[Row]) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let failed = |e: csv::Error| {
        Error::io_action(
            IoAction::WriteFile {
                name: "figures.csv",
            },
            e.into(),
        )
    };
    writer.write_record(COLUMNS).map_err(failed)?;
    for row in rows {
        let cells = [
            row.id.to_owned(),
            row.label.to_owned(),
            number(row.value),
            row.unit.to_owned(),
            row.qualifier.name().to_owned(),
            row.wording.to_owned(),
            row.text.to_owned(),
            row.page.clone(),
            row.source.to_owned(),
        ];
        writer
            .write_record(cells.iter().map(|c| defuse(c)))
            .map_err(failed)?;
    }
    writer.into_inner().map_err(|e| {
        Error::io_action(
            IoAction::WriteFile {
                name: "figures.csv",
            },
            e.into_error(),
        )
    })
}

/// A value as written in data: `15000`, `0.5`, never `15000.0` or an exponent.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// A cell that starts with `=`, `+`, `-` or `@` gets a `'` in front, so a spreadsheet does not
/// run it as a formula (a negative number stays as it is).
fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '@') => format!("'{cell}"),
        Some('-') if cell.parse::<f64>().is_err() => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        let cell = |text: &str| {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record([defuse(text)]).expect("write");
            String::from_utf8(writer.into_inner().expect("bytes")).expect("utf-8")
        };
        assert_eq!(cell("1.5万余家"), "1.5万余家\n");
        assert_eq!(cell("a,b"), "\"a,b\"\n");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"\n");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)\n");
        assert_eq!(cell("-3.5"), "-3.5\n");
        assert_eq!(number(15000.0), "15000");
        assert_eq!(number(0.5), "0.5");
    }
}
