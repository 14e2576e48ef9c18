//! The plan as a JSON document: export, import and autosave all use this form.
//!
//! ```json
//! {"format": "slo-planner/plan", "version": 8, "plan": { … }, "history": { … }}
//! ```
//!
//! `history`, optional, is the observed history the plan was replayed on
//! ([`crate::history::Stored`]); a build that does not know it opens the plan alone.
//!
//! `version` names the schema of `plan`. Every version ever released keeps loading:
//! [`plan_from_json`] upgrades older versions to the current [`Plan`]. The format is
//! documented in `docs/plan-format.md`.

use super::history::{self, Stored};
use super::json;
use super::legacy::PlanV5;
use super::model::{Plan, PlanError};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fmt;

/// The `format` field's value, so a random JSON file is not mistaken for a plan.
pub const FORMAT: &str = "slo-planner/plan";
/// The plan schema version this build writes. Version 2 added the alert policy
/// (`alerts`); version 1 plans open with the SRE Workbook's tiers for their window.
/// Version 3 added the capacity plan (`capacity`); older plans open with its defaults.
/// Version 4 added the risk plan (`risk`) and named variants (`scenarios`). Version 5
/// links carry a checksum (the plan is as in version 4). Version 6 plans are a service
/// with several SLOs; earlier ones open as a service with one. Version 7 added each
/// SLO's compared targets (`candidates`); version 6 plans are version 7 plans without
/// them. Version 8 added the price of failure (`money`); earlier plans are not priced.
pub const CURRENT_VERSION: u32 = 8;
/// The largest plan accepted, in bytes (a plan is a few kilobytes at most).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;
/// The largest document accepted with its history, in bytes: a plan and a packed
/// history of at most the text the history reader takes.
pub const MAX_WITH_HISTORY_BYTES: usize = MAX_DOCUMENT_BYTES + history::MAX_BYTES;

/// Why a document or link could not be opened as a plan.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LoadError {
    /// The input was longer than any plan can be.
    TooLarge {
        /// Its size, in bytes or characters.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// A link fragment that does not start with `plan=`.
    NotAPlanLink,
    /// An imported file that is not a JSON document.
    NotADocument {
        /// It looks like YAML (OpenSLO or Sloth), which has its own import.
        yaml: bool,
    },
    /// The version prefix or number could not be read.
    BadVersion,
    /// A version newer than this build reads.
    FutureVersion {
        /// The version found.
        found: u32,
    },
    /// The link's payload is not valid base64url.
    BadEncoding,
    /// The link's payload does not decompress (truncated or altered).
    BadCompression,
    /// Not JSON, or JSON that is not a plan of its version.
    BadJson {
        /// The parser's explanation.
        detail: String,
    },
    /// A JSON document whose `format` is not [`FORMAT`].
    WrongFormat,
    /// A well-formed plan with an impossible value.
    Invalid(PlanError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { size, max } => write!(
                f,
                "This plan is too large to open ({size} bytes; the limit is {max})."
            ),
            LoadError::NotAPlanLink => write!(
                f,
                "This link does not contain a plan (the part after # should start with \"plan=\")."
            ),
            LoadError::NotADocument { yaml: true } => write!(
                f,
                "This file is not a plan document (a JSON file, as \"Export JSON\" writes it): \
                 it looks like YAML. OpenSLO and Sloth files open under \"OpenSLO and Sloth\"."
            ),
            LoadError::NotADocument { yaml: false } => write!(
                f,
                "This file is not a plan document: a plan file is JSON starting with \"{{\", \
                 as \"Export JSON\" writes it."
            ),
            LoadError::BadVersion => write!(
                f,
                "This link's format version is unreadable (expected \"plan=<number>.\")."
            ),
            LoadError::FutureVersion { found } => write!(
                f,
                "This plan was made by a newer slo-planner (format version {found}); this one \
                 reads versions 1 to {CURRENT_VERSION}. Reload to get the newest version."
            ),
            LoadError::BadEncoding => write!(
                f,
                "This link is damaged: its plan contains characters a link never has. \
                 It may have been cut or altered when it was copied."
            ),
            LoadError::BadCompression => write!(
                f,
                "This link is damaged or incomplete: its plan cannot be unpacked, or does \
                 not match its checksum. It may have been cut off or changed when it was copied."
            ),
            LoadError::BadJson { detail } => write!(f, "This is not a readable plan: {detail}."),
            LoadError::WrongFormat => write!(
                f,
                "This JSON is not an slo-planner plan (its \"format\" is not \"{FORMAT}\")."
            ),
            LoadError::Invalid(error) => write!(f, "This plan has an impossible value: {error}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The document as written.
#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    plan: &'a Plan,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a Stored>,
}

/// The document as read: fields other than these are ignored (a document's envelope
/// may carry more than this build knows), and the plan is kept as text until its
/// version says how to read it.
#[derive(Deserialize)]
struct Envelope<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    plan: &'a RawValue,
    #[serde(borrow, default)]
    history: Option<&'a RawValue>,
}

/// The plan as a compact JSON document of the current version.
pub fn plan_to_json(plan: &Plan) -> String {
    plan_to_json_with(plan, None)
}

/// The plan as a compact JSON document of the current version, with the observed
/// history it was replayed on when there is one.
pub fn plan_to_json_with(plan: &Plan, history: Option<&Stored>) -> String {
    json::to_string(&Document {
        format: FORMAT,
        version: CURRENT_VERSION,
        plan,
        history,
    })
}

/// The envelope of a document of at most [`MAX_WITH_HISTORY_BYTES`] whose all but its
/// history section is at most [`MAX_DOCUMENT_BYTES`]. A longer text that names no
/// history is refused before it is read.
fn envelope(text: &str) -> Result<Envelope<'_>, LoadError> {
    let too_large = |size, max| Err(LoadError::TooLarge { size, max });
    if text.len() > MAX_WITH_HISTORY_BYTES {
        return too_large(text.len(), MAX_WITH_HISTORY_BYTES);
    }
    if text.len() > MAX_DOCUMENT_BYTES && !text.contains("\"history\"") {
        return too_large(text.len(), MAX_DOCUMENT_BYTES);
    }
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| json_error(e.to_string()))?;
    if envelope.format != FORMAT {
        return Err(LoadError::WrongFormat);
    }
    let size = text.len() - envelope.history.map_or(0, |h| h.get().len());
    if size > MAX_DOCUMENT_BYTES {
        return too_large(size, MAX_DOCUMENT_BYTES);
    }
    Ok(envelope)
}

