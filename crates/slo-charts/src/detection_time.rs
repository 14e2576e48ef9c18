//! Detection time versus error rate for every alert tier, with the time the whole
//! budget lasts: where a tier's curve runs above the budget line it cannot help, where
//! curves coincide tiers are redundant, and where no curve exists nothing detects.
//!
//! Both axes are logarithmic; they are drawn in log10 space on linear coordinates.

use super::legend::{self, Mark};
use super::palette::Theme;
use super::plot::{Margins, Plot};
use super::ticks::{self, Axes, DURATIONS, PERCENTS};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use plotters::coord::Shift;
use plotters::prelude::*;
use slo_engine::bounds::Bounded;
use slo_engine::burn_rate::{quality, Tier};
use slo_engine::notation::{human_duration, percent};
use slo_engine::Target;

/// Points per curve.
const POINTS: usize = 121;

/// One tier's curve.
#[derive(Debug, Clone, PartialEq)]
pub struct TierCurve {
    /// Legend text, e.g. "0: page 14.4× 1h".
    pub label: String,
    /// (log10 error rate in percent, log10 seconds to fire) where it fires.
    pub points: Vec<(f64, f64)>,
}

/// The chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectionChart {
    tiers: Vec<Tier>,
    target: Target,
    slo_window: f64,
    /// The error rate the page's figures are for, percent.
    pub error_rate_percent: f64,
    /// One curve per tier, in table order.
    pub curves: Vec<TierCurve>,
    x: Axis,
    y: Axis,
}

impl DetectionChart {
    /// The chart for a policy.
    pub fn new(
        tiers: &[Tier],
        labels: Vec<String>,
        target: Target,
        slo_window: f64,
        error_rate: f64,
    ) -> Self {
        // From half the error rate that spends the budget exactly over the window
        // (below it nothing needs to fire) up to 100 % errors.
        let budget_percent = target.budget_fraction() * 100.0;
        let x = Axis {
            min: (budget_percent / 2.0).log10(),
            max: 2.0,
            log: false,
        };
        let y = Axis {
            min: 0.0,
            max: slo_window.log10(),
            log: false,
        };
        let curves = tiers
            .iter()
            .zip(labels)
            .map(|(&tier, label)| TierCurve {
                label,
                points: (0..POINTS)
                    .filter_map(|i| {
                        let lx = x.min + (x.max - x.min) * i as f64 / (POINTS - 1) as f64;
                        let q = quality(tier, target, slo_window, 10f64.powf(lx) / 100.0);
                        q.time_to_fire.map(|t| (lx, t.max(1.0).log10()))
                    })
                    .collect(),
            })
            .collect();
        DetectionChart {
            tiers: tiers.to_vec(),
            target,
            slo_window,
            error_rate_percent: error_rate * 100.0,
            curves,
            x,
            y,
        }
    }

    /// The SLO window, seconds.
    pub fn slo_window(&self) -> f64 {
        self.slo_window
    }

    /// Seconds until the whole budget is gone at `error_rate_percent`.
    fn exhaustion(&self, error_rate_percent: f64) -> f64 {
        self.slo_window * self.target.budget_fraction() * 100.0 / error_rate_percent
    }

    /// Each curve's line width, pixels: 2 for the last tier, one more for each tier
    /// before it (at most 5), so a curve drawn over an identical one leaves its edges.
    fn widths(&self) -> impl Iterator<Item = u32> {
        let n = self.curves.len();
        (0..n).map(move |i| (2 + (n - 1 - i) as u32).min(5))
    }

    fn marker_x(&self) -> f64 {
        self.error_rate_percent.log10().bounded(self.x.min, self.x.max)
    }
}

/// Where the error-rate line was dragged: an error rate in percent, to three
/// significant digits, from 0.0001 % to 100 %.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErrorRateMoved {
    /// The error rate, percent of requests.
    pub percent: f64,
}

/// The error-rate line, held by the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorRateGrab;

impl Interactive for DetectionChart {
    type Grab = ErrorRateGrab;
    type Moved = ErrorRateMoved;
    fn file_name(&self) -> &'static str {
        "detection-time.svg"
    }

    fn grab_class(_: ErrorRateGrab) -> &'static str {
        "grab-x"
    }

    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        let (lx, _) = frame.value_at(px, py)?;
        let e = 10f64.powf(lx);
        let mut lines: Vec<String> = self
            .tiers
            .iter()
            .zip(&self.curves)
            .map(|(&tier, curve)| {
                let q = quality(tier, self.target, self.slo_window, e / 100.0);
                let when = q.time_to_fire.map_or("never fires".to_owned(), |t| {
                    format!("fires after {}", human_duration(t))
                });
                format!("tier {}: {when}", curve.label)
            })
            .collect();
        lines.push(format!(
            "budget gone after {}",
            human_duration(self.exhaustion(e))
        ));
        Some(Readout {
            title: format!("{}% errors", percent(e)),
            lines,
        })
    }

    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<ErrorRateGrab> {
        frame.value_at(px, py)?;
        ((frame.x_pixel(self.marker_x()) - px).abs() <= 8.0).then_some(ErrorRateGrab)
    }

    fn drag(&self, frame: &ChartFrame, _: ErrorRateGrab, px: f64, _py: f64) -> Option<ErrorRateMoved> {
        // Three significant digits, as a person would type it.
        let e = 10f64.powf(frame.x_value(px));
        let digits = 10f64.powf(2.0 - e.log10().floor());
        let rounded = ((e * digits).round() / digits).bounded(1e-4, 100.0);
        Some(ErrorRateMoved { percent: rounded })
    }
}

