//! Observed history: pasted, dropped or one of the samples, read and replayed in the
//! worker, shown on the Alerts page (what the tiers would have done) and the Budget
//! page (the budget it spent, the incidents in it). The history is kept in this
//! browser beside the autosaved plan when it fits, never in the share link.

use super::browser;
use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{card, choice, TextFieldProps};
use super::worker_bridge::use_plan_worker;
use crate::worker::{history_parts, ReplayAsk, Replayed, Request, Response, HISTORY_PART_BYTES};
use slo_engine::notation::{grouped, human_duration, trim_decimals};
use slo_engine::time::Instant;
use slo_plan::edit::PlanEdit;
use slo_plan::history::Stored;
use slo_plan::replay::{CountingSpec, Detection, Reading, Role};
use slo_plan::report::replay::{self, Prometheus, ReplayReport};
use slo_plan::{input, Plan};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The storage key of the history kept beside the autosaved plan.
const KEY: &str = "slo-planner/history";

/// A replay of the history read shows it is under way only after this long, ms.
const SLOW_MS: u32 = 150;

/// A paste longer than this many characters (UTF-16 units) is read at once rather than
/// put in the box.
const READ_AT_ONCE: usize = 10_000;

/// The samples offered, (file in `samples/`, what it shows).
pub const SAMPLES: [(&str, &str); 3] = [
    ("deploy.json", "a bad deploy"),
    ("slow-burn.csv", "a slow burn"),
    ("low-traffic.json", "a noisy low-traffic service"),
];

/// Where the history stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// None read.
    Empty,
    /// The worker is reading or replaying it.
    Working(String),
    /// It could not be read as chosen.
    Failed(String),
    /// The user stopped the reading.
    Cancelled,
    /// Read and replayed.
    Ready,
}

/// Whether the history is kept in this browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// Nothing to keep.
    Nothing,
    /// Kept beside the autosaved plan.
    Saved,
    /// Not kept, and why.
    NotSaved(String),
}

/// The history as the pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryView {
    /// What it is, e.g. "the sample deploy.json" or "pasted text".
    pub source: Option<String>,
    /// Where it stands.
    pub status: Status,
    /// The last replay, kept while the next one runs.
    pub replayed: Option<Rc<Replayed>>,
    /// How the series are read (`None` until the user chooses: guessed).
    pub reading: Option<Reading>,
    /// How incidents are found.
    pub detection: Detection,
    /// Which Prometheus evaluates the rules.
    pub prometheus: Prometheus,
    /// The offset from UTC of CSV times written without one, minutes.
    pub utc_offset_minutes: i32,
    /// Whether it is kept.
    pub kept: Kept,
    /// The last replay's charts.
    pub charts: Option<Rc<HistoryCharts>>,
    /// Answers shown so far (each replay's answer adds one).
    pub replays: u32,
    /// The worker's time to read the text read last, milliseconds.
    pub read_milliseconds: Option<f64>,
    /// What the share link would grow by if it held the history, characters (`None`
    /// until the text read last is packed).
    pub history_link_chars: Option<usize>,
    job: u32,
}

/// The charts of a replay, built once per report.
#[derive(Clone, PartialEq)]
pub struct HistoryCharts {
    /// The timeline, whose threshold dragged makes a new detection.
    pub timeline: SharedChart<Detection>,
    /// The budget left according to the history.
    pub burn_down: Option<SharedChart>,
}

impl HistoryCharts {
    fn of(report: &ReplayReport) -> Self {
        HistoryCharts {
            timeline: SharedChart::from(replay::timeline_chart(report)),
            burn_down: replay::burn_down_chart(report).map(SharedChart::from),
        }
    }
}

impl std::fmt::Debug for HistoryCharts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HistoryCharts").finish_non_exhaustive()
    }
}

impl HistoryView {
    /// The replay's report, when the history read as chosen.
    pub fn report(&self) -> Option<&ReplayReport> {
        self.replayed.as_ref()?.report.as_ref().ok()
    }
}

/// What the user does with the history.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryAction {
    /// Reads `text`, called `name`.
    Text {
        /// The text.
        text: String,
        /// What it is.
        name: String,
    },
    /// Fetches and reads a sample (a file of `samples/`).
    Sample(String),
    /// Reads the series this way.
    Reading(Reading),
    /// Finds incidents this way.
    Detection(Detection),
    /// Evaluates as this Prometheus.
    Prometheus(Prometheus),
    /// Reads CSV times at this offset, minutes.
    Offset(i32),
    /// Reads a history carried by an imported plan.
    Restore(Stored),
    /// An imported plan's history could not be read, and why.
    Unreadable(String),
    /// Stops the reading under way.
    Cancel,
    /// Forgets the history.
    Clear,
}

