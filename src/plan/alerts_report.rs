//! What the Alerts page shows, derived from a valid plan in one call.

use super::alerts::{MetricSpec, RatioSpec};
use super::model::ValidPlan;
use crate::export::prometheus::{duration, rules, Ratio, RulesInput};
use slo_engine::burn_rate::{quality, Severity, Tier};
use slo_engine::explain::Explanation;
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};

/// One tier's line.
#[derive(Debug, Clone, PartialEq)]
pub struct TierRow {
    /// "page" or "ticket".
    pub severity: &'static str,
    /// Burn-rate threshold, e.g. `14.4`.
    pub burn_rate: String,
    /// Share of the budget spent when it fires, percent, e.g. `2`.
    pub budget_percent: String,
    /// Seconds to fire at the chosen error rate, if it fires.
    pub time_to_fire: Option<f64>,
    /// The same for reading, or "never at this rate".
    pub time_to_fire_text: String,
    /// Seconds to reset after the errors stop.
    pub reset_seconds: f64,
    /// The same for reading.
    pub reset_text: String,
    /// The lowest error rate it detects, e.g. `1.44%`.
    pub min_error_rate: String,
    /// How the figures are computed.
    pub explained: Explanation,
}

/// The Alerts page's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertsReport {
    /// One line per tier, in table order.
    pub tiers: Vec<TierRow>,
    /// Time to exhaust the whole budget at the chosen error rate.
    pub exhaustion: String,
    /// What a user must know: tiers that cannot help, pages on one error, redundancy.
    pub warnings: Vec<String>,
    /// The Prometheus rules.
    pub rules_yaml: String,
}

fn severity(tier: Tier) -> &'static str {
    match tier.severity() {
        Severity::Page => "page",
        Severity::Ticket => "ticket",
    }
}

fn warnings(plan: &ValidPlan, window: f64) -> Vec<String> {
    let mut out = Vec::new();
    let rate = plan.traffic.requests_per_second();
    for (i, tier) in plan.tiers.iter().enumerate() {
        let share = tier.budget_share(window);
        if share >= 1.0 {
            out.push(format!(
                "Tier {i} lets {}% of the budget burn before it can fire: the budget is gone first.",
                grouped(share * 100.0, 1)
            ));
        }
        let theta = tier.error_threshold(plan.target);
        if theta > 1.0 {
            out.push(format!(
                "Tier {i} needs an error rate of {}%: it can never fire.",
                grouped(theta * 100.0, 1)
            ));
        }
        let lowest_traffic = 1.0 / (theta * tier.short());
        if rate < lowest_traffic {
            out.push(format!(
                "Tier {i} pages on a single failed request: at {} req/s one error in its {} window is \
                 {}% errors, above its {}% threshold. It takes at least {} req/s for one error not to \
                 trip it.",
                grouped(rate, 3),
                duration(tier.short()),
                grouped(100.0 / (rate * tier.short()), 3),
                grouped(theta * 100.0, 4),
                grouped(lowest_traffic, 3)
            ));
        }
        for (j, other) in plan.tiers.iter().enumerate().take(i) {
            let dominates = other.severity() == tier.severity()
                && other.error_threshold(plan.target) <= theta
                && other.long() * other.burn_rate() <= tier.long() * tier.burn_rate();
            if dominates {
                out.push(format!(
                    "Tier {i} overlaps tier {j}: tier {j} detects every error rate tier {i} detects, at \
                     least as fast, with the same severity."
                ));
            }
        }
    }
    out
}

/// Derives the Alerts page from a valid plan.
pub fn alerts_report(plan: &ValidPlan, metric: &MetricSpec, service: &str) -> AlertsReport {
    let window = plan.window.seconds();
    let e = plan.alert_error_rate;
    let tiers = plan
        .tiers
        .iter()
        .map(|&tier| {
            let q = quality(tier, plan.target, window, e);
            let theta = tier.error_threshold(plan.target);
            TierRow {
                severity: severity(tier),
                burn_rate: grouped(tier.burn_rate(), 3),
                budget_percent: trim_decimals(tier.budget_share(window) * 100.0, 2),
                time_to_fire: q.time_to_fire,
                time_to_fire_text: q
                    .time_to_fire
                    .map_or("never at this rate".to_owned(), human_duration),
                reset_seconds: q.reset_time,
                reset_text: human_duration(q.reset_time),
                min_error_rate: format!("{}%", percent(theta * 100.0)),
                explained: Explanation {
                    formula: "time to fire = long window × burn rate × (1 − target) ÷ error rate; \
                              reset = short window × (1 − burn rate × (1 − target) ÷ error rate)"
                        .to_owned(),
                    substituted: format!(
                        "{} s × {} × {} ÷ {}; {} s × (1 − {} ÷ {})",
                        grouped(tier.long(), 0),
                        grouped(tier.burn_rate(), 3),
                        grouped(plan.target.budget_fraction(), 9),
                        grouped(e, 6),
                        grouped(tier.short(), 0),
                        grouped(theta, 6),
                        grouped(e, 6)
                    ),
                    result: format!(
                        "fires after {}, having spent {}% of the budget; resets {} after the errors stop",
                        q.time_to_fire.map_or("never".to_owned(), human_duration),
                        trim_decimals(tier.budget_share(window) * 100.0, 2),
                        human_duration(q.reset_time)
                    ),
                    convention: Some(format!("SLO window {} s", grouped(window, 0))),
                },
            }
        })
        .collect();
    let exhaustion = human_duration(window * plan.target.budget_fraction() / e);
    let rules_yaml = rules(&RulesInput {
        service,
        target: plan.target,
        numerator: &metric.numerator,
        total: &metric.total,
        ratio: match metric.ratio {
            RatioSpec::BadOverTotal => Ratio::BadOverTotal,
            RatioSpec::GoodOverTotal => Ratio::GoodOverTotal,
        },
        tiers: &plan.tiers,
    });
    AlertsReport {
        tiers,
        exhaustion,
        warnings: warnings(plan, window),
        rules_yaml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    #[test]
    fn workbook_tiers_at_three_nines_over_thirty_days() {
        let plan = Plan {
            alerts: crate::plan::alerts::AlertsSpec {
                error_rate_percent: 100.0,
                ..Default::default()
            },
            ..Plan::default()
        };
        let r = alerts_report(&plan.validate().unwrap(), &plan.alerts.metric, &plan.service);
        let first = &r.tiers[0];
        assert_eq!(first.burn_rate, "14.4");
        assert_eq!(first.budget_percent, "2");
        assert_eq!(first.time_to_fire_text, "51.8s");
        assert_eq!(trim_decimals(first.time_to_fire.unwrap(), 3), "51.84");
        assert_eq!(first.min_error_rate, "1.44%");
        assert_eq!(r.exhaustion, "43m 12s");
        assert!(r.rules_yaml.contains("ErrorBudgetBurn_page_1h"));
    }

    #[test]
    fn low_traffic_and_overlap_are_warned() {
        let mut plan = Plan::default();
        plan.traffic.value = 0.01;
        plan.alerts.tiers.push(plan.alerts.tiers[3]);
        let r = alerts_report(&plan.validate().unwrap(), &plan.alerts.metric, &plan.service);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("pages on a single failed request")),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("Tier 4 overlaps tier 3")),
            "{:?}",
            r.warnings
        );
    }
}
