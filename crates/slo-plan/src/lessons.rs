//! The Learn section's lessons: each has one number to move on a small example, the
//! figures the engine computes from it, and how to carry that number into the user's
//! own plan ("try it in your plan"). The prose lives with the view; every figure is
//! computed here.

use super::Plan;
use slo_engine::burn_rate::{quality, workbook_tiers};
use slo_engine::composite::Node;
use slo_engine::notation::{grouped, human_duration};
use slo_engine::queueing::MMc;
use slo_engine::{allowed_downtime, Target, Window};

/// One lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lesson {
    /// Nines and the downtime they allow.
    Nines,
    /// Error budgets and the policy that acts on what is left.
    Budget,
    /// Burn rate, and why an alert needs two windows.
    BurnRate,
    /// What an alert tier catches, how fast, and how long it keeps ringing.
    AlertQuality,
    /// Availability of dependencies in series and in parallel.
    Composite,
    /// Queueing: utilisation against waiting, and the headroom that keeps latency.
    Queueing,
}

/// The number a lesson lets the learner move.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LessonInput {
    /// The field's label.
    pub label: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// The smallest value accepted.
    pub min: f64,
    /// The largest value accepted.
    pub max: f64,
    /// The example's value.
    pub start: f64,
}

/// The example's SLO: 99.9 % over a rolling 30 days (the SRE Workbook's running example).
const WORKBOOK_TARGET: f64 = 99.9;
const THIRTY_DAYS: Window = Window::Rolling { days: 30 };

impl Lesson {
    /// Every lesson, in teaching order.
    pub const ALL: [Lesson; 6] = [
        Lesson::Nines,
        Lesson::Budget,
        Lesson::BurnRate,
        Lesson::AlertQuality,
        Lesson::Composite,
        Lesson::Queueing,
    ];

