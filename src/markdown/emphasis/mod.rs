//! Pass 1: CJK-friendly emphasis. CommonMark's flanking rules leave `获得**“优秀”**等次` as
//! literal asterisks, because `**` between `”` and `等` is not right-flanking. pulldown-cmark
//! 0.13.6 has no option for this (upstream added one after 0.13), so we redo the `*` emphasis
//! ourselves: the `*` emphasis pulldown-cmark built is dissolved back into delimiter runs,
//! together with the unescaped `*` it left as text, and the runs of each inline parent are
//! paired again (`pairing`) with CommonMark's "process emphasis" algorithm, using the flanking
//! rules of the "CommonMark CJK-friendly amendments" (github.com/tats-u/markdown-cjk-friendly):
//! a CJK character next to a delimiter run counts as a boundary, as a space or punctuation
//! would. Text without CJK characters therefore renders exactly as CommonMark says (a unit test
//! compares random inputs with pulldown-cmark). Code spans, code blocks, autolinks and image alt
//! text are never touched; links, strikethrough and `_` emphasis are kept as pulldown-cmark
//! parsed them (`_` keeps the strict rules) and bound the pairing like any parent element.
//!
//! Input and output: the `(event, source range)` pairs of the whole document.

mod pairing;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use self::pairing::{Run, match_runs};
use super::Spanned;

/// An event, or a literal `*` run (an index into the runs) that may become emphasis.
enum Piece<'a> {
    Event(Spanned<'a>),
    Run(usize),
}

/// Re-pairs every `*` delimiter run using the CJK-friendly flanking rules and turns the pairs
/// into `Emphasis`/`Strong` events (see the module docs).
pub(super) fn pair_cjk_emphasis<'a>(events: Vec<Spanned<'a>>, source: &'a str) -> Vec<Spanned<'a>> {
    if !has_star_next_to_non_ascii(source) {
        // The amended flanking rules differ from CommonMark's only for a run with a CJK
        // character beside it, so pulldown-cmark's pairing already stands.
        return events;
    }
    let (pieces, runs) = split_runs(events, source);
    let mut runs: Vec<Run> = runs
        .into_iter()
        .map(|range| Run::new(range, source))
        .collect();
    match_runs(&pieces, &mut runs);
    expand_runs(pieces, &runs, source)
}

/// Whether some run of `*` has a non-ASCII character right before or after it.
fn has_star_next_to_non_ascii(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'*') {
        let start = at + found;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b'*').count();
        let before = start.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| !b.is_ascii()) || bytes.get(end).is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        at = end;
    }
    false
}

/// Whether `*` runs inside this element may become emphasis.
fn allows_emphasis(tag: &Tag) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. } | Tag::MetadataBlock(_) => false,
        Tag::Link { link_type, .. } => !matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => true,
    }
}

/// Splits text events into plain text and unescaped `*` runs, and dissolves the `*` emphasis
/// pulldown-cmark built back into runs; returns the runs as source ranges (adjacent ones merged).
fn split_runs<'a>(
    events: Vec<Spanned<'a>>,
    source: &'a str,
) -> (Vec<Piece<'a>>, Vec<Range<usize>>) {
    let mut pieces = Vec::with_capacity(events.len());
    let mut runs = Vec::new();
    let mut allowed = vec![true];
    for (event, range) in events {
        let here = *allowed.last().unwrap_or(&true);
        if let Some(delimiters) = star_delimiters(&event, &range, source).filter(|_| here) {
            push_run(delimiters, &mut pieces, &mut runs);
            continue;
        }
        match &event {
            Event::Start(tag) => allowed.push(here && allows_emphasis(tag)),
            Event::End(_) => {
                allowed.pop();
            }
            Event::Text(text)
                if here && text.contains('*') && source.get(range.clone()) == Some(&**text) =>
            {
                split_text(range, source, &mut pieces, &mut runs);
                continue;
            }
            _ => {}
        }
        pieces.push(Piece::Event((event, range)));
    }
    (pieces, runs)
}

