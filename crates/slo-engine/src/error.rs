//! Typed errors for input the engine cannot compute with.
//!
//! Every constructor of a validated engine type returns `Result<_, EngineError>`.
//! The `Display` text is written for the person who typed the value: it says what was
//! wrong and what is allowed, so the UI can show it as it is.

use crate::notation::number;
use std::fmt;

/// Why a value was rejected.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EngineError {
    /// A number was NaN or infinite.
    NotFinite {
        /// What the number was meant to be, e.g. "target".
        what: &'static str,
    },
    /// An SLO target outside the open interval (0 %, 100 %).
    TargetOutOfRange {
        /// The rejected target, in percent.
        percent: f64,
    },
    /// A rolling window length outside the supported range of whole days.
    WindowOutOfRange {
        /// The rejected length, in days.
        days: u32,
    },
    /// A duration below zero.
    NegativeDuration {
        /// What the duration was meant to be.
        what: &'static str,
        /// The rejected value, in seconds.
        seconds: f64,
    },
    /// A downtime longer than the window it is measured in.
    DowntimeExceedsWindow {
        /// The downtime, in seconds.
        downtime_seconds: f64,
        /// The window length, in seconds.
        window_seconds: f64,
    },
    /// A traffic rate that is zero, negative or absurdly large.
    TrafficOutOfRange {
        /// The rejected rate, in requests per second.
        per_second: f64,
    },
    /// A latency threshold that is zero, negative or absurdly large.
    LatencyThresholdOutOfRange {
        /// The rejected threshold, in milliseconds.
        milliseconds: f64,
    },
    /// A time before 1970 or after 9999.
    TimeOutOfRange {
        /// The rejected POSIX seconds.
        seconds: i64,
    },
    /// A date too near 1970 or the end of 9999 for a rolling window and its forecast.
    ForecastOutOfRange {
        /// The rolling window, whole days.
        days: u32,
        /// The date that was too near the range's end.
        as_of: String,
    },
    /// A cost or revenue that is negative, not finite or absurdly large.
    AmountOutOfRange {
        /// The rejected amount.
        amount: f64,
    },
    /// Text that should have been a date and time but could not be read as one.
    UnreadableTime {
        /// The text as typed (shortened if long).
        text: String,
    },
    /// An impact outside (0 %, 100 %].
    ImpactOutOfRange {
        /// The rejected impact, in percent.
        percent: f64,
    },
    /// A count of bad events that is negative or absurdly large.
    BadEventsOutOfRange {
        /// The rejected count.
        count: f64,
    },
    /// A duration of zero or longer than the longest window.
    DurationOutOfRange {
        /// What the duration was meant to be.
        what: &'static str,
        /// The rejected value, in seconds.
        seconds: f64,
    },
    /// A timeslice length outside 1 s to 1 h.
    SliceOutOfRange {
        /// The rejected length, in seconds.
        seconds: f64,
    },
    /// A budget-policy threshold outside 0 % to 100 %.
    ThresholdOutOfRange {
        /// The rejected threshold, in percent of the budget left.
        percent: f64,
    },
    /// An alert tier whose short window is not shorter than its long one.
    AlertWindowsOutOfOrder {
        /// The long window, seconds.
        long: f64,
        /// The short window, seconds.
        short: f64,
    },
    /// An incident phase that starts before 0, lasts no time, ends after 90 days or
    /// has an error rate outside 0 to 100 %.
    PhaseOutOfRange,
    /// A burn-rate threshold that is zero or negative.
    BurnRateOutOfRange {
        /// The rejected burn rate.
        burn_rate: f64,
    },
    /// A queue whose utilisation is 100 % or more: it grows without bound.
    QueueUnstable {
        /// Utilisation, as a fraction.
        utilisation: f64,
    },
    /// A queue with no servers, a non-positive service time or negative arrivals.
    QueueOutOfRange,
    /// Capacity per instance that is not positive, or a utilisation outside (0, 1].
    CapacityOutOfRange,
    /// Demand that is not positive or above 10⁹ req/s, or a peak factor outside 1–100.
    DemandOutOfRange,
    /// Too few points to fit a model to.
    TooFewPoints {
        /// Points given.
        got: usize,
        /// Points needed.
        need: usize,
    },
    /// A model fit that did not converge or gave an impossible model.
    FitFailed {
        /// What went wrong.
        reason: &'static str,
    },
    /// A dependency tree with an impossible value or shape.
    DependencyOutOfRange {
        /// What is wrong, in words.
        reason: &'static str,
    },
    /// An SLA credit tier that cannot be.
    CreditOutOfRange {
        /// What is wrong, in words.
        reason: &'static str,
    },
    /// Text that should have been a duration but could not be read as one.
    UnreadableDuration {
        /// The text as typed (shortened if long).
        text: String,
    },
    /// Observed samples that cannot be an SLI's history.
    Unobservable {
        /// What is wrong, in words, with the sample's time where one is to blame.
        reason: String,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::NotFinite { what } => {
                write!(f, "The {what} must be a finite number.")
            }
            EngineError::TargetOutOfRange { percent } => write!(
                f,
                "A target must be above 0% and below 100% (got {percent}%). \
                 100% leaves no error budget at all; use e.g. 99.999%.",
                percent = number(*percent)
            ),
            EngineError::WindowOutOfRange { days } => write!(
                f,
                "A rolling window must be 1 to {} days long (got {days}).",
                crate::window::MAX_ROLLING_DAYS
            ),
            EngineError::NegativeDuration { what, seconds } => {
                write!(
                    f,
                    "The {what} cannot be negative (got {seconds} s).",
                    seconds = number(*seconds)
                )
            }
            EngineError::DowntimeExceedsWindow {
                downtime_seconds,
                window_seconds,
            } => write!(
                f,
                "A downtime of {downtime_seconds} s is longer than the whole window \
                 ({window_seconds} s).",
                downtime_seconds = number(*downtime_seconds),
                window_seconds = number(*window_seconds)
            ),
            EngineError::TrafficOutOfRange { per_second } => write!(
                f,
                "Traffic must be above 0 and at most {} requests per second (got {per_second}).",
                number(crate::traffic::MAX_REQUESTS_PER_SECOND),
                per_second = number(*per_second)
            ),
            EngineError::LatencyThresholdOutOfRange { milliseconds } => write!(
                f,
                "A latency threshold must be above 0 ms and at most {} ms (got {milliseconds} ms).",
                number(crate::objective::MAX_LATENCY_THRESHOLD_MS),
                milliseconds = number(*milliseconds)
            ),
            EngineError::TimeOutOfRange { seconds } => write!(
                f,
                "Times must fall between 1970 and 9999 (got {seconds} s since 1970)."
            ),
            EngineError::ForecastOutOfRange { days, as_of } => write!(
                f,
                "A {days}-day rolling window and its {days}-day forecast must fall between \
                 1970-01-01 and 9999-12-31, the dates this planner computes: the date must be at \
                 least {days} days after the first and {days} days before the last (got {as_of})."
            ),
            EngineError::AmountOutOfRange { amount } => write!(
                f,
                "An amount of money must be from 0 to {} (got {}).",
                number(crate::money::MAX_AMOUNT),
                number(*amount)
            ),
            EngineError::UnreadableTime { text } => write!(
                f,
                "\"{text}\" is not a date and time. Write it in UTC as 2026-11-23T14:05 \
                 (seconds and a final Z are optional)."
            ),
            EngineError::ImpactOutOfRange { percent } => write!(
                f,
                "An impact must be above 0% and at most 100% of requests or users (got {percent}%).",
                percent = number(*percent)
            ),
            EngineError::BadEventsOutOfRange { count } => write!(
                f,
                "A count of bad requests must be between 0 and 10¹⁵ (got {count}).",
                count = number(*count)
            ),
            EngineError::DurationOutOfRange { what, seconds } => write!(
                f,
                "The {what} must be above 0 and at most {} days (got {seconds} s).",
                crate::window::MAX_ROLLING_DAYS,
                seconds = number(*seconds)
            ),
            EngineError::SliceOutOfRange { seconds } => write!(
                f,
                "A timeslice must be 1 second to 1 hour long (got {seconds} s).",
                seconds = number(*seconds)
            ),
            EngineError::ThresholdOutOfRange { percent } => write!(
                f,
                "A policy threshold is a share of the budget left, from 0% to 100% (got {percent}%).",
                percent = number(*percent)
            ),
            EngineError::AlertWindowsOutOfOrder { long, short } => write!(
                f,
                "An alert's short window must be above 0 and shorter than its long window \
                 (got {short} s and {long} s).",
                short = number(*short),
                long = number(*long)
            ),
            EngineError::PhaseOutOfRange => write!(
                f,
                "An incident phase starts at 0 or later, lasts more than 0 s, ends within 90 days, \
                 and has error rates from 0% to 100%."
            ),
            EngineError::BurnRateOutOfRange { burn_rate } => write!(
                f,
                "A burn-rate threshold must be above 0 (got {burn_rate}); 1 spends exactly the \
                 budget over the SLO window.",
                burn_rate = number(*burn_rate)
            ),
            EngineError::QueueUnstable { utilisation } => write!(
                f,
                "At {:.1}% utilisation the queue grows without bound: add servers or cut the \
                 load until utilisation is below 100%.",
                utilisation * 100.0
            ),
            EngineError::QueueOutOfRange => write!(
                f,
                "A queue needs 1 to 100,000 servers, a service time above 0 and an arrival rate of \
                 at least 0."
            ),
            EngineError::DemandOutOfRange => write!(
                f,
                "Demand must be above 0 and at most 1,000,000,000 requests per second, and a \
                 peak factor from 1 (no peaks) to 100."
            ),
            EngineError::CapacityOutOfRange => write!(
                f,
                "Capacity per instance must be above 0, and the target utilisation above 0% and at \
                 most 100%."
            ),
            EngineError::TooFewPoints { got, need } => write!(
                f,
                "At least {need} measurements are needed to fit the model (got {got})."
            ),
            EngineError::FitFailed { reason } => write!(f, "The model could not be fitted: {reason}."),
            EngineError::DependencyOutOfRange { reason } => write!(f, "In the dependencies, {reason}."),
            EngineError::CreditOutOfRange { reason } => write!(f, "In the SLA, {reason}."),
            EngineError::Unobservable { reason } => write!(f, "The history cannot be read: {reason}."),
            EngineError::UnreadableDuration { text } => write!(
                f,
                "\"{text}\" is not a duration. Write seconds (2592) or units such as \
                 43m 12s, 1h 30m, 2d, 1.5h."
            ),
        }
    }
}

impl std::error::Error for EngineError {}

/// Rejects NaN and infinities.
pub(crate) fn finite(value: f64, what: &'static str) -> Result<f64, EngineError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(EngineError::NotFinite { what })
    }
}
