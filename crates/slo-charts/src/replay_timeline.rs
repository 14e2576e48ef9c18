//! Observed history on a timeline: its burn rate, the incidents found in it and the
//! threshold they were found with, its gaps, and where each candidate policy's alerts
//! would have fired, one lane per policy. Dragging the threshold changes it.
//!
//! Times are Unix seconds, shown in UTC. The burn-rate axis is logarithmic, drawn in
//! log10 space on linear coordinates.

use super::legend::{self, Mark};
use super::palette::Theme;
use super::plot::{Margins, Plot};
use super::ticks::{self, Axes};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use slo_engine::bounds::Bounded;
use slo_engine::notation::{grouped, human_duration, trim_decimals};
use slo_engine::time::Instant;

/// The lowest burn rate drawn, as log10: 0.01×.
const LOWEST_BURN: f64 = -2.0;
/// Height of a policy's lane above the plot, pixels, and the space between lanes.
const LANE: i32 = 10;
const LANE_GAP: i32 = 4;
/// The lowest and highest threshold a drag sets, as burn rates.
const THRESHOLD_RANGE: (f64, f64) = (0.1, 1_000.0);

/// An incident found in the history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncidentBand {
    /// Its start and end, Unix seconds.
    pub start: i64,
    /// See `start`.
    pub end: i64,
    /// Whether it spent enough of the budget to count (otherwise it is drawn faint).
    pub counts: bool,
    /// The share of a window's budget it spent, percent.
    pub budget_percent: f64,
}

/// One tier of a policy on the history.
#[derive(Debug, Clone, PartialEq)]
pub struct TierLane {
    /// Its name for the readout ("tier 1").
    pub name: String,
    /// Whether it pages (drawn full height) rather than opens a ticket (half height).
    pub pages: bool,
    /// When it fired and reset, Unix seconds; no reset when it held at the end.
    pub spans: Vec<(i64, Option<i64>)>,
}

/// A candidate policy: its short name at the left of its lane, and its tiers.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyLane {
    /// A short name ("plan", "Workbook"), at most about nine characters.
    pub name: String,
    /// Its tiers, in order.
    pub tiers: Vec<TierLane>,
}

/// The chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayChart {
    /// The history's first and last instants, Unix seconds.
    pub from: i64,
    /// See `from`.
    pub to: i64,
    /// The burn rate of each drawn stretch: (its end, Unix seconds; burn rate), in time
    /// order; stretches with no samples are left out.
    pub burn_rates: Vec<(i64, f64)>,
    /// How long each drawn stretch is, seconds (for the legend and readout).
    pub stretch_seconds: f64,
    /// The burn rate above which incidents were found (dragging it changes it).
    pub threshold: f64,
    /// The highest burn rate there can be (every request failing), for the axis.
    pub highest_burn: f64,
    /// The incidents, in time order.
    pub incidents: Vec<IncidentBand>,
    /// Stretches with no samples, (start, end) in Unix seconds.
    pub gaps: Vec<(i64, i64)>,
    /// The candidate policies, in order.
    pub policies: Vec<PolicyLane>,
}

/// The threshold, held by the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThresholdGrab;

/// Where the threshold was dragged: a burn rate with two significant digits, from 0.1×
/// to 1,000×.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThresholdMoved {
    /// The new threshold, as a burn rate.
    pub burn_rate: f64,
}

/// `t` in days after `from`.
fn days(from: i64, t: i64) -> f64 {
    (t - from) as f64 / 86_400.0
}

/// `color` at `opacity` over the theme's paper, as the legend shows a shaded band.
fn over_paper(color: RGBColor, opacity: f64, theme: &Theme) -> RGBColor {
    let mix = |c: u8, p: u8| (f64::from(c) * opacity + f64::from(p) * (1.0 - opacity)).round() as u8;
    let (RGBColor(r, g, b), RGBColor(pr, pg, pb)) = (color, theme.paper);
    RGBColor(mix(r, pr), mix(g, pg), mix(b, pb))
}

/// `v` rounded to two significant digits.
fn two_digits(v: f64) -> f64 {
    let scale = 10f64.powf(1.0 - v.log10().floor());
    (v * scale).round() / scale
}

impl ReplayChart {
    fn x_axis(&self) -> Axis {
        Axis {
            min: 0.0,
            max: days(self.from, self.to).max(1.0 / 24.0),
            log: false,
        }
    }

    /// From 0.01× to the power of ten above the highest burn drawn and the threshold
    /// (at least 10×), never above every request failing.
    fn y_axis(&self) -> Axis {
        let peak = self
            .burn_rates
            .iter()
            .map(|p| p.1)
            .fold(self.threshold * 2.0, f64::max);
        let ceiling = self.highest_burn.max(10.0).log10().ceil();
        Axis {
            min: LOWEST_BURN,
            max: peak.log10().ceil().bounded(1.0, ceiling.max(1.0)),
            log: false,
        }
    }

