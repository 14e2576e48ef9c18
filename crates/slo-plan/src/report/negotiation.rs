//! The negotiation view: two to four candidate targets for the selected SLO side by
//! side — the budget each allows, how many incidents like the last one fit in it, how
//! fast the first alert tier detects the plan's alert error rate, the instances needed,
//! whether the dependencies allow it — and the edit that makes one of them the plan.
//! The probability of meeting each comes from the Risk page's study
//! ([`super::risk::StudyReport::compared`]), which counts the plan's own simulated
//! windows against every candidate.

use super::study::Variant;
use crate::edit::PlanEdit;
use crate::model::{Plan, ValidPlan};
use slo_engine::explain::amount;
use slo_engine::incident::{Impact, Incident};
use slo_engine::ledger::{incidents_that_fit, Account};
use slo_engine::notation::{grouped, human_duration, percent, percent_against};
use slo_engine::time::Instant;

/// One candidate target's column.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The target, percent.
    pub percent: f64,
    /// Whether it is the SLO's target now.
    pub is_plan: bool,
    /// Allowed full downtime per window, seconds.
    pub budget_seconds: f64,
    /// The budget in the SLI's unit, e.g. `43,200 bad requests` or `43m 12s`.
    pub budget: String,
    /// What the budget is worth, when failures are priced: `EUR 2,160`.
    pub worth: Option<String>,
    /// How many incidents like the reference one fit in the budget, e.g. `2`, or `any
    /// number` when it spends nothing of this SLO.
    pub fits: String,
    /// The first alert tier's time to fire at the plan's alert error rate, in words.
    pub detection: String,
    /// Instances needed now, in words (`—` without a complete capacity plan).
    pub instances: String,
    /// When the dependencies' composite availability is below the target: that
    /// ceiling in words.
    pub above_ceiling: Option<String>,
    /// What makes this target the plan.
    pub adopt: PlanEdit,
}

/// The view's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct NegotiationReport {
    /// The SLO compared.
    pub slo_name: String,
    /// The incident the "fits" row counts, in words.
    pub like: String,
    /// The candidates, in the order the user keeps them.
    pub columns: Vec<Candidate>,
    /// Why the expected credit is the same for every candidate.
    pub credit_note: String,
}

/// The negotiation view of `plan`'s selected SLO (`plan` validated as `valid`).
pub fn negotiation_report(plan: &Plan, valid: &ValidPlan) -> NegotiationReport {
    let (reference, like) = reference_incident(plan, valid);
    let composite = valid.risk.tree.availability();
    let columns = valid
        .compared
        .iter()
        .enumerate()
        .map(|(index, target)| {
            let percent_value = target.percent();
            let window = valid.window.seconds();
            let account = Account::new(*target, valid.sli, valid.traffic, window);
            let total = account.total();
            let fits = match reference.map(|r| incidents_that_fit(total, account.spent_by_whole(&r))) {
                Some(Some(n)) => slo_engine::notation::number(n),
                Some(None) => "any number".to_owned(),
                None => "—".to_owned(),
            };
            // The rest of the plan as it is, with this target: what needs it checked
            // (detection, instances) comes from the same reading as the scenarios'.
            let mut candidate = plan.clone();
            candidate.slo_mut().target_percent = percent_value;
            candidate.scenarios.clear();
            let variant = candidate.validate().ok().map(|v| Variant::of("", &v));
            Candidate {
                percent: percent_value,
                is_plan: percent_value == valid.target.percent(),
                budget_seconds: target.budget_fraction() * window,
                budget: amount(account.unit(), total),
                worth: valid
                    .money
                    .as_ref()
                    .map(|m| m.format(m.price.of(&account, total))),
                fits,
                detection: variant
                    .as_ref()
                    .and_then(|v| v.detection_seconds)
                    .map_or("never fires".to_owned(), human_duration),
                instances: variant
                    .and_then(|v| v.instances)
                    .map_or("—".to_owned(), |n| grouped(n as f64, 0)),
                above_ceiling: (target.fraction() > composite).then(|| {
                    format!(
                        "above the {}% the dependencies allow",
                        percent_against(composite * 100.0, target.percent())
                    )
                }),
                adopt: PlanEdit::AdoptCandidate { index },
            }
        })
        .collect();
    NegotiationReport {
        slo_name: valid.slo_name.clone(),
        like,
        columns,
        credit_note: format!(
            "Credits follow the SLA ({}%), not the SLO: the expected credit per window is the same for every target here.",
            percent(valid.risk.sla.target() * 100.0)
        ),
    }
}

