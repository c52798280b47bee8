//! Charts made at build time: one horizontal bar chart, as inline SVG, per figure group.
//!
//! Input: a page's figures. Output: [`Chart`]s (title, figures, SVG markup). The SVG has
//! `role="img"`, an `aria-label` carrying every value and a `<title>`; all text is escaped.
//! Colours come from CSS (classes `chart`, `bar`, `bar-label`, `bar-value`), with fallbacks.

use crate::front_matter::Figure;
use crate::text::escape_xml;

/// A chart of one figure group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Chart {
    /// The group name, used as the chart's title.
    pub title: String,
    /// An HTML id unique on the page: `chart-1`, `chart-2`, ...
    pub id: String,
    /// The figures of the group, in page order.
    pub figures: Vec<Figure>,
    /// The inline SVG.
    pub svg: String,
}

/// The drawing is narrow so that, scaled to a phone's width, its 14-unit text stays readable.
const WIDTH: f64 = 360.0;
const BAR_AREA: f64 = 250.0;
const BAR_HEIGHT: f64 = 16.0;
const LINE: f64 = 18.0;
const FONT: f64 = 14.0;
/// Label width in Chinese characters before it wraps (ASCII counts as 0.55).
const LABEL_WIDTH: f64 = 22.0;

/// One chart per group with at least two figures, in order of first appearance.
pub(crate) fn charts(figures: &[Figure]) -> Vec<Chart> {
    let mut groups: Vec<(&str, Vec<&Figure>)> = Vec::new();
    for figure in figures {
        let Some(group) = figure.group.as_deref() else {
            continue;
        };
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, members)) => members.push(figure),
            None => groups.push((group, vec![figure])),
        }
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .enumerate()
        .map(|(i, (title, members))| {
            let id = format!("chart-{}", i + 1);
            let svg = bar_chart_svg(title, &id, &members);
            Chart {
                title: title.to_owned(),
                id,
                figures: members.into_iter().cloned().collect(),
                svg,
            }
        })
        .collect()
}

/// The first figure whose unit differs from that of an earlier figure of its group, with that
/// earlier figure: `(earlier, later)`. A chart compares like with like, so 663支 and 2401次 can
/// never share one (the bars would compare numbers of different things).
pub(crate) fn unlike_units(figures: &[Figure]) -> Option<(&Figure, &Figure)> {
    figures.iter().enumerate().find_map(|(i, later)| {
        later.group.as_ref()?;
        figures[..i]
            .iter()
            .find(|earlier| earlier.group == later.group && earlier.unit != later.unit)
            .map(|earlier| (earlier, later))
    })
}

/// The chart of `figures` under `title`, with the HTML id `id`.
pub(crate) fn chart(title: &str, id: &str, figures: Vec<Figure>) -> Chart {
    let members: Vec<&Figure> = figures.iter().collect();
    let svg = bar_chart_svg(title, id, &members);
    Chart {
        title: title.to_owned(),
        id: id.to_owned(),
        figures,
        svg,
    }
}

/// Groups with a single member (a chart needs two), for the checker.
pub(crate) fn lonely_groups(figures: &[Figure]) -> Vec<&Figure> {
    figures
        .iter()
        .filter(|f| f.group.is_some() && figures.iter().filter(|g| g.group == f.group).count() == 1)
        .collect()
}

fn bar_chart_svg(title: &str, id: &str, figures: &[&Figure]) -> String {
    let max = figures.iter().map(|f| f.value).fold(0.0_f64, f64::max);
    let label: Vec<String> = figures
        .iter()
        .map(|f| format!("{} {}", f.label, f.text))
        .collect();
    // Chinese punctuation after a Chinese title, the ASCII marks after any other.
    let (colon, semicolon) = match title.chars().last().is_some_and(crate::text::is_wide) {
        true => ("：", "；"),
        false => (": ", "; "),
    };
    let aria = escape_xml(&format!("{title}{colon}{}", label.join(semicolon)));
    let mut rows = String::new();
    let mut y = 0.0;
    for figure in figures {
        let lines = wrap(&figure.label, balanced_width(&figure.label));
        rows.push_str(&format!("<text class=\"bar-label\" x=\"0\" y=\"{y:.1}\" font-size=\"{FONT}\" fill=\"currentColor\">"));
        for line in &lines {
            rows.push_str(&format!(
                "<tspan x=\"0\" dy=\"{LINE}\">{}</tspan>",
                escape_xml(line)
            ));
        }
        rows.push_str("</text>");
        let bar_y = y + LINE * lines.len() as f64 + 4.0;
        let share = if max > 0.0 { figure.value / max } else { 0.0 };
        let bar = (share * BAR_AREA).max(3.0);
        rows.push_str(&format!(
            "<rect class=\"bar\" x=\"0\" y=\"{bar_y:.1}\" width=\"{bar:.1}\" height=\"{BAR_HEIGHT}\" rx=\"2\" fill=\"#b3261e\"/>\
             <text class=\"bar-value\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{FONT}\" font-weight=\"700\" fill=\"currentColor\">{}</text>",
            bar + 6.0,
            bar_y + BAR_HEIGHT / 2.0 + FONT * 0.35,
            escape_xml(&figure.text),
        ));
        y = bar_y + BAR_HEIGHT + 14.0;
    }
    format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title\" aria-label=\"{aria}\" \
         viewBox=\"0 0 {WIDTH} {y:.0}\" preserveAspectRatio=\"xMinYMin meet\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{aria}</title>{rows}</svg>"
    )
}

