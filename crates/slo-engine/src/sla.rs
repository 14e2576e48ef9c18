//! A service-level agreement: an availability promised to customers, with service
//! credits owed when a window falls short.
//!
//! Convention: a window owes the credit of the strictest tier it falls below (tiers
//! "below 99.9 %: 10 %" and "below 99 %: 25 %" make a 98.5 % window owe 25 %, not 35 %);
//! credits are a share of the window's revenue.

use crate::error::{finite, EngineError};

/// The most credit tiers an agreement has.
pub const MAX_TIERS: usize = 8;

/// A credit owed below an availability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CreditTier {
    /// The availability below which the credit is owed, a fraction in (0, 1].
    pub below: f64,
    /// The credit, a fraction of the window's revenue in [0, 1].
    pub credit: f64,
}

/// A checked agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Sla {
    target: f64,
    /// Tiers from the highest threshold down.
    tiers: Vec<CreditTier>,
}

impl Sla {
    /// An agreement promising `target` (a fraction in (0, 1)) with credit `tiers`.
    ///
    /// # Errors
    /// [`EngineError::TargetOutOfRange`] for a target outside (0, 1), and
    /// [`EngineError::CreditOutOfRange`] for too many tiers, a threshold outside (0 %,
    /// 100 %] or a credit outside [0 %, 100 %].
    pub fn new(target: f64, tiers: &[CreditTier]) -> Result<Self, EngineError> {
        let t = finite(target, "SLA target")?;
        if !(t > 0.0 && t < 1.0) {
            return Err(EngineError::TargetOutOfRange { percent: t * 100.0 });
        }
        let bad = |reason| Err(EngineError::CreditOutOfRange { reason });
        if tiers.len() > MAX_TIERS {
            return bad("an agreement has at most 8 credit tiers");
        }
        for tier in tiers {
            let below = finite(tier.below, "credit threshold")?;
            let credit = finite(tier.credit, "credit")?;
            if !(below > 0.0 && below <= 1.0) {
                return bad("a credit threshold is above 0% and at most 100%");
            }
            if !(0.0..=1.0).contains(&credit) {
                return bad("a credit is between 0% and 100% of the revenue");
            }
        }
        let mut tiers = tiers.to_vec();
        tiers.sort_by(|a, b| b.below.total_cmp(&a.below));
        Ok(Sla { target: t, tiers })
    }

    /// The promised availability, a fraction.
    pub fn target(&self) -> f64 {
        self.target
    }

    /// The credit a window of availability `a` owes, a fraction of its revenue: the
    /// largest credit among the tiers it falls below.
    pub fn credit(&self, a: f64) -> f64 {
        self.tiers
            .iter()
            .filter(|t| a < t.below)
            .map(|t| t.credit)
            .fold(0.0, f64::max)
    }

    /// The mean credit over `availabilities`, a fraction of a window's revenue.
    pub fn expected_credit(&self, availabilities: &[f64]) -> f64 {
        if availabilities.is_empty() {
            return 0.0;
        }
        availabilities.iter().map(|a| self.credit(*a)).sum::<f64>() / availabilities.len() as f64
    }

    /// The share of `availabilities` that owe any credit.
    pub fn probability_of_credit(&self, availabilities: &[f64]) -> f64 {
        if availabilities.is_empty() {
            return 0.0;
        }
        let owing = availabilities.iter().filter(|a| self.credit(**a) > 0.0).count();
        owing as f64 / availabilities.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers() -> Vec<CreditTier> {
        vec![
            CreditTier {
                below: 0.99,
                credit: 0.25,
            },
            CreditTier {
                below: 0.999,
                credit: 0.10,
            },
        ]
    }

    #[test]
    fn a_window_owes_its_strictest_tier_only() {
        let sla = Sla::new(0.999, &tiers()).unwrap();
        assert_eq!(sla.credit(0.9995), 0.0);
        assert_eq!(sla.credit(0.999), 0.0);
        assert_eq!(sla.credit(0.995), 0.10);
        assert_eq!(sla.credit(0.985), 0.25);
        let windows = [0.9995, 0.995, 0.985, 1.0];
        assert_eq!(sla.expected_credit(&windows), 0.0875);
        assert_eq!(sla.probability_of_credit(&windows), 0.5);
        assert_eq!(sla.expected_credit(&[]), 0.0);
    }

    #[test]
    fn impossible_agreements_are_refused() {
        assert!(Sla::new(1.0, &[]).is_err());
        assert!(Sla::new(
            0.999,
            &[CreditTier {
                below: 0.0,
                credit: 0.1
            }]
        )
        .is_err());
        assert!(Sla::new(
            0.999,
            &[CreditTier {
                below: 0.99,
                credit: 1.5
            }]
        )
        .is_err());
        assert!(Sla::new(
            0.999,
            &[CreditTier {
                below: 0.99,
                credit: f64::NAN
            }]
        )
        .is_err());
        assert!(Sla::new(0.999, &[tiers()[0]; 9]).is_err());
    }
}
