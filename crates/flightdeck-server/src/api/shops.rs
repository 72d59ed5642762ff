//! `GET /api/v1/shops`: the shops whose webhooks the workspace accepts (never
//! their secrets).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, Utc};
use flightdeck_store::Shop;
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::Page;
use super::page::PageParams;
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppResult, ErrorBody};
use crate::AppState;

/// A registered shop.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShopItem {
    /// The shop's id.
    pub id: String,
    /// shopify or woocommerce.
    pub platform: String,
    /// The domain its deliveries come from.
    pub domain: String,
    /// When it was added (UTC, RFC 3339).
    pub created_at: DateTime<Utc>,
}

impl From<Shop> for ShopItem {
    fn from(s: Shop) -> Self {
        ShopItem {
            id: s.id.to_string(),
            platform: s.platform.as_str().to_owned(),
            domain: s.domain,
            created_at: s.created_at,
        }
    }
}

/// The workspace's shops, by domain.
#[utoipa::path(get, path = "/api/v1/shops", operation_id = "list_shops", tag = "shops", params(PageParams),
    responses((status = 200, body = Page<ShopItem>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<PageParams>, QueryRejection>,
) -> AppResult<Json<Page<ShopItem>>> {
    who.require(Principal::READERS)?;
    let paging = PageParams::of(params)?;
    let shops = state.store.list_shops(&who.workspace).await?;
    Ok(Json(paging.page(shops, ShopItem::from)))
}
