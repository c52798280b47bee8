//! The problems and external links found so far.
//!
//! A problem found in rendered HTML may repeat on every page a template renders: [`Findings`]
//! keeps one entry per problem and template (or per problem computed in some template), with
//! the output files it was seen in ([`Seen`]), which the message says when it is reported.

use std::collections::{BTreeMap, HashMap};

use super::{ExternalLink, Problem, Seen};
use crate::error::{Error, ErrorKind, Location};
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

/// Problems and external links, as they are found.
#[derive(Default)]
pub(super) struct Findings {
    problems: Vec<Problem>,
    /// (kind name, template or "", message and value) -> index in `problems`.
    dedupe: HashMap<(&'static str, String, String), usize>,
    external: BTreeMap<String, ExternalLink>,
}

impl Findings {
    /// Records a problem of `kind` at `origin`; one seen in rendered HTML is merged with the
    /// same problem elsewhere (same kind, same template or computed in some template, same
    /// message and `value`).
    pub(super) fn add(
        &mut self,
        kind: ErrorKind,
        origin: &Place,
        hint: crate::i18n::Message,
        value: Option<&str>,
    ) {
        let computed = origin.origin == Origin::Output;
        let file = if computed {
            String::new()
        } else {
            origin.file.clone()
        };
        let key = origin.output.as_ref().map(|_| {
            (
                kind.name(),
                file,
                format!("{kind}\0{}", value.unwrap_or("")),
            )
        });
        if let Some(index) = key.as_ref().and_then(|k| self.dedupe.get(k)) {
            let seen = &mut self.problems[*index].seen;
            seen.files.extend(origin.output.clone());
            return;
        }
        if let Some(key) = key {
            self.dedupe.insert(key, self.problems.len());
        }
        let location = Location {
            path: origin.file.clone().into(),
            line: origin.position.map(|(line, _)| line),
            column: origin.position.map(|(_, column)| column),
        };
        let mut problem = Problem::new(Error::new(kind).at(location).hint(hint));
        problem.seen = Seen {
            files: origin.output.iter().cloned().collect(),
            computed,
        };
        self.problems.push(problem);
    }

    /// The problems and external links.
    pub(super) fn finish(self) -> (Vec<Problem>, Vec<ExternalLink>) {
        (self.problems, self.external.into_values().collect())
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
