//! What the Capacity page shows, derived from a valid plan in one call: the forecast,
//! the queueing figures, the load test's fit, and the page's three charts.

use super::{editable, PlanChart};
use crate::capacity::LATENCY;
use crate::capacity::{CapacitySpec, GrowthSpec, ValidCapacity};
use crate::edit::PlanEdit;
use slo_charts::lines::{Knob, LineChart, Marker, MarkerMoved, Rounding, Series, Style, Unit};
use slo_charts::Axis;
use slo_engine::capacity::{forecast, latency_limit, servers_for, Forecast};
use slo_engine::explain::Explanation;
use slo_engine::formula::{Figure, Term, Working};
use slo_engine::growth::Growth;
use slo_engine::notation::{coefficient, grouped, trim_decimals};
use slo_engine::queueing::MMc;
use slo_engine::time::{Instant, MAX_UNIX_SECONDS};
use slo_engine::window::DAYS_PER_MONTH;

/// The queueing figures of one instance at today's peak.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueFigures {
    /// Each worker's utilisation, e.g. `52.1%`.
    pub utilisation: String,
    /// Probability that a request waits, a fraction.
    pub wait_probability: f64,
    /// Mean wait, milliseconds.
    pub mean_wait_ms: f64,
    /// The SLO's percentile of response time, milliseconds.
    pub percentile_ms: f64,
    /// Whether it is at or under the threshold.
    pub holds: bool,
    /// How they are computed.
    pub explained: Explanation,
}

/// The load test's Universal Scalability Law fit.
#[derive(Debug, Clone, PartialEq)]
pub struct UslFigures {
    /// Contention σ.
    pub sigma: f64,
    /// Coherency κ.
    pub kappa: f64,
    /// Throughput of one, λ.
    pub lambda: f64,
    /// Concurrency of peak throughput, if there is a peak.
    pub n_max: Option<f64>,
    /// Peak throughput, if there is a peak.
    pub x_max: Option<f64>,
    /// R² of the fit.
    pub r_squared: f64,
    /// How they are computed.
    pub explained: Explanation,
}

/// The Capacity page's figures and charts.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityReport {
    /// The growth model in words (for a fit, with its R²).
    pub growth: String,
    /// Today's seasonal peak, e.g. `2,000 req/s`.
    pub peak_now: String,
    /// Usable capacity of today's fleet.
    pub usable_now: String,
    /// Instances today's peak needs with the headroom and losses planned for.
    pub needed_now: u64,
    /// How it is computed.
    pub needed_explained: Explanation,
    /// The date the peak crosses today's usable capacity (`YYYY-MM-DD`), within the horizon.
    pub exhaustion: Option<String>,
    /// The same in words, or why there is none.
    pub exhaustion_text: String,
    /// How it is computed.
    pub exhaustion_explained: Explanation,
    /// Each time the fleet must grow: "2027-03-16: 14 instances".
    pub schedule: Vec<String>,
    /// The capacity of one instance in use, and where it comes from.
    pub per_instance: String,
    /// One instance's queueing at today's peak, or why it cannot be computed.
    pub queue: Result<QueueFigures, String>,
    /// The date the peak crosses the load at which the latency SLO stops holding.
    pub latency_breach: Option<String>,
    /// The same in words.
    pub latency_text: String,
    /// Where the latency SLO comes from: the plan's latency SLO, or the capacity plan's
    /// own fields when the plan has none.
    pub latency_source: String,
    /// Whether it is the plan's latency SLO (the capacity plan's own fields are unused).
    pub latency_from_slo: bool,
    /// The latency SLO's percentile, e.g. `99`.
    pub latency_percentile: String,
    /// How the load at which the latency SLO stops holding is found.
    pub latency_explained: Explanation,
    /// The fewest workers per instance that hold the latency SLO at today's peak.
    pub workers_needed: String,
    /// Which of one instance's two limits binds: the capacity planned for (capacity per
    /// instance at the highest utilisation) or the load at which the latency SLO stops
    /// holding, in words.
    pub binding_limit: String,
    /// When the capacity per instance is more than its queue model can serve (workers ÷
    /// service time): the contradiction in words.
    pub contradiction: Option<String>,
    /// The load test's fit, when there are measurements.
    pub usl: Option<UslFigures>,
    /// Demand against capacity over the horizon.
    pub forecast_chart: PlanChart<LineChart<CapacityInput>>,
    /// Latency percentile against utilisation.
    pub latency_chart: PlanChart<LineChart<CapacityInput>>,
    /// The load test and its fit.
    pub usl_chart: Option<PlanChart<LineChart<CapacityInput>>>,
}

