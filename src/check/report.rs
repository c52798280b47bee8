//! The report for people: problems grouped by file, each as `file:line:col: severity[kind]:
//! message` with `  hint: ...` below, then the external links, then one summary line.

use std::fmt::Write as _;

use super::{Problem, Report, Severity};

/// Renders `report` for a terminal.
pub(super) fn human(report: &Report) -> String {
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
        let _ = writeln!(
            out,
            "{place}: {}[{}]: {}",
            problem.severity,
            problem.error.kind.name(),
            problem.message()
        );
        let hint = problem.hint();
        if !hint.is_empty() {
            let _ = writeln!(out, "  hint: {hint}");
        }
        previous = Some(file);
    }
    external(report, &mut out);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn external(report: &Report, out: &mut String) {
    if report.external.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let checked = report.external.iter().any(|l| l.checked);
    let count = report.external.len();
    if checked {
        let _ = writeln!(out, "External links ({count}, checked):");
    } else {
        let _ = writeln!(
            out,
            "External links ({count}, not checked; add --external to request them):"
        );
    }
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
        let cached = if link.cached { ", cached" } else { "" };
        let _ = writeln!(out, "  {status:>4}  {}  ({place}{cached})", link.url);
    }
}

/// `No problems found in 6 pages.` or `3 problems in 2 files (2 errors, 1 warning).`
pub(super) fn summary(report: &Report) -> String {
    let problems = report.problems.len();
    if problems == 0 {
        return format!(
            "No problems found in {} {}.",
            report.pages,
            plural(report.pages, "page", "pages")
        );
    }
    let mut files: Vec<String> = report.problems.iter().map(Problem::file).collect();
    files.sort_unstable();
    files.dedup();
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    format!(
        "{problems} {} in {} {} ({errors} {}, {warnings} {}).",
        plural(problems, "problem", "problems"),
        files.len(),
        plural(files.len(), "file", "files"),
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
