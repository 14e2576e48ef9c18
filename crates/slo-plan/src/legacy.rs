//! Plans of format versions 1 to 5, which held one SLO: each opens as a service with
//! that one SLO (see `docs/plan-format.md`).

use super::alerts::{workbook_preset, AlertsSpec, MetricSpec};
use super::capacity::CapacitySpec;
use super::model::{BudgetSpec, Plan, ReverseSpec, ScenarioSpec, SliSpec, SloSpec, TrafficSpec, WindowSpec};
use super::risk::RiskSpec;
use serde::Deserialize;

/// The plan of versions 1 to 5 as written: versions 2 to 4 only added fields and
/// version 5 changed only the link's container, so one type reads them all.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanV5 {
    service: String,
    target_percent: f64,
    window: WindowSpec,
    sli: SliSpec,
    traffic: TrafficSpec,
    reverse: ReverseSpec,
    #[serde(default)]
    budget: BudgetSpec,
    #[serde(default)]
    alerts: AlertsSpec,
    #[serde(default)]
    capacity: CapacitySpec,
    #[serde(default)]
    risk: RiskSpec,
    #[serde(default)]
    scenarios: Vec<ScenarioV5>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioV5 {
    name: String,
    plan: PlanV5,
}

impl PlanV5 {
    /// The plan of format `version` (1 to 5) as a service with one SLO, upgraded as
    /// each later version did: version 1 plans get the SRE Workbook's tiers for their
    /// window, plans before version 3 the default capacity plan, and plans before
    /// version 4 the default risk plan and no scenarios (whatever an older text carries
    /// in those fields is not its version's).
    pub(crate) fn upgrade(mut self, version: u32) -> Plan {
        if version == 1 {
            let window = self.window.to_window().map_or(30.0 * 86_400.0, |w| w.seconds());
            self.alerts = AlertsSpec {
                tiers: workbook_preset(window),
                ..AlertsSpec::default()
            };
        }
        if version < 3 {
            self.capacity = CapacitySpec::default();
        }
        if version < 4 {
            self.risk = RiskSpec::default();
            self.scenarios = Vec::new();
        }
        // These versions always had counters, `my-service`'s 5xx ratio where none
        // were given. Counters that are what the service's name now gives follow it;
        // any others stay as they were.
        let mut alerts = self.alerts;
        let metric = alerts
            .metric
            .take()
            .unwrap_or_else(|| MetricSpec::derived("my-service", SliSpec::RequestBased));
        if metric != MetricSpec::derived(&self.service, self.sli) {
            alerts.metric = Some(metric);
        }
        Plan {
            slos: vec![SloSpec {
                name: self.sli.typical_name().to_owned(),
                target_percent: self.target_percent,
                window: self.window,
                sli: self.sli,
                alerts,
                candidates: Vec::new(),
            }],
            selected: 0,
            service: self.service,
            traffic: self.traffic,
            reverse: self.reverse,
            budget: self.budget,
            capacity: self.capacity,
            risk: self.risk,
            money: crate::money::MoneySpec::default(),
            scenarios: self
                .scenarios
                .into_iter()
                .map(|s| ScenarioSpec {
                    name: s.name,
                    plan: s.plan.upgrade(version),
                })
                .collect(),
        }
    }
}
