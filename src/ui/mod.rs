//! The user interface: Yew components. The only layer that touches the DOM; it
//! collects input, calls the plan and engine layers, and draws.

pub mod alerts;
pub mod browser;
pub mod budget;
pub mod canvas;
pub mod capacity;
pub mod chart_canvas;
pub mod fields;
pub mod history;
pub mod hooks;
pub mod learn;
pub mod money;
pub mod negotiation;
pub mod openslo;
pub mod overview;
pub mod recent;
pub mod risk;
pub mod selector_check;
pub mod share;
pub mod slos;
pub mod state;
pub mod study;
pub mod targets;
pub mod worker_bridge;

use budget::{budget_page, BudgetPageProps};
use hooks::use_plan_state;
use share::SharePanel;
use slo_charts::burn_down::BurnDownChart;
use slo_charts::downtime_vs_nines::DowntimeVsNines;
use slo_plan::lessons::Lesson;
use slo_plan::report::alerts::{alerts_charts, alerts_report, AlertsCharts};
use slo_plan::report::budget::{budget_report, burn_down_chart};
use slo_plan::report::targets::{downtime_chart, targets_report};
use slo_plan::report::PlanChart;
use state::{Action, NoticeKind, Source};
use std::rc::Rc;
use targets::{targets_page, TargetsPageProps};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The app's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Overview: the plan at a glance.
    Overview,
    /// Targets: nines, downtime and bad requests per window.
    Targets,
    /// Budget: incidents, burn-down, forecast, policy.
    Budget,
    /// Alerts: burn-rate tiers, their quality, Prometheus rules.
    Alerts,
    /// Capacity: demand growth, fleet, queueing, scalability.
    Capacity,
    /// Risk: dependencies, SLA, incident simulation, scenarios.
    Risk,
    /// Learn: lessons and the glossary.
    Learn,
}

impl Page {
    const ALL: [Page; 7] = [
        Page::Overview,
        Page::Targets,
        Page::Budget,
        Page::Alerts,
        Page::Capacity,
        Page::Risk,
        Page::Learn,
    ];

    /// The page a history entry names (by its title), or the Overview.
    fn named(name: &str) -> Page {
        Page::ALL
            .into_iter()
            .find(|p| p.title() == name)
            .unwrap_or(Page::Overview)
    }

    /// The page the app opens on: the one a reload left, else the Overview, the plan at
    /// a glance.
    fn opening() -> Page {
        browser::entry_name().map_or(Page::Overview, |name| Page::named(&name))
    }

    fn title(self) -> &'static str {
        match self {
            Page::Overview => "Overview",
            Page::Targets => "Targets",
            Page::Budget => "Error budget",
            Page::Alerts => "Alerts",
            Page::Capacity => "Capacity",
            Page::Risk => "Risk",
            Page::Learn => "Learn",
        }
    }
}

/// What the open page shows, derived from one valid plan. Only the open page is
/// computed, so typing on the Targets page never pays for the burn-down.
enum Derived {
    Targets {
        report: Rc<slo_plan::report::targets::TargetsReport>,
        chart: PlanChart<DowntimeVsNines>,
        slos: Rc<Vec<slo_plan::report::slos::SloRow>>,
    },
    Budget {
        report: Rc<slo_plan::report::budget::BudgetReport>,
        chart: PlanChart<BurnDownChart>,
    },
    Alerts {
        report: Rc<slo_plan::report::alerts::AlertsReport>,
        charts: AlertsCharts,
    },
    Capacity {
        report: Result<Rc<slo_plan::report::capacity::CapacityReport>, String>,
    },
    Risk {
        report: Rc<slo_plan::report::risk::RiskReport>,
        negotiation: Rc<slo_plan::report::negotiation::NegotiationReport>,
    },
    Learn,
    Overview {
        report: Rc<slo_plan::report::overview::OverviewReport>,
    },
}

