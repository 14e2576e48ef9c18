//! Chart legends, drawn in a lower corner of the plot area.
//!
//! Drawn here rather than with plotters' series labels, whose default font is named by
//! a string that pulls the Unicode case tables into the wasm download.

use super::palette::{GRID, INK, PAPER};
use super::{ChartFrame, DrawError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontFamily;

/// How an entry is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A line of this colour and width, dashed or solid.
    Line {
        /// Its colour.
        color: RGBColor,
        /// Its width in pixels.
        width: u32,
        /// Whether it is dashed.
        dashed: bool,
    },
    /// A filled dot.
    Dot(RGBColor),
}

/// The chart's text style: 13 px sans-serif in ink.
pub fn text_style() -> TextStyle<'static> {
    (FontFamily::SansSerif, 13).into_font().color(&INK)
}

/// Which lower corner of the plot area a legend goes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// Lower left.
    Left,
    /// Lower right.
    Right,
}

/// Draws `entries` (mark, label) in a box in a lower corner of the plot area.
///
/// # Errors
/// When the backend fails.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &ChartFrame,
    entries: &[(Mark, String)],
    corner: Corner,
) -> Result<(), DrawError> {
    const ROW: i32 = 16;
    let widest = entries.iter().map(|(_, l)| l.chars().count()).max().unwrap_or(0) as i32;
    let width = 36 + widest * 7;
    let left = match corner {
        Corner::Left => frame.left + 8,
        Corner::Right => frame.right - 8 - width,
    };
    let bottom = frame.bottom - 8;
    let top = bottom - ROW * entries.len() as i32 - 8;
    let right = left + width;
    area.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        PAPER.mix(0.9).filled(),
    ))?;
    area.draw(&Rectangle::new([(left, top), (right, bottom)], GRID))?;
    let label = text_style().pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (mark, text)) in entries.iter().enumerate() {
        let y = top + 4 + ROW / 2 + ROW * i as i32;
        let (x0, x1) = (left + 8, left + 26);
        match *mark {
            Mark::Line {
                color,
                width,
                dashed: false,
            } => {
                area.draw(&PathElement::new(
                    vec![(x0, y), (x1, y)],
                    color.stroke_width(width),
                ))?;
            }
            Mark::Line {
                color,
                width,
                dashed: true,
            } => {
                for x in (x0..x1).step_by(8) {
                    area.draw(&PathElement::new(
                        vec![(x, y), ((x + 5).min(x1), y)],
                        color.stroke_width(width),
                    ))?;
                }
            }
            Mark::Dot(color) => area.draw(&Circle::new(((x0 + x1) / 2, y), 4, color.filled()))?,
        }
        area.draw(&Text::new(text.as_str(), (left + 32, y), label.clone()))?;
    }
    Ok(())
}
