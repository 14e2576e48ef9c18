//! The PromQL Web Worker binary: registers [`PromqlWorker`] to read the selectors the
//! page sends (see `slo_planner::promql`).

use gloo::worker::Registrable;
use slo_planner::promql::{Codec, PromqlWorker};

// The same allocator as the app (see `src/main.rs`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    PromqlWorker::registrar().encoding::<Codec>().register();
}
