//! The risk plan as stored in a plan (field `risk`, since format version 4): the
//! dependencies and how they combine, the SLA with its service credits, and the
//! incident model the Monte Carlo simulation draws windows from.

use super::capacity::{range, whole, Range};
use super::model::{service_name_ok, MAX_SERVICE_NAME_CHARS};
use serde::{Deserialize, Serialize};
use slo_engine::composite::Node;
use slo_engine::risk::{Duration, Risk};
use slo_engine::sla::{CreditTier, Sla, MAX_TIERS};
use slo_engine::window::DAYS_PER_MONTH;

/// The most dependencies and groups a plan's tree holds, all levels together.
pub const MAX_NODES: usize = 40;
/// The most windows one simulation runs.
pub const MAX_WINDOWS: u32 = 1_000_000;

/// How a node of the dependency tree combines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// One dependency with its own availability.
    Dependency,
    /// A group whose members are all needed (serial, hard dependencies).
    All,
    /// A group any one of whose members suffices (redundant).
    Any,
    /// A group of which at least `k` members must be up (quorum, N+k).
    Quorum,
}

/// A dependency or a group of them, as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeSpec {
    /// What it is, e.g. "payments API" or "region eu-west".
    pub name: String,
    /// How it combines.
    pub kind: NodeKind,
    /// A dependency's availability, percent (ignored for groups).
    pub availability_percent: f64,
    /// A quorum group's `k` (ignored otherwise).
    pub k: u32,
    /// The share of requests its failure affects, percent: 100 for a hard dependency,
    /// less for a soft one.
    pub affects_percent: f64,
    /// A group's members (empty for a dependency).
    pub members: Vec<NodeSpec>,
}

impl NodeSpec {
    /// A hard dependency.
    pub fn dependency(name: &str, availability_percent: f64) -> Self {
        NodeSpec {
            name: name.to_owned(),
            kind: NodeKind::Dependency,
            availability_percent,
            k: 1,
            affects_percent: 100.0,
            members: Vec::new(),
        }
    }

    /// A group of `members`.
    pub fn group(name: &str, kind: NodeKind, members: Vec<NodeSpec>) -> Self {
        NodeSpec {
            kind,
            members,
            ..NodeSpec::dependency(name, 100.0)
        }
    }

    /// The node at `path` (indices of members from here), if there is one.
    pub fn at(&self, path: &[usize]) -> Option<&NodeSpec> {
        match path.split_first() {
            None => Some(self),
            Some((i, rest)) => self.members.get(*i)?.at(rest),
        }
    }

    /// The node at `path`, to change it.
    pub fn at_mut(&mut self, path: &[usize]) -> Option<&mut NodeSpec> {
        match path.split_first() {
            None => Some(self),
            Some((i, rest)) => self.members.get_mut(*i)?.at_mut(rest),
        }
    }

    /// This node made a `kind`: a dependency loses its members, a group gets one if it
    /// has none, and a quorum's `k` stays between 1 and the members.
    pub fn set_kind(&mut self, kind: NodeKind) {
        self.kind = kind;
        if kind == NodeKind::Dependency {
            self.members.clear();
        } else if self.members.is_empty() {
            self.members.push(NodeSpec::dependency("member", 99.9));
        }
        self.k = self.k.clamp(1, self.members.len().max(1) as u32);
    }

    /// Removes the member at `index` (if there is one), keeping a quorum's `k` at most
    /// the members left.
    pub fn remove_member(&mut self, index: usize) {
        if index < self.members.len() {
            self.members.remove(index);
            self.k = self.k.min(self.members.len() as u32);
        }
    }

    /// Every node, depth first, with its depth (this one at 0).
    pub fn walk(&self) -> Vec<(usize, &NodeSpec)> {
        let mut out = vec![(0, self)];
        for m in &self.members {
            out.extend(m.walk().into_iter().map(|(d, n)| (d + 1, n)));
        }
        out
    }

