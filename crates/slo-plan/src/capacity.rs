//! The capacity plan as stored in a plan (field `capacity`, since format version 3):
//! demand and its growth, the fleet, the queueing model of one instance, and the
//! load-test measurements the Universal Scalability Law is fitted to.

use super::table;
use serde::{Deserialize, Serialize};
use slo_engine::capacity::Demand;
use slo_engine::growth::{fit_exponential, fit_linear, Fit, Fleet, Growth};
use slo_engine::scalability::{fit, Usl};
use slo_engine::time::Instant;
use slo_engine::window::DAYS_PER_MONTH;

/// How demand grows, as entered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum GrowthSpec {
    /// By a fixed number of requests per second each month.
    LinearPerMonth(f64),
    /// By a fixed percentage each month, compounded.
    CompoundPercent(f64),
    /// A straight line fitted to the pasted history.
    FitLinear,
    /// An exponential curve fitted to the pasted history.
    FitExponential,
}

/// Everything the Capacity page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacitySpec {
    /// Today's load at its ordinary daily peak, requests per second (ignored when the
    /// growth is fitted to history: the fit gives it).
    pub load_rps: f64,
    /// How it grows.
    pub growth: GrowthSpec,
    /// Demand history as pasted: `date,requests per second` lines.
    pub history: String,
    /// Seasonal peaks over the ordinary peak, e.g. 3 for launch days (1 to 100).
    pub peak_factor: f64,
    /// What one instance serves at full utilisation, requests per second.
    pub per_instance_rps: f64,
    /// Instances running today.
    pub instances: u32,
    /// The highest utilisation to run at, percent (headroom is the rest).
    pub utilisation_percent: f64,
    /// Instances that may be lost while capacity must still hold (the k of N+k).
    pub spare: u32,
    /// Zones the fleet is spread over evenly; with 2 or more, losing a whole zone is
    /// planned for too.
    pub zones: u32,
    /// How far the forecast looks, months (3 to 36).
    pub horizon_months: u32,
    /// Requests one instance serves at once (the c of M/M/c).
    pub workers: u32,
    /// Mean service time of a request, milliseconds.
    pub service_ms: f64,
    /// The latency SLO's percentile, e.g. 99.
    pub latency_percentile: f64,
    /// The latency SLO's threshold, milliseconds.
    pub latency_ms: f64,
    /// Load-test measurements as pasted: `concurrency,throughput` lines.
    pub load_test: String,
    /// Whether the fitted peak throughput of the load test replaces `per_instance_rps`.
    pub usl_ceiling: bool,
}

impl Default for CapacitySpec {
    /// 1,000 req/s growing 8 % a month, ×2 seasonal peaks, on 12 instances of 400 req/s
    /// run at most at 70 % and surviving one lost instance, over 18 months; each
    /// instance 8 workers of 10 ms, with a 99th percentile SLO of 100 ms.
    fn default() -> Self {
        CapacitySpec {
            load_rps: 1_000.0,
            growth: GrowthSpec::CompoundPercent(8.0),
            history: String::new(),
            peak_factor: 2.0,
            per_instance_rps: 400.0,
            instances: 12,
            utilisation_percent: 70.0,
            spare: 1,
            zones: 1,
            horizon_months: 18,
            workers: 8,
            service_ms: 10.0,
            latency_percentile: 99.0,
            latency_ms: 100.0,
            load_test: String::new(),
            usl_ceiling: false,
        }
    }
}

/// The range a number of the capacity plan must be in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// The plan field, e.g. `capacity.load_rps`.
    pub field: &'static str,
    /// What it is, for messages: "load in requests per second".
    pub what: &'static str,
    /// Lowest allowed value.
    pub min: f64,
    /// Whether `min` itself is allowed.
    pub min_allowed: bool,
    /// Highest allowed value.
    pub max: f64,
    /// Whether only whole numbers are allowed.
    pub whole: bool,
}

