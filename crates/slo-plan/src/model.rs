//! The plan record, format version 7: a service with several SLOs (see
//! `docs/plan-format.md`; earlier versions are read by `legacy`).

use super::alerts::{selector_ok, AlertsSpec, MetricSpec, MAX_PHASES, MAX_TIERS};
use super::capacity::{CapacitySpec, ValidCapacity};
use super::money::{MoneySpec, ValidMoney};
use super::risk::{RiskSpec, ValidRisk};
use serde::{Deserialize, Serialize};
use slo_engine::burn_down::Forecast;
use slo_engine::incident::{Impact, Incident};
use slo_engine::policy::Threshold;
use slo_engine::time::Instant;
use slo_engine::{EngineError, LatencyThreshold, SliKind, Target, Timeslice, Traffic, Window};
use std::fmt;

/// The longest service name, incident label or policy action kept, in characters.
pub const MAX_SERVICE_NAME_CHARS: usize = 80;
/// The most incidents a plan holds.
pub const MAX_INCIDENTS: usize = 100;
/// The most budget-policy thresholds a plan holds.
pub const MAX_THRESHOLDS: usize = 10;

/// The most SLOs a plan holds.
pub const MAX_SLOS: usize = 12;

/// Everything the user entered: one service and its SLOs. Results are derived from it,
/// never stored in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The service the SLOs are for, shown in the title and exports.
    pub service: String,
    /// The service's SLOs, 1 to [`MAX_SLOS`], in the order the user keeps them.
    pub slos: Vec<SloSpec>,
    /// The SLO every page shows, a position in `slos`. Left out of the JSON while 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub selected: usize,
    /// The service's mean traffic.
    pub traffic: TrafficSpec,
    /// The "downtime → availability" calculator's input.
    pub reverse: ReverseSpec,
    /// The Budget page: incidents (each naming the SLOs it hurts), forecast, policy,
    /// what-if. Optional in the JSON (the defaults apply), so a plan built by another
    /// tool may leave it out.
    #[serde(default)]
    pub budget: BudgetSpec,
    /// The capacity plan. Optional in the JSON, like `budget`, and left out of it
    /// while it is the default, so plans that do not use it keep short links.
    #[serde(default, skip_serializing_if = "CapacitySpec::is_default")]
    pub capacity: CapacitySpec,
    /// The risk plan: dependencies, SLA, incident model. Optional in the JSON and left
    /// out of it while it is the default, like `capacity`.
    #[serde(default, skip_serializing_if = "RiskSpec::is_default")]
    pub risk: RiskSpec,
    /// What failing costs, to price every budget. Optional in the JSON and left out of
    /// it while it is the default (not priced).
    #[serde(default, skip_serializing_if = "MoneySpec::is_default")]
    pub money: MoneySpec,
    /// Named variants of the plan, compared side by side. Left out of the JSON while
    /// there are none; a scenario's own plan holds no scenarios.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<ScenarioSpec>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One SLO of the service: what its SLI counts, its target and window, and the
/// burn-rate alerts that guard it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SloSpec {
    /// Its name, e.g. "availability" or "latency"; at most 80 characters.
    pub name: String,
    /// The target in percent, strictly between 0 and 100.
    pub target_percent: f64,
    /// The window.
    pub window: WindowSpec,
    /// What the SLI counts.
    pub sli: SliSpec,
    /// The burn-rate alert policy. Optional in the JSON (the defaults apply).
    #[serde(default)]
    pub alerts: AlertsSpec,
    /// The targets the negotiation view compares, percent, at most
    /// [`MAX_CANDIDATES`]. Left out of the JSON while empty: the view then compares
    /// [`suggested_candidates`] of the target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<f64>,
}

impl SloSpec {
    /// The counters its rules are written for: the user's, or those that follow the
    /// service's name and the SLI.
    pub fn metric(&self, service: &str) -> MetricSpec {
        self.alerts
            .metric
            .clone()
            .unwrap_or_else(|| MetricSpec::derived(service, self.sli))
    }

