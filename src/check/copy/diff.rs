//! From autocorrect's answer to what the writer reads: autocorrect gives a line as written and
//! as it should be, without naming the rule; this module finds the smallest spans that differ
//! and says, from the shape of each change, what is wrong, the fix, and which autocorrect rule
//! asks for it (so the hint can say how a site turns that rule off).

use crate::front_matter::CopyRule;
use crate::i18n::{Message, msg};

/// One change: the characters `start..end` of the line (none for an insertion) become `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    /// First character replaced (0-based, in characters).
    pub(super) start: usize,
    /// One past the last character replaced.
    pub(super) end: usize,
    /// What replaces them.
    pub(super) with: String,
}

/// The most edits (characters inserted or deleted) a line is diffed for; beyond it the line's
/// differing middle is one change. autocorrect changes a few characters per mistake.
const MAX_EDITS: usize = 256;

/// One step of an edit script.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edit {
    Keep,
    Delete,
    Insert(char),
}

/// The changes that turn `old` into `new`, in order: the fewest characters deleted and
/// inserted (Myers' diff, in O((N + M) D) time for D edits), grouped into runs.
pub(super) fn changes(old: &[char], new: &[char]) -> Vec<Change> {
    let prefix = old.iter().zip(new).take_while(|(x, y)| x == y).count();
    let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
    let suffix = (old_rest.iter().rev())
        .zip(new_rest.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (
        &old_rest[..old_rest.len() - suffix],
        &new_rest[..new_rest.len() - suffix],
    );
    if a.is_empty() && b.is_empty() {
        return Vec::new();
    }
    let Some(script) = edit_script(a, b) else {
        return vec![Change {
            start: prefix,
            end: prefix + a.len(),
            with: b.iter().collect(),
        }];
    };
    let mut found: Vec<Change> = Vec::new();
    let mut i = prefix;
    let mut open: Option<Change> = None;
    for edit in script {
        match edit {
            Edit::Keep => {
                found.extend(open.take());
                i += 1;
            }
            Edit::Delete => {
                open.get_or_insert_with(|| Change {
                    start: i,
                    end: i,
                    with: String::new(),
                })
                .end += 1;
                i += 1;
            }
            Edit::Insert(c) => open
                .get_or_insert_with(|| Change {
                    start: i,
                    end: i,
                    with: String::new(),
                })
                .with
                .push(c),
        }
    }
    found.extend(open);
    found
}

/// Myers' shortest edit script from `a` to `b`, or `None` beyond [`MAX_EDITS`] edits.
fn edit_script(a: &[char], b: &[char]) -> Option<Vec<Edit>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = MAX_EDITS.min(a.len() + b.len()) as isize;
    let offset = max + 1;
    let at = |k: isize| (k + offset) as usize;
    let mut v = vec![0isize; 2 * max as usize + 3];
    let mut trace = Vec::new();
    for d in 0..=max {
        trace.push(v.clone());
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                (x, y) = (x + 1, y + 1);
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, b, n, m, at));
            }
        }
    }
    None
}

/// Walks the trace of [`edit_script`] back from the end.
fn backtrack(
    trace: &[Vec<isize>],
    b: &[char],
    n: isize,
    m: isize,
    at: impl Fn(isize) -> usize,
) -> Vec<Edit> {
    let (mut x, mut y) = (n, m);
    let mut script = Vec::new();
    for (d, v) in trace.iter().enumerate().rev() {
        let (d, k) = (d as isize, x - y);
        let previous = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let previous_x = v[at(previous)];
        let previous_y = previous_x - previous;
        while x > previous_x && y > previous_y {
            script.push(Edit::Keep);
            (x, y) = (x - 1, y - 1);
        }
        if d > 0 {
            if x == previous_x {
                script.push(Edit::Insert(b[(y - 1) as usize]));
                y -= 1;
            } else {
                script.push(Edit::Delete);
                x -= 1;
            }
        }
    }
    script.reverse();
    script
}

/// Joins changes of spacing around one word or number (`使用Rust工具` -> `使用 Rust 工具`,
/// `共有9家`): one mistake, one warning.
pub(super) fn join_around_words(changes: Vec<Change>, old: &[char]) -> Vec<Change> {
    let mut joined: Vec<Change> = Vec::with_capacity(changes.len());
    for change in changes {
        if let Some(last) = joined.last_mut() {
            let gap = &old[last.end..change.start];
            let spacing = |c: &Change, line: &[char]| {
                c.with.trim().is_empty() && line[c.start..c.end].iter().all(|c| c.is_whitespace())
            };
            if spacing(last, old)
                && spacing(&change, old)
                && !gap.is_empty()
                && gap.len() <= 16
                && gap
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%'))
            {
                last.with.extend(gap);
                last.with.push_str(&change.with);
                last.end = change.end;
                continue;
            }
        }
        joined.push(change);
    }
    joined
}

