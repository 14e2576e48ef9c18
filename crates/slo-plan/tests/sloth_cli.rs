//! The Sloth export, checked by the real Sloth CLI (`go install
//! github.com/slok/sloth/cmd/sloth@v0.16.0`, by scripts/setup): `sloth validate` accepts
//! the spec of a service with several SLOs, and the rules `sloth generate` makes of it
//! alert over the same windows with the same burn-rate thresholds as the rules we
//! export (Sloth's tiers are the SRE Workbook's, as the plan's are by default), and
//! promtool accepts them.
#![cfg(not(target_arch = "wasm32"))]

use slo_plan::export::prometheus::duration;
use slo_plan::export::sloth::sloth;
use slo_plan::{Plan, SliSpec, SloSpec};
use std::path::{Path, PathBuf};
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (scripts/setup installs it): {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

fn workdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slo-planner-sloth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A service with an SLO of each kind Sloth counts as events, over 30 days (Sloth's
/// default period), at different targets.
fn plan() -> Plan {
    let slo = |name: &str, target_percent, sli| SloSpec {
        name: name.to_owned(),
        target_percent,
        sli,
        ..SloSpec::default()
    };
    Plan {
        service: "checkout".to_owned(),
        slos: vec![
            slo("availability", 99.9, SliSpec::RequestBased),
            slo("latency", 99.0, SliSpec::Latency { threshold_ms: 300.0 }),
            slo("uptime", 99.95, SliSpec::TimeBased),
        ],
        ..Plan::default()
    }
}

/// One multiwindow condition of an alert: (severity, long window, short window, burn
/// rate, error budget), windows in Prometheus notation.
type Condition = (String, String, String, String, String);

/// The conditions of Sloth's alerts for the SLO `slo`: each `ratio_rate<w>{…} > (<burn>
/// * <budget>)` pair, short window first.
fn sloth_conditions(rules: &Path, slo: &str) -> Vec<Condition> {
    let text = std::fs::read_to_string(rules).unwrap();
    let docs = YamlLoader::load_from_str(&text).unwrap();
    let mut out = Vec::new();
    for group in docs[0]["groups"].as_vec().unwrap() {
        for rule in group["rules"].as_vec().unwrap() {
            let (Some(expr), Yaml::String(severity)) = (rule["expr"].as_str(), &rule["labels"]["severity"])
            else {
                continue;
            };
            let terms: Vec<(String, String, String)> = expr
                .split("ratio_rate")
                .skip(1)
                .filter(|part| part.contains(&format!("sloth_slo=\"{slo}\"")))
                .map(|part| {
                    let window = part.split('{').next().unwrap().to_owned();
                    let (_, rest) = part.split_once("> (").unwrap();
                    let (burn, rest) = rest.split_once(" * ").unwrap();
                    let budget = rest.split(')').next().unwrap();
                    (window, burn.to_owned(), budget.to_owned())
                })
                .collect();
            for pair in terms.chunks(2) {
                let [(short, burn, budget), (long, long_burn, _)] = pair else {
                    panic!("an unpaired condition in {expr}");
                };
                assert_eq!(burn, long_burn);
                out.push((
                    severity.clone(),
                    long.clone(),
                    short.clone(),
                    burn.clone(),
                    budget.clone(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// The conditions of our tiers for the SLO at `index`.
fn our_conditions(plan: &Plan, index: usize) -> Vec<Condition> {
    let slo = &plan.slos[index];
    let mut out: Vec<Condition> = slo
        .alerts
        .tiers
        .iter()
        .map(|t| {
            (
                if t.severity == slo_plan::alerts::SeveritySpec::Page {
                    "page"
                } else {
                    "ticket"
                }
                .to_owned(),
                duration(t.long_seconds),
                duration(t.short_seconds),
                slo_engine::notation::trim_decimals(t.burn_rate, 9),
                slo_engine::notation::trim_decimals(1.0 - slo.target_percent / 100.0, 9),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sloth_validates_the_spec_and_generates_our_windows_and_thresholds() {
    let plan = plan();
    let dir = workdir();
    let spec = dir.join("sloth.yml");
    std::fs::write(&spec, sloth(&plan, &plan.validate().unwrap())).unwrap();
    // `go install` puts it in GOPATH/bin, which scripts/setup adds to PATH.
    let sloth = "sloth";
    let said = run(sloth, &["validate", "--no-log", "-i", spec.to_str().unwrap()]);
    assert!(!said.to_lowercase().contains("error"), "{said}");
    let rules = dir.join("rules.yml");
    run(
        sloth,
        &[
            "generate",
            "--no-log",
            "-i",
            spec.to_str().unwrap(),
            "-o",
            rules.to_str().unwrap(),
        ],
    );
    for (i, slo) in plan.slos.iter().enumerate() {
        let name = format!("checkout-{}", slo.name);
        let theirs: Vec<Condition> = sloth_conditions(&rules, &name)
            .into_iter()
            .map(|(severity, long, short, burn, budget)| {
                let budget = slo_engine::notation::trim_decimals(budget.parse::<f64>().unwrap(), 9);
                (severity, long, short, burn, budget)
            })
            .collect();
        assert_eq!(theirs.len(), 4, "{name}: {theirs:?}");
        assert_eq!(theirs, our_conditions(&plan, i), "{name}");
    }
    run("promtool", &["check", "rules", rules.to_str().unwrap()]);
    std::fs::remove_dir_all(dir).ok();
}
