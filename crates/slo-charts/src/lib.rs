//! Charts as functions generic over plotters' `DrawingBackend`.
//!
//! The same function draws to the canvas on screen (plotters-canvas) and to SVG
//! natively, so charts are tested without a browser and downloadable as SVG. Each
//! drawing returns a [`ChartFrame`]: the plot area's pixels and axis ranges, which the
//! UI uses to map the pointer back to values (hover readouts, dragging a marker).
//!
//! Charts know nothing of the plan: a chart is built from chart data (series, marks,
//! labels) and a drag comes back as a chart-level event (which handle moved, to what
//! value). [`Editable`] pairs a chart with the function that turns those events into
//! whatever its caller edits, so the layer that built the chart decides what a drag
//! means.

pub mod backend;
pub mod burn_down;
pub mod detection_time;
pub mod downtime_vs_nines;
mod frame;
pub mod incident_timeline;
pub mod legend;
pub mod lines;
pub mod palette;
mod plot;
pub mod replay_timeline;
mod ticks;

pub use frame::{Axis, ChartFrame};
pub use palette::Theme;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend, IntoDrawingArea};
use std::any::Any;
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
    /// Draws the chart over the whole `area` in the colours of `theme`.
    ///
    /// # Errors
    /// When the backend fails.
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError>;

    /// A text alternative for screen readers: what the chart shows, in a few sentences.
    fn summary(&self) -> String;
}

/// What the pointer is over, as text: a heading and a few lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readout {
    /// The position, e.g. a target or a time.
    pub title: String,
    /// The values there.
    pub lines: Vec<String>,
}

/// A chart that answers the pointer: it reads out the values under it and lets the
/// user drag the inputs it shows (a target, a threshold).
pub trait Interactive: Chart + PartialEq + 'static {
    /// Which input the pointer holds.
    type Grab: Copy + PartialEq + 'static;
    /// What a drag reports: which handle moved, and to what value, in the chart's terms.
    type Moved: 'static;
    /// The file name of the SVG download.
    fn file_name(&self) -> &'static str;

    /// What to show for the pointer at canvas pixel (`px`, `py`), or `None` off the plot.
    fn readout(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout>;

    /// The CSS class for the canvas while `grab` is under the pointer (`grab-x` for
    /// inputs dragged sideways, `grab-y` for up and down).
    fn grab_class(grab: Self::Grab) -> &'static str;

    /// The input under the pointer, if any.
    fn grab(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Self::Grab>;

    /// Where dragging `grab` to (`px`, `py`) moves it, or `None` if it cannot move there.
    fn drag(&self, frame: &ChartFrame, grab: Self::Grab, px: f64, py: f64) -> Option<Self::Moved>;
}

/// An [`Interactive`] chart behind a pointer, so one canvas component serves every
/// chart; a drag comes out as an `E`, the caller's edit. The input held by the pointer
/// travels as `dyn Any`.
pub trait AnyChart<E> {
    /// Draws on the canvas's backend. See [`Chart::draw`].
    ///
    /// # Errors
    /// When the backend fails.
    fn draw_on(
        &self,
        area: &DrawingArea<backend::DynBackend<'_>, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError>;
    /// See [`Chart::summary`].
    fn text_alternative(&self) -> String;
    /// The chart as an SVG document.
    ///
    /// # Errors
    /// When drawing fails.
    fn svg(&self, width: u32, height: u32) -> Result<String, DrawError>;
    /// See [`Interactive::file_name`].
    fn chart_file_name(&self) -> &'static str;
    /// See [`Interactive::readout`].
    fn read(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout>;
    /// See [`Interactive::grab`]: the input under the pointer, and its CSS class.
    fn grab_at(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<(Box<dyn Any>, &'static str)>;
    /// See [`Interactive::drag`], turned into the caller's edit; `grab` is what
    /// [`AnyChart::grab_at`] returned.
    fn drag_to(&self, frame: &ChartFrame, grab: &dyn Any, px: f64, py: f64) -> Option<E>;
}

/// A chart and what its drags mean to the caller: `edit` turns a chart-level
/// [`Interactive::Moved`] into an `E` (or `None` when the move changes nothing).
pub struct Editable<C: Interactive, E> {
    /// The chart.
    pub chart: C,
    edit: Box<dyn Fn(C::Moved) -> Option<E>>,
}

impl<C: Interactive, E> Editable<C, E> {
    /// `chart`, whose drags become edits through `edit`.
    pub fn new(chart: C, edit: impl Fn(C::Moved) -> Option<E> + 'static) -> Self {
        Editable {
            chart,
            edit: Box::new(edit),
        }
    }

    /// The edit a chart-level move makes.
    pub fn edit(&self, moved: C::Moved) -> Option<E> {
        (self.edit)(moved)
    }
}

/// An editable chart reads as its chart.
impl<C: Interactive, E> std::ops::Deref for Editable<C, E> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.chart
    }
}

impl<C: Interactive, E> Chart for Editable<C, E> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        self.chart.draw(area, theme)
    }

    fn summary(&self) -> String {
        self.chart.summary()
    }
}

/// Equal when the charts are: the edit function is derived from the same data.
impl<C: Interactive, E> PartialEq for Editable<C, E> {
    fn eq(&self, other: &Self) -> bool {
        self.chart == other.chart
    }
}

impl<C: Interactive + fmt::Debug, E> fmt::Debug for Editable<C, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Editable")
            .field("chart", &self.chart)
            .finish_non_exhaustive()
    }
}

impl<C: Interactive, E> AnyChart<E> for Editable<C, E> {
    fn draw_on(
        &self,
        area: &DrawingArea<backend::DynBackend<'_>, Shift>,
        theme: &Theme,
    ) -> Result<ChartFrame, DrawError> {
        self.chart.draw(area, theme)
    }

    fn text_alternative(&self) -> String {
        self.chart.summary()
    }

    fn svg(&self, width: u32, height: u32) -> Result<String, DrawError> {
        to_svg(&self.chart, width, height)
    }

    fn chart_file_name(&self) -> &'static str {
        self.chart.file_name()
    }

    fn read(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<Readout> {
        self.chart.readout(frame, px, py)
    }

    fn grab_at(&self, frame: &ChartFrame, px: f64, py: f64) -> Option<(Box<dyn Any>, &'static str)> {
        self.chart
            .grab(frame, px, py)
            .map(|g| (Box::new(g) as Box<dyn Any>, C::grab_class(g)))
    }

    fn drag_to(&self, frame: &ChartFrame, grab: &dyn Any, px: f64, py: f64) -> Option<E> {
        let moved = self.chart.drag(frame, *grab.downcast_ref::<C::Grab>()?, px, py)?;
        self.edit(moved)
    }
}

/// Renders `chart` as a standalone SVG document of `width` × `height` pixels, in the
/// light theme (a download is read on paper and in documents).
///
/// # Errors
/// When drawing fails.
pub fn to_svg(chart: &impl Chart, width: u32, height: u32) -> Result<String, DrawError> {
    to_svg_in(chart, width, height, &Theme::LIGHT)
}

/// [`to_svg`] in the colours of `theme`.
///
/// # Errors
/// When drawing fails.
pub fn to_svg_in(chart: &impl Chart, width: u32, height: u32, theme: &Theme) -> Result<String, DrawError> {
    let mut out = String::new();
    {
        let mut svg = backend::Plotters(plotters::backend::SVGBackend::with_string(
            &mut out,
            (width, height),
        ));
        let area = backend::DynBackend::new(&mut svg).into_drawing_area();
        chart.draw(&area, theme)?;
        area.present()?;
    }
    Ok(out)
}
