//! The server's one error type and its one `IntoResponse`.
//!
//! Every handler returns [`AppError`]; it becomes `{"error": {"code", "message"}}`
//! with the matching status. Causes of 5xx answers are logged and never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use flightdeck_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// What can go wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No credentials, or credentials that are not valid.
    #[error("a valid API token is required: send `Authorization: Bearer <token>`")]
    Unauthorized,
    /// The credentials are valid but their role lacks the right.
    #[error("your role may not do this")]
    Forbidden,
    /// Nothing with this id in the caller's workspace (also: another workspace's id).
    #[error("not found")]
    NotFound,
    /// The request is malformed; the message says what was expected.
    #[error("{0}")]
    InvalidRequest(String),
    /// The route exists but not with this method.
    #[error("this method is not allowed here; see /api/v1/openapi.json")]
    MethodNotAllowed,
    /// Too many attempts; try again later.
    #[error("too many attempts; wait a minute and try again")]
    TooManyRequests,
    /// A feature this server does not offer yet.
    #[error("{0}")]
    NotImplemented(String),
    /// Something failed on our side (the cause is logged, never sent).
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotImplemented(_) => StatusCode::NOT_IMPLEMENTED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::InvalidRequest(_) => "invalid_request",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::TooManyRequests => "too_many_requests",
            AppError::NotImplemented(_) => "not_implemented",
            AppError::Internal(_) => "internal",
        }
    }

    /// The message safe to show (never the cause of a 5xx); logs that cause.
    pub fn public_message(&self) -> String {
        if let AppError::Internal(cause) = self {
            tracing::error!(%cause, "request failed");
        }
        self.to_string()
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => AppError::NotFound,
            StoreError::Conflict(m) => AppError::InvalidRequest(format!("already exists: {m}")),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("rendering a page: {e}"))
    }
}

/// The JSON body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code: `unauthorized`, `forbidden`, `not_found`, `invalid_request`,
    /// `method_not_allowed`, `too_many_requests`, `not_implemented`, `internal`.
    pub code: String,
    /// A message for people.
    pub message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { code: self.code().to_owned(), message: self.public_message() } };
        let mut response = (self.status(), Json(body)).into_response();
        if matches!(self, AppError::Unauthorized) {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Result of a handler.
pub type AppResult<T> = Result<T, AppError>;