fn derive(plan: &slo_plan::Plan, page: Page) -> Result<Derived, slo_plan::PlanError> {
    let valid = plan.validate()?;
    Ok(match page {
        Page::Targets => Derived::Targets {
            report: Rc::new(targets_report(&valid)),
            chart: downtime_chart(valid.target),
            slos: Rc::new(slo_plan::report::slos::slo_rows(plan, &valid)),
        },
        Page::Budget => {
            let report = budget_report(&valid);
            Derived::Budget {
                chart: burn_down_chart(plan, &report),
                report: Rc::new(report),
            }
        }
        Page::Alerts => {
            let report = alerts_report(&valid, plan);
            Derived::Alerts {
                charts: alerts_charts(&valid, &plan.slo().alerts, &report),
                report: Rc::new(report),
            }
        }
        Page::Capacity => Derived::Capacity {
            report: valid
                .capacity
                .as_ref()
                .map(|v| Rc::new(slo_plan::report::capacity::capacity_report(&plan.capacity, v)))
                .map_err(Clone::clone),
        },
        Page::Risk => Derived::Risk {
            report: Rc::new(slo_plan::report::risk::risk_report(
                &valid,
                &plan.risk,
                plan.slo().target_percent,
            )),
            negotiation: Rc::new(slo_plan::report::negotiation::negotiation_report(plan, &valid)),
        },
        Page::Learn => Derived::Learn,
        Page::Overview => Derived::Overview {
            report: Rc::new(slo_plan::report::overview::overview_report(plan, &valid)),
        },
    })
}