    fn log_burn(&self, b: f64) -> f64 {
        let y = self.y_axis();
        b.max(1e-6).log10().bounded(y.min, y.max)
    }

    /// Ticks on whole UTC days (or hours for a history of two days or less), at most
    /// about seven, labelled `5 Nov` (or `14:00`).
    fn x_ticks(&self) -> Vec<(f64, String)> {
        let span = self.to - self.from;
        let unit: i64 = if span <= 2 * 86_400 { 3_600 } else { 86_400 };
        // The first whole unit at or after the start, in units after the start.
        let offset = (unit - self.from.rem_euclid(unit)) % unit;
        let units = (span - offset) as f64 / unit as f64;
        ticks::linear(0.0, units, 7)
            .into_iter()
            .filter_map(|k| {
                let t = self.from + offset + (k * unit as f64).round() as i64;
                let at = Instant::from_unix_seconds(t).ok()?;
                let label = if unit == 3_600 {
                    format!("{:02}:00", at.civil().hour)
                } else {
                    ticks::day_and_month(at)
                };
                Some((days(self.from, t), label))
            })
            .collect()
    }

    fn y_ticks(&self) -> Vec<(f64, String)> {
        let axis = self.y_axis();
        (axis.min as i32..=axis.max as i32)
            .map(|e| (f64::from(e), format!("{}×", grouped(10f64.powi(e), 2))))
            .collect()
    }

    /// The height the policies' lanes take above the plot, pixels.
    fn lanes_height(&self) -> i32 {
        self.policies.len() as i32 * (LANE + LANE_GAP)
    }

    fn at_time(&self, frame: &ChartFrame, px: f64) -> Option<i64> {
        let x = frame.x_value(px);
        (px >= f64::from(frame.left) && px < f64::from(frame.right))
            .then(|| self.from + (x * 86_400.0).round() as i64)
    }
}

impl Interactive for ReplayChart {
    type Grab = ThresholdGrab;
    type Moved = ThresholdMoved;

    fn file_name(&self) -> &'static str {
        "history-timeline.svg"
    }

    fn grab_class(_: ThresholdGrab) -> &'static str {
        "grab-y"
    }

    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        // The lanes above the plot answer the pointer too.
        if py < f64::from(frame.top - self.lanes_height()) || py >= f64::from(frame.bottom) {
            return None;
        }
        let t = self.at_time(frame, px)?;
        let mut lines = Vec::new();
        if let Some(gap) = self.gaps.iter().find(|g| g.0 <= t && t < g.1) {
            lines.push(format!(
                "no samples for {}",
                human_duration((gap.1 - gap.0) as f64)
            ));
        } else if let Some(&(end, burn)) = self.burn_rates.iter().find(|p| p.0 >= t) {
            lines.push(format!(
                "burn rate {}× over the {} to {}",
                trim_decimals(burn, 2),
                human_duration(self.stretch_seconds),
                Instant::readable_unix(end)
            ));
        }
        for (k, band) in self.incidents.iter().enumerate() {
            if band.start <= t && t < band.end {
                lines.push(format!(
                    "incident {}{}: {} long, {}% of the budget",
                    k + 1,
                    if band.counts { "" } else { " (noise)" },
                    human_duration((band.end - band.start) as f64),
                    trim_decimals(band.budget_percent, 2)
                ));
            }
        }
        for policy in &self.policies {
            let firing: Vec<&str> = policy
                .tiers
                .iter()
                .filter(|tier| tier.spans.iter().any(|&(s, e)| s <= t && e.is_none_or(|e| t < e)))
                .map(|tier| tier.name.as_str())
                .collect();
            lines.push(if firing.is_empty() {
                format!("{}: quiet", policy.name)
            } else {
                format!("{}: {} firing", policy.name, firing.join(", "))
            });
        }
        Some(Readout {
            title: Instant::readable_unix(t),
            lines,
        })
    }

    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<ThresholdGrab> {
        frame.value_at(px, py)?;
        ((frame.y_pixel(self.log_burn(self.threshold)) - py).abs() <= 6.0).then_some(ThresholdGrab)
    }

    fn drag(&self, frame: &ChartFrame, _: ThresholdGrab, _px: f64, py: f64) -> Option<ThresholdMoved> {
        let burn = 10f64.powf(frame.y_value(py));
        burn.is_finite().then(|| ThresholdMoved {
            burn_rate: two_digits(burn).bounded(THRESHOLD_RANGE.0, THRESHOLD_RANGE.1),
        })
    }
}