impl CapacityReport {
    /// Every "how is this computed?" the page shows, for the check that each one adds up.
    pub fn explanations(&self) -> Vec<&Explanation> {
        let mut all = vec![
            &self.needed_explained,
            &self.exhaustion_explained,
            &self.latency_explained,
        ];
        all.extend(self.queue.iter().map(|q| &q.explained));
        all.extend(self.usl.iter().map(|u| &u.explained));
        all
    }
}

/// The day `months` after `as_of` (UTC), or where the dates the planner computes end.
fn date(as_of: Instant, months: f64) -> String {
    match as_of.checked_plus_seconds(months * DAYS_PER_MONTH * 86_400.0) {
        Some(t) if t.unix_seconds() <= MAX_UNIX_SECONDS => {
            t.to_string().get(..10).unwrap_or_default().to_owned()
        }
        _ => "after 9999-12-31, the last date the planner computes".to_owned(),
    }
}

/// The day `months` after `as_of` for reading (`16 Mar 2027`); [`date`] is its ISO form.
fn day(as_of: Instant, months: f64) -> String {
    match as_of.checked_plus_seconds(months * DAYS_PER_MONTH * 86_400.0) {
        Some(t) if t.unix_seconds() <= MAX_UNIX_SECONDS => t.readable_day(),
        _ => "after 31 Dec 9999, the last date the planner computes".to_owned(),
    }
}

fn rate(v: f64) -> String {
    format!("{} req/s", grouped(v, if v < 100.0 { 2 } else { 0 }))
}

fn growth_text(spec: &CapacitySpec, v: &ValidCapacity) -> String {
    let model = match v.demand.growth() {
        Growth::Linear { per_month } => format!("{} a month", rate(per_month)),
        Growth::Compound { rate } => format!("{}% a month, compounded", trim_decimals(rate * 100.0, 2)),
    };
    match (spec.growth, v.fit) {
        (GrowthSpec::FitLinear | GrowthSpec::FitExponential, Some(fit)) => format!(
            "Fitted to {} measurements: {model}, R² = {} (1 is a perfect fit).",
            v.history.len(),
            trim_decimals(fit.r_squared, 4)
        ),
        _ => format!("Growth: {model}."),
    }
}

/// The latency SLO's percentile in words, e.g. "p99".
fn percentile_name(quantile: f64) -> String {
    format!("p{}", trim_decimals(quantile * 100.0, 3))
}

fn queue(v: &ValidCapacity, peak: f64) -> Result<QueueFigures, String> {
    if v.instances == 0 {
        return Err("With no instances there is no queue to model.".to_owned());
    }
    let arrivals = peak / f64::from(v.instances);
    let q = MMc::new(v.workers, arrivals, v.service_seconds).map_err(|e| {
        format!(
            "At today's peak each instance takes {} with {} workers of {} ms: {e}",
            rate(arrivals),
            v.workers,
            grouped(v.service_seconds * 1_000.0, 3)
        )
    })?;
    let percentile = q.response_percentile(v.quantile);
    Ok(QueueFigures {
        utilisation: format!("{}%", grouped(q.utilisation() * 100.0, 1)),
        wait_probability: q.wait_probability(),
        mean_wait_ms: q.mean_wait() * 1_000.0,
        percentile_ms: percentile * 1_000.0,
        holds: percentile <= v.threshold_seconds,
        explained: Explanation {
            formula: "load A = arrivals per instance × service time; Erlang B by B(k) = A·B(k−1) / (k + A·B(k−1)); \
                      P(wait) = c·B / (c − A·(1 − B)); mean wait = P(wait) × s / (c − A)"
                .to_owned(),
            workings: vec![
                Working::new(
                    Term::product(vec![
                        Term::exact(arrivals, "req/s"),
                        Term::exact(v.service_seconds, "s"),
                    ]),
                    Figure::number(q.load(), 4, "Erlangs").then(format!(
                        " on c = {} workers (utilisation {}%)",
                        v.workers,
                        grouped(q.utilisation() * 100.0, 2)
                    )),
                ),
                Working::words(
                    "Erlang B's recursion from B(0) = 1 to B(c)",
                    Figure::stated(format!(
                        "P(wait) = {}, mean wait = {} ms, {} = {} ms",
                        grouped(q.wait_probability(), 4),
                        grouped(q.mean_wait() * 1_000.0, 3),
                        percentile_name(v.quantile),
                        grouped(percentile * 1_000.0, 3)
                    )),
                ),
            ],
            convention: Some(
                "M/M/c: Poisson arrivals, exponential service times, demand shared evenly by all instances."
                    .to_owned(),
            ),
        },
    })
}

