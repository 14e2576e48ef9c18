//! One backend type for every chart: [`DynBackend`] draws on any [`Surface`] through a
//! trait object, and [`Plotters`] makes any plotters `DrawingBackend` (its SVG backend,
//! for downloads and tests) such a surface.
//!
//! Chart functions stay generic over `DrawingBackend`, but the app instantiates each
//! only once, for `DynBackend`, instead of once per real backend (the canvas on
//! screen, plotters' SVG backend for downloads).

use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};
use std::fmt;

/// A failure of the backend behind a [`DynBackend`], as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynError(String);

impl fmt::Display for DynError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DynError {}

/// What drawing one element gives.
pub type Outcome = Result<(), DrawingErrorKind<DynError>>;

/// A line or fill style, owned.
#[derive(Clone, Copy)]
pub struct Stroke {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }

    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn stroke<S: BackendStyle>(style: &S) -> Stroke {
    Stroke {
        color: style.color(),
        width: style.stroke_width(),
    }
}

/// A text style, owned.
///
/// Text is never measured: both backends anchor text themselves (canvas `textAlign`,
/// SVG `text-anchor`). Measuring it, as plotters does in the browser, adds a `<span>`
/// to the page and reads its size, forcing a layout of the whole page for every label:
/// that took 40 % of a chart redraw on the Alerts page.
#[derive(Clone)]
pub struct Lettering {
    family: String,
    size: f64,
    color: BackendColor,
    transform: FontTransform,
    style: FontStyle,
    anchor: Pos,
}

impl BackendTextStyle for Lettering {
    type FontError = DynError;

    fn color(&self) -> BackendColor {
        self.color
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }

    fn style(&self) -> FontStyle {
        self.style
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(&self.family)
    }

    /// A rough box (0.6 em per character, 1 em high), never measured; nothing the
    /// charts draw depends on it.
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), DynError> {
        let width = 0.6 * self.size * text.chars().count() as f64;
        Ok(((0, 0), (width.round() as i32, self.size.round() as i32)))
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, DynError> {
        Err(DynError("rasterised text is not supported".to_owned()))
    }
}

/// The object-safe part of `DrawingBackend` that charts use.
pub trait Surface {
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32);
    /// Prepares for drawing (nothing to do, unless a surface says otherwise).
    fn prepare(&mut self) -> Outcome {
        Ok(())
    }
    /// Finishes drawing (nothing to do, unless a surface says otherwise).
    fn finish(&mut self) -> Outcome {
        Ok(())
    }
    /// One pixel.
    fn pixel(&mut self, at: BackendCoord, color: BackendColor) -> Outcome;
    /// A straight line.
    fn line(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke) -> Outcome;
    /// A rectangle.
    fn rect(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke, fill: bool) -> Outcome;
    /// A polyline.
    fn path(&mut self, points: &[BackendCoord], style: &Stroke) -> Outcome;
    /// A circle.
    fn circle(&mut self, center: BackendCoord, radius: u32, style: &Stroke, fill: bool) -> Outcome;
    /// A filled polygon.
    fn polygon(&mut self, points: &[BackendCoord], style: &Stroke) -> Outcome;
    /// A text.
    fn text(&mut self, text: &str, style: &Lettering, at: BackendCoord) -> Outcome;
}

/// A plotters `DrawingBackend` as a [`Surface`].
pub struct Plotters<B>(pub B);

fn forwarded<E: std::error::Error + Send + Sync>(result: Result<(), DrawingErrorKind<E>>) -> Outcome {
    result.map_err(|error| match error {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(DynError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

impl<B: DrawingBackend> Surface for Plotters<B> {
    fn size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn prepare(&mut self) -> Outcome {
        forwarded(self.0.ensure_prepared())
    }
    fn finish(&mut self) -> Outcome {
        forwarded(self.0.present())
    }
    fn pixel(&mut self, at: BackendCoord, color: BackendColor) -> Outcome {
        forwarded(self.0.draw_pixel(at, color))
    }
    fn line(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke) -> Outcome {
        forwarded(self.0.draw_line(from, to, style))
    }
    fn rect(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke, fill: bool) -> Outcome {
        forwarded(self.0.draw_rect(from, to, style, fill))
    }
    fn path(&mut self, points: &[BackendCoord], style: &Stroke) -> Outcome {
        forwarded(self.0.draw_path(points.iter().copied(), style))
    }
    fn circle(&mut self, center: BackendCoord, radius: u32, style: &Stroke, fill: bool) -> Outcome {
        forwarded(self.0.draw_circle(center, radius, style, fill))
    }
    fn polygon(&mut self, points: &[BackendCoord], style: &Stroke) -> Outcome {
        forwarded(self.0.fill_polygon(points.iter().copied(), style))
    }
    fn text(&mut self, text: &str, style: &Lettering, at: BackendCoord) -> Outcome {
        forwarded(self.0.draw_text(text, style, at))
    }
}

/// A `DrawingBackend` that draws on any [`Surface`].
pub struct DynBackend<'a> {
    surface: &'a mut dyn Surface,
}

impl<'a> DynBackend<'a> {
    /// Draws on `surface`.
    pub fn new(surface: &'a mut dyn Surface) -> Self {
        DynBackend { surface }
    }
}

impl DrawingBackend for DynBackend<'_> {
    type ErrorType = DynError;

    fn get_size(&self) -> (u32, u32) {
        self.surface.size()
    }
    fn ensure_prepared(&mut self) -> Outcome {
        self.surface.prepare()
    }
    fn present(&mut self) -> Outcome {
        self.surface.finish()
    }
    fn draw_pixel(&mut self, at: BackendCoord, color: BackendColor) -> Outcome {
        self.surface.pixel(at, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Outcome {
        self.surface.line(from, to, &stroke(style))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Outcome {
        self.surface.rect(from, to, &stroke(style), fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Outcome {
        let points: Vec<_> = path.into_iter().collect();
        self.surface.path(&points, &stroke(style))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Outcome {
        self.surface.circle(center, radius, &stroke(style), fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Outcome {
        let points: Vec<_> = vert.into_iter().collect();
        self.surface.polygon(&points, &stroke(style))
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, at: BackendCoord) -> Outcome {
        let lettering = Lettering {
            family: style.family().as_str().to_owned(),
            size: style.size(),
            color: style.color(),
            transform: style.transform(),
            style: style.style(),
            anchor: style.anchor(),
        };
        self.surface.text(text, &lettering, at)
    }
}
