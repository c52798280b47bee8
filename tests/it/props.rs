//! Property tests: random front matter and random Markdown through the whole in-memory
//! pipeline never panic, and always give either a site or an error with a file and a line.

use gongjiang::build::render_files;
use gongjiang::source::{SiteFiles, SourceFile};
use proptest::prelude::*;

const HOME: &str =
    "---\ntitle: 首页\nsite:\n  title: 站\n  base_url: https://example.org/sub/\n---\n首页\n";

fn templates() -> Vec<(String, String)> {
    let page = "<h1>{{ page.title }}</h1>{% for f in page.figures %}<p>{{ f.text }}</p>{% endfor %}\
                {% for c in page.charts %}{{ c.svg | safe }}{% endfor %}{{ page.content | safe }}";
    ["index.html", "page.html", "section.html", "404.html"]
        .iter()
        .map(|n| ((*n).to_owned(), page.to_owned()))
        .collect()
}

fn site_with(page: String) -> SiteFiles {
    SiteFiles {
        content: vec![
            SourceFile {
                rel_path: "content/_index.md".into(),
                text: HOME.to_owned(),
            },
            SourceFile {
                rel_path: "content/p.md".into(),
                text: page,
            },
        ],
        templates: templates(),
        statics: Vec::new(),
        data: Vec::new(),
        assets: Vec::new(),
    }
}

/// Builds in memory; an error must carry a file and a line.
fn assert_builds_or_locates(page: String) {
    match render_files(&site_with(page.clone()), None, false) {
        Ok(built) => {
            // The page is built (at its slug's path, when it has one) unless it is a draft.
            let has_page = built
                .site
                .pages
                .iter()
                .any(|p| p.source_path.ends_with("p.md"));
            assert!(has_page || page.contains("draft"), "page missing:\n{page}");
            for p in &built.site.pages {
                let path = gongjiang::render::output_path(p);
                assert!(built.output.get(&path).is_some(), "{path} not written");
            }
        }
        Err(err) => {
            let location = err
                .location
                .as_ref()
                .unwrap_or_else(|| panic!("no location: {err}"));
            assert!(
                location.line.is_some(),
                "no line: {err}\n--- input ---\n{page}"
            );
        }
    }
}

/// A YAML scalar of a random type.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n}")),
        Just("true".to_owned()),
        Just("~".to_owned()),
        "[a-z优秀万 ]{0,12}",
        "\"[^\"\\\\]{0,12}\"",
        Just("[1, 2]".to_owned()),
        Just("{a: 1}".to_owned()),
        Just("&a x".to_owned()),
        Just("*a".to_owned()),
        "[:\\-\\[\\]{}#&*!|>'\"%@`\t]{1,4}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "description",
            "slug",
            "weight",
            "date",
            "draft",
            "template",
            "extra",
            "search",
            "site",
            "titel"
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,8}",
    ]
}

fn figure() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,3}",
        scalar(),
        prop::sample::select(vec!["exact", "over", "more_than", "nearly", "about", "first", "in_a_row", "rank", "ordinal", "bogus"]),
        prop::option::of(prop::sample::select(vec!["超", "超过", "余", "多", "近", "x"])),
        prop::option::of("[a-z]{1,2}"),
    )
        .prop_map(|(id, value, qualifier, wording, group)| {
            let mut f = format!("  - id: {id}\n    label: 标签\n    value: {value}\n    unit: 家\n    qualifier: {qualifier}\n");
            if let Some(w) = wording {
                f.push_str(&format!("    wording: {w}\n"));
            }
            if let Some(g) = group {
                f.push_str(&format!("    group: {g}\n"));
            }
            f
        })
}

fn front_matter() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), scalar(), 0..3usize), 0..6),
        prop::collection::vec(figure(), 0..5),
        any::<bool>(),
    )
        .prop_map(|(pairs, figures, with_title)| {
            let mut yaml = String::new();
            if with_title {
                yaml.push_str("title: 标题\n");
            }
            for (k, v, indent) in pairs {
                yaml.push_str(&format!("{}{k}: {v}\n", " ".repeat(indent)));
            }
            if !figures.is_empty() {
                yaml.push_str("figures:\n");
                figures.iter().for_each(|f| yaml.push_str(f));
            }
            yaml
        })
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("# ".to_owned()),
            Just("**".to_owned()),
            Just("*".to_owned()),
            Just("> ".to_owned()),
            Just("- ".to_owned()),
            Just("1. ".to_owned()),
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("```".to_owned()),
            Just("`".to_owned()),
            Just("[链接](/a/#b)".to_owned()),
            Just("[x](javascript:alert(1))".to_owned()),
            Just("![](/img.png)".to_owned()),
            Just("<script>".to_owned()),
            Just("| a | b |\n|---|---|\n".to_owned()),
            Just("[^1]".to_owned()),
            Just("{#id}".to_owned()),
            Just("“优秀”".to_owned()),
            Just("。，".to_owned()),
            "[a-z优秀工匠 ]{1,8}",
            "\\PC{1,6}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_front_matter_builds_or_is_located(yaml in front_matter(), body in markdown()) {
        assert_builds_or_locates(format!("---\n{yaml}---\n{body}"));
    }

    #[test]
    fn random_markdown_always_builds(body in markdown()) {
        let page = format!("---\ntitle: t\n---\n{body}");
        let built = render_files(&site_with(page), None, false);
        prop_assert!(built.is_ok(), "valid front matter with any Markdown builds: {:?}", built.err().map(|e| e.to_string()));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        assert_builds_or_locates(text);
    }
}
