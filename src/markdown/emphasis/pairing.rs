//! The pairing half of the emphasis pass: CommonMark's "process emphasis" algorithm over the
//! `*` delimiter runs of each inline parent, with the flanking rules of the CommonMark
//! CJK-friendly amendments. Input: the pieces and runs `super` split the events into; output:
//! each [`Run`] annotated with the emphasis and strong matches it opens and closes.

use std::ops::Range;

use pulldown_cmark::Event;

use super::Piece;
use crate::markdown::cjk::is_cjk;

/// CommonMark's "Unicode punctuation" (punctuation or symbol), approximated without Unicode
/// tables as "neither a letter, a digit, whitespace nor a control character".
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || !(c.is_alphanumeric() || c.is_whitespace() || c.is_control())
}

/// Punctuation that does not count as CJK (e.g. `“”`, `.`, `(`).
fn is_non_cjk_punctuation(c: char) -> bool {
    is_punctuation(c) && !is_cjk(c)
}

/// Whitespace for flanking purposes; the start or end of the text (`None`) counts as whitespace.
fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// CJK-friendly left-flanking test for a delimiter run between `prev` and `next`.
fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok =
        |p: Option<char>| is_space(p) || p.is_some_and(|p| is_non_cjk_punctuation(p) || is_cjk(p));
    !is_space(next) && (next.is_some_and(|n| !is_non_cjk_punctuation(n)) || prev_ok(prev))
}

/// CJK-friendly right-flanking test: the mirror image of [`left_flanking`].
fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    left_flanking(next, prev)
}

/// A maximal run of unescaped `*` in the source, and what we matched it with.
#[derive(Debug)]
pub(super) struct Run {
    pub(super) range: Range<usize>,
    can_open: bool,
    can_close: bool,
    /// Delimiters not yet used by a match.
    pub(super) left: usize,
    /// Sizes (1 = emphasis, 2 = strong) of matches where this run closes, innermost first.
    pub(super) closes: Vec<usize>,
    /// Sizes of matches where this run opens, innermost first.
    pub(super) opens: Vec<usize>,
}

impl Run {
    pub(super) fn new(range: Range<usize>, source: &str) -> Run {
        let prev = source[..range.start].chars().next_back();
        let next = source[range.end..].chars().next();
        let left = range.len();
        let (can_open, can_close) = (left_flanking(prev, next), right_flanking(prev, next));
        Run {
            range,
            can_open,
            can_close,
            left,
            closes: Vec::new(),
            opens: Vec::new(),
        }
    }

    fn both(&self) -> bool {
        self.can_open && self.can_close
    }
}

/// The open delimiter runs of one inline parent, with CommonMark's "openers bottom" per
/// (closer length mod 3, closer can open) so failed searches are not repeated (linear time).
#[derive(Default)]
struct Frame {
    openers: Vec<usize>,
    bottom: [[usize; 2]; 3],
}

impl Frame {
    /// Drops the openers from `len` on; bottoms above the new top would skip later openers.
    fn truncate(&mut self, len: usize) {
        self.openers.truncate(len);
        self.bottom
            .iter_mut()
            .flatten()
            .for_each(|bottom| *bottom = (*bottom).min(len));
    }
}

/// Matches runs as CommonMark's "process emphasis" does, separately within each parent element.
pub(super) fn match_runs(pieces: &[Piece], runs: &mut [Run]) {
    let mut frames = vec![Frame::default()];
    for piece in pieces {
        match piece {
            Piece::Event((Event::Start(_), _)) => frames.push(Frame::default()),
            Piece::Event((Event::End(_), _)) => {
                frames.pop();
            }
            Piece::Run(index) => {
                if let Some(frame) = frames.last_mut() {
                    match_closer(frame, runs, *index);
                }
            }
            Piece::Event(_) => {}
        }
    }
}

/// Uses run `c` as a closer against the frame's openers, then keeps it as an opener if it can.
fn match_closer(frame: &mut Frame, runs: &mut [Run], c: usize) {
    while runs[c].can_close && runs[c].left > 0 {
        let class = (runs[c].range.len() % 3, usize::from(runs[c].can_open));
        let bottom = frame.bottom[class.0][class.1];
        let found = (bottom..frame.openers.len())
            .rev()
            .find(|&j| compatible(&runs[frame.openers[j]], &runs[c]));
        let Some(j) = found else {
            frame.bottom[class.0][class.1] = frame.openers.len();
            break;
        };
        let o = frame.openers[j];
        let size = if runs[o].left >= 2 && runs[c].left >= 2 {
            2
        } else {
            1
        };
        runs[o].left -= size;
        runs[o].opens.push(size);
        runs[c].left -= size;
        runs[c].closes.push(size);
        frame.truncate(if runs[o].left == 0 { j } else { j + 1 });
    }
    if runs[c].can_open && runs[c].left > 0 {
        frame.openers.push(c);
    }
}

/// CommonMark's "rule of 3" for runs that can both open and close.
fn compatible(opener: &Run, closer: &Run) -> bool {
    let (a, b) = (opener.range.len(), closer.range.len());
    !((opener.both() || closer.both()) && (a + b) % 3 == 0 && !(a % 3 == 0 && b % 3 == 0))
}
