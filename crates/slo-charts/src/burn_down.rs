//! The burn-down: budget left over the window, with the incidents, the ideal burn,
//! the policy thresholds, "now" and the forecast.

use super::legend::{self, Mark};
use super::palette::Theme;
use super::plot::{Margins, Plot, Spot};
use super::ticks::{self, Axes};
use super::{Axis, Chart, ChartFrame, DrawError, Interactive, Readout};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use slo_engine::bounds::Bounded;
use slo_engine::burn_down::{BurnDown, Exhaustion, Series};
use slo_engine::notation::{grouped, percent};
use slo_engine::time::Instant;

/// Points drawn per line: two per pixel of the widest canvas is enough; extremes of
/// each bucket are kept so no spike disappears.
const DRAWN_POINTS: usize = 1_600;
/// How far below zero the y axis reaches at least, percent.
const FLOOR: f64 = -20.0;
/// The lowest the y axis goes, percent (an overspent budget is drawn clipped).
const BOTTOM: f64 = -200.0;

/// An incident to draw: its number in the caller's list, when it starts and how long
/// it lasts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncidentSpan {
    /// Its number in the list, from 1.
    pub number: usize,
    /// When it starts.
    pub start: Instant,
    /// How long it lasts, seconds.
    pub duration_seconds: f64,
}

/// A policy threshold: a share of the budget left, and what it calls for.
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdMark {
    /// Budget left, percent.
    pub remaining_percent: f64,
    /// What the policy does below it, for the label.
    pub label: String,
}

/// An incident as drawn: where it is, in days from the chart's start.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentMark {
    /// Its number in the list, from 1 (dragging it moves that incident).
    pub number: usize,
    /// Start, days from the chart's start.
    pub from: f64,
    /// End, days from the chart's start.
    pub to: f64,
}

/// The chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnDownChart {
    /// The computed series (full resolution, for readouts).
    pub series: Series,
    /// `as_of`, days from the start.
    pub now: f64,
    /// The policy thresholds.
    pub policy: Vec<ThresholdMark>,
    /// The incidents.
    pub incidents: Vec<IncidentMark>,
    /// When the budget runs out, days from the start.
    pub exhausted: Option<f64>,
    /// The SLO window, for the legend ("calendar month", "rolling 30 days").
    pub window: String,
    /// A rolling window's length in days (`None` for a calendar window): each moment's
    /// budget is that of the window ending then. No steady-burn line is drawn for it (a
    /// steady 1× burn leaves nothing at every moment of a rolling window); instead each
    /// moment an incident ages out of the window is marked.
    pub rolling_days: Option<f64>,
    /// When each incident ages out of a rolling window within the chart: (its number,
    /// days from the chart's start). The budget it spent comes back then.
    pub ageing: Vec<(usize, f64)>,
}

/// Where a drag moved an input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BurnDownMoved {
    /// A threshold, by position, to a whole percent from 0 to 100.
    Threshold {
        /// Its position, from 0.
        index: usize,
        /// Budget left, percent.
        remaining_percent: f64,
    },
    /// An incident, by number, to a new start on the whole minute.
    Incident {
        /// Its number, from 1.
        number: usize,
        /// Its new start.
        start: Instant,
    },
}

/// Which input a pointer holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BurnDownGrab {
    /// A policy threshold, by position: dragged up and down.
    Threshold(usize),
    /// An incident, by position, held `offset` days after its start: dragged sideways.
    Incident {
        /// Its position in the list, from 0.
        index: usize,
        /// Where in the band it was grabbed, days after its start.
        offset: f64,
    },
}

fn days(series: &Series, t: Instant) -> f64 {
    t.seconds_since(series.start) / 86_400.0
}

