//! The plan's SLO as OpenSLO v1 documents (`../shared/openslo/SPEC.md`): a Service, an
//! SLI (a ratio of the plan's Prometheus counters), the SLO (objective, time window,
//! budgeting method, alert policies) and one AlertPolicy per burn-rate tier with its
//! AlertCondition inlined.
//!
//! What OpenSLO cannot say is written as a comment: a burn-rate condition has one
//! lookback window, so a tier's short window is not part of the condition.

use super::prometheus::{duration, quoted};

use crate::yaml::{documents, Yaml};
use crate::{Plan, SliSpec, ValidPlan};
use slo_engine::Window;
use std::fmt::Write;

/// A name OpenSLO accepts (DNS label style): lower case, digits and `-`.
pub fn name(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "service".to_owned()
    } else {
        out
    }
}

/// A duration in OpenSLO's shorthand (one whole number and one unit of `m`, `h`, `d`),
/// rounded to the minute and at least `1m`.
fn shorthand(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round().max(1.0) as u64;
    let (n, unit) = if minutes.is_multiple_of(1_440) {
        (minutes / 1_440, 'd')
    } else if minutes.is_multiple_of(60) {
        (minutes / 60, 'h')
    } else {
        (minutes, 'm')
    };
    format!("{n}{unit}")
}

/// The time window: a rolling window in days, or a calendar month, quarter or year.
fn time_window(out: &mut String, window: Window) {
    let _ = match window {
        Window::Rolling { days } => writeln!(
            out,
            "  timeWindow:\n    - duration: {days}d\n      isRolling: true"
        ),
        calendar => {
            let duration = match calendar {
                Window::CalendarMonth => "1M",
                Window::CalendarQuarter => "1Q",
                _ => "1Y",
            };
            writeln!(
                out,
                "  timeWindow:\n    - duration: {duration}\n      calendar:\n        startTime: 2026-01-01 00:00:00\n        timeZone: UTC\n      isRolling: false"
            )
        }
    };
}

/// The OpenSLO documents of `plan` (checked as `valid`): the service, then for each SLO
/// its SLI, the SLO and an alert policy per tier, named `<service>-<slo>…`.
pub fn openslo(plan: &Plan, valid: &ValidPlan) -> String {
    let service = name(&plan.service);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: {service}\n  displayName: {}\nspec:\n  description: Planned with slo-planner\n---",
        quoted(&plan.service)
    );
    let mut names: Vec<String> = Vec::new();
    for i in 0..plan.slos.len() {
        let Ok(one) = valid.for_slo(plan, i) else { continue };
        // OpenSLO names are unique: a repeated SLO name gets its position.
        let mut slo = name(&plan.slos[i].name);
        if names.contains(&slo) {
            slo = format!("{slo}-{}", i + 1);
        }
        if !names.is_empty() {
            out.push_str("---\n");
        }
        names.push(slo.clone());
        slo_documents(&mut out, &service, &format!("{service}-{slo}"), plan, i, &one);
    }
    out
}

