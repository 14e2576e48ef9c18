//! The Risk page: what the dependencies allow, the SLA and its credits, the Monte Carlo
//! study of incidents (run in slices with a progress bar, so the page never freezes),
//! and the plan's scenarios side by side.

use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{card, choice, explain, markup, TextFieldProps};
use gloo::timers::callback::Timeout;
use slo_engine::notation::{grouped, human_duration, trim_decimals};
use slo_engine::risk::Simulation;
use slo_plan::capacity::Range;
use slo_plan::edit::PlanEdit;
use slo_plan::input;
use slo_plan::markup::escape as esc;
use slo_plan::report::risk::{pct, RiskReport, ScenarioColumn, Study, StudyReport};
use slo_plan::risk::{self as spec, CreditSpec, DurationSpec, NodeKind, NodeSpec, RiskSpec, Shape};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// What [`risk_page`] shows.
pub struct RiskPageProps {
    /// The plan's risk section.
    pub spec: Rc<RiskSpec>,
    /// The SLO target, percent.
    pub slo_percent: f64,
    /// The SLO window, seconds (the risk plan is checked against it).
    pub window_seconds: f64,
    /// The figures.
    pub report: Rc<RiskReport>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// Which value of the risk plan a number field sets.
#[derive(Clone)]
enum Setter {
    /// A value of the plan itself.
    Spec(fn(&mut RiskSpec, f64)),
    /// A value of the dependency at a path.
    Node(Rc<[usize]>, fn(&mut NodeSpec, f64)),
    /// A value of the n-th credit tier.
    Credit(usize, fn(&mut CreditSpec, f64)),
    /// A value of the time to detect (`true`) or to repair.
    Time(bool, fn(&mut DurationSpec, f64)),
}

impl Setter {
    fn apply(&self, s: &mut RiskSpec, v: f64) {
        match self {
            Setter::Spec(set) => set(s, v),
            Setter::Node(path, set) => {
                if let Some(n) = s.dependencies.at_mut(path) {
                    set(n, v);
                }
            }
            Setter::Credit(i, set) => {
                if let Some(c) = s.credits.get_mut(*i) {
                    set(c, v);
                }
            }
            Setter::Time(detect, set) => set(if *detect { &mut s.detect } else { &mut s.repair }, v),
        }
    }
}

/// Keeps `next` when the whole risk plan is still valid; else says why.
fn keep(p: &RiskPageProps) -> impl Fn(RiskSpec) -> Result<(), String> {
    let (on_edit, window) = (p.on_edit.clone(), p.window_seconds);
    move |next: RiskSpec| {
        next.validate(window).map_err(|e| e.1)?;
        on_edit.emit(PlanEdit::Risk { risk: Box::new(next) });
        Ok(())
    }
}

/// A number field of the risk plan. Every field is made here, so the download holds
/// one copy of its reader.
fn number(
    p: &RiskPageProps,
    id: String,
    label: &'static str,
    value: f64,
    range: &'static Range,
    unit: Option<&'static str>,
    set: Setter,
) -> Html {
    let (spec, keep) = (p.spec.clone(), keep(p));
    let on_input = Callback::from(move |t: String| {
        let v = input::in_range(&t, range)?;
        let mut next = (*spec).clone();
        set.apply(&mut next, v);
        keep(next)?;
        Ok(AttrValue::from(trim_decimals(v, 6)))
    });
    let mut props = TextFieldProps::new(id, label, trim_decimals(value, 6), on_input);
    props.unit = unit.map(AttrValue::Static);
    if range.whole {
        props.inputmode = AttrValue::Static("numeric");
    }
    props.html()
}

/// A button that makes `edit`.
fn button(label: &'static str, aria: String, on_edit: &Callback<PlanEdit>, edit: PlanEdit) -> Html {
    let on_edit = on_edit.clone();
    html! {
        <button type="button" aria-label={aria} onclick={Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()))}>{ label }</button>
    }
}

