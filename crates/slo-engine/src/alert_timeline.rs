//! Incident simulation: an error-rate profile made of phases, run through a policy's
//! alert tiers by sliding windows, as Prometheus would evaluate them.
//!
//! A [`Phase`] is a linear stretch of errors (a step when it starts and ends at the same
//! rate, a ramp otherwise, a spike when it is short). Phases add up, capped at 100 %.
//! The profile is sampled every `step` seconds; each sample is the exact mean error
//! rate over the step before it, so a spike shorter than a step still spends its budget.
//! Traffic is taken as steady, so "budget spent" is the time-weighted error rate over
//! the SLO window's budget.

use crate::bounds::Bounded;
use crate::burn_rate::Tier;
use crate::error::{finite, EngineError};
use crate::objective::Target;

/// The longest simulation, seconds (90 days).
pub const MAX_HORIZON: f64 = 90.0 * 86_400.0;
/// The most samples a simulation takes; longer horizons get a coarser step.
pub const MAX_SAMPLES: usize = 200_000;

/// A linear stretch of errors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Phase {
    start: f64,
    duration: f64,
    from: f64,
    to: f64,
}

impl Phase {
    /// Errors from `start` seconds (after the simulation starts) for `duration` seconds,
    /// going linearly from error rate `from` to `to` (fractions).
    ///
    /// # Errors
    /// [`EngineError::PhaseOutOfRange`] unless `start ≥ 0`, `duration > 0`, the phase
    /// ends within [`MAX_HORIZON`] and both rates are in [0, 1].
    pub fn new(start: f64, duration: f64, from: f64, to: f64) -> Result<Self, EngineError> {
        let start = finite(start, "phase start")?;
        let duration = finite(duration, "phase duration")?;
        let from = finite(from, "error rate")?;
        let to = finite(to, "error rate")?;
        let rates_ok = (0.0..=1.0).contains(&from) && (0.0..=1.0).contains(&to);
        if start < 0.0 || duration <= 0.0 || start + duration > MAX_HORIZON || !rates_ok {
            return Err(EngineError::PhaseOutOfRange);
        }
        Ok(Phase {
            start,
            duration,
            from,
            to,
        })
    }

    /// When the phase ends, seconds from the simulation's start.
    pub fn end(self) -> f64 {
        self.start + self.duration
    }

    /// The error rate at `t` inside the phase.
    fn rate_at(self, t: f64) -> f64 {
        self.from + (self.to - self.from) * (t - self.start) / self.duration
    }

    /// ∫ error rate dt over `[a, b]` ∩ the phase (error-seconds).
    fn integral(self, a: f64, b: f64) -> f64 {
        let (a, b) = (a.max(self.start), b.min(self.end()));
        if b <= a {
            0.0
        } else {
            (b - a) * (self.rate_at(a) + self.rate_at(b)) / 2.0
        }
    }
}

/// A stretch of time during which a tier was firing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Seconds from the start to the first evaluation that fired.
    pub start: f64,
    /// Seconds from the start to the first evaluation that no longer fired, or `None`
    /// when it was still firing at the end.
    pub end: Option<f64>,
}

/// One tier's course through the simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct TierTrace {
    /// Burn rate over the long window ending at each sample.
    pub long_burn: Vec<f64>,
    /// Burn rate over the short window ending at each sample.
    pub short_burn: Vec<f64>,
    /// When it fired, in order.
    pub firings: Vec<Span>,
}

/// A simulated incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Seconds between samples; sample `i` is taken at `(i + 1) × step`.
    pub step: f64,
    /// The mean error rate over each step (fractions).
    pub error_rate: Vec<f64>,
    /// Share of the SLO window's budget spent by each sample (0 to 1 and beyond).
    pub budget_spent: Vec<f64>,
    /// One trace per tier, in the policy's order.
    pub tiers: Vec<TierTrace>,
}

impl Timeline {
    /// Seconds simulated.
    pub fn horizon(&self) -> f64 {
        self.error_rate.len() as f64 * self.step
    }
}

/// How long to simulate: until the last phase has ended and the slowest tier has had a
/// long window to see it and reset, at least an hour, at most [`MAX_HORIZON`].
pub fn horizon_for(phases: &[Phase], tiers: &[Tier]) -> f64 {
    let end = phases.iter().map(|p| p.end()).fold(0.0, f64::max);
    let longest = tiers.iter().map(|t| t.long()).fold(0.0, f64::max);
    (end + longest).bounded(3_600.0, MAX_HORIZON)
}

/// The sampling step for `horizon`: one minute, finer when a short window is under two
/// minutes, coarser when a minute would take more than [`MAX_SAMPLES`] samples.
pub fn step_for(horizon: f64, tiers: &[Tier]) -> f64 {
    let shortest = tiers.iter().map(|t| t.short()).fold(f64::INFINITY, f64::min);
    let fine = (shortest / 2.0).bounded(1.0, 60.0);
    fine.max(horizon / MAX_SAMPLES as f64)
}

