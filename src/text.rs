//! Small text helpers shared by stages: character classes, HTML/XML escaping, URL encoding.

/// True for characters a terminal shows two columns wide (CJK ideographs, kana, hangul,
/// CJK punctuation and fullwidth forms).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Escapes text for HTML and XML content and attribute values.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a URL path: keeps unreserved ASCII and `/`, encodes everything else as UTF-8.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Undoes [`escape_xml`].
pub(crate) fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Puts `base_path` in front of a root-relative destination (`/x`, but not `//x` or `/\\x`);
/// other destinations are returned as they are. The one rule for Markdown links and `check`.
pub(crate) fn with_base_path(dest: &str, base_path: &str) -> Option<String> {
    let root_relative =
        dest.starts_with('/') && !dest.starts_with("//") && !dest.starts_with("/\\");
    (root_relative && base_path != "/")
        .then(|| format!("{}{dest}", base_path.trim_end_matches('/')))
}

/// Decodes `%XX` escapes as UTF-8, lossily; a `%` not followed by two hex digits is kept.
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// True when every `%` in `text` starts a `%XX` escape.
pub(crate) fn escapes_are_valid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_paths() {
        assert_eq!(encode_path("/a b/技能/"), "/a%20b/%E6%8A%80%E8%83%BD/");
        assert_eq!(encode_path("/skills/"), "/skills/");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_xml("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn wide_characters() {
        assert!(is_wide('优'));
        assert!(is_wide('，'));
        assert!(!is_wide('a'));
    }
}
