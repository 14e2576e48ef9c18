//! A simulated incident on a timeline: the error rate (as a burn rate), each tier's
//! long- and short-window burn rates against its threshold, when each tier fires and
//! resets, and the budget spent. Dragging a phase's start moves the phase.
//!
//! The burn-rate axis is logarithmic, drawn in log10 space on linear coordinates.

use super::legend::{self, Mark};
use super::palette::Theme;
use super::plot::{Margins, Plot, Spot};
use super::ticks::{self, extremes, Axes};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use slo_engine::alert_timeline::Timeline;
use slo_engine::bounds::Bounded;
use slo_engine::burn_rate::Tier;
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};

/// Points drawn per line at most.
const DRAWN_POINTS: usize = 600;
/// The lowest burn rate drawn, as log10: 0.1×.
const LOWEST_BURN: f64 = -1.0;
/// Height of a tier's firing lane at the top of the plot, pixels.
const LANE: i32 = 7;

/// The chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentChart {
    /// The simulation.
    pub timeline: Timeline,
    /// The tiers simulated, in table order.
    pub tiers: Vec<Tier>,
    /// The phases, in order (dragging one moves its start).
    pub phases: Vec<PhaseSpan>,
    /// The budget fraction `1 − target`, to turn error rates into burn rates.
    pub budget_fraction: f64,
}

/// `b` as log10, within `axis`.
fn log_burn(b: f64, axis: Axis) -> f64 {
    b.max(1e-3).log10().bounded(axis.min, axis.max)
}

impl IncidentChart {
    /// Burn rates drawn, as log10: from 0.1× to the power of ten at or above the highest
    /// burn rate there can be (every request failing: 1 ÷ (1 − target)), at least
    /// 10,000×, so no line is cut at the top.
    fn y_axis(&self) -> Axis {
        let highest = (1.0 / self.budget_fraction).log10().ceil();
        Axis {
            min: LOWEST_BURN,
            max: highest.bounded(4.0, 15.0),
            log: false,
        }
    }

    /// A tick at each power of ten of the y axis: `0.1×`, `1×`, `10×`, … `100,000×`.
    fn y_ticks(&self) -> Vec<(f64, String)> {
        let axis = self.y_axis();
        (axis.min as i32..=axis.max as i32)
            .map(|e| {
                let rate = 10f64.powi(e);
                (f64::from(e), format!("{}×", grouped(rate, 1)))
            })
            .collect()
    }

    /// The hours the chart spans: the incident and every firing and reset it causes,
    /// and a fifth more, within the simulation; at least an hour where the simulation
    /// has one. A 30-minute incident is not drawn as a sliver of a 3-day window.
    fn hours(&self) -> f64 {
        let horizon = self.timeline.horizon();
        let incident_end = self
            .phases
            .iter()
            .map(|p| p.start_seconds + p.duration_seconds)
            .fold(0.0, f64::max);
        let alerts_end = self
            .timeline
            .tiers
            .iter()
            .flat_map(|t| &t.firings)
            .map(|f| f.end.unwrap_or(horizon))
            .fold(0.0, f64::max);
        let seconds = (incident_end.max(alerts_end) * 1.2).bounded(3_600.0_f64.min(horizon), horizon);
        (seconds / 3_600.0).max(1e-3)
    }

    fn x_axis(&self) -> Axis {
        Axis {
            min: 0.0,
            max: self.hours(),
            log: false,
        }
    }

    /// The sample nearest `hours` (sample `i` is taken at `(i + 1) × step`).
    fn index_at(&self, hours: f64) -> usize {
        let last = self.timeline.error_rate.len().saturating_sub(1);
        ((hours * 3_600.0 / self.timeline.step).round().max(0.0) as usize)
            .saturating_sub(1)
            .min(last)
    }

