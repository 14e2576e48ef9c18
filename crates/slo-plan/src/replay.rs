//! How imported history is read as an SLI: which series count bad, good or all events
//! (or hold an error ratio), how their values count, and how incidents are told from
//! the rest. What the user chooses here travels with the history, not in the plan:
//! the share link never carries observed data.

use crate::history::Imported;
use serde::{Deserialize, Serialize};
use slo_engine::observed::{Counting, Observed};

/// What one imported series holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Bad events (errors, slow requests).
    Bad,
    /// Good events; all events are good plus bad when no series is `Total`.
    Good,
    /// All events.
    Total,
    /// An error ratio, from 0 to 1 (each second counts alike).
    Ratio,
    /// Left out.
    Ignored,
}

impl Role {
    /// Every role, in the order the UI offers them.
    pub const ALL: [Role; 5] = [Role::Bad, Role::Good, Role::Total, Role::Ratio, Role::Ignored];

    /// Its key in the UI and the JSON.
    pub fn key(self) -> &'static str {
        match self {
            Role::Bad => "bad",
            Role::Good => "good",
            Role::Total => "total",
            Role::Ratio => "ratio",
            Role::Ignored => "ignored",
        }
    }

    /// The role of `key`, if it is one.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// How values count events, as the UI offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountingSpec {
    /// Counters (`…_total`), as Prometheus stores them.
    Counter,
    /// Rates per second (`rate(…[1m])`).
    PerSecond,
    /// Events per interval (`increase(…[1m])`).
    PerInterval,
}

impl CountingSpec {
    /// Every way, in the order the UI offers them.
    pub const ALL: [CountingSpec; 3] = [
        CountingSpec::Counter,
        CountingSpec::PerSecond,
        CountingSpec::PerInterval,
    ];

    /// The engine's counting.
    pub fn to_counting(self) -> Counting {
        match self {
            CountingSpec::Counter => Counting::Counter,
            CountingSpec::PerSecond => Counting::PerSecond,
            CountingSpec::PerInterval => Counting::PerInterval,
        }
    }

    /// Its key in the UI.
    pub fn key(self) -> &'static str {
        match self {
            CountingSpec::Counter => "counter",
            CountingSpec::PerSecond => "per_second",
            CountingSpec::PerInterval => "per_interval",
        }
    }

    /// Its label in the UI.
    pub fn label(self) -> &'static str {
        match self {
            CountingSpec::Counter => "counters (…_total)",
            CountingSpec::PerSecond => "rates per second (rate(…))",
            CountingSpec::PerInterval => "events per step (increase(…))",
        }
    }

    /// The counting of `key`, if it is one.
    pub fn from_key(key: &str) -> Option<CountingSpec> {
        CountingSpec::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// How a history is read: a role per series, in the file's order, and how values count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Each series' role.
    pub roles: Vec<Role>,
    /// How counts are written (unused for a ratio).
    pub counting: CountingSpec,
}

impl Reading {
    /// Whether the series count events (rather than give an error ratio), so the
    /// history tells the request rate too.
    pub fn counts_events(&self) -> bool {
        !self.roles.contains(&Role::Ratio)
    }
}

/// How incidents are found in a history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detection {
    /// An interval is part of an incident when its error ratio, and that of the ten
    /// minutes ending with it, are above this many times the SLO's allowed ratio
    /// (1 − target): a burn rate, above 0.
    pub burn_rate: f64,
    /// Stretches at most this many seconds apart are one incident (≥ 0).
    pub merge_gap_seconds: f64,
    /// Incidents that spent less than this percent of the budget are noise: not counted
    /// as missed, and an alert during one is not counted as true (0 to 100).
    pub min_budget_percent: f64,
}

impl Default for Detection {
    /// Above the SLO's own rate (1×), merged across 30 minutes, counted from 1 % of the
    /// budget.
    fn default() -> Self {
        Detection {
            burn_rate: 1.0,
            merge_gap_seconds: 1_800.0,
            min_budget_percent: 1.0,
        }
    }
}

/// The guessed reading of `imported`: a series named like errors (a 5xx code,
/// `error`, `fail`, `bad`) counts bad events, one named like all requests (`total`
/// without a code, `all`) counts all of them, the rest count good events; a single
/// series whose values all lie in [0, 1] is an error ratio. Names with `rate(` are
/// rates; those with `increase(` are per step; the rest are counters.
pub fn guess(imported: &Imported) -> Reading {
    let names: Vec<String> = imported.series.iter().map(|s| s.name.to_lowercase()).collect();
    let counting = if names.iter().any(|n| n.contains("rate(")) {
        CountingSpec::PerSecond
    } else if names.iter().any(|n| n.contains("increase(")) {
        CountingSpec::PerInterval
    } else {
        CountingSpec::Counter
    };
    if let [only] = imported.series.as_slice() {
        if only.samples.iter().all(|(_, v)| (0.0..=1.0).contains(v)) {
            return Reading {
                roles: vec![Role::Ratio],
                counting,
            };
        }
    }
    let bad = |n: &str| {
        ["code=\"5", "code=5", "error", "fail", "bad", "5xx"]
            .iter()
            .any(|w| n.contains(w))
    };
    let all = |n: &str| n.contains("all") || (n.contains("total") && !n.contains("code"));
    let mut roles: Vec<Role> = names
        .iter()
        .map(|n| {
            if bad(n) {
                Role::Bad
            } else if all(n) {
                Role::Total
            } else {
                Role::Good
            }
        })
        .collect();
    // With no series named like errors, the first counts bad and the second all events.
    if !roles.contains(&Role::Bad) && roles.len() >= 2 {
        roles[0] = Role::Bad;
        roles[1] = Role::Total;
        for r in &mut roles[2..] {
            *r = Role::Ignored;
        }
    }
    Reading { roles, counting }
}

