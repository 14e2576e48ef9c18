//! What observed history says about the selected SLO: the budget it spent, the
//! incidents in it, and what the plan's alert tiers and the published presets would
//! have done on it. Built in the worker from an [`Observed`] history; what the page
//! draws travels back as this report.

use super::{editable, PlanChart};
use crate::alerts::{PhaseSpec, MAX_PHASES};
use crate::capacity::{CapacitySpec, GrowthSpec};
use crate::edit::PlanEdit;
use crate::model::ValidPlan;
use crate::replay::Detection;
use crate::{ImpactSpec, IncidentSpec};
use serde::{Deserialize, Serialize};
use slo_charts::lines::{LineChart, Marker, MarkerMoved, Series, Style, Unit};
use slo_charts::replay_timeline::{IncidentBand, PolicyLane, ReplayChart, ThresholdMoved, TierLane};
use slo_charts::{Axis, Editable};
use slo_engine::alert_timeline::MAX_HORIZON;
use slo_engine::burn_rate::{Preset, Severity, Tier};
use slo_engine::notation::{human_duration, trim_decimals};
use slo_engine::observed::{Alerted, Episode, Observed, RangeSelector};
use slo_engine::time::Instant;
use std::rc::Rc;

/// Seconds in a week, for alerts per week.
const WEEK: f64 = 7.0 * 86_400.0;

/// The most points of the history the page draws: more than a chart is wide.
pub const DRAWN_POINTS: usize = 720;

/// An interval is part of an incident when its own error ratio and that of the ten
/// minutes ending with it are above the detection's threshold, seconds.
pub const SMOOTHING_SECONDS: f64 = 600.0;

/// Which Prometheus evaluates the rules: their range selectors differ by one sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Prometheus {
    /// Prometheus 2: closed windows.
    V2,
    /// Prometheus 3: left-open windows.
    #[default]
    V3,
}

impl Prometheus {
    fn selector(self) -> RangeSelector {
        match self {
            Prometheus::V2 => RangeSelector::Closed,
            Prometheus::V3 => RangeSelector::LeftOpen,
        }
    }
}

/// One tier's firings on the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierReplay {
    /// "Tier 1: page, 14.4× over 1h and 5m".
    pub label: String,
    /// Whether it pages.
    pub pages: bool,
    /// When it fired and reset, Unix seconds; no reset when it still held at the end.
    pub spans: Vec<(i64, Option<i64>)>,
    /// Its firings during no incident that counts.
    pub false_alerts: usize,
}

/// A policy's firings on the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyReplay {
    /// "This plan's tiers", or the preset's name.
    pub name: String,
    /// "plan", or the preset's name alone, for a chart's lane.
    pub short_name: String,
    /// Its tiers, in order.
    pub tiers: Vec<TierReplay>,
    /// Pages per week of history.
    pub pages_per_week: f64,
    /// Tickets per week of history.
    pub tickets_per_week: f64,
    /// Incidents that count and that no tier caught.
    pub missed: usize,
    /// Firings during no incident that counts, all tiers.
    pub false_alerts: usize,
    /// For each incident, the first alert and the budget spent before it.
    pub caught: Vec<Option<Caught>>,
}

/// The first alert during an incident.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Caught {
    /// The tier, from 0.
    pub tier: usize,
    /// When it fired, Unix seconds (the incident's start when it was already firing).
    pub at: i64,
    /// The share of the window's budget the incident had spent by then, percent.
    pub budget_before_percent: f64,
}

/// An incident found in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detected {
    /// Its start, Unix seconds.
    pub start: i64,
    /// Its end, Unix seconds.
    pub end: i64,
    /// Its error ratio, percent.
    pub error_percent: f64,
    /// The share of a window's budget it spent, percent.
    pub budget_percent: f64,
    /// Whether it spent at least the detection's minimum (otherwise it is noise).
    pub counts: bool,
    /// It as an incident of the plan (hurting the selected SLO).
    pub incident: IncidentSpec,
    /// It as the incident simulator's phases: its span cut into at most
    /// [`MAX_PHASES`] stretches of whole steps, each at its own error ratio, so the
    /// simulated incident spends at steady traffic what the observed one spent.
    pub phases: Vec<PhaseSpec>,
}