/// The SLI, SLO and alert policies of the plan's SLO at `index` (checked as `valid`),
/// named after `prefix`.
fn slo_documents(
    out: &mut String,
    service: &str,
    prefix: &str,
    plan: &Plan,
    index: usize,
    valid: &ValidPlan,
) {
    let spec = &plan.slos[index];
    let sli = format!("{prefix}-sli");
    let metric = &spec.metric(&plan.service);
    let (good_or_bad, numerator) = match metric.ratio {
        crate::alerts::RatioSpec::GoodOverTotal => ("good", &metric.numerator),
        crate::alerts::RatioSpec::BadOverTotal => ("bad", &metric.numerator),
    };
    let _ = writeln!(
        out,
        "apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: {sli}\nspec:\n  ratioMetric:\n    counter: true\n    {good_or_bad}:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: {}\n    total:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: {}\n---",
        quoted(numerator),
        quoted(&metric.total)
    );
    let method = match spec.sli {
        SliSpec::TimeBased | SliSpec::Timeslice { .. } => "Timeslices",
        SliSpec::RequestBased | SliSpec::Latency { .. } => "Occurrences",
    };
    let _ = writeln!(
        out,
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: {prefix}\n  displayName: {}\nspec:\n  service: {service}\n  indicatorRef: {sli}",
        quoted(&spec.name)
    );
    time_window(out, valid.window);
    let _ = writeln!(
        out,
        "  budgetingMethod: {method}\n  objectives:\n    - displayName: {}\n      target: {}",
        quoted(&format!("{}% over {}", spec.target_percent, valid.window.label())),
        slo_engine::notation::trim_decimals(valid.target.fraction(), 12)
    );
    match spec.sli {
        SliSpec::Timeslice {
            slice_seconds,
            max_error_rate_percent,
        } => {
            let _ = writeln!(
                out,
                "      timeSliceTarget: {}\n      timeSliceWindow: {}",
                slo_engine::notation::trim_decimals(1.0 - max_error_rate_percent / 100.0, 12),
                // Whole minutes as shorthand, other slices as seconds (the spec allows
                // a number).
                if (slice_seconds / 60.0).fract() == 0.0 {
                    shorthand(slice_seconds)
                } else {
                    slice_seconds.to_string()
                }
            );
        }
        SliSpec::TimeBased => {
            let _ = writeln!(out, "      timeSliceTarget: 1\n      timeSliceWindow: 1m");
        }
        SliSpec::Latency { threshold_ms } => {
            let _ = writeln!(
                out,
                "      # Good: requests answered within {0} ms.\n      op: lte\n      value: {0}",
                threshold_ms.to_string()
            );
        }
        SliSpec::RequestBased => {}
    }
    let policies: Vec<String> = valid
        .tiers
        .iter()
        .enumerate()
        .map(|(i, _)| format!("{prefix}-tier-{i}"))
        .collect();
    if !policies.is_empty() {
        out.push_str("  alertPolicies:\n");
        for p in &policies {
            let _ = writeln!(out, "    - alertPolicyRef: {p}");
        }
    }
    for (tier, policy) in valid.tiers.iter().zip(&policies) {
        let severity = tier.severity().name();
        let _ = writeln!(
            out,
            "---\napiVersion: openslo/v1\nkind: AlertPolicy\nmetadata:\n  name: {policy}\nspec:\n  alertWhenBreaching: true\n  alertWhenResolved: false\n  alertWhenNoData: false\n  conditions:\n    # The tier's short window ({}) has no place in an OpenSLO burn-rate condition.\n    - kind: AlertCondition\n      metadata:\n        name: {policy}-burn-rate\n      spec:\n        severity: {severity}\n        condition:\n          kind: burnrate\n          op: gte\n          threshold: {}\n          lookbackWindow: {}\n  notificationTargets: []",
            duration(tier.short()),
            tier.burn_rate(),
            shorthand(tier.long())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{documents, Yaml};

    #[test]
    fn the_default_plan_exports_service_sli_slo_and_a_policy_per_tier() {
        let plan = Plan::default();
        let text = openslo(&plan, &plan.validate().unwrap());
        let docs = documents(&text).unwrap();
        let kinds: Vec<&str> = docs
            .iter()
            .filter_map(|d| d.get("kind").and_then(Yaml::text))
            .collect();
        assert_eq!(
            kinds,
            [
                "Service",
                "SLI",
                "SLO",
                "AlertPolicy",
                "AlertPolicy",
                "AlertPolicy",
                "AlertPolicy"
            ]
        );
        for d in &docs {
            assert_eq!(d.get("apiVersion").and_then(Yaml::text), Some("openslo/v1"));
        }
        let slo = docs[2].get("spec").unwrap();
        assert_eq!(
            slo.get("budgetingMethod").and_then(Yaml::text),
            Some("Occurrences")
        );
        let Some(Yaml::Seq(objectives)) = slo.get("objectives") else {
            panic!()
        };
        assert_eq!(objectives[0].get("target").and_then(Yaml::text), Some("0.999"));
        let Some(Yaml::Seq(window)) = slo.get("timeWindow") else {
            panic!()
        };
        assert_eq!(window[0].get("duration").and_then(Yaml::text), Some("30d"));
        let Some(Yaml::Seq(conditions)) = docs[3].get("spec").unwrap().get("conditions") else {
            panic!()
        };
        let condition = conditions[0].get("spec").unwrap().get("condition").unwrap();
        assert_eq!(condition.get("threshold").and_then(Yaml::text), Some("14.4"));
        assert_eq!(condition.get("lookbackWindow").and_then(Yaml::text), Some("1h"));
    }
}

/// A plan read from OpenSLO documents, and what could not be carried over.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Imported {
    /// The plan: `base` with the SLOs' service and, for each SLO, its target, window, SLI
    /// kind, counters and burn-rate tiers.
    pub plan: Plan,
    /// What OpenSLO said that the plan cannot say, in words.
    pub notes: Vec<String>,
}

/// A shorthand's number and its one-character unit (`30d` → `30`, `d`), whatever the
/// last character is.
fn number_and_unit(shorthand: &str) -> Option<(&str, &str)> {
    let (last, _) = shorthand.char_indices().last()?;
    Some(shorthand.split_at(last))
}

/// Days in a duration shorthand (`30d`, `4w`, `24h`), if it is whole days.
fn days(shorthand: &str) -> Option<f64> {
    let (number, unit) = number_and_unit(shorthand)?;
    let n = number.parse::<f64>().ok()?;
    let days = match unit {
        "d" => n,
        "w" => n * 7.0,
        "h" => n / 24.0,
        _ => return None,
    };
    Some(days)
}

/// Seconds in a duration shorthand (`5m`, `1h`, `30s`, `2d`) or a plain number of
/// seconds.
fn seconds(shorthand: &str) -> Option<f64> {
    if let Ok(n) = shorthand.parse::<f64>() {
        return Some(n);
    }
    let (number, unit) = number_and_unit(shorthand)?;
    let n = number.parse::<f64>().ok()?;
    let size = match unit {
        "s" => 1.0,
        "m" => 60.0,
        "h" => 3_600.0,
        "d" => 86_400.0,
        "w" => 604_800.0,
        _ => return None,
    };
    Some(n * size)
}

/// Reads OpenSLO documents (one or several) into `base`: every SLO (up to a plan's
/// twelve) with its objective, time window, budgeting method and the burn-rate
/// conditions of its alert policies given in the same text, and the first SLO's service.
///
/// # Errors
/// When the text is not YAML this reader reads, or holds no SLO with an objective.
pub fn import(text: &str, base: &Plan) -> Result<Imported, String> {
    let docs = documents(text)?;
    let slos: Vec<&Yaml> = docs
        .iter()
        .filter(|d| kind(d).as_deref() == Some("SLO"))
        .collect();
    if slos.is_empty() {
        return Err("These documents hold no SLO (kind: SLO).".to_owned());
    }
    let mut notes = Vec::new();
    if slos.len() > crate::MAX_SLOS {
        notes.push(format!(
            "These documents hold {} SLOs; a plan holds {}, the first of them.",
            slos.len(),
            crate::MAX_SLOS
        ));
    }
    let one = Plan {
        slos: vec![base.slo().clone()],
        selected: 0,
        ..base.clone()
    };
    let mut plan: Option<Plan> = None;
    for slo in slos.iter().take(crate::MAX_SLOS) {
        let name = slo
            .get("metadata")
            .and_then(|m| m.get("displayName").or_else(|| m.get("name")))
            .and_then(Yaml::text)
            .filter(|n| !n.trim().is_empty() && crate::model::service_name_ok(n))
            .map(str::to_owned);
        let mut imported =
            import_slo(&docs, slo, &one, slos.len() > 1).map_err(|e| match (&name, slos.len()) {
                (Some(n), 2..) => format!("SLO {n}: {e}"),
                _ => e,
            })?;
        if let Some(name) = name.filter(|_| slos.len() > 1) {
            imported.plan.slos[0].name = name;
        }
        notes.append(&mut imported.notes);
        match &mut plan {
            None => plan = Some(imported.plan),
            Some(plan) => plan.slos.push(imported.plan.slos.swap_remove(0)),
        }
    }
    let mut plan = plan.ok_or("These documents hold no SLO (kind: SLO).")?;
    // The plan's SLOs are the imported ones: its incidents hurt each of them.
    if plan.budget.incidents.iter().any(|i| i.slos.is_some()) {
        notes.push("The plan's incidents now hurt every imported SLO.".to_owned());
        for incident in &mut plan.budget.incidents {
            incident.slos = None;
        }
    }
    plan.validate()
        .map_err(|e| format!("The imported plan is not valid: {e}"))?;
    Ok(Imported { plan, notes })
}

fn kind(doc: &Yaml) -> Option<String> {
    doc.get("kind").and_then(Yaml::text).map(str::to_owned)
}

/// Reads the SLO document `slo` of `docs` into `base` (a plan with one SLO): its
/// service, objective, time window and budgeting method, and the burn-rate conditions
/// of its alert policies given in the same text (when the text holds `several` SLOs,
/// those the SLO names; otherwise all).
fn import_slo(docs: &[Yaml], slo: &Yaml, base: &Plan, several: bool) -> Result<Imported, String> {
    use crate::alerts::{MetricSpec, RatioSpec, SeveritySpec, TierSpec};
    use crate::WindowSpec;
    let spec = slo.get("spec").ok_or("The SLO has no spec.")?;
    let text_at = |y: &Yaml, key: &str| y.get(key).and_then(Yaml::text).map(str::to_owned);
    let mut plan = base.clone();
    let mut notes = Vec::new();
    if let Some(service) = text_at(spec, "service") {
        // The service's own document may name it as people write it (OpenSLO names are
        // DNS labels): its displayName, when it is a name a plan holds.
        let display = docs
            .iter()
            .filter(|d| kind(d).as_deref() == Some("Service"))
            .filter_map(|d| d.get("metadata"))
            .find(|m| text_at(m, "name").as_deref() == Some(service.as_str()))
            .and_then(|m| text_at(m, "displayName"))
            .filter(|name| crate::model::service_name_ok(name));
        plan.service = display.unwrap_or(service);
    }
    let Some(Yaml::Seq(objectives)) = spec.get("objectives") else {
        return Err("The SLO has no objectives.".to_owned());
    };
    let objective = objectives.first().ok_or("The SLO's objectives are empty.")?;
    if objectives.len() > 1 {
        notes.push(format!(
            "The SLO has {} objectives; the plan takes the first.",
            objectives.len()
        ));
    }
    let target = match (text_at(objective, "target"), text_at(objective, "targetPercent")) {
        (Some(t), _) => t.parse::<f64>().ok().map(|f| f * 100.0),
        (None, Some(p)) => p.parse::<f64>().ok(),
        (None, None) => None,
    }
    .filter(|p| *p > 0.0 && *p < 100.0)
    .ok_or("The objective's target must be a number in (0, 1) (or targetPercent in (0, 100)).")?;
    plan.slo_mut().target_percent = (target * 1e9).round() / 1e9;
    if let Some(Yaml::Seq(windows)) = spec.get("timeWindow") {
        let w = windows.first().ok_or("The SLO's timeWindow is empty.")?;
        let duration = text_at(w, "duration").unwrap_or_default();
        let rolling = text_at(w, "isRolling").as_deref() == Some("true");
        let window = match (duration.as_str(), rolling) {
            ("1M", false) => WindowSpec::CalendarMonth,
            ("1Q", false) => WindowSpec::CalendarQuarter,
            ("1Y", false) => WindowSpec::CalendarYear,
            (d, _) => match days(d) {
                Some(n) if n.fract() == 0.0 && (1.0..=400.0).contains(&n) => {
                    if !rolling {
                        notes.push(format!(
                            "The calendar window of {d} is planned as a rolling window of {} days: calendar windows here are months, quarters and years.",
                            n
                        ));
                    }
                    WindowSpec::Rolling { days: n as u32 }
                }
                _ => {
                    notes.push(format!(
                        "The time window {d} is not 1 to 400 whole days or a calendar month (1M), quarter (1Q) or year (1Y); the plan keeps its window."
                    ));
                    plan.slo().window
                }
            },
        };
        plan.slo_mut().window = window;
    }
    let method = text_at(spec, "budgetingMethod").unwrap_or_default();
    // The SLI: inline, or the SLI document the SLO refers to.
    let sli = spec.get("indicator").or_else(|| {
        let name = text_at(spec, "indicatorRef")?;
        docs.iter().find(|d| {
            kind(d).as_deref() == Some("SLI")
                && d.get("metadata").and_then(|m| text_at(m, "name")).as_deref() == Some(&name)
        })
    });
    let sli_spec = sli.and_then(|i| i.get("spec"));
    let latency =
        sli_spec.and_then(|s| s.get("thresholdMetric")).is_some() || objective.get("value").is_some();
    if let Some(ratio) = sli_spec.and_then(|s| s.get("ratioMetric")) {
        let query = |key: &str| {
            ratio
                .get(key)
                .and_then(|m| m.get("metricSource"))
                .filter(|m| text_at(m, "type").as_deref() == Some("Prometheus"))
                .and_then(|m| m.get("spec"))
                .and_then(|m| text_at(m, "query"))
        };
        let numerator = query("bad")
            .map(|q| (RatioSpec::BadOverTotal, q))
            .or_else(|| query("good").map(|q| (RatioSpec::GoodOverTotal, q)));
        if let (Some((ratio, numerator)), Some(total)) = (numerator, query("total")) {
            plan.slo_mut().alerts.metric = Some(MetricSpec {
                ratio,
                numerator,
                total,
            });
        }
    }
    plan.slo_mut().sli = match method.as_str() {
        "Timeslices" => {
            let slice = text_at(objective, "timeSliceWindow")
                .and_then(|s| seconds(&s))
                .unwrap_or(60.0);
            let good = text_at(objective, "timeSliceTarget")
                .and_then(|t| t.parse::<f64>().ok())
                .unwrap_or(1.0);
            // One-minute slices that must be wholly good are the time-based SLI.
            if slice == 60.0 && good == 1.0 {
                SliSpec::TimeBased
            } else {
                SliSpec::Timeslice {
                    slice_seconds: slice,
                    max_error_rate_percent: ((1.0 - good) * 100.0 * 1e9).round() / 1e9,
                }
            }
        }
        "Occurrences" if latency => match text_at(objective, "value").and_then(|v| v.parse::<f64>().ok()) {
            Some(ms) => {
                notes.push(format!(
                    "The threshold metric's value {} is read as milliseconds of latency.",
                    ms
                ));
                SliSpec::Latency { threshold_ms: ms }
            }
            None => SliSpec::RequestBased,
        },
        "Occurrences" => SliSpec::RequestBased,
        other => {
            notes.push(format!(
                "The budgeting method {other} has no counterpart here; the plan counts requests (Occurrences)."
            ));
            SliSpec::RequestBased
        }
    };
    // Burn-rate conditions of alert policies given in the same text.
    let mut tiers = Vec::new();
    let named: Vec<String> = match spec.get("alertPolicies") {
        Some(Yaml::Seq(refs)) => refs.iter().filter_map(|r| text_at(r, "alertPolicyRef")).collect(),
        _ => Vec::new(),
    };
    let policy_name = |d: &Yaml| d.get("metadata").and_then(|m| text_at(m, "name"));
    for d in docs
        .iter()
        .filter(|d| kind(d).as_deref() == Some("AlertPolicy"))
        .filter(|d| !several || policy_name(d).is_some_and(|n| named.contains(&n)))
    {
        let Some(Yaml::Seq(conditions)) = d.get("spec").and_then(|s| s.get("conditions")) else {
            continue;
        };
        for c in conditions {
            let Some(cs) = c.get("spec") else { continue };
            let Some(cond) = cs.get("condition") else { continue };
            if text_at(cond, "kind").as_deref() != Some("burnrate") {
                continue;
            }
            let threshold = text_at(cond, "threshold").and_then(|t| t.parse::<f64>().ok());
            let long = text_at(cond, "lookbackWindow").and_then(|l| seconds(&l));
            if let (Some(burn_rate), Some(long)) = (threshold, long) {
                tiers.push(TierSpec {
                    severity: if text_at(cs, "severity").as_deref() == Some("page") {
                        SeveritySpec::Page
                    } else {
                        SeveritySpec::Ticket
                    },
                    long_seconds: long,
                    short_seconds: long / 12.0,
                    burn_rate,
                });
            }
        }
    }
    if !tiers.is_empty() {
        notes.push("OpenSLO burn-rate conditions have one window; each tier's short window is set to a twelfth of it.".to_owned());
        plan.slo_mut().alerts.tiers = tiers;
    }
    // Counters that are what the service's name gives follow it from now on.
    let derived = MetricSpec::derived(&plan.service, plan.slo().sli);
    if plan.slo().alerts.metric.as_ref() == Some(&derived) {
        plan.slo_mut().alerts.metric = None;
    }
    plan.validate()
        .map_err(|e| format!("The imported plan is not valid: {e}"))?;
    Ok(Imported { plan, notes })
}

// Native only: the tests read the official examples from disk and use proptest.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod import_tests {
    use super::*;
    use crate::WindowSpec;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3_000, ..ProptestConfig::default() })]

        /// Pasted text never panics the import, and what it accepts is a valid plan.
        #[test]
        fn any_text_is_imported_or_refused(text in "[ a-zA-Z0-9:#'\"\\\\\\n\\[\\]{}&*|>.é-]{0,400}") {
            if let Ok(imported) = import(&text, &Plan::default()) {
                prop_assert!(imported.plan.validate().is_ok());
            }
        }

        /// The official examples with a run of bytes replaced never panic the import.
        #[test]
        fn damaged_examples_are_imported_or_refused(which in 0..4usize, at in 0..2_000usize, cut in 0..40usize, patch in "[ a-z0-9:#\\n\"'-]{0,12}") {
            let paths = [
                "budgeting-method/occurences-slo.yaml",
                "budgeting-method/ratio-timeslices.yaml",
                "budgeting-method/timeslices-slo.yaml",
                "treat-low-traffic-as-equally-important/timeslices-slo.yaml",
            ];
            let text = example(paths[which]);
            let at = at.min(text.len());
            let end = (at + cut).min(text.len());
            if text.is_char_boundary(at) && text.is_char_boundary(end) {
                let damaged = format!("{}{patch}{}", &text[..at], &text[end..]);
                if let Ok(imported) = import(&damaged, &Plan::default()) {
                    prop_assert!(imported.plan.validate().is_ok());
                }
            }
        }
    }

    #[test]
    fn empty_lists_and_odd_units_are_refused_not_panics() {
        let base = Plan::default();
        let slo = "kind: SLO\nspec:\n  objectives: []\n";
        assert_eq!(import(slo, &base).unwrap_err(), "The SLO's objectives are empty.");
        let window = "kind: SLO\nspec:\n  timeWindow: []\n  objectives:\n    - target: 0.99\n";
        assert_eq!(
            import(window, &base).unwrap_err(),
            "The SLO's timeWindow is empty."
        );
        let unit = "kind: SLO\nspec:\n  timeWindow:\n    - duration: 3é\n  objectives:\n    - target: 0.99\n";
        assert!(import(unit, &base).unwrap().notes[0].contains("3é"));
        let deep: String = (0..200).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(import(&deep, &base).is_err());
        assert!(import(&"[".repeat(100_000), &base).is_err());
    }

    /// YAML the block reader refused before: flow collections, anchors and aliases,
    /// folded scalars, several documents.
    #[test]
    fn flow_style_anchors_and_folded_text_import() {
        let text = "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: checkout, displayName: \"Checkout\"}\nspec:\n  service: &svc checkout\n  indicatorRef: *svc\n  description: >\n    Folded\n    text\n  timeWindow: [{duration: 28d, isRolling: true}]\n  budgetingMethod: Occurrences\n  objectives:\n    - {displayName: ok, target: 0.9995}\n---\napiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: checkout\n";
        let imported = import(text, &Plan::default()).unwrap();
        assert_eq!(imported.plan.service, "checkout");
        assert_eq!(imported.plan.slo().target_percent, 99.95);
        assert_eq!(imported.plan.slo().window, WindowSpec::Rolling { days: 28 });
        assert_eq!(imported.plan.slo().sli, SliSpec::RequestBased);
    }

    fn example(path: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/../../../shared/openslo/examples/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn every_official_example_imports_with_notes_for_what_does_not_fit() {
        let base = Plan::default();
        let occ = import(&example("budgeting-method/occurences-slo.yaml"), &base).unwrap();
        assert_eq!(occ.plan.service, "web-shop");
        assert_eq!(occ.plan.slo().target_percent, 99.0);
        assert_eq!(occ.plan.slo().window, WindowSpec::Rolling { days: 14 });
        assert_eq!(occ.plan.slo().sli, SliSpec::Latency { threshold_ms: 500.0 });
        let ratio = import(&example("budgeting-method/ratio-timeslices.yaml"), &base).unwrap();
        assert!(
            ratio.notes.iter().any(|n| n.contains("RatioTimeslices")),
            "{:?}",
            ratio.notes
        );
        let slices = import(&example("budgeting-method/timeslices-slo.yaml"), &base).unwrap();
        assert_eq!(slices.plan.slo().target_percent, 99.5);
        assert!(slices.notes.iter().any(|n| n.contains("2 objectives")));
        assert!(
            slices.notes.iter().any(|n| n.contains("The time window 1m")),
            "{:?}",
            slices.notes
        );
        let low = import(
            &example("treat-low-traffic-as-equally-important/timeslices-slo.yaml"),
            &base,
        )
        .unwrap();
        assert_eq!(low.plan.slo().window, WindowSpec::Rolling { days: 7 });
        assert_eq!(
            low.plan.slo().sli,
            SliSpec::Timeslice {
                slice_seconds: 60.0,
                max_error_rate_percent: 5.0
            }
        );
    }

    #[test]
    fn export_then_import_keeps_what_openslo_can_say() {
        let plan = Plan {
            slos: vec![crate::SloSpec {
                target_percent: 99.95,
                window: WindowSpec::Rolling { days: 28 },
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        };
        let text = openslo(&plan, &plan.validate().unwrap())
            .replace("notificationTargets: []", "notificationTargets:");
        let back = import(&text, &Plan::default()).unwrap().plan;
        assert_eq!(back.slo().target_percent, plan.slo().target_percent);
        assert_eq!(back.slo().window, plan.slo().window);
        assert_eq!(back.slo().sli, plan.slo().sli);
        assert_eq!(back.slo().alerts.tiers, plan.slo().alerts.tiers);
        assert_eq!(back.service, "my-service");
    }

    #[test]
    fn every_slo_is_exported_and_imported_back() {
        use crate::edit::PlanEdit;
        use crate::templates::TEMPLATES;
        let mut plan = Plan {
            service: "checkout".to_owned(),
            ..Plan::default()
        };
        for slo in [TEMPLATES[0].slos[1], TEMPLATES[3].slos[0], TEMPLATES[4].slos[0]] {
            plan = plan.with(PlanEdit::AddSlo {
                slo: Box::new(slo.to_slo()),
            });
        }
        // Two SLOs of one name are both kept.
        plan = plan.with(PlanEdit::DuplicateSlo { index: 1 });
        plan.slos[2].name = "latency".to_owned();
        plan.validate().unwrap();
        let text = openslo(&plan, &plan.validate().unwrap());
        assert_eq!(text.matches("\nkind: SLO\n").count(), 5, "{text}");
        let back = import(&text, &Plan::default()).unwrap().plan;
        assert_eq!(back.service, "checkout");
        assert_eq!(back.slos.len(), plan.slos.len());
        for (back, slo) in back.slos.iter().zip(&plan.slos) {
            assert_eq!(back.name, slo.name);
            assert_eq!(back.target_percent, slo.target_percent, "{}", slo.name);
            assert_eq!(back.window, slo.window, "{}", slo.name);
            assert_eq!(back.sli, slo.sli, "{}", slo.name);
            assert_eq!(back.alerts.tiers, slo.alerts.tiers, "{}", slo.name);
            assert_eq!(back.alerts.metric, None, "{}", slo.name);
        }
    }
}
