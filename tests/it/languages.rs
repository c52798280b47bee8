//! A site in two languages: translations beside their originals, one set of figures.

use std::collections::BTreeMap;

use crate::util::{build_ok, read, repo_root, run, write};

/// (page path, id) -> (value, qualifier, text) of a language's `all-figures.json`.
fn figures(
    out: &std::path::Path,
    prefix: &str,
) -> BTreeMap<(String, String), (f64, String, String)> {
    let json: serde_json::Value =
        serde_json::from_str(&read(out, &format!("{prefix}all-figures.json"))).expect("json");
    json.as_array()
        .expect("a list")
        .iter()
        .map(|row| {
            let page = row["page"].as_str().expect("page");
            let path = page.split_once('#').expect("#fig-").0;
            let path = path.strip_prefix(BASE).expect("the base URL");
            let path = path.strip_prefix(prefix).unwrap_or(path).to_owned();
            let id = row["id"].as_str().expect("id").to_owned();
            let value = row["value"].as_f64().expect("value");
            let qualifier = row["qualifier"].as_str().expect("qualifier").to_owned();
            let text = row["text"].as_str().expect("text").to_owned();
            ((path, id), (value, qualifier, text))
        })
        .collect()
}

const BASE: &str = "https://example.org/reform/";

#[test]
fn every_chinese_figure_is_on_its_english_page_with_the_same_value() {
    let out = tempfile::tempdir().expect("temp");
    build_ok(&repo_root(), out.path(), &["--base-url", BASE]);
    // The attribution in English words: the date and the list of reporters the English way.
    let home = read(out.path(), "en/index.html");
    assert!(home.contains(">27 August 2025</time>"), "{home}");
    assert!(home.contains("Tang Wenshi, Deng Peiying"), "{home}");
    assert!(read(out.path(), "index.html").contains(">2025年8月27日</time>"));
    let chinese = figures(out.path(), "");
    let english = figures(out.path(), "en/");
    assert!(
        chinese.len() > 40,
        "the microsite has its figures: {}",
        chinese.len()
    );
    assert_eq!(
        chinese.keys().collect::<Vec<_>>(),
        english.keys().collect::<Vec<_>>(),
        "the same figures on the same pages"
    );
    for (key, (value, qualifier, text)) in &chinese {
        let (en_value, en_qualifier, en_text) = &english[key];
        assert_eq!((value, qualifier), (en_value, en_qualifier), "{key:?}");
        // The English page shows the figure's English text where its card is.
        let (path, id) = key;
        let page = read(out.path(), &format!("en/{path}index.html"));
        assert!(
            page.contains(&format!("id=\"fig-{id}\"")),
            "en/{path}: card {id}"
        );
        assert!(
            page.contains(&en_text.replace('"', "&quot;")),
            "en/{path}: {en_text}"
        );
        let original = read(out.path(), &format!("{path}index.html"));
        assert!(original.contains(text.as_str()), "{path}: {text}");
        // Each edition links the other, both ways.
        let en_url = format!("{BASE}en/{path}");
        let zh_url = format!("{BASE}{path}");
        for html in [&page, &original] {
            assert!(
                html.contains(&format!("hreflang=\"en\" href=\"{en_url}\"")),
                "{path}"
            );
            assert!(
                html.contains(&format!("hreflang=\"zh-CN\" href=\"{zh_url}\"")),
                "{path}"
            );
        }
    }
}

/// The runs of digits of a text (`2025`, `3`, `4` of "2025 ... 3+4").
fn numbers(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The English text states no number its Chinese original does not: every run of digits typed
/// in a translation's body is in its original's body (the figures come from the original's
/// front matter through references, and are checked above).
#[test]
fn the_english_text_adds_no_number() {
    let content = repo_root().join("content");
    let mut translations = 0;
    for entry in std::fs::read_dir(&content).expect("content") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let Some(stem) = name.strip_suffix(".en.md") else {
            continue;
        };
        translations += 1;
        let body = |file: &str| {
            let text = std::fs::read_to_string(content.join(file)).expect("read");
            text.splitn(3, "---\n").nth(2).unwrap_or("").to_owned()
        };
        let chinese = numbers(&body(&format!("{stem}.md")));
        let added: Vec<String> = numbers(&body(&name))
            .difference(&chinese)
            .cloned()
            .collect();
        assert!(
            added.is_empty(),
            "{name} types numbers its original does not: {added:?}"
        );
    }
    assert_eq!(translations, 6, "every page of the microsite is translated");
}