    /// A line of `values` (burn rates) thinned for drawing, as (hours, log10 burn).
    fn line(&self, values: &[f64]) -> Vec<(f64, f64)> {
        let step_hours = self.timeline.step / 3_600.0;
        // The samples within the chart's span, and the one after it to reach its edge.
        let shown = ((self.hours() / step_hours).ceil() as usize).min(values.len());
        let values = &values[..shown];
        extremes(values, DRAWN_POINTS)
            .into_iter()
            .map(|i| ((i + 1) as f64 * step_hours, log_burn(values[i], self.y_axis())))
            .collect()
    }
}

/// When a phase of the simulated incident runs, seconds after the simulation starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhaseSpan {
    /// Its start, seconds.
    pub start_seconds: f64,
    /// How long it lasts, seconds.
    pub duration_seconds: f64,
}

/// Where a phase was dragged: its new start, in whole minutes, such that it still ends
/// within the simulator's horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhaseMoved {
    /// The phase's position, from 0.
    pub index: usize,
    /// Its new start, seconds after the simulation starts.
    pub start_seconds: f64,
}

/// A phase's start, held by the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseGrab(pub usize);

impl Interactive for IncidentChart {
    type Grab = PhaseGrab;
    type Moved = PhaseMoved;
    fn file_name(&self) -> &'static str {
        "incident-timeline.svg"
    }

    fn grab_class(_: PhaseGrab) -> &'static str {
        "grab-x"
    }

    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        let (hours, _) = frame.value_at(px, py)?;
        let i = self.index_at(hours);
        let t = &self.timeline;
        let mut lines = vec![format!(
            "error rate {}% (burn rate {}×)",
            percent(t.error_rate.get(i)? * 100.0),
            trim_decimals(t.error_rate[i] / self.budget_fraction, 2)
        )];
        for (n, trace) in t.tiers.iter().enumerate() {
            let firing = trace.firings.iter().any(|s| {
                let at = (i + 1) as f64 * t.step;
                s.start <= at && s.end.is_none_or(|e| at < e)
            });
            lines.push(format!(
                "tier {}: long {}×, short {}×{}",
                n + 1,
                trim_decimals(trace.long_burn[i], 2),
                trim_decimals(trace.short_burn[i], 2),
                if firing { " — firing" } else { "" }
            ));
        }
        lines.push(format!(
            "budget spent {}%",
            trim_decimals(t.budget_spent[i] * 100.0, 2)
        ));
        Some(Readout {
            title: format!("{} after the start", human_duration((i + 1) as f64 * t.step)),
            lines,
        })
    }

    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<PhaseGrab> {
        frame.value_at(px, py)?;
        self.phases
            .iter()
            .position(|p| (frame.x_pixel(p.start_seconds / 3_600.0) - px).abs() <= 6.0)
            .map(PhaseGrab)
    }

    fn drag(&self, frame: &ChartFrame, grab: PhaseGrab, px: f64, _py: f64) -> Option<PhaseMoved> {
        let phase = *self.phases.get(grab.0)?;
        // Whole minutes, and never past the 90 days a phase may end by.
        let start = (frame.x_value(px) * 60.0).round() * 60.0;
        let latest = slo_engine::alert_timeline::MAX_HORIZON - phase.duration_seconds;
        Some(PhaseMoved {
            index: grab.0,
            start_seconds: start.bounded(0.0, latest.max(0.0)),
        })
    }
}