/// What is wrong and the fix, for a change of `line` (the text as written), and the rule that
/// asks for it when its shape says so.
pub(super) fn explain(line: &[char], change: &Change) -> (Message, Option<CopyRule>) {
    let removed: String = line[change.start..change.end].iter().collect();
    let with = change.with.as_str();
    let before = change.start.checked_sub(1).map(|i| line[i]);
    let after = line.get(change.end).copied();
    let fix = shown(line, change);
    let words = |s: &str| s.split_whitespace().collect::<String>();
    if words(&removed) == words(with) && with.len() > removed.len() {
        // Spaces added: around `removed` (a word) or between `before` and `after`.
        let other = if removed.is_empty() {
            [before, after].into_iter().flatten().find(|c| !is_han(*c))
        } else {
            removed.chars().next()
        };
        let what = match other {
            Some(c) if c.is_ascii_digit() => msg!("copy-what-number"),
            Some(c) if c.is_ascii_alphabetic() => msg!("copy-what-latin"),
            Some(c) => msg!("copy-what-char", char = c.to_string()),
            None => msg!("copy-what-next-word"),
        };
        let rule = other.and_then(|c| space_rule(c, before, after));
        let message = match other {
            // Chinese text takes full-width brackets; autocorrect asks for a space instead.
            Some(c @ ('(' | ')')) if removed.is_empty() => msg!(
                "copy-half-width-bracket",
                char = c.to_string(),
                full = if c == '(' { "（" } else { "）" },
                fix = fix.as_str()
            ),
            _ => msg!("copy-no-space", what = what, fix = fix.as_str()),
        };
        return (message, rule);
    }
    if words(&removed) == words(with) {
        // Spaces removed beside a full-width mark.
        let mark = [before, after]
            .into_iter()
            .flatten()
            .find(|c| is_fullwidth_mark(*c));
        let quote = [before, after]
            .into_iter()
            .flatten()
            .find(|c| matches!(c, '“' | '”' | '‘' | '’'));
        let (message, rule) = match (quote, mark) {
            (Some(q), _) => (
                msg!(
                    "copy-space-beside-quote",
                    mark = q.to_string(),
                    fix = fix.as_str()
                ),
                Some(CopyRule::NoSpaceFullwidthQuote),
            ),
            (None, Some(m)) => (
                msg!(
                    "copy-space-beside-mark",
                    mark = m.to_string(),
                    fix = fix.as_str()
                ),
                Some(CopyRule::NoSpaceFullwidth),
            ),
            (None, None) => (msg!("copy-space-too-many", fix = fix.as_str()), None),
        };
        return (message, rule);
    }
    let half = removed.trim();
    if half.chars().count() == 1 && half.is_ascii() && with.chars().count() == 1 {
        let between = before.is_some_and(is_han) && after.is_some_and(is_han);
        let message = match between {
            true => msg!("copy-half-width-between", half = half, with = with),
            false => msg!("copy-half-width-in", half = half, with = with),
        };
        return (message, Some(CopyRule::Fullwidth));
    }
    if !removed.is_empty() && removed.chars().all(is_fullwidth_alphanumeric) {
        let message = msg!(
            "copy-full-width-letters",
            removed = removed.as_str(),
            with = with
        );
        return (message, Some(CopyRule::HalfwidthWord));
    }
    if !with.is_empty() && with.is_ascii() && removed.chars().all(is_fullwidth_mark) {
        let message = msg!(
            "copy-full-width-in-english",
            removed = removed.as_str(),
            with = with
        );
        return (message, Some(CopyRule::HalfwidthPunctuation));
    }
    let written = shown(
        line,
        &Change {
            with: removed.clone(),
            ..change.clone()
        },
    );
    (
        msg!("copy-write-for", fix = fix.as_str(), written = written),
        None,
    )
}

/// The autocorrect rule that puts a space between Chinese text and `c` (which is `before` or
/// `after` the place).
fn space_rule(c: char, before: Option<char>, after: Option<char>) -> Option<CopyRule> {
    let digit_after = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
    match c {
        c if c.is_ascii_alphanumeric() || matches!(c, '%' | '#') => Some(CopyRule::SpaceWord),
        '-' | '+' if digit_after(after) => Some(CopyRule::SpaceWord),
        '+' if before.is_some_and(|b| b.is_ascii_alphanumeric()) => Some(CopyRule::SpaceWord),
        '(' | ')' | '[' | ']' => Some(CopyRule::SpaceBracket),
        '`' => Some(CopyRule::SpaceBackticks),
        '-' => Some(CopyRule::SpaceDash),
        '+' | '|' | '!' => Some(CopyRule::SpacePunctuation),
        _ => None,
    }
}

/// The change in its words: on each side a whole Latin word or number, or up to three other
/// characters, with the replacement in place.
fn shown(line: &[char], change: &Change) -> String {
    let side = |chars: &mut dyn Iterator<Item = &char>| -> Vec<char> {
        let mut chars = chars.take_while(|c| !c.is_whitespace()).peekable();
        let word = chars.peek().is_some_and(|c| c.is_ascii_alphanumeric());
        if word {
            chars
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%'))
                .take(16)
                .copied()
                .collect()
        } else {
            // Up to a Latin word or number, which is a word of its own.
            chars
                .take_while(|c| !c.is_ascii_alphanumeric())
                .take(3)
                .copied()
                .collect()
        }
    };
    let mut before = side(&mut line[..change.start].iter().rev());
    before.reverse();
    let after = side(&mut line[change.end..].iter());
    let mut shown: String = before.into_iter().collect();
    shown.push_str(&change.with);
    shown.extend(after);
    shown
}

