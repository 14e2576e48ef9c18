//! Incident-risk simulation (Monte Carlo): what incident frequency, detection and
//! repair times do to the odds of meeting a target.
//!
//! Each simulated window draws a Poisson number of incidents; each incident lasts a
//! detection time plus a repair time (fixed, exponential or log-normal) and costs
//! `impact × duration` of downtime; planned maintenance adds a fixed downtime. The
//! random numbers come from a seeded xoshiro256** generator and the math functions from
//! the pure-Rust `libm`, so a seed gives the same result, to the bit, natively and in
//! the browser.

use crate::bounds::Bounded;
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

    /// A Poisson count of mean `mean`, given `none` = e^(−mean), the chance of zero.
    fn poisson(&mut self, mean: f64, none: f64) -> u32 {
        // Inversion: fine for the means accepted here.
        let (mut k, mut p, mut cumulative) = (0u32, none, 0.0);
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

    /// The same distribution with every time multiplied by `factor` (above 0).
    pub fn scaled(self, factor: f64) -> Self {
        match self {
            Duration::Fixed(s) => Duration::Fixed(s * factor),
            Duration::Exponential { mean } => Duration::Exponential { mean: mean * factor },
            Duration::LogNormal { median, p90 } => Duration::LogNormal {
                median: median * factor,
                p90: p90 * factor,
            },
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

    /// How to draw it, with what every draw needs computed once.
    fn draw(self) -> Draw {
        match self {
            Duration::Fixed(s) => Draw::Fixed(s),
            Duration::Exponential { mean } => Draw::Exponential(mean),
            Duration::LogNormal { median, p90 } => Draw::LogNormal {
                median,
                sigma: libm::log(p90 / median) / Z90,
            },
        }
    }
}

/// A [`Duration`] ready to be drawn from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Draw {
    Fixed(f64),
    Exponential(f64),
    LogNormal { median: f64, sigma: f64 },
}

impl Draw {
    fn sample(self, rng: &mut Rng) -> f64 {
        match self {
            Draw::Fixed(s) => s,
            Draw::Exponential(mean) => -mean * libm::log(rng.uniform()),
            Draw::LogNormal { median, sigma } => median * libm::exp(sigma * rng.normal()),
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
    /// Computed once: the chance of no incident, and the two times' draws.
    prepared: (f64, Draw, Draw),
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
            prepared: (0.0, Draw::Fixed(0.0), Draw::Fixed(0.0)),
        }
        .prepare())
    }

    fn prepare(self) -> Risk {
        Risk {
            prepared: (
                libm::exp(-self.incidents_per_window),
                self.detect.draw(),
                self.repair.draw(),
            ),
            ..self
        }
    }

    /// The expected downtime per window (closed form):
    /// `rate × (mean detection + mean repair) × impact + maintenance`, seconds.
    pub fn expected_downtime(&self) -> f64 {
        self.incidents_per_window * (self.detect.mean() + self.repair.mean()) * self.impact + self.maintenance
    }

    /// The window, seconds.
    pub fn window(&self) -> f64 {
        self.window
    }

    /// The same model changed by one [`Lever`].
    pub fn pulled(&self, lever: Lever) -> Risk {
        let mut r = *self;
        match lever {
            Lever::FewerIncidents => r.incidents_per_window /= 2.0,
            Lever::FasterDetection => r.detect = r.detect.scaled(0.5),
            Lever::FasterRepair => r.repair = r.repair.scaled(0.5),
        }
        r.prepare()
    }

    /// One simulated window's availability, a fraction in [0, 1].
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        let (none, detect, repair) = self.prepared;
        let mut down = self.maintenance;
        for _ in 0..rng.poisson(self.incidents_per_window, none) {
            down += self.impact * (detect.sample(rng) + repair.sample(rng));
        }
        (1.0 - down / self.window).bounded(0.0, 1.0)
    }

    /// Simulates `windows` windows from `seed`: their availabilities, in order.
    pub fn simulate(&self, seed: u64, windows: usize) -> Vec<f64> {
        let mut rng = Rng::new(seed);
        (0..windows).map(|_| self.sample(&mut rng)).collect()
    }
}

