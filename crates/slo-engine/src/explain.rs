//! "How is this computed?": each figure's formula, with the user's numbers in it.
//!
//! The UI shows an [`Explanation`] in a disclosure next to the figure it explains. The
//! numbers are those the figure was computed from, so a trainee can redo the sum.

use crate::budget::{allowed_bad_requests, allowed_downtime, total_requests};
use crate::formula::{Figure, Term, Working};
use crate::notation::{grouped, human_duration};
use crate::objective::Target;
use crate::traffic::Traffic;
use crate::window::Window;

/// A formula in symbols and its sums with the user's numbers, each with its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The formula in words and symbols.
    pub formula: String,
    /// The sums with the user's numbers in them, and what each gives.
    pub workings: Vec<Working>,
    /// The convention the result depends on, if any (e.g. the length of a month).
    pub convention: Option<String>,
}

impl Explanation {
    /// An explanation of one sum.
    pub fn new(formula: impl Into<String>, working: Working, convention: Option<String>) -> Explanation {
        Explanation {
            formula: formula.into(),
            workings: vec![working],
            convention,
        }
    }

    /// The sums with the user's numbers, joined by `; `.
    pub fn substituted(&self) -> String {
        self.workings
            .iter()
            .map(Working::substituted)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// What the sums give, joined by `; `.
    pub fn result(&self) -> String {
        self.workings
            .iter()
            .map(|w| w.result.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The window's length as a product in parentheses: `(30 d × 86,400 s/d)`.
fn window_in_seconds(window: Window) -> Term {
    Term::product(vec![
        Term::exact(window.days(), "d"),
        Term::exact(86_400.0, "s/d"),
    ])
    .grouped()
}

fn convention_of(window: Window) -> Option<String> {
    match window {
        Window::Rolling { .. } => None,
        _ => Some(window.convention().to_owned()),
    }
}

/// `(1 − target)`, with the target as entered.
fn one_minus(target: Target) -> Term {
    Term::percent(target.percent()).complement()
}

/// Explains [`allowed_downtime`].
pub fn downtime(target: Target, window: Window) -> Explanation {
    let seconds = allowed_downtime(target, window);
    Explanation::new(
        "allowed downtime = (1 − target) × window length",
        Working::forms(
            vec![
                Term::product(vec![one_minus(target), window_in_seconds(window)]),
                Term::product(vec![
                    Term::exact(target.budget_fraction(), ""),
                    Term::exact(window.seconds(), "s"),
                ]),
            ],
            Figure::number(seconds, 3, "s").then(format!(" = {}", human_duration(seconds))),
        ),
        convention_of(window),
    )
}

/// Explains [`crate::budget::availability_for_downtime`] for a downtime already checked
/// to fit the window.
pub fn availability(downtime_seconds: f64, window: Window, availability: f64) -> Explanation {
    Explanation::new(
        "availability = 1 − downtime / window length",
        Working::new(
            Term::exact(downtime_seconds, "s")
                .over(Term::exact(window.seconds(), "s").words(format!("({})", window.label())))
                .complement(),
            Figure::availability(availability),
        ),
        convention_of(window),
    )
}

/// Explains [`allowed_bad_requests`].
pub fn bad_requests(target: Target, window: Window, traffic: Traffic) -> Explanation {
    let total = total_requests(window, traffic);
    Explanation::new(
        "allowed bad requests = (1 − target) × requests per second × window length",
        Working::forms(
            vec![
                Term::product(vec![
                    one_minus(target),
                    Term::exact(traffic.requests_per_second(), "req/s"),
                    Term::exact(window.seconds(), "s"),
                ]),
                Term::product(vec![
                    Term::exact(target.budget_fraction(), ""),
                    Term::exact(total, "requests"),
                ]),
            ],
            Figure::number(allowed_bad_requests(target, window, traffic), 1, "bad requests"),
        ),
        convention_of(window),
    )
}

/// Explains [`Target::nines`].
pub fn nines(target: Target) -> Explanation {
    Explanation::new(
        "nines = −log10(1 − target)",
        Working::forms(
            vec![
                one_minus(target).negative_log10(),
                Term::exact(target.budget_fraction(), "").negative_log10(),
            ],
            Figure::number(target.nines(), 3, "nines"),
        ),
        None,
    )
}

/// Writes an amount in the budget's unit: `43m 12s`, `259,200 bad requests`, `43.2 bad slices`.
pub fn amount(unit: crate::BudgetUnit, value: f64) -> String {
    match unit {
        crate::BudgetUnit::Seconds => human_duration(value),
        crate::BudgetUnit::Requests => format!(
            "{} bad requests",
            grouped(value, if value.abs() < 10.0 { 2 } else { 0 })
        ),
        crate::BudgetUnit::Slices => format!("{} bad slices", grouped(value, 2)),
    }
}

/// The amount in the budget's unit as exactly as a reader can use it: `2,160 s`,
/// `259,200 bad requests`, `43.2 bad slices`.
fn exact_amount(unit: crate::BudgetUnit, value: f64) -> Term {
    Term::exact(value, unit_name(unit))
}

fn unit_name(unit: crate::BudgetUnit) -> &'static str {
    match unit {
        crate::BudgetUnit::Seconds => "s",
        crate::BudgetUnit::Requests => "bad requests",
        crate::BudgetUnit::Slices => "bad slices",
    }
}

/// An amount as [`amount`] writes it, checked to its last digit.
pub fn amount_figure(unit: crate::BudgetUnit, value: f64) -> Figure {
    match unit {
        crate::BudgetUnit::Seconds => Figure::duration(value),
        crate::BudgetUnit::Requests => {
            Figure::number(value, if value.abs() < 10.0 { 2 } else { 0 }, "bad requests")
        }
        crate::BudgetUnit::Slices => Figure::number(value, 2, "bad slices"),
    }
}

/// The amount exactly, and as [`amount`] writes it where that reads differently:
/// `2,160 s = 36m`.
fn amount_both(unit: crate::BudgetUnit, value: f64) -> Figure {
    match unit {
        crate::BudgetUnit::Seconds => {
            Figure::number(value, 3, "s").then(format!(" = {}", human_duration(value)))
        }
        _ => amount_figure(unit, value),
    }
}

/// Explains [`crate::ledger::Account::total`].
pub fn budget_total(account: &crate::ledger::Account, sli: crate::SliKind, traffic: Traffic) -> Explanation {
    let w = Term::exact(account.window_seconds(), "s");
    let (formula, form) = match sli {
        crate::SliKind::TimeBased => (
            "budget = (1 − target) × window length",
            Term::product(vec![one_minus(account.target()), w]),
        ),
        crate::SliKind::RequestBased | crate::SliKind::Latency(_) => (
            "budget = (1 − target) × requests per second × window length",
            Term::product(vec![
                one_minus(account.target()),
                Term::exact(traffic.requests_per_second(), "req/s"),
                w,
            ]),
        ),
        crate::SliKind::Timeslice(slice) => (
            "budget = (1 − target) × window length ÷ slice length",
            Term::product(vec![one_minus(account.target()), w]).over(Term::exact(slice.seconds(), "s")),
        ),
    };
    Explanation::new(
        formula,
        Working::new(form, amount_both(account.unit(), account.total())),
        None,
    )
}

/// Explains a budget over a window of `window_seconds` in time and, at `traffic`, in
/// bad requests: `(downtime, requests)`.
pub fn budget_in_time_and_requests(
    target: Target,
    window_seconds: f64,
    traffic: Traffic,
) -> (Explanation, Explanation) {
    let seconds = target.budget_fraction() * window_seconds;
    let requests = seconds * traffic.requests_per_second();
    (
        Explanation::new(
            "budget in time = (1 − target) × window length",
            Working::new(
                Term::product(vec![one_minus(target), Term::exact(window_seconds, "s")]),
                amount_both(crate::BudgetUnit::Seconds, seconds),
            ),
            None,
        ),
        Explanation::new(
            "budget in bad requests = (1 − target) × requests per second × window length",
            Working::new(
                Term::product(vec![
                    one_minus(target),
                    Term::exact(traffic.requests_per_second(), "req/s"),
                    Term::exact(window_seconds, "s"),
                ]),
                Figure::number(requests, 0, "bad requests"),
            ),
            None,
        ),
    )
}

/// `spent` as a share of `total`, to two decimals: ` = 46.3% of the budget`.
fn share_of_budget(spent: f64, total: f64) -> String {
    format!(
        " = {}% of the budget",
        crate::notation::trim_decimals(100.0 * spent / total, 2)
    )
}

/// Explains the total spent: the sum of what each incident spends in the window.
pub fn spent(unit: crate::BudgetUnit, per_incident: &[f64], spent: f64, total: f64) -> Explanation {
    let sum: f64 = per_incident.iter().sum();
    let terms: Vec<Term> = per_incident.iter().map(|s| exact_amount(unit, *s)).collect();
    // Where incidents overlap they spend together what at most all requests failing
    // spends: the difference from the sum is shown as its own term.
    let together = spent - sum;
    let overlap = Term::exact(-together, unit_name(unit));
    let overlapping = overlap.value() != 0.0;
    let result = amount_both(unit, spent).then(share_of_budget(spent, total));
    Explanation {
        formula: if overlapping {
            "spent = the sum of what each incident spends in the window, corrected where they overlap \
             (at most every request fails at once)"
                .to_owned()
        } else {
            "spent = the sum of what each incident spends in the window".to_owned()
        },
        workings: vec![if per_incident.is_empty() {
            Working::new(exact_amount(unit, 0.0).words("(no incidents)"), result)
        } else if overlapping {
            Working::new(
                Term::sum(terms).minus(overlap).words("where they overlap"),
                result,
            )
        } else {
            Working::new(Term::sum(terms), result)
        }],
        convention: None,
    }
}

/// Explains what one incident spends.
pub fn incident_spend(
    account: &crate::ledger::Account,
    incident: &crate::incident::Incident,
    spent: f64,
) -> Explanation {
    use crate::incident::Impact;
    let result = amount_both(account.unit(), spent).then(share_of_budget(spent, account.total()));
    let (formula, form) = match (account.unit(), incident.impact()) {
        (crate::BudgetUnit::Seconds | crate::BudgetUnit::Requests, Impact::Fraction(f)) if f <= 0.0 => (
            "spent = impact × duration in the window",
            Term::percent(0.0).words("impact: it fails no request"),
        ),
        (crate::BudgetUnit::Slices, _) => (
            "spent = slices in the window whose error rate exceeds the slice threshold",
            Term::exact(spent, "bad slices"),
        ),
        (crate::BudgetUnit::Seconds, Impact::Fraction(f)) => (
            "spent = impact × duration in the window",
            Term::product(vec![Term::percent(f * 100.0), Term::exact(spent / f, "s")]),
        ),
        (crate::BudgetUnit::Requests, Impact::Fraction(f)) => (
            "spent = impact × requests per second × duration in the window",
            Term::product(vec![Term::percent(f * 100.0), Term::exact(spent / f, "requests")]),
        ),
        (_, Impact::BadEvents(n)) => {
            let rate = account.traffic().requests_per_second();
            let counted = Term::exact(spent, unit_name(account.unit())).words(format!(
                "spent in the window, of {} bad requests counted",
                grouped(n, 0)
            ));
            let mut workings = vec![Working::new(counted, result)];
            let formula = if let Some(all) = crate::error_profile::count_beyond_traffic(incident, rate) {
                workings.push(Working::new(
                    Term::product(vec![
                        Term::exact(rate, "req/s"),
                        Term::exact(incident.duration(), "s"),
                    ]),
                    Figure::number(all, 0, "requests it saw").then(format!(
                        ", fewer than the {} bad requests counted: all of them failed",
                        grouped(n, 0)
                    )),
                ));
                "spent = the bad requests counted (in the window), at most every request of its \
                 duration (requests per second × duration)"
            } else {
                "spent = the bad requests counted (in the window)"
            };
            return Explanation {
                formula: formula.to_owned(),
                workings,
                convention: None,
            };
        }
    };
    Explanation::new(formula, Working::new(form, result), None)
}

/// Explains the budget left.
pub fn remaining(unit: crate::BudgetUnit, total: f64, spent: f64) -> Explanation {
    Explanation {
        formula: "left = budget − spent; share left = left ÷ budget".to_owned(),
        workings: vec![
            Working::new(
                exact_amount(unit, total).minus(exact_amount(unit, spent)),
                amount_both(unit, total - spent),
            ),
            Working::new(
                exact_amount(unit, total - spent).over(exact_amount(unit, total)),
                Figure::percent((total - spent) / total, 2).then(" of the budget"),
            ),
        ],
        convention: None,
    }
}

/// The composite availability of `node` written out with its numbers, in the forms of
/// [`crate::composite`]: `99.95% × (1 − (1 − 99.9%) × (1 − 99.9%))`. A k-of-n group is
/// written as its probability, which no short sum gives: the term states nothing.
pub fn composite(node: &crate::composite::Node) -> Term {
    use crate::composite::Node;
    match node {
        Node::Dependency(a) => Term::percent(a * 100.0),
        Node::Serial(members) => Term::product(members.iter().map(composite).collect()),
        Node::Redundant(members) => {
            Term::product(members.iter().map(|m| composite(m).complement()).collect()).complement()
        }
        Node::KOfN { k, members } => Term::Text(format!(
            "P(at least {k} of {} up: {})",
            members.len(),
            members
                .iter()
                .map(|m| composite(m).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Node::Soft { node, fraction } => Term::product(vec![
            Term::percent(fraction * 100.0),
            composite(node).complement(),
        ])
        .complement(),
    }
}

/// Explains the exhaustion forecast of a burn-down. For a rolling window, what ages
/// out of the window before the budget runs out is a term of its own: the sum gives
/// the date shown (to the series' step).
pub fn exhaustion(b: &crate::burn_down::BurnDown) -> Explanation {
    let unit = b.account.unit();
    let per_day = b.burn_per_second * 86_400.0;
    let left = b.remaining();
    let rate = grouped(b.account.burn_rate(b.burn_per_second), 2);
    let result = match b.exhaustion {
        crate::burn_down::Exhaustion::At(t) => Figure::instant(t, b.series.step),
        crate::burn_down::Exhaustion::Already(t) => Figure::stated(format!("already spent, at {t}")),
        crate::burn_down::Exhaustion::NotWithinWindow => Figure::stated("not within window"),
    };
    let per_day = Term::exact_in(per_day, &format!("{} per day", unit_name(unit)), 1.0 / 86_400.0);
    let (formula, left) = if b.regained > 0.0 {
        (
            "runs out at = as of + (budget left + what ages out of the rolling window by then) \
             ÷ spending per day",
            Term::sum(vec![exact_amount(unit, left), exact_amount(unit, b.regained)]),
        )
    } else {
        (
            "runs out at = as of + budget left ÷ spending per day",
            exact_amount(unit, left),
        )
    };
    Explanation::new(
        formula,
        Working::new(
            Term::sum(vec![Term::instant(b.as_of), left.over(per_day)]).words(format!("(burn rate {rate}×)")),
            result,
        ),
        None,
    )
}

/// Explains "how many incidents like this fit".
pub fn fits(unit: crate::BudgetUnit, each: f64, total: f64, left: f64) -> Explanation {
    let fit = |budget: f64, words: &str| {
        let budget = budget.max(0.0);
        match crate::ledger::incidents_that_fit(budget, each) {
            Some(n) => Working::new(
                exact_amount(unit, budget).over(exact_amount(unit, each)).floor(),
                Figure::count(n).then(format!(" {words}")),
            ),
            None => Working::new(
                Term::Text("an incident like this spends nothing".to_owned()),
                Figure::stated(format!("any number {words}")),
            ),
        }
    };
    Explanation {
        formula: "fit = ⌊budget ÷ what one incident spends⌋".to_owned(),
        workings: vec![fit(total, "in the whole budget"), fit(left, "in what is left")],
        convention: None,
    }
}

/// Explains the availability an incident history achieved over the window.
pub fn achieved(account: &crate::ledger::Account, spent: f64) -> Explanation {
    Explanation::new(
        "achieved = 1 − spent ÷ everything the window holds, never below 0",
        Working::new(
            Term::exact(spent, "")
                .over(Term::exact(account.capacity(), ""))
                .complement()
                .at_least_zero(),
            Figure::availability_against(account.achieved(spent), 1.0 - account.target().budget_fraction()),
        ),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downtime_explanation_carries_the_users_numbers() {
        let e = downtime(Target::from_percent(99.9).unwrap(), Window::rolling(30).unwrap());
        assert_eq!(
            e.substituted(),
            "(1 − 99.9%) × (30 d × 86,400 s/d) = 0.001 × 2,592,000 s"
        );
        assert_eq!(e.result(), "2,592 s = 43m 12s");
        assert_eq!(e.convention, None);
    }

    #[test]
    fn calendar_windows_state_their_convention() {
        let e = downtime(Target::from_percent(99.0).unwrap(), Window::CalendarMonth);
        assert!(e.convention.as_deref().unwrap().contains("30.436875"));
        assert!(e.substituted().contains("30.436875 d"));
    }

    #[test]
    fn bad_requests_explanation() {
        let e = bad_requests(
            Target::from_percent(99.9).unwrap(),
            Window::rolling(30).unwrap(),
            Traffic::per_second(100.0).unwrap(),
        );
        assert_eq!(e.result(), "259,200 bad requests");
        assert!(e.substituted().contains("259,200,000 requests"));
    }

    #[test]
    fn a_composite_is_written_with_its_numbers() {
        use crate::composite::Node;
        let tree = Node::Serial(vec![
            Node::Dependency(0.9995),
            Node::Redundant(vec![Node::Dependency(0.999), Node::Dependency(0.999)]),
            Node::Soft {
                node: Box::new(Node::Dependency(0.99)),
                fraction: 0.1,
            },
            Node::KOfN {
                k: 2,
                members: vec![Node::Dependency(0.99); 3],
            },
        ]);
        assert_eq!(
            composite(&tree).to_string(),
            "99.95% × (1 − (1 − 99.9%) × (1 − 99.9%)) × (1 − 10% × (1 − 99%)) × \
             P(at least 2 of 3 up: 99%, 99%, 99%)"
        );
    }

    #[test]
    fn a_rolling_run_out_date_adds_what_ages_out() {
        use crate::burn_down::{burn_down, Forecast, Plan};
        use crate::incident::{Impact, Incident};
        use crate::objective::SliKind;
        use crate::time::Instant;
        let at = |text: &str| Instant::parse(text).unwrap();
        let outage = |start: &str, minutes: f64| {
            Incident::new(at(start), minutes * 60.0, Impact::percent(100.0).unwrap()).unwrap()
        };
        // 30 minutes out on 7 October ages out of the 30 days on 6 November, before the
        // 492 s left would be gone (2.85 days at 172.8 s a day): the date adds it back.
        let incidents = [outage("2026-10-07T12:00", 30.0), outage("2026-11-04T12:00", 5.0)];
        let b = burn_down(&Plan {
            target: Target::from_percent(99.9).unwrap(),
            sli: SliKind::TimeBased,
            traffic: Traffic::per_second(100.0).unwrap(),
            window: Window::rolling(30).unwrap(),
            as_of: at("2026-11-05"),
            incidents: &incidents,
            forecast: Forecast::SteadyErrorRate(0.002),
        });
        let e = exhaustion(&b);
        assert_eq!(
            e.substituted(),
            "2026-11-05T00:00:00Z + (492 s + 1,800 s) ÷ 172.8 s per day (burn rate 2×)"
        );
        // 2,292 s ÷ 172.8 s a day = 13.264 days: 18 November at 06:20, to the series' step.
        assert!(e.result().starts_with("2026-11-18T06:"), "{}", e.result());
        assert_eq!(e.workings[0].adds_up(), Some(Ok(())));
    }
}
