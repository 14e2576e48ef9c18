//! What is wrong with an SLO's own counters, read by Prometheus's grammar in the worker
//! (`crate::worker::selector_problem`), said under the fields.

use super::worker_bridge::use_plan_worker;
use crate::worker::{Request, Response};
use yew::prelude::*;

/// Properties of [`SelectorCheck`].
#[derive(Properties, PartialEq)]
pub struct SelectorCheckProps {
    /// The bad (or good) events counter's selector.
    pub numerator: AttrValue,
    /// The all events counter's selector.
    pub total: AttrValue,
}

/// What the worker said of which texts.
#[derive(Clone, PartialEq)]
enum Checked {
    /// Nothing yet.
    Waiting,
    /// Each selector with its problem, if any.
    Read((String, Option<String>), (String, Option<String>)),
    /// The worker did not answer.
    Silent,
}

/// Asks the worker to read both selectors whenever they change and shows what is
/// wrong with them; an answer about earlier text is not shown.
#[function_component]
pub fn SelectorCheck(props: &SelectorCheckProps) -> Html {
    let checked = use_state_eq(|| Checked::Waiting);
    let on_response = {
        let checked = checked.clone();
        Callback::from(move |response: Response| {
            if let Response::Selectors { numerator, total } = response {
                checked.set(Checked::Read(numerator, total));
            }
        })
    };
    let on_silent = {
        let checked = checked.clone();
        Callback::from(move |()| checked.set(Checked::Silent))
    };
    let ask = use_plan_worker(on_response, on_silent);
    use_effect_with(
        (props.numerator.clone(), props.total.clone()),
        move |(numerator, total)| {
            ask.emit(Request::CheckSelectors {
                numerator: numerator.to_string(),
                total: total.to_string(),
            });
        },
    );
    match &*checked {
        Checked::Read((n, n_problem), (t, t_problem)) if *n == *props.numerator && *t == *props.total => {
            let problems: Vec<String> = [
                ("The bad (or good) events counter", n_problem),
                ("The all events counter", t_problem),
            ]
            .into_iter()
            .filter_map(|(name, p)| p.as_ref().map(|p| format!("{name}: {p}")))
            .collect();
            if problems.is_empty() {
                html! { <p class="hint" data-testid="selector-ok">{ "Both counters read as PromQL selectors." }</p> }
            } else {
                html! {
                    <div class="notice error" role="alert" data-testid="selector-error">
                        { for problems.iter().map(|p| html! { <p>{ p }</p> }) }
                        <p>{ "Prometheus would refuse the rules below until this is fixed." }</p>
                    </div>
                }
            }
        }
        Checked::Silent => html! {
            <p class="hint" data-testid="selector-unchecked">{ "The counters could not be checked: the worker did not answer (reloading the page fixes that after a new version)." }</p>
        },
        _ => html! {},
    }
}