impl Chart for IncidentChart {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        area.fill(&theme.paper)?;
        let x = self.x_axis();
        let margins = Margins {
            left: 76,
            right: 24,
            top: 12,
            bottom: 56,
        };
        let incident = theme.hue(5);
        let mut entries = vec![(
            Mark::Line {
                color: incident,
                width: 3,
                dashed: false,
            },
            "error rate as a burn rate".to_owned(),
        )];
        for (n, tier) in self.tiers.iter().enumerate() {
            entries.push((
                Mark::Line {
                    color: theme.hue(n % 5),
                    width: 2,
                    dashed: false,
                },
                format!("tier {}, fires at {}×", n + 1, trim_decimals(tier.burn_rate(), 2)),
            ));
        }
        entries.push((
            Mark::Line {
                color: theme.ink,
                width: 1,
                dashed: true,
            },
            "thick: long window, thin: short, dashed: threshold".to_owned(),
        ));
        entries.push((
            Mark::Line {
                color: theme.ink,
                width: 1,
                dashed: false,
            },
            format!(
                "phase starts (drag); budget spent {}%",
                trim_decimals(
                    self.timeline.budget_spent.last().copied().unwrap_or(0.0) * 100.0,
                    2
                )
            ),
        ));
        let margins = legend::above(area, margins, &entries, theme)?;
        let y = self.y_axis();
        let plot = Plot::new(area, margins, x, y);
        let frame = plot.frame;
        let text = legend::text_style(theme);
        let x_ticks: Vec<(f64, String)> = ticks::linear(x.min, x.max, 8)
            .into_iter()
            .map(|h| (h, format!("{}h", trim_decimals(h, 1))))
            .collect();
        ticks::draw(
            area,
            &frame,
            &Axes {
                x_ticks: &x_ticks,
                y_ticks: &self.y_ticks(),
                x_desc: "time since the incident started",
                y_desc: "burn rate (log scale)",
            },
            theme,
        )?;
        // The incident itself: the error rate as a burn rate.
        let burn: Vec<f64> = self
            .timeline
            .error_rate
            .iter()
            .map(|e| e / self.budget_fraction)
            .collect();
        plot.line(self.line(&burn), incident.stroke_width(3))?;
        for (n, (trace, tier)) in self.timeline.tiers.iter().zip(&self.tiers).enumerate() {
            let color = theme.hue(n % 5);
            plot.line(self.line(&trace.long_burn), color.stroke_width(2))?;
            plot.line(self.line(&trace.short_burn), color.stroke_width(1))?;
            let threshold = log_burn(tier.burn_rate(), y);
            plot.dashed(
                [(0.0, threshold), (x.max, threshold)],
                12.0,
                12.0,
                color.stroke_width(1),
            )?;
            let lane = frame.top + 2 + n as i32 * (LANE + 2);
            for span in &trace.firings {
                let from = frame.x_pixel(span.start / 3_600.0) as i32;
                let to = span.end.map_or(frame.right - 1, |e| {
                    (frame.x_pixel(e / 3_600.0) as i32).min(frame.right - 1)
                });
                area.draw(&Rectangle::new(
                    [(from, lane), (to.max(from + 2), lane + LANE)],
                    color.filled(),
                ))?;
            }
        }
        for phase in &self.phases {
            let h = phase.start_seconds / 3_600.0;
            plot.line([(h, y.min), (h, y.max)], theme.ink.stroke_width(1))?;
        }
        // Phase starts, labelled where the label has room (at least 56 px from the last)
        // and covers no line.
        let mut labelled = i32::MIN / 2;
        for (n, phase) in self.phases.iter().enumerate() {
            let h = phase.start_seconds / 3_600.0;
            let px = frame.x_pixel(h) as i32;
            if px - labelled >= 56 {
                labelled = px;
                let spot = |y: f64, dx: i32, dy: i32, v: VPos| Spot {
                    at: (h, y),
                    offset: (dx, dy),
                    pos: Pos::new(HPos::Left, v),
                };
                let label = format!("phase {}", n + 1);
                // Along the line, then further right where the next phases' lines crowd it.
                let spots: Vec<Spot> = [3, 12, 24, 40]
                    .into_iter()
                    .flat_map(|dx| {
                        let heights = (1..24).map(|i| y.min + (y.max - y.min) * f64::from(i) / 24.0);
                        std::iter::once(spot(y.min, dx, -4, VPos::Bottom))
                            .chain(heights.map(move |y| spot(y, dx, 0, VPos::Center)))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                plot.label(&[&label], &spots, &text)?;
            }
        }
        Ok(frame)
    }

    fn summary(&self) -> String {
        let t = &self.timeline;
        let tiers: Vec<String> = t
            .tiers
            .iter()
            .enumerate()
            .map(|(n, trace)| match trace.firings.first() {
                None => format!("tier {} never fires", n + 1),
                Some(span) => format!(
                    "tier {} fires {} after the start{}",
                    n + 1,
                    human_duration(span.start),
                    span.end
                        .map_or(" and is still firing at the end".to_owned(), |e| format!(
                            " and resets at {}",
                            human_duration(e)
                        ))
                ),
            })
            .collect();
        format!(
            "Timeline of a simulated incident over its first {} (of {} simulated): the error rate \
             and each alert tier's burn rates on a logarithmic axis, with bars where tiers fire. \
             {}. The incident spends {}% of the budget.",
            human_duration(self.hours() * 3_600.0),
            human_duration(t.horizon()),
            tiers.join("; "),
            trim_decimals(t.budget_spent.last().copied().unwrap_or(0.0) * 100.0, 2)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use slo_engine::alert_timeline::{simulate_incident, Phase};
    use slo_engine::burn_rate::workbook_tiers;
    use slo_engine::Target;

    const MONTH: f64 = 2_592_000.0;

    fn chart() -> IncidentChart {
        let tiers = workbook_tiers(MONTH);
        let phases = [Phase::new(600.0, 1_800.0, 0.05, 0.05).unwrap()];
        let target = Target::from_percent(99.9).unwrap();
        IncidentChart {
            timeline: simulate_incident(&phases, &tiers, target, MONTH, 4.0 * 3_600.0, 60.0),
            tiers,
            phases: vec![PhaseSpan {
                start_seconds: 600.0,
                duration_seconds: 1_800.0,
            }],
            budget_fraction: target.budget_fraction(),
        }
    }

    #[test]
    fn the_burn_rate_axis_reaches_every_request_failing() {
        let mut c = chart();
        assert_eq!(c.y_axis().max, 4.0);
        // At 99.999%, every request failing burns at 100,000×: the axis goes that high.
        c.budget_fraction = 1e-5;
        assert_eq!(c.y_axis().max, 5.0);
        assert_eq!(c.y_ticks().last().map(|t| t.1.as_str()), Some("100,000×"));
        assert_eq!(c.y_ticks()[0], (-1.0, "0.1×".to_owned()));
    }

    #[test]
    fn readout_names_what_fires() {
        let c = chart();
        let frame = ChartFrame::from_pixel_range(100..501, 20..301, c.x_axis(), c.y_axis());
        // 30 minutes in: 20 minutes of 5 % errors (burn 50×) have passed.
        let r = c.readout(&frame, frame.x_pixel(0.5) + 0.5, 100.0).unwrap();
        assert_eq!(r.title, "30m after the start");
        assert_eq!(r.lines[0], "error rate 5% (burn rate 50×)");
        assert!(r.lines[1].ends_with("— firing"), "{}", r.lines[1]);
        assert!(!r.lines[4].ends_with("— firing"), "{}", r.lines[4]);
    }

    #[test]
    fn dragging_a_phase_moves_its_start_to_the_minute() {
        let c = chart();
        let frame = ChartFrame::from_pixel_range(100..501, 20..301, c.x_axis(), c.y_axis());
        let at = frame.x_pixel(600.0 / 3_600.0);
        assert_eq!(c.grab(&frame, at + 2.0, 100.0), Some(PhaseGrab(0)));
        match c.drag(&frame, PhaseGrab(0), frame.x_pixel(1.0), 100.0) {
            Some(moved) => assert_eq!(
                moved,
                PhaseMoved {
                    index: 0,
                    start_seconds: 3_600.0
                }
            ),
            None => panic!("not dragged"),
        }
    }
}