impl Range {
    /// `value`, or a message saying what is allowed.
    ///
    /// # Errors
    /// When `value` is outside the range or not finite.
    pub fn check(&self, value: f64) -> Result<f64, String> {
        let low_ok = if self.min_allowed {
            value >= self.min
        } else {
            value > self.min
        };
        if self.whole && value.fract() != 0.0 {
            Err(format!("The {} is a whole number (got {}).", self.what, value))
        } else if low_ok && value <= self.max {
            Ok(value)
        } else {
            let from = if self.min_allowed { "from" } else { "above" };
            let to = if self.min_allowed { "to" } else { "and at most" };
            Err(format!(
                "The {} is {from} {} {to} {} (got {}).",
                self.what,
                slo_engine::notation::trim_decimals(self.min, 6),
                slo_engine::notation::trim_decimals(self.max, 6),
                value
            ))
        }
    }
}

pub(super) const fn range(
    field: &'static str,
    what: &'static str,
    min: f64,
    min_allowed: bool,
    max: f64,
) -> Range {
    Range {
        field,
        what,
        min,
        min_allowed,
        max,
        whole: false,
    }
}

pub(super) const fn whole(field: &'static str, what: &'static str, min: f64, max: f64) -> Range {
    Range {
        whole: true,
        ..range(field, what, min, true, max)
    }
}

/// Today's load.
pub const LOAD: Range = range(
    "capacity.load_rps",
    "load in requests per second",
    0.0,
    false,
    1e9,
);
/// Linear growth per month.
pub const LINEAR: Range = range(
    "capacity.growth",
    "growth per month in requests per second",
    -1e9,
    true,
    1e9,
);
/// Compound growth per month.
pub const COMPOUND: Range = range(
    "capacity.growth",
    "growth per month in percent",
    -99.0,
    true,
    1_000.0,
);
/// The seasonal peak factor.
pub const PEAK: Range = range("capacity.peak_factor", "seasonal peak factor", 1.0, true, 100.0);
/// Capacity of one instance.
pub const PER_INSTANCE: Range = range(
    "capacity.per_instance_rps",
    "capacity of one instance in requests per second",
    0.0,
    false,
    1e9,
);
/// Instances today.
pub const INSTANCES: Range = whole("capacity.instances", "number of instances", 0.0, 100_000.0);
/// Target utilisation.
pub const UTILISATION: Range = range(
    "capacity.utilisation_percent",
    "target utilisation in percent",
    0.0,
    false,
    100.0,
);
/// Spare instances.
pub const SPARE: Range = whole(
    "capacity.spare",
    "number of instances that may be lost",
    0.0,
    10_000.0,
);
/// Zones.
pub const ZONES: Range = whole("capacity.zones", "number of zones", 1.0, 64.0);
/// The forecast's horizon.
pub const HORIZON: Range = whole("capacity.horizon_months", "forecast horizon in months", 3.0, 36.0);
/// Workers per instance.
pub const WORKERS: Range = whole("capacity.workers", "number of workers per instance", 1.0, 1_000.0);
/// Mean service time.
pub const SERVICE: Range = range(
    "capacity.service_ms",
    "mean service time in milliseconds",
    0.0,
    false,
    3_600_000.0,
);
/// The latency SLO's percentile.
pub const PERCENTILE: Range = range(
    "capacity.latency_percentile",
    "latency percentile",
    50.0,
    true,
    99.999,
);
/// The latency SLO's threshold.
pub const LATENCY: Range = range(
    "capacity.latency_ms",
    "latency threshold in milliseconds",
    0.0,
    false,
    3_600_000.0,
);

