//! Budget policy: what the team does when the budget left falls below a threshold.

use crate::error::{finite, EngineError};

/// One rule of a budget policy: at or below `remaining_percent` of the budget left,
/// do `action` (e.g. 25 % → "freeze risky launches").
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    remaining_percent: f64,
    action: String,
}

impl Threshold {
    /// # Errors
    /// [`EngineError::ThresholdOutOfRange`] unless `0 ≤ remaining_percent ≤ 100`.
    pub fn new(remaining_percent: f64, action: impl Into<String>) -> Result<Self, EngineError> {
        let remaining_percent = finite(remaining_percent, "policy threshold")?;
        if (0.0..=100.0).contains(&remaining_percent) {
            Ok(Threshold {
                remaining_percent,
                action: action.into(),
            })
        } else {
            Err(EngineError::ThresholdOutOfRange {
                percent: remaining_percent,
            })
        }
    }

    /// The share of the budget left at which the rule applies, percent.
    pub fn remaining_percent(&self) -> f64 {
        self.remaining_percent
    }

    /// What the team does.
    pub fn action(&self) -> &str {
        &self.action
    }
}

/// The rule in force with `remaining_percent` of the budget left: of the thresholds at
/// or above it, the lowest (the strictest reached). `None` above every threshold.
pub fn in_force(thresholds: &[Threshold], remaining_percent: f64) -> Option<&Threshold> {
    thresholds
        .iter()
        .filter(|t| remaining_percent <= t.remaining_percent)
        .min_by(|a, b| a.remaining_percent.total_cmp(&b.remaining_percent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Vec<Threshold> {
        vec![
            Threshold::new(50.0, "review").unwrap(),
            Threshold::new(25.0, "freeze risky launches").unwrap(),
            Threshold::new(0.0, "freeze all but fixes").unwrap(),
        ]
    }

    #[test]
    fn the_strictest_threshold_reached_applies() {
        let p = policy();
        assert_eq!(in_force(&p, 80.0), None);
        assert_eq!(in_force(&p, 50.0).unwrap().action(), "review");
        assert_eq!(in_force(&p, 37.0).unwrap().action(), "review");
        assert_eq!(in_force(&p, 10.0).unwrap().action(), "freeze risky launches");
        assert_eq!(in_force(&p, -20.0).unwrap().action(), "freeze all but fixes");
        assert!(Threshold::new(101.0, "x").is_err());
    }
}
