//! Incident-risk simulation (Monte Carlo): what incident frequency, detection and
//! repair times do to the odds of meeting a target.
//!
//! Each simulated window draws a Poisson number of incidents; each incident lasts a
//! detection time plus a repair time (fixed, exponential or log-normal) and costs
//! `impact × duration` of downtime; planned maintenance adds a fixed downtime. The
//! random numbers come from a seeded xoshiro256** generator and the math functions from
//! the pure-Rust `libm`, so a seed gives the same result, to the bit, natively and in
//! the browser.

use crate::error::{finite, EngineError};

/// The most incidents a window may expect on average.
pub const MAX_EXPECTED_INCIDENTS: f64 = 500.0;
/// The z-score of the 90th percentile of a standard normal distribution.
const Z90: f64 = 1.281_551_565_544_600_4;

/// A seeded xoshiro256** generator (Blackman & Vigna, 2018), seeded by splitmix64.
#[derive(Debug, Clone)]
pub struct Rng([u64; 4]);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng([next(), next(), next(), next()])
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in (0, 1).
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn poisson(&mut self, mean: f64) -> u32 {
        // Inversion: fine for the means accepted here.
        let (mut k, mut p, mut cumulative) = (0u32, libm::exp(-mean), 0.0);
        let u = self.uniform();
        cumulative += p;
        while u > cumulative && k < 10_000 {
            k += 1;
            p *= mean / f64::from(k);
            cumulative += p;
        }
        k
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        libm::sqrt(-2.0 * libm::log(u)) * libm::cos(2.0 * std::f64::consts::PI * v)
    }
}

/// How long something takes, in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Duration {
    /// Always the same.
    Fixed(f64),
    /// Exponential with this mean.
    Exponential {
        /// Mean, seconds.
        mean: f64,
    },
    /// Log-normal given by its median and 90th percentile.
    LogNormal {
        /// Median, seconds.
        median: f64,
        /// 90th percentile, seconds (above the median).
        p90: f64,
    },
}

impl Duration {
    fn check(self) -> Result<Self, EngineError> {
        let bad = |seconds: f64| EngineError::DurationOutOfRange {
            what: "time",
            seconds,
        };
        match self {
            Duration::Fixed(s) if finite(s, "time")? >= 0.0 => Ok(self),
            Duration::Exponential { mean } if finite(mean, "mean time")? > 0.0 => Ok(self),
            Duration::LogNormal { median, p90 }
                if finite(median, "median time")? > 0.0 && finite(p90, "90th percentile")? > median =>
            {
                Ok(self)
            }
            Duration::Fixed(s) => Err(bad(s)),
            Duration::Exponential { mean } => Err(bad(mean)),
            Duration::LogNormal { median, .. } => Err(bad(median)),
        }
    }

    /// The mean, seconds.
    pub fn mean(self) -> f64 {
        match self {
            Duration::Fixed(s) => s,
            Duration::Exponential { mean } => mean,
            Duration::LogNormal { median, p90 } => {
                let sigma = libm::log(p90 / median) / Z90;
                median * libm::exp(sigma * sigma / 2.0)
            }
        }
    }

    fn sample(self, rng: &mut Rng) -> f64 {
        match self {
            Duration::Fixed(s) => s,
            Duration::Exponential { mean } => -mean * libm::log(rng.uniform()),
            Duration::LogNormal { median, p90 } => {
                let sigma = libm::log(p90 / median) / Z90;
                median * libm::exp(sigma * rng.normal())
            }
        }
    }
}

/// The risk model of one SLO window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Risk {
    window: f64,
    incidents_per_window: f64,
    detect: Duration,
    repair: Duration,
    impact: f64,
    maintenance: f64,
}

impl Risk {
    /// A window of `window` seconds with `incidents_per_window` expected incidents, each
    /// taking `detect + repair` at `impact` (a fraction in (0, 1]), plus `maintenance`
    /// seconds of planned downtime.
    ///
    /// # Errors
    /// Typed errors for a non-positive window, a negative or absurd incident rate, an
    /// impact outside (0, 1], impossible durations or negative maintenance.
    pub fn new(
        window: f64,
        incidents_per_window: f64,
        detect: Duration,
        repair: Duration,
        impact: f64,
        maintenance: f64,
    ) -> Result<Self, EngineError> {
        let window = finite(window, "window")?;
        if window <= 0.0 {
            return Err(EngineError::DurationOutOfRange {
                what: "window",
                seconds: window,
            });
        }
        let rate = finite(incidents_per_window, "incident rate")?;
        if !(0.0..=MAX_EXPECTED_INCIDENTS).contains(&rate) {
            return Err(EngineError::BadEventsOutOfRange { count: rate });
        }
        let impact = finite(impact, "impact")?;
        if !(impact > 0.0 && impact <= 1.0) {
            return Err(EngineError::ImpactOutOfRange {
                percent: impact * 100.0,
            });
        }
        let maintenance = finite(maintenance, "maintenance")?;
        if maintenance < 0.0 {
            return Err(EngineError::NegativeDuration {
                what: "maintenance",
                seconds: maintenance,
            });
        }
        Ok(Risk {
            window,
            incidents_per_window: rate,
            detect: detect.check()?,
            repair: repair.check()?,
            impact,
            maintenance,
        })
    }

