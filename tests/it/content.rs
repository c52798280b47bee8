//! Checks on the microsite's own content (`content/*.md`) against the source report.
//!
//! The site is built from one news report (`article.txt`, see `source/README.md` in the shared
//! source folder). These tests guard three promises the content makes:
//!
//! 1. every page's front matter is well formed, and every figure has an id, label, value, unit and
//!    a qualifier from the spec's table (ids unique per page, groups with two or more members);
//! 2. every figure is stated in the report: the table in [`EXPECTED`] pairs each figure with the
//!    exact phrase of the report that states it, the phrase must occur in the report and on the
//!    page, and the phrase must read as the figure's value, qualifier and unit; no figure exists
//!    outside the table, and no Arabic number of the report is left without a figure unless it is
//!    a date, a year or part of a name;
//! 3. the text is the clean report: lines 2–3 of the scrape carry pieces of the headline inside
//!    their sentences, and none of those damaged sequences may reach the site, while every line of
//!    page text must be a verbatim piece of the repaired report;
//! 4. the text is typeset as a Chinese editor publishes it: the scrape turned the report's
//!    full-width punctuation half-width (`,` for `，`, `(` for `（`, `2025-2027年` for
//!    `2025—2027年`), and the site restores it ([`published`]): no half-width `, ; : ? ! ( )`
//!    touches Chinese text in any page body or front-matter text, and the report's paragraphs stay
//!    whole.
//!
//! The report is looked for at `$GONGJIANG_ARTICLE`, `source/article.txt` in the crate, then
//! `../shared/source/article.txt` next to it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

/// One page of `content/`: file name, whole text, parsed front matter and Markdown body.
struct Page {
    name: String,
    raw: String,
    front: Mapping,
    body: String,
}

impl Page {
    fn get(&self, key: &str) -> Option<&Value> {
        self.front.get(key)
    }

    fn figures(&self) -> Vec<&Mapping> {
        match self.get("figures") {
            None => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| {
                    item.as_mapping()
                        .unwrap_or_else(|| panic!("{}: a figure is not a mapping", self.name))
                })
                .collect(),
            Some(other) => panic!("{}: `figures` is not a list: {other:?}", self.name),
        }
    }

    fn figure(&self, id: &str) -> Option<&Mapping> {
        self.figures()
            .into_iter()
            .find(|f| str_field(f, "id") == Some(id))
    }
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `content/*.md` file of the report's language (the site has no sub-sections), sorted
/// by name; the English translations (`*.en.md`) are checked by `tests/it/languages.rs`.
fn load_pages() -> Vec<Page> {
    let dir = manifest_dir().join("content");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "md"))
        .filter(|p| !crate::util::is_translation(p))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
                .to_owned();
            let raw = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let (yaml, body) = split_front_matter(&name, &raw);
            let front = match serde_yaml::from_str::<Value>(yaml) {
                Ok(Value::Mapping(m)) => m,
                Ok(other) => panic!("{name}: front matter is not a mapping: {other:?}"),
                Err(e) => panic!("{name}: front matter is not YAML: {e}"),
            };
            Page {
                name,
                body: body.to_owned(),
                front,
                raw,
            }
        })
        .collect()
}

/// Splits `---\n<yaml>\n---\n<body>` into its two parts.
fn split_front_matter<'a>(name: &str, raw: &'a str) -> (&'a str, &'a str) {
    let rest = raw
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{name}: does not start with a `---` line"));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("{name}: front matter has no closing `---` line"));
    (&rest[..end + 1], &rest[end + 5..])
}

fn str_field<'a>(map: &'a Mapping, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

fn article_path() -> PathBuf {
    let mut candidates = Vec::new();
    if let Ok(path) = std::env::var("GONGJIANG_ARTICLE") {
        candidates.push(PathBuf::from(path));
    }
    candidates.push(manifest_dir().join("source/article.txt"));
    candidates.push(manifest_dir().join("../shared/source/article.txt"));
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .unwrap_or_else(|| panic!("source report not found; looked at {candidates:?}"))
}

/// The report exactly as scraped.
fn article() -> String {
    let path = article_path();
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Headline pieces the scraper put inside the sentences of lines 2–3, each with the clean text
/// on either side: `(before, fragment, after)`. Removing `fragment` repairs the sentence.
const INSERTIONS: &[(&str, &str, &str)] = &[
    // line 2
    ("8月27日,", "优秀", "广东省深化"),
    ("黄埔召开。", "成绩", "会议指出"),
    ("会议指出,", "单出东产等次", "近年来"),
    ("近年来,", "炉广", "广东省深化"),
    ("积极进展,", "改工", "组织领导"),
    ("更加有力,", "作连", "制度机制"),
    ("更加完善,", "续次", "劳模工匠"),
    ("充分彰显,", "获评", "广东省连续"),
    ("“优秀”等次。", "全国", "\n"),
    // line 3
    ("现场获悉,", "优秀", "2024年以来"),
    ("年以来,", "成绩", "广东省总工会"),
    ("思想引领、", "单出东产等次", "地位保障"),
    ("地位保障、", "炉广", "成长成才"),
    ("成长成才、", "改工", "权益维护"),
    ("权益维护、", "作连", "作用发挥"),
];

/// Headline pieces that occur nowhere in the clean report (not even its title) and so must appear
/// nowhere on the site. ("作连" is left out: the title's "工作连续" holds it.)
const FOREIGN_FRAGMENTS: &[&str] = &["单出东产等次", "炉广", "续次"];

/// The report with the damaged sentences of lines 2–3 repaired.
fn clean_article() -> String {
    let mut text = article();
    for (before, fragment, after) in INSERTIONS {
        let damaged = format!("{before}{fragment}{after}");
        assert_eq!(
            text.matches(&damaged).count(),
            1,
            "damaged sequence {damaged:?} should occur once in article.txt"
        );
        text = text.replacen(&damaged, &format!("{before}{after}"), 1);
    }
    text
}

/// Chinese text for typesetting: Han characters and the full-width punctuation around them
/// (`，。、；：？！（）《》“”—`).
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // CJK radicals
        | '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。《》
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms: ，；：？！（）
        | '\u{2014}'                // — (a Chinese dash)
        | '\u{2018}'..='\u{201D}' // ‘’“”
    )
}

/// The half-width punctuation the scrape left in place of the report's full-width marks.
const HALF_TO_FULL: &[(char, char)] = &[
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('?', '？'),
    ('!', '！'),
    ('(', '（'),
    (')', '）'),
];