    /// This subtree for the engine, when it is valid.
    pub fn node(&self) -> Option<Node> {
        self.to_node().ok().filter(|n| n.validate().is_ok())
    }

    fn to_node(&self) -> Result<Node, (&'static str, String)> {
        if !name_ok(&self.name) {
            return Err((
                "risk.dependencies",
                format!("A name is 1 to {MAX_SERVICE_NAME_CHARS} characters with no control characters."),
            ));
        }
        let named = |e: String| ("risk.dependencies", format!("{}: {e}", self.name));
        let members = || {
            if self.members.is_empty() {
                return Err(named("a group needs at least one member.".to_owned()));
            }
            self.members.iter().map(NodeSpec::to_node).collect()
        };
        let node = match self.kind {
            NodeKind::Dependency => {
                if !self.members.is_empty() {
                    return Err(named("a dependency has no members; make it a group.".to_owned()));
                }
                Node::Dependency(AVAILABILITY.check(self.availability_percent).map_err(named)? / 100.0)
            }
            NodeKind::All => Node::Serial(members()?),
            NodeKind::Any => Node::Redundant(members()?),
            NodeKind::Quorum => {
                let members = members()?;
                let k = self.k as usize;
                if k == 0 || k > members.len() {
                    return Err(named(format!(
                        "a quorum needs from 1 to {} members up (got {k}).",
                        members.len()
                    )));
                }
                Node::KOfN { k, members }
            }
        };
        let affects = AFFECTS.check(self.affects_percent).map_err(named)?;
        Ok(if affects < 100.0 {
            Node::Soft {
                node: Box::new(node),
                fraction: affects / 100.0,
            }
        } else {
            node
        })
    }
}

/// A dependency's name: a service name that is not empty.
fn name_ok(name: &str) -> bool {
    !name.is_empty() && service_name_ok(name)
}

/// The shape of a time's distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Always the same.
    Fixed,
    /// Exponential: many short, a few long.
    Exponential,
    /// Log-normal: given by its median and 90th percentile.
    LogNormal,
}

/// A time to detect or to repair, as entered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationSpec {
    /// Its distribution.
    pub shape: Shape,
    /// Minutes: the fixed time, the exponential's mean or the log-normal's median.
    pub minutes: f64,
    /// The log-normal's 90th percentile, minutes (ignored otherwise).
    pub p90_minutes: f64,
}

impl DurationSpec {
    /// The same time with another distribution: a log-normal gets a 90th percentile
    /// above its median (three times it, at least a minute), an exponential or
    /// log-normal a typical time above 0 (a minute).
    pub fn with_shape(self, shape: Shape) -> Self {
        let minutes = if shape != Shape::Fixed && self.minutes == 0.0 {
            1.0
        } else {
            self.minutes
        };
        let p90_minutes = if shape == Shape::LogNormal && self.p90_minutes <= minutes {
            (minutes * 3.0).max(1.0)
        } else {
            self.p90_minutes
        };
        DurationSpec {
            shape,
            minutes,
            p90_minutes,
        }
    }

    fn to_duration(self, field: &'static str) -> Result<Duration, (&'static str, String)> {
        let minutes = TIME.check(self.minutes).map_err(|m| (field, m))? * 60.0;
        Ok(match self.shape {
            Shape::Fixed => Duration::Fixed(minutes),
            Shape::Exponential if minutes > 0.0 => Duration::Exponential { mean: minutes },
            Shape::LogNormal if minutes > 0.0 && self.p90_minutes * 60.0 > minutes => Duration::LogNormal {
                median: minutes,
                p90: TIME.check(self.p90_minutes).map_err(|m| (field, m))? * 60.0,
            },
            Shape::Exponential => {
                return Err((field, "An exponential time needs a mean above 0.".to_owned()))
            }
            Shape::LogNormal => {
                return Err((
                    field,
                    "A log-normal time needs a median above 0 and a 90th percentile above the median."
                        .to_owned(),
                ))
            }
        })
    }
}