    /// The targets the negotiation view compares, percent: the user's, or those
    /// suggested around the target.
    pub fn compared(&self) -> Vec<f64> {
        if self.candidates.is_empty() {
            suggested_candidates(self.target_percent)
        } else {
            self.candidates.clone()
        }
    }
}

/// The most targets the negotiation view compares.
pub const MAX_CANDIDATES: usize = 4;
/// The fewest it compares (it refuses to remove one more).
pub const MIN_CANDIDATES: usize = 2;

/// The targets people usually negotiate between, percent.
const COMMON_TARGETS: [f64; 12] = [
    90.0, 95.0, 98.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 99.9995, 99.9999,
];

/// Three targets to compare with `target_percent`: the nearest common target below it
/// (below the first common one, twice its budget), itself, and the nearest above (past
/// the last, half its budget).
pub fn suggested_candidates(target_percent: f64) -> Vec<f64> {
    let below = COMMON_TARGETS
        .iter()
        .rev()
        .find(|t| **t < target_percent)
        .map_or(100.0 - (100.0 - target_percent) * 2.0, |t| *t);
    let above = COMMON_TARGETS
        .iter()
        .find(|t| **t > target_percent)
        .map_or(100.0 - (100.0 - target_percent) / 2.0, |t| *t);
    let mut list = vec![below, target_percent, above];
    list.retain(|t| Target::from_percent(*t).is_ok());
    list.dedup();
    list
}

/// A target to add to the compared `list`: the nearest common target above its
/// highest that it lacks, else halfway between its highest and 100 %.
pub fn next_candidate(list: &[f64]) -> f64 {
    let highest = list.iter().copied().fold(0.0, f64::max);
    COMMON_TARGETS
        .iter()
        .copied()
        .find(|t| *t > highest)
        .filter(|t| Target::from_percent(*t).is_ok())
        .unwrap_or(100.0 - (100.0 - highest) / 2.0)
}

impl Default for SloSpec {
    /// 99.9 % of requests succeed over a rolling 30 days, with the SRE Workbook's tiers.
    fn default() -> Self {
        SloSpec {
            name: "availability".to_owned(),
            target_percent: 99.9,
            window: WindowSpec::Rolling { days: 30 },
            sli: SliSpec::RequestBased,
            alerts: AlertsSpec::default(),
            candidates: Vec::new(),
        }
    }
}

/// The most scenarios a plan keeps.
pub const MAX_SCENARIOS: usize = 6;

/// A named variant of the plan, e.g. "99.95 %".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    /// Its name.
    pub name: String,
    /// The variant itself.
    pub plan: Plan,
}

/// What the Budget page needs beyond the objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSpec {
    /// The instant the figures are for, ISO 8601 UTC (`2026-11-16T00:00:00Z`).
    pub as_of: String,
    /// Incidents, in the order entered.
    pub incidents: Vec<IncidentSpec>,
    /// How future spending is forecast.
    pub forecast: ForecastSpec,
    /// Budget-policy thresholds.
    pub policy: Vec<ThresholdSpec>,
    /// The "how many incidents like this fit?" question.
    pub what_if: WhatIfSpec,
}

/// An incident as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentSpec {
    /// A short name, e.g. "DB failover".
    pub label: String,
    /// The SLOs it hurts, as positions in the plan's `slos`, in increasing order; left
    /// out of the JSON (`None`) when it hurts every SLO of the service, as an outage does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slos: Option<Vec<usize>>,
    /// Start, ISO 8601 UTC.
    pub start: String,
    /// Duration in seconds, above 0 and at most 400 days.
    pub duration_seconds: f64,
    /// How badly it hurt.
    pub impact: ImpactSpec,
}

/// An incident's impact as entered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ImpactSpec {
    /// Percent of requests failing or users affected, in (0, 100].
    Percent(f64),
    /// A count of bad requests.
    BadRequests(f64),
}

