//! Prometheus recording and alerting rules for a multiwindow, multi-burn-rate policy.
//!
//! The conventional form (as in the SRE Workbook, ch. 5, and the tools that follow it):
//! one recording rule per window for the error ratio
//! `sum(rate(errors[w])) / sum(rate(total[w]))` (or `1 − good / total`), and one alert
//! per tier that fires when both its windows' ratios exceed
//! `burn rate × (1 − target)`. The output is checked by the real `promtool` in
//! `tests/promtool.rs`.
//!
//! A file holds every SLO of the service, a group per SLO; each rule carries the
//! `slo_service` and `slo_name` labels, and each alert selects its own SLO's ratios.
//! A timeslice SLI's ratio over a window is the share of bad slices: the error ratio
//! over the last slice is recorded, then whether it is above the slice's threshold
//! (1 or 0), and its average over the window is the share of evaluations at which the
//! last slice was bad; with the rules evaluated once per slice, the share of bad
//! slices. (A subquery at the slice's step says the same but loads a sample per slice
//! per evaluation: more than promtool's limit over 3 days of 1-minute slices.)

use slo_engine::burn_rate::Tier;
use slo_engine::Target;
use std::fmt::Write as _;

/// How the SLI's metric selectors count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ratio {
    /// `numerator` counts bad events: error ratio = bad / total.
    BadOverTotal,
    /// `numerator` counts good events: error ratio = 1 − good / total.
    GoodOverTotal,
}

/// What the rules of one SLO are generated from.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesInput<'a> {
    /// Service name (becomes the `slo_service` label).
    pub service: &'a str,
    /// The SLO's name (becomes the `slo_name` label).
    pub slo: &'a str,
    /// For a timeslice SLI, the slice length in seconds and the error ratio above
    /// which a slice is bad (a fraction); `None` for an SLI counted over events.
    pub timeslice: Option<(f64, f64)>,
    /// The SLO target.
    pub target: Target,
    /// The counter selector of bad (or good) events, e.g. `http_requests_total{code=~"5.."}`.
    pub numerator: &'a str,
    /// The counter selector of all events, e.g. `http_requests_total`.
    pub total: &'a str,
    /// Whether the numerator counts bad or good events.
    pub ratio: Ratio,
    /// The alert tiers.
    pub tiers: &'a [Tier],
}

/// A duration in Prometheus notation, whole seconds: `1h`, `5m`, `3d`, `2h30m`, `90s`.
pub fn duration(seconds: f64) -> String {
    let mut rest = seconds.round().max(1.0) as u64;
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if rest >= size {
            let _ = write!(out, "{}{unit}", rest / size);
            rest %= size;
        }
    }
    out
}

/// The recording rule name of the error ratio over a window.
pub fn ratio_record(window: f64) -> String {
    format!("slo:sli_error:ratio_rate{}", duration(window))
}

/// The alert name of a tier: `ErrorBudgetBurn_page_1h`.
pub fn alert_name(tier: &Tier) -> String {
    let severity = tier.severity().name();
    format!("ErrorBudgetBurn_{severity}_{}", duration(tier.long()))
}

/// The `summary` annotation of a tier's alert.
pub fn summary(service: &str, slo: &str, tier: &Tier) -> String {
    format!(
        "{service} is burning its {slo} error budget at {}x or faster over {} and {}",
        slo_engine::notation::grouped(tier.burn_rate(), 3),
        duration(tier.long()),
        duration(tier.short())
    )
}

/// `text` as the text of a Go template, which Prometheus makes of alerting rules'
/// annotations and labels: each `{{` written as an action printing it, so a name
/// holding `{{` is shown as typed instead of being run.
pub fn template_text(text: &str) -> String {
    // Character by character, as `quoted` escapes.
    let mut out = String::with_capacity(text.len());
    let mut brace = false;
    for c in text.chars() {
        if c == '{' && brace {
            out.pop();
            out.push_str("{{ \"{{\" }}");
            brace = false;
        } else {
            out.push(c);
            brace = c == '{';
        }
    }
    out
}

/// A label value, quoted for YAML and PromQL (`"`, `\` and newlines escaped).
pub fn quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML block scalar line holding PromQL: a `|-` block keeps it verbatim.
fn expr(out: &mut String, indent: &str, promql: &str) {
    let _ = writeln!(out, "{indent}expr: |-");
    let _ = writeln!(out, "{indent}  {promql}");
}

/// The recording rule name of a timeslice SLI's error ratio over one slice.
pub fn slice_record(slice: f64) -> String {
    format!("slo:sli_error_slice:ratio_rate{}", duration(slice))
}

/// The recording rule name of whether the last slice was bad (1) or good (0).
pub fn bad_slice_record(slice: f64) -> String {
    format!("slo:sli_bad_slice:bool{}", duration(slice))
}

/// The error ratio of `input`'s counters over `d` (Prometheus notation).
fn ratio_of_rates(input: &RulesInput<'_>, d: &str) -> String {
    match input.ratio {
        Ratio::BadOverTotal => format!(
            "sum(rate({}[{d}])) / sum(rate({}[{d}]))",
            input.numerator, input.total
        ),
        Ratio::GoodOverTotal => format!(
            "1 - (sum(rate({}[{d}])) / sum(rate({}[{d}])))",
            input.numerator, input.total
        ),
    }
}

