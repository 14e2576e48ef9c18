//! The app state with its side effects: startup from link or storage, autosave, the
//! address bar kept in step with the plan, and links pasted into the address bar.

use super::browser::{self, QUARANTINE_KEY, STORAGE_KEY};
use super::state::{startup, Action, AppState, Source};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use slo_engine::time::Instant;
use slo_plan::document::plan_to_json;
use slo_plan::{link, Plan};
use yew::prelude::*;

/// Local-storage key where the plan an opened link replaced is kept.
const BEFORE_LINK_KEY: &str = "slo-planner/plan.before-link";
/// Local-storage key of the fragment last written to the address bar (see [`startup`]).
const WRITTEN_LINK_KEY: &str = "slo-planner/plan.link";
/// How long the address bar waits for input to settle before it is rewritten, in ms
/// (browsers throttle `history.replaceState` to about 100 calls per 10 s).
const ADDRESS_BAR_DELAY_MS: u32 = 250;

/// The app's state, opened from the link or the saved plan and kept saved.
#[hook]
pub fn use_plan_state() -> UseReducerHandle<AppState> {
    let first = use_memo((), |_| {
        // A new user's budget figures start at the current minute.
        let now = (js_sys::Date::now() / 60_000.0).floor() as i64 * 60;
        let fresh = Instant::from_unix_seconds(now).map_or_else(|_| Plan::default(), Plan::starting_at);
        startup(
            &browser::fragment(),
            browser::load(STORAGE_KEY).as_deref(),
            browser::load(WRITTEN_LINK_KEY).as_deref(),
            fresh,
        )
    });
    let state = {
        let first = first.clone();
        use_reducer(move || first.state.clone())
    };

    use_effect_with(first, |first| {
        if let Some(text) = &first.quarantine {
            browser::save(QUARANTINE_KEY, text);
        }
    });

    use_effect_with(state.previous.clone(), |previous| {
        if let Some(previous) = previous {
            browser::save(BEFORE_LINK_KEY, &plan_to_json(previous));
        }
    });

    use_effect_with(state.plan.clone(), |plan| {
        browser::save(STORAGE_KEY, &plan_to_json(plan));
        // Encoded once the input settles, not on every keystroke.
        let plan = plan.clone();
        let timeout = Timeout::new(ADDRESS_BAR_DELAY_MS, move || {
            let fragment = link::encode(&plan);
            browser::replace_fragment(&fragment);
            browser::save(WRITTEN_LINK_KEY, &fragment);
        });
        move || drop(timeout)
    });

    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::window(), "hashchange", move |_| match link::decode(
                    &browser::fragment(),
                ) {
                    Ok(Some(plan)) => dispatch.dispatch(Action::Open {
                        plan: Box::new(plan),
                        source: Source::Link,
                    }),
                    Ok(None) => {}
                    Err(error) => dispatch.dispatch(Action::Refused {
                        reason: error.to_string(),
                        source: Source::Link,
                    }),
                });
            move || drop(listener)
        });
    }
    state
}
