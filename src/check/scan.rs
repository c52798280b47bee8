//! The checks over a site built in memory: every reference in the Markdown, in each rendered
//! HTML file and in each style sheet, then pages no link reaches and lonely figure groups, and
//! the figure and copy lints.
//!
//! Input: the [`Built`] site and the [`SiteFiles`] it came from (templates and static files, to
//! locate problems in the file that has to change). Output: problems and external links.
//!
//! A reference found in rendered HTML is located in the template that wrote it when its value
//! appears literally in one; otherwise in the output file (`public/...`). Links inside a page's
//! Markdown content are checked once, from the Markdown, at their exact line and column; the
//! same problem coming from a template on many pages is reported once, with the page count.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use super::findings::{Findings, Place};
use super::html::{self, Attr, Document};
use super::refs::{Usage, candidates, import_before, short, usage, with_base};
use super::urls::{Broken, Class, Resolver};
use super::{ExternalLink, Problem};
use crate::build::Built;
use crate::error::{ErrorKind, line_column, nearest};
use crate::i18n::{Message, msg};
use crate::render::output_path;
use crate::source::{Origin, SiteFiles, slash_path};

/// An HTML output file, parsed.
struct Page<'a> {
    text: &'a str,
    doc: Document<'a>,
    /// Byte range of the page's Markdown content within `text`, checked from the Markdown.
    content: Option<std::ops::Range<usize>>,
}

/// Runs every check.
pub(crate) fn scan(built: &Built, files: &SiteFiles) -> (Vec<Problem>, Vec<ExternalLink>) {
    let pages = parse_outputs(built);
    let ids = pages
        .iter()
        .map(|(key, page)| ((*key).to_owned(), ids(&page.doc)))
        .collect();
    let config = &built.site.config;
    let resolver = Resolver::new(
        config.base_url.as_deref(),
        &config.base_path,
        &built.output.files,
        ids,
    );
    let mut scanner = Scanner {
        built,
        files,
        resolver,
        findings: Findings::default(),
    };
    scanner.markdown();
    // The home page first, so a problem seen on many pages is shown where readers start.
    let mut order: Vec<(&&str, &Page)> = pages.iter().collect();
    order.sort_by_key(|(key, _)| **key != "index.html");
    for (key, page) in order {
        scanner.html(key, page);
    }
    scanner.style_sheets();
    scanner.orphans(&pages);
    scanner.lonely_groups();
    super::figures::lint(built, &mut scanner.findings);
    super::figures::front_matter_warnings(built, &mut scanner.findings);
    super::figures::markdown_warnings(built, &mut scanner.findings);
    super::copy::lint(built, files, &mut scanner.findings);
    missing_translations(built, &mut scanner.findings);
    scanner.findings.finish()
}

/// A warning at each page of the default language for each other language it lacks.
fn missing_translations(built: &Built, findings: &mut Findings) {
    let site = &built.site;
    for page in site.pages.iter().filter(|p| p.lang == 0) {
        for (lang, language) in site.languages.iter().enumerate().skip(1) {
            let translated = page
                .translations
                .iter()
                .any(|&i| site.pages.get(i).is_some_and(|t| t.lang == lang));
            if translated {
                continue;
            }
            let place = Place {
                file: slash_path(&page.source_path),
                position: None,
                output: None,
                origin: Origin::Content,
            };
            let kind = ErrorKind::MissingTranslation {
                language: language.tag.clone(),
            };
            let name = crate::translation::path_for(&page.source_path, &language.code);
            let hint = msg!("hint-missing-translation", file = slash_path(&name));
            findings.add(kind, &place, hint, None);
        }
    }
}

fn parse_outputs(built: &Built) -> BTreeMap<&str, Page<'_>> {
    let contents: HashMap<String, &str> = built
        .site
        .pages
        .iter()
        .zip(&built.markdown)
        .map(|(page, md)| (output_path(page), md.html.as_str()))
        .collect();
    built
        .output
        .files
        .iter()
        .filter(|(key, _)| key.ends_with(".html") || key.ends_with(".htm"))
        .filter_map(|(key, bytes)| {
            let text = std::str::from_utf8(bytes).ok()?;
            let content = contents
                .get(key)
                .filter(|c| !c.trim().is_empty())
                .and_then(|c| text.find(*c).map(|start| start..start + c.len()));
            Some((
                key.as_str(),
                Page {
                    text,
                    doc: html::parse(text),
                    content,
                },
            ))
        })
        .collect()
}

