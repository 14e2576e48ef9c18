//! Criterion benchmark of the incident-risk Monte Carlo: 1,000,000 simulated 30-day
//! windows of the Risk page's default incident model. Run:
//! `cargo bench -p slo-engine --bench risk`. The browser's figure for the same work
//! comes from `node e2e/bench.mjs` (BENCHMARKS.md compares the two).

use criterion::{criterion_group, criterion_main, Criterion};
use slo_engine::risk::{Duration, Risk};
use std::hint::black_box;

/// Two incidents a month (30 of 30.436875 days), detected in 5 minutes on average
/// (exponential) and repaired in 30 minutes (median; 2 hours at the 90th percentile,
/// log-normal), failing half the requests: the Risk page's default model.
fn model() -> Risk {
    Risk::new(
        30.0 * 86_400.0,
        2.0 * 30.0 / 30.436_875,
        Duration::Exponential { mean: 300.0 },
        Duration::LogNormal {
            median: 1_800.0,
            p90: 7_200.0,
        },
        0.5,
        0.0,
    )
    .expect("a valid model")
}

fn simulate(c: &mut Criterion) {
    let risk = model();
    c.bench_function("1,000,000 windows of 30 days", |b| {
        b.iter(|| black_box(black_box(risk).simulate(1, 1_000_000).len()));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = simulate
}
criterion_main!(benches);
