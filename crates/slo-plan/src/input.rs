//! Reading what a person typed into a field. Each reader returns a value the plan
//! accepts, or a message saying what is wrong and what is allowed.

use super::model::{service_name_ok, MAX_SERVICE_NAME_CHARS};
use slo_engine::window::MAX_ROLLING_DAYS;
use slo_engine::{LatencyThreshold, Target, Timeslice, Traffic};

/// A number as people type it: spaces, a trailing `%`, thousands separators `_` or
/// `'`, and a decimal comma (when there is no point) are accepted.
pub(super) fn number(text: &str, what: &str, example: &str) -> Result<f64, String> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\'')
        .collect();
    let cleaned = if cleaned.contains('.') {
        cleaned.replace(',', "")
    } else {
        cleaned.replace(',', ".")
    };
    if cleaned.is_empty() {
        return Err(format!("Enter the {what}, e.g. {example}."));
    }
    match cleaned.parse::<f64>().ok() {
        Some(value) if value.is_finite() => Ok(value),
        _ => Err(format!(
            "\"{}\" is not a number. Enter the {what} as a number, e.g. {example}.",
            text.trim().chars().take(24).collect::<String>()
        )),
    }
}

/// An SLO target in percent, e.g. `99.95` or `99.95%`.
///
/// # Errors
/// A message for non-numbers and for targets outside (0 %, 100 %).
pub fn target_percent(text: &str) -> Result<f64, String> {
    let percent = number(text, "target in percent", "99.9")?;
    Target::from_percent(percent)
        .map(Target::percent)
        .map_err(|e| e.to_string())
}

/// A rolling window length in whole days.
///
/// # Errors
/// A message for non-integers and lengths outside 1 to 400 days.
pub fn rolling_days(text: &str) -> Result<u32, String> {
    let days = number(text, "window length in days", "30")?;
    if days.fract() != 0.0 || days < 1.0 || days > f64::from(MAX_ROLLING_DAYS) {
        return Err(format!(
            "A rolling window is a whole number of days from 1 to {MAX_ROLLING_DAYS} (got {}).",
            days
        ));
    }
    Ok(days as u32)
}

/// A traffic rate (the unit is chosen beside the field).
///
/// # Errors
/// A message for non-numbers and rates that are not positive.
pub fn traffic_rate(text: &str, per_day: bool) -> Result<f64, String> {
    let value = number(text, "traffic", "120")?;
    let checked = if per_day {
        Traffic::per_day(value)
    } else {
        Traffic::per_second(value)
    };
    checked.map(|_| value).map_err(|e| e.to_string())
}

/// A latency threshold in milliseconds.
///
/// # Errors
/// A message for non-numbers and thresholds outside (0, 1 h].
pub fn latency_threshold_ms(text: &str) -> Result<f64, String> {
    let ms = number(
        text.trim().strip_suffix("ms").unwrap_or(text.trim()),
        "threshold in milliseconds",
        "300",
    )?;
    LatencyThreshold::from_millis(ms)
        .map(LatencyThreshold::millis)
        .map_err(|e| e.to_string())
}

/// A downtime: seconds, or units such as `43m 12s`.
///
/// # Errors
/// A message for unreadable or negative durations.
pub fn downtime_seconds(text: &str) -> Result<f64, String> {
    let seconds = slo_engine::notation::parse_duration(text).map_err(|e| e.to_string())?;
    if seconds < 0.0 {
        return Err(format!("A downtime cannot be negative (got {} s).", seconds));
    }
    Ok(seconds)
}

/// A timeslice length: seconds or units (`1m`, `30s`).
///
/// # Errors
/// A message for unreadable lengths or lengths outside 1 s to 1 h.
pub fn slice_seconds(text: &str) -> Result<f64, String> {
    let seconds = slo_engine::notation::parse_duration(text).map_err(|e| e.to_string())?;
    Timeslice::new(seconds, 0.0)
        .map(Timeslice::seconds)
        .map_err(|e| e.to_string())
}

/// The error rate above which a timeslice is bad, in percent.
///
/// # Errors
/// A message for non-numbers and values outside 0 % to 100 % (exclusive).
pub fn slice_error_percent(text: &str) -> Result<f64, String> {
    let p = number(text, "error rate in percent", "1")?;
    Timeslice::new(60.0, p / 100.0)
        .map(|_| p)
        .map_err(|e| e.to_string())
}

/// A service name.
///
/// # Errors
/// A message for names that are too long or contain control characters.
pub fn service_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if service_name_ok(name) {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "A service name is at most {MAX_SERVICE_NAME_CHARS} characters, without control characters."
        ))
    }
}

