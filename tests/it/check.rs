//! `gongjiang check`: every kind of problem is found, located at the right file, line and column,
//! in both report formats; the exit status is 0 (no errors; warnings allowed), 1 (errors) or 2
//! (cannot check); nothing is written (except the link cache with `--external`).
//!
//! Fixtures: `tests/fixtures/check-broken/` (one of each problem; its human report is the
//! snapshot `expected/check.txt`, re-blessed with `SNAPSHOTS=overwrite`),
//! `tests/fixtures/check-clean/` (the same features used correctly) and
//! `tests/fixtures/check-copy/` (a page with each kind of copy mistake, laid over a copy of
//! check-clean; its report is the insta snapshot `snapshots/it__check__check-copy.snap`,
//! re-blessed with `INSTA_UPDATE=always cargo test --test it check::`). Variants are made in
//! temporary copies.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::util::{fixture, repo_root, run, temp_fixture, tree, write};

/// Runs `gongjiang check --root ROOT EXTRA...`: (exit code, stdout, stderr).
fn check(root: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--root", root.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let output = run(&args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    (output.status.code().expect("exit code"), stdout, stderr)
}

/// The JSON report of `root`, with the exit code.
fn check_json(root: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = check(root, &args);
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\n{stderr}"));
    (code, json)
}

/// Each problem as `file:line:column kind severity` (`-` for an unknown line or column).
fn located(report: &Value) -> Vec<String> {
    let field = |p: &Value, name: &str| p[name].as_u64().map_or("-".to_owned(), |n| n.to_string());
    report["problems"]
        .as_array()
        .expect("problems array")
        .iter()
        .map(|p| {
            let file = p["file"].as_str().expect("file");
            let (kind, severity) = (
                p["kind"].as_str().expect("kind"),
                p["severity"].as_str().expect("severity"),
            );
            format!(
                "{file}:{}:{} {kind} {severity}",
                field(p, "line"),
                field(p, "column")
            )
        })
        .collect()
}

fn messages(report: &Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["message"].as_str().expect("message").to_owned())
        .collect()
}

#[test]
fn broken_site_reports_every_problem_where_it_is_written() {
    let (code, report) = check_json(&fixture("check-broken"), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        located(&report),
        [
            "content/_index.md:10:3 broken_link error",
            "content/_index.md:11:3 broken_anchor error",
            "content/_index.md:12:3 broken_link error",
            "content/_index.md:14:1 missing_alt error",
            "content/orphan.md:-:- orphan_page error",
            "content/skills.md:4:1 lonely_group warning",
            "static/css/site.css:2:13 third_party error",
            "templates/base.html:7:14 third_party error",
            "templates/base.html:10:51 javascript_url error",
        ]
    );
    let messages = messages(&report);
    for (i, needle) in [
        "/nope/",
        "no element with id `no-such-heading`",
        "/files/report.pdf",
        "/img/chart.png",
        "/reform/orphan/",
        "贯通培养试点",
        "https://fonts.example.com/x.css",
        "https://cdn.example.com/x.js",
        "javascript:history.back()",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            messages[i].contains(needle),
            "problem {i} should mention {needle}: {}",
            messages[i]
        );
    }
    assert!(
        report["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .all(|p| !p["hint"].as_str().expect("hint").is_empty())
    );
    assert_eq!(report["pages"], 3);
    assert_eq!(report["external"], Value::Array(Vec::new()));
}

#[test]
fn broken_site_human_report_matches_the_snapshot() {
    let (code, stdout, _) = check(&fixture("check-broken"), &[]);
    assert_eq!(code, 1);
    let snapshot = fixture("check-broken").join("expected/check.txt");
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(&snapshot, &stdout).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&snapshot)
        .expect("snapshot exists (bless with SNAPSHOTS=overwrite)");
    assert!(
        stdout == expected,
        "human report differs from {}:\n--- expected\n{expected}\n--- got\n{stdout}",
        snapshot.display()
    );
}

#[test]
fn clean_site_passes() {
    let (code, stdout, _) = check(&fixture("check-clean"), &[]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "No problems found in 4 pages.\n")
    );
    let (code, report) = check_json(&fixture("check-clean"), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        report,
        serde_json::json!({"problems": [], "external": [], "pages": 4})
    );
}

