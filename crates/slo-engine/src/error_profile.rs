//! The share of requests failing at each moment, from incidents that may overlap.
//!
//! Each incident fails a share of requests for its duration: its impact, or its count
//! of bad requests spread evenly over the duration at the plan's mean traffic. Where
//! incidents overlap their shares add up, but at no moment can more than all requests
//! (a share of 1) fail: two simultaneous full outages spend what one does.

use crate::incident::{Impact, Incident};
use crate::objective::Timeslice;

/// A stretch of time, `[start, end)` in POSIX seconds, during which a steady share of
/// requests fails.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stretch {
    /// Start, POSIX seconds.
    pub start: f64,
    /// End, POSIX seconds (after `start`).
    pub end: f64,
    /// The share of requests failing, in (0, 1].
    pub fraction: f64,
}

/// The share of requests failing over time: stretches in time order, disjoint, each
/// failing a positive share.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorProfile {
    stretches: Vec<Stretch>,
}

/// The share of requests `incident` fails while it lasts, at `requests_per_second`
/// mean traffic, capped at 1 (a count of bad requests above all the traffic of its
/// duration is a full outage).
pub fn failing_share(incident: &Incident, requests_per_second: f64) -> f64 {
    match incident.impact() {
        Impact::Fraction(f) => f.min(1.0),
        Impact::BadEvents(n) => {
            let requests = requests_per_second * incident.duration();
            if requests > 0.0 {
                (n / requests).min(1.0)
            } else if n > 0.0 {
                1.0
            } else {
                0.0
            }
        }
    }
}

/// All the requests `incident`'s duration sees at `requests_per_second` mean traffic,
/// when its count of bad requests is more than that (it then counts as a full outage);
/// `None` otherwise.
pub fn count_beyond_traffic(incident: &Incident, requests_per_second: f64) -> Option<f64> {
    let all = requests_per_second * incident.duration();
    match incident.impact() {
        Impact::BadEvents(n) if n > all => Some(all),
        _ => None,
    }
}

impl ErrorProfile {
    /// The profile of `incidents` at `requests_per_second` mean traffic.
    pub fn of(incidents: &[Incident], requests_per_second: f64) -> Self {
        // A sweep over the incidents' starts (+share) and ends (−share).
        let mut edges: Vec<(f64, f64, i32)> = Vec::with_capacity(incidents.len() * 2);
        for incident in incidents {
            let share = failing_share(incident, requests_per_second);
            if share > 0.0 {
                let (start, end) = incident.span();
                edges.push((start, share, 1));
                edges.push((end, -share, -1));
            }
        }
        edges.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut stretches: Vec<Stretch> = Vec::new();
        let (mut sum, mut open) = (0.0, 0);
        let mut i = 0;
        while i < edges.len() {
            let at = edges[i].0;
            while i < edges.len() && edges[i].0 == at {
                sum += edges[i].1;
                open += edges[i].2;
                i += 1;
            }
            if open == 0 {
                // No incident is open: exactly nothing fails (no rounding residue).
                sum = 0.0;
            }
            if let Some(&(next, _, _)) = edges.get(i) {
                let fraction = sum.min(1.0);
                if fraction > 0.0 && next > at {
                    match stretches.last_mut() {
                        Some(last) if last.end == at && last.fraction == fraction => last.end = next,
                        _ => stretches.push(Stretch {
                            start: at,
                            end: next,
                            fraction,
                        }),
                    }
                }
            }
        }
        ErrorProfile { stretches }
    }

    /// The stretches, in time order.
    pub fn stretches(&self) -> &[Stretch] {
        &self.stretches
    }

    /// The stretches that overlap `[from, to)`.
    fn overlapping(&self, from: f64, to: f64) -> impl Iterator<Item = &Stretch> {
        let first = self.stretches.partition_point(|s| s.end <= from);
        self.stretches[first..].iter().take_while(move |s| s.start < to)
    }

    /// Seconds of full failure in `[from, to)`: the integral of the failing share.
    pub fn failing_seconds(&self, from: f64, to: f64) -> f64 {
        self.overlapping(from, to)
            .map(|s| s.fraction * (to.min(s.end) - from.max(s.start)).max(0.0))
            .sum()
    }

