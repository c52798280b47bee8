//! Every HTML, CSS and SVG file of the built site checked by the Nu HTML Checker (vnu), from
//! the pinned npm package `vnu-jar`, run on the machine's Java.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::INSTALL_HINT;
use super::files::site_files;
use crate::util;

/// The Nu HTML Checker's jar from the pinned npm package `vnu-jar`.
fn vnu_jar() -> PathBuf {
    let jar = util::repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.exists(), "{} is missing; {INSTALL_HINT}", jar.display());
    jar
}

#[test]
fn every_html_css_and_svg_file_passes_the_nu_html_checker() {
    let out = tempfile::tempdir().expect("temp dir");
    util::build_ok(
        &util::repo_root(),
        out.path(),
        &["--base-url", "https://example.org/reform/"],
    );
    assert_valid(out.path());
}

/// A site fresh from `gongjiang init`, in each language, on the built-in theme alone: once
/// without a base URL (no canonical link, no feed) and once with one.
#[test]
fn a_new_site_from_init_passes_the_nu_html_checker() {
    for language in ["zh", "en"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let output = util::run(&["init", &root.to_string_lossy(), "--language", language]);
        assert!(output.status.success(), "init: {output:?}");
        let plain = dir.path().join("plain");
        util::build_ok(&root, &plain, &[]);
        assert_valid(&plain);
        let based = dir.path().join("based");
        util::build_ok(&root, &based, &["--base-url", "https://example.org/new/"]);
        assert_valid(&based);
    }
}

/// Runs vnu on every HTML, CSS and SVG file under `out` and fails on any error.
fn assert_valid(out: &std::path::Path) {
    let files: Vec<PathBuf> = site_files(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html") || rel.ends_with(".css") || rel.ends_with(".svg"))
        .map(|(_, path)| path)
        .collect();
    assert!(
        files.iter().any(|p| p.ends_with("index.html")),
        "no pages: {files:?}"
    );
    let mut child = Command::new("java")
        .arg("-Xss8m")
        .arg("-jar")
        .arg(vnu_jar())
        .args([
            "--errors-only",
            "--format",
            "json",
            "--also-check-css",
            "--also-check-svg",
        ])
        .args(&files)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run java (Java 17 is on the machine): {e}"));
    // vnu writes its JSON report to stderr; read both pipes on threads, bounded by a deadline.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(300);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for vnu") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vnu did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let report = format!(
        "{}{}",
        out_reader.join().expect("stdout"),
        err_reader.join().expect("stderr")
    );
    let json_start = report
        .find('{')
        .unwrap_or_else(|| panic!("no JSON from vnu ({status}):\n{report}"));
    let parsed: serde_json::Value = serde_json::Deserializer::from_str(&report[json_start..])
        .into_iter::<serde_json::Value>()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("vnu output is not JSON ({status}):\n{report}"));
    let messages = parsed["messages"].as_array().cloned().unwrap_or_default();
    let base = out.to_string_lossy().into_owned();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url
                .split_once(base.as_str())
                .map(|(_, rest)| rest)
                .unwrap_or(url);
            format!(
                "{file}:{}.{}: {} [{}]",
                m["lastLine"],
                m["firstColumn"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎")
            )
        })
        .collect();
    assert!(
        errors.is_empty() && status.success(),
        "the Nu HTML Checker ({}) found {} error(s) (exit {status}):\n{}",
        parsed["version"],
        errors.len(),
        errors.join("\n")
    );
}
