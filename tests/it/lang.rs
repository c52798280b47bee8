//! The language of messages: English by default, Chinese when the locale is Chinese or with
//! `--lang zh`, for errors (see `bad.rs`, which snapshots every error case in both), `check`'s
//! report, `build`'s summary and `serve`'s console and error overlay.

use crate::serve::Server;
use crate::util::{self, fixture};

/// `gongjiang ARGS` with the locale variables set to `env` (and the rest removed).
fn run_in(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = util::bin();
    command.env_remove("LANG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.args(args).output().expect("gongjiang runs")
}

fn check_report(env: &[(&str, &str)], extra: &[&str]) -> String {
    let root = fixture("check-broken");
    let mut args = vec!["check", "--root", root.to_str().expect("utf-8")];
    args.extend(extra);
    let output = run_in(env, &args);
    assert_eq!(output.status.code(), Some(1), "check finds errors");
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn check_reports_in_chinese_when_the_locale_is_chinese() {
    let report = check_report(&[("LANG", "zh_CN.UTF-8")], &[]);
    insta::assert_snapshot!("check_report_zh", report);
    assert!(report.contains("错误["), "{report}");
    assert!(!report.contains("error["), "{report}");
}

#[test]
fn lang_flag_and_locale_order() {
    let english = check_report(&[("LANG", "en_US.UTF-8")], &[]);
    assert!(english.contains("error[broken_link]"), "{english}");
    // --lang wins over the locale, both ways.
    assert_eq!(
        check_report(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]),
        english
    );
    let chinese = check_report(&[("LANG", "en_US.UTF-8")], &["--lang", "zh"]);
    assert!(chinese.contains("错误[broken_link]"), "{chinese}");
    // LC_ALL comes before LANG, as POSIX orders them; an empty one is skipped.
    assert_eq!(
        check_report(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], &[]),
        chinese
    );
    assert_eq!(
        check_report(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")], &[]),
        chinese
    );
    assert_eq!(check_report(&[("LANG", "C")], &[]), english);
}

#[test]
fn build_summary_and_errors_follow_the_language() {
    let out = tempfile::tempdir().expect("temp dir");
    let root = fixture("basic");
    let args = [
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--output",
        out.path().to_str().expect("utf-8"),
        "--lang",
        "zh",
    ];
    let output = run_in(&[], &args);
    assert!(output.status.success());
    let said = String::from_utf8(output.stdout).expect("utf-8");
    assert!(said.starts_with("已生成 "), "{said}");
    let missing = run_in(
        &[],
        &["build", "--root", "/nonexistent-gongjiang", "--lang", "zh"],
    );
    let said = String::from_utf8(missing.stderr).expect("utf-8");
    assert!(said.starts_with("错误: "), "{said}");
    // A bad flag value is clap's to explain.
    let bad = run_in(&[], &["build", "--lang", "fr"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn serve_shows_its_error_overlay_in_chinese() {
    let server = Server::start_with_args("serve", &["--lang", "zh"], |root| {
        util::write(root, "templates/page.html", "{{ oops")
    });
    let page = server.get("/");
    assert!(
        page.body
            .contains("站点有错误；正在显示上一次成功生成的版本。"),
        "{}",
        page.body
    );
    assert!(page.body.contains(">隐藏</button>"), "{}", page.body);
    let script = server.get("/__gongjiang/reload.js");
    assert!(
        script.body.contains("隐藏"),
        "the script's overlay is Chinese too"
    );
}
