//! `GET /api/v1/workspace`: the caller's workspace, its brand and what it holds.

use axum::extract::State;
use axum::Json;
use flightdeck_store::WorkspaceCounts;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// A workspace as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkspaceInfo {
    /// The workspace's id.
    pub id: String,
    /// Its unique name.
    pub name: String,
    /// The brand it works for.
    pub brand: String,
    /// Domains tracking links may point to.
    pub allowed_domains: Vec<String>,
    /// What it holds: creators, accounts, metric_days, posts, campaigns, links, clicks, orders.
    #[schema(value_type = Object)]
    pub counts: WorkspaceCounts,
    /// The caller's role.
    pub role: String,
}

/// The caller's workspace.
#[utoipa::path(get, path = "/api/v1/workspace", operation_id = "show_workspace", tag = "workspace",
    responses((status = 200, body = WorkspaceInfo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>, ApiCaller(who): ApiCaller) -> AppResult<Json<WorkspaceInfo>> {
    who.require(Principal::READERS)?;
    let ws = state.store.find_workspace(who.workspace.as_str()).await?.ok_or(AppError::NotFound)?;
    let counts = state.store.counts(&ws.id).await?;
    Ok(Json(WorkspaceInfo {
        id: ws.id.to_string(),
        name: ws.name.as_str().to_owned(),
        brand: ws.brand.name.as_str().to_owned(),
        allowed_domains: ws.brand.allowed_domains.iter().map(|d| d.as_str().to_owned()).collect(),
        counts,
        role: who.role.as_str().to_owned(),
    }))
}
