//! The Alerts page: the burn-rate policy designer, each tier's quality, warnings, the
//! incident simulator, and the Prometheus rules.

use super::browser;
use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{add_button, card, choice, explain, reader, TextFieldProps};
use super::selector_check::SelectorCheck;
use slo_engine::notation::{human_duration, percent, trim_decimals};
use slo_plan::alerts::{MetricSpec, PhaseSpec, RatioSpec, SeveritySpec, Shape, TierSpec};
use slo_plan::edit::PlanEdit;
use slo_plan::report::alerts::{AlertsCharts, AlertsReport};
use slo_plan::{input, Plan};
use std::rc::Rc;
use yew::prelude::*;

/// What [`alerts_page`] shows.
pub struct AlertsPageProps {
    /// The plan.
    pub plan: Plan,
    /// What the page shows, derived from the plan.
    pub report: Rc<AlertsReport>,
    /// Its charts: detection time versus error rate, and the simulated incident.
    pub charts: AlertsCharts,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

fn phase_editor(index: usize, phase: PhaseSpec, on_edit: &Callback<PlanEdit>) -> Html {
    let id = |name: &str| format!("phase-{index}-{name}-input");
    let set = move |p: PhaseSpec| PlanEdit::SetPhase { index, phase: p };
    html! {
        <fieldset class="tier">
            <legend>{ format!("Phase {}", index + 1) }</legend>
            <div class="form-grid">
                { TextFieldProps::new(id("start"), "Starts after", human_duration(phase.start_seconds), reader(on_edit, input::phase_start, move |s| (set(PhaseSpec { start_seconds: s, ..phase }), human_duration(s)))).keyboard("text").html() }
                { TextFieldProps::new(id("duration"), "Lasts", human_duration(phase.duration_seconds), reader(on_edit, input::phase_duration, move |s| (set(PhaseSpec { duration_seconds: s, ..phase }), human_duration(s)))).keyboard("text").html() }
                { TextFieldProps::new(id("from"), "Error rate at its start", percent(phase.from_percent), reader(on_edit, input::error_rate_percent, move |p| (set(PhaseSpec { from_percent: p, ..phase }), percent(p)))).unit("%").html() }
                { TextFieldProps::new(id("to"), "Error rate at its end", percent(phase.to_percent), reader(on_edit, input::error_rate_percent, move |p| (set(PhaseSpec { to_percent: p, ..phase }), percent(p)))).unit("%").hint("The same as at its start for a step; different for a ramp.").html() }
            </div>
            <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::RemovePhase { index })}>{ format!("Remove phase {}", index + 1) }</button>
        </fieldset>
    }
}

fn tier_editor(index: usize, tier: TierSpec, window: f64, on_edit: &Callback<PlanEdit>) -> Html {
    let id = |name: &str| format!("tier-{index}-{name}-input");
    let set = move |t: TierSpec| PlanEdit::SetTier { index, tier: t };
    let on_severity = {
        let on_edit = on_edit.clone();
        Callback::from(move |key: String| {
            let severity = if key == "page" {
                SeveritySpec::Page
            } else {
                SeveritySpec::Ticket
            };
            on_edit.emit(set(TierSpec { severity, ..tier }));
        })
    };
    html! {
        <fieldset class="tier">
            <legend>{ format!("Tier {}", index + 1) }</legend>
            <div class="form-grid">
                { choice(AttrValue::from(id("severity")), "Severity", if tier.severity == SeveritySpec::Page { "page" } else { "ticket" }, on_severity, vec![(AttrValue::Static("page"), AttrValue::Static("page")), (AttrValue::Static("ticket"), AttrValue::Static("ticket"))]) }
                { TextFieldProps::new(id("long"), "Long window", human_duration(tier.long_seconds), reader(on_edit, input::incident_duration, move |s| (set(TierSpec { long_seconds: s, short_seconds: s / 12.0, ..tier }), human_duration(s)))).hint("The short window follows at a twelfth.").keyboard("text").html() }
                { TextFieldProps::new(id("short"), "Short window", human_duration(tier.short_seconds), reader(on_edit, move |text| input::short_window(text, tier.long_seconds), move |s| (set(TierSpec { short_seconds: s, ..tier }), human_duration(s)))).keyboard("text").html() }
                { TextFieldProps::new(id("burn"), "Burn rate", trim_decimals(tier.burn_rate, 6), reader(on_edit, input::burn_rate, move |b| (set(TierSpec { burn_rate: b, ..tier }), trim_decimals(b, 6)))).unit("×").html() }
                { TextFieldProps::new(id("share"), "or budget spent when it fires", trim_decimals(tier.budget_share_percent(window), 4), reader(on_edit, input::budget_share_percent, move |p| (set(tier.with_budget_share_percent(p, window)), trim_decimals(p, 4)))).unit("%").html() }
            </div>
            <div class="row-buttons">
                if index > 0 {
                    <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::MoveTierUp { index })}>{ format!("Move tier {} up", index + 1) }</button>
                }
                <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::RemoveTier { index })}>{ format!("Remove tier {}", index + 1) }</button>
            </div>
        </fieldset>
    }
}