/// A change that might buy probability of meeting the target: each halves one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    /// Half as many incidents.
    FewerIncidents,
    /// Detection twice as fast.
    FasterDetection,
    /// Repair twice as fast.
    FasterRepair,
}

impl Lever {
    /// Every lever, in the order shown.
    pub const ALL: [Lever; 3] = [Lever::FewerIncidents, Lever::FasterDetection, Lever::FasterRepair];

    /// What the lever does, in words.
    pub fn label(self) -> &'static str {
        match self {
            Lever::FewerIncidents => "half as many incidents",
            Lever::FasterDetection => "detection twice as fast",
            Lever::FasterRepair => "repair twice as fast",
        }
    }
}

/// A simulation run in slices, so a page can show progress and stay responsive. However
/// it is sliced, a seed gives the same windows in the same order as [`Risk::simulate`].
#[derive(Debug, Clone)]
pub struct Simulation {
    risk: Risk,
    rng: Rng,
    windows: usize,
    availabilities: Vec<f64>,
}

impl Simulation {
    /// A simulation of `windows` windows of `risk` from `seed`, not yet run.
    pub fn new(risk: Risk, seed: u64, windows: usize) -> Self {
        Simulation {
            risk,
            rng: Rng::new(seed),
            windows,
            availabilities: Vec::with_capacity(windows),
        }
    }

    /// Simulates up to `n` more windows; whether all are done.
    pub fn advance(&mut self, n: usize) -> bool {
        let todo = n.min(self.windows - self.availabilities.len());
        for _ in 0..todo {
            let a = self.risk.sample(&mut self.rng);
            self.availabilities.push(a);
        }
        self.done()
    }

    /// Whether every window is simulated.
    pub fn done(&self) -> bool {
        self.availabilities.len() == self.windows
    }

    /// The share of windows simulated, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.windows == 0 {
            return 1.0;
        }
        self.availabilities.len() as f64 / self.windows as f64
    }

    /// The windows' availabilities so far, in order.
    pub fn availabilities(&self) -> &[f64] {
        &self.availabilities
    }
}

/// What a finished simulation says about a target. Computed in passes over the
/// windows, without sorting them.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The windows' availabilities, in simulation order.
    pub availabilities: Vec<f64>,
    /// The mean availability, a fraction.
    pub mean: f64,
    /// The share of windows meeting the target.
    pub probability_of_meeting: f64,
    /// The mean share of the error budget spent (`(1 − a) ÷ (1 − target)`), which
    /// exceeds 1 when windows overspend.
    pub mean_budget_spent: f64,
}

impl Outcome {
    /// The outcome of `availabilities` against `target`, a fraction in (0, 1).
    pub fn of(availabilities: &[f64], target: f64) -> Self {
        let n = availabilities.len().max(1) as f64;
        let mean = availabilities.iter().sum::<f64>() / n;
        Outcome {
            probability_of_meeting: probability_of_meeting(availabilities, target),
            mean_budget_spent: (1.0 - mean) / (1.0 - target),
            mean: if availabilities.is_empty() { 0.0 } else { mean },
            availabilities: availabilities.to_vec(),
        }
    }

    /// The share of windows at or above each of `steps + 1` evenly spaced
    /// availabilities from `low` to `high`.
    pub fn at_least(&self, low: f64, high: f64, steps: usize) -> Vec<f64> {
        let step = (high - low) / steps.max(1) as f64;
        let mut counts = vec![0.0; steps + 1];
        for a in &self.availabilities {
            if *a >= low {
                // The highest grid point at or below the value.
                let k = if step > 0.0 {
                    ((a - low) / step) as usize
                } else {
                    steps
                };
                counts[k.min(steps)] += 1.0;
            }
        }
        let n = self.availabilities.len().max(1) as f64;
        let mut above = 0.0;
        let mut out = vec![0.0; steps + 1];
        for k in (0..=steps).rev() {
            above += counts[k];
            out[k] = above / n;
        }
        out
    }

