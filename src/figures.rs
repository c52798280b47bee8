//! Figures: the typed numbers of the content model, and how a Chinese reader expects to see them.
//!
//! Pure functions only. [`display`] turns a value, qualifier and wording into the text the
//! report uses: 15000 + more_than -> `1.5万余`, 250000000 + over/超过 -> `超过2.5亿`,
//! 12.3 + increase -> `增长12.3`. [`check_value`] refuses a value its qualifier cannot show
//! honestly (首 of 2, 第1.5, a negative count).
//!
//! Numbers are never rounded: every digit of the value is shown (1234567890 -> `12.3456789亿`).

use crate::i18n::{Message, msg};
use serde::{Deserialize, Serialize};

/// How the report qualifies a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// The number as stated: 1043家.
    Exact,
    /// 超 / 超过: more than the number (超5000份, 超过500万人次).
    Over,
    /// 余 / 多: a little more than the number (1.5万余家, 7800多名).
    MoreThan,
    /// 近: nearly the number (近1.5万家).
    Nearly,
    /// 上 / 约: about the number (上百个).
    About,
    /// 首: the first (首部).
    First,
    /// 连续: in a row (连续3年).
    InARow,
    /// 第: a rank (居全国第一).
    Rank,
    /// 第: an ordinal in a name (第四届).
    Ordinal,
    /// 增长 / 增加 / 提高 / 上升: a rise by the number (同比增长12.3%). The only qualifier that
    /// takes a negative value, written as the report writes it (增长-3.5%).
    Increase,
    /// 下降 / 减少 / 降低: a fall by the number (下降3.5%); the value is the number the report
    /// writes, never negative (the word carries the direction).
    Decrease,
    /// 占比 / 占: a part of a whole (占比45%); with unit `%` at most 100.
    Share,
}

impl Qualifier {
    /// Every qualifier's name as written in front matter.
    pub(crate) const NAMES: &'static [&'static str] = &[
        "exact",
        "over",
        "more_than",
        "nearly",
        "about",
        "first",
        "in_a_row",
        "rank",
        "ordinal",
        "increase",
        "decrease",
        "share",
    ];

    /// The words the report may use for this qualifier; the first is the default.
    pub(crate) fn wordings(self) -> &'static [&'static str] {
        match self {
            Qualifier::Exact => &[""],
            Qualifier::Over => &["超", "超过"],
            Qualifier::MoreThan => &["余", "多"],
            Qualifier::Nearly => &["近", "将近"],
            Qualifier::About => &["上", "约"],
            Qualifier::First => &["首"],
            Qualifier::InARow => &["连续"],
            Qualifier::Rank | Qualifier::Ordinal => &["第"],
            Qualifier::Increase => &["增长", "增加", "提高", "上升"],
            Qualifier::Decrease => &["下降", "减少", "降低"],
            Qualifier::Share => &["占比", "占"],
        }
    }

    /// The qualifier's name as written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::MoreThan => "more_than",
            Qualifier::Nearly => "nearly",
            Qualifier::About => "about",
            Qualifier::First => "first",
            Qualifier::InARow => "in_a_row",
            Qualifier::Rank => "rank",
            Qualifier::Ordinal => "ordinal",
            Qualifier::Increase => "increase",
            Qualifier::Decrease => "decrease",
            Qualifier::Share => "share",
        }
    }

    /// Parses a qualifier name.
    pub(crate) fn from_name(name: &str) -> Option<Qualifier> {
        serde_yaml::from_str(name).ok()
    }
}

/// How digits are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numerals {
    /// 0-9 (the default).
    #[default]
    Arabic,
    /// Chinese numerals for small whole numbers: 六大行动, 十大专项.
    Hanzi,
}

/// The wording is not one the qualifier accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadWording {
    /// The accepted words.
    pub(crate) accepted: &'static [&'static str],
}

/// Returns the wording to use: the given one if the qualifier accepts it, else the default.
pub(crate) fn resolve_wording(
    qualifier: Qualifier,
    wording: Option<&str>,
) -> Result<&'static str, BadWording> {
    let accepted = qualifier.wordings();
    match wording {
        None => Ok(accepted[0]),
        Some(w) => accepted
            .iter()
            .copied()
            .find(|a| *a == w)
            .ok_or(BadWording { accepted }),
    }
}

