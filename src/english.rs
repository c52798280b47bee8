//! Figures the English way: `over 15,000`, `more than 9 million`, `the first`, `4th`,
//! `3 years in a row`, with thousands separators.
//!
//! Pure functions, the English counterpart of [`crate::figures::display`]: a translated page
//! shows its original's figures (one value, typed once) in English words. As in Chinese, no
//! digit is dropped: `million` and `billion` are used only when the number is whole in them to
//! two decimals (9000000 -> `9 million`, 1234567 -> `1,234,567`).

use crate::figures::{Qualifier, decimal, shift_point};

/// The number with its qualifier, without the unit: `over 15,000`, `more than 9 million`,
/// `the first`, `4th`, `up 12.3`.
pub(crate) fn display(value: f64, qualifier: Qualifier, wording: &str) -> String {
    let n = || number(value);
    match qualifier {
        Qualifier::Exact | Qualifier::InARow | Qualifier::Share => n(),
        // 上百 is "a hundred or more"; 约 is "about".
        Qualifier::About if wording == "上" => format!("over {}", n()),
        Qualifier::Over => format!("over {}", n()),
        Qualifier::MoreThan => format!("more than {}", n()),
        Qualifier::Nearly => format!("nearly {}", n()),
        Qualifier::About => format!("about {}", n()),
        Qualifier::First => "the first".to_owned(),
        Qualifier::Rank | Qualifier::Ordinal => ordinal(value),
        Qualifier::Increase if value < 0.0 => format!("down {}", number(-value)),
        Qualifier::Increase => format!("up {}", n()),
        Qualifier::Decrease => format!("down {}", n()),
    }
}

/// The unit as shown after the number: `years in a row` for a run of `years`, so that a card
/// (number, then unit) reads as the sentence does.
pub(crate) fn unit(unit: &str, qualifier: Qualifier) -> String {
    match qualifier {
        Qualifier::InARow if unit.is_empty() => "in a row".to_owned(),
        Qualifier::InARow => format!("{unit} in a row"),
        _ => unit.to_owned(),
    }
}

/// The figure as a sentence shows it: the display and the unit (`15,000 people`, `45%`,
/// `3 years in a row`). A first or a place shows no unit (`the first`, `4th`).
pub(crate) fn text(display: &str, unit: &str, qualifier: Qualifier) -> String {
    match qualifier {
        Qualifier::First | Qualifier::Rank | Qualifier::Ordinal => display.to_owned(),
        _ if unit.is_empty() => display.to_owned(),
        _ if unit == "%" || unit == "‰" => format!("{display}{unit}"),
        _ => format!("{display} {unit}"),
    }
}

/// A number with thousands separators, or in millions or billions when that keeps every digit
/// within two decimals: `1,043`, `15,000`, `9 million`, `2.5 billion`, `12.35`.
pub(crate) fn number(value: f64) -> String {
    let digits = decimal(value);
    let magnitude = value.abs();
    for (places, word) in [(9, "billion"), (6, "million")] {
        if magnitude >= 10f64.powi(places) {
            let shifted = shift_point(&digits, places as usize);
            let decimals = shifted.split_once('.').map_or(0, |(_, f)| f.len());
            if decimals <= 2 {
                return format!("{} {word}", grouped(&shifted));
            }
        }
    }
    grouped(&digits)
}

/// Commas between groups of three digits of the whole part.
fn grouped(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`.
fn ordinal(value: f64) -> String {
    let n = value.abs().round() as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{}{suffix}", grouped(&n.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    #[test]
    fn english_figures() {
        let cases: &[(f64, Qualifier, &str, &str)] = &[
            (9.0, Exact, "", "9"),
            (15000.0, Over, "", "over 15,000"),
            (
                9_000_000.0,
                MoreThan,
                "people",
                "more than 9 million people",
            ),
            (15000.0, Nearly, "", "nearly 15,000"),
            (250_000_000.0, Over, "yuan", "over 250 million yuan"),
            (1.0, First, "times", "the first"),
            (3.0, InARow, "years", "3 years in a row"),
            (4.0, Rank, "", "4th"),
            (4.0, Ordinal, "", "4th"),
            (1043.0, Exact, "enterprises", "1,043 enterprises"),
            (45.0, Share, "%", "45%"),
            (12.3, Increase, "%", "up 12.3%"),
            (-3.5, Increase, "%", "down 3.5%"),
            (3.5, Decrease, "%", "down 3.5%"),
            (1_234_567_890.0, Exact, "", "1,234,567,890"),
            (2_500_000_000.0, Exact, "", "2.5 billion"),
            (368_000.0, Exact, "", "368,000"),
            (100.0, About, "", "about 100"),
            (0.5, Exact, "", "0.5"),
            (22.0, Rank, "", "22nd"),
            (12.0, Rank, "", "12th"),
        ];
        for (value, qualifier, given, expected) in cases {
            let shown = display(*value, *qualifier, "");
            let unit = unit(given, *qualifier);
            assert_eq!(
                text(&shown, &unit, *qualifier),
                *expected,
                "{value} {qualifier:?}"
            );
        }
        assert_eq!(display(100.0, About, "上"), "over 100");
        assert_eq!(display(100.0, About, "约"), "about 100");
    }
}
