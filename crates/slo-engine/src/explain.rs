//! "How is this computed?": each figure's formula, with the user's numbers in it.
//!
//! The UI shows an [`Explanation`] in a disclosure next to the figure it explains. The
//! numbers are those the figure was computed from, so a trainee can redo the sum.

use crate::budget::{allowed_bad_requests, allowed_downtime, total_requests};
use crate::notation::{grouped, human_duration, percent};
use crate::objective::Target;
use crate::traffic::Traffic;
use crate::window::Window;

/// A formula in symbols, the same with numbers substituted, and the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The formula in words and symbols.
    pub formula: String,
    /// The formula with the user's numbers in it.
    pub substituted: String,
    /// The result, with units.
    pub result: String,
    /// The convention the result depends on, if any (e.g. the length of a month).
    pub convention: Option<String>,
}

/// The window's length as a product in parentheses: `(30 d × 86,400 s/d)`.
fn window_in_seconds(window: Window) -> String {
    format!("({} d × 86,400 s/d)", grouped(window.days(), 6))
}

fn convention_of(window: Window) -> Option<String> {
    match window {
        Window::Rolling { .. } => None,
        _ => Some(window.convention().to_owned()),
    }
}

/// Explains [`allowed_downtime`].
pub fn downtime(target: Target, window: Window) -> Explanation {
    let seconds = allowed_downtime(target, window);
    Explanation {
        formula: "allowed downtime = (1 − target) × window length".to_owned(),
        substituted: format!(
            "(1 − {}%) × {} = {} × {} s",
            percent(target.percent()),
            window_in_seconds(window),
            grouped(target.budget_fraction(), 9),
            grouped(window.seconds(), 3)
        ),
        result: format!("{} s = {}", grouped(seconds, 3), human_duration(seconds)),
        convention: convention_of(window),
    }
}

/// Explains [`crate::budget::availability_for_downtime`] for a downtime already checked
/// to fit the window.
pub fn availability(downtime_seconds: f64, window: Window, availability: f64) -> Explanation {
    Explanation {
        formula: "availability = 1 − downtime / window length".to_owned(),
        substituted: format!(
            "1 − {} s / {} s ({})",
            grouped(downtime_seconds, 3),
            grouped(window.seconds(), 3),
            window.label()
        ),
        result: format!("{}%", percent(availability * 100.0)),
        convention: convention_of(window),
    }
}

/// Explains [`allowed_bad_requests`].
pub fn bad_requests(target: Target, window: Window, traffic: Traffic) -> Explanation {
    let total = total_requests(window, traffic);
    Explanation {
        formula: "allowed bad requests = (1 − target) × requests per second × window length".to_owned(),
        substituted: format!(
            "(1 − {}%) × {} req/s × {} s = {} × {} requests",
            percent(target.percent()),
            grouped(traffic.requests_per_second(), 6),
            grouped(window.seconds(), 3),
            grouped(target.budget_fraction(), 9),
            grouped(total, 0)
        ),
        result: format!(
            "{} bad requests",
            grouped(allowed_bad_requests(target, window, traffic), 1)
        ),
        convention: convention_of(window),
    }
}

/// Explains [`Target::nines`].
pub fn nines(target: Target) -> Explanation {
    Explanation {
        formula: "nines = −log10(1 − target)".to_owned(),
        substituted: format!(
            "−log10(1 − {}%) = −log10({})",
            percent(target.percent()),
            grouped(target.budget_fraction(), 9)
        ),
        result: format!("{} nines", grouped(target.nines(), 3)),
        convention: None,
    }
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

/// Explains [`crate::ledger::Account::total`].
pub fn budget_total(account: &crate::ledger::Account, sli: crate::SliKind, traffic: Traffic) -> Explanation {
    let target = percent(account.target().percent());
    let w = grouped(account.window_seconds(), 0);
    let (formula, substituted) = match sli {
        crate::SliKind::TimeBased => (
            "budget = (1 − target) × window length".to_owned(),
            format!("(1 − {target}%) × {w} s"),
        ),
        crate::SliKind::RequestBased | crate::SliKind::Latency(_) => (
            "budget = (1 − target) × requests per second × window length".to_owned(),
            format!(
                "(1 − {target}%) × {} req/s × {w} s",
                grouped(traffic.requests_per_second(), 6)
            ),
        ),
        crate::SliKind::Timeslice(slice) => (
            "budget = (1 − target) × window length ÷ slice length".to_owned(),
            format!("(1 − {target}%) × {w} s ÷ {} s", grouped(slice.seconds(), 3)),
        ),
    };
    Explanation {
        formula,
        substituted,
        result: amount(account.unit(), account.total()),
        convention: None,
    }
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
        Explanation {
            formula: "budget in time = (1 − target) × window length".to_owned(),
            substituted: format!(
                "(1 − {}%) × {} s",
                percent(target.percent()),
                grouped(window_seconds, 0)
            ),
            result: format!("{} s = {}", grouped(seconds, 3), human_duration(seconds)),
            convention: None,
        },
        Explanation {
            formula: "budget in bad requests = (1 − target) × requests per second × window length".to_owned(),
            substituted: format!(
                "(1 − {}%) × {} req/s × {} s",
                percent(target.percent()),
                grouped(traffic.requests_per_second(), 6),
                grouped(window_seconds, 0)
            ),
            result: format!("{} bad requests", grouped(requests, 0)),
            convention: None,
        },
    )
}

