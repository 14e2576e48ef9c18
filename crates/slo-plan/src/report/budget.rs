//! What the Budget page shows, derived from a valid plan in one call.

use super::targets::window_label;
use super::{editable, PlanChart};
use crate::edit::PlanEdit;
use crate::model::{IncidentSpec, Plan, ThresholdSpec, ValidPlan};
use slo_charts::burn_down::{BurnDownChart, BurnDownMoved, IncidentSpan, ThresholdMark};
use slo_engine::burn_down::{burn_down, BurnDown, Exhaustion, Plan as BurnDownPlan};
use slo_engine::error_profile::count_beyond_traffic;
use slo_engine::explain::{self, amount, Explanation};
use slo_engine::incident::{Impact, Incident};
use slo_engine::notation::{grouped, human_duration, percent, percent_against, trim_decimals};
use slo_engine::policy::in_force;
use slo_engine::time::Instant;
use slo_engine::{BudgetUnit, Window};

/// Targets the "what would this history have met?" answer is stated against.
const COMMON_TARGETS: [f64; 9] = [90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999];

/// One incident's line.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentRow {
    /// Its position in the plan's incident list, from 0.
    pub position: usize,
    /// What it spends in the window in force, in the budget's unit.
    pub spent: String,
    /// The same as a share of the budget.
    pub spent_percent: String,
    /// Why it spends nothing, when it does not.
    pub note: Option<String>,
    /// How the spend is computed.
    pub explained: Explanation,
}

/// The Budget page's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetReport {
    /// The window in force, in words.
    pub period: String,
    /// The budget in time: `(1 − target) × window`, seconds.
    pub total_seconds: f64,
    /// `total_seconds` to the millisecond, for `data-seconds`.
    pub total_seconds_exact: String,
    /// The budget in bad requests at the plan's traffic.
    pub total_events: String,
    /// The budget in the SLI's unit.
    pub total: String,
    /// How the budget is computed.
    pub total_explained: Explanation,
    /// How the budget in time is computed.
    pub total_seconds_explained: Explanation,
    /// How the budget in bad requests is computed.
    pub total_events_explained: Explanation,
    /// How the total spent is computed.
    pub spent_explained: Explanation,
    /// Spent so far, in the budget's unit.
    pub spent: String,
    /// Spent so far, percent of the budget (two decimals).
    pub spent_percent: String,
    /// Left, percent of the budget (two decimals; negative when overspent).
    pub remaining_percent: String,
    /// Left, in the budget's unit.
    pub remaining: String,
    /// Left, in the other units than `remaining`'s: as full-outage time and as bad
    /// requests at the plan's traffic, e.g. `79,200 bad requests` beside `13m 12s`, or
    /// `13m 12s of full downtime` beside `79,200 bad requests`.
    pub remaining_equivalents: String,
    /// How the remainder is computed.
    pub remaining_explained: Explanation,
    /// What the budget, what is spent and what is left are worth, when failures are
    /// priced.
    pub money: Option<String>,
    /// One line per incident that hurts the selected SLO, in input order.
    pub incidents: Vec<IncidentRow>,
    /// When the budget runs out, for reading.
    pub exhausted_at: String,
    /// The same as ISO 8601, or `None` when not within the window.
    pub exhausted_iso: Option<String>,
    /// How the forecast is computed.
    pub exhaustion_explained: Explanation,
    /// The forecast's burn rate, e.g. `0.75×`.
    pub burn_rate: String,
    /// The policy in force, in plain words.
    pub policy_state: String,
    /// The position in the plan's policy of the threshold in force.
    pub policy_level: Option<usize>,
    /// "How many of these fit?" answer.
    pub what_if: String,
    /// How the what-if is computed.
    pub what_if_explained: Explanation,
    /// What the window's history achieved, percent.
    pub achieved_percent: String,
    /// Which common targets it meets and misses.
    pub achieved_verdict: String,
    /// How the achieved availability is computed.
    pub achieved_explained: Explanation,
    /// The computed burn-down (for the chart).
    pub burn_down: BurnDown,
}

impl BudgetReport {
    /// Every "how is this computed?" the page shows, for the check that each one adds up.
    pub fn explanations(&self) -> Vec<&Explanation> {
        let mut all = vec![
            &self.total_explained,
            &self.total_seconds_explained,
            &self.total_events_explained,
            &self.spent_explained,
            &self.remaining_explained,
            &self.exhaustion_explained,
            &self.what_if_explained,
            &self.achieved_explained,
        ];
        all.extend(self.incidents.iter().map(|i| &i.explained));
        all
    }
}

