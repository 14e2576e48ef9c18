//! Capacity forecast: peak demand against a fleet's usable capacity month by month,
//! when the headroom runs out, how many instances each month needs, the scale-up
//! schedule, and when the latency SLO stops holding.
//!
//! # Conventions
//! Months are a twelfth of the mean Gregorian year, as in [`crate::growth`]. Demand is
//! the peak: the growth model's level times the seasonal peak factor (×3 for launch
//! days). A fleet's usable capacity is what [`Fleet::usable`] says: instances left after
//! losing the spare ones, each run at the target utilisation.

use crate::error::{finite, EngineError};
use crate::growth::{Fleet, Growth};
use crate::queueing::MMc;

/// The longest forecast, months.
pub const MAX_HORIZON_MONTHS: u32 = 36;

/// Peak demand over time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Demand {
    now: f64,
    growth: Growth,
    peak_factor: f64,
}

impl Demand {
    /// Demand of `now` requests per second today (its ordinary level), growing by
    /// `growth`, with peaks `peak_factor` times the ordinary level.
    ///
    /// # Errors
    /// [`EngineError::DemandOutOfRange`] unless `now` is positive and at most 10⁹ req/s
    /// and the peak factor is from 1 to 100.
    pub fn new(now: f64, growth: Growth, peak_factor: f64) -> Result<Self, EngineError> {
        let now = finite(now, "demand")?;
        let peak_factor = finite(peak_factor, "peak factor")?;
        if !(now > 0.0 && now <= 1e9 && (1.0..=100.0).contains(&peak_factor)) {
            return Err(EngineError::DemandOutOfRange);
        }
        Ok(Demand {
            now,
            growth,
            peak_factor,
        })
    }

    /// How the ordinary level grows.
    pub fn growth(self) -> Growth {
        self.growth
    }

    /// Peak demand after `months`, requests per second (never below 0).
    pub fn peak(self, months: f64) -> f64 {
        (self.growth.demand(self.now, months) * self.peak_factor).max(0.0)
    }

    /// Months until the peak first reaches `level`, or `None` if it never does.
    pub fn months_until(self, level: f64) -> Option<f64> {
        self.growth.months_until(self.now, level / self.peak_factor)
    }
}

/// One month of the forecast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Month {
    /// Months from now (0 is today).
    pub month: u32,
    /// Peak demand, requests per second.
    pub peak: f64,
    /// Instances needed to carry it with the headroom and the spares.
    pub needed: u64,
}

/// A capacity forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Month by month, from today to the horizon.
    pub months: Vec<Month>,
    /// Usable capacity of today's fleet, requests per second.
    pub usable_now: f64,
    /// Months until the peak crosses today's usable capacity (0 when it already has),
    /// or `None` within the horizon.
    pub exhaustion: Option<f64>,
    /// Months until the peak crosses the highest load at which the latency SLO holds,
    /// when a latency limit was given, or `None` within the horizon.
    pub latency_breach: Option<f64>,
    /// (month, instances) each time the fleet must grow: at the start of a month, the
    /// instances that carry the peak through to the next month's start, whenever that
    /// is more than the fleet has by then.
    pub scale_ups: Vec<(u32, u64)>,
}

