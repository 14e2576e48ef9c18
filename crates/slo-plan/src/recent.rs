//! Recent plans: what this browser keeps besides the saved plan, so that no plan a
//! user made is lost to another tab, a link or an unreadable save.
//!
//! Each page load of the app keeps its latest plan in an entry of its own (a *tab*
//! entry); a plan that an opened link, import or lesson replaced, and saved text that
//! could not be read, are *kept aside* in entries of their own. Tab entries beyond the
//! [`KEEP_TABS`] newest are removed; entries kept aside stay until the user removes
//! them. Every entry is a key of local storage under [`PREFIX`] holding a [`Kept`] as
//! JSON; this module decides what they mean, the UI reads and writes them.

use crate::document::plan_from_json;
use crate::Plan;
use serde::{Deserialize, Serialize};
use slo_engine::time::Instant;

/// The local-storage key prefix of every entry.
pub const PREFIX: &str = "slo-planner/recent/";
/// How many tab entries are kept (the newest by their last save).
pub const KEEP_TABS: usize = 12;

/// Why an entry is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The latest plan of one page load of the app.
    Tab,
    /// A plan that an opened link, import or lesson replaced.
    Replaced,
    /// Saved text this version could not read (damaged, or from a newer version).
    Unreadable,
}

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    /// Why it is kept.
    pub kind: Kind,
    /// When it was last written, in milliseconds since the Unix epoch (UTC), as the
    /// browser's `Date.now()` gives it.
    pub saved_ms: f64,
    /// The plan document (JSON), or for [`Kind::Unreadable`] the text as it was found.
    pub text: String,
}

impl Kept {
    /// The entry as it is stored.
    pub fn to_text(&self) -> String {
        // A struct of a string, a number and an enum always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored entry; `None` when it is not one.
    pub fn from_text(text: &str) -> Option<Kept> {
        serde_json::from_str(text).ok()
    }
}

/// One entry as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recent {
    /// Its local-storage key.
    pub key: String,
    /// Why it is kept.
    pub kind: Kind,
    /// When it was last written, in milliseconds since the Unix epoch.
    pub saved_ms: f64,
    /// The plan, or why this version cannot read it.
    pub plan: Result<Plan, String>,
    /// The stored text, offered for download when it cannot be read.
    pub text: String,
}

impl Recent {
    /// What it is called in the list: the service name, or that it cannot be read.
    pub fn title(&self) -> String {
        match &self.plan {
            Ok(plan) => plan.service.clone(),
            Err(_) => "A plan this version cannot read".to_owned(),
        }
    }

    /// When it was last written (see [`when`]).
    pub fn saved(&self) -> String {
        when(self.saved_ms)
    }

    /// Why it is kept, in words.
    pub fn reason(&self) -> &'static str {
        match self.kind {
            Kind::Tab => "last plan of a tab",
            Kind::Replaced => "replaced by a link or an import",
            Kind::Unreadable => "saved text kept aside",
        }
    }
}

/// An instant in milliseconds since the Unix epoch, to the minute, in UTC
/// (`2026-12-02 01:15 UTC`).
pub fn when(ms: f64) -> String {
    let seconds = (ms / 1000.0).floor();
    // A time outside the calendar (a damaged entry) is shown as unknown.
    match Instant::from_unix_seconds(seconds as i64) {
        Ok(t) if seconds.is_finite() => {
            let iso = t.to_string();
            format!("{} {} UTC", &iso[..10], &iso[11..16])
        }
        _ => "at an unknown time".to_owned(),
    }
}

/// The entries among `stored` (key and text pairs from local storage), newest first;
/// of entries with the same text only the newest is listed. Keys outside [`PREFIX`]
/// are ignored; an entry under it that cannot be read is listed as unreadable.
pub fn list(stored: &[(String, String)]) -> Vec<Recent> {
    let mut entries: Vec<Recent> = stored
        .iter()
        .filter(|(key, _)| key.starts_with(PREFIX))
        .map(|(key, text)| {
            let kept = Kept::from_text(text).unwrap_or_else(|| Kept {
                kind: Kind::Unreadable,
                saved_ms: 0.0,
                text: text.clone(),
            });
            Recent {
                key: key.clone(),
                kind: kept.kind,
                saved_ms: kept.saved_ms,
                plan: plan_from_json(&kept.text).map_err(|e| e.to_string()),
                text: kept.text,
            }
        })
        .collect();
    // Keys are unique, so the order is total: an unstable sort gives the same.
    entries.sort_unstable_by(|a, b| b.saved_ms.total_cmp(&a.saved_ms).then_with(|| a.key.cmp(&b.key)));
    // A few dozen entries at most: the newest of each text is the first met.
    let mut kept: Vec<Recent> = Vec::with_capacity(entries.len());
    for entry in entries {
        if !kept.iter().any(|k| k.text == entry.text) {
            kept.push(entry);
        }
    }
    kept
}

