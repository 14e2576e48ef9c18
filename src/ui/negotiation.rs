//! The negotiation view on the Risk page: two to four candidate targets for the
//! selected SLO side by side, each made the plan in one click (undoable). Its
//! probabilities come from the page's study once it has run.

use super::fields::{add_button, card, TextFieldProps};
use slo_engine::notation::{human_duration, percent, trim_decimals};
use slo_plan::edit::PlanEdit;
use slo_plan::input;
use slo_plan::report::negotiation::NegotiationReport;
use slo_plan::report::risk::{pct, StudyReport};
use slo_plan::Plan;
use yew::prelude::*;

/// What the probability row shows while the study has no figures: why, in words.
pub enum Odds<'a> {
    /// The study's figures.
    Known(&'a StudyReport),
    /// Not yet known, and why (`simulating…`, `stopped`).
    Pending(&'static str),
}

/// The negotiation card.
pub fn negotiation_card(
    r: &NegotiationReport,
    plan: &Plan,
    odds: &Odds<'_>,
    on_edit: &Callback<PlanEdit>,
) -> Html {
    let cols = &r.columns;
    let row = |label: String, cell: &dyn Fn(usize) -> Html| {
        html! { <tr><th scope="row">{ label }</th>{ for (0..cols.len()).map(cell) }</tr> }
    };
    let target_field = |j: usize| {
        let on_edit = on_edit.clone();
        TextFieldProps::new(
            format!("compare-{j}-input"),
            "Candidate target",
            percent(cols[j].percent),
            Callback::from(move |t: String| {
                let percent_value = input::target_percent(&t)?;
                on_edit.emit(PlanEdit::Candidate {
                    index: j,
                    percent: percent_value,
                });
                Ok(AttrValue::from(percent(percent_value)))
            }),
        )
        .unit("%")
        .html()
    };
    let button = |label: &'static str, aria: String, test_id: String, edit: PlanEdit, disabled: bool| {
        let on_edit = on_edit.clone();
        html! {
            <button type="button" class="secondary" aria-label={aria} data-testid={test_id} {disabled}
                onclick={Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()))}>{ label }</button>
        }
    };
    let remove_cap = plan.cap(&PlanEdit::RemoveCandidate { index: 0 });
    let body = html! { <>
        <p class="hint">{ format!(
            "Candidate targets for the SLO “{}”, side by side: what each allows, what it asks of the alerts and the fleet, and the odds of meeting it. “Make this the plan” sets the SLO's target (undo takes it back); the targets compared travel in the link.",
            r.slo_name
        ) }</p>
        <div class="table-scroll">
        <table class="negotiation" data-testid="negotiation">
            <thead><tr>
                <th scope="col">{ "Target" }</th>
                { for cols.iter().enumerate().map(|(j, c)| html! {
                    <th scope="col">
                        <span data-testid={format!("compare-{j}-target")} data-value={trim_decimals(c.percent, 9)}>{ format!("{}%", percent(c.percent)) }</span>
                        if c.is_plan { <span class="hint">{ " (the plan's)" }</span> }
                    </th>
                }) }
            </tr></thead>
            <tbody>
                { row("Change it".to_owned(), &|j| html! { <td>{ target_field(j) }</td> }) }
                { row("Budget per window".to_owned(), &|j| html! {
                    <td data-testid={format!("compare-{j}-budget-seconds")} data-value={trim_decimals(cols[j].budget_seconds, 6)}>
                        { &cols[j].budget }
                        if cols[j].budget != human_duration(cols[j].budget_seconds) {
                            <span class="hint">{ format!(" ({} of full downtime)", human_duration(cols[j].budget_seconds)) }</span>
                        }
                    </td>
                }) }
                if cols.iter().any(|c| c.worth.is_some()) {
                    { row("Budget worth".to_owned(), &|j| html! {
                        <td data-testid={format!("compare-{j}-worth")}>{ cols[j].worth.clone().unwrap_or_default() }</td>
                    }) }
                }
                { row("Incidents that fit".to_owned(), &|j| html! {
                    <td data-testid={format!("compare-{j}-fits")}>{ &cols[j].fits }</td>
                }) }
                { row("First alert tier fires after".to_owned(), &|j| html! {
                    <td data-testid={format!("compare-{j}-detection")}>{ &cols[j].detection }</td>
                }) }
                { row("Instances needed now".to_owned(), &|j| html! { <td>{ &cols[j].instances }</td> }) }
                { row("Dependencies".to_owned(), &|j| match &cols[j].above_ceiling {
                    Some(warning) => html! { <td class="warning" data-testid={format!("compare-{j}-ceiling")}>{ warning }</td> },
                    None => html! { <td data-testid={format!("compare-{j}-ceiling")}>{ "within what they allow" }</td> },
                }) }
                { row("Probability of meeting it".to_owned(), &|j| match odds {
                    Odds::Known(s) => {
                        let p = s.compared.get(j).copied().unwrap_or(0.0);
                        html! { <td data-testid={format!("compare-{j}-probability")} data-value={trim_decimals(p, 9)}>{ pct(p) }</td> }
                    }
                    Odds::Pending(why) => html! { <td data-testid={format!("compare-{j}-probability")}>{ *why }</td> },
                }) }
                { row("Expected credit per window".to_owned(), &|_| match odds {
                    Odds::Known(s) => html! { <td>{ slo_plan::money::money(&plan.money.currency, s.credit) }</td> },
                    Odds::Pending(why) => html! { <td>{ *why }</td> },
                }) }
                { row(String::new(), &|j| html! { <td>
                    { button(
                        if cols[j].is_plan { "The plan's target" } else { "Make this the plan" },
                        format!(
                            "{}: {}%",
                            if cols[j].is_plan { "The plan's target" } else { "Make this the plan" },
                            percent(cols[j].percent)
                        ),
                        format!("compare-{j}-adopt"),
                        cols[j].adopt.clone(),
                        cols[j].is_plan,
                    ) }
                    { " " }
                    { button(
                        "Remove",
                        format!("Remove the candidate {}%", percent(cols[j].percent)),
                        format!("compare-{j}-remove"),
                        PlanEdit::RemoveCandidate { index: j },
                        remove_cap.is_some(),
                    ) }
                </td> }) }
            </tbody>
        </table>
        </div>
        <p class="hint" data-testid="compare-like">{ format!("Incidents that fit: how many like {} the budget holds.", r.like) }</p>
        <p class="hint">{ &r.credit_note }</p>
        { add_button(plan, "Compare another target", None, "compare-add", PlanEdit::AddCandidate, on_edit) }
    </> };
    card("negotiation-heading", "Negotiate the target", body)
}