/// Forecasts `demand` against a fleet of `instances` for `horizon_months` (1 to 36).
/// `latency_limit` is the highest load (requests per second) at which the latency SLO
/// holds, if there is one (see [`latency_limit`]).
pub fn forecast(
    demand: Demand,
    fleet: Fleet,
    instances: u32,
    horizon_months: u32,
    latency_limit: Option<f64>,
) -> Forecast {
    let horizon = horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let within = |m: Option<f64>| m.filter(|m| *m <= f64::from(horizon));
    let months: Vec<Month> = (0..=horizon)
        .map(|month| {
            let peak = demand.peak(f64::from(month));
            Month {
                month,
                peak,
                needed: fleet.needed(peak),
            }
        })
        .collect();
    // A month's fleet must carry the peak until the next month starts, so each
    // scale-up is due at the start of the month before the month that needs it.
    let mut scale_ups = Vec::new();
    let mut have = u64::from(instances);
    for (m, next) in months.iter().zip(months.iter().skip(1).chain(months.last())) {
        let needed = m.needed.max(next.needed);
        if needed > have {
            scale_ups.push((m.month, needed));
            have = needed;
        }
    }
    let usable_now = fleet.usable(u64::from(instances));
    Forecast {
        months,
        usable_now,
        exhaustion: within(demand.months_until(usable_now)),
        latency_breach: within(latency_limit.and_then(|limit| demand.months_until(limit))),
        scale_ups,
    }
}

/// The highest arrival rate (requests per second) at which an M/M/c service with
/// `servers` servers and a mean service time of `service_seconds` keeps the
/// `quantile` (e.g. 0.99) of response times at or under `threshold_seconds`; `None`
/// when even an idle service cannot (its service times alone are too slow).
///
/// # Errors
/// As [`MMc::new`] for impossible servers or service times.
pub fn latency_limit(
    servers: u32,
    service_seconds: f64,
    quantile: f64,
    threshold_seconds: f64,
) -> Result<Option<f64>, EngineError> {
    let percentile_at =
        |arrivals: f64| MMc::new(servers, arrivals, service_seconds).map(|q| q.response_percentile(quantile));
    let idle = percentile_at(0.0)?;
    if idle > threshold_seconds {
        return Ok(None);
    }
    // The percentile grows with the load; bisect between idle and saturation.
    let saturation = f64::from(servers) / service_seconds;
    let (mut lo, mut hi) = (0.0, saturation);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        match percentile_at(mid) {
            Ok(p) if p <= threshold_seconds => lo = mid,
            _ => hi = mid,
        }
    }
    Ok(Some(lo))
}

/// The most servers [`servers_for`] tries.
pub const MAX_SWEEP_SERVERS: u32 = 1_000;