/// Runs `phases` through `tiers` for `horizon` seconds at `step`-second samples.
///
/// At each sample, a tier's burn rate over a window is the errors in the window divided
/// by the window's length and by the budget fraction `1 − target`; the tier fires when
/// both its windows are at or above its threshold (time before the start counts as
/// error-free). Nonsensical `horizon` or `step` are clamped to [1 s, [`MAX_HORIZON`]] and
/// to at most [`MAX_SAMPLES`] samples.
pub fn simulate_incident(
    phases: &[Phase],
    tiers: &[Tier],
    target: Target,
    slo_window: f64,
    horizon: f64,
    step: f64,
) -> Timeline {
    let horizon = if horizon.is_finite() {
        horizon.bounded(1.0, MAX_HORIZON)
    } else {
        MAX_HORIZON
    };
    let step = if step.is_finite() && step > 0.0 {
        step.max(horizon / MAX_SAMPLES as f64)
    } else {
        horizon / MAX_SAMPLES as f64
    };
    let samples = ((horizon / step).ceil() as usize).clamp(1, MAX_SAMPLES);
    // Error-seconds in each step: each phase adds to the steps it overlaps.
    let mut error_rate = vec![0.0; samples];
    for phase in phases {
        let first = (phase.start / step).floor() as usize;
        let last = ((phase.end() / step).ceil() as usize).min(samples);
        for (i, errors) in error_rate.iter_mut().enumerate().take(last).skip(first) {
            *errors += phase.integral(i as f64 * step, (i + 1) as f64 * step);
        }
    }
    // prefix[i] = error-seconds up to sample i (prefix[0] = 0 at the start).
    let mut prefix = Vec::with_capacity(samples + 1);
    prefix.push(0.0);
    for (i, rate) in error_rate.iter_mut().enumerate() {
        *rate = (*rate / step).bounded(0.0, 1.0);
        prefix.push(prefix[i] + *rate * step);
    }
    let budget = target.budget_fraction();
    let budget_seconds = budget * slo_window;
    let budget_spent = prefix[1..].iter().map(|e| e / budget_seconds).collect();
    let tiers = tiers
        .iter()
        .map(|tier| {
            // Burn rate over a window ending at each sample: its error-seconds divided
            // by its length and by the budget fraction.
            let burn = |seconds: f64| {
                let back = (seconds / step).round().max(1.0) as usize;
                window_sums(&prefix, back, 1.0 / (seconds * budget))
            };
            let (long_burn, short_burn) = (burn(tier.long()), burn(tier.short()));
            // A hair of tolerance so a rate landing exactly on the threshold counts.
            let threshold = tier.burn_rate() * (1.0 - 1e-12);
            let mut firings: Vec<Span> = Vec::new();
            let mut open: Option<f64> = None;
            for (i, (l, s)) in long_burn.iter().zip(&short_burn).enumerate() {
                let at = (i + 1) as f64 * step;
                match (*l >= threshold && *s >= threshold, open) {
                    (true, None) => open = Some(at),
                    (false, Some(start)) => {
                        firings.push(Span { start, end: Some(at) });
                        open = None;
                    }
                    _ => {}
                }
            }
            if let Some(start) = open {
                firings.push(Span { start, end: None });
            }
            TierTrace {
                long_burn,
                short_burn,
                firings,
            }
        })
        .collect();
    Timeline {
        step,
        error_rate,
        budget_spent,
        tiers,
    }
}

