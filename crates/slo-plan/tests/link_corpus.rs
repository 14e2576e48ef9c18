//! Every link format version ever released keeps opening.
//!
//! `tests/links/v<N>/<case>.link` holds a link fragment exactly as version N wrote it,
//! and `<case>.json` the plan it must open to (as a plan document). Released files are
//! never edited. For the current version the encoder must still write exactly the
//! stored link, so a change of format cannot slip in without a new version.
//! `UPDATE_LINK_CORPUS=1 cargo test --test link_corpus` adds the cases below that are
//! missing, for the current version only; it never rewrites an existing file.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use slo_plan::alerts::{AlertsSpec, MetricSpec, PhaseSpec, RatioSpec, SeveritySpec, TierSpec};
use slo_plan::capacity::{CapacitySpec, GrowthSpec};
use slo_plan::document::{plan_from_json, plan_to_compact_json, plan_to_json, CURRENT_VERSION};
use slo_plan::risk::{CreditSpec, DurationSpec, NodeKind, NodeSpec, RiskSpec, Shape};
use slo_plan::{
    link, BudgetSpec, ForecastSpec, ImpactSpec, IncidentSpec, Plan, ReverseSpec, ScenarioSpec, SliSpec,
    ThresholdSpec, TrafficSpec, TrafficUnit, WhatIfSpec, WindowSpec,
};
use std::fs;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/links")
}

