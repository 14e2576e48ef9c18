//! Undo and redo: the plans before and after the one shown, step by step as the user
//! made them. Typing in one field is one step: the edits of a field that follow each
//! other merge into the step of the first (see [`PlanEdit::merges_with`]).

use crate::edit::PlanEdit;
use crate::Plan;
use std::rc::Rc;

/// The most steps kept to undo; the oldest go first.
pub const MAX_STEPS: usize = 128;

/// The steps to undo and to redo. Cloning it is cheap: the plans are shared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Undo {
    /// The plans before the one shown, oldest first.
    past: Vec<Rc<Plan>>,
    /// The plans undone, the next to redo last.
    future: Vec<Rc<Plan>>,
    /// The edit of the latest step, which the next edit of the same field joins.
    last: Option<PlanEdit>,
}

impl Undo {
    /// Records a step: `before` was replaced by `edit` (`None` when a whole plan was
    /// opened, which is always a step of its own). Clears what could be redone.
    pub fn record(&mut self, before: &Plan, edit: Option<&PlanEdit>) {
        let merges = match (edit, &self.last) {
            (Some(edit), Some(last)) => edit.merges_with(last),
            _ => false,
        };
        if !merges {
            self.past.push(Rc::new(before.clone()));
            if self.past.len() > MAX_STEPS {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last = edit.cloned();
    }

    /// Puts back the plan before `current`; whether there was one.
    pub fn undo(&mut self, current: &mut Plan) -> bool {
        self.last = None;
        step(&mut self.past, &mut self.future, current)
    }

    /// Puts back the plan `current` was undone from; whether there was one.
    pub fn redo(&mut self, current: &mut Plan) -> bool {
        self.last = None;
        step(&mut self.future, &mut self.past, current)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

/// Makes the last plan of `from` the current one, keeping `current` last in `to`;
/// whether `from` had one.
fn step(from: &mut Vec<Rc<Plan>>, to: &mut Vec<Rc<Plan>>, current: &mut Plan) -> bool {
    let Some(plan) = from.pop() else {
        return false;
    };
    to.push(Rc::new(std::mem::replace(current, Rc::unwrap_or_clone(plan))));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(percent: f64) -> PlanEdit {
        PlanEdit::Target { percent }
    }

    /// Applies `edit` to `plan` as the app does, recording the step.
    fn edit(undo: &mut Undo, plan: &mut Plan, edit: PlanEdit) {
        let next = plan.edited(edit.clone()).expect("a valid edit");
        undo.record(plan, Some(&edit));
        *plan = next;
    }

    #[test]
    fn typing_in_a_field_is_one_step_and_another_field_starts_the_next() {
        let (mut undo, mut plan) = (Undo::default(), Plan::default());
        let start = plan.clone();
        for percent in [9.0, 99.0, 99.9, 99.95] {
            edit(&mut undo, &mut plan, target(percent));
        }
        let typed = plan.clone();
        edit(&mut undo, &mut plan, PlanEdit::AddIncident);
        edit(&mut undo, &mut plan, PlanEdit::AddIncident);
        assert!(undo.undo(&mut plan));
        assert!(undo.undo(&mut plan));
        assert_eq!(plan, typed);
        assert!(undo.undo(&mut plan));
        assert_eq!(plan, start);
        assert!(!undo.undo(&mut plan) && !undo.can_undo());
        // Redo walks forward again; a new edit clears what is left to redo.
        assert!(undo.redo(&mut plan));
        assert_eq!(plan, typed);
        edit(&mut undo, &mut plan, target(99.5));
        assert!(!undo.can_redo());
    }

    #[test]
    fn after_an_undo_the_same_field_starts_a_new_step() {
        let (mut undo, mut plan) = (Undo::default(), Plan::default());
        edit(&mut undo, &mut plan, target(99.0));
        undo.undo(&mut plan);
        edit(&mut undo, &mut plan, target(99.5));
        let after = plan.clone();
        edit(&mut undo, &mut plan, PlanEdit::Service { name: "a".to_owned() });
        edit(&mut undo, &mut plan, target(99.9));
        undo.undo(&mut plan);
        assert_eq!(plan.slo().target_percent, 99.5);
        undo.undo(&mut plan);
        assert_eq!(plan, after);
    }

    #[test]
    fn the_oldest_steps_go_beyond_the_most_kept() {
        let (mut undo, mut plan) = (Undo::default(), Plan::default());
        for i in 0..MAX_STEPS + 10 {
            edit(
                &mut undo,
                &mut plan,
                PlanEdit::Service {
                    name: format!("s{i}"),
                },
            );
            edit(&mut undo, &mut plan, PlanEdit::AddIncident);
            edit(&mut undo, &mut plan, PlanEdit::RemoveIncident { index: 0 });
        }
        let mut steps = 0;
        while undo.undo(&mut plan) {
            steps += 1;
        }
        assert_eq!(steps, MAX_STEPS);
    }
}
