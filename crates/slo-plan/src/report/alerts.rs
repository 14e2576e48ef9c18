//! What the Alerts page shows, derived from a valid plan in one call.

use super::{editable, PlanChart};
use crate::alerts::{preset, AlertsSpec, MetricSpec, PhaseSpec, RatioSpec};
use crate::edit::PlanEdit;
use crate::export::prometheus::{duration, rules, Ratio, RulesInput};
use crate::model::ValidPlan;
use crate::Plan;
use slo_charts::detection_time::{DetectionChart, ErrorRateMoved};
use slo_charts::incident_timeline::{IncidentChart, PhaseMoved, PhaseSpan};
use slo_engine::alert_timeline::{horizon_for, simulate_incident, step_for, Timeline};
use slo_engine::burn_rate::{quality, Preset, Severity, Tier};
use slo_engine::explain::Explanation;
use slo_engine::formula::{Figure, Term, Working};
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};
use slo_engine::window::Window;

/// One tier's line.
#[derive(Debug, Clone, PartialEq)]
pub struct TierRow {
    /// "page" or "ticket".
    pub severity: &'static str,
    /// Burn-rate threshold, e.g. `14.4`.
    pub burn_rate: String,
    /// Share of the budget spent when it fires, percent, e.g. `2`.
    pub budget_percent: String,
    /// Seconds to fire at the chosen error rate, if it fires.
    pub time_to_fire: Option<f64>,
    /// The same for reading, or "never at this rate".
    pub time_to_fire_text: String,
    /// Seconds to reset after the errors stop.
    pub reset_seconds: f64,
    /// The same for reading.
    pub reset_text: String,
    /// The lowest error rate it detects, e.g. `1.44%`.
    pub min_error_rate: String,
    /// How the figures are computed.
    pub explained: Explanation,
}

/// A preset as it would apply to the plan's window.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetRow {
    /// The preset.
    pub preset: Preset,
    /// How it scales, in a sentence.
    pub scaling: &'static str,
    /// Its tiers for the plan's window, e.g. "page 14.4× 1h/5m, …".
    pub tiers: String,
    /// The edit that makes them the SLO's tiers.
    pub apply: PlanEdit,
}

/// Tiers a preset made for another window than the SLO's: said, with the edit that
/// rescales them.
#[derive(Debug, Clone, PartialEq)]
pub struct Rescale {
    /// What is wrong, in a sentence.
    pub message: String,
    /// The button's label.
    pub label: String,
    /// The preset's tiers for the SLO's window.
    pub edit: PlanEdit,
}

/// The windows whose preset tiers are recognised: every rolling window and the
/// calendar periods.
fn preset_windows() -> impl Iterator<Item = Window> {
    (1..=slo_engine::window::MAX_ROLLING_DAYS)
        .map(|days| Window::Rolling { days })
        .chain([
            Window::CalendarMonth,
            Window::CalendarQuarter,
            Window::CalendarYear,
        ])
}

/// When `tiers` are exactly a preset's for a window other than `window`, the notice
/// that says so and offers the preset's tiers for `window`.
fn rescale(tiers: &[crate::alerts::TierSpec], window: Window) -> Option<Rescale> {
    let here = window.seconds();
    // Sloth's tiers equal the Workbook's for every window: one name is enough.
    [Preset::Workbook, Preset::Pyrra].into_iter().find_map(|p| {
        let ours = preset(p, here);
        if ours == tiers || ours.len() != tiers.len() {
            return None;
        }
        let made_for = preset_windows().find(|w| w.seconds() != here && preset(p, w.seconds()) == tiers)?;
        Some(Rescale {
            message: format!(
                "These are the {} tiers for a {} window, but this SLO's window is {}: their burn \
                 rates and windows do not spend its budget as the preset means them to.",
                p.name(),
                window_name(made_for),
                window_name(window)
            ),
            label: format!("Use the {} tiers for a {} window", p.name(), window_name(window)),
            edit: PlanEdit::Tiers { tiers: ours },
        })
    })
}

/// A window in words: "30-day", "calendar month".
fn window_name(window: Window) -> String {
    match window {
        Window::Rolling { days } => format!("{days}-day rolling"),
        Window::CalendarMonth => "calendar month".to_owned(),
        Window::CalendarQuarter => "calendar quarter".to_owned(),
        Window::CalendarYear => "calendar year".to_owned(),
    }
}

/// What the simulated incident did to one tier.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedTier {
    /// Seconds from the incident's start to the first firing, if it fired.
    pub fired_at: Option<f64>,
    /// In words: "fires after 3m, resets at 42m" or "never fires".
    pub text: String,
}

