//! Edits never make the plan unshowable: random sequences of edits, with values from
//! sensible to absurd, applied as the app's reducer applies them (`Plan::edited`),
//! always leave a plan that validates and that every page's report can be built from.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use slo_plan::alerts::{PhaseSpec, SeveritySpec, TierSpec};
use slo_plan::edit::PlanEdit;
use slo_plan::report::alerts::{alerts_charts, alerts_report};
use slo_plan::report::budget::{budget_report, burn_down_chart};
use slo_plan::report::capacity::capacity_report;
use slo_plan::report::negotiation::negotiation_report;
use slo_plan::report::targets::targets_report;
use slo_plan::undo::Undo;
use slo_plan::{
    ImpactSpec, IncidentSpec, Plan, SliSpec, ThresholdSpec, TrafficSpec, TrafficUnit, WindowSpec,
};

/// Numbers a field or a drag could produce, and some no field would.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..100.0,
        0.0..1e7,
        Just(0.0),
        Just(-1.0),
        Just(100.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(1e300),
    ]
}

fn window() -> impl Strategy<Value = WindowSpec> {
    prop_oneof![
        (0u32..500).prop_map(|days| WindowSpec::Rolling { days }),
        Just(WindowSpec::CalendarMonth),
        Just(WindowSpec::CalendarQuarter),
        Just(WindowSpec::CalendarYear),
    ]
}

