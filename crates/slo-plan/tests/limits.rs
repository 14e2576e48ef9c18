//! Limits that agree: every plan the UI can make, by any sequence of its edits up to
//! the deepest trees and the longest lists and texts it allows, can be saved, linked,
//! kept among the recent plans, exported, and read back as the same plan. What the
//! readers would refuse, the edits refuse first, with a message.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use slo_plan::alerts::MAX_SELECTOR_CHARS;
use slo_plan::document::{plan_from_json, plan_to_json};
use slo_plan::edit::PlanEdit;
use slo_plan::export::{openslo, sloth};
use slo_plan::recent::{Kept, Kind};
use slo_plan::report::alerts::alerts_report;
use slo_plan::report::markdown;
use slo_plan::risk::{NodeKind, MAX_NODES};
use slo_plan::{link, IncidentSpec, Plan, ThresholdSpec};

/// Characters a person may type into a name: letters of several scripts, the
/// characters every format escapes, and ones that take four bytes.
const CHARS: &[char] = &[
    'a', 'Z', '9', ' ', '-', '"', '\'', '\\', '{', '}', '<', '>', '&', '|', '#', ':', '%', 'é', 'ß', 'Ж',
    '中', '🚀', '\u{2028}',
];

/// A name of 1 to 80 characters, as the name fields accept.
fn name() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CHARS), 1..=80).prop_map(|c| c.into_iter().collect())
}

/// One thing the UI can do, with what it picks among the plan's current members.
#[derive(Debug, Clone)]
enum Step {
    Service(String),
    AddIncident,
    LabelIncident(usize, String),
    AddThreshold,
    ActionThreshold(usize, String),
    AddTier,
    AddPhase,
    /// Adds a dependency to the n-th group (depth first).
    AddDependency(usize),
    /// Makes the n-th node (depth first) a group, or back a dependency.
    Kind(usize, NodeKind),
    /// Renames the n-th node.
    NameNode(usize, String),
    AddCredit,
    Selector(usize),
    /// Pastes a demand history of so many rows (at most 1,000).
    History(usize, u64),
    KeepScenario(String),
    OpenScenario(usize),
    RemoveIncident(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        name().prop_map(Step::Service),
        Just(Step::AddIncident),
        (0..100usize, name()).prop_map(|(i, n)| Step::LabelIncident(i, n)),
        Just(Step::AddThreshold),
        (0..10usize, name()).prop_map(|(i, n)| Step::ActionThreshold(i, n)),
        Just(Step::AddTier),
        Just(Step::AddPhase),
        (0..40usize).prop_map(Step::AddDependency),
        (
            0..40usize,
            proptest::sample::select(vec![
                NodeKind::All,
                NodeKind::Any,
                NodeKind::Quorum,
                NodeKind::Dependency
            ])
        )
            .prop_map(|(i, k)| Step::Kind(i, k)),
        (0..40usize, name()).prop_map(|(i, n)| Step::NameNode(i, n)),
        Just(Step::AddCredit),
        (1..=MAX_SELECTOR_CHARS).prop_map(Step::Selector),
        (0..=1_000usize, any::<u64>()).prop_map(|(rows, seed)| Step::History(rows, seed)),
        name().prop_map(Step::KeepScenario),
        (0..6usize).prop_map(Step::OpenScenario),
        (0..100usize).prop_map(Step::RemoveIncident),
    ]
}

/// A demand history of `rows` monthly rows with values from `seed` (little for
/// compression to find), as a person pastes it.
fn history(rows: usize, seed: u64) -> String {
    let mut x = seed | 1;
    (0..rows)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let value = 100.0 + (x % 1_000_000_000) as f64 / 1e4;
            format!("{:04}-{:02}-01,{value}\n", 1990 + i / 12, 1 + i % 12)
        })
        .collect()
}

