//! Every export writes what the user typed as text of its format: a name holding what
//! Markdown, HTML, YAML, PromQL, Go templates, SVG and JSON give meaning to comes out
//! as that name, and never as markup, structure or a template.
#![cfg(not(target_arch = "wasm32"))]

use slo_charts::to_svg;
use slo_plan::document::{plan_from_json, plan_to_json};
use slo_plan::export::{openslo, sloth};
use slo_plan::report::alerts::alerts_report;
use slo_plan::report::markdown;
use slo_plan::report::risk::risk_report;
use slo_plan::risk::NodeSpec;
use slo_plan::{IncidentSpec, Plan, ScenarioSpec};
use yaml_rust2::{Yaml, YamlLoader};

/// HTML, a Markdown link and emphasis, a code fence, a table pipe, YAML quotes and
/// flow characters, a PromQL escape, a Go template action.
const HOSTILE: &str = "<img src=x onerror=y> [a](javascript:x) **b** ```c | {{ .V }} \"q\" 'r' \\ &amp; #1";

/// A plan whose every name is [`HOSTILE`].
fn hostile_plan() -> Plan {
    let mut plan = Plan {
        service: HOSTILE.to_owned(),
        ..Plan::default()
    };
    // A second SLO named as hostilely as the service.
    plan.slos.push(slo_plan::SloSpec {
        name: HOSTILE.to_owned(),
        ..slo_plan::SloSpec::default()
    });
    plan.budget.incidents.push(IncidentSpec {
        label: HOSTILE.to_owned(),
        ..plan.budget.incidents.first().cloned().unwrap_or(IncidentSpec {
            slos: None,
            label: String::new(),
            start: "2026-11-10T08:00:00Z".to_owned(),
            duration_seconds: 600.0,
            impact: slo_plan::ImpactSpec::Percent(100.0),
        })
    });
    plan.budget.policy[0].action = HOSTILE.to_owned();
    plan.risk.dependencies.members[0] = NodeSpec::dependency(HOSTILE, 99.95);
    plan.risk.windows = 1_000;
    plan.scenarios.push(ScenarioSpec {
        name: HOSTILE.to_owned(),
        plan: Plan::default(),
    });
    plan.validate().expect("hostile names are valid names");
    plan
}

/// Every string scalar of `doc`.
fn strings(doc: &Yaml, out: &mut Vec<String>) {
    match doc {
        Yaml::String(s) => out.push(s.clone()),
        Yaml::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Yaml::Hash(map) => map.iter().for_each(|(k, v)| {
            strings(k, out);
            strings(v, out);
        }),
        _ => {}
    }
}

/// The string scalars of YAML `text`, which must parse.
fn yaml_strings(text: &str) -> Vec<String> {
    let docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut out = Vec::new();
    docs.iter().for_each(|d| strings(d, &mut out));
    out
}

#[test]
fn the_markdown_report_shows_names_as_text() {
    let plan = hostile_plan();
    let text = markdown::report(&plan, &plan.validate().unwrap());
    // The rules' code block is fenced past any run of backticks in it, so the name
    // inside cannot end it; the block is YAML that parses and holds the name as typed.
    let fence = "````yaml\n";
    let start = text
        .find(fence)
        .expect("a fence longer than the name's backticks")
        + fence.len();
    let end = start + text[start..].find("\n````\n").expect("the fence closes");
    let rules = &text[start..=end];
    assert!(yaml_strings(rules).iter().any(|s| s == HOSTILE));
    // Outside it, no HTML tag, link or emphasis is made of a name: the heading, the
    // incident table, the policy and the dependencies hold it escaped.
    let outside = text.replacen(rules, "", 1);
    assert!(!outside.contains("<img"), "{outside}");
    assert!(!outside.contains(" [a](javascript"), "{outside}");
    assert!(!outside.contains(" **b**"), "{outside}");
    assert!(!outside.contains(HOSTILE));
    assert!(text.starts_with(
        "# SLO plan: &lt;img src=x onerror=y&gt; \\[a\\](javascript:x) \\*\\*b\\*\\* \\`\\`\\`c \\| {{ .V }} \"q\" 'r' \\\\ &amp;amp; \\#1\n"
    ));
    assert!(outside.contains("\\[a\\](javascript:x)"));
}

#[test]
fn yaml_exports_carry_names_as_strings() {
    let plan = hostile_plan();
    let valid = plan.validate().unwrap();
    let openslo = openslo::openslo(&plan, &valid);
    assert!(yaml_strings(&openslo).iter().any(|s| s == HOSTILE), "{openslo}");
    // Sloth and Prometheus run alert annotations as Go templates: `{{` is written as
    // an action that prints it.
    let sloth = sloth::sloth(&plan, &valid);
    let values = yaml_strings(&sloth);
    assert!(values.iter().any(|s| s == HOSTILE), "{sloth}");
    let summary = values
        .iter()
        .find(|s| s.ends_with("is burning its availability error budget"))
        .unwrap();
    assert_eq!(
        summary.replace("{{ \"{{\" }}", "{{"),
        format!("{HOSTILE} is burning its availability error budget")
    );
    assert!(!summary.replace("{{ \"{{\" }}", "").contains("{{"));
    let rules = alerts_report(&valid, &plan).rules_yaml;
    let values = yaml_strings(&rules);
    assert!(values.iter().any(|s| s == HOSTILE), "{rules}");
    assert!(values
        .iter()
        .filter(|s| s.contains("error budget at"))
        .all(|s| !s.replace("{{ \"{{\" }}", "").contains("{{")));
}

#[test]
fn the_json_document_reads_back_every_name() {
    let plan = hostile_plan();
    let text = plan_to_json(&plan);
    assert_eq!(plan_from_json(&text), Ok(plan));
}

#[test]
fn svg_charts_write_names_as_text() {
    let plan = hostile_plan();
    let risk = risk_report(&plan.validate().unwrap(), &plan.risk, plan.slo().target_percent);
    let svg = to_svg(&*risk.study.run(1).curves, 720, 360).unwrap();
    // The scenario's name is a series label in the legend.
    assert!(!svg.contains("<img"), "{svg}");
    assert!(svg.contains("&lt;img src=x onerror=y&gt;"), "{svg}");
}
