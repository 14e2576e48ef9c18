//! What the Targets page shows, derived from a valid plan in one call.
//!
//! The view renders a [`TargetsReport`] and computes nothing itself.

use super::{editable, PlanChart};
use crate::edit::PlanEdit;
use crate::model::ValidPlan;
use crate::WindowSpec;
use slo_charts::downtime_vs_nines::DowntimeVsNines;
use slo_engine::explain::{self, Explanation};
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};
use slo_engine::{
    allowed_bad_requests, allowed_downtime, availability_for_downtime, SliKind, Target, Window,
};

/// One window's budget.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowRow {
    /// Short key used in test ids: `1d`, `30d`, `month`, `quarter`, `year`.
    pub key: String,
    /// Name for people: "30 days", "month".
    pub label: String,
    /// The length convention, for the row's hover text.
    pub convention: &'static str,
    /// Allowed downtime, seconds.
    pub downtime_seconds: f64,
    /// `downtime_seconds` to the millisecond, for `data-seconds` and hover text.
    pub downtime_exact: String,
    /// `downtime_seconds` for reading, e.g. `43m 12s`.
    pub downtime_human: String,
    /// How the downtime is computed.
    pub downtime_explained: Explanation,
    /// Allowed bad requests at the plan's traffic.
    pub bad_requests: f64,
    /// `bad_requests` for reading, e.g. `259,200`.
    pub bad_requests_text: String,
    /// How the bad requests are computed.
    pub bad_requests_explained: Explanation,
    /// Whether this is the plan's own SLO window.
    pub is_plan_window: bool,
}

/// The reverse calculator's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ReverseResult {
    /// Availability in percent.
    pub availability_percent: String,
    /// The same as a number of nines.
    pub nines: String,
    /// How it is computed.
    pub explained: Explanation,
}

/// Everything the Targets page displays.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetsReport {
    /// One sentence stating the SLO, e.g. "99.9% of requests succeed over a rolling 30 days".
    pub statement: String,
    /// The target's number of nines, e.g. `3.3`.
    pub nines: String,
    /// How the nines are computed.
    pub nines_explained: Explanation,
    /// The budget over the plan's own window, always present.
    pub plan_window: WindowRow,
    /// The budget over each tabulated window (1, 7, 28, 30, 90 d, month, quarter, year).
    pub rows: Vec<WindowRow>,
    /// Whether the budget is counted in requests rather than time.
    pub counts_events: bool,
    /// The reverse calculator's answer, or why there is none.
    pub reverse: Result<ReverseResult, String>,
    /// A warning when the target is above the availability the dependencies allow (the
    /// Risk page's composite).
    pub ceiling_warning: Option<String>,
}

impl TargetsReport {
    /// Every "how is this computed?" the page shows, for the check that each one adds up.
    pub fn explanations(&self) -> Vec<&Explanation> {
        let mut all = vec![&self.nines_explained];
        for row in std::iter::once(&self.plan_window).chain(&self.rows) {
            all.push(&row.downtime_explained);
            all.push(&row.bad_requests_explained);
        }
        all.extend(self.reverse.iter().map(|r| &r.explained));
        all
    }
}

fn key(window: Window) -> String {
    match window {
        Window::Rolling { days } => format!("{days}d"),
        Window::CalendarMonth => "month".to_owned(),
        Window::CalendarQuarter => "quarter".to_owned(),
        Window::CalendarYear => "year".to_owned(),
    }
}

fn row(plan: &ValidPlan, window: Window) -> WindowRow {
    let downtime_seconds = allowed_downtime(plan.target, window);
    let bad_requests = allowed_bad_requests(plan.target, window, plan.traffic);
    WindowRow {
        key: key(window),
        label: window.label(),
        convention: window.convention(),
        downtime_seconds,
        downtime_exact: trim_decimals(downtime_seconds, 3),
        downtime_human: human_duration(downtime_seconds),
        downtime_explained: explain::downtime(plan.target, window),
        bad_requests,
        bad_requests_text: grouped(bad_requests, if bad_requests < 10.0 { 2 } else { 0 }),
        bad_requests_explained: explain::bad_requests(plan.target, window, plan.traffic),
        is_plan_window: window == plan.window,
    }
}

fn window_phrase(window: Window) -> String {
    match window {
        Window::Rolling { days: 1 } => "a rolling day".to_owned(),
        Window::Rolling { days } => format!("a rolling {days} days"),
        Window::CalendarMonth => "each calendar month".to_owned(),
        Window::CalendarQuarter => "each calendar quarter".to_owned(),
        Window::CalendarYear => "each calendar year".to_owned(),
    }
}