/// The edit the UI makes for `step` on `plan`, if the UI offers it there.
fn edit(plan: &Plan, step: Step) -> Option<PlanEdit> {
    let nodes = plan.risk.dependencies.walk().len();
    let path = |n: usize| node_path(plan, n % nodes);
    Some(match step {
        Step::Service(name) => PlanEdit::Service { name },
        Step::AddIncident => PlanEdit::AddIncident,
        Step::LabelIncident(i, label) => {
            let incident = plan
                .budget
                .incidents
                .get(i % plan.budget.incidents.len().max(1))?;
            PlanEdit::SetIncident {
                index: i % plan.budget.incidents.len(),
                incident: IncidentSpec {
                    label,
                    ..incident.clone()
                },
            }
        }
        Step::AddThreshold => PlanEdit::AddThreshold,
        Step::ActionThreshold(i, action) => {
            let index = i % plan.budget.policy.len().max(1);
            let threshold = plan.budget.policy.get(index)?;
            PlanEdit::SetThreshold {
                index,
                threshold: ThresholdSpec {
                    action,
                    ..threshold.clone()
                },
            }
        }
        Step::AddTier => PlanEdit::AddTier,
        Step::AddPhase => PlanEdit::AddPhase,
        Step::AddDependency(n) => PlanEdit::AddDependency { group: path(n) },
        Step::Kind(n, kind) => {
            let mut risk = plan.risk.clone();
            risk.dependencies.at_mut(&path(n))?.set_kind(kind);
            PlanEdit::Risk { risk: Box::new(risk) }
        }
        Step::NameNode(n, name) => {
            let mut risk = plan.risk.clone();
            risk.dependencies.at_mut(&path(n))?.name = name;
            PlanEdit::Risk { risk: Box::new(risk) }
        }
        Step::AddCredit => PlanEdit::AddCredit,
        Step::Selector(chars) => {
            let mut metric = plan.slo().metric(&plan.service);
            let selector = |name: &str| {
                let head = format!("{name}{{job=\"");
                let fill = chars.saturating_sub(head.len() + 2).max(1);
                format!("{head}{}\"}}", "s".repeat(fill))
            };
            metric.numerator = selector("http_requests_errors_total");
            metric.total = selector("http_requests_total");
            PlanEdit::Metric { metric: Some(metric) }
        }
        Step::History(rows, seed) => {
            let mut capacity = plan.capacity.clone();
            capacity.history = history(rows, seed);
            PlanEdit::Capacity {
                capacity: Box::new(capacity),
            }
        }
        Step::KeepScenario(name) => PlanEdit::KeepScenario { name },
        Step::OpenScenario(i) if !plan.scenarios.is_empty() => PlanEdit::OpenScenario {
            index: i % plan.scenarios.len(),
        },
        Step::OpenScenario(_) => return None,
        Step::RemoveIncident(i) => PlanEdit::RemoveIncident {
            index: i % plan.budget.incidents.len().max(1),
        },
    })
}