/// What changes the history's state: the worker's answers and the user's settings.
pub enum Msg {
    /// Job `job` is asked; a `quiet` one (a replay of the history read) shows nothing
    /// until it is slow.
    Start {
        job: u32,
        source: Option<String>,
        stage: String,
        quiet: bool,
    },
    /// Quiet job `job` is still unanswered: it shows it is under way.
    Slow { job: u32 },
    /// Job `job`'s text is read: its samples, in `milliseconds` of the worker's time.
    Read {
        job: u32,
        samples: usize,
        milliseconds: f64,
    },
    /// Job `job`'s text is packed: `chars` long, what the share link would grow by.
    Packed { job: u32, chars: usize },
    /// Job `job` is answered.
    Done {
        job: u32,
        result: Result<Box<Replayed>, String>,
    },
    /// A setting changes.
    Settings(Box<dyn FnOnce(&mut HistoryView)>),
    /// The history is kept, or not.
    Kept(Kept),
    /// The jobs before `job` are dropped.
    Cancel { job: u32 },
    /// The history is forgotten, and the jobs before `job` dropped.
    Clear { job: u32 },
}

impl Reducible for HistoryView {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            // A replay of the history shown keeps it shown, with nothing to draw until its
            // answer: an edit costs one render, not two, and nothing flickers.
            Msg::Start { quiet: true, .. } if self.status == Status::Ready => return self,
            Msg::Slow { job } if job > self.job && self.status == Status::Ready => {
                next.job = job;
                next.status = Status::Working("Replaying the tiers…".to_owned());
            }
            Msg::Slow { .. } => return self,
            Msg::Start {
                job, source, stage, ..
            } => {
                next.job = job;
                if source.is_some() {
                    next.source = source;
                    next.reading = None;
                    next.read_milliseconds = None;
                    next.history_link_chars = None;
                }
                next.status = Status::Working(stage);
            }
            Msg::Read {
                job,
                samples,
                milliseconds,
            } if job == self.job => {
                next.read_milliseconds = Some(milliseconds);
                next.status = Status::Working(format!(
                    "Read {} samples in {}; replaying the tiers on them…",
                    grouped(samples as f64, 0),
                    read_time(milliseconds)
                ));
            }
            // A quiet job is answered after the jobs its start left current.
            Msg::Done { job, result } if job >= self.job => match result {
                Ok(replayed) => {
                    next.job = job;
                    next.replays += 1;
                    next.status = match &replayed.report {
                        Ok(_) => Status::Ready,
                        Err(why) => Status::Failed(why.clone()),
                    };
                    next.charts = replayed
                        .report
                        .as_ref()
                        .ok()
                        .map(|r| Rc::new(HistoryCharts::of(r)));
                    next.replayed = Some(Rc::from(replayed));
                }
                Err(why) => {
                    next.job = job;
                    next.replays += 1;
                    next.status = Status::Failed(why);
                    next.replayed = None;
                    next.charts = None;
                }
            },
            Msg::Packed { job, chars } if job == self.job => next.history_link_chars = Some(chars),
            Msg::Read { .. } | Msg::Done { .. } | Msg::Packed { .. } => return self,
            Msg::Settings(change) => change(&mut next),
            Msg::Kept(kept) => next.kept = kept,
            Msg::Cancel { job } => {
                // Its answer, when it comes, is for a job no longer asked.
                next.job = job;
                next.status = Status::Cancelled;
            }
            Msg::Clear { job } => {
                next = HistoryView {
                    job,
                    ..HistoryView::default()
                };
            }
        }
        Rc::new(next)
    }
}

impl Default for HistoryView {
    fn default() -> Self {
        HistoryView {
            source: None,
            status: Status::Empty,
            replayed: None,
            reading: None,
            detection: Detection::default(),
            prometheus: Prometheus::default(),
            utc_offset_minutes: browser::utc_offset_minutes(),
            kept: Kept::Nothing,
            charts: None,
            replays: 0,
            read_milliseconds: None,
            history_link_chars: None,
            job: 0,
        }
    }
}

/// The next job's number, counted in `next_job`.
fn bump(next_job: &Rc<std::cell::RefCell<u32>>) -> u32 {
    let mut n = next_job.borrow_mut();
    *n += 1;
    *n
}

/// The job the worker is on, and whether a replay waits for it.
#[derive(Default)]
struct Coalesce {
    in_flight: Option<u32>,
    waiting: bool,
    /// Asks for the waiting replay.
    resend: Option<Rc<dyn Fn()>>,
}

impl Coalesce {
    /// Whether a replay asked now waits for the job under way (and is then marked so).
    fn waits(&mut self) -> bool {
        self.waiting |= self.in_flight.is_some();
        self.waiting
    }

    /// Job `job` is answered: what to call to ask for the replay that waited, if any.
    fn answered(&mut self, job: u32) -> Option<Rc<dyn Fn()>> {
        if self.in_flight != Some(job) {
            return None;
        }
        self.in_flight = None;
        std::mem::take(&mut self.waiting)
            .then(|| self.resend.clone())
            .flatten()
    }

    /// The job under way is dropped, and what waited for it.
    fn cancel(&mut self) {
        (self.in_flight, self.waiting) = (None, false);
    }
}

/// Keeps `stored` beside the autosaved plan, saying whether it fitted.
fn keep(stored: &Stored) -> Kept {
    let text = slo_plan::json::to_string(stored);
    if browser::save(KEY, &text) {
        Kept::Saved
    } else {
        Kept::NotSaved(format!(
            "This browser's storage refused its {} MB, so it is read again only if you paste it again.",
            trim_decimals(text.len() as f64 / 1e6, 1)
        ))
    }
}

