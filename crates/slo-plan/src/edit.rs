//! Edits: the only way the UI changes a plan. Each carries already-validated values.

use super::alerts::{MetricSpec, PhaseSpec, SeveritySpec, TierSpec, MAX_PHASES, MAX_TIERS};
use super::capacity::CapacitySpec;
use super::model::{
    next_candidate, ForecastSpec, ImpactSpec, IncidentSpec, Plan, PlanError, ScenarioSpec, SliSpec, SloSpec,
    ThresholdSpec, TrafficSpec, WhatIfSpec, WindowSpec, MAX_CANDIDATES, MAX_INCIDENTS, MAX_SCENARIOS,
    MAX_SERVICE_NAME_CHARS, MAX_SLOS, MAX_THRESHOLDS, MIN_CANDIDATES,
};
use super::risk::{CreditSpec, NodeKind, NodeSpec, RiskSpec, MAX_NODES};
use slo_engine::sla::MAX_TIERS as MAX_CREDITS;
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
    /// Adds `incident`, as found in observed history.
    AddIncidentAs {
        /// The incident.
        incident: IncidentSpec,
    },
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
    /// Replaces all alert tiers (a preset).
    Tiers {
        /// The new tiers.
        tiers: Vec<TierSpec>,
    },
    /// Replaces the alert tier at `index`.
    SetTier {
        /// Its position, from 0.
        index: usize,
        /// The new tier.
        tier: TierSpec,
    },
    /// Adds a ticket tier (burn rate 1 over 3 days, short window 6 hours).
    AddTier,
    /// Removes the alert tier at `index`.
    RemoveTier {
        /// Its position, from 0.
        index: usize,
    },
    /// Swaps the tier at `index` with the one above it.
    MoveTierUp {
        /// Its position, from 0.
        index: usize,
    },
    /// Replaces the simulated incident (a shape).
    Phases {
        /// The new phases.
        phases: Vec<PhaseSpec>,
    },
    /// Replaces the incident phase at `index`.
    SetPhase {
        /// Its position, from 0.
        index: usize,
        /// The new phase.
        phase: PhaseSpec,
    },
    /// Adds a phase after the last: 1 % errors for an hour.
    AddPhase,
    /// Removes the incident phase at `index`.
    RemovePhase {
        /// Its position, from 0.
        index: usize,
    },
    /// Sets the error rate alert quality is given for.
    AlertErrorRate {
        /// Percent in (0, 100].
        percent: f64,
    },
    /// Sets the counters of the selected SLO's rules.
    Metric {
        /// The new counters, or `None` to follow the service's name and the SLI.
        metric: Option<MetricSpec>,
    },
    /// Shows the SLO at `index` on every page.
    SelectSlo {
        /// Its position, from 0.
        index: usize,
    },
    /// Adds an SLO after the last and selects it.
    AddSlo {
        /// The new SLO (from a template or the default).
        slo: Box<SloSpec>,
    },
    /// Copies the SLO at `index` right after it and selects the copy.
    DuplicateSlo {
        /// Its position, from 0.
        index: usize,
    },
    /// Swaps the SLO at `index` with the one before it.
    MoveSloUp {
        /// Its position, from 0.
        index: usize,
    },
    /// Removes the SLO at `index` (a plan keeps at least one); incidents no longer name it.
    RemoveSlo {
        /// Its position, from 0.
        index: usize,
    },
    /// Sets the latency threshold of the latency SLO at `index` (nothing for an SLO of
    /// another kind).
    SloThreshold {
        /// Its position, from 0.
        index: usize,
        /// Milliseconds, as `input::latency_threshold_ms` accepts.
        threshold_ms: f64,
    },
    /// Sets the compared target at `index` of the selected SLO's negotiation view (the
    /// view's list is kept from then on).
    Candidate {
        /// Its position among the compared targets, from 0.
        index: usize,
        /// Percent in (0, 100).
        percent: f64,
    },
    /// Adds a target to compare ([`crate::model::next_candidate`]), up to
    /// [`MAX_CANDIDATES`].
    AddCandidate,
    /// Removes the compared target at `index`, keeping at least [`MIN_CANDIDATES`].
    RemoveCandidate {
        /// Its position, from 0.
        index: usize,
    },
    /// Makes the compared target at `index` the selected SLO's target (the compared
    /// list is kept as it was shown).
    AdoptCandidate {
        /// Its position, from 0.
        index: usize,
    },
    /// Renames the selected SLO.
    SloName {
        /// The new name (checked by `input::slo_name`).
        name: String,
    },
    /// Replaces the capacity plan (each of its fields is checked by its reader).
    Capacity {
        /// The new capacity plan.
        capacity: Box<CapacitySpec>,
    },
    /// Replaces the risk plan (checked whole by the reader that made it).
    Risk {
        /// The new risk plan.
        risk: Box<RiskSpec>,
    },
    /// Replaces the price of failure.
    Money {
        /// The new currency and cost.
        money: crate::money::MoneySpec,
    },
    /// Adds a dependency (99.9 % available) to the group at `group`.
    AddDependency {
        /// The group's path: member indices from the root group.
        group: Vec<usize>,
    },
    /// Adds an SLA credit tier (below 95 %: 50 % credit).
    AddCredit,
    /// Sets the SLA target.
    SlaTarget {
        /// Percent in (0, 99.9999].
        percent: f64,
    },
    /// Keeps the plan as it is now as a named scenario.
    KeepScenario {
        /// Its name (checked by `input::service_name`).
        name: String,
    },
    /// Makes the scenario at `index` the plan (the scenarios stay).
    OpenScenario {
        /// Its position, from 0.
        index: usize,
    },
    /// Removes the scenario at `index`.
    RemoveScenario {
        /// Its position, from 0.
        index: usize,
    },
}

