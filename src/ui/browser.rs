//! The few browser side effects the app has: the URL fragment, local storage, the
//! clipboard, downloads and the offline service worker. Nothing here leaves the
//! browser.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Local-storage key of the autosaved plan (a JSON plan document).
pub const STORAGE_KEY: &str = "slo-planner/plan";
/// Local-storage key where earlier versions kept an unreadable saved plan aside (now
/// moved into the recent plans at start).
pub const QUARANTINE_KEY: &str = "slo-planner/plan.unreadable";

/// The current URL fragment, with its `#`, or empty.
pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

thread_local! {
    /// The fragment this tab last wrote to the address bar, without its `#`.
    static WRITTEN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Replaces the URL fragment without adding a history entry or firing `hashchange`;
/// the entry keeps the page it is for.
pub fn replace_fragment(fragment: &str) {
    let url = format!("#{fragment}");
    if let Ok(history) = gloo::utils::window().history() {
        let page = history.state().unwrap_or(JsValue::NULL);
        // Failing to update the address bar is harmless: the plan is still autosaved.
        let _ = history.replace_state_with_url(&page, "", Some(&url));
    }
    WRITTEN.with(|w| fragment.clone_into(&mut w.borrow_mut()));
}

/// Whether `fragment` (with or without its `#`) is the one this tab last wrote.
pub fn wrote(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    WRITTEN.with(|w| !w.borrow().is_empty() && *w.borrow() == fragment)
}

/// Writes again the fragment this tab last wrote: the address of a history entry gone
/// back to holds the plan of its time, which must not replace the plan shown.
pub fn restore_fragment() {
    let written = WRITTEN.with(|w| w.borrow().clone());
    if !written.is_empty() {
        replace_fragment(&written);
    }
}

/// The page the current history entry is named after: set when this tab showed it,
/// and kept by a reload; `None` for a new entry (a link opened or typed).
pub fn entry_name() -> Option<String> {
    gloo::utils::window().history().ok()?.state().ok()?.as_string()
}

/// Names the current history entry after the page `page`, at the same address.
pub fn name_entry(page: &str) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state(&JsValue::from_str(page), "");
    }
}

/// Adds a history entry, at the same address, for the page named `page`, so that Back
/// returns to the page shown before.
pub fn push_page(page: &str) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.push_state(&JsValue::from_str(page), "");
    }
}

/// Calls `on_page` with the page named by the history entry Back or Forward went to
/// (`None` for an entry no page named: a link typed or pasted into the address bar).
pub fn watch_pages(on_page: impl Fn(Option<String>) + 'static) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |event| {
        on_page(
            event
                .unchecked_ref::<web_sys::PopStateEvent>()
                .state()
                .as_string(),
        );
    })
}

/// The address of this page with `fragment`.
pub fn url_with_fragment(fragment: &str) -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}#{fragment}")
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Reads a local-storage entry; `None` when absent or storage is unavailable.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a local-storage entry; returns whether it was stored (private modes and full
/// quotas refuse). An entry that cannot be written keeps what it held.
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a local-storage entry; returns whether it is gone.
pub fn remove(key: &str) -> bool {
    storage().is_some_and(|s| s.remove_item(key).is_ok())
}

/// Every local-storage entry whose key starts with `prefix`, as key and text.
pub fn entries(prefix: &str) -> Vec<(String, String)> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect();
    keys.into_iter()
        .filter_map(|key| storage.get_item(&key).ok().flatten().map(|text| (key, text)))
        .collect()
}

/// Calls `on_change` with the key and new text (`None` when removed) of each
/// local-storage entry another tab of this app changes.
pub fn watch_storage(on_change: impl Fn(String, Option<String>) + 'static) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |event| {
        let event = event.unchecked_ref::<web_sys::StorageEvent>();
        // A cleared storage has no key.
        if let Some(key) = event.key() {
            on_change(key, event.new_value());
        }
    })
}

/// Milliseconds since the Unix epoch, by this computer's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds since the page started, by a clock that never goes back
/// (`performance.now()`).
pub fn monotonic_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// A name for something made now that no other tab picks: the time and 40 random bits.
pub fn unique_name() -> String {
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("{}-{random:010x}", now_ms() as u64)
}

/// Whether this browser lets the app keep anything in local storage: there is one, and
/// a small entry can be written and removed (blocked storage throws on both).
pub fn storage_works() -> bool {
    const PROBE: &str = "slo-planner/probe";
    storage().is_some_and(|s| s.set_item(PROBE, "1").is_ok() && s.remove_item(PROBE).is_ok())
}

/// Offers `contents` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Copies text to the clipboard.
///
/// # Errors
/// When the browser refuses (no permission, insecure context).
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Registers the service worker (`sw.js`, written at build time) that keeps the app
/// working offline, a few seconds after start so it never competes with the first
/// load. Where service workers are unavailable the app simply stays online-only.
pub fn register_offline_worker() {
    gloo::timers::callback::Timeout::new(3_000, || {
        let container = gloo::utils::window().navigator().service_worker();
        // Ignored on failure: the app works the same, only not offline.
        let _ = container.register("./sw.js");
    })
    .forget();
}

