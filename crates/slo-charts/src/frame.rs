//! Mapping between a chart's pixels and its values.

use slo_engine::bounds::Bounded;

/// One axis's value range and scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// Value at the left (x) or bottom (y) edge of the plot area.
    pub min: f64,
    /// Value at the right (x) or top (y) edge.
    pub max: f64,
    /// Whether values are spaced logarithmically (both ends must then be positive).
    pub log: bool,
}

impl Axis {
    fn unit_of(self, value: f64) -> f64 {
        if self.log {
            (value.ln() - self.min.ln()) / (self.max.ln() - self.min.ln())
        } else {
            (value - self.min) / (self.max - self.min)
        }
    }

    fn value_at_unit(self, unit: f64) -> f64 {
        if self.log {
            (self.min.ln() + unit * (self.max.ln() - self.min.ln())).exp()
        } else {
            self.min + unit * (self.max - self.min)
        }
    }
}

/// Where a chart's plot area is, in the drawing's pixels, and what its axes span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartFrame {
    /// Left edge of the plot area, pixels from the drawing's left.
    pub left: i32,
    /// Right edge (exclusive).
    pub right: i32,
    /// Top edge, pixels from the drawing's top.
    pub top: i32,
    /// Bottom edge (exclusive).
    pub bottom: i32,
    /// The horizontal axis.
    pub x: Axis,
    /// The vertical axis.
    pub y: Axis,
}

impl ChartFrame {
    /// Builds a frame from plotters' pixel ranges of the plot area.
    pub fn from_pixel_range(
        x_px: std::ops::Range<i32>,
        y_px: std::ops::Range<i32>,
        x: Axis,
        y: Axis,
    ) -> Self {
        ChartFrame {
            left: x_px.start,
            right: x_px.end,
            top: y_px.start,
            bottom: y_px.end,
            x,
            y,
        }
    }

    /// Whether a pixel lies in the plot area.
    pub fn contains(&self, px: f64, py: f64) -> bool {
        px >= f64::from(self.left)
            && px <= f64::from(self.right - 1)
            && py >= f64::from(self.top)
            && py <= f64::from(self.bottom - 1)
    }

    /// The x value under a horizontal pixel position, clamped to the axis.
    pub fn x_value(&self, px: f64) -> f64 {
        let width = f64::from((self.right - 1 - self.left).max(1));
        let unit = ((px - f64::from(self.left)) / width).bounded(0.0, 1.0);
        self.x.value_at_unit(unit)
    }

    /// The y value under a vertical pixel position, clamped to the axis.
    pub fn y_value(&self, py: f64) -> f64 {
        let height = f64::from((self.bottom - 1 - self.top).max(1));
        let unit = ((f64::from(self.bottom - 1) - py) / height).bounded(0.0, 1.0);
        self.y.value_at_unit(unit)
    }

    /// The values under a pixel, or `None` outside the plot area.
    pub fn value_at(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        self.contains(px, py)
            .then(|| (self.x_value(px), self.y_value(py)))
    }

    /// The horizontal pixel position of an x value.
    pub fn x_pixel(&self, x: f64) -> f64 {
        f64::from(self.left) + self.x.unit_of(x) * f64::from(self.right - 1 - self.left)
    }

    /// The vertical pixel position of a y value.
    pub fn y_pixel(&self, y: f64) -> f64 {
        f64::from(self.bottom - 1) - self.y.unit_of(y) * f64::from(self.bottom - 1 - self.top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> ChartFrame {
        ChartFrame::from_pixel_range(
            100..501,
            50..251,
            Axis {
                min: 1.0,
                max: 5.0,
                log: false,
            },
            Axis {
                min: 1.0,
                max: 1e4,
                log: true,
            },
        )
    }

    #[test]
    fn pixels_and_values_map_both_ways() {
        let f = frame();
        assert_eq!(f.x_pixel(1.0), 100.0);
        assert_eq!(f.x_pixel(5.0), 500.0);
        assert!((f.x_value(300.0) - 3.0).abs() < 1e-12);
        assert!((f.y_value(f.y_pixel(100.0)) - 100.0).abs() < 1e-9);
        assert!((f.y_pixel(100.0) - 150.0).abs() < 1e-9);
    }

    #[test]
    fn outside_the_plot_area_is_nothing() {
        let f = frame();
        assert_eq!(f.value_at(99.0, 100.0), None);
        assert_eq!(f.value_at(200.0, 251.0), None);
        assert!(f.value_at(200.0, 100.0).is_some());
        assert_eq!(f.x_value(-1000.0), 1.0);
    }
}