impl Detected {
    /// The edit that adds it to the plan's incidents.
    pub fn add(&self) -> PlanEdit {
        PlanEdit::AddIncidentAs {
            incident: self.incident.clone(),
        }
    }

    /// The edit that makes it the Alerts page's simulated incident.
    pub fn simulate(&self) -> PlanEdit {
        PlanEdit::Phases {
            phases: self.phases.clone(),
        }
    }
}

/// What the history says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayReport {
    /// Its first and last instants, Unix seconds.
    pub from: i64,
    /// See `from`.
    pub to: i64,
    /// The usual step between samples, seconds.
    pub step_seconds: f64,
    /// Its gaps (no samples for over three steps), (start, end) in Unix seconds.
    pub gaps: Vec<(i64, i64)>,
    /// The error ratio over the whole history, percent.
    pub error_percent: f64,
    /// The stretch the budget is counted over: the last SLO window of the history, or
    /// all of it when it is shorter, Unix seconds.
    pub budget_from: i64,
    /// The budget spent over `budget_from..to`, percent (over 100 when overspent).
    pub budget_percent: f64,
    /// The budget left at each drawn point from `budget_from`, percent: (Unix seconds,
    /// percent).
    pub burn_down: Vec<(i64, f64)>,
    /// The burn rate (error ratio ÷ the SLO's allowed ratio) of each drawn stretch:
    /// (its end, Unix seconds; burn rate).
    pub burn_rates: Vec<(i64, f64)>,
    /// How long each drawn stretch of `burn_rates` is, seconds.
    pub stretch_seconds: f64,
    /// The burn rate of every event failing: 1 ÷ (1 − target).
    pub highest_burn: f64,
    /// The incidents found, in time order.
    pub incidents: Vec<Detected>,
    /// Each UTC day's busiest step: (the day's start, Unix seconds; its request rate,
    /// requests per second); empty when the history is an error ratio, which tells no
    /// rate.
    pub daily_peaks: Vec<(i64, f64)>,
    /// The plan's policy, then each published preset that differs from it.
    pub policies: Vec<PolicyReplay>,
    /// How the incidents were found.
    pub detection: Detection,
    /// Which Prometheus the alerts were evaluated as.
    pub prometheus: Prometheus,
}

impl ReplayReport {
    /// The plan's policy's replay.
    pub fn plan_policy(&self) -> &PolicyReplay {
        &self.policies[0]
    }
}

fn tier_label(index: usize, tier: Tier) -> String {
    format!(
        "Tier {}: {}, {}× over {} and {}",
        index + 1,
        tier.severity().name(),
        trim_decimals(tier.burn_rate(), 3),
        human_duration(tier.long()),
        human_duration(tier.short())
    )
}

/// The replay of `observed` on the plan's selected SLO.
pub fn replay_report(
    plan: &ValidPlan,
    observed: &Observed,
    detection: Detection,
    prometheus: Prometheus,
) -> Option<ReplayReport> {
    let (from, to) = observed.span()?;
    let budget = plan.target.budget_fraction();
    let window = plan.window.seconds();
    let seconds = observed.seconds().max(1.0);
    // The bad events a window's budget allows, at the history's mean traffic.
    let allowed = (budget * observed.total() / seconds * window).max(f64::MIN_POSITIVE);
    let budget_from = (to - window as i64).max(from);
    let (bad, total) = observed.events_between(budget_from, to);
    let budget_percent = if total > 0.0 {
        bad / total / budget * 100.0
    } else {
        0.0
    };
    let allowed_in_span = (budget * total).max(f64::MIN_POSITIVE);

    let found = observed.episodes(
        budget * detection.burn_rate,
        detection.merge_gap_seconds,
        SMOOTHING_SECONDS,
    );
    let incidents: Vec<Detected> = found
        .iter()
        .map(|e| detected(plan, observed, e, allowed, detection))
        .collect();

    let mut tier_sets: Vec<(String, String, Vec<Tier>)> = vec![(
        "This plan's tiers".to_owned(),
        "plan".to_owned(),
        plan.tiers.clone(),
    )];
    for preset in [Preset::Workbook, Preset::Pyrra] {
        let tiers = preset.tiers(window);
        if tier_sets.iter().all(|(_, _, t)| !same_tiers(t, &tiers)) {
            tier_sets.push((
                format!("{} preset", preset.name()),
                preset.name().to_owned(),
                tiers,
            ));
        }
    }
    let weeks = (to - from) as f64 / WEEK;
    let policies = tier_sets
        .into_iter()
        .map(|(name, short_name, tiers)| {
            policy(
                observed,
                plan,
                (name, short_name),
                &tiers,
                &found,
                &incidents,
                allowed,
                weeks,
                prometheus,
            )
        })
        .collect();

    Some(ReplayReport {
        from,
        to,
        step_seconds: observed.step,
        gaps: observed.gaps.clone(),
        error_percent: observed.error_ratio() * 100.0,
        budget_from,
        budget_percent,
        burn_down: burn_down(observed, budget_from, to, allowed_in_span),
        burn_rates: burn_rates(observed, budget),
        stretch_seconds: stretch(observed) as f64 * observed.step,
        highest_burn: 1.0 / budget,
        incidents,
        daily_peaks: Vec::new(),
        policies,
        detection,
        prometheus,
    })
}