impl PlanEdit {
    /// Whether this edit, made right after `previous`, continues the same change (typing
    /// in one field, dragging one handle), so that undo takes them back as one step.
    pub fn merges_with(&self, previous: &PlanEdit) -> bool {
        use PlanEdit as E;
        match (self, previous) {
            (E::SetIncident { index: a, .. }, E::SetIncident { index: b, .. })
            | (E::SetThreshold { index: a, .. }, E::SetThreshold { index: b, .. })
            | (E::SetTier { index: a, .. }, E::SetTier { index: b, .. })
            | (E::SetPhase { index: a, .. }, E::SetPhase { index: b, .. })
            | (E::Candidate { index: a, .. }, E::Candidate { index: b, .. }) => a == b,
            (E::Service { .. }, E::Service { .. })
            | (E::SloName { .. }, E::SloName { .. })
            | (E::SloThreshold { .. }, E::SloThreshold { .. })
            | (E::SelectSlo { .. }, E::SelectSlo { .. })
            | (E::Target { .. }, E::Target { .. })
            | (E::Traffic { .. }, E::Traffic { .. })
            | (E::ReverseDowntime { .. }, E::ReverseDowntime { .. })
            | (E::AsOf { .. }, E::AsOf { .. })
            | (E::AlertErrorRate { .. }, E::AlertErrorRate { .. })
            | (E::Metric { .. }, E::Metric { .. })
            | (E::SlaTarget { .. }, E::SlaTarget { .. })
            | (E::Capacity { .. }, E::Capacity { .. })
            | (E::Risk { .. }, E::Risk { .. })
            | (E::Money { .. }, E::Money { .. }) => true,
            _ => false,
        }
    }
}

impl Plan {
    /// Why `edit` would add nothing to this plan, in words, when it adds to a list
    /// already at its cap; `None` when it can be made. The UI disables its button and
    /// shows this.
    pub fn cap(&self, edit: &PlanEdit) -> Option<String> {
        let (len, max, what) = match edit {
            PlanEdit::AddIncident | PlanEdit::AddIncidentAs { .. } => {
                (self.budget.incidents.len(), MAX_INCIDENTS, "incidents")
            }
            PlanEdit::AddThreshold => (self.budget.policy.len(), MAX_THRESHOLDS, "policy rules"),
            PlanEdit::AddTier => (self.slo().alerts.tiers.len(), MAX_TIERS, "alert tiers"),
            PlanEdit::AddPhase => (self.slo().alerts.incident.len(), MAX_PHASES, "phases"),
            PlanEdit::KeepScenario { .. } => (self.scenarios.len(), MAX_SCENARIOS, "scenarios"),
            PlanEdit::AddDependency { .. } => (
                self.risk.dependencies.walk().len(),
                MAX_NODES,
                "dependencies and groups",
            ),
            PlanEdit::AddCredit => (self.risk.credits.len(), MAX_CREDITS, "SLA credit tiers"),
            PlanEdit::AddSlo { .. } | PlanEdit::DuplicateSlo { .. } => (self.slos.len(), MAX_SLOS, "SLOs"),
            PlanEdit::AddCandidate => (self.slo().compared().len(), MAX_CANDIDATES, "compared targets"),
            PlanEdit::RemoveCandidate { .. } if self.slo().compared().len() <= MIN_CANDIDATES => {
                return Some(format!("The view compares at least {MIN_CANDIDATES} targets."));
            }
            _ => return None,
        };
        (len >= max).then(|| format!("A plan holds at most {max} {what}: remove one to add another."))
    }

