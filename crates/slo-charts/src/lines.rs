//! A chart of lines and dots on linear axes, with marker lines for thresholds and
//! dates, some of which the user drags to change an input. The Capacity page draws its
//! three charts (demand against capacity, latency against utilisation, the load test's
//! fit) with it: one chart type costs the download once.

use super::legend::{self, Mark};
use super::palette::Theme;
use super::plot::{Margins, Plot};
use super::ticks::{self, Axes};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use plotters::coord::Shift;
use plotters::prelude::*;
use slo_engine::bounds::Bounded;
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
    /// Days after `start` (labelled by day, read to the minute, in UTC).
    Days {
        /// Day 0.
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
            Unit::Months { start } => format!(
                "{} (month {})",
                start.plus_seconds(v * DAYS_PER_MONTH * 86_400.0).readable_day(),
                trim_decimals(v, 1)
            ),
            Unit::Days { start } => start.plus_seconds(v * 86_400.0).readable(),
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
            Unit::Months { start } => start.plus_seconds(v * DAYS_PER_MONTH * 86_400.0).readable_month(),
            Unit::Days { start } => ticks::day_and_month(start.plus_seconds(v * 86_400.0)),
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
    /// Its colour: which of the theme's series colours ([`crate::Theme::hue`]).
    pub hue: usize,
}

/// How a dragged marker's value is rounded, as a person would type it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rounding {
    /// To this many decimal places.
    Decimals(i32),
    /// To three significant digits.
    ThreeDigits,
    /// Not rounded.
    Exact,
}

/// A marker the user can drag: what the caller calls it, and the values it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Knob<K> {
    /// The caller's name for the input it is.
    pub id: K,
    /// The rounding of a dragged value.
    pub rounding: Rounding,
    /// The lowest value it takes, in the axis's units.
    pub min: f64,
    /// The highest value it takes, in the axis's units.
    pub max: f64,
}

/// Where a marker was dragged: rounded and within its knob's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarkerMoved<K> {
    /// The knob's `id`.
    pub knob: K,
    /// The new value, in the axis's units.
    pub to: f64,
}

/// A marker line across the plot: a date, a threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker<K> {
    /// What it marks, for the legend.
    pub label: String,
    /// Where, in the axis's units.
    pub at: f64,
    /// Whether it stands upright (at an x value) rather than across (at a y value).
    pub upright: bool,
    /// The input it is, when dragging it changes one.
    pub knob: Option<Knob<K>>,
    /// Dashed or solid.
    pub dashed: bool,
}

impl<K> Marker<K> {
    /// Its line's width, pixels: 2 for an input, 1 otherwise.
    fn width(&self) -> u32 {
        if self.knob.is_some() {
            2
        } else {
            1
        }
    }
}

/// The chart; `K` names the inputs its markers are.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart<K> {
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
    pub markers: Vec<Marker<K>>,
    /// Notes for the readout, each from its x value on (e.g. the instances a month
    /// needs), in order of x.
    pub notes: Vec<(f64, String)>,
    /// The text alternative.
    pub summary: String,
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

impl Rounding {
    fn apply(self, v: f64) -> f64 {
        match self {
            Rounding::Decimals(places) => {
                let scale = 10f64.powi(places);
                (v * scale).round() / scale
            }
            Rounding::ThreeDigits => round3(v),
            Rounding::Exact => v,
        }
    }
}

impl<K: Copy + PartialEq + 'static> Interactive for LineChart<K> {
    type Grab = MarkerGrab;
    type Moved = MarkerMoved<K>;
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

    fn drag(&self, frame: &ChartFrame, grab: MarkerGrab, px: f64, py: f64) -> Option<MarkerMoved<K>> {
        let marker = self.markers.get(grab.0)?;
        let knob = marker.knob?;
        let value = if marker.upright {
            frame.x_value(px)
        } else {
            frame.y_value(py)
        };
        Some(MarkerMoved {
            knob: knob.id,
            to: knob.rounding.apply(value).bounded(knob.min, knob.max),
        })
    }
}