fn usl_figures(v: &ValidCapacity) -> Option<UslFigures> {
    let u = v.usl?;
    Some(UslFigures {
        sigma: u.sigma,
        kappa: u.kappa,
        lambda: u.lambda,
        n_max: u.peak_concurrency(),
        x_max: u.peak_throughput(),
        r_squared: u.r_squared,
        explained: Explanation::new(
            "X(N) = λN / (1 + σ(N − 1) + κN(N − 1)), fitted by least squares (Levenberg–Marquardt); \
             N_max = √((1 − σ) / κ), X_max = X(N_max)",
            Working::words(
                format!(
                    "{} measurements: σ = {}, κ = {}, λ = {}",
                    v.load_test.len(),
                    coefficient(u.sigma),
                    coefficient(u.kappa),
                    grouped(u.lambda, 2)
                ),
                Figure::stated(match (u.peak_concurrency(), u.peak_throughput()) {
                    (Some(n), Some(x)) => format!(
                        "N_max = √((1 − {}) / {}) = {}, X_max = {}; R² = {}",
                        coefficient(u.sigma),
                        coefficient(u.kappa),
                        grouped(n, 1),
                        grouped(x, 1),
                        trim_decimals(u.r_squared, 4)
                    ),
                    _ => format!(
                        "κ = 0: throughput levels off at λ/σ without a peak; R² = {}",
                        trim_decimals(u.r_squared, 4)
                    ),
                }),
            ),
            Some(
                "B. Schwartz, Practical Scalability Analysis with the Universal Scalability Law (2015)."
                    .to_owned(),
            ),
        ),
    })
}

fn exhaustion_explained(v: &ValidCapacity, usable: f64, peak: f64, months: Option<f64>) -> Explanation {
    let usable_sum = Working::new(
        Term::product(vec![
            Term::exact(f64::from(v.instances), "")
                .minus(Term::count(v.fleet.lost(u64::from(v.instances)), ""))
                .at_least_zero(),
            Term::exact(v.fleet.per_instance(), "req/s"),
            Term::percent(v.fleet.utilisation() * 100.0),
        ]),
        Figure::number(usable, 2, "req/s usable"),
    );
    let months_sum = match v.demand.growth() {
        Growth::Linear { per_month } => Term::exact(usable, "")
            .minus(Term::exact(peak, ""))
            .over(Term::exact(per_month, "req/s a month")),
        Growth::Compound { rate } => Term::exact(usable, "")
            .over(Term::exact(peak, ""))
            .ln()
            .over(Term::sum(vec![Term::exact(1.0, ""), Term::exact(rate, "")]).ln()),
    };
    let months = match months {
        Some(m) if m <= 0.0 => Working::words(
            format!(
                "today's peak {} is at or above the usable {}",
                rate(peak),
                rate(usable)
            ),
            Figure::stated("already: no month left"),
        ),
        Some(m) => Working::new(
            months_sum,
            Figure::number(m, 2, "months").then(format!(" → {}", day(v.as_of, m))),
        ),
        None => Working::new(months_sum, Figure::stated("not within the horizon")),
    };
    Explanation {
        formula: "usable capacity = max(0, instances − lost) × capacity per instance × target utilisation, \
                  lost = max(spare k, ⌈instances ÷ zones⌉ when there are 2 or more zones); months = \
                  (usable − peak today) ÷ growth a month, or with compound growth ln(usable ÷ peak today) \
                  ÷ ln(1 + growth)"
            .to_owned(),
        workings: vec![usable_sum, months],
        convention: Some("A month is a twelfth of the mean Gregorian year, 30.436875 days.".to_owned()),
    }
}

/// One instance's two limits compared: which binds, and the contradiction of a capacity
/// per instance above what its queue model can serve (`c ÷ s`).
fn limits(v: &ValidCapacity, latency_limit: Option<f64>, pname: &str) -> (String, Option<String>) {
    let per_instance = v.fleet.per_instance();
    let usable = per_instance * v.fleet.utilisation();
    let saturation = f64::from(v.workers) / v.service_seconds;
    let planned = format!(
        "Per instance, the fleet plans for {} ({} at {}% utilisation)",
        rate(usable),
        rate(per_instance),
        grouped(v.fleet.utilisation() * 100.0, 2)
    );
    let binding = match latency_limit {
        None => format!("{planned}, but the {pname} misses its threshold at any load: the latency SLO binds."),
        Some(l) if l < usable => format!(
            "{planned}; the {pname} stays under its threshold only up to {}: the latency SLO binds, and instances are added for it first.",
            rate(l)
        ),
        Some(l) => format!(
            "{planned}; the {pname} stays under its threshold up to {}: the capacity per instance binds.",
            rate(l)
        ),
    };
    let contradiction = (per_instance > saturation).then(|| {
        format!(
            "The capacity per instance, {}, is more than its queue model can serve: {} workers ÷ {} ms = {}. One of them is wrong: measure an instance (a load test), or correct its workers or service time.",
            rate(per_instance),
            v.workers,
            grouped(v.service_seconds * 1_000.0, 3),
            rate(saturation)
        )
    });
    (binding, contradiction)
}

