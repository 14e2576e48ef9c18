//! The app state with its side effects: startup from link or storage, autosave (the
//! saved plan and this tab's entry among the recent plans), plans kept aside, other
//! tabs' changes, the address bar kept in step with the plan, and links pasted into
//! the address bar.

use super::browser::{self, QUARANTINE_KEY, STORAGE_KEY};
use super::state::{startup, Action, AppState, Source};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use slo_engine::time::Instant;
use slo_plan::document::{plan_from_json, plan_to_json};
use slo_plan::recent::{self, Kept, Kind};
use slo_plan::{link, Plan};
use std::rc::Rc;
use yew::prelude::*;

/// Local-storage key where earlier versions kept the plan an opened link replaced (now
/// moved into the recent plans at start).
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

/// The default plan, its budget figures starting at the current minute (UTC).
pub fn fresh_plan() -> Plan {
    let now = (browser::now_ms() / 60_000.0).floor() as i64 * 60;
    Instant::from_unix_seconds(now).map_or_else(|_| Plan::default(), Plan::starting_at)
}

/// A different plan another tab saved, offered to this one.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherTab {
    /// That tab's recent-plans key.
    pub key: String,
    /// Its plan.
    pub plan: Plan,
    /// When it saved it, in milliseconds since the Unix epoch.
    pub saved_ms: f64,
}

/// What [`use_plan_state`] gives the app.
pub struct PlanState {
    /// The app's state.
    pub state: UseReducerHandle<AppState>,
    /// What keeps the plan from being saved, if anything.
    pub problem: Option<SaveProblem>,
    /// Another tab's different plan, until the user chooses.
    pub other_tab: Option<Rc<OtherTab>>,
    /// Keeps this tab's plan over the other tab's: that tab's changes are not offered
    /// again.
    pub keep_own: Callback<()>,
    /// This tab's key among the recent plans.
    pub own_key: Rc<str>,
    /// Counts the changes other tabs made to the recent plans (a list shown rereads
    /// them when it changes).
    pub recent_changes: u32,
}

/// Keeps `text` aside as `kind` under a new recent-plans key, unless an entry kept
/// aside holds it already; returns whether it is kept.
fn keep_aside(kind: Kind, text: &str) -> bool {
    let stored = browser::entries(recent::PREFIX);
    if recent::holds(&stored, "", text, &recent::ASIDE) {
        return true;
    }
    let kept = Kept {
        kind,
        saved_ms: browser::now_ms(),
        text: text.to_owned(),
    };
    browser::save(
        &format!("{}{}", recent::PREFIX, browser::unique_name()),
        &kept.to_text(),
    )
}

/// This tab's entry among the recent plans.
struct OwnEntry {
    key: Rc<str>,
    /// Whether this tab has written its entry (it does once its plan is one no entry
    /// holds, and from then on at every change).
    written: bool,
    /// The plan document this tab shows.
    text: String,
}

impl OwnEntry {
    /// Writes the entry with the plan `text`; returns false when it could not be written.
    fn save(&mut self, text: &str) -> bool {
        text.clone_into(&mut self.text);
        let stored = (!self.written).then(|| browser::entries(recent::PREFIX));
        if let Some(stored) = &stored {
            if recent::holds(stored, &self.key, text, &recent::ALL) {
                return true;
            }
        }
        let kept = Kept {
            kind: Kind::Tab,
            saved_ms: browser::now_ms(),
            text: text.to_owned(),
        };
        if !browser::save(&self.key, &kept.to_text()) {
            return false;
        }
        // Once this tab has its entry, the oldest other tabs' entries beyond the kept
        // number go.
        if let Some(stored) = stored {
            self.written = true;
            for key in recent::surplus(&stored, &self.key) {
                browser::remove(&key);
            }
        }
        true
    }
}