/// The whole app.
#[function_component]
pub fn App() -> Html {
    let saving = use_plan_state();
    let state = saving.state.clone();
    let page = use_state_eq(Page::opening);
    // Each page opened is a history entry: Back returns to the page before.
    let go = {
        let page = page.clone();
        Callback::from(move |p: Page| {
            if *page != p {
                browser::push_page(p.title());
                page.set(p);
            }
        })
    };
    {
        // Going back or forward changes the page, never the plan: the entry's address
        // (from when it was made) is given this tab's latest before `hashchange` reads
        // it. An entry no page names is a link typed into the address bar: `hashchange`
        // opens it, and the entry is named after the page it shows.
        let shown = use_mut_ref(|| *page);
        *shown.borrow_mut() = *page;
        let page = page.clone();
        use_effect_with((), move |_| {
            browser::name_entry(shown.borrow().title());
            let listener = browser::watch_pages(move |name| match name {
                Some(name) => {
                    browser::restore_fragment();
                    page.set(Page::named(&name));
                }
                None => browser::name_entry(shown.borrow().title()),
            });
            move || drop(listener)
        });
    }
    let derived = use_memo((state.plan.clone(), *page), |(plan, page)| derive(plan, *page));
    let (history, on_history) = history::use_history(&state.plan);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    // Made once, so that what takes it as a property is not drawn again for it alone.
    let on_edit = {
        let dispatcher = state.dispatcher();
        use_callback((), move |edit, ()| dispatcher.dispatch(Action::Edit(edit)))
    };
    // The lessons' numbers: the learner's own, kept while the app runs, not in the plan.
    let lessons = use_state_eq(|| Lesson::ALL.map(|lesson| lesson.input().start));
    let on_lesson = {
        let lessons = lessons.clone();
        Callback::from(move |(lesson, value): (Lesson, f64)| {
            let mut values = *lessons;
            for (slot, l) in values.iter_mut().zip(Lesson::ALL) {
                if l == lesson {
                    *slot = value;
                }
            }
            lessons.set(values);
        })
    };
    let on_try = {
        let (state, go) = (state.clone(), go.clone());
        Callback::from(
            move |(lesson, value): (Lesson, f64)| match lesson.apply(value, &state.plan) {
                Ok(plan) => {
                    state.dispatch(Action::Open {
                        plan: Box::new(plan),
                        source: Source::Lesson,
                    });
                    if let Some(&p) = Page::ALL.iter().find(|p| p.title() == lesson.page()) {
                        go.emit(p);
                    }
                }
                Err(reason) => state.dispatch(Action::Refused {
                    reason,
                    source: Source::Lesson,
                }),
            },
        )
    };
    // A card's glossary link: open the Learn page at the term.
    let on_term = {
        let go = go.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(target) = event.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            if let Some(term) = target.get_attribute("data-term") {
                // The plan lives in the fragment: the link must not replace it.
                event.prevent_default();
                go.emit(Page::Learn);
                browser::show_later(&format!("term-{term}"));
            }
        })
    };
    // Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z or Ctrl+Y redoes, except in a text field,
    // where they undo the typing as the browser does.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                    let event = event.unchecked_ref::<web_sys::KeyboardEvent>();
                    let in_field = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                    if in_field || !(event.ctrl_key() || event.meta_key()) {
                        return;
                    }
                    let action = match event.key().to_ascii_lowercase().as_str() {
                        "z" if event.shift_key() => Action::Redo,
                        "z" => Action::Undo,
                        "y" => Action::Redo,
                        _ => return,
                    };
                    event.prevent_default();
                    dispatch.dispatch(action);
                });
            move || drop(listener)
        });
    }
    let undo_bar = {
        let undo = dispatch.reform(|_: MouseEvent| Action::Undo);
        let redo = dispatch.reform(|_: MouseEvent| Action::Redo);
        let start_over = dispatch.reform(|_: MouseEvent| Action::StartOver {
            fresh: Box::new(hooks::fresh_plan()),
        });
        html! {
            <div class="undo" role="group" aria-label="Undo and redo">
                <button type="button" data-testid="undo" disabled={!state.undo.can_undo()} onclick={undo}
                    title="Undo the last change (Ctrl+Z)">{ "Undo" }</button>
                <button type="button" data-testid="redo" disabled={!state.undo.can_redo()} onclick={redo}
                    title="Redo (Shift+Ctrl+Z)">{ "Redo" }</button>
                <button type="button" data-testid="start-over" onclick={start_over}
                    title="A new default plan; this one is kept in Recent plans">{ "Start over" }</button>
            </div>
        }
    };
    // A new version deployed and cached by the service worker: offered, never forced.
    let update_ready = use_state_eq(|| false);
    {
        let update_ready = update_ready.clone();
        use_effect_with((), move |_| {
            let watch = browser::watch_updates(Callback::from(move |()| update_ready.set(true)));
            move || drop(watch)
        });
    }
    let update = update_ready.then(|| {
        let reload = Callback::from(|_: MouseEvent| {
            let _ = gloo::utils::window().location().reload();
        });
        html! {
            <p class="notice info" role="status" data-testid="update-ready">
                { "A new version of slo-planner is ready. " }
                <button type="button" onclick={reload}>{ "Reload to use it" }</button>
                { " (your plan is kept)." }
            </p>
        }
    });
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
                    <p class="tagline">{ format!("{} for {}", page.title(), state.plan.service) }</p>
                </div>
                { undo_bar }
                <nav aria-label="Pages">
                    { for Page::ALL.iter().map(|&p| {
                        let go = go.clone();
                        html! {
                            <button type="button" class={classes!("tab", (*page == p).then_some("current"))}
                                aria-current={(*page == p).then_some("page")}
                                onclick={Callback::from(move |_: MouseEvent| go.emit(p))}>{ p.title() }</button>
                        }
                    }) }
                </nav>
            </header>
            { for update }
            { for saving.other_tab.as_ref().map(|other| other_tab_notice(other, &dispatch, &saving.keep_own)) }
            { for saving.problem.map(|problem| html! {
                <p class="notice error" role="alert" data-testid="save-problem">{ problem.message() }</p>
            }) }
            { notice }
            <SharePanel plan={state.plan.clone()} dispatch={dispatch.clone()}
                history_kept={history.kept == history::Kept::Saved && history.source.is_some()} on_history={on_history.clone()} />
            <recent::RecentPlans own_key={AttrValue::from(saving.own_key.clone())} plan={state.plan.clone()}
                changes={saving.recent_changes} dispatch={dispatch.clone()} />
            <main id="main" onclick={on_term}>
                if !matches!(*page, Page::Overview | Page::Targets | Page::Learn) {
                    { slos::slo_bar(&state.plan, &on_edit) }
                }
                { match &*derived {
                    Ok(Derived::Targets { report, chart, slos }) => html! { <>
                        <slos::SloList plan={Rc::new(state.plan.clone())} rows={slos.clone()} on_edit={on_edit.clone()} />
                        { targets_page(&TargetsPageProps { plan: state.plan.clone(), report: report.clone(), chart: chart.clone(), on_edit }) }
                    </> },
                    Ok(Derived::Budget { report, chart }) => html! {
                        <>
                            { budget_page(&BudgetPageProps { plan: state.plan.clone(), report: report.clone(), chart: chart.clone(), on_edit: on_edit.clone() }) }
                            { history::budget_card(&state.plan, &history, &on_edit) }
                        </>
                    },
                    Ok(Derived::Alerts { report, charts }) => html! {
                        <>
                            { alerts::alerts_page(&alerts::AlertsPageProps { plan: state.plan.clone(), report: report.clone(),
                                charts: charts.clone(), on_edit: on_edit.clone() }) }
                            <history::HistoryPanel view={history.clone()} on_action={on_history.clone()} on_edit={on_edit.clone()} />
                        </>
                    },
                    Ok(Derived::Capacity { report }) => html! {
                        <>
                            { capacity::capacity_page(&capacity::CapacityPageProps { spec: Rc::new(state.plan.capacity.clone()),
                                report: report.clone(), on_edit: on_edit.clone() }) }
                            { history::capacity_card(&state.plan, &history, &on_edit) }
                        </>
                    },
                    Ok(Derived::Risk { report, negotiation }) => html! {
                        { risk::risk_page(&risk::RiskPageProps { plan: Rc::new(state.plan.clone()), spec: Rc::new(state.plan.risk.clone()), slo_percent: state.plan.slo().target_percent,
                            window_seconds: report.study.variants[0].risk.model.window(), report: report.clone(), negotiation: negotiation.clone(), on_edit }) }
                    },
                    Ok(Derived::Learn) => learn::learn_page(&lessons, &on_lesson, &on_try),
                    Ok(Derived::Overview { report }) => html! { <overview::Overview report={report.clone()} plan={Rc::new(state.plan.clone())} /> },
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

/// Another tab saved a different plan: this tab keeps its own unless the user opens
/// that one.
fn other_tab_notice(
    other: &Rc<hooks::OtherTab>,
    dispatch: &Callback<Action>,
    keep_own: &Callback<()>,
) -> Html {
    let open = {
        let (plan, dispatch, keep_own) = (other.plan.clone(), dispatch.clone(), keep_own.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Open {
                plan: Box::new(plan.clone()),
                source: Source::OtherTab,
            });
            keep_own.emit(());
        })
    };
    let keep = keep_own.reform(|_: MouseEvent| ());
    html! {
        <div class="notice info" role="status" data-testid="other-tab">
            <p>{ format!(
                "Another tab changed its plan, \u{201c}{}\u{201d} ({}). This tab keeps its own plan unless you open that one; both are kept in Recent plans.",
                other.plan.service,
                slo_plan::recent::when(other.saved_ms)
            ) }</p>
            <button type="button" data-testid="other-tab-open" onclick={open}>{ "Open the other tab's plan" }</button>
            <button type="button" data-testid="other-tab-keep" onclick={keep}>{ "Keep this tab's plan" }</button>
        </div>
    }
}

/// Mounts [`App`] on the element with id `app` (or the body when there is none).
pub fn mount() {
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
    // The app started: the message index.html shows if it does not is not needed, nor
    // the preview of the default plan shown while it loaded (the app's first render
    // comes before the page is next painted).
    for shown_until_now in ["boot", "preview"] {
        if let Some(element) = document.get_element_by_id(shown_until_now) {
            element.remove();
        }
    }
    browser::register_offline_worker();
}
