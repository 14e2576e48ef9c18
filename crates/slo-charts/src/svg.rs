//! Charts as SVG documents (downloads, and the snapshot tests). Writes what plotters'
//! SVG backend writes, element for element, through the same `Surface` the canvas
//! draws on, so each chart is compiled once for both.

use super::backend::{Lettering, Stroke, Surface};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, FontStyle, FontTransform,
};
use std::fmt::Write;

/// An SVG document being drawn.
pub struct SvgSurface {
    out: String,
    size: (u32, u32),
}

impl SvgSurface {
    /// An empty document of `width` × `height` pixels.
    pub fn new(width: u32, height: u32) -> Self {
        SvgSurface {
            out: format!(
                "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
            ),
            size: (width, height),
        }
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    /// Writes `<tag a="v" …/>` (or, with `text`, the element holding it).
    fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: Option<&str>) {
        let _ = write!(self.out, "<{tag}");
        for (name, value) in attributes {
            let _ = write!(self.out, " {name}=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        match text {
            None => self.out.push_str("/>\n"),
            Some(text) => {
                self.out.push_str(">\n");
                escape_into(&mut self.out, text);
                let _ = write!(self.out, "\n</{tag}>\n");
            }
        }
    }
}

fn color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02X}{g:02X}{b:02X}")
}

fn points(points: &[BackendCoord]) -> String {
    points.iter().fold(String::new(), |mut s, (x, y)| {
        let _ = write!(s, "{x},{y} ");
        s
    })
}

type Outcome = super::backend::Outcome;

impl Surface for SvgSurface {
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn pixel(&mut self, at: BackendCoord, c: BackendColor) -> Outcome {
        if c.alpha != 0.0 {
            let (x, y) = (at.0.to_string(), at.1.to_string());
            let (opacity, fill) = (c.alpha.to_string(), color(c));
            self.element(
                "rect",
                &[
                    ("x", &x),
                    ("y", &y),
                    ("width", "1"),
                    ("height", "1"),
                    ("stroke", "none"),
                    ("opacity", &opacity),
                    ("fill", &fill),
                ],
                None,
            );
        }
        Ok(())
    }
    fn line(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke) -> Outcome {
        let c = style.color();
        if c.alpha != 0.0 {
            let v = [from.0, from.1, to.0, to.1].map(|n| n.to_string());
            let (opacity, stroke, width) = (c.alpha.to_string(), color(c), style.stroke_width().to_string());
            self.element(
                "line",
                &[
                    ("opacity", &opacity),
                    ("stroke", &stroke),
                    ("stroke-width", &width),
                    ("x1", &v[0]),
                    ("y1", &v[1]),
                    ("x2", &v[2]),
                    ("y2", &v[3]),
                ],
                None,
            );
        }
        Ok(())
    }
    fn rect(&mut self, from: BackendCoord, to: BackendCoord, style: &Stroke, fill: bool) -> Outcome {
        let c = style.color();
        if c.alpha != 0.0 {
            let v = [from.0, from.1, to.0 - from.0, to.1 - from.1].map(|n| n.to_string());
            let (opacity, paint) = (c.alpha.to_string(), color(c));
            let (fill, stroke) = if fill {
                (paint.as_str(), "none")
            } else {
                ("none", paint.as_str())
            };
            self.element(
                "rect",
                &[
                    ("x", &v[0]),
                    ("y", &v[1]),
                    ("width", &v[2]),
                    ("height", &v[3]),
                    ("opacity", &opacity),
                    ("fill", fill),
                    ("stroke", stroke),
                ],
                None,
            );
        }
        Ok(())
    }
    fn path(&mut self, at: &[BackendCoord], style: &Stroke) -> Outcome {
        let c = style.color();
        if c.alpha != 0.0 {
            let (opacity, stroke, width) = (c.alpha.to_string(), color(c), style.stroke_width().to_string());
            self.element(
                "polyline",
                &[
                    ("fill", "none"),
                    ("opacity", &opacity),
                    ("stroke", &stroke),
                    ("stroke-width", &width),
                    ("points", &points(at)),
                ],
                None,
            );
        }
        Ok(())
    }
    fn circle(&mut self, center: BackendCoord, radius: u32, style: &Stroke, fill: bool) -> Outcome {
        let c = style.color();
        if c.alpha != 0.0 {
            let v = [center.0.to_string(), center.1.to_string(), radius.to_string()];
            let (opacity, paint, width) = (c.alpha.to_string(), color(c), style.stroke_width().to_string());
            let (stroke, fill) = if fill {
                ("none", paint.as_str())
            } else {
                (paint.as_str(), "none")
            };
            self.element(
                "circle",
                &[
                    ("cx", &v[0]),
                    ("cy", &v[1]),
                    ("r", &v[2]),
                    ("opacity", &opacity),
                    ("fill", fill),
                    ("stroke", stroke),
                    ("stroke-width", &width),
                ],
                None,
            );
        }
        Ok(())
    }
    fn polygon(&mut self, at: &[BackendCoord], style: &Stroke) -> Outcome {
        let c = style.color();
        if c.alpha != 0.0 {
            let (opacity, fill) = (c.alpha.to_string(), color(c));
            self.element(
                "polygon",
                &[("opacity", &opacity), ("fill", &fill), ("points", &points(at))],
                None,
            );
        }
        Ok(())
    }
    fn text(&mut self, text: &str, style: &Lettering, at: BackendCoord) -> Outcome {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let (x, y) = (at.0.to_string(), at.1.to_string());
        let mut attributes = vec![
            ("x", x.clone()),
            ("y", y.clone()),
            (
                "dy",
                match anchor.v_pos {
                    VPos::Top => "0.76em",
                    VPos::Center => "0.5ex",
                    VPos::Bottom => "-0.5ex",
                }
                .to_owned(),
            ),
            (
                "text-anchor",
                match anchor.h_pos {
                    HPos::Left => "start",
                    HPos::Right => "end",
                    HPos::Center => "middle",
                }
                .to_owned(),
            ),
            ("font-family", style.family().as_str().to_owned()),
            ("font-size", (style.size() / 1.24).to_string()),
            ("opacity", c.alpha.to_string()),
            ("fill", color(c)),
        ];
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => attributes.push(("font-weight", "bold".to_owned())),
            other => attributes.push(("font-style", other.as_str().to_owned())),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(d) = degrees {
            attributes.push(("transform", format!("rotate({d}, {x}, {y})")));
        }
        let attributes: Vec<(&str, &str)> = attributes.iter().map(|(a, b)| (*a, b.as_str())).collect();
        self.element("text", &attributes, Some(text));
        Ok(())
    }
}

/// Appends `text` to `out` with the characters XML gives meaning to escaped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
}
