//! The burn-rate alert policy as stored in a plan (version 1, field `alerts`).

use super::exact;
use serde::{Deserialize, Serialize};
use slo_engine::burn_rate::{workbook_tiers, Severity, Tier};
use slo_engine::EngineError;

/// The most alert tiers a plan holds.
pub const MAX_TIERS: usize = 8;
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
    #[serde(deserialize_with = "exact::f64")]
    pub long_seconds: f64,
    /// Short window, seconds (below the long window).
    #[serde(deserialize_with = "exact::f64")]
    pub short_seconds: f64,
    /// Burn-rate threshold (above 0).
    #[serde(deserialize_with = "exact::f64")]
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

/// The alert policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsSpec {
    /// The tiers, in table order.
    pub tiers: Vec<TierSpec>,
    /// The error rate the quality figures are given for, percent in (0, 100].
    #[serde(deserialize_with = "exact::f64")]
    pub error_rate_percent: f64,
    /// The counters of the exported rules.
    pub metric: MetricSpec,
}

impl TierSpec {
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
    workbook_tiers(slo_window)
        .into_iter()
        .map(TierSpec::from_tier)
        .collect()
}

impl Default for AlertsSpec {
    /// The SRE Workbook's tiers for a 30-day window, quality at a 2 % error rate, and
    /// the conventional `http_requests_total` counters.
    fn default() -> Self {
        AlertsSpec {
            tiers: workbook_preset(30.0 * 86_400.0),
            error_rate_percent: 2.0,
            metric: MetricSpec {
                ratio: RatioSpec::BadOverTotal,
                numerator: "http_requests_total{job=\"my-service\",code=~\"5..\"}".to_owned(),
                total: "http_requests_total{job=\"my-service\"}".to_owned(),
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