impl Chart for ReplayChart {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        area.fill(&theme.paper)?;
        let burn = theme.hue(0);
        let incident = theme.hue(5);
        let (page, ticket) = (theme.hue(5), theme.hue(1));
        let entries = vec![
            (
                Mark::Line {
                    color: burn,
                    width: 2,
                    dashed: false,
                },
                format!("burn rate, each {}", human_duration(self.stretch_seconds)),
            ),
            (
                Mark::Line {
                    color: theme.ink,
                    width: 2,
                    dashed: true,
                },
                format!("incident threshold {}× (drag)", trim_decimals(self.threshold, 2)),
            ),
            (
                Mark::Line {
                    color: over_paper(incident, 0.3, theme),
                    width: 8,
                    dashed: false,
                },
                "incident".to_owned(),
            ),
            (
                Mark::Line {
                    color: page,
                    width: 8,
                    dashed: false,
                },
                "page".to_owned(),
            ),
            (
                Mark::Line {
                    color: ticket,
                    width: 4,
                    dashed: false,
                },
                "ticket".to_owned(),
            ),
        ];
        let margins = legend::above(area, Margins::STANDARD, &entries, theme)?;
        let lanes_top = margins.top;
        let margins = Margins {
            top: margins.top + self.lanes_height() + 4,
            ..margins
        };
        let (x, y) = (self.x_axis(), self.y_axis());
        let plot = Plot::new(area, margins, x, y);
        let frame = plot.frame;
        ticks::draw(
            area,
            &frame,
            &Axes {
                x_ticks: &self.x_ticks(),
                y_ticks: &self.y_ticks(),
                x_desc: "time (UTC)",
                y_desc: "burn rate (log scale)",
            },
            theme,
        )?;
        for gap in &self.gaps {
            plot.rect(
                (days(self.from, gap.0), y.min),
                (days(self.from, gap.1), y.max),
                theme.grid.filled(),
            )?;
        }
        for band in &self.incidents {
            let from = frame.x_pixel(days(self.from, band.start)) as i32;
            let to = (frame.x_pixel(days(self.from, band.end)) as i32).max(from + 2);
            let shade = incident.mix(if band.counts { 0.3 } else { 0.12 });
            area.draw(&Rectangle::new(
                [(from, frame.top), (to, frame.bottom - 1)],
                shade.filled(),
            ))?;
        }
        let points: Vec<(f64, f64)> = self
            .burn_rates
            .iter()
            .map(|&(t, b)| (days(self.from, t), self.log_burn(b)))
            .collect();
        // A gap breaks the line.
        let mut start = 0;
        for i in 1..=points.len() {
            let broken = i == points.len()
                || self.gaps.iter().any(|g| {
                    let (a, b) = (self.burn_rates[i - 1].0, self.burn_rates[i].0);
                    a <= g.0 && g.1 <= b
                });
            if broken {
                plot.line(points[start..i].iter().copied(), burn.stroke_width(2))?;
                start = i;
            }
        }
        let threshold = self.log_burn(self.threshold);
        plot.dashed(
            [(x.min, threshold), (x.max, threshold)],
            10.0,
            6.0,
            theme.ink.stroke_width(2),
        )?;
        let name = legend::text_style(theme).pos(Pos::new(HPos::Right, VPos::Center));
        for (row, policy) in self.policies.iter().enumerate() {
            let top = lanes_top + row as i32 * (LANE + LANE_GAP);
            area.draw(&Text::new(
                policy.name.as_str(),
                (frame.left - 9, top + LANE / 2),
                name.clone(),
            ))?;
            area.draw(&Rectangle::new(
                [(frame.left, top), (frame.right - 1, top + LANE)],
                theme.grid.stroke_width(1),
            ))?;
            for tier in &policy.tiers {
                let (color, inset) = if tier.pages { (page, 0) } else { (ticket, LANE / 4) };
                for &(s, e) in &tier.spans {
                    let from = frame.x_pixel(days(self.from, s)) as i32;
                    let to = e.map_or(frame.right - 1, |e| {
                        (frame.x_pixel(days(self.from, e)) as i32).min(frame.right - 1)
                    });
                    area.draw(&Rectangle::new(
                        [(from, top + inset), (to.max(from + 2), top + LANE - inset)],
                        color.filled(),
                    ))?;
                }
            }
        }
        Ok(frame)
    }

    fn summary(&self) -> String {
        let when = Instant::readable_unix;
        let peak = self
            .burn_rates
            .iter()
            .copied()
            .fold(None::<(i64, f64)>, |best, p| match best {
                Some(b) if b.1 >= p.1 => Some(b),
                _ => Some(p),
            });
        let counted = self.incidents.iter().filter(|b| b.counts).count();
        let policies: Vec<String> = self
            .policies
            .iter()
            .map(|p| {
                let (pages, tickets) = p.tiers.iter().fold((0, 0), |(pg, tk), t| {
                    if t.pages {
                        (pg + t.spans.len(), tk)
                    } else {
                        (pg, tk + t.spans.len())
                    }
                });
                format!(
                    "{} would have paged {pages} times and opened {tickets} tickets",
                    p.name
                )
            })
            .collect();
        format!(
            "Timeline of the observed history from {} to {}: its burn rate on a logarithmic axis{}, \
             {} incident(s) above the {}× threshold ({} counting){}, and a lane per candidate policy \
             where its alerts fire. {}.",
            when(self.from),
            when(self.to),
            peak.map_or_else(String::new, |(t, b)| format!(
                ", highest {}× in the {} to {}",
                trim_decimals(b, 2),
                human_duration(self.stretch_seconds),
                when(t)
            )),
            self.incidents.len(),
            trim_decimals(self.threshold, 2),
            counted,
            if self.gaps.is_empty() {
                String::new()
            } else {
                format!(", {} gap(s) with no samples shaded grey", self.gaps.len())
            },
            policies.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 1 Nov 2026, 00:00 UTC.
    const NOV: i64 = 1_793_491_200;

    fn chart() -> ReplayChart {
        ReplayChart {
            from: NOV,
            to: NOV + 30 * 86_400,
            burn_rates: (1..=720)
                .map(|h| (NOV + h * 3_600, if h == 100 { 80.0 } else { 0.2 }))
                .collect(),
            stretch_seconds: 3_600.0,
            threshold: 1.0,
            highest_burn: 1_000.0,
            incidents: vec![IncidentBand {
                start: NOV + 99 * 3_600 + 600,
                end: NOV + 99 * 3_600 + 1_800,
                counts: true,
                budget_percent: 5.5,
            }],
            gaps: vec![(NOV + 200 * 3_600, NOV + 203 * 3_600)],
            policies: vec![PolicyLane {
                name: "plan".to_owned(),
                tiers: vec![TierLane {
                    name: "tier 1".to_owned(),
                    pages: true,
                    spans: vec![(NOV + 99 * 3_600 + 900, Some(NOV + 99 * 3_600 + 2_400))],
                }],
            }],
        }
    }

    fn frame(c: &ReplayChart) -> ChartFrame {
        ChartFrame::from_pixel_range(84..692, 60..304, c.x_axis(), c.y_axis())
    }

    #[test]
    fn axes_reach_the_peak_and_label_days() {
        let c = chart();
        // 80× peaks below 100×: the axis goes from 0.01× to 100×.
        assert_eq!((c.y_axis().min, c.y_axis().max), (-2.0, 2.0));
        assert_eq!(c.y_ticks()[0].1, "0.01×");
        let x = c.x_ticks();
        assert_eq!(x[0], (0.0, "1 Nov".to_owned()));
        assert!(x.len() <= 8 && x.iter().any(|t| t.1 == "26 Nov"), "{x:?}");
    }

    #[test]
    fn readout_names_the_incident_and_what_fires() {
        let c = chart();
        let f = frame(&c);
        let t = NOV + 99 * 3_600 + 1_200;
        let r = c.readout(&f, f.x_pixel(days(NOV, t)), 200.0).unwrap();
        assert!(r.title.starts_with("5 Nov 2026, 03:"), "{}", r.title);
        assert!(
            r.lines[0].starts_with("burn rate 80× over the 1h to"),
            "{:?}",
            r.lines
        );
        assert_eq!(r.lines[1], "incident 1: 20m long, 5.5% of the budget");
        assert_eq!(r.lines[2], "plan: tier 1 firing");
        let gap = c
            .readout(&f, f.x_pixel(days(NOV, NOV + 201 * 3_600)), 200.0)
            .unwrap();
        assert_eq!(gap.lines[0], "no samples for 3h");
        assert_eq!(gap.lines[1], "plan: quiet");
    }

    #[test]
    fn dragging_the_threshold_sets_two_digits() {
        let c = chart();
        let f = frame(&c);
        let at = f.y_pixel(0.0);
        assert_eq!(c.grab(&f, 300.0, at + 3.0), Some(ThresholdGrab));
        assert_eq!(c.grab(&f, 300.0, at + 30.0), None);
        let moved = c
            .drag(&f, ThresholdGrab, 300.0, f.y_pixel(14.4f64.log10()))
            .unwrap();
        assert_eq!(moved.burn_rate, 14.0);
        // Above the plot, the axis's top: 100×.
        let top = c.drag(&f, ThresholdGrab, 300.0, -500.0).unwrap();
        assert_eq!(top.burn_rate, 100.0);
    }

    #[test]
    fn the_summary_says_what_fired() {
        let s = chart().summary();
        assert!(s.contains("highest 80×"), "{s}");
        assert!(
            s.contains("1 incident(s) above the 1× threshold (1 counting)"),
            "{s}"
        );
        assert!(
            s.contains("plan would have paged 1 times and opened 0 tickets"),
            "{s}"
        );
    }
}
