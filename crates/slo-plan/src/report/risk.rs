//! What the Risk page shows: the composite availability of the dependency tree, the
//! SLA's buffer, the Monte Carlo study of the plan and its scenarios, and their charts.
//! The study itself runs on the page's workers ([`super::study`]).

use super::study::{self, Study};
use super::PlanChart;
use crate::edit::PlanEdit;
use crate::model::ValidPlan;
use crate::risk::{NodeKind, RiskSpec};
use slo_charts::lines::{Knob, LineChart, Marker, MarkerMoved, Rounding, Series, Style, Unit};
use slo_charts::Axis;
use slo_engine::explain::Explanation;
use slo_engine::formula::{Figure, Working};
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};
use slo_engine::sla::Sla;
use std::rc::Rc;

/// A row of the dependency tree as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeRow {
    /// Nesting depth, the root at 0.
    pub depth: usize,
    /// Member indices from the root.
    pub path: Vec<usize>,
    /// The node's own availability (of its subtree), e.g. `99.95%`.
    pub availability: String,
    /// For a dependency, the composite availability gained by one more nine on it,
    /// percentage points, and that gain as a share of the largest gain.
    pub gain: Option<(String, f64)>,
}

/// The figures computed without simulating.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskReport {
    /// The composite availability of the dependencies, a fraction.
    pub composite: f64,
    /// Whether the SLO target is at or below the composite availability.
    pub within_ceiling: bool,
    /// The ceiling in words.
    pub ceiling: String,
    /// The dependencies' downtime per SLO window, in words.
    pub downtime: String,
    /// How the composite is computed.
    pub composite_explained: Explanation,
    /// The tree, depth first.
    pub rows: Vec<TreeRow>,
    /// Which dependency dominates, in words.
    pub dominant: String,
    /// The SLA's buffer in words, and whether the SLO sits above the SLA.
    pub buffer: (String, bool),
    /// The closed-form expected downtime per window, seconds.
    pub expected_downtime: f64,
    /// What to simulate.
    pub study: Rc<Study>,
}

impl RiskReport {
    /// Every "how is this computed?" the page shows, for the check that each one adds up.
    pub fn explanations(&self) -> Vec<&Explanation> {
        vec![&self.composite_explained]
    }
}

/// A scenario's column of the side-by-side table.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioColumn {
    /// Its name.
    pub name: String,
    /// Its SLO target, percent.
    pub target: String,
    /// Allowed downtime per window, seconds.
    pub budget_seconds: f64,
    /// The first alert tier's detection time, in words.
    pub detection: String,
    /// Instances needed now, in words.
    pub instances: String,
    /// Probability of meeting its target.
    pub probability: f64,
    /// Expected credit per window, in the revenue's currency.
    pub credit: f64,
}

/// The figures of a finished study.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyReport {
    /// Probability of meeting the SLO.
    pub probability_slo: f64,
    /// Probability of meeting the SLA.
    pub probability_sla: f64,
    /// Probability of owing any credit.
    pub probability_credit: f64,
    /// Mean availability, a fraction.
    pub mean: f64,
    /// Mean share of the error budget spent.
    pub budget_spent: f64,
    /// Expected credit per window, in the revenue's currency.
    pub credit: f64,
    /// The simulated mean downtime against the closed form.
    pub check: String,
    /// How the figures are computed, with the plan's numbers.
    pub explained: Explanation,
    /// Each lever, the probability of meeting the SLO with it pulled, and the gain
    /// over the plan's probability in words (`+12.38 pp`).
    pub levers: Vec<(String, f64, String)>,
    /// The lever that buys the most, in words.
    pub best: String,
    /// The distribution of achieved availability.
    pub histogram: PlanChart<LineChart<TargetLine>>,
    /// The scenarios' chances at every availability.
    pub curves: PlanChart<LineChart<TargetLine>>,
    /// The side-by-side table, the plan first.
    pub scenarios: Vec<ScenarioColumn>,
    /// The probability of meeting each target the negotiation view compares, from the
    /// plan's own simulated windows.
    pub compared: Vec<f64>,
}

/// A probability as a percentage with two decimals.
pub fn pct(p: f64) -> String {
    format!("{}%", trim_decimals(p * 100.0, 2))
}

/// The target lines the Risk page's charts draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetLine {
    /// The SLO target.
    Slo,
    /// The SLA target.
    Sla,
}

