//! The Web Worker that reads the Prometheus counters a user types: a third binary
//! (`src/bin/promql.rs`), fetched the first time the Alerts page shows an SLO's own
//! counters, so the PromQL grammar's tables and its regex engine (about 370 KB gzip)
//! are in neither the page nor the study's worker.

use crate::worker::Json;
use gloo::worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// Where this build's PromQL worker loader is (named in the page by
/// `scripts/offline.mjs`, like the plan worker's).
pub fn loader() -> String {
    crate::ui::browser::meta("slo-promql").unwrap_or_else(|| "./slo-promql_loader.js".to_owned())
}

/// The two counters' selectors an SLO's rules are written with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Selectors {
    /// The bad (or good) events counter.
    pub numerator: String,
    /// The all events counter.
    pub total: String,
}

/// What is wrong with each selector (`None` when it reads), with the selectors asked
/// about, so that a late answer is not taken for newer text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Read {
    /// The selectors read.
    pub asked: Selectors,
    /// The bad (or good) events counter's problem.
    pub numerator: Option<String>,
    /// The all events counter's problem.
    pub total: Option<String>,
}

/// Reads both selectors.
pub fn read(asked: Selectors) -> Read {
    Read {
        numerator: selector_problem(&asked.numerator),
        total: selector_problem(&asked.total),
        asked,
    }
}

/// Why `text` cannot be a counter's selector in the exported rules, which take its rate
/// over each window (`rate(<text>[1h])`); `None` when it can. Read by Prometheus's
/// grammar as `promql-parser` implements it; the test `promql_agrees_with_promtool`
/// checks that promtool accepts the rules exactly when this does.
pub fn selector_problem(text: &str) -> Option<String> {
    use promql_parser::parser::{parse, Expr};
    let example = "e.g. http_requests_total{job=\"api\",code=~\"5..\"}";
    match parse(text) {
        Err(e) => Some(format!(
            "This is not valid PromQL ({}); a counter's selector is a metric name with optional labels in braces, {example}.",
            e.trim_end_matches('.')
        )),
        Ok(Expr::VectorSelector(v)) if v.offset.is_none() && v.at.is_none() => None,
        Ok(Expr::VectorSelector(_)) => Some(format!(
            "The rules add each window to the selector: leave out the offset or @ modifier, {example}."
        )),
        Ok(_) => Some(format!(
            "This is an expression, not a selector: the rules take the rate of the counter you name, {example}."
        )),
    }
}

/// The worker: reads each pair of selectors it is sent.
pub struct PromqlWorker;

impl Worker for PromqlWorker {
    type Message = ();
    type Input = Selectors;
    type Output = Read;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        PromqlWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, asked: Selectors, id: HandlerId) {
        scope.respond(id, read(asked));
    }
}

/// Messages as JSON text, like the plan worker's.
pub type Codec = Json;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use slo_plan::Plan;

    #[test]
    fn a_selector_is_a_counter_with_labels_and_nothing_else() {
        for good in [
            "http_requests_total",
            "http_requests_total{job=\"api\",code=~\"5..\"}",
            "{__name__=\"up\",job!=\"x\"}",
            "grpc_server_handled_total{grpc_code!~\"OK|NotFound\"}",
        ] {
            assert_eq!(selector_problem(good), None, "{good}");
        }
        let problem = |text| selector_problem(text).unwrap_or_else(|| panic!("{text} accepted"));
        assert!(problem("http_requests_total{job=\"api\"").starts_with("This is not valid PromQL ("));
        assert!(problem("rate(http_requests_total[5m])").starts_with("This is an expression"));
        assert!(problem("http_requests_total[5m]").starts_with("This is an expression"));
        assert!(problem("http_requests_total offset 5m").contains("leave out the offset"));
        assert!(problem("").starts_with("This is not valid PromQL"));
    }

    /// promtool loads the rules written with a selector exactly when
    /// [`selector_problem`] accepts it (skipped where promtool is not installed).
    #[test]
    fn promql_agrees_with_promtool() {
        if std::process::Command::new("promtool")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("promtool is not installed: skipped");
            return;
        }
        let cases = [
            "http_requests_total{code=~\"5..\"}",
            "http_requests_total{code=~\"5..\"",
            "sum(http_requests_total)",
            "http_requests_total offset 1h",
            "http_requests_total @ 100",
            "errors_total{a=\"b\",}",
            "1 + 1",
            "{job=\"api\"}",
            "foo{job=~\"(\"}",
            "up{job=\"a\\\"b\"}",
        ];
        let dir = std::env::temp_dir().join(format!("slo-selectors-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (i, selector) in cases.iter().enumerate() {
            let mut plan = Plan::default();
            plan.slo_mut().alerts.metric = Some(slo_plan::alerts::MetricSpec {
                ratio: slo_plan::alerts::RatioSpec::BadOverTotal,
                numerator: (*selector).to_owned(),
                total: "http_requests_total".to_owned(),
            });
            let valid = plan.validate().unwrap();
            let yaml = slo_plan::report::alerts::plan_rules(&plan, &valid);
            let file = dir.join(format!("{i}.yml"));
            std::fs::write(&file, yaml).unwrap();
            let loads = std::process::Command::new("promtool")
                .args(["check", "rules"])
                .arg(&file)
                .output()
                .unwrap()
                .status
                .success();
            assert_eq!(
                selector_problem(selector).is_none(),
                loads,
                "{selector}: promtool loads it: {loads}"
            );
        }
    }
}
