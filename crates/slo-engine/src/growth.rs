//! Demand growth and the capacity it needs.
//!
//! # Conventions
//! Time is counted in months of 30.436875 days (a twelfth of the mean Gregorian year,
//! as in [`crate::window`]). Usable capacity is what survives the worst loss planned
//! for, run at the target utilisation: `(n − lost) × per instance × utilisation`,
//! where `lost` is the larger of `k` spare instances and one whole zone when the fleet
//! is spread evenly over `M ≥ 2` zones (its largest zone holds `⌈n ÷ M⌉`).

use crate::error::{finite, EngineError};

/// How demand grows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Growth {
    /// By a fixed amount per month (requests per second).
    Linear {
        /// Added per month.
        per_month: f64,
    },
    /// By a fixed share per month, compounded (0.08 is 8 % a month).
    Compound {
        /// Growth per month, a fraction.
        rate: f64,
    },
}

impl Growth {
    /// Demand after `months`, from `now`.
    pub fn demand(self, now: f64, months: f64) -> f64 {
        match self {
            Growth::Linear { per_month } => now + per_month * months,
            Growth::Compound { rate } => now * (1.0 + rate).powf(months),
        }
    }

    /// Months until demand first reaches `level` from `now`, or `None` if it never does.
    pub fn months_until(self, now: f64, level: f64) -> Option<f64> {
        if now >= level {
            return Some(0.0);
        }
        match self {
            Growth::Linear { per_month } if per_month > 0.0 => Some((level - now) / per_month),
            Growth::Compound { rate } if rate > 0.0 && now > 0.0 => {
                Some((level / now).ln() / (1.0 + rate).ln())
            }
            _ => None,
        }
    }
}

/// A fit of a growth model to history, with its coefficient of determination.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The fitted model.
    pub growth: Growth,
    /// The fitted demand at the last point (the starting level for forecasts).
    pub level: f64,
    /// R² of the fit on the values (for the exponential model, on their logarithms).
    pub r_squared: f64,
}

fn least_squares(points: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = points.len() as f64;
    let (sx, sy) = points.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
    let (mx, my) = (sx / n, sy / n);
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let syy: f64 = points.iter().map(|p| (p.1 - my).powi(2)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let r2 = if syy > 0.0 { (sxy * sxy) / (sxx * syy) } else { 1.0 };
    (slope, intercept, r2)
}

fn check(points: &[(f64, f64)]) -> Result<f64, EngineError> {
    if points.len() < 3 {
        return Err(EngineError::TooFewPoints {
            got: points.len(),
            need: 3,
        });
    }
    for &(t, v) in points {
        finite(t, "time")?;
        finite(v, "demand")?;
    }
    let last = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let first = points.iter().map(|p| p.0).fold(f64::MAX, f64::min);
    if last <= first {
        return Err(EngineError::FitFailed {
            reason: "the history needs at least two different dates",
        });
    }
    Ok(last)
}

/// Least-squares straight line through (month, demand) history.
///
/// # Errors
/// [`EngineError::TooFewPoints`] under 3 points, [`EngineError::FitFailed`] when all
/// points share one date, [`EngineError::NotFinite`] for NaN.
pub fn fit_linear(points: &[(f64, f64)]) -> Result<Fit, EngineError> {
    let last = check(points)?;
    let (slope, intercept, r_squared) = least_squares(points);
    Ok(Fit {
        growth: Growth::Linear { per_month: slope },
        level: intercept + slope * last,
        r_squared,
    })
}

/// Least-squares exponential (a straight line through the logarithms).
///
/// # Errors
/// As [`fit_linear`], and [`EngineError::FitFailed`] for demand that is not positive.
pub fn fit_exponential(points: &[(f64, f64)]) -> Result<Fit, EngineError> {
    let last = check(points)?;
    if points.iter().any(|p| p.1 <= 0.0) {
        return Err(EngineError::FitFailed {
            reason: "an exponential fit needs demand above 0",
        });
    }
    let logs: Vec<(f64, f64)> = points.iter().map(|&(t, v)| (t, v.ln())).collect();
    let (slope, intercept, r_squared) = least_squares(&logs);
    Ok(Fit {
        growth: Growth::Compound {
            rate: slope.exp() - 1.0,
        },
        level: (intercept + slope * last).exp(),
        r_squared,
    })
}

/// A fleet of identical instances.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fleet {
    per_instance: f64,
    utilisation: f64,
    spare: u32,
    zones: u32,
}

/// The most zones a fleet is spread over.
pub const MAX_ZONES: u32 = 64;

impl Fleet {
    /// Instances serving `per_instance` requests per second each, run at most at
    /// `utilisation` (a fraction in (0, 1]), surviving the loss of `spare` instances.
    ///
    /// # Errors
    /// [`EngineError::CapacityOutOfRange`] for capacity that is not positive or a
    /// utilisation outside (0, 1].
    pub fn new(per_instance: f64, utilisation: f64, spare: u32) -> Result<Self, EngineError> {
        let per_instance = finite(per_instance, "capacity per instance")?;
        let utilisation = finite(utilisation, "target utilisation")?;
        if per_instance <= 0.0 || !(utilisation > 0.0 && utilisation <= 1.0) {
            return Err(EngineError::CapacityOutOfRange);
        }
        Ok(Fleet {
            per_instance,
            utilisation,
            spare,
            zones: 1,
        })
    }

