//! Incident-risk simulation (Monte Carlo): what incident frequency, detection and
//! repair times do to the odds of meeting a target.
//!
//! Each simulated window draws a Poisson number of incidents; each incident lasts a
//! detection time plus a repair time (fixed, exponential or log-normal) and costs
//! `impact × duration` of downtime; planned maintenance adds a fixed downtime. The
//! random numbers come from a seeded xoshiro256** generator (`rand_xoshiro`) and the
//! math functions from the pure-Rust `libm`, so a seed gives the same result, to the
//! bit, natively and in the browser.
//!
//! Windows are simulated in blocks of [`BLOCK`]: block `b` draws from the seed's
//! generator jumped `b` times (2^128 draws apart each), so blocks can be simulated on
//! any number of workers, in any order, and give the same windows. Block 0 is the seed's
//! own stream. What a study needs from its windows is counted on evenly spaced
//! [`Grid`]s, whose counts add up across blocks.

use crate::bounds::Bounded;
use crate::error::{finite, EngineError};
use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256StarStar;

/// The most incidents a window may expect on average.
pub const MAX_EXPECTED_INCIDENTS: f64 = 500.0;
/// The z-score of the 90th percentile of a standard normal distribution.
const Z90: f64 = 1.281_551_565_544_600_4;
/// Windows per block of a simulation: the Risk page's default study is one block, so
/// any study of up to this many windows draws the windows it always drew.
pub const BLOCK: usize = 100_000;

/// How many blocks `windows` windows take.
pub fn blocks(windows: usize) -> usize {
    windows.div_ceil(BLOCK)
}

