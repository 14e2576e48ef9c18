//! SLO windows and the calendar conventions behind their lengths.
//!
//! # Conventions
//! - A day is 86,400 s (no leap seconds).
//! - A year is the mean Gregorian year, **365.2425 days** (31,556,952 s): the average
//!   over the 400-year leap cycle, so a budget per year is right on average whichever
//!   year it is.
//! - A calendar month is a twelfth of that year, **30.436875 days** (2,629,746 s); a
//!   calendar quarter is a quarter of it, **91.310625 days** (7,889,238 s).
//!
//! Real months run 28–31 days; the planner names the mean-month convention in the UI
//! wherever a calendar month is shown.

use crate::error::EngineError;

/// Seconds in a day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;
/// Days in the mean Gregorian year.
pub const DAYS_PER_YEAR: f64 = 365.2425;
/// Days in the mean calendar month (`DAYS_PER_YEAR / 12`).
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;
/// Days in the mean calendar quarter (`DAYS_PER_YEAR / 4`).
pub const DAYS_PER_QUARTER: f64 = DAYS_PER_YEAR / 4.0;
/// The longest rolling window accepted, in days.
pub const MAX_ROLLING_DAYS: u32 = 400;

/// The period an SLO is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// The last `days` days, re-evaluated continuously (e.g. rolling 28 or 30 days).
    Rolling {
        /// Length in whole days, 1 to [`MAX_ROLLING_DAYS`].
        days: u32,
    },
    /// A calendar month that resets on the 1st (mean length, see module docs).
    CalendarMonth,
    /// A calendar quarter that resets on Jan 1, Apr 1, Jul 1 and Oct 1.
    CalendarQuarter,
    /// A calendar year that resets on Jan 1.
    CalendarYear,
}

impl Window {
    /// The windows the Targets page tabulates: 1, 7, 28, 30, 90 days, month, quarter, year.
    pub const TABULATED: [Window; 8] = [
        Window::Rolling { days: 1 },
        Window::Rolling { days: 7 },
        Window::Rolling { days: 28 },
        Window::Rolling { days: 30 },
        Window::Rolling { days: 90 },
        Window::CalendarMonth,
        Window::CalendarQuarter,
        Window::CalendarYear,
    ];

    /// A rolling window of whole days.
    ///
    /// # Errors
    /// [`EngineError::WindowOutOfRange`] unless `1 ≤ days ≤ MAX_ROLLING_DAYS`.
    pub fn rolling(days: u32) -> Result<Self, EngineError> {
        if (1..=MAX_ROLLING_DAYS).contains(&days) {
            Ok(Window::Rolling { days })
        } else {
            Err(EngineError::WindowOutOfRange { days })
        }
    }

    /// Length in days (fractional for calendar windows, see module docs).
    pub fn days(self) -> f64 {
        match self {
            Window::Rolling { days } => f64::from(days),
            Window::CalendarMonth => DAYS_PER_MONTH,
            Window::CalendarQuarter => DAYS_PER_QUARTER,
            Window::CalendarYear => DAYS_PER_YEAR,
        }
    }

    /// Length in seconds: `days × 86,400`.
    pub fn seconds(self) -> f64 {
        self.days() * SECONDS_PER_DAY
    }

    /// A short name for tables and charts: "30 days", "month".
    pub fn label(self) -> String {
        match self {
            Window::Rolling { days: 1 } => "1 day".to_owned(),
            Window::Rolling { days } => format!("{days} days"),
            Window::CalendarMonth => "month".to_owned(),
            Window::CalendarQuarter => "quarter".to_owned(),
            Window::CalendarYear => "year".to_owned(),
        }
    }

    /// The convention behind the length, in words, for the UI.
    pub fn convention(self) -> &'static str {
        match self {
            Window::Rolling { .. } => "rolling: whole days of 86,400 s",
            Window::CalendarMonth => "calendar month: mean month = 365.2425 d / 12 = 30.436875 d",
            Window::CalendarQuarter => "calendar quarter: mean quarter = 365.2425 d / 4 = 91.310625 d",
            Window::CalendarYear => "calendar year: mean Gregorian year = 365.2425 d",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    #[test]
    fn calendar_lengths_follow_the_mean_gregorian_year() {
        assert_close(Window::CalendarYear.seconds(), 31_556_952.0);
        assert_close(Window::CalendarMonth.seconds(), 2_629_746.0);
        assert_close(Window::CalendarQuarter.seconds(), 7_889_238.0);
    }

    #[test]
    fn rolling_range_is_enforced() {
        assert!(Window::rolling(0).is_err());
        assert!(Window::rolling(MAX_ROLLING_DAYS + 1).is_err());
        assert_eq!(Window::rolling(28).unwrap().seconds(), 2_419_200.0);
    }

    #[test]
    fn labels() {
        assert_eq!(Window::Rolling { days: 1 }.label(), "1 day");
        assert_eq!(Window::Rolling { days: 90 }.label(), "90 days");
        assert_eq!(Window::CalendarQuarter.label(), "quarter");
    }
}