impl<K> Chart for LineChart<K> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        area.fill(&theme.paper)?;
        let ((x, xu), (y, yu)) = (self.x, self.y);
        let mut entries: Vec<(Mark, String)> = self
            .series
            .iter()
            .map(|s| {
                let mark = match s.style {
                    Style::Line | Style::Dashed => Mark::Line {
                        color: theme.hue(s.hue),
                        width: 2,
                        dashed: s.style == Style::Dashed,
                    },
                    Style::Dots => Mark::Dot(theme.hue(s.hue)),
                };
                (mark, s.label.clone())
            })
            .collect();
        entries.extend(self.markers.iter().map(|m| {
            let label = match m.knob {
                Some(_) => format!("{} (drag)", m.label),
                None => m.label.clone(),
            };
            (
                Mark::Line {
                    color: theme.ink,
                    width: m.width(),
                    dashed: m.dashed,
                },
                label,
            )
        }));
        let margins = legend::above(area, Margins::STANDARD, &entries, theme)?;
        let plot = Plot::new(area, margins, x, y);
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
            theme,
        )?;
        for s in &self.series {
            match s.style {
                Style::Line => plot.line(s.points.iter().copied(), theme.hue(s.hue).stroke_width(2))?,
                Style::Dashed => plot.dashed(
                    s.points.iter().copied(),
                    6.0,
                    4.0,
                    theme.hue(s.hue).stroke_width(2),
                )?,
                Style::Dots => {
                    for &p in &s.points {
                        plot.circle(p, 3, theme.hue(s.hue).filled())?;
                    }
                }
            }
        }
        for m in &self.markers {
            let ends = if m.upright {
                [(m.at, y.min), (m.at, y.max)]
            } else {
                [(x.min, m.at), (x.max, m.at)]
            };
            if m.dashed {
                plot.dashed(ends, 3.0, 3.0, theme.ink.stroke_width(m.width()))?;
            } else {
                plot.line(ends, theme.ink.stroke_width(m.width()))?;
            }
        }
        Ok(frame)
    }

    fn summary(&self) -> String {
        self.summary.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Input {
        Latency,
        Slo,
    }

    fn chart() -> LineChart<Input> {
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
                hue: 0,
            }],
            markers: vec![Marker {
                label: "SLO".to_owned(),
                at: 100.0,
                upright: false,
                knob: Some(Knob {
                    id: Input::Latency,
                    rounding: Rounding::ThreeDigits,
                    min: 0.01,
                    max: 3_600_000.0,
                }),
                dashed: false,
            }],
            notes: vec![(0.0, "first".to_owned()), (50.0, "second".to_owned())],
            summary: String::new(),
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
        assert_eq!(
            c.drag(&frame, grab, 300.0, frame.y_pixel(123.4567)),
            Some(MarkerMoved {
                knob: Input::Latency,
                to: 123.0
            })
        );
        // Beyond the knob's range, the drag stops at its edge.
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
        assert_eq!(c.drag(&far, grab, 300.0, 21.0).map(|m| m.to), Some(3_600_000.0));
    }

    #[test]
    fn upright_markers_drag_sideways_in_their_steps() {
        let mut c = chart();
        c.markers[0].upright = true;
        c.markers[0].at = 99.9;
        c.markers[0].knob = Some(Knob {
            id: Input::Slo,
            rounding: Rounding::Decimals(3),
            min: 0.001,
            max: 99.9999,
        });
        let axis = Axis {
            min: 99.0,
            max: 100.0,
            log: false,
        };
        let frame = ChartFrame::from_pixel_range(100..501, 20..321, axis, c.y.0);
        let slo = c.grab(&frame, frame.x_pixel(99.9) + 2.0, 100.0).unwrap();
        let moved = c.drag(&frame, slo, frame.x_pixel(99.8123), 100.0).unwrap();
        assert_eq!(moved.knob, Input::Slo);
        assert_eq!(moved.to, 99.812);
        assert_eq!(
            c.drag(&frame, slo, frame.x_pixel(100.0), 100.0).map(|m| m.to),
            Some(99.9999)
        );
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
