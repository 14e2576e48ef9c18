//! The exported Prometheus rules, checked by the real `promtool` (Debian package
//! `prometheus`, installed by scripts/setup): `promtool check rules` accepts them, and
//! `promtool test rules` proves that, for synthetic series, each alert fires at the
//! minute the planner predicts (within the one-minute evaluation interval) and not
//! before.
#![cfg(not(target_arch = "wasm32"))]

use slo_engine::burn_rate::{quality, workbook_tiers, Tier};
use slo_engine::Target;
use slo_plan::export::prometheus::{alert_name, duration, quoted, rules, summary, Ratio, RulesInput};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

const MONTH: f64 = 2_592_000.0;
/// Errors start after this many minutes of clean traffic (more than the 3-day window).
const START: u64 = 4_400;
/// Requests per minute.
const TRAFFIC: u64 = 100;

fn promtool(args: &[&str]) -> (bool, String) {
    let output = Command::new("promtool")
        .args(args)
        .output()
        .expect("promtool runs (scripts/setup installs Debian's prometheus package)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slo-planner-promtool-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A service name with what Markdown, HTML, YAML, PromQL and Go templates give meaning
/// to.
const HOSTILE: &str = "<img src=x onerror=alert(1)> {{ .Value }} \"q\" 'a' \\ `x` | & #1";

fn generated_rules(tiers: &[Tier], target: Target, service: &str) -> String {
    rules(&RulesInput {
        service,
        target,
        numerator: "http_requests_total{job=\"api\",code=\"500\"}",
        total: "http_requests_total{job=\"api\"}",
        ratio: Ratio::BadOverTotal,
        tiers,
    })
}

/// A promtool unit-test file: `errors` of every `TRAFFIC` requests per minute fail
/// from minute `START`; each tier must be silent the minute before the planner's
/// predicted firing time and firing in the minute after it.
fn unit_tests(tiers: &[Tier], target: Target, errors: u64, service: &str) -> String {
    let good_after = TRAFFIC - errors;
    let minutes = START + 600;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m"
    );
    let _ = writeln!(out, "    input_series:");
    let _ = writeln!(
        out,
        "      - series: 'http_requests_total{{job=\"api\",code=\"200\"}}'\n        values: '0+{TRAFFIC}x{START} {}+{good_after}x{}'",
        TRAFFIC * START + good_after,
        minutes - START
    );
    let _ = writeln!(
        out,
        "      - series: 'http_requests_total{{job=\"api\",code=\"500\"}}'\n        values: '0x{START} {errors}+{errors}x{}'",
        minutes - START
    );
    let _ = writeln!(out, "    alert_rule_test:");
    let e = errors as f64 / TRAFFIC as f64;
    for tier in tiers {
        let predicted = quality(*tier, target, MONTH, e).time_to_fire;
        let name = alert_name(tier);
        match predicted {
            Some(seconds) => {
                let minute = START as f64 + seconds / 60.0;
                let silent = minute.ceil() as u64 - 1;
                let firing = minute.ceil() as u64 + 1;
                let _ = writeln!(
                    out,
                    "      - eval_time: {silent}m\n        alertname: {name}\n        exp_alerts: []"
                );
                let _ = writeln!(
                    out,
                    "      - eval_time: {firing}m\n        alertname: {name}\n        exp_alerts:\n          - exp_labels:\n              severity: {}\n              slo_service: {}\n              long_window: {}\n              short_window: {}\n            exp_annotations:\n              summary: {}",
                    if name.contains("_page_") { "page" } else { "ticket" },
                    quoted(service),
                    duration(tier.long()),
                    duration(tier.short()),
                    quoted(&summary(service, tier))
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "      - eval_time: {minutes}m\n        alertname: {name}\n        exp_alerts: []"
                );
            }
        }
    }
    out
}

fn check(name: &str, errors_per_hundred: u64) {
    check_as(name, errors_per_hundred, "api");
}

/// As [`check`], for the service named `service`: each alert carries the name as typed.
fn check_as(name: &str, errors_per_hundred: u64, service: &str) {
    let target = Target::from_percent(99.9).unwrap();
    let tiers = workbook_tiers(MONTH);
    let dir = workdir(name);
    std::fs::write(dir.join("rules.yml"), generated_rules(&tiers, target, service)).unwrap();
    std::fs::write(
        dir.join("tests.yml"),
        unit_tests(&tiers, target, errors_per_hundred, service),
    )
    .unwrap();
    let (ok, text) = promtool(&["check", "rules", dir.join("rules.yml").to_str().unwrap()]);
    assert!(ok, "promtool check rules failed:\n{text}");
    let (ok, text) = promtool(&["test", "rules", dir.join("tests.yml").to_str().unwrap()]);
    assert!(
        ok,
        "promtool test rules failed:\n{text}\nfiles in {}",
        dir.display()
    );
    std::fs::remove_dir_all(dir).ok();
}

/// SRE Workbook, ch. 5: a full outage fires the 14.4 × 1 h page after 51.84 s; the
/// other tiers follow at 129.6 s (6 × 6 h), 259.2 s (3 × 1 d) and 259.2 s (1 × 3 d).
#[test]
fn a_full_outage_fires_every_tier_when_the_planner_says() {
    check("outage", 100);
}

/// Prometheus runs alert annotations as Go templates: a name holding `{{` reaches the
/// alert's summary as typed, and its quotes and backslashes reach its label.
#[test]
fn a_hostile_service_name_reaches_the_alerts_as_typed() {
    check_as("hostile", 100, HOSTILE);
}

/// A 2 % error rate: the fast page after 43.2 min, the slow page after 3 h, the
/// tickets after 3.6 h.
#[test]
fn a_two_percent_error_rate_fires_every_tier_when_the_planner_says() {
    check("two-percent", 2);
}

/// 1 % errors never reach the fast page's 1.44 % threshold.
#[test]
fn a_rate_below_a_threshold_never_fires_that_tier() {
    check("one-percent", 1);
}

/// The Sloth export's queries are PromQL that Prometheus accepts once Sloth puts a
/// window in `{{.window}}`: promtool checks them as recording rules.
#[test]
fn the_sloth_export_queries_are_valid_promql() {
    use slo_plan::alerts::RatioSpec;
    use slo_plan::Plan;
    let mut good = Plan::default();
    good.alerts.metric.ratio = RatioSpec::GoodOverTotal;
    let mut out = String::from("groups:\n  - name: sloth\n    rules:\n");
    for (i, plan) in [Plan::default(), good].iter().enumerate() {
        let spec = slo_plan::export::sloth::sloth(plan, &plan.validate().unwrap());
        for line in spec.lines() {
            let Some((_, query)) = line.split_once("_query: ") else {
                continue;
            };
            let promql: String = unquote(query).replace("{{.window}}", "5m");
            let n = out.matches("record:").count();
            let _ = writeln!(
                out,
                "      - record: sloth_query_{i}_{n}\n        expr: '{promql}'"
            );
        }
    }
    assert_eq!(out.matches("record:").count(), 4, "{out}");
    let dir = workdir("sloth");
    std::fs::write(dir.join("rules.yml"), &out).unwrap();
    let (ok, text) = promtool(&["check", "rules", dir.join("rules.yml").to_str().unwrap()]);
    assert!(ok, "{text}\n{out}");
}

/// The text of a double-quoted YAML scalar with `\"` and `\\` escapes.
fn unquote(quoted: &str) -> String {
    quoted
        .trim_matches('"')
        .replace("\\\"", "\"")
        .replace("\\\\", "\\")
}