/// The largest whole number an `f64` holds exactly (2^53); larger values are refused.
pub(crate) const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// A value its qualifier cannot show without losing or changing what the report says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadValue {
    /// NaN or infinite.
    NotANumber,
    /// Beyond 2^53 (`MAX_EXACT`): the digits would not be kept.
    TooLarge,
    /// Negative with a qualifier other than `increase`.
    Negative,
    /// `first` (首) with a value other than 1.
    FirstNotOne,
    /// `rank` or `ordinal` with a value that is not a whole number from 1.
    NotAPlace,
    /// `share` of more than 100%.
    ShareOver100,
}

impl BadValue {
    /// What is wrong with figure `id`'s `value`, in plain words.
    pub(crate) fn message(self, id: &str, value: f64, qualifier: Qualifier) -> Message {
        let (name, value) = (qualifier.name(), value.to_string());
        match self {
            BadValue::NotANumber => msg!("bad-value-not-a-number", id = id, value = value),
            BadValue::TooLarge => msg!(
                "bad-value-too-large",
                id = id,
                value = value,
                max = MAX_EXACT.to_string()
            ),
            BadValue::Negative if qualifier == Qualifier::Decrease => {
                msg!("bad-value-negative-decrease", id = id, value = value)
            }
            BadValue::Negative => {
                msg!(
                    "bad-value-negative",
                    id = id,
                    value = value,
                    qualifier = name
                )
            }
            BadValue::FirstNotOne => msg!("bad-value-first-not-one", id = id, value = value),
            BadValue::NotAPlace => {
                msg!(
                    "bad-value-not-a-place",
                    id = id,
                    value = value,
                    qualifier = name
                )
            }
            BadValue::ShareOver100 => msg!("bad-value-share-over-100", id = id, value = value),
        }
    }

    /// What to write instead.
    pub(crate) fn hint(self, value: f64, qualifier: Qualifier) -> Message {
        match self {
            BadValue::NotANumber => msg!("hint-bad-value-not-a-number"),
            BadValue::TooLarge => msg!("hint-bad-value-too-large"),
            BadValue::Negative if qualifier == Qualifier::Decrease => {
                msg!(
                    "hint-bad-value-negative-decrease",
                    value = (-value).to_string()
                )
            }
            BadValue::Negative => msg!("hint-bad-value-negative"),
            BadValue::FirstNotOne => msg!("hint-bad-value-first-not-one"),
            BadValue::NotAPlace => msg!("hint-bad-value-not-a-place"),
            BadValue::ShareOver100 => msg!("hint-bad-value-share-over-100"),
        }
    }
}

/// Checks that `value` can be shown with `qualifier` and `unit` as the report states it.
pub(crate) fn check_value(value: f64, qualifier: Qualifier, unit: &str) -> Result<(), BadValue> {
    if !value.is_finite() {
        return Err(BadValue::NotANumber);
    }
    if value.abs() > MAX_EXACT {
        return Err(BadValue::TooLarge);
    }
    if value < 0.0 && qualifier != Qualifier::Increase {
        return Err(BadValue::Negative);
    }
    match qualifier {
        Qualifier::First if value != 1.0 => Err(BadValue::FirstNotOne),
        Qualifier::Rank | Qualifier::Ordinal if value.fract() != 0.0 || value < 1.0 => {
            Err(BadValue::NotAPlace)
        }
        Qualifier::Share if unit == "%" && value > 100.0 => Err(BadValue::ShareOver100),
        _ => Ok(()),
    }
}

/// The number with its qualifier, without the unit: `1.5万余`, `超过2.5亿`, `首`, `第一`,
/// `增长12.3`.
pub(crate) fn display(
    value: f64,
    qualifier: Qualifier,
    wording: &str,
    numerals: Numerals,
) -> String {
    let number = || format_number(value, numerals);
    match qualifier {
        Qualifier::Exact => number(),
        Qualifier::Over | Qualifier::About => match round_magnitude(value) {
            Some(word) => format!("{wording}{word}"),
            None => format!("{wording}{}", number()),
        },
        Qualifier::MoreThan => more_than(value, wording, numerals),
        Qualifier::Nearly
        | Qualifier::InARow
        | Qualifier::Increase
        | Qualifier::Decrease
        | Qualifier::Share => format!("{wording}{}", number()),
        Qualifier::First => wording.to_owned(),
        Qualifier::Rank | Qualifier::Ordinal => {
            format!("{wording}{}", format_number(value, Numerals::Hanzi))
        }
    }
}

