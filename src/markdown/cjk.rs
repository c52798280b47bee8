//! Character classes for Chinese, Japanese and Korean text, shared by the emphasis pass (a CJK
//! character next to a `*` run counts as a boundary) and the line-break pass (a soft break
//! between two CJK characters that are written without spaces is dropped).

/// A CJK character in the sense of the CJK-friendly amendments (East Asian Width W/F/H, or
/// Hangul), approximated by block ranges. Curly quotes `“”‘’` are *not* CJK (their width is
/// ambiguous), which is what makes `获得**“优秀”**等次` work.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'       // Hangul Jamo (leading consonants)
        | '\u{2E80}'..='\u{303E}'     // radicals, Kangxi, CJK symbols and punctuation
        | '\u{3041}'..='\u{33FF}'     // kana, Bopomofo, Hangul compatibility, enclosed, compat
        | '\u{3400}'..='\u{4DBF}'     // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
        | '\u{A000}'..='\u{A4CF}'     // Yi
        | '\u{A960}'..='\u{A97F}'     // Hangul Jamo extended A
        | '\u{AC00}'..='\u{D7FF}'     // Hangul syllables, Jamo extended B
        | '\u{F900}'..='\u{FAFF}'     // CJK compatibility ideographs
        | '\u{FE10}'..='\u{FE19}'     // vertical forms
        | '\u{FE30}'..='\u{FE6F}'     // CJK compatibility forms, small forms
        | '\u{FF00}'..='\u{FF60}'     // fullwidth forms
        | '\u{FFE0}'..='\u{FFE6}'     // fullwidth signs
        | '\u{1B000}'..='\u{1B2FF}'   // kana supplements, Nushu
        | '\u{20000}'..='\u{3FFFD}'   // CJK extensions B and later
    )
}

/// Hangul letters: CJK for emphasis, but Korean separates words with spaces.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}')
}

/// CJK text that is written without spaces, so a line break inside it means nothing.
pub(super) fn joins_without_space(c: char) -> bool {
    is_cjk(c) && !is_hangul(c)
}