/// The path of the n-th node of the dependency tree, depth first.
fn node_path(plan: &Plan, n: usize) -> Vec<usize> {
    fn walk(node: &slo_plan::risk::NodeSpec, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        out.push(path.clone());
        for (i, member) in node.members.iter().enumerate() {
            path.push(i);
            walk(member, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(&plan.risk.dependencies, &mut Vec::new(), &mut out);
    out.swap_remove(n)
}

/// The plan edits start from: the default, with a study of 1,000 windows (the number
/// of windows is no encoding's limit, and the Markdown report runs the study).
fn start() -> Plan {
    let mut plan = Plan::default();
    plan.risk.windows = 1_000;
    plan
}

/// Applies `step` as the app's reducer does: a refused edit says why and changes
/// nothing.
fn apply(plan: &mut Plan, step: Step) {
    if let Some(edit) = edit(plan, step) {
        match plan.edited(edit) {
            Ok(next) => *plan = next,
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
}

/// Every way the plan is kept or sent reads back as the same plan.
fn reads_back(plan: &Plan) -> Result<(), String> {
    let json = plan_to_json(plan);
    let from_json = plan_from_json(&json).map_err(|e| format!("document: {e}"))?;
    if from_json != *plan {
        return Err("the document read back as another plan".to_owned());
    }
    let fragment = link::encode(plan);
    let from_link = link::decode(&fragment).map_err(|e| format!("link ({} chars): {e}", fragment.len()))?;
    if from_link.as_ref() != Some(plan) {
        return Err("the link opened as another plan".to_owned());
    }
    let kept = Kept {
        kind: Kind::Tab,
        saved_ms: 1.8e12,
        text: json,
    };
    if Kept::from_text(&kept.to_text()).as_ref() != Some(&kept) {
        return Err("the recent-plans entry read back as another".to_owned());
    }
    let valid = plan.validate().map_err(|e| format!("validate: {e}"))?;
    let yaml = openslo::openslo(plan, &valid);
    let imported = openslo::import(&yaml, &Plan::default()).map_err(|e| format!("OpenSLO: {e}"))?;
    if imported.plan.service != plan.service
        || imported.plan.slo().target_percent != plan.slo().target_percent
    {
        return Err("the OpenSLO export read back with another service or target".to_owned());
    }
    let exports = [
        sloth::sloth(plan, &valid),
        alerts_report(&valid, plan).rules_yaml,
        markdown::report(plan, &valid),
    ];
    if exports.iter().any(String::is_empty) {
        return Err("an export is empty".to_owned());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_the_ui_makes_is_saved_linked_exported_and_read_back(steps in proptest::collection::vec(step(), 1..60)) {
        let mut plan = start();
        for step in steps {
            apply(&mut plan, step);
        }
        prop_assert_eq!(reads_back(&plan), Ok(()));
    }
}

/// The largest plan the UI lets a person make: every list at its cap, every name at
/// its longest, the deepest dependency tree, the longest history, and every scenario
/// a copy of all that.
#[test]
fn the_largest_plan_the_ui_allows_reads_back() {
    let long = || "é\"<{".repeat(20);
    let mut plan = start();
    apply(&mut plan, Step::Service(long()));
    for _ in 0..100 {
        for step in [
            Step::AddIncident,
            Step::AddThreshold,
            Step::AddTier,
            Step::AddPhase,
            Step::AddCredit,
        ] {
            apply(&mut plan, step);
        }
    }
    for i in 0..100 {
        apply(&mut plan, Step::LabelIncident(i, long()));
        apply(&mut plan, Step::ActionThreshold(i, long()));
    }
    // The deepest tree: each new member made a group in turn, as far as it goes.
    while plan.risk.dependencies.walk().len() < MAX_NODES {
        let last = plan.risk.dependencies.walk().len() - 1;
        let before = plan.clone();
        apply(&mut plan, Step::Kind(last, NodeKind::All));
        apply(&mut plan, Step::AddDependency(last));
        if plan == before {
            apply(&mut plan, Step::AddDependency(0));
            if plan == before {
                break;
            }
        }
    }
    for n in 0..MAX_NODES {
        apply(&mut plan, Step::NameNode(n, long()));
    }
    apply(&mut plan, Step::Selector(MAX_SELECTOR_CHARS));
    apply(&mut plan, Step::History(1_000, 7));
    let base = plan.clone();
    for i in 0..6 {
        let name: String = long().chars().skip(1).collect();
        apply(&mut plan, Step::KeepScenario(format!("{i}{name}")));
    }
    assert_eq!(reads_back(&plan), Ok(()));
    // Copies of so large a plan soon outgrow its link: the next one is refused, saying
    // so, before anything is kept that could not be read back.
    assert!(plan.scenarios.len() < 6, "{} scenarios", plan.scenarios.len());
    let refused = plan.edited(PlanEdit::KeepScenario {
        name: "one more".to_owned(),
    });
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.starts_with("the plan would be too large for its link"),
        "{message:?}"
    );
    // Lists, names and the tree reached their caps; what did not fit was refused.
    assert_eq!(base.budget.incidents.len(), 100);
    assert_eq!(base.risk.dependencies.walk().len(), MAX_NODES);
    assert!(
        base.risk
            .dependencies
            .walk()
            .iter()
            .map(|(depth, _)| *depth)
            .max()
            >= Some(15)
    );
    assert_eq!(base.capacity.history.lines().count(), 1_000);
}
