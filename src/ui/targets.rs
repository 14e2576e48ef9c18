//! The Targets page: the objective, the budget it allows per window, the reverse
//! calculator and the downtime chart.

use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{card, choice, explain, reader, TextFieldProps};
use slo_charts::downtime_vs_nines::DowntimeVsNines;
use slo_engine::bounds::Bounded;
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};
use slo_engine::objective::{MAX_SCALE_NINES, MIN_SCALE_NINES};
use slo_engine::{Target, Window};
use slo_plan::edit::PlanEdit;
use slo_plan::report::targets::{TargetsReport, WindowRow};
use slo_plan::report::PlanChart;
use slo_plan::{input, Plan, SliSpec, TrafficSpec, TrafficUnit, WindowSpec};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What [`targets_page`] shows.
pub struct TargetsPageProps {
    /// The plan.
    pub plan: Plan,
    /// What the page shows, derived from the plan.
    pub report: Rc<TargetsReport>,
    /// The chart, derived from the plan.
    pub chart: PlanChart<DowntimeVsNines>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// The Targets page.
pub fn targets_page(props: &TargetsPageProps) -> Html {
    html! {
        <>
            { objective_form(props) }
            { budget_table(props) }
            { card("chart-heading", "Downtime against nines", html! { <>
                <ChartCanvas chart={SharedChart::from(props.chart.clone())} on_edit={props.on_edit.clone()}
                    test_id="downtime-chart"
                    caption="Allowed downtime per window against the target. Hover to read values; drag the line labelled 'your target' to change your target." />
            </> }) }
            { reverse_calculator(props) }
            { conventions() }
        </>
    }
}

pub(super) fn window_key(window: WindowSpec) -> &'static str {
    match window {
        WindowSpec::Rolling { days: 7 } => "rolling-7",
        WindowSpec::Rolling { days: 28 } => "rolling-28",
        WindowSpec::Rolling { days: 30 } => "rolling-30",
        WindowSpec::Rolling { days: 90 } => "rolling-90",
        WindowSpec::Rolling { .. } => "rolling-other",
        WindowSpec::CalendarMonth => "month",
        WindowSpec::CalendarQuarter => "quarter",
        WindowSpec::CalendarYear => "year",
    }
}

pub(super) fn window_from_key(key: &str, current: WindowSpec) -> Option<WindowSpec> {
    Some(match key {
        "rolling-7" => WindowSpec::Rolling { days: 7 },
        "rolling-28" => WindowSpec::Rolling { days: 28 },
        "rolling-30" => WindowSpec::Rolling { days: 30 },
        "rolling-90" => WindowSpec::Rolling { days: 90 },
        "rolling-other" => match current {
            WindowSpec::Rolling { days } => WindowSpec::Rolling { days },
            _ => WindowSpec::Rolling { days: 14 },
        },
        "month" => WindowSpec::CalendarMonth,
        "quarter" => WindowSpec::CalendarQuarter,
        "year" => WindowSpec::CalendarYear,
        _ => return None,
    })
}

fn window_options() -> Vec<(AttrValue, AttrValue)> {
    [
        ("rolling-7", "Rolling 7 days"),
        ("rolling-28", "Rolling 28 days"),
        ("rolling-30", "Rolling 30 days"),
        ("rolling-90", "Rolling 90 days"),
        ("rolling-other", "Rolling, other length…"),
        ("month", "Calendar month"),
        ("quarter", "Calendar quarter"),
        ("year", "Calendar year"),
    ]
    .into_iter()
    .map(|(k, v)| (AttrValue::Static(k), AttrValue::Static(v)))
    .collect()
}

fn sli_key(sli: SliSpec) -> &'static str {
    match sli {
        SliSpec::TimeBased => "time",
        SliSpec::RequestBased => "requests",
        SliSpec::Latency { .. } => "latency",
        SliSpec::Timeslice { .. } => "timeslice",
    }
}