    /// About the `q`-quantile of the availabilities (`q` in [0, 1]): the highest
    /// availability that a share `1 − q` of the windows reach, to a thousandth of their
    /// range. For choosing a chart's axis, not for reporting.
    pub fn rough_quantile(&self, q: f64) -> f64 {
        let low = self.availabilities.iter().copied().fold(1.0, f64::min);
        let cumulative = self.at_least(low, 1.0, 1_000);
        let k = cumulative
            .iter()
            .rposition(|share| *share >= 1.0 - q)
            .unwrap_or(0);
        low + (1.0 - low) * k as f64 / 1_000.0
    }

    /// The share of windows whose availability falls in each of `bins` equal bins from
    /// `low` to `high` (fractions); values outside count in the first or last bin.
    pub fn histogram(&self, low: f64, high: f64, bins: usize) -> Vec<f64> {
        let mut counts = vec![0.0; bins.max(1)];
        let width = (high - low) / counts.len() as f64;
        let last = counts.len() - 1;
        for a in &self.availabilities {
            let bin = if width > 0.0 {
                ((a - low) / width).max(0.0) as usize
            } else {
                0
            };
            counts[bin.min(last)] += 1.0;
        }
        let n = self.availabilities.len().max(1) as f64;
        counts.iter().map(|c| c / n).collect()
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
    fn slices_give_the_same_windows_as_one_run() {
        let whole = model().simulate(9, 10_000);
        let mut sliced = Simulation::new(model(), 9, 10_000);
        let mut steps = 0;
        while !sliced.advance(777) {
            steps += 1;
            assert!(sliced.progress() < 1.0);
        }
        assert_eq!(steps, 12);
        assert_eq!(sliced.availabilities(), &whole[..]);
        assert!(!sliced.advance(10) || sliced.availabilities().len() == 10_000);
    }

    #[test]
    fn outcome_quantiles_histogram_and_budget() {
        let o = Outcome::of(&[0.9995, 0.99, 1.0, 0.9985], 0.999);
        assert_eq!(o.probability_of_meeting, 0.5);
        assert_eq!(o.rough_quantile(0.0), 0.99);
        // Half the windows reach 99.95 %.
        assert!((o.rough_quantile(0.5) - 0.9995).abs() < 1e-5);
        assert_eq!(o.at_least(0.99, 1.0, 2), vec![1.0, 0.75, 0.25]);
        // Mean availability 99.7 %: three budgets of 0.1 % spent on average.
        crate::tolerance::assert_close(o.mean_budget_spent, 3.0);
        let h = o.histogram(0.99, 1.0, 10);
        assert_eq!(h.len(), 10);
        assert_eq!((h[0], h[8], h[9]), (0.25, 0.25, 0.5));
        assert_eq!(h.iter().sum::<f64>(), 1.0);
    }

    #[test]
    fn each_lever_halves_its_part_of_the_expected_downtime() {
        let m = model();
        let incidents = m.expected_downtime() - 600.0;
        crate::tolerance::assert_close(
            m.pulled(Lever::FewerIncidents).expected_downtime(),
            incidents / 2.0 + 600.0,
        );
        let detect = 2.0 * 300.0 * 0.5;
        crate::tolerance::assert_close(
            m.pulled(Lever::FasterDetection).expected_downtime(),
            m.expected_downtime() - detect / 2.0,
        );
        // Halving a log-normal's median and p90 halves its mean.
        let repair = incidents - detect;
        crate::tolerance::assert_close(
            m.pulled(Lever::FasterRepair).expected_downtime(),
            m.expected_downtime() - repair / 2.0,
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