/// The `content` of the page's `<meta name="{name}">`, written at build time by
/// `scripts/offline.mjs`.
pub fn meta(name: &str) -> Option<String> {
    gloo::utils::document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}

/// Calls `on_new_build` when the service worker says it serves another build than the
/// page's (a new version was deployed and is cached, ready to load). Asks at once, and
/// has the browser look for a new version whenever the tab is shown again. Nothing is
/// watched in a page without a build id (the component tests).
pub fn watch_updates(on_new_build: yew::Callback<()>) -> Option<UpdateWatch> {
    let own = meta("slo-build")?;
    let window = gloo::utils::window();
    let container = window.navigator().service_worker();
    let on_message = gloo::events::EventListener::new(&container, "message", move |event| {
        let data = event.unchecked_ref::<web_sys::MessageEvent>().data();
        let build = js_sys::Reflect::get(&data, &"build".into())
            .ok()
            .and_then(|b| b.as_string());
        if build.is_some_and(|b| b != own) {
            on_new_build.emit(());
        }
    });
    if let Some(controller) = container.controller() {
        let _ = controller.post_message(&"build?".into());
    }
    let on_shown =
        gloo::events::EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
            if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible {
                let container = gloo::utils::window().navigator().service_worker();
                wasm_bindgen_futures::spawn_local(async move {
                    let found = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await;
                    if let Ok(registration) =
                        found.and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>())
                    {
                        if let Ok(update) = registration.update() {
                            let _ = wasm_bindgen_futures::JsFuture::from(update).await;
                        }
                    }
                });
            }
        });
    Some(UpdateWatch {
        _on_message: on_message,
        _on_shown: on_shown,
    })
}

/// The listeners of [`watch_updates`], removed when this is dropped.
pub struct UpdateWatch {
    _on_message: gloo::events::EventListener,
    _on_shown: gloo::events::EventListener,
}

/// Scrolls to the element with `id` and focuses it, once the page shown next has been
/// drawn.
pub fn show_later(id: &str) {
    let id = id.to_owned();
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(element) = gloo::utils::document().get_element_by_id(&id) {
            element.scroll_into_view();
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    })
    .forget();
}

/// This browser's offset from UTC now, minutes east.
pub fn utc_offset_minutes() -> i32 {
    // getTimezoneOffset counts minutes west of UTC.
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Resolves in a task of its own, after the page has had the chance to render and
/// answer input: long work on the main thread cut at each await stays under the 50 ms a
/// task may take.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The parts a file is read in, bytes.
pub const FILE_PART_BYTES: u32 = 1 << 20;

/// The text of `file`, read `part_bytes` at a time by the browser's streaming UTF-8
/// `TextDecoder` (a character across a part's end read whole, a byte-order mark
/// dropped, a malformed sequence read as U+FFFD, as a `FileReader` reads it), each part
/// copied in a task of its own, so even 32 MB never blocks the page for long (the
/// `FileReader`'s whole string took one 64–85 ms task for 5.7 MB).
pub async fn file_text_in_parts(file: &web_sys::Blob, part_bytes: u32) -> Result<String, JsValue> {
    let size = file.size();
    let decoder = web_sys::TextDecoder::new()?;
    let streaming = web_sys::TextDecodeOptions::new();
    streaming.set_stream(true);
    let mut text = String::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + f64::from(part_bytes.max(1))).min(size);
        let part = file.slice_with_f64_and_f64(at, end)?;
        let bytes: js_sys::Object = wasm_bindgen_futures::JsFuture::from(part.array_buffer())
            .await?
            .into();
        text.push_str(&decoder.decode_with_buffer_source_and_options(&bytes, &streaming)?);
        at = end;
    }
    text.push_str(&decoder.decode()?);
    Ok(text)
}

/// The text `data` holds, as the page's own string: not copied into the app's memory.
pub fn clipboard_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
    let get_data = js_sys::Reflect::get(data, &"getData".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    get_data
        .call1(data, &"text/plain".into())
        .ok()?
        .dyn_into::<js_sys::JsString>()
        .ok()
}

/// `text` copied into the app's memory a million characters at a time, each part in a
/// task of its own ([`next_task`]), so even 32 MB never blocks the page for long.
pub async fn copied_in_parts(text: &js_sys::JsString) -> String {
    const PART: u32 = 1 << 20;
    let length = text.length();
    let mut copied = String::with_capacity(length as usize);
    let mut at = 0;
    while at < length {
        let mut end = at.saturating_add(PART).min(length);
        // Never between the two halves of a surrogate pair.
        if end < length && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
            end -= 1;
        }
        copied.push_str(&String::from(text.slice(at, end)));
        at = end;
        if at < length {
            next_task().await;
        }
    }
    copied
}