impl ReplayReport {
    /// With each day's peak request rate of `observed` (call it only when the history
    /// counts events: see [`crate::replay::Reading::counts_events`]).
    pub fn with_daily_peaks(self, observed: &Observed) -> Self {
        let mut peaks: Vec<(i64, f64)> = Vec::new();
        for i in &observed.intervals {
            let seconds = (i.end - i.start) as f64;
            if seconds <= 0.0 {
                continue;
            }
            let (day, rate) = ((i.end - 1).div_euclid(86_400) * 86_400, i.total / seconds);
            match peaks.last_mut() {
                Some(last) if last.0 == day => last.1 = last.1.max(rate),
                _ => peaks.push((day, rate)),
            }
        }
        ReplayReport {
            daily_peaks: peaks,
            ..self
        }
    }

    /// The lowest and highest daily peak, requests per second (`None` without peaks).
    pub fn daily_peak_range(&self) -> Option<(f64, f64)> {
        let rates = self.daily_peaks.iter().map(|p| p.1);
        Some((rates.clone().reduce(f64::min)?, rates.reduce(f64::max)?))
    }

    /// The daily peaks as the Capacity page's demand history: `YYYY-MM-DD,req/s` lines,
    /// at most the rows a pasted table holds (the latest kept).
    pub fn demand_history(&self) -> String {
        let skip = self.daily_peaks.len().saturating_sub(crate::table::MAX_ROWS);
        self.daily_peaks[skip..]
            .iter()
            .filter_map(|&(day, rate)| {
                let date = Instant::from_unix_seconds(day).ok()?.to_string();
                Some(format!("{},{}\n", &date[..10], trim_decimals(rate, 3)))
            })
            .collect()
    }

    /// The edit that fills the demand history with the daily peaks and fits the growth to
    /// them (keeping an exponential fit when one is chosen, a straight line otherwise).
    pub fn fill_capacity(&self, capacity: &CapacitySpec) -> PlanEdit {
        let growth = match capacity.growth {
            GrowthSpec::FitExponential => GrowthSpec::FitExponential,
            _ => GrowthSpec::FitLinear,
        };
        PlanEdit::Capacity {
            capacity: Box::new(CapacitySpec {
                history: self.demand_history(),
                growth,
                ..capacity.clone()
            }),
        }
    }
}

fn same_tiers(a: &[Tier], b: &[Tier]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.severity() == y.severity()
                && (x.long() - y.long()).abs() < 0.5
                && (x.short() - y.short()).abs() < 0.5
                && (x.burn_rate() - y.burn_rate()).abs() < 1e-9 * x.burn_rate().max(1.0)
        })
}

/// `e`'s intervals of `observed` as the simulator's phases (see [`Detected::phases`]),
/// within the simulator's 90 days.
fn phases(observed: &Observed, e: &Episode) -> Vec<PhaseSpec> {
    let first = observed.intervals.partition_point(|i| i.end <= e.start);
    let inside = &observed.intervals[first..];
    let inside = &inside[..inside.partition_point(|i| i.start < e.end)];
    let per_phase = inside.len().div_ceil(MAX_PHASES).max(1);
    inside
        .chunks(per_phase)
        .filter_map(|chunk| {
            let (from, to) = (chunk.first()?.start.max(e.start), chunk.last()?.end);
            let (bad, total) = chunk
                .iter()
                .fold((0.0, 0.0), |(b, n), i| (b + i.bad, n + i.total));
            let percent = if total > 0.0 {
                (bad / total * 100.0).clamp(0.0, 100.0)
            } else {
                0.0
            };
            let start_seconds = (from - e.start) as f64;
            let duration_seconds = ((to - from) as f64).min(MAX_HORIZON - start_seconds);
            (duration_seconds > 0.0).then_some(PhaseSpec {
                start_seconds,
                duration_seconds,
                from_percent: percent,
                to_percent: percent,
            })
        })
        .collect()
}

