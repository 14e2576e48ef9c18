//! The Web Worker binary: registers [`PlanWorker`] to answer the page's requests
//! (see `slo_planner::worker`).

use gloo::worker::Registrable;
use slo_planner::worker::{Json, PlanWorker};

// The same allocator as the app (see `src/main.rs`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    PlanWorker::registrar().encoding::<Json>().register();
}
