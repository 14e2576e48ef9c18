//! The Overview page: the plan at a glance, to put in front of the people negotiating
//! (it prints on one page).

use super::worker_bridge::use_plan_worker;
use crate::worker::{Request, Response};
use slo_engine::notation::trim_decimals;
use slo_plan::report::overview::{OverviewReport, PURPOSE};
use slo_plan::report::risk::pct;
use slo_plan::Plan;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Overview`].
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The figures.
    pub report: Rc<OverviewReport>,
    /// The plan, whose SLOs' odds the worker simulates.
    pub plan: Rc<Plan>,
}

/// What the odds column shows.
#[derive(Clone, PartialEq)]
enum Odds {
    /// Asked as request `job`.
    Asked(u32),
    /// The worker's answer to request `job`.
    Known(u32, Rc<Vec<Result<f64, String>>>),
    /// The worker did not answer.
    Silent,
}

/// The Overview page: its figures, and each SLO's probability of meeting it, simulated
/// by the worker (the Risk page's model, each SLO's own windows).
#[function_component]
pub fn Overview(props: &OverviewProps) -> Html {
    let odds = use_state_eq(|| Odds::Asked(0));
    let job = use_mut_ref(|| 0u32);
    let on_response = {
        let odds = odds.clone();
        Callback::from(move |response: Response| {
            if let Response::Odds { job, probabilities } = response {
                if *odds == Odds::Asked(job) {
                    odds.set(Odds::Known(job, Rc::new(probabilities)));
                }
            }
        })
    };
    let on_silent = {
        let odds = odds.clone();
        Callback::from(move |()| odds.set(Odds::Silent))
    };
    let ask = use_plan_worker(on_response, on_silent);
    {
        let odds = odds.clone();
        use_effect_with(props.plan.clone(), move |plan| {
            let next = job.borrow().wrapping_add(1);
            *job.borrow_mut() = next;
            odds.set(Odds::Asked(next));
            ask.emit(Request::Odds {
                job: next,
                plan: (**plan).clone(),
            });
        });
    }
    let cell = |i: usize| {
        let (text, value) = match &*odds {
            Odds::Known(_, all) => match all.get(i) {
                Some(Ok(p)) => (pct(*p), Some(trim_decimals(*p, 9))),
                Some(Err(why)) => (why.clone(), None),
                None => ("—".to_owned(), None),
            },
            Odds::Asked(_) => ("simulating…".to_owned(), None),
            Odds::Silent => ("not simulated (the worker did not answer)".to_owned(), None),
        };
        html! { <td data-testid={format!("slo-{i}-probability")} data-live="" data-value={value}>{ text }</td> }
    };
    overview_page(&props.report, &cell)
}

/// The Overview page's content, with `odds(i)` the cell of SLO i's probability.
/// What depends on the day or on the worker is marked `data-live`: the preview of
/// this page written into the build (`scripts/prerender.mjs`) shows "…" there.
fn overview_page(report: &OverviewReport, odds: &dyn Fn(usize) -> Html) -> Html {
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
                    <th scope="col">{ "Probability of meeting it" }</th>
                </tr></thead>
                <tbody>
                    { for report.rows.iter().enumerate().map(|(i, row)| html! {
                        <tr data-testid={format!("slo-{i}")}>
                            <th scope="row">{ &row.slo.name }</th>
                            <td><span data-testid={format!("slo-{i}-target")}>{ format!("{}%", row.slo.target_percent) }</span>
                                <span class="hint">{ format!(" — {}", row.slo.statement) }</span></td>
                            <td><span data-testid={format!("slo-{i}-budget-seconds")} data-seconds={row.slo.budget_seconds.clone()}>{ &row.slo.budget_human }</span>
                                if let Some(worth) = &row.slo.worth { <span class="hint" data-testid={format!("slo-{i}-worth")}>{ format!(", worth {worth}") }</span> }</td>
                            <td data-testid={format!("slo-{i}-left")}>{ format!("{}%", row.slo.left_percent) }</td>
                            <td data-testid={format!("slo-{i}-page")}>{ &row.page_detection }</td>
                            <td data-testid={format!("slo-{i}-ticket")}>{ &row.ticket_detection }</td>
                            { odds(i) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "The probability of meeting each SLO is simulated with the Risk page's incident model over that SLO's window (its seed and number of windows)." }</p>
            <p data-testid="overview-capacity"><strong>{ "Capacity: " }</strong><span data-live="">{ &report.capacity }</span></p>
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
