//! How numbers and durations are written for people, and read back from them.

use crate::error::EngineError;

/// The mean Gregorian year, seconds (365.2425 days): the unit of very long durations.
const YEAR: f64 = 365.2425 * 86_400.0;

const UNITS: [(&str, f64); 4] = [("d", 86_400.0), ("h", 3_600.0), ("m", 60.0), ("s", 1.0)];

/// A duration in seconds written for reading: `43m 12s`, `8h 45m 57s`, `4.3s`, `864ms`.
///
/// Conventions: from one minute up, whole seconds (rounded) split into d/h/m/s from the
/// largest non-zero unit to the smallest non-zero one; under a minute, seconds with
/// one decimal; under a second, whole milliseconds; from 100 years (of 365.2425 days)
/// up, whole years, as [`number`] writes them. Negative values get a minus sign;
/// NaN and infinities are written as `—` so nothing unreadable reaches the screen.
///
/// # Examples
/// ```
/// use slo_engine::notation::human_duration;
/// assert_eq!(human_duration(2_592.0), "43m 12s");
/// assert_eq!(human_duration(31_556.952), "8h 45m 57s");
/// assert_eq!(human_duration(0.864), "864ms");
/// assert_eq!(human_duration(86_400.0), "1d");
/// ```
pub fn human_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "—".to_owned();
    }
    if seconds < 0.0 {
        return format!("-{}", human_duration(-seconds));
    }
    if seconds == 0.0 {
        return "0s".to_owned();
    }
    if seconds < 0.9995 {
        return format!("{}ms", trim_decimals((seconds * 1000.0).round().max(1.0), 0));
    }
    if seconds < 59.95 {
        return format!("{}s", trim_decimals(seconds, 1));
    }
    if seconds >= 100.0 * YEAR {
        return format!("{} years", number((seconds / YEAR).round()));
    }
    let mut rest = seconds.round();
    let parts: Vec<(u64, &str)> = UNITS
        .iter()
        .map(|&(unit, size)| {
            let count = (rest / size).floor();
            rest -= count * size;
            (count as u64, unit)
        })
        .collect();
    let first = parts.iter().position(|p| p.0 > 0).unwrap_or(3);
    let last = parts.iter().rposition(|p| p.0 > 0).unwrap_or(3);
    parts[first..=last]
        .iter()
        .map(|(count, unit)| format!("{count}{unit}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a duration typed by a person, in seconds.
///
/// Accepts a plain number of seconds (`2592`, `0.5`) or a sequence of numbers with
/// units `d`, `h`, `m`, `s`, `ms` (`43m 12s`, `1h30m`, `1.5h`, `2 d`). Case and spaces
/// are ignored; a decimal comma is read as a point.
///
/// # Errors
/// [`EngineError::UnreadableDuration`] for anything else (including an empty text),
/// [`EngineError::NotFinite`] for numbers too large to represent.
pub fn parse_duration(text: &str) -> Result<f64, EngineError> {
    let unreadable = || EngineError::UnreadableDuration {
        text: text.chars().take(40).collect(),
    };
    let cleaned: String = text
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(unreadable());
    }
    if let Ok(seconds) = cleaned.parse::<f64>() {
        return crate::error::finite(seconds, "duration");
    }
    let mut total = 0.0;
    let mut rest = cleaned.as_str();
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(unreadable)?;
        // ASCII digits and letters: the splits fall on character boundaries.
        let (number, after) = rest.split_at_checked(number_len).ok_or_else(unreadable)?;
        let number = number.parse::<f64>().map_err(|_| unreadable())?;
        let unit_len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at_checked(unit_len).ok_or_else(unreadable)?;
        let size = match unit {
            "d" => 86_400.0,
            "h" => 3_600.0,
            "m" | "min" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return Err(unreadable()),
        };
        total += number * size;
        rest = after;
    }
    crate::error::finite(total, "duration")
}

/// A number with at most `decimals` decimals, trailing zeros trimmed, and thousands
/// grouped with commas: `2592000.0` → `2,592,000`, `0.0010` → `0.001`.
/// Non-finite values are written as `—`.
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = trim_decimals(value, decimals);
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (int_part, frac_part) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped_int = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped_int.push(',');
        }
        grouped_int.push(c);
    }
    match frac_part {
        Some(f) => format!("{sign}{grouped_int}.{f}"),
        None => format!("{sign}{grouped_int}"),
    }
}

/// A number with at most `decimals` decimals and trailing zeros trimmed, no grouping:
/// the form used in `data-` attributes and in links. Non-finite values give `—`.
pub fn trim_decimals(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.*}", decimals, value);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text
    }
}

/// A percentage with enough decimals to tell targets apart, trimmed: `99.9`, `99.95`,
/// `99.9999`. Up to 6 decimals, and more (up to 12) where a value within a millionth of
/// a percent of 0 % or 100 % needs them to keep its first significant digit: 99.9999999
/// is not 100.
pub fn percent(value: f64) -> String {
    let distance = value.min(100.0 - value);
    let decimals = if distance > 0.0 && distance < 1e-6 {
        (-distance.log10()).ceil() as usize
    } else {
        6
    };
    trim_decimals(value, decimals.clamp(6, 12))
}