/// The line width that splits a label into the fewest lines of about equal length, so a long
/// label does not leave one character alone on its last line.
fn balanced_width(text: &str) -> f64 {
    let total: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum();
    let lines = (total / LABEL_WIDTH).ceil().max(1.0);
    (total / lines + 1.0).min(LABEL_WIDTH)
}

/// Breaks a label into lines of at most `width` (a Chinese character is 1, ASCII 0.55), never
/// inside a run of ASCII letters or digits.
fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0.0;
    let mut word = String::new();
    let mut word_width = 0.0;
    let flush_word =
        |lines: &mut Vec<String>, used: &mut f64, word: &mut String, word_width: &mut f64| {
            if *used + *word_width > width && *used > 0.0 {
                lines.push(String::new());
                *used = 0.0;
            }
            if let Some(line) = lines.last_mut() {
                line.push_str(word);
            }
            *used += *word_width;
            word.clear();
            *word_width = 0.0;
        };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            word_width += 0.55;
            continue;
        }
        flush_word(&mut lines, &mut used, &mut word, &mut word_width);
        word.push(c);
        word_width = if c.is_ascii() { 0.55 } else { 1.0 };
        flush_word(&mut lines, &mut used, &mut word, &mut word_width);
    }
    flush_word(&mut lines, &mut used, &mut word, &mut word_width);
    lines.retain(|l| !l.trim().is_empty());
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{Numerals, Qualifier};

    fn figure(id: &str, value: f64, group: Option<&str>) -> Figure {
        Figure {
            id: id.into(),
            label: format!("<b>{id}</b>"),
            value,
            unit: "所".into(),
            qualifier: Qualifier::Exact,
            wording: String::new(),
            numerals: Numerals::Arabic,
            group: group.map(str::to_owned),
            key: false,
            note: None,
            source: None,
            display: value.to_string(),
            text: format!("{value}所"),
            line: 1,
        }
    }

    #[test]
    fn one_chart_per_group_of_two_or_more() {
        let figures = [
            figure("a", 15.0, Some("g")),
            figure("b", 31.0, Some("g")),
            figure("c", 1.0, Some("h")),
        ];
        let charts = charts(&figures);
        assert_eq!(charts.len(), 1);
        assert_eq!(charts[0].figures.len(), 2);
        assert!(charts[0].svg.contains("role=\"img\""));
        assert!(charts[0].svg.contains("31所"));
        assert!(!charts[0].svg.contains("<b>"), "labels are escaped");
        assert_eq!(lonely_groups(&figures).len(), 1);
    }

    #[test]
    fn a_group_holds_one_unit() {
        let mut times = figure("b", 2401.0, Some("g"));
        times.unit = "次".into();
        let figures = [
            figure("a", 663.0, Some("g")),
            figure("c", 5.0, None),
            times,
            figure("d", 7.0, Some("g")),
        ];
        let (earlier, later) = unlike_units(&figures).expect("mixed units");
        assert_eq!((earlier.id.as_str(), later.id.as_str()), ("a", "b"));
        assert_eq!(unlike_units(&figures[..2]), None);
        let mut ungrouped = figures[2].clone();
        ungrouped.group = None;
        assert_eq!(unlike_units(&[figures[0].clone(), ungrouped]), None);
    }

    #[test]
    fn long_labels_wrap_without_splitting_words() {
        let lines = wrap(
            "参与中职本科“3+4”贯通培养改革试点的本科高校和更多的中职学校2025",
            22.0,
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("2025")), "{lines:?}");
        assert_eq!(wrap("短", 22.0), vec!["短".to_owned()]);
        let label = "参与中职本科“3+4”贯通培养改革试点的本科高校";
        let balanced = wrap(label, balanced_width(label));
        assert_eq!(balanced.len(), 2);
        assert!(
            balanced.iter().all(|l| l.chars().count() >= 8),
            "no widow: {balanced:?}"
        );
    }

    #[test]
    fn longest_bar_is_the_largest_value() {
        let figures = [figure("a", 10.0, Some("g")), figure("b", 20.0, Some("g"))];
        let svg = &charts(&figures)[0].svg;
        assert!(svg.contains("width=\"250.0\""), "{svg}");
        assert!(svg.contains("width=\"125.0\""), "{svg}");
    }

    #[test]
    fn the_summary_is_punctuated_in_the_title_language() {
        let chinese = [figure("a", 1.0, Some("组")), figure("b", 2.0, Some("组"))];
        assert!(charts(&chinese)[0].svg.contains("aria-label=\"组："));
        let english = [
            figure("a", 1.0, Some("Pilots")),
            figure("b", 2.0, Some("Pilots")),
        ];
        let svg = &charts(&english)[0].svg;
        assert!(svg.contains("aria-label=\"Pilots: "), "{svg}");
        assert!(svg.contains("; ") && !svg.contains('；'), "{svg}");
    }
}
