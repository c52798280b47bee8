//! The built-in theme: the templates, static files and words a site gets without writing any.
//!
//! Every file is compiled into the binary ([`FILES`]). PREPARE merges them under the site's own
//! files by name: a site's `templates/page.html` replaces the built-in `templates/page.html`,
//! and so on for `static/`, so a site holds only what it changes ([`templates`], [`statics`]).
//! The theme's words (`strings/zh.yaml`, `strings/en.yaml`) are chosen by the site's language
//! and overridden one by one by `strings:` in the site settings ([`Strings`], [`strings_for`]);
//! templates read them as `site.strings`. `gongjiang theme` lists the files and `gongjiang theme
//! eject` copies them into a site for editing (module `eject`).

pub(crate) mod eject;

pub use eject::{eject, list};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::source::StaticFile;

/// One file of the built-in theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltIn {
    /// Its path in a site: `templates/base.html`, `static/css/site.css`.
    pub path: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

macro_rules! built_in {
    ($($path:literal),* $(,)?) => {
        &[$(BuiltIn { path: $path, bytes: include_bytes!($path) }),*]
    };
}

/// Every file of the built-in theme, sorted by path.
pub const FILES: &[BuiltIn] = built_in![
    "static/css/site.css",
    "static/favicon.svg",
    "static/js/search.js",
    "templates/404.html",
    "templates/base.html",
    "templates/feed.xml",
    "templates/index.html",
    "templates/macros.html",
    "templates/page.html",
    "templates/partials/chart.html",
    "templates/partials/figure_card.html",
    "templates/partials/figure_table.html",
    "templates/partials/page_card.html",
    "templates/partials/page_figures.html",
    "templates/partials/page_text.html",
    "templates/partials/pager.html",
    "templates/partials/toc.html",
    "templates/section.html",
];

/// The built-in files under `folder/` (`templates` or `static`): (path below it, bytes).
fn under(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES.iter().filter_map(move |f| {
        let rest = f.path.strip_prefix(folder)?.strip_prefix('/')?;
        Some((rest, f.bytes))
    })
}

/// The site's templates with the built-in ones it does not replace, sorted by name, and the
/// names of the built-in ones among them (their errors say so).
pub(crate) fn templates(site: &[(String, String)]) -> (Vec<(String, String)>, BTreeSet<String>) {
    let own: BTreeSet<&str> = site.iter().map(|(name, _)| name.as_str()).collect();
    let mut built_in = BTreeSet::new();
    let mut all = site.to_vec();
    for (name, bytes) in under("templates").filter(|(name, _)| !own.contains(name)) {
        // The theme's templates are UTF-8: `tests::built_in_files_are_text` reads each one.
        let text = String::from_utf8_lossy(bytes).into_owned();
        built_in.insert(name.to_owned());
        all.push((name.to_owned(), text));
    }
    all.sort();
    (all, built_in)
}

/// The site's static files with the built-in ones it does not replace, as (path below
/// `static/`, bytes), sorted by path.
pub(crate) fn statics(site: &[StaticFile]) -> Vec<(&str, &[u8])> {
    let mut all: Vec<(&str, &[u8])> = site
        .iter()
        .map(|f| (f.rel_path.as_str(), f.bytes.as_slice()))
        .collect();
    let own: BTreeSet<&str> = all.iter().map(|(path, _)| *path).collect();
    let theirs: Vec<_> = under("static")
        .filter(|(path, _)| !own.contains(path))
        .collect();
    all.extend(theirs);
    all.sort_by(|a, b| a.0.cmp(b.0));
    all
}

/// Declares [`Strings`] from one list of names, so the struct, its names and its pairs agree.
macro_rules! strings {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// The theme's words, as `strings:` in the site settings overrides them (any subset;
        /// a name the theme does not have is an error) and as `strings/<lang>.yaml` gives
        /// them all. Templates read the merged set as `site.strings.<name>`.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct Strings {
            $(
                $(#[$doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $name: Option<String>,
            )*
        }

        impl Strings {
            /// Every name, in declaration order.
            pub const NAMES: &[&str] = &[$(stringify!($name)),*];

            /// (name, value) for each name.
            fn pairs(&self) -> Vec<(&'static str, Option<&String>)> {
                vec![$((stringify!($name), self.$name.as_ref())),*]
            }
        }
    };
}

