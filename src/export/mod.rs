//! Encodings of the plan for other tools. Pure text generation, tested natively.

pub mod markdown;
pub mod openslo;
pub mod prometheus;
pub mod sloth;
