//! `POST /api/v1/erasure`: removes every trace of one shopper (admins only).

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::Json;
use flightdeck_store::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ApiCaller;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::privacy::{erase_shopper, ErasureError};
use crate::AppState;

/// Whom to erase.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasureRequest {
    /// The shopper's e-mail address; it is hashed with the workspace's key, never
    /// stored or logged. Anything with one `@` between a name and a domain is taken
    /// (as the shop sent it), not only what RFC 5322 allows.
    #[schema(pattern = r"^\s*[^@\s][^@]*@[^@]*[^@\s]\s*$")]
    pub customer: String,
}

/// What was removed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureResult {
    /// Orders removed.
    pub orders: u64,
    /// Clicks removed (those the orders carried the click id of).
    pub clicks: u64,
    /// Pixel and server events removed (those of the same click ids).
    pub events: u64,
    /// Refunds removed (those of the removed orders).
    pub refunds: u64,
    /// View-through exposures removed (keyed by the shopper's hash or a removed click id).
    pub exposures: u64,
}

/// Removes the shopper's orders, the clicks, events and view-through exposures joined
/// to them, and the orders' refunds. Erasing an unknown shopper answers zeros.
#[utoipa::path(post, path = "/api/v1/erasure", operation_id = "erase_customer", tag = "privacy",
    request_body = ErasureRequest,
    responses((status = 200, body = ErasureResult), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn erase(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    body: Result<Json<ErasureRequest>, JsonRejection>,
) -> AppResult<Json<ErasureResult>> {
    who.require(&[Role::Admin])?;
    let Json(req) = body.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let erased = erase_shopper(state.store.as_ref(), &who.workspace, &req.customer).await.map_err(|e| match e {
        ErasureError::NotAnEmail(_) => AppError::InvalidRequest(format!("customer: {e}")),
        ErasureError::Store(s) => AppError::from(s),
    })?;
    Ok(Json(ErasureResult {
        orders: erased.orders,
        clicks: erased.clicks,
        events: erased.events,
        refunds: erased.refunds,
        exposures: erased.exposures,
    }))
}