/// The rules file of every SLO in `inputs`, as YAML.
pub fn rules(inputs: &[RulesInput<'_>]) -> String {
    let mut out = String::new();
    let service = inputs.first().map_or_else(|| quoted(""), |i| quoted(i.service));
    let _ = writeln!(out, "# Generated by slo-planner for {service}:");
    for input in inputs {
        let _ = writeln!(
            out,
            "#   {}: target {}%",
            input.slo.replace(['\n', '\r'], " "),
            input.target.percent()
        );
    }
    let _ = writeln!(out, "groups:");
    for (i, input) in inputs.iter().enumerate() {
        group(&mut out, i, input);
    }
    out
}

/// One SLO's group. Rules in a group are evaluated in order, so each alert sees the
/// ratios recorded at the same evaluation (separate groups may see the previous one).
fn group(out: &mut String, index: usize, input: &RulesInput<'_>) {
    let service = quoted(input.service);
    let slo = quoted(input.slo);
    let labels = |out: &mut String| {
        let _ = writeln!(out, "        labels:");
        let _ = writeln!(out, "          slo_service: {service}");
        let _ = writeln!(out, "          slo_name: {slo}");
    };
    let selector = format!("{{slo_service={service},slo_name={slo}}}");
    let mut windows: Vec<f64> = input.tiers.iter().flat_map(|t| [t.long(), t.short()]).collect();
    windows.sort_unstable_by(f64::total_cmp);
    windows.dedup_by(|a, b| duration(*a) == duration(*b));
    let _ = writeln!(
        out,
        "  - name: {}",
        quoted(&format!("slo-planner {} {}", index + 1, input.slo))
    );
    let _ = writeln!(out, "    rules:");
    if let Some((slice, bad_above)) = input.timeslice {
        let _ = writeln!(out, "      - record: {}", slice_record(slice));
        expr(out, "        ", &ratio_of_rates(input, &duration(slice)));
        labels(out);
        let _ = writeln!(out, "      - record: {}", bad_slice_record(slice));
        expr(
            out,
            "        ",
            &format!(
                "{}{selector} > bool {}",
                slice_record(slice),
                slo_engine::notation::trim_decimals(bad_above, 12)
            ),
        );
        labels(out);
    }
    for w in &windows {
        let d = duration(*w);
        let ratio = match input.timeslice {
            Some((slice, _)) => format!("avg_over_time({}{selector}[{d}])", bad_slice_record(slice)),
            None => ratio_of_rates(input, &d),
        };
        let _ = writeln!(out, "      - record: {}", ratio_record(*w));
        expr(out, "        ", &ratio);
        labels(out);
    }
    for tier in input.tiers {
        let threshold = slo_engine::notation::trim_decimals(tier.rule_threshold(input.target), 12);
        let (long, short) = (duration(tier.long()), duration(tier.short()));
        let _ = writeln!(out, "      - alert: {}", alert_name(tier));
        expr(
            out,
            "        ",
            &format!(
                "{}{selector} > {threshold} and {}{selector} > {threshold}",
                ratio_record(tier.long()),
                ratio_record(tier.short())
            ),
        );
        let _ = writeln!(out, "        labels:");
        let severity = tier.severity().name();
        // The alert keeps its ratios' `slo_service` and `slo_name` labels as recorded:
        // written here they would be run as Go templates.
        let _ = writeln!(out, "          severity: {severity}");
        let _ = writeln!(out, "          long_window: {long}");
        let _ = writeln!(out, "          short_window: {short}");
        let _ = writeln!(out, "        annotations:");
        let _ = writeln!(
            out,
            "          summary: {}",
            quoted(&template_text(&summary(input.service, input.slo, tier)))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_actions_in_text_are_printed_not_run() {
        assert_eq!(template_text("a {{ .V }} b"), "a {{ \"{{\" }} .V }} b");
        assert_eq!(template_text("{{{{"), "{{ \"{{\" }}{{ \"{{\" }}");
        assert_eq!(template_text("{ {x}"), "{ {x}");
        assert_eq!(template_text("{{{"), "{{ \"{{\" }}{");
    }
    use slo_engine::burn_rate::workbook_tiers;

    #[test]
    fn durations_in_prometheus_notation() {
        assert_eq!(duration(3_600.0), "1h");
        assert_eq!(duration(300.0), "5m");
        assert_eq!(duration(259_200.0), "3d");
        assert_eq!(duration(9_000.0), "2h30m");
        assert_eq!(duration(0.2), "1s");
    }

    #[test]
    fn workbook_rules_have_one_ratio_per_window_and_one_alert_per_tier() {
        let tiers = workbook_tiers(2_592_000.0);
        let text = rules(&[RulesInput {
            service: "checkout \"eu\"",
            slo: "availability",
            timeslice: None,
            target: Target::from_percent(99.9).unwrap(),
            numerator: "http_requests_total{code=~\"5..\"}",
            total: "http_requests_total",
            ratio: Ratio::BadOverTotal,
            tiers: &tiers,
        }]);
        for window in ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] {
            assert_eq!(
                text.matches(&format!("- record: slo:sli_error:ratio_rate{window}\n"))
                    .count(),
                1,
                "{window}"
            );
        }
        assert_eq!(text.matches("- alert: ErrorBudgetBurn").count(), 4);
        assert!(
            text.contains(
                "slo:sli_error:ratio_rate1h{slo_service=\"checkout \\\"eu\\\"\",slo_name=\"availability\"} > 0.0144"
            ),
            "{text}"
        );
        assert!(text.contains("slo_service: \"checkout \\\"eu\\\"\""));
    }
}
