//! Burn rates and multiwindow, multi-burn-rate alerts (Google, *The Site Reliability
//! Workbook*, O'Reilly 2018, ch. 5 "Alerting on SLOs").
//!
//! A **burn rate** is how fast errors spend the budget relative to spending exactly all
//! of it over the SLO window: an error rate `e` under target `t` burns at `e / (1 − t)`.
//! An alert **tier** fires when the average burn rate over both its long and its short
//! window reaches its threshold; the short window makes it reset soon after the errors
//! stop.
//!
//! The closed forms here are for a step: errors at a constant rate `e` from time 0, none
//! before. [`simulate`] evaluates any error-rate series by sliding windows, and covers
//! shapes with no closed form; the tests check that both agree.

use crate::bounds::Bounded;
use crate::error::{finite, EngineError};
use crate::objective::Target;

/// Who an alert goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Wakes someone up.
    Page,
    /// A ticket for working hours.
    Ticket,
}

impl Severity {
    /// Its name in alert labels and tables: `page` or `ticket`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Page => "page",
            Severity::Ticket => "ticket",
        }
    }
}

/// One alert tier: fires when the burn rate over both windows reaches `burn_rate`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tier {
    severity: Severity,
    long: f64,
    short: f64,
    burn_rate: f64,
}

impl Tier {
    /// A tier with windows in seconds.
    ///
    /// # Errors
    /// [`EngineError::AlertWindowsOutOfOrder`] unless `0 < short < long`,
    /// [`EngineError::BurnRateOutOfRange`] unless the burn rate is positive and finite.
    pub fn new(severity: Severity, long: f64, short: f64, burn_rate: f64) -> Result<Self, EngineError> {
        let long = finite(long, "long window")?;
        let short = finite(short, "short window")?;
        let burn_rate = finite(burn_rate, "burn rate")?;
        if !(short > 0.0 && short < long) {
            return Err(EngineError::AlertWindowsOutOfOrder { long, short });
        }
        if burn_rate <= 0.0 {
            return Err(EngineError::BurnRateOutOfRange { burn_rate });
        }
        Ok(Tier {
            severity,
            long,
            short,
            burn_rate,
        })
    }

    /// A tier from the share of the budget it lets burn in its long window instead of a
    /// burn rate: `burn rate = share × SLO window ÷ long window`. The short window is a
    /// twelfth of the long one (SRE Workbook, ch. 5).
    ///
    /// # Errors
    /// As [`Tier::new`].
    pub fn from_budget_share(
        severity: Severity,
        long: f64,
        share: f64,
        slo_window: f64,
    ) -> Result<Self, EngineError> {
        Self::new(severity, long, long / 12.0, share * slo_window / long)
    }

    /// Who it alerts.
    pub fn severity(self) -> Severity {
        self.severity
    }

    /// Long window, seconds.
    pub fn long(self) -> f64 {
        self.long
    }

    /// Short window, seconds.
    pub fn short(self) -> f64 {
        self.short
    }

    /// Burn-rate threshold.
    pub fn burn_rate(self) -> f64 {
        self.burn_rate
    }

    /// The share of the budget spent when it fires on a step of errors:
    /// `burn rate × long window ÷ SLO window` (14.4 × 1 h ÷ 30 d = 2 %).
    pub fn budget_share(self, slo_window: f64) -> f64 {
        self.burn_rate * self.long / slo_window
    }

    /// The error-rate threshold: `burn rate × (1 − target)`.
    pub fn error_threshold(self, target: Target) -> f64 {
        self.burn_rate * target.budget_fraction()
    }

    /// The threshold as an alerting rule states it: [`Tier::error_threshold`] to twelve
    /// decimals, which drop the floating-point noise (0.014399999999999183 → 0.0144) and
    /// keep every digit a target can have. Prometheus compares with this number, so a
    /// backtest does too.
    pub fn rule_threshold(self, target: Target) -> f64 {
        (self.error_threshold(target) * 1e12).round() / 1e12
    }

    /// The steady request rate, req/s, below which one failed request alone fires the
    /// tier: `1 ÷ (error threshold × long window)`. Both windows must reach the
    /// threshold, and one error is the smaller share of the longer window, so the long
    /// window decides.
    pub fn fires_on_one_error_below(self, target: Target) -> f64 {
        1.0 / (self.error_threshold(target) * self.long)
    }
}

const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;

