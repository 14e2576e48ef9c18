//! Allowed downtime per window versus the number of nines, with the user's target.

use super::legend::{self, Mark};
use super::palette::Theme;
use super::plot::{Margins, Plot};
use super::ticks::{self, Axes};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use plotters::coord::Shift;
use plotters::prelude::*;
use slo_engine::bounds::Bounded;
use slo_engine::budget::downtime_curve;
use slo_engine::notation::{human_duration, percent};
use slo_engine::objective::{MAX_SCALE_NINES, MIN_SCALE_NINES};
use slo_engine::{allowed_downtime, Target, Window};

/// The windows drawn, shortest first.
pub const WINDOWS: [Window; 4] = [
    Window::Rolling { days: 1 },
    Window::Rolling { days: 30 },
    Window::CalendarQuarter,
    Window::CalendarYear,
];
/// Points per curve (a straight line on these axes, so few are needed).
const POINTS: usize = 41;
/// The y axis spans 0.1 s to 100 days, which holds every window at 1–5 nines; it is
/// drawn in log10 seconds on linear coordinates, with ticks at round durations.
const Y_AXIS: Axis = Axis {
    min: -1.0,
    max: 6.936_513_742_478_893, // log10(8,640,000 s)
    log: false,
};
const X_AXIS: Axis = Axis {
    min: MIN_SCALE_NINES,
    max: MAX_SCALE_NINES,
    log: false,
};
/// Y-axis ticks at durations people think in.
const Y_TICKS: [(f64, &str); 7] = [
    (1.0, "1 s"),
    (10.0, "10 s"),
    (60.0, "1 min"),
    (600.0, "10 min"),
    (3_600.0, "1 h"),
    (86_400.0, "1 day"),
    (2_592_000.0, "30 days"),
];

fn log_seconds(seconds: f64) -> f64 {
    seconds.max(0.1).log10()
}

/// One window's curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text, e.g. "per 30 days".
    pub label: String,
    /// (nines, allowed downtime in seconds) points.
    pub points: Vec<(f64, f64)>,
    /// Allowed downtime at the user's target, seconds.
    pub at_target: f64,
}

/// The chart's data: a curve per window, and the target to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct DowntimeVsNines {
    /// The user's target.
    pub target: Target,
    /// One curve per window in [`WINDOWS`].
    pub series: Vec<Series>,
}

fn per(window: Window) -> String {
    format!("per {}", window.label())
}

/// Labels a position on the nines scale as its target: 3 → "99.9%".
pub fn nines_label(nines: f64) -> String {
    format!(
        "{}%",
        percent(((1.0 - 10f64.powf(-nines)) * 1.0e6).round() / 1.0e4)
    )
}

impl DowntimeVsNines {
    /// The chart for a target.
    pub fn new(target: Target) -> Self {
        let series = WINDOWS
            .iter()
            .map(|&window| Series {
                label: per(window),
                points: downtime_curve(window, MIN_SCALE_NINES, MAX_SCALE_NINES, POINTS)
                    .into_iter()
                    .map(|p| (p.nines, p.downtime_seconds))
                    .collect(),
                at_target: allowed_downtime(target, window),
            })
            .collect();
        DowntimeVsNines { target, series }
    }

    /// The target's position on the x axis, clamped to the drawn range.
    pub fn target_nines(&self) -> f64 {
        self.target.nines().bounded(X_AXIS.min, X_AXIS.max)
    }
}

/// The target line, held by the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetGrab;

impl Interactive for DowntimeVsNines {
    type Grab = TargetGrab;
    /// The target the line was dragged to.
    type Moved = Target;
    fn file_name(&self) -> &'static str {
        "downtime-vs-nines.svg"
    }

    fn grab_class(_: TargetGrab) -> &'static str {
        "grab-x"
    }

    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        let (nines, _) = frame.value_at(px, py)?;
        let target = Target::from_nines(nines).ok()?;
        Some(Readout {
            title: format!("{}% ({:.2} nines)", percent(target.percent()), target.nines()),
            lines: WINDOWS
                .iter()
                .map(|&w| format!("{} {}", human_duration(allowed_downtime(target, w)), per(w)))
                .collect(),
        })
    }

    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<TargetGrab> {
        frame.value_at(px, py)?;
        ((frame.x_pixel(self.target_nines()) - px).abs() <= 8.0).then_some(TargetGrab)
    }

    fn drag(&self, frame: &ChartFrame, _: TargetGrab, px: f64, _py: f64) -> Option<Target> {
        Target::from_nines(frame.x_value(px)).ok()
    }
}