fn period_text(window: Window, b: &BurnDown) -> String {
    let date = |t: Instant| {
        let text = t.to_string();
        text.strip_suffix("T00:00:00Z")
            .map_or_else(|| text.clone(), str::to_owned)
    };
    match window {
        Window::Rolling { days } => format!(
            "the rolling {days} days up to {} ({} to {}); incidents older than {days} days no longer count",
            b.as_of.readable(),
            date(b.period.start),
            date(b.period.end)
        ),
        _ => format!(
            "the calendar {} from {} to {} ({}, its real length); the budget resets when it ends",
            match window {
                Window::CalendarMonth => "month",
                Window::CalendarQuarter => "quarter",
                _ => "year",
            },
            date(b.period.start),
            date(b.period.end),
            human_duration(b.period.seconds())
        ),
    }
}

fn incident_row(
    plan: &ValidPlan,
    b: &BurnDown,
    position: usize,
    incident: &Incident,
    spent: f64,
) -> IncidentRow {
    let (start, end) = incident.span();
    let rate = plan.traffic.requests_per_second();
    let overlapped = plan
        .incidents
        .iter()
        .zip(&plan.incident_positions)
        .find(|(other, _)| {
            let (s, e) = other.span();
            !std::ptr::eq(*other, incident) && s < end && start < e
        })
        .map(|(_, &other)| other);
    let note = if let Some(all) = count_beyond_traffic(incident, rate) {
        Some(format!(
            "more bad requests than the {} requests its {} see at {} req/s: counted as a full outage",
            grouped(all, 0),
            human_duration(incident.duration()),
            grouped(rate, 3)
        ))
    } else if let (Some(other), true) = (overlapped, spent > 0.0) {
        Some(format!(
            "overlaps incident #{}: while both last, their shares of failing requests add up, to at most 100%",
            other + 1
        ))
    } else {
        (spent == 0.0).then(|| incident_unspent_note(plan, b, incident))
    };
    IncidentRow {
        position,
        spent: amount(b.account.unit(), spent),
        spent_percent: trim_decimals(100.0 * spent / b.account.total(), 2),
        note,
        explained: explain::incident_spend(&b.account, incident, spent),
    }
}

/// Why `incident` spends nothing of the window in force.
fn incident_unspent_note(plan: &ValidPlan, b: &BurnDown, incident: &Incident) -> String {
    let (start, end) = incident.span();
    let from = b.period.start.unix_seconds() as f64;
    let now = b.as_of.unix_seconds() as f64;
    {
        if start >= now {
            "after the as-of time: not counted yet".to_owned()
        } else if end <= from {
            format!(
                "before {}: outside the window in force",
                b.period.start.readable()
            )
        } else if let slo_engine::SliKind::Timeslice(slice) = plan.sli {
            format!(
                "below the slice threshold of {}% errors",
                percent(slice.max_error_rate() * 100.0)
            )
        } else {
            "spends nothing".to_owned()
        }
    }
}

fn verdict(achieved_percent: f64) -> String {
    let met = COMMON_TARGETS
        .iter()
        .rev()
        .find(|t| **t <= achieved_percent + 1e-9);
    let missed = COMMON_TARGETS.iter().find(|t| **t > achieved_percent + 1e-9);
    match (met, missed) {
        (Some(m), Some(x)) => format!("meets {}%, misses {}%", percent(*m), percent(*x)),
        (Some(m), None) => format!("meets every common target up to {}%", percent(*m)),
        (None, Some(x)) => format!("misses even {}%", percent(*x)),
        (None, None) => String::new(),
    }
}