/// A Chinese character (Han ideographs, and 〇).
pub(super) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
}

/// Full-width punctuation (CJK symbols and punctuation, full-width forms), curly quotes.
fn is_fullwidth_mark(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x2018..=0x201D)
        || (matches!(c as u32, 0xFF01..=0xFF60) && !is_fullwidth_alphanumeric(c))
}

fn is_fullwidth_alphanumeric(c: char) -> bool {
    matches!(c as u32, 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each change of `old` -> `new` explained: (column, message, rule).
    fn explained(old: &str, new: &str) -> Vec<(usize, String, Option<&'static str>)> {
        let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
        join_around_words(changes(&old, &new), &old)
            .iter()
            .map(|c| {
                let (message, rule) = explain(&old, c);
                (c.start + 1, message.to_string(), rule.map(CopyRule::name))
            })
            .collect()
    }

    #[test]
    fn changes_are_the_smallest_spans() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let change = |start, end, with: &str| Change {
            start,
            end,
            with: with.to_owned(),
        };
        assert_eq!(
            changes(&chars("中文,中文"), &chars("中文，中文")),
            [change(2, 3, "，")]
        );
        assert_eq!(changes(&chars("a"), &chars("abc")), [change(1, 1, "bc")]);
        assert_eq!(changes(&chars("abc"), &chars("")), [change(0, 3, "")]);
        assert_eq!(changes(&chars("同"), &chars("同")), []);
        assert_eq!(
            changes(&chars("号ＡＢＣ１２３，中"), &chars("号ABC123，中")),
            [change(1, 7, "ABC123")]
        );
        assert_eq!(
            changes(&chars("共有9家,成员"), &chars("共有 9 家，成员")),
            [change(2, 2, " "), change(3, 3, " "), change(4, 5, "，")]
        );
        let commas = |n: usize| -> (Vec<char>, Vec<char>) {
            (chars(&"中,".repeat(n)), chars(&"中，".repeat(n)))
        };
        let (old, new) = commas(100);
        assert_eq!(changes(&old, &new).len(), 100);
        let (old, new) = commas(400);
        let beyond = changes(&old, &new);
        assert_eq!(beyond.len(), 1, "one change beyond the edit budget");
        assert_eq!((beyond[0].start, beyond[0].end), (1, 800));
    }

    #[test]
    fn each_kind_of_change_is_explained_with_its_rule() {
        let cases = [
            (
                "使用Rust工具",
                "使用 Rust 工具",
                (
                    3,
                    "no space between Chinese text and Latin text: write `使用 Rust 工具`",
                    Some("space-word"),
                ),
            ),
            (
                "共有9家单位",
                "共有 9 家单位",
                (
                    3,
                    "no space between Chinese text and a number: write `共有 9 家单位`",
                    Some("space-word"),
                ),
            ),
            (
                "中文,中文",
                "中文，中文",
                (
                    3,
                    "half-width `,` between Chinese characters: write `，`",
                    Some("fullwidth"),
                ),
            ),
            (
                "结束了.",
                "结束了。",
                (
                    4,
                    "half-width `.` in Chinese text: write `。`",
                    Some("fullwidth"),
                ),
            ),
            (
                "应用， 与",
                "应用，与",
                (
                    4,
                    "a space beside the full-width `，`: write `应用，与`",
                    Some("no-space-fullwidth"),
                ),
            ),
            (
                "中文 “引号”",
                "中文“引号”",
                (
                    3,
                    "a space beside the quotation mark `“`: write `中文“引号`",
                    Some("no-space-fullwidth-quote"),
                ),
            ),
            (
                "8月",
                "8 月",
                (
                    2,
                    "no space between Chinese text and a number: write `8 月`",
                    Some("space-word"),
                ),
            ),
            (
                "中文(注释)",
                "中文 (注释)",
                (
                    3,
                    "half-width `(` next to Chinese text: write `（` (or, as autocorrect asks, `中文 (注释`)",
                    Some("space-bracket"),
                ),
            ),
            (
                "型号ＡＢＣ",
                "型号ABC",
                (
                    3,
                    "full-width letters or digits `ＡＢＣ`: write `ABC`",
                    Some("halfwidth-word"),
                ),
            ),
        ];
        let two = explained("8月27日", "8 月 27 日");
        let messages: Vec<&str> = two.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "no space between Chinese text and a number: write `8 月`",
                "no space between Chinese text and a number: write `月 27 日`"
            ]
        );
        for (old, new, (column, message, rule)) in cases {
            assert_eq!(
                explained(old, new),
                [(column, message.to_owned(), rule)],
                "{old} -> {new}"
            );
        }
    }
}
