//! The share link: the plan in the URL fragment, versioned and compressed.
//!
//! A link is `https://<host>/#plan=<version>.<payload>`, where `payload` is the plan's
//! compact JSON (schema `version`), compressed and written in unpadded base64url (RFC
//! 4648 §5). Since version 5 the compressed form is a zlib stream (RFC 1950): DEFLATE
//! with the Adler-32 checksum of the JSON, so a damaged link is refused instead of
//! opening as another plan; versions 1 to 4 are raw DEFLATE (RFC 1951). The plan lives
//! in the fragment so it never reaches a server. See `docs/plan-format.md`.
//!
//! DEFLATE is miniz_oxide's, at its best compression, and base64url the `base64`
//! crate's. The browser has both too (`CompressionStream("deflate-raw")`,
//! `Uint8Array.toBase64`), but asynchronously and only in the browser; these crates
//! keep the codec synchronous and tested natively with the rest of the plan.

use super::document::{plan_from_versioned, plan_to_compact_json, LoadError, CURRENT_VERSION};
use super::model::Plan;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::inflate::TINFLStatus;

/// The fragment key that introduces a plan.
pub const PREFIX: &str = "plan=";
/// The longest fragment read, in characters; longer ones are refused unread.
pub const MAX_FRAGMENT_CHARS: usize = 32 * 1024;
/// The most bytes a payload may decompress to (bounds a crafted "zip bomb").
pub const MAX_INFLATED_BYTES: usize = 256 * 1024;
/// miniz_oxide's best compression level (slowest; a plan is a few kilobytes).
const LEVEL: u8 = 10;
/// The first version whose links are zlib streams with a checksum.
const CHECKSUMMED: u32 = 5;

/// The fragment (without `#`) that encodes `plan` in the current version.
pub fn encode(plan: &Plan) -> String {
    let json = plan_to_compact_json(plan);
    format!("{PREFIX}{CURRENT_VERSION}.{}", pack(json.as_bytes()))
}

/// `bytes` compressed as a zlib stream (DEFLATE with an Adler-32 checksum) and written
/// in unpadded base64url.
pub fn pack(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, LEVEL))
}

