//! The Web Worker for heavy and rarely used work: the Risk page's Monte Carlo study
//! (the page runs one worker per core, at most 4, each simulating the blocks it is
//! handed), the OpenSLO and Sloth exports, the OpenSLO import (with its YAML reader) and
//! the Markdown report. It is a second binary (`src/bin/worker.rs`), fetched the first
//! time one of these is asked for, so none of this code is in the download the first
//! result waits for, and none of it runs on the main thread.
//!
//! Messages travel as JSON, written and read by the plan's own JSON functions, so the
//! page carries one serde_json writer and reader for the plan, not two.

use gloo::worker::{Codec, HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use slo_engine::observed::Observed;
use slo_plan::export::openslo::{self, Imported};
use slo_plan::export::sloth;
use slo_plan::history;
use slo_plan::replay::{guess, observe, Detection, Reading};
use slo_plan::report::markdown;
use slo_plan::report::replay::{replay_report, Prometheus, ReplayReport};
use slo_plan::report::study::{self, BlockTally, Held, Question, Study, Task};
use slo_plan::Plan;
use wasm_bindgen::{JsCast, JsValue};

/// Where this build's worker loader is: `scripts/offline.mjs` moves the worker's files
/// into a directory of the build's own and names it in the page (Trunk writes them
/// beside the app, under names that do not change from build to build).
pub fn loader() -> String {
    crate::ui::browser::meta("slo-worker").unwrap_or_else(|| "./slo-worker_loader.js".to_owned())
}

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
    /// Opens study `job` of `plan`'s Risk page: later tasks of this job simulate it, and
    /// the windows of any earlier job are dropped.
    Study {
        /// The job, new for each study the page starts.
        job: u32,
        /// The plan.
        plan: Plan,
    },
    /// Simulates one task of study `job` and keeps its windows (a task of another job
    /// is skipped).
    Simulate {
        /// The job.
        job: u32,
        /// The task.
        task: Task,
    },
    /// The probability of meeting each SLO of `plan`, for the overview's request `job`.
    Odds {
        /// The overview's request, new for each plan it asks about.
        job: u32,
        /// The plan.
        plan: Plan,
    },
    /// A part of job `job`'s history text, before its [`Request::Replay`].
    HistoryPart {
        /// The replay the text is for.
        job: u32,
        /// The part, at most [`HISTORY_PART_BYTES`].
        part: String,
    },
    /// Replays observed history on the plan's selected SLO (a new text replaces the
    /// history kept; without one, the kept history is replayed again).
    Replay(Box<ReplayAsk>),
    /// Counts the windows kept for study `job` on each question's grid.
    Count {
        /// The job.
        job: u32,
        /// The questions.
        questions: Vec<Question>,
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
    /// The tally of a simulated task.
    Simulated {
        /// The job.
        job: u32,
        /// The task.
        task: Task,
        /// What its windows gave.
        tally: BlockTally,
    },
    /// The counts asked of study `job`.
    Counted {
        /// The job.
        job: u32,
        /// For each question, `cells + 1` counts.
        counts: Vec<Vec<u64>>,
    },
    /// The probability of meeting each SLO, in the plan's order, or why one cannot be
    /// simulated.
    Odds {
        /// The request answered.
        job: u32,
        /// Per SLO.
        probabilities: Vec<Result<f64, String>>,
    },
    /// History `job`'s text is read: how many samples, before the replay.
    ReplayRead {
        /// The request answered.
        job: u32,
        /// Samples read, all series.
        samples: usize,
        /// The time the worker took to read them, from the whole text (unpacked, for
        /// a packed one) to the samples, milliseconds.
        milliseconds: f64,
    },
    /// History `job` replayed, or why it cannot be.
    Replayed {
        /// The request answered.
        job: u32,
        /// What it says.
        result: Result<Box<Replayed>, String>,
    },
    /// History `job`'s text packed, after its first replay: what the share link would
    /// grow by if it held the history.
    Packed {
        /// The request answered.
        job: u32,
        /// The text packed to be kept in storage (`None` when it came packed).
        packed: Option<String>,
        /// Its length, which is what the link would grow by (it is compressed as the
        /// link is), characters.
        chars: usize,
    },
    /// Why study `job` cannot run.
    StudyRefused {
        /// The job.
        job: u32,
        /// Why.
        reason: String,
    },
}

/// The most bytes of a history's text sent in one message: a longer text goes in
/// parts ([`Request::HistoryPart`]), so writing none of them blocks the page for long.
pub const HISTORY_PART_BYTES: usize = 1 << 20;

/// `text` cut into parts of at most [`HISTORY_PART_BYTES`] (fewer where a character
/// would be split), in order.
pub fn history_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::with_capacity(text.len() / HISTORY_PART_BYTES + 1);
    let mut rest = text;
    while rest.len() > HISTORY_PART_BYTES {
        let mut end = HISTORY_PART_BYTES;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (part, after) = rest.split_at(end);
        parts.push(part);
        rest = after;
    }
    parts.push(rest);
    parts
}

