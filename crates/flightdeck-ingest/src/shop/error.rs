//! Why a webhook delivery was refused.

use thiserror::Error;

/// Why a shop webhook could not be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShopError {
    /// A header the platform always sends is missing.
    #[error("the `{header}` header is missing; is the webhook sent by the shop itself?")]
    MissingHeader {
        /// The header's name.
        header: &'static str,
    },
    /// A header is present but unusable.
    #[error("the `{header}` header is not valid: {reason}")]
    BadHeader {
        /// The header's name.
        header: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The signature is missing, malformed (e.g. hex), or made with another secret.
    #[error("the webhook signature does not match; check that the shop's secret in Flightdeck is the webhook secret (Shopify: the app's client secret)")]
    BadSignature,
    /// The body is larger than any order payload.
    #[error("the body is {len} bytes, more than the {max} accepted")]
    TooLarge {
        /// The body's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The body is not the JSON document the topic promises.
    #[error("the {what} body is not valid JSON of the expected shape: {reason}")]
    Json {
        /// Which document (`Shopify order`, …).
        what: &'static str,
        /// The parser's message, with line and column.
        reason: String,
    },
    /// A field the order cannot do without is missing or malformed.
    #[error("field `{field}`: {reason}")]
    Field {
        /// The JSON field (`total_price`, `date_created_gmt`, …).
        field: &'static str,
        /// What was wrong and what was expected.
        reason: String,
    },
}

impl ShopError {
    /// Whether the sender must be told `401 Unauthorized` (bad or missing signature)
    /// rather than `400 Bad Request`.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ShopError::BadSignature)
    }

    pub(crate) fn field(field: &'static str, reason: impl Into<String>) -> Self {
        ShopError::Field { field, reason: reason.into() }
    }
}