/// The source range of the `*` delimiters of an emphasis start or end event, if it uses `*`.
fn star_delimiters(event: &Event, range: &Range<usize>, source: &str) -> Option<Range<usize>> {
    let delimiters = match event {
        Event::Start(Tag::Strong) => range.start..range.start + 2,
        Event::Start(Tag::Emphasis) => range.start..range.start + 1,
        Event::End(TagEnd::Strong) => range.end.checked_sub(2)?..range.end,
        Event::End(TagEnd::Emphasis) => range.end.checked_sub(1)?..range.end,
        _ => return None,
    };
    let is_stars = source.get(delimiters.clone())?.bytes().all(|b| b == b'*');
    is_stars.then_some(delimiters)
}

/// Adds a `*` run, merging it with the previous piece if that is a run ending where it starts.
fn push_run(delimiters: Range<usize>, pieces: &mut Vec<Piece>, runs: &mut Vec<Range<usize>>) {
    match (pieces.last(), runs.last_mut()) {
        (Some(Piece::Run(_)), Some(run)) if run.end == delimiters.start => run.end = delimiters.end,
        _ => {
            pieces.push(Piece::Run(runs.len()));
            runs.push(delimiters);
        }
    }
}

/// Splits one verbatim text event (`range` of `source`) into text pieces and `*` runs.
fn split_text<'a>(
    range: Range<usize>,
    source: &'a str,
    pieces: &mut Vec<Piece<'a>>,
    runs: &mut Vec<Range<usize>>,
) {
    let bytes = source.as_bytes();
    let mut start = range.start;
    for pos in range.clone() {
        if bytes[pos] != b'*' || is_escaped(bytes, pos) {
            continue;
        }
        if start < pos {
            pieces.push(Piece::Event((
                Event::Text(CowStr::Borrowed(&source[start..pos])),
                start..pos,
            )));
        }
        start = pos + 1;
        push_run(pos..pos + 1, pieces, runs);
    }
    if start < range.end {
        pieces.push(Piece::Event((
            Event::Text(CowStr::Borrowed(&source[start..range.end])),
            start..range.end,
        )));
    }
}

