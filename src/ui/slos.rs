//! The service's SLOs: the list on the Targets page (select, add from a template,
//! duplicate, reorder, remove, rename) and the bar on every other page that says which
//! SLO it shows.

use super::fields::{add_button, card, reader, TextFieldProps};
use slo_plan::edit::PlanEdit;
use slo_plan::report::slos::SloRow;
use slo_plan::templates::TEMPLATES;
use slo_plan::{input, Plan, SloSpec};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The SLO every page shows, and a menu to show another.
pub fn slo_bar(plan: &Plan, on_edit: &Callback<PlanEdit>) -> Html {
    let onchange = on_edit.reform(|event: Event| PlanEdit::SelectSlo {
        index: event
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(0),
    });
    let selected = plan.selected_index();
    html! {
        <div class="slo-bar" data-testid="slo-bar">
            <label for="slo-select">{ format!("SLO of {} shown", plan.service) }</label>
            <select id="slo-select" data-testid="slo-select" {onchange} disabled={plan.slos.len() < 2}>
                { for plan.slos.iter().enumerate().map(|(i, slo)| html! {
                    <option value={i.to_string()} selected={i == selected}>{ &slo.name }</option>
                }) }
            </select>
            <span class="hint">{ format!("{} of {}", selected + 1, plan.slos.len()) }</span>
        </div>
    }
}

/// What [`SloList`] shows.
#[derive(Properties, PartialEq)]
pub struct SloListProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// Its SLOs' figures.
    pub rows: Rc<Vec<SloRow>>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// Every SLO side by side, with what can be done to each.
#[function_component]
pub fn SloList(props: &SloListProps) -> Html {
    let (plan, rows, on_edit) = (&*props.plan, &*props.rows, &props.on_edit);
    let count = plan.slos.len();
    // The template the "New SLO" menu has chosen, as `<template>-<slo>` ("" for the
    // default SLO).
    let template = use_state(String::new);
    let add_template = {
        let (on_edit, template) = (on_edit.clone(), template.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(slo) = template_slo(&template) {
                on_edit.emit(PlanEdit::AddSlo { slo: Box::new(slo) });
            }
        })
    };
    let on_template = Callback::from(move |event: Event| {
        template.set(event.target_unchecked_into::<HtmlSelectElement>().value());
    });
    let capped = plan.cap(&PlanEdit::AddSlo { slo: Box::default() });
    html! {
        { card("slos-heading", "SLOs", html! { <>
            <p class="hint">{ "Each SLO has its own SLI, target, window and alerts; incidents say which SLOs they hurt. Every page shows the selected SLO." }</p>
            <table class="slos" data-testid="slo-list">
                <caption class="sr-only">{ "The service's SLOs" }</caption>
                <thead><tr>
                    <th scope="col">{ "SLO" }</th>
                    <th scope="col">{ "Objective" }</th>
                    <th scope="col">{ "Budget per window" }</th>
                    <th scope="col">{ "Budget left" }</th>
                    <th scope="col"><span class="sr-only">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, row)| {
                        let select = on_edit.reform(move |_: MouseEvent| PlanEdit::SelectSlo { index: i });
                        let duplicate = on_edit.reform(move |_: MouseEvent| PlanEdit::DuplicateSlo { index: i });
                        let up = on_edit.reform(move |_: MouseEvent| PlanEdit::MoveSloUp { index: i });
                        let remove = on_edit.reform(move |_: MouseEvent| PlanEdit::RemoveSlo { index: i });
                        html! {
                            <tr data-testid={format!("slo-{i}")} class={classes!(row.selected.then_some("selected"))}
                                aria-current={row.selected.then_some("true")}>
                                <th scope="row">
                                    <button type="button" class="link" data-testid={format!("slo-{i}-select")} onclick={select}
                                        aria-pressed={row.selected.to_string()}>{ &row.name }</button>
                                    if row.selected { <span class="badge">{ "shown" }</span> }
                                </th>
                                <td>
                                    <span data-testid={format!("slo-{i}-target")}>{ format!("{}%", row.target_percent) }</span>
                                    <span class="hint">{ format!(" — {}", row.statement) }</span>
                                </td>
                                <td><span data-testid={format!("slo-{i}-budget-seconds")} data-seconds={row.budget_seconds.clone()}>{ &row.budget_human }</span>
                                    if let Some(worth) = &row.worth { <span class="hint" data-testid={format!("slo-{i}-worth")}>{ format!(", worth {worth}") }</span> }</td>
                                <td><span data-testid={format!("slo-{i}-left")}>{ format!("{}%", row.left_percent) }</span>
                                    <span class="hint">{ match row.incidents { 0 => " (no incidents)".to_owned(), 1 => " (1 incident)".to_owned(), n => format!(" ({n} incidents)") } }</span></td>
                                <td class="actions">
                                    <button type="button" class="secondary" data-testid={format!("slo-{i}-duplicate")} onclick={duplicate}
                                        disabled={capped.is_some()} aria-label={format!("Duplicate {}", row.name)}>{ "Duplicate" }</button>
                                    <button type="button" class="secondary" data-testid={format!("slo-{i}-up")} onclick={up}
                                        disabled={i == 0} aria-label={format!("Move {} up", row.name)}>{ "Up" }</button>
                                    <button type="button" class="secondary" data-testid={format!("slo-{i}-remove")} onclick={remove}
                                        disabled={count < 2} aria-label={format!("Remove {}", row.name)}
                                        title={(count < 2).then_some("A plan keeps at least one SLO")}>{ "Remove" }</button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <div class="form-grid">
                { TextFieldProps::new("slo-name", "Name of the shown SLO", plan.slo().name.clone(), reader(on_edit, input::slo_name, |name: String| (PlanEdit::SloName { name: name.clone() }, name))).keyboard("text").html() }
                <div class="field">
                    <label for="slo-template">{ "New SLO from a template" }</label>
                    <select id="slo-template" data-testid="slo-template" onchange={on_template}>
                        <option value="" selected=true>{ "A copy of the default (99.9 % of requests)" }</option>
                        { for TEMPLATES.iter().enumerate().map(|(t, template)| html! {
                            <optgroup label={template.service}>
                                { for template.slos.iter().enumerate().map(|(s, slo)| html! {
                                    <option value={format!("{t}-{s}")}>{ format!("{}: {}% of {}", slo.name, slo.target_percent, slo.about) }</option>
                                }) }
                            </optgroup>
                        }) }
                    </select>
                </div>
            </div>
            if capped.is_some() {
                { add_button(plan, "Add the SLO", None, "add-slo", PlanEdit::AddSlo { slo: Box::default() }, on_edit) }
            } else {
                <button type="button" data-testid="add-slo" onclick={add_template}>{ "Add the SLO" }</button>
            }
        </> }) }
    }
}

fn template_slo(choice: &str) -> Option<SloSpec> {
    if choice.is_empty() {
        return Some(SloSpec::default());
    }
    let (t, s) = choice.split_once('-')?;
    let slo = TEMPLATES
        .get(t.parse::<usize>().ok()?)?
        .slos
        .get(s.parse::<usize>().ok()?)?;
    Some(slo.to_slo())
}