/// The risk plan with `change` made to a copy.
fn changed(p: &RiskPageProps, change: impl FnOnce(&mut RiskSpec)) -> PlanEdit {
    let mut next = (*p.spec).clone();
    change(&mut next);
    PlanEdit::Risk { risk: Box::new(next) }
}

/// The Risk page.
pub fn risk_page(p: &RiskPageProps) -> Html {
    html! {
        <>
            { dependencies_card(p) }
            { sla_card(p) }
            { incidents_card(p) }
            <RiskStudy study={p.report.study.clone()} on_edit={p.on_edit.clone()} />
        </>
    }
}

fn dependencies_card(p: &RiskPageProps) -> Html {
    let r = &p.report;
    let nodes = p.spec.dependencies.walk();
    let full = nodes.len() >= spec::MAX_NODES;
    let rows = r.rows.iter().zip(nodes).enumerate().map(|(i, (row, (_, node)))| {
        let path: Rc<[usize]> = row.path.clone().into();
        let name = {
            let (spec, keep, path) = (p.spec.clone(), keep(p), path.clone());
            TextFieldProps::new(
                format!("dep-{i}-name"),
                "Name",
                node.name.clone(),
                Callback::from(move |t: String| {
                    let mut next = (*spec).clone();
                    if let Some(n) = next.dependencies.at_mut(&path) {
                        n.name = t.trim().to_owned();
                    }
                    keep(next)?;
                    Ok(AttrValue::from(t.trim().to_owned()))
                }),
            )
            .keyboard("text")
        };
        let on_kind = {
            let (spec, keep, path) = (p.spec.clone(), keep(p), path.clone());
            Callback::from(move |key: String| {
                let mut next = (*spec).clone();
                if let Some(n) = next.dependencies.at_mut(&path) {
                    n.set_kind(match key.as_str() {
                        "all" => NodeKind::All,
                        "any" => NodeKind::Any,
                        "quorum" => NodeKind::Quorum,
                        _ => NodeKind::Dependency,
                    });
                }
                // A change the plan cannot take (a tree grown too large) is not made.
                let _ = keep(next);
            })
        };
        let s = AttrValue::Static;
        let kind = match node.kind {
            NodeKind::Dependency => "dependency",
            NodeKind::All => "all",
            NodeKind::Any => "any",
            NodeKind::Quorum => "quorum",
        };
        let group = node.kind != NodeKind::Dependency;
        let add = (group && !full).then(|| {
            button("Add member", format!("Add member to {}", node.name), &p.on_edit, changed(p, |next| {
                if let Some(n) = next.dependencies.at_mut(&path) {
                    n.members.push(NodeSpec::dependency("new dependency", 99.9));
                }
            }))
        });
        let remove = path.split_last().filter(|(_, parent)| {
            p.spec.dependencies.at(parent).is_some_and(|n| n.members.len() > 1)
        });
        let remove = remove.map(|(last, parent)| {
            button("Remove", format!("Remove {}", node.name), &p.on_edit, changed(p, |next| {
                if let Some(n) = next.dependencies.at_mut(parent) {
                    n.remove_member(*last);
                }
            }))
        });
        let gain = row.gain.as_ref().map_or(String::new(), |(gain, share)| {
            format!(
                " · one more nine adds {gain} pp <span class=\"bar\" role=\"img\" aria-label=\"{0}% of the largest gain\"><span style=\"width:{0}%\"></span></span>",
                trim_decimals(share * 100.0, 1)
            )
        });
        html! {
            <li class="dep" style={format!("margin-left:{}em", row.depth * 2)} data-testid={format!("dep-{i}")}>
                <div class="form-grid">
                    { name.html() }
                    { choice(AttrValue::from(format!("dep-{i}-kind")), "Kind", kind, on_kind, vec![
                        (s("dependency"), s("one dependency")),
                        (s("all"), s("group: all needed (serial)")),
                        (s("any"), s("group: any one suffices (redundant)")),
                        (s("quorum"), s("group: k of n needed (quorum)")),
                    ]) }
                    if !group {
                        { number(p, format!("dep-{i}-availability"), "Availability", node.availability_percent, &spec::AVAILABILITY, Some("%"), Setter::Node(path.clone(), |n, v| n.availability_percent = v)) }
                    }
                    if node.kind == NodeKind::Quorum {
                        { number(p, format!("dep-{i}-k"), "Members needed (k)", f64::from(node.k), &spec::QUORUM, None, Setter::Node(path.clone(), |n, v| n.k = v as u32)) }
                    }
                    { number(p, format!("dep-{i}-affects"), "Requests its failure affects", node.affects_percent, &spec::AFFECTS, Some("%"), Setter::Node(path.clone(), |n, v| n.affects_percent = v)) }
                </div>
                { markup(format!("<p class=\"dep-figures\">Availability <strong data-testid=\"dep-{i}-availability-value\">{}</strong>{gain}</p>", row.availability)) }
                { for add }
                { for remove }
            </li>
        }
    });
    card(
        "dependencies-heading",
        "Dependencies: what can we promise?",
        html! { <>
            <p class="hint">{ "List what the service needs and how it combines. A group is " }<em>{ "all" }</em>{ " (every member needed), " }<em>{ "any" }</em>{ " (one suffices: redundancy) or " }<em>{ "k of n" }</em>{ " (a quorum); a dependency whose failure touches only some requests is soft. Failures are assumed independent." }</p>
            <ul class="deps">{ for rows }</ul>
            <p class="headline">{ "Composite availability: " }
                <strong data-testid="composite-availability" data-value={trim_decimals(r.composite, 12)}>{ format!("{}%", trim_decimals(r.composite * 100.0, 6)) }</strong></p>
            <p class={(!r.within_ceiling).then_some("notice error")} data-testid="composite-ceiling">{ &r.ceiling }</p>
            <p>{ &r.downtime }</p>
            <p data-testid="composite-dominant">{ &r.dominant }</p>
            { explain(&r.composite_explained, "How is the composite computed?") }
        </> },
    )
}