/// `imported` read as an SLI's history the way `reading` says: the series of a role are
/// summed at the times they share.
///
/// # Errors
/// What is missing or contradictory, said so the user can choose again: no bad series,
/// a ratio beside counts, roles that do not match the series, or the engine's reason a
/// history cannot be observed.
pub fn observe(imported: &Imported, reading: &Reading) -> Result<Observed, String> {
    if reading.roles.len() != imported.series.len() {
        return Err(format!(
            "The reading gives {} role(s) for {} series.",
            reading.roles.len(),
            imported.series.len()
        ));
    }
    let of = |role: Role| -> Vec<&[(i64, f64)]> {
        imported
            .series
            .iter()
            .zip(&reading.roles)
            .filter(|(_, r)| **r == role)
            .map(|(s, _)| s.samples.as_slice())
            .collect()
    };
    let ratios = of(Role::Ratio);
    let (bad, good, total) = (of(Role::Bad), of(Role::Good), of(Role::Total));
    let why = |e: slo_engine::EngineError| e.to_string();
    if !ratios.is_empty() {
        if ratios.len() > 1 || !(bad.is_empty() && good.is_empty() && total.is_empty()) {
            return Err(
                "An error ratio stands alone: mark one series as the ratio and leave the others out."
                    .to_owned(),
            );
        }
        return Observed::from_ratio(ratios[0]).map_err(why);
    }
    if bad.is_empty() {
        return Err("No series counts bad events: mark the errors' series as bad.".to_owned());
    }
    if good.is_empty() && total.is_empty() {
        return Err("No series counts good or all events: mark one as good or as total.".to_owned());
    }
    let bad_sum = summed(&bad);
    let total_sum = if total.is_empty() {
        summed(&[bad_sum.as_slice(), summed(&good).as_slice()])
    } else {
        summed(&total)
    };
    Observed::from_counts(&bad_sum, &total_sum, reading.counting.to_counting()).map_err(why)
}

/// The sum of `series` at the times all of them have (each in time order).
fn summed(series: &[&[(i64, f64)]]) -> Vec<(i64, f64)> {
    let Some((first, rest)) = series.split_first() else {
        return Vec::new();
    };
    let mut sum: Vec<(i64, f64)> = first.to_vec();
    for other in rest {
        let mut j = 0;
        sum.retain_mut(|(t, v)| {
            while j < other.len() && other[j].0 < *t {
                j += 1;
            }
            if j < other.len() && other[j].0 == *t {
                *v += other[j].1;
                true
            } else {
                false
            }
        });
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{read, Form, Series};

    fn imported(series: &[(&str, &[f64])]) -> Imported {
        Imported {
            form: Form::Plain,
            series: series
                .iter()
                .map(|(name, values)| Series {
                    name: (*name).to_owned(),
                    samples: values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (60 * i as i64, *v))
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn status_code_counters_read_as_bad_and_good_and_sum_to_all() {
        let text = "time,\"http_requests_total{code=\"\"200\"\"}\",\"http_requests_total{code=\"\"500\"\"}\",\"http_requests_total{code=\"\"503\"\"}\"\n\
                    0,1000,10,0\n60,1990,15,5\n120,2980,20,10\n";
        let imported = read(text, 0).unwrap();
        let reading = guess(&imported);
        assert_eq!(reading.roles, [Role::Good, Role::Bad, Role::Bad]);
        assert_eq!(reading.counting, CountingSpec::Counter);
        let o = observe(&imported, &reading).unwrap();
        // Two minutes: 1,980 good and 20 bad.
        assert_eq!((o.bad(), o.total()), (20.0, 2_000.0));
    }

    #[test]
    fn a_lone_series_of_fractions_is_an_error_ratio_and_unnamed_pairs_are_bad_then_all() {
        let ratio = imported(&[("ratio", &[0.0, 0.01, 0.02])]);
        assert_eq!(guess(&ratio).roles, [Role::Ratio]);
        let pair = imported(&[("a", &[0.0, 2.0]), ("b", &[0.0, 100.0]), ("c", &[0.0, 1.0])]);
        assert_eq!(guess(&pair).roles, [Role::Bad, Role::Total, Role::Ignored]);
        let rates = imported(&[
            ("sum(rate(errors[1m]))", &[0.0, 2.0]),
            ("sum(rate(all[1m]))", &[0.0, 9.0]),
        ]);
        assert_eq!(guess(&rates).counting, CountingSpec::PerSecond);
    }

    #[test]
    fn readings_that_cannot_hold_say_what_to_choose() {
        let pair = imported(&[("a", &[0.0, 2.0]), ("b", &[0.0, 100.0])]);
        let ask = |roles: &[Role]| {
            observe(
                &pair,
                &Reading {
                    roles: roles.to_vec(),
                    counting: CountingSpec::Counter,
                },
            )
            .unwrap_err()
        };
        assert!(ask(&[Role::Good, Role::Total]).contains("No series counts bad"));
        assert!(ask(&[Role::Bad, Role::Ignored]).contains("good or all"));
        assert!(ask(&[Role::Ratio, Role::Bad]).contains("stands alone"));
        assert!(ask(&[Role::Bad]).contains("1 role(s) for 2 series"));
        assert!(ask(&[Role::Total, Role::Bad]).contains("right way round"));
    }

    #[test]
    fn sums_keep_only_the_times_every_series_has() {
        let a: &[(i64, f64)] = &[(0, 1.0), (60, 2.0), (120, 3.0)];
        let b: &[(i64, f64)] = &[(0, 10.0), (120, 30.0)];
        assert_eq!(summed(&[a, b]), [(0, 11.0), (120, 33.0)]);
    }
}