impl Chart for DowntimeVsNines {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        area.fill(&theme.paper)?;
        let line = |color: RGBColor| Mark::Line {
            color,
            width: 2,
            dashed: false,
        };
        let mut entries: Vec<(Mark, String)> = self
            .series
            .iter()
            .zip(theme.series)
            .map(|(s, color)| (line(color), s.label.clone()))
            .collect();
        entries.push((
            line(theme.ink),
            format!("your target {}% (drag)", percent(self.target.percent())),
        ));
        let margins = legend::above(area, Margins::STANDARD, &entries, theme)?;
        let plot = Plot::new(area, margins, X_AXIS, Y_AXIS);
        let frame = plot.frame;
        let x_ticks: Vec<(f64, String)> = ticks::linear(X_AXIS.min, X_AXIS.max, 5)
            .into_iter()
            .map(|n| (n, nines_label(n)))
            .collect();
        ticks::draw(
            area,
            &frame,
            &Axes {
                x_ticks: &x_ticks,
                y_ticks: &ticks::log10(&Y_TICKS),
                x_desc: "SLO target (each step is one more nine)",
                y_desc: "allowed downtime (log scale)",
            },
            theme,
        )?;
        for (series, color) in self.series.iter().zip(theme.series) {
            plot.line(
                series.points.iter().map(|&(n, d)| (n, log_seconds(d))),
                color.stroke_width(2),
            )?;
        }
        let x = self.target_nines();
        plot.line([(x, Y_AXIS.min), (x, Y_AXIS.max)], theme.ink.stroke_width(2))?;
        for (series, color) in self.series.iter().zip(theme.series) {
            plot.circle((x, log_seconds(series.at_target)), 4, color.filled())?;
        }
        Ok(frame)
    }

    fn summary(&self) -> String {
        let values: Vec<String> = self
            .series
            .iter()
            .map(|s| format!("{} {}", human_duration(s.at_target), s.label))
            .collect();
        format!(
            "Line chart of allowed downtime (logarithmic axis, 0.1 seconds to 100 days) against \
             the SLO target from 90% to 99.999%, one line per window: each extra nine divides \
             the allowed downtime by ten. At your target of {}%, the allowed downtime is {}.",
            percent(self.target.percent()),
            values.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nines_are_labelled_as_targets() {
        assert_eq!(nines_label(1.0), "90%");
        assert_eq!(nines_label(3.0), "99.9%");
        assert_eq!(nines_label(5.0), "99.999%");
    }

    #[test]
    fn readout_follows_the_pointer() {
        let chart = DowntimeVsNines::new(Target::from_percent(99.9).unwrap());
        let frame = ChartFrame::from_pixel_range(100..501, 20..301, X_AXIS, Y_AXIS);
        let readout = chart.readout(&frame, frame.x_pixel(3.0), 100.0).unwrap();
        assert_eq!(readout.title, "99.9% (3.00 nines)");
        assert_eq!(readout.lines[1], "43m 12s per 30 days");
        assert_eq!(chart.readout(&frame, 50.0, 100.0), None);
        assert_eq!(
            chart.grab(&frame, frame.x_pixel(3.0) + 5.0, 100.0),
            Some(TargetGrab)
        );
        assert_eq!(chart.grab(&frame, frame.x_pixel(4.0), 100.0), None);
        let dragged = chart.drag(&frame, TargetGrab, frame.x_pixel(4.0), 100.0);
        assert_eq!(dragged.map(Target::percent), Some(99.99));
    }
}
