//! Any interactive chart on a canvas: hover readout with a crosshair, dragging the
//! inputs the chart shows, an SVG download and a text alternative.

use super::browser;
use super::canvas::CanvasSurface;
use plotters::prelude::IntoDrawingArea;
use slo_charts::backend::DynBackend;
use slo_charts::{AnyChart, ChartFrame, Readout, Theme};
use slo_plan::edit::PlanEdit;
use std::any::Any;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The chart's own size, in its pixels, on a wide screen and in the SVG download.
const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;
/// The narrowest a chart is laid out at; on a narrower screen it is scaled down (on a
/// 375-pixel phone, its 13-pixel letters are 9 CSS pixels, drawn in device pixels).
const MIN_WIDTH: u32 = 480;

/// The chart's size in its own pixels for a canvas `css_width` CSS pixels wide, and the
/// canvas pixels per chart pixel at `pixel_ratio` device pixels per CSS pixel. Charts
/// keep their 2:1 shape; a canvas not laid out yet (in a closed disclosure) gets the
/// wide size.
fn layout(css_width: f64, pixel_ratio: f64) -> ((u32, u32), f64) {
    let css_width = if css_width >= 1.0 {
        css_width
    } else {
        f64::from(WIDTH)
    };
    let width = (css_width.round() as u32).clamp(MIN_WIDTH, WIDTH);
    let scale = css_width * pixel_ratio.max(1.0) / f64::from(width);
    ((width, width / 2), scale)
}

/// A chart for [`ChartCanvas`] whose drags make `E`s (edits of the plan, by default);
/// equal when it is the same chart (derived charts are new values whenever what they
/// show changes).
pub struct SharedChart<E = PlanEdit>(pub Rc<dyn AnyChart<E>>);

impl<E> Clone for SharedChart<E> {
    fn clone(&self) -> Self {
        SharedChart(self.0.clone())
    }
}

impl<E> PartialEq for SharedChart<E> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<E, C: AnyChart<E> + 'static> From<Rc<C>> for SharedChart<E> {
    fn from(chart: Rc<C>) -> Self {
        SharedChart(chart)
    }
}

/// Properties of [`ChartCanvas`].
#[derive(Properties)]
pub struct ChartCanvasProps<E: 'static = PlanEdit> {
    /// The chart.
    pub chart: SharedChart<E>,
    /// Applies the edits that dragging makes.
    pub on_edit: Callback<E>,
    /// The figure's test id.
    pub test_id: AttrValue,
    /// What the chart shows and how to use it, under the chart.
    pub caption: AttrValue,
}

impl<E> PartialEq for ChartCanvasProps<E> {
    fn eq(&self, other: &Self) -> bool {
        self.chart == other.chart
            && self.on_edit == other.on_edit
            && self.test_id == other.test_id
            && self.caption == other.caption
    }
}

#[derive(Clone, PartialEq)]
struct Hover {
    /// Pointer position in CSS pixels from the canvas's left edge.
    css_x: f64,
    readout: Readout,
    /// The grab class of the input under the pointer, if any.
    grab_class: Option<&'static str>,
}

/// The pointer in CSS pixels (x) and in the chart's pixels (x, y), for a chart
/// `chart_width` of its pixels wide.
fn canvas_point(canvas: &HtmlCanvasElement, chart_width: u32, event: &PointerEvent) -> (f64, f64, f64) {
    let scale = f64::from(chart_width) / f64::from(canvas.client_width().max(1));
    let css_x = f64::from(event.offset_x());
    (css_x, css_x * scale, f64::from(event.offset_y()) * scale)
}

