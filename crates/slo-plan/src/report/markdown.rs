//! The whole plan as a Markdown report for a design document: targets, error budget,
//! alert policy with its quality figures and Prometheus rules, capacity and risk. Every
//! figure is the one the pages show (the same reports, the same rounding).

use crate::export::prometheus::duration;
use crate::report::alerts::alerts_report;
use crate::report::budget::budget_report;
use crate::report::capacity::capacity_report;
use crate::report::negotiation::negotiation_report;
use crate::report::risk::{pct, risk_report};
use crate::report::targets::targets_report;
use crate::{Plan, ValidPlan};
use slo_engine::explain::Explanation;
use slo_engine::notation::{grouped, percent};
use std::fmt::Write;

/// `text` as Markdown text that reads as typed: the characters CommonMark gives
/// meaning to inline (emphasis, code, links, tables, strikethrough) escaped with a
/// backslash, and `<`, `>` and `&` as character references, so no name becomes HTML
/// in a renderer that allows it; line breaks as spaces. Written here because the
/// maintained crates escape HTML (`pulldown-cmark-escape`), not Markdown text.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A table cell.
fn cell(text: &str) -> String {
    md(text)
}

/// `code` in a fenced block of `language`: the fence is longer than any run of
/// backticks in the code, so nothing in it can close the block.
fn fenced(out: &mut String, language: &str, code: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let _ = writeln!(out, "{fence}{language}\n{code}{fence}\n");
}

/// A table: header row, rule, rows.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// A list item with its formula: `- label: result (formula with the plan's numbers)`.
fn figure(out: &mut String, label: &str, e: &Explanation) {
    let _ = writeln!(
        out,
        "- {label}: **{}** ({})",
        md(&e.result()),
        md(&e.substituted())
    );
}

