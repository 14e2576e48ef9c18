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

/// What keeps the plan from being saved in this browser, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveProblem {
    /// The browser keeps nothing (a private window, blocked site data, no storage).
    Unavailable,
    /// The last change could not be saved (storage full): the saved plan is older.
    Failed,
    /// The saved plan could not be read and could not be kept aside either, so it is
    /// left as it is and nothing is saved over it.
    Held,
    /// The plan a link replaced could not be kept aside.
    PreviousLost,
}

impl SaveProblem {
    /// What the user is told, with the ways out.
    pub fn message(self) -> &'static str {
        match self {
            SaveProblem::Unavailable => "This browser does not let slo-planner save anything (a private window, or blocked site data): your plan lives only in this tab. Copy the link or export the plan to keep it.",
            SaveProblem::Failed => "Your last change could not be saved (this browser's storage is full): reopening the app would show an older plan. Copy the link or export the plan to keep it.",
            SaveProblem::Held => "Your saved plan could not be read, and this browser has no room to keep it aside, so it is left untouched and nothing is saved over it. Copy the link or export the plan to keep what you do now.",
            SaveProblem::PreviousLost => "The plan this link replaced could not be kept aside (this browser's storage is full). Copy the link or export the plan to keep this one.",
        }
    }
}

/// The app's state, opened from the link or the saved plan and kept saved, and what
/// keeps it from being saved, if anything.
#[hook]
pub fn use_plan_state() -> (UseReducerHandle<AppState>, Option<SaveProblem>) {
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

    // Checked once: a browser that keeps nothing is said so from the start, and no save
    // is tried.
    let works = *use_memo((), |_| browser::storage_works());
    let problem = use_state_eq(move || (!works).then_some(SaveProblem::Unavailable));
    // Whether the saved entry may be written over: not while it holds a plan that could
    // be neither read nor kept aside.
    let may_save = use_mut_ref(|| true);

    {
        let (problem, may_save) = (problem.clone(), may_save.clone());
        use_effect_with(first, move |first| {
            if let Some(text) = first.quarantine.as_ref().filter(|_| works) {
                if !browser::save(QUARANTINE_KEY, text) {
                    *may_save.borrow_mut() = false;
                    problem.set(Some(SaveProblem::Held));
                }
            }
        });
    }

    {
        let problem = problem.clone();
        use_effect_with(state.previous.clone(), move |previous| {
            if let Some(previous) = previous {
                if !browser::save(BEFORE_LINK_KEY, &plan_to_json(previous)) {
                    problem.set(Some(SaveProblem::PreviousLost));
                }
            }
        });
    }

    let problem_now = *problem;
    use_effect_with(state.plan.clone(), move |plan| {
        let text = plan_to_json(plan);
        // Written only when it changes what is saved (a reload rewrites nothing).
        if works && *may_save.borrow() && browser::load(STORAGE_KEY).as_deref() != Some(text.as_str()) {
            let saved = browser::save(STORAGE_KEY, &text);
            match (saved, problem_now) {
                (true, Some(SaveProblem::Failed)) => problem.set(None),
                (false, None) => problem.set(Some(SaveProblem::Failed)),
                _ => {}
            }
        }
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
    (state, problem_now)
}
