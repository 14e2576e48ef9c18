//! Clamping a number into a range.
//!
//! `f64::clamp` checks its bounds with a panic message that formats floats; where it
//! is not inlined, that message brings the standard library's float formatting into
//! the browser download (about 14 KB). The bounds here are the caller's constants.

/// A number that can be held within bounds.
pub trait Bounded {
    /// `self` held within `[low, high]`, as `f64::clamp` (NaN stays NaN).
    fn bounded(self, low: f64, high: f64) -> f64;
}

impl Bounded for f64 {
    #[inline]
    fn bounded(self, low: f64, high: f64) -> f64 {
        if self < low {
            low
        } else if self > high {
            high
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_as_clamp() {
        for v in [-1.0, 0.0, -0.0, 0.5, 1.0, 2.0, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(v.bounded(0.0, 1.0).to_bits(), v.clamp(0.0, 1.0).to_bits(), "{v}");
        }
        assert!(f64::NAN.bounded(0.0, 1.0).is_nan());
    }
}