/// The random numbers of a simulation: xoshiro256** (Blackman & Vigna, 2018), seeded
/// by splitmix64.
#[derive(Debug, Clone)]
pub struct Rng(Xoshiro256StarStar);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(Xoshiro256StarStar::seed_from_u64(seed))
    }

    /// The generator of block `block` of the windows simulated from `seed`: the seed's
    /// generator jumped `block` times.
    pub fn for_block(seed: u64, block: usize) -> Self {
        let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
        for _ in 0..block {
            rng.jump();
        }
        Rng(rng)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
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

    /// The availabilities of block `block` of `windows` windows simulated from `seed`,
    /// in order: windows `block × BLOCK` up to the next block or the last window.
    pub fn block(&self, seed: u64, block: usize, windows: usize) -> Vec<f64> {
        let first = block.saturating_mul(BLOCK).min(windows);
        let count = (windows - first).min(BLOCK);
        let mut rng = Rng::for_block(seed, block);
        (0..count).map(|_| self.sample(&mut rng)).collect()
    }

    /// Simulates `windows` windows from `seed`: their availabilities, in order.
    pub fn simulate(&self, seed: u64, windows: usize) -> Vec<f64> {
        (0..blocks(windows))
            .flat_map(|b| self.block(seed, b, windows))
            .collect()
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

/// Evenly spaced cells over availabilities: cell `k` holds the values in
/// `[low + k × width, low + (k + 1) × width)`, the last cell also every value above
/// (all of them when the width is 0). Counts per cell add up across blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// The lowest value of the first cell, a fraction.
    pub low: f64,
    /// The width of a cell, a fraction.
    pub width: f64,
    /// How many cells.
    pub cells: usize,
}

impl Grid {
    /// The `steps + 1` grid points evenly spaced from `low` to `high`, each the lowest
    /// value of its cell: for shares at or above each point ([`Grid::at_least`]).
    pub fn points(low: f64, high: f64, steps: usize) -> Grid {
        Grid {
            low,
            width: (high - low) / steps.max(1) as f64,
            cells: steps + 1,
        }
    }

    /// `bins` equal bins from `low` to `high`: for a histogram ([`Grid::shares`]).
    pub fn bins(low: f64, high: f64, bins: usize) -> Grid {
        let cells = bins.max(1);
        Grid {
            low,
            width: (high - low) / cells as f64,
            cells,
        }
    }

    /// Counts `values` into `counts` (`cells + 1` long): `counts[0]` the values below
    /// `low`, `counts[k + 1]` those of cell `k`.
    pub fn count(&self, values: &[f64], counts: &mut [u64]) {
        let last = self.cells.saturating_sub(1);
        for a in values {
            let slot = if *a < self.low {
                0
            } else if self.width > 0.0 {
                1 + (((a - self.low) / self.width) as usize).min(last)
            } else {
                1 + last
            };
            if let Some(c) = counts.get_mut(slot) {
                *c += 1;
            }
        }
    }

    /// From `counts` of `windows` windows on a [`Grid::points`] grid, the share of
    /// windows at or above each point.
    pub fn at_least(counts: &[u64], windows: u64) -> Vec<f64> {
        let n = windows.max(1) as f64;
        let mut above = 0u64;
        let mut out: Vec<f64> = counts
            .iter()
            .skip(1)
            .rev()
            .map(|c| {
                above += c;
                above as f64 / n
            })
            .collect();
        out.reverse();
        out
    }

    /// From `counts` of `windows` windows on a [`Grid::bins`] grid, the share of windows
    /// in each bin, the values below the first bin counted in it.
    pub fn shares(counts: &[u64], windows: u64) -> Vec<f64> {
        let n = windows.max(1) as f64;
        let mut out: Vec<f64> = counts.iter().skip(1).map(|c| *c as f64 / n).collect();
        if let (Some(first), Some(below)) = (out.first_mut(), counts.first()) {
            *first += *below as f64 / n;
        }
        out
    }
}

/// The cells a rough quantile is read from (see [`rough_quantile`]).
pub const QUANTILE_STEPS: usize = 1_000;

/// About the `q`-quantile of some windows' availabilities (`q` in [0, 1]), given the
/// lowest of them and their `counts` on `Grid::points(lowest, 1, QUANTILE_STEPS)`: the
/// highest grid point that a share `1 − q` of the windows reach. For choosing a chart's
/// axis, not for reporting.
pub fn rough_quantile(lowest: f64, counts: &[u64], windows: u64, q: f64) -> f64 {
    let k = Grid::at_least(counts, windows)
        .iter()
        .rposition(|share| *share >= 1.0 - q)
        .unwrap_or(0);
    lowest + (1.0 - lowest) * k as f64 / QUANTILE_STEPS as f64
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
    fn blocks_give_the_same_windows_in_any_order() {
        let windows = 2 * BLOCK + 100;
        let whole = model().simulate(9, windows);
        assert_eq!(whole.len(), windows);
        assert_eq!(blocks(windows), 3);
        // Block 0 is the seed's own stream; each block is its own jumped stream.
        let mut rng = Rng::new(9);
        assert_eq!(model().sample(&mut rng), whole[0]);
        let last = model().block(9, 2, windows);
        assert_eq!(last.len(), 100);
        assert_eq!(&whole[2 * BLOCK..], &last[..]);
        assert_eq!(&whole[BLOCK..2 * BLOCK], &model().block(9, 1, windows)[..]);
        assert_ne!(whole[0], whole[BLOCK]);
        assert!(model().block(9, 3, windows).is_empty());
    }

    #[test]
    fn grids_count_quantiles_and_histograms() {
        let values = [0.9995, 0.99, 1.0, 0.9985];
        let mut counts = vec![0; 4];
        Grid::points(0.99, 1.0, 2).count(&values, &mut counts);
        assert_eq!(counts, vec![0, 1, 2, 1]);
        assert_eq!(Grid::at_least(&counts, 4), vec![1.0, 0.75, 0.25]);
        // Counts of two halves add up to those of the whole.
        let (mut a, mut b) = (vec![0; 4], vec![0; 4]);
        Grid::points(0.99, 1.0, 2).count(&values[..1], &mut a);
        Grid::points(0.99, 1.0, 2).count(&values[1..], &mut b);
        assert_eq!(a.iter().zip(&b).map(|(x, y)| x + y).collect::<Vec<_>>(), counts);
        let mut q = vec![0; QUANTILE_STEPS + 2];
        Grid::points(0.99, 1.0, QUANTILE_STEPS).count(&values, &mut q);
        assert_eq!(rough_quantile(0.99, &q, 4, 0.0), 0.99);
        // Half the windows reach 99.95 %.
        assert!((rough_quantile(0.99, &q, 4, 0.5) - 0.9995).abs() < 1e-5);
        let mut h = vec![0; 11];
        Grid::bins(0.99, 1.0, 10).count(&[0.98, 0.9995, 1.0, 0.9985], &mut h);
        let shares = Grid::shares(&h, 4);
        assert_eq!(shares.len(), 10);
        assert_eq!((shares[0], shares[8], shares[9]), (0.25, 0.25, 0.5));
        assert_eq!(shares.iter().sum::<f64>(), 1.0);
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
