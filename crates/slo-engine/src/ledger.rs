//! The budget account: how much a window allows, and what incidents spend of it.
//!
//! Amounts are in the SLI's [`BudgetUnit`]: seconds of impact-weighted downtime,
//! bad requests, or bad timeslices.

use crate::bounds::Bounded;
use crate::error_profile::ErrorProfile;
use crate::incident::Incident;
use crate::objective::{BudgetUnit, SliKind, Target};
use crate::traffic::Traffic;

/// A budget over a window of a given length, for one SLO.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Account {
    target: Target,
    sli: SliKind,
    traffic: Traffic,
    window_seconds: f64,
}

impl Account {
    /// The account of `target` over a window of `window_seconds` (positive) at `traffic`.
    pub fn new(target: Target, sli: SliKind, traffic: Traffic, window_seconds: f64) -> Self {
        Account {
            target,
            sli,
            traffic,
            window_seconds: window_seconds.max(1.0),
        }
    }

    /// What amounts are counted in.
    pub fn unit(&self) -> BudgetUnit {
        self.sli.unit()
    }

    /// The SLO target.
    pub fn target(&self) -> Target {
        self.target
    }

    /// What the SLI counts.
    pub fn sli(&self) -> SliKind {
        self.sli
    }

    /// The mean traffic.
    pub fn traffic(&self) -> Traffic {
        self.traffic
    }

    /// The window length, seconds.
    pub fn window_seconds(&self) -> f64 {
        self.window_seconds
    }

    /// Everything the window could hold: its seconds, its requests, or its slices.
    ///
    /// # Formula
    /// `W` (time), `rate × W` (requests), `W / slice` (timeslices).
    pub fn capacity(&self) -> f64 {
        match self.sli {
            SliKind::TimeBased => self.window_seconds,
            SliKind::RequestBased | SliKind::Latency(_) => {
                self.traffic.requests_per_second() * self.window_seconds
            }
            SliKind::Timeslice(slice) => self.window_seconds / slice.seconds(),
        }
    }

    /// The whole budget: `(1 − target) × capacity`.
    ///
    /// 99.9 % over 30 days is 2,592 s of downtime (time-based).
    pub fn total(&self) -> f64 {
        self.target.budget_fraction() * self.capacity()
    }

    /// What the part of `incident` between POSIX seconds `from` and `to` spends, alone.
    ///
    /// # Formula
    /// With `e` the share of requests it fails (its impact, or its count of bad
    /// requests over `rate × duration`, at most 1) and `overlap` its seconds in
    /// `[from, to)`:
    /// - time-based: `e × overlap` seconds of full downtime;
    /// - requests: `e × rate × overlap`;
    /// - timeslices: the slices starting in `[from, to)` in which its error rate,
    ///   averaged over the slice, exceeds the slice threshold.
    ///
    /// Spending is additive: splitting `[from, to)` in two spends the same in total.
    pub fn spent_by(&self, incident: &Incident, from: f64, to: f64) -> f64 {
        self.spent_in(&self.profile(std::slice::from_ref(incident)), from, to)
    }

    /// The share of requests failing at each moment of `incidents`, at this account's
    /// traffic.
    pub fn profile(&self, incidents: &[Incident]) -> ErrorProfile {
        ErrorProfile::of(incidents, self.traffic.requests_per_second())
    }

    /// What the failures of `profile` between POSIX seconds `from` and `to` spend:
    /// like [`Account::spent_by`], with overlapping incidents failing at most every
    /// request at once.
    pub fn spent_in(&self, profile: &ErrorProfile, from: f64, to: f64) -> f64 {
        match self.sli {
            SliKind::TimeBased => profile.failing_seconds(from, to),
            SliKind::RequestBased | SliKind::Latency(_) => {
                self.traffic.requests_per_second() * profile.failing_seconds(from, to)
            }
            SliKind::Timeslice(slice) => profile.bad_slices(slice, from, to),
        }
    }

    /// What a whole incident spends, wherever it falls.
    pub fn spent_by_whole(&self, incident: &Incident) -> f64 {
        let (start, end) = incident.span();
        // Timeslices count from the start of the slice the incident begins in.
        let slack = match self.sli {
            SliKind::Timeslice(slice) => slice.seconds(),
            _ => 0.0,
        };
        self.spent_by(incident, start - slack, end + slack)
    }

    /// The budget spent per second by a steady error rate (a fraction in [0, 1]).
    ///
    /// # Formula
    /// `e` s/s (time), `e × rate` requests/s, and for timeslices `1 / slice` slices/s
    /// when `e` exceeds the slice threshold, else 0.
    pub fn burn_per_second(&self, error_rate: f64) -> f64 {
        let e = error_rate.bounded(0.0, 1.0);
        match self.sli {
            SliKind::TimeBased => e,
            SliKind::RequestBased | SliKind::Latency(_) => e * self.traffic.requests_per_second(),
            SliKind::Timeslice(slice) => {
                if e > slice.max_error_rate() {
                    1.0 / slice.seconds()
                } else {
                    0.0
                }
            }
        }
    }