/// Derives the Capacity page from the plan's capacity section, valid as `v`.
pub fn capacity_report(spec: &CapacitySpec, v: &ValidCapacity) -> CapacityReport {
    let peak = v.demand.peak(0.0);
    let per_instance_limit = latency_limit(v.workers, v.service_seconds, v.quantile, v.threshold_seconds)
        .ok()
        .flatten();
    let fleet_limit = per_instance_limit.map(|l| l * f64::from(v.instances));
    let f = forecast(v.demand, v.fleet, v.instances, v.horizon_months, fleet_limit);
    let usable = f.usable_now;
    let needed_now = v.fleet.needed(peak);
    let pname = percentile_name(v.quantile);
    let latency_text = match (fleet_limit, f.latency_breach) {
        (None, _) => format!(
            "Even an idle instance misses the latency SLO: a {pname} of service time alone is above {} ms.",
            grouped(v.threshold_seconds * 1_000.0, 3)
        ),
        (Some(limit), Some(m)) => format!(
            "The {pname} stays under {} ms up to {} across today's {} instances; the peak passes that on {}.",
            grouped(v.threshold_seconds * 1_000.0, 3),
            rate(limit),
            v.instances,
            day(v.as_of, m)
        ),
        (Some(limit), None) => format!(
            "The {pname} stays under {} ms up to {} across today's {} instances: not reached within {} months.",
            grouped(v.threshold_seconds * 1_000.0, 3),
            rate(limit),
            v.instances,
            v.horizon_months
        ),
    };
    let workers_needed = match v.instances {
        0 => "—".to_owned(),
        _ => servers_for(
            peak / f64::from(v.instances),
            v.service_seconds,
            v.quantile,
            v.threshold_seconds,
        )
        .map_or("more than 1,000".to_owned(), |c| c.to_string()),
    };
    let (binding_limit, contradiction) = limits(v, per_instance_limit, &pname);
    let exhaustion_text = match f.exhaustion {
        Some(m) if m <= 0.0 => "already: today's peak is above the usable capacity".to_owned(),
        Some(m) => format!("{} (in {} months)", day(v.as_of, m), grouped(m, 1)),
        None => format!("not within {} months", v.horizon_months),
    };
    CapacityReport {
        growth: growth_text(spec, v),
        peak_now: rate(peak),
        usable_now: rate(usable),
        needed_now,
        needed_explained: Explanation {
            formula: "the fewest n with (n − max(k, ⌈n ÷ zones⌉)) × capacity per instance × utilisation ≥ peak"
                .to_owned(),
            workings: vec![
                Working::new(
                    Term::exact(peak, "req/s").over(Term::product(vec![
                        Term::exact(v.fleet.per_instance(), "req/s"),
                        Term::percent(v.fleet.utilisation() * 100.0),
                    ])),
                    Figure::number(peak / (v.fleet.per_instance() * v.fleet.utilisation()), 2, "working instances"),
                ),
                Working::words(
                    "plus the losses planned for",
                    Figure::stated(format!("{needed_now} instances (losing {})", v.fleet.lost(needed_now))),
                ),
            ],
            convention: None,
        },
        exhaustion: f.exhaustion.map(|m| date(v.as_of, m)),
        exhaustion_text,
        exhaustion_explained: exhaustion_explained(v, usable, peak, f.exhaustion),
        schedule: f
            .scale_ups
            .iter()
            .map(|&(m, n)| format!("{}: {n} instances", day(v.as_of, f64::from(m))))
            .collect(),
        per_instance: if spec.usl_ceiling {
            format!(
                "{} (the load test's peak throughput)",
                rate(v.fleet.per_instance())
            )
        } else {
            rate(v.fleet.per_instance())
        },
        queue: queue(v, peak),
        latency_breach: f.latency_breach.map(|m| date(v.as_of, m)),
        latency_text,
        latency_from_slo: v.latency_slo.is_some(),
        latency_percentile: trim_decimals(v.quantile * 100.0, 3),
        latency_source: match &v.latency_slo {
            Some(slo) => format!(
                "From the SLO \u{201c}{}\u{201d}: {}% of requests within {} ms (set on Targets).",
                slo.name,
                slo_engine::notation::percent(slo.percentile),
                grouped(slo.threshold_ms, 3)
            ),
            None => "The plan has no latency SLO: the percentile and threshold here are the capacity plan's own. Add a latency SLO on Targets to plan for it.".to_owned(),
        },
        latency_explained: Explanation {
            formula: "the highest arrival rate λ per instance at which the percentile of an M/M/c response \
                      time stays at or under the threshold (found by bisection between 0 and c ÷ s), \
                      times today's instances"
                .to_owned(),
            workings: vec![match per_instance_limit {
                None => Working::words(
                    format!(
                        "c = {} workers, s = {} ms, {pname} ≤ {} ms",
                        v.workers,
                        grouped(v.service_seconds * 1_000.0, 3),
                        grouped(v.threshold_seconds * 1_000.0, 3)
                    ),
                    Figure::stated("no load: service times alone miss the threshold"),
                ),
                Some(l) => Working::new(
                    Term::product(vec![
                        Term::exact(l, "req/s per instance"),
                        Term::count(u64::from(v.instances), "instances"),
                    ])
                    .words(format!(
                        "(λ found for c = {} workers, s = {} ms, {pname} ≤ {} ms)",
                        v.workers,
                        grouped(v.service_seconds * 1_000.0, 3),
                        grouped(v.threshold_seconds * 1_000.0, 3)
                    )),
                    Figure::number(l * f64::from(v.instances), 2, "req/s"),
                ),
            }],
            convention: None,
        },
        workers_needed,
        binding_limit,
        contradiction,
        usl: usl_figures(v),
        forecast_chart: editable(forecast_chart(v, &f, fleet_limit), capacity_edit(spec, v)),
        latency_chart: editable(latency_chart(spec, v, peak), capacity_edit(spec, v)),
        usl_chart: usl_chart(v).map(|c| editable(c, capacity_edit(spec, v))),
    }
}

