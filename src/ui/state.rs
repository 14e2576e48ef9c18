//! The app's state and its reducer. Pure: side effects live in `hooks`.

use slo_plan::document::plan_from_json;
use slo_plan::edit::PlanEdit;
use slo_plan::undo::Undo;
use slo_plan::{link, Plan};
use std::rc::Rc;
use yew::Reducible;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something could not be opened; the plan shown is the fallback.
    Error,
    /// Something worth knowing happened (e.g. a shared plan replaced the saved one).
    Info,
}

/// A message shown above the page until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its seriousness.
    pub kind: NoticeKind,
    /// What happened, in words.
    pub message: String,
}

/// Everything the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The user's plan: always valid.
    pub plan: Plan,
    /// The message shown, if any.
    pub notice: Option<Notice>,
    /// The plan that an opened link replaced, offered back to the user.
    pub previous: Option<Plan>,
    /// The steps to undo and redo.
    pub undo: Undo,
}

/// Where a plan being opened came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The link in the address bar.
    Link,
    /// An imported file or pasted text.
    Import,
    /// A lesson's "try it in your plan".
    Lesson,
    /// The list of recent plans.
    Recent,
    /// Another tab's plan.
    OtherTab,
}

impl Source {
    fn noun(self) -> &'static str {
        match self {
            Source::Link => "link",
            Source::Import => "import",
            Source::Lesson => "lesson",
            Source::Recent => "recent plans",
            Source::OtherTab => "other tab",
        }
    }
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user changed a value.
    Edit(PlanEdit),
    /// A whole plan was opened from a link or an import.
    Open {
        /// The plan opened (boxed: it is far larger than the other actions).
        plan: Box<Plan>,
        /// Where it came from.
        source: Source,
    },
    /// A link or an import could not be opened; the plan stays as it is.
    Refused {
        /// Why, in words.
        reason: String,
        /// Where it came from.
        source: Source,
    },
    /// Puts back the plan that the last opened plan replaced.
    RestorePrevious,
    /// Hides the notice.
    Dismiss,
    /// Takes back the last step.
    Undo,
    /// Makes again the last step taken back.
    Redo,
    /// Replaces the plan with a new default one (the old one is kept aside).
    StartOver {
        /// The new plan.
        fresh: Box<Plan>,
    },
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            // The fields refuse what they can see is wrong; an edit that still conflicts
            // with another field leaves the last good plan in place and says why.
            Action::Edit(edit) => match next.plan.edited(edit.clone()) {
                Ok(plan) => {
                    next.undo.record(&next.plan, Some(&edit));
                    next.plan = plan;
                }
                Err(error) => {
                    next.notice = Some(Notice {
                        kind: NoticeKind::Error,
                        message: format!("That change was not made: {error}"),
                    })
                }
            },
            Action::Open { plan, source } => {
                if *plan != next.plan {
                    next.undo.record(&next.plan, None);
                    next.previous = Some(std::mem::replace(&mut next.plan, *plan));
                    next.notice = Some(Notice {
                        kind: NoticeKind::Info,
                        message: format!(
                            "Opened the plan from the {}. Your previous plan is kept in Recent \
                             plans; you can also restore it at once.",
                            source.noun()
                        ),
                    });
                }
            }
            Action::Refused { reason, source } => {
                next.notice = Some(Notice {
                    kind: NoticeKind::Error,
                    message: format!(
                        "The {} could not be opened: {reason} Your plan is unchanged.",
                        source.noun()
                    ),
                });
            }
            Action::RestorePrevious => {
                if let Some(previous) = next.previous.take() {
                    next.undo.record(&next.plan, None);
                    next.plan = previous;
                }
                next.notice = None;
            }
            Action::Undo => {
                next.undo.undo(&mut next.plan);
            }
            Action::Redo => {
                next.undo.redo(&mut next.plan);
            }
            Action::StartOver { fresh } => {
                next.undo.record(&next.plan, None);
                next.previous = Some(std::mem::replace(&mut next.plan, *fresh));
                next.notice = Some(Notice {
                    kind: NoticeKind::Info,
                    message: "Started over from the default plan. Your previous plan is kept in Recent \
                              plans, and Undo brings it back."
                        .to_owned(),
                });
            }
            Action::Dismiss => {
                next.notice = None;
                next.previous = None;
            }
        }
        Rc::new(next)
    }
}