/// The incident the "fits" row counts: the latest that hurts the SLO, else the Budget
/// page's what-if incident; with its description.
fn reference_incident(plan: &Plan, valid: &ValidPlan) -> (Option<Incident>, String) {
    let latest = valid
        .incidents
        .iter()
        .zip(&valid.incident_positions)
        .max_by(|a, b| a.0.start().cmp(&b.0.start()));
    let describe = |i: &Incident| {
        let impact = match i.impact() {
            Impact::Fraction(f) => format!("{}% of requests failing", percent(f * 100.0)),
            Impact::BadEvents(n) => format!("{} bad requests", grouped(n, 0)),
        };
        format!("{}, {impact}", human_duration(i.duration()))
    };
    if let Some((incident, position)) = latest {
        let label = plan
            .budget
            .incidents
            .get(*position)
            .map_or("", |s| s.label.as_str());
        return (
            Some(*incident),
            format!("the latest incident, “{label}” ({})", describe(incident)),
        );
    }
    let (duration, impact) = valid.what_if;
    // Where it falls does not change what a whole incident spends: placed at the
    // epoch, as the plan's validation checked it.
    match Instant::from_unix_seconds(0).and_then(|t| Incident::new(t, duration, impact)) {
        Ok(what_if) => {
            let text = format!("the Budget page's what-if incident ({})", describe(&what_if));
            (Some(what_if), text)
        }
        Err(_) => (None, "the Budget page's what-if incident".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImpactSpec, IncidentSpec};

    #[test]
    fn the_default_plan_compares_its_target_with_its_neighbours() {
        let plan = Plan::default();
        let r = negotiation_report(&plan, &plan.validate().unwrap());
        let targets: Vec<f64> = r.columns.iter().map(|c| c.percent).collect();
        assert_eq!(targets, [99.5, 99.9, 99.95]);
        assert_eq!(
            r.columns.iter().map(|c| c.is_plan).collect::<Vec<_>>(),
            [false, true, false]
        );
        // 30 days at 100 req/s: 259.2 M requests; 0.5 %, 0.1 %, 0.05 % of them.
        assert!((r.columns[1].budget_seconds - 2_592.0).abs() < 1e-6);
        assert_eq!(r.columns[0].budget, "1,296,000 bad requests");
        // The what-if incident: 20 minutes of a full outage, 120,000 bad requests.
        assert!(
            r.like.starts_with("the Budget page's what-if incident (20m"),
            "{}",
            r.like
        );
        assert_eq!(
            r.columns.iter().map(|c| c.fits.as_str()).collect::<Vec<_>>(),
            ["10", "2", "1"]
        );
        assert_eq!(r.columns[2].adopt, PlanEdit::AdoptCandidate { index: 2 });
        assert_eq!(r.columns[1].above_ceiling, None);
    }

    #[test]
    fn a_priced_plan_compares_what_each_budget_is_worth() {
        // 99.9 % and 99.99 % over 30 days at 100 a minute of full outage: 43m 12s is
        // 4,320; 4m 19.2s is 432.
        let mut plan = Plan::default().with(PlanEdit::AddCandidate);
        plan.money = crate::money::MoneySpec {
            currency: "USD".to_owned(),
            cost: crate::money::CostSpec::PerOutageMinute(100.0),
        };
        let r = negotiation_report(&plan, &plan.validate().unwrap());
        let worth: Vec<_> = r.columns.iter().map(|c| (c.percent, c.worth.clone())).collect();
        assert!(worth.contains(&(99.9, Some("USD 4,320".to_owned()))), "{worth:?}");
        assert!(worth.contains(&(99.99, Some("USD 432".to_owned()))), "{worth:?}");
    }

    #[test]
    fn a_plan_at_the_end_of_the_calendar_still_compares() {
        // A calendar month, which ends with the dates the engine computes (a rolling
        // window's forecast would pass them and is refused).
        let mut plan = Plan::default();
        plan.slo_mut().window = crate::WindowSpec::CalendarMonth;
        plan.budget.as_of = "9999-12-31T00:00:00Z".to_owned();
        plan.budget.what_if.duration_seconds = 90.0 * 86_400.0;
        let r = negotiation_report(&plan, &plan.validate().unwrap());
        assert_eq!(r.columns[1].fits, "0");
    }

    #[test]
    fn the_latest_incident_that_hurts_the_slo_is_the_reference() {
        let mut plan = Plan::default();
        let incident = |label: &str, start: &str, minutes: f64| IncidentSpec {
            label: label.to_owned(),
            slos: None,
            start: start.to_owned(),
            duration_seconds: minutes * 60.0,
            impact: ImpactSpec::Percent(50.0),
        };
        plan.budget.incidents = vec![
            incident("later", "2026-11-12T00:00:00Z", 10.0),
            incident("earlier", "2026-11-02T00:00:00Z", 60.0),
        ];
        let r = negotiation_report(&plan, &plan.validate().unwrap());
        assert!(
            r.like.contains("“later” (10m, 50% of requests failing)"),
            "{}",
            r.like
        );
        // 10 minutes at half the traffic spends 300 s of full outage: 2,592 s holds 8.
        assert_eq!(r.columns[1].fits, "8");
    }

    #[test]
    fn adopting_a_candidate_sets_the_target_and_keeps_the_list() {
        let plan = Plan::default().with(PlanEdit::AdoptCandidate { index: 2 });
        assert_eq!(plan.slo().target_percent, 99.95);
        assert_eq!(plan.slo().candidates, [99.5, 99.9, 99.95]);
        let r = negotiation_report(&plan, &plan.validate().unwrap());
        assert!(r.columns[2].is_plan && !r.columns[1].is_plan);
        // The faster budget burn fires the first tier sooner.
        assert_ne!(r.columns[2].detection, r.columns[1].detection);
    }

    #[test]
    fn candidates_are_added_removed_and_set_within_their_bounds() {
        let mut plan = Plan::default();
        plan = plan.with(PlanEdit::AddCandidate);
        assert_eq!(plan.slo().candidates, [99.5, 99.9, 99.95, 99.99]);
        assert!(plan.cap(&PlanEdit::AddCandidate).is_some());
        assert_eq!(plan.with(PlanEdit::AddCandidate), plan);
        plan = plan.with(PlanEdit::Candidate {
            index: 0,
            percent: 98.0,
        });
        plan = plan.with(PlanEdit::RemoveCandidate { index: 1 });
        plan = plan.with(PlanEdit::RemoveCandidate { index: 1 });
        assert_eq!(plan.slo().candidates, [98.0, 99.99]);
        assert!(plan.cap(&PlanEdit::RemoveCandidate { index: 0 }).is_some());
        assert_eq!(plan.with(PlanEdit::RemoveCandidate { index: 0 }), plan);
        plan.validate().unwrap();
    }

    #[test]
    fn a_target_above_the_dependencies_is_marked() {
        let mut plan = Plan::default();
        plan.risk.dependencies = crate::risk::NodeSpec::group(
            "service",
            crate::risk::NodeKind::All,
            vec![crate::risk::NodeSpec::dependency("db", 99.92)],
        );
        let r = negotiation_report(&plan, &plan.validate().unwrap());
        assert_eq!(r.columns[1].above_ceiling, None);
        assert_eq!(
            r.columns[2].above_ceiling.as_deref(),
            Some("above the 99.92% the dependencies allow")
        );
    }

    #[test]
    fn suggestions_stay_inside_the_open_interval() {
        use crate::model::suggested_candidates;
        assert_eq!(suggested_candidates(90.0), [80.0, 90.0, 95.0]);
        assert_eq!(suggested_candidates(99.9999), [99.9995, 99.9999, 99.99995]);
        assert_eq!(suggested_candidates(40.0), [40.0, 90.0]);
        for t in [0.001, 12.5, 99.0, 99.99999] {
            let list = suggested_candidates(t);
            assert!(list.len() >= 2 && list.contains(&t), "{t}: {list:?}");
        }
    }
}