    /// The same fleet spread evenly over `zones` zones, planned to survive losing a
    /// whole one (1 means no zone is planned for; more than [`MAX_ZONES`] is taken as
    /// [`MAX_ZONES`]).
    pub fn with_zones(self, zones: u32) -> Self {
        Fleet {
            zones: zones.clamp(1, MAX_ZONES),
            ..self
        }
    }

    /// Capacity of one instance at full utilisation, requests per second.
    pub fn per_instance(self) -> f64 {
        self.per_instance
    }

    /// The highest utilisation run at, a fraction in (0, 1].
    pub fn utilisation(self) -> f64 {
        self.utilisation
    }

    /// Instances lost in the worst case planned for: `max(k, ⌈n ÷ M⌉)` (the zone term
    /// only with `M ≥ 2` zones).
    pub fn lost(self, instances: u64) -> u64 {
        let zone = if self.zones >= 2 {
            instances.div_ceil(u64::from(self.zones))
        } else {
            0
        };
        zone.max(u64::from(self.spare))
    }

    /// Usable capacity of `instances`: `(n − lost) × per instance × utilisation`.
    pub fn usable(self, instances: u64) -> f64 {
        instances.saturating_sub(self.lost(instances)) as f64 * self.per_instance * self.utilisation
    }

    /// The fewest instances whose usable capacity carries `demand`: with `w = ⌈demand ÷
    /// (per instance × utilisation)⌉` working instances, `w + k`, or with zones at
    /// least `⌈w × M ÷ (M − 1)⌉`, whichever is more.
    pub fn needed(self, demand: f64) -> u64 {
        let working = (demand.max(0.0) / (self.per_instance * self.utilisation))
            .ceil()
            .min(1e15) as u64;
        let mut n = working + u64::from(self.spare);
        if self.zones >= 2 {
            let m = u64::from(self.zones);
            n = n.max((working * m).div_ceil(m - 1));
        }
        // The closed forms can be one off where ⌈n ÷ M⌉ steps; settle on the fewest.
        while n > 0 && n.saturating_sub(1) >= working + self.lost(n - 1) {
            n -= 1;
        }
        while n.saturating_sub(self.lost(n)) < working {
            n += 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    #[test]
    fn compound_growth_reaches_a_level() {
        // 1,000 req/s growing 8 % a month reaches 2,000 after ln 2 / ln 1.08 = 9.006 months.
        let g = Growth::Compound { rate: 0.08 };
        assert_close(g.months_until(1_000.0, 2_000.0).unwrap(), 9.006_468_342);
        assert_close(g.demand(1_000.0, 12.0), 2_518.170_116);
        assert_eq!(Growth::Linear { per_month: 0.0 }.months_until(1.0, 2.0), None);
    }

    #[test]
    fn fits_recover_their_models() {
        let line: Vec<_> = (0..12)
            .map(|m| (f64::from(m), 500.0 + 40.0 * f64::from(m)))
            .collect();
        let fit = fit_linear(&line).unwrap();
        assert_eq!(fit.growth, Growth::Linear { per_month: 40.0 });
        assert_close(fit.level, 940.0);
        assert_close(fit.r_squared, 1.0);
        let curve: Vec<_> = (0..12).map(|m| (f64::from(m), 500.0 * 1.05f64.powi(m))).collect();
        let fit = fit_exponential(&curve).unwrap();
        let Growth::Compound { rate } = fit.growth else {
            panic!()
        };
        assert_close(rate, 0.05);
        assert!(fit_linear(&line[..2]).is_err());
        assert!(fit_exponential(&[(0.0, 1.0), (1.0, 0.0), (2.0, 3.0)]).is_err());
    }

    #[test]
    fn n_plus_k_and_headroom() {
        // 400 req/s per instance at 70 %: 280 usable each; 2,000 req/s needs 8, plus 2 spare.
        let fleet = Fleet::new(400.0, 0.7, 2).unwrap();
        assert_eq!(fleet.needed(2_000.0), 10);
        assert_close(fleet.usable(10), 2_240.0);
        assert!(Fleet::new(0.0, 0.7, 0).is_err());
        assert_eq!(Fleet::new(400.0, 0.7, 0).unwrap().needed(0.0), 0);
        assert!(Fleet::new(400.0, 1.5, 0).is_err());
    }

    #[test]
    fn losing_a_zone() {
        // 2,000 req/s at 280 usable each needs 8 working instances. Over 3 zones a zone
        // holds a third: 12 instances lose 4 and keep 8 working; 11 would lose 4 and
        // keep 7. With 2 spares only, 10 would do, so the zone decides.
        let fleet = Fleet::new(400.0, 0.7, 2).unwrap().with_zones(3);
        assert_eq!(fleet.needed(2_000.0), 12);
        assert_eq!(fleet.lost(12), 4);
        assert_close(fleet.usable(12), 2_240.0);
        assert!(fleet.usable(11) < 2_000.0);
        // Two zones: each must carry it all.
        assert_eq!(
            Fleet::new(400.0, 0.7, 0).unwrap().with_zones(2).needed(2_000.0),
            16
        );
    }

    proptest::proptest! {
        #[test]
        fn needed_is_the_fewest_that_carry_the_demand(
            demand in 0.0..1e6f64, per in 1.0..1e4f64, util in 0.05..1.0f64,
            spare in 0u32..5, zones in 1u32..6,
        ) {
            let fleet = Fleet::new(per, util, spare).unwrap().with_zones(zones);
            let n = fleet.needed(demand);
            proptest::prop_assert!(fleet.usable(n) >= demand * (1.0 - 1e-12));
            if n > u64::from(spare) && n > 0 {
                proptest::prop_assert!(fleet.usable(n - 1) < demand);
            }
        }
    }
}