/// Every `id` (and `<a name>`) of a document.
fn ids(doc: &Document) -> HashSet<String> {
    doc.tags
        .iter()
        .flat_map(|tag| {
            let name = (tag.name == "a").then(|| tag.value("name")).flatten();
            tag.value("id").into_iter().chain(name).map(str::to_owned)
        })
        .collect()
}

struct Scanner<'a> {
    built: &'a Built,
    files: &'a SiteFiles,
    resolver: Resolver<'a>,
    findings: Findings,
}

impl Scanner<'_> {
    /// Links and images in each page's Markdown, at their exact position.
    fn markdown(&mut self) {
        let base = self.resolver.base_path.to_owned();
        let built = self.built;
        for (page, md) in built.site.pages.iter().zip(&built.markdown) {
            let file = slash_path(&page.source_path);
            let url = self.resolver.url_of(&output_path(page));
            let at = |line: usize, column: usize| Place {
                file: file.clone(),
                position: Some((page.body_line + line - 1, column)),
                output: None,
                origin: Origin::Content,
            };
            for link in &md.links {
                // A path to a file beside the page is checked where the HTML points.
                let value = (link.resolved.clone()).unwrap_or_else(|| with_base(&link.dest, &base));
                self.reference(
                    &value,
                    &link.dest,
                    &url,
                    Usage::Link,
                    msg!("what-link"),
                    &at(link.line, link.column),
                );
            }
            for image in &md.images {
                let origin = at(image.line, image.column);
                if image.alt.trim().is_empty() {
                    let kind = ErrorKind::MissingAlt {
                        src: image.src.clone(),
                    };
                    let hint = msg!("hint-missing-alt");
                    self.findings.add(kind, &origin, hint, None);
                }
                let value =
                    (image.resolved.clone()).unwrap_or_else(|| with_base(&image.src, &base));
                self.reference(
                    &value,
                    &image.src,
                    &url,
                    Usage::Load,
                    msg!("what-image"),
                    &origin,
                );
            }
        }
    }

    /// Every reference in one rendered HTML file (outside its Markdown content).
    fn html(&mut self, key: &str, page: &Page) {
        let url = self.resolver.url_of(key);
        self.duplicate_ids(key, page);
        for tag in &page.doc.tags {
            if page
                .content
                .as_ref()
                .is_some_and(|r| r.contains(&tag.offset))
            {
                continue;
            }
            if tag.name == "img" && tag.attr("alt").is_none() {
                let anchor = tag.attr("src").map_or(tag.offset, |a| a.offset);
                let origin = self.html_origin(
                    key,
                    page.text,
                    anchor,
                    tag.attr("src").map(|a| (a.name.as_str(), a.raw)),
                );
                let kind = ErrorKind::ImgWithoutAlt {
                    src: tag.value("src").unwrap_or("").to_owned(),
                };
                let hint = msg!("hint-img-without-alt");
                self.findings.add(kind, &origin, hint, tag.value("src"));
            }
            for attr in &tag.attrs {
                if attr.name == "style" {
                    self.inline_css(key, page.text, attr, &url);
                    continue;
                }
                let Some((usage, what)) = usage(tag, &attr.name) else {
                    continue;
                };
                let origin =
                    self.html_origin(key, page.text, attr.offset, Some((&attr.name, attr.raw)));
                for value in candidates(&attr.name, &attr.value) {
                    self.reference(value, value, &url, usage, what.clone(), &origin);
                }
            }
        }
        for (offset, css) in &page.doc.styles {
            for (at, value) in html::css_urls(css) {
                let what = if import_before(css, at) {
                    msg!("what-style-import")
                } else {
                    msg!("what-style-url")
                };
                let origin = self.html_origin(key, page.text, offset + at, Some(("", &value)));
                self.reference(&value, &value, &url, Usage::Load, what, &origin);
            }
        }
    }

    fn inline_css(&mut self, key: &str, text: &str, attr: &Attr, url: &str) {
        for (_, value) in html::css_urls(&attr.value) {
            let origin = self.html_origin(key, text, attr.offset, Some((&attr.name, attr.raw)));
            self.reference(
                &value,
                &value,
                url,
                Usage::Load,
                msg!("what-style-attribute-url"),
                &origin,
            );
        }
    }

    /// `url()` and `@import` in the site's style sheets (located in `static/`).
    fn style_sheets(&mut self) {
        let files = self.files;
        for file in files
            .statics
            .iter()
            .filter(|f| f.rel_path.ends_with(".css"))
        {
            let Ok(css) = std::str::from_utf8(&file.bytes) else {
                continue;
            };
            let url = self.resolver.url_of(&file.rel_path);
            for (offset, value) in html::css_urls(css) {
                let origin = Place {
                    file: slash_path(&Origin::Static.path(&file.rel_path)),
                    position: Some(line_column(css, offset)),
                    output: None,
                    origin: Origin::Static,
                };
                let what = if import_before(css, offset) {
                    msg!("what-code", code = "@import")
                } else {
                    msg!("what-code", code = "url()")
                };
                self.reference(&value, &value, &url, Usage::Load, what, &origin);
            }
        }
    }

    /// Pages no `<a href>` chain from the home page reaches.
    fn orphans(&mut self, pages: &BTreeMap<&str, Page>) {
        let mut reached: HashSet<String> = HashSet::from(["index.html".to_owned()]);
        let mut queue = VecDeque::from(["index.html".to_owned()]);
        while let Some(key) = queue.pop_front() {
            let Some(page) = pages.get(key.as_str()) else {
                continue;
            };
            let from = self.resolver.url_of(&key);
            for tag in page
                .doc
                .tags
                .iter()
                .filter(|t| matches!(t.name.as_str(), "a" | "area"))
            {
                let Some(href) = tag.value("href") else {
                    continue;
                };
                if let Class::Internal { path, .. } = self.resolver.classify(href, &from)
                    && let Ok(target) = self.resolver.target(&path)
                    && pages.contains_key(target.as_str())
                    && reached.insert(target.clone())
                {
                    queue.push_back(target);
                }
            }
        }
        let built = self.built;
        for page in &built.site.pages {
            let key = output_path(page);
            if reached.contains(&key) {
                continue;
            }
            let origin = Place {
                file: slash_path(&page.source_path),
                position: None,
                output: None,
                origin: Origin::Content,
            };
            let kind = ErrorKind::OrphanPage {
                url: self.resolver.url_of(&key),
            };
            let hint = msg!("hint-orphan-page");
            self.findings.add(kind, &origin, hint, None);
        }
    }

    /// Figure groups with one member (no chart is drawn), at the figure's line.
    fn lonely_groups(&mut self) {
        let built = self.built;
        for page in &built.site.pages {
            for figure in crate::chart::lonely_groups(&page.front.figures) {
                let origin = Place {
                    file: slash_path(&page.source_path),
                    position: Some((figure.line, 1)),
                    output: None,
                    origin: Origin::Content,
                };
                let kind = ErrorKind::LonelyGroup {
                    id: figure.id.clone(),
                    group: figure.group.clone().unwrap_or_default(),
                };
                let hint = msg!("hint-lonely-group");
                self.findings.add(kind, &origin, hint, None);
            }
        }
    }

    /// Checks one reference: `value` as it resolves, `shown` as the author wrote it.
    fn reference(
        &mut self,
        value: &str,
        shown: &str,
        from: &str,
        usage: Usage,
        what: Message,
        origin: &Place,
    ) {
        match self.resolver.classify(value, from) {
            Class::Other => {}
            Class::Script => {
                let kind = ErrorKind::JavascriptUrl {
                    what,
                    url: short(shown),
                };
                let hint = msg!("hint-javascript-url");
                self.findings.add(kind, origin, hint, Some(value));
            }
            Class::External(url) => match usage {
                Usage::Link => self.findings.list_external(url, origin),
                Usage::Reference => {}
                Usage::Load => {
                    let kind = ErrorKind::ThirdParty { what, url };
                    let hint = msg!("hint-third-party");
                    self.findings.add(kind, origin, hint, Some(value));
                }
            },
            Class::Internal { path, fragment } => {
                if let Err(broken) = self.resolver.resolve(&path, fragment.as_deref()) {
                    let (kind, hint) = self.explain(broken, what, shown, &path);
                    self.findings.add(kind, origin, hint, Some(value));
                }
            }
        }
    }

    fn explain(
        &self,
        broken: Broken,
        what: Message,
        shown: &str,
        path: &str,
    ) -> (ErrorKind, Message) {
        let link = shown.to_owned();
        match broken {
            Broken::OutsideBase => (
                ErrorKind::LinkOutsideBase {
                    what,
                    link,
                    path: path.to_owned(),
                    base: self.resolver.base_path.to_owned(),
                },
                msg!("hint-link-outside-base"),
            ),
            Broken::Missing => {
                let known = self.resolver.page_urls();
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                let hint = match nearest(path, &known) {
                    Some(near) => msg!("hint-did-you-mean", word = near),
                    None => msg!("hint-broken-link"),
                };
                (
                    ErrorKind::BrokenLink {
                        what,
                        link,
                        path: path.to_owned(),
                    },
                    hint,
                )
            }
            Broken::NoFragment(fragment) => {
                let target = self.resolver.target(path).unwrap_or_default();
                let ids = self.resolver.ids_of(&target);
                let hint = match nearest(&fragment, &ids) {
                    Some(near) => msg!("hint-did-you-mean", word = format!("#{near}")),
                    None => msg!(
                        "hint-ids-on-page",
                        ids = ids.iter().take(12).copied().collect::<Vec<_>>().join(", ")
                    ),
                };
                let page = (!shown.starts_with('#')).then(|| self.resolver.url_of(&target));
                (
                    ErrorKind::BrokenAnchor {
                        what,
                        link,
                        page,
                        fragment,
                    },
                    hint,
                )
            }
        }
    }

    /// Where a reference in rendered HTML comes from: the static HTML file it was copied from,
    /// the template that has its value literally, or else the output file itself.
    /// Every `id` given to a second element of the page, located at that element.
    fn duplicate_ids(&mut self, key: &str, page: &Page) {
        let mut first: HashSet<&str> = HashSet::new();
        for tag in &page.doc.tags {
            let Some(attr) = tag.attr("id") else {
                continue;
            };
            if first.insert(attr.value.as_str()) {
                continue;
            }
            let origin = self.html_origin(key, page.text, attr.offset, Some(("id", attr.raw)));
            let kind = ErrorKind::DuplicateId {
                id: attr.value.clone(),
            };
            let hint = msg!("hint-duplicate-id");
            self.findings.add(kind, &origin, hint, Some(&attr.value));
        }
    }

    fn html_origin(
        &self,
        key: &str,
        text: &str,
        offset: usize,
        attr: Option<(&str, &str)>,
    ) -> Place {
        let output = Some(slash_path(&Origin::Output.path(key)));
        if self.files.statics.iter().any(|f| f.rel_path == key) {
            return Place {
                file: slash_path(&Origin::Static.path(key)),
                position: Some(line_column(text, offset)),
                output: None,
                origin: Origin::Static,
            };
        }
        if let Some((name, position)) = attr.and_then(|(name, raw)| self.in_templates(name, raw)) {
            return Place {
                file: slash_path(&Origin::Templates.path(&name)),
                position: Some(position),
                output,
                origin: Origin::Templates,
            };
        }
        Place {
            file: slash_path(&Origin::Output.path(key)),
            position: Some(line_column(text, offset)),
            output,
            origin: Origin::Output,
        }
    }

    /// The first template holding `name="raw"` (or a long enough raw value alone), and where.
    fn in_templates(&self, name: &str, raw: &str) -> Option<(String, (usize, usize))> {
        if raw.is_empty() {
            return None;
        }
        let mut needles = Vec::new();
        if !name.is_empty() {
            needles.push((format!("{name}=\"{raw}\""), name.len() + 2));
            needles.push((format!("{name}='{raw}'"), name.len() + 2));
            needles.push((format!("{name}={raw}"), name.len() + 1));
        }
        if raw.chars().count() >= 8 {
            needles.push((raw.to_owned(), 0));
        }
        needles.iter().find_map(|(needle, skip)| {
            self.files.templates.iter().find_map(|(template, text)| {
                let at = find_ignoring_case(text, needle)?;
                Some((template.clone(), line_column(text, at + skip)))
            })
        })
    }
}

/// ASCII-case-insensitive find.
fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .or_else(|| text.to_ascii_lowercase().find(&needle.to_ascii_lowercase()))
}