/// The app's state, opened from the link or the saved plan and kept saved, and what
/// keeps it from being saved, if anything.
#[hook]
pub fn use_plan_state() -> PlanState {
    let first = use_memo((), |_| {
        startup(
            &browser::fragment(),
            browser::load(STORAGE_KEY).as_deref(),
            browser::load(WRITTEN_LINK_KEY).as_deref(),
            fresh_plan(),
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
    let own = use_mut_ref(|| OwnEntry {
        key: format!("{}{}", recent::PREFIX, browser::unique_name()).into(),
        written: false,
        text: String::new(),
    });
    let own_key = own.borrow().key.clone();

    {
        let (problem, may_save) = (problem.clone(), may_save.clone());
        use_effect_with(first, move |first| {
            if !works {
                return;
            }
            // What earlier versions kept aside joins the recent plans.
            for (key, kind) in [
                (BEFORE_LINK_KEY, Kind::Replaced),
                (QUARANTINE_KEY, Kind::Unreadable),
            ] {
                if let Some(text) = browser::load(key) {
                    if keep_aside(kind, &text) {
                        browser::remove(key);
                    }
                }
            }
            if let Some(text) = first.quarantine.as_ref() {
                if !keep_aside(Kind::Unreadable, text) {
                    *may_save.borrow_mut() = false;
                    problem.set(Some(SaveProblem::Held));
                }
            }
        });
    }

    {
        let problem = problem.clone();
        use_effect_with(state.previous.clone(), move |previous| {
            if let Some(previous) = previous.as_ref().filter(|_| works) {
                if !keep_aside(Kind::Replaced, &plan_to_json(previous)) {
                    problem.set(Some(SaveProblem::PreviousLost));
                }
            }
        });
    }

    let problem_now = *problem;
    {
        let (problem, own) = (problem.clone(), own.clone());
        use_effect_with(state.plan.clone(), move |plan| {
            let text = plan_to_json(plan);
            if works && *may_save.borrow() {
                // The saved plan is written only when it changes (a reload rewrites
                // nothing).
                let saved = browser::load(STORAGE_KEY).as_deref() == Some(text.as_str())
                    || browser::save(STORAGE_KEY, &text);
                let saved = own.borrow_mut().save(&text) && saved;
                match (saved, problem_now) {
                    (true, Some(SaveProblem::Failed)) => problem.set(None),
                    (false, None) => problem.set(Some(SaveProblem::Failed)),
                    _ => {}
                }
            } else {
                own.borrow_mut().text = text;
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
    }

    // Other tabs: a different plan one of them saved is offered; an entry another tab
    // removed that held this tab's plan is written again.
    let other_tab = use_state_eq(|| None::<Rc<OtherTab>>);
    // The other tabs whose changes the user chose not to be offered (a few keys).
    let ignored = use_mut_ref(Vec::<String>::new);
    let recent_changes = use_mut_ref(|| 0_u32);
    let rerender = use_force_update();
    {
        let (other_tab, ignored, recent_changes, own) = (
            other_tab.clone(),
            ignored.clone(),
            recent_changes.clone(),
            own.clone(),
        );
        use_effect_with((), move |_| {
            let listener = browser::watch_storage(move |key, value| {
                if !key.starts_with(recent::PREFIX) {
                    return;
                }
                *recent_changes.borrow_mut() += 1;
                rerender.force_update();
                let Some(kept) = value.as_deref().and_then(Kept::from_text) else {
                    // An entry went: this tab's plan is kept again if it was this tab's
                    // entry, or the one holding this tab's plan.
                    let mut own = own.borrow_mut();
                    if works && (!own.written || *own.key == *key) {
                        own.written = false;
                        let text = own.text.clone();
                        own.save(&text);
                    }
                    return;
                };
                let theirs = kept.kind == Kind::Tab
                    && *own.borrow().key != *key
                    && kept.text != own.borrow().text
                    && !ignored.borrow().contains(&key);
                if let (true, Ok(plan)) = (theirs, plan_from_json(&kept.text)) {
                    other_tab.set(Some(Rc::new(OtherTab {
                        key,
                        plan,
                        saved_ms: kept.saved_ms,
                    })));
                }
            });
            move || drop(listener)
        });
    }
    let keep_own = {
        let (other_tab, ignored) = (other_tab.clone(), ignored.clone());
        Callback::from(move |()| {
            if let Some(other) = &*other_tab {
                ignored.borrow_mut().push(other.key.clone());
            }
            other_tab.set(None);
        })
    };

    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let fragment = browser::fragment();
                // This tab's own address (Back to another of its pages) is not a new link.
                if browser::wrote(&fragment) {
                    return;
                }
                match link::decode(&fragment) {
                    Ok(Some(plan)) => dispatch.dispatch(Action::Open {
                        plan: Box::new(plan),
                        source: Source::Link,
                    }),
                    Ok(None) => {}
                    Err(error) => dispatch.dispatch(Action::Refused {
                        reason: error.to_string(),
                        source: Source::Link,
                    }),
                }
            });
            move || drop(listener)
        });
    }
    let recent_changes = *recent_changes.borrow();
    PlanState {
        state,
        problem: problem_now,
        other_tab: (*other_tab).clone(),
        keep_own,
        own_key,
        recent_changes,
    }
}
