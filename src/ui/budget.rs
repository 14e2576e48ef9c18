//! The Budget page: the budget in force, incidents spending it, the burn-down, the
//! exhaustion forecast, the budget policy and what-ifs.

use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{add_button, card, choice, explain, reader, utc_picker, TextFieldProps};
use slo_charts::burn_down::BurnDownChart;
use slo_engine::notation::{human_duration, percent, trim_decimals};
use slo_engine::time::Instant;
use slo_plan::edit::PlanEdit;
use slo_plan::report::budget::BudgetReport;
use slo_plan::report::PlanChart;
use slo_plan::{input, ForecastSpec, ImpactSpec, IncidentSpec, Plan, ThresholdSpec, WhatIfSpec};
use std::rc::Rc;
use yew::prelude::*;

/// What [`budget_page`] shows.
pub struct BudgetPageProps {
    /// The plan.
    pub plan: Plan,
    /// What the page shows, derived from the plan.
    pub report: Rc<BudgetReport>,
    /// The burn-down chart, derived from the plan.
    pub chart: PlanChart<BurnDownChart>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// The Budget page.
pub fn budget_page(props: &BudgetPageProps) -> Html {
    let r = &props.report;
    html! {
        <>
            { card("budget-now-heading", "The budget in force", html! { <>
                { as_of(props) }
                <p class="hint" data-testid="budget-period">{ format!("Window: {}.", r.period) }</p>
                <dl class="figures">
                    <div>
                        <dt>{ "Budget in time" }</dt>
                        <dd><span data-testid="budget-total-seconds" data-seconds={r.total_seconds_exact.clone()}
                            title={format!("{} s", r.total_seconds_exact)}>{ human_duration(r.total_seconds) }</span>
                            { explain(&r.total_seconds_explained, "how?") }</dd>
                    </div>
                    <div>
                        <dt>{ "Budget in bad requests" }</dt>
                        <dd><span data-testid="budget-total-events">{ &r.total_events }</span>
                            { explain(&r.total_events_explained, "how?") }</dd>
                    </div>
                    <div>
                        <dt>{ "Budget for this SLI" }</dt>
                        <dd>{ &r.total }{ explain(&r.total_explained, "how?") }</dd>
                    </div>
                    <div>
                        <dt>{ "Spent" }</dt>
                        <dd><span data-testid="budget-consumed-percent">{ format!("{}%", r.spent_percent) }</span>
                            { format!(" ({})", r.spent) }
                            { explain(&r.spent_explained, "how?") }</dd>
                    </div>
                    <div>
                        <dt>{ "Left" }</dt>
                        <dd><span data-testid="budget-remaining-percent">{ format!("{}%", r.remaining_percent) }</span>
                            { format!(" ({}; {})", r.remaining, r.remaining_equivalents) }
                            { explain(&r.remaining_explained, "how?") }</dd>
                    </div>
                    <div>
                        <dt>{ "Runs out" }</dt>
                        <dd>
                            <span data-testid="budget-exhausted-at" data-iso={r.exhausted_iso.clone()} title={r.exhausted_iso.clone()}>{ &r.exhausted_at }</span>
                            { format!(" (burn rate {})", r.burn_rate) }
                            { explain(&r.exhaustion_explained, "how?") }
                        </dd>
                    </div>
                </dl>
                <p class={classes!("policy-state", r.policy_level.map(|_| "reached"))} data-testid="policy-state" role="status">
                    { &r.policy_state }
                </p>
            </> }) }
            { super::money::money_card(&props.plan.money, r.money.as_deref(), &props.on_edit) }
            { incidents(props) }
            { card("burn-down-heading", "Burn-down", html! { <>
                { forecast(props) }
                <ChartCanvas chart={SharedChart::from(props.chart.clone())} on_edit={props.on_edit.clone()}
                    test_id="burn-down-chart"
                    caption="Budget left over the window: incidents shaded and numbered, the forecast dashed after now. Hover to read values; drag a policy line up or down to change its threshold, or an incident sideways to move it." />
            </> }) }
            { policy(props) }
            { what_if(props) }
        </>
    }
}

fn as_of(props: &BudgetPageProps) -> Html {
    let on_now = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            let now = (js_sys::Date::now() / 1_000.0 / 60.0).floor() as i64 * 60;
            if let Ok(t) = Instant::from_unix_seconds(now) {
                on_edit.emit(PlanEdit::AsOf { as_of: t.to_string() });
            }
        })
    };
    html! {
        <div class="form-grid">
            { TextFieldProps::new("as-of", "Figures as of (UTC)", props.plan.budget.as_of.clone(), reader(&props.on_edit, input::instant, |t: String| (PlanEdit::AsOf { as_of: t.clone() }, t))).hint("The moment the budget is read at, e.g. 2026-11-16T09:30. Times are UTC.").keyboard("text").html() }
            { utc_picker("as-of-picker".to_owned(), "Or pick it (UTC)".to_owned(), &props.plan.budget.as_of,
                props.on_edit.reform(|as_of| PlanEdit::AsOf { as_of })) }
            <div class="field"><span class="label-spacer" aria-hidden="true">{ "\u{a0}" }</span>
                <button type="button" onclick={on_now}>{ "Set to now" }</button></div>
        </div>
    }
}

