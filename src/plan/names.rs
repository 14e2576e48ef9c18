//! Enums without data (a traffic unit, a severity), written in JSON as their names.
//!
//! Written by hand rather than derived: serde's derive compiles a visitor for each such
//! enum, about a kilobyte of wasm apiece; these share one reader.

use serde::de::{Deserialize, Deserializer, Error};

/// Reads a JSON string that must be one of `names`, and gives its position.
///
/// # Errors
/// When the value is not a string, or not one of `names` (the message lists them).
pub fn index<'de, D: Deserializer<'de>>(
    deserializer: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    let name = String::deserialize(deserializer)?;
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| D::Error::unknown_variant(&name, names))
}

/// Implements `Serialize` and `Deserialize` for a data-less enum as its names, in the
/// order of the variants given.
macro_rules! named_enum {
    ($type:ty, [$($variant:path => $name:literal),+ $(,)?]) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(match self {
                    $($variant => $name,)+
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const VARIANTS: &[$type] = &[$($variant),+];
                let i = $crate::plan::names::index(deserializer, &[$($name),+])?;
                Ok(VARIANTS[i])
            }
        }
    };
}
pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use crate::plan::TrafficUnit;

    #[test]
    fn names_round_trip_and_strangers_are_named() {
        assert_eq!(
            serde_json::to_string(&TrafficUnit::PerDay).unwrap(),
            "\"per_day\""
        );
        assert_eq!(
            serde_json::from_str::<TrafficUnit>("\"per_second\"").unwrap(),
            TrafficUnit::PerSecond
        );
        let error = serde_json::from_str::<TrafficUnit>("\"per_week\"")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("unknown variant `per_week`, expected `per_second` or `per_day`"),
            "{error}"
        );
        assert!(serde_json::from_str::<TrafficUnit>("3").is_err());
    }
}
