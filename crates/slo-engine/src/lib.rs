//! Pure reliability math for slo-planner.
//!
//! Architecture invariant: this crate does no IO and depends on nothing from the web
//! platform, so every formula is tested natively with `cargo test -p slo-engine`.
//! Values enter through validating constructors ([`Target::new`], [`Window::rolling`],
//! [`Traffic::per_second`], …) and downstream code takes the validated types, so no
//! function here can be handed NaN or an impossible value.
//!
//! Units: durations are `f64` seconds, targets are fractions in (0, 1) (with percent
//! accessors), traffic is requests per second. Calendar conventions are in [`window`].

pub mod alert_timeline;
pub mod bounds;
pub mod budget;
pub mod burn_down;
pub mod burn_rate;
pub mod capacity;
pub mod composite;
pub mod error;
pub mod error_profile;
pub mod explain;
pub mod formula;
pub mod growth;
pub mod incident;
pub mod ledger;
pub mod money;
pub mod notation;
pub mod objective;
pub mod observed;
pub mod policy;
pub mod queueing;
pub mod risk;
pub mod scalability;
pub mod sla;
pub mod time;
pub mod tolerance;
pub mod traffic;
pub mod window;

pub use budget::{allowed_bad_requests, allowed_downtime, availability_for_downtime};
pub use error::EngineError;
pub use objective::{BudgetUnit, LatencyThreshold, SliKind, Target, Timeslice};
pub use traffic::Traffic;
pub use window::Window;
