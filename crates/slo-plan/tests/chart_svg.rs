//! Charts drawn to SVG natively: the elements a reader needs are present, and the whole
//! drawing matches its snapshot (regenerate with `UPDATE_SNAPSHOTS=1 cargo test`).
#![cfg(not(target_arch = "wasm32"))]

use slo_charts::burn_down::BurnDownChart;
use slo_charts::detection_time::DetectionChart;
use slo_charts::downtime_vs_nines::DowntimeVsNines;
use slo_charts::incident_timeline::IncidentChart;
use slo_charts::{to_svg, Chart};
use slo_engine::Target;
use slo_plan::alerts::Shape;
use slo_plan::report::alerts::{alerts_charts, alerts_report};
use slo_plan::report::budget::{self, budget_report};
use slo_plan::{ImpactSpec, IncidentSpec, Plan, WindowSpec};
use std::path::Path;

/// The value of attribute `name` in an SVG element's text.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&element[start..start + element[start..].find('"')?])
}

/// A box in the drawing's pixels: left, top, right, bottom.
type Area = (f64, f64, f64, f64);

/// The box each unrotated `<text>` covers, with its text. Widths are estimated at 0.6
/// of the font size a character, wider than sans-serif's average.
fn text_boxes(svg: &str) -> Vec<(String, Area)> {
    svg.split("<text")
        .skip(1)
        .filter(|t| !t[..t.find('>').unwrap_or(0)].contains("transform"))
        .filter_map(|t| {
            let head = &t[..t.find('>')?];
            let body = t[t.find('>')? + 1..t.find("</text>")?].trim().to_owned();
            let x: f64 = attribute(head, "x")?.parse().ok()?;
            let y: f64 = attribute(head, "y")?.parse().ok()?;
            let size: f64 = attribute(head, "font-size")?.parse().ok()?;
            let width = body.chars().count() as f64 * 0.6 * size;
            let (left, right) = match attribute(head, "text-anchor") {
                Some("middle") => (x - width / 2.0, x + width / 2.0),
                Some("end") => (x - width, x),
                _ => (x, x + width),
            };
            let (top, bottom) = match attribute(head, "dy") {
                Some("0.76em") => (y, y + size),
                Some("0.5ex") => (y - size / 2.0, y + size / 2.0),
                Some("-0.5ex") => (y - size, y),
                _ => (y - 0.8 * size, y + 0.2 * size),
            };
            Some((body, (left, top, right, bottom)))
        })
        .collect()
}