/// The capacity inputs the charts' markers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityInput {
    /// Today's usable capacity line: dragging it sets the instance count.
    Instances,
    /// The latency SLO's threshold, milliseconds.
    LatencyMs,
    /// The target utilisation, percent.
    UtilisationPercent,
}

/// The edit that moving a capacity marker makes to `spec`. The knobs keep each value
/// within what its field accepts, so a drag never makes the plan invalid.
/// The latency threshold of the plan's latency SLO, when there is one, is that SLO's.
fn capacity_edit(
    spec: &CapacitySpec,
    v: &ValidCapacity,
) -> impl Fn(MarkerMoved<CapacityInput>) -> Option<PlanEdit> {
    let (spec, fleet) = (spec.clone(), v.fleet);
    let latency_slo = v.latency_slo.as_ref().map(|slo| slo.index);
    move |moved| {
        let mut capacity = spec.clone();
        match moved.knob {
            CapacityInput::Instances => capacity.instances = fleet.needed(moved.to).clamp(1, 100_000) as u32,
            CapacityInput::LatencyMs => match latency_slo {
                Some(index) => {
                    return Some(PlanEdit::SloThreshold {
                        index,
                        threshold_ms: moved.to,
                    })
                }
                None => capacity.latency_ms = moved.to,
            },
            CapacityInput::UtilisationPercent => capacity.utilisation_percent = moved.to,
        }
        Some(PlanEdit::Capacity {
            capacity: Box::new(capacity),
        })
    }
}

fn axis(min: f64, max: f64) -> Axis {
    Axis {
        min,
        max: if max > min { max } else { min + 1.0 },
        log: false,
    }
}

