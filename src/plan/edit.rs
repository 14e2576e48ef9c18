//! Edits: the only way the UI changes a plan. Each carries already-validated values.

use super::model::{Plan, SliSpec, TrafficSpec, WindowSpec};

/// One change the user made.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEdit {
    /// Renames the service.
    Service {
        /// The new name (checked by `input::service_name`).
        name: String,
    },
    /// Sets the SLO target.
    Target {
        /// Percent in (0, 100).
        percent: f64,
    },
    /// Sets the SLO window.
    Window {
        /// The new window.
        window: WindowSpec,
    },
    /// Sets what the SLI counts.
    Sli {
        /// The new SLI kind.
        sli: SliSpec,
    },
    /// Sets the traffic.
    Traffic {
        /// The new traffic.
        traffic: TrafficSpec,
    },
    /// Sets the reverse calculator's downtime.
    ReverseDowntime {
        /// Seconds, at least 0.
        seconds: f64,
    },
    /// Sets the reverse calculator's window.
    ReverseWindow {
        /// The new window.
        window: WindowSpec,
    },
}

impl Plan {
    /// The plan with `edit` applied. Edits a validated plan into a validated plan when
    /// their values come from the `input` parsers.
    #[must_use]
    pub fn with(&self, edit: PlanEdit) -> Plan {
        let mut plan = self.clone();
        match edit {
            PlanEdit::Service { name } => plan.service = name,
            PlanEdit::Target { percent } => plan.target_percent = percent,
            PlanEdit::Window { window } => plan.window = window,
            PlanEdit::Sli { sli } => plan.sli = sli,
            PlanEdit::Traffic { traffic } => plan.traffic = traffic,
            PlanEdit::ReverseDowntime { seconds } => plan.reverse.downtime_seconds = seconds,
            PlanEdit::ReverseWindow { window } => plan.reverse.window = window,
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_only_its_field() {
        let plan = Plan::default();
        let edited = plan.with(PlanEdit::Target { percent: 99.99 });
        assert_eq!(edited.target_percent, 99.99);
        assert_eq!(edited.with(PlanEdit::Target { percent: 99.9 }), plan);
    }
}
