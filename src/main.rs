//! Mounts the app on the page's `<main id="app">`.

// Talc instead of the default dlmalloc: less code in the download and faster
// allocation (see BENCHMARKS.md).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    slo_planner::ui::mount();
}