/// A service credit as entered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditSpec {
    /// Owed when a window's availability is below this, percent.
    pub below_percent: f64,
    /// The credit, percent of the window's revenue.
    pub credit_percent: f64,
}

/// Everything the Risk page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskSpec {
    /// The dependencies: the root is the service's own group (usually "all").
    pub dependencies: NodeSpec,
    /// The availability promised to customers, percent.
    pub sla_percent: f64,
    /// The credits owed below thresholds.
    pub credits: Vec<CreditSpec>,
    /// Revenue per month the credits are a share of (any currency).
    pub revenue_per_month: f64,
    /// Incidents per month on average (Poisson).
    pub incidents_per_month: f64,
    /// Time from an incident's start to its detection.
    pub detect: DurationSpec,
    /// Time from detection to repair.
    pub repair: DurationSpec,
    /// The share of requests an incident fails, percent.
    pub impact_percent: f64,
    /// Planned maintenance downtime per SLO window, minutes.
    pub maintenance_minutes: f64,
    /// The simulation's seed: the same seed gives everyone the same result.
    pub seed: u32,
    /// How many windows are simulated.
    pub windows: u32,
}

impl Default for RiskSpec {
    /// A web service that needs its database and payments provider, runs in two
    /// regions either of which suffices, and uses a cache whose failure touches a fifth
    /// of requests; two incidents a month, detected in 5 minutes on average and repaired
    /// in 30 minutes (median; 2 hours at the 90th percentile), failing half the
    /// requests; an SLA of 99.5 % with credits of 10 % below it and 25 % below 99 %.
    fn default() -> Self {
        let region = |name| NodeSpec::dependency(name, 99.5);
        let mut cache = NodeSpec::dependency("cache", 99.9);
        cache.affects_percent = 20.0;
        RiskSpec {
            dependencies: NodeSpec::group(
                "service",
                NodeKind::All,
                vec![
                    NodeSpec::dependency("database", 99.95),
                    NodeSpec::dependency("payments provider", 99.99),
                    NodeSpec::group(
                        "regions",
                        NodeKind::Any,
                        vec![region("region A"), region("region B")],
                    ),
                    cache,
                ],
            ),
            sla_percent: 99.5,
            credits: vec![
                CreditSpec {
                    below_percent: 99.5,
                    credit_percent: 10.0,
                },
                CreditSpec {
                    below_percent: 99.0,
                    credit_percent: 25.0,
                },
            ],
            revenue_per_month: 100_000.0,
            incidents_per_month: 2.0,
            detect: DurationSpec {
                shape: Shape::Exponential,
                minutes: 5.0,
                p90_minutes: 15.0,
            },
            repair: DurationSpec {
                shape: Shape::LogNormal,
                minutes: 30.0,
                p90_minutes: 120.0,
            },
            impact_percent: 50.0,
            maintenance_minutes: 0.0,
            seed: 1,
            windows: 100_000,
        }
    }
}

/// An availability, percent.
pub const AVAILABILITY: Range = range("risk.dependencies", "availability in percent", 0.0, true, 100.0);
/// A quorum's members needed.
pub const QUORUM: Range = whole("risk.dependencies", "number of members needed", 1.0, 40.0);
/// The share of requests a dependency's failure affects.
pub const AFFECTS: Range = range(
    "risk.dependencies",
    "share of requests affected in percent",
    0.0,
    true,
    100.0,
);
/// The SLA target.
pub const SLA: Range = range("risk.sla_percent", "SLA target in percent", 0.0, false, 99.9999);
/// A credit threshold.
pub const BELOW: Range = range("risk.credits", "credit threshold in percent", 0.0, false, 100.0);
/// A credit.
pub const CREDIT: Range = range("risk.credits", "credit in percent of revenue", 0.0, true, 100.0);
/// Revenue per month.
pub const REVENUE: Range = range("risk.revenue_per_month", "revenue per month", 0.0, true, 1e15);
/// Incidents per month.
pub const INCIDENTS: Range = range(
    "risk.incidents_per_month",
    "number of incidents per month",
    0.0,
    true,
    30.0,
);
/// A time to detect or repair, minutes.
pub const TIME: Range = range("risk.detect", "time in minutes", 0.0, true, 43_200.0);
/// An incident's impact.
pub const IMPACT: Range = range(
    "risk.impact_percent",
    "impact in percent of requests",
    0.0,
    false,
    100.0,
);
/// Maintenance per window.
pub const MAINTENANCE: Range = range(
    "risk.maintenance_minutes",
    "maintenance in minutes per window",
    0.0,
    true,
    100_000.0,
);
/// The seed.
pub const SEED: Range = whole("risk.seed", "seed", 0.0, 4_294_967_295.0);
/// Windows simulated.
pub const WINDOWS: Range = whole(
    "risk.windows",
    "number of simulated windows",
    1_000.0,
    MAX_WINDOWS as f64,
);

