//! Sharing: copy the link, export the plan as JSON, a Markdown report or OpenSLO,
//! import a file or pasted text.

use super::browser;
use super::history::{self, HistoryAction};
use super::openslo::{ImportOutcome, OpenSloPanel};
use super::state::{Action, Source};
use super::worker_bridge::use_plan_worker;
use crate::worker::{Request, Response};
use gloo::file::callbacks::FileReader;
use gloo::file::File;
use slo_plan::document::plan_to_json_with;
use slo_plan::{link, open_file, open_pasted, Plan};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The plan to share.
    pub plan: Plan,
    /// Sends actions to the app state.
    pub dispatch: Callback<Action>,
    /// Whether an observed history is kept beside the plan (it may go in the export).
    pub history_kept: bool,
    /// Reads the history an imported plan carries.
    pub on_history: Callback<HistoryAction>,
}

/// Opens what `open` made of imported `text`, or says why not; the history a JSON
/// document carries beside its plan goes to `on_history`.
fn import(
    text: &str,
    opened: Result<Plan, slo_plan::document::LoadError>,
    dispatch: &Callback<Action>,
    on_history: &Callback<HistoryAction>,
) {
    match opened {
        Ok(plan) => {
            dispatch.emit(Action::Open {
                plan: Box::new(plan),
                source: Source::Import,
            });
            match slo_plan::document::history_from_json(text.trim()) {
                Ok(Some(stored)) => on_history.emit(HistoryAction::Restore(stored)),
                Ok(None) => {}
                Err(why) => on_history.emit(HistoryAction::Unreadable(why)),
            }
        }
        Err(error) => dispatch.emit(Action::Refused {
            reason: error.to_string(),
            source: Source::Import,
        }),
    }
}

