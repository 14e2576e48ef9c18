//! Pasted history never panics the reader: random text, and Prometheus answers and CSV
//! files with random edits, either read into ordered, finite series or are refused with
//! a message; whatever reads, read as counters or a ratio, never panics either.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use slo_engine::observed::{Counting, Observed};
use slo_plan::history::{read, MAX_SAMPLES};

/// What is read is ordered, finite and within the limits.
fn check(text: &str, offset: i32) -> Result<(), TestCaseError> {
    match read(text, offset) {
        Ok(imported) => {
            for s in &imported.series {
                prop_assert!(s.samples.len() <= MAX_SAMPLES);
                prop_assert!(
                    s.samples.windows(2).all(|w| w[0].0 < w[1].0),
                    "{} not ordered",
                    s.name
                );
                prop_assert!(s.samples.iter().all(|(_, v)| v.is_finite()));
                let _ = Observed::from_ratio(&s.samples);
                for counting in [Counting::Counter, Counting::PerSecond, Counting::PerInterval] {
                    let _ = Observed::from_counts(&s.samples, &s.samples, counting);
                }
            }
        }
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

const MATRIX: &str = r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"errors"},"values":[[1730000000,"1"],[1730000060,"3"]]},{"metric":{"__name__":"requests"},"values":[[1730000000,"100"],[1730000060,"200"]]}]}}"#;
const GRAFANA: &str = "\"Time\",\"errors\",\"requests\"\n\"2026-11-01 10:00:00\",\"1\",\"100\"\n\"2026-11-01 10:01:00\",\"3\",\"200\"\n";

/// Replaces, inserts or deletes characters of `text` at the given positions.
fn mutate(text: &str, edits: &[(usize, Option<char>, bool)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, c, insert) in edits {
        let i = at % (chars.len() + 1);
        match (c, insert) {
            (Some(c), true) => chars.insert(i, c),
            (Some(c), false) if i < chars.len() => chars[i] = c,
            (None, _) if i < chars.len() => {
                chars.remove(i);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}", offset in -1_000i32..1_000) {
        check(&text, offset)?;
    }

    #[test]
    fn edited_answers_and_files_never_panic(
        edits in proptest::collection::vec((any::<usize>(), proptest::option::of(any::<char>()), any::<bool>()), 1..6),
        offset in -900i32..900,
    ) {
        check(&mutate(MATRIX, &edits), offset)?;
        check(&mutate(GRAFANA, &edits), offset)?;
    }
}
