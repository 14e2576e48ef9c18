//! Components mounted in headless Chromium (wasm-bindgen-test).
//! Run: `cargo test --target wasm32-unknown-unknown -p slo-planner --test browser`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew render and run effects.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Waits (up to about 3 s) until `done` holds: for what renders in a later pass.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        settle().await;
    }
}

/// The element matching `selector` under `root`, once it has been rendered (child
/// components render in later scheduler passes; unoptimised test builds are slow).
async fn rendered(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Some(element) = root.query_selector(selector).unwrap() {
            return element;
        }
        settle().await;
    }
    panic!("nothing matches {selector}")
}

/// Mounts the whole app in a fresh element, with the given URL fragment and no saved
/// plan; it opens on the Overview.
async fn mount_fresh_app(fragment: &str) -> Element {
    // Apps mounted by earlier tests rewrite the address bar 250 ms after their last
    // change; let that happen before this test sets its own fragment.
    yew::platform::time::sleep(Duration::from_millis(300)).await;
    let window = gloo::utils::window();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")))
        .unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<slo_planner::ui::App>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Mounts the whole app as [`mount_fresh_app`] does and opens its Targets page.
async fn mount_app(fragment: &str) -> Element {
    let root = mount_fresh_app(fragment).await;
    rendered(&root, "[data-testid='slo-0-budget-seconds']").await;
    tab_named(&root, "Targets").click();
    rendered(&root, "[data-testid='downtime-30d']").await;
    root
}

fn by_test_id(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {id}"))
}

/// The tab button named `name`.
fn tab_named(root: &Element, name: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("nav button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no tab named {name}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
}

fn seconds(root: &Element, id: &str) -> String {
    by_test_id(root, id).get_attribute("data-seconds").unwrap()
}

async fn type_into(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_app_opens_on_the_overview_with_each_slos_budget() {
    let root = mount_fresh_app("").await;
    let current = rendered(&root, "nav button[aria-current='page']").await;
    assert_eq!(current.text_content().as_deref(), Some("Overview"));
    let budget = rendered(&root, "[data-testid='slo-0-budget-seconds']").await;
    assert_eq!(budget.get_attribute("data-seconds").as_deref(), Some("2592"));
    assert!(root
        .query_selector("[data-testid='downtime-30d']")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_default_plan_shows_its_budget_in_every_window() {
    let root = mount_app("").await;
    assert_eq!(seconds(&root, "downtime-30d"), "2592");
    assert_eq!(
        by_test_id(&root, "downtime-30d").text_content().unwrap(),
        "43m 12s"
    );
    assert_eq!(seconds(&root, "downtime-1d"), "86.4");
    assert_eq!(seconds(&root, "downtime-year"), "31556.952");
    assert_eq!(
        by_test_id(&root, "bad-requests-30d")
            .text_content()
            .unwrap()
            .trim(),
        "259,200"
    );
    assert!(root
        .query_selector("[data-testid='plan-error']")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn typing_a_target_updates_every_window_and_nonsense_is_explained() {
    let root = mount_app("").await;
    type_into(&root, "#target", "99.99").await;
    assert_eq!(seconds(&root, "downtime-30d"), "259.2");
    assert_eq!(
        by_test_id(&root, "target-nines").text_content().unwrap(),
        "4 nines"
    );

    type_into(&root, "#target", "abc").await;
    let message = by_test_id(&root, "target-error").text_content().unwrap();
    assert!(message.contains("not a number"), "{message}");
    assert_eq!(
        seconds(&root, "downtime-30d"),
        "259.2",
        "the plan keeps its last good target"
    );

    type_into(&root, "#target", "100").await;
    assert!(by_test_id(&root, "target-error")
        .text_content()
        .unwrap()
        .contains("below 100%"));
}

#[wasm_bindgen_test]
async fn the_nines_slider_and_the_number_field_stay_in_step() {
    let root = mount_app("").await;
    type_into(&root, "#target-nines", "2").await;
    let field: HtmlInputElement = root
        .query_selector("#target")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    // The field follows in a later render pass (its effect sees the new value).
    until(|| field.value() == "99").await;
    assert_eq!(field.value(), "99");
    assert_eq!(seconds(&root, "downtime-30d"), "25920");
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_its_plan() {
    let fragment = include_str!("../crates/slo-plan/tests/links/v1/latency-calendar-month.link").trim();
    let root = mount_app(fragment).await;
    let statement = by_test_id(&root, "slo-statement").text_content().unwrap();
    assert_eq!(
        statement,
        "99.5% of requests are faster than 300 ms, over each calendar month."
    );
    assert_eq!(seconds(&root, "downtime-month"), "13148.73");
}

#[wasm_bindgen_test]
async fn a_garbage_link_says_so_and_the_app_still_works() {
    let root = mount_app("plan=1.not-a-plan!!").await;
    let message = by_test_id(&root, "plan-error").text_content().unwrap();
    assert!(message.contains("link could not be opened"), "{message}");
    assert_eq!(seconds(&root, "downtime-30d"), "2592", "defaults are shown");
    type_into(&root, "#target", "99.95").await;
    assert_eq!(seconds(&root, "downtime-30d"), "1296");
}

#[wasm_bindgen_test]
async fn the_chart_has_a_text_alternative() {
    let root = mount_app("").await;
    let canvas = root
        .query_selector("[data-testid='downtime-chart'] canvas")
        .unwrap()
        .unwrap();
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    let label = canvas.get_attribute("aria-label").unwrap();
    assert!(label.contains("43m 12s per 30 days"), "{label}");
}

#[wasm_bindgen_test]
async fn the_budget_page_shows_the_same_figures_as_the_native_engine() {
    let fragment =
        include_str!("../crates/slo-plan/tests/links/v1/budget-incidents-steady-forecast.link").trim();
    let root = mount_app(fragment).await;
    let tab = tab_named(&root, "Error budget");
    tab.click();
    settle().await;
    // The figures the native build computes for this link (see tests/links/v1).
    assert_eq!(seconds(&root, "budget-total-seconds"), "1209.6");
    let text = |id: &str| by_test_id(&root, id).text_content().unwrap();
    assert_eq!(text("budget-consumed-percent"), "292.66%");
    assert_eq!(text("budget-remaining-percent"), "-192.66%");
    assert_eq!(
        by_test_id(&root, "budget-exhausted-at")
            .get_attribute("data-iso")
            .as_deref(),
        Some("2026-11-18T16:06:10Z")
    );
    assert_eq!(
        text("policy-state"),
        "-192.7% of the budget left, at or below 30%: freeze."
    );
    let canvas = rendered(&root, "[data-testid='burn-down-chart'] canvas").await;
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap()
        .contains("2 incident(s)"));
}

#[wasm_bindgen_test]
async fn the_capacity_page_shows_the_same_figures_as_the_native_engine() {
    let fragment =
        include_str!("../crates/slo-plan/tests/links/v3/capacity-fitted-history-load-test-zones.link").trim();
    let root = mount_app(fragment).await;
    let tab = tab_named(&root, "Capacity");
    tab.click();
    let sigma = rendered(&root, "[data-testid='usl-sigma']").await;
    // The figures the native build computes for this link (see tests/links/v3): the
    // load test's peak throughput, 11,879 req/s, is the capacity of an instance.
    assert_eq!(sigma.get_attribute("data-value").as_deref(), Some("0.013999468"));
    let text = |id: &str| by_test_id(&root, id).text_content().unwrap();
    assert_eq!(
        text("per-instance-in-use"),
        "11,879 req/s (the load test's peak throughput)"
    );
    assert_eq!(text("usable-now"), "154,426 req/s");
    assert_eq!(text("instances-needed-now"), "3");
    assert!(text("growth-summary").starts_with("Fitted to 3 measurements"));
    let canvas = rendered(&root, "[data-testid='usl-chart'] canvas").await;
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap()
        .contains("6 load-test measurements"));
}

/// The seeded risk simulation gives, in wasm, the bits pinned natively in
/// crates/slo-engine/tests/risk_bits.rs.
#[wasm_bindgen_test]
fn a_seeded_risk_simulation_matches_the_native_bits() {
    use slo_engine::risk::{Duration, Risk};
    let model = Risk::new(
        2_592_000.0,
        2.0,
        Duration::Exponential { mean: 300.0 },
        Duration::LogNormal {
            median: 1_200.0,
            p90: 3_600.0,
        },
        0.5,
        600.0,
    )
    .unwrap();
    let bits: Vec<u64> = model.simulate(42, 5).iter().map(|a| a.to_bits()).collect();
    assert_eq!(
        bits,
        [
            4_607_180_333_800_189_922,
            4_607_177_207_080_226_060,
            4_607_174_355_299_806_914,
            4_607_168_340_121_046_729,
            4_607_176_236_707_033_769,
        ]
    );
}

/// The study of the v4 corpus plan (a quorum, a soft dependency, credits and a
/// scenario) gives, in wasm, the figures pinned natively in
/// `crates/slo-plan/src/report/risk.rs`, on one holder of its windows as on three. The
/// page runs the same code on its workers (`e2e/risk.test.mjs`).
#[wasm_bindgen_test]
fn the_corpus_study_gives_the_natively_pinned_figures() {
    let text = include_str!("../crates/slo-plan/tests/links/v4/risk-quorum-soft-credits-scenarios.json");
    let plan = slo_plan::document::plan_from_json(text).unwrap();
    let report =
        slo_plan::report::risk::risk_report(&plan.validate().unwrap(), &plan.risk, plan.slo().target_percent);
    assert_eq!(report.composite.to_bits(), 4_607_161_008_206_561_529);
    let study = report.study.run(1);
    assert_eq!(
        (
            study.probability_slo,
            study.scenarios[1].probability,
            study.credit.to_bits()
        ),
        (0.52005, 0.0, 4_678_359_940_512_163_469)
    );
    assert_eq!(report.study.run(3), study);
}

/// A pasted text copied into the app in parts reads as the clipboard held it, even with
/// a character of two UTF-16 units across a part's end.
#[wasm_bindgen_test]
async fn a_pasted_text_copied_in_parts_is_the_text_pasted() {
    let text = format!("{}🙂 after{}", "x".repeat((1 << 20) - 1), "é".repeat(1 << 20));
    let js = js_sys::JsString::from(text.as_str());
    assert_eq!(slo_planner::ui::browser::copied_in_parts(&js).await, text);
    assert_eq!(
        slo_planner::ui::browser::copied_in_parts(&js_sys::JsString::from("")).await,
        ""
    );
}

/// A file read in parts is its text: a character across a part's end whole, wherever
/// the part ends, a byte-order mark dropped, a malformed byte read as U+FFFD and not
/// held back for the next part.
#[wasm_bindgen_test]
async fn a_file_read_in_parts_is_its_text() {
    use slo_planner::ui::browser::{file_text_in_parts, FILE_PART_BYTES};
    let read = |bytes: &[u8], part_bytes: u32| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
        async move { file_text_in_parts(&blob, part_bytes).await.unwrap() }
    };
    let text = format!("{}🙂 after{}", "x".repeat((1 << 20) - 2), "é".repeat(1 << 20));
    assert_eq!(read(text.as_bytes(), FILE_PART_BYTES).await, text);
    assert_eq!(
        read(format!("\u{feff}{text}").as_bytes(), FILE_PART_BYTES).await,
        text
    );
    assert_eq!(read(b"a\xffb", FILE_PART_BYTES).await, "a\u{fffd}b");
    assert_eq!(read(b"", FILE_PART_BYTES).await, "");
    let short = "é 1,2 — 😀 ok\u{10FFFF}";
    for part_bytes in 1..=short.len() as u32 {
        assert_eq!(
            read(short.as_bytes(), part_bytes).await,
            short,
            "parts of {part_bytes} bytes"
        );
    }
    // A lone continuation byte, and a lead byte followed by an ASCII one, are
    // malformed whatever comes next; a character cut short by the file's end too.
    for part_bytes in [1, 2, 3, FILE_PART_BYTES] {
        assert_eq!(read(b"ab\x80", part_bytes).await, "ab\u{fffd}");
        assert_eq!(read(b"a\xE2a", part_bytes).await, "a\u{fffd}a");
        assert_eq!(read(b"a\xE2\x82", part_bytes).await, "a\u{fffd}");
    }
}

/// A canvas drawn on again at the same size is cleared rather than sized again, and a
/// surface sets again what a rotated label's save and restore undid: what is drawn
/// looks exactly as on a fresh canvas.
#[wasm_bindgen_test]
fn a_canvas_drawn_on_again_looks_as_a_fresh_one() {
    use plotters::prelude::{IntoDrawingArea, IntoFont, BLUE, GREEN, RED};
    use plotters::style::FontTransform;
    use slo_charts::backend::DynBackend;
    use slo_planner::ui::canvas::CanvasSurface;
    use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

    let canvas = |width: u32, height: u32| -> HtmlCanvasElement {
        let canvas: HtmlCanvasElement = gloo::utils::document()
            .create_element("canvas")
            .unwrap()
            .dyn_into()
            .unwrap();
        canvas.set_width(width);
        canvas.set_height(height);
        canvas
    };
    // The right half of `canvas` (where "B" is written), as a PNG data URL.
    let right_half = |source: &HtmlCanvasElement| {
        let half = canvas(200, 100);
        let context: CanvasRenderingContext2d = half.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        context
            .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                source, 200.0, 0.0, 200.0, 100.0, 0.0, 0.0, 200.0, 100.0,
            )
            .unwrap();
        half.to_data_url().unwrap()
    };
    let write_b = |canvas: &HtmlCanvasElement, rotated_a_first: bool| {
        let mut surface = CanvasSurface::new(canvas, (400, 100), 1.0).unwrap();
        let area = DynBackend::new(&mut surface).into_drawing_area();
        let font = ("sans-serif", 24).into_font();
        if rotated_a_first {
            let rotated = font.color(&GREEN).transform(FontTransform::Rotate270);
            area.draw_text("A", &rotated, (50, 80)).unwrap();
        }
        area.draw_text("B", &font.color(&BLUE), (300, 50)).unwrap();
    };
    let (again, fresh) = (canvas(1, 1), canvas(1, 1));
    {
        let mut surface = CanvasSurface::new(&again, (400, 100), 1.0).unwrap();
        DynBackend::new(&mut surface)
            .into_drawing_area()
            .fill(&RED)
            .unwrap();
    }
    write_b(&again, true);
    write_b(&fresh, false);
    assert_eq!(again.width(), 400);
    assert_eq!(right_half(&again), right_half(&fresh));
}