/// The report of `plan` (checked as `valid`).
pub fn report(plan: &Plan, valid: &ValidPlan) -> String {
    let targets = targets_report(valid);
    let mut out = String::new();
    let _ = writeln!(out, "# SLO plan: {}\n\n## At a glance\n", md(&plan.service));
    let glance = super::overview::overview_report(plan, valid);
    let rows: Vec<Vec<String>> = glance
        .rows
        .iter()
        .map(|r| {
            vec![
                r.slo.name.clone(),
                format!("{}%", r.slo.target_percent),
                r.slo.worth.as_ref().map_or(r.slo.budget_human.clone(), |worth| {
                    format!("{}, worth {worth}", r.slo.budget_human)
                }),
                format!("{}%", r.slo.left_percent),
                r.page_detection.clone(),
                r.ticket_detection.clone(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "SLO",
            "Target",
            "Budget per window",
            "Budget left",
            "Fastest page",
            "Fastest ticket",
        ],
        &rows,
    );
    let _ = writeln!(out, "- Capacity: {}", md(&glance.capacity));
    let _ = writeln!(out, "- Dependencies allow at most: {}", md(&glance.ceiling));
    for warning in &glance.warnings {
        let _ = writeln!(out, "- Warning: {}", md(warning));
    }
    let _ = writeln!(
        out,
        "\nThe sections below are for the SLO \u{201c}{}\u{201d}: {}\n\nPlanned with slo-planner; {}.\n\n## Targets\n",
        md(&valid.slo_name),
        md(&targets.statement),
        md(valid.window.convention())
    );
    figure(&mut out, "Nines", &targets.nines_explained);
    figure(
        &mut out,
        "Allowed downtime per window",
        &targets.plan_window.downtime_explained,
    );
    out.push('\n');
    let rows: Vec<Vec<String>> = targets
        .rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.downtime_human.clone(),
                r.bad_requests_text.clone(),
            ]
        })
        .collect();
    table(
        &mut out,
        &["Window", "Allowed downtime", "Allowed bad requests"],
        &rows,
    );

    let budget = budget_report(valid);
    let _ = writeln!(out, "## Error budget ({})\n", md(&budget.period));
    figure(&mut out, "Budget", &budget.total_explained);
    figure(&mut out, "Spent by incidents", &budget.spent_explained);
    figure(&mut out, "Remaining", &budget.remaining_explained);
    let _ = writeln!(
        out,
        "- Budget runs out: {}\n- Policy: {}\n- Achieved so far: {}% ({})\n",
        md(&budget.exhausted_at),
        md(&budget.policy_state),
        budget.achieved_percent,
        md(&budget.achieved_verdict)
    );
    if !budget.incidents.is_empty() {
        let rows: Vec<Vec<String>> = budget
            .incidents
            .iter()
            .filter_map(|r| {
                let spec = plan.budget.incidents.get(r.position)?;
                Some(vec![spec.label.clone(), r.spent.clone(), r.spent_percent.clone()])
            })
            .collect();
        table(
            &mut out,
            &["Incident", "Budget spent", "Share of the budget"],
            &rows,
        );
    }

    let alerts = alerts_report(valid, plan);
    let _ = writeln!(out, "## Alert policy\n");
    let rows: Vec<Vec<String>> = alerts
        .tiers
        .iter()
        .zip(&valid.tiers)
        .map(|(r, tier)| {
            vec![
                r.severity.to_owned(),
                r.burn_rate.clone(),
                format!("{} / {}", duration(tier.long()), duration(tier.short())),
                format!("{}%", r.budget_percent),
                r.time_to_fire_text.clone(),
                r.reset_text.clone(),
                r.min_error_rate.clone(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "Severity",
            "Burn rate",
            "Windows (long / short)",
            "Budget spent when it fires",
            "Time to fire",
            "Reset",
            "Lowest error rate it catches",
        ],
        &rows,
    );
    for warning in &alerts.warnings {
        let _ = writeln!(out, "> {}\n", md(warning));
    }
    let _ = writeln!(
        out,
        "- Budget gone at the alert error rate: {}\n\nPrometheus rules:\n",
        md(&alerts.exhaustion)
    );
    fenced(&mut out, "yaml", &alerts.rules_yaml);

    let _ = writeln!(out, "## Capacity\n");
    match &valid.capacity {
        Ok(v) => {
            let c = capacity_report(&plan.capacity, v);
            let _ = writeln!(
                out,
                "- Growth: {}\n- Peak demand now: {}\n- Usable capacity now: {}",
                md(&c.growth),
                md(&c.peak_now),
                md(&c.usable_now)
            );
            figure(&mut out, "Instances needed now", &c.needed_explained);
            let _ = writeln!(out, "- Capacity runs out: {}", md(&c.exhaustion_text));
            match &c.queue {
                Ok(q) => figure(&mut out, "Queueing", &q.explained),
                Err(e) => {
                    let _ = writeln!(out, "- Queueing: {}", md(&e.to_string()));
                }
            }
            let _ = writeln!(out, "- Latency: {}\n", md(&c.latency_text));
        }
        Err(e) => {
            let _ = writeln!(out, "The capacity plan is not complete: {}\n", md(&e.to_string()));
        }
    }

    let risk = risk_report(valid, &plan.risk, plan.slo().target_percent);
    let _ = writeln!(out, "## Dependencies and risk\n");
    figure(&mut out, "Composite availability", &risk.composite_explained);
    let _ = writeln!(
        out,
        "- {}\n- {}\n- {}\n- {}",
        md(&risk.ceiling),
        md(&risk.downtime),
        md(&risk.dominant),
        md(&risk.buffer.0)
    );
    let study = risk.study.run(1);
    let _ = writeln!(
        out,
        "- Simulated {} windows (seed {}): probability of meeting the SLO **{}**, the SLA {}; expected availability {}; expected credit {}. {}",
        grouped(risk.study.variants[0].risk.windows as f64, 0),
        plan.risk.seed,
        pct(study.probability_slo),
        pct(study.probability_sla),
        pct(study.mean),
        crate::money::money(&plan.money.currency, study.credit),
        md(&study.best)
    );
    let negotiation = negotiation_report(plan, valid);
    let _ = writeln!(
        out,
        "\n### Candidate targets for {}\n\nIncidents that fit: how many like {} the budget holds. {}\n",
        md(&negotiation.slo_name),
        md(&negotiation.like),
        md(&negotiation.credit_note)
    );
    let _ = writeln!(
        out,
        "| Target | Budget per window | Incidents that fit | First tier fires after | Instances | Dependencies | Probability of meeting it |\n|---|---|---:|---|---:|---|---:|"
    );
    for (j, c) in negotiation.columns.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {}%{} | {} | {} | {} | {} | {} | {} |",
            percent(c.percent),
            if c.is_plan { " (the plan's)" } else { "" },
            cell(&c.budget),
            c.fits,
            c.detection,
            c.instances,
            cell(c.above_ceiling.as_deref().unwrap_or("within what they allow")),
            study.compared.get(j).map_or("—".to_owned(), |p| pct(*p))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_plan_reports_every_section_with_the_pages_figures() {
        let plan = Plan::default();
        let text = report(&plan, &plan.validate().unwrap());
        assert!(
            text.contains("| availability | 99.9% | 43m 12s | 100% | 43m 12s at 2% errors |"),
            "{text}"
        );
        for heading in [
            "# SLO plan: my-service",
            "## At a glance",
            "## Targets",
            "## Error budget",
            "## Alert policy",
            "## Capacity",
            "## Dependencies and risk",
        ] {
            assert!(text.contains(heading), "{heading}");
        }
        // 99.9 % of 30 days (SRE book, Appendix A).
        assert!(text.contains("| 30 days | 43m 12s |"), "{text}");
        // The Workbook's first tier: 2 % of the budget when it fires.
        assert!(text.contains("| page | 14.4 | 1h / 5m | 2% |"), "{text}");
        assert!(text.contains("```yaml\n# Generated by slo-planner"));
        assert!(text.contains("probability of meeting the SLO **"));
        // The negotiation view's candidates, the plan's with the study's probability.
        assert!(text.contains("### Candidate targets for availability"), "{text}");
        assert!(
            text.contains("| 99.9% (the plan's) | 259,200 bad requests | 2 | 43m 12s |"),
            "{text}"
        );
    }

    #[test]
    fn a_priced_plan_reports_what_each_budget_is_worth() {
        let plan = crate::Plan {
            money: crate::money::MoneySpec {
                currency: "EUR".to_owned(),
                cost: crate::money::CostSpec::PerOutageMinute(50.0),
            },
            ..crate::Plan::default()
        };
        let text = report(&plan, &plan.validate().unwrap());
        assert!(
            text.contains("43m 12s, worth EUR 2,160 (EUR 2,160 left)"),
            "{text}"
        );
        assert!(text.contains("expected credit EUR "), "{text}");
    }

    #[test]
    fn cells_escape_pipes() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
