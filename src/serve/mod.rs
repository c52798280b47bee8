//! `gongjiang serve`: build the site in memory, serve it on a local address, rebuild on every
//! save and reload open tabs.
//!
//! - [`http`]: answers requests from the in-memory site as a static host would, safely.
//! - [`live`]: the reload script, the event stream and the error overlay.
//! - [`watch`]: file events -> incremental rebuild -> swap the site in -> tell the tabs.
//!
//! The site is built with the local address as its base URL (keeping the path of the site's own
//! base URL), so links work while serving. State lives in an [`http::AppState`] handed to the
//! handlers; nothing is global. Ctrl-C (or SIGTERM) stops the server cleanly.

pub(crate) mod http;
pub(crate) mod live;
pub(crate) mod watch;

use crate::error::IoAction;
use crate::i18n::{Lang, msg};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::{broadcast, watch as channel};

use crate::error::{Error, ErrorKind, Result};
use http::{AppState, Current, Guard};

/// How long open connections get to finish after Ctrl-C.
const GRACE: Duration = Duration::from_secs(3);

/// What `gongjiang serve` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Opens the site in the default browser.
    pub open: bool,
    /// Includes drafts.
    pub drafts: bool,
    /// The language of messages, in the terminal and in the browser's error overlay.
    pub lang: Lang,
}

/// Serves the site until Ctrl-C.
pub fn serve(options: &ServeOptions) -> Result<()> {
    if !options.root.is_dir() {
        return Err(Error::new(ErrorKind::NotASite {
            path: options.root.display().to_string(),
            why: msg!("why-not-a-folder"),
        })
        .hint(msg!("hint-serve-root")));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| io_error(IoAction::StartServer, e))?;
    runtime.block_on(run(options))
}

async fn run(options: &ServeOptions) -> Result<()> {
    let listener = tokio::net::TcpListener::bind((options.bind, options.port))
        .await
        .map_err(|e| {
            io_error(
                IoAction::Listen {
                    address: SocketAddr::new(options.bind, options.port).to_string(),
                },
                e,
            )
            .hint(msg!("hint-port-in-use"))
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| io_error(IoAction::ServerAddress, e))?;
    let origin = origin(address);
    let first = Current {
        generation: start_generation(),
        ..Current::default()
    };
    let (current_tx, current_rx) = channel::channel(first);
    let (events, _) = broadcast::channel(64);
    let rebuilder = watch::Rebuilder::new(
        &options.root,
        origin.clone(),
        options.drafts,
        options.lang,
        current_tx,
        events.clone(),
    );
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let (first_tx, first_rx) = tokio::sync::oneshot::channel();
    rebuilder.start(ready_tx, first_tx);
    // Serving starts once there is something to serve: the whole site, its error, or, for a
    // large site, the preview its first build makes (the home page, while the rest renders).
    let _ = ready_rx.await;
    let url = format!(
        "{origin}{}",
        current_rx.borrow().site.base_path.trim_start_matches('/')
    );
    let lang = options.lang;
    println!("{}", msg!("serve-serving", url = url.as_str()).text(lang));
    welcome(options, &url);
    tokio::spawn(async move {
        if let Ok(built) = first_rx.await {
            announce(&built, lang);
        }
    });
    let (stop_tx, stop_rx) = channel::channel(false);
    let guard = Arc::new(Guard {
        bind: options.bind,
        port: address.port(),
    });
    let state = AppState {
        current: current_rx,
        events,
        shutdown: stop_rx.clone(),
        guard,
        lang,
    };
    let server =
        axum::serve(listener, http::router(state)).with_graceful_shutdown(stopped(stop_rx));
    tokio::select! {
        result = server => result.map_err(|e| io_error(IoAction::Serve, e))?,
        () = async {
            interrupted().await;
            let _ = stop_tx.send(true);
            tokio::time::sleep(GRACE).await;
        } => {}
    }
    println!("{}", msg!("serve-stopped").text(lang));
    Ok(())
}

/// Prints the first build's result.
fn announce(built: &std::result::Result<crate::incremental::Report, String>, lang: Lang) {
    match built {
        Ok(report) => {
            let built = msg!(
                "serve-built",
                pages = report.pages,
                ms = report.elapsed.as_millis().to_string()
            );
            println!("{}", built.text(lang));
            print_warnings(&report.warnings, lang);
        }
        Err(text) => eprintln!(
            "{}: {text}\n{}",
            msg!("label-error").text(lang),
            msg!("serve-runs-with-error").text(lang)
        ),
    }
}

/// Prints the warnings of a build or rebuild, as `build` prints them.
pub(crate) fn print_warnings(warnings: &[crate::error::Error], lang: Lang) {
    let label = msg!("label-warning").text(lang);
    for warning in warnings {
        eprintln!("{label}: {}", warning.render(lang));
    }
}

/// Warns when the site is reachable from other machines; opens it in the browser when asked
/// (`--open`).
fn welcome(options: &ServeOptions, url: &str) {
    if !options.bind.is_loopback() {
        let warning = msg!("serve-reachable", address = options.bind.to_string());
        println!(
            "{}: {}",
            msg!("label-warning").text(options.lang),
            warning.text(options.lang)
        );
    }
    if options.open
        && let Err(err) = open::that_detached(url)
    {
        let warning = msg!("serve-no-browser", error = err.to_string());
        eprintln!(
            "{}: {}",
            msg!("label-warning").text(options.lang),
            warning.text(options.lang)
        );
    }
}

/// The address pages are built for: the bound address, or loopback when bound to all interfaces.
fn origin(address: SocketAddr) -> String {
    let ip = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, address.port()))
}

/// A first generation number unlikely to repeat across runs, so tabs notice a restart.
fn start_generation() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Resolves when the stop flag is set.
async fn stopped(mut stop: channel::Receiver<bool>) {
    while !*stop.borrow() {
        if stop.changed().await.is_err() {
            return;
        }
    }
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn interrupted() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return ctrl_c.await,
            };
        tokio::select! {
            () = ctrl_c => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

fn io_error(action: IoAction, err: std::io::Error) -> Error {
    Error::io_action(action, err)
}
