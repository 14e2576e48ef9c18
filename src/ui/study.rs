//! The Risk page's Monte Carlo study, run on the page's workers: one per core, at most
//! four, each handed one block of windows at a time (with one more queued, so none
//! waits), with a progress bar and a Stop button. A new plan starts a new job; the
//! workers skip the old job's tasks, so a change cancels the run within a block or two.

use super::browser;
use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{card, explain, TextFieldProps};
use super::negotiation::{negotiation_card, Odds};
use super::worker_bridge::SILENT_MS;
use crate::worker::{loader, Json, PlanWorker, Request, Response};
use gloo::timers::callback::Interval;
use gloo::worker::{Spawnable, WorkerBridge};
use slo_engine::notation::{grouped, human_duration, trim_decimals};
use slo_plan::edit::PlanEdit;
use slo_plan::input;
use slo_plan::money::money;
use slo_plan::report::negotiation::NegotiationReport;
use slo_plan::report::risk::{pct, StudyReport};
use slo_plan::report::study::{Round, Study, StudyRun};
use slo_plan::Plan;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The most workers a study runs on.
const MAX_WORKERS: usize = 4;
/// Tasks each worker holds at a time: the one it simulates and the next.
const IN_FLIGHT: usize = 2;

/// Properties of [`RiskStudy`].
#[derive(Properties, PartialEq)]
pub struct RiskStudyProps {
    /// What to simulate. The study reruns only when it changes (renaming a dependency
    /// does not rerun it).
    pub study: Rc<Study>,
    /// The plan the study is of, sent to the workers.
    pub plan: Rc<Plan>,
    /// The negotiation view, shown above the study with its probabilities.
    pub negotiation: Rc<NegotiationReport>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// What the study card shows.
#[derive(Clone, PartialEq)]
enum Shown {
    /// Running: the share of the work done.
    Running(f64),
    /// Stopped by the user at this share of the work.
    Stopped(f64),
    /// Refused by the workers, with why.
    Refused(String),
    /// The workers stopped answering (or never loaded).
    Silent,
    /// The figures, with the milliseconds until the plan's own windows were simulated
    /// and until the whole study was, on this many workers.
    Done(Rc<StudyReport>, f64, f64, usize),
}

/// The workers and the run they are working on.
struct Pool {
    workers: Vec<WorkerBridge<PlanWorker>>,
    job: u32,
    run: Option<StudyRun>,
    /// Answers still awaited in the current counting round.
    awaited: usize,
    started: f64,
    /// When a worker last answered this run, or it started (`browser::monotonic_ms`).
    heard: f64,
    plan_ms: Option<f64>,
}

/// One worker per core the browser reports, at most [`MAX_WORKERS`].
fn worker_count() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, MAX_WORKERS)
}

impl Pool {
    /// Starts job `job` of `study` on every worker.
    fn start(&mut self, study: Rc<Study>, plan: &Plan) {
        self.job = self.job.wrapping_add(1);
        self.run = Some(StudyRun::new(study));
        self.awaited = 0;
        self.started = browser::monotonic_ms();
        self.heard = self.started;
        self.plan_ms = None;
        for i in 0..self.workers.len() {
            self.workers[i].send(Request::Study {
                job: self.job,
                plan: plan.clone(),
            });
            for _ in 0..IN_FLIGHT {
                self.hand_out(i);
            }
        }
    }

    /// Hands worker `i` the next task, if any is left.
    fn hand_out(&mut self, i: usize) {
        if let Some(task) = self.run.as_mut().and_then(StudyRun::next_task) {
            self.workers[i].send(Request::Simulate { job: self.job, task });
        }
    }

    /// Takes worker `i`'s answer; what the card shows next, if it changed.
    fn take(&mut self, i: usize, response: Response) -> Option<Shown> {
        self.heard = browser::monotonic_ms();
        match response {
            Response::Simulated { job, task, tally } if job == self.job => {
                let run = self.run.as_mut()?;
                run.record(task, tally);
                if self.plan_ms.is_none() && run.plan_simulated() {
                    self.plan_ms = Some(browser::monotonic_ms() - self.started);
                }
                self.hand_out(i);
                let progress = self.run.as_ref()?.progress();
                self.next_round().or(Some(Shown::Running(progress)))
            }
            Response::Counted { job, counts } if job == self.job => {
                self.run.as_mut()?.answer(&counts);
                self.awaited = self.awaited.saturating_sub(1);
                if self.awaited == 0 {
                    self.next_round()
                } else {
                    None
                }
            }
            Response::StudyRefused { job, reason } if job == self.job => {
                self.run = None;
                Some(Shown::Refused(reason))
            }
            _ => None,
        }
    }