/// `text` typeset as a Chinese editor publishes it: a half-width `, ; : ? ! ( )` touching Chinese
/// text becomes full-width (`出炉!广东` -> `出炉！广东`, `方案(2025` -> `方案（2025`), and a range
/// of years is written with a dash (`2025-2027年` -> `2025—2027年`). ASCII between ASCII
/// (`3.5`, `“3+4”`, `https://…`) stays.
fn published(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let full = HALF_TO_FULL
            .iter()
            .find(|(half, _)| *half == c)
            .map(|(_, f)| *f);
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let touches_chinese = before.is_some_and(is_chinese) || after.is_some_and(is_chinese);
        let year = |from: usize| {
            chars.len() >= from + 4 && chars[from..from + 4].iter().all(char::is_ascii_digit)
        };
        let year_range =
            c == '-' && i >= 4 && year(i - 4) && year(i + 1) && chars.get(i + 5) == Some(&'年');
        match full {
            Some(full) if touches_chinese => out.push(full),
            _ if year_range => out.push('—'),
            _ => out.push(c),
        }
    }
    out
}

/// The repaired report as the site publishes it: [`clean_article`], [`published`].
fn published_article() -> String {
    published(&clean_article())
}

/// Short sequences that only exist where a headline piece touches its neighbour.
fn damage_signatures() -> Vec<String> {
    let mut needles = Vec::new();
    for (before, fragment, after) in INSERTIONS {
        let last = before.chars().last().expect("non-empty context");
        needles.push(format!("{last}{fragment}"));
        let first = after.chars().next().expect("non-empty context");
        if first != '\n' {
            needles.push(format!("{fragment}{first}"));
        }
    }
    needles.extend(FOREIGN_FRAGMENTS.iter().map(|s| (*s).to_owned()));
    needles
}

/// Markdown text with the markup this site uses removed: one entry per non-empty line.
fn text_lines(body: &str) -> Vec<String> {
    body.lines()
        .map(|line| {
            let line = line.trim();
            let line = line.trim_start_matches('#').trim_start();
            let line = line
                .strip_prefix("- ")
                .or_else(|| line.strip_prefix("* "))
                .unwrap_or(line);
            line.replace("**", "")
        })
        .filter(|line| !line.is_empty())
        .collect()
}

fn plain_body(pages: &[Page], page: &Page) -> String {
    reader_text(pages, page).replace("**", "")
}

/// The path a reference names a page by (`{{skills/ecochains}}`): `""` for the home page, else
/// its slug.
fn page_path(page: &Page) -> String {
    if page.name == "_index.md" {
        return String::new();
    }
    str_field(&page.front, "slug")
        .map(str::to_owned)
        .unwrap_or_else(|| page.name.trim_end_matches(".md").to_owned())
}

/// The figure a `{{reference}}` on `page` names: `id` on the page itself, `path/id` on another
/// page (`/id` on the home page).
fn referenced<'a>(pages: &'a [Page], page: &'a Page, name: &str) -> Option<&'a Mapping> {
    match name.rsplit_once('/') {
        None => page.figure(name),
        Some((path, id)) => pages
            .iter()
            .find(|p| page_path(p) == path.trim_matches('/'))
            .and_then(|p| p.figure(id)),
    }
}

/// Each `{{reference}}` of `text`: (byte range of the braces, the name inside).
fn references(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let Some(close) = text[open + 2..].find("}}").map(|i| open + 2 + i) else {
            break;
        };
        found.push((open..close + 2, text[open + 2..close].trim().to_owned()));
        from = close + 2;
    }
    found
}