/// Asks the worker for `replay`. A text longer than [`HISTORY_PART_BYTES`] goes in
/// parts, a task each, so the page keeps answering; a Cancel or another history
/// (`next_job` moving on) stops it.
fn emit_replay(ask: &Callback<Request>, next_job: &Rc<std::cell::RefCell<u32>>, mut replay: ReplayAsk) {
    if replay.text.as_ref().is_none_or(|t| t.len() <= HISTORY_PART_BYTES) {
        ask.emit(Request::Replay(Box::new(replay)));
        return;
    }
    let text = replay.text.take().unwrap_or_default();
    let (ask, next_job, job) = (ask.clone(), next_job.clone(), replay.job);
    wasm_bindgen_futures::spawn_local(async move {
        let parts = history_parts(&text);
        let Some((last, before)) = parts.split_last() else {
            return;
        };
        for part in before {
            ask.emit(Request::HistoryPart {
                job,
                part: (*part).to_owned(),
            });
            browser::next_task().await;
            if *next_job.borrow() != job {
                return;
            }
        }
        replay.text = Some((*last).to_owned());
        ask.emit(Request::Replay(Box::new(replay)));
    });
}

/// The history kept beside the autosaved plan, if any.
pub fn kept() -> Option<Stored> {
    browser::load(KEY).and_then(|t| slo_plan::json::from_str::<Stored>(&t).ok())
}

/// Fetches sample `file` from the app's own `samples/`.
async fn fetch_sample(file: &str) -> Result<String, String> {
    let window = gloo::utils::window();
    let failed =
        |e: wasm_bindgen::JsValue| format!("The sample could not be fetched ({e:?}); are you offline?");
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&format!("./samples/{file}")))
        .await
        .map_err(failed)?
        .dyn_into::<web_sys::Response>()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("The sample answered HTTP {}.", response.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(text.as_string().unwrap_or_default())
}

