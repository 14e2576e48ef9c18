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
    /// The context's state as last set, so that each setting reaches the canvas only
    /// when it changes: setting a font makes the canvas resolve it against the page's
    /// styles, about 0.75 ms of a tier edit's 10 on the Alerts page when set for every
    /// label.
    state: State,
}

/// A colour as compared: its red, green and blue, and its alpha's bits.
type Paint = ((u8, u8, u8), u64);

fn paint(c: BackendColor) -> Paint {
    (c.rgb, c.alpha.to_bits())
}

/// What the canvas context was last given (`None` or empty: not known, set it).
#[derive(Default)]
struct State {
    fill: Option<Paint>,
    stroke: Option<(Paint, u32)>,
    font: String,
    baseline: &'static str,
    align: &'static str,
}

impl CanvasSurface {
    /// The canvas's 2D context, drawing a chart of `size` (its own pixels) with each of
    /// them `scale` pixels of the canvas's backing store, which is sized to match: a
    /// scale of the CSS width over the chart's width times the device pixel ratio keeps
    /// every line and letter sharp on any screen.
    ///
    /// The backing store is sized only when its size changes (sizing it again makes the
    /// page lay out the canvas and allocates a new one, 0.8 ms of a tier edit on the
    /// Alerts page); otherwise the canvas is cleared, which leaves it as new to the
    /// drawing: every setting the surface uses is set again on first use.
    pub fn new(canvas: &HtmlCanvasElement, size: (u32, u32), scale: f64) -> Option<Self> {
        let width = (f64::from(size.0) * scale).round() as u32;
        let height = (f64::from(size.1) * scale).round() as u32;
        if (canvas.width(), canvas.height()) != (width, height) {
            canvas.set_width(width);
            canvas.set_height(height);
        }
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok()?;
        context.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
        context.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok()?;
        Some(CanvasSurface {
            size,
            context,
            state: State::default(),
        })
    }

    fn stroke_style(&mut self, style: &Stroke) {
        let stroke = (paint(style.color()), style.stroke_width());
        if self.state.stroke != Some(stroke) {
            self.context.set_stroke_style_str(&css(style.color()));
            self.context.set_line_width(f64::from(stroke.1));
            self.state.stroke = Some(stroke);
        }
    }

    fn fill_style(&mut self, color: BackendColor) {
        if self.state.fill != Some(paint(color)) {
            self.context.set_fill_style_str(&css(color));
            self.state.fill = Some(paint(color));
        }
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
            self.fill_style(c);
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
                self.fill_style(style.color());
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
                self.fill_style(style.color());
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
            self.fill_style(style.color());
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
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.state.baseline != baseline {
            self.context.set_text_baseline(baseline);
            self.state.baseline = baseline;
        }
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.state.align != align {
            self.context.set_text_align(align);
            self.state.align = align;
        }
        self.fill_style(c);
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        if self.state.font != font {
            self.context.set_font(&font);
            self.state.font = font;
        }
        let _ = self.context.fill_text(text, x, y);
        if turns != 0.0 {
            // Restoring undoes what was set since the save: set it again next time.
            self.context.restore();
            self.state = State::default();
        }
        Ok(())
    }
}
