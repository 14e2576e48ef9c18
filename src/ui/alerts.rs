//! The Alerts page: the burn-rate policy designer, each tier's quality, warnings, and
//! the Prometheus rules.

use super::browser;
use super::fields::{reader, Choice, Explain, TextField};
use crate::plan::alerts::{workbook_preset, MetricSpec, RatioSpec, SeveritySpec, TierSpec};
use crate::plan::alerts_report::AlertsReport;
use crate::plan::edit::PlanEdit;
use crate::plan::{input, Plan};
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`AlertsPage`].
#[derive(Properties, PartialEq)]
pub struct AlertsPageProps {
    /// The plan.
    pub plan: Plan,
    /// The SLO window, seconds (presets scale to it).
    pub window_seconds: f64,
    /// What the page shows, derived from the plan.
    pub report: Rc<AlertsReport>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
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
            <legend>{ format!("Tier {index}") }</legend>
            <div class="form-grid">
                <Choice id={id("severity")} label="Severity" selected={if tier.severity == SeveritySpec::Page { "page" } else { "ticket" }}
                    on_change={on_severity}
                    options={vec![(AttrValue::Static("page"), AttrValue::Static("page")), (AttrValue::Static("ticket"), AttrValue::Static("ticket"))]} />
                <TextField id={id("long")} label="Long window" value={human_duration(tier.long_seconds)} inputmode="text"
                    on_input={reader(on_edit, input::incident_duration, move |s| (set(TierSpec { long_seconds: s, short_seconds: s / 12.0, ..tier }), human_duration(s)))}
                    hint="The short window follows at a twelfth." />
                <TextField id={id("short")} label="Short window" value={human_duration(tier.short_seconds)} inputmode="text"
                    on_input={reader(on_edit, input::incident_duration, move |s| (set(TierSpec { short_seconds: s, ..tier }), human_duration(s)))} />
                <TextField id={id("burn")} label="Burn rate" unit="×" value={trim_decimals(tier.burn_rate, 6)}
                    on_input={reader(on_edit, input::burn_rate, move |b| (set(TierSpec { burn_rate: b, ..tier }), trim_decimals(b, 6)))} />
                <TextField id={id("share")} label="or budget spent when it fires" unit="%"
                    value={trim_decimals(tier.burn_rate * tier.long_seconds / window * 100.0, 4)}
                    on_input={reader(on_edit, input::budget_share_percent, move |p| (set(TierSpec { burn_rate: p / 100.0 * window / tier.long_seconds, ..tier }), trim_decimals(p, 4)))} />
            </div>
            <div class="row-buttons">
                if index > 0 {
                    <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::MoveTierUp { index })}>{ format!("Move tier {index} up") }</button>
                }
                <button type="button" class="secondary" onclick={on_edit.reform(move |_: MouseEvent| PlanEdit::RemoveTier { index })}>{ format!("Remove tier {index}") }</button>
            </div>
        </fieldset>
    }
}