/// The state the app opens with, and saved text to keep aside because it could not be
/// read (so that autosave never overwrites the only copy of a plan).
#[derive(Debug, Clone, PartialEq)]
pub struct Startup {
    /// The first state.
    pub state: AppState,
    /// Unreadable saved text, to be stored under a backup key.
    pub quarantine: Option<String>,
}

/// Decides what the app opens: a plan in the link wins over the saved plan, the saved
/// plan over the defaults; whatever cannot be read is explained in a notice, and the
/// app opens with the next plan in that order. `written` is the fragment this browser
/// last wrote to the address bar: when the link is that one, the page is being reloaded
/// and the saved plan is at least as new (the address bar trails the last edits by a
/// moment), so the saved plan wins.
pub fn startup(fragment: &str, saved: Option<&str>, written: Option<&str>, fresh: Plan) -> Startup {
    let (saved_plan, saved_problem) = match saved.map(plan_from_json) {
        None => (None, None),
        Some(Ok(plan)) => (Some(plan), None),
        Some(Err(error)) => (None, Some(error)),
    };
    let quarantine = saved_problem.as_ref().and(saved.map(str::to_owned));
    let fallback_name = if saved_plan.is_some() {
        "your last saved plan"
    } else {
        "the default plan"
    };
    let error = |message: String| {
        Some(Notice {
            kind: NoticeKind::Error,
            message,
        })
    };
    let own_link = written.is_some_and(|w| w == fragment.trim_start_matches('#'));
    let decoded = if own_link && saved_plan.is_some() {
        Ok(None)
    } else {
        link::decode(fragment)
    };
    let state = match decoded {
        Ok(Some(plan)) => {
            let previous = saved_plan.filter(|saved| *saved != plan);
            let notice = match (&previous, saved_problem) {
                (_, Some(e)) => error(format!(
                    "Opened the plan from the link. Your saved plan could not be read: {e} It is \
                     kept aside in Recent plans."
                )),
                (Some(_), None) => Some(Notice {
                    kind: NoticeKind::Info,
                    message: "Opened the plan from the link. Your own saved plan is kept in \
                              Recent plans; you can also restore it at once."
                        .to_owned(),
                }),
                (None, None) => None,
            };
            AppState {
                notice,
                plan,
                previous,
                undo: Undo::default(),
            }
        }
        Ok(None) => AppState {
            plan: saved_plan.unwrap_or_else(|| fresh.clone()),
            notice: saved_problem.and_then(|e| {
                error(format!(
                    "Your saved plan could not be read: {e} It is kept aside in Recent plans; \
                     starting from the default plan."
                ))
            }),
            previous: None,
            undo: Undo::default(),
        },
        Err(e) => AppState {
            plan: saved_plan.unwrap_or(fresh),
            notice: error(format!(
                "The link could not be opened: {e} Showing {fallback_name}."
            )),
            previous: None,
            undo: Undo::default(),
        },
    };
    Startup { state, quarantine }
}

#[cfg(test)]
mod tests {
    use super::*;
    use slo_plan::document::plan_to_json;