    /// Asks the next round's questions of every worker, or returns the figures.
    fn next_round(&mut self) -> Option<Shown> {
        match self.run.as_mut()?.round()? {
            Round::Ask(questions) => {
                self.awaited = self.workers.len();
                for w in &self.workers {
                    w.send(Request::Count {
                        job: self.job,
                        questions: questions.clone(),
                    });
                }
                None
            }
            Round::Done(report) => {
                self.run = None;
                let ms = browser::monotonic_ms() - self.started;
                Some(Shown::Done(
                    Rc::new(*report),
                    self.plan_ms.unwrap_or(ms),
                    ms,
                    self.workers.len(),
                ))
            }
        }
    }

    /// Gives up a run no worker has answered for [`SILENT_MS`] (a block takes about
    /// 45 ms on one core, so only a worker that failed is this slow); what the card
    /// shows then.
    fn give_up_if_silent(&mut self) -> Option<Shown> {
        if self.run.is_some() && browser::monotonic_ms() - self.heard > SILENT_MS {
            self.run = None;
            self.job = self.job.wrapping_add(1);
            return Some(Shown::Silent);
        }
        None
    }

    /// Stops the run: the workers skip its remaining tasks.
    fn stop(&mut self) -> Option<Shown> {
        let progress = self.run.take()?.progress();
        self.job = self.job.wrapping_add(1);
        Some(Shown::Stopped(progress))
    }
}

/// The study card: spawns the workers on first use, runs the study whenever it
/// changes, and shows its progress, then its figures.
#[function_component]
pub fn RiskStudy(props: &RiskStudyProps) -> Html {
    let shown = use_state(|| Shown::Running(0.0));
    let restarts = use_state(|| 0u32);
    // The name a new scenario is kept under, kept while the study reruns.
    let name = use_state_eq(|| "variant".to_owned());
    let pool = use_mut_ref(|| None::<Rc<RefCell<Pool>>>);
    {
        let (shown, pool, plan) = (shown.clone(), pool.clone(), props.plan.clone());
        use_effect_with((props.study.clone(), *restarts), move |(study, _)| {
            let pool = pool
                .borrow_mut()
                .get_or_insert_with(|| {
                    let pool = Rc::new(RefCell::new(Pool {
                        workers: Vec::new(),
                        job: 0,
                        run: None,
                        awaited: 0,
                        started: 0.0,
                        heard: 0.0,
                        plan_ms: None,
                    }));
                    let workers = (0..worker_count())
                        .map(|i| {
                            let (pool, shown) = (Rc::downgrade(&pool), shown.clone());
                            PlanWorker::spawner()
                                .callback(move |response| {
                                    let Some(pool) = pool.upgrade() else { return };
                                    let next = pool.borrow_mut().take(i, response);
                                    if let Some(next) = next {
                                        shown.set(next);
                                    }
                                })
                                .encoding::<Json>()
                                .spawn_with_loader(&loader())
                        })
                        .collect();
                    pool.borrow_mut().workers = workers;
                    pool
                })
                .clone();
            shown.set(Shown::Running(0.0));
            pool.borrow_mut().start(study.clone(), &plan);
        });
    }
    {
        // Workers that fail to load, or fail, never answer: said after a while.
        let (pool, shown) = (pool.clone(), shown.clone());
        use_effect_with((), move |_| {
            let watch = Interval::new(1_000, move || {
                let silent = pool
                    .borrow()
                    .as_ref()
                    .and_then(|p| p.borrow_mut().give_up_if_silent());
                if let Some(silent) = silent {
                    shown.set(silent);
                }
            });
            move || drop(watch)
        });
    }
    let windows = props.study.variants[0].risk.windows;
    let body = match &*shown {
        Shown::Running(progress) => {
            let on_stop = {
                let (pool, shown) = (pool.clone(), shown.clone());
                Callback::from(move |_: MouseEvent| {
                    let stopped = pool.borrow().as_ref().and_then(|p| p.borrow_mut().stop());
                    if let Some(stopped) = stopped {
                        shown.set(stopped);
                    }
                })
            };
            html! {
                <div class="progress" data-testid="risk-progress">
                    <label for="risk-progress-bar">{ format!("Simulating {} windows… {}%", grouped(windows as f64, 0), trim_decimals(progress * 100.0, 0)) }</label>
                    <progress id="risk-progress-bar" max="1" value={trim_decimals(*progress, 3)}></progress>
                    <button type="button" data-testid="risk-stop" onclick={on_stop}>{ "Stop" }</button>
                </div>
            }
        }
        Shown::Stopped(progress) => {
            let on_run = {
                let restarts = restarts.clone();
                Callback::from(move |_: MouseEvent| restarts.set(restarts.wrapping_add(1)))
            };
            html! {
                <p class="notice" data-testid="risk-stopped">
                    { format!("Stopped after {}% of the simulation. ", trim_decimals(progress * 100.0, 0)) }
                    <button type="button" data-testid="risk-run" onclick={on_run}>{ "Run again" }</button>
                </p>
            }
        }
        Shown::Refused(reason) => html! { <p class="notice error" role="alert">{ reason }</p> },
        Shown::Silent => {
            // New workers, then the run again.
            let on_retry = {
                let (pool, restarts) = (pool.clone(), restarts.clone());
                Callback::from(move |_: MouseEvent| {
                    pool.borrow_mut().take();
                    restarts.set(restarts.wrapping_add(1));
                })
            };
            html! {
                <div class="notice error" role="alert" data-testid="risk-silent">
                    <p>{ format!(
                        "The simulation did not answer for {} seconds: its workers may have failed to load (right after a new version was deployed, reloading the page fixes that). Everything else on this page works without them.",
                        SILENT_MS / 1000.0
                    ) }</p>
                    <button type="button" data-testid="risk-retry" onclick={on_retry}>{ "Try again" }</button>
                </div>
            }
        }
        Shown::Done(r, plan_ms, ms, workers) => study_view(props, r, &name, (*plan_ms, *ms, *workers)),
    };
    let odds = match &*shown {
        Shown::Done(r, ..) => Odds::Known(r),
        Shown::Running(_) => Odds::Pending("simulating…"),
        _ => Odds::Pending("not simulated"),
    };
    html! { <>
        { negotiation_card(&props.negotiation, &props.plan, &odds, &props.on_edit) }
        { card("risk-heading", "Incident risk: the odds of meeting the target", body) }
    </> }
}