/// 余 follows the whole number (1.5万余); 多 goes before 万/亿 after a whole mantissa (900多万).
fn more_than(value: f64, wording: &str, numerals: Numerals) -> String {
    let (mantissa, magnitude) = split_magnitude(value);
    let whole = !mantissa.contains('.');
    let mantissa_text = format_plain(&mantissa, numerals);
    if wording == "多" && !magnitude.is_empty() && whole {
        format!("{mantissa_text}多{magnitude}")
    } else {
        format!("{mantissa_text}{magnitude}{wording}")
    }
}

/// 百, 千, 万, 亿 for exactly 100, 1000, 10000, 100000000 (超万场, 上百个, 超百项).
fn round_magnitude(value: f64) -> Option<&'static str> {
    [(100.0, "百"), (1000.0, "千"), (1e4, "万"), (1e8, "亿")]
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, word)| *word)
}

/// A number the Chinese way, every digit kept: `1043`, `1.12万`, `36.8万`, `12.3456789亿`.
pub(crate) fn format_number(value: f64, numerals: Numerals) -> String {
    let (mantissa, magnitude) = split_magnitude(value);
    format!("{}{magnitude}", format_plain(&mantissa, numerals))
}

/// The value in 万 or 亿 as decimal text. The point is moved in the text, not by dividing, so
/// no binary noise can appear (11200 -> `1.12`, never `1.1200000000000001`).
fn split_magnitude(value: f64) -> (String, &'static str) {
    let digits = decimal(value);
    if value.abs() >= 1e8 {
        (shift_point(&digits, 8), "亿")
    } else if value.abs() >= 1e4 {
        (shift_point(&digits, 4), "万")
    } else {
        (digits, "")
    }
}

/// The shortest decimal that reads back as `value` (Rust's `Display` for `f64`, which never uses
/// an exponent): exact for every whole number up to 2^53 and for every decimal as written in
/// YAML (`0.1` -> `0.1`). `-0` is `0`.
pub(crate) fn decimal(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    value.to_string()
}

/// Divides a decimal text by 10^`places` by moving its point; trailing zeros are trimmed.
pub(crate) fn shift_point(text: &str, places: usize) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = format!("{int:0>width$}", width = places + 1);
    let (head, moved) = int.split_at(int.len() - places);
    let head = match head.trim_start_matches('0') {
        "" => "0",
        h => h,
    };
    let frac = format!("{moved}{frac}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{head}")
    } else {
        format!("{sign}{head}.{frac}")
    }
}

/// The decimal text as shown; Chinese numerals for whole numbers 0..=99 if asked.
fn format_plain(text: &str, numerals: Numerals) -> String {
    if numerals == Numerals::Hanzi
        && let Ok(n) = text.parse::<u32>()
        && n < 100
    {
        return hanzi(n);
    }
    text.to_owned()
}

