//! Hostile and broken input: the corpus under `tests/bad/` (see its README) and cases made at
//! test time. Every case runs the real binary with a time bound, over a previous good build.
//! Every error message is an insta snapshot (`snapshots/it__bad__*.snap`), its temporary paths
//! redacted; re-bless with `INSTA_UPDATE=always cargo test --test it bad`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{copy_tree, repo_root, tree, write};

/// What a run of the binary gave.
struct Outcome {
    success: bool,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `gongjiang build` with a time bound; a hang is a failure, not a stuck test.
fn build_bounded(root: &Path, out: &Path, limit: Duration) -> Outcome {
    build_bounded_in(root, out, limit, "C.UTF-8")
}

/// [`build_bounded`] in the locale `lang` (the value of `LANG`).
fn build_bounded_in(root: &Path, out: &Path, limit: Duration, lang: &str) -> Outcome {
    let started = Instant::now();
    let mut child = crate::util::bin()
        .env("LANG", lang)
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gongjiang");
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!(
                "build of {} did not finish within {limit:?}",
                root.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    Outcome {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

/// A temporary site made of `_base/` and a case laid over it, plus an output folder holding a
/// good build of `_base/`.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&bad_dir().join("_base"), &dir.path().join("site"));
        let ws = Workspace { dir };
        let first = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(30));
        assert!(first.success, "the base site builds: {}", first.stderr);
        ws
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// The message with this workspace's temporary paths replaced by placeholders (`[SITE]`,
    /// `[OUT]`, `[TMP]`), so a snapshot is the same on every run and every machine.
    fn redact(&self, message: &str) -> String {
        let mut text = message.to_owned();
        for (path, placeholder) in [
            (self.site(), "[SITE]"),
            (self.out(), "[OUT]"),
            (self.dir.path().to_path_buf(), "[TMP]"),
        ] {
            let mut spellings = vec![path.display().to_string()];
            if let Ok(real) = path.canonicalize() {
                spellings.push(real.display().to_string());
            }
            for spelling in spellings {
                text = text.replace(&spelling, placeholder);
            }
        }
        text
    }

    /// Snapshots the whole error message, redacted, as `tests/it/snapshots/it__bad__NAME.snap`.
    /// A panic or a temporary path left in the message would be blessed with it, so neither is
    /// accepted.
    fn snapshot(&self, name: &str, description: &str, outcome: &Outcome) {
        let message = self.redact(&outcome.stderr);
        let temp = std::env::temp_dir().display().to_string();
        assert!(
            !message.contains("panicked") && !message.contains(&temp),
            "{name}: no panic and no temporary path in the snapshot:\n{message}"
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_description(description);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name, message));
    }

    /// Builds and checks an expected error: file (and line) named, no panic, old output intact.
    fn expect_error(
        &self,
        file: &str,
        line: Option<usize>,
        needles: &[String],
        limit: Duration,
    ) -> Outcome {
        let before = tree(&self.out());
        let outcome = build_bounded(&self.site(), &self.out(), limit);
        let name = self.site();
        assert!(
            !outcome.success,
            "{}: the build should fail",
            name.display()
        );
        assert!(
            !outcome.stderr.contains("panicked"),
            "no panic: {}",
            outcome.stderr
        );
        let located = match line {
            Some(line) => format!("{file}:{line}"),
            None => file.to_owned(),
        };
        assert!(
            outcome.stderr.contains(&located),
            "the error names {located}:\n{}",
            outcome.stderr
        );
        for needle in needles {
            assert!(
                outcome.stderr.contains(needle.as_str()),
                "the error says `{needle}`:\n{}",
                outcome.stderr
            );
        }
        assert!(
            before == tree(&self.out()),
            "the previous output is untouched"
        );
        let stray: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("gongjiang"))
            .collect();
        assert!(stray.is_empty(), "no stray folders: {stray:?}");
        outcome
    }
}

fn bad_dir() -> PathBuf {
    repo_root().join("tests/bad")
}

#[test]
fn corpus_cases_behave_as_their_expect_files_say() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(bad_dir())
        .expect("tests/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() && !p.ends_with("_base"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus is there: {}", cases.len());
    for case in cases {
        run_case(&case);
    }
}