fn impact_key(impact: ImpactSpec) -> &'static str {
    match impact {
        ImpactSpec::Percent(_) => "percent",
        ImpactSpec::BadRequests(_) => "requests",
    }
}

/// Which SLOs the incident at `index` hurts: a box per SLO.
fn hurts(props: &BudgetPageProps, index: usize, spec: &IncidentSpec) -> Html {
    let plan = &props.plan;
    html! {
        <fieldset class="hurts" data-testid={format!("incident-{}-slos", index + 1)}>
            <legend>{ "SLOs it hurts" }</legend>
            { for plan.slos.iter().enumerate().map(|(i, slo)| {
                let checked = plan.hurts(spec, i);
                let onchange = {
                    let (spec, count) = (spec.clone(), plan.slos.len());
                    props.on_edit.reform(move |_: Event| {
                        let mut list: Vec<usize> = (0..count).filter(|&s| (s == i) != spec.slos.as_ref().is_none_or(|l| l.contains(&s))).collect();
                        list.sort_unstable();
                        let slos = (list.len() < count).then_some(list);
                        PlanEdit::SetIncident { index, incident: IncidentSpec { slos, ..spec.clone() } }
                    })
                };
                let id = format!("incident-{}-slo-{i}", index + 1);
                html! {
                    <label class="check" for={id.clone()}>
                        <input type="checkbox" id={id.clone()} data-testid={id} {checked} {onchange} />
                        { &slo.name }
                    </label>
                }
            }) }
        </fieldset>
    }
}

