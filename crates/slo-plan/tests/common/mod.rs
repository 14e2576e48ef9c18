//! Random plans for property tests: every part of a plan, within what validation
//! accepts (the link fuzzer mutates them; the explanation check reads them).
#![allow(dead_code)]

use proptest::prelude::*;
use slo_engine::time::Instant;
use slo_plan::alerts::{AlertsSpec, MetricSpec, PhaseSpec, RatioSpec, SeveritySpec, TierSpec};
use slo_plan::capacity::{CapacitySpec, GrowthSpec};
use slo_plan::risk::{CreditSpec, DurationSpec, NodeKind, NodeSpec, RiskSpec, Shape};
use slo_plan::{
    BudgetSpec, ForecastSpec, ImpactSpec, IncidentSpec, Plan, ReverseSpec, ScenarioSpec, SliSpec, SloSpec,
    ThresholdSpec, TrafficSpec, TrafficUnit, WhatIfSpec, WindowSpec,
};

fn window() -> impl Strategy<Value = WindowSpec> {
    prop_oneof![
        (1u32..=400).prop_map(|days| WindowSpec::Rolling { days }),
        Just(WindowSpec::CalendarMonth),
        Just(WindowSpec::CalendarQuarter),
        Just(WindowSpec::CalendarYear),
    ]
}

fn instant() -> impl Strategy<Value = String> {
    (0i64..4_000_000_000).prop_map(|s| Instant::from_unix_seconds(s).unwrap().to_string())
}

/// A plan's date: far enough from 1970 for the longest rolling window (400 days) to
/// look back.
fn as_of() -> impl Strategy<Value = String> {
    (400 * 86_400i64..4_000_000_000).prop_map(|s| Instant::from_unix_seconds(s).unwrap().to_string())
}

fn budget() -> impl Strategy<Value = BudgetSpec> {
    let incident = (
        "\\PC{0,20}",
        instant(),
        1e-3f64..3e7,
        any::<bool>(),
        1e-6f64..100.0,
        0f64..1e12,
    )
        .prop_map(
            |(label, start, duration_seconds, counted, percent, count)| IncidentSpec {
                slos: None,
                label,
                start,
                duration_seconds,
                impact: if counted {
                    ImpactSpec::BadRequests(count)
                } else {
                    ImpactSpec::Percent(percent)
                },
            },
        );
    let threshold = (0f64..=100.0, "\\PC{0,20}").prop_map(|(remaining_percent, action)| ThresholdSpec {
        remaining_percent,
        action,
    });
    (
        as_of(),
        proptest::collection::vec(incident, 0..4),
        prop_oneof![
            Just(ForecastSpec::FromHistory),
            (0f64..=100.0).prop_map(ForecastSpec::SteadyErrorRatePercent)
        ],
        proptest::collection::vec(threshold, 0..4),
        (1e-3f64..3e7, 1e-6f64..=100.0),
    )
        .prop_map(
            |(as_of, incidents, forecast, policy, (duration_seconds, impact_percent))| BudgetSpec {
                as_of,
                incidents,
                forecast,
                policy,
                what_if: WhatIfSpec {
                    duration_seconds,
                    impact_percent,
                },
            },
        )
}

fn slo() -> impl Strategy<Value = SloSpec> {
    (
        "[a-z]\\PC{0,19}",
        1e-6f64..99.999_999,
        window(),
        prop_oneof![
            Just(SliSpec::TimeBased),
            Just(SliSpec::RequestBased),
            (1e-3f64..3.6e6).prop_map(|threshold_ms| SliSpec::Latency { threshold_ms }),
            (1f64..=3600.0, 0f64..99.9).prop_map(|(slice_seconds, max_error_rate_percent)| {
                SliSpec::Timeslice {
                    slice_seconds,
                    max_error_rate_percent,
                }
            }),
        ],
        alerts(),
        proptest::collection::vec(1e-6f64..99.999_999, 0..=slo_plan::MAX_CANDIDATES),
    )
        .prop_map(
            |(name, target_percent, window, sli, alerts, candidates)| SloSpec {
                name,
                target_percent,
                window,
                sli,
                alerts,
                candidates,
            },
        )
}