/// An SLO's name: 1 to 80 characters, without control characters.
///
/// # Errors
/// What is allowed, when the text is empty, too long or has control characters.
pub fn slo_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if !name.is_empty() && service_name_ok(name) {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "An SLO's name is 1 to {MAX_SERVICE_NAME_CHARS} characters, without control characters, e.g. \"latency\"."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_and_amounts() {
        assert_eq!(currency(" eur "), Ok("EUR".to_owned()));
        assert!(currency("euro").unwrap_err().contains("three letters"));
        assert_eq!(amount("12.5"), Ok(12.5));
        assert!(amount("-3").unwrap_err().contains("from 0 to"));
        assert!(amount("lots").is_err());
    }

    #[test]
    fn an_slo_needs_a_name() {
        assert_eq!(slo_name("  latency "), Ok("latency".to_owned()));
        assert!(slo_name("   ")
            .unwrap_err()
            .starts_with("An SLO's name is 1 to 80"));
        assert!(slo_name(&"x".repeat(81)).is_err());
    }

    #[test]
    fn targets_as_people_type_them() {
        assert_eq!(target_percent("99.9"), Ok(99.9));
        assert_eq!(target_percent(" 99.95 % "), Ok(99.95));
        assert_eq!(target_percent("99,5"), Ok(99.5));
        assert!(target_percent("100").unwrap_err().contains("below 100%"));
        assert!(target_percent("abc").unwrap_err().contains("not a number"));
        assert!(target_percent("").unwrap_err().contains("Enter the target"));
        assert!(target_percent("NaN").is_err());
        assert!(target_percent("inf").is_err());
    }

    #[test]
    fn other_fields() {
        assert_eq!(rolling_days("28"), Ok(28));
        assert!(rolling_days("2.5").is_err());
        assert!(rolling_days("0").is_err());
        assert_eq!(traffic_rate("1,200.5", false), Ok(1200.5));
        assert!(traffic_rate("0", false).is_err());
        assert_eq!(latency_threshold_ms("300ms"), Ok(300.0));
        assert_eq!(downtime_seconds("1h"), Ok(3600.0));
        assert!(downtime_seconds("-5").is_err());
        assert!(service_name(&"x".repeat(200)).is_err());
    }
}

/// A date and time in UTC, e.g. `2026-11-16T09:30`; returns the canonical ISO form.
///
/// # Errors
/// A message for unreadable or impossible dates.
pub fn instant(text: &str) -> Result<String, String> {
    slo_engine::time::Instant::parse(text)
        .map(|t| t.to_string())
        .map_err(|e| e.to_string())
}

/// An incident's duration: seconds or units (`20m`, `1h 30m`), above 0 and at most 400 days.
///
/// # Errors
/// A message for unreadable, zero or too long durations.
pub fn incident_duration(text: &str) -> Result<f64, String> {
    let seconds = slo_engine::notation::parse_duration(text).map_err(|e| e.to_string())?;
    let start = slo_engine::time::Instant::from_unix_seconds(0).map_err(|e| e.to_string())?;
    slo_engine::incident::Incident::new(start, seconds, slo_engine::incident::Impact::Fraction(1.0))
        .map(|_| seconds)
        .map_err(|e| e.to_string())
}

/// An alert tier's short window, which must be shorter than its long window of
/// `long_seconds` (read as [`incident_duration`] reads it).
///
/// # Errors
/// A message naming the long window for a short window that is not shorter, otherwise
/// as [`incident_duration`].
pub fn short_window(text: &str, long_seconds: f64) -> Result<f64, String> {
    let seconds = incident_duration(text)?;
    if seconds < long_seconds {
        Ok(seconds)
    } else {
        Err(format!(
            "The short window must be shorter than this tier's long window ({}).",
            slo_engine::notation::human_duration(long_seconds)
        ))
    }
}

/// An impact in percent of requests or users, above 0 and at most 100.
///
/// # Errors
/// A message for non-numbers and values out of range.
pub fn impact_percent(text: &str) -> Result<f64, String> {
    let p = number(text, "impact in percent", "100")?;
    slo_engine::incident::Impact::percent(p)
        .map(|_| p)
        .map_err(|e| e.to_string())
}

/// A currency: an ISO 4217 code, read in any case (`eur` is `EUR`).
///
/// # Errors
/// A message for anything but three letters.
pub fn currency(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if super::money::currency_ok(&code) {
        Ok(code)
    } else {
        Err("A currency is an ISO 4217 code of three letters, such as USD, EUR or JPY.".to_owned())
    }
}

