//! `POST /api/v1/links`, `GET /api/v1/links` and `GET /api/v1/links/{id}/qr`: the link
//! engine of `flightdeck links create|list|qr`, same JSON.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use flightdeck_store::Role;
use serde::Deserialize;
use utoipa::IntoParams;

use super::links::{create_link, find_link, list_links, short_url, LinkView, NewLink};
use super::qr::qr_svg;
use crate::api::dto::Page;
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// Page size when `limit` is not given, and the most a page may hold.
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 1000;

/// Filters and paging of the link list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LinkParams {
    /// Only links of this campaign (`ca_…`).
    pub campaign: Option<String>,
    /// Only links of this creator (`cr_…`).
    pub creator: Option<String>,
    /// Page size (1–1000, default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

/// Creates a tracking link: the destination must be on one of the brand's domains.
#[utoipa::path(post, path = "/api/v1/links", tag = "tracking", request_body = NewLink,
    responses((status = 201, body = LinkView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, description = "No such campaign or creator", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    body: Result<Json<NewLink>, JsonRejection>,
) -> AppResult<(StatusCode, Json<LinkView>)> {
    who.require(Principal::WRITERS)?;
    let Json(new) = body.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let workspace = state.store.find_workspace(who.workspace.as_str()).await?.ok_or(AppError::NotFound)?;
    let view = create_link(state.store.as_ref(), &workspace, &new, &state.track.settings.public_url).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The workspace's links, oldest first, with clicks by people and by bots apart; a
/// creator sees only their own links.
#[utoipa::path(get, path = "/api/v1/links", tag = "tracking", params(LinkParams),
    responses((status = 200, body = Page<LinkView>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<LinkParams>, QueryRejection>,
) -> AppResult<Json<Page<LinkView>>> {
    who.require(&[Role::Admin, Role::Marketer, Role::Viewer, Role::Creator])?;
    let Query(p) = params.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let limit = match &p.limit {
        Some(l) => l
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|v| (1..=MAX_LIMIT).contains(v))
            .ok_or_else(|| AppError::InvalidRequest(format!("`limit`: expected 1 to {MAX_LIMIT}, got `{l}`")))?,
        None => DEFAULT_LIMIT,
    };
    let offset = match &p.cursor {
        Some(c) => c.trim().parse::<usize>().map_err(|_| {
            AppError::InvalidRequest(format!("`cursor`: expected the `next` of a previous page, got `{c}`"))
        })?,
        None => 0,
    };
    let own = who.creator.as_ref().filter(|_| who.role == Role::Creator).map(ToString::to_string);
    let all = list_links(state.store.as_ref(), &who.workspace, &state.track.settings.public_url).await?;
    let matching: Vec<LinkView> = all
        .into_iter()
        .filter(|l| p.campaign.as_deref().is_none_or(|c| l.campaign_id == c.trim()))
        .filter(|l| p.creator.as_deref().is_none_or(|c| l.creator_id == c.trim()))
        .filter(|l| who.role != Role::Creator || own.as_deref() == Some(l.creator_id.as_str()))
        .collect();
    let end = offset.saturating_add(limit);
    let next = (matching.len() > end).then(|| end.to_string());
    let items = matching.into_iter().skip(offset).take(limit).collect();
    Ok(Json(Page { items, next }))
}

/// The QR code of a link's short URL, as SVG.
#[utoipa::path(get, path = "/api/v1/links/{id}/qr", tag = "tracking",
    params(("id" = String, Path, description = "link id or short code")),
    responses((status = 200, description = "image/svg+xml", content_type = "image/svg+xml", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn qr(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Response> {
    who.require(&[Role::Admin, Role::Marketer, Role::Viewer, Role::Creator])?;
    let link = find_link(state.store.as_ref(), &who.workspace, &id).await?;
    if who.role == Role::Creator && who.creator.as_ref() != Some(&link.creator_id) {
        return Err(AppError::NotFound);
    }
    let svg = qr_svg(&short_url(&state.track.settings.public_url, &link.code))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"))], svg).into_response())
}
