//! The burn-rate alert policy as stored in a plan (field `alerts`, since format
//! version 2), with the incident the simulator plays through it.

use crate::SliSpec;
use serde::{Deserialize, Serialize};
use slo_engine::alert_timeline::Phase;
use slo_engine::burn_rate::{Preset, Severity, Tier};
use slo_engine::EngineError;

/// The most alert tiers a plan holds.
pub const MAX_TIERS: usize = 8;
/// The most phases a simulated incident has.
pub const MAX_PHASES: usize = 6;
/// The longest metric selector kept, in characters.
pub const MAX_SELECTOR_CHARS: usize = 500;

/// Who a tier alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeveritySpec {
    /// Wakes someone up.
    Page,
    /// A ticket for working hours.
    Ticket,
}

/// One alert tier as entered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierSpec {
    /// Who it alerts.
    pub severity: SeveritySpec,
    /// Long window, seconds.
    pub long_seconds: f64,
    /// Short window, seconds (below the long window).
    pub short_seconds: f64,
    /// Burn-rate threshold (above 0).
    pub burn_rate: f64,
}

/// How the SLI's counters divide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatioSpec {
    /// The numerator counts bad events.
    BadOverTotal,
    /// The numerator counts good events.
    GoodOverTotal,
}

/// The Prometheus counters the rules are written for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    /// Bad or good events.
    pub ratio: RatioSpec,
    /// Selector of the bad (or good) events counter.
    pub numerator: String,
    /// Selector of the all-events counter.
    pub total: String,
}

/// One phase of the simulated incident: errors going linearly from one rate to another.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpec {
    /// When it starts, seconds after the incident's start.
    pub start_seconds: f64,
    /// How long it lasts, seconds.
    pub duration_seconds: f64,
    /// Error rate at its start, percent.
    pub from_percent: f64,
    /// Error rate at its end, percent (equal to `from_percent` for a step).
    pub to_percent: f64,
}

impl PhaseSpec {
    /// The engine phase.
    ///
    /// # Errors
    /// When it starts before 0, lasts no time, ends after 90 days or has a rate
    /// outside 0–100 %.
    pub fn to_phase(self) -> Result<Phase, EngineError> {
        Phase::new(
            self.start_seconds,
            self.duration_seconds,
            self.from_percent / 100.0,
            self.to_percent / 100.0,
        )
    }
}

/// Shapes of incident the simulator offers as starting points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 5 % errors for 30 minutes.
    Step,
    /// Errors climbing from 0 to 10 % over 3 hours.
    Ramp,
    /// A full outage for 2 minutes.
    Spike,
    /// A spike, a lull at 1 %, then a slow burn at 0.5 % for a day.
    Phases,
}

impl Shape {
    /// Every shape, in the order the UI offers them.
    pub const ALL: [Shape; 4] = [Shape::Step, Shape::Ramp, Shape::Spike, Shape::Phases];

    /// The shape's name.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Step => "Step",
            Shape::Ramp => "Ramp",
            Shape::Spike => "Spike",
            Shape::Phases => "Several phases",
        }
    }

    /// Its phases.
    pub fn phases(self) -> Vec<PhaseSpec> {
        let phase = |start_seconds, duration_seconds, from_percent, to_percent| PhaseSpec {
            start_seconds,
            duration_seconds,
            from_percent,
            to_percent,
        };
        match self {
            Shape::Step => vec![phase(0.0, 1_800.0, 5.0, 5.0)],
            Shape::Ramp => vec![phase(0.0, 10_800.0, 0.0, 10.0)],
            Shape::Spike => vec![phase(0.0, 120.0, 100.0, 100.0)],
            Shape::Phases => vec![
                phase(0.0, 300.0, 50.0, 50.0),
                phase(300.0, 3_600.0, 1.0, 1.0),
                phase(3_900.0, 86_400.0, 0.5, 0.5),
            ],
        }
    }
}

/// The alert policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsSpec {
    /// The tiers, in table order.
    pub tiers: Vec<TierSpec>,
    /// The error rate the quality figures are given for, percent in (0, 100].
    pub error_rate_percent: f64,
    /// The counters of the exported rules, as the user set them; `None` (left out of the
    /// JSON) while they follow the service's name and the SLI ([`MetricSpec::derived`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<MetricSpec>,
    /// The incident the simulator plays through the tiers, in phases.
    pub incident: Vec<PhaseSpec>,
}

impl TierSpec {
    /// The share of the budget, in percent, that this tier lets burn before it fires
    /// over an SLO window of `slo_window` seconds: `burn rate × long window ÷ SLO window`.
    pub fn budget_share_percent(self, slo_window: f64) -> f64 {
        self.burn_rate * self.long_seconds / slo_window * 100.0
    }

