//! Blocks placed in the text (`{{card id}}`, `{{chart group}}`, `{{table}}`, `{{table
//! data/x.csv}}`, `{{chart data/x.csv}}`) rendered with the site's templates, or as plain HTML
//! when it has none; and the located errors for references and blocks that name nothing.

use crate::i18n::{Message, msg};
use serde::Serialize;

use super::context::KeyFigurePage;
use super::{Renderer, page_url};
use crate::chart::{self, Chart};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::front_matter::Figure;
use crate::markdown::references::{Block, BlockKind, FigureIndex, UnknownReference, target_of};
use crate::site::{Page, Site};
use crate::text::escape_xml;

/// What a block's template sees besides `site`, `menu` and `key_figures`: `in_text` (true) and
/// one of `figure` (with `card_page` when it is another page's), `chart` or `figures`.
#[derive(Debug, Default, Serialize)]
pub(super) struct BlockContext<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) figure: Option<&'a Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_page: Option<KeyFigurePage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) chart: Option<&'a Chart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) figures: Option<&'a [Figure]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) table: Option<&'a crate::data::DataTable>,
    pub(super) in_text: bool,
}

/// A card template writes one `<li>`; in the text it needs its list.
fn wrap_card(html: &str) -> String {
    if html.trim_start().starts_with("<li") {
        format!("<ul class=\"stats stats--in-text\">{}</ul>", html.trim())
    } else {
        html.to_owned()
    }
}

/// A data table as HTML: its header, then its rows.
fn plain_data_table(table: &crate::data::DataTable) -> String {
    let cells = |row: &[String], tag: &str| -> String {
        row.iter()
            .map(|c| format!("<{tag}>{}</{tag}>", escape_xml(c)))
            .collect()
    };
    let rows: String = table
        .rows
        .iter()
        .map(|row| format!("<tr>{}</tr>", cells(&row.cells, "td")))
        .collect();
    format!(
        "<table class=\"data-table\"><thead><tr>{}</tr></thead><tbody>{rows}</tbody></table>",
        cells(&table.columns, "th")
    )
}

/// Figures as a two-column table: label, display text.
fn plain_table(figures: &[&Figure]) -> String {
    let rows: String = figures
        .iter()
        .map(|f| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                escape_xml(&f.label),
                escape_xml(&f.text)
            )
        })
        .collect();
    format!("<table class=\"figure-table\"><tbody>{rows}</tbody></table>")
}

