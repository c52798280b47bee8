//! PARSE (data): figures and tables from `data/` (CSV, YAML or JSON).
//!
//! - A page whose front matter says `figures: data/skills.csv` takes its figures from that
//!   file: [`attach_figures`] reads it, checks every figure by the same rules as front matter,
//!   and locates any error at the data file's line and column.
//! - Any CSV file is also a table that the text can place: `{{table data/wages.csv}}` shows it
//!   as a table, `{{chart data/wages.csv}}` as a bar chart of its `label` and `value` columns
//!   ([`DataTable`], read by [`tables`]).
//!
//! A figures file has the front matter's keys as columns (CSV: a header row `id,label,value,
//! unit,qualifier`, then optional `wording`, `numerals`, `group`, `key`, `note`) or as the keys
//! of a list of maps (YAML, JSON).

use crate::i18n::{Message, msg};
use std::path::Path;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::front_matter::{self, ParsedPage, RawFigure};
use crate::source::SourceFile;

/// A CSV file of `data/` as a table: its header and its rows, each with its line. Templates
/// see `path`, `columns` and `rows` (each with `cells`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DataTable {
    /// `data/wages.csv`.
    pub path: String,
    /// The header row.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<DataRow>,
}

/// One row of a [`DataTable`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DataRow {
    /// Its line in the file.
    #[serde(skip)]
    pub line: usize,
    /// Its cells, in column order.
    pub cells: Vec<String>,
}

impl DataTable {
    /// The cells of column `name`, with their lines.
    pub(crate) fn column(&self, name: &str) -> Option<Vec<(usize, &str)>> {
        let at = self.columns.iter().position(|c| c == name)?;
        Some(
            self.rows
                .iter()
                .map(|row| (row.line, row.cells.get(at).map_or("", String::as_str)))
                .collect(),
        )
    }
}

/// A table's rows as figures for a chart: its `label` and `value` columns (and `unit`, one
/// for every row: a chart compares like with like), each row an exact figure.
pub(crate) fn table_figures(table: &DataTable) -> Result<Vec<crate::front_matter::Figure>> {
    let path = Path::new(&table.path);
    let fail = |line: usize, column: usize, kind: ErrorKind, hint: Message| {
        Error::new(kind)
            .at(Location::at(path, line, column))
            .hint(hint)
    };
    let (Some(labels), Some(values)) = (table.column("label"), table.column("value")) else {
        return Err(fail(
            1,
            1,
            ErrorKind::NoChartColumns {
                table: table.path.clone(),
            },
            msg!("hint-no-chart-columns"),
        ));
    };
    let units = table.column("unit");
    let value_at = table.columns.iter().position(|c| c == "value").unwrap_or(0);
    let mut figures = Vec::with_capacity(values.len());
    for (i, ((line, label), (_, value))) in labels.into_iter().zip(values).enumerate() {
        let cells = &table.rows[i].cells;
        let number: f64 = value.parse().map_err(|_| {
            fail(
                line,
                column_of(cells, value_at),
                ErrorKind::NotANumber {
                    cell: value.to_owned(),
                },
                number_hint(value),
            )
        })?;
        let unit = units
            .as_ref()
            .and_then(|u| u.get(i))
            .map_or("", |(_, u)| *u)
            .to_owned();
        if let Some(first) = figures
            .first()
            .map(|f: &crate::front_matter::Figure| &f.unit)
            && *first != unit
        {
            return Err(fail(
                line,
                1,
                ErrorKind::TableUnits {
                    row: i + 1,
                    unit: unit.clone(),
                    first: first.clone(),
                },
                msg!("hint-table-units"),
            ));
        }
        let qualifier = crate::figures::Qualifier::Exact;
        let numerals = crate::figures::Numerals::Arabic;
        let display = crate::figures::display(number, qualifier, "", numerals);
        figures.push(crate::front_matter::Figure {
            id: format!("row-{}", i + 1),
            label: label.to_owned(),
            value: number,
            text: format!("{display}{unit}"),
            unit,
            qualifier,
            wording: String::new(),
            numerals,
            group: None,
            key: false,
            note: None,
            source: None,
            display,
            line,
        });
    }
    Ok(figures)
}

/// Every CSV file under `data/` as a table, in path order.
pub(crate) fn tables(files: &[SourceFile]) -> Result<Vec<DataTable>> {
    files
        .iter()
        .filter(|f| f.rel_path.extension().is_some_and(|e| e == "csv"))
        .map(table)
        .collect()
}