/// The page's dark colour scheme on screen, as a media query to read and to watch.
fn dark_scheme() -> Option<web_sys::MediaQueryList> {
    gloo::utils::window()
        .match_media("screen and (prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// The charts' colours: the dark theme on a dark screen, the light one otherwise
/// (printing included).
fn theme() -> &'static Theme {
    if dark_scheme().is_some_and(|q| q.matches()) {
        &Theme::DARK
    } else {
        &Theme::LIGHT
    }
}

/// An interactive chart drawn on a canvas; its drags come out as `E`s.
#[function_component]
pub fn ChartCanvas<E: 'static = PlanEdit>(props: &ChartCanvasProps<E>) -> Html {
    let canvas_ref = use_node_ref();
    let frame = use_mut_ref(|| None::<ChartFrame>);
    // The chart's width in its own pixels, as last drawn.
    let chart_width = use_mut_ref(|| WIDTH);
    // Bumped when the window is resized or zoomed, when the colour scheme changes, and
    // around printing: the chart is drawn again to fit, in the colours in force.
    let resized = use_state(|| 0u32);
    {
        let resized = resized.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let bump = move || {
                let resized = resized.clone();
                move |_: &web_sys::Event| resized.set(resized.wrapping_add(1))
            };
            let mut listeners: Vec<gloo::events::EventListener> = ["resize", "beforeprint", "afterprint"]
                .into_iter()
                .map(|event| gloo::events::EventListener::new(&window, event, bump()))
                .collect();
            if let Some(dark) = dark_scheme() {
                listeners.push(gloo::events::EventListener::new(&dark, "change", bump()));
            }
            move || drop(listeners)
        });
    }
    let hover = use_state_eq(|| None::<Hover>);
    // The input being dragged, and its CSS class.
    let dragging = use_mut_ref(|| None::<(Box<dyn Any>, &'static str)>);

    {
        let (canvas_ref, frame, chart_width) = (canvas_ref.clone(), frame.clone(), chart_width.clone());
        use_effect_with((props.chart.clone(), *resized), move |(chart, _)| {
            let drawn = canvas_ref
                .cast::<HtmlCanvasElement>()
                .and_then(|canvas| {
                    let ratio = gloo::utils::window().device_pixel_ratio();
                    let (size, scale) = layout(canvas.get_bounding_client_rect().width(), ratio);
                    *chart_width.borrow_mut() = size.0;
                    CanvasSurface::new(&canvas, size, scale)
                })
                .and_then(|mut canvas| {
                    chart
                        .0
                        .draw_on(&DynBackend::new(&mut canvas).into_drawing_area(), theme())
                        .ok()
                });
            *frame.borrow_mut() = drawn;
        });
    }

    let onpointermove = {
        let (canvas_ref, frame, hover, dragging, chart_width) = (
            canvas_ref.clone(),
            frame.clone(),
            hover.clone(),
            dragging.clone(),
            chart_width.clone(),
        );
        let (chart, on_edit) = (props.chart.0.clone(), props.on_edit.clone());
        Callback::from(move |event: PointerEvent| {
            let (Some(canvas), Some(frame)) = (canvas_ref.cast::<HtmlCanvasElement>(), *frame.borrow())
            else {
                return;
            };
            let (css_x, px, py) = canvas_point(&canvas, *chart_width.borrow(), &event);
            if let Some((grab, _)) = &*dragging.borrow() {
                if let Some(edit) = chart.drag_to(&frame, grab.as_ref(), px, py) {
                    on_edit.emit(edit);
                }
            }
            hover.set(chart.read(&frame, px, py).map(|readout| Hover {
                css_x,
                readout,
                grab_class: chart.grab_at(&frame, px, py).map(|(_, class)| class),
            }));
        })
    };
    let onpointerdown = {
        let (canvas_ref, frame, dragging, chart, chart_width) = (
            canvas_ref.clone(),
            frame.clone(),
            dragging.clone(),
            props.chart.0.clone(),
            chart_width.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let (Some(canvas), Some(f)) = (canvas_ref.cast::<HtmlCanvasElement>(), *frame.borrow()) else {
                return;
            };
            let (_, px, py) = canvas_point(&canvas, *chart_width.borrow(), &event);
            if let Some(grab) = chart.grab_at(&f, px, py) {
                *dragging.borrow_mut() = Some(grab);
                let _ = canvas.set_pointer_capture(event.pointer_id());
                event.prevent_default();
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = None)
    };
    let onpointerleave = {
        let (hover, dragging) = (hover.clone(), dragging.clone());
        Callback::from(move |_: PointerEvent| {
            if dragging.borrow().is_none() {
                hover.set(None);
            }
        })
    };
    let download = {
        let chart = props.chart.0.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(svg) = chart.svg(WIDTH, HEIGHT) {
                browser::download(chart.chart_file_name(), "image/svg+xml", &svg);
            }
        })
    };
    let grab = dragging
        .borrow()
        .as_ref()
        .map(|(_, class)| *class)
        .or_else(|| hover.as_ref().and_then(|h| h.grab_class));
    html! {
        <figure class="chart" data-testid={props.test_id.clone()}>
            <div class="chart-stage">
                <canvas ref={canvas_ref} class={classes!(grab)}
                    role="img" aria-label={props.chart.0.text_alternative()}
                    {onpointermove} {onpointerdown} onpointerup={onpointerup.clone()}
                    onpointercancel={onpointerup} {onpointerleave} />
                if let Some(h) = &*hover {
                    <div class="crosshair" style={format!("left: {:.1}px", h.css_x)} aria-hidden="true"></div>
                    <div class="readout" data-testid="chart-readout" aria-live="polite"
                        style={format!("left: {:.1}px", h.css_x)}>
                        <strong>{ &h.readout.title }</strong>
                        <ul>
                            { for h.readout.lines.iter().map(|line| html! { <li>{ line }</li> }) }
                        </ul>
                    </div>
                }
            </div>
            <figcaption>
                { props.caption.clone() }{ " " }
                <button type="button" class="link-button" onclick={download}>{ "Download SVG" }</button>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_fit_the_screen_and_its_pixels() {
        // A desktop: the chart's own 720 × 360, on twice as many device pixels.
        assert_eq!(layout(720.0, 2.0), ((720, 360), 2.0));
        // Wider: still laid out at 720, scaled up to the canvas's 900 CSS pixels.
        assert_eq!(layout(900.0, 1.0), ((720, 360), 1.25));
        // A 375-pixel phone (a 343-pixel card): laid out at 480, each chart pixel
        // 343 × 3 ÷ 480 device pixels, so the backing store has one per device pixel.
        let ((w, h), scale) = layout(343.0, 3.0);
        assert_eq!((w, h), (480, 240));
        assert!((scale - 343.0 * 3.0 / 480.0).abs() < 1e-12);
        // A canvas not laid out yet, or a ratio below 1, gets the wide size.
        assert_eq!(layout(0.0, 0.0), ((720, 360), 1.0));
    }
}