fn sla_card(p: &RiskPageProps) -> Html {
    let credits = p.spec.credits.iter().enumerate().map(|(i, c)| {
        html! {
            <div class="form-grid" data-testid={format!("credit-{i}")}>
                { number(p, format!("credit-{i}-below"), "Below", c.below_percent, &spec::BELOW, Some("%"), Setter::Credit(i, |c, v| c.below_percent = v)) }
                { number(p, format!("credit-{i}-credit"), "Credit", c.credit_percent, &spec::CREDIT, Some("% of revenue"), Setter::Credit(i, |c, v| c.credit_percent = v)) }
                { button("Remove", format!("Remove credit tier {}", i + 1), &p.on_edit, changed(p, |next| { next.credits.remove(i); })) }
            </div>
        }
    });
    let add = (p.spec.credits.len() < slo_engine::sla::MAX_TIERS).then(|| {
        button(
            "Add credit tier",
            "Add credit tier".to_owned(),
            &p.on_edit,
            changed(p, |next| {
                next.credits.push(CreditSpec {
                    below_percent: 95.0,
                    credit_percent: 50.0,
                });
            }),
        )
    });
    card(
        "sla-heading",
        "SLA and service credits",
        html! { <>
            <p class="hint">{ "The SLA is what customers are promised; the SLO is the internal target set above it as a buffer. A window owes the credit of the strictest tier it falls below. Revenue is per month, scaled to the SLO window (a month is 30.436875 days)." }</p>
            <div class="form-grid">
                { number(p, "sla".to_owned(), "SLA target", p.spec.sla_percent, &spec::SLA, Some("%"), Setter::Spec(|s, v| s.sla_percent = v)) }
                { number(p, "revenue".to_owned(), "Revenue per month", p.spec.revenue_per_month, &spec::REVENUE, None, Setter::Spec(|s, v| s.revenue_per_month = v)) }
            </div>
            { for credits }
            { for add }
            <p class={(!p.report.buffer.1).then_some("notice error")} data-testid="sla-buffer">{ &p.report.buffer.0 }</p>
        </> },
    )
}

