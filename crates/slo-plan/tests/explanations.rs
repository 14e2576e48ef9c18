//! Every "how is this computed?" adds up: for random valid plans, each sum of every
//! page's explanations, evaluated with the numbers it shows, gives the figure it shows,
//! to within one unit of the figure's last digit.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::plan;
use proptest::prelude::*;
use slo_engine::explain::Explanation;
use slo_plan::report::{alerts, budget, capacity, risk, targets};
use slo_plan::Plan;

/// Checks every sum of `explanations` (named by `page`); fails with the first that does
/// not give its figure. Returns how many sums were checked.
fn check(page: &str, explanations: &[&Explanation]) -> Result<usize, TestCaseError> {
    let mut checked = 0;
    for e in explanations {
        for working in &e.workings {
            for (text, value) in working.forms.iter().flat_map(|f| f.numbers()) {
                prop_assert!(
                    value.is_finite(),
                    "{page}: {text} states {value} in {}",
                    e.formula
                );
            }
            match working.adds_up() {
                Some(Ok(())) => checked += 1,
                Some(Err(why)) => {
                    return Err(TestCaseError::fail(format!("{page}: {}: {why}", e.formula)));
                }
                None => {}
            }
        }
    }
    Ok(checked)
}

/// Every page's explanations for the plan with each of its SLOs selected.
fn check_every_page(plan: &Plan) -> Result<usize, TestCaseError> {
    let mut checked = 0;
    for selected in 0..plan.slos.len() {
        let plan = Plan {
            selected,
            ..plan.clone()
        };
        let Ok(valid) = plan.validate() else { continue };
        checked += check("Targets", &targets::targets_report(&valid).explanations())?;
        checked += check("Budget", &budget::budget_report(&valid).explanations())?;
        checked += check("Alerts", &alerts::alerts_report(&valid, &plan).explanations())?;
        if let Ok(v) = &valid.capacity {
            checked += check(
                "Capacity",
                &capacity::capacity_report(&plan.capacity, v).explanations(),
            )?;
        }
        let risk = risk::risk_report(&valid, &plan.risk, plan.slo().target_percent);
        checked += check("Risk", &risk.explanations())?;
    }
    Ok(checked)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_explanation_gives_the_figure_it_shows(plan in plan()) {
        prop_assume!(plan.validate().is_ok());
        check_every_page(&plan)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    /// The Monte Carlo study's figures, on a short run.
    #[test]
    fn the_risk_studys_explanation_gives_its_figures(mut plan in plan()) {
        plan.risk.windows = 1_000;
        let Ok(valid) = plan.validate() else { return Ok(()) };
        let study = std::rc::Rc::new(slo_plan::report::study::study(&valid));
        let report = study.run(1);
        check("Risk study", &[&report.explained])?;
    }
}

/// The default plan, and a plan with every kind of budget figure, check sums (the
/// property above would pass vacuously if no explanation were checkable).
#[test]
fn the_default_plans_explanations_are_checked() {
    let checked = check_every_page(&Plan::default()).unwrap();
    assert!(checked >= 20, "only {checked} sums checked");
}
