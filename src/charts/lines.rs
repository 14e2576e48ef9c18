//! A chart of lines and dots on linear axes, with marker lines for thresholds and
//! dates, some of which the user drags to change an input. The Capacity page draws its
//! three charts (demand against capacity, latency against utilisation, the load test's
//! fit) with it: one chart type costs the download once.

use super::legend::{self, Corner, Mark};
use super::palette::{INK, PAPER};
use super::plot::{Margins, Plot};
use super::ticks::{self, Axes};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use crate::plan::capacity::{CapacitySpec, LATENCY};
use crate::plan::edit::PlanEdit;
use plotters::coord::Shift;
use plotters::prelude::*;
use slo_engine::bounds::Bounded;
use slo_engine::growth::Fleet;
use slo_engine::notation::{grouped, trim_decimals};
use slo_engine::time::Instant;
use slo_engine::window::DAYS_PER_MONTH;

/// What an axis's numbers are, for its tick labels and the readout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    /// Months after `start` (labelled by date).
    Months {
        /// Month 0.
        start: Instant,
    },
    /// Requests per second.
    Rate,
    /// Milliseconds.
    Millis,
    /// Percent.
    Percent,
    /// An availability in percent, which needs more decimals.
    Availability,
    /// A count, e.g. concurrency.
    Count,
}

impl Unit {
    /// `v` for the readout, with its unit.
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Months { start } => {
                let date = start.plus_seconds(v * DAYS_PER_MONTH * 86_400.0).to_string();
                format!(
                    "{} (month {})",
                    date.get(..10).unwrap_or_default(),
                    trim_decimals(v, 1)
                )
            }
            Unit::Rate => format!("{} req/s", grouped(v, if v < 100.0 { 1 } else { 0 })),
            Unit::Millis => format!("{} ms", grouped(v, if v < 10.0 { 2 } else { 0 })),
            Unit::Percent => format!("{}%", trim_decimals(v, 1)),
            Unit::Availability => format!("{}%", trim_decimals(v, 4)),
            Unit::Count => grouped(v, if v < 10.0 { 1 } else { 0 }),
        }
    }

    /// `v` as a short tick label.
    fn tick(self, v: f64) -> String {
        match self {
            Unit::Months { start } => {
                let date = start.plus_seconds(v * DAYS_PER_MONTH * 86_400.0).to_string();
                date.get(..7).unwrap_or_default().to_owned()
            }
            Unit::Percent => format!("{}%", trim_decimals(v, 1)),
            Unit::Availability => format!("{}%", trim_decimals(v, 3)),
            _ => grouped(v, if v.abs() < 10.0 && v.fract() != 0.0 { 1 } else { 0 }),
        }
    }
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A solid line.
    Line,
    /// A dashed line.
    Dashed,
    /// Dots at the points (measurements).
    Dots,
}

/// One series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend and readout text.
    pub label: String,
    /// Points in axis units, in order of x.
    pub points: Vec<(f64, f64)>,
    /// How it is drawn.
    pub style: Style,
    /// Its colour.
    pub color: RGBColor,
}

/// Which input a marker line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    /// Today's usable capacity (dragging sets the instance count).
    Instances,
    /// The latency SLO's threshold.
    LatencyMs,
    /// The target utilisation.
    UtilisationPercent,
    /// The SLO target.
    SloTarget,
    /// The SLA target.
    SlaTarget,
}

/// The plan section whose values the chart's markers are, which dragging edits.
#[derive(Debug, Clone, PartialEq)]
pub enum Inputs {
    /// The capacity plan and its fleet.
    Capacity(CapacitySpec, Fleet),
    /// The SLO and SLA targets.
    Targets,
}

/// A marker line across the plot: a date, a threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// What it marks, for the legend.
    pub label: String,
    /// Where, in the axis's units.
    pub at: f64,
    /// Whether it stands upright (at an x value) rather than across (at a y value).
    pub upright: bool,
    /// The input it is, when dragging it changes one.
    pub knob: Option<Knob>,
    /// Dashed or solid.
    pub dashed: bool,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// The SVG download's file name.
    pub file_name: &'static str,
    /// The horizontal axis's span and unit.
    pub x: (Axis, Unit),
    /// The vertical axis's span and unit.
    pub y: (Axis, Unit),
    /// Axis titles, horizontal then vertical.
    pub titles: (&'static str, &'static str),
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// The marker lines.
    pub markers: Vec<Marker>,
    /// Notes for the readout, each from its x value on (e.g. the instances a month
    /// needs), in order of x.
    pub notes: Vec<(f64, String)>,
    /// The text alternative.
    pub summary: String,
    /// What dragging a marker edits.
    pub inputs: Inputs,
}

/// A grabbed marker: its index in [`LineChart::markers`], and whether it stands upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerGrab(usize, bool);

/// `v` rounded to three significant digits, as a person would type it.
fn round3(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let digits = 10f64.powf(2.0 - v.log10().floor());
    (v * digits).round() / digits
}

