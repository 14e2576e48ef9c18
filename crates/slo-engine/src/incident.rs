//! Incidents: what spends an error budget.

use crate::error::{finite, EngineError};
use crate::time::Instant;
use crate::window::{MAX_ROLLING_DAYS, SECONDS_PER_DAY};

/// The largest count of bad requests accepted for one incident.
pub const MAX_BAD_EVENTS: f64 = 1e15;

/// How badly an incident hurt.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub enum Impact {
    /// A fraction of requests failing (or of users affected), in (0, 1], for the whole
    /// duration; 1 is a full outage.
    Fraction(f64),
    /// A number of bad requests, spread evenly over the duration.
    BadEvents(f64),
}

impl Impact {
    /// An impact from a percentage of requests or users, e.g. `25.0`.
    ///
    /// # Errors
    /// [`EngineError::ImpactOutOfRange`] unless `0 < percent ≤ 100`.
    pub fn percent(percent: f64) -> Result<Self, EngineError> {
        let percent = finite(percent, "impact")?;
        if percent > 0.0 && percent <= 100.0 {
            Ok(Impact::Fraction(percent / 100.0))
        } else {
            Err(EngineError::ImpactOutOfRange { percent })
        }
    }

    /// An impact as a count of bad requests.
    ///
    /// # Errors
    /// [`EngineError::BadEventsOutOfRange`] unless `0 ≤ count ≤ MAX_BAD_EVENTS`.
    pub fn bad_events(count: f64) -> Result<Self, EngineError> {
        let count = finite(count, "count of bad requests")?;
        if (0.0..=MAX_BAD_EVENTS).contains(&count) {
            Ok(Impact::BadEvents(count))
        } else {
            Err(EngineError::BadEventsOutOfRange { count })
        }
    }
}

/// An incident: from `start`, for `duration` seconds, with an impact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Incident {
    start: Instant,
    duration: f64,
    impact: Impact,
}

impl Incident {
    /// # Errors
    /// [`EngineError::DurationOutOfRange`] unless `0 < duration ≤ 400 days`.
    pub fn new(start: Instant, duration_seconds: f64, impact: Impact) -> Result<Self, EngineError> {
        let duration = finite(duration_seconds, "incident duration")?;
        if duration > 0.0 && duration <= f64::from(MAX_ROLLING_DAYS) * SECONDS_PER_DAY {
            Ok(Incident {
                start,
                duration,
                impact,
            })
        } else {
            Err(EngineError::DurationOutOfRange {
                what: "incident duration",
                seconds: duration,
            })
        }
    }

    /// When it began.
    pub fn start(self) -> Instant {
        self.start
    }

    /// How long it lasted, in seconds.
    pub fn duration(self) -> f64 {
        self.duration
    }

    /// How badly it hurt.
    pub fn impact(self) -> Impact {
        self.impact
    }

    /// Start and end as POSIX seconds.
    pub fn span(self) -> (f64, f64) {
        let start = self.start.unix_seconds() as f64;
        (start, start + self.duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impacts_and_durations_are_bounded() {
        assert!(Impact::percent(0.0).is_err());
        assert!(Impact::percent(100.1).is_err());
        assert!(Impact::percent(f64::NAN).is_err());
        assert_eq!(Impact::percent(100.0), Ok(Impact::Fraction(1.0)));
        assert!(Impact::bad_events(-1.0).is_err());
        let t = Instant::parse("2026-11-01").unwrap();
        assert!(Incident::new(t, 0.0, Impact::Fraction(1.0)).is_err());
        assert!(Incident::new(t, -60.0, Impact::Fraction(1.0)).is_err());
        assert!(Incident::new(t, 401.0 * 86_400.0, Impact::Fraction(1.0)).is_err());
    }
}
