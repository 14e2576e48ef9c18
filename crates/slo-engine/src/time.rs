//! Instants on the UTC timeline and the calendar arithmetic budgets need.
//!
//! # Conventions
//! Times are UTC, counted in whole seconds since 1970-01-01T00:00:00Z, without leap
//! seconds (POSIX time). Calendar dates follow the proleptic Gregorian calendar; the
//! conversion is the days-from-civil algorithm of H. Hinnant, "chrono-Compatible
//! Low-Level Date Algorithms" (2013).

use crate::bounds::Bounded;
use crate::error::EngineError;
use std::fmt;

/// The earliest instant accepted: 1970-01-01T00:00:00Z.
pub const MIN_UNIX_SECONDS: i64 = 0;
/// The latest instant accepted: 9999-12-31T23:59:59Z.
pub const MAX_UNIX_SECONDS: i64 = 253_402_300_799;
/// The end of the supported range, 10000-01-01T00:00:00Z, one second after the
/// latest instant accepted: a period may end there (calendar year 9999 is whole), and
/// nothing is computed beyond it.
pub const END_UNIX_SECONDS: i64 = MAX_UNIX_SECONDS + 1;

/// A point in time, UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(i64);

/// A calendar date and time of day, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// Year, 1970–9999.
    pub year: i64,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute, 0–59.
    pub minute: u32,
    /// Second, 0–59.
    pub second: u32,
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Instant {
    /// An instant from POSIX seconds.
    ///
    /// # Errors
    /// [`EngineError::TimeOutOfRange`] outside years 1970–9999.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self, EngineError> {
        if (MIN_UNIX_SECONDS..=MAX_UNIX_SECONDS).contains(&seconds) {
            Ok(Instant(seconds))
        } else {
            Err(EngineError::TimeOutOfRange { seconds })
        }
    }

    /// An instant from a calendar date and time, UTC.
    ///
    /// # Errors
    /// [`EngineError::UnreadableTime`] for an impossible date (e.g. 31 April) or time,
    /// [`EngineError::TimeOutOfRange`] outside years 1970–9999.
    pub fn from_civil(c: Civil) -> Result<Self, EngineError> {
        let valid = (1..=12).contains(&c.month)
            && c.day >= 1
            && (1970..=9999).contains(&c.year)
            && c.day <= days_in_month(c.year, c.month)
            && c.hour < 24
            && c.minute < 60
            && c.second < 60;
        if !valid {
            return Err(EngineError::UnreadableTime {
                text: format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                    c.year, c.month, c.day, c.hour, c.minute, c.second
                ),
            });
        }
        let days = days_from_civil(c.year, c.month, c.day);
        Self::from_unix_seconds(
            days * 86_400 + i64::from(c.hour) * 3_600 + i64::from(c.minute) * 60 + i64::from(c.second),
        )
    }

    /// Reads `YYYY-MM-DDTHH:MM[:SS][Z]` (a space may replace the `T`; the time may be
    /// left out for midnight). Times are always UTC; an offset other than `Z` is refused.
    ///
    /// # Errors
    /// [`EngineError::UnreadableTime`] for anything else.
    pub fn parse(text: &str) -> Result<Self, EngineError> {
        let unreadable = || EngineError::UnreadableTime {
            text: text.chars().take(40).collect(),
        };
        let t = text.trim();
        let t = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')).unwrap_or(t);
        let (date, time) = match t.split_once(['T', 't', ' ']) {
            Some((d, tm)) => (d, tm),
            None => (t, "00:00"),
        };
        let number = |s: &str, len: usize| -> Result<i64, EngineError> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| unreadable())
            } else {
                Err(unreadable())
            }
        };
        let mut d = date.split('-');
        let (Some(y), Some(mo), Some(da), None) = (d.next(), d.next(), d.next(), d.next()) else {
            return Err(unreadable());
        };
        let mut tm = time.split(':');
        let (Some(h), Some(mi), s, None) = (tm.next(), tm.next(), tm.next(), tm.next()) else {
            return Err(unreadable());
        };
        let civil = Civil {
            year: number(y, 4)?,
            month: number(mo, 2)? as u32,
            day: number(da, 2)? as u32,
            hour: number(h, 2)? as u32,
            minute: number(mi, 2)? as u32,
            second: s.map_or(Ok(0), |s| number(s, 2))? as u32,
        };
        Self::from_civil(civil).map_err(|e| match e {
            EngineError::TimeOutOfRange { .. } => e,
            _ => unreadable(),
        })
    }

    /// POSIX seconds.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The calendar date and time, UTC.
    pub fn civil(self) -> Civil {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: secs / 3_600,
            minute: secs / 60 % 60,
            second: secs % 60,
        }
    }

    /// This instant moved by `seconds` (rounded to the second), clamped to the
    /// supported range, from 1970 to its end ([`END_UNIX_SECONDS`]). For a figure to
    /// show, use [`Instant::checked_plus_seconds`]: a clamped date is not a result.
    #[must_use]
    pub fn plus_seconds(self, seconds: f64) -> Instant {
        let moved =
            (self.0 as f64 + seconds.round()).bounded(MIN_UNIX_SECONDS as f64, END_UNIX_SECONDS as f64);
        Instant(moved as i64)
    }

    /// This instant moved by `seconds` (rounded to the second), or `None` when that
    /// falls before 1970 or after the supported range's end (NaN too).
    pub fn checked_plus_seconds(self, seconds: f64) -> Option<Instant> {
        let moved = self.0 as f64 + seconds.round();
        (MIN_UNIX_SECONDS as f64..=END_UNIX_SECONDS as f64)
            .contains(&moved)
            .then_some(Instant(moved as i64))
    }

    /// Seconds from `earlier` to this instant (negative when `earlier` is later).
    pub fn seconds_since(self, earlier: Instant) -> f64 {
        (self.0 - earlier.0) as f64
    }

    /// Midnight on the first day of the month `months` months after this instant's
    /// month (`0` gives this month's start), clamped to the supported range (so
    /// December 9999 ends at its end, 10000-01-01T00:00:00Z).
    pub fn month_start(self, months: i64) -> Instant {
        let c = self.civil();
        let index = c.year * 12 + i64::from(c.month) - 1 + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        if year > 9999 {
            return Instant(END_UNIX_SECONDS);
        }
        Instant((days_from_civil(year, month, 1) * 86_400).max(MIN_UNIX_SECONDS))
    }
}

