//! Numbers read back exactly: a plan's numbers open to the same binary64 values that
//! were saved, to the last bit.
//!
//! serde_json keeps each number's text (feature `arbitrary_precision`) and the text is
//! parsed by the standard library, whose float parsing is correctly rounded; serde_json's
//! own fast path can be one unit in the last place off, and its exact mode costs more
//! wasm than this.

use serde::de::{Deserialize, Deserializer, Error};

/// Reads a JSON number as the nearest `f64`, exactly.
///
/// # Errors
/// When the value is not a number, or is outside the `f64` range.
pub fn f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    match number.as_str().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(D::Error::custom(format_args!("{number} is not a finite number"))),
    }
}
