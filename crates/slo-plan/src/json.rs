//! The plan's JSON, read and written by serde_json.
//!
//! Reading: serde_json's `float_roundtrip` parses every float correctly rounded, so a
//! plan opens to the same binary64 values that were saved, to the last bit; the record's
//! types refuse unknown fields (`deny_unknown_fields`) and serde refuses repeated ones.
//!
//! Writing: floats are written in the shortest digits that read back to the same
//! value, without an exponent (`100`, `0.0000001`), as every released link wrote them,
//! so the current version writes the same JSON as before for the same plan. That is
//! the standard library's `Display` for `f64`; [`PlanFormatter`] puts it in place of
//! serde_json's own float writer, which adds `.0` to whole numbers and exponents to
//! small ones. Values JSON cannot hold (NaN, infinities) are written as `null`; a valid
//! plan has none.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io;

/// serde_json's compact formatter, with floats written as the standard library's
/// `Display` writes them.
struct PlanFormatter;

impl serde_json::ser::Formatter for PlanFormatter {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        write!(writer, "{value}")
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        write!(writer, "{value}")
    }
}

/// `value` as compact JSON.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(1_024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PlanFormatter);
    // Writing to a Vec cannot fail, and the plan's types serialise infallibly (string
    // keys only).
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    // serde_json writes only valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a whole JSON text as a `T`.
///
/// # Errors
/// serde_json's explanation: what is wrong and where (line and column).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Plan, TrafficUnit};

    #[test]
    fn floats_read_exactly_and_write_shortest() {
        for v in [
            0.1_f64,
            99.9,
            1e-7,
            123_456.789,
            2.5e300,
            5e-324,
            -0.0,
            1e16,
            99.999_999_999_999_99,
        ] {
            let text = to_string(&v);
            assert_eq!(from_str::<f64>(&text).unwrap().to_bits(), v.to_bits(), "{text}");
        }
        assert_eq!(to_string(&100.0), "100");
        assert_eq!(to_string(&1e-7), "0.0000001");
        assert_eq!(to_string(&f64::NAN), "null");
        assert!(from_str::<f64>("1e400").is_err());
        assert!(from_str::<u32>("4294967296").is_err());
    }

    #[test]
    fn strings_escape_what_json_needs() {
        assert_eq!(to_string("x\"\\\né😀\u{1}"), r#""x\"\\\né😀\u0001""#);
        assert_eq!(from_str::<String>(r#""\u00e9\ud83d\ude00""#).unwrap(), "é😀");
        assert!(from_str::<String>(r#""\ud800""#).is_err());
    }

    #[test]
    fn names_round_trip_and_strangers_are_named() {
        assert_eq!(to_string(&TrafficUnit::PerDay), "\"per_day\"");
        assert_eq!(
            from_str::<TrafficUnit>("\"per_second\""),
            Ok(TrafficUnit::PerSecond)
        );
        let error = from_str::<TrafficUnit>("\"per_week\"").unwrap_err();
        assert!(
            error.starts_with("unknown variant `per_week`, expected `per_second` or `per_day`"),
            "{error}"
        );
        assert!(from_str::<TrafficUnit>("3").is_err());
    }

    #[test]
    fn unknown_and_repeated_fields_are_refused() {
        let json = to_string(&Plan::default());
        let unknown = json.replacen('{', r#"{"colour":"red","#, 1);
        assert!(
            from_str::<Plan>(&unknown)
                .unwrap_err()
                .starts_with("unknown field `colour`"),
            "{unknown}"
        );
        let repeated = json.replacen('{', r#"{"service":"x","#, 1);
        assert!(
            from_str::<Plan>(&repeated)
                .unwrap_err()
                .starts_with("duplicate field `service`"),
            "{repeated}"
        );
    }
}