/// Explains the total spent: the sum of what each incident spends in the window.
pub fn spent(unit: crate::BudgetUnit, per_incident: &[f64], spent: f64, total: f64) -> Explanation {
    let sum: f64 = per_incident.iter().sum();
    let terms = per_incident
        .iter()
        .map(|s| amount(unit, *s))
        .collect::<Vec<_>>()
        .join(" + ");
    // Where incidents overlap they spend together what at most all requests failing
    // spends: the difference from the sum is shown as its own term.
    let together = spent - sum;
    let shown_apart = amount(unit, together.abs());
    let overlapping = shown_apart != amount(unit, 0.0);
    Explanation {
        formula: if overlapping {
            "spent = the sum of what each incident spends in the window, corrected where they overlap \
             (at most every request fails at once)"
                .to_owned()
        } else {
            "spent = the sum of what each incident spends in the window".to_owned()
        },
        substituted: if per_incident.is_empty() {
            "no incidents".to_owned()
        } else if overlapping {
            format!(
                "{terms} {} {shown_apart} where they overlap",
                if together < 0.0 { "−" } else { "+" }
            )
        } else {
            terms
        },
        result: format!(
            "{} = {}% of the budget",
            amount(unit, spent),
            crate::notation::trim_decimals(100.0 * spent / total, 2)
        ),
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
    let share = percent(100.0 * spent / account.total());
    let (formula, substituted) = match (account.unit(), incident.impact()) {
        (crate::BudgetUnit::Slices, _) => (
            "spent = slices in the window whose error rate exceeds the slice threshold".to_owned(),
            format!("{} bad slices", grouped(spent, 2)),
        ),
        (crate::BudgetUnit::Seconds, Impact::Fraction(f)) => (
            "spent = impact × duration in the window".to_owned(),
            format!("{}% × {} s", percent(f * 100.0), grouped(spent / f, 1)),
        ),
        (crate::BudgetUnit::Requests, Impact::Fraction(f)) => (
            "spent = impact × requests per second × duration in the window".to_owned(),
            format!("{}% × {} requests", percent(f * 100.0), grouped(spent / f, 0)),
        ),
        (_, Impact::BadEvents(n)) => {
            let rate = account.traffic().requests_per_second();
            if let Some(all) = crate::error_profile::count_beyond_traffic(incident, rate) {
                (
                    "spent = the bad requests counted (in the window), at most every request of its \
                     duration (requests per second × duration)"
                        .to_owned(),
                    format!(
                        "{} bad requests counted, more than the {} req/s × {} s = {} requests it saw: all of them",
                        grouped(n, 0),
                        grouped(rate, 3),
                        grouped(incident.duration(), 1),
                        grouped(all, 0)
                    ),
                )
            } else {
                (
                    "spent = the bad requests counted (in the window)".to_owned(),
                    format!("{} bad requests counted", grouped(n, 0)),
                )
            }
        }
    };
    Explanation {
        formula,
        substituted,
        result: format!("{} = {share}% of the budget", amount(account.unit(), spent)),
        convention: None,
    }
}

/// Explains the budget left.
pub fn remaining(unit: crate::BudgetUnit, total: f64, spent: f64) -> Explanation {
    Explanation {
        formula: "left = budget − spent; share left = left ÷ budget".to_owned(),
        substituted: format!("{} − {}", amount(unit, total), amount(unit, spent)),
        result: format!(
            "{} = {}% of the budget",
            amount(unit, total - spent),
            grouped(100.0 * (total - spent) / total, 2)
        ),
        convention: None,
    }
}

/// The composite availability of `node` written out with its numbers, in the forms of
/// [`crate::composite`]: `99.95% × (1 − (1 − 99.9%) × (1 − 99.9%))`.
pub fn composite(node: &crate::composite::Node) -> String {
    use crate::composite::Node;
    let term = |n: &Node| match n {
        Node::Dependency(_) | Node::KOfN { .. } => composite(n),
        _ => format!("({})", composite(n)),
    };
    match node {
        Node::Dependency(a) => format!("{}%", percent(a * 100.0)),
        Node::Serial(members) => members.iter().map(term).collect::<Vec<_>>().join(" × "),
        Node::Redundant(members) => format!(
            "1 − {}",
            members
                .iter()
                .map(|m| format!("(1 − {})", composite(m)))
                .collect::<Vec<_>>()
                .join(" × ")
        ),
        Node::KOfN { k, members } => format!(
            "P(at least {k} of {} up: {})",
            members.len(),
            members.iter().map(composite).collect::<Vec<_>>().join(", ")
        ),
        Node::Soft { node, fraction } => {
            format!("1 − {}% × (1 − {})", percent(fraction * 100.0), term(node))
        }
    }
}

/// `value` of `unit` to three decimals, for a sum that must give its result: `492 s`,
/// `8,640 bad requests`.
fn exact(unit: crate::BudgetUnit, value: f64) -> String {
    let figure = grouped(value, 3);
    match unit {
        crate::BudgetUnit::Seconds => format!("{figure} s"),
        crate::BudgetUnit::Requests => format!("{figure} bad requests"),
        crate::BudgetUnit::Slices => format!("{figure} bad slices"),
    }
}

/// Explains the exhaustion forecast of a burn-down. For a rolling window, what ages
/// out of the window before the budget runs out is a term of its own: the sum gives
/// the date shown (to the series' step).
pub fn exhaustion(b: &crate::burn_down::BurnDown) -> Explanation {
    let unit = b.account.unit();
    let per_day = b.burn_per_second * 86_400.0;
    let left = b.remaining();
    let result = match b.exhaustion {
        crate::burn_down::Exhaustion::At(t) => format!("{t}"),
        crate::burn_down::Exhaustion::Already(t) => format!("already spent, at {t}"),
        crate::burn_down::Exhaustion::NotWithinWindow => "not within window".to_owned(),
    };
    let rate = grouped(b.account.burn_rate(b.burn_per_second), 2);
    let (formula, substituted) = if b.regained > 0.0 {
        (
            "runs out at = as of + (budget left + what ages out of the rolling window by then) \
             ÷ spending per day",
            format!(
                "{} + ({} + {}) ÷ {} per day (burn rate {rate}×)",
                b.as_of,
                exact(unit, left),
                exact(unit, b.regained),
                exact(unit, per_day),
            ),
        )
    } else {
        (
            "runs out at = as of + budget left ÷ spending per day",
            format!(
                "{} + {} ÷ {} per day (burn rate {rate}×)",
                b.as_of,
                exact(unit, left),
                exact(unit, per_day),
            ),
        )
    };
    Explanation {
        formula: formula.to_owned(),
        substituted,
        result,
        convention: None,
    }
}

/// Explains "how many incidents like this fit".
pub fn fits(unit: crate::BudgetUnit, each: f64, total: f64, left: f64) -> Explanation {
    Explanation {
        formula: "fit = ⌊budget ÷ what one incident spends⌋".to_owned(),
        substituted: format!(
            "⌊{} ÷ {}⌋, and of what is left ⌊{} ÷ {}⌋",
            amount(unit, total),
            amount(unit, each),
            amount(unit, left.max(0.0)),
            amount(unit, each)
        ),
        result: format!(
            "{} in the whole budget, {} in what is left",
            crate::ledger::incidents_that_fit(total, each).map_or("any number".to_owned(), |n| n.to_string()),
            crate::ledger::incidents_that_fit(left, each).map_or("any number".to_owned(), |n| n.to_string())
        ),
        convention: None,
    }
}

/// Explains the availability an incident history achieved over the window.
pub fn achieved(account: &crate::ledger::Account, spent: f64) -> Explanation {
    Explanation {
        formula: "achieved = 1 − spent ÷ everything the window holds".to_owned(),
        substituted: format!("1 − {} ÷ {}", grouped(spent, 3), grouped(account.capacity(), 3)),
        result: format!("{}%", percent(100.0 * account.achieved(spent))),
        convention: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downtime_explanation_carries_the_users_numbers() {
        let e = downtime(Target::from_percent(99.9).unwrap(), Window::rolling(30).unwrap());
        assert_eq!(
            e.substituted,
            "(1 − 99.9%) × (30 d × 86,400 s/d) = 0.001 × 2,592,000 s"
        );
        assert_eq!(e.result, "2,592 s = 43m 12s");
        assert_eq!(e.convention, None);
    }

    #[test]
    fn calendar_windows_state_their_convention() {
        let e = downtime(Target::from_percent(99.0).unwrap(), Window::CalendarMonth);
        assert!(e.convention.unwrap().contains("30.436875"));
        assert!(e.substituted.contains("30.436875 d"));
    }

    #[test]
    fn bad_requests_explanation() {
        let e = bad_requests(
            Target::from_percent(99.9).unwrap(),
            Window::rolling(30).unwrap(),
            Traffic::per_second(100.0).unwrap(),
        );
        assert_eq!(e.result, "259,200 bad requests");
        assert!(e.substituted.contains("259,200,000 requests"));
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
            composite(&tree),
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
            e.substituted,
            "2026-11-05T00:00:00Z + (492 s + 1,800 s) ÷ 172.8 s per day (burn rate 2×)"
        );
        // 2,292 s ÷ 172.8 s a day = 13.264 days: 18 November at 06:20, to the series' step.
        assert!(e.result.starts_with("2026-11-18T06:"), "{}", e.result);
    }
}
