//! The burn-down: budget left over a window, incidents so far, a forecast, and when
//! the budget runs out.
//!
//! # Windows
//! A **calendar** window is the real month, quarter or year containing `as_of` (here a
//! month is its actual length, e.g. 30 days for November, unlike the Targets page's
//! mean month); its budget resets at the period's start. A **rolling** window is the
//! `N` days ending at each instant, so incidents older than `N` days stop counting. The
//! chart spans the calendar period, or for a rolling window the `N` days before
//! `as_of` and the `N` days after it, when today's incidents age out.
//!
//! The series is computed at one-minute resolution (coarser only beyond 262,144
//! points) from prefix sums, so a 90-day rolling window is linear work.

use crate::error::EngineError;
use crate::incident::Incident;
use crate::ledger::Account;
use crate::objective::{SliKind, Target};
use crate::time::Instant;
use crate::traffic::Traffic;
use crate::window::Window;

/// Most points a burn-down series holds.
pub const MAX_POINTS: usize = 262_144;
/// Step multiples (in minutes) tried, each dividing a day's 1,440 minutes.
const STEP_MINUTES: [i64; 12] = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30];

/// How the future spending is forecast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Forecast {
    /// The average rate of the window so far (spent ÷ elapsed time).
    FromHistory,
    /// A steady error rate from now on, as a fraction of requests (or of time).
    SteadyErrorRate(f64),
}

/// A span of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First instant.
    pub start: Instant,
    /// First instant after.
    pub end: Instant,
}

impl Period {
    /// Length in seconds.
    pub fn seconds(self) -> f64 {
        self.end.seconds_since(self.start)
    }
}

/// The window in force at `as_of`: the calendar period containing it, or the rolling
/// days ending at it.
pub fn period_at(window: Window, as_of: Instant) -> Period {
    let month = i64::from(as_of.civil().month);
    let (back, length) = match window {
        Window::Rolling { days } => {
            return Period {
                start: as_of.plus_seconds(-f64::from(days) * 86_400.0),
                end: as_of,
            }
        }
        Window::CalendarMonth => (0, 1),
        Window::CalendarQuarter => ((month - 1) % 3, 3),
        Window::CalendarYear => (month - 1, 12),
    };
    Period {
        start: as_of.month_start(-back),
        end: as_of.month_start(length - back),
    }
}

/// Whether the burn-down of `window` at `as_of` lies within the supported dates: a
/// rolling window looks back and forecasts `days` days each way, which must not pass
/// 1970 or the end of 9999 ([`crate::time::END_UNIX_SECONDS`]). Calendar periods always
/// do.
pub fn fits_range(window: Window, as_of: Instant) -> Result<(), EngineError> {
    let Window::Rolling { days } = window else {
        return Ok(());
    };
    let reach = f64::from(days) * 86_400.0;
    match (
        as_of.checked_plus_seconds(-reach),
        as_of.checked_plus_seconds(reach),
    ) {
        (Some(_), Some(_)) => Ok(()),
        _ => Err(EngineError::ForecastOutOfRange {
            days,
            as_of: as_of.to_string(),
        }),
    }
}

/// When the budget runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exhaustion {
    /// It ran out before `as_of`, at about this instant.
    Already(Instant),
    /// It will run out at this instant (to within one step of the series).
    At(Instant),
    /// Not before the chart's end (the calendar period's end, or `N` days ahead).
    NotWithinWindow,
}

/// Budget left over time, as fractions of the whole budget (negative when overspent).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Time of the first point.
    pub start: Instant,
    /// Seconds between points.
    pub step: f64,
    /// Budget left at each point, as a fraction of the total.
    pub remaining: Vec<f64>,
}

impl Series {
    /// Time of point `i`.
    pub fn time(&self, i: usize) -> Instant {
        self.start.plus_seconds(self.step * i as f64)
    }

    /// The last point's time.
    pub fn end(&self) -> Instant {
        self.time(self.remaining.len().saturating_sub(1))
    }
}