/// The segments of every series line (polylines other than grid lines) and a short
/// segment across every dot.
fn series_segments(svg: &str) -> Vec<((f64, f64), (f64, f64))> {
    let mut segments = Vec::new();
    for element in svg.split('<').skip(1) {
        let point = |p: &str| -> Option<(f64, f64)> {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        };
        if element.starts_with("polyline") && attribute(element, "stroke") != Some("#DEE2E6") {
            let points: Vec<(f64, f64)> = attribute(element, "points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(point)
                .collect();
            segments.extend(points.windows(2).map(|w| (w[0], w[1])));
        } else if element.starts_with("circle") {
            let (Some(x), Some(y)) = (attribute(element, "cx"), attribute(element, "cy")) else {
                continue;
            };
            let (x, y): (f64, f64) = (x.parse().unwrap_or(0.0), y.parse().unwrap_or(0.0));
            segments.push(((x - 1.0, y), (x + 1.0, y)));
        }
    }
    segments
}

/// Whether the segment from `a` to `b` passes through the inside of `area`. Written
/// here, apart from the charts' own placement, so a fault there is not mirrored here.
fn crosses(((x0, y0), (x1, y1)): ((f64, f64), (f64, f64)), (left, top, right, bottom): Area) -> bool {
    // Clip the segment to the box (Liang–Barsky), the box shrunk by half a pixel.
    let (left, top, right, bottom) = (left + 0.5, top + 0.5, right - 0.5, bottom - 0.5);
    let (dx, dy) = (x1 - x0, y1 - y0);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, x0 - left),
        (dx, right - x0),
        (-dy, y0 - top),
        (dy, bottom - y0),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

/// No text of the drawing lies over a series' line or dot.
fn check_no_label_covers_data(name: &str, svg: &str) {
    let segments = series_segments(svg);
    let covered: Vec<String> = text_boxes(svg)
        .into_iter()
        .filter(|(_, area)| segments.iter().any(|s| crosses(*s, *area)))
        .map(|(text, area)| format!("{text:?} at {area:?}"))
        .collect();
    assert!(covered.is_empty(), "{name}: labels over data: {covered:#?}");
}

fn check_snapshot(name: &str, svg: &str) {
    check_no_label_covers_data(name, svg);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {}; run with UPDATE_SNAPSHOTS=1", path.display()));
    assert!(
        expected == svg,
        "{name} differs from its snapshot; review, then UPDATE_SNAPSHOTS=1"
    );
}

/// The text of every `<text>` element, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}

#[test]
fn downtime_chart_has_axes_series_legend_and_target() {
    let chart = DowntimeVsNines::new(Target::from_percent(99.9).unwrap());
    let svg = to_svg(&chart, 720, 360).unwrap();
    for text in [
        "90%",
        "99%",
        "99.9%",
        "99.99%",
        "99.999%", // x ticks
        "1 s",
        "1 min",
        "1 h",
        "1 day",
        "30 days", // y ticks
        "SLO target (each step is one more nine)",
        "allowed downtime (log scale)",
        "per 1 day",
        "per 30 days",
        "per quarter",
        "per year", // legend
        "your target 99.9% (drag)",
    ] {
        assert!(texts(&svg).iter().any(|t| t == text), "missing text {text:?}");
    }
    assert!(svg.matches("<polyline").count() >= 4, "one line per window");
    assert_eq!(
        svg.matches("<circle").count(),
        4,
        "one marker per window at the target"
    );
    check_snapshot("downtime_vs_nines.svg", &svg);
}

#[test]
fn the_target_marker_moves_with_the_target() {
    let low = to_svg(
        &DowntimeVsNines::new(Target::from_percent(99.0).unwrap()),
        720,
        360,
    )
    .unwrap();
    let high = to_svg(
        &DowntimeVsNines::new(Target::from_percent(99.99).unwrap()),
        720,
        360,
    )
    .unwrap();
    assert_ne!(low, high);
    assert!(texts(&high).iter().any(|t| t == "your target 99.99% (drag)"));
}

#[test]
fn the_text_alternative_states_the_values() {
    let chart = DowntimeVsNines::new(Target::from_percent(99.9).unwrap());
    let summary = chart.summary();
    assert!(summary.contains("43m 12s per 30 days"), "{summary}");
    assert!(summary.contains("1m 26s per 1 day"), "{summary}");
}

fn burn_down_chart(window: WindowSpec) -> BurnDownChart {
    let mut plan = Plan {
        slos: vec![slo_plan::SloSpec {
            window,
            ..Plan::default().slo().clone()
        }],
        ..Plan::default()
    };
    plan.budget.incidents = vec![
        IncidentSpec {
            slos: None,
            label: "failover".to_owned(),
            start: "2026-11-03T10:00:00Z".to_owned(),
            duration_seconds: 1_200.0,
            impact: ImpactSpec::Percent(100.0),
        },
        IncidentSpec {
            slos: None,
            label: "slow deploy".to_owned(),
            start: "2026-11-10T08:00:00Z".to_owned(),
            duration_seconds: 3_600.0,
            impact: ImpactSpec::Percent(5.0),
        },
    ];
    let valid = plan.validate().unwrap();
    let report = budget_report(&valid);
    budget::burn_down_chart(&plan, &report).chart.clone()
}

#[test]
fn burn_down_chart_has_axes_series_incidents_thresholds_and_forecast() {
    let chart = burn_down_chart(WindowSpec::CalendarMonth);
    let svg = to_svg(&chart, 720, 360).unwrap();
    let texts = texts(&svg);
    for text in [
        "time (UTC)",
        "error budget left",
        "100%",
        "0%",
        "Nov 1",
        "#1",
        "#2",
        "now",
        "ideal: steady burn to zero at the end",
        "policy thresholds (drag)",
        "budget left (calendar month)",
        "forecast",
    ] {
        assert!(
            texts.iter().any(|t| t == text),
            "missing text {text:?} in {texts:?}"
        );
    }
    // Each threshold is labelled on its line with its action where the action fits
    // without covering a line, else with its share alone; the text alternative has every
    // action.
    for (share, action) in [
        ("50%", "review the reliability work in the next planning"),
        ("25%", "freeze risky launches"),
        ("0%", "freeze all changes but reliability fixes"),
    ] {
        let long = format!("{share}: {action}");
        assert!(
            texts.iter().any(|t| *t == long || t == share),
            "no label for {share} in {texts:?}"
        );
        assert!(
            chart.summary().contains(&format!("at {share} left: {action}")),
            "{}",
            chart.summary()
        );
    }
    // Two incident bands, the ideal line, three thresholds, the history and the dashed forecast.
    assert!(svg.matches("<rect").count() >= 3, "incident bands");
    assert!(svg.matches("<polyline").count() >= 8, "lines");
    check_snapshot("burn_down_calendar_month.svg", &svg);
}

#[test]
fn rolling_and_calendar_burn_downs_differ_for_the_same_incidents() {
    let rolling = to_svg(&burn_down_chart(WindowSpec::Rolling { days: 30 }), 720, 360).unwrap();
    let calendar = to_svg(&burn_down_chart(WindowSpec::CalendarMonth), 720, 360).unwrap();
    assert_ne!(rolling, calendar);
    // The rolling chart reaches 30 days past now, when the incidents have aged out.
    assert!(
        texts(&rolling).iter().any(|t| t == "Dec 16"),
        "{:?}",
        texts(&rolling)
    );
    check_snapshot("burn_down_rolling_30d.svg", &rolling);
}

fn alert_charts(plan: &Plan) -> (DetectionChart, IncidentChart) {
    let valid = plan.validate().unwrap();
    let report = alerts_report(&valid, plan);
    let charts = alerts_charts(&valid, &plan.slo().alerts, &report);
    (charts.detection.chart.clone(), charts.incident.chart.clone())
}

#[test]
fn detection_chart_has_log_axes_tiers_budget_line_and_error_rate() {
    let (chart, _) = alert_charts(&Plan::default());
    let svg = to_svg(&chart, 720, 400).unwrap();
    let labels = texts(&svg);
    for text in [
        "0.1%",
        "1%",
        "10%",
        "100%", // x ticks (log)
        "1 min",
        "1 h",
        "1 day", // y ticks (log)
        "error rate (log scale)",
        "time to fire (log scale)",
        "tier 1: page 14.4× 1h",
        "tier 4: ticket 1× 3d",
        "whole budget gone",
        "your error rate 2% (drag)",
    ] {
        assert!(labels.iter().any(|l| l == text), "missing {text:?} in {labels:?}");
    }
    assert!(chart
        .summary()
        .contains("tier 1: page 14.4× 1h detects error rates from 1.44%"));
    check_snapshot("detection_time.svg", &svg);
}

#[test]
fn incident_timeline_has_burn_rates_firing_bars_and_phases() {
    let plan = Plan {
        slos: vec![slo_plan::SloSpec {
            alerts: slo_plan::alerts::AlertsSpec {
                incident: Shape::Phases.phases(),
                ..Default::default()
            },
            ..Plan::default().slo().clone()
        }],
        ..Plan::default()
    };
    let (_, chart) = alert_charts(&plan);
    let svg = to_svg(&chart, 720, 400).unwrap();
    let labels = texts(&svg);
    for text in [
        "1×",
        "10×",
        "100×", // y ticks (log)
        "time since the incident started",
        "burn rate (log scale)",
        "error rate as a burn rate",
        "phase 1",
    ] {
        assert!(labels.iter().any(|l| l == text), "missing {text:?} in {labels:?}");
    }
    assert!(labels.iter().any(|l| l == "tier 1, fires at 14.4×"));
    // Phases 2 and 3 start within 65 minutes of the first, pixels apart on a 4-day
    // timeline: only the first is labelled.
    assert!(!labels.iter().any(|l| l == "phase 2" || l == "phase 3"));
    let summary = chart.summary();
    assert!(summary.contains("tier 1 fires"), "{summary}");
    check_snapshot("incident_timeline.svg", &svg);
}

fn capacity_charts(plan: &Plan) -> slo_plan::report::capacity::CapacityReport {
    let valid = plan.validate().unwrap();
    slo_plan::report::capacity::capacity_report(&plan.capacity, valid.capacity.as_ref().unwrap())
}

#[test]
fn forecast_chart_has_dates_demand_capacity_and_exhaustion() {
    let report = capacity_charts(&Plan::default());
    let svg = to_svg(&*report.forecast_chart, 720, 360).unwrap();
    let texts = texts(&svg);
    for text in [
        "month",
        "requests per second",
        "Nov 2026", // first x tick: the plan's as-of month
        "peak demand",
        "capacity with the scale-ups",
        "today&apos;s 12 instances: 3,080 req/s (drag)",
        "headroom gone 5 May 2027",
    ] {
        assert!(texts.iter().any(|t| t == text), "no {text:?} in {texts:?}");
    }
    assert!(report
        .forecast_chart
        .summary()
        .contains("crosses today's usable capacity on 5 May 2027"));
    check_snapshot("capacity_forecast.svg", &svg);
}

#[test]
fn latency_chart_has_the_curve_the_threshold_and_utilisations() {
    let report = capacity_charts(&Plan::default());
    let svg = to_svg(&*report.latency_chart, 720, 360).unwrap();
    let texts = texts(&svg);
    for text in [
        "utilisation of each instance&apos;s workers",
        "response time (ms)",
        "p99 response time, M/M/8",
        "SLO: p99 ≤ 100 ms (drag)",
        "target utilisation 70% (drag)",
        "today&apos;s peak 20.8%",
        "100%",
    ] {
        assert!(texts.iter().any(|t| t == text), "no {text:?} in {texts:?}");
    }
    check_snapshot("latency_vs_utilisation.svg", &svg);
}

#[test]
fn usl_chart_has_the_measurements_the_fit_and_the_peak() {
    let mut plan = Plan::default();
    plan.capacity.load_test = include_str!("../../slo-engine/tests/data/usl-cisco.csv").to_owned();
    let report = capacity_charts(&plan);
    let chart = report.usl_chart.unwrap();
    let svg = to_svg(&*chart, 720, 360).unwrap();
    let texts = texts(&svg);
    for text in ["concurrency", "throughput", "measured", "USL fit", "N_max 35.6"] {
        assert!(texts.iter().any(|t| t == text), "no {text:?} in {texts:?}");
    }
    // One dot per measurement.
    assert_eq!(svg.matches("<circle").count(), 32 + 1, "32 dots and the legend's");
    check_snapshot("usl_fit.svg", &svg);
}

#[test]
fn risk_charts_have_the_distribution_the_curves_and_both_targets() {
    use slo_plan::report::risk::risk_report;
    let mut plan = Plan::default();
    plan.risk.windows = 5_000;
    plan.scenarios.push(slo_plan::ScenarioSpec {
        name: "99.5%".to_owned(),
        plan: Plan {
            slos: vec![slo_plan::SloSpec {
                target_percent: 99.5,
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        },
    });
    let r = risk_report(&plan.validate().unwrap(), &plan.risk, plan.slo().target_percent);
    let s = r.study.run(1);
    let histogram = to_svg(&*s.histogram, 720, 360).unwrap();
    let t = texts(&histogram);
    for text in [
        "availability achieved in a window (%)",
        "share of windows (%)",
        "share of windows",
        "SLO target (drag)",
        "SLA (drag)",
        "100%",
    ] {
        assert!(t.iter().any(|x| x == text), "{text} missing from {t:?}");
    }
    check_snapshot("risk_histogram.svg", &histogram);
    let curves = to_svg(&*s.curves, 720, 360).unwrap();
    let t = texts(&curves);
    for text in ["this plan", "99.5%", "windows at or above it (%)"] {
        assert!(t.iter().any(|x| x == text), "{text} missing from {t:?}");
    }
    check_snapshot("risk_scenarios.svg", &curves);
}

#[test]
fn charts_draw_in_the_dark_theme_in_its_own_colours() {
    let chart = DowntimeVsNines::new(Target::from_percent(99.9).unwrap());
    let svg = slo_charts::to_svg_in(&chart, 720, 360, &slo_charts::Theme::DARK).unwrap();
    // Dark paper, light ink, and no white anywhere (nothing drawn for a light page).
    assert!(svg.contains("fill=\"#1E2226\""), "dark paper");
    assert!(svg.contains("fill=\"#E9ECEF\""), "light text");
    assert!(!svg.contains("#FFFFFF"), "nothing white");
    check_no_label_covers_data("downtime_vs_nines (dark)", &svg);
}

/// The replay of the deploy sample of `assets/samples` on the default plan.
fn deploy_replay() -> slo_plan::report::replay::ReplayReport {
    use slo_plan::replay::{guess, observe, Detection};
    use slo_plan::report::replay::{replay_report, Prometheus};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/samples/deploy.json");
    let imported = slo_plan::history::read(&std::fs::read_to_string(path).unwrap(), 0).unwrap();
    let observed = observe(&imported, &guess(&imported)).unwrap();
    let plan = Plan::default();
    replay_report(
        &plan.validate().unwrap(),
        &observed,
        Detection::default(),
        Prometheus::V3,
    )
    .unwrap()
}

#[test]
fn history_timeline_has_dates_burn_rate_threshold_incidents_and_policy_lanes() {
    let report = deploy_replay();
    let chart = slo_plan::report::replay::timeline_chart(&report);
    let svg = to_svg(&*chart, 720, 360).unwrap();
    let texts = texts(&svg);
    for text in [
        "time (UTC)",
        "burn rate (log scale)",
        "1 Nov", // the first x tick: the sample starts on 1 November, 00:00 UTC
        "0.01×",
        "1×",
        "burn rate, each 1h",
        "incident threshold 1× (drag)",
        "incident",
        "page",
        "ticket",
        "plan", // the lanes: the plan's tiers, then the presets that differ
        "Pyrra",
    ] {
        assert!(texts.iter().any(|t| t == text), "no {text:?} in {texts:?}");
    }
    let summary = chart.summary();
    assert!(
        summary.contains("from 1 Nov 2026, 00:00 UTC to 1 Dec 2026, 00:00 UTC"),
        "{summary}"
    );
    assert!(summary.contains("plan would have paged"), "{summary}");
    check_snapshot("history_timeline.svg", &svg);
    let dark = slo_charts::to_svg_in(&*chart, 720, 360, &slo_charts::Theme::DARK).unwrap();
    assert!(!dark.contains("#FFFFFF"), "nothing white on the dark page");
}

#[test]
fn dragging_the_history_threshold_makes_a_new_detection() {
    use slo_charts::replay_timeline::ThresholdMoved;
    let report = deploy_replay();
    let chart = slo_plan::report::replay::timeline_chart(&report);
    let detection = chart
        .edit(ThresholdMoved { burn_rate: 10.0 })
        .expect("a new threshold");
    assert_eq!(detection.burn_rate, 10.0);
    assert_eq!(detection.merge_gap_seconds, report.detection.merge_gap_seconds);
    // Dragged to where it already is, it changes nothing.
    assert_eq!(chart.edit(ThresholdMoved { burn_rate: 1.0 }), None);
}

#[test]
fn history_burn_down_has_dates_budget_left_and_incidents() {
    let report = deploy_replay();
    let chart = slo_plan::report::replay::burn_down_chart(&report).unwrap();
    let svg = to_svg(&*chart, 720, 360).unwrap();
    let texts = texts(&svg);
    for text in [
        "time (UTC)",
        "budget left (%)",
        "budget left, observed",
        "budget exhausted",
    ] {
        assert!(texts.iter().any(|t| t == text), "no {text:?} in {texts:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("incident, ") && t.ends_with("% of the budget")),
        "{texts:?}"
    );
    assert!(chart.summary().contains("% spent"), "{}", chart.summary());
    check_snapshot("history_burn_down.svg", &svg);
}
