//! The Risk page: what the dependencies allow, the SLA and its credits, the incident
//! model, and its Monte Carlo study with the plan's scenarios side by side
//! ([`super::study`], run on workers).

use super::fields::{add_button, card, choice, explain, TextFieldProps};
use super::study::RiskStudy;
use slo_engine::notation::{human_duration, trim_decimals};
use slo_plan::capacity::Range;
use slo_plan::edit::PlanEdit;
use slo_plan::input;
use slo_plan::report::negotiation::NegotiationReport;
use slo_plan::report::risk::RiskReport;
use slo_plan::risk::{self as spec, CreditSpec, DurationSpec, NodeKind, NodeSpec, RiskSpec, Shape};
use slo_plan::Plan;
use std::rc::Rc;
use yew::prelude::*;

/// What [`risk_page`] shows.
pub struct RiskPageProps {
    /// The plan (its study runs on the workers).
    pub plan: Rc<Plan>,
    /// The plan's risk section.
    pub spec: Rc<RiskSpec>,
    /// The SLO target, percent.
    pub slo_percent: f64,
    /// The SLO window, seconds (the risk plan is checked against it).
    pub window_seconds: f64,
    /// The figures.
    pub report: Rc<RiskReport>,
    /// The negotiation view's figures (its probabilities come from the study).
    pub negotiation: Rc<NegotiationReport>,
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
            <RiskStudy study={p.report.study.clone()} plan={p.plan.clone()} negotiation={p.negotiation.clone()} on_edit={p.on_edit.clone()} />
        </>
    }
}

fn dependencies_card(p: &RiskPageProps) -> Html {
    let r = &p.report;
    let nodes = p.spec.dependencies.walk();
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
            let (spec, on_edit, path) = (p.spec.clone(), p.on_edit.clone(), path.clone());
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
                // A change the plan cannot take (a tree grown too large) is refused by
                // the app, which says why.
                on_edit.emit(PlanEdit::Risk { risk: Box::new(next) });
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
        let add = group.then(|| {
            let edit = PlanEdit::AddDependency { group: path.to_vec() };
            add_button(&p.plan, "Add member", Some(format!("Add member to {}", node.name)), format!("add-member-{i}"), edit, &p.on_edit)
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
        let gain = row.gain.as_ref().map(|(gain, share)| {
            let share = trim_decimals(share * 100.0, 1);
            html! { <>
                { format!(" · one more nine adds {gain} pp ") }
                <span class="bar" role="img" aria-label={format!("{share}% of the largest gain")}><span style={format!("width:{share}%")}></span></span>
            </> }
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
                <p class="dep-figures">{ "Availability " }<strong data-testid={format!("dep-{i}-availability-value")}>{ &row.availability }</strong>{ for gain }</p>
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
    let add = add_button(
        &p.plan,
        "Add credit tier",
        None,
        "add-credit",
        PlanEdit::AddCredit,
        &p.on_edit,
    );
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
            { add }
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
        let (spec, on_edit) = (p.spec.clone(), p.on_edit.clone());
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
            on_edit.emit(PlanEdit::Risk { risk: Box::new(next) });
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