/// The observed history a JSON document carries beside its plan, if any.
///
/// # Errors
/// What is wrong with the document or with its history section (the plan may still
/// open: see [`plan_from_json`]).
pub fn history_from_json(text: &str) -> Result<Option<Stored>, String> {
    let Some(raw) = envelope(text).map_err(|e| e.to_string())?.history else {
        return Ok(None);
    };
    let stored: Stored = json::from_str(raw.get()).map_err(|e| format!("its history section: {e}"))?;
    match (&stored.sample, &stored.packed) {
        (Some(_), None) | (None, Some(_)) => Ok(Some(stored)),
        _ => Err("its history section names neither a sample nor a packed text, or both.".to_owned()),
    }
}

/// Reads a JSON document of any released version and checks the plan it holds.
///
/// # Errors
/// A [`LoadError`] saying what was wrong.
pub fn plan_from_json(text: &str) -> Result<Plan, LoadError> {
    let envelope = envelope(text)?;
    plan_of_version(envelope.version, envelope.plan.get())
}

/// Reads the compact JSON of a plan of schema `version` (the body of a link) and
/// checks it.
///
/// # Errors
/// [`LoadError::FutureVersion`] for versions this build does not know, otherwise as
/// [`plan_from_json`].
pub fn plan_from_versioned(version: u32, plan_json: &str) -> Result<Plan, LoadError> {
    plan_of_version(version, plan_json)
}

/// Reads a plan of schema `version`, upgrades it to the current [`Plan`] and checks it.
fn plan_of_version(version: u32, plan_json: &str) -> Result<Plan, LoadError> {
    let plan: Plan = match version {
        1..=5 => json::from_str::<PlanV5>(plan_json)
            .map_err(json_error)?
            .upgrade(version),
        6..=8 => json::from_str(plan_json).map_err(json_error)?,
        0 => return Err(LoadError::BadVersion),
        found => return Err(LoadError::FutureVersion { found }),
    };
    plan.validate().map_err(LoadError::Invalid)?;
    Ok(plan)
}

/// The compact JSON of a plan, without the document envelope (the body of a link).
pub fn plan_to_compact_json(plan: &Plan) -> String {
    json::to_string(plan)
}

