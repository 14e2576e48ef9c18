//! The exported Prometheus rules, checked by the real `promtool` (Debian package
//! `prometheus`, installed by scripts/setup): `promtool check rules` accepts them, and
//! `promtool test rules` proves that, for synthetic series, each alert fires at the
//! minute the planner predicts (within the one-minute evaluation interval) and not
//! before, for an SLO of every SLI kind in one file.
#![cfg(not(target_arch = "wasm32"))]

use slo_engine::burn_rate::{quality, workbook_tiers, Tier};
use slo_engine::Target;
use slo_plan::alerts::MetricSpec;
use slo_plan::export::prometheus::{alert_name, duration, quoted, summary};
use slo_plan::report::alerts::plan_rules;
use slo_plan::{Plan, SliSpec, SloSpec};
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

/// The SLI kinds the rules are tested for, as SLOs of one service at 99.9 % over 30
/// days with the SRE Workbook's tiers; each counts its own series.
fn kinds() -> Vec<SloSpec> {
    let slo = |name: &str, sli| SloSpec {
        name: name.to_owned(),
        sli,
        ..SloSpec::default()
    };
    vec![
        slo("availability", SliSpec::RequestBased),
        slo("latency", SliSpec::Latency { threshold_ms: 300.0 }),
        slo("uptime", SliSpec::TimeBased),
        slo(
            "good minutes",
            SliSpec::Timeslice {
                slice_seconds: 60.0,
                max_error_rate_percent: 1.0,
            },
        ),
    ]
}

/// A plan of the service `service` with one SLO of each kind, whose counters follow its
/// name (`job="<service>"`) or, with `own_job`, are the user's for `job="<own_job>"`.
fn plan(service: &str, own_job: Option<&str>) -> Plan {
    let mut slos = kinds();
    if let Some(job) = own_job {
        for slo in &mut slos {
            slo.alerts.metric = Some(MetricSpec::derived(job, slo.sli));
        }
    }
    Plan {
        service: service.to_owned(),
        slos,
        ..Plan::default()
    }
}

/// When, in seconds after the errors start, the planner says `tier` of an SLI of kind
/// `sli` fires at an error rate `e`. A timeslice SLI counts slices: every one-minute
/// slice is bad once its error rate passes the slice threshold, so the SLI sees a full
/// outage; otherwise none is bad.
fn predicted(tier: Tier, sli: SliSpec, e: f64) -> Option<f64> {
    let target = Target::from_percent(99.9).unwrap();
    let seen = match sli {
        SliSpec::Timeslice {
            max_error_rate_percent,
            ..
        } if e * 100.0 > max_error_rate_percent => 1.0,
        SliSpec::Timeslice { .. } => return None,
        _ => e,
    };
    quality(tier, target, MONTH, seen).time_to_fire
}

/// The input series of a promtool test: `errors` of every `TRAFFIC` events per minute
/// are bad from minute `START`, in each SLI kind's counters for `job`.
fn series(job: &str, errors: u64, minutes: u64) -> String {
    let good = TRAFFIC - errors;
    let mut out = String::new();
    let mut counter = |name: &str, before: u64, after: u64| {
        let _ = writeln!(
            out,
            "      - series: '{name}'\n        values: '0+{before}x{START} {}+{after}x{}'",
            before * START + after,
            minutes - START
        );
    };
    let job = format!("job=\"{job}\"");
    // Requests (and timeslices): 5xx are the bad ones.
    counter(
        &format!("http_requests_total{{{job},code=\"200\"}}"),
        TRAFFIC,
        good,
    );
    counter(&format!("http_requests_total{{{job},code=\"500\"}}"), 0, errors);
    // Latency: the bucket at 300 ms counts the fast ones.
    counter(
        &format!("http_request_duration_seconds_bucket{{{job},le=\"0.3\"}}"),
        TRAFFIC,
        good,
    );
    counter(
        &format!("http_request_duration_seconds_count{{{job}}}"),
        TRAFFIC,
        TRAFFIC,
    );
    // Uptime: the probe's successes among its runs.
    counter(&format!("probe_success_total{{{job}}}"), TRAFFIC, good);
    counter(&format!("probe_total{{{job}}}"), TRAFFIC, TRAFFIC);
    out
}

