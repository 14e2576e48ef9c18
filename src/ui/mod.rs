//! The user interface: Yew components. The only layer that touches the DOM; it
//! collects input, calls the plan and engine layers, and draws.

pub mod browser;
pub mod downtime_chart;
pub mod fields;
pub mod hooks;
pub mod share;
pub mod state;
pub mod targets;

use crate::charts::downtime_vs_nines::DowntimeVsNines;
use crate::plan::report::targets_report;
use hooks::use_plan_state;
use share::SharePanel;
use state::{Action, NoticeKind};
use std::rc::Rc;
use targets::TargetsPage;
use yew::prelude::*;

/// The whole app.
#[function_component]
pub fn App() -> Html {
    let state = use_plan_state();
    let derived = use_memo(state.plan.clone(), |plan| {
        plan.validate().map(|valid| {
            (
                Rc::new(targets_report(&valid)),
                Rc::new(DowntimeVsNines::new(valid.target)),
            )
        })
    });
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |edit| state.dispatch(Action::Edit(edit)))
    };
    let notice = state.notice.as_ref().map(|notice| {
        let dismiss = dispatch.reform(|_: MouseEvent| Action::Dismiss);
        let restore = dispatch.reform(|_: MouseEvent| Action::RestorePrevious);
        let (class, test_id, role) = match notice.kind {
            NoticeKind::Error => ("notice error", "plan-error", "alert"),
            NoticeKind::Info => ("notice info", "plan-notice", "status"),
        };
        html! {
            <div class={class} role={role} data-testid={test_id}>
                <p>{ &notice.message }</p>
                if state.previous.is_some() {
                    <button type="button" onclick={restore}>{ "Restore my previous plan" }</button>
                }
                <button type="button" onclick={dismiss} aria-label="Close this message">{ "Close" }</button>
            </div>
        }
    });
    html! {
        <>
            <header class="top">
                <div class="title">
                    <h1>{ "slo-planner" }</h1>
                    <p class="tagline">{ format!("Targets for {}", state.plan.service) }</p>
                </div>
                <nav aria-label="Pages"><a href="#" aria-current="page" onclick={Callback::from(|e: MouseEvent| e.prevent_default())}>{ "Targets" }</a></nav>
            </header>
            { notice }
            <SharePanel plan={state.plan.clone()} dispatch={dispatch.clone()} />
            <main id="main">
                { match &*derived {
                    Ok((report, chart)) => html! {
                        <TargetsPage plan={state.plan.clone()} report={report.clone()} chart={chart.clone()} {on_edit} />
                    },
                    Err(error) => html! {
                        <p class="notice error" role="alert" data-testid="plan-error">{ format!("This plan cannot be shown: {error}") }</p>
                    },
                } }
            </main>
            <footer>
                <p>{ "All computation runs in your browser; nothing is sent anywhere. Licensed MIT OR Apache-2.0." }</p>
            </footer>
        </>
    }
}

/// Mounts [`App`] on the element with id `app` (or the body when there is none).
pub fn mount() {
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