#[test]
fn check_writes_nothing() {
    let site = temp_fixture("check-broken");
    let before = tree(site.path());
    let (code, _, _) = check(site.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(tree(site.path()), before, "check changed the site folder");
    assert!(!site.path().join("public").exists());
}

#[test]
fn warnings_alone_exit_zero() {
    let site = temp_fixture("check-clean");
    let skills = std::fs::read_to_string(site.path().join("content/skills.md")).expect("read");
    let lonely = skills.replacen("    group: 贯通培养试点\n", "", 1);
    write(site.path(), "content/skills.md", &lonely);
    let (code, stdout, _) = check(site.path(), &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.starts_with(
            "content/skills.md:10:1: warning[lonely_group]: figure `vocational-schools`"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("\n1 problem in 1 file (0 errors, 1 warning).\n"),
        "{stdout}"
    );
}

#[test]
fn figure_errors_are_reported_not_crashed_on() {
    let site = temp_fixture("check-clean");
    let skills = std::fs::read_to_string(site.path().join("content/skills.md")).expect("read");
    write(
        site.path(),
        "content/skills.md",
        &skills.replacen("    unit: 所\n", "", 1),
    );
    let first = std::fs::read_to_string(site.path().join("content/news/first.md")).expect("read");
    let figures =
        "figures:\n  - id: a\n    label: 甲\n    value: 1\n    unit: 项\n    qualifier: roughly\n";
    write(
        site.path(),
        "content/news/first.md",
        &first.replacen("title: 第一篇\n", &format!("title: 第一篇\n{figures}"), 1),
    );
    let (code, report) = check_json(site.path(), &[]);
    assert_eq!(code, 1, "{report}");
    let places = located(&report);
    assert_eq!(places.len(), 2, "{report}");
    assert!(
        places[0].starts_with("content/news/first.md:") && places[0].ends_with(" figure error"),
        "{report}"
    );
    assert!(
        places[1].starts_with("content/skills.md:5:") && places[1].ends_with(" figure error"),
        "{report}"
    );
    let texts = messages(&report);
    assert!(texts[0].contains("roughly"), "{}", texts[0]);
    assert!(texts[1].contains("unit"), "{}", texts[1]);
    assert_eq!(report["pages"], 0);

    let duplicate = skills.replacen("id: vocational-schools", "id: undergrad-schools", 1);
    write(site.path(), "content/skills.md", &duplicate);
    write(site.path(), "content/news/first.md", &first);
    let (code, report) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(located(&report).len(), 1, "{report}");
    assert!(
        located(&report)[0].starts_with("content/skills.md:"),
        "{report}"
    );
    assert!(
        messages(&report)[0].contains("duplicate figure id `undergrad-schools`"),
        "{report}"
    );
}

#[test]
fn template_naming_a_missing_figure_is_reported_with_the_template() {
    let site = temp_fixture("check-clean");
    let page = std::fs::read_to_string(site.path().join("templates/page.html")).expect("read");
    write(
        site.path(),
        "templates/page.html",
        &page.replacen("<h1>", "<p>{{ page.figure[\"nope\"].text }}</p><h1>", 1),
    );
    let (code, report) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let problem = &report["problems"][0];
    assert_eq!(problem["kind"], "template", "{report}");
    assert_eq!(problem["file"], "templates/page.html", "{report}");
    assert_eq!(
        (&problem["line"], &problem["column"]),
        (&1.into(), &48.into()),
        "{report}"
    );
    assert!(
        problem["message"]
            .as_str()
            .expect("message")
            .contains("nope"),
        "{report}"
    );
    assert!(
        problem["hint"].as_str().expect("hint").contains("content/"),
        "names the page: {report}"
    );
}

#[test]
fn problems_in_templates_are_located_in_the_template() {
    let site = temp_fixture("check-clean");
    let base = std::fs::read_to_string(site.path().join("templates/base.html")).expect("read");
    let extra = "<a href=\"/skills/\">写死的链接</a> <a href=\"#nowhere\">跳</a>\n\
                 <iframe src=\"//video.example.com/v/1\" title=\"视频\"></iframe>\n\
                 <p style=\"background: url(https://img.example.com/bg.png)\">背景</p>\n\
                 <img srcset=\"{{ url(path=\"img/chart.png\") }} 1x, https://img.example.com/2x.png 2x\">\n\
                 <form action=\"JavaScript:send()\"></form>\n";
    write(
        site.path(),
        "templates/base.html",
        &base.replacen("<footer>", &format!("{extra}<footer>"), 1),
    );
    let (code, report) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        located(&report),
        [
            "public/index.html:29:1 missing_alt error",
            "public/index.html:29:14 third_party error",
            "templates/base.html:15:10 broken_link error",
            "templates/base.html:15:39 broken_anchor error",
            "templates/base.html:16:14 third_party error",
            "templates/base.html:17:11 third_party error",
            "templates/base.html:19:15 javascript_url error",
        ],
        "{report}"
    );
    let messages = messages(&report);
    assert!(
        messages[0].contains("(rendered by a template and 4 other files)"),
        "{}",
        messages[0]
    );
    assert!(messages[2].contains("outside the site"), "{}", messages[2]);
}

/// A server on 127.0.0.1 answering 200 for `/ok` and 404 for anything else; counts requests.
fn local_server() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0; 4096];
            let read = stream.read(&mut buffer).unwrap_or(0);
            let request = String::from_utf8_lossy(&buffer[..read]);
            let status = if request.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (port, hits)
}

