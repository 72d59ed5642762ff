//! What a webhook delivery can be refused for, answered as
//! `{"error": {"code", "message"}}` like every other error.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use flightdeck_store::StoreError;

use crate::error::{ErrorBody, ErrorDetail};

/// Why a delivery was not stored.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// No shop is registered for the sending domain (`401`: nothing to verify with).
    #[error("no shop is registered for this domain; add it with `flightdeck shops add`")]
    UnknownShop,
    /// The signature does not match the shop's secret (`401`).
    #[error("the webhook signature does not match the shop's secret")]
    BadSignature,
    /// A signed delivery that cannot be read (`400`); the message says why.
    #[error("{0}")]
    Invalid(String),
    /// The store failed (`500`, nothing acknowledged; the shop will retry).
    #[error("internal error")]
    Store(#[from] StoreError),
}

impl WebhookError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookError::UnknownShop | WebhookError::BadSignature => StatusCode::UNAUTHORIZED,
            WebhookError::Invalid(_) => StatusCode::BAD_REQUEST,
            WebhookError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            WebhookError::UnknownShop => "unknown_shop",
            WebhookError::BadSignature => "bad_signature",
            WebhookError::Invalid(_) => "invalid_request",
            WebhookError::Store(_) => "internal",
        }
    }
}

impl IntoResponse for WebhookError {
    fn into_response(self) -> Response {
        match &self {
            WebhookError::Store(cause) => tracing::error!(%cause, "webhook not stored"),
            other => tracing::warn!(code = other.code(), "webhook refused"),
        }
        let body = ErrorBody { error: ErrorDetail { code: self.code().to_owned(), message: self.to_string() } };
        (self.status(), Json(body)).into_response()
    }
}
