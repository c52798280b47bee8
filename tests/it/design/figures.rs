//! Figures on the pages: a stat card for every figure of a page (display text, unit, label),
//! the home page's key figures, hero and theme cards (each with its page's first key figure), and a chart with its data table for every
//! group of two or more figures. Known values are checked against Chinese display strings
//! written out by hand in [`KNOWN_DISPLAYS`].

use super::html::{attr, elements, start_tags, text};
use super::source::{Fig, SourcePage, source_pages};
use super::{page_html, site};

/// `(value, qualifier, wording, numerals, display)`: the display strings of the spec's table
/// and of the report, written out by hand (wording "" = the default one).
const KNOWN_DISPLAYS: &[(f64, &str, &str, &str, &str)] = &[
    (1043.0, "exact", "", "", "1043"),
    (368000.0, "exact", "", "", "36.8万"),
    (11200.0, "exact", "", "", "1.12万"),
    (1670000.0, "exact", "", "", "167万"),
    (250000000.0, "over", "超过", "", "超过2.5亿"),
    (5000000.0, "over", "超过", "", "超过500万"),
    (900000.0, "over", "超过", "", "超过90万"),
    (10000.0, "over", "", "", "超万"),
    (10000.0, "over", "超", "", "超万"),
    (100.0, "over", "", "", "超百"),
    (100.0, "over", "超", "", "超百"),
    (5000.0, "over", "", "", "超5000"),
    (5000.0, "over", "超", "", "超5000"),
    (15000.0, "more_than", "", "", "1.5万余"),
    (15000.0, "more_than", "余", "", "1.5万余"),
    (9000000.0, "more_than", "多", "", "900多万"),
    (7800.0, "more_than", "多", "", "7800多"),
    (4900.0, "more_than", "", "", "4900余"),
    (4900.0, "more_than", "余", "", "4900余"),
    (15000.0, "nearly", "", "", "近1.5万"),
    (100.0, "about", "", "", "上百"),
    (1.0, "first", "", "", "首"),
    (3.0, "in_a_row", "", "", "连续3"),
    (1.0, "rank", "", "", "第一"),
    (4.0, "ordinal", "", "", "第四"),
    (6.0, "exact", "", "hanzi", "六"),
    (10.0, "exact", "", "hanzi", "十"),
];

/// Groups with two or more members, in order of first appearance.
fn chart_groups(figures: &[Fig]) -> Vec<(String, Vec<Fig>)> {
    let mut groups: Vec<(String, Vec<Fig>)> = Vec::new();
    for f in figures {
        let Some(g) = &f.group else { continue };
        match groups.iter_mut().find(|(name, _)| name == g) {
            Some((_, members)) => members.push(f.clone()),
            None => groups.push((g.clone(), vec![f.clone()])),
        }
    }
    groups.retain(|(_, m)| m.len() >= 2);
    groups
}

fn known_display(f: &Fig) -> Option<&'static str> {
    KNOWN_DISPLAYS
        .iter()
        .find(|(v, q, w, n, _)| {
            *v == f.value && *q == f.qualifier && *w == f.wording && *n == f.numerals
        })
        .map(|k| k.4)
}

/// A card for figure `f` on `html` holding its display text, unit and label.
fn assert_card(html: &str, f: &Fig, on: &str) -> String {
    let cards = elements(html, &format!("data-figure=\"{}\"", f.id));
    assert!(
        !cards.is_empty(),
        "{on}: no stat card (data-figure=\"{}\") for figure {}",
        f.id,
        f.label
    );
    let texts: Vec<String> = cards.iter().map(|c| text(c)).collect();
    let card = texts
        .iter()
        .find(|t| t.contains(&f.label))
        .unwrap_or_else(|| {
            panic!(
                "{on}: no card for `{}` carries its label `{}`: {texts:?}",
                f.id, f.label
            )
        });
    assert!(
        card.contains(&f.unit),
        "{on}: card `{}` lacks its unit `{}`: {card}",
        f.id,
        f.unit
    );
    if let Some(display) = known_display(f) {
        assert!(
            card.contains(display),
            "{on}: card `{}` should show `{display}`: {card}",
            f.id
        );
        assert!(
            card.contains(&format!("{display}{}", f.unit)),
            "{on}: `{display}` and `{}` belong together: {card}",
            f.unit
        );
    }
    card.clone()
}

#[test]
fn every_page_has_a_stat_card_for_each_of_its_figures() {
    let out = site();
    let pages = source_pages();
    let mut checked_known = 0;
    for page in &pages {
        let html = page_html(out, page);
        for f in &page.figures {
            assert_card(&html, f, &page.source);
            checked_known += usize::from(known_display(f).is_some());
        }
        let cards = elements(&html, "data-figure=\"").len();
        assert!(
            cards >= page.figures.len(),
            "{}: {cards} cards for {} figures",
            page.source,
            page.figures.len()
        );
    }
    assert!(
        checked_known >= 8,
        "only {checked_known} figures matched the table of known displays: the check is too weak"
    );
}

#[test]
fn known_displays_are_the_chinese_forms() {
    // The table itself: a wrong entry here would make the card checks meaningless.
    let shown = |v: f64, q: &str, w: &str| {
        let f = Fig {
            id: "x".into(),
            label: String::new(),
            value: v,
            unit: String::new(),
            qualifier: q.into(),
            wording: w.into(),
            numerals: String::new(),
            group: None,
            key: false,
        };
        known_display(&f)
    };
    assert_eq!(shown(15000.0, "more_than", ""), Some("1.5万余"));
    assert_eq!(shown(250000000.0, "over", "超过"), Some("超过2.5亿"));
    assert_eq!(shown(15000.0, "nearly", ""), Some("近1.5万"));
    assert_eq!(shown(10000.0, "over", ""), Some("超万"));
}

