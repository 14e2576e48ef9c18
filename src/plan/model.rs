//! Version 1 of the plan record (see `docs/plan-format.md`).

use serde::{Deserialize, Serialize};
use slo_engine::{EngineError, LatencyThreshold, SliKind, Target, Traffic, Window};
use std::fmt;

/// The longest service name kept, in characters.
pub const MAX_SERVICE_NAME_CHARS: usize = 80;

/// Everything the user entered. Results are derived from it, never stored in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The service the SLO is for, shown in the title and exports.
    pub service: String,
    /// The SLO target in percent, strictly between 0 and 100.
    pub target_percent: f64,
    /// The SLO window.
    pub window: WindowSpec,
    /// What the SLI counts.
    pub sli: SliSpec,
    /// The service's mean traffic.
    pub traffic: TrafficSpec,
    /// The "downtime → availability" calculator's input.
    pub reverse: ReverseSpec,
}

/// An SLO window as stored in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WindowSpec {
    /// A rolling window of whole days.
    Rolling {
        /// Length in days, 1 to 400.
        days: u32,
    },
    /// A calendar month (mean length 30.436875 d).
    CalendarMonth,
    /// A calendar quarter (mean length 91.310625 d).
    CalendarQuarter,
    /// A calendar year (mean Gregorian year, 365.2425 d).
    CalendarYear,
}

/// What the SLI counts, as stored in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SliSpec {
    /// Good time over total time.
    TimeBased,
    /// Good requests over total requests.
    RequestBased,
    /// Requests faster than `threshold_ms` over total requests.
    Latency {
        /// The latency threshold in milliseconds.
        threshold_ms: f64,
    },
}

/// The unit traffic was entered in; kept so the field shows what the user typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrafficUnit {
    /// Requests per second.
    PerSecond,
    /// Requests per day.
    PerDay,
}

/// Mean traffic as entered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrafficSpec {
    /// The rate, in `unit`.
    pub value: f64,
    /// The unit of `value`.
    pub unit: TrafficUnit,
}

/// The input of the "downtime → availability" calculator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReverseSpec {
    /// Downtime in seconds, at least 0.
    pub downtime_seconds: f64,
    /// The window the downtime happened in.
    pub window: WindowSpec,
}

impl Default for Plan {
    /// A typical starting point: 99.9 % of requests over a rolling 30 days at 100 req/s.
    fn default() -> Self {
        Plan {
            service: "my-service".to_owned(),
            target_percent: 99.9,
            window: WindowSpec::Rolling { days: 30 },
            sli: SliSpec::RequestBased,
            traffic: TrafficSpec {
                value: 100.0,
                unit: TrafficUnit::PerSecond,
            },
            reverse: ReverseSpec {
                downtime_seconds: 3_600.0,
                window: WindowSpec::Rolling { days: 30 },
            },
        }
    }
}

/// A plan whose every value the engine accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidPlan {
    /// The SLO target.
    pub target: Target,
    /// The SLO window.
    pub window: Window,
    /// What the SLI counts.
    pub sli: SliKind,
    /// Mean traffic.
    pub traffic: Traffic,
    /// The reverse calculator's window.
    pub reverse_window: Window,
    /// The reverse calculator's downtime, seconds (≥ 0; may exceed its window, which
    /// the calculator reports).
    pub reverse_downtime_seconds: f64,
}

/// Which value of a plan was rejected, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanError {
    /// A value the engine rejected.
    Field {
        /// The field's name as in the plan format, e.g. `target_percent`.
        field: &'static str,
        /// Why it was rejected.
        error: EngineError,
    },
    /// A service name too long or with control characters.
    ServiceName,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::Field { field, error } => write!(f, "{field}: {error}"),
            PlanError::ServiceName => write!(
                f,
                "service: a service name is at most {MAX_SERVICE_NAME_CHARS} characters, \
                 with no control characters."
            ),
        }
    }
}

impl std::error::Error for PlanError {}

fn field<T>(field: &'static str, result: Result<T, EngineError>) -> Result<T, PlanError> {
    result.map_err(|error| PlanError::Field { field, error })
}