/// The keys of tab entries among `stored` beyond the [`KEEP_TABS`] newest, to be
/// removed; `own` (this tab's entry) is never among them.
pub fn surplus(stored: &[(String, String)], own: &str) -> Vec<String> {
    let mut tabs: Vec<(f64, &String)> = stored
        .iter()
        .filter(|(key, _)| key.starts_with(PREFIX) && key != own)
        .filter_map(|(key, text)| {
            Kept::from_text(text)
                .filter(|k| k.kind == Kind::Tab)
                .map(|k| (k.saved_ms, key))
        })
        .collect();
    tabs.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    // This tab's own entry takes one of the places.
    tabs.into_iter()
        .skip(KEEP_TABS - 1)
        .map(|(_, key)| key.clone())
        .collect()
}

/// Every kind of entry.
pub const ALL: [Kind; 3] = [Kind::Tab, Kind::Replaced, Kind::Unreadable];
/// The kinds of entry kept aside, which stay until the user removes them.
pub const ASIDE: [Kind; 2] = [Kind::Replaced, Kind::Unreadable];

/// Whether `text` is already kept by an entry of one of `kinds` among `stored`, other
/// than `own`.
pub fn holds(stored: &[(String, String)], own: &str, text: &str, kinds: &[Kind]) -> bool {
    stored.iter().any(|(key, stored_text)| {
        key.starts_with(PREFIX)
            && key != own
            && Kept::from_text(stored_text).is_some_and(|k| k.text == text && kinds.contains(&k.kind))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::plan_to_json;

    fn named(service: &str) -> String {
        plan_to_json(&Plan {
            service: service.to_owned(),
            ..Plan::default()
        })
    }

    fn entry(key: &str, kind: Kind, saved_ms: f64, text: &str) -> (String, String) {
        let kept = Kept {
            kind,
            saved_ms,
            text: text.to_owned(),
        };
        (format!("{PREFIX}{key}"), kept.to_text())
    }

    #[test]
    fn the_list_is_newest_first_names_each_plan_and_lists_a_text_once() {
        let stored = vec![
            entry("a", Kind::Tab, 1_000.0, &named("alpha")),
            entry("b", Kind::Tab, 3_000.0, &named("beta")),
            entry("c", Kind::Replaced, 2_000.0, &named("alpha")),
            entry(
                "d",
                Kind::Unreadable,
                500.0,
                "{\"format\":\"slo-planner/plan\",\"version\":99,\"plan\":{}}",
            ),
            ("slo-planner/plan".to_owned(), named("saved")),
        ];
        let list = list(&stored);
        let titles: Vec<String> = list.iter().map(Recent::title).collect();
        assert_eq!(titles, ["beta", "alpha", "A plan this version cannot read"]);
        assert_eq!(list[1].kind, Kind::Replaced);
        assert!(list[2].plan.as_ref().unwrap_err().contains("newer slo-planner"));
    }

    #[test]
    fn a_time_reads_in_utc_to_the_minute() {
        let stored = vec![entry("a", Kind::Tab, 1_795_442_712_345.0, &named("alpha"))];
        assert_eq!(list(&stored)[0].saved(), "2026-11-23 14:05 UTC");
        let stored = vec![entry("a", Kind::Tab, f64::MAX, &named("alpha"))];
        assert_eq!(list(&stored)[0].saved(), "at an unknown time");
    }

    #[test]
    fn a_damaged_entry_is_listed_as_unreadable_with_its_text() {
        let stored = vec![(format!("{PREFIX}x"), "not json".to_owned())];
        let list = list(&stored);
        assert_eq!(list[0].kind, Kind::Unreadable);
        assert_eq!(list[0].text, "not json");
    }

    #[test]
    fn only_tab_entries_beyond_the_newest_are_surplus_and_never_the_own() {
        let mut stored: Vec<_> = (0..20)
            .map(|i| {
                entry(
                    &format!("t{i:02}"),
                    Kind::Tab,
                    f64::from(i),
                    &named(&format!("s{i}")),
                )
            })
            .collect();
        stored.push(entry("kept", Kind::Replaced, -1.0, &named("old")));
        let own = format!("{PREFIX}t00");
        let surplus = surplus(&stored, &own);
        // 20 tab entries, the own one among them: the 11 newest others stay with it.
        assert_eq!(surplus.len(), 20 - KEEP_TABS);
        assert!(!surplus.contains(&own));
        assert!(surplus.contains(&format!("{PREFIX}t01")));
        assert!(!surplus.contains(&format!("{PREFIX}t19")));
        assert!(!surplus.iter().any(|k| k.ends_with("kept")));
    }

    #[test]
    fn a_text_is_held_by_any_entry_of_its_kinds_but_the_own() {
        let stored = vec![entry("a", Kind::Tab, 1.0, &named("alpha"))];
        assert!(holds(&stored, "other", &named("alpha"), &ALL));
        assert!(!holds(&stored, "other", &named("alpha"), &ASIDE));
        assert!(!holds(&stored, &format!("{PREFIX}a"), &named("alpha"), &ALL));
        assert!(!holds(&stored, "other", &named("beta"), &ALL));
    }
}