fn json_error(detail: String) -> LoadError {
    LoadError::BadJson { detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_then_import_is_the_same_plan() {
        let mut plan = Plan {
            service: "checkout \"eu\" ✓".to_owned(),
            ..Plan::default()
        };
        plan.slo_mut().target_percent = 99.95;
        assert_eq!(plan_from_json(&plan_to_json(&plan)), Ok(plan));
    }

    #[test]
    fn a_history_travels_beside_the_plan_and_never_stops_it_opening() {
        let plan = Plan::default();
        let text = "Time,errors,requests\n2026-11-01 00:00:00,0,10\n";
        let stored = Stored {
            name: "the file api.csv".to_owned(),
            sample: None,
            packed: Some(history::pack(text)),
            utc_offset_minutes: 60,
        };
        let document = plan_to_json_with(&plan, Some(&stored));
        assert_eq!(plan_from_json(&document), Ok(plan.clone()));
        let read = history_from_json(&document).unwrap().unwrap();
        assert_eq!(read, stored);
        assert_eq!(history::unpack(read.packed.as_deref().unwrap()).unwrap(), text);
        // None without one, as every document before the section.
        assert_eq!(history_from_json(&plan_to_json(&plan)), Ok(None));
        // A damaged section says so, and the plan still opens.
        let damaged = document.replace("\"utc_offset_minutes\":60", "\"utc_offset\":60");
        assert_eq!(plan_from_json(&damaged), Ok(plan.clone()));
        assert!(history_from_json(&damaged)
            .unwrap_err()
            .contains("history section"));
        let neither = plan_to_json_with(
            &plan,
            Some(&Stored {
                packed: None,
                ..stored
            }),
        );
        assert!(history_from_json(&neither).unwrap_err().contains("neither"));
    }

    #[test]
    fn a_plan_larger_than_any_plan_is_refused_even_beside_room_for_a_history() {
        let plan = Plan {
            service: "x".repeat(MAX_DOCUMENT_BYTES),
            ..Plan::default()
        };
        let text = format!(
            r#"{{"format":"{FORMAT}","version":{CURRENT_VERSION},"plan":{}}}"#,
            json::to_string(&plan)
        );
        assert!(matches!(
            plan_from_json(&text),
            Err(LoadError::TooLarge {
                max: MAX_DOCUMENT_BYTES,
                ..
            })
        ));
        let huge = " ".repeat(MAX_WITH_HISTORY_BYTES + 1);
        assert!(matches!(
            plan_from_json(&huge),
            Err(LoadError::TooLarge {
                max: MAX_WITH_HISTORY_BYTES,
                ..
            })
        ));
        // A megabyte that names no history is refused as more than any plan, unread;
        // one that does, for what is not its history.
        let padded = format!(r#"{{"format":"{FORMAT}",{}}}"#, " ".repeat(1 << 20));
        assert_eq!(
            plan_from_json(&padded),
            Err(LoadError::TooLarge {
                size: padded.len(),
                max: MAX_DOCUMENT_BYTES
            })
        );
        let sample = Stored {
            name: "s".to_owned(),
            sample: Some("deploy.json".to_owned()),
            packed: None,
            utc_offset_minutes: 0,
        };
        let with_history = plan_to_json_with(&Plan::default(), Some(&sample)).replacen(
            '{',
            &format!("{{{}", " ".repeat(1 << 20)),
            1,
        );
        assert!(matches!(
            plan_from_json(&with_history),
            Err(LoadError::TooLarge {
                max: MAX_DOCUMENT_BYTES,
                ..
            })
        ));
    }

    #[test]
    fn foreign_json_is_named_as_such() {
        assert_eq!(
            plan_from_json(r#"{"format":"other","version":1,"plan":{}}"#),
            Err(LoadError::WrongFormat)
        );
        assert!(matches!(plan_from_json("[1,2]"), Err(LoadError::BadJson { .. })));
        assert!(matches!(plan_from_json(""), Err(LoadError::BadJson { .. })));
    }

    #[test]
    fn a_newer_version_says_so() {
        let text = plan_to_json(&Plan::default()).replace(
            &format!("\"version\":{CURRENT_VERSION}"),
            &format!("\"version\":{}", CURRENT_VERSION + 1),
        );
        let error = plan_from_json(&text).unwrap_err();
        assert_eq!(
            error,
            LoadError::FutureVersion {
                found: CURRENT_VERSION + 1
            }
        );
        assert!(error.to_string().contains("newer"));
    }

    #[test]
    fn impossible_values_are_rejected_with_the_field() {
        let text = plan_to_json(&Plan::default()).replace("99.9", "101");
        let error = plan_from_json(&text).unwrap_err();
        assert!(error.to_string().contains("target_percent"), "{error}");
    }

    #[test]
    fn a_version_1_plan_gets_the_workbook_tiers_for_its_window() {
        let v1 = r#"{"format":"slo-planner/plan","version":1,"plan":{"service":"s","target_percent":99.9,
            "window":{"rolling":{"days":28}},"sli":"request_based",
            "traffic":{"value":100,"unit":"per_second"},
            "reverse":{"downtime_seconds":60,"window":"calendar_month"}}}"#;
        let plan = plan_from_json(v1).unwrap();
        assert_eq!(plan.slos.len(), 1);
        let tiers = &plan.slo().alerts.tiers;
        assert_eq!(*tiers, crate::alerts::workbook_preset(28.0 * 86_400.0));
        assert_eq!(tiers.len(), 4);
    }
}
