//! Charts made at build time: one horizontal bar chart, as inline SVG, per figure group.
//!
//! Input: a page's figures. Output: [`Chart`]s (title, figures, SVG markup). The SVG has
//! `role="img"`, an `aria-label` carrying every value and a `<title>`; all text is escaped.
//! Colours come from CSS (classes `chart`, `bar`, `bar-label`, `bar-value`), with fallbacks.

use crate::front_matter::Figure;
use crate::text::escape_xml;

/// A chart of one figure group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Chart {
    /// The group name, used as the chart's title.
    pub title: String,
    /// An HTML id unique on the page: `chart-1`, `chart-2`, ...
    pub id: String,
    /// The figures of the group, in page order.
    pub figures: Vec<Figure>,
    /// The inline SVG.
    pub svg: String,
}

const WIDTH: f64 = 640.0;
const BAR_AREA: f64 = 470.0;
const ROW: f64 = 58.0;

/// One chart per group with at least two figures, in order of first appearance.
pub fn charts(figures: &[Figure]) -> Vec<Chart> {
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

/// Groups with a single member (a chart needs two), for the checker.
pub fn lonely_groups(figures: &[Figure]) -> Vec<&Figure> {
    figures
        .iter()
        .filter(|f| f.group.is_some() && figures.iter().filter(|g| g.group == f.group).count() == 1)
        .collect()
}

fn bar_chart_svg(title: &str, id: &str, figures: &[&Figure]) -> String {
    let max = figures.iter().map(|f| f.value).fold(0.0_f64, f64::max);
    let height = ROW * figures.len() as f64 + 8.0;
    let label: Vec<String> = figures
        .iter()
        .map(|f| format!("{} {}", f.label, f.text))
        .collect();
    let aria = escape_xml(&format!("{title}：{}", label.join("；")));
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title\" aria-label=\"{aria}\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{aria}</title>"
    );
    for (i, figure) in figures.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let share = if max > 0.0 { figure.value / max } else { 0.0 };
        let bar = (share * BAR_AREA).max(3.0);
        svg.push_str(&format!(
            "<text class=\"bar-label\" x=\"0\" y=\"{:.1}\" font-size=\"16\" fill=\"currentColor\">{}</text>\
             <rect class=\"bar\" x=\"0\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"22\" rx=\"3\" fill=\"#b3261e\"/>\
             <text class=\"bar-value\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"16\" font-weight=\"700\" fill=\"currentColor\">{}</text>",
            y + 17.0,
            escape_xml(&figure.label),
            y + 25.0,
            bar + 8.0,
            y + 42.0,
            escape_xml(&figure.text),
        ));
    }
    svg.push_str("</svg>");
    svg
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
    fn longest_bar_is_the_largest_value() {
        let figures = [figure("a", 10.0, Some("g")), figure("b", 20.0, Some("g"))];
        let svg = &charts(&figures)[0].svg;
        assert!(svg.contains("width=\"470.0\""), "{svg}");
        assert!(svg.contains("width=\"235.0\""), "{svg}");
    }
}
