//! The problems and external links found so far.
//!
//! A problem found in rendered HTML may repeat on every page a template renders: [`Findings`]
//! keeps one entry per problem and template (or per problem computed in some template), with
//! the output files it was seen in, and says so in the message when it is reported.

use std::collections::{BTreeMap, HashMap};

use super::{ExternalLink, Problem, ProblemKind};
use crate::source::Origin;

/// Where a reference was found.
#[derive(Debug, Clone)]
pub(super) struct Place {
    /// The file to fix.
    pub(super) file: String,
    /// Line and column in it.
    pub(super) position: Option<(usize, usize)>,
    /// The output file, for references found in rendered HTML.
    pub(super) output: Option<String>,
    /// The folder `file` is in: a source folder, or the output when no source holds the value.
    pub(super) origin: Origin,
}

/// A problem and the output files it was seen in (for references in rendered HTML).
struct Entry {
    problem: Problem,
    seen_in: Vec<String>,
    /// The problem's file is an output file (the value was computed by a template).
    in_output: bool,
}

/// Problems and external links, as they are found.
#[derive(Default)]
pub(super) struct Findings {
    entries: Vec<Entry>,
    /// (kind, template or "", message and value) -> index in `entries`.
    dedupe: HashMap<(ProblemKind, String, String), usize>,
    external: BTreeMap<String, ExternalLink>,
}

impl Findings {
    /// Records a problem; one seen in rendered HTML is merged with the same problem elsewhere.
    pub(super) fn add(
        &mut self,
        kind: ProblemKind,
        origin: &Place,
        message: String,
        hint: String,
        value: Option<&str>,
    ) {
        // Same problem, same template (or computed in some template): one entry.
        let in_output = origin.origin == Origin::Output;
        let file = if in_output {
            String::new()
        } else {
            origin.file.clone()
        };
        let key = origin
            .output
            .as_ref()
            .map(|_| (kind, file, format!("{message}\0{}", value.unwrap_or(""))));
        if let Some(index) = key.as_ref().and_then(|k| self.dedupe.get(k)) {
            let entry = &mut self.entries[*index];
            entry.seen_in.extend(origin.output.clone());
            return;
        }
        if let Some(key) = key {
            self.dedupe.insert(key, self.entries.len());
        }
        let problem = Problem::new(kind, origin.file.clone(), origin.position, message, hint);
        self.entries.push(Entry {
            problem,
            seen_in: origin.output.iter().cloned().collect(),
            in_output,
        });
    }

    /// The problems (messages completed with where they were seen) and external links.
    pub(super) fn finish(self) -> (Vec<Problem>, Vec<ExternalLink>) {
        let problems = self
            .entries
            .into_iter()
            .map(|entry| {
                let Entry {
                    mut problem,
                    seen_in,
                    in_output,
                } = entry;
                if let Some(first) = seen_in.first() {
                    let more = match seen_in.len() - 1 {
                        0 => String::new(),
                        1 => " and 1 other file".to_owned(),
                        n => format!(" and {n} other files"),
                    };
                    if in_output {
                        problem.message.push_str(&format!(" (rendered by a template{more})"));
                        problem.hint.push_str("; the value comes from a template expression, not from the page's Markdown (`gongjiang build` writes this file)");
                    } else {
                        problem.message.push_str(&format!(" (in {first}{more})"));
                    }
                }
                problem
            })
            .collect();
        (problems, self.external.into_values().collect())
    }

    /// Lists an external link, counting repeats.
    pub(super) fn list_external(&mut self, url: String, origin: &Place) {
        let entry = self
            .external
            .entry(url.clone())
            .or_insert_with(|| ExternalLink {
                url,
                file: origin.file.clone(),
                line: origin.position.map(|p| p.0),
                column: origin.position.map(|p| p.1),
                links: 0,
                checked: false,
                status: None,
                error: None,
                cached: false,
            });
        entry.links += 1;
    }
}
