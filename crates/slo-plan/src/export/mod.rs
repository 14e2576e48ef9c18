//! Encodings of the plan for other tools: Prometheus rules, OpenSLO and Sloth
//! documents. Pure text generation, tested natively.

pub mod openslo;
pub mod prometheus;
pub mod sloth;