/// How future spending is forecast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ForecastSpec {
    /// At the average rate of the window so far.
    FromHistory,
    /// At a steady error rate, percent of requests (or of time), in [0, 100].
    SteadyErrorRatePercent(f64),
}

/// One budget-policy threshold as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSpec {
    /// Percent of the budget left at or below which `action` applies, 0 to 100.
    pub remaining_percent: f64,
    /// What the team does, e.g. "freeze risky launches".
    pub action: String,
}

/// The what-if incident: "how many of these fit?".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatIfSpec {
    /// Duration in seconds.
    pub duration_seconds: f64,
    /// Percent of requests failing, in (0, 100].
    pub impact_percent: f64,
}

impl Default for BudgetSpec {
    /// No incidents as of 2026-11-16, forecast from history, the SRE Workbook's example
    /// policy shape (review at half, freeze launches at a quarter, freeze at zero), and
    /// "how many 20-minute full outages fit?".
    fn default() -> Self {
        let threshold = |remaining_percent: f64, action: &str| ThresholdSpec {
            remaining_percent,
            action: action.to_owned(),
        };
        BudgetSpec {
            as_of: "2026-11-16T00:00:00Z".to_owned(),
            incidents: Vec::new(),
            forecast: ForecastSpec::FromHistory,
            policy: vec![
                threshold(50.0, "review the reliability work in the next planning"),
                threshold(25.0, "freeze risky launches"),
                threshold(0.0, "freeze all changes but reliability fixes"),
            ],
            what_if: WhatIfSpec {
                duration_seconds: 1_200.0,
                impact_percent: 100.0,
            },
        }
    }
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
    /// Good timeslices over all timeslices.
    Timeslice {
        /// Slice length in seconds, 1 to 3,600.
        slice_seconds: f64,
        /// A slice is bad when more than this percent of its requests fail, in [0, 100).
        max_error_rate_percent: f64,
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
    /// A typical starting point: one SLO, 99.9 % of requests over a rolling 30 days, at
    /// 100 req/s.
    fn default() -> Self {
        Plan {
            service: "my-service".to_owned(),
            slos: vec![SloSpec::default()],
            selected: 0,
            traffic: TrafficSpec {
                value: 100.0,
                unit: TrafficUnit::PerSecond,
            },
            reverse: ReverseSpec {
                downtime_seconds: 3_600.0,
                window: WindowSpec::Rolling { days: 30 },
            },
            budget: BudgetSpec::default(),
            capacity: CapacitySpec::default(),
            risk: RiskSpec::default(),
            money: MoneySpec::default(),
            scenarios: Vec::new(),
        }
    }
}

impl Plan {
    /// The default plan with its budget figures as of `now`, for a new user.
    pub fn starting_at(now: Instant) -> Plan {
        let mut plan = Plan::default();
        plan.budget.as_of = now.to_string();
        plan
    }

    /// The position of the SLO every page shows: `selected`, or the last SLO when
    /// `selected` is past the end (which validation refuses).
    pub fn selected_index(&self) -> usize {
        self.selected.min(self.slos.len().saturating_sub(1))
    }

    /// The SLO every page shows. A plan with no SLO (which validation refuses) shows
    /// the default one.
    pub fn slo(&self) -> &SloSpec {
        static NONE: std::sync::LazyLock<SloSpec> = std::sync::LazyLock::new(SloSpec::default);
        self.slos.get(self.selected_index()).unwrap_or(&NONE)
    }

    /// The SLO every page shows, to change it; a plan with no SLO gets the default one.
    pub fn slo_mut(&mut self) -> &mut SloSpec {
        if self.slos.is_empty() {
            self.slos.push(SloSpec::default());
        }
        let index = self.selected_index();
        &mut self.slos[index]
    }