    /// How many of the slices starting in `[from, to)` are bad: their failing share,
    /// averaged over the slice, exceeds the slice's threshold. Slices are aligned to
    /// multiples of their length from 1970-01-01T00:00:00Z.
    pub fn bad_slices(&self, slice: Timeslice, from: f64, to: f64) -> f64 {
        let len = slice.seconds();
        let threshold = slice.max_error_rate();
        let (first, last) = ((from / len).ceil(), (to / len).ceil() - 1.0);
        if last < first {
            return 0.0;
        }
        let mut bad = 0.0;
        // The slice only partly covered so far, with its failing share: stretches come
        // in time order, so partly covered slices come in order too.
        let mut partial: Option<(f64, f64)> = None;
        let mut add = |k: f64, share: f64| match &mut partial {
            Some((at, sum)) if *at == k => *sum += share,
            open => {
                if let Some((_, sum)) = open.replace((k, share)) {
                    bad += f64::from(u8::from(sum > threshold));
                }
            }
        };
        let mut inner = 0.0;
        for s in self.overlapping(first * len, (last + 1.0) * len) {
            let a = (s.start / len).floor().max(first);
            let b = ((s.end / len).ceil() - 1.0).min(last);
            if b < a {
                continue;
            }
            let covered = |k: f64| (s.end.min((k + 1.0) * len) - s.start.max(k * len)).max(0.0) / len;
            add(a, s.fraction * covered(a));
            if b > a {
                // Slices strictly inside a stretch are covered by it alone.
                if s.fraction > threshold {
                    inner += (b - a - 1.0).max(0.0);
                }
                add(b, s.fraction * covered(b));
            }
        }
        let last_partial = partial.map_or(0.0, |(_, sum)| f64::from(u8::from(sum > threshold)));
        bad + inner + last_partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Instant;
    use crate::tolerance::assert_close;

    fn incident(start: &str, minutes: f64, impact: Impact) -> Incident {
        Incident::new(Instant::parse(start).unwrap(), minutes * 60.0, impact).unwrap()
    }

    #[test]
    fn two_simultaneous_full_outages_fail_what_one_does() {
        let one = incident("2026-11-10T10:00", 20.0, Impact::Fraction(1.0));
        let profile = ErrorProfile::of(&[one, one], 100.0);
        assert_eq!(profile.stretches().len(), 1);
        let (start, end) = one.span();
        assert_close(profile.failing_seconds(start - 60.0, end + 60.0), 1_200.0);
    }

    #[test]
    fn overlapping_shares_add_up_to_at_most_all_requests() {
        // 60 % from 10:00 to 11:00 and 60 % from 10:30 to 11:30: 60 %, then 100 %
        // (not 120 %) for the half hour they overlap, then 60 %.
        let a = incident("2026-11-10T10:00", 60.0, Impact::Fraction(0.6));
        let b = incident("2026-11-10T10:30", 60.0, Impact::Fraction(0.6));
        let profile = ErrorProfile::of(&[a, b], 100.0);
        let shares: Vec<f64> = profile.stretches().iter().map(|s| s.fraction).collect();
        assert_eq!(shares, vec![0.6, 1.0, 0.6]);
        let (from, _) = a.span();
        let (_, to) = b.span();
        assert_close(profile.failing_seconds(from, to), (0.6 + 1.0 + 0.6) * 1_800.0);
        // Apart, they add up exactly.
        let c = incident("2026-11-11T10:00", 60.0, Impact::Fraction(0.6));
        let apart = ErrorProfile::of(&[a, c], 100.0);
        assert_close(apart.failing_seconds(0.0, 4e9), 2.0 * 0.6 * 3_600.0);
    }

    #[test]
    fn a_count_above_all_the_traffic_is_a_full_outage() {
        // 500,000 bad requests in 30 minutes at 100 req/s: only 180,000 were made.
        let i = incident("2026-11-10T10:00", 30.0, Impact::BadEvents(500_000.0));
        assert_eq!(failing_share(&i, 100.0), 1.0);
        let i = incident("2026-11-10T10:00", 30.0, Impact::BadEvents(90_000.0));
        assert_close(failing_share(&i, 100.0), 0.5);
        assert_eq!(count_beyond_traffic(&i, 100.0), None);
        let i = incident("2026-11-10T10:00", 30.0, Impact::BadEvents(500_000.0));
        assert_eq!(count_beyond_traffic(&i, 100.0), Some(180_000.0));
    }

    #[test]
    fn overlapping_incidents_below_a_slice_threshold_can_make_it_bad_together() {
        let slice = Timeslice::new(60.0, 0.01).unwrap();
        let a = incident("2026-11-10T10:00", 10.0, Impact::Fraction(0.006));
        let b = incident("2026-11-10T10:05", 10.0, Impact::Fraction(0.006));
        let alone = ErrorProfile::of(&[a], 100.0);
        let together = ErrorProfile::of(&[a, b], 100.0);
        assert_close(alone.bad_slices(slice, 0.0, 4e9), 0.0);
        // The five minutes where both fail 0.6 % fail 1.2 %: five bad minutes.
        assert_close(together.bad_slices(slice, 0.0, 4e9), 5.0);
    }

    #[test]
    fn slices_partly_covered_by_two_stretches_sum_their_shares() {
        let slice = Timeslice::new(60.0, 0.01).unwrap();
        // 2 % for 20 s, then 100 % for 10 s, both in the minute from 10:00.
        let a = incident("2026-11-10T10:00:00", 20.0 / 60.0, Impact::Fraction(0.02));
        let b = incident("2026-11-10T10:00:20", 10.0 / 60.0, Impact::Fraction(1.0));
        let profile = ErrorProfile::of(&[a, b], 100.0);
        let (start, _) = a.span();
        assert_close(profile.bad_slices(slice, start, start + 60.0), 1.0);
        assert_close(profile.bad_slices(slice, start + 1.0, start + 60.0), 0.0);
    }
}
