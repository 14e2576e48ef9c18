//! OpenSLO and Sloth exports: golden files, an independent YAML parser, the OpenSLO v1
//! specification's fields checked one by one (`../shared/openslo/SPEC.md`), and the
//! round trip plan → OpenSLO → plan.
//!
//! `UPDATE_GOLDEN=1 cargo test --test interop` rewrites the golden files after a
//! deliberate change to an export; review the diff.
#![cfg(not(target_arch = "wasm32"))]

use slo_plan::alerts::{MetricSpec, RatioSpec, SeveritySpec, TierSpec};
use slo_plan::export::{openslo, sloth};
use slo_plan::{Plan, SliSpec, WindowSpec};
use yaml_rust2::{Yaml, YamlLoader};

/// The plans the golden files hold: the default, a calendar quarter of 5-minute slices
/// with a good-over-total metric and own tiers, a latency SLO over 28 days, and a
/// time-based SLO over a calendar month.
fn plans() -> Vec<(&'static str, Plan)> {
    let mut quarter = Plan {
        service: "Checkout EU".to_owned(),
        slos: vec![slo_plan::SloSpec {
            target_percent: 99.95,
            window: WindowSpec::CalendarQuarter,
            sli: SliSpec::Timeslice {
                slice_seconds: 300.0,
                max_error_rate_percent: 5.0,
            },
            ..Plan::default().slo().clone()
        }],
        ..Plan::default()
    };
    quarter.slo_mut().alerts.metric = Some(MetricSpec {
        ratio: RatioSpec::GoodOverTotal,
        numerator: "http_requests_total{job=\"checkout\",code!~\"5..\"}".to_owned(),
        total: "http_requests_total{job=\"checkout\"}".to_owned(),
    });
    quarter.slo_mut().alerts.tiers = vec![
        TierSpec {
            severity: SeveritySpec::Page,
            long_seconds: 7_200.0,
            short_seconds: 600.0,
            burn_rate: 20.0,
        },
        TierSpec {
            severity: SeveritySpec::Ticket,
            long_seconds: 172_800.0,
            short_seconds: 14_400.0,
            burn_rate: 1.5,
        },
    ];
    let latency = Plan {
        service: "search".to_owned(),
        slos: vec![slo_plan::SloSpec {
            target_percent: 99.0,
            window: WindowSpec::Rolling { days: 28 },
            sli: SliSpec::Latency { threshold_ms: 300.0 },
            ..Plan::default().slo().clone()
        }],
        ..Plan::default()
    };
    let uptime = Plan {
        service: "status page".to_owned(),
        slos: vec![slo_plan::SloSpec {
            name: "uptime".to_owned(),
            target_percent: 99.95,
            window: WindowSpec::CalendarMonth,
            sli: SliSpec::TimeBased,
            ..Plan::default().slo().clone()
        }],
        ..Plan::default()
    };
    vec![
        ("default", Plan::default()),
        ("quarter", quarter),
        ("latency", latency),
        ("uptime", uptime),
    ]
}

fn golden(name: &str, text: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(text, expected, "{name} differs from its golden file");
}

fn export(plan: &Plan) -> String {
    openslo::openslo(plan, &plan.validate().unwrap())
}

/// One plan per SLI kind (requests, timeslices, latency, time), each export as
/// recorded: OpenSLO, Sloth and the Prometheus rules (which `tests/promtool.rs` runs).
#[test]
fn exports_match_their_golden_files() {
    for (name, plan) in plans() {
        golden(&format!("{name}.openslo.yaml"), &export(&plan));
        golden(
            &format!("{name}.rules.yaml"),
            &slo_plan::report::alerts::plan_rules(&plan, &plan.validate().unwrap()),
        );
        golden(
            &format!("{name}.sloth.yaml"),
            &sloth::sloth(&plan, &plan.validate().unwrap()),
        );
    }
}

