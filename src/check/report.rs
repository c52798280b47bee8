//! The report for people: problems grouped by file, each as `file:line:col: severity[kind]:
//! message` with `  hint: ...` below, then the external links, then one summary line.

use std::fmt::Write as _;

use super::{Problem, Report, Severity};
use crate::i18n::{Lang, msg};

/// Renders `report` for a terminal, in `lang`.
pub(super) fn human(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let mut previous: Option<String> = None;
    for problem in &report.problems {
        let file = problem.file();
        if previous.as_ref().is_some_and(|previous| *previous != file) {
            out.push('\n');
        }
        let mut place = file.clone();
        if let Some(line) = problem.line() {
            let _ = write!(place, ":{line}");
            if let Some(column) = problem.column() {
                let _ = write!(place, ":{column}");
            }
        }
        let severity = match problem.severity {
            Severity::Error => msg!("label-error"),
            Severity::Warning => msg!("label-warning"),
        };
        let _ = writeln!(
            out,
            "{place}: {}[{}]: {}",
            severity.text(lang),
            problem.error.kind.name(),
            problem.message(lang)
        );
        if let Some(hint) = problem.hint(lang) {
            let _ = writeln!(out, "  {}", msg!("label-hint", hint = hint).text(lang));
        }
        previous = Some(file);
    }
    external(report, lang, &mut out);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report).text(lang));
    out.push('\n');
    out
}

fn external(report: &Report, lang: Lang, out: &mut String) {
    if report.external.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let checked = report.external.iter().any(|l| l.checked);
    let count = report.external.len();
    let heading = match checked {
        true => msg!("external-links-checked", count = count),
        false => msg!("external-links-unchecked", count = count),
    };
    let _ = writeln!(out, "{}", heading.text(lang));
    for link in &report.external {
        let status = match (&link.error, link.status, link.checked) {
            (_, _, false) => "info".to_owned(),
            (Some(_), _, _) => "fail".to_owned(),
            (None, Some(status), _) => status.to_string(),
            (None, None, _) => "?".to_owned(),
        };
        let mut place = link.file.clone();
        if let Some(line) = link.line {
            let _ = write!(place, ":{line}");
        }
        let place = match link.cached {
            true => msg!("external-link-cached", place = place).text(lang),
            false => place,
        };
        let _ = writeln!(out, "  {status:>4}  {}  ({place})", link.url);
    }
}

/// `No problems found in 6 pages.` or `3 problems in 2 files (2 errors, 1 warning).`
pub(super) fn summary(report: &Report) -> crate::i18n::Message {
    let problems = report.problems.len();
    if problems == 0 {
        return msg!("check-no-problems", pages = report.pages);
    }
    let mut files: Vec<String> = report.problems.iter().map(Problem::file).collect();
    files.sort_unstable();
    files.dedup();
    msg!(
        "check-summary",
        problems = problems,
        files = files.len(),
        errors = report.count(Severity::Error),
        warnings = report.count(Severity::Warning)
    )
}