fn money() -> impl Strategy<Value = slo_plan::money::MoneySpec> {
    use slo_plan::money::{CostSpec, MoneySpec};
    (
        prop_oneof![Just("USD"), Just("EUR"), Just("JPY")],
        prop_oneof![
            Just(CostSpec::Unpriced),
            (0f64..1e6).prop_map(CostSpec::PerOutageMinute),
            (0f64..1e3).prop_map(CostSpec::PerFailedRequest),
            Just(CostSpec::FromRevenue),
        ],
    )
        .prop_map(|(currency, cost)| MoneySpec {
            currency: currency.to_owned(),
            cost,
        })
}

pub fn plan() -> impl Strategy<Value = Plan> {
    (
        "\\PC{0,40}",
        proptest::collection::vec(slo(), 1..4),
        any::<proptest::sample::Index>(),
        (1e-3f64..1e8, any::<bool>()),
        (0f64..1e10, window()),
        (budget(), capacity(), risk(), 0usize..3, money()),
    )
        .prop_map(
            |(
                service,
                slos,
                selected,
                (value, per_day),
                (downtime_seconds, rwindow),
                (mut budget, capacity, risk, scenarios, money),
            )| {
                // Some incidents hurt only the first SLO.
                for (i, incident) in budget.incidents.iter_mut().enumerate() {
                    if i % 2 == 1 {
                        incident.slos = Some(vec![0]);
                    }
                }
                let plan = Plan {
                    service,
                    selected: selected.index(slos.len()),
                    slos,
                    traffic: TrafficSpec {
                        value,
                        unit: if per_day {
                            TrafficUnit::PerDay
                        } else {
                            TrafficUnit::PerSecond
                        },
                    },
                    reverse: ReverseSpec {
                        downtime_seconds,
                        window: rwindow,
                    },
                    budget,
                    capacity,
                    risk,
                    money,
                    scenarios: Vec::new(),
                };
                // Scenarios: variants of the plan itself with another target (and the
                // default capacity plan, whose validation fits no model: quick).
                let scenarios = (0..scenarios)
                    .map(|i| {
                        let mut variant = Plan {
                            capacity: CapacitySpec::default(),
                            ..plan.clone()
                        };
                        variant.slo_mut().target_percent = 99.0 + i as f64 / 10.0;
                        ScenarioSpec {
                            name: format!("variant {i}"),
                            plan: variant,
                        }
                    })
                    .collect();
                Plan { scenarios, ..plan }
            },
        )
}

fn risk() -> impl Strategy<Value = RiskSpec> {
    // Valid trees only: named nodes, groups of 1 to 3 members (at most 40 nodes in
    // all), quorums between 1 and their member count.
    let kind = prop_oneof![Just(NodeKind::All), Just(NodeKind::Any), Just(NodeKind::Quorum)];
    let leaf = ("\\PC{1,12}", 0f64..=100.0, 0f64..=100.0).prop_map(|(name, a, affects)| NodeSpec {
        affects_percent: affects,
        ..NodeSpec::dependency(&name, a)
    });
    let tree = leaf.prop_recursive(3, 40, 3, move |inner| {
        (kind.clone(), proptest::collection::vec(inner, 1..=3), 1u32..=3).prop_map(|(kind, members, k)| {
            NodeSpec {
                k: k.min(members.len() as u32),
                ..NodeSpec::group("group", kind, members)
            }
        })
    });
    let time = prop_oneof![
        (0f64..1e3).prop_map(|minutes| DurationSpec {
            shape: Shape::Fixed,
            minutes,
            p90_minutes: 0.0,
        }),
        (0.01f64..1e3).prop_map(|minutes| DurationSpec {
            shape: Shape::Exponential,
            minutes,
            p90_minutes: 0.0,
        }),
        (0.01f64..1e3, 1.01f64..40.0).prop_map(|(minutes, ratio)| DurationSpec {
            shape: Shape::LogNormal,
            minutes,
            p90_minutes: minutes * ratio,
        }),
    ];
    let credit = (0.01f64..=100.0, 0f64..=100.0).prop_map(|(below_percent, credit_percent)| CreditSpec {
        below_percent,
        credit_percent,
    });
    (
        (
            tree,
            0.01f64..99.9999,
            proptest::collection::vec(credit, 0..4),
            0f64..1e9,
        ),
        (0f64..=30.0, time.clone(), time, 0.01f64..=100.0, 0f64..1e4),
        (any::<u32>(), 1_000u32..=1_000_000),
    )
        .prop_map(
            |(
                (dependencies, sla_percent, credits, revenue_per_month),
                (incidents_per_month, detect, repair, impact_percent, maintenance_minutes),
                (seed, windows),
            )| RiskSpec {
                dependencies,
                sla_percent,
                credits,
                revenue_per_month,
                incidents_per_month,
                detect,
                repair,
                impact_percent,
                maintenance_minutes,
                seed,
                windows,
            },
        )
}