impl Chart for DetectionChart {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        area.fill(&theme.paper)?;
        let (x, y) = (self.x, self.y);
        let mut entries: Vec<(Mark, String)> = self
            .curves
            .iter()
            .zip(theme.series.iter().cycle())
            .zip(self.widths())
            .map(|((c, &color), width)| {
                (
                    Mark::Line {
                        color,
                        width,
                        dashed: false,
                    },
                    format!("tier {}", c.label),
                )
            })
            .collect();
        entries.push((
            Mark::Line {
                color: theme.ink,
                width: 1,
                dashed: true,
            },
            "whole budget gone".to_owned(),
        ));
        entries.push((
            Mark::Line {
                color: theme.ink,
                width: 2,
                dashed: false,
            },
            format!("your error rate {}% (drag)", percent(self.error_rate_percent)),
        ));
        let margins = legend::above(area, Margins::STANDARD, &entries, theme)?;
        let plot = Plot::new(area, margins, x, y);
        let frame = plot.frame;
        ticks::draw(
            area,
            &frame,
            &Axes {
                x_ticks: &ticks::log10(&PERCENTS),
                y_ticks: &ticks::log10(&DURATIONS),
                x_desc: "error rate (log scale)",
                y_desc: "time to fire (log scale)",
            },
            theme,
        )?;
        // Each tier under the next, widest first: where two curves coincide, both show.
        for ((curve, color), width) in self
            .curves
            .iter()
            .zip(theme.series.iter().cycle())
            .zip(self.widths())
        {
            plot.line(curve.points.iter().copied(), color.stroke_width(width))?;
        }
        // The budget line: seconds until the budget is gone at each error rate.
        let budget = (0..POINTS).map(|i| {
            let lx = x.min + (x.max - x.min) * i as f64 / (POINTS - 1) as f64;
            (lx, self.exhaustion(10f64.powf(lx)).log10().bounded(y.min, y.max))
        });
        plot.dashed(budget, 5.0, 4.0, theme.ink.stroke_width(1))?;
        let mx = self.marker_x();
        plot.line([(mx, y.min), (mx, y.max)], theme.ink.stroke_width(2))?;
        Ok(frame)
    }

    fn summary(&self) -> String {
        let tiers: Vec<String> = self
            .tiers
            .iter()
            .zip(&self.curves)
            .map(|(&tier, curve)| {
                format!(
                    "tier {} detects error rates from {}%",
                    curve.label,
                    percent(tier.error_threshold(self.target) * 100.0)
                )
            })
            .collect();
        format!(
            "Line chart of time to fire (logarithmic, 1 second to the SLO window) against the \
             error rate (logarithmic, up to 100%), one line per alert tier, with a dashed line \
             for when the whole budget is gone. {}. At {}% errors the budget lasts {}.",
            tiers.join("; "),
            percent(self.error_rate_percent),
            human_duration(self.exhaustion(self.error_rate_percent))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use slo_engine::burn_rate::workbook_tiers;

    const MONTH: f64 = 2_592_000.0;

    fn chart() -> DetectionChart {
        let tiers = workbook_tiers(MONTH);
        let labels = (0..4).map(|i| i.to_string()).collect();
        DetectionChart::new(&tiers, labels, Target::from_percent(99.9).unwrap(), MONTH, 0.02)
    }

    #[test]
    fn coinciding_tiers_both_show() {
        // Four tiers: drawn 5, 4, 3 and 2 pixels wide, first to last.
        let c = chart();
        assert_eq!(c.widths().collect::<Vec<_>>(), [5, 4, 3, 2]);
    }

    #[test]
    fn curves_start_at_each_tiers_lowest_error_rate() {
        let c = chart();
        // The 14.4× tier needs 1.44 % errors: its curve starts just above log10(1.44).
        let first = c.curves[0].points[0].0;
        assert!(
            first >= 1.44f64.log10() && first < 1.44f64.log10() + 0.05,
            "{first}"
        );
        // At 100 % errors it fires after 51.84 s.
        let last = c.curves[0].points.last().unwrap();
        assert!((10f64.powf(last.1) - 51.84).abs() < 1e-6);
    }

    #[test]
    fn readout_and_drag_work_in_log_space() {
        let c = chart();
        let frame = ChartFrame::from_pixel_range(100..501, 20..301, c.x, c.y);
        let r = c.readout(&frame, frame.x_pixel(2.0), 100.0).unwrap();
        assert_eq!(r.title, "100% errors");
        assert_eq!(r.lines[0], "tier 0: fires after 51.8s");
        assert_eq!(r.lines[4], "budget gone after 43m 12s");
        assert_eq!(
            c.grab(&frame, frame.x_pixel(2f64.log10()) + 3.0, 100.0),
            Some(ErrorRateGrab)
        );
        assert_eq!(
            c.drag(&frame, ErrorRateGrab, frame.x_pixel(1.0), 100.0),
            Some(ErrorRateMoved { percent: 10.0 })
        );
    }
}