fn study_view(
    props: &RiskStudyProps,
    r: &Rc<StudyReport>,
    name: &UseStateHandle<String>,
    (plan_ms, ms, workers): (f64, f64, usize),
) -> Html {
    let v = &props.study.variants[0];
    let figures = [
        (
            "Probability of meeting the SLO",
            "risk-probability-meet-slo",
            r.probability_slo,
            pct(r.probability_slo),
        ),
        (
            "Probability of meeting the SLA",
            "risk-probability-meet-sla",
            r.probability_sla,
            pct(r.probability_sla),
        ),
        (
            "Probability of owing credits",
            "sla-probability-credit",
            r.probability_credit,
            pct(r.probability_credit),
        ),
        (
            "Expected availability",
            "risk-expected-availability",
            r.mean,
            format!("{}%", trim_decimals(r.mean * 100.0, 5)),
        ),
        (
            "Expected share of the error budget spent",
            "risk-budget-spent",
            r.budget_spent,
            pct(r.budget_spent),
        ),
        (
            "Expected credit per window",
            "sla-expected-credit",
            r.credit,
            money(&props.plan.money.currency, r.credit),
        ),
    ];
    let workers = if workers == 1 {
        "1 worker".to_owned()
    } else {
        format!("{workers} workers")
    };
    html! { <>
        <p class="hint" data-testid="risk-timing" data-base-ms={trim_decimals(plan_ms, 2)} data-ms={trim_decimals(ms, 2)} data-workers={workers.clone()}>
            { format!("{} windows of {} simulated (seed {}) for the plan, each lever and each scenario, in {} ms on {workers}.",
                grouped(v.risk.windows as f64, 0), human_duration(v.risk.model.window()), v.risk.seed, trim_decimals(ms, 0)) }
        </p>
        <dl class="figures">
            { for figures.into_iter().map(|(label, id, value, text)| html! { <>
                <dt>{ label }</dt>
                <dd><strong data-testid={id} data-value={trim_decimals(value, 9)}>{ text }</strong></dd>
            </> }) }
        </dl>
        <p data-testid="risk-closed-form">{ &r.check }</p>
        <h3>{ "What buys the most probability?" }</h3>
        <table data-testid="risk-levers">
            <thead><tr><th scope="col">{ "Change" }</th><th scope="col">{ "Probability of meeting the SLO" }</th><th scope="col">{ "Gain" }</th></tr></thead>
            <tbody>
                { for r.levers.iter().map(|(label, p, gain)| html! {
                    <tr><td>{ label }</td><td>{ pct(*p) }</td><td>{ gain }</td></tr>
                }) }
            </tbody>
        </table>
        <p data-testid="risk-best-lever">{ &r.best }</p>
        { explain(&r.explained, "How are these computed?") }
        <ChartCanvas chart={SharedChart::from(r.histogram.clone())} on_edit={props.on_edit.clone()} test_id="risk-histogram" caption="The distribution of availability achieved per window over the simulated windows, with the SLO and SLA. Hover to read values; drag the SLO or SLA line to change it." />
        <Scenarios report={r.clone()} plan={props.plan.clone()} name={name.clone()} on_edit={props.on_edit.clone()} />
        <ChartCanvas chart={SharedChart::from(r.curves.clone())} on_edit={props.on_edit.clone()} test_id="scenarios-chart" caption="For the plan and each scenario, the share of simulated windows that achieve at least each availability. Read a curve at a target for the probability of meeting it; drag the SLO or SLA line to change it." />
    </> }
}