/// The Alerts page's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertsReport {
    /// One line per tier, in table order.
    pub tiers: Vec<TierRow>,
    /// Time to exhaust the whole budget at the chosen error rate.
    pub exhaustion: String,
    /// How it is computed.
    pub exhaustion_explained: Explanation,
    /// What a user must know: tiers that cannot help, pages on one error, redundancy.
    pub warnings: Vec<String>,
    /// The Prometheus rules.
    pub rules_yaml: String,
    /// The presets, for the plan's window.
    pub presets: Vec<PresetRow>,
    /// Tiers of a preset made for another window, if they are.
    pub rescale: Option<Rescale>,
    /// The simulated incident, tier by tier.
    pub simulated: Vec<SimulatedTier>,
    /// Share of the budget the simulated incident spends, percent.
    pub simulated_budget_percent: String,
    /// How it is computed.
    pub simulated_budget_explained: Explanation,
    /// The simulated incident run through every tier, for its chart.
    pub timeline: Timeline,
}

impl AlertsReport {
    /// Every "how is this computed?" the page shows, for the check that each one adds up.
    pub fn explanations(&self) -> Vec<&Explanation> {
        let mut all: Vec<&Explanation> = self.tiers.iter().map(|t| &t.explained).collect();
        all.push(&self.exhaustion_explained);
        all.push(&self.simulated_budget_explained);
        all
    }
}

/// The Alerts page's charts: detection time versus error rate, and the simulated incident.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertsCharts {
    /// Detection time against error rate; dragging the error-rate line sets it.
    pub detection: PlanChart<DetectionChart>,
    /// The simulated incident; dragging a phase moves its start.
    pub incident: PlanChart<IncidentChart>,
}

/// The charts of `report`, the Alerts page of `plan`.
pub fn alerts_charts(plan: &ValidPlan, alerts: &AlertsSpec, report: &AlertsReport) -> AlertsCharts {
    let window = plan.window.seconds();
    let labels = plan
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{}: {} {}× {}",
                i + 1,
                t.severity().name(),
                grouped(t.burn_rate(), 3),
                duration(t.long())
            )
        })
        .collect();
    let detection = DetectionChart::new(&plan.tiers, labels, plan.target, window, plan.alert_error_rate);
    let incident = IncidentChart {
        timeline: report.timeline.clone(),
        tiers: plan.tiers.clone(),
        phases: alerts
            .incident
            .iter()
            .map(|p| PhaseSpan {
                start_seconds: p.start_seconds,
                duration_seconds: p.duration_seconds,
            })
            .collect(),
        budget_fraction: plan.target.budget_fraction(),
    };
    let phases = alerts.incident.clone();
    AlertsCharts {
        detection: editable(detection, |moved: ErrorRateMoved| {
            Some(PlanEdit::AlertErrorRate {
                percent: moved.percent,
            })
        }),
        incident: editable(incident, move |moved: PhaseMoved| {
            Some(PlanEdit::SetPhase {
                index: moved.index,
                phase: PhaseSpec {
                    start_seconds: moved.start_seconds,
                    ..*phases.get(moved.index)?
                },
            })
        }),
    }
}

/// The simulated incident run through every tier.
fn simulation(plan: &ValidPlan) -> Timeline {
    let horizon = horizon_for(&plan.phases, &plan.tiers);
    simulate_incident(
        &plan.phases,
        &plan.tiers,
        plan.target,
        plan.window.seconds(),
        horizon,
        step_for(horizon, &plan.tiers),
    )
}

