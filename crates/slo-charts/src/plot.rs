//! A chart's plot area: draws in data coordinates by mapping them to pixels through the
//! chart's [`ChartFrame`], the same mapping the pointer is read back through.
//!
//! The charts draw through this rather than plotters' `ChartBuilder` and series: every
//! coordinate system and series type plotters instantiates costs the download code,
//! and these few primitives are all the charts use.

use super::{Axis, ChartFrame, DrawError};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Space around the plot area, pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margins {
    /// Left of the plot area (room for the y labels and title).
    pub left: i32,
    /// Right of it.
    pub right: i32,
    /// Above it.
    pub top: i32,
    /// Below it (room for the x labels and title).
    pub bottom: i32,
}

impl Margins {
    /// Room for a y axis labelled with durations or rates up to "30 days" or "10,000",
    /// and an x axis with one line of labels and a title.
    pub const STANDARD: Margins = Margins {
        left: 84,
        right: 28,
        top: 12,
        bottom: 56,
    };
}

/// The plot area of a drawing.
pub struct Plot<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// Where the plot area is and what its axes span.
    pub frame: ChartFrame,
}

impl<'a, DB: DrawingBackend> Plot<'a, DB> {
    /// The plot area of `area` inside `margins`, spanning `x` and `y`.
    pub fn new(area: &'a DrawingArea<DB, Shift>, margins: Margins, x: Axis, y: Axis) -> Self {
        let (width, height) = area.dim_in_pixel();
        let right = (width as i32 - margins.right).max(margins.left + 2);
        let bottom = (height as i32 - margins.bottom).max(margins.top + 2);
        Plot {
            area,
            frame: ChartFrame::from_pixel_range(margins.left..right, margins.top..bottom, x, y),
        }
    }

    /// The pixel of a data point, kept within the plot area.
    pub fn pixel(&self, (x, y): (f64, f64)) -> (i32, i32) {
        let f = &self.frame;
        (
            (f.x_pixel(x).round() as i32).clamp(f.left, f.right - 1),
            (f.y_pixel(y).round() as i32).clamp(f.top, f.bottom - 1),
        )
    }

    /// A polyline through `points`.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn line(
        &self,
        points: impl IntoIterator<Item = (f64, f64)>,
        style: ShapeStyle,
    ) -> Result<(), DrawError> {
        let pixels: Vec<(i32, i32)> = points.into_iter().map(|p| self.pixel(p)).collect();
        self.area.draw(&PathElement::new(pixels, style))?;
        Ok(())
    }

    /// A polyline through `points`, dashed: `dash` pixels drawn, `gap` pixels skipped.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn dashed(
        &self,
        points: impl IntoIterator<Item = (f64, f64)>,
        dash: f64,
        gap: f64,
        style: ShapeStyle,
    ) -> Result<(), DrawError> {
        let pixels: Vec<(f64, f64)> = points
            .into_iter()
            .map(|p| {
                let (x, y) = self.pixel(p);
                (f64::from(x), f64::from(y))
            })
            .collect();
        // Position along the dash pattern, in pixels from the start of the current dash.
        let mut phase = 0.0;
        for pair in pixels.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let length = (x1 - x0).hypot(y1 - y0);
            let mut along = 0.0;
            while along < length {
                let drawing = phase < dash;
                let room = if drawing { dash - phase } else { dash + gap - phase };
                let step = room.min(length - along);
                if drawing {
                    let at = |d: f64| {
                        let t = d / length;
                        (
                            (x0 + t * (x1 - x0)).round() as i32,
                            (y0 + t * (y1 - y0)).round() as i32,
                        )
                    };
                    self.area
                        .draw(&PathElement::new(vec![at(along), at(along + step)], style))?;
                }
                along += step;
                // `step` never passes the end of the pattern, so this is `% (dash + gap)`
                // without the float remainder's code in the download.
                phase += step;
                if phase >= dash + gap {
                    phase -= dash + gap;
                }
            }
        }
        Ok(())
    }

    /// A rectangle between two corners.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn rect(&self, a: (f64, f64), b: (f64, f64), style: ShapeStyle) -> Result<(), DrawError> {
        self.area
            .draw(&Rectangle::new([self.pixel(a), self.pixel(b)], style))?;
        Ok(())
    }

    /// A circle of `radius` pixels.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn circle(&self, center: (f64, f64), radius: i32, style: ShapeStyle) -> Result<(), DrawError> {
        self.area.draw(&Circle::new(self.pixel(center), radius, style))?;
        Ok(())
    }

    /// Text anchored at a data point, moved by `offset` pixels.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn text(
        &self,
        text: &str,
        at: (f64, f64),
        offset: (i32, i32),
        style: &TextStyle,
    ) -> Result<(), DrawError> {
        let (x, y) = self.pixel(at);
        self.area
            .draw(&Text::new(text, (x + offset.0, y + offset.1), style.clone()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plot_area_sits_inside_its_margins() {
        let mut out = String::new();
        let area = plotters::backend::SVGBackend::with_string(&mut out, (720, 360)).into_drawing_area();
        let axis = Axis {
            min: 0.0,
            max: 10.0,
            log: false,
        };
        let margins = Margins {
            left: 84,
            right: 28,
            top: 12,
            bottom: 56,
        };
        let plot = Plot::new(&area, margins, axis, axis);
        assert_eq!(
            (
                plot.frame.left,
                plot.frame.right,
                plot.frame.top,
                plot.frame.bottom
            ),
            (84, 692, 12, 304)
        );
        assert_eq!(plot.pixel((0.0, 0.0)), (84, 303));
        assert_eq!(plot.pixel((10.0, 10.0)), (691, 12));
        // Outside the axes, points stay on the plot area's edge.
        assert_eq!(plot.pixel((-5.0, 20.0)), (84, 12));
    }
}
