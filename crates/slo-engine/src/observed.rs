//! An SLI as a monitoring system recorded it: the events counted between one sample and
//! the next, and the error budget they spent.
//!
//! Samples are (Unix seconds, value). A counter's decrease is a reset, after which it
//! counts from zero, as Prometheus's `rate()` reads it. An interval over
//! [`GAP_STEPS`] times the usual step between samples is a gap: what happened in it is
//! not known, so it counts neither as good nor as bad.

use crate::burn_rate::Tier;
use crate::error::EngineError;
use crate::objective::Target;

/// How many usual steps an interval between samples may last before it is a gap.
pub const GAP_STEPS: f64 = 3.0;

/// The events of one interval between two samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Its start, Unix seconds (the earlier sample).
    pub start: i64,
    /// Its end, Unix seconds (the later sample).
    pub end: i64,
    /// Bad events in it.
    pub bad: f64,
    /// All events in it (for an error ratio: its seconds).
    pub total: f64,
}

/// How a series' values count events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// A counter (Prometheus's `…_total`): the increase since the previous sample.
    Counter,
    /// A rate per second over the interval ending at the sample.
    PerSecond,
    /// The events in the interval ending at the sample.
    PerInterval,
}

/// An SLI's history: its intervals in time order, and the gaps between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    /// The intervals with events, in time order.
    pub intervals: Vec<Interval>,
    /// The gaps, (start, end) in Unix seconds: intervals over [`GAP_STEPS`] usual steps.
    pub gaps: Vec<(i64, i64)>,
    /// The usual step between samples (the median), seconds.
    pub step: f64,
}

fn unobservable(reason: String) -> EngineError {
    EngineError::Unobservable { reason }
}

/// The median of the steps between consecutive sample times, seconds.
fn median_step(times: &[i64]) -> f64 {
    let mut steps: Vec<i64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.is_empty() {
        return 0.0;
    }
    steps.sort_unstable();
    steps[steps.len() / 2] as f64
}

/// The events each sample of `samples` says happened since the previous one, by how
/// they count; the first sample starts the count.
fn increments(samples: &[(i64, f64)], counting: Counting) -> Vec<f64> {
    samples
        .windows(2)
        .map(|w| {
            let ((t0, v0), (t1, v1)) = (w[0], w[1]);
            match counting {
                // A decrease is a reset: the counter started again from zero.
                Counting::Counter => {
                    if v1 >= v0 {
                        v1 - v0
                    } else {
                        v1
                    }
                }
                Counting::PerSecond => v1 * (t1 - t0) as f64,
                Counting::PerInterval => v1,
            }
        })
        .collect()
}

impl Observed {
    /// The history of bad and total events, each a series of samples in time order that
    /// count as `counting` says. Only times both series have are used.
    ///
    /// # Errors
    /// When the series share fewer than two sample times, a value is negative or not
    /// finite, or an interval has more bad events than events.
    pub fn from_counts(
        bad: &[(i64, f64)],
        total: &[(i64, f64)],
        counting: Counting,
    ) -> Result<Observed, EngineError> {
        let mut j = 0;
        let mut both: Vec<(i64, f64, f64)> = Vec::with_capacity(bad.len().min(total.len()));
        for &(t, b) in bad {
            while j < total.len() && total[j].0 < t {
                j += 1;
            }
            if j < total.len() && total[j].0 == t {
                both.push((t, b, total[j].1));
            }
        }
        if both.len() < 2 {
            return Err(unobservable(format!(
                "the bad and the total series share {} sample time(s); at least 2 are needed, \
                 at the same times (query both with the same step)",
                both.len()
            )));
        }
        if let Some(&(t, b, n)) = both
            .iter()
            .find(|(_, b, n)| !(b.is_finite() && n.is_finite() && *b >= 0.0 && *n >= 0.0))
        {
            return Err(unobservable(format!(
                "at Unix time {t} a count is negative or not a number ({b} bad, {n} in all)"
            )));
        }
        let times: Vec<i64> = both.iter().map(|s| s.0).collect();
        let bad_inc = increments(&both.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(), counting);
        let total_inc = increments(&both.iter().map(|s| (s.0, s.2)).collect::<Vec<_>>(), counting);
        let step = median_step(&times);
        let mut observed = Observed {
            intervals: Vec::with_capacity(times.len() - 1),
            gaps: Vec::new(),
            step,
        };
        for (i, w) in times.windows(2).enumerate() {
            let (start, end) = (w[0], w[1]);
            let (b, n) = (bad_inc[i], total_inc[i]);
            if b > n * (1.0 + 1e-9) + 1e-9 {
                return Err(unobservable(format!(
                    "from Unix time {start} to {end} there are more bad events ({b}) than events ({n}): \
                     are the series the right way round?"
                )));
            }
            if (end - start) as f64 > GAP_STEPS * step {
                observed.gaps.push((start, end));
            } else {
                observed.intervals.push(Interval {
                    start,
                    end,
                    bad: b,
                    total: n,
                });
            }
        }
        Ok(observed)
    }