/// The history's state and what the user does with it; the worker reads and replays,
/// again whenever the plan or a setting changes.
#[hook]
pub fn use_history(plan: &Plan) -> (Rc<HistoryView>, Callback<HistoryAction>) {
    let view = use_reducer(HistoryView::default);
    // The name and offset of a text sent to be read, to keep it under once the worker
    // has packed it.
    let to_keep = use_mut_ref(|| None::<(String, i32)>);
    // Replays asked while one runs (a threshold dragged, a field typed in) wait for it
    // and go as one, with the settings then in force: the worker never queues a backlog.
    let coalesce = use_mut_ref(Coalesce::default);
    let on_response = {
        let (dispatcher, to_keep, coalesce) = (view.dispatcher(), to_keep.clone(), coalesce.clone());
        Callback::from(move |response: Response| match response {
            Response::ReplayRead {
                job,
                samples,
                milliseconds,
            } => dispatcher.dispatch(Msg::Read {
                job,
                samples,
                milliseconds,
            }),
            Response::Replayed { job, result } => {
                let again = coalesce.borrow_mut().answered(job);
                if let Some(resend) = again {
                    resend();
                }
                if result.is_err() {
                    // The text did not read: nothing of it is to be kept.
                    to_keep.borrow_mut().take();
                }
                dispatcher.dispatch(Msg::Done { job, result });
            }
            Response::Packed { job, packed, chars } => {
                if let (Some(packed), Some((name, utc_offset_minutes))) =
                    (packed, to_keep.borrow_mut().take())
                {
                    dispatcher.dispatch(Msg::Kept(keep(&Stored {
                        name,
                        sample: None,
                        packed: Some(packed),
                        utc_offset_minutes,
                    })));
                }
                dispatcher.dispatch(Msg::Packed { job, chars });
            }
            _ => {}
        })
    };
    let on_silent = {
        let dispatcher = view.dispatcher();
        Callback::from(move |()| {
            dispatcher.dispatch(Msg::Settings(Box::new(|v: &mut HistoryView| {
                if matches!(v.status, Status::Working(_)) {
                    v.status =
                        Status::Failed("The worker did not answer; reload the page to try again.".to_owned());
                }
            })));
        })
    };
    let ask = use_plan_worker(on_response, on_silent);
    let next_job = use_mut_ref(|| 0_u32);
    let loaded = use_mut_ref(|| false);
    let latest = use_mut_ref(|| (plan.clone(), (*view).clone()));
    *latest.borrow_mut() = (plan.clone(), (*view).clone());
    // Sends the history's text (or none: the one kept) to be read and replayed.
    let send = {
        let (ask, dispatcher, next_job, latest, loaded) = (
            ask.clone(),
            view.dispatcher(),
            next_job.clone(),
            latest.clone(),
            loaded.clone(),
        );
        let coalesce = coalesce.clone();
        Rc::new(
            move |text: Option<String>, packed: bool, source: Option<String>| {
                if text.is_none() && coalesce.borrow_mut().waits() {
                    return;
                }
                let job = bump(&next_job);
                let (plan, view) = latest.borrow().clone();
                let stage = if text.is_some() {
                    "Reading the history…"
                } else {
                    "Replaying the tiers…"
                };
                let fresh = text.is_some();
                if fresh {
                    *loaded.borrow_mut() = true;
                }
                dispatcher.dispatch(Msg::Start {
                    job,
                    source,
                    stage: stage.to_owned(),
                    quiet: !fresh,
                });
                if !fresh {
                    let dispatcher = dispatcher.clone();
                    gloo::timers::callback::Timeout::new(SLOW_MS, move || {
                        dispatcher.dispatch(Msg::Slow { job })
                    })
                    .forget();
                }
                coalesce.borrow_mut().in_flight = Some(job);
                emit_replay(
                    &ask,
                    &next_job,
                    ReplayAsk {
                        job,
                        text,
                        packed,
                        utc_offset_minutes: view.utc_offset_minutes,
                        reading: if fresh { None } else { view.reading.clone() },
                        plan,
                        detection: view.detection,
                        prometheus: view.prometheus,
                    },
                );
            },
        )
    };
    coalesce.borrow_mut().resend = Some({
        let send = send.clone();
        Rc::new(move || send(None, false, None))
    });
    let fetch_and_send = {
        let (send, dispatcher, next_job) = (send.clone(), view.dispatcher(), next_job.clone());
        Rc::new(move |file: String| {
            let (send, dispatcher, next_job) = (send.clone(), dispatcher.clone(), next_job.clone());
            // A fetch overtaken by a Cancel or another history reads nothing.
            let asked = *next_job.borrow();
            wasm_bindgen_futures::spawn_local(async move {
                let fetched = fetch_sample(&file).await;
                if *next_job.borrow() != asked {
                    return;
                }
                match fetched {
                    Ok(text) => send(Some(text), false, Some(format!("the sample {file}"))),
                    Err(why) => dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                        v.status = Status::Failed(why);
                    }))),
                }
            });
        })
    };
    // Reads a history as stored, marked kept as `kept` says.
    let restore = {
        let (send, fetch_and_send, dispatcher, next_job) = (
            send.clone(),
            fetch_and_send.clone(),
            view.dispatcher(),
            next_job.clone(),
        );
        Rc::new(move |stored: Stored, kept: Kept| {
            let offset = stored.utc_offset_minutes;
            dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                v.utc_offset_minutes = offset
            })));
            dispatcher.dispatch(Msg::Kept(kept));
            match (stored.sample, stored.packed) {
                (Some(file), _) => {
                    dispatcher.dispatch(Msg::Start {
                        job: bump(&next_job),
                        source: None,
                        stage: "Fetching the sample…".to_owned(),
                        quiet: false,
                    });
                    fetch_and_send(file);
                }
                (None, Some(packed)) => send(Some(packed), true, Some(stored.name)),
                (None, None) => {}
            }
        })
    };
    // The history kept with the autosaved plan is read again when the app opens.
    {
        let restore = restore.clone();
        use_effect_with((), move |_| {
            if let Some(stored) = kept() {
                restore(stored, Kept::Saved);
            }
        });
    }
    // A new plan or setting replays the history kept in the worker.
    {
        let send = send.clone();
        let loaded = loaded.clone();
        let deps = (
            plan.clone(),
            view.reading.clone(),
            view.detection,
            view.prometheus,
        );
        use_effect_with(deps, move |_| {
            if *loaded.borrow() {
                send(None, false, None);
            }
        });
    }
    let dispatcher = view.dispatcher();
    // Made once: what it calls reads the hook's state through its shared cells, so the
    // panel, whose properties it is among, is not drawn again at each edit of the plan.
    let on_action = use_memo((), move |_| {
        Callback::from(move |action: HistoryAction| match action {
            HistoryAction::Text { text, name } => {
                // Kept once the worker has read and packed it: a text that does not read is
                // not kept in place of the history before.
                *to_keep.borrow_mut() = Some((name.clone(), latest.borrow().1.utc_offset_minutes));
                send(Some(text), false, Some(name));
            }
            HistoryAction::Sample(file) => {
                // A sample is kept by its name, not its text.
                to_keep.borrow_mut().take();
                let stored = Stored {
                    name: format!("the sample {file}"),
                    sample: Some(file),
                    packed: None,
                    utc_offset_minutes: 0,
                };
                let kept = keep(&stored);
                restore(stored, kept);
            }
            HistoryAction::Reading(reading) => {
                dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                    v.reading = Some(reading)
                })));
            }
            HistoryAction::Detection(detection) => {
                dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                    v.detection = detection
                })));
            }
            HistoryAction::Prometheus(prometheus) => {
                dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                    v.prometheus = prometheus
                })));
            }
            HistoryAction::Offset(minutes) => {
                dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                    v.utc_offset_minutes = minutes
                })));
            }
            HistoryAction::Restore(stored) => {
                to_keep.borrow_mut().take();
                let kept = keep(&stored);
                restore(stored, kept);
            }
            HistoryAction::Unreadable(why) => {
                dispatcher.dispatch(Msg::Settings(Box::new(move |v: &mut HistoryView| {
                    v.status =
                        Status::Failed(format!("The imported plan's history could not be read: {why}"));
                })));
            }
            HistoryAction::Cancel => {
                coalesce.borrow_mut().cancel();
                dispatcher.dispatch(Msg::Cancel { job: bump(&next_job) });
            }
            HistoryAction::Clear => {
                browser::remove(KEY);
                *loaded.borrow_mut() = false;
                coalesce.borrow_mut().cancel();
                dispatcher.dispatch(Msg::Clear { job: bump(&next_job) });
            }
        })
    });
    (Rc::new((*view).clone()), (*on_action).clone())
}