/// An amount of money, from 0 to 10¹⁵.
///
/// # Errors
/// A message for non-numbers, negative and absurd amounts.
pub fn amount(text: &str) -> Result<f64, String> {
    let a = number(text, "amount", "50")?;
    slo_engine::money::Price::new(
        slo_engine::money::Cost::PerOutageMinute(a),
        slo_engine::Traffic::per_second(1.0).map_err(|e| e.to_string())?,
    )
    .map(|_| a)
    .map_err(|e| e.to_string())
}

/// A count of bad requests.
///
/// # Errors
/// A message for non-numbers and negative or absurd counts.
pub fn bad_requests(text: &str) -> Result<f64, String> {
    let n = number(text, "number of bad requests", "5000")?;
    slo_engine::incident::Impact::bad_events(n)
        .map(|_| n)
        .map_err(|e| e.to_string())
}

/// A share of the budget left, in percent, 0 to 100.
///
/// # Errors
/// A message for non-numbers and values out of range.
pub fn threshold_percent(text: &str) -> Result<f64, String> {
    let p = number(text, "share of the budget left in percent", "25")?;
    slo_engine::policy::Threshold::new(p, "")
        .map(|_| p)
        .map_err(|e| e.to_string())
}

/// A steady error rate in percent, 0 to 100.
///
/// # Errors
/// A message for non-numbers and values out of range.
pub fn error_rate_percent(text: &str) -> Result<f64, String> {
    let p = number(text, "error rate in percent", "0.1")?;
    if (0.0..=100.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("An error rate is between 0% and 100% (got {}%).", p))
    }
}

/// A short text: an incident label or a policy action.
///
/// # Errors
/// A message for texts that are too long or contain control characters.
pub fn short_text(text: &str) -> Result<String, String> {
    service_name(text)
        .map_err(|_| format!("At most {MAX_SERVICE_NAME_CHARS} characters, without control characters."))
}

#[cfg(test)]
mod budget_tests {
    use super::*;

    #[test]
    fn budget_fields() {
        assert_eq!(instant("2026-11-16 09:30"), Ok("2026-11-16T09:30:00Z".to_owned()));
        assert!(instant("yesterday").unwrap_err().contains("not a date"));
        assert_eq!(incident_duration("20m"), Ok(1_200.0));
        assert!(incident_duration("0").is_err());
        assert!(incident_duration("500d").is_err());
        assert_eq!(impact_percent("25%"), Ok(25.0));
        assert!(impact_percent("150").is_err());
        assert!(bad_requests("-3").is_err());
        assert_eq!(threshold_percent("50"), Ok(50.0));
        assert!(threshold_percent("120").is_err());
        assert!(error_rate_percent("101").is_err());
    }
}

/// A burn-rate threshold, above 0.
///
/// # Errors
/// A message for non-numbers and thresholds that are not positive.
pub fn burn_rate(text: &str) -> Result<f64, String> {
    let b = number(text.trim().trim_end_matches(['x', '×']), "burn rate", "14.4")?;
    if b > 0.0 && b <= 1e6 {
        Ok(b)
    } else {
        Err(format!(
            "A burn rate is above 0 (1 spends exactly the budget over the window); got {}.",
            b
        ))
    }
}

/// A share of the budget in percent, above 0 and at most 100.
///
/// # Errors
/// A message for non-numbers and values out of range.
pub fn budget_share_percent(text: &str) -> Result<f64, String> {
    let p = number(text, "share of the budget in percent", "2")?;
    if p > 0.0 && p <= 100.0 {
        Ok(p)
    } else {
        Err(format!(
            "A share of the budget is above 0% and at most 100% (got {}%).",
            p
        ))
    }
}

/// A Prometheus counter selector, e.g. `http_requests_total{code=~"5.."}`.
///
/// # Errors
/// A message for empty, multi-line or too long selectors.
pub fn selector(text: &str) -> Result<String, String> {
    let s = text.trim();
    if crate::alerts::selector_ok(s) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "Enter a counter selector on one line, at most {} characters, e.g. http_requests_total{{code=~\"5..\"}}.",
            crate::alerts::MAX_SELECTOR_CHARS
        ))
    }
}

/// When an incident phase starts, after the incident's start: a duration such as `0`,
/// `10m` or `1h30m`, within 90 days.
///
/// # Errors
/// A message for unreadable durations and starts outside 0 to 90 days.
pub fn phase_start(text: &str) -> Result<f64, String> {
    let seconds = slo_engine::notation::parse_duration(text).map_err(|e| e.to_string())?;
    slo_engine::alert_timeline::Phase::new(seconds, 1.0, 0.0, 0.0)
        .map(|_| seconds)
        .map_err(|_| {
            format!(
                "A phase starts between 0 and 90 days after the incident's start (got {} s).",
                seconds
            )
        })
}

