//! Charts drawn to SVG natively: the elements a reader needs are present, and the whole
//! drawing matches its snapshot (regenerate with `UPDATE_SNAPSHOTS=1 cargo test`).
#![cfg(not(target_arch = "wasm32"))]

use slo_engine::Target;
use slo_planner::charts::downtime_vs_nines::DowntimeVsNines;
use slo_planner::charts::{to_svg, Chart};
use std::path::Path;

fn check_snapshot(name: &str, svg: &str) {
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
