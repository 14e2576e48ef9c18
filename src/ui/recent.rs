//! The list of recent plans: each tab's last plan and what was kept aside, reopened,
//! downloaded or removed from here.

use super::browser;
use super::state::{Action, Source};
use gloo::timers::callback::Timeout;
use slo_plan::recent::{self, Kind};
use slo_plan::Plan;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`RecentPlans`].
#[derive(Properties, PartialEq)]
pub struct RecentPlansProps {
    /// This tab's own key (its entry is marked, and not removable).
    pub own_key: AttrValue,
    /// This tab's plan (its entry follows it).
    pub plan: Plan,
    /// Counts other tabs' changes to the list.
    pub changes: u32,
    /// Sends actions to the app state.
    pub dispatch: Callback<Action>,
}

/// The recent plans, read from storage while the list is open.
#[function_component]
pub fn RecentPlans(props: &RecentPlansProps) -> Html {
    let open = use_state_eq(|| false);
    let removed = use_state_eq(|| 0_u32);
    let entries = use_state_eq(|| Rc::new(Vec::new()));
    {
        // Read once the app's own effects have saved what this render shows (they run
        // after this component's).
        let entries = entries.clone();
        use_effect_with(
            (*open, props.changes, *removed, props.plan.clone()),
            move |(open, ..)| {
                let read = open.then(|| {
                    Timeout::new(0, move || {
                        entries.set(Rc::new(recent::list(&browser::entries(recent::PREFIX))))
                    })
                });
                move || drop(read)
            },
        );
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            open.set(
                event
                    .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            );
        })
    };
    let rows = entries.iter().enumerate().map(|(i, entry)| {
        let own = *entry.key == *props.own_key;
        let open_button = match (&entry.plan, own) {
            (Ok(plan), false) => {
                let (plan, dispatch) = (plan.clone(), props.dispatch.clone());
                let onclick = Callback::from(move |_: MouseEvent| {
                    dispatch.emit(Action::Open {
                        plan: Box::new(plan.clone()),
                        source: Source::Recent,
                    });
                });
                html! { <button type="button" data-testid={format!("recent-{i}-open")} {onclick}>{ "Open" }</button> }
            }
            (Err(_), _) => {
                let (text, name) = (entry.text.clone(), format!("kept-plan-{}.json", i + 1));
                let onclick =
                    Callback::from(move |_: MouseEvent| browser::download(&name, "application/json", &text));
                html! { <button type="button" data-testid={format!("recent-{i}-download")} {onclick}>{ "Download" }</button> }
            }
            (Ok(_), true) => html! { <span class="hint">{ "this tab" }</span> },
        };
        let remove = (!own).then(|| {
            let (key, removed) = (entry.key.clone(), removed.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                browser::remove(&key);
                removed.set(*removed + 1);
            });
            html! { <button type="button" data-testid={format!("recent-{i}-remove")} {onclick}>{ "Remove" }</button> }
        });
        let problem = entry.plan.as_ref().err().map(|why| html! { <span class="hint">{ " " }{ why }</span> });
        html! {
            <li data-testid={format!("recent-{i}")} data-kind={kind_name(entry.kind)}>
                <strong>{ entry.title() }</strong>
                { format!(" · {} · {}", entry.saved(), entry.reason()) }
                { for problem }
                { " " }{ open_button }{ for remove }
            </li>
        }
    });
    html! {
        <details class="recent" data-testid="recent-plans" ontoggle={on_toggle}>
            <summary>{ "Recent plans" }</summary>
            <p class="hint">{ format!(
                "This browser keeps the last plan of each of your {} most recent tabs, and every plan a link or an import replaced until you remove it. Times are UTC.",
                recent::KEEP_TABS
            ) }</p>
            if *open && entries.is_empty() {
                <p data-testid="recent-none">{ "Nothing is kept yet (or this browser keeps nothing)." }</p>
            }
            <ul>{ for rows }</ul>
        </details>
    }
}

/// The `data-kind` of an entry, for tests and styles.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Tab => "tab",
        Kind::Replaced => "replaced",
        Kind::Unreadable => "unreadable",
    }
}