/// Reads a URL fragment (with or without its leading `#`).
///
/// Returns `Ok(None)` when the fragment holds no plan at all (empty, or just `#`), so
/// the app falls back to the saved plan.
///
/// # Errors
/// A [`LoadError`] for anything that looks like a plan link but cannot be opened.
pub fn decode(fragment: &str) -> Result<Option<Plan>, LoadError> {
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(LoadError::TooLarge {
            size: fragment.len(),
            max: MAX_FRAGMENT_CHARS,
        });
    }
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Ok(None);
    }
    let body = fragment.strip_prefix(PREFIX).ok_or(LoadError::NotAPlanLink)?;
    let (version, payload) = body.split_once('.').ok_or(LoadError::BadVersion)?;
    if version.is_empty() || version.len() > 9 || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LoadError::BadVersion);
    }
    let version: u32 = version.parse().map_err(|_| LoadError::BadVersion)?;
    if version > CURRENT_VERSION {
        return Err(LoadError::FutureVersion { found: version });
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LoadError::BadEncoding)?;
    let inflated = if version >= CHECKSUMMED {
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_INFLATED_BYTES)
    } else {
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED_BYTES)
    };
    let json = inflated.map_err(|error| match error.status {
        TINFLStatus::HasMoreOutput => LoadError::TooLarge {
            size: MAX_INFLATED_BYTES + 1,
            max: MAX_INFLATED_BYTES,
        },
        _ => LoadError::BadCompression,
    })?;
    let json = std::str::from_utf8(&json).map_err(|_| LoadError::BadJson {
        detail: "the plan is not UTF-8 text".to_owned(),
    })?;
    plan_from_versioned(version, json).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips() {
        let plan = Plan {
            service: "payments-api".to_owned(),
            slos: vec![crate::SloSpec {
                target_percent: 99.95,
                ..Plan::default().slo().clone()
            }],
            ..Plan::default()
        };
        assert_eq!(decode(&format!("#{}", encode(&plan))), Ok(Some(plan)));
    }

    #[test]
    fn numbers_come_back_to_the_last_bit() {
        // Values that a fast, inexact float parser reads one unit in the last place off.
        for value in [
            2_057_213.229_744_695_f64,
            0.1 + 0.2,
            99.949_900_000_000_01,
            1e-300,
            123_456.789_012_345_67,
        ] {
            let plan = Plan {
                traffic: crate::TrafficSpec {
                    value,
                    unit: crate::TrafficUnit::PerSecond,
                },
                slos: vec![crate::SloSpec {
                    sli: crate::SliSpec::Latency {
                        threshold_ms: value.min(3.6e6),
                    },
                    ..Plan::default().slo().clone()
                }],
                ..Plan::default()
            };
            let back = decode(&encode(&plan)).unwrap().unwrap();
            assert_eq!(back.traffic.value.to_bits(), value.to_bits(), "{value}");
        }
    }

    #[test]
    fn an_empty_fragment_holds_no_plan() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#"), Ok(None));
    }

    #[test]
    fn each_kind_of_damage_is_named() {
        let good = encode(&Plan::default());
        let payload = good.split_once('.').unwrap().1;
        assert_eq!(decode("#section-2"), Err(LoadError::NotAPlanLink));
        assert_eq!(decode("#plan=abc"), Err(LoadError::BadVersion));
        assert_eq!(decode("#plan=x.abc"), Err(LoadError::BadVersion));
        assert_eq!(
            decode(&format!("plan={}.{payload}", CURRENT_VERSION + 1)),
            Err(LoadError::FutureVersion {
                found: CURRENT_VERSION + 1
            })
        );
        assert_eq!(decode(&format!("plan=2.{payload}!")), Err(LoadError::BadEncoding));
        assert_eq!(
            decode(&format!("plan=2.{}", &payload[..payload.len() / 8 * 4])),
            Err(LoadError::BadCompression)
        );
        assert!(matches!(
            decode(&"a".repeat(MAX_FRAGMENT_CHARS + 1)),
            Err(LoadError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_decompression_bomb_is_refused() {
        let huge = vec![b' '; MAX_INFLATED_BYTES * 4];
        let link = format!("plan={CURRENT_VERSION}.{}", pack(&huge));
        assert!(link.len() < MAX_FRAGMENT_CHARS);
        assert!(matches!(decode(&link), Err(LoadError::TooLarge { .. })));
    }

    #[test]
    fn a_damaged_link_is_refused_never_opened_as_another_plan() {
        let plan = Plan::default();
        let good = encode(&plan);
        let start = good.find('.').unwrap() + 1;
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let (mut refused, mut same) = (0, 0);
        for at in start..good.len() {
            for step in [1, 7, 23, 40] {
                let mut bytes = good.clone().into_bytes();
                let k = ALPHABET.iter().position(|c| *c == bytes[at]).unwrap();
                bytes[at] = ALPHABET[(k + step) % ALPHABET.len()];
                let damaged = String::from_utf8(bytes).unwrap();
                match decode(&damaged) {
                    Err(_) => refused += 1,
                    // The last character's unused low bits do not change the bytes.
                    Ok(opened) => {
                        assert_eq!(opened.as_ref(), Some(&plan), "{damaged} opened as another plan");
                        same += 1;
                    }
                }
            }
        }
        assert!(
            refused > 50 * same,
            "{refused} refused, {same} read the same bytes"
        );
        // The same damage to a version 4 link (raw DEFLATE, no checksum) can open as
        // another plan.
        let v4 = include_str!("../tests/links/v4/default.link").trim();
        let plan = decode(v4).unwrap().unwrap();
        let start = v4.find('.').unwrap() + 1;
        let altered = (start..v4.len()).any(|at| {
            let mut bytes = v4.as_bytes().to_vec();
            bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
            matches!(decode(&String::from_utf8(bytes).unwrap()), Ok(Some(p)) if p != plan)
        });
        assert!(altered, "no single change altered the version 4 link");
    }

    #[test]
    fn a_typical_link_is_short() {
        let link = encode(&Plan::default());
        // The default plan carries a budget policy in words, four alert tiers and two
        // metric selectors; a link should stay well under 2,000 characters.
        assert!(link.len() < 1_000, "{} chars: {link}", link.len());
    }
}