#[test]
fn home_shows_the_key_figures_and_a_card_per_theme_page() {
    let out = site();
    let pages = source_pages();
    let home = pages.iter().find(|p| p.kind == "home").expect("home");
    let html = page_html(out, home);
    let mut keys = 0;
    for page in &pages {
        for f in page.figures.iter().filter(|f| f.key) {
            assert_card(&html, f, "home (key figure)");
            keys += 1;
            if page.kind != "home" {
                let linked = elements(&html, &format!("data-figure=\"{}\"", f.id))
                    .iter()
                    .any(|c| c.contains(&format!("href=\"{}\"", page.url)));
                assert!(
                    linked,
                    "home: the key figure `{}` should link to {}",
                    f.id, page.url
                );
            }
        }
    }
    assert!(keys > 0, "no key figures in the content");
    // The hero: the home page's first figure (or extra.hero), in a prominent block.
    if let Some(first) = home.figures.first() {
        let hero = elements(&html, "class=\"hero__stat\"");
        assert_eq!(hero.len(), 1, "home: one hero figure");
        let id = attr(hero[0], "data-figure").unwrap_or_default();
        assert!(
            home.figures.iter().any(|f| f.id == id),
            "home: the hero shows one of the home page's figures, not `{id}` (first is `{}`)",
            first.id
        );
    }
    // One card per top-level page, with its leading figure (its first key figure, else its first
    // figure), linking on.
    let children: Vec<&SourcePage> = pages
        .iter()
        .filter(|p| p.parent.as_deref() == Some(""))
        .collect();
    let theme_cards = elements(&html, "class=\"theme-card\"");
    assert_eq!(
        theme_cards.len(),
        children.len(),
        "home: one theme card per top-level page"
    );
    for (child, card) in children.iter().zip(&theme_cards) {
        assert!(
            card.contains(&format!("href=\"{}\"", child.url)),
            "home: theme card for {} links to {}",
            child.source,
            child.url
        );
        assert!(
            text(card).contains(&child.title),
            "home: theme card shows the title {}",
            child.title
        );
        let lead = child
            .figures
            .iter()
            .find(|f| f.key)
            .or(child.figures.first());
        if let Some(lead) = lead {
            let t = text(card);
            let labels: Vec<String> = elements(card, "class=\"theme-card__figlabel\"")
                .into_iter()
                .map(text)
                .collect();
            assert_eq!(
                labels,
                std::slice::from_ref(&lead.label),
                "home: theme card {} shows its leading figure `{}` (key: {}): {t}",
                child.source,
                lead.id,
                lead.key
            );
            if let Some(display) = known_display(lead) {
                let shown: Vec<String> = elements(card, "class=\"theme-card__num\"")
                    .into_iter()
                    .map(text)
                    .collect();
                assert_eq!(
                    shown,
                    [display],
                    "home: theme card {} shows `{display}`: {t}",
                    child.source
                );
            }
        }
    }
}

#[test]
fn every_group_of_two_or_more_has_a_chart_with_a_data_table() {
    let out = site();
    let mut charts_seen = 0;
    for page in source_pages() {
        let html = page_html(out, &page);
        let groups = chart_groups(&page.figures);
        let charts = elements(&html, "class=\"chart-card\"");
        assert_eq!(
            charts.len(),
            groups.len(),
            "{}: {} charts for {} groups of two or more",
            page.source,
            charts.len(),
            groups.len()
        );
        for (name, members) in &groups {
            let chart = charts
                .iter()
                .find(|c| {
                    elements(c, "<figcaption")
                        .iter()
                        .chain(elements(c, "class=\"chart-card__title\"").iter())
                        .any(|cap| text(cap) == *name)
                })
                .unwrap_or_else(|| panic!("{}: no chart titled `{name}`", page.source));
            assert!(
                chart.starts_with("<figure"),
                "{}: a chart is a <figure>",
                page.source
            );
            let svg = start_tags(chart, "svg");
            assert_eq!(
                svg.len(),
                1,
                "{}: chart `{name}` has one inline <svg>",
                page.source
            );
            assert_eq!(
                attr(svg[0], "role").as_deref(),
                Some("img"),
                "{}: chart `{name}` svg has role=img",
                page.source
            );
            assert!(
                attr(svg[0], "aria-label").is_some_and(|l| !l.is_empty())
                    || attr(svg[0], "aria-labelledby").is_some(),
                "{}: chart `{name}` svg is labelled",
                page.source
            );
            let tables = elements(chart, "<table");
            assert_eq!(
                tables.len(),
                1,
                "{}: chart `{name}` carries its data table",
                page.source
            );
            let rows = elements(tables[0], "<tr");
            for f in members {
                let row = rows.iter().map(|r| text(r)).find(|r| r.contains(&f.label));
                let row = row.unwrap_or_else(|| {
                    panic!(
                        "{}: chart `{name}` table lacks a row for {}",
                        page.source, f.label
                    )
                });
                assert!(
                    row.contains(&f.unit),
                    "{}: chart `{name}` row `{row}` lacks its unit",
                    page.source
                );
                if let Some(display) = known_display(f) {
                    assert!(
                        row.contains(display),
                        "{}: chart `{name}` row should show `{display}`: {row}",
                        page.source
                    );
                }
            }
            // Accessible, not display:none: inside <details> (or visually hidden), never `hidden`.
            assert!(
                !tables[0].contains(" hidden")
                    && !chart.contains("display:none")
                    && !chart.contains("display: none"),
                "{}: chart `{name}` table must stay accessible",
                page.source
            );
            charts_seen += 1;
        }
    }
    assert!(
        charts_seen > 0,
        "the content has no figure group of two or more: nothing was checked"
    );
}
