//! Search: with `search: true` the build writes a Pagefind bundle under `pagefind/`; a page
//! marked `search: false` is not in it; without the setting nothing is written; two builds give
//! the same bytes; a wrong value for `search` is an error with file and line.
//!
//! Pagefind's fragment files (one per indexed page) are gzip'd JSON after a `pagefind_dcd`
//! signature; they are decoded here to see which pages the index holds. That the index answers
//! queries is checked in the browser (`tests/browser/search.mjs`, run by `browser.rs`).

use std::io::Read;
use std::path::Path;

use crate::util;

/// A copy of the `basic` fixture with search on and one page left out of search.
fn site_with_search() -> tempfile::TempDir {
    let dir = util::temp_fixture("basic");
    let home = dir.path().join("content/_index.md");
    let text = std::fs::read_to_string(&home).expect("read _index.md");
    let text = text.replacen(
        "  language: zh-CN\n",
        "  language: zh-CN\n  search: true\n",
        1,
    );
    std::fs::write(&home, text).expect("write _index.md");
    util::write(
        dir.path(),
        "content/hidden.md",
        "---\ntitle: 内部页面\nsearch: false\n---\n## 不公开\n\n隐藏页面独有词 zanzibarquartz。\n",
    );
    util::write(
        dir.path(),
        "content/visible.md",
        "---\ntitle: 公开页面\n---\n## 公开\n\n公开页面独有词 quokkaharbour。\n",
    );
    dir
}

/// Every fragment of the bundle in `out`, decoded to JSON.
fn fragments(out: &Path) -> Vec<serde_json::Value> {
    util::tree(&out.join("pagefind/fragment"))
        .into_iter()
        .map(|(rel, bytes)| decode(&rel, &bytes))
        .collect()
}

fn decode(rel: &str, bytes: &[u8]) -> serde_json::Value {
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut text)
        .unwrap_or_else(|e| panic!("{rel}: not gzip: {e}"));
    let json = text
        .strip_prefix(b"pagefind_dcd")
        .unwrap_or_else(|| panic!("{rel}: no pagefind_dcd signature"));
    serde_json::from_slice(json).unwrap_or_else(|e| panic!("{rel}: not JSON: {e}"))
}

#[test]
fn the_build_writes_the_index_and_leaves_out_pages_marked_search_false() {
    let site = site_with_search();
    let out = tempfile::tempdir().expect("temp dir");
    let out = out.path().join("public");
    let summary = util::build_ok(site.path(), &out, &[]);
    assert!(
        summary.contains("; search index ") && summary.contains(" KB + Pagefind "),
        "the build reports the index size: {summary}"
    );
    for file in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
        assert!(out.join(file).is_file(), "{file} is written");
    }
    let files: Vec<String> = util::tree(&out.join("pagefind"))
        .into_iter()
        .map(|(rel, _)| rel)
        .collect();
    for kind in ["index/", "fragment/", "wasm."] {
        assert!(
            files.iter().any(|f| f.starts_with(kind)),
            "a {kind} file in pagefind/: {files:?}"
        );
    }
    assert!(
        !files.iter().any(|f| f.starts_with("pagefind-ui")),
        "Pagefind's own interface is not shipped: {files:?}"
    );
    let entry: serde_json::Value =
        serde_json::from_str(&util::read(&out, "pagefind/pagefind-entry.json")).expect("json");
    assert!(
        entry["languages"]
            .as_object()
            .is_some_and(|l| l.keys().any(|k| k.starts_with("zh"))),
        "the index is a Chinese one (segmented): {entry}"
    );

    let fragments = fragments(&out);
    let urls: Vec<&str> = fragments.iter().filter_map(|f| f["url"].as_str()).collect();
    let mut expected = vec!["/", "/about/", "/about/team/", "/skills/", "/visible/"];
    expected.sort();
    let mut got = urls.clone();
    got.sort();
    assert_eq!(
        got, expected,
        "the indexed pages (no hidden page, no 404, no draft)"
    );
    let all = serde_json::to_string(&fragments).expect("json");
    assert!(
        all.contains("quokkaharbour"),
        "a visible page's text is indexed"
    );
    assert!(
        !all.contains("zanzibarquartz") && !all.contains("内部页面"),
        "the page marked `search: false` is absent"
    );
    let skills = fragments
        .iter()
        .find(|f| f["url"] == "/skills/")
        .expect("skills indexed");
    assert_eq!(
        skills["meta"]["title"], "技能形成",
        "the title is the page's h1"
    );
}

#[test]
fn without_the_setting_no_index_is_written() {
    let site = util::temp_fixture("basic");
    let out = tempfile::tempdir().expect("temp dir");
    let out = out.path().join("public");
    let summary = util::build_ok(site.path(), &out, &[]);
    assert!(!out.join("pagefind").exists(), "no pagefind/ folder");
    assert!(
        !summary.contains("search index"),
        "no index size: {summary}"
    );
}

#[test]
fn two_builds_write_the_same_index_bytes() {
    let site = site_with_search();
    let out = tempfile::tempdir().expect("temp dir");
    let (one, two) = (out.path().join("one"), out.path().join("two"));
    util::build_ok(site.path(), &one, &[]);
    util::build_ok(site.path(), &two, &[]);
    let (one, two) = (
        util::tree(&one.join("pagefind")),
        util::tree(&two.join("pagefind")),
    );
    assert!(!one.is_empty(), "an index was written");
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&one), names(&two), "the same file names");
    for ((path, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "pagefind/{path} differs between two builds");
    }
}

#[test]
fn a_wrong_value_for_search_names_the_file_and_line() {
    let site = util::temp_fixture("basic");
    util::write(
        site.path(),
        "content/odd.md",
        "---\ntitle: 页面\nsearch: sometimes\n---\n正文\n",
    );
    let out = tempfile::tempdir().expect("temp dir");
    let stderr = util::build_err(site.path(), &out.path().join("public"));
    assert!(
        stderr.contains("content/odd.md:3"),
        "the error names content/odd.md line 3:\n{stderr}"
    );
    assert!(stderr.contains("search"), "and the key:\n{stderr}");
}