fn duration_fields(p: &RiskPageProps, detect: bool) -> Html {
    let (id, label, d) = if detect {
        ("detect", "Time to detect", p.spec.detect)
    } else {
        ("repair", "Time to repair", p.spec.repair)
    };
    let on_shape = {
        let (spec, keep) = (p.spec.clone(), keep(p));
        Callback::from(move |key: String| {
            let mut next = (*spec).clone();
            let d = if detect {
                &mut next.detect
            } else {
                &mut next.repair
            };
            *d = d.with_shape(match key.as_str() {
                "fixed" => Shape::Fixed,
                "exponential" => Shape::Exponential,
                _ => Shape::LogNormal,
            });
            let _ = keep(next);
        })
    };
    let s = AttrValue::Static;
    let key = match d.shape {
        Shape::Fixed => "fixed",
        Shape::Exponential => "exponential",
        Shape::LogNormal => "log_normal",
    };
    html! { <div class="form-grid">
        { choice(s(id), label, key, on_shape, vec![
            (s("fixed"), s("fixed")),
            (s("exponential"), s("exponential (give the mean)")),
            (s("log_normal"), s("log-normal (give the median and p90)")),
        ]) }
        { number(p, format!("{id}-minutes"), "Minutes (fixed, mean or median)", d.minutes, &spec::TIME, Some("min"), Setter::Time(detect, |d, v| d.minutes = v)) }
        if d.shape == Shape::LogNormal {
            { number(p, format!("{id}-p90"), "90th percentile", d.p90_minutes, &spec::TIME, Some("min"), Setter::Time(detect, |d, v| d.p90_minutes = v)) }
        }
    </div> }
}

fn incidents_card(p: &RiskPageProps) -> Html {
    let s = &p.spec;
    card(
        "incidents-heading",
        "Incident model",
        html! { <>
            <p class="hint">{ "Incidents arrive at random (Poisson). Each lasts its time to detect plus its time to repair and fails a share of requests; planned maintenance adds downtime to every window. The seed makes a shared link give everyone the same result." }</p>
            <div class="form-grid">
                { number(p, "incidents".to_owned(), "Incidents per month", s.incidents_per_month, &spec::INCIDENTS, None, Setter::Spec(|s, v| s.incidents_per_month = v)) }
                { number(p, "impact".to_owned(), "Requests an incident fails", s.impact_percent, &spec::IMPACT, Some("%"), Setter::Spec(|s, v| s.impact_percent = v)) }
                { number(p, "maintenance".to_owned(), "Planned maintenance per window", s.maintenance_minutes, &spec::MAINTENANCE, Some("min"), Setter::Spec(|s, v| s.maintenance_minutes = v)) }
                { number(p, "windows".to_owned(), "Windows to simulate", f64::from(s.windows), &spec::WINDOWS, None, Setter::Spec(|s, v| s.windows = v as u32)) }
                { number(p, "seed".to_owned(), "Seed", f64::from(s.seed), &spec::SEED, None, Setter::Spec(|s, v| s.seed = v as u32)) }
            </div>
            { duration_fields(p, true) }
            { duration_fields(p, false) }
            <p>{ format!("Expected downtime per window (closed form): {}.", human_duration(p.report.expected_downtime)) }</p>
        </> },
    )
}