impl Instant {
    /// This instant for reading, in UTC: `22 Nov 2026, 14:24 UTC`, with seconds when
    /// there are any (`14:24:10`). [`Display`](fmt::Display) gives the ISO 8601 form.
    pub fn readable(self) -> String {
        let c = self.civil();
        let seconds = if c.second == 0 {
            String::new()
        } else {
            format!(":{:02}", c.second)
        };
        format!(
            "{}, {:02}:{:02}{seconds} UTC",
            self.readable_day(),
            c.hour,
            c.minute
        )
    }

    /// Unix time `seconds` for reading as [`Instant::readable`] writes it, or the number
    /// itself when it is outside the instants this type holds.
    pub fn readable_unix(seconds: i64) -> String {
        Instant::from_unix_seconds(seconds).map_or_else(|_| seconds.to_string(), Instant::readable)
    }

    /// The day of this instant for reading, in UTC: `22 Nov 2026`.
    pub fn readable_day(self) -> String {
        format!("{} {}", self.civil().day, self.readable_month())
    }

    /// The month of this instant for reading, in UTC: `Nov 2026`.
    pub fn readable_month(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let c = self.civil();
        format!("{} {}", MONTHS[(c.month as usize).clamp(1, 12) - 1], c.year)
    }
}

impl fmt::Display for Instant {
    /// ISO 8601 in UTC: `2026-11-23T14:05:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.civil();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_read_as_instants_or_as_numbers_out_of_range() {
        assert_eq!(Instant::readable_unix(1_793_491_200), "1 Nov 2026, 00:00 UTC");
        assert_eq!(Instant::readable_unix(-5), "-5");
    }

    #[test]
    fn the_range_ends_after_9999_and_nothing_past_it_is_a_result() {
        let last = Instant::parse("9999-12-31T23:59:59Z").unwrap();
        assert_eq!(last.unix_seconds(), MAX_UNIX_SECONDS);
        // Calendar year 9999 is whole: 365 days of 86,400 s.
        let year = last.month_start(1).seconds_since(last.month_start(-11));
        assert_eq!(year, 365.0 * 86_400.0);
        assert_eq!(last.month_start(1).to_string(), "10000-01-01T00:00:00Z");
        assert_eq!(
            last.checked_plus_seconds(1.0).map(Instant::unix_seconds),
            Some(END_UNIX_SECONDS)
        );
        assert_eq!(last.checked_plus_seconds(2.0), None);
        assert_eq!(last.checked_plus_seconds(f64::NAN), None);
        assert_eq!(
            Instant::from_unix_seconds(0).unwrap().checked_plus_seconds(-1.0),
            None
        );
    }

    #[test]
    fn instants_read_in_utc() {
        assert_eq!(
            Instant::parse("2026-11-22T14:24").unwrap().readable(),
            "22 Nov 2026, 14:24 UTC"
        );
        assert_eq!(
            Instant::parse("2026-01-05T07:03:09").unwrap().readable(),
            "5 Jan 2026, 07:03:09 UTC"
        );
    }

    #[test]
    fn known_instants() {
        assert_eq!(Instant::parse("1970-01-01T00:00:00Z").unwrap().unix_seconds(), 0);
        // 2000-03-01 follows a leap day in a year divisible by 400.
        assert_eq!(Instant::parse("2000-03-01").unwrap().unix_seconds(), 951_868_800);
        assert_eq!(
            Instant::parse("2026-11-23T14:05").unwrap().unix_seconds(),
            1_795_442_700
        );
        assert_eq!(
            Instant::parse("2026-11-23 14:05:09z").unwrap().to_string(),
            "2026-11-23T14:05:09Z"
        );
    }

    #[test]
    fn impossible_or_unreadable_times_are_refused() {
        for bad in [
            "",
            "2026-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-11-23T24:00",
            "2026-11-23T12:60",
            "26-11-23",
            "2026-11-23T12:00+02:00",
            "1969-12-31",
            "10000-01-01",
            "2026-1-5",
        ] {
            assert!(Instant::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(Instant::parse("2024-02-29").is_ok());
    }

    #[test]
    fn month_starts_cross_years() {
        let t = Instant::parse("2026-11-23T14:05").unwrap();
        assert_eq!(t.month_start(0).to_string(), "2026-11-01T00:00:00Z");
        assert_eq!(t.month_start(2).to_string(), "2027-01-01T00:00:00Z");
        assert_eq!(t.month_start(-11).to_string(), "2025-12-01T00:00:00Z");
    }

    #[test]
    fn civil_round_trips_every_day_for_four_centuries() {
        let mut days = 0;
        while days < 146_097 {
            let t = Instant::from_unix_seconds(days * 86_400 + 45_296).unwrap();
            assert_eq!(Instant::from_civil(t.civil()).unwrap(), t);
            days += 1;
        }
    }
}