/// An availability in percent written next to its target (both in percent): with the
/// target's decimals and two more (`99.918` against 99.9, not `99.917519`), and more
/// where fewer would put it on the other side of the target or on it: 99.8996 against
/// 99.9 is `99.8996`, never `99.9`. At most 12 decimals.
pub fn percent_against(value: f64, target: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let target_decimals = percent(target).split_once('.').map_or(0, |(_, f)| f.len());
    let side = |v: f64| v.partial_cmp(&target);
    let mut decimals = target_decimals + 2;
    while decimals < 12 {
        let shown: f64 = trim_decimals(value, decimals).parse().unwrap_or(value);
        if side(shown) == side(value) {
            break;
        }
        decimals += 1;
    }
    trim_decimals(value, decimals)
}

/// A number for a sentence: grouped with up to 6 decimals (`1,234.5`), and beyond
/// 10¹⁵ or under 10⁻⁶ (0 aside) as a power of ten with three significant digits
/// (`1 × 10³⁰⁸`), never as `1e308` nor as 309 digits. Non-finite values give `—`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let magnitude = value.abs();
    if magnitude < 1e15 && (magnitude >= 1e-6 || magnitude == 0.0) {
        return grouped(value, 6);
    }
    power_of_ten(value, 3)
}

/// A fitted coefficient for a sentence: four significant digits, and under 0.001 as a
/// power of ten (`7.689 × 10⁻⁴`, `0.02671`), never as `7.689e-4`.
pub fn coefficient(value: f64) -> String {
    if value != 0.0 && value.is_finite() && value.abs() < 0.001 {
        return power_of_ten(value, 4);
    }
    let decimals = if value == 0.0 || !value.is_finite() {
        0
    } else {
        (3 - value.abs().log10().floor() as i64).clamp(0, 6) as usize
    };
    grouped(value, decimals)
}

/// `value` as a power of ten with `digits` significant digits, trailing zeros trimmed:
/// `1.23 × 10³⁰⁸`.
fn power_of_ten(value: f64, digits: usize) -> String {
    // Rust writes `{:e}` exactly rounded: "1.23e308", "-4.5e-7".
    let scientific = format!("{value:.*e}", digits - 1);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let exponent: String = exponent
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect();
    format!("{mantissa} × 10{exponent}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_availability_keeps_the_digits_that_compare_it_with_its_target() {
        assert_eq!(percent_against(99.917_519, 99.9), "99.918");
        assert_eq!(percent_against(99.899_6, 99.9), "99.8996");
        assert_eq!(percent_against(99.900_04, 99.9), "99.90004");
        assert_eq!(percent_against(99.9, 99.9), "99.9");
        assert_eq!(percent_against(100.0, 99.95), "100");
        assert_eq!(percent_against(98.123_456, 99.0), "98.12");
    }

    #[test]
    fn numbers_read_right_at_their_extremes() {
        let cases: [(&str, String, &str); 14] = [
            ("target near 100", percent(99.999_999_9), "99.9999999"),
            ("tiny share", percent(0.000_001), "0.000001"),
            ("tinier share", percent(0.000_000_01), "0.00000001"),
            ("ordinary target", percent(99.9), "99.9"),
            ("float noise", percent(99.899_999_999_999_99), "99.9"),
            ("whole", percent(100.0), "100"),
            ("nothing", percent(0.0), "0"),
            ("largest double", number(1e308), "1 × 10³⁰⁸"),
            ("tiny", number(-4.56e-7), "-4.56 × 10⁻⁷"),
            ("ordinary", number(1_234.5), "1,234.5"),
            (
                "just under the limit",
                number(999_999_999_999_999.0),
                "999,999,999,999,999",
            ),
            ("zero", number(0.0), "0"),
            (
                "a billion years of seconds",
                human_duration(1e308),
                "3.17 × 10³⁰⁰ years",
            ),
            ("31,689 years", human_duration(1e12), "31,689 years"),
        ];
        for (what, got, want) in cases {
            assert_eq!(got, want, "{what}");
        }
        // Under 100 years, days and smaller units as before.
        assert_eq!(human_duration(99.0 * YEAR), "36159d 0h 10m 48s");
    }

    #[test]
    fn durations_are_written_with_their_largest_units() {
        let cases = [
            (0.0, "0s"),
            (0.0004, "1ms"),
            (0.5, "500ms"),
            (1.0, "1s"),
            (4.32, "4.3s"),
            (59.9, "59.9s"),
            (59.96, "1m"),
            (60.0, "1m"),
            (3_605.0, "1h 0m 5s"),
            (7_200.0, "2h"),
            (100_000.0, "1d 3h 46m 40s"),
            (-90.0, "-1m 30s"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(human_duration(seconds), expected, "for {seconds} s");
        }
        assert_eq!(human_duration(f64::NAN), "—");
    }

    #[test]
    fn durations_are_read_back() {
        let cases = [
            ("2592", 2_592.0),
            ("43m 12s", 2_592.0),
            ("1h30m", 5_400.0),
            ("1.5h", 5_400.0),
            ("2 D", 172_800.0),
            ("864ms", 0.864),
            ("0,5", 0.5),
            ("10min", 600.0),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_duration(text).unwrap(), expected, "for {text:?}");
        }
        for bad in ["", "abc", "12x", "h", "1..2h", "1e999", "5 q"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(grouped(2_592_000.0, 0), "2,592,000");
        assert_eq!(grouped(-1_234.5, 2), "-1,234.5");
        assert_eq!(grouped(999.0, 3), "999");
        assert_eq!(trim_decimals(0.0010, 4), "0.001");
        assert_eq!(trim_decimals(-0.00001, 3), "0");
        assert_eq!(percent(99.95), "99.95");
    }
}