fn per_week(n: f64) -> String {
    trim_decimals(n, 2)
}

/// A reading's time, e.g. "85 ms" (whole milliseconds).
fn read_time(milliseconds: f64) -> String {
    format!("{} ms", grouped(milliseconds.max(0.0).round(), 0))
}

/// Properties of [`HistoryPanel`].
#[derive(Properties, PartialEq)]
pub struct HistoryPanelProps {
    /// The history.
    pub view: Rc<HistoryView>,
    /// What the user does with it.
    pub on_action: Callback<HistoryAction>,
    /// Applies an edit to the plan (an incident found, simulated).
    pub on_edit: Callback<PlanEdit>,
}

/// The Alerts page's card: import, reading, and what each policy would have done.
#[function_component]
pub fn HistoryPanel(props: &HistoryPanelProps) -> Html {
    let pasted = use_node_ref();
    let on_action = props.on_action.clone();
    let read_file = {
        let on_action = on_action.clone();
        Rc::new(move |file: web_sys::File| {
            let file = gloo::file::File::from(file);
            let name = file.name();
            if file.size() > slo_plan::history::MAX_BYTES as u64 {
                on_action.emit(HistoryAction::Text {
                    text: String::new(),
                    name: format!(
                        "{name}, refused: it is {} MB; the planner reads up to {} MB",
                        file.size() / 1_000_000,
                        slo_plan::history::MAX_BYTES / 1_000_000
                    ),
                });
                return;
            }
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (text, name) =
                    match browser::file_text_in_parts(file.as_ref(), browser::FILE_PART_BYTES).await {
                        Ok(text) => (text, format!("the file {name}")),
                        Err(_) => (
                            String::new(),
                            format!("the file {name}, which the browser could not read"),
                        ),
                    };
                on_action.emit(HistoryAction::Text { text, name });
            });
        })
    };
    let on_read_pasted = {
        let (pasted, on_action) = (pasted.clone(), on_action.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = pasted.cast::<HtmlTextAreaElement>() {
                // The box is emptied once read: megabytes of text in it would be laid out
                // again at every render of the page.
                let text = area.value();
                area.set_value("");
                on_action.emit(HistoryAction::Text {
                    text,
                    name: "pasted text".to_owned(),
                });
            }
        })
    };
    // A long paste is read at once, never put in the box: laying out megabytes of text
    // in a text area blocks the page for longer than reading them in the worker. The
    // clipboard's text is copied into the app's memory in parts, after the event.
    let on_paste = {
        let on_action = on_action.clone();
        Callback::from(move |event: Event| {
            let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let text = event.clipboard_data().and_then(|d| browser::clipboard_text(&d));
            if let Some(text) = text.filter(|t| t.length() as usize > READ_AT_ONCE) {
                event.prevent_default();
                let on_action = on_action.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let text = browser::copied_in_parts(&text).await;
                    on_action.emit(HistoryAction::Text {
                        text,
                        name: "pasted text".to_owned(),
                    });
                });
            }
        })
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |event: DragEvent| {
            if let Some(file) = event
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                event.prevent_default();
                read_file(file);
            }
        })
    };
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let view = &props.view;
    let status = match &view.status {
        Status::Empty => html! {},
        Status::Working(stage) => html! {
            <p class="notice info" role="status" data-testid="history-working">
                <progress aria-label="Reading the history"></progress>{ " " }{ stage }{ " " }
                <button type="button" class="secondary" data-testid="history-cancel" onclick={on_action.reform(|_: MouseEvent| HistoryAction::Cancel)}>{ "Cancel" }</button>
            </p>
        },
        Status::Failed(why) => {
            html! { <p class="notice error" role="alert" data-testid="history-error">{ why }</p> }
        }
        Status::Cancelled => {
            html! { <p class="hint" role="status" data-testid="history-cancelled">{ "Cancelled: the history shown, if any, is the one read before." }</p> }
        }
        Status::Ready => html! {},
    };
    let offset = {
        let on_action = on_action.clone();
        Callback::from(move |text: String| {
            input::utc_offset_minutes(&text).map(|m| {
                on_action.emit(HistoryAction::Offset(m));
                AttrValue::from(input::offset_text(m))
            })
        })
    };
    html! {
        <section class="card" aria-labelledby="history-heading" ondrop={on_drop} ondragover={on_drag_over}>
            <h2 id="history-heading">{ "Replay observed history" }</h2>
            <p class="hint">{ "Paste what Prometheus's /api/v1/query_range answered (good and bad counters, rates, or an error ratio), a CSV from Grafana's Inspect → Data → Download CSV, or a plain CSV (time, then a column per series); or drop a file here. A paste of over 10,000 characters is read at once. It is read in your browser and never sent anywhere. Up to 90 days at a one-minute step (200,000 samples a series, 64 series, 32 MB)." }</p>
            <div class="field">
                <label for="history-import">{ "History" }</label>
                <textarea id="history-import" data-testid="history-import" rows="4" ref={pasted} onpaste={on_paste}
                    placeholder="{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",…}}  or  Time,errors,requests" />
            </div>
            <div class="row-buttons">
                <button type="button" data-testid="history-read" onclick={on_read_pasted}>{ "Read the pasted history" }</button>
                <label class="file-button">{ "or open a file " }
                    <input type="file" accept=".json,.csv,.txt,application/json,text/csv" data-testid="history-file" onchange={on_file} /></label>
                if view.source.is_some() {
                    <button type="button" class="secondary" data-testid="history-clear" onclick={on_action.reform(|_: MouseEvent| HistoryAction::Clear)}>{ "Forget this history" }</button>
                }
            </div>
            <p>{ "Or try with sample data (November 2026, one minute apart): " }
                { for SAMPLES.iter().map(|(file, what)| {
                    let file = (*file).to_owned();
                    let test_id = format!("history-sample-{}", file.split('.').next().unwrap_or_default());
                    html! { <button type="button" class="secondary" data-testid={test_id}
                        onclick={on_action.reform(move |_: MouseEvent| HistoryAction::Sample(file.clone()))}>{ *what }</button> }
                }) }
            </p>
            { TextFieldProps::new("history-utc-offset", "CSV times without an offset are at", input::offset_text(view.utc_offset_minutes), offset)
                .unit("from UTC").hint("Grafana writes the dashboard's time zone without saying it; Prometheus's JSON is always UTC.").keyboard("text").html() }
            { status }
            if let Some(replayed) = &view.replayed {
                { replayed_html(view, replayed, &on_action, &props.on_edit) }
            }
        </section>
    }
}