fn run_case(case: &Path) {
    let name = case
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let expect =
        std::fs::read_to_string(case.join("expect")).unwrap_or_else(|_| panic!("{name}/expect"));
    let ws = Workspace::new();
    for line in expect.lines().filter_map(|l| l.strip_prefix("without ")) {
        std::fs::remove_file(ws.site().join(line)).expect("remove base file");
    }
    for entry in walkdir::WalkDir::new(case)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(case).expect("inside");
        if rel != Path::new("expect") {
            let target = ws.site().join(rel);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
    let needles: Vec<String> = expect
        .lines()
        .filter_map(|l| l.strip_prefix("contains "))
        .map(str::to_owned)
        .collect();
    let limit = Duration::from_secs(20);
    if let Some(target) = expect.lines().find_map(|l| l.strip_prefix("error ")) {
        let (file, line) = match target.rsplit_once(':') {
            Some((f, l)) => (f, Some(l.parse().expect("line number"))),
            None => (target, None),
        };
        eprintln!("case {name}: expecting an error at {target}");
        let outcome = ws.expect_error(file, line, &needles, limit);
        ws.snapshot(
            &name,
            &format!("tests/bad/{name}: error {target}"),
            &outcome,
        );
        // The same error for a reader whose locale is Chinese: `it__bad__NAME.zh.snap`.
        let chinese = build_bounded_in(&ws.site(), &ws.out(), limit, "zh_CN.UTF-8");
        assert!(!chinese.success, "{name}: the build fails in Chinese too");
        let place = outcome
            .stderr
            .lines()
            .next()
            .and_then(|l| l.split(": ").nth(1))
            // `(built-in) templates/x.html:4:40`: the label is worded in each language.
            .map(|place| place.rsplit(' ').next().unwrap_or(place));
        assert!(
            place.is_some_and(|place| chinese.stderr.contains(place)),
            "{name}: the Chinese message names the same place:\n{}",
            chinese.stderr
        );
        ws.snapshot(
            &format!("{name}.zh"),
            &format!("tests/bad/{name}: error {target}, LANG=zh_CN.UTF-8"),
            &chinese,
        );
        return;
    }
    eprintln!("case {name}: expecting success");
    let outcome = build_bounded(&ws.site(), &ws.out(), limit);
    assert!(
        outcome.success,
        "{name}: build should succeed:\n{}",
        outcome.stderr
    );
    let warnings: Vec<&str> = expect
        .lines()
        .filter_map(|l| l.strip_prefix("warning "))
        .collect();
    if !warnings.is_empty() {
        for target in &warnings {
            let printed = format!("warning: {target}:");
            assert!(
                outcome.stderr.contains(&printed),
                "{name}: the build warns at {target}:\n{}",
                outcome.stderr
            );
        }
        for needle in &needles {
            assert!(
                outcome.stderr.contains(needle.as_str()),
                "{name}: the warning says `{needle}`:\n{}",
                outcome.stderr
            );
        }
        let targets = warnings.join(", ");
        ws.snapshot(
            &name,
            &format!("tests/bad/{name}: warning {targets}"),
            &outcome,
        );
        let chinese = build_bounded_in(&ws.site(), &ws.out(), limit, "zh_CN.UTF-8");
        assert!(chinese.success, "{name}: the build succeeds in Chinese too");
        assert!(
            warnings
                .iter()
                .all(|t| chinese.stderr.contains(&format!("{t}:"))),
            "{name}: the Chinese warning names the same place:\n{}",
            chinese.stderr
        );
        ws.snapshot(
            &format!("{name}.zh"),
            &format!("tests/bad/{name}: warning {targets}, LANG=zh_CN.UTF-8"),
            &chinese,
        );
    }
    for line in expect.lines() {
        let (present, rest) = match (
            line.strip_prefix("output "),
            line.strip_prefix("output-lacks "),
        ) {
            (Some(rest), _) => (true, rest),
            (_, Some(rest)) => (false, rest),
            _ => continue,
        };
        let (file, text) = rest.split_once(' ').expect("FILE TEXT");
        let body = std::fs::read_to_string(ws.out().join(file))
            .unwrap_or_else(|e| panic!("{name}: {file}: {e}"));
        assert_eq!(
            body.contains(text),
            present,
            "{name}: {file} {} `{text}`",
            if present { "shows" } else { "must not show" }
        );
    }
}

#[test]
fn ten_megabyte_front_matter_is_refused_quickly() {
    let ws = Workspace::new();
    let big = format!(
        "---\ntitle: a\nextra:\n  blob: \"{}\"\n---\n",
        "x".repeat(10 << 20)
    );
    write(&ws.site(), "content/a.md", &big);
    let outcome = ws.expect_error("content/a.md:2", None, &[], Duration::from_secs(30));
    ws.snapshot(
        "generated-ten-megabyte-front-matter",
        "10 MB of front matter in content/a.md",
        &outcome,
    );
    eprintln!("refused in {:?}", outcome.elapsed);
}

#[test]
fn twenty_megabyte_page_builds() {
    let ws = Workspace::new();
    let paragraph = "广东省总工会聚焦思想引领、地位保障、成长成才。The quick brown fox.\n\n";
    let body = paragraph.repeat((20 << 20) / paragraph.len());
    write(
        &ws.site(),
        "content/big.md",
        &format!("---\ntitle: 大页\n---\n{body}"),
    );
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(120));
    assert!(outcome.success, "{}", outcome.stderr);
    assert!(
        std::fs::metadata(ws.out().join("big/index.html"))
            .expect("written")
            .len()
            > 20 << 20
    );
}