fn table(file: &SourceFile) -> Result<DataTable> {
    let mut reader = csv_reader(&file.text);
    let columns = reader
        .headers()
        .map_err(|e| csv_error(&e, file))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e, file))?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        rows.push(DataRow {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(DataTable {
        path: crate::source::slash_path(&file.rel_path),
        columns,
        rows,
    })
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// Fills in the figures of pages whose front matter names a data file.
pub(crate) fn attach_figures(
    mut parsed: Vec<ParsedPage>,
    data: &[SourceFile],
) -> Result<Vec<ParsedPage>> {
    for page in parsed.iter_mut() {
        let Some((name, line)) = page.front.figures_from.clone() else {
            continue;
        };
        let wanted = Path::new(name.trim_start_matches("./"));
        let Some(file) = data.iter().find(|f| f.rel_path == wanted) else {
            let known: Vec<String> = data
                .iter()
                .map(|f| crate::source::slash_path(&f.rel_path))
                .collect();
            let hint = match known.is_empty() {
                true => msg!("hint-no-data-files"),
                false => msg!("hint-data-files-are", files = known.join(", ")),
            };
            return Err(Error::new(ErrorKind::UnknownDataFile { name })
                .at(Location::at(&page.source_path, line, 1))
                .hint(hint));
        };
        page.front.figures = figures_from(file)?;
    }
    Ok(parsed)
}

/// The figures of one data file, checked.
fn figures_from(file: &SourceFile) -> Result<Vec<crate::front_matter::Figure>> {
    let path = file.rel_path.as_path();
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension {
        "csv" => {
            let (raw, lines, columns) = csv_figures(file)?;
            let locate = |i: usize, key: &str| {
                let line = lines.get(i).map_or(1, |(line, _)| *line);
                let column = columns.iter().position(|c| c == key).map_or(1, |at| {
                    lines.get(i).map_or(1, |(_, cells)| column_of(cells, at))
                });
                Location::at(path, line, column)
            };
            front_matter::resolve_figures(raw, &locate).map_err(|e| e.with_source(&file.text))
        }
        "yaml" | "yml" => {
            let raw: Vec<RawFigure> = serde_yaml::from_str(&file.text).map_err(|e| {
                if let Some(found) = crate::yaml_mistakes::explain(&e, &file.text) {
                    return data_error(file, found.line, found.column, found.kind).hint(found.hint);
                }
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                data_error(file, line, column, parse_error(&e))
            })?;
            let locate = front_matter::yaml_locator(&raw, path, &file.text, 1);
            front_matter::resolve_figures(raw, &locate).map_err(|e| e.with_source(&file.text))
        }
        "json" => {
            let raw: Vec<RawFigure> = serde_json::from_str(&file.text)
                .map_err(|e| data_error(file, e.line(), e.column(), parse_error(&e)))?;
            let ids: Vec<usize> = raw
                .iter()
                .map(|f| {
                    let quoted = format!("\"{}\"", f.id);
                    file.text
                        .lines()
                        .position(|l| l.contains("\"id\"") && l.contains(&quoted))
                        .map_or(1, |i| i + 1)
                })
                .collect();
            let locate =
                |i: usize, _: &str| Location::at(path, ids.get(i).copied().unwrap_or(1), 1);
            front_matter::resolve_figures(raw, &locate).map_err(|e| e.with_source(&file.text))
        }
        _ => Err(Error::new(ErrorKind::NotADataFile {
            path: path.to_owned(),
        })
        .at(Location::file(path))
        .hint(msg!("hint-not-a-data-file"))),
    }
}

/// A CSV file's figures, each row's (line, cells), and the header.
type CsvFigures = (Vec<RawFigure>, Vec<(usize, Vec<String>)>, Vec<String>);

fn csv_figures(file: &SourceFile) -> Result<CsvFigures> {
    let mut reader = csv_reader(&file.text);
    let headers = reader.headers().map_err(|e| csv_error(&e, file))?.clone();
    let columns: Vec<String> = headers.iter().map(str::to_owned).collect();
    let (mut raw, mut lines) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e, file))?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        let figure: RawFigure = record.deserialize(Some(&headers)).map_err(|e| {
            let (field, why) = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => (err.field(), err.kind().to_string()),
                _ => (None, e.to_string()),
            };
            // csv names no field for a value not among an enum's choices: find its cell.
            let variant = why
                .strip_prefix("unknown variant `")
                .and_then(|rest| rest.split('`').next());
            let at = field.map(|f| f as usize).or_else(|| {
                let variant = variant?;
                cells.iter().position(|c| c == variant)
            });
            let at = at.unwrap_or(0);
            let column = column_of(&cells, at);
            let cell = cells.get(at).map_or("", String::as_str);
            match columns.get(at).map(String::as_str) {
                Some("value") => data_error(
                    file,
                    line,
                    column,
                    ErrorKind::NotANumber {
                        cell: cell.to_owned(),
                    },
                )
                .hint(number_hint(cell)),
                Some(name) => {
                    match crate::yaml_mistakes::explain_message(&format!("[0].{name}: {why}"), "") {
                        // A qualifier (or numerals) that is not among the choices.
                        Some((kind @ ErrorKind::NotAChoice { .. }, hint)) => {
                            let worded = crate::yaml_mistakes::qualifiers_worded(cell);
                            let hint = match worded.first() {
                                Some(q) if name == "qualifier" => msg!(
                                    "hint-cell-qualifier",
                                    qualifier = q.name(),
                                    wording = cell
                                ),
                                _ => hint,
                            };
                            data_error(file, line, column, kind).hint(hint)
                        }
                        _ => data_error(
                            file,
                            line,
                            column,
                            ErrorKind::BadCell {
                                cell: cell.to_owned(),
                                column: name.to_owned(),
                                cause: why,
                            },
                        ),
                    }
                }
                None => data_error(file, line, column, ErrorKind::DataParse { message: why }),
            }
        })?;
        raw.push(figure);
        lines.push((line, cells));
    }
    Ok((raw, lines, columns))
}

