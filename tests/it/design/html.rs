//! Tiny HTML helpers to read the built pages (the output is our own, well-formed markup):
//! elements by a marker in their start tag, start tags by name, attributes, `<meta>` and
//! `<link>` values, and the text of a fragment.

/// Every element whose start tag contains `marker`, from `<` to its matching end tag.
pub(super) fn elements<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(marker).map(|i| i + from) {
        from = at + marker.len();
        let start = if marker.starts_with('<') {
            at
        } else {
            let Some(start) = html[..at].rfind('<') else {
                continue;
            };
            start
        };
        let name: String = html[start + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() || html[start..at].contains('>') {
            continue; // the marker is not inside a start tag
        }
        found.push(&html[start..element_end(html, start, &name)]);
    }
    found
}

/// The end (exclusive) of the element starting at `start`, counting nested same-name elements.
fn element_end(html: &str, start: usize, name: &str) -> usize {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let next_open = html[i..].find(&open).map(|p| p + i);
        let next_close = html[i..].find(&close).map(|p| p + i);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let after = html[o + open.len()..].chars().next();
                if matches!(after, Some(' ' | '>' | '\n' | '/')) {
                    depth += 1;
                }
                i = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                i = c + close.len();
                if depth == 0 {
                    return i;
                }
            }
            _ => return html.len(),
        }
    }
}

/// Text of a fragment: tags removed, entities decoded, whitespace collapsed.
pub(super) fn text(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = unescape(&out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&amp;", "&")
}

/// Value of `attr="..."` in the first start tag of `tag` (decoded).
pub(super) fn attr(tag: &str, name: &str) -> Option<String> {
    let end = tag.find('>').unwrap_or(tag.len());
    let head = &tag[..end];
    let needle = format!(" {name}=\"");
    let at = head.find(&needle)? + needle.len();
    let len = head[at..].find('"')?;
    Some(unescape(&head[at..at + len]))
}

/// Start tags `<name ...>` in `html`.
pub(super) fn start_tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(&open).map(|i| i + from) {
        let after = html[at + open.len()..].chars().next();
        let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
        if matches!(after, Some(' ' | '>' | '\n' | '/')) {
            tags.push(&html[at..end]);
        }
        from = end;
    }
    tags
}

/// `<meta property|name="key" content="...">` content.
pub(super) fn meta(html: &str, key: &str) -> Option<String> {
    start_tags(html, "meta").into_iter().find_map(|tag| {
        let k = attr(tag, "property").or_else(|| attr(tag, "name"))?;
        (k == key).then(|| attr(tag, "content")).flatten()
    })
}

pub(super) fn link_href(html: &str, rel: &str) -> Vec<String> {
    start_tags(html, "link")
        .into_iter()
        .filter(|t| attr(t, "rel").as_deref() == Some(rel))
        .filter_map(|t| attr(t, "href"))
        .collect()
}