/// The SLO in one sentence.
pub fn statement(plan: &ValidPlan) -> String {
    let target = percent(plan.target.percent());
    let what = match plan.sli {
        SliKind::TimeBased => "of the time the service is up".to_owned(),
        SliKind::RequestBased => "of requests succeed".to_owned(),
        SliKind::Latency(threshold) => {
            format!(
                "of requests are faster than {} ms",
                grouped(threshold.millis(), 3)
            )
        }
        SliKind::Timeslice(slice) => format!(
            "of {} slices are good (at most {}% of requests failing)",
            human_duration(slice.seconds()),
            percent(slice.max_error_rate() * 100.0)
        ),
    };
    format!("{target}% {what}, over {}.", window_phrase(plan.window))
}

/// Derives the Targets page from a valid plan.
pub fn targets_report(plan: &ValidPlan) -> TargetsReport {
    let reverse = availability_for_downtime(plan.reverse_downtime_seconds, plan.reverse_window)
        .map_err(|e| e.to_string())
        .map(|availability| ReverseResult {
            availability_percent: percent(availability * 100.0),
            nines: if availability < 1.0 {
                grouped(-(1.0 - availability).log10(), 3)
            } else {
                "∞".to_owned()
            },
            explained: explain::availability(
                plan.reverse_downtime_seconds,
                plan.reverse_window,
                availability,
            ),
        });
    TargetsReport {
        statement: statement(plan),
        nines: grouped(plan.target.nines(), 3),
        nines_explained: explain::nines(plan.target),
        plan_window: row(plan, plan.window),
        rows: Window::TABULATED.iter().map(|&w| row(plan, w)).collect(),
        counts_events: plan.sli.counts_events(),
        reverse,
        ceiling_warning: {
            let composite = plan.risk.tree.availability();
            (plan.target.fraction() > composite).then(|| {
                format!(
                    "This target is above the {}% the dependencies allow together (Risk page): \
                     they alone would spend more than the budget.",
                    slo_engine::notation::percent_against(composite * 100.0, plan.target.percent())
                )
            })
        },
    }
}

/// The chart of downtime against nines, at the plan's target; dragging the target
/// line sets the target.
pub fn downtime_chart(target: Target) -> PlanChart<DowntimeVsNines> {
    editable(DowntimeVsNines::new(target), |t: Target| {
        Some(PlanEdit::Target { percent: t.percent() })
    })
}

/// A window's name for people: "rolling 30 days", "calendar month".
pub fn window_label(window: WindowSpec) -> String {
    match window {
        WindowSpec::Rolling { days } => format!("rolling {days} days"),
        WindowSpec::CalendarMonth => "calendar month".to_owned(),
        WindowSpec::CalendarQuarter => "calendar quarter".to_owned(),
        WindowSpec::CalendarYear => "calendar year".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Plan, SliSpec, WindowSpec};

    #[test]
    fn the_default_plan_reports_three_nines_over_thirty_days() {
        let report = targets_report(&Plan::default().validate().unwrap());
        let keys: Vec<_> = report.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            ["1d", "7d", "28d", "30d", "90d", "month", "quarter", "year"]
        );
        let thirty = &report.rows[3];
        assert_eq!(thirty.downtime_exact, "2592");
        assert_eq!(thirty.downtime_human, "43m 12s");
        assert_eq!(thirty.bad_requests_text, "259,200");
        assert!(thirty.is_plan_window);
        assert_eq!(report.plan_window, *thirty);
        assert_eq!(report.nines, "3");
        assert_eq!(
            report.statement,
            "99.9% of requests succeed, over a rolling 30 days."
        );
        let reverse = report.reverse.unwrap();
        assert_eq!(reverse.availability_percent, "99.861111");
    }

    #[test]
    fn latency_and_calendar_plans_read_well() {
        let mut plan = Plan {
            slos: vec![crate::SloSpec {
                sli: SliSpec::Latency { threshold_ms: 300.0 },
                window: WindowSpec::CalendarMonth,
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        };
        plan.reverse.downtime_seconds = 1e12;
        let report = targets_report(&plan.validate().unwrap());
        assert_eq!(
            report.statement,
            "99.9% of requests are faster than 300 ms, over each calendar month."
        );
        assert_eq!(report.plan_window.key, "month");
        assert!(report
            .reverse
            .unwrap_err()
            .contains("longer than the whole window"));
    }

    #[test]
    fn a_target_above_what_the_dependencies_allow_is_warned_of_where_it_is_set() {
        let plan = Plan::default();
        assert_eq!(targets_report(&plan.validate().unwrap()).ceiling_warning, None);
        let tight = plan.with(crate::edit::PlanEdit::Target { percent: 99.95 });
        let warning = targets_report(&tight.validate().unwrap())
            .ceiling_warning
            .unwrap();
        assert!(
            warning.starts_with("This target is above the 99.9175% the dependencies allow"),
            "{warning}"
        );
    }
}
