//! Snapshots of the rendered pages of every fixture site under `tests/fixtures/`: each fixture is
//! built into a temporary folder and every HTML page is one insta snapshot, named
//! `FIXTURE/PATH` (stored as `tests/it/snapshots/it__rendered__FIXTURE__PATH.snap`), plus one
//! snapshot per fixture listing the output tree, so a page that disappears shows too. Some
//! pages (check-broken's) have no `<main>` at all, another reason to keep the whole page.
//!
//! The fixture pages are small (a few KB), so the WHOLE page is snapshotted, not just `<main>`:
//! the head, navigation and footer are part of what a template change can break. Two things are
//! normalised so the snapshots only move when the page does: the content hash in asset names
//! (`site.ba789a2cc8.css` becomes `site.[HASH].css`; a CSS edit would otherwise touch every
//! snapshot, and `build.rs` checks the hashing itself) and the temporary output path.
//!
//! Re-bless with `INSTA_UPDATE=always cargo test --test it rendered`.

use std::path::Path;

use crate::util::{build_ok, fixture, tree};

/// The content hashes in the output's file names: a dot-separated part of exactly ten
/// lower-case hex digits, as in `css/site.ba789a2cc8.css`.
fn asset_hashes(files: &[String]) -> Vec<String> {
    let mut hashes: Vec<String> = files
        .iter()
        .flat_map(|f| f.rsplit('/').next().unwrap_or(f).split('.'))
        .filter(|part| {
            part.len() == 10 && part.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
        .map(str::to_owned)
        .collect();
    hashes.sort();
    hashes.dedup();
    hashes
}

fn normalise(text: &str, out: &Path, hashes: &[String]) -> String {
    let mut text = text.replace(&out.display().to_string(), "[OUT]");
    for hash in hashes {
        text = text.replace(hash.as_str(), "[HASH]");
    }
    let temp = std::env::temp_dir().display().to_string();
    assert!(
        !text.contains(&temp),
        "no temporary path in a snapshot:\n{text}"
    );
    text
}

/// Builds `tests/fixtures/NAME` and snapshots its output tree and every HTML page.
fn snapshot_fixture(name: &str) {
    let out = tempfile::tempdir().expect("temp dir");
    build_ok(&fixture(name), out.path(), &[]);
    let files = tree(out.path());
    let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let hashes = asset_hashes(&paths);
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.set_description(format!(
        "the output of `gongjiang build` on tests/fixtures/{name}"
    ));
    // Sorted after normalising, so the order does not depend on the hash's value.
    let mut listing: Vec<String> = paths
        .iter()
        .map(|p| normalise(p, out.path(), &hashes))
        .collect();
    listing.sort();
    settings.bind(|| {
        insta::assert_snapshot!(format!("{name}/output-tree"), listing.join("\n"));
    });
    let pages: Vec<&(String, Vec<u8>)> =
        files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(!pages.is_empty(), "{name} renders pages");
    for (path, bytes) in pages {
        let html = String::from_utf8(bytes.clone())
            .unwrap_or_else(|e| panic!("{name}/{path} is not UTF-8: {e}"));
        let mut settings = insta::Settings::clone_current();
        settings.set_omit_expression(true);
        settings.set_description(format!("tests/fixtures/{name} built: {path}"));
        settings.bind(|| {
            insta::assert_snapshot!(
                format!("{name}/{path}"),
                normalise(&html, out.path(), &hashes)
            );
        });
    }
}

#[test]
fn basic_pages_match_their_snapshots() {
    snapshot_fixture("basic");
}

#[test]
fn check_clean_pages_match_their_snapshots() {
    snapshot_fixture("check-clean");
}

#[test]
fn check_broken_pages_match_their_snapshots() {
    snapshot_fixture("check-broken");
}

#[test]
fn serve_pages_match_their_snapshots() {
    snapshot_fixture("serve");
}

#[test]
fn images_pages_match_their_snapshots() {
    snapshot_fixture("images");
}