fn detected(
    plan: &ValidPlan,
    observed: &Observed,
    e: &Episode,
    allowed: f64,
    detection: Detection,
) -> Detected {
    let error_percent = if e.total > 0.0 {
        e.bad / e.total * 100.0
    } else {
        0.0
    };
    let budget_percent = e.bad / allowed * 100.0;
    let start = Instant::from_unix_seconds(e.start).map_or_else(|_| e.start.to_string(), |t| t.to_string());
    Detected {
        start: e.start,
        end: e.end,
        error_percent,
        budget_percent,
        counts: budget_percent >= detection.min_budget_percent,
        incident: IncidentSpec {
            label: format!("observed {start}"),
            slos: Some(vec![plan.selected]),
            start,
            duration_seconds: (e.end - e.start).max(1) as f64,
            // The incident's error ratio, held over its span: at steady traffic, the
            // budget share the history shows.
            impact: ImpactSpec::Percent(error_percent.clamp(1e-9, 100.0)),
        },
        phases: phases(observed, e),
    }
}

#[allow(clippy::too_many_arguments)] // the parts of one replay, named
fn policy(
    observed: &Observed,
    plan: &ValidPlan,
    (name, short_name): (String, String),
    tiers: &[Tier],
    found: &[Episode],
    incidents: &[Detected],
    allowed: f64,
    weeks: f64,
    prometheus: Prometheus,
) -> PolicyReplay {
    let fired: Vec<Vec<Alerted>> = tiers
        .iter()
        .map(|t| observed.backtest(*t, plan.target, prometheus.selector()))
        .collect();
    // A tier's firing belongs to an incident when it overlaps it, or follows it by
    // less than the tier's short window (which still holds the incident's errors).
    let overlaps = |a: &Alerted, e: &Episode, tier: Tier| {
        a.start <= e.end + tier.short() as i64 && a.end.is_none_or(|end| end > e.start)
    };
    let counted: Vec<&Episode> = found
        .iter()
        .zip(incidents)
        .filter(|(_, d)| d.counts)
        .map(|(e, _)| e)
        .collect();
    let mut replays = Vec::with_capacity(tiers.len());
    let (mut pages, mut tickets, mut false_alerts) = (0, 0, 0);
    for (i, (tier, spans)) in tiers.iter().zip(&fired).enumerate() {
        let false_here = spans
            .iter()
            .filter(|a| !counted.iter().any(|e| overlaps(a, e, *tier)))
            .count();
        false_alerts += false_here;
        if tier.severity() == Severity::Page {
            pages += spans.len();
        } else {
            tickets += spans.len();
        }
        replays.push(TierReplay {
            label: tier_label(i, *tier),
            pages: tier.severity() == Severity::Page,
            spans: spans.iter().map(|a| (a.start, a.end)).collect(),
            false_alerts: false_here,
        });
    }
    let caught: Vec<Option<Caught>> = found
        .iter()
        .map(|e| {
            tiers
                .iter()
                .zip(&fired)
                .enumerate()
                .filter_map(|(i, (tier, spans))| {
                    spans
                        .iter()
                        .find(|a| overlaps(a, e, *tier))
                        .map(|a| (i, a.start.max(e.start)))
                })
                .min_by_key(|(_, at)| *at)
                .map(|(tier, at)| Caught {
                    tier,
                    at,
                    budget_before_percent: observed.events_between(e.start, at).0 / allowed * 100.0,
                })
        })
        .collect();
    let missed = caught
        .iter()
        .zip(incidents)
        .filter(|(c, d)| d.counts && c.is_none())
        .count();
    let per_week = |n: usize| if weeks > 0.0 { n as f64 / weeks } else { 0.0 };
    PolicyReplay {
        name,
        short_name,
        tiers: replays,
        pages_per_week: per_week(pages),
        tickets_per_week: per_week(tickets),
        missed,
        false_alerts,
        caught,
    }
}