    /// The plan with `edit` applied, if every page can still show it: an edit whose
    /// value conflicts with another field is refused with what is wrong, and the plan
    /// stays as it was.
    ///
    /// # Errors
    /// The [`PlanError`] the edited plan would have.
    pub fn edited(&self, edit: PlanEdit) -> Result<Plan, PlanError> {
        let next = self.with(edit);
        next.validate()?;
        next.fits()?;
        Ok(next)
    }

    /// Checks that the plan fits every encoding it is kept in, so that whatever the
    /// UI makes can be read back: its JSON document and its link.
    ///
    /// # Errors
    /// [`PlanError::TooLarge`] naming the encoding it would not fit.
    pub fn fits(&self) -> Result<(), PlanError> {
        use crate::{document, link};
        let too_large = |encoding, size, max| Err(PlanError::TooLarge { encoding, size, max });
        let size = document::plan_to_json(self).len();
        if size > document::MAX_DOCUMENT_BYTES {
            return too_large("its saved document", size, document::MAX_DOCUMENT_BYTES);
        }
        let payload = document::plan_to_compact_json(self).len();
        if payload > link::MAX_INFLATED_BYTES {
            return too_large("its link", payload, link::MAX_INFLATED_BYTES);
        }
        // DEFLATE never grows a payload by more than a few bytes, and base64 by a
        // third: a payload this short always makes a link that fits, unpacked.
        if payload > link::MAX_FRAGMENT_CHARS / 4 * 3 - 512 {
            let size = link::encode(self).len();
            if size > link::MAX_FRAGMENT_CHARS {
                return too_large("its link", size, link::MAX_FRAGMENT_CHARS);
            }
        }
        Ok(())
    }