/// The edit dragging a target line makes: targets move in steps of 0.001 % and stay
/// within what their fields accept.
pub(super) fn target_edit(moved: MarkerMoved<TargetLine>) -> Option<PlanEdit> {
    Some(match moved.knob {
        TargetLine::Slo => PlanEdit::Target { percent: moved.to },
        TargetLine::Sla => PlanEdit::SlaTarget { percent: moved.to },
    })
}

/// The SLO and SLA lines: the SLO solid, the SLA dashed, so they differ without colour.
fn targets(slo_percent: f64, sla: &Sla) -> Vec<Marker<TargetLine>> {
    let marker = |label: &str, at: f64, id: TargetLine| Marker {
        label: label.to_owned(),
        at,
        upright: true,
        knob: Some(Knob {
            id,
            rounding: Rounding::Decimals(3),
            min: 0.001,
            max: 99.9999,
        }),
        dashed: id == TargetLine::Sla,
    };
    vec![
        marker("SLO target", slo_percent, TargetLine::Slo),
        marker("SLA", sla.target() * 100.0, TargetLine::Sla),
    ]
}

/// The histogram of `windows` windows' availabilities: the `shares` of windows in each
/// of [`study::BINS`] bins from `low` to 1, with the probabilities of meeting the SLO and
/// the SLA.
pub(super) fn histogram(
    shares: &[f64],
    windows: u64,
    low: f64,
    (meets_slo, meets_sla): (f64, f64),
    slo_percent: f64,
    sla: &Sla,
) -> LineChart<TargetLine> {
    const BINS: usize = study::BINS;
    let width = (1.0 - low) / BINS as f64 * 100.0;
    let mut points = Vec::with_capacity(2 * BINS);
    for (i, s) in shares.iter().enumerate() {
        let x = low * 100.0 + i as f64 * width;
        points.extend([(x, s * 100.0), (x + width, s * 100.0)]);
    }
    let top = shares.iter().fold(0.0, |m: f64, s| m.max(*s)) * 100.0;
    let markers = targets(slo_percent, sla);
    LineChart {
        file_name: "availability-distribution.svg",
        x: (axis(low * 100.0, 100.0), Unit::Availability),
        y: (axis(0.0, (top * 1.1).max(1.0)), Unit::Percent),
        titles: ("availability achieved in a window (%)", "share of windows (%)"),
        series: vec![Series {
            label: "share of windows".to_owned(),
            points,
            style: Style::Line,
            hue: 0,
        }],
        markers,
        notes: Vec::new(),
        summary: format!(
            "Histogram of the availability achieved in {} simulated windows, from {}% to 100% in {BINS} bins; {} of windows meet the SLO of {}% and {} the SLA of {}%. Drag the SLO or SLA line to change it.",
            grouped(windows as f64, 0),
            trim_decimals(low * 100.0, 3),
            pct(meets_slo),
            percent(slo_percent),
            pct(meets_sla),
            percent(sla.target() * 100.0),
        ),
    }
}

/// For each named curve, the shares of windows at or above each of [`study::STEPS`] + 1
/// availabilities from `low` to 1.
pub(super) fn cdf_chart(
    curves: &[(String, Vec<f64>)],
    low: f64,
    slo_percent: f64,
    sla: &Sla,
) -> LineChart<TargetLine> {
    const STEPS: usize = study::STEPS;
    let series = curves
        .iter()
        .enumerate()
        .map(|(i, (name, shares))| {
            let points = shares
                .iter()
                .enumerate()
                .map(|(s, share)| {
                    (
                        (low + (1.0 - low) * s as f64 / STEPS as f64) * 100.0,
                        share * 100.0,
                    )
                })
                .collect();
            Series {
                label: name.clone(),
                points,
                style: if i == 0 { Style::Line } else { Style::Dashed },
                hue: i,
            }
        })
        .collect();
    let markers = targets(slo_percent, sla);
    LineChart {
        file_name: "scenarios.svg",
        x: (axis(low * 100.0, 100.0), Unit::Availability),
        y: (axis(0.0, 100.0), Unit::Percent),
        titles: ("availability (%)", "windows at or above it (%)"),
        series,
        markers,
        notes: Vec::new(),
        summary: format!(
            "For each of {} plans, the share of simulated windows achieving at least each availability from {}% to 100%; read a curve at a target for the probability of meeting it.",
            curves.len(),
            trim_decimals(low * 100.0, 3)
        ),
    }
}

