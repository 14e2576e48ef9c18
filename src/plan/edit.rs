//! Edits: the only way the UI changes a plan. Each carries already-validated values.

use super::model::{
    ForecastSpec, ImpactSpec, IncidentSpec, Plan, SliSpec, ThresholdSpec, TrafficSpec, WhatIfSpec,
    WindowSpec, MAX_INCIDENTS, MAX_THRESHOLDS,
};
use slo_engine::time::Instant;

/// One change the user made.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEdit {
    /// Renames the service.
    Service {
        /// The new name (checked by `input::service_name`).
        name: String,
    },
    /// Sets the SLO target.
    Target {
        /// Percent in (0, 100).
        percent: f64,
    },
    /// Sets the SLO window.
    Window {
        /// The new window.
        window: WindowSpec,
    },
    /// Sets what the SLI counts.
    Sli {
        /// The new SLI kind.
        sli: SliSpec,
    },
    /// Sets the traffic.
    Traffic {
        /// The new traffic.
        traffic: TrafficSpec,
    },
    /// Sets the reverse calculator's downtime.
    ReverseDowntime {
        /// Seconds, at least 0.
        seconds: f64,
    },
    /// Sets the reverse calculator's window.
    ReverseWindow {
        /// The new window.
        window: WindowSpec,
    },
    /// Sets the instant the budget figures are for.
    AsOf {
        /// ISO 8601 UTC, as written by `Instant`'s `Display`.
        as_of: String,
    },
    /// Adds an incident: a 30-minute full outage a day before `as_of`.
    AddIncident,
    /// Replaces the incident at `index`.
    SetIncident {
        /// Its position, from 0.
        index: usize,
        /// The new incident.
        incident: IncidentSpec,
    },
    /// Removes the incident at `index`.
    RemoveIncident {
        /// Its position, from 0.
        index: usize,
    },
    /// Sets the forecast.
    Forecast {
        /// The new forecast.
        forecast: ForecastSpec,
    },
    /// Adds a policy threshold (10 % left: "escalate").
    AddThreshold,
    /// Replaces the policy threshold at `index`.
    SetThreshold {
        /// Its position, from 0.
        index: usize,
        /// The new threshold.
        threshold: ThresholdSpec,
    },
    /// Removes the policy threshold at `index`.
    RemoveThreshold {
        /// Its position, from 0.
        index: usize,
    },
    /// Sets the what-if incident.
    WhatIf {
        /// The new question.
        what_if: WhatIfSpec,
    },
}

impl Plan {
    /// The plan with `edit` applied. Edits a validated plan into a validated plan when
    /// their values come from the `input` parsers.
    #[must_use]
    pub fn with(&self, edit: PlanEdit) -> Plan {
        let mut plan = self.clone();
        match edit {
            PlanEdit::Service { name } => plan.service = name,
            PlanEdit::Target { percent } => plan.target_percent = percent,
            PlanEdit::Window { window } => plan.window = window,
            PlanEdit::Sli { sli } => plan.sli = sli,
            PlanEdit::Traffic { traffic } => plan.traffic = traffic,
            PlanEdit::ReverseDowntime { seconds } => plan.reverse.downtime_seconds = seconds,
            PlanEdit::ReverseWindow { window } => plan.reverse.window = window,
            PlanEdit::AsOf { as_of } => plan.budget.as_of = as_of,
            PlanEdit::AddIncident if plan.budget.incidents.len() < MAX_INCIDENTS => {
                let start = Instant::parse(&plan.budget.as_of)
                    .map(|t| t.plus_seconds(-86_400.0).to_string())
                    .unwrap_or_else(|_| plan.budget.as_of.clone());
                let number = plan.budget.incidents.len() + 1;
                plan.budget.incidents.push(IncidentSpec {
                    label: format!("incident {number}"),
                    start,
                    duration_seconds: 1_800.0,
                    impact: ImpactSpec::Percent(100.0),
                });
            }
            PlanEdit::SetIncident { index, incident } => {
                if let Some(slot) = plan.budget.incidents.get_mut(index) {
                    *slot = incident;
                }
            }
            PlanEdit::RemoveIncident { index } if index < plan.budget.incidents.len() => {
                plan.budget.incidents.remove(index);
            }
            PlanEdit::Forecast { forecast } => plan.budget.forecast = forecast,
            PlanEdit::AddThreshold if plan.budget.policy.len() < MAX_THRESHOLDS => {
                plan.budget.policy.push(ThresholdSpec {
                    remaining_percent: 10.0,
                    action: "escalate to the service owner".to_owned(),
                });
            }
            PlanEdit::SetThreshold { index, threshold } => {
                if let Some(slot) = plan.budget.policy.get_mut(index) {
                    *slot = threshold;
                }
            }
            PlanEdit::RemoveThreshold { index } if index < plan.budget.policy.len() => {
                plan.budget.policy.remove(index);
            }
            PlanEdit::WhatIf { what_if } => plan.budget.what_if = what_if,
            PlanEdit::AddIncident
            | PlanEdit::RemoveIncident { .. }
            | PlanEdit::AddThreshold
            | PlanEdit::RemoveThreshold { .. } => {}
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_only_its_field() {
        let plan = Plan::default();
        let edited = plan.with(PlanEdit::Target { percent: 99.99 });
        assert_eq!(edited.target_percent, 99.99);
        assert_eq!(edited.with(PlanEdit::Target { percent: 99.9 }), plan);
    }

    #[test]
    fn list_edits_keep_the_plan_valid_at_their_limits() {
        let mut plan = Plan::default();
        for _ in 0..MAX_INCIDENTS + 5 {
            plan = plan.with(PlanEdit::AddIncident);
        }
        assert_eq!(plan.budget.incidents.len(), MAX_INCIDENTS);
        assert_eq!(plan.budget.incidents[0].start, "2026-11-15T00:00:00Z");
        plan.validate().unwrap();
        let plan = plan.with(PlanEdit::RemoveIncident { index: 500 });
        assert_eq!(plan.budget.incidents.len(), MAX_INCIDENTS);
        let mut plan = plan.with(PlanEdit::RemoveIncident { index: 0 });
        assert_eq!(plan.budget.incidents.len(), MAX_INCIDENTS - 1);
        for _ in 0..MAX_THRESHOLDS + 2 {
            plan = plan.with(PlanEdit::AddThreshold);
        }
        assert_eq!(plan.budget.policy.len(), MAX_THRESHOLDS);
        plan.validate().unwrap();
    }
}
