//! The Universal Scalability Law (N. Gunther; B. Schwartz, *Practical Scalability
//! Analysis with the Universal Scalability Law*, VividCortex 2015): throughput at
//! concurrency `N` is `X(N) = λN / (1 + σ(N − 1) + κN(N − 1))`, with `σ` the contention
//! (serial fraction), `κ` the coherency cost and `λ` the throughput of one worker.

use crate::bounds::Bounded;
use crate::error::{finite, EngineError};

/// The fewest measurements a fit accepts.
pub const MIN_POINTS: usize = 6;

/// A fitted Universal Scalability Law model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usl {
    /// Contention σ, in [0, 1).
    pub sigma: f64,
    /// Coherency κ, at least 0.
    pub kappa: f64,
    /// Throughput at concurrency 1, λ.
    pub lambda: f64,
    /// Coefficient of determination of the fit, R².
    pub r_squared: f64,
}

impl Usl {
    /// Throughput at concurrency `n`.
    pub fn throughput(&self, n: f64) -> f64 {
        self.lambda * n / (1.0 + self.sigma * (n - 1.0) + self.kappa * n * (n - 1.0))
    }

    /// The concurrency of peak throughput, `√((1 − σ)/κ)`; `None` without coherency
    /// cost (throughput then only levels off).
    pub fn peak_concurrency(&self) -> Option<f64> {
        (self.kappa > 0.0).then(|| ((1.0 - self.sigma) / self.kappa).sqrt())
    }

    /// The peak throughput, `X(N_max)`.
    pub fn peak_throughput(&self) -> Option<f64> {
        self.peak_concurrency().map(|n| self.throughput(n))
    }
}

fn model(p: [f64; 3], n: f64) -> (f64, [f64; 3]) {
    let [sigma, kappa, lambda] = p;
    let d = 1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0);
    let x = lambda * n / d;
    let dd = lambda * n / (d * d);
    (x, [-dd * (n - 1.0), -dd * n * (n - 1.0), n / d])
}

fn cost(p: [f64; 3], points: &[(f64, f64)]) -> f64 {
    points.iter().map(|&(n, x)| (model(p, n).0 - x).powi(2)).sum()
}

/// Solves the 3×3 system `a·x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: [[f64; 3]; 3], mut b: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let pivot = (col..3).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..3 {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (value, pivot) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *value -= f * pivot;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; 3];
    for row in (0..3).rev() {
        let tail: f64 = (row + 1..3).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Fits the USL to (concurrency, throughput) measurements by least squares on the
/// throughput (Levenberg–Marquardt, with σ and κ kept at or above 0).
///
/// # Errors
/// [`EngineError::TooFewPoints`] with fewer than [`MIN_POINTS`] measurements,
/// [`EngineError::NotFinite`] for NaN or infinite values,
/// [`EngineError::FitFailed`] for non-positive values or a fit that does not converge.
pub fn fit(points: &[(f64, f64)]) -> Result<Usl, EngineError> {
    if points.len() < MIN_POINTS {
        return Err(EngineError::TooFewPoints {
            got: points.len(),
            need: MIN_POINTS,
        });
    }
    for &(n, x) in points {
        finite(n, "concurrency")?;
        finite(x, "throughput")?;
        if n <= 0.0 || x <= 0.0 {
            return Err(EngineError::FitFailed {
                reason: "concurrency and throughput must be above 0",
            });
        }
    }
    let lambda0 = points.iter().map(|&(n, x)| x / n).fold(0.0f64, f64::max);
    let mut p = [0.01, 1e-4, lambda0];
    let mut current = cost(p, points);
    let mut damping = 1e-3;
    let mut converged = false;
    for _ in 0..10_000 {
        let (mut jtj, mut jtr) = ([[0.0; 3]; 3], [0.0; 3]);
        for &(n, x) in points {
            let (y, g) = model(p, n);
            for i in 0..3 {
                jtr[i] += g[i] * (y - x);
                for j in 0..3 {
                    jtj[i][j] += g[i] * g[j];
                }
            }
        }
        let mut a = jtj;
        for (i, row) in a.iter_mut().enumerate() {
            row[i] += damping * jtj[i][i].max(1e-300);
        }
        let Some(step) = solve(a, [-jtr[0], -jtr[1], -jtr[2]]) else {
            damping *= 10.0;
            continue;
        };
        let trial = [
            (p[0] + step[0]).bounded(0.0, 0.999_999),
            (p[1] + step[1]).max(0.0),
            p[2] + step[2],
        ];
        let trial_cost = cost(trial, points);
        if trial_cost.is_finite() && trial_cost <= current {
            let change = (0..3)
                .map(|i| (trial[i] - p[i]).abs() / p[i].abs().max(1e-12))
                .fold(0.0, f64::max);
            p = trial;
            current = trial_cost;
            damping = (damping / 10.0).max(1e-15);
            if change < 1e-12 {
                converged = true;
                break;
            }
        } else {
            damping *= 10.0;
            if damping > 1e20 {
                converged = true;
                break;
            }
        }
    }
    if !converged || p[2] <= 0.0 {
        return Err(EngineError::FitFailed {
            reason: "the least-squares search did not converge",
        });
    }
    let mean = points.iter().map(|p| p.1).sum::<f64>() / points.len() as f64;
    let total: f64 = points.iter().map(|&(_, x)| (x - mean).powi(2)).sum();
    Ok(Usl {
        sigma: p[0],
        kappa: p[1],
        lambda: p[2],
        r_squared: if total > 0.0 { 1.0 - current / total } else { 1.0 },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_model_is_recovered() {
        let truth = Usl {
            sigma: 0.05,
            kappa: 0.001,
            lambda: 200.0,
            r_squared: 1.0,
        };
        let points: Vec<_> = (1..=40)
            .map(|n| (f64::from(n), truth.throughput(f64::from(n))))
            .collect();
        let fitted = fit(&points).unwrap();
        assert!((fitted.sigma - 0.05).abs() < 1e-9);
        assert!((fitted.kappa - 0.001).abs() < 1e-12);
        assert!((fitted.lambda - 200.0).abs() < 1e-6);
        assert!(fitted.r_squared > 0.999_999);
    }

    #[test]
    fn too_few_or_impossible_points_are_refused() {
        let few: Vec<_> = (1..=5).map(|n| (f64::from(n), 10.0 * f64::from(n))).collect();
        assert_eq!(fit(&few), Err(EngineError::TooFewPoints { got: 5, need: 6 }));
        let mut bad: Vec<_> = (1..=8).map(|n| (f64::from(n), 10.0 * f64::from(n))).collect();
        bad[3].1 = -1.0;
        assert!(fit(&bad).is_err());
        bad[3].1 = f64::NAN;
        assert!(fit(&bad).is_err());
    }
}
