//! The objective: a validated target and the kind of SLI it is measured on.

use crate::error::{finite, EngineError};

/// An SLO target: the fraction of good time, events or slices promised, strictly
/// between 0 and 1 (0 % and 100 % exclusive).
///
/// The error budget is `1 − target`. A target of exactly 100 % is rejected: it allows
/// no failure at all and every budget derived from it is zero.
///
/// # Examples
/// ```
/// use slo_engine::Target;
/// let t = Target::from_percent(99.9).unwrap();
/// assert!((t.budget_fraction() - 0.001).abs() < 1e-12);
/// assert!((t.nines() - 3.0).abs() < 1e-9);
/// assert!(Target::from_percent(100.0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Target {
    /// Target in percent, as entered; kept so the budget is computed as
    /// `(100 − percent) / 100`, which loses less precision than `1 − fraction`.
    percent: f64,
}

/// The lowest number of nines the nines scale offers (90 %).
pub const MIN_SCALE_NINES: f64 = 1.0;
/// The highest number of nines the nines scale offers (99.999 %).
pub const MAX_SCALE_NINES: f64 = 5.0;

impl Target {
    /// A target from a percentage, e.g. `99.95`.
    ///
    /// # Errors
    /// [`EngineError::NotFinite`] for NaN or infinity, [`EngineError::TargetOutOfRange`]
    /// unless `0 < percent < 100`.
    pub fn from_percent(percent: f64) -> Result<Self, EngineError> {
        let percent = finite(percent, "target")?;
        if percent > 0.0 && percent < 100.0 {
            Ok(Target { percent })
        } else {
            Err(EngineError::TargetOutOfRange { percent })
        }
    }

    /// A target from a fraction, e.g. `0.9995`.
    ///
    /// # Errors
    /// As [`Target::from_percent`].
    pub fn new(fraction: f64) -> Result<Self, EngineError> {
        Self::from_percent(finite(fraction, "target")? * 100.0)
    }

    /// The target at a point of the nines scale, rounded so that its error budget keeps
    /// three significant digits ([`round_budget`]): 3 nines → 99.9 %, 3.30103 nines →
    /// 99.95 %, 3.3 nines → budget 10^−3.3 = 0.0501 % → 99.9499 %.
    ///
    /// # Formula
    /// `target = 1 − 10^(−nines)`
    ///
    /// # Errors
    /// [`EngineError::NotFinite`], or [`EngineError::TargetOutOfRange`] when `nines ≤ 0`
    /// or so large that the target rounds to 100 %.
    pub fn from_nines(nines: f64) -> Result<Self, EngineError> {
        let nines = finite(nines, "number of nines")?;
        let budget_percent = round_budget(100.0 * 10f64.powf(-nines));
        Self::from_percent(100.0 - budget_percent)
    }

    /// The target as a fraction in (0, 1).
    pub fn fraction(self) -> f64 {
        self.percent / 100.0
    }

    /// The target in percent, in (0, 100).
    pub fn percent(self) -> f64 {
        self.percent
    }

    /// The error budget as a fraction of the window: `1 − target`.
    pub fn budget_fraction(self) -> f64 {
        (100.0 - self.percent) / 100.0
    }

    /// The number of nines: `−log10(1 − target)`; 99.9 % → 3, 99.95 % → 3.30.
    pub fn nines(self) -> f64 {
        -self.budget_fraction().log10()
    }
}

/// Rounds a positive budget to three significant digits; values that are not
/// positive and finite are returned unchanged.
pub fn round_budget(budget: f64) -> f64 {
    if !(budget.is_finite() && budget > 0.0) {
        return budget;
    }
    let magnitude = budget.log10().floor();
    let scale = 10f64.powf(2.0 - magnitude);
    (budget * scale).round() / scale
}

/// The largest latency threshold accepted, in milliseconds (one hour).
pub const MAX_LATENCY_THRESHOLD_MS: f64 = 3_600_000.0;

/// The threshold of a latency SLI: a request is good when it completes faster than this.
///
/// Together with the target it reads "target % of requests faster than threshold ms".
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct LatencyThreshold {
    milliseconds: f64,
}

impl LatencyThreshold {
    /// # Errors
    /// [`EngineError::LatencyThresholdOutOfRange`] unless
    /// `0 < milliseconds ≤ MAX_LATENCY_THRESHOLD_MS`.
    pub fn from_millis(milliseconds: f64) -> Result<Self, EngineError> {
        let milliseconds = finite(milliseconds, "latency threshold")?;
        if milliseconds > 0.0 && milliseconds <= MAX_LATENCY_THRESHOLD_MS {
            Ok(LatencyThreshold { milliseconds })
        } else {
            Err(EngineError::LatencyThresholdOutOfRange { milliseconds })
        }
    }