const HOME: &str = "---\ntitle: 首页\ndate: 2025-08-27\nsite:\n  title: 测试站\n  base_url: https://example.org/r/\n  language: zh-CN\n  languages: [zh-CN, en]\n  source:\n    title: 报道\n    outlet: 某报\n    date: 2025-08-27\n---\n首页正文，见[甲](a/)。\n";
const HOME_EN: &str = "---\ntitle: Home\nsite:\n  title: Test site\n  description: A test site.\n  source:\n    title: The report\n    original_title: 报道\n    outlet: Some Daily\n---\nHome text, see [A](a/).\n";
const A: &str = "---\ntitle: 甲\nweight: 1\ndate: 2025-08-27\nfigures:\n  - id: members\n    label: 会员\n    value: 9000000\n    unit: 人\n    qualifier: more_than\n  - id: run\n    label: 获评优秀\n    value: 3\n    unit: 年\n    qualifier: in_a_row\n    key: true\n---\n会员{{members}}，{{run}}获评优秀；见[乙](../b/)。\n";
const A_EN: &str = "---\ntitle: A\nfigures:\n  - id: members\n    label: Members\n    unit: people\n  - id: run\n    label: Rated excellent\n    unit: years\n---\nMembers: {{members}}; rated excellent {{run}}; see [B](../b/).\n";
const B: &str = "---\ntitle: 乙\nweight: 2\n---\n乙的正文，{{a/members}}。\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    write(root, "content/_index.md", HOME);
    write(root, "content/_index.en.md", HOME_EN);
    write(root, "content/a.md", A);
    write(root, "content/a.en.md", A_EN);
    write(root, "content/b.md", B);
    dir
}

#[test]
fn translations_are_published_under_their_language_with_english_figures() {
    let site = site();
    let out = tempfile::tempdir().expect("temp");
    build_ok(site.path(), out.path(), &[]);
    let a = read(out.path(), "en/a/index.html");
    assert!(a.contains("more than 9 million people"), "{a}");
    assert!(a.contains("3 years in a row"), "{a}");
    let zh = read(out.path(), "a/index.html");
    assert!(zh.contains("900万余人"), "{zh}");
    // Each page names its language, its other versions (both ways) and offers a switch that
    // lands on the same page in the other language.
    assert!(a.contains("<html lang=\"en\">"), "{a}");
    assert!(zh.contains("<html lang=\"zh-CN\">"), "{zh}");
    for page in [&a, &zh] {
        assert!(
            page.contains(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/r/en/a/\">"
            ),
            "{page}"
        );
        assert!(
            page.contains(
                "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.org/r/a/\">"
            ),
            "{page}"
        );
    }
    assert!(
        a.contains("<a href=\"/r/a/\" hreflang=\"zh-CN\" lang=\"zh-CN\">中文</a>"),
        "{a}"
    );
    assert!(
        zh.contains("<a href=\"/r/en/a/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{zh}"
    );
    // A page with no translation: no alternates, and the switch goes to the other home.
    let b = read(out.path(), "b/index.html");
    assert!(!b.contains("hreflang=\"en\" href"), "{b}");
    assert!(
        b.contains("<a href=\"/r/en/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{b}"
    );
    // The other page's figure, named from Chinese, in Chinese.
    assert!(b.contains("900万余人"), "{b}");
    // Menus and site words per language.
    assert!(
        a.contains("<span class=\"brand__name\">Test site</span>"),
        "{a}"
    );
    assert!(a.contains(">A</a>") && !a.contains(">乙</a>"), "{a}");
    assert!(zh.contains(">乙</a>") && !zh.contains(">A</a>"), "{zh}");
    // One feed per language, each with its own pages and words.
    let feed = read(out.path(), "feed.xml");
    let feed_en = read(out.path(), "en/feed.xml");
    assert!(feed.contains("/r/a/") && !feed.contains("/r/en/"), "{feed}");
    assert!(
        feed_en.contains("/r/en/a/") && !feed_en.contains("乙"),
        "{feed_en}"
    );
    assert!(feed_en.contains("Test site"), "{feed_en}");
    // The sitemap names every version of a translated page from each version.
    let sitemap = read(out.path(), "sitemap.xml");
    assert!(
        sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
        "{sitemap}"
    );
    for loc in ["https://example.org/r/a/", "https://example.org/r/en/a/"] {
        let entry = sitemap
            .split("<url>")
            .find(|u| u.contains(&format!("<loc>{loc}</loc>")))
            .unwrap_or_else(|| panic!("{loc} in {sitemap}"));
        assert!(
            entry.contains("hreflang=\"zh-CN\" href=\"https://example.org/r/a/\"")
                && entry.contains("hreflang=\"en\" href=\"https://example.org/r/en/a/\""),
            "{entry}"
        );
    }
    // Each language's figures as data, in its words, at its root.
    let csv = read(out.path(), "en/all-figures.csv");
    assert!(csv.contains("more than 9 million people"), "{csv}");
    assert!(csv.contains("Some Daily \"\"The report\"\""), "{csv}");
    assert!(!read(out.path(), "all-figures.csv").contains("Members"));
}

#[test]
fn check_warns_at_a_page_missing_a_translation() {
    let site = site();
    let output = run(&["check", "--root", site.path().to_str().expect("utf-8")]);
    let report = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        report.contains(
            "content/b.md: warning[missing_translation]: this page has no en translation"
        ),
        "{report}"
    );
    assert!(report.contains("content/b.en.md"), "{report}");
    assert!(
        !report.contains("content/a.md: warning[missing_translation]"),
        "{report}"
    );
}