/// The SRE Workbook's recommended tiers (ch. 5, table 5-8 and the ticket tiers after
/// it): page at 2 % of the budget in 1 h and 5 % in 6 h, ticket at 10 % in 1 d and in
/// 3 d, short windows a twelfth of the long. The shares are kept and the burn rates
/// scaled to `slo_window`; for 30 days they are the book's 14.4, 6, 3 and 1.
pub fn workbook_tiers(slo_window: f64) -> Vec<Tier> {
    [
        (Severity::Page, HOUR, 0.02),
        (Severity::Page, 6.0 * HOUR, 0.05),
        (Severity::Ticket, DAY, 0.10),
        (Severity::Ticket, 3.0 * DAY, 0.10),
    ]
    .into_iter()
    .filter_map(|(severity, long, share)| Tier::from_budget_share(severity, long, share, slo_window).ok())
    .collect()
}

/// A published set of alert tiers, scaled to an SLO window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// The SRE Workbook's tiers ([`workbook_tiers`]): fixed windows, fixed budget
    /// shares, burn rates scaled to the window.
    Workbook,
    /// Sloth's default alert windows (`alertWindows/v1`, files `google-28d.yaml` and
    /// `google-30d.yaml`): the Workbook's windows and budget shares (2 %, 5 %, 10 %,
    /// 10 %) with the burn rate derived from the SLO period, so for any window they
    /// equal [`Preset::Workbook`].
    Sloth,
    /// Pyrra's tiers (`slo/rules.go`, `Windows`): fixed burn rates 14, 7, 2 and 1, and
    /// windows that are a fixed share of the SLO window — 1 h/5 m, 6 h/30 m, 1 d/2 h and
    /// 4 d/6 h for 28 days — rounded to the minute. Pyrra's `for` clauses are not
    /// modelled.
    Pyrra,
}

impl Preset {
    /// Every preset, in the order the UI offers them.
    pub const ALL: [Preset; 3] = [Preset::Workbook, Preset::Sloth, Preset::Pyrra];

    /// The tiers for an SLO window of `slo_window` seconds.
    pub fn tiers(self, slo_window: f64) -> Vec<Tier> {
        match self {
            Preset::Workbook | Preset::Sloth => workbook_tiers(slo_window),
            Preset::Pyrra => {
                // Shares of a 28-day window: long = window ÷ 672 (1 h), short = ÷ 8,064 (5 m), ….
                let minute = |x: f64| (x / 60.0).round() * 60.0;
                [
                    (Severity::Page, 672.0, 8_064.0, 14.0),
                    (Severity::Page, 112.0, 1_344.0, 7.0),
                    (Severity::Ticket, 28.0, 336.0, 2.0),
                    (Severity::Ticket, 7.0, 112.0, 1.0),
                ]
                .into_iter()
                .filter_map(|(severity, long, short, rate)| {
                    Tier::new(
                        severity,
                        minute(slo_window / long),
                        minute(slo_window / short),
                        rate,
                    )
                    .ok()
                })
                .collect()
            }
        }
    }

    /// The preset's name.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Workbook => "SRE Workbook",
            Preset::Sloth => "Sloth",
            Preset::Pyrra => "Pyrra",
        }
    }

    /// How the preset scales with the SLO window, in a sentence.
    pub fn scaling(self) -> &'static str {
        match self {
            Preset::Workbook => {
                "Windows stay 1 h, 6 h, 1 d and 3 d; the burn rates change so each tier still \
                 fires after 2 %, 5 %, 10 % and 10 % of the budget."
            }
            Preset::Sloth => {
                "Sloth's default alert windows are the Workbook's: the same windows and budget \
                 shares, with burn rates derived from your SLO period."
            }
            Preset::Pyrra => {
                "Burn rates stay 14, 7, 2 and 1; the windows stretch with the SLO window \
                 (1 h, 6 h, 1 d and 4 d for 28 days), rounded to the minute."
            }
        }
    }
}

/// What a tier does with a step of errors at rate `error_rate` (a fraction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// Seconds from the start of the errors to the alert, or `None` when it never fires.
    pub time_to_fire: Option<f64>,
    /// Share of the budget spent by then.
    pub budget_spent_at_fire: Option<f64>,
    /// Seconds from the end of the errors (after at least a long window) to the reset.
    pub reset_time: f64,
    /// The lowest error rate the tier can ever detect: `burn rate × (1 − target)`.
    pub min_error_rate: f64,
    /// Seconds until the whole budget is gone at this rate: `SLO window × (1 − target) ÷ e`.
    pub time_to_exhaustion: Option<f64>,
}