/// A capacity plan whose every value the engine accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCapacity {
    /// Demand, starting today.
    pub demand: Demand,
    /// The fitted growth, when growth is fitted to history.
    pub fit: Option<Fit>,
    /// The instant "today" is (the plan's as-of date).
    pub as_of: Instant,
    /// The history, (months from the as-of date, req/s).
    pub history: Vec<(f64, f64)>,
    /// The fleet's capacity model (its capacity per instance is the typed one or the
    /// load test's peak).
    pub fleet: Fleet,
    /// Instances today.
    pub instances: u32,
    /// Months forecast.
    pub horizon_months: u32,
    /// Workers per instance.
    pub workers: u32,
    /// Mean service time, seconds.
    pub service_seconds: f64,
    /// The latency SLO's quantile, a fraction (0.99).
    pub quantile: f64,
    /// The latency SLO's threshold, seconds.
    pub threshold_seconds: f64,
    /// The plan's latency SLO these two come from, or `None` when the plan has none and
    /// they are the capacity plan's own (`latency_percentile`, `latency_ms`).
    pub latency_slo: Option<LatencySlo>,
    /// The load-test measurements, (concurrency, throughput).
    pub load_test: Vec<(f64, f64)>,
    /// Their USL fit, when there are measurements.
    pub usl: Option<Usl>,
}

/// The plan's latency SLO, as the capacity plan uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencySlo {
    /// Its position in the plan's SLOs.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Its target: the percentile of requests under the threshold, in (0, 100).
    pub percentile: f64,
    /// Its threshold, milliseconds.
    pub threshold_ms: f64,
}

/// Reads the demand history: `date,req/s` lines, dates as `YYYY-MM-DD`, into (months
/// from `as_of`, req/s).
///
/// # Errors
/// A message naming the line that cannot be read.
pub fn history(text: &str, as_of: Instant) -> Result<Vec<(f64, f64)>, String> {
    table::pairs(
        text,
        |cell| {
            Instant::parse(cell)
                .ok()
                .map(|t| t.seconds_since(as_of) / (DAYS_PER_MONTH * 86_400.0))
        },
        "a date such as 2026-01-31, then requests per second",
    )
}

/// Fits `growth` to the history, or says why it cannot be.
///
/// # Errors
/// When the history is too short or the fit fails.
pub fn fit_history(growth: GrowthSpec, points: &[(f64, f64)]) -> Result<Option<Fit>, String> {
    let fitted = match growth {
        _ if points.is_empty() && matches!(growth, GrowthSpec::FitLinear | GrowthSpec::FitExponential) => {
            return Err(
                "Paste the demand history (a date and requests per second on each line) to fit \
                        a growth model to."
                    .to_owned(),
            )
        }
        GrowthSpec::FitLinear => fit_linear(points),
        GrowthSpec::FitExponential => fit_exponential(points),
        _ => return Ok(None),
    };
    fitted
        .map(Some)
        .map_err(|e| format!("The demand history cannot be fitted: {e}"))
}

/// Whether `text`, pasted as the demand history, reads and can be fitted by `growth`.
///
/// # Errors
/// What is wrong with the text, or why the fit fails.
pub fn check_history(growth: GrowthSpec, text: &str) -> Result<(), String> {
    // Fitting depends only on the spacing of the dates, so any "today" checks it.
    let as_of = Instant::from_unix_seconds(0).map_err(|e| e.to_string())?;
    fit_history(growth, &history(text, as_of)?).map(|_| ())
}

/// Load-test measurements (concurrency, throughput) and their fit, if there are any.
pub type LoadTest = (Vec<(f64, f64)>, Option<Usl>);

/// Reads and fits the load-test measurements (`concurrency,throughput` lines); no
/// measurements give no fit.
///
/// # Errors
/// A message naming a line that cannot be read, or why the fit failed.
pub fn load_test(text: &str) -> Result<LoadTest, String> {
    let points = table::pairs(text, table::number, "concurrency, then throughput")?;
    if points.is_empty() {
        return Ok((points, None));
    }
    let usl = fit(&points).map_err(|e| e.to_string())?;
    Ok((points, Some(usl)))
}

impl CapacitySpec {
    /// Whether this is the default capacity plan (which a plan's JSON leaves out).
    pub fn is_default(&self) -> bool {
        *self == CapacitySpec::default()
    }

