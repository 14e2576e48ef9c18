//! "How is this computed?": each figure's formula, with the user's numbers in it.
//!
//! The UI shows an [`Explanation`] in a disclosure next to the figure it explains. The
//! numbers are those the figure was computed from, so a trainee can redo the sum.

use crate::budget::{allowed_bad_requests, allowed_downtime, total_requests};
use crate::notation::{grouped, human_duration, percent};
use crate::objective::Target;
use crate::traffic::Traffic;
use crate::window::Window;

/// A formula in symbols, the same with numbers substituted, and the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The formula in words and symbols.
    pub formula: String,
    /// The formula with the user's numbers in it.
    pub substituted: String,
    /// The result, with units.
    pub result: String,
    /// The convention the result depends on, if any (e.g. the length of a month).
    pub convention: Option<String>,
}

fn window_in_seconds(window: Window) -> String {
    format!(
        "{} d × 86,400 s/d = {} s",
        grouped(window.days(), 6),
        grouped(window.seconds(), 3)
    )
}

fn convention_of(window: Window) -> Option<String> {
    match window {
        Window::Rolling { .. } => None,
        _ => Some(window.convention().to_owned()),
    }
}

/// Explains [`allowed_downtime`].
pub fn downtime(target: Target, window: Window) -> Explanation {
    let seconds = allowed_downtime(target, window);
    Explanation {
        formula: "allowed downtime = (1 − target) × window length".to_owned(),
        substituted: format!(
            "(1 − {}%) × {} = {} × {} s",
            percent(target.percent()),
            window_in_seconds(window),
            grouped(target.budget_fraction(), 9),
            grouped(window.seconds(), 3)
        ),
        result: format!("{} s = {}", grouped(seconds, 3), human_duration(seconds)),
        convention: convention_of(window),
    }
}

/// Explains [`crate::budget::availability_for_downtime`] for a downtime already checked
/// to fit the window.
pub fn availability(downtime_seconds: f64, window: Window, availability: f64) -> Explanation {
    Explanation {
        formula: "availability = 1 − downtime / window length".to_owned(),
        substituted: format!(
            "1 − {} s / {} s ({})",
            grouped(downtime_seconds, 3),
            grouped(window.seconds(), 3),
            window.label()
        ),
        result: format!("{}%", percent(availability * 100.0)),
        convention: convention_of(window),
    }
}

/// Explains [`allowed_bad_requests`].
pub fn bad_requests(target: Target, window: Window, traffic: Traffic) -> Explanation {
    let total = total_requests(window, traffic);
    Explanation {
        formula: "allowed bad requests = (1 − target) × requests per second × window length".to_owned(),
        substituted: format!(
            "(1 − {}%) × {} req/s × {} s = {} × {} requests",
            percent(target.percent()),
            grouped(traffic.requests_per_second(), 6),
            grouped(window.seconds(), 3),
            grouped(target.budget_fraction(), 9),
            grouped(total, 0)
        ),
        result: format!(
            "{} bad requests",
            grouped(allowed_bad_requests(target, window, traffic), 1)
        ),
        convention: convention_of(window),
    }
}

/// Explains [`Target::nines`].
pub fn nines(target: Target) -> Explanation {
    Explanation {
        formula: "nines = −log10(1 − target)".to_owned(),
        substituted: format!(
            "−log10(1 − {}%) = −log10({})",
            percent(target.percent()),
            grouped(target.budget_fraction(), 9)
        ),
        result: format!("{} nines", grouped(target.nines(), 3)),
        convention: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downtime_explanation_carries_the_users_numbers() {
        let e = downtime(Target::from_percent(99.9).unwrap(), Window::rolling(30).unwrap());
        assert_eq!(
            e.substituted,
            "(1 − 99.9%) × 30 d × 86,400 s/d = 2,592,000 s = 0.001 × 2,592,000 s"
        );
        assert_eq!(e.result, "2,592 s = 43m 12s");
        assert_eq!(e.convention, None);
    }

    #[test]
    fn calendar_windows_state_their_convention() {
        let e = downtime(Target::from_percent(99.0).unwrap(), Window::CalendarMonth);
        assert!(e.convention.unwrap().contains("30.436875"));
        assert!(e.substituted.contains("30.436875 d"));
    }

    #[test]
    fn bad_requests_explanation() {
        let e = bad_requests(
            Target::from_percent(99.9).unwrap(),
            Window::rolling(30).unwrap(),
            Traffic::per_second(100.0).unwrap(),
        );
        assert_eq!(e.result, "259,200 bad requests");
        assert!(e.substituted.contains("259,200,000 requests"));
    }
}
