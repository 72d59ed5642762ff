//! The one error type of the attribution engine.

use thiserror::Error;

/// Why a path or a model request was refused.
///
/// Parsers map these onto "line L, column C" themselves, so the messages say only what
/// was wrong and what was expected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AttributionError {
    /// A path with no channel in it (empty, or only separators).
    #[error("the path has no channel: expected channel names joined by ` > `")]
    EmptyPath,
    /// A count or value that is not a finite number in range.
    #[error("{field}: expected {expected}, got {got}")]
    BadNumber {
        /// The field (`total_conversions`, `total_conversion_value`, `total_null`).
        field: &'static str,
        /// What is accepted.
        expected: &'static str,
        /// What was given.
        got: f64,
    },
    /// More distinct channels than a path set can hold.
    #[error("more than {limit} distinct channels")]
    TooManyChannels {
        /// The largest number of channels supported.
        limit: usize,
    },
    /// More touches in one file than the engine indexes (2^32).
    #[error("the file has more than 4,294,967,295 touches")]
    TooManyTouches,
    /// A model name that does not exist.
    #[error(
        "unknown model `{0}`: expected one of first-touch, last-touch, linear, position-based, markov, shapley, all"
    )]
    UnknownModel(String),
    /// A Markov order below 1.
    #[error("the Markov order must be at least 1, got {0}")]
    BadOrder(usize),
    /// A Markov chain too large for the exact dense solver.
    #[error(
        "a Markov chain of order {order} over this file has {states} states; the exact solver handles at most {limit}: use a lower order"
    )]
    TooManyStates {
        /// The order asked for.
        order: usize,
        /// How many states the chain has.
        states: usize,
        /// The largest chain solved exactly.
        limit: usize,
    },
    /// A workspace-mode model name that does not exist.
    #[error(
        "unknown model `{0}`: expected one of first-touch, last-touch, last-non-direct, linear, time-decay, position-based, markov, shapley, all (or several joined by `,`)"
    )]
    UnknownFlightModel(String),
    /// A workspace-mode setting out of range.
    #[error("{setting}: expected {expected}, got {got}")]
    BadSetting {
        /// The setting.
        setting: &'static str,
        /// What is accepted.
        expected: &'static str,
        /// What was given.
        got: String,
    },
}