fn scalar(y: &Yaml) -> String {
    match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

fn number(y: &Yaml) -> f64 {
    match y {
        Yaml::Real(s) => s.parse().unwrap(),
        Yaml::Integer(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// RFC 1123 label (SPEC.md, General Schema): at most 63 lower-case letters, digits and
/// `-`, starting and ending with a letter or digit.
fn dns_label(name: &str) -> bool {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| ok(c) || c == '-')
        && name.starts_with(ok)
        && name.ends_with(ok)
}

/// duration-shorthand (SPEC.md, Custom Data Types): a positive integer and one of
/// `m h d w M Q Y`.
fn shorthand(value: &str) -> bool {
    let (number, unit) = value.split_at(value.len() - 1);
    "mhdwMQY".contains(unit)
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && number.parse::<u64>().unwrap() > 0
}

/// Checks one OpenSLO v1 document against the specification, field by field.
fn check_document(doc: &Yaml, names: &[String]) {
    assert_eq!(doc["apiVersion"].as_str(), Some("openslo/v1"));
    let name = doc["metadata"]["name"].as_str().expect("metadata.name");
    assert!(dns_label(name), "{name}");
    let spec = &doc["spec"];
    if let Some(description) = spec["description"].as_str() {
        assert!(description.len() <= 1050);
    }
    match doc["kind"].as_str().expect("kind") {
        "Service" => {}
        "SLI" => {
            let ratio = &spec["ratioMetric"];
            assert!(!ratio.is_badvalue(), "ratioMetric");
            let good = !ratio["good"].is_badvalue();
            let bad = !ratio["bad"].is_badvalue();
            assert!(good != bad, "exactly one of good and bad");
            for part in ["good", "bad", "total"] {
                if ratio[part].is_badvalue() {
                    continue;
                }
                let source = &ratio[part]["metricSource"];
                assert_eq!(source["type"].as_str(), Some("Prometheus"));
                assert!(!source["spec"]["query"].as_str().unwrap().is_empty());
            }
            assert_eq!(ratio["counter"].as_bool(), Some(true));
        }
        "SLO" => {
            let service = spec["service"].as_str().unwrap();
            assert!(names.iter().any(|n| n == service), "the Service {service}");
            let sli = spec["indicatorRef"].as_str().unwrap();
            assert!(names.iter().any(|n| n == sli), "the SLI {sli}");
            let windows = spec["timeWindow"].as_vec().unwrap();
            assert_eq!(windows.len(), 1, "exactly one time window");
            let window = &windows[0];
            assert!(shorthand(window["duration"].as_str().unwrap()));
            let rolling = window["isRolling"].as_bool().unwrap();
            if !rolling {
                let calendar = &window["calendar"];
                let start = calendar["startTime"].as_str().unwrap();
                assert_eq!(start.len(), "2020-01-21 12:30:00".len(), "{start}");
                assert!(calendar["timeZone"].as_str().is_some());
            }
            let method = spec["budgetingMethod"].as_str().unwrap();
            assert!(["Occurrences", "Timeslices", "RatioTimeslices"].contains(&method));
            let objectives = spec["objectives"].as_vec().unwrap();
            assert!(!objectives.is_empty());
            for objective in objectives {
                let target = number(&objective["target"]);
                assert!((0.0..1.0).contains(&target), "target {target}");
                assert!(objective["targetPercent"].is_badvalue(), "not both targets");
                if method == "Timeslices" {
                    let slice_target = number(&objective["timeSliceTarget"]);
                    assert!(slice_target > 0.0 && slice_target <= 1.0);
                    let window = &objective["timeSliceWindow"];
                    assert!(window.as_str().map(shorthand).unwrap_or(false) || number(window) > 0.0);
                }
                if let Some(op) = objective["op"].as_str() {
                    assert!(["lte", "gte", "lt", "gt"].contains(&op));
                    number(&objective["value"]);
                }
            }
            for policy in spec["alertPolicies"].as_vec().unwrap_or(&vec![]) {
                let reference = policy["alertPolicyRef"].as_str().unwrap();
                assert!(names.iter().any(|n| n == reference), "{reference}");
            }
        }
        "AlertPolicy" => {
            for flag in ["alertWhenNoData", "alertWhenResolved", "alertWhenBreaching"] {
                assert!(spec[flag].as_bool().is_some(), "{flag}");
            }
            let conditions = spec["conditions"].as_vec().unwrap();
            assert_eq!(conditions.len(), 1, "at most one condition");
            let condition = &conditions[0];
            assert_eq!(condition["kind"].as_str(), Some("AlertCondition"));
            assert!(dns_label(condition["metadata"]["name"].as_str().unwrap()));
            assert!(!condition["spec"]["severity"].as_str().unwrap().is_empty());
            let burn = &condition["spec"]["condition"];
            assert_eq!(burn["kind"].as_str(), Some("burnrate"));
            assert!(["lte", "gte", "lt", "gt"].contains(&burn["op"].as_str().unwrap()));
            assert!(number(&burn["threshold"]) > 0.0);
            assert!(shorthand(burn["lookbackWindow"].as_str().unwrap()));
            assert!(spec["notificationTargets"].as_vec().is_some());
        }
        other => panic!("unexpected kind {other}"),
    }
}

#[test]
fn openslo_exports_follow_the_specification_field_by_field() {
    for (name, plan) in plans() {
        let text = export(&plan);
        let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(docs.len() >= 3, "{name}");
        let names: Vec<String> = docs.iter().map(|d| scalar(&d["metadata"]["name"])).collect();
        for doc in &docs {
            check_document(doc, &names);
        }
    }
}

/// The planner's own YAML reader and an independent parser read the exports alike.
#[test]
fn the_planners_yaml_reader_agrees_with_yaml_rust2() {
    use slo_plan::yaml::{self, Yaml as Own};
    fn same(own: &Own, other: &Yaml) {
        match (own, other) {
            (Own::Map(entries), Yaml::Hash(hash)) => {
                assert_eq!(entries.len(), hash.len());
                for (k, v) in entries {
                    same(v, &hash[&Yaml::String(k.clone())]);
                }
            }
            (Own::Seq(items), Yaml::Array(array)) => {
                assert_eq!(items.len(), array.len());
                for (a, b) in items.iter().zip(array) {
                    same(a, b);
                }
            }
            (Own::Scalar(s), other) => assert_eq!(*s, scalar(other)),
            (Own::Null, Yaml::Null) => {}
            (own, other) => panic!("{own:?} against {other:?}"),
        }
    }
    let examples = format!("{}/../../../shared/openslo/examples", env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = plans().iter().map(|(_, p)| export(p)).collect();
    for dir in ["budgeting-method", "treat-low-traffic-as-equally-important"] {
        for entry in std::fs::read_dir(format!("{examples}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    assert!(texts.len() >= 7);
    for text in texts {
        let own = yaml::documents(&text).unwrap();
        let other = YamlLoader::load_from_str(&text).unwrap();
        assert_eq!(own.len(), other.len());
        for (a, b) in own.iter().zip(&other) {
            same(a, b);
        }
    }
}

#[test]
fn plan_to_openslo_to_plan_keeps_what_openslo_can_say() {
    for (name, plan) in plans() {
        let back = openslo::import(&export(&plan), &Plan::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .plan;
        // The Service document's displayName gives the name back as typed.
        assert_eq!(back.service, plan.service, "{name}");
        assert_eq!(back.slo().target_percent, plan.slo().target_percent, "{name}");
        assert_eq!(back.slo().window, plan.slo().window, "{name}");
        assert_eq!(back.slo().sli, plan.slo().sli, "{name}");
        assert_eq!(back.slo().alerts.metric, plan.slo().alerts.metric, "{name}");
        assert_eq!(back.slo().alerts.tiers, plan.slo().alerts.tiers, "{name}");
    }
}

/// Sloth's spec (sloth.dev, `prometheus/v1`): version, service, SLOs with a name, an
/// objective in (0, 100], and error and total queries that use `{{.window}}`.
#[test]
fn sloth_exports_have_the_fields_sloth_requires() {
    for (name, plan) in plans() {
        let text = sloth::sloth(&plan, &plan.validate().unwrap());
        let doc = &YamlLoader::load_from_str(&text).unwrap()[0];
        assert_eq!(doc["version"].as_str(), Some("prometheus/v1"), "{name}");
        assert!(!doc["service"].as_str().unwrap().is_empty());
        let slo = &doc["slos"][0];
        let slo_name = slo["name"].as_str().unwrap();
        assert!(slo_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let objective = number(&slo["objective"]);
        assert_eq!(objective, plan.slo().target_percent);
        for query in ["error_query", "total_query"] {
            assert!(slo["sli"]["events"][query]
                .as_str()
                .unwrap()
                .contains("[{{.window}}]"));
        }
        let alert = slo["alerting"]["name"].as_str().unwrap();
        assert!(alert.chars().all(|c| c.is_ascii_alphanumeric()), "{alert}");
        for kind in ["page_alert", "ticket_alert"] {
            assert!(slo["alerting"][kind]["labels"]["severity"].as_str().is_some());
        }
    }
}