/// What the page asks of observed history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayAsk {
    /// The request, new for each ask; answers to older ones are dropped by the page.
    pub job: u32,
    /// A new history's text, pasted, dropped or fetched (its last part, after the
    /// [`Request::HistoryPart`]s of this job); `None` replays the one kept.
    pub text: Option<String>,
    /// Whether `text` is packed ([`slo_plan::history::pack`]), as kept in storage.
    pub packed: bool,
    /// The offset from UTC of CSV times written without one, minutes.
    pub utc_offset_minutes: i32,
    /// How the series are read; `None` guesses from their names.
    pub reading: Option<Reading>,
    /// The plan whose selected SLO and tiers the history is replayed on.
    pub plan: Plan,
    /// How incidents are found.
    pub detection: Detection,
    /// Which Prometheus evaluates the rules.
    pub prometheus: Prometheus,
}

/// Observed history, read and replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replayed {
    /// The form it was read as, e.g. "Prometheus range-query JSON".
    pub form: String,
    /// Each series' name and sample count, in the file's order.
    pub series: Vec<(String, usize)>,
    /// Samples read, all series.
    pub samples: usize,
    /// The text's size, bytes.
    pub bytes: usize,
    /// How the series were read.
    pub reading: Reading,
    /// The plan's share link's length, characters.
    pub link_chars: usize,
    /// What the history says, or why it cannot be read as chosen.
    pub report: Result<ReplayReport, String>,
}

/// A plan's exports for other tools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exports {
    /// OpenSLO v1 YAML documents.
    pub openslo: String,
    /// A Sloth `prometheus/v1` spec.
    pub sloth: String,
}

/// The answer to `request`, or none (the study's own requests are answered by
/// [`PlanWorker`], which keeps the study's windows).
pub fn answer(request: Request) -> Option<Response> {
    Some(match request {
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
        Request::Odds { job, plan } => Response::Odds {
            job,
            probabilities: study::probabilities_of_meeting(&plan),
        },
        Request::Study { .. }
        | Request::Simulate { .. }
        | Request::Count { .. }
        | Request::Replay(_)
        | Request::HistoryPart { .. } => return None,
    })
}

/// The worker: answers each request in turn, keeping the windows of the study it was
/// last asked to open.
#[derive(Default)]
pub struct PlanWorker {
    study: Option<(u32, Result<Study, String>, Held)>,
    history: Option<History>,
    /// The parts of a history's text received so far, and the job they are for.
    incoming: Option<(u32, String)>,
    /// The history's text last read, until it is packed, and the job it came with.
    to_pack: Option<(u32, ToPack)>,
}

/// The history last read, and its series as last observed.
struct History {
    imported: history::Imported,
    bytes: usize,
    observed: Option<(Reading, Result<Observed, String>)>,
}

/// A text read and not yet packed: as given, or already packed.
enum ToPack {
    Text(String),
    Packed(usize),
}

