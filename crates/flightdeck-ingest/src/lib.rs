//! Parsers for the outside world: CSV files, platform JSON and shop payloads.
//!
//! Every parser reports a bad value with its line, field and what was expected, and
//! never panics on input.

pub mod creators_csv;
pub mod csv_rows;
pub mod exposures_csv;
pub mod metrics_csv;
pub mod paths;
pub mod shop;