/// The body as a reader sees it: every `{{reference}}` replaced by its figure's text as the spec
/// shows it (`{{member-units}}` -> `9家`), and heading attributes (`{#id}`) dropped.
fn reader_text(pages: &[Page], page: &Page) -> String {
    let body = &page.body;
    let mut text = String::with_capacity(body.len());
    let mut at = 0;
    for (range, name) in references(body) {
        let fig = referenced(pages, page, &name)
            .unwrap_or_else(|| panic!("{}: `{{{{{name}}}}}` names no figure", page.name));
        text.push_str(&body[at..range.start]);
        text.push_str(&figure_text(fig));
        at = range.end;
    }
    text.push_str(&body[at..]);
    text.lines()
        .map(|line| match line.rfind(" {#") {
            Some(cut) if line.ends_with('}') => &line[..cut],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------------
// 1. Front matter shape

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
];
const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "languages",
    "search",
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
];

/// Qualifiers of the spec with the wordings each allows.
const QUALIFIERS: &[(&str, &[&str])] = &[
    ("exact", &[]),
    ("over", &["超", "超过"]),
    ("more_than", &["余", "多"]),
    ("nearly", &["近"]),
    ("about", &["上"]),
    ("first", &["首"]),
    ("in_a_row", &["连续"]),
    ("rank", &["第"]),
    ("ordinal", &["第"]),
];

fn keys(map: &Mapping) -> Vec<String> {
    map.keys()
        .map(|k| k.as_str().expect("string key").to_owned())
        .collect()
}

fn assert_keys(what: &str, map: &Mapping, allowed: &[&str]) {
    for key in keys(map) {
        assert!(
            allowed.contains(&key.as_str()),
            "{what}: unknown key `{key}`"
        );
    }
}

fn check_figure(page: &str, fig: &Mapping) -> String {
    let id = str_field(fig, "id").unwrap_or_else(|| panic!("{page}: figure without a string id"));
    let what = format!("{page} figure `{id}`");
    assert_keys(&what, fig, FIGURE_KEYS);
    assert!(
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{what}: id must be [a-z0-9-]"
    );
    let label = str_field(fig, "label").unwrap_or_else(|| panic!("{what}: no label"));
    assert!(!label.trim().is_empty(), "{what}: empty label");
    assert!(
        fig.get("value").and_then(Value::as_u64).is_some(),
        "{what}: value must be a whole non-negative number"
    );
    assert!(
        str_field(fig, "unit").is_some(),
        "{what}: unit must be a string (may be empty)"
    );
    let qualifier = str_field(fig, "qualifier").unwrap_or_else(|| panic!("{what}: no qualifier"));
    let wordings = QUALIFIERS
        .iter()
        .find(|(q, _)| *q == qualifier)
        .map(|(_, w)| *w)
        .unwrap_or_else(|| panic!("{what}: unknown qualifier `{qualifier}`"));
    if let Some(wording) = fig.get("wording") {
        let wording = wording.as_str().expect("wording is a string");
        assert!(
            wordings.contains(&wording),
            "{what}: wording `{wording}` not allowed for `{qualifier}`"
        );
    }
    if let Some(numerals) = fig.get("numerals") {
        assert_eq!(numerals.as_str(), Some("hanzi"), "{what}: numerals");
    }
    for key in ["group", "note"] {
        if let Some(v) = fig.get(key) {
            assert!(
                v.as_str().is_some_and(|s| !s.trim().is_empty()),
                "{what}: {key} must be a non-empty string"
            );
        }
    }
    if let Some(key) = fig.get("key") {
        assert!(key.as_bool().is_some(), "{what}: key must be true or false");
    }
    id.to_owned()
}

#[test]
fn front_matter_is_well_formed() {
    let pages = load_pages();
    assert!(!pages.is_empty(), "content/ has no pages");
    for page in &pages {
        assert_keys(&page.name, &page.front, PAGE_KEYS);
        assert!(
            str_field(&page.front, "title").is_some_and(|t| !t.trim().is_empty()),
            "{}: needs a title",
            page.name
        );
        assert_eq!(
            page.get("site").is_some(),
            page.name == "_index.md",
            "{}: `site:` belongs to content/_index.md only",
            page.name
        );
        let mut ids = BTreeSet::new();
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        for fig in page.figures() {
            let id = check_figure(&page.name, fig);
            assert!(ids.insert(id.clone()), "{}: duplicate id `{id}`", page.name);
            if let Some(group) = str_field(fig, "group") {
                *groups.entry(group.to_owned()).or_default() += 1;
            }
        }
        for (group, count) in groups {
            assert!(
                count >= 2,
                "{}: group `{group}` has {count} member; a chart needs two",
                page.name
            );
        }
    }
}

#[test]
fn charts_compare_like_with_like() {
    let pages = load_pages();
    let group_of = |page: &str, id: &str| {
        let page = pages.iter().find(|p| p.name == page).expect("page");
        let fig = page.figure(id).unwrap_or_else(|| panic!("{id}"));
        str_field(fig, "group").map(str::to_owned)
    };
    // 663支, 2401次, 3320家, 6052个 are four different things: no chart compares them.
    for id in [
        "service-teams",
        "support-activities",
        "enterprises-served",
        "technical-problems-solved",
    ] {
        assert_eq!(group_of(CP, id), None, "{id} has no like partner");
    }
    // 114 workers' culture palaces are no reading rooms.
    assert_eq!(group_of(ID, "culture-palaces"), None);
    assert_eq!(
        group_of(ID, "national-reading-rooms"),
        group_of(ID, "all-reading-rooms")
    );
    for page in &pages {
        let mut units: BTreeMap<String, String> = BTreeMap::new();
        for fig in page.figures() {
            let (Some(group), Some(unit)) = (str_field(fig, "group"), str_field(fig, "unit"))
            else {
                continue;
            };
            let first = units.entry(group.to_owned()).or_insert(unit.to_owned());
            assert_eq!(first, unit, "{}: group `{group}` mixes units", page.name);
        }
    }
}

#[test]
fn site_settings_are_complete() {
    let pages = load_pages();
    let home = pages
        .iter()
        .find(|p| p.name == "_index.md")
        .expect("content/_index.md");
    let site = home
        .get("site")
        .and_then(Value::as_mapping)
        .expect("site: mapping");
    assert_keys("site", site, SITE_KEYS);
    for key in ["title", "description", "language"] {
        assert!(
            str_field(site, key).is_some_and(|s| !s.is_empty()),
            "site.{key}"
        );
    }
    // No placeholder address may reach readers: the real one is given when publishing
    // (`--base-url`), and without one no sitemap, feed or canonical link is written.
    assert_eq!(
        site.get("base_url"),
        None,
        "site.base_url: give it with --base-url"
    );
    assert_eq!(str_field(site, "language"), Some("zh-CN"));
    assert_eq!(
        site.get("search").and_then(Value::as_bool),
        Some(true),
        "the microsite has its search box (site.search: true)"
    );
    // The copy lint runs with two rules off, which disagree with the report's house style
    // (numbers and `+` next to Chinese characters without spaces); every other rule is on.
    let rules = site
        .get("check")
        .and_then(|c| c.get("copy_rules"))
        .and_then(Value::as_mapping)
        .expect("site.check.copy_rules");
    assert_eq!(keys(rules), ["space-word", "space-punctuation"]);
    assert!(
        site.get("check").and_then(|c| c.get("copy")).is_none(),
        "the copy lint stays on"
    );
    assert_eq!(
        site.get("precompress").and_then(Value::as_bool),
        Some(true),
        "the microsite ships .gz and .br copies for readers on phones (site.precompress: true)"
    );
    let source = site
        .get("source")
        .and_then(Value::as_mapping)
        .expect("site.source");
    assert_keys("site.source", source, SOURCE_KEYS);
    let first_line = published(article().lines().next().unwrap_or_default());
    assert_eq!(str_field(source, "title"), Some(first_line.as_str()));
    assert_eq!(
        str_field(source, "title"),
        Some("成绩单出炉！广东产改工作连续三次获评全国“优秀”等次")
    );
    assert_eq!(str_field(source, "outlet"), Some("南方网、粤学习"));
    assert_eq!(str_field(source, "date"), Some("2025-08-27"));
    let list = |key: &str| -> Vec<String> {
        source
            .get(key)
            .and_then(Value::as_sequence)
            .unwrap_or_else(|| panic!("site.source.{key} is a list"))
            .iter()
            .map(|v| v.as_str().expect("string").to_owned())
            .collect()
    };
    assert_eq!(list("reporters"), ["汤文诗", "邓佩莹"]);
    assert_eq!(list("credits"), ["视频 赖富城（实习）", "通讯员 粤工宣"]);
    // The byline of the report (its last lines) is where the credits come from.
    let byline = published(article().lines().rev().nth(1).unwrap_or_default());
    assert_eq!(byline, "视频 赖富城（实习）");
}

#[test]
fn pages_follow_the_report_order() {
    let pages = load_pages();
    let expected = [
        ("coordination.md", "coordination", 1),
        ("ideology.md", "ideology", 2),
        ("skills.md", "skills", 3),
        ("competitions.md", "competitions", 4),
        ("rights.md", "rights", 5),
    ];
    let names: Vec<&str> = pages.iter().map(|p| p.name.as_str()).collect();
    let mut want: Vec<&str> = expected.iter().map(|(n, _, _)| *n).collect();
    want.push("_index.md");
    want.sort();
    assert_eq!(
        names, want,
        "content/ holds exactly the home page and five pages"
    );
    for (name, slug, weight) in expected {
        let page = pages.iter().find(|p| p.name == name).unwrap();
        assert_eq!(str_field(&page.front, "slug"), Some(slug), "{name}: slug");
        assert_eq!(
            page.get("weight").and_then(Value::as_u64),
            Some(weight),
            "{name}: weight"
        );
    }
}

#[test]
fn six_to_eight_key_figures() {
    let count = load_pages()
        .iter()
        .flat_map(|p| p.figures())
        .filter(|f| f.get("key").and_then(Value::as_bool) == Some(true))
        .count();
    assert!(
        (6..=8).contains(&count),
        "{count} key figures; the home page shows 6 to 8"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Every figure is a phrase of the report

/// One figure and the phrase of the report that states it.
struct Expect {
    page: &'static str,
    id: &'static str,
    phrase: &'static str,
    value: u64,
    qualifier: &'static str,
    wording: Option<&'static str>,
    unit: &'static str,
}

const fn fig(
    page: &'static str,
    id: &'static str,
    phrase: &'static str,
    value: u64,
    qualifier: &'static str,
    wording: Option<&'static str>,
    unit: &'static str,
) -> Expect {
    Expect {
        page,
        id,
        phrase,
        value,
        qualifier,
        wording,
        unit,
    }
}

const H: &str = "_index.md";
const CO: &str = "coordination.md";
const ID: &str = "ideology.md";
const SK: &str = "skills.md";
const CP: &str = "competitions.md";
const RT: &str = "rights.md";

/// Every figure of the site, in report order, with the report's own phrase for it.
#[rustfmt::skip]
const EXPECTED: &[Expect] = &[
    // lines 2–3
    fig(H, "excellent-in-a-row", "连续3年在全国产改考核督查中获得“优秀”等次", 3, "in_a_row", None, "年"),
    fig(H, "six-actions", "等六大行动", 6, "exact", None, "大"),
    // lines 5–9
    fig(CO, "member-units", "共有9家成员单位", 9, "exact", None, "家"),
    fig(CO, "participating-units", "22家参与单位", 22, "exact", None, "家"),
    fig(CO, "policy-documents", "产改相关政策文件超百项", 100, "over", None, "项"),
    fig(CO, "first-skills-law", "出台全国首部关于技能人才发展的地方性法规", 1, "first", None, "部"),
    // lines 10–12
    fig(ID, "model-sites", "选树发布25个全省产业工人思想政治工作示范点", 25, "exact", None, "个"),
    fig(ID, "culture-palaces", "县级以上工人文化宫114家", 114, "exact", None, "家"),
    fig(ID, "national-reading-rooms", "全国工会职工书屋1043家", 1043, "exact", None, "家"),
    fig(ID, "book-enterprises", "及提名单位220家", 220, "exact", None, "家"),
    fig(ID, "all-reading-rooms", "建设职工书屋1.5万余家", 15000, "more_than", None, "家"),
    fig(ID, "reading-room-workers", "覆盖服务职工900多万人", 9_000_000, "more_than", Some("多"), "人"),
    fig(ID, "six-jin-activities", "开展“六进”活动超万场", 10_000, "over", None, "场"),
    fig(ID, "first-craftsman-documentary", "全国首部工匠人才纪录片", 1, "first", None, "部"),
    // lines 13–18
    fig(SK, "first-3plus4-pilot", "首次组织15所本科高校", 1, "first", None, "次"),
    fig(SK, "pilot-3plus4-universities", "组织15所本科高校与31所中职学校", 15, "exact", None, "所"),
    fig(SK, "pilot-3plus4-secondary-schools", "与31所中职学校开展中职本科“3+4”贯通培养改革试点", 31, "exact", None, "所"),
    fig(SK, "pilot-3plus2-universities", "组织26所本科高校与52所高职学校", 26, "exact", None, "所"),
    fig(SK, "pilot-3plus2-vocational-colleges", "与52所高职学校开展三二分段专升本协同育人试点", 52, "exact", None, "所"),
    fig(SK, "vocational-specialty-groups", "316个省高职高水平专业群", 316, "exact", None, "个"),
    fig(SK, "secondary-model-specialties", "298个省中职“双精准”示范专业", 298, "exact", None, "个"),
    fig(SK, "city-consortia", "28个市域产教联合体", 28, "exact", None, "个"),
    fig(SK, "industry-communities", "111个行业产教融合共同体", 111, "exact", None, "个"),
    fig(SK, "integration-enterprises", "1223家省级产教融合型企业", 1223, "exact", None, "家"),
    fig(SK, "integration-city-pilots", "珠海、汕头等11个省级产教融合城市试点", 11, "exact", None, "个"),
    fig(SK, "ecochain-batches", "遴选2批", 2, "exact", None, "批"),
    fig(SK, "ecochains", "共171条产教评技能生态链", 171, "exact", None, "条"),
    fig(SK, "ten-training-actions", "实施十大专项培训行动", 10, "exact", None, "大"),
    fig(SK, "chief-technicians", "已评聘40名首席技师", 40, "exact", None, "名"),
    fig(SK, "principal-technicians", "535名特级技师", 535, "exact", None, "名"),
    fig(SK, "craftsmen", "市级以上工匠7800多名", 7800, "more_than", Some("多"), "名"),
    fig(SK, "craftsman-colleges", "工匠学院19家", 19, "exact", None, "家"),
    // lines 19–23
    fig(CP, "national-leading-contests", "海上风电项目等2个全国引领性竞赛", 2, "exact", None, "个"),
    fig(CP, "provincial-project-contests", "117个省重点工程劳动竞赛项目", 117, "exact", None, "个"),
    fig(CP, "provincial-skills-contest", "第四届全省职业技能大赛", 4, "ordinal", None, "届"),
    fig(CP, "housekeeping-skills-contest", "第四届“南粤家政”职业技能大赛", 4, "ordinal", None, "届"),
    fig(CP, "trade-contests", "每年组织上百个工种竞赛", 100, "about", None, "个"),
    fig(CP, "contest-participants", "带动超过500万人次职工参与", 5_000_000, "over", Some("超过"), "人次"),
    fig(CP, "innovation-studios", "创新工作室近1.5万家", 15_000, "nearly", None, "家"),
    fig(CP, "innovation-studios-rank", "总数居全国第一", 1, "rank", None, ""),
    fig(CP, "service-teams", "劳模工匠服务队663支", 663, "exact", None, "支"),
    fig(CP, "support-activities", "助企活动2401次", 2401, "exact", None, "次"),
    fig(CP, "enterprises-served", "服务企业3320家", 3320, "exact", None, "家"),
    fig(CP, "technical-problems-solved", "技术问题6052个", 6052, "exact", None, "个"),
    // lines 24–28
    fig(RT, "collective-contracts", "企业集体合同1.12万份", 11_200, "exact", None, "份"),
    fig(RT, "wage-contracts", "工资专项集体合同超5000份", 5000, "over", None, "份"),
    fig(RT, "contract-workers", "覆盖职工36.8万人", 368_000, "exact", None, "人"),
    fig(RT, "legal-aid-cases", "法律援助案件4900余件", 4900, "more_than", None, "件"),
    fig(RT, "wages-recovered", "赔偿金超过2.5亿元", 250_000_000, "over", Some("超过"), "元"),
    fig(RT, "gig-union-federations", "新业态工联会达400余家", 400, "more_than", None, "家"),
    fig(RT, "gig-members", "劳动者会员达167万", 1_670_000, "exact", None, ""),
    fig(RT, "occupational-injury-cover", "每月保障超过90万名新业态人员", 900_000, "over", Some("超过"), "名"),
];

/// Phrases with Arabic digits that are no figure: dates, years, titles and names.
const NOT_FIGURES: &[&str] = &[
    "8月27日",
    "2024年以来",
    "《2024技行天下》",
    "2025-2027年", // 2025—2027年 on the site
    "2025年“集中要约行动”",
    "“3+4”",
    "“1+1+N”",
];

/// A whole number in the report's style: 1.12万, 2.5亿, 7800.
fn cn_number(value: u64) -> String {
    let (base, suffix, digits) = if value >= 100_000_000 {
        (100_000_000, "亿", 8)
    } else if value >= 10_000 {
        (10_000, "万", 4)
    } else {
        return value.to_string();
    };
    let (whole, rest) = (value / base, value % base);
    if rest == 0 {
        format!("{whole}{suffix}")
    } else {
        let decimals = format!("{rest:0digits$}");
        format!("{whole}.{}{suffix}", decimals.trim_end_matches('0'))
    }
}

fn hanzi_number(value: u64) -> String {
    const DIGITS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    DIGITS
        .get(value as usize)
        .unwrap_or_else(|| panic!("no hanzi numeral for {value} in this test"))
        .to_string()
}

/// How the report writes a figure's number with its qualifier (the spec's `display`).
fn display(fig: &Mapping) -> String {
    let value = fig.get("value").and_then(Value::as_u64).expect("value");
    let qualifier = str_field(fig, "qualifier").expect("qualifier");
    let wording = str_field(fig, "wording");
    let hanzi = str_field(fig, "numerals") == Some("hanzi");
    let round = match value {
        100 => Some("百"),
        1000 => Some("千"),
        10_000 => Some("万"),
        100_000_000 => Some("亿"),
        _ => None,
    };
    // 第 takes Chinese numerals whatever `numerals` says (第四届, 第一).
    let hanzi = hanzi || matches!(qualifier, "rank" | "ordinal");
    let number = match (hanzi, qualifier, round) {
        (true, _, _) => hanzi_number(value),
        (false, "over" | "about", Some(round)) => round.to_owned(),
        _ => cn_number(value),
    };
    match qualifier {
        "exact" => number,
        "over" => format!("{}{number}", wording.unwrap_or("超")),
        "more_than" => {
            let word = wording.unwrap_or("余");
            // 多 goes before 万/亿 after a whole number (900多万), else at the end (2.34万多).
            match number.strip_suffix(['万', '亿']) {
                Some(head) if word == "多" && !head.contains('.') => {
                    format!("{head}多{}", number.chars().last().unwrap())
                }
                _ => format!("{number}{word}"),
            }
        }
        "nearly" => format!("近{number}"),
        "about" => format!("上{number}"),
        "first" => "首".to_owned(),
        "in_a_row" => format!("连续{number}"),
        "rank" | "ordinal" => format!("第{number}"),
        other => panic!("unknown qualifier {other}"),
    }
}

/// The figure's text as its card and every reference show it: display and unit (`1.5万余家`).
fn figure_text(fig: &Mapping) -> String {
    format!("{}{}", display(fig), str_field(fig, "unit").unwrap_or(""))
}

#[test]
fn every_figure_is_stated_in_the_report() {
    let article = article();
    let pages = load_pages();
    for e in EXPECTED {
        let what = format!("{} `{}` ({})", e.page, e.id, e.phrase);
        assert!(
            article.contains(e.phrase),
            "{what}: phrase not in article.txt"
        );
        let page = pages
            .iter()
            .find(|p| p.name == e.page)
            .unwrap_or_else(|| panic!("{what}: no page"));
        assert!(
            plain_body(&pages, page).contains(e.phrase),
            "{what}: phrase not in the page text"
        );
        let f = page
            .figure(e.id)
            .unwrap_or_else(|| panic!("{what}: no such figure"));
        assert_eq!(
            f.get("value").and_then(Value::as_u64),
            Some(e.value),
            "{what}: value"
        );
        assert_eq!(
            str_field(f, "qualifier"),
            Some(e.qualifier),
            "{what}: qualifier"
        );
        assert_eq!(str_field(f, "wording"), e.wording, "{what}: wording");
        assert_eq!(str_field(f, "unit"), Some(e.unit), "{what}: unit");
        // The phrase must read as the figure: "1.5万余家" is 15000, more_than, 家.
        let shown = display(f);
        // 六大行动, 十大专项培训行动: the unit is the report's 大, so the card says 六大, 十大.
        let written = format!("{shown}{}", e.unit);
        assert!(
            e.phrase.contains(&written),
            "{what}: the figure reads {written:?}, which the phrase does not say"
        );
    }
}

#[test]
fn no_figure_outside_the_table() {
    let expected: BTreeSet<(&str, &str)> = EXPECTED.iter().map(|e| (e.page, e.id)).collect();
    assert_eq!(expected.len(), EXPECTED.len(), "table lists a figure twice");
    for page in load_pages() {
        for f in page.figures() {
            let id = str_field(f, "id").expect("id");
            assert!(
                expected.contains(&(page.name.as_str(), id)),
                "{} `{id}` is not in the table of report phrases",
                page.name
            );
        }
    }
}

#[test]
fn every_number_of_the_report_is_a_figure() {
    let text = clean_article();
    let mut covered = vec![false; text.len()];
    let phrases = EXPECTED
        .iter()
        .map(|e| e.phrase)
        .chain(NOT_FIGURES.iter().copied());
    for phrase in phrases {
        for (start, _) in text.match_indices(phrase) {
            covered[start..start + phrase.len()].fill(true);
        }
    }
    for (pos, ch) in text.char_indices() {
        if ch.is_ascii_digit() {
            let line = text[..pos].matches('\n').count() + 1;
            assert!(
                covered[pos],
                "article.txt line {line}: the number at {:?} is neither a figure nor listed \
                 as a date or name",
                &text[pos..].chars().take(12).collect::<String>()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The site carries the clean report

#[test]
fn headline_fragments_do_not_reach_the_site() {
    let article = article();
    let clean = clean_article();
    let damaged: String = article
        .lines()
        .skip(1)
        .take(2)
        .collect::<Vec<_>>()
        .join("\n");
    for needle in damage_signatures() {
        assert!(damaged.contains(&needle), "{needle:?} is not in lines 2–3");
        assert!(
            !clean.contains(&needle),
            "{needle:?} is legitimate report text; it cannot mark damage"
        );
        for page in load_pages() {
            assert!(
                !page.raw.contains(&needle),
                "{}: contains the damaged sequence {needle:?}",
                page.name
            );
        }
    }
}

#[test]
fn lead_is_the_repaired_sentences() {
    let clean = published_article();
    let lead: Vec<&str> = clean.lines().skip(1).take(2).collect();
    assert_eq!(
        lead,
        [
            "8月27日，广东省深化产业工人队伍建设改革工作现场推进会在广州黄埔召开。会议指出，\
             近年来，广东省深化产业工人队伍建设改革取得积极进展，组织领导更加有力，制度机制更加完善，\
             劳模工匠和技能人才引领作用充分彰显，广东省连续3年在全国产改考核督查中获得“优秀”等次。",
            "记者从现场获悉，2024年以来，广东省总工会聚焦思想引领、地位保障、成长成才、权益维护、\
             作用发挥、队伍壮大等六大行动，深化产业工人队伍建设改革，打造一流产业技术工人队伍。",
        ]
    );
    let pages = load_pages();
    let home = pages.iter().find(|p| p.name == "_index.md").unwrap();
    for sentence in lead {
        assert!(
            plain_body(&pages, home).contains(sentence),
            "home page lacks the lead sentence {sentence:?}"
        );
    }
}

#[test]
fn page_text_is_taken_from_the_report() {
    let clean = published_article();
    let pages = load_pages();
    for page in &pages {
        for line in text_lines(&reader_text(&pages, page)) {
            assert!(
                clean.contains(&line),
                "{}: {line:?} is not text of the report",
                page.name
            );
        }
        let mut pieces = Vec::new();
        if page.name != "_index.md" {
            pieces.extend(str_field(&page.front, "title"));
        }
        pieces.extend(str_field(&page.front, "description"));
        if let Some(extra) = page.get("extra").and_then(Value::as_mapping) {
            pieces.extend(str_field(extra, "subtitle"));
        }
        pieces.extend(
            page.figures()
                .into_iter()
                .filter_map(|f| str_field(f, "note")),
        );
        for piece in pieces {
            for part in piece.split(' ') {
                assert!(
                    clean.contains(part),
                    "{}: {part:?} (front matter) is not text of the report",
                    page.name
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Numbers written once: the text names figures by reference, so a figure's value is typed in
//    its front matter only and a corrected value reaches every sentence that states it.

/// Sub-headings of the report that state a figure, word for word. Each is a page's
/// `description` (the lead under the page title), which is plain front-matter text the engine
/// renders without references, so these are the only places a figure's number is typed twice.
const SUBHEADINGS_WITH_FIGURES: &[(&str, &str)] = &[
    (CO, "出台全国首部关于技能人才发展的地方性法规"),
    (ID, "组建省劳模工匠宣讲团 开展“六进”活动超万场"),
    (CP, "每年组织上百个工种竞赛 带动超过500万人次职工参与"),
];

/// The ways a figure's number can be typed by hand: its text (`1.5万余家`, `六大`, `首部`), its
/// display when that holds digits (`1.5万余`), and its value in digits (`15000`) and in 万/亿
/// (`1.5万`).
fn typed_forms(fig: &Mapping) -> Vec<String> {
    let value = fig.get("value").and_then(Value::as_u64).expect("value");
    let shown = display(fig);
    let mut forms = vec![figure_text(fig)];
    if shown.chars().any(|c| c.is_ascii_digit()) {
        forms.push(shown);
    }
    forms.push(value.to_string());
    forms.push(cn_number(value));
    forms.sort_by_key(|f| f.len());
    forms.dedup();
    forms
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

/// Where `needle` occurs in `text` as a number of its own: `2个` is not found in `6052个`, nor
/// `9` in `1.92`.
fn find_number(text: &str, needle: &str) -> Option<usize> {
    let starts_with_digit = needle.chars().next().is_some_and(|c| c.is_ascii_digit());
    let ends_with_digit = needle.chars().last().is_some_and(is_number_char);
    text.match_indices(needle).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().last();
        let after = text[at + needle.len()..].chars().next();
        let inside_before = starts_with_digit && before.is_some_and(is_number_char);
        let inside_after = ends_with_digit && after.is_some_and(is_number_char);
        !inside_before && !inside_after
    })
}

/// A few characters either side of `at`, for a message.
fn around(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(15)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(25)
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].to_owned()
}

/// `text` with what may hold digits without being a figure blanked out: `{{references}}`,
/// heading attributes (`{#六大行动}`) and the report's dates and names ([`NOT_FIGURES`]).
fn without_references_and_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, _) in references(text) {
        out.push_str(&text[at..range.start]);
        out.push('|');
        at = range.end;
    }
    out.push_str(&text[at..]);
    let mut out: String = out
        .lines()
        .map(|line| match line.rfind(" {#") {
            Some(cut) if line.ends_with('}') => &line[..cut],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    for name in NOT_FIGURES {
        out = out.replace(name, "|").replace(&published(name), "|");
    }
    out
}

/// Every figure of the site with the page it is on.
fn all_figures(pages: &[Page]) -> Vec<(&Page, &Mapping)> {
    pages
        .iter()
        .flat_map(|p| p.figures().into_iter().map(move |f| (p, f)))
        .collect()
}

/// Fails with every place in `text` (from `what`) where a figure's number is typed.
fn assert_no_typed_figure(pages: &[Page], what: &str, text: &str, problems: &mut Vec<String>) {
    let masked = without_references_and_names(text);
    for (page, fig) in all_figures(pages) {
        let id = str_field(fig, "id").expect("id");
        // The first form found is enough (`连续3年` holds `3` too).
        for form in typed_forms(fig).iter().rev() {
            if let Some(at) = find_number(&masked, form) {
                problems.push(format!(
                    "{what}: {form:?} is typed in …{}…; it is figure `{id}` of {}: write \
                     `{{{{{}}}}}` instead",
                    around(&masked, at),
                    page.name,
                    match (page.name == "_index.md", what.starts_with(&page.name)) {
                        (_, true) => id.to_owned(),
                        (true, false) => format!("/{id}"),
                        (false, false) => format!("{}/{id}", page_path(page)),
                    }
                ));
                break;
            }
        }
    }
}

#[test]
fn no_figure_number_is_typed_in_the_text() {
    let pages = load_pages();
    let mut problems = Vec::new();
    for page in &pages {
        let what = format!("{} (text)", page.name);
        assert_no_typed_figure(&pages, &what, &page.body, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "numbers typed in the text instead of a figure reference:\n{}",
        problems.join("\n")
    );
}

/// Every string of a front-matter value, with its key path (`extra.subtitle`).
fn strings<'a>(path: &str, value: &'a Value, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(s) => out.push((path.to_owned(), s)),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(&format!("{path}[{i}]"), item, out);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                let key = key.as_str().unwrap_or("?");
                strings(&format!("{path}.{key}"), item, out);
            }
        }
        _ => {}
    }
}

#[test]
fn front_matter_repeats_no_figure_number() {
    let clean = clean_article();
    for (page, subheading) in SUBHEADINGS_WITH_FIGURES {
        for part in subheading.split(' ') {
            assert!(clean.contains(part), "{subheading:?} is not the report's");
        }
        let page = load_pages().into_iter().find(|p| p.name == *page).unwrap();
        assert_eq!(
            str_field(&page.front, "description"),
            Some(*subheading),
            "{}: description",
            page.name
        );
    }
    let pages = load_pages();
    let mut problems = Vec::new();
    for page in &pages {
        let mut found = Vec::new();
        for (key, value) in &page.front {
            let key = key.as_str().expect("string key");
            match key {
                // Values, units and qualifiers are the figure itself; dates are no figures.
                "figures" | "date" | "weight" => {}
                "description"
                    if SUBHEADINGS_WITH_FIGURES
                        .iter()
                        .any(|(p, s)| *p == page.name && value.as_str() == Some(s)) => {}
                _ => strings(key, value, &mut found),
            }
        }
        for fig in page.figures() {
            let id = str_field(fig, "id").expect("id");
            for field in ["label", "note", "group"] {
                if let Some(text) = str_field(fig, field) {
                    found.push((format!("figures.{id}.{field}"), text));
                }
            }
        }
        for (key, text) in found {
            // Dates are no figures; the search box's placeholder offers example queries.
            if key.ends_with(".date") || key == "site.strings.search_placeholder" {
                continue;
            }
            let what = format!("{} ({key})", page.name);
            assert_no_typed_figure(&pages, &what, text, &mut problems);
        }
    }
    assert!(
        problems.is_empty(),
        "front matter repeats a figure's number (rephrase without it):\n{}",
        problems.join("\n")
    );
}

/// A figure with another value that its qualifier can show, and its text: three times the value;
/// for Chinese numerals (六大, 第四届) a small number `small`; `first` (首, always 1) becomes
/// `exact` with 7.
fn changed(fig: &Mapping, small: u64) -> (u64, Option<&'static str>, String) {
    let value = fig.get("value").and_then(Value::as_u64).expect("value");
    let qualifier = str_field(fig, "qualifier").expect("qualifier");
    let hanzi =
        str_field(fig, "numerals") == Some("hanzi") || matches!(qualifier, "rank" | "ordinal");
    let mut new = fig.clone();
    let (new_value, new_qualifier) = match qualifier {
        "first" => (7, Some("exact")),
        _ if hanzi => (small, None),
        _ => (value * 3, None),
    };
    new.insert("value".into(), new_value.into());
    if let Some(q) = new_qualifier {
        new.insert("qualifier".into(), q.into());
    }
    (new_value, new_qualifier, figure_text(&new))
}

/// `raw` (a page file) with `key: ...` of the figure `id` set to `value`.
fn set_figure_field(raw: &str, id: &str, key: &str, value: &str) -> String {
    let mut lines: Vec<String> = raw.lines().map(str::to_owned).collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == format!("- id: {id}"))
        .unwrap_or_else(|| panic!("no `- id: {id}` line"));
    let line = lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with("    ") && !l.trim_start().starts_with("- "))
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map(|i| start + 1 + i)
        .unwrap_or_else(|| panic!("figure `{id}` has no `{key}:` line"));
    let indent = &lines[line][..lines[line].len() - lines[line].trim_start().len()];
    lines[line] = format!("{indent}{key}: {value}");
    lines.join("\n") + "\n"
}

/// The text of the `<main>` element: tags dropped (a card's `<span>9</span><span>家</span>`
/// reads `9家`), entities decoded, and the report's sub-headings ([`SUBHEADINGS_WITH_FIGURES`],
/// the pages' descriptions) blanked out.
fn main_text(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html[start..].find("</main>").expect("</main>") + start;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    for (_, subheading) in SUBHEADINGS_WITH_FIGURES {
        text = text.replace(subheading, "|");
    }
    text
}

/// The texts of the links `<a class="figure-ref" href="HREF">` in `html`.
fn reference_texts(html: &str, href: &str) -> Vec<String> {
    let open = format!("<a class=\"figure-ref\" href=\"{href}\">");
    html.match_indices(&open)
        .map(|(at, _)| {
            let rest = &html[at + open.len()..];
            rest[..rest.find("</a>").expect("</a>")].to_owned()
        })
        .collect()
}

/// The stripped text of the card `<… id="fig-ID">` (an `<li>`, or the home page's hero).
fn card_text(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!(" id=\"fig-{id}\""))?;
    let start = html[..at].rfind('<').expect("an element");
    let name: String = html[start + 1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let (mut depth, mut from) = (0usize, start);
    loop {
        let next_open = html[from + 1..].find(&open).map(|i| from + 1 + i);
        let next_close = html[from + 1..].find(&close).map(|i| from + 1 + i)?;
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                from = o;
            }
            _ if depth == 0 => {
                return Some(main_text(&format!(
                    "<main>{}</main>",
                    &html[start..next_close]
                )));
            }
            _ => {
                depth -= 1;
                from = next_close;
            }
        }
    }
}

#[test]
fn a_changed_value_reaches_every_place_on_its_page() {
    let pages = load_pages();
    let mut problems = Vec::new();
    let mut checked = 0;
    // One build per page, with every figure of that page changed (two figures of one page may
    // show the same text, 第四届 and 第四届, so they change together).
    for page in &pages {
        let figures = page.figures();
        if figures.is_empty() {
            continue;
        }
        let root = tempfile::tempdir().expect("temp dir");
        for folder in ["content", "static"] {
            crate::util::copy_tree(&manifest_dir().join(folder), &root.path().join(folder));
        }
        let mut raw = page.raw.clone();
        let mut changes = Vec::new();
        let mut small = 7..;
        for fig in &figures {
            let id = str_field(fig, "id").expect("id");
            let hanzi = str_field(fig, "numerals") == Some("hanzi")
                || matches!(str_field(fig, "qualifier"), Some("rank" | "ordinal"));
            let small = if hanzi { small.next().unwrap() } else { 0 };
            assert!(
                small <= 10,
                "{}: too many figures in Chinese numerals",
                page.name
            );
            let (value, qualifier, new_text) = changed(fig, small);
            raw = set_figure_field(&raw, id, "value", &value.to_string());
            if let Some(q) = qualifier {
                raw = set_figure_field(&raw, id, "qualifier", q);
            }
            let key = fig.get("key").and_then(Value::as_bool) == Some(true);
            changes.push((id, figure_text(fig), new_text, key));
        }
        // The new texts must not bring back an old one (then the test would prove nothing).
        for (id, _, new_text, _) in &changes {
            for (other, old_text, _, _) in &changes {
                assert!(
                    find_number(new_text, old_text).is_none(),
                    "{}: the new text {new_text:?} of `{id}` holds the old text {old_text:?} \
                     of `{other}`; pick other test values",
                    page.name
                );
            }
        }
        std::fs::write(root.path().join("content").join(&page.name), &raw).expect("write page");
        let out = root.path().join("out");
        crate::util::build_ok(root.path(), &out, &[]);

        let path = page_path(page);
        let html_path = if path.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{path}/index.html")
        };
        let html = crate::util::read(&out, &html_path);
        let text = main_text(&html);
        let home = main_text(&crate::util::read(&out, "index.html"));
        let changed_body = raw[raw.find("\n---\n").expect("front matter") + 5..].to_owned();
        for (id, old_text, new_text, key) in &changes {
            checked += 1;
            let what = format!("{} `{id}` ({old_text} -> {new_text})", page.name);
            if let Some(at) = find_number(&text, old_text) {
                problems.push(format!(
                    "{what}: the old text is still on {html_path}: …{}…",
                    around(&text, at)
                ));
            }
            match card_text(&html, id) {
                Some(card) if card.contains(new_text.as_str()) => {}
                card => problems.push(format!("{what}: the card reads {card:?}")),
            }
            let written = references(&changed_body)
                .iter()
                .filter(|(_, name)| {
                    name == id
                        || name
                            .rsplit_once('/')
                            .is_some_and(|(p, n)| n == *id && p.trim_matches('/') == path.as_str())
                })
                .count();
            let shown = reference_texts(&html, &format!("#fig-{id}"));
            if shown.len() != written || shown.iter().any(|s| s != new_text) {
                problems.push(format!(
                    "{what}: {written} references in the text, rendered as {shown:?}"
                ));
            }
            if *key {
                if let Some(at) = find_number(&home, old_text) {
                    problems.push(format!(
                        "{what}: a key figure, still old on the home page: …{}…",
                        around(&home, at)
                    ));
                }
                if !home.contains(new_text.as_str()) {
                    problems.push(format!("{what}: a key figure, not new on the home page"));
                }
            }
        }
    }
    assert_eq!(
        checked,
        all_figures(&pages).len(),
        "every figure of the site was changed"
    );
    assert!(
        problems.is_empty(),
        "a changed value left the old number on the page:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Typography: the report's full-width punctuation and its whole paragraphs

/// `text` with what is no prose blanked out, character by character: `{{references}}`, code
/// (fenced blocks and `` `spans` ``), link targets (`](…)`) and URLs (`https://…` up to a space,
/// a quote, a bracket or Chinese text).
fn prose(text: &str) -> String {
    let mut hidden: Vec<std::ops::Range<usize>> = references(text)
        .into_iter()
        .map(|(range, _)| range)
        .collect();
    let (mut at, mut fence) = (0, None);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            match fence.take() {
                None => fence = Some(at),
                Some(start) => hidden.push(start..at + line.len()),
            }
        }
        at += line.len();
    }
    hidden.extend(fence.map(|start| start..text.len()));
    let mut from = 0;
    while let Some(open) = text[from..].find('`').map(|i| from + i) {
        let Some(close) = text[open + 1..].find('`').map(|i| open + 1 + i) else {
            break;
        };
        hidden.push(open..close + 1);
        from = close + 1;
    }
    for (start, _) in text.match_indices("](") {
        let end = text[start..]
            .find(')')
            .map_or(text.len(), |i| start + i + 1);
        hidden.push(start..end);
    }
    for scheme in ["http://", "https://"] {
        for (start, _) in text.match_indices(scheme) {
            let end = text[start..]
                .find(|c: char| c.is_whitespace() || !c.is_ascii() || "\"'<>)".contains(c))
                .map_or(text.len(), |i| start + i);
            hidden.push(start..end);
        }
    }
    text.char_indices()
        .map(|(i, c)| {
            if hidden.iter().any(|r| r.contains(&i)) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Every place in the prose of `text` that a Chinese editor would typeset otherwise (see
/// [`published`]): a half-width `, ; : ? ! ( )` touching Chinese text, a range of years with a
/// hyphen.
fn untypeset(text: &str) -> Vec<String> {
    let prose = prose(text);
    let fixed = published(&prose);
    prose
        .char_indices()
        .zip(fixed.chars())
        .filter(|((_, was), now)| was != now)
        .map(|((at, was), now)| format!("`{was}` for `{now}` in …{}…", around(&prose, at)))
        .collect()
}

#[test]
fn the_typesetting_check_finds_half_width_punctuation_in_chinese_text_only() {
    for (text, want) in [
        ("成绩单出炉!广东", "！"),
        ("收入待遇?广东", "？"),
        ("培训范围;积极", "；"),
        ("主要有:甲", "："),
        ("视频 赖富城(实习）", "（"),
        ("办法（试行)》", "）"),
        ("方案(2025", "（"),
        ("共有{{member-units}},另有", "，"),
        ("带动**{{contest-participants}}**,参与", "，"),
        ("方案（2025-2027年）", "—"),
    ] {
        let found = untypeset(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert!(
            found[0].contains(&format!("for `{want}`")),
            "{text:?}: {found:?}"
        );
    }
    for text in [
        "{{chart 甲,乙}}",
        "见 `甲,乙` 与 ```",
        "```\n甲,乙\n```\n",
        "见[甲](https://example.com/?q=a,b)",
        "见https://example.com/a,b:c 等",
        "增长3.5%，“3+4”贯通，“1+1+N”",
        "工会+法院+检察院",
        "(see README, Search)",
        "2025-08-27",
        "广东省深化产业工人队伍建设改革（产改）的进展与数据，据南方网、粤学习报道整理。",
    ] {
        assert_eq!(untypeset(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn chinese_text_has_full_width_punctuation() {
    let pages = load_pages();
    let mut problems = Vec::new();
    for page in &pages {
        for found in untypeset(&page.body) {
            problems.push(format!("{} (text): {found}", page.name));
        }
        // Every front-matter text: titles, descriptions, labels, notes, groups and the site
        // settings (its description, the source's title and credits).
        let mut texts = Vec::new();
        for (key, value) in &page.front {
            strings(key.as_str().expect("string key"), value, &mut texts);
        }
        for (key, text) in texts {
            for found in untypeset(text) {
                problems.push(format!("{} ({key}): {found}", page.name));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "half-width punctuation in Chinese text (the scrape's, not the report's):\n{}",
        problems.join("\n")
    );
    let home = pages.iter().find(|p| p.name == "_index.md").unwrap();
    let site = home.get("site").and_then(Value::as_mapping).expect("site");
    assert_eq!(
        str_field(site, "description"),
        Some("广东省深化产业工人队伍建设改革（产改）的进展与数据，据南方网、粤学习报道整理。")
    );
    let skills = pages.iter().find(|p| p.name == SK).unwrap();
    assert!(
        skills.body.contains("培训行动方案（2025—2027年）》"),
        "skills.md: the plan's years are a range with a dash, in full-width brackets"
    );
}

#[test]
fn the_reports_paragraphs_stay_whole() {
    let pages = load_pages();
    // Report line 12 is one paragraph: the ideological work, its figures and 同时… together.
    let report = published_article();
    let line = report.lines().nth(11).expect("line 12");
    assert!(
        line.starts_with("广东持续强化产业工人队伍思想政治工作"),
        "line 12 of the report: {line}"
    );
    let ideology = pages.iter().find(|p| p.name == ID).unwrap();
    let paragraphs: Vec<String> = plain_body(&pages, ideology)
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        paragraphs,
        [line],
        "ideology.md: the report's paragraph, whole, as its only paragraph"
    );
    // No paragraph of the site stops mid-sentence.
    for page in &pages {
        for paragraph in plain_body(&pages, page).split("\n\n") {
            let end = paragraph.trim().chars().last();
            assert!(
                !matches!(end, Some('；' | '，' | '：' | '、' | ';' | ',' | ':')),
                "{}: a paragraph ends mid-sentence: {paragraph:?}",
                page.name
            );
        }
    }
}