strings! {
    /// The link that skips to the main text.
    skip_to_content,
    /// The label of the main navigation.
    main_nav,
    /// The label of the language switch (on sites in more than one language).
    languages_label,
    /// The home page's name in the navigation.
    home,
    /// The separator between a page's title and the site's in `<title>`.
    title_separator,
    /// Between a figure's number and its unit on a card: nothing in Chinese (1.5万余家), a space
    /// in English (over 250 million yuan); never before `%`.
    unit_separator,
    /// Between the names of a list (the reporters): a space in Chinese, a comma in English.
    list_separator,
    /// The search box's label.
    search_label,
    /// The example words in the empty search box.
    search_placeholder,
    /// How to use the search box, for screen readers.
    search_hint,
    /// The label of the list of results.
    search_results,
    /// Shown while searching.
    search_searching,
    /// Shown when nothing matches.
    search_none,
    /// `{total}` results.
    search_found,
    /// The status with one result (`{total}` is 1).
    search_found_one,
    /// `{total}` results, of which the first `{shown}` are listed.
    search_found_some,
    /// Shown when the search index cannot be loaded.
    search_unavailable,
    /// The link offered instead of search without JavaScript.
    browse_all,
    /// Before the outlet in the footer's source line.
    source_before,
    /// Between the outlet and the report's title.
    source_after_outlet,
    /// Before a report's title.
    title_open,
    /// After a report's title.
    title_close,
    /// Before the report's date in the footer.
    date_open,
    /// After the report's date in the footer.
    date_close,
    /// After the source line.
    source_end,
    /// Before the reporters' names.
    reporters,
    /// Before the outlet in the home page's kicker.
    reported_before,
    /// After the outlet in the home page's kicker.
    reported_after,
    /// The feed link in the footer.
    feed_link,
    /// Before the page's address, printed.
    page_address,
    /// The heading of the home page's key figures.
    key_figures,
    /// Before the download links.
    downloads,
    /// The link to all figures as CSV.
    downloads_all_csv,
    /// The link to all figures, beside a page's own.
    downloads_all,
    /// The label of the home page's introduction.
    overview,
    /// The heading of the list of pages on the home page.
    home_children,
    /// The kicker after the site's title above a page's title (empty: none).
    page_kicker,
    /// The heading of a section's list of pages.
    section_children,
    /// The heading of a page's figures.
    figures_title,
    /// The heading of a page's charts.
    charts_title,
    /// The toggle showing a chart's data.
    show_table,
    /// After a chart's title in its table's caption.
    table_caption,
    /// A table's first column.
    column_item,
    /// A table's second column.
    column_value,
    /// The "read on" line of a page card.
    read_more,
    /// The label of the previous/next links.
    pager_label,
    /// The previous page.
    previous,
    /// The next page.
    next,
    /// The heading of a page's table of contents.
    toc_title,
    /// The hidden heading of a page's text.
    text_heading,
    /// The 404 page's title.
    not_found_title,
    /// The 404 page's heading.
    not_found_heading,
    /// The 404 page's lead.
    not_found_lead,
    /// The 404 page's button.
    back_home,
    /// Before the source in the feed's rights line.
    feed_rights,
}

const ZH_STRINGS: &str = include_str!("strings/zh.yaml");
const EN_STRINGS: &str = include_str!("strings/en.yaml");

/// The built-in strings file for a content language (`zh-CN`, `zh`: Chinese; anything else:
/// English).
fn built_in_strings(language: &str) -> &'static str {
    if language.to_ascii_lowercase().starts_with("zh") {
        ZH_STRINGS
    } else {
        EN_STRINGS
    }
}

/// The theme's words for a site in `language`, with the site's own `overrides`.
pub(crate) fn strings_for(language: &str, overrides: &Strings) -> BTreeMap<&'static str, String> {
    // The two files are the binary's own: `tests::strings_files_are_complete` parses both.
    let theme: Strings = serde_yaml::from_str(built_in_strings(language)).unwrap_or_default();
    let theme = theme.pairs();
    overrides
        .pairs()
        .into_iter()
        .zip(theme)
        .map(|((name, own), (_, default))| {
            let value = own.or(default).cloned().unwrap_or_default();
            (name, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_files_are_text() {
        for file in FILES.iter().filter(|f| !f.path.ends_with(".png")) {
            assert!(std::str::from_utf8(file.bytes).is_ok(), "{}", file.path);
        }
        let mut sorted: Vec<_> = FILES.iter().map(|f| f.path).collect();
        sorted.sort_unstable();
        assert_eq!(sorted, FILES.iter().map(|f| f.path).collect::<Vec<_>>());
    }

    #[test]
    fn strings_files_are_complete() {
        for (lang, text) in [("zh", ZH_STRINGS), ("en", EN_STRINGS)] {
            let strings: Strings = serde_yaml::from_str(text).expect(lang);
            for (name, value) in strings.pairs() {
                assert!(value.is_some(), "{lang}: `{name}` missing");
            }
        }
    }

    #[test]
    fn site_files_replace_built_in_ones_by_name() {
        let site = vec![("page.html".to_owned(), "mine".to_owned())];
        let (all, built_in) = templates(&site);
        let page = all.iter().find(|(n, _)| n == "page.html").expect("page");
        assert_eq!(page.1, "mine");
        assert!(!built_in.contains("page.html") && built_in.contains("base.html"));
        let own = [StaticFile {
            rel_path: "css/site.css".into(),
            bytes: b"x".to_vec(),
        }];
        let all = statics(&own);
        assert_eq!(all.iter().filter(|(p, _)| *p == "css/site.css").count(), 1);
        assert!(all.contains(&("css/site.css", b"x".as_slice())));
        assert!(all.iter().any(|(p, _)| *p == "js/search.js"));
    }

    #[test]
    fn site_strings_override_the_theme() {
        let own = Strings {
            home: Some("Start".into()),
            ..Strings::default()
        };
        let strings = strings_for("en", &own);
        assert_eq!(strings["home"], "Start");
        assert_eq!(strings_for("zh-CN", &Strings::default())["home"], "首页");
    }
}