    /// The plan showing its SLO at `index` (clamped to the list).
    #[must_use]
    pub fn for_slo(&self, index: usize) -> Plan {
        Plan {
            selected: index.min(self.slos.len().saturating_sub(1)),
            ..self.clone()
        }
    }

    /// The latency SLO the capacity plan uses: the selected SLO when it is one, else the
    /// first latency SLO.
    pub fn latency_slo(&self) -> Option<super::capacity::LatencySlo> {
        let selected = self.selected_index();
        let latency = |i: usize| match self.slos.get(i)?.sli {
            SliSpec::Latency { threshold_ms } => Some(super::capacity::LatencySlo {
                index: i,
                name: self.slos[i].name.clone(),
                percentile: self.slos[i].target_percent,
                threshold_ms,
            }),
            _ => None,
        };
        latency(selected).or_else(|| (0..self.slos.len()).find_map(latency))
    }

    /// Whether the incident at `incident` (a position in `budget.incidents`) hurts the
    /// SLO at `slo`.
    pub fn hurts(&self, incident: &IncidentSpec, slo: usize) -> bool {
        incident.slos.as_ref().is_none_or(|list| list.contains(&slo))
    }
}

/// A plan whose every value the engine accepts, for its selected SLO.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPlan {
    /// The selected SLO's position in the plan, from 0.
    pub selected: usize,
    /// The selected SLO's name.
    pub slo_name: String,
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
    /// The instant budget figures are for.
    pub as_of: Instant,
    /// The incidents that hurt the selected SLO, in the order entered.
    pub incidents: Vec<Incident>,
    /// Where each of `incidents` is in the plan's incident list, from 0.
    pub incident_positions: Vec<usize>,
    /// How future spending is forecast.
    pub forecast: Forecast,
    /// Budget-policy thresholds.
    pub policy: Vec<Threshold>,
    /// The what-if incident's duration (seconds) and impact.
    pub what_if: (f64, Impact),
    /// The alert tiers, in table order.
    pub tiers: Vec<slo_engine::burn_rate::Tier>,
    /// The error rate alert quality is given for, a fraction in (0, 1].
    pub alert_error_rate: f64,
    /// The simulated incident's phases.
    pub phases: Vec<slo_engine::alert_timeline::Phase>,
    /// The capacity plan, or what it lacks to be computed.
    pub capacity: Result<ValidCapacity, String>,
    /// The risk plan.
    pub risk: ValidRisk,
    /// The price of failure, when failures are priced.
    pub money: Option<ValidMoney>,
    /// The plan's currency (ISO 4217), priced or not: the SLA's revenue and credits
    /// are in it.
    pub currency: String,
    /// The scenarios' plans, checked, with their names.
    pub scenarios: Vec<(String, ValidPlan)>,
    /// The targets the selected SLO's negotiation view compares
    /// ([`SloSpec::compared`]).
    pub compared: Vec<Target>,
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
    /// An incident label or policy action too long or with control characters.
    Text {
        /// The field's name.
        field: &'static str,
    },
    /// A metric selector that is empty, too long or has control characters.
    Selector,
    /// More incidents or thresholds than a plan holds.
    TooMany {
        /// The field's name.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// A value of the capacity or risk plan was rejected.
    Value {
        /// The field's name, e.g. `capacity.load_rps`.
        field: &'static str,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A scenario's plan was rejected.
    Scenario {
        /// The scenario's name.
        name: String,
        /// Why.
        error: Box<PlanError>,
    },
    /// The plan would not fit an encoding it is kept in.
    TooLarge {
        /// The encoding, e.g. `its link`.
        encoding: &'static str,
        /// The plan's size in it, in bytes.
        size: usize,
        /// The encoding's limit, in bytes.
        max: usize,
    },
    /// A value of an SLO other than the selected one was rejected.
    Slo {
        /// The SLO's name.
        name: String,
        /// Why.
        error: Box<PlanError>,
    },
    /// A value of the n-th incident (counting from 1) was rejected.
    Incident {
        /// Its position, from 1.
        number: usize,
        /// Why.
        error: EngineError,
    },
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
            PlanError::Text { field } => write!(
                f,
                "{field}: at most {MAX_SERVICE_NAME_CHARS} characters, with no control characters."
            ),
            PlanError::Selector => write!(
                f,
                "alerts.metric: a selector is 1 to {} characters on one line.",
                super::alerts::MAX_SELECTOR_CHARS
            ),
            PlanError::TooMany { field, max } => write!(f, "{field}: a plan holds at most {max}."),
            PlanError::Value { field, message } => write!(f, "{field}: {message}"),
            PlanError::Scenario { name, error } => write!(f, "scenario \"{name}\": {error}"),
            PlanError::Slo { name, error } => write!(f, "SLO \"{name}\": {error}"),
            PlanError::Incident { number, error } => write!(f, "incident {number}: {error}"),
            PlanError::TooLarge { encoding, size, max } => write!(
                f,
                "the plan would be too large for {encoding} ({size} bytes; at most {max}). \
                 Remove scenarios, incidents or history rows to make room."
            ),
        }
    }
}