fn capacity() -> impl Strategy<Value = CapacitySpec> {
    let growth = prop_oneof![
        (-1e4f64..1e4).prop_map(GrowthSpec::LinearPerMonth),
        (-99f64..1_000.0).prop_map(GrowthSpec::CompoundPercent),
        Just(GrowthSpec::FitLinear),
        Just(GrowthSpec::FitExponential),
    ];
    let history = proptest::collection::vec((1u32..=12, 1f64..1e6), 0..8).prop_map(|rows| {
        rows.iter()
            .map(|(month, v)| format!("2026-{month:02}-01,{v}\n"))
            .collect::<String>()
    });
    let load_test = prop_oneof![
        Just(String::new()),
        Just("1,955.16\n2,1878.91\n3,2688.01\n4,3548.68\n5,4315.54\n6,5130.43\n".to_owned()),
        Just("1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n".to_owned()),
    ];
    (
        (1e-3f64..1e9, growth, history, 1f64..=100.0),
        (
            1e-3f64..1e9,
            0u32..100_000,
            1e-3f64..=100.0,
            0u32..100,
            1u32..=64,
            3u32..=36,
        ),
        (
            1u32..=1_000,
            1e-3f64..1e6,
            50f64..=99.999,
            1e-3f64..1e6,
            load_test,
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (load_rps, growth, history, peak_factor),
                (per_instance_rps, instances, utilisation_percent, spare, zones, horizon_months),
                (workers, service_ms, latency_percentile, latency_ms, load_test, usl_ceiling),
            )| CapacitySpec {
                load_rps,
                growth,
                history,
                peak_factor,
                per_instance_rps,
                instances,
                utilisation_percent,
                spare,
                zones,
                horizon_months,
                workers,
                service_ms,
                latency_percentile,
                latency_ms,
                load_test,
                usl_ceiling,
            },
        )
}

fn alerts() -> impl Strategy<Value = AlertsSpec> {
    let tier = (any::<bool>(), 60f64..2.6e6, 0.01f64..0.99, 0.01f64..100.0).prop_map(
        |(page, long, share, burn_rate)| TierSpec {
            severity: if page {
                SeveritySpec::Page
            } else {
                SeveritySpec::Ticket
            },
            long_seconds: long,
            short_seconds: long * share,
            burn_rate,
        },
    );
    let phase = (0f64..1e6, 1f64..1e6, 0f64..=100.0, 0f64..=100.0).prop_map(
        |(start_seconds, duration_seconds, from_percent, to_percent)| PhaseSpec {
            start_seconds,
            duration_seconds,
            from_percent,
            to_percent,
        },
    );
    (
        proptest::collection::vec(tier, 0..5),
        1e-4f64..=100.0,
        any::<bool>(),
        "[a-z_]{1,20}\\{[a-z]+=\"[a-z0-9.~]{0,10}\"\\}",
        "[a-z_]{1,30}",
        proptest::collection::vec(phase, 0..4),
    )
        .prop_map(
            |(tiers, error_rate_percent, good, numerator, total, incident)| AlertsSpec {
                tiers,
                error_rate_percent,
                // A numerator starting with `_` stands for counters that follow the service.
                metric: (!numerator.starts_with('_')).then_some(MetricSpec {
                    ratio: if good {
                        RatioSpec::GoodOverTotal
                    } else {
                        RatioSpec::BadOverTotal
                    },
                    numerator,
                    total,
                }),
                incident,
            },
        )
}