#[test]
fn deep_nesting_neither_overflows_nor_hangs() {
    for (name, unit) in [
        ("quotes", "> "),
        ("lists", "- "),
        ("ordered", "1. "),
        ("emphasis", "*"),
    ] {
        let ws = Workspace::new();
        let body = format!("{}深\n", unit.repeat(50_000));
        write(
            &ws.site(),
            "content/deep.md",
            &format!("---\ntitle: 深\n---\n{body}"),
        );
        let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(60));
        assert!(outcome.success, "{name}: {}", outcome.stderr);
        eprintln!("{name}: {:?}", outcome.elapsed);
    }
}

#[test]
fn symlink_loop_is_not_followed() {
    let ws = Workspace::new();
    std::os::unix::fs::symlink("..", ws.site().join("content/loop")).expect("symlink");
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert!(
        outcome.success,
        "a link to a folder inside the site is not entered: {}",
        outcome.stderr
    );
}

#[test]
fn symlink_pointing_outside_the_site_is_an_error() {
    let ws = Workspace::new();
    let outside = ws.dir.path().join("secret.md");
    std::fs::write(&outside, "---\ntitle: secret\n---\nsecret\n").expect("write");
    std::os::unix::fs::symlink(&outside, ws.site().join("content/leak.md")).expect("symlink");
    let outcome = ws.expect_error("content/leak.md", None, &[], Duration::from_secs(20));
    ws.snapshot(
        "generated-symlink-outside",
        "content/leak.md links to a file outside the site",
        &outcome,
    );
}

#[test]
fn dangling_symlink_is_an_error_naming_it() {
    let ws = Workspace::new();
    std::os::unix::fs::symlink("/nonexistent/gone.md", ws.site().join("content/gone.md"))
        .expect("symlink");
    let outcome = ws.expect_error("content/gone.md", None, &[], Duration::from_secs(20));
    ws.snapshot(
        "generated-dangling-symlink",
        "content/gone.md links to /nonexistent/gone.md",
        &outcome,
    );
}

#[test]
fn fifo_under_content_does_not_hang() {
    let ws = Workspace::new();
    let fifo = ws.site().join("content/pipe.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert!(
        outcome.success,
        "special files are skipped: {}",
        outcome.stderr
    );
}

#[test]
fn output_folder_that_is_not_ours_is_refused() {
    let ws = Workspace::new();
    let site = ws.site();
    for (output, name) in [
        (site.join("content/public"), "inside-content"),
        (site.clone(), "site-root"),
        (site.join("templates"), "templates"),
        (site.join("."), "site-root-dot"),
    ] {
        let outcome = build_bounded(&site, &output, Duration::from_secs(20));
        assert!(!outcome.success, "{} refused", output.display());
        assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
        ws.snapshot(
            &format!("generated-output-{name}"),
            &format!("--output {}", ws.redact(&output.display().to_string())),
            &outcome,
        );
    }
    let foreign = ws.dir.path().join("photos");
    write(&foreign, "holiday.jpg", "not a site");
    let outcome = build_bounded(&site, &foreign, Duration::from_secs(20));
    assert!(!outcome.success, "{}", outcome.stderr);
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    ws.snapshot(
        "generated-output-foreign",
        "--output a folder holding a file gongjiang did not write",
        &outcome,
    );
    assert!(
        foreign.join("holiday.jpg").is_file(),
        "the user's file is still there"
    );
    assert!(site.join("content/_index.md").is_file());
}

#[test]
fn success_output_is_one_line_and_errors_are_printed_once() {
    let ws = Workspace::new();
    write(&ws.site(), "content/a.md", "---\ntitle: a\ntitel: b\n---\n");
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert_eq!(
        outcome.stderr.matches("unknown key").count(),
        1,
        "{}",
        outcome.stderr
    );
    assert!(outcome.stdout.is_empty());
    // The snapshot shows the offending line, `3 | titel: b`, quoted once.
    ws.snapshot(
        "generated-unknown-key-printed-once",
        "content/a.md has `titel: b` on line 3",
        &outcome,
    );
}

