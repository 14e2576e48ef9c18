//! A chart's plot area: draws in data coordinates by mapping them to pixels through the
//! chart's [`ChartFrame`], the same mapping the pointer is read back through.
//!
//! The charts draw through this rather than plotters' `ChartBuilder` and series: every
//! coordinate system and series type plotters instantiates costs the download code,
//! and these few primitives are all the charts use.

use super::{Axis, ChartFrame, DrawError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::RefCell;

/// A box in the drawing's pixels: left, top, right, bottom.
pub type PixelBox = (f64, f64, f64, f64);

/// A straight piece of a drawn series, in the drawing's pixels.
type Segment = ((f64, f64), (f64, f64));

/// The box text of `style` covers at `(x, y)`: 0.6 em per character (wider than a
/// sans-serif average, so the estimate errs on the side of room), 1 em high, placed by
/// the style's anchor. Text is not measured (see [`crate::backend`]).
pub fn text_box(text: &str, (x, y): (i32, i32), style: &TextStyle) -> PixelBox {
    let size = style.font.get_size();
    let width = 0.6 * size * text.chars().count() as f64;
    let (x, y) = (f64::from(x), f64::from(y));
    let Pos { h_pos, v_pos } = style.pos;
    let left = match h_pos {
        HPos::Left => x,
        HPos::Center => x - width / 2.0,
        HPos::Right => x - width,
    };
    let top = match v_pos {
        VPos::Top => y,
        VPos::Center => y - size / 2.0,
        VPos::Bottom => y - size,
    };
    (left, top, left + width, top + size)
}

/// Whether the segment passes through the inside of `area` (Liang–Barsky clipping).
fn crosses(((x0, y0), (x1, y1)): Segment, (left, top, right, bottom): PixelBox) -> bool {
    let (dx, dy) = (x1 - x0, y1 - y0);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, x0 - left),
        (dx, right - x0),
        (-dy, y0 - top),
        (dy, bottom - y0),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    t0 <= t1
}

/// Whether two boxes overlap.
fn overlaps(a: PixelBox, b: PixelBox) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Where a label may go: next to a data point, moved by an offset in pixels, anchored
/// by `pos`.
#[derive(Clone, Copy)]
pub struct Spot {
    /// The data point.
    pub at: (f64, f64),
    /// Pixels right and down from it.
    pub offset: (i32, i32),
    /// Which point of the text's box sits there.
    pub pos: Pos,
}

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
    /// and an x axis with one line of labels and a title; the legend adds its rows
    /// above ([`crate::legend::above`]).
    pub const STANDARD: Margins = Margins {
        left: 84,
        right: 28,
        top: 8,
        bottom: 56,
    };
}

/// The plot area of a drawing.
pub struct Plot<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// Where the plot area is and what its axes span.
    pub frame: ChartFrame,
    /// What labels must not cover: every series drawn so far, and the labels placed.
    drawn: RefCell<Vec<Segment>>,
    labels: RefCell<Vec<PixelBox>>,
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
            drawn: RefCell::new(Vec::new()),
            labels: RefCell::new(Vec::new()),
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
        self.record(&pixels);
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
        self.drawn
            .borrow_mut()
            .extend(pixels.windows(2).map(|w| (w[0], w[1])));
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
        let (x, y) = self.pixel(center);
        let r = f64::from(radius);
        let (x, y) = (f64::from(x), f64::from(y));
        self.drawn.borrow_mut().push(((x - r, y), (x + r, y)));
        self.drawn.borrow_mut().push(((x, y - r), (x, y + r)));
        self.area.draw(&Circle::new(self.pixel(center), radius, style))?;
        Ok(())
    }

    /// Keeps the segments of a drawn polyline for [`Plot::label`] to avoid.
    fn record(&self, pixels: &[(i32, i32)]) {
        self.drawn.borrow_mut().extend(pixels.windows(2).map(|w| {
            (
                (f64::from(w[0].0), f64::from(w[0].1)),
                (f64::from(w[1].0), f64::from(w[1].1)),
            )
        }));
    }

    /// Whether `area` lies in the plot area, clear of every series drawn and every label
    /// placed so far.
    fn free(&self, area: PixelBox) -> bool {
        let f = &self.frame;
        let inside = area.0 >= f64::from(f.left)
            && area.2 <= f64::from(f.right)
            && area.1 >= f64::from(f.top)
            && area.3 <= f64::from(f.bottom);
        inside
            && !self.drawn.borrow().iter().any(|s| crosses(*s, area))
            && !self.labels.borrow().iter().any(|l| overlaps(*l, area))
    }

    /// Draws the first of `texts` (the longest first, then shorter forms) at the first
    /// of `spots` where it covers no series drawn so far and no other label (draw the
    /// series first); where none is free, the first text at the first spot. Returns
    /// whether a free spot was found.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn label(&self, texts: &[&str], spots: &[Spot], style: &TextStyle) -> Result<bool, DrawError> {
        let placed = |text: &str, spot: &Spot| {
            let (x, y) = self.pixel(spot.at);
            let at = (x + spot.offset.0, y + spot.offset.1);
            let style = style.clone().pos(spot.pos);
            (at, text_box(text, at, &style), style)
        };
        let free = texts.iter().find_map(|&text| {
            spots
                .iter()
                .map(|spot| (text, placed(text, spot)))
                .find(|(_, (_, area, _))| self.free(*area))
        });
        let found = free.is_some();
        let fallback = || Some((*texts.first()?, placed(texts.first()?, spots.first()?)));
        let Some((text, (at, area, style))) = free.or_else(fallback) else {
            return Ok(false);
        };
        self.labels.borrow_mut().push(area);
        self.area.draw(&Text::new(text, at, style))?;
        Ok(found)
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

    #[test]
    fn a_label_goes_where_it_covers_no_line() {
        let mut out = String::new();
        {
            let area = plotters::backend::SVGBackend::with_string(&mut out, (720, 360)).into_drawing_area();
            let axis = Axis {
                min: 0.0,
                max: 10.0,
                log: false,
            };
            let plot = Plot::new(&area, Margins::STANDARD, axis, axis);
            // A line through the first spot, none through the second.
            plot.line([(0.0, 5.0), (10.0, 5.0)], BLACK.stroke_width(1))
                .unwrap();
            let style = TextStyle::from(("sans-serif", 13).into_font());
            let spot = |y: f64| Spot {
                at: (1.0, y),
                offset: (0, 0),
                pos: Pos::new(HPos::Left, VPos::Center),
            };
            assert!(plot.label(&["label"], &[spot(5.0), spot(8.0)], &style).unwrap());
            // Nothing free: the first spot, said so.
            assert!(!plot.label(&["label"], &[spot(8.0)], &style).unwrap());
        }
        assert!(out.contains("label"));
    }
}
