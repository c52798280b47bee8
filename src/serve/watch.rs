//! Watch and rebuild: file events in, a new site (or an error) out.
//!
//! A [`Rebuilder`] owns the [`Sources`] and the incremental [`Engine`] and runs on its own thread.
//! notify-debouncer-mini gathers an editor's burst of events (~60 ms); each batch updates the
//! sources, renders what changed, swaps the new site into the shared [`Current`] and only then
//! tells open tabs to reload. A failed rebuild keeps the last good site and publishes the error;
//! a panic in the engine is caught and reported the same way, and the caches are dropped.
//! The watcher starts before the first build, whose preview (the home page and the static files,
//! published as soon as the site is assembled) lets a large site be served before it is built.

use crate::error::IoAction;
use crate::i18n::{Lang, msg};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventHandler, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer_opt};
use tokio::sync::{broadcast, oneshot, watch};

use super::http::Current;
use super::live::LiveEvent;
use crate::error::{Error, Result};
use crate::incremental::{BaseUrl, Engine, Report, Snapshot, Sources};

/// How long the debouncer waits for an editor's burst of events to end.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// Rebuilds the site and publishes the result (see the module docs).
pub(crate) struct Rebuilder {
    sources: Sources,
    engine: Engine,
    origin: String,
    drafts: bool,
    lang: Lang,
    current: watch::Sender<Current>,
    events: broadcast::Sender<LiveEvent>,
}

impl Rebuilder {
    /// A rebuilder for the site at `root`, served at `origin` (`http://127.0.0.1:1111`).
    pub(crate) fn new(
        root: &Path,
        origin: String,
        drafts: bool,
        lang: Lang,
        current: watch::Sender<Current>,
        events: broadcast::Sender<LiveEvent>,
    ) -> Self {
        Rebuilder {
            sources: Sources::new(root),
            engine: Engine::new(BaseUrl::Local(origin.clone()), drafts),
            origin,
            drafts,
            lang,
            current,
            events,
        }
    }

    /// On its own thread: starts watching the site's folders, builds the whole site (calling
    /// `ready` once there is something to serve: the preview of a large site, else the site or
    /// its error), sends the first build's outcome to `first`, then rebuilds on every batch of
    /// changes, printing one line per rebuild. Runs until the process ends. Changes made while
    /// the first build runs are seen: the watcher starts before it.
    pub(crate) fn start(
        mut self,
        ready: oneshot::Sender<()>,
        first: oneshot::Sender<std::result::Result<Report, String>>,
    ) {
        std::thread::spawn(move || {
            let watching = self.start_watching();
            let mut ready = Some(ready);
            let mut signal = move || {
                if let Some(ready) = ready.take() {
                    let _ = ready.send(());
                }
            };
            let built = self.rebuild_with(&[], &mut signal);
            signal();
            let _ = first.send(built);
            match watching {
                Ok(watching) => self.watch(watching),
                Err(err) => {
                    let warning = msg!("label-warning").text(self.lang);
                    let no_reload = msg!("serve-no-reload").text(self.lang);
                    eprintln!(
                        "{warning}: {}\n{warning}: {no_reload}",
                        err.render(self.lang)
                    );
                }
            }
        });
    }

    /// Applies changes to `paths`, rebuilds, publishes; returns the report or the error shown.
    pub(crate) fn rebuild(&mut self, paths: &[PathBuf]) -> std::result::Result<Report, String> {
        self.rebuild_with(paths, &mut || {})
    }