impl std::error::Error for PlanError {}

/// Refuses a list of `len` items where a plan holds at most `max`.
fn at_most(field: &'static str, len: usize, max: usize) -> Result<(), PlanError> {
    if len > max {
        return Err(PlanError::TooMany { field, max });
    }
    Ok(())
}

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

impl ImpactSpec {
    /// The engine impact.
    ///
    /// # Errors
    /// When the percent or count is out of range.
    pub fn to_impact(self) -> Result<Impact, EngineError> {
        match self {
            ImpactSpec::Percent(p) => Impact::percent(p),
            ImpactSpec::BadRequests(n) => Impact::bad_events(n),
        }
    }
}

impl IncidentSpec {
    /// The engine incident.
    ///
    /// # Errors
    /// When the start, duration or impact is rejected.
    pub fn to_incident(&self) -> Result<Incident, EngineError> {
        Incident::new(
            Instant::parse(&self.start)?,
            self.duration_seconds,
            self.impact.to_impact()?,
        )
    }
}

impl ForecastSpec {
    /// The engine forecast.
    ///
    /// # Errors
    /// When the steady error rate is outside 0 % to 100 %.
    pub fn to_forecast(self) -> Result<Forecast, EngineError> {
        match self {
            ForecastSpec::FromHistory => Ok(Forecast::FromHistory),
            ForecastSpec::SteadyErrorRatePercent(p) if p.is_finite() && (0.0..=100.0).contains(&p) => {
                Ok(Forecast::SteadyErrorRate(p / 100.0))
            }
            ForecastSpec::SteadyErrorRatePercent(p) => Err(EngineError::ImpactOutOfRange { percent: p }),
        }
    }
}

impl SliSpec {
    /// The name an SLO of this kind usually has: `availability`, `latency`.
    pub fn typical_name(self) -> &'static str {
        match self {
            SliSpec::RequestBased => "availability",
            SliSpec::TimeBased => "uptime",
            SliSpec::Latency { .. } => "latency",
            SliSpec::Timeslice { .. } => "good minutes",
        }
    }

    /// The engine SLI kind.
    ///
    /// # Errors
    /// When a threshold or slice is out of range.
    pub fn to_sli(self) -> Result<SliKind, EngineError> {
        Ok(match self {
            SliSpec::TimeBased => SliKind::TimeBased,
            SliSpec::RequestBased => SliKind::RequestBased,
            SliSpec::Latency { threshold_ms } => {
                SliKind::Latency(LatencyThreshold::from_millis(threshold_ms)?)
            }
            SliSpec::Timeslice {
                slice_seconds,
                max_error_rate_percent,
            } => SliKind::Timeslice(Timeslice::new(slice_seconds, max_error_rate_percent / 100.0)?),
        })
    }
}

