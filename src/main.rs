//! Mounts the app on the page's `<main id="app">`.

fn main() {
    slo_planner::ui::mount();
}