/// Properties of [`RiskStudy`].
#[derive(Properties, PartialEq)]
pub struct RiskStudyProps {
    /// What to simulate. The study reruns only when it changes (renaming a dependency
    /// does not rerun it).
    pub study: Rc<Study>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// A study in progress: its simulations and the compute time spent, milliseconds
/// (in total, and until the plan's own simulation finished).
struct Job {
    runs: Vec<Simulation>,
    ms: f64,
    base_ms: Option<f64>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs the study in slices of about 12 ms, yielding to the browser between them so
/// the progress bar moves and the page answers input; a new plan cancels the old run.
#[function_component]
fn RiskStudy(props: &RiskStudyProps) -> Html {
    let progress = use_state_eq(|| 0.0f64);
    let name = use_state_eq(|| "variant".to_owned());
    let result = use_state(|| None::<(Rc<StudyReport>, f64, f64)>);
    {
        let (progress, result) = (progress.clone(), result.clone());
        use_effect_with(props.study.clone(), move |study| {
            let cancelled = Rc::new(Cell::new(false));
            let job = Rc::new(RefCell::new(Job {
                runs: study.simulations(),
                ms: 0.0,
                base_ms: None,
            }));
            result.set(None);
            progress.set(0.0);
            fn step(
                job: Rc<RefCell<Job>>,
                cancelled: Rc<Cell<bool>>,
                study: Rc<Study>,
                progress: UseStateHandle<f64>,
                result: UseStateHandle<Option<(Rc<StudyReport>, f64, f64)>>,
            ) {
                if cancelled.get() {
                    return;
                }
                let start = now();
                let mut guard = job.borrow_mut();
                let j = &mut *guard;
                let mut done = true;
                let mut elapsed = 0.0;
                for (i, run) in j.runs.iter_mut().enumerate() {
                    while !run.done() && elapsed < 12.0 {
                        run.advance(2_000);
                        elapsed = now() - start;
                    }
                    if !run.done() {
                        done = false;
                        break;
                    }
                    if i == 0 && j.base_ms.is_none() {
                        j.base_ms = Some(j.ms + elapsed);
                    }
                }
                j.ms += elapsed;
                let total: f64 = j.runs.iter().map(Simulation::progress).sum::<f64>() / j.runs.len() as f64;
                if done {
                    let r = study.outcome(&j.runs);
                    result.set(Some((Rc::new(r), j.base_ms.unwrap_or(j.ms), j.ms)));
                    progress.set(1.0);
                    return;
                }
                progress.set(total);
                drop(guard);
                Timeout::new(0, move || step(job, cancelled, study, progress, result)).forget();
            }
            step(job, cancelled.clone(), study.clone(), progress, result);
            move || cancelled.set(true)
        });
    }
    let windows = props.study.variants[0].risk.windows;
    let body = match &*result {
        None => html! {
            <div class="progress" data-testid="risk-progress">
                <label for="risk-progress-bar">{ format!("Simulating {} windows… {}%", grouped(windows as f64, 0), trim_decimals(*progress * 100.0, 0)) }</label>
                <progress id="risk-progress-bar" max="1" value={trim_decimals(*progress, 3)}></progress>
            </div>
        },
        Some((r, base_ms, ms)) => study_view(props, r, &name, (*base_ms, *ms)),
    };
    html! { <>
        { card("risk-heading", "Incident risk: the odds of meeting the target", body) }
    </> }
}

fn study_view(
    props: &RiskStudyProps,
    r: &StudyReport,
    name: &UseStateHandle<String>,
    (base_ms, ms): (f64, f64),
) -> Html {
    let v = &props.study.variants[0];
    let mut html = format!(
        "<p class=\"hint\" data-testid=\"risk-timing\" data-base-ms=\"{}\" data-ms=\"{}\">{} windows of {} simulated (seed {}) for the plan, each lever and each scenario, in {} ms of computing.</p><dl class=\"figures\">",
        trim_decimals(base_ms, 2), trim_decimals(ms, 2), grouped(v.risk.windows as f64, 0),
        human_duration(v.risk.model.window()), v.risk.seed, trim_decimals(ms, 0)
    );
    for (label, id, value, text) in [
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
            grouped(r.credit, 2),
        ),
    ] {
        html += &format!(
            "<dt>{label}</dt><dd><strong data-testid=\"{id}\" data-value=\"{}\">{text}</strong></dd>",
            trim_decimals(value, 9)
        );
    }
    html += &format!(
        "</dl><p data-testid=\"risk-closed-form\">{}</p><h3>What buys the most probability?</h3><table data-testid=\"risk-levers\"><thead><tr><th scope=\"col\">Change</th><th scope=\"col\">Probability of meeting the SLO</th><th scope=\"col\">Gain</th></tr></thead><tbody>",
        esc(&r.check)
    );
    for (label, p, gain) in &r.levers {
        html += &format!("<tr><td>{label}</td><td>{}</td><td>{gain}</td></tr>", pct(*p));
    }
    html += &format!(
        "</tbody></table><p data-testid=\"risk-best-lever\">{}</p>",
        esc(&r.best)
    );
    html! { <>
        { markup(html) }
        { explain(&r.explained, "How are these computed?") }
        <ChartCanvas chart={SharedChart::from(r.histogram.clone())} on_edit={props.on_edit.clone()} test_id="risk-histogram" caption="The distribution of availability achieved per window over the simulated windows, with the SLO and SLA. Hover to read values; drag the SLO or SLA line to change it." />
        { scenarios_view(props, r, name) }
        <ChartCanvas chart={SharedChart::from(r.curves.clone())} on_edit={props.on_edit.clone()} test_id="scenarios-chart" caption="For the plan and each scenario, the share of simulated windows that achieve at least each availability. Read a curve at a target for the probability of meeting it; drag the SLO or SLA line to change it." />
    </> }
}

fn scenarios_view(props: &RiskStudyProps, r: &StudyReport, name: &UseStateHandle<String>) -> Html {
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
    let cols = &r.scenarios;
    let mut table = String::from("<table data-testid=\"scenarios\"><thead><tr><th scope=\"col\">Plan</th>");
    for c in cols {
        table += &format!("<th scope=\"col\">{}</th>", esc(&c.name));
    }
    table += "</tr></thead><tbody>";
    let mut row = |label: &str, cell: &dyn Fn(usize, &ScenarioColumn) -> String| {
        table += &format!("<tr><th scope=\"row\">{label}</th>");
        for (i, c) in cols.iter().enumerate() {
            table += &cell(i, c);
        }
        table += "</tr>";
    };
    row("SLO target", &|_, c| format!("<td>{}%</td>", c.target));
    row("Budget per window", &|i, c| {
        format!(
            "<td data-testid=\"scenario-{i}-budget-seconds\" data-value=\"{}\">{}</td>",
            trim_decimals(c.budget_seconds, 6),
            human_duration(c.budget_seconds)
        )
    });
    row("First alert tier fires after", &|_, c| {
        format!("<td>{}</td>", c.detection)
    });
    row("Instances needed now", &|_, c| {
        format!("<td>{}</td>", c.instances)
    });
    row("Probability of meeting the SLO", &|i, c| {
        format!(
            "<td data-testid=\"scenario-{i}-probability\" data-value=\"{}\">{}</td>",
            trim_decimals(c.probability, 9),
            pct(c.probability)
        )
    });
    row("Expected credit per window", &|_, c| {
        format!("<td>{}</td>", grouped(c.credit, 2))
    });
    table += "</tbody></table>";
    html! { <>
        <h3>{ "Scenarios side by side" }</h3>
        <p class="hint">{ "Keep the plan as it is now under a name, change it, and compare. Opening a scenario makes it the plan (keep the current one first to come back to it). Scenarios travel in the link." }</p>
        <div class="form-grid">
            { name_field.html() }
            <button type="button" data-testid="keep-scenario" onclick={keep}>{ "Keep this plan as a scenario" }</button>
        </div>
        { markup(table) }
        <ul class="scenario-actions">
            { for cols.iter().skip(1).enumerate().map(|(i, c)| html! { <li>
                { &c.name }{ " " }
                { button("Open", format!("Open scenario {}", c.name), &props.on_edit, PlanEdit::OpenScenario { index: i }) }
                { button("Remove", format!("Remove scenario {}", c.name), &props.on_edit, PlanEdit::RemoveScenario { index: i }) }
            </li> }) }
        </ul>
    </> }
}