fn replayed_html(
    view: &HistoryView,
    replayed: &Replayed,
    on_action: &Callback<HistoryAction>,
    on_edit: &Callback<PlanEdit>,
) -> Html {
    let roles = replayed.series.iter().enumerate().map(|(i, (name, count))| {
        let on_role = {
            let (on_action, reading) = (on_action.clone(), replayed.reading.clone());
            Callback::from(move |key: String| {
                if let Some(role) = Role::from_key(&key) {
                    let mut reading = reading.clone();
                    reading.roles[i] = role;
                    on_action.emit(HistoryAction::Reading(reading));
                }
            })
        };
        let options = Role::ALL.iter().map(|r| (AttrValue::Static(r.key()), AttrValue::Static(r.key()))).collect();
        html! {
            <li>
                <code>{ name }</code>{ format!(" ({} samples) counts ", grouped(*count as f64, 0)) }
                { choice(AttrValue::from(format!("history-role-{i}")), "as", replayed.reading.roles[i].key(), on_role, options) }
            </li>
        }
    });
    let on_counting = {
        let (on_action, reading) = (on_action.clone(), replayed.reading.clone());
        Callback::from(move |key: String| {
            if let Some(counting) = CountingSpec::from_key(&key) {
                on_action.emit(HistoryAction::Reading(Reading {
                    counting,
                    ..reading.clone()
                }));
            }
        })
    };
    let countings = CountingSpec::ALL
        .iter()
        .map(|c| (AttrValue::Static(c.key()), AttrValue::Static(c.label())))
        .collect();
    let kept = match &view.kept {
        Kept::Saved => "It is kept in this browser with the autosaved plan.".to_owned(),
        Kept::NotSaved(why) => why.clone(),
        Kept::Nothing => String::new(),
    };
    html! { <>
        <p data-testid="history-read-summary">
            { format!("Read {} as {}: ", view.source.as_deref().unwrap_or("the history"), replayed.form) }
            <span data-testid="history-samples">{ grouped(replayed.samples as f64, 0) }</span>
            { format!(" samples of {} series", replayed.series.len()) }
            if let Some(ms) = view.read_milliseconds {
                { " in " }<span data-testid="history-read-time" data-milliseconds={ms.to_string()}>{ read_time(ms) }</span>
            }
            { "." }
        </p>
        <ul class="series">{ for roles }</ul>
        { choice(AttrValue::Static("history-counting"), "Their values are", replayed.reading.counting.key(), on_counting, countings) }
        <p class="hint" data-testid="history-link-note">{ format!(
            "The share link carries the plan only ({} characters); with this history ({} MB as read) it would be {}, more than browsers and chat tools keep, so the history stays out of it. {kept}",
            grouped(replayed.link_chars as f64, 0),
            trim_decimals(replayed.bytes as f64 / 1e6, 1),
            view.history_link_chars.map_or_else(
                || "longer (by how much is being measured)".to_owned(),
                |chars| format!("{} characters longer", grouped(chars as f64, 0))
            ),
        ) }</p>
        if let Ok(report) = &replayed.report {
            { report_html(view, report, on_action, on_edit) }
        }
    </> }
}

