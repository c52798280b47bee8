//! URLs as the crawl sees them: resolving a reference found in a page against the page's URL
//! (RFC 3986, section 5), the origin of a URL, and `%XX` decoding of fragments.

/// Decodes `%XX` escapes (as UTF-8, lossy).
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub(super) fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + end])
}

/// Removes `.` and `..` segments from an absolute path (RFC 3986, 5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// A reference found in a page, resolved against the page's URL.
#[derive(Debug, PartialEq)]
pub(super) enum Target {
    /// An absolute http(s) URL without fragment, and the fragment if any.
    Http(String, Option<String>),
    /// `mailto:`, `tel:`, `data:` and the like: not fetched.
    Other(String),
}

/// Resolves `reference` against `base` (an absolute http URL).
pub(super) fn resolve(base: &str, reference: &str) -> Target {
    let reference = reference.trim();
    let (reference, fragment) = match reference.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string())),
        None => (reference, None),
    };
    let base = base.split('#').next().unwrap_or(base);
    let scheme_end = reference.find(':');
    let has_scheme = scheme_end.is_some_and(|i| {
        i > 0
            && reference[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && reference.as_bytes()[0].is_ascii_alphabetic()
    });
    let origin = origin_of(base).expect("base is an http URL");
    let base_path_query = &base[origin.len()..];
    let base_path = base_path_query.split('?').next().unwrap_or("/");
    let absolute = if has_scheme {
        let scheme = reference[..scheme_end.unwrap_or(0)].to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Target::Other(reference.to_string());
        }
        let ref_origin = origin_of(reference).unwrap_or(reference);
        let rest = &reference[ref_origin.len()..];
        let (path, query) = split_query(if rest.is_empty() { "/" } else { rest });
        format!("{ref_origin}{}{query}", remove_dot_segments(path))
    } else if let Some(rest) = reference.strip_prefix("//") {
        let scheme = &base[..base.find(':').unwrap_or(0)];
        return resolve(base, &format!("{scheme}://{rest}{}", hash(&fragment)));
    } else if reference.starts_with('/') {
        let (path, query) = split_query(reference);
        format!("{origin}{}{query}", remove_dot_segments(path))
    } else if reference.is_empty() {
        base.to_string()
    } else if reference.starts_with('?') {
        format!("{origin}{base_path}{reference}")
    } else {
        let dir = &base_path[..base_path.rfind('/').map(|i| i + 1).unwrap_or(0)];
        let (path, query) = split_query(reference);
        format!(
            "{origin}{}{query}",
            remove_dot_segments(&format!("{dir}{path}"))
        )
    };
    Target::Http(absolute, fragment)
}

fn hash(fragment: &Option<String>) -> String {
    fragment
        .as_ref()
        .map(|f| format!("#{f}"))
        .unwrap_or_default()
}

fn split_query(reference: &str) -> (&str, &str) {
    match reference.find('?') {
        Some(i) => (&reference[..i], &reference[i..]),
        None => (reference, ""),
    }
}

// Unit checks of the helpers above (they decide what counts as broken).

#[test]
fn url_resolution_follows_rfc_3986() {
    let base = "http://127.0.0.1:8080/reform/skills/index.html?x=1#top";
    let http = |u: &str, f: Option<&str>| Target::Http(u.to_string(), f.map(str::to_string));
    assert_eq!(
        resolve(base, "../"),
        http("http://127.0.0.1:8080/reform/", None)
    );
    assert_eq!(
        resolve(base, "./a.css"),
        http("http://127.0.0.1:8080/reform/skills/a.css", None)
    );
    assert_eq!(
        resolve(base, "/x/../y/"),
        http("http://127.0.0.1:8080/y/", None)
    );
    assert_eq!(
        resolve(base, "../../../.."),
        http("http://127.0.0.1:8080/", None)
    );
    assert_eq!(
        resolve(base, "#a"),
        http(
            "http://127.0.0.1:8080/reform/skills/index.html?x=1",
            Some("a")
        )
    );
    assert_eq!(
        resolve(base, "?q=2"),
        http("http://127.0.0.1:8080/reform/skills/index.html?q=2", None)
    );
    assert_eq!(
        resolve(base, "//example.org/p"),
        http("http://example.org/p", None)
    );
    assert_eq!(
        resolve(base, "HTTPS://example.org"),
        http("HTTPS://example.org/", None)
    );
    assert_eq!(
        resolve(base, "mailto:a@b"),
        Target::Other("mailto:a@b".into())
    );
    assert_eq!(
        resolve(base, "data:image/png;base64,AA"),
        Target::Other("data:image/png;base64,AA".into())
    );
}