/// A copy of the clean site with a page of external links (linked from the home page).
fn site_with_external_links(links: &str) -> tempfile::TempDir {
    let site = temp_fixture("check-clean");
    write(
        site.path(),
        "content/links.md",
        &format!("---\ntitle: 外链\n---\n{links}"),
    );
    let home = std::fs::read_to_string(site.path().join("content/_index.md")).expect("read");
    write(
        site.path(),
        "content/_index.md",
        &format!("{home}\n[外链](/links/)\n"),
    );
    site
}

#[test]
fn external_links_are_listed_but_not_requested_by_default() {
    let (port, hits) = local_server();
    let site = site_with_external_links(&format!("[打不开](http://127.0.0.1:{port}/missing)\n"));
    let (code, report) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "{report}");
    let external = &report["external"][0];
    assert_eq!(external["url"], format!("http://127.0.0.1:{port}/missing"));
    assert_eq!(
        (&external["file"], &external["line"], &external["column"]),
        (&"content/links.md".into(), &4.into(), &1.into())
    );
    assert_eq!(external["checked"], false);
    assert_eq!(hits.load(Ordering::SeqCst), 0);
    let (_, stdout, _) = check(site.path(), &[]);
    assert!(
        stdout.contains("External links (1, not checked; add --external to request them):"),
        "{stdout}"
    );
}