/// The value of a line through `points` at `x`, if `x` is within it.
fn at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let i = points.partition_point(|p| p.0 < x);
    match (i.checked_sub(1).and_then(|j| points.get(j)), points.get(i)) {
        (_, Some(b)) if b.0 == x => Some(b.1),
        (Some(a), Some(b)) => Some(a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)),
        _ => None,
    }
}

impl Interactive for LineChart {
    type Grab = MarkerGrab;
    fn file_name(&self) -> &'static str {
        self.file_name
    }

    fn grab_class(grab: MarkerGrab) -> &'static str {
        if grab.1 {
            "grab-x"
        } else {
            "grab-y"
        }
    }

    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        let (x, _) = frame.value_at(px, py)?;
        let (xu, yu) = (self.x.1, self.y.1);
        let mut lines = Vec::new();
        for s in &self.series {
            let value = if s.style == Style::Dots {
                // The nearest measurement within 12 pixels.
                s.points
                    .iter()
                    .filter(|p| (frame.x_pixel(p.0) - px).abs() <= 12.0)
                    .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
                    .map(|p| format!("{}: {} at {}", s.label, yu.format(p.1), xu.format(p.0)))
            } else {
                at(&s.points, x).map(|v| format!("{}: {}", s.label, yu.format(v)))
            };
            lines.extend(value);
        }
        let note = self.notes.iter().take_while(|n| n.0 <= x).last();
        lines.extend(note.map(|n| n.1.clone()));
        Some(Readout {
            title: xu.format(x),
            lines,
        })
    }

    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<MarkerGrab> {
        frame.value_at(px, py)?;
        self.markers
            .iter()
            .position(|m| {
                m.knob.is_some()
                    && if m.upright {
                        (frame.x_pixel(m.at) - px).abs() <= 8.0
                    } else {
                        (frame.y_pixel(m.at) - py).abs() <= 8.0
                    }
            })
            .map(|i| MarkerGrab(i, self.markers[i].upright))
    }

    fn drag(&self, frame: &ChartFrame, grab: MarkerGrab, px: f64, py: f64) -> Option<PlanEdit> {
        let knob = self.markers.get(grab.0)?.knob?;
        // Targets move in steps of 0.001 % and stay within what their fields accept.
        let target = || (frame.x_value(px) * 1_000.0).round().bounded(1.0, 99_999.9) / 1_000.0;
        let capacity = |change: &dyn Fn(&mut CapacitySpec, &Fleet)| {
            let Inputs::Capacity(spec, fleet) = &self.inputs else {
                return None;
            };
            let mut capacity = spec.clone();
            change(&mut capacity, fleet);
            Some(PlanEdit::Capacity {
                capacity: Box::new(capacity),
            })
        };
        match knob {
            Knob::SloTarget => Some(PlanEdit::Target { percent: target() }),
            Knob::SlaTarget => Some(PlanEdit::SlaTarget { percent: target() }),
            Knob::Instances => capacity(&|c, fleet| {
                let level = frame.y_value(py).max(0.0);
                c.instances = fleet.needed(level).clamp(1, 100_000) as u32;
            }),
            // Kept within what the field accepts, so a drag never makes the plan invalid.
            Knob::LatencyMs => {
                capacity(&|c, _| c.latency_ms = round3(frame.y_value(py)).bounded(0.01, LATENCY.max))
            }
            Knob::UtilisationPercent => capacity(&|c, _| {
                c.utilisation_percent = (frame.x_value(px) * 10.0).round().bounded(1.0, 1_000.0) / 10.0;
            }),
        }
    }
}