impl Renderer<'_> {
    /// The HTML of a block placed in the text: with the site's template for it when there is
    /// one (`partials/figure_card.html`, `partials/chart.html`, `partials/figure_table.html`,
    /// given `in_text = true`), else a plain one.
    pub(super) fn block(&self, page: &Page, body: &str, block: &Block) -> Result<String> {
        let located = |kind: ErrorKind, hint: Message| {
            located_in_body(page, body, block.range.start, kind).hint(hint)
        };
        match block.kind {
            BlockKind::Card => {
                let (owner, figure) = self.figure(page, &block.name).ok_or_else(|| {
                    let near = self.shared.figures().suggestions(&page.path, &block.name);
                    let hint = match near.first() {
                        Some(near) => msg!("hint-card-near", near = near.as_str()),
                        None => msg!("hint-card"),
                    };
                    let name = block.name.clone();
                    located(ErrorKind::UnknownCard { name }, hint)
                })?;
                let card_page = (owner.path != page.path).then(|| KeyFigurePage {
                    title: &owner.front.title,
                    url: page_url(self.site, owner),
                });
                let data = BlockContext {
                    figure: Some(figure),
                    card_page,
                    in_text: true,
                    ..BlockContext::default()
                };
                self.render_block("partials/figure_card.html", &data, page, || {
                    format!(
                        "<li class=\"stat\" data-figure=\"{}\"><p class=\"stat__value\"><data value=\"{}\">{}</data></p><p class=\"stat__label\">{}</p></li>",
                        escape_xml(&figure.id), figure.value, escape_xml(&figure.text), escape_xml(&figure.label)
                    )
                }).map(|html| wrap_card(&html))
            }
            BlockKind::Chart | BlockKind::Table if block.name.starts_with("data/") => {
                self.data_block(page, block, &located)
            }
            BlockKind::Chart => {
                let charts = chart::charts(&page.front.figures);
                let mut chart = charts
                    .into_iter()
                    .find(|c| c.title == block.name)
                    .ok_or_else(|| {
                        let groups: Vec<&str> = page
                            .front
                            .figures
                            .iter()
                            .filter_map(|f| f.group.as_deref())
                            .collect();
                        let hint = match crate::error::nearest(&block.name, &groups) {
                            Some(near) => msg!("hint-chart-near", near = near),
                            None => msg!("hint-chart"),
                        };
                        located(
                            ErrorKind::UnknownChart {
                                name: block.name.clone(),
                            },
                            hint,
                        )
                    })?;
                // The same chart may also be drawn elsewhere on the page: its ids get a suffix.
                let id = format!("{}-in-text", chart.id);
                chart.svg = chart
                    .svg
                    .replace(&format!("\"{}-", chart.id), &format!("\"{id}-"));
                chart.id = id;
                self.chart_block(page, &chart)
            }
            BlockKind::Table => {
                let figures: Vec<&Figure> = page.front.figures.iter().collect();
                let data = BlockContext {
                    figures: Some(&page.front.figures),
                    in_text: true,
                    ..BlockContext::default()
                };
                self.render_block("partials/figure_table.html", &data, page, || {
                    plain_table(&figures)
                })
            }
        }
    }

    /// A CSV table of `data/` placed as a table or a chart.
    fn data_block(
        &self,
        page: &Page,
        block: &Block,
        located: &dyn Fn(ErrorKind, Message) -> Error,
    ) -> Result<String> {
        let table = self
            .site
            .data
            .iter()
            .find(|t| t.path == block.name)
            .ok_or_else(|| {
                let known: Vec<&str> = self.site.data.iter().map(|t| t.path.as_str()).collect();
                let hint = match known.is_empty() {
                    true => msg!("hint-no-tables"),
                    false => msg!("hint-tables-are", tables = known.join(", ")),
                };
                let name = block.name.clone();
                located(ErrorKind::UnknownTable { name }, hint)
            })?;
        if block.kind == BlockKind::Table {
            let data = BlockContext {
                table: Some(table),
                in_text: true,
                ..BlockContext::default()
            };
            return self.render_block("partials/data_table.html", &data, page, || {
                plain_data_table(table)
            });
        }
        let title = std::path::Path::new(&table.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = format!("chart-{}", crate::site::url_segment(&title));
        let chart = chart::chart(&title, &id, crate::data::table_figures(table)?);
        self.chart_block(page, &chart)
    }

    /// A chart placed in the text, with its data table.
    fn chart_block(&self, page: &Page, chart: &Chart) -> Result<String> {
        let data = BlockContext {
            chart: Some(chart),
            in_text: true,
            ..BlockContext::default()
        };
        self.render_block("partials/chart.html", &data, page, || {
            format!(
                "<figure class=\"chart-card\" id=\"{}\"><figcaption>{}</figcaption>{}{}</figure>",
                escape_xml(&chart.id),
                escape_xml(&chart.title),
                chart.svg,
                plain_table(&chart.figures.iter().collect::<Vec<_>>())
            )
        })
    }

    /// The figure a card names: `id` on `page`, or `path/id` on another page.
    fn figure<'s>(&'s self, page: &'s Page, name: &str) -> Option<(&'s Page, &'s Figure)> {
        let (path, id) = target_of(&page.path, name);
        // Another page's figure is that page's in the same language, when it is translated.
        let localized = format!("{}{path}", self.site.prefix_of(page));
        let localized = localized.trim_matches('/');
        let pages = &self.site.pages;
        let owner = pages
            .iter()
            .find(|p| p.lang == page.lang && p.path.trim_matches('/') == localized)
            .or_else(|| pages.iter().find(|p| p.path.trim_matches('/') == path))?;
        owner
            .front
            .figures
            .iter()
            .find(|f| f.id == id)
            .map(|f| (owner, f))
    }

    fn render_block(
        &self,
        template: &str,
        data: &BlockContext,
        page: &Page,
        plain: impl FnOnce() -> String,
    ) -> Result<String> {
        if !self.has_template(template) {
            return Ok(plain());
        }
        let context = self.shared.context(page.lang, data)?;
        let bytes = self.render(template, &context, &page.source_path)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// The error for a reference that names no figure, at its line and column in the file.
pub(super) fn unknown_reference(
    site: &Site,
    page: &Page,
    body: &str,
    figures: &FigureIndex,
    unknown: &UnknownReference,
) -> Error {
    let (target_page, id) = target_of(&page.path, &unknown.name);
    let draft = site
        .draft_figures
        .iter()
        .find(|(path, figure, _)| path.trim_matches('/') == target_page && figure == id);
    if let Some((_, _, source)) = draft {
        let kind = ErrorKind::UnknownFigureReference {
            name: unknown.name.clone(),
        };
        return located_in_body(page, body, unknown.range.start, kind)
            .hint(msg!("hint-figure-on-draft", source = source));
    }
    let suggestions = figures.suggestions(&page.path, &unknown.name);
    let hint = match suggestions.first() {
        Some(near) => msg!("hint-figure-reference-near", near = near.as_str()),
        None => msg!("hint-figure-reference"),
    };
    let kind = ErrorKind::UnknownFigureReference {
        name: unknown.name.clone(),
    };
    located_in_body(page, body, unknown.range.start, kind).hint(hint)
}

/// An error at byte `offset` of a page's body (`body`), located in file coordinates, with its
/// line.
pub(super) fn located_in_body(page: &Page, body: &str, offset: usize, kind: ErrorKind) -> Error {
    let (line, column) = crate::error::line_column(body, offset);
    let mut error = Error::new(kind).at(Location::at(
        &page.source_path,
        page.body_line + line - 1,
        column,
    ));
    error.source_line = body.lines().nth(line - 1).map(str::to_owned);
    error
}
