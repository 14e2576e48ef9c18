//! The Overview page: the plan at a glance, to put in front of the people negotiating
//! (it prints on one page).

use slo_plan::report::overview::{OverviewReport, PURPOSE};
use yew::prelude::*;

/// The Overview page.
pub fn overview_page(report: &OverviewReport) -> Html {
    html! {
        <section class="card overview" aria-labelledby="overview-heading" data-testid="overview">
            <h2 id="overview-heading">{ format!("{} at a glance", report.service) }</h2>
            <p class="hint">{ PURPOSE }</p>
            <table class="slos" data-testid="slo-list">
                <caption class="sr-only">{ "The service's SLOs" }</caption>
                <thead><tr>
                    <th scope="col">{ "SLO" }</th>
                    <th scope="col">{ "Objective" }</th>
                    <th scope="col">{ "Budget per window" }</th>
                    <th scope="col">{ "Budget left" }</th>
                    <th scope="col">{ "Fastest page" }</th>
                    <th scope="col">{ "Fastest ticket" }</th>
                </tr></thead>
                <tbody>
                    { for report.rows.iter().enumerate().map(|(i, row)| html! {
                        <tr data-testid={format!("slo-{i}")}>
                            <th scope="row">{ &row.slo.name }</th>
                            <td><span data-testid={format!("slo-{i}-target")}>{ format!("{}%", row.slo.target_percent) }</span>
                                <span class="hint">{ format!(" — {}", row.slo.statement) }</span></td>
                            <td><span data-testid={format!("slo-{i}-budget-seconds")} data-seconds={row.slo.budget_seconds.clone()}>{ &row.slo.budget_human }</span></td>
                            <td data-testid={format!("slo-{i}-left")}>{ format!("{}%", row.slo.left_percent) }</td>
                            <td data-testid={format!("slo-{i}-page")}>{ &row.page_detection }</td>
                            <td data-testid={format!("slo-{i}-ticket")}>{ &row.ticket_detection }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p data-testid="overview-capacity"><strong>{ "Capacity: " }</strong>{ &report.capacity }</p>
            <p data-testid="overview-ceiling"><strong>{ "Dependencies allow at most: " }</strong>{ &report.ceiling }</p>
            if report.warnings.is_empty() {
                <p data-testid="overview-warnings">{ "No page has a warning." }</p>
            } else {
                <ul class="warnings" data-testid="overview-warnings">
                    { for report.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </section>
    }
}