    /// The tier with the burn rate that lets `percent` of the budget burn before it
    /// fires over an SLO window of `slo_window` seconds (the inverse of
    /// [`TierSpec::budget_share_percent`], as `Tier::from_budget_share` sets it).
    #[must_use]
    pub fn with_budget_share_percent(self, percent: f64, slo_window: f64) -> Self {
        TierSpec {
            burn_rate: percent / 100.0 * slo_window / self.long_seconds,
            ..self
        }
    }

    /// The engine tier.
    ///
    /// # Errors
    /// When the windows are out of order or the burn rate is not positive.
    pub fn to_tier(self) -> Result<Tier, EngineError> {
        let severity = match self.severity {
            SeveritySpec::Page => Severity::Page,
            SeveritySpec::Ticket => Severity::Ticket,
        };
        Tier::new(severity, self.long_seconds, self.short_seconds, self.burn_rate)
    }

    /// The stored form of an engine tier.
    pub fn from_tier(tier: Tier) -> Self {
        TierSpec {
            severity: match tier.severity() {
                Severity::Page => SeveritySpec::Page,
                Severity::Ticket => SeveritySpec::Ticket,
            },
            long_seconds: tier.long(),
            short_seconds: tier.short(),
            burn_rate: tier.burn_rate(),
        }
    }
}

/// The SRE Workbook's tiers for an SLO window of `slo_window` seconds.
pub fn workbook_preset(slo_window: f64) -> Vec<TierSpec> {
    preset(Preset::Workbook, slo_window)
}

/// A preset's tiers for an SLO window of `slo_window` seconds.
pub fn preset(preset: Preset, slo_window: f64) -> Vec<TierSpec> {
    preset
        .tiers(slo_window)
        .into_iter()
        .map(TierSpec::from_tier)
        .collect()
}

impl Default for AlertsSpec {
    /// The SRE Workbook's tiers for a 30-day window, quality at a 2 % error rate,
    /// counters that follow the service's name, and a 30-minute step of 5 % errors.
    fn default() -> Self {
        AlertsSpec {
            tiers: workbook_preset(30.0 * 86_400.0),
            error_rate_percent: 2.0,
            metric: None,
            incident: Shape::Step.phases(),
        }
    }
}

impl MetricSpec {
    /// The conventional counters of an SLI of kind `sli` for the service `service`
    /// (its Prometheus `job` label): `http_requests_total` by status code for
    /// availability and timeslices, the `http_request_duration_seconds` histogram's
    /// bucket at the threshold for latency, and the probe's success counter for
    /// time-based availability.
    pub fn derived(service: &str, sli: SliSpec) -> MetricSpec {
        let job = format!("job={}", crate::export::prometheus::quoted(service));
        match sli {
            SliSpec::RequestBased | SliSpec::Timeslice { .. } => MetricSpec {
                ratio: RatioSpec::BadOverTotal,
                numerator: format!("http_requests_total{{{job},code=~\"5..\"}}"),
                total: format!("http_requests_total{{{job}}}"),
            },
            SliSpec::Latency { threshold_ms } => MetricSpec {
                ratio: RatioSpec::GoodOverTotal,
                numerator: format!(
                    "http_request_duration_seconds_bucket{{{job},le=\"{}\"}}",
                    slo_engine::notation::trim_decimals(threshold_ms / 1_000.0, 6)
                ),
                total: format!("http_request_duration_seconds_count{{{job}}}"),
            },
            SliSpec::TimeBased => MetricSpec {
                ratio: RatioSpec::GoodOverTotal,
                numerator: format!("probe_success_total{{{job}}}"),
                total: format!("probe_total{{{job}}}"),
            },
        }
    }
}

/// Whether a metric selector is acceptable: not empty, not too long, one line.
pub fn selector_ok(selector: &str) -> bool {
    !selector.trim().is_empty()
        && selector.chars().count() <= MAX_SELECTOR_CHARS
        && !selector.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use slo_engine::tolerance::assert_close;

    #[test]
    fn a_budget_share_sets_the_burn_rate_the_engine_would() {
        const MONTH: f64 = 30.0 * 86_400.0;
        let tier = TierSpec {
            severity: SeveritySpec::Page,
            long_seconds: 3_600.0,
            short_seconds: 300.0,
            burn_rate: 1.0,
        }
        .with_budget_share_percent(2.0, MONTH);
        // SRE Workbook, table 5-8: 2 % of a 30-day budget in 1 hour is a 14.4× burn.
        assert_close(tier.burn_rate, 14.4);
        assert_close(tier.budget_share_percent(MONTH), 2.0);
        let engine = Tier::from_budget_share(Severity::Page, 3_600.0, 0.02, MONTH).unwrap();
        assert_close(tier.burn_rate, engine.burn_rate());
    }
}