fn objective_form(props: &TargetsPageProps) -> Html {
    let plan = &props.plan;
    let on_edit = &props.on_edit;
    let target = Target::from_percent(plan.slo().target_percent).ok();
    let nines = target.map_or(MIN_SCALE_NINES, Target::nines);
    let on_slider = {
        let on_edit = on_edit.clone();
        Callback::from(move |event: InputEvent| {
            let value = event
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            if let Ok(target) = Target::from_nines(value) {
                on_edit.emit(PlanEdit::Target {
                    percent: target.percent(),
                });
            }
        })
    };
    let on_window = {
        let (on_edit, current) = (on_edit.clone(), plan.slo().window);
        Callback::from(move |key: String| {
            if let Some(window) = window_from_key(&key, current) {
                on_edit.emit(PlanEdit::Window { window });
            }
        })
    };
    let on_sli = {
        let on_edit = on_edit.clone();
        Callback::from(move |key: String| {
            let sli = match key.as_str() {
                "time" => SliSpec::TimeBased,
                "latency" => SliSpec::Latency { threshold_ms: 300.0 },
                "timeslice" => SliSpec::Timeslice {
                    slice_seconds: 60.0,
                    max_error_rate_percent: 1.0,
                },
                _ => SliSpec::RequestBased,
            };
            on_edit.emit(PlanEdit::Sli { sli });
        })
    };
    let on_unit = {
        let (on_edit, traffic) = (on_edit.clone(), plan.traffic);
        Callback::from(move |key: String| {
            let unit = if key == "per_day" {
                TrafficUnit::PerDay
            } else {
                TrafficUnit::PerSecond
            };
            let value = match (traffic.unit, unit) {
                (TrafficUnit::PerSecond, TrafficUnit::PerDay) => traffic.value * 86_400.0,
                (TrafficUnit::PerDay, TrafficUnit::PerSecond) => traffic.value / 86_400.0,
                _ => traffic.value,
            };
            on_edit.emit(PlanEdit::Traffic {
                traffic: TrafficSpec { value, unit },
            });
        })
    };
    let per_day = plan.traffic.unit == TrafficUnit::PerDay;
    let unit = plan.traffic.unit;
    html! {
        { card("objective-heading", "Objective", html! { <>
            <div class="form-grid">
                { TextFieldProps::new("service", "Service", plan.service.clone(), reader(on_edit, input::service_name, |name: String| (PlanEdit::Service { name: name.clone() }, name))).keyboard("text").html() }
                { TextFieldProps::new("target", "SLO target", percent(plan.slo().target_percent), reader(on_edit, input::target_percent, |p| (PlanEdit::Target { percent: p }, percent(p)))).unit("%").hint("Above 0% and below 100%, e.g. 99.9 or 99.95.").html() }
                <div class="field slider-field">
                    <label for="target-nines">{ "Target on the nines scale" }</label>
                    <input id="target-nines" type="range"
                        min={trim_decimals(MIN_SCALE_NINES, 3)} max={trim_decimals(MAX_SCALE_NINES, 3)} step="0.001"
                        value={trim_decimals(nines.bounded(MIN_SCALE_NINES, MAX_SCALE_NINES), 3)}
                        aria-valuetext={format!("{}%", percent(plan.slo().target_percent))}
                        oninput={on_slider} />
                    <p class="hint scale"><span>{ "90%" }</span><span>{ "99%" }</span><span>{ "99.9%" }</span><span>{ "99.99%" }</span><span>{ "99.999%" }</span></p>
                    <p class="nines">
                        <output data-testid="target-nines" for="target target-nines">{ format!("{} nines", props.report.nines) }</output>
                        { explain(&props.report.nines_explained, "How is this computed?") }
                    </p>
                </div>
                { choice(AttrValue::from("sli-kind"), "What the SLI counts", sli_key(plan.slo().sli), on_sli, vec![
                        (AttrValue::Static("time"), AttrValue::Static("Time: good minutes / all minutes")),
                        (AttrValue::Static("requests"), AttrValue::Static("Requests: successful / all requests")),
                        (AttrValue::Static("latency"), AttrValue::Static("Latency: requests faster than a threshold")),
                        (AttrValue::Static("timeslice"), AttrValue::Static("Timeslices: good minutes / all minutes")),
                    ]) }
                if let SliSpec::Latency { threshold_ms } = plan.slo().sli {
                    { TextFieldProps::new("latency-threshold", "Latency threshold", trim_decimals(threshold_ms, 3), reader(on_edit, input::latency_threshold_ms, |ms| (PlanEdit::Sli { sli: SliSpec::Latency { threshold_ms: ms } }, trim_decimals(ms, 3)))).unit("ms").hint("A request is good when it completes faster than this.").html() }
                }
                if let SliSpec::Timeslice { slice_seconds, max_error_rate_percent } = plan.slo().sli {
                    { TextFieldProps::new("slice-seconds", "Timeslice length", human_duration(slice_seconds), reader(on_edit, input::slice_seconds, move |s| (PlanEdit::Sli { sli: SliSpec::Timeslice { slice_seconds: s, max_error_rate_percent } }, human_duration(s)))).hint("1 second to 1 hour, e.g. 1m or 5m.").keyboard("text").html() }
                    { TextFieldProps::new("slice-threshold", "A slice is bad above", percent(max_error_rate_percent), reader(on_edit, input::slice_error_percent, move |p| (PlanEdit::Sli { sli: SliSpec::Timeslice { slice_seconds, max_error_rate_percent: p } }, percent(p)))).unit("% errors").html() }
                }
                { choice(AttrValue::from("window"), "SLO window", window_key(plan.slo().window), on_window, window_options()) }
                if window_key(plan.slo().window) == "rolling-other" {
                    if let WindowSpec::Rolling { days } = plan.slo().window {
                        { TextFieldProps::new("window-days", "Rolling window length", days.to_string(), reader(on_edit, input::rolling_days, |d| (PlanEdit::Window { window: WindowSpec::Rolling { days: d } }, d.to_string()))).unit("days").keyboard("numeric").html() }
                    }
                }
                <div class="field-pair">
                    { TextFieldProps::new("traffic", "Mean traffic", trim_decimals(plan.traffic.value, 6), reader(on_edit, move |t| input::traffic_rate(t, per_day), move |value| (PlanEdit::Traffic { traffic: TrafficSpec { value, unit } }, trim_decimals(value, 6)))).html() }
                    { choice(AttrValue::from("traffic-unit"), "Traffic unit", if per_day { "per_day" } else { "per_second" }, on_unit, vec![
                            (AttrValue::Static("per_second"), AttrValue::Static("requests per second")),
                            (AttrValue::Static("per_day"), AttrValue::Static("requests per day")),
                        ]) }
                </div>
            </div>
            <p class="statement" data-testid="slo-statement">{ &props.report.statement }</p>
            if let Some(warning) = &props.report.ceiling_warning {
                <p class="notice error" role="status" data-testid="ceiling-warning">{ warning }</p>
            }
        </> }) }
    }
}