fn forecast_chart(v: &ValidCapacity, f: &Forecast, limit: Option<f64>) -> LineChart<CapacityInput> {
    let horizon = f64::from(v.horizon_months);
    let steps = v.horizon_months * 4;
    let demand: Vec<(f64, f64)> = (0..=steps)
        .map(|i| {
            let m = f64::from(i) / 4.0;
            (m, v.demand.peak(m))
        })
        .collect();
    let mut planned = Vec::new();
    for m in &f.months {
        let cap = v.fleet.usable(m.needed.max(u64::from(v.instances)));
        let x = f64::from(m.month);
        if let Some(&(_, last)) = planned.last() {
            planned.push((x, last));
        }
        planned.push((x, cap));
    }
    let top = demand
        .iter()
        .chain(&planned)
        .map(|p| p.1)
        .chain([f.usable_now])
        .chain(limit.filter(|l| *l < 3.0 * f.usable_now.max(1.0)))
        .fold(0.0, f64::max);
    let mut markers = vec![Marker {
        label: format!("today's {} instances: {}", v.instances, rate(f.usable_now)),
        at: f.usable_now,
        upright: false,
        knob: Some(Knob {
            id: CapacityInput::Instances,
            rounding: Rounding::Exact,
            min: 0.0,
            max: f64::MAX,
        }),
        dashed: false,
    }];
    if let Some(l) = limit {
        markers.push(Marker {
            label: format!("latency SLO holds up to {}", rate(l)),
            at: l,
            upright: false,
            knob: None,
            dashed: true,
        });
    }
    for (m, what) in [
        (f.exhaustion, "headroom gone"),
        (f.latency_breach, "latency SLO breaks"),
    ] {
        if let Some(m) = m {
            markers.push(Marker {
                label: format!("{what} {}", day(v.as_of, m)),
                at: m,
                upright: true,
                knob: None,
                dashed: true,
            });
        }
    }
    let summary = format!(
        "Line chart of peak demand in requests per second over the next {} months, from {} today to {}, \
         against today's usable capacity of {} and the capacity after each planned scale-up. {}",
        v.horizon_months,
        rate(v.demand.peak(0.0)),
        rate(v.demand.peak(horizon)),
        rate(f.usable_now),
        f.exhaustion.map_or(
            "Demand stays under today's usable capacity.".to_owned(),
            |m| format!("Demand crosses today's usable capacity on {}.", day(v.as_of, m))
        )
    );
    LineChart {
        file_name: "capacity-forecast.svg",
        x: (axis(0.0, horizon), Unit::Months { start: v.as_of }),
        y: (axis(0.0, top * 1.1), Unit::Rate),
        titles: ("month", "requests per second"),
        series: vec![
            Series {
                label: "peak demand".to_owned(),
                points: demand,
                style: Style::Line,
                hue: 0,
            },
            Series {
                label: "capacity with the scale-ups".to_owned(),
                points: planned,
                style: Style::Dashed,
                hue: 2,
            },
        ],
        markers,
        notes: f
            .months
            .iter()
            .map(|m| (f64::from(m.month), format!("{} instances needed", m.needed)))
            .collect(),
        summary,
    }
}

fn latency_chart(spec: &CapacitySpec, v: &ValidCapacity, peak: f64) -> LineChart<CapacityInput> {
    const POINTS: u32 = 120;
    let c = f64::from(v.workers);
    let threshold = v.threshold_seconds * 1_000.0;
    let curve: Vec<(f64, f64)> = (0..POINTS)
        .filter_map(|i| {
            let u = 0.99 * f64::from(i) / f64::from(POINTS - 1);
            let q = MMc::new(v.workers, u * c / v.service_seconds, v.service_seconds).ok()?;
            Some((u * 100.0, q.response_percentile(v.quantile) * 1_000.0))
        })
        .collect();
    let top = (threshold * 2.0).max(curve.first().map_or(0.0, |p| p.1) * 2.0);
    let pname = percentile_name(v.quantile);
    let mut markers = vec![
        Marker {
            label: format!("SLO: {pname} ≤ {} ms", grouped(threshold, 3)),
            at: threshold,
            upright: false,
            knob: Some(Knob {
                id: CapacityInput::LatencyMs,
                rounding: Rounding::ThreeDigits,
                min: 0.01,
                max: LATENCY.max,
            }),
            dashed: false,
        },
        Marker {
            label: format!(
                "target utilisation {}%",
                trim_decimals(spec.utilisation_percent, 1)
            ),
            at: spec.utilisation_percent.min(100.0),
            upright: true,
            knob: Some(Knob {
                id: CapacityInput::UtilisationPercent,
                rounding: Rounding::Decimals(1),
                min: 0.1,
                max: 100.0,
            }),
            dashed: false,
        },
    ];
    if v.instances > 0 {
        let today = peak / f64::from(v.instances) * v.service_seconds / c * 100.0;
        markers.push(Marker {
            label: format!("today's peak {}%", grouped(today, 1)),
            at: today.min(100.0),
            upright: true,
            knob: None,
            dashed: true,
        });
    }
    let limit = curve.iter().find(|p| p.1 > threshold).map(|p| p.0);
    LineChart {
        file_name: "latency-vs-utilisation.svg",
        x: (axis(0.0, 100.0), Unit::Percent),
        y: (axis(0.0, top), Unit::Millis),
        titles: ("utilisation of each instance's workers", "response time (ms)"),
        series: vec![Series {
            label: format!("{pname} response time, M/M/{}", v.workers),
            points: curve,
            style: Style::Line,
            hue: 0,
        }],
        markers,
        notes: Vec::new(),
        summary: format!(
            "Line chart of the {pname} response time in milliseconds against utilisation from 0 to 99%, for {} workers \
             of {} ms each, with the SLO threshold of {} ms. {}",
            v.workers,
            grouped(v.service_seconds * 1_000.0, 3),
            grouped(threshold, 3),
            limit.map_or("The curve stays under the threshold.".to_owned(), |u| format!(
                "It crosses the threshold at about {}% utilisation.",
                grouped(u, 0)
            ))
        ),
    }
}