/// Month abbreviations for axis labels.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl BurnDownChart {
    /// The chart of a computed burn-down. Incidents wholly outside the chart's span
    /// (before a rolling window's past, or after the period) are not drawn: their
    /// number at the chart's edge would say they are in it.
    pub fn new(
        b: &BurnDown,
        policy: Vec<ThresholdMark>,
        incidents: &[IncidentSpan],
        window: String,
        rolling_days: Option<f64>,
    ) -> Self {
        let s = &b.series;
        let span = s.step * s.remaining.len().saturating_sub(1) as f64 / 86_400.0;
        BurnDownChart {
            now: days(s, b.as_of),
            policy,
            incidents: incidents
                .iter()
                .map(|span| {
                    let from = days(s, span.start);
                    IncidentMark {
                        number: span.number,
                        from,
                        to: from + span.duration_seconds / 86_400.0,
                    }
                })
                .filter(|m| m.to > 0.0 && m.from < span)
                .collect(),
            exhausted: match b.exhaustion {
                Exhaustion::At(t) | Exhaustion::Already(t) => Some(days(s, t)),
                Exhaustion::NotWithinWindow => None,
            },
            ageing: rolling_days.map_or_else(Vec::new, |length| {
                incidents
                    .iter()
                    .map(|i| (i.number, days(s, i.start) + length))
                    .filter(|&(_, at)| (0.0..=span).contains(&at))
                    .collect()
            }),
            series: s.clone(),
            window,
            rolling_days,
        }
    }

    fn span_days(&self) -> f64 {
        (self.series.step * self.series.remaining.len().saturating_sub(1) as f64 / 86_400.0)
            .max(1.0 / 1_440.0)
    }

    fn percent_at(&self, i: usize) -> f64 {
        self.series.remaining.get(i).map_or(0.0, |r| 100.0 * r)
    }

    /// The lowest share left, percent, when the axis cuts the line there.
    fn clipped(&self) -> Option<f64> {
        let lowest = self.series.remaining.iter().fold(0.0f64, |m, r| m.min(100.0 * r));
        (lowest < BOTTOM).then_some(lowest)
    }

    fn y_axis(&self) -> Axis {
        let lowest = self.series.remaining.iter().fold(0.0f64, |m, r| m.min(100.0 * r));
        Axis {
            min: (lowest - 5.0).bounded(BOTTOM, FLOOR),
            max: 105.0,
            log: false,
        }
    }

    /// The series thinned to at most [`DRAWN_POINTS`], keeping each bucket's extremes,
    /// between points `from` and `to` (inclusive), as (days, percent).
    pub fn decimated(&self, from: usize, to: usize) -> Vec<(f64, f64)> {
        let to = to.min(self.series.remaining.len().saturating_sub(1));
        if from > to {
            return Vec::new();
        }
        let count = to - from + 1;
        let buckets = (DRAWN_POINTS / 2).max(1);
        let size = count.div_ceil(buckets).max(1);
        let step_days = self.series.step / 86_400.0;
        let bottom = self.y_axis().min;
        let point = |i: usize| (i as f64 * step_days, self.percent_at(i).max(bottom));
        let mut out = Vec::with_capacity(2 * buckets + 2);
        let mut i = from;
        while i <= to {
            let end = (i + size - 1).min(to);
            if size == 1 {
                out.push(point(i));
            } else {
                let (mut lo, mut hi) = (i, i);
                for j in i..=end {
                    if self.series.remaining[j] < self.series.remaining[lo] {
                        lo = j;
                    }
                    if self.series.remaining[j] > self.series.remaining[hi] {
                        hi = j;
                    }
                }
                let (a, b) = if lo < hi { (lo, hi) } else { (hi, lo) };
                out.push(point(a));
                if b != a {
                    out.push(point(b));
                }
            }
            i = end + 1;
        }
        out
    }

    /// The index of the last point at or before "now".
    fn now_index(&self) -> usize {
        ((self.now * 86_400.0 / self.series.step).floor().max(0.0) as usize)
            .min(self.series.remaining.len().saturating_sub(1))
    }

    /// A date label for a position on the x axis: `Nov 16` (with the hour when the
    /// chart spans under three days).
    pub fn date_label(&self, day: f64) -> String {
        let c = self.series.start.plus_seconds(day * 86_400.0).civil();
        let month = MONTHS[(c.month as usize).clamp(1, 12) - 1];
        if self.span_days() < 3.0 {
            format!("{month} {} {:02}:{:02}", c.day, c.hour, c.minute)
        } else {
            format!("{month} {}", c.day)
        }
    }
}

