//! Figures: the typed numbers of the content model, and how a Chinese reader expects to see them.
//!
//! Pure functions only. [`display`] turns a value, qualifier and wording into the text the
//! report uses: 15000 + more_than -> `1.5万余`, 250000000 + over/超过 -> `超过2.5亿`.

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
}

impl Qualifier {
    /// Every qualifier's name as written in front matter.
    pub const NAMES: &'static [&'static str] = &[
        "exact",
        "over",
        "more_than",
        "nearly",
        "about",
        "first",
        "in_a_row",
        "rank",
        "ordinal",
    ];

    /// The words the report may use for this qualifier; the first is the default.
    pub fn wordings(self) -> &'static [&'static str] {
        match self {
            Qualifier::Exact => &[""],
            Qualifier::Over => &["超", "超过"],
            Qualifier::MoreThan => &["余", "多"],
            Qualifier::Nearly => &["近", "将近"],
            Qualifier::About => &["上", "约"],
            Qualifier::First => &["首"],
            Qualifier::InARow => &["连续"],
            Qualifier::Rank | Qualifier::Ordinal => &["第"],
        }
    }

    /// Parses a qualifier name.
    pub fn from_name(name: &str) -> Option<Qualifier> {
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
pub struct BadWording {
    /// The accepted words.
    pub accepted: &'static [&'static str],
}

/// Returns the wording to use: the given one if the qualifier accepts it, else the default.
pub fn resolve_wording(
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

/// The number with its qualifier, without the unit: `1.5万余`, `超过2.5亿`, `首`, `第一`.
pub fn display(value: f64, qualifier: Qualifier, wording: &str, numerals: Numerals) -> String {
    let number = || format_number(value, numerals);
    match qualifier {
        Qualifier::Exact => number(),
        Qualifier::Over | Qualifier::About => match round_magnitude(value) {
            Some(word) => format!("{wording}{word}"),
            None => format!("{wording}{}", number()),
        },
        Qualifier::MoreThan => more_than(value, wording, numerals),
        Qualifier::Nearly | Qualifier::InARow => format!("{wording}{}", number()),
        Qualifier::First => wording.to_owned(),
        Qualifier::Rank | Qualifier::Ordinal => {
            format!("{wording}{}", format_number(value, Numerals::Hanzi))
        }
    }
}

/// 余 follows the whole number (1.5万余); 多 goes before 万/亿 after a whole mantissa (900多万).
fn more_than(value: f64, wording: &str, numerals: Numerals) -> String {
    let (mantissa, magnitude) = split_magnitude(value);
    let mantissa_text = format_plain(mantissa, numerals);
    if wording == "多" && !magnitude.is_empty() && mantissa.fract() == 0.0 {
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

/// A number the Chinese way: `1043`, `1.12万`, `36.8万`, `2.5亿`.
pub fn format_number(value: f64, numerals: Numerals) -> String {
    let (mantissa, magnitude) = split_magnitude(value);
    format!("{}{magnitude}", format_plain(mantissa, numerals))
}

fn split_magnitude(value: f64) -> (f64, &'static str) {
    if value.abs() >= 1e8 {
        (value / 1e8, "亿")
    } else if value.abs() >= 1e4 {
        (value / 1e4, "万")
    } else {
        (value, "")
    }
}

/// Up to four decimals, trailing zeros trimmed; Chinese numerals for whole numbers 0..=99 if asked.
fn format_plain(value: f64, numerals: Numerals) -> String {
    if numerals == Numerals::Hanzi && value.fract() == 0.0 && (0.0..100.0).contains(&value) {
        return hanzi(value as u32);
    }
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
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
    ];

    #[test]
    fn display_table() {
        for (value, qualifier, wording, numerals, unit, expected) in TABLE {
            let wording = resolve_wording(*qualifier, *wording).expect("wording in table is valid");
            let got = format!("{}{unit}", display(*value, *qualifier, wording, *numerals));
            assert_eq!(&got, expected, "{value} {qualifier:?} {wording}");
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