/// The closed-form quality of `tier` for a step of errors at `error_rate`.
///
/// # Formula
/// With `θ = burn rate × (1 − target)`: the long window's average reaches `θ` after
/// `long × θ / e`, the short one after `short × θ / e`, so the alert fires after
/// `long × θ / e` when `e ≥ θ`, having spent `burn rate × long / SLO window` of the
/// budget. After the errors stop, the short window's average falls below `θ` after
/// `short × (1 − θ / e)`.
pub fn quality(tier: Tier, target: Target, slo_window: f64, error_rate: f64) -> Quality {
    let theta = tier.error_threshold(target);
    let e = error_rate.bounded(0.0, 1.0);
    let fires = e > 0.0 && e >= theta && theta <= 1.0;
    let time_to_fire = fires.then(|| tier.long * theta / e);
    Quality {
        time_to_fire,
        budget_spent_at_fire: time_to_fire.map(|x| e * x / (target.budget_fraction() * slo_window)),
        reset_time: if fires {
            tier.short * (1.0 - theta / e)
        } else {
            0.0
        },
        min_error_rate: theta,
        time_to_exhaustion: (e > 0.0).then(|| slo_window * target.budget_fraction() / e),
    }
}

/// When a tier fired and reset in a simulated series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Firing {
    /// Seconds from the series' start to the first firing.
    pub fired_at: f64,
    /// Seconds from the series' start to the reset after it, if it reset.
    pub reset_at: Option<f64>,
}