impl Chart for BurnDownChart {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        area.fill(&theme.paper)?;
        let x_axis = Axis {
            min: 0.0,
            max: self.span_days(),
            log: false,
        };
        let y_axis = self.y_axis();
        let ideal = theme.hue(4);
        let thresholds = theme.hue(1);
        let line = theme.hue(0);
        let exhausted = self.exhausted.filter(|x| (0.0..=x_axis.max).contains(x));
        let solid = |color: RGBColor, width: u32| Mark::Line {
            color,
            width,
            dashed: false,
        };
        let mut entries = vec![
            (solid(line, 2), format!("budget left ({})", self.window)),
            (
                Mark::Line {
                    color: line,
                    width: 2,
                    dashed: true,
                },
                "forecast".to_owned(),
            ),
            (solid(thresholds, 2), "policy thresholds (drag)".to_owned()),
        ];
        if !self.ageing.is_empty() {
            entries.push((
                Mark::Line {
                    color: theme.hue(5),
                    width: 1,
                    dashed: true,
                },
                "an incident ages out: its budget comes back".to_owned(),
            ));
        }
        if self.rolling_days.is_none() {
            entries.push((
                solid(ideal, 1),
                "ideal: steady burn to zero at the end".to_owned(),
            ));
        }
        if exhausted.is_some() {
            entries.push((Mark::Dot(theme.ink), "budget runs out".to_owned()));
        }
        let margins = legend::above(
            area,
            Margins {
                left: 72,
                right: 24,
                top: 8,
                bottom: 56,
            },
            &entries,
            theme,
        )?;
        let plot = Plot::new(area, margins, x_axis, y_axis);
        let frame = plot.frame;
        let text = legend::text_style(theme);
        let x_ticks: Vec<(f64, String)> = ticks::linear(x_axis.min, x_axis.max, 7)
            .into_iter()
            .map(|d| (d, self.date_label(d)))
            .collect();
        let y_ticks: Vec<(f64, String)> = ticks::linear(y_axis.min, y_axis.max, 8)
            .into_iter()
            .map(|p| {
                (
                    p,
                    format!("{}%", slo_engine::notation::trim_decimals(p.round(), 0)),
                )
            })
            .collect();
        ticks::draw(
            area,
            &frame,
            &Axes {
                x_ticks: &x_ticks,
                y_ticks: &y_ticks,
                x_desc: "time (UTC)",
                y_desc: "error budget left",
            },
            theme,
        )?;
        let incident_color = theme.hue(5);
        for m in &self.incidents {
            let to = m.to.max(m.from + x_axis.max / 400.0);
            plot.rect(
                (m.from, y_axis.min),
                (to, y_axis.max),
                incident_color.mix(0.25).filled(),
            )?;
        }
        if self.rolling_days.is_none() {
            plot.line([(0.0, 100.0), (x_axis.max, 0.0)], ideal.stroke_width(1))?;
        }
        for &(_, at) in &self.ageing {
            plot.dashed(
                [(at, y_axis.min), (at, y_axis.max)],
                2.0,
                3.0,
                theme.hue(5).stroke_width(1),
            )?;
        }
        for t in &self.policy {
            let y = t.remaining_percent;
            plot.line([(0.0, y), (x_axis.max, y)], thresholds.stroke_width(2))?;
        }
        let now = self.now_index();
        plot.line(self.decimated(0, now), line.stroke_width(2))?;
        plot.dashed(self.decimated(now, usize::MAX), 6.0, 4.0, line.stroke_width(2))?;
        plot.line(
            [(self.now, y_axis.min), (self.now, y_axis.max)],
            theme.ink.stroke_width(1),
        )?;
        if let Some(x) = exhausted {
            plot.circle((x, 0.0), 5, theme.ink.filled())?;
        }
        // Labels go last, where they cover none of the lines above.
        let spot = |at: (f64, f64), offset: (i32, i32), h: HPos, v: VPos| Spot {
            at,
            offset,
            pos: Pos::new(h, v),
        };
        for t in &self.policy {
            let y = t.remaining_percent;
            let (end, middle) = (x_axis.max, x_axis.max / 2.0);
            let (long, short) = (
                format!("{}%: {}", percent(y), t.label),
                format!("{}%", percent(y)),
            );
            plot.label(
                &[&long, &short],
                &[
                    spot((end, y), (-4, -3), HPos::Right, VPos::Bottom),
                    spot((0.0, y), (4, -3), HPos::Left, VPos::Bottom),
                    spot((end, y), (-4, 3), HPos::Right, VPos::Top),
                    spot((0.0, y), (4, 3), HPos::Left, VPos::Top),
                    spot((middle, y), (0, -3), HPos::Center, VPos::Bottom),
                    spot((middle, y), (0, 3), HPos::Center, VPos::Top),
                ],
                &text,
            )?;
        }
        plot.label(
            &["now"],
            &[
                spot((self.now, y_axis.min), (3, -3), HPos::Left, VPos::Bottom),
                spot((self.now, y_axis.min), (-3, -3), HPos::Right, VPos::Bottom),
                spot((self.now, y_axis.max), (3, 3), HPos::Left, VPos::Top),
                spot((self.now, y_axis.max), (-3, 3), HPos::Right, VPos::Top),
            ],
            &text,
        )?;
        for &(number, at) in &self.ageing {
            let label = format!("#{number} ages out");
            plot.label(
                &[&label, &format!("#{number}")],
                &[
                    spot((at, y_axis.max), (3, 2), HPos::Left, VPos::Top),
                    spot((at, y_axis.max), (-3, 2), HPos::Right, VPos::Top),
                    spot((at, y_axis.min), (3, -2), HPos::Left, VPos::Bottom),
                    spot((at, y_axis.min), (-3, -2), HPos::Right, VPos::Bottom),
                    spot((at, 50.0), (3, 0), HPos::Left, VPos::Center),
                ],
                &text,
            )?;
        }
        if let Some(lowest) = self.clipped() {
            plot.label(
                &[&format!(
                    "cut at {}%: the budget goes down to {}%",
                    percent(BOTTOM),
                    grouped(lowest, 0)
                )],
                &[
                    spot((x_axis.max, y_axis.min), (-4, -3), HPos::Right, VPos::Bottom),
                    spot((0.0, y_axis.min), (4, -3), HPos::Left, VPos::Bottom),
                ],
                &text,
            )?;
        }
        for m in &self.incidents {
            let label = format!("#{}", m.number);
            plot.label(
                &[&label],
                &[
                    spot((m.from, y_axis.max), (2, 2), HPos::Left, VPos::Top),
                    spot((m.from, y_axis.min), (2, -2), HPos::Left, VPos::Bottom),
                    spot((m.from, y_axis.max), (-2, 2), HPos::Right, VPos::Top),
                    spot((m.from, y_axis.min), (-2, -2), HPos::Right, VPos::Bottom),
                ],
                &text,
            )?;
        }
        Ok(frame)
    }

    fn summary(&self) -> String {
        let now = self.percent_at(self.now_index());
        let end = self.percent_at(self.series.remaining.len().saturating_sub(1));
        format!(
            "Line chart of the error budget left, in percent, from {} to {} ({}), with {} incident(s) \
             marked and {} policy threshold(s){}. Now, {}% is left; at the chart's end the forecast \
             leaves {}%.{}",
            self.date_label(0.0),
            self.date_label(self.span_days()),
            self.window,
            self.incidents.len(),
            self.policy.len(),
            self.policy
                .iter()
                .map(|t| format!("; at {}% left: {}", percent(t.remaining_percent), t.label))
                .collect::<String>(),
            grouped(now, 1),
            grouped(end, 1),
            self.exhausted
                .map(|x| format!(" The budget runs out on {}.", self.date_label(x)))
                .unwrap_or_default()
        ) + &self
            .ageing
            .iter()
            .map(|&(n, at)| {
                format!(
                    " Incident #{n} ages out of the window on {}.",
                    self.date_label(at)
                )
            })
            .collect::<String>()
            + &self
                .clipped()
                .map(|l| {
                    format!(
                        " The axis stops at {}%; the budget goes down to {}%.",
                        percent(BOTTOM),
                        grouped(l, 0)
                    )
                })
                .unwrap_or_default()
    }
}

