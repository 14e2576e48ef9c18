//! The Capacity page: demand and its growth, the fleet and its headroom, the forecast
//! with its exhaustion date and scale-ups, queueing from utilisation to latency, and
//! the load test's Universal Scalability Law fit.

use super::chart_canvas::{ChartCanvas, SharedChart};
use super::fields::{card, choice, explain, reader, TextFieldProps};
use slo_charts::lines::LineChart;
use slo_engine::notation::{coefficient, grouped, trim_decimals};
use slo_plan::capacity::{self as spec, CapacitySpec, GrowthSpec, Range};
use slo_plan::edit::PlanEdit;
use slo_plan::input;
use slo_plan::report::capacity::{CapacityInput, CapacityReport};
use slo_plan::report::PlanChart;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What [`capacity_page`] shows.
pub struct CapacityPageProps {
    /// The plan's capacity section.
    pub spec: Rc<CapacitySpec>,
    /// What the page shows, derived from the plan, or what the plan lacks for it.
    pub report: Result<Rc<CapacityReport>, String>,
    /// Applies an edit to the plan.
    pub on_edit: Callback<PlanEdit>,
}

/// The edit that changes one value of the capacity section.
fn change<T>(capacity: &Rc<CapacitySpec>, apply: fn(&mut CapacitySpec, T)) -> impl Fn(T) -> PlanEdit {
    let capacity = capacity.clone();
    move |value| {
        let mut next = (*capacity).clone();
        apply(&mut next, value);
        PlanEdit::Capacity {
            capacity: Box::new(next),
        }
    }
}

/// A number field of the capacity section: its id, label, unit, hint, range, and how
/// it is read from and written to the section. Fields are data, drawn by one loop:
/// each field built in place would cost the download its own copy of the code.
struct NumberField {
    id: &'static str,
    label: &'static str,
    unit: Option<&'static str>,
    hint: Option<&'static str>,
    range: &'static Range,
    get: fn(&CapacitySpec) -> f64,
    set: fn(&mut CapacitySpec, f64),
}

const fn field(
    id: &'static str,
    label: &'static str,
    unit: Option<&'static str>,
    hint: Option<&'static str>,
    range: &'static Range,
    get: fn(&CapacitySpec) -> f64,
    set: fn(&mut CapacitySpec, f64),
) -> NumberField {
    NumberField {
        id,
        label,
        unit,
        hint,
        range,
        get,
        set,
    }
}

/// The fields, in a grid.
fn grid(p: &CapacityPageProps, fields: &'static [NumberField]) -> Html {
    html! {
        <div class="form-grid">
            { for fields.iter().map(|f| {
                let edit = change(&p.spec, f.set);
                let range = f.range;
                let mut props = TextFieldProps::new(
                    f.id,
                    f.label,
                    trim_decimals((f.get)(&p.spec), 6),
                    reader(&p.on_edit, move |t| input::in_range(t, range), move |v| (edit(v), trim_decimals(v, 6))),
                );
                props.unit = f.unit.map(AttrValue::Static);
                props.hint = f.hint.map(AttrValue::Static);
                if range.whole {
                    props.inputmode = AttrValue::Static("numeric");
                }
                props.html()
            }) }
        </div>
    }
}

const DEMAND: [NumberField; 2] = [
    field(
        "load-now",
        "Load today",
        Some("req/s"),
        Some("Ignored when the growth is fitted: the fit gives today's level."),
        &spec::LOAD,
        |c| c.load_rps,
        |c, v| c.load_rps = v,
    ),
    field(
        "peak-factor",
        "Seasonal peak factor",
        Some("×"),
        None,
        &spec::PEAK,
        |c| c.peak_factor,
        |c, v| c.peak_factor = v,
    ),
];

const FLEET: [NumberField; 6] = [
    field(
        "per-instance",
        "Capacity per instance",
        Some("req/s"),
        Some("Not used while the load test's peak is the ceiling."),
        &spec::PER_INSTANCE,
        |c| c.per_instance_rps,
        |c, v| c.per_instance_rps = v,
    ),
    field(
        "instances",
        "Instances today",
        None,
        None,
        &spec::INSTANCES,
        |c| f64::from(c.instances),
        |c, v| c.instances = v as u32,
    ),
    field(
        "utilisation",
        "Target utilisation",
        Some("%"),
        Some("The rest is headroom."),
        &spec::UTILISATION,
        |c| c.utilisation_percent,
        |c, v| c.utilisation_percent = v,
    ),
    field(
        "spare",
        "Instances that may be lost (k of N+k)",
        None,
        None,
        &spec::SPARE,
        |c| f64::from(c.spare),
        |c, v| c.spare = v as u32,
    ),
    field(
        "zones",
        "Zones (survive losing one when 2 or more)",
        None,
        None,
        &spec::ZONES,
        |c| f64::from(c.zones),
        |c, v| c.zones = v as u32,
    ),
    field(
        "horizon",
        "Forecast horizon",
        Some("months"),
        None,
        &spec::HORIZON,
        |c| f64::from(c.horizon_months),
        |c, v| c.horizon_months = v as u32,
    ),
];