impl Plan {
    /// Checks every value against the engine.
    ///
    /// # Errors
    /// The first rejected value, named by its field.
    pub fn validate(&self) -> Result<ValidPlan, PlanError> {
        self.validate_as(true)
    }

    /// Checks the scenarios: at most [`MAX_SCENARIOS`], each named, each a valid plan
    /// holding no scenarios of its own.
    fn validate_scenarios(&self) -> Result<Vec<(String, ValidPlan)>, PlanError> {
        if self.scenarios.len() > MAX_SCENARIOS {
            return Err(PlanError::TooMany {
                field: "scenarios",
                max: MAX_SCENARIOS,
            });
        }
        self.scenarios
            .iter()
            .map(|s| {
                if !service_name_ok(&s.name) {
                    return Err(PlanError::Text {
                        field: "scenarios.name",
                    });
                }
                let error = |error| PlanError::Scenario {
                    name: s.name.clone(),
                    error: Box::new(error),
                };
                if !s.plan.scenarios.is_empty() {
                    return Err(error(PlanError::TooMany {
                        field: "scenarios.plan.scenarios",
                        max: 0,
                    }));
                }
                Ok((s.name.clone(), s.plan.validate_as(false).map_err(error)?))
            })
            .collect()
    }

    fn validate_as(&self, with_scenarios: bool) -> Result<ValidPlan, PlanError> {
        if !service_name_ok(&self.service) {
            return Err(PlanError::ServiceName);
        }
        if self.slos.is_empty() || self.slos.len() > MAX_SLOS {
            return Err(PlanError::Value {
                field: "slos",
                message: format!("a plan holds 1 to {MAX_SLOS} SLOs."),
            });
        }
        if self.selected >= self.slos.len() {
            return Err(PlanError::Value {
                field: "selected",
                message: format!("the selected SLO is one of the plan's {}.", self.slos.len()),
            });
        }
        let mut selected = None;
        for (i, slo) in self.slos.iter().enumerate() {
            let valid = slo.validate();
            if i == self.selected {
                selected = Some(valid?);
            } else if let Err(error) = valid {
                return Err(PlanError::Slo {
                    name: slo.name.clone(),
                    error: Box::new(error),
                });
            }
        }
        let slo = selected.ok_or(PlanError::Value {
            field: "selected",
            message: "the selected SLO is not in the plan.".to_owned(),
        })?;
        let budget = &self.budget;
        at_most("budget.incidents", budget.incidents.len(), MAX_INCIDENTS)?;
        at_most("budget.policy", budget.policy.len(), MAX_THRESHOLDS)?;
        let mut incidents = Vec::new();
        let mut incident_positions = Vec::new();
        for (i, spec) in budget.incidents.iter().enumerate() {
            if !service_name_ok(&spec.label) {
                return Err(PlanError::Text {
                    field: "budget.incidents.label",
                });
            }
            if let Some(list) = &spec.slos {
                if !list.windows(2).all(|w| w[0] < w[1]) || list.iter().any(|&s| s >= self.slos.len()) {
                    return Err(PlanError::Value {
                        field: "budget.incidents.slos",
                        message: format!(
                            "incident {} names SLOs that are not the plan's, or one twice.",
                            i + 1
                        ),
                    });
                }
            }
            let incident = spec
                .to_incident()
                .map_err(|error| PlanError::Incident { number: i + 1, error })?;
            if self.hurts(spec, self.selected) {
                incidents.push(incident);
                incident_positions.push(i);
            }
        }
        let policy = budget
            .policy
            .iter()
            .map(|t| {
                if !service_name_ok(&t.action) {
                    return Err(PlanError::Text {
                        field: "budget.policy.action",
                    });
                }
                field(
                    "budget.policy.remaining_percent",
                    Threshold::new(t.remaining_percent, t.action.clone()),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let what_if_duration = budget.what_if.duration_seconds;
        let what_if_impact = field(
            "budget.what_if.impact_percent",
            Impact::percent(budget.what_if.impact_percent),
        )?;
        field(
            "budget.what_if.duration_seconds",
            Instant::from_unix_seconds(0).and_then(|t| Incident::new(t, what_if_duration, what_if_impact)),
        )?;
        let as_of = field("budget.as_of", Instant::parse(&budget.as_of))?;
        // Every SLO's burn-down at this date, history and forecast, lies within the dates
        // the engine computes: no figure is a date clamped at the range's end.
        for window in self.slos.iter().filter_map(|s| s.window.to_window().ok()) {
            field("budget.as_of", slo_engine::burn_down::fits_range(window, as_of))?;
        }
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
            compared: slo.compared,
            selected: self.selected,
            slo_name: self.slos[self.selected].name.clone(),
            target: slo.target,
            window: slo.window,
            sli: slo.sli,
            traffic: field("traffic.value", self.traffic.to_traffic())?,
            reverse_window: field("reverse.window.days", self.reverse.window.to_window())?,
            reverse_downtime_seconds,
            tiers: slo.tiers,
            phases: slo.phases,
            alert_error_rate: slo.alert_error_rate,
            capacity: self
                .capacity
                .validate(as_of, self.latency_slo())
                .map_err(|(field, message)| PlanError::Value { field, message })?,
            risk: self
                .risk
                .validate(slo.window.seconds())
                .map_err(|(field, message)| PlanError::Value { field, message })?,
            money: self.money.validate(
                field("traffic.value", self.traffic.to_traffic())?,
                self.risk.revenue_per_month,
            )?,
            currency: self.money.currency.clone(),
            scenarios: if with_scenarios {
                self.validate_scenarios()?
            } else {
                Vec::new()
            },
            as_of,
            incidents,
            incident_positions,
            forecast: field("budget.forecast", budget.forecast.to_forecast())?,
            policy,
            what_if: (what_if_duration, what_if_impact),
        })
    }
}

impl ValidPlan {
    /// This plan's figures for the SLO at `index` of `plan` (the plan this was
    /// validated from): its objective, alerts and the incidents that hurt it. The
    /// capacity and risk plans stay as validated for the selected SLO, and there are no
    /// scenarios: enough for a list of every SLO's budget and alerts, at the cost of
    /// checking one SLO.
    ///
    /// # Errors
    /// When `index` is not one of the plan's SLOs or that SLO is invalid.
    pub fn for_slo(&self, plan: &Plan, index: usize) -> Result<ValidPlan, PlanError> {
        let spec = plan.slos.get(index).ok_or(PlanError::Value {
            field: "selected",
            message: format!("the plan has {} SLOs.", plan.slos.len()),
        })?;
        let slo = spec.validate()?;
        let mut incidents = Vec::new();
        let mut incident_positions = Vec::new();
        for (i, incident) in plan.budget.incidents.iter().enumerate() {
            if plan.hurts(incident, index) {
                incidents.push(
                    incident
                        .to_incident()
                        .map_err(|error| PlanError::Incident { number: i + 1, error })?,
                );
                incident_positions.push(i);
            }
        }
        Ok(ValidPlan {
            selected: index,
            slo_name: spec.name.clone(),
            target: slo.target,
            window: slo.window,
            sli: slo.sli,
            tiers: slo.tiers,
            phases: slo.phases,
            alert_error_rate: slo.alert_error_rate,
            compared: slo.compared,
            incidents,
            incident_positions,
            scenarios: Vec::new(),
            ..self.clone_without_scenarios()
        })
    }