/// Properties of [`Scenarios`].
#[derive(Properties, PartialEq)]
struct ScenariosProps {
    report: Rc<StudyReport>,
    /// The plan (whose scenarios may be at their cap).
    plan: Rc<Plan>,
    /// The name a new scenario is kept under.
    name: UseStateHandle<String>,
    on_edit: Callback<PlanEdit>,
}

/// The plan and its scenarios side by side, and the field to keep the plan as one.
#[function_component]
fn Scenarios(props: &ScenariosProps) -> Html {
    let name = &props.name;
    let keep = {
        let (on_edit, name) = (props.on_edit.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(PlanEdit::KeepScenario {
                name: (*name).clone(),
            })
        })
    };
    let name_field = {
        let name = name.clone();
        TextFieldProps::new(
            "scenario-name",
            "Scenario name",
            name.to_string(),
            Callback::from(move |t: String| {
                let v = input::service_name(&t)?;
                name.set(v.clone());
                Ok(AttrValue::from(v))
            }),
        )
        .keyboard("text")
    };
    let cols = &props.report.scenarios;
    let cap = props.plan.cap(&PlanEdit::KeepScenario { name: String::new() });
    let row = |label: &'static str, cell: &dyn Fn(usize) -> Html| {
        html! { <tr><th scope="row">{ label }</th>{ for (0..cols.len()).map(cell) }</tr> }
    };
    let button = |label: &'static str, aria: String, edit: PlanEdit| {
        let on_edit = props.on_edit.clone();
        html! { <button type="button" aria-label={aria} onclick={Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()))}>{ label }</button> }
    };
    html! { <>
        <h3>{ "Scenarios side by side" }</h3>
        <p class="hint">{ "Keep the plan as it is now under a name, change it, and compare. Opening a scenario makes it the plan (keep the current one first to come back to it). Scenarios travel in the link." }</p>
        <div class="form-grid">
            { name_field.html() }
            <button type="button" data-testid="keep-scenario" disabled={cap.is_some()} onclick={keep}>{ "Keep this plan as a scenario" }</button>
            if let Some(cap) = cap { <span class="hint" data-testid="keep-scenario-cap">{ cap }</span> }
        </div>
        <table data-testid="scenarios">
            <thead><tr><th scope="col">{ "Plan" }</th>{ for cols.iter().map(|c| html! { <th scope="col">{ &c.name }</th> }) }</tr></thead>
            <tbody>
                { row("SLO target", &|i| html! { <td>{ format!("{}%", cols[i].target) }</td> }) }
                { row("Budget per window", &|i| html! {
                    <td data-testid={format!("scenario-{i}-budget-seconds")} data-value={trim_decimals(cols[i].budget_seconds, 6)}>{ human_duration(cols[i].budget_seconds) }</td>
                }) }
                { row("First alert tier fires after", &|i| html! { <td>{ &cols[i].detection }</td> }) }
                { row("Instances needed now", &|i| html! { <td>{ &cols[i].instances }</td> }) }
                { row("Probability of meeting the SLO", &|i| html! {
                    <td data-testid={format!("scenario-{i}-probability")} data-value={trim_decimals(cols[i].probability, 9)}>{ pct(cols[i].probability) }</td>
                }) }
                { row("Expected credit per window", &|i| html! { <td>{ money(&props.plan.money.currency, cols[i].credit) }</td> }) }
            </tbody>
        </table>
        <ul class="scenario-actions">
            { for cols.iter().skip(1).enumerate().map(|(i, c)| html! { <li>
                { &c.name }{ " " }
                { button("Open", format!("Open scenario {}", c.name), PlanEdit::OpenScenario { index: i }) }
                { button("Remove", format!("Remove scenario {}", c.name), PlanEdit::RemoveScenario { index: i }) }
            </li> }) }
        </ul>
    </> }
}