fn report_html(
    view: &HistoryView,
    report: &ReplayReport,
    on_action: &Callback<HistoryAction>,
    on_edit: &Callback<PlanEdit>,
) -> Html {
    let ours = report.plan_policy();
    let detection = view.detection;
    let set = |change: fn(Detection, f64) -> Detection, parse: fn(&str) -> Result<f64, String>| {
        let on_action = on_action.clone();
        Callback::from(move |text: String| {
            parse(&text).map(|v| {
                on_action.emit(HistoryAction::Detection(change(detection, v)));
                AttrValue::from(text.trim().to_owned())
            })
        })
    };
    let on_detection = {
        let on_action = on_action.clone();
        Callback::from(move |detection: Detection| on_action.emit(HistoryAction::Detection(detection)))
    };
    let on_prometheus = {
        let on_action = on_action.clone();
        Callback::from(move |key: String| {
            on_action.emit(HistoryAction::Prometheus(if key == "v2" {
                Prometheus::V2
            } else {
                Prometheus::V3
            }));
        })
    };
    html! { <>
        <p data-testid="history-span">{ format!(
            "From {} to {}, a sample every {}{}. Error ratio over all of it: {}%.",
            Instant::readable_unix(report.from), Instant::readable_unix(report.to), human_duration(report.step_seconds),
            if report.gaps.is_empty() { String::new() } else { format!("; {} gap(s) with no samples for over three steps, counted neither good nor bad", report.gaps.len()) },
            trim_decimals(report.error_percent, 4),
        ) }</p>
        if let Some(charts) = &view.charts {
            <ChartCanvas<Detection> chart={charts.timeline.clone()} on_edit={on_detection.clone()} test_id="history-timeline"
                caption="The history's burn rate (each stretch's error ratio over what the SLO allows) on a logarithmic axis, with the incidents found shaded, gaps in grey, and above it a lane per candidate policy where its tiers page (full height) or open tickets (half height). Times in UTC. Hover to read a moment; drag the dashed threshold to find incidents at another burn rate." />
        }
        <h3>{ "What this plan's tiers would have done" }</h3>
        <table class="data">
            <thead><tr><th scope="col">{ "Tier" }</th><th scope="col">{ "Fired" }</th><th scope="col">{ "First firing" }</th><th scope="col">{ "During no incident" }</th></tr></thead>
            <tbody>
                { for ours.tiers.iter().enumerate().map(|(i, t)| html! {
                    <tr>
                        <th scope="row">{ &t.label }</th>
                        <td><span data-testid={format!("backtest-tier-{i}-fires")}>{ t.spans.len() }</span>{ " times" }</td>
                        <td>{ t.spans.first().map_or_else(|| "never".to_owned(), |(start, end)| format!("{}, for {}", Instant::readable_unix(*start), end.map_or_else(|| "the rest of the history".to_owned(), |e| human_duration((e - start) as f64)))) }</td>
                        <td>{ t.false_alerts }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        <p data-testid="backtest-summary" data-replays={view.replays.to_string()}>
            { format!("{} pages and {} tickets a week; ", per_week(ours.pages_per_week), per_week(ours.tickets_per_week)) }
            <span data-testid="backtest-missed">{ ours.missed }</span>
            { format!(" incident(s) no tier caught; {} alert(s) during no incident.", ours.false_alerts) }
        </p>
        <h3>{ "Incidents in the history" }</h3>
        if report.incidents.is_empty() {
            <p data-testid="history-no-incidents">{ "None: the error ratio never stayed above the threshold." }</p>
        } else {
            <table class="data" data-testid="history-incidents">
                <thead><tr><th scope="col">{ "Started" }</th><th scope="col">{ "Lasted" }</th><th scope="col">{ "Error ratio" }</th><th scope="col">{ "Budget spent" }</th><th scope="col">{ "First alert" }</th><th scope="col">{ "Simulator" }</th></tr></thead>
                <tbody>
                    { for report.incidents.iter().enumerate().map(|(k, d)| html! {
                        <tr class={(!d.counts).then_some("muted")}>
                            <td>{ Instant::readable_unix(d.start) }</td>
                            <td>{ human_duration((d.end - d.start) as f64) }</td>
                            <td>{ format!("{}%", trim_decimals(d.error_percent, 3)) }</td>
                            <td>{ format!("{}%", trim_decimals(d.budget_percent, 2)) }{ if d.counts { "" } else { " (noise)" } }</td>
                            <td>{ match ours.caught.get(k).copied().flatten() {
                                Some(c) => format!("tier {} after {} ({}% of the budget)", c.tier + 1, human_duration((c.at - d.start) as f64), trim_decimals(c.budget_before_percent, 2)),
                                None if d.counts => "missed".to_owned(),
                                None => "none".to_owned(),
                            } }</td>
                            <td><button type="button" class="secondary" data-testid={format!("history-incident-{k}-simulate")}
                                aria-label={format!("Simulate the incident of {}", Instant::readable_unix(d.start))}
                                onclick={on_edit.reform({ let edit = d.simulate(); move |_: MouseEvent| edit.clone() })}>{ "Simulate" }</button></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
        <div class="form-grid">
            { TextFieldProps::new("history-threshold", "An incident burns above", trim_decimals(detection.burn_rate, 3),
                set(|d, v| Detection { burn_rate: v, ..d }, input::burn_rate)).unit("×").hint("Its error ratio, and that of the ten minutes before, above this many times what the SLO allows.").html() }
            { TextFieldProps::new("history-merge", "Stretches this close are one incident", human_duration(detection.merge_gap_seconds),
                set(|d, v| Detection { merge_gap_seconds: v, ..d }, input::incident_duration)).keyboard("text").html() }
            { TextFieldProps::new("history-min-budget", "Incidents count from", trim_decimals(detection.min_budget_percent, 3),
                set(|d, v| Detection { min_budget_percent: v, ..d }, input::budget_share_percent)).unit("% of the budget").html() }
            { choice(AttrValue::Static("history-prometheus"), "Evaluated as", if view.prometheus == Prometheus::V2 { "v2" } else { "v3" }, on_prometheus,
                vec![(AttrValue::Static("v3"), AttrValue::Static("Prometheus 3 (windows open at their start)")), (AttrValue::Static("v2"), AttrValue::Static("Prometheus 2 (windows closed)"))]) }
        </div>
        <h3>{ "Candidate policies side by side" }</h3>
        <table class="data" data-testid="backtest-policies">
            <thead><tr><th scope="col">{ "Policy" }</th><th scope="col">{ "Pages a week" }</th><th scope="col">{ "Tickets a week" }</th><th scope="col">{ "Missed incidents" }</th><th scope="col">{ "Alerts during no incident" }</th></tr></thead>
            <tbody>
                { for report.policies.iter().map(|p| html! {
                    <tr>
                        <th scope="row">{ &p.name }</th>
                        <td>{ per_week(p.pages_per_week) }</td>
                        <td>{ per_week(p.tickets_per_week) }</td>
                        <td>{ p.missed }</td>
                        <td>{ p.false_alerts }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        <p class="hint">{ "Each tier is evaluated at every sample, as Prometheus evaluates the exported rules: the ratio of the counters' increases over both windows against the threshold the rules state. An alert belongs to an incident when it overlaps it or follows it within its short window." }</p>
    </> }
}

/// The Budget page's card: the budget the history spent, and its incidents offered to
/// the incident list.
pub fn budget_card(plan: &Plan, view: &HistoryView, on_edit: &Callback<PlanEdit>) -> Html {
    let Some(report) = view.report() else {
        return html! {};
    };
    let counted: Vec<_> = report.incidents.iter().filter(|d| d.counts).collect();
    card(
        "history-budget-heading",
        "Spent according to observed history",
        html! { <>
            <p>
                { format!("From {} to {}, {} spent ", Instant::readable_unix(report.budget_from), Instant::readable_unix(report.to), view.source.as_deref().unwrap_or("the history")) }
                <span data-testid="budget-from-history-percent">{ format!("{}%", trim_decimals(report.budget_percent, 2)) }</span>
                { " of the budget (its error ratio over what the SLO allows, over the last window of the history or all of it when shorter). The incidents entered below are not in this figure; the figures above count only them." }
            </p>
            if let Some(chart) = view.charts.as_ref().and_then(|c| c.burn_down.clone()) {
                <ChartCanvas chart={chart} on_edit={on_edit.clone()} test_id="history-burn-down"
                    caption="The budget left over that stretch according to the history, with the incidents that count marked where they start. Times in UTC. Hover to read a moment." />
            }
            if counted.is_empty() {
                <p>{ "It holds no incident that spent at least the minimum set on the Alerts page." }</p>
            } else {
                <ul data-testid="history-budget-incidents">
                    { for counted.iter().enumerate().map(|(k, d)| html! {
                        <li>
                            { format!("{}, {}, {}% of requests failing: {}% of the budget. ", Instant::readable_unix(d.start), human_duration((d.end - d.start) as f64), trim_decimals(d.error_percent, 3), trim_decimals(d.budget_percent, 2)) }
                            { super::fields::add_button(plan, "Add to the incidents", Some(format!("Add the incident of {} to the incidents", Instant::readable_unix(d.start))), format!("history-incident-{k}-add"), d.add(), on_edit) }
                        </li>
                    }) }
                </ul>
            }
        </> },
    )
}

/// The Capacity page's card: the history's daily peak request rates, offered as the
/// demand history.
pub fn capacity_card(plan: &Plan, view: &HistoryView, on_edit: &Callback<PlanEdit>) -> Html {
    let Some((report, (low, high))) = view.report().and_then(|r| Some((r, r.daily_peak_range()?))) else {
        return html! {};
    };
    let peaks = &report.daily_peaks;
    let edit = report.fill_capacity(&plan.capacity);
    let filled = plan.capacity.history == report.demand_history();
    card(
        "history-capacity-heading",
        "Demand according to observed history",
        html! { <>
            <p data-testid="history-daily-peaks">{ format!(
                "{} holds {} days (UTC); the busiest {} of each carried from {} to {} requests per second.",
                view.source.as_deref().unwrap_or("The history"),
                peaks.len(),
                human_duration(report.step_seconds),
                grouped(low, 1),
                grouped(high, 1),
            ) }</p>
            if filled {
                <p class="hint" data-testid="history-capacity-filled">{ "They are the demand history above, and the growth is fitted to them." }</p>
            } else {
                <button type="button" data-testid="history-capacity-fill" onclick={on_edit.reform(move |_: MouseEvent| edit.clone())}>
                    { "Use these daily peaks as the demand history" }
                </button>
                <p class="hint">{ "It replaces the demand history above and fits the growth to it (a straight line, unless an exponential fit is chosen); Undo brings the one before back." }</p>
            }
        </> },
    )
}