/// The cases written for the current version: the default plan and plans that use
/// every kind of window, SLI and traffic unit, every kind of dependency group,
/// scenarios, and awkward text.
fn current_cases() -> Vec<(&'static str, Plan)> {
    let base = Plan::default();
    vec![
        ("default", base.clone()),
        (
            "money-per-failed-request-in-euros",
            Plan {
                money: slo_plan::money::MoneySpec {
                    currency: "EUR".to_owned(),
                    cost: slo_plan::money::CostSpec::PerFailedRequest(0.0025),
                },
                ..base.clone()
            },
        ),
        (
            "latency-calendar-month",
            Plan {
                service: "checkout-api".to_owned(),
                slos: vec![slo_plan::SloSpec {
                    target_percent: 99.5,
                    window: WindowSpec::CalendarMonth,
                    sli: SliSpec::Latency { threshold_ms: 300.0 },
                    ..base.clone().slo().clone()
                }],
                ..base.clone()
            },
        ),
        (
            "time-based-quarter-per-day",
            Plan {
                selected: 0,
                service: "batch: nightly \"ETL\" ✓".to_owned(),
                traffic: TrafficSpec {
                    value: 1_234_567.5,
                    unit: TrafficUnit::PerDay,
                },
                reverse: ReverseSpec {
                    downtime_seconds: 0.25,
                    window: WindowSpec::CalendarYear,
                },
                budget: BudgetSpec {
                    policy: Vec::new(),
                    ..BudgetSpec::default()
                },
                capacity: CapacitySpec::default(),
                risk: RiskSpec::default(),
                money: slo_plan::money::MoneySpec::default(),
                scenarios: Vec::new(),
                slos: vec![slo_plan::SloSpec {
                    target_percent: 99.99999,
                    window: WindowSpec::CalendarQuarter,
                    sli: SliSpec::TimeBased,
                    alerts: AlertsSpec {
                        tiers: vec![
                            TierSpec {
                                severity: SeveritySpec::Page,
                                long_seconds: 7_200.0,
                                short_seconds: 600.0,
                                burn_rate: 20.0,
                            },
                            TierSpec {
                                severity: SeveritySpec::Ticket,
                                long_seconds: 86_400.0,
                                short_seconds: 7_200.0,
                                burn_rate: 2.5,
                            },
                        ],
                        error_rate_percent: 0.5,
                        metric: Some(MetricSpec {
                            ratio: RatioSpec::GoodOverTotal,
                            numerator: "batch_rows_ok_total".to_owned(),
                            total: "batch_rows_total".to_owned(),
                        }),
                        incident: vec![
                            PhaseSpec {
                                start_seconds: 0.0,
                                duration_seconds: 90.0,
                                from_percent: 100.0,
                                to_percent: 100.0,
                            },
                            PhaseSpec {
                                start_seconds: 600.0,
                                duration_seconds: 7_200.0,
                                from_percent: 0.0,
                                to_percent: 12.5,
                            },
                        ],
                    },
                    ..Plan::default().slo().clone()
                }],
            },
        ),
        (
            "budget-incidents-steady-forecast",
            Plan {
                service: "search".to_owned(),
                budget: BudgetSpec {
                    as_of: "2026-11-20T09:30:00Z".to_owned(),
                    incidents: vec![
                        IncidentSpec {
                            slos: None,
                            label: "DB failover".to_owned(),
                            start: "2026-11-02T03:10:00Z".to_owned(),
                            duration_seconds: 840.0,
                            impact: ImpactSpec::Percent(100.0),
                        },
                        IncidentSpec {
                            slos: None,
                            label: "bad deploy".to_owned(),
                            start: "2026-11-18T16:00:00Z".to_owned(),
                            duration_seconds: 2_700.0,
                            impact: ImpactSpec::BadRequests(12_000.0),
                        },
                    ],
                    forecast: ForecastSpec::SteadyErrorRatePercent(0.02),
                    policy: vec![ThresholdSpec {
                        remaining_percent: 30.0,
                        action: "freeze".to_owned(),
                    }],
                    what_if: WhatIfSpec {
                        duration_seconds: 600.0,
                        impact_percent: 25.0,
                    },
                },
                slos: vec![slo_plan::SloSpec {
                    target_percent: 99.95,
                    window: WindowSpec::Rolling { days: 28 },
                    sli: SliSpec::Timeslice {
                        slice_seconds: 60.0,
                        max_error_rate_percent: 1.0,
                    },
                    ..base.clone().slo().clone()
                }],
                ..base.clone()
            },
        ),
        (
            "capacity-fitted-history-load-test-zones",
            Plan {
                service: "api-gateway".to_owned(),
                capacity: CapacitySpec {
                    growth: GrowthSpec::FitExponential,
                    history: "date,req/s\n2026-08-01,905\n2026-09-01,990\n2026-10-01,1040\n".to_owned(),
                    peak_factor: 3.0,
                    per_instance_rps: 250.5,
                    instances: 30,
                    utilisation_percent: 65.0,
                    spare: 2,
                    zones: 3,
                    horizon_months: 36,
                    workers: 16,
                    service_ms: 12.5,
                    latency_percentile: 99.9,
                    latency_ms: 250.0,
                    load_test: "1,955\n4,3549\n8,6500\n16,9800\n32,12074\n64,9500\n".to_owned(),
                    usl_ceiling: true,
                    ..CapacitySpec::default()
                },
                ..base.clone()
            },
        ),
        ("risk-quorum-soft-credits-scenarios", {
            let mut quorum = NodeSpec::group(
                "etcd",
                NodeKind::Quorum,
                vec![NodeSpec::dependency("etcd-1", 99.9); 3],
            );
            quorum.k = 2;
            let mut search = NodeSpec::dependency("search \"beta\"", 98.5);
            search.affects_percent = 12.5;
            let risk = RiskSpec {
                dependencies: NodeSpec::group(
                    "checkout",
                    NodeKind::All,
                    vec![
                        NodeSpec::group(
                            "regions",
                            NodeKind::Any,
                            vec![NodeSpec::group(
                                "eu",
                                NodeKind::All,
                                vec![quorum, NodeSpec::dependency("db", 99.95)],
                            )],
                        ),
                        search,
                    ],
                ),
                sla_percent: 99.9,
                credits: vec![CreditSpec {
                    below_percent: 99.9,
                    credit_percent: 5.0,
                }],
                revenue_per_month: 2_500_000.0,
                incidents_per_month: 0.75,
                detect: DurationSpec {
                    shape: Shape::Fixed,
                    minutes: 4.0,
                    p90_minutes: 0.0,
                },
                repair: DurationSpec {
                    shape: Shape::LogNormal,
                    minutes: 45.0,
                    p90_minutes: 240.0,
                },
                impact_percent: 100.0,
                maintenance_minutes: 30.0,
                seed: 4_294_967_295,
                windows: 20_000,
            };
            let variant = Plan {
                risk: RiskSpec {
                    incidents_per_month: 0.5,
                    ..risk.clone()
                },
                slos: vec![slo_plan::SloSpec {
                    target_percent: 99.95,
                    ..base.clone().slo().clone()
                }],
                ..base.clone()
            };
            Plan {
                service: "checkout".to_owned(),
                risk,
                scenarios: vec![ScenarioSpec {
                    name: "99.95% with fewer incidents".to_owned(),
                    plan: variant,
                }],
                ..base.clone()
            }
        }),
        ("several-slos-incidents-naming-them", several_slos()),
        (
            "negotiation-compared-targets",
            Plan {
                slos: vec![slo_plan::SloSpec {
                    candidates: vec![99.5, 99.9, 99.95, 99.99],
                    ..base.slo().clone()
                }],
                ..base.clone()
            },
        ),
        (
            "long-rolling-window",
            Plan {
                service: String::new(),
                reverse: ReverseSpec {
                    downtime_seconds: 1e9,
                    window: WindowSpec::Rolling { days: 7 },
                },
                slos: vec![slo_plan::SloSpec {
                    target_percent: 90.0,
                    window: WindowSpec::Rolling { days: 400 },
                    ..base.slo().clone()
                }],
                ..base
            },
        ),
    ]
}

