//! Colours for charts: the Okabe–Ito palette, distinguishable with the common forms of
//! colour blindness (Okabe & Ito, "Color Universal Design", 2008).

use plotters::style::RGBColor;

/// Series colours in order of use.
pub const SERIES: [RGBColor; 6] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
];

/// Axis text and the user's own input markers.
pub const INK: RGBColor = RGBColor(33, 37, 41);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(222, 226, 230);
/// Chart background.
pub const PAPER: RGBColor = RGBColor(255, 255, 255);
