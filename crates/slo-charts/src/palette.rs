//! Colours for charts, in a light and a dark theme. Series take the Okabe–Ito palette,
//! distinguishable with the common forms of colour blindness (Okabe & Ito, "Color
//! Universal Design", 2008); the dark theme lightens the two hues too dark to read on a
//! dark background (blue and vermillion) and keeps their order, so a series has the same
//! hue in both.

use plotters::style::RGBColor;

/// The colours a chart is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Series colours in order of use.
    pub series: [RGBColor; 6],
    /// Axis text and the user's own input markers.
    pub ink: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The background.
    pub paper: RGBColor,
}

impl Theme {
    /// Dark lines on white: the page's light scheme, print and SVG downloads.
    pub const LIGHT: Theme = Theme {
        series: [
            RGBColor(0, 114, 178),   // blue
            RGBColor(230, 159, 0),   // orange
            RGBColor(0, 158, 115),   // bluish green
            RGBColor(204, 121, 167), // reddish purple
            RGBColor(86, 180, 233),  // sky blue
            RGBColor(213, 94, 0),    // vermillion
        ],
        ink: RGBColor(33, 37, 41),
        grid: RGBColor(222, 226, 230),
        paper: RGBColor(255, 255, 255),
    };

    /// Light lines on the page's dark card colour (`--paper` of the dark scheme).
    pub const DARK: Theme = Theme {
        series: [
            RGBColor(86, 160, 230),  // blue, lightened
            RGBColor(230, 159, 0),   // orange
            RGBColor(0, 178, 130),   // bluish green, lightened
            RGBColor(214, 137, 180), // reddish purple, lightened
            RGBColor(125, 200, 240), // sky blue, lightened
            RGBColor(240, 120, 40),  // vermillion, lightened
        ],
        ink: RGBColor(233, 236, 239),
        grid: RGBColor(58, 64, 71),
        paper: RGBColor(30, 34, 38),
    };

    /// Series colour `hue`, wrapping around the palette.
    pub fn hue(&self, hue: usize) -> RGBColor {
        self.series[hue % self.series.len()]
    }
}

/// WCAG 2's contrast ratio between two colours, from 1 to 21.
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let luminance = |RGBColor(r, g, b): RGBColor| {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_and_text_stands_out_from_its_background_in_both_themes() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            // WCAG 2.1: text 4.5:1; graphics that carry meaning 3:1 (1.4.11), which
            // the light theme's orange, bluish green and sky blue do not reach on white:
            // they are drawn 2 px wide or more and with the legend's label.
            assert!(contrast(theme.ink, theme.paper) >= 4.5, "{theme:?}");
            let dark = theme == Theme::DARK;
            for c in theme.series {
                let ratio = contrast(c, theme.paper);
                assert!(
                    ratio >= if dark { 4.5 } else { 2.0 },
                    "{c:?} on {:?}: {ratio}",
                    theme.paper
                );
            }
            assert!(
                contrast(theme.grid, theme.paper) < 2.0,
                "the grid stays in the background"
            );
        }
    }
}
