//! Criterion benchmarks of a 90-day history at one minute (129,600 samples a series):
//! reading it as Prometheus range-query JSON and as CSV, and backtesting the SRE
//! Workbook's four tiers on it. Run: `cargo bench -p slo-plan --bench history`.

use criterion::{criterion_group, criterion_main, Criterion};
use slo_engine::burn_rate::workbook_tiers;
use slo_engine::observed::{Counting, Observed, RangeSelector};
use slo_engine::Target;
use slo_plan::history::read;
use std::fmt::Write as _;
use std::hint::black_box;

const SAMPLES: i64 = 129_600;
const START: i64 = 1_760_000_000;

/// The 500s' and all requests' counters: 1,000 requests a minute, 1 in 1,000 failing,
/// and half failing for 20 minutes each week.
fn counters() -> (Vec<i64>, Vec<i64>) {
    let (mut bad, mut total) = (vec![5_000], vec![1_000_000]);
    for m in 1..SAMPLES {
        let b = if m % 10_080 < 20 { 500 } else { 1 };
        bad.push(bad[bad.len() - 1] + b);
        total.push(total[total.len() - 1] + 1_000);
    }
    (bad, total)
}

fn prometheus_json(bad: &[i64], total: &[i64]) -> String {
    let series = |name: &str, values: &[i64]| {
        let mut out = format!(r#"{{"metric":{{"__name__":"{name}"}},"values":["#);
        for (i, v) in values.iter().enumerate() {
            let _ = write!(
                out,
                r#"{}[{},"{v}"]"#,
                if i > 0 { "," } else { "" },
                START + 60 * i as i64
            );
        }
        out + "]}"
    };
    format!(
        r#"{{"status":"success","data":{{"resultType":"matrix","result":[{},{}]}}}}"#,
        series("errors_total", bad),
        series("requests_total", total)
    )
}

fn csv(bad: &[i64], total: &[i64]) -> String {
    let mut out = String::from("time,bad,total\n");
    for (i, (b, t)) in bad.iter().zip(total).enumerate() {
        let _ = writeln!(out, "{},{b},{t}", START + 60 * i as i64);
    }
    out
}

fn history(c: &mut Criterion) {
    let (bad, total) = counters();
    let json = prometheus_json(&bad, &total);
    let csv = csv(&bad, &total);
    c.bench_function("read 2 × 129,600 samples of Prometheus JSON", |b| {
        b.iter(|| black_box(read(black_box(&json), 0).map(|r| r.samples())));
    });
    c.bench_function("read 2 × 129,600 samples of CSV", |b| {
        b.iter(|| black_box(read(black_box(&csv), 0).map(|r| r.samples())));
    });
    let at = |v: &[i64]| -> Vec<(i64, f64)> {
        v.iter()
            .enumerate()
            .map(|(i, x)| (START + 60 * i as i64, *x as f64))
            .collect()
    };
    let observed = Observed::from_counts(&at(&bad), &at(&total), Counting::Counter).expect("a history");
    let target = Target::from_percent(99.9).expect("a target");
    let tiers = workbook_tiers(30.0 * 86_400.0);
    c.bench_function("backtest 4 tiers over 129,600 samples", |b| {
        b.iter(|| {
            black_box(
                tiers
                    .iter()
                    .map(|t| observed.backtest(*t, target, RangeSelector::Closed).len())
                    .sum::<usize>(),
            )
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = history
}
criterion_main!(benches);