/// Drawn points of the budget left from `from` to `to`: at most [`DRAWN_POINTS`].
fn burn_down(observed: &Observed, from: i64, to: i64, allowed: f64) -> Vec<(i64, f64)> {
    let first = observed.intervals.partition_point(|i| i.end <= from);
    let kept = &observed.intervals[first..];
    let every = kept.len().div_ceil(DRAWN_POINTS).max(1);
    let mut spent = 0.0;
    let mut points = vec![(from, 100.0)];
    for (k, i) in kept.iter().enumerate() {
        spent += i.bad;
        if (k + 1) % every == 0 || k + 1 == kept.len() {
            points.push((i.end.min(to), 100.0 - spent / allowed * 100.0));
        }
    }
    points
}

/// How many intervals each of at most [`DRAWN_POINTS`] drawn stretches holds.
fn stretch(observed: &Observed) -> usize {
    observed.intervals.len().div_ceil(DRAWN_POINTS).max(1)
}

/// The burn rate of each of at most [`DRAWN_POINTS`] stretches of the history.
fn burn_rates(observed: &Observed, budget: f64) -> Vec<(i64, f64)> {
    observed
        .intervals
        .chunks(stretch(observed))
        .filter_map(|chunk| {
            let (bad, total) = chunk
                .iter()
                .fold((0.0, 0.0), |(b, n), i| (b + i.bad, n + i.total));
            let end = chunk.last()?.end;
            (total > 0.0).then(|| (end, bad / total / budget))
        })
        .collect()
}

