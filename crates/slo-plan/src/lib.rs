//! The plan: everything the user entered, as one type, and its encodings.
//!
//! Two stages, as in ripgrep's low-level/high-level arguments: [`Plan`] is the raw,
//! serialisable record of what was entered (the compatibility promise of every link);
//! [`Plan::validate`] turns it into a [`ValidPlan`] of engine types, from which results
//! are derived and never stored. [`link`] is the versioned URL-fragment encoding,
//! [`document`] the JSON used for export, import and autosave.

pub mod alerts;
pub mod capacity;
pub mod document;
pub mod edit;
pub mod export;
pub mod history;
pub mod input;
pub mod json;
mod legacy;
pub mod lessons;
pub mod link;
mod model;
pub mod money;
pub mod recent;
pub mod replay;
pub mod report;
pub mod risk;
pub mod table;
pub mod templates;
pub mod undo;
pub mod yaml;

pub use model::{
    BudgetSpec, ForecastSpec, ImpactSpec, IncidentSpec, Plan, PlanError, ReverseSpec, ScenarioSpec, SliSpec,
    SloSpec, ThresholdSpec, TrafficSpec, TrafficUnit, ValidPlan, WhatIfSpec, WindowSpec, MAX_CANDIDATES,
    MAX_SLOS,
};

/// Opens whatever a person pasted or picked to import: a JSON plan document, a whole
/// share link, or just its fragment.
///
/// # Errors
/// Why it is not a plan.
pub fn open_pasted(text: &str) -> Result<Plan, document::LoadError> {
    let text = text.trim();
    if text.starts_with('{') {
        return document::plan_from_json(text);
    }
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    link::decode(fragment)?.ok_or(document::LoadError::NotAPlanLink)
}

/// Opens an imported file: a JSON plan document.
///
/// # Errors
/// Why it is not a plan; a file that is not JSON says what it looks like instead.
pub fn open_file(text: &str) -> Result<Plan, document::LoadError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.starts_with('{') {
        return document::plan_from_json(text);
    }
    let yaml = text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("apiVersion:") || line.starts_with("version:") || line == "---"
    });
    Err(document::LoadError::NotADocument { yaml })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_links_documents_and_fragments_all_open() {
        let mut plan = Plan::default();
        plan.slo_mut().target_percent = 99.5;
        let fragment = link::encode(&plan);
        assert_eq!(
            open_pasted(&format!("http://127.0.0.1:8080/#{fragment}")),
            Ok(plan.clone())
        );
        assert_eq!(open_pasted(&fragment), Ok(plan.clone()));
        assert_eq!(open_pasted(&document::plan_to_json(&plan)), Ok(plan));
        assert_eq!(open_pasted(""), Err(document::LoadError::NotAPlanLink));
    }

    #[test]
    fn an_imported_file_is_a_document_and_anything_else_says_what_it_is() {
        let plan = Plan::default();
        let json = format!("\u{feff}{}\n", document::plan_to_json(&plan));
        assert_eq!(open_file(&json), Ok(plan));
        let yaml = "apiVersion: openslo/v1\nkind: SLO\n";
        assert_eq!(
            open_file(yaml),
            Err(document::LoadError::NotADocument { yaml: true })
        );
        let message = open_file("service,target\ncheckout,99.9\n")
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("This file is not a plan document"),
            "{message}"
        );
        assert!(!message.contains("link"), "{message}");
    }
}
