//! The service's SLOs side by side: each one's objective, its budget over its window
//! and what is left of it, for the Targets page and the overview.

use super::targets::statement;
use crate::model::{Plan, ValidPlan};
use slo_engine::burn_down::{spent_so_far, Plan as BurnDownPlan};
use slo_engine::notation::{human_duration, percent, trim_decimals};

/// One SLO of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct SloRow {
    /// Its name.
    pub name: String,
    /// Whether every page shows it.
    pub selected: bool,
    /// The SLO in a sentence, e.g. "99.9% of requests succeed, over a rolling 30 days."
    pub statement: String,
    /// The target, e.g. `99.9`.
    pub target_percent: String,
    /// The budget over its window as time: seconds to the millisecond.
    pub budget_seconds: String,
    /// The same for reading, e.g. `43m 12s`.
    pub budget_human: String,
    /// The share of the budget left as of the plan's time, e.g. `62.5` (negative when
    /// overspent), after the incidents that hurt it.
    pub left_percent: String,
    /// How many of the plan's incidents hurt it.
    pub incidents: usize,
    /// What its budget and what is left of it are worth, when failures are priced:
    /// `USD 2,160 (USD 1,080 left)`.
    pub worth: Option<String>,
}

/// Every SLO of `plan` (validated as `valid`), in the plan's order.
pub fn slo_rows(plan: &Plan, valid: &ValidPlan) -> Vec<SloRow> {
    (0..plan.slos.len())
        .filter_map(|i| {
            let one = valid.for_slo(plan, i).ok()?;
            // What is left now, without the Budget page's series and forecast: the list
            // is redrawn on every keystroke, for up to 12 SLOs.
            let spending = spent_so_far(&BurnDownPlan {
                target: one.target,
                sli: one.sli,
                traffic: one.traffic,
                window: one.window,
                as_of: one.as_of,
                incidents: &one.incidents,
                forecast: one.forecast,
            });
            let total = spending.account.total();
            let left = 100.0 * (total - spending.spent) / total;
            let seconds = one.target.budget_fraction() * one.window.seconds();
            Some(SloRow {
                name: plan.slos[i].name.clone(),
                selected: i == plan.selected_index(),
                statement: statement(&one),
                target_percent: percent(one.target.percent()),
                budget_seconds: trim_decimals(seconds, 3),
                budget_human: human_duration(seconds),
                left_percent: trim_decimals(left, 2),
                incidents: one.incidents.len(),
                worth: one.money.as_ref().map(|m| {
                    format!(
                        "{} ({} left)",
                        m.format(m.price.of(&spending.account, total)),
                        m.format(m.price.of(&spending.account, total - spending.spent))
                    )
                }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::PlanEdit;
    use crate::templates::TEMPLATES;
    use crate::{ImpactSpec, IncidentSpec};

    #[test]
    fn each_slo_has_its_own_budget_and_only_its_incidents_spend_it() {
        let latency = TEMPLATES[0].slos[1].to_slo();
        let mut plan = Plan::default().with(PlanEdit::AddSlo {
            slo: Box::new(latency),
        });
        let incident = |slos, day| IncidentSpec {
            label: "outage".to_owned(),
            slos,
            start: format!("2026-11-{day}T00:00:00Z"),
            duration_seconds: 1_296.0,
            impact: ImpactSpec::Percent(100.0),
        };
        // 1,296 s is half of 30 days' 0.1 %, and 5 % of 28 days' 1 %.
        plan.budget.incidents = vec![incident(None, 10), incident(Some(vec![1]), 11)];
        let rows = slo_rows(&plan, &plan.validate().unwrap());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].budget_seconds, "2592");
        assert_eq!(rows[0].left_percent, "50");
        assert_eq!(rows[0].incidents, 1);
        assert_eq!(rows[1].budget_seconds, "24192");
        assert_eq!(rows[1].left_percent, "89.29");
        assert_eq!(rows[1].incidents, 2);
        assert!(rows[1].selected && !rows[0].selected);
        assert_eq!(rows[0].worth, None);
        // Priced at 50 a minute of full outage: 43m 12s is worth 2,160, half of it left;
        // 6h 43m 12s of the latency SLO, 20,160, 89.29 % of it left.
        let mut priced = plan.clone();
        priced.money = crate::money::MoneySpec {
            currency: "EUR".to_owned(),
            cost: crate::money::CostSpec::PerOutageMinute(50.0),
        };
        let rows = slo_rows(&priced, &priced.validate().unwrap());
        assert_eq!(rows[0].worth.as_deref(), Some("EUR 2,160 (EUR 1,080 left)"));
        assert_eq!(rows[1].worth.as_deref(), Some("EUR 20,160 (EUR 18,000 left)"));
        // What is left is what the Budget page says, for every kind of window.
        for window in [
            crate::WindowSpec::CalendarMonth,
            crate::WindowSpec::CalendarQuarter,
            crate::WindowSpec::Rolling { days: 7 },
        ] {
            let mut p = plan.clone();
            p.slos[0].window = window;
            let valid = p.validate().unwrap();
            let budget = super::super::budget::budget_report(&valid.for_slo(&p, 0).unwrap());
            assert_eq!(
                slo_rows(&p, &valid)[0].left_percent,
                budget.remaining_percent,
                "{window:?}"
            );
        }
        assert_eq!(
            rows[1].statement,
            "99% of requests are faster than 300 ms, over a rolling 28 days."
        );
    }
}