    fn plan(target_percent: f64) -> Plan {
        Plan {
            slos: vec![slo_plan::SloSpec {
                target_percent,
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        }
    }

    #[test]
    fn the_link_wins_and_the_saved_plan_is_offered_back() {
        let saved = plan_to_json(&plan(99.0));
        let fragment = format!("#{}", link::encode(&plan(99.99)));
        let s = startup(&fragment, Some(&saved), None, Plan::default()).state;
        assert_eq!(s.plan, plan(99.99));
        assert_eq!(s.previous, Some(plan(99.0)));
        let restored = Rc::new(s).reduce(Action::RestorePrevious);
        assert_eq!(restored.plan, plan(99.0));
    }

    #[test]
    fn a_bad_link_falls_back_to_the_saved_plan_with_a_message() {
        let saved = plan_to_json(&plan(99.0));
        let s = startup("#plan=1.garbage!!", Some(&saved), None, Plan::default());
        assert_eq!(s.state.plan, plan(99.0));
        let notice = s.state.notice.unwrap();
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(notice.message.contains("last saved plan"), "{}", notice.message);
        assert_eq!(s.quarantine, None);
    }

    #[test]
    fn a_reload_before_the_address_bar_caught_up_keeps_the_newer_saved_plan() {
        // The address bar still shows the link written before the last edit.
        let stale = link::encode(&plan(99.0));
        let saved = plan_to_json(&plan(99.95));
        let s = startup(&format!("#{stale}"), Some(&saved), Some(&stale), Plan::default());
        assert_eq!(s.state.plan, plan(99.95));
        assert_eq!(s.state.notice, None);
        // Someone else's link still wins, and the saved plan is kept aside.
        let theirs = link::encode(&plan(99.5));
        let s = startup(&format!("#{theirs}"), Some(&saved), Some(&stale), Plan::default());
        assert_eq!(s.state.plan, plan(99.5));
        assert_eq!(s.state.previous, Some(plan(99.95)));
    }

    #[test]
    fn corrupt_storage_is_kept_aside_not_lost() {
        let s = startup(
            "",
            Some("{\"format\":\"slo-planner/plan\",\"ver"),
            None,
            Plan::default(),
        );
        assert_eq!(s.state.plan, Plan::default());
        assert!(s
            .state
            .notice
            .unwrap()
            .message
            .contains("saved plan could not be read"));
        assert_eq!(
            s.quarantine.as_deref(),
            Some("{\"format\":\"slo-planner/plan\",\"ver")
        );
    }

    #[test]
    fn an_unreadable_saved_plan_next_to_a_link_is_said_and_kept_aside() {
        let newer = "{\"format\":\"slo-planner/plan\",\"version\":99,\"plan\":{}}";
        let fragment = format!("#{}", link::encode(&plan(99.99)));
        let s = startup(&fragment, Some(newer), None, Plan::default());
        assert_eq!(s.state.plan, plan(99.99));
        let notice = s.state.notice.unwrap();
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(
            notice.message.contains("saved plan could not be read"),
            "{}",
            notice.message
        );
        assert!(notice.message.contains("newer slo-planner"), "{}", notice.message);
        assert_eq!(s.quarantine.as_deref(), Some(newer));
    }

    #[test]
    fn opening_a_plan_and_starting_over_are_undone_like_edits() {
        let state = Rc::new(startup("", None, None, plan(99.0)).state);
        let edited = state.reduce(Action::Edit(PlanEdit::Target { percent: 99.5 }));
        let opened = edited.clone().reduce(Action::Open {
            plan: Box::new(plan(99.99)),
            source: Source::Import,
        });
        let over = opened.reduce(Action::StartOver {
            fresh: Box::new(Plan::default()),
        });
        assert_eq!(over.plan, Plan::default());
        assert_eq!(over.previous, Some(plan(99.99)));
        let back = over.reduce(Action::Undo);
        assert_eq!(back.plan, plan(99.99));
        let back = back.reduce(Action::Undo);
        assert_eq!(back.plan, edited.plan);
        let back = back.reduce(Action::Undo).reduce(Action::Undo);
        assert_eq!(back.plan, plan(99.0));
        assert_eq!(back.reduce(Action::Redo).plan, edited.plan);
    }

    #[test]
    fn refusing_keeps_the_plan() {
        let state = Rc::new(startup("", None, None, Plan::default()).state);
        let after = state.clone().reduce(Action::Refused {
            reason: "bad".to_owned(),
            source: Source::Import,
        });
        assert_eq!(after.plan, state.plan);
        assert!(after.notice.as_ref().unwrap().message.contains("unchanged"));
    }
}