impl WindowSpec {
    /// The engine window.
    ///
    /// # Errors
    /// When a rolling window's length is out of range.
    pub fn to_window(self) -> Result<Window, EngineError> {
        match self {
            WindowSpec::Rolling { days } => Window::rolling(days),
            WindowSpec::CalendarMonth => Ok(Window::CalendarMonth),
            WindowSpec::CalendarQuarter => Ok(Window::CalendarQuarter),
            WindowSpec::CalendarYear => Ok(Window::CalendarYear),
        }
    }
}

impl From<Window> for WindowSpec {
    fn from(window: Window) -> Self {
        match window {
            Window::Rolling { days } => WindowSpec::Rolling { days },
            Window::CalendarMonth => WindowSpec::CalendarMonth,
            Window::CalendarQuarter => WindowSpec::CalendarQuarter,
            Window::CalendarYear => WindowSpec::CalendarYear,
        }
    }
}

impl TrafficSpec {
    /// The engine traffic.
    ///
    /// # Errors
    /// When the rate is not positive, not finite or too large.
    pub fn to_traffic(self) -> Result<Traffic, EngineError> {
        match self.unit {
            TrafficUnit::PerSecond => Traffic::per_second(self.value),
            TrafficUnit::PerDay => Traffic::per_day(self.value),
        }
    }
}

/// Whether a service name is acceptable.
pub fn service_name_ok(name: &str) -> bool {
    name.chars().count() <= MAX_SERVICE_NAME_CHARS && !name.chars().any(char::is_control)
}

impl Plan {
    /// Checks every value against the engine.
    ///
    /// # Errors
    /// The first rejected value, named by its field.
    pub fn validate(&self) -> Result<ValidPlan, PlanError> {
        if !service_name_ok(&self.service) {
            return Err(PlanError::ServiceName);
        }
        let sli = match self.sli {
            SliSpec::TimeBased => SliKind::TimeBased,
            SliSpec::RequestBased => SliKind::RequestBased,
            SliSpec::Latency { threshold_ms } => SliKind::Latency(field(
                "sli.threshold_ms",
                LatencyThreshold::from_millis(threshold_ms),
            )?),
        };
        let reverse_downtime_seconds = self.reverse.downtime_seconds;
        if !(reverse_downtime_seconds.is_finite() && reverse_downtime_seconds >= 0.0) {
            return Err(PlanError::Field {
                field: "reverse.downtime_seconds",
                error: EngineError::NegativeDuration {
                    what: "downtime",
                    seconds: reverse_downtime_seconds,
                },
            });
        }
        Ok(ValidPlan {
            target: field("target_percent", Target::from_percent(self.target_percent))?,
            window: field("window.days", self.window.to_window())?,
            sli,
            traffic: field("traffic.value", self.traffic.to_traffic())?,
            reverse_window: field("reverse.window.days", self.reverse.window.to_window())?,
            reverse_downtime_seconds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_plan_is_valid() {
        Plan::default().validate().unwrap();
    }

    #[test]
    fn each_impossible_value_is_named() {
        type Breakage = fn(&mut Plan);
        let cases: [(Breakage, &str); 6] = [
            (|p| p.target_percent = 100.0, "target_percent"),
            (|p| p.target_percent = f64::NAN, "target_percent"),
            (|p| p.window = WindowSpec::Rolling { days: 0 }, "window.days"),
            (|p| p.traffic.value = 0.0, "traffic.value"),
            (
                |p| p.sli = SliSpec::Latency { threshold_ms: -1.0 },
                "sli.threshold_ms",
            ),
            (|p| p.reverse.downtime_seconds = -5.0, "reverse.downtime_seconds"),
        ];
        for (break_it, name) in cases {
            let mut plan = Plan::default();
            break_it(&mut plan);
            let message = plan.validate().unwrap_err().to_string();
            assert!(message.starts_with(name), "{message}");
        }
    }

    #[test]
    fn service_names_are_bounded() {
        let mut plan = Plan {
            service: "x".repeat(MAX_SERVICE_NAME_CHARS + 1),
            ..Plan::default()
        };
        assert_eq!(plan.validate(), Err(PlanError::ServiceName));
        plan.service = "a\u{0}b".to_owned();
        assert_eq!(plan.validate(), Err(PlanError::ServiceName));
    }
}
