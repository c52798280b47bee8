//! Precompressed copies: with `precompress: true` in the site settings, `build` writes `X.gz`
//! and `X.br` beside each text file (pages, site-wide files, the search bundle's script and
//! static files alike), each decoding to exactly the bytes of `X`; none for images or Pagefind's
//! already-compressed files, none unless both save bytes; the same bytes on every build,
//! with one thread or four, and a rebuild hard-links the unchanged ones; none without the
//! setting; a static file at a copy's name and a wrong value are errors with their file;
//! `check` reports nothing about them. How nginx serves them: `hosting/encodings.rs`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use gongjiang::precompress::{self, MIN_SAVING};

use crate::util;

/// A copy of `fixture` whose site settings gain `lines` (YAML, indented by two spaces).
fn fixture_with(fixture: &str, lines: &str) -> tempfile::TempDir {
    let dir = util::temp_fixture(fixture);
    let home = dir.path().join("content/_index.md");
    let text = std::fs::read_to_string(&home).expect("read _index.md");
    assert!(text.contains("\nsite:\n"), "{fixture} has site settings");
    let text = text.replacen("\nsite:\n", &format!("\nsite:\n{lines}"), 1);
    std::fs::write(&home, text).expect("write _index.md");
    dir
}

/// The `basic` fixture with search and precompression on, and a static file of each kind.
fn precompressed_site() -> tempfile::TempDir {
    let site = fixture_with("basic", "  search: true\n  precompress: true\n");
    let long = "User-agent: *\nDisallow: /drafts/\n".repeat(20);
    util::write(site.path(), "static/notes.txt", &long);
    let rules: String = (0..60)
        .map(|i| format!(".card-{i} {{ margin: {i}px; color: #{i:03}; }}\n"))
        .collect();
    util::write(site.path(), "static/css/site.css", &rules);
    util::write(site.path(), "static/tiny.txt", "短\n");
    // Not a real PNG; its extension alone keeps it from being compressed.
    util::write(site.path(), "static/img/flat.png", &"0".repeat(4096));
    site
}

/// Builds `site` into `dest` with `RAYON_NUM_THREADS=threads`.
fn build_with_threads(site: &Path, dest: &Path, threads: &str) {
    let output = util::bin()
        .env("RAYON_NUM_THREADS", threads)
        .args(["build", "--root"])
        .arg(site)
        .arg("--output")
        .arg(dest)
        .output()
        .expect("run gongjiang");
    assert!(output.status.success(), "build failed: {output:?}");
}

fn gunzip(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{name}: not gzip: {e}"));
    out
}

fn unbrotli(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{name}: not Brotli: {e}"));
    out
}

/// A built tree split into its files and their copies: path -> (bytes, .gz, .br).
type Split = BTreeMap<String, (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>)>;

fn split(tree: Vec<(String, Vec<u8>)>) -> Split {
    let mut files = Split::new();
    let mut copies = Vec::new();
    for (path, bytes) in tree {
        match precompress::original_of(&path) {
            Some(original) => copies.push((original.to_owned(), path.ends_with(".gz"), bytes)),
            None => {
                files.insert(path, (bytes, None, None));
            }
        }
    }
    for (original, gz, bytes) in copies {
        let entry = files
            .get_mut(&original)
            .unwrap_or_else(|| panic!("a copy of {original}, which was not written"));
        if gz {
            entry.1 = Some(bytes);
        } else {
            entry.2 = Some(bytes);
        }
    }
    files
}

