//! Axes drawn by hand: lines, titles, and ticks at round values or, for axes drawn in
//! log space on plotters' linear coordinates, at durations and percentages people
//! think in. (plotters' own mesh would cost the download some 10 KB of code for what
//! these few functions do.)

use super::legend::text_style;
use super::palette::Theme;
use super::{ChartFrame, DrawError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;
use slo_engine::time::Instant;

/// Durations to label a log-seconds axis with, (seconds, label).
pub const DURATIONS: [(f64, &str); 10] = [
    (1.0, "1 s"),
    (10.0, "10 s"),
    (60.0, "1 min"),
    (600.0, "10 min"),
    (3_600.0, "1 h"),
    (21_600.0, "6 h"),
    (86_400.0, "1 day"),
    (604_800.0, "7 days"),
    (2_592_000.0, "30 days"),
    (7_776_000.0, "90 days"),
];

/// Percentages to label a log-percent axis with.
pub const PERCENTS: [(f64, &str); 7] = [
    (0.001, "0.001%"),
    (0.01, "0.01%"),
    (0.1, "0.1%"),
    (1.0, "1%"),
    (10.0, "10%"),
    (100.0, "100%"),
    (1_000.0, "1000%"),
];

/// Ticks at round values (1, 2 or 5 × a power of ten apart) covering `[min, max]`,
/// at most about `max_ticks` of them.
pub fn linear(min: f64, max: f64, max_ticks: usize) -> Vec<f64> {
    let span = max - min;
    if !(span.is_finite() && span > 0.0) {
        return vec![min];
    }
    let rough = span / max_ticks.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * power);
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Both axes of a chart: ticks with grid lines and labels at `x_ticks` and `y_ticks`
/// (values on the axes' scales, labels), and the titles.
pub struct Axes<'a> {
    /// The horizontal axis's ticks.
    pub x_ticks: &'a [(f64, String)],
    /// The vertical axis's ticks.
    pub y_ticks: &'a [(f64, String)],
    /// The horizontal axis's title, centred under its labels.
    pub x_desc: &'a str,
    /// The vertical axis's title, turned upright left of its labels.
    pub y_desc: &'a str,
}

/// Draws the grid, the ticks and their labels, the plot area's left and bottom axis
/// lines, and the axis titles.
///
/// # Errors
/// When the backend fails.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &ChartFrame,
    axes: &Axes<'_>,
    theme: &Theme,
) -> Result<(), DrawError> {
    draw_x(area, frame, axes.x_ticks, theme)?;
    draw_y(area, frame, axes.y_ticks, theme)?;
    let (x_desc, y_desc) = (axes.x_desc, axes.y_desc);
    let (left, bottom) = (frame.left - 1, frame.bottom);
    area.draw(&PathElement::new(
        vec![(left, frame.top), (left, bottom)],
        theme.ink,
    ))?;
    area.draw(&PathElement::new(
        vec![(left, bottom), (frame.right, bottom)],
        theme.ink,
    ))?;
    let style = text_style(theme);
    area.draw(&Text::new(
        x_desc,
        ((frame.left + frame.right) / 2, frame.bottom + 26),
        style.clone().pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    area.draw(&Text::new(
        y_desc,
        (4, (frame.top + frame.bottom) / 2),
        style
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    Ok(())
}

/// Draws a grid line, a tick and a label at each of `ticks` (value on the vertical
/// axis's scale, label) that lies on the axis.
fn draw_y<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &ChartFrame,
    ticks: &[(f64, String)],
    theme: &Theme,
) -> Result<(), DrawError> {
    let style = text_style(theme).pos(Pos::new(HPos::Right, VPos::Center));
    for (v, label) in ticks {
        if *v < frame.y.min || *v > frame.y.max {
            continue;
        }
        let y = frame.y_pixel(*v).round() as i32;
        area.draw(&PathElement::new(
            vec![(frame.left, y), (frame.right - 1, y)],
            theme.grid,
        ))?;
        area.draw(&PathElement::new(
            vec![(frame.left - 6, y), (frame.left - 1, y)],
            theme.ink,
        ))?;
        area.draw(&Text::new(label.as_str(), (frame.left - 9, y), style.clone()))?;
    }
    Ok(())
}

/// As [`draw_y`], for the horizontal axis.
fn draw_x<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &ChartFrame,
    ticks: &[(f64, String)],
    theme: &Theme,
) -> Result<(), DrawError> {
    let style = text_style(theme).pos(Pos::new(HPos::Center, VPos::Top));
    for (v, label) in ticks {
        if *v < frame.x.min || *v > frame.x.max {
            continue;
        }
        let x = frame.x_pixel(*v).round() as i32;
        area.draw(&PathElement::new(
            vec![(x, frame.top), (x, frame.bottom - 1)],
            theme.grid,
        ))?;
        area.draw(&PathElement::new(
            vec![(x, frame.bottom), (x, frame.bottom + 5)],
            theme.ink,
        ))?;
        area.draw(&Text::new(label.as_str(), (x, frame.bottom + 8), style.clone()))?;
    }
    Ok(())
}

/// A day as a tick label, in UTC: `22 Nov`.
pub fn day_and_month(t: Instant) -> String {
    let day = t.readable_day();
    day.rsplit_once(' ').map_or(day.clone(), |(d, _)| d.to_owned())
}

/// Log-scale ticks: `(log10 of the value, label)` for each of `marks`.
pub fn log10(marks: &[(f64, &str)]) -> Vec<(f64, String)> {
    marks.iter().map(|&(v, l)| (v.log10(), l.to_owned())).collect()
}

/// Indices of `values` thinned to at most about `max_points`, keeping each bucket's
/// lowest and highest value in their order, so spikes survive.
pub fn extremes(values: &[f64], max_points: usize) -> Vec<usize> {
    let buckets = (max_points / 2).max(1);
    let size = values.len().div_ceil(buckets).max(1);
    let mut out = Vec::with_capacity(2 * buckets);
    for (b, chunk) in values.chunks(size).enumerate() {
        let (mut lo, mut hi) = (0, 0);
        let (mut low, mut high) = (chunk[0], chunk[0]);
        for (j, &v) in chunk.iter().enumerate().skip(1) {
            if v < low {
                (lo, low) = (j, v);
            }
            if v > high {
                (hi, high) = (j, v);
            }
        }
        let base = b * size;
        out.push(base + lo.min(hi));
        if lo != hi {
            out.push(base + lo.max(hi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_ticks_are_round() {
        assert_eq!(linear(0.0, 100.0, 8), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(linear(0.0, 7.0, 8), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        assert_eq!(linear(-5.0, 105.0, 8), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(
            linear(0.0, 0.25, 5),
            vec![0.0, 0.05, 0.1, 0.15000000000000002, 0.2, 0.25]
        );
        assert_eq!(linear(3.0, 3.0, 5), vec![3.0]);
    }

    #[test]
    fn thinning_keeps_spikes_and_order() {
        let mut values = vec![0.0; 10_000];
        values[4_321] = 9.0;
        let kept = extremes(&values, 100);
        assert!(kept.len() <= 100);
        assert!(kept.contains(&4_321));
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(extremes(&[1.0, 2.0], 100), vec![0, 1]);
        assert!(extremes(&[], 100).is_empty());
    }
}