    /// Its name in test ids and element ids: `lesson-{slug}`.
    pub fn slug(self) -> &'static str {
        match self {
            Lesson::Nines => "nines",
            Lesson::Budget => "error-budget",
            Lesson::BurnRate => "burn-rate",
            Lesson::AlertQuality => "alert-quality",
            Lesson::Composite => "composite",
            Lesson::Queueing => "queueing",
        }
    }

    /// Its title.
    pub fn title(self) -> &'static str {
        match self {
            Lesson::Nines => "Nines and downtime",
            Lesson::Budget => "Error budgets and the policy",
            Lesson::BurnRate => "Burn rate, and why two windows",
            Lesson::AlertQuality => "Precision, recall, detection and reset",
            Lesson::Composite => "Composite availability",
            Lesson::Queueing => "Queueing and headroom",
        }
    }

    /// The number to move, with its range and the example's value.
    pub fn input(self) -> LessonInput {
        let input = |label, unit, min, max, start| LessonInput {
            label,
            unit,
            min,
            max,
            start,
        };
        match self {
            Lesson::Nines => input("SLO target", "%", 90.0, 99.9999, 99.9),
            Lesson::Budget => input("Minutes of full outage so far", "min", 0.0, 120.0, 20.0),
            Lesson::BurnRate => input("Burn rate", "×", 0.1, 1_000.0, 14.4),
            Lesson::AlertQuality => input("Error rate", "%", 0.01, 100.0, 2.0),
            Lesson::Composite => input("Availability of each dependency", "%", 90.0, 99.999, 99.9),
            Lesson::Queueing => input("Utilisation", "%", 1.0, 99.0, 70.0),
        }
    }

    /// The page that "try it in your plan" opens, by its tab title.
    pub fn page(self) -> &'static str {
        match self {
            Lesson::Nines => "Targets",
            Lesson::Budget => "Error budget",
            Lesson::BurnRate | Lesson::AlertQuality => "Alerts",
            Lesson::Composite => "Risk",
            Lesson::Queueing => "Capacity",
        }
    }

    /// Reads the learner's typed number as the plan's fields do (`99.9 %`, `99,9`).
    ///
    /// # Errors
    /// When it is not a number in [`Lesson::input`]'s range: what is allowed.
    pub fn read(self, text: &str) -> Result<f64, String> {
        let input = self.input();
        match super::input::number(text, input.label, "") {
            Ok(value) if (input.min..=input.max).contains(&value) => Ok(value),
            _ => Err(format!(
                "{} must be a number from {} to {} {}.",
                input.label,
                grouped(input.min, 4),
                grouped(input.max, 4),
                input.unit
            )),
        }
    }

    /// The figures of the example with `value`, as (label, value) pairs.
    ///
    /// # Errors
    /// When `value` is outside [`Lesson::input`]'s range: what is allowed.
    pub fn figures(self, value: f64) -> Result<Vec<(String, String)>, String> {
        let input = self.input();
        if !(input.min..=input.max).contains(&value) {
            return Err(format!("{} is outside the lesson's range.", input.label));
        }
        let row = |label: &str, value: String| (label.to_owned(), value);
        let workbook = Target::from_percent(WORKBOOK_TARGET).map_err(|e| e.to_string())?;
        let month = THIRTY_DAYS.seconds();
        Ok(match self {
            Lesson::Nines => {
                let t = Target::from_percent(value).map_err(|e| e.to_string())?;
                vec![
                    row("Nines", grouped(t.nines(), 2)),
                    row(
                        "Downtime allowed per day",
                        human_duration(allowed_downtime(t, Window::Rolling { days: 1 })),
                    ),
                    row("per 30 days", human_duration(allowed_downtime(t, THIRTY_DAYS))),
                    row(
                        "per year",
                        human_duration(allowed_downtime(t, Window::CalendarYear)),
                    ),
                ]
            }
            Lesson::Budget => {
                let budget = allowed_downtime(workbook, THIRTY_DAYS);
                let left = (100.0 - value * 60.0 / budget * 100.0).max(0.0);
                let action = if left >= 50.0 {
                    "ship as planned"
                } else if left >= 25.0 {
                    "ship with extra care: canaries, smaller changes"
                } else if left > 0.0 {
                    "freeze risky releases; reliability work first"
                } else {
                    "budget spent: only fixes ship until it recovers"
                };
                vec![
                    row("Budget of 99.9% over 30 days", human_duration(budget)),
                    row("Spent", format!("{}%", grouped(100.0 - left, 1))),
                    row("Left", format!("{}%", grouped(left, 1))),
                    row("The policy says", action.to_owned()),
                ]
            }
            Lesson::BurnRate => {
                let error_rate = value * workbook.budget_fraction();
                let one_hour = slo_engine::burn_rate::Tier::new(
                    slo_engine::burn_rate::Severity::Page,
                    3_600.0,
                    300.0,
                    value,
                )
                .map_err(|e| e.to_string())?;
                let q = quality(one_hour, workbook, month, 1.0);
                vec![
                    row(
                        "Error rate at this burn rate",
                        format!("{}%", grouped(error_rate * 100.0, 3)),
                    ),
                    row("Whole budget gone after", human_duration(month / value)),
                    row(
                        "Budget spent per hour",
                        format!("{}%", grouped(value / 720.0 * 100.0, 2)),
                    ),
                    row(
                        "After a full outage ends, the 1-hour window alone keeps firing for",
                        human_duration(one_hour.long() * (1.0 - one_hour.error_threshold(workbook))),
                    ),
                    row(
                        "with a 5-minute short window as well, for",
                        human_duration(q.reset_time),
                    ),
                ]
            }
            Lesson::AlertQuality => workbook_tiers(month)
                .into_iter()
                .map(|tier| {
                    let q = quality(tier, workbook, month, value / 100.0);
                    let label = format!(
                        "{}× over {} / {}",
                        grouped(tier.burn_rate(), 1),
                        human_duration(tier.long()),
                        human_duration(tier.short())
                    );
                    let text = match (q.time_to_fire, q.budget_spent_at_fire) {
                        (Some(fire), Some(spent)) => format!(
                            "fires after {} having spent {}% of the budget; stops {} after the errors",
                            human_duration(fire),
                            grouped(spent * 100.0, 2),
                            human_duration(q.reset_time)
                        ),
                        _ => format!(
                            "never fires: it sees nothing below {}%",
                            grouped(q.min_error_rate * 100.0, 3)
                        ),
                    };
                    (label, text)
                })
                .collect(),
            Lesson::Composite => {
                let a = value / 100.0;
                let serial = Node::Serial(vec![Node::Dependency(a); 3]).availability();
                let pair = Node::Redundant(vec![Node::Dependency(a); 2]).availability();
                let pairs =
                    Node::Serial(vec![Node::Redundant(vec![Node::Dependency(a); 2]); 3]).availability();
                let pct = |x: f64| format!("{}%", grouped(x * 100.0, 4));
                vec![
                    row("One dependency", pct(a)),
                    row("Three in series (all needed)", pct(serial)),
                    row("Two redundant copies (either will do)", pct(pair)),
                    row("Three in series, each a redundant pair", pct(pairs)),
                ]
            }
            Lesson::Queueing => {
                // 8 workers, 100 ms per request: the example instance.
                let (workers, service) = (8, 0.1);
                let arrivals = value / 100.0 * f64::from(workers) / service;
                let queue = MMc::new(workers, arrivals, service).map_err(|e| e.to_string())?;
                let ms = |s: f64| format!("{} ms", grouped(s * 1_000.0, 1));
                vec![
                    row("Requests per second", grouped(arrivals, 1)),
                    row(
                        "Probability a request waits",
                        format!("{}%", grouped(queue.wait_probability() * 100.0, 1)),
                    ),
                    row("Mean wait", ms(queue.mean_wait())),
                    row("99th percentile response", ms(queue.response_percentile(0.99))),
                ]
            }
        })
    }

    /// `plan` with the lesson's number carried into it.
    ///
    /// # Errors
    /// When the plan would not be valid with it (the message says why).
    pub fn apply(self, value: f64, plan: &Plan) -> Result<Plan, String> {
        let mut out = plan.clone();
        match self {
            Lesson::Nines => out.slo_mut().target_percent = value,
            Lesson::Budget => {
                out.budget.what_if.duration_seconds = (value * 60.0).max(1.0);
                out.budget.what_if.impact_percent = 100.0;
            }
            Lesson::BurnRate => match out.slo_mut().alerts.tiers.first_mut() {
                Some(tier) => tier.burn_rate = value,
                None => return Err("Your plan has no alert tier to set the burn rate of.".to_owned()),
            },
            Lesson::AlertQuality => out.slo_mut().alerts.error_rate_percent = value,
            Lesson::Composite => {
                fn set(node: &mut super::risk::NodeSpec, value: f64) {
                    if node.members.is_empty() {
                        node.availability_percent = value;
                    }
                    for member in &mut node.members {
                        set(member, value);
                    }
                }
                set(&mut out.risk.dependencies, value);
            }
            Lesson::Queueing => out.capacity.utilisation_percent = value,
        }
        out.validate().map_err(|e| e.to_string())?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(lesson: Lesson, value: f64, label: &str) -> String {
        let figures = lesson.figures(value).unwrap();
        figures
            .iter()
            .find(|(l, _)| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label} in {figures:?}"))
            .1
            .clone()
    }

    #[test]
    fn every_lesson_computes_its_example() {
        for lesson in Lesson::ALL {
            let figures = lesson.figures(lesson.input().start).unwrap();
            assert!(figures.len() >= 4, "{lesson:?}");
            assert!(
                lesson.apply(lesson.input().start, &Plan::default()).is_ok(),
                "{lesson:?}"
            );
        }
    }

    /// Published figures: 99.9 % allows 43m 12s per 30 days (SRE book, Appendix A), and
    /// at 14.4× the SRE Workbook's (ch. 5) page tier spends 2 % of a 30-day budget in an
    /// hour, with the budget gone in just over two days.
    #[test]
    fn lessons_match_the_published_figures() {
        assert_eq!(figure(Lesson::Nines, 99.9, "per 30 days"), "43m 12s");
        assert_eq!(figure(Lesson::Nines, 99.9, "Nines"), "3");
        assert_eq!(figure(Lesson::BurnRate, 14.4, "Budget spent per hour"), "2%");
        assert_eq!(figure(Lesson::BurnRate, 14.4, "Whole budget gone"), "2d 2h");
        assert_eq!(figure(Lesson::BurnRate, 14.4, "Error rate"), "1.44%");
        // 20 minutes of the 43m 12s budget.
        assert_eq!(figure(Lesson::Budget, 20.0, "Spent"), "46.3%");
        assert_eq!(
            figure(Lesson::Composite, 99.0, "Three in series (all"),
            "97.0299%"
        );
        assert_eq!(figure(Lesson::Composite, 99.0, "Two redundant"), "99.99%");
        // The Workbook's first tier at 2 % errors: its threshold is 1.44 %, so it fires
        // after 1 h × 1.44 / 2 = 43m 12s; the 1 × 3 d tier never sees 0.05 %.
        assert!(figure(Lesson::AlertQuality, 2.0, "14.4×").starts_with("fires after 43m 12s"));
        assert!(figure(Lesson::AlertQuality, 0.05, "1×").starts_with("never fires"));
    }

    /// The figures that the lessons' text (`ui::learn`) quotes.
    #[test]
    fn the_lesson_text_quotes_computed_figures() {
        assert_eq!(figure(Lesson::Nines, 99.99, "per 30 days"), "4m 19s");
        assert_eq!(
            figure(Lesson::Composite, 99.9, "Three in series (all"),
            "99.7003%"
        );
        assert_eq!(figure(Lesson::Composite, 99.9, "Two redundant"), "99.9999%");
        assert_eq!(figure(Lesson::Budget, 60.0, "Left"), "0%");
    }

    #[test]
    fn values_outside_the_range_say_what_is_allowed() {
        let error = Lesson::Queueing.read("100").unwrap_err();
        assert_eq!(error, "Utilisation must be a number from 1 to 99 %.");
        assert_eq!(Lesson::Queueing.read("lots"), Err(error));
        assert_eq!(Lesson::Queueing.read(" 50 "), Ok(50.0));
        // As the plan's own fields read it.
        assert_eq!(Lesson::Nines.read("99,95 %"), Ok(99.95));
        assert!(Lesson::Nines.read("NaN").is_err());
        assert!(Lesson::Nines.figures(f64::NAN).is_err());
    }

    #[test]
    fn trying_a_lesson_changes_only_its_number() {
        let plan = Plan::default();
        let tried = Lesson::Nines.apply(99.95, &plan).unwrap();
        assert_eq!(tried.slo().target_percent, 99.95);
        assert_eq!(
            Plan {
                slos: vec![crate::SloSpec {
                    target_percent: plan.slo().target_percent,
                    ..tried.slo().clone()
                }],
                ..tried
            },
            plan
        );
        let tried = Lesson::Composite.apply(99.0, &plan).unwrap();
        assert_ne!(tried.risk, plan.risk);
        let mut none = plan.clone();
        none.slo_mut().alerts.tiers.clear();
        assert!(Lesson::BurnRate.apply(10.0, &none).is_err());
    }
}

// Native only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod property_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

        /// Whatever is typed, a lesson either refuses it with its range or shows figures
        /// that are all finite text, and carries it into a valid plan.
        #[test]
        fn any_typed_number_is_refused_or_computed(
            i in 0..Lesson::ALL.len(),
            text in prop_oneof![
                any::<f64>().prop_map(|v| v.to_string()),
                (0.0..1_000.0f64).prop_map(|v| v.to_string()),
                "[0-9.eE+-]{0,12}",
            ],
        ) {
            let lesson = Lesson::ALL[i];
            match lesson.read(&text) {
                Ok(value) => {
                    let figures = lesson.figures(value).unwrap();
                    prop_assert!(!figures.is_empty());
                    for (label, shown) in &figures {
                        prop_assert!(!shown.contains("NaN") && !shown.contains("inf"), "{label}: {shown}");
                    }
                    prop_assert!(lesson.apply(value, &Plan::default()).is_ok());
                }
                Err(message) => prop_assert!(message.contains(" to "), "{message}"),
            }
        }
    }
}