/// Warnings about the tiers, each named by its number from 1 as the page shows it.
fn warnings(plan: &ValidPlan, window: f64) -> Vec<String> {
    let mut out = Vec::new();
    let rate = plan.traffic.requests_per_second();
    for (i, tier) in plan.tiers.iter().enumerate() {
        let n = i + 1;
        let share = tier.budget_share(window);
        if share >= 1.0 {
            out.push(format!(
                "Tier {n} lets {}% of the budget burn before it can fire: the budget is gone first.",
                grouped(share * 100.0, 1)
            ));
        }
        let theta = tier.error_threshold(plan.target);
        if theta > 1.0 {
            out.push(format!(
                "Tier {n} needs an error rate of {}%: it can never fire.",
                grouped(theta * 100.0, 1)
            ));
        }
        let lowest_traffic = tier.fires_on_one_error_below(plan.target);
        if rate < lowest_traffic {
            let fires = match tier.severity() {
                Severity::Page => "pages",
                Severity::Ticket => "opens a ticket",
            };
            out.push(format!(
                "Tier {n} {fires} on a single failed request: at {} req/s one error is {}% of the \
                 requests in its {} long window (and more of its {} short window), above its {}% \
                 threshold. It takes at least {} req/s for one error not to fire it.",
                grouped(rate, 3),
                grouped(100.0 / (rate * tier.long()), 3),
                duration(tier.long()),
                duration(tier.short()),
                grouped(theta * 100.0, 4),
                grouped(lowest_traffic, 3)
            ));
        }
        for (j, other) in plan.tiers.iter().enumerate().take(i) {
            let dominates = other.severity() == tier.severity()
                && other.error_threshold(plan.target) <= theta
                && other.long() * other.burn_rate() <= tier.long() * tier.burn_rate();
            if dominates {
                let m = j + 1;
                out.push(format!(
                    "Tier {n} overlaps tier {m}: tier {m} detects every error rate tier {n} detects, at \
                     least as fast, with the same severity."
                ));
            }
        }
    }
    out
}

fn simulated(timeline: &Timeline) -> Vec<SimulatedTier> {
    timeline
        .tiers
        .iter()
        .map(|trace| match trace.firings.first() {
            None => SimulatedTier {
                fired_at: None,
                text: "never fires".to_owned(),
            },
            Some(span) => SimulatedTier {
                fired_at: Some(span.start),
                text: format!(
                    "fires {} after the start{}{}",
                    human_duration(span.start),
                    span.end
                        .map_or(", still firing at the end".to_owned(), |e| format!(
                            ", resets {} after the start",
                            human_duration(e)
                        )),
                    match trace.firings.len() {
                        1 => String::new(),
                        n => format!(" ({n} times in all)"),
                    }
                ),
            },
        })
        .collect()
}