impl History {
    /// The replay of `ask` on this history.
    fn replay(&mut self, ask: &ReplayAsk) -> Result<Box<Replayed>, String> {
        let valid = ask
            .plan
            .validate()
            .map_err(|e| format!("This plan cannot replay history: {e}"))?;
        let reading = ask
            .reading
            .clone()
            .filter(|r| r.roles.len() == self.imported.series.len())
            .unwrap_or_else(|| guess(&self.imported));
        if self.observed.as_ref().is_none_or(|(r, _)| *r != reading) {
            self.observed = Some((reading.clone(), observe(&self.imported, &reading)));
        }
        let report = match self.observed.as_ref().map(|(_, o)| o) {
            Some(Ok(observed)) => replay_report(&valid, observed, ask.detection, ask.prometheus)
                .map(|r| {
                    if reading.counts_events() {
                        r.with_daily_peaks(observed)
                    } else {
                        r
                    }
                })
                .ok_or_else(|| "The history has no stretch between two samples to replay.".to_owned()),
            Some(Err(why)) => Err(why.clone()),
            None => Err("No history is read.".to_owned()),
        };
        Ok(Box::new(Replayed {
            form: self.imported.form.name().to_owned(),
            series: self
                .imported
                .series
                .iter()
                .map(|s| (s.name.clone(), s.samples.len()))
                .collect(),
            samples: self.imported.samples(),
            bytes: self.bytes,
            reading,
            link_chars: slo_plan::link::encode(&ask.plan).len(),
            report,
        }))
    }
}

impl PlanWorker {
    /// The answer to `request`, the study's requests included.
    pub fn handle(&mut self, request: Request) -> Option<Response> {
        match request {
            Request::Study { job, plan } => {
                let study = plan
                    .validate()
                    .map(|valid| study::study(&valid))
                    .map_err(|e| format!("This plan cannot be studied: {e}"));
                self.study = Some((job, study, Held::default()));
                None
            }
            Request::Simulate { job, task } => match &mut self.study {
                Some((open, Ok(study), held)) if *open == job => Some(Response::Simulated {
                    job,
                    task,
                    tally: held.simulate(study, task),
                }),
                Some((open, Err(reason), _)) if *open == job => Some(Response::StudyRefused {
                    job,
                    reason: reason.clone(),
                }),
                _ => None,
            },
            Request::Count { job, questions } => match &self.study {
                Some((open, Ok(_), held)) if *open == job => Some(Response::Counted {
                    job,
                    counts: held.count(&questions),
                }),
                _ => None,
            },
            Request::Replay(ask) => Some(Response::Replayed {
                job: ask.job,
                result: self.replay_ask(&ask, |_, _| {}, || 0.0),
            }),
            Request::HistoryPart { job, part } => {
                match &mut self.incoming {
                    // Beyond what the reader takes, the rest is not kept: the text is
                    // refused as too large all the same.
                    Some((open, text)) if *open == job => {
                        if text.len() <= slo_plan::history::MAX_BYTES {
                            text.push_str(&part);
                        }
                    }
                    _ => self.incoming = Some((job, part)),
                }
                None
            }
            other => answer(other),
        }
    }

    /// The history's text last read, packed to be kept (when it came unpacked), with
    /// what the share link would grow by if it held it; `None` once it is done. It is
    /// done after the text's first replay is answered, which it would hold up (about
    /// 100 ms for 90 days of Prometheus JSON).
    pub fn pack(&mut self) -> Option<Response> {
        let (job, to_pack) = self.to_pack.take()?;
        Some(match to_pack {
            ToPack::Text(text) => {
                let packed = slo_plan::history::pack(&text);
                Response::Packed {
                    job,
                    chars: packed.len(),
                    packed: Some(packed),
                }
            }
            ToPack::Packed(chars) => Response::Packed {
                job,
                packed: None,
                chars,
            },
        })
    }

    /// The replay `ask` asks for; `on_read` is told the samples read from a new text,
    /// and the milliseconds reading took by the clock `now` (milliseconds), before it
    /// is replayed. The text is packed after: see [`PlanWorker::pack`].
    fn replay_ask(
        &mut self,
        ask: &ReplayAsk,
        on_read: impl FnOnce(usize, f64),
        now: impl Fn() -> f64,
    ) -> Result<Box<Replayed>, String> {
        if let Some(last) = &ask.text {
            let given = match self.incoming.take() {
                Some((job, mut text)) if job == ask.job => {
                    text.push_str(last);
                    text
                }
                _ => last.clone(),
            };
            let started = now();
            let (text, packed) = if ask.packed {
                let text = slo_plan::history::unpack(&given).map_err(|e| e.to_string())?;
                (text, Some(given.len()))
            } else {
                (given, None)
            };
            let imported =
                slo_plan::history::read(&text, ask.utc_offset_minutes).map_err(|e| e.to_string())?;
            on_read(imported.samples(), now() - started);
            self.history = Some(History {
                bytes: text.len(),
                imported,
                observed: None,
            });
            let to_pack = packed.map_or(ToPack::Text(text), ToPack::Packed);
            self.to_pack = Some((ask.job, to_pack));
        }
        self.history
            .as_mut()
            .ok_or_else(|| "No history is read.".to_owned())?
            .replay(ask)
    }
}