fn usl_chart(v: &ValidCapacity) -> Option<LineChart<CapacityInput>> {
    let u = v.usl?;
    let widest = v.load_test.iter().map(|p| p.0).fold(0.0, f64::max);
    let right = u
        .peak_concurrency()
        .map_or(widest, |n| widest.max(n * 1.2))
        .max(1.0);
    let fit: Vec<(f64, f64)> = (0..=200)
        .map(|i| {
            let n = right * f64::from(i) / 200.0;
            (n, u.throughput(n))
        })
        .collect();
    let top = v.load_test.iter().chain(&fit).map(|p| p.1).fold(0.0, f64::max);
    let markers = u
        .peak_concurrency()
        .map(|n| Marker {
            label: format!("N_max {}", grouped(n, 1)),
            at: n,
            upright: true,
            knob: None,
            dashed: true,
        })
        .into_iter()
        .collect();
    Some(LineChart {
        file_name: "usl-fit.svg",
        x: (axis(0.0, right), Unit::Count),
        y: (axis(0.0, top * 1.1), Unit::Count),
        titles: ("concurrency", "throughput"),
        series: vec![
            Series {
                label: "measured".to_owned(),
                points: v.load_test.clone(),
                style: Style::Dots,
                hue: 1,
            },
            Series {
                label: "USL fit".to_owned(),
                points: fit,
                style: Style::Line,
                hue: 0,
            },
        ],
        markers,
        notes: Vec::new(),
        summary: format!(
            "Scatter of {} load-test measurements of throughput against concurrency, with the fitted Universal \
             Scalability Law curve (σ = {}, κ = {}, λ = {}){}.",
            v.load_test.len(),
            coefficient(u.sigma),
            coefficient(u.kappa),
            grouped(u.lambda, 2),
            u.peak_concurrency()
                .zip(u.peak_throughput())
                .map_or(String::new(), |(n, x)| format!(
                    ", peaking at {} at concurrency {}",
                    grouped(x, 1),
                    grouped(n, 1)
                ))
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(spec: &CapacitySpec) -> CapacityReport {
        let v = spec
            .validate(Instant::parse("2026-11-16").unwrap(), None)
            .unwrap()
            .unwrap();
        capacity_report(spec, &v)
    }

    #[test]
    fn eight_percent_a_month_runs_out_in_spring() {
        // 1,000 req/s ×2 peaks = 2,000 req/s; 12 instances of 400 at 70 % losing one:
        // 11 × 280 = 3,080 req/s usable. ln(3080/2000) / ln(1.08) = 5.61 months.
        let r = report(&CapacitySpec::default());
        assert_eq!(r.peak_now, "2,000 req/s");
        assert_eq!(r.usable_now, "3,080 req/s");
        assert_eq!(r.needed_now, 9);
        let months = (3_080f64 / 2_000.0).ln() / 1.08f64.ln();
        assert_eq!(
            r.exhaustion.as_deref(),
            Some(date(Instant::parse("2026-11-16").unwrap(), months).as_str())
        );
        assert_eq!(r.exhaustion.as_deref(), Some("2027-05-05"));
        assert!(
            r.schedule[0].starts_with("17 Apr 2027: 13 instances"),
            "{:?}",
            r.schedule
        );
        let q = r.queue.unwrap();
        // 2,000 / 12 = 166.7 req/s × 10 ms = 1.667 Erlangs on 8 workers.
        assert_eq!(q.utilisation, "20.8%");
        assert!(q.holds && q.percentile_ms < 100.0);
        assert_eq!(r.forecast_chart.series.len(), 2);
        assert!(r.usl_chart.is_none() && r.usl.is_none());
    }

    #[test]
    fn a_date_past_9999_is_said_not_clamped() {
        let spec = CapacitySpec::default();
        let v = spec
            .validate(Instant::parse("9999-11-16").unwrap(), None)
            .unwrap()
            .unwrap();
        let r = capacity_report(&spec, &v);
        // 5.61 months after 16 November 9999.
        assert_eq!(
            r.exhaustion.as_deref(),
            Some("after 9999-12-31, the last date the planner computes")
        );
        assert_eq!(date(Instant::parse("9999-11-16").unwrap(), 1.0), "9999-12-16");
    }

    #[test]
    fn the_cisco_load_test_gives_the_books_fit() {
        let spec = CapacitySpec {
            load_test: include_str!("../../../slo-engine/tests/data/usl-cisco.csv").to_owned(),
            usl_ceiling: true,
            ..CapacitySpec::default()
        };
        let r = report(&spec);
        let u = r.usl.unwrap();
        assert!(
            (u.sigma - 0.0267).abs() < 5e-4 && (u.kappa - 7.69e-4).abs() < 1e-5,
            "{u:?}"
        );
        assert_eq!(u.n_max.map(f64::floor), Some(35.0));
        assert!(r.per_instance.ends_with("(the load test's peak throughput)"));
        assert_eq!(r.usl_chart.unwrap().series[0].points.len(), 32);
    }

    #[test]
    fn small_coefficients_are_powers_of_ten_never_e_notation() {
        assert_eq!(coefficient(7.689_4e-4), "7.689 × 10⁻⁴");
        assert_eq!(coefficient(0.026_71), "0.02671");
        assert_eq!(coefficient(0.0), "0");
        assert_eq!(coefficient(995.66), "995.7");
    }

    #[test]
    fn an_overloaded_instance_says_so() {
        let spec = CapacitySpec {
            service_ms: 100.0,
            ..CapacitySpec::default()
        };
        // 166.7 req/s × 0.1 s = 16.7 Erlangs on 8 workers.
        let message = report(&spec).queue.unwrap_err();
        assert!(message.contains("utilisation"), "{message}");
    }

    #[test]
    fn the_page_says_which_limit_binds_and_refuses_to_hide_a_contradiction() {
        let spec = CapacitySpec::default();
        let r = report(&spec);
        assert!(
            r.binding_limit
                .starts_with("Per instance, the fleet plans for 280 req/s (400 req/s at 70% utilisation)"),
            "{}",
            r.binding_limit
        );
        assert!(
            r.binding_limit.ends_with("the capacity per instance binds."),
            "{}",
            r.binding_limit
        );
        assert_eq!(r.contradiction, None);
        // 8 workers of 10 ms serve at most 800 req/s.
        let r = report(&CapacitySpec {
            per_instance_rps: 900.0,
            ..spec.clone()
        });
        let c = r.contradiction.unwrap();
        assert!(c.contains("8 workers ÷ 10 ms = 800 req/s"), "{c}");
        // 8 workers of 20 ms serve 400 req/s at most; a p99 under 50 ms breaks well before.
        let r = report(&CapacitySpec {
            service_ms: 20.0,
            latency_ms: 50.0,
            ..spec
        });
        assert!(
            r.binding_limit.contains("the latency SLO binds"),
            "{}",
            r.binding_limit
        );
        assert_eq!(r.contradiction, None);
    }

    #[test]
    fn the_plans_latency_slo_is_the_capacity_plans_and_a_drag_moves_it() {
        use crate::Plan;
        let latency = crate::templates::TEMPLATES[0].slos[1].to_slo();
        let plan = Plan::default()
            .with(PlanEdit::AddSlo {
                slo: Box::new(latency),
            })
            .with(PlanEdit::SelectSlo { index: 0 });
        let valid = plan.validate().unwrap();
        let v = valid.capacity.as_ref().unwrap();
        assert_eq!((v.quantile, v.threshold_seconds), (0.99, 0.3));
        let r = capacity_report(&plan.capacity, v);
        assert!(r.latency_from_slo);
        assert_eq!(r.latency_percentile, "99");
        assert!(r
            .latency_source
            .starts_with("From the SLO \u{201c}latency\u{201d}: 99% of requests within 300 ms"));
        let moved = capacity_edit(&plan.capacity, v)(MarkerMoved {
            knob: CapacityInput::LatencyMs,
            to: 250.0,
        });
        assert_eq!(
            moved,
            Some(PlanEdit::SloThreshold {
                index: 1,
                threshold_ms: 250.0
            })
        );
        let dragged = plan.with(moved.unwrap());
        assert_eq!(
            dragged.slos[1].sli,
            crate::SliSpec::Latency { threshold_ms: 250.0 }
        );
        // With no latency SLO, the capacity plan's own fields are used.
        let own = Plan::default().validate().unwrap();
        let own = own.capacity.as_ref().unwrap();
        assert!(own.latency_slo.is_none());
        assert_eq!(own.threshold_seconds, plan.capacity.latency_ms / 1_000.0);
    }
}
