//! Flightdeck core: the domain model and the engines (vetting, compliance, tracking,
//! attribution, …) as pure functions over plain data.
//!
//! Nothing in this crate touches a database, a file or the network, so every engine
//! can be tested and benchmarked on generated data alone.

pub mod attribution;
pub mod compliance;
pub mod demo;
pub mod domain;
pub mod tracking;
pub mod vetting;

pub use domain::DomainError;