    /// The threshold in milliseconds.
    pub fn millis(self) -> f64 {
        self.milliseconds
    }
}

/// The longest timeslice accepted, in seconds (one hour).
pub const MAX_SLICE_SECONDS: f64 = 3_600.0;

/// A timeslice SLI's slices: a slice is bad when its error rate exceeds
/// `max_error_rate` (e.g. a minute is bad when more than 1 % of its requests fail).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Timeslice {
    seconds: f64,
    max_error_rate: f64,
}

impl Timeslice {
    /// Slices of `seconds` (1 s to 1 h), bad above `max_error_rate` (a fraction in [0, 1)).
    ///
    /// # Errors
    /// [`EngineError::SliceOutOfRange`] or [`EngineError::ImpactOutOfRange`].
    pub fn new(seconds: f64, max_error_rate: f64) -> Result<Self, EngineError> {
        let seconds = finite(seconds, "timeslice")?;
        let max_error_rate = finite(max_error_rate, "timeslice error threshold")?;
        if !(1.0..=MAX_SLICE_SECONDS).contains(&seconds) {
            return Err(EngineError::SliceOutOfRange { seconds });
        }
        if !(0.0..1.0).contains(&max_error_rate) {
            return Err(EngineError::ImpactOutOfRange {
                percent: max_error_rate * 100.0,
            });
        }
        Ok(Timeslice {
            seconds,
            max_error_rate,
        })
    }

    /// Slice length in seconds.
    pub fn seconds(self) -> f64 {
        self.seconds
    }

    /// The error rate above which a slice is bad, as a fraction.
    pub fn max_error_rate(self) -> f64 {
        self.max_error_rate
    }
}

/// What an error budget is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetUnit {
    /// Seconds of (impact-weighted) downtime.
    Seconds,
    /// Bad requests.
    Requests,
    /// Bad timeslices.
    Slices,
}

/// What the SLI counts, which decides what the error budget is measured in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SliKind {
    /// Good time / total time: the budget is a duration of allowed downtime.
    TimeBased,
    /// Good requests / total requests: the budget is a count of bad requests.
    RequestBased,
    /// Requests faster than a threshold / total requests: the budget is a count of
    /// slow (or failed) requests.
    Latency(LatencyThreshold),
    /// Good slices / all slices: the budget is a count of bad slices.
    Timeslice(Timeslice),
}

impl SliKind {
    /// Whether the budget is counted in events (requests) rather than in time.
    pub fn counts_events(self) -> bool {
        self.unit() == BudgetUnit::Requests
    }

    /// What the budget is counted in.
    pub fn unit(self) -> BudgetUnit {
        match self {
            SliKind::TimeBased => BudgetUnit::Seconds,
            SliKind::RequestBased | SliKind::Latency(_) => BudgetUnit::Requests,
            SliKind::Timeslice(_) => BudgetUnit::Slices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    #[test]
    fn rejects_the_ends_of_the_interval_and_nonsense() {
        for bad in [0.0, 100.0, -1.0, 150.0, f64::NAN, f64::INFINITY] {
            assert!(Target::from_percent(bad).is_err(), "{bad} accepted");
        }
        assert!(Target::from_percent(1e-9).is_ok());
        assert!(Target::from_percent(99.999_999).is_ok());
    }

    #[test]
    fn nines_of_common_targets() {
        assert_close(Target::from_percent(90.0).unwrap().nines(), 1.0);
        assert_close(Target::from_percent(99.99).unwrap().nines(), 4.0);
        assert_close(Target::from_percent(99.95).unwrap().nines(), 3.30103);
    }

    #[test]
    fn the_nines_scale_lands_on_round_targets() {
        assert_close(Target::from_nines(3.0).unwrap().percent(), 99.9);
        assert_close(Target::from_nines(5.0).unwrap().percent(), 99.999);
        assert_close(Target::from_nines(3.30103).unwrap().percent(), 99.95);
        assert!(Target::from_nines(0.0).is_err());
        assert!(Target::from_nines(40.0).is_err());
    }

    #[test]
    fn budget_rounding_keeps_three_significant_digits() {
        assert_close(round_budget(0.050_118_72), 0.0501);
        assert_close(round_budget(12.345), 12.3);
        assert_eq!(round_budget(0.0), 0.0);
    }

    #[test]
    fn latency_threshold_range() {
        assert!(LatencyThreshold::from_millis(300.0).is_ok());
        assert!(LatencyThreshold::from_millis(0.0).is_err());
        assert!(LatencyThreshold::from_millis(-5.0).is_err());
        assert!(LatencyThreshold::from_millis(f64::NAN).is_err());
    }
}
