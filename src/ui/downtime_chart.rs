//! The downtime-versus-nines chart on a canvas: hover readout, a draggable target,
//! an SVG download and a text alternative.

use super::browser;
use crate::charts::downtime_vs_nines::{DowntimeVsNines, Readout};
use crate::charts::{to_svg, Chart, ChartFrame};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;

/// Properties of [`DowntimeChart`].
#[derive(Properties, PartialEq)]
pub struct DowntimeChartProps {
    /// The chart's data.
    pub chart: Rc<DowntimeVsNines>,
    /// Called with the target (percent) the user dragged the marker to.
    pub on_target: Callback<f64>,
}

#[derive(Clone, PartialEq)]
struct Hover {
    /// Pointer position in CSS pixels from the canvas's left edge.
    css_x: f64,
    readout: Readout,
    over_target: bool,
}

/// Canvas pixels per CSS pixel, and the pointer in canvas pixels.
fn canvas_point(canvas: &HtmlCanvasElement, event: &PointerEvent) -> (f64, f64, f64) {
    let scale = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
    let css_x = f64::from(event.offset_x());
    (css_x, css_x * scale, f64::from(event.offset_y()) * scale)
}

/// The chart of allowed downtime per window against the target's nines.
#[function_component]
pub fn DowntimeChart(props: &DowntimeChartProps) -> Html {
    let canvas_ref = use_node_ref();
    let frame = use_mut_ref(|| None::<ChartFrame>);
    let hover = use_state_eq(|| None::<Hover>);
    let dragging = use_mut_ref(|| false);

    {
        let (canvas_ref, frame) = (canvas_ref.clone(), frame.clone());
        use_effect_with(props.chart.clone(), move |chart| {
            let drawn = canvas_ref
                .cast::<HtmlCanvasElement>()
                .and_then(CanvasBackend::with_canvas_object)
                .and_then(|backend| chart.draw(&backend.into_drawing_area()).ok());
            *frame.borrow_mut() = drawn;
        });
    }

    let track = {
        let (canvas_ref, frame, hover, dragging) =
            (canvas_ref.clone(), frame.clone(), hover.clone(), dragging.clone());
        let (chart, on_target) = (props.chart.clone(), props.on_target.clone());
        move |event: &PointerEvent| {
            let (Some(canvas), Some(frame)) = (canvas_ref.cast::<HtmlCanvasElement>(), *frame.borrow())
            else {
                return;
            };
            let (css_x, px, py) = canvas_point(&canvas, event);
            if *dragging.borrow() {
                if let Some(target) = chart.target_at(&frame, px) {
                    on_target.emit(target.percent());
                }
            }
            hover.set(chart.readout(&frame, px, py).map(|readout| Hover {
                css_x,
                readout,
                over_target: chart.grabs_target(&frame, px),
            }));
        }
    };
    let onpointermove = {
        let track = track.clone();
        Callback::from(move |event: PointerEvent| track(&event))
    };
    let onpointerdown = {
        let (canvas_ref, frame, dragging, chart) = (
            canvas_ref.clone(),
            frame.clone(),
            dragging.clone(),
            props.chart.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let (Some(canvas), Some(f)) = (canvas_ref.cast::<HtmlCanvasElement>(), *frame.borrow()) else {
                return;
            };
            let (_, px, _) = canvas_point(&canvas, &event);
            if chart.grabs_target(&f, px) {
                *dragging.borrow_mut() = true;
                let _ = canvas.set_pointer_capture(event.pointer_id());
                event.prevent_default();
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let onpointerleave = {
        let (hover, dragging) = (hover.clone(), dragging.clone());
        Callback::from(move |_: PointerEvent| {
            if !*dragging.borrow() {
                hover.set(None);
            }
        })
    };
    let download = {
        let chart = props.chart.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(svg) = to_svg(&*chart, WIDTH, HEIGHT) {
                browser::download("downtime-vs-nines.svg", "image/svg+xml", &svg);
            }
        })
    };
    let summary = props.chart.summary();
    let grab = hover.as_ref().is_some_and(|h| h.over_target) || *dragging.borrow();
    html! {
        <figure class="chart" data-testid="downtime-chart">
            <div class="chart-stage">
                <canvas ref={canvas_ref} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                    class={classes!(grab.then_some("grab"))}
                    role="img" aria-label={summary}
                    {onpointermove} {onpointerdown} onpointerup={onpointerup.clone()}
                    onpointercancel={onpointerup} {onpointerleave} />
                if let Some(h) = &*hover {
                    <div class="crosshair" style={format!("left: {:.1}px", h.css_x)} aria-hidden="true"></div>
                    <div class="readout" data-testid="chart-readout" aria-live="polite"
                        style={format!("left: {:.1}px", h.css_x)}>
                        <strong>{ &h.readout.target }</strong>
                        { format!(" ({:.2} nines)", h.readout.nines) }
                        <ul>
                            { for h.readout.values.iter().map(|(label, value)| html! {
                                <li>{ format!("{value} {label}") }</li>
                            }) }
                        </ul>
                    </div>
                }
            </div>
            <figcaption>
                { "Allowed downtime per window against the target. Hover to read values; drag the black target line to change your target. " }
                <button type="button" class="link-button" onclick={download}>{ "Download SVG" }</button>
            </figcaption>
        </figure>
    }
}
