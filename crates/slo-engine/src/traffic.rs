//! Request traffic, for request-based and latency SLIs.

use crate::error::{finite, EngineError};
use crate::window::SECONDS_PER_DAY;

/// The largest rate accepted, in requests per second (a billion).
pub const MAX_REQUESTS_PER_SECOND: f64 = 1e9;

/// A mean request rate, strictly positive, in requests per second.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Traffic {
    per_second: f64,
}

impl Traffic {
    /// Traffic from requests per second.
    ///
    /// # Errors
    /// [`EngineError::TrafficOutOfRange`] unless `0 < per_second ≤ MAX_REQUESTS_PER_SECOND`.
    pub fn per_second(per_second: f64) -> Result<Self, EngineError> {
        let per_second = finite(per_second, "traffic")?;
        if per_second > 0.0 && per_second <= MAX_REQUESTS_PER_SECOND {
            Ok(Traffic { per_second })
        } else {
            Err(EngineError::TrafficOutOfRange { per_second })
        }
    }

    /// Traffic from requests per day (`per_day / 86,400` per second).
    ///
    /// # Errors
    /// As [`Traffic::per_second`].
    pub fn per_day(per_day: f64) -> Result<Self, EngineError> {
        Self::per_second(finite(per_day, "traffic")? / SECONDS_PER_DAY)
    }

    /// Requests per second.
    pub fn requests_per_second(self) -> f64 {
        self.per_second
    }

    /// Requests per day.
    pub fn requests_per_day(self) -> f64 {
        self.per_second * SECONDS_PER_DAY
    }
}