#[test]
fn external_links_are_checked_and_cached_with_the_flag() {
    let (port, hits) = local_server();
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port();
    let links = format!(
        "[能打开](http://127.0.0.1:{port}/ok)\n\n[打不开](http://127.0.0.1:{port}/missing)\n\n[连不上](http://127.0.0.1:{closed}/x)\n"
    );
    let site = site_with_external_links(&links);
    let (code, report) = check_json(site.path(), &["--external"]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(
        located(&report),
        [
            "content/links.md:6:1 broken_external error",
            "content/links.md:8:1 broken_external error"
        ]
    );
    let status: Vec<(String, Value)> = report["external"]
        .as_array()
        .expect("external")
        .iter()
        .map(|l| {
            (
                l["url"].as_str().expect("url").to_owned(),
                l["status"].clone(),
            )
        })
        .collect();
    assert!(
        status.contains(&(format!("http://127.0.0.1:{port}/ok"), 200.into())),
        "{status:?}"
    );
    assert!(
        status.contains(&(format!("http://127.0.0.1:{port}/missing"), 404.into())),
        "{status:?}"
    );
    assert!(
        status.contains(&(format!("http://127.0.0.1:{closed}/x"), Value::Null)),
        "{status:?}"
    );
    assert_eq!(hits.load(Ordering::SeqCst), 2, "one HEAD request per URL");

    let cache: Value = serde_json::from_str(
        &std::fs::read_to_string(site.path().join("target/gongjiang-link-cache.json"))
            .expect("the cache is written"),
    )
    .expect("cache is JSON");
    assert_eq!(
        cache[format!("http://127.0.0.1:{port}/missing")]["status"],
        404
    );
    assert!(
        cache[format!("http://127.0.0.1:{port}/ok")]["checked_at"]
            .as_u64()
            .is_some()
    );

    let (code, report) = check_json(site.path(), &["--external"]);
    assert_eq!(code, 1);
    assert_eq!(
        hits.load(Ordering::SeqCst),
        2,
        "answers come from the cache the second time"
    );
    let cached: Vec<bool> = report["external"]
        .as_array()
        .expect("external")
        .iter()
        .map(|l| l["cached"] == true)
        .collect();
    assert_eq!(cached.iter().filter(|c| **c).count(), 2, "{report}");
    let (_, stdout, _) = check(site.path(), &["--external"]);
    assert!(
        stdout.contains(&format!(
            " 404  http://127.0.0.1:{port}/missing  (content/links.md:6, cached)"
        )),
        "{stdout}"
    );
}

#[test]
fn cannot_check_exits_two() {
    let missing = repo_root().join("tests/fixtures/no-such-site");
    let (code, _, stderr) = check(&missing, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no content/ folder"), "{stderr}");
    let (code, _, _) = check(&fixture("check-clean"), &["--format", "xml"]);
    assert_eq!(code, 2);
}

#[test]
fn the_microsite_passes() {
    let (code, stdout, stderr) = check(&repo_root(), &[]);
    assert_eq!(
        code, 0,
        "gongjiang check on the microsite:\n{stdout}\n{stderr}"
    );
}

#[test]
fn the_microsite_passes_with_no_warning() {
    let (code, stdout, stderr) = check(&repo_root(), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // Six pages in Chinese and their six English translations.
    assert!(
        stdout.contains("No problems found in 12 pages."),
        "{stdout}"
    );
}

#[test]
fn a_figure_typed_as_text_is_reported_where_it_is_typed() {
    let site = temp_fixture("check-clean");
    let page = "---\ntitle: 甲\nfigures:\n  - id: member-units\n    label: 成员单位\n    value: 9\n    unit: 家\n    qualifier: exact\n---\n共有{{member-units}}成员单位。\n\n另有9家，`9家` 与 {{member-units}} 不算。\n";
    write(site.path(), "content/typed.md", page);
    let (_, report) = check_json(site.path(), &[]);
    let typed: Vec<String> = located(&report)
        .into_iter()
        .filter(|p| p.contains("typed_figure"))
        .collect();
    assert_eq!(typed, vec!["content/typed.md:12:3 typed_figure warning"]);
}

#[test]
fn duplicate_ids_are_errors_and_footnotes_have_their_own() {
    let site = temp_fixture("check-clean");
    let skills = std::fs::read_to_string(site.path().join("content/skills.md")).expect("read");
    let extra = "\n\n## 1\n\n注[^1]\n\n[^1]: 注释\n\n## 甲 {#same}\n\n## 乙 {#same}\n";
    write(
        site.path(),
        "content/skills.md",
        &format!("{skills}{extra}"),
    );
    let (code, report) = check_json(site.path(), &[]);
    assert_eq!(code, 1, "{report}");
    let duplicates: Vec<String> = located(&report)
        .into_iter()
        .filter(|p| p.contains("duplicate_id"))
        .collect();
    assert_eq!(duplicates.len(), 1, "{report}");
    assert!(
        duplicates[0].starts_with("public/skills/index.html:")
            && duplicates[0].ends_with(" duplicate_id error"),
        "{duplicates:?}"
    );
    let messages = messages(&report);
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("duplicate id `same`")),
        "{messages:?}"
    );
}

#[test]
fn an_unclosed_comment_is_a_warning_where_it_opens() {
    let site = temp_fixture("check-clean");
    let page = "---\ntitle: 备注\n---\n正文。\n\n<!-- 没有结束的备注\n\n后文。\n";
    write(site.path(), "content/note.md", page);
    let (code, report) = check_json(site.path(), &[]);
    let markdown: Vec<String> = located(&report)
        .into_iter()
        .filter(|p| p.contains(" markdown "))
        .collect();
    assert_eq!(
        markdown,
        vec!["content/note.md:6:1 markdown warning"],
        "{report}"
    );
    assert_eq!(code, 0, "a warning alone passes: {report}");
}

/// A copy of the clean site with `tests/fixtures/check-copy/` laid over it: a page with each
/// kind of copy mistake, and prose that only looks like one (references, code, URLs, HTML).
fn site_with_copy_mistakes() -> tempfile::TempDir {
    let site = temp_fixture("check-clean");
    crate::util::copy_tree(&fixture("check-copy"), site.path());
    site
}

/// The `copy` problems of a JSON report as `line:column message`.
fn copy_warnings(report: &Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["kind"] == "copy")
        .map(|p| {
            assert_eq!(p["severity"], "warning", "{p}");
            format!(
                "{}:{} {}",
                p["line"],
                p["column"],
                p["message"].as_str().expect("message")
            )
        })
        .collect()
}

