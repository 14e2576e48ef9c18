//! What is wrong with an SLO's own counters, read by Prometheus's grammar in the PromQL
//! worker ([`crate::promql`]), said under the fields.

use super::worker_bridge::SILENT_MS;
use crate::promql::{loader, Codec, PromqlWorker, Read, Selectors};
use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

/// Properties of [`SelectorCheck`].
#[derive(Properties, PartialEq)]
pub struct SelectorCheckProps {
    /// The bad (or good) events counter's selector.
    pub numerator: AttrValue,
    /// The all events counter's selector.
    pub total: AttrValue,
}

/// What the worker said.
#[derive(Clone, PartialEq)]
enum Checked {
    /// Asked about these selectors, no answer yet.
    Waiting(Selectors),
    /// Its answer.
    Read(Read),
    /// It did not answer within [`SILENT_MS`].
    Silent,
}

/// Asks the PromQL worker (spawned on first use) to read both selectors whenever they
/// change and shows what is wrong with them; an answer about earlier text is not shown.
#[function_component]
pub fn SelectorCheck(props: &SelectorCheckProps) -> Html {
    let asked = Selectors {
        numerator: props.numerator.to_string(),
        total: props.total.to_string(),
    };
    let checked = use_state_eq(|| Checked::Waiting(asked.clone()));
    let bridge = use_mut_ref(|| None::<WorkerBridge<PromqlWorker>>);
    {
        let checked = checked.clone();
        use_effect_with(asked.clone(), move |asked| {
            checked.set(Checked::Waiting(asked.clone()));
            let mut bridge = bridge.borrow_mut();
            let bridge = bridge.get_or_insert_with(|| {
                let checked = checked.clone();
                PromqlWorker::spawner()
                    .callback(move |read: Read| checked.set(Checked::Read(read)))
                    .encoding::<Codec>()
                    .spawn_with_loader(&loader())
            });
            bridge.send(asked.clone());
            let silent = {
                let (checked, asked) = (checked.clone(), asked.clone());
                Timeout::new(SILENT_MS as u32, move || {
                    if *checked == Checked::Waiting(asked) {
                        checked.set(Checked::Silent);
                    }
                })
            };
            move || drop(silent)
        });
    }
    match &*checked {
        Checked::Read(read) if read.asked == asked => {
            let problems: Vec<String> = [
                ("The bad (or good) events counter", &read.numerator),
                ("The all events counter", &read.total),
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
            <p class="hint" data-testid="selector-unchecked">{ "The counters could not be checked: the PromQL worker did not answer (reloading the page fixes that after a new version)." }</p>
        },
        _ => html! {},
    }
}
