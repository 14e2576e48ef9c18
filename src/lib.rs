//! slo-planner: plan SLOs, error budgets and alerts in the browser.
//!
//! This crate is the Yew UI alone ([`ui`]): it collects input, calls the layers below
//! and draws; [`worker`] is the Web Worker that runs its rarely used work off the main
//! thread. The layers, each depending only on those before it, are crates:
//! - `slo_engine`: the reliability math;
//! - `slo_charts`: chart functions over plotters' `DrawingBackend`, fed chart data;
//! - `slo_plan`: the plan record, its validation, edits, link and document codecs, the
//!   page reports, the lessons and the exports.

pub mod promql;
pub mod ui;
pub mod worker;
