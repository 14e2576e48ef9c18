//! The page's side of the Web Worker: spawned on the first request, then kept.

use super::browser;
use crate::worker::{loader, Json, PlanWorker, Request, Response};
use gloo::timers::callback::Interval;
use gloo::worker::{Spawnable, WorkerBridge};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// How long the worker may leave a request unanswered before the page says so, in ms
/// (its answers take milliseconds; its first includes loading it, about 330 KB).
pub const SILENT_MS: f64 = 20_000.0;

/// A callback that sends requests to the worker, spawning it on the first one;
/// `on_response` receives its answers, in the order asked, and `on_silent` is called
/// once when a request has waited [`SILENT_MS`] for its answer (a worker that failed
/// to load never answers).
#[hook]
pub fn use_plan_worker(on_response: Callback<Response>, on_silent: Callback<()>) -> Callback<Request> {
    let bridge = use_mut_ref(|| None::<WorkerBridge<PlanWorker>>);
    // The latest handler, so answers reach the component as it is now.
    let handler = use_mut_ref(|| on_response.clone());
    *handler.borrow_mut() = on_response;
    // Requests unanswered, and when the worker was last asked or last answered (ms).
    let waiting = use_memo((), |_| Rc::new(Cell::new((0_usize, 0.0_f64))));
    {
        let waiting = (*waiting).clone();
        use_effect_with((), move |_| {
            let watch = Interval::new(1_000, move || {
                let (unanswered, since) = waiting.get();
                if unanswered > 0 && browser::monotonic_ms() - since > SILENT_MS {
                    waiting.set((0, browser::monotonic_ms()));
                    on_silent.emit(());
                }
            });
            move || drop(watch)
        });
    }
    let waiting = (*waiting).clone();
    use_callback((), move |request: Request, ()| {
        let mut bridge = bridge.borrow_mut();
        let bridge = bridge.get_or_insert_with(|| {
            let (handler, waiting) = (handler.clone(), waiting.clone());
            PlanWorker::spawner()
                .callback(move |response| {
                    waiting.set((waiting.get().0.saturating_sub(1), browser::monotonic_ms()));
                    let on_response = handler.borrow().clone();
                    on_response.emit(response);
                })
                .encoding::<Json>()
                .spawn_with_loader(&loader())
        });
        let (unanswered, since) = waiting.get();
        waiting.set((
            unanswered + 1,
            if unanswered == 0 {
                browser::monotonic_ms()
            } else {
                since
            },
        ));
        bridge.send(request);
    })
}