    /// The expected downtime per window (closed form):
    /// `rate × (mean detection + mean repair) × impact + maintenance`, seconds.
    pub fn expected_downtime(&self) -> f64 {
        self.incidents_per_window * (self.detect.mean() + self.repair.mean()) * self.impact + self.maintenance
    }

    /// One simulated window's availability, a fraction in [0, 1].
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        let mut down = self.maintenance;
        for _ in 0..rng.poisson(self.incidents_per_window) {
            down += self.impact * (self.detect.sample(rng) + self.repair.sample(rng));
        }
        (1.0 - down / self.window).clamp(0.0, 1.0)
    }

    /// Simulates `windows` windows from `seed`: their availabilities, in order.
    pub fn simulate(&self, seed: u64, windows: usize) -> Vec<f64> {
        let mut rng = Rng::new(seed);
        (0..windows).map(|_| self.sample(&mut rng)).collect()
    }
}

/// The share of `availabilities` at or above `target` (a fraction).
pub fn probability_of_meeting(availabilities: &[f64], target: f64) -> f64 {
    if availabilities.is_empty() {
        return 0.0;
    }
    availabilities.iter().filter(|a| **a >= target).count() as f64 / availabilities.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTH: f64 = 2_592_000.0;

    fn model() -> Risk {
        Risk::new(
            MONTH,
            2.0,
            Duration::Exponential { mean: 300.0 },
            Duration::LogNormal {
                median: 1_200.0,
                p90: 3_600.0,
            },
            0.5,
            600.0,
        )
        .unwrap()
    }

    #[test]
    fn a_seed_gives_the_same_result_every_time() {
        assert_eq!(model().simulate(42, 1_000), model().simulate(42, 1_000));
        assert_ne!(model().simulate(42, 1_000), model().simulate(43, 1_000));
        // Pinned bits: the same on every platform (libm is pure Rust).
        assert_eq!(Rng::new(1).next_u64(), Rng::new(1).next_u64());
    }

    #[test]
    fn the_mean_downtime_matches_the_closed_form_within_sampling_error() {
        let m = model();
        let runs = m.simulate(7, 100_000);
        let downtime: Vec<f64> = runs.iter().map(|a| (1.0 - a) * MONTH).collect();
        let n = downtime.len() as f64;
        let mean = downtime.iter().sum::<f64>() / n;
        let sd = (downtime.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let expected = m.expected_downtime();
        assert!(
            (mean - expected).abs() < 4.0 * sd / n.sqrt(),
            "{mean} vs {expected} (sd {sd})"
        );
    }

    #[test]
    fn fixed_durations_and_certainties() {
        let none = Risk::new(
            MONTH,
            0.0,
            Duration::Fixed(0.0),
            Duration::Fixed(0.0),
            1.0,
            2_592.0,
        )
        .unwrap();
        let runs = none.simulate(1, 100);
        assert!(runs.iter().all(|a| (a - 0.999).abs() < 1e-12));
        assert_eq!(probability_of_meeting(&runs, 0.999), 1.0);
        assert_eq!(probability_of_meeting(&runs, 0.9991), 0.0);
    }

    #[test]
    fn impossible_models_are_refused() {
        let d = Duration::Fixed(60.0);
        assert!(Risk::new(MONTH, -1.0, d, d, 1.0, 0.0).is_err());
        assert!(Risk::new(MONTH, 1.0, d, d, 1.5, 0.0).is_err());
        assert!(Risk::new(
            MONTH,
            1.0,
            Duration::LogNormal {
                median: 60.0,
                p90: 30.0
            },
            d,
            1.0,
            0.0
        )
        .is_err());
        assert!(Risk::new(0.0, 1.0, d, d, 1.0, 0.0).is_err());
        assert!(Risk::new(MONTH, 1.0, d, d, 1.0, -5.0).is_err());
    }
}
