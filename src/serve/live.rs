//! Live reload: a small script, a Server-Sent Events stream, and the error overlay.
//!
//! Both endpoints exist only while serving, and the `<script>` tag (plus the overlay while the
//! last rebuild failed) is added to HTML responses at serve time, so `gongjiang build` output
//! never contains them. Events: `hello` (the build generation, on connect), `reload`, `css` (the
//! script re-fetches the page and swaps the stylesheet links) and `build-error` (JSON string).

use std::convert::Infallible;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use tokio::sync::broadcast::error::RecvError;

use super::http::{AppState, respond};
use crate::i18n::{Lang, msg};
use crate::text::escape_xml;

/// The event stream.
pub(crate) const EVENTS_PATH: &str = "/__gongjiang/events";
/// The reload script.
pub(crate) const SCRIPT_PATH: &str = "/__gongjiang/reload.js";

/// What open tabs are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LiveEvent {
    /// A new build is in place: reload the page.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// The rebuild failed: show this error over the page.
    Error(std::sync::Arc<str>),
}

const SCRIPT: &str = r#"// gongjiang serve: live reload (not part of the built site).
(() => {
  "use strict";
  const key = "gongjiang-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  const reload = () => {
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  };
  const showError = (text) => {
    let box = document.getElementById("gongjiang-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "gongjiang-error";
      box.setAttribute("role", "alert");
      box.setAttribute("style", OVERLAY_STYLE);
      document.body.appendChild(box);
    }
    const template = document.createElement("template");
    template.innerHTML = OVERLAY_INNER;
    template.content.querySelector("pre").textContent = text;
    box.replaceChildren(template.content);
  };
  document.addEventListener("click", (e) => {
    if (e.target.closest && e.target.closest("[data-gongjiang-hide]")) {
      document.getElementById("gongjiang-error")?.remove();
    }
  });
  const swapCss = async () => {
    try {
      const response = await fetch(location.href, { cache: "no-store" });
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      const selector = 'link[rel~="stylesheet"]';
      const next = [...fresh.querySelectorAll(selector)];
      const links = [...document.querySelectorAll(selector)];
      if (next.length !== links.length) return reload();
      links.forEach((link, i) => {
        const href = next[i].getAttribute("href");
        if (href !== link.getAttribute("href")) { link.setAttribute("href", href); return; }
        const url = new URL(link.href);
        url.searchParams.set("gongjiang", Date.now());
        link.href = url.href;
      });
    } catch (_) { reload(); }
  };
  let generation = null;
  const source = new EventSource("EVENTS_PATH");
  source.addEventListener("hello", (e) => {
    if (generation !== null && generation !== e.data) reload();
    generation = e.data;
  });
  source.addEventListener("reload", reload);
  source.addEventListener("css", swapCss);
  source.addEventListener("build-error", (e) => showError(JSON.parse(e.data)));
})();
"#;

const OVERLAY_STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;\
background:rgba(24,24,27,.95);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";

/// `GET /__gongjiang/reload.js`.
pub(crate) async fn script(State(state): State<AppState>) -> Response {
    let body = SCRIPT
        .replace("EVENTS_PATH", EVENTS_PATH)
        .replace(
            "OVERLAY_INNER",
            &serde_json::Value::from(overlay_inner("", state.lang)).to_string(),
        )
        .replace(
            "OVERLAY_STYLE",
            &serde_json::Value::from(OVERLAY_STYLE).to_string(),
        );
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        body.into_bytes(),
    )
}

/// `GET /__gongjiang/events`: `hello` with the current generation, then every live event, until
/// the server stops.
pub(crate) async fn events(State(state): State<AppState>) -> impl IntoResponse {
    let generation = state.current.borrow().generation;
    let hello = Event::default().event("hello").data(generation.to_string());
    let receiver = state.events.subscribe();
    let stream = stream::unfold((Some(hello), receiver, state.shutdown), next_event);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

type EventState = (
    Option<Event>,
    tokio::sync::broadcast::Receiver<LiveEvent>,
    tokio::sync::watch::Receiver<bool>,
);

async fn next_event(
    (first, mut receiver, mut shutdown): EventState,
) -> Option<(Result<Event, Infallible>, EventState)> {
    if let Some(event) = first {
        return Some((Ok(event), (None, receiver, shutdown)));
    }
    if *shutdown.borrow() {
        return None;
    }
    let event = tokio::select! {
        received = receiver.recv() => match received {
            Ok(event) => to_sse(&event),
            // Events were missed: the page is out of date either way.
            Err(RecvError::Lagged(_)) => to_sse(&LiveEvent::Reload),
            Err(RecvError::Closed) => return None,
        },
        _ = shutdown.changed() => return None,
    };
    Some((Ok(event), (None, receiver, shutdown)))
}

fn to_sse(event: &LiveEvent) -> Event {
    match event {
        LiveEvent::Reload => Event::default().event("reload").data("reload"),
        LiveEvent::Css => Event::default().event("css").data("css"),
        LiveEvent::Error(text) => {
            let json = serde_json::Value::String(text.to_string()).to_string();
            Event::default().event("build-error").data(json)
        }
    }
}

/// Adds the reload script, and the error overlay when there is an error, before the last
/// `</body>` (or at the end when there is none).
pub(crate) fn inject(html: &[u8], error: Option<&str>, lang: Lang) -> Vec<u8> {
    let mut snippet = String::new();
    if let Some(error) = error {
        snippet.push_str(&overlay(error, lang));
    }
    snippet.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>"));
    let at = last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay showing a build error (escaped).
pub(crate) fn overlay(error: &str, lang: Lang) -> String {
    format!(
        "<div id=\"gongjiang-error\" role=\"alert\" style=\"{OVERLAY_STYLE}\">{}</div>",
        overlay_inner(error, lang)
    )
}

/// The overlay's content: a heading, a button to hide it, and the error (escaped).
fn overlay_inner(error: &str, lang: Lang) -> String {
    format!(
        "<p style=\"font-weight:bold;color:#ff9b9b;margin:0 0 1em\">{} \
         <button type=\"button\" data-gongjiang-hide style=\"font:inherit;margin-left:1em\">{}</button></p>\
         <pre style=\"white-space:pre-wrap;margin:0\">{}</pre>",
        escape_xml(&msg!("overlay-heading").text(lang)),
        escape_xml(&msg!("overlay-hide").text(lang)),
        escape_xml(error)
    )
}

fn last_body_close(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    (0..html.len().saturating_sub(TAG.len() - 1))
        .rev()
        .find(|&i| html[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_close() {
        let html = b"<html><body><p>a</p></BODY></html>";
        let out = String::from_utf8(inject(html, None, Lang::En)).expect("utf-8");
        assert_eq!(
            out,
            "<html><body><p>a</p><script src=\"/__gongjiang/reload.js\"></script></BODY></html>"
        );
        let out = String::from_utf8(inject(b"<p>no body", None, Lang::En)).expect("utf-8");
        assert!(out.ends_with("</script>"), "{out}");
    }

    #[test]
    fn overlay_escapes_the_error() {
        let out = String::from_utf8(inject(
            b"<body></body>",
            Some("content/a.md:2: <script>x</script> & \"q\""),
            Lang::En,
        ))
        .expect("utf-8");
        assert!(
            out.contains("content/a.md:2: &lt;script&gt;x&lt;/script&gt; &amp;"),
            "{out}"
        );
        assert!(!out.contains("<script>x"), "{out}");
    }
}