/// Everything the Budget page shows about the window in force.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnDown {
    /// The account over the window in force.
    pub account: Account,
    /// The window in force at `as_of`.
    pub period: Period,
    /// The instant the figures are for.
    pub as_of: Instant,
    /// Spent in the window up to `as_of`.
    pub spent: f64,
    /// What each incident spends alone in the window up to `as_of`, in input order
    /// (their sum is `spent` unless incidents overlap).
    pub per_incident: Vec<f64>,
    /// The forecast's spending per second from `as_of` on.
    pub burn_per_second: f64,
    /// When the budget runs out.
    pub exhaustion: Exhaustion,
    /// What ages out of a rolling window between `as_of` and [`Exhaustion::At`], given
    /// back to the budget (0 for calendar windows or when it does not run out ahead):
    /// it runs out at `as_of + (remaining + regained) ÷ burn_per_second`.
    pub regained: f64,
    /// Budget left over the chart's span.
    pub series: Series,
}

impl BurnDown {
    /// Budget left at `as_of`.
    pub fn remaining(&self) -> f64 {
        self.account.total() - self.spent
    }

    /// Budget left at `as_of`, percent of the total.
    pub fn remaining_percent(&self) -> f64 {
        100.0 * self.remaining() / self.account.total()
    }

    /// Spent at `as_of`, percent of the total.
    pub fn spent_percent(&self) -> f64 {
        100.0 * self.spent / self.account.total()
    }
}

/// The inputs of [`burn_down`].
#[derive(Debug, Clone, Copy)]
pub struct Plan<'a> {
    /// The SLO target.
    pub target: Target,
    /// What the SLI counts.
    pub sli: SliKind,
    /// Mean traffic.
    pub traffic: Traffic,
    /// The SLO window.
    pub window: Window,
    /// The instant the figures are for ("now").
    pub as_of: Instant,
    /// The incidents; those after `as_of` are not counted.
    pub incidents: &'a [Incident],
    /// How the future is forecast.
    pub forecast: Forecast,
}

/// What the incidents spent of the window in force, up to `as_of`.
#[derive(Debug, Clone, PartialEq)]
pub struct Spending {
    /// The window in force at `as_of`.
    pub period: Period,
    /// Its account.
    pub account: Account,
    /// What each incident spent alone, in input order.
    pub per_incident: Vec<f64>,
    /// What they spent together: where incidents overlap, at most every request fails
    /// at once, so this can be less than the sum of `per_incident` (or, for timeslices,
    /// more: two small overlapping failures can make a slice bad together).
    pub spent: f64,
}

/// What the incidents of `plan` spent of the window in force up to `as_of`: the
/// figures of [`burn_down`] without its series or forecast, for a list of many SLOs.
pub fn spent_so_far(plan: &Plan<'_>) -> Spending {
    let period = period_at(plan.window, plan.as_of);
    let account = Account::new(plan.target, plan.sli, plan.traffic, period.seconds());
    let (from, to) = (
        period.start.unix_seconds() as f64,
        plan.as_of.unix_seconds() as f64,
    );
    let per_incident = plan
        .incidents
        .iter()
        .map(|i| account.spent_by(i, from, to))
        .collect();
    let spent = account.spent_in(&account.profile(plan.incidents), from, to);
    Spending {
        period,
        account,
        per_incident,
        spent,
    }
}

/// Computes the burn-down of a plan. Total: any valid input gives finite figures.
pub fn burn_down(plan: &Plan<'_>) -> BurnDown {
    let Spending {
        period,
        account,
        per_incident,
        spent,
    } = spent_so_far(plan);
    let now = plan.as_of.unix_seconds() as f64;
    let (from, to) = (period.start.unix_seconds() as f64, now);
    let elapsed = to - from;
    let burn_per_second = match plan.forecast {
        Forecast::FromHistory if elapsed > 0.0 => spent / elapsed,
        Forecast::FromHistory => 0.0,
        Forecast::SteadyErrorRate(e) => account.burn_per_second(e),
    };
    let series = series(plan, &account, period, burn_per_second);
    let exhaustion = exhaustion(&series, &account, now, spent, burn_per_second, plan.window);
    let regained = match (plan.window, exhaustion) {
        (Window::Rolling { .. }, Exhaustion::At(t)) => {
            let n = plan.window.seconds();
            account.spent_in(
                &account.profile(plan.incidents),
                from,
                t.unix_seconds() as f64 - n,
            )
        }
        _ => 0.0,
    };
    BurnDown {
        account,
        period,
        as_of: plan.as_of,
        spent,
        per_incident,
        burn_per_second,
        exhaustion,
        regained,
        series,
    }
}