/// The Alerts page.
#[function_component]
pub fn AlertsPage(props: &AlertsPageProps) -> Html {
    let on_edit = &props.on_edit;
    let window = props.window_seconds;
    let r = &props.report;
    let alerts = &props.plan.alerts;
    let preset = {
        let on_edit = on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(PlanEdit::Tiers {
                tiers: workbook_preset(window),
            })
        })
    };
    let metric = alerts.metric.clone();
    let on_ratio = {
        let (on_edit, metric) = (on_edit.clone(), metric.clone());
        Callback::from(move |key: String| {
            let ratio = if key == "good" {
                RatioSpec::GoodOverTotal
            } else {
                RatioSpec::BadOverTotal
            };
            on_edit.emit(PlanEdit::Metric {
                metric: MetricSpec {
                    ratio,
                    ..metric.clone()
                },
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
            <section class="card" aria-labelledby="tiers-heading">
                <h2 id="tiers-heading">{ "Alert policy" }</h2>
                <p class="hint">{ format!(
                    "Multiwindow, multi-burn-rate alerts (SRE Workbook, ch. 5): a tier fires when the burn rate over both its windows reaches its threshold. Your SLO window is {}; a burn rate of 1 spends exactly the budget over it.",
                    human_duration(window)) }</p>
                <p>
                    <button type="button" data-testid="preset-workbook" onclick={preset}>{ "Use the SRE Workbook tiers" }</button>
                    <span class="hint">{ format!(
                        " 2% of the budget in 1h and 5% in 6h page; 10% in 1d and in 3d ticket. For your window that is burn rates {}.",
                        workbook_preset(window).iter().map(|t| grouped(t.burn_rate, 3)).collect::<Vec<_>>().join(", ")) }</span>
                </p>
                { for alerts.tiers.iter().enumerate().map(|(i, t)| tier_editor(i, *t, window, on_edit)) }
                <button type="button" onclick={on_edit.reform(|_: MouseEvent| PlanEdit::AddTier)}>{ "Add a tier" }</button>
            </section>
            <section class="card" aria-labelledby="quality-heading">
                <h2 id="quality-heading">{ "What each tier does" }</h2>
                <div class="form-grid">
                    <TextField id="alert-error-rate" label="Error rate" unit="%" value={percent(alerts.error_rate_percent)}
                        hint="A steady error rate starting at once; the figures below are for it."
                        on_input={reader(on_edit, input::impact_percent, |p| (PlanEdit::AlertErrorRate { percent: p }, percent(p)))} />
                </div>
                <p class="headline">{ "At this rate the whole budget is gone after " }<strong data-testid="alert-exhaustion">{ &r.exhaustion }</strong>{ "." }</p>
                <table class="budget">
                    <thead><tr>
                        <th scope="col">{ "Tier" }</th><th scope="col">{ "Burn rate" }</th><th scope="col">{ "Budget spent when it fires" }</th>
                        <th scope="col">{ "Time to fire" }</th><th scope="col">{ "Reset after errors stop" }</th><th scope="col">{ "Lowest error rate it detects" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.tiers.iter().enumerate().map(|(i, t)| html! {
                            <tr>
                                <th scope="row">{ format!("{i} ({})", t.severity) }</th>
                                <td><span data-testid={format!("tier-{i}-burn-rate")}>{ &t.burn_rate }</span></td>
                                <td><span data-testid={format!("tier-{i}-budget-percent")}>{ format!("{}%", t.budget_percent) }</span></td>
                                <td><span data-testid={format!("tier-{i}-time-to-fire")} data-seconds={t.time_to_fire.map(|s| trim_decimals(s, 3))}>{ &t.time_to_fire_text }</span>
                                    <Explain explanation={t.explained.clone()} summary="how?" /></td>
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
            </section>
            <section class="card" aria-labelledby="rules-heading">
                <h2 id="rules-heading">{ "Prometheus rules" }</h2>
                <div class="form-grid">
                    <Choice id="metric-ratio" label="The first counter counts" selected={if metric.ratio == RatioSpec::GoodOverTotal { "good" } else { "bad" }}
                        on_change={on_ratio}
                        options={vec![(AttrValue::Static("bad"), AttrValue::Static("bad events (errors)")), (AttrValue::Static("good"), AttrValue::Static("good events"))]} />
                    <TextField id="metric-numerator" label="Bad (or good) events counter" value={metric.numerator.clone()} inputmode="text"
                        on_input={reader(on_edit, input::selector, move |s: String| (PlanEdit::Metric { metric: MetricSpec { numerator: s.clone(), ..m1.clone() } }, s))} />
                    <TextField id="metric-total" label="All events counter" value={metric.total.clone()} inputmode="text"
                        on_input={reader(on_edit, input::selector, move |s: String| (PlanEdit::Metric { metric: MetricSpec { total: s.clone(), ..m2.clone() } }, s))} />
                </div>
                <label for="rules-yaml">{ "Recording and alerting rules (checked with promtool in our tests)" }</label>
                <textarea id="rules-yaml" data-testid="rules-yaml" readonly=true rows="14" class="code" value={r.rules_yaml.clone()} />
                <p>
                    <button type="button" onclick={copy}>{ "Copy rules" }</button>{ " " }
                    <button type="button" data-testid="download-rules" onclick={download}>{ "Download rules file" }</button>
                </p>
            </section>
        </>
    }
}