fn budget_row(row: &WindowRow) -> Html {
    html! {
        <tr class={classes!(row.is_plan_window.then_some("plan-window"))}>
            <th scope="row" title={row.convention}>
                { &row.label }
                if row.is_plan_window { <span class="badge">{ "your window" }</span> }
            </th>
            <td>
                <span data-testid={format!("downtime-{}", row.key)} data-seconds={row.downtime_exact.clone()}
                    title={format!("{} s", grouped(row.downtime_seconds, 3))}>{ &row.downtime_human }</span>
                { explain(&row.downtime_explained, "how?") }
            </td>
            <td>
                <span data-testid={format!("bad-requests-{}", row.key)} data-count={trim_decimals(row.bad_requests, 3)}>
                    { &row.bad_requests_text }
                </span>
                { explain(&row.bad_requests_explained, "how?") }
            </td>
        </tr>
    }
}

fn budget_table(props: &TargetsPageProps) -> Html {
    let report = &props.report;
    let plan_window_tabulated = report.rows.iter().any(|r| r.is_plan_window);
    let headline = &report.plan_window;
    let traffic = match props.plan.traffic.unit {
        TrafficUnit::PerSecond => format!("{} req/s", grouped(props.plan.traffic.value, 6)),
        TrafficUnit::PerDay => format!("{} req/day", grouped(props.plan.traffic.value, 3)),
    };
    html! {
        { card("budget-heading", "Error budget per window", html! { <>
            <p class="headline" data-testid="plan-budget">
                if report.counts_events {
                    { format!("Over {}, your budget is {} bad requests ({} of full downtime at {traffic}).",
                        headline.label, headline.bad_requests_text, headline.downtime_human) }
                } else {
                    { format!("Over {}, your budget is {} of downtime.", headline.label, headline.downtime_human) }
                }
            </p>
            <table class="budget">
                <caption>{ format!("What {}% allows. Hover a duration for its exact seconds.", percent(props.plan.slo().target_percent)) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Window" }</th>
                        <th scope="col">{ "Allowed downtime" }</th>
                        <th scope="col">{ format!("Allowed bad requests at {traffic}") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for report.rows.iter().map(budget_row) }
                    if !plan_window_tabulated { { budget_row(headline) } }
                </tbody>
            </table>
        </> }) }
    }
}

fn reverse_calculator(props: &TargetsPageProps) -> Html {
    let on_edit = &props.on_edit;
    let on_window = {
        let (on_edit, current) = (on_edit.clone(), props.plan.reverse.window);
        Callback::from(move |key: String| {
            if let Some(window) = window_from_key(&key, current) {
                on_edit.emit(PlanEdit::ReverseWindow { window });
            }
        })
    };
    html! {
        { card("reverse-heading", "From downtime to availability", html! { <>
            <div class="form-grid">
                { TextFieldProps::new("reverse-downtime", "Downtime", human_duration(props.plan.reverse.downtime_seconds), reader(on_edit, input::downtime_seconds, |s| (PlanEdit::ReverseDowntime { seconds: s }, human_duration(s)))).hint("Seconds, or units: 43m 12s, 1h 30m, 2d.").keyboard("text").html() }
                { choice(AttrValue::from("reverse-window"), "Over", window_key(props.plan.reverse.window), on_window, window_options()) }
                if let WindowSpec::Rolling { days } = props.plan.reverse.window {
                    if window_key(props.plan.reverse.window) == "rolling-other" {
                        { TextFieldProps::new("reverse-days", "Rolling window length", days.to_string(), reader(on_edit, input::rolling_days, |d| (PlanEdit::ReverseWindow { window: WindowSpec::Rolling { days: d } }, d.to_string()))).unit("days").keyboard("numeric").html() }
                    }
                }
            </div>
            { match &props.report.reverse {
                Ok(result) => html! {
                    <p class="headline">
                        { "Availability: " }
                        <output data-testid="reverse-availability" data-percent={result.availability_percent.clone()}>
                            { format!("{}%", result.availability_percent) }
                        </output>
                        { format!(" ({} nines)", result.nines) }
                        { explain(&result.explained, "How is this computed?") }
                    </p>
                },
                Err(message) => html! { <p class="field-error" role="alert" data-testid="reverse-error">{ message }</p> },
            } }
        </> }) }
    }
}

fn conventions() -> Html {
    html! {
        <section class="card conventions" aria-labelledby="conventions-heading">
            <h2 id="conventions-heading">{ "Conventions" }</h2>
            <ul>
                <li>{ "A day is 86,400 s; rolling windows are whole days." }</li>
                { for [Window::CalendarMonth, Window::CalendarQuarter, Window::CalendarYear].iter().map(|w| html! {
                    <li>{ w.convention() }{ format!(" ({} s).", grouped(w.seconds(), 0)) }</li>
                }) }
                <li>{ "Durations are rounded to the second (to the millisecond under a second); hover one for its exact value." }</li>
                <li>{ "Request budgets assume the mean traffic holds over the whole window." }</li>
            </ul>
        </section>
    }
}