#[test]
fn copy_mistakes_are_warnings_where_they_are_typed() {
    let site = site_with_copy_mistakes();
    let (code, stdout, _) = check(site.path(), &[]);
    assert_eq!(code, 0, "warnings alone pass:\n{stdout}");
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.set_description(
        "gongjiang check on tests/fixtures/check-clean with tests/fixtures/check-copy over it",
    );
    settings.bind(|| insta::assert_snapshot!("check-copy", stdout));
    // Nothing is reported in the part of the page that only looks wrong (from line 30 on:
    // figure references, a card, code, raw HTML, URLs, an editors' note).
    let (_, report) = check_json(site.path(), &[]);
    let late: Vec<String> = copy_warnings(&report)
        .into_iter()
        .filter(|w| w.split(':').next().and_then(|l| l.parse::<usize>().ok()) >= Some(30))
        .collect();
    assert_eq!(late, Vec::<String>::new());
}

#[test]
fn figure_references_ask_for_no_space() {
    let site = temp_fixture("check-clean");
    let page = "---\ntitle: 引用\nfigures:\n  - id: units\n    label: 成员单位\n    value: 9\n    unit: 家\n    qualifier: exact\n---\n共有{{units}}成员单位，{{units}}参与单位，第{{units}}次，**{{units}}**。\n\n{{card units}}\n\n{{skills/undergrad-schools}}本科高校。\n";
    write(site.path(), "content/news/refs.md", page);
    let (_, report) = check_json(site.path(), &[]);
    assert_eq!(copy_warnings(&report), Vec::<String>::new(), "{report}");
    // With the number typed instead (a typed figure too), the spacing rule applies to it.
    write(
        site.path(),
        "content/news/refs.md",
        &page.replacen("共有{{units}}成员单位", "共有9家,成员单位", 1),
    );
    let (_, report) = check_json(site.path(), &[]);
    assert_eq!(
        copy_warnings(&report),
        [
            "10:3 no space between Chinese text and a number: write `共有 9 家,成`",
            "10:5 half-width `,` between Chinese characters: write `，`"
        ],
        "{report}"
    );
}

#[test]
fn copy_rules_turned_off_in_the_site_settings_are_not_reported() {
    let site = site_with_copy_mistakes();
    let home = std::fs::read_to_string(site.path().join("content/_index.md")).expect("read");
    let (_, report) = check_json(site.path(), &[]);
    let all = copy_warnings(&report);
    let with_settings = |check: &str| {
        let home = home.replacen("  base_url:", &format!("  check: {check}\n  base_url:"), 1);
        write(site.path(), "content/_index.md", &home);
        let (code, report) = check_json(site.path(), &[]);
        assert_eq!(code, 0, "{report}");
        copy_warnings(&report)
    };
    let left =
        with_settings("{ copy_rules: { fullwidth: off, paired-marks: off, space-word: on } }");
    let gone: Vec<&String> = all.iter().filter(|w| !left.contains(w)).collect();
    let fullwidth_or_pairs: Vec<&String> = (all.iter())
        .filter(|w| {
            w.contains("` between Chinese characters: write")
                || w.contains("` in Chinese text: write")
                || w.contains(" opens a ")
                || w.contains(" closes a ")
        })
        .collect();
    assert_eq!(gone, fullwidth_or_pairs);
    assert_eq!(gone.len(), 9, "{gone:#?}");
    assert_eq!(left.len(), all.len() - 9, "{left:#?}");
    assert_eq!(with_settings("{ copy: false }"), Vec::<String>::new());
}