/// The Alerts page.
pub fn alerts_page(props: &AlertsPageProps) -> Html {
    let on_edit = &props.on_edit;
    let window = props.charts.detection.slo_window();
    let r = &props.report;
    let alerts = &props.plan.slo().alerts;
    let metric = props.plan.slo().metric(&props.plan.service);
    let follows = alerts.metric.is_none();
    let on_ratio = {
        let (on_edit, metric) = (on_edit.clone(), metric.clone());
        Callback::from(move |key: String| {
            let ratio = if key == "good" {
                RatioSpec::GoodOverTotal
            } else {
                RatioSpec::BadOverTotal
            };
            on_edit.emit(PlanEdit::Metric {
                metric: Some(MetricSpec {
                    ratio,
                    ..metric.clone()
                }),
            });
        })
    };
    let (m1, m2) = (metric.clone(), metric.clone());
    let download = {
        let (yaml, service) = (r.rules_yaml.clone(), props.plan.service.clone());
        Callback::from(move |_: MouseEvent| {
            browser::download(
                &format!(
                    "{}-slo-rules.yml",
                    service.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
                ),
                "application/yaml",
                &yaml,
            );
        })
    };
    let copy = {
        let yaml = r.rules_yaml.clone();
        Callback::from(move |_: MouseEvent| {
            let yaml = yaml.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = browser::copy_text(&yaml).await;
            });
        })
    };
    html! {
        <>
            { card("tiers-heading", "Alert policy", html! { <>
                <p class="hint">{ format!(
                    "Multiwindow, multi-burn-rate alerts (SRE Workbook, ch. 5): a tier fires when the burn rate over both its windows reaches its threshold. Your SLO window is {}; a burn rate of 1 spends exactly the budget over it.",
                    human_duration(window)) }</p>
                <ul class="presets">
                    { for r.presets.iter().map(|row| {
                        let p = row.preset;
                        let edit = row.apply.clone();
                        let apply = on_edit.reform(move |_: MouseEvent| edit.clone());
                        html! {
                            <li>
                                <button type="button" data-testid={format!("preset-{}", p.name().split(' ').next_back().unwrap_or_default().to_ascii_lowercase())}
                                    onclick={apply}>{ format!("Use {} tiers", p.name()) }</button>
                                <span class="hint">{ format!(" For your window: {}. {}", row.tiers, row.scaling) }</span>
                            </li>
                        }
                    }) }
                </ul>
                { for r.rescale.as_ref().map(|rescale| {
                    let edit = rescale.edit.clone();
                    html! {
                        <div class="notice info" role="status" data-testid="tiers-rescale">
                            <p>{ &rescale.message }</p>
                            <button type="button" data-testid="tiers-rescale-apply" onclick={on_edit.reform(move |_: MouseEvent| edit.clone())}>{ &rescale.label }</button>
                        </div>
                    }
                }) }
                { for alerts.tiers.iter().enumerate().map(|(i, t)| tier_editor(i, *t, window, on_edit)) }
                { add_button(&props.plan, "Add a tier", None, "add-tier", PlanEdit::AddTier, on_edit) }
            </> }) }
            { card("quality-heading", "What each tier does", html! { <>
                <div class="form-grid">
                    { TextFieldProps::new("alert-error-rate", "Error rate", percent(alerts.error_rate_percent), reader(on_edit, input::impact_percent, |p| (PlanEdit::AlertErrorRate { percent: p }, percent(p)))).unit("%").hint("A steady error rate starting at once; the figures below are for it.").html() }
                </div>
                <div class="headline">{ "At this rate the whole budget is gone after " }<strong data-testid="alert-exhaustion">{ &r.exhaustion }</strong>{ "." }{ explain(&r.exhaustion_explained, "how?") }</div>
                <table class="budget">
                    <thead><tr>
                        <th scope="col">{ "Tier" }</th><th scope="col">{ "Burn rate" }</th><th scope="col">{ "Budget spent when it fires" }</th>
                        <th scope="col">{ "Time to fire" }</th><th scope="col">{ "Reset after errors stop" }</th><th scope="col">{ "Lowest error rate it detects" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.tiers.iter().enumerate().map(|(i, t)| html! {
                            <tr>
                                <th scope="row">{ format!("{} ({})", i + 1, t.severity) }</th>
                                <td><span data-testid={format!("tier-{i}-burn-rate")}>{ &t.burn_rate }</span></td>
                                <td><span data-testid={format!("tier-{i}-budget-percent")}>{ format!("{}%", t.budget_percent) }</span></td>
                                <td><span data-testid={format!("tier-{i}-time-to-fire")} data-seconds={t.time_to_fire.map(|s| trim_decimals(s, 3))}>{ &t.time_to_fire_text }</span>
                                    { explain(&t.explained, "how?") }</td>
                                <td><span data-testid={format!("tier-{i}-reset-time")} data-seconds={trim_decimals(t.reset_seconds, 3)}>{ &t.reset_text }</span></td>
                                <td><span data-testid={format!("tier-{i}-min-error-rate")}>{ &t.min_error_rate }</span></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                if !r.warnings.is_empty() {
                    <ul class="warnings" data-testid="alert-warnings">
                        { for r.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                    </ul>
                }
                <ChartCanvas chart={SharedChart::from(props.charts.detection.clone())} on_edit={on_edit.clone()}
                    test_id="detection-chart"
                    caption="Time to fire against the error rate for every tier. Where a curve runs above the dashed budget line, the budget is gone before the tier fires; where no curve is, nothing detects that rate. Hover to read values; drag the error-rate line." />
            </> }) }
            { card("simulator-heading", "Incident simulator", html! { <>
                <p class="hint">{ "Describe an incident as phases of errors; the tiers evaluate it with sliding windows, minute by minute, as Prometheus would. Start from a shape:" }</p>
                <p class="row-buttons">
                    { for Shape::ALL.iter().map(|&shape| html! {
                        <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::Phases { phases: shape.phases() })}>{ shape.name() }</button>
                    }) }
                </p>
                { for alerts.incident.iter().enumerate().map(|(i, p)| phase_editor(i, *p, on_edit)) }
                { add_button(&props.plan, "Add a phase", None, "add-phase", PlanEdit::AddPhase, on_edit) }
                <ul class="simulated">
                    { for r.simulated.iter().enumerate().map(|(i, t)| html! {
                        <li data-testid={format!("sim-tier-{i}")} data-seconds={t.fired_at.map(|s| trim_decimals(s, 3))}>{ format!("Tier {}: {}", i + 1, t.text) }</li>
                    }) }
                </ul>
                <div class="headline">{ "The incident spends " }<strong data-testid="sim-budget-percent">{ format!("{}%", r.simulated_budget_percent) }</strong>{ " of the budget." }{ explain(&r.simulated_budget_explained, "how?") }</div>
                <ChartCanvas chart={SharedChart::from(props.charts.incident.clone())} on_edit={on_edit.clone()}
                    test_id="incident-chart"
                    caption="The error rate and each tier's burn rates (log scale) from the incident's start until its last alert resets, thresholds dashed, bars at the top while a tier fires. Hover to read values; drag a phase's start sideways to move it." />
            </> }) }
            { card("rules-heading", "Prometheus rules", html! { <>
                <div class="form-grid">
                    { choice(AttrValue::from("metric-ratio"), "The first counter counts", if metric.ratio == RatioSpec::GoodOverTotal { "good" } else { "bad" }, on_ratio, vec![(AttrValue::Static("bad"), AttrValue::Static("bad events (errors)")), (AttrValue::Static("good"), AttrValue::Static("good events"))]) }
                    { TextFieldProps::new("metric-numerator", "Bad (or good) events counter", metric.numerator.clone(), reader(on_edit, input::selector, move |s: String| (PlanEdit::Metric { metric: Some(MetricSpec { numerator: s.clone(), ..m1.clone() }) }, s))).keyboard("text").html() }
                    { TextFieldProps::new("metric-total", "All events counter", metric.total.clone(), reader(on_edit, input::selector, move |s: String| (PlanEdit::Metric { metric: Some(MetricSpec { total: s.clone(), ..m2.clone() }) }, s))).keyboard("text").html() }
                </div>
                if follows {
                    <p class="hint" data-testid="metric-follows">{ "These counters follow the service's name and the SLI; edit them to use your own." }</p>
                } else {
                    <SelectorCheck numerator={metric.numerator.clone()} total={metric.total.clone()} />
                    <p class="hint">
                        { "These counters are your own: renaming the service leaves them as they are. " }
                        <button type="button" class="secondary" data-testid="metric-follow" onclick={on_edit.reform(|_: MouseEvent| PlanEdit::Metric { metric: None })}>{ "Follow the service's name" }</button>
                    </p>
                }
                <label for="rules-yaml">{ "Recording and alerting rules (checked with promtool in our tests)" }</label>
                <textarea id="rules-yaml" data-testid="rules-yaml" readonly=true rows="14" class="code" value={r.rules_yaml.clone()} />
                <p>
                    <button type="button" onclick={copy}>{ "Copy rules" }</button>{ " " }
                    <button type="button" data-testid="download-rules" onclick={download}>{ "Download rules file" }</button>
                </p>
            </> }) }
        </>
    }
}