fn series(plan: &Plan<'_>, account: &Account, period: Period, burn: f64) -> Series {
    let now = plan.as_of.unix_seconds();
    let (range_start, range_end, lookback) = match plan.window {
        Window::Rolling { days } => {
            let n = i64::from(days) * 86_400;
            (now - n, now + n, n)
        }
        _ => (period.start.unix_seconds(), period.end.unix_seconds(), 0),
    };
    let span_minutes = (range_end - range_start) / 60;
    let step_minutes = STEP_MINUTES
        .iter()
        .copied()
        .find(|m| span_minutes / m <= MAX_POINTS as i64)
        .unwrap_or(30);
    let step = step_minutes * 60;
    let grid_start = range_start - lookback;
    let cells = ((range_end - grid_start) / step + 1) as usize;
    // Spending per cell, from the incidents together up to `as_of`: only the cells a
    // failing stretch touches (a timeslice's cell also counts a slice the stretch
    // starts in).
    let mut cell = vec![0.0; cells];
    let profile = account.profile(plan.incidents);
    let slack = match plan.sli {
        SliKind::Timeslice(slice) => slice.seconds(),
        _ => 0.0,
    };
    let mut next_cell = 0;
    for stretch in profile.stretches() {
        let first = (((stretch.start - slack) - grid_start as f64) / step as f64)
            .floor()
            .max(0.0) as usize;
        let last = ((stretch.end.min(now as f64) - grid_start as f64) / step as f64)
            .ceil()
            .max(0.0) as usize;
        // Stretches are in time order; a cell shared by two is counted once.
        for (i, c) in cell
            .iter_mut()
            .enumerate()
            .take(last.min(cells))
            .skip(first.max(next_cell))
        {
            let a = (grid_start + i as i64 * step) as f64;
            let b = (a + step as f64).min(now as f64);
            if b > a {
                *c = account.spent_in(&profile, a, b);
            }
        }
        next_cell = next_cell.max(last);
    }
    let mut prefix = Vec::with_capacity(cells + 1);
    prefix.push(0.0);
    let mut running = 0.0;
    for c in &cell {
        running += c;
        prefix.push(running);
    }
    let total = account.total();
    let offset = (lookback / step) as usize;
    let points = ((range_end - range_start) / step + 1) as usize;
    let remaining = (0..points)
        .map(|k| {
            let t = range_start + k as i64 * step;
            let g = offset + k;
            let (history, window_start) = if lookback > 0 {
                (prefix[g] - prefix[g - offset], t - lookback)
            } else {
                (prefix[g], range_start)
            };
            let projected = burn * (t - now.max(window_start)).max(0) as f64;
            (total - history - projected) / total
        })
        .collect();
    Series {
        start: Instant::from_unix_seconds(range_start).unwrap_or(plan.as_of),
        step: step as f64,
        remaining,
    }
}