fn edit() -> impl Strategy<Value = PlanEdit> {
    prop_oneof![
        number().prop_map(|percent| PlanEdit::Target { percent }),
        window().prop_map(|window| PlanEdit::Window { window }),
        number().prop_map(|threshold_ms| PlanEdit::Sli {
            sli: SliSpec::Latency { threshold_ms }
        }),
        (number(), number()).prop_map(|(slice_seconds, max_error_rate_percent)| PlanEdit::Sli {
            sli: SliSpec::Timeslice {
                slice_seconds,
                max_error_rate_percent
            }
        }),
        number().prop_map(|value| PlanEdit::Traffic {
            traffic: TrafficSpec {
                value,
                unit: TrafficUnit::PerSecond
            }
        }),
        number().prop_map(|seconds| PlanEdit::ReverseDowntime { seconds }),
        Just(PlanEdit::AddIncident),
        (number(), number()).prop_map(|(duration_seconds, percent)| PlanEdit::AddIncidentAs {
            incident: IncidentSpec {
                label: "observed 1".to_owned(),
                slos: Some(vec![0]),
                start: "2026-11-10T10:00:00Z".to_owned(),
                duration_seconds,
                impact: ImpactSpec::Percent(percent),
            }
        }),
        (0usize..3).prop_map(|index| PlanEdit::RemoveIncident { index }),
        Just(PlanEdit::AddThreshold),
        (0usize..4, number()).prop_map(|(index, remaining_percent)| PlanEdit::SetThreshold {
            index,
            threshold: ThresholdSpec {
                remaining_percent,
                action: "freeze".to_owned()
            }
        }),
        Just(PlanEdit::AddTier),
        (0usize..5).prop_map(|index| PlanEdit::RemoveTier { index }),
        (0usize..5, number(), number(), number()).prop_map(
            |(index, long_seconds, short_seconds, burn_rate)| {
                PlanEdit::SetTier {
                    index,
                    tier: TierSpec {
                        severity: SeveritySpec::Page,
                        long_seconds,
                        short_seconds,
                        burn_rate,
                    },
                }
            }
        ),
        Just(PlanEdit::AddPhase),
        (0usize..3, number(), number(), number()).prop_map(
            |(index, start_seconds, duration_seconds, to_percent)| {
                PlanEdit::SetPhase {
                    index,
                    phase: PhaseSpec {
                        start_seconds,
                        duration_seconds,
                        from_percent: 5.0,
                        to_percent,
                    },
                }
            }
        ),
        number().prop_map(|percent| PlanEdit::AlertErrorRate { percent }),
        number().prop_map(|percent| PlanEdit::SlaTarget { percent }),
        (0usize..5, number()).prop_map(|(index, percent)| PlanEdit::Candidate { index, percent }),
        Just(PlanEdit::AddCandidate),
        (0usize..5).prop_map(|index| PlanEdit::RemoveCandidate { index }),
        (0usize..5).prop_map(|index| PlanEdit::AdoptCandidate { index }),
        (0usize..3).prop_map(|index| PlanEdit::DuplicateSlo { index }),
        (0usize..3).prop_map(|index| PlanEdit::SelectSlo { index }),
        (0usize..3).prop_map(|index| PlanEdit::RemoveSlo { index }),
        (
            prop_oneof![Just("EUR"), Just("usd"), Just("")],
            number(),
            0usize..4
        )
            .prop_map(|(currency, amount, kind)| {
                PlanEdit::Money {
                    money: slo_plan::money::MoneySpec {
                        currency: currency.to_owned(),
                        cost: match kind {
                            0 => slo_plan::money::CostSpec::Unpriced,
                            1 => slo_plan::money::CostSpec::PerOutageMinute(amount),
                            2 => slo_plan::money::CostSpec::PerFailedRequest(amount),
                            _ => slo_plan::money::CostSpec::FromRevenue,
                        },
                    },
                }
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_always_leave_a_plan_every_page_can_show(edits in proptest::collection::vec(edit(), 1..16)) {
        let mut plan = Plan::default();
        for edit in edits {
            match plan.edited(edit.clone()) {
                Ok(next) => plan = next,
                // A refused edit names what is wrong and leaves the plan as it was.
                Err(error) => prop_assert!(!error.to_string().is_empty(), "{edit:?}"),
            }
            let valid = plan.validate();
            prop_assert!(valid.is_ok(), "{edit:?} left {valid:?}");
        }
        let valid = plan.validate().unwrap();
        targets_report(&valid);
        let budget = budget_report(&valid);
        burn_down_chart(&plan, &budget);
        let alerts = alerts_report(&valid, &plan);
        alerts_charts(&valid, &plan.slo().alerts, &alerts);
        if let Ok(capacity) = &valid.capacity {
            capacity_report(&plan.capacity, capacity);
        }
        let negotiation = negotiation_report(&plan, &valid);
        prop_assert_eq!(negotiation.columns.len(), plan.slo().compared().len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn undo_after_any_edits_restores_the_earlier_plan_exactly_and_redo_the_later(edits in proptest::collection::vec(edit(), 1..24)) {
        let start = Plan::default();
        let (mut plan, mut undo) = (start.clone(), Undo::default());
        let mut seen = vec![start.clone()];
        for edit in edits {
            if let Ok(next) = plan.edited(edit.clone()) {
                undo.record(&plan, Some(&edit));
                plan = next;
                seen.push(plan.clone());
            }
        }
        let end = plan.clone();
        while undo.undo(&mut plan) {
            prop_assert!(seen.contains(&plan), "undo gave a plan never shown");
            prop_assert!(plan.validate().is_ok());
        }
        prop_assert_eq!(&plan, &start);
        while undo.redo(&mut plan) {}
        prop_assert_eq!(&plan, &end);
    }
}

#[test]
fn a_short_window_not_shorter_than_the_long_one_is_refused() {
    let plan = Plan::default();
    let tier = plan.slo().alerts.tiers[0];
    let edit = PlanEdit::SetTier {
        index: 0,
        tier: TierSpec {
            short_seconds: 5_400.0,
            ..tier
        },
    };
    let error = plan.edited(edit).unwrap_err().to_string();
    assert!(error.contains("short"), "{error}");
    assert_eq!(
        slo_plan::input::short_window("90m", tier.long_seconds).unwrap_err(),
        "The short window must be shorter than this tier's long window (1h)."
    );
    assert_eq!(slo_plan::input::short_window("5m", tier.long_seconds), Ok(300.0));
}