fn axis(min: f64, max: f64) -> Axis {
    Axis { min, max, log: false }
}

/// The Risk page's figures for a valid plan named `service`.
pub fn risk_report(valid: &ValidPlan, spec: &RiskSpec, slo_percent: f64) -> RiskReport {
    let risk = &valid.risk;
    let composite = risk.tree.availability();
    let target = valid.target.fraction();
    let window = valid.window.seconds();
    let rows = tree_rows(spec);
    let names: Vec<&str> = spec
        .dependencies
        .walk()
        .into_iter()
        .filter(|(_, n)| n.kind == NodeKind::Dependency)
        .map(|(_, n)| n.name.as_str())
        .collect();
    let gains = risk.tree.sensitivity();
    let dominant =
        gains
            .iter()
            .zip(&names)
            .max_by(|a, b| a.0.total_cmp(b.0))
            .map_or(String::new(), |(g, name)| {
                format!(
                    "{name} dominates: one more nine on it adds {} percentage points to the composite.",
                    trim_decimals(g * 100.0, 6)
                )
            });
    let within_ceiling = target <= composite;
    let ceiling = if within_ceiling {
        format!(
            "The dependencies allow at most {}: the SLO of {}% fits under that ceiling, leaving {} of its budget for the service's own failures.",
            avail(composite),
            percent(slo_percent),
            pct(1.0 - (1.0 - composite) / (1.0 - target))
        )
    } else {
        format!(
            "The SLO of {}% is above the {} the dependencies allow: it cannot be met unless they improve.",
            percent(slo_percent),
            avail(composite)
        )
    };
    let sla = risk.sla.target() * 100.0;
    let buffer = (
        if slo_percent > sla {
            format!(
                "The SLO sits {} percentage points above the SLA of {}%: internal alarms ring before credits are owed.",
                trim_decimals(slo_percent - sla, 6),
                percent(sla)
            )
        } else {
            format!(
                "The SLO ({}%) is not above the SLA ({}%): there is no internal buffer before credits are owed.",
                percent(slo_percent),
                percent(sla)
            )
        },
        slo_percent > sla,
    );
    RiskReport {
        composite,
        within_ceiling,
        ceiling,
        downtime: format!(
            "The dependencies alone cost {} of downtime per SLO window on average.",
            human_duration((1.0 - composite) * window)
        ),
        composite_explained: {
            let form = slo_engine::explain::composite(&valid.risk.tree);
            // A k-of-n group is written as its probability, which no short sum gives.
            let result = if form.value().is_nan() {
                Figure::stated(avail(composite))
            } else {
                Figure::availability(composite)
            };
            Explanation::new(
                "all needed: Π aᵢ; any one suffices: 1 − Π(1 − aᵢ); k of n: Σ P(exactly j up), j ≥ k; soft (share f of requests): 1 − f × (1 − a)",
                Working::new(form, result),
                Some("Dependencies are assumed to fail independently.".to_owned()),
            )
        },
        rows,
        dominant,
        buffer,
        expected_downtime: risk.model.expected_downtime(),
        study: Rc::new(study::study(valid)),
    }
}

/// An availability (a fraction) as a percentage, as targets are written.
fn avail(a: f64) -> String {
    format!("{}%", percent(a * 100.0))
}

fn tree_rows(spec: &RiskSpec) -> Vec<TreeRow> {
    let mut rows = Vec::new();
    collect(&spec.dependencies, &mut Vec::new(), 0, &mut rows);
    let gains: Vec<f64> = spec
        .dependencies
        .node()
        .map(|t| t.sensitivity())
        .unwrap_or_default();
    let top = gains.iter().fold(0.0, |m: f64, g| m.max(*g));
    let mut next = gains.iter();
    for (row, (_, node)) in rows.iter_mut().zip(spec.dependencies.walk()) {
        if node.kind == NodeKind::Dependency {
            row.gain = next
                .next()
                .map(|g| (trim_decimals(g * 100.0, 6), if top > 0.0 { g / top } else { 0.0 }));
        }
    }
    rows
}