fn incidents(props: &BudgetPageProps) -> Html {
    let on_edit = &props.on_edit;
    html! {
        { card("incidents-heading", "Incidents", html! { <>
            if props.plan.budget.incidents.is_empty() {
                <p class="hint">{ "No incidents yet. Add the outages and degradations of the window to see what they spent." }</p>
            }
            { for props.plan.budget.incidents.iter().enumerate().map(|(index, spec)| {
                let row = props.report.incidents.iter().find(|r| r.position == index);
                let hurts_shown = props.plan.hurts(spec, props.plan.selected_index());
                let set = move |f: Box<dyn Fn(&mut IncidentSpec)>, spec: &IncidentSpec| {
                    let mut incident = spec.clone();
                    f(&mut incident);
                    PlanEdit::SetIncident { index, incident }
                };
                let id = |name: &str| format!("incident-{}-{name}", index + 1);
                let s1 = spec.clone(); let s2 = spec.clone(); let s3 = spec.clone(); let s4 = spec.clone(); let s5 = spec.clone();
                let on_kind = {
                    let (on_edit, spec) = (on_edit.clone(), spec.clone());
                    Callback::from(move |key: String| {
                        let impact = if key == "requests" { ImpactSpec::BadRequests(1_000.0) } else { ImpactSpec::Percent(100.0) };
                        on_edit.emit(set(Box::new(move |i| i.impact = impact), &spec));
                    })
                };
                html! {
                    <fieldset class="incident" data-testid={format!("incident-{}", index + 1)}>
                        <legend>{ format!("#{} {}", index + 1, spec.label) }</legend>
                        <div class="form-grid">
                            { TextFieldProps::new(id("label"), "Name", spec.label.clone(), reader(on_edit, input::short_text, move |label: String| (set(Box::new({ let l = label.clone(); move |i| i.label = l.clone() }), &s1), label))).keyboard("text").html() }
                            { TextFieldProps::new(id("start"), "Start (UTC)", spec.start.clone(), reader(on_edit, input::instant, move |t: String| (set(Box::new({ let t = t.clone(); move |i| i.start = t.clone() }), &s2), t))).keyboard("text").html() }
                            { utc_picker(id("start-picker"), format!("Or pick the start of #{} (UTC)", index + 1), &spec.start, {
                                let (on_edit, spec) = (on_edit.clone(), spec.clone());
                                Callback::from(move |t: String| on_edit.emit(set(Box::new(move |i| i.start = t.clone()), &spec)))
                            }) }
                            { TextFieldProps::new(id("duration"), "Duration", human_duration(spec.duration_seconds), reader(on_edit, input::incident_duration, move |d| (set(Box::new(move |i| i.duration_seconds = d), &s3), human_duration(d)))).keyboard("text").html() }
                            { choice(AttrValue::from(id("impact-kind")), "Impact given as", impact_key(spec.impact), on_kind, vec![
                                    (AttrValue::Static("percent"), AttrValue::Static("% of requests failing / users affected")),
                                    (AttrValue::Static("requests"), AttrValue::Static("a count of bad requests")),
                                ]) }
                            { match spec.impact {
                                ImpactSpec::Percent(p) => html! {
                                    { TextFieldProps::new(id("impact"), "Impact", percent(p), reader(on_edit, input::impact_percent, move |p| (set(Box::new(move |i| i.impact = ImpactSpec::Percent(p)), &s4), percent(p)))).unit("%").html() }
                                },
                                ImpactSpec::BadRequests(n) => html! {
                                    { TextFieldProps::new(id("impact"), "Bad requests", trim_decimals(n, 3), reader(on_edit, input::bad_requests, move |n| (set(Box::new(move |i| i.impact = ImpactSpec::BadRequests(n)), &s5), trim_decimals(n, 3)))).html() }
                                },
                            } }
                        </div>
                        if props.plan.slos.len() > 1 {
                            { hurts(props, index, spec) }
                        }
                        if !hurts_shown {
                            <p class="hint" data-testid={format!("incident-{}-elsewhere", index + 1)}>{ format!("It does not hurt the SLO shown, \u{201c}{}\u{201d}: it spends none of its budget.", props.plan.slo().name) }</p>
                        }
                        if let Some(row) = row {
                            <p class="spent">
                                { "Spends " }<strong data-testid={format!("incident-{}-spent-percent", index + 1)}>{ format!("{}%", row.spent_percent) }</strong>
                                { format!(" of the budget ({})", row.spent) }
                                if let Some(note) = &row.note { <span class="hint">{ format!(" — {note}") }</span> }
                                { explain(&row.explained, "how?") }
                            </p>
                        }
                        <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::RemoveIncident { index })}>
                            { format!("Remove incident #{}", index + 1) }
                        </button>
                    </fieldset>
                }
            }) }
            { add_button(&props.plan, "Add an incident", None, "add-incident", PlanEdit::AddIncident, on_edit) }
        </> }) }
    }
}