    fn clone_without_scenarios(&self) -> ValidPlan {
        ValidPlan {
            selected: self.selected,
            slo_name: String::new(),
            target: self.target,
            window: self.window,
            sli: self.sli,
            traffic: self.traffic,
            reverse_window: self.reverse_window,
            reverse_downtime_seconds: self.reverse_downtime_seconds,
            as_of: self.as_of,
            incidents: Vec::new(),
            incident_positions: Vec::new(),
            forecast: self.forecast,
            policy: self.policy.clone(),
            what_if: self.what_if,
            tiers: Vec::new(),
            alert_error_rate: self.alert_error_rate,
            phases: Vec::new(),
            capacity: self.capacity.clone(),
            risk: self.risk.clone(),
            money: self.money.clone(),
            currency: self.currency.clone(),
            scenarios: Vec::new(),
            compared: Vec::new(),
        }
    }
}

/// An SLO whose every value the engine accepts.
struct ValidSlo {
    target: Target,
    window: Window,
    sli: SliKind,
    tiers: Vec<slo_engine::burn_rate::Tier>,
    phases: Vec<slo_engine::alert_timeline::Phase>,
    alert_error_rate: f64,
    compared: Vec<Target>,
}

impl SloSpec {
    /// Checks the SLO's own values.
    fn validate(&self) -> Result<ValidSlo, PlanError> {
        if self.name.trim().is_empty() || !service_name_ok(&self.name) {
            return Err(PlanError::Text { field: "slos.name" });
        }
        let sli_field = match self.sli {
            SliSpec::Latency { .. } => "sli.threshold_ms",
            SliSpec::Timeslice { .. } => "sli.timeslice",
            _ => "sli",
        };
        let alerts = &self.alerts;
        at_most("alerts.tiers", alerts.tiers.len(), MAX_TIERS)?;
        at_most("alerts.incident", alerts.incident.len(), MAX_PHASES)?;
        let p = alerts.error_rate_percent;
        field("alerts.error_rate_percent", Impact::percent(p))?;
        if let Some(metric) = &alerts.metric {
            if !selector_ok(&metric.numerator) || !selector_ok(&metric.total) {
                return Err(PlanError::Selector);
            }
        }
        at_most("candidates", self.candidates.len(), MAX_CANDIDATES)?;
        let compared = self
            .compared()
            .iter()
            .map(|c| field("candidates", Target::from_percent(*c)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ValidSlo {
            compared,
            target: field("target_percent", Target::from_percent(self.target_percent))?,
            window: field("window.days", self.window.to_window())?,
            sli: field(sli_field, self.sli.to_sli())?,
            tiers: alerts
                .tiers
                .iter()
                .map(|t| field("alerts.tiers", t.to_tier()))
                .collect::<Result<Vec<_>, _>>()?,
            phases: alerts
                .incident
                .iter()
                .map(|p| field("alerts.incident", p.to_phase()))
                .collect::<Result<Vec<_>, _>>()?,
            alert_error_rate: p / 100.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_whose_rolling_forecast_passes_9999_is_refused_at_the_field() {
        let mut plan = Plan::default();
        plan.budget.as_of = "9999-12-20T00:00:00Z".to_owned();
        let error = plan.validate().unwrap_err();
        assert!(
            matches!(
                error,
                PlanError::Field {
                    field: "budget.as_of",
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("30-day rolling window"), "{error}");
        // A calendar month at the same date ends with the year 9999.
        plan.slo_mut().window = WindowSpec::CalendarMonth;
        assert!(plan.validate().is_ok());
    }

    #[test]
    fn the_default_plan_is_valid() {
        Plan::default().validate().unwrap();
    }

    #[test]
    fn each_impossible_value_is_named() {
        type Breakage = fn(&mut Plan);
        let cases: [(Breakage, &str); 6] = [
            (|p| p.slo_mut().target_percent = 100.0, "target_percent"),
            (|p| p.slo_mut().target_percent = f64::NAN, "target_percent"),
            (
                |p| p.slo_mut().window = WindowSpec::Rolling { days: 0 },
                "window.days",
            ),
            (|p| p.traffic.value = 0.0, "traffic.value"),
            (
                |p| p.slo_mut().sli = SliSpec::Latency { threshold_ms: -1.0 },
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
