//! OpenSLO and Sloth: the plan's SLO as OpenSLO v1 documents to read, copy or download,
//! a Sloth spec to download, and OpenSLO documents pasted in to open as a plan. The
//! worker writes and reads them; the panel asks for the exports when it is opened and
//! whenever the plan changes while it is open.

use super::browser;
use crate::worker::{Exports, Request};
use slo_plan::Plan;
use web_sys::{HtmlDetailsElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the last import said: why it failed, or what it could not carry over.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// The text was not opened, and why.
    Refused(String),
    /// The text was opened as a plan; what did not fit.
    Imported(Vec<String>),
}

/// Properties of [`OpenSloPanel`].
#[derive(Properties, PartialEq)]
pub struct OpenSloPanelProps {
    /// The plan to export, and the base an import fills in.
    pub plan: Plan,
    /// Sends a request to the worker.
    pub ask: Callback<Request>,
    /// The worker's latest exports of the plan, once asked for.
    pub exports: Option<Result<Exports, String>>,
    /// What the last import said.
    pub imported: Option<ImportOutcome>,
    /// The file-name-safe service name downloads are named after.
    pub file_stem: AttrValue,
}

/// The OpenSLO and Sloth panel.
#[function_component]
pub fn OpenSloPanel(props: &OpenSloPanelProps) -> Html {
    let open = use_state_eq(|| false);
    let pasted = use_state(String::new);
    {
        let ask = props.ask.clone();
        use_effect_with((props.plan.clone(), *open), move |(plan, open)| {
            if *open {
                ask.emit(Request::Exports { plan: plan.clone() });
            }
        });
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            open.set(event.target_unchecked_into::<HtmlDetailsElement>().open())
        })
    };
    let (openslo, sloth, problem) = match &props.exports {
        Some(Ok(e)) => (Some(e.openslo.clone()), Some(e.sloth.clone()), None),
        Some(Err(message)) => (None, None, Some(message.clone())),
        None => (None, None, None),
    };
    let download = |name: String, text: Option<String>| {
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = &text {
                browser::download(&name, "application/yaml", text);
            }
        })
    };
    let ready = openslo.is_some();
    let on_openslo = download(format!("{}.openslo.yaml", props.file_stem), openslo.clone());
    let on_sloth = download(format!("{}.sloth.yaml", props.file_stem), sloth);
    let on_input = {
        let pasted = pasted.clone();
        Callback::from(move |event: InputEvent| {
            pasted.set(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_import = {
        let (pasted, ask, base) = (pasted.clone(), props.ask.clone(), props.plan.clone());
        Callback::from(move |_: MouseEvent| {
            ask.emit(Request::Import {
                text: (*pasted).clone(),
                base: base.clone(),
            });
        })
    };
    html! {
        <details class="openslo" data-testid="openslo-panel" ontoggle={on_toggle}>
            <summary>{ "OpenSLO and Sloth" }</summary>
            <div class="openslo-export">
                <label for="export-openslo">{ "This plan as OpenSLO v1" }</label>
                if let Some(message) = problem {
                    <p class="error" role="alert">{ message }</p>
                }
                <textarea id="export-openslo" class="code" rows="10" readonly=true data-testid="export-openslo"
                    data-ready={ready.to_string()} value={openslo.unwrap_or_else(|| "Writing the documents…".to_owned())} />
                <p class="row-buttons">
                    <button type="button" data-testid="download-openslo" disabled={!ready} onclick={on_openslo}>{ "Download OpenSLO" }</button>
                    <button type="button" data-testid="download-sloth" disabled={!ready} onclick={on_sloth}>{ "Download Sloth spec" }</button>
                </p>
            </div>
            <div class="openslo-import">
                <label for="import-openslo">{ "OpenSLO documents to open as a plan" }</label>
                <textarea id="import-openslo" class="code" rows="6" data-testid="import-openslo" value={(*pasted).clone()} oninput={on_input}
                    placeholder="apiVersion: openslo/v1\nkind: SLO\n…" />
                <button type="button" data-testid="import-openslo-open" onclick={on_import}>{ "Open OpenSLO" }</button>
                { match &props.imported {
                    Some(ImportOutcome::Refused(error)) => html! {
                        <p class="error" role="alert" data-testid="openslo-error">{ error.clone() }</p>
                    },
                    Some(ImportOutcome::Imported(notes)) if notes.is_empty() => html! {
                        <p class="hint" role="status" data-testid="openslo-notes">{ "Everything in the documents was carried over." }</p>
                    },
                    Some(ImportOutcome::Imported(notes)) => html! {
                        <ul class="warnings" role="status" data-testid="openslo-notes">
                            { for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                        </ul>
                    },
                    None => html! {},
                } }
            </div>
        </details>
    }
}
