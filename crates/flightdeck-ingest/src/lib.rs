//! Parsers for the outside world: CSV files, platform JSON and shop payloads.
//!
//! Every parser reports a bad value with its line, field and what was expected, and
//! never panics on input.

pub mod paths;
pub mod shop;