    /// The plan with `edit` applied. Edits a validated plan into a validated plan when
    /// their values come from the `input` parsers.
    #[must_use]
    pub fn with(&self, edit: PlanEdit) -> Plan {
        let mut plan = self.clone();
        match edit {
            PlanEdit::Service { name } => plan.service = name,
            PlanEdit::Target { percent } => plan.slo_mut().target_percent = percent,
            PlanEdit::Window { window } => plan.slo_mut().window = window,
            PlanEdit::Sli { sli } => plan.slo_mut().sli = sli,
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
                    slos: None,
                    start,
                    duration_seconds: 1_800.0,
                    impact: ImpactSpec::Percent(100.0),
                });
            }
            PlanEdit::AddIncidentAs { incident } if plan.budget.incidents.len() < MAX_INCIDENTS => {
                plan.budget.incidents.push(incident);
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
            PlanEdit::Tiers { tiers } if tiers.len() <= MAX_TIERS => plan.slo_mut().alerts.tiers = tiers,
            PlanEdit::SetTier { index, tier } => {
                if let Some(slot) = plan.slo_mut().alerts.tiers.get_mut(index) {
                    *slot = tier;
                }
            }
            PlanEdit::AddTier if self.slo().alerts.tiers.len() < MAX_TIERS => {
                plan.slo_mut().alerts.tiers.push(TierSpec {
                    severity: SeveritySpec::Ticket,
                    long_seconds: 259_200.0,
                    short_seconds: 21_600.0,
                    burn_rate: 1.0,
                })
            }
            PlanEdit::RemoveTier { index } if index < plan.slo_mut().alerts.tiers.len() => {
                plan.slo_mut().alerts.tiers.remove(index);
            }
            PlanEdit::MoveTierUp { index } if index > 0 && index < plan.slo_mut().alerts.tiers.len() => {
                plan.slo_mut().alerts.tiers.swap(index - 1, index);
            }
            PlanEdit::Phases { phases } if phases.len() <= MAX_PHASES => {
                plan.slo_mut().alerts.incident = phases
            }
            PlanEdit::SetPhase { index, phase } => {
                if let Some(slot) = plan.slo_mut().alerts.incident.get_mut(index) {
                    *slot = phase;
                }
            }
            PlanEdit::AddPhase if self.slo().alerts.incident.len() < MAX_PHASES => {
                let end = self
                    .slo()
                    .alerts
                    .incident
                    .iter()
                    .map(|p| p.start_seconds + p.duration_seconds)
                    .fold(0.0, f64::max);
                plan.slo_mut().alerts.incident.push(PhaseSpec {
                    start_seconds: end,
                    duration_seconds: 3_600.0,
                    from_percent: 1.0,
                    to_percent: 1.0,
                });
            }
            PlanEdit::RemovePhase { index } if index < plan.slo_mut().alerts.incident.len() => {
                plan.slo_mut().alerts.incident.remove(index);
            }
            PlanEdit::AlertErrorRate { percent } => plan.slo_mut().alerts.error_rate_percent = percent,
            PlanEdit::Metric { metric } => plan.slo_mut().alerts.metric = metric,
            PlanEdit::SelectSlo { index } if index < plan.slos.len() => plan.selected = index,
            PlanEdit::AddSlo { slo } if plan.slos.len() < MAX_SLOS => {
                plan.slos.push(*slo);
                plan.selected = plan.slos.len() - 1;
            }
            PlanEdit::DuplicateSlo { index } if index < plan.slos.len() && plan.slos.len() < MAX_SLOS => {
                let mut copy = plan.slos[index].clone();
                copy.name = copy_name(&copy.name);
                plan.slos.insert(index + 1, copy);
                plan.renumber_slos(|i| if i > index { i + 1 } else { i });
                plan.selected = index + 1;
            }
            PlanEdit::MoveSloUp { index } if index > 0 && index < plan.slos.len() => {
                plan.slos.swap(index - 1, index);
                let swap = |i| match i {
                    i if i == index => index - 1,
                    i if i == index - 1 => index,
                    i => i,
                };
                plan.renumber_slos(swap);
                plan.selected = swap(plan.selected);
            }
            PlanEdit::RemoveSlo { index } if index < plan.slos.len() && plan.slos.len() > 1 => {
                plan.slos.remove(index);
                for incident in &mut plan.budget.incidents {
                    if let Some(list) = &mut incident.slos {
                        list.retain(|&i| i != index);
                    }
                }
                plan.renumber_slos(|i| if i > index { i - 1 } else { i });
                if plan.selected > index || plan.selected == plan.slos.len() {
                    plan.selected -= 1;
                }
            }
            PlanEdit::SloName { name } => plan.slo_mut().name = name,
            PlanEdit::Candidate { index, percent } => {
                let slo = plan.slo_mut();
                let mut list = slo.compared();
                if let Some(c) = list.get_mut(index) {
                    *c = percent;
                    slo.candidates = list;
                }
            }
            PlanEdit::AddCandidate => {
                let slo = plan.slo_mut();
                let mut list = slo.compared();
                if list.len() < MAX_CANDIDATES {
                    list.push(next_candidate(&list));
                    slo.candidates = list;
                }
            }
            PlanEdit::RemoveCandidate { index } => {
                let slo = plan.slo_mut();
                let mut list = slo.compared();
                if list.len() > MIN_CANDIDATES && index < list.len() {
                    list.remove(index);
                    slo.candidates = list;
                }
            }
            PlanEdit::AdoptCandidate { index } => {
                let slo = plan.slo_mut();
                let list = slo.compared();
                if let Some(c) = list.get(index) {
                    slo.target_percent = *c;
                    slo.candidates = list;
                }
            }
            PlanEdit::SloThreshold { index, threshold_ms } => {
                if let Some(slo) = plan.slos.get_mut(index) {
                    if let SliSpec::Latency { .. } = slo.sli {
                        slo.sli = SliSpec::Latency { threshold_ms };
                    }
                }
            }
            PlanEdit::Capacity { capacity } => plan.capacity = *capacity,
            PlanEdit::Risk { risk } => plan.risk = *risk,
            PlanEdit::Money { money } => plan.money = money,
            PlanEdit::AddDependency { group } if plan.risk.dependencies.walk().len() < MAX_NODES => {
                if let Some(node) = plan.risk.dependencies.at_mut(&group) {
                    if node.kind != NodeKind::Dependency {
                        node.members.push(NodeSpec::dependency("new dependency", 99.9));
                    }
                }
            }
            PlanEdit::AddCredit if plan.risk.credits.len() < MAX_CREDITS => {
                plan.risk.credits.push(CreditSpec {
                    below_percent: 95.0,
                    credit_percent: 50.0,
                })
            }
            PlanEdit::SlaTarget { percent } => plan.risk.sla_percent = percent,
            PlanEdit::KeepScenario { name } if plan.scenarios.len() < MAX_SCENARIOS => {
                let variant = Plan {
                    scenarios: Vec::new(),
                    ..self.clone()
                };
                plan.scenarios.push(ScenarioSpec { name, plan: variant });
            }
            PlanEdit::OpenScenario { index } if index < plan.scenarios.len() => {
                let scenarios = std::mem::take(&mut plan.scenarios);
                plan = Plan {
                    scenarios: Vec::new(),
                    ..scenarios[index].plan.clone()
                };
                plan.scenarios = scenarios;
            }
            PlanEdit::RemoveScenario { index } if index < plan.scenarios.len() => {
                plan.scenarios.remove(index);
            }
            PlanEdit::AddIncident
            | PlanEdit::AddIncidentAs { .. }
            | PlanEdit::RemoveIncident { .. }
            | PlanEdit::AddThreshold
            | PlanEdit::RemoveThreshold { .. }
            | PlanEdit::Tiers { .. }
            | PlanEdit::AddTier
            | PlanEdit::RemoveTier { .. }
            | PlanEdit::MoveTierUp { .. }
            | PlanEdit::Phases { .. }
            | PlanEdit::AddPhase
            | PlanEdit::RemovePhase { .. }
            | PlanEdit::AddDependency { .. }
            | PlanEdit::AddCredit
            | PlanEdit::KeepScenario { .. }
            | PlanEdit::SelectSlo { .. }
            | PlanEdit::AddSlo { .. }
            | PlanEdit::DuplicateSlo { .. }
            | PlanEdit::MoveSloUp { .. }
            | PlanEdit::RemoveSlo { .. }
            | PlanEdit::OpenScenario { .. }
            | PlanEdit::RemoveScenario { .. } => {}
        }
        plan
    }
}

