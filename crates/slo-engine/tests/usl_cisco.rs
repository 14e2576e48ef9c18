//! The Universal Scalability Law fitted to the Cisco benchmark from B. Schwartz,
//! *Practical Scalability Analysis with the Universal Scalability Law* (VividCortex,
//! 2015): the book's least-squares fit is σ = 0.02671591, κ = 7.690945e-4,
//! λ = 995.6486, with peak concurrency N_max = 35 and peak throughput X_max ≈ 12,341.
//! Data: `tests/data/usl-cisco.csv` (32 measurements).

use slo_engine::scalability::fit;

fn cisco() -> Vec<(f64, f64)> {
    include_str!("data/usl-cisco.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (n, x) = line.split_once(',')?;
            Some((n.trim().parse().ok()?, x.trim().parse().ok()?))
        })
        .collect()
}

fn within(actual: f64, expected: f64, relative: f64) -> bool {
    ((actual - expected) / expected).abs() <= relative
}

#[test]
fn the_book_fit_of_the_cisco_data() {
    let points = cisco();
    assert_eq!(points.len(), 32);
    let usl = fit(&points).unwrap();
    assert!(within(usl.sigma, 0.026_715_91, 2e-4), "σ = {}", usl.sigma);
    assert!(within(usl.kappa, 7.690_945e-4, 2e-4), "κ = {}", usl.kappa);
    assert!(within(usl.lambda, 995.6486, 2e-4), "λ = {}", usl.lambda);
    assert_eq!(usl.peak_concurrency().unwrap().floor(), 35.0);
    assert!(
        within(usl.peak_throughput().unwrap(), 12_341.0, 1e-3),
        "{:?}",
        usl.peak_throughput()
    );
    assert!(usl.r_squared > 0.99, "R² = {}", usl.r_squared);
}