fn presets(window: f64) -> Vec<PresetRow> {
    Preset::ALL
        .iter()
        .map(|&p| PresetRow {
            preset: p,
            scaling: p.scaling(),
            apply: PlanEdit::Tiers {
                tiers: preset(p, window),
            },
            tiers: preset(p, window)
                .iter()
                .map(|t| {
                    let sev = if t.severity == crate::alerts::SeveritySpec::Page {
                        "page"
                    } else {
                        "ticket"
                    };
                    format!(
                        "{sev} {}× {}/{}",
                        grouped(t.burn_rate, 3),
                        duration(t.long_seconds),
                        duration(t.short_seconds)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

/// The Prometheus rules of every SLO of `plan` (validated as `valid`), a group per SLO,
/// each with the queries its SLI needs.
pub fn plan_rules(plan: &Plan, valid: &ValidPlan) -> String {
    let slos: Vec<(ValidPlan, MetricSpec)> = (0..plan.slos.len())
        .filter_map(|i| Some((valid.for_slo(plan, i).ok()?, plan.slos[i].metric(&plan.service))))
        .collect();
    let inputs: Vec<RulesInput<'_>> = slos
        .iter()
        .map(|(one, metric)| RulesInput {
            service: &plan.service,
            slo: &plan.slos[one.selected].name,
            timeslice: match one.sli {
                slo_engine::SliKind::Timeslice(slice) => Some((slice.seconds(), slice.max_error_rate())),
                _ => None,
            },
            target: one.target,
            numerator: &metric.numerator,
            total: &metric.total,
            ratio: match metric.ratio {
                RatioSpec::BadOverTotal => Ratio::BadOverTotal,
                RatioSpec::GoodOverTotal => Ratio::GoodOverTotal,
            },
            tiers: &one.tiers,
        })
        .collect();
    rules(&inputs)
}

/// Explains a tier's time to fire and reset at the plan's steady error rate `e` over an
/// SLO window of `window` seconds.
fn tier_explained(tier: Tier, plan: &ValidPlan, window: f64, e: f64) -> Explanation {
    let q = quality(tier, plan.target, window, e);
    let threshold = || {
        Term::product(vec![
            Term::exact(tier.burn_rate(), ""),
            Term::exact(plan.target.budget_fraction(), ""),
        ])
    };
    let fire = Term::product(vec![Term::exact(tier.long(), "s"), threshold()]).over(Term::exact(e, ""));
    let reset = Term::product(vec![
        Term::exact(tier.short(), "s"),
        threshold().over(Term::exact(e, "")).complement(),
    ]);
    let spent = format!(
        ", having spent {}% of the budget",
        trim_decimals(tier.budget_share(window) * 100.0, 2)
    );
    let workings = match q.time_to_fire {
        Some(seconds) => vec![
            Working::new(fire, Figure::duration(seconds).after("fires after ").then(spent)),
            Working::new(
                reset,
                Figure::duration(q.reset_time)
                    .after("resets ")
                    .then(" after the errors stop"),
            ),
        ],
        None => vec![Working::new(
            Term::exact(e, "").words(format!(
                "is under the threshold {} × {}",
                grouped(tier.burn_rate(), 3),
                grouped(plan.target.budget_fraction(), 9)
            )),
            Figure::stated("never fires at this error rate: nothing to reset"),
        )],
    };
    Explanation {
        formula: "time to fire = long window × burn rate × (1 − target) ÷ error rate; \
                  reset = short window × (1 − burn rate × (1 − target) ÷ error rate)"
            .to_owned(),
        workings,
        convention: Some(format!("SLO window {} s", grouped(window, 0))),
    }
}

/// Derives the Alerts page from a valid plan, simulating its incident.
pub fn alerts_report(plan: &ValidPlan, spec: &Plan) -> AlertsReport {
    let timeline = simulation(plan);

    let window = plan.window.seconds();
    let e = plan.alert_error_rate;
    let tiers = plan
        .tiers
        .iter()
        .map(|&tier| {
            let q = quality(tier, plan.target, window, e);
            let theta = tier.error_threshold(plan.target);
            TierRow {
                severity: tier.severity().name(),
                burn_rate: grouped(tier.burn_rate(), 3),
                budget_percent: trim_decimals(tier.budget_share(window) * 100.0, 2),
                time_to_fire: q.time_to_fire,
                time_to_fire_text: q
                    .time_to_fire
                    .map_or("never at this rate".to_owned(), human_duration),
                reset_seconds: q.reset_time,
                reset_text: if q.time_to_fire.is_some() {
                    human_duration(q.reset_time)
                } else {
                    "nothing to reset".to_owned()
                },
                min_error_rate: format!("{}%", percent(theta * 100.0)),
                explained: tier_explained(tier, plan, window, e),
            }
        })
        .collect();
    let exhaustion = human_duration(window * plan.target.budget_fraction() / e);
    let rules_yaml = plan_rules(spec, plan);
    let spent = timeline.budget_spent.last().copied().unwrap_or(0.0);
    let fraction = || Term::exact(plan.target.budget_fraction(), "");
    let error_rate = || Term::exact(e, "");
    let exhaustion_explained = Explanation::new(
        "time to exhaustion = SLO window × (1 − target) ÷ error rate",
        Working::new(
            Term::product(vec![Term::exact(window, "s"), fraction()]).over(error_rate()),
            Figure::duration(window * plan.target.budget_fraction() / e),
        ),
        Some("a steady error rate from now on".to_owned()),
    );
    let simulated_budget_explained = Explanation::new(
        "budget spent = Σ error rate × step ÷ ((1 − target) × SLO window)",
        Working::new(
            Term::exact(spent * plan.target.budget_fraction() * window, "error-seconds")
                .over(Term::product(vec![fraction(), Term::exact(window, "s")])),
            Figure::percent(spent, 2).then(" of the budget"),
        ),
        Some(format!(
            "sampled every {}, each sample the exact mean error rate over its step; traffic taken as steady",
            human_duration(timeline.step)
        )),
    );
    AlertsReport {
        tiers,
        exhaustion,
        exhaustion_explained,
        simulated_budget_explained,
        warnings: warnings(plan, window),
        rules_yaml,
        presets: presets(window),
        rescale: rescale(&spec.slo().alerts.tiers, plan.window),
        simulated: simulated(&timeline),
        simulated_budget_percent: trim_decimals(spent * 100.0, 2),
        timeline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Plan;

    fn report(plan: &Plan) -> AlertsReport {
        let valid = plan.validate().unwrap();
        alerts_report(&valid, plan)
    }

    #[test]
    fn the_default_incident_pages_and_spends_its_share() {
        // 5 % errors for 30 minutes at 99.9 %: burn rate 50; the 14.4× 1 h page fires
        // after 1 h × 14.4 / 50 = 17m 17s (on the next one-minute sample: 18m).
        let r = report(&Plan::default());
        assert_eq!(r.simulated[0].fired_at, Some(1_080.0));
        assert!(
            r.simulated[0].text.starts_with("fires 18m after the start"),
            "{}",
            r.simulated[0].text
        );
        // 1,800 s × 5 % = 90 bad seconds of a 2,592 s budget.
        assert_eq!(r.simulated_budget_percent, "3.47");
        assert_eq!(
            r.simulated_budget_explained.substituted(),
            "90 error-seconds ÷ (0.001 × 2,592,000 s)"
        );
        assert_eq!(r.presets[2].tiers.split(", ").next(), Some("page 14× 1h4m/5m"));
    }

    #[test]
    fn workbook_tiers_at_three_nines_over_thirty_days() {
        let plan = Plan {
            slos: vec![crate::SloSpec {
                alerts: crate::alerts::AlertsSpec {
                    error_rate_percent: 100.0,
                    ..Default::default()
                },
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        };
        let r = report(&plan);
        let first = &r.tiers[0];
        assert_eq!(first.burn_rate, "14.4");
        assert_eq!(first.budget_percent, "2");
        assert_eq!(first.time_to_fire_text, "51.8s");
        assert_eq!(trim_decimals(first.time_to_fire.unwrap(), 3), "51.84");
        assert_eq!(first.min_error_rate, "1.44%");
        assert_eq!(r.exhaustion, "43m 12s");
        assert!(r.rules_yaml.contains("ErrorBudgetBurn_page_1h"));
    }

    #[test]
    fn tiers_made_for_another_window_are_said_and_rescaled() {
        // The default tiers are the Workbook's for 30 days; on a 90-day window they
        // are said to be, with the Workbook's 90-day tiers one click away.
        let mut plan = Plan::default();
        assert_eq!(report(&plan).rescale, None);
        plan.slo_mut().window = crate::WindowSpec::Rolling { days: 90 };
        let r = report(&plan).rescale.unwrap();
        assert!(
            r.message.starts_with("These are the SRE Workbook tiers for a 30-day rolling window, but this SLO's window is 90-day rolling"),
            "{}",
            r.message
        );
        let rescaled = plan.with(r.edit);
        assert_eq!(
            rescaled.slo().alerts.tiers,
            preset(Preset::Workbook, 90.0 * 86_400.0)
        );
        assert_eq!(report(&rescaled).rescale, None);
        // Edited tiers are the user's: nothing is said.
        plan.slo_mut().alerts.tiers[0].burn_rate = 10.0;
        assert_eq!(report(&plan).rescale, None);
    }

    #[test]
    fn a_tier_that_never_fires_has_nothing_to_reset() {
        // 5 % errors at 99.9 % burn at 50×: every Workbook tier fires. At 0.2 % (2×),
        // only the 1× tier does.
        let mut plan = Plan::default();
        plan.slo_mut().alerts.error_rate_percent = 0.2;
        let r = report(&plan);
        assert_eq!(r.tiers[0].time_to_fire_text, "never at this rate");
        assert_eq!(r.tiers[0].reset_text, "nothing to reset");
        assert_ne!(r.tiers[3].reset_text, "nothing to reset");
    }

    #[test]
    fn one_error_warns_only_below_the_rate_the_long_window_allows() {
        // The Workbook's tiers at 99.9 %: tier 1 (14.4× over 1 h and 5 m) fires on one
        // error below 1 ÷ (1.44 % × 3,600 s) = 0.0193 req/s. At 0.1 req/s one error is
        // 3.3 % of its 5-minute window but 0.28 % of its hour: it does not fire.
        let warned = |rate: f64| {
            let mut plan = Plan::default();
            plan.traffic.value = rate;
            report(&plan)
                .warnings
                .into_iter()
                .filter(|w| w.contains("single failed request"))
                .collect::<Vec<_>>()
        };
        assert_eq!(warned(0.1), Vec::<String>::new());
        let at_low = warned(0.01);
        assert_eq!(at_low.len(), 1, "{at_low:?}");
        assert!(
            at_low[0].starts_with("Tier 1 pages on a single failed request: at 0.01 req/s one error is 2.778% of the requests in its 1h long window"),
            "{}",
            at_low[0]
        );
        assert!(
            at_low[0].ends_with("It takes at least 0.019 req/s for one error not to fire it."),
            "{}",
            at_low[0]
        );
    }

    #[test]
    fn low_traffic_and_overlap_are_warned() {
        let mut plan = Plan::default();
        plan.traffic.value = 0.01;
        let tier = plan.slo().alerts.tiers[3];
        plan.slo_mut().alerts.tiers.push(tier);
        let r = report(&plan);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("pages on a single failed request")),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("Tier 5 overlaps tier 4")),
            "{:?}",
            r.warnings
        );
    }
}