/// A service with the most SLOs a plan holds, of every SLI kind, a selected SLO that is
/// not the first, own counters on one, and incidents that hurt all, some or none.
fn several_slos() -> Plan {
    let base = Plan::default();
    let slo = |name: &str, target_percent, window, sli| slo_plan::SloSpec {
        name: name.to_owned(),
        target_percent,
        window,
        sli,
        ..base.slo().clone()
    };
    let mut slos = vec![
        slo(
            "availability",
            99.9,
            WindowSpec::Rolling { days: 28 },
            SliSpec::RequestBased,
        ),
        slo(
            "latency p99 < 300 ms",
            99.0,
            WindowSpec::Rolling { days: 28 },
            SliSpec::Latency { threshold_ms: 300.0 },
        ),
        slo("uptime", 99.95, WindowSpec::CalendarMonth, SliSpec::TimeBased),
        slo(
            "good minutes",
            99.5,
            WindowSpec::CalendarQuarter,
            SliSpec::Timeslice {
                slice_seconds: 60.0,
                max_error_rate_percent: 5.0,
            },
        ),
    ];
    slos[1].alerts.metric = Some(MetricSpec {
        ratio: RatioSpec::GoodOverTotal,
        numerator: "grpc_fast_total{service=\"checkout\"}".to_owned(),
        total: "grpc_total{service=\"checkout\"}".to_owned(),
    });
    for i in slos.len()..slo_plan::MAX_SLOS {
        slos.push(slo(
            &format!("slo {i}"),
            99.0,
            WindowSpec::CalendarYear,
            SliSpec::RequestBased,
        ));
    }
    let incident = |label: &str, start: &str, slos| IncidentSpec {
        label: label.to_owned(),
        slos,
        start: start.to_owned(),
        duration_seconds: 1_200.0,
        impact: ImpactSpec::Percent(100.0),
    };
    Plan {
        service: "checkout".to_owned(),
        slos,
        selected: 1,
        budget: BudgetSpec {
            incidents: vec![
                incident("outage", "2026-11-10T08:00:00Z", None),
                incident("slow queries", "2026-11-12T14:30:00Z", Some(vec![1, 3])),
                incident("probe down", "2026-11-13T01:00:00Z", Some(vec![])),
            ],
            ..BudgetSpec::default()
        },
        ..base
    }
}