    /// The history of an error ratio (bad ÷ all, from 0 to 1) sampled over time, each
    /// sample holding for the interval ending at it, weighed by its length (each second
    /// counts alike, as for a time-based SLI).
    ///
    /// # Errors
    /// When there are fewer than two samples or a ratio is outside [0, 1] (a percentage
    /// is said to be one).
    pub fn from_ratio(ratio: &[(i64, f64)]) -> Result<Observed, EngineError> {
        if ratio.len() < 2 {
            return Err(unobservable(format!(
                "it has {} sample(s); at least 2 are needed",
                ratio.len()
            )));
        }
        if let Some(&(t, r)) = ratio.iter().find(|(_, r)| !(0.0..=1.0).contains(r)) {
            let percent = ratio.iter().all(|(_, r)| (0.0..=100.0).contains(r));
            return Err(unobservable(format!(
                "at Unix time {t} the error ratio is {r}, outside 0 to 1{}",
                if percent {
                    ": the values look like percentages; divide them by 100 in the query"
                } else {
                    ""
                }
            )));
        }
        let times: Vec<i64> = ratio.iter().map(|s| s.0).collect();
        let step = median_step(&times);
        let mut observed = Observed {
            intervals: Vec::with_capacity(ratio.len() - 1),
            gaps: Vec::new(),
            step,
        };
        for w in ratio.windows(2) {
            let ((start, _), (end, r)) = (w[0], w[1]);
            let seconds = (end - start) as f64;
            if seconds > GAP_STEPS * step {
                observed.gaps.push((start, end));
            } else {
                observed.intervals.push(Interval {
                    start,
                    end,
                    bad: r * seconds,
                    total: seconds,
                });
            }
        }
        Ok(observed)
    }

    /// Bad events over the whole history (gaps left out).
    pub fn bad(&self) -> f64 {
        self.intervals.iter().map(|i| i.bad).sum()
    }

    /// All events over the whole history (gaps left out).
    pub fn total(&self) -> f64 {
        self.intervals.iter().map(|i| i.total).sum()
    }

    /// The share of events that were bad, from 0 to 1; 0 for a history with no events.
    pub fn error_ratio(&self) -> f64 {
        let total = self.total();
        if total > 0.0 {
            self.bad() / total
        } else {
            0.0
        }
    }

    /// The share of `target`'s error budget the history spent: its error ratio ÷
    /// (1 − target). Over 1 when it spent more than the budget.
    pub fn budget_spent(&self, target: Target) -> f64 {
        self.error_ratio() / target.budget_fraction()
    }

    /// Seconds the history covers, gaps left out.
    pub fn seconds(&self) -> f64 {
        self.intervals.iter().map(|i| (i.end - i.start) as f64).sum()
    }
}

/// Which samples a Prometheus range selector `[w]` at time `t` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeSelector {
    /// Prometheus 2: those from `t − w` to `t`, both included.
    Closed,
    /// Prometheus 3: those after `t − w`, up to `t` (at a one-minute step, a minute
    /// less of history in each window).
    LeftOpen,
}

/// A stretch in which an alert would have fired, Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alerted {
    /// The first evaluation at which it held.
    pub start: i64,
    /// The first evaluation after that at which it no longer held; `None` when it still
    /// held at the history's end.
    pub end: Option<i64>,
}