/// A promtool unit-test file for `plan` (whose SLOs are [`kinds`]): each tier of each
/// SLO must be silent the minute before the planner's predicted firing time and
/// firing from the minute after it. An alert of one name fires once per SLO, so each
/// evaluation lists every SLO's alert that must be firing then; minutes in which some
/// SLO is due are not checked.
fn unit_tests(plan: &Plan, errors: u64, job: &str) -> String {
    let minutes = START + 600;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m"
    );
    let _ = writeln!(out, "    input_series:");
    out.push_str(&series(job, errors, minutes));
    let _ = writeln!(out, "    alert_rule_test:");
    let e = errors as f64 / TRAFFIC as f64;
    let tiers = workbook_tiers(MONTH);
    for tier in &tiers {
        // Each SLO's firing minute, `None` when it never fires.
        let due: Vec<Option<u64>> = plan
            .slos
            .iter()
            .map(|slo| predicted(*tier, slo.sli, e).map(|s| (START as f64 + s / 60.0).ceil() as u64))
            .collect();
        let mut times: Vec<u64> = due.iter().flatten().flat_map(|m| [m - 1, m + 1]).collect();
        times.push(minutes);
        times.sort_unstable();
        times.dedup();
        let name = alert_name(tier);
        for t in times {
            if due.contains(&Some(t)) {
                continue;
            }
            let _ = writeln!(out, "      - eval_time: {t}m\n        alertname: {name}");
            let firing: Vec<&SloSpec> = plan
                .slos
                .iter()
                .zip(&due)
                .filter(|(_, d)| d.is_some_and(|m| t > m))
                .map(|(slo, _)| slo)
                .collect();
            if firing.is_empty() {
                let _ = writeln!(out, "        exp_alerts: []");
                continue;
            }
            let _ = writeln!(out, "        exp_alerts:");
            for slo in firing {
                let _ = writeln!(
                    out,
                    "          - exp_labels:\n              severity: {}\n              slo_service: {}\n              slo_name: {}\n              long_window: {}\n              short_window: {}\n            exp_annotations:\n              summary: {}",
                    if name.contains("_page_") { "page" } else { "ticket" },
                    quoted(&plan.service),
                    quoted(&slo.name),
                    duration(tier.long()),
                    duration(tier.short()),
                    quoted(&summary(&plan.service, &slo.name, tier))
                );
            }
        }
    }
    out
}

/// Checks the rules of a service named `api` whose counters follow its name: they
/// select `job="api"`, the series the test writes.
fn check(name: &str, errors_per_hundred: u64) {
    check_plan(name, errors_per_hundred, &plan("api", None), "api");
}

/// Writes the rules of `plan` and a unit test of them, and runs promtool on both.
fn check_plan(name: &str, errors_per_hundred: u64, plan: &Plan, job: &str) {
    run_unit_tests(name, plan, &unit_tests(plan, errors_per_hundred, job));
}

