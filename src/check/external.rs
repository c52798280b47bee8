//! `check --external`: request every external link, a few at a time, and remember the answers.
//!
//! Each URL gets a `HEAD` request, then a `GET` when the server does not support `HEAD` (405 or
//! 501), redirects followed, with a 10-second limit; 8 requests run at once. Answers (an HTTP
//! status) are cached for a day in `target/gongjiang-link-cache.json` under the site root
//! (`{"url": {"status": 200, "checked_at": unix seconds}}`); failures to connect are not cached,
//! so they are retried next time. A missing or unreadable cache is simply rebuilt.

use crate::i18n::msg;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{ExternalLink, Problem};
use crate::error::{Error, ErrorKind, Location};

/// How long a cached answer is trusted.
const CACHE_SECONDS: u64 = 24 * 60 * 60;
/// Requests at once.
const WORKERS: usize = 8;
/// Limit for one URL, redirects included.
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    status: u16,
    checked_at: u64,
}

/// Fills in `status`/`error` of every link, from the cache or the network, and saves the cache.
pub(super) fn check_all(links: &mut [ExternalLink], cache_path: &Path) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut cache = load(cache_path);
    let mut pending = Vec::new();
    for (index, link) in links.iter_mut().enumerate() {
        link.checked = true;
        match cache.get(&link.url) {
            Some(hit) if now.saturating_sub(hit.checked_at) < CACHE_SECONDS => {
                link.status = Some(hit.status);
                link.cached = true;
            }
            _ => pending.push((index, link.url.clone())),
        }
    }
    for (index, outcome) in request_all(&pending) {
        match outcome {
            Ok(status) => {
                links[index].status = Some(status);
                cache.insert(
                    links[index].url.clone(),
                    Cached {
                        status,
                        checked_at: now,
                    },
                );
            }
            Err(error) => links[index].error = Some(error),
        }
    }
    cache.retain(|_, hit| now.saturating_sub(hit.checked_at) < CACHE_SECONDS);
    if !pending.is_empty() {
        save(cache_path, &cache);
    }
}

/// A broken external link as a problem, where the site first links to it.
pub(super) fn problem(link: &ExternalLink) -> Problem {
    let kind = ErrorKind::BrokenExternal {
        url: link.url.clone(),
        status: link.status,
        error: link.error.clone(),
        links: link.links,
    };
    let location = Location {
        path: link.file.clone().into(),
        line: link.line,
        column: link.column,
    };
    Problem::new(
        Error::new(kind)
            .at(location)
            .hint(msg!("hint-broken-external")),
    )
}

/// Requests each `(index, url)` on a few threads; returns each index with a status or an error.
fn request_all(pending: &[(usize, String)]) -> Vec<(usize, Result<u16, String>)> {
    if pending.is_empty() {
        return Vec::new();
    }
    let agent = agent();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(pending.len()));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(pending.len()) {
            scope.spawn(|| {
                while let Some((index, url)) = pending.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = status_of(&agent, url);
                    if let Ok(mut results) = results.lock() {
                        results.push((*index, outcome));
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("gongjiang-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// `HEAD`, then `GET` if the server refuses `HEAD`.
fn status_of(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    let head = agent
        .head(url)
        .call()
        .map_err(|e| e.to_string())?
        .status()
        .as_u16();
    if head != 405 && head != 501 {
        return Ok(head);
    }
    Ok(agent
        .get(url)
        .call()
        .map_err(|e| e.to_string())?
        .status()
        .as_u16())
}

fn load(path: &Path) -> BTreeMap<String, Cached> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the cache (to a temporary file, then renamed); a failure only costs the next run time.
fn save(path: &Path, cache: &BTreeMap<String, Cached>) {
    let Some(dir) = path.parent() else { return };
    let Ok(json) = serde_json::to_vec_pretty(cache) else {
        return;
    };
    let temporary = path.with_extension(format!("json.{}", std::process::id()));
    if std::fs::create_dir_all(dir).is_ok()
        && std::fs::write(&temporary, json).is_ok()
        && std::fs::rename(&temporary, path).is_err()
    {
        let _ = std::fs::remove_file(&temporary);
    }
}
