//! Chart legends, drawn above the plot area.
//!
//! Drawn here rather than with plotters' series labels, whose default font is named by
//! a string that pulls the Unicode case tables into the wasm download.

use super::palette::Theme;
use super::plot::Margins;
use super::DrawError;
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

/// The chart's text style: 13 px sans-serif in the theme's ink.
pub fn text_style(theme: &Theme) -> TextStyle<'static> {
    (FontFamily::SansSerif, 13).into_font().color(&theme.ink)
}

/// Pixels a row of the legend takes.
const ROW: i32 = 18;

/// How wide an entry is: its mark (26 px), a gap, its label at 0.6 em a character (as
/// [`crate::plot::text_box`] estimates), and room before the next.
fn entry_width(label: &str) -> i32 {
    32 + (0.6 * 13.0 * label.chars().count() as f64).ceil() as i32 + 16
}

/// The rows `entries` take across `width` pixels: each row's entries, left to right.
fn rows(entries: &[(Mark, String)], width: i32) -> Vec<Vec<(i32, &(Mark, String))>> {
    let mut rows: Vec<Vec<(i32, &(Mark, String))>> = Vec::new();
    let mut x = 0;
    for entry in entries {
        let w = entry_width(&entry.1);
        if x > 0 && x + w > width {
            x = 0;
        }
        if x == 0 {
            rows.push(Vec::new());
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, entry));
        }
        x += w;
    }
    rows
}

/// Draws `entries` (mark, label) above the plot area, in rows across its width, and
/// returns the margins with room made for them at the top: a legend outside the plot
/// covers no data.
///
/// # Errors
/// When the backend fails.
pub fn above<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    margins: Margins,
    entries: &[(Mark, String)],
    theme: &Theme,
) -> Result<Margins, DrawError> {
    let (width, _) = area.dim_in_pixel();
    let left = margins.left;
    let rows = rows(entries, width as i32 - margins.right - left);
    let label = text_style(theme).pos(Pos::new(HPos::Left, VPos::Center));
    for (r, row) in rows.iter().enumerate() {
        let y = margins.top + ROW / 2 + ROW * r as i32;
        for &(x, (mark, text)) in row {
            let (x0, x1) = (left + x, left + x + 26);
            draw_mark(area, *mark, (x0, x1), y)?;
            area.draw(&Text::new(text.as_str(), (x1 + 6, y), label.clone()))?;
        }
    }
    Ok(Margins {
        top: margins.top + ROW * rows.len() as i32 + 6,
        ..margins
    })
}

/// An entry's mark between `x0` and `x1` on row `y`.
fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mark: Mark,
    (x0, x1): (i32, i32),
    y: i32,
) -> Result<(), DrawError> {
    match mark {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_flow_into_rows_that_fit_the_width() {
        let line = Mark::Dot(Theme::LIGHT.ink);
        let entries: Vec<(Mark, String)> = ["a".repeat(20), "b".repeat(20), "c".repeat(20)]
            .into_iter()
            .map(|l| (line, l))
            .collect();
        // Each entry is 32 + 156 + 16 = 204 px wide.
        assert_eq!(rows(&entries, 700).len(), 1);
        assert_eq!(rows(&entries, 420).len(), 2);
        assert_eq!(rows(&entries, 100).len(), 3);
        assert_eq!(rows(&entries, 420)[1][0].0, 0);
    }
}
