//! A new site in one command: `gongjiang init`, the built-in theme under a site's own files,
//! `gongjiang theme` / `theme eject`, and a site without a base URL.
//!
//! The errors of these commands (a folder that is not empty, a file that would be replaced, an
//! unknown theme file, a bad `--base-url`) are snapshotted in English and in Chinese
//! (`snapshots/it__theme__NAME.snap`, `…NAME.zh.snap`); re-bless with
//! `INSTA_UPDATE=always cargo test --test it theme`.

use std::path::Path;
use std::process::Output;

use crate::util::{bin, build_ok, read, run, tree, write};

/// Runs `gongjiang ARGS` in the locale `lang` (the value of `LANG`).
fn run_in(lang: &str, args: &[&str]) -> Output {
    bin()
        .env("LANG", lang)
        .args(args)
        .output()
        .expect("the gongjiang binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Runs `args` (which must fail, without a panic) in English and in Chinese and snapshots
/// both messages as `NAME` and `NAME.zh`, with `dir` shown as `[DIR]`.
fn snapshot_failure(name: &str, args: &[&str], dir: &Path) {
    for (suffix, lang) in [("", "C.UTF-8"), (".zh", "zh_CN.UTF-8")] {
        let output = run_in(lang, args);
        let stderr = text(&output.stderr);
        assert!(!output.status.success(), "{name} should fail:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let message = stderr.replace(path(dir), "[DIR]");
        let mut settings = insta::Settings::clone_current();
        settings.set_omit_expression(true);
        let shown = args.join(" ").replace(path(dir), "[DIR]");
        settings.set_description(format!("gongjiang {shown}"));
        settings.bind(|| insta::assert_snapshot!(format!("{name}{suffix}"), message));
    }
}

/// `gongjiang init DIR ARGS`, which must succeed.
fn init(dir: &Path, args: &[&str]) {
    let mut all = vec!["init", path(dir)];
    all.extend_from_slice(args);
    let output = run(&all);
    assert!(
        output.status.success(),
        "init failed:\n{}\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// `gongjiang check --root ROOT`: its exit status and report.
fn check(root: &Path) -> (bool, String) {
    let output = run(&["check", "--root", path(root)]);
    (output.status.success(), text(&output.stdout))
}

#[test]
fn init_writes_a_site_that_builds_and_passes_check_in_both_languages() {
    for language in ["zh", "en"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("mysite");
        init(&site, &["--language", language, "--title", "Site: \"A\""]);
        let files: Vec<String> = tree(&site).into_iter().map(|(p, _)| p).collect();
        assert!(
            !files
                .iter()
                .any(|p| p.starts_with("templates") || p.starts_with("static")),
            "init writes no templates or static files: {files:?}"
        );
        let out = site.join("public");
        build_ok(&site, &out, &[]);
        let (ok, report) = check(&site);
        assert!(ok, "{language}: check fails on a new site:\n{report}");
        assert!(!report.contains("warning"), "{language}: {report}");
        let home = read(&out, "index.html");
        assert!(
            home.contains("<title>Site: &quot;A&quot;</title>"),
            "{home}"
        );
        let page = read(&out, "report/training/index.html");
        // A group of two figures draws a chart; a figure referenced in the text links to its card.
        assert!(page.contains("class=\"chart-card\""), "{page}");
        assert!(page.contains("href=\"#fig-trained-this-year\""), "{page}");
        let lang = if language == "zh" { "zh-CN" } else { "en" };
        assert!(home.contains(&format!("<html lang=\"{lang}\">")), "{home}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "notes.txt", "mine");
    snapshot_failure(
        "init-not-empty",
        &["init", path(dir.path()), "--language", "en"],
        dir.path(),
    );
    let files: Vec<String> = tree(dir.path()).into_iter().map(|(p, _)| p).collect();
    assert_eq!(files, ["notes.txt"]);
    // A folder holding only hidden entries (a fresh `git init`) counts as empty.
    let git = tempfile::tempdir().expect("temp dir");
    write(git.path(), ".git/HEAD", "ref: refs/heads/main\n");
    init(git.path(), &[]);
    assert!(git.path().join("content/_index.md").is_file());
}

#[test]
fn a_site_file_replaces_the_built_in_one_of_the_same_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    init(&site, &["--language", "en"]);
    write(
        &site,
        "templates/partials/pager.html",
        "<p id=\"my-pager\">{{ site.strings.next }}</p>",
    );
    write(&site, "static/css/site.css", "body { color: teal }\n");
    let out = dir.path().join("out");
    build_ok(&site, &out, &[]);
    let page = read(&out, "report/training/index.html");
    // Only the pager changed: the rest of the page is the built-in theme's.
    assert!(page.contains("<p id=\"my-pager\">Next</p>"), "{page}");
    assert!(page.contains("class=\"site-header\""), "{page}");
    assert_eq!(read(&out, "css/site.css"), "body { color: teal }\n");
    // The built-in files the site does not replace are still written.
    assert!(out.join("js/search.js").is_file() && out.join("favicon.svg").is_file());
}

#[test]
fn theme_lists_the_built_in_files_and_eject_copies_them_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    init(&site, &["--language", "en"]);
    let root = path(&site);
    let listed = text(&run(&["theme", "--root", root]).stdout);
    assert!(listed.contains("templates/page.html"), "{listed}");
    assert!(listed.contains("static/css/site.css"), "{listed}");

    let output = run(&[
        "theme",
        "eject",
        "page.html",
        "css/site.css",
        "--root",
        root,
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let ejected = std::fs::read_to_string(site.join("templates/page.html")).expect("ejected");
    assert!(ejected.contains("{% extends \"base.html\" %}"), "{ejected}");
    assert!(site.join("static/css/site.css").is_file());
    let listed = text(&run(&["theme", "--root", root]).stdout);
    assert!(
        listed.contains("templates/page.html  (replaced by the site's own)"),
        "{listed}"
    );
    // An ejected copy builds the same page.
    let out = dir.path().join("out");
    build_ok(&site, &out, &[]);

    std::fs::write(
        site.join("templates/page.html"),
        "{% extends \"base.html\" %}\n",
    )
    .expect("edit");
    snapshot_failure(
        "eject-would-overwrite",
        &["theme", "eject", "templates/page.html", "--root", root],
        &site,
    );
    let kept = std::fs::read_to_string(site.join("templates/page.html")).expect("kept");
    assert_eq!(
        kept, "{% extends \"base.html\" %}\n",
        "an edited file is kept"
    );
    snapshot_failure(
        "eject-unknown-file",
        &["theme", "eject", "templates/pgae.html", "--root", root],
        &site,
    );

    // Ejecting everything into a fresh site writes every listed file.
    let fresh = dir.path().join("fresh");
    init(&fresh, &["--language", "en"]);
    let output = run(&["theme", "eject", "--root", path(&fresh)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    for file in gongjiang::theme::FILES {
        assert!(fresh.join(file.path).is_file(), "{}", file.path);
    }
}

#[test]
fn an_error_in_a_built_in_template_is_labelled_and_says_how_to_eject_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    init(&site, &["--language", "en"]);
    // The built-in index.html shows the figure `extra.hero` names; this one does not exist.
    let home = std::fs::read_to_string(site.join("content/_index.md")).expect("home");
    let home = home.replacen("---\n", "---\nextra: { hero: nobody }\n", 1);
    std::fs::write(site.join("content/_index.md"), home).expect("write");
    let out = dir.path().join("out");
    // Snapshotted in both languages by the bad case `tests/bad/tpl-built-in`.
    let stderr = text(&run(&["build", "--root", path(&site), "--output", path(&out)]).stderr);
    assert!(
        stderr.contains("(built-in) templates/index.html"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gongjiang theme eject templates/index.html"),
        "{stderr}"
    );
}

#[test]
fn without_a_base_url_no_sitemap_feed_or_canonical_and_one_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    init(&site, &["--language", "en"]);
    let out = dir.path().join("out");
    let output = run(&["build", "--root", path(&site), "--output", path(&out)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("no base URL"), "{stderr}");
    for missing in ["sitemap.xml", "feed.xml"] {
        assert!(!out.join(missing).exists(), "{missing} written");
    }
    assert_eq!(read(&out, "robots.txt"), "User-agent: *\nAllow: /\n");
    for (file, _) in tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = read(&out, file);
        for absent in [
            "rel=\"canonical\"",
            "og:url",
            "og:image",
            "feed.xml",
            "example.com",
        ] {
            assert!(!html.contains(absent), "{file} has {absent}");
        }
        assert!(
            !html.contains("href=\"http"),
            "{file}: only root-relative links"
        );
    }
    // With one, all of them are written, and no warning.
    let with = dir.path().join("with");
    let output = run(&[
        "build",
        "--root",
        path(&site),
        "--output",
        path(&with),
        "--base-url",
        "https://example.org/mysite/",
    ]);
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "{}",
        text(&output.stderr)
    );
    assert!(with.join("sitemap.xml").is_file() && with.join("feed.xml").is_file());
    let home = read(&with, "index.html");
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://example.org/mysite/\">"),
        "{home}"
    );
}

#[test]
fn a_bad_base_url_on_the_command_line_is_blamed_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    init(&site, &["--language", "en"]);
    let out = dir.path().join("out");
    let args = [
        "build",
        "--root",
        path(&site),
        "--output",
        path(&out),
        "--base-url",
        "example.org/mysite",
    ];
    snapshot_failure("bad-base-url-option", &args, dir.path());
    let stderr = text(&run(&args).stderr);
    assert!(!stderr.contains("content/_index.md"), "{stderr}");
    assert!(stderr.contains("--base-url"), "{stderr}");
}
