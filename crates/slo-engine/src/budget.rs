//! Error budgets: how much failure a target allows over a window.

use crate::error::{finite, EngineError};
use crate::objective::Target;
use crate::traffic::Traffic;
use crate::window::Window;

/// The downtime a time-based SLO allows over a window, in seconds.
///
/// # Formula
/// `downtime = (1 − target) × window_seconds`
///
/// # Examples
/// 99.9 % over 30 days allows 43 min 12 s (Google SRE Book, "Embracing Risk";
/// the SRE Workbook, ch. 2, uses the same 30-day figure):
/// ```
/// use slo_engine::{allowed_downtime, Target, Window};
/// let t = Target::from_percent(99.9).unwrap();
/// let d = allowed_downtime(t, Window::rolling(30).unwrap());
/// assert!((d - 2_592.0).abs() < 1e-6);
/// ```
pub fn allowed_downtime(target: Target, window: Window) -> f64 {
    target.budget_fraction() * window.seconds()
}

/// The availability that a given downtime over a window corresponds to, as a fraction.
///
/// # Formula
/// `availability = 1 − downtime / window_seconds`
///
/// # Errors
/// [`EngineError::NegativeDuration`] for a negative downtime,
/// [`EngineError::DowntimeExceedsWindow`] for one longer than the window,
/// [`EngineError::NotFinite`] for NaN or infinity.
pub fn availability_for_downtime(downtime_seconds: f64, window: Window) -> Result<f64, EngineError> {
    let downtime_seconds = finite(downtime_seconds, "downtime")?;
    if downtime_seconds < 0.0 {
        return Err(EngineError::NegativeDuration {
            what: "downtime",
            seconds: downtime_seconds,
        });
    }
    let window_seconds = window.seconds();
    if downtime_seconds > window_seconds {
        return Err(EngineError::DowntimeExceedsWindow {
            downtime_seconds,
            window_seconds,
        });
    }
    Ok(1.0 - downtime_seconds / window_seconds)
}

/// The number of requests a window carries at a steady rate.
///
/// # Formula
/// `requests = rate × window_seconds`
pub fn total_requests(window: Window, traffic: Traffic) -> f64 {
    traffic.requests_per_second() * window.seconds()
}

/// The bad (failed, or for a latency SLI, slow) requests a request-based SLO allows
/// over a window at a steady rate.
///
/// # Formula
/// `bad = (1 − target) × rate × window_seconds`
///
/// # Examples
/// ```
/// use slo_engine::{allowed_bad_requests, Target, Traffic, Window};
/// let bad = allowed_bad_requests(
///     Target::from_percent(99.9).unwrap(),
///     Window::rolling(30).unwrap(),
///     Traffic::per_second(100.0).unwrap(),
/// );
/// assert!((bad - 259_200.0).abs() < 1e-6);
/// ```
pub fn allowed_bad_requests(target: Target, window: Window, traffic: Traffic) -> f64 {
    target.budget_fraction() * total_requests(window, traffic)
}

/// One point of [`downtime_curve`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Position on the nines scale.
    pub nines: f64,
    /// Allowed downtime at that many nines, in seconds.
    pub downtime_seconds: f64,
}

/// Allowed downtime over `window` for `points` evenly spaced positions of the nines
/// scale from `from_nines` to `to_nines` inclusive (unrounded: `target = 1 − 10^−n`).
///
/// Returns an empty curve when `points < 2` or the range is not finite and increasing.
pub fn downtime_curve(window: Window, from_nines: f64, to_nines: f64, points: usize) -> Vec<CurvePoint> {
    if points < 2 || !(from_nines.is_finite() && to_nines.is_finite() && from_nines < to_nines) {
        return Vec::new();
    }
    let step = (to_nines - from_nines) / (points - 1) as f64;
    (0..points)
        .map(|i| {
            let nines = from_nines + step * i as f64;
            CurvePoint {
                nines,
                downtime_seconds: 10f64.powf(-nines) * window.seconds(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    #[test]
    fn the_whole_window_down_is_zero_availability() {
        let w = Window::rolling(7).unwrap();
        assert_close(availability_for_downtime(w.seconds(), w).unwrap(), 0.0);
        assert_close(availability_for_downtime(0.0, w).unwrap(), 1.0);
        assert!(availability_for_downtime(w.seconds() + 1.0, w).is_err());
        assert!(availability_for_downtime(-1.0, w).is_err());
        assert!(availability_for_downtime(f64::NAN, w).is_err());
    }

    #[test]
    fn curve_spans_the_range() {
        let c = downtime_curve(Window::rolling(30).unwrap(), 1.0, 5.0, 5);
        assert_eq!(c.len(), 5);
        assert_close(c[2].nines, 3.0);
        assert_close(c[2].downtime_seconds, 2_592.0);
        assert!(downtime_curve(Window::CalendarYear, 5.0, 1.0, 10).is_empty());
        assert!(downtime_curve(Window::CalendarYear, 1.0, f64::NAN, 10).is_empty());
    }
}
