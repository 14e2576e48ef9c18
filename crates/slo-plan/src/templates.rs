//! Starting points for a new SLO: the SLIs commonly measured for each kind of service,
//! with starting targets taken from common practice (the SRE Workbook's worked examples
//! use 99.9 % availability and 99 % of requests under a latency threshold over 28 to 30
//! days). They are starting points to negotiate from, not recommendations.

use crate::alerts::{workbook_preset, AlertsSpec};
use crate::model::{SliSpec, SloSpec, WindowSpec};

/// A kind of service and the SLOs it usually has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Template {
    /// The kind of service, e.g. "HTTP API".
    pub service: &'static str,
    /// Its usual SLOs.
    pub slos: &'static [TemplateSlo],
}

/// One SLO of a template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemplateSlo {
    /// The SLO's name.
    pub name: &'static str,
    /// What it measures, in a sentence for the template list.
    pub about: &'static str,
    /// The starting target, percent.
    pub target_percent: f64,
    /// The window, days (rolling).
    pub days: u32,
    /// What the SLI counts.
    pub sli: SliSpec,
}

const fn slo(
    name: &'static str,
    about: &'static str,
    target_percent: f64,
    days: u32,
    sli: SliSpec,
) -> TemplateSlo {
    TemplateSlo {
        name,
        about,
        target_percent,
        days,
        sli,
    }
}

const fn latency(threshold_ms: f64) -> SliSpec {
    SliSpec::Latency { threshold_ms }
}

/// Every template, in the order the UI offers them.
pub const TEMPLATES: [Template; 6] = [
    Template {
        service: "HTTP API",
        slos: &[
            slo(
                "availability",
                "requests answered without a 5xx error",
                99.9,
                28,
                SliSpec::RequestBased,
            ),
            slo(
                "latency",
                "requests answered within 300 ms",
                99.0,
                28,
                latency(300.0),
            ),
        ],
    },
    Template {
        service: "gRPC service",
        slos: &[
            slo(
                "availability",
                "calls that end without a server error status",
                99.95,
                28,
                SliSpec::RequestBased,
            ),
            slo(
                "latency",
                "calls answered within 100 ms",
                99.0,
                28,
                latency(100.0),
            ),
        ],
    },
    Template {
        service: "Queue consumer",
        slos: &[
            slo(
                "processed",
                "messages processed without an error",
                99.9,
                28,
                SliSpec::RequestBased,
            ),
            slo(
                "processing time",
                "messages processed within 10 s of arriving",
                99.0,
                28,
                latency(10_000.0),
            ),
        ],
    },
    Template {
        service: "Batch pipeline",
        slos: &[
            slo(
                "freshness",
                "minutes in which the newest output is under 10 minutes old",
                99.0,
                28,
                SliSpec::TimeBased,
            ),
            slo(
                "runs",
                "runs that complete successfully",
                99.0,
                28,
                SliSpec::RequestBased,
            ),
        ],
    },
    Template {
        service: "Storage",
        slos: &[
            slo(
                "availability",
                "reads and writes that succeed",
                99.99,
                28,
                SliSpec::RequestBased,
            ),
            slo(
                "read latency",
                "reads answered within 50 ms",
                99.0,
                28,
                latency(50.0),
            ),
        ],
    },
    Template {
        service: "Web front end",
        slos: &[
            slo(
                "page loads",
                "page loads that succeed",
                99.5,
                28,
                SliSpec::RequestBased,
            ),
            slo(
                "largest paint",
                "page loads whose largest content paints within 2.5 s",
                75.0,
                28,
                latency(2_500.0),
            ),
        ],
    },
];

impl TemplateSlo {
    /// The SLO to add, with the SRE Workbook's alert tiers for its window.
    pub fn to_slo(self) -> SloSpec {
        let window = WindowSpec::Rolling { days: self.days };
        SloSpec {
            name: self.name.to_owned(),
            target_percent: self.target_percent,
            window,
            sli: self.sli,
            alerts: AlertsSpec {
                tiers: workbook_preset(f64::from(self.days) * 86_400.0),
                ..AlertsSpec::default()
            },
            candidates: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::PlanEdit;
    use crate::Plan;

    #[test]
    fn every_template_slo_is_added_as_a_valid_slo_and_selected() {
        for template in TEMPLATES {
            for slo in template.slos {
                let plan = Plan::default()
                    .edited(PlanEdit::AddSlo {
                        slo: Box::new(slo.to_slo()),
                    })
                    .unwrap_or_else(|e| panic!("{} {}: {e}", template.service, slo.name));
                assert_eq!(plan.slos.len(), 2);
                assert_eq!(plan.slo().name, slo.name);
                assert_eq!(plan.slo().sli, slo.sli);
            }
        }
    }
}