/// Derives the Budget page from a valid plan.
pub fn budget_report(plan: &ValidPlan) -> BudgetReport {
    let b = burn_down(&BurnDownPlan {
        target: plan.target,
        sli: plan.sli,
        traffic: plan.traffic,
        window: plan.window,
        as_of: plan.as_of,
        incidents: &plan.incidents,
        forecast: plan.forecast,
    });
    let unit = b.account.unit();
    let total_seconds = plan.target.budget_fraction() * b.period.seconds();
    let total_events =
        plan.target.budget_fraction() * b.period.seconds() * plan.traffic.requests_per_second();
    let (exhausted_at, exhausted_iso) = match b.exhaustion {
        Exhaustion::At(t) => (t.readable(), Some(t.to_string())),
        Exhaustion::Already(t) => (format!("already spent, at {}", t.readable()), Some(t.to_string())),
        Exhaustion::NotWithinWindow => ("not within window".to_owned(), None),
    };
    let remaining_percent = b.remaining_percent();
    let in_force_rule = in_force(&plan.policy, remaining_percent);
    let policy_state = match in_force_rule {
        Some(rule) => format!(
            "{}% of the budget left, at or below {}%: {}.",
            grouped(remaining_percent, 1),
            percent(rule.remaining_percent()),
            rule.action()
        ),
        None => format!(
            "{}% of the budget left, above every policy threshold: ship as planned.",
            grouped(remaining_percent, 1)
        ),
    };
    let policy_level = in_force_rule.and_then(|rule| plan.policy.iter().position(|t| std::ptr::eq(t, rule)));
    let (what_if_duration, what_if_impact) = plan.what_if;
    let each = Instant::from_unix_seconds(0)
        .ok()
        .and_then(|t| Incident::new(t, what_if_duration, what_if_impact).ok())
        .map_or(0.0, |i| b.account.spent_by_whole(&i));
    let what_if_explained = explain::fits(unit, each, b.account.total(), b.remaining());
    let achieved = 100.0 * b.account.achieved(b.spent);
    let (in_time, in_requests) =
        explain::budget_in_time_and_requests(plan.target, b.period.seconds(), plan.traffic);
    let money = plan.money.as_ref().map(|m| {
        let worth = |amount: f64| m.format(m.price.of(&b.account, amount));
        format!(
            "The budget is worth {}: {} spent, {} left, at {} a minute of full outage.",
            worth(b.account.total()),
            worth(b.spent),
            worth(b.remaining()),
            m.format(m.price.per_outage_second() * 60.0)
        )
    });
    BudgetReport {
        money,
        period: period_text(plan.window, &b),
        total_seconds,
        total_seconds_exact: trim_decimals(total_seconds, 3),
        total_events: grouped(total_events, if total_events < 10.0 { 2 } else { 0 }),
        total: amount(unit, b.account.total()),
        total_explained: explain::budget_total(&b.account, plan.sli, plan.traffic),
        total_seconds_explained: in_time,
        total_events_explained: in_requests,
        spent_explained: explain::spent(unit, &b.per_incident, b.spent, b.account.total()),
        spent: amount(unit, b.spent),
        spent_percent: trim_decimals(b.spent_percent(), 2),
        remaining_percent: trim_decimals(remaining_percent, 2),
        remaining: amount(unit, b.remaining()),
        remaining_equivalents: {
            let downtime = format!(
                "{} of full downtime",
                human_duration(total_seconds * remaining_percent / 100.0)
            );
            let requests = format!(
                "{} bad requests",
                grouped(total_events * remaining_percent / 100.0, 0)
            );
            match unit {
                BudgetUnit::Seconds => requests,
                BudgetUnit::Requests => downtime,
                BudgetUnit::Slices => format!("{downtime}, {requests}"),
            }
        },
        remaining_explained: explain::remaining(unit, b.account.total(), b.spent),
        incidents: plan
            .incidents
            .iter()
            .zip(&plan.incident_positions)
            .zip(&b.per_incident)
            .map(|((i, &position), spent)| incident_row(plan, &b, position, i, *spent))
            .collect(),
        exhausted_at,
        exhausted_iso,
        exhaustion_explained: explain::exhaustion(&b),
        burn_rate: format!("{}×", grouped(b.account.burn_rate(b.burn_per_second), 2)),
        policy_state,
        policy_level,
        what_if: what_if_explained.result(),
        what_if_explained,
        achieved_percent: percent_against(achieved, plan.target.percent()),
        achieved_verdict: verdict(achieved),
        achieved_explained: explain::achieved(&b.account, b.spent),
        burn_down: b,
    }
}

/// An incident's impact for reading: `100% of requests`, `5,000 bad requests`.
pub fn impact_text(spec: &IncidentSpec) -> String {
    match spec.impact {
        crate::ImpactSpec::Percent(p) => format!("{}% of requests", percent(p)),
        crate::ImpactSpec::BadRequests(n) => format!("{} bad requests", grouped(n, 0)),
    }
}

/// Whether an impact counts requests rather than a share of them.
pub fn counts_requests(impact: Impact) -> bool {
    matches!(impact, Impact::BadEvents(_))
}