    /// [`Rebuilder::rebuild`]; a preview of the first build is published, then `previewed` is
    /// called.
    fn rebuild_with(
        &mut self,
        paths: &[PathBuf],
        previewed: &mut dyn FnMut(),
    ) -> std::result::Result<Report, String> {
        let current = &self.current;
        let mut preview = |site: Arc<Snapshot>| {
            let generation = current.borrow().generation + 1;
            current.send_replace(Current {
                site,
                error: None,
                generation,
            });
            previewed();
        };
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.sources.update(paths)?;
            self.engine.render_with_preview(&self.sources, &mut preview)
        }));
        let outcome = match attempt {
            Ok(result) => result.map_err(|err| self.describe(&err)),
            Err(_) => {
                self.sources = Sources::new(self.sources.root());
                self.engine = Engine::new(BaseUrl::Local(self.origin.clone()), self.drafts);
                Err(
                    "internal error while rebuilding (a bug in gongjiang; please report it)"
                        .to_owned(),
                )
            }
        };
        let css_only = !paths.is_empty()
            && paths.iter().all(|p| {
                self.sources.folder_of(p) == Some("static")
                    && p.extension().is_some_and(|e| e == "css")
            });
        self.publish(&outcome, css_only);
        outcome
    }

    /// The error as shown: the site root is never spelled out as an absolute path.
    fn describe(&self, err: &Error) -> String {
        let mut text = err.render(self.lang);
        let root = self.sources.root();
        let absolute = [
            root.canonicalize().ok(),
            root.is_absolute().then(|| root.to_path_buf()),
        ];
        for path in absolute.into_iter().flatten() {
            let shown = path.display().to_string();
            if shown.len() > 1 {
                text = text.replace(&format!("{shown}/"), "").replace(&shown, ".");
            }
        }
        text
    }

    fn publish(&self, outcome: &std::result::Result<Report, String>, css_only: bool) {
        let had_error = self.current.borrow().error.is_some();
        let generation = self.current.borrow().generation + 1;
        // A tab opened on the preview shows what the whole site has: no reload when it comes.
        let previewed = self.current.borrow().site.partial;
        match outcome {
            Ok(report) if !had_error && !previewed && report.changed_paths.is_empty() => {}
            Ok(_) => {
                self.current.send_replace(Current {
                    site: self.engine.snapshot(),
                    error: None,
                    generation,
                });
                if previewed && !had_error {
                    return;
                }
                let _ = self.events.send(if css_only && !had_error {
                    LiveEvent::Css
                } else {
                    LiveEvent::Reload
                });
            }
            Err(text) if self.current.borrow().error.as_deref() == Some(text.as_str()) => {}
            Err(text) => {
                let text: Arc<str> = Arc::from(text.as_str());
                let site = self.current.borrow().site.clone();
                self.current.send_replace(Current {
                    site,
                    error: Some(Arc::clone(&text)),
                    generation,
                });
                let _ = self.events.send(LiveEvent::Error(text));
            }
        }
    }

    /// Starts watching the site's root and folders.
    fn start_watching(&self) -> Result<Watching> {
        let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
        let config = notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE);
        let mut debouncer =
            new_debouncer_opt::<_, ChangeWatcher>(config, sender).map_err(watch_error)?;
        let given = self.sources.root();
        let root = given.canonicalize().unwrap_or_else(|_| given.to_path_buf());
        debouncer
            .watcher()
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        let mut watched = Vec::new();
        watch_folders(&mut debouncer, &root, &mut watched);
        Ok(Watching {
            debouncer,
            receiver,
            root,
            watched,
        })
    }

    /// Rebuilds on every batch of changes, printing one line per rebuild, until the process
    /// ends.
    fn watch(mut self, watching: Watching) {
        let Watching {
            mut debouncer,
            receiver,
            root,
            mut watched,
        } = watching;
        {
            while let Ok(batch) = receiver.recv() {
                let mut paths = batch_paths(batch, self.lang);
                while let Ok(more) = receiver.try_recv() {
                    paths.extend(batch_paths(more, self.lang));
                }
                watch_folders(&mut debouncer, &root, &mut watched);
                paths.retain(|p| self.sources.folder_of(p).is_some());
                if paths.is_empty() {
                    continue;
                }
                let before = self.current.borrow().error.clone();
                match self.rebuild(&paths) {
                    Ok(report) => {
                        let rebuilt = msg!(
                            "serve-rebuilt",
                            pages = report.rendered,
                            ms = report.elapsed.as_millis().to_string()
                        );
                        println!("{}", rebuilt.text(self.lang));
                        super::print_warnings(&report.warnings, self.lang);
                    }
                    Err(text) if before.as_deref() == Some(text.as_str()) => {}
                    Err(text) => eprintln!("{}: {text}", msg!("label-error").text(self.lang)),
                }
            }
        }
    }
}

/// The file watcher and what it reports to.
struct Watching {
    debouncer: Debouncer<ChangeWatcher>,
    receiver: mpsc::Receiver<DebounceEventResult>,
    /// The site root, resolved.
    root: PathBuf,
    /// The site's folders watched so far.
    watched: Vec<PathBuf>,
}

/// Starts watching each of the site's folders that exists and is not watched yet (a folder
/// created after the server started is picked up by the next event on the root).
fn watch_folders(
    debouncer: &mut Debouncer<ChangeWatcher>,
    root: &Path,
    watched: &mut Vec<PathBuf>,
) {
    for origin in crate::source::Origin::SOURCES {
        let path = root.join(origin.folder());
        if path.is_dir()
            && !watched.contains(&path)
            && debouncer
                .watcher()
                .watch(&path, RecursiveMode::Recursive)
                .is_ok()
        {
            watched.push(path);
        }
    }
    watched.retain(|p| p.is_dir());
}

/// The platform's watcher, passing on changes only: reading a file (which the rebuild itself
/// does) reports "access" events on Linux, and notify-debouncer-mini would count them as changes.
struct ChangeWatcher(RecommendedWatcher);

/// Drops access events, forwards the rest.
struct ChangesOnly<F>(F);

impl<F: EventHandler> EventHandler for ChangesOnly<F> {
    fn handle_event(&mut self, event: notify::Result<notify::Event>) {
        if !matches!(&event, Ok(e) if e.kind.is_access()) {
            self.0.handle_event(event);
        }
    }
}

impl Watcher for ChangeWatcher {
    fn new<F: EventHandler>(handler: F, config: notify::Config) -> notify::Result<Self> {
        RecommendedWatcher::new(ChangesOnly(handler), config).map(ChangeWatcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

fn batch_paths(batch: DebounceEventResult, lang: Lang) -> Vec<PathBuf> {
    match batch {
        Ok(events) => events.into_iter().map(|e| e.path).collect(),
        Err(err) => {
            let warning = msg!("serve-watch-failed", error = err.to_string());
            eprintln!(
                "{}: {}",
                msg!("label-warning").text(lang),
                warning.text(lang)
            );
            Vec::new()
        }
    }
}

fn watch_error(err: notify::Error) -> Error {
    Error::io_action(IoAction::Watch, std::io::Error::other(err.to_string()))
        .hint(msg!("hint-watch-limit"))
}
