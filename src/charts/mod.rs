//! Charts as functions generic over plotters' `DrawingBackend`.
//!
//! The same function draws to the canvas on screen (plotters-canvas) and to SVG
//! natively, so charts are tested without a browser and downloadable as SVG. Each
//! drawing returns a [`ChartFrame`]: the plot area's pixels and axis ranges, which the
//! UI uses to map the pointer back to values (hover readouts, dragging a marker).

pub mod downtime_vs_nines;
mod frame;
pub mod palette;

pub use frame::{Axis, ChartFrame};

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend, IntoDrawingArea, SVGBackend};
use std::fmt;

/// A chart could not be drawn (the backend failed, e.g. a canvas went away).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawError(pub String);

impl fmt::Display for DrawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the chart could not be drawn: {}", self.0)
    }
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        DrawError(error.to_string())
    }
}

/// A chart: data that can draw itself on any backend.
pub trait Chart {
    /// Draws the chart over the whole `area`.
    ///
    /// # Errors
    /// When the backend fails.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<ChartFrame, DrawError>;

    /// A text alternative for screen readers: what the chart shows, in a few sentences.
    fn summary(&self) -> String;
}

/// Renders `chart` as a standalone SVG document of `width` × `height` pixels.
///
/// # Errors
/// When drawing fails.
pub fn to_svg(chart: &impl Chart, width: u32, height: u32) -> Result<String, DrawError> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        chart.draw(&area)?;
        area.present()?;
    }
    Ok(svg)
}