fn exhaustion(
    series: &Series,
    account: &Account,
    now: f64,
    spent: f64,
    burn: f64,
    window: Window,
) -> Exhaustion {
    let start = series.start.unix_seconds() as f64;
    let total = account.total();
    if spent >= total {
        let crossed = series
            .remaining
            .iter()
            .enumerate()
            .find(|(i, r)| **r <= 0.0 && start + series.step * *i as f64 <= now)
            .map_or(now, |(i, &r)| {
                let t = start + series.step * i as f64;
                match i.checked_sub(1).map(|p| series.remaining[p]) {
                    Some(r0) if r0 > 0.0 => t - series.step * (-r) / (r0 - r),
                    _ => t,
                }
            });
        return Exhaustion::Already(series.start.plus_seconds(crossed - start));
    }
    if !matches!(window, Window::Rolling { .. }) && burn > 0.0 {
        // Calendar windows only burn forward: the closed form is exact.
        let at = now + (total - spent) / burn;
        return if at < series.end().unix_seconds() as f64 {
            Exhaustion::At(series.start.plus_seconds(at - start))
        } else {
            Exhaustion::NotWithinWindow
        };
    }
    let mut previous = (now, (total - spent) / total);
    for (i, &r) in series.remaining.iter().enumerate() {
        let t = start + series.step * i as f64;
        if t <= now {
            continue;
        }
        if r <= 0.0 {
            let (t0, r0) = previous;
            let at = t0 + (t - t0) * r0 / (r0 - r);
            return Exhaustion::At(series.start.plus_seconds(at - start));
        }
        previous = (t, r);
    }
    Exhaustion::NotWithinWindow
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::Impact;
    use crate::tolerance::assert_close;

    fn at(text: &str) -> Instant {
        Instant::parse(text).unwrap()
    }

    fn outage(start: &str, minutes: f64) -> Incident {
        Incident::new(at(start), minutes * 60.0, Impact::Fraction(1.0)).unwrap()
    }

    fn plan<'a>(window: Window, as_of: &str, incidents: &'a [Incident], forecast: Forecast) -> Plan<'a> {
        Plan {
            target: Target::from_percent(99.9).unwrap(),
            sli: SliKind::TimeBased,
            traffic: Traffic::per_second(100.0).unwrap(),
            window,
            as_of: at(as_of),
            incidents,
            forecast,
        }
    }

    #[test]
    fn a_rolling_window_and_its_forecast_must_fit_the_dates() {
        let at = |text: &str| Instant::parse(text).unwrap();
        let rolling = Window::Rolling { days: 30 };
        assert!(fits_range(rolling, at("1970-01-31")).is_ok());
        assert!(fits_range(rolling, at("9999-12-01T23:59:59")).is_ok());
        let near_the_end = fits_range(rolling, at("9999-12-20")).unwrap_err().to_string();
        assert!(
            near_the_end.contains(
                "at least 30 days after the first and 30 days before the last (got 9999-12-20T00:00:00Z)"
            ),
            "{near_the_end}"
        );
        assert!(fits_range(rolling, at("1970-01-30")).is_err());
        // A calendar period ends by the range's end: December 9999 is whole.
        assert!(fits_range(Window::CalendarYear, at("9999-12-31T23:59:59")).is_ok());
        let period = period_at(Window::CalendarYear, at("9999-06-01"));
        assert_eq!(period.end.seconds_since(period.start), 365.0 * 86_400.0);
    }

    #[test]
    fn calendar_periods_are_real_months_quarters_and_years() {
        let t = at("2026-11-23T14:05");
        assert_eq!(period_at(Window::CalendarMonth, t).start, at("2026-11-01"));
        assert_eq!(period_at(Window::CalendarMonth, t).seconds(), 30.0 * 86_400.0);
        assert_eq!(period_at(Window::CalendarQuarter, t).start, at("2026-10-01"));
        assert_eq!(period_at(Window::CalendarQuarter, t).end, at("2027-01-01"));
        assert_eq!(period_at(Window::CalendarYear, t).seconds(), 365.0 * 86_400.0);
        assert_eq!(
            period_at(Window::Rolling { days: 7 }, t).start,
            at("2026-11-16T14:05")
        );
    }

    #[test]
    fn two_outages_in_november() {
        // November has 30 days: 99.9 % allows 2,592 s. 20 + 10 minutes spend 1,800 s.
        let incidents = [outage("2026-11-03T10:00", 20.0), outage("2026-11-10T08:00", 10.0)];
        let b = burn_down(&plan(
            Window::CalendarMonth,
            "2026-11-16",
            &incidents,
            Forecast::FromHistory,
        ));
        assert_close(b.account.total(), 2_592.0);
        assert_close(b.spent, 1_800.0);
        assert_close(b.remaining_percent(), 30.555_555_6);
        // 1,800 s in 15 days is 0.001389 s/s; the 792 s left last 570,240 s = 6.6 days.
        assert_eq!(b.exhaustion, Exhaustion::At(at("2026-11-22T14:24")));
        // The series starts full and ends at the forecast's end of month.
        assert_close(b.series.remaining[0], 1.0);
        assert_eq!(b.series.start, at("2026-11-01"));
        assert_eq!(b.series.end(), at("2026-12-01"));
        assert!(b.series.remaining.last().unwrap() < &0.0);
    }

    #[test]
    fn a_steady_rate_below_budget_never_exhausts() {
        let b = burn_down(&plan(
            Window::CalendarMonth,
            "2026-11-16",
            &[],
            Forecast::SteadyErrorRate(0.0005),
        ));
        assert_eq!(b.exhaustion, Exhaustion::NotWithinWindow);
        assert_close(b.account.burn_rate(b.burn_per_second), 0.5);
    }

    #[test]
    fn rolling_windows_forget_and_calendar_windows_reset() {
        // A 40-minute outage on 20 October, seen on 5 November.
        let incidents = [outage("2026-10-20T12:00", 40.0)];
        let rolling = burn_down(&plan(
            Window::Rolling { days: 30 },
            "2026-11-05",
            &incidents,
            Forecast::FromHistory,
        ));
        let calendar = burn_down(&plan(
            Window::CalendarMonth,
            "2026-11-05",
            &incidents,
            Forecast::FromHistory,
        ));
        // The rolling 30 days still hold it (2,400 of 2,592 s); November has reset.
        assert_close(rolling.spent, 2_400.0);
        assert_close(calendar.spent, 0.0);
        // Looking ahead, the rolling window forgets it on 19 November at 12:40.
        let after = rolling
            .series
            .remaining
            .iter()
            .enumerate()
            .find(|(i, r)| rolling.series.time(*i) > at("2026-11-19T12:40") && (**r - 1.0).abs() > 1e-9);
        assert!(
            after.is_some(),
            "steady history burn keeps spending after the outage ages out"
        );
        let i = ((at("2026-11-19T13:00").seconds_since(rolling.series.start)) / rolling.series.step) as usize;
        let j = ((at("2026-11-19T12:00").seconds_since(rolling.series.start)) / rolling.series.step) as usize;
        assert!(rolling.series.remaining[i] > rolling.series.remaining[j] + 0.5);
    }

    #[test]
    fn a_rolling_window_runs_out_later_by_what_ages_out() {
        // 30 minutes out on 7 October and 5 on 4 November, seen on 5 November with a
        // steady 0.2 % error rate ahead (burn rate 2×, 172.8 s a day).
        let incidents = [outage("2026-10-07T12:00", 30.0), outage("2026-11-04T12:00", 5.0)];
        let b = burn_down(&plan(
            Window::Rolling { days: 30 },
            "2026-11-05",
            &incidents,
            Forecast::SteadyErrorRate(0.002),
        ));
        // 2,100 s spent, 492 s left: 2.85 days at 172.8 s a day without ageing out. The
        // October outage ages out on 6 November, first, giving back its 1,800 s:
        // 2,292 s last 13.26 days, to 18 November.
        assert_close(b.remaining(), 492.0);
        let Exhaustion::At(t) = b.exhaustion else {
            panic!("{:?}", b.exhaustion)
        };
        assert!(t > at("2026-11-18") && t < at("2026-11-19"), "{t}");
        assert_close(b.regained, 1_800.0);
        // The closed form with what ages out gives the date found, to a step.
        let closed = b.as_of.unix_seconds() as f64 + (b.remaining() + b.regained) / b.burn_per_second;
        assert!(
            (closed - t.unix_seconds() as f64).abs() <= b.series.step,
            "{closed} vs {t}"
        );
        // A calendar month regains nothing.
        let calendar = burn_down(&plan(
            Window::CalendarMonth,
            "2026-11-05",
            &incidents,
            Forecast::SteadyErrorRate(0.002),
        ));
        assert_eq!(calendar.regained, 0.0);
    }

    #[test]
    fn overspent_budgets_say_when_they_ran_out() {
        let incidents = [outage("2026-11-03T10:00", 60.0)];
        let b = burn_down(&plan(
            Window::CalendarMonth,
            "2026-11-16",
            &incidents,
            Forecast::FromHistory,
        ));
        // 2,592 s are gone 43m 12s into the outage.
        assert_eq!(b.exhaustion, Exhaustion::Already(at("2026-11-03T10:43:12")));
    }

    #[test]
    fn a_ninety_day_rolling_window_is_computed_per_minute() {
        let b = burn_down(&plan(
            Window::Rolling { days: 90 },
            "2026-11-16",
            &[],
            Forecast::FromHistory,
        ));
        assert_eq!(b.series.step, 60.0);
        assert_eq!(b.series.remaining.len(), 2 * 90 * 1_440 + 1);
    }
}
