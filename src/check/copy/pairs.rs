//! Quotation and book-title marks in pairs: “ ” ‘ ’ 《 》 〈 〉 「 」 『 』.
//!
//! autocorrect checks spacing and the width of punctuation, not whether a mark that opens is
//! closed, so this small pass is our own (rule `paired-marks`). It reads one block at a time
//! (a quotation does not run across paragraphs here): a closing mark closes the nearest open
//! mark of its kind, and whatever is left open at the end of the block, or closes nothing, is
//! reported. A `’` right after a Latin letter or digit with no `‘` open is an apostrophe
//! (`it’s`, `workers’`), not a closing mark.

/// The pairs: opening mark, closing mark, and what they enclose.
use crate::i18n::{Message, msg};

const PAIRS: [(char, char, Marks); 6] = [
    ('“', '”', Marks::Quotation),
    ('‘', '’', Marks::Quotation),
    ('《', '》', Marks::Title),
    ('〈', '〉', Marks::Title),
    ('「', '」', Marks::Quotation),
    ('『', '』', Marks::Quotation),
];

/// What a pair of marks encloses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marks {
    /// Quotation marks.
    Quotation,
    /// Book-title marks.
    Title,
}

impl Marks {
    fn what(self) -> Message {
        match self {
            Marks::Quotation => msg!("marks-quotation"),
            Marks::Title => msg!("marks-title"),
        }
    }
}

/// A mark without its partner, at the byte offset the caller gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unpaired {
    /// Where the mark is (as given with the character).
    pub(super) offset: usize,
    /// What is wrong.
    pub(super) message: Message,
    /// What to do.
    pub(super) hint: Message,
}

/// The unpaired marks of one block, whose characters come with their offsets, in order.
pub(super) fn unpaired(chars: impl Iterator<Item = (usize, char)>) -> Vec<Unpaired> {
    let mut open: Vec<(usize, usize)> = Vec::new(); // (offset, index in PAIRS)
    let mut found = Vec::new();
    let mut previous = None;
    for (offset, c) in chars {
        if let Some(kind) = PAIRS.iter().position(|p| p.0 == c) {
            open.push((offset, kind));
        } else if let Some(kind) = PAIRS.iter().position(|p| p.1 == c) {
            match open.iter().rposition(|(_, k)| *k == kind) {
                Some(at) => {
                    found.extend(open.drain(at + 1..).map(|(o, k)| unclosed(o, k)));
                    open.pop();
                }
                None if c == '’' && previous.is_some_and(|p: char| p.is_ascii_alphanumeric()) => {
                }
                None => found.push(unopened(offset, kind)),
            }
        }
        previous = Some(c);
    }
    found.extend(open.into_iter().map(|(o, k)| unclosed(o, k)));
    found.sort_by_key(|u| u.offset);
    found
}

fn unclosed(offset: usize, kind: usize) -> Unpaired {
    let (open, close, what) = PAIRS[kind];
    Unpaired {
        offset,
        message: msg!(
            "copy-unclosed",
            open = open.to_string(),
            close = close.to_string(),
            what = what.what()
        ),
        hint: msg!(
            "hint-copy-unclosed",
            open = open.to_string(),
            close = close.to_string(),
            what = what.what()
        ),
    }
}

fn unopened(offset: usize, kind: usize) -> Unpaired {
    let (open, close, what) = PAIRS[kind];
    Unpaired {
        offset,
        message: msg!(
            "copy-unopened",
            open = open.to_string(),
            close = close.to_string(),
            what = what.what()
        ),
        hint: msg!(
            "hint-copy-unopened",
            open = open.to_string(),
            close = close.to_string(),
            what = what.what()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (character index, first word of the message) of each unpaired mark.
    fn found(text: &str) -> Vec<(usize, char)> {
        unpaired(text.chars().enumerate())
            .iter()
            .map(|u| (u.offset, text.chars().nth(u.offset).unwrap_or('?')))
            .collect()
    }

    #[test]
    fn pairs_nest_and_apostrophes_are_not_marks() {
        assert_eq!(
            found("写进《广东省实施〈工会法〉办法》，获得“优秀”等次"),
            []
        );
        assert_eq!(found("他说：“‘六进’活动”。"), []);
        assert_eq!(found("it’s the workers’ day"), []);
    }

    #[test]
    fn unclosed_and_unopened_marks_are_found() {
        assert_eq!(found("获得“优秀等次"), [(2, '“')]);
        assert_eq!(found("获得优秀”等次"), [(4, '”')]);
        assert_eq!(found("《条例〉"), [(0, '《'), (3, '〉')]);
        assert_eq!(found("“甲“乙"), [(0, '“'), (2, '“')]);
        assert_eq!(found("“甲《乙”"), [(2, '《')]);
    }
}