/// For each sample `end` (1 to `prefix.len() − 1`), `scale × (prefix[end] −
/// prefix[end − back])`, with time before the start counting as zero.
fn window_sums(prefix: &[f64], back: usize, scale: f64) -> Vec<f64> {
    let samples = prefix.len().saturating_sub(1);
    let head = back.min(samples);
    let mut out = Vec::with_capacity(samples);
    out.extend(prefix[1..=head].iter().map(|p| (p - prefix[0]) * scale));
    if back < samples {
        out.extend(
            prefix[back + 1..]
                .iter()
                .zip(&prefix[1..])
                .map(|(a, b)| (a - b) * scale),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::burn_rate::{quality, workbook_tiers};
    use crate::tolerance::assert_close;
    use proptest::prelude::*;

    const DAY: f64 = 86_400.0;
    const MONTH: f64 = 30.0 * DAY;

    fn three_nines() -> Target {
        Target::from_percent(99.9).unwrap()
    }

    #[test]
    fn a_step_fires_each_tier_when_the_closed_form_says() {
        let tiers = workbook_tiers(MONTH);
        let phases = [Phase::new(0.0, 2.0 * DAY, 0.02, 0.02).unwrap()];
        let t = simulate_incident(&phases, &tiers, three_nines(), MONTH, 5.0 * DAY, 60.0);
        for (i, tier) in tiers.iter().enumerate() {
            let expected = quality(*tier, three_nines(), MONTH, 0.02).time_to_fire;
            let fired = t.tiers[i].firings.first().map(|s| s.start);
            match (expected, fired) {
                (Some(e), Some(f)) => assert!(f >= e && f < e + 60.0, "tier {i}: {f} vs {e}"),
                (None, None) => {}
                other => panic!("tier {i}: {other:?}"),
            }
        }
        // 2 % errors for 2 days at a 0.1 % budget: 2 d × 0.02 / (30 d × 0.001) = 133 %.
        assert_close(*t.budget_spent.last().unwrap(), 2.0 * 0.02 / (30.0 * 0.001));
    }

    #[test]
    fn a_spike_shorter_than_a_step_still_spends_its_budget() {
        // 100 % errors for 10 s, sampled every minute: 10 s of the 2,592 s budget.
        let phases = [Phase::new(125.0, 10.0, 1.0, 1.0).unwrap()];
        let t = simulate_incident(
            &phases,
            &workbook_tiers(MONTH),
            three_nines(),
            MONTH,
            3_600.0,
            60.0,
        );
        assert_close(*t.budget_spent.last().unwrap(), 10.0 / 2_592.0);
        assert_close(t.error_rate[2], 10.0 / 60.0);
    }

    #[test]
    fn a_ramp_is_integrated_exactly() {
        // 0 → 10 % over an hour: mean 5 %, 180 error-seconds.
        let phases = [Phase::new(0.0, 3_600.0, 0.0, 0.1).unwrap()];
        let t = simulate_incident(&phases, &[], three_nines(), MONTH, 3_600.0, 60.0);
        assert_close(*t.budget_spent.last().unwrap() * 2_592.0, 180.0);
    }

    #[test]
    fn the_fast_page_resets_after_the_outage() {
        let tiers = workbook_tiers(MONTH);
        let phases = [Phase::new(0.0, 7_200.0, 1.0, 1.0).unwrap()];
        let t = simulate_incident(&phases, &tiers, three_nines(), MONTH, 4.0 * 3_600.0, 10.0);
        let span = t.tiers[0].firings[0];
        let reset = span.end.unwrap() - 7_200.0;
        let expected = quality(tiers[0], three_nines(), MONTH, 1.0).reset_time;
        assert!(
            reset >= expected && reset < expected + 10.0,
            "{reset} vs {expected}"
        );
    }

    #[test]
    fn phases_add_up_to_at_most_all_requests() {
        let phases = [
            Phase::new(0.0, 600.0, 0.8, 0.8).unwrap(),
            Phase::new(0.0, 600.0, 0.8, 0.8).unwrap(),
        ];
        let t = simulate_incident(&phases, &[], three_nines(), MONTH, 600.0, 60.0);
        assert!(t.error_rate.iter().all(|&e| e == 1.0));
    }

    #[test]
    fn impossible_phases_are_refused() {
        assert!(Phase::new(-1.0, 60.0, 0.1, 0.1).is_err());
        assert!(Phase::new(0.0, 0.0, 0.1, 0.1).is_err());
        assert!(Phase::new(0.0, 60.0, 1.5, 0.1).is_err());
        assert!(Phase::new(0.0, f64::NAN, 0.1, 0.1).is_err());
        assert!(Phase::new(MAX_HORIZON, 60.0, 0.1, 0.1).is_err());
    }

    #[test]
    fn a_month_at_one_minute_stays_within_the_sample_limit() {
        let tiers = workbook_tiers(MONTH);
        let phases = [Phase::new(0.0, MONTH, 0.001, 0.001).unwrap()];
        let horizon = horizon_for(&phases, &tiers);
        let step = step_for(horizon, &tiers);
        assert_eq!(step, 60.0);
        let t = simulate_incident(&phases, &tiers, three_nines(), MONTH, horizon, step);
        assert_eq!(t.error_rate.len(), ((MONTH + 3.0 * DAY) / 60.0) as usize);
        // Exactly the budget rate: burn rate 1, the 3-day ticket (threshold 1) fires.
        assert!(!t.tiers[3].firings.is_empty());
        assert!(t.tiers[0].firings.is_empty());
    }

    proptest! {
        #[test]
        fn every_figure_is_finite_and_spans_are_ordered(
            phases in proptest::collection::vec((0f64..1e6, 1f64..1e6, 0f64..=1.0, 0f64..=1.0), 0..4),
            horizon in -1e9f64..1e9,
            step in -10f64..1e5,
        ) {
            let phases: Vec<Phase> = phases.into_iter().filter_map(|(s, d, a, b)| Phase::new(s, d, a, b).ok()).collect();
            let tiers = workbook_tiers(MONTH);
            let t = simulate_incident(&phases, &tiers, three_nines(), MONTH, horizon, step);
            prop_assert!(t.error_rate.len() <= MAX_SAMPLES);
            prop_assert!(t.budget_spent.iter().all(|b| b.is_finite() && *b >= 0.0));
            for trace in &t.tiers {
                prop_assert!(trace.long_burn.iter().chain(&trace.short_burn).all(|b| b.is_finite() && *b >= -1e-9));
                for pair in trace.firings.windows(2) {
                    prop_assert!(pair[0].end.is_some_and(|e| e <= pair[1].start));
                }
            }
        }
    }
}
