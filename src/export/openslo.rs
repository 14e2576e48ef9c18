//! The plan's SLO as OpenSLO v1 documents (`../shared/openslo/SPEC.md`): a Service, an
//! SLI (a ratio of the plan's Prometheus counters), the SLO (objective, time window,
//! budgeting method, alert policies) and one AlertPolicy per burn-rate tier with its
//! AlertCondition inlined.
//!
//! Work in progress (branch `wip/openslo`): not yet on a page.
//!
//! What OpenSLO cannot say is written as a comment: a burn-rate condition has one
//! lookback window, so a tier's short window is not part of the condition.

use super::prometheus::duration;
use crate::plan::{Plan, SliSpec, ValidPlan};
use slo_engine::burn_rate::Severity;
use slo_engine::decimal::shortest;
use slo_engine::Window;
use std::fmt::Write;

/// A name OpenSLO accepts (DNS label style): lower case, digits and `-`.
fn name(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "service".to_owned()
    } else {
        out
    }
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The time window: a rolling window in days, or a calendar month, quarter or year.
fn time_window(out: &mut String, window: Window) {
    let _ = match window {
        Window::Rolling { days } => writeln!(
            out,
            "  timeWindow:\n    - duration: {days}d\n      isRolling: true"
        ),
        calendar => {
            let duration = match calendar {
                Window::CalendarMonth => "1M",
                Window::CalendarQuarter => "1Q",
                _ => "1Y",
            };
            writeln!(
                out,
                "  timeWindow:\n    - duration: {duration}\n      calendar:\n        startTime: 2026-01-01 00:00:00\n        timeZone: UTC\n      isRolling: false"
            )
        }
    };
}

/// The OpenSLO documents of `plan` (checked as `valid`).
pub fn openslo(plan: &Plan, valid: &ValidPlan) -> String {
    let service = name(&plan.service);
    let sli = format!("{service}-sli");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: {service}\n  displayName: {}\nspec:\n  description: Planned with slo-planner\n---",
        quoted(&plan.service)
    );
    let metric = &plan.alerts.metric;
    let (good_or_bad, numerator) = match metric.ratio {
        crate::plan::alerts::RatioSpec::GoodOverTotal => ("good", &metric.numerator),
        crate::plan::alerts::RatioSpec::BadOverTotal => ("bad", &metric.numerator),
    };
    let _ = writeln!(
        out,
        "apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: {sli}\nspec:\n  ratioMetric:\n    counter: true\n    {good_or_bad}:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: {}\n    total:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: {}\n---",
        quoted(numerator),
        quoted(&metric.total)
    );
    let method = match plan.sli {
        SliSpec::TimeBased | SliSpec::Timeslice { .. } => "Timeslices",
        SliSpec::RequestBased | SliSpec::Latency { .. } => "Occurrences",
    };
    let _ = writeln!(
        out,
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: {service}-slo\nspec:\n  service: {service}\n  indicatorRef: {sli}"
    );
    time_window(&mut out, valid.window);
    let _ = writeln!(
        out,
        "  budgetingMethod: {method}\n  objectives:\n    - displayName: {}\n      target: {}",
        quoted(&format!(
            "{}% over {}",
            shortest(plan.target_percent),
            valid.window.label()
        )),
        slo_engine::notation::trim_decimals(valid.target.fraction(), 12)
    );
    match plan.sli {
        SliSpec::Timeslice {
            slice_seconds,
            max_error_rate_percent,
        } => {
            let _ = writeln!(
                out,
                "      timeSliceTarget: {}\n      timeSliceWindow: {}",
                shortest(1.0 - max_error_rate_percent / 100.0),
                duration(slice_seconds)
            );
        }
        SliSpec::TimeBased => {
            let _ = writeln!(out, "      timeSliceTarget: 1\n      timeSliceWindow: 1m");
        }
        _ => {}
    }
    let policies: Vec<String> = valid
        .tiers
        .iter()
        .enumerate()
        .map(|(i, _)| format!("{service}-tier-{i}"))
        .collect();
    if !policies.is_empty() {
        out.push_str("  alertPolicies:\n");
        for p in &policies {
            let _ = writeln!(out, "    - alertPolicyRef: {p}");
        }
    }
    for (tier, policy) in valid.tiers.iter().zip(&policies) {
        let severity = match tier.severity() {
            Severity::Page => "page",
            Severity::Ticket => "ticket",
        };
        let _ = writeln!(
            out,
            "---\napiVersion: openslo/v1\nkind: AlertPolicy\nmetadata:\n  name: {policy}\nspec:\n  alertWhenBreaching: true\n  alertWhenResolved: false\n  alertWhenNoData: false\n  conditions:\n    # The tier's short window ({}) has no place in an OpenSLO burn-rate condition.\n    - kind: AlertCondition\n      metadata:\n        name: {policy}-burn-rate\n      spec:\n        severity: {severity}\n        condition:\n          kind: burnrate\n          op: gte\n          threshold: {}\n          lookbackWindow: {}\n          alertAfter: 0m\n  notificationTargets: []",
            duration(tier.short()),
            shortest(tier.burn_rate()),
            duration(tier.long())
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::yaml::{documents, Yaml};

    #[test]
    fn the_default_plan_exports_service_sli_slo_and_a_policy_per_tier() {
        let plan = Plan::default();
        let text = openslo(&plan, &plan.validate().unwrap());
        let docs = documents(&text.replace("notificationTargets: []", "notificationTargets:")).unwrap();
        let kinds: Vec<&str> = docs
            .iter()
            .filter_map(|d| d.get("kind").and_then(Yaml::text))
            .collect();
        assert_eq!(
            kinds,
            [
                "Service",
                "SLI",
                "SLO",
                "AlertPolicy",
                "AlertPolicy",
                "AlertPolicy",
                "AlertPolicy"
            ]
        );
        for d in &docs {
            assert_eq!(d.get("apiVersion").and_then(Yaml::text), Some("openslo/v1"));
        }
        let slo = docs[2].get("spec").unwrap();
        assert_eq!(
            slo.get("budgetingMethod").and_then(Yaml::text),
            Some("Occurrences")
        );
        let Some(Yaml::Seq(objectives)) = slo.get("objectives") else {
            panic!()
        };
        assert_eq!(objectives[0].get("target").and_then(Yaml::text), Some("0.999"));
        let Some(Yaml::Seq(window)) = slo.get("timeWindow") else {
            panic!()
        };
        assert_eq!(window[0].get("duration").and_then(Yaml::text), Some("30d"));
        let Some(Yaml::Seq(conditions)) = docs[3].get("spec").unwrap().get("conditions") else {
            panic!()
        };
        let condition = conditions[0].get("spec").unwrap().get("condition").unwrap();
        assert_eq!(condition.get("threshold").and_then(Yaml::text), Some("14.4"));
        assert_eq!(condition.get("lookbackWindow").and_then(Yaml::text), Some("1h"));
    }
}