#[test]
fn every_released_link_opens_to_its_plan() {
    let mut checked = 0;
    for version_dir in fs::read_dir(corpus()).expect("tests/links exists") {
        let version_dir = version_dir.unwrap().path();
        for entry in fs::read_dir(&version_dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "link") {
                let fragment = fs::read_to_string(&path).unwrap();
                let expected = plan_from_json(&fs::read_to_string(path.with_extension("json")).unwrap())
                    .unwrap_or_else(|e| panic!("{}: expected plan unreadable: {e}", path.display()));
                let opened = link::decode(fragment.trim())
                    .unwrap_or_else(|e| panic!("{} no longer opens: {e}", path.display()));
                assert_eq!(opened, Some(expected), "{} opens to another plan", path.display());
                checked += 1;
                let version: u32 = version_dir.file_name().unwrap().to_str().unwrap()[1..]
                    .parse()
                    .unwrap();
                if version < 6 {
                    one_slo_as_written(&path.with_extension("json"));
                }
            }
        }
    }
    assert!(
        std::env::var_os("UPDATE_LINK_CORPUS").is_some() || checked >= current_cases().len(),
        "only {checked} links in the corpus"
    );
}

/// A plan document of versions 1 to 5 (one SLO, its fields at the top of the plan)
/// opens as a service with that one SLO, its target, window and SLI as written.
fn one_slo_as_written(json: &Path) {
    let text = fs::read_to_string(json).unwrap();
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    let plan = plan_from_json(&text).unwrap();
    assert_eq!(plan.slos.len(), 1, "{}", json.display());
    let slo = plan.slo();
    let field = |name: &str| written["plan"][name].clone();
    assert_eq!(Some(slo.target_percent), field("target_percent").as_f64());
    assert_eq!(
        slo.window,
        serde_json::from_value::<WindowSpec>(field("window")).unwrap()
    );
    assert_eq!(slo.sli, serde_json::from_value::<SliSpec>(field("sli")).unwrap());
    assert_eq!(plan.service, field("service").as_str().unwrap());
}

/// The JSON a link of the current version carries (a zlib stream, checksum checked).
fn inflated(link: &str) -> String {
    let payload = link.split_once('.').expect("a versioned link").1;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    String::from_utf8(miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap()).unwrap()
}

/// The current version writes the same JSON for each stored plan, byte for byte (a
/// change of the JSON needs a new format version), and its links decode back to that
/// JSON; they are no longer than the links stored for it.
#[test]
fn the_current_version_still_writes_the_stored_links() {
    let dir = corpus().join(format!("v{CURRENT_VERSION}"));
    let update = std::env::var_os("UPDATE_LINK_CORPUS").is_some();
    for (name, plan) in current_cases() {
        let link_path = dir.join(format!("{name}.link"));
        if update && !link_path.exists() {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&link_path, format!("{}\n", link::encode(&plan))).unwrap();
            fs::write(
                dir.join(format!("{name}.json")),
                format!("{}\n", plan_to_json(&plan)),
            )
            .unwrap();
        }
        let stored = fs::read_to_string(&link_path)
            .unwrap_or_else(|_| panic!("{} missing; run with UPDATE_LINK_CORPUS=1", link_path.display()));
        let stored_json = fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        assert_eq!(
            plan_to_json(&plan),
            stored_json.trim(),
            "v{CURRENT_VERSION} JSON changed for case {name}: bump the format version instead"
        );
        let written = link::encode(&plan);
        assert_eq!(
            inflated(&written),
            inflated(stored.trim()),
            "v{CURRENT_VERSION} links carry other JSON for case {name}"
        );
        assert_eq!(inflated(&written), plan_to_compact_json(&plan), "{name}");
        assert!(
            written.len() <= stored.trim().len(),
            "{name}: the link grew from {} to {} characters",
            stored.trim().len(),
            written.len()
        );
    }
}

#[test]
fn typical_links_stay_well_under_two_thousand_characters() {
    for (name, plan) in current_cases() {
        let url = format!("https://slo-planner.example/#{}", link::encode(&plan));
        // Well under the 2,000 characters a link should stay below; a plan carrying
        // pasted tables (demand history, load-test measurements) under 2,000 itself.
        // A plan carrying scenarios (whole variants of itself) or a dozen SLOs (each with
        // its own alert tiers) under 2,000 too.
        let limit = if plan.capacity.history.is_empty()
            && plan.capacity.load_test.is_empty()
            && plan.scenarios.is_empty()
            && plan.slos.len() <= 4
        {
            1_000
        } else {
            2_000
        };
        assert!(url.len() < limit, "{name}: {} characters", url.len());
    }
}
