//! The one error type for values that fail validation.

use thiserror::Error;

/// Why a raw value could not become a domain value.
///
/// `field` names the input field so that importers can report "line 3, column
/// `followers`: …" without knowing the rules themselves.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {reason}")]
pub struct DomainError {
    /// The input field the value came from (`followers`, `platform`, …).
    pub field: &'static str,
    /// What was wrong and what was expected, in words a user understands.
    pub reason: String,
}

impl DomainError {
    /// A validation failure of `field`, with a reason that says what was expected.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self { field, reason: reason.into() }
    }
}

/// Implements `FromStr` through a type's `parse`, so that domain values can be
/// parsed generically (`"NL".parse::<Country>()`).
macro_rules! from_str_via_parse {
    ($($t:ty),* $(,)?) => {
        $(
            impl std::str::FromStr for $t {
                type Err = DomainError;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    <$t>::parse(s)
                }
            }
        )*
    };
}
pub(crate) use from_str_via_parse;