fn forecast(props: &BudgetPageProps) -> Html {
    let forecast = props.plan.budget.forecast;
    let on_kind = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |key: String| {
            let forecast = if key == "steady" {
                ForecastSpec::SteadyErrorRatePercent(0.1)
            } else {
                ForecastSpec::FromHistory
            };
            on_edit.emit(PlanEdit::Forecast { forecast });
        })
    };
    html! {
        <div class="form-grid">
            { choice(AttrValue::from("forecast"), "Forecast the rest of the window", if matches!(forecast, ForecastSpec::FromHistory) { "history" } else { "steady" }, on_kind, vec![
                    (AttrValue::Static("history"), AttrValue::Static("at the average rate so far")),
                    (AttrValue::Static("steady"), AttrValue::Static("at a steady error rate")),
                ]) }
            if let ForecastSpec::SteadyErrorRatePercent(p) = forecast {
                { TextFieldProps::new("steady-error-rate", "Steady error rate", percent(p), reader(&props.on_edit, input::error_rate_percent, |p| (PlanEdit::Forecast { forecast: ForecastSpec::SteadyErrorRatePercent(p) }, percent(p)))).unit("%").hint("The share of requests (or of time) failing from now on.").html() }
            }
        </div>
    }
}

fn policy(props: &BudgetPageProps) -> Html {
    let on_edit = &props.on_edit;
    html! {
        { card("policy-heading", "Budget policy", html! { <>
            <p class="hint">{ "What the team does as the budget runs down. The strictest rule reached applies." }</p>
            { for props.plan.budget.policy.iter().enumerate().map(|(index, t)| {
                let (t1, t2) = (t.clone(), t.clone());
                html! {
                    <div class="form-grid policy-rule">
                        { TextFieldProps::new(format!("policy-{}-percent", index + 1), "At or below (budget left)", percent(t.remaining_percent), reader(on_edit, input::threshold_percent, move |p| (PlanEdit::SetThreshold { index, threshold: ThresholdSpec { remaining_percent: p, action: t1.action.clone() } }, percent(p)))).unit("%").html() }
                        { TextFieldProps::new(format!("policy-{}-action", index + 1), "the team will", t.action.clone(), reader(on_edit, input::short_text, move |a: String| (PlanEdit::SetThreshold { index, threshold: ThresholdSpec { remaining_percent: t2.remaining_percent, action: a.clone() } }, a))).keyboard("text").html() }
                        <div class="field"><span class="label-spacer" aria-hidden="true">{ "\u{a0}" }</span>
                            <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::RemoveThreshold { index })}>
                                { format!("Remove rule {}", index + 1) }
                            </button>
                        </div>
                    </div>
                }
            }) }
            { add_button(&props.plan, "Add a rule", None, "add-rule", PlanEdit::AddThreshold, on_edit) }
        </> }) }
    }
}

fn what_if(props: &BudgetPageProps) -> Html {
    let w = props.plan.budget.what_if;
    let r = &props.report;
    html! {
        { card("what-if-heading", "What if", html! { <>
            <div class="form-grid">
                { TextFieldProps::new("what-if-duration", "Incidents lasting", human_duration(w.duration_seconds), reader(&props.on_edit, input::incident_duration, move |d| (PlanEdit::WhatIf { what_if: WhatIfSpec { duration_seconds: d, ..w } }, human_duration(d)))).keyboard("text").html() }
                { TextFieldProps::new("what-if-impact", "with impact", percent(w.impact_percent), reader(&props.on_edit, input::impact_percent, move |p| (PlanEdit::WhatIf { what_if: WhatIfSpec { impact_percent: p, ..w } }, percent(p)))).unit("%").html() }
            </div>
            <p class="headline">
                { "How many fit: " }<strong data-testid="what-if-fits">{ &r.what_if }</strong>
                { explain(&r.what_if_explained, "how?") }
            </p>
            <p class="headline">
                { "This window's incidents leave an availability of " }
                <strong data-testid="achieved-availability">{ format!("{}%", r.achieved_percent) }</strong>
                { format!(": {}.", r.achieved_verdict) }
                { explain(&r.achieved_explained, "how?") }
            </p>
        </> }) }
    }
}