/// The burn-down chart of `report`, with the plan's thresholds and incidents; dragging a
/// threshold sets its level, dragging an incident moves its start.
pub fn burn_down_chart(plan: &Plan, report: &BudgetReport) -> PlanChart<BurnDownChart> {
    let policy = plan.budget.policy.clone();
    let incidents = plan.budget.incidents.clone();
    let thresholds = policy
        .iter()
        .map(|t| ThresholdMark {
            remaining_percent: t.remaining_percent,
            label: t.action.clone(),
        })
        .collect();
    let selected = plan.selected_index();
    let spans: Vec<IncidentSpan> = incidents
        .iter()
        .enumerate()
        .filter(|(_, spec)| plan.hurts(spec, selected))
        .filter_map(|(i, spec)| {
            Some(IncidentSpan {
                number: i + 1,
                start: Instant::parse(&spec.start).ok()?,
                duration_seconds: spec.duration_seconds,
            })
        })
        .collect();
    let chart = BurnDownChart::new(
        &report.burn_down,
        thresholds,
        &spans,
        window_label(plan.slo().window),
        match plan.slo().window {
            crate::WindowSpec::Rolling { days } => Some(f64::from(days)),
            _ => None,
        },
    );
    editable(chart, move |moved| match moved {
        BurnDownMoved::Threshold {
            index,
            remaining_percent,
        } => Some(PlanEdit::SetThreshold {
            index,
            threshold: ThresholdSpec {
                remaining_percent,
                action: policy.get(index)?.action.clone(),
            },
        }),
        BurnDownMoved::Incident { number, start } => {
            let index = number.checked_sub(1)?;
            Some(PlanEdit::SetIncident {
                index,
                incident: IncidentSpec {
                    start: start.to_string(),
                    ..incidents.get(index)?.clone()
                },
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImpactSpec, IncidentSpec, Plan, SliSpec, WindowSpec};

    fn outage(start: &str, minutes: f64) -> IncidentSpec {
        IncidentSpec {
            slos: None,
            label: "outage".to_owned(),
            start: start.to_owned(),
            duration_seconds: minutes * 60.0,
            impact: ImpactSpec::Percent(100.0),
        }
    }

    fn time_based_month(incidents: Vec<IncidentSpec>) -> BudgetReport {
        let mut plan = Plan {
            slos: vec![crate::SloSpec {
                sli: SliSpec::TimeBased,
                window: WindowSpec::CalendarMonth,
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        };
        plan.budget.incidents = incidents;
        budget_report(&plan.validate().unwrap())
    }

    #[test]
    fn two_simultaneous_outages_spend_what_one_does() {
        let r = time_based_month(vec![
            outage("2026-11-03T10:00", 20.0),
            outage("2026-11-03T10:00", 20.0),
        ]);
        assert_eq!(r.spent, "20m");
        assert_eq!(r.spent_percent, "46.3");
        assert_eq!(
            r.spent_explained.substituted(),
            "1,200 s + 1,200 s − 1,200 s where they overlap"
        );
        assert_eq!(r.spent_explained.result(), "1,200 s = 20m = 46.3% of the budget");
        // Each incident alone spends 20 minutes, and says it overlaps the other.
        assert_eq!(r.incidents[1].spent, "20m");
        assert!(r.incidents[1]
            .note
            .as_deref()
            .unwrap()
            .contains("overlaps incident #1"));
    }

    #[test]
    fn overlapping_partial_incidents_never_fail_more_than_every_request() {
        // 60 % for an hour from 10:00 and 60 % for an hour from 10:30: 60 % for half an
        // hour, 100 % (not 120 %) for half an hour, 60 % for half an hour: 66 minutes.
        let partial = |start: &str| IncidentSpec {
            impact: ImpactSpec::Percent(60.0),
            ..outage(start, 60.0)
        };
        let r = time_based_month(vec![partial("2026-11-03T10:00"), partial("2026-11-03T10:30")]);
        assert_eq!(r.spent, "1h 6m");
        assert_eq!(
            r.spent_explained.substituted(),
            "2,160 s + 2,160 s − 360 s where they overlap"
        );
    }

    #[test]
    fn a_count_above_all_the_traffic_is_a_full_outage_and_said() {
        // 500,000 bad requests in 30 minutes at 100 req/s, which make 180,000 requests.
        let mut plan = Plan::default();
        plan.budget.incidents = vec![IncidentSpec {
            impact: ImpactSpec::BadRequests(500_000.0),
            ..outage("2026-11-03T10:00", 30.0)
        }];
        let r = budget_report(&plan.validate().unwrap());
        assert_eq!(r.spent, "180,000 bad requests");
        let note = r.incidents[0].note.as_deref().unwrap();
        assert!(
            note.contains("more bad requests than the 180,000 requests"),
            "{note}"
        );
        assert!(r.incidents[0].explained.result().contains("all of them failed"));
    }

    #[test]
    fn two_outages_in_a_calendar_month() {
        let r = time_based_month(vec![
            outage("2026-11-03T10:00", 20.0),
            outage("2026-11-10T08:00", 10.0),
        ]);
        assert_eq!(r.total_seconds_exact, "2592");
        assert_eq!(r.total, "43m 12s");
        assert_eq!(r.total_events, "259,200");
        assert_eq!(r.spent_percent, "69.44");
        assert_eq!(r.remaining_percent, "30.56");
        // Left in the other unit than the time the SLI counts.
        assert_eq!(r.remaining, "13m 12s");
        assert_eq!(r.remaining_equivalents, "79,200 bad requests");
        assert_eq!(r.incidents[0].spent, "20m");
        assert_eq!(r.incidents[0].spent_percent, "46.3");
        assert_eq!(r.spent_explained.substituted(), "1,200 s + 600 s");
        assert_eq!(r.spent_explained.result(), "1,800 s = 30m = 69.44% of the budget");
        assert_eq!(
            r.total_seconds_explained.substituted(),
            "(1 − 99.9%) × 2,592,000 s"
        );
        assert_eq!(r.total_events_explained.result(), "259,200 bad requests");
        assert_eq!(r.exhausted_iso.as_deref(), Some("2026-11-22T14:24:00Z"));
        assert_eq!(
            r.policy_state,
            "30.6% of the budget left, at or below 50%: review the reliability work in the next planning."
        );
        assert_eq!(r.policy_level, Some(0));
        // A 20-minute full outage spends 1,200 s: two fit in 2,592 s, none in the 792 s left.
        assert_eq!(r.what_if, "2 in the whole budget; 0 in what is left");
        // 1 − 1,800 s ÷ 2,592,000 s = 99.930556%, written to the target's decimal and two more.
        assert_eq!(r.achieved_percent, "99.931");
        assert_eq!(r.achieved_verdict, "meets 99.9%, misses 99.95%");
    }

    #[test]
    fn the_window_in_force_reads_in_utc() {
        let r = budget_report(&Plan::default().validate().unwrap());
        assert_eq!(
            r.period,
            "the rolling 30 days up to 16 Nov 2026, 00:00 UTC (2026-10-17 to 2026-11-16); incidents older than 30 days no longer count"
        );
    }

    #[test]
    fn a_priced_budget_says_what_it_is_worth() {
        let mut plan = Plan::default();
        assert_eq!(budget_report(&plan.validate().unwrap()).money, None);
        // 0.002 a failed request at 100 req/s is 12 a minute of full outage; the
        // 259,200 bad requests of 30 days at 99.9 % are worth 518.40, none spent.
        plan.money = crate::money::MoneySpec {
            currency: "GBP".to_owned(),
            cost: crate::money::CostSpec::PerFailedRequest(0.002),
        };
        let r = budget_report(&plan.validate().unwrap());
        // A request-based SLI's budget left is said in requests, then in downtime once.
        assert_eq!(r.remaining, "259,200 bad requests");
        assert_eq!(r.remaining_equivalents, "43m 12s of full downtime");
        assert_eq!(
            r.money.as_deref(),
            Some("The budget is worth GBP 518: GBP 0.00 spent, GBP 518 left, at GBP 12.00 a minute of full outage.")
        );
    }

    #[test]
    fn incidents_outside_the_window_are_named() {
        let mut plan = Plan {
            slos: vec![crate::SloSpec {
                window: WindowSpec::CalendarMonth,
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        };
        plan.budget.incidents = vec![outage("2026-10-20T10:00", 20.0), outage("2026-11-20T10:00", 20.0)];
        let r = budget_report(&plan.validate().unwrap());
        assert!(r.incidents[0]
            .note
            .as_ref()
            .unwrap()
            .contains("outside the window"));
        assert!(r.incidents[1].note.as_ref().unwrap().contains("not counted yet"));
        assert_eq!(r.exhausted_at, "not within window");
        assert_eq!(r.exhausted_iso, None);
    }
}
