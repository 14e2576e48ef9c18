//! Property tests over hostile input: no link, document or saved text can panic the
//! decoder, and whatever opens is a valid plan. 100,000 cases per property.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::plan;
use proptest::prelude::*;
use slo_plan::document::plan_from_json;
use slo_plan::{link, open_pasted, Plan};

const CASES: u32 = 100_000;

/// Unpadded base64url, written independently of the app's codec.
fn b64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = bytes
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1))
        .peekable();
    let mut out = String::new();
    while bits.peek().is_some() {
        let v = (0..6).fold(0usize, |v, _| v << 1 | usize::from(bits.next().unwrap_or(0)));
        out.push(char::from(ABC[v]));
    }
    out
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Whatever opens must be a plan the engine accepts.
fn check_opened(result: Result<Option<Plan>, impl std::fmt::Display>) -> Result<(), TestCaseError> {
    match result {
        Ok(Some(plan)) => prop_assert!(plan.validate().is_ok(), "opened an invalid plan: {plan:?}"),
        Ok(None) => {}
        Err(error) => prop_assert!(!error.to_string().is_empty()),
    }
    Ok(())
}

/// A single edit of a text: replace, insert or delete a character, or cut it short.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<char>()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<usize>(), any::<char>()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match *m {
            Mutation::Replace(i, c) if !chars.is_empty() => chars[i % len] = c,
            Mutation::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Mutation::Delete(i) if !chars.is_empty() => {
                chars.remove(i % len);
            }
            Mutation::Truncate(i) => chars.truncate(i % len),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        check_opened(link::decode(&text))?;
        check_opened(link::decode(&format!("plan=1.{text}")))?;
        check_opened(plan_from_json(&text).map(Some))?;
    }

    #[test]
    fn random_payloads_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        // Valid base64url of random bytes reaches the decompressor.
        check_opened(link::decode(&format!("plan=1.{}", b64(&bytes))))?;
        // Valid DEFLATE of random bytes reaches the JSON parser.
        let packed = miniz_oxide::deflate::compress_to_vec(&bytes, 6);
        check_opened(link::decode(&format!("plan=1.{}", b64(&packed))))?;
    }

    #[test]
    fn mutated_links_never_panic(plan in plan(), mutations in proptest::collection::vec(mutation(), 1..4)) {
        let fragment = link::encode(&plan);
        check_opened(link::decode(&mutate(&fragment, &mutations)))?;
        // Mutating the JSON inside a well-formed link reaches the plan checks.
        let json = slo_plan::document::plan_to_compact_json(&plan);
        let packed = miniz_oxide::deflate::compress_to_vec(mutate(&json, &mutations).as_bytes(), 6);
        check_opened(link::decode(&format!("plan=1.{}", b64(&packed))))?;
        check_opened(open_pasted(&mutate(&json, &mutations)).map(Some))?;
    }

    #[test]
    fn every_finite_number_round_trips_to_the_last_bit(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        prop_assume!(value.is_finite());
        let text = slo_plan::json::to_string(&value);
        let back: f64 = slo_plan::json::from_str(&text).unwrap();
        prop_assert_eq!(back.to_bits(), value.to_bits(), "{}", text);
    }

    #[test]
    fn every_valid_plan_round_trips(plan in plan()) {
        prop_assert_eq!(link::decode(&link::encode(&plan)), Ok(Some(plan.clone())));
        prop_assert_eq!(
            plan_from_json(&slo_plan::document::plan_to_json(&plan)),
            Ok(plan)
        );
    }
}