/// Evaluates `tier` on an error-rate series sampled every `step` seconds (each value
/// holds for the step before it is taken). Averages are over the windows ending at each
/// sample; time before the series counts as error-free. Returns the first firing.
pub fn simulate(tier: Tier, target: Target, series: &[f64], step: f64) -> Option<Firing> {
    let theta = tier.error_threshold(target);
    let mut prefix = Vec::with_capacity(series.len() + 1);
    prefix.push(0.0);
    for e in series {
        let last = prefix.last().copied().unwrap_or(0.0);
        prefix.push(last + e.bounded(0.0, 1.0) * step);
    }
    let average = |end: usize, window: f64| {
        let samples = (window / step).round().max(1.0) as usize;
        let start = end.saturating_sub(samples);
        (prefix[end] - prefix[start]) / window
    };
    // A tiny tolerance so a step landing exactly on the threshold counts.
    let hot = |end: usize| {
        average(end, tier.long) >= theta * (1.0 - 1e-12) && average(end, tier.short) >= theta * (1.0 - 1e-12)
    };
    let fired = (1..=series.len()).find(|&end| hot(end))?;
    let reset = (fired + 1..=series.len()).find(|&end| !hot(end));
    Some(Firing {
        fired_at: fired as f64 * step,
        reset_at: reset.map(|end| end as f64 * step),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    const MONTH: f64 = 30.0 * DAY;

    fn three_nines() -> Target {
        Target::from_percent(99.9).unwrap()
    }

    /// SRE Workbook, ch. 5, table 5-8: burn rates 14.4 (1 h), 6 (6 h), and 1 (3 d) spend
    /// 2 %, 5 % and 10 % of a 30-day budget.
    #[test]
    fn one_error_fires_a_tier_only_below_the_rate_its_long_window_allows() {
        // 14.4× over 1 h / 5 m at 99.9 %: threshold 1.44 %. One error in an hour is
        // 1.44 % at 1 ÷ (0.0144 × 3,600) = 0.019290 req/s.
        let target = Target::from_percent(99.9).unwrap();
        let tier = Tier::new(Severity::Page, 3_600.0, 300.0, 14.4).unwrap();
        let bound = tier.fires_on_one_error_below(target);
        assert!((bound - 0.019_290_123).abs() < 1e-8, "{bound}");
        // The sliding-window evaluation agrees: one failed request in one minute of
        // two hours fires the tier just below the bound, not just above it, and not at
        // 0.1 req/s, where one error is 3.3 % of the short window but 0.28 % of the long.
        for (rate, fires) in [(bound * 0.99, true), (bound * 1.01, false), (0.1, false)] {
            let mut series = vec![0.0; 120];
            series[60] = 1.0 / (rate * 60.0);
            assert_eq!(
                simulate(tier, target, &series, 60.0).is_some(),
                fires,
                "at {rate} req/s"
            );
        }
    }

    #[test]
    fn workbook_tiers_for_thirty_days() {
        let tiers = workbook_tiers(MONTH);
        let rates: Vec<f64> = tiers.iter().map(|t| t.burn_rate()).collect();
        for (rate, expected) in rates.iter().zip([14.4, 6.0, 3.0, 1.0]) {
            assert_close(*rate, expected);
        }
        assert_close(tiers[0].short(), 300.0);
        assert_close(tiers[0].budget_share(MONTH), 0.02);
        assert_close(tiers[1].budget_share(MONTH), 0.05);
        assert_close(tiers[3].budget_share(MONTH), 0.10);
    }

    #[test]
    fn presets_scale_with_the_window() {
        // A 7-day window: the same shares of a smaller budget need lower burn rates.
        let week = workbook_tiers(7.0 * DAY);
        assert_close(week[0].burn_rate(), 14.4 * 7.0 / 30.0);
        assert_close(week[0].budget_share(7.0 * DAY), 0.02);
    }

    /// SRE Workbook, ch. 5: at 99.9 % over 30 days and a 100 % error rate, the 14.4 × 1 h
    /// alert fires after 0.0144 × 1 h = 51.84 s, having spent 2 % of the budget.
    /// Pyrra, `slo/rules.go` `Windows`: for 28 days the tiers are 14 × 1h/5m,
    /// 7 × 6h/30m, 2 × 1d/2h and 1 × 4d/6h; for 7 days every window is a quarter.
    #[test]
    fn pyrra_windows_stretch_with_the_window() {
        let four_weeks = Preset::Pyrra.tiers(28.0 * DAY);
        let expected = [
            (3_600.0, 300.0, 14.0),
            (21_600.0, 1_800.0, 7.0),
            (DAY, 7_200.0, 2.0),
            (4.0 * DAY, 21_600.0, 1.0),
        ];
        for (tier, (long, short, rate)) in four_weeks.iter().zip(expected) {
            assert_eq!((tier.long(), tier.short(), tier.burn_rate()), (long, short, rate));
        }
        let week = Preset::Pyrra.tiers(7.0 * DAY);
        assert_eq!((week[0].long(), week[0].short()), (900.0, 60.0));
        assert_eq!(week[3].long(), DAY);
        // 30 days: 1 h × 30/28 = 64.29 min, rounded to 64 min.
        assert_eq!(Preset::Pyrra.tiers(MONTH)[0].long(), 3_840.0);
    }

    #[test]
    fn sloth_defaults_are_the_workbook_shares() {
        for window in [7.0 * DAY, 28.0 * DAY, MONTH, 90.0 * DAY] {
            assert_eq!(Preset::Sloth.tiers(window), workbook_tiers(window));
        }
    }

    #[test]
    fn full_outage_fires_the_fast_page_in_51_84_seconds() {
        let q = quality(workbook_tiers(MONTH)[0], three_nines(), MONTH, 1.0);
        assert_close(q.time_to_fire.unwrap(), 51.84);
        assert_close(q.budget_spent_at_fire.unwrap(), 0.02);
        assert_close(q.min_error_rate, 0.0144);
        assert_close(q.time_to_exhaustion.unwrap(), 2_592.0);
        // Errors stop: the 5-minute window drops below 1.44 % after 300 × (1 − 0.0144) s.
        assert_close(q.reset_time, 295.68);
    }

    #[test]
    fn below_the_threshold_it_never_fires() {
        let q = quality(workbook_tiers(MONTH)[0], three_nines(), MONTH, 0.01);
        assert_eq!(q.time_to_fire, None);
        // The 3-day ticket catches 1 % errors after 3 d × 0.001 / 0.01 = 7.2 h.
        let slow = quality(workbook_tiers(MONTH)[3], three_nines(), MONTH, 0.01);
        assert_close(slow.time_to_fire.unwrap(), 7.2 * HOUR);
        assert_close(slow.budget_spent_at_fire.unwrap(), 0.10);
    }

    #[test]
    fn the_simulator_agrees_with_the_closed_form_within_one_step() {
        let target = three_nines();
        for (tier, e) in [(0, 1.0), (0, 0.05), (1, 0.02), (2, 0.01), (3, 0.002)] {
            let tier = workbook_tiers(MONTH)[tier];
            let expected = quality(tier, target, MONTH, e).time_to_fire.unwrap();
            let step = 60.0;
            let series = vec![e; (expected / step) as usize + 10];
            let fired = simulate(tier, target, &series, step).unwrap().fired_at;
            assert!(
                fired >= expected && fired < expected + step,
                "{e}: {fired} vs {expected}"
            );
        }
    }

    #[test]
    fn the_simulator_sees_the_reset() {
        let target = three_nines();
        let tier = workbook_tiers(MONTH)[0];
        // Two hours of full outage, then two hours without errors, at 10-second steps.
        let mut series = vec![1.0; 720];
        series.extend(vec![0.0; 720]);
        let firing = simulate(tier, target, &series, 10.0).unwrap();
        assert!((firing.fired_at - 60.0).abs() <= 10.0);
        let reset = firing.reset_at.unwrap() - 7_200.0;
        let expected = quality(tier, target, MONTH, 1.0).reset_time;
        assert!(
            reset >= expected && reset < expected + 10.0,
            "{reset} vs {expected}"
        );
    }

    #[test]
    fn impossible_tiers_are_refused() {
        assert!(Tier::new(Severity::Page, 300.0, 3_600.0, 14.4).is_err());
        assert!(Tier::new(Severity::Page, 3_600.0, 3_600.0, 14.4).is_err());
        assert!(Tier::new(Severity::Page, 3_600.0, 300.0, 0.0).is_err());
        assert!(Tier::new(Severity::Page, 3_600.0, 300.0, f64::NAN).is_err());
    }
}