    /// The burn rate of a spend per second: 1 spends exactly the whole budget over the
    /// window (SRE Workbook, ch. 5, "Alerting on SLOs").
    pub fn burn_rate(&self, spent_per_second: f64) -> f64 {
        spent_per_second * self.window_seconds / self.total()
    }

    /// The availability an amount spent over the whole window leaves:
    /// `1 − spent / capacity`, never below 0.
    pub fn achieved(&self, spent: f64) -> f64 {
        (1.0 - spent / self.capacity()).bounded(0.0, 1.0)
    }
}

/// How many incidents spending `each` fit in `budget`: whole incidents, rounded down, a
/// whole number (exact up to 2⁵³). `None` when an incident spends nothing (then any
/// number fits).
pub fn incidents_that_fit(budget: f64, each: f64) -> Option<f64> {
    if each > 0.0 && each.is_finite() {
        Some((budget.max(0.0) / each).floor())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::Impact;
    use crate::objective::Timeslice;
    use crate::time::Instant;
    use crate::tolerance::assert_close;

    fn account(sli: SliKind) -> Account {
        Account::new(
            Target::from_percent(99.9).unwrap(),
            sli,
            Traffic::per_second(100.0).unwrap(),
            30.0 * 86_400.0,
        )
    }

    fn incident(start: &str, minutes: f64, impact: Impact) -> Incident {
        Incident::new(Instant::parse(start).unwrap(), minutes * 60.0, impact).unwrap()
    }

    #[test]
    fn a_twenty_minute_full_outage_spends_46_3_percent_of_three_nines_over_30_days() {
        let a = account(SliKind::TimeBased);
        assert_close(a.total(), 2_592.0);
        let outage = incident("2026-11-10T10:00", 20.0, Impact::Fraction(1.0));
        assert_close(a.spent_by_whole(&outage), 1_200.0);
        assert_close(a.spent_by_whole(&outage) / a.total(), 0.462_962_963);
    }

    #[test]
    fn partial_impact_and_request_counts() {
        let a = account(SliKind::RequestBased);
        assert_close(a.total(), 259_200.0);
        let half = incident("2026-11-10T10:00", 60.0, Impact::Fraction(0.25));
        // 25 % of 100 req/s for 3,600 s = 90,000 bad requests.
        assert_close(a.spent_by_whole(&half), 90_000.0);
        let counted = incident("2026-11-10T10:00", 10.0, Impact::BadEvents(5_000.0));
        assert_close(a.spent_by_whole(&counted), 5_000.0);
        // Half of it falls in the first five minutes.
        let (s, _) = counted.span();
        assert_close(a.spent_by(&counted, s, s + 300.0), 2_500.0);
    }

    #[test]
    fn timeslices_count_bad_minutes() {
        let slices = SliKind::Timeslice(Timeslice::new(60.0, 0.01).unwrap());
        let a = account(slices);
        // 99.9 % of 43,200 minutes: 43.2 bad minutes allowed.
        assert_close(a.total(), 43.2);
        // 10 minutes at 5 % errors, starting 30 s into a minute: 11 minutes touched;
        // the first and last are half covered (2.5 % > 1 %), so all 11 are bad.
        let i = incident("2026-11-10T10:00:30", 10.0, Impact::Fraction(0.05));
        assert_close(a.spent_by_whole(&i), 11.0);
        // At 1.5 %, half-covered edge minutes average 0.75 %: only the 9 inner ones.
        let i = incident("2026-11-10T10:00:30", 10.0, Impact::Fraction(0.015));
        assert_close(a.spent_by_whole(&i), 9.0);
        // Below the threshold nothing is spent.
        let i = incident("2026-11-10T10:00:30", 10.0, Impact::Fraction(0.01));
        assert_close(a.spent_by_whole(&i), 0.0);
    }

    #[test]
    fn steady_burn_and_burn_rate() {
        let a = account(SliKind::RequestBased);
        // 0.1 % errors burns exactly the budget: burn rate 1.
        assert_close(a.burn_rate(a.burn_per_second(0.001)), 1.0);
        assert_close(a.burn_rate(a.burn_per_second(0.0144)), 14.4);
    }

    #[test]
    fn what_fits() {
        assert_eq!(incidents_that_fit(2_592.0, 1_200.0), Some(2.0));
        assert_eq!(incidents_that_fit(-5.0, 1_200.0), Some(0.0));
        assert_eq!(incidents_that_fit(2_592.0, 0.0), None);
    }
}