#[test]
fn three_hundred_thousand_quotes_on_one_line_build_quickly() {
    // With search on: the indexer reads the page's HTML, which is where depth used to cost.
    let ws = Workspace::new();
    let home = std::fs::read_to_string(ws.site().join("content/_index.md")).expect("home");
    write(
        &ws.site(),
        "content/_index.md",
        &home.replacen("  base_url:", "  search: true\n  base_url:", 1),
    );
    let body = format!("{} 深\n", ">".repeat(300_000));
    write(
        &ws.site(),
        "content/deep.md",
        &format!("---\ntitle: 深\n---\n{body}"),
    );
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert!(outcome.success, "{}", outcome.stderr);
    eprintln!("300,000 `>`: {:?}", outcome.elapsed);
    assert!(
        outcome.stderr.contains(
            "warning: content/deep.md:4:101: blocks or emphasis nested more than 100 levels deep"
        ),
        "{}",
        outcome.stderr
    );
    let page = std::fs::read_to_string(ws.out().join("deep/index.html")).expect("page");
    assert_eq!(page.matches("<blockquote>").count(), 100);
    assert!(page.contains('深'));
}

#[test]
fn symlink_loop_is_a_warning_naming_the_link() {
    let ws = Workspace::new();
    std::os::unix::fs::symlink("..", ws.site().join("content/loop")).expect("symlink");
    std::os::unix::fs::symlink("self", ws.site().join("content/self")).expect("symlink");
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert!(outcome.success, "{}", outcome.stderr);
    let message = ws.redact(&outcome.stderr);
    assert!(
        message.contains(
            "warning: content/loop: symbolic link loop: it points to .., a folder that contains it; skipped"
        ),
        "{message}"
    );
    assert!(
        message.contains("warning: content/self: symbolic link loop"),
        "{message}"
    );
    // `check` reports them too, as warnings: the check passes.
    let site = ws.site();
    let checked = crate::util::run(&["check", "--root", site.to_str().expect("utf-8 path")]);
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{report}");
    assert!(
        report.contains("symbolic link loop: it points to .., a folder that contains it; skipped"),
        "{report}"
    );
}

#[test]
fn unclosed_comment_is_a_warning_and_the_page_still_renders() {
    let ws = Workspace::new();
    write(
        &ws.site(),
        "content/a.md",
        "---\ntitle: 甲\n---\n第一段 <!-- 备注 --> 完。\n\n<!-- 没有结束的备注\n\n第二段\n",
    );
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert!(outcome.success, "{}", outcome.stderr);
    let message = ws.redact(&outcome.stderr);
    assert!(
        message.starts_with(
            "warning: content/a.md:6:1: this comment is never closed: `<!--` has no `-->`, so the text after it is shown to readers"
        ),
        "{message}"
    );
    assert!(
        message.contains("hint: end the comment with `-->`"),
        "{message}"
    );
    let page = std::fs::read_to_string(ws.out().join("a/index.html")).expect("page");
    assert!(page.contains("第一段  完。"), "{page}");
    assert!(!page.contains("备注 --&gt;"), "{page}");
    assert!(page.contains("&lt;!-- 没有结束的备注"), "{page}");
    assert!(page.contains("第二段"), "{page}");
}

#[test]
fn a_value_cut_short_by_a_comment_is_a_warning_in_check_too() {
    let ws = Workspace::new();
    write(
        &ws.site(),
        "content/_index.md",
        "---\ntitle: 首页\nsite:\n  title: 测试 #2025\n  base_url: https://example.org/\n---\n首页正文。\n",
    );
    let outcome = build_bounded(&ws.site(), &ws.out(), Duration::from_secs(20));
    assert!(outcome.success, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(
            "warning: content/_index.md:4:13: the value of `title` ends at ` #`: YAML reads the rest of the line as a comment, so the value is only `测试`"
        ),
        "{}",
        outcome.stderr
    );
    let site = ws.site();
    let checked = crate::util::run(&["check", "--root", site.to_str().expect("utf-8 path")]);
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "warnings alone pass: {report}");
    assert!(
        report.contains(
            "content/_index.md:4:13: warning[front_matter]: the value of `title` ends at ` #`"
        ),
        "{report}"
    );
    assert!(report.contains("`title: \"测试 #2025\"`"), "{report}");
}
