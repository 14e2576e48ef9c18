//! Criterion benchmark of the Budget page's burn-down in its heaviest valid case: a
//! rolling 400-day window of 1-minute timeslices with 100 overlapping 4-day incidents,
//! so that every cell of the series is touched. Run:
//! `cargo bench -p slo-engine --bench burn_down`.

use criterion::{criterion_group, criterion_main, Criterion};
use slo_engine::burn_down::{burn_down, Forecast, Plan};
use slo_engine::incident::{Impact, Incident};
use slo_engine::time::Instant;
use slo_engine::{SliKind, Target, Timeslice, Traffic, Window};
use std::hint::black_box;

fn heaviest(c: &mut Criterion) {
    let as_of = Instant::parse("2026-11-16T00:00:00Z").expect("an instant");
    let incidents: Vec<Incident> = (0..100)
        .map(|i| {
            let start = as_of.plus_seconds(-f64::from(i) * 3.5 * 86_400.0 - 86_400.0);
            Incident::new(start, 4.0 * 86_400.0, Impact::Fraction(0.02)).expect("an incident")
        })
        .collect();
    let plan = Plan {
        target: Target::from_percent(99.9).expect("a target"),
        sli: SliKind::Timeslice(Timeslice::new(60.0, 0.01).expect("a slice")),
        traffic: Traffic::per_second(100.0).expect("traffic"),
        window: Window::Rolling { days: 400 },
        as_of,
        incidents: &incidents,
        forecast: Forecast::FromHistory,
    };
    c.bench_function(
        "burn-down: 400-day rolling timeslices, 100 overlapping incidents",
        |b| {
            b.iter(|| black_box(burn_down(black_box(&plan)).spent));
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = heaviest
}
criterion_main!(benches);