impl Chart for LineChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<ChartFrame, DrawError> {
        area.fill(&PAPER)?;
        let ((x, xu), (y, yu)) = (self.x, self.y);
        let plot = Plot::new(area, Margins::STANDARD, x, y);
        let frame = plot.frame;
        let labelled = |axis: Axis, unit: Unit, n: usize| -> Vec<(f64, String)> {
            ticks::linear(axis.min, axis.max, n)
                .into_iter()
                .map(|v| (v, unit.tick(v)))
                .collect()
        };
        ticks::draw(
            area,
            &frame,
            &Axes {
                x_ticks: &labelled(x, xu, 7),
                y_ticks: &labelled(y, yu, 6),
                x_desc: self.titles.0,
                y_desc: self.titles.1,
            },
        )?;
        let mut entries = Vec::new();
        for s in &self.series {
            let mark = match s.style {
                Style::Line => {
                    plot.line(s.points.iter().copied(), s.color.stroke_width(2))?;
                    Mark::Line {
                        color: s.color,
                        width: 2,
                        dashed: false,
                    }
                }
                Style::Dashed => {
                    plot.dashed(s.points.iter().copied(), 6.0, 4.0, s.color.stroke_width(2))?;
                    Mark::Line {
                        color: s.color,
                        width: 2,
                        dashed: true,
                    }
                }
                Style::Dots => {
                    for &p in &s.points {
                        plot.circle(p, 3, s.color.filled())?;
                    }
                    Mark::Dot(s.color)
                }
            };
            entries.push((mark, s.label.clone()));
        }
        for m in &self.markers {
            let ends = if m.upright {
                [(m.at, y.min), (m.at, y.max)]
            } else {
                [(x.min, m.at), (x.max, m.at)]
            };
            let width = if m.knob.is_some() { 2 } else { 1 };
            if m.dashed {
                plot.dashed(ends, 3.0, 3.0, INK.stroke_width(width))?;
            } else {
                plot.line(ends, INK.stroke_width(width))?;
            }
            let label = match m.knob {
                Some(_) => format!("{} (drag)", m.label),
                None => m.label.clone(),
            };
            entries.push((
                Mark::Line {
                    color: INK,
                    width,
                    dashed: m.dashed,
                },
                label,
            ));
        }
        legend::draw(area, &frame, &entries, Corner::Right)?;
        Ok(frame)
    }

    fn summary(&self) -> String {
        self.summary.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> LineChart {
        let spec = CapacitySpec::default();
        let fleet = Fleet::new(400.0, 0.7, 1).unwrap();
        LineChart {
            file_name: "t.svg",
            x: (
                Axis {
                    min: 0.0,
                    max: 100.0,
                    log: false,
                },
                Unit::Percent,
            ),
            y: (
                Axis {
                    min: 0.0,
                    max: 200.0,
                    log: false,
                },
                Unit::Millis,
            ),
            titles: ("utilisation", "latency"),
            series: vec![Series {
                label: "p99".to_owned(),
                points: vec![(0.0, 10.0), (50.0, 20.0), (100.0, 200.0)],
                style: Style::Line,
                color: INK,
            }],
            markers: vec![Marker {
                label: "SLO".to_owned(),
                at: 100.0,
                upright: false,
                knob: Some(Knob::LatencyMs),
                dashed: false,
            }],
            notes: vec![(0.0, "first".to_owned()), (50.0, "second".to_owned())],
            summary: String::new(),
            inputs: Inputs::Capacity(spec, fleet),
        }
    }

    #[test]
    fn readout_interpolates_and_drags_round() {
        let c = chart();
        let frame = ChartFrame::from_pixel_range(100..501, 20..321, c.x.0, c.y.0);
        let r = c.readout(&frame, frame.x_pixel(25.0), 100.0).unwrap();
        assert_eq!(r.title, "25%");
        assert_eq!(r.lines, vec!["p99: 15 ms".to_owned(), "first".to_owned()]);
        let r = c.readout(&frame, frame.x_pixel(60.0), 100.0).unwrap();
        assert_eq!(r.lines[1], "second");
        let grab = c.grab(&frame, 300.0, frame.y_pixel(100.0) + 3.0).unwrap();
        assert_eq!(c.grab(&frame, 300.0, frame.y_pixel(150.0)), None);
        let Some(PlanEdit::Capacity { capacity }) = c.drag(&frame, grab, 300.0, frame.y_pixel(123.4567))
        else {
            panic!()
        };
        assert_eq!(capacity.latency_ms, 123.0);
        // Beyond the field's range, the drag stops at its edge.
        let far = ChartFrame::from_pixel_range(
            100..501,
            20..321,
            c.x.0,
            Axis {
                min: 0.0,
                max: 1e8,
                log: false,
            },
        );
        let Some(PlanEdit::Capacity { capacity }) = c.drag(&far, grab, 300.0, 21.0) else {
            panic!()
        };
        assert_eq!(capacity.latency_ms, LATENCY.max);
    }

    #[test]
    fn target_lines_drag_to_the_targets_in_thousandths() {
        let mut c = chart();
        c.inputs = Inputs::Targets;
        c.markers = [(99.9, Knob::SloTarget), (99.5, Knob::SlaTarget)]
            .map(|(at, knob)| Marker {
                label: String::new(),
                at,
                upright: true,
                knob: Some(knob),
                dashed: false,
            })
            .to_vec();
        let axis = Axis {
            min: 99.0,
            max: 100.0,
            log: false,
        };
        let frame = ChartFrame::from_pixel_range(100..501, 20..321, axis, c.y.0);
        let slo = c.grab(&frame, frame.x_pixel(99.9) + 2.0, 100.0).unwrap();
        let sla = c.grab(&frame, frame.x_pixel(99.5) - 2.0, 100.0).unwrap();
        let px = frame.x_pixel(99.8123);
        assert_eq!(
            c.drag(&frame, slo, px, 100.0),
            Some(PlanEdit::Target { percent: 99.812 })
        );
        assert_eq!(
            c.drag(&frame, sla, px, 100.0),
            Some(PlanEdit::SlaTarget { percent: 99.812 })
        );
        // The capacity knobs need the capacity plan.
        c.markers[0].knob = Some(Knob::LatencyMs);
        assert_eq!(c.drag(&frame, slo, px, 100.0), None);
    }

    #[test]
    fn lines_are_read_between_their_points() {
        let pts = [(0.0, 0.0), (2.0, 4.0)];
        assert_eq!(at(&pts, 1.0), Some(2.0));
        assert_eq!(at(&pts, 2.0), Some(4.0));
        assert_eq!(at(&pts, 3.0), None);
        assert_eq!(round3(0.012345), 0.0123);
    }
}