/// Whether the byte at `pos` is preceded by an odd number of backslashes.
fn is_escaped(bytes: &[u8], pos: usize) -> bool {
    bytes[..pos]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

/// Replaces each run by its closing tags, its unused `*` as text, then its opening tags.
fn expand_runs<'a>(pieces: Vec<Piece<'a>>, runs: &[Run], source: &'a str) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(pieces.len() + runs.len());
    for piece in pieces {
        let run = match piece {
            Piece::Event(event) => {
                out.push(event);
                continue;
            }
            Piece::Run(index) => &runs[index],
        };
        let mut pos = run.range.start;
        for &size in &run.closes {
            out.push((
                Event::End(if size == 2 {
                    TagEnd::Strong
                } else {
                    TagEnd::Emphasis
                }),
                pos..pos + size,
            ));
            pos += size;
        }
        let literal_end = pos + run.left;
        if run.left > 0 {
            out.push((
                Event::Text(CowStr::Borrowed(&source[pos..literal_end])),
                pos..literal_end,
            ));
        }
        pos = literal_end;
        for &size in run.opens.iter().rev() {
            out.push((
                Event::Start(if size == 2 {
                    Tag::Strong
                } else {
                    Tag::Emphasis
                }),
                pos..pos + size,
            ));
            pos += size;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use crate::markdown::tests::check_html;
    use crate::markdown::{options, render};

    #[test]
    fn emphasis_next_to_chinese_punctuation() {
        check_html(&[
            ("**优秀**。", "<p><strong>优秀</strong>。</p>"),
            ("**“优秀”等次**", "<p><strong>“优秀”等次</strong></p>"),
            (
                "这是**“优秀”等次**",
                "<p>这是<strong>“优秀”等次</strong></p>",
            ),
            (
                "连续3年获得**“优秀”**等次",
                "<p>连续3年获得<strong>“优秀”</strong>等次</p>",
            ),
            ("*强调*，", "<p><em>强调</em>，</p>"),
            (
                "获评**“优秀”**等次，**连续三次**。",
                "<p>获评<strong>“优秀”</strong>等次，<strong>连续三次</strong>。</p>",
            ),
            (
                "**“优秀”**等次**很好**",
                "<p><strong>“优秀”</strong>等次<strong>很好</strong></p>",
            ),
            (
                "**该星号不会被识别，而是直接显示。**这是因为",
                "<p><strong>该星号不会被识别，而是直接显示。</strong>这是因为</p>",
            ),
            ("他说*“好”*了", "<p>他说<em>“好”</em>了</p>"),
            (
                "| 列 |\n|---|\n| 获得**“优秀”**等次 |",
                "<table><thead><tr><th>列</th></tr></thead><tbody>\n<tr><td>获得<strong>“优秀”</strong>等次</td></tr>\n</tbody></table>",
            ),
            (
                "[获得**“优秀”**等次](/a/)",
                "<p><a href=\"/a/\">获得<strong>“优秀”</strong>等次</a></p>",
            ),
        ]);
    }

    #[test]
    fn asterisks_that_are_not_emphasis_stay_literal() {
        check_html(&[
            ("`a**“b”**c`", "<p><code>a**“b”**c</code></p>"),
            (
                "```\n获得**“优秀”**等次\n```",
                "<pre><code>获得**“优秀”**等次\n</code></pre>",
            ),
            (
                "    获得**“优秀”**等次",
                "<pre><code>获得**“优秀”**等次</code></pre>",
            ),
            ("获得\\*\\*“优秀”\\*\\*等次", "<p>获得**“优秀”**等次</p>"),
            (
                "获得&#42;&#42;“优秀”&#42;&#42;等次",
                "<p>获得**“优秀”**等次</p>",
            ),
            (
                "<http://example.com/**“a”**b>",
                "<p><a href=\"http://example.com/**%E2%80%9Ca%E2%80%9D**b\">http://example.com/**“a”**b</a></p>",
            ),
            (
                "![获得**“优秀”**等次](/a.png)",
                "<p><img src=\"/a.png\" alt=\"获得**“优秀”**等次\" decoding=\"async\" /></p>",
            ),
            ("5 * 3 = 15 **", "<p>5 * 3 = 15 **</p>"),
            (
                "English **“quoted”**text",
                "<p>English **“quoted”**text</p>",
            ),
        ]);
    }

    /// A small deterministic generator, so the test needs no extra crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// For ASCII text the CJK-friendly rules are CommonMark's rules, so re-pairing `*` runs must
    /// give exactly what pulldown-cmark gives on its own.
    #[test]
    fn emphasis_matches_commonmark_on_ascii_text() {
        const ALPHABET: &[u8] = b"***__a b.,\\`[]()!~\n";
        const ITER: usize = 20_000;
        const LEN: u64 = 24;
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..ITER {
            let len = (rng.next() % LEN) as usize;
            let input: String = (0..len)
                .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize] as char)
                .collect();
            // Images are written by our images pass (sizes, lazy loading, figures) in both.
            let events = Parser::new_ext(&input, options())
                .into_offset_iter()
                .collect();
            let events = crate::markdown::images::write_images(events, &[]);
            let mut expected = String::new();
            pulldown_cmark::html::push_html(&mut expected, events.into_iter().map(|(e, _)| e));
            assert_eq!(render(&input, "/").html, expected, "input: {input:?}");
        }
    }

    /// Random Chinese-looking text never panics and never produces unbalanced emphasis tags.
    #[test]
    fn emphasis_on_random_cjk_text_is_balanced() {
        const ALPHABET: &[char] = &[
            '*', '*', '*', '“', '”', '优', '秀', '，', '。', 'a', ' ', '\n', '`', '_', '[', ']',
            '(', ')', '\\',
        ];
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let len = (rng.next() % 24) as usize;
            let input: String = (0..len)
                .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
                .collect();
            let html = render(&input, "/").html;
            for (open, close) in [("<strong>", "</strong>"), ("<em>", "</em>")] {
                assert_eq!(
                    html.matches(open).count(),
                    html.matches(close).count(),
                    "input: {input:?}\n{html}"
                );
            }
        }
    }
}