impl Worker for PlanWorker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        PlanWorker::default()
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Request, id: HandlerId) {
        if let Request::Replay(ask) = &request {
            let job = ask.job;
            let result = self.replay_ask(
                ask,
                |samples, milliseconds| {
                    scope.respond(
                        id,
                        Response::ReplayRead {
                            job,
                            samples,
                            milliseconds,
                        },
                    )
                },
                performance_now,
            );
            scope.respond(id, Response::Replayed { job, result });
            if let Some(packed) = self.pack() {
                scope.respond(id, packed);
            }
            return;
        }
        if let Some(response) = self.handle(request) {
            scope.respond(id, response);
        }
    }
}

/// The worker's clock, `performance.now()`, milliseconds (0 where there is none).
fn performance_now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
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

    /// A replay of the default detection as Prometheus 3 evaluates, guessing the
    /// reading.
    fn history_ask(job: u32, text: Option<String>, packed: bool, plan: Plan) -> Request {
        Request::Replay(Box::new(ReplayAsk {
            job,
            text,
            packed,
            utc_offset_minutes: 0,
            reading: None,
            plan,
            detection: Detection::default(),
            prometheus: Prometheus::V3,
        }))
    }

    #[test]
    fn the_worker_answers_what_the_page_asks() {
        let plan = Plan::default();
        let Some(Response::Exports(Ok(exports))) = answer(Request::Exports { plan: plan.clone() }) else {
            panic!("no exports")
        };
        assert!(exports.openslo.contains("kind: SLO"));
        assert!(exports.sloth.contains("prometheus/v1"));
        let Some(Response::Import(Ok(imported))) = answer(Request::Import {
            text: exports.openslo,
            base: plan.clone(),
        }) else {
            panic!("the export does not import")
        };
        assert_eq!(imported.plan.slo().target_percent, plan.slo().target_percent);
        let Some(Response::Report { file_name, text }) = answer(Request::Report {
            plan,
            file_name: "x.md".to_owned(),
        }) else {
            panic!("no report")
        };
        assert_eq!(file_name, "x.md");
        assert!(text.starts_with("# SLO plan: my-service"));
        let Some(Response::Odds {
            job: 3,
            probabilities,
        }) = answer(Request::Odds {
            job: 3,
            plan: Plan::default(),
        })
        else {
            panic!("no odds")
        };
        assert_eq!(probabilities.len(), 1);
        assert!(probabilities[0].as_ref().is_ok_and(|p| (0.0..=1.0).contains(p)));
    }

    #[test]
    fn two_workers_run_the_study_as_one_does() {
        let mut plan = Plan::default();
        plan.risk.windows = 140_000;
        let alone = std::rc::Rc::new(study::study(&plan.validate().unwrap())).run(1);
        let mut workers = [PlanWorker::default(), PlanWorker::default()];
        for w in &mut workers {
            assert_eq!(
                w.handle(Request::Study {
                    job: 7,
                    plan: plan.clone()
                }),
                None
            );
        }
        let mut run = study::StudyRun::new(std::rc::Rc::new(study::study(&plan.validate().unwrap())));
        let mut turn = 0;
        while let Some(task) = run.next_task() {
            // A task of an older job is skipped.
            assert_eq!(workers[turn % 2].handle(Request::Simulate { job: 6, task }), None);
            let Some(Response::Simulated { job: 7, task, tally }) =
                workers[turn % 2].handle(Request::Simulate { job: 7, task })
            else {
                panic!("no tally")
            };
            run.record(task, tally);
            turn += 1;
        }
        let report = loop {
            match run.round().unwrap() {
                study::Round::Ask(questions) => {
                    for w in &mut workers {
                        let Some(Response::Counted { counts, .. }) = w.handle(Request::Count {
                            job: 7,
                            questions: questions.clone(),
                        }) else {
                            panic!("no counts")
                        };
                        run.answer(&counts);
                    }
                }
                study::Round::Done(report) => break *report,
            }
        };
        assert_eq!(report, alone);
    }

    #[test]
    fn a_history_sent_in_parts_reads_as_sent_whole() {
        // An odd start, then two bytes a character: each part's end would fall inside
        // one unless moved.
        let odd = format!("x{}", "é".repeat(HISTORY_PART_BYTES));
        let cut = history_parts(&odd);
        assert_eq!(cut.len(), 3);
        assert!(cut.iter().all(|p| p.len() <= HISTORY_PART_BYTES));
        assert_eq!(cut[0].len(), HISTORY_PART_BYTES - 1);
        assert_eq!(cut.concat(), odd);
        assert_eq!(history_parts(""), [""]);
        let text = include_str!("../assets/samples/deploy.json");
        let parts = history_parts(text);
        assert_eq!(parts.len(), 2);
        let whole = |worker: &mut PlanWorker, job: u32, text: &str| {
            let Some(Response::Replayed { result, .. }) =
                worker.handle(history_ask(job, Some(text.to_owned()), false, Plan::default()))
            else {
                panic!("not replayed")
            };
            result
        };
        let mut worker = PlanWorker::default();
        let sent_whole = whole(&mut worker, 1, text);
        assert!(sent_whole.is_ok());
        // Parts of an older job are dropped when a new job's parts come.
        assert_eq!(
            worker.handle(Request::HistoryPart {
                job: 2,
                part: "garbage".to_owned()
            }),
            None
        );
        let (last, before) = parts.split_last().unwrap();
        for part in before {
            assert_eq!(
                worker.handle(Request::HistoryPart {
                    job: 3,
                    part: (*part).to_owned()
                }),
                None
            );
        }
        let in_parts = whole(&mut worker, 3, last);
        let samples = |r: &Result<Box<Replayed>, String>| r.as_ref().map(|r| (r.samples, r.bytes)).ok();
        assert_eq!(samples(&in_parts), samples(&sent_whole));
        assert_eq!(samples(&in_parts).map(|s| s.1), Some(text.len()));
    }

    #[test]
    fn the_worker_reads_a_sample_history_once_and_replays_it_on_each_plan() {
        let text = include_str!("../assets/samples/deploy.json");
        let mut worker = PlanWorker::default();
        let ask = |text, plan| history_ask(1, text, false, plan);
        let Some(Response::Replayed {
            result: Ok(first), ..
        }) = worker.handle(ask(Some(text.to_owned()), Plan::default()))
        else {
            panic!("not replayed")
        };
        let first_packed = worker.pack();
        assert_eq!(first.samples, 2 * 43_201);
        assert_eq!(first.series.len(), 2);
        let report = first.report.as_ref().unwrap();
        assert_eq!(report.plan_policy().missed, 0);
        assert!(
            report.plan_policy().tiers[0].spans.len() == 1,
            "the deploy pages once"
        );
        // A higher target, replayed on the history kept: more budget spent.
        let mut stricter = Plan::default();
        stricter.slos[0].target_percent = 99.99;
        let Some(Response::Replayed {
            result: Ok(again), ..
        }) = worker.handle(ask(None, stricter))
        else {
            panic!("not replayed again")
        };
        let spent = |r: &Replayed| r.report.as_ref().unwrap().budget_percent;
        assert!((spent(&again) / spent(&first) - 10.0).abs() < 1e-9);
        // The link would grow by far more than a link can carry; the text is packed to
        // be kept once, after its first replay, and reads back to the same history.
        let Some(Response::Packed {
            job: 1,
            packed: Some(packed),
            chars,
        }) = first_packed
        else {
            panic!("not packed")
        };
        assert!(chars > 100_000, "{chars}");
        assert_eq!(packed.len(), chars);
        assert!(worker.pack().is_none(), "packed once");
        let Some(Response::Replayed { result: Ok(kept), .. }) =
            worker.handle(history_ask(2, Some(packed), true, Plan::default()))
        else {
            panic!("the kept history does not read")
        };
        assert_eq!(kept.report, first.report);
        // A text that came packed is not packed again: its length is said.
        assert!(matches!(
            worker.pack(),
            Some(Response::Packed { job: 2, packed: None, chars: c }) if c == chars
        ));
        // A text that is not history says what it looks like.
        let Some(Response::Replayed { result: Err(why), .. }) =
            worker.handle(ask(Some("hello".to_owned()), Plan::default()))
        else {
            panic!("read")
        };
        assert!(why.contains("no columns"), "{why}");
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