/// A risk plan the engine accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRisk {
    /// The dependency tree.
    pub tree: Node,
    /// The SLA.
    pub sla: Sla,
    /// The incident model of one SLO window.
    pub model: Risk,
    /// The seed.
    pub seed: u64,
    /// Windows to simulate.
    pub windows: usize,
    /// Revenue per SLO window (the monthly revenue scaled by the window's length in
    /// mean months of 30.436875 days).
    pub revenue_per_window: f64,
}

impl RiskSpec {
    /// Whether this is the default risk plan (left out of the JSON).
    pub fn is_default(&self) -> bool {
        *self == RiskSpec::default()
    }

    /// The checked risk plan for an SLO window of `window_seconds`.
    ///
    /// # Errors
    /// The field and what is wrong with it.
    pub fn validate(&self, window_seconds: f64) -> Result<ValidRisk, (&'static str, String)> {
        let check = |r: &Range, v: f64| r.check(v).map_err(|m| (r.field, m));
        if self.dependencies.walk().len() > MAX_NODES {
            return Err((
                "risk.dependencies",
                format!("A plan holds at most {MAX_NODES} dependencies and groups."),
            ));
        }
        let tree = self.dependencies.to_node()?;
        tree.validate()
            .map_err(|e| ("risk.dependencies", e.to_string()))?;
        if self.credits.len() > MAX_TIERS {
            return Err((
                "risk.credits",
                format!("An SLA has at most {MAX_TIERS} credit tiers."),
            ));
        }
        let tiers = self
            .credits
            .iter()
            .map(|c| {
                Ok(CreditTier {
                    below: check(&BELOW, c.below_percent)? / 100.0,
                    credit: check(&CREDIT, c.credit_percent)? / 100.0,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sla = Sla::new(check(&SLA, self.sla_percent)? / 100.0, &tiers)
            .map_err(|e| (SLA.field, e.to_string()))?;
        let months = window_seconds / 86_400.0 / DAYS_PER_MONTH;
        let model = Risk::new(
            window_seconds,
            check(&INCIDENTS, self.incidents_per_month)? * months,
            self.detect.to_duration("risk.detect")?,
            self.repair.to_duration("risk.repair")?,
            check(&IMPACT, self.impact_percent)? / 100.0,
            check(&MAINTENANCE, self.maintenance_minutes)? * 60.0,
        )
        .map_err(|e| ("risk.incidents_per_month", e.to_string()))?;
        Ok(ValidRisk {
            tree,
            sla,
            model,
            seed: u64::from(self.seed),
            windows: check(&WINDOWS, f64::from(self.windows))? as usize,
            revenue_per_window: check(&REVENUE, self.revenue_per_month)? * months,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{from_str, to_string};
    use slo_engine::tolerance::assert_close;

    const MONTH: f64 = DAYS_PER_MONTH * 86_400.0;

    #[test]
    fn the_default_tree_is_exact() {
        let valid = RiskSpec::default().validate(MONTH).unwrap();
        let regions = 1.0 - 0.005 * 0.005;
        let cache = 1.0 - 0.2 * 0.001;
        assert_close(valid.tree.availability(), 0.9995 * 0.9999 * regions * cache);
        assert_close(valid.revenue_per_window, 100_000.0);
        // Two incidents a month: 5 min + mean of a log-normal (30 min median, 2 h p90).
        let sigma = (4.0f64).ln() / 1.281_551_565_544_600_4;
        let repair = 1_800.0 * (sigma * sigma / 2.0).exp();
        assert_close(valid.model.expected_downtime(), 2.0 * (300.0 + repair) * 0.5);
    }

    #[test]
    fn the_json_round_trips() {
        let mut spec = RiskSpec::default();
        spec.dependencies.members[2].kind = NodeKind::Quorum;
        spec.dependencies.members[2].k = 2;
        let text = to_string(&spec);
        assert_eq!(from_str::<RiskSpec>(&text), Ok(spec));
    }

    #[test]
    fn impossible_risk_plans_name_the_field() {
        let window = 30.0 * 86_400.0;
        let bad = |edit: fn(&mut RiskSpec)| {
            let mut spec = RiskSpec::default();
            edit(&mut spec);
            spec.validate(window).unwrap_err()
        };
        assert_eq!(
            bad(|s| s.incidents_per_month = -1.0).0,
            "risk.incidents_per_month"
        );
        assert_eq!(bad(|s| s.repair.p90_minutes = 10.0).0, "risk.repair");
        assert_eq!(bad(|s| s.credits[0].credit_percent = 120.0).0, "risk.credits");
        assert_eq!(bad(|s| s.sla_percent = 100.0).0, "risk.sla_percent");
        assert_eq!(bad(|s| s.windows = 10).0, "risk.windows");
        let (field, message) = bad(|s| s.dependencies.members[2].members.clear());
        assert_eq!(field, "risk.dependencies");
        assert!(message.contains("regions"), "{message}");
        let (_, message) = bad(|s| {
            s.dependencies.members[2].kind = NodeKind::Quorum;
            s.dependencies.members[2].k = 3;
        });
        assert!(message.contains("from 1 to 2"), "{message}");
        let (_, message) = bad(|s| s.dependencies.members = vec![NodeSpec::dependency("x", 99.0); 41]);
        assert!(message.contains("at most 40"), "{message}");
        assert_eq!(
            bad(|s| s.dependencies.members[0].name.clear()).0,
            "risk.dependencies"
        );
    }

    #[test]
    fn kind_and_shape_changes_keep_the_plan_valid() {
        let mut spec = RiskSpec::default();
        let regions = spec.dependencies.at_mut(&[2]).unwrap();
        regions.set_kind(NodeKind::Quorum);
        regions.k = 2;
        regions.remove_member(0);
        assert_eq!((regions.members.len(), regions.k), (1, 1));
        regions.set_kind(NodeKind::Dependency);
        assert!(regions.members.is_empty());
        regions.set_kind(NodeKind::All);
        assert_eq!(regions.members.len(), 1);
        spec.repair = spec.repair.with_shape(Shape::Fixed).with_shape(Shape::LogNormal);
        spec.detect = DurationSpec {
            shape: Shape::Fixed,
            minutes: 0.0,
            p90_minutes: 0.0,
        }
        .with_shape(Shape::LogNormal);
        assert_eq!((spec.detect.minutes, spec.detect.p90_minutes), (1.0, 3.0));
        spec.validate(30.0 * 86_400.0).unwrap();
    }

    #[test]
    fn nodes_are_found_by_path() {
        let mut spec = RiskSpec::default();
        assert_eq!(spec.dependencies.at_mut(&[2, 1]).unwrap().name, "region B");
        assert!(spec.dependencies.at_mut(&[2, 5]).is_none());
        assert_eq!(spec.dependencies.at(&[2]).unwrap().members.len(), 2);
        let depths: Vec<usize> = spec.dependencies.walk().iter().map(|w| w.0).collect();
        assert_eq!(depths, vec![0, 1, 1, 1, 2, 2, 1]);
    }
}
