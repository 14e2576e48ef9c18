//! The page's side of the Web Worker: spawned on the first request, then kept.

use crate::worker::{loader, Json, PlanWorker, Request, Response};
use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

/// A callback that sends requests to the worker, spawning it on the first one;
/// `on_response` receives its answers, in the order asked.
#[hook]
pub fn use_plan_worker(on_response: Callback<Response>) -> Callback<Request> {
    let bridge = use_mut_ref(|| None::<WorkerBridge<PlanWorker>>);
    // The latest handler, so answers reach the component as it is now.
    let handler = use_mut_ref(|| on_response.clone());
    *handler.borrow_mut() = on_response;
    use_callback((), move |request: Request, ()| {
        let mut bridge = bridge.borrow_mut();
        let bridge = bridge.get_or_insert_with(|| {
            let handler = handler.clone();
            PlanWorker::spawner()
                .callback(move |response| {
                    let on_response = handler.borrow().clone();
                    on_response.emit(response);
                })
                .encoding::<Json>()
                .spawn_with_loader(&loader())
        });
        bridge.send(request);
    })
}