impl Observed {
    /// When `tier` would have fired over this history, evaluated at each sample time
    /// as Prometheus (whose range selectors take samples as `selector` says) evaluates
    /// the planner's exported rules: it holds while the error ratios over both its
    /// windows are above its threshold as the rules state it ([`Tier::rule_threshold`],
    /// and the rules' `>`).
    ///
    /// The error ratio over a window ending at `t` is the bad events of the intervals
    /// wholly within the samples the selector takes over all their events (none without
    /// events). This is Prometheus's `rate(bad[w]) / rate(total[w])` over the same
    /// samples: `rate()` extrapolates both counters to the window's edges by the same
    /// factor, which cancels in the ratio (unless a counter starts within the window so
    /// near zero that Prometheus stops its extrapolation at zero).
    pub fn backtest(&self, tier: Tier, target: Target, selector: RangeSelector) -> Vec<Alerted> {
        let mut prefix = Vec::with_capacity(self.intervals.len() + 1);
        prefix.push((0.0, 0.0));
        for i in &self.intervals {
            let (b, n) = prefix.last().copied().unwrap_or((0.0, 0.0));
            prefix.push((b + i.bad, n + i.total));
        }
        let threshold = tier.rule_threshold(target);
        // The first interval in each window: it only moves forward as `t` does.
        let mut first = [0usize; 2];
        let mut spans = Vec::new();
        let mut open: Option<i64> = None;
        for (k, t) in self.intervals.iter().map(|i| i.end).enumerate() {
            // Intervals end in order, so those ending by `t` are the first k + 1.
            let last = k + 1;
            let mut holds = true;
            for (w, window) in [tier.long(), tier.short()].into_iter().enumerate() {
                let from = t as f64 - window;
                let outside = |i: &Interval| match selector {
                    RangeSelector::Closed => (i.start as f64) < from,
                    RangeSelector::LeftOpen => (i.start as f64) <= from,
                };
                while first[w] < last && outside(&self.intervals[first[w]]) {
                    first[w] += 1;
                }
                let (bad, total) = (
                    prefix[last].0 - prefix[first[w]].0,
                    prefix[last].1 - prefix[first[w]].1,
                );
                holds &= total > 0.0 && bad / total > threshold;
            }
            match (holds, open) {
                (true, None) => open = Some(t),
                (false, Some(start)) => {
                    spans.push(Alerted { start, end: Some(t) });
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(start) = open {
            spans.push(Alerted { start, end: None });
        }
        spans
    }
}

/// A stretch of the history in which the error ratio was above a threshold: a
/// detected incident. Unix seconds; its events are those of every interval in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Episode {
    /// The start of its first interval above the threshold.
    pub start: i64,
    /// The end of its last interval above the threshold.
    pub end: i64,
    /// Bad events from `start` to `end`.
    pub bad: f64,
    /// All events from `start` to `end`.
    pub total: f64,
}

impl Observed {
    /// The stretches in which the error ratio was above `threshold` (a fraction),
    /// those apart by at most `merge_gap` seconds counted as one. An interval is in a
    /// stretch when both its own error ratio and that of the `smoothing` seconds ending
    /// with it are above the threshold: a lone failure among few events is not an
    /// incident, and a stretch ends with its last bad interval. A gap in the history
    /// ends a stretch.
    pub fn episodes(&self, threshold: f64, merge_gap: f64, smoothing: f64) -> Vec<Episode> {
        let mut found: Vec<Episode> = Vec::new();
        // The events since the last stretch ended, added to it if it goes on.
        let mut between = (0.0, 0.0);
        let mut previous_end = None;
        // The events of the smoothing window: intervals from `first` to the current one.
        let (mut first, mut window) = (0, (0.0, 0.0));
        for (k, i) in self.intervals.iter().enumerate() {
            window = (window.0 + i.bad, window.1 + i.total);
            while first < k && (self.intervals[first].start as f64) < i.end as f64 - smoothing {
                let gone = &self.intervals[first];
                window = (window.0 - gone.bad, window.1 - gone.total);
                first += 1;
            }
            let contiguous = previous_end == Some(i.start);
            previous_end = Some(i.end);
            let above = i.total > 0.0
                && i.bad / i.total > threshold
                && window.1 > 0.0
                && window.0 / window.1 > threshold;
            let joins = found
                .last()
                .is_some_and(|e| contiguous_or_near(e.end, i.start, merge_gap, contiguous, &self.gaps));
            if !above {
                if joins {
                    between = (between.0 + i.bad, between.1 + i.total);
                }
                continue;
            }
            match found.last_mut() {
                Some(e) if joins => {
                    e.end = i.end;
                    e.bad += between.0 + i.bad;
                    e.total += between.1 + i.total;
                }
                _ => found.push(Episode {
                    start: i.start,
                    end: i.end,
                    bad: i.bad,
                    total: i.total,
                }),
            }
            between = (0.0, 0.0);
        }
        found
    }

    /// Bad and all events of the intervals that end after `from` and by `to`, Unix
    /// seconds.
    pub fn events_between(&self, from: i64, to: i64) -> (f64, f64) {
        let first = self.intervals.partition_point(|i| i.end <= from);
        let last = self.intervals.partition_point(|i| i.end <= to);
        self.intervals[first..last.max(first)]
            .iter()
            .fold((0.0, 0.0), |(b, n), i| (b + i.bad, n + i.total))
    }

    /// The first and last instants the history covers, Unix seconds; `None` when it has
    /// no intervals.
    pub fn span(&self) -> Option<(i64, i64)> {
        Some((self.intervals.first()?.start, self.intervals.last()?.end))
    }
}

/// Whether a stretch ending at `end` goes on into an interval starting at `start`: no
/// gap of the history lies between them and they are at most `merge_gap` seconds apart.
fn contiguous_or_near(end: i64, start: i64, merge_gap: f64, contiguous: bool, gaps: &[(i64, i64)]) -> bool {
    let apart = (start - end) as f64;
    let gap_between = !contiguous && gaps.iter().any(|&(a, b)| a >= end && b <= start);
    !gap_between && apart <= merge_gap
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(values: &[f64]) -> Vec<(i64, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (60 * i as i64, *v))
            .collect()
    }

    #[test]
    fn counters_count_their_increase_and_start_again_after_a_reset() {
        // 10 bad of 1,000 a minute; the process restarts before the fourth sample.
        let bad = minutes(&[100.0, 110.0, 120.0, 4.0, 14.0]);
        let total = minutes(&[10_000.0, 11_000.0, 12_000.0, 400.0, 1_400.0]);
        let o = Observed::from_counts(&bad, &total, Counting::Counter).unwrap();
        assert_eq!(o.intervals.len(), 4);
        assert_eq!(o.bad(), 10.0 + 10.0 + 4.0 + 10.0);
        assert_eq!(o.total(), 1_000.0 + 1_000.0 + 400.0 + 1_000.0);
        assert!(o.gaps.is_empty());
        // 34 ÷ 3,400 = 1% of requests failed: ten times a 99.9% budget.
        assert!((o.budget_spent(Target::from_percent(99.9).unwrap()) - 10.0).abs() < 1e-9);
    }

    #[test]
    fn rates_and_per_interval_counts_read_as_events() {
        let rate = Observed::from_counts(
            &minutes(&[0.0, 0.5, 0.5]),
            &minutes(&[0.0, 10.0, 10.0]),
            Counting::PerSecond,
        )
        .unwrap();
        assert_eq!((rate.bad(), rate.total()), (60.0, 1_200.0));
        let each = Observed::from_counts(
            &minutes(&[0.0, 3.0, 1.0]),
            &minutes(&[0.0, 100.0, 100.0]),
            Counting::PerInterval,
        )
        .unwrap();
        assert_eq!((each.bad(), each.total()), (4.0, 200.0));
    }

    #[test]
    fn a_missing_stretch_is_a_gap_not_good_time() {
        // Samples every minute, then nothing for an hour.
        let mut ratio = minutes(&[0.0, 0.1, 0.1, 0.1]);
        ratio.push((180 + 3_600, 0.1));
        ratio.push((180 + 3_660, 0.1));
        let o = Observed::from_ratio(&ratio).unwrap();
        assert_eq!(o.step, 60.0);
        assert_eq!(o.gaps, [(180, 3_780)]);
        assert_eq!(o.seconds(), 240.0);
        assert!((o.error_ratio() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn a_backtest_fires_where_both_windows_pass_the_threshold_and_resets_when_one_falls() {
        use crate::burn_rate::workbook_tiers;
        let target = Target::from_percent(99.9).unwrap();
        let page = workbook_tiers(2_592_000.0)[0]; // 14.4× over 1 h and 5 min
                                                   // Six hours a minute apart, 1,000 requests a minute; from minute 120 to 150 every
                                                   // request fails.
        let minutes = 360;
        let bad: Vec<(i64, f64)> = (0..=minutes)
            .map(|m| (60 * m, 1_000.0 * f64::from((m - 120).clamp(0, 30) as i32)))
            .collect();
        let total: Vec<(i64, f64)> = (0..=minutes).map(|m| (60 * m, 1_000.0 * m as f64)).collect();
        let o = Observed::from_counts(&bad, &total, Counting::Counter).unwrap();
        // Prometheus 3: the 1 h ratio passes 1.44% once one of its 59 intervals is bad,
        // at minute 121; the 5 min ratio falls to 0 once its 4 intervals are all after
        // minute 150, so the alert stops holding at minute 154.
        let spans = o.backtest(page, target, RangeSelector::LeftOpen);
        assert_eq!(
            spans,
            [Alerted {
                start: 121 * 60,
                end: Some(154 * 60)
            }]
        );
        // Prometheus 2's windows hold one interval more: the 5 min ratio is 0 at minute 155.
        let spans = o.backtest(page, target, RangeSelector::Closed);
        assert_eq!(
            spans,
            [Alerted {
                start: 121 * 60,
                end: Some(155 * 60)
            }]
        );
        // A clean history never fires.
        let clean = Observed::from_counts(&minutes_of(0.0), &minutes_of(1_000.0), Counting::Counter).unwrap();
        assert!(clean.backtest(page, target, RangeSelector::Closed).is_empty());
    }

    /// A counter growing by `per_minute` for an hour.
    fn minutes_of(per_minute: f64) -> Vec<(i64, f64)> {
        (0..=60).map(|m| (60 * m, per_minute * m as f64)).collect()
    }

    #[test]
    fn histories_that_cannot_be_are_refused_with_the_reason() {
        let percent = Observed::from_ratio(&minutes(&[0.0, 5.0, 2.0])).unwrap_err();
        assert!(percent.to_string().contains("look like percentages"), "{percent}");
        let apart = Observed::from_counts(&[(0, 1.0), (60, 2.0)], &[(30, 1.0), (90, 2.0)], Counting::Counter)
            .unwrap_err();
        assert!(apart.to_string().contains("share 0 sample time(s)"), "{apart}");
        let swapped =
            Observed::from_counts(&minutes(&[0.0, 100.0]), &minutes(&[0.0, 1.0]), Counting::Counter)
                .unwrap_err();
        assert!(swapped.to_string().contains("the right way round"), "{swapped}");
        let negative = Observed::from_counts(
            &minutes(&[0.0, -1.0]),
            &minutes(&[0.0, 1.0]),
            Counting::PerInterval,
        )
        .unwrap_err();
        assert!(negative.to_string().contains("negative"), "{negative}");
    }

    #[test]
    fn episodes_are_the_stretches_above_the_threshold_merged_across_short_lulls() {
        // 1,000 requests a minute; minutes 10–14 and 17–19 fail at 5 %, minute 40 at 1 %.
        let bad_per_minute = |m: i64| match m {
            10..=14 | 17..=19 => 50.0,
            40 => 10.0,
            _ => 0.0,
        };
        let mut b = 0.0;
        let bad: Vec<(i64, f64)> = (0..=60)
            .map(|m| {
                b += if m > 0 { bad_per_minute(m - 1) } else { 0.0 };
                (60 * m, b)
            })
            .collect();
        let total: Vec<(i64, f64)> = (0..=60).map(|m| (60 * m, 1_000.0 * m as f64)).collect();
        let o = Observed::from_counts(&bad, &total, Counting::Counter).unwrap();
        // Merged over the 2-minute lull (whose 2,000 good requests count too).
        let merged = o.episodes(0.001, 180.0, 60.0);
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].start, merged[0].end), (600, 1_200));
        assert_eq!((merged[0].bad, merged[0].total), (400.0, 10_000.0));
        assert_eq!((merged[1].start, merged[1].end), (2_400, 2_460));
        // Apart when the lull is longer than the merge gap, and the 1 % minute is under
        // a 2 % threshold.
        let apart = o.episodes(0.02, 60.0, 60.0);
        assert_eq!(apart.len(), 2);
        assert_eq!((apart[0].end, apart[1].start), (900, 1_020));
        assert_eq!(o.events_between(600, 1_200), (400.0, 10_000.0));
        assert_eq!(o.span(), Some((0, 3_600)));
    }

    #[test]
    fn a_lone_failure_among_few_events_is_no_episode_once_smoothed() {
        // 20 requests a minute, one failing in minute 30 (5 % of its minute, 0.5 % of
        // ten minutes), and ten failing in minute 50.
        let mut b = 0.0;
        let bad: Vec<(i64, f64)> = (0..=60)
            .map(|m| {
                b += match m {
                    31 => 1.0,
                    51 => 10.0,
                    _ => 0.0,
                };
                (60 * m, b)
            })
            .collect();
        let total: Vec<(i64, f64)> = (0..=60).map(|m| (60 * m, 20.0 * m as f64)).collect();
        let o = Observed::from_counts(&bad, &total, Counting::Counter).unwrap();
        assert_eq!(o.episodes(0.01, 0.0, 60.0).len(), 2);
        let smoothed = o.episodes(0.01, 0.0, 600.0);
        assert_eq!(smoothed.len(), 1);
        assert_eq!((smoothed[0].start, smoothed[0].end), (3_000, 3_060));
    }

    #[test]
    fn a_gap_in_the_history_ends_an_episode() {
        let mut ratio = minutes(&[0.0, 0.5, 0.5]);
        ratio.push((120 + 3_600, 0.5));
        ratio.push((120 + 3_660, 0.5));
        let o = Observed::from_ratio(&ratio).unwrap();
        let found = o.episodes(0.1, 86_400.0, 60.0);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].start, found[0].end), (0, 120));
        assert_eq!((found[1].start, found[1].end), (3_720, 3_780));
    }
}