/// How long an incident phase lasts: a duration above 0, at most 90 days.
///
/// # Errors
/// A message for unreadable durations and lengths outside (0, 90 days].
pub fn phase_duration(text: &str) -> Result<f64, String> {
    let seconds = slo_engine::notation::parse_duration(text).map_err(|e| e.to_string())?;
    slo_engine::alert_timeline::Phase::new(0.0, seconds, 0.0, 0.0)
        .map(|_| seconds)
        .map_err(|_| {
            format!(
                "A phase lasts more than 0 s and at most 90 days (got {} s).",
                seconds
            )
        })
}

#[cfg(test)]
mod alert_tests {
    use super::*;

    #[test]
    fn alert_inputs_say_what_is_wrong() {
        assert_eq!(burn_rate("14.4x"), Ok(14.4));
        assert!(burn_rate("0").unwrap_err().contains("above 0"));
        assert_eq!(budget_share_percent("2"), Ok(2.0));
        assert!(budget_share_percent("120").is_err());
        assert_eq!(phase_start("0"), Ok(0.0));
        assert_eq!(phase_start("1h30m"), Ok(5_400.0));
        assert!(phase_start("100d").unwrap_err().contains("90 days"));
        assert!(phase_duration("0").unwrap_err().contains("more than 0"));
        assert!(selector("").is_err());
        assert!(selector("a\nb").is_err());
    }
}

/// A number of the capacity plan, within its [`Range`](super::capacity::Range).
///
/// # Errors
/// A message for non-numbers, fractions where a whole number is needed, and values
/// out of range.
pub fn in_range(text: &str, range: &super::capacity::Range) -> Result<f64, String> {
    let example = slo_engine::notation::trim_decimals(range.min.max(0.0) + 1.0, 0);
    range.check(number(text, range.what, &example)?)
}

#[cfg(test)]
mod capacity_tests {
    use super::*;
    use crate::capacity::{INSTANCES, LOAD, UTILISATION};

    #[test]
    fn capacity_fields() {
        assert_eq!(in_range("1,500.5", &LOAD), Ok(1_500.5));
        assert_eq!(in_range("70 %", &UTILISATION), Ok(70.0));
        assert_eq!(
            in_range("2.5", &INSTANCES),
            Err("The number of instances is a whole number (got 2.5).".to_owned())
        );
        assert!(in_range("lots", &INSTANCES).unwrap_err().contains("not a number"));
        assert!(in_range("0", &LOAD).unwrap_err().contains("above 0"));
        assert!(in_range("101", &UTILISATION).is_err());
    }
}

/// An offset from UTC, in minutes: `+01:00`, `-05:30`, `+2`, `0` or `UTC`, from −14:00
/// to +14:00.
///
/// # Errors
/// What is wrong and what is allowed.
pub fn utc_offset_minutes(text: &str) -> Result<i32, String> {
    let t = text.trim().trim_start_matches("UTC").trim();
    if t.is_empty() || t == "Z" {
        return Ok(0);
    }
    let refuse = || {
        format!("An offset from UTC reads +01:00, -05:30 or +2 (hours), from -14:00 to +14:00; got \u{201c}{}\u{201d}.", text.trim())
    };
    let (sign, rest) = match t.as_bytes()[0] {
        b'-' => (-1, &t[1..]),
        b'+' => (1, &t[1..]),
        _ => (1, t),
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let hours: i32 = hours.trim().parse().map_err(|_| refuse())?;
    let minutes: i32 = minutes.trim().parse().map_err(|_| refuse())?;
    if !(0..60).contains(&minutes) || hours > 14 || (hours == 14 && minutes > 0) {
        return Err(refuse());
    }
    Ok(sign * (hours * 60 + minutes))
}

/// `minutes` from UTC as `+01:00`.
pub fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    #[test]
    fn offsets_read_in_the_forms_people_write_and_refuse_the_rest() {
        assert_eq!(utc_offset_minutes("+01:00"), Ok(60));
        assert_eq!(utc_offset_minutes("-05:30"), Ok(-330));
        assert_eq!(utc_offset_minutes("UTC+2"), Ok(120));
        assert_eq!(utc_offset_minutes(" 0 "), Ok(0));
        assert_eq!(utc_offset_minutes("UTC"), Ok(0));
        for bad in ["+15:00", "+01:75", "east", "+1:x"] {
            assert!(
                utc_offset_minutes(bad).unwrap_err().contains("-14:00 to +14:00"),
                "{bad}"
            );
        }
        assert_eq!(offset_text(-330), "-05:30");
        assert_eq!(offset_text(60), "+01:00");
    }
}
