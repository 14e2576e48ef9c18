//! The Web Worker for rarely used work: the OpenSLO and Sloth exports, the OpenSLO
//! import (with its YAML reader) and the Markdown report. It is a second binary
//! (`src/bin/worker.rs`), fetched the first time one of these is asked for, so none of
//! this code is in the download the first result waits for, and none of it runs on the
//! main thread.
//!
//! Messages travel as JSON, written and read by the plan's own JSON functions, so the
//! page carries one serde_json writer and reader for the plan, not two.

use gloo::worker::{Codec, HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use slo_plan::export::openslo::{self, Imported};
use slo_plan::export::sloth;
use slo_plan::report::markdown;
use slo_plan::Plan;
use wasm_bindgen::JsValue;

/// Where the worker's loader is, relative to the page (Trunk writes it beside the app).
pub const LOADER: &str = "./slo-worker_loader.js";

/// What the page asks the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The plan as OpenSLO v1 documents and as a Sloth spec.
    Exports {
        /// The plan.
        plan: Plan,
    },
    /// OpenSLO documents read into `base`.
    Import {
        /// The pasted text.
        text: String,
        /// The plan the import fills in.
        base: Plan,
    },
    /// The plan's Markdown report, to be downloaded as `file_name`.
    Report {
        /// The plan.
        plan: Plan,
        /// The download's file name.
        file_name: String,
    },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The OpenSLO documents and the Sloth spec, or why the plan cannot be exported.
    Exports(Result<Exports, String>),
    /// The imported plan with its notes, or why the text could not be imported.
    Import(Result<Box<Imported>, String>),
    /// The report's text and the file name it was asked for.
    Report {
        /// The download's file name.
        file_name: String,
        /// The Markdown, or why the plan cannot be reported.
        text: String,
    },
}

/// A plan's exports for other tools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exports {
    /// OpenSLO v1 YAML documents.
    pub openslo: String,
    /// A Sloth `prometheus/v1` spec.
    pub sloth: String,
}

/// The answer to `request`.
pub fn answer(request: Request) -> Response {
    match request {
        Request::Exports { plan } => Response::Exports(
            plan.validate()
                .map(|valid| Exports {
                    openslo: openslo::openslo(&plan, &valid),
                    sloth: sloth::sloth(&plan, &valid),
                })
                .map_err(|e| format!("This plan cannot be exported: {e}")),
        ),
        Request::Import { text, base } => Response::Import(openslo::import(&text, &base).map(Box::new)),
        Request::Report { plan, file_name } => Response::Report {
            file_name,
            text: match plan.validate() {
                Ok(valid) => markdown::report(&plan, &valid),
                Err(e) => format!("This plan cannot be reported: {e}"),
            },
        },
    }
}

/// The worker: answers each request in turn.
pub struct PlanWorker;

impl Worker for PlanWorker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        PlanWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Request, id: HandlerId) {
        scope.respond(id, answer(request));
    }
}

/// Messages as JSON text.
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&slo_plan::json::to_string(&input))
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        // Only this app's own page and worker exchange messages, each written by
        // `encode` from the same types.
        slo_plan::json::from_str(&text).expect("a message of this build")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_worker_answers_what_the_page_asks() {
        let plan = Plan::default();
        let Response::Exports(Ok(exports)) = answer(Request::Exports { plan: plan.clone() }) else {
            panic!("no exports")
        };
        assert!(exports.openslo.contains("kind: SLO"));
        assert!(exports.sloth.contains("prometheus/v1"));
        let Response::Import(Ok(imported)) = answer(Request::Import {
            text: exports.openslo,
            base: plan.clone(),
        }) else {
            panic!("the export does not import")
        };
        assert_eq!(imported.plan.target_percent, plan.target_percent);
        let Response::Report { file_name, text } = answer(Request::Report {
            plan,
            file_name: "x.md".to_owned(),
        }) else {
            panic!("no report")
        };
        assert_eq!(file_name, "x.md");
        assert!(text.starts_with("# SLO plan: my-service"));
    }

    #[test]
    fn messages_survive_the_codec_text() {
        let request = Request::Import {
            text: "kind: SLO".to_owned(),
            base: Plan::default(),
        };
        let text = slo_plan::json::to_string(&request);
        assert_eq!(slo_plan::json::from_str::<Request>(&text).unwrap(), request);
    }
}