const QUEUE: [NumberField; 4] = [
    field(
        "workers",
        "Workers per instance",
        None,
        Some("Requests one instance serves at once."),
        &spec::WORKERS,
        |c| f64::from(c.workers),
        |c, v| c.workers = v as u32,
    ),
    field(
        "service-ms",
        "Mean service time",
        Some("ms"),
        None,
        &spec::SERVICE,
        |c| c.service_ms,
        |c, v| c.service_ms = v,
    ),
    field(
        "latency-percentile",
        "Latency SLO percentile",
        Some("th"),
        None,
        &spec::PERCENTILE,
        |c| c.latency_percentile,
        |c, v| c.latency_percentile = v,
    ),
    field(
        "latency-ms",
        "Latency SLO threshold",
        Some("ms"),
        None,
        &spec::LATENCY,
        |c| c.latency_ms,
        |c, v| c.latency_ms = v,
    ),
];

/// A figure: its label, test id, exact value (for tests) and text.
type Figure = (String, &'static str, f64, String);

/// Figures as a definition list, drawn by one loop.
fn figures(rows: Vec<Figure>) -> Html {
    html! {
        <dl class="figures">
            { for rows.into_iter().map(|(label, test_id, value, text)| html! { <>
                <dt>{ label }</dt>
                <dd><strong data-testid={test_id} data-value={trim_decimals(value, 9)}>{ text }</strong></dd>
            </> }) }
        </dl>
    }
}

/// A pasted table of the capacity section, checked by `check` before it is kept.
fn table(
    p: &CapacityPageProps,
    id: &'static str,
    label: &'static str,
    value: &str,
    check: fn(&CapacitySpec, &str) -> Result<(), String>,
    apply: fn(&mut CapacitySpec, String),
) -> Html {
    let edit = change(&p.spec, apply);
    let capacity = p.spec.clone();
    TextFieldProps::new(
        id,
        label,
        value.to_owned(),
        reader(
            &p.on_edit,
            move |t| check(&capacity, t).map(|()| t.to_owned()),
            move |t: String| (edit(t.clone()), t),
        ),
    )
    .lines(6)
    .html()
}

const GROWTH_LINEAR: [NumberField; 1] = [field(
    "growth-amount",
    "Growth",
    Some("req/s a month"),
    None,
    &spec::LINEAR,
    |c| match c.growth {
        GrowthSpec::LinearPerMonth(v) => v,
        _ => 0.0,
    },
    |c, v| c.growth = GrowthSpec::LinearPerMonth(v),
)];

const GROWTH_COMPOUND: [NumberField; 1] = [field(
    "growth-amount",
    "Growth",
    Some("% a month"),
    None,
    &spec::COMPOUND,
    |c| match c.growth {
        GrowthSpec::CompoundPercent(v) => v,
        _ => 0.0,
    },
    |c, v| c.growth = GrowthSpec::CompoundPercent(v),
)];

fn growth_editor(p: &CapacityPageProps) -> Html {
    let (key, amount): (_, &'static [NumberField]) = match p.spec.growth {
        GrowthSpec::LinearPerMonth(_) => ("linear", &GROWTH_LINEAR),
        GrowthSpec::CompoundPercent(_) => ("compound", &GROWTH_COMPOUND),
        GrowthSpec::FitLinear => ("fit_linear", &[]),
        GrowthSpec::FitExponential => ("fit_exponential", &[]),
    };
    let on_model = {
        let (on_edit, edit) = (p.on_edit.clone(), change(&p.spec, |c, g| c.growth = g));
        Callback::from(move |key: String| {
            on_edit.emit(edit(match key.as_str() {
                "linear" => GrowthSpec::LinearPerMonth(50.0),
                "compound" => GrowthSpec::CompoundPercent(8.0),
                "fit_linear" => GrowthSpec::FitLinear,
                _ => GrowthSpec::FitExponential,
            }));
        })
    };
    let s = AttrValue::Static;
    html! { <div class="form-grid">
        { choice(s("growth-model"), "Growth model", key, on_model, vec![
            (s("compound"), s("compound: a percentage each month")),
            (s("linear"), s("linear: requests per second each month")),
            (s("fit_linear"), s("fitted to history: straight line")),
            (s("fit_exponential"), s("fitted to history: exponential")),
        ]) }
        { grid(p, amount) }
    </div> }
}

/// The Capacity page. While the plan lacks what the figures need (a history to fit),
/// the inputs stay and a message says what is missing.
pub fn capacity_page(p: &CapacityPageProps) -> Html {
    let r = p.report.as_ref().ok().map(|r| &**r);
    html! {
        <>
            if let Err(message) = &p.report {
                <p class="notice error" role="alert" data-testid="capacity-incomplete">{ message }</p>
            }
            { demand_card(p, r) }
            { fleet_card(p, r) }
            { queue_card(p, r) }
            { usl_card(p, r) }
        </>
    }
}

fn chart(
    p: &CapacityPageProps,
    chart: &PlanChart<LineChart<CapacityInput>>,
    test_id: &'static str,
    caption: &'static str,
) -> Html {
    html! {
        <ChartCanvas chart={SharedChart::from(chart.clone())} on_edit={p.on_edit.clone()} {test_id} {caption} />
    }
}

fn demand_card(p: &CapacityPageProps, r: Option<&CapacityReport>) -> Html {
    let history_ok = |c: &CapacitySpec, t: &str| spec::check_history(c.growth, t);
    card(
        "demand-heading",
        "Demand",
        html! { <>
            <p class="hint">{ "Requests per second at today's ordinary daily peak, how they grow, and how much higher seasonal peaks (launches, sales) go. Dates count from the plan's as-of date (Error budget page); a month is a twelfth of the mean Gregorian year, 30.436875 days." }</p>
            { grid(p, &DEMAND) }
            { growth_editor(p) }
            { table(p, "history", "Demand history (date, req/s per line)", &p.spec.history, history_ok, |c, t| c.history = t) }
            if let Some(r) = r { <p data-testid="growth-summary">{ &r.growth }</p> }
        </> },
    )
}

fn fleet_card(p: &CapacityPageProps, r: Option<&CapacityReport>) -> Html {
    card(
        "fleet-heading",
        "Fleet and forecast",
        html! { <>
            { grid(p, &FLEET) }
            if let Some(r) = r {
                { figures(vec![
                    ("Today's peak".into(), "peak-now", 0.0, r.peak_now.clone()),
                    ("Usable capacity of today's fleet".into(), "usable-now", 0.0, r.usable_now.clone()),
                    ("Capacity per instance in use".into(), "per-instance-in-use", 0.0, r.per_instance.clone()),
                    ("Instances needed now".into(), "instances-needed-now", r.needed_now as f64, r.needed_now.to_string()),
                ]) }
                { explain(&r.needed_explained, "How many instances?") }
                <div class="headline">
                    { "Headroom runs out: " }
                    <strong data-testid="capacity-exhaustion-date" data-iso={r.exhaustion.clone()} title={r.exhaustion.clone()}>{ &r.exhaustion_text }</strong>
                    { explain(&r.exhaustion_explained, "how?") }
                </div>
                <p>{ "Scale-ups, each in place by the start of its month:" }</p>
                <ol class="schedule" data-testid="scale-ups">
                    { for r.schedule.iter().map(|s| html! { <li>{ s }</li> }) }
                    if r.schedule.is_empty() { <li>{ "none within the horizon" }</li> }
                </ol>
                { chart(p, &r.forecast_chart, "forecast-chart", "Peak demand against today's usable capacity and the capacity after each scale-up, with the dates the headroom and the latency SLO run out. Hover to read values; drag today's capacity line to change the instance count.") }
            }
        </> },
    )
}

fn queue_card(p: &CapacityPageProps, r: Option<&CapacityReport>) -> Html {
    card(
        "queue-heading",
        "Queueing: utilisation to latency",
        html! { <>
            <p class="hint">{ "Each instance as an M/M/c queue (Erlang C): requests arrive at random and wait when all its workers are busy. Demand is shared evenly by today's instances." }</p>
            // The latency SLO is the plan's when it has one: its two fields are then
            // not asked for here.
            { grid(p, if r.is_some_and(|r| r.latency_from_slo) { &QUEUE[..2] } else { &QUEUE }) }
            if let Some(r) = r {
                <p class="hint" data-testid="latency-source">{ &r.latency_source }</p>
                { match &r.queue {
                    Ok(q) => html! { <>
                        { figures(vec![
                            ("Utilisation of the workers at today's peak".into(), "worker-utilisation", 0.0, q.utilisation.clone()),
                            ("Probability a request waits".into(), "erlang-wait-probability", q.wait_probability,
                                format!("{} ({}%)", trim_decimals(q.wait_probability, 4), grouped(q.wait_probability * 100.0, 2))),
                            ("Mean wait".into(), "erlang-mean-wait-ms", q.mean_wait_ms, format!("{} ms", grouped(q.mean_wait_ms, 3))),
                            (format!("{}th percentile of response time", r.latency_percentile), "latency-percentile-ms",
                                q.percentile_ms, format!("{} ms{}", grouped(q.percentile_ms, 3), if q.holds { ", within the SLO" } else { ", misses the SLO" })),
                            ("Fewest workers per instance that hold the SLO today".into(), "workers-needed", 0.0, r.workers_needed.clone()),
                        ]) }
                        { explain(&q.explained, "how?") }
                    </> },
                    Err(message) => html! { <p class="notice error" data-testid="queue-error">{ message }</p> },
                } }
                <p data-testid="latency-breach" data-iso={r.latency_breach.clone()} title={r.latency_breach.clone()}>{ &r.latency_text }{ explain(&r.latency_explained, "how?") }</p>
                <p data-testid="capacity-binding">{ &r.binding_limit }</p>
                if let Some(c) = &r.contradiction {
                    <p class="notice error" role="alert" data-testid="capacity-contradiction">{ c }</p>
                }
                { chart(p, &r.latency_chart, "latency-chart", "The latency percentile against the utilisation of an instance's workers, with the SLO threshold, the target utilisation and today's. Hover to read values; drag the threshold or the target utilisation.") }
            }
        </> },
    )
}

fn usl_card(p: &CapacityPageProps, r: Option<&CapacityReport>) -> Html {
    let on_ceiling = {
        let (on_edit, edit) = (p.on_edit.clone(), change(&p.spec, |c, on| c.usl_ceiling = on));
        Callback::from(move |e: Event| {
            on_edit.emit(edit(e.target_unchecked_into::<HtmlInputElement>().checked()))
        })
    };
    let usl_ok = |_: &CapacitySpec, t: &str| spec::load_test(t).map(|_| ());
    card(
        "usl-heading",
        "Scalability: the load test",
        html! { <>
            <p class="hint">{ "Paste load-test measurements (concurrency, throughput per line; at least 6) to fit the Universal Scalability Law." }</p>
            { table(p, "load-test", "Load-test measurements", &p.spec.load_test, usl_ok, |c, t| c.load_test = t) }
            if let Some(u) = r.and_then(|r| r.usl.as_ref()) {
                { figures(vec![
                    ("Contention σ".into(), "usl-sigma", u.sigma, coefficient(u.sigma)),
                    ("Coherency κ".into(), "usl-kappa", u.kappa, coefficient(u.kappa)),
                    ("Throughput of one, λ".into(), "usl-lambda", u.lambda, grouped(u.lambda, 2)),
                    ("Peak concurrency N_max".into(), "usl-nmax", u.n_max.unwrap_or(0.0),
                        u.n_max.map_or("none: κ = 0".to_owned(), |n| format!("{} ({})", grouped(n.floor(), 0), grouped(n, 2)))),
                    ("Peak throughput X_max".into(), "usl-xmax", u.x_max.unwrap_or(0.0), u.x_max.map_or("—".to_owned(), |x| grouped(x, 1))),
                    ("Fit R²".into(), "usl-r-squared", u.r_squared, trim_decimals(u.r_squared, 4)),
                ]) }
                { explain(&u.explained, "how?") }
            }
            <label class="check">
                <input type="checkbox" id="usl-ceiling" checked={p.spec.usl_ceiling} onchange={on_ceiling} />
                { " Use the peak throughput X_max as the capacity per instance" }
            </label>
            if let Some(c) = r.and_then(|r| r.usl_chart.as_ref()) {
                { chart(p, c, "usl-chart", "Measured throughput against concurrency, and the fitted Universal Scalability Law curve with its peak. Hover to read values.") }
            }
        </> },
    )
}