fn hanzi(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    match (tens, ones) {
        (0, o) => DIGITS[o].to_owned(),
        (1, 0) => "十".to_owned(),
        (1, o) => format!("十{}", DIGITS[o]),
        (t, 0) => format!("{}十", DIGITS[t]),
        (t, o) => format!("{}十{}", DIGITS[t], DIGITS[o]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    /// (value, qualifier, wording, numerals, unit, expected text)
    type Row = (
        f64,
        Qualifier,
        Option<&'static str>,
        Numerals,
        &'static str,
        &'static str,
    );

    const TABLE: &[Row] = &[
        (1043.0, Exact, None, Numerals::Arabic, "家", "1043家"),
        (368000.0, Exact, None, Numerals::Arabic, "人", "36.8万人"),
        (11200.0, Exact, None, Numerals::Arabic, "份", "1.12万份"),
        (1670000.0, Exact, None, Numerals::Arabic, "", "167万"),
        (15000.0, MoreThan, None, Numerals::Arabic, "家", "1.5万余家"),
        (
            9000000.0,
            MoreThan,
            Some("多"),
            Numerals::Arabic,
            "人",
            "900多万人",
        ),
        (
            7800.0,
            MoreThan,
            Some("多"),
            Numerals::Arabic,
            "名",
            "7800多名",
        ),
        (4900.0, MoreThan, None, Numerals::Arabic, "件", "4900余件"),
        (
            250000000.0,
            Over,
            Some("超过"),
            Numerals::Arabic,
            "元",
            "超过2.5亿元",
        ),
        (250000000.0, Over, None, Numerals::Arabic, "", "超2.5亿"),
        (
            5000000.0,
            Over,
            Some("超过"),
            Numerals::Arabic,
            "人次",
            "超过500万人次",
        ),
        (10000.0, Over, None, Numerals::Arabic, "场", "超万场"),
        (100.0, Over, None, Numerals::Arabic, "项", "超百项"),
        (5000.0, Over, None, Numerals::Arabic, "份", "超5000份"),
        (15000.0, Nearly, None, Numerals::Arabic, "家", "近1.5万家"),
        (100.0, About, None, Numerals::Arabic, "个", "上百个"),
        (1.0, First, None, Numerals::Arabic, "部", "首部"),
        (3.0, InARow, None, Numerals::Arabic, "年", "连续3年"),
        (1.0, Rank, None, Numerals::Arabic, "", "第一"),
        (4.0, Ordinal, None, Numerals::Arabic, "届", "第四届"),
        (6.0, Exact, None, Numerals::Hanzi, "大行动", "六大行动"),
        (10.0, Exact, None, Numerals::Hanzi, "大", "十大"),
        (0.5, Exact, None, Numerals::Arabic, "", "0.5"),
        // Every digit is kept: nothing is rounded silently.
        (
            1234567890.0,
            Exact,
            None,
            Numerals::Arabic,
            "",
            "12.3456789亿",
        ),
        (
            123456789.0,
            Exact,
            None,
            Numerals::Arabic,
            "人",
            "1.23456789亿人",
        ),
        (
            100000001.0,
            Exact,
            None,
            Numerals::Arabic,
            "",
            "1.00000001亿",
        ),
        (10001.0, Exact, None, Numerals::Arabic, "", "1.0001万"),
        (11200.5, Exact, None, Numerals::Arabic, "份", "1.12005万份"),
        (0.12345, Exact, None, Numerals::Arabic, "", "0.12345"),
        (
            9007199254740992.0,
            Exact,
            None,
            Numerals::Arabic,
            "",
            "90071992.54740992亿",
        ),
        (
            12345.0,
            MoreThan,
            None,
            Numerals::Arabic,
            "家",
            "1.2345万余家",
        ),
        (
            250012345.0,
            Over,
            Some("超过"),
            Numerals::Arabic,
            "元",
            "超过2.50012345亿元",
        ),
        // Changes and shares: wording, number, unit.
        (12.3, Increase, None, Numerals::Arabic, "%", "增长12.3%"),
        (-3.5, Increase, None, Numerals::Arabic, "%", "增长-3.5%"),
        (
            12000.0,
            Increase,
            Some("增加"),
            Numerals::Arabic,
            "人",
            "增加1.2万人",
        ),
        (3.5, Decrease, None, Numerals::Arabic, "%", "下降3.5%"),
        (
            8.0,
            Decrease,
            Some("降低"),
            Numerals::Arabic,
            "个百分点",
            "降低8个百分点",
        ),
        (45.0, Share, None, Numerals::Arabic, "%", "占比45%"),
        (60.5, Share, Some("占"), Numerals::Arabic, "%", "占60.5%"),
    ];

    #[test]
    fn display_table() {
        for (value, qualifier, wording, numerals, unit, expected) in TABLE {
            let wording = resolve_wording(*qualifier, *wording).expect("wording in table is valid");
            let got = format!("{}{unit}", display(*value, *qualifier, wording, *numerals));
            assert_eq!(&got, expected, "{value} {qualifier:?} {wording}");
        }
    }

    /// The Chinese display of a whole number by integer arithmetic only: the reference.
    fn by_integers(n: u64) -> String {
        let (base, word, places) = match n {
            100_000_000.. => (100_000_000, "亿", 8),
            10_000.. => (10_000, "万", 4),
            _ => return n.to_string(),
        };
        let rest = format!("{:0places$}", n % base);
        let rest = rest.trim_end_matches('0');
        if rest.is_empty() {
            format!("{}{word}", n / base)
        } else {
            format!("{}.{rest}{word}", n / base)
        }
    }

    #[test]
    fn whole_numbers_up_to_2_pow_53_are_shown_exactly() {
        let mut samples: Vec<u64> = (0..200_000).step_by(7).collect();
        samples.extend((99_990_000..100_010_000).step_by(13));
        samples.extend([
            11_200,
            368_000,
            1_234_567_890,
            123_456_789_012_345,
            (1 << 53) - 1,
            1 << 53,
        ]);
        for n in samples {
            assert_eq!(
                format_number(n as f64, Numerals::Arabic),
                by_integers(n),
                "{n}"
            );
        }
    }

    #[test]
    fn no_binary_noise() {
        // 1.12 is 1.12000000000000010658... in binary; printing with a fixed precision shows the
        // noise, moving the point in the shortest decimal text does not.
        assert_ne!(format!("{:.17}", 1.12_f64), "1.12000000000000000");
        for (value, shown) in [
            (11200.0, "1.12万"),
            (1.12, "1.12"),
            (0.1 + 0.2, "0.30000000000000004"),
            (0.3, "0.3"),
            (36.8, "36.8"),
            (-35000.0, "-3.5万"),
            (-0.0, "0"),
        ] {
            assert_eq!(format_number(value, Numerals::Arabic), shown, "{value}");
        }
        assert_eq!(shift_point("7", 4), "0.0007");
        assert_eq!(shift_point("12.5", 8), "0.000000125");
        assert_eq!(shift_point("-120000", 4), "-12");
    }

    #[test]
    fn values_their_qualifier_cannot_show() {
        assert_eq!(check_value(1.0, First, "部"), Ok(()));
        assert_eq!(check_value(2.0, First, "部"), Err(BadValue::FirstNotOne));
        assert_eq!(check_value(0.0, First, "部"), Err(BadValue::FirstNotOne));
        assert_eq!(check_value(4.0, Ordinal, "届"), Ok(()));
        assert_eq!(check_value(1.5, Rank, ""), Err(BadValue::NotAPlace));
        assert_eq!(check_value(4.5, Ordinal, "届"), Err(BadValue::NotAPlace));
        assert_eq!(check_value(0.0, Rank, ""), Err(BadValue::NotAPlace));
        assert_eq!(check_value(-3.5, Increase, "%"), Ok(()));
        assert_eq!(check_value(-3.5, Decrease, "%"), Err(BadValue::Negative));
        assert_eq!(check_value(-1.0, Exact, "家"), Err(BadValue::Negative));
        assert_eq!(check_value(-1.0, Rank, ""), Err(BadValue::Negative));
        assert_eq!(check_value(100.0, Share, "%"), Ok(()));
        assert_eq!(check_value(100.5, Share, "%"), Err(BadValue::ShareOver100));
        assert_eq!(
            check_value(150.0, Share, "万人"),
            Ok(()),
            "only % is bounded"
        );
        assert_eq!(check_value(f64::NAN, Exact, ""), Err(BadValue::NotANumber));
        assert_eq!(check_value(MAX_EXACT, Exact, ""), Ok(()));
        assert_eq!(
            check_value(MAX_EXACT * 2.0, Exact, ""),
            Err(BadValue::TooLarge)
        );
        let bad = BadValue::Negative;
        let (message, hint) = (
            bad.message("x", -3.5, Exact).to_string(),
            bad.hint(-3.5, Exact).to_string(),
        );
        assert!(message.contains("only qualifier `increase`"), "{message}");
        assert!(hint.contains("qualifier: decrease"), "{hint}");
        let (message, hint) = (
            bad.message("x", -3.5, Decrease).to_string(),
            bad.hint(-3.5, Decrease).to_string(),
        );
        assert!(message.contains("下降"), "{message}");
        assert!(hint.contains("`value: 3.5`"), "{hint}");
    }

    #[test]
    fn names_match_serde() {
        for name in Qualifier::NAMES {
            let q = Qualifier::from_name(name).expect("known");
            assert_eq!(q.name(), *name);
        }
    }

    #[test]
    fn rejects_foreign_wording() {
        assert!(resolve_wording(Over, Some("余")).is_err());
        assert_eq!(resolve_wording(MoreThan, None), Ok("余"));
    }

    #[test]
    fn hanzi_numerals() {
        assert_eq!(hanzi(21), "二十一");
        assert_eq!(hanzi(12), "十二");
        assert_eq!(hanzi(0), "零");
    }

    #[test]
    fn names_parse() {
        for name in Qualifier::NAMES {
            assert!(Qualifier::from_name(name).is_some(), "{name}");
        }
        assert!(Qualifier::from_name("roughly").is_none());
    }
}
