//! Charts on a `<canvas>`: the screen's drawing surface. Draws what plotters' canvas
//! backend draws (lines on half pixels so one-pixel rules stay sharp, text anchored by
//! the canvas itself).

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, FontTransform};
use slo_charts::backend::{Lettering, Outcome, Stroke, Surface};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas being drawn on.
pub struct CanvasSurface {
    size: (u32, u32),
    context: CanvasRenderingContext2d,
}

impl CanvasSurface {
    /// The canvas's 2D context, drawing a chart of `size` (its own pixels) with each of
    /// them `scale` pixels of the canvas's backing store, which is sized to match: a
    /// scale of the CSS width over the chart's width times the device pixel ratio keeps
    /// every line and letter sharp on any screen.
    pub fn new(canvas: &HtmlCanvasElement, size: (u32, u32), scale: f64) -> Option<Self> {
        canvas.set_width((f64::from(size.0) * scale).round() as u32);
        canvas.set_height((f64::from(size.1) * scale).round() as u32);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok()?;
        Some(CanvasSurface { size, context })
    }

    fn stroke_style(&self, style: &Stroke) {
        self.context.set_stroke_style_str(&css(style.color()));
        self.context.set_line_width(f64::from(style.stroke_width()));
    }

    fn trace(&self, points: &[BackendCoord]) {
        self.context.begin_path();
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                self.context.move_to(f64::from(*x), f64::from(*y));
            } else {
                self.context.line_to(f64::from(*x), f64::from(*y));
            }
        }
    }
}

fn css(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", c.alpha)
}

impl Surface for CanvasSurface {
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn pixel(&mut self, at: BackendCoord, c: BackendColor) -> Outcome {
        if c.alpha != 0.0 {
            self.context.set_fill_style_str(&css(c));
            self.context.fill_rect(f64::from(at.0), f64::from(at.1), 1.0, 1.0);
        }
        Ok(())
    }
    fn line(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke) -> Outcome {
        if style.color().alpha != 0.0 {
            // A vertical or horizontal line on the half pixel covers one pixel, not two.
            let (mut a, mut b) = (
                (f64::from(from.0), f64::from(from.1)),
                (f64::from(to.0), f64::from(to.1)),
            );
            if a.0 == b.0 {
                a.0 -= 0.5;
                b.0 -= 0.5;
            }
            if a.1 == b.1 {
                a.1 -= 0.5;
                b.1 -= 0.5;
            }
            self.stroke_style(style);
            self.context.begin_path();
            self.context.move_to(a.0, a.1);
            self.context.line_to(b.0, b.1);
            self.context.stroke();
        }
        Ok(())
    }
    fn rect(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke, fill: bool) -> Outcome {
        if style.color().alpha != 0.0 {
            let (x, y, w, h) = (
                f64::from(from.0),
                f64::from(from.1),
                f64::from(to.0 - from.0),
                f64::from(to.1 - from.1),
            );
            if fill {
                self.context.set_fill_style_str(&css(style.color()));
                self.context.fill_rect(x, y, w, h);
            } else {
                self.stroke_style(style);
                self.context.stroke_rect(x, y, w, h);
            }
        }
        Ok(())
    }
    fn path(&mut self, points: &[BackendCoord], style: &Stroke) -> Outcome {
        if style.color().alpha != 0.0 {
            self.stroke_style(style);
            self.trace(points);
            self.context.stroke();
        }
        Ok(())
    }
    fn circle(&mut self, center: BackendCoord, radius: u32, style: &Stroke, fill: bool) -> Outcome {
        if style.color().alpha != 0.0 {
            if fill {
                self.context.set_fill_style_str(&css(style.color()));
            } else {
                self.stroke_style(style);
            }
            self.context.begin_path();
            let _ = self.context.arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            );
            if fill {
                self.context.fill();
            } else {
                self.context.stroke();
            }
        }
        Ok(())
    }
    fn polygon(&mut self, points: &[BackendCoord], style: &Stroke) -> Outcome {
        if style.color().alpha != 0.0 {
            self.context.set_fill_style_str(&css(style.color()));
            self.trace(points);
            self.context.close_path();
            self.context.fill();
        }
        Ok(())
    }
    fn text(&mut self, text: &str, style: &Lettering, at: BackendCoord) -> Outcome {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        };
        let (mut x, mut y) = (f64::from(at.0), f64::from(at.1));
        if turns != 0.0 {
            self.context.save();
            let _ = self.context.translate(x, y);
            let _ = self.context.rotate(turns * std::f64::consts::TAU);
            (x, y) = (0.0, 0.0);
        }
        let anchor = style.anchor();
        self.context.set_text_baseline(match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.context.set_text_align(match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.context.set_fill_style_str(&css(c));
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let _ = self.context.fill_text(text, x, y);
        if turns != 0.0 {
            self.context.restore();
        }
        Ok(())
    }
}