/// Writes the rules of `plan` and the promtool unit tests `tests`, and has promtool
/// check the rules and run the tests.
fn run_unit_tests(name: &str, plan: &Plan, tests: &str) {
    let dir = workdir(name);
    let valid = plan.validate().unwrap();
    std::fs::write(dir.join("rules.yml"), plan_rules(plan, &valid)).unwrap();
    std::fs::write(dir.join("tests.yml"), tests).unwrap();
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
/// For every SLI kind.
#[test]
fn a_full_outage_fires_every_tier_when_the_planner_says() {
    check("outage", 100);
}

/// Prometheus runs alert annotations as Go templates: a name holding `{{` reaches the
/// alert's summary as typed, and its quotes and backslashes reach its labels.
/// (One SLO, itself named as hostilely: the names are what this test is about.)
#[test]
fn a_hostile_service_name_reaches_the_alerts_as_typed() {
    let mut hostile = plan(HOSTILE, Some("api"));
    hostile.slos.truncate(1);
    hostile.slos[0].name = HOSTILE.to_owned();
    check_plan("hostile", 100, &hostile, "api");
}

/// A 2 % error rate: the fast page after 43.2 min, the slow page after 3 h, the
/// tickets after 3.6 h; every one-minute slice is bad (above 1 %), so the timeslice
/// SLO sees a full outage.
#[test]
fn a_two_percent_error_rate_fires_every_tier_when_the_planner_says() {
    check("two-percent", 2);
}

/// 1 % errors never reach the fast page's 1.44 % threshold, and no slice is above 1 %.
#[test]
fn a_rate_below_a_threshold_never_fires_that_tier() {
    check("one-percent", 1);
}

/// The Sloth export's queries are PromQL that Prometheus accepts once Sloth puts a
/// window in `{{.window}}`: promtool checks them as recording rules.
#[test]
fn the_sloth_export_queries_are_valid_promql() {
    use slo_plan::alerts::RatioSpec;
    let mut good = Plan::default();
    let mut metric = good.slo().metric(&good.service);
    metric.ratio = RatioSpec::GoodOverTotal;
    good.slo_mut().alerts.metric = Some(metric);
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

/// A history of `minutes` minutes at `per_minute` requests a minute, of which `bad(m)`
/// fail in minute `m`. Returns the 200s' and the 500s' counters, sampled each minute;
/// the 500s' counter starts at 5,000 (a process long up), so Prometheus's `rate()`
/// never stops its extrapolation at zero.
fn history(minutes: i64, per_minute: i64, bad: impl Fn(i64) -> i64) -> (Vec<i64>, Vec<i64>) {
    let (mut ok, mut failed) = (vec![1_000_000], vec![5_000]);
    for m in 1..=minutes {
        let b = bad(m).clamp(0, per_minute);
        ok.push(ok[ok.len() - 1] + per_minute - b);
        failed.push(failed[failed.len() - 1] + b);
    }
    (ok, failed)
}

/// Backtests the default plan's tiers (99.9 % over 30 days, the Workbook's) on the
/// counters `(ok, failed)` of one availability SLO, and has promtool check, on the
/// exported rules and the same counters evaluated every minute, that each alert fires
/// in the minute the backtest says and not the minute before, and no longer fires in
/// the minute it says it resets but still did the minute before. Returns how many
/// firings were checked, for each tier.
fn check_backtest(name: &str, (ok, failed): (Vec<i64>, Vec<i64>)) -> Vec<usize> {
    use slo_engine::observed::{Counting, Observed};
    let at = |counter: &[i64]| -> Vec<(i64, f64)> {
        counter
            .iter()
            .enumerate()
            .map(|(m, v)| (60 * m as i64, *v as f64))
            .collect()
    };
    let total: Vec<i64> = ok.iter().zip(&failed).map(|(a, b)| a + b).collect();
    let observed = Observed::from_counts(&at(&failed), &at(&total), Counting::Counter).unwrap();
    check_observed(name, &observed, 0, (&ok, &failed))
}

/// As [`check_backtest`], for a history already observed whose first sample is at
/// Unix time `origin`, its counters `(ok, failed)` sampled each minute from then.
fn check_observed(
    name: &str,
    observed: &slo_engine::observed::Observed,
    origin: i64,
    (ok, failed): (&[i64], &[i64]),
) -> Vec<usize> {
    use slo_engine::observed::RangeSelector;
    let plan = Plan {
        slos: vec![kinds().remove(0)],
        ..plan("api", None)
    };
    let valid = plan.validate().unwrap();
    let target = Target::from_percent(99.9).unwrap();
    let slo = &plan.slos[0];
    let mut checked = Vec::new();
    // What promtool is to find, at each minute from `origin`.
    let mut expected: Vec<(i64, String)> = Vec::new();
    for tier in &valid.tiers {
        // Debian's promtool is Prometheus 2: its range selectors are closed.
        let spans = observed.backtest(*tier, target, RangeSelector::Closed);
        checked.push(spans.len());
        let name = alert_name(tier);
        let mut expect = |minute: i64, firing: bool| {
            let mut block = format!("      - eval_time: {{minute}}m\n        alertname: {name}\n");
            if firing {
                let _ = writeln!(
                    block,
                    "        exp_alerts:\n          - exp_labels:\n              severity: {}\n              slo_service: {}\n              slo_name: {}\n              long_window: {}\n              short_window: {}\n            exp_annotations:\n              summary: {}",
                    tier.severity().name(),
                    quoted(&plan.service),
                    quoted(&slo.name),
                    duration(tier.long()),
                    duration(tier.short()),
                    quoted(&summary(&plan.service, &slo.name, tier))
                );
            } else {
                block.push_str("        exp_alerts: []\n");
            }
            expected.push((minute, block));
        };
        for span in &spans {
            let start = (span.start - origin) / 60;
            expect(start - 1, false);
            expect(start, true);
            if let Some(end) = span.end {
                expect((end - origin) / 60 - 1, true);
                expect((end - origin) / 60, false);
            }
        }
    }
    // The rules look back at most the longest window: each cluster of expectations is
    // a test of its own, fed the counters from that long before its first (promtool's
    // time grows with the minutes it evaluates, and a month takes minutes).
    expected.sort_by_key(|(minute, _)| *minute);
    let lookback = valid.tiers.iter().map(|t| t.long()).fold(0.0, f64::max) as i64 / 60 + 60;
    let mut out = String::from("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n");
    let values = |c: &[i64]| c.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
    let mut k = 0;
    while k < expected.len() {
        let mut last = k;
        while last + 1 < expected.len() && expected[last + 1].0 - expected[last].0 <= lookback {
            last += 1;
        }
        let from = (expected[k].0 - lookback).max(0);
        let to = (expected[last].0 + 1) as usize;
        let slice = |c: &[i64]| values(&c[from as usize..=to.min(c.len() - 1)]);
        let _ = writeln!(
            out,
            "  - interval: 1m\n    input_series:\n      - series: 'http_requests_total{{job=\"api\",code=\"200\"}}'\n        values: '{}'\n      - series: 'http_requests_total{{job=\"api\",code=\"500\"}}'\n        values: '{}'\n    alert_rule_test:",
            slice(ok),
            slice(failed)
        );
        for (minute, block) in &expected[k..=last] {
            out.push_str(&block.replace("{minute}", &(minute - from).to_string()));
        }
        k = last + 1;
    }
    run_unit_tests(name, &plan, &out);
    checked
}

/// A deploy incident (half the requests fail for 20 minutes) and a slow burn (0.4 %
/// for a day and a half) after three clean days, at 1,000 requests a minute: the
/// deploy pages and the slow burn opens the tickets; promtool agrees to the minute.
#[test]
fn promtool_fires_and_resets_each_alert_in_the_minute_the_backtest_says() {
    let deploy = START as i64 + 60;
    let burn = START as i64 + 600;
    let counters = history(burn + 2_400, 1_000, |m| {
        if (deploy..deploy + 20).contains(&m) {
            500
        } else if (burn..burn + 2_160).contains(&m) {
            4
        } else {
            0
        }
    });
    let checked = check_backtest("backtest", counters);
    assert!(checked.iter().all(|&n| n >= 1), "every tier fires: {checked:?}");
}

/// A noisy low-traffic service, 20 requests a minute: a failed request now and then
/// (one minute in 50, from a fixed sequence) and a burst of 5 failures a minute for 10
/// minutes; each failure is 5 % of its minute. The backtest and promtool agree on
/// every firing and reset, many of them brief.
#[test]
fn promtool_agrees_with_the_backtest_on_a_noisy_low_traffic_service() {
    let burst = START as i64 + 300;
    // A linear congruential sequence: the same "noise" on every run.
    let noise = |m: i64| (m.wrapping_mul(1_103_515_245).wrapping_add(12_345) >> 16) % 50 == 0;
    let counters = history(START as i64 + 1_500, 20, |m| {
        if (burst..burst + 10).contains(&m) {
            5
        } else {
            i64::from(m > 60 && noise(m))
        }
    });
    let checked = check_backtest("low-traffic", counters);
    assert!(checked.iter().sum::<usize>() >= 4, "firings checked: {checked:?}");
}

/// Each sample history of `assets/samples`, as the app reads it (its Prometheus JSON,
/// the roles guessed from the series' names), backtested on the exported rules'
/// tiers: promtool, given the same counters, fires and resets every alert in the
/// minute the backtest says. Its Grafana CSV reads to the same series.
#[test]
fn promtool_agrees_with_the_backtest_on_every_sample_history() {
    use slo_plan::history::read;
    use slo_plan::replay::{guess, observe, Role};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/samples");
    for name in ["deploy", "slow-burn", "low-traffic"] {
        let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let csv = std::fs::read_to_string(dir.join(format!("{name}.csv"))).unwrap();
        let imported = read(&json, 0).unwrap();
        let from_csv = read(&csv, 0).unwrap();
        for (a, b) in imported.series.iter().zip(&from_csv.series) {
            assert_eq!(a.samples, b.samples, "{name}: {} and {}", a.name, b.name);
        }
        let reading = guess(&imported);
        assert_eq!(reading.roles, [Role::Good, Role::Bad], "{name}");
        let observed = observe(&imported, &reading).unwrap();
        let counter = |i: usize| -> Vec<i64> {
            imported.series[i]
                .samples
                .iter()
                .map(|(_, v)| *v as i64)
                .collect()
        };
        let origin = imported.series[0].samples[0].0;
        let checked = check_observed(
            &format!("sample-{name}"),
            &observed,
            origin,
            (&counter(0), &counter(1)),
        );
        assert!(
            checked.iter().sum::<usize>() >= 1,
            "{name}: firings checked {checked:?}"
        );
        eprintln!("{name}: firings checked per tier {checked:?}");
    }
}