    /// Checks every value; `as_of` is the instant "today" is. Two kinds of trouble:
    /// a value out of range or a table line that cannot be read makes the plan
    /// invalid (the outer error, naming the field); a plan that is consistent but not
    /// complete enough to compute (growth to fit without a history that fits, a
    /// ceiling from a load test without a peak) is the inner error, shown on the page
    /// while the user finishes it.
    ///
    /// # Errors
    /// The plan field at fault and what is allowed.
    pub fn validate(
        &self,
        as_of: Instant,
        latency_slo: Option<LatencySlo>,
    ) -> Result<Result<ValidCapacity, String>, (&'static str, String)> {
        let check = |r: &Range, v: f64| r.check(v).map_err(|m| (r.field, m));
        let count = |r: &Range, v: u32| check(r, f64::from(v)).map(|v| v as u32);
        let history = history(&self.history, as_of).map_err(|m| ("capacity.history", m))?;
        let typed_growth = match self.growth {
            GrowthSpec::LinearPerMonth(per_month) => Some(Growth::Linear {
                per_month: check(&LINEAR, per_month)?,
            }),
            GrowthSpec::CompoundPercent(p) => Some(Growth::Compound {
                rate: check(&COMPOUND, p)? / 100.0,
            }),
            GrowthSpec::FitLinear | GrowthSpec::FitExponential => None,
        };
        let load_rps = check(&LOAD, self.load_rps)?;
        let peak_factor = check(&PEAK, self.peak_factor)?;
        let typed_per_instance = check(&PER_INSTANCE, self.per_instance_rps)?;
        let utilisation = check(&UTILISATION, self.utilisation_percent)? / 100.0;
        let (spare, zones) = (count(&SPARE, self.spare)?, count(&ZONES, self.zones)?);
        table::pairs(&self.load_test, table::number, "concurrency, then throughput")
            .map_err(|m| ("capacity.load_test", m))?;
        let instances = count(&INSTANCES, self.instances)?;
        let horizon_months = count(&HORIZON, self.horizon_months)?;
        let workers = count(&WORKERS, self.workers)?;
        let service_seconds = check(&SERVICE, self.service_ms)? / 1_000.0;
        let (own_quantile, own_threshold) = (
            check(&PERCENTILE, self.latency_percentile)? / 100.0,
            check(&LATENCY, self.latency_ms)? / 1_000.0,
        );
        let (quantile, threshold_seconds) =
            latency_slo.as_ref().map_or((own_quantile, own_threshold), |slo| {
                (slo.percentile / 100.0, slo.threshold_ms / 1_000.0)
            });
        let complete = || -> Result<ValidCapacity, String> {
            let fit = fit_history(self.growth, &history)?;
            let (growth, level) = match (typed_growth, fit) {
                (Some(g), _) => (g, load_rps),
                (None, Some(f)) => {
                    // The fit's level is at the last measurement; carry it to today.
                    let last = history.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
                    (f.growth, f.growth.demand(f.level, -last))
                }
                // `fit_history` gives a fit or an error for the fitted models.
                (None, None) => return Err("The growth model needs a fit.".to_owned()),
            };
            let demand = Demand::new(level, growth, peak_factor).map_err(|e| {
                format!(
                    "The fitted demand today, {} req/s, cannot be planned for: {e}",
                    slo_engine::notation::grouped(level, 1)
                )
            })?;
            let (load_test, usl) = load_test(&self.load_test)?;
            let per_instance = match usl.and_then(|u| u.peak_throughput()) {
                Some(x) if self.usl_ceiling => x,
                _ if self.usl_ceiling => {
                    return Err(
                        "The load test shows no peak throughput to use as the capacity per instance: \
                                paste measurements that go past the peak, or untick the option."
                            .to_owned(),
                    )
                }
                _ => typed_per_instance,
            };
            let fleet = Fleet::new(per_instance, utilisation, spare)
                .map_err(|e| e.to_string())?
                .with_zones(zones);
            Ok(ValidCapacity {
                demand,
                fit,
                as_of,
                history,
                fleet,
                instances,
                horizon_months,
                workers,
                service_seconds,
                quantile,
                threshold_seconds,
                latency_slo: latency_slo.clone(),
                load_test,
                usl,
            })
        };
        Ok(complete())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Instant {
        Instant::parse("2026-11-16").unwrap()
    }

    #[test]
    fn the_default_is_valid() {
        let v = CapacitySpec::default().validate(today(), None).unwrap().unwrap();
        assert_eq!(v.instances, 12);
        assert!(v.usl.is_none() && v.fit.is_none());
    }

    #[test]
    fn each_bad_value_names_its_field() {
        type Breakage = fn(&mut CapacitySpec);
        let cases: [(Breakage, &str); 7] = [
            (|c| c.load_rps = 0.0, "capacity.load_rps"),
            (|c| c.load_rps = f64::NAN, "capacity.load_rps"),
            (
                |c| c.growth = GrowthSpec::CompoundPercent(-100.0),
                "capacity.growth",
            ),
            (|c| c.utilisation_percent = 100.5, "capacity.utilisation_percent"),
            (|c| c.horizon_months = 48, "capacity.horizon_months"),
            (
                |c| c.history = "2026-01-01,5\nsoon,6".to_owned(),
                "capacity.history",
            ),
            (|c| c.load_test = "1,2\n2,x".to_owned(), "capacity.load_test"),
        ];
        for (break_it, name) in cases {
            let mut spec = CapacitySpec::default();
            break_it(&mut spec);
            let (field, message) = spec.validate(today(), None).unwrap_err();
            assert_eq!(field, name, "{message}");
            assert!(!message.is_empty());
        }
        // Consistent but incomplete plans are valid, and say what they lack.
        let incomplete: [Breakage; 3] = [
            |c| c.growth = GrowthSpec::FitLinear,
            |c| c.load_test = "1,2\n2,3".to_owned(),
            |c| c.usl_ceiling = true,
        ];
        for break_it in incomplete {
            let mut spec = CapacitySpec::default();
            break_it(&mut spec);
            let message = spec.validate(today(), None).unwrap().unwrap_err();
            assert!(!message.is_empty());
        }
        assert_eq!(
            LOAD.check(-1.0),
            Err("The load in requests per second is above 0 and at most 1000000000 (got -1).".to_owned())
        );
    }

    #[test]
    fn a_pasted_history_is_checked_by_fitting_it() {
        let three = "2026-08-01,905\n2026-09-01,990\n2026-10-01,1040\n";
        assert_eq!(check_history(GrowthSpec::FitExponential, three), Ok(()));
        assert!(check_history(GrowthSpec::FitLinear, "")
            .unwrap_err()
            .starts_with("Paste the demand history"));
        assert!(check_history(GrowthSpec::FitLinear, "yesterday,lots").is_err());
        assert_eq!(check_history(GrowthSpec::LinearPerMonth(10.0), ""), Ok(()));
    }

    #[test]
    fn a_fitted_history_starts_from_todays_level() {
        // 500 req/s a year ago, growing by 40 a month: the fit carries it to today.
        let text: String = (0..12)
            .map(|m| {
                let date = Instant::parse("2025-11-16").unwrap().month_start(m).to_string();
                format!("{},{}\n", &date[..10], 500 + 40 * m)
            })
            .collect();
        let spec = CapacitySpec {
            growth: GrowthSpec::FitLinear,
            history: format!("date,req/s\n{text}"),
            peak_factor: 1.0,
            ..CapacitySpec::default()
        };
        let v = spec.validate(today(), None).unwrap().unwrap();
        let fit = v.fit.unwrap();
        assert!(fit.r_squared > 0.99, "{}", fit.r_squared);
        let Growth::Linear { per_month } = fit.growth else {
            panic!()
        };
        assert!((per_month - 40.0).abs() < 1.0, "{per_month}");
        // The last point (940) is on 2026-10-01, about 1.5 months before today.
        let now = v.demand.peak(0.0);
        assert!((now - 1_000.0).abs() < 5.0, "{now}");
    }
}