/// The history on a timeline (its burn rate, incidents, gaps and each policy's alerts),
/// whose threshold dragged makes a new detection.
pub fn timeline_chart(report: &ReplayReport) -> Rc<Editable<ReplayChart, Detection>> {
    let chart = ReplayChart {
        from: report.from,
        to: report.to,
        burn_rates: report.burn_rates.clone(),
        stretch_seconds: report.stretch_seconds,
        threshold: report.detection.burn_rate,
        highest_burn: report.highest_burn,
        incidents: report
            .incidents
            .iter()
            .map(|d| IncidentBand {
                start: d.start,
                end: d.end,
                counts: d.counts,
                budget_percent: d.budget_percent,
            })
            .collect(),
        gaps: report.gaps.clone(),
        policies: report
            .policies
            .iter()
            .map(|p| PolicyLane {
                name: p.short_name.clone(),
                tiers: p
                    .tiers
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TierLane {
                        name: format!("tier {}", i + 1),
                        pages: t.pages,
                        spans: t.spans.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let detection = report.detection;
    Rc::new(Editable::new(chart, move |moved: ThresholdMoved| {
        (moved.burn_rate != detection.burn_rate).then_some(Detection {
            burn_rate: moved.burn_rate,
            ..detection
        })
    }))
}

/// The budget left over the stretch the history's budget is counted over, with the
/// incidents found in it marked where they start (`None` for a history outside the
/// instants the engine takes, which the reader refuses).
pub fn burn_down_chart(report: &ReplayReport) -> Option<PlanChart<LineChart<()>>> {
    let start = Instant::from_unix_seconds(report.budget_from).ok()?;
    let day = |t: i64| (t - report.budget_from) as f64 / 86_400.0;
    let points: Vec<(f64, f64)> = report.burn_down.iter().map(|&(t, left)| (day(t), left)).collect();
    let lowest = points.iter().map(|p| p.1).fold(0.0, f64::min);
    let mut markers = vec![Marker {
        label: "budget exhausted".to_owned(),
        at: 0.0,
        upright: false,
        knob: None,
        dashed: true,
    }];
    markers.extend(
        report
            .incidents
            .iter()
            .filter(|d| d.counts && d.start >= report.budget_from)
            .map(|d| Marker {
                label: format!("incident, {}% of the budget", trim_decimals(d.budget_percent, 2)),
                at: day(d.start),
                upright: true,
                knob: None,
                dashed: true,
            }),
    );
    let left = 100.0 - report.budget_percent;
    let chart = LineChart {
        file_name: "history-burn-down.svg",
        x: (
            Axis {
                min: 0.0,
                max: day(report.to).max(1.0 / 24.0),
                log: false,
            },
            Unit::Days { start },
        ),
        y: (
            Axis {
                min: (lowest * 1.1).min(-10.0),
                max: 105.0,
                log: false,
            },
            Unit::Percent,
        ),
        titles: ("time (UTC)", "budget left (%)"),
        series: vec![Series {
            label: "budget left, observed".to_owned(),
            points,
            style: Style::Line,
            hue: 0,
        }],
        markers,
        notes: Vec::new(),
        summary: format!(
            "Line chart of the error budget left from {} to {} according to the observed history: \
             it ends at {}% left, {}% spent{}.",
            Instant::readable_unix(report.budget_from),
            Instant::readable_unix(report.to),
            trim_decimals(left, 2),
            trim_decimals(report.budget_percent, 2),
            if left < 0.0 { ", overspent" } else { "" }
        ),
    };
    Some(editable(chart, |_: MarkerMoved<()>| None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Plan;
    use slo_engine::observed::Counting;

    /// 30 days at one minute, 1,000 requests a minute, half failing for 20 minutes
    /// from day 10 and 0.4 % for a day and a half from day 20.
    fn month() -> Observed {
        let minutes = 30 * 1_440;
        let (deploy, burn) = (10 * 1_440, 20 * 1_440);
        let (mut bad, mut total) = (vec![(0, 5_000.0)], vec![(0, 1_000_000.0)]);
        for m in 1..=minutes {
            let b = if (deploy..deploy + 20).contains(&m) {
                500.0
            } else if (burn..burn + 2_160).contains(&m) {
                4.0
            } else {
                0.0
            };
            bad.push((60 * m, bad[bad.len() - 1].1 + b));
            total.push((60 * m, total[total.len() - 1].1 + 1_000.0));
        }
        Observed::from_counts(&bad, &total, Counting::Counter).unwrap()
    }

    #[test]
    fn an_incident_found_becomes_the_simulated_incident_spending_what_it_spent() {
        let plan = Plan::default();
        let valid = plan.validate().unwrap();
        let report = replay_report(&valid, &month(), Detection::default(), Prometheus::V3).unwrap();
        for d in &report.incidents {
            assert!(!d.phases.is_empty() && d.phases.len() <= MAX_PHASES);
            // Contiguous from the incident's start to its end.
            assert_eq!(d.phases[0].start_seconds, 0.0);
            for w in d.phases.windows(2) {
                assert_eq!(w[0].start_seconds + w[0].duration_seconds, w[1].start_seconds);
            }
            let last = d.phases.last().unwrap();
            assert_eq!(
                last.start_seconds + last.duration_seconds,
                (d.end - d.start) as f64
            );
            // At this month's steady traffic, the phases' mean error ratio is the
            // incident's.
            let (spent, seconds) = d.phases.iter().fold((0.0, 0.0), |(s, t), p| {
                (s + p.from_percent * p.duration_seconds, t + p.duration_seconds)
            });
            assert!((spent / seconds - d.error_percent).abs() < 1e-9, "{d:?}");
            let simulated = plan.edited(d.simulate()).unwrap();
            assert_eq!(simulated.slo().alerts.incident, d.phases);
        }
        // The 20-minute deploy at 50 %: one step at 50 % for each of its minutes, in at
        // most six phases.
        let deploy = &report.incidents[0];
        assert!(
            deploy.phases.iter().all(|p| p.from_percent == 50.0),
            "{:?}",
            deploy.phases
        );
    }

    #[test]
    fn daily_peaks_fill_the_demand_history_and_fit_it() {
        let plan = Plan::default();
        let valid = plan.validate().unwrap();
        let report = replay_report(&valid, &month(), Detection::default(), Prometheus::V3)
            .unwrap()
            .with_daily_peaks(&month());
        // 1,000 requests a minute all month: 16.667 req/s every day of the 30.
        assert_eq!(report.daily_peaks.len(), 30);
        assert!(report
            .daily_peaks
            .iter()
            .all(|p| (p.1 - 1_000.0 / 60.0).abs() < 1e-9));
        let (low, high) = report.daily_peak_range().unwrap();
        assert!((low - 1_000.0 / 60.0).abs() < 1e-9 && (high - low).abs() < 1e-9);
        let history = report.demand_history();
        assert!(history.starts_with("1970-01-01,16.667\n"), "{history}");
        let PlanEdit::Capacity { capacity } = report.fill_capacity(&plan.capacity) else {
            panic!("not a capacity edit");
        };
        assert_eq!(capacity.growth, GrowthSpec::FitLinear);
        assert!(crate::capacity::check_history(capacity.growth, &capacity.history).is_ok());
        assert_eq!(capacity.instances, plan.capacity.instances);
    }

    #[test]
    fn a_month_with_a_deploy_and_a_slow_burn() {
        let plan = Plan::default();
        let valid = plan.validate().unwrap();
        let report = replay_report(&valid, &month(), Detection::default(), Prometheus::V3).unwrap();
        // Bad: 20 × 500 + 2,160 × 4 = 18,640 of 43.2 million: 43.1 % of a 99.9 % budget.
        assert!(
            (report.budget_percent - 18_640.0 / 43_200.0 * 100.0).abs() < 1e-6,
            "{}",
            report.budget_percent
        );
        assert_eq!(report.incidents.len(), 2);
        let (deploy, burn) = (&report.incidents[0], &report.incidents[1]);
        assert_eq!(
            (deploy.start, deploy.end),
            (10 * 86_400 - 60, 10 * 86_400 + 19 * 60)
        );
        assert!((deploy.error_percent - 50.0).abs() < 1e-9);
        // 10,000 bad of the 43,200 a window allows.
        assert!((deploy.budget_percent - 10_000.0 / 43_200.0 * 100.0).abs() < 1e-9);
        assert!((burn.error_percent - 0.4).abs() < 1e-9);
        let ours = report.plan_policy();
        assert_eq!(ours.missed, 0);
        assert_eq!(ours.false_alerts, 0);
        // The deploy pages (tier 1, 14.4× over 1 h) within its first minutes.
        let caught = ours.caught[0].unwrap();
        assert_eq!(caught.tier, 0);
        assert!(caught.at - deploy.start <= 300, "{caught:?}");
        // The slow burn (4× the allowed rate) is caught by a ticket.
        let slow = ours.caught[1].unwrap();
        assert!(!ours.tiers[slow.tier].pages, "{slow:?}");
        // The Workbook preset is the plan's own tiers; Pyrra's differ and are compared.
        assert_eq!(report.policies.len(), 2);
        assert_eq!(report.policies[1].name, "Pyrra preset");
        assert!(report.burn_rates.len() <= DRAWN_POINTS);
        assert!(report.burn_down.len() <= DRAWN_POINTS + 1);
        let last = report.burn_down.last().unwrap().1;
        assert!((last - (100.0 - report.budget_percent)).abs() < 1e-6, "{last}");
    }

    #[test]
    fn a_detected_incident_adds_to_the_plan_as_its_error_ratio() {
        let plan = Plan::default();
        let valid = plan.validate().unwrap();
        let report = replay_report(&valid, &month(), Detection::default(), Prometheus::V3).unwrap();
        let with = plan.with(report.incidents[0].add());
        let added = with.budget.incidents.last().unwrap();
        assert_eq!(added.start, "1970-01-10T23:59:00Z");
        assert_eq!(added.duration_seconds, 1_200.0);
        assert_eq!(added.impact, ImpactSpec::Percent(50.0));
        assert!(with.validate().is_ok());
    }

    #[test]
    fn noise_under_the_minimum_is_not_missed_and_a_higher_threshold_finds_less() {
        let plan = Plan::default();
        let valid = plan.validate().unwrap();
        let strict = Detection {
            burn_rate: 10.0,
            ..Detection::default()
        };
        let report = replay_report(&valid, &month(), strict, Prometheus::V2).unwrap();
        // The 0.4 % burn is 4×: under a 10× threshold only the deploy is found.
        assert_eq!(report.incidents.len(), 1);
        let noise = Detection {
            min_budget_percent: 50.0,
            ..Detection::default()
        };
        let report = replay_report(&valid, &month(), noise, Prometheus::V3).unwrap();
        assert!(report.incidents.iter().all(|d| !d.counts));
        assert_eq!(report.plan_policy().missed, 0);
        // Every firing is now during no incident that counts.
        let fired: usize = report.plan_policy().tiers.iter().map(|t| t.spans.len()).sum();
        assert_eq!(report.plan_policy().false_alerts, fired);
    }
}