/// The fewest servers (up to [`MAX_SWEEP_SERVERS`]) with which an M/M/c service taking
/// `arrivals_per_second`, each request needing `service_seconds` on average, keeps the
/// `quantile` of response times at or under `threshold_seconds`: a sweep over 1 to
/// 1,000 servers. `None` when none of them does.
pub fn servers_for(
    arrivals_per_second: f64,
    service_seconds: f64,
    quantile: f64,
    threshold_seconds: f64,
) -> Option<u32> {
    (1..=MAX_SWEEP_SERVERS).find(|&c| {
        MMc::new(c, arrivals_per_second, service_seconds)
            .is_ok_and(|q| q.response_percentile(quantile) <= threshold_seconds)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;
    use proptest::prelude::*;

    fn fleet() -> Fleet {
        // 400 req/s per instance, run at 70 %, one spare: 280 usable per working instance.
        Fleet::new(400.0, 0.7, 1).unwrap()
    }

    #[test]
    fn eight_percent_a_month_runs_out_of_headroom() {
        // 1,000 req/s with ×1.5 peaks, 8 % a month, on 7 instances (6 working: 1,680 usable).
        // The peak 1,500 reaches 1,680 after ln(1.12) / ln(1.08) = 1.4725 months.
        let demand = Demand::new(1_000.0, Growth::Compound { rate: 0.08 }, 1.5).unwrap();
        let f = forecast(demand, fleet(), 7, 12, None);
        assert_close(f.usable_now, 1_680.0);
        assert_close(f.exhaustion.unwrap(), 1.12f64.ln() / 1.08f64.ln());
        assert_eq!(f.months.len(), 13);
        // Month 0: 1,500 req/s needs ⌈1,500 / 280⌉ + 1 = 7 instances.
        assert_eq!(f.months[0].needed, 7);
        // Month 12: 1,500 × 1.08¹² = 3,777.3 needs ⌈13.49⌉ + 1 = 15.
        assert_eq!(f.months[12].needed, 15);
        // Month 2's peak, 1,749.6 req/s, needs 8: in place when month 1 starts, before
        // the headroom runs out at 1.47 months.
        assert_eq!(f.scale_ups.first(), Some(&(1, 8)));
        assert_eq!(f.scale_ups.last().map(|s| s.1), Some(15));
    }

    #[test]
    fn a_flat_demand_never_runs_out() {
        let demand = Demand::new(1_000.0, Growth::Linear { per_month: 0.0 }, 1.0).unwrap();
        let f = forecast(demand, fleet(), 7, 36, None);
        assert_eq!(f.exhaustion, None);
        assert!(f.scale_ups.is_empty());
    }

    #[test]
    fn the_latency_limit_is_where_the_percentile_meets_the_threshold() {
        // M/M/1 with 10 ms service: the p99 response is ln(100) / (μ − λ) ≤ 100 ms when
        // λ ≤ 100 − ln(100) / 0.1 = 53.948 req/s.
        let limit = latency_limit(1, 0.01, 0.99, 0.1).unwrap().unwrap();
        assert!((limit - (100.0 - 100f64.ln() / 0.1)).abs() < 1e-6, "{limit}");
        // Service times alone too slow: p99 of Exp(mean 100 ms) is 460 ms > 300 ms.
        assert_eq!(latency_limit(4, 0.1, 0.99, 0.3).unwrap(), None);
        assert!(latency_limit(0, 0.1, 0.99, 0.3).is_err());
    }

    #[test]
    fn the_forecast_marks_when_latency_breaks() {
        let demand = Demand::new(1_000.0, Growth::Linear { per_month: 100.0 }, 1.0).unwrap();
        let f = forecast(demand, fleet(), 7, 24, Some(1_500.0));
        assert_close(f.latency_breach.unwrap(), 5.0);
        let f = forecast(demand, fleet(), 7, 3, Some(1_500.0));
        assert_eq!(f.latency_breach, None);
    }

    #[test]
    fn the_sweep_finds_the_fewest_servers() {
        // 50 req/s of 100 ms (5 Erlangs): the 99th percentile under 500 ms.
        let c = servers_for(50.0, 0.1, 0.99, 0.5).unwrap();
        let p = |c| MMc::new(c, 50.0, 0.1).unwrap().response_percentile(0.99);
        assert!(p(c) <= 0.5 && p(c - 1) > 0.5, "{c}");
        // Service alone takes longer than the threshold: no number of servers helps.
        assert_eq!(servers_for(50.0, 0.1, 0.99, 0.2), None);
    }

    #[test]
    fn impossible_demand_is_refused() {
        let g = Growth::Compound { rate: 0.08 };
        assert!(Demand::new(0.0, g, 1.0).is_err());
        assert!(Demand::new(100.0, g, 0.5).is_err());
        assert!(Demand::new(f64::NAN, g, 1.0).is_err());
    }

    proptest! {
        #[test]
        fn more_servers_never_lower_the_latency_limit(servers in 1u32..200, service in 0.001f64..1.0) {
            let a = latency_limit(servers, service, 0.99, service * 20.0).unwrap().unwrap();
            let b = latency_limit(servers + 1, service, 0.99, service * 20.0).unwrap().unwrap();
            prop_assert!(b >= a * (1.0 - 1e-9), "{a} then {b}");
        }

        #[test]
        fn instances_needed_never_fall_as_demand_grows(now in 1f64..1e6, rate in 0f64..0.5, months in 1u32..36) {
            let demand = Demand::new(now, Growth::Compound { rate }, 1.0).unwrap();
            let f = forecast(demand, fleet(), 1, months, None);
            prop_assert!(f.months.windows(2).all(|w| w[1].needed >= w[0].needed));
            prop_assert!(f.months.iter().all(|m| m.peak.is_finite()));
        }
    }
}
