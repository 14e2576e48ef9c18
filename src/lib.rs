//! slo-planner: plan SLOs, error budgets and alerts in the browser.
//!
//! Layers, each depending only on those before it:
//! - `slo_engine` (its own crate): the reliability math, no web dependencies;
//! - [`plan`]: the plan record, its validation, its link and JSON encodings, and the
//!   reports derived from it;
//! - [`charts`]: chart functions generic over plotters' `DrawingBackend`;
//! - [`ui`]: Yew components, the only code that touches the DOM.

pub mod charts;
pub mod export;
pub mod markup;
pub mod plan;
pub mod ui;