/// The share bar: link, copy, export, import.
#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let link_url = (*use_memo(props.plan.clone(), |plan| {
        browser::url_with_fragment(&link::encode(plan))
    }))
    .clone();
    let copied = use_state_eq(|| None::<&'static str>);
    // The paste box is the browser's own: its text is read when it is opened, so even a
    // megabyte pasted into it costs nothing per keystroke.
    let pasted = use_node_ref();
    let reader = use_mut_ref(|| None::<FileReader>);
    {
        let copied = copied.clone();
        use_effect_with(props.plan.clone(), move |_| copied.set(None));
    }
    let on_copy = {
        let (copied, url) = (copied.clone(), link_url.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, url) = (copied.clone(), url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match browser::copy_text(&url).await {
                    Ok(()) => "Link copied.",
                    Err(()) => "The browser refused the clipboard: select the link and copy it.",
                }));
            });
        })
    };
    let with_history = use_node_ref();
    let on_export = {
        let (plan, with_history) = (props.plan.clone(), with_history.clone());
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.slo-plan.json", sanitize(&plan.service));
            let history = with_history
                .cast::<HtmlInputElement>()
                .is_some_and(|c| c.checked())
                .then(history::kept)
                .flatten();
            browser::download(
                &name,
                "application/json",
                &plan_to_json_with(&plan, history.as_ref()),
            );
        })
    };
    // The worker's answers: the report is downloaded, the exports and the import's
    // outcome go to the OpenSLO panel.
    let exports = use_state_eq(|| None::<Result<crate::worker::Exports, String>>);
    // A worker that does not answer (it failed to load) is said in the share bar, until
    // it does.
    let silent = use_state_eq(|| false);
    let imported = use_state_eq(|| None::<ImportOutcome>);
    let on_response = {
        let (exports, imported, dispatch) = (exports.clone(), imported.clone(), props.dispatch.clone());
        let silent = silent.clone();
        Callback::from(move |response: Response| {
            silent.set(false);
            match response {
                Response::Report { file_name, text } => browser::download(&file_name, "text/markdown", &text),
                Response::Exports(result) => exports.set(Some(result)),
                Response::Import(Ok(import)) => {
                    imported.set(Some(ImportOutcome::Imported(import.notes)));
                    dispatch.emit(Action::Open {
                        plan: Box::new(import.plan),
                        source: Source::Import,
                    });
                }
                Response::Import(Err(error)) => imported.set(Some(ImportOutcome::Refused(error))),
                // The study's answers go to the Risk page's own workers, never to this one.
                _ => {}
            }
        })
    };
    let on_silent = {
        let silent = silent.clone();
        Callback::from(move |()| silent.set(true))
    };
    let ask = use_plan_worker(on_response, on_silent);
    let on_report = {
        let (plan, ask) = (props.plan.clone(), ask.clone());
        Callback::from(move |_: MouseEvent| {
            ask.emit(Request::Report {
                plan: plan.clone(),
                file_name: format!("{}.slo-report.md", sanitize(&plan.service)),
            });
        })
    };
    let on_file = {
        let (dispatch, reader, on_history) =
            (props.dispatch.clone(), reader.clone(), props.on_history.clone());
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let dispatch = dispatch.clone();
            let file = File::from(file);
            if file.size() > slo_plan::document::MAX_WITH_HISTORY_BYTES as u64 {
                dispatch.emit(Action::Refused {
                    reason: format!(
                        "the file is {} bytes; a plan with its history is at most {}.",
                        file.size(),
                        slo_plan::document::MAX_WITH_HISTORY_BYTES
                    ),
                    source: Source::Import,
                });
                return;
            }
            let on_history = on_history.clone();
            *reader.borrow_mut() = Some(gloo::file::callbacks::read_as_text(
                &file,
                move |result| match result {
                    Ok(text) => import(&text, open_file(&text), &dispatch, &on_history),
                    Err(error) => dispatch.emit(Action::Refused {
                        reason: format!("the file could not be read ({error})."),
                        source: Source::Import,
                    }),
                },
            ));
        })
    };
    let on_open_pasted = {
        let (pasted, dispatch, on_history) =
            (pasted.clone(), props.dispatch.clone(), props.on_history.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = pasted.cast::<HtmlTextAreaElement>().map(|t| t.value()) {
                import(&text, open_pasted(&text), &dispatch, &on_history);
            }
        })
    };
    html! {
        <section class="share" aria-label="Share this plan">
            <div class="share-link">
                <label for="share-url">{ "Link to this plan" }</label>
                <input id="share-url" type="text" readonly=true value={link_url.clone()} data-testid="share-url"
                    onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())} />
                <button type="button" data-testid="copy-link" onclick={on_copy}>{ "Copy link" }</button>
                <span class="status" role="status" data-testid="copy-status">{ copied.unwrap_or("") }</span>
            </div>
            <div class="share-files">
                <button type="button" data-testid="export-json" onclick={on_export}>{ "Export JSON" }</button>
                if props.history_kept {
                    <label class="check"><input type="checkbox" ref={with_history} data-testid="export-with-history" />
                        { " with the observed history" }</label>
                }
                <button type="button" data-testid="export-markdown" onclick={on_report}>{ "Markdown report" }</button>
                <label class="file-button">
                    { "Import file…" }
                    <input type="file" accept=".json,application/json" data-testid="import-file" onchange={on_file} />
                </label>
                <details class="paste">
                    <summary>{ "Paste a plan" }</summary>
                    <label for="import-text">{ "Plan JSON or link" }</label>
                    <textarea id="import-text" rows="4" data-testid="import-text" ref={pasted} />
                    <button type="button" data-testid="import-open" onclick={on_open_pasted}>{ "Open pasted plan" }</button>
                </details>
                <OpenSloPanel plan={props.plan.clone()} ask={ask} exports={(*exports).clone()} imported={(*imported).clone()}
                    file_stem={sanitize(&props.plan.service)} />
            </div>
            if *silent {
                <p class="notice error" role="alert" data-testid="share-silent">{ format!(
                    "The Markdown report and the OpenSLO and Sloth files are written by a part of the app that did not answer for {} seconds: it may have failed to load (right after a new version was deployed, reloading the page fixes that). The link and the JSON export work without it.",
                    super::worker_bridge::SILENT_MS / 1000.0
                ) }</p>
            }
            <p class="hint">{ "The plan lives in the link after #, which browsers never send to a server, and in this browser's storage." }</p>
        </section>
    }
}

/// A file-name-safe version of a service name.
fn sanitize(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.trim_matches('-').is_empty() {
        "plan".to_owned()
    } else {
        cleaned
    }
}
