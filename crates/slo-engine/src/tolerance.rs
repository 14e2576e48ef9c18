//! The one place float comparisons get their tolerance.
//!
//! Results are compared with a relative tolerance of 1e-6 (or an absolute one of 1e-9
//! near zero): tight enough to catch a wrong formula or convention (a 365- versus
//! 365.2425-day year differs by 6.6e-4), loose enough to ignore floating-point noise.

/// Relative tolerance used by [`close`].
pub const RELATIVE: f64 = 1e-6;
/// Absolute tolerance used by [`close`] for values near zero.
pub const ABSOLUTE: f64 = 1e-9;

/// Whether `actual` equals `expected` within the project's tolerance.
pub fn close(actual: f64, expected: f64) -> bool {
    let diff = (actual - expected).abs();
    diff <= ABSOLUTE || diff <= RELATIVE * expected.abs().max(actual.abs())
}

/// Panics with both values when they are not [`close`].
#[track_caller]
pub fn assert_close(actual: f64, expected: f64) {
    assert!(
        close(actual, expected),
        "expected {expected}, got {actual} (difference {})",
        actual - expected
    );
}
