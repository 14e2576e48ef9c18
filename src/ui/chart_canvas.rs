//! Any interactive chart on a canvas: hover readout with a crosshair, dragging the
//! inputs the chart shows, an SVG download and a text alternative.

use super::browser;
use super::canvas::CanvasSurface;
use plotters::prelude::IntoDrawingArea;
use slo_charts::backend::DynBackend;
use slo_charts::{AnyChart, ChartFrame, Readout};
use slo_plan::edit::PlanEdit;
use std::any::Any;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;

/// A chart for [`ChartCanvas`]; equal when it is the same chart (derived charts are new
/// values whenever the plan changes).
#[derive(Clone)]
pub struct SharedChart(pub Rc<dyn AnyChart<PlanEdit>>);

impl PartialEq for SharedChart {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<C: AnyChart<PlanEdit> + 'static> From<Rc<C>> for SharedChart {
    fn from(chart: Rc<C>) -> Self {
        SharedChart(chart)
    }
}

/// Properties of [`ChartCanvas`].
#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// The chart.
    pub chart: SharedChart,
    /// Applies the edits that dragging makes.
    pub on_edit: Callback<PlanEdit>,
    /// The figure's test id.
    pub test_id: AttrValue,
    /// What the chart shows and how to use it, under the chart.
    pub caption: AttrValue,
}

#[derive(Clone, PartialEq)]
struct Hover {
    /// Pointer position in CSS pixels from the canvas's left edge.
    css_x: f64,
    readout: Readout,
    /// The grab class of the input under the pointer, if any.
    grab_class: Option<&'static str>,
}

/// The pointer in CSS pixels (x) and in canvas pixels (x, y).
fn canvas_point(canvas: &HtmlCanvasElement, event: &PointerEvent) -> (f64, f64, f64) {
    let scale = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
    let css_x = f64::from(event.offset_x());
    (css_x, css_x * scale, f64::from(event.offset_y()) * scale)
}

/// An interactive chart drawn on a canvas.
#[function_component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let frame = use_mut_ref(|| None::<ChartFrame>);
    let hover = use_state_eq(|| None::<Hover>);
    // The input being dragged, and its CSS class.
    let dragging = use_mut_ref(|| None::<(Box<dyn Any>, &'static str)>);

    {
        let (canvas_ref, frame) = (canvas_ref.clone(), frame.clone());
        use_effect_with(props.chart.clone(), move |chart| {
            let drawn = canvas_ref
                .cast::<HtmlCanvasElement>()
                .and_then(|canvas| CanvasSurface::new(&canvas))
                .and_then(|mut canvas| {
                    chart
                        .0
                        .draw_on(&DynBackend::new(&mut canvas).into_drawing_area())
                        .ok()
                });
            *frame.borrow_mut() = drawn;
        });
    }

    let onpointermove = {
        let (canvas_ref, frame, hover, dragging) =
            (canvas_ref.clone(), frame.clone(), hover.clone(), dragging.clone());
        let (chart, on_edit) = (props.chart.0.clone(), props.on_edit.clone());
        Callback::from(move |event: PointerEvent| {
            let (Some(canvas), Some(frame)) = (canvas_ref.cast::<HtmlCanvasElement>(), *frame.borrow())
            else {
                return;
            };
            let (css_x, px, py) = canvas_point(&canvas, &event);
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
        let (canvas_ref, frame, dragging, chart) = (
            canvas_ref.clone(),
            frame.clone(),
            dragging.clone(),
            props.chart.0.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let (Some(canvas), Some(f)) = (canvas_ref.cast::<HtmlCanvasElement>(), *frame.borrow()) else {
                return;
            };
            let (_, px, py) = canvas_point(&canvas, &event);
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
                <canvas ref={canvas_ref} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                    class={classes!(grab)}
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