/// What to write in a `value` cell that is not a number: its digits when it is a number
/// written with 万, 亿 or commas (`1.5万` -> `15000`).
fn number_hint(cell: &str) -> Message {
    match crate::yaml_mistakes::plain_number(cell) {
        Some(number) => {
            let shown = number.parse::<f64>().map_or_else(
                |_| number.clone(),
                |v| crate::figures::format_number(v, crate::figures::Numerals::Arabic),
            );
            msg!("hint-number-cell", number = number, shown = shown)
        }
        None => msg!("hint-not-a-number"),
    }
}

/// The 1-based column (in characters) where cell `at` starts, for cells written unquoted.
fn column_of(cells: &[String], at: usize) -> usize {
    1 + cells
        .iter()
        .take(at)
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
}

fn csv_error(err: &csv::Error, file: &SourceFile) -> Error {
    let line = err.position().map_or(1, |p| p.line() as usize);
    data_error(file, line, 1, parse_error(err))
}

/// A data file's parser refused it: its explanation.
fn parse_error(err: &dyn std::error::Error) -> ErrorKind {
    ErrorKind::DataParse {
        message: err.to_string(),
    }
}

fn data_error(file: &SourceFile, line: usize, column: usize, kind: ErrorKind) -> Error {
    Error::new(kind)
        .at(Location::at(&file.rel_path, line, column))
        .with_source(&file.text)
        .hint(msg!("hint-figures-file-columns"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            rel_path: path.into(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn csv_rows_are_figures() {
        let data = file(
            "data/f.csv",
            "id,label,value,unit,qualifier,wording\nrooms,职工书屋,15000,家,more_than,\nparts,参与单位,22,家,exact,\n",
        );
        let figures = figures_from(&data).expect("figures");
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].text, "1.5万余家");
        assert_eq!(figures[1].line, 3);
    }

    #[test]
    fn csv_errors_name_line_and_column() {
        let data = file(
            "data/f.csv",
            "id,label,value,unit,qualifier\nrooms,职工书屋,1.5万,家,exact\n",
        );
        let err = figures_from(&data).expect_err("bad value");
        let location = err.location.clone().expect("located");
        assert_eq!((location.line, location.column), (Some(2), Some(12)));
        let data = file(
            "data/f.csv",
            "id,label,value,unit,qualifier\nlaw,法规,2,部,first\n",
        );
        let err = figures_from(&data).expect_err("first is 1");
        assert_eq!(err.line(), Some(2), "{err}");
    }

    #[test]
    fn yaml_and_json_lists_are_figures() {
        let yaml = file(
            "data/f.yaml",
            "- id: a\n  label: 甲\n  value: 3\n  unit: 年\n  qualifier: in_a_row\n",
        );
        assert_eq!(figures_from(&yaml).expect("yaml")[0].text, "连续3年");
        let json = file(
            "data/f.json",
            "[\n {\"id\": \"a\", \"label\": \"甲\", \"value\": 3, \"unit\": \"年\", \"qualifier\": \"in_a_row\"}\n]\n",
        );
        assert_eq!(figures_from(&json).expect("json")[0].text, "连续3年");
    }

    #[test]
    fn tables_keep_lines() {
        let t = table(&file("data/t.csv", "label,value\n甲,1\n乙,2\n")).expect("table");
        assert_eq!(t.columns, vec!["label", "value"]);
        assert_eq!(t.column("value").expect("col"), vec![(2, "1"), (3, "2")]);
    }
}