#[test]
fn copies_decode_to_each_text_file_and_every_build_writes_the_same_bytes() {
    let site = precompressed_site();
    let out = tempfile::tempdir().expect("temp dir");
    let (one, four) = (out.path().join("one"), out.path().join("four"));
    build_with_threads(site.path(), &one, "1");
    build_with_threads(site.path(), &four, "4");
    let tree = util::tree(&one);
    assert!(tree == util::tree(&four), "one thread and four differ");

    let files = split(tree);
    let mut problems = Vec::new();
    for (path, (bytes, gz, br)) in &files {
        let text = precompress::is_compressible(path);
        if !text && (gz.is_some() || br.is_some()) {
            problems.push(format!("{path}: not text, yet compressed"));
        }
        if gz.is_some() != br.is_some() {
            problems.push(format!("{path}: one copy without the other"));
        }
        if text && bytes.len() >= 1024 && gz.is_none() {
            problems.push(format!(
                "{path}: {} bytes of text without copies",
                bytes.len()
            ));
        }
        if let Some(gz) = gz {
            if gunzip(path, gz) != *bytes {
                problems.push(format!("{path}.gz does not decode to {path}"));
            }
            // No FNAME or other flag, modification time 0, "unknown" operating system.
            if gz[3] != 0 || gz[4..8] != [0, 0, 0, 0] || gz[9] != 255 {
                problems.push(format!("{path}.gz: header {:?}", &gz[..10]));
            }
            if gz.len() + MIN_SAVING > bytes.len() {
                problems.push(format!("{path}.gz saves less than {MIN_SAVING} bytes"));
            }
        }
        if let Some(br) = br {
            if unbrotli(path, br) != *bytes {
                problems.push(format!("{path}.br does not decode to {path}"));
            }
            if br.len() + MIN_SAVING > bytes.len() {
                problems.push(format!("{path}.br saves less than {MIN_SAVING} bytes"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let has_both = |path: &str| matches!(files.get(path), Some((_, Some(_), Some(_))));
    let has_none = |path: &str| matches!(files.get(path), Some((_, None, None)));
    for path in [
        "index.html",
        "skills/index.html",
        "404.html",
        "sitemap.xml",
        "css/site.css",
        "notes.txt",
        "pagefind/pagefind.js",
    ] {
        assert!(has_both(path), "{path} has a .gz and a .br copy");
    }
    for path in ["tiny.txt", "img/flat.png", "robots.txt"] {
        assert!(has_none(path), "{path} has no copy");
    }
    let pagefind_data: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("pagefind/") && p.contains(".pf_"))
        .collect();
    assert!(!pagefind_data.is_empty(), "the index was written");
    assert!(
        pagefind_data.iter().all(|p| has_none(p)),
        "{pagefind_data:?}"
    );
}

/// A rebuild over the previous output hard-links the copies of unchanged files, as it does the
/// files themselves, and writes the copies of a changed page afresh.
#[cfg(unix)]
#[test]
fn a_rebuild_links_the_copies_of_unchanged_files() {
    use std::os::unix::fs::MetadataExt;
    let site = precompressed_site();
    let out = tempfile::tempdir().expect("temp dir");
    let dest = out.path().join("public");
    util::build_ok(site.path(), &dest, &[]);
    let inode = |rel: &str| std::fs::metadata(dest.join(rel)).expect("built file").ino();
    let (css, team) = (inode("css/site.css.br"), inode("about/team/index.html.br"));
    let page = site.path().join("content/about/team.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, format!("{text}\n多一句。\n")).expect("write");
    util::build_ok(site.path(), &dest, &[]);
    assert_eq!(inode("css/site.css.br"), css, "an unchanged copy is linked");
    assert_ne!(
        inode("about/team/index.html.br"),
        team,
        "a changed page's copy is new"
    );
    let html = std::fs::read(dest.join("about/team/index.html")).expect("page");
    let br = std::fs::read(dest.join("about/team/index.html.br")).expect("copy");
    assert!(
        unbrotli("team", &br) == html,
        "the new copy decodes to the new page"
    );
}

#[test]
fn without_the_setting_no_copies_are_written() {
    let site = fixture_with("basic", "  search: true\n");
    let out = tempfile::tempdir().expect("temp dir");
    util::build_ok(site.path(), out.path(), &[]);
    let copies: Vec<String> = util::tree(out.path())
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path.ends_with(".gz") || path.ends_with(".br"))
        .collect();
    assert!(copies.is_empty(), "no copies: {copies:?}");
}

/// A static file where the build writes a copy would overwrite it (or be overwritten, and a host
/// would serve a stale copy): an error naming the file. Without the setting it is just a file.
#[test]
fn a_static_file_at_the_name_of_a_copy_is_an_error() {
    let site = precompressed_site();
    util::write(site.path(), "static/css/site.css.gz", "not the stylesheet");
    let out = tempfile::tempdir().expect("temp dir");
    let stderr = util::build_err(site.path(), &out.path().join("public"));
    assert!(
        stderr.contains("static/css/site.css.gz") && stderr.contains("precompress"),
        "names the file and the setting:\n{stderr}"
    );
    let plain = fixture_with("basic", "");
    util::write(plain.path(), "static/css/site.css.gz", "a download");
    util::build_ok(plain.path(), &out.path().join("plain"), &[]);
}

#[test]
fn a_wrong_value_for_precompress_names_the_file_and_line() {
    let site = fixture_with("basic", "  precompress: brotli\n");
    let out = tempfile::tempdir().expect("temp dir");
    let stderr = util::build_err(site.path(), &out.path().join("public"));
    let line = std::fs::read_to_string(site.path().join("content/_index.md"))
        .expect("read")
        .lines()
        .position(|l| l.contains("precompress"))
        .expect("the line")
        + 1;
    assert!(
        stderr.contains(&format!("content/_index.md:{line}")),
        "names content/_index.md line {line}:\n{stderr}"
    );
}

/// `check` works on the site in memory, where there are no copies: its report is the same with
/// the setting as without it.
#[test]
fn check_reports_the_same_with_the_setting() {
    let report = |root: &Path| {
        let output = util::run(&["check", "--root", root.to_str().expect("utf-8 path")]);
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let plain = report(&util::fixture("check-clean"));
    let site = fixture_with("check-clean", "  precompress: true\n");
    let with = report(site.path());
    assert_eq!(with.0, Some(0), "check passes:\n{}", with.1);
    assert_eq!(with, plain);
}