fn collect(node: &crate::risk::NodeSpec, path: &mut Vec<usize>, depth: usize, rows: &mut Vec<TreeRow>) {
    rows.push(TreeRow {
        depth,
        path: path.clone(),
        availability: node.node().map_or("—".to_owned(), |n| avail(n.availability())),
        gain: None,
    });
    for (i, m) in node.members.iter().enumerate() {
        path.push(i);
        collect(m, path, depth + 1, rows);
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Plan;

    #[test]
    fn the_slo_and_sla_lines_differ_without_colour() {
        let sla = Sla::new(0.995, &[]).unwrap();
        let lines = targets(99.9, &sla);
        assert_eq!(
            lines
                .iter()
                .map(|m| (m.label.as_str(), m.dashed))
                .collect::<Vec<_>>(),
            [("SLO target", false), ("SLA", true)]
        );
    }

    fn report(plan: &Plan) -> RiskReport {
        risk_report(&plan.validate().unwrap(), &plan.risk, plan.slo().target_percent)
    }

    fn run(r: &RiskReport) -> StudyReport {
        r.study.run(1)
    }

    #[test]
    fn the_tree_rows_name_the_dominant_dependency() {
        let plan = Plan::default();
        let r = report(&plan);
        assert_eq!(r.rows.len(), 7);
        assert_eq!(r.rows[4].path, vec![2, 0]);
        assert_eq!(r.rows[0].availability, "99.917519%");
        // The database (99.95 %) gains most from one more nine: the bar is full.
        assert_eq!(r.rows[1].gain.as_ref().unwrap().1, 1.0);
        assert!(r.dominant.starts_with("database dominates"), "{}", r.dominant);
        assert!(r.within_ceiling);
        assert!(r.buffer.1);
        // A target above what the dependencies allow says so.
        let tight = Plan {
            slos: vec![crate::SloSpec {
                target_percent: 99.95,
                ..plan.slo().clone()
            }],
            ..plan
        };
        let r = report(&tight);
        assert!(!r.within_ceiling);
        assert!(r.ceiling.contains("cannot be met"), "{}", r.ceiling);
    }

    #[test]
    fn renaming_a_dependency_leaves_the_study_as_it_was() {
        // The page reruns the simulation only when the study changes.
        let plan = Plan::default();
        let mut renamed = plan.clone();
        renamed.risk.dependencies.members[0].name = "primary database".to_owned();
        let (a, b) = (report(&plan), report(&renamed));
        assert_ne!(a, b);
        assert_eq!(a.study, b.study);
        let mut faster = plan.clone();
        faster.risk.repair.minutes = 20.0;
        assert_ne!(report(&faster).study, a.study);
    }

    #[test]
    fn the_study_matches_the_closed_form_and_compares_scenarios() {
        let plan = crate::report::study::tests::with_looser_scenario(20_000);
        let r = report(&plan);
        assert_eq!(r.study.variants.len(), 2);
        let s = run(&r);
        // Mean downtime within sampling error of rate × mean duration × impact.
        let window = r.study.variants[0].risk.model.window();
        let simulated = (1.0 - s.mean) * window;
        assert!((simulated - r.expected_downtime).abs() < 0.05 * r.expected_downtime);
        // Every lever helps; the looser target is met more often; credits are owed
        // sometimes and cost a share of the revenue.
        assert!(s
            .levers
            .iter()
            .all(|l| l.1 >= s.probability_slo && l.2.starts_with('+')));
        assert_eq!(s.scenarios.len(), 2);
        assert!(s.scenarios[1].probability > s.scenarios[0].probability);
        assert!(s.scenarios[1].budget_seconds > s.scenarios[0].budget_seconds);
        assert!(s.probability_credit > 0.0 && s.credit > 0.0 && s.credit < 100_000.0);
        assert!((s.probability_sla - (1.0 - s.probability_credit)).abs() < 1e-12);
        assert!(s.histogram.summary.contains("20,000 simulated windows"));
    }

    /// The figures the browser test expects for the v4 corpus plan with a quorum, a
    /// soft dependency, credits and a scenario: the same bits in wasm as here.
    #[test]
    fn the_corpus_plan_gives_the_pinned_figures() {
        let text = include_str!("../../tests/links/v4/risk-quorum-soft-credits-scenarios.json");
        let plan = crate::document::plan_from_json(text).unwrap();
        let r = report(&plan);
        let s = run(&r);
        assert_eq!(
            (
                r.composite.to_bits(),
                s.probability_slo,
                s.scenarios[1].probability,
                s.credit.to_bits()
            ),
            (PINNED.0, PINNED.1, PINNED.2, PINNED.3)
        );
    }

    const PINNED: (u64, f64, f64, u64) = (4_607_161_008_206_561_529, 0.52005, 0.0, 4_678_359_940_512_163_469);
}
