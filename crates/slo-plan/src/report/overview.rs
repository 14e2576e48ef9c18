//! The plan at a glance: every SLO with its budget, what is left, how fast its alerts
//! detect an incident, and the warnings of every page, for the Overview page and the
//! opening of the Markdown report.

use super::capacity::capacity_report;
use super::slos::{slo_rows, SloRow};
use crate::model::{Plan, ValidPlan};
use slo_engine::burn_rate::{quality, Severity};
use slo_engine::notation::{human_duration, percent};
use slo_engine::time::Instant;

/// What the planner is for, in two sentences.
pub const PURPOSE: &str = "slo-planner turns a service's reliability targets into what they allow: \
    downtime and bad requests, the budget incidents spend, the alerts that guard it, the capacity and \
    dependencies it needs. Everything runs in your browser, and the link is the whole plan.";

/// One SLO at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    /// Its objective and budget, as on the Targets page's list.
    pub slo: SloRow,
    /// How long its fastest page takes to fire at its alert error rate, e.g.
    /// `43m 12s at 2% errors`, or why none does.
    pub page_detection: String,
    /// The same for its fastest ticket.
    pub ticket_detection: String,
}

/// The Overview page.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewReport {
    /// The service's name.
    pub service: String,
    /// Each SLO, in the plan's order.
    pub rows: Vec<OverviewRow>,
    /// When the demand outgrows today's fleet, in words.
    pub capacity: String,
    /// The dependencies' composite availability, e.g. `99.85%`.
    pub ceiling: String,
    /// What needs attention, page by page.
    pub warnings: Vec<String>,
}

/// The plan at a glance, from `plan` validated as `valid`.
pub fn overview_report(plan: &Plan, valid: &ValidPlan) -> OverviewReport {
    let mut warnings = Vec::new();
    let composite = valid.risk.tree.availability();
    let capacity = match &valid.capacity {
        Ok(v) => {
            let report = capacity_report(&plan.capacity, v);
            if let Some(date) = &report.exhaustion {
                let runs_out = Instant::parse(date).ok();
                let window_end = valid.as_of.plus_seconds(valid.window.seconds());
                if runs_out.is_some_and(|t| t <= window_end) {
                    warnings.push(format!(
                        "Capacity: the peak outgrows today's fleet on {date}, within the SLO window (Capacity page)."
                    ));
                }
            }
            if let Some(c) = &report.contradiction {
                warnings.push(format!("Capacity: {c} (Capacity page)"));
            }
            report.exhaustion_text
        }
        Err(reason) => reason.clone(),
    };
    let rows: Vec<OverviewRow> = slo_rows(plan, valid)
        .into_iter()
        .enumerate()
        .filter_map(|(i, slo)| {
            let one = valid.for_slo(plan, i).ok()?;
            if one.target.fraction() > composite {
                warnings.push(format!(
                    "{}: the target {}% is above the {}% the dependencies allow (Risk page).",
                    slo.name,
                    slo.target_percent,
                    percent(composite * 100.0)
                ));
            }
            let e = one.alert_error_rate;
            let window = one.window.seconds();
            let fastest = |severity: Severity| {
                let tiers: Vec<_> = one.tiers.iter().filter(|t| t.severity() == severity).collect();
                if tiers.is_empty() {
                    return format!("no {} tier", severity.name());
                }
                tiers
                    .iter()
                    .filter_map(|t| quality(**t, one.target, window, e).time_to_fire)
                    .min_by(f64::total_cmp)
                    .map_or(format!("none fires at {}% errors", percent(e * 100.0)), |s| {
                        format!("{} at {}% errors", human_duration(s), percent(e * 100.0))
                    })
            };
            let silent = one
                .tiers
                .iter()
                .filter(|t| quality(**t, one.target, window, e).time_to_fire.is_none())
                .count();
            if silent > 0 {
                warnings.push(format!(
                    "{}: {silent} alert tier{} cannot fire at {}% errors (Alerts page).",
                    slo.name,
                    if silent == 1 { "" } else { "s" },
                    percent(e * 100.0)
                ));
            }
            if slo.left_percent.parse::<f64>().is_ok_and(|left| left <= 0.0) {
                warnings.push(format!("{}: the error budget is spent (Budget page).", slo.name));
            }
            Some(OverviewRow {
                page_detection: fastest(Severity::Page),
                ticket_detection: fastest(Severity::Ticket),
                slo,
            })
        })
        .collect();
    for (i, incident) in plan.budget.incidents.iter().enumerate() {
        if incident.slos.as_ref().is_some_and(Vec::is_empty) {
            warnings.push(format!(
                "Incident {} (“{}”) hurts none of the SLOs, so it spends no budget: tick the SLOs it hurt (Budget page).",
                i + 1,
                incident.label
            ));
        }
    }
    OverviewReport {
        service: plan.service.clone(),
        rows,
        capacity,
        ceiling: format!("{}%", percent(composite * 100.0)),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::PlanEdit;

    #[test]
    fn the_default_plan_at_a_glance() {
        let plan = Plan::default();
        let r = overview_report(&plan, &plan.validate().unwrap());
        assert_eq!(r.rows.len(), 1);
        // SRE Workbook, table 5-8: at 2 % errors the 14.4× 1 h page fires after 43.2 min.
        assert_eq!(r.rows[0].page_detection, "43m 12s at 2% errors");
        assert_eq!(r.rows[0].slo.budget_seconds, "2592");
    }

    #[test]
    fn a_target_above_the_dependencies_and_a_tier_that_cannot_fire_are_warned_of() {
        let plan = Plan::default()
            .with(PlanEdit::Target { percent: 99.999 })
            .with(PlanEdit::AlertErrorRate { percent: 0.0005 });
        let r = overview_report(&plan, &plan.validate().unwrap());
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("availability: the target 99.999% is above")),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("cannot fire")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn an_incident_left_hurting_no_slo_and_a_contradicting_capacity_are_warned_of() {
        let latency = crate::templates::TEMPLATES[0].slos[1].to_slo();
        let mut plan = Plan::default()
            .with(PlanEdit::AddSlo {
                slo: Box::new(latency),
            })
            .with(PlanEdit::AddIncident);
        plan.budget.incidents[0].slos = Some(vec![1]);
        plan.capacity.per_instance_rps = 1_000.0;
        let plan = plan.with(PlanEdit::RemoveSlo { index: 1 });
        let r = overview_report(&plan, &plan.validate().unwrap());
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("Incident 1 (") && w.contains("hurts none of the SLOs")),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("more than its queue model can serve")),
            "{:?}",
            r.warnings
        );
    }
}
