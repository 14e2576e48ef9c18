//! What each page shows, derived from a validated plan with the engine: figures,
//! explanations and the data of its charts. The Markdown report for a design document
//! is built from the same reports.

pub mod alerts;
pub mod budget;
pub mod capacity;
pub mod markdown;
pub mod negotiation;
pub mod overview;
pub mod replay;
pub mod risk;
pub mod slos;
pub mod study;
pub mod targets;

use crate::edit::PlanEdit;
use slo_charts::{Editable, Interactive};
use std::rc::Rc;

/// A chart a page draws, whose drags become edits of the plan.
pub type PlanChart<C> = Rc<Editable<C, PlanEdit>>;

/// `chart`, whose chart-level moves `edit` turns into plan edits.
fn editable<C: Interactive>(chart: C, edit: impl Fn(C::Moved) -> Option<PlanEdit> + 'static) -> PlanChart<C> {
    Rc::new(Editable::new(chart, edit))
}