impl Interactive for BurnDownChart {
    type Grab = BurnDownGrab;
    type Moved = BurnDownMoved;
    fn file_name(&self) -> &'static str {
        "burn-down.svg"
    }

    fn grab_class(grab: BurnDownGrab) -> &'static str {
        match grab {
            BurnDownGrab::Threshold(_) => "grab-y",
            BurnDownGrab::Incident { .. } => "grab-x",
        }
    }

    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        let (day, _) = frame.value_at(px, py)?;
        let i = ((day * 86_400.0 / self.series.step).round() as usize)
            .min(self.series.remaining.len().checked_sub(1)?);
        let when = self.series.time(i);
        let kind = if day > self.now { "forecast" } else { "so far" };
        let mut lines = vec![format!(
            "{}% of the budget left ({kind})",
            grouped(self.percent_at(i), 2)
        )];
        lines.extend(
            self.incidents
                .iter()
                .filter(|m| day >= m.from - 0.02 * frame.x.max && day <= m.to + 0.02 * frame.x.max)
                .map(|m| format!("incident #{}", m.number)),
        );
        Some(Readout {
            title: format!("{when}"),
            lines,
        })
    }

    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<BurnDownGrab> {
        let (day, _) = frame.value_at(px, py)?;
        if let Some(i) = self
            .policy
            .iter()
            .position(|t| (frame.y_pixel(t.remaining_percent) - py).abs() <= 6.0)
        {
            return Some(BurnDownGrab::Threshold(i));
        }
        // An incident band, at least 8 pixels wide so a short one can be caught.
        let slack = 4.0 * (frame.x.max - frame.x.min) / f64::from((frame.right - frame.left).max(1));
        self.incidents
            .iter()
            .rposition(|m| day >= m.from - slack && day <= m.to + slack)
            .map(|index| BurnDownGrab::Incident {
                index,
                offset: day - self.incidents[index].from,
            })
    }

    fn drag(&self, frame: &ChartFrame, grab: BurnDownGrab, px: f64, py: f64) -> Option<BurnDownMoved> {
        match grab {
            BurnDownGrab::Threshold(index) => {
                self.policy.get(index)?;
                Some(BurnDownMoved::Threshold {
                    index,
                    remaining_percent: frame.y_value(py).round().bounded(0.0, 100.0),
                })
            }
            BurnDownGrab::Incident { index, offset } => {
                let mark = self.incidents.get(index)?;
                let start_days = frame.x_value(px) - offset;
                let start = self
                    .series
                    .start
                    .plus_seconds((start_days * 1_440.0).round() * 60.0);
                Some(BurnDownMoved::Incident {
                    number: mark.number,
                    start,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = "2026-11-01T00:00:00Z";

    /// A calendar-month chart with a minute step: 20 % spent by a 20-minute incident on
    /// 3 Nov at 10:00, thresholds at 50 % and 25 %.
    fn chart(days: usize) -> BurnDownChart {
        let start = Instant::parse(START).unwrap();
        let remaining = (0..=days * 1_440)
            .map(|i| if i < 2 * 1_440 + 600 { 1.0 } else { 0.8 } - i as f64 * 1e-6)
            .collect();
        BurnDownChart {
            series: Series {
                start,
                step: 60.0,
                remaining,
            },
            now: 15.0,
            policy: vec![
                ThresholdMark {
                    remaining_percent: 50.0,
                    label: "review".to_owned(),
                },
                ThresholdMark {
                    remaining_percent: 25.0,
                    label: "freeze".to_owned(),
                },
            ],
            incidents: vec![IncidentMark {
                number: 1,
                from: 2.0 + 10.0 / 24.0,
                to: 2.0 + 10.0 / 24.0 + 1_200.0 / 86_400.0,
            }],
            exhausted: None,
            window: "calendar month".to_owned(),
            rolling_days: None,
            ageing: Vec::new(),
        }
    }

    #[test]
    fn incidents_outside_the_chart_are_not_drawn() {
        use slo_engine::burn_down::{burn_down, Forecast, Plan};
        use slo_engine::incident::{Impact, Incident};
        use slo_engine::{SliKind, Target, Traffic, Window};
        // A rolling 30 days on 16 November draws 17 October to 15 December: an outage on
        // 1 October is outside it, one on 10 November inside.
        let at = |text: &str| Instant::parse(text).unwrap();
        let outage = |start: &str| Incident::new(at(start), 1_200.0, Impact::Fraction(1.0)).unwrap();
        let incidents = [outage("2026-10-01T10:00"), outage("2026-11-10T10:00")];
        let b = burn_down(&Plan {
            target: Target::from_percent(99.9).unwrap(),
            sli: SliKind::TimeBased,
            traffic: Traffic::per_second(100.0).unwrap(),
            window: Window::rolling(30).unwrap(),
            as_of: at("2026-11-16"),
            incidents: &incidents,
            forecast: Forecast::FromHistory,
        });
        let spans: Vec<IncidentSpan> = incidents
            .iter()
            .enumerate()
            .map(|(i, incident)| IncidentSpan {
                number: i + 1,
                start: incident.start(),
                duration_seconds: incident.duration(),
            })
            .collect();
        let c = BurnDownChart::new(&b, Vec::new(), &spans, "rolling 30 days".to_owned(), Some(30.0));
        let drawn: Vec<usize> = c.incidents.iter().map(|m| m.number).collect();
        assert_eq!(drawn, [2]);
        // Both age out within the chart, the one not drawn included: its budget comes
        // back on 31 October, 14 days after the chart's start, and the jump is marked.
        let ageing: Vec<(usize, i64)> = c.ageing.iter().map(|&(n, at)| (n, at.round() as i64)).collect();
        assert_eq!(ageing, [(1, 14), (2, 54)]);
        assert!(
            c.summary()
                .contains("Incident #1 ages out of the window on Oct 31"),
            "{}",
            c.summary()
        );
        let svg = crate::to_svg(&c, 720, 360).unwrap();
        assert!(
            svg.contains("#1 ages out") && svg.contains("its budget comes back"),
            "{svg}"
        );
    }

    #[test]
    fn an_overspent_budget_cut_by_the_axis_is_said_to_be() {
        let mut c = chart(30);
        c.series.remaining = (0..=30 * 1_440).map(|i| 1.0 - f64::from(i) / 10_000.0).collect();
        // Down to 1 − 43,200 ÷ 10,000 = −332%, past the axis's −200%.
        assert_eq!(c.clipped().map(f64::round), Some(-332.0));
        assert!(
            c.summary()
                .contains("The axis stops at -200%; the budget goes down to -332%."),
            "{}",
            c.summary()
        );
        let svg = crate::to_svg(&c, 720, 360).unwrap();
        assert!(svg.contains("cut at -200%: the budget goes down to -332%"));
        assert_eq!(chart(30).clipped(), None);
    }

    #[test]
    fn decimation_keeps_the_extremes() {
        let c = chart(180);
        assert_eq!(c.series.remaining.len(), 259_201);
        let drawn = c.decimated(0, usize::MAX);
        assert!(drawn.len() <= DRAWN_POINTS + 2, "{}", drawn.len());
        let lowest = c.series.remaining.iter().copied().fold(f64::MAX, f64::min) * 100.0;
        let drawn_lowest = drawn.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        assert!((lowest - drawn_lowest).abs() < 1e-9);
    }

    #[test]
    fn thresholds_and_incidents_can_be_grabbed_and_dragged() {
        let c = chart(30);
        let frame = ChartFrame::from_pixel_range(
            60..700,
            10..300,
            Axis {
                min: 0.0,
                max: 30.0,
                log: false,
            },
            c.y_axis(),
        );
        let y = frame.y_pixel(25.0);
        assert_eq!(c.grab(&frame, 300.0, y + 3.0), Some(BurnDownGrab::Threshold(1)));
        assert_eq!(c.grab(&frame, 300.0, frame.y_pixel(80.0)), None);
        assert_eq!(
            c.drag(&frame, BurnDownGrab::Threshold(1), 300.0, frame.y_pixel(40.0)),
            Some(BurnDownMoved::Threshold {
                index: 1,
                remaining_percent: 40.0
            })
        );
        assert_eq!(c.date_label(2.0), "Nov 3");
        // The incident (3 Nov 10:00, 20 min) is grabbed in its band and dragged a day later.
        let band = frame.x_pixel(2.0 + 10.0 / 24.0);
        let Some(BurnDownGrab::Incident { index: 0, offset }) = c.grab(&frame, band, 150.0) else {
            panic!("incident not grabbed")
        };
        let moved = c.drag(
            &frame,
            BurnDownGrab::Incident { index: 0, offset },
            frame.x_pixel(3.0 + 10.0 / 24.0),
            150.0,
        );
        let Some(BurnDownMoved::Incident { number: 1, start }) = moved else {
            panic!("{moved:?}")
        };
        assert_eq!(start.to_string(), "2026-11-04T10:00:00Z");
        let r = c.readout(&frame, frame.x_pixel(2.43), 100.0).unwrap();
        assert!(r.title.starts_with("2026-11-03T10:"), "{}", r.title);
        assert!(r.lines.iter().any(|l| l == "incident #1"), "{:?}", r.lines);
    }
}