impl Plan {
    /// Moves every incident's SLO positions through `to` (a one-to-one renumbering),
    /// keeping each list in increasing order.
    fn renumber_slos(&mut self, to: impl Fn(usize) -> usize) {
        for incident in &mut self.budget.incidents {
            if let Some(list) = &mut incident.slos {
                for i in list.iter_mut() {
                    *i = to(*i);
                }
                list.sort_unstable();
            }
        }
    }
}

/// The name of a copy of the SLO named `name`: `latency (copy)`, cut to the longest
/// name kept.
fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (copy)";
    let keep = MAX_SERVICE_NAME_CHARS - SUFFIX.len();
    let stem: String = name.chars().take(keep).collect();
    format!("{stem}{SUFFIX}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_only_its_field() {
        let plan = Plan::default();
        let edited = plan.with(PlanEdit::Target { percent: 99.99 });
        assert_eq!(edited.slo().target_percent, 99.99);
        assert_eq!(edited.with(PlanEdit::Target { percent: 99.9 }), plan);
    }

    #[test]
    fn an_add_at_its_cap_says_why_it_adds_nothing() {
        let mut plan = Plan::default();
        for edit in [
            PlanEdit::AddIncident,
            PlanEdit::AddThreshold,
            PlanEdit::AddTier,
            PlanEdit::AddPhase,
            PlanEdit::AddDependency { group: vec![] },
            PlanEdit::AddCredit,
        ] {
            while plan.cap(&edit).is_none() {
                let next = plan.with(edit.clone());
                assert_ne!(next, plan, "{edit:?} added nothing below its cap");
                plan = next;
            }
            // At the cap the edit changes nothing, and the reason names the limit.
            assert_eq!(plan.with(edit.clone()), plan);
            assert!(plan.cap(&edit).unwrap().starts_with("A plan holds at most"));
        }
        assert_eq!(plan.cap(&PlanEdit::Target { percent: 99.0 }), None);
        assert!(plan.cap(&PlanEdit::AddTier).unwrap().contains("8 alert tiers"));
    }

    #[test]
    fn a_plan_too_large_for_its_document_is_refused_though_its_link_would_fit() {
        // The longest history a plan keeps, as repetitive as a history can be: the
        // link packs it small, the document does not.
        let mut plan = Plan::default();
        let row = format!("2026-01-01,1{}\n", "0".repeat(27));
        plan.capacity.history = row.repeat(crate::table::MAX_ROWS);
        let mut refused = None;
        for i in 0..MAX_SCENARIOS {
            match plan.edited(PlanEdit::KeepScenario {
                name: format!("copy {i}"),
            }) {
                Ok(next) => plan = next,
                Err(error) => {
                    refused = Some(error.to_string());
                    break;
                }
            }
        }
        let message = refused.expect("a refusal before the cap");
        assert!(
            message.starts_with("the plan would be too large for its saved document"),
            "{message}"
        );
        assert!(crate::document::plan_to_json(&plan).len() <= crate::document::MAX_DOCUMENT_BYTES);
        assert!(crate::link::encode(&plan).len() < crate::link::MAX_FRAGMENT_CHARS);
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

    #[test]
    fn scenarios_are_kept_opened_and_removed() {
        let mut plan = Plan::default();
        for i in 0..MAX_SCENARIOS + 2 {
            plan = plan.with(PlanEdit::KeepScenario {
                name: format!("s{i}"),
            });
        }
        assert_eq!(plan.scenarios.len(), MAX_SCENARIOS);
        assert!(plan.scenarios.iter().all(|s| s.plan.scenarios.is_empty()));
        plan.validate().unwrap();
        let edited = plan.with(PlanEdit::Target { percent: 99.99 });
        let kept = edited.with(PlanEdit::KeepScenario { name: "x".into() });
        assert_eq!(kept.scenarios.len(), MAX_SCENARIOS);
        let reopened = edited.with(PlanEdit::OpenScenario { index: 0 });
        assert_eq!(reopened.slo().target_percent, 99.9);
        assert_eq!(reopened.scenarios, plan.scenarios);
        let removed = reopened.with(PlanEdit::RemoveScenario { index: 1 });
        assert_eq!(removed.scenarios.len(), MAX_SCENARIOS - 1);
        assert_eq!(removed.scenarios[1].name, "s2");
    }

    #[test]
    fn slos_are_added_duplicated_moved_and_removed_and_incidents_follow_them() {
        let latency = crate::templates::TEMPLATES[0].slos[1].to_slo();
        let mut plan = Plan::default().with(PlanEdit::AddSlo {
            slo: Box::new(latency),
        });
        assert_eq!((plan.slos.len(), plan.selected), (2, 1));
        plan = plan.with(PlanEdit::AddIncident).with(PlanEdit::AddIncident);
        plan.budget.incidents[1].slos = Some(vec![1]);
        // Duplicating the first puts its copy second: the latency SLO is now third.
        let plan = plan.with(PlanEdit::DuplicateSlo { index: 0 });
        assert_eq!(plan.slos[1].name, "availability (copy)");
        assert_eq!(plan.selected, 1);
        assert_eq!(plan.budget.incidents[1].slos, Some(vec![2]));
        assert_eq!(plan.budget.incidents[0].slos, None);
        let moved = plan.with(PlanEdit::MoveSloUp { index: 2 });
        assert_eq!(moved.slos[1].name, "latency");
        assert_eq!(moved.budget.incidents[1].slos, Some(vec![1]));
        let removed = moved.with(PlanEdit::RemoveSlo { index: 1 });
        assert_eq!(removed.slos.len(), 2);
        assert_eq!(removed.budget.incidents[1].slos, Some(vec![]));
        removed.validate().unwrap();
        // The last SLO stays.
        let one = removed
            .with(PlanEdit::RemoveSlo { index: 0 })
            .with(PlanEdit::RemoveSlo { index: 0 });
        assert_eq!(one.slos.len(), 1);
        assert_eq!(one.selected, 0);
        one.validate().unwrap();
    }

    #[test]
    fn a_plan_holds_at_most_twelve_slos() {
        let mut plan = Plan::default();
        while plan.cap(&PlanEdit::DuplicateSlo { index: 0 }).is_none() {
            plan = plan.with(PlanEdit::DuplicateSlo { index: 0 });
        }
        assert_eq!(plan.slos.len(), MAX_SLOS);
        assert_eq!(plan.with(PlanEdit::DuplicateSlo { index: 0 }), plan);
        assert!(plan
            .cap(&PlanEdit::AddSlo { slo: Box::default() })
            .unwrap()
            .contains("12 SLOs"));
        plan.validate().unwrap();
    }

    #[test]
    fn an_incident_naming_an_slo_the_plan_lacks_is_refused() {
        let mut plan = Plan::default().with(PlanEdit::AddIncident);
        plan.budget.incidents[0].slos = Some(vec![1]);
        let error = plan.validate().unwrap_err().to_string();
        assert!(error.starts_with("budget.incidents.slos"), "{error}");
        plan.budget.incidents[0].slos = Some(vec![0, 0]);
        assert!(plan.validate().is_err());
    }
}
